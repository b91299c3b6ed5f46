// Pieces shared by the team screens (#/team…): the section's tabs, the team
// vocabularies, business choices, badges and the progress bar.

import { h } from '../dom.js';
import { t, label, getLang } from '../i18n.js';
import * as api from '../api.js';
import { formatMoney } from '../format.js';
import { badge } from './shared.js';

const TABS = [
  ['#/team', 'team.tabs.members'],
  ['#/team/jobs', 'team.tabs.jobs'],
  ['#/team/onboardings', 'team.tabs.onboardings'],
  ['#/team/templates', 'team.tabs.templates'],
];

/** nav.team-tabs: the four screens of the section; `active` is one of the hrefs. */
export function teamTabs(active) {
  return h('nav', { class: 'team-tabs', 'aria-label': t('team.tabs.label') },
    TABS.map(([href, key]) => h('a', {
      href,
      class: 'team-tab',
      'aria-current': href === active ? 'page' : null,
    }, t(key))));
}

let catalogPromise = null;
let catalogLang = null;
/** The team vocabularies (stages and their moves, statuses, built-in job templates
 *  in the UI's language: asked again after a language switch). */
export function teamCatalog() {
  if (!catalogPromise || catalogLang !== getLang()) {
    catalogLang = getLang();
    catalogPromise = api.teamCatalog(catalogLang).catch((e) => { catalogPromise = null; throw e; });
  }
  return catalogPromise;
}

/** Stages a person may be moved to from `stage`. */
export function movesFrom(catalog, stage) {
  const entry = (catalog.transitions || []).find(([s]) => s === stage);
  return entry ? entry[1] : [];
}

/** Options "Mon entreprise" + each client; keeps `current` (an archived client) selectable. */
export function businessOptions(clients, current) {
  const opts = [{ value: '', label: t('team.own_business') }, ...clients.map((c) => ({ value: c.id, label: c.name }))];
  if (current && current.id != null && !clients.some((c) => c.id === current.id)) {
    opts.push({ value: current.id, label: current.name ?? '' });
  }
  return opts;
}

export function stageBadge(stage) {
  return badge(label('team_stage', stage), `stage-${stage}`);
}

export function jobStatusBadge(status) {
  return badge(label('team_job_status', status), `job-${status}`);
}

export function whoBadge(who) {
  return badge(label('team_who', who), `who-${who}`);
}

/** "35,00 € / h" — formatting only: the amount is the core's integer cents. */
export function payText(cents, unit, currency = 'EUR') {
  if (cents == null || !unit) return '';
  return t(`team.pay.per_${unit}`, { amount: formatMoney(cents, currency) });
}

/** div.progress: a bar and "n/m · p %" (the core computes the numbers). */
export function progressBar(progress, { compact = false } = {}) {
  const p = progress || { done: 0, total: 0, percent: 0 };
  const text = t('team.progress', { done: p.done, total: p.total, percent: p.percent });
  // The CSP forbids style attributes; the CSSOM property is allowed.
  const fill = h('div', { class: 'progress-fill' });
  fill.style.width = `${Math.max(0, Math.min(100, p.percent))}%`;
  return h('div', { class: ['progress', compact && 'progress-compact'], dataset: { done: p.done, total: p.total } },
    h('div', {
      class: 'progress-track', role: 'progressbar',
      'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(p.percent), 'aria-label': text,
    }, fill),
    h('span', { class: 'progress-text' }, text));
}
