//! Checks of the identifiers a French freelancer's documents carry: SIREN/SIRET
//! (Luhn), IBAN (ISO 13616 mod-97), BIC, intra-EU VAT numbers, e-mail, phone.
//!
//! Each function takes the trimmed text and returns the normalized form (spaces
//! removed, upper case) or a coded refusal.

use crate::catalog::{is_eu, COUNTRIES};

type Refusal = (&'static str, String);

/// Removes the spaces, dots and dashes people paste identifiers with.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-' | '\u{202f}'))
        .collect::<String>()
        .to_uppercase()
}

fn luhn_ok(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let d2 = d * 2;
                if d2 > 9 {
                    d2 - 9
                } else {
                    d2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn all_digits(s: &str, len: usize) -> bool {
    s.len() == len && s.bytes().all(|b| b.is_ascii_digit())
}

/// SIREN: 9 digits passing the Luhn check.
pub fn siren(text: &str) -> Result<String, Refusal> {
    let s = compact(text);
    if all_digits(&s, 9) && luhn_ok(&s) {
        Ok(s)
    } else {
        Err((
            "invalid_siren",
            format!("{text:?} is not a valid SIREN (9 digits)"),
        ))
    }
}

/// SIRET: 14 digits passing the Luhn check (La Poste's establishments, SIREN
/// 356 000 000, use a digit-sum-multiple-of-5 rule instead).
pub fn siret(text: &str) -> Result<String, Refusal> {
    let s = compact(text);
    let ok = all_digits(&s, 14)
        && (luhn_ok(&s)
            || (s.starts_with("356000000")
                && s.bytes().map(|b| u32::from(b - b'0')).sum::<u32>() % 5 == 0));
    if ok {
        Ok(s)
    } else {
        Err((
            "invalid_siret",
            format!("{text:?} is not a valid SIRET (14 digits)"),
        ))
    }
}

/// IBAN lengths of the countries our users' banks are in (SEPA and neighbours).
const IBAN_LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AT", 20),
    ("BE", 16),
    ("BG", 22),
    ("CH", 21),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("EE", 20),
    ("ES", 24),
    ("FI", 18),
    ("FR", 27),
    ("GB", 22),
    ("GR", 27),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IS", 26),
    ("IT", 27),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MA", 28),
    ("MC", 27),
    ("MT", 31),
    ("NL", 18),
    ("NO", 15),
    ("PL", 28),
    ("PT", 25),
    ("RO", 24),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("TN", 24),
    ("VA", 22),
];

/// IBAN: country, check digits, then the account; mod 97 of the rearranged number is 1.
pub fn iban(text: &str) -> Result<String, Refusal> {
    let s = compact(text);
    let bad = || ("invalid_iban", format!("{text:?} is not a valid IBAN"));
    let b = s.as_bytes();
    if !(15..=34).contains(&s.len())
        || !b[..2].iter().all(u8::is_ascii_uppercase)
        || !b[2..4].iter().all(u8::is_ascii_digit)
        || !b.iter().all(u8::is_ascii_alphanumeric)
    {
        return Err(bad());
    }
    if let Some(&(_, len)) = IBAN_LENGTHS.iter().find(|(c, _)| *c == &s[..2]) {
        if s.len() != len {
            return Err(bad());
        }
    }
    let rearranged = s[4..].bytes().chain(s[..4].bytes());
    let mut rem: u32 = 0;
    for ch in rearranged {
        let v = if ch.is_ascii_digit() {
            u32::from(ch - b'0')
        } else {
            u32::from(ch - b'A') + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    if rem == 1 {
        Ok(s)
    } else {
        Err(bad())
    }
}

/// BIC / SWIFT: 4 letters (bank), 2 letters (country), 2 alphanumerics (place),
/// optionally 3 alphanumerics (branch).
pub fn bic(text: &str) -> Result<String, Refusal> {
    let s = compact(text);
    let b = s.as_bytes();
    let ok = (s.len() == 8 || s.len() == 11)
        && b[..6].iter().all(u8::is_ascii_uppercase)
        && b[6..].iter().all(u8::is_ascii_alphanumeric);
    if ok {
        Ok(s)
    } else {
        Err(("invalid_bic", format!("{text:?} is not a valid BIC")))
    }
}

/// The shapes of each EU state's VAT number after its prefix: `9` a digit, `A` a
/// letter, `X` a letter or digit, anything else literal.
const VAT_SHAPES: &[(&str, &[&str])] = &[
    ("AT", &["U99999999"]),
    ("BE", &["0999999999", "1999999999"]),
    ("BG", &["999999999", "9999999999"]),
    ("CY", &["99999999A"]),
    ("CZ", &["99999999", "999999999", "9999999999"]),
    ("DE", &["999999999"]),
    ("DK", &["99999999"]),
    ("EE", &["999999999"]),
    ("EL", &["999999999"]),
    ("ES", &["X9999999X"]),
    ("FI", &["99999999"]),
    ("FR", &["XX999999999"]),
    ("HR", &["99999999999"]),
    ("HU", &["99999999"]),
    ("IE", &["9999999A", "9999999AA", "9A99999A"]),
    ("IT", &["99999999999"]),
    ("LT", &["999999999", "999999999999"]),
    ("LU", &["99999999"]),
    ("LV", &["99999999999"]),
    ("MT", &["99999999"]),
    ("NL", &["999999999B99"]),
    ("PL", &["9999999999"]),
    ("PT", &["999999999"]),
    (
        "RO",
        &[
            "99",
            "999",
            "9999",
            "99999",
            "999999",
            "9999999",
            "99999999",
            "999999999",
            "9999999999",
        ],
    ),
    ("SE", &["999999999901"]),
    ("SI", &["99999999"]),
    ("SK", &["9999999999"]),
];

fn fits(body: &str, shape: &str) -> bool {
    body.len() == shape.len()
        && body.bytes().zip(shape.bytes()).all(|(c, s)| match s {
            b'9' => c.is_ascii_digit(),
            b'A' => c.is_ascii_uppercase(),
            b'X' => c.is_ascii_alphanumeric(),
            lit => c == lit,
        })
}

/// The VAT prefix of a country (Greece uses EL).
fn vat_prefix(country: &str) -> &str {
    if country == "GR" {
        "EL"
    } else {
        country
    }
}

/// A VAT number for a party in `country`. EU numbers must carry that country's
/// prefix and shape (and, for France, the key computed from the SIREN); elsewhere
/// (Switzerland, the UK, Canada …) a plausible identifier is accepted as written.
pub fn vat_number(text: &str, country: &str) -> Result<String, Refusal> {
    let s = compact(text);
    let bad = || {
        (
            "invalid_vat_number",
            format!("{text:?} is not a valid VAT number"),
        )
    };
    if !is_eu(country) {
        return if (4..=20).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            Ok(s)
        } else {
            Err(bad())
        };
    }
    let prefix = vat_prefix(country);
    let Some(body) = s.strip_prefix(prefix) else {
        let other_eu = s.len() > 2 && VAT_SHAPES.iter().any(|(p, _)| s.starts_with(p));
        return Err(if other_eu {
            (
                "vat_country_mismatch",
                format!("{text:?} is not a VAT number of {country} (expected prefix {prefix})"),
            )
        } else {
            bad()
        });
    };
    let shapes = VAT_SHAPES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map_or(&[][..], |(_, s)| *s);
    if !shapes.iter().any(|shape| fits(body, shape)) {
        return Err(bad());
    }
    if prefix == "FR" && body[..2].bytes().all(|b| b.is_ascii_digit()) {
        // Numeric key: (12 + 3 × (SIREN mod 97)) mod 97. The SIREN itself is Luhn-valid.
        let key: u64 = body[..2].parse().map_err(|_| bad())?;
        let siren_part = &body[2..];
        let siren_num: u64 = siren_part.parse().map_err(|_| bad())?;
        if key != (12 + 3 * (siren_num % 97)) % 97 || !luhn_ok(siren_part) {
            return Err(bad());
        }
    }
    Ok(s)
}

/// A pragmatic e-mail check: one `@`, a sensible local part, a dotted domain whose
/// last label is alphabetic. Internationalized domains are accepted.
pub fn email(text: &str) -> Result<String, Refusal> {
    let bad = || {
        (
            "invalid_email",
            format!("{text:?} is not an e-mail address"),
        )
    };
    let s = text.trim();
    let (local, domain) = s.split_once('@').ok_or_else(bad)?;
    let local_ok = (1..=64).contains(&local.len())
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = s.len() <= 254
        && labels.len() >= 2
        && labels.iter().all(|l| {
            (1..=63).contains(&l.chars().count())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels
            .last()
            .is_some_and(|tld| tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic));
    if local_ok && domain_ok {
        // Domains are case-insensitive; the local part is kept as written.
        Ok(format!("{local}@{}", domain.to_lowercase()))
    } else {
        Err(bad())
    }
}

/// A phone number: digits with the usual separators, optionally international.
pub fn phone(text: &str) -> Result<String, Refusal> {
    let s = text.trim();
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let ok = s
        .chars()
        .all(|c| c.is_ascii_digit() || " .-()/+\u{a0}".contains(c))
        && !s.chars().skip(1).any(|c| c == '+')
        && (6..=20).contains(&digits);
    if ok {
        Ok(s.to_owned())
    } else {
        Err(("invalid_phone", format!("{text:?} is not a phone number")))
    }
}

/// A country we support, as its ISO 3166-1 alpha-2 code.
pub fn country(text: &str) -> Result<String, Refusal> {
    let code = text.trim().to_uppercase();
    if COUNTRIES.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err((
            "invalid_choice",
            format!("{text:?} is not a supported country"),
        ))
    }
}

/// A postal code: five digits in France (and Monaco), free but short elsewhere.
pub fn postal_code(text: &str, country: &str) -> Result<String, Refusal> {
    let s = text.trim().to_uppercase();
    let ok = if matches!(country, "FR" | "MC") {
        all_digits(&s, 5)
    } else {
        s.len() <= 12
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-')
    };
    if ok {
        Ok(s)
    } else {
        Err((
            "invalid_postal_code",
            format!("{text:?} is not a postal code of {country}"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn siren_and_siret() {
        assert_eq!(siren("732 829 320"), Ok("732829320".into()));
        assert!(siren("732829321").is_err());
        assert!(siren("73282932").is_err());
        assert_eq!(siret("732 829 320 00074"), Ok("73282932000074".into()));
        assert!(siret("73282932000075").is_err());
        assert!(siret("7328293200007A").is_err());
        // La Poste: sum of digits multiple of 5 (not Luhn).
        assert!(siret("35600000000001").is_ok());
        assert!(siret("35600000000002").is_err());
    }

    #[test]
    fn ibans() {
        assert_eq!(
            iban("FR76 3000 6000 0112 3456 7890 189"),
            Ok("FR7630006000011234567890189".into())
        );
        assert!(iban("FR76 3000 6000 0112 3456 7890 188").is_err());
        assert!(iban("DE89 3704 0044 0532 0130 00").is_ok());
        assert!(iban("GB29 NWBK 6016 1331 9268 19").is_ok());
        assert!(
            iban("FR7630006000011234567890").is_err(),
            "wrong length for FR"
        );
        assert!(iban("not an iban").is_err());
        assert!(iban("é").is_err());
    }

    #[test]
    fn bics() {
        assert_eq!(bic("bnpafrpp"), Ok("BNPAFRPP".into()));
        assert!(bic("BNPAFRPPXXX").is_ok());
        assert!(bic("BNPA FR").is_err());
        assert!(bic("12PAFRPP").is_err());
    }

    #[test]
    fn vat_numbers() {
        // FR key for SIREN 732829320: (12 + 3 × (732829320 mod 97)) mod 97 = 44.
        assert_eq!(
            vat_number("FR 44 732829320", "FR"),
            Ok("FR44732829320".into())
        );
        assert!(vat_number("FR45732829320", "FR").is_err());
        assert!(
            vat_number("FRAB732829320", "FR").is_ok(),
            "new-style alphanumeric keys"
        );
        assert!(vat_number("DE123456789", "DE").is_ok());
        assert!(vat_number("DE12345678", "DE").is_err());
        assert_eq!(
            vat_number("DE123456789", "FR").unwrap_err().0,
            "vat_country_mismatch"
        );
        assert!(vat_number("EL123456789", "GR").is_ok());
        assert!(vat_number("BE0123456789", "BE").is_ok());
        assert!(vat_number("ESX1234567Z", "ES").is_ok());
        assert!(
            vat_number("CHE-123.456.789", "CH").is_ok(),
            "non-EU: as written"
        );
        assert!(vat_number("<script>", "CH").is_err());
        assert!(vat_number("", "FR").is_err());
    }

    #[test]
    fn emails() {
        assert_eq!(
            email("Lea.Martin@Exemple.FR"),
            Ok("Lea.Martin@exemple.fr".into())
        );
        assert!(email("camille+factures@agence-lumiere.co.uk").is_ok());
        assert!(email("élodie@café.fr").is_ok());
        for bad in [
            "lea",
            "lea@",
            "@exemple.fr",
            "lea@exemple",
            "lea@@exemple.fr",
            "lea @exemple.fr",
            "lea@exemple.f",
            "lea@-x.fr",
            "a..b@x.fr",
            "lea@exemple.123",
            "<img src=x>@x.fr",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn phones_and_postal_codes() {
        assert!(phone("+33 6 12 34 56 78").is_ok());
        assert!(phone("06.12.34.56.78").is_ok());
        assert!(phone("12").is_err());
        assert!(phone("06 12 34 56 7a").is_err());
        assert!(phone("+33 +6 12 34 56").is_err());
        assert!(postal_code("75011", "FR").is_ok());
        assert!(postal_code("7501", "FR").is_err());
        assert!(postal_code("SW1A 1AA", "GB").is_ok());
        assert!(postal_code("H2X 1Y4", "CA").is_ok());
    }

    /// Generates a valid SIREN by completing 8 digits with their Luhn key.
    fn with_luhn_key(body: &str) -> String {
        (0..10)
            .map(|k| format!("{body}{k}"))
            .find(|s| luhn_ok(s))
            .unwrap()
    }

    proptest! {
        #[test]
        fn any_luhn_siren_is_accepted_and_one_changed_digit_is_refused(body in "[0-9]{8}", pos in 0usize..9, delta in 1u8..10) {
            let s = with_luhn_key(&body);
            prop_assert!(siren(&s).is_ok());
            let mut bytes = s.clone().into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            prop_assert!(siren(std::str::from_utf8(&bytes).unwrap()).is_err());
        }

        #[test]
        fn identifier_checks_never_panic(text in "\\PC{0,40}") {
            let _ = (siren(&text), siret(&text), iban(&text), bic(&text), email(&text), phone(&text));
            let _ = (vat_number(&text, "FR"), vat_number(&text, "CH"), postal_code(&text, "FR"));
        }
    }
}
