//! A client's erasure (GDPR art. 17), within what the law lets go.
//!
//! Issued invoices, deposit invoices and credit notes, their payments (reversals
//! included) and reminders are accounting records kept ten years (C. com.
//! L123-22): they stay byte for byte, with their frozen snapshot and their seal,
//! and so do the records they stand on (a sent quote, the time entries they
//! billed, the collaboration they name). Everything else about the client goes:
//! drafts, the rest of their collaborations and time, their team records, and
//! the contact fields of their record, which is archived — or removed outright
//! when nothing kept still names it.

use crate::error::Result;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

/// One kind of record that goes, and how many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// `collaborations`, `drafts`, `time_entries`, `milestones`,
    /// `job_descriptions`, `team_members`, `onboarding_checklists`.
    pub what: &'static str,
    pub count: i64,
}

/// One kind of record that stays, how many, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Kept {
    /// `issued_documents`, `payments`, `reminders`, `sent_quotes`,
    /// `billed_time_entries`, `collaborations`, `client_name`.
    pub what: &'static str,
    pub count: i64,
    /// `retention_10_years` (C. com. L123-22), `sent_quote_frozen`,
    /// `billed_on_invoice`, `named_on_invoices`.
    pub reason: &'static str,
    /// The kept documents' numbers, when they are documents.
    pub numbers: Vec<String>,
}

/// What [`erase_client`] removes and keeps — before (the confirmation) and
/// after (what was done).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErasePlan {
    pub client_id: i64,
    pub client_name: String,
    pub removed: Vec<Removed>,
    /// The client's fields emptied (those that hold something): `contact_name`,
    /// `email`, `phone`, `address_line1`… When the record itself goes, all of it.
    pub blanked: Vec<&'static str>,
    pub kept: Vec<Kept>,
    /// Nothing kept names the client: the record itself is removed.
    pub record_removed: bool,
}

/// The fields of a client record emptied by an erasure: all but its name (on
/// the kept invoices), country, language, currency and kind, which the table
/// requires and the kept documents are read with.
const BLANKED: &[&str] = &[
    "contact_name",
    "email",
    "phone",
    "address_line1",
    "address_line2",
    "postal_code",
    "city",
    "siren",
    "vat_number",
    "notes",
];

/// Documents that are records: anything not a draft.
const ISSUED_DOCS: &str = "SELECT id FROM documents WHERE client_id = ?1 AND status <> 'draft'";

/// Collaborations a kept record stands on.
const KEPT_COLLABS: &str = "SELECT k.id FROM collaborations k WHERE k.client_id = ?1 AND (
       EXISTS (SELECT 1 FROM documents d WHERE d.collaboration_id = k.id AND d.status <> 'draft')
    OR EXISTS (SELECT 1 FROM time_entries t JOIN documents d ON d.id = t.document_id
                WHERE t.collaboration_id = k.id AND d.status <> 'draft')
    OR EXISTS (SELECT 1 FROM billings b JOIN documents d ON d.id = b.document_id
                WHERE b.collaboration_id = k.id AND d.status <> 'draft'))";

fn count(conn: &Connection, sql: &str, id: i64) -> Result<i64> {
    Ok(conn.query_row(sql, [id], |r| r.get(0))?)
}

fn numbers(conn: &Connection, sql: &str, id: i64) -> Result<Vec<String>> {
    let mut st = conn.prepare(sql)?;
    let out = st
        .query_map([id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

/// What erasing the client would remove, and what must be kept and why.
pub fn erase_plan(conn: &Connection, client_id: i64) -> Result<ErasePlan> {
    let client = crate::clients::get(conn, client_id)?;
    let id = client_id;
    let c = |sql: &str| count(conn, sql, id);
    let removed_collabs = c(&format!(
        "SELECT COUNT(*) FROM collaborations WHERE client_id = ?1 AND id NOT IN ({KEPT_COLLABS})"
    ))?;
    let removed = [
        ("collaborations", removed_collabs),
        ("drafts", c("SELECT COUNT(*) FROM documents WHERE client_id = ?1 AND status = 'draft'")?),
        (
            "time_entries",
            c("SELECT COUNT(*) FROM time_entries t
                WHERE t.collaboration_id IN (SELECT id FROM collaborations WHERE client_id = ?1)
                  AND NOT EXISTS (SELECT 1 FROM documents d
                                   WHERE d.id = t.document_id AND d.status <> 'draft')")?,
        ),
        (
            "milestones",
            c(&format!(
                "SELECT COUNT(*) FROM milestones WHERE collaboration_id IN
                   (SELECT id FROM collaborations WHERE client_id = ?1 AND id NOT IN ({KEPT_COLLABS}))"
            ))?,
        ),
        ("job_descriptions", c("SELECT COUNT(*) FROM job_descriptions WHERE client_id = ?1")?),
        ("team_members", c("SELECT COUNT(*) FROM team_members WHERE client_id = ?1")?),
        (
            "onboarding_checklists",
            c("SELECT COUNT(*) FROM onboarding_checklists WHERE client_id = ?1
                OR member_id IN (SELECT id FROM team_members WHERE client_id = ?1)")?,
        ),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(what, count)| Removed { what, count })
    .collect();

    let issued = numbers(
        conn,
        "SELECT number FROM documents WHERE client_id = ?1 AND status <> 'draft'
            AND kind <> 'quote' ORDER BY issue_date, number",
        id,
    )?;
    let quotes = numbers(
        conn,
        "SELECT number FROM documents WHERE client_id = ?1 AND status <> 'draft'
            AND kind = 'quote' ORDER BY issue_date, number",
        id,
    )?;
    let mut kept = Vec::new();
    let mut keep = |what, count: i64, reason, numbers: Vec<String>| {
        if count > 0 {
            kept.push(Kept {
                what,
                count,
                reason,
                numbers,
            });
        }
    };
    keep(
        "issued_documents",
        issued.len() as i64,
        "retention_10_years",
        issued,
    );
    keep(
        "payments",
        c(&format!(
            "SELECT COUNT(*) FROM payments WHERE document_id IN ({ISSUED_DOCS})"
        ))?,
        "retention_10_years",
        vec![],
    );
    keep(
        "reminders",
        c(&format!(
            "SELECT COUNT(*) FROM reminders WHERE document_id IN ({ISSUED_DOCS})"
        ))?,
        "retention_10_years",
        vec![],
    );
    keep(
        "sent_quotes",
        quotes.len() as i64,
        "sent_quote_frozen",
        quotes,
    );
    keep(
        "billed_time_entries",
        c(&format!(
            "SELECT COUNT(*) FROM time_entries WHERE document_id IN ({ISSUED_DOCS})"
        ))?,
        "billed_on_invoice",
        vec![],
    );
    let kept_collabs = c(&format!("SELECT COUNT(*) FROM ({KEPT_COLLABS})"))?;
    keep("collaborations", kept_collabs, "named_on_invoices", vec![]);
    let any_kept = !kept.is_empty();
    if any_kept {
        kept.push(Kept {
            what: "client_name",
            count: 1,
            reason: "named_on_invoices",
            numbers: vec![],
        });
    }
    let blanked = blanked_fields(conn, id, !any_kept)?;
    Ok(ErasePlan {
        client_id,
        client_name: client.name,
        removed,
        blanked,
        kept,
        record_removed: !any_kept,
    })
}

/// The fields of [`BLANKED`] that hold something (all of them when the record
/// goes whole).
fn blanked_fields(conn: &Connection, id: i64, whole: bool) -> Result<Vec<&'static str>> {
    let mut out = Vec::new();
    for f in BLANKED {
        let filled: Option<i64> = conn
            .query_row(
                &format!("SELECT 1 FROM clients WHERE id = ?1 AND COALESCE({f}, '') <> ''"),
                [id],
                |r| r.get(0),
            )
            .optional()?;
        if whole || filled.is_some() {
            out.push(*f);
        }
    }
    Ok(out)
}

/// Erases the client as [`erase_plan`] says, in the caller's one transaction,
/// and returns what was removed and what was kept and why. Issued documents,
/// their lines, payments, reminders and seals are not touched (the triggers
/// would refuse it anyway), so `integrity::verify` stays intact.
pub fn erase_client(conn: &Connection, client_id: i64) -> Result<ErasePlan> {
    let plan = erase_plan(conn, client_id)?;
    let id = client_id;
    let run = |sql: &str| -> Result<usize> { Ok(conn.execute(sql, [id])?) };
    // Drafts first: their deletion frees the time entries and months they held
    // (`ON DELETE SET NULL`, billings by cascade).
    run("DELETE FROM documents WHERE client_id = ?1 AND status = 'draft'")?;
    run("DELETE FROM time_entries
          WHERE collaboration_id IN (SELECT id FROM collaborations WHERE client_id = ?1)
            AND NOT EXISTS (SELECT 1 FROM documents d
                             WHERE d.id = time_entries.document_id AND d.status <> 'draft')")?;
    // Milestones, tasks, the months' totals and a running timer go with their
    // collaboration (`ON DELETE CASCADE`).
    run(&format!(
        "DELETE FROM collaborations WHERE client_id = ?1 AND id NOT IN ({KEPT_COLLABS})"
    ))?;
    // What stays of a kept collaboration is what the invoices name: not her notes.
    run("UPDATE collaborations SET notes = NULL WHERE client_id = ?1 AND notes IS NOT NULL")?;
    run("DELETE FROM onboarding_checklists WHERE client_id = ?1
           OR member_id IN (SELECT id FROM team_members WHERE client_id = ?1)")?;
    run("DELETE FROM team_members WHERE client_id = ?1")?;
    run("DELETE FROM job_descriptions WHERE client_id = ?1")?;
    if plan.record_removed {
        run("DELETE FROM clients WHERE id = ?1")?;
    } else {
        let set: Vec<String> = BLANKED.iter().map(|f| format!("{f} = NULL")).collect();
        run(&format!(
            "UPDATE clients SET {}, archived = 1, updated_at = {} WHERE id = ?1",
            set.join(", "),
            crate::db::NOW
        ))?;
    }
    Ok(plan)
}
