// #/urssaf?year=YYYY — « Déclaration URSSAF »: for each month or quarter (as set
// in Réglages), the revenue collected to declare (payments received in the
// period, excluding VAT; « 0 » when nothing), the estimated contributions, the
// deadline, and « Marquer comme déclaré ».

import { h } from '../dom.js';
import { t } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog } from '../dialog.js';
import { formatMoney, formatDate, formatPercent } from '../format.js';
import { pageHeader, emptyState, badge } from './shared.js';
import { invoicesTabs } from './docs-shared.js';
import { periodLabel } from './dashboard.js';

export async function render(ctx) {
  const { query } = ctx;
  const now = new Date().getFullYear();
  const asked = Number(query.get('year'));
  const year = asked >= 2000 && asked <= now ? asked : now;
  const [periods, k] = await Promise.all([api.urssafPeriods(year), api.getFiguresConfig()]);
  const fmt = (c) => formatMoney(c, 'EUR');

  const act = (fn, done) => async (e) => {
    const b = e.currentTarget;
    b.disabled = true;
    try { await fn(); toast(done); await ctx.rerender({ fresh: true }); } catch (err) { toastError(err); b.disabled = false; }
  };
  const action = (p) => {
    if (p.state === 'declared') {
      return h('button', {
        type: 'button', class: 'btn btn-small btn-danger-quiet', dataset: { action: 'undeclare' },
        onclick: async (e) => {
          const ok = await confirmDialog({
            title: t('urssaf.undeclare.title', { period: periodLabel(p.code) }),
            message: t('urssaf.undeclare.message'), confirmLabel: t('urssaf.undeclare.confirm'), danger: true,
          });
          if (ok) await act(() => api.undeclareUrssaf(p.code), t('urssaf.undeclared'))(e);
        },
      }, t('urssaf.undeclare.button'));
    }
    if (p.state === 'in_progress') return h('span', { class: 'muted' }, t('urssaf.in_progress_hint'));
    return h('button', {
      type: 'button', class: 'btn btn-small btn-primary', dataset: { action: 'declare' },
      onclick: act(() => api.declareUrssaf(p.code), t('urssaf.declared_toast', { period: periodLabel(p.code) })),
    }, t('urssaf.declare'));
  };
  const stateBadge = (p) => badge(t(`urssaf.state.${p.state}`), { declared: 'doc-paid', late: 'doc-overdue', to_declare: 'doc-partially_paid', in_progress: 'doc-sent' }[p.state]);

  const rates = [
    `${t(`urssaf.activity.${k.urssaf_activity}`)} ${formatPercent(k.contribution_bps)}`,
    `${t('urssaf.cfp')} ${formatPercent(k.cfp_bps)}`,
    k.liberatory ? `${t('urssaf.liberatory')} ${formatPercent(k.liberatory_bps)}` : null,
  ].filter(Boolean).join(' · ');
  const body = periods.length
    ? h('div', { class: 'table-wrap' }, h('table', { class: 'data-table urssaf-table', id: 'urssaf-table' },
      h('thead', null, h('tr', null,
        h('th', { scope: 'col' }, t('urssaf.col.period')),
        h('th', { scope: 'col' }, t('urssaf.col.deadline')),
        h('th', { scope: 'col', class: 'num' }, t('urssaf.col.revenue')),
        h('th', { scope: 'col', class: 'num' }, t('urssaf.col.contributions')),
        h('th', { scope: 'col' }, t('urssaf.col.state')),
        h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, t('urssaf.col.actions'))))),
      h('tbody', null, periods.map((p) => h('tr', { dataset: { period: p.code, state: p.state } },
        h('th', { scope: 'row' }, h('a', { href: `#/receipts?year=${p.from.slice(0, 4)}&month=${p.from.slice(0, 7)}` }, periodLabel(p.code)),
          h('div', { class: 'muted' }, t('urssaf.span', { from: formatDate(p.from), to: formatDate(p.to) }))),
        h('td', null, formatDate(p.deadline)),
        h('td', { class: 'num', dataset: { figure: 'revenue' } }, fmt(p.revenue),
          p.declared_revenue != null && p.declared_revenue !== p.revenue
            ? h('div', { class: 'muted' }, t('urssaf.declared_amount', { amount: fmt(p.declared_revenue) })) : null),
        h('td', { class: 'num' }, fmt(p.contributions.total)),
        h('td', null, stateBadge(p), p.declared_on ? h('div', { class: 'muted' }, t('urssaf.declared_on', { date: formatDate(p.declared_on) })) : null),
        h('td', { class: 'row-actions' }, action(p)))))))
    : emptyState({ text: t('urssaf.empty'), className: 'empty-compact' });

  const el = h('section', { class: 'view view-urssaf' },
    pageHeader({ title: t('urssaf.title', { year }), subtitle: t(`urssaf.rhythm.${k.urssaf_rhythm}`) }),
    invoicesTabs('#/urssaf'),
    h('p', { class: 'field-help' }, t('urssaf.help'), ' ', rates, ' · ', h('a', { href: '#/settings#figures-card' }, t('urssaf.change'))),
    h('div', { class: 'period-nav' },
      h('a', { class: 'btn btn-small', href: `#/urssaf?year=${year - 1}`, 'aria-label': String(year - 1) }, '‹'),
      h('strong', { class: 'period-label' }, String(year)),
      year < now ? h('a', { class: 'btn btn-small', href: `#/urssaf?year=${year + 1}`, 'aria-label': String(year + 1) }, '›') : null),
    body);
  return { el, title: t('urssaf.title', { year }), section: 'invoices' };
}
