//! The business profile (welcome screen and Réglages).

use super::{read, write};
use crate::state::AppState;
use tandem_core::legal_rates::{self, LegalRateInput, PenaltyRates};
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

/// Every half-year of legal rates known, newest first.
#[tauri::command(async)]
pub fn list_legal_rates(state: State<'_, AppState>) -> Result<Vec<PenaltyRates>> {
    read(&state, legal_rates::list)
}

/// Records a half-year's rates (a new arrêté); every period, newest first.
#[tauri::command(async)]
pub fn save_legal_rate(
    state: State<'_, AppState>,
    input: LegalRateInput,
) -> Result<Vec<PenaltyRates>> {
    write(&state, |tx| legal_rates::save(tx, &input))
}

/// Field errors of the legal-rate form as typed so far; writes nothing.
#[tauri::command(async)]
pub fn validate_legal_rate(
    state: State<'_, AppState>,
    input: LegalRateInput,
) -> Result<Vec<FieldError>> {
    read(&state, |c| legal_rates::validate(c, &input))
}
