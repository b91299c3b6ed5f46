// A grouped bar chart in plain SVG: twelve months × two series (invoiced,
// collected) is a few dozen rectangles, which a chart library would draw no
// better — and SVG keeps every bar a focusable link with its value in words,
// follows the theme through CSS variables, and needs no inline style (CSP).
// A table with the same figures sits beside it for screen readers and for
// anyone who prefers numbers (the « Tableau » toggle).

import { h } from './dom.js';

const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v != null && v !== false) el.setAttribute(k, String(v));
  }
  for (const c of children) if (c != null) el.append(c);
  return el;
}

/** A "nice" top for the axis: 1, 2 or 5 × 10^n, at least `max`. */
function niceTop(max) {
  if (max <= 0) return 100;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/**
 * barChart({ id, labels, series: [{ key, name, values, href(i) }], format, caption })
 * `values` are integers (cents); `format(v)` writes one for a reader.
 */
export function barChart({ id, labels, series, format, shortFormat = format, caption }) {
  const W = 720; const H = 240; const left = 64; const bottom = 28; const top = 12;
  const plotW = W - left - 8; const plotH = H - bottom - top;
  const max = niceTop(Math.max(0, ...series.flatMap((x) => x.values)));
  const y = (v) => top + plotH - (Math.max(0, v) / max) * plotH;
  const group = plotW / labels.length;
  const barW = Math.min(18, (group - 10) / series.length);

  const tip = h('div', { class: 'chart-tip', role: 'status', 'aria-live': 'polite', hidden: true });
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'group', 'aria-label': caption });
  for (let i = 0; i <= 4; i += 1) {
    const v = (max * i) / 4;
    svg.append(
      s('line', { x1: left, x2: W - 8, y1: y(v), y2: y(v), class: 'chart-grid' }),
      s('text', { x: left - 6, y: y(v) + 4, class: 'chart-axis', 'text-anchor': 'end' }, shortFormat(v)),
    );
  }
  labels.forEach((label, i) => {
    const x0 = left + i * group + (group - barW * series.length) / 2;
    svg.append(s('text', { x: left + i * group + group / 2, y: H - 8, class: 'chart-axis', 'text-anchor': 'middle' }, label.short));
    series.forEach((ser, j) => {
      const v = ser.values[i];
      const words = `${ser.name}, ${label.long} : ${format(v)}`;
      const show = () => { tip.textContent = words; tip.hidden = false; };
      const bar = s('rect', {
        x: x0 + j * barW, y: y(v), width: barW - 2, height: Math.max(v > 0 ? 1 : 0, top + plotH - y(v)),
        class: `chart-bar chart-${ser.key}`, rx: 2,
      }, s('title', {}, words));
      const link = s('a', { href: ser.href(i), 'aria-label': words, class: 'chart-link', 'data-series': ser.key, 'data-month': label.key, 'data-value': v }, bar);
      link.addEventListener('mouseenter', show);
      link.addEventListener('focus', show);
      link.addEventListener('mouseleave', () => { tip.hidden = true; });
      link.addEventListener('blur', () => { tip.hidden = true; });
      svg.append(link);
    });
  });

  const legend = h('ul', { class: 'chart-legend' },
    series.map((ser) => h('li', null, h('span', { class: `chart-swatch chart-${ser.key}`, 'aria-hidden': 'true' }), ser.name)));
  const table = h('table', { class: 'data-table chart-table', id: `${id}-table` },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, ''), series.map((ser) => h('th', { scope: 'col', class: 'num' }, ser.name)))),
    h('tbody', null, labels.map((label, i) => h('tr', { dataset: { month: label.key } },
      h('th', { scope: 'row' }, label.long),
      series.map((ser) => h('td', { class: 'num', dataset: { series: ser.key } },
        h('a', { href: ser.href(i) }, format(ser.values[i]))))))));
  return { svg, legend, tip, table };
}
