// The ONLY module that talks to the Rust core. One exported function per
// command of the UI <-> core contract; every rejection is normalized into
// { code, message, field, errors } so views can branch on `code`. Events the
// backend sends on its own are subscribed to with `listen` (see events.js).
// tests/consistency.rs checks the command names against the Rust side.
// Commands whose result is written in a language (built-in templates, exports)
// take `lang`, the UI's language unless a caller passes another.

import { getLang } from './i18n.js';

/** Turn anything a command may reject with into the contract's error shape. */
export function normalizeError(e) {
  let err = e;
  if (typeof err === 'string') {
    const s = err.trim();
    if (s.startsWith('{')) {
      try { err = JSON.parse(s); } catch { /* keep the string */ }
    }
  }
  if (err && typeof err === 'object' && typeof err.code === 'string') {
    const errors = Array.isArray(err.errors)
      ? err.errors
          .filter((x) => x && typeof x === 'object')
          .map((x) => ({
            field: typeof x.field === 'string' ? x.field : null,
            code: typeof x.code === 'string' ? x.code : 'internal',
            message: x.message == null ? '' : String(x.message),
          }))
      : [];
    const out = {
      code: err.code,
      message: err.message == null ? '' : String(err.message),
      field: typeof err.field === 'string' ? err.field : null,
      errors,
    };
    // Keep any extra detail the core may attach (e.g. a path), as plain data.
    for (const k of ['path', 'data_dir', 'db_path']) {
      if (typeof err[k] === 'string') out[k] = err[k];
    }
    return out;
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'internal', message, field: null, errors: [] };
}

async function call(cmd, args) {
  const core = window.__TAURI__ && window.__TAURI__.core;
  if (!core || typeof core.invoke !== 'function') {
    throw normalizeError({ code: 'internal', message: 'Tauri API unavailable (window.__TAURI__.core.invoke)' });
  }
  try {
    return await core.invoke(cmd, args);
  } catch (e) {
    const err = normalizeError(e);
    // A read met a damaged page: the core has closed the file; start again on
    // the damaged-file screen (after the toast saying so) instead of letting
    // every screen fail one by one.
    if (err.code === 'database_damaged' && cmd !== 'app_info' && !damagedReload) {
      damagedReload = setTimeout(() => location.reload(), 2500);
    }
    throw err;
  }
}
let damagedReload = null;

/** Calls `handler(payload)` each time the backend emits the event `name`;
 *  resolves, once subscribed, to the function that unsubscribes. */
export async function listen(name, handler) {
  const ev = window.__TAURI__ && window.__TAURI__.event;
  if (!ev || typeof ev.listen !== 'function') {
    throw normalizeError({ code: 'internal', message: 'Tauri API unavailable (window.__TAURI__.event.listen)' });
  }
  try {
    return await ev.listen(name, (e) => handler(e.payload));
  } catch (e) {
    throw normalizeError(e);
  }
}

/** Field errors returned by validate_* (resolved, not rejected). */
function fieldErrors(value) {
  return Array.isArray(value) ? normalizeError({ code: 'x', errors: value }).errors : [];
}

// --- app -------------------------------------------------------------------
export const appInfo = () => call('app_info');
export const setLanguage = (lang) => call('set_language', { lang });

// Backups, restore, integrity (Réglages › Sauvegardes; the damaged-file screen).
export const backupsOverview = () => call('backups_overview');
export const backupNow = () => call('backup_now');
export const chooseBackupFolder = () => call('choose_backup_folder');
export const openBackupFolder = () => call('open_backup_folder');
export const checkBackup = (fileName) => call('check_backup', { fileName });
export const pickRestoreFile = () => call('pick_restore_file');
export const restorePending = () => call('restore_pending');
export const verifyIntegrity = () => call('verify_integrity');
export const reopenDatabase = () => call('reopen_database');
export const rescue = () => call('rescue');
export const catalog = () => call('catalog');

// --- business profile ------------------------------------------------------
export const getProfile = () => call('get_profile');
export const saveProfile = (input) => call('save_profile', { input });
export const validateProfile = async (input) => fieldErrors(await call('validate_profile', { input }));
/** The late-penalty floor and usual rate in force today (C. com. L441-10), or null. */
export const penaltyRates = () => call('penalty_rates');
export const listLegalRates = () => call('list_legal_rates');
export const saveLegalRate = (input) => call('save_legal_rate', { input });
export const validateLegalRate = async (input) => fieldErrors(await call('validate_legal_rate', { input }));

// Every list_* command takes one query shape — { search, sort, direction, page,
// page_size, ...that list's filters } — and answers one page:
// { items, total, page, page_size } (ui/js/list.js, ui/js/lookups.js).

// --- clients ---------------------------------------------------------------
export const listClients = (query) => call('list_clients', { query });
export const getClient = (id) => call('get_client', { id });
export const createClient = (input) => call('create_client', { input });
export const updateClient = (id, input) => call('update_client', { id, input });
export const setClientArchived = (id, archived) => call('set_client_archived', { id, archived });
export const validateClient = async (input) => fieldErrors(await call('validate_client', { input }));
// « Importer des clients »: the file is picked and read by the core, never named here.
export const pickImportFile = () => call('pick_import_file');
export const previewImport = (mapping) => call('preview_import', { mapping });
export const importClients = (mapping, excluded) => call('import_clients', { mapping, excluded });

// --- your data: « Tout exporter », a client's data rights (GDPR) ---------------
export const exportAll = () => call('export_all');
export const exportClientData = (id) => call('export_client_data', { id });
export const clientErasePlan = (id) => call('client_erase_plan', { id });
export const eraseClient = (id) => call('erase_client', { id });

// --- collaborations --------------------------------------------------------
export const listCollaborations = (query) => call('list_collaborations', { query });
export const getCollaboration = (id) => call('get_collaboration', { id });
export const createCollaboration = (input) => call('create_collaboration', { input });
export const updateCollaboration = (id, input) => call('update_collaboration', { id, input });
export const deleteCollaboration = (id) => call('delete_collaboration', { id });
export const validateCollaboration = async (input, id = null) =>
  fieldErrors(await call('validate_collaboration', { input, id }));

// --- quotes, invoices, deposits, credit notes (issue 3) ----------------------
export const listDocuments = (query) => call('list_documents', { query });
export const getDocument = (id) => call('get_document', { id });
export const createDocument = (input) => call('create_document', { input });
export const updateDocument = (id, input) => call('update_document', { id, input });
export const deleteDocument = (id) => call('delete_document', { id });
export const validateDocument = async (input, id = null) =>
  fieldErrors(await call('validate_document', { input, id }));
/**
 * The draft as typed, in one call: { totals, vat_case, line_totals[i] (null while
 * line i does not parse), errors }. `id` is the draft being edited. Writes nothing.
 */
export const previewDocument = (input, id = null) => call('preview_document', { input, id });
export const issueDocument = (id) => call('issue_document', { id });
export const setQuoteStatus = (id, status) => call('set_quote_status', { id, status });
export const invoiceFromQuote = (id, mode) => call('invoice_from_quote', { id, mode });
export const creditNoteFor = (invoiceId) => call('credit_note_for', { invoiceId });
export const addPayment = (documentId, input) => call('add_payment', { documentId, input });
export const reversePayment = (paymentId, input) => call('reverse_payment', { paymentId, input });
export const exportDocumentPdf = (id) => call('export_document_pdf', { id });
export const openExport = (path) => call('open_export', { path });
export const revealExport = (path) => call('reveal_export', { path });
export const emailDocument = (id) => call('email_document', { id });
export const getNumbering = () => call('get_numbering');
export const saveNumbering = (input) => call('save_numbering', { input });
export const chooseLogo = () => call('choose_logo');
export const removeLogo = () => call('remove_logo');

// --- team: job descriptions, recruits, onboarding -------------------------
export const teamCatalog = (lang = getLang()) => call('team_catalog', { lang });
export const listJobDescriptions = (query) => call('list_job_descriptions', { query });
export const getJobDescription = (id) => call('get_job_description', { id });
export const createJobDescription = (input) => call('create_job_description', { input });
export const updateJobDescription = (id, input) => call('update_job_description', { id, input });
export const deleteJobDescription = (id) => call('delete_job_description', { id });
export const validateJobDescription = async (input, id = null) =>
  fieldErrors(await call('validate_job_description', { input, id }));
export const jobDescriptionText = (id, format, lang = getLang()) => call('job_description_text', { id, format, lang });
/** Asks where to save (native dialog) and writes the PDF; the path, or null when cancelled. */
export const exportJobDescriptionPdf = (id, lang = getLang()) => call('export_job_description_pdf', { id, lang });
export const listTeamMembers = (query) => call('list_team_members', { query });
export const getTeamMember = (id) => call('get_team_member', { id });
export const createTeamMember = (input) => call('create_team_member', { input });
export const updateTeamMember = (id, input) => call('update_team_member', { id, input });
export const deleteTeamMember = (id) => call('delete_team_member', { id });
export const validateTeamMember = async (input, id = null) =>
  fieldErrors(await call('validate_team_member', { input, id }));
export const moveTeamMember = (id, stage) => call('move_team_member', { id, stage });
export const listOnboardingTemplates = (query, lang = getLang()) => call('list_onboarding_templates', { query, lang });
export const getOnboardingTemplate = (id, lang = getLang()) => call('get_onboarding_template', { id, lang });
export const createOnboardingTemplate = (input) => call('create_onboarding_template', { input });
export const updateOnboardingTemplate = (id, input) => call('update_onboarding_template', { id, input });
export const duplicateOnboardingTemplate = (id, lang = getLang()) => call('duplicate_onboarding_template', { id, lang });
export const deleteOnboardingTemplate = (id) => call('delete_onboarding_template', { id });
export const validateOnboardingTemplate = async (input) =>
  fieldErrors(await call('validate_onboarding_template', { input }));
export const startOnboarding = (input, lang = getLang()) => call('start_onboarding', { input, lang });
export const validateOnboardingStart = async (input) =>
  fieldErrors(await call('validate_onboarding_start', { input }));
export const onboardingOverview = (query) => call('onboarding_overview', { query });
export const getOnboarding = (id) => call('get_onboarding', { id });
export const deleteOnboarding = (id) => call('delete_onboarding', { id });
export const setOnboardingItemDone = (itemId, done) => call('set_onboarding_item_done', { itemId, done });
export const addOnboardingItem = (id, input) => call('add_onboarding_item', { id, input });
export const validateOnboardingItem = async (input) =>
  fieldErrors(await call('validate_onboarding_item', { input }));
export const removeOnboardingItem = (itemId) => call('remove_onboarding_item', { itemId });
export const moveOnboardingItem = (itemId, up) => call('move_onboarding_item', { itemId, up });
/** Asks where to save (native dialog) and writes the PDF; the path, or null when cancelled. */
export const exportOnboardingPdf = (id, lang = getLang()) => call('export_onboarding_pdf', { id, lang });

// Time: entries, the week grid, the timer, gauges, milestones, month billing.
export const listTimeEntries = (query) => call('list_time_entries', { query });
export const createTimeEntry = (input) => call('create_time_entry', { input });
export const updateTimeEntry = (id, input) => call('update_time_entry', { id, input });
export const deleteTimeEntry = (id) => call('delete_time_entry', { id });
export const validateTimeEntry = async (input, id = null) =>
  fieldErrors(await call('validate_time_entry', { input, id }));
export const timeWeek = (query) => call('time_week', { query });
export const setTimeCell = (input) => call('set_time_cell', { input });
/** Asks where to save (native dialog) and writes the CSV; `{ path, file_name }`, or null. */
export const exportTimeCsv = (query, fileName) => call('export_time_csv', { query, fileName });
export const getTimer = () => call('get_timer');
export const startTimer = (input) => call('start_timer', { input });
export const stopTimer = () => call('stop_timer');
export const stopTimerAt = (end) => call('stop_timer_at', { end });
export const discardTimer = () => call('discard_timer');
export const getTimeRounding = () => call('get_time_rounding');
export const setTimeRounding = (step, mode) => call('set_time_rounding', { step, mode });
export const collaborationGauge = (id, month) => call('collaboration_gauge', { id, month });
export const listMilestones = (collaborationId) => call('list_milestones', { collaborationId });
export const saveMilestones = (input) => call('save_milestones', { input });
export const validateMilestones = async (input) =>
  fieldErrors(await call('validate_milestones', { input }));
export const defaultBillingMonth = () => call('default_billing_month');
export const previewMonthBill = (input) => call('preview_month_bill', { input });
export const billMonth = (input) => call('bill_month', { input });
export const billMilestone = (collaborationId) => call('bill_milestone', { collaborationId });
export const monthEnd = (month) => call('month_end', { month });

// --- where she stands: dashboard, reminders, receipts book, URSSAF, search -------
export const getDashboard = () => call('get_dashboard');
export const search = (text) => call('search', { text });
export const getFiguresConfig = () => call('get_figures_config');
export const validateFiguresConfig = async (input) =>
  fieldErrors(await call('validate_figures_config', { input }));
export const saveFiguresConfig = (input) => call('save_figures_config', { input });
export const listOverdue = () => call('list_overdue');
export const listReminders = (id) => call('list_reminders', { id });
export const previewReminder = (id, input) => call('preview_reminder', { id, input });
export const createReminder = (id, input) => call('create_reminder', { id, input });
export const exportReminderPdf = (reminderId) => call('export_reminder_pdf', { reminderId });
export const emailReminder = (reminderId, path = null) => call('email_reminder', { reminderId, path });
export const receiptsBook = (year) => call('receipts_book', { year });
/** `format`: "pdf" or "csv". */
export const exportReceipts = (year, format) => call('export_receipts', { year, format });
export const urssafPeriods = (year) => call('urssaf_periods', { year });
export const declareUrssaf = (period) => call('declare_urssaf', { period });
export const undeclareUrssaf = (period) => call('undeclare_urssaf', { period });
