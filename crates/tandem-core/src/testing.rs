//! What tests share: a real database in a temporary folder, the people and
//! clients every scenario starts from, and the scan that keeps
//! [`crate::error::CODES`] in step with the sources.
//!
//! Compiled for the core's own tests and, behind the `testing` feature, for the
//! workspace's integration tests and the benches
//! (`tandem-core = { path = …, features = ["testing"] }` as a dev-dependency).
//! Never part of the app: nothing here is called outside a test or a bench.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use crate::clients::{self, ClientInput};
use crate::collaborations::CollaborationInput;
use crate::db::Database;
use crate::profile::{self, ProfileInput};
use chrono::NaiveDate;
use std::collections::BTreeSet;

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

/// A document line as typed: `quantity` and `price` as the user writes them
/// ("1,5", "45"), `rate` in basis points ("2000" for 20 %), unit "h".
pub fn line(
    description: &str,
    quantity: &str,
    price: &str,
    rate: &str,
) -> crate::documents::LineInput {
    crate::documents::LineInput {
        description: description.into(),
        quantity: quantity.into(),
        unit: "h".into(),
        unit_price: price.into(),
        vat_rate: rate.into(),
    }
}

/// An invoice of `client_id` for November 2026's services, with `lines`.
pub fn invoice(
    client_id: i64,
    lines: Vec<crate::documents::LineInput>,
) -> crate::documents::DocumentInput {
    crate::documents::DocumentInput {
        kind: "invoice".into(),
        client_id: Some(client_id),
        service_from: "2026-11-01".into(),
        service_to: "2026-11-30".into(),
        lines,
        ..Default::default()
    }
}

/// A fresh database holding `profile` and one `client`; the client's id.
pub fn seeded(profile: ProfileInput, client: ClientInput) -> (TempDb, i64) {
    let t = temp_db();
    let id =
        t.db.write(|tx| {
            profile::save(tx, &profile, day("2026-11-27"))?;
            Ok(clients::create(tx, &client)?.id)
        })
        .expect("seed the profile and the client");
    (t, id)
}

/// The clients of [`ten_years`].
pub const TEN_YEARS_CLIENTS: i64 = 5_000;
const CLIENTS: i64 = TEN_YEARS_CLIENTS;
const WORKED_FOR: i64 = 200;

/// A realistic ten-year business for the benches: [`TEN_YEARS_CLIENTS`]
/// clients, `invoices` invoices of 3 lines, each written as the app writes it
/// (a draft, its lines, then issued with a frozen snapshot, so every trigger
/// runs), paid 0 to 40 days later — but the last few weeks' and one in 33 —
/// and `entries` time entries. Written by SQL for speed, so nothing is sealed:
/// a bench that needs the seals runs [`crate::integrity::seal_existing`].
pub fn ten_years(db: &Database, invoices: i64, entries: i64) -> std::time::Duration {
    use chrono::{Datelike, Days};
    let t = std::time::Instant::now();
    let first = NaiveDate::from_ymd_opt(2016, 12, 1).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let days = (today - first).num_days();
    db.write(|tx| {
        let mut client = tx.prepare(
            "INSERT INTO clients (name, country, doc_language, currency, postal_code, city, archived, created_at, updated_at)
             VALUES (?1, 'FR', 'fr', 'EUR', '69002', 'Lyon', 0, 'x', 'x')",
        )?;
        for c in 1..=CLIENTS {
            client.execute([format!("Client {c:04} SARL")])?;
        }
        for k in 1..=WORKED_FOR {
            tx.execute(
                "INSERT INTO collaborations (client_id, title, role, status, start_date, pricing_model,
                    hourly_rate_cents, monthly_hours_minutes, overage_rate_cents, unused_hours, created_at, updated_at)
                 VALUES (?1, 'Assistanat', 'va', 'active', '2016-12-01', 'hourly', 4500, ?2, 5500, 'lost', 'x', 'x')",
                (k + 1, if k % 4 == 0 { Some(1200) } else { None }),
            )?;
        }
        let mut entry = tx.prepare(
            "INSERT INTO time_entries (collaboration_id, day, minutes, billable, created_at, updated_at)
             VALUES (?1, ?2, ?3, 1, 'x', 'x')",
        )?;
        for i in 0..entries {
            let day = first + Days::new((i * days / entries) as u64);
            entry.execute((1 + i % WORKED_FOR, day, 5 + (i * 7919) % 116))?;
        }
        let mut draft = tx.prepare(
            "INSERT INTO documents (kind, client_id, title, created_at, updated_at)
             VALUES ('invoice', ?1, ?2, ?3, ?3)",
        )?;
        let mut line = tx.prepare(
            "INSERT INTO document_lines (document_id, position, description, quantity, unit, unit_price, vat_rate, total_excl)
             VALUES (?1, ?2, ?3, ?4, 'h', 4500, 0, ?5)",
        )?;
        let mut issue = tx.prepare(
            "UPDATE documents SET status = 'issued', year = ?2, seq = ?3, number = ?4, issue_date = ?5,
                due_date = ?6, vat_case = 'franchise', total_excl = ?7, total_vat = 0, total_incl = ?7,
                snapshot = ?8, currency = 'EUR', payment_terms_days = 30
             WHERE id = ?1",
        )?;
        let mut pay = tx.prepare(
            "INSERT INTO payments (document_id, date, amount, method, created_at) VALUES (?1, ?2, ?3, 'transfer', ?2)",
        )?;
        let (mut year, mut seq) = (0, 0);
        for i in 0..invoices {
            let on = first + Days::new((i * days / invoices) as u64);
            if on.year() != year {
                (year, seq) = (on.year(), 0);
            }
            seq += 1;
            let client = 1 + (i * 7907) % CLIENTS;
            let created = format!("{on} 10:00:00");
            let title = format!("Assistance {}", on.format("%m/%Y"));
            draft.execute((client, &title, &created))?;
            let id = tx.last_insert_rowid();
            let mut total = 0;
            for (p, what) in ["Gestion de la boîte mail", "Community management", "Mise en page"].iter().enumerate() {
                let q = 1000 * (1 + (i + p as i64) % 6);
                line.execute((id, p as i64, what, q, q * 45 / 10))?;
                total += q * 45 / 10;
            }
            let number = format!("F-{year}-{seq:04}");
            let due = on + Days::new(30);
            let snapshot = format!(
                r#"{{"kind":"invoice","number":"{number}","issue_date":"{on}","due_date":"{due}","language":"fr","currency":"EUR","vat_case":"franchise","client":{{"name":"Client {client:04} SARL","address":["3 place Bellecour","69002 Lyon"],"country":"FR","private":false}},"lines":[{{"description":"Gestion de la boîte mail","quantity":1000,"unit_price":4500}},{{"description":"Community management","quantity":2000,"unit_price":4500}},{{"description":"Mise en page","quantity":3000,"unit_price":4500}}],"totals":{{"excl":{total},"vat_total":0,"incl":{total}}},"payment_terms_days":30}}"#
            );
            issue.execute(rusqlite::params![id, year, seq, number, on, due, total, snapshot])?;
            let paid_on = on + Days::new((i * 31 % 41) as u64);
            if i % 33 != 0 && paid_on <= today {
                pay.execute((id, paid_on, total))?;
            }
        }
        Ok(())
    })
    .unwrap();
    t.elapsed()
}

/// How many cases a property test runs: `default` (sized for CI's two cores), or
/// `PROPTEST_CASES` for a deeper run.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(default)
}

/// An active collaboration of `client_id` since 2026-01-01, for the VA's two
/// usual task areas, with no pricing yet: set `pricing_model` and its fields.
pub fn collaboration(client_id: i64) -> CollaborationInput {
    CollaborationInput {
        client_id: Some(client_id),
        title: "Assistanat".into(),
        role: "va".into(),
        status: "active".into(),
        start_date: "2026-01-01".into(),
        tasks: vec!["email_triage".into(), "meetings".into()],
        ..Default::default()
    }
}

/// [`collaboration`] billed by the hour at `rate` ("45"), with an optional
/// monthly bank ("10") and its rule for unused hours.
pub fn hourly(client_id: i64, rate: &str, bank: &str, unused: &str) -> CollaborationInput {
    CollaborationInput {
        pricing_model: "hourly".into(),
        hourly_rate: rate.into(),
        monthly_hours: bank.into(),
        unused_hours: unused.into(),
        ..collaboration(client_id)
    }
}

// ---------------------------------------------------------------------------
// The error codes written in Rust sources
// ---------------------------------------------------------------------------

/// The calls that take an error code, as (function name, number of arguments,
/// position of the code): `Checker::push(field, code, message)`,
/// `Error::field(field, code, message)`, `FieldError::new(field, code, message)`
/// and the number parser's `parse_scaled(text, scale, code, unit)`. A function
/// with a `code: &'static str` parameter that is not listed here makes
/// [`error_codes_in`] panic, so a new way of passing codes cannot go unseen.
const CODE_CALLS: &[(&str, usize, usize)] = &[
    ("push", 3, 1),
    ("field", 3, 1),
    ("new", 3, 1),
    ("parse_scaled", 4, 2),
    // ops::billing: `invalid(field, code, message)`, `nothing(plan, reason)`.
    ("invalid", 3, 1),
    ("nothing", 2, 1),
    // backup: `refuse(code, message)`, `refuse_folder(code, message)`.
    ("refuse", 2, 0),
    ("refuse_folder", 2, 0),
];

/// Every error code a Rust source file writes, outside its `#[cfg(test)]` items.
///
/// A code is a string literal in one of the places codes are written:
/// - the code argument of the calls in `CODE_CALLS` (`c.push("siret", "invalid_siret", …)`);
/// - the first element of a two-element tuple, the refusals of `validate`
///   (`Err(("invalid_iban", format!(…)))`);
/// - `FieldError { code: "…", .. }`;
/// - `let code = …;` (every literal of the expression);
/// - the body of a `fn code(…)` (the codes of the `Error` variants).
///
/// # Panics
/// When a function takes a `code: &'static str` parameter that `CODE_CALLS` does
/// not describe: teach this scan about it.
pub fn error_codes_in(source: &str) -> BTreeSet<String> {
    let tokens = strip_test_items(tokenize(source));
    check_code_parameters(&tokens);
    let mut codes = BTreeSet::new();
    for (i, tok) in tokens.iter().enumerate() {
        match tok {
            Tok::Punct('(') => {
                let Some(args) = group_args(&tokens, i) else {
                    continue;
                };
                let callee = match i.checked_sub(1).map(|p| &tokens[p]) {
                    Some(Tok::Ident(name)) if !is_keyword(name) => Some(name.as_str()),
                    _ => None,
                };
                match callee {
                    Some(name) => {
                        let known = CODE_CALLS
                            .iter()
                            .find(|(n, count, _)| *n == name && *count == args.len());
                        // `new` only as `FieldError::new`.
                        let is_new_of_field_error = name != "new"
                            || (i >= 4
                                && tokens[i - 2] == Tok::Punct(':')
                                && tokens[i - 3] == Tok::Punct(':')
                                && tokens[i - 4] == Tok::Ident("FieldError".into()));
                        if let Some((_, _, at)) = known {
                            if is_new_of_field_error {
                                if let [Tok::Str(s)] = args[*at] {
                                    codes.insert(s.clone());
                                }
                            }
                        }
                    }
                    None => {
                        // A tuple, not a call: `("code", message)`.
                        let after_macro_or_call = matches!(
                            i.checked_sub(1).map(|p| &tokens[p]),
                            Some(Tok::Punct('!' | '>' | ')' | ']'))
                        );
                        if !after_macro_or_call && args.len() == 2 && is_message(args[1]) {
                            if let [Tok::Str(s)] = args[0] {
                                // Codes are snake_case; a label is not a code.
                                if is_code_shaped(s) {
                                    codes.insert(s.clone());
                                }
                            }
                        }
                    }
                }
            }
            Tok::Ident(name)
                if name == "FieldError" && tokens.get(i + 1) == Some(&Tok::Punct('{')) =>
            {
                let end = matching(&tokens, i + 1).unwrap_or(tokens.len());
                for w in tokens[i + 1..end].windows(3) {
                    if let [Tok::Ident(f), Tok::Punct(':'), Tok::Str(s)] = w {
                        if f == "code" {
                            codes.insert(s.clone());
                        }
                    }
                }
            }
            Tok::Ident(kw)
                if kw == "let"
                    && tokens.get(i + 1) == Some(&Tok::Ident("code".into()))
                    && tokens.get(i + 2) == Some(&Tok::Punct('=')) =>
            {
                let end = statement_end(&tokens, i + 3);
                codes.extend(strings(&tokens[i + 3..end]));
            }
            Tok::Ident(kw)
                if kw == "fn" && tokens.get(i + 1) == Some(&Tok::Ident("code".into())) =>
            {
                if let Some(open) = (i..tokens.len()).find(|&k| tokens[k] == Tok::Punct('{')) {
                    let end = matching(&tokens, open).unwrap_or(tokens.len());
                    codes.extend(strings(&tokens[open..end]));
                }
            }
            _ => {}
        }
    }
    codes
}

/// Every `error_codes_in` of the `.rs` files under `dir`, except the files named
/// `tests.rs` (test modules of their own) and this one.
pub fn error_codes_under(dir: &std::path::Path) -> BTreeSet<String> {
    let mut codes = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read a source folder") {
            let path = entry.expect("a folder entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path
                    .file_name()
                    .is_some_and(|n| n != "tests.rs" && n != "testing.rs")
            {
                let source = std::fs::read_to_string(&path).expect("read a source file");
                codes.extend(error_codes_in(&source));
            }
        }
    }
    codes
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    Str(String),
    Lifetime,
    Punct(char),
    Other,
}

fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "return" | "if" | "else" | "match" | "in" | "let" | "move" | "break" | "while" | "for"
    )
}

/// `snake_case`, as every code is (`("Volume horaire", format!(…))` is a label).
fn is_code_shaped(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Whether an expression reads as a refusal's message: `format!(…)` or a
/// literal made a `String` (`"…".into()`, `.to_owned()`, `.to_string()`).
fn is_message(expr: &[Tok]) -> bool {
    match expr {
        [Tok::Ident(f), Tok::Punct('!'), ..] => f == "format",
        [Tok::Str(_), Tok::Punct('.'), Tok::Ident(m), Tok::Punct('('), Tok::Punct(')')] => {
            matches!(m.as_str(), "into" | "to_owned" | "to_string")
        }
        _ => false,
    }
}

fn strings(tokens: &[Tok]) -> impl Iterator<Item = String> + '_ {
    tokens.iter().filter_map(|t| match t {
        Tok::Str(s) => Some(s.clone()),
        _ => None,
    })
}

/// A crude Rust lexer: enough to tell identifiers, string literals (plain, raw,
/// byte) and punctuation apart, skipping comments, char literals and numbers.
fn tokenize(src: &str) -> Vec<Tok> {
    let c: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let ch = c[i];
        if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && c.get(i + 1) == Some(&'/') {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && c.get(i + 1) == Some(&'*') {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && c.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && c.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if ch == '"' {
            let (s, next) = plain_string(&c, i + 1);
            out.push(Tok::Str(s));
            i = next;
        } else if ch == '\'' {
            if c.get(i + 1) == Some(&'\\') {
                i += 3; // the quote, the backslash and the escaped character
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push(Tok::Other);
            } else if c.get(i + 2) == Some(&'\'') {
                i += 3;
                out.push(Tok::Other);
            } else {
                i += 1;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                    i += 1;
                }
                out.push(Tok::Lifetime);
            }
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            match (word.as_str(), c.get(i)) {
                ("r" | "br", Some('"' | '#')) => {
                    let mut hashes = 0;
                    while c.get(i) == Some(&'#') {
                        hashes += 1;
                        i += 1;
                    }
                    i += 1; // the opening quote
                    let start = i;
                    loop {
                        if i >= c.len() {
                            break;
                        }
                        if c[i] == '"' && (1..=hashes).all(|k| c.get(i + k) == Some(&'#')) {
                            break;
                        }
                        i += 1;
                    }
                    out.push(Tok::Str(c[start..i.min(c.len())].iter().collect()));
                    i += 1 + hashes;
                }
                ("b", Some('"')) => {
                    let (s, next) = plain_string(&c, i + 1);
                    out.push(Tok::Str(s));
                    i = next;
                }
                ("b", Some('\'')) => {
                    i += 1;
                    if c.get(i) == Some(&'\\') {
                        i += 1;
                    }
                    i += 2;
                    out.push(Tok::Other);
                }
                _ => out.push(Tok::Ident(word)),
            }
        } else if ch.is_ascii_digit() {
            while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_') {
                i += 1;
            }
            out.push(Tok::Other);
        } else {
            out.push(Tok::Punct(ch));
            i += 1;
        }
    }
    out
}

/// The text of a `"…"` literal whose content starts at `i`, and the index after it.
fn plain_string(c: &[char], mut i: usize) -> (String, usize) {
    let mut s = String::new();
    while i < c.len() && c[i] != '"' {
        if c[i] == '\\' {
            i += 1;
        }
        if let Some(&ch) = c.get(i) {
            s.push(ch);
        }
        i += 1;
    }
    (s, i + 1)
}

/// Drops every item marked `#[cfg(test)]` (a `mod tests { … }`, a `mod tests;`,
/// a helper function).
fn strip_test_items(tokens: Vec<Tok>) -> Vec<Tok> {
    let attr = [
        Tok::Punct('#'),
        Tok::Punct('['),
        Tok::Ident("cfg".into()),
        Tok::Punct('('),
        Tok::Ident("test".into()),
        Tok::Punct(')'),
        Tok::Punct(']'),
    ];
    let mut out = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        if tokens[i..].starts_with(&attr) {
            let mut k = i + attr.len();
            while k < tokens.len() && tokens[k] != Tok::Punct(';') && tokens[k] != Tok::Punct('{') {
                k += 1;
            }
            i = if tokens.get(k) == Some(&Tok::Punct('{')) {
                matching(&tokens, k).map_or(tokens.len(), |e| e + 1)
            } else {
                k + 1
            };
        } else {
            out.push(tokens[i].clone());
            i += 1;
        }
    }
    out
}

fn closer(open: char) -> Option<char> {
    match open {
        '(' => Some(')'),
        '[' => Some(']'),
        '{' => Some('}'),
        _ => None,
    }
}

/// The index of the bracket that closes the one at `open`.
fn matching(tokens: &[Tok], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (k, t) in tokens.iter().enumerate().skip(open) {
        match t {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// The comma-separated elements inside the bracket at `open` (a trailing comma
/// adds no element).
fn group_args(tokens: &[Tok], open: usize) -> Option<Vec<&[Tok]>> {
    let Tok::Punct(o) = tokens[open] else {
        return None;
    };
    closer(o)?;
    let end = matching(tokens, open)?;
    let inner = &tokens[open + 1..end];
    let mut args = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (k, t) in inner.iter().enumerate() {
        match t {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            Tok::Punct(',') if depth == 0 => {
                args.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    if start < inner.len() {
        args.push(&inner[start..]);
    }
    Some(args)
}

/// The index of the `;` that ends the statement starting at `from`.
fn statement_end(tokens: &[Tok], from: usize) -> usize {
    let mut depth = 0usize;
    for (k, t) in tokens.iter().enumerate().skip(from) {
        match t {
            Tok::Punct('(' | '[' | '{') => depth += 1,
            Tok::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            Tok::Punct(';') if depth == 0 => return k,
            _ => {}
        }
    }
    tokens.len()
}

/// Panics when a `fn name(…)` takes a `code: &'static str` that `CODE_CALLS`
/// does not describe (its name, its number of arguments without `self`, the
/// code's position).
fn check_code_parameters(tokens: &[Tok]) {
    for (i, t) in tokens.iter().enumerate() {
        if *t != Tok::Ident("fn".into()) {
            continue;
        }
        let Some(Tok::Ident(name)) = tokens.get(i + 1) else {
            continue;
        };
        let Some(open) = (i + 2..tokens.len()).find(|&k| tokens[k] == Tok::Punct('(')) else {
            continue;
        };
        let Some(params) = group_args(tokens, open) else {
            continue;
        };
        let params: Vec<_> = params
            .into_iter()
            .filter(|p| !p.contains(&Tok::Ident("self".into())))
            .collect();
        for (at, p) in params.iter().enumerate() {
            let is_code = matches!(
                p,
                [Tok::Ident(n), Tok::Punct(':'), Tok::Punct('&'), Tok::Lifetime, Tok::Ident(ty)]
                    if n == "code" && ty == "str"
            );
            if is_code && !CODE_CALLS.contains(&(name.as_str(), params.len(), at)) {
                panic!(
                    "fn {name} takes an error code (argument {at} of {}): add it to \
                     CODE_CALLS in tandem-core's testing.rs so the codes it is given are found",
                    params.len()
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(codes: &[&str]) -> BTreeSet<String> {
        codes.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn the_scan_finds_codes_in_every_place_they_are_written() {
        let src = r#"
            // c.push("x", "in_a_comment", "…")
            fn check(c: &mut Checker) {
                c.push("name", "required", "name is required");
                c.push(
                    &format!("lines.{i}.unit"),
                    "too_long",
                    format!("a unit of {} characters", 20),
                );
                let q = '"';
                let quote = '\'';
                return Err(Error::field("id", "document_frozen", "frozen"));
            }
            fn siren(s: &str) -> Result<String, Refusal> {
                let bad = || ("invalid_siren", format!("{s:?}"));
                Err(("invalid_siret", "not a SIRET".into()))
            }
            fn parse_amount(t: &str) -> R { parse_scaled(t, 2, "invalid_amount", &['€']) }
            fn issue() {
                let errs = vec![FieldError::new("kind", "invalid_choice", "unknown")];
                let e = FieldError { code: "missing_mentions", ..e };
                let code = if archived { "member_archived" } else { "invalid_transition" };
                let pair = ("fr", "Français");
                kv.push(("Client", name));
                kv.push(("Volume horaire", format!("{h} par semaine")));
                format!("{}", ("not_a_code", 1).0);
            }
            impl Error {
                pub fn code(&self) -> &'static str {
                    match self { Error::Io(_) => "io", Error::Invalid(e) => e.first().map_or("invalid", |e| e.code) }
                }
            }
            #[cfg(test)]
            mod tests {
                fn t() { c.push("a", "only_in_a_test", "…"); }
            }
        "#;
        assert_eq!(
            error_codes_in(src),
            set(&[
                "document_frozen",
                "invalid",
                "invalid_amount",
                "invalid_choice",
                "invalid_siren",
                "invalid_siret",
                "invalid_transition",
                "io",
                "member_archived",
                "missing_mentions",
                "required",
                "too_long",
            ])
        );
    }

    #[test]
    #[should_panic(expected = "fn refuse takes an error code")]
    fn a_new_way_of_passing_codes_is_not_missed() {
        error_codes_in("fn refuse(field: &str, code: &'static str) -> Error { todo() }");
    }

    #[test]
    fn the_fixtures_are_valid() {
        let (t, id) = seeded(sasu(), acme());
        let valid = |errors: crate::Result<Vec<crate::FieldError>>| errors.unwrap().is_empty();
        assert!(valid(t.db.read(|c| profile::validate(
            c,
            &micro(),
            day("2026-11-27")
        ))));
        assert!(valid(t.db.read(|c| profile::validate(
            c,
            &sasu(),
            day("2026-11-27")
        ))));
        assert!(valid(t.db.read(|c| clients::validate(c, &acme()))));
        assert_eq!(
            t.db.read(|c| clients::get(c, id)).unwrap().name,
            "Atelier Lumière"
        );
    }
}
