//! The one validation layer: every input from the UI goes through a [`Checker`].
//!
//! Inputs arrive as the strings the user typed. A checker normalizes each field
//! (trims, removes spaces from identifiers, parses amounts to cents), records a
//! coded [`FieldError`] for each bad one, and [`Checker::finish`] refuses the whole
//! input if any field was bad — so nothing is ever written from a half-valid form.

mod identifiers;
mod numbers;

pub use identifiers::{bic, country, email, iban, phone, postal_code, siren, siret, vat_number};
pub use numbers::{parse_amount, parse_hours, parse_percent, parse_quantity, parse_rate, Scaled};

use crate::catalog::Code;
use crate::error::{Error, FieldError, Result};
use chrono::NaiveDate;
use std::ops::RangeInclusive;

/// The longest free text we accept in a one-line field, and in notes.
pub const LINE_MAX: usize = 200;
pub const NOTES_MAX: usize = 10_000;

/// The one shape of a form's check, in every domain.
///
/// `check` reads the input as the user typed it, pushes a coded error into the
/// checker for each bad field, and returns what it could parse (fields that did not
/// parse are left empty). It may look things up (an existing client, an archived
/// one) but never writes. `editing` is the id of the record being edited, `None`
/// for a new one: some rules differ (an archived client keeps the records it has).
/// Domains then call [`errors`] to validate as the user types and [`parse`] before
/// a write, so both always apply the same rules.
pub trait Form {
    type Parsed;
    fn check(
        &self,
        conn: &rusqlite::Connection,
        editing: Option<i64>,
        c: &mut Checker,
    ) -> Result<Self::Parsed>;
}

/// Every field error of `input` as typed so far, for validation as the user types.
/// Writes nothing.
pub fn errors<F: Form>(
    conn: &rusqlite::Connection,
    input: &F,
    editing: Option<i64>,
) -> Result<Vec<FieldError>> {
    let mut c = Checker::new();
    input.check(conn, editing, &mut c)?;
    Ok(c.into_errors())
}

/// The parsed input, or [`Error::Invalid`] with every field error at once.
pub fn parse<F: Form>(
    conn: &rusqlite::Connection,
    input: &F,
    editing: Option<i64>,
) -> Result<F::Parsed> {
    let mut c = Checker::new();
    let parsed = input.check(conn, editing, &mut c)?;
    c.finish()?;
    Ok(parsed)
}

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
        // Zero-width and format characters print nothing: a name made only of
        // them is as empty as no name (it would print a blank client block).
        if is_blank(v) {
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

    /// A number within `range`, read as `kind` says: money in cents, hours in
    /// minutes, a percentage in basis points, or whole days.
    pub fn number(
        &mut self,
        field: &str,
        value: &str,
        need: Need,
        kind: Quantity,
        range: RangeInclusive<i64>,
    ) -> Option<i64> {
        self.with(field, value, need, |v| {
            let n = kind.parse(v)?;
            if range.contains(&n) {
                Ok(n)
            } else {
                let (lo, hi) = (kind.show(*range.start()), kind.show(*range.end()));
                Err((
                    "out_of_range",
                    format!("{field} must be between {lo} and {hi}"),
                ))
            }
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

/// What a number typed in a form stands for, and so how it is read and shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// Money: "1 234,56" → 123456 cents.
    Amount,
    /// A duration: "10:30" or "10,5" → 630 minutes.
    Hours,
    /// A percentage: "12,5" → 1250 basis points.
    Percent,
    /// A whole number of days.
    Days,
    /// Thousandths of a unit (a line's quantity): "1,5" → 1500.
    Units,
    /// An exchange rate in millionths: "0,9234" → 923400.
    Rate,
}

impl Quantity {
    fn parse(self, v: &str) -> Result<i64, (&'static str, String)> {
        match self {
            Quantity::Amount => parse_amount(v),
            Quantity::Hours => parse_hours(v),
            Quantity::Percent => parse_percent(v),
            Quantity::Units => parse_quantity(v),
            Quantity::Rate => parse_rate(v),
            Quantity::Days => v
                .parse()
                .map_err(|_| ("invalid_integer", format!("{v:?} is not a whole number"))),
        }
    }

    fn show(self, n: i64) -> String {
        match self {
            Quantity::Amount => Scaled(n, 2).to_string(),
            Quantity::Hours => format!("{}:{:02}", n / 60, n % 60),
            Quantity::Percent => format!("{} %", Scaled(n, 2)),
            Quantity::Days => n.to_string(),
            Quantity::Units => Scaled(n, 3).to_string(),
            Quantity::Rate => Scaled(n, 6).to_string(),
        }
    }
}

/// Whether `s` shows nothing: only white space and invisible format characters
/// (zero-width spaces and joiners, bidi marks and overrides, the BOM, soft
/// hyphens, variation selectors, Hangul fillers, tag characters).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{E0000}'..='\u{E0FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Currency;

    #[test]
    fn collects_every_error_and_writes_nothing_when_any() {
        let mut c = Checker::new();
        let name = c.required("name", "   ", LINE_MAX);
        let rate = c.number("rate", "-5", Need::Required, Quantity::Amount, 1..=200_000);
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
        // Only zero-width and format characters: empty, so refused when required.
        let mut z = Checker::new();
        assert_eq!(
            z.text(
                "name",
                "\u{200B}\u{200B} \u{FEFF}\u{202E}",
                Need::Required,
                LINE_MAX
            ),
            None
        );
        assert_eq!(z.text("opt", "\u{200D}", Need::Optional, LINE_MAX), None);
        assert_eq!(
            z.text("ok", "Léa\u{200D}", Need::Required, LINE_MAX)
                .as_deref(),
            Some("Léa\u{200D}")
        );
        assert!(
            matches!(z.finish(), Err(crate::Error::Invalid(e)) if e.len() == 1 && e[0].code == "required")
        );
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
