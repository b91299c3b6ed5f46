//! Flows through the core on real database files, and the JSON the UI relies on.
//!
//! These run without a window: they pin the contract between `tandem-core` and
//! `ui/js/api.js` (shapes, codes), so a change that would break the UI fails here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::json;
use tandem_core::clients::{ClientInput, ClientQuery};
use tandem_core::collaborations::{CollaborationInput, CollaborationQuery};
use tandem_core::db::Database;
use tandem_core::paging::Direction;
use tandem_core::profile::ProfileInput;
use tandem_core::testing::{self, TempDb};
use tandem_core::{catalog, clients, collaborations, profile, settings};

fn profile_input() -> ProfileInput {
    ProfileInput {
        legal_name: "Nadia Benali".into(),
        legal_status: "eurl".into(),
        siret: "732 829 320 00074".into(),
        registry: "RCS Nantes".into(),
        share_capital: "1 500,00".into(),
        address_line1: "8 quai de la Fosse".into(),
        postal_code: "44000".into(),
        city: "Nantes".into(),
        country: "FR".into(),
        email: "nadia@bras-droit.fr".into(),
        vat_regime: "registered".into(),
        vat_number: "FR 44 732 829 320".into(),
        payment_terms_days: "45".into(),
        late_penalty_rate: "12,5".into(),
        ..Default::default()
    }
}

#[test]
fn a_right_hand_sets_up_her_business_and_it_is_all_there_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    {
        let db = Database::open_in(dir.path()).unwrap();
        db.write(|tx| profile::save(tx, &profile_input(), tandem_core::today()))
            .unwrap();
        db.write(|tx| settings::set_language(tx, "en")).unwrap();
        let client = db
            .write(|tx| {
                clients::create(
                    tx,
                    &ClientInput {
                        name: "Berlin Coaching GmbH".into(),
                        country: "DE".into(),
                        vat_number: "DE123456789".into(),
                        doc_language: "en".into(),
                        currency: "EUR".into(),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        db.write(|tx| {
            collaborations::create(
                tx,
                &CollaborationInput {
                    client_id: Some(client.id),
                    title: "Launch of the new programme".into(),
                    role: "right_hand".into(),
                    status: "active".into(),
                    start_date: "2026-10-01".into(),
                    end_date: "2027-03-31".into(),
                    tasks: vec!["project_management".into(), "automation".into()],
                    pricing_model: "fixed_plus_commission".into(),
                    fixed_amount: "800".into(),
                    commission_rate: "7,5".into(),
                    commission_cap: "2 000".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    }
    let db = Database::open_in(dir.path()).unwrap();
    let p = db.read(profile::get).unwrap().unwrap();
    assert_eq!(
        (p.share_capital_cents, p.late_penalty_bps),
        (Some(150_000), 1250)
    );
    assert_eq!(db.read(settings::language).unwrap(), catalog::Language::En);
    let k = db
        .read(|c| collaborations::list(c, &CollaborationQuery::default()))
        .unwrap();
    let json = serde_json::to_value(&k.items[0]).unwrap();
    assert_eq!(
        json["pricing"],
        json!({ "model": "fixed_plus_commission", "fixed_amount_cents": 80_000, "commission_bps": 750, "commission_cap_cents": 200_000 })
    );
    assert_eq!(json["tasks"], json!(["project_management", "automation"]));
    assert_eq!(json["start_date"], "2026-10-01");
    assert_eq!(json["client_name"], "Berlin Coaching GmbH");
}

#[test]
fn errors_cross_to_the_ui_as_code_message_field_errors() {
    let TempDb { db, dir: _dir } = testing::temp_db();
    let err = db
        .write(|tx| {
            clients::create(
                tx,
                &ClientInput {
                    name: "".into(),
                    email: "x@".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap_err();
    let v = serde_json::to_value(&err).unwrap();
    assert_eq!(v["code"], "required");
    assert_eq!(v["field"], "name");
    assert!(v["message"].as_str().unwrap().contains("name"));
    let fields: Vec<&str> = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(
        fields,
        ["name", "country", "email", "doc_language", "currency"]
    );

    let err = db.read(|c| clients::get(c, 7)).unwrap_err();
    assert_eq!(
        serde_json::to_value(&err).unwrap(),
        json!({ "code": "not_found", "message": "client 7 not found", "field": null, "errors": [] })
    );
}

#[test]
fn the_ui_query_shapes_deserialize_with_defaults() {
    let q: ClientQuery = serde_json::from_value(
        json!({ "search": "lyon", "sort": "collaborations", "direction": "desc" }),
    )
    .unwrap();
    assert_eq!((q.paging.page, q.paging.page_size), (0, 50));
    let q: CollaborationQuery =
        serde_json::from_value(json!({ "client_id": null, "status": null })).unwrap();
    assert!(q.client_id.is_none());
    // Every list query flattens the same paging shape beside its own filters.
    let shared = json!({ "search": "x", "direction": "desc", "page": 2, "page_size": 20 });
    let with = |filters: serde_json::Value| {
        let mut v = shared.clone();
        v.as_object_mut()
            .unwrap()
            .extend(filters.as_object().unwrap().clone());
        v
    };
    let k: CollaborationQuery =
        serde_json::from_value(with(json!({ "status": "active" }))).unwrap();
    let d: tandem_core::documents::DocumentQuery =
        serde_json::from_value(with(json!({ "kinds": ["quote"], "sort": "total" }))).unwrap();
    let m: tandem_core::team::members::MemberQuery =
        serde_json::from_value(with(json!({ "include_archived": true }))).unwrap();
    let j: tandem_core::team::job_descriptions::JobQuery =
        serde_json::from_value(with(json!({ "own_business": true }))).unwrap();
    let t: tandem_core::team::onboarding_templates::TemplateQuery =
        serde_json::from_value(shared.clone()).unwrap();
    assert_eq!(k.status.as_deref(), Some("active"));
    assert_eq!(d.kinds, ["quote"]);
    assert!(m.include_archived && j.own_business);
    for (search, dir, page, size) in [
        (
            &k.paging.search,
            k.paging.direction,
            k.paging.page,
            k.paging.page_size,
        ),
        (
            &d.paging.search,
            d.paging.direction,
            d.paging.page,
            d.paging.page_size,
        ),
        (
            &m.paging.search,
            m.paging.direction,
            m.paging.page,
            m.paging.page_size,
        ),
        (
            &j.paging.search,
            j.paging.direction,
            j.paging.page,
            j.paging.page_size,
        ),
        (
            &t.paging.search,
            t.paging.direction,
            t.paging.page,
            t.paging.page_size,
        ),
    ] {
        assert_eq!(
            (search.as_str(), dir, page, size),
            ("x", Direction::Desc, 2, 20)
        );
    }
    let input: CollaborationInput = serde_json::from_value(
        json!({ "client_id": 3, "tasks": ["meetings"], "hourly_rate": "45" }),
    )
    .unwrap();
    assert_eq!(input.client_id, Some(3));
    // The catalogue the UI builds its selects from.
    let c = serde_json::to_value(catalog::catalog()).unwrap();
    assert_eq!(
        c["pricing_models"],
        json!([
            "hourly",
            "monthly_flat",
            "project_flat",
            "fixed_plus_commission"
        ])
    );
    assert_eq!(
        c["company_statuses"],
        json!(["eurl", "sasu", "sarl", "sas"])
    );
    assert_eq!(c["countries"][0], json!({ "code": "FR", "eu": true }));
}

/// The document contract the UI is written against (/ARCHITECTURE.md "Documents"):
/// the editor's input, the conversion modes, and the shape of a document.
#[test]
fn documents_cross_ipc_in_the_shapes_the_ui_uses() {
    use tandem_core::documents::{self, ConvertMode, DocumentInput, DocumentQuery};
    let TempDb { db, dir: _dir } = testing::temp_db();
    let today = testing::day("2026-11-27");
    let client = db
        .write(|tx| {
            profile::save(tx, &profile_input(), tandem_core::today())?;
            let c = clients::create(
                tx,
                &ClientInput {
                    name: "Élan".into(),
                    address_line1: "1 rue A".into(),
                    postal_code: "75001".into(),
                    city: "Paris".into(),
                    country: "FR".into(),
                    doc_language: "fr".into(),
                    currency: "EUR".into(),
                    ..Default::default()
                },
            )?;
            Ok(c.id)
        })
        .unwrap();
    let input: DocumentInput = serde_json::from_value(json!({
        "kind": "quote", "client_id": client, "start_date": "2026-12-01", "duration": "2 mois",
        "lines": [{ "description": "Tri des e-mails", "quantity": "1,5", "unit": "h", "unit_price": "45", "vat_rate": "2000" }]
    }))
    .unwrap();
    let doc = db.write(|tx| documents::create(tx, &input, today)).unwrap();
    let v = serde_json::to_value(&doc).unwrap();
    assert_eq!(v["kind"], "quote");
    assert_eq!(v["status"], "draft");
    assert_eq!(v["lines"][0]["quantity"], "1,5");
    assert_eq!(v["lines"][0]["total_excl"], 6750);
    assert_eq!(v["totals"]["incl"], 8100); // VAT-registered, French client: 20 %
    assert_eq!(v["totals"]["vat"][0]["rate"], 2000);
    assert_eq!(v["vat_case"], "domestic");
    assert_eq!(v["actions"]["final"], false);
    assert_eq!(v["input"]["lines"][0]["unit_price"], "45,00");
    assert!(v["mentions"][0]
        .as_str()
        .unwrap()
        .starts_with("Devis valable jusqu'au"));
    for (mode, expect) in [
        (json!({"type": "full"}), ConvertMode::Full),
        (json!({"type": "final"}), ConvertMode::Final),
        (
            json!({"type": "deposit", "percent": "30"}),
            ConvertMode::Deposit {
                percent: "30".into(),
                amount: String::new(),
            },
        ),
    ] {
        assert_eq!(serde_json::from_value::<ConvertMode>(mode).unwrap(), expect);
    }
    let q: DocumentQuery = serde_json::from_value(json!({ "kinds": ["quote"] })).unwrap();
    let page = db.read(|c| documents::list(c, &q, today)).unwrap();
    let row = serde_json::to_value(&page.items[0]).unwrap();
    assert_eq!(
        (row["status"].as_str(), row["total_incl"].as_i64()),
        (Some("draft"), Some(8100))
    );
}
