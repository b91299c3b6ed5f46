// #/collaborations/new[?client=<id>], #/collaborations/<id>[/edit] — form#collaboration-form.
// The pricing model's own fields live in [data-model=...] containers; only the
// chosen one is shown. Amounts are sent as typed; the core parses and checks them.

import { h } from '../dom.js';
import { t, label } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog } from '../dialog.js';
import { field, fieldset, bindForm, formView } from '../form.js';
import { centsToInput, minutesToInput, bpsToInput, formatMoney, currencySymbol, compareText } from '../format.js';
import { pageHeader, emptyState, statusBadge } from './shared.js';
import { codeOptions } from './options.js';
import { activeClients, today } from '../lookups.js';
import { billingPanel } from './collaboration-billing.js';

const PRICING_FIELDS = {
  hourly: ['hourly_rate', 'monthly_hours', 'overage_rate', 'unused_hours'],
  monthly_flat: ['monthly_amount', 'indicative_hours'],
  project_flat: ['project_amount', 'deposit'],
  fixed_plus_commission: ['fixed_amount', 'commission_rate', 'commission_cap'],
};
const ALL_PRICING_FIELDS = Object.values(PRICING_FIELDS).flat();

function initialValues(catalog, collab, preselect) {
  const p = collab?.pricing || {};
  const statuses = catalog.statuses || [];
  const v = {
    client_id: collab ? String(collab.client_id) : (preselect ?? ''),
    title: collab?.title ?? '',
    role: collab?.role ?? (catalog.roles || [])[0] ?? '',
    status: collab?.status ?? (statuses.includes('active') ? 'active' : statuses[0] ?? ''),
    start_date: collab ? (collab.start_date ?? '') : today(),
    end_date: collab?.end_date ?? '',
    tasks: collab?.tasks ? [...collab.tasks] : [],
    notes: collab?.notes ?? '',
    pricing_model: p.model ?? (catalog.pricing_models || [])[0] ?? '',
    hourly_rate: '', monthly_hours: '', overage_rate: '', unused_hours: (catalog.unused_hours || [])[0] ?? '',
    monthly_amount: '', indicative_hours: '',
    project_amount: '', deposit: '',
    fixed_amount: '', commission_rate: '', commission_cap: '',
  };
  switch (p.model) {
    case 'hourly':
      v.hourly_rate = centsToInput(p.hourly_rate_cents);
      v.monthly_hours = minutesToInput(p.monthly_hours_minutes);
      v.overage_rate = centsToInput(p.overage_rate_cents);
      if (p.unused_hours) v.unused_hours = p.unused_hours;
      break;
    case 'monthly_flat':
      v.monthly_amount = centsToInput(p.monthly_amount_cents);
      v.indicative_hours = minutesToInput(p.indicative_hours_minutes);
      break;
    case 'project_flat':
      v.project_amount = centsToInput(p.project_amount_cents);
      v.deposit = centsToInput(p.deposit_cents);
      break;
    case 'fixed_plus_commission':
      v.fixed_amount = centsToInput(p.fixed_amount_cents);
      v.commission_rate = bpsToInput(p.commission_bps);
      v.commission_cap = centsToInput(p.commission_cap_cents);
      break;
    default:
      break;
  }
  return v;
}

export async function render(ctx) {
  const { catalog, navigate, params, query } = ctx;
  const id = params.id != null ? Number(params.id) : null;
  const [collab, clients] = await Promise.all([
    id != null ? api.getCollaboration(id) : Promise.resolve(null),
    activeClients(),
  ]);

  const clientOptions = clients.map((c) => ({ value: c.id, label: c.name ?? '', currency: c.currency }));
  if (collab && !clientOptions.some((o) => Number(o.value) === Number(collab.client_id))) {
    // The collaboration's client is archived: keep it selectable for this form.
    const currency = collab.client_currency || collab.currency
      || await api.getClient(collab.client_id).then((c) => c.currency, () => null);
    clientOptions.push({
      value: collab.client_id,
      label: t('collaboration.archived_client_option', { name: collab.client_name ?? '' }),
      currency,
    });
    clientOptions.sort((a, b) => compareText(a.label, b.label));
  }
  const currencyByClient = new Map(clientOptions.map((o) => [String(o.value), o.currency]));

  const queryClient = query.get('client');
  const preselect = queryClient && currencyByClient.has(String(Number(queryClient))) ? String(Number(queryClient)) : null;

  const title = collab ? (collab.title || t('collaboration.edit_title')) : t('collaboration.new_title');
  const cancelTarget = collab
    ? `#/clients/${collab.client_id}`
    : (preselect ? `#/clients/${preselect}` : '#/collaborations');

  if (!collab && clientOptions.length === 0) {
    const el = h('section', { class: 'view view-collaboration-form' },
      pageHeader({ title, back: { href: '#/collaborations', label: t('nav.collaborations') } }),
      emptyState({
        title: t('collaboration.no_client.title'),
        text: t('collaborations.empty.needs_client'),
        actions: [h('button', {
          type: 'button', class: 'btn btn-primary btn-large', dataset: { action: 'new-client' },
          onclick: () => navigate('#/clients/new'),
        }, t('collaborations.empty.add_client'))],
      }),
    );
    return { el, title };
  }

  const values = initialValues(catalog, collab, preselect);
  if (ctx.restore?.values) {
    const r = ctx.restore.values;
    Object.assign(values, r, { client_id: r.client_id == null ? '' : String(r.client_id) });
  }

  // --- general ---------------------------------------------------------------
  const fld = (name, extra = {}) => field({ name, label: t(`collaboration.field.${name}`), value: values[name], ...extra });

  const clientField = fld('client_id', {
    control: 'select',
    options: clientOptions,
    placeholder: t('collaboration.choose_client'),
    wide: true,
  });
  const roleField = fld('role', { control: 'select', options: codeOptions('role', catalog.roles) });
  const statusField = fld('status', { control: 'select', options: codeOptions('status', catalog.statuses) });

  // --- tasks -----------------------------------------------------------------
  const areas = catalog.task_areas || [];
  const groups = [];
  for (const a of areas) if (!groups.includes(a.group)) groups.push(a.group);
  const taskGroupEls = new Map();
  for (const g of groups) {
    const boxes = areas.filter((a) => a.group === g).map((a) =>
      h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'tasks', value: a.code, checked: values.tasks.includes(a.code) }),
        h('span', null, label('task_area', a.code))));
    taskGroupEls.set(g, h('fieldset', { class: 'check-group', dataset: { group: g } },
      h('legend', { class: 'check-group-title' }, label('role', g)),
      h('div', { class: 'check-list' }, boxes)));
  }
  const tasksErrorId = 'collab-tasks-error';
  const taskGroups = h('div', { class: 'task-groups', role: 'group', 'aria-describedby': tasksErrorId }, ...taskGroupEls.values());
  const orderTaskGroups = (role) => {
    const first = taskGroupEls.get(role);
    if (first && taskGroups.firstElementChild !== first) taskGroups.prepend(first);
  };
  orderTaskGroups(values.role);
  roleField.control.addEventListener('change', () => orderTaskGroups(roleField.control.value));

  // --- pricing ---------------------------------------------------------------
  const modelField = fld('pricing_model', { control: 'select', options: codeOptions('pricing_model', catalog.pricing_models) });
  const suffixes = []; // [{el, kind}]
  const money = (name, kind, extra = {}) => {
    const f = fld(name, { inputmode: 'decimal', suffix: '', ...extra });
    suffixes.push({ el: f.suffixEl, kind });
    return f;
  };
  const hours = (name, extra = {}) => fld(name, { inputmode: 'decimal', suffix: t('unit.hours_per_month'), ...extra });

  const monthlyHours = hours('monthly_hours', { optional: true, help: t('collaboration.help.monthly_hours') });
  const unusedField = fld('unused_hours', { control: 'select', options: codeOptions('unused_hours', catalog.unused_hours), help: t('collaboration.help.unused_hours') });
  const syncUnused = () => {
    unusedField.control.disabled = monthlyHours.control.value.trim() === '';
  };
  monthlyHours.control.addEventListener('input', syncUnused);
  syncUnused();

  const derivedHint = (model) => {
    const p = collab?.pricing;
    if (!p || p.model !== model) return null;
    const cur = collab.client_currency || collab.currency || currencyByClient.get(String(collab.client_id)) || 'EUR';
    if (model === 'hourly' && p.monthly_value_cents != null) {
      return h('p', { class: 'derived-hint' }, t('collaboration.derived.monthly_value', { amount: formatMoney(p.monthly_value_cents, cur) }));
    }
    if (model === 'monthly_flat' && p.effective_hourly_rate_cents != null) {
      return h('p', { class: 'derived-hint' }, t('collaboration.derived.effective_rate', { amount: formatMoney(p.effective_hourly_rate_cents, cur) }));
    }
    return null;
  };

  const modelBoxes = {
    hourly: [
      money('hourly_rate', 'per_hour').wrap,
      monthlyHours.wrap,
      money('overage_rate', 'per_hour', { optional: true, help: t('collaboration.help.overage_rate') }).wrap,
      unusedField.wrap,
    ],
    monthly_flat: [
      money('monthly_amount', 'per_month').wrap,
      hours('indicative_hours', { optional: true, help: t('collaboration.help.indicative_hours') }).wrap,
    ],
    project_flat: [
      money('project_amount', 'plain').wrap,
      money('deposit', 'plain', { optional: true, help: t('collaboration.help.deposit') }).wrap,
    ],
    fixed_plus_commission: [
      money('fixed_amount', 'per_month').wrap,
      fld('commission_rate', { inputmode: 'decimal', suffix: '%', help: t('collaboration.help.commission_rate') }).wrap,
      money('commission_cap', 'plain', { optional: true, help: t('collaboration.help.commission_cap') }).wrap,
    ],
  };
  const modelContainers = Object.entries(modelBoxes).map(([model, fields]) =>
    h('div', { class: 'model-fields', dataset: { model } },
      h('div', { class: 'form-grid' }, fields),
      derivedHint(model)));
  const showModel = () => {
    const m = modelField.control.value;
    for (const c of modelContainers) c.hidden = c.dataset.model !== m;
  };
  modelField.control.addEventListener('change', showModel);
  showModel();

  const updateSuffixes = () => {
    const cur = currencyByClient.get(clientField.control.value) || 'EUR';
    const sym = currencySymbol(cur);
    for (const s of suffixes) {
      s.el.textContent = s.kind === 'per_hour' ? t('unit.per_hour', { currency: sym })
        : s.kind === 'per_month' ? t('unit.per_month', { currency: sym }) : sym;
    }
  };
  clientField.control.addEventListener('change', updateSuffixes);
  updateSuffixes();

  // --- form ------------------------------------------------------------------
  const deleteBtn = collab ? h('button', {
    type: 'button', class: 'btn btn-danger-quiet', dataset: { action: 'delete-collaboration' }, onclick: onDelete,
  }, t('common.delete')) : null;

  const form = h('form', { id: 'collaboration-form', class: 'form', autocomplete: 'off' },
    fieldset(t('collaboration.legend.general'),
      clientField.wrap,
      fld('title', { wide: true, help: t('collaboration.help.title') }).wrap,
      roleField.wrap,
      statusField.wrap,
      fld('start_date', { type: 'date' }).wrap,
      fld('end_date', { type: 'date', optional: true }).wrap,
    ),
    h('fieldset', { class: 'form-section' },
      h('legend', { class: 'form-section-title' }, t('collaboration.legend.tasks')),
      h('p', { class: 'section-help' }, t('collaboration.help.tasks')),
      taskGroups,
      h('p', { class: 'field-error', id: tasksErrorId, dataset: { errorFor: 'tasks' } }),
    ),
    h('fieldset', { class: 'form-section' },
      h('legend', { class: 'form-section-title' }, t('collaboration.legend.pricing')),
      h('div', { class: 'form-grid' }, modelField.wrap),
      ...modelContainers,
    ),
    fieldset(t('collaboration.legend.notes'),
      fld('notes', { control: 'textarea', optional: true, wide: true, rows: 4, help: t('form.help.textarea_submit') }).wrap,
    ),
    h('div', { class: 'form-actions' },
      deleteBtn,
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => navigate(cancelTarget) }, t('common.cancel')),
      h('button', { type: 'submit', class: 'btn btn-primary', 'aria-keyshortcuts': 'Control+Enter' },
        collab ? t('common.save') : t('collaboration.create')),
    ),
  );

  const collect = () => {
    const el = (n) => form.elements.namedItem(n);
    const clientValue = el('client_id').value;
    const input = {
      client_id: clientValue === '' ? null : Number(clientValue),
      title: el('title').value,
      role: el('role').value,
      status: el('status').value,
      start_date: el('start_date').value,
      end_date: el('end_date').value,
      tasks: Array.from(form.querySelectorAll('input[type=checkbox][name=tasks]:checked'), (c) => c.value)
        .sort((a, b) => areas.findIndex((x) => x.code === a) - areas.findIndex((x) => x.code === b)),
      notes: el('notes').value,
      pricing_model: el('pricing_model').value,
    };
    for (const n of ALL_PRICING_FIELDS) input[n] = el(n).value;
    return input;
  };

  const ctl = bindForm(form, {
    collect,
    validate: (input) => api.validateCollaboration(input, id),
    submit: (input) => (collab ? api.updateCollaboration(collab.id, input) : api.createCollaboration(input)),
    onSuccess: (saved) => {
      toast(collab ? t('collaboration.saved') : t('collaboration.created'));
      navigate(`#/clients/${saved.client_id}`);
    },
    onCancel: () => navigate(cancelTarget),
    restore: ctx.restore,
  });

  async function onDelete() {
    const ok = await confirmDialog({
      title: t('collaboration.delete_confirm.title', { title: collab.title || '' }),
      message: t('collaboration.delete_confirm.message', { client: collab.client_name ?? '' }),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    deleteBtn.disabled = true;
    try {
      await api.deleteCollaboration(collab.id);
      ctl.markClean();
      ctl.destroy();
      toast(t('collaboration.deleted'));
      navigate(`#/clients/${collab.client_id}`, { force: true });
    } catch (err) {
      deleteBtn.disabled = false;
      toastError(err);
    }
  }

  const panel = await billingPanel(collab, ctx);
  const el = h('section', { class: 'view view-collaboration-form' },
    pageHeader({
      title,
      badge: collab ? statusBadge(collab.status) : null,
      subtitle: collab ? (collab.client_name ?? '') : null,
      back: collab
        ? { href: `#/clients/${collab.client_id}`, label: collab.client_name ?? '' }
        : { href: '#/collaborations', label: t('nav.collaborations') },
    }),
    panel,
    form,
  );
  const autofocus = preselect ? form.elements.namedItem('title') : clientField.control;
  const view = formView(ctl, { el, title, autofocus, restore: ctx.restore });
  const destroy = view.destroy;
  view.destroy = () => { panel?.destroy?.(); destroy?.call(view); };
  return view;
}
