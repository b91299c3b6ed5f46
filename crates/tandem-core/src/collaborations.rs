//! Collaborations: the agreement between the user and a client — role, delegated
//! task areas, dates, status and exactly one pricing model.

use crate::catalog::{
    Code, CollaborationStatus, Currency, PricingModel, Role, TaskArea, UnusedHours,
};
use crate::clients;
use crate::db::NOW;
use crate::error::{Error, FieldError, Result};
use crate::paging::{Page, PageQuery, SortKey};
use crate::pricing::{limits, Pricing, PricingView};
use crate::validate::{self, Checker, Form, Need, Quantity, NOTES_MAX};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, ToSql};
use serde::{Deserialize, Serialize};

/// The collaboration form as typed. Only the chosen pricing model's fields are read.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CollaborationInput {
    pub client_id: Option<i64>,
    pub title: String,
    pub role: String,
    pub status: String,
    pub start_date: String,
    pub end_date: String,
    pub tasks: Vec<String>,
    pub notes: String,
    pub pricing_model: String,
    // hourly
    pub hourly_rate: String,
    pub monthly_hours: String,
    pub overage_rate: String,
    pub unused_hours: String,
    // monthly_flat
    pub monthly_amount: String,
    pub indicative_hours: String,
    // project_flat
    pub project_amount: String,
    pub deposit: String,
    // fixed_plus_commission
    pub fixed_amount: String,
    pub commission_rate: String,
    pub commission_cap: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Collaboration {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub client_archived: bool,
    /// The client's currency, in which every amount of the pricing is expressed.
    pub client_currency: Currency,
    pub title: String,
    pub role: Role,
    pub status: CollaborationStatus,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    pub tasks: Vec<TaskArea>,
    pub notes: Option<String>,
    pub pricing: PricingView,
    pub created_at: String,
    pub updated_at: String,
}

/// The validated content of a collaboration form.
/// A checked collaboration form.
pub struct Fields {
    client_id: i64,
    title: String,
    role: Role,
    status: CollaborationStatus,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    tasks: Vec<TaskArea>,
    notes: Option<String>,
    pricing: Option<Pricing>,
}

fn check_pricing(c: &mut Checker, input: &CollaborationInput) -> Option<Pricing> {
    let model = c.choice::<PricingModel>("pricing_model", &input.pricing_model, Need::Required)?;
    Some(match model {
        PricingModel::Hourly => {
            let rate = c.number(
                "hourly_rate",
                &input.hourly_rate,
                Need::Required,
                Quantity::Amount,
                limits::HOURLY_RATE,
            );
            let hours = c.number(
                "monthly_hours",
                &input.monthly_hours,
                Need::Optional,
                Quantity::Hours,
                limits::MONTHLY_MINUTES,
            );
            let overage = c.number(
                "overage_rate",
                &input.overage_rate,
                Need::Optional,
                Quantity::Amount,
                limits::HOURLY_RATE,
            );
            // Without a bank there is nothing left over: the rule defaults to "lost".
            let unused = if input.unused_hours.trim().is_empty() {
                Some(UnusedHours::Lost)
            } else {
                c.choice("unused_hours", &input.unused_hours, Need::Required)
            };
            Pricing::Hourly {
                hourly_rate_cents: rate?,
                monthly_hours_minutes: hours,
                overage_rate_cents: overage,
                unused_hours: unused?,
            }
        }
        PricingModel::MonthlyFlat => {
            let amount = c.number(
                "monthly_amount",
                &input.monthly_amount,
                Need::Required,
                Quantity::Amount,
                limits::MONTHLY_AMOUNT,
            );
            let hours = c.number(
                "indicative_hours",
                &input.indicative_hours,
                Need::Optional,
                Quantity::Hours,
                limits::MONTHLY_MINUTES,
            );
            Pricing::MonthlyFlat {
                monthly_amount_cents: amount?,
                indicative_hours_minutes: hours,
            }
        }
        PricingModel::ProjectFlat => {
            let amount = c.number(
                "project_amount",
                &input.project_amount,
                Need::Required,
                Quantity::Amount,
                limits::PROJECT_AMOUNT,
            );
            let deposit = c.number(
                "deposit",
                &input.deposit,
                Need::Optional,
                Quantity::Amount,
                limits::PROJECT_AMOUNT,
            );
            if let (Some(a), Some(d)) = (amount, deposit) {
                if d > a {
                    c.push(
                        "deposit",
                        "out_of_range",
                        "the deposit exceeds the project amount",
                    );
                    return None;
                }
            }
            Pricing::ProjectFlat {
                project_amount_cents: amount?,
                deposit_cents: deposit,
            }
        }
        PricingModel::FixedPlusCommission => {
            let fixed = c.number(
                "fixed_amount",
                &input.fixed_amount,
                Need::Required,
                Quantity::Amount,
                limits::FIXED_AMOUNT,
            );
            let bps = c.number(
                "commission_rate",
                &input.commission_rate,
                Need::Required,
                Quantity::Percent,
                limits::COMMISSION_BPS,
            );
            let cap = c.number(
                "commission_cap",
                &input.commission_cap,
                Need::Optional,
                Quantity::Amount,
                limits::CAP,
            );
            Pricing::FixedPlusCommission {
                fixed_amount_cents: fixed?,
                commission_bps: bps?,
                commission_cap_cents: cap,
            }
        }
    })
}

impl Form for CollaborationInput {
    type Parsed = Fields;
    fn check(&self, conn: &Connection, editing: Option<i64>, c: &mut Checker) -> Result<Fields> {
        check(conn, self, editing, c)
    }
}

fn check(
    conn: &Connection,
    input: &CollaborationInput,
    editing: Option<i64>,
    c: &mut Checker,
) -> Result<Fields> {
    // Editing one of an archived client (e.g. to end it) stays possible; moving a
    // collaboration to an archived client, or starting one, does not.
    let keeps = match editing {
        Some(id) => Some(get(conn, id)?.client_id),
        None => None,
    };
    let client_id = clients::require_active(conn, c, input.client_id, Need::Required, keeps)?
        .map_or(0, |client| client.id);
    let status = c
        .choice("status", &input.status, Need::Required)
        .unwrap_or(CollaborationStatus::Prospect);
    // A prospect may not have a start date yet; anything further along has one.
    let date_need = if status == CollaborationStatus::Prospect {
        Need::Optional
    } else {
        Need::Required
    };
    let start_date = c.date("start_date", &input.start_date, date_need);
    let end_date = c.date("end_date", &input.end_date, Need::Optional);
    if let (Some(s), Some(e)) = (start_date, end_date) {
        if e < s {
            c.push(
                "end_date",
                "end_before_start",
                format!("the end date {e} is before the start date {s}"),
            );
        }
    }
    let mut tasks = Vec::new();
    for t in &input.tasks {
        match TaskArea::parse(t) {
            Some(task) if !tasks.contains(&task) => tasks.push(task),
            Some(_) => {}
            None => c.push(
                "tasks",
                "invalid_choice",
                format!("{t:?} is not a task area"),
            ),
        }
    }
    let fields = Fields {
        client_id,
        title: c
            .line("title", &input.title, Need::Required)
            .unwrap_or_default(),
        role: c
            .choice("role", &input.role, Need::Required)
            .unwrap_or(Role::Va),
        status,
        start_date,
        end_date,
        tasks,
        notes: c.text("notes", &input.notes, Need::Optional, NOTES_MAX),
        pricing: check_pricing(c, input),
    };
    Ok(fields)
}

/// Field errors of a collaboration form, for validation as the user types. Writes nothing.
pub fn validate(
    conn: &Connection,
    input: &CollaborationInput,
    editing: Option<i64>,
) -> Result<Vec<FieldError>> {
    validate::errors(conn, input, editing)
}

/// Validates for a write; `None` when the pricing could not be read (the checker
/// then holds the errors, and finish() refuses).
fn checked(
    conn: &Connection,
    input: &CollaborationInput,
    editing: Option<i64>,
) -> Result<(Fields, Pricing)> {
    let f = validate::parse(conn, input, editing)?;
    let pricing = f
        .pricing
        .clone()
        .ok_or_else(|| Error::field("pricing_model", "required", "no pricing"))?;
    Ok((f, pricing))
}

/// The database columns of a pricing: every model's columns, NULL but for its own.
struct PricingColumns {
    hourly_rate_cents: Option<i64>,
    monthly_hours_minutes: Option<i64>,
    overage_rate_cents: Option<i64>,
    unused_hours: Option<UnusedHours>,
    monthly_amount_cents: Option<i64>,
    indicative_hours_minutes: Option<i64>,
    project_amount_cents: Option<i64>,
    deposit_cents: Option<i64>,
    fixed_amount_cents: Option<i64>,
    commission_bps: Option<i64>,
    commission_cap_cents: Option<i64>,
}

impl From<&Pricing> for PricingColumns {
    fn from(p: &Pricing) -> Self {
        let mut c = PricingColumns {
            hourly_rate_cents: None,
            monthly_hours_minutes: None,
            overage_rate_cents: None,
            unused_hours: None,
            monthly_amount_cents: None,
            indicative_hours_minutes: None,
            project_amount_cents: None,
            deposit_cents: None,
            fixed_amount_cents: None,
            commission_bps: None,
            commission_cap_cents: None,
        };
        match *p {
            Pricing::Hourly {
                hourly_rate_cents,
                monthly_hours_minutes,
                overage_rate_cents,
                unused_hours,
            } => {
                c.hourly_rate_cents = Some(hourly_rate_cents);
                c.monthly_hours_minutes = monthly_hours_minutes;
                c.overage_rate_cents = overage_rate_cents;
                c.unused_hours = Some(unused_hours);
            }
            Pricing::MonthlyFlat {
                monthly_amount_cents,
                indicative_hours_minutes,
            } => {
                c.monthly_amount_cents = Some(monthly_amount_cents);
                c.indicative_hours_minutes = indicative_hours_minutes;
            }
            Pricing::ProjectFlat {
                project_amount_cents,
                deposit_cents,
            } => {
                c.project_amount_cents = Some(project_amount_cents);
                c.deposit_cents = deposit_cents;
            }
            Pricing::FixedPlusCommission {
                fixed_amount_cents,
                commission_bps,
                commission_cap_cents,
            } => {
                c.fixed_amount_cents = Some(fixed_amount_cents);
                c.commission_bps = Some(commission_bps);
                c.commission_cap_cents = commission_cap_cents;
            }
        }
        c
    }
}

const SELECT: &str = "SELECT k.id, k.client_id, c.name, c.archived, k.title, k.role, k.status,
        k.start_date, k.end_date, k.notes, k.pricing_model,
        k.hourly_rate_cents, k.monthly_hours_minutes, k.overage_rate_cents, k.unused_hours,
        k.monthly_amount_cents, k.indicative_hours_minutes, k.project_amount_cents, k.deposit_cents,
        k.fixed_amount_cents, k.commission_bps, k.commission_cap_cents, k.created_at, k.updated_at,
        (SELECT group_concat(task) FROM collaboration_tasks t WHERE t.collaboration_id = k.id),
        c.currency
    FROM collaborations k JOIN clients c ON c.id = k.client_id";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Collaboration> {
    let model: PricingModel = r.get(10)?;
    // The CHECK constraint guarantees the model's own columns are not NULL.
    let pricing = match model {
        PricingModel::Hourly => Pricing::Hourly {
            hourly_rate_cents: r.get(11)?,
            monthly_hours_minutes: r.get(12)?,
            overage_rate_cents: r.get(13)?,
            unused_hours: r.get(14)?,
        },
        PricingModel::MonthlyFlat => Pricing::MonthlyFlat {
            monthly_amount_cents: r.get(15)?,
            indicative_hours_minutes: r.get(16)?,
        },
        PricingModel::ProjectFlat => Pricing::ProjectFlat {
            project_amount_cents: r.get(17)?,
            deposit_cents: r.get(18)?,
        },
        PricingModel::FixedPlusCommission => Pricing::FixedPlusCommission {
            fixed_amount_cents: r.get(19)?,
            commission_bps: r.get(20)?,
            commission_cap_cents: r.get(21)?,
        },
    };
    let tasks: Option<String> = r.get(24)?;
    let mut tasks: Vec<TaskArea> = tasks
        .unwrap_or_default()
        .split(',')
        .filter_map(TaskArea::parse)
        .collect();
    // Catalogue order, whatever order SQLite aggregated them in.
    tasks.sort_by_key(|t| TaskArea::ALL.iter().position(|a| a == t));
    Ok(Collaboration {
        id: r.get(0)?,
        client_id: r.get(1)?,
        client_name: r.get(2)?,
        client_archived: r.get(3)?,
        client_currency: r.get(25)?,
        title: r.get(4)?,
        role: r.get(5)?,
        status: r.get(6)?,
        start_date: r.get(7)?,
        end_date: r.get(8)?,
        notes: r.get(9)?,
        pricing: pricing.into(),
        created_at: r.get(22)?,
        updated_at: r.get(23)?,
        tasks,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Collaboration> {
    conn.query_row(&format!("{SELECT} WHERE k.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            entity: "collaboration",
            id,
            field: None,
        })
}

fn write_tasks(conn: &Connection, id: i64, tasks: &[TaskArea]) -> Result<()> {
    conn.execute(
        "DELETE FROM collaboration_tasks WHERE collaboration_id = ?1",
        [id],
    )?;
    let mut st = conn.prepare_cached(
        "INSERT INTO collaboration_tasks (collaboration_id, task) VALUES (?1, ?2)",
    )?;
    for t in tasks {
        st.execute((id, t))?;
    }
    Ok(())
}

/// The columns a collaboration form writes, in the order of the values in [`save_row`].
const WRITTEN: &str = "client_id, title, role, status, start_date, end_date, notes,
    pricing_model, hourly_rate_cents, monthly_hours_minutes, overage_rate_cents, unused_hours,
    monthly_amount_cents, indicative_hours_minutes, project_amount_cents, deposit_cents,
    fixed_amount_cents, commission_bps, commission_cap_cents";
const PLACEHOLDERS: &str =
    "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19";

/// Inserts (`id` is `None`) or updates the row of a checked form, with its tasks;
/// returns its id. One column list serves both, so they cannot drift apart.
fn save_row(conn: &Connection, id: Option<i64>, f: &Fields, pricing: &Pricing) -> Result<i64> {
    let p = PricingColumns::from(pricing);
    let model = pricing.model();
    let mut values: Vec<&dyn ToSql> = vec![
        &f.client_id,
        &f.title,
        &f.role,
        &f.status,
        &f.start_date,
        &f.end_date,
        &f.notes,
        &model,
        &p.hourly_rate_cents,
        &p.monthly_hours_minutes,
        &p.overage_rate_cents,
        &p.unused_hours,
        &p.monthly_amount_cents,
        &p.indicative_hours_minutes,
        &p.project_amount_cents,
        &p.deposit_cents,
        &p.fixed_amount_cents,
        &p.commission_bps,
        &p.commission_cap_cents,
    ];
    let id = match id {
        None => {
            conn.execute(
                &format!(
                    "INSERT INTO collaborations ({WRITTEN}, created_at, updated_at)
                     VALUES ({PLACEHOLDERS}, {NOW}, {NOW})"
                ),
                values.as_slice(),
            )?;
            conn.last_insert_rowid()
        }
        Some(id) => {
            values.push(&id);
            conn.execute(
                &format!(
                    "UPDATE collaborations SET ({WRITTEN}) = ({PLACEHOLDERS}), updated_at = {NOW}
                     WHERE id = ?{}",
                    values.len()
                ),
                values.as_slice(),
            )?;
            id
        }
    };
    write_tasks(conn, id, &f.tasks)?;
    Ok(id)
}

pub fn create(conn: &Connection, input: &CollaborationInput) -> Result<Collaboration> {
    let (f, pricing) = checked(conn, input, None)?;
    let id = save_row(conn, None, &f, &pricing)?;
    get(conn, id)
}

pub fn update(conn: &Connection, id: i64, input: &CollaborationInput) -> Result<Collaboration> {
    let (f, pricing) = checked(conn, input, Some(id))?;
    save_row(conn, Some(id), &f, &pricing)?;
    get(conn, id)
}

pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    get(conn, id)?;
    // Quotes and invoices cite their collaboration; issued ones are kept forever.
    let documents: i64 = conn.query_row(
        "SELECT count(*) FROM documents WHERE collaboration_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if documents > 0 {
        return Err(Error::field(
            "id",
            "collaboration_has_documents",
            "this collaboration has quotes or invoices; end it instead",
        ));
    }
    conn.execute("DELETE FROM collaborations WHERE id = ?1", [id])?;
    Ok(())
}

/// The collaboration list's one order: active ones first (then prospects, paused,
/// ended), then by client name and title.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollaborationSort {
    #[default]
    Status,
}

impl SortKey for CollaborationSort {}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CollaborationQuery {
    pub client_id: Option<i64>,
    pub status: Option<String>,
    /// `search` matches the title and the client's name.
    #[serde(flatten)]
    pub paging: PageQuery<CollaborationSort>,
}

/// One page of collaborations, optionally of one client and/or one status.
pub fn list(conn: &Connection, q: &CollaborationQuery) -> Result<Page<Collaboration>> {
    let p = &q.paging;
    p.check()?;
    let status = match q.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(CollaborationStatus::parse(s).ok_or_else(|| {
            Error::field("status", "invalid_choice", format!("{s:?} is not a status"))
        })?),
    };
    // ?1 client, ?2 status, ?3 search pattern, ?4 limit, ?5 offset.
    let filter = "(?1 IS NULL OR k.client_id = ?1) AND (?2 IS NULL OR k.status = ?2)
         AND (?3 = '%%' OR k.title LIKE ?3 ESCAPE '\\' OR c.name LIKE ?3 ESCAPE '\\')";
    let pattern = p.pattern();
    let total: i64 = conn.query_row(
        &format!(
            "SELECT count(*) FROM collaborations k JOIN clients c ON c.id = k.client_id
             WHERE {filter}"
        ),
        rusqlite::params![q.client_id, status, pattern],
        |r| r.get(0),
    )?;
    let dir = p.direction.sql();
    let order = match p.sort {
        CollaborationSort::Status => format!(
            "CASE k.status WHEN 'active' THEN 0 WHEN 'prospect' THEN 1 WHEN 'paused' THEN 2 ELSE 3 END {dir},
             c.name COLLATE NOCASE, k.title COLLATE NOCASE, k.id"
        ),
    };
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} WHERE {filter} ORDER BY {order} LIMIT ?4 OFFSET ?5"
    ))?;
    let rows = st.query_map(
        rusqlite::params![q.client_id, status, pattern, p.limit(), p.offset()],
        from_row,
    )?;
    let items = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(p.page_of(items, total))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients;
    use crate::testing::{acme, temp_db, TempDb};
    use proptest::prelude::*;

    fn with_client() -> (TempDb, i64) {
        let t = temp_db();
        let id = t.db.write(|tx| clients::create(tx, &acme())).unwrap().id;
        (t, id)
    }

    fn hourly(client_id: i64) -> CollaborationInput {
        CollaborationInput {
            client_id: Some(client_id),
            title: "Assistanat administratif".into(),
            role: "va".into(),
            status: "active".into(),
            start_date: "2026-09-01".into(),
            tasks: vec![
                "email_triage".into(),
                "meetings".into(),
                "email_triage".into(),
            ],
            pricing_model: "hourly".into(),
            hourly_rate: "45".into(),
            monthly_hours: "10:30".into(),
            unused_hours: "carried_over".into(),
            // Fields of other models are ignored.
            monthly_amount: "garbage".into(),
            ..Default::default()
        }
    }

    fn error_fields(e: &Error) -> Vec<(&str, &'static str)> {
        e.field_errors()
            .iter()
            .map(|f| (f.field.as_str(), f.code))
            .collect()
    }

    #[test]
    fn create_read_update_delete() {
        let (t, client) = with_client();
        let k = t.db.write(|tx| create(tx, &hourly(client))).unwrap();
        assert_eq!(k.client_name, "Atelier Lumière");
        assert_eq!(k.tasks, [TaskArea::Meetings, TaskArea::EmailTriage]);
        assert_eq!(
            k.pricing.pricing,
            Pricing::Hourly {
                hourly_rate_cents: 4500,
                monthly_hours_minutes: Some(630),
                overage_rate_cents: None,
                unused_hours: UnusedHours::CarriedOver
            }
        );
        assert_eq!(k.pricing.monthly_value_cents, Some(47_250));
        let json = serde_json::to_value(&k).unwrap();
        assert_eq!(json["pricing"]["model"], "hourly");
        assert_eq!(json["pricing"]["monthly_value_cents"], 47_250);

        // Switching model clears the old model's columns (the CHECK would refuse otherwise).
        let flat = CollaborationInput {
            pricing_model: "monthly_flat".into(),
            monthly_amount: "1 200".into(),
            indicative_hours: "30".into(),
            tasks: vec![],
            ..hourly(client)
        };
        let k2 = t.db.write(|tx| update(tx, k.id, &flat)).unwrap();
        assert_eq!(
            k2.pricing.pricing,
            Pricing::MonthlyFlat {
                monthly_amount_cents: 120_000,
                indicative_hours_minutes: Some(1800)
            }
        );
        assert_eq!(k2.pricing.effective_hourly_rate_cents, Some(4000));
        assert!(k2.tasks.is_empty());

        let listed =
            t.db.read(|c| {
                list(
                    c,
                    &CollaborationQuery {
                        client_id: Some(client),
                        status: Some("active".into()),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        assert_eq!(listed.items.len(), 1);
        let page =
            t.db.read(|c| clients::list(c, &clients::ClientQuery::default()))
                .unwrap();
        assert_eq!(page.items[0].active_collaborations, 1);

        t.db.write(|tx| delete(tx, k.id)).unwrap();
        assert_eq!(t.db.read(|c| get(c, k.id)).unwrap_err().code(), "not_found");
        let n: i64 =
            t.db.read(|c| {
                Ok(c.query_row("SELECT count(*) FROM collaboration_tasks", [], |r| r.get(0))?)
            })
            .unwrap();
        assert_eq!(n, 0);
    }

    #[test]
    fn each_model_reads_its_own_fields() {
        let (t, client) = with_client();
        let project = CollaborationInput {
            pricing_model: "project_flat".into(),
            project_amount: "3 000".into(),
            deposit: "900".into(),
            ..hourly(client)
        };
        let k = t.db.write(|tx| create(tx, &project)).unwrap();
        assert_eq!(
            k.pricing.pricing,
            Pricing::ProjectFlat {
                project_amount_cents: 300_000,
                deposit_cents: Some(90_000)
            }
        );
        let comm = CollaborationInput {
            role: "right_hand".into(),
            pricing_model: "fixed_plus_commission".into(),
            fixed_amount: "500".into(),
            commission_rate: "12,5".into(),
            ..hourly(client)
        };
        let k = t.db.write(|tx| create(tx, &comm)).unwrap();
        assert_eq!(
            k.pricing.pricing,
            Pricing::FixedPlusCommission {
                fixed_amount_cents: 50_000,
                commission_bps: 1250,
                commission_cap_cents: None
            }
        );
        assert_eq!(k.role, Role::RightHand);
    }

    #[test]
    fn bad_input_is_refused_and_nothing_is_written() {
        let (t, client) = with_client();
        let cases: Vec<(CollaborationInput, Vec<(&str, &str)>)> = vec![
            (
                CollaborationInput {
                    title: " ".into(),
                    ..hourly(client)
                },
                vec![("title", "required")],
            ),
            (
                CollaborationInput {
                    hourly_rate: "-45".into(),
                    ..hourly(client)
                },
                vec![("hourly_rate", "out_of_range")],
            ),
            (
                CollaborationInput {
                    hourly_rate: "45000".into(),
                    ..hourly(client)
                },
                vec![("hourly_rate", "out_of_range")],
            ),
            (
                CollaborationInput {
                    hourly_rate: "quarante".into(),
                    ..hourly(client)
                },
                vec![("hourly_rate", "invalid_amount")],
            ),
            (
                CollaborationInput {
                    monthly_hours: "800".into(),
                    ..hourly(client)
                },
                vec![("monthly_hours", "out_of_range")],
            ),
            (
                CollaborationInput {
                    end_date: "2026-08-31".into(),
                    ..hourly(client)
                },
                vec![("end_date", "end_before_start")],
            ),
            (
                CollaborationInput {
                    start_date: "".into(),
                    ..hourly(client)
                },
                vec![("start_date", "required")],
            ),
            (
                CollaborationInput {
                    client_id: None,
                    ..hourly(client)
                },
                vec![("client_id", "required")],
            ),
            (
                CollaborationInput {
                    client_id: Some(999),
                    ..hourly(client)
                },
                vec![("client_id", "not_found")],
            ),
            (
                CollaborationInput {
                    tasks: vec!["juggling".into()],
                    ..hourly(client)
                },
                vec![("tasks", "invalid_choice")],
            ),
            (
                CollaborationInput {
                    pricing_model: "barter".into(),
                    ..hourly(client)
                },
                vec![("pricing_model", "invalid_choice")],
            ),
            (
                CollaborationInput {
                    pricing_model: "fixed_plus_commission".into(),
                    fixed_amount: "500".into(),
                    commission_rate: "120".into(),
                    ..hourly(client)
                },
                vec![("commission_rate", "out_of_range")],
            ),
            (
                CollaborationInput {
                    pricing_model: "fixed_plus_commission".into(),
                    fixed_amount: "500".into(),
                    commission_rate: "0".into(),
                    ..hourly(client)
                },
                vec![("commission_rate", "out_of_range")],
            ),
            (
                CollaborationInput {
                    pricing_model: "project_flat".into(),
                    project_amount: "1000".into(),
                    deposit: "1500".into(),
                    ..hourly(client)
                },
                vec![("deposit", "out_of_range")],
            ),
            (
                CollaborationInput {
                    pricing_model: "monthly_flat".into(),
                    monthly_amount: "".into(),
                    ..hourly(client)
                },
                vec![("monthly_amount", "required")],
            ),
            (
                CollaborationInput {
                    pricing_model: "monthly_flat".into(),
                    ..hourly(client)
                },
                vec![("monthly_amount", "invalid_amount")],
            ),
        ];
        for (input, expected) in cases {
            let err = t.db.write(|tx| create(tx, &input)).unwrap_err();
            assert_eq!(error_fields(&err), expected);
            assert_eq!(
                t.db.read(|c| validate(c, &input, None)).unwrap().len(),
                expected.len()
            );
        }
        assert!(t
            .db
            .read(|c| list(c, &CollaborationQuery::default()))
            .unwrap()
            .items
            .is_empty());
        assert!(t
            .db
            .read(|c| validate(c, &hourly(client), None))
            .unwrap()
            .is_empty());
        // Unknown ids.
        assert_eq!(
            t.db.write(|tx| update(tx, 42, &hourly(client)))
                .unwrap_err()
                .code(),
            "not_found"
        );
        assert_eq!(
            t.db.write(|tx| delete(tx, 42)).unwrap_err().code(),
            "not_found"
        );
        assert_eq!(
            t.db.read(|c| list(
                c,
                &CollaborationQuery {
                    status: Some("done".into()),
                    ..Default::default()
                }
            ))
            .unwrap_err()
            .code(),
            "invalid_choice"
        );
    }

    #[test]
    fn the_list_is_paged_and_searched_like_every_list() {
        let (t, client) = with_client();
        for title in ["Assistanat", "Community management", "Tri des e-mails 50%"] {
            let input = CollaborationInput {
                title: title.into(),
                ..hourly(client)
            };
            t.db.write(|tx| create(tx, &input)).unwrap();
        }
        let page = |paging: PageQuery<CollaborationSort>| {
            let q = CollaborationQuery {
                paging,
                ..Default::default()
            };
            t.db.read(|c| list(c, &q)).unwrap()
        };
        let first = page(PageQuery {
            page_size: 2,
            ..Default::default()
        });
        assert_eq!((first.total, first.items.len()), (3, 2));
        let second = page(PageQuery {
            page: 1,
            page_size: 2,
            ..Default::default()
        });
        assert_eq!(second.items.len(), 1);
        assert!(first.items.iter().all(|k| k.id != second.items[0].id));
        let titles = |search: &str| -> Vec<String> {
            page(PageQuery {
                search: search.into(),
                ..Default::default()
            })
            .items
            .into_iter()
            .map(|k| k.title)
            .collect()
        };
        assert_eq!(titles("community"), ["Community management"]);
        assert_eq!(titles("50%"), ["Tri des e-mails 50%"]);
        assert_eq!(titles("atelier").len(), 3, "the client's name matches too");
        assert_eq!(
            t.db.read(|c| list(
                c,
                &CollaborationQuery {
                    paging: PageQuery {
                        page_size: 201,
                        ..Default::default()
                    },
                    ..Default::default()
                }
            ))
            .unwrap_err()
            .code(),
            "out_of_range"
        );
    }

    #[test]
    fn an_archived_client_gets_no_new_collaboration() {
        let (t, client) = with_client();
        t.db.write(|tx| clients::set_archived(tx, client, true))
            .unwrap();
        assert_eq!(
            t.db.write(|tx| create(tx, &hourly(client)))
                .unwrap_err()
                .code(),
            "client_archived"
        );
    }

    #[test]
    fn the_database_refuses_mixed_pricing_models() {
        let (t, client) = with_client();
        let r = t.db.write(|tx| {
            Ok(tx.execute(
                "INSERT INTO collaborations (client_id, title, role, status, pricing_model,
                    hourly_rate_cents, unused_hours, monthly_amount_cents, created_at, updated_at)
                 VALUES (?1, 'x', 'va', 'active', 'hourly', 4500, 'lost', 100000, 'now', 'now')",
                [client],
            )?)
        });
        assert_eq!(r.unwrap_err().code(), "database");
        let r = t.db.write(|tx| {
            Ok(tx.execute(
                "INSERT INTO collaborations (client_id, title, role, status, pricing_model, monthly_amount_cents, created_at, updated_at)
                 VALUES (?1, 'x', 'va', 'active', 'hourly', 100000, 'now', 'now')",
                [client],
            )?)
        });
        assert_eq!(r.unwrap_err().code(), "database", "hourly without its rate");
        // A client with collaborations cannot be deleted underneath them.
        t.db.write(|tx| create(tx, &hourly(client))).unwrap();
        let r =
            t.db.write(|tx| Ok(tx.execute("DELETE FROM clients WHERE id = ?1", [client])?));
        assert_eq!(r.unwrap_err().code(), "database");
    }

    fn amount_text(cents: i64) -> String {
        format!("{},{:02}", cents / 100, cents % 100)
    }

    fn hours_text(minutes: i64) -> String {
        format!("{}:{:02}", minutes / 60, minutes % 60)
    }

    /// Any valid pricing, typed as text, stored in a real SQLite file and read back,
    /// is the same pricing: the CHECK constraint accepts exactly what the core does.
    fn pricing_strategy() -> impl Strategy<Value = Pricing> {
        prop_oneof![
            (
                limits::HOURLY_RATE,
                proptest::option::of(limits::MONTHLY_MINUTES),
                proptest::option::of(limits::HOURLY_RATE),
                any::<bool>()
            )
                .prop_map(|(r, m, o, carry)| Pricing::Hourly {
                    hourly_rate_cents: r,
                    monthly_hours_minutes: m,
                    overage_rate_cents: o,
                    unused_hours: if carry {
                        UnusedHours::CarriedOver
                    } else {
                        UnusedHours::Lost
                    }
                }),
            (
                limits::MONTHLY_AMOUNT,
                proptest::option::of(limits::MONTHLY_MINUTES)
            )
                .prop_map(|(a, m)| Pricing::MonthlyFlat {
                    monthly_amount_cents: a,
                    indicative_hours_minutes: m
                }),
            (limits::PROJECT_AMOUNT, proptest::option::of(1i64..=10_000)).prop_map(|(a, bps)| {
                Pricing::ProjectFlat {
                    project_amount_cents: a,
                    deposit_cents: bps.map(|b| (a * b / 10_000).clamp(1, a)),
                }
            }),
            (
                limits::FIXED_AMOUNT,
                limits::COMMISSION_BPS,
                proptest::option::of(limits::CAP)
            )
                .prop_map(|(f, b, c)| Pricing::FixedPlusCommission {
                    fixed_amount_cents: f,
                    commission_bps: b,
                    commission_cap_cents: c
                }),
        ]
    }

    fn as_input(client_id: i64, p: &Pricing) -> CollaborationInput {
        let opt = |o: Option<i64>, f: fn(i64) -> String| o.map(f).unwrap_or_default();
        let mut i = CollaborationInput {
            pricing_model: p.model().as_str().into(),
            ..hourly(client_id)
        };
        match *p {
            Pricing::Hourly {
                hourly_rate_cents,
                monthly_hours_minutes,
                overage_rate_cents,
                unused_hours,
            } => {
                i.hourly_rate = amount_text(hourly_rate_cents);
                i.monthly_hours = opt(monthly_hours_minutes, hours_text);
                i.overage_rate = opt(overage_rate_cents, amount_text);
                i.unused_hours = unused_hours.as_str().into();
            }
            Pricing::MonthlyFlat {
                monthly_amount_cents,
                indicative_hours_minutes,
            } => {
                i.monthly_amount = amount_text(monthly_amount_cents);
                i.indicative_hours = opt(indicative_hours_minutes, hours_text);
            }
            Pricing::ProjectFlat {
                project_amount_cents,
                deposit_cents,
            } => {
                i.project_amount = amount_text(project_amount_cents);
                i.deposit = opt(deposit_cents, amount_text);
            }
            Pricing::FixedPlusCommission {
                fixed_amount_cents,
                commission_bps,
                commission_cap_cents,
            } => {
                i.fixed_amount = amount_text(fixed_amount_cents);
                i.commission_rate = amount_text(commission_bps);
                i.commission_cap = opt(commission_cap_cents, amount_text);
            }
        }
        i
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn any_valid_pricing_round_trips_through_sqlite(pricings in proptest::collection::vec(pricing_strategy(), 1..4)) {
            let (t, client) = with_client();
            let first = t.db.write(|tx| create(tx, &as_input(client, &pricings[0]))).unwrap();
            prop_assert_eq!(&first.pricing.pricing, &pricings[0]);
            // Changing model on the same row, again and again.
            for p in &pricings[1..] {
                let k = t.db.write(|tx| update(tx, first.id, &as_input(client, p))).unwrap();
                prop_assert_eq!(&k.pricing.pricing, p);
                prop_assert_eq!(&t.db.read(|c| get(c, first.id)).unwrap().pricing.pricing, p);
            }
        }
    }
}
