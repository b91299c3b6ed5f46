//! Backend → UI events: what changes without a click (the day turning, a backup
//! progressing and finished). Each event is a type with a fixed
//! name and a serializable payload, so what is sent is checked by the compiler;
//! the UI subscribes through `ui/js/events.js` (which lists the same names) and
//! `api.listen`. The window may listen and unlisten, nothing else
//! (`capabilities/default.json`): events only go from Rust to the UI.

use serde::Serialize;
use std::time::Duration;
use tandem_core::backup::BackupFile;
use tandem_core::chrono::{NaiveDateTime, NaiveTime};
use tauri::{AppHandle, Emitter, Runtime};

/// An event the UI can subscribe to.
pub trait UiEvent: Serialize + Clone {
    /// Its name on the wire (lowercase words joined by `-`), the same in
    /// `ui/js/events.js`.
    const NAME: &'static str;
}

/// Sends `event` to the window. A window that is gone or not listening is not an
/// error: the event is only logged as lost.
pub fn emit<R: Runtime, E: UiEvent>(app: &AppHandle<R>, event: &E) {
    if let Err(e) = app.emit(E::NAME, event.clone()) {
        log::warn!("event {} not sent: {e}", E::NAME);
    }
}

/// The local date changed while the app was open (midnight, a wake from sleep,
/// a time-zone change): "today" — overdue invoices, due onboarding items — moved.
#[derive(Debug, Clone, Serialize)]
pub struct DayChanged {
    /// The new local date, `YYYY-MM-DD`.
    pub today: String,
}

impl UiEvent for DayChanged {
    const NAME: &'static str = "day-changed";
}

#[derive(Debug, Clone, Serialize)]
/// A backup is being written (`backups.rs`): pages copied so far, of all.
pub struct BackupProgress {
    pub done: i64,
    pub total: i64,
}

impl UiEvent for BackupProgress {
    const NAME: &'static str = "backup-progress";
}

#[derive(Debug, Clone, Serialize)]
/// A backup was written and checked, or failed.
pub struct BackupFinished {
    /// The new backup, or `None` when it failed.
    pub file: Option<BackupFile>,
    /// The failure's code (`errors.<code>`), when it failed.
    pub error: Option<&'static str>,
    /// How many records the integrity check after the backup found altered.
    pub broken: usize,
}

impl UiEvent for BackupFinished {
    const NAME: &'static str = "backup-finished";
}

#[derive(Debug, Clone, Serialize)]
/// « Tout exporter » is writing its folder: files written so far, of all.
pub struct ExportProgress {
    pub done: usize,
    pub total: usize,
}

impl UiEvent for ExportProgress {
    const NAME: &'static str = "export-progress";
}

/// The page-by-page check run after start-up found the file damaged: the
/// window starts again on the damaged-file screen.
#[derive(Debug, Clone, Serialize)]
pub struct DatabaseDamaged {}

impl UiEvent for DatabaseDamaged {
    const NAME: &'static str = "database-damaged";
}

/// The longest wait between two looks at the clock: a computer that slept
/// through midnight says so within a minute of waking.
const LOOK_AT_LEAST_EVERY: Duration = Duration::from_secs(60);

/// How long to wait, at local time `now`, before looking at the date again: just
/// past the next midnight, or [`LOOK_AT_LEAST_EVERY`] if that comes first.
fn next_look(now: NaiveDateTime) -> Duration {
    let next_midnight = now
        .date()
        .succ_opt()
        .map(|d| d.and_time(NaiveTime::MIN))
        .unwrap_or(now);
    let until = (next_midnight - now).to_std().unwrap_or_default() + Duration::from_millis(500);
    until.min(LOOK_AT_LEAST_EVERY)
}

/// Emits [`DayChanged`] each time the local date changes, for the life of the app.
pub fn watch_the_day<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let mut today = tandem_core::today();
        loop {
            tokio::time::sleep(next_look(tandem_core::chrono::Local::now().naive_local())).await;
            let now = tandem_core::today();
            if now != today {
                today = now;
                emit(
                    &app,
                    &DayChanged {
                        today: today.format("%Y-%m-%d").to_string(),
                    },
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use tandem_core::chrono::NaiveDate;

    fn at(h: u32, m: u32, s: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 31)
            .and_then(|d| d.and_hms_opt(h, m, s))
            .expect("a valid time")
    }

    #[test]
    fn the_clock_is_read_just_after_midnight_and_at_least_every_minute() {
        assert_eq!(next_look(at(23, 59, 50)), Duration::from_millis(10_500));
        assert_eq!(next_look(at(12, 0, 0)), LOOK_AT_LEAST_EVERY);
        assert_eq!(next_look(at(0, 0, 0)), LOOK_AT_LEAST_EVERY);
    }

    #[test]
    fn events_travel_as_their_name_and_payload() {
        assert_eq!(DayChanged::NAME, "day-changed");
        let v = serde_json::to_value(DayChanged {
            today: "2027-01-01".into(),
        })
        .expect("serializable");
        assert_eq!(v, serde_json::json!({ "today": "2027-01-01" }));
    }
}
