// User-visible strings live in ui/i18n/<lang>.json (flat "a.b.c" keys).
// t(key, params) fills {name} placeholders; missing keys fall back to French,
// then to the key itself (and warn once) so a gap is visible but harmless.

export const LANGUAGES = ['fr', 'en'];
export const DEFAULT_LANG = 'fr';

const cache = new Map();
let lang = DEFAULT_LANG;
let dict = {};
let fallback = {};
const warned = new Set();

async function fetchDict(code) {
  if (cache.has(code)) return cache.get(code);
  const res = await fetch(new URL(`../i18n/${code}.json`, import.meta.url));
  if (!res.ok) throw new Error(`i18n: cannot load ${code}.json (${res.status})`);
  const data = await res.json();
  cache.set(code, data);
  return data;
}

/** Load (or switch to) a language; unknown codes fall back to French. */
export async function loadLanguage(code) {
  const next = LANGUAGES.includes(code) ? code : DEFAULT_LANG;
  fallback = await fetchDict(DEFAULT_LANG);
  dict = next === DEFAULT_LANG ? fallback : await fetchDict(next);
  lang = next;
  document.documentElement.lang = next;
  return next;
}

export function getLang() {
  return lang;
}

/** BCP 47 locale used for Intl formatting. */
export function locale() {
  return lang === 'en' ? 'en-GB' : 'fr-FR';
}

export function has(key) {
  return Object.prototype.hasOwnProperty.call(dict, key) || Object.prototype.hasOwnProperty.call(fallback, key);
}

export function t(key, params) {
  let s;
  if (Object.prototype.hasOwnProperty.call(dict, key)) s = dict[key];
  else if (Object.prototype.hasOwnProperty.call(fallback, key)) s = fallback[key];
  else {
    if (!warned.has(key)) { warned.add(key); console.warn(`i18n: missing key "${key}"`); }
    return key;
  }
  if (params) {
    s = s.replace(/\{(\w+)\}/g, (m, name) =>
      Object.prototype.hasOwnProperty.call(params, name) && params[name] != null ? String(params[name]) : m);
  }
  return s;
}

/** Plural-aware lookup: `${key}.one` / `${key}.other` chosen by Intl.PluralRules. */
export function tn(key, count, params = {}) {
  const cat = new Intl.PluralRules(locale()).select(count);
  const k = has(`${key}.${cat}`) ? `${key}.${cat}` : `${key}.other`;
  return t(k, { count: new Intl.NumberFormat(locale()).format(count), ...params });
}

/** Translated label of a catalog code, e.g. label('role', 'va'). */
export function label(group, code) {
  const key = `catalog.${group}.${code}`;
  return has(key) ? t(key) : String(code);
}

/** Message for an error code; the English `message` only when the code is unknown. */
export function errorText(err) {
  if (!err) return t('errors.internal');
  const key = `errors.${err.code}`;
  if (has(key)) return t(key);
  return err.message ? String(err.message) : t('errors.internal');
}

/** Fill data-i18n (text), data-i18n-placeholder, data-i18n-aria-label, data-i18n-title. */
export function applyStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.dataset.i18nPlaceholder));
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.setAttribute('title', t(el.dataset.i18nTitle));
}
