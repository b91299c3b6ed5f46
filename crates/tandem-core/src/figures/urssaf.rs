//! The micro-entrepreneur's revenue declaration (« déclaration de chiffre
//! d'affaires », CSS art. L613-7): every month or every quarter, the revenue
//! **collected** in the period (payments received, excluding VAT, « 0 » when
//! nothing), the contributions it costs, and the deadline — the last day of the
//! month after a month; 30 April, 31 July, 31 October and 31 January for the
//! quarters. « Marquer comme déclaré » keeps what was declared, and when.

use super::{collected, iso};
use crate::catalog::UrssafRhythm;
use crate::db::{Connection, NOW};
use crate::settings::figures::{self as config, Config};
use crate::{Error, Result};
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::OptionalExtension;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodState {
    /// Not over yet: the revenue so far.
    InProgress,
    /// Over, not declared, before its deadline.
    ToDeclare,
    /// Over, not declared, past its deadline.
    Late,
    Declared,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Contributions {
    pub social: i64,
    pub cfp: i64,
    /// The optional « versement libératoire », 0 when she has not opted for it.
    pub liberatory: i64,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// "2026-03" or "2026-Q1".
    pub code: String,
    pub from: String,
    pub to: String,
    pub deadline: String,
    pub state: PeriodState,
    /// Revenue collected in the period, excluding VAT, in euro cents.
    pub revenue: i64,
    pub contributions: Contributions,
    pub declared_on: Option<String>,
    /// What was declared that day (the revenue may change after, with a late payment
    /// dated in the period: the page then shows both).
    pub declared_revenue: Option<i64>,
}

fn rate(amount: i64, bps: i64) -> i64 {
    (amount * bps + 5_000) / 10_000
}

pub fn contributions(revenue: i64, k: &Config) -> Contributions {
    let social = rate(revenue, k.contribution_bps);
    let cfp = rate(revenue, k.cfp_bps);
    let liberatory = if k.liberatory {
        rate(revenue, k.liberatory_bps)
    } else {
        0
    };
    Contributions {
        social,
        cfp,
        liberatory,
        total: social + cfp + liberatory,
    }
}

/// The period `d` falls in.
pub fn code_of(rhythm: UrssafRhythm, d: NaiveDate) -> String {
    match rhythm {
        UrssafRhythm::Monthly => format!("{:04}-{:02}", d.year(), d.month()),
        UrssafRhythm::Quarterly => format!("{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
    }
}

/// The first and last day of a period, and its deadline.
pub fn bounds(code: &str) -> Option<(NaiveDate, NaiveDate, NaiveDate)> {
    let (y, rest) = code.split_once('-')?;
    let year: i32 = y.parse().ok()?;
    let (first, months) = match rest.strip_prefix('Q') {
        Some(q) => {
            let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            ((q - 1) * 3 + 1, 3)
        }
        None => (rest.parse().ok().filter(|m| (1..=12).contains(m))?, 1),
    };
    if y.len() != 4 || (months == 1 && rest.len() != 2) {
        return None;
    }
    let from = NaiveDate::from_ymd_opt(year, first, 1)?;
    let after = add_months(from, months)?;
    let to = after - Duration::days(1);
    // The last day of the month after the period.
    let deadline = add_months(after, 1)? - Duration::days(1);
    Some((from, to, deadline))
}

fn add_months(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_add_months(chrono::Months::new(n))
}

fn period(conn: &Connection, code: &str, k: &Config, today: NaiveDate) -> Result<Period> {
    let (from, to, deadline) = bounds(code).ok_or_else(|| {
        Error::field(
            "period",
            "invalid_period",
            format!("{code:?} is not a period"),
        )
    })?;
    let revenue = collected(conn, from, to.min(today))?;
    let declared: Option<(String, i64)> = conn
        .query_row(
            "SELECT declared_on, revenue FROM urssaf_declarations WHERE period = ?1",
            [code],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let state = match &declared {
        Some(_) => PeriodState::Declared,
        None if to >= today => PeriodState::InProgress,
        None if deadline < today => PeriodState::Late,
        None => PeriodState::ToDeclare,
    };
    Ok(Period {
        code: code.to_owned(),
        from: iso(from),
        to: iso(to),
        deadline: iso(deadline),
        state,
        revenue,
        contributions: contributions(revenue, k),
        declared_on: declared.as_ref().map(|d| d.0.clone()),
        declared_revenue: declared.map(|d| d.1),
    })
}

/// The periods of `year` up to the one `today` is in, latest first.
pub fn year(conn: &Connection, year: i32, today: NaiveDate) -> Result<Vec<Period>> {
    let k = config::get(conn)?;
    let mut out = Vec::new();
    let Some(mut d) = NaiveDate::from_ymd_opt(year, 1, 1) else {
        return Ok(out);
    };
    while d.year() == year && d <= today {
        let code = code_of(k.urssaf_rhythm, d);
        out.push(period(conn, &code, &k, today)?);
        d = bounds(&code).map_or(d, |b| b.1) + Duration::days(1);
    }
    out.reverse();
    Ok(out)
}

/// What the dashboard shows: the oldest period over and not declared (this year
/// or last), else the one in progress.
pub fn next(conn: &Connection, today: NaiveDate) -> Result<Period> {
    let k = config::get(conn)?;
    let start =
        first_activity(conn)?.max(NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today));
    let mut d = start.min(today);
    loop {
        let code = code_of(k.urssaf_rhythm, d);
        let p = period(conn, &code, &k, today)?;
        if matches!(
            p.state,
            PeriodState::ToDeclare | PeriodState::Late | PeriodState::InProgress
        ) {
            return Ok(p);
        }
        d = bounds(&code).map_or(today, |b| b.1) + Duration::days(1);
    }
}

/// The first day she invoiced or was paid; today when she has done neither.
fn first_activity(conn: &Connection) -> Result<NaiveDate> {
    let first: Option<String> = conn.query_row(
        "SELECT min(d) FROM (SELECT min(issue_date) AS d FROM documents WHERE status <> 'draft'
                             UNION ALL SELECT min(date) FROM payments)",
        [],
        |r| r.get(0),
    )?;
    Ok(first
        .as_deref()
        .and_then(crate::status::parse_date)
        .unwrap_or(NaiveDate::MAX))
}

/// Marks a period declared with its figures of `today`. A period not over yet is
/// refused (what she declares is the revenue of a whole period), and so is one
/// already declared.
pub fn declare(conn: &Connection, code: &str, today: NaiveDate) -> Result<Period> {
    let k = config::get(conn)?;
    let Some((from, to, _)) = bounds(code) else {
        return Err(Error::field(
            "period",
            "invalid_period",
            format!("{code:?} is not a period"),
        ));
    };
    if from > today {
        return Err(Error::field(
            "period",
            "period_in_future",
            "this period has not started",
        ));
    }
    if to >= today {
        return Err(Error::field(
            "period",
            "period_not_over",
            "this period is not over yet",
        ));
    }
    let p = period(conn, code, &k, today)?;
    if p.state == PeriodState::Declared {
        return Err(Error::field(
            "period",
            "period_declared",
            "this period is already declared",
        ));
    }
    conn.execute(
        &format!(
            "INSERT INTO urssaf_declarations (period, revenue, contributions, declared_on, created_at)
             VALUES (?1, ?2, ?3, ?4, {NOW})"
        ),
        rusqlite::params![code, p.revenue, p.contributions.total, iso(today)],
    )?;
    period(conn, code, &k, today)
}

/// Takes back a declaration marked by mistake.
pub fn undeclare(conn: &Connection, code: &str, today: NaiveDate) -> Result<Period> {
    let k = config::get(conn)?;
    conn.execute("DELETE FROM urssaf_declarations WHERE period = ?1", [code])?;
    period(conn, code, &k, today)
}
