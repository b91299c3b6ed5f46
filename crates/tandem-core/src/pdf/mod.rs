//! The one document engine: plain data in, PDF bytes out.
//!
//! Quotes, invoices, credit notes, job descriptions and onboarding checklists all
//! describe themselves as a [`Document`] (a list of [`Block`]s) and call [`render`].
//! Nothing else in Tandem talks to printpdf. The engine owns the page: A4, margins,
//! the embedded Inter font (subset, so a page weighs a few tens of KB), wrapping,
//! page breaks that never split a line or a table row (nor a [`Block::Keep`], nor
//! a heading from its first lines, nor leave a page holding a line or two), the
//! table header repeated on every page, a running head on every page after the
//! first, and "Page i/n" written once the page count is known (layout.rs says how).
//!
//! The same `Document` always gives the same bytes (fixed font ids, dates from the
//! document, a file id derived from the content), so an issued invoice regenerated
//! from its snapshot is identical to the one sent.

mod draw;
mod fonts;
mod layout;

use chrono::NaiveDate;

pub use fonts::{sanitize, text_width, unprintable};

/// What to print. Every string is drawn as given: there is no markup.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// PDF metadata title, e.g. "Facture F-2026-0001".
    pub title: String,
    /// "fr" or "en": the PDF's /Lang.
    pub lang: &'static str,
    /// Metadata date: a fixed input date keeps the output reproducible.
    pub date: NaiveDate,
    /// PNG or JPEG bytes drawn at the top left of page 1.
    pub logo: Option<Vec<u8>>,
    /// Small grey lines at the bottom of every page.
    pub footer: Vec<String>,
    /// "Page {i}/{n}": `{i}` and `{n}` are replaced on each page.
    pub page_label: String,
    /// A small muted line at the top of every page after the first, e.g.
    /// "Facture F-2026-0001 — page {i}/{n}" (`{i}` and `{n}` replaced as in
    /// `page_label`), so a loose page still says what it belongs to. Those pages'
    /// content starts below it.
    pub running_head: Option<String>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The big heading at the top, with an optional line under it.
    Title {
        text: String,
        subtitle: Option<String>,
    },
    /// A section heading; never left alone at the bottom of a page.
    Heading(String),
    /// Wrapped text; `\n` starts a new line.
    Paragraph { text: String, style: Style },
    /// "• item" with a hanging indent.
    Bullets(Vec<String>),
    /// "Label   value" rows, the value wrapped in its own column.
    KeyValues(Vec<(String, String)>),
    /// Side-by-side blocks of lines (issuer | client).
    Columns(Vec<Vec<(String, Style)>>),
    /// Cells wrap; the header row is repeated at the top of every page.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// A box (ticked or not), a title and an optional detail line per item.
    Checklist(Vec<ChecklistItem>),
    /// Right-aligned label / amount pairs, kept together.
    Totals(Vec<(String, String, Style)>),
    /// A framed box with a title and lines, left blank below for a signature.
    Signature { title: String, lines: Vec<String> },
    /// Vertical space in millimetres.
    Spacer(f32),
    /// Blocks kept on one page: moved whole to the next page when they do not fit
    /// in the rest of this one (legal mentions with the bank details, say). A
    /// group taller than a page breaks like ordinary blocks.
    Keep(Vec<Block>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChecklistItem {
    pub done: bool,
    pub title: String,
    pub detail: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    /// Share of the table width (weights are normalised).
    pub weight: f32,
    pub align: Align,
}

impl Column {
    pub fn left(title: impl Into<String>, weight: f32) -> Column {
        Column {
            title: title.into(),
            weight,
            align: Align::Left,
        }
    }
    /// Figures: aligned on the right so the digits line up.
    pub fn right(title: impl Into<String>, weight: f32) -> Column {
        Column {
            title: title.into(),
            weight,
            align: Align::Right,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Normal,
    Bold,
    Small,
    Muted,
}

/// Lays the document out and serializes it.
pub fn render(doc: &Document) -> crate::Result<Vec<u8>> {
    let pages = layout::layout(doc)?;
    draw::draw(doc, &pages)
}

/// Refuses an image the engine could not draw (as a logo).
pub fn check_image(bytes: &[u8]) -> crate::Result<()> {
    draw::image_size(bytes).map(|_| ())
}

/// How many pages `doc` takes, without serializing it.
pub fn page_count(doc: &Document) -> crate::Result<usize> {
    Ok(layout::layout(doc)?.len())
}

/// The content of each page as text lines, without serializing: texts sharing a
/// baseline make one line, read left to right and joined by a space (a table
/// row's cells, a key and its value), lines top to bottom. The running head,
/// the footer and the page label are left out; a table header repeated at the
/// top of a page is in. A cheap view for tests of page breaking; the text is
/// as drawn (sanitized, wrapped).
pub fn page_lines(doc: &Document) -> crate::Result<Vec<Vec<String>>> {
    Ok(layout::layout(doc)?
        .iter()
        .map(|page| layout::text_lines(&page.items[..page.content]))
        .collect())
}

/// The running head of each page as drawn, `{i}` and `{n}` replaced: `None` on
/// page 1, and on every page when the document has none.
pub fn running_heads(doc: &Document) -> crate::Result<Vec<Option<String>>> {
    Ok(layout::layout(doc)?
        .into_iter()
        .map(|page| page.head)
        .collect())
}

#[cfg(test)]
pub(crate) mod tests;
