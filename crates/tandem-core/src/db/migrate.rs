//! Schema migrations: numbered SQL files embedded in the binary, applied in order,
//! each in its own transaction, the version kept in `PRAGMA user_version`.
//!
//! Rule: a migration that has shipped is never edited; changes go in a new file.

use crate::error::{Error, Result};
use rusqlite::Connection;

/// Every migration, in order. Migration `i` (0-based) brings the schema to version `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_documents.sql"),
    include_str!("migrations/0003_team.sql"),
    include_str!("migrations/0004_invoices_in_law.sql"),
    include_str!("migrations/0005_time.sql"),
    include_str!("migrations/0006_figures.sql"),
    include_str!("migrations/0007_drafts_unnumbered.sql"),
    include_str!("migrations/0008_records.sql"),
];

/// What a migration needs beyond SQL, run in its transaction right after its
/// file: schema 8 seals what was issued and paid before seals existed.
fn rust_step(version: usize) -> Option<fn(&Connection) -> Result<()>> {
    match version {
        8 => Some(crate::integrity::seal_existing),
        _ => None,
    }
}

/// What opening a database did to its schema: `from == to` when nothing was applied.
/// The shell logs it (versions only, never data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migration {
    pub from: i64,
    pub to: i64,
}

/// Brings the database to the latest version. A database written by a newer app is
/// refused rather than touched.
pub fn migrate(conn: &mut Connection) -> Result<Migration> {
    let supported = MIGRATIONS.len() as i64;
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > supported {
        return Err(Error::SchemaTooNew {
            found: current,
            supported,
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        if let Some(step) = rust_step(i + 1) {
            step(&tx)?;
        }
        // PRAGMA takes no bound parameters; the value is our own integer.
        tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))?;
        tx.commit()?;
    }
    Ok(Migration {
        from: current,
        to: supported,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    }

    /// From an empty file, and from every earlier version, migrating reaches the
    /// latest version and yields the same schema as a fresh database.
    #[test]
    fn migrates_from_every_earlier_version() {
        let dir = tempfile::tempdir().unwrap();
        let fresh_path = dir.path().join("fresh.db");
        let mut fresh = Connection::open(&fresh_path).unwrap();
        migrate(&mut fresh).unwrap();
        assert_eq!(version(&fresh), MIGRATIONS.len() as i64);
        let schema = |c: &Connection| -> Vec<String> {
            let mut st = c
                .prepare("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name")
                .unwrap();
            st.query_map([], |r| r.get(0))
                .unwrap()
                .map(|r| r.unwrap())
                .collect()
        };
        let expected = schema(&fresh);
        assert!(expected.iter().any(|s| s.contains("TABLE clients")));

        for start in 0..MIGRATIONS.len() {
            let path = dir.path().join(format!("from-{start}.db"));
            let mut c = Connection::open(&path).unwrap();
            for (i, sql) in MIGRATIONS.iter().enumerate().take(start) {
                c.execute_batch(sql).unwrap();
                c.execute_batch(&format!("PRAGMA user_version = {}", i + 1))
                    .unwrap();
            }
            migrate(&mut c).unwrap();
            assert_eq!(version(&c), MIGRATIONS.len() as i64);
            assert_eq!(schema(&c), expected, "schema reached from version {start}");
            // Migrating again is a no-op.
            migrate(&mut c).unwrap();
            assert_eq!(schema(&c), expected);
        }
    }

    #[test]
    fn refuses_a_database_from_a_newer_app() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Connection::open(dir.path().join("future.db")).unwrap();
        c.execute_batch("PRAGMA user_version = 999").unwrap();
        let err = migrate(&mut c).unwrap_err();
        assert_eq!(err.code(), "schema_too_new");
        assert_eq!(version(&c), 999, "left untouched");
    }

    #[test]
    fn a_failing_migration_leaves_the_version_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let mut c = Connection::open(dir.path().join("busy.db")).unwrap();
        // A table in the way makes the first migration fail midway.
        c.execute_batch("CREATE TABLE clients(x)").unwrap();
        assert!(migrate(&mut c).is_err());
        assert_eq!(version(&c), 0);
        let tables: i64 = c
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 1, "nothing of the failed migration remains");
    }
}
