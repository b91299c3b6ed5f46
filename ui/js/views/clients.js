// #/clients — server-side paginated, searchable, sortable list of clients.
// Only one page (50 rows) is ever fetched, so it stays instant at 10 000 clients.

import { h, replace, debounce } from '../dom.js';
import { t, tn } from '../i18n.js';
import { countryName, formatDate, formatInteger } from '../format.js';
import * as api from '../api.js';
import { toastError } from '../toast.js';
import { pageHeader, emptyState, rowKeys } from './shared.js';

const PAGE_SIZE = 50;
const DEFAULT_DIRECTION = { name: 'asc', city: 'asc', created_at: 'desc', collaborations: 'desc' };

// Kept across visits so coming back from a client keeps the place in the list.
const state = { search: '', archived: 'active', sort: 'name', direction: 'asc', page: 0 };

export async function render(ctx) {
  const { navigate } = ctx;
  let seq = 0;

  const newButton = (big) => h('button', {
    type: 'button',
    class: ['btn', 'btn-primary', big && 'btn-large'],
    dataset: { action: 'new-client' },
    'aria-keyshortcuts': big ? null : 'N',
    onclick: () => navigate('#/clients/new'),
  }, big ? t('clients.empty.cta') : t('clients.new'));

  const search = h('input', {
    id: 'client-search',
    type: 'search',
    class: 'search-input',
    placeholder: t('clients.search_placeholder'),
    'aria-label': t('clients.search_label'),
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
      const first = tbody.querySelector('tr[data-id]');
      if (first) { e.preventDefault(); first.focus(); }
    }
  });

  const filterId = 'client-archived-filter';
  const filter = h('select', { id: filterId, class: 'filter-select' },
    ['active', 'archived', 'all'].map((v) => h('option', { value: v }, t(`clients.filter.${v}`))));
  filter.value = state.archived;
  filter.addEventListener('change', () => {
    state.archived = filter.value;
    state.page = 0;
    refresh();
  });

  const count = h('p', { id: 'clients-count', class: 'page-subtitle', 'aria-live': 'polite' });

  // --- table ---------------------------------------------------------------
  const sortable = (key, text, cls) => {
    const btn = h('button', { type: 'button', class: 'sort-button', dataset: { sort: key }, onclick: () => setSort(key) },
      h('span', null, text), h('span', { class: 'sort-indicator', 'aria-hidden': 'true' }));
    return h('th', { role: 'columnheader', scope: 'col', class: cls, dataset: { col: key } }, btn);
  };
  const thead = h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
    sortable('name', t('clients.col.name')),
    h('th', { role: 'columnheader', scope: 'col', class: 'contact' }, t('clients.col.contact')),
    h('th', { role: 'columnheader', scope: 'col', class: 'email' }, t('clients.col.email')),
    sortable('city', t('clients.col.city')),
    h('th', { role: 'columnheader', scope: 'col', class: 'country' }, t('clients.col.country')),
    sortable('collaborations', t('clients.col.collaborations'), 'num'),
    sortable('created_at', t('clients.col.created_at'), 'num'),
  ));
  const tbody = h('tbody', { role: 'rowgroup' });
  const table = h('table', { role: 'table', id: 'clients-table', class: 'data-table' },
    h('caption', { class: 'visually-hidden' }, t('clients.table_caption')), thead, tbody);

  const prev = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'prev-page' }, onclick: () => goPage(-1) }, t('pager.prev'));
  const next = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'next-page' }, onclick: () => goPage(1) }, t('pager.next'));
  const pageInfo = h('span', { id: 'clients-page', class: 'pager-info', 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': t('pager.label') }, prev, pageInfo, next);

  const listBlock = h('div', { class: 'list-block' }, h('div', { class: 'table-wrap' }, table), pager);
  const noResult = h('div', { class: 'no-result', hidden: true });
  const toolbar = h('div', { class: 'toolbar' },
    h('div', { class: 'search-box' }, search, h('kbd', { class: 'search-kbd', 'aria-hidden': 'true' }, '/')),
    h('label', { class: 'toolbar-label', for: filterId }, t('clients.filter.label')),
    filter,
  );
  const firstRun = h('div', { hidden: true },
    emptyState({
      title: t('clients.empty.title'),
      text: t('clients.empty.text'),
      actions: [newButton(true)],
      className: 'empty-first',
    }),
  );

  const el = h('section', { class: 'view view-clients' },
    pageHeader({ title: t('clients.title'), actions: [newButton(false)] }),
    count,
    toolbar,
    listBlock,
    noResult,
    firstRun,
  );
  // count sits right under the title
  el.querySelector('.page-heading').appendChild(count);

  function setSort(key) {
    if (state.sort === key) state.direction = state.direction === 'asc' ? 'desc' : 'asc';
    else { state.sort = key; state.direction = DEFAULT_DIRECTION[key] || 'asc'; }
    state.page = 0;
    refresh();
  }

  function goPage(delta) {
    state.page = Math.max(0, state.page + delta);
    refresh().then(() => {
      const btn = delta < 0 ? prev : next;
      if (btn.disabled) (delta < 0 ? next : prev).focus();
    });
  }

  function updateSortHeaders() {
    for (const th of thead.querySelectorAll('th[data-col]')) {
      const key = th.dataset.col;
      if (key === state.sort) th.setAttribute('aria-sort', state.direction === 'asc' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
    }
  }

  function row(c) {
    const open = () => navigate(`#/clients/${c.id}`);
    return h('tr', { role: 'row',
      dataset: { id: c.id },
      tabindex: '0',
      class: ['row-link', c.archived && 'is-archived'],
      onclick: open,
      onkeydown: (e) => rowKeys(e, open),
    },
      // The badge is drawn from data-badge (CSS ::after) so td.name holds the name only.
      h('td', { role: 'cell', class: 'name', dataset: { badge: c.archived ? t('clients.archived_badge') : null } }, c.name ?? ''),
      h('td', { role: 'cell', class: 'contact' }, c.contact_name ?? ''),
      h('td', { role: 'cell', class: 'email' }, h('span', { class: 'ellipsis', title: c.email || null }, c.email ?? '')),
      h('td', { role: 'cell', class: 'city' }, c.city ?? ''),
      h('td', { role: 'cell', class: 'country' }, countryName(c.country)),
      h('td', { role: 'cell', class: 'collaborations num' }, formatInteger(c.active_collaborations ?? 0)),
      h('td', { role: 'cell', class: 'created num' }, c.created_at ? formatDate(c.created_at) : ''),
    );
  }

  async function refresh() {
    const mine = ++seq;
    updateSortHeaders();
    el.setAttribute('aria-busy', 'true');
    let res;
    try {
      res = await api.listClients({
        search: state.search,
        archived: state.archived,
        sort: state.sort,
        direction: state.direction,
        page: state.page,
        page_size: PAGE_SIZE,
      });
    } catch (err) {
      if (mine === seq) { el.removeAttribute('aria-busy'); toastError(err); }
      return;
    }
    if (mine !== seq) return;
    const pages = Math.max(1, Math.ceil(res.total / PAGE_SIZE));
    if (res.total > 0 && state.page >= pages) {
      // The list shrank under us (e.g. archived elsewhere): show the last page.
      state.page = pages - 1;
      refresh();
      return;
    }
    el.removeAttribute('aria-busy');
    replace(tbody, res.items.map(row));
    count.textContent = tn('clients.count', res.total);
    pageInfo.textContent = t('pager.info', { page: formatInteger(state.page + 1), pages: formatInteger(pages) });
    prev.disabled = state.page <= 0;
    next.disabled = state.page + 1 >= pages;
    pager.hidden = pages <= 1;

    let anyAtAll = res.total > 0;
    if (!anyAtAll && state.search.trim() === '' && state.archived !== 'all') {
      try {
        const all = await api.listClients({ search: '', archived: 'all', sort: 'name', direction: 'asc', page: 0, page_size: 1 });
        if (mine !== seq) return;
        anyAtAll = all.total > 0;
      } catch { anyAtAll = true; }
    } else if (!anyAtAll && state.search.trim() !== '') {
      anyAtAll = true; // a search with no hit is not "no clients at all"
    }

    const firstEver = !anyAtAll;
    firstRun.hidden = !firstEver;
    toolbar.hidden = firstEver;
    listBlock.hidden = firstEver || res.total === 0;
    noResult.hidden = firstEver || res.total > 0;
    if (!firstEver && res.total === 0) {
      const q = state.search.trim();
      replace(noResult, emptyState({
        text: q ? t('clients.no_match', { query: q }) : t(`clients.none_${state.archived}`),
        actions: q
          ? [h('button', { type: 'button', class: 'btn', onclick: () => { search.value = ''; runSearch.flush(); search.focus(); } }, t('clients.clear_search'))]
          : [],
      }));
    }
  }

  await refresh();

  return {
    el,
    title: t('clients.title'),
    focusSearch: () => {
      if (toolbar.hidden) return false;
      search.focus();
      search.select();
      return true;
    },
    newItem: () => navigate('#/clients/new'),
    destroy: () => { runSearch.cancel(); seq += 1; },
  };
}

