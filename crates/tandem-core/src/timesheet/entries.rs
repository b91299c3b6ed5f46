//! Time entries: one stretch of work on a collaboration, in whole minutes.
//!
//! Invariant: an entry is on a collaboration that was running that day (not
//! ended, within its dates), no day holds more than 24 hours, and an entry billed
//! on an issued invoice never changes — this module refuses it with a coded error,
//! and the triggers of `0005_time.sql` refuse it to any SQL.

use super::{EntryState, MAX_DAY_MINUTES};
use crate::catalog::{CollaborationStatus, DocStatus, TaskArea};
use crate::collaborations::{self, Collaboration};
use crate::db::NOW;
use crate::error::{Error, FieldError, Result};
use crate::validate::{self, Checker, Form, Need, Quantity, LINE_MAX};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// The entry form as typed.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct EntryInput {
    pub collaboration_id: Option<i64>,
    /// YYYY-MM-DD.
    pub day: String,
    /// As people type it: "1:30", "1,5", "1h30", "90 min".
    pub duration: String,
    pub task: String,
    pub note: String,
    pub billable: bool,
}

impl Default for EntryInput {
    fn default() -> Self {
        Self {
            collaboration_id: None,
            day: String::new(),
            duration: String::new(),
            task: String::new(),
            note: String::new(),
            billable: true,
        }
    }
}

/// An entry as the screens show it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub collaboration_id: i64,
    pub collaboration_title: String,
    pub client_id: i64,
    pub client_name: String,
    pub day: NaiveDate,
    pub minutes: i64,
    pub task: Option<TaskArea>,
    pub note: Option<String>,
    pub billable: bool,
    pub state: EntryState,
    /// The draft or invoice that bills it, and its number once issued.
    pub document_id: Option<i64>,
    pub document_number: Option<String>,
    pub started_at: Option<String>,
}

/// An entry form with the day it is checked on (no entry in the future).
pub struct EntryForm<'a> {
    pub input: &'a EntryInput,
    pub today: NaiveDate,
}

/// A checked entry.
pub struct Parsed {
    pub collaboration_id: i64,
    pub day: NaiveDate,
    pub minutes: i64,
    pub task: Option<TaskArea>,
    pub note: Option<String>,
    pub billable: bool,
}

impl Form for EntryForm<'_> {
    type Parsed = Parsed;
    fn check(&self, conn: &Connection, editing: Option<i64>, c: &mut Checker) -> Result<Parsed> {
        let input = self.input;
        let current = editing.map(|id| get(conn, id)).transpose()?;
        if let Some(e) = &current {
            refuse_if_locked(c, e);
        }
        let collaboration = match input.collaboration_id {
            None => {
                c.push("collaboration_id", "required", "choose a collaboration");
                None
            }
            Some(id) => match collaborations::get(conn, id) {
                Ok(k) => Some(k),
                Err(Error::NotFound { .. }) => {
                    c.push("collaboration_id", "not_found", "no such collaboration");
                    None
                }
                Err(e) => return Err(e),
            },
        };
        let day = c.date("day", &input.day, Need::Required);
        if let Some(d) = day {
            if d > self.today {
                c.push("day", "date_in_future", "time is logged once it is worked");
            }
        }
        let minutes = c.number(
            "duration",
            &input.duration,
            Need::Required,
            Quantity::Hours,
            i64::MIN..=i64::MAX,
        );
        let minutes = match minutes {
            Some(m) if m <= 0 => {
                c.push(
                    "duration",
                    "duration_not_positive",
                    "a duration is more than zero",
                );
                None
            }
            Some(m) if m > MAX_DAY_MINUTES => {
                c.push("duration", "day_over_24h", "a day has 24 hours");
                None
            }
            m => m,
        };
        let task = c.choice::<TaskArea>("task", &input.task, Need::Optional);
        if let Some(k) = &collaboration {
            check_collaboration(c, k, day, current.as_ref());
            // A task area is one of the collaboration's (an old entry keeps its own).
            if let Some(t) = task {
                let kept = current
                    .as_ref()
                    .is_some_and(|e| e.task == Some(t) && e.collaboration_id == k.id);
                if !k.tasks.contains(&t) && !kept {
                    c.push(
                        "task",
                        "task_not_delegated",
                        "not a task area of this collaboration",
                    );
                }
            }
        }
        if let (Some(d), Some(m)) = (day, minutes) {
            let others: i64 = conn.query_row(
                "SELECT COALESCE(SUM(minutes), 0) FROM time_entries WHERE day = ?1 AND id IS NOT ?2",
                params![d, editing],
                |r| r.get(0),
            )?;
            if others + m > MAX_DAY_MINUTES {
                c.push("duration", "day_over_24h", "more than 24 hours on that day");
            }
        }
        let note = c.text("note", &input.note, Need::Optional, LINE_MAX);
        Ok(Parsed {
            collaboration_id: collaboration.map_or(0, |k| k.id),
            day: day.unwrap_or_default(),
            minutes: minutes.unwrap_or(0),
            task,
            note,
            billable: input.billable,
        })
    }
}

/// What refuses new time on a collaboration: ended, its client archived, or a day
/// outside its dates. `current` is the entry being edited, if any: it keeps the
/// collaboration it is on as long as its day stays within the dates.
pub(crate) fn check_collaboration(
    c: &mut Checker,
    k: &Collaboration,
    day: Option<NaiveDate>,
    current: Option<&Entry>,
) {
    let same = current.is_some_and(|e| e.collaboration_id == k.id);
    if !same {
        if k.status == CollaborationStatus::Ended {
            c.push(
                "collaboration_id",
                "collaboration_ended",
                "this collaboration has ended",
            );
        }
        if k.client_archived {
            c.push(
                "collaboration_id",
                "client_archived",
                "the client is archived",
            );
        }
    }
    if let Some(d) = day {
        let before = k.start_date.is_some_and(|s| d < s);
        let after = k.end_date.is_some_and(|e| d > e);
        if before || after {
            c.push(
                "day",
                "outside_collaboration",
                "the day is outside the collaboration's dates",
            );
        }
    }
}

fn refuse_if_locked(c: &mut Checker, e: &Entry) {
    match e.state {
        EntryState::Billed => c.push("id", "entry_billed", "a billed entry is frozen"),
        EntryState::OnDraft => c.push(
            "id",
            "entry_on_draft",
            "the entry is on a draft invoice: delete the draft to change it",
        ),
        EntryState::Unbilled => {}
    }
}

/// Refuses an entry a document keeps, with the code an edit of it gets.
pub(crate) fn ensure_free(e: &Entry) -> Result<()> {
    let mut c = Checker::new();
    refuse_if_locked(&mut c, e);
    c.finish()
}

pub fn validate(
    conn: &Connection,
    input: &EntryInput,
    editing: Option<i64>,
    today: NaiveDate,
) -> Result<Vec<FieldError>> {
    validate::errors(conn, &EntryForm { input, today }, editing)
}

pub fn create(conn: &Connection, input: &EntryInput, today: NaiveDate) -> Result<Entry> {
    let p = validate::parse(conn, &EntryForm { input, today }, None)?;
    insert(conn, &p, None)
}

pub(crate) fn insert(conn: &Connection, p: &Parsed, started_at: Option<&str>) -> Result<Entry> {
    conn.execute(
        &format!(
            "INSERT INTO time_entries (collaboration_id, day, minutes, task, note, billable,
                started_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, {NOW}, {NOW})"
        ),
        params![
            p.collaboration_id,
            p.day,
            p.minutes,
            p.task,
            p.note,
            p.billable,
            started_at
        ],
    )?;
    get(conn, conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, input: &EntryInput, today: NaiveDate) -> Result<Entry> {
    let p = validate::parse(conn, &EntryForm { input, today }, Some(id))?;
    conn.execute(
        &format!(
            "UPDATE time_entries SET collaboration_id = ?2, day = ?3, minutes = ?4, task = ?5,
                note = ?6, billable = ?7, updated_at = {NOW}
             WHERE id = ?1"
        ),
        params![
            id,
            p.collaboration_id,
            p.day,
            p.minutes,
            p.task,
            p.note,
            p.billable
        ],
    )?;
    get(conn, id)
}

/// Deletes an entry that no document bills.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    ensure_free(&get(conn, id)?)?;
    conn.execute("DELETE FROM time_entries WHERE id = ?1", [id])?;
    Ok(())
}

/// The columns every read of an entry selects, with its collaboration, client
/// and document (`t`, `k`, `c`, `d`).
pub(crate) const SELECT: &str = "SELECT t.id, t.collaboration_id, k.title, k.client_id, c.name,
        t.day, t.minutes, t.task, t.note, t.billable, t.document_id, d.status, d.number,
        t.started_at
    FROM time_entries t
    JOIN collaborations k ON k.id = t.collaboration_id
    JOIN clients c ON c.id = k.client_id
    LEFT JOIN documents d ON d.id = t.document_id";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Entry> {
    let status: Option<DocStatus> = r.get(11)?;
    Ok(Entry {
        id: r.get(0)?,
        collaboration_id: r.get(1)?,
        collaboration_title: r.get(2)?,
        client_id: r.get(3)?,
        client_name: r.get(4)?,
        day: r.get(5)?,
        minutes: r.get(6)?,
        task: r.get(7)?,
        note: r.get(8)?,
        billable: r.get(9)?,
        document_id: r.get(10)?,
        state: match status {
            None => EntryState::Unbilled,
            Some(DocStatus::Draft) => EntryState::OnDraft,
            Some(_) => EntryState::Billed,
        },
        document_number: r.get(12)?,
        started_at: r.get(13)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Entry> {
    conn.query_row(&format!("{SELECT} WHERE t.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            entity: "time entry",
            id,
            field: None,
        })
}
