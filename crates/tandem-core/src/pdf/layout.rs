//! Blocks → pages of positioned items. Everything is in points, `y` measured from
//! the top of the page (draw.rs flips it for PDF).
//!
//! Each block becomes a list of *units*: the smallest things that must stay on one
//! page (a line of a paragraph, a table row, the whole totals box). Each unit says
//! how it is [`Tie`]d to the next one, and pagination only decides where to cut
//! between units that are not tied:
//!
//! - a heading stays with its first two lines of content, a paragraph leaves no
//!   single first or last line alone, a table header stays with its first row, a
//!   list's first item stays with its second (ties of kind [`Tie::Line`]);
//! - the blocks of a `Block::Keep` stay on one page ([`Tie::Group`]);
//! - a chain of tied units taller than a whole page loosens first its group ties,
//!   then its line ties ([`relax`]), so it breaks like ordinary text instead of
//!   pushing every unit onto a page of its own;
//! - a table row opening a page is preceded by its table's header again;
//! - no page but a lone first one holds fewer than [`MIN_LINES`] lines of content:
//!   the page before gives up its last units ([`balance`]).
//!
//! Pages after the first start below an optional running head; every page ends
//! with the footer and the page label, written once the page count is known.

use super::fonts::{sanitize, text_width};
use super::{Align, Block, Document, Style};
use std::collections::BTreeSet;
use std::rc::Rc;

const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const MARGIN_TOP: f32 = 46.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
const FOOTER_LINE: f32 = 10.0;
const LOGO_MAX_W: f32 = 150.0;
const LOGO_MAX_H: f32 = 56.0;
/// Top of the running head's line box on pages after the first; it sits in the
/// top margin, so those pages lose only 10 pt of content to it.
const HEAD_TOP: f32 = 30.0;
/// Where content starts on pages after the first when there is a running head.
const HEAD_CONTENT_TOP: f32 = 56.0;
/// Fewer lines than this on a page reads as a leftover (a lone total, the last
/// two lines of a section): such a page takes lines from the one before.
pub(crate) const MIN_LINES: usize = 3;
/// Text items whose baselines are closer than this are on one line (a key-value
/// row's label sits 0.45 pt lower than its value).
const SAME_LINE: f32 = 2.0;

pub(crate) type Rgb = (f32, f32, f32);
pub(crate) const INK: Rgb = (0.11, 0.12, 0.15);
pub(crate) const MUTED: Rgb = (0.40, 0.43, 0.48);
pub(crate) const ACCENT: Rgb = (0.19, 0.30, 0.58);
pub(crate) const RULE: Rgb = (0.82, 0.84, 0.87);
pub(crate) const SHADE: Rgb = (0.94, 0.95, 0.97);
pub(crate) const WHITE: Rgb = (1.0, 1.0, 1.0);

#[derive(Debug, Clone)]
pub(crate) enum Item {
    /// `y` is the baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
        width: f32,
    },
    Logo {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
    },
}

impl Item {
    fn shifted(&self, dy: f32) -> Item {
        let mut item = self.clone();
        match &mut item {
            Item::Text { y, .. } | Item::Rect { y, .. } | Item::Logo { y, .. } => *y += dy,
            Item::Line { y1, y2, .. } => {
                *y1 += dy;
                *y2 += dy;
            }
        }
        item
    }
}

#[derive(Default)]
pub(crate) struct Page {
    pub items: Vec<Item>,
    /// `items[..content]` is the page's content; the items after it are the
    /// running head and footer, added once the page count is known.
    pub content: usize,
    /// The running head as drawn on this page (never on page 1).
    pub head: Option<String>,
}

/// How a unit is tied to the next one, i.e. whether a page may end after it.
/// Ordered: a stronger tie survives the loosening of a weaker one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Tie {
    /// A page may end here.
    #[default]
    Free,
    /// Inside a `Block::Keep`; loosened when the group is taller than a page.
    Group,
    /// Typography (heading with its first lines, orphan and widow lines, table
    /// header with its first row, first list item with the second); loosened only
    /// when the chain it makes is itself taller than a page.
    Line,
}

/// What a unit is, for the ties and the line count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Role {
    #[default]
    Content,
    /// Introduces content: it is not content a page can be left holding.
    Heading,
    /// Drawn again on every page, like the running head: counts no lines.
    TableHeader,
}

/// Something that must not be split across pages; its items are relative to its top.
#[derive(Default)]
struct Unit {
    height: f32,
    items: Vec<Item>,
    /// Space above, dropped when the unit opens a page.
    space_before: f32,
    tie: Tie,
    role: Role,
    /// Lines of content (text baselines), for [`MIN_LINES`]: a totals box of
    /// three rows is three lines, a heading or a table header none.
    lines: usize,
    /// A table header to repeat when this unit opens a page.
    header: Option<Rc<Unit>>,
}

struct Font {
    size: f32,
    bold: bool,
    color: Rgb,
}

impl Font {
    fn of(style: Style) -> Font {
        match style {
            Style::Normal => Font::new(9.5, false, INK),
            Style::Bold => Font::new(9.5, true, INK),
            Style::Small => Font::new(8.0, false, INK),
            Style::Muted => Font::new(8.5, false, MUTED),
        }
    }
    fn new(size: f32, bold: bool, color: Rgb) -> Font {
        Font { size, bold, color }
    }
    fn line_height(&self) -> f32 {
        self.size * 1.38
    }
    fn width(&self, text: &str) -> f32 {
        text_width(text, self.size, self.bold)
    }
    /// Greedy word wrap; a word wider than the line is cut between characters.
    fn wrap(&self, text: &str, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                for c in word.chars() {
                    line.push(c);
                    if self.width(&line) > width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    }
                }
            }
            lines.push(line);
        }
        lines
    }
    /// Wrapped text as items from `top`, returning the items and the height used.
    fn text_block(
        &self,
        text: &str,
        x: f32,
        top: f32,
        width: f32,
        align: Align,
    ) -> (Vec<Item>, f32) {
        let lines = self.wrap(text, width);
        let lh = self.line_height();
        let items = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.is_empty())
            .map(|(i, l)| {
                self.text(
                    l,
                    aligned(x, width, self.width(l), align),
                    top + lh * i as f32,
                )
            })
            .collect();
        (items, lh * lines.len() as f32)
    }
    /// One line of text whose line box starts at `top`.
    fn text(&self, text: &str, x: f32, top: f32) -> Item {
        Item::Text {
            x,
            y: top + self.size * 1.05,
            size: self.size,
            bold: self.bold,
            color: self.color,
            text: text.to_owned(),
        }
    }
}

fn aligned(x: f32, width: f32, text_w: f32, align: Align) -> f32 {
    match align {
        Align::Left => x,
        Align::Right => x + width - text_w,
    }
}

fn rule(x1: f32, x2: f32, y: f32, color: Rgb, width: f32) -> Item {
    Item::Line {
        x1,
        y1: y,
        x2,
        y2: y,
        color,
        width,
    }
}

/// Where the pages' content goes. Page 1 starts below the logo; the others
/// below the running head, if there is one.
struct Frame {
    first_top: f32,
    /// Whether the first unit of page 1 keeps its space above (under a logo).
    first_keeps_space: bool,
    top: f32,
    bottom: f32,
}

pub(crate) fn layout(doc: &Document) -> crate::Result<Vec<Page>> {
    let logo = match &doc.logo {
        Some(bytes) => Some(logo_size(bytes)?),
        None => None,
    };
    let mut units = units(doc);
    let footer = doc.footer.len() as f32 * FOOTER_LINE + 22.0;
    let frame = Frame {
        first_top: MARGIN_TOP + logo.map_or(0.0, |(_, h)| h + 14.0),
        first_keeps_space: logo.is_some(),
        top: if doc.running_head.is_some() {
            HEAD_CONTENT_TOP
        } else {
            MARGIN_TOP
        },
        bottom: PAGE_H - 30.0 - footer,
    };
    relax(&mut units, &frame);
    let starts = balance(&units, &frame);
    let mut pages = build(&units, &starts, &frame);
    if let (Some((w, h)), Some(first)) = (logo, pages.first_mut()) {
        first.items.insert(
            0,
            Item::Logo {
                x: MARGIN_X,
                y: MARGIN_TOP,
                w,
                h,
            },
        );
    }
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.content = page.items.len();
        if let Some(head) = doc.running_head.as_ref().filter(|_| i > 0) {
            let text = sanitize(&page_numbers(head, i + 1, count));
            page.items.extend(running_head(&text));
            page.head = Some(text);
        }
        page.items.extend(page_footer(doc, i + 1, count));
    }
    Ok(pages)
}

/// Every chain of tied units must fit on a fresh page, or pagination could only
/// give each of its units a page of its own. A chain that does not fit first
/// loses its group ties (a `Keep` taller than a page breaks like ordinary text),
/// then, if what is left is still too tall, all its ties: then only the unit
/// itself, plus its heading's lines, has to fit.
fn relax(units: &mut [Unit], frame: &Frame) {
    let room = frame.bottom - frame.top;
    for level in [Tie::Group, Tie::Line] {
        let mut i = 0;
        while i < units.len() {
            let mut j = i;
            while units[j].tie != Tie::Free && j + 1 < units.len() {
                j += 1;
            }
            let height = units[i].header.as_ref().map_or(0.0, |h| h.height)
                + units[i].height
                + units[i + 1..=j]
                    .iter()
                    .map(|u| u.space_before + u.height)
                    .sum::<f32>();
            if height > room {
                for unit in &mut units[i..j] {
                    if unit.tie <= level {
                        unit.tie = Tie::Free;
                    }
                }
            }
            i = j + 1;
        }
    }
}

/// Greedy pagination: the index of the first unit of each page. A unit goes on
/// the current page when it and every unit it is tied to fit there; otherwise
/// (or when `forced` says so) it opens a new page. Must measure exactly as
/// [`build`] places.
fn paginate(units: &[Unit], frame: &Frame, forced: &BTreeSet<usize>) -> Vec<usize> {
    // end[i]: the last unit that must share a page with unit i.
    let mut end: Vec<usize> = (0..units.len()).collect();
    for i in (0..units.len().saturating_sub(1)).rev() {
        if units[i].tie != Tie::Free {
            end[i] = end[i + 1];
        }
    }
    let mut starts = vec![0];
    let mut y = frame.first_top;
    for (i, unit) in units.iter().enumerate() {
        let space = if i == 0 && !frame.first_keeps_space {
            0.0
        } else {
            unit.space_before
        };
        let tied: f32 = units[i + 1..=end[i]]
            .iter()
            .map(|u| u.space_before + u.height)
            .sum();
        // A page is never left empty: a unit taller than a page overflows it.
        if i > 0 && (forced.contains(&i) || y + space + unit.height + tied > frame.bottom) {
            starts.push(i);
            y = frame.top + unit.header.as_ref().map_or(0.0, |h| h.height) + unit.height;
        } else {
            y += space + unit.height;
        }
    }
    starts
}

/// Paginates, then mends pages holding fewer than [`MIN_LINES`] lines of content
/// (the last one, typically, or one before a `Keep` group that went on to the
/// next page): the page before ends earlier, at the latest point where a page
/// may end that leaves the short page enough lines, and pagination runs again
/// with that break forced. Each round forces one more break or gives up on one
/// page (when the page before has no such point), so it ends; the result only
/// depends on the document.
fn balance(units: &[Unit], frame: &Frame) -> Vec<usize> {
    let mut forced = BTreeSet::new();
    let mut hopeless = BTreeSet::new();
    loop {
        let starts = paginate(units, frame, &forced);
        let range = |p: usize| starts[p]..starts.get(p + 1).copied().unwrap_or(units.len());
        let lines = |p: usize| range(p).map(|k| units[k].lines).sum::<usize>();
        let short =
            (1..starts.len()).find(|&p| lines(p) < MIN_LINES && !hopeless.contains(&starts[p]));
        let Some(p) = short else {
            return starts;
        };
        let mut have = lines(p);
        let mut cut = None;
        for b in (starts[p - 1] + 1..starts[p]).rev() {
            have += units[b].lines;
            if have >= MIN_LINES && units[b - 1].tie == Tie::Free {
                cut = Some(b);
                break;
            }
        }
        match cut {
            Some(b) => forced.insert(b),
            None => hopeless.insert(starts[p]),
        };
    }
}

/// Places the units page by page, from the first unit of each page.
fn build(units: &[Unit], starts: &[usize], frame: &Frame) -> Vec<Page> {
    let mut pages = Vec::with_capacity(starts.len());
    for (p, &start) in starts.iter().enumerate() {
        let end = starts.get(p + 1).copied().unwrap_or(units.len());
        let mut page = Page::default();
        let mut y = if p == 0 { frame.first_top } else { frame.top };
        if let Some(header) = units.get(start).and_then(|u| u.header.as_ref()) {
            if p > 0 {
                place(&mut page, header, &mut y);
            }
        }
        for (k, unit) in units[start..end].iter().enumerate() {
            if k > 0 || (p == 0 && frame.first_keeps_space) {
                y += unit.space_before;
            }
            place(&mut page, unit, &mut y);
        }
        pages.push(page);
    }
    pages
}

fn place(page: &mut Page, unit: &Unit, y: &mut f32) {
    page.items
        .extend(unit.items.iter().map(|it| it.shifted(*y)));
    *y += unit.height;
}

fn page_numbers(template: &str, page: usize, count: usize) -> String {
    template
        .replace("{i}", &page.to_string())
        .replace("{n}", &count.to_string())
}

/// The running head: one small muted line over a rule, in the top margin. A long
/// one shrinks to the width rather than running off the page.
fn running_head(text: &str) -> Vec<Item> {
    let w = text_width(text, 7.5, false);
    let size = if w > CONTENT_W {
        7.5 * CONTENT_W / w
    } else {
        7.5
    };
    let font = Font::new(size, false, MUTED);
    vec![
        font.text(text, MARGIN_X, HEAD_TOP),
        rule(MARGIN_X, PAGE_W - MARGIN_X, HEAD_TOP + 13.5, RULE, 0.5),
    ]
}

/// The text of `items` as lines: texts whose baselines are within [`SAME_LINE`]
/// make one line, read left to right, cells joined by a space.
pub(crate) fn text_lines(items: &[Item]) -> Vec<String> {
    let mut texts: Vec<(f32, f32, &str)> = items
        .iter()
        .filter_map(|item| match item {
            Item::Text { x, y, text, .. } if !text.trim().is_empty() => {
                Some((*y, *x, text.as_str()))
            }
            _ => None,
        })
        .collect();
    texts.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut lines: Vec<(f32, Vec<(f32, &str)>)> = Vec::new();
    for (y, x, text) in texts {
        match lines.last_mut() {
            Some((first_y, cells)) if y - *first_y < SAME_LINE => cells.push((x, text)),
            _ => lines.push((y, vec![(x, text)])),
        }
    }
    lines
        .into_iter()
        .map(|(_, mut cells)| {
            cells.sort_by(|a, b| a.0.total_cmp(&b.0));
            cells
                .into_iter()
                .map(|(_, t)| t)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn page_footer(doc: &Document, page: usize, count: usize) -> Vec<Item> {
    let small = Font::new(7.5, false, MUTED);
    let mut items = Vec::new();
    let mut y = PAGE_H - 28.0 - doc.footer.len() as f32 * FOOTER_LINE;
    items.push(rule(MARGIN_X, PAGE_W - MARGIN_X, y - 6.0, RULE, 0.5));
    for line in &doc.footer {
        let line = sanitize(line);
        // Long legal lines shrink rather than run off the page.
        let w = small.width(&line);
        let size = if w > CONTENT_W {
            7.5 * CONTENT_W / w
        } else {
            7.5
        };
        let font = Font::new(size, false, MUTED);
        let w = font.width(&line);
        items.push(font.text(&line, (PAGE_W - w) / 2.0, y));
        y += FOOTER_LINE;
    }
    let label = sanitize(&page_numbers(&doc.page_label, page, count));
    let w = small.width(&label);
    items.push(small.text(&label, PAGE_W - MARGIN_X - w, y + 2.0));
    items
}

fn logo_size(bytes: &[u8]) -> crate::Result<(f32, f32)> {
    let (w, h) = super::draw::image_size(bytes)?;
    let scale = (LOGO_MAX_W / w).min(LOGO_MAX_H / h);
    Ok((w * scale, h * scale))
}

fn units(doc: &Document) -> Vec<Unit> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        block_units(block, &mut out);
    }
    for unit in &mut out {
        if unit.role == Role::Content {
            unit.lines = text_lines(&unit.items).len();
        }
    }
    tie_headings(&mut out);
    out
}

/// A heading stays with its first two lines of content (two paragraph lines,
/// bullets, checklist items, key-value rows or table rows), or with the next
/// heading when its section is empty (that heading then brings its own lines).
fn tie_headings(units: &mut [Unit]) {
    for h in 0..units.len() {
        if units[h].role != Role::Heading {
            continue;
        }
        let (mut k, mut seen) = (h, 0);
        while seen < 2 && k + 1 < units.len() {
            units[k].tie = units[k].tie.max(Tie::Line);
            k += 1;
            if units[k].role == Role::Heading {
                break;
            }
            if units[k].lines > 0 {
                seen += 1;
            }
        }
    }
}

fn block_units(block: &Block, out: &mut Vec<Unit>) {
    let x = MARGIN_X;
    match block {
        Block::Title { text, subtitle } => {
            let title = Font::new(20.0, true, ACCENT);
            let (mut items, mut h) =
                title.text_block(&sanitize(text), x, 0.0, CONTENT_W, Align::Left);
            if let Some(sub) = subtitle {
                let font = Font::new(10.0, false, MUTED);
                let (more, sh) =
                    font.text_block(&sanitize(sub), x, h + 2.0, CONTENT_W, Align::Left);
                items.extend(more);
                h += sh + 2.0;
            }
            out.push(Unit {
                height: h + 10.0,
                items,
                ..Unit::default()
            });
        }
        Block::Heading(text) => {
            let font = Font::new(11.0, true, ACCENT);
            let (mut items, h) = font.text_block(&sanitize(text), x, 0.0, CONTENT_W, Align::Left);
            items.push(rule(x, x + CONTENT_W, h + 2.0, RULE, 0.6));
            out.push(Unit {
                height: h + 8.0,
                items,
                space_before: 14.0,
                // Tied to its first lines by `tie_headings`, once all units exist.
                role: Role::Heading,
                ..Unit::default()
            });
        }
        Block::Paragraph { text, style } => {
            let font = Font::of(*style);
            let lh = font.line_height();
            let parts: Vec<Vec<String>> = sanitize(text)
                .split('\n')
                .map(|part| font.wrap(part, CONTENT_W))
                .collect();
            let total: usize = parts.iter().map(Vec::len).sum();
            let mut g = 0;
            for part in parts {
                let n = part.len();
                for (i, line) in part.into_iter().enumerate() {
                    let above = if g == 0 { 4.0 } else { 0.0 };
                    // No single orphan first line or widow last line, in the
                    // paragraph and in each of its `\n` parts (an address, a
                    // wrapped legal mention).
                    let tied = (total > 1 && (g == 0 || g + 2 == total))
                        || (n > 1 && (i == 0 || i + 2 == n));
                    let tie = if tied { Tie::Line } else { Tie::Free };
                    g += 1;
                    if line.is_empty() {
                        // A blank line is space: it vanishes at the top of a page.
                        out.push(Unit {
                            space_before: above + lh,
                            tie,
                            ..Unit::default()
                        });
                        continue;
                    }
                    out.push(Unit {
                        height: lh,
                        items: vec![font.text(&line, x, 0.0)],
                        space_before: above,
                        tie,
                        ..Unit::default()
                    });
                }
            }
        }
        Block::Bullets(items) => {
            let font = Font::of(Style::Normal);
            for (i, item) in items.iter().enumerate() {
                let (mut its, h) = font.text_block(
                    &sanitize(item),
                    x + 12.0,
                    0.0,
                    CONTENT_W - 12.0,
                    Align::Left,
                );
                its.push(Font::new(9.5, true, ACCENT).text("•", x + 2.0, 0.0));
                out.push(Unit {
                    height: h + 2.0,
                    items: its,
                    space_before: if i == 0 { 4.0 } else { 0.0 },
                    tie: first_of_list(i, items.len()),
                    ..Unit::default()
                });
            }
        }
        Block::KeyValues(rows) => {
            let label = Font::of(Style::Muted);
            let value = Font::of(Style::Normal);
            let label_w = rows
                .iter()
                .map(|(k, _)| label.width(&sanitize(k)))
                .fold(0.0, f32::max)
                .min(CONTENT_W * 0.4)
                + 12.0;
            for (i, (k, v)) in rows.iter().enumerate() {
                let (mut items, lh) =
                    label.text_block(&sanitize(k), x, 0.6, label_w - 12.0, Align::Left);
                let (vitems, vh) = value.text_block(
                    &sanitize(v),
                    x + label_w,
                    0.0,
                    CONTENT_W - label_w,
                    Align::Left,
                );
                items.extend(vitems);
                out.push(Unit {
                    height: lh.max(vh) + 2.5,
                    items,
                    space_before: if i == 0 { 4.0 } else { 0.0 },
                    ..Unit::default()
                });
            }
        }
        Block::Columns(cols) => {
            let n = cols.len().max(1) as f32;
            let gap = 24.0;
            let w = (CONTENT_W - gap * (n - 1.0)) / n;
            let mut items = Vec::new();
            let mut height: f32 = 0.0;
            for (c, lines) in cols.iter().enumerate() {
                let cx = x + c as f32 * (w + gap);
                let mut y = 0.0;
                for (text, style) in lines {
                    let font = Font::of(*style);
                    let (its, h) = font.text_block(&sanitize(text), cx, y, w, Align::Left);
                    items.extend(its);
                    y += h;
                }
                height = height.max(y);
            }
            out.push(Unit {
                height: height + 4.0,
                items,
                space_before: 6.0,
                ..Unit::default()
            });
        }
        Block::Table { columns, rows } => table_units(columns, rows, out),
        Block::Checklist(items) => {
            let font = Font::of(Style::Normal);
            let detail = Font::of(Style::Muted);
            let indent = 18.0;
            for (i, item) in items.iter().enumerate() {
                let (mut its, h) = font.text_block(
                    &sanitize(&item.title),
                    x + indent,
                    0.0,
                    CONTENT_W - indent,
                    Align::Left,
                );
                let mut height = h;
                if let Some(d) = &item.detail {
                    let (more, dh) = detail.text_block(
                        &sanitize(d),
                        x + indent,
                        h,
                        CONTENT_W - indent,
                        Align::Left,
                    );
                    its.extend(more);
                    height += dh;
                }
                let (bx, by, s) = (x + 1.0, 2.2, 9.0);
                if item.done {
                    its.push(Item::Rect {
                        x: bx,
                        y: by,
                        w: s,
                        h: s,
                        fill: Some(ACCENT),
                        stroke: None,
                    });
                    its.push(Item::Line {
                        x1: bx + 2.0,
                        y1: by + 4.6,
                        x2: bx + 3.9,
                        y2: by + 6.8,
                        color: WHITE,
                        width: 1.3,
                    });
                    its.push(Item::Line {
                        x1: bx + 3.9,
                        y1: by + 6.8,
                        x2: bx + 7.2,
                        y2: by + 2.2,
                        color: WHITE,
                        width: 1.3,
                    });
                } else {
                    its.push(Item::Rect {
                        x: bx,
                        y: by,
                        w: s,
                        h: s,
                        fill: None,
                        stroke: Some(MUTED),
                    });
                }
                out.push(Unit {
                    height: height + 5.0,
                    items: its,
                    space_before: if i == 0 { 4.0 } else { 0.0 },
                    tie: first_of_list(i, items.len()),
                    ..Unit::default()
                });
            }
        }
        Block::Totals(rows) => {
            let w = 230.0;
            let bx = x + CONTENT_W - w;
            let mut items = Vec::new();
            let mut y = 0.0;
            for (label, amount, style) in rows {
                let strong = *style == Style::Bold;
                let font = if strong {
                    Font::new(10.5, true, INK)
                } else {
                    Font::of(*style)
                };
                if strong {
                    y += 3.0;
                    items.push(Item::Rect {
                        x: bx,
                        y: y - 3.0,
                        w,
                        h: font.line_height() + 8.0,
                        fill: Some(SHADE),
                        stroke: None,
                    });
                    y += 1.0;
                }
                let amount = sanitize(amount);
                let aw = font.width(&amount);
                let (its, h) =
                    font.text_block(&sanitize(label), bx + 6.0, y, w - aw - 18.0, Align::Left);
                items.extend(its);
                items.push(font.text(&amount, bx + w - 6.0 - aw, y));
                y += h + if strong { 4.0 } else { 1.5 };
            }
            out.push(Unit {
                height: y + 4.0,
                items,
                space_before: 8.0,
                ..Unit::default()
            });
        }
        Block::Signature { title, lines } => {
            let w = 250.0;
            let bx = x + CONTENT_W - w;
            let bold = Font::of(Style::Bold);
            let (mut items, mut h) =
                bold.text_block(&sanitize(title), bx + 10.0, 10.0, w - 20.0, Align::Left);
            h += 10.0;
            for line in lines {
                let (its, lh) = Font::of(Style::Muted).text_block(
                    &sanitize(line),
                    bx + 10.0,
                    h + 2.0,
                    w - 20.0,
                    Align::Left,
                );
                items.extend(its);
                h += lh + 2.0;
            }
            let height = h + 56.0;
            items.push(Item::Rect {
                x: bx,
                y: 0.0,
                w,
                h: height,
                fill: None,
                stroke: Some(RULE),
            });
            out.push(Unit {
                height,
                items,
                space_before: 16.0,
                ..Unit::default()
            });
        }
        Block::Spacer(mm) => out.push(Unit {
            height: 0.0,
            space_before: mm * 72.0 / 25.4,
            ..Unit::default()
        }),
        Block::Keep(blocks) => {
            let first = out.len();
            for block in blocks {
                block_units(block, out);
            }
            // Tied through to its last unit; what follows the group stays free.
            if let Some(last) = out.len().checked_sub(1).filter(|&l| l > first) {
                for unit in &mut out[first..last] {
                    unit.tie = unit.tie.max(Tie::Group);
                }
            }
        }
    }
}

/// A list's first item is not left alone at the bottom of a page.
fn first_of_list(i: usize, len: usize) -> Tie {
    if i == 0 && len > 1 {
        Tie::Line
    } else {
        Tie::Free
    }
}

fn table_units(columns: &[super::Column], rows: &[Vec<String>], out: &mut Vec<Unit>) {
    let pad = 5.0;
    let total: f32 = columns.iter().map(|c| c.weight.max(0.01)).sum();
    let widths: Vec<f32> = columns
        .iter()
        .map(|c| CONTENT_W * c.weight.max(0.01) / total)
        .collect();
    let row = |cells: Vec<String>, font: &Font, shade: bool| -> Unit {
        let mut items = Vec::new();
        let mut h: f32 = 0.0;
        let mut cx = MARGIN_X;
        for (i, col) in columns.iter().enumerate() {
            let text = cells.get(i).map(|t| sanitize(t)).unwrap_or_default();
            let (its, ch) = font.text_block(&text, cx + pad, pad, widths[i] - 2.0 * pad, col.align);
            items.extend(its);
            h = h.max(ch);
            cx += widths[i];
        }
        let height = h + 2.0 * pad;
        if shade {
            items.insert(
                0,
                Item::Rect {
                    x: MARGIN_X,
                    y: 0.0,
                    w: CONTENT_W,
                    h: height,
                    fill: Some(SHADE),
                    stroke: None,
                },
            );
        } else {
            items.push(rule(MARGIN_X, MARGIN_X + CONTENT_W, height, RULE, 0.5));
        }
        Unit {
            height,
            items,
            ..Unit::default()
        }
    };
    let mut header = row(
        columns.iter().map(|c| c.title.clone()).collect(),
        &Font::new(8.0, true, MUTED),
        true,
    );
    header.role = Role::TableHeader;
    let header = Rc::new(header);
    out.push(Unit {
        height: header.height,
        items: header.items.clone(),
        space_before: 8.0,
        tie: if rows.is_empty() {
            Tie::Free
        } else {
            Tie::Line
        },
        role: Role::TableHeader,
        ..Unit::default()
    });
    let body = Font::of(Style::Normal);
    for cells in rows {
        let mut unit = row(cells.clone(), &body, false);
        unit.header = Some(Rc::clone(&header));
        out.push(unit);
    }
}
