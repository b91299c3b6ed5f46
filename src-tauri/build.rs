//! Declares the app's commands so tauri-build generates one `allow-<command>`
//! permission per command; `capabilities/default.json` grants exactly those.

/// Every command of `src/commands/`. A command missing here cannot be granted, and
/// so cannot be called: add it in both places.
const COMMANDS: &[&str] = &[
    "app_info",
    "catalog",
    "set_language",
    "get_profile",
    "save_profile",
    "validate_profile",
    "list_clients",
    "get_client",
    "create_client",
    "update_client",
    "set_client_archived",
    "validate_client",
    "list_collaborations",
    "get_collaboration",
    "create_collaboration",
    "update_collaboration",
    "delete_collaboration",
    "validate_collaboration",
    "list_documents",
    "get_document",
    "create_document",
    "update_document",
    "delete_document",
    "validate_document",
    "issue_document",
    "set_quote_status",
    "invoice_from_quote",
    "credit_note_for",
    "add_payment",
    "delete_payment",
    "export_document_pdf",
    "open_export",
    "reveal_export",
    "email_document",
    "get_numbering",
    "save_numbering",
    "choose_logo",
    "remove_logo",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
