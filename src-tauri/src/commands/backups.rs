//! Réglages › Sauvegardes, « Vérifier l'intégrité », restore, and the damaged-file
//! start-up screen. Every path comes from the app's own folders or a native
//! dialog: the UI names a backup by its file name in the backups folder, never
//! by a path, and restores only what was checked (`AppState::pending_restore`).

use super::read;
use crate::backups;
use crate::export::io;
use crate::state::AppState;
use serde::Serialize;
use std::path::PathBuf;
use tandem_core::backup::{self, BackupFile, Checked, Reason};
use tandem_core::chrono::Local;
use tandem_core::integrity::{self, Report};
use tandem_core::{Error, Result};
use tauri::{AppHandle, Manager, State};
use tauri_plugin_dialog::DialogExt;

#[derive(Serialize)]
pub struct Overview {
    pub folder: String,
    pub is_default_folder: bool,
    /// The sync service the backups folder is in (good: off the machine).
    pub folder_synced: Option<&'static str>,
    /// The sync service the live database is in (bad: see the warning).
    pub database_synced: Option<&'static str>,
    pub backups: Vec<BackupFile>,
    pub running: bool,
}

fn overview(state: &AppState) -> Result<Overview> {
    let folder = backup::folder(state.data_dir());
    Ok(Overview {
        folder_synced: backup::synced_folder(&folder),
        database_synced: backup::synced_folder(state.data_dir()),
        is_default_folder: folder == backup::default_folder(state.data_dir()),
        backups: backup::list(&folder)?,
        folder: folder.display().to_string(),
        running: state.backing_up.load(std::sync::atomic::Ordering::SeqCst),
    })
}

#[tauri::command(async)]
pub fn backups_overview(state: State<'_, AppState>) -> Result<Overview> {
    overview(&state)
}

/// « Sauvegarder maintenant »: returns once the backup is written and checked;
/// progress comes as `backup-progress` events meanwhile.
#[tauri::command(async)]
pub fn backup_now(app: AppHandle) -> Result<BackupFile> {
    backups::run(&app, Reason::Manual)
}

/// The native folder dialog; `None` when she cancels.
#[tauri::command(async)]
pub fn choose_backup_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<Overview>> {
    let mut dialog = app
        .dialog()
        .file()
        .set_directory(backup::folder(state.data_dir()));
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let Some(chosen) = dialog.blocking_pick_folder() else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(io)?;
    backup::set_folder(state.data_dir(), &path)?;
    overview(&state).map(Some)
}

#[tauri::command(async)]
pub fn open_backup_folder(state: State<'_, AppState>) -> Result<()> {
    let folder = backup::folder(state.data_dir());
    std::fs::create_dir_all(&folder)?;
    tauri_plugin_opener::open_path(folder, None::<&str>).map_err(io)
}

/// What a checked file holds, shown before she confirms the restore.
#[derive(Serialize)]
pub struct RestorePlan {
    pub file_name: String,
    pub taken_at: Option<String>,
    pub reason: Option<Reason>,
    pub schema: i64,
    pub clients: i64,
    pub issued: i64,
    pub last_number: Option<String>,
    pub size: u64,
}

fn scratch(state: &AppState) -> PathBuf {
    state.data_dir().join("restore-candidate.db")
}

fn plan(state: &AppState, file: Option<&BackupFile>, name: &str, checked: Checked) -> RestorePlan {
    let out = RestorePlan {
        file_name: name.to_owned(),
        taken_at: file.map(|f| f.taken_at.clone()),
        reason: file.map(|f| f.reason),
        schema: checked.schema,
        clients: checked.clients,
        issued: checked.issued,
        last_number: checked.last_number.clone(),
        size: checked.size,
    };
    *state
        .pending_restore
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = Some(checked);
    out
}

/// Checks a backup of the list (by its file name) before a restore.
#[tauri::command(async)]
pub fn check_backup(state: State<'_, AppState>, file_name: String) -> Result<RestorePlan> {
    let folder = backup::folder(state.data_dir());
    let file = backup::list(&folder)?
        .into_iter()
        .find(|b| b.file_name == file_name)
        .ok_or_else(|| Error::field("file", "backup_missing", "no such backup in the folder"))?;
    let checked = backup::check(&file.path, &scratch(&state))?;
    Ok(plan(&state, Some(&file), &file_name, checked))
}

/// The native open dialog for a file she picks herself; `None` when cancelled.
#[tauri::command(async)]
pub fn pick_restore_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<RestorePlan>> {
    let mut dialog = app
        .dialog()
        .file()
        .add_filter("Tandem", &["db", "sqlite", "sqlite3"])
        .set_directory(backup::folder(state.data_dir()));
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let Some(chosen) = dialog.blocking_pick_file() else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(io)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let checked = backup::check(&path, &scratch(&state))?;
    Ok(Some(plan(&state, None, &name, checked)))
}

#[derive(Serialize)]
pub struct Restored {
    /// The backup of the data that was current (an open database), or where the
    /// damaged file was kept (one that did not open).
    pub kept: Option<String>,
}

/// Restores the file last checked. With an open database, its data is first
/// backed up (`before-restore`) and then replaced in place; a database that
/// did not open is moved aside (never deleted) and the checked copy takes its
/// place. Either way the app then runs on the restored data.
#[tauri::command(async)]
pub fn restore_pending(app: AppHandle, state: State<'_, AppState>) -> Result<Restored> {
    let checked = state
        .pending_restore
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take()
        .ok_or_else(|| Error::field("file", "backup_missing", "check a backup first"))?;
    let result = restore(&app, &state, &checked);
    let _ = std::fs::remove_file(&checked.copy);
    if let Err(e) = &result {
        log::error!("restore failed: {e}");
    }
    result
}

fn restore(app: &AppHandle, state: &AppState, checked: &Checked) -> Result<Restored> {
    match state.db() {
        Ok(db) => {
            let aside = backups::run(app, Reason::BeforeRestore)?;
            db.restore_from(checked)?;
            log::info!(
                "restored over the open database; previous data in {}",
                aside.file_name
            );
            Ok(Restored {
                kept: Some(aside.path.display().to_string()),
            })
        }
        Err(_) => {
            let kept = backup::put_in_place(checked, &state.db_path(), Local::now().naive_local())?;
            state.set_db(crate::data_dir::open_db(state.data_dir()));
            state.db()?;
            log::info!("restored in place of a file that did not open");
            Ok(Restored {
                kept: kept.map(|p| p.display().to_string()),
            })
        }
    }
}

/// « Vérifier l'intégrité »: the whole chain, every issued document and payment.
#[tauri::command(async)]
pub fn verify_integrity(state: State<'_, AppState>) -> Result<Report> {
    read(&state, integrity::verify)
}

/// « Réessayer » on the start-up error: opens the file again (the folder is
/// already this process's), instead of only reloading the page.
#[tauri::command(async)]
pub fn reopen_database(state: State<'_, AppState>) -> Result<()> {
    if state.db().is_err() {
        // She asked to try again: the full page check is worth its second here.
        let opened = crate::data_dir::open_db(state.data_dir()).and_then(|db| {
            tandem_core::db::quick_check(db.path())?;
            Ok(db)
        });
        state.set_db(opened);
    }
    state.db().map(|_| ())
}

/// For the start-up screen of a file that did not open: the newest backup that
/// passes its check (ready to restore) and the folder.
#[derive(Serialize)]
pub struct Rescue {
    pub folder: String,
    pub newest: Option<RestorePlan>,
    pub backups: usize,
}

#[tauri::command(async)]
pub fn rescue(state: State<'_, AppState>) -> Result<Rescue> {
    let folder = backup::folder(state.data_dir());
    let all = backup::list(&folder)?;
    let newest = backup::newest_good(&folder, &scratch(&state))?
        .map(|(file, checked)| plan(&state, Some(&file), &file.file_name.clone(), checked));
    Ok(Rescue {
        folder: folder.display().to_string(),
        newest,
        backups: all.len(),
    })
}
