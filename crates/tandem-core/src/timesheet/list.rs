//! The entries a view shows — a month, a client, a collaboration, billable or
//! not, billed or not — one page at a time, with the totals of *everything* the
//! filters keep (not only the page), and the same rows as CSV.

use super::entries::{from_row, Entry, SELECT};
use super::EntryState;
use crate::catalog::{Code, Currency, Language};
use crate::error::{Error, Result};
use crate::locale;
use crate::paging::{Direction, Page, PageQuery, SortKey};
use crate::pricing::hours_value;
use chrono::NaiveDate;
use rusqlite::{types::Value as SqlValue, Connection, ToSql};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntrySort {
    #[default]
    Day,
    Duration,
    Collaboration,
}

impl SortKey for EntrySort {
    /// The latest day first.
    fn default_direction(self) -> Direction {
        match self {
            EntrySort::Day => Direction::Desc,
            _ => Direction::Asc,
        }
    }
}

/// Whether entries are billed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Billed {
    /// On an issued invoice.
    Billed,
    /// On no issued invoice (free, or kept by a draft).
    Unbilled,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct EntryQuery {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub client_id: Option<i64>,
    pub collaboration_id: Option<i64>,
    pub billable: Option<bool>,
    pub billed: Option<Billed>,
    #[serde(flatten)]
    pub paging: PageQuery<EntrySort>,
}

/// What hours are worth, in one currency.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Value {
    pub currency: Currency,
    pub cents: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Totals {
    pub minutes: i64,
    pub billable_minutes: i64,
    /// Billable hours at the hourly rate of their collaboration, per currency
    /// (flat fees and commissions do not sell hours: they add nothing).
    pub values: Vec<Value>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EntryList {
    #[serde(flatten)]
    pub page: Page<Entry>,
    pub totals: Totals,
}

/// A WHERE clause being built: `@` in a clause is its parameter's place.
struct Where {
    clauses: Vec<String>,
    params: Vec<SqlValue>,
}

impl Where {
    fn push(&mut self, clause: &str, v: SqlValue) {
        self.params.push(v);
        let n = self.params.len();
        self.clauses.push(clause.replace('@', &format!("?{n}")));
    }
}

/// The WHERE clause and its parameters for the query's filters.
fn filters(q: &EntryQuery) -> (String, Vec<SqlValue>) {
    let mut w = Where {
        clauses: vec!["1 = 1".to_owned()],
        params: Vec::new(),
    };
    if let Some(d) = q.from {
        w.push("t.day >= @", d.to_string().into());
    }
    if let Some(d) = q.to {
        w.push("t.day <= @", d.to_string().into());
    }
    if let Some(id) = q.client_id {
        w.push("k.client_id = @", id.into());
    }
    if let Some(id) = q.collaboration_id {
        w.push("t.collaboration_id = @", id.into());
    }
    if let Some(b) = q.billable {
        w.push("t.billable = @", i64::from(b).into());
    }
    if !q.paging.search().is_empty() {
        // The three LIKEs share one parameter.
        w.push(
            "(t.note LIKE @ ESCAPE '\\' OR k.title LIKE @ ESCAPE '\\' OR c.name LIKE @ ESCAPE '\\')",
            q.paging.pattern().into(),
        );
    }
    match q.billed {
        Some(Billed::Billed) => w
            .clauses
            .push("d.status IS NOT NULL AND d.status <> 'draft'".into()),
        Some(Billed::Unbilled) => w
            .clauses
            .push("(d.status IS NULL OR d.status = 'draft')".into()),
        None => {}
    }
    (w.clauses.join(" AND "), w.params)
}

pub fn list(conn: &Connection, q: &EntryQuery) -> Result<EntryList> {
    let p = &q.paging;
    p.check()?;
    if let (Some(f), Some(t)) = (q.from, q.to) {
        if t < f {
            return Err(Error::field(
                "to",
                "end_before_start",
                "the period ends before it starts",
            ));
        }
    }
    let (clause, params) = filters(q);
    let order = match p.sort {
        EntrySort::Day => format!("t.day {0}, t.id {0}", p.direction.sql()),
        EntrySort::Duration => format!("t.minutes {0}, t.day DESC, t.id", p.direction.sql()),
        EntrySort::Collaboration => {
            format!(
                "k.title COLLATE NOCASE {0}, t.day DESC, t.id",
                p.direction.sql()
            )
        }
    };
    let bind: Vec<&dyn ToSql> = params.iter().map(|v| v as &dyn ToSql).collect();
    let mut st = conn.prepare(&format!(
        "{SELECT} WHERE {clause} ORDER BY {order} LIMIT {} OFFSET {}",
        p.limit(),
        p.offset()
    ))?;
    let items = st
        .query_map(&bind[..], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (count, totals) = totals(conn, &clause, &bind)?;
    Ok(EntryList {
        page: p.page_of(items, count),
        totals,
    })
}

/// The count and totals of every entry the filters keep, grouped by
/// collaboration so that each one's hours are valued at its own rate.
fn totals(conn: &Connection, clause: &str, bind: &[&dyn ToSql]) -> Result<(i64, Totals)> {
    let mut st = conn.prepare(&format!(
        "SELECT COUNT(*), SUM(t.minutes), SUM(t.minutes * t.billable),
                k.pricing_model, k.hourly_rate_cents, c.currency
           FROM time_entries t
           JOIN collaborations k ON k.id = t.collaboration_id
           JOIN clients c ON c.id = k.client_id
           LEFT JOIN documents d ON d.id = t.document_id
          WHERE {clause}
          GROUP BY t.collaboration_id"
    ))?;
    let mut count = 0;
    let mut t = Totals {
        minutes: 0,
        billable_minutes: 0,
        values: Vec::new(),
    };
    let mut rows = st.query(bind)?;
    while let Some(r) = rows.next()? {
        count += r.get::<_, i64>(0)?;
        let minutes: i64 = r.get(1)?;
        let billable: i64 = r.get(2)?;
        t.minutes += minutes;
        t.billable_minutes += billable;
        let model: String = r.get(3)?;
        let rate: Option<i64> = r.get(4)?;
        let currency: Currency = r.get(5)?;
        if let (true, Some(rate)) = (model == "hourly", rate) {
            let cents = hours_value(billable, rate);
            match t.values.iter_mut().find(|v| v.currency == currency) {
                Some(v) => v.cents += cents,
                None => t.values.push(Value { currency, cents }),
            }
        }
    }
    t.values.sort_by_key(|v| v.currency.as_str());
    Ok((count, t))
}

/// Every entry the filters keep (all pages, in the list's order) as CSV for a
/// spreadsheet: in French, `;`-separated with decimal commas and a byte-order
/// mark, as French Excel and LibreOffice read it; in English, commas.
pub fn csv(conn: &Connection, q: &EntryQuery, lang: Language) -> Result<String> {
    let mut all = q.clone();
    all.paging.page = 0;
    all.paging.page_size = crate::paging::MAX_PAGE_SIZE;
    let fr = lang == Language::Fr;
    let mut w = crate::spreadsheet::Sheet::new(lang);
    let head = if fr {
        [
            "Date",
            "Client",
            "Collaboration",
            "Tâche",
            "Note",
            "Durée (h:mm)",
            "Heures",
            "Facturable",
            "Facture",
        ]
    } else {
        [
            "Date",
            "Client",
            "Collaboration",
            "Task",
            "Note",
            "Duration (h:mm)",
            "Hours",
            "Billable",
            "Invoice",
        ]
    };
    w.row(head)?;
    loop {
        let page = list(conn, &all)?;
        for e in &page.page.items {
            // Decimal hours to the hundredth for sums in a spreadsheet; the
            // h:mm column beside them is exact.
            let hundredths = crate::pricing::div_round(i128::from(e.minutes) * 100, 60) as i64;
            let hours = locale::decimal(hundredths, 2, lang);
            let invoice = match e.state {
                EntryState::Billed => e.document_number.clone().unwrap_or_default(),
                EntryState::OnDraft => locale::pick(lang, "brouillon", "draft").to_owned(),
                EntryState::Unbilled => String::new(),
            };
            w.row([
                e.day.to_string(),
                e.client_name.clone(),
                e.collaboration_title.clone(),
                e.task
                    .map(|t| locale::task_area(t, lang))
                    .unwrap_or("")
                    .to_owned(),
                e.note.clone().unwrap_or_default(),
                format!("{}:{:02}", e.minutes / 60, e.minutes % 60),
                hours,
                locale::pick(
                    lang,
                    if e.billable { "oui" } else { "non" },
                    if e.billable { "yes" } else { "no" },
                )
                .to_owned(),
                invoice,
            ])?;
        }
        let seen = (all.paging.page + 1) * all.paging.page_size;
        if seen >= page.page.total {
            break;
        }
        all.paging.page += 1;
    }
    w.finish()
}
