//! Time: the hours she works on her collaborations (DESIGN §1, scene 1).
//!
//! - `entries.rs` — one entry: its form, its checks, create / update / delete.
//! - `timer.rs` — the one running timer: its start instant is stored, stopping it
//!   records an entry rounded as set in Réglages.
//! - `list.rs` — the filtered list of entries (the month view), its totals in
//!   hours and in value, and its CSV export.
//! - `week.rs` — the week grid: days × collaborations, and typing in a cell.
//! - `gauges.rs` — how much of a bank of hours (or of a flat fee's indicative
//!   hours) a month has used, with the carry-over from the month before.
//!
//! Invariant: minutes are integers, a day holds at most 24 hours, and an entry an
//! issued invoice bills is frozen — here and by the database's triggers. Billing a
//! month (which writes a document and attaches entries) is in `ops::billing`.

pub mod entries;
pub mod gauges;
pub mod list;
pub mod timer;
pub mod week;

#[cfg(test)]
mod tests;

pub use entries::{Entry, EntryInput};

use serde::Serialize;

/// The most minutes one day holds.
pub const MAX_DAY_MINUTES: i64 = 24 * 60;

/// Where an entry stands with billing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryState {
    /// On no document: free to edit, delete, bill.
    Unbilled,
    /// On a draft invoice: kept for it until the draft is issued or deleted.
    OnDraft,
    /// On an issued invoice: frozen.
    Billed,
}

/// "2026-11" from a date.
pub fn month_of(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// The first and last days of a month given as "YYYY-MM"; `None` if it is not one.
pub fn month_bounds(month: &str) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let (y, m) = month.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let (y, m): (i32, u32) = (y.parse().ok()?, m.parse().ok()?);
    let first = chrono::NaiveDate::from_ymd_opt(y, m, 1)?;
    let next = if m == 12 {
        chrono::NaiveDate::from_ymd_opt(y + 1, 1, 1)?
    } else {
        chrono::NaiveDate::from_ymd_opt(y, m + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

/// The month after "YYYY-MM".
pub fn next_month(month: &str) -> Option<String> {
    let (_, last) = month_bounds(month)?;
    Some(month_of(last.succ_opt()?))
}
