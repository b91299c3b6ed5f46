//! The one document engine: plain data in, PDF bytes out.
//!
//! Quotes, invoices, credit notes, job descriptions and onboarding checklists all
//! describe themselves as a [`Document`] (a list of [`Block`]s) and call [`render`].
//! Nothing else in Tandem talks to printpdf. The engine owns the page: A4, margins,
//! the embedded Inter font (subset, so a page weighs a few tens of KB), wrapping,
//! page breaks that never split a line or a table row, keep a heading with its
//! first lines and a `Keep` group whole, and leave no last page of a line or
//! two; the table header repeated on every page, a running head on continuation
//! pages, and "Page i/n" written once the page count is known.
//!
//! The same `Document` always gives the same bytes (fixed font ids, dates from the
//! document, a file id derived from the content), so an issued invoice regenerated
//! from its snapshot is identical to the one sent.

mod draw;
mod fonts;
mod layout;

use chrono::NaiveDate;

pub use fonts::{sanitize, text_width};

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
    /// A line atop every page after the first, « Facture F-2026-0001 — page
    /// {i}/{n} », so a loose page still says what it belongs to.
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
    /// Blocks kept on one page: moved whole to the next page when they do not
    /// fit the rest of this one (the legal mentions and the bank details). A
    /// group taller than a page breaks like any other content.
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

/// The text lines of each page's content, top to bottom (not the running head,
/// the footer nor a repeated table header): for tests and checks that need no
/// PDF tool.
pub fn page_lines(doc: &Document) -> crate::Result<Vec<Vec<String>>> {
    Ok(layout::layout(doc)?.into_iter().map(|p| p.lines).collect())
}

/// How many pages `doc` takes, without serializing it.
pub fn page_count(doc: &Document) -> crate::Result<usize> {
    Ok(layout::layout(doc)?.len())
}

#[cfg(test)]
pub(crate) mod tests;
