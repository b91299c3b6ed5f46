//! The one error type of the core, and how it crosses to the UI.
//!
//! Across IPC an error is `{ code, message, field, errors }`: the UI branches on
//! `code` (and translates it), never on the English `message`, which is for logs.
//! Validation collects *every* field error of a form at once, so the UI can show
//! each one next to its field in a single round trip.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// A problem with one field of an input, e.g. `{ field: "siret", code: "invalid_siret" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            code,
            message: message.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input was refused; nothing was written. Never empty.
    #[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
    Invalid(Vec<FieldError>),

    #[error("{entity} {id} not found")]
    NotFound {
        entity: &'static str,
        id: i64,
        /// The input field that named the missing thing, if any (e.g. `client_id`).
        field: Option<&'static str>,
    },

    #[error("the database was written by a newer version of Tandem (schema {found}, this app knows up to {supported})")]
    SchemaTooNew { found: i64, supported: i64 },

    #[error("the database is unavailable: {0}")]
    Unavailable(String),

    /// The file is not a whole database any more (a zeroed page, a truncated
    /// copy, another file in its place): nothing can be trusted from it until a
    /// backup is restored. Also what SQLite's corruption errors become.
    #[error("the database file is damaged: {0}")]
    Damaged(String),

    /// The disk (or the folder's quota) is full: the write was rolled back.
    #[error("the disk is full: {0}")]
    DiskFull(String),

    /// The data folder (or the file) cannot be written: nothing was changed.
    #[error("the data folder is read-only: {0}")]
    ReadOnly(String),

    #[error("database error: {0}")]
    Db(rusqlite::Error),

    #[error("file error: {0}")]
    Io(std::io::Error),

    /// The document engine could not produce a PDF (a defect, not bad input).
    #[error("PDF error: {0}")]
    Pdf(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::{DatabaseCorrupt, DiskFull, NotADatabase, ReadOnly};
        match e.sqlite_error_code() {
            // Said as what it is, not as « the save failed »: it was often a read.
            Some(DatabaseCorrupt | NotADatabase) => Error::Damaged(e.to_string()),
            Some(DiskFull) => Error::DiskFull(e.to_string()),
            Some(ReadOnly) => Error::ReadOnly(e.to_string()),
            _ => Error::Db(e),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Error::DiskFull(e.to_string()),
            ErrorKind::ReadOnlyFilesystem => Error::ReadOnly(e.to_string()),
            _ => Error::Io(e),
        }
    }
}

/// Every code an error of the core can carry — the codes of [`Error::code`] and
/// of every [`FieldError`] — sorted. The UI translates each one as
/// `errors.<code>` (`tests/consistency.rs` checks that French and English both
/// do); a test below scans the core's sources so this list cannot drift from
/// the codes they write.
pub const CODES: &[&str] = &[
    "already_credited",
    "backup_damaged",
    "backup_empty",
    "backup_folder_invalid",
    "backup_folder_read_only",
    "backup_missing",
    "backup_not_sqlite",
    "backup_not_tandem",
    "backup_too_new",
    "below_legal_floor",
    "bill_by_milestone",
    "cannot_move",
    "cell_has_several",
    "client_archived",
    "client_has_no_email",
    "collaboration_ended",
    "collaboration_has_documents",
    "collaboration_of_other_client",
    "credit_exceeds_invoice",
    "credit_note_client",
    "database",
    "database_damaged",
    "database_unavailable",
    "date_in_future",
    "day_over_24h",
    "deposit_exceeds_quote",
    "disk_full",
    "document_frozen",
    "duration_not_positive",
    "earlier_invoice_draft",
    "empty_section",
    "empty_template",
    "end_before_start",
    "entry_billed",
    "entry_on_draft",
    "import_client_exists",
    "import_duplicate_row",
    "import_empty",
    "import_field_twice",
    "import_has_errors",
    "import_mapping_invalid",
    "import_no_name_column",
    "import_no_rows",
    "import_not_text",
    "import_nothing_left",
    "import_ragged_row",
    "import_too_large",
    "import_unreadable",
    "invalid",
    "invalid_amount",
    "invalid_bic",
    "invalid_choice",
    "invalid_date",
    "invalid_email",
    "invalid_exchange_rate",
    "invalid_hours",
    "invalid_iban",
    "invalid_integer",
    "invalid_link",
    "invalid_logo",
    "invalid_month",
    "invalid_percent",
    "invalid_period",
    "invalid_phone",
    "invalid_postal_code",
    "invalid_prefix",
    "invalid_quantity",
    "invalid_siren",
    "invalid_siret",
    "invalid_text",
    "invalid_transition",
    "invalid_vat_number",
    "invalid_vat_rate",
    "invoice_not_issued",
    "invoice_not_overdue",
    "invoice_paid",
    "io",
    "job_other_client",
    "logo_too_large",
    "member_archived",
    "member_not_selected",
    "milestone_invoiced",
    "milestones_exceed_price",
    "missing_mention",
    "missing_mentions",
    "month_already_billed",
    "month_in_future",
    "month_outside_collaboration",
    "negative_total",
    "no_deposit",
    "no_milestone_left",
    "no_timer",
    "no_unbilled_hours",
    "not_a_half_year",
    "not_a_quote",
    "not_found",
    "not_project_flat",
    "nothing_to_bill",
    "notice_before_second_reminder",
    "out_of_range",
    "outside_collaboration",
    "payment_already_reversed",
    "payment_before_issue",
    "payment_exceeds_balance",
    "pdf",
    "period_declared",
    "period_in_future",
    "period_not_over",
    "profile_missing",
    "quote_already_invoiced",
    "quote_not_accepted",
    "quote_not_sent",
    "read_only",
    "reminder_days_order",
    "required",
    "revenue_out_of_range",
    "reversal_before_payment",
    "schema_too_new",
    "task_not_delegated",
    "template_builtin",
    "timer_end_out_of_range",
    "timer_too_long",
    "tolerance_below_threshold",
    "too_long",
    "too_many_items",
    "too_many_lines",
    "unprintable_text",
    "vat_country_mismatch",
];

impl Error {
    /// A refusal about a single field.
    pub fn field(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, code, message)])
    }

    /// The stable code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(errors) => errors.first().map_or("invalid", |e| e.code),
            Error::NotFound { .. } => "not_found",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::Unavailable(_) => "database_unavailable",
            Error::Damaged(_) => "database_damaged",
            Error::DiskFull(_) => "disk_full",
            Error::ReadOnly(_) => "read_only",
            Error::Db(_) => "database",
            Error::Io(_) => "io",
            Error::Pdf(_) => "pdf",
        }
    }

    /// The field the error is about, when there is one.
    pub fn field_name(&self) -> Option<&str> {
        match self {
            Error::Invalid(errors) => errors.first().map(|e| e.field.as_str()),
            Error::NotFound { field, .. } => *field,
            _ => None,
        }
    }

    /// Every field error (empty for errors that are not about the input).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            Error::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Error", 4)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.serialize_field("field", &self.field_name())?;
        match self {
            Error::NotFound { field: Some(f), .. } => s.serialize_field(
                "errors",
                &[FieldError::new(f, "not_found", self.to_string())],
            )?,
            _ => s.serialize_field("errors", self.field_errors())?,
        }
        s.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_lists_every_code_the_sources_write_and_no_other() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let written = crate::testing::error_codes_under(&src);
        let listed: BTreeSet<String> = CODES.iter().map(|c| (*c).to_owned()).collect();
        let unlisted: Vec<_> = written.difference(&listed).collect();
        let stale: Vec<_> = listed.difference(&written).collect();
        assert!(
            unlisted.is_empty() && stale.is_empty(),
            "tandem_core::error::CODES is out of step with the sources.\n  \
             written in src/ but not in CODES (add them, and errors.<code> to ui/i18n/fr.json \
             and en.json): {unlisted:?}\n  in CODES but written nowhere (remove them): {stale:?}"
        );
        assert!(
            CODES.windows(2).all(|w| w[0] < w[1]),
            "CODES is kept sorted, without duplicates"
        );
    }

    #[test]
    fn serializes_code_field_and_every_error() {
        let e = Error::Invalid(vec![
            FieldError::new("name", "required", "name is required"),
            FieldError::new("email", "invalid_email", "not an e-mail address"),
        ]);
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "required");
        assert_eq!(v["field"], "name");
        assert_eq!(v["errors"].as_array().unwrap().len(), 2);
        assert_eq!(v["errors"][1]["code"], "invalid_email");
    }

    #[test]
    fn not_found_names_its_field() {
        let e = Error::NotFound {
            entity: "client",
            id: 42,
            field: Some("client_id"),
        };
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["code"], "not_found");
        assert_eq!(v["field"], "client_id");
        assert_eq!(v["message"], "client 42 not found");
    }
}
