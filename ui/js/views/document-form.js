// #/quotes/new[?client=<id>&collaboration=<id>], #/invoices/new[?client=<id>],
// #/documents/<id>/edit — form#document-form, the editor of a draft.
//
// Lines are rows of named controls `lines.<i>.<field>` so the core's field
// errors land next to their cell. No money is computed here: line totals, the
// document's totals and its VAT case are the core's, live from one
// preview_document call per pause in typing (which also answers the field errors).

import { h, replace, debounce } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { toast } from '../toast.js';
import { field, fieldset, bindForm, formView, select } from '../form.js';
import { formatMoney, formatPercent, currencySymbol, compareText } from '../format.js';
import { pageHeader, emptyState } from './shared.js';
import { docName, familyOf, docVocabulary } from './docs-shared.js';
import { activeClients, clientCollaborations } from '../lookups.js';

const LINE_FIELDS = ['description', 'quantity', 'unit', 'unit_price', 'vat_rate'];
const emptyLine = () => ({ description: '', quantity: '1', unit: 'h', unit_price: '', vat_rate: '2000' });

export const newQuoteView = { render: (ctx) => renderEditor(ctx, 'quote') };
export const newInvoiceView = { render: (ctx) => renderEditor(ctx, 'invoice') };
export const editDocumentView = { render: (ctx) => renderEditor(ctx, null) };

function valuesFrom(doc, kind) {
  const input = doc?.input || {};
  const str = (v, d = '') => (v == null ? d : String(v));
  return {
    kind: input.kind || doc?.kind || kind,
    client_id: str(input.client_id ?? doc?.client_id),
    collaboration_id: str(input.collaboration_id ?? doc?.collaboration_id),
    title: str(input.title),
    service_from: str(input.service_from),
    service_to: str(input.service_to),
    start_date: str(input.start_date),
    duration: str(input.duration),
    validity_days: doc ? str(input.validity_days) : '30',
    payment_terms_days: str(input.payment_terms_days),
    notes: str(input.notes),
    exchange_rate: str(input.exchange_rate),
    lines: Array.isArray(input.lines) && input.lines.length
      ? input.lines.map((l) => Object.fromEntries(LINE_FIELDS.map((f) => [f, str(l[f], f === 'vat_rate' ? '2000' : '')])))
      : [emptyLine()],
  };
}

async function renderEditor(ctx, newKind) {
  const { catalog, navigate, params, query } = ctx;
  const id = params.id != null ? Number(params.id) : null;
  const [doc, clients, profile] = await Promise.all([
    id != null ? api.getDocument(id) : Promise.resolve(null),
    activeClients(),
    api.getProfile(),
  ]);
  const kind = doc ? doc.kind : newKind;
  const family = familyOf(kind);
  const listHash = family === 'quotes' ? '#/quotes' : '#/invoices';
  const isQuote = kind === 'quote';
  const isCredit = kind === 'credit_note';
  const title = doc ? t('docs.editor.edit_title', { name: docName(kind, null) }) : t(`docs.editor.new_title.${kind}`);
  const back = doc ? { href: `#/documents/${doc.id}`, label: docName(kind, doc.number) } : { href: listHash, label: t(`docs.${family}.title`) };

  if (doc && !doc.actions?.edit) {
    const el = h('section', { class: 'view view-document-form' },
      pageHeader({ title: docName(kind, doc.number), back }),
      emptyState({
        title: t('docs.editor.frozen_title'),
        text: t('errors.document_frozen'),
        actions: [h('button', { type: 'button', class: 'btn btn-primary', onclick: () => navigate(`#/documents/${doc.id}`) }, t('docs.editor.open_document'))],
      }));
    return { el, title, section: family };
  }

  const clientOptions = clients.map((c) => ({ value: c.id, label: c.name ?? '' }));
  if (doc && !clientOptions.some((o) => Number(o.value) === Number(doc.client_id))) {
    clientOptions.push({ value: doc.client_id, label: t('collaboration.archived_client_option', { name: doc.client_name ?? '' }) });
    clientOptions.sort((a, b) => compareText(a.label, b.label));
  }

  if (!doc && clientOptions.length === 0) {
    const el = h('section', { class: 'view view-document-form' },
      pageHeader({ title, back }),
      emptyState({
        title: t('collaboration.no_client.title'),
        text: t('docs.editor.needs_client'),
        actions: [h('button', {
          type: 'button', class: 'btn btn-primary btn-large', dataset: { action: 'new-client' },
          onclick: () => navigate('#/clients/new'),
        }, t('collaborations.empty.add_client'))],
      }));
    return { el, title, section: family };
  }

  const values = valuesFrom(doc, kind);
  if (!doc) {
    const qc = query.get('client');
    if (qc && clientOptions.some((o) => String(o.value) === String(Number(qc)))) values.client_id = String(Number(qc));
    const qk = query.get('collaboration');
    if (qk && /^\d+$/.test(qk)) values.collaboration_id = qk;
  }
  if (ctx.restore?.values) Object.assign(values, ctx.restore.values);
  const savedLines = doc ? valuesFrom(doc, kind).lines : [];
  // The client's currency: the draft's, then what each preview says.
  let currency = doc?.currency || 'EUR';
  const isDeposit = kind === 'deposit';

  // --- general fields ------------------------------------------------------
  const fld = (name, extra = {}) => field({ name, label: t(`docs.field.${name}`), value: values[name], ...extra });
  const clientField = fld('client_id', {
    control: 'select', options: clientOptions, placeholder: t('collaboration.choose_client'),
  });
  const collabField = fld('collaboration_id', {
    control: 'select', options: [], placeholder: t('docs.editor.no_collaboration'), optional: true,
    help: t('docs.help.collaboration_id'),
  });
  const titleField = fld('title', { wide: true, help: t(`docs.help.title.${isQuote ? 'quote' : 'invoice'}`) });

  const dateFields = isQuote
    ? [
      fld('start_date', { type: 'date', help: t('docs.help.start_date') }).wrap,
      fld('duration', { placeholder: t('docs.placeholder.duration'), help: t('docs.help.duration') }).wrap,
      fld('validity_days', { inputmode: 'numeric', suffix: t('unit.days'), narrow: true, help: t('docs.help.validity_days') }).wrap,
    ]
    : [
      // A deposit's date is the day its payment is received (CGI 242 nonies A).
      isDeposit
        ? field({ name: 'service_from', label: t('docs.field.deposit_received'), value: values.service_from, type: 'date', optional: true, help: t('docs.help.deposit_received') }).wrap
        : fld('service_from', { type: 'date', help: t('docs.help.service_from') }).wrap,
      isDeposit ? null : fld('service_to', { type: 'date', optional: true, help: t('docs.help.service_to') }).wrap,
      isCredit ? null : fld('payment_terms_days', {
        inputmode: 'numeric', suffix: t('unit.days'), optional: true,
        placeholder: profile?.payment_terms_days != null ? String(profile.payment_terms_days) : '',
        help: t('docs.help.payment_terms_days', { days: profile?.payment_terms_days ?? '30' }),
      }).wrap,
    ];

  // French VAT on an invoice in another currency is also stated in euros (CGI
  // 289-IV): the core says when, and which rate she typed last.
  const rateField = isQuote ? null : fld('exchange_rate', { inputmode: 'decimal', narrow: true, suffix: '€', help: '' });
  if (rateField) {
    rateField.wrap.hidden = true;
    dateFields.push(rateField.wrap);
  }
  function applyExchangeRate(p) {
    if (!rateField) return;
    rateField.wrap.hidden = !p.needs_exchange_rate;
    if (!p.needs_exchange_rate) return;
    rateField.label.firstChild.textContent = t('docs.field.exchange_rate', { currency: p.currency });
    const help = rateField.wrap.querySelector('.field-help');
    if (help) help.textContent = t('docs.help.exchange_rate', { currency: p.currency });
    if (rateField.control.value.trim() === '' && p.last_exchange_rate) rateField.control.value = p.last_exchange_rate;
  }

  // --- lines ---------------------------------------------------------------
  const unitsId = 'doc-units';
  const unitsList = h('datalist', { id: unitsId }, docVocabulary(catalog).units.map((u) => h('option', { value: u })));
  const rowsBox = h('div', { class: 'line-rows', role: 'list' });
  const vatNote = h('p', { class: 'vat-note', id: 'vat-note', hidden: true });
  const linesError = h('p', { class: 'field-error', dataset: { errorFor: 'lines' } });
  const addBtn = h('button', { type: 'button', class: 'btn', dataset: { action: 'add-line' }, onclick: () => addLine() },
    h('span', { 'aria-hidden': 'true' }, '+'), t('docs.lines.add'));
  const linesHead = h('div', { class: 'line-head', 'aria-hidden': 'true' },
    h('span', null, t('docs.lines.description')),
    h('span', { class: 'num' }, t('docs.lines.quantity')),
    h('span', null, t('docs.lines.unit')),
    h('span', { class: 'num' }, t('docs.lines.unit_price')),
    h('span', { class: 'vat-col' }, t('docs.lines.vat_rate')),
    h('span', { class: 'num' }, t('docs.lines.total')),
    h('span', null),
  );
  const linesEditor = h('div', { class: 'lines-editor' }, linesHead, rowsBox);
  let rowEls = [];
  let ctlRef = null;

  const vatOptions = docVocabulary(catalog).vat_rates.map((r) => ({ value: r, label: formatPercent(Number(r)) }));

  function cell(i, name, control, cls) {
    const fieldName = `lines.${i}.${name}`;
    const errId = `line-${i}-${name}-error`;
    control.name = fieldName;
    control.setAttribute('aria-describedby', errId);
    control.setAttribute('aria-label', t(`docs.lines.aria.${name}`, { n: i + 1 }));
    return h('div', { class: ['line-cell', `line-${name}`, cls], dataset: { field: fieldName } },
      control,
      h('p', { class: 'field-error', id: errId, dataset: { errorFor: fieldName } }));
  }

  function lineTotal(i, line) {
    const saved = savedLines[i];
    if (doc && saved && JSON.stringify(saved) === JSON.stringify(line) && doc.lines?.[i]) {
      return { text: formatMoney(doc.lines[i].total_excl, currency), stale: false };
    }
    return { text: '—', stale: true };
  }

  function buildRow(line, i, count) {
    const desc = h('textarea', { rows: Math.min(6, Math.max(2, line.description.split('\n').length)), spellcheck: 'true' });
    desc.value = line.description;
    const qty = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', class: 'num' });
    qty.value = line.quantity;
    const unit = h('input', { type: 'text', list: unitsId, autocomplete: 'off', spellcheck: 'false' });
    unit.value = line.unit;
    const price = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', class: 'num has-suffix' });
    price.value = line.unit_price;
    const vat = select({ options: vatOptions, value: line.vat_rate });
    if (![...vat.options].some((o) => o.value === line.vat_rate)) {
      vat.appendChild(h('option', { value: line.vat_rate }, formatPercent(Number(line.vat_rate))));
      vat.value = line.vat_rate;
    }
    const total = h('div', { class: 'line-total num', dataset: { lineTotal: String(i) } });
    const move = (delta, labelKey, disabled, sym) => h('button', {
      type: 'button', class: 'icon-btn', disabled,
      dataset: { action: delta < 0 ? 'line-up' : 'line-down' },
      'aria-label': t(labelKey, { n: i + 1 }), title: t(labelKey, { n: i + 1 }),
      onclick: () => moveLine(i, delta),
    }, sym);
    const tools = h('div', { class: 'line-tools' },
      move(-1, 'docs.lines.up', i === 0, '↑'),
      move(1, 'docs.lines.down', i === count - 1, '↓'),
      h('button', {
        type: 'button', class: 'icon-btn icon-danger', disabled: count <= 1,
        dataset: { action: 'line-remove' },
        'aria-label': t('docs.lines.remove', { n: i + 1 }), title: t('docs.lines.remove', { n: i + 1 }),
        onclick: () => removeLine(i),
      }, '×'));
    const row = h('div', { class: 'line-row', role: 'listitem', dataset: { line: String(i) } },
      cell(i, 'description', desc),
      cell(i, 'quantity', qty),
      cell(i, 'unit', unit),
      h('div', { class: 'line-cell line-unit_price', dataset: { field: `lines.${i}.unit_price` } },
        h('div', { class: 'control-row' }, price, h('span', { class: 'suffix price-suffix', 'aria-hidden': 'true' }, currencySymbol(currency))),
        h('p', { class: 'field-error', id: `line-${i}-unit_price-error`, dataset: { errorFor: `lines.${i}.unit_price` } })),
      cell(i, 'vat_rate', vat, 'vat-col'),
      total,
      tools,
    );
    price.name = `lines.${i}.unit_price`;
    price.setAttribute('aria-describedby', `line-${i}-unit_price-error`);
    price.setAttribute('aria-label', t('docs.lines.aria.unit_price', { n: i + 1 }));
    // Alt+↑ / Alt+↓ move the line the focus is in.
    row.addEventListener('keydown', (e) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key === 'ArrowUp' && i > 0) { e.preventDefault(); moveLine(i, -1, e.target); }
      else if (e.key === 'ArrowDown' && i < count - 1) { e.preventDefault(); moveLine(i, 1, e.target); }
    });
    desc.addEventListener('input', () => {
      desc.rows = Math.min(8, Math.max(2, desc.value.split('\n').length));
    });
    return { row, desc, qty, unit, price, vat, total };
  }

  function readLines() {
    return rowEls.map((r) => ({
      description: r.desc.value, quantity: r.qty.value, unit: r.unit.value, unit_price: r.price.value, vat_rate: r.vat.value,
    }));
  }

  function renderLines(lines, focus) {
    rowEls = lines.map((l, i) => buildRow(l, i, lines.length));
    replace(rowsBox, rowEls.map((r) => r.row));
    refreshTotals();
    if (focus) {
      const r = rowEls[focus.index];
      const target = r && (r[focus.part] || r.desc);
      if (target) target.focus();
    }
  }

  function partOf(el, r) {
    for (const k of ['desc', 'qty', 'unit', 'price', 'vat']) if (r[k] === el) return k;
    return null;
  }

  function structural(lines, focus) {
    renderLines(lines, focus);
    ctl.clearErrors();
    ctl.validateSoon();
    onEdit();
  }

  function addLine() {
    const lines = readLines();
    const last = lines[lines.length - 1];
    lines.push({ ...emptyLine(), unit: last?.unit || 'h', vat_rate: last?.vat_rate || '2000' });
    structural(lines, { index: lines.length - 1, part: 'desc' });
  }

  function removeLine(i) {
    const lines = readLines();
    if (lines.length <= 1) return;
    lines.splice(i, 1);
    structural(lines, { index: Math.min(i, lines.length - 1), part: 'desc' });
    toast(t('docs.lines.removed', { n: i + 1 }));
  }

  function moveLine(i, delta, fromEl) {
    const lines = readLines();
    const j = i + delta;
    if (j < 0 || j >= lines.length) return;
    const part = fromEl ? partOf(fromEl, rowEls[i]) : null;
    [lines[i], lines[j]] = [lines[j], lines[i]];
    structural(lines, part ? { index: j, part } : null);
    if (!part) {
      // Keep the focus on the same button of the moved line when it still can move.
      const r = rowEls[j];
      const btn = r.row.querySelector(`[data-action="${delta < 0 ? 'line-up' : 'line-down'}"]`);
      (btn && !btn.disabled ? btn : r.desc).focus();
    }
  }

  // --- totals: the core's, live (preview_document writes nothing) ----------
  const totalsBox = h('div', { class: 'editor-totals', id: 'editor-totals', 'aria-live': 'polite' });
  let previewSeq = 0;
  // The VAT case as the core decides it: the draft's own, then each preview's.
  let vatCase = doc ? doc.vat_case : null;

  // One preview answers both the live totals and the live validation of the same
  // input: the first to ask sends it, the other reuses the answer.
  let lastAsk = null;
  function askPreview(input) {
    const key = JSON.stringify(input);
    if (!lastAsk || lastAsk.key !== key) {
      lastAsk = { key, promise: api.previewDocument(input, doc ? doc.id : null) };
      lastAsk.promise.catch(() => { if (lastAsk?.key === key) lastAsk = null; });
    }
    return lastAsk.promise;
  }

  /** At once: saved lines show their saved total; then the core's live figures. */
  function refreshTotals() {
    const lines = readLines();
    rowEls.forEach((r, i) => {
      const lt = lineTotal(i, lines[i]);
      if (!lt.stale) setLineTotal(r, lt.text, false);
    });
    if (!totalsBox.firstChild) {
      replace(totalsBox, doc ? totalsTable(doc) : h('p', { class: 'totals-hint' }, t('docs.editor.totals_live')));
    }
    previewSoon();
  }

  function setLineTotal(r, text, stale, hint) {
    r.total.textContent = text;
    r.total.classList.toggle('is-stale', stale);
    r.total.title = stale ? (hint || '') : '';
  }

  /**
   * Asks the core, in one call, for the document as typed: its totals, its VAT
   * case, each line's own total (none for a line it cannot read yet, which shows
   * a dash instead of a misleading 0,00 €) and the field errors.
   */
  async function runPreview() {
    const mine = ++previewSeq;
    let p;
    try {
      p = await askPreview(collect());
    } catch (err) {
      console.warn('totals preview failed', err);
      if (mine === previewSeq) {
        replace(totalsBox, doc ? totalsTable(doc, { stale: true }) : null,
          h('p', { class: 'totals-hint' }, t('docs.editor.save_to_compute')));
      }
      return;
    }
    if (mine !== previewSeq) return;
    if (p.currency && p.currency !== currency) {
      // The client changed currency: the price cells say which one.
      currency = p.currency;
      for (const el of linesEditor.querySelectorAll('.price-suffix')) el.textContent = currencySymbol(currency);
    }
    rowEls.forEach((r, i) => {
      const total = p.line_totals[i];
      if (total == null) setLineTotal(r, '—', true, t('docs.editor.line_incomplete'));
      else setLineTotal(r, formatMoney(total, currency), false);
    });
    vatCase = p.vat_case;
    applyVatCase();
    applyExchangeRate(p);
    replace(totalsBox, totalsTable({ totals: p.totals, currency, vat_case: p.vat_case }));
  }
  const previewSoon = debounce(runPreview, 200);

  // --- VAT case ------------------------------------------------------------
  function applyVatCase() {
    const vc = vatCase || 'domestic';
    const domestic = vc === 'domestic';
    linesEditor.classList.toggle('no-vat', !domestic);
    for (const r of rowEls) r.vat.disabled = !domestic;
    vatNote.hidden = domestic;
    vatNote.textContent = domestic ? '' : t(`docs.vat_case_note.${vc}`);
  }

  async function loadClient() {
    const cid = clientField.control.value;
    const collab = collabField.control;
    const keep = collab.value || values.collaboration_id;
    replace(collab, h('option', { value: '' }, t('docs.editor.no_collaboration')));
    // The VAT case follows the client: the preview brings the core's.
    if (!cid) { await runPreview(); return; }
    const collabs = await clientCollaborations(Number(cid)).catch(() => []);
    if (clientField.control.value !== cid) return;
    for (const c of collabs) collab.appendChild(h('option', { value: String(c.id) }, c.title || t('collaboration.edit_title')));
    if ([...collab.options].some((o) => o.value === String(keep))) collab.value = String(keep);
    collabField.wrap.hidden = collabs.length === 0;
    await runPreview();
  }

  // --- form ----------------------------------------------------------------
  let stay = false;
  let lastStay = false;
  const saveStay = h('button', {
    type: 'button', class: 'btn', dataset: { action: 'save-stay' },
    title: t('docs.editor.save_stay_help'),
    onclick: () => { stay = true; form.requestSubmit(); },
  }, t('docs.editor.save_stay'));

  const form = h('form', { id: 'document-form', class: 'form document-form', autocomplete: 'off', dataset: { kind } },
    fieldset(t('docs.legend.client'),
      clientField.wrap,
      collabField.wrap,
      titleField.wrap,
    ),
    fieldset(t(isQuote ? 'docs.legend.quote_dates' : 'docs.legend.invoice_dates'), ...dateFields.filter(Boolean)),
    h('fieldset', { class: 'form-section lines-section' },
      h('legend', { class: 'form-section-title' }, t('docs.legend.lines')),
      h('p', { class: 'section-help' }, t('docs.lines.help')),
      vatNote,
      linesEditor,
      unitsList,
      linesError,
      h('div', { class: 'lines-footer' }, addBtn, totalsBox),
    ),
    fieldset(t('docs.legend.notes'),
      fld('notes', { control: 'textarea', optional: true, wide: true, rows: 3, help: t('docs.help.notes') }).wrap,
    ),
    h('div', { class: 'form-actions' },
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => navigate(cancelTarget) }, t('common.cancel')),
      saveStay,
      h('button', { type: 'submit', class: 'btn btn-primary', 'aria-keyshortcuts': 'Control+Enter' }, t('docs.editor.save')),
    ),
  );
  const cancelTarget = doc ? `#/documents/${doc.id}` : (values.client_id && query.get('client') ? `#/clients/${values.client_id}` : listHash);

  renderLines(values.lines);

  const collect = () => {
    const el = (n) => form.elements.namedItem(n);
    const v = (n) => (el(n) ? el(n).value : '');
    const cid = v('client_id');
    const kid = v('collaboration_id');
    return {
      kind: values.kind,
      client_id: cid === '' ? null : Number(cid),
      collaboration_id: kid === '' ? null : Number(kid),
      title: v('title'),
      service_from: isQuote ? '' : v('service_from'),
      service_to: isQuote ? '' : v('service_to'),
      start_date: isQuote ? v('start_date') : '',
      duration: isQuote ? v('duration') : '',
      validity_days: isQuote ? v('validity_days') : '',
      payment_terms_days: isQuote || isCredit ? '' : v('payment_terms_days'),
      notes: v('notes'),
      exchange_rate: isQuote ? '' : v('exchange_rate'),
      lines: readLines(),
    };
  };
  const rawValues = () => {
    const c = collect();
    return { ...c, client_id: c.client_id == null ? '' : String(c.client_id), collaboration_id: c.collaboration_id == null ? '' : String(c.collaboration_id) };
  };

  const ctl = bindForm(form, {
    collect,
    rawValues,
    validate: async (input) => (await askPreview(input)).errors,
    submit: async (input) => {
      const s = stay;
      stay = false;
      const saved = await (doc ? api.updateDocument(doc.id, input) : api.createDocument(input));
      lastStay = s;
      return saved;
    },
    onSuccess: async (saved) => {
      const wasStay = lastStay;
      lastStay = false;
      if (wasStay) {
        toast(t('docs.editor.saved_stay'));
        if (doc) {
          await ctx.rerender({ fresh: true });
          document.querySelector('[data-action="save-stay"]')?.focus();
        } else {
          navigate(`#/documents/${saved.id}/edit`, { force: true });
        }
        return;
      }
      toast(t('docs.editor.saved'));
      navigate(`#/documents/${saved.id}`, { force: true });
    },
    onCancel: () => navigate(cancelTarget),
    restore: ctx.restore,
  });
  ctlRef = ctl;

  function onEdit() { refreshTotals(); }
  form.addEventListener('input', onEdit);
  form.addEventListener('change', onEdit);
  clientField.control.addEventListener('change', () => { loadClient(); });

  await loadClient();
  refreshTotals();

  const el = h('section', { class: 'view view-document-form' },
    pageHeader({
      title,
      subtitle: doc ? t('docs.editor.draft_subtitle') : null,
      back,
    }),
    form,
  );
  const autofocus = values.client_id ? titleField.control : clientField.control;
  const view = formView(ctl, { el, title, autofocus, restore: ctx.restore });
  view.section = family;
  view.destroy = () => { ctl.destroy(); previewSoon.cancel(); previewSeq += 1; };
  return view;
}

/** The core's totals of a saved document: HT, VAT per rate, TTC. */
export function totalsTable(doc, { stale = false } = {}) {
  const cur = doc.currency || 'EUR';
  const tt = doc.totals || {};
  const domestic = !doc.vat_case || doc.vat_case === 'domestic';
  const rows = [[t('docs.totals.excl'), formatMoney(tt.excl, cur), 'excl']];
  if (domestic) {
    for (const v of tt.vat || []) {
      rows.push([t('docs.totals.vat_rate', { rate: formatPercent(v.rate), base: formatMoney(v.base, cur) }), formatMoney(v.amount, cur), 'vat']);
    }
    if ((tt.vat || []).length > 1) rows.push([t('docs.totals.vat_total'), formatMoney(tt.vat_total, cur), 'vat-total']);
  } else {
    // No VAT is charged: say why rather than print a "0 %" rate.
    rows.push([t(`docs.totals.no_vat.${doc.vat_case}`), formatMoney(tt.vat_total ?? 0, cur), 'vat']);
  }
  rows.push([t(domestic ? 'docs.totals.incl' : 'docs.totals.total'), formatMoney(tt.incl, cur), 'incl']);
  return h('dl', { class: ['totals', stale && 'is-stale'], id: 'document-totals' },
    rows.map(([k, v, cls]) => h('div', { class: ['totals-row', `totals-${cls}`] }, h('dt', null, k), h('dd', { class: 'num' }, v))));
}

