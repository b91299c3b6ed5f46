//! Backups of the one file her business lives in, and the checks that decide
//! whether a file can be restored.
//!
//! A backup is a consistent copy made with SQLite's online backup API from a
//! connection of its own, so it runs off the UI thread while the app goes on
//! writing: the copy holds one read transaction from its first page to its
//! last (in WAL mode a reader never blocks the writer and sees one snapshot), in
//! steps that report progress. It is written as `<name>.part`, made a plain
//! rollback-journal file, checked (`PRAGMA integrity_check`, a Tandem schema),
//! synced, and only then renamed: a file named `*.db` in the folder is always a
//! whole, checked backup.
//!
//! Restoring never trusts a file: [`check`] copies the candidate into a scratch
//! file of the app's own (her file is only read), opens the copy, and refuses
//! what is not a whole Tandem database this app can read, with a coded reason.
//! What was checked is what gets restored.

mod rotation;
#[cfg(test)]
mod tests;

pub use rotation::{keep, rotate};

use crate::db::{Connection, MIGRATIONS};
use crate::error::{Error, Result};
use chrono::NaiveDateTime;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::OpenFlags;
use serde::Serialize;
use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Why a backup was taken; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// The automatic one, at start-up and then every day the app stays open.
    Daily,
    /// « Sauvegarder maintenant ».
    Manual,
    /// Just before a new version of the app upgrades the file's schema.
    BeforeMigration,
    /// The data that was current just before a restore replaced it.
    BeforeRestore,
}

impl Reason {
    fn slug(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::Manual => "manual",
            Reason::BeforeMigration => "before-migration",
            Reason::BeforeRestore => "before-restore",
        }
    }

    fn from_slug(s: &str) -> Option<Self> {
        [
            Reason::Daily,
            Reason::Manual,
            Reason::BeforeMigration,
            Reason::BeforeRestore,
        ]
        .into_iter()
        .find(|r| r.slug() == s)
    }
}

/// One backup in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupFile {
    pub path: PathBuf,
    pub file_name: String,
    /// Local time it was taken, `YYYY-MM-DDTHH:MM:SS` (from its name).
    pub taken_at: String,
    pub reason: Reason,
    pub size: u64,
}

impl BackupFile {
    pub fn taken(&self) -> Option<NaiveDateTime> {
        NaiveDateTime::parse_from_str(&self.taken_at, "%Y-%m-%dT%H:%M:%S").ok()
    }
}

/// How far a backup has gone, in pages of the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: i64,
    pub total: i64,
}

const PREFIX: &str = "tandem-";
const EXT: &str = ".db";
/// Pages per step: 4 MiB with SQLite's default page size, a few milliseconds.
const STEP_PAGES: i32 = 1024;

/// `tandem-2026-12-04-201500-daily.db`: sorts by time, says why.
pub fn file_name(at: NaiveDateTime, reason: Reason) -> String {
    format!(
        "{PREFIX}{}-{}{EXT}",
        at.format("%Y-%m-%d-%H%M%S"),
        reason.slug()
    )
}

fn parse_name(name: &str) -> Option<(NaiveDateTime, Reason)> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(EXT)?;
    let (stamp, slug) = (stem.get(..17)?, stem.get(18..)?);
    let at = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M%S").ok()?;
    Some((at, Reason::from_slug(slug)?))
}

/// The backups in `dir`, newest first. Files of other names (and `.part`
/// leftovers of an interrupted backup) are not backups.
pub fn list(dir: &Path) -> Result<Vec<BackupFile>> {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((at, reason)) = parse_name(&name) else {
            continue;
        };
        let meta = entry.metadata()?;
        if !meta.is_file() {
            continue;
        }
        out.push(BackupFile {
            path: entry.path(),
            file_name: name,
            taken_at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
            reason,
            size: meta.len(),
        });
    }
    out.sort_by(|a, b| b.file_name.cmp(&a.file_name));
    Ok(out)
}

/// Removes what an interrupted backup left behind (`*.part`).
pub fn clean_parts(dir: &Path) -> Result<()> {
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with(PREFIX) && name.ends_with(".part") {
                fs::remove_file(entry.path())?;
            }
        }
    }
    Ok(())
}

/// Backs up the database at `db_path` into `dir`, from a connection of its own
/// (any thread; the app's connection is never held). `progress` is called after
/// every step.
pub fn take(
    db_path: &Path,
    dir: &Path,
    reason: Reason,
    at: NaiveDateTime,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupFile> {
    let src = Connection::open_with_flags(
        db_path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    src.busy_timeout(Duration::from_secs(5))?;
    take_from(&src, dir, reason, at, progress)
}

/// Backs up what `src` sees into `dir` (the migration's backup uses the
/// connection it is about to upgrade).
pub fn take_from(
    src: &Connection,
    dir: &Path,
    reason: Reason,
    at: NaiveDateTime,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupFile> {
    fs::create_dir_all(dir)?;
    let name = file_name(at, reason);
    let path = dir.join(&name);
    let part = dir.join(format!("{name}.part"));
    let result = write_checked(src, &part, progress).and_then(|()| {
        fs::rename(&part, &path)?;
        sync_dir(dir);
        Ok(())
    });
    if let Err(e) = result {
        // Never leave half a backup behind (a full disk, a folder gone).
        let _ = fs::remove_file(&part);
        return Err(e);
    }
    let size = fs::metadata(&path)?.len();
    Ok(BackupFile {
        path,
        file_name: name,
        taken_at: at.format("%Y-%m-%dT%H:%M:%S").to_string(),
        reason,
        size,
    })
}

fn write_checked(src: &Connection, part: &Path, progress: &mut dyn FnMut(Progress)) -> Result<()> {
    let _ = fs::remove_file(part);
    let mut dst = Connection::open(part)?;
    {
        // One snapshot from the first page to the last: writers go on in the WAL
        // and the copy never restarts nor mixes two states.
        src.execute_batch("BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema;")?;
        let copied = (|| -> Result<()> {
            let backup = Backup::new(src, &mut dst)?;
            loop {
                let step = backup.step(STEP_PAGES)?;
                let p = backup.progress();
                progress(Progress {
                    done: i64::from(p.pagecount - p.remaining),
                    total: i64::from(p.pagecount),
                });
                match step {
                    StepResult::Done => return Ok(()),
                    StepResult::More => {}
                    // Another connection holds a lock on the copy (none should).
                    StepResult::Busy | StepResult::Locked => {
                        std::thread::sleep(Duration::from_millis(20))
                    }
                    _ => std::thread::sleep(Duration::from_millis(20)),
                }
            }
        })();
        let _ = src.execute_batch("COMMIT");
        copied?;
    }
    // A plain file: opening a backup never needs a -wal or -shm beside it.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    let ok: String = dst.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(Error::field(
            "file",
            "backup_damaged",
            format!("the copy failed its check: {ok}"),
        ));
    }
    dst.close().map_err(|(_, e)| e)?;
    File::open(part)?.sync_all()?;
    Ok(())
}

/// Makes a rename durable (the directory entry) where the platform allows it.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// What a file that passed [`check`] holds, to show before she confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checked {
    /// The checked copy (in the app's scratch folder): what a restore uses.
    pub copy: PathBuf,
    pub schema: i64,
    pub clients: i64,
    pub issued: i64,
    /// The newest issued number, when there is one.
    pub last_number: Option<String>,
    pub size: u64,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

fn refuse(code: &'static str, message: impl Into<String>) -> Error {
    Error::field("file", code, message)
}

/// Copies `path` to `scratch` and checks the copy: a SQLite file, whole, of a
/// Tandem schema this app can read. `path` itself is only read.
pub fn check(path: &Path, scratch: &Path) -> Result<Checked> {
    let mut head = [0_u8; 16];
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(refuse("backup_missing", "the file does not exist"))
        }
        Err(e) => return Err(e.into()),
    };
    let size = f.metadata()?.len();
    if size == 0 {
        return Err(refuse("backup_empty", "the file is empty"));
    }
    if f.read_exact(&mut head).is_err() || &head != SQLITE_HEADER {
        return Err(refuse("backup_not_sqlite", "not a SQLite database"));
    }
    drop(f);
    if let Some(dir) = scratch.parent() {
        fs::create_dir_all(dir)?;
    }
    let _ = fs::remove_file(scratch);
    fs::copy(path, scratch)?;
    let checked = check_copy(scratch, size);
    if checked.is_err() {
        let _ = fs::remove_file(scratch);
    }
    checked
}

fn check_copy(copy: &Path, size: u64) -> Result<Checked> {
    let damaged = |e: rusqlite::Error| refuse("backup_damaged", format!("damaged: {e}"));
    let c = Connection::open(copy).map_err(damaged)?;
    // A copy of a live file may say WAL; ours has no -wal beside it.
    c.pragma_update(None, "journal_mode", "DELETE")
        .map_err(damaged)?;
    let ok: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(damaged)?;
    if ok != "ok" {
        return Err(refuse("backup_damaged", format!("damaged: {ok}")));
    }
    let schema: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(damaged)?;
    let supported = MIGRATIONS.len() as i64;
    if schema > supported {
        return Err(Error::Invalid(vec![crate::FieldError::new(
            "file",
            "backup_too_new",
            format!("made by a newer Tandem (schema {schema}, this app reads up to {supported})"),
        )]));
    }
    // The tables of schema 1 (0001_init.sql), then those of documents (schema 2).
    let has = |names: &str| -> Result<bool> {
        let n: i64 = c
            .query_row(
                &format!(
                    "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ({names})"
                ),
                [],
                |r| r.get(0),
            )
            .map_err(damaged)?;
        Ok(n == names.split(',').count() as i64)
    };
    if schema < 1 || !has("'settings', 'business_profile', 'clients', 'collaborations'")? {
        return Err(refuse("backup_not_tandem", "not a Tandem database"));
    }
    let has_documents = has("'documents'")?;
    let count = |sql: &str| -> Result<i64> { c.query_row(sql, [], |r| r.get(0)).map_err(damaged) };
    let (issued, last_number) = if has_documents {
        let last: Option<String> = rusqlite::OptionalExtension::optional(c.query_row(
            "SELECT number FROM documents WHERE number IS NOT NULL
              ORDER BY issue_date DESC, id DESC LIMIT 1",
            [],
            |r| r.get(0),
        ))
        .map_err(damaged)?;
        (
            count("SELECT count(*) FROM documents WHERE status <> 'draft'")?,
            last,
        )
    } else {
        (0, None)
    };
    Ok(Checked {
        copy: copy.to_owned(),
        schema,
        clients: count("SELECT count(*) FROM clients")?,
        issued,
        last_number,
        size,
    })
}

/// The newest backup in `dir` that passes [`check`] (the damaged-file screen
/// offers it), with what it holds.
pub fn newest_good(dir: &Path, scratch: &Path) -> Result<Option<(BackupFile, Checked)>> {
    for b in list(dir)? {
        if let Ok(c) = check(&b.path, scratch) {
            return Ok(Some((b, c)));
        }
    }
    Ok(None)
}

/// Replaces the (closed, damaged or absent) database file at `db_path` with the
/// checked copy: the old file, if any, is kept beside it as
/// `tandem-damaged-<stamp>.db` (never deleted), then the copy is moved in.
/// Returns where the old file went.
pub fn put_in_place(
    checked: &Checked,
    db_path: &Path,
    at: NaiveDateTime,
) -> Result<Option<PathBuf>> {
    let dir = db_path.parent().unwrap_or_else(|| Path::new("."));
    let mut kept = None;
    if db_path.exists() {
        let aside = dir.join(format!(
            "tandem-damaged-{}.db",
            at.format("%Y-%m-%d-%H%M%S")
        ));
        fs::rename(db_path, &aside)?;
        for ext in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{ext}", db_path.display()));
            if side.exists() {
                fs::rename(&side, PathBuf::from(format!("{}{ext}", aside.display())))?;
            }
        }
        kept = Some(aside);
    }
    let part = dir.join("tandem.db.part");
    fs::copy(&checked.copy, &part)?;
    File::open(&part)?.sync_all()?;
    fs::rename(&part, db_path)?;
    sync_dir(dir);
    Ok(kept)
}

/// Folders that a sync client keeps in step with a server: a live SQLite file
/// there can be copied mid-write or replaced by an older copy. Recognised by
/// the path alone.
pub fn synced_folder(path: &Path) -> Option<&'static str> {
    const CLOUDS: &[(&str, &str)] = &[
        ("dropbox", "Dropbox"),
        ("onedrive", "OneDrive"),
        ("google drive", "Google Drive"),
        ("googledrive", "Google Drive"),
        ("my drive", "Google Drive"),
        ("mon drive", "Google Drive"),
        ("icloud", "iCloud Drive"),
        ("mobile documents", "iCloud Drive"),
        ("nextcloud", "Nextcloud"),
        ("owncloud", "ownCloud"),
        ("pcloud", "pCloud"),
        ("sync.com", "Sync.com"),
    ];
    path.components().find_map(|c| {
        let part = c.as_os_str().to_string_lossy().to_lowercase();
        CLOUDS
            .iter()
            .find(|(needle, _)| part.contains(needle))
            .map(|(_, name)| *name)
    })
}

/// Where her backups go: `backups/` in the data folder unless she chose another
/// folder, remembered in `backups.json` beside the database (not in it: the
/// damaged-file screen must find the backups of a file it cannot open).
pub fn folder(data_dir: &Path) -> PathBuf {
    fs::read(data_dir.join(FOLDER_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v.get("folder")?.as_str().map(PathBuf::from))
        .filter(|p| p.is_absolute())
        .unwrap_or_else(|| default_folder(data_dir))
}

pub fn default_folder(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

const FOLDER_FILE: &str = "backups.json";

/// Remembers `chosen` (from the native folder dialog) as the backups folder,
/// once it is shown to be an absolute folder she can write in.
pub fn set_folder(data_dir: &Path, chosen: &Path) -> Result<PathBuf> {
    if !chosen.is_absolute() || !chosen.is_dir() {
        return Err(refuse_folder("backup_folder_invalid", "not a folder"));
    }
    let probe = chosen.join(".tandem-write-test");
    if fs::write(&probe, b"ok").is_err() {
        return Err(refuse_folder(
            "backup_folder_read_only",
            "this folder cannot be written to",
        ));
    }
    let _ = fs::remove_file(&probe);
    let json = serde_json::json!({ "folder": chosen.to_string_lossy() }).to_string();
    let part = data_dir.join(format!("{FOLDER_FILE}.part"));
    fs::write(&part, json)?;
    fs::rename(&part, data_dir.join(FOLDER_FILE))?;
    Ok(chosen.to_owned())
}

fn refuse_folder(code: &'static str, message: &str) -> Error {
    Error::field("folder", code, message)
}
