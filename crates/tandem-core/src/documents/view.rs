//! One document as its page shows it: the stored row, the lines in the document's
//! language, the totals, the payments, the related documents, the status the user
//! sees, the legal mentions, and the actions its state allows.

use super::issue::{self, Snapshot};
use super::model::{
    compute_totals, credited, lines, localize, quantity_text, row, vat_case, DocLine,
    DocumentInput, LineInput, Payment, Related, Row,
};
use super::totals::Totals;
use super::{payments, Kind};
use crate::catalog::{Code, DocStatus, ShownStatus, VatCase};
use crate::clients::{self, Client};
use crate::db::Connection;
use crate::profile;
use crate::status::{self, Balance};
use crate::validate::Scaled;
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::OptionalExtension;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct Actions {
    pub edit: bool,
    pub delete: bool,
    pub issue: bool,
    pub accept: bool,
    pub decline: bool,
    pub invoice: bool,
    pub deposit: bool,
    #[serde(rename = "final")]
    pub final_invoice: bool,
    pub pay: bool,
    pub credit: bool,
    pub export: bool,
    pub email: bool,
}

/// Everything the document page shows.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub id: i64,
    pub kind: Kind,
    pub status: ShownStatus,
    pub number: Option<String>,
    pub title: Option<String>,
    pub client_id: i64,
    pub client_name: String,
    pub client_email: Option<String>,
    pub collaboration_id: Option<i64>,
    pub collaboration_title: Option<String>,
    pub quote_id: Option<i64>,
    pub quote_number: Option<String>,
    pub corrects_id: Option<i64>,
    pub corrects_number: Option<String>,
    pub language: String,
    pub currency: String,
    pub vat_case: VatCase,
    pub issue_date: Option<String>,
    pub service_from: Option<String>,
    pub service_to: Option<String>,
    pub start_date: Option<String>,
    pub duration: Option<String>,
    pub validity_days: Option<i64>,
    pub valid_until: Option<String>,
    pub payment_terms_days: Option<i64>,
    pub due_date: Option<String>,
    pub notes: Option<String>,
    pub lines: Vec<DocLine>,
    pub totals: Totals,
    pub payments: Vec<Payment>,
    /// What the tamper check found on this issued document or one of its
    /// payments (`None`: intact, or a draft, which is not sealed).
    pub integrity: Option<crate::integrity::Fault>,
    pub paid: i64,
    pub credited: i64,
    pub outstanding: i64,
    pub related: Vec<Related>,
    pub input: DocumentInput,
    pub mentions: Vec<String>,
    pub actions: Actions,
    /// Issuer and client as the PDF prints them: frozen once issued.
    pub parties: Parties,
}

#[derive(Debug, Clone, Serialize)]
pub struct Parties {
    pub issuer: Option<issue::Issuer>,
    pub client: issue::Party,
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<Document> {
    let row = row(conn, id)?;
    let client = clients::get(conn, row.client_id)?;
    let profile = profile::get(conn)?;
    let frozen: Option<Snapshot> = match &row.snapshot {
        Some(json) => Some(
            serde_json::from_str(json)
                .map_err(|e| Error::Unavailable(format!("snapshot of document {id}: {e}")))?,
        ),
        None => None,
    };
    let language = frozen
        .as_ref()
        .map_or(client.doc_language.as_str().to_owned(), |s| {
            s.language.clone()
        });
    let currency = frozen
        .as_ref()
        .map_or(client.currency.as_str().to_owned(), |s| s.currency.clone());
    let case = row
        .vat_case
        .unwrap_or_else(|| vat_case(profile.as_ref(), &client));
    let mut lines = lines(conn, id)?;
    localize(&mut lines, &language);
    let totals = compute_totals(&lines, case);
    let payments = payments::of(conn, id)?;
    let paid: i64 = payments.iter().map(|p| p.amount).sum();
    let credited = credited(conn, id)?;
    let is_invoice = matches!(row.kind, Kind::Invoice | Kind::Deposit);
    let issued = !row.is_draft();
    let outstanding = if is_invoice && issued {
        (totals.incl - paid - credited).max(0)
    } else {
        0
    };
    let status = status::shown(
        row.kind,
        row.status,
        today,
        row.valid_until.as_deref().and_then(status::parse_date),
        row.due_date.as_deref().and_then(status::parse_date),
        Balance {
            total: totals.incl,
            paid,
            credited,
        },
    );
    let number_of = |other: Option<i64>| -> Result<Option<String>> {
        Ok(match other {
            Some(o) => conn
                .query_row("SELECT number FROM documents WHERE id = ?1", [o], |r| {
                    r.get(0)
                })
                .optional()?
                .flatten(),
            None => None,
        })
    };
    let related = related(conn, id, today)?;
    // One hash per record: cheap enough for every view of the page.
    let mut integrity = crate::integrity::check_one(conn, crate::integrity::Entity::Document, id)?;
    for p in &payments {
        if integrity.is_none() {
            integrity = crate::integrity::check_one(conn, crate::integrity::Entity::Payment, p.id)?;
        }
    }
    let collaboration_title: Option<String> = match row.collaboration_id {
        Some(c) => conn
            .query_row("SELECT title FROM collaborations WHERE id = ?1", [c], |r| {
                r.get(0)
            })
            .optional()?,
        None => None,
    };
    let snapshot = match frozen {
        Some(s) => s,
        None => issue::snapshot(conn, &row, today)?,
    };
    let mentions = issue::mentions(&snapshot);
    let actions = actions(
        conn,
        &row,
        status,
        outstanding,
        credited,
        totals.incl,
        &client,
    )?;
    let input = DocumentInput {
        kind: row.kind.as_str().into(),
        client_id: Some(row.client_id),
        collaboration_id: row.collaboration_id,
        title: row.title.clone().unwrap_or_default(),
        service_from: row.service_from.clone().unwrap_or_default(),
        service_to: row.service_to.clone().unwrap_or_default(),
        start_date: row.start_date.clone().unwrap_or_default(),
        duration: row.duration.clone().unwrap_or_default(),
        validity_days: row.validity_days.map(|d| d.to_string()).unwrap_or_default(),
        payment_terms_days: row
            .payment_terms_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
        notes: row.notes.clone().unwrap_or_default(),
        exchange_rate: row
            .exchange_rate
            .map(|r| crate::locale::decimal(r, 6, crate::locale::Language::Fr))
            .unwrap_or_default(),
        lines: lines
            .iter()
            .filter(|l| !l.is_system(row.kind))
            .map(|l| LineInput {
                description: l.description.clone(),
                quantity: quantity_text(l.quantity_milli, "fr"),
                unit: l.unit.clone().unwrap_or_default(),
                unit_price: Scaled(l.unit_price, 2).to_string().replace('.', ","),
                vat_rate: l.vat_rate.to_string(),
            })
            .collect(),
    };
    Ok(Document {
        id,
        kind: row.kind,
        status,
        number: row.number.clone(),
        title: row.title.clone(),
        client_id: row.client_id,
        client_name: client.name.clone(),
        client_email: client.email.clone(),
        collaboration_id: row.collaboration_id,
        collaboration_title,
        quote_id: row.quote_id,
        quote_number: number_of(row.quote_id)?,
        corrects_id: row.corrects_id,
        corrects_number: number_of(row.corrects_id)?,
        language,
        currency,
        vat_case: case,
        issue_date: row.issue_date.clone(),
        service_from: row.service_from.clone(),
        service_to: row.service_to.clone(),
        start_date: row.start_date.clone(),
        duration: row.duration.clone(),
        validity_days: row.validity_days,
        valid_until: row.valid_until.clone(),
        payment_terms_days: row.payment_terms_days,
        due_date: row.due_date.clone(),
        notes: row.notes.clone(),
        lines,
        totals,
        payments,
        integrity,
        paid,
        credited,
        outstanding,
        related,
        input,
        mentions,
        actions,
        parties: Parties {
            issuer: snapshot.issuer.clone(),
            client: snapshot.client.clone(),
        },
    })
}

/// id, kind, number, stored status, total, valid until, due date.
type RelatedRow = (
    i64,
    Kind,
    Option<String>,
    DocStatus,
    Option<i64>,
    Option<String>,
    Option<String>,
);

fn related(conn: &Connection, id: i64, today: NaiveDate) -> Result<Vec<Related>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, number, status, total_incl, valid_until, due_date FROM documents
         WHERE quote_id = ?1 OR corrects_id = ?1 ORDER BY id",
    )?;
    let rows: Vec<RelatedRow> = stmt
        .query_map([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for (rid, kind, number, stored, total, valid, due) in rows {
        // Drafts store their totals on every write (`saved`), issued ones at issue.
        let total = total.unwrap_or(0);
        let paid = payments::paid(conn, rid)?;
        let credited = credited(conn, rid)?;
        let status = status::shown(
            kind,
            stored,
            today,
            valid.as_deref().and_then(status::parse_date),
            due.as_deref().and_then(status::parse_date),
            Balance {
                total,
                paid,
                credited,
            },
        );
        out.push(Related {
            id: rid,
            kind,
            number,
            status,
            total_incl: total,
        });
    }
    Ok(out)
}

fn actions(
    conn: &Connection,
    row: &Row,
    status: ShownStatus,
    outstanding: i64,
    credited: i64,
    total: i64,
    client: &Client,
) -> Result<Actions> {
    let draft = row.is_draft();
    let quote = row.kind == Kind::Quote;
    let invoice_like = matches!(row.kind, Kind::Invoice | Kind::Deposit);
    let accepted = quote && row.status == DocStatus::Accepted;
    let (invoices, deposits_issued, finals): (i64, i64, i64) = if quote {
        conn.query_row(
            "SELECT
                COUNT(*) FILTER (WHERE kind = 'invoice'),
                COUNT(*) FILTER (WHERE kind = 'deposit' AND status = 'issued'),
                COUNT(*) FILTER (WHERE kind = 'deposit' AND status = 'draft')
             FROM documents WHERE quote_id = ?1",
            [row.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?
    } else {
        (0, 0, 0)
    };
    Ok(Actions {
        edit: draft,
        delete: draft,
        issue: draft,
        accept: quote && matches!(status, ShownStatus::Sent | ShownStatus::Expired),
        decline: quote && matches!(status, ShownStatus::Sent | ShownStatus::Expired),
        invoice: accepted && invoices == 0 && deposits_issued == 0 && finals == 0,
        deposit: accepted && invoices == 0,
        final_invoice: accepted && invoices == 0 && deposits_issued > 0,
        pay: invoice_like && !draft && outstanding > 0,
        credit: invoice_like && !draft && credited < total,
        export: true,
        email: !draft && client.email.is_some(),
    })
}
