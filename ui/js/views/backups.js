// Réglages › Sauvegardes and « Vérifier l'intégrité », and the panel of the
// start-up screen when the data file is damaged. Backups run in Rust off the
// main thread; their progress arrives as events (events.js). Nothing here
// names a path: a backup is named by its file name in the backups folder, and
// a restore restores only what the core has just checked.

import { h, replace } from '../dom.js';
import { t, errorText } from '../i18n.js';
import * as api from '../api.js';
import { on, EVENTS } from '../events.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog } from '../dialog.js';
import { emptyState } from './shared.js';
import { formatDateTime, formatBytes, formatInteger } from '../format.js';

const reasonLabel = (r) => t(`backups.reason.${r}`);

/** The sentence under a checked file: what it holds. */
function planSummary(plan) {
  return t('backups.plan.summary', {
    clients: formatInteger(plan.clients),
    issued: formatInteger(plan.issued),
    last: plan.last_number || t('backups.plan.no_number'),
  });
}

/** Asks before replacing her data with `plan` (already checked by the core). */
async function confirmRestore(plan, { live }) {
  return confirmDialog({
    title: t('backups.restore.confirm_title'),
    message: [
      plan.taken_at ? t('backups.restore.confirm_when', { when: formatDateTime(plan.taken_at) }) : t('backups.restore.confirm_file', { name: plan.file_name }),
      planSummary(plan),
      live ? t('backups.restore.confirm_kept') : t('backups.restore.confirm_damaged_kept'),
    ].join(' '),
    confirmLabel: t('backups.restore.confirm'),
    danger: true,
  });
}

async function restoreAndReload(plan, { live }) {
  if (!(await confirmRestore(plan, { live }))) return false;
  await api.restorePending();
  toast(t('backups.restore.done'));
  // Every screen reads the restored data from a fresh start.
  setTimeout(() => location.reload(), 600);
  return true;
}

/** Returns { el, destroy }: destroy stops listening to the backup events. */
export async function backupsCard() {
  const card = h('section', { class: 'card settings-card', id: 'backups-card', 'aria-labelledby': 'backups-title' });
  let running = false;
  const progress = h('progress', { id: 'backup-progress', max: 1, value: 0, hidden: true, 'aria-label': t('backups.progress') });
  const status = h('p', { class: 'field-help', id: 'backup-status', role: 'status', 'aria-live': 'polite' });

  async function refresh() {
    let o;
    try {
      o = await api.backupsOverview();
    } catch (err) {
      replace(card, h('h2', { class: 'card-title', id: 'backups-title' }, t('backups.title')), h('p', { class: 'form-error' }, errorText(err)));
      return;
    }
    running = o.running;
    const last = o.backups[0];
    const nowBtn = h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'backup-now' }, disabled: running, onclick: backupNow }, t('backups.now'));
    const rows = o.backups.map((b) => h('tr', { role: 'row', dataset: { file: b.file_name } },
      h('td', { role: 'cell' }, formatDateTime(b.taken_at)),
      h('td', { role: 'cell' }, reasonLabel(b.reason)),
      h('td', { role: 'cell', class: 'num' }, formatBytes(b.size)),
      h('td', { role: 'cell', class: 'row-actions' }, h('button', {
        type: 'button', class: 'btn btn-small', dataset: { action: 'restore' },
        'aria-label': t('backups.restore.aria', { when: formatDateTime(b.taken_at) }),
        onclick: (e) => restoreListed(e.currentTarget, b.file_name),
      }, t('backups.restore.action'))),
    ));
    replace(card,
      h('div', { class: 'card-header-row' },
        h('h2', { class: 'card-title', id: 'backups-title' }, t('backups.title')),
        nowBtn),
      o.database_synced ? h('p', { class: 'warning-note', id: 'synced-warning', role: 'note' }, t('backups.synced_warning', { service: o.database_synced })) : null,
      h('dl', { class: 'detail-list', id: 'backup-last' },
        h('dt', null, t('backups.last')),
        h('dd', null, last
          ? t('backups.last_value', { when: formatDateTime(last.taken_at), size: formatBytes(last.size) })
          : t('backups.none_yet'))),
      h('dl', { class: 'detail-list' },
        h('dt', null, t('backups.folder')),
        h('dd', null, h('code', { class: 'path', id: 'backup-folder' }, o.folder),
          o.folder_synced ? h('span', { class: 'field-help' }, ' ', t('backups.folder_synced', { service: o.folder_synced })) : null)),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'btn', dataset: { action: 'choose-folder' }, onclick: (e) => chooseFolder(e.currentTarget) }, t('backups.choose_folder')),
        h('button', { type: 'button', class: 'btn', dataset: { action: 'open-folder' }, onclick: () => api.openBackupFolder().catch(toastError) }, t('backups.open_folder')),
        h('button', { type: 'button', class: 'btn', dataset: { action: 'restore-file' }, onclick: (e) => restoreFile(e.currentTarget) }, t('backups.restore.from_file'))),
      progress,
      status,
      o.backups.length
        ? h('div', { class: 'table-wrap' }, h('table', { role: 'table', class: 'data-table', id: 'backups-table' },
          h('caption', { class: 'visually-hidden' }, t('backups.list')),
          h('thead', { role: 'rowgroup' }, h('tr', { role: 'row' },
            h('th', { role: 'columnheader', scope: 'col' }, t('backups.col.when')),
            h('th', { role: 'columnheader', scope: 'col' }, t('backups.col.reason')),
            h('th', { role: 'columnheader', scope: 'col', class: 'num' }, t('backups.col.size')),
            h('th', { role: 'columnheader', scope: 'col' }, h('span', { class: 'visually-hidden' }, t('docs.payments.actions'))))),
          h('tbody', { role: 'rowgroup' }, rows)))
        : emptyState({ className: 'empty-compact', text: t('backups.empty') }),
      h('p', { class: 'field-help' }, t('backups.help')),
    );
  }

  async function backupNow(e) {
    const btn = e.currentTarget;
    btn.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    status.textContent = t('backups.running');
    try {
      const file = await api.backupNow();
      toast(t('backups.done', { size: formatBytes(file.size) }));
    } catch (err) {
      toastError(err);
      status.textContent = errorText(err);
      btn.disabled = false;
      progress.hidden = true;
      return;
    }
    await refresh();
  }

  async function chooseFolder(btn) {
    btn.disabled = true;
    try {
      const o = await api.chooseBackupFolder();
      if (o) { toast(t('backups.folder_saved')); await refresh(); }
    } catch (err) {
      toastError(err);
    } finally {
      btn.disabled = false;
    }
  }

  async function restoreListed(btn, fileName) {
    btn.disabled = true;
    try {
      const plan = await api.checkBackup(fileName);
      await restoreAndReload(plan, { live: true });
    } catch (err) {
      toastError(err);
    } finally {
      btn.disabled = false;
    }
  }

  async function restoreFile(btn) {
    btn.disabled = true;
    try {
      const plan = await api.pickRestoreFile();
      if (plan) await restoreAndReload(plan, { live: true });
    } catch (err) {
      toastError(err);
    } finally {
      btn.disabled = false;
    }
  }

  // Progress of any backup (the daily one too), while this card is shown.
  const offs = await Promise.all([
    on(EVENTS.BACKUP_PROGRESS, (p) => {
      if (!card.isConnected) return;
      progress.hidden = false;
      progress.max = Math.max(1, p.total);
      progress.value = p.done;
      status.textContent = t('backups.running');
    }),
    on(EVENTS.BACKUP_FINISHED, (f) => {
      if (!card.isConnected) return;
      progress.hidden = true;
      status.textContent = f.error ? t(`errors.${f.error}`) : '';
      refresh();
    }),
  ]).catch(() => []);
  await refresh();
  return { el: card, destroy: () => offs.forEach((off) => off && off()) };
}

export function integrityCard() {
  const result = h('div', { id: 'integrity-result', role: 'status', 'aria-live': 'polite' });
  const btn = h('button', { type: 'button', class: 'btn', dataset: { action: 'verify-integrity' } }, t('integrity.verify'));
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    replace(result, h('p', { class: 'field-help' }, t('integrity.running')));
    try {
      const r = await api.verifyIntegrity();
      if (!r.broken.length) {
        replace(result, h('p', { class: 'integrity-ok' }, t('integrity.intact', { documents: formatInteger(r.documents), payments: formatInteger(r.payments) })));
      } else {
        replace(result,
          h('p', { class: 'form-error' }, t('integrity.broken', { count: formatInteger(r.broken.length) })),
          h('ul', { class: 'integrity-list' }, r.broken.map((b) => h('li', { dataset: { id: b.id, entity: b.entity } },
            b.entity === 'document'
              ? h('a', { href: `#/documents/${b.id}` }, b.number || t('integrity.unnumbered'))
              : t('integrity.payment', { number: b.number || '', date: b.date || '' }),
            ' — ', t(`integrity.fault.${b.fault}`)))),
          h('p', { class: 'field-help' }, t('integrity.broken_help')));
      }
    } catch (err) {
      replace(result, h('p', { class: 'form-error' }, errorText(err)));
    } finally {
      btn.disabled = false;
    }
  });
  return h('section', { class: 'card settings-card', id: 'integrity-card' },
    h('div', { class: 'card-header-row' },
      h('h2', { class: 'card-title' }, t('integrity.title')),
      btn),
    h('p', { class: 'field-help' }, t('integrity.help')),
    result);
}

/** On the start-up screen of a damaged file: the newest good backup, ready to
 *  restore, the backups folder, or a file she picks. */
export async function rescuePanel() {
  const panel = h('section', { class: 'rescue', id: 'rescue', 'aria-labelledby': 'rescue-title' });
  let r;
  try {
    r = await api.rescue();
  } catch (err) {
    replace(panel, h('p', { class: 'form-error' }, errorText(err)));
    return panel;
  }
  const pick = h('button', { type: 'button', class: 'btn', dataset: { action: 'restore-file' } }, t('backups.restore.from_file'));
  pick.addEventListener('click', async () => {
    try {
      const plan = await api.pickRestoreFile();
      if (plan) await restoreAndReload(plan, { live: false });
    } catch (err) { toastError(err); }
  });
  const open = h('button', { type: 'button', class: 'btn', dataset: { action: 'open-folder' }, onclick: () => api.openBackupFolder().catch(toastError) }, t('backups.open_folder'));
  let offer;
  if (r.newest) {
    const restore = h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'restore-newest' } }, t('rescue.restore'));
    restore.addEventListener('click', async () => {
      restore.disabled = true;
      try {
        await restoreAndReload(r.newest, { live: false });
      } catch (err) {
        toastError(err);
      } finally {
        restore.disabled = false;
      }
    });
    offer = [
      h('p', { id: 'rescue-newest' }, t('rescue.newest', { when: formatDateTime(r.newest.taken_at) }), ' ', planSummary(r.newest)),
      h('div', { class: 'empty-actions' }, restore, open, pick),
    ];
  } else {
    offer = [
      h('p', { id: 'rescue-newest' }, r.backups ? t('rescue.none_good', { count: formatInteger(r.backups) }) : t('rescue.none')),
      h('div', { class: 'empty-actions' }, open, pick),
    ];
  }
  replace(panel,
    h('h2', { id: 'rescue-title' }, t('rescue.title')),
    h('p', { class: 'field-help' }, t('rescue.kept')),
    ...offer,
    h('p', { class: 'field-help' }, t('backups.folder'), ' ', h('code', { class: 'path' }, r.folder)));
  return panel;
}
