//! Where the user's data lives, and making sure only one Tandem writes there.
//!
//! By default the OS's app data folder (`~/.local/share/fr.tandem.app` on Linux,
//! `%APPDATA%\fr.tandem.app` on Windows, `~/Library/Application Support/…` on
//! macOS). `--data-dir PATH` or `TANDEM_DATA_DIR=PATH` put it elsewhere: tests use
//! a fresh folder each, and a power user can keep her file where she wants.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use tandem_core::db::Database;
use tandem_core::Error;

pub const ENV_VAR: &str = "TANDEM_DATA_DIR";
/// Set on a Tandem started by another one for a different folder: it keeps to
/// its own folder and window, outside the single-instance hand-over.
pub const SEPARATE: &str = "TANDEM_SEPARATE_INSTANCE";
const LOCK_FILE: &str = "tandem.lock";

/// `--data-dir PATH`, `--data-dir=PATH`, else `$TANDEM_DATA_DIR`.
pub fn from_args_or_env() -> Option<PathBuf> {
    parse_args(std::env::args().skip(1)).or_else(|| {
        std::env::var_os(ENV_VAR)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    })
}

/// The folder a second launch asked for (`args` as the single-instance plugin
/// hands them over, program name first), made absolute against its `cwd`.
pub fn requested(args: &[String], cwd: &str) -> Option<PathBuf> {
    let dir = parse_args(args.iter().skip(1).cloned())?;
    Some(if dir.is_absolute() {
        dir
    } else {
        Path::new(cwd).join(dir)
    })
}

/// Whether two paths name the same folder (one may not exist yet).
pub fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Option<PathBuf> {
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(v) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(v));
        }
    }
    None
}

/// Locks the folder and opens the database in it. A folder already locked by a
/// running Tandem ends this process: the single-instance plugin has already
/// focused that window when it could, and two writers must never share the file.
pub fn open(dir: &Path) -> (Result<Database, Error>, Option<File>) {
    if let Err(e) = std::fs::create_dir_all(dir) {
        return (Err(e.into()), None);
    }
    let lock = match lock(dir) {
        Ok(file) => file,
        Err(LockError::Busy) => {
            eprintln!(
                "Tandem is already open on {} — switching to that window.",
                dir.display()
            );
            std::process::exit(0);
        }
        Err(LockError::Io(e)) => return (Err(e.into()), None),
    };
    (open_db(dir), Some(lock))
}

/// Opens the database of a folder this process has locked (start-up, and
/// « Réessayer » after a failure). An upgrade backs the file up first.
pub fn open_db(dir: &Path) -> Result<Database, Error> {
    let folder = tandem_core::backup::folder(dir);
    Database::open_for_app(&dir.join(tandem_core::db::DB_FILE), &folder)
}

enum LockError {
    Busy,
    Io(std::io::Error),
}

fn lock(dir: &Path) -> Result<File, LockError> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(LOCK_FILE))
        .map_err(LockError::Io)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(LockError::Busy),
        Err(TryLockError::Error(e)) => Err(LockError::Io(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_flag_in_both_spellings() {
        let args = |v: &[&str]| parse_args(v.iter().map(|s| s.to_string()));
        assert_eq!(
            args(&["--data-dir", "/tmp/x"]),
            Some(PathBuf::from("/tmp/x"))
        );
        assert_eq!(args(&["--data-dir=/tmp/y"]), Some(PathBuf::from("/tmp/y")));
        assert_eq!(args(&["--other"]), None);
        assert_eq!(args(&["--data-dir"]), None);
    }

    #[test]
    fn a_second_launch_names_its_folder_relative_to_where_it_ran() {
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            requested(&a(&["tandem", "--data-dir", "compta"]), "/home/lea"),
            Some(PathBuf::from("/home/lea/compta"))
        );
        assert_eq!(
            requested(&a(&["tandem", "--data-dir=/srv/t"]), "/home/lea"),
            Some(PathBuf::from("/srv/t"))
        );
        assert_eq!(requested(&a(&["tandem"]), "/home/lea"), None);
        let dir = tempfile::tempdir().unwrap();
        assert!(same_folder(dir.path(), &dir.path().join(".")));
        assert!(!same_folder(dir.path(), &dir.path().join("other")));
    }

    #[test]
    fn a_locked_folder_is_busy() {
        let dir = tempfile::tempdir().unwrap();
        let _held = lock(dir.path()).ok().unwrap();
        assert!(matches!(lock(dir.path()), Err(LockError::Busy)));
    }
}
