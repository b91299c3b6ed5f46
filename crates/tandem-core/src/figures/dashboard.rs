//! The home screen's figures (DESIGN §2 "Key figures"), read in one call and fast
//! at any size of history: each query reads a covering index over the last twelve
//! months, or the few open receivables, never ten years of documents.
//!
//! Every figure carries what the UI needs to open the list behind it (a month,
//! a status, a client), so a figure is always a link.

use super::urssaf::{self, Period};
use super::{iso, PAYMENTS, SHARE_SQL};
use crate::catalog::{Code, CollaborationStatus};
use crate::db::Connection;
use crate::documents::reminders::{self, Overdue};
use crate::settings::figures::{self as config, Config};
use crate::timesheet::gauges::{self, Gauge};
use crate::timesheet::month_of;
use crate::Result;
use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthFigure {
    /// "2026-03".
    pub month: String,
    /// Invoices and deposit invoices issued that month, less its credit notes,
    /// excluding VAT, in euros.
    pub invoiced: i64,
    /// Payments received that month, their share excluding VAT, in euros.
    pub collected: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Amount {
    pub currency: String,
    pub cents: i64,
}

/// Money owed: how many invoices, and how much in each currency (incl. VAT).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Owed {
    pub count: i64,
    pub amounts: Vec<Amount>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quotes {
    /// The twelve months counted, first and last day.
    pub from: String,
    pub to: String,
    /// Quotes finalized (sent) in those months, whatever became of them.
    pub sent: i64,
    pub accepted: i64,
    /// Accepted ÷ sent in basis points; none when nothing was sent.
    pub rate_bps: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bank {
    pub collaboration_id: i64,
    pub title: String,
    pub client_name: String,
    pub gauge: Gauge,
}

/// What a client's work paid per hour over the twelve months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientRate {
    pub client_id: i64,
    pub client_name: String,
    /// Collected from the client, excluding VAT, in euros.
    pub collected: i64,
    /// Hours logged for the client (minutes), billable or not.
    pub minutes: i64,
    /// collected ÷ hours, in cents per hour; none without hours (« — »).
    pub rate_cents: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ThresholdKind {
    /// The VAT franchise (CGI art. 293 B), with its tolerance.
    VatFranchise,
    /// The micro-entrepreneur ceiling (CGI art. 50-0).
    MicroCeiling,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Ok,
    /// From 80 % of the threshold.
    Warning,
    /// At or over the threshold.
    Crossed,
    /// At or over the tolerance (the franchise's « seuil majoré »).
    Over,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Threshold {
    pub kind: ThresholdKind,
    pub year: i32,
    pub limit: i64,
    pub tolerance: Option<i64>,
    /// Revenue collected this calendar year, excluding VAT, in euros.
    pub collected: i64,
    /// collected ÷ limit, whole percent rounded down.
    pub percent: i64,
    pub level: Level,
    /// The day the year's collected revenue passed the limit (and the tolerance).
    pub crossed_on: Option<String>,
    pub tolerance_crossed_on: Option<String>,
    /// At the pace of the year so far, the day it would pass the limit, if this
    /// year (the tolerance's day once the limit is passed).
    pub projected_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dashboard {
    pub today: String,
    /// The twelve months to this one, oldest first.
    pub months: Vec<MonthFigure>,
    pub outstanding: Owed,
    pub overdue: Owed,
    pub quotes: Quotes,
    pub banks: Vec<Bank>,
    pub rates: Vec<ClientRate>,
    pub thresholds: Vec<Threshold>,
    pub urssaf: Period,
    /// Overdue invoices whose next reminder the schedule says is due: the
    /// [`DUE_SHOWN`] most late, and how many there are in all.
    pub reminders_due: Vec<Overdue>,
    pub reminders_due_count: i64,
    /// Payments of the twelve months in other currencies than the euro: not in
    /// the euro figures, counted so the screen says so.
    pub other_currency_payments: i64,
}

/// Payments of one day from one client, as the figures add them up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paid {
    pub date: String,
    pub client_id: i64,
    pub client_name: String,
    /// In euros: counted. Else only reported as not counted.
    pub euros: bool,
    /// Their shares excluding VAT.
    pub share: i64,
    pub count: i64,
}

/// The payments received from `from` to `to`, by day, client and « in euros »:
/// one pass over the payments' date index and the documents' money index.
pub fn paid_in(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<Paid>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT p.date, d.client_id, c.name, d.currency = 'EUR', SUM({SHARE_SQL}), count(*)
           FROM {PAYMENTS} JOIN clients c ON c.id = d.client_id
          WHERE p.date BETWEEN ?1 AND ?2
          GROUP BY p.date, d.client_id, d.currency = 'EUR'
          ORDER BY p.date"
    ))?;
    let rows = st.query_map([iso(from), iso(to)], |r| {
        Ok(Paid {
            date: r.get(0)?,
            client_id: r.get(1)?,
            client_name: r.get(2)?,
            euros: r.get(3)?,
            share: r.get(4)?,
            count: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The first day of the month eleven months before `today`'s.
fn window_start(today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .and_then(|d| d.checked_sub_months(Months::new(11)))
        .unwrap_or(today)
}

/// How many due reminders the dashboard lists (Relances has them all).
pub const DUE_SHOWN: usize = 8;

pub fn dashboard(conn: &Connection, today: NaiveDate) -> Result<Dashboard> {
    let k = config::get(conn)?;
    let mut due: Vec<Overdue> = reminders::overdue(conn, today)?
        .into_iter()
        .filter(|o| o.next_due)
        .collect();
    let due_count = due.len() as i64;
    due.truncate(DUE_SHOWN);
    let from = window_start(today);
    // The twelve months' payments, read once for the months, the rates and the
    // ceilings (the calendar year is inside the twelve months).
    let paid = paid_in(conn, from, today)?;
    Ok(Dashboard {
        today: iso(today),
        months: months(conn, from, today, &paid)?,
        outstanding: owed(conn, None)?,
        overdue: owed(conn, Some(today))?,
        quotes: quotes(conn, from, today)?,
        banks: banks(conn, today)?,
        rates: rates(conn, from, today, &paid)?,
        thresholds: thresholds(&k, today, &paid),
        urssaf: urssaf::next(conn, today)?,
        reminders_due: due,
        reminders_due_count: due_count,
        other_currency_payments: paid.iter().filter(|x| !x.euros).map(|x| x.count).sum(),
    })
}

pub fn months(
    conn: &Connection,
    from: NaiveDate,
    today: NaiveDate,
    paid: &[Paid],
) -> Result<Vec<MonthFigure>> {
    let mut by: BTreeMap<String, MonthFigure> = BTreeMap::new();
    let mut d = from;
    while d <= today {
        let m = month_of(d);
        by.insert(
            m.clone(),
            MonthFigure {
                month: m,
                invoiced: 0,
                collected: 0,
            },
        );
        d = d
            .checked_add_months(Months::new(1))
            .unwrap_or(NaiveDate::MAX);
    }
    let (f, t) = (iso(from), iso(today));
    let mut st = conn.prepare_cached(
        "SELECT substr(issue_date, 1, 7),
                SUM(CASE kind WHEN 'credit_note' THEN -total_excl ELSE total_excl END)
           FROM documents
          WHERE status <> 'draft' AND issue_date BETWEEN ?1 AND ?2
            AND kind IN ('invoice', 'deposit', 'credit_note') AND currency = 'EUR'
          GROUP BY 1",
    )?;
    for row in st.query_map([&f, &t], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })? {
        let (m, v) = row?;
        if let Some(x) = by.get_mut(&m) {
            x.invoiced = v;
        }
    }
    for x in paid.iter().filter(|x| x.euros) {
        if let Some(m) = by.get_mut(&x.date[..7]) {
            m.collected += x.share;
        }
    }
    Ok(by.into_values().collect())
}

/// What is owed on issued invoices: all of it, or (with `overdue_on`) what is
/// past its due date on that day — the rule of `status::shown`.
pub fn owed(conn: &Connection, overdue_on: Option<NaiveDate>) -> Result<Owed> {
    let mut st = conn.prepare_cached(
        "SELECT currency, count(*), SUM(total - settled) FROM receivables
          WHERE settled < total AND (?1 IS NULL OR due_date < ?1)
          GROUP BY currency ORDER BY currency <> 'EUR', currency",
    )?;
    let mut out = Owed::default();
    for row in st.query_map([overdue_on.map(iso)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })? {
        let (currency, count, cents) = row?;
        out.count += count;
        out.amounts.push(Amount { currency, cents });
    }
    Ok(out)
}

pub fn quotes(conn: &Connection, from: NaiveDate, today: NaiveDate) -> Result<Quotes> {
    let (sent, accepted): (i64, i64) = conn.query_row(
        "SELECT count(*), COALESCE(SUM(status = 'accepted'), 0) FROM documents
          WHERE status <> 'draft' AND issue_date BETWEEN ?1 AND ?2 AND kind = 'quote'",
        [iso(from), iso(today)],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Quotes {
        from: iso(from),
        to: iso(today),
        sent,
        accepted,
        rate_bps: (sent > 0).then(|| (accepted * 10_000 + sent / 2) / sent),
    })
}

/// This month's gauge of every active collaboration that has one (a bank of hours
/// or a flat fee's indicative hours: the models `timesheet::gauges` draws).
pub fn banks(conn: &Connection, today: NaiveDate) -> Result<Vec<Bank>> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT k.id FROM collaborations k JOIN clients c ON c.id = k.client_id
              WHERE k.status = ?1
                AND ((k.pricing_model = 'hourly' AND k.monthly_hours_minutes IS NOT NULL)
                     OR (k.pricing_model = 'monthly_flat' AND k.indicative_hours_minutes IS NOT NULL))
              ORDER BY c.name COLLATE NOCASE, k.title COLLATE NOCASE",
        )?
        .query_map([CollaborationStatus::Active.as_str()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let month = month_of(today);
    let mut out = Vec::new();
    for id in ids {
        let k = crate::collaborations::get(conn, id)?;
        if let Some(gauge) = gauges::gauge(conn, &k, &month)? {
            out.push(Bank {
                collaboration_id: id,
                title: k.title,
                client_name: k.client_name,
                gauge,
            });
        }
    }
    Ok(out)
}

/// The effective hourly rate of each client worked for or paid in the twelve
/// months: collected ÷ hours logged. Lowest rate first, so an underpriced flat fee
/// shows at the top; clients without hours last, with « — ».
pub fn rates(
    conn: &Connection,
    from: NaiveDate,
    today: NaiveDate,
    paid: &[Paid],
) -> Result<Vec<ClientRate>> {
    let mut by: BTreeMap<i64, (String, i64, i64)> = BTreeMap::new();
    for x in paid.iter().filter(|x| x.euros) {
        by.entry(x.client_id)
            .or_insert((x.client_name.clone(), 0, 0))
            .1 += x.share;
    }
    let mut st = conn.prepare_cached(
        "SELECT k.client_id, c.name, SUM(m.minutes) FROM time_months m
           JOIN collaborations k ON k.id = m.collaboration_id
           JOIN clients c ON c.id = k.client_id
          WHERE m.month BETWEEN ?1 AND ?2
          GROUP BY k.client_id",
    )?;
    for row in st.query_map([month_of(from), month_of(today)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })? {
        let (id, name, minutes) = row?;
        by.entry(id).or_insert((name, 0, 0)).2 = minutes;
    }
    let mut out: Vec<ClientRate> = by
        .into_iter()
        .filter(|(_, (_, cents, minutes))| *cents > 0 || *minutes > 0)
        .map(
            |(client_id, (client_name, collected, minutes))| ClientRate {
                client_id,
                client_name,
                collected,
                minutes,
                rate_cents: (minutes > 0).then(|| (collected * 60 + minutes / 2) / minutes),
            },
        )
        .collect();
    out.sort_by_key(|r| (r.rate_cents.is_none(), r.rate_cents, r.client_id));
    Ok(out)
}

pub fn thresholds(k: &Config, today: NaiveDate, paid: &[Paid]) -> Vec<Threshold> {
    let year = today.year();
    let jan1 = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(today);
    let dec31 = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today);
    // The year's collected revenue day by day, in date order.
    let (first, last) = (iso(jan1), iso(today));
    let mut days: Vec<(String, i64)> = Vec::new();
    for x in paid
        .iter()
        .filter(|x| x.euros && x.date >= first && x.date <= last)
    {
        match days.last_mut() {
            Some(d) if d.0 == x.date => d.1 += x.share,
            _ => days.push((x.date.clone(), x.share)),
        }
    }
    let total: i64 = days.iter().map(|d| d.1).sum();
    let crossed = |limit: i64| {
        let mut sum = 0;
        days.iter().find_map(|(d, v)| {
            sum += v;
            (sum >= limit).then(|| d.clone())
        })
    };
    let elapsed = (today - jan1).num_days() + 1;
    // At the year's pace: the day the sum reaches `limit`, if before 31 December.
    let projected = |limit: i64| -> Option<String> {
        if total <= 0 || total >= limit {
            return None;
        }
        let day =
            (i128::from(limit) * i128::from(elapsed) + i128::from(total) - 1) / i128::from(total);
        let on = jan1 + Duration::days(i64::try_from(day).ok()? - 1);
        (on <= dec31).then(|| iso(on))
    };
    let one = |kind, limit: i64, tolerance: Option<i64>| {
        let level = match tolerance {
            Some(t) if total >= t => Level::Over,
            _ if total >= limit => Level::Crossed,
            _ if total * 100 >= limit * 80 => Level::Warning,
            _ => Level::Ok,
        };
        let crossed_on = crossed(limit);
        let tolerance_crossed_on = tolerance.and_then(crossed);
        let projected_on = match (crossed_on.is_some(), tolerance) {
            (false, _) => projected(limit),
            (true, Some(t)) if tolerance_crossed_on.is_none() => projected(t),
            _ => None,
        };
        Threshold {
            kind,
            year,
            limit,
            tolerance,
            collected: total,
            percent: if limit > 0 { total * 100 / limit } else { 0 },
            level,
            crossed_on,
            tolerance_crossed_on,
            projected_on,
        }
    };
    vec![
        one(
            ThresholdKind::VatFranchise,
            k.franchise_cents,
            Some(k.franchise_tolerance_cents),
        ),
        one(ThresholdKind::MicroCeiling, k.micro_ceiling_cents, None),
    ]
}
