// Small in-app confirmation dialogs built on <dialog> (never window.confirm).
// Buttons: [data-action="confirm"] and [data-action="cancel"]; Escape cancels.

import { h } from './dom.js';
import { t } from './i18n.js';

let openCount = 0;

/** True while one of our dialogs is open (global shortcuts stand aside). */
export function dialogOpen() {
  return openCount > 0;
}

/**
 * confirmDialog({ title, message, confirmLabel, cancelLabel, danger }) -> Promise<boolean>
 * All texts are inserted as text nodes.
 */
export function confirmDialog({ title, message, details = null, confirmLabel, cancelLabel, danger = false }) {
  return new Promise((resolve) => {
    const previous = document.activeElement;
    const titleId = `dlg-title-${Date.now()}`;
    const msgId = `${titleId}-msg`;
    let result = false;

    const confirmBtn = h('button', {
      type: 'button',
      class: ['btn', danger ? 'btn-danger' : 'btn-primary'],
      dataset: { action: 'confirm' },
      onclick: () => { result = true; dlg.close(); },
    }, confirmLabel || t('common.confirm'));
    const cancelBtn = h('button', {
      type: 'button',
      class: 'btn',
      dataset: { action: 'cancel' },
      onclick: () => { result = false; dlg.close(); },
    }, cancelLabel || t('common.cancel'));

    const dlg = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'aria-describedby': msgId },
      h('h2', { id: titleId, class: 'dialog-title' }, title),
      h('p', { id: msgId, class: 'dialog-message' }, message),
      // Nodes under the message (a list of what an action does), built with h().
      details ? h('div', { class: 'dialog-details' }, details) : null,
      h('div', { class: 'dialog-actions' }, cancelBtn, confirmBtn),
    );

    // Escape fires "cancel" then "close": keep result false.
    dlg.addEventListener('cancel', () => { result = false; });
    dlg.addEventListener('keydown', (e) => {
      // Keep keys inside the dialog from reaching the page's shortcuts.
      e.stopPropagation();
      if (e.key === 'Escape') { e.preventDefault(); result = false; dlg.close(); }
    });
    dlg.addEventListener('close', () => {
      openCount = Math.max(0, openCount - 1);
      dlg.remove();
      if (previous && typeof previous.focus === 'function' && previous.isConnected) previous.focus();
      resolve(result);
    });

    document.body.appendChild(dlg);
    openCount += 1;
    dlg.showModal();
    (danger ? cancelBtn : confirmBtn).focus();
  });
}

/**
 * Shows a custom <dialog> (built by a view, e.g. a small form) as a modal that
 * dialogOpen() counts. Keys stay inside it; on close it is removed and the
 * focus goes back where it was. Returns the dialog.
 */
export function showModal(dlg, { focus } = {}) {
  const previous = document.activeElement;
  dlg.addEventListener('keydown', (e) => e.stopPropagation());
  dlg.addEventListener('close', () => {
    openCount = Math.max(0, openCount - 1);
    dlg.remove();
    if (previous && typeof previous.focus === 'function' && previous.isConnected) previous.focus();
  });
  document.body.appendChild(dlg);
  openCount += 1;
  dlg.showModal();
  if (focus && typeof focus.focus === 'function') focus.focus();
  return dlg;
}
