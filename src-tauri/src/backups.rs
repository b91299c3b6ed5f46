//! When backups are taken, and how they report to the window: at start-up when
//! the newest is more than a day old, then every day the app stays open, and on
//! « Sauvegarder maintenant ». The copy itself (`tandem_core::backup`) runs on a
//! blocking thread with a connection of its own; the window hears about it
//! through events (`backup-progress`, `backup-finished`) and stays responsive.
//! After each backup the folder is rotated and the integrity chain is checked
//! quietly: a broken chain is reported in `backup-finished`.

use crate::events::{emit, BackupFinished, BackupProgress, DatabaseDamaged};
use crate::state::AppState;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};
use tandem_core::backup::{self, BackupFile, Reason};
use tandem_core::chrono::{Local, NaiveDateTime};
use tandem_core::{Error, Result};
use tauri::{AppHandle, Manager, Runtime};

/// How old the newest backup may get before the app takes a new one.
const EVERY: Duration = Duration::from_secs(24 * 3600);
/// How often an open app looks whether a daily backup is due.
const LOOK_EVERY: Duration = Duration::from_secs(15 * 60);
/// Not during the first seconds of a start: the window comes first.
const AFTER_START: Duration = Duration::from_secs(5);

fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// Takes one backup now (the caller is on a blocking thread), reporting
/// progress to the window; rotates and checks afterwards. One at a time.
pub fn run<R: Runtime>(app: &AppHandle<R>, reason: Reason) -> Result<BackupFile> {
    let state = app.state::<AppState>();
    if state.backing_up.swap(true, Ordering::SeqCst) {
        return Err(Error::field(
            "backup",
            "backup_running",
            "a backup is already being written",
        ));
    }
    let result = run_locked(app, &state, reason);
    state.backing_up.store(false, Ordering::SeqCst);
    let (file, error) = match &result {
        Ok(f) => (Some(f.clone()), None),
        Err(e) => {
            log::error!("backup ({reason:?}) failed: {e}");
            (None, Some(e.code()))
        }
    };
    let broken = if result.is_ok() {
        quiet_check(&state)
    } else {
        0
    };
    emit(
        app,
        &BackupFinished {
            file,
            error,
            broken,
        },
    );
    result
}

fn run_locked<R: Runtime>(
    app: &AppHandle<R>,
    state: &AppState,
    reason: Reason,
) -> Result<BackupFile> {
    // A file that did not open (damaged, too new) is not backed up over the good ones.
    let db = state.db()?;
    let folder = backup::folder(state.data_dir());
    backup::clean_parts(&folder)?;
    let mut last = Instant::now();
    let file = backup::take(db.path(), &folder, reason, now(), &mut |p| {
        // At most ten progress events a second.
        if p.done == p.total || last.elapsed() > Duration::from_millis(100) {
            last = Instant::now();
            emit(
                app,
                &BackupProgress {
                    done: p.done,
                    total: p.total,
                },
            );
        }
    })?;
    match backup::rotate(&folder) {
        Ok(removed) if !removed.is_empty() => {
            log::info!("rotation removed {} backups", removed.len())
        }
        Ok(_) => {}
        Err(e) => log::warn!("rotation failed: {e}"),
    }
    log::info!("backup {} written ({} bytes)", file.file_name, file.size);
    Ok(file)
}

/// The integrity check after a backup: only its count reaches the window (the
/// details are one click away in Réglages).
fn quiet_check(state: &AppState) -> usize {
    match state
        .db()
        .and_then(|db| db.read(tandem_core::integrity::verify))
    {
        Ok(report) => {
            if !report.intact() {
                log::warn!("integrity check: {} records altered", report.broken.len());
            }
            report.broken.len()
        }
        Err(e) => {
            log::warn!("integrity check failed: {e}");
            0
        }
    }
}

/// Whether the newest backup in the folder is older than a day.
fn due(state: &AppState) -> bool {
    let newest = backup::list(&backup::folder(state.data_dir()))
        .ok()
        .and_then(|l| l.into_iter().next())
        .and_then(|b| b.taken());
    match newest {
        Some(t) => (now() - t).to_std().is_ok_and(|age| age >= EVERY),
        None => true,
    }
}

/// Reads every page of the open file once, off the start-up path; a damaged
/// one closes the database and sends the window to the damaged-file screen.
fn check_pages<R: Runtime>(app: &AppHandle<R>) {
    let state = app.state::<AppState>();
    let Ok(db) = state.db() else { return };
    match tandem_core::db::quick_check(db.path()) {
        Err(e @ Error::Damaged(_)) => {
            log::error!("the data file failed its page check: {e}");
            drop(db);
            state.set_db(Err(e));
            emit(app, &DatabaseDamaged {});
        }
        Err(e) => log::warn!("page check not run: {e}"),
        Ok(()) => log::info!("page check passed"),
    }
}

/// The page check once, then the daily backup, for the life of the app.
pub fn schedule<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let handle = app.clone();
        let _ = tauri::async_runtime::spawn_blocking(move || check_pages(&handle)).await;
        tokio::time::sleep(AFTER_START).await;
        loop {
            let handle = app.clone();
            let _ = tauri::async_runtime::spawn_blocking(move || {
                let state = handle.state::<AppState>();
                if state.db().is_ok() && due(&state) {
                    let _ = run(&handle, Reason::Daily);
                }
            })
            .await;
            tokio::time::sleep(LOOK_EVERY).await;
        }
    });
}
