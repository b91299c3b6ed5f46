//! Recruits and team members: the people working (or hoping to work) on a client's
//! business or the user's own, and their stage in the pipeline
//! candidate → interview → selected → onboarding → active → left (or rejected).

use super::onboarding::Progress;
use super::{check_pay, PayUnit, Stage};
use crate::catalog::{Code, Currency};
use crate::clients;
use crate::db::NOW;
use crate::error::{Error, FieldError, Result};
use crate::paging::{Page, PageQuery, SortKey};
use crate::validate::{self, Checker, Form, Need, NOTES_MAX};
use rusqlite::{Connection, OptionalExtension, Row, ToSql};
use serde::{Deserialize, Serialize};

/// The member form as typed. `stage` is read on creation only: later moves go
/// through [`move_to`], which knows the pipeline.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MemberInput {
    pub client_id: Option<i64>,
    pub job_description_id: Option<i64>,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub role: String,
    pub pay_amount: String,
    pub pay_unit: String,
    pub notes: String,
    pub stage: String,
}

/// The checklist a member's card shows: the latest one started for her.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberChecklist {
    pub id: i64,
    pub progress: Progress,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Member {
    pub id: i64,
    pub client_id: Option<i64>,
    pub client_name: Option<String>,
    pub currency: Currency,
    pub job_description_id: Option<i64>,
    pub job_title: Option<String>,
    /// The onboarding template the job description suggests, if any.
    pub job_onboarding_template_id: Option<i64>,
    pub job_start_date: Option<String>,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub role: Option<String>,
    pub pay_unit: Option<PayUnit>,
    pub pay_cents: Option<i64>,
    pub notes: Option<String>,
    pub stage: Stage,
    /// `left` or `rejected`: kept for the history, can only be reopened.
    pub archived: bool,
    pub stage_changed_at: String,
    pub checklist: Option<MemberChecklist>,
    pub created_at: String,
    pub updated_at: String,
}

impl Stage {
    pub fn is_archived(self) -> bool {
        matches!(self, Stage::Left | Stage::Rejected)
    }
}

/// Where a person may go from `stage`: one step on, one step back (a mistake is
/// undone in one action), out (rejected / left); an archived person only back in.
pub fn allowed_moves(stage: Stage) -> &'static [Stage] {
    use Stage::*;
    match stage {
        Candidate => &[Interview, Selected, Rejected],
        Interview => &[Candidate, Selected, Rejected],
        Selected => &[Interview, Onboarding, Active, Rejected],
        Onboarding => &[Selected, Active, Left],
        Active => &[Onboarding, Left],
        Left => &[Active],
        Rejected => &[Candidate],
    }
}

/// A checked person form.
pub struct Fields {
    client_id: Option<i64>,
    job_description_id: Option<i64>,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    role: Option<String>,
    pay_cents: Option<i64>,
    pay_unit: Option<PayUnit>,
    notes: Option<String>,
    stage: Stage,
}

fn check_fields(c: &mut Checker, input: &MemberInput) -> Fields {
    let name = c
        .line("name", &input.name, Need::Required)
        .unwrap_or_default();
    let (pay_cents, pay_unit) = check_pay(c, &input.pay_amount, &input.pay_unit);
    let stage = if input.stage.trim().is_empty() {
        Stage::Candidate
    } else {
        c.choice("stage", &input.stage, Need::Required)
            .unwrap_or(Stage::Candidate)
    };
    Fields {
        client_id: input.client_id,
        job_description_id: input.job_description_id,
        name,
        email: c.with("email", &input.email, Need::Optional, validate::email),
        phone: c.with("phone", &input.phone, Need::Optional, validate::phone),
        role: c.line("role", &input.role, Need::Optional),
        pay_cents,
        pay_unit,
        notes: c.text("notes", &input.notes, Need::Optional, NOTES_MAX),
        stage,
    }
}

impl Form for MemberInput {
    type Parsed = Fields;
    fn check(&self, conn: &Connection, editing: Option<i64>, c: &mut Checker) -> Result<Fields> {
        check(conn, self, editing, c)
    }
}

fn check(
    conn: &Connection,
    input: &MemberInput,
    editing: Option<i64>,
    c: &mut Checker,
) -> Result<Fields> {
    // A person keeps a client archived since; nobody new joins one.
    let keeps = match editing {
        Some(id) => get(conn, id)?.client_id,
        None => None,
    };
    let client = clients::require_active(conn, c, input.client_id, Need::Optional, keeps)?;
    let mut f = check_fields(c, input);
    f.client_id = client.map(|k| k.id);
    if let Some(j) = input.job_description_id {
        let job_client: Option<Option<i64>> = conn
            .query_row(
                "SELECT client_id FROM job_descriptions WHERE id = ?1",
                [j],
                |r| r.get(0),
            )
            .optional()?;
        match job_client {
            None => c.push(
                "job_description_id",
                "not_found",
                format!("job description {j} not found"),
            ),
            // The job must be for the same business as the person.
            Some(jc) if jc != input.client_id && !c.has_error("client_id") => c.push(
                "job_description_id",
                "job_other_client",
                "the job description is for another business",
            ),
            Some(_) => {}
        }
    }
    Ok(f)
}

/// Field errors of the form (checks the client and job exist). Writes nothing.
pub fn validate(
    conn: &Connection,
    input: &MemberInput,
    editing: Option<i64>,
) -> Result<Vec<FieldError>> {
    validate::errors(conn, input, editing)
}

const SELECT: &str = "SELECT m.id, m.client_id, c.name, coalesce(c.currency, 'EUR'),
        m.job_description_id, j.title, j.onboarding_template_id, j.start_date,
        m.name, m.email, m.phone, m.role, m.pay_unit, m.pay_cents, m.notes, m.stage,
        m.stage_changed_at, m.created_at, m.updated_at,
        k.id,
        (SELECT count(*) FROM onboarding_items i WHERE i.checklist_id = k.id AND i.done_at IS NOT NULL),
        (SELECT count(*) FROM onboarding_items i WHERE i.checklist_id = k.id)
    FROM team_members m
    LEFT JOIN clients c ON c.id = m.client_id
    LEFT JOIN job_descriptions j ON j.id = m.job_description_id
    LEFT JOIN onboarding_checklists k ON k.id =
        (SELECT max(id) FROM onboarding_checklists x WHERE x.member_id = m.id)";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Member> {
    let stage: Stage = r.get(15)?;
    let checklist_id: Option<i64> = r.get(19)?;
    Ok(Member {
        id: r.get(0)?,
        client_id: r.get(1)?,
        client_name: r.get(2)?,
        currency: r.get(3)?,
        job_description_id: r.get(4)?,
        job_title: r.get(5)?,
        job_onboarding_template_id: r.get(6)?,
        job_start_date: r.get(7)?,
        name: r.get(8)?,
        email: r.get(9)?,
        phone: r.get(10)?,
        role: r.get(11)?,
        pay_unit: r.get(12)?,
        pay_cents: r.get(13)?,
        notes: r.get(14)?,
        stage,
        archived: stage.is_archived(),
        stage_changed_at: r.get(16)?,
        created_at: r.get(17)?,
        updated_at: r.get(18)?,
        checklist: match checklist_id {
            Some(id) => Some(MemberChecklist {
                id,
                progress: Progress::new(r.get(20)?, r.get(21)?),
            }),
            None => None,
        },
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Member> {
    conn.query_row(&format!("{SELECT} WHERE m.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            entity: "team_member",
            id,
            field: None,
        })
}

const WRITTEN: &str =
    "client_id, job_description_id, name, email, phone, role, pay_unit, pay_cents, notes";
const PLACEHOLDERS: &str = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9";

impl Fields {
    fn values(&self) -> Vec<&dyn ToSql> {
        vec![
            &self.client_id,
            &self.job_description_id,
            &self.name,
            &self.email,
            &self.phone,
            &self.role,
            &self.pay_unit,
            &self.pay_cents,
            &self.notes,
        ]
    }
}

pub fn create(conn: &Connection, input: &MemberInput) -> Result<Member> {
    let f = validate::parse(conn, input, None)?;
    let mut values = f.values();
    values.push(&f.stage);
    conn.execute(
        &format!(
            "INSERT INTO team_members ({WRITTEN}, stage, stage_changed_at, created_at, updated_at)
             VALUES ({PLACEHOLDERS}, ?10, {NOW}, {NOW}, {NOW})"
        ),
        values.as_slice(),
    )?;
    get(conn, conn.last_insert_rowid())
}

/// Edits the person's details (not the stage). An archived person's notes may
/// still be edited: archiving keeps the history, it does not freeze it.
pub fn update(conn: &Connection, id: i64, input: &MemberInput) -> Result<Member> {
    let f = validate::parse(conn, input, Some(id))?;
    let mut values = f.values();
    values.push(&id);
    conn.execute(
        &format!(
            "UPDATE team_members SET ({WRITTEN}) = ({PLACEHOLDERS}), updated_at = {NOW}
             WHERE id = ?10"
        ),
        values.as_slice(),
    )?;
    get(conn, id)
}

/// Removes a person and her checklists (a candidate entered by mistake).
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    get(conn, id)?;
    conn.execute("DELETE FROM team_members WHERE id = ?1", [id])?;
    Ok(())
}

/// Moves a person to another stage, in one action. Refused with `member_archived`
/// for a person who left or was rejected (unless reopening her), and with
/// `invalid_transition` for a jump the pipeline does not allow.
pub fn move_to(conn: &Connection, id: i64, stage: &str) -> Result<Member> {
    let current = get(conn, id)?;
    let to = Stage::parse(stage.trim()).ok_or_else(|| {
        Error::field(
            "stage",
            "invalid_choice",
            format!("{stage:?} is not a stage"),
        )
    })?;
    if to == current.stage {
        return Ok(current);
    }
    if !allowed_moves(current.stage).contains(&to) {
        let code = if current.stage.is_archived() {
            "member_archived"
        } else {
            "invalid_transition"
        };
        return Err(Error::field(
            "stage",
            code,
            format!(
                "{} cannot move from {} to {}",
                current.name,
                current.stage.as_str(),
                to.as_str()
            ),
        ));
    }
    set_stage(conn, id, to)?;
    get(conn, id)
}

pub(crate) fn set_stage(conn: &Connection, id: i64, stage: Stage) -> Result<()> {
    conn.execute(
        &format!(
            "UPDATE team_members SET stage = ?2, stage_changed_at = {NOW}, updated_at = {NOW}
             WHERE id = ?1"
        ),
        (id, stage),
    )?;
    Ok(())
}

/// The team's one order: the pipeline (candidates first), most recently moved
/// first within a stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberSort {
    #[default]
    Stage,
}

impl SortKey for MemberSort {}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MemberQuery {
    pub client_id: Option<i64>,
    pub own_business: bool,
    /// Include people who left or were rejected.
    pub include_archived: bool,
    /// `search` matches the name and the role.
    #[serde(flatten)]
    pub paging: PageQuery<MemberSort>,
}

/// One page of people, in pipeline order.
pub fn list(conn: &Connection, q: &MemberQuery) -> Result<Page<Member>> {
    let p = &q.paging;
    p.check()?;
    // ?1 client, ?2 own business only, ?3 archived too, ?4 search, ?5 limit, ?6 offset.
    let filter = "(?1 IS NULL OR m.client_id = ?1) AND (?2 = 0 OR m.client_id IS NULL)
           AND (?3 = 1 OR m.stage NOT IN ('left', 'rejected'))
           AND (?4 = '%%' OR m.name LIKE ?4 ESCAPE '\\' OR m.role LIKE ?4 ESCAPE '\\')";
    let client = if q.own_business { None } else { q.client_id };
    let pattern = p.pattern();
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM team_members m WHERE {filter}"),
        rusqlite::params![client, q.own_business, q.include_archived, pattern],
        |r| r.get(0),
    )?;
    let dir = p.direction.sql();
    let order = match p.sort {
        MemberSort::Stage => format!(
            "CASE m.stage WHEN 'candidate' THEN 0 WHEN 'interview' THEN 1
                  WHEN 'selected' THEN 2 WHEN 'onboarding' THEN 3 WHEN 'active' THEN 4
                  WHEN 'left' THEN 5 ELSE 6 END {dir},
             m.stage_changed_at DESC, m.id DESC"
        ),
    };
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE {filter} ORDER BY {order} LIMIT ?5 OFFSET ?6"
    ))?;
    let rows = st.query_map(
        rusqlite::params![
            client,
            q.own_business,
            q.include_archived,
            pattern,
            p.limit(),
            p.offset()
        ],
        from_row,
    )?;
    let items = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(p.page_of(items, total))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::clients;
    use crate::team::job_descriptions::{self, tests::va_job};
    use crate::testing::{acme, temp_db};
    use proptest::prelude::*;

    pub fn lea(client_id: Option<i64>, job: Option<i64>) -> MemberInput {
        MemberInput {
            client_id,
            job_description_id: job,
            name: "Léa Moreau".into(),
            email: "lea.moreau@exemple.fr".into(),
            role: "Assistante virtuelle".into(),
            pay_amount: "32,50".into(),
            pay_unit: "hour".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_candidate_moves_through_the_pipeline() {
        let t = temp_db();
        let client = t.db.write(|tx| clients::create(tx, &acme())).unwrap().id;
        let job =
            t.db.write(|tx| job_descriptions::create(tx, &va_job(Some(client))))
                .unwrap();
        let m =
            t.db.write(|tx| create(tx, &lea(Some(client), Some(job.id))))
                .unwrap();
        assert_eq!(m.stage, Stage::Candidate);
        assert_eq!(
            m.job_title.as_deref(),
            Some("Assistante virtuelle généraliste")
        );
        assert_eq!(m.pay_cents, Some(3250));
        for stage in ["interview", "selected", "onboarding", "active", "left"] {
            let moved = t.db.write(|tx| move_to(tx, m.id, stage)).unwrap();
            assert_eq!(moved.stage.as_str(), stage);
        }
        // Left: archived, only reopened.
        let err = t.db.write(|tx| move_to(tx, m.id, "candidate")).unwrap_err();
        assert_eq!(err.code(), "member_archived");
        assert_eq!(t.db.read(|c| get(c, m.id)).unwrap().stage, Stage::Left);
        assert!(t
            .db
            .read(|c| list(c, &MemberQuery::default()))
            .unwrap()
            .items
            .is_empty());
        let all = MemberQuery {
            include_archived: true,
            ..Default::default()
        };
        assert_eq!(t.db.read(|c| list(c, &all)).unwrap().items.len(), 1);
        assert_eq!(
            t.db.write(|tx| move_to(tx, m.id, "active")).unwrap().stage,
            Stage::Active
        );
    }

    #[test]
    fn bad_input_and_bad_moves_change_nothing() {
        let t = temp_db();
        let client = t.db.write(|tx| clients::create(tx, &acme())).unwrap().id;
        let own_job =
            t.db.write(|tx| job_descriptions::create(tx, &va_job(None)))
                .unwrap();
        let bad = MemberInput {
            name: "".into(),
            email: "lea@".into(),
            pay_amount: "-3".into(),
            stage: "hired".into(),
            job_description_id: Some(own_job.id),
            ..lea(Some(client), None)
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
                ("email", "invalid_email"),
                ("job_description_id", "job_other_client"),
                ("name", "required"),
                ("pay_amount", "out_of_range"),
                ("stage", "invalid_choice"),
            ]
        );
        let unknown = MemberInput {
            job_description_id: Some(999),
            client_id: Some(999),
            ..lea(None, None)
        };
        let codes: Vec<_> =
            t.db.write(|tx| create(tx, &unknown))
                .unwrap_err()
                .field_errors()
                .iter()
                .map(|e| (e.field.clone(), e.code))
                .collect();
        assert_eq!(
            codes,
            [
                ("client_id".to_owned(), "not_found"),
                ("job_description_id".to_owned(), "not_found")
            ]
        );
        assert!(t
            .db
            .read(|c| list(
                c,
                &MemberQuery {
                    include_archived: true,
                    ..Default::default()
                }
            ))
            .unwrap()
            .items
            .is_empty());

        let m =
            t.db.write(|tx| create(tx, &lea(None, Some(own_job.id))))
                .unwrap();
        for (to, code) in [
            ("active", "invalid_transition"),
            ("left", "invalid_transition"),
            ("onboarding", "invalid_transition"),
            ("boss", "invalid_choice"),
        ] {
            let err = t.db.write(|tx| move_to(tx, m.id, to)).unwrap_err();
            assert_eq!((to, err.code()), (to, code));
            assert_eq!(err.field_name(), Some("stage"));
        }
        assert_eq!(t.db.read(|c| get(c, m.id)).unwrap().stage, Stage::Candidate);
        assert_eq!(
            t.db.write(|tx| move_to(tx, 999, "interview"))
                .unwrap_err()
                .code(),
            "not_found"
        );
        let rejected = t.db.write(|tx| move_to(tx, m.id, "rejected")).unwrap();
        assert!(rejected.archived);
        let err = t.db.write(|tx| move_to(tx, m.id, "interview")).unwrap_err();
        assert_eq!(err.code(), "member_archived");
        // Reopening is the one way back.
        assert_eq!(
            t.db.write(|tx| move_to(tx, m.id, "candidate"))
                .unwrap()
                .stage,
            Stage::Candidate
        );
    }

    #[test]
    fn deleting_a_job_description_unlinks_its_people_and_the_json_is_what_the_ui_reads() {
        let t = temp_db();
        let job =
            t.db.write(|tx| job_descriptions::create(tx, &va_job(None)))
                .unwrap();
        let m =
            t.db.write(|tx| create(tx, &lea(None, Some(job.id))))
                .unwrap();
        assert_eq!(
            t.db.read(|c| job_descriptions::get(c, job.id))
                .unwrap()
                .members,
            1
        );
        t.db.write(|tx| job_descriptions::delete(tx, job.id))
            .unwrap();
        let m = t.db.read(|c| get(c, m.id)).unwrap();
        assert_eq!((m.job_description_id, m.job_title.as_deref()), (None, None));
        assert_eq!(m.stage, Stage::Candidate, "the person stays");

        // The shapes the board reads: codes as strings, the moves as [stage, [stages]].
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["stage"], "candidate");
        assert_eq!(v["pay_unit"], "hour");
        assert_eq!(v["pay_cents"], 3250);
        assert_eq!(v["checklist"], serde_json::Value::Null);
        let cat = serde_json::to_value(crate::team::catalog(crate::locale::Language::Fr)).unwrap();
        assert_eq!(cat["transitions"][0][0], "candidate");
        assert_eq!(
            cat["transitions"][0][1],
            serde_json::json!(["interview", "selected", "rejected"])
        );
        assert_eq!(cat["job_templates"][0]["input"]["status"], "draft");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        /// Any sequence of moves: each is applied exactly when the pipeline allows
        /// it, a refused one leaves the stage as it was, and an archived person
        /// only ever leaves her stage by being reopened.
        #[test]
        fn moves_follow_the_pipeline(moves in proptest::collection::vec(0usize..7, 1..20)) {
            let t = temp_db();
            let m = t.db.write(|tx| create(tx, &lea(None, None))).unwrap();
            let mut stage = Stage::Candidate;
            for i in moves {
                let to = Stage::ALL[i];
                let r = t.db.write(|tx| move_to(tx, m.id, to.as_str()));
                let allowed = to == stage || allowed_moves(stage).contains(&to);
                prop_assert_eq!(r.is_ok(), allowed);
                if allowed {
                    if stage.is_archived() && to != stage {
                        prop_assert!(matches!((stage, to), (Stage::Left, Stage::Active) | (Stage::Rejected, Stage::Candidate)));
                    }
                    stage = to;
                }
                prop_assert_eq!(t.db.read(|c| get(c, m.id)).unwrap().stage, stage);
            }
        }
    }
}
