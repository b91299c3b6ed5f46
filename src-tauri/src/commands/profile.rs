//! The business profile (welcome screen and Réglages).

use super::{read, write};
use crate::state::AppState;
use tandem_core::profile::{self, Profile, ProfileInput};
use tandem_core::{ops, FieldError, Result};
use tauri::State;

#[tauri::command(async)]
pub fn get_profile(state: State<'_, AppState>) -> Result<Option<Profile>> {
    read(&state, profile::get)
}

#[tauri::command(async)]
pub fn save_profile(state: State<'_, AppState>, input: ProfileInput) -> Result<Profile> {
    write(&state, |tx| ops::save_profile(tx, &input))
}

/// Field errors of the form as typed so far; writes nothing.
#[tauri::command(async)]
pub fn validate_profile(
    state: State<'_, AppState>,
    input: ProfileInput,
) -> Result<Vec<FieldError>> {
    read(&state, |c| profile::validate(c, &input))
}
