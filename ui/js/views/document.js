// #/documents/<id> — one quote, invoice, deposit invoice or credit note: its
// parties, lines, the core's totals, the legal mentions the PDF will print,
// payments, related documents, and the actions the core allows
// (document.actions). Buttons carry data-action for tests and keyboard users.

import { h, replace } from '../dom.js';
import { t, errorText } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog, showModal } from '../dialog.js';
import { field, bindForm, radioGroup, radioValue } from '../form.js';
import { formatMoney, formatDate, formatPercent, centsToInput, currencySymbol, countryName, formatSiret } from '../format.js';
import { pageHeader, detailList, emptyState } from './shared.js';
import {
  kindLabel, docName, docStatusBadge, familyOf, docVocabulary, showExported,
} from './docs-shared.js';
import { remindersSection } from './reminders.js';
import { today } from '../lookups.js';
import { totalsTable } from './document-form.js';

export async function render(ctx) {
  const { navigate, params } = ctx;
  const id = Number(params.id);
  const [doc, profile] = await Promise.all([api.getDocument(id), api.getProfile().catch(() => null)]);
  // The parties as the PDF prints them (frozen once issued); older answers
  // without them fall back to the current profile and client.
  const issuer = doc.parties ? doc.parties.issuer : fromProfile(profile);
  const party = doc.parties?.client
    || fromClient(await api.getClient(doc.client_id).catch(() => null), doc);
  const a = doc.actions || {};
  const family = familyOf(doc.kind);
  const cur = doc.currency || 'EUR';
  const isQuote = doc.kind === 'quote';
  const isPayable = doc.kind === 'invoice' || doc.kind === 'deposit';
  const name = docName(doc.kind, doc.number);
  const money = (c) => formatMoney(c, cur);
  const reminders = isPayable && doc.number ? await api.listReminders(id) : [];

  // --- actions --------------------------------------------------------------
  const missingSlot = h('div', { id: 'missing-mentions-slot' });
  const btn = (action, text, onclick, { primary = false, danger = false, hint } = {}) => h('button', {
    type: 'button',
    class: ['btn', primary && 'btn-primary', danger && 'btn-danger-quiet'],
    dataset: { action },
    title: hint || null,
    onclick: (e) => run(e.currentTarget, onclick),
  }, text);

  async function run(button, fn) {
    if (button.disabled) return;
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      await fn();
    } catch (err) {
      toastError(err);
    } finally {
      if (button.isConnected) {
        button.disabled = false;
        button.removeAttribute('aria-busy');
      }
    }
  }

  const actions = [];
  const main = isQuote
    ? (a.issue ? 'issue' : a.accept ? 'accept' : a.invoice ? 'invoice' : a.final ? 'final' : 'export')
    : (a.issue ? 'issue' : a.pay ? 'pay' : 'export');
  const p = (k) => k === main;
  if (a.edit) actions.push(btn('edit', t('common.edit'), () => navigate(`#/documents/${doc.id}/edit`)));
  if (a.issue) actions.push(btn('issue', t(isQuote ? 'docs.action.send_quote' : 'docs.action.issue'), onIssue, { primary: p('issue') }));
  if (a.accept) actions.push(btn('accept', t('docs.action.accept'), onAccept, { primary: p('accept') }));
  if (a.decline) actions.push(btn('decline', t('docs.action.decline'), onDecline));
  if (a.invoice) actions.push(btn('invoice', t('docs.action.invoice'), () => fromQuote({ type: 'full' }), { primary: p('invoice') }));
  if (a.deposit) actions.push(btn('deposit', t('docs.action.deposit'), onDeposit));
  if (a.final) actions.push(btn('final', t('docs.action.final'), () => fromQuote({ type: 'final' }), { primary: p('final') }));
  if (a.pay) actions.push(btn('pay', t('docs.action.pay'), onPay, { primary: p('pay') }));
  if (a.credit) actions.push(btn('credit', t('docs.action.credit'), onCredit));
  if (a.export) actions.push(btn('export', t(doc.number ? 'docs.action.export' : 'docs.action.export_draft'), onExport, { primary: p('export') }));
  if (a.email) actions.push(btn('email', t('docs.action.email'), onEmail, { hint: doc.client_email ? t('docs.email_to', { email: doc.client_email }) : null }));
  if (a.delete) actions.push(btn('delete', t('common.delete'), onDelete, { danger: true }));

  async function reload(focusAction) {
    await ctx.rerender({ fresh: true });
    if (focusAction) document.querySelector(`.doc-actions [data-action="${focusAction}"]`)?.focus();
  }

  async function onIssue() {
    const ok = await confirmDialog({
      title: t(isQuote ? 'docs.issue_confirm.title_quote' : `docs.issue_confirm.title.${doc.kind}`),
      message: t(isQuote ? 'docs.issue_confirm.message_quote' : 'docs.issue_confirm.message'),
      confirmLabel: t(isQuote ? 'docs.action.send_quote' : 'docs.action.issue'),
    });
    if (!ok) return;
    let issued;
    try {
      issued = await api.issueDocument(doc.id);
    } catch (err) {
      if (showMissing(err)) return;
      throw err;
    }
    toast(t(isQuote ? 'docs.issued_quote' : `docs.issued.${issued.kind}`, { name: docName(issued.kind, issued.number) }));
    await reload('export');
  }

  async function onAccept() {
    await api.setQuoteStatus(doc.id, 'accepted');
    toast(t('docs.accepted'));
    await reload('invoice');
  }

  async function onDecline() {
    const ok = await confirmDialog({
      title: t('docs.decline_confirm.title'),
      message: t('docs.decline_confirm.message'),
      confirmLabel: t('docs.action.decline'),
      danger: true,
    });
    if (!ok) return;
    await api.setQuoteStatus(doc.id, 'declined');
    toast(t('docs.declined'));
    await reload();
  }

  async function fromQuote(mode) {
    const created = await api.invoiceFromQuote(doc.id, mode);
    toast(t('docs.created_from_quote', { kind: kindLabel(created.kind) }));
    navigate(`#/documents/${created.id}`);
  }

  async function onCredit() {
    const ok = await confirmDialog({
      title: t('docs.credit_confirm.title'),
      message: t('docs.credit_confirm.message', { number: doc.number || '' }),
      confirmLabel: t('docs.action.credit'),
    });
    if (!ok) return;
    const created = await api.creditNoteFor(doc.id);
    toast(t('docs.credit_created'));
    navigate(`#/documents/${created.id}/edit`);
  }

  async function onDelete() {
    const ok = await confirmDialog({
      title: t('docs.delete_confirm.title', { name }),
      message: t('docs.delete_confirm.message'),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    await api.deleteDocument(doc.id);
    toast(t('docs.deleted'));
    navigate(family === 'quotes' ? '#/quotes' : '#/invoices', { force: true });
  }

  async function onExport() {
    const res = await api.exportDocumentPdf(doc.id);
    if (!res || !res.path) return; // the user closed the save dialog
    exportedDialog(res.path, res.file_name);
  }

  async function onEmail() {
    await api.emailDocument(doc.id);
    toast(t('docs.email_opened'));
  }

  function exportedDialog(path, fileName) {
    showExported({ path, fileName, onEmail: a.email ? () => api.emailDocument(doc.id) : null });
  }

  function onDeposit() {
    const modeGroup = radioGroup({
      name: 'deposit_mode',
      legend: t('docs.deposit.mode'),
      options: [{ value: 'percent', label: t('docs.deposit.by_percent') }, { value: 'amount', label: t('docs.deposit.by_amount') }],
      value: 'percent',
    });
    const percent = field({ name: 'percent', label: t('docs.deposit.percent'), value: '30', inputmode: 'decimal', suffix: '%' });
    const amount = field({ name: 'amount', label: t('docs.deposit.amount'), value: '', inputmode: 'decimal', suffix: currencySymbol(cur) });
    const form = h('form', { id: 'deposit-form', class: 'form dialog-form' },
      h('p', { class: 'dialog-message' }, t('docs.deposit.help', { total: money(doc.totals?.incl) })),
      modeGroup, percent.wrap, amount.wrap,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => dlg.close() }, t('common.cancel')),
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('docs.deposit.create'))),
    );
    const sync = () => {
      const byPercent = radioValue(form, 'deposit_mode') !== 'amount';
      percent.wrap.hidden = !byPercent;
      amount.wrap.hidden = byPercent;
    };
    form.addEventListener('change', sync);
    sync();
    const dlg = h('dialog', { class: 'dialog dialog-form-wrap', 'aria-labelledby': 'deposit-title' },
      h('h2', { id: 'deposit-title', class: 'dialog-title' }, t('docs.deposit.title')), form);
    bindForm(form, {
      collect: () => (radioValue(form, 'deposit_mode') === 'amount'
        ? { type: 'deposit', amount: amount.control.value }
        : { type: 'deposit', percent: percent.control.value }),
      submit: (mode) => api.invoiceFromQuote(doc.id, mode),
      onSuccess: (created) => {
        dlg.close();
        toast(t('docs.created_from_quote', { kind: kindLabel(created.kind) }));
        navigate(`#/documents/${created.id}`);
      },
      onCancel: () => dlg.close(),
    });
    showModal(dlg, { focus: percent.control });
    percent.control.select();
  }

  function onPay() {
    const fields = {
      date: field({ name: 'date', label: t('docs.payment.date'), type: 'date', value: today() }),
      amount: field({ name: 'amount', label: t('docs.payment.amount'), value: centsToInput(doc.outstanding), inputmode: 'decimal', suffix: currencySymbol(cur) }),
      method: field({ name: 'method', label: t('docs.payment.method'), control: 'select', value: 'transfer',
        options: docVocabulary(ctx.catalog).payment_methods.map((m) => ({ value: m, label: t(`docs.method.${m}`) })) }),
      note: field({ name: 'note', label: t('docs.payment.note'), optional: true }),
    };
    const form = h('form', { id: 'payment-form', class: 'form dialog-form' },
      h('p', { class: 'dialog-message' }, t('docs.payment.help', { outstanding: money(doc.outstanding) })),
      h('div', { class: 'form-grid' }, fields.date.wrap, fields.amount.wrap, fields.method.wrap, fields.note.wrap),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => dlg.close() }, t('common.cancel')),
        h('button', { type: 'submit', class: 'btn btn-primary' }, t('docs.payment.save'))),
    );
    const dlg = h('dialog', { class: 'dialog dialog-form-wrap', 'aria-labelledby': 'payment-title' },
      h('h2', { id: 'payment-title', class: 'dialog-title' }, t('docs.payment.title')), form);
    bindForm(form, {
      collect: () => Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.control.value])),
      submit: (input) => api.addPayment(doc.id, input),
      onSuccess: (updated) => {
        dlg.close();
        toast(updated.status === 'paid' ? t('docs.payment.saved_paid') : t('docs.payment.saved'));
        reload();
      },
      onCancel: () => dlg.close(),
    });
    showModal(dlg, { focus: fields.amount.control });
    fields.amount.control.select();
  }

  // A payment is never deleted: a mistaken one is cancelled by a dated
  // reversing entry that says why, and both stay in the receipts book.
  function onReversePayment(payment) {
    const fields = {
      date: field({ name: 'date', label: t('docs.reversal.date'), type: 'date', value: today() }),
      reason: field({ name: 'reason', label: t('docs.reversal.reason'), placeholder: t('docs.reversal.reason_placeholder') }),
    };
    const form = h('form', { id: 'reversal-form', class: 'form dialog-form' },
      h('p', { class: 'dialog-message' }, t('docs.reversal.help', { amount: money(payment.amount), date: formatDate(payment.date) })),
      h('div', { class: 'form-grid' }, fields.date.wrap, fields.reason.wrap),
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => dlg.close() }, t('common.cancel')),
        h('button', { type: 'submit', class: 'btn btn-danger' }, t('docs.reversal.save'))),
    );
    const dlg = h('dialog', { class: 'dialog dialog-form-wrap', 'aria-labelledby': 'reversal-title' },
      h('h2', { id: 'reversal-title', class: 'dialog-title' }, t('docs.reversal.title', { amount: money(payment.amount) })), form);
    bindForm(form, {
      collect: () => ({ date: fields.date.control.value, reason: fields.reason.control.value }),
      submit: (input) => api.reversePayment(payment.id, input),
      onSuccess: () => {
        dlg.close();
        toast(t('docs.reversal.saved'));
        reload();
      },
      onCancel: () => dlg.close(),
    });
    showModal(dlg, { focus: fields.reason.control });
  }

  // --- missing mentions ------------------------------------------------------
  function showMissing(err) {
    const items = (err.errors || []).filter((x) => x.field);
    const codes = ['missing_mentions', 'missing_mention', 'unprintable_text'];
    const isMissing = codes.includes(err.code) || items.some((x) => codes.includes(x.code));
    if (!isMissing) return false;
    const linkFor = (f) => {
      if (f.startsWith('profile.')) return { href: '#/settings', text: t('docs.missing.fix_profile') };
      if (f.startsWith('client.')) return { href: `#/clients/${doc.client_id}/edit`, text: t('docs.missing.fix_client', { name: doc.client_name ?? '' }) };
      return { href: `#/documents/${doc.id}/edit`, text: t('docs.missing.fix_document') };
    };
    const list = items.map((x) => {
      const key = `docs.missing.${x.field}`;
      // A character the PDF's font cannot draw: say which, and where it is.
      const where = x.field.startsWith('profile.') ? 'profile' : x.field.startsWith('client.') ? 'client' : 'document';
      const text = x.code === 'unprintable_text'
        ? t('docs.missing.unprintable', { chars: x.message, where: t(`docs.missing.unprintable_where.${where}`) })
        : (t(key) === key ? errorText(x) : t(key));
      const link = linkFor(x.field);
      return h('li', { dataset: { field: x.field } },
        h('span', null, text), ' ',
        h('a', { href: link.href, class: 'missing-link' }, link.text));
    });
    const panel = h('section', { class: 'missing-panel', id: 'missing-mentions', role: 'alert', tabindex: '-1' },
      h('h2', { class: 'missing-title' }, t('docs.missing.title')),
      h('ul', { class: 'missing-list' }, list),
      h('p', { class: 'missing-help' }, t('docs.missing.help')));
    replace(missingSlot, panel);
    panel.focus();
    return true;
  }

  // --- content ---------------------------------------------------------------
  const clientLink = h('a', { href: `#/clients/${doc.client_id}`, class: 'client-link', dataset: { action: 'open-client' } }, doc.client_name ?? '');
  const subtitle = h('span', null, clientLink, doc.title ? ` · ${doc.title}` : '');

  const lines = (a) => (Array.isArray(a) ? a.filter(Boolean) : []);
  const parties = h('div', { class: 'detail-grid doc-parties' },
    h('section', { class: 'card', id: 'document-issuer' },
      h('h2', { class: 'card-title' }, t('docs.parties.issuer')),
      issuer
        ? h('div', { class: 'party' },
          h('p', { class: 'party-name' }, issuer.name ?? ''),
          issuer.trade_name ? h('p', { class: 'muted-text' }, issuer.trade_name) : null,
          h('p', { class: 'multiline muted-text' }, [...lines(issuer.address),
            issuer.country && issuer.country !== 'FR' ? countryName(issuer.country) : null].filter(Boolean).join('\n')),
          issuer.siret ? h('p', { class: 'mono muted-text' }, t('docs.parties.siret', { siret: formatSiret(issuer.siret) })) : null,
          issuer.vat_number ? h('p', { class: 'mono muted-text' }, t('docs.parties.vat_number', { number: issuer.vat_number })) : null)
        : h('p', { class: 'muted' }, t('errors.profile_missing')),
    ),
    h('section', { class: 'card', id: 'document-client' },
      h('h2', { class: 'card-title' }, t('docs.parties.client')),
      h('div', { class: 'party' },
        h('p', { class: 'party-name' }, h('a', { href: `#/clients/${doc.client_id}` }, party.name || doc.client_name || '')),
        party.contact_name ? h('p', { class: 'muted-text' }, party.contact_name) : null,
        h('p', { class: 'multiline muted-text' }, lines(party.address).length
          ? [...lines(party.address), party.country && party.country !== 'FR' ? countryName(party.country) : null].filter(Boolean).join('\n')
          : t('docs.parties.no_address')),
        party.vat_number ? h('p', { class: 'mono muted-text' }, t('docs.parties.vat_number', { number: party.vat_number })) : null,
        party.email ? h('p', { class: 'muted-text' }, party.email) : null),
    ),
    h('section', { class: 'card', id: 'document-details' },
      h('h2', { class: 'card-title' }, t('docs.parties.details')),
      detailList(detailsOf(doc, profile)),
    ),
  );

  const showVat = doc.vat_case === 'domestic';
  const linesTable = h('table', { role: 'table', id: 'document-lines', class: ['data-table', 'lines-table', !showVat && 'no-vat'] },
    h('caption', { class: 'visually-hidden' }, t('docs.legend.lines')),
    h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
      h('th', { role: 'columnheader', scope: 'col' }, t('docs.lines.description')),
      h('th', { role: 'columnheader', scope: 'col', class: 'num' }, t('docs.lines.quantity')),
      h('th', { role: 'columnheader', scope: 'col' }, t('docs.lines.unit')),
      h('th', { role: 'columnheader', scope: 'col', class: 'num' }, t('docs.lines.unit_price')),
      showVat ? h('th', { role: 'columnheader', scope: 'col', class: 'num' }, t('docs.lines.vat_rate')) : null,
      h('th', { role: 'columnheader', scope: 'col', class: 'num' }, t('docs.lines.total')),
    )),
    h('tbody', { role: 'rowgroup' }, (doc.lines || []).map((l) => h('tr', { role: 'row', class: l.deduction ? 'is-deduction' : null },
      h('td', { role: 'cell', class: 'multiline description' }, l.description ?? ''),
      h('td', { role: 'cell', class: 'num' }, l.quantity ?? ''),
      h('td', { role: 'cell' }, l.unit ?? ''),
      h('td', { role: 'cell', class: 'num' }, money(l.unit_price)),
      showVat ? h('td', { role: 'cell', class: 'num' }, formatPercent(l.vat_rate)) : null,
      h('td', { role: 'cell', class: 'num' }, money(l.total_excl)),
    ))),
  );

  const balance = isPayable && doc.number ? h('dl', { class: 'totals totals-balance', id: 'document-balance' },
    h('div', { class: 'totals-row' }, h('dt', null, t('docs.totals.paid')), h('dd', { class: 'num' }, money(doc.paid))),
    doc.credited ? h('div', { class: 'totals-row' }, h('dt', null, t('docs.totals.credited')), h('dd', { class: 'num' }, money(doc.credited))) : null,
    h('div', { class: 'totals-row totals-incl' }, h('dt', null, t('docs.totals.outstanding')), h('dd', { class: 'num', id: 'document-outstanding' }, money(doc.outstanding))),
  ) : null;

  const mentions = (doc.mentions || []).length ? h('section', { class: 'mentions', id: 'document-mentions' },
    h('h2', { class: 'card-title' }, t('docs.mentions.title')),
    h('ul', { class: 'mentions-list' }, doc.mentions.map((m) => h('li', null, m))),
  ) : null;

  const linesBlock = h('section', { class: 'subsection doc-lines' },
    h('div', { class: 'table-wrap' }, linesTable),
    h('div', { class: 'doc-summary' },
      h('div', { class: 'doc-summary-left' }, mentions,
        doc.notes ? h('section', { class: 'doc-notes' }, h('h2', { class: 'card-title' }, t('docs.field.notes')), h('p', { class: 'multiline' }, doc.notes)) : null),
      h('div', { class: 'doc-summary-right' }, totalsTable(doc), balance)),
  );

  const payments = isPayable && doc.number ? h('section', { class: 'subsection doc-payments', id: 'document-payments' },
    h('div', { class: 'subsection-header' },
      h('h2', null, t('docs.payments.title')),
      a.pay ? h('button', { type: 'button', class: 'btn', dataset: { action: 'pay-inline' }, onclick: (e) => run(e.currentTarget, onPay) }, t('docs.action.pay')) : null),
    (doc.payments || []).length
      ? h('div', { class: 'table-wrap' }, h('table', { role: 'table', class: 'data-table payments-table', id: 'payments-table' },
        h('caption', { class: 'visually-hidden' }, t('docs.payments.title')),
        h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
          h('th', { role: 'columnheader', scope: 'col' }, t('docs.payment.date')),
          h('th', { role: 'columnheader', scope: 'col', class: 'num' }, t('docs.payment.amount')),
          h('th', { role: 'columnheader', scope: 'col' }, t('docs.payment.method')),
          h('th', { role: 'columnheader', scope: 'col' }, t('docs.payment.note')),
          h('th', { role: 'columnheader', scope: 'col' }, h('span', { class: 'visually-hidden' }, t('docs.payments.actions'))))),
        h('tbody', { role: 'rowgroup' }, doc.payments.map((pm) => h('tr', { role: 'row', dataset: { id: pm.id }, class: pm.reverses_id ? 'is-reversal' : (pm.reversed_by ? 'is-reversed' : null) },
          h('td', { role: 'cell' }, formatDate(pm.date)),
          h('td', { role: 'cell', class: 'num' }, money(pm.amount)),
          h('td', { role: 'cell' }, t(`docs.method.${pm.method}`)),
          h('td', { role: 'cell', class: 'muted-text' }, pm.reverses_id
            ? t('docs.reversal.row', { reason: pm.reason ?? '' })
            : [pm.note ?? '', pm.reversed_by ? h('span', { class: 'badge badge-archived' }, t('docs.reversal.cancelled')) : null]),
          h('td', { role: 'cell', class: 'row-actions' }, pm.reverses_id || pm.reversed_by ? null : h('button', {
            type: 'button', class: 'btn btn-small btn-danger-quiet', dataset: { action: 'reverse-payment' },
            'aria-label': t('docs.reversal.aria', { amount: money(pm.amount), date: formatDate(pm.date) }),
            onclick: (e) => run(e.currentTarget, () => onReversePayment(pm)),
          }, t('docs.reversal.action'))),
        ))),
      ))
      : emptyState({ className: 'empty-compact', text: t('docs.payments.none') }),
  ) : null;

  const related = (doc.related || []).length ? h('section', { class: 'subsection doc-related', id: 'document-related' },
    h('h2', null, t('docs.related.title')),
    h('ul', { class: 'related-list' }, doc.related.map((r) => h('li', null,
      h('a', { href: `#/documents/${r.id}`, dataset: { id: r.id } }, docName(r.kind, r.number)),
      docStatusBadge(r.status, r.kind),
      h('span', { class: 'num muted-text' }, money(r.total_incl)))))) : null;

  const el = h('section', { class: ['view', 'view-document', `kind-${doc.kind}`], dataset: { status: doc.status } },
    pageHeader({
      title: name,
      badge: docStatusBadge(doc.status, doc.kind),
      subtitle,
      back: { href: family === 'quotes' ? '#/quotes' : '#/invoices', label: t(`docs.${family}.title`) },
    }),
    actions.length ? h('div', { class: 'doc-actions', role: 'toolbar', 'aria-label': t('docs.actions_label') }, actions) : null,
    !doc.number ? h('p', { class: 'draft-note' }, t(isQuote ? 'docs.draft_note_quote' : 'docs.draft_note')) : null,
    // The file was changed behind the app's back: say so before anything else.
    doc.integrity ? h('section', { class: 'integrity-alert', id: 'document-integrity', role: 'alert' },
      h('h2', null, t('integrity.doc_title')),
      h('p', null, t(`integrity.fault.${doc.integrity}`)),
      h('p', null, t('integrity.doc_help'), ' ', h('a', { href: '#/settings?card=integrity' }, t('integrity.doc_link')))) : null,
    missingSlot,
    parties,
    linesBlock,
    payments,
    remindersSection(doc, reminders, { onChanged: () => reload() }),
    related,
  );

  return {
    el,
    title: name,
    section: family,
    autofocus: el.querySelector('.doc-actions .btn-primary') || null,
  };
}

function detailsOf(doc, profile) {
  const d = (v) => (v ? formatDate(v) : '');
  const items = [];
  if (doc.kind === 'quote') {
    items.push([t('docs.detail.issue_date'), d(doc.issue_date)]);
    items.push([t('docs.detail.valid_until'), doc.valid_until ? d(doc.valid_until) : (doc.validity_days != null ? t('docs.detail.validity_days', { days: doc.validity_days }) : '')]);
    items.push([t('docs.field.start_date'), d(doc.start_date)]);
    items.push([t('docs.field.duration'), doc.duration || '']);
  } else {
    items.push([t('docs.detail.issue_date'), d(doc.issue_date)]);
    const service = doc.service_to && doc.service_to !== doc.service_from
      ? t('docs.detail.period', { from: d(doc.service_from), to: d(doc.service_to) }) : d(doc.service_from);
    items.push([t('docs.detail.service'), service]);
    if (doc.kind !== 'credit_note') {
      items.push([t('docs.detail.due_date'), doc.due_date ? d(doc.due_date)
        : t('docs.detail.terms', { days: doc.payment_terms_days ?? profile?.payment_terms_days ?? 30 })]);
    }
  }
  if (doc.collaboration_id) items.push([t('docs.field.collaboration_id'), h('a', { href: `#/collaborations/${doc.collaboration_id}` }, doc.collaboration_title || '—')]);
  if (doc.quote_id) items.push([t('docs.detail.quote'), h('a', { href: `#/documents/${doc.quote_id}` }, doc.quote_number || docName('quote', null))]);
  if (doc.corrects_id) items.push([t('docs.detail.corrects'), h('a', { href: `#/documents/${doc.corrects_id}` }, doc.corrects_number || '—')]);
  return items;
}

/** The issuer block from a saved profile (only when the core sent no parties). */
function fromProfile(p) {
  if (!p) return null;
  return {
    name: p.legal_name, trade_name: p.trade_name, siret: p.siret, vat_number: p.vat_number, country: p.country,
    address: [p.address_line1, p.address_line2, [p.postal_code, p.city].filter(Boolean).join(' ')],
  };
}

/** The client block from a saved client (only when the core sent no parties). */
function fromClient(c, doc) {
  if (!c) return { name: doc.client_name, email: doc.client_email, address: [] };
  return {
    name: c.name, contact_name: c.contact_name, email: c.email, vat_number: c.vat_number, country: c.country,
    address: [c.address_line1, c.address_line2, [c.postal_code, c.city].filter(Boolean).join(' ')],
  };
}
