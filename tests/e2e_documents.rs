//! End to end in the REAL window, in French: the scene the product is judged on.
//! A new user sets up her profile, adds a client, writes a 3-line quote, sends
//! it, exports it as PDF through the native GTK save dialog (driven with
//! `xdotool` on the test's own Xvfb), then the client accepts, the quote becomes
//! an invoice, the invoice is issued, paid in full, and shows « Payée ».
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use support::{serial, translation, App, Display};

/// `xdotool` on the test's own display.
fn xdotool(display: &Display, args: &[&str]) -> Option<String> {
    let out = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", &display.name)
        .output()
        .expect("xdotool is not installed (apt-get install xdotool) — see .ci/setup");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The visible top-level windows whose title is not the app's own.
fn other_windows(display: &Display) -> Vec<String> {
    let ids = xdotool(display, &["search", "--onlyvisible", "--name", "."]).unwrap_or_default();
    ids.lines()
        .filter(|id| {
            let name = xdotool(display, &["getwindowname", id]).unwrap_or_default();
            let name = name.trim();
            !name.is_empty() && name != "Tandem" && !name.ends_with("— Tandem")
        })
        .map(str::to_owned)
        .collect()
}

/// Waits for a native GTK file dialog, types the full path into it and presses
/// Return. `first` is what to press before typing: Ctrl+A selects the proposed
/// name of a save dialog; Ctrl+L opens the location field of an open dialog.
fn type_path_in_native_dialog(display: &Display, first: &str, path: &Path, screenshot: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let window = loop {
        if let Some(w) = other_windows(display).pop() {
            break w;
        }
        assert!(
            Instant::now() < deadline,
            "the native file dialog never opened"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    // Let GTK finish mapping and focusing its name field.
    std::thread::sleep(Duration::from_millis(800));
    display.screenshot(screenshot);
    // No window manager under Xvfb: give the dialog the keyboard ourselves.
    xdotool(display, &["windowfocus", "--sync", &window]);
    xdotool(display, &["key", "--clearmodifiers", first]);
    std::thread::sleep(Duration::from_millis(200));
    xdotool(
        display,
        &[
            "type",
            "--delay",
            "20",
            "--clearmodifiers",
            path.to_str().unwrap(),
        ],
    );
    std::thread::sleep(Duration::from_millis(300));
    xdotool(display, &["key", "--clearmodifiers", "Return"]);
}

/// The document page's status badge reads `text`.
async fn wait_status(app: &App, key: &str) {
    let expected = translation("fr", key);
    app.wait_text(".view-document .page-header .badge", |t| t == expected)
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn quote_to_pdf_to_paid_invoice_in_the_real_window() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    let exports = tempfile::tempdir().unwrap();

    let app = App::launch(&display, data.path()).await;
    app.wait_for("form#welcome-form").await;
    app.fill_welcome("732 829 320 00074").await;
    app.click("form#welcome-form button[type=submit]").await;
    app.wait_for("nav#sidebar").await;

    // The empty lists say what to do next.
    app.go("#/quotes").await;
    app.wait_for(".view-quotes .empty-first").await;
    display.screenshot("d01-quotes-empty");

    // A client with a billing address.
    app.go("#/clients").await;
    app.click("button[data-action=new-client]").await;
    let f = "form#client-form";
    app.fill(&format!("{f} [name=name]"), "Élan Conseil").await;
    app.fill(&format!("{f} [name=email]"), "camille@elan-conseil.fr")
        .await;
    app.fill(&format!("{f} [name=address_line1]"), "3 place Bellecour")
        .await;
    app.fill(&format!("{f} [name=postal_code]"), "69002").await;
    app.fill(&format!("{f} [name=city]"), "Lyon").await;
    app.click_in_view(&format!("{f} button[type=submit]")).await;
    app.wait_text("h1", |t| t == "Élan Conseil").await;

    // From the client's page: a new quote, client already chosen, 3 lines.
    app.click("#client-documents button[data-action=new-quote]")
        .await;
    let f = "form#document-form";
    app.wait_for(f).await;
    let chosen = app
        .eval("return document.querySelector('form#document-form [name=client_id]').selectedOptions[0].textContent")
        .await;
    assert_eq!(chosen, "Élan Conseil");
    app.fill(&format!("{f} [name=title]"), "Accompagnement administratif")
        .await;
    app.set_value("form#document-form [name=start_date]", "2027-01-04")
        .await;
    app.fill(&format!("{f} [name=duration]"), "3 mois").await;
    assert_eq!(
        app.find(&format!("{f} [name=validity_days]"))
            .await
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("30"),
        "a quote is valid 30 days unless told otherwise"
    );
    // Franchise: no VAT column, and the editor says why.
    assert!(app.is_visible("#vat-note").await);
    assert!(!app.is_visible("[name='lines.0.vat_rate']").await);
    app.fill_in_view(
        "[name='lines.0.description']",
        "Gestion de la boîte mail\u{E007}Tri quotidien, réponses types",
    )
    .await;
    app.fill_in_view("[name='lines.0.quantity']", "10,5").await;
    app.fill_in_view("[name='lines.0.unit_price']", "45").await;
    app.click_in_view("button[data-action=add-line]").await;
    app.fill_in_view("[name='lines.1.description']", "Prise de rendez-vous")
        .await;
    app.fill_in_view("[name='lines.1.quantity']", "abc").await;
    app.fill_in_view("[name='lines.1.unit_price']", "30").await;
    app.click_in_view("button[data-action=add-line]").await;
    app.fill_in_view("[name='lines.2.description']", "Mise en place des outils")
        .await;
    app.fill_in_view("[name='lines.2.quantity']", "1").await;
    app.fill_in_view("[name='lines.2.unit']", "forfait").await;
    app.fill_in_view("[name='lines.2.unit_price']", "150,00")
        .await;
    // A bad quantity is refused next to its cell, in French; nothing is saved.
    app.click_in_view("button[data-action=save-stay]").await;
    let shown = app
        .wait_text("[data-error-for='lines.1.quantity']", |t| !t.is_empty())
        .await;
    assert_eq!(shown, translation("fr", "errors.invalid_quantity"));
    display.screenshot("d02-editor-line-error");
    app.fill_in_view("[name='lines.1.quantity']", "2").await;
    // The core's totals follow the typing, before any save (10,5 × 45 + 2 × 30 + 150),
    // and each line shows its own total.
    app.wait_text("#document-totals .totals-incl", |t| t.contains("682,50"))
        .await;
    app.wait_text("[data-line-total='0']", |t| t.contains("472,50"))
        .await;
    app.wait_route(|r| r.starts_with("#/quotes/new")).await;
    display.screenshot("d03a-editor-live-totals");
    // Saved without leaving the editor.
    app.click_in_view("button[data-action=save-stay]").await;
    app.wait_route(|r| r.starts_with("#/documents/") && r.ends_with("/edit"))
        .await;
    app.wait_text("#document-totals .totals-incl", |t| t.contains("682,50"))
        .await;
    display.screenshot("d03-editor-saved");
    app.click_in_view(&format!("{f} button[type=submit]")).await;
    app.wait_route(|r| r.starts_with("#/documents/") && !r.ends_with("/edit"))
        .await;
    wait_status(&app, "docs.status.draft").await;
    assert_eq!(app.count("#document-lines tbody tr").await, 3);

    // Send (issue) the quote: it gets its number.
    app.click(".doc-actions [data-action=issue]").await;
    app.click("dialog [data-action=confirm]").await;
    wait_status(&app, "docs.status.sent").await;
    let title = app.text(".view-document h1").await;
    let number = title
        .split_whitespace()
        .find(|w| w.starts_with("D-"))
        .unwrap_or_else(|| panic!("no quote number in {title:?}"))
        .to_owned();
    assert!(
        number.len() == "D-2026-0001".len() && number.ends_with("-0001"),
        "{number}"
    );
    assert!(app.text("#document-mentions").await.contains("293 B"));
    display.screenshot("d04-quote-sent");

    // Export: the native GTK save dialog, driven like a user would.
    let pdf = exports.path().join("devis.pdf");
    app.click(".doc-actions [data-action=export]").await;
    type_path_in_native_dialog(&display, "ctrl+a", &pdf, "d05-native-save-dialog");
    let message = app.text("#export-dialog .dialog-message").await;
    assert_eq!(
        message,
        translation("fr", "docs.exported.message").replace("{file}", "devis.pdf")
    );
    display.screenshot("d06-exported");
    assert!(pdf.exists(), "no PDF at {}", pdf.display());
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext is not installed (poppler-utils) — see .ci/setup");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(&number), "the PDF shows {number}:\n{text}");
    assert!(text.contains("Bon pour accord"), "{text}");
    app.click("#export-dialog [data-action=close]").await;

    // The client accepts; the quote becomes an invoice.
    app.click(".doc-actions [data-action=accept]").await;
    wait_status(&app, "docs.status.accepted").await;
    app.click(".doc-actions [data-action=invoice]").await;
    app.wait_text(".view-document h1", |t| {
        t == translation("fr", "docs.name_draft").replace("{kind}", "Facture")
    })
    .await;
    // An invoice states the date of the service: set it on the draft.
    app.click(".doc-actions [data-action=edit]").await;
    app.wait_for(f).await;
    app.set_value("form#document-form [name=service_from]", "2027-01-04")
        .await;
    app.click_in_view(&format!("{f} button[type=submit]")).await;
    app.wait_route(|r| !r.ends_with("/edit")).await;
    app.click(".doc-actions [data-action=issue]").await;
    app.click("dialog [data-action=confirm]").await;
    wait_status(&app, "docs.status.issued").await;
    assert!(app.text(".view-document h1").await.contains("F-"));
    display.screenshot("d07-invoice-issued");

    // Paid in full: the amount proposed is what is left to pay.
    app.click(".doc-actions [data-action=pay]").await;
    app.wait_for("form#payment-form").await;
    let amount = app
        .find("form#payment-form [name=amount]")
        .await
        .prop("value")
        .await
        .unwrap();
    assert_eq!(amount.as_deref(), Some("682,50"));
    display.screenshot("d08-payment-dialog");
    app.click("form#payment-form button[type=submit]").await;
    wait_status(&app, "docs.status.paid").await;
    display.screenshot("d09-invoice-paid");

    // The lists show it too.
    app.go("#/invoices").await;
    app.wait_text("#invoices-table tbody tr[data-id] td.status", |t| {
        t == translation("fr", "docs.status.paid")
    })
    .await;
    display.screenshot("d10-invoices-list");
    app.go("#/quotes").await;
    app.wait_text("#quotes-table tbody tr[data-id] td.status", |t| {
        t == translation("fr", "docs.status.accepted")
    })
    .await;
    display.screenshot("d11-quotes-list");
    app.quit().await;
}

/// Issuing an invoice whose mandatory mentions are missing is refused with one
/// panel naming every missing item in French, each with a link to fix it; the
/// draft keeps no number.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issuing_names_every_missing_mention_with_a_link_to_fix_it() {
    use tandem_core::{clients, db::Database, documents, profile};
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    // A profile without IBAN, a client without address, an invoice without
    // service date.
    let db = Database::open_in(data.path()).unwrap();
    let (client_id, doc_id) = db
        .write(|tx| {
            profile::save(tx, &support::micro_profile(), tandem_core::today())?;
            let client = clients::create(
                tx,
                &clients::ClientInput {
                    name: "Studio Nord".into(),
                    country: "FR".into(),
                    doc_language: "fr".into(),
                    currency: "EUR".into(),
                    ..Default::default()
                },
            )?;
            let doc = documents::create(
                tx,
                &documents::DocumentInput {
                    kind: "invoice".into(),
                    client_id: Some(client.id),
                    title: "Assistanat novembre".into(),
                    lines: vec![documents::LineInput {
                        description: "Assistanat administratif".into(),
                        quantity: "12".into(),
                        unit: "h".into(),
                        unit_price: "40".into(),
                        vat_rate: "0".into(),
                    }],
                    ..Default::default()
                },
                tandem_core::today(),
            )?;
            Ok((client.id, doc.id))
        })
        .unwrap();
    drop(db);

    let app = App::launch(&display, data.path()).await;
    app.go("#/invoices").await;
    app.click("#invoices-table tbody tr[data-id]").await;
    app.wait_route(|r| r == format!("#/documents/{doc_id}"))
        .await;
    app.click(".doc-actions [data-action=issue]").await;
    app.click("dialog [data-action=confirm]").await;
    app.wait_for("#missing-mentions").await;
    let fields = app
        .eval("return [...document.querySelectorAll('#missing-mentions li')].map(li => li.dataset.field)")
        .await;
    let fields: Vec<&str> = fields
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for expected in ["profile.iban", "client.address", "service_from"] {
        assert!(fields.contains(&expected), "{expected} in {fields:?}");
    }
    let text = app.text("#missing-mentions").await;
    assert!(text.contains(&translation("fr", "docs.missing.title")));
    assert!(text.contains(&translation("fr", "docs.missing.client.address")));
    assert!(text.contains(&translation("fr", "docs.missing.profile.iban")));
    display.screenshot("d20-missing-mentions");
    // Still a draft, without a number.
    wait_status(&app, "docs.status.draft").await;
    // The client's link opens the client's form.
    app.click("#missing-mentions li[data-field='client.address'] a")
        .await;
    app.wait_route(|r| r == format!("#/clients/{client_id}/edit"))
        .await;
    app.wait_for("form#client-form").await;
    app.quit().await;
}

/// The logo is chosen through the native open dialog (driven with xdotool),
/// previewed in the settings from a data: URL, and removed again.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logo_is_chosen_in_the_native_dialog_and_previewed() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let logo = files.path().join("logo.png");
    let made = Command::new("convert")
        .args(["-size", "240x80", "xc:#0f766e"])
        .arg(&logo)
        .status()
        .expect("ImageMagick is not installed — see .ci/setup");
    assert!(made.success());

    let app = App::launch(&display, data.path()).await;
    app.wait_for("form#welcome-form").await;
    app.fill_welcome("732 829 320 00074").await;
    app.click("form#welcome-form button[type=submit]").await;
    app.wait_for("nav#sidebar").await;
    app.go("#/settings").await;
    app.wait_text("#logo-preview", |t| {
        t == translation("fr", "docs.logo.none")
    })
    .await;
    assert!(!app.is_visible("[data-action=remove-logo]").await);
    app.click("[data-action=choose-logo]").await;
    type_path_in_native_dialog(&display, "ctrl+l", &logo, "d30-native-open-dialog");
    app.wait_for("#logo-preview img[src^='data:image/png;base64,']")
        .await;
    display.screenshot("d31-logo-chosen");
    app.click("[data-action=remove-logo]").await;
    app.wait_text("#logo-preview", |t| {
        t == translation("fr", "docs.logo.none")
    })
    .await;
    app.quit().await;
}

/// The keyboard alone: Alt+6 changes section, Alt+↓ moves a line of the editor
/// (the focus follows it), Enter saves the draft, Escape leaves the editor; the
/// numbering card shows the next number and refuses a bad prefix in French.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lines_move_from_the_keyboard_and_numbering_previews_the_next_number() {
    use tandem_core::{clients, db::Database, profile};
    const ALT: &str = "\u{E00A}";
    const RELEASE: &str = "\u{E000}";
    const DOWN: &str = "\u{E015}";
    const ENTER: &str = "\u{E007}";
    const ESCAPE: &str = "\u{E00C}";
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    let db = Database::open_in(data.path()).unwrap();
    db.write(|tx| {
        profile::save(
            tx,
            &profile::ProfileInput {
                vat_regime: "registered".into(),
                vat_number: "FR44732829320".into(),
                ..support::micro_profile()
            },
            tandem_core::today(),
        )?;
        clients::create(
            tx,
            &clients::ClientInput {
                name: "Studio Nord".into(),
                country: "FR".into(),
                doc_language: "fr".into(),
                currency: "EUR".into(),
                ..Default::default()
            },
        )?;
        Ok(())
    })
    .unwrap();
    drop(db);

    let app = App::launch(&display, data.path()).await;
    app.go("#/quotes").await;
    app.click("button[data-action=new-quote]").await;
    let f = "form#document-form";
    app.wait_for(f).await;
    app.select(&format!("{f} [name=client_id]"), "1").await;
    // VAT-registered, French client: the rate column is there.
    assert!(app.is_visible("[name='lines.0.vat_rate']").await);
    app.fill_in_view("[name='lines.0.description']", "Première ligne")
        .await;
    app.fill_in_view("[name='lines.0.unit_price']", "40").await;
    app.click_in_view("button[data-action=add-line]").await;
    app.fill_in_view("[name='lines.1.description']", "Seconde ligne")
        .await;
    app.fill_in_view("[name='lines.1.unit_price']", "60").await;
    app.select("[name='lines.1.vat_rate']", "1000").await;
    // Alt+↓ in the first line's quantity moves that line down, focus included.
    app.scroll_to("[name='lines.0.quantity']").await;
    app.find("[name='lines.0.quantity']")
        .await
        .send_keys(&format!("{ALT}{DOWN}{RELEASE}"))
        .await
        .unwrap();
    let order = app
        .eval("return [...document.querySelectorAll('.line-row textarea')].map(t => t.value).concat([document.activeElement.name])")
        .await;
    assert_eq!(
        order,
        serde_json::json!(["Seconde ligne", "Première ligne", "lines.1.quantity"])
    );
    display.screenshot("d40-lines-moved");
    // Enter in a field saves the draft and opens it.
    app.find("[name='lines.1.quantity']")
        .await
        .send_keys(ENTER)
        .await
        .unwrap();
    app.wait_route(|r| r.starts_with("#/documents/") && !r.ends_with("/edit"))
        .await;
    let first = app.text("#document-lines tbody tr:first-child").await;
    assert!(
        first.contains("Seconde ligne") && first.contains("10 %"),
        "{first}"
    );
    assert!(app.text("#document-totals").await.contains("TVA 10 %"));
    // Escape leaves an untouched editor.
    app.click(".doc-actions [data-action=edit]").await;
    app.wait_for(f).await;
    app.find(&format!("{f} [name=title]"))
        .await
        .send_keys(ESCAPE)
        .await
        .unwrap();
    app.wait_route(|r| !r.ends_with("/edit")).await;
    // Alt+6 goes to the invoices, from any field.
    app.go("#/quotes").await;
    app.find("#quotes-search")
        .await
        .send_keys(&format!("{ALT}6{RELEASE}"))
        .await
        .unwrap();
    app.wait_for("body[data-route='#/invoices']").await;

    // Numbering: the next number follows the saved prefix; a bad one is refused.
    app.go("#/settings").await;
    app.fill_in_view("#numbering-form [name=quote]", "DEV")
        .await;
    app.click_in_view("#numbering-form button[type=submit]")
        .await;
    let next = app
        .wait_text("#numbering-form [data-next=quote]", |t| t.contains("DEV-"))
        .await;
    assert!(next.ends_with("-0001"), "{next}");
    app.fill_in_view("#numbering-form [name=invoice]", "F 2")
        .await;
    app.click_in_view("#numbering-form button[type=submit]")
        .await;
    let shown = app
        .wait_text("#numbering-form [data-error-for=invoice]", |t| {
            !t.is_empty()
        })
        .await;
    assert_eq!(shown, translation("fr", "errors.invalid_prefix"));
    // The saved series keeps showing its next number; the changed one waits.
    assert!(app
        .text("#numbering-form [data-next=quote]")
        .await
        .contains("DEV-"));
    assert_eq!(
        app.text("#numbering-form [data-next=invoice]").await,
        translation("fr", "docs.numbering.next_after_save")
    );
    app.scroll_to("#numbering-card").await;
    display.screenshot("d41-numbering");
    app.quit().await;
}

/// An accepted quote billed in two steps: a 30 % deposit invoice (a payment above
/// its balance is refused in French, a partial one is recorded then deleted), then
/// the final invoice that deducts the deposit; a credit note is made from it,
/// reduced in the editor and issued with its own number.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deposit_then_final_invoice_then_a_reduced_credit_note() {
    use tandem_core::{clients, db::Database, documents, profile};
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    let db = Database::open_in(data.path()).unwrap();
    let quote = db
        .write(|tx| {
            profile::save(
                tx,
                &profile::ProfileInput {
                    vat_regime: "registered".into(),
                    vat_number: "FR44732829320".into(),
                    iban: "FR7630006000011234567890189".into(),
                    ..support::micro_profile()
                },
                tandem_core::today(),
            )?;
            let client = clients::create(
                tx,
                &clients::ClientInput {
                    name: "Élan Conseil".into(),
                    email: "camille@elan.fr".into(),
                    address_line1: "3 place Bellecour".into(),
                    postal_code: "69002".into(),
                    city: "Lyon".into(),
                    country: "FR".into(),
                    doc_language: "fr".into(),
                    currency: "EUR".into(),
                    ..Default::default()
                },
            )?;
            let line = |description: &str, quantity: &str, unit_price: &str, vat_rate: &str| {
                documents::LineInput {
                    description: description.into(),
                    quantity: quantity.into(),
                    unit: "h".into(),
                    unit_price: unit_price.into(),
                    vat_rate: vat_rate.into(),
                }
            };
            documents::create(
                tx,
                &documents::DocumentInput {
                    kind: "quote".into(),
                    client_id: Some(client.id),
                    title: "Lancement".into(),
                    start_date: "2027-01-04".into(),
                    duration: "2 mois".into(),
                    validity_days: "30".into(),
                    lines: vec![
                        line("Gestion de projet", "10", "50", "2000"),
                        line("Formation", "1", "300", "1000"),
                    ],
                    ..Default::default()
                },
                tandem_core::today(),
            )
        })
        .unwrap();
    drop(db);
    let status = |key: &str| translation("fr", key);

    let app = App::launch(&display, data.path()).await;
    app.go("#/quotes").await;
    app.click("#quotes-table tbody tr[data-id]").await;
    app.click(".doc-actions [data-action=issue]").await;
    app.click("dialog [data-action=confirm]").await;
    wait_status(&app, "docs.status.sent").await;
    app.click(".doc-actions [data-action=accept]").await;
    wait_status(&app, "docs.status.accepted").await;

    // A 30 % deposit (the quote is 930,00 € incl. VAT: 279,00 €).
    app.click(".doc-actions [data-action=deposit]").await;
    app.fill("form#deposit-form [name=percent]", "30").await;
    app.click("form#deposit-form button[type=submit]").await;
    app.wait_route(|r| r != format!("#/documents/{}", quote.id))
        .await;
    app.click(".doc-actions [data-action=issue]").await;
    app.click("dialog [data-action=confirm]").await;
    wait_status(&app, "docs.status.issued").await;
    assert!(app.text("#document-outstanding").await.contains("279,00"));

    // More than the balance is refused next to the amount; a part is recorded.
    app.click(".doc-actions [data-action=pay]").await;
    app.fill("form#payment-form [name=amount]", "300").await;
    app.click("form#payment-form button[type=submit]").await;
    let shown = app
        .wait_text("form#payment-form [data-error-for=amount]", |t| {
            !t.is_empty()
        })
        .await;
    assert_eq!(shown, translation("fr", "errors.payment_exceeds_balance"));
    app.fill("form#payment-form [name=amount]", "100").await;
    app.click("form#payment-form button[type=submit]").await;
    wait_status(&app, "docs.status.partially_paid").await;
    assert!(app.text("#document-outstanding").await.contains("179,00"));
    // A payment is never deleted: cancelling it needs a reason, then a reversing
    // entry brings the balance back and both rows stay on the page.
    app.click_in_view("#payments-table [data-action=reverse-payment]")
        .await;
    app.click("form#reversal-form button[type=submit]").await;
    let shown = app
        .wait_text("form#reversal-form [data-error-for=reason]", |t| {
            !t.is_empty()
        })
        .await;
    assert_eq!(shown, translation("fr", "errors.required"));
    app.fill(
        "form#reversal-form [name=reason]",
        "Virement saisi deux fois",
    )
    .await;
    app.click("form#reversal-form button[type=submit]").await;
    wait_status(&app, "docs.status.issued").await;
    assert_eq!(app.count("#payments-table tbody tr").await, 2);
    assert_eq!(app.count("#payments-table tr.is-reversal").await, 1);
    assert!(app
        .text("#payments-table tr.is-reversal")
        .await
        .contains("Virement saisi deux fois"));
    assert_eq!(
        app.count("#payments-table [data-action=reverse-payment]")
            .await,
        0
    );

    // The final invoice deducts the deposit: 930,00 − 279,00 = 651,00 €.
    app.click_in_view("#document-details a[href^='#/documents/']")
        .await;
    wait_status(&app, "docs.status.accepted").await;
    app.click(".doc-actions [data-action=final]").await;
    app.wait_text(".view-document h1", |t| {
        t == translation("fr", "docs.name_draft").replace("{kind}", "Facture")
    })
    .await;
    assert!(app
        .text("#document-totals .totals-incl")
        .await
        .contains("651,00"));
    assert_eq!(app.count("#document-lines tr.is-deduction").await, 2);
    display.screenshot("d50-final-invoice-draft");
    app.click(".doc-actions [data-action=issue]").await;
    app.click("dialog [data-action=confirm]").await;
    wait_status(&app, "docs.status.issued").await;

    // A credit note, reduced in the editor before it is issued: on a final invoice
    // it proposes what is left per VAT rate, never the deductions alone.
    app.click(".doc-actions [data-action=credit]").await;
    app.click("dialog [data-action=confirm]").await;
    let f = "form#document-form";
    app.wait_for(f).await;
    app.fill_in_view("[name='lines.0.unit_price']", "100,00")
        .await;
    app.click_in_view(&format!("{f} button[type=submit]")).await;
    app.wait_route(|r| !r.ends_with("/edit")).await;
    app.click(".doc-actions [data-action=issue]").await;
    app.click("dialog [data-action=confirm]").await;
    app.wait_text(".view-document .page-header .badge", |t| {
        t == status("docs.status.issued_credit")
    })
    .await;
    let title = app.text(".view-document h1").await;
    assert!(title.contains("A-") && title.ends_with("-0001"), "{title}");
    display.screenshot("d51-credit-note-issued");

    // The invoices list holds all three, each with its kind.
    app.go("#/invoices").await;
    app.wait_text("#invoices-count", |t| t.starts_with('3'))
        .await;
    let kinds = app
        .eval("return [...document.querySelectorAll('#invoices-table tbody td.kind')].map(td => td.textContent).sort()")
        .await;
    assert_eq!(
        kinds,
        serde_json::json!([
            translation("fr", "docs.kind.credit_note"),
            translation("fr", "docs.kind.invoice"),
            translation("fr", "docs.kind.deposit"),
        ])
    );
    display.screenshot("d52-invoices-three-kinds");
    app.quit().await;
}

/// Invoices right in law, in the real window: a private client is a radio away
/// (no SIREN nor VAT number asked, « Particulier » in the list); a French client
/// billed in dollars gets the exchange-rate field, and issuing without it names
/// the missing rate; the settings state the legal penalty floor and refuse 0 %.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_private_client_a_dollar_invoice_and_the_penalty_floor() {
    use tandem_core::{clients, db::Database, profile};
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    let db = Database::open_in(data.path()).unwrap();
    db.write(|tx| {
        profile::save(
            tx,
            &profile::ProfileInput {
                vat_regime: "registered".into(),
                vat_number: "FR44732829320".into(),
                iban: "FR7630006000011234567890189".into(),
                ..support::micro_profile()
            },
            tandem_core::today(),
        )?;
        clients::create(
            tx,
            &clients::ClientInput {
                name: "Studio Dollar".into(),
                country: "FR".into(),
                address_line1: "1 rue de la Paix".into(),
                postal_code: "75002".into(),
                city: "Paris".into(),
                doc_language: "fr".into(),
                currency: "USD".into(),
                ..Default::default()
            },
        )
    })
    .unwrap();
    drop(db);

    let app = App::launch(&display, data.path()).await;
    // A private client: the SIREN and VAT number fields go away.
    app.go("#/clients").await;
    app.click("button[data-action=new-client]").await;
    let f = "form#client-form";
    assert!(app.is_visible(&format!("{f} [data-field=siren]")).await);
    app.click(&format!("{f} input[name=client_kind][value=private]"))
        .await;
    assert!(!app.is_visible(&format!("{f} [data-field=siren]")).await);
    assert!(
        !app.is_visible(&format!("{f} [data-field=vat_number]"))
            .await
    );
    app.fill(&format!("{f} [name=name]"), "Anna Schmidt").await;
    app.select(&format!("{f} [name=country]"), "DE").await;
    display.screenshot("d40-private-client-form");
    app.click(&format!("{f} button[type=submit]")).await;
    app.wait_text("h1", |t| t == "Anna Schmidt").await;
    app.go("#/clients").await;
    let badge = app
        .eval("return [...document.querySelectorAll('#clients-table td.name')].map(td => td.dataset.badge || '').join('|')")
        .await;
    assert!(
        badge
            .as_str()
            .unwrap()
            .contains(&translation("fr", "clients.private_badge")),
        "{badge}"
    );

    // A dollar invoice to a French client: French VAT, also stated in euros.
    app.go("#/invoices").await;
    app.click("button[data-action=new-invoice]").await;
    let d = "form#document-form";
    app.wait_for(&format!("{d} [name=client_id]")).await;
    let dollar = app
        .eval("return [...document.querySelectorAll('form#document-form [name=client_id] option')].find(o => o.textContent === 'Studio Dollar').value")
        .await;
    app.select(&format!("{d} [name=client_id]"), dollar.as_str().unwrap())
        .await;
    let rate = format!("{d} [data-field=exchange_rate]");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !app.is_visible(&rate).await {
        assert!(
            Instant::now() < deadline,
            "the exchange-rate field never showed"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let label = app.text(&format!("{rate} label")).await;
    assert!(label.contains("1 USD"), "{label}");
    app.set_value(&format!("{d} [name=service_from]"), "2026-11-02")
        .await;
    app.fill_in_view("[name='lines.0.description']", "Assistanat")
        .await;
    app.fill_in_view("[name='lines.0.unit_price']", "50").await;
    display.screenshot("d41-dollar-invoice-editor");
    app.click(&format!("{d} button[type=submit]")).await;
    app.wait_route(|r| r.starts_with("#/documents/")).await;
    app.click(".doc-actions [data-action=issue]").await;
    app.click("dialog [data-action=confirm]").await;
    app.wait_for("#missing-mentions li[data-field=exchange_rate]")
        .await;
    let text = app.text("#missing-mentions").await;
    assert!(text.contains(&translation("fr", "docs.missing.exchange_rate")));

    // The settings say the legal floor and refuse a rate below it.
    app.go("#/settings").await;
    let p = "form#profile-form";
    app.wait_text(
        &format!("{p} [data-field=late_penalty_rate] .field-help"),
        |t| t.contains("7,86"),
    )
    .await;
    app.fill(&format!("{p} [name=late_penalty_rate]"), "0")
        .await;
    app.click(&format!("{p} button[type=submit]")).await;
    app.wait_text("[data-error-for=late_penalty_rate]", |t| {
        t == translation("fr", "errors.below_legal_floor")
    })
    .await;
    display.screenshot("d42-penalty-floor");
    // A new half-year's rate, as the arrêté publishes it: the table shows it with
    // its floor.
    let r = "form#legal-rate-form";
    app.set_value(&format!("{r} [name=from]"), "2026-07-01")
        .await;
    app.fill_in_view(&format!("{r} [name=interest_rate]"), "2,5")
        .await;
    app.fill_in_view(&format!("{r} [name=ecb_rate]"), "2,15")
        .await;
    app.click_in_view(&format!("{r} button[type=submit]")).await;
    let row = app
        .wait_text("#legal-rates tr[data-from='2026-07-01']", |t| !t.is_empty())
        .await;
    assert!(row.contains("7,5"), "{row}");
    display.screenshot("d43-legal-rates");
    app.quit().await;
}
