//! Document money: line totals, VAT per rate, deposits and their deduction.
//!
//! Pure functions on integers (cents, thousandths, basis points), so property
//! tests can hammer them. The rules (DESIGN.md §3): each line rounds to the cent;
//! VAT is computed per rate on the sum of that rate's lines; printed, stored and
//! exported totals are these same numbers.
//!
//! Deposit and deduction lines carry their VAT as a fixed amount instead: a
//! deposit invoice's VAT is rounded once when it is issued, and the final invoice
//! deducts exactly that amount, so deposit + final = quote, to the cent.

use crate::pricing::div_round;
use serde::{Deserialize, Serialize};

/// The VAT rates French services use, in basis points (a closed vocabulary).
pub use crate::catalog::VAT_RATES;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    /// Thousandths of a unit.
    pub quantity: i64,
    /// Cents, excluding VAT.
    pub unit_price: i64,
    /// Basis points.
    pub vat_rate: i64,
    /// Set on deposit and deduction lines: their VAT, in cents.
    pub fixed_vat: Option<i64>,
}

impl Line {
    pub fn total(&self) -> i64 {
        line_total(self.quantity, self.unit_price)
    }
}

/// quantity × unit price, rounded half away from zero to the cent.
pub fn line_total(quantity: i64, unit_price: i64) -> i64 {
    div_round(i128::from(quantity) * i128::from(unit_price), 1000) as i64
}

/// VAT of `base` cents at `rate` basis points, rounded to the cent.
pub fn vat_of(base: i64, rate: i64) -> i64 {
    div_round(i128::from(base) * i128::from(rate), 10_000) as i64
}

/// `cents` of a currency in euro cents at `rate` millionths of a euro per unit,
/// rounded half away from zero.
pub fn in_euros(cents: i64, rate: i64) -> i64 {
    div_round(i128::from(cents) * i128::from(rate), 1_000_000) as i64
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VatLine {
    pub rate: i64,
    pub base: i64,
    pub amount: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Totals {
    pub excl: i64,
    /// One entry per rate used, highest rate first.
    pub vat: Vec<VatLine>,
    pub vat_total: i64,
    pub incl: i64,
}

/// Totals of a document. With `charge_vat` false (franchise, reverse charge,
/// export) every rate counts as 0.
pub fn totals(lines: &[Line], charge_vat: bool) -> Totals {
    let mut vat: Vec<VatLine> = Vec::new();
    for rate in VAT_RATES {
        let of_rate: Vec<&Line> = lines
            .iter()
            .filter(|l| (if charge_vat { l.vat_rate } else { 0 }) == rate)
            .collect();
        if of_rate.is_empty() {
            continue;
        }
        let computed: i64 = of_rate
            .iter()
            .filter(|l| l.fixed_vat.is_none())
            .map(|l| l.total())
            .sum();
        let fixed: i64 = of_rate.iter().filter_map(|l| l.fixed_vat).sum();
        let base: i64 = of_rate.iter().map(|l| l.total()).sum();
        let amount = if charge_vat {
            vat_of(computed, rate) + fixed
        } else {
            0
        };
        vat.push(VatLine { rate, base, amount });
    }
    let excl = lines.iter().map(Line::total).sum();
    let vat_total = vat.iter().map(|v| v.amount).sum();
    Totals {
        excl,
        vat,
        vat_total,
        incl: excl + vat_total,
    }
}

/// What a deposit asks for: a share of the quote (basis points of its total) or
/// an amount including VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DepositAsk {
    Percent(i64),
    Amount(i64),
}

/// The deposit's part of each VAT rate of the quote: `(rate, excl, vat)`.
///
/// The asked total (incl. VAT) is shared between rates in proportion to the
/// quote's totals incl. VAT per rate, the last rate taking the rounding rest so the
/// parts add up to exactly what was asked. Never more than the quote per rate.
pub fn deposit_parts(quote: &Totals, ask: DepositAsk) -> Vec<(i64, i64, i64)> {
    let asked = match ask {
        DepositAsk::Percent(bp) => {
            div_round(i128::from(quote.incl) * i128::from(bp), 10_000) as i64
        }
        DepositAsk::Amount(cents) => cents,
    }
    .clamp(0, quote.incl.max(0));
    let mut parts = Vec::new();
    let mut left = asked;
    let n = quote.vat.len();
    for (i, v) in quote.vat.iter().enumerate() {
        let rate_incl = v.base + v.amount;
        let share = if i + 1 == n || quote.incl == 0 {
            left
        } else {
            (div_round(
                i128::from(asked) * i128::from(rate_incl),
                i128::from(quote.incl),
            ) as i64)
                .min(left)
        }
        .min(rate_incl);
        left -= share;
        // Split the share incl. VAT into excl + VAT, the VAT never above the rate's.
        let excl = div_round(i128::from(share) * 10_000, i128::from(10_000 + v.rate)) as i64;
        let vat = (share - excl).min(v.amount);
        parts.push((v.rate, share - vat, vat));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(quantity: i64, unit_price: i64, vat_rate: i64) -> Line {
        Line {
            quantity,
            unit_price,
            vat_rate,
            fixed_vat: None,
        }
    }

    #[test]
    fn an_hour_and_a_half_at_45_euros() {
        assert_eq!(line_total(1500, 4500), 6750);
        assert_eq!(line_total(333, 1), 0);
        assert_eq!(line_total(500, 1), 1); // half a cent rounds away from zero
        let t = totals(
            &[
                line(1500, 4500, 2000),
                line(1000, 1999, 2000),
                line(2000, 1000, 550),
            ],
            true,
        );
        assert_eq!(t.excl, 6750 + 1999 + 2000);
        assert_eq!(
            t.vat,
            vec![
                VatLine {
                    rate: 2000,
                    base: 8749,
                    amount: 1750
                },
                VatLine {
                    rate: 550,
                    base: 2000,
                    amount: 110
                },
            ]
        );
        assert_eq!(t.incl, 10749 + 1860);
    }

    #[test]
    fn vat_is_rounded_per_rate_not_per_line() {
        // Three lines of 0,05 € at 20 %: per line 0,01 each (3 cents), per rate 0,03 € → 3 cents;
        // 0,07 € × 3 at 5,5 %: per line 0 each, on the sum 0,21 € → 1 cent.
        let t = totals(
            &[line(1000, 7, 550), line(1000, 7, 550), line(1000, 7, 550)],
            true,
        );
        assert_eq!(t.vat_total, 1);
    }

    #[test]
    fn no_vat_is_charged_outside_the_domestic_case() {
        let t = totals(&[line(1000, 10000, 2000)], false);
        assert_eq!((t.excl, t.vat_total, t.incl), (10000, 0, 10000));
        assert_eq!(
            t.vat,
            vec![VatLine {
                rate: 0,
                base: 10000,
                amount: 0
            }]
        );
    }

    fn lines_strategy() -> impl Strategy<Value = Vec<Line>> {
        prop::collection::vec(
            (
                0i64..100_000_000,
                -10_000_000i64..100_000_000,
                prop::sample::select(VAT_RATES.to_vec()),
            )
                .prop_map(|(q, p, r)| line(q, p, r)),
            1..30,
        )
    }

    proptest! {
        #[test]
        fn totals_are_the_sum_of_the_lines(lines in lines_strategy(), vat in any::<bool>()) {
            let t = totals(&lines, vat);
            prop_assert_eq!(t.excl, lines.iter().map(Line::total).sum::<i64>());
            prop_assert_eq!(t.vat.iter().map(|v| v.base).sum::<i64>(), t.excl);
            prop_assert_eq!(t.incl, t.excl + t.vat_total);
            for v in &t.vat {
                // VAT per rate is the rounded VAT of that rate's base.
                prop_assert_eq!(v.amount, vat_of(v.base, if vat { v.rate } else { 0 }));
                prop_assert!((v.amount * 10_000 - v.base * v.rate).abs() <= 5_000 || !vat);
            }
        }

        #[test]
        fn deposit_plus_final_is_the_quote(
            lines in prop::collection::vec(
                (1i64..50_000, 1i64..2_000_000, prop::sample::select(VAT_RATES.to_vec()))
                    .prop_map(|(q, p, r)| line(q, p, r)), 1..12),
            percent in 1i64..=10_000,
            amount_share in 1i64..=1000,
            by_amount in any::<bool>(),
            vat in any::<bool>(),
        ) {
            let quote = totals(&lines, vat);
            let ask = if by_amount { DepositAsk::Amount(quote.incl * amount_share / 1000) } else { DepositAsk::Percent(percent) };
            let parts = deposit_parts(&quote, ask);
            // The deposit invoice: one line per rate with its fixed VAT.
            let deposit_lines: Vec<Line> = parts.iter().map(|&(rate, excl, v)| Line { quantity: 1000, unit_price: excl, vat_rate: rate, fixed_vat: Some(v) }).collect();
            let deposit = totals(&deposit_lines, vat);
            if let DepositAsk::Amount(a) = ask { prop_assert_eq!(deposit.incl, a); }
            for (&(rate, excl, v), q) in parts.iter().zip(&quote.vat) {
                prop_assert_eq!(rate, q.rate);
                prop_assert!(excl >= 0 && v >= 0 && excl <= q.base && v <= q.amount);
            }
            // The final invoice: the quote's lines plus the deductions.
            let mut final_lines = lines.clone();
            final_lines.extend(parts.iter().map(|&(rate, excl, v)| Line { quantity: 1000, unit_price: -excl, vat_rate: rate, fixed_vat: Some(-v) }));
            let fin = totals(&final_lines, vat);
            prop_assert_eq!(deposit.incl + fin.incl, quote.incl);
            prop_assert_eq!(deposit.excl + fin.excl, quote.excl);
            prop_assert_eq!(deposit.vat_total + fin.vat_total, quote.vat_total);
        }
    }
}
