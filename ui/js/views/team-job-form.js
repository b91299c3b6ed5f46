// #/team/jobs/new[?template=<code>], #/team/jobs/<id> — form#job-form.
// A built-in template pre-fills the form; lists are typed one item per line.
// A saved job description is exported as a PDF (native save dialog, written by
// the core) or copied as Markdown / plain text for a job board.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog } from '../dialog.js';
import { field, fieldset, bindForm, formView } from '../form.js';
import { centsToInput, minutesToInput } from '../format.js';
import { pageHeader } from './shared.js';
import { codeOptions } from './options.js';
import { teamCatalog, businessOptions, jobStatusBadge } from './team-shared.js';
import { activeClients, onboardingTemplates } from '../lookups.js';

const LISTS = ['missions', 'tasks', 'skills', 'qualities', 'tools'];

export async function render(ctx) {
  const { navigate, params, query } = ctx;
  const id = params.id != null ? Number(params.id) : null;
  const [catalog, clients, templates, job] = await Promise.all([
    teamCatalog(),
    activeClients(),
    onboardingTemplates(),
    id != null ? api.getJobDescription(id) : Promise.resolve(null),
  ]);

  const recruitTemplates = templates.filter((x) => x.kind === 'recruit');
  const defaultTemplate = recruitTemplates.find((x) => x.builtin === 'new_va') || recruitTemplates[0];
  let values;
  if (job) {
    values = {
      client_id: job.client_id ?? '',
      title: job.title,
      template: job.template ?? '',
      context: job.context ?? '',
      hours_per_week: minutesToInput(job.hours_per_week_minutes),
      pay_amount: centsToInput(job.pay_cents),
      pay_unit: job.pay_unit ?? 'hour',
      pricing_notes: job.pricing_notes ?? '',
      start_date: job.start_date ?? '',
      status: job.status,
      onboarding_template_id: job.onboarding_template_id ?? '',
    };
    for (const l of LISTS) values[l] = (job[l] || []).join('\n');
  } else {
    const code = query.get('template');
    const tpl = (catalog.job_templates || []).find((x) => x.code === code);
    const base = tpl ? tpl.input : {};
    values = {
      client_id: query.get('client') ?? '',
      title: base.title ?? '',
      template: base.template ?? '',
      context: base.context ?? '',
      hours_per_week: base.hours_per_week ?? '',
      pay_amount: (base.pay_amount ?? '').replace('.', ','),
      pay_unit: base.pay_unit || 'hour',
      pricing_notes: base.pricing_notes ?? '',
      start_date: '',
      status: 'draft',
      onboarding_template_id: defaultTemplate ? defaultTemplate.id : '',
    };
    for (const l of LISTS) values[l] = base[l] ?? '';
  }
  if (ctx.restore?.values) Object.assign(values, ctx.restore.values);

  const fld = (name, extra = {}) => field({ name, label: t(`team.job.field.${name}`), value: values[name], ...extra });
  const list = (name) => fld(name, { control: 'textarea', rows: 5, wide: true, optional: true, help: t('team.job.help.lines') });
  const templateOptions = [{ value: '', label: t('team.job.no_onboarding') }, ...templates.map((x) => ({ value: x.id, label: x.name }))];

  const deleteBtn = job ? h('button', { type: 'button', class: 'btn btn-danger-quiet', dataset: { action: 'delete-job' }, onclick: onDelete }, t('common.delete')) : null;
  const form = h('form', { id: 'job-form', class: 'form', autocomplete: 'off' },
    h('input', { type: 'hidden', name: 'template', value: values.template }),
    fieldset(t('team.job.legend.general'),
      fld('title', { wide: true }).wrap,
      fld('client_id', { control: 'select', options: businessOptions(clients, job?.client_id != null ? { id: job.client_id, name: job.client_name } : null) }).wrap,
      fld('status', { control: 'select', options: codeOptions('team_job_status', catalog.job_statuses) }).wrap,
      fld('start_date', { type: 'date', optional: true }).wrap,
      fld('hours_per_week', { inputmode: 'decimal', optional: true, suffix: t('team.job.per_week') }).wrap,
    ),
    fieldset(t('team.job.legend.context'),
      fld('context', { control: 'textarea', rows: 4, wide: true, optional: true }).wrap,
      list('missions').wrap,
      list('tasks').wrap,
    ),
    fieldset(t('team.job.legend.profile'),
      list('skills').wrap,
      list('qualities').wrap,
      list('tools').wrap,
    ),
    fieldset(t('team.job.legend.pricing'),
      fld('pay_amount', { inputmode: 'decimal', optional: true }).wrap,
      fld('pay_unit', { control: 'select', options: codeOptions('team_pay_unit', catalog.pay_units) }).wrap,
      fld('pricing_notes', { control: 'textarea', rows: 3, wide: true, optional: true }).wrap,
      fld('onboarding_template_id', { control: 'select', options: templateOptions, wide: true, help: t('team.job.help.onboarding') }).wrap,
    ),
    h('div', { class: 'form-actions' },
      deleteBtn,
      h('span', { class: 'spacer' }),
      h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => navigate('#/team/jobs') }, t('common.cancel')),
      h('button', { type: 'submit', class: 'btn btn-primary', 'aria-keyshortcuts': 'Control+Enter' }, job ? t('common.save') : t('team.job.create')),
    ),
  );

  const collect = () => {
    const el = (n) => form.elements.namedItem(n);
    const num = (v) => (v === '' ? null : Number(v));
    const input = {
      client_id: num(el('client_id').value),
      onboarding_template_id: num(el('onboarding_template_id').value),
    };
    for (const n of ['title', 'template', 'context', 'hours_per_week', 'pay_amount', 'pay_unit', 'pricing_notes', 'start_date', 'status', ...LISTS]) {
      input[n] = el(n).value;
    }
    return input;
  };

  const ctl = bindForm(form, {
    collect,
    validate: (input) => api.validateJobDescription(input, id),
    submit: (input) => (job ? api.updateJobDescription(job.id, input) : api.createJobDescription(input)),
    onSuccess: (saved) => {
      toast(job ? t('team.job.saved') : t('team.job.created'));
      if (job) ctx.rerender({ fresh: true });
      else navigate(`#/team/jobs/${saved.id}`);
    },
    onCancel: () => navigate('#/team/jobs'),
    restore: ctx.restore,
    rawValues: () => {
      const v = collect();
      return { ...v, client_id: v.client_id ?? '', onboarding_template_id: v.onboarding_template_id ?? '' };
    },
  });

  async function onDelete() {
    const ok = await confirmDialog({
      title: t('team.job.delete_confirm.title', { title: job.title }),
      message: job.members ? t('team.job.delete_confirm.message_people', { count: job.members }) : t('team.job.delete_confirm.message'),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api.deleteJobDescription(job.id);
      ctl.markClean();
      toast(t('team.job.deleted'));
      navigate('#/team/jobs', { force: true });
    } catch (err) {
      toastError(err);
    }
  }

  /** Saved changes first: exports show what is stored. */
  async function savedFirst() {
    if (!ctl.isDirty()) return true;
    toast(t('team.job.save_first'), 'error');
    return false;
  }

  async function exportPdf(btn) {
    if (!(await savedFirst())) return;
    btn.disabled = true;
    try {
      const path = await api.exportJobDescriptionPdf(job.id);
      if (path) toast(t('team.pdf_saved', { path }));
    } catch (err) {
      toastError(err);
    } finally {
      btn.disabled = false;
    }
  }

  const actions = job ? [
    h('button', { type: 'button', class: 'btn', dataset: { action: 'copy-text' }, onclick: async () => { if (await savedFirst()) copyDialog(job); } }, t('team.job.copy')),
    h('button', { type: 'button', class: 'btn', dataset: { action: 'export-pdf' }, onclick: (e) => exportPdf(e.currentTarget) }, t('team.job.export_pdf')),
    h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'add-candidate' }, onclick: () => navigate(`#/team/members/new?job=${job.id}`) }, t('team.job.add_candidate')),
  ] : [];

  const title = job ? job.title : t('team.job.new_title');
  const el = h('section', { class: 'view view-team-form' },
    pageHeader({
      title,
      badge: job ? jobStatusBadge(job.status) : null,
      subtitle: job ? (job.client_name || t('team.own_business')) : (values.template ? t('team.job.from_template') : null),
      actions,
      back: { href: '#/team/jobs', label: t('team.jobs.title') },
    }),
    form);
  return formView(ctl, { el, title, autofocus: form.elements.namedItem('title'), restore: ctx.restore });
}

/**
 * dialog#job-text-dialog: the job description as Markdown or plain text in a
 * read-only textarea, with a Copy button (navigator.clipboard; the text stays
 * selected for Ctrl+C when the clipboard is refused).
 */
async function copyDialog(job) {
  const previous = document.activeElement;
  const area = h('textarea', { id: 'job-text', class: 'copy-area', readonly: true, rows: 16, spellcheck: 'false', 'aria-label': t('team.job.copy_area') });
  const status = h('p', { class: 'field-help', 'aria-live': 'polite' });
  let format = 'markdown';
  const load = async () => {
    try {
      area.value = await api.jobDescriptionText(job.id, format);
    } catch (err) {
      toastError(err);
    }
  };
  const formatBtn = (f) => h('button', {
    type: 'button', class: 'lang-option', dataset: { format: f }, 'aria-pressed': String(f === format),
    onclick: async () => {
      format = f;
      for (const b of dlg.querySelectorAll('[data-format]')) b.setAttribute('aria-pressed', String(b.dataset.format === f));
      await load();
    },
  }, t(`team.job.format.${f}`));
  const copyBtn = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'copy' },
    onclick: async () => {
      area.focus();
      area.select();
      try {
        await navigator.clipboard.writeText(area.value);
        status.textContent = t('team.job.copied');
      } catch {
        status.textContent = t('team.job.copy_manually');
      }
    },
  }, t('team.job.copy_button'));
  const closeBtn = h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => dlg.close() }, t('team.close'));
  const dlg = h('dialog', { class: 'dialog dialog-wide', id: 'job-text-dialog', 'aria-labelledby': 'job-text-title' },
    h('h2', { class: 'dialog-title', id: 'job-text-title' }, t('team.job.copy_title')),
    h('div', { class: 'lang-toggle', role: 'group', 'aria-label': t('team.job.format.label') }, formatBtn('markdown'), formatBtn('plain')),
    area, status,
    h('div', { class: 'dialog-actions' }, closeBtn, copyBtn));
  dlg.addEventListener('keydown', (e) => {
    e.stopPropagation();
    if (e.key === 'Escape') { e.preventDefault(); dlg.close(); }
  });
  dlg.addEventListener('close', () => {
    dlg.remove();
    if (previous?.isConnected) previous.focus();
  });
  document.body.appendChild(dlg);
  dlg.showModal();
  await load();
  copyBtn.focus();
}
