// #/team/templates/new, #/team/templates/<id> — form#template-form: ordered
// sections of ordered items, moved up and down, added and removed, saved whole.
// A built-in template is shown read-only, with "Dupliquer pour modifier".

import { h, replace } from '../dom.js';
import { t, tn } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { field, fieldset, bindForm, formView } from '../form.js';
import { pageHeader, badge } from './shared.js';
import { codeOptions } from './options.js';
import { teamCatalog, whoBadge } from './team-shared.js';

const emptyItem = () => ({ title: '', details: '', link: '', due_offset: '', who: 'right_hand' });

export async function render(ctx) {
  const { navigate, params } = ctx;
  const id = params.id != null ? Number(params.id) : null;
  const [catalog, tpl] = await Promise.all([teamCatalog(), id != null ? api.getOnboardingTemplate(id) : null]);

  if (tpl?.builtin) return readOnly(ctx, tpl);

  let model = tpl ? {
    name: tpl.name,
    kind: tpl.kind,
    description: tpl.description ?? '',
    sections: tpl.sections.map((s) => ({
      title: s.title,
      items: s.items.map((i) => ({ title: i.title, details: i.details ?? '', link: i.link ?? '', due_offset: i.due_offset_days == null ? '' : String(i.due_offset_days), who: i.who })),
    })),
  } : { name: '', kind: 'recruit', description: '', sections: [{ title: '', items: [emptyItem()] }] };
  if (ctx.restore?.values) model = ctx.restore.values;

  const editor = h('div', { class: 'template-editor', id: 'template-sections' });
  const form = h('form', { id: 'template-form', class: 'form', autocomplete: 'off' },
    fieldset(t('team.template.legend.general'),
      field({ name: 'name', label: t('team.template.field.name'), value: model.name, wide: true }).wrap,
      field({ name: 'kind', label: t('team.template.field.kind'), control: 'select', options: codeOptions('team_template_kind', catalog.template_kinds), value: model.kind }).wrap,
      field({ name: 'description', label: t('team.template.field.description'), value: model.description, optional: true, wide: true }).wrap,
    ),
    h('p', { class: 'section-help' }, t('team.template.help.due_offset')),
    h('p', { class: 'field-error', dataset: { errorFor: 'sections' } }),
    editor,
    h('div', { class: 'form-actions' },
      h('button', { type: 'button', class: 'btn', dataset: { action: 'add-section' }, onclick: () => edit((m) => m.sections.push({ title: '', items: [emptyItem()] }), () => `[name="sections.${model.sections.length - 1}.title"]`) }, t('team.template.add_section')),
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => navigate('#/team/templates') }, t('common.cancel')),
      h('button', { type: 'submit', class: 'btn btn-primary' }, tpl ? t('common.save') : t('team.template.create'))));

  function collect() {
    const v = (n) => form.elements.namedItem(n)?.value ?? '';
    return {
      name: v('name'),
      kind: v('kind'),
      description: v('description'),
      sections: model.sections.map((s, i) => ({
        title: v(`sections.${i}.title`),
        items: s.items.map((_, j) => {
          const p = `sections.${i}.items.${j}.`;
          return { title: v(`${p}title`), details: v(`${p}details`), link: v(`${p}link`), due_offset: v(`${p}due_offset`), who: v(`${p}who`) };
        }),
      })),
    };
  }

  /** Reads what was typed, changes the structure, draws again, focuses `focus()`. */
  function edit(change, focus) {
    model = collect();
    change(model);
    draw();
    ctl.clearErrors();
    const sel = focus?.();
    if (sel) form.querySelector(sel)?.focus();
  }

  const move = (arr, i, d) => { const [x] = arr.splice(i, 1); arr.splice(i + d, 0, x); };
  const iconBtn = (action, text, aria, onclick, disabled) => h('button', { type: 'button', class: 'btn btn-small icon-btn', dataset: { action }, 'aria-label': aria, title: aria, disabled, onclick }, text);

  function draw() {
    replace(editor, model.sections.map((s, i) => {
      const sp = `sections.${i}.`;
      return h('fieldset', { class: 'form-section template-section', dataset: { section: i } },
        h('legend', { class: 'form-section-title' }, t('team.template.section_n', { n: i + 1 })),
        h('div', { class: 'section-head' },
          field({ name: `${sp}title`, label: t('team.template.field.section_title'), value: s.title, wide: true }).wrap,
          h('div', { class: 'item-actions' },
            iconBtn('section-up', '↑', t('team.template.section_up'), () => edit((m) => move(m.sections, i, -1), () => `[name="sections.${i - 1}.title"]`), i === 0),
            iconBtn('section-down', '↓', t('team.template.section_down'), () => edit((m) => move(m.sections, i, 1), () => `[name="sections.${i + 1}.title"]`), i === model.sections.length - 1),
            iconBtn('section-remove', '✕', t('team.template.section_remove'), () => edit((m) => m.sections.splice(i, 1), () => '[data-action=add-section]'), false))),
        h('ol', { class: 'template-items' }, s.items.map((item, j) => {
          const p = `${sp}items.${j}.`;
          return h('li', { class: 'template-item', dataset: { item: j } },
            h('div', { class: 'form-grid' },
              field({ name: `${p}title`, label: t('team.template.field.item_title'), value: item.title, wide: true }).wrap,
              field({ name: `${p}due_offset`, label: t('team.template.field.due_offset'), value: item.due_offset, inputmode: 'numeric', optional: true, suffix: t('team.template.days') }).wrap,
              field({ name: `${p}who`, label: t('team.template.field.who'), control: 'select', options: codeOptions('team_who', catalog.who), value: item.who }).wrap,
              field({ name: `${p}details`, label: t('team.template.field.details'), value: item.details, optional: true, wide: true }).wrap,
              field({ name: `${p}link`, label: t('team.template.field.link'), value: item.link, optional: true, wide: true, placeholder: 'https://…' }).wrap),
            h('div', { class: 'item-actions' },
              iconBtn('item-up', '↑', t('team.template.item_up'), () => edit((m) => move(m.sections[i].items, j, -1), () => `[name="${sp}items.${j - 1}.title"]`), j === 0),
              iconBtn('item-down', '↓', t('team.template.item_down'), () => edit((m) => move(m.sections[i].items, j, 1), () => `[name="${sp}items.${j + 1}.title"]`), j === s.items.length - 1),
              iconBtn('item-remove', '✕', t('team.template.item_remove'), () => edit((m) => m.sections[i].items.splice(j, 1), () => `[name="${sp}title"]`), false)));
        })),
        h('p', { class: 'field-error', dataset: { errorFor: `${sp}items` } }),
        h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'add-item' }, onclick: () => edit((m) => m.sections[i].items.push(emptyItem()), () => `[name="${sp}items.${model.sections[i].items.length - 1}.title"]`) }, t('team.template.add_item')));
    }));
  }
  draw();

  const ctl = bindForm(form, {
    collect,
    validate: api.validateOnboardingTemplate,
    submit: (input) => (tpl ? api.updateOnboardingTemplate(tpl.id, input) : api.createOnboardingTemplate(input)),
    onSuccess: (saved) => {
      toast(t('team.template.saved', { name: saved.name }));
      navigate('#/team/templates');
    },
    onCancel: () => navigate('#/team/templates'),
    restore: ctx.restore,
  });

  const title = tpl ? tpl.name : t('team.template.new_title');
  const el = h('section', { class: 'view view-team-form' },
    pageHeader({ title, subtitle: tpl?.checklists ? tn('team.template.in_use_note', tpl.checklists) : null, back: { href: '#/team/templates', label: t('team.templates.title') } }),
    form);
  return formView(ctl, { el, title, autofocus: form.elements.namedItem('name'), restore: ctx.restore });
}

function readOnly(ctx, tpl) {
  const dupBtn = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'duplicate' },
    onclick: async () => {
      try {
        const copy = await api.duplicateOnboardingTemplate(tpl.id);
        toast(t('team.templates.duplicated', { name: copy.name }));
        ctx.navigate(`#/team/templates/${copy.id}`);
      } catch (err) {
        toastError(err);
      }
    },
  }, t('team.template.duplicate_to_edit'));
  const el = h('section', { class: 'view view-team-form' },
    pageHeader({ title: tpl.name, badge: badge(t('team.templates.builtin'), 'builtin'), subtitle: tpl.description ?? '', actions: [dupBtn], back: { href: '#/team/templates', label: t('team.templates.title') } }),
    h('p', { class: 'section-help' }, t('team.template.builtin_help')),
    tpl.sections.map((s) => h('section', { class: 'checklist-section' },
      h('h2', { class: 'checklist-section-title' }, s.title),
      h('ul', { class: 'checklist-items' }, s.items.map((i) => h('li', { class: 'checklist-item' },
        h('div', { class: 'item-main' }, h('span', { class: 'item-title' }, i.title), i.details ? h('p', { class: 'item-details' }, i.details) : null),
        h('div', { class: 'item-meta' }, whoBadge(i.who),
          i.due_offset_days != null ? h('span', { class: 'due' }, t('team.template.offset', { n: i.due_offset_days > 0 ? `+${i.due_offset_days}` : String(i.due_offset_days) })) : null)))))));
  return { el, title: tpl.name };
}
