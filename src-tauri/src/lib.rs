//! The desktop shell: opens the user's data folder, hands the database to the
//! commands, and shows the web UI. Everything the app *knows* lives in
//! `tandem-core`; this crate only connects it to Tauri.

mod commands;
mod data_dir;
mod logging;
mod state;
mod window_state;

use state::AppState;
use std::sync::atomic::AtomicU64;
use std::sync::Arc;
use tauri::Manager;

pub fn run() {
    logging::log_panics();
    tauri::Builder::default()
        // First: a second launch focuses the running window and exits, instead of
        // opening a second writer on the same file.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
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
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::catalog,
            commands::app::set_language,
            commands::profile::get_profile,
            commands::profile::save_profile,
            commands::profile::validate_profile,
            commands::clients::list_clients,
            commands::clients::get_client,
            commands::clients::create_client,
            commands::clients::update_client,
            commands::clients::set_client_archived,
            commands::clients::validate_client,
            commands::collaborations::list_collaborations,
            commands::collaborations::get_collaboration,
            commands::collaborations::create_collaboration,
            commands::collaborations::update_collaboration,
            commands::collaborations::delete_collaboration,
            commands::collaborations::validate_collaboration,
        ])
        .run(tauri::generate_context!())
        .unwrap_or_else(|e| {
            eprintln!("Tandem could not start: {e}");
            std::process::exit(1);
        });
}
