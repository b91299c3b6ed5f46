// #/dashboard — « Tableau de bord », the home screen: what she is owed and what
// is late, twelve months of revenue invoiced and collected, quotes, the two
// ceilings, the next URSSAF deadline, reminders due, hour banks and what each
// client really pays per hour. Every figure links to the list behind it.
// One call (get_dashboard) brings it all; the core keeps it fast at any size.

import { h } from '../dom.js';
import { t, tn, getLang } from '../i18n.js';
import * as api from '../api.js';
import { formatMoney, formatDate, formatMinutes, formatPercent } from '../format.js';
import { pageHeader, emptyState } from './shared.js';
import { gaugeView, monthLabel } from './collaboration-billing.js';
import { barChart } from '../chart.js';
import { openReminder } from './reminders.js';

const lastDay = (month) => {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

const amounts = (owed) => (owed.amounts.length
  ? owed.amounts.map((a) => formatMoney(a.cents, a.currency)).join(' · ')
  : formatMoney(0, 'EUR'));

/** A figure tile: a big number that is a link, a label, a line of detail. */
function tile({ id, href, label, value, detail, tone }) {
  return h('a', { class: ['tile', tone && `tile-${tone}`], href, id, dataset: { figure: id } },
    h('span', { class: 'tile-label' }, label),
    h('span', { class: 'tile-value' }, value),
    detail ? h('span', { class: 'tile-detail' }, detail) : null);
}

function thresholdView(th) {
  const isVat = th.kind === 'vat_franchise';
  const pct = Math.min(th.percent, 100);
  const fill = h('span', { class: 'gauge-fill' });
  fill.style.width = `${pct}%`;
  const gaugeLevel = { ok: 'ok', warning: 'warning', crossed: 'alert', over: 'alert' }[th.level];
  const lines = [];
  if (th.tolerance_crossed_on) lines.push(t('thresholds.tolerance_crossed_on', { date: formatDate(th.tolerance_crossed_on) }));
  else if (th.crossed_on) lines.push(t('thresholds.crossed_on', { date: formatDate(th.crossed_on) }));
  if (th.projected_on) {
    lines.push(t(th.crossed_on ? 'thresholds.tolerance_projected' : 'thresholds.projected', { date: formatDate(th.projected_on) }));
  } else if (!th.crossed_on) {
    lines.push(t('thresholds.not_this_year'));
  }
  return h('a', {
    class: ['threshold', `threshold-${th.level}`], href: `#/receipts?year=${th.year}`,
    id: `threshold-${th.kind}`, dataset: { level: th.level, percent: String(th.percent) },
  },
  h('div', { class: 'gauge-head' },
    h('span', { class: 'gauge-title' }, t(`thresholds.${th.kind}.title`)),
    h('span', { class: 'gauge-percent' }, t('format.percent', { value: th.percent }))),
  h('div', {
    class: ['gauge', `gauge-${gaugeLevel}`],
  }, h('div', {
    class: 'gauge-bar', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(pct),
    'aria-label': t(`thresholds.${th.kind}.title`),
  }, fill)),
  h('p', { class: 'threshold-figures' }, t(isVat ? 'thresholds.figures_tolerance' : 'thresholds.figures', {
    collected: formatMoney(th.collected, 'EUR'), limit: formatMoney(th.limit, 'EUR'),
    tolerance: th.tolerance != null ? formatMoney(th.tolerance, 'EUR') : '',
  })),
  lines.map((l) => h('p', { class: 'threshold-line' }, l)),
  th.level !== 'ok' ? h('p', { class: 'threshold-meaning', role: th.level === 'ok' ? null : 'note' }, t(`thresholds.${th.kind}.meaning`)) : null);
}

export async function render(ctx) {
  const d = await api.getDashboard();
  const months = d.months;
  const fmt = (c) => formatMoney(c, 'EUR');
  const lang = getLang();
  const short = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { notation: 'compact', maximumFractionDigits: 1 });
  const labels = months.map((m) => {
    const [y, mm] = m.month.split('-').map(Number);
    const date = new Date(Date.UTC(y, mm - 1, 1));
    return {
      key: m.month,
      short: date.toLocaleDateString(lang === 'en' ? 'en-GB' : 'fr-FR', { month: 'short', timeZone: 'UTC' }).replace('.', ''),
      long: monthLabel(m.month),
    };
  });
  const chart = barChart({
    id: 'revenue-chart',
    labels,
    caption: t('dashboard.chart.caption'),
    format: fmt,
    shortFormat: (v) => `${short.format(v / 100)} €`,
    series: [
      { key: 'invoiced', name: t('dashboard.chart.invoiced'), values: months.map((m) => m.invoiced), href: (i) => `#/invoices?from=${months[i].month}-01&to=${lastDay(months[i].month)}` },
      { key: 'collected', name: t('dashboard.chart.collected'), values: months.map((m) => m.collected), href: (i) => `#/receipts?year=${months[i].month.slice(0, 4)}&month=${months[i].month}` },
    ],
  });
  const chartBox = h('div', { class: 'chart-box' }, chart.svg, chart.tip);
  const tableBox = h('div', { class: 'chart-table-box', hidden: true }, chart.table);
  const toggle = h('button', {
    type: 'button', class: 'btn btn-small', dataset: { action: 'chart-table' }, 'aria-pressed': 'false', 'aria-controls': 'revenue-chart-table',
    onclick: () => {
      const showTable = tableBox.hidden;
      tableBox.hidden = !showTable; chartBox.hidden = showTable;
      toggle.setAttribute('aria-pressed', String(showTable));
      toggle.textContent = t(showTable ? 'dashboard.chart.show_chart' : 'dashboard.chart.show_table');
    },
  }, t('dashboard.chart.show_table'));
  const year = d.today.slice(0, 4);
  const invoiced12 = months.reduce((a, m) => a + m.invoiced, 0);
  const collected12 = months.reduce((a, m) => a + m.collected, 0);

  const q = d.quotes;
  const u = d.urssaf;
  const tiles = h('div', { class: 'tiles', id: 'dashboard-tiles' },
    tile({
      id: 'outstanding', href: '#/invoices?open=1', label: t('dashboard.outstanding'), value: amounts(d.outstanding),
      detail: tn('dashboard.invoices_count', d.outstanding.count),
    }),
    tile({
      id: 'overdue', href: '#/invoices?status=overdue', label: t('dashboard.overdue'), value: amounts(d.overdue),
      detail: tn('dashboard.invoices_count', d.overdue.count), tone: d.overdue.count ? 'danger' : null,
    }),
    tile({
      id: 'quotes', href: `#/quotes?from=${q.from}&to=${q.to}`, label: t('dashboard.quotes'),
      value: q.rate_bps == null ? '—' : formatPercent(q.rate_bps),
      detail: t('dashboard.quotes_detail', { sent: q.sent, accepted: q.accepted }),
    }),
    tile({
      id: 'urssaf', href: `#/urssaf?year=${u.code.slice(0, 4)}`, label: t('dashboard.urssaf', { period: periodLabel(u.code) }),
      value: fmt(u.revenue),
      detail: t(`dashboard.urssaf_${u.state}`, { date: formatDate(u.deadline), amount: fmt(u.contributions.total) }),
      tone: u.state === 'late' ? 'danger' : u.state === 'to_declare' ? 'warning' : null,
    }));

  const due = d.reminders_due;
  const remindersCard = h('section', { class: 'card dash-card', id: 'dashboard-reminders' },
    h('div', { class: 'card-head' }, h('h2', { class: 'card-title' }, t('dashboard.reminders_due')),
      h('a', { href: '#/reminders', class: 'card-link' }, t('dashboard.all_overdue'))),
    due.length
      ? h('ul', { class: 'due-list' }, due.map((o) => h('li', { dataset: { id: String(o.document_id) } },
        h('a', { href: `#/documents/${o.document_id}` }, o.number),
        h('span', null, o.client_name),
        h('span', { class: 'muted' }, tn('dashboard.days_late', o.days_late)),
        h('span', { class: 'num' }, formatMoney(o.amount_due, o.currency)),
        h('button', {
          type: 'button', class: 'btn btn-small btn-primary', dataset: { action: 'remind' },
          onclick: () => openReminder({ id: o.document_id, number: o.number, next: o.next, onDone: () => ctx.rerender({ fresh: true }) }),
        }, t(`reminders.make.${o.next}`)))))
      : h('p', { class: 'muted' }, t('dashboard.no_reminder_due')),
    d.reminders_due_count > due.length
      ? h('p', null, h('a', { href: '#/reminders' }, tn('dashboard.more_due', d.reminders_due_count - due.length))) : null);

  const banksCard = h('section', { class: 'card dash-card', id: 'dashboard-banks' },
    h('h2', { class: 'card-title' }, t('dashboard.banks')),
    d.banks.length
      ? h('div', { class: 'bank-list' }, d.banks.map((b) => h('a', { class: 'bank', href: `#/collaborations/${b.collaboration_id}` },
        h('span', { class: 'bank-name' }, `${b.client_name} · ${b.title}`), gaugeView(b.gauge))))
      : h('p', { class: 'muted' }, t('dashboard.no_banks')));

  const ratesCard = h('section', { class: 'card dash-card', id: 'dashboard-rates' },
    h('h2', { class: 'card-title' }, t('dashboard.rates')),
    h('p', { class: 'field-help' }, t('dashboard.rates_help')),
    d.rates.length
      ? h('table', { class: 'data-table rates-table', id: 'rates-table' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('dashboard.rates_client')),
          h('th', { scope: 'col', class: 'num' }, t('dashboard.rates_collected')),
          h('th', { scope: 'col', class: 'num' }, t('dashboard.rates_hours')),
          h('th', { scope: 'col', class: 'num' }, t('dashboard.rates_rate')))),
        h('tbody', null, d.rates.map((r) => h('tr', { dataset: { client: String(r.client_id) } },
          h('td', null, h('a', { href: `#/clients/${r.client_id}` }, r.client_name)),
          h('td', { class: 'num' }, fmt(r.collected)),
          h('td', { class: 'num' }, r.minutes ? formatMinutes(r.minutes) : '—'),
          h('td', { class: 'num', dataset: { figure: 'rate' } }, r.rate_cents == null ? '—' : t('dashboard.per_hour', { amount: fmt(r.rate_cents) }))))))
      : h('p', { class: 'muted' }, t('dashboard.no_rates')));

  const fresh = !months.some((m) => m.invoiced || m.collected) && !d.outstanding.count && !q.sent;
  const welcome = fresh ? h('section', { class: 'card dash-welcome', id: 'dashboard-welcome' },
    emptyState({
      title: t('dashboard.welcome.title'),
      text: t('dashboard.welcome.text'),
      actions: [
        h('a', { class: 'btn btn-primary', href: '#/clients/new' }, t('dashboard.welcome.client')),
        h('a', { class: 'btn', href: '#/collaborations/new' }, t('dashboard.welcome.collaboration')),
        h('a', { class: 'btn', href: '#/quotes/new' }, t('dashboard.welcome.quote')),
      ],
    })) : null;

  const el = h('section', { class: 'view view-dashboard' },
    pageHeader({ title: t('dashboard.title'), subtitle: t('dashboard.subtitle', { date: formatDate(d.today) }) }),
    welcome,
    tiles,
    h('section', { class: 'card dash-card dash-chart', id: 'dashboard-revenue' },
      h('div', { class: 'card-head' },
        h('h2', { class: 'card-title' }, t('dashboard.chart.title')),
        h('span', { class: 'muted' }, t('dashboard.chart.totals', { invoiced: fmt(invoiced12), collected: fmt(collected12) })),
        toggle),
      chart.legend, chartBox, tableBox,
      d.other_currency_payments ? h('p', { class: 'field-help' }, tn('dashboard.other_currencies', d.other_currency_payments)) : null),
    h('div', { class: 'dash-grid' },
      h('section', { class: 'card dash-card', id: 'dashboard-thresholds' },
        h('div', { class: 'card-head' },
          h('h2', { class: 'card-title' }, t('thresholds.title', { year })),
          h('a', { href: '#/settings#figures-card', class: 'card-link' }, t('thresholds.edit'))),
        d.thresholds.map(thresholdView)),
      remindersCard),
    h('div', { class: 'dash-grid' }, banksCard, ratesCard));
  return { el, title: t('dashboard.title'), section: 'dashboard' };
}

/** "2026-03" → « mars 2026 »; "2026-Q1" → « 1er trimestre 2026 ». */
export function periodLabel(code) {
  const m = /^(\d{4})-Q([1-4])$/.exec(code);
  if (m) return t('urssaf.quarter', { n: m[2], year: m[1] });
  return monthLabel(code);
}
