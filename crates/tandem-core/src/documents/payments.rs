//! Payments received on an issued invoice. Partial payments add up; the balance
//! (total − credit notes − payments) never goes below zero.

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
        "SELECT id, date, amount, method, note FROM payments WHERE document_id = ?1 ORDER BY date, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Payment {
            id: r.get(0)?,
            date: r.get(1)?,
            amount: r.get(2)?,
            method: r.get(3)?,
            note: r.get(4)?,
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
    get(conn, id, today)
}

pub fn delete_payment(conn: &Connection, payment_id: i64, today: NaiveDate) -> Result<Document> {
    let doc: Option<i64> = rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT document_id FROM payments WHERE id = ?1",
        [payment_id],
        |r| r.get(0),
    ))?;
    let Some(doc) = doc else {
        return Err(Error::NotFound {
            entity: "payment",
            id: payment_id,
            field: None,
        });
    };
    conn.execute("DELETE FROM payments WHERE id = ?1", [payment_id])?;
    get(conn, doc, today)
}
