//! Quotes, invoices, deposit invoices and credit notes.
//!
//! One table and one code path for every kind. A document is a *draft* (editable,
//! deletable, no number) until it is issued; issuing (`issue.rs`) gives it the next
//! number of its series and freezes a snapshot of the issuer, the client, the
//! lines and the totals in the same transaction. From then on the database
//! refuses any change (see migrations/0002_documents.sql); the PDF is rendered from
//! the snapshot, so it can be regenerated identically at any time.
//!
//! - `model.rs` — the stored row and lines, the editor's inputs, the VAT case.
//! - `drafts.rs` — checking and writing drafts, the live preview, stored totals.
//! - `view.rs` — one document as its page shows it (`get`).
//! - `totals.rs` — money: line totals, VAT per rate, deposits.
//! - `numbering.rs` — series, prefixes, the next number.
//! - `issue.rs` — what must be known to issue, the snapshot, the legal mentions.
//! - `convert.rs` — quote → invoice / deposit / final invoice, invoice → credit note.
//! - `payments.rs` — payments and the balance of an invoice.
//! - `render.rs` — snapshot → `pdf::Document` in the client's language.
//! - `list.rs` — the paged lists.
//! - `reminders.rs` — overdue invoices, reminders and the formal notice, their PDFs.

mod convert;
mod drafts;
mod issue;
mod list;
mod model;
pub mod numbering;
mod payments;
pub mod reminders;
mod render;
pub mod totals;
mod view;

pub use crate::catalog::{DocKind as Kind, DocStatus, PaymentMethod, ShownStatus, VatCase};
pub use convert::{credit_note_for, invoice_from_quote, ConvertMode};
pub use drafts::{
    create, delete, preview, refresh_drafts, set_quote_status, update, validate, Preview,
};
pub use issue::{issue, Snapshot};
pub use list::{list, DocumentQuery, DocumentRow, DocumentSort};
pub use model::{quantity_text, vat_case, DocLine, DocumentInput, LineInput, Payment, Related};
pub use payments::{add_payment, reverse_payment, PaymentInput, ReversalInput};
pub use render::{file_name, layout, mailto, pdf};
pub use view::{get, Actions, Document, Parties};

pub(crate) use convert::{append_lines, deductions};
pub(crate) use drafts::{create_raw, insert_line, saved};
pub(crate) use model::{compute_totals, credited, credited_by_rate, lines, localize, row, Row};

pub const MAX_LINES: usize = 500;
const DESCRIPTION_MAX: usize = 2_000;
const QUOTE_VALIDITY_DAYS: i64 = 30;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_in_law;
