//! The legal rates a late-payment penalty is measured against (C. com. art.
//! L441-10 II), kept as dated rows in `legal_rates` because they change every
//! half-year:
//!
//! - the floor: three times the legal interest rate for professionals (« taux de
//!   l'intérêt légal », set each half-year by arrêté) — an agreed rate below it is
//!   void, so the profile refuses it;
//! - the usual default when nothing else is agreed: the ECB's main refinancing
//!   rate plus 10 points, which the profile form suggests.

use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

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
        Some(PenaltyRates {
            from: NaiveDate::parse_from_str(&from, "%Y-%m-%d").ok()?,
            interest_bps,
            ecb_bps,
            floor_bps: 3 * interest_bps,
            suggested_bps: ecb_bps + 1000,
        })
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
}
