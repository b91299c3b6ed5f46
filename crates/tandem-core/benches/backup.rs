//! Backups and the integrity chain on the ten-year file of the figures bench
//! (5 000 clients, 100 000 issued invoices of 3 lines, ~97 000 payments,
//! 1 000 000 time entries): how long sealing what exists takes (the migration
//! to schema 8 does it once), opening the file with its `quick_check`, a full
//! backup in steps (and the longest step, which bounds how long the backup
//! holds anything), checking a backup before a restore, and walking the whole
//! seal chain. Times and sizes are printed; nothing is asserted.
//!
//! Run: `cargo bench -p tandem-core --bench backup` (`FIGURES_BENCH_INVOICES=10000
//! FIGURES_BENCH_ENTRIES=100000` for a smaller file).
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};
use tandem_core::backup::{self, Reason};
use tandem_core::db::Database;
use tandem_core::integrity;
use tandem_core::testing::{self, acme, micro, TEN_YEARS_CLIENTS};

fn env(name: &str, default: i64) -> i64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn main() {
    let invoices = env("FIGURES_BENCH_INVOICES", 100_000);
    let entries = env("FIGURES_BENCH_ENTRIES", 1_000_000);
    let (t, _) = testing::seeded(micro(), acme());
    let took = testing::ten_years(&t.db, invoices, entries);
    let start = Instant::now();
    t.db.write(|tx| integrity::seal_existing(tx)).unwrap();
    let sealed = start.elapsed();
    let path = t.db.path().to_owned();
    t.db.read(|c| Ok(c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?))
        .unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "{TEN_YEARS_CLIENTS} clients, {invoices} invoices, {entries} time entries: generated in {:.0} s, sealed in {:.2} s, file {:.0} MB",
        took.as_secs_f64(),
        sealed.as_secs_f64(),
        mb(size)
    );
    drop(t.db);

    let start = Instant::now();
    let db = Database::open(&path).unwrap();
    println!(
        "open (quick_check + configure): {:.0} ms",
        start.elapsed().as_secs_f64() * 1e3
    );

    let dir = t.dir.path().join("backups");
    let mut longest = Duration::ZERO;
    let mut steps = 0;
    let mut last = Instant::now();
    let start = Instant::now();
    let b = backup::take(
        &path,
        &dir,
        Reason::Manual,
        tandem_core::chrono::Local::now().naive_local(),
        &mut |_| {
            steps += 1;
            longest = longest.max(last.elapsed());
            last = Instant::now();
        },
    )
    .unwrap();
    println!(
        "backup (copy in {steps} steps + integrity_check + fsync + rename): {:.2} s, {:.0} MB; longest step {:.0} ms",
        start.elapsed().as_secs_f64(),
        mb(b.size),
        longest.as_secs_f64() * 1e3
    );

    // A backup while the app writes: a write lands between the steps.
    let start = Instant::now();
    let writer = std::thread::scope(|s| {
        let h = s.spawn(|| {
            let mut n = 0;
            let until = Instant::now() + Duration::from_millis(300);
            while Instant::now() < until {
                db.write(|tx| Ok(tx.execute("UPDATE clients SET notes = 'x' WHERE id = 2", [])?))
                    .unwrap();
                n += 1;
            }
            n
        });
        backup::take(
            &path,
            &dir,
            Reason::Daily,
            tandem_core::chrono::Local::now().naive_local()
                + tandem_core::chrono::Duration::seconds(1),
            &mut |_| {},
        )
        .unwrap();
        h.join().unwrap()
    });
    println!(
        "backup while {writer} writes commit beside it: {:.2} s",
        start.elapsed().as_secs_f64()
    );

    let start = Instant::now();
    let c = backup::check(&b.path, &t.dir.path().join("candidate.db")).unwrap();
    println!(
        "check before a restore (copy + integrity_check + counts): {:.2} s ({} clients, {} issued)",
        start.elapsed().as_secs_f64(),
        c.clients,
        c.issued
    );

    let start = Instant::now();
    let r = db.read(integrity::verify).unwrap();
    println!(
        "integrity check of the whole chain: {:.2} s ({} documents, {} payments, intact: {})",
        start.elapsed().as_secs_f64(),
        r.documents,
        r.payments,
        r.intact()
    );
    let doc: i64 = db
        .read(|c| Ok(c.query_row("SELECT max(id) FROM documents", [], |r| r.get(0))?))
        .unwrap();
    let start = Instant::now();
    for _ in 0..100 {
        db.read(|c| integrity::check_one(c, integrity::Entity::Document, doc))
            .unwrap();
    }
    println!(
        "one document's seal (its page): {:.2} ms",
        start.elapsed().as_secs_f64() * 10.0
    );
}
