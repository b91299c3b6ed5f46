//! End to end in the REAL window, in French: the VA's working loop (DESIGN §1.1,
//! issue 11). She sets the timer's rounding, starts the timer from Temps, quits
//! and relaunches the app and finds it still running, stops it; types her hours
//! in the week grid (a wrong duration is refused next to the cell); watches the
//! bank's gauge pass 80 %; « Facturer le mois »; issues the draft; and finds the
//! month's entries billed, locked and linking to the invoice. Dates are today's.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{serial, translation, App, Display};
use tandem_core::chrono::{Datelike, Days, Local, NaiveDate, TimeDelta, Utc};
use tandem_core::timesheet::timer::{self, TimerInput};
use tandem_core::{clients, collaborations, db::Database, profile, testing};

/// A complete profile, a client and an hourly collaboration with a 10 h bank (unused
/// hours lost), straight through the core.
fn seed(dir: &std::path::Path) {
    let db = Database::open_in(dir).unwrap();
    db.write(|tx| {
        // With an IBAN: an invoice paid by transfer is issued only with one.
        profile::save(tx, &testing::micro(), tandem_core::today())?;
        let client = clients::create(tx, &testing::acme())?;
        collaborations::create(tx, &testing::hourly(client.id, "45", "10", "lost"))
    })
    .unwrap();
}

/// Types in a week cell as she would: what is there selected (as a click and
/// Ctrl+A would; WebKitWebDriver keeps Ctrl held for the digits, which are the
/// Ctrl+digit shortcuts, and clear() fires a change that saves an empty cell),
/// then the text and Enter.
async fn type_in_cell(app: &App, css: &str, text: &str) {
    let el = app.wait_for(css).await;
    el.click().await.unwrap();
    app.eval(&format!("document.querySelector({css:?}).select()"))
        .await;
    el.send_keys(&format!("{text}\u{E007}")).await.unwrap();
}

/// The day whose week cell she types in: yesterday when it is in this week and
/// this month (so the timer's entry of today stays apart), else today.
fn typing_day(today: NaiveDate) -> NaiveDate {
    let yesterday = today - Days::new(1);
    if today.weekday().num_days_from_monday() > 0 && yesterday.month() == today.month() {
        yesterday
    } else {
        today
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn timer_week_grid_gauge_and_month_billing_in_the_real_window() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let today = Local::now().date_naive();
    let month = format!("{:04}-{:02}", today.year(), today.month());

    let app = App::launch(&display, data.path()).await;
    app.wait_for("nav#sidebar").await;
    // The sidebar in DESIGN §4's order: the dashboard first, Temps fourth (Alt+4).
    let order = app
        .eval("return [...document.querySelectorAll('nav#sidebar a[data-section]')].map(a => a.dataset.section).join(',')")
        .await;
    assert_eq!(
        order.as_str().unwrap(),
        "dashboard,clients,collaborations,time,quotes,invoices,team,settings"
    );

    // Réglages › Chronomètre: round up to the quarter hour.
    app.go("#/settings").await;
    app.scroll_to("#rounding-card").await;
    app.select("#rounding-card [name=rounding_step]", "15")
        .await;
    app.wait_toast(|t| t == translation("fr", "settings.rounding.saved"))
        .await;
    app.select("#rounding-card [name=rounding_mode]", "up")
        .await;
    app.wait_for("#rounding-card [name=rounding_mode] option[value=up]:checked")
        .await;

    // Temps: the week grid, then the timer, from the screen's own button.
    app.go("#/time").await;
    app.wait_for("table#week-grid tr[data-collaboration='1']")
        .await;
    display.shot("t01-time-week-empty");
    app.click("[data-action=start-timer]").await;
    app.wait_for("form#timer-form #timer-search").await;
    // Type-ahead: the client's name finds the collaboration.
    app.fill("form#timer-form #timer-search", "lumi").await;
    app.wait_for("form#timer-form li[data-collaboration='1'][aria-selected=true]")
        .await;
    app.select("form#timer-form [name=task]", "email_triage")
        .await;
    app.fill(
        "form#timer-form [name=note]",
        "Tri de la boîte de réception",
    )
    .await;
    display.shot("t02-timer-picker");
    app.click("form#timer-form [data-action=confirm-start]")
        .await;
    app.wait_for("#dock #timer-dock[data-collaboration='1']")
        .await;
    // (textContent: WebDriver's text of an ellipsed element is empty in WebKit.)
    let what = app
        .eval("return document.querySelector('#timer-dock .timer-what').textContent")
        .await;
    assert_eq!(what.as_str().unwrap(), "Assistanat · Atelier Lumière");
    display.shot("t03-timer-running");
    app.quit().await;

    // Closed and opened again: the timer still runs, counted from its start.
    let app = App::launch(&display, data.path()).await;
    app.wait_for("nav#sidebar").await;
    app.wait_for("#dock #timer-dock[data-collaboration='1']")
        .await;
    app.wait_text("#timer-dock .timer-elapsed", |t| {
        t.starts_with("0:") && t != "0:00:00"
    })
    .await;
    app.click("#timer-dock [data-action=stop-timer]").await;
    // A few seconds rounded up to the quarter hour.
    app.wait_toast(|t| t.contains("0 h 15") && t.contains("Assistanat"))
        .await;
    assert!(!app.is_visible("#timer-dock").await);

    // The week grid: a wrong duration is refused next to its cell; Escape undoes it.
    app.go("#/time").await;
    let day = typing_day(today);
    let cell = format!("table#week-grid input[name='cell.1.{day}']");
    app.wait_for(&cell).await;
    type_in_cell(&app, &cell, "25").await;
    app.wait_text(&format!("{cell} + .cell-error"), |t| {
        t == translation("fr", "errors.day_over_24h")
    })
    .await;
    display.shot("t04-week-cell-error");
    app.find(&cell).await.send_keys("\u{E00C}").await.unwrap(); // Escape
    app.wait_text(&format!("{cell} + .cell-error"), str::is_empty)
        .await;
    assert_eq!(app.count(&format!("{cell}[aria-invalid=true]")).await, 0);
    // 8 h 30 by hand: with the timer's quarter hour, 8 h 45 of the 10 h bank.
    type_in_cell(&app, &cell, "8h30").await;
    let expected = if day == today { "8 h 30" } else { "8 h 45" };
    app.wait_text("table#week-grid .week-grand-total", |t| t == expected)
        .await;
    app.wait_for("#time-gauges .gauge[data-gauge-level=warning]")
        .await;
    // The bar is drawn to scale (87 % or 85 %), not full.
    let filled = app
        .eval(
            "const g = document.querySelector('#time-gauges .gauge'); \
             return g.querySelector('.gauge-fill').getBoundingClientRect().width \
                  / g.querySelector('.gauge-bar').getBoundingClientRect().width",
        )
        .await;
    let filled = filled.as_f64().unwrap();
    assert!((0.8..0.95).contains(&filled), "gauge filled {filled}");
    display.shot("t05-week-filled-gauge-warning");

    // The collaboration's page shows the warning too, and bills the month.
    app.go("#/collaborations").await;
    app.click("#collaborations-table tr[data-id='1']").await;
    app.wait_for("#collaboration-billing .gauge[data-gauge-level=warning] .gauge-message")
        .await;
    app.scroll_to("#collaboration-billing").await;
    display.shot("t06-collaboration-gauge-warning");
    app.click("#collaboration-billing [data-action=bill-month]")
        .await;
    app.wait_for("form#bill-month-form").await;
    app.set_value("form#bill-month-form [name=month]", &month)
        .await;
    let lines = app
        .wait_text("#bill-preview .plan-list", |t| t.contains("forfait 10 h"))
        .await;
    assert!(lines.contains("Assistance virtuelle"), "{lines}");
    assert!(lines.contains("450,00"), "{lines}");
    display.shot("t07-bill-month-dialog");
    app.click("form#bill-month-form [data-action=confirm-bill]")
        .await;
    let route = app
        .wait_route(|r| r.starts_with("#/documents/") && !r.ends_with("/edit"))
        .await;
    let doc_id = route.trim_start_matches("#/documents/").to_owned();
    app.wait_for(".view-document").await;
    app.click(".doc-actions [data-action=issue]").await;
    app.click("dialog [data-action=confirm]").await;
    let issued = translation("fr", "docs.status.issued");
    app.wait_text(".view-document .page-header .badge", |t| t == issued)
        .await;
    let title = app.text(".view-document h1").await;
    let number = title
        .split_whitespace()
        .find(|w| w.starts_with("F-"))
        .unwrap_or_else(|| panic!("no invoice number in {title:?}"))
        .to_owned();
    display.shot("t08-month-invoice-issued");

    // « Fin de mois », from the invoices: the collaboration is listed with what
    // its month bills (or the invoice, for this month once billed).
    app.go("#/invoices").await;
    app.click(".view-invoices [data-action=month-end]").await;
    app.wait_for(".view-month-end .monthend-table tr[data-collaboration='1']")
        .await;
    // The month shown by default is the previous one during the first ten days,
    // else this one, billed above: bill the previous month, all at once.
    let row = ".monthend-table tr[data-collaboration='1']";
    if app.count(&format!("{row}[data-state=billed]")).await > 0 {
        let first = today.with_day(1).unwrap() - Days::new(1);
        app.click("[data-action=previous-month]").await;
        app.wait_for(&format!(
            "body[data-route='#/month-end?month={:04}-{:02}']",
            first.year(),
            first.month()
        ))
        .await;
    }
    app.wait_for(&format!("{row}[data-state=ready]")).await;
    display.shot("t08b-month-end");
    app.click("[data-action=bill-all]").await;
    app.wait_text("#monthend-summary", |t| t.contains("1 brouillon préparé"))
        .await;
    app.wait_for(&format!(
        "{row}[data-state=billed] a[data-action=open-billed]"
    ))
    .await;
    display.shot("t08c-month-end-summary");

    // Temps, the month list: every entry billed, locked, linking to the invoice.
    app.go("#/time").await;
    app.click(".segmented [data-mode=month]").await;
    app.wait_for("#time-list li.entry").await;
    let entries = app.count("#time-list li.entry").await;
    let billed = app
        .count(&format!(
            "#time-list li.entry[data-state=billed] a.entry-invoice[href='#/documents/{doc_id}']"
        ))
        .await;
    assert_eq!(billed, entries, "every entry of the month is on {number}");
    assert_eq!(app.count("#time-list [data-action=edit-entry]").await, 0);
    assert_eq!(app.count("#time-list [data-action=delete-entry]").await, 0);
    assert!(app
        .text("#time-list a.entry-invoice")
        .await
        .contains(&number));
    display.shot("t09-month-list-billed");
    // The week grid no longer takes typing there.
    app.click(".segmented [data-mode=week]").await;
    app.wait_for(&format!(
        "table#week-grid button.cell-button.is-locked[name='cell.1.{day}']"
    ))
    .await;
    // And the link opens the invoice.
    app.click(".segmented [data-mode=month]").await;
    app.click("#time-list a.entry-invoice").await;
    app.wait_route(|r| r == format!("#/documents/{doc_id}"))
        .await;
    app.quit().await;

    // A timer left running all night: at start-up she is asked, and gives the
    // time it really ended.
    let started = Utc::now() - TimeDelta::hours(11);
    Database::open_in(data.path())
        .unwrap()
        .write(|tx| {
            let input = TimerInput {
                collaboration_id: Some(1),
                ..TimerInput::default()
            };
            timer::start(tx, &input, started)
        })
        .unwrap();
    let app = App::launch(&display, data.path()).await;
    app.wait_for("dialog#timer-stale[open]").await;
    display.shot("t10-timer-left-running");
    app.click("dialog#timer-stale [data-action=stale-end]")
        .await;
    let end = (started + TimeDelta::minutes(95)).with_timezone(&Local);
    app.set_value(
        "dialog#timer-stale [name=end]",
        &end.format("%Y-%m-%dT%H:%M").to_string(),
    )
    .await;
    app.click("dialog#timer-stale [data-action=confirm-end]")
        .await;
    // 1 h 35 of work, rounded up to the quarter hour: 1 h 45.
    app.wait_toast(|t| t.contains("1 h 45")).await;
    assert!(!app.is_visible("#timer-dock").await);
    app.quit().await;
}
