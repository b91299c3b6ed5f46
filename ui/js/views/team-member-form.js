// #/team/members/new[?job=<id>], #/team/members/<id> — form#member-form.
// The stage is chosen on creation; afterwards a person moves on the board (or
// with the stage select here), which the core checks against the pipeline.

import { h } from '../dom.js';
import { t, label } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog } from '../dialog.js';
import { field, fieldset, bindForm, formView } from '../form.js';
import { centsToInput } from '../format.js';
import { pageHeader } from './shared.js';
import { codeOptions } from './options.js';
import { teamCatalog, businessOptions, stageBadge, movesFrom, progressBar } from './team-shared.js';
import { activeClients, jobDescriptions } from '../lookups.js';

export async function render(ctx) {
  const { navigate, params, query } = ctx;
  const id = params.id != null ? Number(params.id) : null;
  const [catalog, clients, jobs, member] = await Promise.all([
    teamCatalog(),
    activeClients(),
    jobDescriptions(),
    id != null ? api.getTeamMember(id) : Promise.resolve(null),
  ]);
  const presetJob = !member && query.get('job') ? jobs.find((j) => j.id === Number(query.get('job'))) : null;

  const values = {
    name: member?.name ?? '',
    email: member?.email ?? '',
    phone: member?.phone ?? '',
    role: member?.role ?? (presetJob ? presetJob.title : ''),
    client_id: member ? (member.client_id ?? '') : (presetJob?.client_id ?? ''),
    job_description_id: member ? (member.job_description_id ?? '') : (presetJob?.id ?? ''),
    pay_amount: member ? centsToInput(member.pay_cents) : '',
    pay_unit: member?.pay_unit ?? (presetJob?.pay_unit || 'hour'),
    notes: member?.notes ?? '',
    stage: member?.stage ?? 'candidate',
  };
  if (ctx.restore?.values) Object.assign(values, ctx.restore.values);

  const fld = (name, extra = {}) => field({ name, label: t(`team.member.field.${name}`), value: values[name], ...extra });
  const clientField = fld('client_id', {
    control: 'select',
    options: businessOptions(clients, member?.client_id != null ? { id: member.client_id, name: member.client_name } : null),
  });
  const jobField = fld('job_description_id', { control: 'select', options: [], optional: true, help: t('team.member.help.job') });
  const syncJobs = () => {
    const client = clientField.control.value;
    const current = jobField.control.value || String(values.job_description_id ?? '');
    jobField.control.replaceChildren(
      h('option', { value: '' }, t('team.member.no_job')),
      jobs.filter((j) => String(j.client_id ?? '') === client)
        .map((j) => h('option', { value: String(j.id) }, `${j.title} (${label('team_job_status', j.status)})`)));
    jobField.control.value = current;
    if (jobField.control.value !== current) jobField.control.value = '';
  };
  syncJobs();
  clientField.control.addEventListener('change', syncJobs);

  const stageField = member ? null : fld('stage', { control: 'select', options: codeOptions('team_stage', catalog.stages) });
  const deleteBtn = member ? h('button', { type: 'button', class: 'btn btn-danger-quiet', dataset: { action: 'delete-member' }, onclick: onDelete }, t('common.delete')) : null;
  const cancelTarget = '#/team';

  const form = h('form', { id: 'member-form', class: 'form', autocomplete: 'off' },
    fieldset(t('team.member.legend.person'),
      fld('name', { wide: true }).wrap,
      fld('email', { type: 'email', optional: true }).wrap,
      fld('phone', { type: 'tel', optional: true }).wrap,
      fld('role', { optional: true, wide: true, help: t('team.member.help.role') }).wrap,
    ),
    fieldset(t('team.member.legend.job'),
      clientField.wrap,
      jobField.wrap,
      fld('pay_amount', { inputmode: 'decimal', optional: true }).wrap,
      fld('pay_unit', { control: 'select', options: codeOptions('team_pay_unit', catalog.pay_units) }).wrap,
      stageField ? stageField.wrap : null,
    ),
    fieldset(t('team.member.legend.notes'),
      fld('notes', { control: 'textarea', optional: true, wide: true, rows: 4, help: t('form.help.textarea_submit') }).wrap,
    ),
    h('div', { class: 'form-actions' },
      deleteBtn,
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => navigate(cancelTarget) }, t('common.cancel')),
      h('button', { type: 'submit', class: 'btn btn-primary' }, member ? t('common.save') : t('team.member.create')),
    ),
  );

  const collect = () => {
    const el = (n) => form.elements.namedItem(n);
    const num = (v) => (v === '' ? null : Number(v));
    return {
      name: el('name').value,
      email: el('email').value,
      phone: el('phone').value,
      role: el('role').value,
      client_id: num(el('client_id').value),
      job_description_id: num(el('job_description_id').value),
      pay_amount: el('pay_amount').value,
      pay_unit: el('pay_unit').value,
      notes: el('notes').value,
      stage: member ? member.stage : el('stage').value,
    };
  };

  const ctl = bindForm(form, {
    collect,
    validate: (input) => api.validateTeamMember(input, id),
    submit: (input) => (member ? api.updateTeamMember(member.id, input) : api.createTeamMember(input)),
    onSuccess: (saved) => {
      toast(member ? t('team.member.saved') : t('team.member.created', { name: saved.name }));
      navigate('#/team');
    },
    onCancel: () => navigate(cancelTarget),
    restore: ctx.restore,
    rawValues: () => {
      const v = collect();
      return { ...v, client_id: v.client_id ?? '', job_description_id: v.job_description_id ?? '' };
    },
  });

  async function onDelete() {
    const ok = await confirmDialog({
      title: t('team.member.delete_confirm.title', { name: member.name }),
      message: t('team.member.delete_confirm.message'),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api.deleteTeamMember(member.id);
      ctl.markClean();
      toast(t('team.member.deleted'));
      navigate('#/team', { force: true });
    } catch (err) {
      toastError(err);
    }
  }

  // An existing person: her stage (moved here too) and her onboarding.
  let side = null;
  if (member) {
    const moves = movesFrom(catalog, member.stage);
    const move = h('select', { id: 'member-stage-move', class: 'move-select', dataset: { action: 'move' } },
      h('option', { value: '' }, t('team.members.move_to')),
      moves.map((s) => h('option', { value: s }, label('team_stage', s))));
    move.addEventListener('change', async () => {
      const to = move.value;
      if (!to) return;
      if (ctl.isDirty() && !(await confirmDialog({ title: t('dirty.title'), message: t('dirty.message'), confirmLabel: t('dirty.leave'), cancelLabel: t('dirty.stay'), danger: true }))) {
        move.value = '';
        return;
      }
      try {
        await api.moveTeamMember(member.id, to);
        ctl.markClean();
        toast(t('team.members.moved', { name: member.name, stage: label('team_stage', to) }));
        if (to === 'selected') {
          navigate(`#/team/onboardings/new?member=${member.id}${member.job_onboarding_template_id ? `&template=${member.job_onboarding_template_id}` : ''}`, { force: true });
        } else {
          ctx.rerender({ fresh: true });
        }
      } catch (err) {
        move.value = '';
        toastError(err);
      }
    });
    const canStart = ['selected', 'onboarding', 'active'].includes(member.stage);
    side = h('div', { class: 'member-side card' },
      h('h2', { class: 'card-title' }, t('team.member.stage_title')),
      h('div', { class: 'member-stage-row' }, stageBadge(member.stage),
        moves.length ? h('label', { class: 'visually-hidden', for: 'member-stage-move' }, t('team.members.move_label', { name: member.name })) : null,
        moves.length ? move : null),
      member.checklist
        ? h('a', { class: 'member-checklist', href: `#/team/onboardings/${member.checklist.id}` }, t('team.member.open_onboarding'), progressBar(member.checklist.progress, { compact: true }))
        : null,
      canStart ? h('button', {
        type: 'button', class: 'btn', dataset: { action: 'start-onboarding' },
        onclick: () => navigate(`#/team/onboardings/new?member=${member.id}${member.job_onboarding_template_id ? `&template=${member.job_onboarding_template_id}` : ''}`),
      }, t('team.member.start_onboarding')) : null);
  }

  const title = member ? member.name : t('team.member.new_title');
  const el = h('section', { class: 'view view-team-form' },
    pageHeader({ title, badge: member ? stageBadge(member.stage) : null, back: { href: '#/team', label: t('team.title') } }),
    side,
    form);
  return formView(ctl, { el, title, autofocus: form.elements.namedItem('name'), restore: ctx.restore });
}
