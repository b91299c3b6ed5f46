//! A document as the client reads it: the snapshot laid out as a `pdf::Document`,
//! in the client's language and currency; the file name the save dialog
//! proposes; the e-mail draft.

use super::issue::{mentions, Snapshot};
use super::{row, Kind, VatCase};
use crate::db::Connection;
use crate::locale::{self, date_iso, money, percent};
use crate::pdf::{self, Align, Block, Column, Style};
use crate::{Error, Result};
use chrono::NaiveDate;

/// "732 829 320 00074": SIREN in groups of three, then the establishment number.
fn spaced_siret(digits: &str) -> String {
    if digits.len() < 9 || !digits.is_ascii() {
        return digits.to_owned();
    }
    let (siren, nic) = digits.split_at(9);
    format!("{} {} {} {nic}", &siren[..3], &siren[3..6], &siren[6..])
        .trim_end()
        .to_owned()
}

/// An IBAN as printed on a RIB: groups of four.
fn grouped(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

struct Labels {
    lang: locale::Language,
}

impl Labels {
    fn t(&self, fr: &'static str, en: &'static str) -> String {
        locale::pick(self.lang, fr, en).to_owned()
    }
    fn title(&self, kind: Kind) -> String {
        match kind {
            Kind::Quote => self.t("Devis", "Quote"),
            Kind::Invoice => self.t("Facture", "Invoice"),
            Kind::Deposit => self.t("Facture d'acompte", "Deposit invoice"),
            Kind::CreditNote => self.t("Avoir", "Credit note"),
        }
    }
}

/// The engine's document for a snapshot. `draft` marks an unissued preview.
pub fn document(s: &Snapshot, logo: Option<Vec<u8>>) -> pdf::Document {
    let (en, lang) = (s.en(), s.lang());
    let l = Labels { lang };
    let kind = s.kind();
    let cur = s.currency.as_str();
    let m = |c: i64| money(c, cur, lang);
    let d = |x: &Option<String>| x.as_deref().map(|v| date_iso(v, lang));
    let heading = match &s.number {
        Some(n) => format!("{} {n}", l.title(kind)),
        None => format!(
            "{} — {}",
            l.title(kind),
            l.t("BROUILLON (sans valeur)", "DRAFT (not valid)")
        ),
    };
    let mut sub = Vec::new();
    if let Some(date) = d(&s.issue_date) {
        sub.push(format!("{} {date}", l.t("Date :", "Date:")));
    }
    if let Some(t) = &s.title {
        sub.push(t.clone());
    }
    let mut blocks = vec![Block::Title {
        text: heading,
        subtitle: (!sub.is_empty()).then(|| sub.join(" · ")),
    }];

    // Parties.
    let mut issuer_col = vec![(l.t("Émetteur", "From"), Style::Muted)];
    if let Some(i) = &s.issuer {
        issuer_col.push((i.name.clone(), Style::Bold));
        if let Some(t) = &i.trade_name {
            issuer_col.push((t.clone(), Style::Normal));
        }
        issuer_col.push((i.address.join("\n"), Style::Normal));
        issuer_col.push((
            format!("{} · {}", i.email, i.phone.clone().unwrap_or_default())
                .trim_end_matches(" · ")
                .to_owned(),
            Style::Small,
        ));
        issuer_col.push((format!("SIRET {}", spaced_siret(&i.siret)), Style::Small));
        if i.company {
            let capital = i.share_capital_cents.map(&m).unwrap_or_default();
            issuer_col.push((
                format!(
                    "{} · {} {}",
                    i.registry.clone().unwrap_or_default(),
                    l.t("capital de", "share capital"),
                    capital
                ),
                Style::Small,
            ));
        }
        if let Some(v) = &i.vat_number {
            issuer_col.push((format!("{} {v}", l.t("N° TVA :", "VAT no.:")), Style::Small));
        }
    }
    let mut client_col = vec![
        (l.t("Client", "Bill to"), Style::Muted),
        (s.client.name.clone(), Style::Bold),
    ];
    if let Some(c) = &s.client.contact_name {
        client_col.push((
            format!("{} {c}", l.t("À l'attention de", "Attn.")),
            Style::Normal,
        ));
    }
    if !s.client.address.is_empty() {
        client_col.push((s.client.address.join("\n"), Style::Normal));
    }
    if s.client.country != "FR" {
        client_col.push((
            crate::catalog::country_name(&s.client.country, en),
            Style::Normal,
        ));
    }
    if let Some(siren) = &s.client.siren {
        client_col.push((format!("SIREN {}", spaced_siret(siren)), Style::Small));
    }
    if let Some(v) = &s.client.vat_number {
        client_col.push((format!("{} {v}", l.t("N° TVA :", "VAT no.:")), Style::Small));
    }
    blocks.push(Block::Columns(vec![issuer_col, client_col]));

    // Key dates and references.
    let mut facts: Vec<(String, String)> = Vec::new();
    match kind {
        Kind::Quote => {
            if let Some(v) = d(&s.valid_until) {
                facts.push((l.t("Valable jusqu'au", "Valid until"), v));
            }
            if let Some(v) = d(&s.start_date) {
                facts.push((l.t("Début de la prestation", "Start date"), v));
            }
            if let Some(v) = &s.duration {
                facts.push((l.t("Durée", "Duration"), v.clone()));
            }
        }
        _ => {
            match (d(&s.service_from), d(&s.service_to)) {
                (Some(f), Some(t)) if f != t => facts.push((
                    l.t("Période de la prestation", "Service period"),
                    format!("{} {f} {} {t}", l.t("du", "from"), l.t("au", "to")),
                )),
                (Some(f), _) => facts.push((l.t("Date de la prestation", "Service date"), f)),
                _ => {}
            }
            if let Some(v) = d(&s.due_date) {
                facts.push((l.t("Échéance", "Due date"), v));
            }
            if let Some(q) = &s.quote_number {
                facts.push((l.t("Devis", "Quote"), q.clone()));
            }
            if let Some(n) = &s.corrects_number {
                facts.push((
                    l.t("Facture d'origine", "Original invoice"),
                    format!("{n} ({})", d(&s.corrects_date).unwrap_or_default()),
                ));
            }
        }
    }
    if !facts.is_empty() {
        blocks.push(Block::KeyValues(facts));
    }

    // Lines.
    let vat_shown = s.vat_case() == VatCase::Domestic;
    let mut columns = vec![
        Column {
            title: l.t("Description", "Description"),
            weight: 5.2,
            align: Align::Left,
        },
        Column {
            title: l.t("Qté", "Qty"),
            weight: 1.1,
            align: Align::Right,
        },
        Column {
            title: l.t("Prix unit. HT", "Unit price"),
            weight: 1.7,
            align: Align::Right,
        },
    ];
    if vat_shown {
        columns.push(Column {
            title: l.t("TVA", "VAT"),
            weight: 0.9,
            align: Align::Right,
        });
    }
    columns.push(Column {
        title: l.t("Total HT", "Amount"),
        weight: 1.7,
        align: Align::Right,
    });
    let rows = s
        .lines
        .iter()
        .map(|line| {
            let qty = match &line.unit {
                Some(u) => format!("{} {u}", line.quantity),
                None => line.quantity.clone(),
            };
            let mut row = vec![line.description.clone(), qty, m(line.unit_price)];
            if vat_shown {
                row.push(percent(line.vat_rate, lang));
            }
            row.push(m(line.total_excl));
            row
        })
        .collect();
    blocks.push(Block::Table { columns, rows });

    // Totals.
    let t = &s.totals;
    let mut totals = vec![(l.t("Total HT", "Total excl. VAT"), m(t.excl), Style::Normal)];
    if vat_shown {
        for v in &t.vat {
            totals.push((
                format!(
                    "{} {} {} {}",
                    l.t("TVA", "VAT"),
                    percent(v.rate, lang),
                    l.t("sur", "on"),
                    m(v.base)
                ),
                m(v.amount),
                Style::Normal,
            ));
        }
    } else {
        totals.push((l.t("TVA", "VAT"), m(0), Style::Normal));
    }
    let total_label = match kind {
        Kind::CreditNote => l.t("Total de l'avoir TTC", "Total credited incl. VAT"),
        Kind::Quote => l.t("Total TTC", "Total incl. VAT"),
        _ => l.t("Net à payer TTC", "Amount due incl. VAT"),
    };
    totals.push((total_label, m(t.incl), Style::Bold));
    blocks.push(Block::Totals(totals));

    // Mentions and payment details.
    blocks.push(Block::Heading(
        l.t("Conditions et mentions légales", "Terms and legal notices"),
    ));
    for line in mentions(s) {
        blocks.push(Block::Paragraph {
            text: line,
            style: Style::Small,
        });
    }
    if let Some(n) = &s.notes {
        blocks.push(Block::Paragraph {
            text: n.clone(),
            style: Style::Normal,
        });
    }
    if matches!(kind, Kind::Invoice | Kind::Deposit) {
        if let Some(i) = &s.issuer {
            let mut pay = Vec::new();
            if let Some(iban) = &i.iban {
                pay.push(("IBAN".to_owned(), grouped(iban)));
            }
            if let Some(bic) = &i.bic {
                pay.push(("BIC".to_owned(), bic.clone()));
            }
            if let Some(n) = &s.number {
                pay.push((l.t("Référence à indiquer", "Payment reference"), n.clone()));
            }
            if !pay.is_empty() {
                blocks.push(Block::Heading(
                    l.t("Paiement par virement", "Payment by bank transfer"),
                ));
                blocks.push(Block::KeyValues(pay));
            }
        }
    }
    if kind == Kind::Quote {
        blocks.push(Block::Signature {
            title: l.t("Bon pour accord", "Approved and accepted"),
            lines: vec![
                l.t("Date :", "Date:"),
                l.t(
                    "Nom, signature et cachet du client :",
                    "Client's name, signature and stamp:",
                ),
            ],
        });
    }

    let mut footer = Vec::new();
    if let Some(i) = &s.issuer {
        let mut parts = vec![i.name.clone(), format!("SIRET {}", spaced_siret(&i.siret))];
        if i.company {
            if let Some(r) = &i.registry {
                parts.push(r.clone());
            }
        }
        parts.push(i.address.join(", "));
        footer.push(parts.join(" · "));
    }
    let date = s
        .issue_date
        .as_deref()
        .and_then(crate::status::parse_date)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default());
    pdf::Document {
        title: match &s.number {
            Some(n) => format!("{} {n}", l.title(kind)),
            None => l.title(kind),
        },
        lang: if en { "en" } else { "fr" },
        date,
        logo,
        footer,
        page_label: "Page {i}/{n}".into(),
        running_head: None,
        blocks,
    }
}

/// The snapshot a PDF is drawn from: frozen for issued documents, live for drafts.
pub(crate) fn snapshot_for(conn: &Connection, id: i64, today: NaiveDate) -> Result<Snapshot> {
    let r = row(conn, id)?;
    match &r.snapshot {
        Some(json) => serde_json::from_str(json)
            .map_err(|e| Error::Unavailable(format!("snapshot of document {id}: {e}"))),
        None => super::issue::snapshot(conn, &r, today),
    }
}

/// The engine's description of a document (what `pdf` renders), and its file name.
pub fn layout(conn: &Connection, id: i64, today: NaiveDate) -> Result<(pdf::Document, String)> {
    let s = snapshot_for(conn, id, today)?;
    let logo = match s.issuer.as_ref().and_then(|i| i.logo_id) {
        Some(logo_id) => Some(conn.query_row(
            "SELECT bytes FROM logos WHERE id = ?1",
            [logo_id],
            |r| r.get::<_, Vec<u8>>(0),
        )?),
        None => None,
    };
    Ok((document(&s, logo), file_name(&s)))
}

/// The PDF of a document and the file name to propose for it.
pub fn pdf(conn: &Connection, id: i64, today: NaiveDate) -> Result<(Vec<u8>, String)> {
    let (doc, name) = layout(conn, id, today)?;
    Ok((pdf::render(&doc)?, name))
}

/// "Devis D-2026-0001 - Élan.pdf", safe on every file system.
pub fn file_name(s: &Snapshot) -> String {
    let l = Labels { lang: s.lang() };
    let what = match &s.number {
        Some(n) => format!("{} {n}", l.title(s.kind())),
        None => format!(
            "{} {}",
            l.t("Brouillon", "Draft"),
            l.title(s.kind()).to_lowercase()
        ),
    };
    let name = format!("{what} - {}", s.client.name);
    let safe: String = name
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let trimmed: String = safe
        .trim()
        .trim_end_matches('.')
        .chars()
        .take(120)
        .collect();
    format!("{trimmed}.pdf")
}

/// A `mailto:` URL to the client with the subject and body filled in.
pub fn mailto(conn: &Connection, id: i64, today: NaiveDate) -> Result<String> {
    let s = snapshot_for(conn, id, today)?;
    let Some(to) = s.client.email.clone() else {
        return Err(Error::field(
            "client.email",
            "client_has_no_email",
            "the client has no e-mail address",
        ));
    };
    let (en, lang) = (s.en(), s.lang());
    let l = Labels { lang };
    let what = format!(
        "{} {}",
        l.title(s.kind()),
        s.number.clone().unwrap_or_default()
    );
    let from = s
        .issuer
        .as_ref()
        .map(|i| i.name.clone())
        .unwrap_or_default();
    let greeting = match &s.client.contact_name {
        Some(c) if en => format!("Hello {c},"),
        Some(c) => format!("Bonjour {c},"),
        None => l.t("Bonjour,", "Hello,"),
    };
    let total = money(s.totals.incl, &s.currency, lang);
    let body_main = match s.kind() {
        Kind::Quote => match &s.valid_until {
            Some(v) if en => format!("Please find attached my quote {} for {total}, valid until {}.", s.number.clone().unwrap_or_default(), date_iso(v, lang)),
            Some(v) => format!("Vous trouverez ci-joint mon devis {} d'un montant de {total}, valable jusqu'au {}.", s.number.clone().unwrap_or_default(), date_iso(v, lang)),
            None => String::new(),
        },
        Kind::CreditNote if en => format!("Please find attached credit note {} for {total}.", s.number.clone().unwrap_or_default()),
        Kind::CreditNote => format!("Vous trouverez ci-joint l'avoir {} d'un montant de {total}.", s.number.clone().unwrap_or_default()),
        _ => {
            let due = s.due_date.as_deref().map(|v| date_iso(v, lang)).unwrap_or_default();
            if en {
                format!("Please find attached invoice {} for {total}, due by {due}.", s.number.clone().unwrap_or_default())
            } else {
                format!("Vous trouverez ci-joint la facture {} d'un montant de {total}, à régler avant le {due}.", s.number.clone().unwrap_or_default())
            }
        }
    };
    let closing = l.t("Belle journée,", "Best regards,");
    let body = format!("{greeting}\n\n{body_main}\n\n{closing}\n{from}");
    Ok(format!(
        "mailto:{}?subject={}&body={}",
        encode(&to),
        encode(&format!("{what} – {from}")),
        encode(&body)
    ))
}

/// Percent-encoding for a mailto URL (RFC 6068): everything but unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'@') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
