//! Where she stands (DESIGN §2 "Key figures"): the dashboard, the receipts book
//! (« livre des recettes »), the URSSAF declaration and the two ceilings.
//!
//! Everything here is derived from documents and payments, never typed twice nor
//! stored apart (but the `receivables` the triggers of `0006_figures.sql` keep).
//! Revenue is counted as the URSSAF and the tax office count it: **excluding VAT**
//! and **in euros** — a payment's share excluding VAT is its amount × the
//! invoice's total excl. ÷ its total incl. ([`excl_share`], the same rule in SQL
//! as [`SHARE_SQL`]); for a VAT-franchise invoice that is the amount itself.
//!
//! What they are measured against (the ceilings, the reminder schedule, the URSSAF
//! rhythm and rates) is kept with the other settings: `settings::figures`.
//! - `dashboard.rs` — the home screen's figures, each with the filter of the list
//!   behind it.
//! - `receipts.rs` — the year's receipts book, as a list, a CSV and a PDF.
//! - `urssaf.rs` — the declaration periods, their revenue, contributions, deadlines.

pub mod dashboard;
pub mod receipts;
pub mod urssaf;

/// Payments `p` with their issued document `d`, read from the narrow index of
/// the documents' money rather than their wide rows (a year is ~10 000 lookups):
/// `INDEXED BY` says so, as the planner otherwise takes the primary key.
pub(crate) const PAYMENTS: &str = "payments p JOIN documents d INDEXED BY documents_issued_money
       ON d.id = p.document_id AND d.status <> 'draft'";

/// The share excluding VAT of a payment `p` on an issued document `d`, in SQL.
pub const SHARE_SQL: &str = "((p.amount * d.total_excl + d.total_incl / 2) / d.total_incl)";

/// [`SHARE_SQL`] in Rust: `amount × excl ÷ incl`, rounded half up.
pub fn excl_share(amount: i64, excl: i64, incl: i64) -> i64 {
    if incl <= 0 {
        return 0;
    }
    (amount * excl + incl / 2) / incl
}

/// Revenue collected from `from` to `to` (both included): the shares excluding
/// VAT of the payments in euros dated in that span.
pub fn collected(
    conn: &rusqlite::Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> crate::Result<i64> {
    Ok(conn.query_row(
        &format!(
            "SELECT COALESCE(SUM({SHARE_SQL}), 0) FROM {PAYMENTS}
              WHERE p.date BETWEEN ?1 AND ?2 AND d.currency = 'EUR'"
        ),
        [iso(from), iso(to)],
        |r| r.get(0),
    )?)
}

pub(crate) fn iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests;
