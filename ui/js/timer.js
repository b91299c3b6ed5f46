// The one timer: docked above every screen while it runs (collaboration, time
// elapsed, stop), started from Temps, from a collaboration's page or with the
// T key (a type-ahead picker asks which collaboration), and checked at start-up:
// one found running for more than 10 hours asks whether to keep it, give its
// end time or throw it away. The start instant lives in the database (the core
// counts from it), so the timer survives closing the app, a crash or a reboot;
// this module only shows it and ticks the seconds.

import * as api from './api.js';
import { h, replace } from './dom.js';
import { t, label } from './i18n.js';
import { toast, toastError } from './toast.js';
import { confirmDialog, showModal } from './dialog.js';
import { dock, undock } from './shell.js';
import { field, bindForm } from './form.js';
import { formatMinutes, compareText } from './format.js';
import { allPages } from './lookups.js';

const KEY = 'timer';
let running = null;        // the core's Running, or null
let fetchedAt = 0;         // performance.now() when `running` was read
let tick = null;

/** Tells every screen that time entries (or the timer) changed. */
export function timeChanged() {
  window.dispatchEvent(new CustomEvent('tandem:time-changed'));
}

/** The timer as the dock and the screens know it (null when none runs). */
export function currentTimer() {
  return running;
}

function elapsedSeconds() {
  if (!running) return 0;
  return running.elapsed_seconds + Math.floor((performance.now() - fetchedAt) / 1000);
}

/** 3 725 s → "1:02:05". */
export function clock(seconds) {
  const s = Math.max(0, seconds);
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${hh}:${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
}

function set(timer) {
  running = timer || null;
  fetchedAt = performance.now();
  draw();
}

/** Reads the timer again from the core (after a change made elsewhere). */
export async function refreshTimer() {
  try {
    set(await api.getTimer());
  } catch (err) {
    console.warn('timer: could not read it', err);
  }
}

function draw() {
  clearInterval(tick);
  tick = null;
  if (!running) {
    undock(KEY);
    return;
  }
  const elapsed = h('span', { class: 'timer-elapsed mono', role: 'timer', 'aria-live': 'off' }, clock(elapsedSeconds()));
  const what = [running.collaboration_title, running.client_name].join(' · ');
  const el = h('div', { class: 'timer-dock', id: 'timer-dock', dataset: { collaboration: String(running.collaboration_id) } },
    h('span', { class: 'timer-dot', 'aria-hidden': 'true' }),
    h('span', { class: 'timer-label' }, t('timer.running')),
    h('a', { class: 'timer-what', href: `#/collaborations/${running.collaboration_id}` }, what),
    running.task ? h('span', { class: 'timer-task' }, label('task_area', running.task)) : null,
    running.note ? h('span', { class: 'timer-note' }, running.note) : null,
    elapsed,
    h('span', { class: 'timer-actions' },
      h('button', {
        type: 'button', class: 'btn btn-primary btn-small', dataset: { action: 'stop-timer' }, onclick: stop,
      }, t('timer.stop')),
      h('button', {
        type: 'button', class: 'btn btn-small btn-quiet', dataset: { action: 'discard-timer' }, onclick: discard,
        title: t('timer.discard_title'),
      }, t('timer.discard'))),
  );
  dock(KEY, el);
  tick = setInterval(() => { elapsed.textContent = clock(elapsedSeconds()); }, 1000);
}

function recordedToast(stopped, key = 'timer.recorded') {
  if (stopped.entry) {
    toast(t(key, { hours: formatMinutes(stopped.entry.minutes), title: stopped.collaboration_title }));
  } else {
    toast(t('timer.nothing_recorded', { title: stopped.collaboration_title }), 'info');
  }
}

/** Stops the timer now and records the entry (rounded as set in Réglages). */
export async function stop() {
  try {
    const stopped = await api.stopTimer();
    set(null);
    recordedToast(stopped);
    timeChanged();
  } catch (err) {
    toastError(api.normalizeError(err));
    await refreshTimer();
  }
}

async function discard() {
  const ok = await confirmDialog({
    title: t('timer.discard_confirm.title'),
    message: t('timer.discard_confirm.message', { title: running?.collaboration_title || '' }),
    confirmLabel: t('timer.discard'),
    danger: true,
  });
  if (!ok) return;
  try {
    await api.discardTimer();
    set(null);
    toast(t('timer.discarded'), 'info');
    timeChanged();
  } catch (err) {
    toastError(api.normalizeError(err));
    await refreshTimer();
  }
}

// --- the picker ----------------------------------------------------------------

/** Collaborations time can be logged on: not ended, client not archived. */
async function openCollaborations() {
  const all = (await allPages(api.listCollaborations, { client_id: null, status: null })).items;
  return all
    .filter((c) => c.status !== 'ended' && !c.client_archived)
    .sort((a, b) => (a.status === 'active' ? 0 : 1) - (b.status === 'active' ? 0 : 1)
      || compareText(a.client_name, b.client_name) || compareText(a.title, b.title));
}

const fold = (s) => String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * The « Démarrer le chrono » dialog: a type-ahead list of collaborations
 * (arrows + Enter), the task area among that collaboration's delegated ones,
 * a note. `collaborationId` preselects one.
 */
export async function openTimerPicker({ collaborationId = null } = {}) {
  let collabs;
  try {
    collabs = await openCollaborations();
  } catch (err) {
    toastError(api.normalizeError(err));
    return;
  }
  if (!collabs.length) {
    toast(t('timer.no_collaboration'), 'error');
    return;
  }
  let chosen = collabs.find((c) => c.id === Number(collaborationId)) || (collabs.length === 1 ? collabs[0] : null);
  let shown = collabs;
  let active = Math.max(0, shown.indexOf(chosen));

  const listId = 'timer-picker-list';
  const search = h('input', {
    type: 'text', id: 'timer-search', name: 'search', class: 'picker-search', autocomplete: 'off', spellcheck: 'false',
    role: 'combobox', 'aria-expanded': 'true', 'aria-controls': listId, 'aria-autocomplete': 'list',
    placeholder: t('timer.search_placeholder'), 'aria-label': t('timer.collaboration'),
  });
  const list = h('ul', { id: listId, class: 'picker-list', role: 'listbox', 'aria-label': t('timer.collaboration') });
  const errorSlot = h('p', { class: 'field-error', dataset: { errorFor: 'collaboration_id' } });
  const taskField = field({ name: 'task', label: t('time.field.task'), control: 'select', options: [], optional: true });
  const noteField = field({ name: 'note', label: t('time.field.note'), optional: true, placeholder: t('time.note_placeholder') });
  const running0 = running;
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', dataset: { action: 'confirm-start' } }, t('timer.start'));
  const form = h('form', { id: 'timer-form', class: 'form dialog-form' },
    h('div', { class: 'field picker', dataset: { field: 'collaboration_id' } },
      h('label', { class: 'field-label', for: 'timer-search' }, t('timer.collaboration')),
      search, list, errorSlot),
    h('div', { class: 'form-grid' }, taskField.wrap, noteField.wrap),
    running0 ? h('p', { class: 'field-help', role: 'note' }, t('timer.will_stop', { title: running0.collaboration_title })) : null,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'button', class: 'btn', dataset: { action: 'cancel' }, onclick: () => dlg.close() }, t('common.cancel')),
      submit));
  const dlg = h('dialog', { class: 'dialog dialog-form-wrap', 'aria-labelledby': 'timer-title' },
    h('h2', { id: 'timer-title', class: 'dialog-title' }, t('timer.start_title')), form);

  const fillTasks = () => {
    const sel = taskField.control;
    const keep = sel.value;
    replace(sel, h('option', { value: '' }, t('time.no_task')),
      ...(chosen?.tasks || []).map((code) => h('option', { value: code }, label('task_area', code))));
    sel.value = (chosen?.tasks || []).includes(keep) ? keep : '';
    taskField.wrap.hidden = !(chosen?.tasks || []).length;
  };
  const drawList = () => {
    replace(list, ...shown.map((c, i) => h('li', {
      id: `timer-option-${c.id}`, role: 'option', class: 'picker-option',
      'aria-selected': String(c === chosen), dataset: { collaboration: String(c.id), active: i === active ? 'true' : null },
      onmousedown: (e) => e.preventDefault(),
      onclick: () => { choose(c); search.focus(); },
    }, h('span', { class: 'picker-title' }, c.title), h('span', { class: 'picker-client muted' }, c.client_name))));
    if (!shown.length) list.append(h('li', { class: 'picker-empty muted' }, t('timer.no_match')));
    const act = shown[active];
    if (act) {
      search.setAttribute('aria-activedescendant', `timer-option-${act.id}`);
      list.querySelector(`#timer-option-${act.id}`)?.scrollIntoView({ block: 'nearest' });
    } else search.removeAttribute('aria-activedescendant');
  };
  const choose = (c) => {
    chosen = c;
    active = Math.max(0, shown.indexOf(c));
    errorSlot.textContent = '';
    fillTasks();
    drawList();
  };
  search.addEventListener('input', () => {
    const q = fold(search.value.trim());
    shown = q ? collabs.filter((c) => fold(`${c.title} ${c.client_name}`).includes(q)) : collabs;
    active = 0;
    if (shown.length) choose(shown[0]); else { chosen = null; fillTasks(); drawList(); }
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!shown.length) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : shown.length - 1)) % shown.length;
      choose(shown[active]);
    }
  });

  bindForm(form, {
    collect: () => ({ collaboration_id: chosen?.id ?? null, task: taskField.control.value, note: noteField.control.value }),
    submit: (input) => api.startTimer(input),
    onSuccess: (started) => {
      dlg.close();
      set(started.timer);
      if (started.stopped) recordedToast(started.stopped, 'timer.switched');
      else toast(t('timer.started', { title: started.timer.collaboration_title }));
      timeChanged();
    },
    onCancel: () => dlg.close(),
  });
  fillTasks();
  drawList();
  showModal(dlg, { focus: search });
}

// --- a timer left running --------------------------------------------------------

function localInput(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** A timer running for more than 10 hours: keep it, give its end, or discard it. */
function askAboutStale() {
  const started = new Date(running.started_at);
  const startedText = new Intl.DateTimeFormat(document.documentElement.lang || 'fr', {
    weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit',
  }).format(started);
  const endField = field({
    name: 'end', label: t('timer.stale.end'), type: 'datetime-local',
    value: localInput(new Date(Math.min(Date.now(), started.getTime() + 60 * 60 * 1000))),
  });
  endField.control.min = localInput(started);
  endField.control.max = localInput(new Date());
  const endForm = h('form', { id: 'timer-end-form', class: 'form', hidden: true },
    endField.wrap,
    h('div', { class: 'dialog-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', dataset: { action: 'confirm-end' } }, t('timer.stale.record'))));
  const close = () => dlg.close();
  const dlg = h('dialog', { class: 'dialog', id: 'timer-stale', 'aria-labelledby': 'stale-title', 'aria-describedby': 'stale-msg' },
    h('h2', { id: 'stale-title', class: 'dialog-title' }, t('timer.stale.title')),
    h('p', { id: 'stale-msg', class: 'dialog-message' }, t('timer.stale.message', {
      title: running.collaboration_title, since: startedText, hours: formatMinutes(Math.floor(elapsedSeconds() / 60)),
    })),
    h('div', { class: 'dialog-actions' },
      h('button', {
        type: 'button', class: 'btn btn-danger', dataset: { action: 'stale-discard' },
        onclick: async () => {
          try { await api.discardTimer(); set(null); toast(t('timer.discarded'), 'info'); timeChanged(); close(); } catch (err) { toastError(api.normalizeError(err)); }
        },
      }, t('timer.discard')),
      h('button', {
        type: 'button', class: 'btn', dataset: { action: 'stale-end' },
        onclick: () => { endForm.hidden = false; endField.control.focus(); },
      }, t('timer.stale.set_end')),
      h('button', { type: 'button', class: 'btn btn-primary', dataset: { action: 'stale-keep' }, onclick: close }, t('timer.stale.keep'))),
    endForm);
  bindForm(endForm, {
    collect: () => ({ end: endField.control.value }),
    submit: ({ end }) => api.stopTimerAt(end),
    onSuccess: (stopped) => { close(); set(null); recordedToast(stopped); timeChanged(); },
  });
  showModal(dlg, { focus: dlg.querySelector('[data-action="stale-keep"]') });
}

/** Start-up: shows a running timer, and asks about one left running too long. */
export async function initTimer() {
  await refreshTimer();
  if (running?.stale) askAboutStale();
  // Coming back to the window after a sleep: the core's count is the truth.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && running) refreshTimer();
  });
}

