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
    "penalty_rates",
    "list_legal_rates",
    "save_legal_rate",
    "validate_legal_rate",
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
    "preview_document",
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
    "team_catalog",
    "list_job_descriptions",
    "get_job_description",
    "create_job_description",
    "update_job_description",
    "delete_job_description",
    "validate_job_description",
    "job_description_text",
    "list_team_members",
    "get_team_member",
    "create_team_member",
    "update_team_member",
    "delete_team_member",
    "validate_team_member",
    "move_team_member",
    "list_onboarding_templates",
    "get_onboarding_template",
    "create_onboarding_template",
    "update_onboarding_template",
    "duplicate_onboarding_template",
    "delete_onboarding_template",
    "validate_onboarding_template",
    "start_onboarding",
    "validate_onboarding_start",
    "onboarding_overview",
    "get_onboarding",
    "delete_onboarding",
    "set_onboarding_item_done",
    "add_onboarding_item",
    "validate_onboarding_item",
    "remove_onboarding_item",
    "move_onboarding_item",
    "export_job_description_pdf",
    "export_onboarding_pdf",
];

fn main() {
    // tauri-build embeds the capabilities but, with a custom path pattern, does not
    // ask cargo to rerun when they change: a granted permission (e.g. listening to
    // events) was silently missing from an incremental build until build.rs was
    // touched. Cargo watches every file under this folder.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
