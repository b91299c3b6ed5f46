//! Issuing: what must be known, the frozen snapshot, and the legal mentions.
//!
//! `snapshot` gathers everything the PDF prints — issuer, client, lines, totals,
//! dates, mentions' inputs — from the live rows. For a draft it is recomputed on
//! every view; `issue` stores it once, with the number, in the same transaction,
//! and the PDF of an issued document is always drawn from that stored copy.

use super::{
    compute_totals, credited, lines, localize, numbering, row, vat_case, DocLine, DocStatus,
    Document, Kind, Row, VatCase,
};
use crate::catalog::{Code, LegalStatus};
use crate::clients;
use crate::db::{Connection, NOW};
use crate::documents::totals::Totals;
use crate::legal_rates;
use crate::locale::{self, date_iso, percent, Language};
use crate::profile;
use crate::{Error, FieldError, Result};
use chrono::{Datelike, Days, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issuer {
    /// With "EI" for a sole trader.
    pub name: String,
    pub trade_name: Option<String>,
    pub legal_status: String,
    pub company: bool,
    pub siret: String,
    pub siren: String,
    pub registry: Option<String>,
    pub share_capital_cents: Option<i64>,
    pub address: Vec<String>,
    pub country: String,
    pub email: String,
    pub phone: Option<String>,
    pub vat_number: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub late_penalty_bps: i64,
    pub logo_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub contact_name: Option<String>,
    pub address: Vec<String>,
    pub country: String,
    pub siren: Option<String>,
    pub vat_number: Option<String>,
    pub email: Option<String>,
    /// A private person (snapshots from before the flag existed read `false`).
    #[serde(default)]
    pub private: bool,
}

/// Everything an issued document prints, frozen at issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub kind: String,
    /// None while a draft.
    pub number: Option<String>,
    pub issue_date: Option<String>,
    pub due_date: Option<String>,
    pub valid_until: Option<String>,
    pub service_from: Option<String>,
    pub service_to: Option<String>,
    pub start_date: Option<String>,
    pub duration: Option<String>,
    pub validity_days: Option<i64>,
    pub payment_terms_days: i64,
    pub title: Option<String>,
    pub notes: Option<String>,
    pub language: String,
    pub currency: String,
    pub vat_case: String,
    pub issuer: Option<Issuer>,
    pub client: Party,
    pub lines: Vec<DocLine>,
    pub totals: Totals,
    pub quote_number: Option<String>,
    pub corrects_number: Option<String>,
    pub corrects_date: Option<String>,
    /// Millionths of a euro per unit of `currency`, when French VAT is charged in
    /// another currency (CGI art. 289-IV, 266-1 bis).
    #[serde(default)]
    pub exchange_rate: Option<i64>,
}

impl Snapshot {
    pub fn kind(&self) -> Kind {
        Kind::parse(&self.kind).unwrap_or(Kind::Invoice)
    }
    pub fn vat_case(&self) -> VatCase {
        VatCase::parse(&self.vat_case).unwrap_or(VatCase::Domestic)
    }
    pub fn en(&self) -> bool {
        self.language == "en"
    }
    /// The document's language, for [`locale`].
    pub fn lang(&self) -> Language {
        locale::lang(&self.language)
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// An address in the order the post of its country reads it: « 69002 Lyon » in
/// France and most of Europe, « New York, NY 10118 » in North America and
/// Australia (the state typed with the ZIP code), and the postcode on its own line
/// in the United Kingdom and Ireland.
fn address(
    lines: [&Option<String>; 2],
    postal_code: Option<&str>,
    city: Option<&str>,
    country: &str,
) -> Vec<String> {
    let mut out: Vec<String> = lines
        .iter()
        .filter_map(|l| l.as_ref().map(|s| s.to_string()))
        .collect();
    let (postal, city) = (postal_code.unwrap_or("").trim(), city.unwrap_or("").trim());
    let towns: Vec<String> = match country {
        "US" | "CA" | "AU" => {
            let state_first = postal.starts_with(|c: char| c.is_ascii_alphabetic());
            let sep = if state_first && !city.is_empty() {
                ", "
            } else {
                " "
            };
            vec![format!("{city}{sep}{postal}")]
        }
        "GB" | "IE" => vec![city.to_owned(), postal.to_owned()],
        _ => vec![format!("{postal} {city}")],
    };
    out.extend(
        towns
            .into_iter()
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty()),
    );
    out
}

/// The document as it would be issued `today` (or as it was, once issued).
pub(crate) fn snapshot(conn: &Connection, row: &Row, today: NaiveDate) -> Result<Snapshot> {
    let client = clients::get(conn, row.client_id)?;
    let profile = profile::get(conn)?;
    let logo_id: Option<i64> = conn
        .query_row(
            "SELECT logo_id FROM business_profile WHERE id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap_or(None);
    let language = client.doc_language.as_str().to_owned();
    let case = vat_case(profile.as_ref(), &client);
    let mut lines = lines(conn, row.id)?;
    localize(&mut lines, &language);
    let totals = compute_totals(&lines, case);
    let terms = row
        .payment_terms_days
        .or(profile.as_ref().map(|p| p.payment_terms_days))
        .unwrap_or(30);
    let issue_date = row.issue_date.clone().or_else(|| Some(iso(today)));
    let start = issue_date
        .as_deref()
        .and_then(crate::status::parse_date)
        .unwrap_or(today);
    let after = |days: i64| {
        iso(start
            .checked_add_days(Days::new(days.max(0) as u64))
            .unwrap_or(start))
    };
    let (due_date, valid_until) = match row.kind {
        Kind::Quote => (None, Some(after(row.validity_days.unwrap_or(30)))),
        Kind::CreditNote => (None, None),
        _ => (Some(after(terms)), None),
    };
    let number_and_date = |id: Option<i64>| -> Result<(Option<String>, Option<String>)> {
        Ok(match id {
            Some(i) => conn.query_row(
                "SELECT number, issue_date FROM documents WHERE id = ?1",
                [i],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?,
            None => (None, None),
        })
    };
    let (quote_number, _) = number_and_date(row.quote_id)?;
    let (corrects_number, corrects_date) = number_and_date(row.corrects_id)?;
    let issuer = profile.map(|p| {
        let sole = matches!(
            p.legal_status,
            LegalStatus::MicroEntrepreneur | LegalStatus::Ei
        );
        let name = if sole && !p.legal_name.trim_end().ends_with(" EI") {
            format!("{} EI", p.legal_name.trim_end())
        } else {
            p.legal_name.clone()
        };
        Issuer {
            name,
            trade_name: p.trade_name.clone(),
            legal_status: p.legal_status.as_str().to_owned(),
            company: p.legal_status.is_company(),
            siret: p.siret.clone(),
            siren: p.siren.clone(),
            registry: p.registry.clone(),
            share_capital_cents: p.share_capital_cents,
            address: address(
                [&Some(p.address_line1.clone()), &p.address_line2],
                Some(&p.postal_code),
                Some(&p.city),
                &p.country,
            ),
            country: p.country.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            vat_number: p.vat_number.clone(),
            iban: p.iban.clone(),
            bic: p.bic.clone(),
            late_penalty_bps: p.late_penalty_bps,
            logo_id,
        }
    });
    Ok(Snapshot {
        kind: row.kind.as_str().to_owned(),
        number: row.number.clone(),
        issue_date,
        due_date: row.due_date.clone().or(due_date),
        valid_until: row.valid_until.clone().or(valid_until),
        service_from: row.service_from.clone(),
        service_to: row.service_to.clone(),
        start_date: row.start_date.clone(),
        duration: row.duration.clone(),
        validity_days: row.validity_days,
        payment_terms_days: terms,
        title: row.title.clone(),
        notes: row.notes.clone(),
        language,
        currency: client.currency.as_str().to_owned(),
        vat_case: case.as_str().to_owned(),
        issuer,
        client: Party {
            name: client.name.clone(),
            contact_name: client.contact_name.clone(),
            address: address(
                [&client.address_line1, &client.address_line2],
                client.postal_code.as_deref(),
                client.city.as_deref(),
                &client.country,
            ),
            country: client.country.clone(),
            siren: client.siren.clone(),
            vat_number: client.vat_number.clone(),
            email: client.email.clone(),
            private: client.private,
        },
        lines,
        totals,
        quote_number,
        corrects_number,
        corrects_date,
        exchange_rate: row
            .exchange_rate
            .filter(|_| super::drafts::needs_exchange_rate(row.kind, case, Some(client.currency))),
    })
}

/// Every mandatory item missing for issuing, one field error each.
fn missing(conn: &Connection, row: &Row, s: &Snapshot) -> Result<Vec<FieldError>> {
    let mut out = Vec::new();
    let mut miss =
        |field: &str, message: &str| out.push(FieldError::new(field, "missing_mention", message));
    let kind = s.kind();
    let case = s.vat_case();
    let invoice_like = matches!(kind, Kind::Invoice | Kind::Deposit);
    match &s.issuer {
        None => miss("profile", "the business profile is not filled in"),
        Some(i) => {
            if i.company && i.registry.is_none() {
                miss("profile.rcs", "a company prints its RCS registration");
            }
            if i.company && i.share_capital_cents.is_none() {
                miss("profile.capital", "a company prints its share capital");
            }
            // A VAT-registered issuer always prints her number; under the franchise
            // she still needs her intra-EU number to bill an EU business (CGI art.
            // 286 ter, 242 nonies A 13°).
            if matches!(case, VatCase::Domestic | VatCase::ReverseCharge) && i.vat_number.is_none()
            {
                miss(
                    "profile.vat_number",
                    "the issuer's intra-EU VAT number is printed on this invoice",
                );
            }
            if invoice_like && i.iban.is_none() {
                miss("profile.iban", "invoices print the IBAN to pay to");
            }
            // L441-10 II: between professionals the agreed rate is at least three
            // times the legal interest rate in force when the invoice is issued.
            if invoice_like && !s.client.private {
                let on = s.issue_date.as_deref().and_then(crate::status::parse_date);
                if let Some(r) = match on {
                    Some(d) => legal_rates::in_force(conn, d)?,
                    None => None,
                } {
                    if i.late_penalty_bps < r.floor_bps {
                        miss(
                            "profile.late_penalty_rate",
                            "the late-penalty rate is below the legal floor",
                        );
                    }
                }
            }
        }
    }
    let client = clients::get(conn, row.client_id)?;
    if client.address_line1.is_none() || client.postal_code.is_none() || client.city.is_none() {
        miss(
            "client.address",
            "the client's billing address is incomplete",
        );
    }
    if case == VatCase::ReverseCharge && client.vat_number.is_none() {
        miss(
            "client.vat_number",
            "an EU business client's VAT number is needed for the reverse charge",
        );
    }
    if super::drafts::needs_exchange_rate(kind, case, Some(client.currency))
        && row.exchange_rate.is_none()
    {
        miss(
            "exchange_rate",
            "French VAT on an invoice in another currency is also stated in euros",
        );
    }
    if s.lines.is_empty() {
        miss("lines", "a document has at least one line");
    }
    // A deposit's date is the date its payment is received, which may be unknown
    // when it is issued (art. 242 nonies A 7°): only an invoice must state one.
    if kind == Kind::Invoice && row.service_from.is_none() {
        miss("service_from", "an invoice states the date of the service");
    }
    if kind == Kind::Quote && row.start_date.is_none() {
        miss("start_date", "a quote states when the work starts");
    }
    if kind == Kind::Quote && row.duration.is_none() {
        miss("duration", "a quote states how long the work lasts");
    }
    out.extend(unprintable(s));
    Ok(out)
}

/// Every text of the snapshot holding a character the PDF's font cannot draw
/// (CJK, Arabic, emoji…): issuing names the field, never prints a box or `?`.
/// The message is the characters themselves, for the UI to show.
fn unprintable(s: &Snapshot) -> Vec<FieldError> {
    let mut texts: Vec<(String, &str)> = Vec::new();
    if let Some(i) = &s.issuer {
        texts.push(("profile.legal_name".into(), &i.name));
        if let Some(t) = &i.trade_name {
            texts.push(("profile.trade_name".into(), t));
        }
        for a in &i.address {
            texts.push(("profile.address".into(), a));
        }
    }
    texts.push(("client.name".into(), &s.client.name));
    if let Some(t) = &s.client.contact_name {
        texts.push(("client.contact_name".into(), t));
    }
    for a in &s.client.address {
        texts.push(("client.address".into(), a));
    }
    if let Some(t) = &s.title {
        texts.push(("title".into(), t));
    }
    if let Some(t) = &s.notes {
        texts.push(("notes".into(), t));
    }
    if let Some(t) = &s.duration {
        texts.push(("duration".into(), t));
    }
    for (n, l) in s.lines.iter().enumerate() {
        texts.push((format!("lines.{n}.description"), &l.description));
        if let Some(u) = &l.unit {
            texts.push((format!("lines.{n}.unit"), u));
        }
    }
    let mut out: Vec<FieldError> = Vec::new();
    for (field, text) in texts {
        let bad = crate::pdf::unprintable(text);
        if bad.is_empty() {
            continue;
        }
        match out.iter_mut().find(|e| e.field == field) {
            Some(e) => {
                for c in bad {
                    if !e.message.contains(c) {
                        e.message.push(c);
                    }
                }
            }
            None => out.push(FieldError::new(
                &field,
                "unprintable_text",
                bad.into_iter().collect::<String>(),
            )),
        }
    }
    out
}

/// Issues a draft: checks every mandatory item, takes the next number of its
/// series, freezes the snapshot. All in the caller's transaction.
pub fn issue(conn: &Connection, id: i64, today: NaiveDate) -> Result<Document> {
    let current = row(conn, id)?;
    if !current.is_draft() {
        return Err(Error::field(
            "id",
            "document_frozen",
            format!("document {id} is already issued"),
        ));
    }
    let mut snap = snapshot(conn, &current, today)?;
    let missing = missing(conn, &current, &snap)?;
    if !missing.is_empty() {
        // One code for the whole refusal, every missing item listed.
        return Err(Error::Invalid(
            missing
                .into_iter()
                .map(|e| {
                    // Unprintable text keeps its own code: the UI says which characters.
                    let code = if e.code == "unprintable_text" {
                        e.code
                    } else {
                        "missing_mentions"
                    };
                    FieldError { code, ..e }
                })
                .collect(),
        ));
    }
    if snap.totals.incl < 0 {
        return Err(Error::field(
            "lines",
            "negative_total",
            "the total of a document cannot be negative",
        ));
    }
    if snap.kind() == Kind::CreditNote {
        check_credit(conn, &current, &snap)?;
    }
    if snap.kind() == Kind::Invoice && current.quote_id.is_some() {
        // One full or final invoice per quote.
        let others: i64 = conn.query_row(
            "SELECT count(*) FROM documents WHERE quote_id = ?1 AND kind = 'invoice' AND status = 'issued'",
            [current.quote_id],
            |r| r.get(0),
        )?;
        if others > 0 {
            return Err(Error::field(
                "quote_id",
                "quote_already_invoiced",
                "this quote already has its invoice",
            ));
        }
    }
    let year = today.year();
    let (seq, number) = numbering::next(conn, current.kind, year)?;
    snap.number = Some(number.clone());
    let json = serde_json::to_string(&snap).map_err(|e| Error::Pdf(e.to_string()))?;
    let status = if current.kind == Kind::Quote {
        DocStatus::Sent
    } else {
        DocStatus::Issued
    };
    conn.execute(
        &format!(
            "UPDATE documents SET status = ?2, year = ?3, seq = ?4, number = ?5, issue_date = ?6,
                due_date = ?7, valid_until = ?8, vat_case = ?9, total_excl = ?10, total_vat = ?11,
                total_incl = ?12, logo_id = ?13, snapshot = ?14, currency = ?15, updated_at = {NOW}
             WHERE id = ?1 AND status = 'draft'"
        ),
        params![
            id,
            status,
            year,
            seq,
            number,
            snap.issue_date,
            snap.due_date,
            snap.valid_until,
            snap.vat_case,
            snap.totals.excl,
            snap.totals.vat_total,
            snap.totals.incl,
            snap.issuer.as_ref().and_then(|i| i.logo_id),
            json,
            snap.currency
        ],
    )?;
    // Sealed in the same transaction: an issued document never exists unsealed.
    crate::integrity::seal(conn, crate::integrity::Entity::Document, id)?;
    super::get(conn, id, today)
}

/// A credit note never credits more than what is left of its invoice, per VAT
/// rate and in total.
fn check_credit(conn: &Connection, row: &Row, snap: &Snapshot) -> Result<()> {
    let Some(invoice_id) = row.corrects_id else {
        return Err(Error::field(
            "corrects_id",
            "required",
            "a credit note cites its invoice",
        ));
    };
    let invoice = super::row(conn, invoice_id)?;
    if invoice.status != DocStatus::Issued || !matches!(invoice.kind, Kind::Invoice | Kind::Deposit)
    {
        return Err(Error::field(
            "corrects_id",
            "invoice_not_issued",
            "only an issued invoice can be credited",
        ));
    }
    let case = invoice.vat_case.unwrap_or(VatCase::Domestic);
    let inv_totals = compute_totals(&lines(conn, invoice_id)?, case);
    let already = credited(conn, invoice_id)?;
    let exceeds = || {
        Error::field(
            "lines",
            "credit_exceeds_invoice",
            "a credit note cannot exceed what is left of its invoice",
        )
    };
    if snap.totals.incl + already > inv_totals.incl {
        return Err(exceeds());
    }
    if snap.totals.vat.iter().any(|v| v.base < 0 || v.amount < 0) {
        return Err(Error::field(
            "lines",
            "negative_total",
            "a credit note cannot credit a negative amount",
        ));
    }
    // Per rate, against the invoice minus earlier credit notes.
    let earlier = super::credited_by_rate(conn, invoice_id, case)?;
    let base_of = |vat: &[super::totals::VatLine], rate: i64| -> i64 {
        vat.iter().filter(|x| x.rate == rate).map(|x| x.base).sum()
    };
    for v in &snap.totals.vat {
        if v.base + base_of(&earlier, v.rate) > base_of(&inv_totals.vat, v.rate) {
            return Err(exceeds());
        }
    }
    Ok(())
}

/// The VAT note of a document that charges no French VAT, in two lengths: the
/// short one printed in the totals in place of « TVA 0,00 € », and the sentence of
/// the legal mentions. `None` when French VAT is charged. The sources are those of
/// [`super::vat_case`]'s table.
pub fn vat_note(s: &Snapshot) -> Option<(String, String)> {
    let lang = s.lang();
    let t = |fr: &str, en: &str| locale::pick(lang, fr, en).to_owned();
    Some(match s.vat_case() {
        VatCase::Domestic => return None,
        VatCase::Franchise => {
            let short = t(
                "TVA non applicable, art. 293 B du CGI",
                "VAT not applicable, art. 293 B of the French Tax Code (CGI)",
            );
            (short.clone(), short)
        }
        VatCase::ReverseCharge => (
            t("Autoliquidation", "Reverse charge"),
            t(
                "Autoliquidation : TVA due par le preneur, prestation de services située dans l'État membre du preneur (art. 259-1° du CGI ; art. 44 et 196 de la directive 2006/112/CE).",
                "Reverse charge: VAT to be accounted for by the customer, the service being supplied where the customer is established (art. 259-1° of the French Tax Code (CGI); art. 44 and 196 of Directive 2006/112/EC).",
            ),
        ),
        VatCase::Export if s.client.private => (
            t("TVA non applicable, art. 259 B du CGI", "VAT not applicable, art. 259 B of the French Tax Code (CGI)"),
            t(
                "TVA non applicable, art. 259 B du CGI : prestation de services à un preneur non assujetti établi hors de l'Union européenne.",
                "VAT not applicable, art. 259 B of the French Tax Code (CGI): services supplied to a private customer established outside the EU.",
            ),
        ),
        VatCase::Export => (
            t("TVA non applicable, art. 259-1° du CGI", "VAT not applicable, art. 259-1° of the French Tax Code (CGI)"),
            t(
                "TVA non applicable, art. 259-1° du CGI : prestation de services à un preneur assujetti établi hors de l'Union européenne.",
                "VAT not applicable, art. 259-1° of the French Tax Code (CGI): services supplied to a business established outside the EU.",
            ),
        ),
    })
}

/// The document's VAT in euros and the rate it was converted at, when French VAT
/// is charged in another currency (CGI art. 289-IV).
pub fn vat_in_euros(s: &Snapshot) -> Option<(i64, i64)> {
    let rate = s.exchange_rate?;
    (s.vat_case() == VatCase::Domestic && s.currency != "EUR")
        .then(|| (super::totals::in_euros(s.totals.vat_total, rate), rate))
}

/// The legal lines printed under the totals, in the document's language.
pub fn mentions(s: &Snapshot) -> Vec<String> {
    let (en, lang) = (s.en(), s.lang());
    let mut out = Vec::new();
    let kind = s.kind();
    let d = |x: &Option<String>| x.as_deref().map(|v| date_iso(v, lang)).unwrap_or_default();
    if let Some((_, long)) = vat_note(s) {
        out.push(long);
    }
    if let Some((euros, rate)) = vat_in_euros(s) {
        let rate = locale::decimal(rate, 6, lang);
        let euros = locale::money(euros, "EUR", lang);
        out.push(if en {
            format!("VAT stated in euros (art. 289-IV of the French Tax Code): {euros}, at the exchange rate of 1 {} = {rate} EUR (art. 266-1 bis).", s.currency)
        } else {
            format!("TVA exprimée en euros (art. 289-IV du CGI) : {euros}, au taux de change de 1 {} = {rate} EUR (art. 266-1 bis du CGI).", s.currency)
        });
    }
    match kind {
        Kind::Quote => {
            if let Some(v) = &s.valid_until {
                out.push(if en {
                    format!("This quote is valid until {}.", date_iso(v, lang))
                } else {
                    format!("Devis valable jusqu'au {}.", date_iso(v, lang))
                });
            }
            let days = s.payment_terms_days;
            out.push(match (en, days) {
                (true, 0) => "Payment terms: on receipt of the invoice, by bank transfer.".into(),
                (true, n) => {
                    format!("Payment terms: {n} days from the invoice date, by bank transfer.")
                }
                (false, 0) => {
                    "Conditions de paiement : à réception de la facture, par virement.".into()
                }
                (false, n) => {
                    format!("Conditions de paiement : à {n} jours date de facture, par virement.")
                }
            });
        }
        Kind::Invoice | Kind::Deposit => {
            if let Some(due) = &s.due_date {
                let due = date_iso(due, lang);
                out.push(match (en, s.payment_terms_days) {
                    (true, 0) => "Payment due on receipt. No discount for early payment.".into(),
                    (true, n) => format!("Payment due by {due} ({n} days). No discount for early payment."),
                    (false, 0) => "Paiement à réception. Pas d'escompte pour paiement anticipé.".into(),
                    (false, n) => format!("Paiement à {n} jours, au plus tard le {due}. Pas d'escompte pour paiement anticipé."),
                });
            }
            // The penalties and the 40 € indemnity of L441-10 apply between
            // professionals only; a private client owes the legal interest of
            // C. civ. art. 1231-6, which needs no mention.
            if !s.client.private {
                let rate = s.issuer.as_ref().map_or(0, |i| i.late_penalty_bps);
                // « 40 € » as the law writes it; « €40.00 » in English.
                let indemnity = match lang {
                    Language::Fr => "40 €".to_owned(),
                    Language::En => locale::money(4000, "EUR", lang),
                };
                out.push(if en {
                    format!("Late payment: penalties at an annual rate of {}, and a fixed recovery indemnity of {indemnity} (art. L441-10 of the French Commercial Code).", percent(rate, lang))
                } else {
                    format!("En cas de retard de paiement : pénalités au taux annuel de {} et indemnité forfaitaire pour frais de recouvrement de {indemnity} (art. L441-10 du Code de commerce).", percent(rate, lang))
                });
            }
            if kind == Kind::Deposit {
                if let Some(q) = &s.quote_number {
                    out.push(if en {
                        format!("Deposit invoice for quote {q}.")
                    } else {
                        format!("Facture d'acompte sur le devis {q}.")
                    });
                }
            }
        }
        Kind::CreditNote => {
            if let Some(n) = &s.corrects_number {
                out.push(if en {
                    format!("Credit note on invoice {n} of {}.", d(&s.corrects_date))
                } else {
                    format!("Avoir sur la facture {n} du {}.", d(&s.corrects_date))
                });
            }
        }
    }
    out
}
