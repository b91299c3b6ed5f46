// Pieces shared by several views: page header, badges, empty states,
// the collaborations table (same row format in the list and on a client).

import { h } from '../dom.js';
import { t, label } from '../i18n.js';
import { formatMoney, formatMinutes, formatPercent, formatDate } from '../format.js';
import { dataTable } from '../table.js';

export function pageHeader({ title, subtitle, subtitleId, actions = [], badge, back }) {
  return h('header', { class: 'page-header' },
    h('div', { class: 'page-heading' },
      back ? h('a', { class: 'back-link', href: back.href }, `← ${back.label}`) : null,
      h('div', { class: 'title-row' },
        h('h1', { tabindex: '-1' }, title),
        badge || null,
      ),
      subtitle != null || subtitleId ? h('p', { class: 'page-subtitle', id: subtitleId }, subtitle ?? '') : null,
    ),
    actions.length ? h('div', { class: 'page-actions' }, ...actions) : null,
  );
}

export function badge(text, kind) {
  return h('span', { class: ['badge', kind && `badge-${kind}`] }, text);
}

export function statusBadge(status) {
  return badge(label('status', status), `status-${status}`);
}

export function emptyState({ title, text, actions = [], className }) {
  return h('div', { class: ['empty-state', className] },
    h('div', { class: 'empty-illustration', 'aria-hidden': 'true' }),
    title ? h('h2', { class: 'empty-title' }, title) : null,
    text ? h('p', { class: 'empty-text' }, text) : null,
    actions.length ? h('div', { class: 'empty-actions' }, ...actions) : null,
  );
}

/** Currency to display a collaboration's amounts in. */
export function collabCurrency(c, fallback = 'EUR') {
  return c.client_currency || fallback;
}

/** One-line pricing summary, e.g. "45,00 € / h · 10 h/mois". Formatting only. */
export function pricingSummary(pricing, currency = 'EUR') {
  if (!pricing) return '';
  const m = (cents) => formatMoney(cents, currency);
  switch (pricing.model) {
    case 'hourly':
      return pricing.monthly_hours_minutes != null
        ? t('pricing.summary.hourly_bank', { rate: m(pricing.hourly_rate_cents), hours: formatMinutes(pricing.monthly_hours_minutes) })
        : t('pricing.summary.hourly', { rate: m(pricing.hourly_rate_cents) });
    case 'monthly_flat':
      return t('pricing.summary.monthly_flat', { amount: m(pricing.monthly_amount_cents) });
    case 'project_flat':
      return t('pricing.summary.project_flat', { amount: m(pricing.project_amount_cents) });
    case 'fixed_plus_commission':
      return t('pricing.summary.fixed_plus_commission', { fixed: m(pricing.fixed_amount_cents), rate: formatPercent(pricing.commission_bps) });
    default:
      return label('pricing_model', pricing.model);
  }
}

/**
 * table#collaborations-table (dataTable) with rows tr[data-id]; a row opens the
 * collaboration on click or Enter. Returns { el, update(rows) }.
 */
export function collaborationsTable(rows, { navigate, currencyFallback = 'EUR', showClient = true } = {}) {
  return dataTable({
    id: 'collaborations-table',
    className: showClient ? null : 'without-client',
    caption: t('collaborations.table_caption'),
    rows,
    open: (c) => navigate(`#/collaborations/${c.id}`),
    columns: [
      showClient && { key: 'client', label: t('collaborations.col.client'), class: 'client', cell: (c) => c.client_name ?? '',
        cellData: (c) => ({ badge: c.client_archived ? t('clients.archived_badge') : null }) },
      { key: 'title', label: t('collaborations.col.title'), class: 'title', cell: (c) => c.title ?? '' },
      { key: 'role', label: t('collaborations.col.role'), class: 'role', cell: (c) => label('role', c.role) },
      { key: 'pricing', label: t('collaborations.col.pricing'), class: 'pricing num',
        cell: (c) => pricingSummary(c.pricing, collabCurrency(c, currencyFallback)) },
      { key: 'dates', label: t('collaborations.col.dates'), class: 'dates', cell: datesText },
      { key: 'status', label: t('collaborations.col.status'), class: 'status', cell: (c) => statusBadge(c.status) },
    ],
  });
}

function datesText(c) {
  if (c.start_date && c.end_date) return t('collaborations.dates.range', { start: formatDate(c.start_date), end: formatDate(c.end_date) });
  if (c.start_date) return t('collaborations.dates.since', { start: formatDate(c.start_date) });
  if (c.end_date) return t('collaborations.dates.until', { end: formatDate(c.end_date) });
  return '—';
}

/** A definition list of label/value pairs; empty values are shown as a dash. */
export function detailList(items) {
  return h('dl', { class: 'detail-list' }, items.map(([k, v, cls]) => [
    h('dt', null, k),
    h('dd', { class: [cls, (v == null || v === '') && 'muted'] }, v == null || v === '' ? '—' : v),
  ]));
}
