//! Every issued document right in law: each case a review of the PDFs found wrong,
//! read back from the PDF with pdftotext, and the table of VAT cases (issuer
//! franchise / registered × the six kinds of client) with the mention each prints.

use super::tests::line;
use super::*;
use crate::clients::ClientInput;
use crate::pdf::tests::tool;
use crate::profile::ProfileInput;
use crate::testing::{acme, day, micro, sasu, seeded, TempDb};
use chrono::NaiveDate;

fn today() -> NaiveDate {
    day("2026-11-27")
}

fn invoice(client_id: i64) -> DocumentInput {
    DocumentInput {
        kind: "invoice".into(),
        client_id: Some(client_id),
        service_from: "2026-11-01".into(),
        service_to: "2026-11-30".into(),
        lines: vec![line("Assistance administrative", "12,5", "40", "2000")],
        ..Default::default()
    }
}

/// The PDF's text on one line, no-break spaces as spaces: what a reader reads.
fn flat(bytes: &[u8]) -> String {
    tool("pdftotext", &[], bytes)
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text as `pdftotext -layout` places it, whitespace collapsed: a table row or
/// a totals row reads on one line, label then amount.
fn flat_layout(bytes: &[u8]) -> String {
    tool("pdftotext", &["-layout"], bytes)
        .replace('\u{a0}', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Issues `input` and returns the PDF's text and bytes.
fn issued(t: &TempDb, input: &DocumentInput) -> (String, Vec<u8>) {
    let bytes =
        t.db.write(|tx| {
            let d = create(tx, input, today())?;
            issue(tx, d.id, today())?;
            Ok(pdf(tx, d.id, today())?.0)
        })
        .unwrap();
    (flat(&bytes), bytes)
}

fn missing_fields(t: &TempDb, input: &DocumentInput) -> Vec<String> {
    let err =
        t.db.write(|tx| {
            let d = create(tx, input, today())?;
            issue(tx, d.id, today())
        })
        .unwrap_err();
    assert_eq!(err.code(), "missing_mentions", "{err:?}");
    err.field_errors().iter().map(|e| e.field.clone()).collect()
}

fn german_business() -> ClientInput {
    ClientInput {
        name: "Kontor GmbH".into(),
        contact_name: "Emily Weber".into(),
        country: "DE".into(),
        siren: String::new(),
        vat_number: "DE123456789".into(),
        address_line1: "Unter den Linden 1".into(),
        postal_code: "10117".into(),
        city: "Berlin".into(),
        ..acme()
    }
}

fn german_private() -> ClientInput {
    ClientInput {
        name: "Anna Schmidt".into(),
        vat_number: String::new(),
        private: true,
        ..german_business()
    }
}

fn us_business() -> ClientInput {
    ClientInput {
        name: "Empire Coaching LLC".into(),
        contact_name: "Emily Stone".into(),
        country: "US".into(),
        siren: String::new(),
        vat_number: String::new(),
        address_line1: "350 Fifth Avenue".into(),
        postal_code: "NY 10118".into(),
        city: "New York".into(),
        currency: "USD".into(),
        ..acme()
    }
}

fn us_private() -> ClientInput {
    ClientInput {
        name: "Emily Stone".into(),
        private: true,
        ..us_business()
    }
}

fn french_private() -> ClientInput {
    ClientInput {
        name: "Camille Durand".into(),
        siren: String::new(),
        vat_number: String::new(),
        private: true,
        ..acme()
    }
}

/// Under the franchise, with the intra-EU VAT number she needs for EU businesses.
fn micro_with_vat_number() -> ProfileInput {
    ProfileInput {
        vat_number: "FR44732829320".into(),
        ..micro()
    }
}

#[test]
fn a_company_prints_its_legal_form_and_its_capital_in_euros_on_a_dollar_invoice() {
    let (t, client) = seeded(sasu(), us_business());
    let (text, _) = issued(&t, &invoice(client));
    assert!(text.contains("Bras Droit Conseil SASU"), "{text}");
    assert!(
        text.contains("SASU au capital de 1 000,00 € · RCS Lyon 732 829 320"),
        "{text}"
    );
    assert!(
        !text.contains("1 000,00 $"),
        "the capital is in euros: {text}"
    );
    assert!(
        text.contains("500,00 $ US"),
        "a French dollar says whose: {text}"
    );
    // The footer repeats the form and the capital on every page.
    assert_eq!(text.matches("Bras Droit Conseil SASU").count(), 2, "{text}");
}

#[test]
fn a_registered_sole_trader_prints_her_registry() {
    let profile = ProfileInput {
        registry: "RCS Lyon 732 829 320".into(),
        ..micro()
    };
    let (t, client) = seeded(profile, acme());
    let (text, _) = issued(&t, &invoice(client));
    assert!(text.contains("Léa Martin EI"), "{text}");
    assert!(text.contains("RCS Lyon 732 829 320"), "{text}");
    assert!(
        !text.contains("capital"),
        "a sole trader has no capital: {text}"
    );
}

#[test]
fn a_private_client_gets_no_professional_penalties_nor_the_40_euros() {
    let (t, client) = seeded(micro(), french_private());
    let stored = t.db.read(|c| crate::clients::get(c, client)).unwrap();
    assert!(stored.private);
    assert_eq!(stored.siren, None, "a private person has no SIREN");
    let (text, _) = issued(&t, &invoice(client));
    assert!(!text.contains("40 €"), "{text}");
    assert!(!text.contains("L441-10"), "{text}");
    assert!(!text.contains("SIREN"), "{text}");
    assert!(
        text.contains("TVA non applicable, art. 293 B du CGI"),
        "{text}"
    );
}

#[test]
fn an_eu_private_client_is_invoiced_with_french_vat() {
    let (t, client) = seeded(sasu(), german_private());
    let (text, _) = issued(&t, &invoice(client));
    assert!(text.contains("TVA 20 % sur 500,00 € 100,00 €"), "{text}");
    assert!(text.contains("Net à payer TTC 600,00 €"), "{text}");
    assert!(!text.contains("Autoliquidation"), "{text}");
    assert!(!text.contains("L441-10"), "a private client: {text}");
}

#[test]
fn a_franchise_issuer_billing_an_eu_business_reverse_charges_with_both_vat_numbers() {
    let (t, client) = seeded(micro(), german_business());
    // She needs her intra-EU number even under the franchise (CGI art. 286 ter).
    assert_eq!(missing_fields(&t, &invoice(client)), ["profile.vat_number"]);
    t.db.write(|tx| crate::ops::save_profile(tx, &micro_with_vat_number(), today()))
        .unwrap();
    let (text, _) = issued(&t, &invoice(client));
    assert!(text.contains("Autoliquidation"), "{text}");
    assert!(text.contains("art. 259-1° du CGI"), "{text}");
    assert!(
        text.contains("art. 44 et 196 de la directive 2006/112/CE"),
        "{text}"
    );
    assert!(
        !text.contains("283-2"),
        "that is the other direction: {text}"
    );
    assert!(
        !text.contains("293 B"),
        "the franchise is not the reason: {text}"
    );
    assert!(text.contains("N° TVA : FR44732829320"), "{text}");
    assert!(text.contains("N° TVA : DE123456789"), "{text}");
    assert!(!text.contains("TVA 0,00"), "{text}");
}

#[test]
fn french_vat_in_another_currency_is_also_stated_in_euros_with_its_rate() {
    let client = ClientInput {
        currency: "USD".into(),
        ..acme()
    };
    let (t, client) = seeded(sasu(), client);
    let input = invoice(client);
    assert_eq!(missing_fields(&t, &input), ["exchange_rate"]);
    let first = t.db.read(|c| preview(c, &input, None)).unwrap();
    assert!(first.needs_exchange_rate);
    assert_eq!(first.last_exchange_rate, None);
    let typed = DocumentInput {
        exchange_rate: "0,9234".into(),
        ..input.clone()
    };
    let (text, bytes) = issued(&t, &typed);
    // 100,00 $ US of VAT × 0,9234 = 92,34 €.
    let rows = flat_layout(&bytes);
    assert!(rows.contains("dont TVA en euros 92,34 €"), "{rows}");
    assert!(
        text.contains("au taux de change de 1 USD = 0,9234 EUR (art. 266-1 bis du CGI)"),
        "{text}"
    );
    assert!(text.contains("art. 289-IV du CGI"), "{text}");
    // The next invoice in dollars starts from the rate she typed.
    let next = t.db.read(|c| preview(c, &input, None)).unwrap();
    assert_eq!(next.last_exchange_rate.as_deref(), Some("0,9234"));
    let bad = DocumentInput {
        exchange_rate: "0,12345678".into(),
        ..input
    };
    let errors = t.db.read(|c| validate(c, &bad, None)).unwrap();
    assert_eq!(errors[0].code, "invalid_exchange_rate");
}

#[test]
fn a_penalty_rate_below_the_legal_floor_stops_the_invoice() {
    // A profile saved without the core (or before the floor rose): the issue check
    // refuses what the profile form would have.
    let (t, client) = seeded(micro(), acme());
    t.db.write(|tx| Ok(tx.execute("UPDATE business_profile SET late_penalty_bps = 0", [])?))
        .unwrap();
    assert_eq!(
        missing_fields(&t, &invoice(client)),
        ["profile.late_penalty_rate"]
    );
    // A private client owes no professional penalty: nothing to refuse.
    let private =
        t.db.write(|tx| crate::clients::create(tx, &french_private()))
            .unwrap()
            .id;
    let (text, _) = issued(&t, &invoice(private));
    assert!(!text.contains("0 %"), "{text}");
}

#[test]
fn wording_reception_elision_and_english_money() {
    let profile = ProfileInput {
        payment_terms_days: "0".into(),
        ..sasu()
    };
    let client = ClientInput {
        contact_name: "Emily Stone".into(),
        ..acme()
    };
    let (t, client) = seeded(profile, client);
    let (text, bytes) = issued(&t, &invoice(client));
    assert!(text.contains("Paiement à réception."), "{text}");
    assert!(!text.contains("0 jours"), "{text}");
    assert!(text.contains("À l'attention d'Emily Stone"), "{text}");
    assert!(
        !String::from_utf8_lossy(&bytes).contains("GTS_PDFXVersion"),
        "no false PDF/X claim"
    );
    let english =
        t.db.write(|tx| {
            crate::clients::create(
                tx,
                &ClientInput {
                    name: "Harbour Studio".into(),
                    contact_name: "Emily Stone".into(),
                    doc_language: "en".into(),
                    ..acme()
                },
            )
        })
        .unwrap()
        .id;
    let (text, _) = issued(&t, &invoice(english));
    assert!(text.contains("recovery indemnity of €40.00"), "{text}");
    assert!(text.contains("€500.00"), "{text}");
    assert!(!text.contains("€ "), "no space after the euro sign: {text}");
    assert!(text.contains("Payment due on receipt."), "{text}");
    assert!(text.contains("Attn. Emily Stone"), "{text}");
}

#[test]
fn english_documents_are_english_and_addresses_follow_their_country() {
    let client = ClientInput {
        doc_language: "en".into(),
        ..us_business()
    };
    let (t, client) = seeded(micro(), client);
    let (text, _) = issued(&t, &invoice(client));
    assert!(text.contains("New York, NY 10118"), "{text}");
    assert!(!text.contains("NY 10118 New York"), "{text}");
    assert!(
        text.contains("VAT not applicable, art. 259-1° of the French Tax Code (CGI)"),
        "{text}"
    );
    for french in ["TVA non applicable", "du CGI", "Autoliquidation", "(TVA"] {
        assert!(
            !text.contains(french),
            "French {french:?} in English: {text}"
        );
    }
}

#[test]
fn several_rates_print_the_total_vat_as_one_figure() {
    let (t, client) = seeded(sasu(), acme());
    let input = DocumentInput {
        lines: vec![
            line("Assistance administrative", "10", "40", "2000"),
            line("Mise en page du livre blanc", "1", "200", "550"),
        ],
        ..invoice(client)
    };
    let (text, _) = issued(&t, &input);
    assert!(text.contains("TVA 20 % sur 400,00 € 80,00 €"), "{text}");
    assert!(text.contains("TVA 5,5 % sur 200,00 € 11,00 €"), "{text}");
    assert!(text.contains("Total TVA 91,00 €"), "{text}");
}

/// A deposit's date is when its payment was received; a final invoice shows the
/// quote's subtotal before it deducts the deposit, whose label stays whole.
#[test]
fn deposit_date_and_final_invoice_subtotal() {
    let (t, client) = seeded(sasu(), acme());
    let (deposit_text, final_text) =
        t.db.write(|tx| {
            let q = create(
                tx,
                &DocumentInput {
                    kind: "quote".into(),
                    client_id: Some(client),
                    start_date: "2027-01-04".into(),
                    duration: "3 mois".into(),
                    lines: vec![line("Accompagnement", "10", "100", "2000")],
                    ..Default::default()
                },
                today(),
            )?;
            issue(tx, q.id, today())?;
            set_quote_status(tx, q.id, "accepted", today())?;
            let mode = ConvertMode::Deposit {
                percent: "30".into(),
                amount: String::new(),
            };
            let dep = invoice_from_quote(tx, q.id, &mode, today())?;
            issue(tx, dep.id, today())?;
            let deposit = flat(&pdf(tx, dep.id, today())?.0);
            let fin = invoice_from_quote(tx, q.id, &ConvertMode::Final, today())?;
            update(
                tx,
                fin.id,
                &DocumentInput {
                    service_from: "2027-03-31".into(),
                    ..fin.input.clone()
                },
                today(),
            )?;
            issue(tx, fin.id, today())?;
            Ok((deposit, flat_layout(&pdf(tx, fin.id, today())?.0)))
        })
        .unwrap();
    assert!(
        !deposit_text.contains("Date de la prestation"),
        "the quote's start date is not the deposit's date: {deposit_text}"
    );
    assert!(deposit_text.contains("Facture d'acompte sur le devis D-2026-0001"));
    assert!(
        final_text.contains("Sous-total HT du devis D-2026-0001 1 000,00 €"),
        "{final_text}"
    );
    // The label may wrap, but never inside the number nor between « du » and
    // its date.
    assert!(
        final_text.contains("Déduction de la facture d'acompte F-2026-0001"),
        "{final_text}"
    );
    assert!(final_text.contains("du 27/11/2026"), "{final_text}");
}

/// The table of the closing note: issuer × client → the VAT mention printed, in
/// the totals in place of « TVA 0,00 € » or as the VAT per rate.
#[test]
fn the_table_of_vat_cases() {
    let french_business = acme();
    let non_eu_private = us_private();
    let clients: [(&str, ClientInput); 6] = [
        ("FR business", french_business),
        ("FR private", french_private()),
        ("EU business", german_business()),
        ("EU private", german_private()),
        ("non-EU business", us_business()),
        ("non-EU private", non_eu_private),
    ];
    let expected: [(&str, [&str; 6]); 2] = [
        (
            "franchise",
            [
                "TVA non applicable, art. 293 B du CGI",
                "TVA non applicable, art. 293 B du CGI",
                "Autoliquidation",
                "TVA non applicable, art. 293 B du CGI",
                "TVA non applicable, art. 259-1° du CGI",
                "TVA non applicable, art. 259 B du CGI",
            ],
        ),
        (
            "registered",
            [
                "TVA 20 % sur",
                "TVA 20 % sur",
                "Autoliquidation",
                "TVA 20 % sur",
                "TVA non applicable, art. 259-1° du CGI",
                "TVA non applicable, art. 259 B du CGI",
            ],
        ),
    ];
    for (regime, mentions) in expected {
        for ((who, client), mention) in clients.iter().zip(mentions) {
            let profile = if regime == "franchise" {
                micro_with_vat_number()
            } else {
                sasu()
            };
            let (t, id) = seeded(profile, client.clone());
            let (text, _) = issued(&t, &invoice(id));
            assert!(
                text.contains(mention),
                "{regime} × {who}: {mention:?} missing in {text}"
            );
            let vat_free = !mention.starts_with("TVA 20");
            assert!(
                !text.contains("TVA 0,00"),
                "{regime} × {who}: a zero VAT line is printed"
            );
            assert_eq!(
                text.contains("100,00"),
                !vat_free,
                "{regime} × {who}: VAT charged iff French VAT applies"
            );
            assert_eq!(
                text.contains("TTC"),
                !vat_free,
                "{regime} × {who}: « TTC » only where a tax is included"
            );
            println!("{regime} × {who}: {mention}");
        }
    }
}

/// `cargo test --workspace --lib write_law_samples -- --ignored` writes the PDFs of
/// these cases to target/pdf-samples for a human to look at (pdftoppm -png).
#[test]
#[ignore = "writes target/pdf-samples for a human to look at"]
fn write_law_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pdf-samples");
    std::fs::create_dir_all(&dir).unwrap();
    let usd = ClientInput {
        currency: "USD".into(),
        contact_name: "Emily Stone".into(),
        ..acme()
    };
    let cases: [(&str, ProfileInput, ClientInput, usize); 5] = [
        ("sasu-usd-fr-client", sasu(), usd, 1),
        (
            "franchise-eu-business",
            micro_with_vat_number(),
            german_business(),
            1,
        ),
        (
            "sasu-us-private-en",
            sasu(),
            ClientInput {
                doc_language: "en".into(),
                ..us_private()
            },
            1,
        ),
        ("sasu-40-lines", sasu(), acme(), 40),
        ("micro-private-28-lines", micro(), french_private(), 28),
    ];
    for (name, profile, client, n) in cases {
        let (t, id) = seeded(profile, client);
        let lines = (1..=n)
            .map(|i| {
                line(
                    &format!("Tâche n° {i} : suivi des demandes clients et relances"),
                    "1,25",
                    "45",
                    if i % 3 == 0 { "550" } else { "2000" },
                )
            })
            .collect();
        let input = DocumentInput {
            exchange_rate: "0,9234".into(),
            lines,
            ..invoice(id)
        };
        let (_, bytes) = issued(&t, &input);
        std::fs::write(dir.join(format!("{name}.pdf")), bytes).unwrap();
    }
}
