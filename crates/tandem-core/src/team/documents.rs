//! The team's printable documents, built as plain data for the one document
//! engine (`pdf::Document` → `pdf::render`): a job description to share, and an
//! onboarding checklist to hand to the recruit. French, like the team screens.

use super::job_descriptions::{sections, JobDescription};
use super::onboarding::Checklist;
use super::{format_date_fr, JobStatus, Who};
use crate::pdf;
use chrono::NaiveDate;
use pdf::{Block, ChecklistItem, Document, Style};

const PAGE_LABEL: &str = "Page {i}/{n}";

fn who_fr(w: Who) -> &'static str {
    match w {
        Who::RightHand => "Bras droit",
        Who::Recruit => "Recrue",
        Who::Client => "Client",
    }
}

fn status_fr(s: JobStatus) -> &'static str {
    match s {
        JobStatus::Draft => "brouillon",
        JobStatus::Open => "poste ouvert",
        JobStatus::Filled => "poste pourvu",
    }
}

/// Every section of the job description, in the order of the Markdown export.
pub fn job_description_document(j: &JobDescription, date: NaiveDate) -> Document {
    let s = sections(j);
    let business = j
        .client_name
        .clone()
        .unwrap_or_else(|| "Notre entreprise".into());
    let mut blocks = vec![
        Block::Title {
            text: j.title.clone(),
            subtitle: Some(format!(
                "Fiche de poste · {business} · {}",
                status_fr(j.status)
            )),
        },
        Block::KeyValues(
            s.key_values
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        ),
    ];
    if let Some(ctx) = s.context {
        blocks.push(Block::Heading("Contexte".into()));
        blocks.push(Block::Paragraph {
            text: ctx.to_owned(),
            style: Style::Normal,
        });
    }
    for (title, items) in &s.lists {
        blocks.push(Block::Heading((*title).to_owned()));
        blocks.push(Block::Bullets(items.to_vec()));
    }
    if let Some(p) = s.pricing_notes {
        blocks.push(Block::Heading("Conditions de rémunération".into()));
        blocks.push(Block::Paragraph {
            text: p.to_owned(),
            style: Style::Normal,
        });
    }
    Document {
        title: format!("Fiche de poste – {}", j.title),
        lang: "fr",
        date,
        logo: None,
        footer: vec![format!("Fiche de poste – {} – {business}", j.title)],
        page_label: PAGE_LABEL.into(),
        blocks,
    }
}

/// The checklist by section: a box per item (ticked when done) with its due date,
/// who does it, its details and link; overdue items say so.
pub fn checklist_document(k: &Checklist, date: NaiveDate) -> Document {
    let mut kv = Vec::new();
    if let Some(m) = &k.member_name {
        kv.push(("Recrue".to_owned(), m.clone()));
    }
    if let Some(c) = &k.client_name {
        kv.push(("Client".to_owned(), c.clone()));
    }
    kv.push(("Date de début".to_owned(), format_date_fr(k.start_date)));
    kv.push((
        "Avancement".to_owned(),
        format!(
            "{}/{} ({} %)",
            k.progress.done, k.progress.total, k.progress.percent
        ),
    ));
    if k.overdue > 0 {
        kv.push(("En retard".to_owned(), k.overdue.to_string()));
    }
    let mut blocks = vec![
        Block::Title {
            text: k.title.clone(),
            subtitle: Some(format!(
                "Checklist d'onboarding · modèle « {} »",
                k.template_name
            )),
        },
        Block::KeyValues(kv),
    ];
    let mut current: Option<&str> = None;
    let mut items = Vec::new();
    for i in &k.items {
        if current != Some(i.section.as_str()) {
            if let Some(section) = current {
                blocks.push(Block::Heading(section.to_owned()));
                blocks.push(Block::Checklist(std::mem::take(&mut items)));
            }
            current = Some(&i.section);
        }
        let mut detail = Vec::new();
        if let Some(d) = i.due_date {
            let late = if i.overdue { " (en retard)" } else { "" };
            detail.push(format!("Échéance : {}{late}", format_date_fr(d)));
        }
        detail.push(format!("Qui : {}", who_fr(i.who)));
        if let Some(d) = &i.details {
            detail.push(d.clone());
        }
        if let Some(l) = &i.link {
            detail.push(l.clone());
        }
        items.push(ChecklistItem {
            done: i.done,
            title: i.title.clone(),
            detail: Some(detail.join(" · ")),
        });
    }
    if let Some(section) = current {
        blocks.push(Block::Heading(section.to_owned()));
        blocks.push(Block::Checklist(items));
    }
    Document {
        title: k.title.clone(),
        lang: "fr",
        date,
        logo: None,
        footer: vec![format!(
            "{} – début le {}",
            k.title,
            format_date_fr(k.start_date)
        )],
        page_label: PAGE_LABEL.into(),
        blocks,
    }
}

/// A file name for the save dialog: the title without characters file systems
/// refuse, e.g. "Fiche de poste - Assistante virtuelle.pdf".
pub fn file_name(prefix: &str, title: &str) -> String {
    let clean: String = title
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    let clean = clean
        .trim()
        .trim_matches('.')
        .chars()
        .take(100)
        .collect::<String>();
    format!("{prefix} - {clean}.pdf")
}

/// The PDF bytes of a job description.
pub fn job_description_pdf(j: &JobDescription, date: NaiveDate) -> crate::Result<Vec<u8>> {
    pdf::render(&job_description_document(j, date))
}

/// The PDF bytes of a checklist.
pub fn checklist_pdf(k: &Checklist, date: NaiveDate) -> crate::Result<Vec<u8>> {
    pdf::render(&checklist_document(k, date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients::{self, tests::acme};
    use crate::db::testing::{temp_db, TempDb};
    use crate::team::job_descriptions::{self, tests::va_job};
    use crate::team::members::{self, tests::lea};
    use crate::team::onboarding::{self, StartInput};
    use crate::team::onboarding_templates as tpl;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    /// Every string the document prints, in order.
    fn texts(doc: &Document) -> Vec<String> {
        let mut out = vec![doc.title.clone()];
        for b in &doc.blocks {
            match b {
                Block::Title { text, subtitle } => {
                    out.push(text.clone());
                    out.extend(subtitle.clone());
                }
                Block::Heading(t) => out.push(t.clone()),
                Block::Paragraph { text, .. } => out.push(text.clone()),
                Block::Bullets(items) => out.extend(items.iter().cloned()),
                Block::KeyValues(kv) => out.extend(kv.iter().map(|(k, v)| format!("{k} : {v}"))),
                Block::Checklist(items) => out.extend(items.iter().map(|i| {
                    format!(
                        "[{}] {} — {}",
                        if i.done { "x" } else { " " },
                        i.title,
                        i.detail.clone().unwrap_or_default()
                    )
                })),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn a_job_description_document_has_every_section() {
        let t = temp_db();
        let client = t.db.write(|tx| clients::create(tx, &acme())).unwrap().id;
        let j =
            t.db.write(|tx| job_descriptions::create(tx, &va_job(Some(client))))
                .unwrap();
        let doc = job_description_document(&j, d("2026-11-27"));
        assert_eq!(
            doc.title,
            "Fiche de poste – Assistante virtuelle généraliste"
        );
        assert_eq!((doc.lang, doc.logo.is_none()), ("fr", true));
        let all = texts(&doc).join("\n");
        for s in [
            "Assistante virtuelle généraliste",
            "Fiche de poste · Atelier Lumière · poste ouvert",
            "Pour : Atelier Lumière",
            "Volume horaire : 10 h par semaine",
            "Rémunération : 35,00 € HT / heure",
            "Date de début : 01/12/2026",
            "Contexte",
            "Missions",
            "Tâches",
            "Prise de rendez-vous",
            "Compétences requises",
            "Qualités attendues",
            "Discrétion",
            "Outils",
            "Conditions de rémunération",
        ] {
            assert!(all.contains(s), "{s} missing from\n{all}");
        }
        // Same input, same document.
        assert_eq!(doc, job_description_document(&j, d("2026-11-27")));
        assert_eq!(
            file_name("Fiche de poste", "VA / CM: «social»?"),
            "Fiche de poste - VA - CM- «social»-.pdf"
        );
    }

    /// A VA recruit's onboarding started on 1 Dec from the built-in template, its
    /// first item ticked, seen on 10 Dec.
    fn started_checklist(t: &TempDb) -> (Checklist, NaiveDate, tpl::Template) {
        let m =
            t.db.write(|tx| members::create(tx, &lea(None, None)))
                .unwrap();
        t.db.write(|tx| members::move_to(tx, m.id, "selected"))
            .unwrap();
        let va =
            t.db.read(|c| tpl::list(c, &Default::default()))
                .unwrap()
                .items
                .into_iter()
                .find(|x| x.builtin.as_deref() == Some("new_va"))
                .unwrap();
        let today = d("2026-12-10");
        let k =
            t.db.write(|tx| {
                onboarding::start(
                    tx,
                    &StartInput {
                        template_id: Some(va.id),
                        member_id: Some(m.id),
                        start_date: "2026-12-01".into(),
                        ..Default::default()
                    },
                    today,
                )
            })
            .unwrap();
        let k =
            t.db.write(|tx| onboarding::set_done(tx, k.items[0].id, true, today))
                .unwrap();
        (k, today, va)
    }

    #[test]
    fn a_checklist_document_groups_items_by_section_with_boxes_and_due_dates() {
        let t = temp_db();
        let (k, today, va) = started_checklist(&t);
        let doc = checklist_document(&k, today);
        let headings: Vec<_> = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h.as_str()),
                _ => None,
            })
            .collect();
        let sections: Vec<_> = va.sections.iter().map(|s| s.title.as_str()).collect();
        assert_eq!(headings, sections);
        let boxes: usize = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Checklist(items) => items.len(),
                _ => 0,
            })
            .sum();
        assert_eq!(boxes as i64, va.item_count);
        let all = texts(&doc).join("\n");
        for s in [
            "Onboarding – Léa Moreau",
            "Checklist d'onboarding · modèle « Nouvelle recrue VA »",
            "Recrue : Léa Moreau",
            "Date de début : 01/12/2026",
            &format!("Avancement : 1/{} ({} %)", va.item_count, 100 / va.item_count),
            "[x] Envoyer le contrat de prestation et la fiche de poste — Échéance : 26/11/2026 · Qui : Bras droit",
            "[ ] Signer le contrat et envoyer ses coordonnées de facturation — Échéance : 29/11/2026 (en retard) · Qui : Recrue",
        ] {
            assert!(all.contains(s), "{s} missing from\n{all}");
        }
    }

    /// Runs a poppler tool on the PDF bytes and returns what it printed.
    fn poppler(tool: &str, pdf: &[u8]) -> String {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("doc.pdf");
        std::fs::write(&path, pdf).unwrap();
        let mut cmd = std::process::Command::new(tool);
        cmd.arg(&path);
        if tool == "pdftotext" {
            cmd.arg("-");
        }
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("{tool} is needed (poppler-utils, .ci/setup): {e}"));
        assert!(
            out.status.success(),
            "{tool}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Keeps the PDF in target/team-pdfs/ for a human to look at (pdftoppm -png).
    fn keep(name: &str, pdf: &[u8]) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/team-pdfs");
        if std::fs::create_dir_all(&dir).is_ok() {
            let _ = std::fs::write(dir.join(name), pdf);
        }
    }

    /// Every line of pdftotext's output, with the wrapping undone, for `contains`.
    fn flat(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn the_job_description_pdf_reads_back_with_every_section_and_embedded_fonts() {
        let t = temp_db();
        let client = t.db.write(|tx| clients::create(tx, &acme())).unwrap().id;
        let j =
            t.db.write(|tx| job_descriptions::create(tx, &va_job(Some(client))))
                .unwrap();
        let pdf = job_description_pdf(&j, d("2026-11-27")).unwrap();
        assert!(pdf.starts_with(b"%PDF"));
        keep("job-description.pdf", &pdf);
        let text = flat(&poppler("pdftotext", &pdf));
        for s in [
            "Assistante virtuelle généraliste",
            "Atelier Lumière",
            "Contexte",
            "chronophages",
            "Missions",
            "Tâches",
            "Prise de rendez-vous",
            "Rédaction de courriers",
            "Compétences requises",
            "Qualités attendues",
            "Rapidité d'exécution",
            "Discrétion",
            "Outils",
            "Calendly",
            "10 h par semaine",
            "35,00 € HT / heure",
            "01/12/2026",
            "Conditions de rémunération",
            "Page 1/",
        ] {
            assert!(text.contains(s), "{s} missing from the PDF text:\n{text}");
        }
        let fonts = poppler("pdffonts", &pdf);
        let rows: Vec<_> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "no font in\n{fonts}");
        for row in rows {
            assert!(row.contains("Inter"), "{row}");
            // Columns: name type encoding emb sub uni …: "yes yes" = embedded, subset.
            assert!(
                row.contains(" yes yes "),
                "font not embedded and subset: {row}"
            );
        }
        // The same job description gives the same bytes.
        assert_eq!(pdf, job_description_pdf(&j, d("2026-11-27")).unwrap());
    }

    #[test]
    fn the_checklist_pdf_reads_back_with_sections_items_and_due_dates() {
        let t = temp_db();
        let (k, today, va) = started_checklist(&t);
        let pdf = checklist_pdf(&k, today).unwrap();
        keep("checklist.pdf", &pdf);
        let text = flat(&poppler("pdftotext", &pdf));
        for s in va.sections.iter().map(|s| s.title.as_str()).chain(
            va.sections
                .iter()
                .flat_map(|s| s.items.iter().map(|i| i.title.as_str())),
        ) {
            assert!(
                text.contains(&flat(s)),
                "{s} missing from the PDF text:\n{text}"
            );
        }
        for s in [
            "Onboarding – Léa Moreau",
            "Nouvelle recrue VA",
            "Avancement",
            "Échéance : 26/11/2026",
            "(en retard)",
            "Qui : Bras droit",
            "Jamais de mot de passe par e-mail.",
        ] {
            assert!(text.contains(s), "{s} missing from the PDF text:\n{text}");
        }
        let fonts = poppler("pdffonts", &pdf);
        assert!(
            fonts.lines().skip(2).all(|r| r.contains(" yes yes ")),
            "{fonts}"
        );
    }
}
