//! End-to-end test of the right-hand's scene (DESIGN §1.2) in the REAL app window,
//! in French: a job description from the VA template, a candidate moved to
//! « Sélectionnée », her onboarding started and ticked, the overview with its
//! overdue item — and all of it unchanged after a restart. See `support/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use support::{serial, translation, xdotool, App, Display};
use tandem_core::team::onboarding::due_date;
use tandem_core::today;
use tandem_core::{clients, db::Database, profile};

/// A profile and one client, straight through the core, to start past the welcome.
fn seed(dir: &std::path::Path) {
    let db = Database::open_in(dir).unwrap();
    db.write(|tx| {
        profile::save(tx, &support::micro_profile(), tandem_core::today())?;
        clients::create(
            tx,
            &clients::ClientInput {
                name: "Atelier Lumière".into(),
                country: "FR".into(),
                doc_language: "fr".into(),
                currency: "EUR".into(),
                ..Default::default()
            },
        )
    })
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn job_description_candidate_onboarding_and_overview_survive_a_restart() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let client_id = "1";
    // Started ten days ago: the items due in the first week are overdue today.
    let start = due_date(today(), -10).unwrap().to_string();

    let app = App::launch(&display, data.path()).await;
    app.wait_for("nav#sidebar").await;
    assert_eq!(
        app.text("nav#sidebar a[href='#/team']").await,
        translation("fr", "nav.team")
    );
    app.go("#/team").await;
    app.wait_text(".empty-state .empty-title", |t| {
        t == translation("fr", "team.members.empty.title")
    })
    .await;
    display.screenshot("team-01-board-empty");

    // 1. A job description from the generalist VA template.
    app.click("a.team-tab[href='#/team/jobs']").await;
    app.wait_for("body[data-route='#/team/jobs']").await;
    display.screenshot("team-02-job-templates");
    app.click("button[data-action=new-job][data-template=va_generalist]")
        .await;
    let f = "form#job-form";
    app.wait_for(f).await;
    let title = app
        .wait_for(&format!("{f} [name=title]"))
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(title, "Assistante virtuelle généraliste");
    let tasks = app
        .wait_for(&format!("{f} [name=tasks]"))
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(tasks.contains("Prise de rendez-vous"), "{tasks}");
    app.select(&format!("{f} [name=client_id]"), client_id)
        .await;
    app.select(&format!("{f} [name=status]"), "open").await;
    app.set_value(&format!("{f} [name=start_date]"), &start)
        .await;
    display.screenshot("team-03-job-form");
    app.click(&format!("{f} button[type=submit]")).await;
    app.wait_route(|r| r.starts_with("#/team/jobs/") && !r.ends_with("/new"))
        .await;
    app.wait_text("h1", |t| t == "Assistante virtuelle généraliste")
        .await;
    // The text for a job board has every section.
    app.click("button[data-action=copy-text]").await;
    app.wait_for("#job-text-dialog").await;
    let mut md = String::new();
    for _ in 0..100 {
        md = app
            .eval("return document.querySelector('#job-text').value")
            .await
            .as_str()
            .unwrap_or_default()
            .to_owned();
        if md.contains("## Qualités attendues") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    for s in [
        "# Assistante virtuelle généraliste",
        "## Missions",
        "## Tâches",
        "- Discrétion",
        "Atelier Lumière",
    ] {
        assert!(md.contains(s), "{s} missing from\n{md}");
    }
    app.wait_for("#job-text-dialog[open] button[data-action=copy]")
        .await;
    // The modal dialog is painted a little after it opens.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    display.screenshot("team-04-job-copy");
    app.click("#job-text-dialog button[data-action=cancel]")
        .await;

    // 2. A candidate for it.
    app.click("button[data-action=add-candidate]").await;
    let f = "form#member-form";
    app.wait_for(f).await;
    app.fill(&format!("{f} [name=name]"), "Chloé Bernard").await;
    app.fill(&format!("{f} [name=email]"), "chloe@exemple.fr")
        .await;
    app.fill(&format!("{f} [name=pay_amount]"), "32").await;
    app.click(&format!("{f} button[type=submit]")).await;
    app.wait_for("body[data-route='#/team']").await;
    let card = ".board-column[data-stage=candidate] .member-card";
    app.wait_text(&format!("{card} .member-name"), |t| t == "Chloé Bernard")
        .await;
    display.screenshot("team-05-board-candidate");

    // 3. Selected, in one action; the app offers her onboarding.
    app.select(&format!("{card} select[data-action=move]"), "selected")
        .await;
    app.wait_text("dialog .dialog-title", |t| t.contains("Chloé Bernard"))
        .await;
    let message = app.text("dialog .dialog-message").await;
    assert!(message.contains("Nouvelle recrue VA"), "{message}");
    display.screenshot("team-06-offer-onboarding");
    app.click("dialog [data-action=confirm]").await;

    // 4. Start it: the template is the job's, the start date ten days ago.
    let f = "form#onboarding-start-form";
    app.wait_for(f).await;
    app.set_value(&format!("{f} [name=start_date]"), &start)
        .await;
    display.screenshot("team-07-start-onboarding");
    app.click(&format!("{f} button[type=submit]")).await;
    app.wait_route(|r| r.starts_with("#/team/onboardings/") && !r.contains("new"))
        .await;
    app.wait_text("h1", |t| t == "Onboarding – Chloé Bernard")
        .await;
    let total = app.count("#checklist-items li.checklist-item").await;
    assert_eq!(total, 12, "every item of the template was copied");
    assert!(app.count("#checklist-items li.is-overdue").await >= 1);

    // 5. Tick two items.
    app.click("#checklist-items li.checklist-item:nth-child(1) input[data-action=toggle]")
        .await;
    app.wait_text("#checklist-progress .progress-text", |t| {
        t.starts_with("1/12")
    })
    .await;
    app.click("#checklist-items li.checklist-item:nth-child(2) input[data-action=toggle]")
        .await;
    let progress = app
        .wait_text("#checklist-progress .progress-text", |t| {
            t.starts_with("2/12")
        })
        .await;
    assert_eq!(progress, "2/12 · 16 %");
    display.screenshot("team-08-checklist");

    // 6. The overview: overdue items first, then the running onboarding.
    app.click("a[href='#/team/onboardings'].back-link").await;
    app.wait_for("body[data-route='#/team/onboardings']").await;
    let overdue = app.count("#overdue-items li.overdue-item").await;
    assert!(overdue >= 1, "an overdue item is listed");
    let first_section: String = app
        .eval("return document.querySelector('.list-body > section').id")
        .await
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(first_section, "overdue-items", "overdue items come first");
    let card_progress = app
        .text("#running-onboardings .checklist-card .progress-text")
        .await;
    assert_eq!(card_progress, "2/12 · 16 %");
    display.screenshot("team-09-overview");
    let board_stage = {
        app.go("#/team").await;
        app.wait_text(
            ".board-column[data-stage=onboarding] .member-card .member-name",
            |t| t == "Chloé Bernard",
        )
        .await
    };
    assert_eq!(board_stage, "Chloé Bernard");
    app.quit().await;

    // 7. Restart: everything is where it was.
    let app = App::launch(&display, data.path()).await;
    app.go("#/team").await;
    let card = ".board-column[data-stage=onboarding] .member-card";
    app.wait_text(&format!("{card} .member-name"), |t| t == "Chloé Bernard")
        .await;
    assert_eq!(
        app.text(&format!("{card} .progress-text")).await,
        "2/12 · 16 %"
    );
    app.click("a.team-tab[href='#/team/onboardings']").await;
    app.wait_for("body[data-route='#/team/onboardings']").await;
    assert_eq!(app.count("#overdue-items li.overdue-item").await, overdue);
    assert_eq!(
        app.text("#running-onboardings .checklist-card .progress-text")
            .await,
        "2/12 · 16 %"
    );
    display.screenshot("team-10-overview-after-restart");
    app.click("a.team-tab[href='#/team/jobs']").await;
    app.wait_text("#jobs-table tbody tr td.name", |t| {
        t == "Assistante virtuelle généraliste"
    })
    .await;
    app.quit().await;
}

/// Templates: a built-in one is duplicated, the copy edited (a refused empty title
/// shown next to its field, an item moved up), a new client's onboarding started
/// from it — and deleting the template in use leaves that checklist intact.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicated_template_is_edited_used_then_deleted_without_touching_its_checklist() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed(data.path());

    let app = App::launch(&display, data.path()).await;
    app.go("#/team").await;
    app.click("a.team-tab[href='#/team/templates']").await;
    app.wait_for("body[data-route='#/team/templates']").await;
    assert_eq!(app.count("#templates-list li.template-row").await, 2);
    display.screenshot("team-11-templates");

    // The built-in "Nouveau client" is read-only: duplicate it.
    app.click("#templates-list li.template-row[data-id='2'] a.template-name")
        .await;
    app.wait_text("h1", |t| t == "Nouveau client").await;
    assert_eq!(app.count("form#template-form").await, 0, "read-only");
    app.click("button[data-action=duplicate]").await;
    let f = "form#template-form";
    app.wait_for(f).await;
    app.wait_text("h1", |t| t == "Nouveau client (copie)").await;
    app.fill(&format!("{f} [name=name]"), "Accueil client premium")
        .await;

    // An empty item title is refused, in French, next to the field.
    let first = format!("{f} [name='sections.0.items.0.title']");
    app.fill(&first, "").await;
    app.click(&format!("{f} button[type=submit]")).await;
    let error = app
        .wait_text(
            &format!("{f} [data-error-for='sections.0.items.0.title']"),
            |t| !t.is_empty(),
        )
        .await;
    assert_eq!(error, translation("fr", "errors.required"));
    display.screenshot("team-12-template-error");
    app.fill(&first, "Recevoir le devis signé et l'acompte")
        .await;

    // Move the second item up: it becomes the first.
    app.click(&format!(
        "{f} .template-section[data-section='0'] .template-item[data-item='1'] button[data-action=item-up]"
    ))
    .await;
    let moved = app
        .wait_for(&first)
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(moved, "Envoyer la facture d'acompte");
    display.screenshot("team-13-template-editor");
    app.click(&format!("{f} button[type=submit]")).await;
    app.wait_for("body[data-route='#/team/templates']").await;
    app.wait_text("#templates-list", |t| t.contains("Accueil client premium"))
        .await;
    let id: String = app
        .eval("return [...document.querySelectorAll('#templates-list li.template-row')].find(li => li.textContent.includes('Accueil client premium')).dataset.id")
        .await
        .as_str()
        .unwrap()
        .to_owned();

    // A new client's onboarding from it.
    app.click("a.team-tab[href='#/team/onboardings']").await;
    app.wait_for("body[data-route='#/team/onboardings']").await;
    display.screenshot("team-14-onboardings-empty");
    app.click("button[data-action=start-onboarding]").await;
    let f = "form#onboarding-start-form";
    app.wait_for(f).await;
    app.select(&format!("{f} [name=template_id]"), &id).await;
    assert!(app.is_visible(&format!("{f} [name=client_id]")).await);
    assert!(!app.is_visible(&format!("{f} [name=member_id]")).await);
    app.select(&format!("{f} [name=client_id]"), "1").await;
    app.click(&format!("{f} button[type=submit]")).await;
    app.wait_text("h1", |t| t == "Onboarding – Atelier Lumière")
        .await;
    let items = app.count("#checklist-items li.checklist-item").await;
    let first_item = app
        .text("#checklist-items li.checklist-item:nth-child(1) .item-title")
        .await;
    assert_eq!(first_item, "Envoyer la facture d'acompte");
    let checklist_route = app
        .wait_route(|r| r.starts_with("#/team/onboardings/"))
        .await;

    // Delete the template although it is in use: the dialog says the copy stays.
    app.click("a.back-link").await;
    app.wait_for("body[data-route='#/team/onboardings']").await;
    app.click("a.team-tab[href='#/team/templates']").await;
    app.wait_for("body[data-route='#/team/templates']").await;
    app.click(&format!(
        "#templates-list li.template-row[data-id='{id}'] button[data-action=delete]"
    ))
    .await;
    let message = app.text("dialog .dialog-message").await;
    assert!(message.contains("copie"), "{message}");
    display.screenshot("team-15-delete-template-in-use");
    app.click("dialog [data-action=confirm]").await;
    app.wait_text("#templates-list", |t| !t.contains("Accueil client premium"))
        .await;

    // The checklist is untouched.
    app.eval(&format!("location.hash = {checklist_route:?}"))
        .await;
    app.wait_for(&format!("body[data-route='{checklist_route}']"))
        .await;
    assert_eq!(app.count("#checklist-items li.checklist-item").await, items);
    assert_eq!(
        app.text("#checklist-items li.checklist-item:nth-child(1) .item-title")
            .await,
        "Envoyer la facture d'acompte"
    );
    assert!(app
        .text(".page-subtitle")
        .await
        .contains("Accueil client premium"));
    display.screenshot("team-16-checklist-after-template-deleted");
    app.quit().await;
}

/// Export through the native save dialog (GTK, driven with xdotool since it is no
/// web page): the suggested name, the file written by Rust where the user chose,
/// and its text read back with pdftotext.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_description_is_exported_as_pdf_through_the_native_save_dialog() {
    let _serial = serial().await;
    let display = Display::start();
    let data = tempfile::tempdir().unwrap();
    seed(data.path());
    let db = Database::open_in(data.path()).unwrap();
    let job = db
        .write(|tx| {
            tandem_core::team::job_descriptions::create(
                tx,
                &tandem_core::team::templates::job_template(
                    "right_hand",
                    tandem_core::locale::Language::Fr,
                )
                .unwrap(),
            )
        })
        .unwrap();
    drop(db);
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("fiche-bras-droit.pdf");

    let app = App::launch(&display, data.path()).await;
    app.eval(&format!("location.hash = '#/team/jobs/{}'", job.id))
        .await;
    app.wait_for("button[data-action=export-pdf]").await;
    app.click("button[data-action=export-pdf]").await;
    // The dialog is a separate native window.
    let dialog = support::native_window(&display, "Enregistrer le PDF").await;
    display.screenshot("team-17-save-dialog");
    xdotool(&display, &["windowfocus", "--sync", &dialog]);
    xdotool(&display, &["key", "--window", &dialog, "ctrl+a"]);
    xdotool(
        &display,
        &[
            "type",
            "--window",
            &dialog,
            "--delay",
            "10",
            target.to_str().unwrap(),
        ],
    );
    xdotool(&display, &["key", "--window", &dialog, "Return"]);
    let toast = app
        .wait_text("#toast .toast-text", |t| t.contains("fiche-bras-droit.pdf"))
        .await;
    assert!(toast.starts_with("PDF enregistré"), "{toast}");
    let pdf = std::fs::read(&target).expect("the PDF was written where the user chose");
    assert!(pdf.starts_with(b"%PDF"));
    assert!(!out.path().join("fiche-bras-droit.pdf.part").exists());
    let text = std::process::Command::new("pdftotext")
        .arg(&target)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    for s in [
        "Bras droit / Online Business Manager",
        "Qualités attendues",
        "Intégrité",
    ] {
        assert!(text.contains(s), "{s} missing from\n{text}");
    }
    display.screenshot("team-18-exported");
    app.quit().await;
}
