//! What the commands share: the database (or why it could not be opened) and the
//! data folder it lives in.

use std::collections::HashSet;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tandem_core::db::Database;
use tandem_core::Error;

pub struct AppState {
    data_dir: PathBuf,
    /// The open database, or the error that prevented opening it: the UI shows that
    /// error instead of the app crashing at start.
    db: Result<Database, Error>,
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
            db,
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
    pub fn db(&self) -> Result<&Database, Error> {
        match &self.db {
            Ok(db) => Ok(db),
            Err(Error::SchemaTooNew { found, supported }) => Err(Error::SchemaTooNew {
                found: *found,
                supported: *supported,
            }),
            // Name the folder: the UI shows this message under "technical details".
            Err(e) => Err(Error::Unavailable(format!(
                "{e} (data folder: {})",
                self.data_dir.display()
            ))),
        }
    }
}
