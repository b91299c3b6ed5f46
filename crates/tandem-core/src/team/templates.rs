//! The built-in job-description templates. Their content comes from the user
//! research (seed/000): the VA's task catalogue, the right-hand's four areas, and
//! the qualities expected of each. A template only pre-fills the form: the job
//! description the user saves is her own text.
//!
//! Each template is written in French and in English (same code, same figures);
//! the UI offers them in its own language.

use super::job_descriptions::JobDescriptionInput;
use crate::locale::Language;
use serde::Serialize;

struct JobTemplate {
    code: &'static str,
    title: &'static str,
    context: &'static str,
    missions: &'static [&'static str],
    tasks: &'static [&'static str],
    skills: &'static [&'static str],
    qualities: &'static [&'static str],
    tools: &'static [&'static str],
    hours_per_week: &'static str,
    pay_amount: &'static str,
    pay_unit: &'static str,
    pricing_notes: &'static str,
}

/// Qualities the research expects of a virtual assistant.
const VA_QUALITIES: &[&str] = &[
    "Compétence pointue dans les tâches confiées",
    "Rapidité d'exécution",
    "Flexibilité",
    "Discrétion",
    "Travail de qualité rendu dans les délais impartis",
    "Communication claire avec l'équipe",
];

const TEMPLATES_FR: &[JobTemplate] = &[
    JobTemplate {
        code: "va_generalist",
        title: "Assistante virtuelle généraliste",
        context: "Entreprise en ligne en croissance, nous cherchons une assistante virtuelle indépendante pour prendre en charge les tâches administratives chronophages et libérer du temps à la dirigeante pour son cœur de métier.",
        missions: &[
            "Gérer l'administratif courant de l'entreprise",
            "Organiser l'agenda et les rendez-vous",
            "Assurer la relation client après-vente",
        ],
        tasks: &[
            "Prise de rendez-vous",
            "Organisation et tri des e-mails",
            "Archivage des dossiers",
            "Mise en place du planning",
            "Relation client après-vente (customer care)",
            "Rédaction de courriers",
        ],
        skills: &[
            "Maîtrise des outils bureautiques et collaboratifs",
            "Excellente orthographe et aisance rédactionnelle",
            "Expérience de l'assistanat à distance",
        ],
        qualities: VA_QUALITIES,
        tools: &["Google Workspace (Gmail, Agenda, Drive)", "Calendly", "Notion ou Trello"],
        hours_per_week: "10",
        pay_amount: "35",
        pay_unit: "hour",
        pricing_notes: "Taux horaire, volume d'heures défini à l'avance ; un forfait mensuel est envisageable si la collaboration s'inscrit dans la durée.",
    },
    JobTemplate {
        code: "va_social_media",
        title: "Assistante virtuelle réseaux sociaux / community manager",
        context: "Pour développer notre présence en ligne, nous cherchons une assistante virtuelle spécialisée dans les réseaux sociaux, capable de proposer une ligne éditoriale et d'animer notre communauté.",
        missions: &[
            "Construire et tenir la stratégie de contenus sur les réseaux sociaux",
            "Animer la communauté au quotidien",
            "Produire les contenus écrits et visuels",
        ],
        tasks: &[
            "Stratégie de contenus réseaux sociaux (calendrier éditorial)",
            "Community management : réponses aux commentaires et messages",
            "Rédaction de contenus web (posts, articles, newsletters)",
            "Création de visuels",
            "Suivi des statistiques mensuelles",
        ],
        skills: &[
            "Connaissance d'Instagram, LinkedIn et Facebook",
            "Aisance rédactionnelle et sens du visuel",
            "Maîtrise d'un outil de planification",
        ],
        qualities: VA_QUALITIES,
        tools: &["Canva", "Meta Business Suite", "Un outil de planification (Later, Buffer…)", "Notion"],
        hours_per_week: "8",
        pay_amount: "600",
        pay_unit: "month",
        pricing_notes: "Forfait mensuel selon le nombre de publications ; taux horaire possible pour une période d'essai.",
    },
    JobTemplate {
        code: "va_bookkeeping",
        title: "Assistante virtuelle comptabilité et facturation",
        context: "Nous cherchons une assistante virtuelle rigoureuse pour tenir la facturation, suivre les paiements et préparer les éléments pour notre expert-comptable.",
        missions: &[
            "Tenir la facturation et le suivi des paiements",
            "Relancer les impayés",
            "Préparer la comptabilité pour l'expert-comptable",
        ],
        tasks: &[
            "Établir et envoyer les devis et factures",
            "Suivre les paiements et rapprocher les relevés bancaires",
            "Relancer les factures impayées",
            "Classer et archiver les justificatifs",
            "Transmettre les pièces à l'expert-comptable chaque mois",
        ],
        skills: &[
            "Connaissance des mentions obligatoires des factures",
            "Maîtrise d'un logiciel de facturation et d'un tableur",
            "Notions de TVA et de trésorerie",
        ],
        qualities: &[
            "Rigueur et précision",
            "Discrétion sur les données financières",
            "Rapidité d'exécution",
            "Travail de qualité rendu dans les délais impartis",
            "Intégrité",
        ],
        tools: &["Logiciel de facturation", "Banque en ligne", "Google Sheets ou Excel", "Google Drive"],
        hours_per_week: "4",
        pay_amount: "38",
        pay_unit: "hour",
        pricing_notes: "Taux horaire sur un volume mensuel convenu.",
    },
    JobTemplate {
        code: "right_hand",
        title: "Bras droit / Online Business Manager",
        context: "Notre activité grandit et s'appuie déjà sur une équipe de plusieurs freelances. Nous cherchons une bras droit pour seconder la dirigeante dans la gestion des projets et de l'équipe, et transformer la vision en objectifs concrets et réalisables.",
        missions: &[
            "Gestion des projets : organisation, moyens de chacun, qualité et délais",
            "Gestion de l'équipe : fiches de poste, recrutement, onboarding, lien avec la dirigeante",
            "Gestion des opérations : mise en place et mise à jour des process, automatisations",
            "Suivi des chiffres clés : tableaux de suivi, analyse et ajustements",
        ],
        tasks: &[
            "Transformer les idées de la dirigeante en objectifs et projets planifiés",
            "S'assurer que chaque membre de l'équipe a ce dont il a besoin",
            "Rédiger les fiches de poste et sélectionner les profils",
            "Faire l'onboarding des nouvelles recrues",
            "Documenter les process et veiller à leur application",
            "Mettre en place des automatisations quand c'est utile",
            "Construire les tableaux de suivi et analyser les résultats",
        ],
        skills: &[
            "Expérience de la gestion de projets et d'équipes à distance",
            "Maîtrise des outils de gestion de projets et d'automatisation",
            "Aisance avec les chiffres et les tableaux de bord",
        ],
        qualities: &[
            "Implication dans le business de la cliente",
            "Franchise",
            "Communication bienveillante et diplomate",
            "Confiance en soi",
            "Discrétion",
            "Intégrité",
            "Très bonne organisation",
            "Forte discipline",
        ],
        tools: &["Notion, Asana ou ClickUp", "Slack", "Zapier ou Make", "Google Sheets"],
        hours_per_week: "15",
        pay_amount: "1500",
        pay_unit: "month",
        pricing_notes: "Forfait mensuel ; une partie fixe et une commission sur le chiffre d'affaires sont possibles en période de lancement.",
    },
];

/// Qualities expected of a virtual assistant, in English.
const VA_QUALITIES_EN: &[&str] = &[
    "Sharp skills in the tasks entrusted",
    "Speed of execution",
    "Flexibility",
    "Discretion",
    "Quality work delivered on time",
    "Clear communication with the team",
];

/// The same templates in English, in the same order with the same codes and figures.
const TEMPLATES_EN: &[JobTemplate] = &[
    JobTemplate {
        code: "va_generalist",
        title: "General virtual assistant",
        context: "A growing online business, we are looking for a freelance virtual assistant to take over time-consuming administrative tasks and free up the founder's time for her core business.",
        missions: &[
            "Handle the business's day-to-day administration",
            "Organise the diary and appointments",
            "Look after after-sales customer relations",
        ],
        tasks: &[
            "Booking appointments",
            "Organising and sorting e-mails",
            "Filing records",
            "Setting up the schedule",
            "After-sales customer care",
            "Writing letters",
        ],
        skills: &[
            "Proficiency with office and collaboration tools",
            "Excellent spelling and writing skills",
            "Experience as a remote assistant",
        ],
        qualities: VA_QUALITIES_EN,
        tools: &["Google Workspace (Gmail, Calendar, Drive)", "Calendly", "Notion or Trello"],
        hours_per_week: "10",
        pay_amount: "35",
        pay_unit: "hour",
        pricing_notes: "Hourly rate for a volume of hours agreed in advance; a monthly flat fee can be considered if the collaboration lasts.",
    },
    JobTemplate {
        code: "va_social_media",
        title: "Social media virtual assistant / community manager",
        context: "To grow our online presence, we are looking for a virtual assistant specialised in social media, able to propose an editorial line and to run our community.",
        missions: &[
            "Build and keep up the social media content strategy",
            "Run the community day to day",
            "Produce written and visual content",
        ],
        tasks: &[
            "Social media content strategy (editorial calendar)",
            "Community management: replying to comments and messages",
            "Writing web content (posts, articles, newsletters)",
            "Creating visuals",
            "Monthly statistics follow-up",
        ],
        skills: &[
            "Knowledge of Instagram, LinkedIn and Facebook",
            "Writing skills and an eye for visuals",
            "Proficiency with a scheduling tool",
        ],
        qualities: VA_QUALITIES_EN,
        tools: &["Canva", "Meta Business Suite", "A scheduling tool (Later, Buffer…)", "Notion"],
        hours_per_week: "8",
        pay_amount: "600",
        pay_unit: "month",
        pricing_notes: "Monthly flat fee depending on the number of posts; an hourly rate is possible for a trial period.",
    },
    JobTemplate {
        code: "va_bookkeeping",
        title: "Bookkeeping and invoicing virtual assistant",
        context: "We are looking for a meticulous virtual assistant to handle invoicing, follow up on payments and prepare the records for our accountant.",
        missions: &[
            "Handle invoicing and payment follow-up",
            "Chase unpaid invoices",
            "Prepare the books for the accountant",
        ],
        tasks: &[
            "Draw up and send quotes and invoices",
            "Follow up on payments and reconcile bank statements",
            "Chase unpaid invoices",
            "Sort and file receipts",
            "Send the records to the accountant every month",
        ],
        skills: &[
            "Knowledge of the mandatory mentions on invoices",
            "Proficiency with invoicing software and a spreadsheet",
            "Basic knowledge of VAT and cash flow",
        ],
        qualities: &[
            "Rigour and precision",
            "Discretion about financial data",
            "Speed of execution",
            "Quality work delivered on time",
            "Integrity",
        ],
        tools: &["Invoicing software", "Online banking", "Google Sheets or Excel", "Google Drive"],
        hours_per_week: "4",
        pay_amount: "38",
        pay_unit: "hour",
        pricing_notes: "Hourly rate for an agreed monthly volume.",
    },
    JobTemplate {
        code: "right_hand",
        title: "Right-hand / Online Business Manager",
        context: "Our business is growing and already relies on a team of several freelancers. We are looking for a right-hand to support the founder in managing projects and the team, and to turn the vision into concrete, achievable goals.",
        missions: &[
            "Project management: organisation, everyone's resources, quality and deadlines",
            "Team management: job descriptions, recruiting, onboarding, link with the founder",
            "Operations management: setting up and updating processes, automations",
            "Key figures follow-up: tracking dashboards, analysis and adjustments",
        ],
        tasks: &[
            "Turn the founder's ideas into planned goals and projects",
            "Make sure every team member has what they need",
            "Write job descriptions and shortlist candidates",
            "Onboard new recruits",
            "Document processes and see that they are followed",
            "Set up automations where useful",
            "Build tracking dashboards and analyse the results",
        ],
        skills: &[
            "Experience managing remote projects and teams",
            "Proficiency with project management and automation tools",
            "At ease with figures and dashboards",
        ],
        qualities: &[
            "Commitment to the client's business",
            "Frankness",
            "Kind and diplomatic communication",
            "Self-confidence",
            "Discretion",
            "Integrity",
            "Very well organised",
            "Strong discipline",
        ],
        tools: &["Notion, Asana or ClickUp", "Slack", "Zapier or Make", "Google Sheets"],
        hours_per_week: "15",
        pay_amount: "1500",
        pay_unit: "month",
        pricing_notes: "Monthly flat fee; a fixed part plus a commission on revenue is possible during a launch period.",
    },
];

/// A built-in template as the UI offers it: its code, and the form it pre-fills.
#[derive(Debug, Serialize)]
pub struct JobTemplateEntry {
    pub code: &'static str,
    pub title: &'static str,
    pub input: JobDescriptionInput,
}

fn lines(items: &[&str]) -> String {
    items.join("\n")
}

/// Every built-in job-description template in `lang`, with the form it pre-fills.
pub fn job_template_entries(lang: Language) -> Vec<JobTemplateEntry> {
    let templates = match lang {
        Language::Fr => TEMPLATES_FR,
        Language::En => TEMPLATES_EN,
    };
    templates
        .iter()
        .map(|t| JobTemplateEntry {
            code: t.code,
            title: t.title,
            input: JobDescriptionInput {
                client_id: None,
                title: t.title.to_owned(),
                template: t.code.to_owned(),
                context: t.context.to_owned(),
                missions: lines(t.missions),
                tasks: lines(t.tasks),
                skills: lines(t.skills),
                qualities: lines(t.qualities),
                tools: lines(t.tools),
                hours_per_week: t.hours_per_week.to_owned(),
                pay_amount: t.pay_amount.to_owned(),
                pay_unit: t.pay_unit.to_owned(),
                pricing_notes: t.pricing_notes.to_owned(),
                start_date: String::new(),
                status: "draft".to_owned(),
                onboarding_template_id: None,
            },
        })
        .collect()
}

/// The pre-filled form of one built-in template, in `lang`.
pub fn job_template(code: &str, lang: Language) -> Option<JobDescriptionInput> {
    job_template_entries(lang)
        .into_iter()
        .find(|e| e.code == code)
        .map(|e| e.input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::team::job_descriptions;

    #[test]
    fn every_builtin_template_is_a_valid_job_description() {
        let entries = job_template_entries(Language::Fr);
        let codes: Vec<_> = entries.iter().map(|e| e.code).collect();
        assert_eq!(
            codes,
            [
                "va_generalist",
                "va_social_media",
                "va_bookkeeping",
                "right_hand"
            ]
        );
        let t = crate::testing::temp_db();
        for e in &entries {
            assert!(
                t.db.read(|c| job_descriptions::validate(c, &e.input, None))
                    .unwrap()
                    .is_empty(),
                "template {} does not validate",
                e.code
            );
        }
    }

    #[test]
    fn templates_carry_the_research_catalogues() {
        let va = job_template("va_generalist", Language::Fr).unwrap();
        for task in [
            "Prise de rendez-vous",
            "Archivage des dossiers",
            "Rédaction de courriers",
        ] {
            assert!(va.tasks.contains(task), "{task}");
        }
        assert!(va.qualities.contains("Discrétion"));
        let rh = job_template("right_hand", Language::Fr).unwrap();
        for area in [
            "Gestion des projets",
            "Gestion de l'équipe",
            "Suivi des chiffres clés",
        ] {
            assert!(rh.missions.contains(area), "{area}");
        }
        assert!(rh.qualities.contains("Intégrité"));
        assert!(job_template("nope", Language::Fr).is_none());
    }

    /// The English templates are the French ones translated: same codes, same
    /// figures, as many lines in every list, each a valid job description.
    #[test]
    fn english_templates_match_the_french_ones() {
        assert_eq!(TEMPLATES_EN.len(), TEMPLATES_FR.len());
        for (fr, en) in TEMPLATES_FR.iter().zip(TEMPLATES_EN) {
            assert_eq!(fr.code, en.code);
            assert_eq!(
                (fr.hours_per_week, fr.pay_amount, fr.pay_unit),
                (en.hours_per_week, en.pay_amount, en.pay_unit)
            );
            for (f, e) in [
                (fr.missions, en.missions),
                (fr.tasks, en.tasks),
                (fr.skills, en.skills),
                (fr.qualities, en.qualities),
                (fr.tools, en.tools),
            ] {
                assert_eq!(f.len(), e.len(), "{}", fr.code);
            }
            assert_ne!(fr.title, en.title);
        }
        let t = crate::testing::temp_db();
        for e in job_template_entries(Language::En) {
            assert!(
                t.db.read(|c| job_descriptions::validate(c, &e.input, None))
                    .unwrap()
                    .is_empty(),
                "{}",
                e.code
            );
        }
        let rh = job_template("right_hand", Language::En).unwrap();
        assert_eq!(rh.title, "Right-hand / Online Business Manager");
        assert!(rh.missions.contains("Team management"));
        assert!(rh.qualities.contains("Integrity"));
    }
}
