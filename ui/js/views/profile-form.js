// The business-profile form, shared by the welcome screen (form#welcome-form)
// and the settings (form#profile-form). Field names are the ProfileInput names.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { field, fieldset, radioGroup, bindForm, radioValue } from '../form.js';
import { centsToInput, bpsToInput, currencySymbol, formatPercent } from '../format.js';
import { codeOptions, countryOptions } from './options.js';

export const PROFILE_FIELDS = [
  'legal_name', 'trade_name', 'legal_status', 'siret', 'registry', 'share_capital',
  'address_line1', 'address_line2', 'postal_code', 'city', 'country', 'email', 'phone',
  'vat_regime', 'vat_number', 'iban', 'bic', 'payment_terms_days', 'late_penalty_rate',
];
// The registry (RCS / RM) is printed by a registered sole trader too, and a VAT
// number is kept under the franchise (she needs it to bill an EU business): only
// the share capital depends on the legal form.
const COMPANY_ONLY = ['share_capital'];

// The late-penalty rate starts empty and is filled with the usual legal rate
// (ECB + 10 points) as soon as the core says what it is today.
export const PROFILE_DEFAULTS = {
  country: 'FR', vat_regime: 'franchise', payment_terms_days: '30', late_penalty_rate: '',
};

/** ProfileInput strings from a saved Profile (or the defaults when there is none). */
export function profileValues(profile) {
  const v = {};
  for (const f of PROFILE_FIELDS) v[f] = PROFILE_DEFAULTS[f] ?? '';
  if (!profile) return v;
  for (const f of PROFILE_FIELDS) {
    if (profile[f] != null && typeof profile[f] !== 'object') v[f] = String(profile[f]);
  }
  if (Number.isInteger(profile.share_capital_cents)) v.share_capital = centsToInput(profile.share_capital_cents);
  else if (profile.share_capital == null) v.share_capital = '';
  if (Number.isInteger(profile.late_penalty_bps)) v.late_penalty_rate = bpsToInput(profile.late_penalty_bps);
  if (Number.isInteger(profile.payment_terms_days)) v.payment_terms_days = String(profile.payment_terms_days);
  return v;
}

/**
 * Build the form.
 * opts: { ctx, id, values, restore, submitLabel, onSaved(profile), onCancel, showCancel }
 * Returns { form, ctl }.
 */
export function buildProfileForm(opts) {
  const { ctx, values } = opts;
  const { catalog } = ctx;
  const companyStatuses = catalog.company_statuses || [];

  const fields = {};
  const f = (name, extra = {}) => {
    const built = field({ name, label: t(`profile.field.${name}`), value: values[name], ...extra });
    fields[name] = built;
    return built.wrap;
  };

  const vatRegime = radioGroup({
    name: 'vat_regime',
    legend: t('profile.field.vat_regime'),
    options: codeOptions('vat_regime', catalog.vat_regimes),
    value: values.vat_regime,
  });

  const form = h('form', { id: opts.id, class: 'form', autocomplete: 'off' },
    fieldset(t('profile.legend.identity'),
      f('legal_name', { wide: true, help: t('profile.help.legal_name') }),
      f('trade_name', { optional: true, help: t('profile.help.trade_name') }),
      f('legal_status', { control: 'select', options: codeOptions('legal_status', catalog.legal_statuses), placeholder: t('common.choose') }),
      f('siret', { help: t('profile.help.siret'), inputmode: 'numeric' }),
      f('registry', { help: t('profile.help.registry') }),
      f('share_capital', { inputmode: 'decimal', suffix: currencySymbol('EUR') }),
    ),
    fieldset(t('profile.legend.address'),
      f('address_line1', { wide: true }),
      f('address_line2', { wide: true, optional: true }),
      f('postal_code', { narrow: true }),
      f('city'),
      f('country', { control: 'select', options: countryOptions(catalog, values.country) }),
    ),
    fieldset(t('profile.legend.contact'),
      f('email', { type: 'email', autocomplete: 'email', help: t('profile.help.email') }),
      f('phone', { type: 'tel', optional: true, autocomplete: 'tel' }),
    ),
    h('fieldset', { class: 'form-section' },
      h('legend', { class: 'form-section-title' }, t('profile.legend.vat')),
      h('div', { class: 'form-grid' },
        h('div', { class: 'field field-wide' }, vatRegime),
        f('vat_number', { help: t('profile.help.vat_number'), wide: true }),
      ),
    ),
    fieldset(t('profile.legend.payment'),
      f('iban', { optional: true, wide: true, help: t('profile.help.iban') }),
      f('bic', { optional: true }),
      f('payment_terms_days', { inputmode: 'numeric', suffix: t('unit.days'), help: t('profile.help.payment_terms_days') }),
      f('late_penalty_rate', { inputmode: 'decimal', suffix: '%', help: t('profile.help.late_penalty_rate') }),
    ),
    h('div', { class: 'form-actions' },
      opts.showCancel ? h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => opts.onCancel?.() }, t(opts.cancelLabel || 'common.cancel')) : null,
      h('button', { type: 'submit', class: 'btn btn-primary', 'aria-keyshortcuts': 'Control+Enter' }, opts.submitLabel),
    ),
  );

  const isCompany = () => companyStatuses.includes(fields.legal_status.control.value);
  const isRegistered = () => radioValue(form, 'vat_regime') === 'registered';
  const setOptional = (name, optional) => {
    const label = fields[name].label;
    label.querySelector('.optional')?.remove();
    if (optional) label.appendChild(h('span', { class: 'optional' }, ` ${t('common.optional_suffix')}`));
  };
  const setHelp = (name, text) => {
    const help = fields[name].wrap.querySelector('.field-help');
    if (help) help.textContent = text;
  };
  const syncConditional = () => {
    for (const n of COMPANY_ONLY) fields[n].wrap.hidden = !isCompany();
    setOptional('registry', !isCompany());
    setOptional('vat_number', !isRegistered());
    setHelp('registry', t(isCompany() ? 'profile.help.registry' : 'profile.help.registry_sole'));
    setHelp('vat_number', t(isRegistered() ? 'profile.help.vat_number' : 'profile.help.vat_number_franchise'));
  };
  fields.legal_status.control.addEventListener('change', syncConditional);
  for (const r of form.querySelectorAll('input[name=vat_regime]')) r.addEventListener('change', syncConditional);
  syncConditional();

  const raw = () => {
    const input = {};
    for (const n of PROFILE_FIELDS) {
      input[n] = n === 'vat_regime' ? radioValue(form, n) : form.elements.namedItem(n).value;
    }
    return input;
  };
  const collect = () => {
    const input = raw();
    // Fields that do not apply to the chosen status/regime are hidden: send them empty.
    if (!isCompany()) for (const n of COMPANY_ONLY) input[n] = '';
    return input;
  };

  const ctl = bindForm(form, {
    collect,
    rawValues: raw,
    validate: api.validateProfile,
    submit: (input) => api.saveProfile(input),
    onSuccess: (profile) => opts.onSaved?.(profile),
    onCancel: opts.onCancel,
    restore: opts.restore,
  });
  if (opts.restore) ctl.validateNow();

  // The legal floor and the usual rate change each half-year: the core knows them.
  api.penaltyRates().then((r) => {
    if (!r) return;
    setHelp('late_penalty_rate', t('profile.help.late_penalty_legal', {
      floor: formatPercent(r.floor_bps), usual: formatPercent(r.suggested_bps),
    }));
    const rate = fields.late_penalty_rate.control;
    if (rate.value.trim() === '') rate.value = bpsToInput(r.suggested_bps);
  }).catch(() => {});

  return { form, ctl, fields };
}
