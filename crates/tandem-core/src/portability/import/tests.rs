//! The import on real database files: a corpus of malformed spreadsheets, each
//! refused row by row or as a whole with nothing written, and good files from
//! Excel, Google Sheets and LibreOffice imported exactly.

use super::*;
use crate::clients::{Client, ClientQuery};
use crate::testing::{acme, micro, seeded, temp_db, TempDb};

fn count(t: &TempDb) -> i64 {
    t.db.read(|c| Ok(c.query_row("SELECT count(*) FROM clients", [], |r| r.get(0))?))
        .unwrap()
}

fn all_clients(t: &TempDb) -> Vec<Client> {
    let q = ClientQuery {
        archived: clients::ArchivedFilter::All,
        paging: crate::paging::PageQuery {
            page_size: 200,
            ..Default::default()
        },
    };
    let rows = t.db.read(|c| clients::list(c, &q)).unwrap().items;
    rows.iter()
        .map(|r| t.db.read(|c| clients::get(c, r.id)).unwrap())
        .collect()
}

fn preview_of(t: &TempDb, bytes: &[u8]) -> Preview {
    t.db.read(|c| preview(c, bytes, None)).unwrap()
}

fn import_all(t: &TempDb, bytes: &[u8], excluded: &[usize]) -> Result<ImportReport> {
    t.db.write(|tx| import(tx, bytes, None, excluded))
}

/// The codes of each row's errors, by line.
fn row_codes(p: &Preview) -> Vec<(usize, Vec<(&str, &str)>)> {
    p.rows
        .iter()
        .map(|r| {
            (
                r.line,
                r.errors
                    .iter()
                    .map(|e| (e.field.as_str(), e.code))
                    .collect(),
            )
        })
        .collect()
}

/// Windows-1252, as French Excel writes « CSV (séparateur : point-virgule) ».
fn cp1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "the fixture fits in Windows-1252");
    bytes.into_owned()
}

/// A refused file: its code, and not a client more.
fn refused(t: &TempDb, bytes: &[u8], code: &str) {
    let before = count(t);
    let e = import_all(t, bytes, &[]).unwrap_err();
    assert_eq!(e.code(), code, "{e}");
    assert_eq!(count(t), before, "a refused import writes nothing");
}

#[test]
fn headers_are_guessed_in_french_and_english_ignoring_case_and_accents() {
    let columns: Vec<String> = [
        "Raison sociale",
        "INTERLOCUTEUR",
        "E-mail",
        "Tél.",
        "Adresse",
        "Complément",
        "CP",
        "Ville",
        "Pays",
        "N° SIRET",
        "N° TVA",
        "Remarques",
        "Prénom",
        "Nom",
        "Devise",
        "Langue",
    ]
    .map(String::from)
    .to_vec();
    use Field::*;
    assert_eq!(
        guess(&columns),
        vec![
            Some(Name),
            Some(ContactName),
            Some(Email),
            Some(Phone),
            Some(AddressLine1),
            Some(AddressLine2),
            Some(PostalCode),
            Some(City),
            Some(Country),
            Some(Siren),
            Some(VatNumber),
            Some(Notes),
            None,
            // « Raison sociale » already is the name.
            None,
            Some(Currency),
            Some(DocLanguage),
        ]
    );
    let english: Vec<String> = [
        "Company",
        "Contact",
        "Email",
        "Phone",
        "Postal code",
        "City",
    ]
    .map(String::from)
    .to_vec();
    assert_eq!(
        guess(&english),
        [Name, ContactName, Email, Phone, PostalCode, City].map(Some)
    );
    for (header, field) in [
        ("Société", Name),
        ("Client", Name),
        ("Courriel", Email),
        ("Téléphone", Phone),
        ("Code postal", PostalCode),
        ("SIREN", Siren),
        ("TVA", VatNumber),
        ("Notes", Notes),
    ] {
        assert_eq!(guess(&[header.to_owned()]), [Some(field)], "{header}");
    }
}

#[test]
fn a_windows_1252_file_with_semicolons_imports_exactly() {
    let t = temp_db();
    let text = "Société;Contact;Courriel;Téléphone;Adresse;Code postal;Ville;Pays;SIRET;N° TVA\r\n\
        Société Générale;Hélène Müller;helene@societegenerale.fr;01 42 14 20 00;29 boulevard Haussmann;75009;Paris;France;552 120 222 00013;FR27552120222\r\n\
        Crèmerie Noël;François Lefèvre;;06 12 34 56 78;2 rue de l'Église;69002;Lyon;;;\r\n";
    let bytes = cp1252(text);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    let p = preview_of(&t, &bytes);
    assert_eq!(p.encoding, "windows-1252");
    assert_eq!(p.separator, ';');
    assert_eq!(p.columns[0], "Société");
    assert_eq!(
        (p.total, p.valid, p.invalid, p.duplicates),
        (2, 2, 0, 0),
        "{:?}",
        row_codes(&p)
    );
    assert_eq!(
        p.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 3],
        "lines ended by CR LF are counted once"
    );
    assert_eq!(p.rows[0].values.siren, "552120222", "the SIRET's SIREN");
    assert_eq!(p.problem, None);

    assert_eq!(
        import_all(&t, &bytes, &[]).unwrap(),
        ImportReport { created: 2 }
    );
    let got = all_clients(&t);
    assert_eq!(got.len(), 2);
    let sg = got.iter().find(|c| c.name == "Société Générale").unwrap();
    assert_eq!(sg.contact_name.as_deref(), Some("Hélène Müller"));
    assert_eq!(sg.email.as_deref(), Some("helene@societegenerale.fr"));
    assert_eq!(sg.phone.as_deref(), Some("01 42 14 20 00"));
    assert_eq!(sg.address_line1.as_deref(), Some("29 boulevard Haussmann"));
    assert_eq!(sg.postal_code.as_deref(), Some("75009"));
    assert_eq!(sg.city.as_deref(), Some("Paris"));
    assert_eq!(sg.country, "FR");
    assert_eq!(sg.siren.as_deref(), Some("552120222"));
    assert_eq!(sg.vat_number.as_deref(), Some("FR27552120222"));
    let noel = got.iter().find(|c| c.name == "Crèmerie Noël").unwrap();
    assert_eq!(noel.contact_name.as_deref(), Some("François Lefèvre"));
    assert_eq!(noel.address_line1.as_deref(), Some("2 rue de l'Église"));
    assert_eq!((noel.email.as_deref(), noel.siren.as_deref()), (None, None));
    assert_eq!(noel.country, "FR", "an empty country is the form's default");
    assert_eq!(noel.doc_language, crate::catalog::Language::Fr);
    assert_eq!(noel.currency, crate::catalog::Currency::Eur);
}

#[test]
fn a_utf8_file_with_a_bom_and_commas_from_google_sheets() {
    let t = temp_db();
    let bytes = "\u{feff}Name,Email,City,Country\n\
        Hélène Conseil,helene@example.fr,Genève,Suisse\n\
        \"Dupont, Fils & Cie\",contact@dupont.fr,Nantes,FR\n"
        .as_bytes();
    let p = preview_of(&t, bytes);
    assert_eq!((p.encoding, p.separator), ("utf-8-bom", ','));
    assert_eq!(
        p.columns[0], "Name",
        "the mark is not part of the first name"
    );
    assert_eq!(p.valid, 2, "{:?}", row_codes(&p));
    assert_eq!(p.rows[1].values.name, "Dupont, Fils & Cie");
    assert_eq!(import_all(&t, bytes, &[]).unwrap().created, 2);
    let got = all_clients(&t);
    let h = got.iter().find(|c| c.name == "Hélène Conseil").unwrap();
    assert_eq!(
        (h.city.as_deref(), h.country.as_str()),
        (Some("Genève"), "CH")
    );
}

#[test]
fn quoted_fields_keep_their_line_breaks_and_lines_count_from_the_file() {
    let t = temp_db();
    let bytes = "Nom;Notes;Ville\n\
        Atelier Nord;\"Première ligne\nDeuxième ligne\n« guillemets \"\"doubles\"\" »\";Lille\n\
        Atelier Sud;;Marseille\n"
        .as_bytes();
    let p = preview_of(&t, bytes);
    assert_eq!(p.valid, 2, "{:?}", row_codes(&p));
    assert_eq!(
        p.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 5],
        "the second row starts on the file's fifth line"
    );
    assert_eq!(
        p.rows[0].values.notes,
        "Première ligne\nDeuxième ligne\n« guillemets \"doubles\" »"
    );
    import_all(&t, bytes, &[]).unwrap();
    let nord = all_clients(&t)
        .into_iter()
        .find(|c| c.name == "Atelier Nord")
        .unwrap();
    assert_eq!(
        nord.notes.as_deref(),
        Some("Première ligne\nDeuxième ligne\n« guillemets \"doubles\" »")
    );
    // Lines ended by a lone CR (old Macs) count too.
    let cr = preview_of(&t, b"Nom\rUn\r\"Deux\rlignes\";\rTrois\r");
    assert_eq!(
        cr.rows.iter().map(|r| r.line).collect::<Vec<_>>(),
        [2, 3, 5]
    );
    // A line break in a one-line field is the form's refusal, on that row.
    let bad = "Nom;Ville\n\"Deux\nlignes\";Lyon\n".as_bytes();
    assert_eq!(
        row_codes(&preview_of(&t, bad)),
        [(2, vec![("name", "invalid_text")])]
    );
    refused(&t, bad, "import_has_errors");
}

#[test]
fn utf16_unicode_text_from_excel_is_read() {
    let t = temp_db();
    let mut bytes = vec![0xFF, 0xFE];
    for u in "Nom\tVille\r\nHélène Dubois\tRennes\r\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let p = preview_of(&t, &bytes);
    assert_eq!((p.encoding, p.separator, p.valid), ("utf-16le", '\t', 1));
    assert_eq!(p.rows[0].values.name, "Hélène Dubois");
}

#[test]
fn the_corpus_of_bad_files_is_refused_row_by_row_or_whole_and_nothing_is_written() {
    let (t, acme_id) = seeded(micro(), acme());
    assert_eq!(count(&t), 1);

    // Bad encoding: neither UTF-8 nor sensible Windows-1252 (0x81 and 0x9D are
    // holes of the code page, read as control characters): the form refuses
    // the name, on that row only.
    let mut bytes = b"Nom;Ville\nBon Client;Lyon\nMauvais \x81\x9D Client;Caen\n".to_vec();
    let p = preview_of(&t, &bytes);
    assert_eq!(p.encoding, "windows-1252");
    assert_eq!(
        row_codes(&p),
        [(2, vec![]), (3, vec![("name", "invalid_text")])]
    );
    refused(&t, &bytes, "import_has_errors");

    // Ragged rows: too few cells, or more cells with something in them; an extra
    // empty cell (a trailing `;`) is harmless.
    bytes =
        b"Nom;Ville;CP\nUn;Lyon;69001\nDeux;Lyon\nTrois;Lyon;69003;en trop\nQuatre;Lyon;69004;\n"
            .to_vec();
    let p = preview_of(&t, &bytes);
    assert_eq!(
        row_codes(&p),
        [
            (2, vec![]),
            (3, vec![("line", "import_ragged_row")]),
            (4, vec![("line", "import_ragged_row")]),
            (5, vec![]),
        ]
    );
    assert_eq!((p.total, p.valid, p.invalid), (4, 2, 2));
    refused(&t, &bytes, "import_has_errors");

    // A quote never closed swallows the rest of the file into one cell: that
    // row is refused (a name on several lines), not the program.
    bytes = b"Nom;Ville\nBon;Lyon\n\"Ouvert;Lyon\nAutre;Paris\n".to_vec();
    assert_eq!(
        row_codes(&preview_of(&t, &bytes)),
        [
            (2, vec![]),
            (
                3,
                vec![("line", "import_ragged_row"), ("name", "invalid_text")]
            )
        ]
    );
    refused(&t, &bytes, "import_has_errors");

    // Bad SIRET, bad SIREN, and the form's other rules.
    bytes = "Nom;SIRET;Email;CP;TVA\n\
        Siret Faux;552 120 222 00014;;;\n\
        Siren Faux;552120223;;;\n\
        Courriel Faux;;helene@;;\n\
        CP Faux;;;7500;\n\
        TVA Autre;552120222;;;FR83404833048\n"
        .as_bytes()
        .to_vec();
    assert_eq!(
        row_codes(&preview_of(&t, &bytes)),
        [
            (2, vec![("siren", "invalid_siret")]),
            (3, vec![("siren", "invalid_siren")]),
            (4, vec![("email", "invalid_email")]),
            (5, vec![("postal_code", "invalid_postal_code")]),
            (6, vec![("vat_number", "invalid_vat_number")]),
        ]
    );
    refused(&t, &bytes, "import_has_errors");

    // Duplicates within the file, and clients she already has.
    bytes = "Nom;SIREN;Email\n\
        Studio Bleu;542051180;\n\
        STUDIO  bleu;542 051 180;\n\
        Studio Vert;;vert@example.fr\n\
        Studio Vert;;VERT@example.fr\n\
        Studio Rouge;;\n\
        Studio Rouge;;\n\
        Studio Jaune;;jaune@example.fr\n\
        Studio Jaune;;autre@example.fr\n\
        atelier lumière;;\n\
        Autre Nom;732829320;\n"
        .as_bytes()
        .to_vec();
    let p = preview_of(&t, &bytes);
    assert_eq!(
        row_codes(&p),
        [
            (2, vec![]),
            (3, vec![("name", "import_duplicate_row")]),
            (4, vec![]),
            (5, vec![("name", "import_duplicate_row")]),
            (6, vec![]),
            (7, vec![("name", "import_duplicate_row")]),
            (8, vec![]),
            // Same name, another e-mail: two clients of one name may exist.
            (9, vec![]),
            (10, vec![("name", "import_client_exists")]),
            (11, vec![("siren", "import_client_exists")]),
        ]
    );
    assert_eq!(p.rows[1].duplicate_of, Some(2));
    assert_eq!(p.rows[8].existing_client, Some(acme_id));
    assert_eq!((p.duplicates, p.invalid, p.valid), (5, 5, 5));
    refused(&t, &bytes, "import_has_errors");

    // Whole files refused with their code.
    refused(&t, b"", "import_empty");
    refused(&t, b"\xEF\xBB\xBF \r\n\r\n", "import_empty");
    refused(&t, b";;;\n;;;\n", "import_empty");
    refused(&t, b"Nom;Ville\r\n", "import_no_rows");
    refused(&t, b"Nom;Ville\n;\n ; \n", "import_no_rows");
    refused(&t, b"PK\x03\x04\x14\x00\x06\x00", "import_not_text");
    refused(&t, b"Ville;CP\nLyon;69001\n", "import_no_name_column");
    let p = preview_of(&t, b"Ville;CP\nLyon;69001\n");
    assert_eq!(p.problem.unwrap().code, "import_no_name_column");
    let e =
        t.db.write(|tx| import(tx, b"Nom\nSeul Client\n", None, &[2]))
            .unwrap_err();
    assert_eq!(e.code(), "import_nothing_left");

    // Over 10 MB: refused before a row is read.
    let mut big = b"Nom;Notes\n".to_vec();
    while big.len() <= MAX_BYTES {
        big.extend_from_slice(b"Un client;quelques notes pour faire du volume\n");
    }
    refused(&t, &big, "import_too_large");
    assert_eq!(check_size(MAX_BYTES as u64).map(|_| ()).ok(), Some(()));
    assert_eq!(
        check_size(MAX_BYTES as u64 + 1).unwrap_err().code(),
        "import_too_large"
    );

    // A mapping that does not fit the file.
    let e =
        t.db.read(|c| preview(c, b"Nom;Ville\nA;B\n", Some(vec![Some(Field::Name)])))
            .unwrap_err();
    assert_eq!(e.code(), "import_mapping_invalid");
    let e =
        t.db.read(|c| {
            preview(
                c,
                b"Nom;Ville\nA;B\n",
                Some(vec![Some(Field::Name), Some(Field::Name)]),
            )
        })
        .unwrap_err();
    assert_eq!(e.code(), "import_field_twice");

    assert_eq!(count(&t), 1, "only the seeded client");
}

#[test]
fn excluded_lines_are_skipped_and_the_rest_imports() {
    let t = temp_db();
    let bytes = "Nom;SIREN\nBon Un;\nMauvais;123\nBon Deux;\nBon Deux;\n".as_bytes();
    refused(&t, bytes, "import_has_errors");
    // Excluding the bad row and the repeated one: the two others are created.
    assert_eq!(import_all(&t, bytes, &[3, 5]).unwrap().created, 2);
    let mut names: Vec<_> = all_clients(&t).into_iter().map(|c| c.name).collect();
    names.sort();
    assert_eq!(names, ["Bon Deux", "Bon Un"]);
    // Importing the same file again: every row is now a client she has.
    let p = preview_of(&t, bytes);
    assert_eq!(p.duplicates, 3, "all but « Mauvais », never imported");
    refused(&t, bytes, "import_has_errors");
}

#[test]
fn a_chosen_mapping_replaces_the_guess() {
    let t = temp_db();
    let bytes = "Colonne A;Colonne B\nAtelier Est;Metz\n".as_bytes();
    let guessed = preview_of(&t, bytes);
    assert_eq!(guessed.mapping, [None, None]);
    assert_eq!(guessed.rows[0].errors[0].code, "required");
    let mapping = vec![Some(Field::Name), Some(Field::City)];
    let p =
        t.db.read(|c| preview(c, bytes, Some(mapping.clone())))
            .unwrap();
    assert_eq!((p.valid, p.problem.is_none()), (1, true));
    let report =
        t.db.write(|tx| import(tx, bytes, Some(mapping.clone()), &[]))
            .unwrap();
    assert_eq!(report.created, 1);
    assert_eq!(all_clients(&t)[0].city.as_deref(), Some("Metz"));
    // The mapping crosses IPC as the fields' snake_case names.
    assert_eq!(
        serde_json::to_value(&mapping).unwrap(),
        serde_json::json!(["name", "city"])
    );
}

#[test]
fn hostile_text_is_stored_as_plain_text_or_refused_as_the_form_does() {
    let t = temp_db();
    let hostile = [
        "<img src=x onerror=alert(1)>",
        "</script><script>alert(1)</script>",
        "Client \u{202e}fdp.exe",
        "Café 🚀 Studio",
        "東京デザイン株式会社",
        "شركة المثال",
        "Robert'); DROP TABLE clients;--",
    ];
    let mut text = String::from("Nom;Notes\n");
    for (i, name) in hostile.iter().enumerate() {
        text.push_str(&format!(
            "\"{}\";note {i} <b>gras</b>\n",
            name.replace('"', "\"\"")
        ));
    }
    // What the form refuses (a control character), the import refuses too.
    text.push_str("Cloche \u{7};\n");
    let p = preview_of(&t, text.as_bytes());
    let form = |name: &str| {
        t.db.read(|c| {
            clients::validate(
                c,
                &ClientInput {
                    name: name.into(),
                    ..acme()
                },
            )
        })
        .unwrap()
    };
    for row in &p.rows {
        let same: Vec<_> = form(&row.values.name).iter().map(|e| e.code).collect();
        let got: Vec<_> = row.errors.iter().map(|e| e.code).collect();
        assert_eq!(got, same, "line {}: the form's own verdict", row.line);
    }
    assert_eq!(p.invalid, 1);
    let last = p.rows.last().unwrap().line;
    assert_eq!(import_all(&t, text.as_bytes(), &[last]).unwrap().created, 7);
    let mut stored: Vec<_> = all_clients(&t).into_iter().map(|c| c.name).collect();
    let mut expected: Vec<_> = hostile.iter().map(|s| (*s).to_owned()).collect();
    stored.sort();
    expected.sort();
    assert_eq!(stored, expected, "stored exactly as written");
}

/// A valid SIREN for `n` (8 digits, then the Luhn key).
fn siren_for(n: u32) -> String {
    let body = format!("{:08}", n % 100_000_000);
    (0..10)
        .map(|k| format!("{body}{k}"))
        .find(|s| crate::validate::siren(s).is_ok())
        .unwrap()
}

/// 10 000 rows previewed and imported; prints the time (never asserted).
/// `cargo test -p tandem-core --release --lib ten_thousand_rows -- --nocapture`
/// (measured here: preview ≈ 60 ms, import ≈ 110–160 ms; ten times that unoptimized).
#[test]
fn ten_thousand_rows_preview_and_import() {
    let (t, _) = seeded(micro(), acme());
    let mut text = String::from(
        "Raison sociale;Contact;E-mail;Téléphone;Adresse;Code postal;Ville;Pays;SIRET;Notes\r\n",
    );
    for i in 0..10_000u32 {
        text.push_str(&format!(
            "Société n°{i};Hélène {i};contact{i}@exemple.fr;01 23 45 {:02} {:02};{} rue de la Paix;75002;Paris;France;{};\"Ligne 1\nLigne 2\"\r\n",
            i % 100,
            (i / 100) % 100,
            i + 1,
            siren_for(10_000_000 + i),
        ));
    }
    let bytes = cp1252(&text);
    let start = std::time::Instant::now();
    let p = preview_of(&t, &bytes);
    let previewed = start.elapsed();
    assert_eq!(
        (p.total, p.valid),
        (10_000, 10_000),
        "{:?}",
        p.rows[0].errors
    );
    let start = std::time::Instant::now();
    assert_eq!(import_all(&t, &bytes, &[]).unwrap().created, 10_000);
    let imported = start.elapsed();
    assert_eq!(count(&t), 10_001);
    println!(
        "import of 10 000 rows ({} KB, windows-1252): preview {previewed:?}, import (preview again + writes, one transaction) {imported:?}",
        bytes.len() / 1024
    );
}

/// What `ui/js/views/client-import.js` reads of a preview.
#[test]
fn the_preview_crosses_to_the_ui_in_the_shape_it_reads() {
    let t = temp_db();
    let p = preview_of(&t, "Nom;Courriel;Divers\nA;a@b;x\nA;a@b;y\n".as_bytes());
    let v = serde_json::to_value(&p).unwrap();
    use serde_json::json;
    assert_eq!(v["columns"], json!(["Nom", "Courriel", "Divers"]));
    assert_eq!(v["mapping"], json!(["name", "email", null]));
    assert_eq!(v["samples"], json!(["A", "a@b", "x"]));
    assert_eq!(v["fields"].as_array().unwrap().len(), 14);
    assert_eq!(v["fields"][0], "name");
    assert_eq!(v["separator"], ";");
    assert_eq!(v["problem"], json!(null));
    assert_eq!(
        (&v["total"], &v["valid"], &v["invalid"], &v["duplicates"]),
        (&json!(2), &json!(0), &json!(2), &json!(1))
    );
    let row = &v["rows"][1];
    assert_eq!(row["line"], 3);
    assert_eq!(row["values"]["name"], "A");
    assert_eq!(row["values"]["country"], "FR");
    assert_eq!(row["errors"][0]["field"], "email");
    assert_eq!(row["errors"][0]["code"], "invalid_email");
    assert_eq!(row["errors"][1]["code"], "import_duplicate_row");
    assert_eq!(row["duplicate_of"], 2);
    assert_eq!(row["existing_client"], json!(null));
    let none = preview_of(&t, b"Ville\nLyon\n");
    assert_eq!(
        serde_json::to_value(&none).unwrap()["problem"]["code"],
        "import_no_name_column"
    );
}
