//! End-to-end tests of the REAL app window: the built `tandem` binary under a
//! private Xvfb, driven through tauri-driver + WebKitWebDriver — what a user
//! clicks and reads, in French. See `support/` for the harness.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{log_file, serial, translation, App, Display};
use tandem_core::{clients, collaborations, db::Database, profile};

/// Seeds a profile straight through the core, to start a test past the welcome.
fn seed_profile(dir: &std::path::Path) {
    let db = Database::open_in(dir).unwrap();
    db.write(|tx| profile::save(tx, &support::micro_profile(), tandem_core::today()))
        .unwrap();
}

/// The scene "a VA installs it": welcome, first client, first hourly collaboration;
/// then the app is closed and opened again, and everything is still there.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn welcome_then_client_then_hourly_collaboration_survive_a_restart() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();

    let app = App::launch(&display, data.path()).await;
    app.wait_for("form#welcome-form").await;
    display.screenshot("01-welcome");
    app.fill_welcome("732 829 320 00074").await;
    app.click("form#welcome-form button[type=submit]").await;

    // Lands on the dashboard, which says where to begin; the sidebar's first
    // entry after it is the (empty) client list, which invites to add a client.
    app.wait_route(|r| r.starts_with("#/dashboard")).await;
    app.wait_for("nav#sidebar").await;
    app.wait_for("#dashboard-welcome a[href='#/clients/new']")
        .await;
    display.screenshot("02-dashboard-new-user");
    app.click("nav#sidebar a[data-section=clients]").await;
    app.wait_route(|r| r.starts_with("#/clients")).await;
    display.screenshot("02-clients-empty");
    app.click("button[data-action=new-client]").await;
    let f = "form#client-form";
    app.fill(&format!("{f} [name=name]"), "Atelier Lumière")
        .await;
    app.fill(&format!("{f} [name=contact_name]"), "Camille Durand")
        .await;
    app.fill(&format!("{f} [name=email]"), "camille@atelier-lumiere.fr")
        .await;
    app.fill(&format!("{f} [name=address_line1]"), "3 place Bellecour")
        .await;
    app.fill(&format!("{f} [name=postal_code]"), "69002").await;
    app.fill(&format!("{f} [name=city]"), "Lyon").await;
    app.fill(&format!("{f} [name=siren]"), "732 829 320").await;
    display.screenshot("03-client-form");
    app.click(&format!("{f} button[type=submit]")).await;

    // The client's page, with a button to start a collaboration.
    app.wait_text("h1", |t| t == "Atelier Lumière").await;
    app.click("button[data-action=new-collaboration]").await;
    let f = "form#collaboration-form";
    app.wait_for(f).await;
    app.fill(&format!("{f} [name=title]"), "Assistanat administratif")
        .await;
    app.select(&format!("{f} [name=role]"), "va").await;
    app.select(&format!("{f} [name=status]"), "active").await;
    app.eval("const d = document.querySelector('form#collaboration-form [name=start_date]'); d.value = '2026-11-02'; d.dispatchEvent(new Event('input', {bubbles: true})); d.dispatchEvent(new Event('change', {bubbles: true}));").await;
    app.click(&format!("{f} input[name=tasks][value=email_triage]"))
        .await;
    app.click(&format!("{f} input[name=tasks][value=meetings]"))
        .await;
    app.select(&format!("{f} [name=pricing_model]"), "hourly")
        .await;
    // Only the chosen model's fields are shown.
    assert!(app.is_visible(&format!("{f} [name=hourly_rate]")).await);
    assert!(!app.is_visible(&format!("{f} [name=monthly_amount]")).await);
    assert!(!app.is_visible(&format!("{f} [name=project_amount]")).await);
    assert!(!app.is_visible(&format!("{f} [name=commission_rate]")).await);
    app.fill(&format!("{f} [name=hourly_rate]"), "45").await;
    app.fill(&format!("{f} [name=monthly_hours]"), "10").await;
    app.select(&format!("{f} [name=unused_hours]"), "carried_over")
        .await;
    display.screenshot("04-collaboration-form");
    app.click(&format!("{f} button[type=submit]")).await;

    // Back on the client's page, the collaboration is listed with its price.
    app.wait_text("#collaborations-table tbody tr[data-id]", |t| {
        t.contains("45,00")
    })
    .await;
    display.screenshot("05-client-detail");
    app.quit().await;

    // Restart on the same folder: no welcome, the client and collaboration are there.
    let app = App::launch(&display, data.path()).await;
    app.wait_for("nav#sidebar").await;
    assert_eq!(
        app.count("form#welcome-form").await,
        0,
        "the welcome is shown only once"
    );
    app.go("#/clients").await;
    let row = app
        .wait_text("#clients-table tbody tr[data-id] td.name", |t| {
            t == "Atelier Lumière"
        })
        .await;
    assert_eq!(row, "Atelier Lumière");
    display.screenshot("06-clients-after-restart");
    app.go("#/collaborations").await;
    let row = app
        .wait_text("#collaborations-table tbody tr[data-id]", |t| {
            t.contains("Atelier Lumière")
        })
        .await;
    assert!(row.contains("45,00"), "price shown in French: {row}");
    assert!(row.contains("Assistanat administratif"), "{row}");
    display.screenshot("07-collaborations-after-restart");
    app.quit().await;

    // And the file on disk holds exactly what was typed, normalized by the core.
    let db = Database::open_in(data.path()).unwrap();
    let p = db.read(profile::get).unwrap().expect("profile saved");
    assert_eq!(p.siret, "73282932000074");
    let k = db
        .read(|c| collaborations::list(c, &Default::default()))
        .unwrap();
    assert_eq!(k.items.len(), 1);
    assert_eq!(k.items[0].pricing.monthly_value_cents, Some(45_000));

    // The log says what happened, never whom it was about.
    let log = std::fs::read_to_string(log_file(data.path())).unwrap();
    assert!(log.contains("Tandem 0.1.0 starting"), "{log}");
    assert!(log.contains("schema 0 -> "), "first launch migrated: {log}");
    for personal in [
        "Léa", "Martin", "Lumière", "lea@", "Lyon", "73282932", "FR76",
    ] {
        assert!(!log.contains(personal), "{personal:?} in the log: {log}");
    }
}

/// A refused form shows the French error next to the field and writes nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_form_shows_the_french_error_next_to_the_field() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();

    let app = App::launch(&display, data.path()).await;
    app.fill_welcome("732 829 320 00075").await; // Luhn fails
    app.click("form#welcome-form button[type=submit]").await;
    let expected = translation("fr", "errors.invalid_siret");
    let shown = app
        .wait_text("[data-error-for=siret]", |t| !t.is_empty())
        .await;
    assert_eq!(shown, expected);
    let invalid = app
        .find("form#welcome-form [name=siret]")
        .await
        .attr("aria-invalid")
        .await
        .unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    display.screenshot("10-welcome-siret-error");
    // Still on the welcome: nothing was saved.
    assert_eq!(app.count("form#welcome-form").await, 1);

    // Corrected, it goes through and the error disappears.
    app.fill("form#welcome-form [name=siret]", "73282932000074")
        .await;
    app.click("form#welcome-form button[type=submit]").await;
    app.wait_for("nav#sidebar").await;

    // A negative hourly rate is refused next to its field, in French.
    app.go("#/clients").await;
    app.click("button[data-action=new-client]").await;
    app.fill("form#client-form [name=name]", "Studio Nord")
        .await;
    app.click("form#client-form button[type=submit]").await;
    app.wait_text("h1", |t| t == "Studio Nord").await;
    app.click("button[data-action=new-collaboration]").await;
    let f = "form#collaboration-form";
    app.fill(&format!("{f} [name=title]"), "Gestion de projet")
        .await;
    app.select(&format!("{f} [name=status]"), "prospect").await;
    app.select(&format!("{f} [name=pricing_model]"), "hourly")
        .await;
    app.fill(&format!("{f} [name=hourly_rate]"), "-45").await;
    app.click(&format!("{f} button[type=submit]")).await;
    let shown = app
        .wait_text("[data-error-for=hourly_rate]", |t| !t.is_empty())
        .await;
    assert_eq!(shown, translation("fr", "errors.out_of_range"));
    display.screenshot("11-collaboration-rate-error");
    app.quit().await;

    let db = Database::open_in(data.path()).unwrap();
    assert!(db
        .read(|c| collaborations::list(c, &Default::default()))
        .unwrap()
        .items
        .is_empty());
}

/// A client named like an HTML injection is shown as text everywhere, never run.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_client_name_renders_as_text() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed_profile(data.path());
    let hostile = "<img src=x onerror=alert(1)>";

    let app = App::launch(&display, data.path()).await;
    app.go("#/clients").await;
    app.click("button[data-action=new-client]").await;
    app.fill("form#client-form [name=name]", hostile).await;
    app.click("form#client-form button[type=submit]").await;
    // The client's page title is the name, character for character.
    app.wait_text("h1", |t| t == hostile).await;
    app.go("#/clients").await;
    let shown = app
        .wait_text("#clients-table tbody tr[data-id] td.name", |t| {
            !t.is_empty()
        })
        .await;
    assert_eq!(shown, hostile);
    // The collaboration form's client picker shows it as text too.
    app.go("#/collaborations").await;
    app.click("button[data-action=new-collaboration]").await;
    let options = app.eval("return [...document.querySelectorAll('form#collaboration-form [name=client_id] option')].map(o => o.textContent)").await;
    assert!(
        options.as_array().unwrap().iter().any(|o| o == hostile),
        "{options}"
    );
    // No element was created from the name, and no alert is open (any WebDriver
    // command would fail with "unexpected alert open").
    assert_eq!(
        app.eval("return document.querySelectorAll('img').length")
            .await,
        0
    );
    display.screenshot("20-hostile-name");
    app.quit().await;
}

/// The language switch applies at once and is remembered across restarts.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn english_on_demand_applies_at_once_and_is_remembered() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed_profile(data.path());

    let app = App::launch(&display, data.path()).await;
    let settings = "nav#sidebar a[href='#/settings']";
    assert_eq!(app.text(settings).await, translation("fr", "nav.settings"));
    app.go("#/settings").await;
    // À propos names the log folder (inside the test's own home, see support).
    let about = app.text(".view-settings").await;
    assert!(about.contains("fr.tandem.app/logs"), "{about}");
    app.select("select#language", "en").await;
    app.wait_text(settings, |t| t == translation("en", "nav.settings"))
        .await;
    display.screenshot("30-settings-english");
    app.quit().await;

    let app = App::launch(&display, data.path()).await;
    assert_eq!(app.text(settings).await, translation("en", "nav.settings"));
    app.quit().await;
}

/// A second launch on the same data folder does not open a second writer: it
/// exits, and the first window keeps working.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_launch_on_the_same_folder_does_not_open_a_second_writer() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed_profile(data.path());
    let app = App::launch(&display, data.path()).await;

    let second = tokio::process::Command::new(support::app_binary())
        .args(["--data-dir", data.path().to_str().unwrap()])
        .env("DISPLAY", &display.name)
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("XDG_RUNTIME_DIR")
        .output();
    let out = tokio::time::timeout(std::time::Duration::from_secs(30), second)
        .await
        .expect("the second launch should exit by itself")
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("already open"),
        "{out:?}"
    );

    // The first window still answers and writes.
    app.go("#/clients").await;
    app.click("button[data-action=new-client]").await;
    app.fill("form#client-form [name=name]", "Après le second lancement")
        .await;
    app.click("form#client-form button[type=submit]").await;
    app.wait_text("h1", |t| t == "Après le second lancement")
        .await;
    app.quit().await;
    let db = Database::open_in(data.path()).unwrap();
    let page = db.read(|c| clients::list(c, &Default::default())).unwrap();
    assert_eq!(page.total, 1);
}

/// A database written by a newer Tandem is explained on screen, not crashed on,
/// and left untouched.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_from_a_newer_version_is_explained_and_left_untouched() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join(tandem_core::db::DB_FILE);
    schema_version(&path, Some(999));

    let app = App::launch(&display, data.path()).await;
    app.wait_for("body[data-route='boot-error']").await;
    let explanation = app.text(".boot-error .boot-explain").await;
    assert!(
        explanation == translation("fr", "boot.schema_too_new")
            || explanation == translation("en", "boot.schema_too_new"),
        "{explanation}"
    );
    display.screenshot("40-newer-database");
    app.quit().await;
    assert_eq!(schema_version(&path, None), 999, "the file was not touched");
}

/// Sets (when given) and reads the schema version of a database file, bypassing
/// the core's migrator.
fn schema_version(path: &std::path::Path, set: Option<i64>) -> i64 {
    let conn = tandem_core::db::Connection::open(path).unwrap();
    if let Some(v) = set {
        conn.pragma_update(None, "user_version", v).unwrap();
    }
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

/// The keyboard alone is enough: a field is checked when the user leaves it, Enter
/// saves the form, Escape leaves a form.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_keyboard_validates_saves_and_cancels() {
    const ENTER: &str = "\u{E007}";
    const TAB: &str = "\u{E004}";
    const ESCAPE: &str = "\u{E00C}";
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed_profile(data.path());

    let app = App::launch(&display, data.path()).await;
    app.go("#/clients").await;
    app.click("button[data-action=new-client]").await;
    let f = "form#client-form";
    // Leaving a malformed e-mail shows its error at once, before any save.
    app.fill(&format!("{f} [name=email]"), "camille@").await;
    app.find(&format!("{f} [name=email]"))
        .await
        .send_keys(TAB)
        .await
        .unwrap();
    let shown = app
        .wait_text("[data-error-for=email]", |t| !t.is_empty())
        .await;
    assert_eq!(shown, translation("fr", "errors.invalid_email"));
    // Corrected, then Enter in the name field saves the client.
    app.fill(&format!("{f} [name=email]"), "camille@exemple.fr")
        .await;
    app.fill(&format!("{f} [name=name]"), "Clavier & Cie").await;
    app.find(&format!("{f} [name=name]"))
        .await
        .send_keys(ENTER)
        .await
        .unwrap();
    app.wait_text("h1", |t| t == "Clavier & Cie").await;
    // Escape on an untouched form goes back without saving anything.
    app.click("button[data-action=edit-client]").await;
    app.wait_for(f).await;
    app.find(&format!("{f} [name=city]"))
        .await
        .send_keys(ESCAPE)
        .await
        .unwrap();
    app.wait_route(|r| !r.ends_with("/edit")).await;
    app.quit().await;

    let db = Database::open_in(data.path()).unwrap();
    let page = db.read(|c| clients::list(c, &Default::default())).unwrap();
    assert_eq!(page.total, 1);
    assert_eq!(page.items[0].email.as_deref(), Some("camille@exemple.fr"));
}

/// The window reopens at the size it was left at (tauri-plugin-window-state).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_reopens_at_the_size_it_was_left_at() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed_profile(data.path());

    let app = App::launch(&display, data.path()).await;
    let (_, _, w, h) = app.client.get_window_rect().await.unwrap();
    assert_ne!((w, h), (1000, 700), "starts at its configured size");
    app.client.set_window_size(1000, 700).await.unwrap();
    let (_, _, w, h) = app.client.get_window_rect().await.unwrap();
    assert_eq!((w, h), (1000, 700));
    // Saved once the window has been still for half a second (window_state.rs),
    // so the end of the session (WebDriver kills the app) need not be graceful.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    app.quit().await;

    let app = App::launch(&display, data.path()).await;
    let (_, _, w, h) = app.client.get_window_rect().await.unwrap();
    assert_eq!((w, h), (1000, 700), "the size was remembered");
    app.quit().await;
}

/// A POSIX `TZ` in which local midnight comes `after` from now (a fixed offset,
/// to the second, within ±12 h of UTC).
fn tz_with_midnight_in(after: std::time::Duration) -> String {
    let utc = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        % 86_400;
    let mut east = (86_400 - after.as_secs() as i64 - utc).rem_euclid(86_400);
    if east > 43_200 {
        east -= 86_400;
    }
    // POSIX counts the other way: `TST-2` is two hours east of UTC.
    let sign = if east >= 0 { '-' } else { '+' };
    let e = east.abs();
    format!(
        "TST{sign}{:02}:{:02}:{:02}",
        e / 3600,
        e % 3600 / 60,
        e % 60
    )
}

/// Backend → UI events, in the real window: launched shortly before local
/// midnight (a `TZ` chosen for it), the app tells the window when the date
/// changes (`src-tauri/src/events.rs`, `ui/js/events.js`), and the screen is
/// drawn again with no click. The dock (`ui/js/shell.js`) holds nothing, so it
/// takes no room.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_window_hears_the_day_change_and_draws_its_screen_again() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed_profile(data.path());
    let tz = tz_with_midnight_in(std::time::Duration::from_secs(40));
    let app = App::launch_with_env(&display, data.path(), &[("TZ", tz.as_str())]).await;
    app.wait_for("body[data-route='#/dashboard']").await;
    assert!(!app.is_visible("#dock").await, "an empty dock is hidden");

    // Mark the screen drawn now: a new drawing replaces the marked heading.
    app.eval("document.querySelector('#main h1').dataset.probe = 'before midnight'; return true")
        .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(100);
    loop {
        let redrawn = app
            .eval("return !!document.querySelector('#main h1') && !document.querySelector('[data-probe]')")
            .await;
        if redrawn == serde_json::Value::Bool(true) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the screen was not drawn again after midnight (TZ={tz})"
        );
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert_eq!(
        app.eval("return document.body.dataset.route").await,
        "#/dashboard"
    );
    display.screenshot("40-after-midnight");
    app.quit().await;
}

/// A profile, a client and one issued invoice (F-2026-0001), through the core.
fn seed_invoice(dir: &std::path::Path) {
    use tandem_core::documents;
    let db = Database::open_in(dir).unwrap();
    db.write(|tx| {
        profile::save(tx, &tandem_core::testing::micro(), tandem_core::today())?;
        let client = clients::create(tx, &tandem_core::testing::acme())?.id;
        let input = tandem_core::testing::invoice(
            client,
            vec![tandem_core::testing::line(
                "Assistance administrative",
                "12",
                "45",
                "0",
            )],
        );
        let d = documents::create(tx, &input, tandem_core::today())?;
        documents::issue(tx, d.id, tandem_core::today())
    })
    .unwrap();
}

/// Réglages › Vos données: « Sauvegarder maintenant » writes a checked backup
/// that the list shows, and « Vérifier l'intégrité » says all is intact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_back_up_now_and_check_integrity() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed_invoice(data.path());

    let app = App::launch(&display, data.path()).await;
    app.go("#/settings").await;
    app.wait_for("#backups-card [data-action=backup-now]").await;
    app.click_in_view("#backups-card [data-action=backup-now]")
        .await;
    app.wait_toast(|t| t.starts_with("Sauvegarde enregistrée et vérifiée"))
        .await;
    app.wait_for("#backups-table tbody tr[data-file]").await;
    let listed = app.text("#backups-table").await;
    assert!(listed.contains("Manuelle"), "{listed}");
    app.click_in_view("#integrity-card [data-action=verify-integrity]")
        .await;
    let said = app
        .wait_text("#integrity-result", |t| !t.is_empty() && !t.contains('…'))
        .await;
    assert!(
        said.starts_with("Tout est intact : 1 document(s) émis"),
        "{said}"
    );
    app.scroll_to("#data-section").await;
    // The debug build under Xvfb can take a few seconds to paint a long page.
    tokio::time::sleep(std::time::Duration::from_secs(3)).await;
    display.shot("45-settings-backups");
    app.quit().await;
    let backups = tandem_core::backup::list(&tandem_core::backup::folder(data.path())).unwrap();
    assert!(
        backups
            .iter()
            .any(|b| b.reason == tandem_core::backup::Reason::Manual),
        "{backups:?}"
    );
}

/// A data file with a zeroed page: the start-up screen says it is damaged,
/// offers the newest good backup, restores it after asking, and keeps the
/// damaged file beside it, renamed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_file_offers_the_newest_good_backup_and_keeps_the_damaged_one() {
    use std::io::{Seek, SeekFrom, Write};
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed_invoice(data.path());
    let path = data.path().join(tandem_core::db::DB_FILE);
    tandem_core::backup::take(
        &path,
        &tandem_core::backup::folder(data.path()),
        tandem_core::backup::Reason::Daily,
        tandem_core::chrono::Local::now().naive_local(),
        &mut |_| {},
    )
    .unwrap();
    {
        let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        f.seek(SeekFrom::Start(2 * 4096)).unwrap();
        f.write_all(&[0_u8; 4096]).unwrap();
    }

    let app = App::launch(&display, data.path()).await;
    app.wait_for("body[data-route='boot-error']").await;
    assert_eq!(
        app.text(".boot-error .boot-explain").await,
        translation("fr", "boot.database_damaged")
    );
    let offer = app.wait_text("#rescue-newest", |t| !t.is_empty()).await;
    assert!(offer.starts_with("Dernière sauvegarde valide"), "{offer}");
    assert!(
        offer.contains("1 document(s) émis (dernier numéro : F-2026-0001)"),
        "{offer}"
    );
    display.shot("46-damaged-file-start-up");
    app.click("#rescue [data-action=restore-newest]").await;
    app.click("dialog [data-action=confirm]").await;
    // The app starts again on the restored data.
    app.wait_for("nav#sidebar a[href='#/invoices']").await;
    app.wait_route(|r| r.starts_with("#/dashboard")).await;
    app.go("#/invoices").await;
    app.wait_text("#invoices-table", |t| t.contains("F-2026-0001"))
        .await;
    app.quit().await;
    let kept: Vec<String> = std::fs::read_dir(data.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("tandem-damaged-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
}

/// The hostile-input corpus (`tests/hostile/corpus.json`) typed into the client
/// and quote screens of the real window: shown as the same text on the
/// client's page and in the quote's lines; no element is made from it and no
/// script runs (an alert would fail every WebDriver command that follows).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hostile_corpus_renders_as_text_in_the_client_and_quote_screens() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed_profile(data.path());
    let corpus: Vec<String> = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/hostile/corpus.json"
        ))
        .unwrap(),
    )
    .unwrap();
    // One line, visible, accepted by the client form: the rest is refused
    // before it reaches a screen (tests/hostile.rs covers that).
    let entries: Vec<&String> = corpus
        .iter()
        .filter(|e| !e.contains('\n') && !e.chars().any(char::is_control))
        .filter(|e| !tandem_core::validate::is_blank(e))
        .collect();
    assert!(entries.len() >= 15, "{}", entries.len());

    let app = App::launch(&display, data.path()).await;
    let scripts = app
        .eval("return document.querySelectorAll('script').length")
        .await;
    for entry in &entries {
        let shown = entry.trim();
        app.go("#/clients").await;
        app.click("button[data-action=new-client]").await;
        app.set_value("form#client-form [name=name]", entry).await;
        app.set_value("form#client-form [name=address_line1]", "3 place Bellecour")
            .await;
        app.set_value("form#client-form [name=postal_code]", "69002")
            .await;
        app.set_value("form#client-form [name=city]", "Lyon").await;
        app.click_in_view("form#client-form button[type=submit]")
            .await;
        // textContent, not WebDriver's rendered text (which drops zero-width characters).
        wait_content(&app, "h1", |t| t == shown).await;
        app.click("#client-documents button[data-action=new-quote]")
            .await;
        let f = "form#document-form";
        app.wait_for(f).await;
        app.set_value(&format!("{f} [name=title]"), entry).await;
        app.set_value(&format!("{f} [name=duration]"), "3 mois")
            .await;
        app.set_value("[name='lines.0.description']", entry).await;
        app.set_value("[name='lines.0.unit_price']", "45").await;
        app.click_in_view(&format!("{f} button[type=submit]")).await;
        app.wait_route(|r| r.starts_with("#/documents/") && !r.ends_with("/edit"))
            .await;
        wait_content(&app, "#document-lines tbody", |t| t.contains(shown)).await;
        let made = app
            .eval("return document.querySelectorAll('[onerror], [onload], img, iframe, object, embed').length")
            .await;
        assert_eq!(made, 0, "{entry:?} made an element");
    }
    assert_eq!(
        app.eval("return document.querySelectorAll('script').length")
            .await,
        scripts,
        "no script was added"
    );
    display.shot("21-hostile-quote");
    app.quit().await;
}

/// Waits until the `textContent` of `css` satisfies `pred` (exact characters,
/// zero-width ones included).
async fn wait_content(app: &App, css: &str, pred: impl Fn(&str) -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let text = app
            .eval(&format!(
                "const e = document.querySelector({css:?}); return e ? e.textContent : null"
            ))
            .await;
        if text.as_str().is_some_and(&pred) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{css} holds {text}, never what was expected"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// « Importer… » on Clients: a Windows-1252 file with `;` from Excel is picked in
/// the native open dialog, its columns are guessed, a row in error blocks the
/// import until it is excluded, then the others are imported exactly.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_are_imported_from_an_excel_csv() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed_profile(data.path());
    let files = tempfile::tempdir().unwrap();
    let csv = files.path().join("clients.csv");
    // « Société Générale », « Hélène » in Windows-1252, a bad e-mail on line 4.
    let text = "Nom;Contact;Email;Code postal;Ville\r\n\
                Société Générale;Hélène Roux;helene@sg.fr;75009;Paris\r\n\
                Atelier Lumière;Camille Durand;camille@atelier.fr;69002;Lyon\r\n\
                Studio Brouillon;Marc;pas-un-email;44000;Nantes\r\n";
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'é' => 0xE9,
            'è' => 0xE8,
            c => c as u8,
        })
        .collect();
    std::fs::write(&csv, bytes).unwrap();

    let app = App::launch(&display, data.path()).await;
    app.go("#/clients").await;
    app.click("button[data-action=import-clients]").await;
    app.click("button[data-action=pick-file]").await;
    let dialog = support::native_window(&display, "Importer des clients").await;
    support::xdotool(&display, &["windowfocus", "--sync", &dialog]);
    support::xdotool(&display, &["key", "--window", &dialog, "ctrl+l"]);
    support::xdotool(
        &display,
        &[
            "type",
            "--window",
            &dialog,
            "--delay",
            "10",
            csv.to_str().unwrap(),
        ],
    );
    // The location bar's completion may take the first Return: press until the
    // dialog is gone.
    for _ in 0..5 {
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        support::xdotool(&display, &["key", "--window", &dialog, "Return"]);
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        let open = support::xdotool(
            &display,
            &[
                "search",
                "--onlyvisible",
                "--name",
                "^Importer des clients$",
            ],
        );
        if open.trim().is_empty() {
            break;
        }
    }
    let counts = app.wait_text("#import-counts", |t| !t.is_empty()).await;
    assert!(counts.contains('2') && counts.contains('1'), "{counts}");
    assert!(app.text("#import-table").await.contains("Société Générale"));
    assert!(
        app.find("#import-submit")
            .await
            .prop("disabled")
            .await
            .unwrap()
            .as_deref()
            == Some("true"),
        "a row in error blocks the import"
    );
    display.shot("47-import-preview");
    app.click_in_view("button[data-action=exclude-errors]")
        .await;
    app.wait_text("#import-submit", |t| t.contains('2')).await;
    app.click_in_view("#import-submit").await;
    app.wait_route(|r| r == "#/clients").await;
    app.wait_text("#clients-table", |t| {
        t.contains("Société Générale") && t.contains("Atelier Lumière")
    })
    .await;
    app.quit().await;
    let db = Database::open_in(data.path()).unwrap();
    let page = db.read(|c| clients::list(c, &Default::default())).unwrap();
    assert_eq!(page.total, 2);
    assert!(page.items.iter().any(|c| c.name == "Société Générale"));
}
