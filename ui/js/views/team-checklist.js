// #/team/onboardings/<id> — one checklist: items grouped by section, ticked,
// reordered within their section, removed, added; progress n/m and %; PDF export.
// Every change goes through the core, which returns the whole checklist again.

import { h, replace } from '../dom.js';
import { t, tn } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog } from '../dialog.js';
import { formatDate } from '../format.js';
import { field, bindForm } from '../form.js';
import { pageHeader } from './shared.js';
import { progressBar, whoBadge, stageBadge, teamCatalog } from './team-shared.js';
import { codeOptions } from './options.js';

export async function render(ctx) {
  const { navigate, params } = ctx;
  const id = Number(params.id);
  const [catalog, first] = await Promise.all([teamCatalog(), api.getOnboarding(id)]);
  let k = first;

  const progressSlot = h('div', { class: 'checklist-progress', id: 'checklist-progress' });
  const itemsSlot = h('div', { class: 'checklist-sections', id: 'checklist-items' });

  function groups() {
    const out = [];
    for (const item of k.items) {
      if (!out.length || out[out.length - 1].section !== item.section) out.push({ section: item.section, items: [] });
      out[out.length - 1].items.push(item);
    }
    return out;
  }

  function draw(focus) {
    replace(progressSlot, progressBar(k.progress),
      k.overdue ? h('p', { class: 'overdue-count' }, tn('team.onboardings.overdue_count', k.overdue)) : null);
    const gs = groups();
    replace(itemsSlot, gs.length ? gs.map((g) => h('section', { class: 'checklist-section' },
      h('h2', { class: 'checklist-section-title' }, g.section),
      h('ul', { class: 'checklist-items' }, g.items.map((item, i) => itemRow(item, i === 0, i === g.items.length - 1)))))
      : h('p', { class: 'muted' }, t('team.checklist.no_items')));
    if (focus) itemsSlot.querySelector(focus)?.focus();
  }

  function itemRow(item, first, last) {
    const box = h('input', { type: 'checkbox', checked: item.done, dataset: { action: 'toggle' }, id: `item-${item.id}` });
    box.addEventListener('change', () => apply(() => api.setOnboardingItemDone(item.id, box.checked), `#item-${item.id}`));
    return h('li', { class: ['checklist-item', item.done && 'is-done', item.overdue && 'is-overdue'], dataset: { itemId: item.id } },
      box,
      h('div', { class: 'item-main' },
        h('label', { class: 'item-title', for: `item-${item.id}` }, item.title),
        item.details ? h('p', { class: 'item-details' }, item.details) : null,
        item.link ? h('p', { class: 'item-link' }, h('span', { class: 'muted' }, t('team.checklist.link')), ' ', h('code', { class: 'path' }, item.link)) : null),
      h('div', { class: 'item-meta' },
        whoBadge(item.who),
        item.due_date ? h('span', { class: ['due', item.overdue && 'overdue'] },
          item.overdue ? t('team.checklist.overdue_since', { date: formatDate(item.due_date) }) : t('team.checklist.due', { date: formatDate(item.due_date) })) : null),
      h('div', { class: 'item-actions' },
        h('button', { type: 'button', class: 'btn btn-small icon-btn', dataset: { action: 'up' }, disabled: first, 'aria-label': t('team.checklist.up', { title: item.title }), title: t('team.checklist.up', { title: item.title }), onclick: () => apply(() => api.moveOnboardingItem(item.id, true), `li[data-item-id="${item.id}"] [data-action=up]`) }, '↑'),
        h('button', { type: 'button', class: 'btn btn-small icon-btn', dataset: { action: 'down' }, disabled: last, 'aria-label': t('team.checklist.down', { title: item.title }), title: t('team.checklist.down', { title: item.title }), onclick: () => apply(() => api.moveOnboardingItem(item.id, false), `li[data-item-id="${item.id}"] [data-action=down]`) }, '↓'),
        h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet icon-btn', dataset: { action: 'remove' }, 'aria-label': t('team.checklist.remove', { title: item.title }), title: t('team.checklist.remove', { title: item.title }), onclick: () => removeItem(item) }, '✕')));
  }

  async function apply(op, focus) {
    try {
      k = await op();
      draw(focus);
    } catch (err) {
      toastError(err);
      draw(focus);
    }
  }

  async function removeItem(item) {
    const ok = await confirmDialog({
      title: t('team.checklist.remove_confirm.title', { title: item.title }),
      message: t('team.checklist.remove_confirm.message'),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (ok) await apply(() => api.removeOnboardingItem(item.id), '#add-item-form [name=title]');
  }

  // --- add an item ---------------------------------------------------------
  const sectionList = h('datalist', { id: 'checklist-sections-list' });
  const syncSections = () => replace(sectionList, groups().map((g) => h('option', { value: g.section })));
  syncSections();
  const sectionField = field({ name: 'section', label: t('team.checklist.field.section'), value: k.items.at(-1)?.section ?? '', optional: true });
  sectionField.control.setAttribute('list', 'checklist-sections-list');
  const addForm = h('form', { id: 'add-item-form', class: 'form add-item-form', autocomplete: 'off' },
    h('h2', { class: 'section-title' }, t('team.checklist.add_title')),
    h('div', { class: 'form-grid' },
      field({ name: 'title', label: t('team.checklist.field.title'), wide: true }).wrap,
      sectionField.wrap,
      field({ name: 'due_date', label: t('team.checklist.field.due_date'), type: 'date', optional: true }).wrap,
      field({ name: 'who', label: t('team.checklist.field.who'), control: 'select', options: codeOptions('team_who', catalog.who), value: 'right_hand' }).wrap,
      field({ name: 'details', label: t('team.checklist.field.details'), optional: true, wide: true }).wrap,
      sectionList),
    h('div', { class: 'form-actions' }, h('span', { class: 'spacer' }),
      h('button', { type: 'submit', class: 'btn btn-primary', dataset: { action: 'add-item' } }, t('team.checklist.add'))));
  const collect = () => {
    const el = (n) => addForm.elements.namedItem(n).value;
    return { section: el('section'), title: el('title'), details: el('details'), link: '', due_date: el('due_date'), who: el('who') };
  };
  const ctl = bindForm(addForm, {
    collect,
    validate: api.validateOnboardingItem,
    submit: (input) => api.addOnboardingItem(k.id, input),
    onSuccess: (updated) => {
      k = updated;
      toast(t('team.checklist.added'));
      addForm.elements.namedItem('title').value = '';
      addForm.elements.namedItem('details').value = '';
      addForm.elements.namedItem('due_date').value = '';
      ctl.markClean();
      syncSections();
      draw();
      addForm.elements.namedItem('title').focus();
    },
    onCancel: () => {
      addForm.elements.namedItem('title').value = '';
      ctl.clearErrors();
      ctl.markClean();
    },
  });

  async function exportPdf(btn) {
    btn.disabled = true;
    try {
      const path = await api.exportOnboardingPdf(k.id);
      if (path) toast(t('team.pdf_saved', { path }));
    } catch (err) {
      toastError(err);
    } finally {
      btn.disabled = false;
    }
  }

  async function onDelete() {
    const ok = await confirmDialog({
      title: t('team.checklist.delete_confirm.title', { title: k.title }),
      message: t('team.checklist.delete_confirm.message'),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api.deleteOnboarding(k.id);
      ctl.markClean();
      toast(t('team.checklist.deleted'));
      navigate('#/team/onboardings', { force: true });
    } catch (err) {
      toastError(err);
    }
  }

  const subtitle = [
    k.member_name, k.client_name || (k.member_id ? t('team.own_business') : null),
    t('team.checklist.from_template', { name: k.template_name }),
    t('team.checklist.start', { date: formatDate(k.start_date) }),
  ].filter(Boolean).join(' · ');
  const el = h('section', { class: 'view view-team-checklist' },
    pageHeader({
      title: k.title,
      badge: k.member_stage ? stageBadge(k.member_stage) : null,
      subtitle,
      actions: [
        h('button', { type: 'button', class: 'btn', dataset: { action: 'export-pdf' }, onclick: (e) => exportPdf(e.currentTarget) }, t('team.checklist.export_pdf')),
        h('button', { type: 'button', class: 'btn btn-danger-quiet', dataset: { action: 'delete-checklist' }, onclick: onDelete }, t('common.delete')),
      ],
      back: { href: '#/team/onboardings', label: t('team.onboardings.title') },
    }),
    progressSlot, itemsSlot, addForm);
  draw();
  return { el, title: k.title, isDirty: ctl.isDirty, destroy: ctl.destroy };
}
