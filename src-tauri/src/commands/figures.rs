//! Where she stands: the dashboard, reminders, the receipts book, the URSSAF
//! declaration, the ceilings' settings, and the global search
//! (`tandem_core::figures`, `documents::reminders`, `search`).

use super::{read, write, write_durable};
use crate::export::{self, Exported};
use crate::state::AppState;
use tandem_core::catalog::Language;
use tandem_core::documents::reminders::{self, Overdue, Reminder, ReminderInput};
use tandem_core::figures::dashboard::{self, Dashboard};
use tandem_core::figures::receipts::{self, Book};
use tandem_core::figures::urssaf::{self, Period};
use tandem_core::search::{self, Found};
use tandem_core::settings::figures::{self as config, Config, ConfigInput};
use tandem_core::{profile, settings, today, FieldError, Result};
use tauri::{AppHandle, State};

#[tauri::command(async)]
pub fn get_dashboard(state: State<'_, AppState>) -> Result<Dashboard> {
    read(&state, |c| dashboard::dashboard(c, today()))
}

#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, text: String) -> Result<Vec<Found>> {
    read(&state, |c| search::search(c, &text))
}

// --- settings ------------------------------------------------------------------

#[tauri::command(async)]
pub fn get_figures_config(state: State<'_, AppState>) -> Result<Config> {
    read(&state, config::get)
}

#[tauri::command(async)]
pub fn validate_figures_config(
    state: State<'_, AppState>,
    input: ConfigInput,
) -> Result<Vec<FieldError>> {
    read(&state, |c| tandem_core::validate::errors(c, &input, None))
}

#[tauri::command(async)]
pub fn save_figures_config(state: State<'_, AppState>, input: ConfigInput) -> Result<Config> {
    write(&state, |tx| config::set(tx, &input))
}

// --- reminders -----------------------------------------------------------------

#[tauri::command(async)]
pub fn list_overdue(state: State<'_, AppState>) -> Result<Vec<Overdue>> {
    read(&state, |c| reminders::overdue(c, today()))
}

#[tauri::command(async)]
pub fn list_reminders(state: State<'_, AppState>, id: i64) -> Result<Vec<Reminder>> {
    read(&state, |c| reminders::of(c, id))
}

#[tauri::command(async)]
pub fn preview_reminder(
    state: State<'_, AppState>,
    id: i64,
    input: ReminderInput,
) -> Result<Reminder> {
    read(&state, |c| reminders::preview(c, id, &input, today()))
}

#[tauri::command(async)]
pub fn create_reminder(
    state: State<'_, AppState>,
    id: i64,
    input: ReminderInput,
) -> Result<Reminder> {
    write_durable(&state, |tx| reminders::create(tx, id, &input, today()))
}

#[tauri::command(async)]
pub fn export_reminder_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    reminder_id: i64,
) -> Result<Option<Exported>> {
    let (bytes, name) = read(&state, |c| reminders::pdf(c, reminder_id))?;
    export::save_pdf(&app, export::save_title(&state), &name, &bytes)
}

/// The e-mail draft of a reminder; `path` is where its PDF was saved, if it was.
#[tauri::command(async)]
pub fn email_reminder(
    state: State<'_, AppState>,
    reminder_id: i64,
    path: Option<String>,
) -> Result<()> {
    let url = read(&state, |c| {
        reminders::mailto(c, reminder_id, path.as_deref())
    })?;
    export::mail(&url)
}

// --- the receipts book -----------------------------------------------------------

#[tauri::command(async)]
pub fn receipts_book(state: State<'_, AppState>, year: i32) -> Result<Book> {
    read(&state, |c| receipts::book(c, year))
}

#[tauri::command(async)]
pub fn export_receipts(
    app: AppHandle,
    state: State<'_, AppState>,
    year: i32,
    format: String,
) -> Result<Option<Exported>> {
    let lang = read(&state, settings::language)?;
    let (book, issuer) = read(&state, |c| {
        let who = profile::get(c)?
            .map(|p| p.trade_name.clone().unwrap_or(p.legal_name))
            .unwrap_or_default();
        Ok((receipts::book(c, year)?, who))
    })?;
    if format == "csv" {
        let title = match lang {
            Language::En => "Export the receipts book",
            _ => "Exporter le livre des recettes",
        };
        let text = receipts::csv(&book, lang)?;
        let name = receipts::file_name(year, lang, "csv");
        export::save_file(&app, title, &name, ("CSV", "csv"), text.as_bytes())
    } else {
        let bytes = tandem_core::pdf::render(&receipts::document(&book, &issuer, lang))?;
        let name = receipts::file_name(year, lang, "pdf");
        export::save_pdf(&app, export::save_title(&state), &name, &bytes)
    }
}

// --- URSSAF ----------------------------------------------------------------------

#[tauri::command(async)]
pub fn urssaf_periods(state: State<'_, AppState>, year: i32) -> Result<Vec<Period>> {
    read(&state, |c| urssaf::year(c, year, today()))
}

#[tauri::command(async)]
pub fn declare_urssaf(state: State<'_, AppState>, period: String) -> Result<Period> {
    write(&state, |tx| urssaf::declare(tx, &period, today()))
}

#[tauri::command(async)]
pub fn undeclare_urssaf(state: State<'_, AppState>, period: String) -> Result<Period> {
    write(&state, |tx| urssaf::undeclare(tx, &period, today()))
}
