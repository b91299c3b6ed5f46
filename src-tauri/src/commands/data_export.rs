//! « Tout exporter » (Réglages › Vos données) and a client's data rights (GDPR
//! arts. 15, 17, 20) on the client's page. The folder and the file are chosen
//! in native dialogs here; the core builds, writes and erases.

use super::{read, write_durable};
use crate::events::{self, ExportProgress};
use crate::export::{self, io, Exported};
use crate::state::AppState;
use tandem_core::catalog::Language;
use tandem_core::portability::export::{self as portable, ErasePlan};
use tandem_core::{settings, today, Result};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

/// Asks for a folder, writes `Tandem export YYYY-MM-DD` in it (progress as
/// `export-progress` events) and returns where; `None` when she cancels. The
/// folder is remembered, so « Afficher » may show it.
#[tauri::command(async)]
pub fn export_all(app: AppHandle, state: State<'_, AppState>) -> Result<Option<Exported>> {
    let lang = read(&state, settings::language)?;
    let mut dialog = app.dialog().file().set_title(match lang {
        Language::En => "Where to put the export",
        _ => "Où enregistrer l'export",
    });
    if let Ok(dir) = app.path().document_dir() {
        dialog = dialog.set_directory(dir);
    }
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let Some(chosen) = dialog.blocking_pick_folder() else {
        return Ok(None);
    };
    let parent = chosen.into_path().map_err(io)?;
    let day = today();
    let all = read(&state, |c| portable::export_all(c, day))?;
    let folder = portable::write_export(&all, &parent, day, &mut |done, total| {
        events::emit(&app, &ExportProgress { done, total });
    })
    .inspect_err(crate::logging::command_error)?;
    state.remember_export(folder.clone());
    Ok(Some(Exported {
        file_name: folder
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: folder.display().to_string(),
    }))
}

/// Everything about one client as a JSON file, saved where she says.
#[tauri::command(async)]
pub fn export_client_data(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> Result<Option<Exported>> {
    let lang = read(&state, settings::language)?;
    let day = today();
    let (json, name) = read(&state, |c| {
        let client = tandem_core::clients::get(c, id)?;
        Ok((portable::export_client(c, id, day)?, client.name))
    })?;
    let bytes = serde_json::to_vec_pretty(&json).map_err(io)?;
    let title = match lang {
        Language::En => "Export the client's data",
        _ => "Exporter les données du client",
    };
    let file_name = portable::client_file_name(&name, day);
    export::save_file(&app, title, &file_name, ("JSON", "json"), &bytes)
}

/// What erasing the client would remove and keep, for the confirmation.
#[tauri::command(async)]
pub fn client_erase_plan(state: State<'_, AppState>, id: i64) -> Result<ErasePlan> {
    read(&state, |c| portable::erase_plan(c, id))
}

/// Erases the client in one transaction; returns what was removed and kept.
#[tauri::command(async)]
pub fn erase_client(state: State<'_, AppState>, id: i64) -> Result<ErasePlan> {
    write_durable(&state, |tx| portable::erase_client(tx, id))
}
