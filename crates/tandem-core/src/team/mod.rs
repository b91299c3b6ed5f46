//! Team: what a right-hand needs to staff her client's business (or her own) —
//! job descriptions ("fiches de poste"), recruits and team members moving through
//! a pipeline, onboarding templates, and the checklists started from them.
//!
//! - [`job_descriptions`] — the job descriptions, their text and PDF exports;
//! - [`members`] — recruits and team members and their stage transitions;
//! - [`templates`] — the built-in job-description templates, drawn from the task
//!   catalogues and expected qualities of the user research;
//! - [`onboarding_templates`] — ordered sections and items; two are built in (by the
//!   0003 migration) and read-only, the user's own are created, duplicated, edited;
//! - [`onboarding`] — checklists: a copy of a template with due dates, ticked off.

pub mod documents;
pub mod job_descriptions;
pub mod members;
pub mod onboarding;
pub mod onboarding_templates;
pub mod templates;

use crate::catalog::{code_enum, Code, Currency};
use crate::error::Result;
use crate::locale::{self, pick, Language};
use crate::validate::{Checker, Need, Quantity, NOTES_MAX};
use serde::Serialize;

code_enum!(
    /// Where a person stands in the recruiting pipeline. `left` and `rejected` are
    /// archived stages: the person stays in the history and can only be reopened.
    Stage {
        Candidate => "candidate",
        Interview => "interview",
        Selected => "selected",
        Onboarding => "onboarding",
        Active => "active",
        Left => "left",
        Rejected => "rejected",
    }
);

code_enum!(
    /// A job description is written (draft), published (open), then filled.
    JobStatus { Draft => "draft", Open => "open", Filled => "filled" }
);

code_enum!(
    /// What a pay amount is for: an hour, a month (forfait), or a whole project.
    PayUnit { Hour => "hour", Month => "month", Project => "project" }
);

code_enum!(
    /// Who does an onboarding item.
    Who { RightHand => "right_hand", Recruit => "recruit", Client => "client" }
);

code_enum!(
    /// Who an onboarding template welcomes: a recruit, or a new client.
    TemplateKind { Recruit => "recruit", Client => "client" }
);

/// The longest list (missions, tasks …) or checklist we accept: more is a mistake.
pub const MAX_ITEMS: usize = 200;

/// The vocabularies of the team screens, for the UI's selects and board columns.
#[derive(Debug, Serialize)]
pub struct TeamCatalog {
    pub stages: &'static [Stage],
    /// For each stage, the stages a person may be moved to from it.
    pub transitions: Vec<(Stage, Vec<Stage>)>,
    pub job_statuses: &'static [JobStatus],
    pub pay_units: &'static [PayUnit],
    pub who: &'static [Who],
    pub template_kinds: &'static [TemplateKind],
    pub job_templates: Vec<templates::JobTemplateEntry>,
}

/// The vocabularies, with the built-in job templates written in `lang` (the UI's).
pub fn catalog(lang: Language) -> TeamCatalog {
    TeamCatalog {
        stages: Stage::ALL,
        transitions: Stage::ALL
            .iter()
            .map(|&s| (s, members::allowed_moves(s).to_vec()))
            .collect(),
        job_statuses: JobStatus::ALL,
        pay_units: PayUnit::ALL,
        who: Who::ALL,
        template_kinds: TemplateKind::ALL,
        job_templates: templates::job_template_entries(lang),
    }
}

/// A pay amount with its unit, both optional together: "35" + "hour".
pub(crate) fn check_pay(
    c: &mut Checker,
    amount: &str,
    unit: &str,
) -> (Option<i64>, Option<PayUnit>) {
    if amount.trim().is_empty() {
        return (None, None);
    }
    let cents = c.number(
        "pay_amount",
        amount,
        Need::Optional,
        Quantity::Amount,
        1..=1_000_000_000,
    );
    let unit = c.choice::<PayUnit>("pay_unit", unit, Need::Required);
    match (cents, unit) {
        (Some(a), Some(u)) => (Some(a), Some(u)),
        _ => (None, None),
    }
}

/// A list typed one item per line (bullets and blank lines dropped).
pub(crate) fn check_lines(c: &mut Checker, field: &str, value: &str) -> Vec<String> {
    let Some(text) = c.text(field, value, Need::Optional, NOTES_MAX) else {
        return Vec::new();
    };
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '*', '•', '·', '–'])
                .trim()
                .to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > MAX_ITEMS {
        c.push(
            field,
            "too_many_items",
            format!("{field} has more than {MAX_ITEMS} lines"),
        );
        return Vec::new();
    }
    lines
}

/// A web or mail link a user may click in a checklist: nothing else is a link.
pub(crate) fn check_link(c: &mut Checker, field: &str, value: &str) -> Option<String> {
    c.with(field, value, Need::Optional, |v| {
        let lower = v.to_ascii_lowercase();
        let ok = (lower.starts_with("https://") || lower.starts_with("http://")) && v.len() > 8
            || lower.starts_with("mailto:") && v.len() > 7;
        if ok && v.len() <= 2000 && !v.chars().any(char::is_whitespace) {
            Ok(v.to_owned())
        } else {
            Err((
                "invalid_link",
                format!("{v:?} is not a web (https://…) or mailto: link"),
            ))
        }
    })
}

/// "35,00 € HT / heure" or "€35.00 excl. VAT / hour": a pay amount with its
/// unit, as the team's exports print it (ordinary spaces: the text is pasted
/// into job boards).
pub fn pay_text(cents: i64, unit: PayUnit, currency: Currency, lang: Language) -> String {
    let m = locale::plain(&locale::money(cents, currency.as_str(), lang));
    let per = match unit {
        PayUnit::Hour => pick(lang, "heure", "hour"),
        PayUnit::Month => pick(lang, "mois", "month"),
        PayUnit::Project => pick(lang, "projet", "project"),
    };
    match (unit, lang) {
        (PayUnit::Project, Language::Fr) => format!("{m} (forfait {per})"),
        (PayUnit::Project, Language::En) => format!("{m} (fixed fee per {per})"),
        (_, Language::Fr) => format!("{m} HT / {per}"),
        (_, Language::En) => format!("{m} excl. VAT / {per}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Money and hours alone are pinned in `locale`'s tests (as they were here).
    #[test]
    fn pay_in_both_languages() {
        let pay = |c, u, cur, l| pay_text(c, u, cur, l);
        assert_eq!(
            pay(3500, PayUnit::Hour, Currency::Eur, Language::Fr),
            "35,00 € HT / heure"
        );
        assert_eq!(
            pay(150_000, PayUnit::Month, Currency::Chf, Language::Fr),
            "1 500,00 CHF HT / mois"
        );
        assert_eq!(
            pay(90_000, PayUnit::Project, Currency::Eur, Language::Fr),
            "900,00 € (forfait projet)"
        );
        assert_eq!(
            pay(3500, PayUnit::Hour, Currency::Usd, Language::En),
            "$35.00 excl. VAT / hour"
        );
        assert_eq!(
            pay(90_000, PayUnit::Project, Currency::Gbp, Language::En),
            "£900.00 (fixed fee per project)"
        );
    }

    #[test]
    fn lines_and_links() {
        let mut c = Checker::new();
        assert_eq!(
            check_lines(
                &mut c,
                "tasks",
                "- Tri des e-mails\n\n• Agenda  \n  * Relances"
            ),
            ["Tri des e-mails", "Agenda", "Relances"]
        );
        assert_eq!(
            check_link(&mut c, "a", "https://notion.so/x").as_deref(),
            Some("https://notion.so/x")
        );
        assert_eq!(check_link(&mut c, "b", "javascript:alert(1)"), None);
        assert_eq!(check_link(&mut c, "c", "https://"), None);
        assert_eq!(check_link(&mut c, "d", ""), None);
        let codes: Vec<_> = c.into_errors().iter().map(|e| e.code).collect();
        assert_eq!(codes, ["invalid_link", "invalid_link"]);
    }
}
