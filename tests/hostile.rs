//! The hostile-input corpus (`tests/hostile/corpus.json`, plus a 100 000-character
//! string) through the client and document commands of the core and every PDF
//! they make: each entry is stored as the same text or refused with a coded
//! field error; no panic, no hang; every PDF passes `qpdf --check`; an issued
//! document never holds a character its font cannot draw (issuing names the
//! field instead).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::Command;
use tandem_core::clients::{self, ClientInput};
use tandem_core::documents::{self, DocumentInput, LineInput};
use tandem_core::testing::{self, acme, micro};

fn corpus() -> Vec<String> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/hostile/corpus.json"
    ))
    .unwrap();
    let mut all: Vec<String> = serde_json::from_str(&text).unwrap();
    all.push("A".repeat(100_000));
    all.push(format!("{}é", "<".repeat(199)));
    all
}

fn qpdf_check(pdf: &[u8], what: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf is installed (apt-get install qpdf)");
    assert!(
        out.status.success(),
        "{what}: qpdf --check failed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

const ALLOWED: &[&str] = &["required", "too_long", "invalid_text", "multiline"];

#[test]
fn every_hostile_entry_is_stored_as_text_or_refused_with_a_code() {
    let (t, base_client) = testing::seeded(micro(), acme());
    let today = testing::day("2026-11-27");
    let (mut stored, mut refused, mut issued, mut named) = (0, 0, 0, 0);
    for (n, entry) in corpus().into_iter().enumerate() {
        let what = format!(
            "entry {n} ({:?}…)",
            entry.chars().take(24).collect::<String>()
        );
        // The client form: name, contact, address, notes all get the entry.
        let input = ClientInput {
            name: entry.clone(),
            contact_name: entry.clone(),
            address_line2: entry.clone(),
            notes: entry.clone(),
            ..acme()
        };
        let client = match t.db.write(|tx| clients::create(tx, &input)) {
            Ok(c) => {
                // What is kept is the text itself (trimmed), never an escaped copy.
                assert_eq!(c.name, entry.trim(), "{what}");
                stored += 1;
                c.id
            }
            Err(e) => {
                assert!(!e.field_errors().is_empty(), "{what}: {e}");
                for f in e.field_errors() {
                    assert!(ALLOWED.contains(&f.code), "{what}: {} {}", f.field, f.code);
                }
                refused += 1;
                base_client
            }
        };
        // A quote and an invoice whose title, notes and line carry the entry.
        for kind in ["quote", "invoice"] {
            let doc = DocumentInput {
                kind: kind.into(),
                client_id: Some(client),
                title: entry.clone(),
                notes: entry.clone(),
                start_date: "2026-12-01".into(),
                duration: "3 mois".into(),
                service_from: "2026-11-01".into(),
                service_to: "2026-11-30".into(),
                lines: vec![LineInput {
                    description: entry.clone(),
                    quantity: "1".into(),
                    unit: "h".into(),
                    unit_price: "45".into(),
                    vat_rate: "0".into(),
                }],
                ..Default::default()
            };
            let d = match t.db.write(|tx| documents::create(tx, &doc, today)) {
                Ok(d) => d,
                Err(e) => {
                    for f in e.field_errors() {
                        assert!(ALLOWED.contains(&f.code), "{what}: {} {}", f.field, f.code);
                    }
                    continue;
                }
            };
            let (draft, _) = t.db.read(|c| documents::pdf(c, d.id, today)).unwrap();
            qpdf_check(&draft, &format!("{what}, {kind} draft"));
            match t.db.write(|tx| documents::issue(tx, d.id, today)) {
                Ok(_) => {
                    issued += 1;
                    assert!(
                        tandem_core::pdf::unprintable(&entry).is_empty(),
                        "{what}: issued with characters the font lacks"
                    );
                    let (pdf, _) = t.db.read(|c| documents::pdf(c, d.id, today)).unwrap();
                    qpdf_check(&pdf, &format!("{what}, issued {kind}"));
                }
                Err(e) => {
                    let codes: Vec<&str> = e.field_errors().iter().map(|f| f.code).collect();
                    assert!(
                        codes.iter().all(|c| *c == "unprintable_text"),
                        "{what}: {codes:?}"
                    );
                    assert!(!tandem_core::pdf::unprintable(&entry).is_empty(), "{what}");
                    named += 1;
                }
            }
        }
    }
    println!(
        "hostile corpus: {stored} stored as text, {refused} refused with a code; {issued} documents issued, {named} refusals naming unprintable characters"
    );
    assert!(stored > 10 && refused >= 3 && issued > 10 && named >= 6);
    // Nothing ran and nothing was lost: the tables are all there.
    let tables: i64 =
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('clients', 'documents')",
                [],
                |r| r.get(0),
            )?)
        })
        .unwrap();
    assert_eq!(tables, 2);
}
