// #/receipts?year=YYYY[&month=YYYY-MM] — « Livre des recettes »: the payments
// received in a year, in date order, month by month with each month's total and
// the year's; exported as PDF (the one document engine) or CSV. Derived from the
// payments: nothing is typed here.

import { h } from '../dom.js';
import { t, tn } from '../i18n.js';
import * as api from '../api.js';
import { toastError } from '../toast.js';
import { formatMoney, formatDate } from '../format.js';
import { pageHeader, emptyState } from './shared.js';
import { invoicesTabs, showExported } from './docs-shared.js';
import { monthLabel } from './collaboration-billing.js';

const totals = (list) => (list.length ? list.map((x) => formatMoney(x.amount, x.currency)).join(' · ') : formatMoney(0, 'EUR'));

export async function render(ctx) {
  const { query, navigate } = ctx;
  const now = new Date().getFullYear();
  const asked = Number(query.get('year'));
  const year = asked >= 2000 && asked <= 2100 ? asked : now;
  const focusMonth = query.get('month');
  const book = await api.receiptsBook(year);

  const exportAs = (format) => async (e) => {
    const b = e.currentTarget;
    b.disabled = true;
    try {
      const res = await api.exportReceipts(year, format);
      if (res?.path) showExported({ path: res.path, fileName: res.file_name });
    } catch (err) { toastError(err); } finally { b.disabled = false; }
  };
  const actions = [
    h('button', { type: 'button', class: 'btn', dataset: { action: 'export-csv' }, disabled: !book.receipts.length, onclick: exportAs('csv') }, t('receipts.export_csv')),
    h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'export-pdf' }, onclick: exportAs('pdf') }, t('receipts.export_pdf')),
  ];
  const nav = h('div', { class: 'period-nav' },
    h('a', { class: 'btn btn-small', href: `#/receipts?year=${year - 1}`, dataset: { action: 'previous-year' }, 'aria-label': t('receipts.previous', { year: year - 1 }) }, '‹'),
    h('strong', { class: 'period-label' }, String(year)),
    year < now ? h('a', { class: 'btn btn-small', href: `#/receipts?year=${year + 1}`, dataset: { action: 'next-year' }, 'aria-label': t('receipts.next', { year: year + 1 }) }, '›') : null);

  const body = book.receipts.length
    ? h('div', { class: 'table-wrap' }, h('table', { class: 'data-table receipts-table', id: 'receipts-table' },
      h('caption', { class: 'visually-hidden' }, t('receipts.title', { year })),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('receipts.col.date')),
        h('th', { scope: 'col' }, t('receipts.col.invoice')),
        h('th', { scope: 'col' }, t('receipts.col.client')),
        h('th', { scope: 'col' }, t('receipts.col.nature')),
        h('th', { scope: 'col' }, t('receipts.col.method')),
        h('th', { scope: 'col', class: 'num' }, t('receipts.col.amount')),
        h('th', { scope: 'col' }, t('receipts.col.recorded')))),
      book.months.map((m) => h('tbody', { dataset: { month: m.month }, id: `month-${m.month}` },
        h('tr', { class: 'group-row' }, h('th', { scope: 'rowgroup', colspan: '7' }, monthLabel(m.month))),
        book.receipts.filter((r) => r.date.startsWith(m.month)).map((r) => h('tr', { dataset: { payment: String(r.payment_id) } },
          h('td', null, formatDate(r.date)),
          h('td', null, h('a', { href: `#/documents/${r.document_id}` }, r.number)),
          h('td', null, r.client_name),
          h('td', null, r.nature),
          h('td', null, t(`docs.method.${r.method}`)),
          h('td', { class: 'num' }, formatMoney(r.amount, r.currency)),
          h('td', { class: 'muted' }, formatDate(r.recorded_on)))),
        h('tr', { class: 'total-row' },
          h('th', { scope: 'row', colspan: '5' }, t('receipts.month_total', { month: monthLabel(m.month) })),
          h('td', { class: 'num', dataset: { total: m.month } }, totals(m.totals)), h('td')))),
      h('tfoot', null, h('tr', { class: 'total-row year-total' },
        h('th', { scope: 'row', colspan: '5' }, t('receipts.year_total', { year })),
        h('td', { class: 'num', id: 'receipts-year-total' }, totals(book.totals)), h('td')))))
    : emptyState({ title: t('receipts.empty.title', { year }), text: t('receipts.empty.text'), className: 'empty-first' });

  const el = h('section', { class: 'view view-receipts' },
    pageHeader({
      title: t('receipts.title', { year }),
      subtitle: book.receipts.length ? tn('receipts.count', book.receipts.length) : t('receipts.subtitle'),
      actions,
    }),
    invoicesTabs('#/receipts'),
    h('p', { class: 'field-help' }, t('receipts.help')),
    nav, body);
  if (focusMonth) {
    queueMicrotask(() => el.querySelector(`#month-${CSS.escape(focusMonth)}`)?.scrollIntoView({ block: 'start' }));
  }
  return { el, title: t('receipts.title', { year }), section: 'invoices', navigate };
}
