//! Lists: one query shape and one answer shape for every list the UI shows.
//!
//! Each domain's list query flattens a [`PageQuery`] (search, sort, direction,
//! page, page size) beside its own filters, so the JSON the UI sends is
//! `{ "search": "", "sort": "name", "direction": "asc", "page": 0,
//! "page_size": 50, ...filters }` for every list, and every list answers with a
//! [`Page`]. Only one page is ever read, so a list stays instant at 100 000 rows.

use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// What a list shows when the query does not say.
pub const DEFAULT_PAGE_SIZE: i64 = 50;
/// The most rows one call returns (lookups page through with this size).
pub const MAX_PAGE_SIZE: i64 = 200;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Asc,
    Desc,
}

impl Direction {
    pub fn sql(self) -> &'static str {
        match self {
            Direction::Asc => "ASC",
            Direction::Desc => "DESC",
        }
    }
}

/// The sort keys of one list. The default key is the list's natural order; its
/// direction is the one a query gets when it names none.
pub trait SortKey: Copy + Default {
    fn default_direction(self) -> Direction {
        Direction::Asc
    }
}

/// The part of a list query that every list shares.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, bound(deserialize = "S: SortKey + Deserialize<'de>"))]
pub struct PageQuery<S> {
    /// Matched case-insensitively (ASCII) as a substring; wildcards are literal.
    pub search: String,
    pub sort: S,
    pub direction: Direction,
    /// 0-based.
    pub page: i64,
    pub page_size: i64,
}

impl<S: SortKey> Default for PageQuery<S> {
    fn default() -> Self {
        let sort = S::default();
        Self {
            search: String::new(),
            sort,
            direction: sort.default_direction(),
            page: 0,
            page_size: DEFAULT_PAGE_SIZE,
        }
    }
}

impl<S> PageQuery<S> {
    /// Refuses a page size outside `1..=MAX_PAGE_SIZE` and a negative page.
    pub fn check(&self) -> Result<()> {
        if !(1..=MAX_PAGE_SIZE).contains(&self.page_size) {
            return Err(Error::field(
                "page_size",
                "out_of_range",
                format!("page_size must be 1..={MAX_PAGE_SIZE}"),
            ));
        }
        if self.page < 0 {
            return Err(Error::field("page", "out_of_range", "page must be >= 0"));
        }
        Ok(())
    }

    /// The search without surrounding spaces; empty means "everything".
    pub fn search(&self) -> &str {
        self.search.trim()
    }

    /// The LIKE pattern of the search (`%` alone when there is none).
    pub fn pattern(&self) -> String {
        like_pattern(self.search())
    }

    pub fn limit(&self) -> i64 {
        self.page_size
    }

    pub fn offset(&self) -> i64 {
        self.page * self.page_size
    }

    /// The answer: this page's items and how many match over all pages.
    pub fn page_of<T>(&self, items: Vec<T>, total: i64) -> Page<T> {
        Page {
            items,
            total,
            page: self.page,
            page_size: self.page_size,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// How many items match, over all pages.
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

/// Escapes LIKE wildcards so that a search for "50%" finds "50%", not everything.
/// Use with `ESCAPE '\'`.
pub fn like_pattern(search: &str) -> String {
    let mut p = String::from("%");
    for ch in search.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(ch);
    }
    p.push('%');
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Sort {
        #[default]
        Date,
        Name,
    }
    impl SortKey for Sort {
        fn default_direction(self) -> Direction {
            match self {
                Sort::Date => Direction::Desc,
                Sort::Name => Direction::Asc,
            }
        }
    }

    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct Query {
        archived: bool,
        #[serde(flatten)]
        paging: PageQuery<Sort>,
    }

    #[test]
    fn a_domain_query_flattens_the_shared_shape_with_defaults() {
        let q: Query = serde_json::from_value(serde_json::json!({
            "archived": true, "search": " 50% ", "sort": "name", "page": 2
        }))
        .unwrap();
        assert!(q.archived);
        assert_eq!(q.paging.sort, Sort::Name);
        assert_eq!(q.paging.search(), "50%");
        assert_eq!(q.paging.pattern(), "%50\\%%");
        assert_eq!((q.paging.page, q.paging.page_size), (2, DEFAULT_PAGE_SIZE));
        assert_eq!(q.paging.offset(), 100);
        let empty: Query = serde_json::from_value(serde_json::json!({})).unwrap();
        assert_eq!(
            empty.paging.direction,
            Direction::Desc,
            "the default key's own"
        );
        assert_eq!(empty.paging.pattern(), "%%");
    }

    #[test]
    fn page_bounds_are_refused() {
        for (page, page_size) in [(0, 0), (0, MAX_PAGE_SIZE + 1), (-1, 10)] {
            let q = PageQuery::<Sort> {
                page,
                page_size,
                ..Default::default()
            };
            assert_eq!(q.check().unwrap_err().code(), "out_of_range");
        }
        assert!(PageQuery::<Sort>::default().check().is_ok());
    }
}
