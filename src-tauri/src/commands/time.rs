//! Time: entries, the timer, the week grid, gauges, milestones, and billing a
//! month (`tandem_core::ops::billing`).

use super::{read, write};
use crate::export::{self, Exported};
use crate::state::AppState;
use tandem_core::documents::Document;
use tandem_core::milestones::{self, MilestonesInput, Plan};
use tandem_core::ops::billing::{self, BillMonthInput, MonthPlan};
use tandem_core::settings::{self, Rounding};
use tandem_core::timesheet::gauges::{self, Gauge};
use tandem_core::timesheet::list::{self, EntryList, EntryQuery};
use tandem_core::timesheet::timer::{self, Running, Started, Stopped, TimerInput};
use tandem_core::timesheet::week::{self, CellInput, Week, WeekQuery};
use tandem_core::timesheet::{entries, Entry, EntryInput};
use tandem_core::{collaborations, now, today, FieldError, Result};
use tauri::{AppHandle, State};

// --- entries -------------------------------------------------------------------

#[tauri::command(async)]
pub fn list_time_entries(state: State<'_, AppState>, query: EntryQuery) -> Result<EntryList> {
    read(&state, |c| list::list(c, &query))
}

#[tauri::command(async)]
pub fn create_time_entry(state: State<'_, AppState>, input: EntryInput) -> Result<Entry> {
    write(&state, |tx| entries::create(tx, &input, today()))
}

#[tauri::command(async)]
pub fn update_time_entry(state: State<'_, AppState>, id: i64, input: EntryInput) -> Result<Entry> {
    write(&state, |tx| entries::update(tx, id, &input, today()))
}

#[tauri::command(async)]
pub fn delete_time_entry(state: State<'_, AppState>, id: i64) -> Result<()> {
    write(&state, |tx| entries::delete(tx, id))
}

#[tauri::command(async)]
pub fn validate_time_entry(
    state: State<'_, AppState>,
    input: EntryInput,
    id: Option<i64>,
) -> Result<Vec<FieldError>> {
    read(&state, |c| entries::validate(c, &input, id, today()))
}

#[tauri::command(async)]
pub fn time_week(state: State<'_, AppState>, query: WeekQuery) -> Result<Week> {
    read(&state, |c| week::week(c, &query, today()))
}

#[tauri::command(async)]
pub fn set_time_cell(state: State<'_, AppState>, input: CellInput) -> Result<()> {
    write(&state, |tx| week::set_cell(tx, &input, today()))
}

/// The entries the filters keep, as CSV, saved where she says.
#[tauri::command(async)]
pub fn export_time_csv(
    app: AppHandle,
    state: State<'_, AppState>,
    query: EntryQuery,
    file_name: String,
) -> Result<Option<Exported>> {
    let lang = read(&state, settings::language)?;
    let text = read(&state, |c| list::csv(c, &query, lang))?;
    let title = match lang {
        tandem_core::catalog::Language::En => "Export the hours",
        _ => "Exporter les heures",
    };
    export::save_file(&app, title, &file_name, ("CSV", "csv"), text.as_bytes())
}

// --- the timer -------------------------------------------------------------------

#[tauri::command(async)]
pub fn get_timer(state: State<'_, AppState>) -> Result<Option<Running>> {
    read(&state, |c| timer::get(c, now()))
}

#[tauri::command(async)]
pub fn start_timer(state: State<'_, AppState>, input: TimerInput) -> Result<Started> {
    write(&state, |tx| timer::start(tx, &input, now()))
}

#[tauri::command(async)]
pub fn stop_timer(state: State<'_, AppState>) -> Result<Stopped> {
    write(&state, |tx| timer::stop(tx, now()))
}

/// Stops a forgotten timer at the local time she gives ("2026-11-30T18:30").
#[tauri::command(async)]
pub fn stop_timer_at(state: State<'_, AppState>, end: String) -> Result<Stopped> {
    let end = timer::parse_local(&end)?;
    write(&state, |tx| timer::stop_at(tx, end, now()))
}

#[tauri::command(async)]
pub fn discard_timer(state: State<'_, AppState>) -> Result<()> {
    write(&state, |tx| timer::discard(tx))
}

#[tauri::command(async)]
pub fn get_time_rounding(state: State<'_, AppState>) -> Result<Rounding> {
    read(&state, settings::rounding)
}

#[tauri::command(async)]
pub fn set_time_rounding(
    state: State<'_, AppState>,
    step: String,
    mode: String,
) -> Result<Rounding> {
    write(&state, |tx| settings::set_rounding(tx, &step, &mode))
}

// --- gauges, milestones, billing ----------------------------------------------------

#[tauri::command(async)]
pub fn collaboration_gauge(
    state: State<'_, AppState>,
    id: i64,
    month: String,
) -> Result<Option<Gauge>> {
    read(&state, |c| {
        let k = collaborations::get(c, id)?;
        gauges::gauge(c, &k, &month)
    })
}

#[tauri::command(async)]
pub fn list_milestones(state: State<'_, AppState>, collaboration_id: i64) -> Result<Plan> {
    read(&state, |c| milestones::list(c, collaboration_id))
}

#[tauri::command(async)]
pub fn save_milestones(state: State<'_, AppState>, input: MilestonesInput) -> Result<Plan> {
    write(&state, |tx| milestones::save(tx, &input))
}

#[tauri::command(async)]
pub fn validate_milestones(
    state: State<'_, AppState>,
    input: MilestonesInput,
) -> Result<Vec<FieldError>> {
    read(&state, |c| milestones::validate(c, &input))
}

/// The month « Facturer le mois » proposes today.
#[tauri::command(async)]
pub fn default_billing_month() -> String {
    billing::default_month(today())
}

#[tauri::command(async)]
pub fn preview_month_bill(state: State<'_, AppState>, input: BillMonthInput) -> Result<MonthPlan> {
    read(&state, |c| billing::preview(c, &input, today()))
}

#[tauri::command(async)]
pub fn bill_month(state: State<'_, AppState>, input: BillMonthInput) -> Result<Document> {
    write(&state, |tx| billing::bill_month(tx, &input, today()))
}

#[tauri::command(async)]
pub fn bill_milestone(state: State<'_, AppState>, collaboration_id: i64) -> Result<Document> {
    write(&state, |tx| {
        billing::bill_milestone(tx, collaboration_id, today())
    })
}

#[tauri::command(async)]
pub fn month_end(state: State<'_, AppState>, month: String) -> Result<Vec<MonthPlan>> {
    read(&state, |c| billing::month_end(c, &month, today()))
}
