//! Tamper evidence and the append-only records, on real SQLite files: what the
//! triggers refuse, and what the seals catch once the triggers are bypassed.

use super::*;
use crate::documents::{self, add_payment, reverse_payment, PaymentInput, ReversalInput};
use crate::testing::{self, acme, day, line, micro, seeded, TempDb};
use chrono::NaiveDate;

const TODAY: &str = "2026-11-27";

fn today() -> NaiveDate {
    day(TODAY)
}

fn invoice(t: &TempDb, client: i64, price: &str) -> i64 {
    t.db.write(|tx| {
        let input = testing::invoice(
            client,
            vec![line("Assistance administrative", "12", price, "0")],
        );
        let d = documents::create(tx, &input, today())?;
        Ok(documents::issue(tx, d.id, today())?.id)
    })
    .unwrap()
}

fn pay(t: &TempDb, doc: i64, amount: &str, date: &str) -> i64 {
    t.db.write(|tx| {
        let d = add_payment(
            tx,
            doc,
            &PaymentInput {
                date: date.into(),
                amount: amount.into(),
                method: "transfer".into(),
                note: String::new(),
            },
            today(),
        )?;
        Ok(d.payments.last().map(|p| p.id).unwrap_or_default())
    })
    .unwrap()
}

/// A second connection, as a sqlite3 shell would open the file: no triggers
/// bypassed unless the statement drops them itself.
fn shell(t: &TempDb) -> rusqlite::Connection {
    rusqlite::Connection::open(t.db.path()).unwrap()
}

/// Runs `sql` with every trigger dropped, then puts them back exactly as they
/// were: what someone who knows SQLite can do to the file behind the app's back.
fn behind_the_triggers(t: &TempDb, sql: &str) {
    let c = shell(t);
    let triggers: Vec<(String, String)> = c
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(triggers.len() > 10, "the schema guards its records");
    let mut batch = String::from("BEGIN;");
    for (name, _) in &triggers {
        batch.push_str(&format!("DROP TRIGGER \"{name}\";"));
    }
    batch.push_str(sql);
    for (_, create) in &triggers {
        batch.push_str(create);
        batch.push(';');
    }
    batch.push_str("COMMIT;");
    c.execute_batch(&batch).unwrap();
}

fn codes(e: &Error) -> Vec<(&str, &str)> {
    e.field_errors()
        .iter()
        .map(|f| (f.field.as_str(), f.code))
        .collect()
}

fn report(t: &TempDb) -> Report {
    t.db.read(verify).unwrap()
}

#[test]
fn an_intact_file_verifies_and_says_how_much_it_checked() {
    let (t, client) = seeded(micro(), acme());
    let a = invoice(&t, client, "45");
    invoice(&t, client, "30");
    pay(&t, a, "100", TODAY);
    let r = report(&t);
    assert!(r.intact(), "{r:?}");
    assert_eq!((r.documents, r.payments), (2, 1));
    let seals: i64 =
        t.db.read(|c| Ok(c.query_row("SELECT count(*) FROM seals", [], |r| r.get(0))?))
            .unwrap();
    assert_eq!(seals, 3, "two documents and one payment, each sealed once");
    assert_eq!(
        t.db.read(|c| check_one(c, Entity::Document, a)).unwrap(),
        None
    );
}

#[test]
fn a_line_changed_behind_the_triggers_is_detected_and_the_invoice_named() {
    let (t, client) = seeded(micro(), acme());
    let first = invoice(&t, client, "45"); // 540,00 €
    let second = invoice(&t, client, "30");
    // The probe's edit: the line, its total, the document's totals and the
    // snapshot's figures all rewritten to 135 €, the triggers re-created.
    behind_the_triggers(
        &t,
        &format!(
            "UPDATE document_lines SET quantity = 3000, total_excl = 13500 WHERE document_id = {first};
             UPDATE documents SET total_excl = 13500, total_incl = 13500,
                    snapshot = replace(snapshot, '54000', '13500') WHERE id = {first};"
        ),
    );
    let integrity: String =
        t.db.read(|c| Ok(c.query_row("PRAGMA integrity_check", [], |r| r.get(0))?))
            .unwrap();
    assert_eq!(integrity, "ok", "SQLite itself sees nothing wrong");
    let r = report(&t);
    assert_eq!(
        r.broken,
        vec![Broken {
            entity: Entity::Document,
            id: first,
            number: Some("F-2026-0001".into()),
            date: None,
            fault: Fault::Changed,
        }]
    );
    assert_eq!(
        t.db.read(|c| check_one(c, Entity::Document, first))
            .unwrap(),
        Some(Fault::Changed)
    );
    assert_eq!(
        t.db.read(|c| check_one(c, Entity::Document, second))
            .unwrap(),
        None,
        "the next document's own bytes still match"
    );
}

#[test]
fn one_byte_of_a_snapshot_is_enough() {
    let (t, client) = seeded(micro(), acme());
    let doc = invoice(&t, client, "45");
    // The client's name in the frozen snapshot: "Atelier" → "Ateliet".
    behind_the_triggers(
        &t,
        &format!(
            "UPDATE documents SET snapshot = replace(snapshot, '\"Atelier', '\"Ateliet') WHERE id = {doc};"
        ),
    );
    let changed: String =
        t.db.read(|c| {
            Ok(
                c.query_row("SELECT snapshot FROM documents WHERE id = ?1", [doc], |r| {
                    r.get(0)
                })?,
            )
        })
        .unwrap();
    assert!(
        changed.contains("\"Ateliet"),
        "the edit happened: {changed}"
    );
    let r = report(&t);
    assert_eq!(r.broken.len(), 1, "{r:?}");
    assert_eq!(
        (r.broken[0].number.as_deref(), r.broken[0].fault),
        (Some("F-2026-0001"), Fault::Changed)
    );
}

#[test]
fn a_document_turned_back_into_a_draft_or_a_seal_removed_is_caught() {
    let (t, client) = seeded(micro(), acme());
    let a = invoice(&t, client, "45");
    let b = invoice(&t, client, "30");
    let p = pay(&t, b, "50", TODAY);
    behind_the_triggers(
        &t,
        &format!("UPDATE documents SET status = 'draft', number = NULL, year = NULL, seq = NULL WHERE id = {a};"),
    );
    let r = report(&t);
    assert_eq!(
        r.broken.iter().map(|x| (x.id, x.fault)).collect::<Vec<_>>(),
        vec![(a, Fault::Missing)]
    );
    // Removing the second invoice's seal: the chain has a hole there.
    behind_the_triggers(
        &t,
        &format!("DELETE FROM seals WHERE entity = 'document' AND entity_id = {b};"),
    );
    let r = report(&t);
    assert_eq!(
        r.broken
            .iter()
            .map(|x| (x.entity, x.id, x.fault))
            .collect::<Vec<_>>(),
        vec![
            (Entity::Document, a, Fault::Missing),
            (Entity::Payment, p, Fault::ChainBroken),
            (Entity::Document, b, Fault::Unsealed)
        ]
    );
}

#[test]
fn payments_are_never_rewritten_nor_deleted() {
    let (t, client) = seeded(micro(), acme());
    let doc = invoice(&t, client, "45");
    let p = pay(&t, doc, "100", TODAY);
    for sql in [
        "UPDATE payments SET amount = 1 WHERE id = ?1",
        "DELETE FROM payments WHERE id = ?1",
        "REPLACE INTO payments (id, document_id, date, amount, method, created_at)
         SELECT id, document_id, date, 1, method, created_at FROM payments WHERE id = ?1",
        "INSERT OR REPLACE INTO seals (position, entity, entity_id, prev_hash, hash, sealed_at)
         SELECT position, entity, entity_id, prev_hash, prev_hash, sealed_at FROM seals WHERE entity_id = ?1",
        "DELETE FROM seals WHERE entity = 'payment' AND entity_id = ?1",
    ] {
        let err = t
            .db
            .write(|tx| Ok(tx.execute(sql, [p])?))
            .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("never deleted")
                || text.contains("cannot be changed")
                || text.contains("cannot be deleted")
                || text.contains("appended in order"),
            "{sql}: {text}"
        );
    }
    // A negative payment that reverses nothing, or reverses only part of one.
    for sql in [
        "INSERT INTO payments (document_id, date, amount, method, created_at) VALUES (?1, '2026-11-28', -100, 'transfer', 'now')",
        "INSERT INTO payments (document_id, date, amount, method, reverses_id, reason, created_at)
         SELECT ?1, '2026-11-28', -1, 'transfer', id, 'x', 'now' FROM payments",
        "INSERT INTO payments (document_id, date, amount, method, reverses_id, reason, created_at)
         SELECT ?1, '2026-11-01', -amount, 'transfer', id, 'x', 'now' FROM payments",
    ] {
        assert!(t.db.write(|tx| Ok(tx.execute(sql, [doc])?)).is_err(), "{sql}");
    }
    assert!(report(&t).intact());
}

#[test]
fn a_mistaken_payment_is_cancelled_by_a_dated_reversing_entry() {
    let (t, client) = seeded(micro(), acme());
    let doc = invoice(&t, client, "45"); // 540,00 €
    let p = pay(&t, doc, "540", TODAY);
    let reverse = |date: &str, reason: &str| {
        t.db.write(|tx| {
            reverse_payment(
                tx,
                p,
                &ReversalInput {
                    date: date.into(),
                    reason: reason.into(),
                },
                today(),
            )
        })
    };
    // Refused, field by field, and nothing written.
    let err = reverse(TODAY, "  ").unwrap_err();
    assert_eq!(codes(&err), vec![("reason", "required")]);
    let err = reverse("2026-11-26", "Saisi deux fois").unwrap_err();
    assert_eq!(codes(&err), vec![("date", "reversal_before_payment")]);
    let err = reverse("", "Saisi deux fois").unwrap_err();
    assert_eq!(codes(&err), vec![("date", "required")]);

    let d = reverse("2026-11-30", "Virement saisi deux fois").unwrap();
    assert_eq!(d.outstanding, 54000, "the balance comes back");
    assert_eq!(
        d.payments.len(),
        2,
        "the payment stays, its reversal beside it"
    );
    let (orig, rev) = (&d.payments[0], &d.payments[1]);
    assert_eq!(
        (orig.id, orig.amount, orig.reversed_by),
        (p, 54000, Some(rev.id))
    );
    assert_eq!(
        (
            rev.amount,
            rev.reverses_id,
            rev.reason.as_deref(),
            rev.date.as_str()
        ),
        (
            -54000,
            Some(p),
            Some("Virement saisi deux fois"),
            "2026-11-30"
        )
    );
    // Cancelled once only; a cancellation is not itself cancelled.
    assert_eq!(
        codes(&reverse(TODAY, "encore").unwrap_err()),
        vec![("id", "payment_already_reversed")]
    );
    let again =
        t.db.write(|tx| {
            reverse_payment(
                tx,
                rev.id,
                &ReversalInput {
                    date: "2026-12-01".into(),
                    reason: "x".into(),
                },
                today(),
            )
        })
        .unwrap_err();
    assert_eq!(codes(&again), vec![("id", "payment_already_reversed")]);
    // The receivable follows; a new payment can be recorded again.
    let settled: i64 =
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT settled FROM receivables WHERE document_id = ?1",
                [doc],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(settled, 0);
    pay(&t, doc, "540", "2026-12-01");

    // The receipts book keeps all three lines, and says what the reversal is.
    let book =
        t.db.read(|c| crate::figures::receipts::book(c, 2026))
            .unwrap();
    assert_eq!(
        book.receipts.iter().map(|r| r.amount).collect::<Vec<_>>(),
        vec![54000, -54000, 54000]
    );
    let csv = crate::figures::receipts::csv(&book, crate::catalog::Language::Fr).unwrap();
    assert!(
        csv.contains("Annulation de l'encaissement du 27/11/2026 : Virement saisi deux fois"),
        "{csv}"
    );
    assert_eq!(book.totals[0].amount, 54000);
    let r = report(&t);
    assert!(r.intact(), "{r:?}");
    assert_eq!(r.payments, 3);
}

/// A file from before seals existed (schema 7, made by applying the first seven
/// migrations and writing issued documents and payments the way that version
/// did) gets every record sealed by the migration, in the order it was recorded.
#[test]
fn the_migration_seals_what_was_issued_before_seals_existed() {
    let (t, client) = seeded(micro(), acme());
    let a = invoice(&t, client, "45");
    let b = invoice(&t, client, "30");
    pay(&t, a, "100", TODAY);
    let path = t.db.path().to_owned();
    // Back to how schema 7 left it: no seals.
    behind_the_triggers(&t, "DELETE FROM seals;");
    assert_eq!(report(&t).broken.len(), 3, "all three unsealed");
    drop(t.db);
    // Re-run the migration's Rust step as the migration does.
    let c = rusqlite::Connection::open(&path).unwrap();
    seal_existing(&c).unwrap();
    let r = verify(&c).unwrap();
    assert!(r.intact(), "{r:?}");
    let order: Vec<(String, i64)> = c
        .prepare("SELECT entity, entity_id FROM seals ORDER BY position")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(order.len(), 3);
    assert!(order.contains(&("document".into(), a)) && order.contains(&("document".into(), b)));
    // Idempotent: a second run seals nothing more.
    seal_existing(&c).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM seals", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 3);
}
