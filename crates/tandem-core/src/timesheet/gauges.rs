//! How full a month is: a bank of hours against the billable hours worked (with
//! the hours carried over from the month before), or a flat fee's indicative
//! hours against the hours worked, with the effective hourly rate so far.
//!
//! Reads `time_months` (kept by triggers), never every entry: a bank's month
//! depends on every month before it since the collaboration started, which is a
//! few dozen rows there and tens of thousands in `time_entries`.

use super::{month_bounds, month_of, next_month};
use crate::catalog::{BankLevel, UnusedHours};
use crate::collaborations::Collaboration;
use crate::error::Result;
use crate::pricing::{bank_months, div_round, BankMonth, Pricing};
use rusqlite::{params, Connection};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GaugeKind {
    /// `hourly` with a monthly bank.
    Bank,
    /// `monthly_flat` with indicative hours.
    Indicative,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gauge {
    pub kind: GaugeKind,
    pub month: String,
    /// The bank, or the indicative hours.
    pub bank_minutes: i64,
    /// Carried over from the month before (banks under `carried_over` only).
    pub carried_minutes: i64,
    pub used_minutes: i64,
    pub available_minutes: i64,
    /// Used of available, in whole percent (rounded down: 79,9 % is not 80 %).
    pub percent: i64,
    pub level: BankLevel,
    /// Hours beyond what is available: billed at the overage rate (banks).
    pub overage_minutes: i64,
    /// What the flat fee pays per hour worked so far (indicative hours only).
    pub effective_rate_cents: Option<i64>,
    /// What this month would carry into the next if it ended now.
    pub carries_minutes: i64,
}

/// Billable minutes of each month from `from` to `to` ("YYYY-MM", both included),
/// one number per month, zero where nothing was worked.
pub fn minutes_by_month(
    conn: &Connection,
    collaboration_id: i64,
    from: &str,
    to: &str,
) -> Result<Vec<i64>> {
    let mut st = conn.prepare_cached(
        "SELECT month, billable_minutes FROM time_months
          WHERE collaboration_id = ?1 AND month BETWEEN ?2 AND ?3 ORDER BY month",
    )?;
    let stored: Vec<(String, i64)> = st
        .query_map(params![collaboration_id, from, to], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    let mut month = from.to_owned();
    let mut it = stored.into_iter().peekable();
    while month.as_str() <= to {
        let used = match it.peek() {
            Some((m, v)) if *m == month => {
                let v = *v;
                it.next();
                v
            }
            _ => 0,
        };
        out.push(used);
        match next_month(&month) {
            Some(n) => month = n,
            None => break,
        }
    }
    Ok(out)
}

/// The bank's month `month` ("YYYY-MM"), with what the months since the
/// collaboration started carried into it.
pub fn bank_month(conn: &Connection, k: &Collaboration, month: &str) -> Result<Option<BankMonth>> {
    let Pricing::Hourly {
        monthly_hours_minutes: Some(bank),
        unused_hours,
        ..
    } = k.pricing.pricing
    else {
        return Ok(None);
    };
    // The first month of the bank: the collaboration's start, or its first hours.
    let first = match k.start_date {
        Some(d) => month_of(d),
        None => conn
            .query_row(
                "SELECT MIN(month) FROM time_months WHERE collaboration_id = ?1",
                [k.id],
                |r| r.get::<_, Option<String>>(0),
            )?
            .unwrap_or_else(|| month.to_owned()),
    };
    let first = if first.as_str() > month {
        month.to_owned()
    } else {
        first
    };
    // Lost hours make every month stand alone.
    let from = if unused_hours == UnusedHours::Lost {
        month.to_owned()
    } else {
        first
    };
    let used = minutes_by_month(conn, k.id, &from, month)?;
    Ok(bank_months(bank, unused_hours, &used).last().copied())
}

fn level(used: i64, available: i64) -> (i64, BankLevel) {
    if available <= 0 {
        return (0, BankLevel::Ok);
    }
    let percent = (i128::from(used) * 100 / i128::from(available)) as i64;
    let level = if used >= available {
        BankLevel::Alert
    } else if used * 10 >= available * 8 {
        BankLevel::Warning
    } else {
        BankLevel::Ok
    };
    (percent, level)
}

/// The gauge of `month` for a collaboration that has one (a bank, or indicative
/// hours); `None` for the others.
pub fn gauge(conn: &Connection, k: &Collaboration, month: &str) -> Result<Option<Gauge>> {
    if month_bounds(month).is_none() {
        return Err(crate::Error::field(
            "month",
            "invalid_month",
            "a month is YYYY-MM",
        ));
    }
    match k.pricing.pricing {
        Pricing::Hourly { unused_hours, .. } => {
            let Some(m) = bank_month(conn, k, month)? else {
                return Ok(None);
            };
            let (percent, level) = level(m.used_minutes, m.available_minutes());
            Ok(Some(Gauge {
                kind: GaugeKind::Bank,
                month: month.to_owned(),
                bank_minutes: m.bank_minutes,
                carried_minutes: m.carried_minutes,
                used_minutes: m.used_minutes,
                available_minutes: m.available_minutes(),
                percent,
                level,
                overage_minutes: m.overage_minutes(),
                effective_rate_cents: None,
                carries_minutes: m.carries(unused_hours),
            }))
        }
        Pricing::MonthlyFlat {
            monthly_amount_cents,
            indicative_hours_minutes: Some(hours),
        } => {
            let used = minutes_by_month(conn, k.id, month, month)?[0];
            let (percent, level) = level(used, hours);
            Ok(Some(Gauge {
                kind: GaugeKind::Indicative,
                month: month.to_owned(),
                bank_minutes: hours,
                carried_minutes: 0,
                used_minutes: used,
                available_minutes: hours,
                percent,
                level,
                overage_minutes: (used - hours).max(0),
                effective_rate_cents: (used > 0).then(|| {
                    div_round(i128::from(monthly_amount_cents) * 60, i128::from(used)) as i64
                }),
                carries_minutes: 0,
            }))
        }
        _ => Ok(None),
    }
}
