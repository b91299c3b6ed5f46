//! Quotes, invoices, deposit invoices, credit notes, payments and their PDFs.

use super::{read, write, write_durable};
use crate::export::{self, Exported};
use crate::state::AppState;
use tandem_core::catalog::Language;
use tandem_core::chrono::Datelike;
use tandem_core::documents::{
    self, numbering, ConvertMode, Document, DocumentInput, DocumentQuery, DocumentRow,
    PaymentInput, Preview, ReversalInput,
};
use tandem_core::paging::Page;
use tandem_core::profile::{self, Profile};
use tandem_core::{settings, FieldError, Result};
use tauri::{AppHandle, State};

use tandem_core::today;

#[tauri::command(async)]
pub fn list_documents(
    state: State<'_, AppState>,
    query: DocumentQuery,
) -> Result<Page<DocumentRow>> {
    read(&state, |c| documents::list(c, &query, today()))
}

#[tauri::command(async)]
pub fn get_document(state: State<'_, AppState>, id: i64) -> Result<Document> {
    read(&state, |c| documents::get(c, id, today()))
}

#[tauri::command(async)]
pub fn create_document(state: State<'_, AppState>, input: DocumentInput) -> Result<Document> {
    write(&state, |tx| documents::create(tx, &input, today()))
}

#[tauri::command(async)]
pub fn update_document(
    state: State<'_, AppState>,
    id: i64,
    input: DocumentInput,
) -> Result<Document> {
    write(&state, |tx| documents::update(tx, id, &input, today()))
}

#[tauri::command(async)]
pub fn delete_document(state: State<'_, AppState>, id: i64) -> Result<()> {
    write(&state, |tx| documents::delete(tx, id))
}

/// Field errors of the editor as typed so far; writes nothing.
#[tauri::command(async)]
pub fn validate_document(
    state: State<'_, AppState>,
    input: DocumentInput,
    id: Option<i64>,
) -> Result<Vec<FieldError>> {
    read(&state, |c| documents::validate(c, &input, id))
}

/// What the editor shows live as typed (totals, VAT case, line totals, field
/// errors), in one call; writes nothing. `id` is the draft being edited.
#[tauri::command(async)]
pub fn preview_document(
    state: State<'_, AppState>,
    input: DocumentInput,
    id: Option<i64>,
) -> Result<Preview> {
    read(&state, |c| documents::preview(c, &input, id))
}

#[tauri::command(async)]
pub fn issue_document(state: State<'_, AppState>, id: i64) -> Result<Document> {
    write_durable(&state, |tx| documents::issue(tx, id, today()))
}

#[tauri::command(async)]
pub fn set_quote_status(state: State<'_, AppState>, id: i64, status: String) -> Result<Document> {
    write(&state, |tx| {
        documents::set_quote_status(tx, id, &status, today())
    })
}

#[tauri::command(async)]
pub fn invoice_from_quote(
    state: State<'_, AppState>,
    id: i64,
    mode: ConvertMode,
) -> Result<Document> {
    write(&state, |tx| {
        documents::invoice_from_quote(tx, id, &mode, today())
    })
}

#[tauri::command(async)]
pub fn credit_note_for(state: State<'_, AppState>, invoice_id: i64) -> Result<Document> {
    write(&state, |tx| {
        documents::credit_note_for(tx, invoice_id, today())
    })
}

#[tauri::command(async)]
pub fn add_payment(
    state: State<'_, AppState>,
    document_id: i64,
    input: PaymentInput,
) -> Result<Document> {
    write_durable(&state, |tx| {
        documents::add_payment(tx, document_id, &input, today())
    })
}

#[tauri::command(async)]
pub fn reverse_payment(
    state: State<'_, AppState>,
    payment_id: i64,
    input: ReversalInput,
) -> Result<Document> {
    write_durable(&state, |tx| {
        documents::reverse_payment(tx, payment_id, &input, today())
    })
}

fn ui_language(state: &AppState) -> Language {
    read(state, settings::language).unwrap_or(Language::Fr)
}

/// Renders the PDF, asks where to save it (native dialog), writes it.
/// `null` when the user cancels.
#[tauri::command(async)]
pub fn export_document_pdf(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Option<Exported>> {
    let (bytes, name) = read(&state, |c| documents::pdf(c, id, today()))?;
    export::save_pdf(&app, export::save_title(&state), &name, &bytes)
}

#[tauri::command(async)]
pub fn open_export(state: State<'_, AppState>, path: String) -> Result<()> {
    export::open(&state, &path)
}

#[tauri::command(async)]
pub fn reveal_export(state: State<'_, AppState>, path: String) -> Result<()> {
    export::reveal(&state, &path)
}

#[tauri::command(async)]
pub fn email_document(state: State<'_, AppState>, id: i64) -> Result<()> {
    let url = read(&state, |c| documents::mailto(c, id, today()))?;
    export::mail(&url)
}

#[tauri::command(async)]
pub fn get_numbering(state: State<'_, AppState>) -> Result<numbering::Numbering> {
    read(&state, |c| numbering::get(c, today().year()))
}

#[tauri::command(async)]
pub fn save_numbering(
    state: State<'_, AppState>,
    input: numbering::NumberingInput,
) -> Result<numbering::Numbering> {
    write(&state, |tx| numbering::save(tx, &input, today().year()))
}

/// Opens a file picker for the logo; `null` when cancelled.
#[tauri::command(async)]
pub fn choose_logo(app: AppHandle, state: State<'_, AppState>) -> Result<Option<Profile>> {
    let title = match ui_language(&state) {
        Language::En => "Choose your logo",
        _ => "Choisir votre logo",
    };
    match export::pick_image(&app, title)? {
        Some(bytes) => write(&state, |tx| profile::set_logo(tx, &bytes)).map(Some),
        None => Ok(None),
    }
}

#[tauri::command(async)]
pub fn remove_logo(state: State<'_, AppState>) -> Result<Option<Profile>> {
    write(&state, |tx| profile::remove_logo(tx))
}
