//! Tamper evidence: every issued document and every payment is sealed when it is
//! recorded, by a SHA-256 over its frozen content chained to the previous seal,
//! and [`verify`] walks the chain and names what no longer matches.
//!
//! The triggers of `0002_documents.sql` and `0008_records.sql` already refuse
//! changing an issued document or a payment; the seals are for what the triggers
//! cannot see: someone who drops them in a sqlite3 shell, edits a line, its
//! totals and the snapshot, and re-creates them. `integrity_check` then says ok,
//! but the row's bytes no longer hash to its seal.
//!
//! What this is not: a signature. Someone who knows this code could recompute
//! every seal after an edit; an older backup (whose seals do not agree) or an
//! exported PDF still tells. The seal table itself is append-only by trigger.
//!
//! A seal's hash is `sha256(prev_hash ‖ "\n" ‖ content)`, hex, where `content` is
//! the canonical JSON of the sealed row ([`document_content`], [`payment_content`]):
//! a JSON array of its columns in a fixed order, lines in position order. The
//! first seal's `prev_hash` is 64 zeros.

use crate::db::{Connection, NOW};
use crate::error::{Error, Result};
use rusqlite::{params, OptionalExtension};
use serde::Serialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Entity {
    Document,
    Payment,
}

impl Entity {
    fn as_str(self) -> &'static str {
        match self {
            Entity::Document => "document",
            Entity::Payment => "payment",
        }
    }
}

/// What is wrong with one sealed record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// Its bytes no longer hash to its seal: it was changed behind the triggers.
    Changed,
    /// Its seal does not follow the previous one: a seal was removed or rewritten.
    ChainBroken,
    /// It is issued (or recorded) but has no seal.
    Unsealed,
    /// A seal names a record that no longer exists.
    Missing,
}

/// One record that failed the check, named as the user knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Broken {
    pub entity: Entity,
    pub id: i64,
    /// The document's number; for a payment, the number of its invoice.
    pub number: Option<String>,
    /// A payment's date (empty for a document).
    pub date: Option<String>,
    pub fault: Fault,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub documents: i64,
    pub payments: i64,
    pub broken: Vec<Broken>,
}

impl Report {
    pub fn intact(&self) -> bool {
        self.broken.is_empty()
    }
}

fn hash(prev: &str, content: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update(b"\n");
    h.update(content);
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// The canonical bytes of an issued document: what it says and what it is owed,
/// never its status (a sent quote may still be accepted or declined).
pub fn document_content(conn: &Connection, id: i64) -> Result<Option<Vec<u8>>> {
    let head: Option<Value> = conn
        .query_row(
            "SELECT json_array(id, kind, number, year, seq, client_id, issue_date, due_date,
                    valid_until, vat_case, total_excl, total_vat, total_incl, currency,
                    exchange_rate, logo_id, quote_id, corrects_id, snapshot)
               FROM documents WHERE id = ?1 AND status <> 'draft'",
            [id],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .map(|s| serde_json::from_str(&s))
        .transpose()
        .map_err(|e| Error::Unavailable(format!("seal: {e}")))?;
    let Some(head) = head else {
        return Ok(None);
    };
    let mut st = conn.prepare_cached(
        "SELECT json_array(position, description, quantity, unit, unit_price, vat_rate,
                total_excl, fixed_vat, deducts_id)
           FROM document_lines WHERE document_id = ?1 ORDER BY position, id",
    )?;
    let lines = st
        .query_map([id], |r| r.get::<_, String>(0))?
        .map(|s| {
            let s = s?;
            serde_json::from_str::<Value>(&s).map_err(|e| Error::Unavailable(format!("seal: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(json!([head, lines]).to_string().into_bytes()))
}

/// The canonical bytes of a payment (or a reversing entry).
pub fn payment_content(conn: &Connection, id: i64) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .query_row(
            "SELECT json_array(id, document_id, date, amount, method, note, reverses_id, reason)
               FROM payments WHERE id = ?1",
            [id],
            |r| r.get::<_, String>(0),
        )
        .optional()?
        .map(String::into_bytes))
}

fn content(conn: &Connection, entity: Entity, id: i64) -> Result<Option<Vec<u8>>> {
    match entity {
        Entity::Document => document_content(conn, id),
        Entity::Payment => payment_content(conn, id),
    }
}

/// Appends the seal of a record just issued or recorded, in the caller's
/// transaction (so the record and its seal commit together).
pub fn seal(conn: &Connection, entity: Entity, id: i64) -> Result<()> {
    let Some(bytes) = content(conn, entity, id)? else {
        return Err(Error::NotFound {
            entity: entity.as_str(),
            id,
            field: None,
        });
    };
    let (position, prev): (i64, String) = conn.query_row(
        "SELECT COALESCE(MAX(position), 0) + 1,
                COALESCE((SELECT hash FROM seals ORDER BY position DESC LIMIT 1), ?1)
           FROM seals",
        [GENESIS],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    conn.execute(
        &format!(
            "INSERT INTO seals (position, entity, entity_id, prev_hash, hash, sealed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, {NOW})"
        ),
        params![position, entity.as_str(), id, prev, hash(&prev, &bytes)],
    )?;
    Ok(())
}

/// Seals what was recorded before seals existed (the migration to schema 8):
/// issued documents and payments, interleaved in the order they were recorded.
pub fn seal_existing(conn: &Connection) -> Result<()> {
    let mut st = conn.prepare(
        "SELECT 'document', id, updated_at FROM documents d
          WHERE status <> 'draft' AND NOT EXISTS
                (SELECT 1 FROM seals s WHERE s.entity = 'document' AND s.entity_id = d.id)
         UNION ALL
         SELECT 'payment', id, created_at FROM payments p
          WHERE NOT EXISTS (SELECT 1 FROM seals s WHERE s.entity = 'payment' AND s.entity_id = p.id)
         ORDER BY 3, 1, 2",
    )?;
    let todo = st
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (entity, id) in todo {
        let entity = if entity == "document" {
            Entity::Document
        } else {
            Entity::Payment
        };
        seal(conn, entity, id)?;
    }
    Ok(())
}

fn name(conn: &Connection, entity: Entity, id: i64) -> Result<(Option<String>, Option<String>)> {
    Ok(match entity {
        Entity::Document => conn
            .query_row("SELECT number FROM documents WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, None))
            })
            .optional()?
            .unwrap_or((None, None)),
        Entity::Payment => conn
            .query_row(
                "SELECT d.number, p.date FROM payments p JOIN documents d ON d.id = p.document_id
                  WHERE p.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or((None, None)),
    })
}

/// Walks the whole chain: every seal recomputed from the record's bytes and
/// linked to the previous one, then every issued document and payment checked
/// to have a seal.
pub fn verify(conn: &Connection) -> Result<Report> {
    let mut broken = Vec::new();
    let mut push = |conn: &Connection, entity, id, fault| -> Result<()> {
        let (number, date) = name(conn, entity, id)?;
        broken.push(Broken {
            entity,
            id,
            number,
            date,
            fault,
        });
        Ok(())
    };
    let mut st = conn.prepare(
        "SELECT position, entity, entity_id, prev_hash, hash FROM seals ORDER BY position",
    )?;
    let mut rows = st.query([])?;
    let mut expected_prev = GENESIS.to_owned();
    let mut expected_position = 1;
    while let Some(r) = rows.next()? {
        let position: i64 = r.get(0)?;
        let entity = if r.get::<_, String>(1)? == "document" {
            Entity::Document
        } else {
            Entity::Payment
        };
        let id: i64 = r.get(2)?;
        let prev: String = r.get(3)?;
        let stored: String = r.get(4)?;
        if position != expected_position || prev != expected_prev {
            push(conn, entity, id, Fault::ChainBroken)?;
        }
        match content(conn, entity, id)? {
            None => push(conn, entity, id, Fault::Missing)?,
            Some(bytes) if hash(&prev, &bytes) != stored => push(conn, entity, id, Fault::Changed)?,
            Some(_) => {}
        }
        expected_prev = stored;
        expected_position = position + 1;
    }
    let mut st = conn.prepare(
        "SELECT 'document', id FROM documents d WHERE status <> 'draft' AND NOT EXISTS
                (SELECT 1 FROM seals s WHERE s.entity = 'document' AND s.entity_id = d.id)
         UNION ALL
         SELECT 'payment', id FROM payments p WHERE NOT EXISTS
                (SELECT 1 FROM seals s WHERE s.entity = 'payment' AND s.entity_id = p.id)",
    )?;
    let unsealed = st
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)? == "document", r.get(1)?))
        })?
        .collect::<rusqlite::Result<Vec<(bool, i64)>>>()?;
    for (is_doc, id) in unsealed {
        let entity = if is_doc {
            Entity::Document
        } else {
            Entity::Payment
        };
        push(conn, entity, id, Fault::Unsealed)?;
    }
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |r| r.get(0))?) };
    Ok(Report {
        documents: count("SELECT count(*) FROM documents WHERE status <> 'draft'")?,
        payments: count("SELECT count(*) FROM payments")?,
        broken,
    })
}

/// The check of one record, for its page: `None` when it is intact (or not
/// sealable: a draft), else what is wrong. Cheap: one hash and one link.
pub fn check_one(conn: &Connection, entity: Entity, id: i64) -> Result<Option<Fault>> {
    let Some(bytes) = content(conn, entity, id)? else {
        return Ok(None);
    };
    let seal: Option<(i64, String, String)> = conn
        .query_row(
            "SELECT position, prev_hash, hash FROM seals WHERE entity = ?1 AND entity_id = ?2",
            params![entity.as_str(), id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((position, prev, stored)) = seal else {
        return Ok(Some(Fault::Unsealed));
    };
    let before: String = conn
        .query_row(
            "SELECT hash FROM seals WHERE position = ?1",
            [position - 1],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| GENESIS.to_owned());
    if hash(&prev, &bytes) != stored {
        Ok(Some(Fault::Changed))
    } else if before != prev {
        Ok(Some(Fault::ChainBroken))
    } else {
        Ok(None)
    }
}

#[cfg(test)]
mod tests;
