//! The desktop shell: opens the user's data folder, hands the database to the
//! commands, and shows the web UI. Everything the app *knows* lives in
//! `tandem-core`; this crate only connects it to Tauri.

mod backups;
mod commands;
mod data_dir;
mod events;
mod export;
mod logging;
mod state;
mod window_state;

use state::AppState;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use tauri::Manager;

fn focus(app: &tauri::AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Starts Tandem again on `dir`, outside the single-instance hand-over; says
/// why in a native message when it cannot.
fn open_separately(app: &tauri::AppHandle, dir: &std::path::Path) {
    let started = std::env::current_exe().and_then(|exe| {
        std::process::Command::new(exe)
            .arg("--data-dir")
            .arg(dir)
            .env(data_dir::SEPARATE, "1")
            .env_remove(data_dir::ENV_VAR)
            .spawn()
    });
    match started {
        Ok(_) => log::info!("a second data folder was asked for: opened in a window of its own"),
        Err(e) => {
            log::error!("a second data folder could not be opened: {e}");
            use tauri_plugin_dialog::{DialogExt, MessageDialogKind};
            app.dialog()
                .message(format!(
                    "Tandem n'a pas pu ouvrir le dossier {} dans une nouvelle fenêtre : {e}",
                    dir.display()
                ))
                .kind(MessageDialogKind::Error)
                .show(|_| {});
            focus(app);
        }
    }
}

pub fn run() {
    logging::log_panics();
    let builder = tauri::Builder::default();
    // First: a second launch on the same folder focuses the running window and
    // exits, instead of opening a second writer on the same file. A launch for
    // another folder (`--data-dir OTHER`) is started again as a process of its
    // own, with its own window and lock.
    let builder = if std::env::var_os(data_dir::SEPARATE).is_some() {
        builder
    } else {
        builder.plugin(tauri_plugin_single_instance::init(|app, args, cwd| {
            let ours = app.state::<AppState>().data_dir().to_owned();
            match data_dir::requested(&args, &cwd) {
                Some(other) if !data_dir::same_folder(&other, &ours) => {
                    open_separately(app, &other)
                }
                _ => focus(app),
            }
        }))
    };
    builder
        // The save / open dialogs run from Rust; the UI gets no dialog permission.
        .plugin(tauri_plugin_dialog::init())
        .plugin(logging::plugin())
        .plugin(window_state::plugin())
        .on_window_event({
            let moves = Arc::new(AtomicU64::new(0));
            move |window, event| window_state::on_event(window.app_handle(), event, &moves)
        })
        .setup(|app| {
            log::info!(
                "Tandem {} starting ({} {})",
                env!("CARGO_PKG_VERSION"),
                std::env::consts::OS,
                std::env::consts::ARCH
            );
            let (dir, kind) = match data_dir::from_args_or_env() {
                Some(dir) => (dir, "chosen by --data-dir or TANDEM_DATA_DIR"),
                None => (app.path().app_data_dir()?, "default"),
            };
            let (db, lock) = data_dir::open(&dir);
            match &db {
                Ok(db) => {
                    let m = db.migration();
                    log::info!("data folder opened ({kind}); schema {} -> {}", m.from, m.to);
                }
                Err(e) => log::error!("data folder ({kind}) not opened: {}", e.code()),
            }
            app.manage(AppState::new(dir, db, lock));
            // Backend → UI events (`events.rs`): the day turning, for now.
            events::watch_the_day(app.handle().clone());
            // The daily backup (`backups.rs`), off the main thread.
            backups::schedule(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::catalog,
            commands::app::set_language,
            commands::backups::backups_overview,
            commands::backups::backup_now,
            commands::backups::choose_backup_folder,
            commands::backups::open_backup_folder,
            commands::backups::check_backup,
            commands::backups::pick_restore_file,
            commands::backups::restore_pending,
            commands::backups::verify_integrity,
            commands::backups::reopen_database,
            commands::backups::rescue,
            commands::profile::get_profile,
            commands::profile::save_profile,
            commands::profile::validate_profile,
            commands::profile::penalty_rates,
            commands::profile::list_legal_rates,
            commands::profile::save_legal_rate,
            commands::profile::validate_legal_rate,
            commands::data_export::export_all,
            commands::data_export::export_client_data,
            commands::data_export::client_erase_plan,
            commands::data_export::erase_client,
            commands::clients::list_clients,
            commands::clients::get_client,
            commands::clients::create_client,
            commands::clients::update_client,
            commands::clients::set_client_archived,
            commands::clients::validate_client,
            commands::portability::pick_import_file,
            commands::portability::preview_import,
            commands::portability::import_clients,
            commands::time::list_time_entries,
            commands::time::create_time_entry,
            commands::time::update_time_entry,
            commands::time::delete_time_entry,
            commands::time::validate_time_entry,
            commands::time::time_week,
            commands::time::set_time_cell,
            commands::time::export_time_csv,
            commands::time::get_timer,
            commands::time::start_timer,
            commands::time::stop_timer,
            commands::time::stop_timer_at,
            commands::time::discard_timer,
            commands::time::get_time_rounding,
            commands::time::set_time_rounding,
            commands::time::collaboration_gauge,
            commands::time::list_milestones,
            commands::time::save_milestones,
            commands::time::validate_milestones,
            commands::time::default_billing_month,
            commands::time::preview_month_bill,
            commands::time::bill_month,
            commands::time::bill_milestone,
            commands::time::month_end,
            commands::figures::get_dashboard,
            commands::figures::search,
            commands::figures::get_figures_config,
            commands::figures::validate_figures_config,
            commands::figures::save_figures_config,
            commands::figures::list_overdue,
            commands::figures::list_reminders,
            commands::figures::preview_reminder,
            commands::figures::create_reminder,
            commands::figures::export_reminder_pdf,
            commands::figures::email_reminder,
            commands::figures::receipts_book,
            commands::figures::export_receipts,
            commands::figures::urssaf_periods,
            commands::figures::declare_urssaf,
            commands::figures::undeclare_urssaf,
            commands::collaborations::list_collaborations,
            commands::collaborations::get_collaboration,
            commands::collaborations::create_collaboration,
            commands::collaborations::update_collaboration,
            commands::collaborations::delete_collaboration,
            commands::collaborations::validate_collaboration,
            commands::documents::list_documents,
            commands::documents::get_document,
            commands::documents::create_document,
            commands::documents::update_document,
            commands::documents::delete_document,
            commands::documents::validate_document,
            commands::documents::preview_document,
            commands::documents::issue_document,
            commands::documents::set_quote_status,
            commands::documents::invoice_from_quote,
            commands::documents::credit_note_for,
            commands::documents::add_payment,
            commands::documents::reverse_payment,
            commands::documents::export_document_pdf,
            commands::documents::open_export,
            commands::documents::reveal_export,
            commands::documents::email_document,
            commands::documents::get_numbering,
            commands::documents::save_numbering,
            commands::documents::choose_logo,
            commands::documents::remove_logo,
            commands::team::team_catalog,
            commands::team::list_job_descriptions,
            commands::team::get_job_description,
            commands::team::create_job_description,
            commands::team::update_job_description,
            commands::team::delete_job_description,
            commands::team::validate_job_description,
            commands::team::job_description_text,
            commands::team::list_team_members,
            commands::team::get_team_member,
            commands::team::create_team_member,
            commands::team::update_team_member,
            commands::team::delete_team_member,
            commands::team::validate_team_member,
            commands::team::move_team_member,
            commands::team::list_onboarding_templates,
            commands::team::get_onboarding_template,
            commands::team::create_onboarding_template,
            commands::team::update_onboarding_template,
            commands::team::duplicate_onboarding_template,
            commands::team::delete_onboarding_template,
            commands::team::validate_onboarding_template,
            commands::team::start_onboarding,
            commands::team::validate_onboarding_start,
            commands::team::onboarding_overview,
            commands::team::get_onboarding,
            commands::team::delete_onboarding,
            commands::team::set_onboarding_item_done,
            commands::team::add_onboarding_item,
            commands::team::validate_onboarding_item,
            commands::team::remove_onboarding_item,
            commands::team::move_onboarding_item,
            commands::team::export_job_description_pdf,
            commands::team::export_onboarding_pdf,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Tandem could not start: {e}");
            std::process::exit(1);
        });
}
