//! The global search (Ctrl+K, `/`, the sidebar's box): clients, collaborations,
//! quotes and invoices by number, title or client, team members, job
//! descriptions and onboarding checklists, in groups of a few hits each.
//!
//! What she types is matched literally, as a substring, ignoring case: `%`, `_`,
//! quotes and backslashes are characters like any other (LIKE patterns are
//! escaped; the documents' trigram index gets one quoted phrase). Documents go
//! through that index (`documents_search`, kept by the triggers of
//! `0006_figures.sql`) so a search stays fast over 100 000 of them; the other
//! tables are a few thousand rows at most.

use crate::catalog::DocKind;
use crate::db::Connection;
use crate::paging::like_pattern;
use crate::Result;
use serde::Serialize;

/// Hits per group: enough to pick from, short enough to read at a glance.
pub const PER_GROUP: usize = 6;
/// Longer input is cut (still matched literally): no name is that long.
pub const MAX_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    Clients,
    Collaborations,
    Documents,
    Members,
    Jobs,
    Checklists,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    pub id: i64,
    pub label: String,
    pub detail: Option<String>,
    /// Documents: their kind, so the UI opens the right list's page.
    pub doc_kind: Option<DocKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub group: Group,
    pub hits: Vec<Hit>,
}

fn hits<P: rusqlite::Params>(conn: &Connection, sql: &str, params: P) -> Result<Vec<Hit>> {
    let mut st = conn.prepare_cached(sql)?;
    let rows = st.query_map(params, |r| {
        Ok(Hit {
            id: r.get(0)?,
            label: r.get(1)?,
            detail: r.get(2)?,
            doc_kind: None,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The groups that have hits, in a fixed order.
pub fn search(conn: &Connection, text: &str) -> Result<Vec<Found>> {
    let text: String = text.trim().chars().take(MAX_CHARS).collect();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let like = like_pattern(&text);
    let limit = PER_GROUP as i64;
    let mut out = Vec::new();
    let mut push = |group, hits: Vec<Hit>| {
        if !hits.is_empty() {
            out.push(Found { group, hits });
        }
    };
    push(
        Group::Clients,
        hits(
            conn,
            "SELECT id, name, NULLIF(trim(COALESCE(postal_code, '') || ' ' || COALESCE(city, '')), '')
               FROM clients
              WHERE name LIKE ?1 ESCAPE '\\' OR contact_name LIKE ?1 ESCAPE '\\' OR email LIKE ?1 ESCAPE '\\'
              ORDER BY archived, name COLLATE NOCASE, id LIMIT ?2",
            rusqlite::params![like, limit],
        )?,
    );
    push(
        Group::Collaborations,
        hits(
            conn,
            "SELECT k.id, k.title, c.name FROM collaborations k JOIN clients c ON c.id = k.client_id
              WHERE k.title LIKE ?1 ESCAPE '\\' OR c.name LIKE ?1 ESCAPE '\\'
              ORDER BY k.status = 'ended', c.name COLLATE NOCASE, k.title COLLATE NOCASE LIMIT ?2",
            rusqlite::params![like, limit],
        )?,
    );
    push(Group::Documents, documents(conn, &text, &like)?);
    push(
        Group::Members,
        hits(
            conn,
            "SELECT m.id, m.name, COALESCE(m.role, c.name) FROM team_members m
               LEFT JOIN clients c ON c.id = m.client_id
              WHERE m.name LIKE ?1 ESCAPE '\\' OR m.email LIKE ?1 ESCAPE '\\' OR m.role LIKE ?1 ESCAPE '\\'
              ORDER BY m.stage IN ('left', 'rejected'), m.name COLLATE NOCASE LIMIT ?2",
            rusqlite::params![like, limit],
        )?,
    );
    push(
        Group::Jobs,
        hits(
            conn,
            "SELECT j.id, j.title, c.name FROM job_descriptions j LEFT JOIN clients c ON c.id = j.client_id
              WHERE j.title LIKE ?1 ESCAPE '\\' ORDER BY j.status = 'filled', j.title COLLATE NOCASE LIMIT ?2",
            rusqlite::params![like, limit],
        )?,
    );
    push(
        Group::Checklists,
        hits(
            conn,
            "SELECT o.id, o.title, m.name FROM onboarding_checklists o
               LEFT JOIN team_members m ON m.id = o.member_id
              WHERE o.title LIKE ?1 ESCAPE '\\' OR m.name LIKE ?1 ESCAPE '\\'
              ORDER BY o.start_date DESC LIMIT ?2",
            rusqlite::params![like, limit],
        )?,
    );
    Ok(out)
}

/// Documents whose number or title contains `text` (the trigram index, from three
/// characters: it cannot match fewer) or whose client's name does; newest first.
fn documents(conn: &Connection, text: &str, like: &str) -> Result<Vec<Hit>> {
    let select =
        "SELECT d.id, COALESCE(d.number, ''), c.name || COALESCE(' · ' || d.title, ''), d.kind
                    FROM documents d JOIN clients c ON c.id = d.client_id";
    let limit = PER_GROUP as i64;
    let mut found: Vec<(i64, Hit)> = Vec::new();
    let mut read = |sql: &str, params: &[&dyn rusqlite::ToSql]| -> Result<()> {
        let mut st = conn.prepare_cached(sql)?;
        let rows = st.query_map(params, |r| {
            Ok(Hit {
                id: r.get(0)?,
                label: r.get(1)?,
                detail: r.get(2)?,
                doc_kind: Some(r.get(3)?),
            })
        })?;
        for h in rows {
            let h = h?;
            if !found.iter().any(|(id, _)| *id == h.id) {
                found.push((h.id, h));
            }
        }
        Ok(())
    };
    if text.chars().count() >= 3 {
        let phrase = format!("\"{}\"", text.replace('"', "\"\""));
        read(
            &format!(
                "{select} WHERE d.id IN (SELECT rowid FROM documents_search WHERE documents_search MATCH ?1
                                          ORDER BY rowid DESC LIMIT ?2)
                 ORDER BY d.id DESC"
            ),
            &[&phrase, &limit],
        )?;
    }
    read(
        &format!(
            "{select} WHERE d.client_id IN (SELECT id FROM clients WHERE name LIKE ?1 ESCAPE '\\')
             ORDER BY d.id DESC LIMIT ?2"
        ),
        &[&like, &limit],
    )?;
    let mut hits: Vec<Hit> = found.into_iter().map(|(_, h)| h).collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.id));
    hits.truncate(PER_GROUP);
    // A draft's label is empty (no number yet): the UI says « Brouillon ».
    Ok(hits)
}
