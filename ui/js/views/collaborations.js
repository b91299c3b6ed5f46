// #/collaborations — every collaboration, a page at a time, filterable by status.

import { h } from '../dom.js';
import { t, label } from '../i18n.js';
import * as api from '../api.js';
import { listController, countOf } from '../list.js';
import { pageHeader, emptyState, collaborationsTable } from './shared.js';

const state = { status: '', sort: 'status', direction: 'asc', page: 0 };

export async function render(ctx) {
  const { catalog, navigate } = ctx;

  const newBtn = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'new-collaboration' },
    'aria-keyshortcuts': 'N',
    onclick: () => navigate('#/collaborations/new'),
  }, t('collaborations.new'));

  const table = collaborationsTable([], { navigate });

  const list = listController({
    state,
    fetch: api.listCollaborations,
    filters: (s) => ({ client_id: null, status: s.status || null }),
    selects: [{
      key: 'status', id: 'collaboration-status-filter', label: t('collaborations.filter.label'), reset: '',
      options: [{ value: '', label: t('collaborations.filter.all') },
        ...(catalog.statuses || []).map((s) => ({ value: s, label: label('status', s) }))],
    }],
    count: { id: 'collaborations-count', text: countOf('collaborations.count') },
    show: (page) => table.update(page.items),
    unfiltered: (s) => (s.status ? { status: null } : null),
    firstRun: async () => {
      let hasClients = true;
      try {
        const res = await api.listClients({ search: '', archived: 'active', sort: 'name', direction: 'asc', page: 0, page_size: 1 });
        hasClients = res.total > 0;
      } catch { /* keep the generic empty state */ }
      return hasClients
        ? emptyState({
          title: t('collaborations.empty.title'),
          text: t('collaborations.empty.text'),
          actions: [h('button', {
            type: 'button', class: 'btn btn-primary btn-large', dataset: { action: 'new-collaboration' },
            onclick: () => navigate('#/collaborations/new'),
          }, t('collaborations.empty.cta'))],
        })
        : emptyState({
          title: t('collaborations.empty.title'),
          text: t('collaborations.empty.needs_client'),
          actions: [h('button', {
            type: 'button', class: 'btn btn-primary btn-large', dataset: { action: 'new-client' },
            onclick: () => navigate('#/clients/new'),
          }, t('collaborations.empty.add_client'))],
        });
    },
    noResult: (s) => emptyState({ text: t('collaborations.none_with_status', { status: label('status', s.status) }) }),
  });
  list.content.appendChild(table.el);

  const header = pageHeader({ title: t('collaborations.title'), actions: [newBtn] });
  header.querySelector('.page-heading').appendChild(list.count);
  const el = h('section', { class: 'view view-collaborations' },
    header, list.toolbar, list.listBlock, list.noResult, list.firstRun);

  await list.start(el);

  return {
    el,
    title: t('collaborations.title'),
    newItem: () => navigate('#/collaborations/new'),
    destroy: list.destroy,
  };
}
