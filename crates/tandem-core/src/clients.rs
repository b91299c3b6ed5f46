//! Clients: the entrepreneurs and companies the user works for.

use crate::catalog::{Currency, Language};
use crate::db::NOW;
use crate::error::{Error, FieldError, Result};
use crate::paging::{Page, PageQuery, SortKey};
use crate::validate::{self, Checker, Form, Need, NOTES_MAX};
use rusqlite::{Connection, OptionalExtension, Row, ToSql};
use serde::{Deserialize, Serialize};

/// The client form as typed (every field a string; empty means not given).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientInput {
    pub name: String,
    pub contact_name: String,
    pub email: String,
    pub phone: String,
    pub address_line1: String,
    pub address_line2: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub siren: String,
    pub vat_number: String,
    pub doc_language: String,
    pub currency: String,
    pub notes: String,
    /// A private person (« particulier »), not a business: no SIREN or VAT number,
    /// no professional late penalties, the consumer VAT rules.
    pub private: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Client {
    pub id: i64,
    pub name: String,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address_line1: Option<String>,
    pub address_line2: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub country: String,
    pub siren: Option<String>,
    pub vat_number: Option<String>,
    pub doc_language: Language,
    pub currency: Currency,
    pub notes: Option<String>,
    pub private: bool,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// What the client list shows of each client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClientRow {
    pub id: i64,
    pub name: String,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub city: Option<String>,
    pub country: String,
    pub currency: Currency,
    pub private: bool,
    pub archived: bool,
    pub created_at: String,
    /// Collaborations whose status is `active`.
    pub active_collaborations: i64,
}

/// A checked client form: the validated, normalized content.
pub struct Fields {
    name: String,
    contact_name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    address_line1: Option<String>,
    address_line2: Option<String>,
    postal_code: Option<String>,
    city: Option<String>,
    country: String,
    siren: Option<String>,
    vat_number: Option<String>,
    doc_language: Language,
    currency: Currency,
    notes: Option<String>,
    private: bool,
}

impl Form for ClientInput {
    type Parsed = Fields;
    fn check(&self, _: &Connection, _: Option<i64>, c: &mut Checker) -> Result<Fields> {
        Ok(check(self, c))
    }
}

fn check(input: &ClientInput, c: &mut Checker) -> Fields {
    // Checked first so that the first error follows the form's order.
    let name = c
        .line("name", &input.name, Need::Required)
        .unwrap_or_default();
    let country = c
        .with("country", &input.country, Need::Required, validate::country)
        .unwrap_or_default();
    // A private person has neither a SIREN nor a VAT number: what the form may
    // still hold from before the box was ticked is dropped, not refused.
    let (siren_in, vat_in) = if input.private {
        ("", "")
    } else {
        (input.siren.as_str(), input.vat_number.as_str())
    };
    let siren = c.with("siren", siren_in, Need::Optional, validate::siren);
    let vat_number = c.with("vat_number", vat_in, Need::Optional, |v| {
        let vat = validate::vat_number(v, &country)?;
        // A French VAT number embeds the SIREN: both must name the same company.
        match (&siren, vat.strip_prefix("FR")) {
            (Some(s), Some(body)) if body.len() == 11 && &body[2..] != s => Err((
                "invalid_vat_number",
                format!("{vat} does not match SIREN {s}"),
            )),
            _ => Ok(vat),
        }
    });
    Fields {
        name,
        contact_name: c.line("contact_name", &input.contact_name, Need::Optional),
        email: c.with("email", &input.email, Need::Optional, validate::email),
        phone: c.with("phone", &input.phone, Need::Optional, validate::phone),
        address_line1: c.line("address_line1", &input.address_line1, Need::Optional),
        address_line2: c.line("address_line2", &input.address_line2, Need::Optional),
        postal_code: c.with("postal_code", &input.postal_code, Need::Optional, |v| {
            validate::postal_code(v, &country)
        }),
        city: c.line("city", &input.city, Need::Optional),
        siren,
        vat_number,
        doc_language: c
            .choice("doc_language", &input.doc_language, Need::Required)
            .unwrap_or(Language::Fr),
        currency: c
            .choice("currency", &input.currency, Need::Required)
            .unwrap_or(Currency::Eur),
        notes: c.text("notes", &input.notes, Need::Optional, NOTES_MAX),
        private: input.private,
        country,
    }
}

/// Field errors of a client form, for validation as the user types. Writes nothing.
pub fn validate(conn: &Connection, input: &ClientInput) -> Result<Vec<FieldError>> {
    validate::errors(conn, input, None)
}

/// The one rule for the client that work is for (a document, a collaboration, a
/// recruit, a job description): it must exist, and new work never goes to an
/// archived client. `keeps` is the client of the record being edited, if any: a
/// record keeps an archived client it already had (so an archived client's draft
/// can still be corrected), but nothing moves to one. Pushes `required`,
/// `not_found` or `client_archived` on `client_id`; returns the client when it
/// exists and is allowed.
pub fn require_active(
    conn: &Connection,
    c: &mut Checker,
    id: Option<i64>,
    need: Need,
    keeps: Option<i64>,
) -> Result<Option<Client>> {
    let Some(id) = id else {
        if need == Need::Required {
            c.push("client_id", "required", "choose a client");
        }
        return Ok(None);
    };
    match get(conn, id) {
        Ok(client) if client.archived && keeps != Some(id) => {
            c.push(
                "client_id",
                "client_archived",
                format!("client {id} is archived"),
            );
            Ok(None)
        }
        Ok(client) => Ok(Some(client)),
        Err(Error::NotFound { .. }) => {
            c.push("client_id", "not_found", format!("client {id} not found"));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

const COLUMNS: &str = "id, name, contact_name, email, phone, address_line1, address_line2,
    postal_code, city, country, siren, vat_number, doc_language, currency, notes, archived,
    created_at, updated_at, private";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Client> {
    Ok(Client {
        id: r.get(0)?,
        name: r.get(1)?,
        contact_name: r.get(2)?,
        email: r.get(3)?,
        phone: r.get(4)?,
        address_line1: r.get(5)?,
        address_line2: r.get(6)?,
        postal_code: r.get(7)?,
        city: r.get(8)?,
        country: r.get(9)?,
        siren: r.get(10)?,
        vat_number: r.get(11)?,
        doc_language: r.get(12)?,
        currency: r.get(13)?,
        notes: r.get(14)?,
        archived: r.get(15)?,
        created_at: r.get(16)?,
        updated_at: r.get(17)?,
        private: r.get(18)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Client> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM clients WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "client",
        id,
        field: None,
    })
}

/// The columns a client form writes, in the order of [`Fields::values`].
const WRITTEN: &str = "name, contact_name, email, phone, address_line1, address_line2,
    postal_code, city, country, siren, vat_number, doc_language, currency, notes, private";
const PLACEHOLDERS: &str = "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15";

impl Fields {
    fn values(&self) -> Vec<&dyn ToSql> {
        vec![
            &self.name,
            &self.contact_name,
            &self.email,
            &self.phone,
            &self.address_line1,
            &self.address_line2,
            &self.postal_code,
            &self.city,
            &self.country,
            &self.siren,
            &self.vat_number,
            &self.doc_language,
            &self.currency,
            &self.notes,
            &self.private,
        ]
    }
}

pub fn create(conn: &Connection, input: &ClientInput) -> Result<Client> {
    let f = validate::parse(conn, input, None)?;
    conn.execute(
        &format!(
            "INSERT INTO clients ({WRITTEN}, created_at, updated_at)
             VALUES ({PLACEHOLDERS}, {NOW}, {NOW})"
        ),
        f.values().as_slice(),
    )?;
    get(conn, conn.last_insert_rowid())
}

/// Creates every client of `inputs` with the checks of [`create`] (each one goes
/// through the same `validate::parse`) and one prepared statement; refuses them
/// all at the first invalid one. For an import: the caller's transaction makes it
/// all or nothing. Returns how many were created.
pub fn create_all<'a>(
    conn: &Connection,
    inputs: impl IntoIterator<Item = &'a ClientInput>,
) -> Result<usize> {
    let mut insert = conn.prepare_cached(&format!(
        "INSERT INTO clients ({WRITTEN}, created_at, updated_at)
         VALUES ({PLACEHOLDERS}, {NOW}, {NOW})"
    ))?;
    let mut created = 0;
    for input in inputs {
        let f = validate::parse(conn, input, None)?;
        insert.execute(f.values().as_slice())?;
        created += 1;
    }
    Ok(created)
}

/// Who is already a client: `(id, name, siren)` of every client, archived ones
/// included, for an import to tell a new client from one she already has.
pub fn identities(conn: &Connection) -> Result<Vec<(i64, String, Option<String>)>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, siren FROM clients")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

pub fn update(conn: &Connection, id: i64, input: &ClientInput) -> Result<Client> {
    get(conn, id)?;
    let f = validate::parse(conn, input, Some(id))?;
    let mut values = f.values();
    values.push(&id);
    conn.execute(
        &format!(
            "UPDATE clients SET ({WRITTEN}) = ({PLACEHOLDERS}), updated_at = {NOW}
             WHERE id = ?{}",
            values.len()
        ),
        values.as_slice(),
    )?;
    get(conn, id)
}

/// Archived clients leave the everyday lists but keep their history.
pub fn set_archived(conn: &Connection, id: i64, archived: bool) -> Result<Client> {
    get(conn, id)?;
    conn.execute(
        &format!("UPDATE clients SET archived = ?2, updated_at = {NOW} WHERE id = ?1"),
        (id, archived),
    )?;
    get(conn, id)
}

/// Which clients a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArchivedFilter {
    #[default]
    Active,
    Archived,
    All,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientSort {
    #[default]
    Name,
    City,
    CreatedAt,
    Collaborations,
}

impl SortKey for ClientSort {}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ClientQuery {
    pub archived: ArchivedFilter,
    #[serde(flatten)]
    pub paging: PageQuery<ClientSort>,
}

/// One page of clients matching a search (name, contact, e-mail, city; accents and
/// case as typed are matched case-insensitively for ASCII), sorted, with the total.
pub fn list(conn: &Connection, q: &ClientQuery) -> Result<Page<ClientRow>> {
    let p = &q.paging;
    p.check()?;
    let search = p.search();
    let mut filters = vec!["1 = 1"];
    match q.archived {
        ArchivedFilter::Active => filters.push("c.archived = 0"),
        ArchivedFilter::Archived => filters.push("c.archived = 1"),
        ArchivedFilter::All => {}
    }
    if !search.is_empty() {
        filters.push(
            "(c.name LIKE ?1 ESCAPE '\\' OR c.contact_name LIKE ?1 ESCAPE '\\'
              OR c.email LIKE ?1 ESCAPE '\\' OR c.city LIKE ?1 ESCAPE '\\')",
        );
    }
    let filter = filters.join(" AND ");
    let dir = p.direction.sql();
    // Ties are broken by id so paging never shows a row twice or skips one.
    let order = match p.sort {
        ClientSort::Name => format!("c.name COLLATE NOCASE {dir}, c.id {dir}"),
        ClientSort::City => {
            format!("c.city IS NULL, c.city COLLATE NOCASE {dir}, c.name COLLATE NOCASE, c.id")
        }
        ClientSort::CreatedAt => format!("c.created_at {dir}, c.id {dir}"),
        ClientSort::Collaborations => {
            format!("active_collaborations {dir}, c.name COLLATE NOCASE, c.id")
        }
    };
    let pattern = p.pattern();
    // ?1 (the pattern) is always bound; `?1 IS NOT NULL` keeps it used when there is
    // no search, since SQLite statements must use every parameter they are given.
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM clients c WHERE {filter} AND (?1 IS NOT NULL)"),
        [&pattern],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, c.name, c.contact_name, c.email, c.city, c.country, c.currency, c.archived,
                c.created_at, c.private,
                (SELECT count(*) FROM collaborations k
                  WHERE k.client_id = c.id AND k.status = 'active') AS active_collaborations
         FROM clients c
         WHERE {filter} AND (?1 IS NOT NULL)
         ORDER BY {order}
         LIMIT ?2 OFFSET ?3"
    ))?;
    let items = stmt
        .query_map((&pattern, p.limit(), p.offset()), |r| {
            Ok(ClientRow {
                id: r.get(0)?,
                name: r.get(1)?,
                contact_name: r.get(2)?,
                email: r.get(3)?,
                city: r.get(4)?,
                country: r.get(5)?,
                currency: r.get(6)?,
                archived: r.get(7)?,
                created_at: r.get(8)?,
                private: r.get(9)?,
                active_collaborations: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(p.page_of(items, total))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::paging::Direction;
    use crate::testing::{acme, temp_db};

    #[test]
    fn create_get_update_archive() {
        let t = temp_db();
        let c = t.db.write(|tx| create(tx, &acme())).unwrap();
        assert_eq!(c.name, "Atelier Lumière");
        assert_eq!(c.siren.as_deref(), Some("732829320"));
        assert!(!c.archived);
        let edited = ClientInput {
            city: "Villeurbanne".into(),
            postal_code: "69100".into(),
            ..acme()
        };
        let c2 = t.db.write(|tx| update(tx, c.id, &edited)).unwrap();
        assert_eq!(c2.city.as_deref(), Some("Villeurbanne"));
        assert_eq!(c2.created_at, c.created_at);
        let archived = t.db.write(|tx| set_archived(tx, c.id, true)).unwrap();
        assert!(archived.archived);
        assert_eq!(
            t.db.read(|c| list(c, &ClientQuery::default()))
                .unwrap()
                .total,
            0
        );
        let all = ClientQuery {
            archived: ArchivedFilter::All,
            ..Default::default()
        };
        assert_eq!(t.db.read(|c| list(c, &all)).unwrap().total, 1);
        assert!(
            !t.db
                .write(|tx| set_archived(tx, c.id, false))
                .unwrap()
                .archived
        );
    }

    #[test]
    fn bad_input_is_refused_field_by_field_and_nothing_is_written() {
        let t = temp_db();
        let bad = ClientInput {
            name: "".into(),
            email: "camille@".into(),
            siren: "732829321".into(),
            vat_number: "FR00123".into(),
            currency: "BTC".into(),
            doc_language: "de".into(),
            ..acme()
        };
        let err = t.db.write(|tx| create(tx, &bad)).unwrap_err();
        let mut fields: Vec<_> = err
            .field_errors()
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect();
        fields.sort_unstable();
        assert_eq!(
            fields,
            [
                ("currency", "invalid_choice"),
                ("doc_language", "invalid_choice"),
                ("email", "invalid_email"),
                ("name", "required"),
                ("siren", "invalid_siren"),
                ("vat_number", "invalid_vat_number"),
            ]
        );
        assert_eq!(
            t.db.read(|c| list(c, &ClientQuery::default()))
                .unwrap()
                .total,
            0
        );
        // A VAT number of another company than the SIREN.
        let mismatch = ClientInput {
            vat_number: "FR83404833048".into(),
            ..acme()
        };
        assert_eq!(
            t.db.read(|c| validate(c, &mismatch)).unwrap()[0].code,
            "invalid_vat_number"
        );
        // Unknown ids.
        assert_eq!(
            t.db.write(|tx| update(tx, 999, &acme()))
                .unwrap_err()
                .code(),
            "not_found"
        );
        assert_eq!(
            t.db.write(|tx| set_archived(tx, 999, true))
                .unwrap_err()
                .code(),
            "not_found"
        );
        assert_eq!(t.db.read(|c| get(c, 999)).unwrap_err().code(), "not_found");
    }

    #[test]
    fn hostile_text_is_stored_as_is() {
        let t = temp_db();
        let name = "<img src=x onerror=alert(1)>";
        let c =
            t.db.write(|tx| {
                create(
                    tx,
                    &ClientInput {
                        name: name.into(),
                        ..acme()
                    },
                )
            })
            .unwrap();
        assert_eq!(c.name, name);
    }

    #[test]
    fn search_sort_and_pages() {
        let t = temp_db();
        t.db.write(|tx| {
            for (i, (name, city)) in [
                ("Zoé Conseil", "Paris"),
                ("alpha studio", "Lyon"),
                ("Beta 50% Off", "Nantes"),
                ("Gamma", ""),
            ]
            .iter()
            .enumerate()
            {
                let c = create(
                    tx,
                    &ClientInput {
                        name: (*name).into(),
                        city: (*city).into(),
                        email: String::new(),
                        siren: String::new(),
                        vat_number: String::new(),
                        ..acme()
                    },
                )?;
                assert_eq!(c.id, i as i64 + 1);
            }
            Ok(())
        })
        .unwrap();
        let names = |paging: PageQuery<ClientSort>| -> Vec<String> {
            let q = ClientQuery {
                paging,
                ..Default::default()
            };
            t.db.read(|c| list(c, &q))
                .unwrap()
                .items
                .into_iter()
                .map(|r| r.name)
                .collect()
        };
        assert_eq!(
            names(PageQuery::default()),
            ["alpha studio", "Beta 50% Off", "Gamma", "Zoé Conseil"]
        );
        assert_eq!(
            names(PageQuery {
                direction: Direction::Desc,
                ..Default::default()
            }),
            ["Zoé Conseil", "Gamma", "Beta 50% Off", "alpha studio"]
        );
        assert_eq!(
            names(PageQuery {
                search: "50%".into(),
                ..Default::default()
            }),
            ["Beta 50% Off"]
        );
        assert_eq!(
            names(PageQuery {
                search: "lyon".into(),
                ..Default::default()
            }),
            ["alpha studio"]
        );
        assert_eq!(
            names(PageQuery {
                search: "_".into(),
                ..Default::default()
            }),
            Vec::<String>::new()
        );
        assert_eq!(
            names(PageQuery {
                sort: ClientSort::City,
                ..Default::default()
            }),
            ["alpha studio", "Beta 50% Off", "Zoé Conseil", "Gamma"],
            "clients without a city come last"
        );
        let page =
            t.db.read(|c| {
                list(
                    c,
                    &ClientQuery {
                        paging: PageQuery {
                            page_size: 3,
                            page: 1,
                            ..Default::default()
                        },
                        ..Default::default()
                    },
                )
            })
            .unwrap();
        assert_eq!((page.total, page.items.len()), (4, 1));
        assert_eq!(
            t.db.read(|c| list(
                c,
                &ClientQuery {
                    paging: PageQuery {
                        page_size: 0,
                        ..Default::default()
                    },
                    ..Default::default()
                }
            ))
            .unwrap_err()
            .code(),
            "out_of_range"
        );
    }

    /// 10 000 clients: every page together lists each client exactly once.
    #[test]
    fn paging_through_ten_thousand_clients_sees_each_once() {
        let t = temp_db();
        t.db.write(|tx| {
            let mut st = tx.prepare(&format!(
                "INSERT INTO clients (name, city, country, doc_language, currency, created_at, updated_at)
                 VALUES (?1, ?2, 'FR', 'fr', 'EUR', {NOW}, {NOW})"
            ))?;
            for i in 0..10_000 {
                // Many equal names: ties must be broken stably.
                st.execute((format!("Client {}", i % 700), format!("Ville {}", i % 37)))?;
            }
            Ok(())
        })
        .unwrap();
        for sort in [
            ClientSort::Name,
            ClientSort::City,
            ClientSort::CreatedAt,
            ClientSort::Collaborations,
        ] {
            let mut seen = std::collections::HashSet::new();
            let mut page = 0;
            loop {
                let p =
                    t.db.read(|c| {
                        list(
                            c,
                            &ClientQuery {
                                paging: PageQuery {
                                    sort,
                                    page,
                                    page_size: 200,
                                    ..Default::default()
                                },
                                ..Default::default()
                            },
                        )
                    })
                    .unwrap();
                assert_eq!(p.total, 10_000);
                if p.items.is_empty() {
                    break;
                }
                for r in p.items {
                    assert!(seen.insert(r.id), "{sort:?}: client {} listed twice", r.id);
                }
                page += 1;
            }
            assert_eq!(seen.len(), 10_000, "{sort:?}");
        }
    }
}
