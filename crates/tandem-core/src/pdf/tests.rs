//! The engine checked with real tools: pdftotext for the text, pdffonts for the
//! embedding, qpdf for the structure. They come from poppler-utils and qpdf
//! (installed by .ci/setup).

use super::*;
use std::process::Command;

pub(crate) fn sample(rows: usize) -> Document {
    Document {
        title: "Facture F-2026-0001".into(),
        lang: "fr",
        date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default(),
        logo: None,
        footer: vec!["Camille Martin EI · SIRET 732 829 320 00074 · 12 rue des Lilas, 69003 Lyon".into()],
        page_label: "Page {i}/{n}".into(),
        running_head: None,
        blocks: vec![
            Block::Title { text: "Facture F-2026-0001".into(), subtitle: Some("Émise le 27/11/2026 · échéance le 27/12/2026".into()) },
            Block::Columns(vec![
                vec![("Émetteur".into(), Style::Muted), ("Camille Martin EI".into(), Style::Bold), ("12 rue des Lilas\n69003 Lyon".into(), Style::Normal)],
                vec![("Client".into(), Style::Muted), ("Société Élan SAS".into(), Style::Bold), ("8 avenue Foch\n75116 Paris".into(), Style::Normal)],
            ]),
            Block::Heading("Prestations".into()),
            Block::Table {
                columns: vec![
                    Column { title: "Description".into(), weight: 5.0, align: Align::Left },
                    Column { title: "Qté".into(), weight: 1.0, align: Align::Right },
                    Column { title: "Prix unitaire HT".into(), weight: 1.8, align: Align::Right },
                    Column { title: "Total HT".into(), weight: 1.6, align: Align::Right },
                ],
                rows: (1..=rows)
                    .map(|i| vec![format!("Ligne {i} : gestion de la boîte mail, tri des priorités et réponses aux demandes clients « urgentes »"), "1,5".into(), "45,00 €".into(), "67,50 €".into()])
                    .collect(),
            },
            Block::Totals(vec![
                ("Total HT".into(), "67,50 €".into(), Style::Normal),
                ("Total TTC".into(), "67,50 €".into(), Style::Bold),
            ]),
            Block::Paragraph { text: "TVA non applicable, art. 293 B du CGI".into(), style: Style::Normal },
            Block::KeyValues(vec![("IBAN".into(), "FR76 3000 6000 0112 3456 7890 189".into()), ("Pénalités de retard".into(), "3 fois le taux d'intérêt légal".into())]),
            Block::Bullets(vec!["Précision".into(), "Discrétion".into()]),
            Block::Checklist(vec![
                ChecklistItem { done: true, title: "Accès aux outils".into(), detail: Some("J+1 · la recrue".into()) },
                ChecklistItem { done: false, title: "Premier appel".into(), detail: None },
            ]),
            Block::Signature { title: "Bon pour accord".into(), lines: vec!["Date :".into(), "Signature :".into()] },
        ],
    }
}

pub(crate) fn tool(name: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new(name)
        .args(args)
        .arg(&path)
        .args(if name == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| panic!("{name} is needed (.ci/setup installs it): {e}"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn text_accents_and_symbols_survive_extraction() {
    let pdf = render(&sample(3)).unwrap();
    let text = tool("pdftotext", &["-layout"], &pdf);
    for needle in [
        "Facture F-2026-0001",
        "Émise le 27/11/2026",
        "Société Élan SAS",
        "« urgentes »",
        "45,00 €",
        "TVA non applicable, art. 293 B du CGI",
        "Bon pour accord",
        "Page 1/1",
        "Accès aux outils",
        "Pénalités de retard",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn the_font_is_embedded_and_subset() {
    let pdf = render(&sample(3)).unwrap();
    let fonts = tool("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in rows {
        assert!(row.contains("+Inter"), "{row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni
        assert!(
            cols.iter().filter(|c| **c == "yes").count() >= 3,
            "not embedded+subset+unicode: {row}"
        );
    }
    assert!(
        pdf.len() < 60_000,
        "a one-page document weighs {} bytes",
        pdf.len()
    );
}

#[test]
fn structure_passes_qpdf() {
    for rows in [1, 40] {
        let pdf = render(&sample(rows)).unwrap();
        tool("qpdf", &["--check"], &pdf);
    }
}

#[test]
fn long_tables_span_pages_with_the_header_repeated() {
    let doc = sample(40);
    assert_eq!(page_count(&doc).unwrap(), 3);
    let pdf = render(&doc).unwrap();
    let text = tool("pdftotext", &["-layout"], &pdf);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(pages.len(), 3);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Prix unitaire HT"),
            "no header on page {}",
            i + 1
        );
        assert!(page.contains(&format!("Page {}/3", i + 1)));
        assert!(page.contains("SIRET 732 829 320 00074"));
    }
    assert!(text.contains("Ligne 40 :"));
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let a = render(&sample(12)).unwrap();
    let b = render(&sample(12)).unwrap();
    assert!(a == b, "two renders differ");
    let mut other = sample(12);
    other.title.push('!');
    assert!(render(&other).unwrap() != a);
}

#[test]
fn a_logo_is_drawn_and_a_broken_one_is_refused() {
    // A 2×1 PNG made by hand-free means: printpdf's own encoder is not available, so
    // build the smallest valid PNG bytes here.
    let png = tiny_png();
    let mut doc = sample(1);
    doc.logo = Some(png);
    let pdf = render(&doc).unwrap();
    tool("qpdf", &["--check"], &pdf);
    let images = tool("pdfimages", &["-list"], &pdf);
    assert_eq!(images.lines().count(), 3, "{images}");
    doc.logo = Some(b"not an image".to_vec());
    assert_eq!(render(&doc).unwrap_err().code(), "invalid_logo");
}

fn tiny_png() -> Vec<u8> {
    // 1×1 red pixel, RGB, 8 bits.
    const PNG: &[u8] = &[
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90,
        0x77, 0x53, 0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8,
        0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00,
        0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    PNG.to_vec()
}

#[test]
#[ignore = "writes target/pdf-samples for a human to look at"]
fn write_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pdf-samples");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("engine-1.pdf"), render(&sample(3)).unwrap()).unwrap();
    std::fs::write(dir.join("engine-40.pdf"), render(&sample(40)).unwrap()).unwrap();
}

// ---------------------------------------------------------------------------
// Page breaks: the legal block kept whole, running heads, no near-empty page
// ---------------------------------------------------------------------------

const MENTIONS_HEADING: &str = "Conditions et mentions légales";
const LAST_OF_MENTIONS: &str = "Référence à indiquer";

/// An invoice as `documents::render` lays one out: a table of `descriptions`,
/// the totals, and the legal mentions with the bank details in one Keep group.
fn invoice_like(descriptions: &[String]) -> Document {
    let mut doc = sample(0);
    doc.running_head = Some("Facture F-2026-0001 — page {i}/{n}".into());
    doc.blocks = vec![
        Block::Title {
            text: "Facture F-2026-0001".into(),
            subtitle: None,
        },
        Block::Table {
            columns: vec![
                Column { title: "Description".into(), weight: 5.2, align: Align::Left },
                Column { title: "Qté".into(), weight: 1.1, align: Align::Right },
                Column { title: "Total HT".into(), weight: 1.7, align: Align::Right },
            ],
            rows: descriptions
                .iter()
                .map(|d| vec![d.clone(), "1".into(), "45,00 €".into()])
                .collect(),
        },
        Block::Totals(vec![
            ("Total HT".into(), "45,00 €".into(), Style::Normal),
            ("Net à payer".into(), "45,00 €".into(), Style::Bold),
        ]),
        Block::Keep(vec![
            Block::Heading(MENTIONS_HEADING.into()),
            Block::Paragraph { text: "TVA non applicable, art. 293 B du CGI".into(), style: Style::Small },
            Block::Paragraph { text: "Paiement à 30 jours, au plus tard le 27/12/2026. Pas d'escompte pour paiement anticipé.".into(), style: Style::Small },
            Block::Paragraph { text: "En cas de retard de paiement : pénalités au taux annuel de 12,15 % et indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 du Code de commerce).".into(), style: Style::Small },
            Block::Paragraph { text: "Facture d'acompte sur le devis D-2026-0001.".into(), style: Style::Small },
            Block::Paragraph { text: "Merci pour votre confiance.".into(), style: Style::Small },
            Block::Heading("Paiement par virement".into()),
            Block::KeyValues(vec![
                ("IBAN".into(), "FR76 3000 6000 0112 3456 7890 189".into()),
                ("BIC".into(), "BNPAFRPP".into()),
                (LAST_OF_MENTIONS.into(), "F-2026-0001".into()),
            ]),
        ]),
    ];
    doc
}

/// The running head drawn on each page (None on the first).
fn heads(doc: &Document) -> Vec<Option<String>> {
    layout::layout(doc)
        .unwrap()
        .iter()
        .map(|p| {
            p.items.iter().find_map(|it| match it {
                layout::Item::Text { text, .. } if text.contains(" — page ") => {
                    Some(text.clone())
                }
                _ => None,
            })
        })
        .collect()
}

fn page_of(pages: &[Vec<String>], starts: &str) -> Vec<usize> {
    pages
        .iter()
        .enumerate()
        .filter(|(_, lines)| lines.iter().any(|l| l.starts_with(starts)))
        .map(|(i, _)| i)
        .collect()
}

fn words(len: usize, seed: usize) -> String {
    const W: &[&str] = &[
        "gestion",
        "de",
        "la",
        "boîte",
        "mail",
        "relances",
        "clients",
        "tri",
        "agenda",
        "facturation",
        "réunions",
        "comptes-rendus",
    ];
    let mut s = String::new();
    let mut i = seed;
    while s.chars().count() < len {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(W[i % W.len()]);
        i = i.wrapping_mul(31).wrapping_add(7);
    }
    s.chars().take(len.max(1)).collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48),
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// Over invoices of 1 to 120 lines of random lengths: the mentions block is
    /// never split, every page after the first carries the title, the number
    /// and its page, and no page holds fewer than 3 lines unless it is alone.
    #[test]
    fn invoices_break_well(
        lengths in proptest::collection::vec(1usize..300, 1..120),
        tail in 0usize..3,
    ) {
        let descriptions: Vec<String> = lengths.iter().enumerate().map(|(i, n)| words(*n, i)).collect();
        let mut doc = invoice_like(&descriptions);
        // Also documents that end with the totals box alone, or a one-line note
        // (a draft without its mentions): then only balancing keeps the last page
        // from holding a line or two.
        match tail {
            1 => {
                doc.blocks.pop();
            }
            2 => {
                doc.blocks.pop();
                doc.blocks.push(Block::Paragraph { text: "Merci !".into(), style: Style::Normal });
            }
            _ => {}
        }
        let pages = page_lines(&doc).unwrap();
        let n = pages.len();
        if tail == 0 {
            let heading = page_of(&pages, MENTIONS_HEADING);
            let last = page_of(&pages, LAST_OF_MENTIONS);
            proptest::prop_assert_eq!(heading.len(), 1);
            proptest::prop_assert_eq!(&heading, &last, "the mentions block is split");
        }
        for (i, head) in heads(&doc).iter().enumerate() {
            if i == 0 {
                proptest::prop_assert!(head.is_none());
            } else {
                let expected = format!("Facture F-2026-0001 — page {}/{n}", i + 1);
                proptest::prop_assert_eq!(head.as_deref(), Some(expected.as_str()));
            }
        }
        if n > 1 {
            for (i, lines) in pages.iter().enumerate() {
                proptest::prop_assert!(lines.len() >= 3, "page {} holds {:?}", i + 1, lines);
            }
        }
    }
}

/// A job description whose last section would land on a page of its own, for
/// every amount of text before it: a heading never ends a page, and the last
/// page holds at least 3 lines.
#[test]
fn a_last_short_section_is_never_left_alone() {
    for fillers in 40..110 {
        let mut blocks = vec![Block::Title {
            text: "Assistante virtuelle".into(),
            subtitle: Some("Fiche de poste".into()),
        }];
        for i in 0..fillers {
            if i % 10 == 0 {
                blocks.push(Block::Heading(format!("Section {i}")));
            }
            blocks.push(Block::Paragraph {
                text: words(60, i),
                style: Style::Normal,
            });
        }
        blocks.push(Block::Heading("Rémunération".into()));
        blocks.push(Block::Paragraph {
            text: "35,00 € HT / heure".into(),
            style: Style::Normal,
        });
        blocks.push(Block::Bullets(vec![
            "Précision".into(),
            "Discrétion".into(),
        ]));
        let doc = Document {
            running_head: Some("Fiche de poste – Assistante virtuelle — page {i}/{n}".into()),
            blocks,
            ..sample(0)
        };
        let pages = page_lines(&doc).unwrap();
        if pages.len() > 1 {
            let last = pages.last().unwrap();
            assert!(last.len() >= 3, "{fillers}: last page {last:?}");
        }
        for (i, lines) in pages.iter().enumerate() {
            let end = lines.last().unwrap();
            assert!(
                !end.starts_with("Section") && end != "Rémunération",
                "{fillers}: page {} ends with the heading {end:?}",
                i + 1
            );
        }
    }
}

/// Read back with pdftotext, page by page: page 2 opens with the running head,
/// and the mentions' heading and bank reference share a page.
#[test]
fn forty_lines_read_back_with_running_head_and_the_mentions_whole() {
    let descriptions: Vec<String> = (0..40)
        .map(|i| format!("Ligne {i} : {}", words(70, i)))
        .collect();
    let doc = invoice_like(&descriptions);
    let pdf = render(&doc).unwrap();
    let n = page_count(&doc).unwrap();
    assert!(n >= 2, "{n} pages");
    let page = |i: usize| {
        tool(
            "pdftotext",
            &["-f", &i.to_string(), "-l", &i.to_string()],
            &pdf,
        )
    };
    let second = page(2);
    assert!(
        second
            .trim_start()
            .starts_with(&format!("Facture F-2026-0001 — page 2/{n}")),
        "{second}"
    );
    let with_heading: Vec<usize> = (1..=n)
        .filter(|i| page(*i).contains(MENTIONS_HEADING))
        .collect();
    assert_eq!(with_heading.len(), 1);
    assert!(page(with_heading[0]).contains(LAST_OF_MENTIONS));
    let info = tool("pdfinfo", &[], &pdf);
    assert!(!info.contains("PDF/X"), "{info}");
}
