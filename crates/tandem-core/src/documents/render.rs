//! A document as the client reads it: the snapshot laid out as a `pdf::Document`,
//! in the client's language and currency; the file name the save dialog
//! proposes; the e-mail draft.

use super::issue::{mentions, vat_in_euros, vat_note, Issuer, Snapshot};
use super::{row, Kind, VatCase};
use crate::catalog::{Code, LegalStatus};
use crate::db::Connection;
use crate::locale::{self, date_iso, money, percent, Language};
use crate::pdf::{self, Align, Block, Column, Style};
use crate::{Error, Result};
use chrono::NaiveDate;

/// "732 829 320 00074": SIREN in groups of three, then the establishment number.
fn spaced_siret(digits: &str) -> String {
    if digits.len() < 9 || !digits.is_ascii() {
        return digits.to_owned();
    }
    let (siren, nic) = digits.split_at(9);
    // No-break spaces: a number is never cut at the end of a line.
    format!("{} {} {} {nic}", &siren[..3], &siren[3..6], &siren[6..])
        .trim_end()
        .replace(' ', "\u{a0}")
}

/// An IBAN as printed on a RIB: groups of four.
pub(crate) fn grouped(iban: &str) -> String {
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

/// The issuer's name as printed: a company's name with its form (« Bras Droit
/// Conseil SASU », C. com. R123-238) unless she already wrote it in the name; a
/// sole trader's name already carries « EI » from the snapshot.
fn issuer_name(i: &Issuer) -> String {
    match LegalStatus::parse(&i.legal_status).and_then(LegalStatus::form_label) {
        Some(form)
            if !i
                .name
                .split_whitespace()
                .any(|w| w.eq_ignore_ascii_case(form)) =>
        {
            format!("{} {form}", i.name)
        }
        _ => i.name.clone(),
    }
}

/// « SASU au capital de 1 000,00 € · RCS Lyon 732 829 320 » for a company, the
/// registration alone for a registered sole trader. The capital is in euros
/// whatever the invoice's currency.
fn legal_identity(i: &Issuer, lang: Language) -> Option<String> {
    let mut parts = Vec::new();
    if i.company {
        let form = LegalStatus::parse(&i.legal_status)
            .and_then(LegalStatus::form_label)
            .unwrap_or_default();
        if let Some(c) = i.share_capital_cents {
            let capital = money(c, "EUR", lang);
            parts.push(match lang {
                Language::Fr => format!("{form} au capital de {capital}"),
                Language::En => format!("{form} with a share capital of {capital}"),
            });
        }
    }
    if let Some(r) = &i.registry {
        parts.push(unbreakable(r));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// « À l'attention d'Emily », « de Camille »: French elides « de » before a vowel
/// or an h (taken as mute, as it is in most first names).
fn attention(contact: &str, lang: Language) -> String {
    match lang {
        Language::En => format!("Attn. {contact}"),
        Language::Fr => {
            let first = contact.chars().next().map(|c| c.to_lowercase().to_string());
            let elides = first.is_some_and(|c| "aàâäeéèêëiîïoôöuùûühœæ".contains(c.as_str()));
            if elides {
                format!("À l'attention d'{contact}")
            } else {
                format!("À l'attention de {contact}")
            }
        }
    }
}

/// Text whose spaces must not break a line: « du 27/11/2026 », a number.
fn unbreakable(text: &str) -> String {
    text.replace(' ', "\u{a0}")
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
        text: heading.clone(),
        subtitle: (!sub.is_empty()).then(|| sub.join(" · ")),
    }];

    blocks.push(parties(s));

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
        // A deposit invoice states when its payment was received, if that is not
        // the day it is issued (CGI art. 242 nonies A 7°); it has no service date.
        Kind::Deposit => {
            if let Some(paid) = d(&s.service_from).filter(|p| Some(p) != d(&s.issue_date).as_ref())
            {
                facts.push((
                    l.t("Date de réception de l'acompte", "Deposit received on"),
                    paid,
                ));
            }
        }
        _ => {}
    }
    if matches!(kind, Kind::Invoice | Kind::CreditNote) {
        match (d(&s.service_from), d(&s.service_to)) {
            (Some(f), Some(t)) if f != t => facts.push((
                l.t("Période de la prestation", "Service period"),
                format!("{} {f} {} {t}", l.t("du", "from"), l.t("au", "to")),
            )),
            (Some(f), _) => facts.push((l.t("Date de la prestation", "Service date"), f)),
            _ => {}
        }
    }
    if kind != Kind::Quote {
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
    let mut rows = Vec::new();
    let mut subtotal = 0;
    let mut subtotal_shown = false;
    for line in &s.lines {
        // A final invoice shows what the quote comes to before it deducts the
        // deposits, so the reader sees both figures.
        if line.deduction && !subtotal_shown {
            subtotal_shown = true;
            let label = match &s.quote_number {
                Some(q) => format!(
                    "{} {}",
                    l.t("Sous-total HT du devis", "Subtotal of quote"),
                    unbreakable(q)
                ),
                None => l.t("Sous-total HT", "Subtotal"),
            };
            let mut row = vec![label, String::new(), String::new()];
            if vat_shown {
                row.push(String::new());
            }
            row.push(m(subtotal));
            rows.push(row);
        }
        subtotal += line.total_excl;
        let qty = match &line.unit {
            Some(u) => format!("{} {u}", line.quantity),
            None => line.quantity.clone(),
        };
        let description = if line.deduction {
            keep_references(&line.description)
        } else {
            line.description.clone()
        };
        let mut row = vec![description, qty, m(line.unit_price)];
        if vat_shown {
            row.push(percent(line.vat_rate, lang));
        }
        row.push(m(line.total_excl));
        rows.push(row);
    }
    blocks.push(Block::Table { columns, rows });

    // Totals.
    let t = &s.totals;
    let mut totals = vec![(l.t("Total HT", "Total excl. VAT"), m(t.excl), Style::Normal)];
    match vat_note(s) {
        None => {
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
            if t.vat.len() > 1 {
                totals.push((l.t("Total TVA", "Total VAT"), m(t.vat_total), Style::Normal));
            }
            if let Some((euros, _)) = vat_in_euros(s) {
                totals.push((
                    l.t("dont TVA en euros", "of which VAT in euros"),
                    money(euros, "EUR", lang),
                    Style::Small,
                ));
            }
        }
        // No VAT is charged: the reason stands where « TVA 0,00 € » would.
        Some((short, _)) => totals.push((short, String::new(), Style::Normal)),
    }
    // « TTC » only where a tax is included.
    let total_label = match (kind, vat_shown) {
        (Kind::CreditNote, true) => l.t("Total de l'avoir TTC", "Total credited incl. VAT"),
        (Kind::CreditNote, false) => l.t("Total de l'avoir", "Total credited"),
        (Kind::Quote, true) => l.t("Total TTC", "Total incl. VAT"),
        (Kind::Quote, false) => l.t("Total", "Total"),
        (_, true) => l.t("Net à payer TTC", "Amount due incl. VAT"),
        (_, false) => l.t("Net à payer", "Amount due"),
    };
    totals.push((total_label, m(t.incl), Style::Bold));
    blocks.push(Block::Totals(totals));

    if let Some(n) = &s.notes {
        blocks.push(Block::Paragraph {
            text: n.clone(),
            style: Style::Normal,
        });
    }

    // Mentions and payment details, kept on one page: a reader must not find the
    // penalties or the bank details orphaned on a page of their own.
    let mut legal = vec![Block::Heading(
        l.t("Conditions et mentions légales", "Terms and legal notices"),
    )];
    let in_totals = vat_note(s).map(|(short, _)| short);
    // A VAT note as short as the one in the totals (« TVA non applicable, art.
    // 293 B du CGI ») is not printed twice.
    for line in mentions(s)
        .into_iter()
        .filter(|m| Some(m) != in_totals.as_ref())
    {
        legal.push(Block::Paragraph {
            text: line,
            style: Style::Small,
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
                legal.push(Block::Heading(
                    l.t("Paiement par virement", "Payment by bank transfer"),
                ));
                legal.push(Block::KeyValues(pay));
            }
        }
    }
    blocks.push(Block::Keep(legal));
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

    let footer = footer(s, lang);
    let date = s
        .issue_date
        .as_deref()
        .and_then(crate::status::parse_date)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default());
    let title = match &s.number {
        Some(n) => format!("{} {n}", l.title(kind)),
        None => l.title(kind),
    };
    pdf::Document {
        running_head: Some(format!("{heading} — page {{i}}/{{n}}")),
        title,
        lang: if en { "en" } else { "fr" },
        date,
        logo,
        footer,
        page_label: "Page {i}/{n}".into(),
        blocks,
    }
}

/// The issuer and the client side by side, as every page 1 shows them (the
/// documents and the reminders about them).
pub(crate) fn parties(s: &Snapshot) -> Block {
    let (en, lang) = (s.en(), s.lang());
    let l = Labels { lang };
    let mut issuer_col = vec![(l.t("Émetteur", "From"), Style::Muted)];
    if let Some(i) = &s.issuer {
        issuer_col.push((issuer_name(i), Style::Bold));
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
        if let Some(identity) = legal_identity(i, lang) {
            issuer_col.push((identity, Style::Small));
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
        client_col.push((attention(c, lang), Style::Normal));
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
    Block::Columns(vec![issuer_col, client_col])
}

/// The issuer's identity at the foot of every page.
pub(crate) fn footer(s: &Snapshot, lang: Language) -> Vec<String> {
    let mut footer = Vec::new();
    if let Some(i) = &s.issuer {
        let mut parts = vec![issuer_name(i)];
        if let Some(identity) = legal_identity(i, lang) {
            parts.push(identity);
        }
        parts.push(format!("SIRET {}", spaced_siret(&i.siret)));
        parts.push(i.address.join(", "));
        footer.push(parts.join(" · "));
    }
    footer
}

/// A deduction's label with its invoice number and date kept whole: « Déduction
/// de la facture d'acompte F-2026-0003 du 27/11/2026 » may wrap, but never inside
/// « F-2026-0003 » nor between « du » and its date.
fn keep_references(label: &str) -> String {
    let words: Vec<&str> = label.split(' ').collect();
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            // Glue a date to the word before it (« du », « of »).
            let is_date = w.chars().next().is_some_and(|c| c.is_ascii_digit());
            out.push(if is_date { '\u{a0}' } else { ' ' });
        }
        out.push_str(w);
    }
    out
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
    safe_file_name(&format!("{what} - {}", s.client.name))
}

/// `name` + ".pdf" with what file systems refuse replaced, at most 120 characters.
pub(crate) fn safe_file_name(name: &str) -> String {
    let safe: String = name
        .chars()
        // Invisible format characters go: a U+202E in a client's name would
        // otherwise show « Client fdp.exe.pdf » reversed in a file manager.
        .filter(|c| !is_invisible_format(*c))
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

/// Bidirectional controls, zero-width characters and the byte-order mark.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}'
        | '\u{061C}' | '\u{FEFF}' | '\u{00AD}')
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
pub(crate) fn encode(s: &str) -> String {
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

#[cfg(test)]
mod file_name_tests {
    use super::safe_file_name;

    #[test]
    fn file_names_lose_bidi_controls_separators_and_trailing_dots() {
        assert_eq!(
            safe_file_name("Facture F-2026-0003 - Client \u{202E}fdp.exe"),
            "Facture F-2026-0003 - Client fdp.exe.pdf"
        );
        assert_eq!(
            safe_file_name("Devis D-2026-0001 - A/B: \u{200B}\u{2067}C\u{2069}..."),
            "Devis D-2026-0001 - A-B- C.pdf"
        );
        assert_eq!(safe_file_name("Studio\tNord\u{FEFF}"), "Studio-Nord.pdf");
    }
}
