//! The business profile: who the user is on every quote and invoice.

use crate::catalog::{LegalStatus, VatRegime};
use crate::db::NOW;
use crate::error::{Error, FieldError, Result};
use crate::legal_rates;
use crate::validate::{self, Checker, Form, Need, Quantity, Scaled};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// The profile form as typed (every field a string; empty means not given).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProfileInput {
    pub legal_name: String,
    pub trade_name: String,
    pub legal_status: String,
    pub siret: String,
    pub registry: String,
    pub share_capital: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub email: String,
    pub phone: String,
    pub vat_regime: String,
    pub vat_number: String,
    pub iban: String,
    pub bic: String,
    pub payment_terms_days: String,
    pub late_penalty_rate: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Profile {
    pub legal_name: String,
    pub trade_name: Option<String>,
    pub legal_status: LegalStatus,
    pub siret: String,
    /// The first nine digits of the SIRET.
    pub siren: String,
    /// "RCS Lyon" / "RM 69": required for companies.
    pub registry: Option<String>,
    pub share_capital_cents: Option<i64>,
    pub address_line1: String,
    pub address_line2: Option<String>,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub email: String,
    pub phone: Option<String>,
    pub vat_regime: VatRegime,
    pub vat_number: Option<String>,
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub payment_terms_days: i64,
    pub late_penalty_bps: i64,
    pub updated_at: String,
    /// The logo printed on documents, as a `data:` URL for the settings preview.
    pub logo: Option<String>,
}

/// French law caps payment terms at 60 days from the invoice date.
const MAX_PAYMENT_TERMS_DAYS: i64 = 60;

/// The profile form as typed, on the day she types it: the late-penalty floor is
/// the one in force that day.
pub struct ProfileForm<'a> {
    pub input: &'a ProfileInput,
    pub today: NaiveDate,
}

/// Checks a profile form; the normalized profile (without `updated_at`) or every error.
impl Form for ProfileForm<'_> {
    type Parsed = Profile;
    fn check(&self, conn: &Connection, _: Option<i64>, c: &mut Checker) -> Result<Profile> {
        let profile = check(self.input, c);
        // L441-10 II: an agreed rate below three times the legal interest rate is
        // void, so it is refused here rather than printed on every invoice.
        if !c.has_error("late_penalty_rate") {
            if let Some(r) = legal_rates::in_force(conn, self.today)? {
                if profile.late_penalty_bps < r.floor_bps {
                    c.push(
                        "late_penalty_rate",
                        "below_legal_floor",
                        format!(
                            "the late-penalty rate is at least {} (3 × the legal interest rate); usually {}",
                            Scaled(r.floor_bps, 2),
                            Scaled(r.suggested_bps, 2)
                        ),
                    );
                }
            }
        }
        Ok(profile)
    }
}

fn check(input: &ProfileInput, c: &mut Checker) -> Profile {
    let legal_status = c.choice::<LegalStatus>("legal_status", &input.legal_status, Need::Required);
    let company = legal_status.is_some_and(LegalStatus::is_company);
    let country = c
        .with("country", &input.country, Need::Required, validate::country)
        .unwrap_or_default();
    let vat_regime = c.choice::<VatRegime>("vat_regime", &input.vat_regime, Need::Required);
    let siret = c
        .with("siret", &input.siret, Need::Required, validate::siret)
        .unwrap_or_default();
    let company_need = if company {
        Need::Required
    } else {
        Need::Optional
    };
    let vat_need = if vat_regime == Some(VatRegime::Registered) {
        Need::Required
    } else {
        Need::Optional
    };
    let profile = Profile {
        legal_name: c
            .line("legal_name", &input.legal_name, Need::Required)
            .unwrap_or_default(),
        trade_name: c.line("trade_name", &input.trade_name, Need::Optional),
        legal_status: legal_status.unwrap_or(LegalStatus::Other),
        siren: siret.get(..9).unwrap_or_default().to_owned(),
        siret,
        // « RCS Lyon 123 456 789 » or « RM 69 … »: required for a company, and
        // printed by a registered sole trader too (R123-237 2°).
        registry: c.line("registry", &input.registry, company_need),
        share_capital_cents: c.number(
            "share_capital",
            &input.share_capital,
            company_need,
            Quantity::Amount,
            0..=100_000_000_000,
        ),
        address_line1: c
            .line("address_line1", &input.address_line1, Need::Required)
            .unwrap_or_default(),
        address_line2: c.line("address_line2", &input.address_line2, Need::Optional),
        postal_code: c
            .with("postal_code", &input.postal_code, Need::Required, |v| {
                validate::postal_code(v, &country)
            })
            .unwrap_or_default(),
        city: c
            .line("city", &input.city, Need::Required)
            .unwrap_or_default(),
        email: c
            .with("email", &input.email, Need::Required, validate::email)
            .unwrap_or_default(),
        phone: c.with("phone", &input.phone, Need::Optional, validate::phone),
        vat_regime: vat_regime.unwrap_or(VatRegime::Franchise),
        // Required when she charges VAT; under the franchise she may still have
        // one, which she needs to bill an EU business (CGI art. 286 ter).
        vat_number: c.with("vat_number", &input.vat_number, vat_need, |v| {
            validate::vat_number(v, &country)
        }),
        iban: c.with("iban", &input.iban, Need::Optional, validate::iban),
        bic: c.with("bic", &input.bic, Need::Optional, validate::bic),
        payment_terms_days: c
            .number(
                "payment_terms_days",
                &input.payment_terms_days,
                Need::Required,
                Quantity::Days,
                0..=MAX_PAYMENT_TERMS_DAYS,
            )
            .unwrap_or_default(),
        late_penalty_bps: c
            .number(
                "late_penalty_rate",
                &input.late_penalty_rate,
                Need::Required,
                Quantity::Percent,
                0..=10_000,
            )
            .unwrap_or_default(),
        country,
        updated_at: String::new(),
        logo: None,
    };
    // The share capital only means something for a company.
    if company {
        profile
    } else {
        Profile {
            share_capital_cents: None,
            ..profile
        }
    }
}

/// Field errors of a profile form, for validation as the user types. Writes nothing.
pub fn validate(
    conn: &Connection,
    input: &ProfileInput,
    today: NaiveDate,
) -> Result<Vec<FieldError>> {
    validate::errors(conn, &ProfileForm { input, today }, None)
}

pub fn get(conn: &Connection) -> Result<Option<Profile>> {
    Ok(conn
        .query_row(
            "SELECT legal_name, trade_name, legal_status, siret, registry, share_capital_cents,
                    address_line1, address_line2, postal_code, city, country, email, phone,
                    vat_regime, vat_number, iban, bic, payment_terms_days, late_penalty_bps, updated_at,
                    (SELECT mime FROM logos WHERE id = logo_id), (SELECT bytes FROM logos WHERE id = logo_id)
             FROM business_profile WHERE id = 1",
            [],
            from_row,
        )
        .optional()?)
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Profile> {
    let siret: String = r.get(3)?;
    Ok(Profile {
        legal_name: r.get(0)?,
        trade_name: r.get(1)?,
        legal_status: r.get(2)?,
        siren: siret.get(..9).unwrap_or_default().to_owned(),
        siret,
        registry: r.get(4)?,
        share_capital_cents: r.get(5)?,
        address_line1: r.get(6)?,
        address_line2: r.get(7)?,
        postal_code: r.get(8)?,
        city: r.get(9)?,
        country: r.get(10)?,
        email: r.get(11)?,
        phone: r.get(12)?,
        vat_regime: r.get(13)?,
        vat_number: r.get(14)?,
        iban: r.get(15)?,
        bic: r.get(16)?,
        payment_terms_days: r.get(17)?,
        late_penalty_bps: r.get(18)?,
        updated_at: r.get(19)?,
        logo: match (
            r.get::<_, Option<String>>(20)?,
            r.get::<_, Option<Vec<u8>>>(21)?,
        ) {
            (Some(mime), Some(bytes)) => {
                Some(format!("data:{mime};base64,{}", BASE64.encode(bytes)))
            }
            _ => None,
        },
    })
}

pub const LOGO_MAX_BYTES: usize = 1024 * 1024;

/// Sets the logo printed on documents from now on. Issued documents keep the one
/// they were issued with (logos are never modified, only added).
pub fn set_logo(conn: &Connection, bytes: &[u8]) -> Result<Profile> {
    if get(conn)?.is_none() {
        return Err(Error::field(
            "logo",
            "profile_missing",
            "fill in the profile first",
        ));
    }
    let mime = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "image/png"
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "image/jpeg"
    } else {
        return Err(Error::field(
            "logo",
            "invalid_logo",
            "the logo must be a PNG or JPEG image",
        ));
    };
    if bytes.len() > LOGO_MAX_BYTES {
        return Err(Error::field(
            "logo",
            "logo_too_large",
            "the logo must weigh at most 1 MB",
        ));
    }
    // Refuse what the PDF engine could not draw, now rather than when issuing.
    crate::pdf::check_image(bytes)?;
    conn.execute(
        &format!("INSERT INTO logos (mime, bytes, created_at) VALUES (?1, ?2, {NOW})"),
        rusqlite::params![mime, bytes],
    )?;
    let id = conn.last_insert_rowid();
    conn.execute(
        "UPDATE business_profile SET logo_id = ?1 WHERE id = 1",
        [id],
    )?;
    get(conn)?.ok_or_else(|| Error::Unavailable("the profile vanished".into()))
}

pub fn remove_logo(conn: &Connection) -> Result<Option<Profile>> {
    conn.execute(
        "UPDATE business_profile SET logo_id = NULL WHERE id = 1",
        [],
    )?;
    get(conn)
}

/// Creates or replaces the profile. Refused as a whole if any field is bad.
pub fn save(conn: &Connection, input: &ProfileInput, today: NaiveDate) -> Result<Profile> {
    let p = validate::parse(conn, &ProfileForm { input, today }, None)?;
    conn.execute(
        &format!(
            "INSERT INTO business_profile (id, legal_name, trade_name, legal_status, siret, registry,
                share_capital_cents, address_line1, address_line2, postal_code, city, country, email,
                phone, vat_regime, vat_number, iban, bic, payment_terms_days, late_penalty_bps, updated_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, {NOW})
             ON CONFLICT(id) DO UPDATE SET
                legal_name = excluded.legal_name, trade_name = excluded.trade_name,
                legal_status = excluded.legal_status, siret = excluded.siret,
                registry = excluded.registry, share_capital_cents = excluded.share_capital_cents,
                address_line1 = excluded.address_line1, address_line2 = excluded.address_line2,
                postal_code = excluded.postal_code, city = excluded.city, country = excluded.country,
                email = excluded.email, phone = excluded.phone, vat_regime = excluded.vat_regime,
                vat_number = excluded.vat_number, iban = excluded.iban, bic = excluded.bic,
                payment_terms_days = excluded.payment_terms_days,
                late_penalty_bps = excluded.late_penalty_bps, updated_at = excluded.updated_at"
        ),
        rusqlite::params![
            p.legal_name, p.trade_name, p.legal_status, p.siret, p.registry, p.share_capital_cents,
            p.address_line1, p.address_line2, p.postal_code, p.city, p.country, p.email, p.phone,
            p.vat_regime, p.vat_number, p.iban, p.bic, p.payment_terms_days, p.late_penalty_bps,
        ],
    )?;
    get(conn)?.ok_or_else(|| Error::Unavailable("the profile vanished after saving".into()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::testing::{micro, temp_db};

    fn codes(e: &Error) -> Vec<(String, &'static str)> {
        e.field_errors()
            .iter()
            .map(|f| (f.field.clone(), f.code))
            .collect()
    }

    #[test]
    fn saves_normalizes_and_reads_back() {
        let t = temp_db();
        assert_eq!(t.db.read(get).unwrap(), None);
        let p = t.db.write(|tx| save(tx, &micro(), today())).unwrap();
        assert_eq!(p.siret, "73282932000074");
        assert_eq!(p.siren, "732829320");
        assert_eq!(p.iban.as_deref(), Some("FR7630006000011234567890189"));
        assert_eq!(p.late_penalty_bps, 1000);
        assert_eq!(p.vat_number, None);
        assert_eq!(t.db.read(get).unwrap(), Some(p));
    }

    #[test]
    fn refuses_bad_identifiers_and_writes_nothing() {
        let t = temp_db();
        let input = ProfileInput {
            legal_name: " ".into(),
            siret: "73282932000075".into(),
            email: "lea@".into(),
            iban: "FR76 3000 6000 0112 3456 7890 188".into(),
            payment_terms_days: "90".into(),
            late_penalty_rate: "150".into(),
            ..micro()
        };
        let err = t.db.write(|tx| save(tx, &input, today())).unwrap_err();
        assert_eq!(
            codes(&err),
            [
                ("siret".into(), "invalid_siret"),
                ("legal_name".into(), "required"),
                ("email".into(), "invalid_email"),
                ("iban".into(), "invalid_iban"),
                ("payment_terms_days".into(), "out_of_range"),
                ("late_penalty_rate".into(), "out_of_range"),
            ]
        );
        assert_eq!(t.db.read(get).unwrap(), None);
        assert_eq!(
            t.db.read(|c| validate(c, &input, today())).unwrap().len(),
            6
        );
        assert!(t
            .db
            .read(|c| validate(c, &micro(), today()))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn a_company_needs_its_registry_and_capital_and_vat_registration_its_number() {
        let company = ProfileInput {
            legal_status: "sasu".into(),
            vat_regime: "registered".into(),
            ..micro()
        };
        let t = temp_db();
        let fields: Vec<_> =
            t.db.read(|c| validate(c, &company, today()))
                .unwrap()
                .into_iter()
                .map(|e| (e.field, e.code))
                .collect();
        assert_eq!(
            fields,
            [
                ("registry".to_owned(), "required"),
                ("share_capital".to_owned(), "required"),
                ("vat_number".to_owned(), "required"),
            ]
        );
        let fixed = ProfileInput {
            registry: "RCS Lyon".into(),
            share_capital: "1 000".into(),
            vat_number: "FR44732829320".into(),
            ..company
        };
        let t = temp_db();
        let p = t.db.write(|tx| save(tx, &fixed, today())).unwrap();
        assert_eq!(p.share_capital_cents, Some(100_000));
        assert_eq!(p.vat_number.as_deref(), Some("FR44732829320"));
        // Back to a sole trader under the franchise: company-only fields are dropped.
        let p = t.db.write(|tx| save(tx, &micro(), today())).unwrap();
        assert_eq!(
            (p.registry, p.share_capital_cents, p.vat_number),
            (None, None, None)
        );
    }

    fn today() -> NaiveDate {
        crate::testing::day("2026-12-02")
    }

    #[test]
    fn a_late_penalty_rate_below_the_legal_floor_is_refused() {
        let t = temp_db();
        for rate in ["0", "7,85"] {
            let input = ProfileInput {
                late_penalty_rate: rate.into(),
                ..micro()
            };
            let err = t.db.write(|tx| save(tx, &input, today())).unwrap_err();
            assert_eq!(
                codes(&err),
                [("late_penalty_rate".into(), "below_legal_floor")],
                "{rate}"
            );
            assert!(err.to_string().contains("7.86"), "{err}");
        }
        assert_eq!(t.db.read(get).unwrap(), None, "nothing written");
        // The floor is 3 × 2,62 % = 7,86 % since 1 January 2026; it was 8,28 % before.
        let at_floor = ProfileInput {
            late_penalty_rate: "7,86".into(),
            ..micro()
        };
        t.db.write(|tx| save(tx, &at_floor, today())).unwrap();
        let errs =
            t.db.read(|c| validate(c, &at_floor, crate::testing::day("2025-12-31")))
                .unwrap();
        assert_eq!(errs[0].code, "below_legal_floor");
    }

    #[test]
    fn a_sole_trader_keeps_her_registry_and_a_franchise_her_vat_number() {
        let t = temp_db();
        let input = ProfileInput {
            registry: "RCS Lyon 732 829 320".into(),
            vat_number: "FR44732829320".into(),
            share_capital: "1 000".into(),
            ..micro()
        };
        let p = t.db.write(|tx| save(tx, &input, today())).unwrap();
        assert_eq!(p.registry.as_deref(), Some("RCS Lyon 732 829 320"));
        assert_eq!(p.vat_number.as_deref(), Some("FR44732829320"));
        assert_eq!(p.share_capital_cents, None, "a sole trader has no capital");
    }

    #[test]
    fn the_database_refuses_an_impossible_profile_even_without_the_core() {
        let t = temp_db();
        let r = t.db.write(|tx| {
            Ok(tx.execute(
                "INSERT INTO business_profile (id, legal_name, legal_status, siret, address_line1,
                   postal_code, city, country, email, vat_regime, payment_terms_days, late_penalty_bps, updated_at)
                 VALUES (1, 'X', 'sasu', '73282932000074', 'a', '69003', 'Lyon', 'FR', 'x@y.fr',
                   'registered', 30, 1000, 'now')",
                [],
            )?)
        });
        assert_eq!(r.unwrap_err().code(), "database");
    }
}
