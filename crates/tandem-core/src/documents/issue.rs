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
use crate::catalog::{is_eu, Code, LegalStatus};
use crate::clients;
use crate::db::{Connection, NOW};
use crate::documents::totals::Totals;
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

fn address(
    lines: [&Option<String>; 2],
    postal_code: Option<&str>,
    city: Option<&str>,
) -> Vec<String> {
    let mut out: Vec<String> = lines
        .iter()
        .filter_map(|l| l.as_ref().map(|s| s.to_string()))
        .collect();
    let town = [postal_code.unwrap_or(""), city.unwrap_or("")]
        .join(" ")
        .trim()
        .to_owned();
    if !town.is_empty() {
        out.push(town);
    }
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
            ),
            country: client.country.clone(),
            siren: client.siren.clone(),
            vat_number: client.vat_number.clone(),
            email: client.email.clone(),
        },
        lines,
        totals,
        quote_number,
        corrects_number,
        corrects_date,
    })
}

/// Every mandatory item missing for issuing, one field error each.
fn missing(conn: &Connection, row: &Row, s: &Snapshot) -> Result<Vec<FieldError>> {
    let mut out = Vec::new();
    let mut miss =
        |field: &str, message: &str| out.push(FieldError::new(field, "missing_mention", message));
    let kind = s.kind();
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
            if s.vat_case() != VatCase::Franchise && i.vat_number.is_none() {
                miss(
                    "profile.vat_number",
                    "a VAT-registered business prints its VAT number",
                );
            }
            if invoice_like && i.iban.is_none() {
                miss("profile.iban", "invoices print the IBAN to pay to");
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
    let registered = s.issuer.is_some() && s.vat_case() != VatCase::Franchise;
    if registered && client.country != "FR" && is_eu(&client.country) && client.vat_number.is_none()
    {
        miss(
            "client.vat_number",
            "an EU business client's VAT number is needed for the reverse charge",
        );
    }
    if s.lines.is_empty() {
        miss("lines", "a document has at least one line");
    }
    if invoice_like && row.service_from.is_none() {
        miss("service_from", "an invoice states the date of the service");
    }
    if kind == Kind::Quote && row.start_date.is_none() {
        miss("start_date", "a quote states when the work starts");
    }
    if kind == Kind::Quote && row.duration.is_none() {
        miss("duration", "a quote states how long the work lasts");
    }
    Ok(out)
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
                .map(|e| FieldError {
                    code: "missing_mentions",
                    ..e
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
                total_incl = ?12, logo_id = ?13, snapshot = ?14, updated_at = {NOW}
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
            json
        ],
    )?;
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

/// The legal lines printed under the totals, in the document's language.
pub fn mentions(s: &Snapshot) -> Vec<String> {
    let (en, lang) = (s.en(), s.lang());
    let mut out = Vec::new();
    let kind = s.kind();
    let d = |x: &Option<String>| x.as_deref().map(|v| date_iso(v, lang)).unwrap_or_default();
    match s.vat_case() {
        VatCase::Franchise => out.push(if en {
            "VAT not applicable, art. 293 B of the French General Tax Code (TVA non applicable, art. 293 B du CGI)".into()
        } else {
            "TVA non applicable, art. 293 B du CGI".into()
        }),
        VatCase::ReverseCharge => out.push(if en {
            "Reverse charge: VAT to be accounted for by the customer (Autoliquidation, art. 283-2 du CGI; art. 196 of Directive 2006/112/EC)".into()
        } else {
            "Autoliquidation : TVA due par le preneur (art. 283-2 du CGI, art. 196 de la directive 2006/112/CE)".into()
        }),
        VatCase::Export => out.push(if en {
            "VAT not applicable, art. 259-1 of the French General Tax Code: services supplied to a customer established outside the EU".into()
        } else {
            "TVA non applicable, art. 259-1 du CGI : prestation de services à un preneur établi hors de l'Union européenne".into()
        }),
        VatCase::Domestic => {}
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
            out.push(if en {
                format!(
                    "Payment terms: {} days from the invoice date, by bank transfer.",
                    s.payment_terms_days
                )
            } else {
                format!(
                    "Conditions de paiement : à {} jours date de facture, par virement.",
                    s.payment_terms_days
                )
            });
        }
        Kind::Invoice | Kind::Deposit => {
            if let Some(due) = &s.due_date {
                out.push(if en {
                    format!("Payment due by {} ({} days). No discount for early payment.", date_iso(due, lang), s.payment_terms_days)
                } else {
                    format!("Paiement à {} jours, au plus tard le {}. Pas d'escompte pour paiement anticipé.", s.payment_terms_days, date_iso(due, lang))
                });
            }
            let rate = s.issuer.as_ref().map_or(0, |i| i.late_penalty_bps);
            out.push(if en {
                format!("Late payment: penalties at an annual rate of {}, and a fixed recovery indemnity of 40 € (art. L441-10 of the French Commercial Code).", percent(rate, lang))
            } else {
                format!("En cas de retard de paiement : pénalités au taux annuel de {} et indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 du Code de commerce).", percent(rate, lang))
            });
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
