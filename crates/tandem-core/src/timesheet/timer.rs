//! The timer: one at a time, its start instant stored (the `timer` table holds at
//! most one row), so it survives closing the app, a crash or a reboot. Stopping
//! records an entry on the day it started, rounded as set in Réglages, through
//! the same checks as an entry typed by hand.

use super::entries::{self, check_collaboration, Entry, EntryForm, EntryInput};
use crate::catalog::{Code, RoundingMode, TaskArea};
use crate::collaborations;
use crate::error::{Error, FieldError, Result};
use crate::settings::{self, Rounding};
use crate::validate::{self, Checker, Need, LINE_MAX};
use chrono::{DateTime, Local, NaiveDateTime, TimeZone, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// A timer running longer than this is asked about at start-up: keep it, set
/// its end, or discard it.
pub const STALE_AFTER_SECONDS: i64 = 10 * 3600;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TimerInput {
    pub collaboration_id: Option<i64>,
    pub task: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Running {
    pub collaboration_id: i64,
    pub collaboration_title: String,
    pub client_name: String,
    pub task: Option<TaskArea>,
    pub note: Option<String>,
    pub started_at: DateTime<Utc>,
    /// Seconds since it started, at the instant asked about.
    pub elapsed_seconds: i64,
    /// Running for more than ten hours: probably forgotten.
    pub stale: bool,
}

/// What stopping a timer did.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Stopped {
    pub collaboration_title: String,
    pub seconds: i64,
    /// The entry recorded; `None` when the rounded duration was zero.
    pub entry: Option<Entry>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Started {
    pub timer: Running,
    /// The timer that was running before, stopped by this start.
    pub stopped: Option<Stopped>,
}

/// Minutes recorded for `seconds` of work under `rounding`: whole minutes to the
/// nearest without a step; else up to, or to the nearest, multiple of the step.
pub fn rounded_minutes(seconds: i64, rounding: Rounding) -> i64 {
    let step = rounding.step.minutes() * 60;
    let seconds = seconds.max(0);
    let steps = match rounding.mode {
        _ if step == 60 => (seconds + 30) / 60,
        RoundingMode::Up => (seconds + step - 1) / step,
        RoundingMode::Nearest => (seconds + step / 2) / step,
    };
    steps * (step / 60)
}

pub fn get(conn: &Connection, now: DateTime<Utc>) -> Result<Option<Running>> {
    let row = conn
        .query_row(
            "SELECT t.collaboration_id, k.title, c.name, t.task, t.note, t.started_at
               FROM timer t JOIN collaborations k ON k.id = t.collaboration_id
               JOIN clients c ON c.id = k.client_id",
            [],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )
        .optional()?;
    let Some((collaboration_id, title, client, task, note, started)) = row else {
        return Ok(None);
    };
    let started_at = DateTime::parse_from_rfc3339(&started)
        .map_err(|e| Error::Unavailable(format!("timer start {started:?}: {e}")))?
        .with_timezone(&Utc);
    let elapsed = (now - started_at).num_seconds().max(0);
    Ok(Some(Running {
        collaboration_id,
        collaboration_title: title,
        client_name: client,
        task: task.as_deref().and_then(TaskArea::parse),
        note,
        started_at,
        elapsed_seconds: elapsed,
        stale: elapsed > STALE_AFTER_SECONDS,
    }))
}

/// Starts a timer on a collaboration; one already running is stopped first (its
/// entry recorded) and returned, so the UI can say so.
pub fn start(conn: &Connection, input: &TimerInput, now: DateTime<Utc>) -> Result<Started> {
    let mut c = Checker::new();
    let task = c.choice::<TaskArea>("task", &input.task, Need::Optional);
    let note = c.text("note", &input.note, Need::Optional, LINE_MAX);
    match input.collaboration_id {
        None => c.push("collaboration_id", "required", "choose a collaboration"),
        Some(id) => match collaborations::get(conn, id) {
            Ok(k) => {
                check_collaboration(&mut c, &k, Some(local_day(now)), None);
                if task.is_some_and(|t| !k.tasks.contains(&t)) {
                    c.push(
                        "task",
                        "task_not_delegated",
                        "not a task area of this collaboration",
                    );
                }
            }
            Err(Error::NotFound { .. }) => {
                c.push("collaboration_id", "not_found", "no such collaboration")
            }
            Err(e) => return Err(e),
        },
    }
    c.finish()?;
    let stopped = if get(conn, now)?.is_some() {
        Some(stop(conn, now)?)
    } else {
        None
    };
    conn.execute(
        "INSERT INTO timer (id, collaboration_id, task, note, started_at) VALUES (1, ?1, ?2, ?3, ?4)",
        params![input.collaboration_id, task, note, rfc3339(now)],
    )?;
    let timer = get(conn, now)?.ok_or_else(|| Error::Unavailable("timer vanished".into()))?;
    Ok(Started { timer, stopped })
}

/// Stops the running timer now.
pub fn stop(conn: &Connection, now: DateTime<Utc>) -> Result<Stopped> {
    stop_at(conn, now, now)
}

/// Stops the running timer as if at `end` (the end time she gives for a timer
/// left running): not before it started, not after now.
pub fn stop_at(conn: &Connection, end: DateTime<Utc>, now: DateTime<Utc>) -> Result<Stopped> {
    let running = get(conn, now)?.ok_or_else(no_timer)?;
    if end < running.started_at || end > now {
        return Err(Error::field(
            "end",
            "timer_end_out_of_range",
            "the end is between the timer's start and now",
        ));
    }
    let seconds = (end - running.started_at).num_seconds();
    let minutes = rounded_minutes(seconds, settings::rounding(conn)?);
    if minutes > super::MAX_DAY_MINUTES {
        return Err(Error::field(
            "end",
            "timer_too_long",
            "more than 24 hours: give the time it ended",
        ));
    }
    let entry = if minutes > 0 {
        let input = EntryInput {
            collaboration_id: Some(running.collaboration_id),
            day: local_day(running.started_at).to_string(),
            duration: format!("{}:{:02}", minutes / 60, minutes % 60),
            task: running
                .task
                .map(|t| t.as_str().to_owned())
                .unwrap_or_default(),
            note: running.note.clone().unwrap_or_default(),
            billable: true,
        };
        let today = local_day(now);
        let p = validate::parse(
            conn,
            &EntryForm {
                input: &input,
                today,
            },
            None,
        )?;
        Some(entries::insert(
            conn,
            &p,
            Some(&rfc3339(running.started_at)),
        )?)
    } else {
        None
    };
    conn.execute("DELETE FROM timer", [])?;
    Ok(Stopped {
        collaboration_title: running.collaboration_title,
        seconds,
        entry,
    })
}

/// The end time she types for a forgotten timer ("2026-11-30T18:30", local time).
pub fn parse_local(text: &str) -> Result<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M")
        .ok()
        .and_then(|t| Local.from_local_datetime(&t).earliest())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| {
            Error::Invalid(vec![FieldError::new(
                "end",
                "invalid_date",
                format!("{text:?} is not a date and time"),
            )])
        })
}

/// Throws the running timer away without recording anything.
pub fn discard(conn: &Connection) -> Result<()> {
    if conn.execute("DELETE FROM timer", [])? == 0 {
        return Err(no_timer());
    }
    Ok(())
}

fn no_timer() -> Error {
    Error::field("timer", "no_timer", "no timer is running")
}

/// The local calendar day of an instant: an entry belongs to the day its work
/// started on, where she is.
pub fn local_day(t: DateTime<Utc>) -> chrono::NaiveDate {
    t.with_timezone(&Local).date_naive()
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
