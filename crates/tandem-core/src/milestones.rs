//! The milestones (« jalons ») of a project flat fee: the steps at which the
//! project price is invoiced. Each has a label, an amount excl. VAT or a share of
//! the price, and a planned date; the last one is the balance, whatever remains.
//!
//! Invariant: the deposit and every milestone but the last come to less than the
//! project price, so the balance is positive; a milestone already invoiced is
//! never changed, moved or removed. Invoicing one is `ops::billing`.

use crate::catalog::PricingModel;
use crate::collaborations::{self, Collaboration};
use crate::error::{Error, FieldError, Result};
use crate::pricing::{div_round, Pricing};
use crate::validate::{self, parse_amount, parse_percent, Checker, Form, Need};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

pub const MAX_MILESTONES: usize = 50;

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(default)]
pub struct MilestoneInput {
    pub id: Option<i64>,
    pub label: String,
    /// An amount excl. VAT ("1 500") or a share of the price ("30 %"); ignored on
    /// the last milestone (the balance).
    pub amount: String,
    pub planned_date: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MilestonesInput {
    pub collaboration_id: i64,
    pub milestones: Vec<MilestoneInput>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Milestone {
    pub id: i64,
    pub position: i64,
    pub label: String,
    pub amount_cents: Option<i64>,
    pub percent_bps: Option<i64>,
    pub planned_date: Option<NaiveDate>,
    /// What it invoices, excl. VAT: its amount, its share of the price, or for the
    /// balance what the deposit and the other milestones leave.
    pub planned_cents: i64,
    pub balance: bool,
    pub document_id: Option<i64>,
    pub document_number: Option<String>,
}

/// The milestones of a collaboration and the figures around them.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Plan {
    pub project_cents: i64,
    pub deposit_cents: Option<i64>,
    pub milestones: Vec<Milestone>,
    /// The next milestone to invoice, if any.
    pub next_id: Option<i64>,
}

/// A checked list: per milestone its id (kept ones), label, amount or share, date.
pub struct Parsed {
    rows: Vec<ParsedRow>,
}

type ParsedRow = (
    Option<i64>,
    String,
    Option<i64>,
    Option<i64>,
    Option<NaiveDate>,
);

fn project(k: &Collaboration) -> Option<(i64, Option<i64>)> {
    match k.pricing.pricing {
        Pricing::ProjectFlat {
            project_amount_cents,
            deposit_cents,
        } => Some((project_amount_cents, deposit_cents)),
        _ => None,
    }
}

fn share(price: i64, bps: i64) -> i64 {
    div_round(i128::from(price) * i128::from(bps), 10_000) as i64
}

impl Form for MilestonesInput {
    type Parsed = Parsed;
    fn check(&self, conn: &Connection, _: Option<i64>, c: &mut Checker) -> Result<Parsed> {
        let k = collaborations::get(conn, self.collaboration_id)?;
        let Some((price, deposit)) = project(&k) else {
            c.push(
                "milestones",
                "not_project_flat",
                "only a project flat fee has milestones",
            );
            return Ok(Parsed { rows: vec![] });
        };
        if self.milestones.len() > MAX_MILESTONES {
            c.push("milestones", "too_many_lines", "at most 50 milestones");
        }
        let stored = list(conn, self.collaboration_id)?.milestones;
        let n = self.milestones.len();
        let mut rows = Vec::new();
        let mut sum = deposit.unwrap_or(0);
        for (i, m) in self.milestones.iter().enumerate().take(MAX_MILESTONES) {
            let f = |name: &str| format!("milestones.{i}.{name}");
            let label = c.line(&f("label"), &m.label, Need::Required);
            let last = i + 1 == n;
            let (mut amount, mut percent) = (None, None);
            let text = m.amount.trim();
            if !last {
                if text.is_empty() {
                    c.push(&f("amount"), "required", "an amount or a percentage");
                } else if text.ends_with('%') {
                    match parse_percent(text) {
                        Ok(bp) if (1..=10_000).contains(&bp) => percent = Some(bp),
                        Ok(_) => c.push(&f("amount"), "out_of_range", "0,01 to 100 %"),
                        Err((code, msg)) => c.push(&f("amount"), code, msg),
                    }
                } else {
                    match parse_amount(text) {
                        Ok(a) if a > 0 && a <= 1_000_000_000 => amount = Some(a),
                        Ok(_) => c.push(&f("amount"), "out_of_range", "more than zero"),
                        Err((code, msg)) => c.push(&f("amount"), code, msg),
                    }
                }
                sum += amount.unwrap_or(0) + percent.map_or(0, |bp| share(price, bp));
            }
            let date = c.date(&f("planned_date"), &m.planned_date, Need::Optional);
            // An invoiced milestone stays what it was, where it was.
            if let Some(s) = stored.iter().find(|s| Some(s.id) == m.id) {
                if s.document_id.is_some()
                    && (s.position != i as i64
                        || Some(&s.label) != label.as_ref()
                        || s.amount_cents != amount
                        || s.percent_bps != percent
                        || (last != s.balance))
                {
                    c.push(
                        &f("label"),
                        "milestone_invoiced",
                        "an invoiced milestone is kept as it was",
                    );
                }
            }
            rows.push((m.id, label.unwrap_or_default(), amount, percent, date));
        }
        for s in stored.iter().filter(|s| s.document_id.is_some()) {
            if !self.milestones.iter().any(|m| m.id == Some(s.id)) {
                c.push(
                    "milestones",
                    "milestone_invoiced",
                    "an invoiced milestone is kept",
                );
            }
        }
        if n > 0 && sum >= price {
            c.push(
                "milestones",
                "milestones_exceed_price",
                "the deposit and the milestones before the balance exceed the project price",
            );
        }
        Ok(Parsed { rows })
    }
}

pub fn validate(conn: &Connection, input: &MilestonesInput) -> Result<Vec<FieldError>> {
    validate::errors(conn, input, None)
}

/// Saves the whole list (in its order). Invoiced milestones keep their ids.
pub fn save(conn: &Connection, input: &MilestonesInput) -> Result<Plan> {
    let p = validate::parse(conn, input, None)?;
    let k = input.collaboration_id;
    // Positions are unique: move every kept row out of the way first.
    conn.execute(
        "UPDATE milestones SET position = position + 1000000 WHERE collaboration_id = ?1",
        [k],
    )?;
    let keep: Vec<i64> = p.rows.iter().filter_map(|r| r.0).collect();
    let mut st = conn.prepare("SELECT id FROM milestones WHERE collaboration_id = ?1")?;
    let existing: Vec<i64> = st
        .query_map([k], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in existing.iter().filter(|id| !keep.contains(id)) {
        conn.execute("DELETE FROM milestones WHERE id = ?1", [id])?;
    }
    for (i, (id, label, amount, percent, date)) in p.rows.iter().enumerate() {
        match id.filter(|id| existing.contains(id)) {
            Some(id) => conn.execute(
                "UPDATE milestones SET position = ?2, label = ?3, amount_cents = ?4,
                    percent_bps = ?5, planned_date = ?6 WHERE id = ?1",
                params![id, i as i64, label, amount, percent, date],
            )?,
            None => conn.execute(
                "INSERT INTO milestones (collaboration_id, position, label, amount_cents,
                    percent_bps, planned_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![k, i as i64, label, amount, percent, date],
            )?,
        };
    }
    list(conn, k)
}

/// The milestones of a collaboration, in order, with what each invoices.
pub fn list(conn: &Connection, collaboration_id: i64) -> Result<Plan> {
    let k = collaborations::get(conn, collaboration_id)?;
    if k.pricing.pricing.model() != PricingModel::ProjectFlat {
        return Err(Error::field(
            "collaboration_id",
            "not_project_flat",
            "only a project flat fee has milestones",
        ));
    }
    let (price, deposit) = project(&k).unwrap_or((0, None));
    let mut st = conn.prepare_cached(
        "SELECT m.id, m.position, m.label, m.amount_cents, m.percent_bps, m.planned_date,
                m.document_id, d.number
           FROM milestones m LEFT JOIN documents d ON d.id = m.document_id
          WHERE m.collaboration_id = ?1 ORDER BY m.position",
    )?;
    let mut milestones: Vec<Milestone> = st
        .query_map([collaboration_id], |r| {
            let amount: Option<i64> = r.get(3)?;
            let percent: Option<i64> = r.get(4)?;
            Ok(Milestone {
                id: r.get(0)?,
                position: r.get(1)?,
                label: r.get(2)?,
                amount_cents: amount,
                percent_bps: percent,
                planned_date: r.get(5)?,
                planned_cents: amount.or(percent.map(|bp| share(price, bp))).unwrap_or(0),
                balance: false,
                document_id: r.get(6)?,
                document_number: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let before: i64 = deposit.unwrap_or(0)
        + milestones
            .iter()
            .take(milestones.len().saturating_sub(1))
            .map(|m| m.planned_cents)
            .sum::<i64>();
    if let Some(last) = milestones.last_mut() {
        last.balance = true;
        last.planned_cents = price - before;
    }
    let next_id = milestones
        .iter()
        .find(|m| m.document_id.is_none())
        .map(|m| m.id);
    Ok(Plan {
        project_cents: price,
        deposit_cents: deposit,
        milestones,
        next_id,
    })
}
