// The « Temps et facturation » panel of a collaboration's page: this month's
// gauge (a bank of hours, or a flat fee's indicative hours), the timer, « Facturer
// le mois… » and, for a project flat fee, its milestones and « Facturer le jalon ».
// Every figure comes from the core (gauge, plan, milestones); JS only formats.

import { h, replace, debounce } from '../dom.js';
import { t, errorText } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { showModal } from '../dialog.js';
import { field, bindForm } from '../form.js';
import { formatMoney, formatMinutes, centsToInput, bpsToInput, currencySymbol } from '../format.js';
import { openTimerPicker, timeChanged } from '../timer.js';

/** "2026-11" → « novembre 2026 ». */
export function monthLabel(month) {
  const [y, m] = String(month).split('-').map(Number);
  if (!y || !m) return String(month);
  return new Intl.DateTimeFormat(document.documentElement.lang || 'fr', { month: 'long', year: 'numeric' })
    .format(new Date(Date.UTC(y, m - 1, 1)));
}

export function currentMonth() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** The gauge of a month: a meter, the figures, and the warning or alert. */
export function gaugeView(g, currency = 'EUR') {
  if (!g) return null;
  const pct = Math.min(g.percent, 100);
  const bank = g.kind === 'bank';
  const main = bank
    ? t('gauge.bank_used', { used: formatMinutes(g.used_minutes), available: formatMinutes(g.available_minutes) })
    : t('gauge.indicative_used', { used: formatMinutes(g.used_minutes), hours: formatMinutes(g.bank_minutes) });
  const details = [];
  if (bank && g.carried_minutes > 0) details.push(t('gauge.carried', { hours: formatMinutes(g.carried_minutes) }));
  if (!bank && g.effective_rate_cents != null) {
    details.push(t('gauge.effective_rate', { amount: formatMoney(g.effective_rate_cents, currency) }));
  }
  let message = null;
  if (g.level === 'alert') {
    message = bank
      ? t('gauge.alert_bank', { hours: formatMinutes(g.overage_minutes) })
      : t('gauge.alert_indicative', { hours: formatMinutes(g.overage_minutes) });
  } else if (g.level === 'warning') {
    message = t('gauge.warning', { percent: g.percent });
  }
  // Through the CSSOM: the CSP refuses inline style attributes.
  const fill = h('span', { class: 'gauge-fill' });
  fill.style.width = `${pct}%`;
  return h('div', { class: ['gauge', `gauge-${g.level}`], dataset: { gaugeLevel: g.level, month: g.month } },
    h('div', { class: 'gauge-head' },
      h('span', { class: 'gauge-title' }, bank ? t('gauge.bank_title', { month: monthLabel(g.month) }) : t('gauge.indicative_title', { month: monthLabel(g.month) })),
      h('span', { class: 'gauge-percent' }, t('format.percent', { value: g.percent }))),
    h('div', {
      class: 'gauge-bar', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-valuenow': String(pct), 'aria-label': main,
    }, fill),
    h('p', { class: 'gauge-figures' }, main, details.length ? ` · ${details.join(' · ')}` : ''),
    message ? h('p', { class: 'gauge-message', role: g.level === 'alert' ? 'alert' : 'status' }, message) : null,
  );
}

function planLines(plan) {
  const cur = plan.currency;
  if (plan.state === 'billed') {
    return h('p', { class: 'plan-state' }, t('bill.already_billed'), ' ',
      h('a', { href: `#/documents/${plan.document_id}`, dataset: { action: 'open-billed' } },
        plan.document_number || t('bill.draft')));
  }
  if (plan.state === 'nothing') {
    return h('p', { class: 'plan-state plan-nothing' }, errorText({ code: plan.reason }));
  }
  if (plan.state === 'needs_revenue') {
    return h('p', { class: 'plan-state' }, t('bill.needs_revenue'));
  }
  return h('div', { class: 'plan-lines' },
    h('ul', { class: 'plan-list' }, plan.lines.map((text, i) =>
      h('li', null, h('span', { class: 'plan-text' }, text),
        h('span', { class: 'plan-amount' }, formatMoney(plan.charges[i].cents, cur))))),
    h('p', { class: 'plan-total' }, t('bill.total_excl'), ' ', h('strong', null, formatMoney(plan.total_excl, cur))));
}

/** The « Facturer le mois » dialog: month, options, live preview, create. */
export async function openBillMonth(collab, { navigate, month } = {}) {
  const model = collab.pricing?.model;
  const hourlyNoBank = model === 'hourly' && collab.pricing.monthly_hours_minutes == null;
  const cur = collab.client_currency || 'EUR';
  const monthField = field({ name: 'month', label: t('bill.month'), type: 'month', value: month || await api.defaultBillingMonth() });
  const perTask = hourlyNoBank ? h('label', { class: 'check' },
    h('input', { type: 'checkbox', name: 'per_task' }), h('span', null, t('bill.per_task'))) : null;
  const revenue = model === 'fixed_plus_commission'
    ? field({ name: 'revenue', label: t('bill.revenue'), inputmode: 'decimal', suffix: currencySymbol(cur), help: t('bill.revenue_help') })
    : null;
  const preview = h('div', { class: 'plan-preview', id: 'bill-preview', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', dataset: { action: 'confirm-bill' } }, t('bill.create'));
  const form = h('form', { id: 'bill-month-form', class: 'form dialog-form' },
    h('div', { class: 'form-grid' }, monthField.wrap, revenue?.wrap),
    perTask,
    preview,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => dlg.close() }, t('common.cancel')),
      submit));
  const dlg = h('dialog', { class: 'dialog dialog-form-wrap dialog-wide', 'aria-labelledby': 'bill-title' },
    h('h2', { id: 'bill-title', class: 'dialog-title' }, t('bill.title', { title: collab.title })), form);
  const collect = () => ({
    collaboration_id: collab.id,
    month: monthField.control.value,
    per_task: !!form.elements.namedItem('per_task')?.checked,
    revenue: revenue ? revenue.control.value : '',
  });
  let seq = 0;
  const refresh = async () => {
    const mine = ++seq;
    try {
      const plan = await api.previewMonthBill(collect());
      if (mine !== seq) return;
      replace(preview, planLines(plan));
      submit.disabled = plan.state !== 'ready' && plan.state !== 'needs_revenue';
    } catch (err) {
      if (mine !== seq) return;
      replace(preview, h('p', { class: 'plan-state plan-nothing' }, errorText(api.normalizeError(err))));
      submit.disabled = false; // the field error shows on submit
    }
  };
  form.addEventListener('input', debounce(refresh, 200));
  form.addEventListener('change', refresh);
  bindForm(form, {
    collect,
    submit: (input) => api.billMonth(input),
    onSuccess: (doc) => {
      dlg.close();
      toast(t('bill.created'));
      timeChanged();
      navigate(`#/documents/${doc.id}`);
    },
    onCancel: () => dlg.close(),
  });
  showModal(dlg, { focus: revenue ? revenue.control : monthField.control });
  await refresh();
}

// --- milestones --------------------------------------------------------------

function milestonesEditor(collab, plan, { navigate, reload }) {
  const cur = collab.client_currency || 'EUR';
  const rows = plan.milestones.map((m) => ({
    id: m.id,
    label: m.label,
    amount: m.percent_bps != null ? `${bpsToInput(m.percent_bps)} %` : centsToInput(m.amount_cents),
    planned_date: m.planned_date || '',
    invoiced: m.document_id != null,
    document_id: m.document_id,
    document_number: m.document_number,
    planned_cents: m.planned_cents,
  }));
  const body = h('tbody');
  const errorsEl = h('p', { class: 'field-error', dataset: { errorFor: 'milestones' } });
  const form = h('form', { id: 'milestones-form', class: 'form milestones-form', autocomplete: 'off' });
  const draw = () => {
    replace(body, ...rows.map((r, i) => {
      const last = i === rows.length - 1;
      const lock = r.invoiced;
      const input = (name, value, attrs = {}) => h('input', {
        name: `milestones.${i}.${name}`, value, disabled: lock, class: 'cell-input',
        'aria-label': t(`milestones.${name}`), ...attrs,
        oninput: (e) => { r[name] = e.target.value; },
      });
      return h('tr', { dataset: { index: String(i) } },
        h('td', null, String(i + 1)),
        h('td', null, input('label', r.label), h('span', { class: 'field-error', dataset: { errorFor: `milestones.${i}.label` } })),
        h('td', null, last
          ? h('span', { class: 'muted' }, t('milestones.balance'))
          : [input('amount', r.amount, { inputmode: 'decimal', placeholder: t('milestones.amount_placeholder') }),
            h('span', { class: 'field-error', dataset: { errorFor: `milestones.${i}.amount` } })]),
        h('td', null, input('planned_date', r.planned_date, { type: 'date' })),
        h('td', { class: 'num' }, r.planned_cents != null ? formatMoney(r.planned_cents, cur) : ''),
        h('td', null, r.invoiced
          ? h('a', { href: `#/documents/${r.document_id}` }, r.document_number || t('bill.draft'))
          : h('button', {
            type: 'button', class: 'btn btn-quiet', 'aria-label': t('milestones.remove'),
            onclick: () => { rows.splice(i, 1); draw(); },
          }, '×')));
    }));
  };
  draw();
  const save = async () => {
    const input = {
      collaboration_id: collab.id,
      milestones: rows.map((r) => ({ id: r.id ?? null, label: r.label, amount: r.amount, planned_date: r.planned_date })),
    };
    for (const el of form.querySelectorAll('[data-error-for]')) el.textContent = '';
    try {
      await api.saveMilestones(input);
      toast(t('milestones.saved'));
      reload();
    } catch (err) {
      const e = api.normalizeError(err);
      const list = e.errors?.length ? e.errors : [e];
      for (const fe of list) {
        const slot = form.querySelector(`[data-error-for="${CSS.escape(fe.field || 'milestones')}"]`) || errorsEl;
        slot.textContent = errorText(fe);
      }
    }
  };
  const next = plan.milestones.find((m) => m.id === plan.next_id);
  replace(form,
    h('table', { class: 'data-table milestones-table' },
      h('thead', null, h('tr', null,
        h('th', null, '#'), h('th', null, t('milestones.label')), h('th', null, t('milestones.amount')),
        h('th', null, t('milestones.planned_date')), h('th', { class: 'num' }, t('milestones.planned')), h('th', null, ''))),
      body),
    errorsEl,
    h('p', { class: 'section-help' }, t('milestones.help', {
      price: formatMoney(plan.project_cents, cur),
      deposit: plan.deposit_cents ? formatMoney(plan.deposit_cents, cur) : '—',
    })),
    h('div', { class: 'form-actions' },
      h('button', {
        type: 'button', class: 'btn', dataset: { action: 'add-milestone' },
        onclick: () => { rows.push({ id: null, label: '', amount: '', planned_date: '', invoiced: false, planned_cents: null }); draw(); },
      }, t('milestones.add')),
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'btn', dataset: { action: 'save-milestones' }, onclick: save }, t('milestones.save')),
      next ? h('button', {
        type: 'button', class: 'btn btn-primary', dataset: { action: 'bill-milestone' },
        onclick: async (e) => {
          e.target.disabled = true;
          try {
            const doc = await api.billMilestone(collab.id);
            toast(t('milestones.billed', { label: next.label }));
            navigate(`#/documents/${doc.id}`);
          } catch (err) {
            e.target.disabled = false;
            toastError(err);
          }
        },
      }, t('milestones.bill_next', { label: next.label })) : null));
  return form;
}

/** The panel, or null for a new collaboration. */
export async function billingPanel(collab, ctx) {
  if (!collab) return null;
  const panel = h('section', { class: 'card billing-panel', id: 'collaboration-billing', 'aria-labelledby': 'billing-title' });
  const cur = collab.client_currency || 'EUR';
  const model = collab.pricing?.model;
  const reload = async () => {
    const month = currentMonth();
    const [gauge, plan] = await Promise.all([
      api.collaborationGauge(collab.id, month).catch(() => null),
      model === 'project_flat' ? api.listMilestones(collab.id) : Promise.resolve(null),
    ]);
    const actions = h('div', { class: 'billing-actions' },
      collab.status !== 'ended' ? h('button', {
        type: 'button', class: 'btn', dataset: { action: 'start-timer-here' },
        onclick: () => openTimerPicker({ collaborationId: collab.id }),
      }, t('billing.start_timer')) : null,
      h('a', { class: 'btn', href: `#/time?collaboration=${collab.id}` }, t('billing.see_time')),
      model !== 'project_flat' ? h('button', {
        type: 'button', class: 'btn btn-primary', dataset: { action: 'bill-month' },
        onclick: () => openBillMonth(collab, ctx).catch(toastError),
      }, t('billing.bill_month')) : null);
    replace(panel,
      h('h2', { class: 'card-title', id: 'billing-title' }, t('billing.title')),
      gaugeView(gauge, cur),
      plan ? h('div', { class: 'milestones' },
        h('h3', { class: 'card-subtitle' }, t('milestones.title')),
        milestonesEditor(collab, plan, { navigate: ctx.navigate, reload })) : null,
      actions);
  };
  await reload();
  const onChanged = () => { if (panel.isConnected) reload().catch(() => {}); };
  window.addEventListener('tandem:time-changed', onChanged);
  panel.destroy = () => window.removeEventListener('tandem:time-changed', onChanged);
  return panel;
}

