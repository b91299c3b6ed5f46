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
use rusqlite::types::Value;
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

/// Adds a bound value; its placeholder.
fn arg(args: &mut Vec<Value>, v: Value) -> String {
    args.push(v);
    format!("?{}", args.len())
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
    // The date a list shows and sorts by: the issue date, or the day a draft was
    // made. Written as the expression index `documents_by_date` is (0006), so the
    // newest page is read from that index, not by sorting every document.
    const DATE: &str = "COALESCE(d.issue_date, substr(d.created_at, 1, 10))";
    let order = match p.sort {
        DocumentSort::Date => format!("{DATE} {dir}, d.id {dir}"),
        DocumentSort::Number => format!("d.number IS NULL, d.number {dir}, d.id {dir}"),
        DocumentSort::Client => format!("c.name COLLATE NOCASE {dir}, {DATE} DESC, d.id DESC"),
        DocumentSort::Total => format!("COALESCE(d.total_incl, 0) {dir}, d.id {dir}"),
    };
    // Only the filters asked for are written, each with its own numbered
    // parameter: an unfiltered count then reads an index, never the wide rows.
    let mut args: Vec<Value> = Vec::new();
    let mut filters = vec![kind_filter];
    // A status the user sees depends on the money: the open receivables (kept
    // by triggers) narrow the candidates first, so « En retard » over 100 000
    // invoices reads the few open ones.
    const OPEN: &str = "d.id IN (SELECT document_id FROM receivables WHERE settled < total)";
    match status {
        Some(ShownStatus::Overdue | ShownStatus::PartiallyPaid) => filters.push(OPEN.into()),
        Some(ShownStatus::Issued) => filters.push(format!("(d.kind = 'credit_note' OR {OPEN})")),
        _ if q.open => filters.push(OPEN.into()),
        _ => {}
    }
    if let Some(client) = q.client_id {
        filters.push(format!("d.client_id = {}", arg(&mut args, client.into())));
    }
    if !p.search().is_empty() {
        let like = arg(&mut args, p.pattern().into());
        filters.push(format!(
            "(d.number LIKE {like} ESCAPE '\\' OR d.title LIKE {like} ESCAPE '\\'
              OR d.client_id IN (SELECT id FROM clients WHERE name LIKE {like} ESCAPE '\\'))"
        ));
    }
    if let Some(from) = from {
        filters.push(format!("{DATE} >= {}", arg(&mut args, from.into())));
    }
    if let Some(to) = to {
        filters.push(format!("{DATE} <= {}", arg(&mut args, to.into())));
    }
    let paid = "(SELECT COALESCE(SUM(amount), 0) FROM payments p WHERE p.document_id = d.id)";
    let credited = "(SELECT COALESCE(SUM(n.total_incl), 0) FROM documents n
                      WHERE n.corrects_id = d.id AND n.kind = 'credit_note' AND n.status = 'issued')";
    let today = today.format("%Y-%m-%d").to_string();
    let shown = |on: &str| {
        format!(
            "shown_status(d.kind, d.status, {on}, d.valid_until, d.due_date, d.total_incl, {paid}, {credited})"
        )
    };
    // The money is computed for the candidates only when a filter needs it, and
    // otherwise for the page's rows alone.
    let mut on = None;
    if let Some(st) = status {
        let today = arg(&mut args, today.clone().into());
        let code = arg(&mut args, st.as_str().to_owned().into());
        filters.push(format!("{} = {code}", shown(&today)));
        on = Some(today);
    }
    if q.open {
        filters.push(format!(
            "d.kind IN ('invoice', 'deposit') AND d.status = 'issued'
             AND COALESCE(d.total_incl, 0) - {paid} - {credited} > 0"
        ));
    }
    let filters = filters.join("\n AND ");
    // The page prefers the order of the date index to the kind index, which
    // would sort every document of the kind (`+` keeps the kind term off indexes).
    let page_filters = filters.replacen("d.kind IN", "+d.kind IN", 1);
    let counted = args.len();
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM documents d WHERE {filters}"),
        rusqlite::params_from_iter(&args[..counted]),
        |r| r.get(0),
    )?;
    let on = on.unwrap_or_else(|| arg(&mut args, today.into()));
    // The clients are joined to sort by their name only: a page by date is then
    // read from the date index alone.
    let by_client = if p.sort == DocumentSort::Client {
        "JOIN clients c ON c.id = d.client_id"
    } else {
        ""
    };
    let shown = shown(&on);
    let (limit, offset) = (
        arg(&mut args, p.limit().into()),
        arg(&mut args, p.offset().into()),
    );
    let mut stmt = conn.prepare_cached(&format!(
        "WITH page AS (
            SELECT d.id FROM documents d {by_client}
             WHERE {page_filters}
             ORDER BY {order} LIMIT {limit} OFFSET {offset}
         )
         SELECT d.id, d.kind, d.number, {shown}, d.client_id, c.name, d.title, {DATE},
                CASE d.kind WHEN 'quote' THEN d.valid_until ELSE d.due_date END,
                COALESCE(d.total_incl, 0), {paid}, {credited}, d.status,
                COALESCE(d.currency, c.currency)
           FROM page JOIN documents d ON d.id = page.id JOIN clients c ON c.id = d.client_id
          ORDER BY {order}"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(&args), |r| {
        let kind: Kind = r.get(1)?;
        let total: i64 = r.get(9)?;
        let paid: i64 = r.get(10)?;
        let credited: i64 = r.get(11)?;
        let stored: DocStatus = r.get(12)?;
        let invoice_like =
            matches!(kind, Kind::Invoice | Kind::Deposit) && stored == DocStatus::Issued;
        // Issued documents keep the currency they were issued in (0006).
        let currency: String = r.get(13)?;
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
    })?;
    let items = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(p.page_of(items, total))
}
