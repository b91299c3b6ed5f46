// #/quotes and #/invoices — server-side paginated, searchable, filterable and
// sortable lists of documents. The invoices list holds invoices, deposit
// invoices and credit notes, with a kind column.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { listController, countOf } from '../list.js';
import { pageHeader, emptyState } from './shared.js';
import { kindsOf, statusesOf, documentsTable, invoicesTabs } from './docs-shared.js';
import { formatDate } from '../format.js';

// Kept across visits, one per list, so coming back keeps the place.
const states = {
  quotes: { search: '', status: '', sort: 'date', direction: 'desc', page: 0, from: '', to: '', open: false },
  invoices: { search: '', status: '', sort: 'date', direction: 'desc', page: 0, from: '', to: '', open: false },
};

export const quotesView = { render: (ctx) => renderList(ctx, 'quotes') };
export const invoicesView = { render: (ctx) => renderList(ctx, 'invoices') };

async function renderList(ctx, family) {
  const { navigate, catalog, query } = ctx;
  const kinds = kindsOf(catalog, family);
  // A link from the dashboard says which documents it stands for: a status, a
  // span of dates, or « still to be paid ». It replaces the list's filters.
  const st = states[family];
  if (query && ['status', 'from', 'to', 'open'].some((k) => query.has(k))) {
    Object.assign(st, {
      search: '', page: 0, status: query.get('status') || '', from: query.get('from') || '', to: query.get('to') || '', open: query.get('open') === '1',
    });
  }
  const k = (key) => `docs.${family}.${key}`;
  const newHash = family === 'quotes' ? '#/quotes/new' : '#/invoices/new';

  const newButton = (big) => h('button', {
    type: 'button',
    class: ['btn', 'btn-primary', big && 'btn-large'],
    dataset: { action: family === 'quotes' ? 'new-quote' : 'new-invoice' },
    'aria-keyshortcuts': big ? null : 'N',
    onclick: () => navigate(newHash),
  }, big ? t(k('empty.cta')) : t(k('new')));

  const table = documentsTable([], {
    navigate, family, id: `${family}-table`, onSort: (key) => list.setSort(key),
  });

  const list = listController({
    state: states[family],
    fetch: api.listDocuments,
    filters: (s) => ({ kinds, status: s.status || null, client_id: null, from: s.from || null, to: s.to || null, open: !!s.open }),
    directions: { date: 'desc', number: 'desc', client: 'asc', total: 'desc' },
    search: { id: `${family}-search`, label: t(k('search_label')), placeholder: t('docs.search_placeholder') },
    selects: [{
      key: 'status', id: `${family}-status-filter`, name: 'status', label: t('docs.filter.label'), reset: '',
      options: [{ value: '', label: t('docs.filter.all') },
        ...statusesOf(catalog, family).map((s) => ({ value: s, label: t(`docs.status.${s}`) }))],
    }],
    count: { id: `${family}-count`, text: countOf(k('count')) },
    show: (page, { sort }) => table.update(page.items, sort),
    unfiltered: (s) => (s.status || s.from || s.to || s.open ? { status: null, from: null, to: null, open: false } : null),
    firstRun: () => emptyState({
      title: t(k('empty.title')),
      text: t(k('empty.text')),
      actions: [newButton(true)],
      className: 'empty-first',
    }),
    noResult: (s, { clearAll }) => {
      const q = s.search.trim();
      return emptyState({
        className: 'empty-compact',
        text: q
          ? t('docs.no_match', { query: q })
          : t('docs.none_with_status', { status: t(`docs.status.${s.status}`) }),
        actions: [h('button', { type: 'button', class: 'btn', dataset: { action: 'clear-filters' }, onclick: clearAll }, t('docs.clear_filters'))],
      });
    },
  });
  list.content.appendChild(table.el);

  // The dashboard's filters, shown as chips she can take off.
  const chips = h('div', { class: 'filter-chips', id: `${family}-chips` });
  const drawChips = () => {
    const items = [];
    if (st.from || st.to) {
      items.push(['dates', t('docs.filter.dates', { from: st.from ? formatDate(st.from) : '…', to: st.to ? formatDate(st.to) : '…' }), () => { st.from = ''; st.to = ''; }]);
    }
    if (st.open) items.push(['open', t('docs.filter.open'), () => { st.open = false; }]);
    replace(chips, ...items.map(([key, text, clear]) => h('button', {
      type: 'button', class: 'chip chip-removable', dataset: { chip: key }, 'aria-label': t('docs.filter.remove', { filter: text }),
      onclick: () => { clear(); st.page = 0; drawChips(); list.refresh(); },
    }, text, h('span', { 'aria-hidden': 'true' }, ' ×'))));
    chips.hidden = !items.length;
  };
  drawChips();

  // Invoices start at month end for most of her clients: « Fin de mois » sits
  // next to « Nouvelle facture ».
  const monthEnd = family === 'invoices' ? h('button', {
    type: 'button', class: 'btn', dataset: { action: 'month-end' }, onclick: () => navigate('#/month-end'),
  }, t('invoices.month_end')) : null;
  const header = pageHeader({ title: t(k('title')), actions: [monthEnd, newButton(false)].filter(Boolean) });
  header.querySelector('.page-heading').appendChild(list.count);
  const el = h('section', { class: ['view', 'view-documents', `view-${family}`] },
    header, family === 'invoices' ? invoicesTabs('#/invoices') : null, list.toolbar, chips, list.listBlock, list.noResult, list.firstRun);

  await list.start(el);

  return {
    el,
    title: t(k('title')),
    focusSearch: list.focusSearch,
    newItem: () => navigate(newHash),
    destroy: list.destroy,
  };
}
