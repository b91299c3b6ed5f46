//! The app itself: version, data folder, language, vocabularies.

use super::write;
use crate::state::AppState;
use serde::Serialize;
use tandem_core::catalog::{self, Catalog, Language};
use tandem_core::{profile, settings, Result};
use tauri::{AppHandle, Manager, State};

#[derive(Serialize)]
pub struct AppInfo {
    version: &'static str,
    data_dir: String,
    db_path: String,
    /// The folder of the rotated log files (`logging.rs`).
    log_dir: String,
    language: Language,
    /// False until the welcome has saved the business profile.
    has_profile: bool,
    /// The sync service whose folder holds the live database (a warning at start).
    database_synced: Option<&'static str>,
}

#[tauri::command(async)]
pub fn app_info(app: AppHandle, state: State<'_, AppState>) -> Result<AppInfo> {
    let db = state.db()?;
    let (language, has_profile) =
        db.read(|c| Ok((settings::language(c)?, profile::get(c)?.is_some())))?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: state.data_dir().display().to_string(),
        db_path: db.path().display().to_string(),
        log_dir: app
            .path()
            .app_log_dir()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
        language,
        has_profile,
        database_synced: tandem_core::backup::synced_folder(state.data_dir()),
    })
}

#[tauri::command(async)]
pub fn catalog() -> Catalog {
    catalog::catalog()
}

#[tauri::command(async)]
pub fn set_language(state: State<'_, AppState>, lang: String) -> Result<Language> {
    write(&state, |tx| settings::set_language(tx, &lang))
}
