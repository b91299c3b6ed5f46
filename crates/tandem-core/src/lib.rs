//! Tandem's core: everything the app knows and decides, with no knowledge of Tauri.
//!
//! A shell (the desktop app, a test, a benchmark) opens a [`db::Database`] and calls
//! the domain modules inside [`db::Database::read`] / [`db::Database::write`]:
//!
//! ```no_run
//! use tandem_core::{clients, db::Database};
//! let db = Database::open_in(std::path::Path::new("/tmp/tandem"))?;
//! let client = db.write(|tx| clients::create(tx, &clients::ClientInput {
//!     name: "Atelier Lumière".into(), country: "FR".into(),
//!     doc_language: "fr".into(), currency: "EUR".into(), ..Default::default()
//! }))?;
//! # Ok::<(), tandem_core::Error>(())
//! ```
//!
//! Inputs arrive as the strings the user typed and are checked by [`validate`];
//! outputs carry money as integer cents, durations as minutes, rates as basis points.

pub mod backup;
pub mod catalog;
pub mod clients;
pub mod collaborations;
pub mod db;
pub mod documents;
pub mod error;
pub mod figures;
pub mod integrity;
pub mod legal_rates;
pub mod locale;
pub mod milestones;
pub mod ops;
pub mod paging;
pub mod pdf;
pub mod portability;
pub mod pricing;
pub mod profile;
pub mod search;
pub mod settings;
pub mod spreadsheet;
pub mod status;
pub mod team;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub mod timesheet;
pub mod validate;

pub use error::{Error, FieldError, Result};

/// Dates cross the core's API as chrono types; the shell uses the same crate.
pub use chrono;

/// Today on the user's computer: issue dates, due dates, "overdue" and "expired"
/// are all relative to it. Only shells (commands, tests, benches) read it, once per
/// call, and pass it in: no function of the core reads the clock.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// This instant, for what is stamped to the second (a timer's start). Read by
/// shells and passed in, like [`today`].
pub fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
