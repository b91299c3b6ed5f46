// The one way to draw a table of rows: columns with optional sortable headers
// (button[data-sort=KEY] inside th[data-col=KEY], aria-sort on the sorted one),
// rows tr[data-id] that open on click or Enter and move with the arrow keys.
// Cells hold text nodes or elements built with h(): user text stays text.

import { h, replace } from './dom.js';

/** Keyboard for focusable table rows: Enter opens, arrows move between rows. */
export function rowKeys(e, open) {
  const tr = e.currentTarget;
  if (e.key === 'Enter' && !e.altKey && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    open();
  } else if (e.key === 'ArrowDown' && tr.nextElementSibling) {
    e.preventDefault();
    tr.nextElementSibling.focus();
  } else if (e.key === 'ArrowUp' && tr.previousElementSibling) {
    e.preventDefault();
    tr.previousElementSibling.focus();
  }
}

/**
 * table.data-table
 *
 * opts:
 *   id, className (string|array), caption (visually hidden)
 *   columns: [{ key, label, class, sortable, cell: (row) => text|Node,
 *               cellClass: (row) => string|array, cellData: (row) => dataset }]
 *     (a falsy entry is skipped, so optional columns can be written inline)
 *   rows: the first rows
 *   open: (row) => void — makes each row a keyboard-reachable link
 *   rowData: (row) => extra data-* of the row (data-id is always row.id)
 *   rowClass: (row) => extra classes of the row
 *   sort: { key, direction: 'asc'|'desc' }, onSort: (key) => void
 *
 * Returns { el, update(rows, sort) }: the header is built once (so a sort
 * button keeps focus across refreshes); update replaces the rows and aria-sort.
 */
export function dataTable({ id, className, caption, columns, rows = [], open, rowData, rowClass, sort, onSort }) {
  const cols = columns.filter(Boolean);
  const headers = cols.map((c) => {
    const sortable = c.sortable && onSort;
    return h('th', { role: 'columnheader', scope: 'col', class: c.class, dataset: { col: c.key } },
      sortable
        ? h('button', { type: 'button', class: 'sort-button', dataset: { sort: c.key }, onclick: () => onSort(c.key) },
          h('span', null, c.label), h('span', { class: 'sort-indicator', 'aria-hidden': 'true' }))
        : c.label);
  });
  const tbody = h('tbody', { role: 'rowgroup' });
  const el = h('table', { role: 'table', id: id || null, class: ['data-table', ...[].concat(className || [])] },
    caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' }, headers)),
    tbody);

  function row(r) {
    const go = open ? () => open(r) : null;
    return h('tr', {
      role: 'row',
      dataset: { id: r.id, ...(rowData ? rowData(r) : {}) },
      tabindex: go ? '0' : null,
      class: [go && 'row-link', ...[].concat(rowClass ? rowClass(r) : [])],
      onclick: go,
      onkeydown: go ? (e) => rowKeys(e, go) : null,
    }, cols.map((c) => h('td', {
      role: 'cell',
      class: [c.class, ...[].concat(c.cellClass ? c.cellClass(r) : [])],
      dataset: c.cellData ? c.cellData(r) : null,
    }, c.cell(r))));
  }

  function update(newRows, newSort = sort) {
    sort = newSort;
    headers.forEach((th, i) => {
      const c = cols[i];
      if (sort && c.sortable && c.key === sort.key) th.setAttribute('aria-sort', sort.direction === 'desc' ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    });
    replace(tbody, newRows.map(row));
  }

  update(rows, sort);
  return { el, update };
}
