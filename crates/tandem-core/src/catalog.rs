//! The fixed vocabularies of the domain: legal statuses, VAT regimes, countries,
//! currencies, roles, task areas …
//!
//! Each is a Rust enum stored in SQLite as its snake_case code. The UI receives the
//! codes (see [`Catalog`]) and translates them; labels never live in the core.

use serde::Serialize;

/// A closed list of codes, each stored and exchanged as a string.
pub trait Code: Sized + Copy + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
    fn parse(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

/// Declares an enum whose variants are codes (`Variant => "code"`), with serde support.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl Code for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let s = v.as_str()?;
                <$name as Code>::parse(s).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!("unknown {} code {s:?}", stringify!($name)).into(),
                    )
                })
            }
        }
    };
}
// Other domain modules (team) declare their own vocabularies with it.
pub(crate) use code_enum;

code_enum!(
    /// The user's legal form. Companies must print their registry and share capital.
    LegalStatus {
        MicroEntrepreneur => "micro_entrepreneur",
        Ei => "ei",
        Eurl => "eurl",
        Sasu => "sasu",
        Sarl => "sarl",
        Sas => "sas",
        Other => "other",
    }
);

impl LegalStatus {
    /// A company (as opposed to a sole trader) must state its RCS and share capital.
    pub fn is_company(self) -> bool {
        matches!(self, Self::Eurl | Self::Sasu | Self::Sarl | Self::Sas)
    }

    /// The form a company prints with its name (C. com. R123-238): « SASU ».
    pub fn form_label(self) -> Option<&'static str> {
        match self {
            Self::Eurl => Some("EURL"),
            Self::Sasu => Some("SASU"),
            Self::Sarl => Some("SARL"),
            Self::Sas => Some("SAS"),
            Self::MicroEntrepreneur | Self::Ei | Self::Other => None,
        }
    }
}

code_enum!(
    /// Franchise en base (art. 293 B du CGI: no VAT charged) or VAT-registered.
    VatRegime { Franchise => "franchise", Registered => "registered" }
);

code_enum!(
    /// The language of the UI, and of a client's documents.
    Language { Fr => "fr", En => "en" }
);

code_enum!(
    Currency { Eur => "EUR", Chf => "CHF", Cad => "CAD", Usd => "USD", Gbp => "GBP" }
);

code_enum!(
    /// What the user is to the client: virtual assistant or right-hand / OBM.
    Role { Va => "va", RightHand => "right_hand" }
);

code_enum!(
    CollaborationStatus { Prospect => "prospect", Active => "active", Paused => "paused", Ended => "ended" }
);

code_enum!(
    PricingModel {
        Hourly => "hourly",
        MonthlyFlat => "monthly_flat",
        ProjectFlat => "project_flat",
        FixedPlusCommission => "fixed_plus_commission",
    }
);

code_enum!(
    /// What happens to the hours of a monthly bank that were not used.
    UnusedHours { Lost => "lost", CarriedOver => "carried_over" }
);

code_enum!(
    /// The step a stopped timer's duration is rounded to (Réglages).
    TimeRounding { None => "none", Five => "5", Ten => "10", Fifteen => "15" }
);

impl TimeRounding {
    pub fn minutes(self) -> i64 {
        match self {
            Self::None => 1,
            Self::Five => 5,
            Self::Ten => 10,
            Self::Fifteen => 15,
        }
    }
}

code_enum!(
    /// Whether a stopped timer is rounded up to the step or to the nearest one.
    RoundingMode { Up => "up", Nearest => "nearest" }
);

code_enum!(
    /// How full a bank of hours (or a flat fee's indicative hours) is this month:
    /// `warning` from 80 %, `alert` from 100 %.
    BankLevel { Ok => "ok", Warning => "warning", Alert => "alert" }
);

code_enum!(
    /// Delegated task areas, from the user research's two catalogues.
    TaskArea {
        Meetings => "meetings",
        EmailTriage => "email_triage",
        Filing => "filing",
        Planning => "planning",
        CustomerCare => "customer_care",
        Letters => "letters",
        Bookkeeping => "bookkeeping",
        SocialStrategy => "social_strategy",
        CommunityManagement => "community_management",
        WebWriting => "web_writing",
        Visuals => "visuals",
        ProjectManagement => "project_management",
        TeamManagement => "team_management",
        Operations => "operations",
        Automation => "automation",
        KeyFigures => "key_figures",
    }
);

impl TaskArea {
    /// The catalogue the task comes from: executive work (VA) or supervision (right-hand).
    pub fn group(self) -> Role {
        match self {
            Self::ProjectManagement
            | Self::TeamManagement
            | Self::Operations
            | Self::Automation
            | Self::KeyFigures => Role::RightHand,
            _ => Role::Va,
        }
    }
}

/// EU member states (ISO 3166-1 alpha-2). Drives VAT-number rules and, later, the
/// reverse-charge and export mentions.
pub const EU_COUNTRIES: &[&str] = &[
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT",
    "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
];

/// Countries a client may be in: the EU, the rest of Europe, and the French-speaking
/// and English-speaking markets the users work with. Names come from the UI's
/// `Intl.DisplayNames`, so only codes live here.
pub const COUNTRIES: &[&str] = &[
    "FR", "BE", "CH", "LU", "MC", "CA", "GB", "US", "DE", "ES", "IT", "PT", "NL", "IE", "AT", "BG",
    "CY", "CZ", "DK", "EE", "FI", "GR", "HR", "HU", "LT", "LV", "MT", "PL", "RO", "SE", "SI", "SK",
    "NO", "IS", "LI", "AD", "AU", "NZ", "MA", "TN", "DZ", "SN", "CI", "CM", "MU", "RE", "GP", "MQ",
    "GF", "YT", "NC", "PF", "AE", "IL", "SG", "HK", "JP", "BR", "MX",
];

pub fn is_eu(country: &str) -> bool {
    EU_COUNTRIES.contains(&country)
}

#[derive(Debug, Serialize)]
pub struct CountryEntry {
    pub code: &'static str,
    pub eu: bool,
}

#[derive(Debug, Serialize)]
pub struct TaskEntry {
    pub code: TaskArea,
    pub group: Role,
}

/// Every vocabulary at once, for the UI's selects and checkboxes.
#[derive(Debug, Serialize)]
pub struct Catalog {
    pub legal_statuses: &'static [LegalStatus],
    pub company_statuses: Vec<LegalStatus>,
    pub vat_regimes: &'static [VatRegime],
    pub countries: Vec<CountryEntry>,
    pub currencies: &'static [Currency],
    pub languages: &'static [Language],
    pub roles: &'static [Role],
    pub statuses: &'static [CollaborationStatus],
    pub pricing_models: &'static [PricingModel],
    pub unused_hours: &'static [UnusedHours],
    pub task_areas: Vec<TaskEntry>,
    pub documents: DocumentVocabulary,
    pub time: TimeVocabulary,
    pub figures: FiguresVocabulary,
}

/// Time tracking's vocabularies.
#[derive(Debug, Serialize)]
pub struct TimeVocabulary {
    pub roundings: &'static [TimeRounding],
    pub rounding_modes: &'static [RoundingMode],
}

/// The figures' vocabularies: reminders and the URSSAF declaration.
#[derive(Debug, Serialize)]
pub struct FiguresVocabulary {
    pub reminder_kinds: &'static [ReminderKind],
    pub urssaf_rhythms: &'static [UrssafRhythm],
    pub urssaf_activities: &'static [UrssafActivity],
}

/// The documents' vocabularies, so the UI lists no code of its own.
#[derive(Debug, Serialize)]
pub struct DocumentVocabulary {
    pub kinds: &'static [DocKind],
    pub quote_statuses: &'static [ShownStatus],
    pub invoice_statuses: &'static [ShownStatus],
    /// Basis points as strings, as the editor sends them back.
    pub vat_rates: Vec<String>,
    pub units: &'static [&'static str],
    pub payment_methods: &'static [PaymentMethod],
}

pub fn catalog() -> Catalog {
    Catalog {
        legal_statuses: LegalStatus::ALL,
        company_statuses: LegalStatus::ALL
            .iter()
            .copied()
            .filter(|s| s.is_company())
            .collect(),
        vat_regimes: VatRegime::ALL,
        countries: COUNTRIES
            .iter()
            .map(|&code| CountryEntry {
                code,
                eu: is_eu(code),
            })
            .collect(),
        currencies: Currency::ALL,
        languages: Language::ALL,
        roles: Role::ALL,
        statuses: CollaborationStatus::ALL,
        pricing_models: PricingModel::ALL,
        unused_hours: UnusedHours::ALL,
        task_areas: TaskArea::ALL
            .iter()
            .map(|&code| TaskEntry {
                code,
                group: code.group(),
            })
            .collect(),
        documents: DocumentVocabulary {
            kinds: DocKind::ALL,
            quote_statuses: QUOTE_STATUSES,
            invoice_statuses: INVOICE_STATUSES,
            vat_rates: VAT_RATES.iter().map(i64::to_string).collect(),
            units: UNITS,
            payment_methods: PaymentMethod::ALL,
        },
        time: TimeVocabulary {
            roundings: TimeRounding::ALL,
            rounding_modes: RoundingMode::ALL,
        },
        figures: FiguresVocabulary {
            reminder_kinds: ReminderKind::ALL,
            urssaf_rhythms: UrssafRhythm::ALL,
            urssaf_activities: UrssafActivity::ALL,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for &t in TaskArea::ALL {
            assert_eq!(TaskArea::parse(t.as_str()), Some(t));
        }
        assert_eq!(Currency::parse("EUR"), Some(Currency::Eur));
        assert_eq!(Currency::parse("eur"), None);
        assert_eq!(
            LegalStatus::parse("sasu").map(LegalStatus::is_company),
            Some(true)
        );
    }

    #[test]
    fn every_eu_country_is_offered_and_codes_are_unique() {
        for c in EU_COUNTRIES {
            assert!(COUNTRIES.contains(c), "{c} missing from COUNTRIES");
        }
        let mut sorted = COUNTRIES.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), COUNTRIES.len());
        assert_eq!(EU_COUNTRIES.len(), 27);
    }
}

code_enum!(
    /// What a document is. A deposit invoice (facture d'acompte) is numbered with
    /// the invoices; a credit note (avoir) has its own series.
    DocKind { Quote => "quote", Invoice => "invoice", Deposit => "deposit", CreditNote => "credit_note" }
);

code_enum!(
    /// Which VAT rules a document follows, decided from the profile and the client.
    VatCase {
        Franchise => "franchise",
        Domestic => "domestic",
        ReverseCharge => "reverse_charge",
        Export => "export",
    }
);

code_enum!(
    /// What a reminder about an overdue invoice is: a first, a second, and the
    /// formal notice (« mise en demeure », C. civ. art. 1344).
    ReminderKind { First => "first", Second => "second", FormalNotice => "formal_notice" }
);

code_enum!(
    /// How often a micro-entrepreneur declares her revenue to the URSSAF.
    UrssafRhythm { Monthly => "monthly", Quarterly => "quarterly" }
);

code_enum!(
    /// Her activity as the URSSAF counts it: it sets the contribution rate.
    UrssafActivity { Bnc => "bnc", BicServices => "bic_services" }
);

code_enum!(
    /// How a payment was received.
    PaymentMethod { Transfer => "transfer", Card => "card", Cash => "cash", Check => "check", Other => "other" }
);

code_enum!(
    /// A document's stored state, as the `documents.status` column keeps it. Only a
    /// quote is ever sent, accepted or declined; every other kind goes from draft to
    /// issued. What the user sees is derived from it: [`ShownStatus`].
    DocStatus {
        Draft => "draft",
        Sent => "sent",
        Accepted => "accepted",
        Declined => "declined",
        Issued => "issued",
    }
);

code_enum!(
    /// The status a user sees: the stored state plus what dates, payments and credit
    /// notes say (`documents::status` decides it, in Rust and in SQL alike).
    ShownStatus {
        Draft => "draft",
        Sent => "sent",
        Accepted => "accepted",
        Declined => "declined",
        Expired => "expired",
        Issued => "issued",
        PartiallyPaid => "partially_paid",
        Paid => "paid",
        Overdue => "overdue",
        Cancelled => "cancelled",
    }
);

/// The statuses a quote can show, in the order the filter offers them.
pub const QUOTE_STATUSES: &[ShownStatus] = &[
    ShownStatus::Draft,
    ShownStatus::Sent,
    ShownStatus::Accepted,
    ShownStatus::Declined,
    ShownStatus::Expired,
];

/// The statuses an invoice, a deposit invoice or a credit note can show.
pub const INVOICE_STATUSES: &[ShownStatus] = &[
    ShownStatus::Draft,
    ShownStatus::Issued,
    ShownStatus::PartiallyPaid,
    ShownStatus::Paid,
    ShownStatus::Overdue,
    ShownStatus::Cancelled,
];

/// The French VAT rates in basis points: 20 %, 10 %, 5,5 %, 2,1 % and 0 %.
pub const VAT_RATES: [i64; 5] = [2000, 1000, 550, 210, 0];

/// Units the line editor suggests (free text is accepted too).
pub const UNITS: &[&str] = &["h", "jour", "mois", "forfait", "unité"];

/// Country names for documents (the UI uses `Intl.DisplayNames`; a PDF is drawn
/// in the core, so it needs its own): `(code, French, English)`.
const COUNTRY_NAMES: &[(&str, &str, &str)] = &[
    ("FR", "France", "France"),
    ("BE", "Belgique", "Belgium"),
    ("CH", "Suisse", "Switzerland"),
    ("LU", "Luxembourg", "Luxembourg"),
    ("MC", "Monaco", "Monaco"),
    ("CA", "Canada", "Canada"),
    ("GB", "Royaume-Uni", "United Kingdom"),
    ("US", "États-Unis", "United States"),
    ("DE", "Allemagne", "Germany"),
    ("ES", "Espagne", "Spain"),
    ("IT", "Italie", "Italy"),
    ("PT", "Portugal", "Portugal"),
    ("NL", "Pays-Bas", "Netherlands"),
    ("IE", "Irlande", "Ireland"),
    ("AT", "Autriche", "Austria"),
    ("BG", "Bulgarie", "Bulgaria"),
    ("CY", "Chypre", "Cyprus"),
    ("CZ", "Tchéquie", "Czechia"),
    ("DK", "Danemark", "Denmark"),
    ("EE", "Estonie", "Estonia"),
    ("FI", "Finlande", "Finland"),
    ("GR", "Grèce", "Greece"),
    ("HR", "Croatie", "Croatia"),
    ("HU", "Hongrie", "Hungary"),
    ("LT", "Lituanie", "Lithuania"),
    ("LV", "Lettonie", "Latvia"),
    ("MT", "Malte", "Malta"),
    ("PL", "Pologne", "Poland"),
    ("RO", "Roumanie", "Romania"),
    ("SE", "Suède", "Sweden"),
    ("SI", "Slovénie", "Slovenia"),
    ("SK", "Slovaquie", "Slovakia"),
    ("NO", "Norvège", "Norway"),
    ("IS", "Islande", "Iceland"),
    ("LI", "Liechtenstein", "Liechtenstein"),
    ("AD", "Andorre", "Andorra"),
    ("AU", "Australie", "Australia"),
    ("NZ", "Nouvelle-Zélande", "New Zealand"),
    ("MA", "Maroc", "Morocco"),
    ("TN", "Tunisie", "Tunisia"),
    ("DZ", "Algérie", "Algeria"),
    ("SN", "Sénégal", "Senegal"),
    ("CI", "Côte d'Ivoire", "Côte d'Ivoire"),
    ("CM", "Cameroun", "Cameroon"),
    ("MU", "Maurice", "Mauritius"),
    ("RE", "La Réunion", "Réunion"),
    ("GP", "Guadeloupe", "Guadeloupe"),
    ("MQ", "Martinique", "Martinique"),
    ("GF", "Guyane", "French Guiana"),
    ("YT", "Mayotte", "Mayotte"),
    ("NC", "Nouvelle-Calédonie", "New Caledonia"),
    ("PF", "Polynésie française", "French Polynesia"),
    ("AE", "Émirats arabes unis", "United Arab Emirates"),
    ("IL", "Israël", "Israel"),
    ("SG", "Singapour", "Singapore"),
    ("HK", "Hong Kong", "Hong Kong"),
    ("JP", "Japon", "Japan"),
    ("BR", "Brésil", "Brazil"),
    ("MX", "Mexique", "Mexico"),
];

/// The country's name in French or English, or its code if unknown.
pub fn country_name(code: &str, en: bool) -> String {
    COUNTRY_NAMES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map_or(code, |(_, fr, e)| if en { e } else { fr })
        .to_owned()
}
