//! « Facturer le mois », « Facturer le jalon » and « Fin de mois »: the work of a
//! month becomes a DRAFT invoice of the documents engine, with nothing typed twice.
//!
//! A month's charges are the pricing model's rule (`pricing::Pricing::
//! month_charges`) over what `timesheet` knows (billable unbilled minutes per task,
//! the bank's carry-over); this module words them in the client's language and
//! currency, creates the draft through `documents::create` (the same checks as
//! the editor), attaches the month's entries to it and records the month in
//! `billings`, whose primary key refuses billing a collaboration's month twice —
//! even when two billings race. Deleting the draft frees both; issuing it freezes
//! the entries (database triggers). Everything else about the draft is the
//! documents engine's.

use crate::catalog::{Code, CollaborationStatus, Language, PricingModel, TaskArea};
use crate::collaborations::{self, Collaboration};
use crate::documents::{self, Document, DocumentInput, LineInput};
use crate::error::{Error, Result};
use crate::locale;
use crate::milestones;
use crate::pricing::{Charge, MonthFacts, Pricing};
use crate::timesheet::gauges::{self, Gauge};
use crate::timesheet::{month_bounds, month_of};
use crate::validate::{parse_amount, Scaled};
use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// At most 100 million a month: a revenue beyond it is a typo.
const MAX_REVENUE_CENTS: i64 = 10_000_000_000;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BillMonthInput {
    pub collaboration_id: i64,
    /// "YYYY-MM".
    pub month: String,
    /// Hourly without a bank: one line per task area instead of one line.
    pub per_task: bool,
    /// Fixed plus commission: the client's revenue of the month, as typed.
    pub revenue: String,
}

/// Where a collaboration's month stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    /// A draft can be made now.
    Ready,
    /// A draft or an invoice already bills it (`document_id`).
    Billed,
    /// Fixed plus commission: the client's revenue is asked first.
    NeedsRevenue,
    /// Nothing to bill (`reason` says why).
    Nothing,
}

/// What billing a month would make: the preview of the dialog and of a « Fin de
/// mois » row.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MonthPlan {
    pub collaboration_id: i64,
    pub collaboration_title: String,
    pub client_id: i64,
    pub client_name: String,
    pub currency: String,
    pub model: PricingModel,
    pub month: String,
    /// Billable minutes of the month not yet on a document.
    pub unbilled_minutes: i64,
    /// Every billable minute of the month.
    pub worked_minutes: i64,
    pub gauge: Option<Gauge>,
    pub charges: Vec<Charge>,
    /// The lines as the invoice will word them.
    pub lines: Vec<String>,
    pub total_excl: i64,
    pub state: PlanState,
    /// Why there is nothing to bill: an error code the UI translates.
    pub reason: Option<&'static str>,
    pub document_id: Option<i64>,
    pub document_number: Option<String>,
    /// The revenue typed for this month, when it was billed.
    pub revenue_cents: Option<i64>,
    /// Project flat fee: the next milestone, billed with « Facturer le jalon ».
    pub next_milestone: Option<milestones::Milestone>,
}

/// The month « Facturer le mois » proposes: the previous one during the first ten
/// days of a month (she bills November on 3 December), else the current one.
pub fn default_month(today: NaiveDate) -> String {
    if today.day() <= 10 {
        month_of(today.with_day(1).unwrap_or(today) - Days::new(1))
    } else {
        month_of(today)
    }
}

fn invalid(field: &str, code: &'static str, message: &str) -> Error {
    Error::field(field, code, message)
}

fn parse_revenue(text: &str) -> Result<Option<i64>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match parse_amount(text) {
        Ok(c) if (0..=MAX_REVENUE_CENTS).contains(&c) => Ok(Some(c)),
        Ok(_) => Err(invalid(
            "revenue",
            "revenue_out_of_range",
            "a month's revenue is 0 to 100 000 000",
        )),
        Err((code, msg)) => Err(Error::field("revenue", code, msg)),
    }
}

/// Billable minutes of the month on no document, per task area.
fn unbilled_by_task(
    conn: &Connection,
    collaboration_id: i64,
    (first, last): (NaiveDate, NaiveDate),
) -> Result<Vec<(Option<TaskArea>, i64)>> {
    let mut st = conn.prepare_cached(
        "SELECT task, SUM(minutes) FROM time_entries
          WHERE collaboration_id = ?1 AND day BETWEEN ?2 AND ?3
            AND billable = 1 AND document_id IS NULL
          GROUP BY task ORDER BY task IS NULL, MIN(day), task",
    )?;
    let rows = st
        .query_map(params![collaboration_id, first, last], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The document billing a month: its id, its number once issued, the revenue typed.
type Billed = (i64, Option<String>, Option<i64>);

/// The document billing this month of this collaboration, if any.
fn billed(conn: &Connection, collaboration_id: i64, month: &str) -> Result<Option<Billed>> {
    Ok(conn
        .query_row(
            "SELECT b.document_id, d.number, b.revenue_cents FROM billings b
               JOIN documents d ON d.id = b.document_id
              WHERE b.collaboration_id = ?1 AND b.month = ?2",
            params![collaboration_id, month],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// The plan of one month of one collaboration. `revenue` only matters for a
/// fixed plus commission.
pub fn plan(
    conn: &Connection,
    k: &Collaboration,
    month: &str,
    per_task: bool,
    revenue: Option<i64>,
    today: NaiveDate,
) -> Result<MonthPlan> {
    let bounds = month_bounds(month)
        .ok_or_else(|| invalid("month", "invalid_month", "a month is YYYY-MM"))?;
    let lang = k_lang(conn, k)?;
    let by_task = unbilled_by_task(conn, k.id, bounds)?;
    let unbilled: i64 = by_task.iter().map(|(_, m)| m).sum();
    let gauge = gauges::gauge(conn, k, month)?;
    let worked = gauges::minutes_by_month(conn, k.id, month, month)?[0];
    let facts = MonthFacts {
        minutes_by_task: by_task,
        per_task,
        carried_minutes: gauge.as_ref().map_or(0, |g| g.carried_minutes),
        revenue_cents: revenue,
    };
    let mut plan = MonthPlan {
        collaboration_id: k.id,
        collaboration_title: k.title.clone(),
        client_id: k.client_id,
        client_name: k.client_name.clone(),
        currency: k.client_currency.as_str().to_owned(),
        model: k.pricing.pricing.model(),
        month: month.to_owned(),
        unbilled_minutes: unbilled,
        worked_minutes: worked,
        gauge,
        charges: vec![],
        lines: vec![],
        total_excl: 0,
        state: PlanState::Ready,
        reason: None,
        document_id: None,
        document_number: None,
        revenue_cents: revenue,
        next_milestone: None,
    };
    let nothing = |mut p: MonthPlan, reason: &'static str| {
        p.state = PlanState::Nothing;
        p.reason = Some(reason);
        Ok(p)
    };
    if let Some((id, number, kept)) = billed(conn, k.id, month)? {
        plan.state = PlanState::Billed;
        plan.document_id = Some(id);
        plan.document_number = number;
        plan.revenue_cents = kept.or(revenue);
        return Ok(plan);
    }
    if k.client_archived {
        return nothing(plan, "client_archived");
    }
    if let Pricing::ProjectFlat { .. } = k.pricing.pricing {
        let next = milestones::list(conn, k.id)?
            .milestones
            .into_iter()
            .find(|m| m.document_id.is_none());
        plan.next_milestone = next;
        return nothing(plan, "bill_by_milestone");
    }
    let (first, last) = bounds;
    if first > today {
        return nothing(plan, "month_in_future");
    }
    if k.start_date.is_some_and(|s| s > last)
        || k.end_date.is_some_and(|e| e < first)
        || k.start_date.is_none()
    {
        return nothing(plan, "month_outside_collaboration");
    }
    if matches!(k.pricing.pricing, Pricing::FixedPlusCommission { .. }) && revenue.is_none() {
        plan.state = PlanState::NeedsRevenue;
        return Ok(plan);
    }
    plan.charges = k.pricing.pricing.month_charges(&facts);
    plan.total_excl = plan.charges.iter().map(Charge::cents).sum();
    plan.lines = plan
        .charges
        .iter()
        .map(|c| describe(c, k, month, lang))
        .collect();
    if plan.charges.is_empty() || plan.total_excl == 0 {
        let code = match k.pricing.pricing {
            Pricing::Hourly { .. } => "no_unbilled_hours",
            _ => "nothing_to_bill",
        };
        return nothing(plan, code);
    }
    Ok(plan)
}

fn k_lang(conn: &Connection, k: &Collaboration) -> Result<Language> {
    Ok(crate::clients::get(conn, k.client_id)?.doc_language)
}

/// « 12 h 30 », kept on one line.
fn hours(minutes: i64) -> String {
    locale::hours(minutes).replace(' ', "\u{a0}")
}

/// One invoice line's words, in the client's language and currency.
pub fn describe(c: &Charge, k: &Collaboration, month: &str, lang: Language) -> String {
    let (y, m) = month_bounds(month).map_or((0, 1), |(d, _)| (d.year(), d.month()));
    let period = locale::month_year(y, m, lang);
    let service = locale::service(k.role, lang);
    let cur = k.client_currency.as_str();
    let money = |cents| locale::money(cents, cur, lang);
    let fr = lang == Language::Fr;
    match *c {
        Charge::Hours {
            task,
            minutes,
            rate_cents,
            ..
        } => {
            let what = task.map_or(service, |t| locale::task_area(t, lang));
            let colon = if fr { "\u{a0}:" } else { ":" };
            format!(
                "{what} — {period}{colon} {} × {}",
                hours(minutes),
                money(rate_cents)
            )
        }
        Charge::Bank {
            minutes,
            carried_minutes,
            ..
        } => {
            let mut s = if fr {
                format!("{service} — {period}\u{a0}: forfait {}", hours(minutes))
            } else {
                format!("{service} — {period}: {} package", hours(minutes))
            };
            if carried_minutes > 0 {
                s.push_str(&if fr {
                    format!(
                        " (+ {} reportées du mois précédent)",
                        hours(carried_minutes)
                    )
                } else {
                    format!(
                        " (+ {} carried over from last month)",
                        hours(carried_minutes)
                    )
                });
            }
            s
        }
        Charge::Overage {
            minutes,
            rate_cents,
            ..
        } => {
            if fr {
                format!(
                    "Heures supplémentaires — {period}\u{a0}: {} × {}",
                    hours(minutes),
                    money(rate_cents)
                )
            } else {
                format!(
                    "Extra hours — {period}: {} × {}",
                    hours(minutes),
                    money(rate_cents)
                )
            }
        }
        Charge::Flat { .. } => {
            if fr {
                format!("{service} — {period}\u{a0}: forfait mensuel")
            } else {
                format!("{service} — {period}: monthly flat fee")
            }
        }
        Charge::Fixed { .. } => {
            if fr {
                format!("{service} — {period}\u{a0}: partie fixe")
            } else {
                format!("{service} — {period}: fixed fee")
            }
        }
        Charge::Commission {
            bps,
            revenue_cents,
            capped_at,
            ..
        } => {
            let p = locale::percent(bps, lang);
            let mut s = if fr {
                format!(
                    "Commission {p} sur un chiffre d'affaires de {} ({period})",
                    money(revenue_cents)
                )
            } else {
                format!(
                    "{p} commission on revenue of {} ({period})",
                    money(revenue_cents)
                )
            };
            if let Some(cap) = capped_at {
                s.push_str(&if fr {
                    format!(", plafonnée à {}", money(cap))
                } else {
                    format!(", capped at {}", money(cap))
                });
            }
            s
        }
    }
}

/// The preview of « Facturer le mois » for the dialog: what would be billed, or
/// why nothing would. Writes nothing.
pub fn preview(conn: &Connection, input: &BillMonthInput, today: NaiveDate) -> Result<MonthPlan> {
    let k = collaborations::get(conn, input.collaboration_id)?;
    let revenue = parse_revenue(&input.revenue)?;
    plan(conn, &k, input.month.trim(), input.per_task, revenue, today)
}

fn amount_text(cents: i64) -> String {
    Scaled(cents, 2).to_string()
}

fn line(description: String, cents: i64) -> LineInput {
    LineInput {
        description,
        quantity: "1".into(),
        unit: String::new(),
        unit_price: amount_text(cents),
        vat_rate: String::new(),
    }
}

/// The draft's header: the collaboration, its client, the period, and the last
/// exchange rate she typed for the client's currency (issuing asks for it when
/// French VAT is charged in another currency).
fn header(
    conn: &Connection,
    k: &Collaboration,
    title: String,
    period: Option<(NaiveDate, NaiveDate)>,
) -> Result<DocumentInput> {
    let rate = crate::settings::last_exchange_rate(conn, k.client_currency)?;
    Ok(DocumentInput {
        kind: "invoice".into(),
        client_id: Some(k.client_id),
        collaboration_id: Some(k.id),
        title,
        service_from: period.map(|p| p.0.to_string()).unwrap_or_default(),
        service_to: period.map(|p| p.1.to_string()).unwrap_or_default(),
        exchange_rate: rate.map(|r| Scaled(r, 6).to_string()).unwrap_or_default(),
        ..DocumentInput::default()
    })
}

/// « Facturer le mois »: a draft invoice for the month, its entries attached.
pub fn bill_month(conn: &Connection, input: &BillMonthInput, today: NaiveDate) -> Result<Document> {
    let k = collaborations::get(conn, input.collaboration_id)?;
    let month = input.month.trim();
    let revenue = parse_revenue(&input.revenue)?;
    let p = plan(conn, &k, month, input.per_task, revenue, today)?;
    match p.state {
        PlanState::Ready => {}
        PlanState::Billed => {
            return Err(invalid(
                "month",
                "month_already_billed",
                "this month is already billed",
            ))
        }
        PlanState::NeedsRevenue => {
            return Err(invalid(
                "revenue",
                "required",
                "the client's revenue of the month",
            ))
        }
        PlanState::Nothing => {
            let code = p.reason.unwrap_or("nothing_to_bill");
            let field = if code == "client_archived" {
                "collaboration_id"
            } else {
                "month"
            };
            return Err(invalid(field, code, "nothing to bill for this month"));
        }
    }
    let (first, last) =
        month_bounds(month).ok_or_else(|| invalid("month", "invalid_month", "YYYY-MM"))?;
    // The service period: the month, within the collaboration's dates.
    let from = k.start_date.map_or(first, |s| s.max(first));
    let to = k.end_date.map_or(last, |e| e.min(last));
    let lang = k_lang(conn, &k)?;
    let (y, m) = (first.year(), first.month());
    let mut input_doc = header(
        conn,
        &k,
        format!("{} — {}", k.title, locale::month_year(y, m, lang)),
        Some((from, to)),
    )?;
    input_doc.lines = p
        .charges
        .iter()
        .zip(&p.lines)
        .map(|(c, text)| line(text.clone(), c.cents()))
        .collect();
    let doc = documents::create(conn, &input_doc, today)?;
    conn.execute(
        "INSERT INTO billings (collaboration_id, month, document_id, revenue_cents) VALUES (?1, ?2, ?3, ?4)",
        params![k.id, month, doc.id, revenue],
    )
    .map_err(|e| match e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
            invalid("month", "month_already_billed", "this month is already billed")
        }
        e => e.into(),
    })?;
    conn.execute(
        "UPDATE time_entries SET document_id = ?1
          WHERE collaboration_id = ?2 AND day BETWEEN ?3 AND ?4 AND billable = 1 AND document_id IS NULL",
        params![doc.id, k.id, first, last],
    )?;
    documents::get(conn, doc.id, today)
}

/// « Facturer le jalon »: a draft invoice for the next milestone of a project
/// flat fee. The last one is the balance: the project price, less every invoice
/// of the project issued before it (deposits and milestones), so that deposit +
/// milestones + balance come to the price to the cent.
pub fn bill_milestone(
    conn: &Connection,
    collaboration_id: i64,
    today: NaiveDate,
) -> Result<Document> {
    let k = collaborations::get(conn, collaboration_id)?;
    if k.client_archived {
        return Err(invalid(
            "collaboration_id",
            "client_archived",
            "the client is archived",
        ));
    }
    let plan = milestones::list(conn, k.id)?;
    let Some(next) = plan
        .milestones
        .iter()
        .find(|m| m.document_id.is_none())
        .cloned()
    else {
        return Err(invalid(
            "milestones",
            "no_milestone_left",
            "every milestone is invoiced",
        ));
    };
    let lang = k_lang(conn, &k)?;
    let fr = lang == Language::Fr;
    let number = next.position + 1;
    let mut input = header(conn, &k, format!("{} — {}", k.title, next.label), None)?;
    input.service_from = today.min(next.planned_date.unwrap_or(today)).to_string();
    let deductions = if next.balance {
        // Every earlier invoice of the project must be issued: a draft's amount
        // could still change under the balance.
        let pending: i64 = conn.query_row(
            "SELECT COUNT(*) FROM documents WHERE collaboration_id = ?1 AND status = 'draft'
                AND kind IN ('deposit', 'invoice')",
            [k.id],
            |r| r.get(0),
        )?;
        if pending > 0 {
            return Err(invalid(
                "milestones",
                "earlier_invoice_draft",
                "issue or delete the project's draft invoices first",
            ));
        }
        let mut st = conn.prepare(
            "SELECT id FROM documents WHERE collaboration_id = ?1 AND status = 'issued'
                AND (kind = 'deposit' OR id IN (SELECT document_id FROM milestones
                                                 WHERE collaboration_id = ?1 AND document_id IS NOT NULL))
              ORDER BY year, seq",
        )?;
        let ids: Vec<i64> = st
            .query_map([k.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let price = plan.project_cents;
        input.lines = vec![line(
            if fr {
                format!("{} — solde ({})\u{a0}: prix du projet", k.title, next.label)
            } else {
                format!("{} — balance ({}): project price", k.title, next.label)
            },
            price,
        )];
        documents::deductions(conn, &ids, lang.as_str(), today)?
    } else {
        input.lines = vec![line(
            if fr {
                format!("{} — jalon {number}\u{a0}: {}", k.title, next.label)
            } else {
                format!("{} — milestone {number}: {}", k.title, next.label)
            },
            next.planned_cents,
        )];
        vec![]
    };
    let doc = documents::create(conn, &input, today)?;
    let doc = if deductions.is_empty() {
        doc
    } else {
        documents::append_lines(conn, doc.id, &deductions, today)?
    };
    if doc.totals.excl <= 0 {
        return Err(invalid(
            "milestones",
            "nothing_to_bill",
            "the project is already invoiced in full",
        ));
    }
    conn.execute(
        "UPDATE milestones SET document_id = ?1 WHERE id = ?2",
        params![doc.id, next.id],
    )?;
    Ok(doc)
}

/// « Fin de mois »: every collaboration running in the month (active, or ended
/// during it) of a client still active, with what billing it would make.
pub fn month_end(conn: &Connection, month: &str, today: NaiveDate) -> Result<Vec<MonthPlan>> {
    let (first, last) = month_bounds(month)
        .ok_or_else(|| invalid("month", "invalid_month", "a month is YYYY-MM"))?;
    let mut st = conn.prepare(
        "SELECT k.id FROM collaborations k JOIN clients c ON c.id = k.client_id
          WHERE c.archived = 0
            AND (k.status = 'active' OR (k.status = 'ended' AND k.end_date BETWEEN ?1 AND ?2)
                 OR k.id IN (SELECT collaboration_id FROM billings WHERE month = ?3))
            AND (k.start_date IS NULL OR k.start_date <= ?2)
          ORDER BY c.name COLLATE NOCASE, k.title COLLATE NOCASE, k.id",
    )?;
    let ids: Vec<i64> = st
        .query_map(params![first, last, month], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let k = collaborations::get(conn, id)?;
        let revenue = billed(conn, id, month)?.and_then(|b| b.2);
        let mut p = plan(conn, &k, month, false, revenue, today)?;
        if k.status == CollaborationStatus::Ended && p.state == PlanState::Ready {
            p.reason = Some("collaboration_ended");
        }
        out.push(p);
    }
    Ok(out)
}
