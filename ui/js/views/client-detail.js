// #/clients/<id> — a client's details, archive toggle and collaborations.

import { h } from '../dom.js';
import { t, label } from '../i18n.js';
import { countryName, formatDate } from '../format.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog } from '../dialog.js';
import { pageHeader, badge, detailList, collaborationsTable, emptyState } from './shared.js';
import { documentsTable, kindsOf } from './docs-shared.js';
import { clientCollaborations } from '../lookups.js';
import { exportClientData, eraseClient } from './export.js';

export async function render(ctx) {
  const { navigate, params, catalog } = ctx;
  const id = Number(params.id);
  const [client, collaborations, documents] = await Promise.all([
    api.getClient(id),
    clientCollaborations(id),
    api.listDocuments({
      kinds: kindsOf(catalog, 'all'), status: null, search: '', client_id: id,
      sort: 'date', direction: 'desc', page: 0, page_size: 50,
    }).catch((err) => ({ items: [], total: 0, error: err })),
  ]);

  const editBtn = h('button', {
    type: 'button', class: 'btn', dataset: { action: 'edit-client' },
    onclick: () => navigate(`#/clients/${client.id}/edit`),
  }, t('common.edit'));

  const archiveBtn = h('button', {
    type: 'button', class: 'btn', dataset: { action: 'archive-client' },
    onclick: toggleArchive,
  }, client.archived ? t('client.unarchive') : t('client.archive'));

  async function toggleArchive() {
    const archiving = !client.archived;
    if (archiving) {
      const ok = await confirmDialog({
        title: t('client.archive_confirm.title', { name: client.name }),
        message: t('client.archive_confirm.message'),
        confirmLabel: t('client.archive'),
      });
      if (!ok) return;
    }
    archiveBtn.disabled = true;
    try {
      await api.setClientArchived(client.id, archiving);
      toast(archiving ? t('client.archived_toast', { name: client.name }) : t('client.unarchived_toast', { name: client.name }));
      await ctx.rerender();
      document.querySelector('[data-action="archive-client"]')?.focus();
    } catch (err) {
      archiveBtn.disabled = false;
      toastError(err);
    }
  }

  const exportBtn = h('button', {
    type: 'button', class: 'btn', dataset: { action: 'export-client-data' },
    onclick: async () => { exportBtn.disabled = true; await exportClientData(client); exportBtn.disabled = false; },
  }, t('client.export_data'));

  const eraseBtn = h('button', {
    type: 'button', class: 'btn btn-danger-quiet', dataset: { action: 'erase-client' },
    onclick: async () => {
      eraseBtn.disabled = true;
      const done = await eraseClient(client);
      if (!done) { eraseBtn.disabled = false; return; }
      if (done.record_removed) navigate('#/clients');
      else await ctx.rerender();
    },
  }, t('client.erase'));

  const newCollabBtn = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'new-collaboration' },
    disabled: client.archived,
    title: client.archived ? t('client.archived_no_new_collab') : null,
    onclick: () => navigate(`#/collaborations/new?client=${client.id}`),
  }, t('collaborations.new'));

  const address = [
    client.address_line1,
    client.address_line2,
    [client.postal_code, client.city].filter(Boolean).join(' '),
  ].filter(Boolean);
  const addressEl = address.length ? h('span', { class: 'multiline' }, address.join('\n')) : '';

  // Plain text on purpose: a mailto: link would navigate the app's webview.
  const email = client.email || '';

  const details = h('div', { class: 'detail-grid' },
    h('section', { class: 'card' },
      h('h2', { class: 'card-title' }, t('client.legend.contact')),
      detailList([
        [t('client.field.contact_name'), client.contact_name],
        [t('client.field.email'), email],
        [t('client.field.phone'), client.phone],
      ]),
    ),
    h('section', { class: 'card' },
      h('h2', { class: 'card-title' }, t('client.legend.address')),
      detailList([
        [t('client.field.address'), addressEl],
        [t('client.field.country'), countryName(client.country)],
      ]),
    ),
    h('section', { class: 'card' },
      h('h2', { class: 'card-title' }, t('client.legend.identity')),
      detailList([
        [t('client.field.kind'), t(`client.kind.${client.private ? 'private' : 'business'}`)],
        // A private person has neither: the rows are left out rather than shown empty.
        ...(client.private ? [] : [
          [t('client.field.siren'), client.siren, 'mono'],
          [t('client.field.vat_number'), client.vat_number, 'mono'],
        ]),
        [t('client.field.doc_language'), client.doc_language ? label('language', client.doc_language) : ''],
        [t('client.field.currency'), client.currency ? label('currency', client.currency) : ''],
        [t('client.field.created_at'), client.created_at ? formatDate(client.created_at) : ''],
      ]),
    ),
    client.notes ? h('section', { class: 'card card-wide' },
      h('h2', { class: 'card-title' }, t('client.field.notes')),
      h('p', { class: 'multiline notes' }, client.notes),
    ) : null,
  );

  const collabSection = h('section', { class: 'subsection' },
    h('div', { class: 'subsection-header' },
      h('h2', null, t('collaborations.title')),
      newCollabBtn,
    ),
    collaborations.length
      ? h('div', { class: 'table-wrap' }, collaborationsTable(collaborations, { navigate, currencyFallback: client.currency, showClient: false }).el)
      : emptyState({
        className: 'empty-compact',
        text: client.archived ? t('client.archived_no_new_collab') : t('client.no_collaborations'),
      }),
  );

  const newDocBtn = (kind) => h('button', {
    type: 'button', class: 'btn', dataset: { action: kind === 'quote' ? 'new-quote' : 'new-invoice' },
    disabled: client.archived,
    title: client.archived ? t('docs.client.archived_no_new') : null,
    onclick: () => navigate(`${kind === 'quote' ? '#/quotes/new' : '#/invoices/new'}?client=${client.id}`),
  }, t(kind === 'quote' ? 'docs.quotes.new' : 'docs.invoices.new'));

  const docsSection = h('section', { class: 'subsection client-documents', id: 'client-documents' },
    h('div', { class: 'subsection-header' },
      h('h2', null, t('docs.client.title')),
      h('div', { class: 'subsection-actions' }, newDocBtn('quote'), newDocBtn('invoice')),
    ),
    documents.items.length
      ? h('div', { class: 'table-wrap' }, documentsTable(documents.items, { navigate, family: 'all', showClient: false, id: 'client-documents-table' }).el)
      : emptyState({ className: 'empty-compact', text: t('docs.client.none') }),
    documents.total > documents.items.length
      ? h('p', { class: 'field-help' }, t('docs.client.more', { shown: documents.items.length, total: documents.total }))
      : null,
  );

  const el = h('section', { class: 'view view-client-detail' },
    pageHeader({
      title: client.name,
      badge: client.archived ? badge(t('clients.archived_badge'), 'archived') : null,
      back: { href: '#/clients', label: t('nav.clients') },
      actions: [editBtn, archiveBtn, exportBtn, eraseBtn],
    }),
    details,
    collabSection,
    docsSection,
  );

  return {
    el,
    title: client.name,
    newItem: () => { if (!client.archived) navigate(`#/collaborations/new?client=${client.id}`); },
  };
}
