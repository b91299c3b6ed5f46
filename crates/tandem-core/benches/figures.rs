//! A realistic ten-year business on a real file: 5 000 clients, 100 000 issued
//! invoices of 3 lines each, payments on 97 % of them, 1 000 000 time entries.
//! Prints the dashboard's whole query set (and each of its parts), a global
//! search, an invoice-list page and the year's receipts book, then the
//! `EXPLAIN QUERY PLAN` of every statement the dashboard, the search, the list
//! and the book ran. Targets (issue 12): dashboard ≤ 50 ms, search and list page
//! ≤ 10 ms, receipts book ≤ 100 ms.
//!
//! Run: `cargo bench -p tandem-core --bench figures` (`FIGURES_BENCH_INVOICES=10000
//! FIGURES_BENCH_ENTRIES=100000` for a smaller file). Nothing is asserted: speed is measured, not tested.
#![allow(clippy::unwrap_used)]

use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tandem_core::documents::{self, DocumentQuery};
use tandem_core::figures::{dashboard, receipts};
use tandem_core::testing::{self, acme, micro};

use tandem_core::testing::{ten_years as generate, TEN_YEARS_CLIENTS as CLIENTS};

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
        "  {label:<46} median {:>8.2} ms   worst {:>8.2} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Every statement run while tracing, as SQLite expanded it (bound values in).
static TRACED: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

fn main() {
    let invoices: i64 = std::env::var("FIGURES_BENCH_INVOICES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let entries: i64 = std::env::var("FIGURES_BENCH_ENTRIES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let (t, _) = testing::seeded(micro(), acme());
    let took = generate(&t.db, invoices, entries);
    t.db.read(|c| {
        c.execute_batch("ANALYZE")?;
        Ok(())
    })
    .unwrap();
    let size = std::fs::metadata(t.db.path()).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(t.db.path().with_extension("db-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "{CLIENTS} clients, {invoices} invoices (3 lines), {entries} time entries over 10 years: generated in {:.0} s, file {:.0} MB",
        took.as_secs_f64(),
        size as f64 / 1e6
    );
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let d = t.db.read(|c| dashboard::dashboard(c, today)).unwrap();
    println!(
        "dashboard: outstanding {} invoices, overdue {}, {} client rates, {} banks, {} reminders due",
        d.outstanding.count,
        d.overdue.count,
        d.rates.len(),
        d.banks.len(),
        d.reminders_due.len()
    );
    let from = NaiveDate::from_ymd_opt(2025, 12, 1).unwrap();
    let k = t.db.read(tandem_core::settings::figures::get).unwrap();
    measure("dashboard, every figure (one call)", 30, || {
        t.db.read(|c| dashboard::dashboard(c, today)).unwrap()
    });
    let paid = t.db.read(|c| dashboard::paid_in(c, from, today)).unwrap();
    measure("  · 12 months of payments, one pass", 30, || {
        t.db.read(|c| dashboard::paid_in(c, from, today)).unwrap()
    });
    measure("  · 12 months invoiced (+ collected from it)", 30, || {
        t.db.read(|c| dashboard::months(c, from, today, &paid))
            .unwrap()
    });
    measure("  · outstanding + overdue", 30, || {
        t.db.read(|c| Ok((dashboard::owed(c, None)?, dashboard::owed(c, Some(today))?)))
            .unwrap()
    });
    measure("  · quotes", 30, || {
        t.db.read(|c| dashboard::quotes(c, from, today)).unwrap()
    });
    measure("  · hour banks (active collaborations)", 30, || {
        t.db.read(|c| dashboard::banks(c, today)).unwrap()
    });
    measure(
        "  · effective hourly rate per client (hours + it)",
        30,
        || {
            t.db.read(|c| dashboard::rates(c, from, today, &paid))
                .unwrap()
        },
    );
    measure("  · ceilings (from it)", 30, || {
        dashboard::thresholds(&k, today, &paid)
    });
    measure("  · overdue list with reminders", 30, || {
        t.db.read(|c| documents::reminders::overdue(c, today))
            .unwrap()
    });
    for q in ["F-2024-0042", "Client 4321", "boîte", "zz%_"] {
        measure(&format!("global search {q:?}"), 50, || {
            t.db.read(|c| tandem_core::search::search(c, q)).unwrap()
        });
    }
    let page = DocumentQuery {
        kinds: vec!["invoice".into(), "deposit".into(), "credit_note".into()],
        ..DocumentQuery::default()
    };
    measure("invoice list, first page (newest first)", 30, || {
        t.db.read(|c| documents::list(c, &page, today)).unwrap()
    });
    let overdue = DocumentQuery {
        status: Some("overdue".into()),
        ..page.clone()
    };
    measure("invoice list, overdue filter", 10, || {
        t.db.read(|c| documents::list(c, &overdue, today)).unwrap()
    });
    let book = t.db.read(|c| receipts::book(c, 2026)).unwrap();
    println!("receipts book 2026: {} receipts", book.receipts.len());
    measure("receipts book, year 2026", 20, || {
        t.db.read(|c| receipts::book(c, 2026)).unwrap()
    });

    // The plans: every distinct statement the calls above ran, traced on a second
    // connection to the same file (tracing needs the connection to itself).
    let mut c = rusqlite::Connection::open(t.db.path()).unwrap();
    tandem_core::status::register(&c).unwrap();
    c.trace_v2(
        rusqlite::trace::TraceEventCodes::SQLITE_TRACE_STMT,
        Some(|e: rusqlite::trace::TraceEvent<'_>| {
            if let rusqlite::trace::TraceEvent::Stmt(stmt, sql) = e {
                // Statements of triggers ("-- …") are planned with their own.
                if !sql.starts_with("--") && !sql.starts_with("PRAGMA") {
                    let text = stmt.expanded_sql().unwrap_or_else(|| sql.to_owned());
                    TRACED.lock().unwrap().push((stmt.sql().into_owned(), text));
                }
            }
        }),
    )
    .unwrap();
    (|| -> tandem_core::Result<()> {
        dashboard::dashboard(&c, today)?;
        tandem_core::search::search(&c, "F-2024-0042")?;
        documents::list(&c, &page, today)?;
        receipts::book(&c, 2026)?;
        Ok(())
    })()
    .unwrap();
    c.trace_v2(
        rusqlite::trace::TraceEventCodes::empty(),
        None::<fn(rusqlite::trace::TraceEvent<'_>)>,
    )
    .unwrap();
    (|| -> rusqlite::Result<()> {
        // One plan per statement, with the values of its first run.
        let mut seen = BTreeSet::new();
        let traced: Vec<(String, String)> = TRACED.lock().unwrap().clone();
        let distinct: Vec<String> = traced
            .into_iter()
            .filter(|(text, _)| seen.insert(text.clone()))
            .map(|(_, expanded)| expanded)
            .collect();
        println!(
            "\nEXPLAIN QUERY PLAN of the {} distinct statements run:",
            distinct.len()
        );
        for sql in distinct {
            let flat: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
            println!("\n{}", flat.chars().take(160).collect::<String>());
            let mut st = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            let rows = st.query_map([], |r| r.get::<_, String>(3))?;
            for r in rows {
                println!("    {}", r?);
            }
        }
        Ok(())
    })()
    .unwrap();
}
