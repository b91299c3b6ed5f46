//! A database made by every earlier schema version opens in this one: backed up
//! first (the backup holds the old schema, untouched), upgraded, every record it
//! had still there, and what it had issued sealed by the upgrade.
//!
//! `tests/fixtures/schema-N.sql` is the `sqlite3 .dump` of a file written by the
//! code of version N itself (`schema-N.rs`, run as an example at the commit its
//! SQL file names): a profile, two clients, and from schema 2 a sent quote, two
//! issued invoices with payments, a credit-note draft and an invoice draft; from
//! schema 5 an hourly collaboration with time entries.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use tandem_core::backup::{self, Reason};
use tandem_core::db::{Connection, Database, MIGRATIONS};
use tandem_core::integrity;

fn count(c: &Connection, sql: &str) -> i64 {
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn every_earlier_schema_is_backed_up_then_upgraded_with_nothing_lost() {
    let latest = MIGRATIONS.len() as i64;
    for version in 1..latest {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tandem.db");
        let sql = std::fs::read_to_string(format!(
            "{}/tests/fixtures/schema-{version}.sql",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap_or_else(|e| panic!("fixture of schema {version}: {e}"));
        Connection::open(&path)
            .unwrap()
            .execute_batch(&sql)
            .unwrap();
        let before = std::fs::read(&path).unwrap();

        let backups = dir.path().join("backups");
        let db = Database::open_with_backups(&path, Some(&backups)).unwrap();
        assert_eq!((db.migration().from, db.migration().to), (version, latest));

        // The backup came first and holds the file as it was.
        let taken = backup::list(&backups).unwrap();
        assert_eq!(taken.len(), 1, "schema {version}");
        assert_eq!(taken[0].reason, Reason::BeforeMigration);
        let old = Connection::open(&taken[0].path).unwrap();
        assert_eq!(
            old.pragma_query_value(None, "user_version", |r| r.get::<_, i64>(0))
                .unwrap(),
            version
        );
        let fresh = Connection::open(dir.path().join("from-fixture.db")).unwrap();
        fresh.execute_batch(&sql).unwrap();
        assert_eq!(
            count(&old, "SELECT count(*) FROM clients"),
            count(&fresh, "SELECT count(*) FROM clients")
        );
        assert!(!before.is_empty());

        db.read(|c| {
            assert_eq!(
                count(c, "SELECT count(*) FROM clients"),
                2,
                "schema {version}"
            );
            assert_eq!(count(c, "SELECT count(*) FROM business_profile"), 1);
            if version >= 2 {
                let numbers: Vec<String> = c
                    .prepare("SELECT number FROM documents WHERE number IS NOT NULL ORDER BY id")?
                    .query_map([], |r| r.get(0))?
                    .collect::<Result<_, _>>()?;
                assert_eq!(
                    numbers,
                    ["D-2026-0001", "F-2026-0001", "F-2026-0002"],
                    "schema {version}"
                );
                assert_eq!(
                    count(c, "SELECT count(*) FROM documents WHERE status = 'draft'"),
                    2
                );
                assert_eq!(count(c, "SELECT sum(amount) FROM payments"), 38000);
                assert_eq!(
                    count(
                        c,
                        "SELECT total_incl FROM documents WHERE number = 'F-2026-0001'"
                    ),
                    54000
                );
            }
            if version >= 5 {
                assert_eq!(count(c, "SELECT count(*) FROM time_entries"), 3);
            }
            let r = integrity::verify(c)?;
            assert!(r.intact(), "schema {version}: {:?}", r.broken);
            assert_eq!(r.documents, if version >= 2 { 3 } else { 0 });
            assert_eq!(r.payments, if version >= 2 { 2 } else { 0 });
            Ok(())
        })
        .unwrap();
        // Opened again: nothing more to upgrade, no second backup.
        drop(db);
        Database::open_with_backups(&path, Some(&backups)).unwrap();
        assert_eq!(backup::list(&backups).unwrap().len(), 1);
    }
}
