//! The Devis and Factures lists: paged, sorted, searched, filtered by the status
//! the user sees (which depends on today, payments and credit notes, so it is
//! computed, not stored: by `status::shown`, registered as the SQL function
//! `shown_status`, the same rule the document page uses).

use super::{DocStatus, Kind, ShownStatus};
use crate::catalog::Code;
use crate::db::Connection;
use crate::paging::{Direction, Page, PageQuery, SortKey};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentSort {
    #[default]
    Date,
    Number,
    Client,
    Total,
}

impl SortKey for DocumentSort {
    /// Newest first; the other keys start ascending.
    fn default_direction(self) -> Direction {
        match self {
            DocumentSort::Date => Direction::Desc,
            _ => Direction::Asc,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DocumentQuery {
    pub kinds: Vec<String>,
    pub status: Option<String>,
    pub client_id: Option<i64>,
    /// Documents dated (issued, or created for a draft) from / to these days,
    /// `YYYY-MM-DD`, both included: what the dashboard's month links ask for.
    pub from: Option<String>,
    pub to: Option<String>,
    /// Only issued invoices with something left to pay (the dashboard's
    /// « à encaisser »).
    pub open: bool,
    #[serde(flatten)]
    pub paging: PageQuery<DocumentSort>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DocumentRow {
    pub id: i64,
    pub kind: Kind,
    pub number: Option<String>,
    pub status: ShownStatus,
    pub client_id: i64,
    pub client_name: String,
    pub title: Option<String>,
    pub date: String,
    /// Invoices: the due date; quotes: valid until.
    pub due_date: Option<String>,
    pub total_incl: i64,
    pub outstanding: i64,
    pub currency: String,
}

pub fn list(conn: &Connection, q: &DocumentQuery, today: NaiveDate) -> Result<Page<DocumentRow>> {
    let p = &q.paging;
    p.check()?;
    let mut kinds = Vec::new();
    for k in &q.kinds {
        match Kind::parse(k) {
            Some(kind) => kinds.push(format!("'{}'", kind.as_str())),
            None => {
                return Err(Error::field(
                    "kinds",
                    "invalid_choice",
                    format!("unknown kind {k:?}"),
                ))
            }
        }
    }
    let status = match q.status.as_deref() {
        None => None,
        Some(s) => Some(ShownStatus::parse(s).ok_or_else(|| {
            Error::field("status", "invalid_choice", format!("unknown status {s:?}"))
        })?),
    };
    let day = |field: &str, v: &Option<String>| -> Result<Option<String>> {
        match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            None => Ok(None),
            Some(v) => crate::status::parse_date(v)
                .map(|d| Some(d.format("%Y-%m-%d").to_string()))
                .ok_or_else(|| Error::field(field, "invalid_date", format!("{v:?} is not a date"))),
        }
    };
    let (from, to) = (day("from", &q.from)?, day("to", &q.to)?);
    let kind_filter = if kinds.is_empty() {
        "1 = 1".to_owned()
    } else {
        format!("d.kind IN ({})", kinds.join(", "))
    };
    let dir = p.direction.sql();
    let order = match p.sort {
        DocumentSort::Date => format!("date {dir}, id {dir}"),
        DocumentSort::Number => format!("number IS NULL, number {dir}, id {dir}"),
        DocumentSort::Client => format!("client_name COLLATE NOCASE {dir}, date DESC, id DESC"),
        DocumentSort::Total => format!("total_incl {dir}, id {dir}"),
    };
    // ?1 today, ?2 search pattern, ?3 client, ?4 status, ?5 limit, ?6 offset,
    // ?7 from, ?8 to, ?9 open only.
    let base = format!(
        "WITH money AS (
            SELECT d.*, c.name AS client_name, c.currency AS client_currency,
                   (SELECT COALESCE(SUM(amount), 0) FROM payments p WHERE p.document_id = d.id) AS paid,
                   (SELECT COALESCE(SUM(n.total_incl), 0) FROM documents n
                     WHERE n.corrects_id = d.id AND n.kind = 'credit_note' AND n.status = 'issued') AS credited
            FROM documents d JOIN clients c ON c.id = d.client_id
            WHERE {kind_filter}
              AND (?3 IS NULL OR d.client_id = ?3)
              AND (?2 = '%%' OR d.number LIKE ?2 ESCAPE '\\' OR c.name LIKE ?2 ESCAPE '\\'
                   OR d.title LIKE ?2 ESCAPE '\\')
         ), shown AS (
            SELECT *,
              shown_status(kind, status, ?1, valid_until, due_date, total_incl, paid, credited)
                AS shown_status,
              COALESCE(issue_date, substr(created_at, 1, 10)) AS date
            FROM money
         ), kept AS (
            SELECT * FROM shown
             WHERE (?4 IS NULL OR shown_status = ?4)
               AND (?7 IS NULL OR date >= ?7) AND (?8 IS NULL OR date <= ?8)
               AND (?9 = 0 OR (kind IN ('invoice', 'deposit') AND status = 'issued'
                               AND COALESCE(total_incl, 0) - paid - credited > 0))
         )"
    );
    let pattern = p.pattern();
    let today = today.format("%Y-%m-%d").to_string();
    let total: i64 = conn.query_row(
        &format!("{base} SELECT count(*) FROM kept"),
        rusqlite::params![
            today,
            pattern,
            q.client_id,
            status,
            p.limit(),
            p.offset(),
            from,
            to,
            q.open
        ],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "{base} SELECT id, kind, number, shown_status, client_id, client_name, title, date,
                CASE kind WHEN 'quote' THEN valid_until ELSE due_date END,
                COALESCE(total_incl, 0), paid, credited, status, client_currency, snapshot
         FROM kept ORDER BY {order} LIMIT ?5 OFFSET ?6"
    ))?;
    let rows = stmt.query_map(
        rusqlite::params![
            today,
            pattern,
            q.client_id,
            status,
            p.limit(),
            p.offset(),
            from,
            to,
            q.open
        ],
        |r| {
            let kind: Kind = r.get(1)?;
            let total: i64 = r.get(9)?;
            let paid: i64 = r.get(10)?;
            let credited: i64 = r.get(11)?;
            let stored: DocStatus = r.get(12)?;
            let invoice_like =
                matches!(kind, Kind::Invoice | Kind::Deposit) && stored == DocStatus::Issued;
            let snapshot: Option<String> = r.get(14)?;
            // Issued documents keep the currency they were issued in.
            let currency = snapshot
                .as_deref()
                .and_then(|s| serde_json::from_str::<serde_json::Value>(s).ok())
                .and_then(|v| {
                    v.get("currency")
                        .and_then(|c| c.as_str())
                        .map(str::to_owned)
                })
                .map_or_else(|| r.get::<_, String>(13), Ok)?;
            Ok(DocumentRow {
                id: r.get(0)?,
                kind,
                number: r.get(2)?,
                status: r.get(3)?,
                client_id: r.get(4)?,
                client_name: r.get(5)?,
                title: r.get(6)?,
                date: r.get(7)?,
                due_date: r.get(8)?,
                total_incl: total,
                outstanding: if invoice_like {
                    (total - paid - credited).max(0)
                } else {
                    0
                },
                currency,
            })
        },
    )?;
    let items = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(p.page_of(items, total))
}
