// #/team/templates — onboarding templates: built-in ones (read-only, duplicate
// them to adapt them) and the user's own (edit, duplicate, delete even in use:
// running checklists are copies).

import { h, replace } from '../dom.js';
import { t, tn, label } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog } from '../dialog.js';
import { pageHeader, badge } from './shared.js';
import { teamTabs } from './team-shared.js';
import { listController } from '../list.js';

const state = { sort: 'name', direction: 'asc', page: 0 };

export async function render(ctx) {
  const { navigate } = ctx;

  async function duplicate(tpl) {
    try {
      const copy = await api.duplicateOnboardingTemplate(tpl.id);
      toast(t('team.templates.duplicated', { name: copy.name }));
      navigate(`#/team/templates/${copy.id}`);
    } catch (err) {
      toastError(err);
    }
  }

  async function remove(tpl) {
    const ok = await confirmDialog({
      title: t('team.templates.delete_confirm.title', { name: tpl.name }),
      message: tpl.checklists ? tn('team.templates.delete_confirm.in_use', tpl.checklists) : t('team.templates.delete_confirm.message'),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api.deleteOnboardingTemplate(tpl.id);
      toast(t('team.templates.deleted', { name: tpl.name }));
      ctx.rerender({ fresh: true });
    } catch (err) {
      toastError(err);
    }
  }

  const row = (tpl) => h('li', { class: 'template-row card', dataset: { id: tpl.id } },
    h('div', { class: 'template-main' },
      h('a', { class: 'template-name', href: `#/team/templates/${tpl.id}` }, tpl.name),
      tpl.builtin ? badge(t('team.templates.builtin'), 'builtin') : null,
      h('p', { class: 'muted' }, [
        label('team_template_kind', tpl.kind),
        tn('team.templates.sections', tpl.sections.length),
        tn('team.templates.items', tpl.item_count),
        tpl.checklists ? tn('team.templates.used', tpl.checklists) : null,
      ].filter(Boolean).join(' · ')),
      tpl.description ? h('p', { class: 'template-description' }, tpl.description) : null),
    h('div', { class: 'template-actions' },
      h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'duplicate' }, onclick: () => duplicate(tpl) }, t('team.templates.duplicate')),
      tpl.builtin ? null : h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet', dataset: { action: 'delete' }, onclick: () => remove(tpl) }, t('common.delete'))));

  const templatesList = h('ul', { class: 'template-list', id: 'templates-list' });
  const list = listController({
    state,
    fetch: api.listOnboardingTemplates,
    contentClass: 'template-list-wrap',
    show: (page) => replace(templatesList, page.items.map(row)),
  });
  list.content.appendChild(templatesList);

  const newBtn = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'new-template' }, 'aria-keyshortcuts': 'N',
    onclick: () => navigate('#/team/templates/new'),
  }, t('team.templates.new'));
  const el = h('section', { class: 'view view-team' },
    pageHeader({ title: t('team.title'), actions: [newBtn] }), teamTabs('#/team/templates'),
    h('p', { class: 'section-help' }, t('team.templates.help')),
    list.listBlock);
  await list.start(el);
  return { el, title: t('team.templates.title'), newItem: () => navigate('#/team/templates/new'), destroy: list.destroy };
}
