//! The receipts book (« livre des recettes », C. com. art. L123-28 and
//! D123-205-1, CGI art. 50-0-5): the payments she received in a year, in date
//! order — the date received, the invoice, the client, the nature of the service,
//! the amount, how it was paid — with the totals of each month and of the year.
//!
//! It is derived from the payments (never typed twice); each entry also shows the
//! day it was recorded. Totals are per currency; the book is printed and exported
//! whole.

use super::iso;
use crate::catalog::{Language, PaymentMethod};
use crate::db::Connection;
use crate::locale::{self, date_iso, money, month_year, pick};
use crate::pdf::{self, Block, Column, Style};
use crate::spreadsheet::Sheet;
use crate::Result;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    pub payment_id: i64,
    pub date: String,
    /// The day the payment was entered in Tandem.
    pub recorded_on: String,
    pub document_id: i64,
    pub number: String,
    pub client_name: String,
    pub nature: String,
    pub amount: i64,
    pub currency: String,
    pub method: PaymentMethod,
    /// A reversing entry (negative amount): the date of the payment it cancels,
    /// and why. The book keeps both lines; it never loses what was recorded.
    pub reverses_date: Option<String>,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Total {
    pub currency: String,
    pub amount: i64,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthTotals {
    /// "2026-03".
    pub month: String,
    pub totals: Vec<Total>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Book {
    pub year: i32,
    pub receipts: Vec<Receipt>,
    /// The months that have receipts, in order.
    pub months: Vec<MonthTotals>,
    pub totals: Vec<Total>,
}

fn add(totals: &mut BTreeMap<String, (i64, i64)>, currency: &str, amount: i64) {
    let t = totals.entry(currency.to_owned()).or_default();
    t.0 += amount;
    t.1 += 1;
}

fn listed(totals: BTreeMap<String, (i64, i64)>) -> Vec<Total> {
    // Euros first, then the other currencies by code.
    let mut v: Vec<Total> = totals
        .into_iter()
        .map(|(currency, (amount, count))| Total {
            currency,
            amount,
            count,
        })
        .collect();
    v.sort_by_key(|t| (t.currency != "EUR", t.currency.clone()));
    v
}

/// The book of `year`, in the order payments were received.
pub fn book(conn: &Connection, year: i32) -> Result<Book> {
    let (from, to) = (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or_default(),
    );
    let mut st = conn.prepare_cached(
        "SELECT p.id, p.date, substr(p.created_at, 1, 10), d.id, d.number,
                COALESCE(json_extract(d.snapshot, '$.client.name'), c.name),
                COALESCE(d.title, (SELECT l.description FROM document_lines l
                                    WHERE l.document_id = d.id ORDER BY l.position LIMIT 1), ''),
                p.amount, d.currency, p.method,
                (SELECT o.date FROM payments o WHERE o.id = p.reverses_id), p.reason
           FROM payments p
           JOIN documents d ON d.id = p.document_id AND d.status <> 'draft'
           JOIN clients c ON c.id = d.client_id
          WHERE p.date BETWEEN ?1 AND ?2
          ORDER BY p.date, p.id",
    )?;
    let rows = st.query_map([iso(from), iso(to)], |r| {
        let nature: String = r.get(6)?;
        Ok(Receipt {
            payment_id: r.get(0)?,
            date: r.get(1)?,
            recorded_on: r.get(2)?,
            document_id: r.get(3)?,
            number: r.get(4)?,
            client_name: r.get(5)?,
            // A line's first line says what it was; the rest is detail.
            nature: nature.lines().next().unwrap_or_default().trim().to_owned(),
            amount: r.get(7)?,
            currency: r.get(8)?,
            method: r.get(9)?,
            reverses_date: r.get(10)?,
            reason: r.get(11)?,
        })
    })?;
    let receipts = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut months: BTreeMap<String, BTreeMap<String, (i64, i64)>> = BTreeMap::new();
    let mut year_totals = BTreeMap::new();
    for r in &receipts {
        add(
            months.entry(r.date[..7].to_owned()).or_default(),
            &r.currency,
            r.amount,
        );
        add(&mut year_totals, &r.currency, r.amount);
    }
    Ok(Book {
        year,
        receipts,
        months: months
            .into_iter()
            .map(|(month, t)| MonthTotals {
                month,
                totals: listed(t),
            })
            .collect(),
        totals: listed(year_totals),
    })
}

fn method(m: PaymentMethod, lang: Language) -> &'static str {
    match m {
        PaymentMethod::Transfer => pick(lang, "Virement", "Bank transfer"),
        PaymentMethod::Card => pick(lang, "Carte", "Card"),
        PaymentMethod::Cash => pick(lang, "Espèces", "Cash"),
        PaymentMethod::Check => pick(lang, "Chèque", "Cheque"),
        PaymentMethod::Other => pick(lang, "Autre", "Other"),
    }
}

fn month_label(month: &str, lang: Language) -> String {
    let y = month[..4].parse().unwrap_or(2026);
    let m = month[5..7].parse().unwrap_or(1);
    month_year(y, m, lang)
}

fn totals_text(t: &[Total], lang: Language) -> String {
    if t.is_empty() {
        return money(0, "EUR", lang);
    }
    t.iter()
        .map(|t| money(t.amount, &t.currency, lang))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// What a row says it was: the service, or for a reversing entry which payment
/// it cancels and why.
fn nature(r: &Receipt, lang: Language) -> String {
    match &r.reverses_date {
        Some(d) => format!(
            "{} {} : {}",
            pick(
                lang,
                "Annulation de l'encaissement du",
                "Cancels the payment of"
            ),
            date_iso(d, lang),
            r.reason.as_deref().unwrap_or_default()
        )
        .replace(" : ", if lang == Language::En { ": " } else { " : " }),
        None => r.nature.clone(),
    }
}

/// The book as CSV: one row per receipt (amounts as plain decimals, the currency
/// in its own column, so a spreadsheet adds them up).
pub fn csv(b: &Book, lang: Language) -> Result<String> {
    let mut w = Sheet::new(lang);
    w.row(match lang {
        Language::Fr => [
            "Date d'encaissement",
            "Facture",
            "Client",
            "Nature de la prestation",
            "Montant",
            "Devise",
            "Mode de règlement",
            "Enregistré le",
        ],
        Language::En => [
            "Date received",
            "Invoice",
            "Client",
            "Nature of the service",
            "Amount",
            "Currency",
            "Payment method",
            "Recorded on",
        ],
    })?;
    for r in &b.receipts {
        w.row([
            r.date.clone(),
            r.number.clone(),
            r.client_name.clone(),
            nature(r, lang),
            locale::cents(r.amount, lang),
            r.currency.clone(),
            method(r.method, lang).to_owned(),
            r.recorded_on.clone(),
        ])?;
    }
    w.finish()
}

/// The book as the engine prints it: a table per month with its total, then the
/// year's total. `issuer` heads the first page.
pub fn document(b: &Book, issuer: &str, lang: Language) -> pdf::Document {
    let t = |fr: &'static str, en: &'static str| pick(lang, fr, en).to_owned();
    let title = match lang {
        Language::Fr => format!("Livre des recettes {}", b.year),
        Language::En => format!("Receipts book {}", b.year),
    };
    let mut blocks = vec![Block::Title {
        text: title.clone(),
        subtitle: Some(format!(
            "{issuer} · {}",
            t(
                "Recettes encaissées, par ordre chronologique (C. com. art. L123-28, CGI art. 50-0-5)",
                "Payments received, in date order (French Commercial Code art. L123-28, CGI art. 50-0-5)"
            )
        )),
    }];
    if b.receipts.is_empty() {
        blocks.push(Block::Paragraph {
            text: t(
                "Aucune recette encaissée cette année.",
                "No payment received this year.",
            ),
            style: Style::Normal,
        });
    }
    for m in &b.months {
        blocks.push(Block::Heading(month_label(&m.month, lang)));
        let rows = b
            .receipts
            .iter()
            .filter(|r| r.date.starts_with(&m.month))
            .map(|r| {
                vec![
                    date_iso(&r.date, lang),
                    r.number.clone(),
                    r.client_name.clone(),
                    nature(r, lang),
                    method(r.method, lang).to_owned(),
                    money(r.amount, &r.currency, lang),
                ]
            })
            .collect();
        blocks.push(Block::Table {
            columns: vec![
                Column::left(t("Encaissé le", "Received"), 2.0),
                Column::left(t("Facture", "Invoice"), 2.2),
                Column::left(t("Client", "Client"), 3.0),
                Column::left(t("Nature", "Nature"), 3.6),
                Column::left(t("Règlement", "Method"), 1.8),
                Column::right(t("Montant", "Amount"), 2.2),
            ],
            rows,
        });
        blocks.push(Block::Totals(vec![(
            format!("{} {}", t("Total", "Total"), month_label(&m.month, lang)),
            totals_text(&m.totals, lang),
            Style::Bold,
        )]));
    }
    blocks.push(Block::Totals(vec![(
        format!("{} {}", t("Total de l'année", "Year total"), b.year),
        totals_text(&b.totals, lang),
        Style::Bold,
    )]));
    pdf::Document {
        title: title.clone(),
        lang: if lang == Language::En { "en" } else { "fr" },
        date: NaiveDate::from_ymd_opt(b.year, 12, 31).unwrap_or_default(),
        logo: None,
        footer: vec![format!("{title} · {issuer}")],
        page_label: "Page {i}/{n}".into(),
        running_head: Some(format!("{title} — page {{i}}/{{n}}")),
        blocks,
    }
}

/// "Livre des recettes 2026.pdf" / ".csv".
pub fn file_name(year: i32, lang: Language, ext: &str) -> String {
    format!(
        "{} {year}.{ext}",
        pick(lang, "Livre des recettes", "Receipts book")
    )
}
