//! The figures against the documents and payments behind them, on random
//! histories written through the real core into a real SQLite file.

use super::dashboard::{self, Level};
use super::{excl_share, receipts, urssaf};
use crate::documents::reminders::{self, ReminderInput};
use crate::documents::{self, DocumentInput, LineInput, PaymentInput, ShownStatus};
use crate::settings::figures as config;
use crate::testing::{acme, cases, day, micro, sasu, seeded, TempDb};
use chrono::{Datelike, Duration, NaiveDate};
use proptest::prelude::*;

const TODAY: &str = "2026-11-30";

fn invoice(client: i64, price: &str, rate: &str) -> DocumentInput {
    DocumentInput {
        kind: "invoice".into(),
        client_id: Some(client),
        service_from: "2025-11-01".into(),
        service_to: "2025-11-30".into(),
        lines: vec![LineInput {
            description: "Assistance administrative\nTri des e-mails".into(),
            quantity: "1".into(),
            unit: "h".into(),
            unit_price: price.into(),
            vat_rate: rate.into(),
        }],
        ..Default::default()
    }
}

/// One invoice of a random history: issued `issued` days after 2025-12-01, paid in
/// `payments` (days after the issue, share of what is left in %), maybe credited.
#[derive(Debug, Clone)]
struct Story {
    issued: i64,
    cents: i64,
    payments: Vec<(i64, i64)>,
    credited: bool,
}

fn story() -> impl Strategy<Value = Story> {
    (
        0i64..360,
        1_000i64..500_000,
        prop::collection::vec((0i64..90, 1i64..=100), 0..3),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(issued, cents, payments, credited)| Story {
            issued,
            cents,
            payments,
            credited,
        })
}

struct Written {
    /// (invoice id, issue date, excl, incl, credit-note excl).
    invoices: Vec<(i64, NaiveDate, i64, i64, i64)>,
    /// (date, amount, excl share).
    payments: Vec<(NaiveDate, i64, i64)>,
}

fn write(t: &TempDb, client: i64, mut stories: Vec<Story>, vat: &str) -> Written {
    let start = day("2025-12-01");
    let today = day(TODAY);
    stories.sort_by_key(|s| s.issued);
    let mut w = Written {
        invoices: vec![],
        payments: vec![],
    };
    for s in stories {
        let on = start + Duration::days(s.issued);
        let price = format!("{},{:02}", s.cents / 100, s.cents % 100);
        let inv =
            t.db.write(|tx| {
                let d = documents::create(tx, &invoice(client, &price, vat), on)?;
                documents::issue(tx, d.id, on)
            })
            .unwrap();
        let mut credit = 0;
        if s.credited {
            let cn =
                t.db.write(|tx| {
                    let cn = documents::credit_note_for(tx, inv.id, on)?;
                    documents::issue(tx, cn.id, on)
                })
                .unwrap();
            credit = cn.totals.excl;
        }
        for (after, share) in &s.payments {
            let date = (on + Duration::days(*after)).min(today);
            let left =
                t.db.read(|c| documents::get(c, inv.id, today))
                    .unwrap()
                    .outstanding;
            let amount = left * share / 100;
            if amount <= 0 {
                continue;
            }
            t.db.write(|tx| {
                documents::add_payment(
                    tx,
                    inv.id,
                    &PaymentInput {
                        date: date.format("%Y-%m-%d").to_string(),
                        amount: format!("{},{:02}", amount / 100, amount % 100),
                        ..Default::default()
                    },
                    today,
                )
            })
            .unwrap();
            w.payments.push((
                date,
                amount,
                excl_share(amount, inv.totals.excl, inv.totals.incl),
            ));
        }
        w.invoices
            .push((inv.id, on, inv.totals.excl, inv.totals.incl, credit));
    }
    w
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(12)))]

    /// Every dashboard figure is the sum over the documents and payments behind it;
    /// the receipts book's totals are the payments; an URSSAF period's revenue is
    /// the payments dated in it; the ceilings count collected, not invoiced, revenue.
    #[test]
    fn figures_add_up_to_what_is_behind_them(
        stories in prop::collection::vec(story(), 1..10),
        registered in any::<bool>(),
    ) {
        let (t, client) = seeded(if registered { sasu() } else { micro() }, acme());
        let w = write(&t, client, stories, if registered { "2000" } else { "0" });
        let today = day(TODAY);
        let d = t.db.read(|c| dashboard::dashboard(c, today)).unwrap();

        // Months: invoiced (less credit notes) and collected, excl. VAT.
        for m in &d.months {
            let invoiced: i64 = w.invoices.iter()
                .filter(|i| i.1.format("%Y-%m").to_string() == m.month)
                .map(|i| i.2 - i.4).sum();
            let collected: i64 = w.payments.iter()
                .filter(|p| p.0.format("%Y-%m").to_string() == m.month)
                .map(|p| p.2).sum();
            prop_assert_eq!((m.invoiced, m.collected), (invoiced, collected), "{}", m.month);
        }
        prop_assert_eq!(d.months.len(), 12);

        // Outstanding and overdue: the invoices' own pages, by the one status rule.
        let (mut out, mut out_n, mut late, mut late_n) = (0, 0, 0, 0);
        for (id, ..) in &w.invoices {
            let v = t.db.read(|c| documents::get(c, *id, today)).unwrap();
            if v.outstanding > 0 { out += v.outstanding; out_n += 1; }
            if v.status == ShownStatus::Overdue { late += v.outstanding; late_n += 1; }
        }
        let sum = |o: &dashboard::Owed| o.amounts.iter().map(|a| a.cents).sum::<i64>();
        prop_assert_eq!((sum(&d.outstanding), d.outstanding.count), (out, out_n));
        prop_assert_eq!((sum(&d.overdue), d.overdue.count), (late, late_n));
        let listed = t.db.read(|c| reminders::overdue(c, today)).unwrap();
        prop_assert_eq!(listed.len() as i64, late_n);
        prop_assert_eq!(listed.iter().map(|o| o.amount_due).sum::<i64>(), late);

        // The receipts book: every payment of the year, in date order, its totals.
        for year in [2025, 2026] {
            let b = t.db.read(|c| receipts::book(c, year)).unwrap();
            let mine: Vec<_> = w.payments.iter().filter(|p| p.0.year() == year).collect();
            prop_assert_eq!(b.receipts.len(), mine.len());
            let total: i64 = mine.iter().map(|p| p.1).sum();
            prop_assert_eq!(b.totals.iter().map(|t| t.amount).sum::<i64>(), total);
            prop_assert_eq!(
                b.months.iter().flat_map(|m| &m.totals).map(|t| t.amount).sum::<i64>(),
                total
            );
            prop_assert!(b.receipts.windows(2).all(|r| r[0].date <= r[1].date));
        }

        // URSSAF: each month of 2026 holds the payments dated in it.
        let periods = t.db.read(|c| urssaf::year(c, 2026, today)).unwrap();
        prop_assert_eq!(periods.len(), 11);
        for p in &periods {
            let from = crate::status::parse_date(&p.from).unwrap();
            let to = crate::status::parse_date(&p.to).unwrap();
            let revenue: i64 = w.payments.iter()
                .filter(|x| x.0 >= from && x.0 <= to).map(|x| x.2).sum();
            prop_assert_eq!(p.revenue, revenue, "{}", p.code);
        }

        // The ceilings: collected this calendar year, not invoiced.
        let year: i64 = w.payments.iter().filter(|p| p.0.year() == 2026).map(|p| p.2).sum();
        for th in &d.thresholds {
            prop_assert_eq!(th.collected, year);
        }
    }
}

fn paid_invoice(t: &TempDb, client: i64, on: &str, price: &str, paid_on: &str) -> i64 {
    let on = day(on);
    let id =
        t.db.write(|tx| {
            let d = documents::create(tx, &invoice(client, price, "0"), on)?;
            Ok(documents::issue(tx, d.id, on)?.id)
        })
        .unwrap();
    let v = t.db.read(|c| documents::get(c, id, day(TODAY))).unwrap();
    t.db.write(|tx| {
        documents::add_payment(
            tx,
            id,
            &PaymentInput {
                date: paid_on.into(),
                amount: format!("{},{:02}", v.outstanding / 100, v.outstanding % 100),
                ..Default::default()
            },
            day(TODAY),
        )
    })
    .unwrap();
    id
}

#[test]
fn a_threshold_warns_from_80_percent_and_projects_the_crossing_day() {
    let (t, client) = seeded(micro(), acme());
    // 31 000 € collected by 30 November: 82 % of 37 500 €.
    paid_invoice(&t, client, "2026-01-15", "31000", "2026-02-10");
    // Invoiced but not collected: does not count.
    t.db.write(|tx| {
        let d = documents::create(tx, &invoice(client, "20000", "0"), day("2026-11-01"))?;
        documents::issue(tx, d.id, day("2026-11-01"))
    })
    .unwrap();
    let d = t.db.read(|c| dashboard::dashboard(c, day(TODAY))).unwrap();
    let vat = &d.thresholds[0];
    assert_eq!(
        (vat.collected, vat.percent, vat.level),
        (3_100_000, 82, Level::Warning)
    );
    // 31 000 € in 334 days: 37 500 € on day 404 — next year, so no date.
    assert_eq!(vat.projected_on, None);
    let micro = &d.thresholds[1];
    assert_eq!((micro.percent, micro.level), (37, Level::Ok));

    // A faster year crosses: 8 000 € more on 1 December → 39 000 € (crossed, under
    // the tolerance); the tolerance is projected, 41 250 €, at the year's pace.
    paid_invoice(&t, client, "2026-11-30", "8000", "2026-12-01");
    let d =
        t.db.read(|c| dashboard::dashboard(c, day("2026-12-01")))
            .unwrap();
    let vat = &d.thresholds[0];
    assert_eq!(vat.level, Level::Crossed);
    assert_eq!(vat.crossed_on.as_deref(), Some("2026-12-01"));
    assert_eq!(vat.tolerance_crossed_on, None);
    // 39 000 € in 335 days → 41 250 € on day ⌈41 250 × 335 / 39 000⌉ = 355: 21 December.
    assert_eq!(vat.projected_on.as_deref(), Some("2026-12-21"));
    // The ceiling is edited in Réglages: the gauge follows.
    t.db.write(|tx| {
        config::set(
            tx,
            &config::ConfigInput {
                franchise: "50 000".into(),
                franchise_tolerance: "55 000".into(),
                micro_ceiling: "83 600".into(),
                reminder_1: "7".into(),
                reminder_2: "15".into(),
                reminder_3: "30".into(),
                notice_days: "8".into(),
                urssaf_rhythm: "monthly".into(),
                urssaf_activity: "bnc".into(),
                contribution_rate: "25,6".into(),
                cfp_rate: "0,2".into(),
                liberatory: false,
                liberatory_rate: "2,2".into(),
            },
        )
    })
    .unwrap();
    let d =
        t.db.read(|c| dashboard::dashboard(c, day("2026-12-01")))
            .unwrap();
    assert_eq!(
        (d.thresholds[0].percent, d.thresholds[0].level),
        (78, Level::Ok)
    );
}

#[test]
fn the_hourly_rate_is_a_dash_without_hours_and_collected_over_hours_with_them() {
    use crate::timesheet::{entries, EntryInput};
    let (t, client) = seeded(micro(), acme());
    paid_invoice(&t, client, "2026-10-01", "1200", "2026-10-20");
    let rates =
        t.db.read(|c| dashboard::dashboard(c, day(TODAY)))
            .unwrap()
            .rates;
    assert_eq!(rates.len(), 1);
    assert_eq!(
        (rates[0].collected, rates[0].minutes, rates[0].rate_cents),
        (120_000, 0, None)
    );
    // 40 hours logged on the client's collaboration: 1 200 € ÷ 40 h = 30 €/h.
    let k =
        t.db.write(|tx| {
            crate::collaborations::create(tx, &crate::testing::hourly(client, "45", "", ""))
        })
        .unwrap();
    for d in 1..=5 {
        t.db.write(|tx| {
            entries::create(
                tx,
                &EntryInput {
                    collaboration_id: Some(k.id),
                    day: format!("2026-10-{d:02}"),
                    duration: "8:00".into(),
                    billable: true,
                    ..Default::default()
                },
                day(TODAY),
            )
        })
        .unwrap();
    }
    let rates =
        t.db.read(|c| dashboard::dashboard(c, day(TODAY)))
            .unwrap()
            .rates;
    assert_eq!((rates[0].minutes, rates[0].rate_cents), (2400, Some(3000)));
}

#[test]
fn reminders_are_refused_on_invoices_not_overdue_or_paid_and_the_notice_asks_first() {
    let (t, client) = seeded(micro(), acme());
    let paid = paid_invoice(&t, client, "2026-09-01", "100", "2026-09-05");
    let due =
        t.db.write(|tx| {
            let d = documents::create(tx, &invoice(client, "1000", "0"), day("2026-10-01"))?;
            Ok(documents::issue(tx, d.id, day("2026-10-01"))?.id)
        })
        .unwrap();
    let first = ReminderInput {
        kind: "first".into(),
        ..Default::default()
    };
    let code = |id, input: &ReminderInput, on: &str| {
        t.db.write(|tx| reminders::create(tx, id, input, day(on)))
            .unwrap_err()
            .code()
    };
    assert_eq!(code(paid, &first, TODAY), "invoice_paid");
    // Due 31 October (30 days): not overdue on that day.
    assert_eq!(code(due, &first, "2026-10-31"), "invoice_not_overdue");
    let r =
        t.db.write(|tx| reminders::create(tx, due, &first, day(TODAY)))
            .unwrap();
    // 1 000 € at the profile's 10 % for 30 days: 8,22 €; the client is a business: 40 €.
    assert_eq!(
        (r.days_late, r.amount_due, r.penalties, r.indemnity),
        (30, 100_000, 822, 4000)
    );
    let notice = ReminderInput {
        kind: "formal_notice".into(),
        ..Default::default()
    };
    let err =
        t.db.write(|tx| reminders::create(tx, due, &notice, day(TODAY)))
            .unwrap_err();
    assert_eq!(err.field_errors()[0].field, "confirm");
    assert_eq!(err.field_errors()[0].code, "notice_before_second_reminder");
    let r =
        t.db.write(|tx| {
            reminders::create(
                tx,
                due,
                &ReminderInput {
                    confirm: true,
                    ..notice.clone()
                },
                day(TODAY),
            )
        })
        .unwrap();
    assert_eq!(r.deadline.as_deref(), Some("2026-12-08"));
    let logged = t.db.read(|c| reminders::of(c, due)).unwrap();
    assert_eq!(logged.len(), 2);
    // The log is a record: the database refuses to change or delete it.
    let err = t.db.write(|tx| {
        tx.execute("DELETE FROM reminders", [])?;
        Ok(())
    });
    assert!(err.is_err());
    let overdue = t.db.read(|c| reminders::overdue(c, day(TODAY))).unwrap();
    assert_eq!((overdue[0].reminders.len(), overdue[0].next), (2, None));
}

#[test]
fn a_future_or_unfinished_period_cannot_be_declared() {
    let (t, client) = seeded(micro(), acme());
    paid_invoice(&t, client, "2026-10-01", "1000", "2026-10-20");
    let today = day(TODAY);
    let code = |p: &str| {
        t.db.write(|tx| urssaf::declare(tx, p, today))
            .unwrap_err()
            .code()
    };
    assert_eq!(code("2027-01"), "period_in_future");
    assert_eq!(code("2026-11"), "period_not_over");
    assert_eq!(code("2026-13"), "invalid_period");
    let p =
        t.db.write(|tx| urssaf::declare(tx, "2026-10", today))
            .unwrap();
    assert_eq!(
        (p.revenue, p.state),
        (100_000, urssaf::PeriodState::Declared)
    );
    // 25,6 % + 0,2 % of 1 000 €.
    assert_eq!(p.contributions.total, 25_800);
    assert_eq!(code("2026-10"), "period_declared");
    // The next deadline: November, in progress (October declared, nothing before).
    let next = t.db.read(|c| urssaf::next(c, today)).unwrap();
    assert_eq!(
        (next.code.as_str(), next.deadline.as_str()),
        ("2026-11", "2026-12-31")
    );
    assert_eq!(
        urssaf::bounds("2026-Q4").map(|b| b.2),
        Some(day("2027-01-31"))
    );
    assert_eq!(
        urssaf::bounds("2026-Q1").map(|b| (b.0, b.1, b.2)),
        Some((day("2026-01-01"), day("2026-03-31"), day("2026-04-30")))
    );
}

fn read_back(bytes: &[u8]) -> String {
    use crate::pdf::tests::tool;
    let fonts = tool("pdffonts", &[], bytes);
    assert!(
        fonts
            .lines()
            .skip(2)
            .all(|l| l.contains("+Inter") && l.contains(" yes yes ")),
        "every font embedded and subset: {fonts}"
    );
    tool("qpdf", &["--check"], bytes);
    // One line per paragraph, whatever the wrapping: easier to read back.
    tool("pdftotext", &["-layout"], bytes)
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn reminder_and_formal_notice_pdfs_say_what_is_owed_and_why() {
    // A business client in French: amount, days late, penalties, the 40 €.
    let (t, client) = seeded(micro(), acme());
    let id =
        t.db.write(|tx| {
            let d = documents::create(tx, &invoice(client, "540", "0"), day("2026-09-01"))?;
            Ok(documents::issue(tx, d.id, day("2026-09-01"))?.id)
        })
        .unwrap();
    let today = day(TODAY);
    let first =
        t.db.write(|tx| {
            reminders::create(
                tx,
                id,
                &ReminderInput {
                    kind: "first".into(),
                    ..Default::default()
                },
                today,
            )
        })
        .unwrap();
    // Due 1 October; 60 days late on 30 November: 540 × 10 % × 60 / 365 = 8,88 €.
    assert_eq!((first.days_late, first.penalties), (60, 888));
    let (bytes, name) = t.db.read(|c| reminders::pdf(c, first.id)).unwrap();
    assert_eq!(
        name,
        "Relance F-2026-0001 - Atelier Lumière - 2026-11-30.pdf"
    );
    let text = read_back(&bytes);
    for want in [
        "Relance",
        "Facture F-2026-0001 du 01/09/2026",
        "540,00 €",
        "60 jours de retard",
        "Pénalités de retard (10 % × 60 j / 365) 8,88 €",
        "Indemnité forfaitaire pour frais de 40,00 € recouvrement",
        "Total à régler 588,88 €",
        "IBAN FR76 3000 6000 0112 3456 7890 189",
    ] {
        assert!(text.contains(want), "{want:?} in:\n{text}");
    }
    assert!(!text.contains("mise en demeure"), "{text}");
    let second = ReminderInput {
        kind: "second".into(),
        ..Default::default()
    };
    t.db.write(|tx| reminders::create(tx, id, &second, today))
        .unwrap();
    let notice =
        t.db.write(|tx| {
            reminders::create(
                tx,
                id,
                &ReminderInput {
                    kind: "formal_notice".into(),
                    notice_days: "8".into(),
                    ..Default::default()
                },
                today,
            )
        })
        .unwrap();
    let text = read_back(&t.db.read(|c| reminders::pdf(c, notice.id)).unwrap().0);
    for want in [
        "Mise en demeure de payer",
        "je vous mets en demeure de me régler la somme de 588,88 € au plus tard le 08/12/2026",
        "articles 1344 et 1344-1 du Code civil",
        "F-2026-0001",
    ] {
        assert!(text.contains(want), "{want:?} in:\n{text}");
    }
    let mail =
        t.db.read(|c| reminders::mailto(c, notice.id, Some("/home/lea/Relance.pdf")))
            .unwrap();
    assert!(
        mail.starts_with("mailto:camille@atelier-lumiere.fr?subject=Mise%20en%20demeure"),
        "{mail}"
    );
    assert!(
        mail.contains("%2Fhome%2Flea%2FRelance.pdf"),
        "the PDF's path is named: {mail}"
    );

    // A private client in English: no 40 € indemnity, the client's language.
    let private =
        t.db.write(|tx| {
            crate::clients::create(
                tx,
                &crate::clients::ClientInput {
                    name: "Emily Stone".into(),
                    private: true,
                    siren: String::new(),
                    vat_number: String::new(),
                    doc_language: "en".into(),
                    ..acme()
                },
            )
        })
        .unwrap()
        .id;
    let id =
        t.db.write(|tx| {
            let d = documents::create(tx, &invoice(private, "200", "0"), day("2026-10-01"))?;
            Ok(documents::issue(tx, d.id, day("2026-10-01"))?.id)
        })
        .unwrap();
    let r =
        t.db.write(|tx| {
            reminders::create(
                tx,
                id,
                &ReminderInput {
                    kind: "first".into(),
                    ..Default::default()
                },
                today,
            )
        })
        .unwrap();
    assert_eq!(r.indemnity, 0);
    let text = read_back(&t.db.read(|c| reminders::pdf(c, r.id)).unwrap().0);
    assert!(
        text.contains("Payment reminder") && text.contains("30 days late"),
        "{text}"
    );
    assert!(
        text.contains("Total to pay 201,64 €") || text.contains("Total to pay €201.64"),
        "{text}"
    );
    assert!(
        !text.contains("40"),
        "no recovery indemnity for a private client:\n{text}"
    );
}

#[test]
fn the_receipts_book_prints_and_exports_every_payment_of_the_year() {
    let (t, client) = seeded(micro(), acme());
    paid_invoice(&t, client, "2026-02-01", "300", "2026-02-20");
    paid_invoice(&t, client, "2026-03-01", "450,50", "2026-03-15");
    paid_invoice(&t, client, "2025-12-01", "999", "2025-12-20");
    let b = t.db.read(|c| receipts::book(c, 2026)).unwrap();
    assert_eq!(b.receipts.len(), 2);
    assert_eq!(b.totals[0].amount, 75_050);
    let doc = receipts::document(&b, "Léa Assiste", crate::catalog::Language::Fr);
    let text = read_back(&crate::pdf::render(&doc).unwrap());
    for want in [
        "Livre des recettes 2026",
        "février 2026",
        "20/02/2026 F-2026-0001 Atelier Lumière Assistance Virement 300,00 €",
        "Total mars 2026 450,50 €",
        "Total de l'année 2026 750,50 €",
    ] {
        assert!(text.contains(want), "{want:?} in:\n{text}");
    }
    assert!(
        !text.contains("999"),
        "last year's receipt is not in this year's book"
    );
    let csv = receipts::csv(&b, crate::catalog::Language::Fr).unwrap();
    assert!(
        csv.starts_with("\u{feff}Date d'encaissement;Facture;Client"),
        "{csv}"
    );
    assert!(
        csv.contains(
            "2026-03-15;F-2026-0002;Atelier Lumière;Assistance administrative;450,50;EUR;Virement;"
        ),
        "{csv}"
    );
}

#[test]
fn search_matches_literally_and_fast_paths_agree() {
    let (t, client) = seeded(micro(), acme());
    let id =
        t.db.write(|tx| {
            let mut i = invoice(client, "100", "0");
            i.title = "Refonte 100% \"site\"_v2".into();
            let d = documents::create(tx, &i, day("2026-10-01"))?;
            Ok(documents::issue(tx, d.id, day("2026-10-01"))?.id)
        })
        .unwrap();
    let find = |q: &str| t.db.read(|c| crate::search::search(c, q)).unwrap();
    let docs = |q: &str| {
        find(q)
            .into_iter()
            .find(|g| g.group == crate::search::Group::Documents)
            .map(|g| g.hits.iter().map(|h| h.id).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    assert_eq!(docs("F-2026-0001"), vec![id]);
    assert_eq!(docs("2026-00"), vec![id]);
    assert_eq!(docs("100%"), vec![id]);
    assert_eq!(docs("\"site\"_v"), vec![id]);
    assert_eq!(docs("atelier"), vec![id], "by the client's name");
    assert!(
        docs("10_%").is_empty(),
        "% and _ are characters, not wildcards"
    );
    assert!(
        find(&"x%_'\"\\".repeat(100)).is_empty(),
        "500 characters: no error, no hit"
    );
    assert!(find("   ").is_empty());
    let groups: Vec<_> = find("atel").iter().map(|g| g.group).collect();
    assert_eq!(
        groups,
        [
            crate::search::Group::Clients,
            crate::search::Group::Documents
        ]
    );
}
