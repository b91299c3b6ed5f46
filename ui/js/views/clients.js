// #/clients — server-side paginated, searchable, sortable list of clients.
// Only one page (50 rows) is ever fetched, so it stays instant at 10 000 clients.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { countryName, formatDate, formatInteger } from '../format.js';
import * as api from '../api.js';
import { listController, countOf } from '../list.js';
import { dataTable } from '../table.js';
import { pageHeader, emptyState } from './shared.js';

// Kept across visits so coming back from a client keeps the place in the list.
const state = { search: '', archived: 'active', sort: 'name', direction: 'asc', page: 0 };

export async function render(ctx) {
  const { navigate } = ctx;

  const newButton = (big) => h('button', {
    type: 'button',
    class: ['btn', 'btn-primary', big && 'btn-large'],
    dataset: { action: 'new-client' },
    'aria-keyshortcuts': big ? null : 'N',
    onclick: () => navigate('#/clients/new'),
  }, big ? t('clients.empty.cta') : t('clients.new'));

  const importButton = () => h('button', {
    type: 'button',
    class: 'btn',
    dataset: { action: 'import-clients' },
    onclick: () => navigate('#/clients/import'),
  }, t('clients.import'));

  const table = dataTable({
    id: 'clients-table',
    caption: t('clients.table_caption'),
    open: (c) => navigate(`#/clients/${c.id}`),
    rowClass: (c) => c.archived && 'is-archived',
    columns: [
      // The badge is drawn from data-badge (CSS ::after) so td.name holds the name only.
      { key: 'name', label: t('clients.col.name'), class: 'name', sortable: true, cell: (c) => c.name ?? '',
        cellData: (c) => ({
          badge: [c.private && t('clients.private_badge'), c.archived && t('clients.archived_badge')]
            .filter(Boolean).join(' · ') || null,
        }) },
      { key: 'contact', label: t('clients.col.contact'), class: 'contact', cell: (c) => c.contact_name ?? '' },
      { key: 'email', label: t('clients.col.email'), class: 'email',
        cell: (c) => h('span', { class: 'ellipsis', title: c.email || null }, c.email ?? '') },
      { key: 'city', label: t('clients.col.city'), class: 'city', sortable: true, cell: (c) => c.city ?? '' },
      { key: 'country', label: t('clients.col.country'), class: 'country', cell: (c) => countryName(c.country) },
      { key: 'collaborations', label: t('clients.col.collaborations'), class: 'collaborations num', sortable: true,
        cell: (c) => formatInteger(c.active_collaborations ?? 0) },
      { key: 'created_at', label: t('clients.col.created_at'), class: 'created num', sortable: true,
        cell: (c) => (c.created_at ? formatDate(c.created_at) : '') },
    ],
    onSort: (key) => list.setSort(key),
  });

  const list = listController({
    state,
    fetch: api.listClients,
    filters: (s) => ({ archived: s.archived }),
    directions: { name: 'asc', city: 'asc', created_at: 'desc', collaborations: 'desc' },
    search: { id: 'client-search', label: t('clients.search_label'), placeholder: t('clients.search_placeholder') },
    selects: [{
      key: 'archived', id: 'client-archived-filter', label: t('clients.filter.label'), reset: 'active',
      options: ['active', 'archived', 'all'].map((v) => ({ value: v, label: t(`clients.filter.${v}`) })),
    }],
    count: { id: 'clients-count', text: countOf('clients.count') },
    pagerId: 'clients-page',
    show: (page, { sort }) => table.update(page.items, sort),
    unfiltered: (s) => (s.archived === 'all' ? null : { archived: 'all' }),
    firstRun: () => emptyState({
      title: t('clients.empty.title'),
      text: t('clients.empty.text'),
      actions: [newButton(true), importButton()],
      className: 'empty-first',
    }),
    noResult: (s, { clearSearch }) => {
      const q = s.search.trim();
      return emptyState({
        text: q ? t('clients.no_match', { query: q }) : t(`clients.none_${s.archived}`),
        actions: q ? [h('button', { type: 'button', class: 'btn', onclick: clearSearch }, t('clients.clear_search'))] : [],
      });
    },
  });
  list.content.appendChild(table.el);

  const header = pageHeader({ title: t('clients.title'), actions: [importButton(), newButton(false)] });
  // The count sits right under the title.
  header.querySelector('.page-heading').appendChild(list.count);
  const el = h('section', { class: 'view view-clients' },
    header, list.toolbar, list.listBlock, list.noResult, list.firstRun);

  await list.start(el);

  return {
    el,
    title: t('clients.title'),
    focusSearch: list.focusSearch,
    newItem: () => navigate('#/clients/new'),
    destroy: list.destroy,
  };
}
