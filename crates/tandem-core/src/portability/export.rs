//! « Tout exporter » and a client's own data: every record of the file in one
//! JSON document (format `tandem-export`, version 1, described by
//! `schema/tandem-export-v1.schema.json`) plus one CSV per list, written to a
//! folder of its own; and, per client, the JSON of everything about them and
//! their erasure ([`erase`]).
//!
//! The JSON says what the database says, column by column, so nothing is lost
//! in a translation: money is integer cents of the record's currency (an
//! invoice's `total_incl`, a payment's `amount`, a line's `unit_price`, every
//! `*_cents`), durations are minutes (`*_minutes`, `minutes`), rates basis
//! points (`*_bps`, a line's `vat_rate`: 2000 is 20 %), quantities thousandths
//! (1500 is 1.5), dates `YYYY-MM-DD` and instants RFC 3339 in UTC, closed
//! vocabularies their stored codes (`catalog`). An issued document carries its
//! frozen `snapshot` (what its PDF prints) as an object; a payment's reversal is
//! a negative amount naming the payment it cancels (`reverses_id`) and why
//! (`reason`); `seals` is the tamper-evidence chain as stored (`integrity`).
//! The CSVs are for a spreadsheet, written by [`crate::spreadsheet`] in the UI's
//! language (French: `;`, a byte-order mark, decimal commas).

pub mod erase;
#[cfg(test)]
mod tests;

pub use erase::{erase_client, erase_plan, ErasePlan, Kept, Removed};

use crate::catalog::Language;
use crate::error::{Error, Result};
use crate::locale;
use crate::spreadsheet::Sheet;
use base64::Engine;
use chrono::NaiveDate;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The `format` and `version` of the JSON document.
pub const FORMAT: &str = "tandem-export";
pub const VERSION: i64 = 1;
/// The JSON document's file name in an export folder.
pub const JSON_FILE: &str = "tandem-export.json";

/// A whole export, ready to be written: the JSON document and the CSVs.
#[derive(Debug, Clone)]
pub struct Export {
    pub json: Value,
    /// `(file name, CSV text)`, in the order they are written.
    pub sheets: Vec<(&'static str, String)>,
    pub lang: Language,
}

impl Export {
    /// Every file of the export folder, `(name, bytes)`.
    pub fn files(&self) -> Result<Vec<(String, Vec<u8>)>> {
        let mut out = Vec::with_capacity(self.sheets.len() + 2);
        let json = serde_json::to_vec_pretty(&self.json)
            .map_err(|e| Error::Unavailable(format!("json: {e}")))?;
        out.push((JSON_FILE.to_owned(), json));
        for (name, text) in &self.sheets {
            out.push(((*name).to_owned(), text.as_bytes().to_vec()));
        }
        out.push((
            readme_name(self.lang).to_owned(),
            readme(self.lang).into_bytes(),
        ));
        Ok(out)
    }
}

/// Which records a section reads: all of them, or one client's.
#[derive(Debug, Clone, Copy)]
enum Scope {
    All,
    Client(i64),
}

type Row = Map<String, Value>;

/// Columns stored as 0 / 1 that the JSON says as `false` / `true`.
const BOOLEANS: &[&str] = &["archived", "private", "billable"];

/// A collaboration's pricing columns, gathered in its `pricing` object.
const PRICING: &[&str] = &[
    "hourly_rate_cents",
    "monthly_hours_minutes",
    "overage_rate_cents",
    "unused_hours",
    "monthly_amount_cents",
    "indicative_hours_minutes",
    "project_amount_cents",
    "deposit_cents",
    "fixed_amount_cents",
    "commission_bps",
    "commission_cap_cents",
];

fn value(v: ValueRef<'_>, column: &str) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) if BOOLEANS.contains(&column) => Value::Bool(i != 0),
        ValueRef::Integer(i) => i.into(),
        ValueRef::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned().into(),
        ValueRef::Blob(b) => base64::engine::general_purpose::STANDARD.encode(b).into(),
    }
}

/// Every row of `sql` as a JSON object of its columns.
fn rows(conn: &Connection, sql: &str, params: &[i64]) -> Result<Vec<Row>> {
    let mut st = conn.prepare(sql)?;
    let names: Vec<String> = st.column_names().map(str::to_owned).collect();
    let mut q = st.query(rusqlite::params_from_iter(params))?;
    let mut out = Vec::new();
    while let Some(r) = q.next()? {
        let mut m = Map::with_capacity(names.len());
        for (i, n) in names.iter().enumerate() {
            m.insert(n.clone(), value(r.get_ref(i)?, n));
        }
        out.push(m);
    }
    Ok(out)
}

/// The rows of `table` in `scope` (`client` is the condition naming one
/// client's rows, with `?1` for its id), ordered.
fn table(
    conn: &Connection,
    scope: Scope,
    table: &str,
    client: &str,
    order: &str,
) -> Result<Vec<Row>> {
    match scope {
        Scope::All => rows(
            conn,
            &format!("SELECT * FROM {table} ORDER BY {order}"),
            &[],
        ),
        Scope::Client(id) => rows(
            conn,
            &format!("SELECT * FROM {table} WHERE {client} ORDER BY {order}"),
            &[id],
        ),
    }
}

/// Moves `rows` (children) under their parent's `key`, grouped by `by`.
fn group(children: Vec<Row>, by: &str) -> HashMap<i64, Vec<Value>> {
    let mut out: HashMap<i64, Vec<Value>> = HashMap::new();
    for mut c in children {
        let parent = c.remove(by).and_then(|v| v.as_i64()).unwrap_or_default();
        out.entry(parent).or_default().push(Value::Object(c));
    }
    out
}

fn id_of(r: &Row) -> i64 {
    r.get("id").and_then(Value::as_i64).unwrap_or_default()
}

const OF_CLIENT_COLLABS: &str =
    "collaboration_id IN (SELECT id FROM collaborations WHERE client_id = ?1)";
const OF_CLIENT_DOCS: &str = "document_id IN (SELECT id FROM documents WHERE client_id = ?1)";

fn collaborations(conn: &Connection, scope: Scope) -> Result<Vec<Value>> {
    let mut tasks: HashMap<i64, Vec<Value>> = HashMap::new();
    for t in table(
        conn,
        scope,
        "collaboration_tasks",
        OF_CLIENT_COLLABS,
        "collaboration_id, task",
    )? {
        let id = t
            .get("collaboration_id")
            .and_then(Value::as_i64)
            .unwrap_or_default();
        tasks
            .entry(id)
            .or_default()
            .push(t.get("task").cloned().unwrap_or(Value::Null));
    }
    let list = table(conn, scope, "collaborations", "client_id = ?1", "id")?;
    Ok(list
        .into_iter()
        .map(|mut c| {
            let mut pricing = Map::new();
            pricing.insert(
                "model".into(),
                c.remove("pricing_model").unwrap_or(Value::Null),
            );
            for k in PRICING {
                pricing.insert((*k).into(), c.remove(*k).unwrap_or(Value::Null));
            }
            c.insert("pricing".into(), Value::Object(pricing));
            c.insert(
                "tasks".into(),
                Value::Array(tasks.remove(&id_of(&c)).unwrap_or_default()),
            );
            Value::Object(c)
        })
        .collect())
}

/// What has been paid on a document, and what its issued credit notes take off.
const PAID: &str = "(SELECT COALESCE(SUM(amount), 0) FROM payments p WHERE p.document_id = d.id)";
const CREDITED: &str = "(SELECT COALESCE(SUM(n.total_incl), 0) FROM documents n
                          WHERE n.corrects_id = d.id AND n.kind = 'credit_note' AND n.status = 'issued')";

fn documents(conn: &Connection, scope: Scope, today: NaiveDate) -> Result<Vec<Value>> {
    let mut lines = group(
        table(
            conn,
            scope,
            "document_lines",
            OF_CLIENT_DOCS,
            "document_id, position",
        )?,
        "document_id",
    );
    // `today` is a formatted date, never user text.
    let today = today.format("%Y-%m-%d");
    let select = format!(
        "SELECT d.*, {PAID} AS paid,
                shown_status(d.kind, d.status, '{today}', d.valid_until, d.due_date,
                             d.total_incl, {PAID}, {CREDITED}) AS shown_status
           FROM documents d"
    );
    let list = match scope {
        Scope::All => rows(conn, &format!("{select} ORDER BY d.id"), &[])?,
        Scope::Client(id) => rows(
            conn,
            &format!("{select} WHERE d.client_id = ?1 ORDER BY d.id"),
            &[id],
        )?,
    };
    Ok(list
        .into_iter()
        .map(|mut d| {
            // The frozen snapshot is JSON text: carried as the object it is.
            if let Some(Value::String(s)) = d.get("snapshot") {
                if let Ok(v) = serde_json::from_str::<Value>(s) {
                    d.insert("snapshot".into(), v);
                }
            }
            d.insert(
                "lines".into(),
                Value::Array(lines.remove(&id_of(&d)).unwrap_or_default()),
            );
            Value::Object(d)
        })
        .collect())
}

fn objects(rows: Vec<Row>) -> Value {
    Value::Array(rows.into_iter().map(Value::Object).collect())
}

fn team(conn: &Connection, scope: Scope) -> Result<Value> {
    let mut t = Map::new();
    t.insert(
        "job_descriptions".into(),
        objects(table(
            conn,
            scope,
            "job_descriptions",
            "client_id = ?1",
            "id",
        )?),
    );
    t.insert(
        "members".into(),
        objects(table(conn, scope, "team_members", "client_id = ?1", "id")?),
    );
    let mut items = group(
        table(
            conn,
            scope,
            "onboarding_items",
            "checklist_id IN (SELECT id FROM onboarding_checklists WHERE client_id = ?1)",
            "checklist_id, position",
        )?,
        "checklist_id",
    );
    let checklists = table(conn, scope, "onboarding_checklists", "client_id = ?1", "id")?
        .into_iter()
        .map(|mut c| {
            let id = id_of(&c);
            c.insert(
                "items".into(),
                Value::Array(items.remove(&id).unwrap_or_default()),
            );
            Value::Object(c)
        })
        .collect();
    t.insert("onboarding_checklists".into(), Value::Array(checklists));
    if let Scope::All = scope {
        let mut template_items = group(
            rows(
                conn,
                "SELECT * FROM onboarding_template_items ORDER BY section_id, position",
                &[],
            )?,
            "section_id",
        );
        let mut sections = group(
            rows(
                conn,
                "SELECT * FROM onboarding_template_sections ORDER BY template_id, position",
                &[],
            )?
            .into_iter()
            .map(|mut s| {
                let id = id_of(&s);
                s.insert(
                    "items".into(),
                    Value::Array(template_items.remove(&id).unwrap_or_default()),
                );
                s
            })
            .collect(),
            "template_id",
        );
        let templates = rows(conn, "SELECT * FROM onboarding_templates ORDER BY id", &[])?
            .into_iter()
            .map(|mut t| {
                let id = id_of(&t);
                t.insert(
                    "sections".into(),
                    Value::Array(sections.remove(&id).unwrap_or_default()),
                );
                Value::Object(t)
            })
            .collect();
        t.insert("onboarding_templates".into(), Value::Array(templates));
    }
    Ok(Value::Object(t))
}

fn head(conn: &Connection, today: NaiveDate, scope: Scope) -> Result<Row> {
    let schema: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let mut m = Map::new();
    m.insert("format".into(), FORMAT.into());
    m.insert("version".into(), VERSION.into());
    m.insert(
        "exported_at".into(),
        today.format("%Y-%m-%d").to_string().into(),
    );
    m.insert("schema".into(), schema.into());
    // « all » is the whole file; « client » one client's data (GDPR).
    let (name, client) = match scope {
        Scope::All => ("all", Value::Null),
        Scope::Client(id) => ("client", id.into()),
    };
    m.insert("scope".into(), name.into());
    m.insert("client_id".into(), client);
    Ok(m)
}

/// Settings keys never exported (none is secret today; a future token would be).
fn secret(key: &str) -> bool {
    ["secret", "token", "password"]
        .iter()
        .any(|w| key.contains(w))
}

/// The JSON document of every record of the file.
pub fn document(conn: &Connection, today: NaiveDate) -> Result<Value> {
    let all = Scope::All;
    let mut m = head(conn, today, all)?;
    let profile = rows(conn, "SELECT * FROM business_profile", &[])?
        .into_iter()
        .next();
    m.insert("profile".into(), profile.map_or(Value::Null, Value::Object));
    let mut settings = Map::new();
    for r in rows(conn, "SELECT key, value FROM settings ORDER BY key", &[])? {
        if let (Some(Value::String(k)), Some(v)) = (r.get("key"), r.get("value")) {
            if !secret(k) {
                settings.insert(k.clone(), v.clone());
            }
        }
    }
    m.insert("settings".into(), Value::Object(settings));
    m.insert(
        "logos".into(),
        objects(rows(conn, "SELECT * FROM logos ORDER BY id", &[])?),
    );
    m.insert(
        "legal_rates".into(),
        objects(rows(
            conn,
            "SELECT * FROM legal_rates ORDER BY from_date",
            &[],
        )?),
    );
    m.insert(
        "clients".into(),
        objects(table(conn, all, "clients", "", "id")?),
    );
    m.insert(
        "collaborations".into(),
        Value::Array(collaborations(conn, all)?),
    );
    m.insert(
        "milestones".into(),
        objects(table(
            conn,
            all,
            "milestones",
            "",
            "collaboration_id, position",
        )?),
    );
    m.insert(
        "billings".into(),
        objects(table(conn, all, "billings", "", "collaboration_id, month")?),
    );
    m.insert(
        "documents".into(),
        Value::Array(documents(conn, all, today)?),
    );
    m.insert(
        "payments".into(),
        objects(table(conn, all, "payments", "", "id")?),
    );
    m.insert(
        "reminders".into(),
        objects(table(conn, all, "reminders", "", "id")?),
    );
    m.insert(
        "seals".into(),
        objects(rows(conn, "SELECT * FROM seals ORDER BY position", &[])?),
    );
    m.insert(
        "time_entries".into(),
        objects(table(conn, all, "time_entries", "", "day, id")?),
    );
    let timer = rows(conn, "SELECT * FROM timer", &[])?.into_iter().next();
    m.insert("timer".into(), timer.map_or(Value::Null, Value::Object));
    m.insert(
        "urssaf_declarations".into(),
        objects(rows(
            conn,
            "SELECT * FROM urssaf_declarations ORDER BY period",
            &[],
        )?),
    );
    m.insert("team".into(), team(conn, all)?);
    Ok(Value::Object(m))
}

/// « Tout exporter »: the JSON document and the CSVs, in the UI's language.
pub fn export_all(conn: &Connection, today: NaiveDate) -> Result<Export> {
    let lang = crate::settings::language(conn)?;
    let json = document(conn, today)?;
    let mut sheets = Vec::with_capacity(SHEETS.len());
    for s in SHEETS {
        sheets.push((s.file, sheet(conn, s, lang)?));
    }
    Ok(Export { json, sheets, lang })
}

/// Everything about one client (GDPR arts. 15 and 20), in the same format: the
/// client, their collaborations, documents (with lines and snapshots),
/// payments, reminders, time entries, milestones and the team linked to them.
pub fn export_client(conn: &Connection, client_id: i64, today: NaiveDate) -> Result<Value> {
    crate::clients::get(conn, client_id)?;
    let one = Scope::Client(client_id);
    let mut m = head(conn, today, one)?;
    m.insert(
        "clients".into(),
        objects(table(conn, one, "clients", "id = ?1", "id")?),
    );
    m.insert(
        "collaborations".into(),
        Value::Array(collaborations(conn, one)?),
    );
    m.insert(
        "milestones".into(),
        objects(table(
            conn,
            one,
            "milestones",
            OF_CLIENT_COLLABS,
            "collaboration_id, position",
        )?),
    );
    m.insert(
        "documents".into(),
        Value::Array(documents(conn, one, today)?),
    );
    m.insert(
        "payments".into(),
        objects(table(conn, one, "payments", OF_CLIENT_DOCS, "id")?),
    );
    m.insert(
        "reminders".into(),
        objects(table(conn, one, "reminders", OF_CLIENT_DOCS, "id")?),
    );
    m.insert(
        "time_entries".into(),
        objects(table(
            conn,
            one,
            "time_entries",
            OF_CLIENT_COLLABS,
            "day, id",
        )?),
    );
    m.insert("team".into(), team(conn, one)?);
    Ok(Value::Object(m))
}

/// The file name proposed for a client's data: `Tandem – <name> – YYYY-MM-DD.json`
/// without the characters file systems refuse.
pub fn client_file_name(name: &str, today: NaiveDate) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '-'
            } else {
                c
            }
        })
        .collect();
    format!(
        "Tandem - {} - {}.json",
        clean.trim(),
        today.format("%Y-%m-%d")
    )
}

// ---- CSV ------------------------------------------------------------------

#[derive(Clone, Copy)]
enum Cell {
    Text,
    /// Integer cents, written with both decimals (`locale::cents`).
    Money,
    /// Thousandths (`locale::quantity`).
    Quantity,
    /// Basis points as a percentage figure without the sign: 20 or 5,5.
    Percent,
    Integer,
    YesNo,
}

struct Col {
    fr: &'static str,
    en: &'static str,
    sql: &'static str,
    cell: Cell,
}

const fn col(fr: &'static str, en: &'static str, sql: &'static str, cell: Cell) -> Col {
    Col { fr, en, sql, cell }
}

struct SheetDef {
    file: &'static str,
    from: &'static str,
    order: &'static str,
    cols: &'static [Col],
}

use Cell::{Integer, Money, Percent, Quantity, Text, YesNo};

const SHEETS: &[SheetDef] = &[
    SheetDef {
        file: "clients.csv",
        from: "clients c",
        order: "c.id",
        cols: &[
            col("N°", "ID", "c.id", Integer),
            col("Nom", "Name", "c.name", Text),
            col("Contact", "Contact", "c.contact_name", Text),
            col("E-mail", "Email", "c.email", Text),
            col("Téléphone", "Phone", "c.phone", Text),
            col("Adresse", "Address", "c.address_line1", Text),
            col(
                "Complément d'adresse",
                "Address line 2",
                "c.address_line2",
                Text,
            ),
            col("Code postal", "Postal code", "c.postal_code", Text),
            col("Ville", "City", "c.city", Text),
            col("Pays", "Country", "c.country", Text),
            col("SIREN", "SIREN", "c.siren", Text),
            col("N° de TVA", "VAT number", "c.vat_number", Text),
            col("Particulier", "Private person", "c.private", YesNo),
            col(
                "Langue des documents",
                "Document language",
                "c.doc_language",
                Text,
            ),
            col("Devise", "Currency", "c.currency", Text),
            col("Archivé", "Archived", "c.archived", YesNo),
            col("Notes", "Notes", "c.notes", Text),
            col("Créé le", "Created", "c.created_at", Text),
        ],
    },
    SheetDef {
        file: "collaborations.csv",
        from: "collaborations k JOIN clients c ON c.id = k.client_id",
        order: "k.id",
        cols: &[
            col("N°", "ID", "k.id", Integer),
            col("N° client", "Client ID", "k.client_id", Integer),
            col("Client", "Client", "c.name", Text),
            col("Intitulé", "Title", "k.title", Text),
            col("Rôle", "Role", "k.role", Text),
            col("Statut", "Status", "k.status", Text),
            col("Début", "Start", "k.start_date", Text),
            col("Fin", "End", "k.end_date", Text),
            col("Tarification", "Pricing", "k.pricing_model", Text),
            col("Taux horaire", "Hourly rate", "k.hourly_rate_cents", Money),
            col(
                "Heures par mois (min)",
                "Hours a month (min)",
                "k.monthly_hours_minutes",
                Integer,
            ),
            col(
                "Taux au-delà",
                "Overage rate",
                "k.overage_rate_cents",
                Money,
            ),
            col(
                "Heures non utilisées",
                "Unused hours",
                "k.unused_hours",
                Text,
            ),
            col(
                "Forfait mensuel",
                "Monthly fee",
                "k.monthly_amount_cents",
                Money,
            ),
            col(
                "Heures indicatives (min)",
                "Indicative hours (min)",
                "k.indicative_hours_minutes",
                Integer,
            ),
            col(
                "Prix du projet",
                "Project price",
                "k.project_amount_cents",
                Money,
            ),
            col("Acompte", "Deposit", "k.deposit_cents", Money),
            col("Part fixe", "Fixed part", "k.fixed_amount_cents", Money),
            col(
                "Commission (%)",
                "Commission (%)",
                "k.commission_bps",
                Percent,
            ),
            col(
                "Plafond de commission",
                "Commission cap",
                "k.commission_cap_cents",
                Money,
            ),
            col("Devise", "Currency", "c.currency", Text),
            col("Notes", "Notes", "k.notes", Text),
        ],
    },
    SheetDef {
        file: "documents.csv",
        from: "documents d JOIN clients c ON c.id = d.client_id",
        order: "d.id",
        cols: &[
            col("N°", "ID", "d.id", Integer),
            col("Type", "Kind", "d.kind", Text),
            col("Numéro", "Number", "d.number", Text),
            col("Statut", "Status", "d.status", Text),
            col("N° client", "Client ID", "d.client_id", Integer),
            col("Client", "Client", "c.name", Text),
            col("Objet", "Title", "d.title", Text),
            col("Date d'émission", "Issue date", "d.issue_date", Text),
            col("Échéance", "Due date", "d.due_date", Text),
            col("Valable jusqu'au", "Valid until", "d.valid_until", Text),
            col("Prestation du", "Service from", "d.service_from", Text),
            col("Prestation au", "Service to", "d.service_to", Text),
            col("Régime de TVA", "VAT case", "d.vat_case", Text),
            col("Total HT", "Total excl. VAT", "d.total_excl", Money),
            col("TVA", "VAT", "d.total_vat", Money),
            col("Total TTC", "Total incl. VAT", "d.total_incl", Money),
            col("Encaissé", "Paid", PAID, Money),
            col(
                "Devise",
                "Currency",
                "COALESCE(d.currency, json_extract(d.snapshot, '$.currency'), c.currency)",
                Text,
            ),
            col("Corrige", "Corrects", "d.corrects_id", Integer),
            col("Devis", "Quote", "d.quote_id", Integer),
        ],
    },
    SheetDef {
        file: "document_lines.csv",
        from: "document_lines l JOIN documents d ON d.id = l.document_id",
        order: "l.document_id, l.position",
        cols: &[
            col("N° document", "Document ID", "l.document_id", Integer),
            col("Numéro", "Number", "d.number", Text),
            col("Position", "Position", "l.position", Integer),
            col("Désignation", "Description", "l.description", Text),
            col("Quantité", "Quantity", "l.quantity", Quantity),
            col("Unité", "Unit", "l.unit", Text),
            col(
                "Prix unitaire HT",
                "Unit price excl. VAT",
                "l.unit_price",
                Money,
            ),
            col("TVA (%)", "VAT (%)", "l.vat_rate", Percent),
            col("Total HT", "Total excl. VAT", "l.total_excl", Money),
        ],
    },
    SheetDef {
        file: "payments.csv",
        from: "payments p JOIN documents d ON d.id = p.document_id",
        order: "p.id",
        cols: &[
            col("N°", "ID", "p.id", Integer),
            col("N° document", "Document ID", "p.document_id", Integer),
            col("Facture", "Invoice", "d.number", Text),
            col("Date", "Date", "p.date", Text),
            col("Montant", "Amount", "p.amount", Money),
            col("Mode", "Method", "p.method", Text),
            col("Note", "Note", "p.note", Text),
            col(
                "Annule le paiement",
                "Reverses payment",
                "p.reverses_id",
                Integer,
            ),
            col("Motif", "Reason", "p.reason", Text),
            col("Enregistré le", "Recorded", "p.created_at", Text),
        ],
    },
    SheetDef {
        file: "time_entries.csv",
        from: "time_entries t JOIN collaborations k ON k.id = t.collaboration_id
               JOIN clients c ON c.id = k.client_id LEFT JOIN documents d ON d.id = t.document_id",
        order: "t.day, t.id",
        cols: &[
            col("N°", "ID", "t.id", Integer),
            col("Jour", "Day", "t.day", Text),
            col("Minutes", "Minutes", "t.minutes", Integer),
            col(
                "N° collaboration",
                "Collaboration ID",
                "t.collaboration_id",
                Integer,
            ),
            col("Collaboration", "Collaboration", "k.title", Text),
            col("Client", "Client", "c.name", Text),
            col("Tâche", "Task", "t.task", Text),
            col("Note", "Note", "t.note", Text),
            col("Facturable", "Billable", "t.billable", YesNo),
            col("N° document", "Document ID", "t.document_id", Integer),
            col("Facture", "Invoice", "d.number", Text),
        ],
    },
    SheetDef {
        file: "team_members.csv",
        from: "team_members m LEFT JOIN clients c ON c.id = m.client_id",
        order: "m.id",
        cols: &[
            col("N°", "ID", "m.id", Integer),
            col("Nom", "Name", "m.name", Text),
            col("E-mail", "Email", "m.email", Text),
            col("Téléphone", "Phone", "m.phone", Text),
            col("Rôle", "Role", "m.role", Text),
            col("Étape", "Stage", "m.stage", Text),
            col("N° client", "Client ID", "m.client_id", Integer),
            col("Client", "Client", "c.name", Text),
            col(
                "N° fiche de poste",
                "Job description ID",
                "m.job_description_id",
                Integer,
            ),
            col("Unité de rémunération", "Pay unit", "m.pay_unit", Text),
            col("Rémunération", "Pay", "m.pay_cents", Money),
            col("Notes", "Notes", "m.notes", Text),
            col("Créé le", "Created", "m.created_at", Text),
        ],
    },
];

fn sheet(conn: &Connection, s: &SheetDef, lang: Language) -> Result<String> {
    let mut w = Sheet::new(lang);
    w.row(s.cols.iter().map(|c| locale::pick(lang, c.fr, c.en)))?;
    let select: Vec<&str> = s.cols.iter().map(|c| c.sql).collect();
    let sql = format!(
        "SELECT {} FROM {} ORDER BY {}",
        select.join(", "),
        s.from,
        s.order
    );
    let mut st = conn.prepare(&sql)?;
    let mut q = st.query([])?;
    while let Some(r) = q.next()? {
        let mut cells = Vec::with_capacity(s.cols.len());
        for (i, c) in s.cols.iter().enumerate() {
            cells.push(cell(r.get_ref(i)?, c.cell, lang));
        }
        w.row(cells)?;
    }
    w.finish()
}

fn cell(v: ValueRef<'_>, kind: Cell, lang: Language) -> String {
    match (v, kind) {
        (ValueRef::Null, _) => String::new(),
        (ValueRef::Integer(i), Money) => locale::cents(i, lang),
        (ValueRef::Integer(i), Quantity) => locale::quantity(i, lang),
        (ValueRef::Integer(i), Percent) => locale::decimal(i, 2, lang),
        (ValueRef::Integer(i), YesNo) => locale::pick(
            lang,
            if i != 0 { "oui" } else { "non" },
            if i != 0 { "yes" } else { "no" },
        )
        .to_owned(),
        (ValueRef::Integer(i), Integer | Text) => i.to_string(),
        (ValueRef::Real(f), _) => f.to_string(),
        (ValueRef::Text(t), _) => String::from_utf8_lossy(t).into_owned(),
        (ValueRef::Blob(_), _) => String::new(),
    }
}

// ---- The folder -----------------------------------------------------------

fn readme_name(lang: Language) -> &'static str {
    locale::pick(lang, "LISEZMOI.txt", "README.txt")
}

fn readme(lang: Language) -> String {
    let text = match lang {
        Language::Fr => {
            "Export Tandem — toutes vos données.\n\n\
             tandem-export.json : chaque enregistrement (format « tandem-export », version 1 ;\n\
             montants en centimes entiers, durées en minutes, taux en points de base,\n\
             dates AAAA-MM-JJ). Son schéma JSON : tandem-export-v1.schema.json dans le\n\
             code source de Tandem.\n\
             Les fichiers .csv : une liste chacun, pour un tableur (séparateur « ; »,\n\
             virgule décimale, UTF-8).\n\n\
             Les factures émises gardent leur contenu figé (« snapshot ») et leur sceau\n\
             (« seals ») : ces fichiers sont une copie, pas une sauvegarde restaurable.\n"
        }
        Language::En => {
            "Tandem export — all your data.\n\n\
             tandem-export.json: every record (format \"tandem-export\", version 1;\n\
             money in integer cents, durations in minutes, rates in basis points,\n\
             dates YYYY-MM-DD). Its JSON Schema: tandem-export-v1.schema.json in\n\
             Tandem's source code.\n\
             The .csv files: one list each, for a spreadsheet (comma-separated,\n\
             decimal point, UTF-8).\n\n\
             Issued invoices keep their frozen content (\"snapshot\") and their seal\n\
             (\"seals\"): these files are a copy, not a backup that can be restored.\n"
        }
    };
    text.to_owned()
}

/// `Tandem export YYYY-MM-DD` in `parent`, or ` (2)`, ` (3)`… when taken.
pub fn folder_for(parent: &Path, today: NaiveDate) -> PathBuf {
    let base = format!("Tandem export {}", today.format("%Y-%m-%d"));
    let mut n = 1;
    loop {
        let name = if n == 1 {
            base.clone()
        } else {
            format!("{base} ({n})")
        };
        let p = parent.join(&name);
        if !p.exists() {
            return p;
        }
        n += 1;
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Writes `export` in a new folder of `parent` ([`folder_for`]): first as
/// `<name>.part`, renamed once every file is written, so a half-written export
/// never looks whole. On failure the `.part` folder goes and the error is
/// coded (`disk_full`, `read_only`, `io`). `progress(done, total)` is called
/// after each file.
pub fn write_export(
    export: &Export,
    parent: &Path,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<PathBuf> {
    write_export_with(export, parent, today, progress, &write_file)
}

fn write_export_with(
    export: &Export,
    parent: &Path,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
    write: &dyn Fn(&Path, &[u8]) -> std::io::Result<()>,
) -> Result<PathBuf> {
    let files = export.files()?;
    let target = folder_for(parent, today);
    let mut part = target.clone().into_os_string();
    part.push(".part");
    let part = PathBuf::from(part);
    let written = (|| -> std::io::Result<()> {
        if part.exists() {
            // Left by an export that was cut short: ours, never her files.
            std::fs::remove_dir_all(&part)?;
        }
        std::fs::create_dir(&part)?;
        let total = files.len();
        progress(0, total);
        for (i, (name, bytes)) in files.iter().enumerate() {
            write(&part.join(name), bytes)?;
            progress(i + 1, total);
        }
        std::fs::rename(&part, &target)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&part);
        return Err(e.into());
    }
    Ok(target)
}
