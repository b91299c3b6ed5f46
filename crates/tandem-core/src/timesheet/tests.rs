//! Time entries, the timer, the week grid, the list and the gauges, on real files.

use super::entries::{self, EntryInput};
use super::list::{self, Billed, EntryQuery};
use super::timer::{self, rounded_minutes, TimerInput};
use super::week::{self, CellInput, WeekQuery};
use super::{gauges, EntryState};
use crate::catalog::{BankLevel, RoundingMode, TimeRounding};
use crate::collaborations;
use crate::error::Error;
use crate::settings::{self, Rounding};
use crate::testing::{acme, day, hourly, micro, seeded, TempDb};
use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;

const TODAY: &str = "2026-11-30";

fn today() -> chrono::NaiveDate {
    day(TODAY)
}

/// A VA with one client and one hourly collaboration (45 €, a bank of `bank`).
fn setup(bank: &str) -> (TempDb, i64) {
    let (t, client) = seeded(micro(), acme());
    let k =
        t.db.write(|tx| collaborations::create(tx, &hourly(client, "45", bank, "carried_over")))
            .unwrap();
    (t, k.id)
}

fn entry(k: i64, d: &str, duration: &str) -> EntryInput {
    EntryInput {
        collaboration_id: Some(k),
        day: d.into(),
        duration: duration.into(),
        ..EntryInput::default()
    }
}

fn codes(e: &Error) -> Vec<(&str, &'static str)> {
    e.field_errors()
        .iter()
        .map(|f| (f.field.as_str(), f.code))
        .collect()
}

fn count(t: &TempDb) -> i64 {
    t.db.read(|c| Ok(c.query_row("SELECT COUNT(*) FROM time_entries", [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn durations_as_people_type_them() {
    let (t, k) = setup("");
    for (typed, minutes) in [
        ("1:30", 90),
        ("1,5", 90),
        ("1h30", 90),
        ("90 min", 90),
        ("2", 120),
    ] {
        let e =
            t.db.write(|tx| entries::create(tx, &entry(k, "2026-11-02", typed), today()))
                .unwrap();
        assert_eq!(e.minutes, minutes, "{typed}");
        assert_eq!(e.state, EntryState::Unbilled);
        assert!(e.billable);
        assert_eq!(e.client_name, "Atelier Lumière");
    }
}

#[test]
fn bad_entries_are_refused_and_nothing_is_written() {
    let (t, k) = setup("");
    let ended =
        t.db.write(|tx| {
            let client = collaborations::get(tx, k)?.client_id;
            let mut input = hourly(client, "45", "", "lost");
            input.status = "ended".into();
            input.end_date = "2026-10-31".into();
            collaborations::create(tx, &input)
        })
        .unwrap()
        .id;
    t.db.write(|tx| entries::create(tx, &entry(k, "2026-11-03", "20:00"), today()))
        .unwrap();
    let cases: Vec<(EntryInput, (&str, &str))> = vec![
        (
            entry(k, "2026-11-02", "0"),
            ("duration", "duration_not_positive"),
        ),
        (entry(k, "2026-11-02", "-1"), ("duration", "invalid_hours")),
        (entry(k, "2026-11-02", "25"), ("duration", "day_over_24h")),
        // 20 h already that day.
        (entry(k, "2026-11-03", "4:01"), ("duration", "day_over_24h")),
        (entry(k, "2026-12-01", "1"), ("day", "date_in_future")),
        (
            entry(k, "2025-12-31", "1"),
            ("day", "outside_collaboration"),
        ),
        (
            entry(ended, "2026-10-02", "1"),
            ("collaboration_id", "collaboration_ended"),
        ),
        (entry(k, "2026-02-30", "1"), ("day", "invalid_date")),
        (
            EntryInput {
                task: "visuals".into(),
                ..entry(k, "2026-11-02", "1")
            },
            ("task", "task_not_delegated"),
        ),
        (
            EntryInput {
                collaboration_id: None,
                ..entry(k, "2026-11-02", "1")
            },
            ("collaboration_id", "required"),
        ),
    ];
    for (input, expected) in cases {
        let err =
            t.db.write(|tx| entries::create(tx, &input, today()))
                .unwrap_err();
        assert!(
            codes(&err).contains(&expected),
            "{input:?}: {:?}",
            codes(&err)
        );
        let asked =
            t.db.read(|c| entries::validate(c, &input, None, today()))
                .unwrap();
        assert!(asked.iter().any(|f| (f.field.as_str(), f.code) == expected));
    }
    assert_eq!(count(&t), 1, "only the first entry was written");
}

#[test]
fn an_archived_clients_collaboration_takes_no_new_time() {
    let (t, k) = setup("");
    t.db.write(|tx| {
        let client = collaborations::get(tx, k)?.client_id;
        crate::clients::set_archived(tx, client, true).map(drop)
    })
    .unwrap();
    let err =
        t.db.write(|tx| entries::create(tx, &entry(k, "2026-11-02", "1"), today()))
            .unwrap_err();
    assert_eq!(codes(&err), [("collaboration_id", "client_archived")]);
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn rounding_of_a_stopped_timer() {
    let r = |step, mode| Rounding { step, mode };
    let none = r(TimeRounding::None, RoundingMode::Up);
    assert_eq!(rounded_minutes(29, none), 0);
    assert_eq!(rounded_minutes(30, none), 1);
    assert_eq!(rounded_minutes(61 * 60 + 10, none), 61);
    let up15 = r(TimeRounding::Fifteen, RoundingMode::Up);
    assert_eq!(rounded_minutes(1, up15), 15);
    assert_eq!(rounded_minutes(15 * 60, up15), 15);
    assert_eq!(rounded_minutes(15 * 60 + 1, up15), 30);
    let near10 = r(TimeRounding::Ten, RoundingMode::Nearest);
    assert_eq!(rounded_minutes(4 * 60 + 59, near10), 0);
    assert_eq!(rounded_minutes(5 * 60, near10), 10);
    assert_eq!(rounded_minutes(14 * 60 + 59, near10), 10);
    let up5 = r(TimeRounding::Five, RoundingMode::Up);
    assert_eq!(rounded_minutes(0, up5), 0);
}

#[test]
fn one_timer_that_survives_reopening_and_records_a_rounded_entry() {
    let (t, k) = setup("");
    t.db.write(|tx| settings::set_rounding(tx, "5", "up"))
        .unwrap();
    let start = Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
    let started =
        t.db.write(|tx| {
            timer::start(
                tx,
                &TimerInput {
                    collaboration_id: Some(k),
                    task: "meetings".into(),
                    note: "Agenda de décembre".into(),
                },
                start,
            )
        })
        .unwrap();
    assert!(started.stopped.is_none());
    assert_eq!(started.timer.elapsed_seconds, 0);
    // Closing the app and opening the file again: the start instant is stored.
    let path = t.db.path().to_owned();
    drop(t.db);
    let db = crate::db::Database::open(&path).unwrap();
    let later = start + chrono::Duration::minutes(47) + chrono::Duration::seconds(3);
    let running = db.read(|c| timer::get(c, later)).unwrap().unwrap();
    assert_eq!(running.elapsed_seconds, 47 * 60 + 3);
    assert!(!running.stale);
    // Starting another stops the first and says so.
    let other = db
        .write(|tx| {
            timer::start(
                tx,
                &TimerInput {
                    collaboration_id: Some(k),
                    ..TimerInput::default()
                },
                later,
            )
        })
        .unwrap();
    let stopped = other.stopped.unwrap();
    let e = stopped.entry.unwrap();
    assert_eq!(e.minutes, 50, "47 min 3 s rounded up to 5 minutes");
    assert_eq!(e.note.as_deref(), Some("Agenda de décembre"));
    assert_eq!(e.day, timer::local_day(start));
    assert_eq!(e.started_at.as_deref(), Some("2026-11-30T09:00:00Z"));
    // The table holds one timer at most, whatever SQL tries.
    let second = db.write(|tx| {
        tx.execute(
            "INSERT INTO timer (id, collaboration_id, started_at) VALUES (2, ?1, 'x')",
            [k],
        )?;
        Ok(())
    });
    assert!(second.is_err());
    // Under a minute of "nearest": nothing recorded, and the timer is gone.
    db.write(|tx| settings::set_rounding(tx, "5", "nearest"))
        .unwrap();
    let s = db
        .write(|tx| timer::stop(tx, later + chrono::Duration::seconds(100)))
        .unwrap();
    assert!(s.entry.is_none());
    assert!(db.read(|c| timer::get(c, later)).unwrap().is_none());
    let err = db.write(|tx| timer::stop(tx, later)).unwrap_err();
    assert_eq!(err.code(), "no_timer");
}

#[test]
fn a_forgotten_timer_is_stale_and_is_ended_at_a_given_time_or_discarded() {
    let (t, k) = setup("");
    let start = at("2026-11-29T08:00:00Z");
    let input = TimerInput {
        collaboration_id: Some(k),
        ..TimerInput::default()
    };
    t.db.write(|tx| timer::start(tx, &input, start)).unwrap();
    let now = at("2026-11-30T08:00:00Z");
    let running = t.db.read(|c| timer::get(c, now)).unwrap().unwrap();
    assert!(running.stale, "24 hours");
    // Stopping now would be 24 hours and more: refused, still running.
    let too_long =
        t.db.write(|tx| timer::stop(tx, now + chrono::Duration::minutes(1)));
    assert_eq!(too_long.unwrap_err().code(), "timer_too_long");
    // An end before the start, or after now, is refused.
    for end in [at("2026-11-29T07:00:00Z"), at("2026-11-30T09:00:00Z")] {
        let err = t.db.write(|tx| timer::stop_at(tx, end, now)).unwrap_err();
        assert_eq!(codes(&err), [("end", "timer_end_out_of_range")]);
    }
    let s =
        t.db.write(|tx| timer::stop_at(tx, at("2026-11-29T11:30:00Z"), now))
            .unwrap();
    assert_eq!(s.entry.unwrap().minutes, 210);
    t.db.write(|tx| timer::start(tx, &input, now)).unwrap();
    t.db.write(|tx| timer::discard(tx)).unwrap();
    assert_eq!(count(&t), 1);
    assert_eq!(
        t.db.write(|tx| timer::discard(tx)).unwrap_err().code(),
        "no_timer"
    );
}

#[test]
fn a_timer_on_an_ended_collaboration_is_refused() {
    let (t, k) = setup("");
    t.db.write(|tx| {
        tx.execute(
            "UPDATE collaborations SET status = 'ended', end_date = '2026-11-01' WHERE id = ?1",
            [k],
        )?;
        Ok(())
    })
    .unwrap();
    let err =
        t.db.write(|tx| {
            timer::start(
                tx,
                &TimerInput {
                    collaboration_id: Some(k),
                    ..TimerInput::default()
                },
                at("2026-11-30T08:00:00Z"),
            )
        })
        .unwrap_err();
    assert!(codes(&err).contains(&("collaboration_id", "collaboration_ended")));
}

/// Attaches entries to a draft invoice of the collaboration, and optionally
/// issues it, the way billing a month does (by SQL here: the rule under test is
/// the database's).
fn attach_to_invoice(t: &TempDb, k: i64, issue: bool) -> i64 {
    t.db.write(|tx| {
        let client = collaborations::get(tx, k)?.client_id;
        let doc = crate::documents::create(
            tx,
            &crate::documents::DocumentInput {
                kind: "invoice".into(),
                client_id: Some(client),
                service_from: "2026-11-01".into(),
                lines: vec![crate::documents::LineInput {
                    description: "Assistanat".into(),
                    quantity: "1".into(),
                    unit_price: "100".into(),
                    ..Default::default()
                }],
                ..Default::default()
            },
            today(),
        )?;
        tx.execute("UPDATE time_entries SET document_id = ?1", [doc.id])?;
        if issue {
            crate::documents::issue(tx, doc.id, today())?;
        }
        Ok(doc.id)
    })
    .unwrap()
}

#[test]
fn a_billed_entry_is_frozen_by_the_core_and_by_the_database() {
    let (t, k) = setup("");
    let e =
        t.db.write(|tx| entries::create(tx, &entry(k, "2026-11-02", "2"), today()))
            .unwrap();
    let doc = attach_to_invoice(&t, k, false);
    let on_draft = t.db.read(|c| entries::get(c, e.id)).unwrap();
    assert_eq!(on_draft.state, EntryState::OnDraft);
    let err =
        t.db.write(|tx| entries::update(tx, e.id, &entry(k, "2026-11-02", "3"), today()))
            .unwrap_err();
    assert_eq!(codes(&err), [("id", "entry_on_draft")]);
    t.db.write(|tx| crate::documents::issue(tx, doc, today()).map(drop))
        .unwrap();
    let billed = t.db.read(|c| entries::get(c, e.id)).unwrap();
    assert_eq!(billed.state, EntryState::Billed);
    assert!(billed
        .document_number
        .as_deref()
        .unwrap()
        .starts_with("F-2026-"));
    let err =
        t.db.write(|tx| entries::update(tx, e.id, &entry(k, "2026-11-02", "3"), today()))
            .unwrap_err();
    assert_eq!(codes(&err), [("id", "entry_billed")]);
    assert_eq!(
        t.db.write(|tx| entries::delete(tx, e.id))
            .unwrap_err()
            .code(),
        "entry_billed"
    );
    // Straight SQL is refused too, for every column and for a delete.
    for sql in [
        "UPDATE time_entries SET minutes = 1",
        "UPDATE time_entries SET billable = 0",
        "UPDATE time_entries SET document_id = NULL",
        "UPDATE time_entries SET day = '2026-11-03'",
        "DELETE FROM time_entries",
    ] {
        let r = t.db.write(|tx| Ok(tx.execute(sql, [])?));
        let msg = r.unwrap_err().to_string();
        assert!(msg.contains("billed time entries"), "{sql}: {msg}");
    }
    // Nor can an entry be slipped onto the issued invoice afterwards.
    let r = t.db.write(|tx| {
        Ok(tx.execute(
            "INSERT INTO time_entries (collaboration_id, day, minutes, document_id, created_at, updated_at)
             VALUES (?1, '2026-11-04', 60, ?2, 'x', 'x')",
            [k, doc],
        )?)
    });
    assert!(r.unwrap_err().to_string().contains("billed time entries"));
    let still = t.db.read(|c| entries::get(c, e.id)).unwrap();
    assert_eq!((still.minutes, still.billable), (120, true));
}

#[test]
fn deleting_the_draft_frees_its_entries() {
    let (t, k) = setup("");
    let e =
        t.db.write(|tx| entries::create(tx, &entry(k, "2026-11-02", "2"), today()))
            .unwrap();
    let doc = attach_to_invoice(&t, k, false);
    t.db.write(|tx| crate::documents::delete(tx, doc)).unwrap();
    let freed = t.db.read(|c| entries::get(c, e.id)).unwrap();
    assert_eq!(
        (freed.state, freed.document_id),
        (EntryState::Unbilled, None)
    );
    t.db.write(|tx| entries::delete(tx, e.id)).unwrap();
}

#[test]
fn the_week_grid_and_typing_in_a_cell() {
    let (t, k) = setup("");
    let cell = |d: &str, duration: &str| CellInput {
        collaboration_id: Some(k),
        day: d.into(),
        duration: duration.into(),
    };
    // Monday 23 to Sunday 29 November 2026.
    t.db.write(|tx| week::set_cell(tx, &cell("2026-11-23", "2:30"), today()))
        .unwrap();
    t.db.write(|tx| week::set_cell(tx, &cell("2026-11-25", "1"), today()))
        .unwrap();
    t.db.write(|tx| week::set_cell(tx, &cell("2026-11-25", "1h15"), today()))
        .unwrap();
    let q = WeekQuery {
        day: Some(day("2026-11-26")),
        ..WeekQuery::default()
    };
    let w = t.db.read(|c| week::week(c, &q, today())).unwrap();
    assert_eq!(w.monday, day("2026-11-23"));
    assert_eq!(w.rows.len(), 1);
    let row = &w.rows[0];
    assert!(row.open);
    assert_eq!(row.cells[0].minutes, 150);
    assert_eq!(
        row.cells[2].minutes, 75,
        "the cell's entry was changed, not added to"
    );
    assert_eq!(row.cells[2].entries, 1);
    assert_eq!((row.total, w.day_totals[2], w.total), (225, 75, 225));
    // Clearing a cell deletes its entry; a cell of two entries is not typed over.
    t.db.write(|tx| week::set_cell(tx, &cell("2026-11-23", ""), today()))
        .unwrap();
    t.db.write(|tx| entries::create(tx, &entry(k, "2026-11-25", "1"), today()))
        .unwrap();
    let err =
        t.db.write(|tx| week::set_cell(tx, &cell("2026-11-25", "3"), today()))
            .unwrap_err();
    assert_eq!(codes(&err), [("duration", "cell_has_several")]);
    let w = t.db.read(|c| week::week(c, &q, today())).unwrap();
    assert_eq!(
        (w.rows[0].cells[0].minutes, w.rows[0].cells[2].minutes),
        (0, 135)
    );
    // A bad duration in a cell gets the entry's own refusal.
    let err =
        t.db.write(|tx| week::set_cell(tx, &cell("2026-11-24", "30"), today()))
            .unwrap_err();
    assert_eq!(codes(&err), [("duration", "day_over_24h")]);
}

#[test]
fn the_list_filters_totals_and_csv() {
    let (t, k) = setup("");
    for (d, dur, billable, note) in [
        ("2026-11-02", "2", true, "Tri; « urgent »"),
        ("2026-11-03", "1:20", false, "Formation"),
        ("2026-10-30", "1", true, ""),
    ] {
        t.db.write(|tx| {
            entries::create(
                tx,
                &EntryInput {
                    billable,
                    note: note.into(),
                    ..entry(k, d, dur)
                },
                today(),
            )
        })
        .unwrap();
    }
    let november = EntryQuery {
        from: Some(day("2026-11-01")),
        to: Some(day("2026-11-30")),
        ..EntryQuery::default()
    };
    let l = t.db.read(|c| list::list(c, &november)).unwrap();
    assert_eq!(l.page.total, 2);
    assert_eq!(l.page.items[0].day, day("2026-11-03"), "latest first");
    assert_eq!((l.totals.minutes, l.totals.billable_minutes), (200, 120));
    assert_eq!(l.totals.values.len(), 1);
    assert_eq!(l.totals.values[0].cents, 9000, "2 billable hours at 45 €");
    let billable = EntryQuery {
        billable: Some(false),
        ..november.clone()
    };
    assert_eq!(
        t.db.read(|c| list::list(c, &billable)).unwrap().page.total,
        1
    );
    let unbilled = EntryQuery {
        billed: Some(Billed::Billed),
        ..november.clone()
    };
    assert_eq!(
        t.db.read(|c| list::list(c, &unbilled)).unwrap().page.total,
        0
    );
    let mut search = november.clone();
    search.paging.search = "urgent".into();
    assert_eq!(t.db.read(|c| list::list(c, &search)).unwrap().page.total, 1);
    let csv =
        t.db.read(|c| list::csv(c, &november, crate::catalog::Language::Fr))
            .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("\u{feff}Date;Client;Collaboration;"));
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[1],
        "2026-11-03;Atelier Lumière;Assistanat;;Formation;1:20;1,33;non;"
    );
    assert_eq!(
        lines[2],
        "2026-11-02;Atelier Lumière;Assistanat;;\"Tri; « urgent »\";2:00;2;oui;"
    );
    let en =
        t.db.read(|c| list::csv(c, &november, crate::catalog::Language::En))
            .unwrap();
    assert!(en.starts_with("Date,Client,"));
    assert!(en.contains(",1:20,1.33,no,"));
}

#[test]
fn a_bank_warns_at_80_percent_and_alerts_at_100_with_the_overage() {
    let (t, k) = setup("10");
    let gauge = |t: &TempDb, month: &str| {
        t.db.read(|c| {
            let k = collaborations::get(c, k)?;
            gauges::gauge(c, &k, month)
        })
        .unwrap()
        .unwrap()
    };
    // October: 6 h of the 10 → 4 h carried into November.
    t.db.write(|tx| entries::create(tx, &entry(k, "2026-10-05", "6"), today()))
        .unwrap();
    // A bank with carry-over since January: the months before had nothing used,
    // but a one-month roll-over only ever brings one month's bank.
    let oct = gauge(&t, "2026-10");
    assert_eq!((oct.carried_minutes, oct.used_minutes), (600, 360));
    let g = gauge(&t, "2026-11");
    assert_eq!(g.carried_minutes, 600, "October's unused bank, not more");
    t.db.write(|tx| {
        tx.execute(
            "UPDATE collaborations SET start_date = '2026-10-01' WHERE id = ?1",
            [k],
        )?;
        Ok(())
    })
    .unwrap();
    let g = gauge(&t, "2026-11");
    assert_eq!(
        (g.bank_minutes, g.carried_minutes, g.available_minutes),
        (600, 240, 840)
    );
    assert_eq!(g.level, BankLevel::Ok);
    t.db.write(|tx| entries::create(tx, &entry(k, "2026-11-02", "11"), today()))
        .unwrap();
    let g = gauge(&t, "2026-11");
    assert_eq!((g.percent, g.level), (78, BankLevel::Ok));
    t.db.write(|tx| entries::create(tx, &entry(k, "2026-11-03", "0:30"), today()))
        .unwrap();
    let g = gauge(&t, "2026-11");
    assert_eq!((g.percent, g.level), (82, BankLevel::Warning));
    // Not billable: does not count.
    t.db.write(|tx| {
        entries::create(
            tx,
            &EntryInput {
                billable: false,
                ..entry(k, "2026-11-04", "5")
            },
            today(),
        )
    })
    .unwrap();
    assert_eq!(gauge(&t, "2026-11").used_minutes, 690);
    t.db.write(|tx| entries::create(tx, &entry(k, "2026-11-05", "3"), today()))
        .unwrap();
    let g = gauge(&t, "2026-11");
    assert_eq!((g.level, g.overage_minutes), (BankLevel::Alert, 870 - 840));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::testing::cases(24)))]

    /// The monthly sums the triggers keep equal a GROUP BY over the entries after
    /// any sequence of creates, edits (moving day, month, billable) and deletes.
    #[test]
    fn time_months_follow_the_entries(ops in proptest::collection::vec((0u8..3, 1u32..28, 0u32..3, 1i64..600, any::<bool>()), 1..40)) {
        let (t, k) = setup("");
        let mut ids: Vec<i64> = Vec::new();
        for (op, d, m, minutes, billable) in ops {
            let day = format!("2026-{:02}-{d:02}", 9 + m);
            let input = EntryInput { billable, ..entry(k, &day, &format!("{minutes} min")) };
            match (op, ids.last().copied()) {
                (1, Some(id)) => { t.db.write(|tx| entries::update(tx, id, &input, today())).unwrap(); }
                (2, Some(_)) => { let id = ids.pop().unwrap(); t.db.write(|tx| entries::delete(tx, id)).unwrap(); }
                _ => {
                    if let Ok(e) = t.db.write(|tx| entries::create(tx, &input, today())) { ids.push(e.id); }
                }
            }
        }
        type Months = Vec<(String, i64, i64)>;
        let (kept, truth): (Months, Months) = t.db.read(|c| {
            let q = |sql: &str| -> crate::Result<Months> {
                let mut st = c.prepare(sql)?;
                let v = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
                Ok(v)
            };
            Ok((
                q("SELECT month, minutes, billable_minutes FROM time_months WHERE minutes > 0 ORDER BY month")?,
                q("SELECT substr(day, 1, 7), SUM(minutes), SUM(minutes * billable) FROM time_entries GROUP BY 1 ORDER BY 1")?,
            ))
        }).unwrap();
        prop_assert_eq!(kept, truth);
    }
}
