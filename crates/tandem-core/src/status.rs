//! The one rule for the status a user sees on a document.
//!
//! The database stores a document's state ([`DocStatus`]: draft, sent, accepted,
//! declined, issued); what the user sees ([`ShownStatus`]) also depends on today,
//! the payments and the credit notes (expired, overdue, partially paid, paid,
//! cancelled). It is never stored, so it can never be stale.
//!
//! The rule is written once, in [`shown`]. Lists filter and count by status in SQL,
//! so every connection the app opens registers the same function as the SQLite
//! scalar `shown_status(kind, status, today, valid_until, due_date, total, paid,
//! credited)` ([`register`]); a property test checks that both agree. The document
//! page, the lists, and later the dashboard and the reminders read this rule.

use crate::catalog::{Code, DocKind, DocStatus, ShownStatus};
use chrono::NaiveDate;
use rusqlite::functions::FunctionFlags;

/// The money side of an invoice's status, incl. VAT, in cents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Balance {
    pub total: i64,
    pub paid: i64,
    pub credited: i64,
}

/// The status to show: the stored state plus what the dates and the money say.
///
/// A sent quote past its validity date is expired; an issued invoice fully credited
/// is cancelled, fully settled (payments + credit notes) is paid, past its due date
/// is overdue, with some payment partially paid. A credit note is simply issued.
pub fn shown(
    kind: DocKind,
    stored: DocStatus,
    today: NaiveDate,
    valid_until: Option<NaiveDate>,
    due_date: Option<NaiveDate>,
    Balance {
        total,
        paid,
        credited,
    }: Balance,
) -> ShownStatus {
    let before = |d: Option<NaiveDate>| d.is_some_and(|d| d < today);
    match (kind, stored) {
        (_, DocStatus::Draft) => ShownStatus::Draft,
        (DocKind::Quote, DocStatus::Sent) if before(valid_until) => ShownStatus::Expired,
        (DocKind::Quote, DocStatus::Sent) => ShownStatus::Sent,
        (DocKind::Quote, DocStatus::Accepted) => ShownStatus::Accepted,
        (DocKind::Quote, _) => ShownStatus::Declined,
        (DocKind::CreditNote, _) => ShownStatus::Issued,
        _ if credited >= total && total > 0 => ShownStatus::Cancelled,
        _ if paid > 0 && paid + credited >= total => ShownStatus::Paid,
        _ if before(due_date) => ShownStatus::Overdue,
        _ if paid > 0 => ShownStatus::PartiallyPaid,
        _ => ShownStatus::Issued,
    }
}

/// A stored `YYYY-MM-DD` date; anything else reads as no date.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Registers [`shown`] as the SQL function `shown_status(kind, status, today,
/// valid_until, due_date, total, paid, credited)` on one connection. Dates are the
/// stored `YYYY-MM-DD` texts; a NULL total counts as 0 (a draft's totals may not be
/// stored yet). An unknown kind or status is an SQL error, never a guess.
pub fn register(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "shown_status",
        8,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let code = |i: usize| -> rusqlite::Result<String> { ctx.get::<String>(i) };
            let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
                Ok(ctx
                    .get::<Option<String>>(i)?
                    .as_deref()
                    .and_then(parse_date))
            };
            let money =
                |i: usize| -> rusqlite::Result<i64> { Ok(ctx.get::<Option<i64>>(i)?.unwrap_or(0)) };
            let unknown = |what: &str, v: &str| {
                rusqlite::Error::UserFunctionError(format!("unknown {what} {v:?}").into())
            };
            let kind_code = code(0)?;
            let kind = DocKind::parse(&kind_code).ok_or_else(|| unknown("kind", &kind_code))?;
            let status_code = code(1)?;
            let stored =
                DocStatus::parse(&status_code).ok_or_else(|| unknown("status", &status_code))?;
            let today = date(2)?.ok_or_else(|| unknown("today", "NULL"))?;
            let balance = Balance {
                total: money(5)?,
                paid: money(6)?,
                credited: money(7)?,
            };
            Ok(shown(kind, stored, today, date(3)?, date(4)?, balance).as_str())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(n: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + chrono::Days::new(n as u64)
    }

    fn sql_shown(
        conn: &rusqlite::Connection,
        kind: DocKind,
        stored: DocStatus,
        today: NaiveDate,
        valid_until: Option<NaiveDate>,
        due: Option<NaiveDate>,
        b: Balance,
    ) -> String {
        let d = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
        conn.query_row(
            "SELECT shown_status(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                kind,
                stored,
                d(Some(today)),
                d(valid_until),
                d(due),
                b.total,
                b.paid,
                b.credited
            ],
            |r| r.get(0),
        )
        .unwrap()
    }

    proptest! {
        /// The list filters (SQL) and the document page (Rust) show the same status,
        /// on random documents and dates, through a real database file.
        #[test]
        fn rust_and_sql_agree(
            kind in prop::sample::select(DocKind::ALL.to_vec()),
            stored in prop::sample::select(DocStatus::ALL.to_vec()),
            today in 0i64..60,
            valid in prop::option::of(0i64..60),
            due in prop::option::of(0i64..60),
            total in 0i64..10_000,
            paid in 0i64..10_000,
            credited in 0i64..10_000,
        ) {
            let t = crate::testing::temp_db();
            let b = Balance { total, paid, credited };
            let rust = shown(kind, stored, day(today), valid.map(day), due.map(day), b);
            let sql = t
                .db
                .read(|c| Ok(sql_shown(c, kind, stored, day(today), valid.map(day), due.map(day), b)))
                .unwrap();
            prop_assert_eq!(rust.as_str(), sql.as_str());
        }
    }

    #[test]
    fn the_rule_in_words() {
        let b = |total, paid, credited| Balance {
            total,
            paid,
            credited,
        };
        let (today, yesterday) = (day(10), Some(day(9)));
        let shown = |kind, stored, due, balance| shown(kind, stored, today, due, due, balance);
        use DocKind::*;
        use DocStatus as S;
        assert_eq!(
            shown(Quote, S::Sent, yesterday, b(0, 0, 0)),
            ShownStatus::Expired
        );
        assert_eq!(
            shown(Quote, S::Sent, Some(today), b(0, 0, 0)),
            ShownStatus::Sent
        );
        assert_eq!(
            shown(Invoice, S::Issued, yesterday, b(100, 0, 0)),
            ShownStatus::Overdue
        );
        assert_eq!(
            shown(Invoice, S::Issued, yesterday, b(100, 40, 60)),
            ShownStatus::Paid
        );
        assert_eq!(
            shown(Invoice, S::Issued, None, b(100, 0, 100)),
            ShownStatus::Cancelled
        );
        assert_eq!(
            shown(Deposit, S::Issued, None, b(100, 1, 0)),
            ShownStatus::PartiallyPaid
        );
        assert_eq!(
            shown(CreditNote, S::Issued, yesterday, b(100, 0, 0)),
            ShownStatus::Issued
        );
        assert_eq!(
            shown(Invoice, S::Draft, yesterday, b(100, 0, 0)),
            ShownStatus::Draft
        );
    }

    #[test]
    fn sql_refuses_an_unknown_code() {
        let t = crate::testing::temp_db();
        let err = t.db.read(|c| {
            Ok(c.query_row(
                "SELECT shown_status('invoice', 'lost', '2026-01-01', NULL, NULL, 0, 0, 0)",
                [],
                |r| r.get::<_, String>(0),
            ))
        });
        assert!(err.unwrap().is_err());
    }
}
