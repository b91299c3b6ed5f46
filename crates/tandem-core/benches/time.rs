//! Ten years of a busy VA: 50 collaborations (every pricing model), 1 000 000 time
//! entries, on a real file. Prints the week view, the month list with the totals
//! of every collaboration, and the « Fin de mois » preview of all of them.
//! Targets (issue 11): week view ≤ 10 ms, « Fin de mois » preview ≤ 50 ms.
//!
//! Run: `cargo bench -p tandem-core --bench time` (`TIME_BENCH_ENTRIES=100000`
//! for a smaller file). Nothing is asserted: speed is measured, not tested.
#![allow(clippy::unwrap_used)]

use chrono::{Days, NaiveDate};
use std::time::{Duration, Instant};
use tandem_core::db::Database;
use tandem_core::ops::billing;
use tandem_core::testing::{self, acme, micro};
use tandem_core::timesheet::list::{self, EntryQuery};
use tandem_core::timesheet::week::{self, WeekQuery};

const COLLABORATIONS: i64 = 50;

/// The 50 collaborations: 20 hourly with a bank (half carried over), 10 hourly
/// without, 10 monthly flat fees with indicative hours, 5 fixed plus commission,
/// 5 project flat fees.
fn collaborations(db: &Database, client: i64) {
    db.write(|tx| {
        for i in 0..COLLABORATIONS {
            let (model, cols) = match i {
                0..=19 => (
                    "hourly",
                    format!(
                        "4500, {}, 5500, '{}', NULL, NULL, NULL, NULL, NULL",
                        600 + i * 30,
                        if i % 2 == 0 { "carried_over" } else { "lost" }
                    ),
                ),
                20..=29 => ("hourly", "4000, NULL, NULL, 'lost', NULL, NULL, NULL, NULL, NULL".into()),
                30..=39 => ("monthly_flat", "NULL, NULL, NULL, NULL, 150000, 1800, NULL, NULL, NULL".into()),
                40..=44 => ("fixed_plus_commission", "NULL, NULL, NULL, NULL, NULL, NULL, 50000, 1000, NULL".into()),
                _ => ("project_flat", "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 900000".into()),
            };
            tx.execute_batch(&format!(
                "INSERT INTO collaborations (client_id, title, role, status, start_date, pricing_model,
                    hourly_rate_cents, monthly_hours_minutes, overage_rate_cents, unused_hours,
                    monthly_amount_cents, indicative_hours_minutes, fixed_amount_cents, commission_bps,
                    project_amount_cents, created_at, updated_at)
                 VALUES ({client}, 'Collaboration {i:02}', 'va', 'active', '2016-12-01', '{model}', {cols}, 'x', 'x')"
            ))?;
        }
        Ok(())
    })
    .unwrap();
}

/// `n` entries spread over the ten years before 2026-12-01, round-robin over the
/// collaborations, 5 to 120 minutes each, one in eight not billable. Written in
/// SQL straight (the triggers keep `time_months`), not through the form's checks.
fn entries(db: &Database, n: i64) -> Duration {
    let first = NaiveDate::from_ymd_opt(2016, 12, 1).unwrap();
    let days = (NaiveDate::from_ymd_opt(2026, 12, 1).unwrap() - first).num_days();
    let t = Instant::now();
    db.write(|tx| {
        let mut st = tx.prepare(
            "INSERT INTO time_entries (collaboration_id, day, minutes, task, billable, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 'x', 'x')",
        )?;
        for i in 0..n {
            let day = first + Days::new((i * days / n) as u64);
            let task = if i % 3 == 0 { Some("email_triage") } else { None };
            st.execute((1 + i % COLLABORATIONS, day, 5 + (i * 7919) % 116, task, i % 8 != 0))?;
        }
        Ok(())
    })
    .unwrap();
    t.elapsed()
}

fn measure<T>(label: &str, runs: usize, mut f: impl FnMut() -> T) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "  {label:<52} median {:>8.2} ms   worst {:>8.2} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let n: i64 = std::env::var("TIME_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let (t, client) = testing::seeded(micro(), acme());
    collaborations(&t.db, client);
    let took = entries(&t.db, n);
    let size = std::fs::metadata(t.db.path()).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(t.db.path().with_extension("db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "{n} entries, {COLLABORATIONS} collaborations over 10 years: generated in {:.1} s, file {:.0} MB",
        took.as_secs_f64(),
        size as f64 / 1e6
    );
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    let week_q = WeekQuery {
        day: Some(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
        ..WeekQuery::default()
    };
    let w = t.db.read(|c| week::week(c, &week_q, today)).unwrap();
    println!(
        "week of {}: {} rows, {} min",
        w.monday,
        w.rows.len(),
        w.total
    );
    measure("week view (Temps › Semaine)", 50, || {
        t.db.read(|c| week::week(c, &week_q, today)).unwrap()
    });
    let mut month_q = EntryQuery {
        from: NaiveDate::from_ymd_opt(2026, 11, 1),
        to: NaiveDate::from_ymd_opt(2026, 11, 30),
        ..EntryQuery::default()
    };
    month_q.paging.page_size = 200;
    let l = t.db.read(|c| list::list(c, &month_q)).unwrap();
    println!(
        "November: {} entries, {} min",
        l.page.total, l.totals.minutes
    );
    measure(
        "month list, first 200 + totals of all (Temps › Mois)",
        30,
        || t.db.read(|c| list::list(c, &month_q)).unwrap(),
    );
    measure(
        "month totals of every collaboration (time_months)",
        50,
        || {
            t.db.read(|c| {
            let mut st = c.prepare_cached(
                "SELECT collaboration_id, minutes, billable_minutes FROM time_months WHERE month = ?1",
            )?;
            let v: Vec<(i64, i64, i64)> = st
                .query_map(["2026-11"], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(v)
        })
        .unwrap()
        },
    );
    let plans =
        t.db.read(|c| billing::month_end(c, "2026-11", today))
            .unwrap();
    println!("« Fin de mois »: {} collaborations", plans.len());
    measure("« Fin de mois » preview of all 50", 30, || {
        t.db.read(|c| billing::month_end(c, "2026-11", today))
            .unwrap()
    });
}
