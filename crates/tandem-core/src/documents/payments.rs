//! Payments received on an issued invoice. Partial payments add up; the balance
//! (total − credit notes − payments) never goes below zero.
//!
//! A payment is never edited nor deleted (`0008_records.sql`): a mistaken one is
//! cancelled by a dated reversing entry, a negative payment that names it and
//! says why, so the receipts book keeps both lines. Each entry is sealed
//! ([`crate::integrity`]) in the transaction that records it.

use super::{get, row, DocStatus, Document, Kind, Payment, PaymentMethod};
use crate::catalog::Code;
use crate::db::{Connection, NOW};
use crate::validate::{Checker, Need, Quantity, NOTES_MAX};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::params;
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PaymentInput {
    pub date: String,
    pub amount: String,
    pub method: String,
    pub note: String,
}

pub(crate) fn of(conn: &Connection, id: i64) -> Result<Vec<Payment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, date, amount, method, note, reverses_id, reason,
                (SELECT r.id FROM payments r WHERE r.reverses_id = p.id)
           FROM payments p WHERE document_id = ?1 ORDER BY date, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Payment {
            id: r.get(0)?,
            date: r.get(1)?,
            amount: r.get(2)?,
            method: r.get(3)?,
            note: r.get(4)?,
            reverses_id: r.get(5)?,
            reason: r.get(6)?,
            reversed_by: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn paid(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(SUM(amount), 0) FROM payments WHERE document_id = ?1",
        [id],
        |r| r.get(0),
    )?)
}

pub fn add_payment(
    conn: &Connection,
    id: i64,
    input: &PaymentInput,
    today: NaiveDate,
) -> Result<Document> {
    let doc = row(conn, id)?;
    if !matches!(doc.kind, Kind::Invoice | Kind::Deposit) || doc.status != DocStatus::Issued {
        return Err(Error::field(
            "id",
            "invoice_not_issued",
            "payments are recorded on issued invoices",
        ));
    }
    let view = get(conn, id, today)?;
    let mut c = Checker::new();
    let date = c.date("date", &input.date, Need::Required);
    if let (Some(d), Some(issued)) = (
        date,
        doc.issue_date
            .as_deref()
            .and_then(crate::status::parse_date),
    ) {
        if d < issued {
            c.push(
                "date",
                "payment_before_issue",
                "a payment cannot predate the invoice",
            );
        }
    }
    let amount = c.number(
        "amount",
        &input.amount,
        Need::Required,
        Quantity::Amount,
        1..=9_999_999_999,
    );
    if let Some(a) = amount {
        if a > view.outstanding {
            c.push(
                "amount",
                "payment_exceeds_balance",
                "the payment is more than what is left to pay",
            );
        }
    }
    let method = if input.method.trim().is_empty() {
        Some(PaymentMethod::Transfer)
    } else {
        c.choice::<PaymentMethod>("method", &input.method, Need::Required)
    };
    let note = c.text("note", &input.note, Need::Optional, NOTES_MAX);
    c.finish()?;
    conn.execute(
        &format!("INSERT INTO payments (document_id, date, amount, method, note, created_at) VALUES (?1, ?2, ?3, ?4, ?5, {NOW})"),
        params![id, date.map(|d| d.format("%Y-%m-%d").to_string()), amount, method.map(Code::as_str), note],
    )?;
    crate::integrity::seal(
        conn,
        crate::integrity::Entity::Payment,
        conn.last_insert_rowid(),
    )?;
    get(conn, id, today)
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReversalInput {
    pub date: String,
    pub reason: String,
}

/// Cancels a payment recorded by mistake with a reversing entry dated `date`
/// (on or after the payment) that says why. The payment itself stays.
pub fn reverse_payment(
    conn: &Connection,
    payment_id: i64,
    input: &ReversalInput,
    today: NaiveDate,
) -> Result<Document> {
    let found: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT document_id FROM payments WHERE id = ?1",
        [payment_id],
        |r| r.get(0),
    ))?;
    let found = match found {
        Some(doc) => of(conn, doc)?
            .into_iter()
            .find(|p| p.id == payment_id)
            .map(|p| (doc, p)),
        None => None,
    };
    let Some((doc, payment)) = found else {
        return Err(Error::NotFound {
            entity: "payment",
            id: payment_id,
            field: None,
        });
    };
    if payment.reverses_id.is_some() || payment.reversed_by.is_some() {
        return Err(Error::field(
            "id",
            "payment_already_reversed",
            "this payment is already cancelled (or is itself a cancellation)",
        ));
    }
    let mut c = Checker::new();
    let date = c.date("date", &input.date, Need::Required);
    if let (Some(d), Some(p)) = (date, crate::status::parse_date(&payment.date)) {
        if d < p {
            c.push(
                "date",
                "reversal_before_payment",
                "a cancellation cannot predate the payment it cancels",
            );
        }
    }
    let reason = c.text("reason", &input.reason, Need::Required, NOTES_MAX);
    c.finish()?;
    conn.execute(
        &format!(
            "INSERT INTO payments (document_id, date, amount, method, note, reverses_id, reason, created_at)
             VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6, {NOW})"
        ),
        params![
            doc,
            date.map(|d| d.format("%Y-%m-%d").to_string()),
            -payment.amount,
            payment.method.as_str(),
            payment_id,
            reason
        ],
    )?;
    crate::integrity::seal(
        conn,
        crate::integrity::Entity::Payment,
        conn.last_insert_rowid(),
    )?;
    get(conn, doc, today)
}
