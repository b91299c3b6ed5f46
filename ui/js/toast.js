// Transient notices in #toast (role="status", aria-live="polite").
// Messages are always inserted as text.

import { h, replace } from './dom.js';
import { errorText } from './i18n.js';

let timer = null;

export function toast(message, kind = 'success', ms) {
  const el = document.getElementById('toast');
  if (!el) return;
  clearTimeout(timer);
  el.className = `toast toast-${kind} is-visible`;
  replace(el, h('span', { class: 'toast-text' }, message));
  timer = setTimeout(hideToast, ms || (kind === 'error' ? 8000 : 4000));
}

export function hideToast() {
  const el = document.getElementById('toast');
  if (!el) return;
  clearTimeout(timer);
  el.classList.remove('is-visible');
  // Let the fade-out play, then empty the live region.
  timer = setTimeout(() => { if (!el.classList.contains('is-visible')) el.replaceChildren(); }, 250);
}

/** Show a core error (normalized by api.js) in the user's language. */
export function toastError(err) {
  toast(errorText(err), 'error');
}
