//! User preferences kept in the database, so they travel with the user's file.

pub mod figures;

use crate::catalog::{Code, Currency, Language, RoundingMode, TimeRounding};
use crate::error::{Error, Result};
use rusqlite::{Connection, OptionalExtension};

const LANGUAGE: &str = "ui_language";

/// The UI language; French until the user picks English.
pub fn language(conn: &Connection) -> Result<Language> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [LANGUAGE],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value
        .as_deref()
        .and_then(Language::parse)
        .unwrap_or(Language::Fr))
}

pub fn set_language(conn: &Connection, lang: &str) -> Result<Language> {
    let lang = Language::parse(lang).ok_or_else(|| {
        Error::field(
            "lang",
            "invalid_choice",
            format!("{lang:?} is not a language"),
        )
    })?;
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (LANGUAGE, lang.as_str()),
    )?;
    Ok(lang)
}

fn exchange_rate_key(currency: Currency) -> String {
    format!("exchange_rate.{}", currency.as_str())
}

/// Keeps the exchange rate she typed for a currency, so the next invoice in that
/// currency starts from it (millionths of a euro per unit).
pub fn remember_exchange_rate(conn: &Connection, currency: Currency, rate: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (exchange_rate_key(currency), rate.to_string()),
    )?;
    Ok(())
}

/// The exchange rate she typed last for `currency`, if any.
pub fn last_exchange_rate(conn: &Connection, currency: Currency) -> Result<Option<i64>> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [exchange_rate_key(currency)],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
}

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

fn put(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )?;
    Ok(())
}

const ROUNDING: &str = "time_rounding";
const ROUNDING_MODE: &str = "time_rounding_mode";

/// How a stopped timer is rounded: to the step, up or to the nearest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Rounding {
    pub step: TimeRounding,
    pub mode: RoundingMode,
}

/// The timer's rounding; none until she sets one (minutes as measured).
pub fn rounding(conn: &Connection) -> Result<Rounding> {
    Ok(Rounding {
        step: get(conn, ROUNDING)?
            .as_deref()
            .and_then(TimeRounding::parse)
            .unwrap_or(TimeRounding::None),
        mode: get(conn, ROUNDING_MODE)?
            .as_deref()
            .and_then(RoundingMode::parse)
            .unwrap_or(RoundingMode::Up),
    })
}

pub fn set_rounding(conn: &Connection, step: &str, mode: &str) -> Result<Rounding> {
    let mut errors = Vec::new();
    let s = TimeRounding::parse(step.trim());
    if s.is_none() {
        errors.push(crate::FieldError::new(
            "step",
            "invalid_choice",
            format!("{step:?} is not a rounding step"),
        ));
    }
    let m = RoundingMode::parse(mode.trim());
    if m.is_none() {
        errors.push(crate::FieldError::new(
            "mode",
            "invalid_choice",
            format!("{mode:?} is not a rounding mode"),
        ));
    }
    let (Some(step), Some(mode)) = (s, m) else {
        return Err(Error::Invalid(errors));
    };
    put(conn, ROUNDING, step.as_str())?;
    put(conn, ROUNDING_MODE, mode.as_str())?;
    Ok(Rounding { step, mode })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::temp_db;

    #[test]
    fn french_by_default_then_remembered() {
        let t = temp_db();
        assert_eq!(t.db.read(language).unwrap(), Language::Fr);
        t.db.write(|tx| set_language(tx, "en")).unwrap();
        assert_eq!(t.db.read(language).unwrap(), Language::En);
        let err = t.db.write(|tx| set_language(tx, "de")).unwrap_err();
        assert_eq!(err.code(), "invalid_choice");
        assert_eq!(t.db.read(language).unwrap(), Language::En, "unchanged");
    }
}
