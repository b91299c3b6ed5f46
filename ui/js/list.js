// The one list controller, the counterpart of formView: a screen that shows a
// list asks the core for ONE page at a time and this module does the rest —
// search with debounce, filter selects, sort keys, the pager, the "nothing
// matches" and first-run states, and the sequence guard (a slow answer to an
// old query never overwrites a newer one).
//
// Every list command takes the same query shape (crates/tandem-core/src/paging.rs):
//   { search, sort, direction, page, page_size, ...the domain's filters }
// and answers { items, total, page, page_size }.

import { h, replace, debounce } from './dom.js';
import { t, tn } from './i18n.js';
import { formatInteger } from './format.js';
import { toastError } from './toast.js';

export const PAGE_SIZE = 50;

/**
 * opts:
 *   state      the screen's own object, kept across visits so coming back keeps the
 *              place: { search, sort, direction, page, ...filters } (sort/direction
 *              /search optional for lists that have none)
 *   fetch      (query) => Promise<Page>
 *   filters    (state) => the domain's filters for the query (e.g. { archived })
 *   pageSize   rows per page (PAGE_SIZE)
 *   directions { sortKey: 'asc'|'desc' } — the direction a key starts in
 *   search     { id, label, placeholder } to show a search box (input#id)
 *   selects    [{ key, id, label, name, options: [{ value, label }], reset }]: filter
 *              selects bound to state[key]; `reset` is the value "clear filters" puts back
 *   controls   more toolbar nodes (they call list.set(key, value))
 *   count      { id, text: (page, state) => string } — p#id.page-subtitle
 *   show       (page, { sort, onSort }) => void: draws the items (a dataTable, a board…)
 *   unfiltered (state) => filters that show everything, or null when the query already
 *              does: an empty answer then asks once more with those to tell
 *              "nothing matches" from "nothing yet"
 *   firstRun   () => Node | Promise<Node>: what to do first, when there is nothing yet
 *   noResult   (state, { clearSearch, clearAll }) => Node: when nothing matches
 *              (without it, show() is called with the empty page)
 *
 * Returns { toolbar, count, listBlock, content, noResult, firstRun, searchInput,
 *           start(el), refresh(), set(key, value), setSort(key), focusSearch(),
 *           destroy() }. The screen places the nodes, puts its items' container in
 *           `content` (or lets show() fill it), then awaits start(section).
 */
export function listController(opts) {
  const state = opts.state;
  const pageSize = opts.pageSize || PAGE_SIZE;
  let seq = 0;
  let busyEl = null;

  // --- search --------------------------------------------------------------
  let searchInput = null;
  let runSearch = null;
  if (opts.search) {
    searchInput = h('input', {
      id: opts.search.id,
      type: 'search',
      class: 'search-input',
      placeholder: opts.search.placeholder,
      'aria-label': opts.search.label,
      'aria-keyshortcuts': '/ Control+K',
      autocomplete: 'off',
      spellcheck: 'false',
    });
    searchInput.value = state.search || '';
    runSearch = debounce(() => {
      state.search = searchInput.value;
      state.page = 0;
      refresh();
    }, 200);
    searchInput.addEventListener('input', runSearch);
    searchInput.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && searchInput.value) {
        e.preventDefault();
        searchInput.value = '';
        runSearch.flush();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        runSearch.flush();
      } else if (e.key === 'ArrowDown') {
        const first = listBlock.querySelector('tr[data-id]');
        if (first) { e.preventDefault(); first.focus(); }
      }
    });
  }

  // --- filter selects --------------------------------------------------------
  const selects = (opts.selects || []).map((s) => {
    const el = h('select', { id: s.id, class: 'filter-select', name: s.name || null },
      s.options.map((o) => h('option', { value: o.value }, o.label)));
    el.value = state[s.key];
    if (el.value !== String(state[s.key])) { state[s.key] = s.reset ?? ''; el.value = state[s.key]; }
    el.addEventListener('change', () => set(s.key, el.value));
    return { spec: s, el };
  });

  const toolbar = h('div', { class: 'toolbar' },
    searchInput ? h('div', { class: 'search-box' }, searchInput, h('kbd', { class: 'search-kbd', 'aria-hidden': 'true' }, '/')) : null,
    selects.map(({ spec, el }) => [h('label', { class: 'toolbar-label', for: spec.id }, spec.label), el]),
    opts.controls || null,
  );

  // --- count, pager, blocks ----------------------------------------------------
  const count = h('p', { id: opts.count?.id || null, class: 'page-subtitle', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'prev-page' }, onclick: () => goPage(-1) }, t('pager.prev'));
  const next = h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'next-page' }, onclick: () => goPage(1) }, t('pager.next'));
  const pageInfo = h('span', { id: opts.pagerId || null, class: 'pager-info', 'aria-live': 'polite' });
  const pager = h('nav', { class: 'pager', 'aria-label': t('pager.label'), hidden: true }, prev, pageInfo, next);
  const content = h('div', { class: opts.contentClass || 'table-wrap' });
  const listBlock = h('div', { class: 'list-block' }, content, pager);
  const noResult = h('div', { class: 'no-result', hidden: true });
  const firstRun = h('div', { hidden: true });

  const query = (extra = {}) => ({
    search: state.search || '',
    sort: state.sort,
    direction: state.direction,
    page: state.page || 0,
    page_size: pageSize,
    ...(opts.filters ? opts.filters(state) : {}),
    ...extra,
  });

  function set(key, value) {
    state[key] = value;
    state.page = 0;
    return refresh();
  }

  function setSort(key) {
    if (state.sort === key) state.direction = state.direction === 'asc' ? 'desc' : 'asc';
    else { state.sort = key; state.direction = opts.directions?.[key] || 'asc'; }
    state.page = 0;
    return refresh();
  }

  function goPage(delta) {
    state.page = Math.max(0, (state.page || 0) + delta);
    return refresh().then(() => {
      const btn = delta < 0 ? prev : next;
      if (btn.disabled) (delta < 0 ? next : prev).focus();
    });
  }

  function clearSearch() {
    if (!searchInput) return;
    searchInput.value = '';
    runSearch.flush();
    searchInput.focus();
  }

  function clearAll() {
    for (const { spec, el } of selects) { state[spec.key] = spec.reset ?? ''; el.value = state[spec.key]; }
    if (searchInput) clearSearch();
    else set('page', 0);
  }

  async function refresh() {
    const mine = ++seq;
    busyEl?.setAttribute('aria-busy', 'true');
    const done = () => { if (mine === seq) busyEl?.removeAttribute('aria-busy'); };
    let res;
    try {
      res = await opts.fetch(query());
    } catch (err) {
      if (mine === seq) { done(); toastError(err); }
      return;
    }
    if (mine !== seq) return;
    const pages = Math.max(1, Math.ceil(res.total / (res.page_size || pageSize)));
    if (res.total > 0 && (state.page || 0) >= pages) {
      // The list shrank under us (e.g. archived elsewhere): show the last page.
      state.page = pages - 1;
      refresh();
      return;
    }

    // Nothing matches: is there nothing at all yet?
    let first = false;
    const searching = (state.search || '').trim() !== '';
    if (res.total === 0 && !searching && opts.firstRun) {
      const everything = opts.unfiltered ? opts.unfiltered(state) : null;
      if (everything == null) {
        first = true;
      } else {
        try {
          const all = await opts.fetch(query({ ...everything, search: '', page: 0, page_size: 1 }));
          if (mine !== seq) return;
          first = all.total === 0;
        } catch { first = false; }
      }
    }
    let firstNode = null;
    if (first) {
      firstNode = await opts.firstRun();
      if (mine !== seq) return;
    }

    count.textContent = opts.count ? opts.count.text(res, state) : '';
    pageInfo.textContent = t('pager.info', { page: formatInteger((state.page || 0) + 1), pages: formatInteger(pages) });
    prev.disabled = (state.page || 0) <= 0;
    next.disabled = (state.page || 0) + 1 >= pages;
    pager.hidden = pages <= 1;

    const none = !first && res.total === 0 && !!opts.noResult;
    firstRun.hidden = !first;
    toolbar.hidden = first;
    count.hidden = first;
    listBlock.hidden = first || none;
    noResult.hidden = !none;
    if (first) replace(firstRun, firstNode);
    else if (none) replace(noResult, opts.noResult(state, { clearSearch, clearAll }));
    else opts.show(res, { sort: state.sort ? { key: state.sort, direction: state.direction } : null, onSort: setSort });
    done();
  }

  return {
    state,
    toolbar,
    count,
    listBlock,
    content,
    noResult,
    firstRun,
    searchInput,
    start(el) { busyEl = el; return refresh(); },
    refresh,
    set,
    setSort,
    focusSearch() {
      if (!searchInput || toolbar.hidden) return false;
      searchInput.focus();
      searchInput.select();
      return true;
    },
    destroy() { runSearch?.cancel(); seq += 1; },
  };
}

/** The usual count line: "12 clients" from a plural key. */
export const countOf = (key) => (page) => tn(key, page.total);
