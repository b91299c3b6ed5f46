// « Tout exporter » (Réglages › Vos données) and a client's data rights on the
// client's page: « Exporter ses données » and « Effacer ce client… ». Rust
// picks the folder or the file in native dialogs, builds and writes the export
// and erases; this module only asks, shows progress and says what happened.

import { h, replace } from '../dom.js';
import { t, tn, errorText } from '../i18n.js';
import * as api from '../api.js';
import { on, off, EVENTS } from '../events.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog } from '../dialog.js';

/** The card « Exporter toutes mes données »: a button, a progress bar, then
 *  where the folder went and a button to show it. */
export function exportCard() {
  const progress = h('progress', { id: 'export-progress', max: 1, value: 0, hidden: true, 'aria-label': t('export.progress') });
  const status = h('p', { class: 'field-help', id: 'export-status', role: 'status', 'aria-live': 'polite' });
  const result = h('div', { id: 'export-result' });
  const btn = h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'export-all' }, onclick: run }, t('export.action'));
  const onProgress = (p) => {
    progress.max = Math.max(1, p.total);
    progress.value = p.done;
  };

  async function run() {
    btn.disabled = true;
    replace(result);
    progress.hidden = false;
    progress.value = 0;
    status.textContent = t('export.running');
    await on(EVENTS.EXPORT_PROGRESS, onProgress).catch(() => {});
    try {
      const done = await api.exportAll();
      if (!done) { status.textContent = ''; return; }
      status.textContent = t('export.done');
      replace(result,
        h('dl', { class: 'detail-list' },
          h('dt', null, t('export.folder')),
          h('dd', null, h('code', { class: 'path', id: 'export-folder' }, done.path))),
        h('div', { class: 'button-row' },
          h('button', { type: 'button', class: 'btn', dataset: { action: 'reveal-export' }, onclick: () => api.revealExport(done.path).catch(toastError) }, t('export.reveal'))));
      toast(t('export.done'));
    } catch (err) {
      status.textContent = errorText(err);
      toastError(err);
    } finally {
      off(EVENTS.EXPORT_PROGRESS, onProgress);
      progress.hidden = true;
      btn.disabled = false;
    }
  }

  return h('section', { class: 'card settings-card', id: 'export-card', 'aria-labelledby': 'export-title' },
    h('div', { class: 'card-header-row' },
      h('h2', { class: 'card-title', id: 'export-title' }, t('export.title')),
      btn),
    h('p', { class: 'field-help' }, t('export.help')),
    progress,
    status,
    result);
}

/** « Exporter ses données »: the client's JSON file, saved where she says. */
export async function exportClientData(client) {
  try {
    const saved = await api.exportClientData(client.id);
    if (saved) toast(t('client.data_exported', { name: saved.file_name }));
  } catch (err) {
    toastError(err);
  }
}

const removedLine = (r) => tn(`erase.removed.${r.what}`, r.count);
const keptLine = (k) => {
  const what = tn(`erase.kept.${k.what}`, k.count);
  const numbers = k.numbers.length ? ` (${k.numbers.join(', ')})` : '';
  return `${what}${numbers} — ${t(`erase.reason.${k.reason}`)}`;
};

function planDetails(plan) {
  const removed = plan.removed.map(removedLine);
  if (plan.blanked.length && !plan.record_removed) {
    removed.push(t('erase.blanked', { fields: plan.blanked.map((f) => t(`client.field.${f}`)).join(', ') }));
  }
  if (plan.record_removed) removed.push(t('erase.record_removed'));
  return [
    h('h3', { class: 'dialog-subtitle' }, t('erase.removed_title')),
    removed.length
      ? h('ul', { class: 'dialog-list', id: 'erase-removed' }, removed.map((s) => h('li', null, s)))
      : h('p', null, t('erase.nothing_removed')),
    plan.kept.length ? h('h3', { class: 'dialog-subtitle' }, t('erase.kept_title')) : null,
    plan.kept.length ? h('ul', { class: 'dialog-list', id: 'erase-kept' }, plan.kept.map((k) => h('li', null, keptLine(k)))) : null,
  ];
}

/** « Effacer ce client… »: shows exactly what goes and what the law keeps,
 *  asks, erases, then says what was kept. Resolves to true once erased. */
export async function eraseClient(client) {
  let plan;
  try {
    plan = await api.clientErasePlan(client.id);
  } catch (err) {
    toastError(err);
    return false;
  }
  const ok = await confirmDialog({
    title: t('erase.confirm_title', { name: client.name }),
    message: t('erase.confirm_message'),
    details: planDetails(plan),
    confirmLabel: t('erase.confirm'),
    danger: true,
  });
  if (!ok) return false;
  try {
    const done = await api.eraseClient(client.id);
    toast(done.kept.length
      ? t('erase.done_kept', { name: done.client_name, kept: done.kept.filter((k) => k.what !== 'client_name').map((k) => tn(`erase.kept.${k.what}`, k.count)).join(', ') })
      : t('erase.done_removed', { name: done.client_name }), 'success', 10000);
    return done;
  } catch (err) {
    toastError(err);
    return false;
  }
}
