//! Documents on real SQLite files: the flows, the database's own guards, gapless
//! numbering under concurrency, and the PDFs checked with pdftotext / pdffonts / qpdf.

use super::*;
use crate::catalog::ShownStatus;
use crate::clients::ClientInput;
use crate::db::Database;
use crate::pdf::tests::tool;
use crate::profile::ProfileInput;
use chrono::NaiveDate;
// The shared fixtures, under the names these tests have always used.
pub(super) use crate::testing::line;
use crate::testing::{
    acme, day, invoice as invoice_input, micro, sasu as company, seeded as setup,
};
const TODAY: &str = "2026-11-27";

fn quote_input(client_id: i64) -> DocumentInput {
    DocumentInput {
        kind: "quote".into(),
        client_id: Some(client_id),
        title: "Lancement de la nouvelle offre".into(),
        start_date: "2026-12-01".into(),
        duration: "3 mois".into(),
        lines: vec![
            line(
                "Gestion de la boîte mail\nTri quotidien, réponses types",
                "10",
                "45",
                "2000",
            ),
            line("Community management", "1,5", "60,00", "2000"),
            line("Mise en page du livre blanc", "1", "333,33", "550"),
        ],
        ..Default::default()
    }
}

fn today() -> NaiveDate {
    day(TODAY)
}

#[test]
fn a_quote_becomes_a_paid_invoice() {
    let (t, client) = setup(company(), acme());
    let db = &t.db;
    let q = db
        .write(|tx| create(tx, &quote_input(client), today()))
        .unwrap();
    assert_eq!((q.status, q.number.as_deref()), (ShownStatus::Draft, None));
    // 450 + 90 at 20 %, 333,33 at 5,5 %.
    assert_eq!(q.totals.excl, 45000 + 9000 + 33333);
    assert_eq!(q.totals.vat_total, 10800 + 1833);
    assert!(q.actions.issue && q.actions.delete && !q.actions.accept);

    let q = db.write(|tx| issue(tx, q.id, today())).unwrap();
    assert_eq!(
        (q.status, q.number.as_deref()),
        (ShownStatus::Sent, Some("D-2026-0001"))
    );
    assert_eq!(q.valid_until.as_deref(), Some("2026-12-27"));
    assert!(q.actions.accept && !q.actions.edit && !q.actions.delete);
    assert_eq!(
        db.write(|tx| update(tx, q.id, &quote_input(client), today()))
            .unwrap_err()
            .code(),
        "document_frozen"
    );
    assert_eq!(
        db.write(|tx| delete(tx, q.id)).unwrap_err().code(),
        "document_frozen"
    );
    // Expired once the validity has passed, but still acceptable.
    let later = db.read(|c| get(c, q.id, day("2027-01-10"))).unwrap();
    assert_eq!(later.status, ShownStatus::Expired);

    let q = db
        .write(|tx| set_quote_status(tx, q.id, "accepted", today()))
        .unwrap();
    assert_eq!(q.status, ShownStatus::Accepted);
    assert!(q.actions.invoice && q.actions.deposit && !q.actions.final_invoice);

    let inv = db
        .write(|tx| invoice_from_quote(tx, q.id, &ConvertMode::Full, today()))
        .unwrap();
    assert_eq!(
        (inv.kind, inv.status, inv.quote_number.as_deref()),
        (Kind::Invoice, ShownStatus::Draft, Some("D-2026-0001"))
    );
    assert_eq!(inv.totals, q.totals);
    let inv = db.write(|tx| issue(tx, inv.id, today())).unwrap();
    assert_eq!(inv.number.as_deref(), Some("F-2026-0001"));
    assert_eq!(inv.due_date.as_deref(), Some("2026-12-27"));
    assert_eq!(inv.outstanding, inv.totals.incl);

    let pay = |amount: &str| PaymentInput {
        date: TODAY.into(),
        amount: amount.into(),
        method: "transfer".into(),
        note: String::new(),
    };
    let inv = db
        .write(|tx| add_payment(tx, inv.id, &pay("500"), today()))
        .unwrap();
    assert_eq!(inv.status, ShownStatus::PartiallyPaid);
    let too_much = db
        .write(|tx| add_payment(tx, inv.id, &pay("100000"), today()))
        .unwrap_err();
    assert_eq!(too_much.code(), "payment_exceeds_balance");
    let rest = crate::validate::Scaled(inv.outstanding, 2).to_string();
    let inv = db
        .write(|tx| add_payment(tx, inv.id, &pay(&rest), today()))
        .unwrap();
    assert_eq!((inv.status, inv.outstanding), (ShownStatus::Paid, 0));
    // Overdue is computed from the due date, and never shown once paid.
    assert_eq!(
        db.read(|c| get(c, inv.id, day("2027-02-01")))
            .unwrap()
            .status,
        ShownStatus::Paid
    );

    let quotes = db
        .read(|c| {
            list(
                c,
                &DocumentQuery {
                    kinds: vec!["quote".into()],
                    ..Default::default()
                },
                today(),
            )
        })
        .unwrap();
    assert_eq!(quotes.total, 1);
    let paid = db
        .read(|c| {
            list(
                c,
                &DocumentQuery {
                    kinds: vec!["invoice".into()],
                    status: Some("paid".into()),
                    ..Default::default()
                },
                today(),
            )
        })
        .unwrap();
    assert_eq!(paid.items.len(), 1);
    assert_eq!(paid.items[0].number.as_deref(), Some("F-2026-0001"));
}

#[test]
fn issuing_names_every_missing_mention_and_writes_nothing() {
    let profile = ProfileInput {
        iban: String::new(),
        bic: String::new(),
        ..micro()
    };
    let client = ClientInput {
        address_line1: String::new(),
        postal_code: String::new(),
        city: String::new(),
        ..acme()
    };
    let (t, client) = setup(profile, client);
    let draft =
        t.db.write(|tx| create(tx, &invoice_input(client, vec![]), today()))
            .unwrap();
    let mut no_date = invoice_input(client, vec![]);
    no_date.service_from.clear();
    no_date.service_to.clear();
    t.db.write(|tx| update(tx, draft.id, &no_date, today()))
        .unwrap();
    let err = t.db.write(|tx| issue(tx, draft.id, today())).unwrap_err();
    assert_eq!(err.code(), "missing_mentions");
    let fields: Vec<&str> = err
        .field_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(
        fields,
        ["profile.iban", "client.address", "lines", "service_from"]
    );
    let after = t.db.read(|c| get(c, draft.id, today())).unwrap();
    assert_eq!((after.status, after.number), (ShownStatus::Draft, None));
    // The failed attempt consumed no number.
    t.db.write(|tx| {
        crate::ops::save_profile(tx, &micro(), today())?;
        crate::ops::update_client(tx, client, &acme())?;
        update(
            tx,
            draft.id,
            &invoice_input(client, vec![line("Assistance", "2", "40", "2000")]),
            today(),
        )
    })
    .unwrap();
    let issued = t.db.write(|tx| issue(tx, draft.id, today())).unwrap();
    assert_eq!(issued.number.as_deref(), Some("F-2026-0001"));
}

#[test]
fn bad_lines_are_refused_field_by_field() {
    let (t, client) = setup(micro(), acme());
    let input = invoice_input(
        client,
        vec![
            line("ok", "1", "10", "2000"),
            line("  ", "abc", "-", "1900"),
            line("x", "0", "1", "0"),
        ],
    );
    let err = t.db.write(|tx| create(tx, &input, today())).unwrap_err();
    let got: Vec<(&str, &str)> = err
        .field_errors()
        .iter()
        .map(|e| (e.field.as_str(), e.code))
        .collect();
    assert_eq!(
        got,
        [
            ("lines.1.description", "required"),
            ("lines.1.quantity", "invalid_quantity"),
            ("lines.1.unit_price", "invalid_amount"),
            ("lines.1.vat_rate", "invalid_vat_rate"),
            ("lines.2.quantity", "out_of_range"),
        ]
    );
    let n: i64 =
        t.db.read(|c| Ok(c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?))
            .unwrap();
    assert_eq!(n, 0);
    assert_eq!(
        t.db.read(|c| get(c, 999, today())).unwrap_err().code(),
        "not_found"
    );
    let unknown = DocumentInput {
        client_id: Some(999),
        ..invoice_input(client, vec![])
    };
    assert_eq!(
        t.db.write(|tx| create(tx, &unknown, today()))
            .unwrap_err()
            .code(),
        "not_found"
    );
}

#[test]
fn the_database_refuses_to_change_or_delete_issued_documents() {
    let (t, client) = setup(micro(), acme());
    let doc =
        t.db.write(|tx| {
            let d = create(
                tx,
                &invoice_input(client, vec![line("Assistance", "2", "40", "0")]),
                today(),
            )?;
            issue(tx, d.id, today())
        })
        .unwrap();
    let sql = [
        "UPDATE documents SET total_incl = 1 WHERE id = ?1",
        "UPDATE documents SET status = 'draft', number = NULL WHERE id = ?1",
        "UPDATE documents SET snapshot = '{}' WHERE id = ?1",
        "DELETE FROM documents WHERE id = ?1",
        "UPDATE document_lines SET unit_price = 1 WHERE document_id = ?1",
        "DELETE FROM document_lines WHERE document_id = ?1",
        "INSERT INTO document_lines (document_id, position, description, quantity, unit_price, vat_rate, total_excl) VALUES (?1, 9, 'x', 1000, 1, 0, 1)",
        // REPLACE deletes the old row first: refused only because every
        // connection turns `recursive_triggers` on (db::configure).
        "INSERT OR REPLACE INTO documents (id, kind, status, client_id, created_at, updated_at)
         SELECT id, 'invoice', 'draft', client_id, created_at, updated_at FROM documents WHERE id = ?1",
        "REPLACE INTO document_lines SELECT * FROM document_lines WHERE document_id = ?1",
    ];
    for s in sql {
        let err = t.db.write(|tx| Ok(tx.execute(s, [doc.id])?)).unwrap_err();
        assert!(
            err.to_string().contains("issued documents cannot be"),
            "{s}: {err}"
        );
    }
    // A number out of sequence is refused by the database itself.
    let d2 =
        t.db.write(|tx| {
            create(
                tx,
                &invoice_input(client, vec![line("a", "1", "1", "0")]),
                today(),
            )
        })
        .unwrap();
    let err = t
        .db
        .write(|tx| {
            Ok(tx.execute(
                "UPDATE documents SET status = 'issued', year = 2026, seq = 3, number = 'F-2026-0003',
                    issue_date = '2026-11-27', snapshot = '{}', total_incl = 100, vat_case = 'franchise',
                    currency = 'EUR' WHERE id = ?1",
                [d2.id],
            )?)
        })
        .unwrap_err();
    assert!(err.to_string().contains("continuous"), "{err}");
    // Nor can a draft be given a place in the series by hand (the next issue
    // would then skip a number).
    let err =
        t.db.write(|tx| {
            Ok(tx.execute(
                "UPDATE documents SET year = 2026, seq = 3 WHERE id = ?1",
                [d2.id],
            )?)
        })
        .unwrap_err();
    assert!(err.to_string().contains("a draft has no number"), "{err}");
    let after = t.db.read(|c| get(c, doc.id, today())).unwrap();
    assert_eq!(after.totals.incl, 8000);
}

#[test]
fn numbering_stays_gapless_when_issues_race() {
    let (t, client) = setup(micro(), acme());
    let path = t.db.path().to_path_buf();
    const THREADS: usize = 4;
    const EACH: usize = 6;
    let handles: Vec<_> = (0..THREADS)
        .map(|n| {
            let path = path.clone();
            std::thread::spawn(move || {
                let db = Database::open(&path).unwrap();
                for i in 0..EACH {
                    let lines = vec![line(&format!("thread {n} doc {i}"), "1", "10", "0")];
                    let d = db
                        .write(|tx| create(tx, &invoice_input(client, lines.clone()), today()))
                        .unwrap();
                    // Every third draft fails validation at issue: it must not take a number.
                    if i % 3 == 1 {
                        db.write(|tx| {
                            update(
                                tx,
                                d.id,
                                &DocumentInput {
                                    service_from: String::new(),
                                    service_to: String::new(),
                                    ..invoice_input(client, lines)
                                },
                                today(),
                            )
                        })
                        .unwrap();
                        assert_eq!(
                            db.write(|tx| issue(tx, d.id, today())).unwrap_err().code(),
                            "missing_mentions"
                        );
                    } else {
                        db.write(|tx| issue(tx, d.id, today())).unwrap();
                    }
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let seqs: Vec<i64> =
        t.db.read(|c| {
            let mut s =
                c.prepare("SELECT seq FROM documents WHERE seq IS NOT NULL ORDER BY seq")?;
            let v = s
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(v)
        })
        .unwrap();
    let issued = THREADS * (EACH - EACH / 3);
    assert_eq!(seqs, (1..=issued as i64).collect::<Vec<_>>());
}

#[test]
fn deposit_and_final_invoice_add_up_to_the_quote() {
    let (t, client) = setup(company(), acme());
    let db = &t.db;
    let q = db
        .write(|tx| {
            let q = create(tx, &quote_input(client), today())?;
            issue(tx, q.id, today())?;
            set_quote_status(tx, q.id, "accepted", today())
        })
        .unwrap();
    let bad = ConvertMode::Deposit {
        percent: "150".into(),
        amount: String::new(),
    };
    assert_eq!(
        db.write(|tx| invoice_from_quote(tx, q.id, &bad, today()))
            .unwrap_err()
            .code(),
        "out_of_range"
    );
    let dep = db
        .write(|tx| {
            let d = invoice_from_quote(
                tx,
                q.id,
                &ConvertMode::Deposit {
                    percent: "30".into(),
                    amount: String::new(),
                },
                today(),
            )?;
            update(
                tx,
                d.id,
                &DocumentInput {
                    service_from: "2026-12-01".into(),
                    ..d.input.clone()
                },
                today(),
            )?;
            issue(tx, d.id, today())
        })
        .unwrap();
    assert_eq!(dep.kind, Kind::Deposit);
    assert_eq!(dep.number.as_deref(), Some("F-2026-0001"));
    assert_eq!(dep.lines.len(), 2, "one deposit line per VAT rate");
    let q = db.read(|c| get(c, q.id, today())).unwrap();
    assert!(q.actions.final_invoice && !q.actions.invoice);
    let fin = db
        .write(|tx| {
            let f = invoice_from_quote(tx, q.id, &ConvertMode::Final, today())?;
            // Editing the final draft keeps the deductions.
            update(
                tx,
                f.id,
                &DocumentInput {
                    notes: "Merci !".into(),
                    service_from: "2026-12-01".into(),
                    ..f.input.clone()
                },
                today(),
            )?;
            issue(tx, f.id, today())
        })
        .unwrap();
    assert_eq!(fin.lines.iter().filter(|l| l.deduction).count(), 2);
    assert_eq!(dep.totals.incl + fin.totals.incl, q.totals.incl);
    assert_eq!(
        dep.totals.vat_total + fin.totals.vat_total,
        q.totals.vat_total
    );
    assert_eq!(fin.number.as_deref(), Some("F-2026-0002"));
    let text = tool(
        "pdftotext",
        &["-layout"],
        &db.read(|c| pdf(c, fin.id, today())).unwrap().0,
    );
    assert!(
        text.contains("Déduction de la facture d'acompte F-2026-0001"),
        "{text}"
    );
}

#[test]
fn credit_notes_never_exceed_their_invoice() {
    let (t, client) = setup(micro(), acme());
    let db = &t.db;
    let inv = db
        .write(|tx| {
            let d = create(
                tx,
                &invoice_input(
                    client,
                    vec![
                        line("Assistance", "10", "40", "0"),
                        line("Frais", "1", "25", "0"),
                    ],
                ),
                today(),
            )?;
            issue(tx, d.id, today())
        })
        .unwrap();
    assert_eq!(inv.totals.incl, 42500);
    // A partial credit note: only the fees.
    let cn = db.write(|tx| credit_note_for(tx, inv.id, today())).unwrap();
    assert_eq!(cn.corrects_number.as_deref(), Some("F-2026-0001"));
    assert_eq!(cn.totals.incl, 42500);
    let partial = DocumentInput {
        lines: vec![cn.input.lines[1].clone()],
        ..cn.input.clone()
    };
    let cn = db.write(|tx| update(tx, cn.id, &partial, today())).unwrap();
    let cn = db.write(|tx| issue(tx, cn.id, today())).unwrap();
    assert_eq!(
        (cn.number.as_deref(), cn.totals.incl),
        (Some("A-2026-0001"), 2500)
    );
    let inv = db.read(|c| get(c, inv.id, today())).unwrap();
    assert_eq!(
        (inv.credited, inv.outstanding, inv.status),
        (2500, 40000, ShownStatus::Issued)
    );
    // Trying to credit the full amount again is refused at issue.
    let again = db.write(|tx| credit_note_for(tx, inv.id, today())).unwrap();
    assert_eq!(again.totals.incl, 40000, "the proposal is what is left");
    let greedy = DocumentInput {
        lines: vec![line("Tout", "1", "400,01", "0")],
        ..again.input.clone()
    };
    db.write(|tx| update(tx, again.id, &greedy, today()))
        .unwrap();
    assert_eq!(
        db.write(|tx| issue(tx, again.id, today()))
            .unwrap_err()
            .code(),
        "credit_exceeds_invoice"
    );
    let fair = DocumentInput {
        lines: vec![line("Tout", "1", "400", "0")],
        ..again.input.clone()
    };
    db.write(|tx| update(tx, again.id, &fair, today())).unwrap();
    db.write(|tx| issue(tx, again.id, today())).unwrap();
    let inv = db.read(|c| get(c, inv.id, today())).unwrap();
    assert_eq!(
        (
            inv.status,
            inv.outstanding,
            inv.actions.credit,
            inv.actions.pay
        ),
        (ShownStatus::Cancelled, 0, false, false)
    );
    assert_eq!(
        db.write(|tx| credit_note_for(tx, inv.id, today()))
            .unwrap_err()
            .code(),
        "already_credited"
    );
}

mod credit_property {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]
        #[test]
        fn issued_credit_notes_never_add_up_to_more_than_the_invoice(asks in prop::collection::vec(1i64..30_000, 1..6)) {
            let (t, client) = setup(micro(), acme());
            let inv = t.db.write(|tx| {
                let d = create(tx, &invoice_input(client, vec![line("Assistance", "1", "500", "0")]), today())?;
                issue(tx, d.id, today())
            }).unwrap();
            for cents in asks {
                let amount = crate::validate::Scaled(cents, 2).to_string();
                let _ = t.db.write(|tx| {
                    let cn = credit_note_for(tx, inv.id, today())?;
                    update(tx, cn.id, &DocumentInput { lines: vec![line("Geste", "1", &amount, "0")], ..cn.input.clone() }, today())?;
                    issue(tx, cn.id, today())
                });
                let inv = t.db.read(|c| get(c, inv.id, today())).unwrap();
                prop_assert!(inv.credited <= inv.totals.incl);
            }
        }
    }
}

struct Case {
    name: &'static str,
    profile: ProfileInput,
    client: ClientInput,
    rate: &'static str,
    expect: &'static [&'static str],
}

fn cases(lang: &str) -> Vec<Case> {
    let en = lang == "en";
    let base_client = ClientInput {
        doc_language: lang.into(),
        ..acme()
    };
    vec![
        Case {
            name: "franchise micro-entrepreneur",
            profile: micro(),
            client: base_client.clone(),
            rate: "2000",
            expect: if en {
                &[
                    "Léa Martin EI",
                    "art. 293 B",
                    "€40.00",
                    "10%",
                    "SIRET 732 829 320 00074",
                    "Service period",
                    "Due date",
                    "IBAN",
                ]
            } else {
                &[
                    "Léa Martin EI",
                    "TVA non applicable, art. 293 B du CGI",
                    "frais de recouvrement de 40 €",
                    "10 %",
                    "SIRET 732 829 320 00074",
                    "Période de la prestation",
                    "Échéance",
                    "IBAN",
                    "Pas d'escompte",
                ]
            },
        },
        Case {
            name: "VAT-registered company",
            profile: company(),
            client: base_client.clone(),
            rate: "2000",
            expect: if en {
                &[
                    "Bras Droit Conseil",
                    "RCS Lyon 732 829 320",
                    "share capital",
                    "FR44732829320",
                    "VAT 20%",
                    "€40.00",
                    "SIREN 732 829 320",
                ]
            } else {
                &[
                    "Bras Droit Conseil",
                    "RCS Lyon 732 829 320",
                    "capital de 1 000,00 €",
                    "N° TVA : FR44732829320",
                    "TVA 20 %",
                    "40 €",
                    "SIREN 732 829 320",
                ]
            },
        },
        Case {
            name: "EU reverse charge",
            profile: company(),
            client: ClientInput {
                country: "DE".into(),
                vat_number: "DE123456789".into(),
                siren: String::new(),
                postal_code: "10115".into(),
                city: "Berlin".into(),
                ..base_client.clone()
            },
            rate: "2000",
            expect: if en {
                &["Reverse charge", "DE123456789", "Germany", "€40.00"]
            } else {
                &["Autoliquidation", "DE123456789", "Allemagne", "40 €"]
            },
        },
        Case {
            name: "client outside the EU",
            profile: company(),
            client: ClientInput {
                country: "US".into(),
                vat_number: String::new(),
                siren: String::new(),
                postal_code: "10001".into(),
                city: "New York".into(),
                currency: "USD".into(),
                ..base_client
            },
            rate: "2000",
            expect: if en {
                &["art. 259-1", "outside the EU", "United States", "$"]
            } else {
                &[
                    "art. 259-1° du CGI",
                    "hors de l'Union européenne",
                    "États-Unis",
                    "$ US",
                ]
            },
        },
    ]
}

#[test]
fn every_vat_case_prints_its_mandatory_mentions_in_french_and_english() {
    for lang in ["fr", "en"] {
        for case in cases(lang) {
            let (t, client) = setup(case.profile, case.client);
            let (bytes, name) =
                t.db.write(|tx| {
                    let d = create(
                        tx,
                        &invoice_input(
                            client,
                            vec![line("Assistance administrative", "12,5", "40", case.rate)],
                        ),
                        today(),
                    )?;
                    issue(tx, d.id, today())?;
                    pdf(tx, d.id, today())
                })
                .unwrap();
            let text = tool("pdftotext", &["-layout"], &bytes).replace('\u{a0}', " ");
            let common: &[&str] = if lang == "en" {
                &[
                    "Invoice F-2026-0001",
                    "Date: 27 Nov 2026",
                    "Atelier Lumière",
                    "Assistance administrative",
                    "12.5 h",
                    "Page 1/1",
                ]
            } else {
                &[
                    "Facture F-2026-0001",
                    "Date : 27/11/2026",
                    "Atelier Lumière",
                    "Assistance administrative",
                    "12,5 h",
                    "Page 1/1",
                    "Net à payer",
                ]
            };
            for needle in common.iter().chain(case.expect) {
                assert!(
                    text.contains(needle),
                    "{} ({lang}): missing {needle:?} in\n{text}",
                    case.name
                );
            }
            assert!(
                name.starts_with(if lang == "en" {
                    "Invoice F-2026-0001 - "
                } else {
                    "Facture F-2026-0001 - "
                }),
                "{name}"
            );
            let fonts = tool("pdffonts", &[], &bytes);
            assert_eq!(
                fonts
                    .lines()
                    .skip(2)
                    .filter(|l| l.contains("+Inter") && l.contains(" yes yes "))
                    .count(),
                2,
                "{fonts}"
            );
            tool("qpdf", &["--check"], &bytes);
        }
    }
}

#[test]
fn a_quote_pdf_has_validity_start_and_the_signature_block() {
    let (t, client) = setup(micro(), acme());
    let (bytes, name) =
        t.db.write(|tx| {
            let q = create(tx, &quote_input(client), today())?;
            issue(tx, q.id, today())?;
            pdf(tx, q.id, today())
        })
        .unwrap();
    assert_eq!(name, "Devis D-2026-0001 - Atelier Lumière.pdf");
    let text = tool("pdftotext", &["-layout"], &bytes).replace('\u{a0}', " ");
    for needle in [
        "Devis D-2026-0001",
        "Valable jusqu'au",
        "27/12/2026",
        "Début de la prestation",
        "01/12/2026",
        "3 mois",
        "Bon pour accord",
        "Nom, signature et cachet du client",
        "Tri quotidien, réponses types",
        "Conditions de paiement : à 30 jours",
        "TVA non applicable, art. 293 B du CGI",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

#[test]
fn forty_lines_span_two_pages_with_headers_repeated() {
    let (t, client) = setup(micro(), acme());
    let lines: Vec<LineInput> = (1..=40)
        .map(|i| line(&format!("Tâche n° {i}"), "1", "10", "0"))
        .collect();
    let bytes =
        t.db.write(|tx| {
            let d = create(tx, &invoice_input(client, lines), today())?;
            issue(tx, d.id, today())?;
            Ok(pdf(tx, d.id, today())?.0)
        })
        .unwrap();
    let text = tool("pdftotext", &["-layout"], &bytes);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 2, "{text}");
    for (i, p) in pages.iter().enumerate() {
        assert!(
            p.contains("Prix unit. HT"),
            "page {} has no table header",
            i + 1
        );
        assert!(p.contains(&format!("Page {}/2", i + 1)));
    }
    assert!(pages[1].contains("Tâche n° 40"));
}

#[test]
fn an_issued_pdf_is_regenerated_identically_even_after_the_profile_changes() {
    let (t, client) = setup(micro(), acme());
    let id =
        t.db.write(|tx| {
            let d = create(
                tx,
                &invoice_input(client, vec![line("Assistance", "3", "40", "0")]),
                today(),
            )?;
            Ok(issue(tx, d.id, today())?.id)
        })
        .unwrap();
    let first = t.db.read(|c| pdf(c, id, today())).unwrap();
    t.db.write(|tx| {
        crate::ops::save_profile(
            tx,
            &ProfileInput {
                legal_name: "Léa Martin-Durand".into(),
                ..micro()
            },
            today(),
        )?;
        crate::ops::update_client(
            tx,
            client,
            &ClientInput {
                name: "Autre nom".into(),
                ..acme()
            },
        )
    })
    .unwrap();
    let second = t.db.read(|c| pdf(c, id, day("2027-03-01"))).unwrap();
    assert!(first == second, "the regenerated PDF differs");
    let text = tool("pdftotext", &[], &second.0);
    assert!(text.contains("Léa Martin EI") && text.contains("Atelier Lumière"));
}

#[test]
fn a_draft_pdf_says_it_is_a_draft_and_mailto_is_filled() {
    let (t, client) = setup(micro(), acme());
    let (bytes, name, mail) =
        t.db.write(|tx| {
            let d = create(tx, &quote_input(client), today())?;
            let (b, n) = pdf(tx, d.id, today())?;
            issue(tx, d.id, today())?;
            Ok((b, n, mailto(tx, d.id, today())?))
        })
        .unwrap();
    assert_eq!(name, "Brouillon devis - Atelier Lumière.pdf");
    assert!(tool("pdftotext", &[], &bytes).contains("BROUILLON"));
    assert!(
        mail.starts_with("mailto:camille@atelier-lumiere.fr?subject=Devis%20D-2026-0001"),
        "{mail}"
    );
    assert!(mail.contains("Bonjour%20Camille%20Durand"), "{mail}");
}

#[test]
fn numbering_prefixes_are_configurable_and_checked() {
    let (t, _) = setup(micro(), acme());
    let n = t.db.read(|c| numbering::get(c, 2026)).unwrap();
    assert_eq!(n.next.invoice, "F-2026-0001");
    let bad = numbering::NumberingInput {
        quote: "DEV IS".into(),
        invoice: "".into(),
        credit_note: "AV".into(),
    };
    let err =
        t.db.write(|tx| numbering::save(tx, &bad, 2026))
            .unwrap_err();
    assert_eq!(err.field_errors().len(), 2);
    let good = numbering::NumberingInput {
        quote: "dev".into(),
        invoice: "FAC".into(),
        credit_note: "AV".into(),
    };
    let n = t.db.write(|tx| numbering::save(tx, &good, 2026)).unwrap();
    assert_eq!(
        (n.next.quote.as_str(), n.next.invoice.as_str()),
        ("DEV-2026-0001", "FAC-2026-0001")
    );
}

#[test]
#[ignore = "writes target/pdf-samples for a human to look at"]
fn write_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pdf-samples");
    std::fs::create_dir_all(&dir).unwrap();
    let (t, client) = setup(company(), acme());
    t.db.write(|tx| {
        let q = create(tx, &quote_input(client), today())?;
        issue(tx, q.id, today())?;
        std::fs::write(dir.join("quote.pdf"), pdf(tx, q.id, today())?.0).unwrap();
        let lines = (1..=40)
            .map(|i| {
                line(
                    &format!("Tâche n° {i} : suivi des demandes clients"),
                    "1,25",
                    "45",
                    "2000",
                )
            })
            .collect();
        let d = create(tx, &invoice_input(client, lines), today())?;
        issue(tx, d.id, today())?;
        std::fs::write(dir.join("invoice-40.pdf"), pdf(tx, d.id, today())?.0).unwrap();
        Ok(())
    })
    .unwrap();
}

#[test]
fn draft_totals_follow_the_profile_but_issued_ones_do_not() {
    let (t, client) = setup(micro(), acme());
    let (draft, issued) =
        t.db.write(|tx| {
            let d = create(
                tx,
                &invoice_input(client, vec![line("Assistance", "1", "100", "2000")]),
                today(),
            )?;
            let i = create(
                tx,
                &invoice_input(client, vec![line("Assistance", "1", "100", "2000")]),
                today(),
            )?;
            issue(tx, i.id, today())?;
            Ok((d.id, i.id))
        })
        .unwrap();
    // She registers for VAT: her draft now charges 20 %, the issued invoice keeps 0.
    t.db.write(|tx| crate::ops::save_profile(tx, &company(), today()))
        .unwrap();
    let page =
        t.db.read(|c| {
            list(
                c,
                &DocumentQuery {
                    kinds: vec!["invoice".into()],
                    ..Default::default()
                },
                today(),
            )
        })
        .unwrap();
    let total_of = |id: i64| page.items.iter().find(|r| r.id == id).unwrap().total_incl;
    assert_eq!((total_of(draft), total_of(issued)), (12000, 10000));
    let d = t.db.read(|c| get(c, draft, today())).unwrap();
    assert_eq!((d.vat_case, d.totals.incl), (VatCase::Domestic, 12000));
}

#[test]
fn the_editor_previews_totals_without_writing() {
    let (t, client) = setup(company(), acme());
    let mut input = invoice_input(
        client,
        vec![
            line("A", "1,5", "45", "2000"),
            line("B", "oops", "10", "2000"),
        ],
    );
    let preview = t.db.read(|c| preview(c, &input, None)).unwrap();
    let totals = preview.totals.clone();
    // One call answers the whole editor: each line's own total (none for the line
    // that does not parse yet), the VAT case and the field errors.
    assert_eq!(preview.line_totals, vec![Some(6750), None]);
    assert_eq!(preview.vat_case, VatCase::Domestic);
    assert_eq!(preview.errors.len(), 1);
    assert_eq!(preview.errors[0].field, "lines.1.quantity");
    // The line that does not parse yet is left out; the rest is exact.
    assert_eq!(
        (totals.excl, totals.vat_total, totals.incl),
        (6750, 1350, 8100)
    );
    input.lines.truncate(1);
    let doc = t.db.write(|tx| create(tx, &input, today())).unwrap();
    assert_eq!(doc.totals, totals);
    assert_eq!(doc.parties.client.name, "Atelier Lumière");
    assert_eq!(
        doc.parties.issuer.as_ref().map(|i| i.name.as_str()),
        Some("Bras Droit Conseil")
    );
    let n: i64 =
        t.db.read(|c| Ok(c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?))
            .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn an_archived_client_is_refused_alike_by_validation_and_by_create() {
    let (t, client) = setup(company(), acme());
    let input = invoice_input(client, vec![line("Assistance", "1", "100", "2000")]);
    let draft = t.db.write(|tx| create(tx, &input, today())).unwrap();
    t.db.write(|tx| crate::clients::set_archived(tx, client, true))
        .unwrap();
    let codes = |editing: Option<i64>| -> Vec<String> {
        t.db.read(|c| validate(c, &input, editing))
            .unwrap()
            .into_iter()
            .filter(|e| e.field == "client_id")
            .map(|e| e.code.to_string())
            .collect()
    };
    // As typed, a new document for her says what create says.
    assert_eq!(codes(None), ["client_archived"]);
    let refused = t.db.write(|tx| create(tx, &input, today())).unwrap_err();
    assert!(matches!(&refused, crate::Error::Invalid(e) if e[0].code == "client_archived"));
    // Her existing draft keeps its client and can still be corrected.
    assert!(codes(Some(draft.id)).is_empty());
    t.db.write(|tx| update(tx, draft.id, &input, today()))
        .unwrap();
    // The live preview answers the same errors as the validation.
    let p = t.db.read(|c| preview(c, &input, None)).unwrap();
    assert_eq!(p.errors[0].code, "client_archived");
}

/// A name the embedded font cannot draw (CJK, Arabic, emoji) would print as
/// `?` on an issued invoice: issuing names each such field, with its
/// characters, and writes nothing. A name of zero-width spaces is no name.
#[test]
fn issuing_names_the_fields_the_font_cannot_print_and_blank_names_are_refused() {
    let (t, _) = setup(micro(), acme());
    let client =
        t.db.write(|tx| {
            Ok(crate::clients::create(
                tx,
                &ClientInput {
                    name: "山田商事 مرحبا".into(),
                    ..acme()
                },
            )?
            .id)
        })
        .unwrap();
    let d =
        t.db.write(|tx| {
            create(
                tx,
                &invoice_input(
                    client,
                    vec![line("Community management 🙂", "1", "100", "0")],
                ),
                today(),
            )
        })
        .unwrap();
    let err = t.db.write(|tx| issue(tx, d.id, today())).unwrap_err();
    let fields: Vec<(&str, &str, &str)> = err
        .field_errors()
        .iter()
        .map(|e| (e.field.as_str(), e.code, e.message.as_str()))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("client.name", "unprintable_text", "山田商事مرحبا"),
            ("lines.0.description", "unprintable_text", "🙂"),
        ]
    );
    let still = t.db.read(|c| get(c, d.id, today())).unwrap();
    assert_eq!((still.status, still.number), (ShownStatus::Draft, None));

    for blank in ["\u{200B}\u{200B}", " \u{FEFF}\u{200D} ", "\u{202E}"] {
        let err =
            t.db.write(|tx| {
                crate::clients::create(
                    tx,
                    &ClientInput {
                        name: blank.into(),
                        ..acme()
                    },
                )
            })
            .unwrap_err();
        assert_eq!(
            err.field_errors()
                .first()
                .map(|e| (e.field.as_str(), e.code)),
            Some(("name", "required")),
            "{blank:?}"
        );
    }
}
