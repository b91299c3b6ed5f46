//! Lists that live in several files and must agree, checked without a window:
//!
//! - the command names, written in `src-tauri/src/lib.rs` (the handler),
//!   `src-tauri/build.rs` (the permissions tauri-build generates),
//!   `src-tauri/capabilities/default.json` (what the window is granted) and
//!   `ui/js/api.js` (the one module that invokes them);
//! - the window's other permissions (exactly the event ones, nothing more);
//! - the UI's two languages (the same keys, the same placeholders), and a
//!   translation for every error code the core and the shell can send.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The text between `start` and the first `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str, file: &str) -> &'a str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{file}: `{start}` not found"))
        + start.len();
    let len = text[from..]
        .find(end)
        .unwrap_or_else(|| panic!("{file}: no `{end}` after `{start}`"));
    &text[from..from + len]
}

/// Every text quoted with `quote` in `text`.
fn quoted(text: &str, quote: char) -> Vec<String> {
    text.split(quote)
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The commands `generate_handler![…]` registers (the last path segment of each).
fn handler_commands() -> BTreeSet<String> {
    let lib = read("src-tauri/src/lib.rs");
    between(&lib, "generate_handler![", "]", "lib.rs")
        .split(',')
        .map(|path| path.trim().rsplit("::").next().unwrap_or("").to_owned())
        .filter(|name| !name.is_empty())
        .collect()
}

/// The commands `build.rs` declares to tauri-build.
fn manifest_commands() -> BTreeSet<String> {
    let build = read("src-tauri/build.rs");
    quoted(
        between(&build, "const COMMANDS: &[&str] = &[", "];", "build.rs"),
        '"',
    )
    .into_iter()
    .collect()
}

/// The capability's permissions: the app's own commands (`allow-<command>`,
/// returned as command names) and the others (Tauri's, `core:…`).
fn granted() -> (BTreeSet<String>, BTreeSet<String>) {
    let json: Value = serde_json::from_str(&read("src-tauri/capabilities/default.json")).unwrap();
    let mut commands = BTreeSet::new();
    let mut others = BTreeSet::new();
    for p in json["permissions"].as_array().expect("a permissions array") {
        let p = p
            .as_str()
            .unwrap_or_else(|| panic!("default.json: {p} is not a plain permission name"));
        if p.contains(':') {
            others.insert(p.to_owned());
        } else {
            let command = p.strip_prefix("allow-").unwrap_or_else(|| {
                panic!("default.json: {p} — the app's permissions are `allow-<command>`")
            });
            commands.insert(command.replace('-', "_"));
        }
    }
    (commands, others)
}

/// The commands `api.js` calls (`call('name'…)`).
fn api_commands() -> BTreeSet<String> {
    read("ui/js/api.js")
        .split("call('")
        .skip(1)
        .map(|rest| rest.split('\'').next().unwrap_or("").to_owned())
        .collect()
}

/// Panics with what each list has that the reference has not, and the reverse.
fn assert_same(reference: (&str, &BTreeSet<String>), other: (&str, &BTreeSet<String>)) {
    let only_ref: Vec<_> = reference.1.difference(other.1).collect();
    let only_other: Vec<_> = other.1.difference(reference.1).collect();
    assert!(
        only_ref.is_empty() && only_other.is_empty(),
        "the command lists differ:\n  in {} but not in {}: {only_ref:?}\n  in {} but not in {}: {only_other:?}",
        reference.0,
        other.0,
        other.0,
        reference.0,
    );
}

#[test]
fn the_four_command_lists_agree() {
    let handler = handler_commands();
    assert!(handler.len() > 50, "lib.rs: the handler list was not read");
    let (grants, _) = granted();
    let lib = ("src-tauri/src/lib.rs (generate_handler!)", &handler);
    assert_same(lib, ("src-tauri/build.rs (COMMANDS)", &manifest_commands()));
    assert_same(
        lib,
        ("src-tauri/capabilities/default.json (allow-…)", &grants),
    );
    assert_same(lib, ("ui/js/api.js (call('…'))", &api_commands()));
}

/// Beyond its own commands the window may only listen to the app's events
/// (`ui/js/events.js`): no fs, shell, http, dialog or opener permission, and not
/// even `emit` (events go from Rust to the UI, never the other way).
#[test]
fn the_window_gets_no_permission_beyond_its_commands_and_listening() {
    let (_, others) = granted();
    let expected: BTreeSet<String> = ["core:event:allow-listen", "core:event:allow-unlisten"]
        .map(str::to_owned)
        .into();
    assert_eq!(others, expected);
}

/// Devtools are off in release builds: Tauri opens them only in debug builds
/// unless its `devtools` feature is on, and nothing here turns it on (nor asks
/// for them in the window's configuration).
#[test]
fn release_builds_have_no_devtools() {
    let manifest = read("Cargo.toml");
    let tauri = manifest
        .lines()
        .find(|l| l.starts_with("tauri = "))
        .expect("the tauri dependency");
    assert!(!tauri.contains("devtools"), "{tauri}");
    assert!(!read("tauri.conf.json").contains("devtools"));
    assert!(!read("src-tauri/src/lib.rs").contains("open_devtools"));
}

/// Every `.js` file under `ui/js`, relative to the repository.
fn ui_modules(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            ui_modules(&path, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
}

#[test]
fn only_api_js_talks_to_tauri() {
    let mut modules = Vec::new();
    ui_modules(&root().join("ui/js"), &mut modules);
    assert!(modules.len() > 10, "ui/js was not read");
    let mut offenders = Vec::new();
    for path in modules {
        let rel = path.strip_prefix(root()).unwrap().display().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        if rel == "ui/js/api.js" {
            // One `invoke`, inside `call`, and one `listen`, inside `listen`.
            assert_eq!(
                text.matches("invoke(").count(),
                1,
                "api.js invokes in one place"
            );
            continue;
        }
        for needle in ["__TAURI__", "invoke(", "__TAURI_INTERNALS__"] {
            if text.contains(needle) {
                offenders.push(format!("{rel} uses {needle}"));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "only ui/js/api.js may talk to Tauri (views call its functions): {offenders:?}"
    );
}

// ---------------------------------------------------------------------------
// Translations
// ---------------------------------------------------------------------------

/// A translation file as `key → text`, nested objects flattened to `a.b.c`.
fn dictionary(lang: &str) -> BTreeMap<String, String> {
    fn flatten(prefix: &str, v: &Value, out: &mut BTreeMap<String, String>, lang: &str) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    flatten(&key, v, out, lang);
                }
            }
            Value::String(s) => {
                let dup = out.insert(prefix.to_owned(), s.clone());
                assert!(dup.is_none(), "{lang}.json: {prefix} twice");
            }
            other => panic!("{lang}.json: {prefix} is {other}, not a text"),
        }
    }
    let json: Value = serde_json::from_str(&read(&format!("ui/i18n/{lang}.json")))
        .unwrap_or_else(|e| panic!("{lang}.json: {e}"));
    let mut out = BTreeMap::new();
    flatten("", &json, &mut out, lang);
    out
}

/// The `{name}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_'))
        .collect()
}

#[test]
fn french_and_english_have_the_same_keys_and_placeholders() {
    let (fr, en) = (dictionary("fr"), dictionary("en"));
    let only_fr: Vec<_> = fr.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<_> = en.keys().filter(|k| !fr.contains_key(*k)).collect();
    assert!(
        only_fr.is_empty() && only_en.is_empty(),
        "ui/i18n: keys only in fr.json: {only_fr:?}\n  keys only in en.json: {only_en:?}"
    );
    let mut mismatched = Vec::new();
    let mut empty = Vec::new();
    for (key, text) in &fr {
        let other = &en[key];
        if placeholders(text) != placeholders(other) {
            mismatched.push(format!("{key}: {text:?} / {other:?}"));
        }
        if text.trim().is_empty() || other.trim().is_empty() {
            empty.push(key);
        }
    }
    assert!(
        mismatched.is_empty(),
        "ui/i18n: different placeholders in French and English:\n  {}",
        mismatched.join("\n  ")
    );
    assert!(empty.is_empty(), "ui/i18n: empty texts: {empty:?}");
}

/// Every code an error can reach the UI with: the core's list, the codes the
/// shell writes itself (`src-tauri/src`), and `internal` (api.js's own, for a
/// rejection that is not a coded error).
fn every_error_code() -> BTreeSet<String> {
    let mut codes: BTreeSet<String> = tandem_core::error::CODES
        .iter()
        .map(|c| (*c).to_owned())
        .collect();
    codes.extend(tandem_core::testing::error_codes_under(
        &root().join("src-tauri/src"),
    ));
    codes.insert("internal".into());
    codes
}

#[test]
fn every_error_code_has_a_translation_in_both_languages() {
    let codes = every_error_code();
    assert!(codes.len() > 40, "the codes were not read");
    for lang in ["fr", "en"] {
        let dict = dictionary(lang);
        let missing: Vec<_> = codes
            .iter()
            .filter(|c| !dict.contains_key(&format!("errors.{c}")))
            .collect();
        assert!(
            missing.is_empty(),
            "ui/i18n/{lang}.json has no errors.<code> for {missing:?}"
        );
    }
}

/// The events the shell emits (`src-tauri/src/events.rs`, each `UiEvent`'s
/// `NAME`) are the ones `ui/js/events.js` knows.
#[test]
fn the_ui_knows_the_events_the_shell_emits() {
    let rust: BTreeSet<String> = read("src-tauri/src/events.rs")
        .split("const NAME: &'static str = \"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or("").to_owned())
        .collect();
    assert!(!rust.is_empty(), "events.rs: no UiEvent NAME found");
    let js = read("ui/js/events.js");
    let js: BTreeSet<String> = quoted(
        between(
            &js,
            "export const EVENTS = Object.freeze({",
            "});",
            "events.js",
        ),
        '\'',
    )
    .into_iter()
    .collect();
    assert_eq!(
        rust, js,
        "src-tauri/src/events.rs and ui/js/events.js name different events"
    );
}
