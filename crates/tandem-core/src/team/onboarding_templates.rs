//! Onboarding templates: ordered sections of ordered items (title, details, link,
//! due offset in days from the start date, who does it). Two are built in and
//! read-only ("Nouvelle recrue VA", "Nouveau client"); the user duplicates them or
//! writes her own. A template is saved whole: its sections and items are replaced
//! in one transaction, so reordering is just saving them in the new order.
//!
//! The built-in templates are stored in French (seeded by `0003_team.sql`) and
//! read in the UI's language: in English, [`localized`] gives them the English
//! text of [`BUILTIN_EN`], matched by their built-in code and by position. They
//! are read-only, so their stored rows are always the seed that text translates;
//! a copy (duplicate, or a checklist started from one) takes the text it was read
//! in. The user's own templates are her text and are never translated.

use super::{check_link, TemplateKind, Who, MAX_ITEMS};
use crate::db::NOW;
use crate::error::{Error, FieldError, Result};
use crate::locale::{pick, Language};
use crate::paging::{Page, PageQuery, SortKey};
use crate::validate::{self, Checker, Form, Need, Quantity, LINE_MAX, NOTES_MAX};
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

pub struct CheckedItem {
    pub title: String,
    pub details: Option<String>,
    pub link: Option<String>,
    pub due_offset_days: Option<i64>,
    pub who: Who,
}

/// A checked template form.
pub struct Fields {
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

impl Form for TemplateInput {
    type Parsed = Fields;
    fn check(&self, _: &Connection, _: Option<i64>, c: &mut Checker) -> Result<Fields> {
        Ok(check(self, c))
    }
}

fn check(input: &TemplateInput, c: &mut Checker) -> Fields {
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
            .map(|(j, item)| check_item(c, &format!("sections.{i}.items.{j}."), item))
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
    Fields {
        name,
        kind,
        description,
        sections,
    }
}

/// Field errors of a template form, for validation as the user types.
pub fn validate(conn: &Connection, input: &TemplateInput) -> Result<Vec<FieldError>> {
    validate::errors(conn, input, None)
}

/// A template in `lang`: a built-in one translated, the user's own as written.
pub fn get(conn: &Connection, id: i64, lang: Language) -> Result<Template> {
    Ok(localized(stored(conn, id)?, lang))
}

/// A template as stored (built-in ones in French).
fn stored(conn: &Connection, id: i64) -> Result<Template> {
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

/// One page of templates in `lang`, each whole (sections and items).
pub fn list(conn: &Connection, q: &TemplateQuery, lang: Language) -> Result<Page<Template>> {
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
    let mut items = ids
        .into_iter()
        .map(|id| get(conn, id, lang))
        .collect::<Result<Vec<_>>>()?;
    // Built-in ones by their name in `lang` (the SQL sorted the French names).
    let builtin = items.iter().take_while(|t| t.builtin.is_some()).count();
    items[..builtin].sort_by_key(|t| t.name.to_lowercase());
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
    let f = validate::parse(conn, input, None)?;
    conn.execute(
        &format!(
            "INSERT INTO onboarding_templates (name, kind, description, created_at, updated_at)
             VALUES (?1, ?2, ?3, {NOW}, {NOW})"
        ),
        (&f.name, f.kind, &f.description),
    )?;
    let id = conn.last_insert_rowid();
    write_sections(conn, id, &f.sections)?;
    stored(conn, id)
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
    refuse_builtin(&stored(conn, id)?)?;
    let f = validate::parse(conn, input, Some(id))?;
    conn.execute(
        &format!(
            "UPDATE onboarding_templates SET name = ?2, kind = ?3, description = ?4,
               updated_at = {NOW} WHERE id = ?1"
        ),
        (id, &f.name, f.kind, &f.description),
    )?;
    write_sections(conn, id, &f.sections)?;
    stored(conn, id)
}

/// An editable copy, "<name> (copie)", of any template (built-in ones included),
/// written in `lang` (a built-in template is copied in the language it is read in).
pub fn duplicate(conn: &Connection, id: i64, lang: Language) -> Result<Template> {
    let t = get(conn, id, lang)?;
    let suffix = pick(lang, " (copie)", " (copy)");
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
    stored(conn, new_id)
}

/// Deletes one of the user's templates, even one in use: checklists started from
/// it are copies and keep every item (they only forget where they came from).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    refuse_builtin(&stored(conn, id)?)?;
    conn.execute("DELETE FROM onboarding_templates WHERE id = ?1", [id])?;
    Ok(())
}

/// An item's (title, details).
pub type BuiltinItem = (&'static str, Option<&'static str>);
/// A section's title and items.
pub type BuiltinSection = (&'static str, &'static [BuiltinItem]);

/// The English text of a built-in template seeded in French by `0003_team.sql`:
/// its name, description, and each section's title with its items' (title,
/// details), in the seeded order.
pub struct BuiltinText {
    pub code: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub sections: &'static [BuiltinSection],
}

/// The built-in templates in English.
pub const BUILTIN_EN: &[BuiltinText] = &[
    BuiltinText {
        code: "new_va",
        name: "New VA recruit",
        description: "Welcome a virtual assistant into a client's team: access, processes, first tasks and check-ins.",
        sections: &[
            ("Before the first day", &[
                ("Send the service contract and the job description", Some("Missions, hours, pay, confidentiality.")),
                ("Sign the contract and send billing details", None),
                ("Introduce the recruit to the team", Some("A welcome message in the team's communication tool.")),
            ]),
            ("Access and tools", &[
                ("Create the e-mail address and accounts", Some("Mailbox, shared calendar, project management tool.")),
                ("Share access (password manager)", Some("Never a password by e-mail.")),
                ("Log in to each tool and confirm access", None),
            ]),
            ("Processes to read", &[
                ("Read the team guide and the communication charter", None),
                ("Read the processes of her missions (e-mails, calendar, customer service)", None),
            ]),
            ("First tasks", &[
                ("Do a first task with guidance", Some("Sorting e-mails or booking appointments, with a review.")),
                ("Give detailed feedback on the first task", None),
            ]),
            ("Check-ins", &[
                ("End of first week check-in", Some("Questions, blockers, adjustments.")),
                ("End of first month review", Some("Quality, deadlines, communication; decide what comes next.")),
            ]),
        ],
    },
    BuiltinText {
        code: "new_client",
        name: "New client",
        description: "Start a collaboration: signed quote, access to tools, kick-off call and first deliverables.",
        sections: &[
            ("Contract", &[
                ("Receive the signed quote", Some("Dated and signed approval.")),
                ("Send the deposit invoice", None),
                ("Receive the onboarding questionnaire", Some("Business, offers, tools, priorities, communication habits.")),
            ]),
            ("Access to tools", &[
                ("Get access to the mailbox and calendar", None),
                ("Get access to the tools (drive, project management, social media)", Some("By invitation or through a password manager.")),
                ("Check every access", None),
            ]),
            ("Kick-off", &[
                ("Kick-off call", Some("Goals, first month's priorities, communication rules.")),
                ("Send the minutes and the first month's plan", None),
            ]),
            ("Follow-up", &[
                ("First weekly check-in", None),
                ("First month review", Some("Hours used, results, scope adjustments.")),
            ]),
        ],
    },
];

/// Whether `text` translates `t` item for item (same sections, same item counts).
fn same_shape(t: &Template, text: &BuiltinText) -> bool {
    t.sections.len() == text.sections.len()
        && t.sections
            .iter()
            .zip(text.sections)
            .all(|(s, (_, items))| s.items.len() == items.len())
}

/// The template as read in `lang`. In English a built-in template takes its
/// English text; anything else (French, the user's own templates, a built-in code
/// without a translation of the same shape) is returned as stored.
pub fn localized(mut t: Template, lang: Language) -> Template {
    if lang == Language::Fr {
        return t;
    }
    let Some(text) = t
        .builtin
        .as_deref()
        .and_then(|code| BUILTIN_EN.iter().find(|b| b.code == code))
    else {
        return t;
    };
    if !same_shape(&t, text) {
        return t;
    }
    t.name = text.name.to_owned();
    t.description = Some(text.description.to_owned());
    for (s, (title, items)) in t.sections.iter_mut().zip(text.sections) {
        s.title = (*title).to_owned();
        for (i, (title, details)) in s.items.iter_mut().zip(*items) {
            i.title = (*title).to_owned();
            i.details = details.map(str::to_owned);
        }
    }
    t
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::testing::temp_db;

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
            t.db.read(|c| list(c, &TemplateQuery::default(), Language::Fr))
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
        let copy = t.db.write(|tx| duplicate(tx, va.id, Language::Fr)).unwrap();
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
            t.db.read(|c| get(c, tpl.id, Language::Fr))
                .unwrap_err()
                .code(),
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
        assert_eq!(
            t.db.read(|c| validate(c, &empty)).unwrap()[0].code,
            "empty_template"
        );
        let empty_section = TemplateInput {
            sections: vec![SectionInput {
                title: "Vide".into(),
                items: vec![],
            }],
            ..small_template()
        };
        assert_eq!(
            t.db.read(|c| list(c, &TemplateQuery::default(), Language::Fr))
                .unwrap()
                .total,
            2,
            "only the built-in ones"
        );
        assert_eq!(
            t.db.read(|c| validate(c, &empty_section)).unwrap()[0].code,
            "empty_section"
        );
        assert_eq!(
            t.db.write(|tx| duplicate(tx, 999, Language::Fr))
                .unwrap_err()
                .code(),
            "not_found"
        );
    }

    /// In English the built-in templates read in English, item for item over the
    /// French seed (same ids, offsets and who); a copy is made in English; the
    /// user's own templates are never translated.
    #[test]
    fn builtin_templates_read_in_english() {
        let t = temp_db();
        let all = |lang| {
            t.db.read(|c| list(c, &TemplateQuery::default(), lang))
                .unwrap()
                .items
        };
        let (fr, en) = (all(Language::Fr), all(Language::En));
        let names: Vec<_> = en.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["New client", "New VA recruit"]);
        for text in BUILTIN_EN {
            let f = fr.iter().find(|t| t.builtin.as_deref() == Some(text.code));
            let f = f.expect("every translated code is seeded");
            assert!(
                same_shape(f, text),
                "{} no longer matches its seed",
                text.code
            );
            let e = en.iter().find(|t| t.id == f.id).unwrap();
            for (fs, es) in f.sections.iter().zip(&e.sections) {
                assert_eq!(fs.id, es.id);
                assert_ne!(fs.title, es.title);
                for (fi, ei) in fs.items.iter().zip(&es.items) {
                    assert_eq!(
                        (fi.id, fi.due_offset_days, fi.who, &fi.link),
                        (ei.id, ei.due_offset_days, ei.who, &ei.link)
                    );
                    assert_eq!(fi.details.is_some(), ei.details.is_some(), "{}", fi.title);
                }
            }
        }
        assert_eq!(fr.len(), BUILTIN_EN.len(), "every built-in has its English");
        let va = en
            .iter()
            .find(|t| t.builtin.as_deref() == Some("new_va"))
            .unwrap();
        assert_eq!(va.sections[1].title, "Access and tools");
        assert_eq!(
            t.db.read(|c| get(c, va.id, Language::En)).unwrap(),
            va.clone()
        );
        let copy = t.db.write(|tx| duplicate(tx, va.id, Language::En)).unwrap();
        assert_eq!(copy.name, "New VA recruit (copy)");
        assert_eq!(
            copy.sections[1].items[1].title,
            "Share access (password manager)"
        );
        // Her own template (here the English copy) reads the same in French.
        assert_eq!(t.db.read(|c| get(c, copy.id, Language::Fr)).unwrap(), copy);
        let own = t.db.write(|tx| create(tx, &small_template())).unwrap();
        assert_eq!(t.db.read(|c| get(c, own.id, Language::En)).unwrap(), own);
    }
}
