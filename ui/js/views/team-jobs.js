// #/team/jobs — job descriptions ("fiches de poste"), and how to start a new one:
// from a built-in template (pre-filled from the research's catalogues) or blank.

import { h } from '../dom.js';
import { t, tn } from '../i18n.js';
import * as api from '../api.js';
import { toastError } from '../toast.js';
import { formatDate } from '../format.js';
import { pageHeader, emptyState, rowKeys } from './shared.js';
import { teamTabs, teamCatalog, jobStatusBadge } from './team-shared.js';

export async function render(ctx) {
  const { navigate } = ctx;
  const catalog = await teamCatalog();
  let jobs;
  try {
    jobs = await api.listJobDescriptions({ client_id: null, own_business: false, status: null });
  } catch (err) {
    toastError(err);
    jobs = [];
  }

  const picker = h('section', { class: 'template-picker', id: 'job-template-picker', 'aria-labelledby': 'job-picker-title' },
    h('h2', { class: 'section-title', id: 'job-picker-title' }, t('team.jobs.new_title')),
    h('p', { class: 'section-help' }, t('team.jobs.new_help')),
    h('div', { class: 'picker-grid' },
      (catalog.job_templates || []).map((tpl) => h('button', {
        type: 'button', class: 'picker-card', dataset: { action: 'new-job', template: tpl.code },
        onclick: () => navigate(`#/team/jobs/new?template=${encodeURIComponent(tpl.code)}`),
      }, h('span', { class: 'picker-title' }, tpl.title),
      h('span', { class: 'picker-text' }, t(`team.jobs.template_help.${tpl.code}`)))),
      h('button', {
        type: 'button', class: 'picker-card picker-blank', dataset: { action: 'new-job', template: '' },
        onclick: () => navigate('#/team/jobs/new'),
      }, h('span', { class: 'picker-title' }, t('team.jobs.blank')), h('span', { class: 'picker-text' }, t('team.jobs.blank_help')))));

  const open = (id) => navigate(`#/team/jobs/${id}`);
  const list = jobs.length
    ? h('div', { class: 'table-wrap' }, h('table', { id: 'jobs-table', class: 'data-table' },
      h('caption', { class: 'visually-hidden' }, t('team.jobs.title')),
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('team.jobs.col.title')),
        h('th', { scope: 'col' }, t('team.jobs.col.for')),
        h('th', { scope: 'col' }, t('team.jobs.col.start')),
        h('th', { scope: 'col', class: 'num' }, t('team.jobs.col.people')),
        h('th', { scope: 'col' }, t('team.jobs.col.status')))),
      h('tbody', null, jobs.map((j) => h('tr', {
        class: 'row-link', tabindex: '0', dataset: { id: j.id },
        onclick: () => open(j.id), onkeydown: (e) => rowKeys(e, () => open(j.id)),
      },
      h('td', { class: 'name' }, j.title),
      h('td', null, j.client_name || t('team.own_business')),
      h('td', null, j.start_date ? formatDate(j.start_date) : '—'),
      h('td', { class: 'num' }, String(j.members)),
      h('td', null, jobStatusBadge(j.status)))))))
    : emptyState({ title: t('team.jobs.empty.title'), text: t('team.jobs.empty.text'), className: 'empty-compact' });

  const count = h('p', { class: 'page-subtitle' }, tn('team.jobs.count', jobs.length));
  const header = pageHeader({ title: t('team.title') });
  header.querySelector('.page-heading').appendChild(count);
  const el = h('section', { class: 'view view-team' }, header, teamTabs('#/team/jobs'),
    h('h2', { class: 'section-title' }, t('team.jobs.title')), list, picker);
  return {
    el,
    title: t('team.jobs.title'),
    newItem: () => el.querySelector('.picker-card')?.focus(),
  };
}
