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
fn no_pdfx_claim_in_the_info_or_the_metadata() {
    let pdf = render(&sample(3)).unwrap();
    let info = tool("pdfinfo", &[], &pdf);
    assert!(!info.contains("PDF/X"), "{info}");
    assert!(!contains(&pdf, b"GTS_PDFXVersion"));
    // No XMP packet either (printpdf's carries pdfx keys): the catalog has none.
    let lo = lopdf::Document::load_mem(&pdf).unwrap();
    let root = lo
        .trailer
        .get(b"Root")
        .and_then(lopdf::Object::as_reference)
        .unwrap();
    let catalog = lo.get_dictionary(root).unwrap();
    assert!(!catalog.has(b"Metadata"));
    assert_eq!(
        catalog
            .get(b"Lang")
            .and_then(lopdf::Object::as_str)
            .unwrap(),
        b"fr"
    );
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
#[ignore = "writes target/pdf-samples for a human to look at"]
fn write_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/pdf-samples");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("engine-1.pdf"), render(&sample(3)).unwrap()).unwrap();
    std::fs::write(dir.join("engine-40.pdf"), render(&sample(40)).unwrap()).unwrap();
}
