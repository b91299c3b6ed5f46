//! The legal rates a late-payment penalty is measured against (C. com. art.
//! L441-10 II), kept as dated rows in `legal_rates` because they change every
//! half-year:
//!
//! - the floor: three times the legal interest rate for professionals (« taux de
//!   l'intérêt légal », set each half-year by arrêté) — an agreed rate below it is
//!   void, so the profile refuses it;
//! - the usual default when nothing else is agreed: the ECB's main refinancing
//!   rate plus 10 points, which the profile form suggests.

use crate::error::{FieldError, Result};
use crate::validate::{self, Checker, Form, Need, Quantity};
use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PenaltyRates {
    /// The first day these rates apply.
    pub from: NaiveDate,
    /// The legal interest rate for professionals, in basis points.
    pub interest_bps: i64,
    /// The ECB main refinancing rate, in basis points.
    pub ecb_bps: i64,
    /// The lowest late-penalty rate the law allows: 3 × the legal interest rate.
    pub floor_bps: i64,
    /// The rate that applies when none is agreed: ECB rate + 10 points.
    pub suggested_bps: i64,
}

fn rates(from: NaiveDate, interest_bps: i64, ecb_bps: i64) -> PenaltyRates {
    PenaltyRates {
        from,
        interest_bps,
        ecb_bps,
        floor_bps: 3 * interest_bps,
        suggested_bps: ecb_bps + 1000,
    }
}

/// A half-year's rates as typed in Réglages, when the new arrêté is published.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LegalRateInput {
    /// The first day of the half-year: `YYYY-01-01` or `YYYY-07-01`.
    pub from: String,
    /// « Taux de l'intérêt légal » for professional creditors, as typed ("2,62").
    pub interest_rate: String,
    /// The ECB main refinancing rate on that day ("2,15").
    pub ecb_rate: String,
}

impl Form for LegalRateInput {
    type Parsed = Option<PenaltyRates>;
    fn check(&self, _: &Connection, _: Option<i64>, c: &mut Checker) -> Result<Self::Parsed> {
        let from = c.date("from", &self.from, Need::Required);
        if let Some(d) = from {
            if d.day() != 1 || !matches!(d.month(), 1 | 7) {
                c.push(
                    "from",
                    "not_a_half_year",
                    "the legal rates change on 1 January and 1 July",
                );
            }
        }
        let interest = c.number(
            "interest_rate",
            &self.interest_rate,
            Need::Required,
            Quantity::Percent,
            0..=10_000,
        );
        let ecb = c.number(
            "ecb_rate",
            &self.ecb_rate,
            Need::Required,
            Quantity::Percent,
            -1_000..=10_000,
        );
        Ok(match (from, interest, ecb) {
            (Some(f), Some(i), Some(e)) => Some(rates(f, i, e)),
            _ => None,
        })
    }
}

/// Field errors of the form as typed. Writes nothing.
pub fn validate(conn: &Connection, input: &LegalRateInput) -> Result<Vec<FieldError>> {
    validate::errors(conn, input, None)
}

/// Records (or corrects) a half-year's rates; every period, newest first.
pub fn save(conn: &Connection, input: &LegalRateInput) -> Result<Vec<PenaltyRates>> {
    if let Some(r) = validate::parse(conn, input, None)? {
        conn.execute(
            "INSERT INTO legal_rates (from_date, interest_bps, ecb_bps) VALUES (?1, ?2, ?3)
             ON CONFLICT(from_date) DO UPDATE SET interest_bps = excluded.interest_bps,
                                                  ecb_bps = excluded.ecb_bps",
            (
                r.from.format("%Y-%m-%d").to_string(),
                r.interest_bps,
                r.ecb_bps,
            ),
        )?;
    }
    list(conn)
}

/// Every period known, newest first.
pub fn list(conn: &Connection) -> Result<Vec<PenaltyRates>> {
    let mut stmt = conn.prepare_cached(
        "SELECT from_date, interest_bps, ecb_bps FROM legal_rates ORDER BY from_date DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (from, i, e) = row?;
        if let Ok(d) = NaiveDate::parse_from_str(&from, "%Y-%m-%d") {
            out.push(rates(d, i, e));
        }
    }
    Ok(out)
}

/// The rates in force on `day`: the latest row starting on or before it. `None`
/// before the first known period (then no floor is enforced).
pub fn in_force(conn: &Connection, day: NaiveDate) -> Result<Option<PenaltyRates>> {
    let iso = day.format("%Y-%m-%d").to_string();
    let row: Option<(String, i64, i64)> = conn
        .query_row(
            "SELECT from_date, interest_bps, ecb_bps FROM legal_rates
              WHERE from_date <= ?1 ORDER BY from_date DESC LIMIT 1",
            [iso],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(row.and_then(|(from, interest_bps, ecb_bps)| {
        let from = NaiveDate::parse_from_str(&from, "%Y-%m-%d").ok()?;
        Some(rates(from, interest_bps, ecb_bps))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{day, temp_db};

    #[test]
    fn the_floor_follows_the_half_year() {
        let t = temp_db();
        let r = |d: &str| t.db.read(|c| in_force(c, day(d))).unwrap();
        assert_eq!(r("2020-01-01"), None);
        let s2_2025 = r("2025-12-31").unwrap();
        assert_eq!((s2_2025.floor_bps, s2_2025.suggested_bps), (828, 1215));
        let s1_2026 = r("2026-01-01").unwrap();
        assert_eq!(s1_2026.floor_bps, 786, "3 × 2,62 %");
        assert_eq!(r("2026-12-02").unwrap().from, day("2026-01-01"));
    }

    #[test]
    fn a_new_half_year_is_recorded_and_a_bad_one_refused() {
        let t = temp_db();
        let input = LegalRateInput {
            from: "2026-07-01".into(),
            interest_rate: "2,50".into(),
            ecb_rate: "2,15".into(),
        };
        let all = t.db.write(|tx| save(tx, &input)).unwrap();
        assert_eq!(all[0].from, day("2026-07-01"));
        assert_eq!(all[0].floor_bps, 750);
        let now =
            t.db.read(|c| in_force(c, day("2026-12-02")))
                .unwrap()
                .unwrap();
        assert_eq!(now.floor_bps, 750, "the new period applies from 1 July");
        let bad = LegalRateInput {
            from: "2026-08-15".into(),
            interest_rate: "-1".into(),
            ..input
        };
        let err = t.db.write(|tx| save(tx, &bad)).unwrap_err();
        let codes: Vec<_> = err.field_errors().iter().map(|e| e.code).collect();
        assert_eq!(codes, ["not_a_half_year", "out_of_range"]);
        assert_eq!(t.db.read(list).unwrap().len(), 5, "nothing written");
    }
}
