//! The IPC surface: one module per domain, each command a thin wrapper that
//! unpacks its arguments, calls `tandem-core` and returns its value or its coded
//! error (`{ code, message, field, errors }`). No SQL and no business rule lives
//! here. Commands are `async` so database work never runs on the UI thread.

pub mod app;
pub mod backups;
pub mod clients;
pub mod collaborations;
pub mod data_export;
pub mod documents;
pub mod figures;
pub mod portability;
pub mod profile;
pub mod team;
pub mod time;

use crate::state::AppState;
use tandem_core::db::{Connection, Transaction};
use tandem_core::Result;

/// Runs read-only work on the database.
fn read<T>(state: &AppState, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
    state
        .db()
        .and_then(|db| db.read(f))
        .inspect_err(|e| failed(state, e))
}

/// Runs a write in one transaction: all of it or nothing.
fn write<T>(state: &AppState, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
    state
        .db()
        .and_then(|db| db.write(f))
        .inspect_err(|e| failed(state, e))
}

/// Logs a command's error; a damaged page met on the way closes the file, so
/// the window's next start shows the damaged-file screen (nothing more is
/// read from, or written to, a file known to be damaged).
fn failed(state: &AppState, e: &tandem_core::Error) {
    crate::logging::command_error(e);
    if let tandem_core::Error::Damaged(why) = e {
        if state.db().is_ok() {
            state.set_db(Err(tandem_core::Error::Damaged(why.clone())));
        }
    }
}

/// A write that cannot be taken back (a number issued, a payment, a reminder
/// sent): committed only once it is on the disk. See `Database::write_durable`.
fn write_durable<T>(state: &AppState, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
    state
        .db()
        .and_then(|db| db.write_durable(f))
        .inspect_err(|e| failed(state, e))
}
