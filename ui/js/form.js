// Shared form machinery: labelled fields with help and error slots, live
// validation through the core's validate_* commands (debounced, errors shown
// only for touched fields), submit/cancel keys, and dirty tracking.
//
// The UI never validates values itself: every message shown next to a field
// comes from a core error code translated with errors.<code>.

import { h, uid, debounce } from './dom.js';
import { t, errorText } from './i18n.js';
import { toast } from './toast.js';

// ---------------------------------------------------------------------------
// Field builders
// ---------------------------------------------------------------------------

/**
 * A labelled control:
 *   div.field[data-field=NAME]
 *     label[for]
 *     div.control-row > (input|select|textarea)[name=NAME] + span.suffix?
 *     p.field-help?
 *     p.field-error[data-error-for=NAME]
 *
 * opts: { name, label, value, control: 'input'|'select'|'textarea', type,
 *         options: [{value,label,disabled}], placeholder, help, suffix,
 *         optional, wide, inputmode, autocomplete, rows, spellcheck }
 */
export function field(opts) {
  const id = uid(`f-${opts.name}`);
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [opts.help ? helpId : null, errorId].filter(Boolean).join(' ');
  const controlKind = opts.control || 'input';
  let control;
  if (controlKind === 'select') {
    control = select({ id, name: opts.name, options: opts.options || [], value: opts.value, placeholder: opts.placeholder });
  } else if (controlKind === 'textarea') {
    control = h('textarea', { id, name: opts.name, rows: opts.rows || 4, spellcheck: opts.spellcheck ?? 'true' });
    control.value = opts.value ?? '';
  } else {
    control = h('input', {
      id,
      name: opts.name,
      type: opts.type || 'text',
      inputmode: opts.inputmode,
      autocomplete: opts.autocomplete || 'off',
      spellcheck: opts.spellcheck ?? 'false',
      placeholder: opts.placeholder,
    });
    control.value = opts.value ?? '';
  }
  control.setAttribute('aria-describedby', describedBy);
  const suffixEl = opts.suffix != null ? h('span', { class: 'suffix', 'aria-hidden': 'true' }, opts.suffix) : null;
  if (opts.suffix != null) control.classList.add('has-suffix');

  const labelEl = h('label', { for: id, class: 'field-label' },
    opts.label,
    opts.optional ? h('span', { class: 'optional' }, ` ${t('common.optional_suffix')}`) : null,
  );
  const wrap = h('div', { class: ['field', opts.wide && 'field-wide', opts.narrow && 'field-narrow', opts.class], dataset: { field: opts.name } },
    labelEl,
    h('div', { class: 'control-row' }, control, suffixEl),
    opts.help ? h('p', { class: 'field-help', id: helpId }, opts.help) : null,
    h('p', { class: 'field-error', id: errorId, dataset: { errorFor: opts.name } }),
  );
  return { wrap, control, suffixEl, label: labelEl };
}

/** <select> with text-only options. options: [{ value, label, disabled }] */
export function select({ id, name, options, value, placeholder, className }) {
  const el = h('select', { id, name, class: className });
  if (placeholder != null) el.appendChild(h('option', { value: '' }, placeholder));
  for (const o of options) {
    el.appendChild(h('option', { value: String(o.value), disabled: o.disabled || null }, o.label));
  }
  if (value != null) el.value = String(value);
  return el;
}

/**
 * A radio group in a fieldset with a legend and an error slot:
 *   fieldset.radio-group[data-field=NAME] > legend, label>input[type=radio][name][value], p.field-error
 */
export function radioGroup({ name, legend, options, value, help }) {
  const errorId = uid(`f-${name}-error`);
  const helpId = help ? `${errorId}-help` : null;
  const fs = h('fieldset', { class: 'radio-group', dataset: { field: name }, 'aria-describedby': [helpId, errorId].filter(Boolean).join(' ') },
    h('legend', { class: 'field-label' }, legend),
    ...options.map((o) => {
      const input = h('input', { type: 'radio', name, value: o.value, checked: String(o.value) === String(value) });
      return h('label', { class: 'radio' }, input, h('span', null, o.label));
    }),
    help ? h('p', { class: 'field-help', id: helpId }, help) : null,
    h('p', { class: 'field-error', id: errorId, dataset: { errorFor: name } }),
  );
  return fs;
}

/** A titled group of fields. */
export function fieldset(legend, ...children) {
  return h('fieldset', { class: 'form-section' },
    h('legend', { class: 'form-section-title' }, legend),
    h('div', { class: 'form-grid' }, ...children),
  );
}

// ---------------------------------------------------------------------------
// Form controller
// ---------------------------------------------------------------------------

function isShown(el) {
  return !!el && !el.closest('[hidden]') && !el.disabled;
}

/**
 * bindForm(form, {
 *   collect: () => input object sent to the core,
 *   validate: async (input) => [{field, code, message}],   // validate_* command
 *   submit: async (input) => result,                       // save command
 *   onSuccess: (result) => void,
 *   onCancel: () => void,                                   // Escape / cancel button
 *   restore: { baseline, touched } from snapshot()         // optional
 *   rawValues: () => values to keep across a re-render      // optional, defaults to collect
 * })
 */
export function bindForm(form, opts) {
  form.noValidate = true;
  const touched = new Set(opts.restore?.touched || []);
  let baseline = opts.restore?.baseline ?? JSON.stringify(opts.collect());
  let seq = 0;
  let busy = false;
  let lastErrors = [];

  const controls = (name) => Array.from(form.elements).filter((el) => el.name === name);
  const errorSlot = (name) => form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);

  function clearErrors() {
    for (const p of form.querySelectorAll('.field-error')) p.textContent = '';
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of form.querySelectorAll('.has-error')) el.classList.remove('has-error');
  }

  /** Show errors; returns the ones that could not be placed next to a visible field. */
  function showErrors(errors, { all = false } = {}) {
    clearErrors();
    const unplaced = [];
    const seen = new Set();
    for (const err of errors) {
      if (!err.field) { unplaced.push(err); continue; }
      if (!all && !touched.has(err.field)) continue;
      const slot = errorSlot(err.field);
      if (!slot || !isShown(slot)) { unplaced.push(err); continue; }
      if (seen.has(err.field)) continue; // first error of a field wins
      seen.add(err.field);
      slot.textContent = errorText(err);
      slot.closest('.field, .radio-group, .check-group')?.classList.add('has-error');
      for (const c of controls(err.field)) c.setAttribute('aria-invalid', 'true');
    }
    return unplaced;
  }

  function focusFirstInvalid() {
    for (const el of form.elements) {
      if (el.getAttribute('aria-invalid') === 'true' && isShown(el)) {
        el.focus();
        return true;
      }
    }
    return false;
  }

  async function runValidation() {
    if (!opts.validate || busy) return;
    const mine = ++seq;
    let errors;
    try {
      errors = await opts.validate(opts.collect());
    } catch (e) {
      console.warn('live validation failed', e);
      return;
    }
    if (mine !== seq || busy) return; // a newer run (or a submit) superseded this one
    lastErrors = errors;
    showErrors(errors);
  }
  const validateSoon = debounce(runValidation, 250);

  function nameOf(target) {
    return target && target.name ? target.name : null;
  }

  form.addEventListener('focusout', (e) => {
    const name = nameOf(e.target);
    if (!name) return;
    touched.add(name);
    validateSoon();
  });
  form.addEventListener('change', (e) => {
    const name = nameOf(e.target);
    if (name) touched.add(name);
    validateSoon();
  });
  form.addEventListener('input', () => {
    if (touched.size) validateSoon();
  });

  form.addEventListener('keydown', (e) => {
    if (e.defaultPrevented) return;
    const el = e.target;
    if (e.key === 'Enter') {
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        form.requestSubmit();
        return;
      }
      if (e.altKey || e.shiftKey) return;
      const tag = el.tagName;
      const type = (el.type || '').toLowerCase();
      if (tag === 'SELECT' || (tag === 'INPUT' && (type === 'checkbox' || type === 'radio'))) {
        e.preventDefault();
        form.requestSubmit();
      }
    } else if (e.key === 'Escape' && !e.ctrlKey && !e.metaKey && !e.altKey) {
      if (opts.onCancel) {
        e.preventDefault();
        e.stopPropagation();
        opts.onCancel();
      }
    }
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (busy) return;
    validateSoon.cancel();
    seq += 1;
    busy = true;
    const submitters = form.querySelectorAll('button[type=submit]');
    for (const b of submitters) { b.disabled = true; b.setAttribute('aria-busy', 'true'); }
    form.setAttribute('aria-busy', 'true');
    const input = opts.collect();
    let result;
    let ok = false;
    try {
      result = await opts.submit(input);
      ok = true;
    } catch (err) {
      handleError(err);
    } finally {
      busy = false;
      for (const b of submitters) { b.disabled = false; b.removeAttribute('aria-busy'); }
      form.removeAttribute('aria-busy');
    }
    if (ok) {
      baseline = JSON.stringify(opts.collect());
      clearErrors();
      if (opts.onSuccess) opts.onSuccess(result);
    }
  });

  function handleError(err) {
    let errors = Array.isArray(err?.errors) ? err.errors : [];
    if (!errors.length && err?.field) errors = [{ field: err.field, code: err.code, message: err.message }];
    if (!errors.length) {
      toast(errorText(err), 'error');
      return;
    }
    for (const x of errors) if (x.field) touched.add(x.field);
    lastErrors = errors;
    const unplaced = showErrors(errors, { all: true });
    const focused = focusFirstInvalid();
    if (unplaced.length) {
      toast(unplaced.map((x) => errorText(x)).filter((v, i, a) => a.indexOf(v) === i).join(' '), 'error');
    } else if (!focused) {
      toast(errorText(errors[0]), 'error');
    } else {
      toast(t('form.has_errors'), 'error');
    }
  }

  return {
    form,
    isDirty: () => JSON.stringify(opts.collect()) !== baseline,
    markClean: () => { baseline = JSON.stringify(opts.collect()); },
    touch: (name) => touched.add(name),
    validateNow: () => { validateSoon.cancel(); return runValidation(); },
    validateSoon,
    showErrors,
    handleError,
    clearErrors,
    snapshot: () => ({ values: (opts.rawValues || opts.collect)(), baseline, touched: Array.from(touched) }),
    lastErrors: () => lastErrors,
    destroy: () => { validateSoon.cancel(); seq += 1; },
  };
}

/** Value of a radio group by name. */
export function radioValue(form, name) {
  const el = form.querySelector(`input[type=radio][name="${CSS.escape(name)}"]:checked`);
  return el ? el.value : '';
}

/**
 * The view object the router mounts for a screen built around one form: what
 * the router needs to keep typed text across a language switch and to ask
 * before leaving unsaved changes. With `restore`, re-checks the restored values.
 */
export function formView(ctl, { el, title, autofocus, restore }) {
  if (restore) ctl.validateNow();
  return { el, title, autofocus, isDirty: ctl.isDirty, snapshot: ctl.snapshot, destroy: ctl.destroy };
}
