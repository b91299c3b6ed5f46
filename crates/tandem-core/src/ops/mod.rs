//! Operations that compose several domains, in one place above them.
//!
//! The domain modules (`profile`, `clients`, `collaborations`, `documents`,
//! `team`) each keep their own rules and SQL, and the leaf ones (`catalog`,
//! `validate`, `profile`, `clients`) call no other domain. When one user action
//! must change more than one domain — a client's country changes the VAT of her
//! draft documents; billing a month from its time entries (`billing.rs`) — the
//! operation lives here, and the shell's commands
//! call it inside one write transaction, so it is all or nothing.
//!
//! "Today" and "now" are always parameters, read once by the shell: nothing in the
//! core reads the clock inside a write.

pub mod billing;
#[cfg(test)]
mod billing_tests;

use crate::clients::{self, Client, ClientInput};
use crate::documents;
use crate::profile::{self, Profile, ProfileInput};
use crate::{Error, Result};

/// Saves the profile; her drafts follow it (its VAT regime decides whether VAT is
/// charged, so their stored totals are recomputed).
pub fn save_profile(
    conn: &rusqlite::Connection,
    input: &ProfileInput,
    today: chrono::NaiveDate,
) -> Result<Profile> {
    profile::save(conn, input, today)?;
    documents::refresh_drafts(conn, None)?;
    profile::get(conn)?
        .ok_or_else(|| Error::Unavailable("the profile vanished after saving".into()))
}

/// Updates a client; the client's country and VAT number decide the VAT of her
/// draft documents, whose stored totals are recomputed.
pub fn update_client(conn: &rusqlite::Connection, id: i64, input: &ClientInput) -> Result<Client> {
    let client = clients::update(conn, id, input)?;
    documents::refresh_drafts(conn, Some(id))?;
    Ok(client)
}
