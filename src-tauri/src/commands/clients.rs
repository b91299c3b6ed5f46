//! Clients.

use super::{read, write};
use crate::state::AppState;
use tandem_core::clients::{self, Client, ClientInput, ClientQuery, ClientRow};
use tandem_core::paging::Page;
use tandem_core::{ops, FieldError, Result};
use tauri::State;

#[tauri::command(async)]
pub fn list_clients(state: State<'_, AppState>, query: ClientQuery) -> Result<Page<ClientRow>> {
    read(&state, |c| clients::list(c, &query))
}

#[tauri::command(async)]
pub fn get_client(state: State<'_, AppState>, id: i64) -> Result<Client> {
    read(&state, |c| clients::get(c, id))
}

#[tauri::command(async)]
pub fn create_client(state: State<'_, AppState>, input: ClientInput) -> Result<Client> {
    write(&state, |tx| clients::create(tx, &input))
}

#[tauri::command(async)]
pub fn update_client(state: State<'_, AppState>, id: i64, input: ClientInput) -> Result<Client> {
    write(&state, |tx| ops::update_client(tx, id, &input))
}

#[tauri::command(async)]
pub fn set_client_archived(state: State<'_, AppState>, id: i64, archived: bool) -> Result<Client> {
    write(&state, |tx| clients::set_archived(tx, id, archived))
}

/// Field errors of the form as typed so far; writes nothing.
#[tauri::command(async)]
pub fn validate_client(state: State<'_, AppState>, input: ClientInput) -> Result<Vec<FieldError>> {
    read(&state, |c| clients::validate(c, &input))
}
