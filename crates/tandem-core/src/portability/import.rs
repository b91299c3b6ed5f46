//! « Importer des clients depuis un tableur »: a CSV saved by Excel, Google Sheets
//! or LibreOffice becomes clients, all of them or none.
//!
//! The file is read whatever it was saved as (UTF-8 with or without a byte-order
//! mark, UTF-16 « Texte Unicode », else Windows-1252; `,`, `;` or tab, guessed from
//! the header line), its columns are matched to the client form's fields from
//! their headers (French and English, case and accents ignored), and each row is
//! checked by **the client form's own validation** (`clients::validate`) — there is
//! no second copy of the rules here. Rows that repeat one another, or a client
//! she already has, are flagged with a coded error like any other.
//!
//! Invariant: [`import`] writes every row she kept or nothing. One row still in
//! error, a file without a name column, an empty or oversized file: each is
//! refused with a code and the database is untouched.

use crate::clients::{self, ClientInput};
use crate::error::{Error, FieldError, Result};
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The largest file read (10 MB is some 50 000 clients): beyond, it is surely
/// not a client list, and it would be held in memory whole.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;

/// A field of the client form a column can be read into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Name,
    ContactName,
    Email,
    Phone,
    AddressLine1,
    AddressLine2,
    PostalCode,
    City,
    Country,
    Siren,
    VatNumber,
    DocLanguage,
    Currency,
    Notes,
}

impl Field {
    /// Every field, in the form's order (the choices of the mapping step).
    pub const ALL: [Field; 14] = [
        Field::Name,
        Field::ContactName,
        Field::Email,
        Field::Phone,
        Field::AddressLine1,
        Field::AddressLine2,
        Field::PostalCode,
        Field::City,
        Field::Country,
        Field::Siren,
        Field::VatNumber,
        Field::DocLanguage,
        Field::Currency,
        Field::Notes,
    ];

    fn slot(self, input: &mut ClientInput) -> &mut String {
        match self {
            Field::Name => &mut input.name,
            Field::ContactName => &mut input.contact_name,
            Field::Email => &mut input.email,
            Field::Phone => &mut input.phone,
            Field::AddressLine1 => &mut input.address_line1,
            Field::AddressLine2 => &mut input.address_line2,
            Field::PostalCode => &mut input.postal_code,
            Field::City => &mut input.city,
            Field::Country => &mut input.country,
            Field::Siren => &mut input.siren,
            Field::VatNumber => &mut input.vat_number,
            Field::DocLanguage => &mut input.doc_language,
            Field::Currency => &mut input.currency,
            Field::Notes => &mut input.notes,
        }
    }

    /// The headers read as this field, folded (see [`fold`]).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Name => &[
                "nom",
                "raison sociale",
                "societe",
                "client",
                "entreprise",
                "nom du client",
                "nom client",
                "nom de la societe",
                "denomination",
                "name",
                "company",
                "company name",
                "customer",
                "client name",
                "organisation",
                "organization",
            ],
            Field::ContactName => &[
                "contact",
                "interlocuteur",
                "nom du contact",
                "nom contact",
                "personne a contacter",
                "contact name",
                "contact person",
            ],
            Field::Email => &[
                "email",
                "e mail",
                "courriel",
                "mail",
                "adresse email",
                "adresse e mail",
                "adresse mail",
                "adresse courriel",
                "email address",
                "e mail address",
            ],
            Field::Phone => &[
                "telephone",
                "tel",
                "portable",
                "mobile",
                "numero de telephone",
                "n telephone",
                "phone",
                "phone number",
                "telephone number",
            ],
            Field::AddressLine1 => &[
                "adresse",
                "adresse 1",
                "adresse ligne 1",
                "rue",
                "voie",
                "address",
                "address 1",
                "address line 1",
                "street",
            ],
            Field::AddressLine2 => &[
                "complement",
                "complement d adresse",
                "complement adresse",
                "adresse 2",
                "adresse ligne 2",
                "address 2",
                "address line 2",
            ],
            Field::PostalCode => &[
                "code postal",
                "cp",
                "postal code",
                "zip",
                "zip code",
                "postcode",
            ],
            Field::City => &["ville", "commune", "localite", "city", "town"],
            Field::Country => &["pays", "code pays", "country", "country code"],
            Field::Siren => &[
                "siren",
                "siret",
                "n siren",
                "n siret",
                "no siren",
                "no siret",
                "numero siren",
                "numero siret",
                "siren siret",
                "siret siren",
            ],
            Field::VatNumber => &[
                "tva",
                "n tva",
                "no tva",
                "numero de tva",
                "numero tva",
                "tva intracommunautaire",
                "n tva intracommunautaire",
                "numero de tva intracommunautaire",
                "vat",
                "vat number",
                "vat id",
            ],
            Field::DocLanguage => &["langue", "langue des documents", "language"],
            Field::Currency => &["devise", "monnaie", "currency"],
            Field::Notes => &[
                "notes",
                "note",
                "remarque",
                "remarques",
                "commentaire",
                "commentaires",
                "comment",
                "comments",
            ],
        }
    }
}

/// The field each column is read into, by position; `None` leaves a column out.
pub type Mapping = Vec<Option<Field>>;

/// One row of the file as it would become a client.
#[derive(Debug, Clone, Serialize)]
pub struct RowPreview {
    /// Where the row starts in the file, counting from 1 (the header is line 1):
    /// what she sees in her spreadsheet, and how she excludes the row.
    pub line: usize,
    /// The client form as this row fills it (a SIRET already cut to its SIREN,
    /// the form's defaults where a cell is empty).
    pub values: ClientInput,
    /// The form's own field errors, and the import's (`import_ragged_row`,
    /// `import_duplicate_row`, `import_client_exists`).
    pub errors: Vec<FieldError>,
    /// The earlier line of the file this row repeats.
    pub duplicate_of: Option<usize>,
    /// The client she already has that this row is.
    pub existing_client: Option<i64>,
}

/// What an import would do, before anything is written.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    /// The header line's names, trimmed.
    pub columns: Vec<String>,
    /// The field of each column, guessed from the header or as given.
    pub mapping: Mapping,
    /// The first row's cell of each column, a hint for the mapping step.
    pub samples: Vec<String>,
    /// The fields a column may be read into, in the form's order.
    pub fields: &'static [Field],
    /// How the file was read: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`,
    /// `windows-1252`.
    pub encoding: &'static str,
    pub separator: char,
    pub rows: Vec<RowPreview>,
    /// Rows (blank rows are not counted).
    pub total: usize,
    /// Rows without any error.
    pub valid: usize,
    /// Rows with at least one error.
    pub invalid: usize,
    /// Rows that repeat an earlier row or a client she has (also in `invalid`).
    pub duplicates: usize,
    /// Why nothing can be imported whatever rows she excludes (no column is read
    /// as the name), for the mapping step to say.
    pub problem: Option<FieldError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub created: usize,
}

/// Refuses a file over [`MAX_BYTES`]; the shell calls it on the file's size
/// before reading it.
pub fn check_size(len: u64) -> Result<()> {
    if len > MAX_BYTES as u64 {
        return Err(Error::field(
            "file",
            "import_too_large",
            format!("the file weighs {len} bytes, more than {MAX_BYTES}"),
        ));
    }
    Ok(())
}

/// The file read as text, and how it was encoded.
fn decode(bytes: &[u8]) -> Result<(String, &'static str)> {
    check_size(bytes.len() as u64)?;
    let (text, encoding) = if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(body);
        (text.into_owned(), "utf-16le")
    } else if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(body);
        (text.into_owned(), "utf-16be")
    } else {
        let (body, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(body) => (body, true),
            None => (bytes, false),
        };
        // A NUL byte: a workbook (.xlsx is a zip), a PDF, an image — not text.
        if body.contains(&0) {
            return Err(Error::field(
                "file",
                "import_not_text",
                "the file holds NUL bytes: not a text file",
            ));
        }
        match std::str::from_utf8(body) {
            Ok(text) => (text.to_owned(), if bom { "utf-8-bom" } else { "utf-8" }),
            // Not UTF-8: Excel's « CSV (séparateur : point-virgule) » on Windows.
            // Every byte means something in Windows-1252, so this cannot fail;
            // stray bytes become characters the form then refuses or keeps.
            Err(_) => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(body);
                (text.into_owned(), "windows-1252")
            }
        }
    };
    if text.trim().is_empty() {
        return Err(Error::field("file", "import_empty", "the file is empty"));
    }
    // Every line break as one LF: the CSV reader counts lines by LF and would
    // number each row after a CR LF one too low (and a lone CR not at all).
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok((text, encoding))
}

/// The separator of the header line: the most frequent of `;`, tab and `,`
/// outside quotes (a tie goes in that order; none at all is one column, `,`).
fn separator(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ';' if !quoted => counts[0] += 1,
            '\t' if !quoted => counts[1] += 1,
            ',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).fold(0, |b, i| if counts[i] > counts[b] { i } else { b });
    if counts[best] == 0 {
        b','
    } else {
        [b';', b'\t', b','][best]
    }
}

/// A header or a word as compared: lower case, without accents, every run of
/// other characters than letters and digits one space (« N° TVA » → `n tva`).
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let plain = match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => "a",
            'é' | 'è' | 'ê' | 'ë' => "e",
            'î' | 'ï' | 'í' | 'ì' => "i",
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => "o",
            'ù' | 'û' | 'ü' | 'ú' => "u",
            'ç' => "c",
            'ñ' => "n",
            'ÿ' => "y",
            'œ' => "oe",
            'æ' => "ae",
            c if c.is_alphanumeric() => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                continue;
            }
            _ => {
                space = true;
                continue;
            }
        };
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push_str(plain);
    }
    out
}

/// The field each header names; a field goes to the first column that names it.
pub fn guess(columns: &[String]) -> Mapping {
    let mut taken = HashSet::new();
    columns
        .iter()
        .map(|name| {
            let folded = fold(name);
            Field::ALL
                .into_iter()
                .find(|f| f.synonyms().contains(&folded.as_str()))
                .filter(|f| taken.insert(*f))
        })
        .collect()
}

/// A country as spreadsheets write it (« France », « Belgique ») as the form's
/// ISO code; anything else is left for the form to accept or refuse.
fn country(text: &str) -> String {
    let iso = match fold(text).as_str() {
        "" => "FR",
        "france" => "FR",
        "belgique" | "belgium" => "BE",
        "suisse" | "switzerland" => "CH",
        "luxembourg" => "LU",
        "monaco" => "MC",
        "canada" => "CA",
        "royaume uni" | "united kingdom" | "uk" | "angleterre" | "england" => "GB",
        "etats unis" | "united states" | "usa" => "US",
        "allemagne" | "germany" | "deutschland" => "DE",
        "espagne" | "spain" | "espana" => "ES",
        "italie" | "italy" | "italia" => "IT",
        "portugal" => "PT",
        "pays bas" | "netherlands" | "nederland" => "NL",
        "irlande" | "ireland" => "IE",
        "autriche" | "austria" => "AT",
        "maroc" | "morocco" => "MA",
        "tunisie" | "tunisia" => "TN",
        "algerie" | "algeria" => "DZ",
        "senegal" => "SN",
        "la reunion" | "reunion" => "RE",
        "guadeloupe" => "GP",
        "martinique" => "MQ",
        _ => return text.to_owned(),
    };
    iso.to_owned()
}

fn language(text: &str) -> String {
    match fold(text).as_str() {
        "" | "francais" | "french" | "fr" => "fr".to_owned(),
        "anglais" | "english" | "en" => "en".to_owned(),
        _ => text.to_owned(),
    }
}

fn currency(text: &str) -> String {
    let t = text.trim();
    match t {
        "" | "€" => return "EUR".to_owned(),
        "£" => return "GBP".to_owned(),
        "$" => return "USD".to_owned(),
        _ => {}
    }
    match fold(t).as_str() {
        "euro" | "euros" => "EUR".to_owned(),
        _ if t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic()) => t.to_uppercase(),
        _ => text.to_owned(),
    }
}

/// The client form a row fills, and the import's own errors on it.
fn row_input(record: &csv::StringRecord, mapping: &Mapping, width: usize) -> RowPreview {
    let mut values = ClientInput::default();
    for (cell, field) in record.iter().zip(mapping) {
        if let Some(f) = field {
            *f.slot(&mut values) = cell.to_owned();
        }
    }
    values.country = country(&values.country);
    values.doc_language = language(&values.doc_language);
    values.currency = currency(&values.currency);
    let mut errors = Vec::new();
    let extra = record.iter().skip(width).any(|c| !c.trim().is_empty());
    if record.len() < width || extra {
        errors.push(FieldError::new(
            "line",
            "import_ragged_row",
            format!("{} cells, the header has {width}", record.len()),
        ));
    }
    RowPreview {
        line: record.position().map_or(0, |p| p.line() as usize),
        values,
        errors,
        duplicate_of: None,
        existing_client: None,
    }
}

/// A SIRET where a SIREN is asked (spreadsheets often keep the establishment's
/// number): checked as a SIRET by `validate::siret`, then cut to the SIREN it
/// begins with, which the form checks. `Some(error)` for a bad SIRET.
fn siret_to_siren(values: &mut ClientInput) -> Option<FieldError> {
    let digits: String = values
        .siren
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '.' | '-'))
        .collect();
    if digits.len() != 14 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match crate::validate::siret(&digits) {
        Ok(siret) => {
            values.siren = siret[..9].to_owned();
            None
        }
        Err((code, message)) => Some(FieldError::new("siren", code, message)),
    }
}

/// A name as two rows or a row and a client are compared: case and runs of
/// spaces ignored.
fn same_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Checks each row with the client form's validation, then flags the rows that
/// repeat an earlier one (same name and same SIREN or e-mail, or neither) and
/// those that are a client she has (same SIREN, or same name).
fn check_rows(conn: &Connection, rows: &mut [RowPreview]) -> Result<()> {
    let mut by_name = HashMap::new();
    let mut by_siren = HashMap::new();
    for (id, name, siren) in clients::identities(conn)? {
        by_name.entry(same_name(&name)).or_insert(id);
        if let Some(s) = siren {
            by_siren.entry(s).or_insert(id);
        }
    }
    // name → (line, siren, e-mail) of the rows seen so far.
    let mut seen: HashMap<String, Vec<(usize, String, String)>> = HashMap::new();
    for row in rows.iter_mut() {
        let bad_siret = siret_to_siren(&mut row.values);
        let form_errors = match &bad_siret {
            // The form would call the 14 digits a bad SIREN: it is a bad SIRET.
            Some(_) => clients::validate(
                conn,
                &ClientInput {
                    siren: String::new(),
                    ..row.values.clone()
                },
            )?,
            None => clients::validate(conn, &row.values)?,
        };
        row.errors.extend(bad_siret);
        row.errors.extend(form_errors);
        let name = same_name(&row.values.name);
        if name.is_empty() {
            continue;
        }
        let siren = if row.errors.iter().any(|e| e.field == "siren") || row.values.private {
            String::new()
        } else {
            digits(&row.values.siren)
        };
        let email = row.values.email.trim().to_lowercase();
        let earlier = seen.entry(name.clone()).or_default();
        if let Some((line, ..)) = earlier.iter().find(|(_, s, e)| {
            (!siren.is_empty() && *s == siren)
                || (!email.is_empty() && *e == email)
                || (siren.is_empty() && email.is_empty() && s.is_empty() && e.is_empty())
        }) {
            row.duplicate_of = Some(*line);
            row.errors.push(FieldError::new(
                "name",
                "import_duplicate_row",
                format!("the same client as line {line}"),
            ));
        } else {
            earlier.push((row.line, siren.clone(), email));
        }
        let existing = by_siren
            .get(&siren)
            .map(|id| ("siren", *id))
            .or_else(|| by_name.get(&name).map(|id| ("name", *id)));
        if let Some((field, id)) = existing {
            row.existing_client = Some(id);
            row.errors.push(FieldError::new(
                field,
                "import_client_exists",
                format!("client {id} has this {field}"),
            ));
        }
    }
    Ok(())
}

/// Reads the file and checks every row; writes nothing. `mapping` is the one
/// she chose, or `None` to guess it from the header.
pub fn preview(conn: &Connection, bytes: &[u8], mapping: Option<Mapping>) -> Result<Preview> {
    let (text, encoding) = decode(bytes)?;
    let sep = separator(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sep)
        .from_reader(text.as_bytes());
    let unreadable = |e: csv::Error| {
        Error::field(
            "file",
            "import_unreadable",
            format!("the file is not a CSV: {e}"),
        )
    };
    let blank = |r: &csv::StringRecord| r.iter().all(|c| c.trim().is_empty());
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(Error::field("file", "import_empty", "the file is empty")),
            Some(r) => {
                let r = r.map_err(unreadable)?;
                if !blank(&r) {
                    break r;
                }
            }
        }
    };
    let columns: Vec<String> = header.iter().map(|c| c.trim().to_owned()).collect();
    let mapping = match mapping {
        None => guess(&columns),
        Some(m) if m.len() != columns.len() => {
            return Err(Error::field(
                "mapping",
                "import_mapping_invalid",
                format!("{} fields for {} columns", m.len(), columns.len()),
            ))
        }
        Some(m) => {
            let mut taken = HashSet::new();
            if let Some(f) = m.iter().flatten().find(|f| !taken.insert(**f)) {
                return Err(Error::field(
                    "mapping",
                    "import_field_twice",
                    format!("{f:?} is read from two columns"),
                ));
            }
            m
        }
    };
    let mut rows = Vec::new();
    let mut samples = Vec::new();
    for r in records {
        let r = r.map_err(unreadable)?;
        if !blank(&r) {
            if rows.is_empty() {
                samples = (0..columns.len())
                    .map(|i| r.get(i).unwrap_or_default().trim().to_owned())
                    .collect();
            }
            rows.push(row_input(&r, &mapping, columns.len()));
        }
    }
    if rows.is_empty() {
        return Err(Error::field(
            "file",
            "import_no_rows",
            "the file has a header and no row",
        ));
    }
    check_rows(conn, &mut rows)?;
    let invalid = rows.iter().filter(|r| !r.errors.is_empty()).count();
    let duplicates = rows
        .iter()
        .filter(|r| r.duplicate_of.is_some() || r.existing_client.is_some())
        .count();
    let problem = (!mapping.contains(&Some(Field::Name))).then(|| {
        FieldError::new(
            "mapping",
            "import_no_name_column",
            "no column is read as the client's name",
        )
    });
    Ok(Preview {
        columns,
        mapping,
        samples,
        fields: &Field::ALL,
        encoding,
        separator: char::from(sep),
        total: rows.len(),
        valid: rows.len() - invalid,
        invalid,
        duplicates,
        rows,
        problem,
    })
}

/// Creates a client for every row of the file but the `excluded` lines, in the
/// caller's transaction: all of them, or — when any kept row has an error, no
/// column is the name, or every row is excluded — none, with a coded error.
pub fn import(
    tx: &Transaction<'_>,
    bytes: &[u8],
    mapping: Option<Mapping>,
    excluded: &[usize],
) -> Result<ImportReport> {
    let preview = preview(tx, bytes, mapping)?;
    if let Some(problem) = preview.problem {
        return Err(Error::Invalid(vec![problem]));
    }
    let excluded: HashSet<usize> = excluded.iter().copied().collect();
    let kept: Vec<&RowPreview> = preview
        .rows
        .iter()
        .filter(|r| !excluded.contains(&r.line))
        .collect();
    if kept.is_empty() {
        return Err(Error::field(
            "file",
            "import_nothing_left",
            "every row is excluded",
        ));
    }
    let bad = kept.iter().filter(|r| !r.errors.is_empty()).count();
    if bad > 0 {
        return Err(Error::field(
            "file",
            "import_has_errors",
            format!("{bad} rows kept have errors: fix or exclude them"),
        ));
    }
    let created = clients::create_all(tx, kept.iter().map(|r| &r.values))?;
    Ok(ImportReport { created })
}

#[cfg(test)]
mod tests;
