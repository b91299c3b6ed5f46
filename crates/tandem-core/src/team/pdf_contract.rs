//! TEMPORARY: the types of the shared document engine's contract
//! (/tmp/engine-contract.md), so that the team documents can be built and tested
//! before the engine lands on `main`. No rendering happens here: when `main` is
//! merged, this file is deleted and `documents.rs` uses `crate::pdf` instead.
#![allow(dead_code)]

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub title: String,
    pub lang: &'static str,
    pub date: NaiveDate,
    pub logo: Option<Vec<u8>>,
    pub footer: Vec<String>,
    pub page_label: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title {
        text: String,
        subtitle: Option<String>,
    },
    Heading(String),
    Paragraph {
        text: String,
        style: Style,
    },
    Bullets(Vec<String>),
    KeyValues(Vec<(String, String)>),
    Columns(Vec<Vec<(String, Style)>>),
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    Checklist(Vec<ChecklistItem>),
    Totals(Vec<(String, String, Style)>),
    Signature {
        title: String,
        lines: Vec<String>,
    },
    Spacer(f32),
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

/// Stands in for `pdf::render` until the engine is merged: refuses with a coded
/// error rather than producing anything.
pub fn render(_doc: &Document) -> crate::Result<Vec<u8>> {
    Err(crate::Error::Unavailable(
        "the PDF engine is not merged in this build yet".into(),
    ))
}
