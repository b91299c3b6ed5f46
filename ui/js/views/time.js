// #/time — « Temps »: the week grid (days × collaborations; type a duration in
// a cell, Enter or leave to save, Escape to undo, arrows to move), the month
// list grouped by day (edit or delete what is not billed; billed entries show
// the invoice they are on), filters, totals in hours and in value, this month's
// gauges, CSV export of what is shown, the timer and « Fin de mois ».
// Every figure comes from the core; JS formats and sends what was typed.

import { h, replace } from '../dom.js';
import { t, label, errorText, locale } from '../i18n.js';
import * as api from '../api.js';
import { toast, toastError } from '../toast.js';
import { confirmDialog, showModal } from '../dialog.js';
import { field, bindForm, select } from '../form.js';
import { formatMinutes, minutesToInput, formatMoney, compareText } from '../format.js';
import { allPages, isoDate, today as todayIso } from '../lookups.js';
import { pageHeader, emptyState, badge } from './shared.js';
import { gaugeView } from './collaboration-billing.js';
import { openTimerPicker, timeChanged } from '../timer.js';

// What she was looking at survives leaving the screen and coming back.
const state = {
  mode: 'week',          // 'week' | 'month'
  day: null,             // YYYY-MM-DD inside the week or month shown
  client_id: '',
  collaboration_id: '',
  billable: '',          // '' | 'true' | 'false'
  billed: '',            // '' | 'billed' | 'unbilled' (month list only)
};

const parseDay = (s) => { const [y, m, d] = s.split('-').map(Number); return new Date(y, m - 1, d); };
const addDays = (s, n) => { const d = parseDay(s); d.setDate(d.getDate() + n); return isoDate(d); };
const monthOf = (s) => s.slice(0, 7);
const monthBounds = (s) => {
  const d = parseDay(s);
  return [isoDate(new Date(d.getFullYear(), d.getMonth(), 1)), isoDate(new Date(d.getFullYear(), d.getMonth() + 1, 0))];
};
const mondayOf = (s) => { const d = parseDay(s); return addDays(s, -((d.getDay() + 6) % 7)); };

function fmt(opts) {
  return new Intl.DateTimeFormat(locale(), opts);
}
const dayHead = (s) => fmt({ weekday: 'short', day: 'numeric' }).format(parseDay(s));
const dayLong = (s) => fmt({ weekday: 'long', day: 'numeric', month: 'long' }).format(parseDay(s));
const monthTitle = (s) => fmt({ month: 'long', year: 'numeric' }).format(parseDay(s));
const shortDate = (s) => fmt({ day: 'numeric', month: 'short' }).format(parseDay(s));

function filters() {
  return {
    client_id: state.client_id ? Number(state.client_id) : null,
    collaboration_id: state.collaboration_id ? Number(state.collaboration_id) : null,
    billable: state.billable === '' ? null : state.billable === 'true',
  };
}

/** The entries shown (the week or the month, with the filters), for the list and the CSV. */
function entryQuery() {
  const [from, to] = state.mode === 'week'
    ? [mondayOf(state.day), addDays(mondayOf(state.day), 6)]
    : monthBounds(state.day);
  return { from, to, ...filters(), billed: state.mode === 'month' && state.billed ? state.billed : null, sort: 'day', direction: 'asc' };
}

export async function render(ctx) {
  const { navigate, query } = ctx;
  const today = todayIso();
  if (query.get('day') && /^\d{4}-\d{2}-\d{2}$/.test(query.get('day'))) state.day = query.get('day');
  if (query.get('mode') === 'month' || query.get('mode') === 'week') state.mode = query.get('mode');
  if (!state.day) state.day = today;
  if (/^\d+$/.test(query.get('collaboration') || '')) {
    // From a collaboration's page: its time only.
    state.collaboration_id = query.get('collaboration');
    state.client_id = '';
  }

  const collabs = (await allPages(api.listCollaborations, { client_id: null, status: null })).items
    .sort((a, b) => compareText(a.client_name, b.client_name) || compareText(a.title, b.title));
  const clients = [...new Map(collabs.map((c) => [c.client_id, c.client_name])).entries()]
    .sort((a, b) => compareText(a[1], b[1]));
  const byId = new Map(collabs.map((c) => [c.id, c]));
  if (state.collaboration_id && !byId.has(Number(state.collaboration_id))) state.collaboration_id = '';

  // --- header and toolbar ----------------------------------------------------
  const subtitle = h('p', { class: 'page-subtitle', id: 'time-range' });
  const startBtn = h('button', {
    type: 'button', class: 'btn', dataset: { action: 'start-timer' }, 'aria-keyshortcuts': 'T', title: t('timer.shortcut'),
    onclick: () => openTimerPicker({ collaborationId: state.collaboration_id || null }),
  }, t('timer.start_button'));
  const addBtn = h('button', {
    type: 'button', class: 'btn btn-primary', dataset: { action: 'new-entry' }, 'aria-keyshortcuts': 'N',
    onclick: () => openEntry(null),
  }, t('time.add'));
  const monthEndBtn = h('button', {
    type: 'button', class: 'btn', dataset: { action: 'month-end' },
    onclick: () => navigate('#/month-end'),
  }, t('invoices.month_end'));
  const csvBtn = h('button', { type: 'button', class: 'btn', dataset: { action: 'export-csv' }, onclick: exportCsv }, t('time.export_csv'));
  const header = pageHeader({ title: t('time.title'), actions: [csvBtn, monthEndBtn, startBtn, addBtn] });
  header.querySelector('.page-heading').appendChild(subtitle);

  const modeBtn = (mode) => h('button', {
    type: 'button', class: 'segment', dataset: { mode }, 'aria-pressed': String(state.mode === mode),
    onclick: () => { state.mode = mode; redraw(); },
  }, t(`time.mode.${mode}`));
  const modes = h('div', { class: 'segmented', role: 'group', 'aria-label': t('time.mode.label') }, modeBtn('week'), modeBtn('month'));
  const step = (n) => {
    state.day = state.mode === 'week' ? addDays(state.day, 7 * n) : (() => {
      const d = parseDay(state.day);
      return isoDate(new Date(d.getFullYear(), d.getMonth() + n, 1));
    })();
    redraw();
  };
  const nav = h('div', { class: 'period-nav' },
    h('button', { type: 'button', class: 'btn btn-icon', dataset: { action: 'previous' }, 'aria-label': t('time.previous'), title: t('time.previous'), onclick: () => step(-1) }, '‹'),
    h('button', { type: 'button', class: 'btn', dataset: { action: 'today' }, onclick: () => { state.day = todayIso(); redraw(); } }, t('time.today')),
    h('button', { type: 'button', class: 'btn btn-icon', dataset: { action: 'next' }, 'aria-label': t('time.next'), title: t('time.next'), onclick: () => step(1) }, '›'));

  const filterSelect = (key, id, text, options) => {
    const el = select({ id, name: key, className: 'filter-select', options, value: state[key] });
    el.addEventListener('change', () => { state[key] = el.value; if (key === 'client_id') fillCollabFilter(); redraw(); });
    return h('label', { class: 'filter' }, h('span', { class: 'visually-hidden' }, text), el);
  };
  const clientFilter = filterSelect('client_id', 'time-client-filter', t('time.filter.client'),
    [{ value: '', label: t('time.filter.all_clients') }, ...clients.map(([id, name]) => ({ value: id, label: name }))]);
  const collabFilter = filterSelect('collaboration_id', 'time-collaboration-filter', t('time.filter.collaboration'), []);
  const collabSelect = collabFilter.querySelector('select');
  function fillCollabFilter() {
    const keep = state.collaboration_id;
    const mine = collabs.filter((c) => !state.client_id || String(c.client_id) === String(state.client_id));
    replace(collabSelect, h('option', { value: '' }, t('time.filter.all_collaborations')),
      ...mine.map((c) => h('option', { value: String(c.id) }, state.client_id ? c.title : `${c.client_name} — ${c.title}`)));
    state.collaboration_id = mine.some((c) => String(c.id) === keep) ? keep : '';
    collabSelect.value = state.collaboration_id;
  }
  fillCollabFilter();
  const billableFilter = filterSelect('billable', 'time-billable-filter', t('time.filter.billable'), [
    { value: '', label: t('time.filter.any_billable') },
    { value: 'true', label: t('time.filter.billable_only') },
    { value: 'false', label: t('time.filter.not_billable') }]);
  const billedFilter = filterSelect('billed', 'time-billed-filter', t('time.filter.billed'), [
    { value: '', label: t('time.filter.any_billed') },
    { value: 'unbilled', label: t('time.filter.unbilled') },
    { value: 'billed', label: t('time.filter.billed_only') }]);
  const toolbar = h('div', { class: 'toolbar time-toolbar' }, nav, modes,
    h('div', { class: 'time-filters', role: 'group', 'aria-label': t('time.filter.label') }, clientFilter, collabFilter, billableFilter, billedFilter));

  const gauges = h('div', { class: 'gauge-strip', id: 'time-gauges' });
  const body = h('div', { class: 'time-body', id: 'time-body', 'aria-live': 'polite' });
  const totals = h('div', { class: 'time-totals', id: 'time-totals' });
  const el = h('section', { class: 'view view-time' }, header, toolbar, gauges, body, totals);

  // --- drawing ---------------------------------------------------------------
  let seq = 0;
  async function redraw({ focus } = {}) {
    const mine = ++seq;
    for (const b of modes.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.mode === state.mode));
    billedFilter.hidden = state.mode !== 'month';
    history.replaceState(null, '', `#/time?mode=${state.mode}&day=${state.day}${state.collaboration_id ? `&collaboration=${state.collaboration_id}` : ''}`);
    try {
      const q = entryQuery();
      const [main, list, month] = await Promise.all([
        state.mode === 'week' ? api.timeWeek({ day: state.day, ...filters() }) : null,
        allPages(api.listTimeEntries, q),
        api.monthEnd(monthOf(state.day)),
      ]);
      if (mine !== seq) return;
      subtitle.textContent = state.mode === 'week'
        ? t('time.week_of', { from: shortDate(q.from), to: shortDate(q.to) })
        : monthTitle(state.day);
      drawGauges(month);
      if (state.mode === 'week') replace(body, weekGrid(main));
      else replace(body, monthList(list.items));
      replace(totals, totalsView(list));
      if (list.total === 0 && state.mode === 'month') replace(body, emptyMonth());
      if (focus) el.querySelector(`[name="${CSS.escape(focus)}"]`)?.focus();
    } catch (err) {
      if (mine !== seq) return;
      replace(body, h('p', { class: 'field-error', role: 'alert' }, errorText(api.normalizeError(err))));
    }
  }

  function drawGauges(plans) {
    const shown = plans.filter((p) => p.gauge && (!state.collaboration_id || String(p.collaboration_id) === state.collaboration_id)
      && (!state.client_id || String(byId.get(p.collaboration_id)?.client_id) === String(state.client_id)));
    replace(gauges, ...shown.map((p) => h('a', { class: 'gauge-card', href: `#/collaborations/${p.collaboration_id}`, dataset: { collaboration: String(p.collaboration_id) } },
      h('span', { class: 'gauge-card-title' }, p.collaboration_title, h('span', { class: 'muted' }, ` · ${p.client_name}`)),
      gaugeView(p.gauge, p.currency))));
    gauges.hidden = !shown.length;
  }

  function emptyMonth() {
    return emptyState({
      title: t('time.empty.title'),
      text: collabs.length ? t('time.empty.text') : t('time.empty.needs_collaboration'),
      actions: collabs.length
        ? [h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'new-entry' }, onclick: () => openEntry(null) }, t('time.add'))]
        : [h('button', { type: 'button', class: 'btn btn-primary', onclick: () => navigate('#/collaborations/new') }, t('time.empty.new_collaboration'))],
    });
  }

  // --- the week grid ---------------------------------------------------------
  function weekGrid(week) {
    if (!week.rows.length) {
      return emptyState({
        title: t('time.week_empty.title'),
        text: collabs.length ? t('time.week_empty.text') : t('time.empty.needs_collaboration'),
        actions: collabs.length ? [] : [h('button', { type: 'button', class: 'btn btn-primary', onclick: () => navigate('#/collaborations/new') }, t('time.empty.new_collaboration'))],
      });
    }
    const now = todayIso();
    const head = h('tr', null,
      h('th', { scope: 'col', class: 'week-collab' }, t('time.col.collaboration')),
      ...week.days.map((d) => h('th', { scope: 'col', class: ['week-day', d === now && 'is-today'], dataset: { day: d } }, dayHead(d))),
      h('th', { scope: 'col', class: 'week-total' }, t('time.col.total')));
    const rows = week.rows.map((r, ri) => h('tr', { dataset: { collaboration: String(r.collaboration_id) } },
      h('th', { scope: 'row', class: 'week-collab' },
        h('a', { href: `#/collaborations/${r.collaboration_id}` }, r.collaboration_title),
        h('span', { class: 'muted week-client' }, r.client_name)),
      ...r.cells.map((c, di) => cellView(r, c, week.days[di], ri, di, now)),
      h('td', { class: 'week-total num' }, r.total ? formatMinutes(r.total) : '—')));
    const foot = h('tr', null,
      h('th', { scope: 'row' }, t('time.col.total')),
      ...week.day_totals.map((m) => h('td', { class: 'num' }, m ? formatMinutes(m) : '—')),
      h('td', { class: 'num week-grand-total' }, formatMinutes(week.total)));
    const table = h('table', { class: 'week-grid', id: 'week-grid' },
      h('caption', { class: 'visually-hidden' }, t('time.week_caption')),
      h('thead', null, head), h('tbody', null, rows), h('tfoot', null, foot));
    return h('div', { class: 'table-wrap' }, table,
      h('p', { class: 'field-help' }, t('time.grid_help')));
  }

  function cellView(row, c, day, ri, di, now) {
    const name = `cell.${row.collaboration_id}.${day}`;
    const outside = (row.start_date && day < row.start_date) || (row.end_date && day > row.end_date);
    const future = day > now;
    const td = h('td', { class: ['week-cell', day === now && 'is-today'], dataset: { day } });
    if (c.locked || c.entries > 1) {
      // Several entries, or billed ones: the day's list is where they change.
      td.append(h('button', {
        type: 'button', class: ['cell-button', c.locked && 'is-locked'], name, dataset: { row: ri, col: di },
        title: c.locked ? t('time.cell_locked') : t('time.cell_several', { count: c.entries }),
        onclick: () => { state.mode = 'month'; state.day = day; redraw().then(() => el.querySelector(`[data-day-group="${day}"]`)?.scrollIntoView({ block: 'start' })); },
        onkeydown: (e) => moveFrom(e, ri, di),
      }, c.locked ? h('span', { class: 'icon-lock', 'aria-hidden': 'true' }) : null, formatMinutes(c.minutes)));
      return td;
    }
    if (!row.open || outside || future) {
      td.classList.add('is-closed');
      td.append(h('span', { class: 'cell-static', title: future ? t('errors.date_in_future') : outside ? t('errors.outside_collaboration') : t('time.row_closed') },
        c.minutes ? formatMinutes(c.minutes) : ''));
      return td;
    }
    const original = c.minutes ? minutesToInput(c.minutes) : '';
    const errorId = `err-${row.collaboration_id}-${day}`;
    const input = h('input', {
      type: 'text', name, class: 'cell-input', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false',
      'aria-label': t('time.cell_label', { collaboration: row.collaboration_title, day: dayLong(day) }),
      'aria-describedby': errorId, dataset: { row: ri, col: di },
    });
    input.value = original;
    const error = h('p', { class: 'cell-error', id: errorId, role: 'alert' });
    let saving = false;
    const save = async (focusAfter) => {
      if (saving || input.value.trim() === original) return;
      saving = true;
      try {
        await api.setTimeCell({ collaboration_id: row.collaboration_id, day, duration: input.value });
        timeChanged();
        await redraw({ focus: focusAfter });
      } catch (err) {
        const e = api.normalizeError(err);
        const first = e.errors?.[0] || e;
        error.textContent = errorText(first);
        input.setAttribute('aria-invalid', 'true');
        td.classList.add('has-error');
        if (focusAfter) input.focus();
      } finally {
        saving = false;
      }
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        if (input.value.trim() === original) moveFrom({ key: 'ArrowDown', preventDefault() {} }, ri, di);
        else save(name);
      } else if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        input.value = original;
        error.textContent = '';
        input.removeAttribute('aria-invalid');
        td.classList.remove('has-error');
      } else {
        const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
        const atEnd = input.selectionStart === input.value.length;
        if ((e.key === 'ArrowLeft' && atStart) || (e.key === 'ArrowRight' && atEnd) || e.key === 'ArrowUp' || e.key === 'ArrowDown') moveFrom(e, ri, di);
      }
    });
    input.addEventListener('change', () => save(null));
    td.append(input, error);
    return td;
  }

  function moveFrom(e, ri, di) {
    const delta = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] }[e.key];
    if (!delta) return;
    const target = el.querySelector(`#week-grid [data-row="${ri + delta[0]}"][data-col="${di + delta[1]}"]`);
    if (target) {
      e.preventDefault();
      target.focus();
      if (target.select) target.select();
    }
  }

  // --- the month list --------------------------------------------------------
  function monthList(items) {
    const days = new Map();
    for (const e of items) {
      if (!days.has(e.day)) days.set(e.day, []);
      days.get(e.day).push(e);
    }
    const groups = [...days.entries()].sort((a, b) => (a[0] < b[0] ? 1 : -1));
    return h('div', { class: 'day-groups', id: 'time-list' }, ...groups.map(([day, entries]) => {
      const total = entries.reduce((s, e) => s + e.minutes, 0);
      return h('section', { class: 'day-group', dataset: { dayGroup: day } },
        h('h2', { class: 'day-title' }, h('span', null, dayLong(day)), h('span', { class: 'day-total' }, formatMinutes(total))),
        h('ul', { class: 'entry-list' }, ...entries.map(entryRow)));
    }));
  }

  function entryRow(e) {
    const stateEl = e.state === 'billed'
      ? h('a', { class: 'entry-invoice', href: `#/documents/${e.document_id}`, dataset: { action: 'open-invoice' }, title: t('time.billed_on', { number: e.document_number }) },
        h('span', { class: 'icon-lock', 'aria-hidden': 'true' }), e.document_number)
      : e.state === 'on_draft'
        ? h('a', { class: 'entry-invoice is-draft', href: `#/documents/${e.document_id}`, dataset: { action: 'open-invoice' } }, t('time.on_draft'))
        : null;
    const actions = e.state === 'unbilled' ? h('span', { class: 'entry-actions' },
      h('button', { type: 'button', class: 'btn btn-small', dataset: { action: 'edit-entry' }, onclick: () => openEntry(e) }, t('common.edit')),
      h('button', { type: 'button', class: 'btn btn-small btn-danger-quiet', dataset: { action: 'delete-entry' }, onclick: () => removeEntry(e) }, t('common.delete')))
      : null;
    return h('li', { class: ['entry', `entry-${e.state}`], dataset: { entry: String(e.id), state: e.state } },
      h('span', { class: 'entry-duration num' }, formatMinutes(e.minutes)),
      h('span', { class: 'entry-main' },
        h('span', { class: 'entry-collab' }, e.collaboration_title, h('span', { class: 'muted' }, ` · ${e.client_name}`)),
        e.task || e.note ? h('span', { class: 'entry-detail muted-text' },
          [e.task ? label('task_area', e.task) : null, e.note].filter(Boolean).join(' — ')) : null),
      e.billable ? null : badge(t('time.not_billable'), 'ended'),
      e.started_at ? h('span', { class: 'icon-timer', role: 'img', title: t('time.from_timer'), 'aria-label': t('time.from_timer') }) : null,
      stateEl, actions);
  }

  async function removeEntry(e) {
    const ok = await confirmDialog({
      title: t('time.delete_confirm.title'),
      message: t('time.delete_confirm.message', { hours: formatMinutes(e.minutes), title: e.collaboration_title, day: dayLong(e.day) }),
      confirmLabel: t('common.delete'),
      danger: true,
    });
    if (!ok) return;
    try {
      await api.deleteTimeEntry(e.id);
      toast(t('time.deleted'));
      timeChanged();
    } catch (err) {
      toastError(api.normalizeError(err));
    }
  }

  function totalsView(list) {
    const tot = list.totals || {};
    const values = (tot.values || []).map((v) => formatMoney(v.cents, v.currency)).join(' + ');
    return h('dl', { class: 'totals-strip' },
      h('div', null, h('dt', null, t('time.totals.hours')), h('dd', { id: 'time-total-hours' }, formatMinutes(tot.minutes || 0))),
      h('div', null, h('dt', null, t('time.totals.billable')), h('dd', null, formatMinutes(tot.billable_minutes || 0))),
      h('div', null, h('dt', null, t('time.totals.value')), h('dd', { title: t('time.totals.value_help') }, values || '—')),
      h('div', null, h('dt', null, t('time.totals.entries')), h('dd', null, String(list.total))));
  }

  // --- the entry dialog ------------------------------------------------------
  function openEntry(entry) {
    const usable = collabs.filter((c) => (c.status !== 'ended' && !c.client_archived) || c.id === entry?.collaboration_id);
    if (!usable.length) { toast(t('timer.no_collaboration'), 'error'); return; }
    const preset = entry?.collaboration_id || Number(state.collaboration_id) || (usable.length === 1 ? usable[0].id : '');
    const collab = field({
      name: 'collaboration_id', label: t('time.field.collaboration'), control: 'select', value: preset,
      placeholder: t('common.choose'),
      options: usable.map((c) => ({ value: c.id, label: `${c.client_name} — ${c.title}` })),
    });
    const defaultDay = state.day <= todayIso() ? state.day : todayIso();
    const day = field({ name: 'day', label: t('time.field.day'), type: 'date', value: entry?.day || defaultDay });
    day.control.max = todayIso();
    const duration = field({
      name: 'duration', label: t('time.field.duration'), value: entry ? minutesToInput(entry.minutes) : '',
      placeholder: t('time.duration_placeholder'), help: t('time.duration_help'), inputmode: 'decimal',
    });
    const task = field({ name: 'task', label: t('time.field.task'), control: 'select', options: [], optional: true });
    const note = field({ name: 'note', label: t('time.field.note'), value: entry?.note || '', optional: true, wide: true, placeholder: t('time.note_placeholder') });
    const billable = h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: 'billable', checked: entry ? entry.billable : true }), h('span', null, t('time.field.billable')));
    const fillTasks = () => {
      const c = byId.get(Number(collab.control.value));
      const keep = task.control.value || entry?.task || '';
      replace(task.control, h('option', { value: '' }, t('time.no_task')),
        ...(c?.tasks || []).map((code) => h('option', { value: code }, label('task_area', code))));
      task.control.value = (c?.tasks || []).includes(keep) ? keep : '';
    };
    collab.control.addEventListener('change', fillTasks);
    fillTasks();
    const form = h('form', { id: 'entry-form', class: 'form dialog-form' },
      h('div', { class: 'form-grid' }, collab.wrap, day.wrap, duration.wrap, task.wrap, note.wrap),
      billable,
      h('div', { class: 'dialog-actions' },
        h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => dlg.close() }, t('common.cancel')),
        h('button', { type: 'submit', class: 'btn btn-primary', dataset: { action: 'save-entry' } }, entry ? t('common.save') : t('time.add_submit'))));
    const dlg = h('dialog', { class: 'dialog dialog-form-wrap', 'aria-labelledby': 'entry-title' },
      h('h2', { id: 'entry-title', class: 'dialog-title' }, entry ? t('time.edit_title') : t('time.add_title')), form);
    const collect = () => ({
      collaboration_id: collab.control.value ? Number(collab.control.value) : null,
      day: day.control.value,
      duration: duration.control.value,
      task: task.control.value,
      note: note.control.value,
      billable: form.elements.namedItem('billable').checked,
    });
    bindForm(form, {
      collect,
      validate: (input) => api.validateTimeEntry(input, entry?.id ?? null),
      submit: (input) => (entry ? api.updateTimeEntry(entry.id, input) : api.createTimeEntry(input)),
      onSuccess: (saved) => {
        dlg.close();
        toast(t(entry ? 'time.saved' : 'time.added', { hours: formatMinutes(saved.minutes), title: saved.collaboration_title }));
        if (state.mode === 'month' && monthOf(saved.day) !== monthOf(state.day)) state.day = saved.day;
        if (state.mode === 'week' && mondayOf(saved.day) !== mondayOf(state.day)) state.day = saved.day;
        timeChanged();
      },
      onCancel: () => dlg.close(),
    });
    showModal(dlg, { focus: preset ? duration.control : collab.control });
  }

  async function exportCsv() {
    const q = entryQuery();
    const name = state.mode === 'week' ? `temps-${q.from}.csv` : `temps-${monthOf(state.day)}.csv`;
    try {
      const saved = await api.exportTimeCsv(q, name);
      if (saved) toast(t('time.exported', { path: saved.path }));
    } catch (err) {
      toastError(api.normalizeError(err));
    }
  }

  const onChanged = () => redraw();
  window.addEventListener('tandem:time-changed', onChanged);
  await redraw();

  return {
    el,
    title: t('time.title'),
    section: 'time',
    newItem: () => openEntry(null),
    destroy: () => { seq += 1; window.removeEventListener('tandem:time-changed', onChanged); },
  };
}
