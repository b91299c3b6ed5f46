//! What tests share: a real database in a temporary folder, the people and
//! clients every scenario starts from.
//!
//! Compiled for the core's own tests and, behind the `testing` feature, for the
//! workspace's integration tests and the benches
//! (`tandem-core = { path = …, features = ["testing"] }` as a dev-dependency).
//! Never part of the app: nothing here is called outside a test or a bench.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::clients::{self, ClientInput};
use crate::db::Database;
use crate::profile::{self, ProfileInput};
use chrono::NaiveDate;

/// A database in a fresh temporary folder: a real file, never an in-memory mock.
/// The folder goes when this is dropped.
pub struct TempDb {
    pub db: Database,
    pub dir: tempfile::TempDir,
}

pub fn temp_db() -> TempDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Database::open_in(dir.path()).expect("open database");
    TempDb { db, dir }
}

/// A calendar date written `YYYY-MM-DD`.
pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a YYYY-MM-DD date")
}

/// A valid micro-entrepreneur profile (VAT franchise, with an IBAN and a BIC),
/// as the welcome form sends it: Léa Martin, virtual assistant in Lyon.
pub fn micro() -> ProfileInput {
    ProfileInput {
        legal_name: "Léa Martin".into(),
        trade_name: "Léa Assiste".into(),
        legal_status: "micro_entrepreneur".into(),
        siret: "732 829 320 00074".into(),
        address_line1: "12 rue des Lilas".into(),
        postal_code: "69003".into(),
        city: "Lyon".into(),
        country: "FR".into(),
        email: "lea@exemple.fr".into(),
        vat_regime: "franchise".into(),
        iban: "FR76 3000 6000 0112 3456 7890 189".into(),
        bic: "BNPAFRPP".into(),
        payment_terms_days: "30".into(),
        late_penalty_rate: "10".into(),
        ..Default::default()
    }
}

/// A VAT-registered company (SASU) with its registry and share capital; the rest
/// as [`micro`].
pub fn sasu() -> ProfileInput {
    ProfileInput {
        legal_name: "Bras Droit Conseil".into(),
        trade_name: String::new(),
        legal_status: "sasu".into(),
        registry: "RCS Lyon 732 829 320".into(),
        share_capital: "1 000".into(),
        vat_regime: "registered".into(),
        vat_number: "FR44732829320".into(),
        ..micro()
    }
}

/// A French business client with a contact, an address, a SIREN and a VAT number.
pub fn acme() -> ClientInput {
    ClientInput {
        name: "Atelier Lumière".into(),
        contact_name: "Camille Durand".into(),
        email: "camille@atelier-lumiere.fr".into(),
        address_line1: "3 place Bellecour".into(),
        postal_code: "69002".into(),
        city: "Lyon".into(),
        country: "FR".into(),
        siren: "732 829 320".into(),
        vat_number: "FR44732829320".into(),
        doc_language: "fr".into(),
        currency: "EUR".into(),
        ..Default::default()
    }
}

/// A fresh database holding `profile` and one `client`; the client's id.
pub fn seeded(profile: ProfileInput, client: ClientInput) -> (TempDb, i64) {
    let t = temp_db();
    let id =
        t.db.write(|tx| {
            profile::save(tx, &profile)?;
            Ok(clients::create(tx, &client)?.id)
        })
        .expect("seed the profile and the client");
    (t, id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixtures_are_valid() {
        assert!(profile::validate(&micro()).is_empty());
        assert!(profile::validate(&sasu()).is_empty());
        assert!(clients::validate(&acme()).is_empty());
        let (t, id) = seeded(sasu(), acme());
        assert_eq!(t.db.read(|c| clients::get(c, id)).unwrap().name, "Atelier Lumière");
    }
}
