//! Remembers the window's size, position and maximized state
//! (tauri-plugin-window-state).
//!
//! The plugin writes its file when the window is closed or the app exits
//! normally. A session that ends otherwise (logout, power cut, a crash, or a
//! test driver killing the app) would forget the last move, so the state is
//! also saved once the window has stopped moving or resizing for a moment.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Runtime, WindowEvent};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// Size, position and maximized state only: the window is always shown and
/// always decorated, whatever a previous run left behind.
const FLAGS: StateFlags = StateFlags::SIZE
    .union(StateFlags::POSITION)
    .union(StateFlags::MAXIMIZED);

/// How long the window must stay still before its state is written.
const SETTLE: Duration = Duration::from_millis(500);

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_window_state::Builder::new()
        .with_state_flags(FLAGS)
        .build()
}

/// Called for every window event: after a move or a resize, saves the state
/// once no other move or resize followed within [`SETTLE`].
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: &WindowEvent, moves: &Arc<AtomicU64>) {
    if !matches!(event, WindowEvent::Moved(_) | WindowEvent::Resized(_)) {
        return;
    }
    let this_move = moves.fetch_add(1, Ordering::SeqCst) + 1;
    let (app, moves) = (app.clone(), Arc::clone(moves));
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(SETTLE).await;
        if moves.load(Ordering::SeqCst) == this_move {
            if let Err(e) = app.save_window_state(FLAGS) {
                log::warn!("window state not saved: {e}");
            }
        }
    });
}
