//! What the commands share: the database (or why it could not be opened) and the
//! data folder it lives in.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, RwLock};
use tandem_core::backup::Checked;
use tandem_core::db::Database;
use tandem_core::Error;

pub struct AppState {
    data_dir: PathBuf,
    /// The open database, or the error that prevented opening it: the UI shows that
    /// error instead of the app crashing at start. Replaced when « Réessayer »
    /// reopens the file or a restore puts a backup in place of a damaged one.
    db: RwLock<Result<Arc<Database>, Error>>,
    /// A backup is being written (one at a time).
    pub backing_up: AtomicBool,
    /// The file a restore was asked for, checked, waiting for her confirmation:
    /// what is restored is exactly what was checked.
    pub pending_restore: Mutex<Option<Checked>>,
    /// The spreadsheet picked for « Importer des clients », read from the
    /// native dialog's path, kept while she maps and previews it.
    pub import_file: Mutex<Option<Vec<u8>>>,
    /// Held for the life of the process: one writer per data folder.
    _lock: Option<File>,
    /// Files this session exported: the only paths `open_export` and
    /// `reveal_export` accept, so the UI cannot open arbitrary files.
    exports: Mutex<HashSet<PathBuf>>,
}

impl AppState {
    pub fn new(data_dir: PathBuf, db: Result<Database, Error>, lock: Option<File>) -> Self {
        Self {
            data_dir,
            db: RwLock::new(db.map(Arc::new)),
            backing_up: AtomicBool::new(false),
            pending_restore: Mutex::new(None),
            import_file: Mutex::new(None),
            _lock: lock,
            exports: Mutex::new(HashSet::new()),
        }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn remember_export(&self, path: PathBuf) {
        if let Ok(mut set) = self.exports.lock() {
            set.insert(path);
        }
    }

    /// Whether this session exported `path`.
    pub fn was_exported(&self, path: &Path) -> bool {
        self.exports
            .lock()
            .map(|set| set.contains(path))
            .unwrap_or(false)
    }

    /// The database, or a coded error the UI can explain.
    pub fn db(&self) -> Result<Arc<Database>, Error> {
        let guard = self.db.read().unwrap_or_else(|p| p.into_inner());
        match &*guard {
            Ok(db) => Ok(Arc::clone(db)),
            Err(Error::SchemaTooNew { found, supported }) => Err(Error::SchemaTooNew {
                found: *found,
                supported: *supported,
            }),
            Err(Error::Damaged(why)) => Err(Error::Damaged(format!(
                "{why} (file: {})",
                self.db_path().display()
            ))),
            // Name the folder: the UI shows this message under "technical details".
            Err(e) => Err(Error::Unavailable(format!(
                "{e} (data folder: {})",
                self.data_dir.display()
            ))),
        }
    }

    /// Puts a newly opened database (or why it failed) in place of the current one.
    pub fn set_db(&self, db: Result<Database, Error>) {
        *self.db.write().unwrap_or_else(|p| p.into_inner()) = db.map(Arc::new);
    }

    /// Where the database file is (whether or not it opened).
    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(tandem_core::db::DB_FILE)
    }
}
