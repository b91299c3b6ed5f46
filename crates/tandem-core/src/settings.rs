//! User preferences kept in the database, so they travel with the user's file.

use crate::catalog::{Code, Currency, Language};
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
