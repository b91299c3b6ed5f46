// Tiny DOM builder. Text is ONLY ever inserted as text nodes / properties:
// there is no innerHTML anywhere in the UI, so a client named
// `<img src=x onerror=alert(1)>` renders literally.

const BOOL_PROPS = new Set(['hidden', 'disabled', 'checked', 'selected', 'readOnly', 'multiple', 'open']);
const PROP_ALIASES = { readonly: 'readOnly' };

/**
 * h('button', { class: 'btn', dataset: { action: 'save' }, onclick: fn }, 'Enregistrer')
 * - `class` / `className`: string or array (falsy entries dropped)
 * - `dataset`: object -> data-* attributes
 * - `on<event>`: function -> addEventListener
 * - `value`, `hidden`, `disabled`, `checked`, `selected`, `readonly`: set as properties
 * - `text`: shorthand for a single text child
 * - anything else: setAttribute(name, String(value)); null/false/undefined skipped
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [rawKey, value] of Object.entries(attrs)) {
      if (value === undefined || value === null) continue;
      const key = PROP_ALIASES[rawKey] || rawKey;
      if (key === 'class' || key === 'className') {
        const cls = Array.isArray(value) ? value.filter(Boolean).join(' ') : String(value);
        if (cls) el.className = cls;
      } else if (key === 'dataset') {
        for (const [k, v] of Object.entries(value)) {
          if (v !== undefined && v !== null) el.dataset[k] = String(v);
        }
      } else if (key.startsWith('on') && key.length > 2) {
        if (typeof value !== 'function') throw new TypeError(`h(): ${key} must be a function`);
        el.addEventListener(key.slice(2).toLowerCase(), value);
      } else if (key === 'value') {
        el.value = String(value);
      } else if (key === 'text') {
        el.textContent = String(value);
      } else if (BOOL_PROPS.has(key)) {
        el[key] = Boolean(value);
      } else if (value === false) {
        continue;
      } else if (value === true) {
        el.setAttribute(key, '');
      } else {
        el.setAttribute(key, String(value));
      }
    }
  }
  append(el, children);
  return el;
}

/** Append children (strings/numbers become text nodes; arrays are flattened; null/false skipped). */
export function append(parent, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false || child === true) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
  return parent;
}

/** Replace all children of `el` (text-safe). */
export function replace(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Unique ids for label/for and aria-describedby wiring. */
let seq = 0;
export function uid(prefix = 'id') {
  seq += 1;
  return `${prefix}-${seq}`;
}

/** Debounce helper (used by searches and live validation). */
export function debounce(fn, ms) {
  let timer = null;
  const d = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => { timer = null; fn(...args); }, ms);
  };
  d.cancel = () => { clearTimeout(timer); timer = null; };
  d.flush = (...args) => { clearTimeout(timer); timer = null; fn(...args); };
  return d;
}

/** True when keyboard focus is in a place where typing text goes. */
export function isTypingTarget(el) {
  if (!el || !(el instanceof Element)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el.getAttribute('type') || 'text').toLowerCase();
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}
