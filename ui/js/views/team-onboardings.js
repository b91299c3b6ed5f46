// #/team/onboardings — "Onboardings en cours": overdue items first (tick them
// here), then the running checklists (late ones first), then the finished ones.

import { h, replace } from '../dom.js';
import { t, tn } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { formatDate } from '../format.js';
import { pageHeader, emptyState } from './shared.js';
import { teamTabs, progressBar, whoBadge } from './team-shared.js';

/** The most late items shown at once; the others are one click away. */
const OVERDUE_SHOWN = 5;

export async function render(ctx) {
  const { navigate } = ctx;
  const startBtn = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'start-onboarding' }, 'aria-keyshortcuts': 'N',
    onclick: () => navigate('#/team/onboardings/new'),
  }, t('team.onboardings.start'));
  const body = h('div', { class: 'list-body' });
  const el = h('section', { class: 'view view-team' },
    pageHeader({ title: t('team.title'), actions: [startBtn] }), teamTabs('#/team/onboardings'), body);

  async function refresh() {
    let o;
    try {
      o = await api.onboardingOverview({ member_id: null });
    } catch (err) {
      toastError(err);
      return;
    }
    if (!o.running.length && !o.finished.length) {
      replace(body, emptyState({
        title: t('team.onboardings.empty.title'),
        text: t('team.onboardings.empty.text'),
        actions: [h('button', { type: 'button', class: 'btn btn-primary btn-large', dataset: { action: 'start-onboarding' }, onclick: () => navigate('#/team/onboardings/new') }, t('team.onboardings.start'))],
      }));
      return;
    }
    replace(body,
      o.overdue_items.length ? h('section', { class: 'overdue-section', id: 'overdue-items', 'aria-labelledby': 'overdue-title' },
        h('h2', { class: 'section-title overdue-title', id: 'overdue-title' }, tn('team.onboardings.overdue_title', o.overdue_items.length)),
        h('ul', { class: 'overdue-list' }, o.overdue_items.slice(0, OVERDUE_SHOWN).map(overdueRow)),
        o.overdue_items.length > OVERDUE_SHOWN ? h('details', { class: 'overdue-more' },
          h('summary', null, tn('team.onboardings.overdue_more', o.overdue_items.length - OVERDUE_SHOWN)),
          h('ul', { class: 'overdue-list' }, o.overdue_items.slice(OVERDUE_SHOWN).map(overdueRow))) : null) : null,
      h('section', { id: 'running-onboardings', 'aria-labelledby': 'running-title' },
        h('h2', { class: 'section-title', id: 'running-title' }, t('team.onboardings.running_title')),
        o.running.length ? h('ul', { class: 'checklist-cards' }, o.running.map(summaryCard))
          : h('p', { class: 'muted' }, t('team.onboardings.none_running'))),
      o.finished.length ? h('details', { class: 'finished-onboardings', id: 'finished-onboardings' },
        h('summary', null, tn('team.onboardings.finished_title', o.finished.length)),
        h('ul', { class: 'checklist-cards' }, o.finished.map(summaryCard))) : null);
  }

  function overdueRow(o) {
    const box = h('input', { type: 'checkbox', dataset: { action: 'toggle', itemId: o.item.id }, 'aria-label': t('team.checklist.tick', { title: o.item.title }) });
    box.addEventListener('change', async () => {
      box.disabled = true;
      try {
        await api.setOnboardingItemDone(o.item.id, box.checked);
        toast(t('team.checklist.ticked', { title: o.item.title }));
        await refresh();
        el.querySelector('#overdue-items input, #running-onboardings a')?.focus();
      } catch (err) {
        box.disabled = false;
        box.checked = false;
        toastError(err);
      }
    });
    return h('li', { class: 'overdue-item', dataset: { itemId: o.item.id, checklistId: o.checklist_id } },
      box,
      h('div', { class: 'overdue-main' },
        h('span', { class: 'item-title' }, o.item.title),
        h('a', { class: 'overdue-checklist', href: `#/team/onboardings/${o.checklist_id}` }, o.checklist_title)),
      whoBadge(o.item.who),
      h('span', { class: 'due overdue' }, tn('team.onboardings.days_late', o.days_late, { date: formatDate(o.item.due_date) })));
  }

  function summaryCard(s) {
    return h('li', { class: ['checklist-card', s.overdue ? 'has-overdue' : null], dataset: { id: s.id } },
      h('a', { class: 'checklist-card-title', href: `#/team/onboardings/${s.id}` }, s.title),
      h('p', { class: 'checklist-card-sub' }, [s.client_name || t('team.own_business'), s.template_name, t('team.onboardings.since', { date: formatDate(s.start_date) })].join(' · ')),
      progressBar(s.progress),
      h('p', { class: 'checklist-card-foot' },
        s.overdue ? h('span', { class: 'overdue-count' }, tn('team.onboardings.overdue_count', s.overdue)) : null,
        s.next_due ? h('span', { class: 'muted' }, t('team.onboardings.next_due', { date: formatDate(s.next_due) })) : null));
  }

  await refresh();
  return { el, title: t('team.onboardings.title'), newItem: () => navigate('#/team/onboardings/new') };
}
