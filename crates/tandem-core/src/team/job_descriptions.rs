//! Job descriptions ("fiches de poste"): for a client's business or the user's own,
//! written from a built-in template or from scratch, exported as Markdown or plain
//! text for a job board (and as a PDF through the document engine).

use super::{check_lines, check_pay, pay_text, JobStatus, PayUnit};
use crate::catalog::Currency;
use crate::clients;
use crate::db::NOW;
use crate::error::{Error, FieldError, Result};
use crate::locale::{self, pick, Language};
use crate::paging::{Page, PageQuery, SortKey};
use crate::validate::{self, Checker, Form, Need, Quantity, NOTES_MAX};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, ToSql};
use serde::{Deserialize, Serialize};

/// The job-description form as typed. Lists (missions, tasks …) are one item a line.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct JobDescriptionInput {
    /// `None`: the user's own business.
    pub client_id: Option<i64>,
    pub title: String,
    /// The built-in template it started from (informative), or empty.
    pub template: String,
    pub context: String,
    pub missions: String,
    pub tasks: String,
    pub skills: String,
    pub qualities: String,
    pub tools: String,
    pub hours_per_week: String,
    pub pay_amount: String,
    pub pay_unit: String,
    pub pricing_notes: String,
    pub start_date: String,
    pub status: String,
    pub onboarding_template_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JobDescription {
    pub id: i64,
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    /// The client's currency, or EUR for the user's own business.
    pub currency: Currency,
    pub title: String,
    pub template: Option<String>,
    pub context: Option<String>,
    pub missions: Vec<String>,
    pub tasks: Vec<String>,
    pub skills: Vec<String>,
    pub qualities: Vec<String>,
    pub tools: Vec<String>,
    pub hours_per_week_minutes: Option<i64>,
    pub pay_unit: Option<PayUnit>,
    pub pay_cents: Option<i64>,
    pub pricing_notes: Option<String>,
    pub start_date: Option<NaiveDate>,
    pub status: JobStatus,
    pub onboarding_template_id: Option<i64>,
    pub onboarding_template_name: Option<String>,
    /// Recruits and members linked to it.
    pub members: i64,
    pub created_at: String,
    pub updated_at: String,
}

/// A checked job description form.
pub struct Fields {
    client_id: Option<i64>,
    title: String,
    template: Option<String>,
    context: Option<String>,
    missions: Vec<String>,
    tasks: Vec<String>,
    skills: Vec<String>,
    qualities: Vec<String>,
    tools: Vec<String>,
    hours: Option<i64>,
    pay_unit: Option<PayUnit>,
    pay_cents: Option<i64>,
    pricing_notes: Option<String>,
    start_date: Option<NaiveDate>,
    status: JobStatus,
    onboarding_template_id: Option<i64>,
}

/// Checks what needs no database (as the user types, before a client is chosen).
fn check_fields(c: &mut Checker, input: &JobDescriptionInput) -> Fields {
    let title = c
        .line("title", &input.title, Need::Required)
        .unwrap_or_default();
    let (pay_cents, pay_unit) = check_pay(c, &input.pay_amount, &input.pay_unit);
    Fields {
        client_id: input.client_id,
        title,
        template: c.line("template", &input.template, Need::Optional),
        context: c.text("context", &input.context, Need::Optional, NOTES_MAX),
        missions: check_lines(c, "missions", &input.missions),
        tasks: check_lines(c, "tasks", &input.tasks),
        skills: check_lines(c, "skills", &input.skills),
        qualities: check_lines(c, "qualities", &input.qualities),
        tools: check_lines(c, "tools", &input.tools),
        hours: c.number(
            "hours_per_week",
            &input.hours_per_week,
            Need::Optional,
            Quantity::Hours,
            1..=80 * 60,
        ),
        pay_unit,
        pay_cents,
        pricing_notes: c.text(
            "pricing_notes",
            &input.pricing_notes,
            Need::Optional,
            NOTES_MAX,
        ),
        start_date: c.date("start_date", &input.start_date, Need::Optional),
        status: c
            .choice("status", &input.status, Need::Required)
            .unwrap_or(JobStatus::Draft),
        onboarding_template_id: input.onboarding_template_id,
    }
}

impl Form for JobDescriptionInput {
    type Parsed = Fields;
    fn check(&self, conn: &Connection, editing: Option<i64>, c: &mut Checker) -> Result<Fields> {
        check(conn, self, editing, c)
    }
}

fn check(
    conn: &Connection,
    input: &JobDescriptionInput,
    editing: Option<i64>,
    c: &mut Checker,
) -> Result<Fields> {
    // Editing the job of a client archived since stays possible; moving it to an
    // archived client does not.
    let keeps = match editing {
        Some(id) => get(conn, id)?.client_id,
        None => None,
    };
    let client = clients::require_active(conn, c, input.client_id, Need::Optional, keeps)?;
    let mut f = check_fields(c, input);
    f.client_id = client.map(|k| k.id);
    if let Some(t) = f.onboarding_template_id {
        let exists: Option<i64> = conn
            .query_row(
                "SELECT id FROM onboarding_templates WHERE id = ?1",
                [t],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_none() {
            c.push(
                "onboarding_template_id",
                "not_found",
                format!("onboarding template {t} not found"),
            );
        }
    }
    Ok(f)
}

/// Field errors of the form, checking the client and template exist. Writes nothing.
pub fn validate(
    conn: &Connection,
    input: &JobDescriptionInput,
    editing: Option<i64>,
) -> Result<Vec<FieldError>> {
    validate::errors(conn, input, editing)
}

const SELECT: &str = "SELECT j.id, j.client_id, c.name, coalesce(c.currency, 'EUR'), j.title,
        j.template, j.context, j.missions, j.tasks, j.skills, j.qualities, j.tools,
        j.hours_per_week_minutes, j.pay_unit, j.pay_cents, j.pricing_notes, j.start_date,
        j.status, j.onboarding_template_id, t.name,
        (SELECT count(*) FROM team_members m WHERE m.job_description_id = j.id),
        j.created_at, j.updated_at
    FROM job_descriptions j
    LEFT JOIN clients c ON c.id = j.client_id
    LEFT JOIN onboarding_templates t ON t.id = j.onboarding_template_id";

fn split(v: Option<String>) -> Vec<String> {
    v.map(|s| s.lines().map(str::to_owned).collect())
        .unwrap_or_default()
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<JobDescription> {
    Ok(JobDescription {
        id: r.get(0)?,
        client_id: r.get(1)?,
        client_name: r.get(2)?,
        currency: r.get(3)?,
        title: r.get(4)?,
        template: r.get(5)?,
        context: r.get(6)?,
        missions: split(r.get(7)?),
        tasks: split(r.get(8)?),
        skills: split(r.get(9)?),
        qualities: split(r.get(10)?),
        tools: split(r.get(11)?),
        hours_per_week_minutes: r.get(12)?,
        pay_unit: r.get(13)?,
        pay_cents: r.get(14)?,
        pricing_notes: r.get(15)?,
        start_date: r.get(16)?,
        status: r.get(17)?,
        onboarding_template_id: r.get(18)?,
        onboarding_template_name: r.get(19)?,
        members: r.get(20)?,
        created_at: r.get(21)?,
        updated_at: r.get(22)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<JobDescription> {
    conn.query_row(&format!("{SELECT} WHERE j.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            entity: "job_description",
            id,
            field: None,
        })
}

const WRITTEN: &str = "client_id, title, template, context, missions, tasks, skills, qualities,
    tools, hours_per_week_minutes, pay_unit, pay_cents, pricing_notes, start_date, status,
    onboarding_template_id";
const PLACEHOLDERS: &str = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16";

fn join(lines: &[String]) -> Option<String> {
    (!lines.is_empty()).then(|| lines.join("\n"))
}

fn save_row(conn: &Connection, id: Option<i64>, f: &Fields) -> Result<i64> {
    let lists = [
        join(&f.missions),
        join(&f.tasks),
        join(&f.skills),
        join(&f.qualities),
        join(&f.tools),
    ];
    let mut values: Vec<&dyn ToSql> = vec![
        &f.client_id,
        &f.title,
        &f.template,
        &f.context,
        &lists[0],
        &lists[1],
        &lists[2],
        &lists[3],
        &lists[4],
        &f.hours,
        &f.pay_unit,
        &f.pay_cents,
        &f.pricing_notes,
        &f.start_date,
        &f.status,
        &f.onboarding_template_id,
    ];
    match id {
        None => {
            conn.execute(
                &format!(
                    "INSERT INTO job_descriptions ({WRITTEN}, created_at, updated_at)
                     VALUES ({PLACEHOLDERS}, {NOW}, {NOW})"
                ),
                values.as_slice(),
            )?;
            Ok(conn.last_insert_rowid())
        }
        Some(id) => {
            values.push(&id);
            conn.execute(
                &format!(
                    "UPDATE job_descriptions SET ({WRITTEN}) = ({PLACEHOLDERS}), updated_at = {NOW}
                     WHERE id = ?{}",
                    values.len()
                ),
                values.as_slice(),
            )?;
            Ok(id)
        }
    }
}

pub fn create(conn: &Connection, input: &JobDescriptionInput) -> Result<JobDescription> {
    let f = validate::parse(conn, input, None)?;
    let id = save_row(conn, None, &f)?;
    get(conn, id)
}

pub fn update(conn: &Connection, id: i64, input: &JobDescriptionInput) -> Result<JobDescription> {
    let f = validate::parse(conn, input, Some(id))?;
    save_row(conn, Some(id), &f)?;
    get(conn, id)
}

/// Deleting a job description unlinks its recruits (they keep their history).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    get(conn, id)?;
    conn.execute("DELETE FROM job_descriptions WHERE id = ?1", [id])?;
    Ok(())
}

/// The job descriptions' one order: open ones first, then drafts, then filled;
/// newest first within a status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobSort {
    #[default]
    Status,
}

impl SortKey for JobSort {}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct JobQuery {
    /// Only this client's (ignored when `own_business`).
    pub client_id: Option<i64>,
    /// Only the user's own business.
    pub own_business: bool,
    pub status: Option<String>,
    /// `search` matches the title.
    #[serde(flatten)]
    pub paging: PageQuery<JobSort>,
}

/// One page of job descriptions.
pub fn list(conn: &Connection, q: &JobQuery) -> Result<Page<JobDescription>> {
    let p = &q.paging;
    p.check()?;
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            <JobStatus as crate::catalog::Code>::parse(s).ok_or_else(|| {
                Error::field("status", "invalid_choice", format!("{s:?} is not a status"))
            })?,
        ),
    };
    // ?1 client, ?2 own business only, ?3 status, ?4 search, ?5 limit, ?6 offset.
    let filter = "(?1 IS NULL OR j.client_id = ?1) AND (?2 = 0 OR j.client_id IS NULL)
           AND (?3 IS NULL OR j.status = ?3) AND (?4 = '%%' OR j.title LIKE ?4 ESCAPE '\\')";
    let client = if q.own_business { None } else { q.client_id };
    let pattern = p.pattern();
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM job_descriptions j WHERE {filter}"),
        rusqlite::params![client, q.own_business, status, pattern],
        |r| r.get(0),
    )?;
    let dir = p.direction.sql();
    let order = match p.sort {
        JobSort::Status => format!(
            "CASE j.status WHEN 'open' THEN 0 WHEN 'draft' THEN 1 ELSE 2 END {dir},
             j.updated_at DESC, j.id DESC"
        ),
    };
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE {filter} ORDER BY {order} LIMIT ?5 OFFSET ?6"
    ))?;
    let rows = st.query_map(
        rusqlite::params![
            client,
            q.own_business,
            status,
            pattern,
            p.limit(),
            p.offset()
        ],
        from_row,
    )?;
    let items = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(p.page_of(items, total))
}

/// How a job description is copied for a job board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextFormat {
    Markdown,
    Plain,
}

/// The labelled sections of a job description, in print order, as the PDF, the
/// Markdown and the plain text all show them, in one language. Empty sections are
/// left out.
pub struct Sections<'a> {
    pub key_values: Vec<(&'static str, String)>,
    pub context: Option<&'a str>,
    pub lists: Vec<(&'static str, &'a [String])>,
    pub pricing_notes: Option<&'a str>,
}

/// "Contexte" / "Context": the heading of the context paragraph.
pub fn context_heading(lang: Language) -> &'static str {
    pick(lang, "Contexte", "Context")
}

/// "Conditions de rémunération" / "Pay terms": the heading of the pricing notes.
pub fn pricing_heading(lang: Language) -> &'static str {
    pick(lang, "Conditions de rémunération", "Pay terms")
}

/// Who the job is for: the client's name, or "Notre entreprise" / "Our company".
pub fn business(j: &JobDescription, lang: Language) -> String {
    j.client_name
        .clone()
        .unwrap_or_else(|| pick(lang, "Notre entreprise", "Our company").into())
}

pub fn sections(j: &JobDescription, lang: Language) -> Sections<'_> {
    let t = |fr: &'static str, en: &'static str| pick(lang, fr, en);
    let mut kv = Vec::new();
    kv.push((t("Pour", "For"), business(j, lang)));
    if let Some(m) = j.hours_per_week_minutes {
        let h = locale::hours(m);
        kv.push((
            t("Volume horaire", "Hours"),
            pick(lang, format!("{h} par semaine"), format!("{h} a week")),
        ));
    }
    if let (Some(c), Some(u)) = (j.pay_cents, j.pay_unit) {
        kv.push((t("Rémunération", "Pay"), pay_text(c, u, j.currency, lang)));
    }
    if let Some(d) = j.start_date {
        kv.push((t("Date de début", "Start date"), locale::date(d, lang)));
    }
    let lists: Vec<(&'static str, &[String])> = vec![
        (t("Missions", "Missions"), &j.missions),
        (t("Tâches", "Tasks"), &j.tasks),
        (t("Compétences requises", "Required skills"), &j.skills),
        (t("Qualités attendues", "Expected qualities"), &j.qualities),
        (t("Outils", "Tools"), &j.tools),
    ];
    Sections {
        key_values: kv,
        context: j.context.as_deref(),
        lists: lists.into_iter().filter(|(_, l)| !l.is_empty()).collect(),
        pricing_notes: j.pricing_notes.as_deref(),
    }
}

/// "Label : value" in French (a space before the colon), "Label: value" in English.
pub fn colon(lang: Language) -> &'static str {
    pick(lang, " :", ":")
}

/// The job description as text to paste into a job board, in `lang`.
pub fn to_text(j: &JobDescription, format: TextFormat, lang: Language) -> String {
    let s = sections(j, lang);
    let md = format == TextFormat::Markdown;
    let colon = colon(lang);
    let mut out = String::new();
    let heading = |out: &mut String, title: &str| {
        if md {
            out.push_str(&format!("\n## {title}\n\n"));
        } else {
            out.push_str(&format!(
                "\n{}\n{}\n\n",
                title.to_uppercase(),
                "-".repeat(title.chars().count())
            ));
        }
    };
    if md {
        out.push_str(&format!("# {}\n\n", j.title));
    } else {
        out.push_str(&format!(
            "{}\n{}\n\n",
            j.title,
            "=".repeat(j.title.chars().count())
        ));
    }
    for (k, v) in &s.key_values {
        if md {
            out.push_str(&format!("- **{k}{colon}** {v}\n"));
        } else {
            out.push_str(&format!("{k}{colon} {v}\n"));
        }
    }
    if let Some(ctx) = s.context {
        heading(&mut out, context_heading(lang));
        out.push_str(ctx);
        out.push('\n');
    }
    for (title, items) in &s.lists {
        heading(&mut out, title);
        for i in *items {
            out.push_str(if md { "- " } else { "• " });
            out.push_str(i);
            out.push('\n');
        }
    }
    if let Some(p) = s.pricing_notes {
        heading(&mut out, pricing_heading(lang));
        out.push_str(p);
        out.push('\n');
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::clients;
    use crate::team::templates::job_template;
    use crate::testing::{acme, temp_db};

    pub fn va_job(client_id: Option<i64>) -> JobDescriptionInput {
        JobDescriptionInput {
            client_id,
            start_date: "2026-12-01".into(),
            status: "open".into(),
            ..job_template("va_generalist", Language::Fr).unwrap()
        }
    }

    #[test]
    fn create_from_a_template_read_update_delete() {
        let t = temp_db();
        let client = t.db.write(|tx| clients::create(tx, &acme())).unwrap().id;
        let j = t.db.write(|tx| create(tx, &va_job(Some(client)))).unwrap();
        assert_eq!(j.client_name.as_deref(), Some("Atelier Lumière"));
        assert_eq!(j.title, "Assistante virtuelle généraliste");
        assert_eq!(j.tasks.len(), 6);
        assert_eq!(j.hours_per_week_minutes, Some(600));
        assert_eq!((j.pay_cents, j.pay_unit), (Some(3500), Some(PayUnit::Hour)));
        assert_eq!(j.status, JobStatus::Open);
        let own = JobDescriptionInput {
            client_id: None,
            title: "Bras droit".into(),
            tasks: "- a\n\n- b".into(),
            pay_amount: String::new(),
            status: "draft".into(),
            ..Default::default()
        };
        let j2 = t.db.write(|tx| update(tx, j.id, &own)).unwrap();
        assert_eq!(j2.client_id, None);
        assert_eq!(j2.tasks, ["a", "b"]);
        assert_eq!(j2.missions, Vec::<String>::new());
        assert_eq!(j2.pay_cents, None);
        let all = t.db.read(|c| list(c, &JobQuery::default())).unwrap();
        assert_eq!(all.items.len(), 1);
        let own_only = JobQuery {
            own_business: true,
            ..Default::default()
        };
        assert_eq!(t.db.read(|c| list(c, &own_only)).unwrap().items.len(), 1);
        t.db.write(|tx| delete(tx, j.id)).unwrap();
        assert_eq!(t.db.read(|c| get(c, j.id)).unwrap_err().code(), "not_found");
    }

    #[test]
    fn bad_input_is_refused_and_nothing_is_written() {
        let t = temp_db();
        let bad = JobDescriptionInput {
            client_id: Some(999),
            title: "  ".into(),
            hours_per_week: "200".into(),
            pay_amount: "35".into(),
            pay_unit: "".into(),
            start_date: "31/12/2026".into(),
            status: "published".into(),
            onboarding_template_id: Some(999),
            ..Default::default()
        };
        let err = t.db.write(|tx| create(tx, &bad)).unwrap_err();
        let mut fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                ("client_id", "not_found"),
                ("hours_per_week", "out_of_range"),
                ("onboarding_template_id", "not_found"),
                ("pay_unit", "required"),
                ("start_date", "invalid_date"),
                ("status", "invalid_choice"),
                ("title", "required"),
            ]
        );
        assert!(t
            .db
            .read(|c| list(c, &JobQuery::default()))
            .unwrap()
            .items
            .is_empty());
        assert_eq!(
            t.db.write(|tx| update(tx, 42, &va_job(None)))
                .unwrap_err()
                .code(),
            "not_found"
        );
        // An archived client takes no new job description.
        let client = t.db.write(|tx| clients::create(tx, &acme())).unwrap().id;
        t.db.write(|tx| clients::set_archived(tx, client, true))
            .unwrap();
        let err =
            t.db.write(|tx| create(tx, &va_job(Some(client))))
                .unwrap_err();
        assert_eq!(err.code(), "client_archived");
    }

    #[test]
    fn markdown_and_plain_text_have_every_section() {
        let t = temp_db();
        let j = t.db.write(|tx| create(tx, &va_job(None))).unwrap();
        let md = to_text(&j, TextFormat::Markdown, Language::Fr);
        assert!(md.starts_with("# Assistante virtuelle généraliste\n"));
        for s in [
            "## Contexte",
            "## Missions",
            "## Tâches",
            "## Compétences requises",
            "## Qualités attendues",
            "## Outils",
            "- Prise de rendez-vous",
            "- **Rémunération :** 35,00 € HT / heure",
            "- **Volume horaire :** 10 h par semaine",
            "- **Date de début :** 01/12/2026",
            "- **Pour :** Notre entreprise",
        ] {
            assert!(md.contains(s), "{s} missing from\n{md}");
        }
        let plain = to_text(&j, TextFormat::Plain, Language::Fr);
        assert!(plain.contains("QUALITÉS ATTENDUES"));
        assert!(plain.contains("• Discrétion"));
        assert!(!plain.contains("**"));
    }
    #[test]
    fn markdown_and_plain_text_in_english() {
        let t = temp_db();
        let input = JobDescriptionInput {
            start_date: "2026-12-01".into(),
            ..job_template("right_hand", Language::En).unwrap()
        };
        let j = t.db.write(|tx| create(tx, &input)).unwrap();
        let md = to_text(&j, TextFormat::Markdown, Language::En);
        assert!(md.starts_with("# Right-hand / Online Business Manager\n"));
        for s in [
            "- **For:** Our company",
            "- **Hours:** 15 h a week",
            "- **Pay:** €1,500.00 excl. VAT / month",
            "- **Start date:** 1 Dec 2026",
            "## Context",
            "## Missions",
            "## Tasks",
            "## Required skills",
            "## Expected qualities",
            "## Tools",
            "## Pay terms",
            "- Onboard new recruits",
        ] {
            assert!(md.contains(s), "{s} missing from\n{md}");
        }
        assert!(!md.contains('\u{a0}'), "plain spaces in pasted text");
        let plain = to_text(&j, TextFormat::Plain, Language::En);
        assert!(plain.contains("EXPECTED QUALITIES\n------------------\n"));
        assert!(plain.contains("Pay: €1,500.00 excl. VAT / month\n"));
        // The same job, exported in French: French labels around her English text.
        let fr = to_text(&j, TextFormat::Markdown, Language::Fr);
        assert!(fr.contains("- **Rémunération :** 1 500,00 € HT / mois"));
        assert!(fr.contains("- **Pour :** Notre entreprise"));
    }
}
