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

use chrono::{Datelike, Days, NaiveDate};
use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use tandem_core::db::Database;
use tandem_core::documents::{self, DocumentQuery};
use tandem_core::figures::{dashboard, receipts};
use tandem_core::testing::{self, acme, micro};

const CLIENTS: i64 = 5_000;
const WORKED_FOR: i64 = 200;

/// Ten years of invoices, each written as the app writes it (a draft, its
/// lines, then issued with a frozen snapshot, so every trigger runs), and paid
/// 0 to 40 days later — but the last few weeks' and one in 33.
fn generate(db: &Database, invoices: i64, entries: i64) -> Duration {
    let t = Instant::now();
    let first = NaiveDate::from_ymd_opt(2016, 12, 1).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let days = (today - first).num_days();
    db.write(|tx| {
        let mut client = tx.prepare(
            "INSERT INTO clients (name, country, doc_language, currency, postal_code, city, archived, created_at, updated_at)
             VALUES (?1, 'FR', 'fr', 'EUR', '69002', 'Lyon', 0, 'x', 'x')",
        )?;
        for c in 1..=CLIENTS {
            client.execute([format!("Client {c:04} SARL")])?;
        }
        for k in 1..=WORKED_FOR {
            tx.execute(
                "INSERT INTO collaborations (client_id, title, role, status, start_date, pricing_model,
                    hourly_rate_cents, monthly_hours_minutes, overage_rate_cents, unused_hours, created_at, updated_at)
                 VALUES (?1, 'Assistanat', 'va', 'active', '2016-12-01', 'hourly', 4500, ?2, 5500, 'lost', 'x', 'x')",
                (k + 1, if k % 4 == 0 { Some(1200) } else { None }),
            )?;
        }
        let mut entry = tx.prepare(
            "INSERT INTO time_entries (collaboration_id, day, minutes, billable, created_at, updated_at)
             VALUES (?1, ?2, ?3, 1, 'x', 'x')",
        )?;
        for i in 0..entries {
            let day = first + Days::new((i * days / entries) as u64);
            entry.execute((1 + i % WORKED_FOR, day, 5 + (i * 7919) % 116))?;
        }
        let mut draft = tx.prepare(
            "INSERT INTO documents (kind, client_id, title, created_at, updated_at)
             VALUES ('invoice', ?1, ?2, ?3, ?3)",
        )?;
        let mut line = tx.prepare(
            "INSERT INTO document_lines (document_id, position, description, quantity, unit, unit_price, vat_rate, total_excl)
             VALUES (?1, ?2, ?3, ?4, 'h', 4500, 0, ?5)",
        )?;
        let mut issue = tx.prepare(
            "UPDATE documents SET status = 'issued', year = ?2, seq = ?3, number = ?4, issue_date = ?5,
                due_date = ?6, vat_case = 'franchise', total_excl = ?7, total_vat = 0, total_incl = ?7,
                snapshot = ?8, currency = 'EUR', payment_terms_days = 30
             WHERE id = ?1",
        )?;
        let mut pay = tx.prepare(
            "INSERT INTO payments (document_id, date, amount, method, created_at) VALUES (?1, ?2, ?3, 'transfer', ?2)",
        )?;
        let (mut year, mut seq) = (0, 0);
        for i in 0..invoices {
            let on = first + Days::new((i * days / invoices) as u64);
            if on.year() != year {
                (year, seq) = (on.year(), 0);
            }
            seq += 1;
            let client = 1 + (i * 7907) % CLIENTS;
            let created = format!("{on} 10:00:00");
            let title = format!("Assistance {}", on.format("%m/%Y"));
            draft.execute((client, &title, &created))?;
            let id = tx.last_insert_rowid();
            let mut total = 0;
            for (p, what) in ["Gestion de la boîte mail", "Community management", "Mise en page"].iter().enumerate() {
                let q = 1000 * (1 + (i + p as i64) % 6);
                line.execute((id, p as i64, what, q, q * 45 / 10))?;
                total += q * 45 / 10;
            }
            let number = format!("F-{year}-{seq:04}");
            let due = on + Days::new(30);
            let snapshot = format!(
                r#"{{"kind":"invoice","number":"{number}","issue_date":"{on}","due_date":"{due}","language":"fr","currency":"EUR","vat_case":"franchise","client":{{"name":"Client {client:04} SARL","address":["3 place Bellecour","69002 Lyon"],"country":"FR","private":false}},"lines":[{{"description":"Gestion de la boîte mail","quantity":1000,"unit_price":4500}},{{"description":"Community management","quantity":2000,"unit_price":4500}},{{"description":"Mise en page","quantity":3000,"unit_price":4500}}],"totals":{{"excl":{total},"vat_total":0,"incl":{total}}},"payment_terms_days":30}}"#
            );
            issue.execute(rusqlite::params![id, year, seq, number, on, due, total, snapshot])?;
            let paid_on = on + Days::new((i * 31 % 41) as u64);
            if i % 33 != 0 && paid_on <= today {
                pay.execute((id, paid_on, total))?;
            }
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
