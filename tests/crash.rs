//! Crash safety: a child process issues invoices, records and cancels payments
//! and takes backups in a loop, and is killed with SIGKILL at random moments.
//! After every kill the file must be whole (`integrity_check`), every document a
//! complete issued one or still a draft, the numbering without gap or
//! duplicate, the seal chain intact, and every backup in the folder restorable.
//!
//! The child is this same test binary run again on `child_loop` with
//! `TANDEM_CRASH_CHILD` set. `TANDEM_CRASH_KILLS` sets the number of kills
//! (200 by default, sized for CI's two cores; raise it for a deeper run).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tandem_core::backup::{self, Reason};
use tandem_core::db::Database;
use tandem_core::documents::{self, PaymentInput, ReversalInput};
use tandem_core::{clients, integrity, profile, testing};

const CHILD: &str = "TANDEM_CRASH_CHILD";

fn today() -> tandem_core::chrono::NaiveDate {
    testing::day("2026-11-27")
}

/// The child's endless work (returns at once in a normal test run).
#[test]
fn child_loop() {
    let Some(dir) = std::env::var_os(CHILD).map(PathBuf::from) else {
        return;
    };
    let backups = dir.join("backups");
    let db = Database::open_with_backups(&dir.join("tandem.db"), Some(&backups)).unwrap();
    // As the app does before a backup: what a killed backup left is removed.
    backup::clean_parts(&backups).unwrap();
    let client = db
        .write(|tx| {
            if let Some(c) = clients::list(tx, &Default::default())?.items.first() {
                return Ok(c.id);
            }
            profile::save(tx, &testing::micro(), today())?;
            Ok(clients::create(tx, &testing::acme())?.id)
        })
        .unwrap();
    let mut i: u64 = 0;
    loop {
        i += 1;
        let issue = !i.is_multiple_of(7); // every seventh stays a draft
        let paid = db
            .write_durable(|tx| {
                let input = testing::invoice(
                    client,
                    vec![testing::line(&format!("Assistance n° {i}"), "3", "40", "0")],
                );
                let d = documents::create(tx, &input, today())?;
                if !issue {
                    return Ok(None);
                }
                let d = documents::issue(tx, d.id, today())?;
                Ok(Some(d.id))
            })
            .unwrap();
        if let Some(doc) = paid {
            let d = db
                .write_durable(|tx| {
                    documents::add_payment(
                        tx,
                        doc,
                        &PaymentInput {
                            date: "2026-11-27".into(),
                            amount: "50".into(),
                            method: "transfer".into(),
                            note: String::new(),
                        },
                        today(),
                    )
                })
                .unwrap();
            if i.is_multiple_of(3) {
                let p = d.payments[0].id;
                db.write_durable(|tx| {
                    documents::reverse_payment(
                        tx,
                        p,
                        &ReversalInput {
                            date: "2026-11-28".into(),
                            reason: "Saisi par erreur".into(),
                        },
                        today(),
                    )
                })
                .unwrap();
            }
        }
        if i % 8 == 1 {
            let at = tandem_core::chrono::Local::now().naive_local();
            backup::take(db.path(), &backups, Reason::Manual, at, &mut |_| {}).unwrap();
            backup::rotate(&backups).unwrap();
        }
    }
}

/// A small xorshift: the kill times vary, and a failing run prints its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// What one look at the file after a kill found.
fn check_file(path: &Path, what: &str) -> (i64, i64) {
    let db = Database::open(path).unwrap_or_else(|e| panic!("{what}: does not open: {e}"));
    db.read(|c| {
        let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(ok, "ok", "{what}");
        // Every document is a complete issued one, or a draft without a number.
        let half: i64 = c.query_row(
            "SELECT count(*) FROM documents d
              WHERE (status = 'draft' AND (number IS NOT NULL OR seq IS NOT NULL))
                 OR (status <> 'draft' AND (number IS NULL OR snapshot IS NULL OR issue_date IS NULL
                     OR NOT EXISTS (SELECT 1 FROM document_lines l WHERE l.document_id = d.id)))",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(half, 0, "{what}: a half-issued document");
        let seqs: Vec<i64> = c
            .prepare("SELECT seq FROM documents WHERE status <> 'draft' ORDER BY seq")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        assert_eq!(
            seqs,
            (1..=seqs.len() as i64).collect::<Vec<_>>(),
            "{what}: numbering has a gap or a duplicate"
        );
        let report = integrity::verify(c)?;
        assert!(report.intact(), "{what}: {:?}", report.broken);
        Ok((report.documents, report.payments))
    })
    .unwrap()
}

#[test]
fn sigkill_at_random_points_never_corrupts_nor_loses_a_number() {
    let kills: usize = std::env::var("TANDEM_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tandem.db");
    let backups = dir.path().join("backups");
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    let me = std::env::current_exe().unwrap();
    let mut checked = BTreeSet::new();
    let (mut mid_backup, mut restored) = (0, 0);
    let started = Instant::now();
    let mut last = (0, 0);
    for k in 0..kills {
        let mut child = Command::new(&me)
            .args(["--exact", "child_loop", "--nocapture", "--test-threads=1"])
            .env(CHILD, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // From before the database is open to deep into the loop.
        std::thread::sleep(Duration::from_millis(5 + rng.next() % 120));
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).ok();
            panic!("the child stopped by itself ({status}), seed {seed}: {err}");
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let what = format!("after kill {k} (seed {seed})");
        if std::fs::read_dir(&backups)
            .map(|d| {
                d.flatten()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".part"))
            })
            .unwrap_or(false)
        {
            mid_backup += 1;
        }
        if path.exists() {
            last = check_file(&path, &what);
        }
        // Every backup that exists restores, and is itself consistent.
        for b in backup::list(&backups).unwrap() {
            // A backup taken in the same second replaces one of the same name.
            let modified = std::fs::metadata(&b.path).and_then(|m| m.modified()).ok();
            if !checked.insert((b.file_name.clone(), b.size, modified)) {
                continue;
            }
            let scratch = dir.path().join("scratch").join("candidate.db");
            let c = backup::check(&b.path, &scratch)
                .unwrap_or_else(|e| panic!("{what}: backup {} refused: {e}", b.file_name));
            check_file(&c.copy, &format!("{what}, backup {}", b.file_name));
            restored += 1;
        }
    }
    println!(
        "crash test: {kills} SIGKILLs in {:.1} s (seed {seed}); at the end {} issued documents and {} payments, all sealed; {mid_backup} kills cut a backup half-written (its .part is never listed nor restored); {restored} backups checked and restored",
        started.elapsed().as_secs_f64(),
        last.0,
        last.1,
    );
    assert!(last.0 > 0, "the child issued documents between kills");
    assert!(restored > 0, "some backups were taken between kills");
}
