//! The stored model of a document: its row, its lines, the inputs the editor sends,
//! and the few pure rules every other file reads (the VAT case, the totals of a
//! list of lines, what issued credit notes already cover). Nothing here writes, and
//! nothing formats for a reader except [`localize`], which the views call.

use super::totals::{self, Line, Totals};
use super::Kind;
use crate::catalog::{is_eu, DocStatus, PaymentMethod, ShownStatus, VatCase, VatRegime};
use crate::clients::Client;
use crate::db::Connection;
use crate::profile::Profile;
use crate::{Error, Result};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

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
    /// Euros for one unit of the client's currency, as typed ("0,9234"): asked
    /// when French VAT is charged on an invoice in another currency.
    pub exchange_rate: String,
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
    pub(crate) fn money(&self) -> Line {
        Line {
            quantity: self.quantity_milli,
            unit_price: self.unit_price,
            vat_rate: self.vat_rate,
            fixed_vat: self.fixed_vat,
        }
    }
    /// Lines the app writes itself and the editor never shows: a final invoice's
    /// deductions and a deposit invoice's parts.
    pub(crate) fn is_system(&self, kind: Kind) -> bool {
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
    /// Negative for a reversing entry.
    pub amount: i64,
    pub method: PaymentMethod,
    pub note: Option<String>,
    /// A reversing entry: the payment it cancels, and why.
    pub reverses_id: Option<i64>,
    pub reason: Option<String>,
    /// The reversing entry that cancelled this payment, if any.
    pub reversed_by: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Related {
    pub id: i64,
    pub kind: Kind,
    pub number: Option<String>,
    pub status: ShownStatus,
    pub total_incl: i64,
}

/// The stored row, before anything is derived from it.
#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub id: i64,
    pub kind: Kind,
    pub status: DocStatus,
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
    /// Millionths of a euro per unit of the client's currency.
    pub exchange_rate: Option<i64>,
}

const ROW_COLUMNS: &str =
    "id, kind, status, client_id, collaboration_id, quote_id, corrects_id, title,
    service_from, service_to, start_date, duration, validity_days, payment_terms_days, notes,
    number, issue_date, due_date, valid_until, vat_case, snapshot, exchange_rate";

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
                exchange_rate: r.get(21)?,
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

/// A document's lines in their order. `quantity` is left empty: it is text for a
/// reader, which [`localize`] writes in the document's language.
pub(crate) fn lines(conn: &Connection, id: i64) -> Result<Vec<DocLine>> {
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
            quantity: String::new(),
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

/// Writes each line's quantity as a reader of `lang` reads it ("1,5" in French).
pub(crate) fn localize(lines: &mut [DocLine], lang: &str) {
    for l in lines {
        l.quantity = quantity_text(l.quantity_milli, lang);
    }
}

impl Row {
    pub fn is_draft(&self) -> bool {
        self.status == DocStatus::Draft
    }
}

/// The VAT rules that apply between this issuer and this client: where the
/// service is taxed (CGI art. 259 ff., Directive 2006/112/CE art. 44-45), then,
/// when that is France, whether she charges VAT (franchise, art. 293 B).
///
/// | client                 | place of supply                       | franchise  | registered |
/// |------------------------|---------------------------------------|------------|------------|
/// | French (business/private) | France                              | Franchise  | Domestic   |
/// | EU business            | the client's country, art. 259-1°     | ReverseCharge (both)    |
/// | EU private             | France, art. 259-2°                   | Franchise  | Domestic   |
/// | non-EU business        | outside the EU, art. 259-1°           | Export (both)           |
/// | non-EU private         | outside the EU, art. 259 B            | Export (both)           |
///
/// The last row is a choice: art. 259 B moves the place of supply to a private
/// client's country outside the EU for the services it lists, among them the
/// services of consultants and « autres prestations similaires », data processing
/// and the supply of information, and electronically supplied services (259 B 3°,
/// 4°, 11°; BOI-TVA-CHAMP-20-50-40) — which is what a virtual assistant's or an
/// online business manager's remote work is. Services outside that list would
/// stay in France under 259-2°; Tandem does not offer them.
///
/// Monaco is part of the French VAT territory (Franco-Monegasque convention of
/// 18 May 1963): its clients are French clients here.
pub fn vat_case(profile: Option<&Profile>, client: &Client) -> VatCase {
    let in_france = if profile.is_some_and(|p| p.vat_regime == VatRegime::Franchise) {
        VatCase::Franchise
    } else {
        VatCase::Domestic
    };
    let country = client.country.as_str();
    match (
        country == "FR" || country == "MC",
        is_eu(country),
        client.private,
    ) {
        (true, _, _) => in_france,
        (false, true, false) => VatCase::ReverseCharge,
        (false, true, true) => in_france,
        (false, false, _) => VatCase::Export,
    }
}

pub(crate) fn compute_totals(lines: &[DocLine], case: VatCase) -> Totals {
    let money: Vec<Line> = lines.iter().map(DocLine::money).collect();
    totals::totals(&money, case == VatCase::Domestic)
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
        for v in compute_totals(&lines(conn, cid)?, case).vat {
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
