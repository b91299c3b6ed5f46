//! Which backups to keep: the newest of each of the last 7 days, of the last 4
//! weeks and of the last 12 months (a grandfather-father-son rotation), plus
//! the 3 newest whatever they are, and the newest taken before a migration and
//! before a restore — so a year back is always reachable and the folder stays
//! about two dozen files.

use super::{list, BackupFile, Reason};
use crate::error::Result;
use chrono::Datelike;
use std::collections::BTreeSet;
use std::path::Path;

const DAYS: usize = 7;
const WEEKS: usize = 4;
const MONTHS: usize = 12;
const NEWEST: usize = 3;

/// The file names to keep among `backups` (newest first, as [`list`] gives).
pub fn keep(backups: &[BackupFile]) -> BTreeSet<String> {
    let mut kept = BTreeSet::new();
    let mut newest_per = |key: &dyn Fn(&BackupFile) -> Option<String>, n: usize| {
        let mut seen = BTreeSet::new();
        for b in backups {
            let Some(k) = key(b) else { continue };
            if seen.len() == n && !seen.contains(&k) {
                break;
            }
            if seen.insert(k) {
                kept.insert(b.file_name.clone());
            }
        }
    };
    newest_per(&|b| b.taken().map(|t| t.date().to_string()), DAYS);
    newest_per(
        &|b| {
            b.taken()
                .map(|t| format!("{}-{}", t.iso_week().year(), t.iso_week().week()))
        },
        WEEKS,
    );
    newest_per(
        &|b| b.taken().map(|t| format!("{}-{}", t.year(), t.month())),
        MONTHS,
    );
    for b in backups.iter().take(NEWEST) {
        kept.insert(b.file_name.clone());
    }
    for reason in [Reason::BeforeMigration, Reason::BeforeRestore] {
        if let Some(b) = backups.iter().find(|b| b.reason == reason) {
            kept.insert(b.file_name.clone());
        }
    }
    kept
}

/// Deletes the backups of `dir` that [`keep`] does not keep; returns them.
pub fn rotate(dir: &Path) -> Result<Vec<BackupFile>> {
    let all = list(dir)?;
    let kept = keep(&all);
    let mut removed = Vec::new();
    for b in all {
        if !kept.contains(&b.file_name) {
            std::fs::remove_file(&b.path)?;
            removed.push(b);
        }
    }
    Ok(removed)
}
