//! Getting paid: the overdue invoices, and the reminders about them — a first, a
//! second, and the formal notice (« mise en demeure », C. civ. art. 1344 and
//! 1344-1) — each a PDF from the one engine in the client's language.
//!
//! A reminder is computed on the day it is made and logged as it was (`reminders`,
//! never changed nor deleted), so its PDF is the same whenever it is exported:
//! the amount due, the days late since the due date, the late penalties at the rate
//! printed on the invoice (frozen in its snapshot) — amount × rate × days / 365, to
//! the cent — and the 40 € recovery indemnity for a professional client only
//! (C. com. L441-10 II, D441-5).

use super::render::{encode, footer, grouped, parties, safe_file_name, snapshot_for};
use super::{row, DocStatus, Kind, Snapshot};
use crate::catalog::{Code, ReminderKind};
use crate::db::{Connection, NOW};
use crate::locale::{date_iso, money, percent, pick, Language};
use crate::pdf::{self, Block, Column, Style};
use crate::settings::figures as config;
use crate::validate::{Checker, Need, Quantity};
use crate::{Error, Result};
use chrono::{Duration, NaiveDate};
use rusqlite::params;
use serde::{Deserialize, Serialize};

/// The recovery indemnity of C. com. D441-5, in euro cents.
pub const INDEMNITY_CENTS: i64 = 4000;

/// Late penalties: `amount × rate × days / 365`, rounded to the nearest cent
/// (half up). `bps` is the yearly rate in basis points.
pub fn penalties(amount: i64, bps: i64, days: i64) -> i64 {
    if amount <= 0 || bps <= 0 || days <= 0 {
        return 0;
    }
    let num = i128::from(amount) * i128::from(bps) * i128::from(days);
    let den = 10_000_i128 * 365;
    i64::try_from((num + den / 2) / den).unwrap_or(i64::MAX)
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReminderInput {
    pub kind: String,
    /// The formal notice's deadline in days (the Réglages default when empty).
    pub notice_days: String,
    /// She confirmed a formal notice with no second reminder before it.
    pub confirm: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    /// 0 for a preview not yet logged.
    pub id: i64,
    pub document_id: i64,
    pub number: String,
    pub kind: ReminderKind,
    pub date: String,
    pub days_late: i64,
    pub amount_due: i64,
    pub currency: String,
    pub penalty_bps: i64,
    pub penalties: i64,
    pub indemnity: i64,
    pub deadline: Option<String>,
}

/// An overdue invoice as the Relances list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overdue {
    pub document_id: i64,
    pub number: String,
    pub client_id: i64,
    pub client_name: String,
    pub due_date: String,
    pub days_late: i64,
    pub amount_due: i64,
    pub currency: String,
    /// The reminders already sent, oldest first.
    pub reminders: Vec<Sent>,
    /// What comes next: none after the formal notice.
    pub next: Option<ReminderKind>,
    /// The schedule of Réglages says the next one is due today.
    pub next_due: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sent {
    pub id: i64,
    pub kind: ReminderKind,
    pub date: String,
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn sent(conn: &Connection, document_id: i64) -> Result<Vec<Sent>> {
    let mut st = conn.prepare_cached(
        "SELECT id, kind, date FROM reminders WHERE document_id = ?1 ORDER BY date, id",
    )?;
    let rows = st.query_map([document_id], |r| {
        Ok(Sent {
            id: r.get(0)?,
            kind: r.get(1)?,
            date: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The next reminder after `sent`: first, second, then the formal notice.
fn next_kind(sent: &[Sent]) -> Option<ReminderKind> {
    if sent.iter().any(|s| s.kind == ReminderKind::FormalNotice) {
        None
    } else if sent.iter().any(|s| s.kind == ReminderKind::Second) {
        Some(ReminderKind::FormalNotice)
    } else if sent.iter().any(|s| s.kind == ReminderKind::First) {
        Some(ReminderKind::Second)
    } else {
        Some(ReminderKind::First)
    }
}

/// Every overdue invoice (past its due date, something left to pay), most late
/// first. Reads the open receivables and their reminders, two statements
/// whatever the size of the history.
pub fn overdue(conn: &Connection, today: NaiveDate) -> Result<Vec<Overdue>> {
    let schedule = config::get(conn)?.reminder_days;
    let on = iso(today);
    let mut by_invoice: std::collections::HashMap<i64, Vec<Sent>> =
        std::collections::HashMap::new();
    let mut st = conn.prepare_cached(
        "SELECT m.document_id, m.id, m.kind, m.date FROM reminders m
          WHERE m.document_id IN (SELECT document_id FROM receivables
                                   WHERE settled < total AND due_date < ?1)
          ORDER BY m.document_id, m.date, m.id",
    )?;
    for row in st.query_map([&on], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Sent {
                id: r.get(1)?,
                kind: r.get(2)?,
                date: r.get(3)?,
            },
        ))
    })? {
        let (doc, sent) = row?;
        by_invoice.entry(doc).or_default().push(sent);
    }
    let mut st = conn.prepare_cached(
        "SELECT r.document_id, r.number, r.client_id, c.name, r.due_date, r.total - r.settled, r.currency
           FROM receivables r JOIN clients c ON c.id = r.client_id
          WHERE r.settled < r.total AND r.due_date < ?1
          ORDER BY r.due_date, r.document_id",
    )?;
    let rows = st.query_map([&on], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (document_id, number, client_id, client_name, due_date, amount_due, currency) = row?;
        let days_late = crate::status::parse_date(&due_date).map_or(0, |d| (today - d).num_days());
        let reminders = by_invoice.remove(&document_id).unwrap_or_default();
        let next = next_kind(&reminders);
        let next_due = next.is_some_and(|k| {
            let i = ReminderKind::ALL.iter().position(|x| *x == k).unwrap_or(0);
            days_late >= schedule[i]
        });
        out.push(Overdue {
            document_id,
            number,
            client_id,
            client_name,
            due_date,
            days_late,
            amount_due,
            currency,
            reminders,
            next,
            next_due,
        });
    }
    Ok(out)
}

/// Checks a reminder about invoice `id` on `today` and computes it, writing
/// nothing: what the dialog previews and what [`create`] logs.
pub fn preview(
    conn: &Connection,
    id: i64,
    input: &ReminderInput,
    today: NaiveDate,
) -> Result<Reminder> {
    let doc = row(conn, id)?;
    if !matches!(doc.kind, Kind::Invoice | Kind::Deposit) || doc.status != DocStatus::Issued {
        return Err(Error::field(
            "id",
            "invoice_not_issued",
            "reminders are about issued invoices",
        ));
    }
    let s = snapshot_for(conn, id, today)?;
    let (total, settled): (i64, i64) = conn.query_row(
        "SELECT total, settled FROM receivables WHERE document_id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let amount_due = (total - settled).max(0);
    if amount_due == 0 {
        return Err(Error::field(
            "id",
            "invoice_paid",
            "this invoice is paid: there is nothing to remind",
        ));
    }
    let due = s.due_date.as_deref().and_then(crate::status::parse_date);
    let Some(due) = due.filter(|d| *d < today) else {
        return Err(Error::field(
            "id",
            "invoice_not_overdue",
            "this invoice is not past its due date yet",
        ));
    };
    let mut c = Checker::new();
    let kind = c.choice::<ReminderKind>("kind", &input.kind, Need::Required);
    let notice_days = if input.notice_days.trim().is_empty() {
        Some(config::get(conn)?.notice_days)
    } else {
        c.number(
            "notice_days",
            &input.notice_days,
            Need::Required,
            Quantity::Days,
            1..=60,
        )
    };
    let before = sent(conn, id)?;
    if kind == Some(ReminderKind::FormalNotice)
        && !input.confirm
        && !before.iter().any(|r| r.kind == ReminderKind::Second)
    {
        c.push(
            "confirm",
            "notice_before_second_reminder",
            "no second reminder was sent: confirm the formal notice",
        );
    }
    c.finish()?;
    let kind = kind.unwrap_or(ReminderKind::First);
    let days_late = (today - due).num_days();
    let penalty_bps = s.issuer.as_ref().map_or(0, |i| i.late_penalty_bps);
    Ok(Reminder {
        id: 0,
        document_id: id,
        number: s.number.clone().unwrap_or_default(),
        kind,
        date: iso(today),
        days_late,
        amount_due,
        currency: s.currency.clone(),
        penalty_bps,
        penalties: penalties(amount_due, penalty_bps, days_late),
        indemnity: if s.client.private { 0 } else { INDEMNITY_CENTS },
        deadline: (kind == ReminderKind::FormalNotice)
            .then(|| iso(today + Duration::days(notice_days.unwrap_or(8)))),
    })
}

/// Logs a reminder on the invoice, as [`preview`] computes it.
pub fn create(
    conn: &Connection,
    id: i64,
    input: &ReminderInput,
    today: NaiveDate,
) -> Result<Reminder> {
    let r = preview(conn, id, input, today)?;
    conn.execute(
        &format!(
            "INSERT INTO reminders (document_id, kind, date, days_late, amount_due, penalty_bps,
                                    penalties, indemnity, deadline, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, {NOW})"
        ),
        params![
            r.document_id,
            r.kind.as_str(),
            r.date,
            r.days_late,
            r.amount_due,
            r.penalty_bps,
            r.penalties,
            r.indemnity,
            r.deadline
        ],
    )?;
    get(conn, conn.last_insert_rowid())
}

pub fn get(conn: &Connection, reminder_id: i64) -> Result<Reminder> {
    rusqlite::OptionalExtension::optional(conn.query_row(
        "SELECT r.id, r.document_id, d.number, r.kind, r.date, r.days_late, r.amount_due,
                d.currency, r.penalty_bps, r.penalties, r.indemnity, r.deadline
           FROM reminders r JOIN documents d ON d.id = r.document_id WHERE r.id = ?1",
        [reminder_id],
        |r| {
            Ok(Reminder {
                id: r.get(0)?,
                document_id: r.get(1)?,
                number: r.get(2)?,
                kind: r.get(3)?,
                date: r.get(4)?,
                days_late: r.get(5)?,
                amount_due: r.get(6)?,
                currency: r.get(7)?,
                penalty_bps: r.get(8)?,
                penalties: r.get(9)?,
                indemnity: r.get(10)?,
                deadline: r.get(11)?,
            })
        },
    ))?
    .ok_or(Error::NotFound {
        entity: "reminder",
        id: reminder_id,
        field: None,
    })
}

/// The reminders logged on an invoice, oldest first.
pub fn of(conn: &Connection, document_id: i64) -> Result<Vec<Reminder>> {
    sent(conn, document_id)?
        .iter()
        .map(|s| get(conn, s.id))
        .collect()
}

fn title(kind: ReminderKind, lang: Language) -> &'static str {
    match kind {
        ReminderKind::First => pick(lang, "Relance", "Payment reminder"),
        ReminderKind::Second => pick(lang, "Deuxième relance", "Second payment reminder"),
        ReminderKind::FormalNotice => {
            pick(lang, "Mise en demeure de payer", "Formal notice to pay")
        }
    }
}

/// The reminder as the engine draws it, in the client's language.
pub fn document(s: &Snapshot, r: &Reminder) -> pdf::Document {
    let lang = s.lang();
    let t = |fr: &'static str, en: &'static str| pick(lang, fr, en).to_owned();
    let m = |c: i64| money(c, &r.currency, lang);
    let number = &r.number;
    let issued = s
        .issue_date
        .as_deref()
        .map(|d| date_iso(d, lang))
        .unwrap_or_default();
    let due = s
        .due_date
        .as_deref()
        .map(|d| date_iso(d, lang))
        .unwrap_or_default();
    let on = date_iso(&r.date, lang);
    let heading = title(r.kind, lang);
    let city = s
        .issuer
        .as_ref()
        .and_then(|i| i.address.last())
        .map(|a| a.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
        .filter(|c| !c.is_empty());
    let place = match (city, lang) {
        (Some(c), Language::Fr) => format!("{c}, le {on}"),
        (Some(c), Language::En) => format!("{c}, {on}"),
        (None, Language::Fr) => format!("Le {on}"),
        (None, Language::En) => on.clone(),
    };
    let same_currency = r.currency == "EUR";
    let total = r.amount_due + r.penalties + if same_currency { r.indemnity } else { 0 };
    let rate = percent(r.penalty_bps, lang);
    let days = r.days_late;
    let mut blocks = vec![
        Block::Title {
            text: heading.to_owned(),
            subtitle: Some(match lang {
                Language::Fr => format!("Facture {number} du {issued}"),
                Language::En => format!("Invoice {number} of {issued}"),
            }),
        },
        parties(s),
        Block::Paragraph {
            text: place,
            style: Style::Normal,
        },
        Block::Paragraph {
            text: match lang {
                Language::Fr => format!("Objet : {} — facture {number}", heading.to_lowercase()),
                Language::En => format!("Subject: {} — invoice {number}", heading.to_lowercase()),
            },
            style: Style::Bold,
        },
    ];
    let greeting = match (&s.client.contact_name, lang) {
        (Some(c), Language::Fr) => format!("Bonjour {c},"),
        (Some(c), Language::En) => format!("Dear {c},"),
        (None, Language::Fr) => "Madame, Monsieur,".to_owned(),
        (None, Language::En) => "Dear Sir or Madam,".to_owned(),
    };
    let body = match (r.kind, lang) {
        (ReminderKind::First, Language::Fr) => format!(
            "Sauf erreur de ma part, la facture {number} du {issued}, arrivée à échéance le {due}, \
             n'a pas encore été réglée : il reste {} à payer, soit {days} jours de retard. \
             Il s'agit peut-être d'un simple oubli : je vous remercie de bien vouloir procéder \
             au règlement dès réception de ce courrier.",
            m(r.amount_due)
        ),
        (ReminderKind::First, Language::En) => format!(
            "Unless I am mistaken, invoice {number} of {issued}, due on {due}, has not been \
             paid yet: {} remains due, {days} days late. It may simply have been overlooked: \
             please arrange payment on receipt of this letter.",
            m(r.amount_due)
        ),
        (ReminderKind::Second, Language::Fr) => format!(
            "Malgré ma précédente relance, la facture {number} du {issued}, échue le {due}, \
             reste impayée : {} restent dus, soit {days} jours de retard. Je vous demande de \
             procéder au règlement sans délai, augmenté des pénalités de retard prévues sur \
             la facture.",
            m(r.amount_due)
        ),
        (ReminderKind::Second, Language::En) => format!(
            "Despite my previous reminder, invoice {number} of {issued}, due on {due}, is \
             still unpaid: {} remains due, {days} days late. Please pay it without delay, \
             with the late penalties stated on the invoice.",
            m(r.amount_due)
        ),
        (ReminderKind::FormalNotice, Language::Fr) => format!(
            "Malgré mes relances, la facture {number} du {issued}, échue le {due}, reste \
             impayée. Par la présente, je vous mets en demeure de me régler la somme de {} \
             au plus tard le {}, soit dans un délai de {} jours.",
            m(total),
            r.deadline
                .as_deref()
                .map(|d| date_iso(d, lang))
                .unwrap_or_default(),
            notice_days(r)
        ),
        (ReminderKind::FormalNotice, Language::En) => format!(
            "Despite my reminders, invoice {number} of {issued}, due on {due}, is still \
             unpaid. I hereby give you formal notice to pay me the sum of {} no later than \
             {}, that is within {} days.",
            m(total),
            r.deadline
                .as_deref()
                .map(|d| date_iso(d, lang))
                .unwrap_or_default(),
            notice_days(r)
        ),
    };
    blocks.push(Block::Paragraph {
        text: format!("{greeting}\n\n{body}"),
        style: Style::Normal,
    });
    blocks.push(Block::Table {
        columns: vec![
            Column::left(t("Facture", "Invoice"), 3.0),
            Column::left(t("Date", "Date"), 2.0),
            Column::left(t("Échéance", "Due date"), 2.0),
            Column::right(t("Jours de retard", "Days late"), 2.0),
            Column::right(t("Montant dû", "Amount due"), 2.5),
        ],
        rows: vec![vec![
            number.clone(),
            issued.clone(),
            due.clone(),
            days.to_string(),
            m(r.amount_due),
        ]],
    });
    let mut totals = vec![(
        t("Montant dû", "Amount due"),
        m(r.amount_due),
        Style::Normal,
    )];
    if r.penalty_bps > 0 {
        totals.push((
            match lang {
                Language::Fr => format!("Pénalités de retard ({rate} × {days} j / 365)"),
                Language::En => format!("Late penalties ({rate} × {days} d / 365)"),
            },
            m(r.penalties),
            Style::Normal,
        ));
    }
    if r.indemnity > 0 {
        totals.push((
            t(
                "Indemnité forfaitaire pour frais de recouvrement",
                "Fixed recovery indemnity",
            ),
            money(r.indemnity, "EUR", lang),
            Style::Normal,
        ));
    }
    totals.push((t("Total à régler", "Total to pay"), m(total), Style::Bold));
    if !same_currency && r.indemnity > 0 {
        totals.push((
            t("plus l'indemnité de 40 €", "plus the 40 € indemnity"),
            String::new(),
            Style::Small,
        ));
    }
    blocks.push(Block::Totals(totals));
    let mut law = Vec::new();
    if r.penalty_bps > 0 {
        law.push(match lang {
            Language::Fr => format!(
                "Pénalités de retard au taux de {rate} l'an, exigibles dès le lendemain de \
                 l'échéance (C. com. art. L441-10)."
            ),
            Language::En => format!(
                "Late penalties at {rate} a year, due from the day after the due date \
                 (French Commercial Code, art. L441-10)."
            ),
        });
    }
    if r.indemnity > 0 {
        law.push(t(
            "Indemnité forfaitaire de 40 € pour frais de recouvrement due par tout professionnel \
             en situation de retard de paiement (C. com. art. L441-10 et D441-5).",
            "A fixed 40 € indemnity for recovery costs is due by any business paying late \
             (French Commercial Code, art. L441-10 and D441-5).",
        ));
    }
    if r.kind == ReminderKind::FormalNotice {
        law.push(t(
            "La présente vaut mise en demeure au sens des articles 1344 et 1344-1 du Code civil : \
             elle fait courir les intérêts moratoires. À défaut de paiement dans le délai \
             indiqué, je me réserve le droit d'engager une procédure de recouvrement, \
             notamment une injonction de payer, sans autre avis.",
            "This letter is a formal notice under articles 1344 and 1344-1 of the French \
             Civil Code: interest for late payment runs from it. Failing payment within the \
             time given, I reserve the right to start recovery proceedings, including an \
             order for payment, without further notice.",
        ));
    } else {
        law.push(t(
            "Si votre règlement a croisé ce courrier, merci de ne pas en tenir compte.",
            "If your payment has crossed this letter, please disregard it.",
        ));
    }
    blocks.push(Block::Paragraph {
        text: law.join("\n"),
        style: Style::Small,
    });
    let mut pay = Vec::new();
    if let Some(i) = &s.issuer {
        if let Some(iban) = &i.iban {
            pay.push(("IBAN".to_owned(), grouped(iban)));
        }
        if let Some(bic) = &i.bic {
            pay.push(("BIC".to_owned(), bic.clone()));
        }
    }
    pay.push((
        t("Référence à indiquer", "Payment reference"),
        number.clone(),
    ));
    let signer = s
        .issuer
        .as_ref()
        .map(|i| i.name.clone())
        .unwrap_or_default();
    blocks.push(Block::Keep(vec![
        Block::Heading(t("Paiement par virement", "Payment by bank transfer")),
        Block::KeyValues(pay),
        Block::Spacer(4.0),
        Block::Paragraph {
            text: format!(
                "{}\n{signer}",
                t(
                    "Veuillez agréer mes salutations distinguées.",
                    "Yours faithfully,"
                )
            ),
            style: Style::Normal,
        },
    ]));
    pdf::Document {
        title: format!("{heading} — {number}"),
        lang: if lang == Language::En { "en" } else { "fr" },
        date: crate::status::parse_date(&r.date).unwrap_or_default(),
        logo: None,
        footer: footer(s, lang),
        page_label: "Page {i}/{n}".into(),
        running_head: Some(format!("{heading} — {number} — page {{i}}/{{n}}")),
        blocks,
    }
}

fn notice_days(r: &Reminder) -> i64 {
    match (
        r.deadline.as_deref().and_then(crate::status::parse_date),
        crate::status::parse_date(&r.date),
    ) {
        (Some(d), Some(on)) => (d - on).num_days(),
        _ => 0,
    }
}

/// The PDF of a logged reminder and the file name to propose for it.
pub fn pdf(conn: &Connection, reminder_id: i64) -> Result<(Vec<u8>, String)> {
    let r = get(conn, reminder_id)?;
    let s = snapshot_for(
        conn,
        r.document_id,
        crate::status::parse_date(&r.date).unwrap_or_default(),
    )?;
    let name = safe_file_name(&format!(
        "{} {} - {} - {}",
        title(r.kind, s.lang()),
        r.number,
        s.client.name,
        r.date
    ));
    Ok((pdf::render(&document(&s, &r))?, name))
}

/// A `mailto:` URL for a logged reminder, in the client's language; `attachment`
/// is where she saved its PDF, named in the body so she attaches it.
pub fn mailto(conn: &Connection, reminder_id: i64, attachment: Option<&str>) -> Result<String> {
    let r = get(conn, reminder_id)?;
    let s = snapshot_for(
        conn,
        r.document_id,
        crate::status::parse_date(&r.date).unwrap_or_default(),
    )?;
    let Some(to) = s.client.email.clone() else {
        return Err(Error::field(
            "client.email",
            "client_has_no_email",
            "the client has no e-mail address",
        ));
    };
    let lang = s.lang();
    let m = |c: i64| money(c, &r.currency, lang);
    let from = s
        .issuer
        .as_ref()
        .map(|i| i.name.clone())
        .unwrap_or_default();
    let greeting = match (&s.client.contact_name, lang) {
        (Some(c), Language::Fr) => format!("Bonjour {c},"),
        (Some(c), Language::En) => format!("Hello {c},"),
        (None, Language::Fr) => "Bonjour,".to_owned(),
        (None, Language::En) => "Hello,".to_owned(),
    };
    let due = s
        .due_date
        .as_deref()
        .map(|d| date_iso(d, lang))
        .unwrap_or_default();
    let n = &r.number;
    let main =
        match (r.kind, lang) {
            (ReminderKind::FormalNotice, Language::Fr) => format!(
            "Malgré mes relances, la facture {n} (échéance {due}) reste impayée. Vous trouverez \
             ci-joint une mise en demeure de régler {} au plus tard le {}.",
            m(r.amount_due + r.penalties + r.indemnity),
            r.deadline.as_deref().map(|d| date_iso(d, lang)).unwrap_or_default()
        ),
            (ReminderKind::FormalNotice, Language::En) => format!(
            "Despite my reminders, invoice {n} (due {due}) is still unpaid. Please find attached \
             a formal notice to pay {} no later than {}.",
            m(r.amount_due + r.penalties + r.indemnity),
            r.deadline.as_deref().map(|d| date_iso(d, lang)).unwrap_or_default()
        ),
            (_, Language::Fr) => format!(
            "Sauf erreur de ma part, la facture {n} arrivée à échéance le {due} reste à régler \
             ({} dus, {} jours de retard). Vous trouverez ci-joint la relance correspondante.",
            m(r.amount_due),
            r.days_late
        ),
            (_, Language::En) => format!(
            "Unless I am mistaken, invoice {n}, due on {due}, is still unpaid ({} due, {} days \
             late). Please find the reminder attached.",
            m(r.amount_due),
            r.days_late
        ),
        };
    let attached = attachment
        .map(|p| format!("\n\n{} {p}", pick(lang, "Pièce jointe :", "Attachment:")))
        .unwrap_or_default();
    let closing = pick(lang, "Belle journée,", "Best regards,");
    let body = format!("{greeting}\n\n{main}{attached}\n\n{closing}\n{from}");
    let subject = format!(
        "{} – {} {n} – {from}",
        title(r.kind, lang),
        pick(lang, "facture", "invoice")
    );
    Ok(format!(
        "mailto:{}?subject={}&body={}",
        encode(&to),
        encode(&subject),
        encode(&body)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn penalties_at_twelve_fifteen_percent() {
        // 1 000,00 € at 12,15 % for 30 days: 1000 × 0,1215 × 30 / 365 = 9,986… → 9,99 €.
        assert_eq!(penalties(100_000, 1215, 30), 999);
        assert_eq!(penalties(100_000, 1215, 0), 0);
        assert_eq!(penalties(0, 1215, 10), 0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(crate::testing::cases(256)))]
        #[test]
        fn penalties_are_amount_rate_days_over_365_to_the_cent(
            amount in 1i64..100_000_000, bps in 0i64..5000, days in 1i64..2000,
        ) {
            let p = penalties(amount, bps, days);
            // Exact value in hundred-thousandths of a cent, compared with rounding.
            let exact = amount as f64 * bps as f64 * days as f64 / (10_000.0 * 365.0);
            prop_assert!((p as f64 - exact).abs() <= 0.5 + 1e-6, "{p} vs {exact}");
            // And never a float in the engine: the same integer rule, written out.
            let num = amount as i128 * bps as i128 * days as i128;
            prop_assert_eq!(p as i128, (2 * num + 3_650_000) / 7_300_000);
        }
    }
}
