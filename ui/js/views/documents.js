// #/quotes and #/invoices — server-side paginated, searchable, filterable and
// sortable lists of documents. The invoices list holds invoices, deposit
// invoices and credit notes, with a kind column.

import { h, replace, debounce } from '../dom.js';
import { t, tn } from '../i18n.js';
import { formatInteger } from '../format.js';
import * as api from '../api.js';
import { toastError } from '../toast.js';
import { pageHeader, emptyState } from './shared.js';
import { QUOTE_KINDS, INVOICE_KINDS, QUOTE_STATUSES, INVOICE_STATUSES, documentsTable } from './docs-shared.js';

const PAGE_SIZE = 50;
const DEFAULT_DESC = { date: true, number: true, client: false, total: true };

// Kept across visits, one per list, so coming back keeps the place.
const states = {
  quotes: { search: '', status: '', sort: 'date', desc: true, page: 0 },
  invoices: { search: '', status: '', sort: 'date', desc: true, page: 0 },
};

export const quotesView = { render: (ctx) => renderList(ctx, 'quotes') };
export const invoicesView = { render: (ctx) => renderList(ctx, 'invoices') };

async function renderList(ctx, family) {
  const { navigate } = ctx;
  const state = states[family];
  const kinds = family === 'quotes' ? QUOTE_KINDS : INVOICE_KINDS;
  const statuses = family === 'quotes' ? QUOTE_STATUSES : INVOICE_STATUSES;
  const k = (key) => `docs.${family}.${key}`;
  const newHash = family === 'quotes' ? '#/quotes/new' : '#/invoices/new';
  let seq = 0;

  const newButton = (big) => h('button', {
    type: 'button',
    class: ['btn', 'btn-primary', big && 'btn-large'],
    dataset: { action: family === 'quotes' ? 'new-quote' : 'new-invoice' },
    'aria-keyshortcuts': big ? null : 'N',
    onclick: () => navigate(newHash),
  }, big ? t(k('empty.cta')) : t(k('new')));

  const search = h('input', {
    id: `${family}-search`,
    type: 'search',
    class: 'search-input',
    placeholder: t('docs.search_placeholder'),
    'aria-label': t(k('search_label')),
    'aria-keyshortcuts': '/ Control+K',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  search.value = state.search;
  const runSearch = debounce(() => {
    state.search = search.value;
    state.page = 0;
    refresh();
  }, 200);
  search.addEventListener('input', runSearch);
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && search.value) {
      e.preventDefault();
      search.value = '';
      runSearch.flush();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      runSearch.flush();
    } else if (e.key === 'ArrowDown') {
      const first = tableHolder.querySelector('tbody tr[data-id]');
      if (first) { e.preventDefault(); first.focus(); }
    }
  });

  const filterId = `${family}-status-filter`;
  const filter = h('select', { id: filterId, class: 'filter-select', name: 'status' },
    h('option', { value: '' }, t('docs.filter.all')),
    statuses.map((s) => h('option', { value: s }, t(`docs.status.${s}`))));
  filter.value = state.status;
  filter.addEventListener('change', () => {
    state.status = filter.value;
    state.page = 0;
    refresh();
  });

  const count = h('p', { id: `${family}-count`, class: 'page-subtitle', 'aria-live': 'polite' });
  const tableHolder = h('div', { class: 'table-wrap' });
  const prev = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'prev-page' }, onclick: () => goPage(-1) }, t('pager.prev'));
  const next = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'next-page' }, onclick: () => goPage(1) }, t('pager.next'));
  const pageInfo = h('span', { class: 'pager-info', 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': t('pager.label') }, prev, pageInfo, next);
  const listBlock = h('div', { class: 'list-block' }, tableHolder, pager);
  const noResult = h('div', { class: 'no-result', hidden: true });
  const toolbar = h('div', { class: 'toolbar' },
    h('div', { class: 'search-box' }, search, h('kbd', { class: 'search-kbd', 'aria-hidden': 'true' }, '/')),
    h('label', { class: 'toolbar-label', for: filterId }, t('docs.filter.label')),
    filter,
  );
  const firstRun = h('div', { hidden: true });

  const el = h('section', { class: ['view', 'view-documents', `view-${family}`] },
    pageHeader({ title: t(k('title')), actions: [newButton(false)] }),
    toolbar,
    listBlock,
    noResult,
    firstRun,
  );
  el.querySelector('.page-heading').appendChild(count);

  function onSort(key) {
    if (state.sort === key) state.desc = !state.desc;
    else { state.sort = key; state.desc = DEFAULT_DESC[key] ?? false; }
    state.page = 0;
    refresh().then(() => tableHolder.querySelector(`button[data-sort="${key}"]`)?.focus());
  }

  function goPage(delta) {
    state.page = Math.max(0, state.page + delta);
    refresh().then(() => {
      const btn = delta < 0 ? prev : next;
      if (btn.disabled) (delta < 0 ? next : prev).focus();
    });
  }

  const query = (extra = {}) => ({
    kinds,
    status: state.status || null,
    search: state.search,
    client_id: null,
    sort: state.sort,
    desc: state.desc,
    page: state.page,
    page_size: PAGE_SIZE,
    ...extra,
  });

  async function refresh() {
    const mine = ++seq;
    el.setAttribute('aria-busy', 'true');
    let res;
    try {
      res = await api.listDocuments(query());
    } catch (err) {
      if (mine === seq) { el.removeAttribute('aria-busy'); toastError(err); }
      return;
    }
    if (mine !== seq) return;
    const pages = Math.max(1, Math.ceil(res.total / PAGE_SIZE));
    if (res.total > 0 && state.page >= pages) {
      state.page = pages - 1;
      refresh();
      return;
    }
    el.removeAttribute('aria-busy');
    replace(tableHolder, documentsTable(res.items, {
      navigate, family, id: `${family}-table`, sort: { key: state.sort, desc: state.desc, onSort },
    }));
    count.textContent = tn(k('count'), res.total);
    pageInfo.textContent = t('pager.info', { page: formatInteger(state.page + 1), pages: formatInteger(pages) });
    prev.disabled = state.page <= 0;
    next.disabled = state.page + 1 >= pages;
    pager.hidden = pages <= 1;

    const q = state.search.trim();
    let anyAtAll = res.total > 0 || q !== '';
    if (!anyAtAll && state.status) {
      try {
        const all = await api.listDocuments(query({ status: null, search: '', page: 0, page_size: 1 }));
        if (mine !== seq) return;
        anyAtAll = all.total > 0;
      } catch { anyAtAll = true; }
    }
    const firstEver = !anyAtAll;
    firstRun.hidden = !firstEver;
    toolbar.hidden = firstEver;
    count.hidden = firstEver;
    listBlock.hidden = firstEver || res.total === 0;
    noResult.hidden = firstEver || res.total > 0;
    if (firstEver) {
      replace(firstRun, emptyState({
        title: t(k('empty.title')),
        text: t(k('empty.text')),
        actions: [newButton(true)],
        className: 'empty-first',
      }));
    } else if (res.total === 0) {
      const clear = h('button', { type: 'button', class: 'btn', dataset: { action: 'clear-filters' }, onclick: () => {
        search.value = '';
        filter.value = '';
        state.status = '';
        runSearch.flush();
        search.focus();
      } }, t('docs.clear_filters'));
      replace(noResult, emptyState({
        className: 'empty-compact',
        text: q
          ? t('docs.no_match', { query: q })
          : t('docs.none_with_status', { status: t(`docs.status.${state.status}`) }),
        actions: [clear],
      }));
    }
  }

  await refresh();

  return {
    el,
    title: t(k('title')),
    focusSearch: () => {
      if (toolbar.hidden) return false;
      search.focus();
      search.select();
      return true;
    },
    newItem: () => navigate(newHash),
    destroy: () => { runSearch.cancel(); seq += 1; },
  };
}
