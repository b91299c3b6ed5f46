//! Exact parsing of what people type for money, hours and percentages.
//!
//! Nothing here touches a float: "1 234,56 €" becomes 123456 cents by reading
//! digits. A single `,` or `.` is the decimal separator (French first: "1,5" is one
//! and a half); when both appear, the last one is the decimal separator and the
//! other groups thousands ("1,234.56", "1.234,56").

use std::fmt;

type Refusal = (&'static str, String);

/// The most digits we read before the decimal separator: beyond this no amount in
/// this domain makes sense, and i64 cannot overflow.
const MAX_INT_DIGITS: usize = 12;

/// Parses a decimal with at most `scale` decimals into an integer scaled by 10^scale.
/// `code` is the error code used when the text is not such a number.
fn parse_scaled(text: &str, scale: u32, code: &'static str, unit: &[char]) -> Result<i64, Refusal> {
    let bad = || {
        (
            code,
            format!("{text:?} is not a number with at most {scale} decimals"),
        )
    };
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\'' && *c != '’')
        .collect();
    if let Some(stripped) = s.strip_suffix(unit) {
        s = stripped.to_owned();
    }
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_owned()),
        None => (false, s.strip_prefix('+').unwrap_or(&s).to_owned()),
    };
    if body.is_empty() {
        return Err(bad());
    }
    let last_sep = body.rfind([',', '.']);
    let (int_part, frac_part) = match last_sep {
        Some(i) => {
            let sep = body.as_bytes()[i] as char;
            let (int, frac) = (&body[..i], &body[i + 1..]);
            // The decimal separator appears once; the other one may group thousands.
            if int.contains(sep) {
                return Err(bad());
            }
            let grouping = if sep == ',' { '.' } else { ',' };
            if int.contains(grouping) && !valid_grouping(int, grouping) {
                return Err(bad());
            }
            (int.replace(grouping, ""), frac.to_owned())
        }
        None => (body.clone(), String::new()),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(bad());
    }
    if !int_part.bytes().all(|b| b.is_ascii_digit())
        || !frac_part.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    if frac_part.len() > scale as usize {
        return Err(bad());
    }
    let int_digits = int_part.trim_start_matches('0');
    if int_digits.len() > MAX_INT_DIGITS {
        return Err(("out_of_range", format!("{text:?} is too large")));
    }
    let int: i64 = if int_digits.is_empty() {
        0
    } else {
        int_digits.parse().map_err(|_| bad())?
    };
    let mut frac: i64 = if frac_part.is_empty() {
        0
    } else {
        frac_part.parse().map_err(|_| bad())?
    };
    frac *= 10_i64.pow(scale - frac_part.len() as u32);
    let n = int * 10_i64.pow(scale) + frac;
    Ok(if negative { -n } else { n })
}

/// "1.234.567" style grouping: groups of exactly three digits after the first.
fn valid_grouping(int: &str, sep: char) -> bool {
    let mut groups = int.split(sep);
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// Money as integer cents: "45", "45,5", "1 234,56 €" → 4500, 4550, 123456.
pub fn parse_amount(text: &str) -> Result<i64, Refusal> {
    parse_scaled(text, 2, "invalid_amount", &['€', '$', '£'])
}

/// A quantity with up to three decimals, in thousandths ("1,5" → 1500).
pub fn parse_quantity(text: &str) -> Result<i64, Refusal> {
    parse_scaled(text, 3, "invalid_quantity", &[])
}

/// An exchange rate (euros for one unit of a currency) in millionths, as banks
/// publish it with up to six decimals: "0,923456" → 923456.
pub fn parse_rate(text: &str) -> Result<i64, Refusal> {
    parse_scaled(text, 6, "invalid_exchange_rate", &['€'])
}

/// A percentage as basis points: "12,5" or "12,5 %" → 1250.
pub fn parse_percent(text: &str) -> Result<i64, Refusal> {
    parse_scaled(text, 2, "invalid_percent", &['%'])
}

/// Hours as whole minutes: "10", "10,5", "1.25", "10:30", "10h30", "10 h",
/// "90 min" (also "90 mn", "90m").
/// Decimal hours that are not whole minutes ("10,33") are refused: say "10:20".
pub fn parse_hours(text: &str) -> Result<i64, Refusal> {
    let bad = || {
        (
            "invalid_hours",
            format!("{text:?} is not a duration (10, 10,5 or 10:30)"),
        )
    };
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if let Some(m) = ["min", "mn", "m"]
        .iter()
        .find_map(|suffix| compact.strip_suffix(suffix))
    {
        if m.is_empty() || m.len() > 6 || !m.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        return m.parse().map_err(|_| bad());
    }
    if let Some((h, m)) = compact.split_once([':', 'h']) {
        if !m.is_empty() || compact.contains(':') {
            // "10:30" / "10h30": minutes are two digits below 60.
            if h.is_empty() || h.len() > 4 || !h.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            if m.len() != 2 || !m.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let (h, m): (i64, i64) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            if m >= 60 {
                return Err(bad());
            }
            return Ok(h * 60 + m);
        }
    }
    let hundredths = parse_scaled(compact.trim_end_matches('h'), 2, "invalid_hours", &[])?;
    if hundredths < 0 {
        return Err(bad());
    }
    if (hundredths * 60) % 100 != 0 {
        return Err((
            "invalid_hours",
            format!("{text:?} is not a whole number of minutes: write it as h:mm"),
        ));
    }
    Ok(hundredths * 60 / 100)
}

/// Displays an integer scaled by 10^decimals as a plain decimal: `Scaled(4550, 2)` → "45.50".
#[derive(Debug, Clone, Copy)]
pub struct Scaled(pub i64, pub u32);

impl fmt::Display for Scaled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Scaled(n, d) = *self;
        let p = 10_i64.pow(d);
        let sign = if n < 0 { "-" } else { "" };
        let (int, frac) = (n.unsigned_abs() / p as u64, n.unsigned_abs() % p as u64);
        if d == 0 {
            write!(f, "{sign}{int}")
        } else {
            write!(f, "{sign}{int}.{frac:0width$}", width = d as usize)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn amounts_as_people_type_them() {
        for (text, cents) in [
            ("45", 4500),
            ("45,5", 4550),
            ("45.50", 4550),
            ("0,01", 1),
            (",5", 50),
            ("1 234,56", 123_456),
            ("1\u{a0}234,56 €", 123_456),
            ("1\u{202f}234,56", 123_456),
            ("1,234.56", 123_456),
            ("1.234,56", 123_456),
            ("1.234.567,00", 123_456_700),
            ("1'234.50", 123_450),
            ("-3", -300),
            ("+3", 300),
            ("007", 700),
        ] {
            assert_eq!(parse_amount(text), Ok(cents), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_exactly_an_amount() {
        for text in [
            "",
            "abc",
            "12,345",
            "1,2,3",
            "4,567.8.9",
            "1.23.4,5",
            "12e3",
            "NaN",
            "1,2345",
            "--1",
            "€",
            "0x10",
            "1.5.",
            "١٢",
        ] {
            assert!(parse_amount(text).is_err(), "{text:?} should be refused");
        }
        assert_eq!(
            parse_amount("9999999999999999").unwrap_err().0,
            "out_of_range"
        );
    }

    #[test]
    fn hours() {
        for (text, minutes) in [
            ("10", 600),
            ("10,5", 630),
            ("1.25", 75),
            ("10:30", 630),
            ("10h30", 630),
            ("10 h", 600),
            ("10h", 600),
            ("0:45", 45),
            ("10,05", 603),
            ("1:30", 90),
            ("1,5", 90),
            ("1h30", 90),
            ("90 min", 90),
            ("90min", 90),
            ("45 mn", 45),
            ("20m", 20),
        ] {
            assert_eq!(parse_hours(text), Ok(minutes), "{text}");
        }
        for text in [
            "10,33", "10:75", "10:5", "h30", "-2", "abc", "10:30:00", "min", "1,5 min", "-5 min",
        ] {
            assert!(parse_hours(text).is_err(), "{text:?} should be refused");
        }
    }

    #[test]
    fn percents() {
        assert_eq!(parse_percent("12,5 %"), Ok(1250));
        assert_eq!(parse_percent("100"), Ok(10_000));
        assert!(parse_percent("12,555").is_err());
    }

    proptest! {
        /// Whatever the amount, printing it the French or English way and reading it
        /// back gives the same number of cents.
        #[test]
        fn amount_round_trip(cents in -99_999_999_999i64..99_999_999_999) {
            let plain = Scaled(cents, 2).to_string();
            prop_assert_eq!(parse_amount(&plain), Ok(cents));
            prop_assert_eq!(parse_amount(&plain.replace('.', ",")), Ok(cents));
            // With French thousands grouping by narrow no-break spaces.
            let (int, frac) = plain.trim_start_matches('-').split_once('.').unwrap();
            let grouped: Vec<String> = int.as_bytes().rchunks(3).rev().map(|c| String::from_utf8(c.to_vec()).unwrap()).collect();
            let sign = if cents < 0 { "-" } else { "" };
            let fr = format!("{sign}{},{frac} €", grouped.join("\u{202f}"));
            prop_assert_eq!(parse_amount(&fr), Ok(cents));
        }

        #[test]
        fn hours_round_trip(minutes in 0i64..100_000) {
            let text = format!("{}:{:02}", minutes / 60, minutes % 60);
            prop_assert_eq!(parse_hours(&text), Ok(minutes));
        }

        /// Arbitrary text never panics, and anything accepted is printable back.
        #[test]
        fn never_panics(text in "\\PC{0,24}") {
            if let Ok(c) = parse_amount(&text) {
                prop_assert_eq!(parse_amount(&Scaled(c, 2).to_string()), Ok(c));
            }
            let _ = parse_hours(&text);
            let _ = parse_percent(&text);
        }
    }
}
