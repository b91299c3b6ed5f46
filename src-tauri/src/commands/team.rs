//! Team: job descriptions, recruits and members, onboarding templates and checklists.
//! Overdue items are measured against the user's local date ([`team::today`]).
//! `lang` is the UI's language ("fr" / "en", from `ui/js/i18n.js`): built-in
//! templates are offered in it, and exports (PDF, text, file name) written in it.

use super::{read, write};
use crate::state::AppState;
use tandem_core::locale;
use tandem_core::paging::Page;
use tandem_core::team::job_descriptions::{
    self as jobs, JobDescription, JobDescriptionInput, JobQuery, TextFormat,
};
use tandem_core::team::members::{self, Member, MemberInput, MemberQuery};
use tandem_core::team::onboarding::{
    self, AddItemInput, Checklist, Overview, OverviewQuery, StartInput,
};
use tandem_core::team::onboarding_templates::{
    self as templates, Template, TemplateInput, TemplateQuery,
};
use tandem_core::team::{self, documents, TeamCatalog};
use tandem_core::today;
use tandem_core::{FieldError, Result};
use tauri::{AppHandle, State};

/// The shared export path (native dialog, atomic write, remembered for "open"):
/// the chosen path, or `None` when the user cancelled.
fn save_pdf(
    app: &AppHandle,
    state: &AppState,
    file_name: &str,
    bytes: &[u8],
) -> Result<Option<String>> {
    let title = crate::export::save_title(state);
    Ok(crate::export::save_pdf(app, title, file_name, bytes)?.map(|e| e.path))
}

#[tauri::command(async)]
pub fn team_catalog(lang: String) -> TeamCatalog {
    team::catalog(locale::lang(&lang))
}

// --- job descriptions --------------------------------------------------------

#[tauri::command(async)]
pub fn list_job_descriptions(
    state: State<'_, AppState>,
    query: JobQuery,
) -> Result<Page<JobDescription>> {
    read(&state, |c| jobs::list(c, &query))
}

#[tauri::command(async)]
pub fn get_job_description(state: State<'_, AppState>, id: i64) -> Result<JobDescription> {
    read(&state, |c| jobs::get(c, id))
}

#[tauri::command(async)]
pub fn create_job_description(
    state: State<'_, AppState>,
    input: JobDescriptionInput,
) -> Result<JobDescription> {
    write(&state, |tx| jobs::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_job_description(
    state: State<'_, AppState>,
    id: i64,
    input: JobDescriptionInput,
) -> Result<JobDescription> {
    write(&state, |tx| jobs::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn delete_job_description(state: State<'_, AppState>, id: i64) -> Result<()> {
    write(&state, |tx| jobs::delete(tx, id))
}

#[tauri::command(async)]
pub fn validate_job_description(
    state: State<'_, AppState>,
    input: JobDescriptionInput,
    id: Option<i64>,
) -> Result<Vec<FieldError>> {
    read(&state, |c| jobs::validate(c, &input, id))
}

/// The job description as Markdown or plain text, for the clipboard.
#[tauri::command(async)]
pub fn job_description_text(
    state: State<'_, AppState>,
    id: i64,
    format: TextFormat,
    lang: String,
) -> Result<String> {
    let lang = locale::lang(&lang);
    read(&state, |c| {
        Ok(jobs::to_text(&jobs::get(c, id)?, format, lang))
    })
}

/// Renders the job description as a PDF, asks where to save it, writes it.
#[tauri::command(async)]
pub fn export_job_description_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    lang: String,
) -> Result<Option<String>> {
    let job = read(&state, |c| jobs::get(c, id))?;
    let (bytes, name) = documents::job_description_export(&job, today(), locale::lang(&lang))?;
    save_pdf(&app, &state, &name, &bytes)
}

// --- recruits and members ----------------------------------------------------

#[tauri::command(async)]
pub fn list_team_members(state: State<'_, AppState>, query: MemberQuery) -> Result<Page<Member>> {
    read(&state, |c| members::list(c, &query))
}

#[tauri::command(async)]
pub fn get_team_member(state: State<'_, AppState>, id: i64) -> Result<Member> {
    read(&state, |c| members::get(c, id))
}

#[tauri::command(async)]
pub fn create_team_member(state: State<'_, AppState>, input: MemberInput) -> Result<Member> {
    write(&state, |tx| members::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_team_member(
    state: State<'_, AppState>,
    id: i64,
    input: MemberInput,
) -> Result<Member> {
    write(&state, |tx| members::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn delete_team_member(state: State<'_, AppState>, id: i64) -> Result<()> {
    write(&state, |tx| members::delete(tx, id))
}

#[tauri::command(async)]
pub fn validate_team_member(
    state: State<'_, AppState>,
    input: MemberInput,
    id: Option<i64>,
) -> Result<Vec<FieldError>> {
    read(&state, |c| members::validate(c, &input, id))
}

#[tauri::command(async)]
pub fn move_team_member(state: State<'_, AppState>, id: i64, stage: String) -> Result<Member> {
    write(&state, |tx| members::move_to(tx, id, &stage))
}

// --- onboarding templates ----------------------------------------------------

#[tauri::command(async)]
pub fn list_onboarding_templates(
    state: State<'_, AppState>,
    query: TemplateQuery,
    lang: String,
) -> Result<Page<Template>> {
    read(&state, |c| templates::list(c, &query, locale::lang(&lang)))
}

#[tauri::command(async)]
pub fn get_onboarding_template(
    state: State<'_, AppState>,
    id: i64,
    lang: String,
) -> Result<Template> {
    read(&state, |c| templates::get(c, id, locale::lang(&lang)))
}

#[tauri::command(async)]
pub fn create_onboarding_template(
    state: State<'_, AppState>,
    input: TemplateInput,
) -> Result<Template> {
    write(&state, |tx| templates::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_onboarding_template(
    state: State<'_, AppState>,
    id: i64,
    input: TemplateInput,
) -> Result<Template> {
    write(&state, |tx| templates::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn duplicate_onboarding_template(
    state: State<'_, AppState>,
    id: i64,
    lang: String,
) -> Result<Template> {
    write(&state, |tx| {
        templates::duplicate(tx, id, locale::lang(&lang))
    })
}

#[tauri::command(async)]
pub fn delete_onboarding_template(state: State<'_, AppState>, id: i64) -> Result<()> {
    write(&state, |tx| templates::delete(tx, id))
}

#[tauri::command(async)]
pub fn validate_onboarding_template(
    state: State<'_, AppState>,
    input: TemplateInput,
) -> Result<Vec<FieldError>> {
    read(&state, |c| templates::validate(c, &input))
}

// --- onboarding checklists ---------------------------------------------------

#[tauri::command(async)]
pub fn start_onboarding(
    state: State<'_, AppState>,
    input: StartInput,
    lang: String,
) -> Result<Checklist> {
    write(&state, |tx| {
        onboarding::start(tx, &input, locale::lang(&lang), today())
    })
}

#[tauri::command(async)]
pub fn validate_onboarding_start(
    state: State<'_, AppState>,
    input: StartInput,
) -> Result<Vec<FieldError>> {
    read(&state, |c| onboarding::validate_start(c, &input))
}

#[tauri::command(async)]
pub fn onboarding_overview(state: State<'_, AppState>, query: OverviewQuery) -> Result<Overview> {
    read(&state, |c| onboarding::overview(c, &query, today()))
}

#[tauri::command(async)]
pub fn get_onboarding(state: State<'_, AppState>, id: i64) -> Result<Checklist> {
    read(&state, |c| onboarding::get(c, id, today()))
}

#[tauri::command(async)]
pub fn delete_onboarding(state: State<'_, AppState>, id: i64) -> Result<()> {
    write(&state, |tx| onboarding::delete(tx, id))
}

#[tauri::command(async)]
pub fn set_onboarding_item_done(
    state: State<'_, AppState>,
    item_id: i64,
    done: bool,
) -> Result<Checklist> {
    write(&state, |tx| {
        onboarding::set_done(tx, item_id, done, today())
    })
}

#[tauri::command(async)]
pub fn add_onboarding_item(
    state: State<'_, AppState>,
    id: i64,
    input: AddItemInput,
) -> Result<Checklist> {
    write(&state, |tx| onboarding::add_item(tx, id, &input, today()))
}

#[tauri::command(async)]
pub fn validate_onboarding_item(
    state: State<'_, AppState>,
    input: AddItemInput,
) -> Result<Vec<FieldError>> {
    read(&state, |c| onboarding::validate_item(c, &input))
}

#[tauri::command(async)]
pub fn remove_onboarding_item(state: State<'_, AppState>, item_id: i64) -> Result<Checklist> {
    write(&state, |tx| onboarding::remove_item(tx, item_id, today()))
}

#[tauri::command(async)]
pub fn move_onboarding_item(
    state: State<'_, AppState>,
    item_id: i64,
    up: bool,
) -> Result<Checklist> {
    write(&state, |tx| onboarding::move_item(tx, item_id, up, today()))
}

/// Renders the checklist as a PDF, asks where to save it, writes it.
#[tauri::command(async)]
pub fn export_onboarding_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    lang: String,
) -> Result<Option<String>> {
    let checklist = read(&state, |c| onboarding::get(c, id, today()))?;
    let (bytes, name) = documents::checklist_export(&checklist, today(), locale::lang(&lang))?;
    save_pdf(&app, &state, &name, &bytes)
}
