//! Billing a month and a milestone, on real files: the wording, the entries kept
//! and frozen, the refusals, and — property tests in exact cents and minutes —
//! that every model's draft comes to its rule.

use super::billing::{self, BillMonthInput, PlanState};
use crate::clients::{self, ClientInput};
use crate::collaborations::{self, CollaborationInput};
use crate::documents;
use crate::error::Error;
use crate::milestones::{self, MilestoneInput, MilestonesInput};
use crate::pricing::hours_value;
use crate::testing::{acme, collaboration, day, hourly, micro, seeded, TempDb};
use crate::timesheet::entries::{self, EntryInput};
use crate::timesheet::EntryState;
use proptest::prelude::*;

fn today() -> chrono::NaiveDate {
    day("2026-12-03")
}

fn create(t: &TempDb, input: &CollaborationInput) -> i64 {
    t.db.write(|tx| collaborations::create(tx, input))
        .unwrap()
        .id
}

fn log(t: &TempDb, k: i64, d: &str, duration: &str, task: &str, billable: bool) -> i64 {
    t.db.write(|tx| {
        entries::create(
            tx,
            &EntryInput {
                collaboration_id: Some(k),
                day: d.into(),
                duration: duration.into(),
                task: task.into(),
                billable,
                ..EntryInput::default()
            },
            today(),
        )
    })
    .unwrap()
    .id
}

fn month(k: i64, m: &str) -> BillMonthInput {
    BillMonthInput {
        collaboration_id: k,
        month: m.into(),
        ..BillMonthInput::default()
    }
}

fn bill(t: &TempDb, input: &BillMonthInput) -> Result<documents::Document, Error> {
    t.db.write(|tx| billing::bill_month(tx, input, today()))
}

fn lines(d: &documents::Document) -> Vec<(String, i64)> {
    d.lines
        .iter()
        .map(|l| (l.description.replace('\u{a0}', " "), l.total_excl))
        .collect()
}

fn codes(e: &Error) -> Vec<(&str, &'static str)> {
    e.field_errors()
        .iter()
        .map(|f| (f.field.as_str(), f.code))
        .collect()
}

#[test]
fn the_previous_month_during_the_first_ten_days() {
    assert_eq!(billing::default_month(day("2026-12-03")), "2026-11");
    assert_eq!(billing::default_month(day("2026-12-10")), "2026-11");
    assert_eq!(billing::default_month(day("2026-12-11")), "2026-12");
    assert_eq!(billing::default_month(day("2027-01-02")), "2026-12");
}

#[test]
fn an_hourly_month_becomes_a_draft_with_its_entries_then_an_invoice_that_freezes_them() {
    let (t, client) = seeded(micro(), acme());
    let k = create(&t, &hourly(client, "45", "", "lost"));
    let a = log(&t, k, "2026-11-02", "8", "email_triage", true);
    log(&t, k, "2026-11-20", "4:30", "meetings", true);
    let free = log(&t, k, "2026-11-21", "1", "", false);
    log(&t, k, "2026-10-30", "2", "", true);
    let plan =
        t.db.read(|c| billing::preview(c, &month(k, "2026-11"), today()))
            .unwrap();
    assert_eq!(
        (plan.state, plan.unbilled_minutes, plan.total_excl),
        (PlanState::Ready, 750, 56_250)
    );
    let draft = bill(&t, &month(k, "2026-11")).unwrap();
    assert_eq!(
        lines(&draft),
        [(
            "Assistance virtuelle — novembre 2026 : 12 h 30 × 45,00 €".to_owned(),
            56_250
        )]
    );
    assert_eq!(draft.service_from.as_deref(), Some("2026-11-01"));
    assert_eq!(draft.service_to.as_deref(), Some("2026-11-30"));
    assert_eq!(draft.totals.incl, 56_250, "franchise: no VAT");
    let e = t.db.read(|c| entries::get(c, a)).unwrap();
    assert_eq!(
        (e.state, e.document_id),
        (EntryState::OnDraft, Some(draft.id))
    );
    assert_eq!(
        t.db.read(|c| entries::get(c, free)).unwrap().state,
        EntryState::Unbilled
    );
    // Twice is refused, and the preview names the draft.
    let err = bill(&t, &month(k, "2026-11")).unwrap_err();
    assert_eq!(codes(&err), [("month", "month_already_billed")]);
    let plan =
        t.db.read(|c| billing::preview(c, &month(k, "2026-11"), today()))
            .unwrap();
    assert_eq!(
        (plan.state, plan.document_id),
        (PlanState::Billed, Some(draft.id))
    );
    // Deleting the draft frees the month and the entries: bill it per task.
    t.db.write(|tx| documents::delete(tx, draft.id)).unwrap();
    assert_eq!(
        t.db.read(|c| entries::get(c, a)).unwrap().state,
        EntryState::Unbilled
    );
    let per_task = BillMonthInput {
        per_task: true,
        ..month(k, "2026-11")
    };
    let draft = bill(&t, &per_task).unwrap();
    assert_eq!(
        lines(&draft),
        [
            (
                "Organisation des e-mails — novembre 2026 : 8 h × 45,00 €".to_owned(),
                36_000
            ),
            (
                "Prise de rendez-vous — novembre 2026 : 4 h 30 × 45,00 €".to_owned(),
                20_250
            ),
        ]
    );
    let issued =
        t.db.write(|tx| documents::issue(tx, draft.id, today()))
            .unwrap();
    let e = t.db.read(|c| entries::get(c, a)).unwrap();
    assert_eq!(e.state, EntryState::Billed);
    assert_eq!(e.document_number, issued.number);
    // October was not billed: its hours stay free for October's invoice.
    let oct = bill(&t, &month(k, "2026-10")).unwrap();
    assert_eq!(oct.totals.excl, 9000);
}

#[test]
fn every_model_worded_in_french_and_in_english() {
    let (t, client) = seeded(micro(), acme());
    let en =
        t.db.write(|tx| {
            clients::create(
                tx,
                &ClientInput {
                    name: "Northwind Ltd".into(),
                    country: "GB".into(),
                    doc_language: "en".into(),
                    currency: "GBP".into(),
                    ..acme()
                },
            )
        })
        .unwrap()
        .id;
    let bank = |c| hourly(c, "45", "10", "carried_over");
    let bank = |c| CollaborationInput {
        overage_rate: "55".into(),
        start_date: "2026-10-01".into(),
        ..bank(c)
    };
    let flat = |c| CollaborationInput {
        pricing_model: "monthly_flat".into(),
        monthly_amount: "1200".into(),
        indicative_hours: "20".into(),
        role: "right_hand".into(),
        tasks: vec![],
        ..collaboration(c)
    };
    let commission = |c| CollaborationInput {
        pricing_model: "fixed_plus_commission".into(),
        fixed_amount: "500".into(),
        commission_rate: "10".into(),
        commission_cap: "2000".into(),
        ..collaboration(c)
    };
    let mut words = Vec::new();
    for (i, c) in [client, en].into_iter().enumerate() {
        let b = create(&t, &bank(c));
        // October: 8 h of 10 → 2 h carried into November; November: 14 h 30.
        log(&t, b, &format!("2026-10-0{}", 5 + i), "8", "", true);
        log(&t, b, &format!("2026-11-0{}", 5 + i), "14:30", "", true);
        let d = bill(&t, &month(b, "2026-11")).unwrap();
        assert_eq!(
            d.totals.excl,
            45_000 + 13_750,
            "bank + 2 h 30 beyond 10 h + 2 h"
        );
        words.push(lines(&d));
        let f = create(&t, &flat(c));
        words.push(lines(&bill(&t, &month(f, "2026-11")).unwrap()));
        let m = create(&t, &commission(c));
        let err = bill(&t, &month(m, "2026-11")).unwrap_err();
        assert_eq!(codes(&err), [("revenue", "required")]);
        let d = bill(
            &t,
            &BillMonthInput {
                revenue: "12 340".into(),
                ..month(m, "2026-11")
            },
        )
        .unwrap();
        assert_eq!(d.totals.excl, 50_000 + 123_400);
        words.push(lines(&d));
        let capped = create(&t, &commission(c));
        let d = bill(
            &t,
            &BillMonthInput {
                revenue: "25000".into(),
                ..month(capped, "2026-11")
            },
        )
        .unwrap();
        assert_eq!(d.totals.excl, 50_000 + 200_000, "the commission is capped");
        words.push(lines(&d));
    }
    let text: Vec<Vec<&str>> = words
        .iter()
        .map(|ls| ls.iter().map(|(s, _)| s.as_str()).collect())
        .collect();
    assert_eq!(
        text,
        [
            vec![
                "Assistance virtuelle — novembre 2026 : forfait 10 h (+ 2 h reportées du mois précédent)",
                "Heures supplémentaires — novembre 2026 : 2 h 30 × 55,00 €",
            ],
            vec!["Accompagnement bras droit — novembre 2026 : forfait mensuel"],
            vec![
                "Assistance virtuelle — novembre 2026 : partie fixe",
                "Commission 10 % sur un chiffre d'affaires de 12 340,00 € (novembre 2026)",
            ],
            vec![
                "Assistance virtuelle — novembre 2026 : partie fixe",
                "Commission 10 % sur un chiffre d'affaires de 25 000,00 € (novembre 2026), plafonnée à 2 000,00 €",
            ],
            vec![
                "Virtual assistance — November 2026: 10 h package (+ 2 h carried over from last month)",
                "Extra hours — November 2026: 2 h 30 × £55.00",
            ],
            vec!["Right-hand support — November 2026: monthly flat fee"],
            vec![
                "Virtual assistance — November 2026: fixed fee",
                "10% commission on revenue of £12,340.00 (November 2026)",
            ],
            vec![
                "Virtual assistance — November 2026: fixed fee",
                "10% commission on revenue of £25,000.00 (November 2026), capped at £2,000.00",
            ],
        ]
    );
    // The revenue is kept with the month.
    let plans =
        t.db.read(|c| billing::month_end(c, "2026-11", today()))
            .unwrap();
    assert!(plans
        .iter()
        .any(|p| p.revenue_cents == Some(1_234_000) && p.state == PlanState::Billed));
}

#[test]
fn bad_billing_is_refused_and_writes_nothing() {
    let (t, client) = seeded(micro(), acme());
    let k = create(&t, &hourly(client, "45", "", "lost"));
    let commission = create(
        &t,
        &CollaborationInput {
            pricing_model: "fixed_plus_commission".into(),
            fixed_amount: "0".into(),
            commission_rate: "10".into(),
            ..collaboration(client)
        },
    );
    let project = create(
        &t,
        &CollaborationInput {
            pricing_model: "project_flat".into(),
            project_amount: "5000".into(),
            ..collaboration(client)
        },
    );
    let revenue = |r: &str| BillMonthInput {
        revenue: r.into(),
        ..month(commission, "2026-11")
    };
    let cases = [
        (month(k, "2026-11"), ("month", "no_unbilled_hours")),
        (month(k, "2026-13"), ("month", "invalid_month")),
        (month(k, "2027-01"), ("month", "month_in_future")),
        (
            month(k, "2025-12"),
            ("month", "month_outside_collaboration"),
        ),
        (month(project, "2026-11"), ("month", "bill_by_milestone")),
        (revenue("-5"), ("revenue", "revenue_out_of_range")),
        (revenue("999999999999"), ("revenue", "revenue_out_of_range")),
        (revenue("douze"), ("revenue", "invalid_amount")),
        (revenue("0"), ("month", "nothing_to_bill")),
    ];
    for (input, expected) in cases {
        let err = bill(&t, &input).unwrap_err();
        assert_eq!(codes(&err), [expected], "{input:?}");
    }
    log(&t, k, "2026-11-03", "2", "", true);
    t.db.write(|tx| clients::set_archived(tx, client, true).map(drop))
        .unwrap();
    let err = bill(&t, &month(k, "2026-11")).unwrap_err();
    assert_eq!(codes(&err), [("collaboration_id", "client_archived")]);
    let docs: i64 =
        t.db.read(|c| Ok(c.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))?))
            .unwrap();
    assert_eq!(docs, 0);
}

#[test]
fn two_billings_of_the_same_month_at_once_make_one_draft() {
    let (t, client) = seeded(micro(), acme());
    let k = create(&t, &hourly(client, "45", "", "lost"));
    log(&t, k, "2026-11-03", "2", "", true);
    let path = t.db.path().to_owned();
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let path = path.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let db = crate::db::Database::open(&path).unwrap();
                barrier.wait();
                db.write(|tx| billing::bill_month(tx, &month(k, "2026-11"), today()))
                    .map(|d| d.id)
                    .map_err(|e| e.code())
            })
        })
        .collect();
    let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(
        results.contains(&Err("month_already_billed")),
        "{results:?}"
    );
    let (docs, billings): (i64, i64) =
        t.db.read(|c| {
            Ok((
                c.query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))?,
                c.query_row("SELECT COUNT(*) FROM billings", [], |r| r.get(0))?,
            ))
        })
        .unwrap();
    assert_eq!((docs, billings), (1, 1));
}

fn milestone(label: &str, amount: &str) -> MilestoneInput {
    MilestoneInput {
        label: label.into(),
        amount: amount.into(),
        ..MilestoneInput::default()
    }
}

fn project(t: &TempDb, client: i64, price: &str) -> i64 {
    create(
        t,
        &CollaborationInput {
            pricing_model: "project_flat".into(),
            title: "Refonte du site".into(),
            project_amount: price.into(),
            ..collaboration(client)
        },
    )
}

#[test]
fn milestones_are_checked_and_the_balance_deducts_what_was_invoiced() {
    let (t, client) = seeded(micro(), acme());
    let k = project(&t, client, "5000");
    let save = |ms: Vec<MilestoneInput>| {
        t.db.write(|tx| {
            milestones::save(
                tx,
                &MilestonesInput {
                    collaboration_id: k,
                    milestones: ms,
                },
            )
        })
    };
    let err = save(vec![
        milestone("Maquettes", "60 %"),
        milestone("Développement", "2000"),
        milestone("Mise en ligne", ""),
    ])
    .unwrap_err();
    assert_eq!(codes(&err), [("milestones", "milestones_exceed_price")]);
    let err = save(vec![milestone("", "10 %"), milestone("Fin", "")]).unwrap_err();
    assert_eq!(codes(&err), [("milestones.0.label", "required")]);
    let err = save(vec![milestone("A", ""), milestone("Fin", "")]).unwrap_err();
    assert_eq!(codes(&err), [("milestones.0.amount", "required")]);
    let plan = save(vec![
        milestone("Maquettes", "30 %"),
        milestone("Développement", "1 999,99"),
        milestone("Mise en ligne", ""),
    ])
    .unwrap();
    let planned: Vec<i64> = plan.milestones.iter().map(|m| m.planned_cents).collect();
    assert_eq!(planned, [150_000, 199_999, 150_001]);
    assert!(plan.milestones[2].balance);
    let next = |t: &TempDb| {
        t.db.write(|tx| billing::bill_milestone(tx, k, today()))
            .unwrap()
    };
    let issue = |t: &TempDb, id| t.db.write(|tx| documents::issue(tx, id, today())).unwrap();
    let first = next(&t);
    assert_eq!(
        lines(&first),
        [("Refonte du site — jalon 1 : Maquettes".to_owned(), 150_000)]
    );
    // Deleting the draft frees the milestone.
    t.db.write(|tx| documents::delete(tx, first.id)).unwrap();
    let plan = t.db.read(|c| milestones::list(c, k)).unwrap();
    assert_eq!(plan.next_id, Some(plan.milestones[0].id));
    let first = issue(&t, next(&t).id);
    // An invoiced milestone is kept as it was.
    let err = save(vec![
        milestone("Maquettes", "20 %"),
        milestone("Mise en ligne", ""),
    ])
    .unwrap_err();
    assert!(
        codes(&err).iter().any(|(_, c)| *c == "milestone_invoiced"),
        "{err:?}"
    );
    let second = issue(&t, next(&t).id);
    let balance = next(&t);
    let text = lines(&balance);
    assert_eq!(
        text[0],
        (
            "Refonte du site — solde (Mise en ligne) : prix du projet".to_owned(),
            500_000
        )
    );
    assert_eq!(text.len(), 3, "{text:?}");
    assert!(
        text[1].0.starts_with("Déduction de la facture F-2026-"),
        "{text:?}"
    );
    assert_eq!((text[1].1, text[2].1), (-150_000, -199_999));
    let balance = issue(&t, balance.id);
    let invoiced = first.totals.excl + second.totals.excl + balance.totals.excl;
    assert_eq!(
        invoiced, 500_000,
        "milestones + balance = the price to the cent"
    );
    let err =
        t.db.write(|tx| billing::bill_milestone(tx, k, today()))
            .unwrap_err();
    assert_eq!(codes(&err), [("milestones", "no_milestone_left")]);
}

#[test]
fn the_balance_waits_for_the_projects_drafts() {
    let (t, client) = seeded(micro(), acme());
    let k = project(&t, client, "1000");
    t.db.write(|tx| {
        milestones::save(
            tx,
            &MilestonesInput {
                collaboration_id: k,
                milestones: vec![milestone("Début", "400"), milestone("Fin", "")],
            },
        )
    })
    .unwrap();
    t.db.write(|tx| billing::bill_milestone(tx, k, today()))
        .unwrap();
    let err =
        t.db.write(|tx| billing::bill_milestone(tx, k, today()))
            .unwrap_err();
    assert_eq!(codes(&err), [("milestones", "earlier_invoice_draft")]);
}

/// The rule of a bank month, written plainly: used hours take the carried-over
/// ones first; what is left of the bank rolls into the next month only.
fn bank_rule(bank: i64, carried_rule: bool, used: &[i64]) -> Vec<(i64, i64)> {
    let mut carried = 0;
    let mut out = Vec::new();
    for &u in used {
        let overage = (u - bank - carried).max(0);
        out.push((carried, overage));
        let from_bank = (u - carried).max(0);
        carried = if carried_rule {
            (bank - from_bank).max(0)
        } else {
            0
        };
    }
    out
}

/// Splits `minutes` of a month into entries of at most 8 hours on distinct days.
fn spread(t: &TempDb, k: i64, month: &str, mut minutes: i64) {
    let mut d = 1;
    while minutes > 0 {
        let m = minutes.min(8 * 60);
        log(
            t,
            k,
            &format!("{month}-{d:02}"),
            &format!("{m} min"),
            "",
            true,
        );
        minutes -= m;
        d += 1;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(crate::testing::cases(16)))]

    /// Hourly without a bank: one line is the month's minutes at the rate; per task
    /// it is each task's minutes at the rate.
    #[test]
    fn hourly_months(rate in 1i64..20_000, tasks in proptest::collection::vec((0usize..3, 1i64..600), 1..12), per_task in any::<bool>()) {
        let (t, client) = seeded(micro(), acme());
        let k = create(&t, &hourly(client, &format!("{},{:02}", rate / 100, rate % 100), "", "lost"));
        let names = ["email_triage", "meetings", ""];
        let mut by_task = [0i64; 3];
        for (i, (task, minutes)) in tasks.iter().enumerate() {
            log(&t, k, &format!("2026-11-{:02}", i + 1), &format!("{minutes} min"), names[*task], true);
            by_task[*task] += minutes;
        }
        let d = bill(&t, &BillMonthInput { per_task, ..month(k, "2026-11") }).unwrap();
        let expected = if per_task {
            by_task.iter().map(|m| hours_value(*m, rate)).sum::<i64>()
        } else {
            hours_value(by_task.iter().sum(), rate)
        };
        prop_assert_eq!(d.totals.excl, expected);
    }

    /// A bank over three consecutive months, lost or carried over: each month's
    /// draft is the bank plus the hours beyond bank + carried-over at the overage
    /// rate.
    #[test]
    fn bank_months(bank_h in 1i64..40, overage in 1i64..20_000, used in proptest::collection::vec(0i64..60 * 60, 3), carried in any::<bool>()) {
        let (t, client) = seeded(micro(), acme());
        let mut input = hourly(client, "40", &bank_h.to_string(), if carried { "carried_over" } else { "lost" });
        input.overage_rate = format!("{},{:02}", overage / 100, overage % 100);
        input.start_date = "2026-09-01".into();
        let k = create(&t, &input);
        let months = ["2026-09", "2026-10", "2026-11"];
        for (m, u) in months.iter().zip(&used) {
            spread(&t, k, m, *u);
        }
        let rule = bank_rule(bank_h * 60, carried, &used);
        for (m, (c, over)) in months.iter().zip(rule) {
            let plan = t.db.read(|db| billing::preview(db, &month(k, m), today())).unwrap();
            prop_assert_eq!(plan.gauge.as_ref().unwrap().carried_minutes, c);
            let d = bill(&t, &month(k, m)).unwrap();
            prop_assert_eq!(d.totals.excl, 4000 * bank_h + hours_value(over, overage));
        }
    }

    /// Fixed plus commission: the fixed part plus the commission, capped.
    #[test]
    fn commission_months(fixed in 0i64..500_000, bps in 1i64..=10_000, cap in proptest::option::of(1i64..1_000_000), revenue in 0i64..100_000_000) {
        let (t, client) = seeded(micro(), acme());
        let money = |c: i64| format!("{},{:02}", c / 100, c % 100);
        let k = create(&t, &CollaborationInput {
            pricing_model: "fixed_plus_commission".into(),
            fixed_amount: money(fixed),
            commission_rate: format!("{},{:02}", bps / 100, bps % 100),
            commission_cap: cap.map(money).unwrap_or_default(),
            ..collaboration(client)
        });
        let commission = crate::pricing::div_round(i128::from(revenue) * i128::from(bps), 10_000) as i64;
        let expected = fixed + cap.map_or(commission, |c| commission.min(c));
        let r = bill(&t, &BillMonthInput { revenue: money(revenue), ..month(k, "2026-11") });
        if expected == 0 {
            prop_assert_eq!(r.unwrap_err().code(), "nothing_to_bill");
        } else {
            prop_assert_eq!(r.unwrap().totals.excl, expected);
        }
    }

    /// Milestones of amounts and shares, then the balance: everything invoiced
    /// comes to the project price to the cent.
    #[test]
    fn milestones_sum_to_the_price(price in 10_000i64..100_000_000, parts in proptest::collection::vec((any::<bool>(), 1i64..2_000), 0..5)) {
        let (t, client) = seeded(micro(), acme());
        let k = project(&t, client, &format!("{},{:02}", price / 100, price % 100));
        // Shares of at most 20 % each keep the first four below the price.
        let mut ms: Vec<MilestoneInput> = parts.iter().enumerate().map(|(i, (percent, v))| {
            let amount = if *percent {
                format!("{},{:02} %", v / 100, v % 100)
            } else {
                let cents = price * v / 10_000;
                format!("{},{:02}", cents.max(1) / 100, cents.max(1) % 100)
            };
            milestone(&format!("Étape {i}"), &amount)
        }).collect();
        ms.push(milestone("Solde", ""));
        t.db.write(|tx| milestones::save(tx, &MilestonesInput { collaboration_id: k, milestones: ms })).unwrap();
        let mut invoiced = 0;
        for _ in 0..=parts.len() {
            let d = t.db.write(|tx| billing::bill_milestone(tx, k, today())).unwrap();
            let issued = t.db.write(|tx| documents::issue(tx, d.id, today())).unwrap();
            invoiced += issued.totals.excl;
        }
        prop_assert_eq!(invoiced, price);
    }
}
