//! Document numbers: `F-2026-0001`, one continuous series per kind and year.
//!
//! The next number is `MAX(seq) + 1` of the series and year, read and written in
//! the issuing transaction. Writes are `BEGIN IMMEDIATE`, so two issues (even from
//! two processes) are serialized by SQLite, and a failed issue rolls its number
//! back with everything else: no gaps. The database re-checks the rule itself
//! (trigger `documents_number_is_next`), and the prefix only decorates the number.

use super::Kind;
use crate::db::Connection;
use crate::validate::Checker;
use crate::{FieldError, Result};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

/// Which series a kind numbers in: deposits are invoices.
pub fn series(kind: Kind) -> &'static str {
    match kind {
        Kind::Quote => "quote",
        Kind::Invoice | Kind::Deposit => "invoice",
        Kind::CreditNote => "credit_note",
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NumberingInput {
    pub quote: String,
    pub invoice: String,
    pub credit_note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Next {
    pub quote: String,
    pub invoice: String,
    pub credit_note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Numbering {
    pub quote: String,
    pub invoice: String,
    pub credit_note: String,
    /// The number the next document of each series will get this year.
    pub next: Next,
}

fn prefix_of(conn: &Connection, series: &str) -> Result<String> {
    let p: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'prefix.' || ?1",
            [series],
            |r| r.get(0),
        )
        .optional()?;
    Ok(p.unwrap_or_else(|| {
        match series {
            "quote" => "D",
            "credit_note" => "A",
            _ => "F",
        }
        .to_owned()
    }))
}

pub fn format(prefix: &str, year: i32, seq: i64) -> String {
    format!("{prefix}-{year}-{seq:04}")
}

/// The next sequence number of a series in a year.
pub(crate) fn next_seq(conn: &Connection, series: &str, year: i32) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM documents
         WHERE series = ?1 AND year = ?2 AND seq IS NOT NULL",
        rusqlite::params![series, year],
        |r| r.get(0),
    )?)
}

/// Assigns the next number of `kind`'s series: `(seq, number text)`.
pub(crate) fn next(conn: &Connection, kind: Kind, year: i32) -> Result<(i64, String)> {
    let series = series(kind);
    let seq = next_seq(conn, series, year)?;
    Ok((seq, format(&prefix_of(conn, series)?, year, seq)))
}

pub fn get(conn: &Connection, year: i32) -> Result<Numbering> {
    let [q, i, c] = ["quote", "invoice", "credit_note"].map(|s| prefix_of(conn, s));
    let (q, i, c) = (q?, i?, c?);
    let next = Next {
        quote: format(&q, year, next_seq(conn, "quote", year)?),
        invoice: format(&i, year, next_seq(conn, "invoice", year)?),
        credit_note: format(&c, year, next_seq(conn, "credit_note", year)?),
    };
    Ok(Numbering {
        quote: q,
        invoice: i,
        credit_note: c,
        next,
    })
}

fn check_prefix(c: &mut Checker, field: &str, value: &str) -> String {
    let v = value.trim().to_uppercase();
    let ok = (1..=10).contains(&v.chars().count())
        && v.chars()
            .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-');
    if !ok {
        c.push(
            field,
            "invalid_prefix",
            "a prefix is 1 to 10 of A-Z, 0-9, _ and -",
        );
    }
    v
}

pub fn validate(input: &NumberingInput) -> Vec<FieldError> {
    let mut c = Checker::new();
    check_prefix(&mut c, "quote", &input.quote);
    check_prefix(&mut c, "invoice", &input.invoice);
    check_prefix(&mut c, "credit_note", &input.credit_note);
    c.into_errors()
}

/// Changing a prefix changes the numbers to come, never the issued ones (their
/// number is frozen with them).
pub fn save(conn: &Connection, input: &NumberingInput, year: i32) -> Result<Numbering> {
    let mut c = Checker::new();
    let q = check_prefix(&mut c, "quote", &input.quote);
    let i = check_prefix(&mut c, "invoice", &input.invoice);
    let n = check_prefix(&mut c, "credit_note", &input.credit_note);
    c.finish()?;
    for (series, value) in [("quote", q), ("invoice", i), ("credit_note", n)] {
        conn.execute(
            "INSERT INTO settings (key, value) VALUES ('prefix.' || ?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [series, &value],
        )?;
    }
    get(conn, year)
}
