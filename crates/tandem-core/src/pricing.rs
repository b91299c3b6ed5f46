//! The four ways a collaboration is paid, and what follows from each.
//!
//! A collaboration has exactly one [`Pricing`]; the enum makes any other state
//! unrepresentable in Rust, and the database's CHECK constraint does the same for
//! SQL. Derived figures (value of a bank of hours, effective hourly rate of a flat
//! fee) are computed here, exactly, never stored.

use crate::catalog::{PricingModel, UnusedHours};
use serde::Serialize;

/// Bounds that catch typos without limiting real businesses.
pub mod limits {
    /// 0,01 € to 2 000 € an hour.
    pub const HOURLY_RATE: std::ops::RangeInclusive<i64> = 1..=200_000;
    /// Up to 744 hours a month (31 × 24), in minutes.
    pub const MONTHLY_MINUTES: std::ops::RangeInclusive<i64> = 1..=744 * 60;
    /// Up to 1 000 000 € a month.
    pub const MONTHLY_AMOUNT: std::ops::RangeInclusive<i64> = 1..=100_000_000;
    /// Up to 10 000 000 € for a project.
    pub const PROJECT_AMOUNT: std::ops::RangeInclusive<i64> = 1..=1_000_000_000;
    /// A fixed part may be zero (commission only).
    pub const FIXED_AMOUNT: std::ops::RangeInclusive<i64> = 0..=100_000_000;
    /// 0,01 % to 100 %.
    pub const COMMISSION_BPS: std::ops::RangeInclusive<i64> = 1..=10_000;
    /// A cap on the commission, up to 10 000 000 €.
    pub const CAP: std::ops::RangeInclusive<i64> = 1..=1_000_000_000;
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "model", rename_all = "snake_case")]
pub enum Pricing {
    /// Billed by the hour, optionally against a monthly bank of hours.
    Hourly {
        hourly_rate_cents: i64,
        monthly_hours_minutes: Option<i64>,
        /// Rate for hours beyond the bank (the hourly rate when absent).
        overage_rate_cents: Option<i64>,
        unused_hours: UnusedHours,
    },
    /// A fixed amount per month, with indicative hours to show the effective rate.
    MonthlyFlat {
        monthly_amount_cents: i64,
        indicative_hours_minutes: Option<i64>,
    },
    /// A fixed price for a bounded project, with an optional deposit (acompte).
    ProjectFlat {
        project_amount_cents: i64,
        deposit_cents: Option<i64>,
    },
    /// A fixed monthly part plus a percentage of the client's revenue, optionally capped.
    FixedPlusCommission {
        fixed_amount_cents: i64,
        commission_bps: i64,
        commission_cap_cents: Option<i64>,
    },
}

/// Rounds `num / den` to the nearest integer, halves away from zero (the usual
/// commercial rounding of a cent). `den` must be positive.
pub fn div_round(num: i128, den: i128) -> i128 {
    debug_assert!(den > 0);
    let q = num / den;
    let r = num % den;
    if 2 * r.abs() >= den {
        q + num.signum()
    } else {
        q
    }
}

impl Pricing {
    pub fn model(&self) -> PricingModel {
        match self {
            Pricing::Hourly { .. } => PricingModel::Hourly,
            Pricing::MonthlyFlat { .. } => PricingModel::MonthlyFlat,
            Pricing::ProjectFlat { .. } => PricingModel::ProjectFlat,
            Pricing::FixedPlusCommission { .. } => PricingModel::FixedPlusCommission,
        }
    }

    /// The monthly value of a bank of hours: rate × hours, rounded to the cent.
    pub fn monthly_value_cents(&self) -> Option<i64> {
        match *self {
            Pricing::Hourly {
                hourly_rate_cents,
                monthly_hours_minutes: Some(m),
                ..
            } => Some(div_round(i128::from(hourly_rate_cents) * i128::from(m), 60) as i64),
            _ => None,
        }
    }

    /// What a monthly flat fee pays per indicative hour, rounded to the cent.
    pub fn effective_hourly_rate_cents(&self) -> Option<i64> {
        match *self {
            Pricing::MonthlyFlat {
                monthly_amount_cents,
                indicative_hours_minutes: Some(m),
            } => Some(div_round(i128::from(monthly_amount_cents) * 60, i128::from(m)) as i64),
            _ => None,
        }
    }

    /// What a fixed-plus-commission collaboration earns in a month where the client
    /// made `revenue_cents`: the fixed part plus the (capped) commission, to the cent.
    pub fn commission_month_cents(&self, revenue_cents: i64) -> Option<i64> {
        match *self {
            Pricing::FixedPlusCommission {
                fixed_amount_cents,
                commission_bps,
                commission_cap_cents,
            } => {
                let commission = div_round(
                    i128::from(revenue_cents.max(0)) * i128::from(commission_bps),
                    10_000,
                ) as i64;
                let commission = commission_cap_cents.map_or(commission, |cap| commission.min(cap));
                Some(fixed_amount_cents + commission)
            }
            _ => None,
        }
    }
}

/// [`Pricing`] as sent to the UI, with the derived figures alongside.
#[derive(Debug, Clone, Serialize)]
pub struct PricingView {
    #[serde(flatten)]
    pub pricing: Pricing,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monthly_value_cents: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_hourly_rate_cents: Option<i64>,
}

impl From<Pricing> for PricingView {
    fn from(pricing: Pricing) -> Self {
        Self {
            monthly_value_cents: pricing.monthly_value_cents(),
            effective_hourly_rate_cents: pricing.effective_hourly_rate_cents(),
            pricing,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn derived_figures() {
        let bank = Pricing::Hourly {
            hourly_rate_cents: 4500,
            monthly_hours_minutes: Some(10 * 60 + 30),
            overage_rate_cents: None,
            unused_hours: UnusedHours::Lost,
        };
        assert_eq!(bank.monthly_value_cents(), Some(47_250));
        let flat = Pricing::MonthlyFlat {
            monthly_amount_cents: 100_000,
            indicative_hours_minutes: Some(30 * 60),
        };
        // 1 000 € / 30 h = 33,333… → 33,33 €
        assert_eq!(flat.effective_hourly_rate_cents(), Some(3333));
        let flat2 = Pricing::MonthlyFlat {
            monthly_amount_cents: 100_000,
            indicative_hours_minutes: Some(24 * 60),
        };
        // 1 000 € / 24 h = 41,6666… → 41,67 €
        assert_eq!(flat2.effective_hourly_rate_cents(), Some(4167));
        let commission = Pricing::FixedPlusCommission {
            fixed_amount_cents: 50_000,
            commission_bps: 1000,
            commission_cap_cents: Some(100_000),
        };
        assert_eq!(
            commission.commission_month_cents(123_456),
            Some(50_000 + 12_346)
        );
        assert_eq!(
            commission.commission_month_cents(10_000_000),
            Some(150_000),
            "capped"
        );
        assert_eq!(flat.commission_month_cents(1), None);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(div_round(5, 10), 1);
        assert_eq!(div_round(4, 10), 0);
        assert_eq!(div_round(-5, 10), -1);
        assert_eq!(div_round(15, 10), 2);
    }

    proptest! {
        /// The effective hourly rate, multiplied back by the indicative hours, lands
        /// within half a cent per hour of the monthly amount.
        #[test]
        fn effective_rate_is_exact_to_the_cent(amount in limits::MONTHLY_AMOUNT, minutes in limits::MONTHLY_MINUTES) {
            let p = Pricing::MonthlyFlat { monthly_amount_cents: amount, indicative_hours_minutes: Some(minutes) };
            let rate = p.effective_hourly_rate_cents().unwrap();
            // |rate × minutes / 60 − amount| ≤ ½ cent × hours
            let diff = (i128::from(rate) * i128::from(minutes) - i128::from(amount) * 60).abs();
            prop_assert!(diff * 2 <= i128::from(minutes));
        }

        /// A bank's value is monotonic in hours and rate and exact for whole hours.
        #[test]
        fn bank_value(rate in limits::HOURLY_RATE, hours in 1i64..=744) {
            let p = |m| Pricing::Hourly { hourly_rate_cents: rate, monthly_hours_minutes: Some(m), overage_rate_cents: None, unused_hours: UnusedHours::CarriedOver };
            prop_assert_eq!(p(hours * 60).monthly_value_cents(), Some(rate * hours));
            prop_assert!(p(hours * 60 - 1).monthly_value_cents() <= p(hours * 60).monthly_value_cents());
        }

        /// Commission never exceeds its cap and never makes the month negative.
        #[test]
        fn commission_bounded(fixed in limits::FIXED_AMOUNT, bps in limits::COMMISSION_BPS, cap in proptest::option::of(limits::CAP), revenue in -1_000_000_000i64..10_000_000_000) {
            let p = Pricing::FixedPlusCommission { fixed_amount_cents: fixed, commission_bps: bps, commission_cap_cents: cap };
            let month = p.commission_month_cents(revenue).unwrap();
            prop_assert!(month >= fixed);
            if let Some(cap) = cap { prop_assert!(month - fixed <= cap); }
        }
    }
}
