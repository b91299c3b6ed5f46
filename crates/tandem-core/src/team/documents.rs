//! The team's printable documents, built as plain data for the one document
//! engine (`pdf::Document` → `pdf::render`): a job description to share, and an
//! onboarding checklist to hand to the recruit. In the language asked for (the
//! UI's): every label here in French and English, figures and dates by `locale`.

use super::job_descriptions::{business, colon, context_heading, pricing_heading};
use super::job_descriptions::{sections, JobDescription};
use super::onboarding::Checklist;
use super::{JobStatus, Who};
use crate::catalog::Code;
use crate::locale::{self, pick, Language};
use crate::pdf;
use chrono::NaiveDate;
use pdf::{Block, ChecklistItem, Document, Style};

const PAGE_LABEL: &str = "Page {i}/{n}";

/// The line over every page after the first: the document's title and where the
/// page stands, so a loose page of a long checklist still says what it is.
/// "page" is the word in French and in English alike.
fn running_head(title: &str) -> Option<String> {
    Some(format!("{title} — page {{i}}/{{n}}"))
}

fn who_label(w: Who, lang: Language) -> &'static str {
    match w {
        Who::RightHand => pick(lang, "Bras droit", "Right-hand"),
        Who::Recruit => pick(lang, "Recrue", "Recruit"),
        Who::Client => "Client",
    }
}

fn status_label(s: JobStatus, lang: Language) -> &'static str {
    match s {
        JobStatus::Draft => pick(lang, "brouillon", "draft"),
        JobStatus::Open => pick(lang, "poste ouvert", "open position"),
        JobStatus::Filled => pick(lang, "poste pourvu", "position filled"),
    }
}

/// "Fiche de poste" / "Job description": the document's name, and the start of
/// its file name.
pub fn job_description_label(lang: Language) -> &'static str {
    pick(lang, "Fiche de poste", "Job description")
}

/// Every section of the job description, in the order of the Markdown export.
pub fn job_description_document(j: &JobDescription, date: NaiveDate, lang: Language) -> Document {
    let s = sections(j, lang);
    let business = business(j, lang);
    let name = job_description_label(lang);
    let mut blocks = vec![
        Block::Title {
            text: j.title.clone(),
            subtitle: Some(format!(
                "{name} · {business} · {}",
                status_label(j.status, lang)
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
        blocks.push(Block::Heading(context_heading(lang).into()));
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
        blocks.push(Block::Heading(pricing_heading(lang).into()));
        blocks.push(Block::Paragraph {
            text: p.to_owned(),
            style: Style::Normal,
        });
    }
    let title = format!("{name} – {}", j.title);
    Document {
        running_head: running_head(&title),
        title,
        lang: lang.as_str(),
        date,
        logo: None,
        footer: vec![format!("{name} – {} – {business}", j.title)],
        page_label: PAGE_LABEL.into(),
        blocks,
    }
}

/// The checklist by section: a box per item (ticked when done) with its due date,
/// who does it, its details and link; overdue items say so.
pub fn checklist_document(k: &Checklist, date: NaiveDate, lang: Language) -> Document {
    let t = |fr: &'static str, en: &'static str| pick(lang, fr, en).to_owned();
    let colon = colon(lang);
    let mut kv = Vec::new();
    if let Some(m) = &k.member_name {
        kv.push((t("Recrue", "Recruit"), m.clone()));
    }
    if let Some(c) = &k.client_name {
        kv.push(("Client".to_owned(), c.clone()));
    }
    kv.push((
        t("Date de début", "Start date"),
        locale::date(k.start_date, lang),
    ));
    let percent = locale::percent(k.progress.percent * 100, lang);
    kv.push((
        t("Avancement", "Progress"),
        locale::plain(&format!(
            "{}/{} ({percent})",
            k.progress.done, k.progress.total
        )),
    ));
    if k.overdue > 0 {
        kv.push((t("En retard", "Overdue"), k.overdue.to_string()));
    }
    let subtitle = match lang {
        Language::Fr => format!("Checklist d'onboarding · modèle « {} »", k.template_name),
        Language::En => format!("Onboarding checklist · template “{}”", k.template_name),
    };
    let mut blocks = vec![
        Block::Title {
            text: k.title.clone(),
            subtitle: Some(subtitle),
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
            let late = if i.overdue {
                pick(lang, " (en retard)", " (overdue)")
            } else {
                ""
            };
            detail.push(format!(
                "{}{colon} {}{late}",
                t("Échéance", "Due"),
                locale::date(d, lang)
            ));
        }
        detail.push(format!(
            "{}{colon} {}",
            t("Qui", "Who"),
            who_label(i.who, lang)
        ));
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
    let start = locale::date(k.start_date, lang);
    Document {
        title: k.title.clone(),
        lang: lang.as_str(),
        date,
        logo: None,
        footer: vec![match lang {
            Language::Fr => format!("{} – début le {start}", k.title),
            Language::En => format!("{} – starts {start}", k.title),
        }],
        page_label: PAGE_LABEL.into(),
        running_head: running_head(&k.title),
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

/// The PDF of a job description in `lang`, and the file name to propose for it
/// ("Fiche de poste - … .pdf" / "Job description - … .pdf").
pub fn job_description_export(
    j: &JobDescription,
    date: NaiveDate,
    lang: Language,
) -> crate::Result<(Vec<u8>, String)> {
    Ok((
        job_description_pdf(j, date, lang)?,
        file_name(job_description_label(lang), &j.title),
    ))
}

/// The PDF of a checklist in `lang`, and the file name to propose for it.
pub fn checklist_export(
    k: &Checklist,
    date: NaiveDate,
    lang: Language,
) -> crate::Result<(Vec<u8>, String)> {
    Ok((
        checklist_pdf(k, date, lang)?,
        // "Onboarding" is the word in both languages.
        file_name("Onboarding", &k.title),
    ))
}

/// The PDF bytes of a job description.
pub fn job_description_pdf(
    j: &JobDescription,
    date: NaiveDate,
    lang: Language,
) -> crate::Result<Vec<u8>> {
    pdf::render(&job_description_document(j, date, lang))
}

/// The PDF bytes of a checklist.
pub fn checklist_pdf(k: &Checklist, date: NaiveDate, lang: Language) -> crate::Result<Vec<u8>> {
    pdf::render(&checklist_document(k, date, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clients;
    use crate::team::job_descriptions::{self, tests::va_job, JobDescriptionInput};
    use crate::team::members::{self, tests::lea};
    use crate::team::onboarding::{self, StartInput};
    use crate::team::onboarding_templates as tpl;
    use crate::team::templates::job_template;
    use crate::testing::{acme, temp_db, TempDb};

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
        let doc = job_description_document(&j, d("2026-11-27"), Language::Fr);
        assert_eq!(
            doc.title,
            "Fiche de poste – Assistante virtuelle généraliste"
        );
        assert_eq!((doc.lang, doc.logo.is_none()), ("fr", true));
        assert_eq!(
            doc.running_head.as_deref(),
            Some("Fiche de poste – Assistante virtuelle généraliste — page {i}/{n}")
        );
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
        assert_eq!(
            doc,
            job_description_document(&j, d("2026-11-27"), Language::Fr)
        );
        assert_eq!(
            file_name("Fiche de poste", "VA / CM: «social»?"),
            "Fiche de poste - VA - CM- «social»-.pdf"
        );
    }

    /// A VA recruit's onboarding started on 1 Dec from the built-in template, its
    /// first item ticked, seen on 10 Dec.
    /// `lang`: the language the built-in template is read and copied in.
    fn started_checklist(t: &TempDb, lang: Language) -> (Checklist, NaiveDate, tpl::Template) {
        let m =
            t.db.write(|tx| members::create(tx, &lea(None, None)))
                .unwrap();
        t.db.write(|tx| members::move_to(tx, m.id, "selected"))
            .unwrap();
        let va =
            t.db.read(|c| tpl::list(c, &Default::default(), lang))
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
                    lang,
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
        let (k, today, va) = started_checklist(&t, Language::Fr);
        let doc = checklist_document(&k, today, Language::Fr);
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
        assert_eq!(
            doc.running_head.as_deref(),
            Some("Onboarding – Léa Moreau — page {i}/{n}")
        );
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
        let pdf = job_description_pdf(&j, d("2026-11-27"), Language::Fr).unwrap();
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
        let doc = job_description_document(&j, d("2026-11-27"), Language::Fr);
        let n = pdf::page_count(&doc).unwrap();
        for i in 2..=n {
            let head = format!("Fiche de poste – Assistante virtuelle généraliste — page {i}/{n}");
            assert!(text.contains(&head), "no running head {head:?} in:\n{text}");
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
        assert_eq!(
            pdf,
            job_description_pdf(&j, d("2026-11-27"), Language::Fr).unwrap()
        );
    }

    #[test]
    fn the_checklist_pdf_reads_back_with_sections_items_and_due_dates() {
        let t = temp_db();
        let (k, today, va) = started_checklist(&t, Language::Fr);
        let pdf = checklist_pdf(&k, today, Language::Fr).unwrap();
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
    #[test]
    fn the_job_description_pdf_in_english_reads_back_with_english_labels_and_figures() {
        let t = temp_db();
        let j =
            t.db.write(|tx| {
                let input = JobDescriptionInput {
                    start_date: "2026-12-01".into(),
                    status: "open".into(),
                    ..job_template("va_generalist", Language::En).unwrap()
                };
                job_descriptions::create(tx, &input)
            })
            .unwrap();
        let (pdf, name) = job_description_export(&j, d("2026-11-27"), Language::En).unwrap();
        assert_eq!(name, "Job description - General virtual assistant.pdf");
        keep("job-description-en.pdf", &pdf);
        let text = flat(&poppler("pdftotext", &pdf));
        for s in [
            "General virtual assistant",
            "Job description · Our company · open position",
            "For",
            "10 h a week",
            "€ 35.00 excl. VAT / hour",
            "Start date",
            "1 Dec 2026",
            "Context",
            "time-consuming",
            "Missions",
            "Tasks",
            "Booking appointments",
            "Required skills",
            "Expected qualities",
            "Discretion",
            "Tools",
            "Pay terms",
            "Job description – General virtual assistant – Our company",
            "Page 1/",
        ] {
            assert!(text.contains(s), "{s} missing from the PDF text:\n{text}");
        }
        for french in [
            "Fiche de poste",
            "Notre entreprise",
            "Rémunération",
            "Tâches",
            "HT",
        ] {
            assert!(
                !text.contains(french),
                "{french} in the English PDF:\n{text}"
            );
        }
        // The same job in French: the French labels, figures and file name.
        let (fr, name) = job_description_export(&j, d("2026-11-27"), Language::Fr).unwrap();
        assert_eq!(name, "Fiche de poste - General virtual assistant.pdf");
        let text = flat(&poppler("pdftotext", &fr));
        for s in [
            "Fiche de poste · Notre entreprise · poste ouvert",
            "35,00 € HT / heure",
            "01/12/2026",
            "Conditions de rémunération",
        ] {
            assert!(text.contains(s), "{s} missing from the PDF text:\n{text}");
        }
    }

    #[test]
    fn the_checklist_pdf_in_english_reads_back_with_the_english_template() {
        let t = temp_db();
        let (k, today, va) = started_checklist(&t, Language::En);
        assert_eq!(k.template_name, "New VA recruit");
        let doc = checklist_document(&k, today, Language::En);
        assert_eq!(doc.lang, "en");
        let all = texts(&doc).join("\n");
        for s in [
            "Onboarding – Léa Moreau",
            "Onboarding checklist · template “New VA recruit”",
            "Recruit : Léa Moreau",
            "Start date : 1 Dec 2026",
            &format!("Progress : 1/{} ({}%)", va.item_count, 100 / va.item_count),
            "[x] Send the service contract and the job description — Due: 26 Nov 2026 · Who: Right-hand · Missions, hours, pay, confidentiality.",
            "[ ] Sign the contract and send billing details — Due: 29 Nov 2026 (overdue) · Who: Recruit",
        ] {
            assert!(all.contains(s), "{s} missing from\n{all}");
        }
        let (pdf, name) = checklist_export(&k, today, Language::En).unwrap();
        assert_eq!(name, "Onboarding - Onboarding – Léa Moreau.pdf");
        keep("checklist-en.pdf", &pdf);
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
            "Before the first day",
            "Progress",
            "Due: 26 Nov 2026",
            "(overdue)",
            "Who: Right-hand",
            "Never a password by e-mail.",
            "Onboarding – Léa Moreau – starts 1 Dec 2026",
        ] {
            assert!(text.contains(s), "{s} missing from the PDF text:\n{text}");
        }
        for french in [
            "Échéance",
            "Qui :",
            "en retard",
            "Avant l'arrivée",
            "début le",
        ] {
            assert!(
                !text.contains(french),
                "{french} in the English PDF:\n{text}"
            );
        }
    }
}
