//! The IPC surface: one module per domain, each command a thin wrapper that
//! unpacks its arguments, calls `tandem-core` and returns its value or its coded
//! error (`{ code, message, field, errors }`). No SQL and no business rule lives
//! here. Commands are `async` so database work never runs on the UI thread.

pub mod app;
pub mod backups;
pub mod clients;
pub mod collaborations;
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
        .inspect_err(crate::logging::command_error)
}

/// Runs a write in one transaction: all of it or nothing.
fn write<T>(state: &AppState, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
    state
        .db()
        .and_then(|db| db.write(f))
        .inspect_err(crate::logging::command_error)
}

/// A write that cannot be taken back (a number issued, a payment, a reminder
/// sent): committed only once it is on the disk. See `Database::write_durable`.
fn write_durable<T>(state: &AppState, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
    state
        .db()
        .and_then(|db| db.write_durable(f))
        .inspect_err(crate::logging::command_error)
}
