//! The database: one SQLite file the user owns, opened with safe settings and
//! migrated on open.
//!
//! A single-user desktop app needs exactly one connection; [`Database`] keeps it
//! behind a mutex and hands it out through [`Database::read`] and
//! [`Database::write`]. Every write runs inside one transaction: it commits when the
//! closure returns `Ok` and rolls back on `Err` (or a panic), so a refused input
//! never leaves half a change behind.

mod migrate;

pub use migrate::{migrate, Migration, MIGRATIONS};
// Re-exported so that shells can name the connection types without depending on rusqlite.
pub use rusqlite::{Connection, Transaction};

use crate::error::{Error, Result};
use rusqlite::TransactionBehavior;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The file name of the database inside the data folder.
pub const DB_FILE: &str = "tandem.db";

pub struct Database {
    conn: Mutex<Connection>,
    path: PathBuf,
    migration: Migration,
}

impl Database {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_with_backups(path, None)
    }

    /// Like [`Database::open`]; when the schema is about to be upgraded, the file
    /// is first backed up into `backups` (the upgrade cannot be undone, the
    /// backup can be restored). A file that is not a whole database is refused
    /// as [`Error::Damaged`] and left exactly as it is.
    pub fn open_with_backups(path: &Path, backups: Option<&Path>) -> Result<Self> {
        Self::open_inner(path, backups, true)
    }

    /// What the app opens with: like [`Database::open_with_backups`] but the
    /// page-by-page check is left to the caller, to run off the start-up path
    /// with [`quick_check`] (it reads the whole file: 2 s for a 273 MB ten-year
    /// file on a slow laptop). A corrupt page met before then is still refused
    /// as [`Error::Damaged`] by every read that reaches it.
    pub fn open_for_app(path: &Path, backups: &Path) -> Result<Self> {
        Self::open_inner(path, Some(backups), false)
    }

    fn open_inner(path: &Path, backups: Option<&Path>, check_now: bool) -> Result<Self> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
            writable(dir)?;
        }
        refuse_damaged(path)?;
        let mut conn = Connection::open(path)?;
        // A zeroed or torn page opens "normally" and fails later, on a read:
        // quick_check reads every page once, and says so now — before anything
        // is written (configure turns WAL on, which rewrites the header).
        if check_now {
            pages_ok(&conn)?;
        }
        configure(&conn)?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if let Some(dir) = backups {
            if version > 0 && version < MIGRATIONS.len() as i64 {
                // Never upgrade a file that is not whole: its backup would not be.
                pages_ok(&conn)?;
                crate::backup::take_from(
                    &conn,
                    dir,
                    crate::backup::Reason::BeforeMigration,
                    chrono::Local::now().naive_local(),
                    &mut |_| {},
                )?;
            }
        }
        let migration = migrate(&mut conn)?;
        Ok(Self {
            conn: Mutex::new(conn),
            path: path.to_owned(),
            migration,
        })
    }

    /// Opens `tandem.db` inside the data folder `dir`.
    pub fn open_in(dir: &Path) -> Result<Self> {
        Self::open(&dir.join(DB_FILE))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema versions before and after this open.
    pub fn migration(&self) -> Migration {
        self.migration
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a transaction open (rusqlite
        // rolls back on drop), so the connection is still sound: recover it.
        self.conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs read-only work on the connection.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&self.lock())
    }

    /// Runs `f` in one IMMEDIATE transaction: committed on `Ok`, rolled back on `Err`.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        transaction(&mut self.lock(), f)
    }

    /// Like [`Database::write`], but the commit waits until the write-ahead log
    /// is on the disk (`synchronous = FULL`). For what leaves the app or cannot be
    /// taken back — issuing a number, recording a payment, sending a reminder: with
    /// `NORMAL`, a power cut just after could hand an exported invoice's number to
    /// another one. Everything else keeps the cheaper `NORMAL`.
    pub fn write_durable<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        conn.pragma_update(None, "synchronous", "FULL")?;
        let value = transaction(&mut conn, f);
        // Restored whatever happened, so the next ordinary write is not slowed.
        // A failed restore is not reported: the write did commit (saying otherwise
        // would tell her nothing changed), and staying on FULL is only slower.
        let _ = conn.pragma_update(None, "synchronous", "NORMAL");
        value
    }
}

impl Database {
    /// Replaces the whole content of the open database with the checked copy
    /// (SQLite's backup API, into this connection: all of it or nothing), then
    /// brings its schema up to date. The caller keeps the current data aside
    /// first (a `BeforeRestore` backup).
    pub fn restore_from(&self, checked: &crate::backup::Checked) -> Result<()> {
        let mut conn = self.lock();
        conn.restore(
            rusqlite::MAIN_DB,
            &checked.copy,
            None::<fn(rusqlite::backup::Progress)>,
        )?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        migrate(&mut conn)?;
        Ok(())
    }
}

/// SQLite opens a read-only folder's file read-only and only fails later, with
/// « unable to open database file »: a probe file says what it is.
fn writable(dir: &Path) -> Result<()> {
    let probe = dir.join(".tandem-write-test");
    match std::fs::OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
            ) =>
        {
            Err(Error::ReadOnly(format!("{}: {e}", dir.display())))
        }
        Err(e) => Err(e.into()),
    }
}

/// Reads every page of the file at `path` once (`PRAGMA quick_check`) from a
/// read-only connection of its own: `Err(Damaged)` when one is not sound.
pub fn quick_check(path: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    pages_ok(&conn)
}

fn pages_ok(conn: &Connection) -> Result<()> {
    let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if ok == "ok" {
        Ok(())
    } else {
        Err(Error::Damaged(ok))
    }
}

/// A file that exists but cannot be a database: empty (SQLite would take it for
/// a new one and write a fresh schema over it), or not starting with SQLite's
/// header. A missing file is fine: it is a first start.
fn refuse_damaged(path: &Path) -> Result<()> {
    use std::io::Read;
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    if f.metadata()?.len() == 0 {
        return Err(Error::Damaged("the file is empty (0 bytes)".into()));
    }
    let mut head = [0_u8; 16];
    if f.read_exact(&mut head).is_err() || &head != b"SQLite format 3\0" {
        return Err(Error::Damaged(
            "the file does not start like a SQLite database".into(),
        ));
    }
    Ok(())
}

fn transaction<T>(
    conn: &mut Connection,
    f: impl FnOnce(&Transaction<'_>) -> Result<T>,
) -> Result<T> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let value = f(&tx)?;
    tx.commit()?;
    Ok(value)
}

/// Settings every connection gets: write-ahead log (readers never block the writer
/// and a crash mid-write loses nothing committed), enforced foreign keys, and a
/// busy timeout so a backup or a second process waits instead of failing at once.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Without it, `INSERT OR REPLACE` deletes an issued document (or a billed
    // time entry, a reminder) without firing the triggers that refuse deletion.
    conn.pragma_update(None, "recursive_triggers", "ON")?;
    for pragma in ["foreign_keys", "recursive_triggers"] {
        let on: i64 = conn.pragma_query_value(None, pragma, |r| r.get(0))?;
        if on != 1 {
            return Err(Error::Unavailable(format!("{pragma} could not be enabled")));
        }
    }
    // The lists filter by the status the user sees: the same rule as in Rust.
    crate::status::register(conn)?;
    Ok(())
}

/// The current time as stored in the database (UTC, ISO 8601, seconds).
pub(crate) const NOW: &str = "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::temp_db;

    #[test]
    fn opens_a_real_file_in_wal_mode_with_foreign_keys() {
        let t = temp_db();
        assert!(t.dir.path().join(DB_FILE).exists());
        t.db.read(|c| {
            let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
            assert_eq!(mode, "wal");
            let fk: i64 = c.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
            assert_eq!(fk, 1);
            Ok(())
        })
        .unwrap();
    }

    #[test]
    fn durable_writes_sync_fully_and_ordinary_ones_do_not() {
        let t = temp_db();
        let mode = |c: &Connection| -> Result<i64> {
            Ok(c.pragma_query_value(None, "synchronous", |r| r.get(0))?)
        };
        // 1 = NORMAL, 2 = FULL.
        assert_eq!(t.db.write(|tx| mode(tx)).unwrap(), 1);
        assert_eq!(t.db.write_durable(|tx| mode(tx)).unwrap(), 2);
        assert_eq!(t.db.read(mode).unwrap(), 1);
        // A refused durable write restores NORMAL too.
        let refused: Result<()> =
            t.db.write_durable(|_| Err(Error::field("k", "required", "refused")));
        assert!(refused.is_err());
        assert_eq!(t.db.read(mode).unwrap(), 1);
        let recursive: i64 =
            t.db.read(|c| Ok(c.pragma_query_value(None, "recursive_triggers", |r| r.get(0))?))
                .unwrap();
        assert_eq!(recursive, 1);
    }

    #[test]
    fn a_failed_write_leaves_nothing_behind() {
        let t = temp_db();
        let r: Result<()> = t.db.write(|tx| {
            tx.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')", [])?;
            Err(Error::field("k", "required", "refused after the insert"))
        });
        assert!(r.is_err());
        let n: i64 =
            t.db.read(|c| {
                Ok(
                    c.query_row("SELECT count(*) FROM settings WHERE key = 'k'", [], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn reopening_keeps_the_data() {
        let t = temp_db();
        t.db.write(|tx| Ok(tx.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')", [])?))
            .unwrap();
        let path = t.db.path().to_owned();
        drop(t.db);
        let again = Database::open(&path).unwrap();
        let v: String = again
            .read(|c| {
                Ok(
                    c.query_row("SELECT value FROM settings WHERE key = 'k'", [], |r| {
                        r.get(0)
                    })?,
                )
            })
            .unwrap();
        assert_eq!(v, "v");
    }
}
