// Option lists for selects, labelled from the catalog codes.

import { t, label } from '../i18n.js';
import { countryName, compareText } from '../format.js';

export function codeOptions(group, codes) {
  return (codes || []).map((code) => ({ value: code, label: label(group, code) }));
}

/** Countries sorted by their localized name; keeps `current` even if unknown to the catalog. */
export function countryOptions(catalog, current) {
  const codes = (catalog.countries || []).map((c) => (typeof c === 'string' ? c : c.code));
  if (current && !codes.includes(current)) codes.push(current);
  return codes
    .map((code) => ({ value: code, label: countryName(code) }))
    .sort((a, b) => compareText(a.label, b.label));
}

export function currencyOptions(catalog) {
  return codeOptions('currency', catalog.currencies);
}

export function languageOptions(catalog) {
  return codeOptions('language', catalog.languages);
}

export function choosePlaceholder() {
  return t('common.choose');
}
