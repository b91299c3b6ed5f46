// #/team/onboardings/new[?member=<id>&template=<id>&start=<date>] — form#onboarding-start-form.
// Starting copies the template's items with their due dates; a selected recruit
// moves to "onboarding" at the same time.

import { h } from '../dom.js';
import { t, label } from '../i18n.js';
import * as api from '../api.js';
import { toast } from '../toast.js';
import { field, fieldset, bindForm, formView } from '../form.js';
import { pageHeader } from './shared.js';
import { activeClients, onboardingTemplates, teamMembers, today } from '../lookups.js';

export async function render(ctx) {
  const { navigate, query } = ctx;
  const [templates, members, clients] = await Promise.all([
    onboardingTemplates(),
    teamMembers(),
    activeClients(),
  ]);
  const eligible = members.filter((m) => ['selected', 'onboarding', 'active'].includes(m.stage));
  const memberId = query.get('member');
  const member = memberId ? members.find((m) => m.id === Number(memberId)) : null;
  const presetTemplate = templates.find((x) => x.id === Number(query.get('template')))
    || (member ? templates.find((x) => x.builtin === 'new_va') : null);

  const values = {
    template_id: presetTemplate ? String(presetTemplate.id) : '',
    member_id: member ? String(member.id) : '',
    client_id: query.get('client') ?? '',
    start_date: query.get('start') || today(),
    title: '',
  };
  if (ctx.restore?.values) Object.assign(values, ctx.restore.values);

  const fld = (name, extra = {}) => field({ name, label: t(`team.start.field.${name}`), value: values[name], ...extra });
  const templateField = fld('template_id', {
    control: 'select',
    placeholder: t('common.choose'),
    options: templates.map((x) => ({ value: x.id, label: `${x.name} — ${label('team_template_kind', x.kind)}` })),
    wide: true,
  });
  const memberField = fld('member_id', {
    control: 'select',
    placeholder: t('common.choose'),
    options: eligible.map((m) => ({ value: m.id, label: `${m.name} (${label('team_stage', m.stage)})` })),
    help: eligible.length ? t('team.start.help.member') : t('team.start.help.no_member'),
  });
  const clientField = fld('client_id', {
    control: 'select',
    placeholder: t('common.choose'),
    options: clients.map((c) => ({ value: c.id, label: c.name })),
  });
  const kindOf = () => templates.find((x) => String(x.id) === templateField.control.value)?.kind;
  const syncKind = () => {
    const kind = kindOf();
    memberField.wrap.hidden = kind === 'client';
    clientField.wrap.hidden = kind !== 'client';
  };
  templateField.control.addEventListener('change', syncKind);
  syncKind();

  const form = h('form', { id: 'onboarding-start-form', class: 'form', autocomplete: 'off' },
    fieldset(t('team.start.legend'),
      templateField.wrap,
      memberField.wrap,
      clientField.wrap,
      fld('start_date', { type: 'date', help: t('team.start.help.start_date') }).wrap,
      fld('title', { optional: true, wide: true, help: t('team.start.help.title') }).wrap,
    ),
    h('div', { class: 'form-actions' },
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => navigate('#/team/onboardings') }, t('common.cancel')),
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('team.start.submit')),
    ));

  const collect = () => {
    const el = (n) => form.elements.namedItem(n);
    const num = (v) => (v === '' ? null : Number(v));
    const kind = kindOf();
    return {
      template_id: num(el('template_id').value),
      member_id: kind === 'client' ? null : num(el('member_id').value),
      client_id: kind === 'client' ? num(el('client_id').value) : null,
      start_date: el('start_date').value,
      title: el('title').value,
    };
  };
  const ctl = bindForm(form, {
    collect,
    validate: api.validateOnboardingStart,
    submit: api.startOnboarding,
    onSuccess: (k) => {
      toast(t('team.start.started', { title: k.title }));
      navigate(`#/team/onboardings/${k.id}`);
    },
    onCancel: () => navigate('#/team/onboardings'),
    restore: ctx.restore,
    rawValues: () => {
      const el = (n) => form.elements.namedItem(n).value;
      return { template_id: el('template_id'), member_id: el('member_id'), client_id: el('client_id'), start_date: el('start_date'), title: el('title') };
    },
  });

  const title = t('team.start.title');
  const el = h('section', { class: 'view view-team-form' },
    pageHeader({ title, subtitle: member ? member.name : null, back: { href: '#/team/onboardings', label: t('team.onboardings.title') } }),
    form);
  const autofocus = presetTemplate ? form.elements.namedItem('start_date') : templateField.control;
  return formView(ctl, { el, title, autofocus, restore: ctx.restore });
}
