// #/month-end[?month=YYYY-MM] — « Fin de mois »: every running collaboration
// with what billing the month would make (model, hours, bank use, amount), an
// action per row, and one that prepares every draft in turn, with progress and a
// summary of what was made and what was skipped, and why.

import { h, replace } from '../dom.js';
import { t, tn, label, errorText } from '../i18n.js';
import * as api from '../api.js';
import { toast } from '../toast.js';
import { formatMoney, formatMinutes, currencySymbol } from '../format.js';
import { pageHeader, emptyState } from './shared.js';
import { gaugeView, monthLabel } from './collaboration-billing.js';
import { invoicesTabs } from './docs-shared.js';

function shift(month, by) {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export async function render(ctx) {
  const { navigate, query } = ctx;
  const asked = query.get('month');
  const month = /^\d{4}-\d{2}$/.test(asked || '') ? asked : await api.defaultBillingMonth();
  let plans = await api.monthEnd(month);
  const revenues = new Map(); // collaboration id -> typed revenue
  const title = t('monthend.title', { month: monthLabel(month) });

  const body = h('tbody');
  const progress = h('p', { class: 'monthend-progress', role: 'status', 'aria-live': 'polite' });
  const summary = h('div', { class: 'monthend-summary', id: 'monthend-summary' });
  const billAll = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'bill-all' }, onclick: onBillAll,
  }, t('monthend.bill_all'));

  const amountCell = (p) => {
    if (p.state === 'ready') return formatMoney(p.total_excl, p.currency);
    if (p.state === 'billed') return t('monthend.billed');
    return '—';
  };
  const hoursCell = (p) => {
    if (p.gauge) return gaugeView(p.gauge, p.currency);
    return p.worked_minutes ? formatMinutes(p.worked_minutes) : '—';
  };
  const stateCell = (p) => {
    if (p.state === 'billed') {
      return h('a', { href: `#/documents/${p.document_id}`, dataset: { action: 'open-billed' } },
        p.document_number || t('bill.draft'));
    }
    if (p.state === 'nothing') {
      if (p.model === 'project_flat' && p.next_milestone) {
        return h('a', { href: `#/collaborations/${p.collaboration_id}` },
          t('monthend.next_milestone', { label: p.next_milestone.label, amount: formatMoney(p.next_milestone.planned_cents, p.currency) }));
      }
      return h('span', { class: 'muted' }, errorText({ code: p.reason }));
    }
    const revenue = p.model === 'fixed_plus_commission'
      ? h('label', { class: 'inline-field' },
        h('span', { class: 'visually-hidden' }, t('bill.revenue')),
        h('input', {
          name: `revenue.${p.collaboration_id}`, inputmode: 'decimal', class: 'cell-input',
          placeholder: t('monthend.revenue_placeholder', { currency: currencySymbol(p.currency) }),
          value: revenues.get(p.collaboration_id) || '',
          oninput: (e) => revenues.set(p.collaboration_id, e.target.value),
        }))
      : null;
    return h('span', { class: 'row-actions' }, revenue,
      h('button', {
        type: 'button', class: 'btn', dataset: { action: 'bill-row', collaboration: String(p.collaboration_id) },
        onclick: async (e) => {
          e.target.disabled = true;
          const r = await billOne(p);
          if (!r.ok) { e.target.disabled = false; toast(r.reason, 'error'); } else toast(t('bill.created'));
          await reload();
        },
      }, t('monthend.bill_one')));
  };
  const draw = () => {
    replace(body, ...plans.map((p) => h('tr', { dataset: { collaboration: String(p.collaboration_id), state: p.state } },
      h('td', null, h('a', { href: `#/collaborations/${p.collaboration_id}` }, p.collaboration_title),
        h('div', { class: 'muted' }, p.client_name)),
      h('td', null, label('pricing_model', p.model)),
      h('td', { class: 'monthend-hours' }, hoursCell(p)),
      h('td', { class: 'num' }, amountCell(p)),
      h('td', null, stateCell(p)))));
    billAll.disabled = !plans.some((p) => p.state === 'ready' || p.state === 'needs_revenue');
  };
  const reload = async () => { plans = await api.monthEnd(month); draw(); };

  async function billOne(p) {
    try {
      const doc = await api.billMonth({
        collaboration_id: p.collaboration_id, month, per_task: false,
        revenue: revenues.get(p.collaboration_id) || '',
      });
      return { ok: true, doc };
    } catch (err) {
      return { ok: false, reason: errorText(api.normalizeError(err)) };
    }
  }

  async function onBillAll() {
    const todo = plans.filter((p) => p.state === 'ready' || p.state === 'needs_revenue');
    const made = [];
    const skipped = plans.filter((p) => !todo.includes(p) && p.state !== 'billed')
      .map((p) => ({ p, reason: errorText({ code: p.reason }) }));
    billAll.disabled = true;
    for (const [i, p] of todo.entries()) {
      progress.textContent = t('monthend.progress', { done: i, total: todo.length });
      if (p.state === 'needs_revenue' && !(revenues.get(p.collaboration_id) || '').trim()) {
        skipped.push({ p, reason: t('bill.needs_revenue') });
        continue;
      }
      const r = await billOne(p);
      if (r.ok) made.push({ p, doc: r.doc }); else skipped.push({ p, reason: r.reason });
    }
    progress.textContent = ''; // the summary below says what was done
    replace(summary,
      h('h2', { class: 'card-title' }, t('monthend.summary_title')),
      h('p', null, `${tn('monthend.made', made.length)} · ${tn('monthend.skipped', skipped.length)}`),
      made.length ? h('ul', { class: 'monthend-made' }, made.map(({ p, doc }) =>
        h('li', null, h('a', { href: `#/documents/${doc.id}` }, `${p.collaboration_title} — ${p.client_name}`),
          ` · ${formatMoney(doc.totals?.excl ?? p.total_excl, p.currency)}`))) : null,
      skipped.length ? h('ul', { class: 'monthend-skipped' }, skipped.map(({ p, reason }) =>
        h('li', null, `${p.collaboration_title} — ${p.client_name} : `, h('span', { class: 'muted' }, reason)))) : null);
    summary.classList.add('card');
    summary.focus?.();
    await reload();
  }

  draw();
  const el = h('section', { class: 'view view-month-end' },
    pageHeader({
      title,
      subtitle: t('monthend.subtitle'),
      actions: [
        h('a', { class: 'btn', href: `#/month-end?month=${shift(month, -1)}`, dataset: { action: 'previous-month' } }, t('monthend.previous')),
        h('a', { class: 'btn', href: `#/month-end?month=${shift(month, 1)}`, dataset: { action: 'next-month' } }, t('monthend.next')),
        billAll,
      ],
    }),
    invoicesTabs('#/month-end'),
    plans.length
      ? h('div', { class: 'card' },
        h('table', { class: 'data-table monthend-table' },
          h('thead', null, h('tr', null,
            h('th', null, t('monthend.col.collaboration')), h('th', null, t('monthend.col.model')),
            h('th', null, t('monthend.col.hours')), h('th', { class: 'num' }, t('monthend.col.amount')),
            h('th', null, t('monthend.col.action')))),
          body),
        progress)
      : emptyState({
        title: t('monthend.empty.title'),
        text: t('monthend.empty.text'),
        actions: [h('button', { type: 'button', class: 'btn btn-primary', onclick: () => navigate('#/collaborations/new') }, t('monthend.empty.action'))],
      }),
    summary);
  return { el, title, section: 'invoices' };
}
