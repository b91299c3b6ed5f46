// The one place for what several screens look up: every item of a paged list
// (the active clients for a select, a client's collaborations), and today's
// local date. Each list command answers one page of at most PAGE_MAX rows.

import * as api from './api.js';

/** The most rows a list command returns at once (paging::MAX_PAGE_SIZE). */
export const PAGE_MAX = 200;

/**
 * Every item a list command has for `query`, fetched PAGE_MAX at a time (the
 * pages after the first in parallel). Answers a Page holding all of them, with
 * the first page's other fields (the time list's `totals`).
 */
export async function allPages(list, query = {}) {
  const base = { search: '', ...query, page_size: PAGE_MAX };
  const first = await list({ ...base, page: 0 });
  const pages = Math.ceil(first.total / PAGE_MAX);
  const rest = [];
  for (let p = 1; p < pages; p += 1) rest.push(list({ ...base, page: p }));
  const items = [first, ...(await Promise.all(rest))].flatMap((r) => r.items);
  // What else the first page says (a list's totals) stays with it.
  return { ...first, items, total: first.total, page: 0, page_size: Math.max(PAGE_MAX, items.length) };
}

/** Every active client, by name (for the client selects of the forms). */
export async function activeClients() {
  return (await allPages(api.listClients, { archived: 'active', sort: 'name', direction: 'asc' })).items;
}

/** Every collaboration of one client, active ones first. */
export async function clientCollaborations(clientId) {
  return (await allPages(api.listCollaborations, { client_id: clientId, status: null })).items;
}

/** Every onboarding template, built-in ones first. */
export async function onboardingTemplates() {
  return (await allPages(api.listOnboardingTemplates)).items;
}

/** Every job description (all businesses, every status). */
export async function jobDescriptions() {
  return (await allPages(api.listJobDescriptions, { client_id: null, own_business: false, status: null })).items;
}

/** Every person of the team matching `filters` ({ client_id, own_business, include_archived }). */
export async function teamMembers(filters = {}) {
  return (await allPages(api.listTeamMembers, { client_id: null, own_business: false, include_archived: false, ...filters })).items;
}

/** A local date as YYYY-MM-DD. */
export function isoDate(d) {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Today's local date as YYYY-MM-DD (the core is told the same day). */
export function today() {
  return isoDate(new Date());
}
