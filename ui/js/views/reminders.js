// #/reminders — « Relances »: every overdue invoice (days late, what is left to
// pay, the reminders already sent, whether the schedule of Réglages says the next
// one is due), and the reminder dialog used here, on the dashboard and on an
// invoice's page: a first reminder, a second, or the formal notice, previewed by
// the core (penalties, the 40 € for a business client), logged on the invoice,
// then exported as PDF and/or written as an e-mail draft.

import { h, replace } from '../dom.js';
import { t, errorText } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog, showModal } from '../dialog.js';
import { field, bindForm, radioGroup, radioValue } from '../form.js';
import { formatMoney, formatDate, formatPercent } from '../format.js';
import { pageHeader, emptyState, badge } from './shared.js';
import { invoicesTabs, showExported } from './docs-shared.js';

const KINDS = ['first', 'second', 'formal_notice'];

/** « Relance du 30/11/2026 » chips of the reminders sent. */
function sentList(reminders) {
  if (!reminders.length) return h('span', { class: 'muted' }, t('reminders.none_sent'));
  return h('ul', { class: 'chips' }, reminders.map((r) => h('li', { class: 'chip', dataset: { kind: r.kind } },
    t('reminders.sent_on', { kind: t(`reminders.kind.${r.kind}`), date: formatDate(r.date) }))));
}

export async function render(ctx) {
  const { navigate } = ctx;
  const body = h('div', { class: 'reminders-body' });
  const draw = async () => {
    const rows = await api.listOverdue();
    if (!rows.length) {
      replace(body, emptyState({
        title: t('reminders.empty.title'), text: t('reminders.empty.text'), className: 'empty-first',
        actions: [h('a', { class: 'btn', href: '#/invoices' }, t('reminders.empty.cta'))],
      }));
      return;
    }
    replace(body, h('div', { class: 'table-wrap' }, h('table', { class: 'data-table', id: 'overdue-table' },
      h('caption', { class: 'visually-hidden' }, t('reminders.title')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('reminders.col.invoice')),
        h('th', { scope: 'col' }, t('reminders.col.client')),
        h('th', { scope: 'col' }, t('reminders.col.due')),
        h('th', { scope: 'col', class: 'num' }, t('reminders.col.days')),
        h('th', { scope: 'col', class: 'num' }, t('reminders.col.amount')),
        h('th', { scope: 'col' }, t('reminders.col.sent')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('reminders.col.actions'))))),
      h('tbody', null, rows.map((o) => h('tr', { dataset: { id: String(o.document_id), due: o.next_due ? 'yes' : 'no' } },
        h('td', null, h('a', { href: `#/documents/${o.document_id}` }, o.number)),
        h('td', null, h('a', { href: `#/clients/${o.client_id}` }, o.client_name)),
        h('td', null, formatDate(o.due_date)),
        h('td', { class: 'num' }, String(o.days_late)),
        h('td', { class: 'num' }, formatMoney(o.amount_due, o.currency)),
        h('td', null, sentList(o.reminders)),
        h('td', { class: 'row-actions' },
          o.next_due ? badge(t('reminders.due_now'), 'warning') : null,
          o.next ? h('button', {
            type: 'button', class: ['btn', 'btn-small', o.next_due && 'btn-primary'], dataset: { action: 'remind' },
            onclick: () => openReminder({ id: o.document_id, number: o.number, next: o.next, onDone: draw }),
          }, t(`reminders.make.${o.next}`)) : h('span', { class: 'muted' }, t('reminders.all_sent')))))))));
  };
  await draw();
  const el = h('section', { class: 'view view-reminders' },
    pageHeader({ title: t('reminders.title'), subtitle: t('reminders.subtitle') }),
    invoicesTabs('#/reminders'),
    body);
  return { el, title: t('reminders.title'), section: 'invoices', navigate };
}

/** The reminders logged on one invoice, for its page; null when none and none possible. */
export function remindersSection(doc, reminders, { onChanged }) {
  const overdue = doc.status === 'overdue';
  if (!reminders.length && !overdue) return null;
  const next = !reminders.some((r) => r.kind === 'formal_notice')
    ? (reminders.some((r) => r.kind === 'second') ? 'formal_notice' : reminders.some((r) => r.kind === 'first') ? 'second' : 'first')
    : null;
  return h('section', { class: 'subsection doc-reminders', id: 'document-reminders' },
    h('div', { class: 'subsection-header' },
      h('h2', null, t('reminders.on_invoice')),
      overdue && next ? h('button', {
        type: 'button', class: 'btn', dataset: { action: 'remind' },
        onclick: () => openReminder({ id: doc.id, number: doc.number, next, onDone: onChanged }),
      }, t(`reminders.make.${next}`)) : null),
    reminders.length ? h('ul', { class: 'reminder-log', id: 'reminder-log' }, reminders.map((r) => h('li', { dataset: { kind: r.kind } },
      h('span', { class: 'reminder-what' }, t('reminders.sent_on', { kind: t(`reminders.kind.${r.kind}`), date: formatDate(r.date) })),
      h('span', { class: 'muted' }, t('reminders.log_detail', {
        amount: formatMoney(r.amount_due, r.currency), days: r.days_late,
      })),
      h('span', { class: 'row-actions' },
        h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'reminder-pdf' }, onclick: () => exportReminder(r) }, t('reminders.pdf')),
        h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'reminder-email' }, onclick: () => emailReminder(r) }, t('reminders.email')))))) : null);
}

const exported = new Map(); // reminder id -> path of its last saved PDF

async function exportReminder(r) {
  try {
    const res = await api.exportReminderPdf(r.id);
    if (!res || !res.path) return;
    exported.set(r.id, res.path);
    showExported({ path: res.path, fileName: res.file_name, onEmail: () => api.emailReminder(r.id, res.path) });
  } catch (err) { toastError(err); }
}

async function emailReminder(r) {
  try {
    await api.emailReminder(r.id, exported.get(r.id) || null);
    toast(t('docs.email_opened'));
  } catch (err) { toastError(err); }
}

/**
 * The reminder dialog for invoice `id`: choose the kind (the next one is
 * proposed), see what it asks for, log it. `onDone()` runs once it is logged.
 */
export function openReminder({ id, number, next = 'first', onDone }) {
  const kind = radioGroup({
    name: 'kind', legend: t('reminders.kind_label'),
    options: KINDS.map((k) => ({ value: k, label: t(`reminders.kind.${k}`) })), value: next,
  });
  const days = field({ name: 'notice_days', label: t('reminders.notice_days'), value: '', inputmode: 'numeric', suffix: t('reminders.days_suffix'), help: t('reminders.notice_help') });
  const preview = h('div', { class: 'reminder-preview', id: 'reminder-preview', 'aria-live': 'polite' });
  const form = h('form', { id: 'reminder-form', class: 'form dialog-form' },
    kind, days.wrap, preview,
    h('p', { class: 'field-error', dataset: { errorFor: 'id' } }),
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => dlg.close() }, t('common.cancel')),
      h('button', { type: 'submit', class: 'btn btn-primary', dataset: { action: 'save-reminder' } }, t('reminders.save'))));
  const dlg = h('dialog', { class: 'dialog dialog-form-wrap', id: 'reminder-dialog', 'aria-labelledby': 'reminder-title' },
    h('h2', { id: 'reminder-title', class: 'dialog-title' }, t('reminders.dialog_title', { number })), form);
  let confirmed = false;
  const collect = () => ({ kind: radioValue(form, 'kind'), notice_days: days.control.value, confirm: confirmed });
  const sync = () => { days.wrap.hidden = radioValue(form, 'kind') !== 'formal_notice'; };

  async function drawPreview() {
    sync();
    try {
      const r = await api.previewReminder(id, { ...collect(), confirm: true });
      if (!days.control.value && r.deadline) {
        const d = Math.round((Date.parse(r.deadline) - Date.parse(r.date)) / 86400000);
        days.control.placeholder = String(d);
      }
      const total = r.amount_due + r.penalties + (r.currency === 'EUR' ? r.indemnity : 0);
      replace(preview, h('dl', { class: 'kv' },
        h('dt', null, t('reminders.amount_due')), h('dd', { class: 'num' }, formatMoney(r.amount_due, r.currency)),
        h('dt', null, t('reminders.days_late')), h('dd', { class: 'num' }, String(r.days_late)),
        h('dt', null, t('reminders.penalties', { rate: formatPercent(r.penalty_bps) })), h('dd', { class: 'num', dataset: { figure: 'penalties' } }, formatMoney(r.penalties, r.currency)),
        h('dt', null, t('reminders.indemnity')), h('dd', { class: 'num', dataset: { figure: 'indemnity' } },
          r.indemnity ? formatMoney(r.indemnity, 'EUR') : t('reminders.indemnity_private')),
        h('dt', null, t('reminders.total')), h('dd', { class: 'num strong' }, formatMoney(total, r.currency)),
        r.deadline ? h('dt', null, t('reminders.deadline')) : null,
        r.deadline ? h('dd', null, formatDate(r.deadline)) : null));
    } catch (err) {
      replace(preview, h('p', { class: 'field-error' }, errorText(err)));
    }
  }
  form.addEventListener('change', drawPreview);
  days.control.addEventListener('input', drawPreview);

  const ctl = bindForm(form, {
    collect,
    submit: async (input) => {
      try {
        return await api.createReminder(id, input);
      } catch (err) {
        const ask = (err.errors || []).some((e) => e.code === 'notice_before_second_reminder');
        if (!ask) throw err;
        const ok = await confirmDialog({
          title: t('reminders.confirm_notice.title'),
          message: t('reminders.confirm_notice.message'),
          confirmLabel: t('reminders.confirm_notice.confirm'),
        });
        if (!ok) return null;
        confirmed = true;
        return api.createReminder(id, collect());
      }
    },
    onSuccess: (r) => {
      if (!r) return;
      toast(t('reminders.saved', { kind: t(`reminders.kind.${r.kind}`) }));
      replace(form,
        h('p', { class: 'dialog-message', id: 'reminder-saved' }, t('reminders.saved_next')),
        h('div', { class: 'dialog-actions dialog-actions-wrap' },
          h('button', { type: 'button', class: 'btn', dataset: { action: 'close' }, onclick: () => dlg.close() }, t('docs.exported.close')),
          h('button', { type: 'button', class: 'btn', dataset: { action: 'reminder-email' }, onclick: () => emailReminder(r) }, t('reminders.email')),
          h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'reminder-pdf' }, onclick: async () => { dlg.close(); await exportReminder(r); } }, t('reminders.pdf'))));
      form.querySelector('[data-action=reminder-pdf]').focus();
      onDone?.();
    },
    onCancel: () => dlg.close(),
  });
  void ctl;
  showModal(dlg, { focus: form.querySelector('input[name=kind]:checked') });
  drawPreview();
}
