// Pieces shared by the quote/invoice screens: the vocabularies (from the
// catalog), kind and status labels, the documents table (lists and a client's
// page), the VAT-case hint.
// Amounts come from the core in cents and are only formatted here.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { showModal } from '../dialog.js';
import { formatMoney, formatDate } from '../format.js';
import { dataTable } from '../table.js';
import { badge } from './shared.js';

/**
 * The document vocabularies come from the core's catalog (catalog.documents):
 * { kinds, quote_statuses, invoice_statuses, vat_rates, units, payment_methods }.
 */
export function docVocabulary(catalog) {
  return catalog.documents;
}

/** The kinds a list holds: 'quotes' (quotes), 'invoices' (the others), 'all'. */
export function kindsOf(catalog, family) {
  return docVocabulary(catalog).kinds.filter((k) => family === 'all' || familyOf(k) === family);
}

/** The statuses a list can be filtered by, in the catalog's order. */
export function statusesOf(catalog, family) {
  const v = docVocabulary(catalog);
  return family === 'quotes' ? v.quote_statuses : v.invoice_statuses;
}

/** "Devis", "Facture", "Facture d'acompte", "Avoir". */
export function kindLabel(kind) {
  return t(`docs.kind.${kind}`);
}

/** The list a document belongs to. */
export function familyOf(kind) {
  return kind === 'quote' ? 'quotes' : 'invoices';
}

export function docStatusBadge(status, kind) {
  // A credit note is "issued", not "émise" like an invoice: same colour, own word.
  const key = kind === 'credit_note' && status === 'issued' ? 'docs.status.issued_credit' : `docs.status.${status}`;
  return badge(t(key), `doc-${status}`);
}

/** "Devis D-2026-0001" or "Devis (brouillon)". */
export function docName(kind, number) {
  return number ? t('docs.name_numbered', { kind: kindLabel(kind), number }) : t('docs.name_draft', { kind: kindLabel(kind) });
}

/**
 * table.data-table.documents-table (dataTable) with rows tr[data-id]; a row
 * opens the document. opts: { navigate, family: 'quotes'|'invoices'|'all',
 * showClient, id, onSort } — with onSort, number, client, date and total sort.
 * Returns { el, update(rows, sort) }.
 */
export function documentsTable(rows, { navigate, family = 'all', showClient = true, onSort = null, id } = {}) {
  const showKind = family !== 'quotes';
  const showOutstanding = family !== 'quotes';
  const money = (cents, d) => formatMoney(cents, d.currency || 'EUR');
  const dueHeader = family === 'quotes' ? t('docs.col.valid_until') : family === 'invoices' ? t('docs.col.due_date') : t('docs.col.due_or_valid');
  return dataTable({
    id,
    className: ['documents-table', `documents-${family}`, showClient ? null : 'without-client'],
    caption: t(`docs.table_caption.${family}`),
    rows,
    open: (d) => navigate(`#/documents/${d.id}`),
    rowData: (d) => ({ kind: d.kind, status: d.status }),
    onSort,
    columns: [
      showKind && { key: 'kind', label: t('docs.col.kind'), class: 'kind', cell: (d) => kindLabel(d.kind) },
      { key: 'number', label: t('docs.col.number'), class: 'number', sortable: true,
        cellClass: (d) => ['mono', !d.number && 'muted'], cell: (d) => d.number || t('docs.draft_number') },
      showClient && { key: 'client', label: t('docs.col.client'), class: 'client', sortable: true, cell: (d) => d.client_name ?? '' },
      { key: 'title', label: t('docs.col.title'), class: 'title',
        cell: (d) => h('span', { class: 'ellipsis', title: d.title || null }, d.title || '') },
      { key: 'date', label: t('docs.col.date'), class: 'date', sortable: true, cell: (d) => formatDate(d.date) },
      { key: 'due', label: dueHeader, class: 'due', cell: (d) => (d.due_date ? formatDate(d.due_date) : '—') },
      { key: 'total', label: t('docs.col.total'), class: 'num total', sortable: true, cell: (d) => money(d.total_incl, d) },
      showOutstanding && { key: 'outstanding', label: t('docs.col.outstanding'), class: 'num outstanding',
        cellClass: (d) => !d.outstanding && 'muted',
        cell: (d) => (['invoice', 'deposit'].includes(d.kind) && d.number ? money(d.outstanding ?? 0, d) : '—') },
      { key: 'status', label: t('docs.col.status'), class: 'status', cell: (d) => docStatusBadge(d.status, d.kind) },
    ],
  });
}

/** After a PDF is saved: where it is, and what she may do with it next (open it,
 *  show it in its folder, write the e-mail — `onEmail`, when there is one). */
export function showExported({ path, fileName, onEmail = null }) {
  const file = fileName || path.split(/[\\/]/).pop();
  const done = (fn, okText) => async () => {
    try {
      await fn();
      if (okText) toast(okText);
      dlg.close();
    } catch (err) { toastError(err); }
  };
  const openBtn = h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'open-pdf' }, onclick: done(() => api.openExport(path)) }, t('docs.exported.open'));
  const dlg = h('dialog', { class: 'dialog dialog-export', id: 'export-dialog', 'aria-labelledby': 'export-title' },
    h('h2', { id: 'export-title', class: 'dialog-title' }, t('docs.exported.title')),
    h('p', { class: 'dialog-message' }, t('docs.exported.message', { file })),
    h('p', { class: 'export-path mono path', title: path }, path),
    h('div', { class: 'dialog-actions dialog-actions-wrap' },
      h('button', { type: 'button', class: 'btn', dataset: { action: 'close' }, onclick: () => dlg.close() }, t('docs.exported.close')),
      onEmail ? h('button', { type: 'button', class: 'btn', dataset: { action: 'email-pdf' }, onclick: done(onEmail, t('docs.email_opened')) }, t('docs.action.email')) : null,
      h('button', { type: 'button', class: 'btn', dataset: { action: 'reveal-pdf' }, onclick: done(() => api.revealExport(path)) }, t('docs.exported.reveal')),
      openBtn,
    ),
  );
  showModal(dlg, { focus: openBtn });
}

/** The tabs of Factures: the list, the overdue ones, the receipts book, the
 *  URSSAF declaration, month end. `current` is the route of the page shown. */
export function invoicesTabs(current) {
  const tabs = [
    ['#/invoices', 'tabs.invoices'],
    ['#/reminders', 'tabs.reminders'],
    ['#/receipts', 'tabs.receipts'],
    ['#/urssaf', 'tabs.urssaf'],
    ['#/month-end', 'tabs.month_end'],
  ];
  return h('nav', { class: 'subnav', 'aria-label': t('tabs.label') },
    tabs.map(([href, key]) => h('a', {
      href, class: 'subnav-link', 'aria-current': href === current ? 'page' : null, dataset: { tab: href.slice(2) },
    }, t(key))));
}
