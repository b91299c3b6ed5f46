//! How fast the client list answers at 10 000 clients (and 100 000), on a real file.
//!
//! Run: `cargo bench -p tandem-core --bench clients`
//! Prints the median and worst time of each query over repeated runs; nothing is
//! asserted (speed is measured, not tested).
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};
use tandem_core::clients::{self, ArchivedFilter, ClientQuery, ClientSort};
use tandem_core::db::Database;
use tandem_core::paging::{Direction, PageQuery};
use tandem_core::testing::{self, TempDb};

fn fill(db: &Database, n: usize) {
    db.write(|tx| {
        let mut st = tx.prepare(
            "INSERT INTO clients (name, contact_name, email, city, country, doc_language, currency, archived, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, 'FR', 'fr', 'EUR', ?5, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        )?;
        for i in 0..n {
            st.execute((
                format!("Entreprise {i:05} Conseil"),
                format!("Contact {}", i % 997),
                format!("contact{i}@exemple.fr"),
                format!("Ville {}", i % 101),
                i % 10 == 0,
            ))?;
        }
        let mut k = tx.prepare(
            "INSERT INTO collaborations (client_id, title, role, status, start_date, pricing_model, hourly_rate_cents, unused_hours, created_at, updated_at)
             VALUES (?1, 'Assistanat', 'va', 'active', '2026-01-01', 'hourly', 4500, 'lost', 'x', 'x')",
        )?;
        for id in (1..=n as i64).step_by(3) {
            k.execute([id])?;
        }
        Ok(())
    })
    .unwrap();
}

fn measure(label: &str, db: &Database, q: &ClientQuery) {
    let mut times: Vec<Duration> = (0..30)
        .map(|_| {
            let t = Instant::now();
            let page = db.read(|c| clients::list(c, q)).unwrap();
            std::hint::black_box(page);
            t.elapsed()
        })
        .collect();
    times.sort();
    println!(
        "  {label:<44} median {:>8.2} ms   worst {:>8.2} ms",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    for n in [10_000, 100_000] {
        let TempDb { db, dir: _dir } = testing::temp_db();
        let t = Instant::now();
        fill(&db, n);
        println!(
            "{n} clients (+{} collaborations) inserted in {:.0} ms",
            n.div_ceil(3),
            ms(t.elapsed())
        );
        let base = PageQuery::<ClientSort>::default();
        let active = |paging: PageQuery<ClientSort>| ClientQuery {
            paging,
            ..Default::default()
        };
        measure("first page, by name", &db, &active(base.clone()));
        measure(
            "last page, by name",
            &db,
            &active(PageQuery {
                page: (n as i64 * 9 / 10) / 50,
                ..base.clone()
            }),
        );
        measure(
            "first page, by name desc",
            &db,
            &active(PageQuery {
                direction: Direction::Desc,
                ..base.clone()
            }),
        );
        measure(
            "by city",
            &db,
            &active(PageQuery {
                sort: ClientSort::City,
                ..base.clone()
            }),
        );
        measure(
            "by active collaborations",
            &db,
            &active(PageQuery {
                sort: ClientSort::Collaborations,
                direction: Direction::Desc,
                ..base.clone()
            }),
        );
        measure(
            "search \"conseil\" (matches all)",
            &db,
            &active(PageQuery {
                search: "conseil".into(),
                ..base.clone()
            }),
        );
        measure(
            "search \"00042\" (matches 1)",
            &db,
            &active(PageQuery {
                search: "00042".into(),
                ..base.clone()
            }),
        );
        measure(
            "all (incl. archived), 200 per page",
            &db,
            &ClientQuery {
                archived: ArchivedFilter::All,
                paging: PageQuery {
                    page_size: 200,
                    ..base.clone()
                },
            },
        );
    }
}
