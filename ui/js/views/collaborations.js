// #/collaborations — every collaboration, filterable by status.

import { h, replace } from '../dom.js';
import { t, tn, label } from '../i18n.js';
import * as api from '../api.js';
import { toastError } from '../toast.js';
import { pageHeader, emptyState, collaborationsTable } from './shared.js';

const state = { status: '' };

export async function render(ctx) {
  const { catalog, navigate } = ctx;
  let seq = 0;

  const newBtn = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'new-collaboration' },
    'aria-keyshortcuts': 'N',
    onclick: () => navigate('#/collaborations/new'),
  }, t('collaborations.new'));

  const filterId = 'collaboration-status-filter';
  const filter = h('select', { id: filterId, class: 'filter-select' },
    h('option', { value: '' }, t('collaborations.filter.all')),
    (catalog.statuses || []).map((s) => h('option', { value: s }, label('status', s))));
  filter.value = state.status;
  filter.addEventListener('change', () => { state.status = filter.value; refresh(); });

  const count = h('p', { id: 'collaborations-count', class: 'page-subtitle', 'aria-live': 'polite' });
  const toolbar = h('div', { class: 'toolbar' },
    h('label', { class: 'toolbar-label', for: filterId }, t('collaborations.filter.label')),
    filter,
  );
  const body = h('div', { class: 'list-body' });
  const header = pageHeader({ title: t('collaborations.title'), actions: [newBtn] });
  header.querySelector('.page-heading').appendChild(count);
  const el = h('section', { class: 'view view-collaborations' }, header, toolbar, body);

  async function refresh() {
    const mine = ++seq;
    el.setAttribute('aria-busy', 'true');
    let rows;
    try {
      rows = await api.listCollaborations({ client_id: null, status: state.status || null });
    } catch (err) {
      if (mine === seq) { el.removeAttribute('aria-busy'); toastError(err); }
      return;
    }
    if (mine !== seq) return;
    count.textContent = tn('collaborations.count', rows.length);
    if (rows.length) {
      toolbar.hidden = false;
      replace(body, h('div', { class: 'table-wrap' }, collaborationsTable(rows, { navigate })));
    } else if (state.status) {
      toolbar.hidden = false;
      replace(body, emptyState({ text: t('collaborations.none_with_status', { status: label('status', state.status) }) }));
    } else {
      toolbar.hidden = true;
      let hasClients = true;
      try {
        const res = await api.listClients({ search: '', archived: 'active', sort: 'name', direction: 'asc', page: 0, page_size: 1 });
        hasClients = res.total > 0;
      } catch { /* keep the generic empty state */ }
      if (mine !== seq) return;
      replace(body, hasClients
        ? emptyState({
          title: t('collaborations.empty.title'),
          text: t('collaborations.empty.text'),
          actions: [h('button', {
            type: 'button', class: 'btn btn-primary btn-large', dataset: { action: 'new-collaboration' },
            onclick: () => navigate('#/collaborations/new'),
          }, t('collaborations.empty.cta'))],
        })
        : emptyState({
          title: t('collaborations.empty.title'),
          text: t('collaborations.empty.needs_client'),
          actions: [h('button', {
            type: 'button', class: 'btn btn-primary btn-large', dataset: { action: 'new-client' },
            onclick: () => navigate('#/clients/new'),
          }, t('collaborations.empty.add_client'))],
        }));
    }
    el.removeAttribute('aria-busy');
  }

  await refresh();

  return {
    el,
    title: t('collaborations.title'),
    newItem: () => navigate('#/collaborations/new'),
    destroy: () => { seq += 1; },
  };
}
