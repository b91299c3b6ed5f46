// Pieces shared by the quote/invoice screens: kind and status labels, the
// documents table (lists and a client's page), the VAT-case hint, dates.
// Amounts come from the core in cents and are only formatted here.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import { formatMoney, formatDate } from '../format.js';
import * as api from '../api.js';
import { badge, rowKeys } from './shared.js';

export const QUOTE_KINDS = ['quote'];
export const INVOICE_KINDS = ['invoice', 'deposit', 'credit_note'];
export const QUOTE_STATUSES = ['draft', 'sent', 'accepted', 'declined', 'expired'];
export const INVOICE_STATUSES = ['draft', 'issued', 'partially_paid', 'paid', 'overdue', 'cancelled'];
export const VAT_RATES = ['2000', '1000', '550', '210', '0'];
export const UNITS = ['h', 'jour', 'mois', 'forfait', 'unité'];
export const PAYMENT_METHODS = ['transfer', 'card', 'cash', 'check', 'other'];

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

/** Today's local date as YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Every active client (paged through list_clients, 200 per call). */
export async function loadActiveClients() {
  const base = { search: '', archived: 'active', sort: 'name', direction: 'asc', page_size: 200 };
  const first = await api.listClients({ ...base, page: 0 });
  const pages = Math.ceil(first.total / base.page_size);
  const rest = [];
  for (let p = 1; p < pages; p += 1) rest.push(api.listClients({ ...base, page: p }));
  const more = await Promise.all(rest);
  return [first, ...more].flatMap((r) => r.items);
}

/**
 * table.data-table.documents-table with rows tr[data-id]; a row opens the
 * document. opts: { navigate, family: 'quotes'|'invoices'|'all', showClient,
 * sortable: { key, desc, onSort } }
 */
export function documentsTable(rows, { navigate, family = 'all', showClient = true, sort = null, id } = {}) {
  const showKind = family !== 'quotes';
  const showOutstanding = family !== 'quotes';
  const open = (docId) => navigate(`#/documents/${docId}`);
  const th = (key, text, cls) => {
    const sortable = sort && ['number', 'client', 'date', 'total'].includes(key);
    const cell = h('th', { role: 'columnheader', scope: 'col', class: cls, dataset: { col: key } },
      sortable
        ? h('button', { type: 'button', class: 'sort-button', dataset: { sort: key }, onclick: () => sort.onSort(key) },
          h('span', null, text), h('span', { class: 'sort-indicator', 'aria-hidden': 'true' }))
        : text);
    if (sortable && sort.key === key) cell.setAttribute('aria-sort', sort.desc ? 'descending' : 'ascending');
    return cell;
  };
  const dueHeader = family === 'quotes' ? t('docs.col.valid_until') : family === 'invoices' ? t('docs.col.due_date') : t('docs.col.due_or_valid');
  const head = h('tr', { role: 'row' },
    showKind ? th('kind', t('docs.col.kind'), 'kind') : null,
    th('number', t('docs.col.number'), 'number'),
    showClient ? th('client', t('docs.col.client'), 'client') : null,
    th('title', t('docs.col.title'), 'title'),
    th('date', t('docs.col.date'), 'date'),
    th('due', dueHeader, 'due'),
    th('total', t('docs.col.total'), 'num total'),
    showOutstanding ? th('outstanding', t('docs.col.outstanding'), 'num outstanding') : null,
    th('status', t('docs.col.status'), 'status'),
  );
  const body = h('tbody', { role: 'rowgroup' }, rows.map((d) => h('tr', {
    role: 'row',
    dataset: { id: d.id, kind: d.kind, status: d.status },
    tabindex: '0',
    class: 'row-link',
    onclick: () => open(d.id),
    onkeydown: (e) => rowKeys(e, () => open(d.id)),
  },
    showKind ? h('td', { role: 'cell', class: 'kind' }, kindLabel(d.kind)) : null,
    h('td', { role: 'cell', class: ['number', 'mono', !d.number && 'muted'] }, d.number || t('docs.draft_number')),
    showClient ? h('td', { role: 'cell', class: 'client' }, d.client_name ?? '') : null,
    h('td', { role: 'cell', class: 'title' }, h('span', { class: 'ellipsis', title: d.title || null }, d.title || '')),
    h('td', { role: 'cell', class: 'date' }, formatDate(d.date)),
    h('td', { role: 'cell', class: 'due' }, d.due_date ? formatDate(d.due_date) : '—'),
    h('td', { role: 'cell', class: 'num total' }, formatMoney(d.total_incl, d.currency || 'EUR')),
    showOutstanding
      ? h('td', { role: 'cell', class: ['num', 'outstanding', !d.outstanding && 'muted'] },
        ['invoice', 'deposit'].includes(d.kind) && d.number ? formatMoney(d.outstanding ?? 0, d.currency || 'EUR') : '—')
      : null,
    h('td', { role: 'cell', class: 'status' }, docStatusBadge(d.status, d.kind)),
  )));
  return h('table', {
    role: 'table',
    id: id || null,
    class: ['data-table', 'documents-table', `documents-${family}`, showClient ? null : 'without-client'],
  },
    h('caption', { class: 'visually-hidden' }, t(`docs.table_caption.${family}`)),
    h('thead', { role: 'rowgroup' }, head),
    body,
  );
}
