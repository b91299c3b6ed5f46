//! The business profile (welcome screen and Réglages).

use super::{read, write};
use crate::state::AppState;
use tandem_core::legal_rates::{self, PenaltyRates};
use tandem_core::profile::{self, Profile, ProfileInput};
use tandem_core::{ops, FieldError, Result};
use tauri::State;

#[tauri::command(async)]
pub fn get_profile(state: State<'_, AppState>) -> Result<Option<Profile>> {
    read(&state, profile::get)
}

#[tauri::command(async)]
pub fn save_profile(state: State<'_, AppState>, input: ProfileInput) -> Result<Profile> {
    write(&state, |tx| {
        ops::save_profile(tx, &input, tandem_core::today())
    })
}

/// Field errors of the form as typed so far; writes nothing.
#[tauri::command(async)]
pub fn validate_profile(
    state: State<'_, AppState>,
    input: ProfileInput,
) -> Result<Vec<FieldError>> {
    read(&state, |c| {
        profile::validate(c, &input, tandem_core::today())
    })
}

/// The late-penalty floor and the usual rate in force today, for the profile form.
#[tauri::command(async)]
pub fn penalty_rates(state: State<'_, AppState>) -> Result<Option<PenaltyRates>> {
    read(&state, |c| legal_rates::in_force(c, tandem_core::today()))
}
