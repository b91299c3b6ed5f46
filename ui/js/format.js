// Display formatting by locale. Values arrive from the core as integers
// (cents, minutes, basis points); nothing here computes business figures:
// it only turns exact integers into text, with integer/string operations.

import { getLang, locale, t } from './i18n.js';

const nfCache = new Map();
function nf(key, options) {
  const k = `${locale()}|${key}`;
  if (!nfCache.has(k)) nfCache.set(k, new Intl.NumberFormat(locale(), options));
  return nfCache.get(k);
}

function isInt(n) {
  return typeof n === 'number' && Number.isInteger(n);
}

/** Decimal separator of the UI language ("," in French, "." in English). */
export function decimalSeparator() {
  return getLang() === 'fr' ? ',' : '.';
}

/** Exact "1234.56" string from integer cents (no float arithmetic). */
function centsToPlain(cents) {
  const neg = cents < 0;
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${neg ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** 123456 cents, "EUR" -> "1 234,56 €" (fr) / "€1,234.56" (en). */
export function formatMoney(cents, currency = 'EUR') {
  if (!isInt(cents)) return '';
  let fmt;
  try {
    fmt = nf(`cur:${currency}`, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  } catch {
    fmt = nf('dec2', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  // Intl.NumberFormat accepts exact decimal strings (ES2023); older engines
  // convert the string to a Number, which is still exact to the cent here.
  return fmt.format(centsToPlain(cents));
}

/** Prefill an input from cents: 4550 -> "45,50" (fr) / "45.50" (en); null -> "". */
export function centsToInput(cents) {
  if (!isInt(cents)) return '';
  return centsToPlain(cents).replace('.', decimalSeparator());
}

/** Prefill an input from minutes: 630 -> "10:30", 600 -> "10"; null -> "". */
export function minutesToInput(minutes) {
  if (!isInt(minutes)) return '';
  const neg = minutes < 0;
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const mins = abs % 60;
  const s = mins === 0 ? String(hours) : `${hours}:${String(mins).padStart(2, '0')}`;
  return neg ? `-${s}` : s;
}

/** Display minutes: 630 -> "10 h 30", 600 -> "10 h". */
export function formatMinutes(minutes) {
  if (!isInt(minutes)) return '';
  const abs = Math.abs(minutes);
  const hours = Math.floor(abs / 60);
  const mins = abs % 60;
  const hStr = nf('int', { maximumFractionDigits: 0 }).format(hours);
  const s = mins === 0
    ? t('format.hours', { h: hStr })
    : t('format.hours_minutes', { h: hStr, m: String(mins).padStart(2, '0') });
  return minutes < 0 ? `-${s}` : s;
}

/** Basis points to an input string: 1250 -> "12,5", 1000 -> "10", 1255 -> "12,55". */
export function bpsToInput(bps) {
  if (!isInt(bps)) return '';
  const neg = bps < 0;
  const abs = Math.abs(bps);
  const whole = Math.floor(abs / 100);
  const frac = String(abs % 100).padStart(2, '0').replace(/0+$/, '');
  const s = frac ? `${whole}${decimalSeparator()}${frac}` : String(whole);
  return neg ? `-${s}` : s;
}

/** Display basis points as a percentage: 1250 -> "12,5 %" (fr) / "12.5%" (en). */
export function formatPercent(bps) {
  if (!isInt(bps)) return '';
  return t('format.percent', { value: bpsToInput(bps) });
}

/** Integer display with grouping: 10000 -> "10 000". */
export function formatInteger(n) {
  if (!isInt(n)) return '';
  return nf('int', { maximumFractionDigits: 0 }).format(n);
}

/** "2026-11-27" (or an ISO date-time) -> "27/11/2026" (fr, en-GB). */
export function formatDate(value) {
  if (typeof value !== 'string') return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  const k = `${locale()}|date`;
  if (!nfCache.has(k)) {
    nfCache.set(k, new Intl.DateTimeFormat(locale(), { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' }));
  }
  return nfCache.get(k).format(date);
}

/** Symbol of a currency in the UI locale: EUR -> "€", CHF -> "CHF". */
/** "732 829 320 00074": a SIRET (or SIREN) as it is printed, from its digits. */
export function formatSiret(digits) {
  const d = String(digits || '').replace(/\s+/g, '');
  if (!/^\d{9}(\d{5})?$/.test(d)) return String(digits || '');
  const siren = `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 9)}`;
  return d.length === 14 ? `${siren} ${d.slice(9)}` : siren;
}

export function currencySymbol(currency = 'EUR') {
  try {
    const parts = nf(`cur:${currency}`, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 })
      .formatToParts(0);
    const p = parts.find((x) => x.type === 'currency');
    return p ? p.value : currency;
  } catch {
    return currency;
  }
}

/** Localized country name from an ISO 3166-1 alpha-2 code. */
export function countryName(code) {
  if (!code) return '';
  const k = `${locale()}|region`;
  try {
    if (!nfCache.has(k)) nfCache.set(k, new Intl.DisplayNames([getLang()], { type: 'region' }));
    return nfCache.get(k).of(code) || code;
  } catch {
    return code;
  }
}

/** Locale-aware string comparison (for sorting option lists). */
export function compareText(a, b) {
  const k = `${locale()}|collator`;
  if (!nfCache.has(k)) nfCache.set(k, new Intl.Collator(locale(), { sensitivity: 'base', numeric: true }));
  return nfCache.get(k).compare(a, b);
}

/** "2026-12-04T20:15:00" (local) -> "04/12/2026 à 20:15" / "04/12/2026 at 20:15". */
export function formatDateTime(value) {
  if (typeof value !== 'string') return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!m) return formatDate(value);
  return t('format.date_time', { date: formatDate(m[1]), time: `${m[2]}:${m[3]}` });
}

/** A file size: 1 536 000 -> "1,5 Mo" (fr) / "1.5 MB" (en). */
export function formatBytes(n) {
  if (!isInt(n) || n < 0) return '';
  const units = getLang() === 'fr' ? ['o', 'Ko', 'Mo', 'Go'] : ['B', 'KB', 'MB', 'GB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) { v /= 1000; i += 1; }
  const digits = i === 0 || v >= 100 ? 0 : 1;
  return `${nf(`bytes${digits}`, { maximumFractionDigits: digits }).format(v)} ${units[i]}`;
}
