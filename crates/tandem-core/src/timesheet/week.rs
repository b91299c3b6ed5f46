//! The week grid: seven days × the collaborations she works on, each cell the
//! minutes of that day, totals per row and per column; and typing a duration in a
//! cell, which creates, changes or removes that day's entry.

use super::entries::{self, EntryInput};
use crate::error::{Error, Result};
use crate::validate::parse_hours;
use chrono::{Datelike, Days, NaiveDate};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct WeekQuery {
    /// Any day of the week; the grid starts on its Monday.
    pub day: Option<NaiveDate>,
    pub client_id: Option<i64>,
    pub collaboration_id: Option<i64>,
    pub billable: Option<bool>,
}

#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct Cell {
    pub minutes: i64,
    pub entries: i64,
    /// Some entry of the cell is on a draft or an issued invoice: typing there
    /// is refused, the entries are changed one by one (or not at all).
    pub locked: bool,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct WeekRow {
    pub collaboration_id: i64,
    pub collaboration_title: String,
    pub client_name: String,
    /// Whether new time may be typed in this row (not ended, client not archived).
    pub open: bool,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub cells: [Cell; 7],
    pub total: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Week {
    pub monday: NaiveDate,
    pub days: [NaiveDate; 7],
    pub rows: Vec<WeekRow>,
    pub day_totals: [i64; 7],
    pub total: i64,
}

pub fn monday_of(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

/// The week of `q.day` (or of `today`).
pub fn week(conn: &Connection, q: &WeekQuery, today: NaiveDate) -> Result<Week> {
    let monday = monday_of(q.day.unwrap_or(today));
    let days: [NaiveDate; 7] = std::array::from_fn(|i| monday + Days::new(i as u64));
    let sunday = days[6];
    // The rows: what was worked this week, and every collaboration she could work
    // on (active or paused, of a client still active, running during the week).
    let mut st = conn.prepare_cached(
        "SELECT k.id, k.title, c.name, k.status <> 'ended' AND c.archived = 0, k.start_date, k.end_date
           FROM collaborations k JOIN clients c ON c.id = k.client_id
          WHERE (?3 IS NULL OR k.client_id = ?3) AND (?4 IS NULL OR k.id = ?4)
            AND (k.id IN (SELECT collaboration_id FROM time_entries WHERE day BETWEEN ?1 AND ?2)
                 OR (k.status IN ('active', 'paused') AND c.archived = 0
                     AND (k.start_date IS NULL OR k.start_date <= ?2)
                     AND (k.end_date IS NULL OR k.end_date >= ?1)))
          ORDER BY c.name COLLATE NOCASE, k.title COLLATE NOCASE, k.id",
    )?;
    let mut rows: Vec<WeekRow> = st
        .query_map(
            params![monday, sunday, q.client_id, q.collaboration_id],
            |r| {
                Ok(WeekRow {
                    collaboration_id: r.get(0)?,
                    collaboration_title: r.get(1)?,
                    client_name: r.get(2)?,
                    open: r.get(3)?,
                    start_date: r.get(4)?,
                    end_date: r.get(5)?,
                    cells: [Cell::default(); 7],
                    total: 0,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    let mut st = conn.prepare_cached(
        "SELECT t.collaboration_id, t.day, SUM(t.minutes), COUNT(*),
                MAX(t.document_id IS NOT NULL)
           FROM time_entries t
          WHERE t.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR t.billable = ?3)
          GROUP BY t.collaboration_id, t.day",
    )?;
    let mut cells = st.query(params![monday, sunday, q.billable])?;
    let mut day_totals = [0i64; 7];
    while let Some(r) = cells.next()? {
        let id: i64 = r.get(0)?;
        let day: NaiveDate = r.get(1)?;
        let Some(row) = rows.iter_mut().find(|w| w.collaboration_id == id) else {
            continue; // filtered out
        };
        let i = (day - monday).num_days() as usize;
        let minutes: i64 = r.get(2)?;
        row.cells[i] = Cell {
            minutes,
            entries: r.get(3)?,
            locked: r.get(4)?,
        };
        row.total += minutes;
        day_totals[i] += minutes;
    }
    let total = day_totals.iter().sum();
    Ok(Week {
        monday,
        days,
        rows,
        day_totals,
        total,
    })
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CellInput {
    pub collaboration_id: Option<i64>,
    pub day: String,
    /// The cell's new total as typed; empty or zero removes the day's entry.
    pub duration: String,
}

/// Typing in a cell: an empty cell gets a new billable entry, a cell of one free
/// entry gets its duration changed (empty or 0 deletes it). A cell of several
/// entries, or of billed ones, is changed entry by entry.
pub fn set_cell(conn: &Connection, input: &CellInput, today: NaiveDate) -> Result<()> {
    let mut st = conn.prepare_cached(
        "SELECT id FROM time_entries WHERE collaboration_id = ?1 AND day = ?2 ORDER BY id",
    )?;
    let ids: Vec<i64> = st
        .query_map(params![input.collaboration_id, input.day.trim()], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    let clear =
        matches!(input.duration.trim(), "" | "0" | "0:00") || parse_hours(&input.duration) == Ok(0);
    match ids.as_slice() {
        [] if clear => Ok(()),
        [] => {
            let new = EntryInput {
                collaboration_id: input.collaboration_id,
                day: input.day.clone(),
                duration: input.duration.clone(),
                ..EntryInput::default()
            };
            entries::create(conn, &new, today).map(drop)
        }
        [id] => {
            let e = entries::get(conn, *id)?;
            if clear {
                return entries::delete(conn, *id);
            }
            entries::ensure_free(&e)?;
            let changed = EntryInput {
                collaboration_id: Some(e.collaboration_id),
                day: e.day.to_string(),
                duration: input.duration.clone(),
                task: e
                    .task
                    .map(|t| crate::catalog::Code::as_str(t).to_owned())
                    .unwrap_or_default(),
                note: e.note.unwrap_or_default(),
                billable: e.billable,
            };
            entries::update(conn, *id, &changed, today).map(drop)
        }
        _ => Err(Error::field(
            "duration",
            "cell_has_several",
            "this day has several entries: change them in the day's list",
        )),
    }
}
