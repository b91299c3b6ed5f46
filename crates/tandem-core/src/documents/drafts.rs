//! The draft writes: checking what the editor sends, creating, updating and
//! deleting drafts, a quote's answer, and the stored totals the lists read. An
//! issued document is never written here (the database refuses it too).

use super::model::{compute_totals, lines, row, vat_case, DocLine, DocumentInput};
use super::totals::{self, Line, Totals, VAT_RATES};
use super::view::{get, Document};
use super::{Kind, DESCRIPTION_MAX, MAX_LINES, QUOTE_VALIDITY_DAYS};
use crate::catalog::{Code, Currency, DocStatus, VatCase, VatRegime};
use crate::clients::{self, Client};
use crate::db::{Connection, NOW};
use crate::profile::{self, Profile};
use crate::validate::{self, Checker, Form, Need, Quantity, NOTES_MAX};
use crate::{locale, settings};
use crate::{Error, FieldError, Result};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::Serialize;

/// A draft's fields, checked and parsed.
pub struct Parsed {
    client: Option<Client>,
    title: Option<String>,
    collaboration_id: Option<i64>,
    service_from: Option<NaiveDate>,
    service_to: Option<NaiveDate>,
    start_date: Option<NaiveDate>,
    duration: Option<String>,
    validity_days: Option<i64>,
    payment_terms_days: Option<i64>,
    notes: Option<String>,
    exchange_rate: Option<i64>,
    lines: Vec<ParsedLine>,
    /// For each parsed line, its index in the input (lines that do not parse yet
    /// are left out of `lines`).
    positions: Vec<usize>,
}

/// A line of the editor, checked: thousandths, cents, basis points.
struct ParsedLine {
    description: String,
    quantity: i64,
    unit: Option<String>,
    unit_price: i64,
    vat_rate: i64,
}

impl ParsedLine {
    /// The line as stored; `fixed_vat` is kept from a line she left as it was.
    fn stored(&self, fixed_vat: Option<i64>) -> DocLine {
        DocLine {
            description: self.description.clone(),
            quantity_milli: self.quantity,
            quantity: String::new(),
            unit: self.unit.clone(),
            unit_price: self.unit_price,
            vat_rate: self.vat_rate,
            total_excl: totals::line_total(self.quantity, self.unit_price),
            fixed_vat,
            deduction: false,
            deducts_id: None,
        }
    }

    /// Whether a stored line says exactly what this one says.
    fn same_as(&self, l: &DocLine) -> bool {
        l.description == self.description
            && l.quantity_milli == self.quantity
            && l.unit == self.unit
            && l.unit_price == self.unit_price
            && l.vat_rate == self.vat_rate
    }

    fn money(&self) -> Line {
        Line {
            quantity: self.quantity,
            unit_price: self.unit_price,
            vat_rate: self.vat_rate,
            fixed_vat: None,
        }
    }
}

impl Form for DocumentInput {
    type Parsed = Parsed;
    fn check(&self, conn: &Connection, editing: Option<i64>, c: &mut Checker) -> Result<Parsed> {
        check(conn, self, editing, c)
    }
}

fn check(
    conn: &Connection,
    input: &DocumentInput,
    editing: Option<i64>,
    c: &mut Checker,
) -> Result<Parsed> {
    // A draft keeps the archived client it already had; nothing new goes to one.
    let keeps = match editing {
        Some(id) => Some(row(conn, id)?.client_id),
        None => None,
    };
    let client = clients::require_active(conn, c, input.client_id, Need::Required, keeps)?;
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
    let validity_days = c.number(
        "validity_days",
        &input.validity_days,
        Need::Optional,
        Quantity::Days,
        1..=365,
    );
    let payment_terms_days = c.number(
        "payment_terms_days",
        &input.payment_terms_days,
        Need::Optional,
        Quantity::Days,
        0..=60,
    );
    let notes = c.text("notes", &input.notes, Need::Optional, NOTES_MAX);
    // Kept whatever the currency (a client may move to euros and back); only
    // printed when French VAT is charged in another currency.
    let exchange_rate = c.number(
        "exchange_rate",
        &input.exchange_rate,
        Need::Optional,
        Quantity::Rate,
        1..=1_000_000_000,
    );
    if input.lines.len() > MAX_LINES {
        c.push(
            "lines",
            "too_many_lines",
            format!("a document has at most {MAX_LINES} lines"),
        );
    }
    let mut lines = Vec::new();
    let mut positions = Vec::new();
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
            lines.push(ParsedLine {
                description: d,
                quantity: q,
                unit,
                unit_price: p,
                vat_rate: r,
            });
            positions.push(i);
        }
    }
    Ok(Parsed {
        client,
        title,
        collaboration_id,
        service_from,
        service_to,
        start_date,
        duration,
        validity_days,
        payment_terms_days,
        notes,
        exchange_rate,
        lines,
        positions,
    })
}

impl Parsed {
    /// A quote is valid 30 days unless she says otherwise.
    fn validity_for(&self, kind: Kind) -> Option<i64> {
        self.validity_days
            .or((kind == Kind::Quote).then_some(QUOTE_VALIDITY_DAYS))
    }
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

/// What the editor shows live as she types, in one call: the totals, the VAT case,
/// each line's own total (`None` while the line does not parse) and every field
/// error. Writes nothing.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Preview {
    pub totals: Totals,
    pub vat_case: VatCase,
    pub line_totals: Vec<Option<i64>>,
    pub errors: Vec<FieldError>,
    /// The client's currency, once a client is chosen.
    pub currency: Option<Currency>,
    /// French VAT charged in another currency: the editor asks for the exchange
    /// rate (CGI art. 289-IV: the VAT is also stated in euros).
    pub needs_exchange_rate: bool,
    /// The rate she typed last for that currency, to pre-fill an empty field, in
    /// the UI's language ("0,9234").
    pub last_exchange_rate: Option<String>,
}

/// The draft as typed: totals of the lines that parse, in the VAT case the
/// profile and the client decide (a draft's own case once it has a client), and
/// the field errors. `editing` is the draft being edited, `None` for a new one.
pub fn preview(conn: &Connection, input: &DocumentInput, editing: Option<i64>) -> Result<Preview> {
    let mut c = Checker::new();
    let p = check(conn, input, editing, &mut c)?;
    let profile = profile::get(conn)?;
    let vat_case = case_of(profile.as_ref(), p.client.as_ref());
    let money: Vec<Line> = p.lines.iter().map(ParsedLine::money).collect();
    let mut line_totals = vec![None; input.lines.len()];
    for (line, &at) in money.iter().zip(&p.positions) {
        line_totals[at] = Some(line.total());
    }
    let mut errors = c.into_errors();
    kind_error(input, &mut errors);
    let currency = p.client.as_ref().map(|c| c.currency);
    let kind = Kind::parse(input.kind.trim()).unwrap_or(Kind::Invoice);
    let needs_exchange_rate = needs_exchange_rate(kind, vat_case, currency);
    let last_exchange_rate = match currency {
        Some(cur) if needs_exchange_rate => settings::last_exchange_rate(conn, cur)?.map(|r| {
            locale::decimal(
                r,
                6,
                settings::language(conn).unwrap_or(crate::catalog::Language::Fr),
            )
        }),
        _ => None,
    };
    Ok(Preview {
        totals: totals::totals(&money, vat_case == VatCase::Domestic),
        vat_case,
        line_totals,
        errors,
        currency,
        needs_exchange_rate,
        last_exchange_rate,
    })
}

/// Whether a document must state its VAT in euros too, and so needs an exchange
/// rate: French VAT charged (domestic case) on an invoice, a deposit invoice or a
/// credit note in a currency other than the euro (CGI art. 289-IV; a quote is
/// not an invoice).
pub(crate) fn needs_exchange_rate(kind: Kind, case: VatCase, currency: Option<Currency>) -> bool {
    kind != Kind::Quote && case == VatCase::Domestic && currency.is_some_and(|c| c != Currency::Eur)
}

/// The VAT case of a draft as typed: the client's once she has chosen one; before
/// that, what her profile alone says (a franchise charges no VAT to anybody).
fn case_of(profile: Option<&Profile>, client: Option<&Client>) -> VatCase {
    match (profile, client) {
        (_, Some(client)) => vat_case(profile, client),
        (Some(p), None) if p.vat_regime == VatRegime::Registered => VatCase::Domestic,
        _ => VatCase::Franchise,
    }
}

fn kind_error(input: &DocumentInput, errors: &mut Vec<FieldError>) {
    if Kind::parse(input.kind.trim()).is_none() {
        errors.insert(
            0,
            FieldError::new("kind", "invalid_choice", "unknown document kind"),
        );
    }
}

/// Field errors of the editor as typed so far. Writes nothing.
pub fn validate(
    conn: &Connection,
    input: &DocumentInput,
    editing: Option<i64>,
) -> Result<Vec<FieldError>> {
    let mut errors = validate::errors(conn, input, editing)?;
    kind_error(input, &mut errors);
    Ok(errors)
}

pub fn create(conn: &Connection, input: &DocumentInput, today: NaiveDate) -> Result<Document> {
    let kind = creatable_kind(input).map_err(|e| Error::Invalid(vec![e]))?;
    let p = validate::parse(conn, input, None)?;
    let client_id = input.client_id.unwrap_or_default();
    conn.execute(
        &format!("INSERT INTO documents (kind, client_id, created_at, updated_at) VALUES (?1, ?2, {NOW}, {NOW})"),
        params![kind, client_id],
    )?;
    let id = conn.last_insert_rowid();
    write_fields(conn, id, client_id, kind, &p)?;
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
    if !current.is_draft() {
        return Err(frozen(id));
    }
    let p = validate::parse(conn, input, Some(id))?;
    let client_id = input.client_id.unwrap_or(current.client_id);
    if current.kind == Kind::CreditNote && client_id != current.client_id {
        return Err(Error::field(
            "client_id",
            "credit_note_client",
            "a credit note goes to the invoice's client",
        ));
    }
    write_fields(conn, id, client_id, current.kind, &p)?;
    // The editor only knows the user's lines; deposit parts and deductions stay.
    let before = lines(conn, id)?;
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
    for (i, line) in user.iter().enumerate() {
        let same = fixed.iter().find(|l| line.same_as(l));
        insert_line(
            conn,
            id,
            i as i64,
            &line.stored(same.and_then(|l| l.fixed_vat)),
        )?;
    }
    for (i, l) in system.iter().enumerate() {
        insert_line(conn, id, (user.len() + i) as i64, l)?;
    }
    saved(conn, id, today)
}

fn write_fields(conn: &Connection, id: i64, client_id: i64, kind: Kind, p: &Parsed) -> Result<()> {
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    conn.execute(
        &format!(
            "UPDATE documents SET client_id = ?2, collaboration_id = ?3, title = ?4, service_from = ?5,
                service_to = ?6, start_date = ?7, duration = ?8, validity_days = ?9,
                payment_terms_days = ?10, notes = ?11, exchange_rate = ?12, updated_at = {NOW}
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
            p.validity_for(kind),
            p.payment_terms_days,
            p.notes,
            p.exchange_rate
        ],
    )?;
    if let (Some(rate), Some(client)) = (p.exchange_rate, &p.client) {
        if client.currency != Currency::Eur {
            settings::remember_exchange_rate(conn, client.currency, rate)?;
        }
    }
    Ok(())
}

fn write_lines(conn: &Connection, id: i64, lines: &[ParsedLine]) -> Result<()> {
    for (i, line) in lines.iter().enumerate() {
        insert_line(conn, id, i as i64, &line.stored(None))?;
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
    let client_id = row(conn, id)?.client_id;
    store_totals(
        conn,
        id,
        &clients::get(conn, client_id)?,
        profile::get(conn)?.as_ref(),
    )?;
    get(conn, id, today)
}

/// Writes a draft's totals from its lines, in the VAT case the profile and the
/// client decide now. Issued documents keep the totals frozen at issue (the
/// `status = 'draft'` guard, and the database's triggers).
fn store_totals(
    conn: &Connection,
    id: i64,
    client: &Client,
    profile: Option<&Profile>,
) -> Result<()> {
    let t = compute_totals(&lines(conn, id)?, vat_case(profile, client));
    conn.execute(
        "UPDATE documents SET total_excl = ?2, total_vat = ?3, total_incl = ?4
         WHERE id = ?1 AND status = 'draft'",
        params![id, t.excl, t.vat_total, t.incl],
    )?;
    Ok(())
}

/// Recomputes the stored totals of every draft (of one client, or all): the VAT
/// case of a draft follows the profile and the client, which may have changed.
/// Only the totals are computed, not each draft's whole view.
pub fn refresh_drafts(conn: &Connection, client_id: Option<i64>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, client_id FROM documents
         WHERE status = 'draft' AND (?1 IS NULL OR client_id = ?1) ORDER BY client_id",
    )?;
    let drafts: Vec<(i64, i64)> = stmt
        .query_map([client_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let profile = profile::get(conn)?;
    let mut client: Option<Client> = None;
    for (id, cid) in drafts {
        if client.as_ref().is_none_or(|c| c.id != cid) {
            client = Some(clients::get(conn, cid)?);
        }
        if let Some(client) = &client {
            store_totals(conn, id, client, profile.as_ref())?;
        }
    }
    Ok(())
}

/// Deletes a draft. Issued documents are kept forever (the database refuses too).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    if !row(conn, id)?.is_draft() {
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
    let status = match DocStatus::parse(status) {
        Some(s @ (DocStatus::Accepted | DocStatus::Declined)) => s,
        _ => {
            return Err(Error::field(
                "status",
                "invalid_choice",
                "accepted or declined",
            ))
        }
    };
    if current.status != DocStatus::Sent {
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
