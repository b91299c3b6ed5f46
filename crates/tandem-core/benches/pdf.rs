//! How fast an invoice becomes a PDF, and how that compares with the way web and
//! Electron invoicing tools do it (HTML printed by headless Chromium).
//!
//! Run: `cargo bench -p tandem-core --bench pdf` (release build). Needs Debian's
//! `chromium` for the comparison (`apt-get install chromium`); without it the
//! Chromium column says so and the rest still runs.
//!
//! Each case runs in a child process of its own so its peak memory (VmHWM) is its
//! own. Times are medians; nothing is asserted (speed is measured, not tested).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use tandem_core::chrono::NaiveDate;
use tandem_core::db::Database;
use tandem_core::documents::{self, DocumentInput, LineInput};
use tandem_core::pdf::{Align, Block, Document, Style};
use tandem_core::testing::{self, TempDb};
use tandem_core::{clients, profile};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// The micro-entrepreneur and her client of the core's tests, without what this
/// bench's invoice never printed (a trade name, a BIC; the client's e-mail,
/// SIREN and VAT number), so the figures stay comparable with earlier runs.
fn setup() -> (TempDb, i64) {
    testing::seeded(
        profile::ProfileInput {
            trade_name: String::new(),
            bic: String::new(),
            ..testing::micro()
        },
        clients::ClientInput {
            email: String::new(),
            siren: String::new(),
            vat_number: String::new(),
            ..testing::acme()
        },
    )
}

fn invoice(db: &Database, client: i64, lines: usize) -> i64 {
    let input = DocumentInput {
        kind: "invoice".into(),
        client_id: Some(client),
        service_from: "2026-11-01".into(),
        service_to: "2026-11-30".into(),
        lines: (1..=lines)
            .map(|i| LineInput {
                description: format!("Tâche {i} : gestion de la boîte mail, tri des priorités et réponses aux demandes"),
                quantity: "1,5".into(),
                unit: "h".into(),
                unit_price: "45".into(),
                vat_rate: "0".into(),
            })
            .collect(),
        ..Default::default()
    };
    db.write(|tx| {
        let d = documents::create(tx, &input, today())?;
        Ok(documents::issue(tx, d.id, today())?.id)
    })
    .unwrap()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse()
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0)
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// One case, in this (child) process: prints `time|peak KiB|pages|bytes`.
fn child(case: &str) {
    // `_dir` holds the temporary folder for as long as the case runs.
    let (TempDb { db, dir: _dir }, client) = setup();
    match case {
        "one" | "three" => {
            let id = invoice(&db, client, if case == "one" { 8 } else { 40 });
            let mut times = Vec::new();
            let mut out = Vec::new();
            for _ in 0..40 {
                let t = Instant::now();
                out = db.read(|c| documents::pdf(c, id, today())).unwrap().0;
                times.push(t.elapsed());
            }
            let pages = db
                .read(|c| tandem_core::pdf::page_count(&documents::layout(c, id, today())?.0))
                .unwrap();
            std::fs::write(
                std::env::temp_dir().join(format!("tandem-bench-{case}.pdf")),
                &out,
            )
            .unwrap();
            println!(
                "{}|{}|{}|{}",
                median(times).as_nanos(),
                peak_kib(),
                pages,
                out.len()
            );
        }
        "batch" => {
            let ids: Vec<i64> = (0..1000).map(|_| invoice(&db, client, 8)).collect();
            let t = Instant::now();
            let mut bytes = 0;
            for id in &ids {
                bytes += db
                    .read(|c| documents::pdf(c, *id, today()))
                    .unwrap()
                    .0
                    .len();
            }
            println!(
                "{}|{}|{}|{}",
                t.elapsed().as_nanos(),
                peak_kib(),
                ids.len(),
                bytes
            );
        }
        "html" => {
            let id = invoice(&db, client, 8);
            let doc = db
                .read(|c| Ok(documents::layout(c, id, today())?.0))
                .unwrap();
            print!("{}", html(&doc));
        }
        _ => unreachable!(),
    }
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', "<br>")
}

/// The same invoice as an HTML page, the way a web app would template it.
fn html(doc: &Document) -> String {
    let font = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts/Inter_400Regular.ttf");
    let mut b = format!(
        "<!doctype html><html lang=fr><meta charset=utf-8><style>@font-face{{font-family:Inter;src:url('file://{}')}}
        @page{{size:A4;margin:16mm}} body{{font:9.5pt Inter}} h1{{color:#304d94}} table{{width:100%;border-collapse:collapse}}
        th{{background:#eef0f4;text-align:left}} td,th{{padding:5px;border-bottom:1px solid #d2d6dd}} .r{{text-align:right}}
        .cols{{display:flex;gap:24px}} .cols div{{flex:1}} .tot{{margin-left:auto;width:230px}}</style><body>",
        font.display()
    );
    blocks_html(&doc.blocks, &mut b);
    b += &format!(
        "<footer>{}</footer></body></html>",
        doc.footer
            .iter()
            .map(|f| esc(f))
            .collect::<Vec<_>>()
            .join("<br>")
    );
    b
}

fn blocks_html(blocks: &[Block], b: &mut String) {
    for block in blocks {
        match block {
            Block::Title { text, subtitle } => {
                *b += &format!(
                    "<h1>{}</h1><p>{}</p>",
                    esc(text),
                    esc(subtitle.as_deref().unwrap_or(""))
                );
            }
            Block::Heading(t) => *b += &format!("<h2>{}</h2>", esc(t)),
            Block::Paragraph { text, .. } => *b += &format!("<p>{}</p>", esc(text)),
            Block::Bullets(items) => {
                *b += &format!(
                    "<ul>{}</ul>",
                    items
                        .iter()
                        .map(|i| format!("<li>{}</li>", esc(i)))
                        .collect::<String>()
                )
            }
            Block::KeyValues(kv) => {
                *b += &format!(
                    "<dl>{}</dl>",
                    kv.iter()
                        .map(|(k, v)| format!("<dt>{}</dt><dd>{}</dd>", esc(k), esc(v)))
                        .collect::<String>()
                )
            }
            Block::Columns(cols) => {
                *b += "<div class=cols>";
                for c in cols {
                    *b += &format!(
                        "<div>{}</div>",
                        c.iter()
                            .map(|(t, s)| if *s == Style::Bold {
                                format!("<b>{}</b><br>", esc(t))
                            } else {
                                format!("{}<br>", esc(t))
                            })
                            .collect::<String>()
                    );
                }
                *b += "</div>";
            }
            Block::Table { columns, rows } => {
                let class = |a: Align| if a == Align::Right { " class=r" } else { "" };
                *b += "<table><thead><tr>";
                for c in columns {
                    *b += &format!("<th{}>{}</th>", class(c.align), esc(&c.title));
                }
                *b += "</tr></thead><tbody>";
                for r in rows {
                    *b += "<tr>";
                    for (c, cell) in columns.iter().zip(r) {
                        *b += &format!("<td{}>{}</td>", class(c.align), esc(cell));
                    }
                    *b += "</tr>";
                }
                *b += "</tbody></table>";
            }
            Block::Totals(rows) => {
                *b += "<table class=tot>";
                for (l, a, _) in rows {
                    *b += &format!("<tr><td>{}</td><td class=r>{}</td></tr>", esc(l), esc(a));
                }
                *b += "</table>";
            }
            Block::Keep(inner) => blocks_html(inner, b),
            Block::Checklist(_) | Block::Signature { .. } | Block::Spacer(_) => {}
        }
    }
}

fn run_child(case: &str) -> String {
    let out = Command::new(std::env::current_exe().unwrap())
        .env("TANDEM_BENCH_CASE", case)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|b| {
            Command::new(b)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn main() {
    if let Ok(case) = std::env::var("TANDEM_BENCH_CASE") {
        return child(&case);
    }
    // `cargo bench` passes `--bench`; ignore it and any filter.
    println!("Tandem PDF benchmark (release build, median of 40 renders; each case in its own process)\n");
    println!(
        "{:<28} {:>12} {:>14} {:>7} {:>10}",
        "case", "time", "peak memory", "pages", "size"
    );
    let mut one_ns = 0.0;
    for (case, label) in [("one", "invoice, 1 page"), ("three", "invoice, 3 pages")] {
        let line = run_child(case);
        let f: Vec<&str> = line.trim().split('|').collect();
        let ns: f64 = f[0].parse().unwrap();
        if case == "one" {
            one_ns = ns;
        }
        println!(
            "{:<28} {:>12} {:>11} MB {:>7} {:>7} KB",
            label,
            ms(Duration::from_nanos(ns as u64)),
            f[1].parse::<u64>().unwrap() / 1024,
            f[2],
            f[3].parse::<usize>().unwrap() / 1024
        );
    }
    let f: Vec<String> = run_child("batch")
        .trim()
        .split('|')
        .map(str::to_owned)
        .collect();
    let total = Duration::from_nanos(f[0].parse().unwrap());
    println!(
        "{:<28} {:>12} {:>11} MB {:>7} {:>7} KB   ({} per invoice)",
        "1 000 invoices, 1 page each",
        ms(total),
        f[1].parse::<u64>().unwrap() / 1024,
        f[2],
        f[3].parse::<usize>().unwrap() / 1024,
        ms(total / 1000)
    );

    println!();
    let Some(browser) = chromium() else {
        println!(
            "headless Chromium: not installed (apt-get install chromium) — comparison skipped"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("invoice.html");
    std::fs::write(&page, run_child("html")).unwrap();
    let out = dir.path().join("invoice.pdf");
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let status = Command::new(browser)
            .args([
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-pdf-header-footer",
                "--allow-file-access-from-files",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap();
        times.push(t.elapsed());
        assert!(
            status.status.success() && out.exists(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
    }
    let chrome = median(times);
    println!("{:<28} {:>12}   (same 1-page invoice as HTML, `{browser} --headless --print-to-pdf`, median of 5)", "headless Chromium", ms(chrome));
    println!(
        "{:<28} {:>11.0}×",
        "Tandem is faster by",
        chrome.as_nanos() as f64 / one_ns
    );
}
