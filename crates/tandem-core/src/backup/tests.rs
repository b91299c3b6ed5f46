//! Backups on real files: taken while writes run, checked, rotated, restored; and
//! every kind of damaged file refused, by restore and at open alike.

use super::*;
use crate::db::Database;
use crate::documents::{self, PaymentInput};
use crate::testing::{self, acme, day, line, micro, seeded, TempDb};
use chrono::NaiveDate;
use std::io::{Seek, SeekFrom, Write};

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn today() -> NaiveDate {
    day("2026-11-27")
}

fn issue_one(db: &Database, client: i64, price: &str) -> i64 {
    db.write_durable(|tx| {
        let input = testing::invoice(client, vec![line("Assistance", "2", price, "0")]);
        let d = documents::create(tx, &input, today())?;
        let d = documents::issue(tx, d.id, today())?;
        documents::add_payment(
            tx,
            d.id,
            &PaymentInput {
                date: "2026-11-27".into(),
                amount: "10".into(),
                method: "transfer".into(),
                note: String::new(),
            },
            today(),
        )?;
        Ok(d.id)
    })
    .unwrap()
}

fn numbers(c: &Connection) -> Vec<i64> {
    c.prepare("SELECT seq FROM documents WHERE status <> 'draft' ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect()
}

fn scratch(t: &TempDb) -> PathBuf {
    t.dir.path().join("scratch").join("candidate.db")
}

#[test]
fn a_backup_is_a_whole_checked_plain_file_named_for_when_and_why() {
    let (t, client) = seeded(micro(), acme());
    issue_one(&t.db, client, "40");
    let dir = t.dir.path().join("backups");
    let mut steps = Vec::new();
    let b = take(
        t.db.path(),
        &dir,
        Reason::Manual,
        at("2026-12-04 20:15:00"),
        &mut |p| steps.push(p),
    )
    .unwrap();
    assert_eq!(b.file_name, "tandem-2026-12-04-201500-manual.db");
    assert!(b.size > 0 && b.size == fs::metadata(&b.path).unwrap().len());
    let last = steps.last().copied().unwrap();
    assert_eq!(last.done, last.total, "progress reaches the end");
    // Bytes 18–19 of the header: 1 = rollback journal, 2 = WAL.
    let bytes = fs::read(&b.path).unwrap();
    assert_eq!(
        (bytes[18], bytes[19]),
        (1, 1),
        "a plain file, no -wal needed"
    );
    assert_eq!(list(&dir).unwrap(), vec![b.clone()]);
    let c = check(&b.path, &scratch(&t)).unwrap();
    assert_eq!((c.clients, c.issued), (1, 1));
    assert_eq!(c.last_number.as_deref(), Some("F-2026-0001"));
    assert_eq!(c.schema, MIGRATIONS.len() as i64);
    // No .part is left, and a leftover one is not a backup.
    fs::write(dir.join("tandem-2026-12-05-101010-daily.db.part"), b"half").unwrap();
    assert_eq!(list(&dir).unwrap().len(), 1);
    clean_parts(&dir).unwrap();
    assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
}

/// Writes go on in one thread (issuing, paying: durable commits) while another
/// takes backups: every backup is one consistent state — no gap in the
/// numbering, every issued document sealed, the chain intact.
#[test]
fn backups_taken_while_writes_run_restore_to_a_consistent_database() {
    let (t, client) = seeded(micro(), acme());
    let dir = t.dir.path().join("backups");
    let stop = std::sync::atomic::AtomicBool::new(false);
    let taken = std::thread::scope(|s| {
        s.spawn(|| {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) || n < 5 {
                issue_one(&t.db, client, "40");
                n += 1;
            }
        });
        let mut taken = Vec::new();
        for i in 0..6 {
            let stamp = at("2026-12-04 20:00:00") + chrono::Duration::seconds(i);
            taken.push(take(t.db.path(), &dir, Reason::Manual, stamp, &mut |_| {}).unwrap());
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        taken
    });
    for b in taken {
        let checked = check(&b.path, &scratch(&t)).unwrap();
        let restored = Database::open(&checked.copy).unwrap();
        restored
            .read(|c| {
                let seqs = numbers(c);
                assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
                let r = crate::integrity::verify(c)?;
                assert!(r.intact(), "{}: {r:?}", b.file_name);
                assert_eq!(r.payments, r.documents, "each invoice with its payment");
                Ok(())
            })
            .unwrap();
    }
}

/// The four damaged files of the issue, an empty one, a foreign database and
/// one from a newer app: each refused by restore with its own code, and the
/// damaged ones refused at open too, the file left as it was.
#[test]
fn damaged_or_foreign_files_are_refused_with_their_reason() {
    let (t, client) = seeded(micro(), acme());
    for i in 0..30 {
        issue_one(&t.db, client, &format!("{}", 40 + i));
    }
    let dir = t.dir.path().join("backups");
    let good = take(
        t.db.path(),
        &dir,
        Reason::Manual,
        at("2026-12-04 20:00:00"),
        &mut |_| {},
    )
    .unwrap();
    let bytes = fs::read(&good.path).unwrap();
    assert!(bytes.len() > 8 * 4096, "several pages: {}", bytes.len());
    let bad = t.dir.path().join("bad");
    fs::create_dir_all(&bad).unwrap();
    let write = |name: &str, content: &[u8]| {
        let p = bad.join(name);
        fs::write(&p, content).unwrap();
        p
    };
    let truncated = write("truncated.db", &bytes[..bytes.len() / 2]);
    let mut flipped = bytes.clone();
    flipped[3] ^= 0x20; // "SQLite" → "SQlite"
    let flipped = write("flipped.db", &flipped);
    let zeroed = write("zeroed.db", &bytes);
    {
        let mut f = fs::OpenOptions::new().write(true).open(&zeroed).unwrap();
        f.seek(SeekFrom::Start(2 * 4096)).unwrap();
        f.write_all(&[0_u8; 4096]).unwrap();
    }
    let mut noise = Vec::with_capacity(20_000);
    let mut x: u32 = 0x1234_5678;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise.push((x & 0xff) as u8);
    }
    let random = write("random.db", &noise);
    let empty = write("empty.db", b"");
    let foreign = bad.join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch(
            "CREATE TABLE notes (x); INSERT INTO notes VALUES (1); PRAGMA user_version = 3;",
        )
        .unwrap();
    let newer = bad.join("newer.db");
    fs::copy(&good.path, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .execute_batch("PRAGMA user_version = 999;")
        .unwrap();

    let code = |p: &Path| check(p, &scratch(&t)).unwrap_err().field_errors()[0].code;
    assert_eq!(code(&truncated), "backup_damaged");
    assert_eq!(code(&flipped), "backup_not_sqlite");
    assert_eq!(code(&zeroed), "backup_damaged");
    assert_eq!(code(&random), "backup_not_sqlite");
    assert_eq!(code(&empty), "backup_empty");
    assert_eq!(code(&foreign), "backup_not_tandem");
    assert_eq!(code(&newer), "backup_too_new");
    assert_eq!(code(&bad.join("absent.db")), "backup_missing");
    assert!(!scratch(&t).exists(), "a refused copy is not kept");

    // Opened as the live file, each damaged one says so and is left untouched.
    for p in [&truncated, &flipped, &zeroed, &random, &empty] {
        let before = fs::read(p).unwrap();
        let err = Database::open(p).err().expect("refused");
        assert_eq!(err.code(), "database_damaged", "{}: {err}", p.display());
        assert!(fs::read(p).unwrap() == before, "{} changed", p.display());
    }
}

#[test]
fn the_damaged_file_screen_restores_the_newest_good_backup_and_keeps_the_damaged_file() {
    let (t, client) = seeded(micro(), acme());
    issue_one(&t.db, client, "40");
    let dir = t.dir.path().join("backups");
    take(
        t.db.path(),
        &dir,
        Reason::Daily,
        at("2026-12-03 09:00:00"),
        &mut |_| {},
    )
    .unwrap();
    issue_one(&t.db, client, "50");
    let newest = take(
        t.db.path(),
        &dir,
        Reason::Daily,
        at("2026-12-04 09:00:00"),
        &mut |_| {},
    )
    .unwrap();
    // A newer file in the folder that is not good is passed over.
    fs::write(
        dir.join("tandem-2026-12-04-120000-manual.db"),
        b"SQLite format 3\0garbage",
    )
    .unwrap();
    let db_path = t.db.path().to_owned();
    drop(t.db);
    fs::write(&db_path, b"").unwrap(); // the 0-byte file of the probe
    assert_eq!(
        Database::open(&db_path).err().unwrap().code(),
        "database_damaged"
    );

    let (b, checked) = newest_good(&dir, &t.dir.path().join("scratch.db"))
        .unwrap()
        .unwrap();
    assert_eq!(b.file_name, newest.file_name);
    assert_eq!(checked.issued, 2);
    let kept = put_in_place(&checked, &db_path, at("2026-12-04 12:30:00"))
        .unwrap()
        .unwrap();
    assert_eq!(
        kept.file_name().unwrap(),
        "tandem-damaged-2026-12-04-123000.db"
    );
    assert_eq!(
        fs::metadata(&kept).unwrap().len(),
        0,
        "the damaged file is kept as it was"
    );
    let db = Database::open(&db_path).unwrap();
    db.read(|c| {
        assert_eq!(numbers(c), vec![1, 2]);
        assert!(crate::integrity::verify(c)?.intact());
        Ok(())
    })
    .unwrap();
}

#[test]
fn restoring_into_the_open_database_replaces_everything_and_keeps_wal() {
    let (t, client) = seeded(micro(), acme());
    issue_one(&t.db, client, "40");
    let dir = t.dir.path().join("backups");
    let b = take(
        t.db.path(),
        &dir,
        Reason::Manual,
        at("2026-12-04 09:00:00"),
        &mut |_| {},
    )
    .unwrap();
    issue_one(&t.db, client, "50");
    issue_one(&t.db, client, "60");
    let checked = check(&b.path, &scratch(&t)).unwrap();
    t.db.restore_from(&checked).unwrap();
    t.db.read(|c| {
        assert_eq!(numbers(c), vec![1]);
        let mode: String = c.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
        assert_eq!(mode, "wal");
        assert!(crate::integrity::verify(c)?.intact());
        Ok(())
    })
    .unwrap();
    // Numbering goes on from the restored state, without a gap.
    issue_one(&t.db, client, "70");
    t.db.read(|c| {
        assert_eq!(numbers(c), vec![1, 2]);
        Ok(())
    })
    .unwrap();
}

#[test]
fn an_upgrade_is_preceded_by_a_backup_of_the_old_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tandem.db");
    {
        let c = Connection::open(&path).unwrap();
        for (i, sql) in MIGRATIONS.iter().enumerate().take(7) {
            c.execute_batch(sql).unwrap();
            c.execute_batch(&format!("PRAGMA user_version = {}", i + 1))
                .unwrap();
        }
    }
    let backups = dir.path().join("backups");
    let db = Database::open_with_backups(&path, Some(&backups)).unwrap();
    assert_eq!(db.migration().from, 7);
    let found = list(&backups).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].reason, Reason::BeforeMigration);
    let v: i64 = Connection::open(&found[0].path)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(
        v, 7,
        "the backup holds the file as it was before the upgrade"
    );
    drop(db);
    // Opening an up-to-date file takes no backup.
    Database::open_with_backups(&path, Some(&backups)).unwrap();
    assert_eq!(list(&backups).unwrap().len(), 1);
}

#[test]
fn rotation_keeps_seven_days_four_weeks_twelve_months() {
    let dir = tempfile::tempdir().unwrap();
    // A backup every day at 09:00 for 400 days, plus a migration's one long ago.
    let start = at("2025-11-01 09:00:00");
    for d in 0..400 {
        let stamp = start + chrono::Duration::days(d);
        fs::write(dir.path().join(file_name(stamp, Reason::Daily)), b"x").unwrap();
    }
    fs::write(
        dir.path().join(file_name(
            at("2025-10-01 08:00:00"),
            Reason::BeforeMigration,
        )),
        b"x",
    )
    .unwrap();
    fs::write(dir.path().join("notes.txt"), b"hers").unwrap();
    let removed = rotate(dir.path()).unwrap();
    let left = list(dir.path()).unwrap();
    assert_eq!(removed.len() + left.len(), 401);
    let days: BTreeSet<String> = left.iter().map(|b| b.taken_at[..10].to_owned()).collect();
    // The last 7 days are all there…
    let newest = start + chrono::Duration::days(399);
    for d in 0..7 {
        let day = (newest - chrono::Duration::days(d)).date().to_string();
        assert!(days.contains(&day), "{day}");
    }
    // …and at most 7 + 4 + 12 + the migration's, a year back reachable.
    assert!(left.len() <= 24, "{}", left.len());
    assert!(left.iter().any(|b| b.taken_at.starts_with("2026-01")));
    assert!(left.iter().any(|b| b.reason == Reason::BeforeMigration));
    assert!(
        dir.path().join("notes.txt").exists(),
        "her other files are not touched"
    );
    // A second rotation removes nothing more.
    assert!(rotate(dir.path()).unwrap().is_empty());
}

use std::collections::BTreeSet;

#[test]
fn synced_folders_are_recognised_by_their_path() {
    for (p, name) in [
        ("/home/lea/Dropbox/Tandem", Some("Dropbox")),
        ("C:\\Users\\lea\\OneDrive - Perso\\Tandem", Some("OneDrive")),
        (
            "/Users/lea/Library/Mobile Documents/com~apple~CloudDocs/Tandem",
            Some("iCloud Drive"),
        ),
        (
            "/Users/lea/Google Drive/Mon Drive/Tandem",
            Some("Google Drive"),
        ),
        ("/home/lea/Nextcloud/Tandem", Some("Nextcloud")),
        ("/home/lea/.local/share/fr.tandem.app", None),
    ] {
        assert_eq!(synced_folder(Path::new(p)), name, "{p}");
    }
}
