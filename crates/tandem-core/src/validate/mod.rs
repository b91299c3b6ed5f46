//! The one validation layer: every input from the UI goes through a [`Checker`].
//!
//! Inputs arrive as the strings the user typed. A checker normalizes each field
//! (trims, removes spaces from identifiers, parses amounts to cents), records a
//! coded [`FieldError`] for each bad one, and [`Checker::finish`] refuses the whole
//! input if any field was bad — so nothing is ever written from a half-valid form.

mod identifiers;
mod numbers;

pub use identifiers::{bic, country, email, iban, phone, postal_code, siren, siret, vat_number};
pub use numbers::{parse_amount, parse_hours, parse_percent, Scaled};

use crate::catalog::Code;
use crate::error::{Error, FieldError, Result};
use chrono::NaiveDate;
use std::ops::RangeInclusive;

/// The longest free text we accept in a one-line field, and in notes.
pub const LINE_MAX: usize = 200;
pub const NOTES_MAX: usize = 10_000;

/// Whether an empty value is acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Required,
    Optional,
}

#[derive(Debug, Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: &str, code: &'static str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, code, message));
    }

    pub fn has_error(&self, field: &str) -> bool {
        self.errors.iter().any(|e| e.field == field)
    }

    /// Ok when every field passed; otherwise every error at once.
    pub fn finish(self) -> Result<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(self.errors))
        }
    }

    /// The field errors so far (for "validate as you type", which writes nothing).
    pub fn into_errors(self) -> Vec<FieldError> {
        self.errors
    }

    /// Trimmed text, `None` when empty. Control characters other than line breaks
    /// and tabs are refused: they have no business in a name and break PDFs.
    pub fn text(&mut self, field: &str, value: &str, need: Need, max: usize) -> Option<String> {
        let v = value.trim();
        if v.is_empty() {
            if need == Need::Required {
                self.push(field, "required", format!("{field} is required"));
            }
            return None;
        }
        if v.chars().count() > max {
            self.push(
                field,
                "too_long",
                format!("{field} is longer than {max} characters"),
            );
            return None;
        }
        if v.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            self.push(
                field,
                "invalid_text",
                format!("{field} contains control characters"),
            );
            return None;
        }
        Some(v.to_owned())
    }

    /// Required text; the empty string stands in when refused (the checker then fails).
    pub fn required(&mut self, field: &str, value: &str, max: usize) -> String {
        self.text(field, value, Need::Required, max)
            .unwrap_or_default()
    }

    /// A single-line text: line breaks are refused.
    pub fn line(&mut self, field: &str, value: &str, need: Need) -> Option<String> {
        let v = self.text(field, value, need, LINE_MAX)?;
        if v.contains(['\n', '\r', '\t']) {
            self.push(
                field,
                "invalid_text",
                format!("{field} must fit on one line"),
            );
            return None;
        }
        Some(v)
    }

    /// Runs a normalizing check on a non-empty value.
    pub fn with<T>(
        &mut self,
        field: &str,
        value: &str,
        need: Need,
        check: impl FnOnce(&str) -> Result<T, (&'static str, String)>,
    ) -> Option<T> {
        let v = value.trim();
        if v.is_empty() {
            if need == Need::Required {
                self.push(field, "required", format!("{field} is required"));
            }
            return None;
        }
        match check(v) {
            Ok(t) => Some(t),
            Err((code, message)) => {
                self.push(field, code, message);
                None
            }
        }
    }

    /// One code of a closed list (`legal_status`, `currency` …).
    pub fn choice<T: Code>(&mut self, field: &str, value: &str, need: Need) -> Option<T> {
        self.with(field, value, need, |v| {
            T::parse(v).ok_or(("invalid_choice", format!("{v:?} is not a valid {field}")))
        })
    }

    /// An amount of money in cents within `range` (e.g. `1..=200_000` for 0,01 € to 2 000 €).
    pub fn amount(
        &mut self,
        field: &str,
        value: &str,
        need: Need,
        range: RangeInclusive<i64>,
    ) -> Option<i64> {
        self.with(field, value, need, |v| {
            let cents = parse_amount(v)?;
            in_range(field, cents, &range, |c| Scaled(c, 2).to_string())
        })
    }

    /// A number of hours (`10`, `10,5`, `10:30`, `10h30`) as minutes within `range`.
    pub fn hours(
        &mut self,
        field: &str,
        value: &str,
        need: Need,
        range: RangeInclusive<i64>,
    ) -> Option<i64> {
        self.with(field, value, need, |v| {
            let minutes = parse_hours(v)?;
            in_range(field, minutes, &range, |m| {
                format!("{}:{:02}", m / 60, m % 60)
            })
        })
    }

    /// A percentage (`12,5`) as basis points (1250) within `range`.
    pub fn percent(
        &mut self,
        field: &str,
        value: &str,
        need: Need,
        range: RangeInclusive<i64>,
    ) -> Option<i64> {
        self.with(field, value, need, |v| {
            let bps = parse_percent(v)?;
            in_range(field, bps, &range, |b| format!("{} %", Scaled(b, 2)))
        })
    }

    /// A whole number within `range` (payment terms in days …).
    pub fn integer(
        &mut self,
        field: &str,
        value: &str,
        need: Need,
        range: RangeInclusive<i64>,
    ) -> Option<i64> {
        self.with(field, value, need, |v| {
            let n: i64 = v
                .parse()
                .map_err(|_| ("invalid_integer", format!("{v:?} is not a whole number")))?;
            in_range(field, n, &range, |n| n.to_string())
        })
    }

    /// A calendar date as the UI's date inputs send it: `YYYY-MM-DD`.
    pub fn date(&mut self, field: &str, value: &str, need: Need) -> Option<NaiveDate> {
        self.with(field, value, need, |v| {
            let d = NaiveDate::parse_from_str(v, "%Y-%m-%d")
                .map_err(|_| ("invalid_date", format!("{v:?} is not a date (YYYY-MM-DD)")))?;
            let year = chrono::Datelike::year(&d);
            if !(1900..=2200).contains(&year) {
                return Err(("out_of_range", format!("{v} is not a plausible date")));
            }
            Ok(d)
        })
    }
}

fn in_range(
    field: &str,
    n: i64,
    range: &RangeInclusive<i64>,
    show: impl Fn(i64) -> String,
) -> Result<i64, (&'static str, String)> {
    if range.contains(&n) {
        Ok(n)
    } else {
        Err((
            "out_of_range",
            format!(
                "{field} must be between {} and {}",
                show(*range.start()),
                show(*range.end())
            ),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Currency;

    #[test]
    fn collects_every_error_and_writes_nothing_when_any() {
        let mut c = Checker::new();
        let name = c.required("name", "   ", LINE_MAX);
        let rate = c.amount("rate", "-5", Need::Required, 1..=200_000);
        let cur: Option<Currency> = c.choice("currency", "EUR", Need::Required);
        assert_eq!(name, "");
        assert_eq!(rate, None);
        assert_eq!(cur, Some(Currency::Eur));
        let err = c.finish().unwrap_err();
        let codes: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        assert_eq!(codes, [("name", "required"), ("rate", "out_of_range")]);
    }

    #[test]
    fn text_rules() {
        let mut c = Checker::new();
        assert_eq!(
            c.line("a", "  Léa  ", Need::Required).as_deref(),
            Some("Léa")
        );
        assert_eq!(c.line("b", "", Need::Optional), None);
        assert_eq!(c.line("c", "two\nlines", Need::Optional), None);
        assert_eq!(
            c.text("d", &"x".repeat(201), Need::Optional, LINE_MAX),
            None
        );
        assert_eq!(c.text("e", "bell\u{7}", Need::Optional, LINE_MAX), None);
        assert!(!c.has_error("a") && !c.has_error("b"));
        assert!(c.has_error("c") && c.has_error("d") && c.has_error("e"));
    }

    #[test]
    fn dates() {
        let mut c = Checker::new();
        assert!(c.date("d", "2026-11-27", Need::Required).is_some());
        assert!(c.date("e", "27/11/2026", Need::Required).is_none());
        assert!(c.date("f", "2026-02-30", Need::Required).is_none());
        assert!(c.date("g", "0001-01-01", Need::Required).is_none());
        assert_eq!(c.into_errors().len(), 3);
    }
}
