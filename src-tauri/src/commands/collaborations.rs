//! Collaborations.

use super::{read, write};
use crate::state::AppState;
use tandem_core::collaborations::{self, Collaboration, CollaborationInput, CollaborationQuery};
use tandem_core::paging::Page;
use tandem_core::{FieldError, Result};
use tauri::State;

#[tauri::command(async)]
pub fn list_collaborations(
    state: State<'_, AppState>,
    query: CollaborationQuery,
) -> Result<Page<Collaboration>> {
    read(&state, |c| collaborations::list(c, &query))
}

#[tauri::command(async)]
pub fn get_collaboration(state: State<'_, AppState>, id: i64) -> Result<Collaboration> {
    read(&state, |c| collaborations::get(c, id))
}

#[tauri::command(async)]
pub fn create_collaboration(
    state: State<'_, AppState>,
    input: CollaborationInput,
) -> Result<Collaboration> {
    write(&state, |tx| collaborations::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_collaboration(
    state: State<'_, AppState>,
    id: i64,
    input: CollaborationInput,
) -> Result<Collaboration> {
    write(&state, |tx| collaborations::update(tx, id, &input))
}

#[tauri::command(async)]
pub fn delete_collaboration(state: State<'_, AppState>, id: i64) -> Result<()> {
    write(&state, |tx| collaborations::delete(tx, id))
}

/// Field errors of the form as typed so far (checks the client exists); writes nothing.
#[tauri::command(async)]
pub fn validate_collaboration(
    state: State<'_, AppState>,
    input: CollaborationInput,
    id: Option<i64>,
) -> Result<Vec<FieldError>> {
    read(&state, |c| collaborations::validate(c, &input, id))
}
