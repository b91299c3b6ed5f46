//! The app's log: rotated files in the OS log folder (`~/.local/share/fr.tandem.app/logs`
//! on Linux, `~/Library/Logs/fr.tandem.app` on macOS, `%LOCALAPPDATA%\fr.tandem.app\logs`
//! on Windows), shown in Réglages › À propos so a user can send it to support.
//!
//! **No personal data in the log.** It records what happened, never whom it was
//! about: start-up, which kind of data folder was opened (not its path, which names
//! the user), schema migrations, and errors by their stable code — never a client's
//! name, an amount, an address or an error message (messages can quote input).

use log::LevelFilter;
use tandem_core::Error;
use tauri::plugin::TauriPlugin;
use tauri::Runtime;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

/// One file grows to this size, then is rotated.
const MAX_FILE_BYTES: u128 = 1_000_000;
/// Rotated files kept besides the current one: a few MB at most, ever.
const KEEP_FILES: usize = 4;

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    let mut targets = vec![Target::new(TargetKind::LogDir {
        file_name: Some("tandem".into()),
    })];
    if cfg!(debug_assertions) {
        targets.push(Target::new(TargetKind::Stderr));
    }
    tauri_plugin_log::Builder::new()
        .clear_targets()
        .targets(targets)
        .level(LevelFilter::Info)
        // Our own lines, and warnings from the libraries beneath: not their chatter.
        .level_for("tao", LevelFilter::Warn)
        .level_for("wry", LevelFilter::Warn)
        .max_file_size(MAX_FILE_BYTES)
        .rotation_strategy(RotationStrategy::KeepSome(KEEP_FILES))
        .build()
}

/// Logs where a panic happened before the process stops (`panic = "abort"` in
/// release): the location only, since a panic message may quote user data.
pub fn log_panics() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        match info.location() {
            Some(at) => log::error!("panic at {}:{}", at.file(), at.line()),
            None => log::error!("panic"),
        }
        log::logger().flush();
        previous(info);
    }));
}

/// Logs a failed command by its code. A refused form (`Invalid`) is the user
/// typing, not a failure: it is not logged.
pub fn command_error(e: &Error) {
    if !matches!(e, Error::Invalid(_)) {
        log::warn!("command failed: {}", e.code());
    }
}
