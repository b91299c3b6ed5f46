//! « Importer des clients depuis un tableur ». The file comes from the native
//! open dialog and is read here; its bytes stay in `AppState::import_file` while
//! she maps the columns and excludes rows. The UI never names a path: it only
//! sends a mapping and the lines to leave out.

use super::{read, write};
use crate::export::io;
use crate::state::AppState;
use tandem_core::catalog::Language;
use tandem_core::portability::import::{self, ImportReport, Mapping, Preview};
use tandem_core::{Error, Result};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

fn no_file() -> Error {
    Error::field("file", "import_no_file", "pick a file to import first")
}

/// Reads the file she picks (CSV or text), keeps it, and previews it with the
/// mapping guessed from its header; `None` when she cancels.
#[tauri::command(async)]
pub fn pick_import_file(app: AppHandle, state: State<'_, AppState>) -> Result<Option<Preview>> {
    let title = match state
        .db()
        .and_then(|db| db.read(tandem_core::settings::language))
    {
        Ok(Language::En) => "Import clients",
        _ => "Importer des clients",
    };
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter("CSV", &["csv", "txt"]);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let Some(chosen) = dialog.blocking_pick_file() else {
        return Ok(None);
    };
    // The file picked before is forgotten, whatever becomes of this one.
    let mut kept = state.import_file.lock().unwrap_or_else(|p| p.into_inner());
    *kept = None;
    let bytes = (|| {
        let path = chosen.into_path().map_err(io)?;
        // Refused before it is read into memory.
        import::check_size(std::fs::metadata(&path)?.len())?;
        Ok(std::fs::read(path)?)
    })()
    .inspect_err(crate::logging::command_error)?;
    let preview = read(&state, |c| import::preview(c, &bytes, None));
    *kept = preview.is_ok().then_some(bytes);
    preview.map(Some)
}

/// The picked file again, read with the mapping she chose.
#[tauri::command(async)]
pub fn preview_import(state: State<'_, AppState>, mapping: Mapping) -> Result<Preview> {
    let file = state.import_file.lock().unwrap_or_else(|p| p.into_inner());
    let bytes = file.as_deref().ok_or_else(no_file)?;
    read(&state, |c| import::preview(c, bytes, Some(mapping)))
}

/// Creates the clients of every row but the `excluded` lines, in one
/// transaction: all of them or none. The file is forgotten once imported.
#[tauri::command(async)]
pub fn import_clients(
    state: State<'_, AppState>,
    mapping: Mapping,
    excluded: Vec<usize>,
) -> Result<ImportReport> {
    let mut file = state.import_file.lock().unwrap_or_else(|p| p.into_inner());
    let bytes = file.as_deref().ok_or_else(no_file)?;
    let report = write(&state, |tx| {
        import::import(tx, bytes, Some(mapping), &excluded)
    })?;
    *file = None;
    Ok(report)
}
