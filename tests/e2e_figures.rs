//! End to end in the REAL window, in French: getting paid and knowing where she
//! stands (issue 12). An invoice 30 days overdue shows on the dashboard with its
//! reminder due; she makes the first reminder from there and finds it logged on
//! the invoice; she records the payment and the dashboard's collected bar for the
//! month and the VAT-franchise gauge move; Ctrl+K finds the invoice by its number
//! and Enter opens it. Dates are today's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{serial, translation, App, Display};
use tandem_core::chrono::{Datelike, Days, Local};
use tandem_core::documents::{self, DocumentInput, LineInput};
use tandem_core::{clients, db::Database, profile, testing};

/// A complete profile, a business client, and a 540 € invoice issued 60 days ago
/// (due 30 days later: 30 days late today). Its id and number.
fn seed(dir: &std::path::Path) -> (i64, String) {
    let today = Local::now().date_naive();
    let issued = today - Days::new(60);
    let db = Database::open_in(dir).unwrap();
    db.write(|tx| {
        profile::save(tx, &testing::micro(), issued)?;
        let client = clients::create(tx, &testing::acme())?;
        let d = documents::create(
            tx,
            &DocumentInput {
                kind: "invoice".into(),
                client_id: Some(client.id),
                service_from: issued.to_string(),
                service_to: issued.to_string(),
                lines: vec![LineInput {
                    description: "Assistance administrative".into(),
                    quantity: "12".into(),
                    unit: "h".into(),
                    unit_price: "45".into(),
                    vat_rate: "0".into(),
                }],
                ..Default::default()
            },
            issued,
        )?;
        let d = documents::issue(tx, d.id, issued)?;
        Ok((d.id, d.number.unwrap_or_default()))
    })
    .unwrap()
}

/// textContent with French figures' no-break spaces made plain.
async fn text_of(app: &App, css: &str) -> String {
    app.eval(&format!(
        "return (document.querySelector({css:?}) || {{}}).textContent || ''"
    ))
    .await
    .as_str()
    .unwrap_or_default()
    .replace(['\u{a0}', '\u{202f}'], " ")
}

async fn wait_text_of(app: &App, css: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let t = text_of(app, css).await;
        if pred(&t) {
            return t;
        }
        assert!(std::time::Instant::now() < deadline, "{css} says {t:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_overdue_invoice_is_reminded_paid_and_found_in_the_real_window() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    let (id, number) = seed(data.path());
    let today = Local::now().date_naive();
    let month = format!("{:04}-{:02}", today.year(), today.month());
    const CTRL: &str = "\u{E009}";
    const RELEASE: &str = "\u{E000}";
    const ENTER: &str = "\u{E007}";

    let app = App::launch(&display, data.path()).await;
    // Home is the dashboard, the sidebar's first entry.
    app.wait_for("body[data-route='#/dashboard']").await;
    let first = app
        .eval("return document.querySelector('nav#sidebar a[data-section]').dataset.section")
        .await;
    assert_eq!(first.as_str(), Some("dashboard"));
    let overdue = wait_text_of(&app, "#overdue", |t| t.contains("540,00")).await;
    assert!(overdue.contains("1 facture"), "{overdue}");
    let before = text_of(&app, "#threshold-vat_franchise").await;
    assert!(before.contains("0,00 € sur 37 500,00 €"), "{before}");
    // The reminder is due (30 days late ≥ J+7): it is listed with its action.
    app.wait_for(&format!("#dashboard-reminders li[data-id='{id}']"))
        .await;
    display.shot("f01-dashboard-overdue");

    // « Relancer »: the dialog previews what the reminder asks for.
    app.click_in_view(&format!(
        "#dashboard-reminders li[data-id='{id}'] [data-action=remind]"
    ))
    .await;
    app.wait_for("dialog#reminder-dialog").await;
    // 540 € at the profile's 10 % for 30 days: 4,44 €; a business client: 40 €.
    wait_text_of(&app, "#reminder-preview [data-figure=penalties]", |t| {
        t.contains("4,44")
    })
    .await;
    let indemnity = text_of(&app, "#reminder-preview [data-figure=indemnity]").await;
    assert!(indemnity.contains("40,00"), "{indemnity}");
    display.shot("f02-reminder-dialog");
    app.click("dialog#reminder-dialog [data-action=save-reminder]")
        .await;
    app.wait_toast(|t| t.contains("Première relance enregistrée"))
        .await;
    app.wait_for("#reminder-saved").await;
    app.click("dialog#reminder-dialog [data-action=close]")
        .await;
    // Logged on the invoice, with its date and kind.
    app.eval(&format!("location.hash = '#/documents/{id}'; return true"))
        .await;
    app.wait_for(&format!("body[data-route='#/documents/{id}']"))
        .await;
    let log = wait_text_of(&app, "#reminder-log li[data-kind=first]", |t| !t.is_empty()).await;
    assert!(log.contains("Première relance du"), "{log}");
    assert!(log.contains("30 jours de retard"), "{log}");
    display.shot("f03-invoice-reminder-logged");

    // The payment arrives: she records it on the invoice.
    app.click("[data-action=pay]").await;
    app.wait_for("form#payment-form").await;
    app.click("form#payment-form button[type=submit]").await;
    app.wait_toast(|t| t == translation("fr", "docs.payment.saved_paid"))
        .await;

    // Alt+1, from any field: the dashboard again. The month's collected bar and
    // the gauge moved.
    app.go("#/clients").await;
    app.find("#client-search")
        .await
        .send_keys(&format!("\u{E00A}1{RELEASE}"))
        .await
        .unwrap();
    app.wait_for("body[data-route='#/dashboard']").await;
    let collected = app
        .eval(&format!(
            "return document.querySelector(\"#dashboard-revenue a[data-series=collected][data-month='{month}']\").dataset.value"
        ))
        .await;
    assert_eq!(
        collected.as_str(),
        Some("54000"),
        "540 € collected this month"
    );
    let after = wait_text_of(&app, "#threshold-vat_franchise", |t| {
        t.contains("540,00 € sur 37 500,00 €")
    })
    .await;
    assert!(after.contains("1 %"), "{after}");
    let overdue = text_of(&app, "#overdue").await;
    assert!(overdue.contains("0 facture"), "{overdue}");
    assert_eq!(app.count("#dashboard-reminders li[data-id]").await, 0);
    display.shot("f04-dashboard-paid");
    // The table view carries the same figure, for screen readers.
    app.click("[data-action=chart-table]").await;
    let row = text_of(
        &app,
        &format!("#revenue-chart-table tr[data-month='{month}'] td[data-series=collected]"),
    )
    .await;
    assert!(row.contains("540,00"), "{row}");
    display.shot("f04b-dashboard-table");

    // Ctrl+K from anywhere (here a list's own search box): the invoice by its
    // number, Enter opens it.
    app.go("#/clients").await;
    app.find("#client-search")
        .await
        .send_keys(&format!("{CTRL}k{RELEASE}"))
        .await
        .unwrap();
    let input = app
        .wait_for("dialog#global-search #global-search-input")
        .await;
    input.send_keys(&number).await.unwrap();
    app.wait_for(&format!(
        "#global-search-results .search-option[data-group=documents][data-id='{id}'][aria-selected=true]"
    ))
    .await;
    display.shot("f05-search");
    input.send_keys(ENTER).await.unwrap();
    app.wait_for(&format!("body[data-route='#/documents/{id}']"))
        .await;
    assert_eq!(app.count("dialog#global-search").await, 0);

    // The receipts book lists the payment, dated today.
    app.eval("location.hash = '#/receipts'; return true").await;
    app.wait_for("body[data-route='#/receipts']").await;
    let total = wait_text_of(&app, "#receipts-year-total", |t| !t.is_empty()).await;
    assert!(total.contains("540,00"), "{total}");
    display.shot("f06-receipts");
    app.quit().await;

    // The same dashboard in a dark desktop theme: the chart and gauges follow it.
    let app = App::launch_with_env(&display, data.path(), &[("GTK_THEME", "Adwaita:dark")]).await;
    app.wait_for("body[data-route='#/dashboard']").await;
    wait_text_of(&app, "#threshold-vat_franchise", |t| t.contains("540,00")).await;
    let dark = app
        .eval("return matchMedia('(prefers-color-scheme: dark)').matches")
        .await;
    assert_eq!(
        dark.as_bool(),
        Some(true),
        "the webview did not hear the dark theme"
    );
    display.shot("f07-dashboard-dark");
    app.quit().await;
}
