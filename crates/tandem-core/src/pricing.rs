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

/// One month of a bank of hours: what it holds and what was used of it.
///
/// Hours used are taken from the carried-over hours first (they expire at the end
/// of the month), then from the bank. Under [`UnusedHours::CarriedOver`] what is
/// left of the *bank* rolls into the next month only — a one-month roll-over: hours
/// carried in and unused again are lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BankMonth {
    pub bank_minutes: i64,
    pub carried_minutes: i64,
    pub used_minutes: i64,
}

impl BankMonth {
    pub fn available_minutes(&self) -> i64 {
        self.bank_minutes + self.carried_minutes
    }
    /// Hours beyond the bank and the carried-over hours: billed at the overage rate.
    pub fn overage_minutes(&self) -> i64 {
        (self.used_minutes - self.available_minutes()).max(0)
    }
    /// What this month leaves to the next under `rule`.
    pub fn carries(&self, rule: UnusedHours) -> i64 {
        match rule {
            UnusedHours::Lost => 0,
            UnusedHours::CarriedOver => {
                let from_bank = (self.used_minutes - self.carried_minutes).max(0);
                (self.bank_minutes - from_bank).max(0)
            }
        }
    }
}

/// The months of a bank from the first one on, given the billable minutes of each
/// consecutive month: the first month starts with nothing carried over.
pub fn bank_months(bank_minutes: i64, rule: UnusedHours, used: &[i64]) -> Vec<BankMonth> {
    let mut carried = 0;
    used.iter()
        .map(|&used_minutes| {
            let m = BankMonth {
                bank_minutes,
                carried_minutes: carried,
                used_minutes,
            };
            carried = m.carries(rule);
            m
        })
        .collect()
}

/// What `minutes` at `rate_cents` an hour are worth, to the cent.
pub fn hours_value(minutes: i64, rate_cents: i64) -> i64 {
    div_round(i128::from(minutes) * i128::from(rate_cents), 60) as i64
}

/// What one month of a collaboration bills, line by line, before any wording: the
/// model's rule, in exact cents and minutes. Billing a month writes these lines;
/// the property tests compare a draft's total with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Charge {
    /// Hours at the hourly rate (one line, or one per task area).
    Hours {
        task: Option<crate::catalog::TaskArea>,
        minutes: i64,
        rate_cents: i64,
        cents: i64,
    },
    /// The bank as agreed, sold whether used or not.
    Bank {
        minutes: i64,
        carried_minutes: i64,
        cents: i64,
    },
    /// Hours beyond the bank and the carried-over hours.
    Overage {
        minutes: i64,
        rate_cents: i64,
        cents: i64,
    },
    /// A monthly flat fee.
    Flat { cents: i64 },
    /// The fixed part of a fixed-plus-commission month.
    Fixed { cents: i64 },
    /// The commission on the client's revenue, and the cap when it applied.
    Commission {
        bps: i64,
        revenue_cents: i64,
        capped_at: Option<i64>,
        cents: i64,
    },
}

impl Charge {
    pub fn cents(&self) -> i64 {
        match *self {
            Charge::Hours { cents, .. }
            | Charge::Bank { cents, .. }
            | Charge::Overage { cents, .. }
            | Charge::Flat { cents }
            | Charge::Fixed { cents }
            | Charge::Commission { cents, .. } => cents,
        }
    }
}

/// What a month brings to the rule: billable minutes (per task area when lines are
/// split by task), the bank's month, the client's revenue.
#[derive(Debug, Clone, Default)]
pub struct MonthFacts {
    /// Billable unbilled minutes, per task area (`None`: no task given).
    pub minutes_by_task: Vec<(Option<crate::catalog::TaskArea>, i64)>,
    /// One line per task area instead of one line (hourly without a bank).
    pub per_task: bool,
    /// Minutes carried into this month (hourly with a bank).
    pub carried_minutes: i64,
    /// The client's revenue of the month (fixed plus commission).
    pub revenue_cents: Option<i64>,
}

impl Pricing {
    /// The charges of one month under this pricing. A project flat fee is billed by
    /// milestones, not by month: no charges.
    pub fn month_charges(&self, facts: &MonthFacts) -> Vec<Charge> {
        let used: i64 = facts.minutes_by_task.iter().map(|(_, m)| m).sum();
        match *self {
            Pricing::Hourly {
                hourly_rate_cents,
                monthly_hours_minutes: None,
                ..
            } => {
                if facts.per_task {
                    facts
                        .minutes_by_task
                        .iter()
                        .filter(|(_, m)| *m > 0)
                        .map(|&(task, minutes)| Charge::Hours {
                            task,
                            minutes,
                            rate_cents: hourly_rate_cents,
                            cents: hours_value(minutes, hourly_rate_cents),
                        })
                        .collect()
                } else if used > 0 {
                    vec![Charge::Hours {
                        task: None,
                        minutes: used,
                        rate_cents: hourly_rate_cents,
                        cents: hours_value(used, hourly_rate_cents),
                    }]
                } else {
                    vec![]
                }
            }
            Pricing::Hourly {
                hourly_rate_cents,
                monthly_hours_minutes: Some(bank),
                overage_rate_cents,
                ..
            } => {
                let month = BankMonth {
                    bank_minutes: bank,
                    carried_minutes: facts.carried_minutes,
                    used_minutes: used,
                };
                let mut out = vec![Charge::Bank {
                    minutes: bank,
                    carried_minutes: facts.carried_minutes,
                    cents: self.monthly_value_cents().unwrap_or(0),
                }];
                let over = month.overage_minutes();
                if over > 0 {
                    let rate = overage_rate_cents.unwrap_or(hourly_rate_cents);
                    out.push(Charge::Overage {
                        minutes: over,
                        rate_cents: rate,
                        cents: hours_value(over, rate),
                    });
                }
                out
            }
            Pricing::MonthlyFlat {
                monthly_amount_cents,
                ..
            } => vec![Charge::Flat {
                cents: monthly_amount_cents,
            }],
            Pricing::ProjectFlat { .. } => vec![],
            Pricing::FixedPlusCommission {
                fixed_amount_cents,
                commission_bps,
                commission_cap_cents,
            } => {
                let revenue = facts.revenue_cents.unwrap_or(0).max(0);
                let total = self.commission_month_cents(revenue).unwrap_or(0);
                let uncapped =
                    div_round(i128::from(revenue) * i128::from(commission_bps), 10_000) as i64;
                let cents = total - fixed_amount_cents;
                let mut out = Vec::new();
                if fixed_amount_cents > 0 {
                    out.push(Charge::Fixed {
                        cents: fixed_amount_cents,
                    });
                }
                out.push(Charge::Commission {
                    bps: commission_bps,
                    revenue_cents: revenue,
                    capped_at: commission_cap_cents.filter(|cap| uncapped > *cap),
                    cents,
                });
                out
            }
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
