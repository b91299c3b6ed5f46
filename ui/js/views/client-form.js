// #/clients/new and #/clients/<id>/edit — form#client-form.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { toast } from '../toast.js';
import { field, fieldset, radioGroup, radioValue, bindForm, formView } from '../form.js';
import { pageHeader } from './shared.js';
import { countryOptions, currencyOptions, languageOptions } from './options.js';

export const CLIENT_FIELDS = [
  'name', 'contact_name', 'email', 'phone', 'address_line1', 'address_line2', 'postal_code',
  'city', 'country', 'siren', 'vat_number', 'doc_language', 'currency', 'notes',
];
const NEW_CLIENT_DEFAULTS = { country: 'FR', doc_language: 'fr', currency: 'EUR' };

export async function render(ctx) {
  const { catalog, navigate, params } = ctx;
  const id = params.id != null ? Number(params.id) : null;
  const client = id != null ? await api.getClient(id) : null;

  const values = {};
  for (const f of CLIENT_FIELDS) {
    const v = client ? client[f] : NEW_CLIENT_DEFAULTS[f];
    values[f] = v == null ? '' : String(v);
  }
  values.client_kind = client?.private ? 'private' : 'business';
  if (ctx.restore?.values) Object.assign(values, ctx.restore.values);

  const f = (name, extra = {}) => field({
    name,
    label: t(`client.field.${name}`),
    value: values[name],
    ...extra,
  }).wrap;

  // A private person (« particulier ») has no SIREN nor VAT number, and her
  // invoices carry no professional late penalties: the core decides, the form
  // only hides what does not apply.
  const kindGroup = radioGroup({
    name: 'client_kind',
    legend: t('client.field.kind'),
    options: ['business', 'private'].map((v) => ({ value: v, label: t(`client.kind.${v}`) })),
    value: values.client_kind,
    help: t('client.help.kind'),
  });

  const cancelTarget = client ? `#/clients/${client.id}` : '#/clients';
  const form = h('form', { id: 'client-form', class: 'form', autocomplete: 'off' },
    fieldset(t('client.legend.identity'),
      h('div', { class: 'field field-wide' }, kindGroup),
      f('name', { wide: true, autocomplete: 'organization' }),
      f('contact_name', { optional: true }),
      f('siren', { optional: true, help: t('client.help.siren'), inputmode: 'numeric' }),
      f('vat_number', { optional: true, help: t('client.help.vat_number') }),
    ),
    fieldset(t('client.legend.contact'),
      f('email', { type: 'email', optional: true, autocomplete: 'email' }),
      f('phone', { type: 'tel', optional: true, autocomplete: 'tel' }),
    ),
    fieldset(t('client.legend.address'),
      // Optional while she sets the client up; quotes and invoices will ask for it.
      f('address_line1', { wide: true, optional: true, help: t('client.help.address') }),
      f('address_line2', { wide: true, optional: true }),
      f('postal_code', { narrow: true, optional: true }),
      f('city', { optional: true }),
      f('country', { control: 'select', options: countryOptions(catalog, values.country) }),
    ),
    fieldset(t('client.legend.documents'),
      f('doc_language', { control: 'select', options: languageOptions(catalog), help: t('client.help.doc_language') }),
      f('currency', { control: 'select', options: currencyOptions(catalog) }),
    ),
    fieldset(t('client.legend.notes'),
      f('notes', { control: 'textarea', optional: true, wide: true, rows: 4, help: t('form.help.textarea_submit'), label: t('client.field.notes') }),
    ),
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => navigate(cancelTarget) }, t('common.cancel')),
      h('button', { type: 'submit', class: 'btn btn-primary', 'aria-keyshortcuts': 'Control+Enter' },
        client ? t('common.save') : t('client.create')),
    ),
  );

  const isPrivate = () => radioValue(form, 'client_kind') === 'private';
  const syncKind = () => {
    for (const n of ['siren', 'vat_number']) {
      form.querySelector(`[data-field="${n}"]`).hidden = isPrivate();
    }
  };
  for (const r of form.querySelectorAll('input[name=client_kind]')) r.addEventListener('change', syncKind);
  syncKind();

  const raw = () => {
    const input = { client_kind: radioValue(form, 'client_kind') };
    for (const name of CLIENT_FIELDS) input[name] = form.elements.namedItem(name).value;
    return input;
  };
  const collect = () => {
    const { client_kind: kind, ...input } = raw();
    input.private = kind === 'private';
    return input;
  };

  const ctl = bindForm(form, {
    collect,
    rawValues: raw,
    validate: api.validateClient,
    submit: (input) => (client ? api.updateClient(client.id, input) : api.createClient(input)),
    onSuccess: (saved) => {
      toast(client ? t('client.saved') : t('client.created', { name: saved.name }));
      navigate(`#/clients/${saved.id}`);
    },
    onCancel: () => navigate(cancelTarget),
    restore: ctx.restore,
  });

  const title = client ? t('client.edit_title', { name: client.name }) : t('client.new_title');
  const el = h('section', { class: 'view view-client-form' },
    pageHeader({
      title,
      back: client
        ? { href: `#/clients/${client.id}`, label: client.name }
        : { href: '#/clients', label: t('nav.clients') },
    }),
    form,
  );
  return formView(ctl, { el, title, autofocus: form.elements.namedItem('name'), restore: ctx.restore });
}
