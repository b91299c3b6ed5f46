//! Quotes, invoices, deposit invoices and credit notes.
//!
//! One table and one code path for every kind. A document is a *draft* (editable,
//! deletable, no number) until it is issued; issuing (`issue.rs`) gives it the next
//! number of its series and freezes a snapshot of the issuer, the client, the
//! lines and the totals in the same transaction. From then on the database
//! refuses any change (see migrations/0002_documents.sql); the PDF is rendered from
//! the snapshot, so it can be regenerated identically at any time.
//!
//! - `totals.rs` — money: line totals, VAT per rate, deposits.
//! - `numbering.rs` — series, prefixes, the next number.
//! - `issue.rs` — what must be known to issue, the snapshot, the legal mentions.
//! - `convert.rs` — quote → invoice / deposit / final invoice, invoice → credit note.
//! - `payments.rs` — payments and the balance of an invoice.
//! - `render.rs` — snapshot → `pdf::Document` in the client's language.
//! - `list.rs` — the paged lists.

mod convert;
mod issue;
mod list;
pub mod numbering;
mod payments;
mod render;
pub mod totals;

pub use crate::catalog::{DocKind as Kind, PaymentMethod, VatCase};
pub use convert::{credit_note_for, invoice_from_quote, ConvertMode};
pub use issue::{issue, Snapshot};
pub use list::{list, DocumentQuery, DocumentRow, DocumentSort};
pub use payments::{add_payment, delete_payment, PaymentInput};
pub use render::{file_name, layout, mailto, pdf};

use crate::catalog::{is_eu, Code, VatRegime};
use crate::clients::{self, Client};
use crate::db::{Connection, NOW};
use crate::profile::{self, Profile};
use crate::validate::{Checker, Need, Quantity, Scaled, LINE_MAX, NOTES_MAX};
use crate::{Error, FieldError, Result};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use totals::{Line, Totals, VAT_RATES};

pub const MAX_LINES: usize = 500;
const DESCRIPTION_MAX: usize = 2_000;
const QUOTE_VALIDITY_DAYS: i64 = 30;

/// A line as the editor sends it: text as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct LineInput {
    pub description: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub vat_rate: String,
}

/// What the editor sends for a draft.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct DocumentInput {
    pub kind: String,
    pub client_id: Option<i64>,
    pub collaboration_id: Option<i64>,
    pub title: String,
    pub service_from: String,
    pub service_to: String,
    pub start_date: String,
    pub duration: String,
    pub validity_days: String,
    pub payment_terms_days: String,
    pub notes: String,
    pub lines: Vec<LineInput>,
}

/// A stored line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocLine {
    pub description: String,
    /// Thousandths.
    pub quantity_milli: i64,
    /// As the French user reads it: "1,5".
    pub quantity: String,
    pub unit: Option<String>,
    pub unit_price: i64,
    pub vat_rate: i64,
    pub total_excl: i64,
    pub fixed_vat: Option<i64>,
    /// A deduction of an earlier deposit invoice (final invoices).
    pub deduction: bool,
    #[serde(skip)]
    pub deducts_id: Option<i64>,
}

impl DocLine {
    fn money(&self) -> Line {
        Line {
            quantity: self.quantity_milli,
            unit_price: self.unit_price,
            vat_rate: self.vat_rate,
            fixed_vat: self.fixed_vat,
        }
    }
    /// Lines the app writes itself and the editor never shows: a final invoice's
    /// deductions and a deposit invoice's parts.
    fn is_system(&self, kind: Kind) -> bool {
        self.deducts_id.is_some() || kind == Kind::Deposit
    }
}

/// "1,5" from 1500: the quantity shown to a French reader, without useless zeros.
pub fn quantity_text(milli: i64, lang: &str) -> String {
    crate::locale::quantity(milli, crate::locale::lang(lang))
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Payment {
    pub id: i64,
    pub date: String,
    pub amount: i64,
    pub method: PaymentMethod,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Related {
    pub id: i64,
    pub kind: Kind,
    pub number: Option<String>,
    pub status: &'static str,
    pub total_incl: i64,
}

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
    pub status: &'static str,
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

/// The stored row, before anything is derived from it.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub id: i64,
    pub kind: Kind,
    pub status: String,
    pub client_id: i64,
    pub collaboration_id: Option<i64>,
    pub quote_id: Option<i64>,
    pub corrects_id: Option<i64>,
    pub title: Option<String>,
    pub service_from: Option<String>,
    pub service_to: Option<String>,
    pub start_date: Option<String>,
    pub duration: Option<String>,
    pub validity_days: Option<i64>,
    pub payment_terms_days: Option<i64>,
    pub notes: Option<String>,
    pub number: Option<String>,
    pub issue_date: Option<String>,
    pub due_date: Option<String>,
    pub valid_until: Option<String>,
    pub vat_case: Option<VatCase>,
    pub snapshot: Option<String>,
}

const ROW_COLUMNS: &str =
    "id, kind, status, client_id, collaboration_id, quote_id, corrects_id, title,
    service_from, service_to, start_date, duration, validity_days, payment_terms_days, notes,
    number, issue_date, due_date, valid_until, vat_case, snapshot";

pub(crate) fn row(conn: &Connection, id: i64) -> Result<Row> {
    conn.query_row(
        &format!("SELECT {ROW_COLUMNS} FROM documents WHERE id = ?1"),
        [id],
        |r| {
            Ok(Row {
                id: r.get(0)?,
                kind: r.get(1)?,
                status: r.get(2)?,
                client_id: r.get(3)?,
                collaboration_id: r.get(4)?,
                quote_id: r.get(5)?,
                corrects_id: r.get(6)?,
                title: r.get(7)?,
                service_from: r.get(8)?,
                service_to: r.get(9)?,
                start_date: r.get(10)?,
                duration: r.get(11)?,
                validity_days: r.get(12)?,
                payment_terms_days: r.get(13)?,
                notes: r.get(14)?,
                number: r.get(15)?,
                issue_date: r.get(16)?,
                due_date: r.get(17)?,
                valid_until: r.get(18)?,
                vat_case: r.get(19)?,
                snapshot: r.get(20)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "document",
        id,
        field: None,
    })
}

pub(crate) fn lines(conn: &Connection, id: i64, lang: &str) -> Result<Vec<DocLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT description, quantity, unit, unit_price, vat_rate, total_excl, fixed_vat, deducts_id
         FROM document_lines WHERE document_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([id], |r| {
        let q: i64 = r.get(1)?;
        let deducts_id: Option<i64> = r.get(7)?;
        Ok(DocLine {
            description: r.get(0)?,
            quantity_milli: q,
            quantity: quantity_text(q, lang),
            unit: r.get(2)?,
            unit_price: r.get(3)?,
            vat_rate: r.get(4)?,
            total_excl: r.get(5)?,
            fixed_vat: r.get(6)?,
            deduction: deducts_id.is_some(),
            deducts_id,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The VAT rules that apply between this issuer and this client.
pub fn vat_case(profile: Option<&Profile>, client: &Client) -> VatCase {
    match profile {
        Some(p) if p.vat_regime == VatRegime::Franchise => VatCase::Franchise,
        _ if client.country == "FR" => VatCase::Domestic,
        _ if is_eu(&client.country) && client.vat_number.is_some() => VatCase::ReverseCharge,
        _ if is_eu(&client.country) => VatCase::Domestic,
        _ => VatCase::Export,
    }
}

pub(crate) fn compute_totals(lines: &[DocLine], case: VatCase) -> Totals {
    let money: Vec<Line> = lines.iter().map(DocLine::money).collect();
    totals::totals(&money, case == VatCase::Domestic)
}

/// The status to show: stored state plus what the dates and payments say.
/// The money side of an invoice's status.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Balance {
    pub total: i64,
    pub paid: i64,
    pub credited: i64,
}

pub(crate) fn display_status(
    kind: Kind,
    stored: &str,
    today: NaiveDate,
    (valid_until, due_date): (Option<&str>, Option<&str>),
    Balance {
        total,
        paid,
        credited,
    }: Balance,
) -> &'static str {
    let before = |d: Option<&str>| d.and_then(parse_date).is_some_and(|d| d < today);
    match (kind, stored) {
        (_, "draft") => "draft",
        (Kind::Quote, "sent") if before(valid_until) => "expired",
        (Kind::Quote, "sent") => "sent",
        (Kind::Quote, "accepted") => "accepted",
        (Kind::Quote, _) => "declined",
        (Kind::CreditNote, _) => "issued",
        _ if credited >= total && total > 0 => "cancelled",
        _ if paid > 0 && paid + credited >= total => "paid",
        _ if before(due_date) => "overdue",
        _ if paid > 0 => "partially_paid",
        _ => "issued",
    }
}

pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Sum of issued credit notes against a document, incl. VAT.
pub(crate) fn credited(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT COALESCE(SUM(total_incl), 0) FROM documents
         WHERE corrects_id = ?1 AND kind = 'credit_note' AND status = 'issued'",
        [id],
        |r| r.get(0),
    )?)
}

/// What issued credit notes have already credited on an invoice, per VAT rate
/// (`base` and `amount` summed over them), in the invoice's VAT case.
pub(crate) fn credited_by_rate(
    conn: &Connection,
    invoice_id: i64,
    case: VatCase,
) -> Result<Vec<totals::VatLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM documents WHERE corrects_id = ?1 AND kind = 'credit_note' AND status = 'issued'",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([invoice_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<totals::VatLine> = Vec::new();
    for cid in ids {
        for v in compute_totals(&lines(conn, cid, "fr")?, case).vat {
            match out.iter_mut().find(|o| o.rate == v.rate) {
                Some(o) => {
                    o.base += v.base;
                    o.amount += v.amount;
                }
                None => out.push(v),
            }
        }
    }
    Ok(out)
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
    let lines = lines(conn, id, &language)?;
    let totals = compute_totals(&lines, case);
    let payments = payments::of(conn, id)?;
    let paid: i64 = payments.iter().map(|p| p.amount).sum();
    let credited = credited(conn, id)?;
    let is_invoice = matches!(row.kind, Kind::Invoice | Kind::Deposit);
    let issued = row.status != "draft";
    let outstanding = if is_invoice && issued {
        (totals.incl - paid - credited).max(0)
    } else {
        0
    };
    let status = display_status(
        row.kind,
        &row.status,
        today,
        (row.valid_until.as_deref(), row.due_date.as_deref()),
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
    String,
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
        let status = display_status(
            kind,
            &stored,
            today,
            (valid.as_deref(), due.as_deref()),
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
    status: &str,
    outstanding: i64,
    credited: i64,
    total: i64,
    client: &Client,
) -> Result<Actions> {
    let draft = row.status == "draft";
    let quote = row.kind == Kind::Quote;
    let invoice_like = matches!(row.kind, Kind::Invoice | Kind::Deposit);
    let accepted = quote && row.status == "accepted";
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
        accept: quote && matches!(status, "sent" | "expired"),
        decline: quote && matches!(status, "sent" | "expired"),
        invoice: accepted && invoices == 0 && deposits_issued == 0 && finals == 0,
        deposit: accepted && invoices == 0,
        final_invoice: accepted && invoices == 0 && deposits_issued > 0,
        pay: invoice_like && !draft && outstanding > 0,
        credit: invoice_like && !draft && credited < total,
        export: true,
        email: !draft && client.email.is_some(),
    })
}

/// A draft's fields, checked and parsed.
struct Parsed {
    title: Option<String>,
    collaboration_id: Option<i64>,
    service_from: Option<NaiveDate>,
    service_to: Option<NaiveDate>,
    start_date: Option<NaiveDate>,
    duration: Option<String>,
    validity_days: Option<i64>,
    payment_terms_days: Option<i64>,
    notes: Option<String>,
    lines: Vec<(String, i64, Option<String>, i64, i64)>,
}

fn check(conn: &Connection, input: &DocumentInput, kind: Kind) -> Result<(Checker, Parsed)> {
    let mut c = Checker::new();
    let client = match input.client_id {
        None => {
            c.push("client_id", "required", "client_id is required");
            None
        }
        Some(id) => match clients::get(conn, id) {
            Ok(client) => Some(client),
            Err(Error::NotFound { .. }) => {
                c.push("client_id", "not_found", format!("client {id} not found"));
                None
            }
            Err(e) => return Err(e),
        },
    };
    let collaboration_id = match (input.collaboration_id, &client) {
        (Some(k), Some(client)) => {
            let owner: Option<i64> = conn
                .query_row(
                    "SELECT client_id FROM collaborations WHERE id = ?1",
                    [k],
                    |r| r.get(0),
                )
                .optional()?;
            match owner {
                None => {
                    c.push(
                        "collaboration_id",
                        "not_found",
                        format!("collaboration {k} not found"),
                    );
                    None
                }
                Some(o) if o != client.id => {
                    c.push(
                        "collaboration_id",
                        "collaboration_of_other_client",
                        "this collaboration belongs to another client",
                    );
                    None
                }
                Some(_) => Some(k),
            }
        }
        _ => None,
    };
    let title = c.line("title", &input.title, Need::Optional);
    let service_from = c.date("service_from", &input.service_from, Need::Optional);
    let service_to = c.date("service_to", &input.service_to, Need::Optional);
    if let (Some(f), Some(t)) = (service_from, service_to) {
        if t < f {
            c.push(
                "service_to",
                "end_before_start",
                "the period ends before it starts",
            );
        }
    }
    let start_date = c.date("start_date", &input.start_date, Need::Optional);
    let duration = c.line("duration", &input.duration, Need::Optional);
    let validity_days = c
        .number(
            "validity_days",
            &input.validity_days,
            Need::Optional,
            Quantity::Days,
            1..=365,
        )
        .or((kind == Kind::Quote).then_some(QUOTE_VALIDITY_DAYS));
    let payment_terms_days = c.number(
        "payment_terms_days",
        &input.payment_terms_days,
        Need::Optional,
        Quantity::Days,
        0..=60,
    );
    let notes = c.text("notes", &input.notes, Need::Optional, NOTES_MAX);
    if input.lines.len() > MAX_LINES {
        c.push(
            "lines",
            "too_many_lines",
            format!("a document has at most {MAX_LINES} lines"),
        );
    }
    let mut lines = Vec::new();
    for (i, l) in input.lines.iter().enumerate().take(MAX_LINES) {
        let f = |name: &str| format!("lines.{i}.{name}");
        let description = c.text(
            &f("description"),
            &l.description,
            Need::Required,
            DESCRIPTION_MAX,
        );
        let quantity = c.number(
            &f("quantity"),
            &l.quantity,
            Need::Required,
            Quantity::Units,
            1..=1_000_000_000,
        );
        let unit = c.line(&f("unit"), &l.unit, Need::Optional);
        if unit.as_ref().is_some_and(|u| u.chars().count() > 20) {
            c.push(&f("unit"), "too_long", "a unit is at most 20 characters");
        }
        let price = c.number(
            &f("unit_price"),
            &l.unit_price,
            Need::Required,
            Quantity::Amount,
            -9_999_999_999..=9_999_999_999,
        );
        let rate_text = if l.vat_rate.trim().is_empty() {
            "2000"
        } else {
            l.vat_rate.trim()
        };
        let rate = match rate_text.parse::<i64>() {
            Ok(r) if VAT_RATES.contains(&r) => Some(r),
            _ => {
                c.push(
                    &f("vat_rate"),
                    "invalid_vat_rate",
                    "the VAT rate is one of 20, 10, 5.5, 2.1 or 0 %",
                );
                None
            }
        };
        if let (Some(d), Some(q), Some(p), Some(r)) = (description, quantity, price, rate) {
            lines.push((d, q, unit, p, r));
        }
    }
    let _ = LINE_MAX;
    Ok((
        c,
        Parsed {
            title,
            collaboration_id,
            service_from,
            service_to,
            start_date,
            duration,
            validity_days,
            payment_terms_days,
            notes,
            lines,
        },
    ))
}

fn creatable_kind(input: &DocumentInput) -> std::result::Result<Kind, FieldError> {
    match Kind::parse(input.kind.trim()) {
        Some(k @ (Kind::Quote | Kind::Invoice)) => Ok(k),
        _ => Err(FieldError::new(
            "kind",
            "invalid_choice",
            "a new document is a quote or an invoice; deposits and credit notes are made from one",
        )),
    }
}

/// The totals a draft would have as typed (ignoring lines that do not parse yet),
/// so the editor shows them live without saving. Writes nothing.
pub fn preview_totals(conn: &Connection, input: &DocumentInput) -> Result<Totals> {
    let kind = Kind::parse(input.kind.trim()).unwrap_or(Kind::Invoice);
    let (_, p) = check(conn, input, kind)?;
    let case = match input.client_id.map(|id| clients::get(conn, id)) {
        Some(Ok(client)) => vat_case(profile::get(conn)?.as_ref(), &client),
        _ => VatCase::Domestic,
    };
    let lines: Vec<Line> = p
        .lines
        .iter()
        .map(|(_, quantity, _, unit_price, vat_rate)| Line {
            quantity: *quantity,
            unit_price: *unit_price,
            vat_rate: *vat_rate,
            fixed_vat: None,
        })
        .collect();
    Ok(totals::totals(&lines, case == VatCase::Domestic))
}

/// Field errors of the editor as typed so far. Writes nothing.
pub fn validate(conn: &Connection, input: &DocumentInput) -> Result<Vec<FieldError>> {
    let kind = Kind::parse(input.kind.trim()).unwrap_or(Kind::Invoice);
    let (c, _) = check(conn, input, kind)?;
    let mut errors = c.into_errors();
    if input.kind.trim().is_empty() || Kind::parse(input.kind.trim()).is_none() {
        errors.insert(
            0,
            FieldError::new("kind", "invalid_choice", "unknown document kind"),
        );
    }
    Ok(errors)
}

pub fn create(conn: &Connection, input: &DocumentInput, today: NaiveDate) -> Result<Document> {
    let kind = creatable_kind(input).map_err(|e| Error::Invalid(vec![e]))?;
    let (c, p) = check(conn, input, kind)?;
    c.finish()?;
    let client_id = input.client_id.unwrap_or_default();
    if clients::get(conn, client_id)?.archived {
        return Err(Error::field(
            "client_id",
            "client_archived",
            "this client is archived",
        ));
    }
    conn.execute(
        &format!("INSERT INTO documents (kind, client_id, created_at, updated_at) VALUES (?1, ?2, {NOW}, {NOW})"),
        params![kind, client_id],
    )?;
    let id = conn.last_insert_rowid();
    write_fields(conn, id, client_id, &p)?;
    write_lines(conn, id, &p.lines)?;
    saved(conn, id, today)
}

pub(crate) fn create_raw(
    conn: &Connection,
    kind: Kind,
    client_id: i64,
    quote_id: Option<i64>,
    corrects_id: Option<i64>,
) -> Result<i64> {
    conn.execute(
        &format!(
            "INSERT INTO documents (kind, client_id, quote_id, corrects_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, {NOW}, {NOW})"
        ),
        params![kind, client_id, quote_id, corrects_id],
    )?;
    Ok(conn.last_insert_rowid())
}

fn frozen(id: i64) -> Error {
    Error::Invalid(vec![FieldError::new(
        "id",
        "document_frozen",
        format!("document {id} is issued and cannot be changed"),
    )])
}

pub fn update(
    conn: &Connection,
    id: i64,
    input: &DocumentInput,
    today: NaiveDate,
) -> Result<Document> {
    let current = row(conn, id)?;
    if current.status != "draft" {
        return Err(frozen(id));
    }
    let (c, p) = check(conn, input, current.kind)?;
    c.finish()?;
    let client_id = input.client_id.unwrap_or(current.client_id);
    if client_id != current.client_id && clients::get(conn, client_id)?.archived {
        return Err(Error::field(
            "client_id",
            "client_archived",
            "this client is archived",
        ));
    }
    if current.kind == Kind::CreditNote && client_id != current.client_id {
        return Err(Error::field(
            "client_id",
            "credit_note_client",
            "a credit note goes to the invoice's client",
        ));
    }
    write_fields(conn, id, client_id, &p)?;
    // The editor only knows the user's lines; deposit parts and deductions stay.
    let before = lines(conn, id, "fr")?;
    let system: Vec<&DocLine> = before
        .iter()
        .filter(|l| l.is_system(current.kind))
        .collect();
    // A line the user left as it was keeps its fixed VAT (a credit note's copy of
    // a deposit part stays exact to the cent).
    let fixed: Vec<&DocLine> = before
        .iter()
        .filter(|l| !l.is_system(current.kind) && l.fixed_vat.is_some())
        .collect();
    conn.execute("DELETE FROM document_lines WHERE document_id = ?1", [id])?;
    let user = if current.kind == Kind::Deposit {
        &[][..]
    } else {
        &p.lines[..]
    };
    for (i, (description, quantity, unit, price, rate)) in user.iter().enumerate() {
        let same = fixed.iter().find(|l| {
            l.description == *description
                && l.quantity_milli == *quantity
                && l.unit == *unit
                && l.unit_price == *price
                && l.vat_rate == *rate
        });
        let line = DocLine {
            description: description.clone(),
            quantity_milli: *quantity,
            quantity: String::new(),
            unit: unit.clone(),
            unit_price: *price,
            vat_rate: *rate,
            total_excl: totals::line_total(*quantity, *price),
            fixed_vat: same.and_then(|l| l.fixed_vat),
            deduction: false,
            deducts_id: None,
        };
        insert_line(conn, id, i as i64, &line)?;
    }
    for (i, l) in system.iter().enumerate() {
        insert_line(conn, id, (user.len() + i) as i64, l)?;
    }
    saved(conn, id, today)
}

fn write_fields(conn: &Connection, id: i64, client_id: i64, p: &Parsed) -> Result<()> {
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    conn.execute(
        &format!(
            "UPDATE documents SET client_id = ?2, collaboration_id = ?3, title = ?4, service_from = ?5,
                service_to = ?6, start_date = ?7, duration = ?8, validity_days = ?9,
                payment_terms_days = ?10, notes = ?11, updated_at = {NOW}
             WHERE id = ?1"
        ),
        params![
            id,
            client_id,
            p.collaboration_id,
            p.title,
            date(p.service_from),
            date(p.service_to),
            date(p.start_date),
            p.duration,
            p.validity_days,
            p.payment_terms_days,
            p.notes
        ],
    )?;
    Ok(())
}

fn write_lines(
    conn: &Connection,
    id: i64,
    lines: &[(String, i64, Option<String>, i64, i64)],
) -> Result<()> {
    for (i, (description, quantity, unit, price, rate)) in lines.iter().enumerate() {
        let line = DocLine {
            description: description.clone(),
            quantity_milli: *quantity,
            quantity: String::new(),
            unit: unit.clone(),
            unit_price: *price,
            vat_rate: *rate,
            total_excl: totals::line_total(*quantity, *price),
            fixed_vat: None,
            deduction: false,
            deducts_id: None,
        };
        insert_line(conn, id, i as i64, &line)?;
    }
    Ok(())
}

pub(crate) fn insert_line(conn: &Connection, id: i64, position: i64, l: &DocLine) -> Result<()> {
    conn.execute(
        "INSERT INTO document_lines (document_id, position, description, quantity, unit, unit_price,
            vat_rate, total_excl, fixed_vat, deducts_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            position,
            l.description,
            l.quantity_milli,
            l.unit,
            l.unit_price,
            l.vat_rate,
            totals::line_total(l.quantity_milli, l.unit_price),
            l.fixed_vat,
            l.deducts_id
        ],
    )?;
    Ok(())
}

/// Stores a draft's current totals (for the lists) and returns its view.
pub(crate) fn saved(conn: &Connection, id: i64, today: NaiveDate) -> Result<Document> {
    let doc = get(conn, id, today)?;
    if doc.status == "draft" {
        conn.execute(
            "UPDATE documents SET total_excl = ?2, total_vat = ?3, total_incl = ?4 WHERE id = ?1 AND status = 'draft'",
            params![id, doc.totals.excl, doc.totals.vat_total, doc.totals.incl],
        )?;
    }
    Ok(doc)
}

/// Recomputes the stored totals of every draft (of one client, or all): the VAT
/// case of a draft follows the profile and the client, which may have changed.
pub fn refresh_drafts(conn: &Connection, client_id: Option<i64>, today: NaiveDate) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id FROM documents WHERE status = 'draft' AND (?1 IS NULL OR client_id = ?1)",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([client_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        saved(conn, id, today)?;
    }
    Ok(())
}

/// Deletes a draft. Issued documents are kept forever (the database refuses too).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    let current = row(conn, id)?;
    if current.status != "draft" {
        return Err(frozen(id));
    }
    conn.execute("DELETE FROM documents WHERE id = ?1", [id])?;
    Ok(())
}

/// A sent quote is accepted or declined by the client.
pub fn set_quote_status(
    conn: &Connection,
    id: i64,
    status: &str,
    today: NaiveDate,
) -> Result<Document> {
    let current = row(conn, id)?;
    if current.kind != Kind::Quote {
        return Err(Error::field(
            "id",
            "not_a_quote",
            "only quotes are accepted or declined",
        ));
    }
    if !matches!(status, "accepted" | "declined") {
        return Err(Error::field(
            "status",
            "invalid_choice",
            "accepted or declined",
        ));
    }
    if current.status != "sent" {
        return Err(Error::field(
            "status",
            "quote_not_sent",
            "only a sent quote can be accepted or declined",
        ));
    }
    conn.execute(
        &format!("UPDATE documents SET status = ?2, updated_at = {NOW} WHERE id = ?1"),
        params![id, status],
    )?;
    get(conn, id, today)
}

#[cfg(test)]
mod tests;
