// Boot, hash router, sidebar, global keyboard shortcuts, and what the backend
// says on its own (events.js). What outlives a screen (the home route, the
// dock above the routed view) is in shell.js.

import * as api from './api.js';
import { h, replace, isTypingTarget } from './dom.js';
import { t, loadLanguage, applyStatic, getLang, errorText } from './i18n.js';
import { toast, toastError } from './toast.js';
import { confirmDialog, dialogOpen } from './dialog.js';
import { HOME } from './shell.js';
import { on, EVENTS } from './events.js';
import { rescuePanel } from './views/backups.js';
import * as welcomeView from './views/welcome.js';
import * as clientsView from './views/clients.js';
import * as clientImportView from './views/client-import.js';
import * as clientFormView from './views/client-form.js';
import * as clientDetailView from './views/client-detail.js';
import * as collaborationsView from './views/collaborations.js';
import * as collaborationFormView from './views/collaboration-form.js';
import * as settingsView from './views/settings.js';
import { quotesView, invoicesView } from './views/documents.js';
import { newQuoteView, newInvoiceView, editDocumentView } from './views/document-form.js';
import * as documentView from './views/document.js';
import * as teamBoardView from './views/team-board.js';
import * as teamMemberFormView from './views/team-member-form.js';
import * as teamJobsView from './views/team-jobs.js';
import * as teamJobFormView from './views/team-job-form.js';
import * as teamOnboardingsView from './views/team-onboardings.js';
import * as teamOnboardingStartView from './views/team-onboarding-start.js';
import * as teamChecklistView from './views/team-checklist.js';
import * as teamTemplatesView from './views/team-templates.js';
import * as teamTemplateFormView from './views/team-template-form.js';
import * as timeView from './views/time.js';
import * as monthEndView from './views/month-end.js';
import * as dashboardView from './views/dashboard.js';
import * as remindersView from './views/reminders.js';
import * as receiptsView from './views/receipts.js';
import * as urssafView from './views/urssaf.js';
import { openSearch } from './search.js';
import { initTimer, openTimerPicker } from './timer.js';

const ROUTES = [
  { re: /^\/dashboard$/, view: dashboardView, section: 'dashboard' },
  { re: /^\/reminders$/, view: remindersView, section: 'invoices' },
  { re: /^\/receipts$/, view: receiptsView, section: 'invoices' },
  { re: /^\/urssaf$/, view: urssafView, section: 'invoices' },
  { re: /^\/clients$/, view: clientsView, section: 'clients' },
  { re: /^\/clients\/new$/, view: clientFormView, section: 'clients' },
  { re: /^\/clients\/import$/, view: clientImportView, section: 'clients' },
  { re: /^\/clients\/(\d+)$/, view: clientDetailView, section: 'clients', keys: ['id'] },
  { re: /^\/clients\/(\d+)\/edit$/, view: clientFormView, section: 'clients', keys: ['id'] },
  { re: /^\/collaborations$/, view: collaborationsView, section: 'collaborations' },
  { re: /^\/collaborations\/new$/, view: collaborationFormView, section: 'collaborations' },
  { re: /^\/collaborations\/(\d+)(?:\/edit)?$/, view: collaborationFormView, section: 'collaborations', keys: ['id'] },
  { re: /^\/time$/, view: timeView, section: 'time' },
  { re: /^\/month-end$/, view: monthEndView, section: 'invoices' },
  { re: /^\/quotes$/, view: quotesView, section: 'quotes' },
  { re: /^\/quotes\/new$/, view: newQuoteView, section: 'quotes' },
  { re: /^\/invoices$/, view: invoicesView, section: 'invoices' },
  { re: /^\/invoices\/new$/, view: newInvoiceView, section: 'invoices' },
  // A document's own screens say which list they belong to (view.section).
  { re: /^\/documents\/(\d+)$/, view: documentView, section: 'invoices', keys: ['id'] },
  { re: /^\/documents\/(\d+)\/edit$/, view: editDocumentView, section: 'invoices', keys: ['id'] },
  { re: /^\/settings$/, view: settingsView, section: 'settings' },
  { re: /^\/team$/, view: teamBoardView, section: 'team' },
  { re: /^\/team\/members\/new$/, view: teamMemberFormView, section: 'team' },
  { re: /^\/team\/members\/(\d+)$/, view: teamMemberFormView, section: 'team', keys: ['id'] },
  { re: /^\/team\/jobs$/, view: teamJobsView, section: 'team' },
  { re: /^\/team\/jobs\/new$/, view: teamJobFormView, section: 'team' },
  { re: /^\/team\/jobs\/(\d+)$/, view: teamJobFormView, section: 'team', keys: ['id'] },
  { re: /^\/team\/onboardings$/, view: teamOnboardingsView, section: 'team' },
  { re: /^\/team\/onboardings\/new$/, view: teamOnboardingStartView, section: 'team' },
  { re: /^\/team\/onboardings\/(\d+)$/, view: teamChecklistView, section: 'team', keys: ['id'] },
  { re: /^\/team\/templates$/, view: teamTemplatesView, section: 'team' },
  { re: /^\/team\/templates\/new$/, view: teamTemplateFormView, section: 'team' },
  { re: /^\/team\/templates\/(\d+)$/, view: teamTemplateFormView, section: 'team', keys: ['id'] },
];
// Alt+1… follow the sidebar's order (DESIGN.md §4).
const SECTIONS = ['#/dashboard', '#/clients', '#/collaborations', '#/time', '#/quotes', '#/invoices', '#/team', '#/settings'];

const state = {
  info: null,
  catalog: null,
  view: null,        // the mounted view object
  hash: '',          // hash of the mounted view
  renderSeq: 0,
};

const main = () => document.getElementById('main');
const sidebar = () => document.getElementById('sidebar');

function parseHash(hash) {
  const raw = (hash || '').replace(/^#/, '') || HOME.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const query = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  for (const r of ROUTES) {
    const m = r.re.exec(path);
    if (m) {
      const params = {};
      (r.keys || []).forEach((k, i) => { params[k] = m[i + 1]; });
      return { route: r, params, query, path };
    }
  }
  return { route: null, params: {}, query, path };
}

// ---------------------------------------------------------------------------
// Navigation with an unsaved-changes guard
// ---------------------------------------------------------------------------

async function confirmLeave() {
  const v = state.view;
  if (!v || typeof v.isDirty !== 'function' || !v.isDirty()) return true;
  return confirmDialog({
    title: t('dirty.title'),
    message: t('dirty.message'),
    confirmLabel: t('dirty.leave'),
    cancelLabel: t('dirty.stay'),
    danger: true,
  });
}

/** Go to a hash. { force: true } skips the unsaved-changes question. */
export async function navigate(hash, { force = false } = {}) {
  if (hash === location.hash) {
    await renderRoute();
    return;
  }
  if (!force && !(await confirmLeave())) return;
  if (state.view) state.view.isDirty = () => false;
  location.hash = hash;
}

async function onHashChange() {
  if (!state.info?.has_profile) {
    // No profile yet: the welcome screen is the only place to be.
    if (location.hash) history.replaceState(null, '', location.pathname + location.search);
    return;
  }
  const target = location.hash;
  const v = state.view;
  if (v && typeof v.isDirty === 'function' && v.isDirty() && target !== state.hash) {
    // Put the address back while we ask; replaceState fires no hashchange.
    history.replaceState(null, '', state.hash || HOME);
    if (!(await confirmLeave())) return;
    v.isDirty = () => false;
    location.hash = target;
    return;
  }
  await renderRoute();
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

function ctxFor(parsed, restore) {
  return {
    info: state.info,
    catalog: state.catalog,
    params: parsed.params,
    query: parsed.query,
    restore,
    navigate,
    setLanguage,
    rerender: (opts = {}) => renderRoute({ keep: !opts.fresh }),
    onProfileSaved,
  };
}

function mount(view, section) {
  if (state.view?.destroy) {
    try { state.view.destroy(); } catch (e) { console.warn(e); }
  }
  state.view = view;
  replace(main(), view.el);
  document.title = view.title ? t('app.window_title', { title: view.title }) : t('app.name');
  updateSidebar(section);
}

function focusView(view) {
  const target = view.autofocus || main().querySelector('h1');
  if (target && typeof target.focus === 'function') target.focus({ preventScroll: false });
  main().scrollTop = 0;
}

/** Render the current hash. { keep: true } keeps what the user typed (language switch). */
async function renderRoute({ keep = false } = {}) {
  const seq = ++state.renderSeq;
  const old = state.view;
  const restore = keep && old?.snapshot && (old.keepOnRerender || old.isDirty?.()) ? old.snapshot() : undefined;

  if (!state.info.has_profile) {
    showSidebar(false);
    const view = await safeRender(welcomeView, ctxFor({ params: {}, query: new URLSearchParams() }, restore));
    if (seq !== state.renderSeq) return;
    mount(view, null);
    state.hash = '';
    markRendered('welcome');
    if (!keep) focusView(view);
    return;
  }

  showSidebar(true);
  if (!location.hash || location.hash === '#' || location.hash === '#/') {
    history.replaceState(null, '', HOME);
  }
  const parsed = parseHash(location.hash);
  const hash = location.hash;
  main().setAttribute('aria-busy', 'true');
  const view = parsed.route
    ? await safeRender(parsed.route.view, ctxFor(parsed, restore))
    : notFoundView();
  if (seq !== state.renderSeq) { view.destroy?.(); return; }
  main().removeAttribute('aria-busy');
  mount(view, view.section || parsed.route?.section || null);
  state.hash = hash;
  markRendered(hash);
  if (!keep) focusView(view);
}

/** Says which screen is fully rendered (`<body data-route="#/clients">`): tests
 *  and assistive tools can wait for it instead of guessing with delays. */
function markRendered(route) {
  document.body.dataset.route = route;
}

async function safeRender(mod, ctx) {
  try {
    return await mod.render(ctx);
  } catch (err) {
    const e = api.normalizeError(err);
    console.error('view failed', err);
    return errorView(e);
  }
}

function errorView(err) {
  const notFound = err.code === 'not_found';
  const title = notFound ? t('notfound.title') : t('view_error.title');
  return {
    title,
    el: h('section', { class: 'view view-error' },
      h('div', { class: 'empty-state' },
        h('h1', { tabindex: '-1', class: 'empty-title' }, title),
        h('p', { class: 'empty-text' }, errorText(err)),
        h('div', { class: 'empty-actions' },
          h('button', { type: 'button', class: 'btn', onclick: () => navigate(HOME, { force: true }) }, t('notfound.back')),
          notFound ? null : h('button', { type: 'button', class: 'btn', onclick: () => renderRoute() }, t('common.retry')),
        ),
      )),
  };
}

function notFoundView() {
  return errorView({ code: 'not_found', message: '' });
}

// ---------------------------------------------------------------------------
// Sidebar
// ---------------------------------------------------------------------------

function showSidebar(show) {
  sidebar().hidden = !show;
  document.body.classList.toggle('no-sidebar', !show);
}

function updateSidebar(section) {
  for (const a of sidebar().querySelectorAll('a[data-section]')) {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function setupSidebar() {
  document.getElementById('sidebar-search')?.addEventListener('click', () => openSearch(navigate));
  sidebar().addEventListener('click', (e) => {
    const a = e.target.closest('a[href^="#/"]');
    if (!a) return;
    e.preventDefault();
    navigate(a.getAttribute('href'));
  });
}

// ---------------------------------------------------------------------------
// Language
// ---------------------------------------------------------------------------

async function setLanguage(lang) {
  if (lang === getLang()) return;
  let persisted = true;
  try {
    await api.setLanguage(lang);
    state.info.language = lang;
  } catch (err) {
    persisted = false;
    console.warn('set_language failed', err);
  }
  await loadLanguage(lang);
  applyStatic(document);
  await renderRoute({ keep: true });
  if (!persisted) toast(t('settings.language_not_saved'), 'error');
  // Keep the focus on the language control the user just used.
  const again = document.getElementById('language') || document.querySelector(`.lang-option[data-lang="${lang}"]`);
  if (again) again.focus();
}

function onProfileSaved() {
  state.info.has_profile = true;
  toast(t('welcome.saved'));
  if (state.view) state.view.isDirty = () => false;
  if (location.hash === HOME) renderRoute();
  else location.hash = HOME;
}

// ---------------------------------------------------------------------------
// Backend events
// ---------------------------------------------------------------------------

/** The date moved on (midnight, a wake from sleep): what the screen shows as
 *  overdue or due may have changed, so it is drawn again — unless the user is
 *  typing in it or answering a question. */
function onDayChanged() {
  const v = state.view;
  if (!state.info?.has_profile || dialogOpen() || (v?.isDirty && v.isDirty())) return;
  renderRoute({ keep: true });
}

/** After any backup (the daily one too): a failure, or records found altered
 *  by the integrity check that follows it, is said wherever she is. */
function onBackupFinished(f) {
  if (f.broken > 0) toast(t('integrity.after_backup', { count: f.broken }), 'error', 12000);
  else if (f.error && f.file == null && !document.getElementById('backups-card')) toast(t('backups.failed', { reason: t(`errors.${f.error}`) }), 'error', 8000);
}

function listenToBackend() {
  on(EVENTS.DAY_CHANGED, onDayChanged).catch((err) => console.warn('events: not listening', err));
  on(EVENTS.BACKUP_FINISHED, onBackupFinished).catch((err) => console.warn('events: not listening', err));
  // The file turned out damaged after start-up: start again on its rescue screen.
  on(EVENTS.DATABASE_DAMAGED, () => location.reload()).catch((err) => console.warn('events: not listening', err));
}

// ---------------------------------------------------------------------------
// Keyboard shortcuts
// ---------------------------------------------------------------------------

function onKeyDown(e) {
  if (e.defaultPrevented || dialogOpen() || !state.info?.has_profile) return;
  const ctrl = e.ctrlKey || e.metaKey;
  const key = (e.key || '').toLowerCase();

  // Alt+1/2/3 or Ctrl+1/2/3 (by physical key: works on AZERTY too).
  const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code || '')?.[1] || (/^[1-9]$/.test(e.key) ? e.key : null);
  if (digit && ((e.altKey && !ctrl) || (ctrl && !e.altKey)) && !e.shiftKey) {
    const target = SECTIONS[Number(digit) - 1];
    if (target) {
      e.preventDefault();
      navigate(target);
    }
    return;
  }

  const typing = isTypingTarget(e.target);
  const v = state.view;
  // Ctrl+K: the global search, from anywhere. `/`: the screen's own search box
  // when it has one (a list), else the global search.
  if (ctrl && !e.altKey && key === 'k') {
    e.preventDefault();
    openSearch(navigate);
    return;
  }
  if (e.key === '/' && !typing && !ctrl && !e.altKey) {
    e.preventDefault();
    if (v?.focusSearch) v.focusSearch();
    else openSearch(navigate);
    return;
  }
  // T: start the timer on a collaboration (a type-ahead picker asks which).
  if (key === 't' && !typing && !ctrl && !e.altKey && !e.shiftKey) {
    e.preventDefault();
    openTimerPicker();
    return;
  }
  if ((key === 'n' && !typing && !ctrl && !e.altKey && !e.shiftKey) || (ctrl && !e.altKey && !e.shiftKey && key === 'n')) {
    if (v?.newItem) {
      e.preventDefault();
      v.newItem();
    }
  }
}

// ---------------------------------------------------------------------------
// Boot
// ---------------------------------------------------------------------------

function guessLanguage() {
  const nav = (navigator.language || 'fr').toLowerCase();
  return nav.startsWith('en') ? 'en' : 'fr';
}

async function retry(e) {
  const btn = e.currentTarget;
  btn.disabled = true;
  try {
    await api.reopenDatabase();
    location.reload();
  } catch (err) {
    await showBootError(api.normalizeError(err));
  }
}

async function showBootError(err) {
  try { await loadLanguage(guessLanguage()); } catch { /* texts fall back to keys */ }
  applyStatic(document);
  showSidebar(false);
  const known = ['database_unavailable', 'schema_too_new', 'database_damaged', 'read_only', 'disk_full'].includes(err.code);
  // A damaged file: offer the newest good backup right here (backups.js).
  const rescue = err.code === 'database_damaged' ? await rescuePanel() : null;
  const explain = known ? t(`boot.${err.code}`) : t('boot.generic');
  const folder = err.data_dir || err.path || err.db_path || null;
  const el = h('div', { class: 'boot-error', role: 'alert' },
    h('div', { class: 'boot-error-card' },
      h('div', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('span', { class: 'brand-name' }, t('app.name'))),
      h('h1', { tabindex: '-1' }, t('boot.title')),
      h('p', { class: 'boot-explain' }, explain),
      known ? null : h('p', { class: 'boot-code' }, errorText(err)),
      folder ? h('p', null, h('strong', null, t('boot.data_dir')), ' ', h('code', { class: 'path' }, folder)) : null,
      rescue,
      err.message ? h('details', { class: 'boot-details', open: !rescue },
        h('summary', null, t('boot.details')),
        h('pre', { class: 'mono' }, err.message)) : null,
      h('div', { class: 'empty-actions' },
        // Opens the file again (it may have been put back meanwhile), then starts over.
        h('button', { type: 'button', class: rescue ? 'btn' : 'btn btn-primary', dataset: { action: 'retry' }, onclick: retry }, t('common.retry'))),
    ),
  );
  replace(main(), el);
  document.title = t('app.name');
  markRendered('boot-error');
  el.querySelector('h1').focus();
}

async function boot() {
  setupSidebar();
  document.addEventListener('keydown', onKeyDown);
  window.addEventListener('hashchange', onHashChange);

  // The two boot calls go out together: start-up waits for the slower one, not
  // for both in turn (see README › Figures).
  let info;
  try {
    [info, state.catalog] = await Promise.all([api.appInfo(), api.catalog()]);
  } catch (err) {
    await showBootError(api.normalizeError(err));
    return;
  }
  state.info = info;
  try {
    await loadLanguage(info.language);
  } catch (err) {
    console.error(err);
  }
  applyStatic(document);
  document.body.classList.remove('booting');
  listenToBackend();
  await renderRoute();
  // A live file in a synced folder can be torn or rolled back by the sync: say so
  // at every start, with the advice (Réglages › Sauvegardes says it too).
  if (info.database_synced) toast(t('backups.synced_warning', { service: info.database_synced }), 'error', 15000);
  // After the first screen: a timer left running shows in the dock (and one
  // running for more than 10 hours asks what to do with it).
  await initTimer();
}

boot().catch((err) => {
  console.error(err);
  showBootError(api.normalizeError(err)).catch(() => {});
});

// Expose nothing globally; errors in handlers end up in a toast at least.
window.addEventListener('unhandledrejection', (e) => {
  const reason = e.reason;
  if (reason && typeof reason === 'object' && typeof reason.code === 'string') {
    e.preventDefault();
    toastError(reason);
  }
});
