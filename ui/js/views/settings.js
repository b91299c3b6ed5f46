// #/settings — interface language (applied at once), business profile, about
// (version, data folder, database file, log folder).

import { h, replace } from '../dom.js';
import { t, getLang, LANGUAGES, errorText } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog } from '../dialog.js';
import { pageHeader, detailList } from './shared.js';
import { buildProfileForm, profileValues } from './profile-form.js';
import { formView, field, bindForm } from '../form.js';
import { formatDate, formatPercent, centsToInput, bpsToInput } from '../format.js';
import { backupsCard, integrityCard } from './backups.js';
import { exportCard } from './export.js';

export async function render(ctx) {
  const { info } = ctx;
  const profile = await api.getProfile();

  const langSelect = h('select', { id: 'language', class: 'filter-select' },
    LANGUAGES.map((code) => h('option', { value: code, lang: code }, t(`lang.native.${code}`))));
  langSelect.value = getLang();
  langSelect.addEventListener('change', () => ctx.setLanguage(langSelect.value));

  const values = { ...profileValues(profile), ...(ctx.restore?.values || {}) };
  let ctlRef = null;
  const { form, ctl } = buildProfileForm({
    ctx,
    id: 'profile-form',
    values,
    restore: ctx.restore,
    submitLabel: t('common.save'),
    showCancel: true,
    cancelLabel: 'settings.discard',
    onSaved: () => {
      toast(t('settings.profile_saved'));
    },
    onCancel: async () => {
      if (!ctlRef.isDirty()) return;
      const ok = await confirmDialog({
        title: t('settings.discard_confirm.title'),
        message: t('settings.discard_confirm.message'),
        confirmLabel: t('settings.discard'),
        cancelLabel: t('dirty.stay'),
        danger: true,
      });
      if (ok) ctx.rerender({ fresh: true });
    },
  });
  ctlRef = ctl;

  const numbering = await numberingCard();
  const legalRates = await legalRatesCard();
  const logo = logoCard(profile);
  const rounding = await roundingCard(ctx.catalog);
  const figures = await figuresCard(ctx.catalog);
  const backups = await backupsCard();

  const el = h('section', { class: 'view view-settings' },
    pageHeader({ title: t('settings.title') }),
    h('section', { class: 'card settings-card' },
      h('h2', { class: 'card-title' }, t('settings.language_title')),
      h('div', { class: 'field field-inline' },
        h('label', { for: 'language', class: 'field-label' }, t('settings.language')),
        langSelect,
      ),
      h('p', { class: 'field-help' }, t('settings.language_help')),
    ),
    h('section', { class: 'settings-section' },
      h('h2', { class: 'section-title' }, t('settings.profile_title')),
      h('p', { class: 'section-help' }, t('settings.profile_help')),
      logo,
      form,
    ),
    rounding,
    figures.el,
    numbering.el,
    legalRates.el,
    h('section', { class: 'settings-section', id: 'data-section' },
      h('h2', { class: 'section-title' }, t('settings.data_title')),
      backups.el,
      integrityCard(),
      exportCard(),
    ),
    h('section', { class: 'card settings-card' },
      h('h2', { class: 'card-title' }, t('settings.about_title')),
      detailList([
        [t('settings.about.version'), info.version, 'mono'],
        [t('settings.about.data_dir'), info.data_dir, 'mono path'],
        [t('settings.about.db_path'), info.db_path, 'mono path'],
        [t('settings.about.log_dir'), info.log_dir, 'mono path'],
      ]),
      h('p', { class: 'field-help' }, t('settings.about.log_help')),
    ),
  );

  const view = formView(ctl, { el, title: t('settings.title') });
  // Leaving with unsaved prefixes asks too.
  view.isDirty = () => ctl.isDirty() || numbering.isDirty() || legalRates.isDirty() || figures.isDirty();
  const destroy = view.destroy;
  view.destroy = () => { backups.destroy(); destroy?.call(view); };
  // #/settings?card=backups (or integrity) scrolls to that card once shown.
  const focusCard = ctx.query?.get('card');
  if (focusCard && /^[a-z]+$/.test(focusCard)) requestAnimationFrame(() => el.querySelector(`#${focusCard}-card`)?.scrollIntoView({ block: 'start' }));
  return view;
}

// --- the timer's rounding --------------------------------------------------------

/** « Chronomètre »: the step a stopped timer is rounded to, up or to the nearest.
 *  Saved as soon as it changes (two selects, nothing to lose). */
async function roundingCard(catalog) {
  const current = await api.getTimeRounding();
  const step = h('select', { id: 'rounding-step', name: 'rounding_step', class: 'filter-select' },
    catalog.time.roundings.map((code) => h('option', { value: code }, t(`settings.rounding.step.${code}`))));
  const mode = h('select', { id: 'rounding-mode', name: 'rounding_mode', class: 'filter-select' },
    catalog.time.rounding_modes.map((code) => h('option', { value: code }, t(`settings.rounding.mode.${code}`))));
  step.value = current.step;
  mode.value = current.mode;
  const error = h('p', { class: 'field-error', dataset: { errorFor: 'rounding' } });
  const sync = () => { mode.disabled = step.value === 'none'; };
  const save = async () => {
    sync();
    error.textContent = '';
    try {
      await api.setTimeRounding(step.value, mode.value);
      toast(t('settings.rounding.saved'));
    } catch (err) {
      error.textContent = errorText(api.normalizeError(err));
    }
  };
  step.addEventListener('change', save);
  mode.addEventListener('change', save);
  sync();
  return h('section', { class: 'card settings-card', id: 'rounding-card' },
    h('h2', { class: 'card-title' }, t('settings.rounding.title')),
    h('div', { class: 'field-row' },
      h('div', { class: 'field field-inline' },
        h('label', { for: 'rounding-step', class: 'field-label' }, t('settings.rounding.step_label')), step),
      h('div', { class: 'field field-inline' },
        h('label', { for: 'rounding-mode', class: 'field-label' }, t('settings.rounding.mode_label')), mode)),
    error,
    h('p', { class: 'field-help' }, t('settings.rounding.help')));
}

// --- ceilings, reminders, URSSAF ---------------------------------------------------

/** « Seuils, relances et URSSAF »: the two ceilings (the law changes them), the
 *  reminder schedule, the formal notice's deadline, how she declares to the
 *  URSSAF and at which rates. One form, saved whole, checked by the core. */
async function figuresCard(catalog) {
  const k = await api.getFiguresConfig();
  const money = (c) => centsToInput(c);
  const pct = (b) => bpsToInput(b);
  const f = {
    franchise: field({ name: 'franchise', label: t('settings.figures.franchise'), value: money(k.franchise_cents), inputmode: 'decimal', suffix: '€' }),
    franchise_tolerance: field({ name: 'franchise_tolerance', label: t('settings.figures.tolerance'), value: money(k.franchise_tolerance_cents), inputmode: 'decimal', suffix: '€' }),
    micro_ceiling: field({ name: 'micro_ceiling', label: t('settings.figures.ceiling'), value: money(k.micro_ceiling_cents), inputmode: 'decimal', suffix: '€' }),
    reminder_1: field({ name: 'reminder_1', label: t('settings.figures.reminder_1'), value: String(k.reminder_days[0]), inputmode: 'numeric', suffix: t('settings.figures.days_after') }),
    reminder_2: field({ name: 'reminder_2', label: t('settings.figures.reminder_2'), value: String(k.reminder_days[1]), inputmode: 'numeric', suffix: t('settings.figures.days_after') }),
    reminder_3: field({ name: 'reminder_3', label: t('settings.figures.reminder_3'), value: String(k.reminder_days[2]), inputmode: 'numeric', suffix: t('settings.figures.days_after') }),
    notice_days: field({ name: 'notice_days', label: t('settings.figures.notice_days'), value: String(k.notice_days), inputmode: 'numeric', suffix: t('reminders.days_suffix') }),
    urssaf_rhythm: field({ name: 'urssaf_rhythm', label: t('settings.figures.rhythm'), control: 'select', value: k.urssaf_rhythm,
      options: catalog.figures.urssaf_rhythms.map((c) => ({ value: c, label: t(`urssaf.rhythm_option.${c}`) })) }),
    urssaf_activity: field({ name: 'urssaf_activity', label: t('settings.figures.activity'), control: 'select', value: k.urssaf_activity,
      options: catalog.figures.urssaf_activities.map((c) => ({ value: c, label: t(`urssaf.activity.${c}`) })) }),
    contribution_rate: field({ name: 'contribution_rate', label: t('settings.figures.contribution'), value: pct(k.contribution_bps), inputmode: 'decimal', suffix: '%' }),
    cfp_rate: field({ name: 'cfp_rate', label: t('settings.figures.cfp'), value: pct(k.cfp_bps), inputmode: 'decimal', suffix: '%' }),
    liberatory_rate: field({ name: 'liberatory_rate', label: t('settings.figures.liberatory_rate'), value: pct(k.liberatory_bps), inputmode: 'decimal', suffix: '%' }),
  };
  const liberatory = h('input', { type: 'checkbox', name: 'liberatory', id: 'figures-liberatory' });
  liberatory.checked = k.liberatory;
  // Changing the activity proposes its 2026 rates (she may still type others).
  const DEFAULTS = { bnc: [2560, 220], bic_services: [2120, 170] };
  f.urssaf_activity.control.addEventListener('change', () => {
    const d = DEFAULTS[f.urssaf_activity.control.value];
    if (d) { f.contribution_rate.control.value = pct(d[0]); f.liberatory_rate.control.value = pct(d[1]); }
  });
  const sync = () => { f.liberatory_rate.wrap.hidden = !liberatory.checked; };
  liberatory.addEventListener('change', sync);
  sync();
  const form = h('form', { id: 'figures-form', class: 'form' },
    h('h3', { class: 'subsection-title' }, t('settings.figures.ceilings')),
    h('div', { class: 'form-grid' }, f.franchise.wrap, f.franchise_tolerance.wrap, f.micro_ceiling.wrap),
    h('p', { class: 'field-help' }, t('settings.figures.ceilings_help')),
    h('h3', { class: 'subsection-title' }, t('settings.figures.reminders')),
    h('div', { class: 'form-grid' }, f.reminder_1.wrap, f.reminder_2.wrap, f.reminder_3.wrap, f.notice_days.wrap),
    h('h3', { class: 'subsection-title' }, t('settings.figures.urssaf')),
    h('div', { class: 'form-grid' }, f.urssaf_rhythm.wrap, f.urssaf_activity.wrap, f.contribution_rate.wrap, f.cfp_rate.wrap),
    h('div', { class: 'check-group' }, h('label', { for: 'figures-liberatory', class: 'check' }, liberatory, ' ', t('settings.figures.liberatory'))),
    h('div', { class: 'form-grid' }, f.liberatory_rate.wrap),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', dataset: { action: 'save-figures' } }, t('common.save'))));
  const collect = () => ({
    ...Object.fromEntries(Object.entries(f).map(([name, x]) => [name, x.control.value])),
    liberatory: liberatory.checked,
  });
  const ctl = bindForm(form, {
    collect,
    validate: (input) => api.validateFiguresConfig(input),
    submit: (input) => api.saveFiguresConfig(input),
    onSuccess: () => toast(t('settings.figures.saved')),
  });
  const el = h('section', { class: 'card settings-card', id: 'figures-card' },
    h('h2', { class: 'card-title' }, t('settings.figures.title')),
    h('p', { class: 'field-help' }, t('settings.figures.help')),
    form);
  return { el, isDirty: ctl.isDirty };
}

// --- numbering (quotes, invoices, credit notes) ------------------------------

const SERIES = ['quote', 'invoice', 'credit_note'];

async function numberingCard() {
  let current;
  try {
    current = await api.getNumbering();
  } catch (err) {
    return {
      el: h('section', { class: 'card settings-card', id: 'numbering-card' },
        h('h2', { class: 'card-title' }, t('docs.numbering.title')),
        h('p', { class: 'field-error' }, errorTextOf(err))),
      isDirty: () => false,
    };
  }
  const fields = {};
  const previews = {};
  for (const s of SERIES) {
    fields[s] = field({
      name: s,
      label: t(`docs.numbering.${s}`),
      value: current[s] ?? '',
      narrow: true,
    });
    previews[s] = h('p', { class: 'numbering-next', dataset: { next: s } });
  }
  // Each series shows the core's next number, unless its prefix was changed
  // and not saved yet (then the number would be a guess).
  const showNext = (n) => {
    for (const s of SERIES) {
      const stale = fields[s].control.value !== (n[s] ?? '');
      replace(previews[s], stale
        ? t('docs.numbering.next_after_save')
        : t('docs.numbering.next', { number: n.next?.[s] ?? '' }));
      previews[s].classList.toggle('is-stale', stale);
    }
  };
  showNext(current);
  const form = h('form', { id: 'numbering-form', class: 'form numbering-form', autocomplete: 'off' },
    h('div', { class: 'numbering-grid' }, SERIES.map((s) => h('div', { class: 'numbering-item' }, fields[s].wrap, previews[s]))),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('docs.numbering.save'))),
  );
  const collect = () => Object.fromEntries(SERIES.map((s) => [s, fields[s].control.value]));
  const ctl = bindForm(form, {
    collect,
    submit: (input) => api.saveNumbering(input),
    onSuccess: (saved) => {
      current = saved;
      for (const s of SERIES) fields[s].control.value = saved[s] ?? '';
      ctl.markClean();
      showNext(saved);
      toast(t('docs.numbering.saved'));
    },
    onCancel: () => {
      for (const s of SERIES) fields[s].control.value = current[s] ?? '';
      ctl.clearErrors();
      showNext(current);
    },
  });
  form.addEventListener('input', () => showNext(current));
  const el = h('section', { class: 'card settings-card', id: 'numbering-card' },
    h('h2', { class: 'card-title' }, t('docs.numbering.title')),
    h('p', { class: 'field-help numbering-intro' }, t('docs.numbering.intro')),
    form);
  return { el, isDirty: ctl.isDirty };
}

// --- legal rates (late-penalty floor) -------------------------------------------

// The legal interest rate changes each half-year (an arrêté in late June and late
// December): she records the new one here, and the profile's floor follows.
async function legalRatesCard() {
  const card = h('section', { class: 'card settings-card', id: 'legal-rates-card' },
    h('h2', { class: 'card-title' }, t('settings.legal_rates.title')));
  let periods;
  try {
    periods = await api.listLegalRates();
  } catch (err) {
    card.appendChild(h('p', { class: 'field-error' }, errorTextOf(err)));
    return { el: card, isDirty: () => false };
  }
  const tableBox = h('div', { class: 'legal-rates-table' });
  const show = (rows) => {
    // Roles as in every table: rows are CSS grid boxes (see styles.css).
    replace(tableBox, h('table', { role: 'table', class: 'data-table', id: 'legal-rates' },
      h('caption', { class: 'visually-hidden' }, t('settings.legal_rates.title')),
      h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
        ['from', 'interest', 'ecb', 'floor', 'usual'].map((k) => h('th', { role: 'columnheader', scope: 'col', class: k === 'from' ? null : 'num' }, t(`settings.legal_rates.col.${k}`))))),
      h('tbody', { role: 'rowgroup' }, rows.map((r) => h('tr', { role: 'row', dataset: { from: r.from } },
        h('td', { role: 'cell' }, formatDate(r.from)),
        h('td', { role: 'cell', class: 'num' }, formatPercent(r.interest_bps)),
        h('td', { role: 'cell', class: 'num' }, formatPercent(r.ecb_bps)),
        h('td', { role: 'cell', class: 'num' }, formatPercent(r.floor_bps)),
        h('td', { role: 'cell', class: 'num' }, formatPercent(r.suggested_bps)))))));
  };
  show(periods);
  const fields = {
    from: field({ name: 'from', label: t('settings.legal_rates.from'), type: 'date', help: t('settings.legal_rates.from_help') }),
    interest_rate: field({ name: 'interest_rate', label: t('settings.legal_rates.interest'), inputmode: 'decimal', suffix: '%', narrow: true }),
    ecb_rate: field({ name: 'ecb_rate', label: t('settings.legal_rates.ecb'), inputmode: 'decimal', suffix: '%', narrow: true }),
  };
  const form = h('form', { id: 'legal-rate-form', class: 'form legal-rate-form', autocomplete: 'off' },
    h('div', { class: 'form-grid' }, Object.values(fields).map((f) => f.wrap)),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn' }, t('settings.legal_rates.save'))));
  const collect = () => Object.fromEntries(Object.keys(fields).map((k) => [k, fields[k].control.value]));
  const ctl = bindForm(form, {
    collect,
    validate: api.validateLegalRate,
    submit: (input) => api.saveLegalRate(input),
    onSuccess: (rows) => {
      show(rows);
      for (const f of Object.values(fields)) f.control.value = '';
      ctl.markClean();
      toast(t('settings.legal_rates.saved'));
    },
    onCancel: () => {
      for (const f of Object.values(fields)) f.control.value = '';
      ctl.clearErrors();
    },
  });
  card.append(h('p', { class: 'field-help' }, t('settings.legal_rates.intro')), tableBox, form);
  return { el: card, isDirty: ctl.isDirty };
}

function errorTextOf(err) {
  return errorText(api.normalizeError(err));
}

// --- logo ----------------------------------------------------------------------

function logoCard(profile) {
  const preview = h('div', { class: 'logo-preview', id: 'logo-preview' });
  const removeBtn = h('button', { type: 'button', class: 'btn btn-danger-quiet', dataset: { action: 'remove-logo' }, onclick: () => act(removeBtn, api.removeLogo, 'docs.logo.removed') }, t('docs.logo.remove'));
  const chooseBtn = h('button', { type: 'button', class: 'btn', dataset: { action: 'choose-logo' }, onclick: () => act(chooseBtn, api.chooseLogo, 'docs.logo.saved') }, t('docs.logo.choose'));
  const show = (logo) => {
    replace(preview, logo
      ? h('img', { src: logo, alt: t('docs.logo.alt') })
      : h('span', { class: 'logo-none' }, t('docs.logo.none')));
    removeBtn.hidden = !logo;
  };
  async function act(button, fn, okKey) {
    const removing = fn === api.removeLogo;
    button.disabled = true;
    try {
      const p = await fn();
      // choose_logo answers null when the picker was cancelled: nothing to say.
      if (p || removing) {
        show(p?.logo || null);
        toast(t(okKey));
        (removing ? chooseBtn : (removeBtn.hidden ? chooseBtn : removeBtn)).focus();
      }
    } catch (err) {
      toastError(err);
    } finally {
      button.disabled = false;
    }
  }
  show(profile?.logo || null);
  return h('section', { class: 'card settings-card logo-card', id: 'logo-card' },
    h('h2', { class: 'card-title' }, t('docs.logo.title')),
    h('div', { class: 'logo-row' },
      preview,
      h('div', { class: 'logo-side' },
        h('p', { class: 'field-help' }, t('docs.logo.help')),
        h('div', { class: 'logo-actions' }, chooseBtn, removeBtn))));
}
