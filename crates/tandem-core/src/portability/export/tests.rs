//! « Tout exporter », a client's data and their erasure, on real SQLite files.

use super::*;
use crate::clients::{self, ClientInput};
use crate::collaborations;
use crate::documents::{self, add_payment, reverse_payment, PaymentInput, ReversalInput};
use crate::integrity;
use crate::ops::billing::{self, BillMonthInput};
use crate::team::members::{self, tests::lea};
use crate::testing::{self, acme, day, hourly, micro, seeded, TempDb};
use crate::timesheet::entries::{self, EntryInput};

fn today() -> NaiveDate {
    day("2026-11-27")
}

/// What the seeded file holds, by id.
struct World {
    t: TempDb,
    client: i64,
    other: i64,
    invoice: i64,
    other_invoice: i64,
    draft: i64,
}

fn entry(tx: &Connection, collab: i64, on: &str, duration: &str) -> Result<i64> {
    Ok(entries::create(
        tx,
        &EntryInput {
            collaboration_id: Some(collab),
            day: on.into(),
            duration: duration.into(),
            note: "Tri des e-mails".into(),
            ..Default::default()
        },
        today(),
    )?
    .id)
}

fn manual_invoice(tx: &Connection, client: i64, price: &str) -> Result<i64> {
    let input = testing::invoice(
        client,
        vec![testing::line("Assistance administrative", "2", price, "0")],
    );
    Ok(documents::create(tx, &input, today())?.id)
}

fn pay(tx: &Connection, doc: i64, amount: &str) -> Result<i64> {
    let d = add_payment(
        tx,
        doc,
        &PaymentInput {
            date: "2026-11-27".into(),
            amount: amount.into(),
            method: "transfer".into(),
            note: String::new(),
        },
        today(),
    )?;
    Ok(d.payments.last().map(|p| p.id).unwrap_or_default())
}

/// Atelier Lumière: an hourly collaboration, October billed and issued (its
/// entries frozen), a payment, its reversal and a second payment, November's
/// entries unbilled, a draft, a second collaboration with nothing issued and a
/// team member. Another client with an issued invoice of their own.
fn world() -> World {
    let (t, client) = seeded(micro(), acme());
    let w =
        t.db.write(|tx| {
            let k = collaborations::create(tx, &hourly(client, "45", "", ""))?.id;
            let spare = collaborations::create(
                tx,
                &crate::collaborations::CollaborationInput {
                    title: "Réseaux sociaux".into(),
                    notes: "Préfère être appelée le matin".into(),
                    ..hourly(client, "40", "", "")
                },
            )?
            .id;
            entry(tx, k, "2026-10-05", "2:00")?;
            entry(tx, k, "2026-10-06", "1:30")?;
            entry(tx, k, "2026-11-03", "1:00")?;
            entry(tx, spare, "2026-11-04", "0:45")?;
            let bill = billing::bill_month(
                tx,
                &BillMonthInput {
                    collaboration_id: k,
                    month: "2026-10".into(),
                    per_task: false,
                    revenue: String::new(),
                },
                today(),
            )?;
            let invoice = documents::issue(tx, bill.id, today())?.id;
            let first = pay(tx, invoice, "50")?;
            reverse_payment(
                tx,
                first,
                &ReversalInput {
                    date: "2026-11-27".into(),
                    reason: "Virement rejeté par la banque".into(),
                },
                today(),
            )?;
            pay(tx, invoice, "100")?;
            let draft = manual_invoice(tx, client, "45")?;
            members::create(tx, &lea(Some(client), None))?;
            let other = clients::create(
                tx,
                &ClientInput {
                    name: "Boulangerie Petit".into(),
                    email: "bonjour@petit.fr".into(),
                    ..acme()
                },
            )?
            .id;
            let other_draft = manual_invoice(tx, other, "60")?;
            let other_invoice = documents::issue(tx, other_draft, today())?.id;
            Ok((client, other, invoice, other_invoice, draft))
        })
        .expect("seed the world");
    World {
        t,
        client: w.0,
        other: w.1,
        invoice: w.2,
        other_invoice: w.3,
        draft: w.4,
    }
}

fn schema() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema/tandem-export-v1.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("the schema file")).expect("JSON")
}

fn assert_valid(doc: &Value) {
    let validator = jsonschema::draft202012::new(&schema()).expect("a valid draft 2020-12 schema");
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the export does not match its schema:\n{}",
        errors.join("\n")
    );
}

fn count(w: &World, sql: &str) -> i64 {
    w.t.db
        .read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
        .unwrap()
}

#[test]
fn the_whole_export_holds_every_record_and_matches_its_json_schema() {
    let w = world();
    let started = std::time::Instant::now();
    let e = w.t.db.read(|c| export_all(c, today())).unwrap();
    eprintln!("export of the seeded file: {:?}", started.elapsed());
    let j = &e.json;
    assert_valid(j);
    // The schema does check: a figure as text, or a column it does not know, fails.
    let validator = jsonschema::draft202012::new(&schema()).unwrap();
    let mut bad = j.clone();
    bad["payments"][0]["amount"] = "50,00".into();
    assert!(!validator.is_valid(&bad));
    let mut bad = j.clone();
    bad["clients"][0]["nickname"] = "Cam".into();
    assert!(!validator.is_valid(&bad));
    assert_eq!(j["format"], "tandem-export");
    assert_eq!(j["version"], 1);
    assert_eq!(j["exported_at"], "2026-11-27");
    assert_eq!(
        j["schema"],
        count(&w, "SELECT user_version FROM pragma_user_version")
    );
    assert_eq!(j["profile"]["legal_name"], "Léa Martin");
    assert_eq!(j["clients"].as_array().unwrap().len(), 2);
    assert_eq!(j["collaborations"][0]["pricing"]["model"], "hourly");
    assert_eq!(j["collaborations"][0]["pricing"]["hourly_rate_cents"], 4500);
    assert_eq!(j["collaborations"][0]["tasks"].as_array().unwrap().len(), 2);
    let docs = j["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    let inv = docs.iter().find(|d| d["id"] == w.invoice).unwrap();
    assert_eq!(inv["status"], "issued");
    assert!(
        inv["snapshot"].is_object(),
        "the frozen snapshot is an object"
    );
    assert_eq!(inv["lines"].as_array().unwrap().len(), 1);
    assert_eq!(inv["total_incl"], 15750, "3 h 30 at 45 € in cents");
    assert_eq!(inv["paid"], 10000);
    assert_eq!(inv["shown_status"], "partially_paid");
    let payments = j["payments"].as_array().unwrap();
    assert_eq!(payments.len(), 3);
    let reversal = payments
        .iter()
        .find(|p| !p["reverses_id"].is_null())
        .unwrap();
    assert_eq!(reversal["amount"], -5000);
    assert_eq!(reversal["reason"], "Virement rejeté par la banque");
    assert_eq!(
        j["seals"].as_array().unwrap().len(),
        5,
        "two invoices, three payments"
    );
    assert_eq!(j["seals"][0]["position"], 1);
    assert_eq!(j["time_entries"].as_array().unwrap().len(), 4);
    assert_eq!(j["time_entries"][0]["billable"], true);
    assert_eq!(j["team"]["members"][0]["name"], "Léa Moreau");
    assert_eq!(
        j["team"]["onboarding_templates"].as_array().unwrap().len(),
        2
    );
    assert!(j["settings"].is_object());
    let names: Vec<_> = e.sheets.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "clients.csv",
            "collaborations.csv",
            "documents.csv",
            "document_lines.csv",
            "payments.csv",
            "time_entries.csv",
            "team_members.csv"
        ]
    );
}

#[test]
fn the_spreadsheets_are_written_the_one_way_of_each_language() {
    let w = world();
    let fr = w.t.db.read(|c| export_all(c, today())).unwrap();
    let payments = &fr
        .sheets
        .iter()
        .find(|(n, _)| *n == "payments.csv")
        .unwrap()
        .1;
    assert!(
        payments.starts_with('\u{feff}'),
        "French: a byte-order mark"
    );
    assert!(
        payments.contains("Montant;Mode"),
        "French headers, `;`: {payments}"
    );
    assert!(
        payments.contains(";-50,00;"),
        "a reversal, decimal comma: {payments}"
    );
    assert!(payments.contains("Virement rejeté par la banque"));
    let lines = &fr
        .sheets
        .iter()
        .find(|(n, _)| *n == "document_lines.csv")
        .unwrap()
        .1;
    assert!(
        lines.contains(";2;h;45,00;0;90,00"),
        "quantities, prices and rates: {lines}"
    );
    w.t.db
        .write(|tx| crate::settings::set_language(tx, "en"))
        .unwrap();
    let en = w.t.db.read(|c| export_all(c, today())).unwrap();
    let payments = &en
        .sheets
        .iter()
        .find(|(n, _)| *n == "payments.csv")
        .unwrap()
        .1;
    assert!(!payments.starts_with('\u{feff}'));
    assert!(payments.contains("Amount,Method"), "{payments}");
    assert!(payments.contains(",-50.00,"), "{payments}");
    let clients = &en
        .sheets
        .iter()
        .find(|(n, _)| *n == "clients.csv")
        .unwrap()
        .1;
    assert_eq!(clients.lines().count(), 3, "a header and two clients");
}

#[test]
fn an_export_folder_is_named_by_the_day_numbered_when_taken_and_never_half_written() {
    let w = world();
    let e = w.t.db.read(|c| export_all(c, today())).unwrap();
    let parent = tempfile::tempdir().unwrap();
    let mut seen = Vec::new();
    let first = write_export(&e, parent.path(), today(), &mut |d, t| seen.push((d, t))).unwrap();
    assert_eq!(first.file_name().unwrap(), "Tandem export 2026-11-27");
    let files = e.files().unwrap().len();
    assert_eq!(seen.first(), Some(&(0, files)));
    assert_eq!(seen.last(), Some(&(files, files)));
    let back: Value =
        serde_json::from_slice(&std::fs::read(first.join(JSON_FILE)).unwrap()).unwrap();
    assert_eq!(back, e.json, "the file says what the export says");
    assert!(first.join("time_entries.csv").exists() && first.join("LISEZMOI.txt").exists());
    let second = write_export(&e, parent.path(), today(), &mut |_, _| {}).unwrap();
    assert_eq!(second.file_name().unwrap(), "Tandem export 2026-11-27 (2)");
    let third = write_export(&e, parent.path(), today(), &mut |_, _| {}).unwrap();
    assert_eq!(third.file_name().unwrap(), "Tandem export 2026-11-27 (3)");

    // The disk fills up at the third file: nothing is left, and it says why.
    let failing = |p: &Path, b: &[u8]| -> std::io::Result<()> {
        if p.ends_with("collaborations.csv") {
            return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
        }
        write_file(p, b)
    };
    let err = write_export_with(&e, parent.path(), today(), &mut |_, _| {}, &failing).unwrap_err();
    assert_eq!(err.code(), "disk_full");
    let left: Vec<String> = std::fs::read_dir(parent.path())
        .unwrap()
        .map(|d| d.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 3, "no fourth folder and no .part: {left:?}");
    assert!(!left.iter().any(|n| n.ends_with(".part")), "{left:?}");

    // A parent that is not a folder: a coded error, nothing written.
    let file = parent.path().join("a file");
    std::fs::write(&file, b"x").unwrap();
    assert!(write_export(&e, &file, today(), &mut |_, _| {}).is_err());
}

#[test]
fn a_clients_own_data_holds_them_and_nobody_else() {
    let w = world();
    let j =
        w.t.db
            .read(|c| export_client(c, w.client, today()))
            .unwrap();
    assert_valid(&j);
    assert_eq!(j["scope"], "client");
    assert_eq!(j["client_id"], w.client);
    assert_eq!(j["clients"].as_array().unwrap().len(), 1);
    assert_eq!(j["clients"][0]["email"], "camille@atelier-lumiere.fr");
    assert_eq!(j["collaborations"].as_array().unwrap().len(), 2);
    let docs = j["documents"].as_array().unwrap();
    assert_eq!(
        docs.len(),
        2,
        "the issued invoice and the draft, not the other client's"
    );
    assert!(docs.iter().all(|d| d["client_id"] == w.client));
    assert_eq!(j["payments"].as_array().unwrap().len(), 3);
    assert_eq!(j["time_entries"].as_array().unwrap().len(), 4);
    assert_eq!(j["team"]["members"].as_array().unwrap().len(), 1);
    assert!(j.get("profile").is_none() && j.get("seals").is_none());
    let missing = w.t.db.read(|c| export_client(c, 999, today())).unwrap_err();
    assert_eq!(missing.code(), "not_found");
    assert_eq!(
        client_file_name("Atelier / Lumière", today()),
        "Tandem - Atelier - Lumière - 2026-11-27.json"
    );
}

#[test]
fn the_erase_plan_says_what_goes_and_what_the_law_keeps() {
    let w = world();
    let plan = w.t.db.read(|c| erase_plan(c, w.client)).unwrap();
    let removed: Vec<(&str, i64)> = plan.removed.iter().map(|r| (r.what, r.count)).collect();
    assert_eq!(
        removed,
        [
            ("collaborations", 1),
            ("drafts", 1),
            ("time_entries", 2),
            ("team_members", 1)
        ]
    );
    let kept: Vec<(&str, i64, &str)> = plan
        .kept
        .iter()
        .map(|k| (k.what, k.count, k.reason))
        .collect();
    assert_eq!(
        kept,
        [
            ("issued_documents", 1, "retention_10_years"),
            ("payments", 3, "retention_10_years"),
            ("billed_time_entries", 2, "billed_on_invoice"),
            ("collaborations", 1, "named_on_invoices"),
            ("client_name", 1, "named_on_invoices"),
        ]
    );
    assert_eq!(plan.kept[0].numbers.len(), 1);
    assert!(
        plan.kept[0].numbers[0].starts_with('F'),
        "{:?}",
        plan.kept[0].numbers
    );
    assert_eq!(
        plan.blanked,
        [
            "contact_name",
            "email",
            "address_line1",
            "postal_code",
            "city",
            "siren",
            "vat_number"
        ]
    );
    assert!(!plan.record_removed);
}

/// Every column of a document, its lines and its seal's content, as stored.
fn frozen(c: &Connection, id: i64) -> Result<(String, Vec<u8>)> {
    let row: String = c.query_row(
        "SELECT json_array(d.id, d.kind, d.status, d.client_id, d.collaboration_id, d.number,
                d.issue_date, d.due_date, d.total_excl, d.total_vat, d.total_incl, d.snapshot,
                d.created_at, d.updated_at,
                (SELECT json_group_array(json_array(l.id, l.position, l.description, l.quantity,
                        l.unit_price, l.vat_rate, l.total_excl)) FROM document_lines l
                  WHERE l.document_id = d.id))
           FROM documents d WHERE d.id = ?1",
        [id],
        |r| r.get(0),
    )?;
    let content = integrity::document_content(c, id)?.unwrap_or_default();
    Ok((row, content))
}

#[test]
fn erasing_a_client_keeps_issued_invoices_byte_identical_and_removes_the_rest() {
    let w = world();
    let before = w.t.db.read(|c| frozen(c, w.invoice)).unwrap();
    let other_before = w.t.db.read(|c| frozen(c, w.other_invoice)).unwrap();
    let payments_before = count(&w, "SELECT COUNT(*) FROM payments");
    let planned = w.t.db.read(|c| erase_plan(c, w.client)).unwrap();
    let done = w.t.db.write(|tx| erase_client(tx, w.client)).unwrap();
    assert_eq!(done, planned, "it did what it said");

    assert_eq!(w.t.db.read(|c| frozen(c, w.invoice)).unwrap(), before);
    assert_eq!(
        w.t.db.read(|c| frozen(c, w.other_invoice)).unwrap(),
        other_before
    );
    let report = w.t.db.read(integrity::verify).unwrap();
    assert!(report.intact(), "{:?}", report.broken);
    assert_eq!(report.documents, 2);
    assert_eq!(count(&w, "SELECT COUNT(*) FROM payments"), payments_before);

    assert_eq!(
        count(
            &w,
            &format!("SELECT COUNT(*) FROM documents WHERE id = {}", w.draft)
        ),
        0
    );
    assert_eq!(
        count(
            &w,
            &format!(
                "SELECT COUNT(*) FROM collaborations WHERE client_id = {}",
                w.client
            )
        ),
        1,
        "the collaboration the invoice names"
    );
    assert_eq!(
        count(
            &w,
            &format!(
                "SELECT COUNT(*) FROM collaborations WHERE client_id = {} AND notes IS NOT NULL",
                w.client
            )
        ),
        0
    );
    assert_eq!(
        count(&w, "SELECT COUNT(*) FROM time_entries"),
        2,
        "only the billed ones"
    );
    assert_eq!(
        count(
            &w,
            "SELECT COUNT(*) FROM time_entries WHERE document_id IS NULL"
        ),
        0
    );
    assert_eq!(count(&w, "SELECT COUNT(*) FROM team_members"), 0);
    assert_eq!(
        count(&w, "SELECT COALESCE(SUM(minutes), 0) FROM time_months"),
        210,
        "the months' totals follow the entries"
    );

    let c = w.t.db.read(|c| clients::get(c, w.client)).unwrap();
    assert!(c.archived);
    assert_eq!(c.name, "Atelier Lumière");
    let blanked: i64 = count(
        &w,
        &format!(
            "SELECT COUNT(*) FROM clients WHERE id = {} AND contact_name IS NULL AND email IS NULL
                AND address_line1 IS NULL AND city IS NULL AND siren IS NULL AND vat_number IS NULL",
            w.client
        ),
    );
    assert_eq!(blanked, 1);
    let other = w.t.db.read(|c| clients::get(c, w.other)).unwrap();
    assert!(!other.archived, "the other client is untouched");

    // Once erased, nothing more goes: what is left is what the law keeps.
    let again = w.t.db.read(|c| erase_plan(c, w.client)).unwrap();
    assert!(
        again.removed.is_empty() && again.blanked.is_empty(),
        "{again:?}"
    );
    assert_eq!(again.kept, done.kept);
}

#[test]
fn a_client_with_nothing_issued_is_removed_whole() {
    let (t, client) = seeded(micro(), acme());
    t.db.write(|tx| {
        let k = collaborations::create(tx, &hourly(client, "45", "", ""))?.id;
        entry(tx, k, "2026-11-03", "1:00")?;
        manual_invoice(tx, client, "45")?;
        members::create(tx, &lea(Some(client), None))?;
        Ok(())
    })
    .unwrap();
    let plan = t.db.write(|tx| erase_client(tx, client)).unwrap();
    assert!(plan.record_removed && plan.kept.is_empty(), "{plan:?}");
    assert_eq!(
        t.db.read(|c| clients::get(c, client)).unwrap_err().code(),
        "not_found"
    );
    for table in [
        "collaborations",
        "time_entries",
        "documents",
        "team_members",
        "time_months",
    ] {
        let n: i64 = t
            .db
            .read(|c| Ok(c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(n, 0, "{table}");
    }
}
