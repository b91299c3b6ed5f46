//! Onboarding checklists: started for a recruit (or a new client) from a template
//! and a start date. Starting COPIES every item, with its due date computed from
//! the start date; from then on the checklist lives on its own — items are ticked,
//! added, removed and reordered on it, and the template may change or disappear.
//!
//! "Today" is always a parameter, so that overdue items are computed the same way
//! by the app (the local date) and by tests (a fixed date).

use super::members::{self, set_stage};
use super::onboarding_templates::{self as templates, check_item, CheckedItem, ItemInput};
use super::{Stage, TemplateKind, Who};
use crate::clients;
use crate::db::NOW;
use crate::error::{Error, FieldError, Result};
use crate::locale::Language;
use crate::validate::{self, Checker, Form, Need, LINE_MAX};
use chrono::{Days, NaiveDate};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Starting a checklist, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StartInput {
    pub template_id: Option<i64>,
    /// The recruit (recruit templates).
    pub member_id: Option<i64>,
    /// The new client (client templates).
    pub client_id: Option<i64>,
    pub start_date: String,
    /// Empty: "Onboarding – <name>".
    pub title: String,
}

/// An item added to a running checklist.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AddItemInput {
    /// An existing section title, or a new one; empty: the last section.
    pub section: String,
    pub title: String,
    pub details: String,
    pub link: String,
    /// `YYYY-MM-DD`, optional.
    pub due_date: String,
    pub who: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress {
    pub done: i64,
    pub total: i64,
    /// Rounded down: 100 only when every item is done.
    pub percent: i64,
}

impl Progress {
    pub fn new(done: i64, total: i64) -> Self {
        let percent = if total == 0 { 0 } else { done * 100 / total };
        Progress {
            done,
            total,
            percent,
        }
    }

    pub fn finished(self) -> bool {
        self.total > 0 && self.done == self.total
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistItem {
    pub id: i64,
    pub section: String,
    pub title: String,
    pub details: Option<String>,
    pub link: Option<String>,
    pub due_date: Option<NaiveDate>,
    pub who: Who,
    pub done: bool,
    pub done_at: Option<String>,
    /// Not done and due before today.
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Checklist {
    pub id: i64,
    pub title: String,
    pub template_id: Option<i64>,
    pub template_name: String,
    pub member_id: Option<i64>,
    pub member_name: Option<String>,
    pub member_stage: Option<Stage>,
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    pub start_date: NaiveDate,
    pub items: Vec<ChecklistItem>,
    pub progress: Progress,
    pub overdue: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// The start form with the language a built-in template is read (and so copied)
/// in: the UI's when she starts it; the language changes no error.
struct StartForm<'a> {
    input: &'a StartInput,
    lang: Language,
}

impl Form for StartForm<'_> {
    /// `None` when the template or the start date could not be read.
    type Parsed = Option<StartPlan>;
    fn check(&self, conn: &Connection, _: Option<i64>, c: &mut Checker) -> Result<Self::Parsed> {
        check_start(conn, self.input, self.lang, c)
    }
}

fn check_start(
    conn: &Connection,
    input: &StartInput,
    lang: Language,
    c: &mut Checker,
) -> Result<Option<StartPlan>> {
    let template = match input.template_id {
        None => {
            c.push("template_id", "required", "choose a template");
            None
        }
        Some(id) => match templates::get(conn, id, lang) {
            Ok(t) => Some(t),
            Err(Error::NotFound { .. }) => {
                c.push(
                    "template_id",
                    "not_found",
                    format!("template {id} not found"),
                );
                None
            }
            Err(e) => return Err(e),
        },
    };
    let start_date = c.date("start_date", &input.start_date, Need::Required);
    let title = c.line("title", &input.title, Need::Optional);
    let kind = template.as_ref().map(|t| t.kind);
    let mut member = None;
    let mut client_id = input.client_id;
    match (kind, input.member_id) {
        (_, Some(mid)) => match members::get(conn, mid) {
            Ok(m) if m.archived => c.push(
                "member_id",
                "member_archived",
                format!("{} left or was rejected", m.name),
            ),
            Ok(m) if matches!(m.stage, Stage::Candidate | Stage::Interview) => c.push(
                "member_id",
                "member_not_selected",
                format!("{} has not been selected yet", m.name),
            ),
            Ok(m) => {
                client_id = m.client_id;
                member = Some(m);
            }
            Err(Error::NotFound { .. }) => {
                c.push("member_id", "not_found", format!("member {mid} not found"))
            }
            Err(e) => return Err(e),
        },
        (Some(TemplateKind::Recruit), None) => {
            c.push("member_id", "required", "choose the recruit to onboard")
        }
        (Some(TemplateKind::Client), None) | (None, None) => match input.client_id {
            None if kind.is_some() => {
                c.push("client_id", "required", "choose the client to onboard")
            }
            None => {}
            Some(cid) => {
                clients::require_active(conn, c, Some(cid), Need::Optional, None)?;
            }
        },
    }
    let plan = match (template, start_date) {
        (Some(template), Some(start_date)) => Some(StartPlan {
            template,
            start_date,
            title,
            member,
            client_id,
        }),
        _ => None,
    };
    Ok(plan)
}

/// A checked start form: what `start` copies.
pub struct StartPlan {
    template: templates::Template,
    start_date: NaiveDate,
    title: Option<String>,
    member: Option<members::Member>,
    client_id: Option<i64>,
}

/// Field errors of the start form. Writes nothing.
pub fn validate_start(conn: &Connection, input: &StartInput) -> Result<Vec<FieldError>> {
    let form = StartForm {
        input,
        lang: Language::Fr,
    };
    validate::errors(conn, &form, None)
}

/// `start` + `offset` days (negative offsets count back).
pub fn due_date(start: NaiveDate, offset_days: i64) -> Option<NaiveDate> {
    if offset_days >= 0 {
        start.checked_add_days(Days::new(offset_days.unsigned_abs()))
    } else {
        start.checked_sub_days(Days::new(offset_days.unsigned_abs()))
    }
}

/// Starts a checklist: copies every item of the template with its due date. A
/// selected recruit moves to the `onboarding` stage in the same transaction. A
/// built-in template is copied in `lang` (the UI's): the checklist is then the
/// user's own text, kept as it is whatever the language later.
pub fn start(
    conn: &Connection,
    input: &StartInput,
    lang: Language,
    today: NaiveDate,
) -> Result<Checklist> {
    let plan = validate::parse(conn, &StartForm { input, lang }, None)?;
    let plan = plan.ok_or_else(|| Error::field("template_id", "required", "no template"))?;
    let client_name: Option<String> = match plan.client_id {
        Some(id) => conn
            .query_row("SELECT name FROM clients WHERE id = ?1", [id], |r| r.get(0))
            .optional()?,
        None => None,
    };
    let title = plan.title.unwrap_or_else(|| {
        let who = plan
            .member
            .as_ref()
            .map(|m| m.name.clone())
            .or(client_name)
            .unwrap_or_else(|| plan.template.name.clone());
        let t = format!("Onboarding – {who}");
        t.chars().take(LINE_MAX).collect()
    });
    conn.execute(
        &format!(
            "INSERT INTO onboarding_checklists
               (title, template_id, template_name, member_id, client_id, start_date, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, {NOW}, {NOW})"
        ),
        (
            &title,
            plan.template.id,
            &plan.template.name,
            plan.member.as_ref().map(|m| m.id),
            plan.client_id,
            plan.start_date,
        ),
    )?;
    let id = conn.last_insert_rowid();
    let mut add = conn.prepare_cached(
        "INSERT INTO onboarding_items (checklist_id, position, section, title, details, link, due_date, who)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut position = 0_i64;
    for s in &plan.template.sections {
        for i in &s.items {
            let due = i.due_offset_days.and_then(|d| due_date(plan.start_date, d));
            add.execute((
                id, position, &s.title, &i.title, &i.details, &i.link, due, i.who,
            ))?;
            position += 1;
        }
    }
    if let Some(m) = &plan.member {
        if m.stage == Stage::Selected {
            set_stage(conn, m.id, Stage::Onboarding)?;
        }
    }
    get(conn, id, today)
}

pub fn get(conn: &Connection, id: i64, today: NaiveDate) -> Result<Checklist> {
    let head = conn
        .query_row(
            "SELECT k.id, k.title, k.template_id, k.template_name, k.member_id, m.name, m.stage,
                    k.client_id, coalesce(c.name, mc.name), k.start_date, k.created_at, k.updated_at
             FROM onboarding_checklists k
             LEFT JOIN team_members m ON m.id = k.member_id
             LEFT JOIN clients c ON c.id = k.client_id
             LEFT JOIN clients mc ON mc.id = m.client_id
             WHERE k.id = ?1",
            [id],
            |r| {
                Ok(Checklist {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    template_id: r.get(2)?,
                    template_name: r.get(3)?,
                    member_id: r.get(4)?,
                    member_name: r.get(5)?,
                    member_stage: r.get(6)?,
                    client_id: r.get(7)?,
                    client_name: r.get(8)?,
                    start_date: r.get(9)?,
                    created_at: r.get(10)?,
                    updated_at: r.get(11)?,
                    items: Vec::new(),
                    progress: Progress::new(0, 0),
                    overdue: 0,
                })
            },
        )
        .optional()?;
    let mut k = head.ok_or(Error::NotFound {
        entity: "onboarding",
        id,
        field: None,
    })?;
    let mut st = conn.prepare_cached(
        "SELECT id, section, title, details, link, due_date, who, done_at
         FROM onboarding_items WHERE checklist_id = ?1 ORDER BY position",
    )?;
    k.items = st
        .query_map([id], |r| {
            let due: Option<NaiveDate> = r.get(5)?;
            let done_at: Option<String> = r.get(7)?;
            Ok(ChecklistItem {
                id: r.get(0)?,
                section: r.get(1)?,
                title: r.get(2)?,
                details: r.get(3)?,
                link: r.get(4)?,
                due_date: due,
                who: r.get(6)?,
                done: done_at.is_some(),
                overdue: done_at.is_none() && due.is_some_and(|d| d < today),
                done_at,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let done = k.items.iter().filter(|i| i.done).count() as i64;
    k.progress = Progress::new(done, k.items.len() as i64);
    k.overdue = k.items.iter().filter(|i| i.overdue).count() as i64;
    Ok(k)
}

/// The checklist an item belongs to.
fn checklist_of(conn: &Connection, item_id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT checklist_id FROM onboarding_items WHERE id = ?1",
        [item_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "onboarding_item",
        id: item_id,
        field: None,
    })
}

fn touch(conn: &Connection, checklist_id: i64) -> Result<()> {
    conn.execute(
        &format!("UPDATE onboarding_checklists SET updated_at = {NOW} WHERE id = ?1"),
        [checklist_id],
    )?;
    Ok(())
}

/// Ticks (or unticks) an item; returns the whole checklist with its progress.
pub fn set_done(
    conn: &Connection,
    item_id: i64,
    done: bool,
    today: NaiveDate,
) -> Result<Checklist> {
    let k = checklist_of(conn, item_id)?;
    conn.execute(
        &format!(
            "UPDATE onboarding_items SET done_at = CASE WHEN ?2 THEN coalesce(done_at, {NOW}) END
             WHERE id = ?1"
        ),
        (item_id, done),
    )?;
    touch(conn, k)?;
    get(conn, k, today)
}

/// Adds an item at the end of its section (a new section goes last).
pub fn add_item(
    conn: &Connection,
    checklist_id: i64,
    input: &AddItemInput,
    today: NaiveDate,
) -> Result<Checklist> {
    let k = get(conn, checklist_id, today)?;
    let (section, item, due) = validate::parse(conn, input, Some(checklist_id))?;
    if k.items.len() >= super::MAX_ITEMS {
        return Err(Error::field(
            "title",
            "too_many_items",
            "the checklist is full",
        ));
    }
    let section = section
        .or_else(|| k.items.last().map(|i| i.section.clone()))
        .unwrap_or_else(|| "Autres".to_owned());
    // After the last item of that section, or at the very end.
    let position: i64 = conn.query_row(
        "SELECT coalesce(
            (SELECT max(position) + 1 FROM onboarding_items WHERE checklist_id = ?1 AND section = ?2),
            (SELECT coalesce(max(position) + 1, 0) FROM onboarding_items WHERE checklist_id = ?1))",
        (checklist_id, &section),
        |r| r.get(0),
    )?;
    // Make room: shift the later items by one (through negatives, since positions
    // are unique and SQLite checks them row by row).
    conn.execute(
        "UPDATE onboarding_items SET position = -position - 1
         WHERE checklist_id = ?1 AND position >= ?2",
        (checklist_id, position),
    )?;
    conn.execute(
        "UPDATE onboarding_items SET position = -position
         WHERE checklist_id = ?1 AND position < 0",
        [checklist_id],
    )?;
    conn.execute(
        "INSERT INTO onboarding_items (checklist_id, position, section, title, details, link, due_date, who)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        (
            checklist_id,
            position,
            &section,
            &item.title,
            &item.details,
            &item.link,
            due,
            item.who,
        ),
    )?;
    touch(conn, checklist_id)?;
    get(conn, checklist_id, today)
}

impl Form for AddItemInput {
    /// The section (if named), the item, its due date (if given).
    type Parsed = (Option<String>, CheckedItem, Option<NaiveDate>);
    fn check(&self, _: &Connection, _: Option<i64>, c: &mut Checker) -> Result<Self::Parsed> {
        let section = c.line("section", &self.section, Need::Optional);
        let item = check_item(
            c,
            "",
            &ItemInput {
                title: self.title.clone(),
                details: self.details.clone(),
                link: self.link.clone(),
                due_offset: String::new(),
                who: self.who.clone(),
            },
        );
        let due = c.date("due_date", &self.due_date, Need::Optional);
        Ok((section, item, due))
    }
}

/// Field errors of the add-item form. Writes nothing.
pub fn validate_item(conn: &Connection, input: &AddItemInput) -> Result<Vec<FieldError>> {
    validate::errors(conn, input, None)
}

pub fn remove_item(conn: &Connection, item_id: i64, today: NaiveDate) -> Result<Checklist> {
    let k = checklist_of(conn, item_id)?;
    conn.execute("DELETE FROM onboarding_items WHERE id = ?1", [item_id])?;
    touch(conn, k)?;
    get(conn, k, today)
}

/// Moves an item one place up or down within its section.
pub fn move_item(conn: &Connection, item_id: i64, up: bool, today: NaiveDate) -> Result<Checklist> {
    let k = checklist_of(conn, item_id)?;
    let (pos, section): (i64, String) = conn.query_row(
        "SELECT position, section FROM onboarding_items WHERE id = ?1",
        [item_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let neighbour: Option<(i64, i64, String)> = conn
        .query_row(
            if up {
                "SELECT id, position, section FROM onboarding_items
                 WHERE checklist_id = ?1 AND position < ?2 ORDER BY position DESC LIMIT 1"
            } else {
                "SELECT id, position, section FROM onboarding_items
                 WHERE checklist_id = ?1 AND position > ?2 ORDER BY position LIMIT 1"
            },
            (k, pos),
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match neighbour {
        Some((other, other_pos, other_section)) if other_section == section => {
            conn.execute(
                "UPDATE onboarding_items SET position = -1 - ?2 WHERE id = ?1",
                (item_id, pos),
            )?;
            conn.execute(
                "UPDATE onboarding_items SET position = ?2 WHERE id = ?1",
                (other, pos),
            )?;
            conn.execute(
                "UPDATE onboarding_items SET position = ?2 WHERE id = ?1",
                (item_id, other_pos),
            )?;
        }
        _ => {
            return Err(Error::field(
                "position",
                "cannot_move",
                "the item is already first (or last) of its section",
            ))
        }
    }
    touch(conn, k)?;
    get(conn, k, today)
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    get(conn, id, NaiveDate::MIN)?;
    conn.execute("DELETE FROM onboarding_checklists WHERE id = ?1", [id])?;
    Ok(())
}

/// One checklist in the overview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChecklistSummary {
    pub id: i64,
    pub title: String,
    pub member_id: Option<i64>,
    pub member_name: Option<String>,
    pub client_name: Option<String>,
    pub template_name: String,
    pub start_date: NaiveDate,
    pub progress: Progress,
    pub overdue: i64,
    /// The earliest due date, today or later, of an item not done yet (the
    /// overdue ones are counted in `overdue`).
    pub next_due: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OverdueItem {
    pub checklist_id: i64,
    pub checklist_title: String,
    pub item: ChecklistItem,
    pub days_late: i64,
}

/// "Onboardings en cours": overdue items first (most late first), then the
/// running checklists (those with overdue items first, then by next due date),
/// then the finished ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overview {
    pub overdue_items: Vec<OverdueItem>,
    pub running: Vec<ChecklistSummary>,
    pub finished: Vec<ChecklistSummary>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct OverviewQuery {
    pub member_id: Option<i64>,
}

pub fn overview(conn: &Connection, q: &OverviewQuery, today: NaiveDate) -> Result<Overview> {
    let ids: Vec<i64> = conn
        .prepare_cached(
            "SELECT id FROM onboarding_checklists WHERE (?1 IS NULL OR member_id = ?1)
             ORDER BY start_date DESC, id DESC",
        )?
        .query_map([q.member_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Overview {
        overdue_items: Vec::new(),
        running: Vec::new(),
        finished: Vec::new(),
    };
    for id in ids {
        let k = get(conn, id, today)?;
        for i in k.items.iter().filter(|i| i.overdue) {
            let due = i.due_date.unwrap_or(today);
            out.overdue_items.push(OverdueItem {
                checklist_id: k.id,
                checklist_title: k.title.clone(),
                item: i.clone(),
                days_late: (today - due).num_days(),
            });
        }
        let summary = ChecklistSummary {
            id: k.id,
            title: k.title.clone(),
            member_id: k.member_id,
            member_name: k.member_name.clone(),
            client_name: k.client_name.clone(),
            template_name: k.template_name.clone(),
            start_date: k.start_date,
            progress: k.progress,
            overdue: k.overdue,
            next_due: k
                .items
                .iter()
                .filter(|i| !i.done)
                .filter_map(|i| i.due_date)
                .filter(|d| *d >= today)
                .min(),
        };
        if k.progress.finished() {
            out.finished.push(summary);
        } else {
            out.running.push(summary);
        }
    }
    out.overdue_items
        .sort_by_key(|o| (-o.days_late, o.checklist_id, o.item.id));
    out.running
        .sort_by_key(|s| (s.overdue == 0, s.next_due.unwrap_or(NaiveDate::MAX), s.id));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients;
    use crate::team::members::{tests::lea, MemberInput};
    use crate::team::onboarding_templates::tests::small_template;
    use crate::team::onboarding_templates::{self as tpl, TemplateInput};
    use crate::testing::{acme, temp_db};
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn selected(t: &crate::testing::TempDb, input: MemberInput) -> i64 {
        let m = t.db.write(|tx| members::create(tx, &input)).unwrap();
        t.db.write(|tx| members::move_to(tx, m.id, "selected"))
            .unwrap();
        m.id
    }

    #[test]
    fn starting_copies_the_template_with_due_dates_and_moves_the_recruit() {
        let t = temp_db();
        let tpl = t.db.write(|tx| tpl::create(tx, &small_template())).unwrap();
        let m = selected(&t, lea(None, None));
        let start = StartInput {
            template_id: Some(tpl.id),
            member_id: Some(m),
            start_date: "2026-11-30".into(),
            ..Default::default()
        };
        let k =
            t.db.write(|tx| super::start(tx, &start, Language::Fr, d("2026-11-27")))
                .unwrap();
        assert_eq!(k.title, "Onboarding – Léa Moreau");
        assert_eq!(k.template_name, "Recrue express");
        let items: Vec<_> = k
            .items
            .iter()
            .map(|i| (i.section.as_str(), i.title.as_str(), i.due_date))
            .collect();
        assert_eq!(
            items,
            [
                ("Accès", "Créer les comptes", Some(d("2026-11-30"))),
                ("Accès", "Lire le guide", Some(d("2026-12-02"))),
                ("Suivi", "Point à un mois", Some(d("2026-12-30"))),
            ]
        );
        assert_eq!(k.items[1].link.as_deref(), Some("https://exemple.fr/guide"));
        assert_eq!(k.progress, Progress::new(0, 3));
        assert_eq!(k.overdue, 0);
        assert_eq!(
            t.db.read(|c| members::get(c, m)).unwrap().stage,
            Stage::Onboarding
        );
        let card =
            t.db.read(|c| members::get(c, m))
                .unwrap()
                .checklist
                .unwrap();
        assert_eq!((card.id, card.progress), (k.id, Progress::new(0, 3)));

        // Editing the template later, then deleting it, changes nothing on the checklist.
        let mut edited = small_template();
        edited.sections[0].items[0].title = "Autre chose".into();
        edited.sections[0].items[0].due_offset = "100".into();
        edited.sections.pop();
        t.db.write(|tx| tpl::update(tx, tpl.id, &edited)).unwrap();
        let again = t.db.read(|c| get(c, k.id, d("2026-11-27"))).unwrap();
        assert_eq!(again.items, k.items);
        assert_eq!(
            t.db.read(|c| tpl::get(c, tpl.id, Language::Fr))
                .unwrap()
                .checklists,
            1
        );
        t.db.write(|tx| tpl::delete(tx, tpl.id)).unwrap();
        let after = t.db.read(|c| get(c, k.id, d("2026-11-27"))).unwrap();
        assert_eq!(after.items, k.items);
        assert_eq!(after.template_id, None);
        assert_eq!(after.template_name, "Recrue express");
    }

    #[test]
    fn tick_add_remove_reorder_progress_and_overdue() {
        let t = temp_db();
        let va =
            t.db.read(|c| tpl::list(c, &Default::default(), Language::Fr))
                .unwrap()
                .items
                .into_iter()
                .find(|t| t.builtin.as_deref() == Some("new_va"))
                .unwrap();
        let m = selected(&t, lea(None, None));
        let today = d("2026-12-10");
        let k =
            t.db.write(|tx| {
                super::start(
                    tx,
                    &StartInput {
                        template_id: Some(va.id),
                        member_id: Some(m),
                        start_date: "2026-12-01".into(),
                        ..Default::default()
                    },
                    Language::Fr,
                    today,
                )
            })
            .unwrap();
        let total = va.item_count;
        assert_eq!(k.items.len() as i64, total);
        // Due before 2026-12-10: every offset up to 8 days.
        let late: Vec<_> = k.items.iter().filter(|i| i.overdue).map(|i| i.id).collect();
        assert!(late.len() >= 8, "{late:?}");
        assert_eq!(k.overdue, late.len() as i64);
        let first = k.items[0].id;
        let k = t.db.write(|tx| set_done(tx, first, true, today)).unwrap();
        let k =
            t.db.write(|tx| set_done(tx, k.items[1].id, true, today))
                .unwrap();
        assert_eq!(k.progress.done, 2);
        assert_eq!(k.progress.percent, 200 / total);
        assert!(!k.items[0].overdue, "done items are never overdue");
        assert_eq!(k.overdue, late.len() as i64 - 2);
        // Ticking twice keeps the first time; unticking clears it.
        let done_at = k.items[0].done_at.clone();
        let k = t.db.write(|tx| set_done(tx, first, true, today)).unwrap();
        assert_eq!(k.items[0].done_at, done_at);
        let k = t.db.write(|tx| set_done(tx, first, false, today)).unwrap();
        assert_eq!(k.progress.done, 1);

        // Add to an existing section: lands at its end, not at the end of the list.
        let section = k.items[0].section.clone();
        let added =
            t.db.write(|tx| {
                add_item(
                    tx,
                    k.id,
                    &AddItemInput {
                        section: section.clone(),
                        title: "Envoyer le kit de bienvenue".into(),
                        due_date: "2026-12-20".into(),
                        who: "right_hand".into(),
                        ..Default::default()
                    },
                    today,
                )
            })
            .unwrap();
        let in_section: Vec<_> = added
            .items
            .iter()
            .filter(|i| i.section == section)
            .collect();
        assert_eq!(
            in_section.last().unwrap().title,
            "Envoyer le kit de bienvenue"
        );
        let n = in_section.len();
        assert_eq!(added.items[n - 1].title, "Envoyer le kit de bienvenue");
        assert_eq!(added.progress.total, total + 1);
        // Reorder within the section; not across its first item.
        let new_id = added.items[n - 1].id;
        let moved = t.db.write(|tx| move_item(tx, new_id, true, today)).unwrap();
        assert_eq!(moved.items[n - 2].id, new_id);
        let top = moved.items[0].id;
        assert_eq!(
            t.db.write(|tx| move_item(tx, top, true, today))
                .unwrap_err()
                .code(),
            "cannot_move"
        );
        let last_of_section = moved.items[n - 1].id;
        assert_eq!(
            t.db.write(|tx| move_item(tx, last_of_section, false, today))
                .unwrap_err()
                .code(),
            "cannot_move",
            "the next item is in another section"
        );
        // Remove.
        let removed = t.db.write(|tx| remove_item(tx, new_id, today)).unwrap();
        assert_eq!(removed.progress.total, total);
        assert!(removed.items.iter().all(|i| i.id != new_id));
        // The template was never touched.
        assert_eq!(t.db.read(|c| tpl::get(c, va.id, Language::Fr)).unwrap(), {
            let mut v = va.clone();
            v.checklists = 1;
            v
        });

        // Overview: overdue items first, most late first.
        let o =
            t.db.read(|c| overview(c, &OverviewQuery::default(), today))
                .unwrap();
        assert_eq!(o.running.len(), 1);
        assert_eq!(o.running[0].progress, removed.progress);
        assert_eq!(o.overdue_items.len() as i64, removed.overdue);
        assert!(o
            .overdue_items
            .windows(2)
            .all(|w| w[0].days_late >= w[1].days_late));
        assert_eq!(
            o.overdue_items[0].days_late, 14,
            "due five days before a start on 12/01"
        );
    }

    #[test]
    fn the_overview_puts_late_checklists_first_and_finished_ones_apart() {
        let t = temp_db();
        let tpl = t.db.write(|tx| tpl::create(tx, &small_template())).unwrap();
        let today = d("2026-12-10");
        let start = |name: &str, date: &str| {
            let m = selected(
                &t,
                MemberInput {
                    name: name.into(),
                    ..lea(None, None)
                },
            );
            t.db.write(|tx| {
                super::start(
                    tx,
                    &StartInput {
                        template_id: Some(tpl.id),
                        member_id: Some(m),
                        start_date: date.into(),
                        ..Default::default()
                    },
                    Language::Fr,
                    today,
                )
            })
            .unwrap()
        };
        let future = start("Zoé", "2027-01-04");
        let late = start("Inès", "2026-12-01");
        let finished = start("Ana", "2026-12-01");
        for i in &finished.items {
            t.db.write(|tx| set_done(tx, i.id, true, today)).unwrap();
        }
        let o =
            t.db.read(|c| overview(c, &OverviewQuery::default(), today))
                .unwrap();
        let running: Vec<_> = o.running.iter().map(|s| s.id).collect();
        assert_eq!(running, [late.id, future.id]);
        assert_eq!(
            o.running[0].next_due,
            Some(d("2026-12-31")),
            "not an overdue one"
        );
        assert_eq!(o.running[1].next_due, Some(d("2027-01-04")));
        assert_eq!(o.finished.len(), 1);
        assert_eq!(o.finished[0].progress.percent, 100);
        assert!(o.overdue_items.iter().all(|x| x.checklist_id == late.id));
        let mine =
            t.db.read(|c| {
                overview(
                    c,
                    &OverviewQuery {
                        member_id: future.member_id,
                    },
                    today,
                )
            })
            .unwrap();
        assert_eq!(mine.running.len(), 1);
    }

    #[test]
    fn bad_starts_and_items_are_refused_and_nothing_is_written() {
        let t = temp_db();
        let tpl = t.db.write(|tx| tpl::create(tx, &small_template())).unwrap();
        let today = d("2026-12-10");
        let candidate =
            t.db.write(|tx| members::create(tx, &lea(None, None)))
                .unwrap();
        let codes = |input: StartInput| -> Vec<(String, &'static str)> {
            t.db.write(|tx| super::start(tx, &input, Language::Fr, today))
                .unwrap_err()
                .field_errors()
                .iter()
                .map(|e| (e.field.clone(), e.code))
                .collect()
        };
        assert_eq!(
            codes(StartInput {
                template_id: Some(tpl.id),
                member_id: Some(candidate.id),
                start_date: "".into(),
                ..Default::default()
            }),
            [
                ("start_date".to_owned(), "required"),
                ("member_id".to_owned(), "member_not_selected")
            ]
        );
        assert_eq!(
            codes(StartInput {
                template_id: Some(999),
                member_id: Some(999),
                start_date: "2026-02-30".into(),
                ..Default::default()
            }),
            [
                ("template_id".to_owned(), "not_found"),
                ("start_date".to_owned(), "invalid_date"),
                ("member_id".to_owned(), "not_found")
            ]
        );
        assert_eq!(
            codes(StartInput {
                template_id: Some(tpl.id),
                start_date: "2026-12-01".into(),
                ..Default::default()
            }),
            [("member_id".to_owned(), "required")]
        );
        let gone = selected(
            &t,
            MemberInput {
                name: "Partie".into(),
                ..lea(None, None)
            },
        );
        t.db.write(|tx| members::move_to(tx, gone, "rejected"))
            .unwrap();
        assert_eq!(
            codes(StartInput {
                template_id: Some(tpl.id),
                member_id: Some(gone),
                start_date: "2026-12-01".into(),
                ..Default::default()
            }),
            [("member_id".to_owned(), "member_archived")]
        );
        // A client template needs a client.
        let client_tpl =
            t.db.write(|tx| {
                tpl::create(
                    tx,
                    &TemplateInput {
                        kind: "client".into(),
                        ..small_template()
                    },
                )
            })
            .unwrap();
        assert_eq!(
            codes(StartInput {
                template_id: Some(client_tpl.id),
                start_date: "2026-12-01".into(),
                ..Default::default()
            }),
            [("client_id".to_owned(), "required")]
        );
        let o =
            t.db.read(|c| overview(c, &OverviewQuery::default(), today))
                .unwrap();
        assert!(o.running.is_empty() && o.finished.is_empty());
        assert_eq!(
            t.db.read(|c| members::get(c, candidate.id)).unwrap().stage,
            Stage::Candidate
        );

        // A new client's onboarding.
        let client = t.db.write(|tx| clients::create(tx, &acme())).unwrap().id;
        let k =
            t.db.write(|tx| {
                super::start(
                    tx,
                    &StartInput {
                        template_id: Some(client_tpl.id),
                        client_id: Some(client),
                        start_date: "2026-12-01".into(),
                        ..Default::default()
                    },
                    Language::Fr,
                    today,
                )
            })
            .unwrap();
        assert_eq!(k.title, "Onboarding – Atelier Lumière");
        let bad_item = AddItemInput {
            title: "".into(),
            due_date: "demain".into(),
            who: "moi".into(),
            ..Default::default()
        };
        let err =
            t.db.write(|tx| add_item(tx, k.id, &bad_item, today))
                .unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("title", "required"),
                ("who", "invalid_choice"),
                ("due_date", "invalid_date")
            ]
        );
        assert_eq!(t.db.read(|c| get(c, k.id, today)).unwrap().items.len(), 3);
        for (code, r) in [
            (
                "not_found",
                t.db.write(|tx| set_done(tx, 999, true, today)).map(|_| ()),
            ),
            (
                "not_found",
                t.db.write(|tx| remove_item(tx, 999, today)).map(|_| ()),
            ),
            (
                "not_found",
                t.db.write(|tx| move_item(tx, 999, true, today)).map(|_| ()),
            ),
            (
                "not_found",
                t.db.write(|tx| add_item(tx, 999, &AddItemInput::default(), today))
                    .map(|_| ()),
            ),
            ("not_found", t.db.write(|tx| delete(tx, 999))),
        ] {
            assert_eq!(r.unwrap_err().code(), code);
        }
    }

    proptest! {
        /// Due dates: start + offset, the right number of days either way, across
        /// month and year ends and leap days.
        #[test]
        fn due_dates(days_from_2000 in 0u64..80_000, offset in -90i64..=365) {
            let start = d("2000-01-01") + Days::new(days_from_2000);
            let due = due_date(start, offset).unwrap();
            prop_assert_eq!((due - start).num_days(), offset);
        }

        /// Progress is n/m with a percentage rounded down: 100 % only when done.
        #[test]
        fn progress(total in 0i64..500, done_frac in 0.0f64..=1.0) {
            let done = ((total as f64) * done_frac).floor() as i64;
            let p = Progress::new(done, total);
            prop_assert!(p.percent <= 100);
            prop_assert_eq!(p.percent == 100, total > 0 && done == total);
            prop_assert_eq!(p.finished(), total > 0 && done == total);
            if total > 0 {
                prop_assert!(p.percent * total <= done * 100);
                prop_assert!((p.percent + 1) * total > done * 100);
            }
        }
    }
}
