//! Onboarding templates: ordered sections of ordered items (title, details, link,
//! due offset in days from the start date, who does it). Two are built in and
//! read-only ("Nouvelle recrue VA", "Nouveau client"); the user duplicates them or
//! writes her own. A template is saved whole: its sections and items are replaced
//! in one transaction, so reordering is just saving them in the new order.

use super::{check_link, TemplateKind, Who, MAX_ITEMS};
use crate::db::NOW;
use crate::error::{Error, FieldError, Result};
use crate::paging::{Page, PageQuery, SortKey};
use crate::validate::{Checker, Need, Quantity, LINE_MAX, NOTES_MAX};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Due offsets run from 90 days before the start date to a year after it.
pub const DUE_OFFSET: std::ops::RangeInclusive<i64> = -90..=365;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TemplateInput {
    pub name: String,
    pub kind: String,
    pub description: String,
    pub sections: Vec<SectionInput>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SectionInput {
    pub title: String,
    pub items: Vec<ItemInput>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ItemInput {
    pub title: String,
    pub details: String,
    pub link: String,
    /// Days after the start date, as typed ("3", "-2"); empty: no due date.
    pub due_offset: String,
    pub who: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Template {
    pub id: i64,
    pub name: String,
    pub kind: TemplateKind,
    pub description: Option<String>,
    /// The built-in code (read-only template), or `None` for the user's own.
    pub builtin: Option<String>,
    pub sections: Vec<Section>,
    pub item_count: i64,
    /// Checklists started from it (they are copies: deleting it touches none).
    pub checklists: i64,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    pub id: i64,
    pub title: String,
    pub items: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub id: i64,
    pub title: String,
    pub details: Option<String>,
    pub link: Option<String>,
    pub due_offset_days: Option<i64>,
    pub who: Who,
}

pub(crate) struct CheckedItem {
    pub title: String,
    pub details: Option<String>,
    pub link: Option<String>,
    pub due_offset_days: Option<i64>,
    pub who: Who,
}

struct Fields {
    name: String,
    kind: TemplateKind,
    description: Option<String>,
    sections: Vec<(String, Vec<CheckedItem>)>,
}

/// One item's fields, errors named `{prefix}title`, `{prefix}due_offset` …
pub(crate) fn check_item(c: &mut Checker, prefix: &str, item: &ItemInput) -> CheckedItem {
    let f = |n: &str| format!("{prefix}{n}");
    CheckedItem {
        title: c
            .line(&f("title"), &item.title, Need::Required)
            .unwrap_or_default(),
        details: c.text(&f("details"), &item.details, Need::Optional, NOTES_MAX),
        link: check_link(c, &f("link"), &item.link),
        due_offset_days: c.number(
            &f("due_offset"),
            &item.due_offset,
            Need::Optional,
            Quantity::Days,
            DUE_OFFSET,
        ),
        who: c
            .choice(&f("who"), &item.who, Need::Required)
            .unwrap_or(Who::RightHand),
    }
}

fn check(input: &TemplateInput) -> (Checker, Fields) {
    let mut c = Checker::new();
    let name = c
        .line("name", &input.name, Need::Required)
        .unwrap_or_default();
    let kind = c
        .choice("kind", &input.kind, Need::Required)
        .unwrap_or(TemplateKind::Recruit);
    let description = c.text(
        "description",
        &input.description,
        Need::Optional,
        LINE_MAX * 5,
    );
    let mut sections = Vec::new();
    let mut count = 0;
    for (i, s) in input.sections.iter().enumerate() {
        let title = c
            .line(&format!("sections.{i}.title"), &s.title, Need::Required)
            .unwrap_or_default();
        let items: Vec<_> = s
            .items
            .iter()
            .enumerate()
            .map(|(j, item)| check_item(&mut c, &format!("sections.{i}.items.{j}."), item))
            .collect();
        if items.is_empty() {
            c.push(
                &format!("sections.{i}.title"),
                "empty_section",
                "a section needs at least one item",
            );
        }
        count += items.len();
        sections.push((title, items));
    }
    if sections.is_empty() {
        c.push(
            "sections",
            "empty_template",
            "a template needs at least one item",
        );
    } else if count > MAX_ITEMS {
        c.push(
            "sections",
            "too_many_items",
            format!("more than {MAX_ITEMS} items"),
        );
    }
    (
        c,
        Fields {
            name,
            kind,
            description,
            sections,
        },
    )
}

/// Field errors of a template form, for validation as the user types.
pub fn validate(input: &TemplateInput) -> Vec<FieldError> {
    check(input).0.into_errors()
}

pub fn get(conn: &Connection, id: i64) -> Result<Template> {
    let head = conn
        .query_row(
            "SELECT t.id, t.name, t.kind, t.description, t.builtin, t.created_at, t.updated_at,
                    (SELECT count(*) FROM onboarding_checklists k WHERE k.template_id = t.id)
             FROM onboarding_templates t WHERE t.id = ?1",
            [id],
            |r| {
                Ok(Template {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    description: r.get(3)?,
                    builtin: r.get(4)?,
                    created_at: r.get(5)?,
                    updated_at: r.get(6)?,
                    checklists: r.get(7)?,
                    sections: Vec::new(),
                    item_count: 0,
                })
            },
        )
        .optional()?;
    let mut t = head.ok_or(Error::NotFound {
        entity: "onboarding_template",
        id,
        field: None,
    })?;
    let mut st = conn.prepare_cached(
        "SELECT s.id, s.title, i.id, i.title, i.details, i.link, i.due_offset_days, i.who
         FROM onboarding_template_sections s
         LEFT JOIN onboarding_template_items i ON i.section_id = s.id
         WHERE s.template_id = ?1
         ORDER BY s.position, i.position",
    )?;
    let mut rows = st.query([id])?;
    while let Some(r) = rows.next()? {
        let sid: i64 = r.get(0)?;
        if t.sections.last().map(|s| s.id) != Some(sid) {
            t.sections.push(Section {
                id: sid,
                title: r.get(1)?,
                items: Vec::new(),
            });
        }
        if let Some(iid) = r.get::<_, Option<i64>>(2)? {
            let section = t.sections.last_mut().expect("pushed above");
            section.items.push(Item {
                id: iid,
                title: r.get(3)?,
                details: r.get(4)?,
                link: r.get(5)?,
                due_offset_days: r.get(6)?,
                who: r.get(7)?,
            });
        }
    }
    t.item_count = t.sections.iter().map(|s| s.items.len() as i64).sum();
    Ok(t)
}

/// The templates' one order: built-in ones first, then the user's by name.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TemplateSort {
    #[default]
    Name,
}

impl SortKey for TemplateSort {}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TemplateQuery {
    /// `search` matches the name.
    #[serde(flatten)]
    pub paging: PageQuery<TemplateSort>,
}

/// One page of templates, each whole (sections and items).
pub fn list(conn: &Connection, q: &TemplateQuery) -> Result<Page<Template>> {
    let p = &q.paging;
    p.check()?;
    // ?1 search, ?2 limit, ?3 offset.
    let filter = "(?1 = '%%' OR name LIKE ?1 ESCAPE '\\')";
    let pattern = p.pattern();
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM onboarding_templates WHERE {filter}"),
        [&pattern],
        |r| r.get(0),
    )?;
    let dir = p.direction.sql();
    let order = match p.sort {
        TemplateSort::Name => format!("builtin IS NULL, name COLLATE NOCASE {dir}, id {dir}"),
    };
    let ids: Vec<i64> = conn
        .prepare_cached(&format!(
            "SELECT id FROM onboarding_templates WHERE {filter}
             ORDER BY {order} LIMIT ?2 OFFSET ?3"
        ))?
        .query_map(rusqlite::params![pattern, p.limit(), p.offset()], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    let items = ids
        .into_iter()
        .map(|id| get(conn, id))
        .collect::<Result<_>>()?;
    Ok(p.page_of(items, total))
}

fn write_sections(
    conn: &Connection,
    id: i64,
    sections: &[(String, Vec<CheckedItem>)],
) -> Result<()> {
    conn.execute(
        "DELETE FROM onboarding_template_sections WHERE template_id = ?1",
        [id],
    )?;
    let mut add_section = conn.prepare_cached(
        "INSERT INTO onboarding_template_sections (template_id, position, title) VALUES (?1, ?2, ?3)",
    )?;
    let mut add_item = conn.prepare_cached(
        "INSERT INTO onboarding_template_items
           (section_id, position, title, details, link, due_offset_days, who)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, (title, items)) in sections.iter().enumerate() {
        add_section.execute((id, i as i64, title))?;
        let sid = conn.last_insert_rowid();
        for (j, it) in items.iter().enumerate() {
            add_item.execute((
                sid,
                j as i64,
                &it.title,
                &it.details,
                &it.link,
                it.due_offset_days,
                it.who,
            ))?;
        }
    }
    Ok(())
}

pub fn create(conn: &Connection, input: &TemplateInput) -> Result<Template> {
    let (c, f) = check(input);
    c.finish()?;
    conn.execute(
        &format!(
            "INSERT INTO onboarding_templates (name, kind, description, created_at, updated_at)
             VALUES (?1, ?2, ?3, {NOW}, {NOW})"
        ),
        (&f.name, f.kind, &f.description),
    )?;
    let id = conn.last_insert_rowid();
    write_sections(conn, id, &f.sections)?;
    get(conn, id)
}

fn refuse_builtin(t: &Template) -> Result<()> {
    if t.builtin.is_some() {
        return Err(Error::field(
            "name",
            "template_builtin",
            format!("{} is built in: duplicate it to change it", t.name),
        ));
    }
    Ok(())
}

/// Replaces the template's name, sections and items (in the order given).
/// Running checklists are copies and do not change.
pub fn update(conn: &Connection, id: i64, input: &TemplateInput) -> Result<Template> {
    refuse_builtin(&get(conn, id)?)?;
    let (c, f) = check(input);
    c.finish()?;
    conn.execute(
        &format!(
            "UPDATE onboarding_templates SET name = ?2, kind = ?3, description = ?4,
               updated_at = {NOW} WHERE id = ?1"
        ),
        (id, &f.name, f.kind, &f.description),
    )?;
    write_sections(conn, id, &f.sections)?;
    get(conn, id)
}

/// An editable copy, "<name> (copie)", of any template (built-in ones included).
pub fn duplicate(conn: &Connection, id: i64) -> Result<Template> {
    let t = get(conn, id)?;
    let suffix = " (copie)";
    let mut name: String = t.name.chars().take(LINE_MAX - suffix.len()).collect();
    name.push_str(suffix);
    conn.execute(
        &format!(
            "INSERT INTO onboarding_templates (name, kind, description, created_at, updated_at)
             VALUES (?1, ?2, ?3, {NOW}, {NOW})"
        ),
        (&name, t.kind, &t.description),
    )?;
    let new_id = conn.last_insert_rowid();
    let sections: Vec<_> = t
        .sections
        .into_iter()
        .map(|s| {
            let items = s
                .items
                .into_iter()
                .map(|i| CheckedItem {
                    title: i.title,
                    details: i.details,
                    link: i.link,
                    due_offset_days: i.due_offset_days,
                    who: i.who,
                })
                .collect();
            (s.title, items)
        })
        .collect();
    write_sections(conn, new_id, &sections)?;
    get(conn, new_id)
}

/// Deletes one of the user's templates, even one in use: checklists started from
/// it are copies and keep every item (they only forget where they came from).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    refuse_builtin(&get(conn, id)?)?;
    conn.execute("DELETE FROM onboarding_templates WHERE id = ?1", [id])?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::db::testing::temp_db;

    pub fn item(title: &str, offset: &str, who: &str) -> ItemInput {
        ItemInput {
            title: title.into(),
            due_offset: offset.into(),
            who: who.into(),
            ..Default::default()
        }
    }

    pub fn small_template() -> TemplateInput {
        TemplateInput {
            name: "Recrue express".into(),
            kind: "recruit".into(),
            description: String::new(),
            sections: vec![
                SectionInput {
                    title: "Accès".into(),
                    items: vec![
                        item("Créer les comptes", "0", "right_hand"),
                        ItemInput {
                            link: "https://exemple.fr/guide".into(),
                            details: "Lire en entier.".into(),
                            ..item("Lire le guide", "2", "recruit")
                        },
                    ],
                },
                SectionInput {
                    title: "Suivi".into(),
                    items: vec![item("Point à un mois", "30", "right_hand")],
                },
            ],
        }
    }

    #[test]
    fn builtin_templates_are_there_and_read_only() {
        let t = temp_db();
        let all =
            t.db.read(|c| list(c, &TemplateQuery::default()))
                .unwrap()
                .items;
        let names: Vec<_> = all.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Nouveau client", "Nouvelle recrue VA"]);
        let va = all
            .iter()
            .find(|t| t.builtin.as_deref() == Some("new_va"))
            .unwrap();
        assert_eq!(va.kind, TemplateKind::Recruit);
        assert!(va.item_count >= 10);
        assert_eq!(va.sections[1].title, "Accès et outils");
        let client = all
            .iter()
            .find(|t| t.builtin.as_deref() == Some("new_client"))
            .unwrap();
        assert!(client
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .any(|i| i.title.contains("devis signé")));
        let err =
            t.db.write(|tx| update(tx, va.id, &small_template()))
                .unwrap_err();
        assert_eq!(err.code(), "template_builtin");
        assert_eq!(
            t.db.write(|tx| delete(tx, va.id)).unwrap_err().code(),
            "template_builtin"
        );
        // Duplicating makes an editable copy with the same content.
        let copy = t.db.write(|tx| duplicate(tx, va.id)).unwrap();
        assert_eq!(copy.name, "Nouvelle recrue VA (copie)");
        assert_eq!(copy.builtin, None);
        assert_eq!(copy.item_count, va.item_count);
        assert_eq!(copy.sections[4].items[1].due_offset_days, Some(30));
        t.db.write(|tx| update(tx, copy.id, &small_template()))
            .unwrap();
    }

    #[test]
    fn create_reorder_edit_delete() {
        let t = temp_db();
        let tpl = t.db.write(|tx| create(tx, &small_template())).unwrap();
        assert_eq!(tpl.item_count, 3);
        assert_eq!(
            tpl.sections[0].items[1].link.as_deref(),
            Some("https://exemple.fr/guide")
        );
        // Reorder: the second section first, items of the first swapped.
        let mut input = small_template();
        input.sections.reverse();
        input.sections[1].items.reverse();
        let re = t.db.write(|tx| update(tx, tpl.id, &input)).unwrap();
        assert_eq!(re.sections[0].title, "Suivi");
        assert_eq!(re.sections[1].items[0].title, "Lire le guide");
        t.db.write(|tx| delete(tx, tpl.id)).unwrap();
        assert_eq!(
            t.db.read(|c| get(c, tpl.id)).unwrap_err().code(),
            "not_found"
        );
        assert_eq!(
            t.db.write(|tx| delete(tx, tpl.id)).unwrap_err().code(),
            "not_found"
        );
    }

    #[test]
    fn bad_templates_are_refused_and_nothing_is_written() {
        let t = temp_db();
        let mut bad = small_template();
        bad.name = " ".into();
        bad.sections[0].items[0].title = "".into();
        bad.sections[0].items[1].due_offset = "400".into();
        bad.sections[0].items[1].link = "file:///etc/passwd".into();
        bad.sections[1].items[0].due_offset = "trois".into();
        bad.sections[1].items[0].who = "boss".into();
        let err = t.db.write(|tx| create(tx, &bad)).unwrap_err();
        let fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("name", "required"),
                ("sections.0.items.0.title", "required"),
                ("sections.0.items.1.link", "invalid_link"),
                ("sections.0.items.1.due_offset", "out_of_range"),
                ("sections.1.items.0.due_offset", "invalid_integer"),
                ("sections.1.items.0.who", "invalid_choice"),
            ]
        );
        let empty = TemplateInput {
            sections: vec![],
            ..small_template()
        };
        assert_eq!(validate(&empty)[0].code, "empty_template");
        let empty_section = TemplateInput {
            sections: vec![SectionInput {
                title: "Vide".into(),
                items: vec![],
            }],
            ..small_template()
        };
        assert_eq!(validate(&empty_section)[0].code, "empty_section");
        assert_eq!(
            t.db.read(|c| list(c, &TemplateQuery::default()))
                .unwrap()
                .total,
            2,
            "only the built-in ones"
        );
        assert_eq!(
            t.db.write(|tx| duplicate(tx, 999)).unwrap_err().code(),
            "not_found"
        );
    }
}
