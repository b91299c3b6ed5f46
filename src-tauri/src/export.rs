//! Saving a generated PDF where the user chooses, and what she may do with it
//! next (open it, show it in its folder, write an e-mail).
//!
//! Everything happens in Rust: the UI gets no file-system, dialog or opener
//! permission at all. The native save dialog runs here, the bytes are written
//! here, and only files exported in this session can be opened or revealed.

use crate::state::AppState;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use tandem_core::{Error, Result};
use tauri::{AppHandle, Manager};
use tauri_plugin_dialog::DialogExt;

#[derive(Debug, Serialize)]
pub struct Exported {
    pub path: String,
    pub file_name: String,
}

/// The save dialog's title, in the UI's language.
pub fn save_title(state: &AppState) -> &'static str {
    let lang = state
        .db()
        .and_then(|db| db.read(tandem_core::settings::language))
        .unwrap_or(tandem_core::catalog::Language::Fr);
    match lang {
        tandem_core::catalog::Language::En => "Save the PDF",
        _ => "Enregistrer le PDF",
    }
}

/// A dialog or opener failure as the one file error the UI knows.
pub(crate) fn io(e: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// Asks where to save `bytes` (proposing `file_name` in the documents folder),
/// writes them, and returns where. `None` when the user cancels.
pub fn save_pdf(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<Option<Exported>> {
    save_file(app, title, file_name, ("PDF", "pdf"), bytes)
}

/// [`save_pdf`] for any kind of file: `kind` is the dialog filter's name and the
/// extension the saved file is given if the chosen name has another.
pub fn save_file(
    app: &AppHandle,
    title: &str,
    file_name: &str,
    (kind, ext): (&str, &str),
    bytes: &[u8],
) -> Result<Option<Exported>> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .add_filter(kind, &[ext]);
    if let Ok(dir) = app.path().document_dir() {
        dialog = dialog.set_directory(dir);
    }
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    // Blocking is fine: commands run off the main thread.
    let Some(chosen) = dialog.blocking_save_file() else {
        return Ok(None);
    };
    let mut path = chosen.into_path().map_err(io)?;
    if path
        .extension()
        .is_none_or(|e| !e.eq_ignore_ascii_case(ext))
    {
        // « facture » becomes « facture.pdf »: the dialog asked about replacing
        // « facture », not this file, so ask here before replacing it.
        let mut named = path.clone().into_os_string();
        named.push(".");
        named.push(ext);
        path = PathBuf::from(named);
        if path.exists() && !confirm_replace(app, &path) {
            return Ok(None);
        }
    }
    write_atomically(&path, bytes)?;
    let state = app.state::<AppState>();
    state.remember_export(path.clone());
    Ok(Some(Exported {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: path.display().to_string(),
    }))
}

/// The native « replace this file? » question, in the UI's language.
fn confirm_replace(app: &AppHandle, path: &Path) -> bool {
    use tauri_plugin_dialog::{MessageDialogButtons, MessageDialogKind};
    let state = app.state::<AppState>();
    let en = state
        .db()
        .and_then(|db| db.read(tandem_core::settings::language))
        .is_ok_and(|l| l == tandem_core::catalog::Language::En);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (text, ok, cancel) = if en {
        (
            format!("“{name}” already exists. Replace it?"),
            "Replace",
            "Cancel",
        )
    } else {
        (
            format!("« {name} » existe déjà. Le remplacer ?"),
            "Remplacer",
            "Annuler",
        )
    };
    let mut dialog = app
        .dialog()
        .message(text)
        .kind(MessageDialogKind::Warning)
        .buttons(MessageDialogButtons::OkCancelCustom(
            ok.into(),
            cancel.into(),
        ));
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.parent(&window);
    }
    dialog.blocking_show()
}

/// Writes next to the target, then renames: a crash never leaves half a PDF
/// under the chosen name, and a failed write (a full disk, a folder that went
/// away) leaves nothing behind.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".part");
    let tmp = PathBuf::from(tmp);
    let written = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e.into());
    }
    Ok(())
}

fn exported(state: &AppState, path: &str) -> Result<PathBuf> {
    let p = PathBuf::from(path);
    if state.was_exported(&p) {
        Ok(p)
    } else {
        Err(Error::field(
            "path",
            "not_exported",
            "only a file exported in this session can be opened",
        ))
    }
}

pub fn open(state: &AppState, path: &str) -> Result<()> {
    let p = exported(state, path)?;
    tauri_plugin_opener::open_path(p, None::<&str>).map_err(io)
}

pub fn reveal(state: &AppState, path: &str) -> Result<()> {
    let p = exported(state, path)?;
    tauri_plugin_opener::reveal_item_in_dir(p).map_err(io)
}

/// Opens the user's mail app on a `mailto:` URL built by the core.
pub fn mail(url: &str) -> Result<()> {
    if !url.starts_with("mailto:") {
        return Err(Error::field(
            "url",
            "invalid_url",
            "only mailto: links are opened",
        ));
    }
    tauri_plugin_opener::open_url(url, None::<&str>).map_err(io)
}

/// Asks for a PNG or JPEG file; returns its bytes, or `None` when cancelled.
pub fn pick_image(app: &AppHandle, title: &str) -> Result<Option<Vec<u8>>> {
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter("Image", &["png", "jpg", "jpeg"]);
    if let Some(window) = app.get_webview_window("main") {
        dialog = dialog.set_parent(&window);
    }
    let Some(chosen) = dialog.blocking_pick_file() else {
        return Ok(None);
    };
    let path = chosen.into_path().map_err(io)?;
    let len = std::fs::metadata(&path)?.len();
    if len > tandem_core::profile::LOGO_MAX_BYTES as u64 {
        return Err(Error::field(
            "logo",
            "logo_too_large",
            "the logo must weigh at most 1 MB",
        ));
    }
    Ok(Some(std::fs::read(path)?))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_no_part_file_and_a_good_one_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("Facture.pdf");
        write_atomically(&target, b"%PDF-1").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"%PDF-1");
        write_atomically(&target, b"%PDF-2").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"%PDF-2");
        // The rename fails (the target is a non-empty folder): no .part remains.
        let blocked = dir.path().join("blocked.pdf");
        std::fs::create_dir_all(blocked.join("inside")).unwrap();
        assert!(write_atomically(&blocked, b"%PDF").is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!left.iter().any(|n| n.ends_with(".part")), "{left:?}");
    }
}
