//! How the core writes numbers, money and dates for a reader, in French or
//! English: the one place PDFs, text exports and file names get them from (the UI
//! formats its own screens with `Intl`, see `ui/js/format.js`).
//!
//! Every function takes the [`Language`] of the document being written — the
//! client's language for quotes and invoices, the UI's language for the team's
//! exports. Spaces inside a figure ("1 234,56 €", "5,5 %") are no-break spaces so
//! that a PDF line never splits an amount; [`plain`] turns them into ordinary
//! spaces for text pasted elsewhere.

use crate::catalog::Code;
pub use crate::catalog::Language;
use crate::validate::Scaled;
use chrono::NaiveDate;

/// The language named by a code: "en" is English, anything else French (as the
/// UI falls back to French).
pub fn lang(code: &str) -> Language {
    Language::parse(code).unwrap_or(Language::Fr)
}

/// The French text or the English one.
pub fn pick<T>(lang: Language, fr: T, en: T) -> T {
    match lang {
        Language::Fr => fr,
        Language::En => en,
    }
}

/// The symbol printed for a currency in a language: « € », « £ » in both; the
/// dollar is qualified in French (« $ US », « $ CA »), where a bare « $ » names no
/// currency, and in English only when it is not the US one (« CA$ »); a currency
/// without a symbol is written as its code (« CHF »).
pub fn currency_symbol(currency: &str, lang: Language) -> &str {
    match (currency, lang) {
        ("EUR", _) => "€",
        ("GBP", _) => "£",
        ("USD", Language::Fr) => "$\u{a0}US",
        ("USD", Language::En) => "$",
        ("CAD", Language::Fr) => "$\u{a0}CA",
        ("CAD", Language::En) => "CA$",
        (other, _) => other,
    }
}

/// "1 234,56 €" (fr) or "€1,234.56" (en) from cents. The spaces are no-break
/// spaces. In English a symbol sticks to the figure and a code is followed by a
/// space ("CHF 40.00").
pub fn money(cents: i64, currency: &str, lang: Language) -> String {
    let en = lang == Language::En;
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    let (int, frac) = (abs / 100, abs % 100);
    let grouped = group(&int.to_string(), if en { "," } else { "\u{a0}" });
    let symbol = currency_symbol(currency, lang);
    if en {
        let is_code = symbol.chars().all(|c| c.is_ascii_uppercase());
        let space = if is_code { "\u{a0}" } else { "" };
        format!("{sign}{symbol}{space}{grouped}.{frac:02}")
    } else {
        format!("{sign}{grouped},{frac:02}\u{a0}{symbol}")
    }
}

/// Digits in groups of three from the right, joined by `sep`.
fn group(digits: &str, sep: &str) -> String {
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// "27/11/2026" (fr) or "27 Nov 2026" (en).
pub fn date(d: NaiveDate, lang: Language) -> String {
    match lang {
        Language::Fr => d.format("%d/%m/%Y").to_string(),
        Language::En => d.format("%-d %b %Y").to_string(),
    }
}

/// [`date`] of an ISO date ("2026-11-27"); text that is not one is printed as is.
pub fn date_iso(iso: &str, lang: Language) -> String {
    match NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
        Ok(d) => date(d, lang),
        Err(_) => iso.to_owned(),
    }
}

/// A decimal scaled by 10^`decimals`, without useless zeros, with the language's
/// decimal mark: `decimal(1500, 3, Fr)` → "1,5".
pub fn decimal(n: i64, decimals: u32, lang: Language) -> String {
    let s = Scaled(n, decimals).to_string();
    let s = if decimals > 0 {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    match lang {
        Language::Fr => s.replace('.', ","),
        Language::En => s.to_owned(),
    }
}

/// Cents as a plain figure with both decimals and no currency, for a spreadsheet
/// column: "450,50" (fr) or "450.50" (en).
pub fn cents(n: i64, lang: Language) -> String {
    let s = Scaled(n, 2).to_string();
    match lang {
        Language::Fr => s.replace('.', ","),
        Language::En => s,
    }
}

/// A quantity kept in thousandths: "1,5" (fr) or "1.5" (en) from 1500.
pub fn quantity(milli: i64, lang: Language) -> String {
    decimal(milli, 3, lang)
}

/// "5,5 %" (fr, no-break space) or "5.5%" (en), from basis points.
pub fn percent(bps: i64, lang: Language) -> String {
    let s = decimal(bps, 2, lang);
    match lang {
        Language::Fr => format!("{s}\u{a0}%"),
        Language::En => format!("{s}%"),
    }
}

/// "10 h" or "10 h 30" from minutes — the same in both languages, as the UI
/// writes hours (`format.hours` in `ui/i18n/*.json`).
pub fn hours(minutes: i64) -> String {
    if minutes % 60 == 0 {
        format!("{} h", minutes / 60)
    } else {
        format!("{} h {:02}", minutes / 60, minutes % 60)
    }
}

/// "novembre 2026" (fr) or "November 2026" (en).
pub fn month_year(year: i32, month: u32, lang: Language) -> String {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = (month.clamp(1, 12) - 1) as usize;
    format!("{} {year}", pick(lang, FR[i], EN[i]))
}

/// A task area as a printed invoice line names it. The same words as the UI's
/// `catalog.task_area.*` (`tests/consistency.rs` checks they agree).
pub fn task_area(task: crate::catalog::TaskArea, lang: Language) -> &'static str {
    use crate::catalog::TaskArea as T;
    let (fr, en) = match task {
        T::Meetings => ("Prise de rendez-vous", "Appointment booking"),
        T::EmailTriage => ("Organisation des e-mails", "E-mail management"),
        T::Filing => ("Archivage de dossiers", "Filing and archiving"),
        T::Planning => ("Mise en place du planning", "Scheduling"),
        T::CustomerCare => ("Relation client après-vente", "Customer care"),
        T::Letters => ("Rédaction de courriers", "Letter writing"),
        T::Bookkeeping => (
            "Comptabilité (facturation, paiements, relances)",
            "Bookkeeping (invoicing, payments, reminders)",
        ),
        T::SocialStrategy => (
            "Stratégie de contenus réseaux sociaux",
            "Social media content strategy",
        ),
        T::CommunityManagement => ("Community management", "Community management"),
        T::WebWriting => ("Rédaction de contenus web", "Web copywriting"),
        T::Visuals => ("Création de visuels", "Visual design"),
        T::ProjectManagement => ("Gestion des projets", "Project management"),
        T::TeamManagement => ("Gestion des équipes", "Team management"),
        T::Operations => (
            "Gestion des opérations et des process",
            "Operations and processes",
        ),
        T::Automation => ("Automatisations", "Automation"),
        T::KeyFigures => ("Suivi des chiffres clés", "Key-figure tracking"),
    };
    pick(lang, fr, en)
}

/// The service a role sells, as an invoice line names it: « Assistance
/// virtuelle », « Accompagnement bras droit ».
pub fn service(role: crate::catalog::Role, lang: Language) -> &'static str {
    match role {
        crate::catalog::Role::Va => pick(lang, "Assistance virtuelle", "Virtual assistance"),
        crate::catalog::Role::RightHand => {
            pick(lang, "Accompagnement bras droit", "Right-hand support")
        }
    }
}

/// The text with its no-break spaces as ordinary spaces: for text pasted into
/// another program (a job board, an e-mail), where a no-break space is noise.
pub fn plain(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use Language::{En, Fr};

    /// The formats documents printed before this module existed, pinned: an issued
    /// invoice's PDF must read the same after the move.
    #[test]
    fn french_documents_format_as_before() {
        assert_eq!(money(123_456, "EUR", Fr), "1\u{a0}234,56\u{a0}€");
        assert_eq!(
            money(100_000_000, "EUR", Fr),
            "1\u{a0}000\u{a0}000,00\u{a0}€"
        );
        assert_eq!(money(-4_000, "EUR", Fr), "-40,00\u{a0}€");
        assert_eq!(money(5, "CHF", Fr), "0,05\u{a0}CHF");
        assert_eq!(money(99_999, "GBP", Fr), "999,99\u{a0}£");
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), Fr),
            "05/01/2026"
        );
        assert_eq!(date_iso("2026-11-27", Fr), "27/11/2026");
        assert_eq!(date_iso("soon", Fr), "soon");
        assert_eq!(percent(2000, Fr), "20\u{a0}%");
        assert_eq!(percent(550, Fr), "5,5\u{a0}%");
        assert_eq!(percent(1234, Fr), "12,34\u{a0}%");
        assert_eq!(percent(0, Fr), "0\u{a0}%");
        assert_eq!(quantity(1500, Fr), "1,5");
        assert_eq!(quantity(2000, Fr), "2");
        assert_eq!(quantity(125, Fr), "0,125");
        assert_eq!(quantity(10_000, Fr), "10");
    }

    #[test]
    fn english_documents_format_as_before() {
        assert_eq!(money(123_456, "USD", En), "$1,234.56");
        assert_eq!(money(-150, "GBP", En), "-£1.50");
        assert_eq!(date_iso("2026-11-27", En), "27 Nov 2026");
        assert_eq!(
            date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(), En),
            "5 Jan 2026"
        );
        assert_eq!(percent(550, En), "5.5%");
        assert_eq!(quantity(1500, En), "1.5");
    }

    /// The team's old French formats (`format_money_fr`, `format_hours_fr`) are
    /// what `plain(money(…))` and `hours` give.
    #[test]
    fn team_formats_as_before() {
        assert_eq!(plain(&money(123_456, "EUR", Fr)), "1 234,56 €");
        assert_eq!(plain(&money(5, "CHF", Fr)), "0,05 CHF");
        assert_eq!(plain(&money(100_000_000, "EUR", Fr)), "1 000 000,00 €");
        assert_eq!(hours(630), "10 h 30");
        assert_eq!(hours(600), "10 h");
        assert_eq!(hours(45), "0 h 45");
    }

    #[test]
    fn language_codes() {
        assert_eq!(lang("en"), En);
        assert_eq!(lang("fr"), Fr);
        assert_eq!(lang("de"), Fr);
        assert_eq!(pick(En, "Devis", "Quote"), "Quote");
    }

    /// Every currency in both languages: a symbol sticks to the figure in English
    /// (« €40.00 », not « € 40.00 »), a code is spaced, and a French dollar says
    /// whose it is.
    #[test]
    fn every_currency_in_both_languages() {
        let table = [
            ("EUR", "1\u{a0}110,00\u{a0}€", "€1,110.00"),
            ("USD", "1\u{a0}110,00\u{a0}$\u{a0}US", "$1,110.00"),
            ("GBP", "1\u{a0}110,00\u{a0}£", "£1,110.00"),
            ("CAD", "1\u{a0}110,00\u{a0}$\u{a0}CA", "CA$1,110.00"),
            ("CHF", "1\u{a0}110,00\u{a0}CHF", "CHF\u{a0}1,110.00"),
        ];
        for (currency, fr, en) in table {
            assert_eq!(money(111_000, currency, Fr), fr, "{currency}");
            assert_eq!(money(111_000, currency, En), en, "{currency}");
        }
        assert_eq!(money(4_000, "EUR", En), "€40.00");
        assert_eq!(money(-4_000, "EUR", En), "-€40.00");
    }

    /// `render::percent` and `quantity_text` as they were (trailing zeros cut).
    fn decimal_before(n: i64, decimals: u32, en: bool) -> String {
        let s = Scaled(n, decimals).to_string();
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if en {
            s.to_owned()
        } else {
            s.replace('.', ",")
        }
    }

    proptest::proptest! {
        /// Any amount reads back to its cents through the core's own parser.
        #[test]
        fn money_reads_back(cents in -10_000_000_000_i64..10_000_000_000) {
            let fr = money(cents, "EUR", Fr);
            proptest::prop_assert_eq!(crate::validate::parse_amount(&fr), Ok(cents));
        }

        /// Dates, rates and quantities print exactly what documents printed before
        /// they moved here, in French and in English (money changed on purpose:
        /// see `every_currency_in_both_languages`).
        #[test]
        fn documents_print_what_they_printed_before(
            days in 0_i64..100_000,
            bps in 0_i64..100_000,
            milli in 0_i64..100_000_000,
        ) {
            let d = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let iso = d.format("%Y-%m-%d").to_string();
            for (lang, en) in [(Fr, false), (En, true)] {
                let date_before = if en { d.format("%-d %b %Y") } else { d.format("%d/%m/%Y") };
                proptest::prop_assert_eq!(date_iso(&iso, lang), date_before.to_string());
                let p = decimal_before(bps, 2, en);
                let p = if en { format!("{p}%") } else { format!("{p}\u{a0}%") };
                proptest::prop_assert_eq!(percent(bps, lang), p);
                proptest::prop_assert_eq!(quantity(milli, lang), decimal_before(milli, 3, en));
            }
        }
    }
}
