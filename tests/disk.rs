//! A full disk and a read-only data folder, on real file systems: a small tmpfs
//! mounted for the test (root only; `TANDEM_REQUIRE_MOUNT=1`, set by `.ci/test`,
//! turns "cannot mount" into a failure instead of a skip). Each refusal carries
//! its code (`disk_full`, `read_only`), nothing is half-written, and the
//! database goes on working once there is room again.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;
use tandem_core::backup::{self, Reason};
use tandem_core::db::Database;
use tandem_core::documents::{self, DocumentInput};
use tandem_core::{clients, integrity, profile, testing};

/// A tmpfs of `size` mounted on a fresh folder, unmounted when dropped.
struct Mount {
    dir: PathBuf,
    _parent: tempfile::TempDir,
}

impl Mount {
    fn new(size: &str) -> Option<Mount> {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("mnt");
        std::fs::create_dir_all(&dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            assert!(
                std::env::var_os("TANDEM_REQUIRE_MOUNT").is_none(),
                "could not mount a tmpfs (run as root)"
            );
            eprintln!("skipped: cannot mount a tmpfs here (not root?)");
            return None;
        }
        Some(Mount {
            dir,
            _parent: parent,
        })
    }

    fn remount(&self, mode: &str) {
        let ok = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(&self.dir)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "remount {mode}");
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.dir).status();
    }
}

fn today() -> tandem_core::chrono::NaiveDate {
    testing::day("2026-11-27")
}

fn seed(db: &Database) -> i64 {
    db.write(|tx| {
        profile::save(tx, &testing::micro(), today())?;
        Ok(clients::create(tx, &testing::acme())?.id)
    })
    .unwrap()
}

fn issue(db: &Database, client: i64, notes: &str) -> tandem_core::Result<i64> {
    db.write_durable(|tx| {
        let input = DocumentInput {
            notes: notes.into(),
            ..testing::invoice(client, vec![testing::line("Assistance", "1", "40", "0")])
        };
        let d = documents::create(tx, &input, today())?;
        Ok(documents::issue(tx, d.id, today())?.id)
    })
}

fn consistent(db: &Database) -> usize {
    db.read(|c| {
        let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(ok, "ok");
        let seqs: Vec<i64> = c
            .prepare("SELECT seq FROM documents WHERE status <> 'draft' ORDER BY seq")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>());
        let drafts: i64 = c.query_row(
            "SELECT count(*) FROM documents WHERE status = 'draft'",
            [],
            |r| r.get(0),
        )?;
        assert_eq!(
            drafts, 0,
            "a refused issue leaves no draft behind (one transaction)"
        );
        assert!(integrity::verify(c)?.intact());
        Ok(seqs.len())
    })
    .unwrap()
}

fn parts(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".part"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_full_disk_refuses_with_its_code_and_loses_nothing() {
    let Some(m) = Mount::new("2m") else { return };
    let db = Database::open_in(&m.dir).unwrap();
    let client = seed(&db);
    let notes = "Détail de la prestation. ".repeat(60);
    let mut issued = 0;
    let err = loop {
        match issue(&db, client, &notes) {
            Ok(_) => issued += 1,
            Err(e) => break e,
        }
        assert!(issued < 100_000, "the disk never filled");
    };
    assert_eq!(err.code(), "disk_full", "{err}");
    assert!(issued > 10, "{issued}");
    // The app stays up: reads work, the file is whole, no number was lost.
    assert_eq!(consistent(&db), issued);
    // A backup into the full folder fails with its code and leaves no .part.
    let folder = m.dir.join("backups");
    let err = backup::take(
        db.path(),
        &folder,
        Reason::Manual,
        tandem_core::chrono::Local::now().naive_local(),
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(err.code(), "disk_full", "{err}");
    assert!(parts(&folder).is_empty(), "{:?}", parts(&folder));
    // Room again (the tmpfs grows): the next issue takes the next number.
    m.remount("size=8m");
    issue(&db, client, &notes).unwrap();
    assert_eq!(consistent(&db), issued + 1);
}

/// A data folder on a read-only file system (a remounted tmpfs; Linux refuses
/// to remount while the app holds the file open for writing, so the folder is
/// made read-only between two launches): opening says so with its code and
/// writes nothing; once writable again, everything is there and goes on.
#[test]
fn a_read_only_data_folder_is_refused_with_its_code_and_nothing_changes() {
    let Some(m) = Mount::new("8m") else { return };
    let db = Database::open_in(&m.dir).unwrap();
    let client = seed(&db);
    issue(&db, client, "").unwrap();
    drop(db);
    let before = std::fs::read(m.dir.join("tandem.db")).unwrap();
    m.remount("ro");
    let err = Database::open_in(&m.dir).err().expect("refused");
    assert_eq!(err.code(), "read_only", "{err}");
    let backup_err = backup::take(
        &m.dir.join("tandem.db"),
        &m.dir.join("backups"),
        Reason::Manual,
        tandem_core::chrono::Local::now().naive_local(),
        &mut |_| {},
    )
    .unwrap_err();
    assert_eq!(backup_err.code(), "read_only", "{backup_err}");
    m.remount("rw");
    assert!(
        std::fs::read(m.dir.join("tandem.db")).unwrap() == before,
        "the file was not touched"
    );
    let db = Database::open_in(&m.dir).unwrap();
    issue(&db, client, "").unwrap();
    assert_eq!(consistent(&db), 2);
}
