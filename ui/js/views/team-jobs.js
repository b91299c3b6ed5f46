// #/team/jobs — job descriptions ("fiches de poste"), and how to start a new one:
// from a built-in template (pre-filled from the research's catalogues) or blank.

import { h } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { formatDate } from '../format.js';
import { listController, countOf } from '../list.js';
import { dataTable } from '../table.js';
import { pageHeader, emptyState } from './shared.js';
import { teamTabs, teamCatalog, jobStatusBadge } from './team-shared.js';

const state = { sort: 'status', direction: 'asc', page: 0 };

export async function render(ctx) {
  const { navigate } = ctx;
  const catalog = await teamCatalog();

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

  const table = dataTable({
    id: 'jobs-table',
    caption: t('team.jobs.title'),
    open: (j) => navigate(`#/team/jobs/${j.id}`),
    columns: [
      { key: 'title', label: t('team.jobs.col.title'), class: 'name', cell: (j) => j.title },
      { key: 'for', label: t('team.jobs.col.for'), cell: (j) => j.client_name || t('team.own_business') },
      { key: 'start', label: t('team.jobs.col.start'), cell: (j) => (j.start_date ? formatDate(j.start_date) : '—') },
      { key: 'people', label: t('team.jobs.col.people'), class: 'num', cell: (j) => String(j.members) },
      { key: 'status', label: t('team.jobs.col.status'), cell: (j) => jobStatusBadge(j.status) },
    ],
  });

  const list = listController({
    state,
    fetch: api.listJobDescriptions,
    filters: () => ({ client_id: null, own_business: false, status: null }),
    count: { text: countOf('team.jobs.count') },
    show: (page) => table.update(page.items),
    firstRun: () => emptyState({ title: t('team.jobs.empty.title'), text: t('team.jobs.empty.text'), className: 'empty-compact' }),
  });
  list.content.appendChild(table.el);

  const header = pageHeader({ title: t('team.title') });
  header.querySelector('.page-heading').appendChild(list.count);
  const el = h('section', { class: 'view view-team' }, header, teamTabs('#/team/jobs'),
    h('h2', { class: 'section-title' }, t('team.jobs.title')), list.listBlock, list.firstRun, picker);
  await list.start(el);
  return {
    el,
    title: t('team.jobs.title'),
    newItem: () => el.querySelector('.picker-card')?.focus(),
    destroy: list.destroy,
  };
}
