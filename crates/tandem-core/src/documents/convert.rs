//! New drafts made from an existing document: an accepted quote becomes an
//! invoice, a deposit invoice, or the final invoice that deducts the deposits; an
//! issued invoice gets a credit note.

use super::totals::{deposit_parts, DepositAsk};
use super::{
    compute_totals, create_raw, get, insert_line, lines, row, saved, DocLine, DocStatus, Document,
    Kind,
};
use crate::db::{Connection, NOW};
use crate::validate::{parse_amount, parse_percent};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::params;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ConvertMode {
    /// The whole quote as one invoice.
    Full,
    /// A deposit invoice: `percent` of the quote, or an `amount` incl. VAT.
    Deposit {
        #[serde(default)]
        percent: String,
        #[serde(default)]
        amount: String,
    },
    /// The balance: the quote's lines minus every issued deposit.
    Final,
}

fn copy_header(
    conn: &Connection,
    from: i64,
    to: i64,
    quote_id: Option<i64>,
    corrects_id: Option<i64>,
) -> Result<()> {
    conn.execute(
        &format!(
            "UPDATE documents SET
                (collaboration_id, title, service_from, service_to, payment_terms_days, notes) =
                (SELECT collaboration_id, title, COALESCE(service_from, start_date), service_to,
                        payment_terms_days, NULL
                   FROM documents WHERE id = ?2),
                quote_id = ?3, corrects_id = ?4, updated_at = {NOW}
             WHERE id = ?1"
        ),
        params![to, from, quote_id, corrects_id],
    )?;
    // A deposit invoice has no service date: its date is the day its payment is
    // received (CGI 242 nonies A 7°), which she adds if it is known.
    conn.execute(
        "UPDATE documents SET service_from = NULL, service_to = NULL
          WHERE id = ?1 AND kind = 'deposit'",
        [to],
    )?;
    Ok(())
}

pub fn invoice_from_quote(
    conn: &Connection,
    quote_id: i64,
    mode: &ConvertMode,
    today: NaiveDate,
) -> Result<Document> {
    let quote = row(conn, quote_id)?;
    if quote.kind != Kind::Quote {
        return Err(Error::field(
            "id",
            "not_a_quote",
            "only a quote is turned into an invoice",
        ));
    }
    if quote.status != DocStatus::Accepted {
        return Err(Error::field(
            "id",
            "quote_not_accepted",
            "the quote must be accepted first",
        ));
    }
    let view = get(conn, quote_id, today)?;
    let snapshot = super::render::snapshot_for(conn, quote_id, today)?;
    let lang = snapshot.language.clone();
    let number = view.number.clone().unwrap_or_default();
    match mode {
        ConvertMode::Full => {
            if !view.actions.invoice {
                return Err(Error::field(
                    "mode",
                    "quote_already_invoiced",
                    "this quote already has invoices",
                ));
            }
            let id = create_raw(conn, Kind::Invoice, quote.client_id, Some(quote_id), None)?;
            copy_header(conn, quote_id, id, Some(quote_id), None)?;
            for (i, l) in snapshot.lines.iter().enumerate() {
                insert_line(conn, id, i as i64, l)?;
            }
            saved(conn, id, today)
        }
        ConvertMode::Deposit { percent, amount } => {
            if !view.actions.deposit {
                return Err(Error::field(
                    "mode",
                    "quote_already_invoiced",
                    "this quote already has its invoice",
                ));
            }
            let quote_totals = &snapshot.totals;
            let ask = match (percent.trim(), amount.trim()) {
                (p, "") if !p.is_empty() => match parse_percent(p) {
                    Ok(bp) if (1..=10_000).contains(&bp) => DepositAsk::Percent(bp),
                    Ok(_) => {
                        return Err(Error::field(
                            "percent",
                            "out_of_range",
                            "a deposit is 0.01 to 100 % of the quote",
                        ))
                    }
                    Err((code, msg)) => return Err(Error::field("percent", code, msg)),
                },
                ("", a) if !a.is_empty() => match parse_amount(a) {
                    Ok(c) if c > 0 && c <= quote_totals.incl => DepositAsk::Amount(c),
                    Ok(_) => {
                        return Err(Error::field(
                            "amount",
                            "out_of_range",
                            "a deposit is more than 0 and at most the quote's total",
                        ))
                    }
                    Err((code, msg)) => return Err(Error::field("amount", code, msg)),
                },
                _ => {
                    return Err(Error::field(
                        "percent",
                        "required",
                        "give a percentage or an amount",
                    ))
                }
            };
            // What earlier deposits already asked for: never more than the quote.
            let earlier: i64 = conn.query_row(
                "SELECT COALESCE(SUM(total_incl), 0) FROM documents WHERE quote_id = ?1 AND kind = 'deposit' AND status = 'issued'",
                [quote_id],
                |r| r.get(0),
            )?;
            let parts = deposit_parts(quote_totals, ask);
            let asked: i64 = parts.iter().map(|(_, e, v)| e + v).sum();
            if asked + earlier > quote_totals.incl {
                return Err(Error::field(
                    "amount",
                    "deposit_exceeds_quote",
                    "deposits cannot exceed the quote's total",
                ));
            }
            let id = create_raw(conn, Kind::Deposit, quote.client_id, Some(quote_id), None)?;
            copy_header(conn, quote_id, id, Some(quote_id), None)?;
            let label = match ask {
                DepositAsk::Percent(bp) => {
                    let p = crate::locale::percent(bp, crate::locale::lang(&lang));
                    if lang == "en" {
                        format!("Deposit of {p} on quote {number}")
                    } else {
                        format!("Acompte de {p} sur le devis {number}")
                    }
                }
                DepositAsk::Amount(_) => {
                    if lang == "en" {
                        format!("Deposit on quote {number}")
                    } else {
                        format!("Acompte sur le devis {number}")
                    }
                }
            };
            let multi = parts.len() > 1;
            for (i, (rate, excl, vat)) in parts.into_iter().enumerate() {
                let description = if multi {
                    format!(
                        "{label} ({} {})",
                        if lang == "en" { "VAT" } else { "TVA" },
                        crate::locale::percent(rate, crate::locale::lang(&lang))
                    )
                } else {
                    label.clone()
                };
                insert_line(
                    conn,
                    id,
                    i as i64,
                    &system_line(description, excl, rate, vat, None),
                )?;
            }
            saved(conn, id, today)
        }
        ConvertMode::Final => {
            if !view.actions.final_invoice {
                return Err(Error::field(
                    "mode",
                    "no_deposit",
                    "a final invoice follows an issued deposit invoice",
                ));
            }
            let id = create_raw(conn, Kind::Invoice, quote.client_id, Some(quote_id), None)?;
            copy_header(conn, quote_id, id, Some(quote_id), None)?;
            let mut pos = 0;
            for l in &snapshot.lines {
                insert_line(conn, id, pos, l)?;
                pos += 1;
            }
            let mut stmt = conn.prepare(
                "SELECT id, number, issue_date FROM documents
                 WHERE quote_id = ?1 AND kind = 'deposit' AND status = 'issued' ORDER BY seq",
            )?;
            let deposits: Vec<(i64, String, String)> = stmt
                .query_map([quote_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (dep_id, dep_number, dep_date) in deposits {
                let dep = super::render::snapshot_for(conn, dep_id, today)?;
                let date = crate::locale::date_iso(&dep_date, crate::locale::lang(&lang));
                for l in &dep.lines {
                    let description = if lang == "en" {
                        format!("Less deposit invoice {dep_number} of {date}")
                    } else {
                        format!("Déduction de la facture d'acompte {dep_number} du {date}")
                    };
                    insert_line(
                        conn,
                        id,
                        pos,
                        &system_line(
                            description,
                            -l.total_excl,
                            l.vat_rate,
                            -l.fixed_vat.unwrap_or(0),
                            Some(dep_id),
                        ),
                    )?;
                    pos += 1;
                }
            }
            saved(conn, id, today)
        }
    }
}

/// Lines that deduct earlier issued invoices of a project from its balance (the
/// last milestone): for each one, per VAT rate, its amount excl. VAT and the VAT
/// it charged, so that everything invoiced adds up to the price to the cent.
pub(crate) fn deductions(
    conn: &Connection,
    ids: &[i64],
    lang: &str,
    today: NaiveDate,
) -> Result<Vec<DocLine>> {
    let mut out = Vec::new();
    for &id in ids {
        let s = super::render::snapshot_for(conn, id, today)?;
        let number = s.number.clone().unwrap_or_default();
        let date = crate::locale::date_iso(
            s.issue_date.as_deref().unwrap_or(""),
            crate::locale::lang(lang),
        );
        let description = match (s.kind(), lang == "en") {
            (Kind::Deposit, true) => format!("Less deposit invoice {number} of {date}"),
            (Kind::Deposit, false) => {
                format!("Déduction de la facture d'acompte {number} du {date}")
            }
            (_, true) => format!("Less invoice {number} of {date}"),
            (_, false) => format!("Déduction de la facture {number} du {date}"),
        };
        for v in &s.totals.vat {
            out.push(system_line(
                description.clone(),
                -v.base,
                v.rate,
                -v.amount,
                Some(id),
            ));
        }
    }
    Ok(out)
}

/// Appends lines the app writes itself to a draft, after its own, and stores
/// its totals.
pub(crate) fn append_lines(
    conn: &Connection,
    id: i64,
    extra: &[DocLine],
    today: NaiveDate,
) -> Result<Document> {
    let start = lines(conn, id)?.len() as i64;
    for (i, l) in extra.iter().enumerate() {
        insert_line(conn, id, start + i as i64, l)?;
    }
    saved(conn, id, today)
}

fn system_line(
    description: String,
    excl: i64,
    rate: i64,
    vat: i64,
    deducts_id: Option<i64>,
) -> DocLine {
    DocLine {
        description,
        quantity_milli: 1000,
        quantity: "1".into(),
        unit: None,
        unit_price: excl,
        vat_rate: rate,
        total_excl: excl,
        fixed_vat: Some(vat),
        deduction: deducts_id.is_some(),
        deducts_id,
    }
}

/// A draft credit note for what is left of an issued invoice; the user may
/// reduce it before issuing (issuing refuses more than what is left).
pub fn credit_note_for(conn: &Connection, invoice_id: i64, today: NaiveDate) -> Result<Document> {
    let invoice = row(conn, invoice_id)?;
    if !matches!(invoice.kind, Kind::Invoice | Kind::Deposit) || invoice.status != DocStatus::Issued
    {
        return Err(Error::field(
            "id",
            "invoice_not_issued",
            "only an issued invoice can be credited",
        ));
    }
    let view = get(conn, invoice_id, today)?;
    if !view.actions.credit {
        return Err(Error::field(
            "id",
            "already_credited",
            "this invoice is already fully credited",
        ));
    }
    let id = create_raw(
        conn,
        Kind::CreditNote,
        invoice.client_id,
        invoice.quote_id,
        Some(invoice_id),
    )?;
    copy_header(conn, invoice_id, id, invoice.quote_id, Some(invoice_id))?;
    let lang = view.language.clone();
    let invoice_lines = lines(conn, invoice_id)?;
    let has_deductions = invoice_lines.iter().any(|l| l.deducts_id.is_some());
    if view.credited == 0 && !has_deductions {
        // Credit the whole invoice: the same lines (a deposit part keeps its exact VAT).
        for (i, l) in invoice_lines.iter().enumerate() {
            insert_line(conn, id, i as i64, l)?;
        }
    } else {
        // A final invoice (its deductions must not be credited on their own), or one
        // already partly credited: one line per VAT rate for what is left, with the
        // exact VAT left, which the user may reduce.
        let case = invoice.vat_case.unwrap_or(super::VatCase::Domestic);
        let inv = compute_totals(&invoice_lines, case);
        let done = super::credited_by_rate(conn, invoice_id, case)?;
        let number = view.number.clone().unwrap_or_default();
        let mut pos = 0;
        for v in &inv.vat {
            let (base_done, vat_done) = done
                .iter()
                .find(|d| d.rate == v.rate)
                .map_or((0, 0), |d| (d.base, d.amount));
            let rest = v.base - base_done;
            if rest > 0 {
                let description = if lang == "en" {
                    format!("Balance of invoice {number}")
                } else {
                    format!("Solde de la facture {number}")
                };
                let line = DocLine {
                    description,
                    quantity_milli: 1000,
                    quantity: "1".into(),
                    unit: None,
                    unit_price: rest,
                    vat_rate: v.rate,
                    total_excl: rest,
                    fixed_vat: (case == super::VatCase::Domestic)
                        .then_some((v.amount - vat_done).max(0)),
                    deduction: false,
                    deducts_id: None,
                };
                insert_line(conn, id, pos, &line)?;
                pos += 1;
            }
        }
    }
    saved(conn, id, today)
}
