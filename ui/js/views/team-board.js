// #/team — recruits and team members as a board, one column per stage.
// Each card moves in one action (select[data-action=move]); choosing "selected"
// offers to start the onboarding from the job description's template.

import { h, replace } from '../dom.js';
import { t, tn, label } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog } from '../dialog.js';
import { pageHeader, emptyState } from './shared.js';
import { listController } from '../list.js';
import { activeClients, allPages, onboardingTemplates } from '../lookups.js';
import {
  teamTabs, teamCatalog, movesFrom, businessOptions, payText, progressBar,
} from './team-shared.js';

const OPEN_STAGES = ['candidate', 'interview', 'selected', 'onboarding', 'active'];
const ARCHIVED_STAGES = ['left', 'rejected'];
const state = { business: 'all', archived: false, sort: 'stage', direction: 'asc', page: 0 };

export async function render(ctx) {
  const { navigate } = ctx;
  const [catalog, clients] = await Promise.all([teamCatalog(), activeClients()]);

  const newBtn = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'new-member' }, 'aria-keyshortcuts': 'N',
    onclick: () => navigate('#/team/members/new'),
  }, t('team.members.new'));

  const archivedBox = h('input', { type: 'checkbox', id: 'team-show-archived', checked: state.archived });
  archivedBox.addEventListener('change', () => list.set('archived', archivedBox.checked));

  // The board shows everyone at once: it reads every page.
  const list = listController({
    state,
    fetch: (q) => allPages(api.listTeamMembers, q),
    filters: (s) => {
      if (s.business === 'own') return { client_id: null, own_business: true, include_archived: s.archived };
      if (s.business === 'all') return { client_id: null, own_business: false, include_archived: s.archived };
      return { client_id: Number(s.business), own_business: false, include_archived: s.archived };
    },
    selects: [{
      key: 'business', id: 'team-business-filter', label: t('team.filter.label'), reset: 'all',
      options: [{ value: 'all', label: t('team.filter.all') },
        ...businessOptions(clients).map((o) => ({ value: o.value === '' ? 'own' : String(o.value), label: o.label }))],
    }],
    controls: [h('label', { class: 'check toolbar-check' }, archivedBox, h('span', null, t('team.members.show_archived')))],
    count: { id: 'team-count', text: (page) => tn('team.members.count', page.items.filter((m) => !m.archived).length) },
    contentClass: 'list-body',
    show: (page) => {
      const stages = state.archived ? [...OPEN_STAGES, ...ARCHIVED_STAGES] : OPEN_STAGES;
      replace(list.content, h('div', { class: 'board', id: 'team-board' },
        stages.map((stage) => column(stage, page.items.filter((m) => m.stage === stage)))));
    },
    unfiltered: (s) => (s.business === 'all' && !s.archived ? null : { client_id: null, own_business: false, include_archived: true }),
    firstRun: () => emptyState({
      title: t('team.members.empty.title'),
      text: t('team.members.empty.text'),
      actions: [
        h('button', { type: 'button', class: 'btn btn-primary btn-large', dataset: { action: 'new-member' }, onclick: () => navigate('#/team/members/new') }, t('team.members.new')),
        h('button', { type: 'button', class: 'btn btn-large', dataset: { action: 'new-job' }, onclick: () => navigate('#/team/jobs') }, t('team.members.empty.jobs')),
      ],
    }),
  });

  const header = pageHeader({ title: t('team.title'), actions: [newBtn] });
  header.querySelector('.page-heading').appendChild(list.count);
  const el = h('section', { class: 'view view-team' }, header, teamTabs('#/team'), list.toolbar, list.listBlock, list.firstRun);

  async function refresh(focusId) {
    await list.refresh();
    if (focusId != null) list.content.querySelector(`.member-card[data-id="${focusId}"] select`)?.focus();
  }

  function column(stage, people) {
    const headingId = `stage-${stage}-title`;
    return h('section', { class: ['board-column', `stage-${stage}`], dataset: { stage }, 'aria-labelledby': headingId },
      h('h2', { class: 'board-column-title', id: headingId },
        h('span', null, label('team_stage', stage)),
        h('span', { class: 'board-count' }, String(people.length))),
      people.length
        ? h('ul', { class: 'board-cards' }, people.map(card))
        : h('p', { class: 'board-empty' }, t('team.members.column_empty')));
  }

  function card(m) {
    const moveId = `move-${m.id}`;
    const targets = movesFrom(catalog, m.stage);
    const move = h('select', { id: moveId, class: 'move-select', name: 'stage', dataset: { action: 'move' } },
      h('option', { value: '' }, t('team.members.move_to')),
      targets.map((s) => h('option', { value: s }, label('team_stage', s))));
    move.addEventListener('change', () => { const to = move.value; move.value = ''; if (to) moveMember(m, to); });
    const sub = [m.role || m.job_title, m.client_name || t('team.own_business')].filter(Boolean).join(' · ');
    return h('li', { class: 'member-card', dataset: { id: m.id, stage: m.stage } },
      h('a', { class: 'member-name', href: `#/team/members/${m.id}` }, m.name),
      h('p', { class: 'member-sub' }, sub),
      m.pay_cents != null ? h('p', { class: 'member-pay' }, payText(m.pay_cents, m.pay_unit, m.currency)) : null,
      m.checklist ? h('a', { class: 'member-checklist', href: `#/team/onboardings/${m.checklist.id}` },
        progressBar(m.checklist.progress, { compact: true })) : null,
      targets.length ? h('div', { class: 'member-move' },
        h('label', { class: 'visually-hidden', for: moveId }, t('team.members.move_label', { name: m.name })), move) : null);
  }

  async function moveMember(m, to) {
    if (to === 'rejected' || to === 'left') {
      const ok = await confirmDialog({
        title: t(`team.members.confirm_${to}.title`, { name: m.name }),
        message: t(`team.members.confirm_${to}.message`),
        confirmLabel: label('team_stage', to),
        danger: true,
      });
      if (!ok) return;
    }
    let moved;
    try {
      moved = await api.moveTeamMember(m.id, to);
    } catch (err) {
      toastError(err);
      return;
    }
    toast(t('team.members.moved', { name: moved.name, stage: label('team_stage', to) }));
    if (to === 'selected') {
      await offerOnboarding(moved);
      return;
    }
    await refresh(m.id);
  }

  async function offerOnboarding(m) {
    const templates = await onboardingTemplates().catch(() => []);
    const linked = templates.find((x) => x.id === m.job_onboarding_template_id)
      || templates.find((x) => x.builtin === 'new_va') || templates.find((x) => x.kind === 'recruit');
    const ok = await confirmDialog({
      title: t('team.members.offer.title', { name: m.name }),
      message: linked ? t('team.members.offer.message', { template: linked.name }) : t('team.members.offer.message_no_template'),
      confirmLabel: t('team.members.offer.start'),
      cancelLabel: t('team.members.offer.later'),
    });
    if (ok) {
      const q = new URLSearchParams({ member: String(m.id) });
      if (linked) q.set('template', String(linked.id));
      if (m.job_start_date) q.set('start', m.job_start_date);
      navigate(`#/team/onboardings/new?${q}`);
    } else {
      await refresh(m.id);
    }
  }

  await list.start(el);
  return {
    el,
    title: t('team.title'),
    newItem: () => navigate('#/team/members/new'),
    destroy: list.destroy,
  };
}
