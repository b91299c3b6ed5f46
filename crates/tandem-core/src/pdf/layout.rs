//! Blocks → pages of positioned items. Everything is in points, `y` measured from
//! the top of the page (draw.rs flips it for PDF).
//!
//! Each block becomes a list of *units*: the smallest things that must stay on one
//! page (a line of a paragraph, a table row, the whole totals box). Pagination then
//! only decides where to cut between units: a unit that does not fit starts a new
//! page, a heading stays with what follows it, and a table row starting a page is
//! preceded by its table's header again.

use super::fonts::{sanitize, text_width};
use super::{Align, Block, Document, Style};
use std::rc::Rc;

const PAGE_W: f32 = 595.28;
pub(crate) const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 50.0;
const MARGIN_TOP: f32 = 46.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
const FOOTER_LINE: f32 = 10.0;
const LOGO_MAX_W: f32 = 150.0;
const LOGO_MAX_H: f32 = 56.0;

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

pub(crate) struct Page {
    pub items: Vec<Item>,
    /// The content's text lines (not the running head, the footer nor a repeated
    /// table header), top to bottom: what [`super::page_lines`] answers.
    pub lines: Vec<String>,
}

/// The running head's band at the top of continuation pages.
const HEAD_BAND: f32 = 22.0;
/// The fewest lines of content a page may hold when there is more than one.
const MIN_PAGE_LINES: usize = 3;

/// Where pagination put a unit: its page and top.
struct Placed {
    unit: usize,
    page: usize,
    y: f32,
    /// The table header repeated above it, at `y - header height`.
    with_header: bool,
}

/// Something that must not be split across pages; its items are relative to its top.
#[derive(Default)]
struct Unit {
    height: f32,
    items: Vec<Item>,
    /// Space above, dropped when the unit opens a page.
    space_before: f32,
    keep_with_next: bool,
    /// A table header to repeat when this unit opens a page.
    header: Option<Rc<Unit>>,
}

impl Unit {
    /// Lines of content the unit puts on its page: its distinct text baselines (a
    /// table row of one-line cells is one line, a wrapped cell more).
    fn lines(&self) -> usize {
        let mut ys: Vec<i64> = self
            .items
            .iter()
            .filter_map(|it| match it {
                Item::Text { y, .. } => Some((*y * 10.0).round() as i64),
                _ => None,
            })
            .collect();
        ys.sort_unstable();
        ys.dedup();
        ys.len()
    }
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

pub(crate) fn layout(doc: &Document) -> crate::Result<Vec<Page>> {
    let logo = match &doc.logo {
        Some(bytes) => Some(logo_size(bytes)?),
        None => None,
    };
    let units = units(doc);
    let footer = doc.footer.len() as f32 * FOOTER_LINE + 22.0;
    let frame = Frame {
        first_top: MARGIN_TOP + logo.map_or(0.0, |(_, h)| h + 14.0),
        first_at_top: logo.is_none(),
        next_top: MARGIN_TOP
            + if doc.running_head.is_some() {
                HEAD_BAND
            } else {
                0.0
            },
        bottom: PAGE_H - 30.0 - footer,
    };
    // Greedy first; then, while the last page would hold a line or two, break
    // earlier so it holds at least MIN_PAGE_LINES (a few rounds at most).
    let mut forced = std::collections::BTreeSet::new();
    let mut placed = paginate(&units, &frame, &forced);
    for _ in 0..4 {
        let Some(at) = balancing_break(&units, &placed) else {
            break;
        };
        if !forced.insert(at) {
            break;
        }
        let again = paginate(&units, &frame, &forced);
        let pages = |p: &[Placed]| p.last().map_or(0, |x| x.page + 1);
        if pages(&again) > pages(&placed) {
            break; // balancing must never add a page
        }
        placed = again;
    }
    let count = placed.last().map_or(1, |p| p.page + 1);
    let mut pages: Vec<Page> = (0..count)
        .map(|_| Page {
            items: Vec::new(),
            lines: Vec::new(),
        })
        .collect();
    if let Some((w, h)) = logo {
        pages[0].items.push(Item::Logo {
            x: MARGIN_X,
            y: MARGIN_TOP,
            w,
            h,
        });
    }
    for p in &placed {
        let unit = &units[p.unit];
        let page = &mut pages[p.page];
        if p.with_header {
            if let Some(header) = &unit.header {
                page.items.extend(
                    header
                        .items
                        .iter()
                        .map(|it| it.shifted(p.y - header.height)),
                );
            }
        }
        let items: Vec<Item> = unit.items.iter().map(|it| it.shifted(p.y)).collect();
        page.lines.extend(text_lines(&items));
        page.items.extend(items);
    }
    for (i, page) in pages.iter_mut().enumerate() {
        if i > 0 {
            if let Some(head) = &doc.running_head {
                page.items.extend(running_head(head, i + 1, count));
            }
        }
        page.items.extend(page_footer(doc, i + 1, count));
    }
    Ok(pages)
}

/// The page's geometry: where content starts on the first page and on the next
/// ones (below the running head), and where it must end (above the footer).
struct Frame {
    first_top: f32,
    /// The first unit of the document starts the first page (no logo above it).
    first_at_top: bool,
    next_top: f32,
    bottom: f32,
}

/// Greedy pagination: a unit that does not fit — with what it must stay with —
/// starts a new page, as does a unit in `forced`.
fn paginate(units: &[Unit], f: &Frame, forced: &std::collections::BTreeSet<usize>) -> Vec<Placed> {
    let mut out = Vec::with_capacity(units.len());
    let (mut page, mut y, mut at_page_top) = (0, f.first_top, f.first_at_top);
    let fresh = f.bottom - f.next_top;
    for (i, unit) in units.iter().enumerate() {
        let space = if at_page_top { 0.0 } else { unit.space_before };
        let header_h = unit.header.as_ref().map_or(0.0, |h| h.height);
        // Height this unit needs here: itself, plus what it must stay with —
        // unless even an empty page could not hold all that, in which case only
        // the unit itself must fit (a long group then breaks normally).
        let mut needed = space + unit.height;
        let mut j = i;
        while units[j].keep_with_next && j + 1 < units.len() {
            j += 1;
            needed += units[j].space_before + units[j].height;
        }
        if needed - space + header_h > fresh {
            needed = space + unit.height;
        }
        let breaks = forced.contains(&i) || y + needed > f.bottom;
        let mut with_header = false;
        if breaks && !at_page_top {
            page += 1;
            y = f.next_top;
            if unit.header.is_some() {
                with_header = true;
                y += header_h;
            }
        } else {
            y += space;
        }
        out.push(Placed {
            unit: i,
            page,
            y,
            with_header,
        });
        y += unit.height;
        at_page_top = false;
    }
    out
}

/// Where to break instead so that the last page holds at least
/// [`MIN_PAGE_LINES`] lines, or `None` when it already does (or cannot).
fn balancing_break(units: &[Unit], placed: &[Placed]) -> Option<usize> {
    let last = placed.last()?.page;
    if last == 0 {
        return None;
    }
    let first_of_last = placed.iter().position(|p| p.page == last)?;
    let first_of_prev = placed.iter().position(|p| p.page == last - 1)?;
    let mut lines: usize = placed[first_of_last..]
        .iter()
        .map(|p| units[p.unit].lines())
        .sum();
    if lines >= MIN_PAGE_LINES {
        return None;
    }
    let mut at = first_of_last;
    while lines < MIN_PAGE_LINES && at > first_of_prev + 1 {
        at -= 1;
        lines += units[at].lines();
    }
    // Never break right after a unit that must stay with the next one.
    while at > first_of_prev + 1 && units[at - 1].keep_with_next {
        at -= 1;
    }
    (at > first_of_prev && at < first_of_last).then_some(at)
}

/// The text of positioned items as lines, top to bottom, cells of a line joined
/// left to right.
fn text_lines(items: &[Item]) -> Vec<String> {
    let mut texts: Vec<(i64, f32, &str)> = items
        .iter()
        .filter_map(|it| match it {
            Item::Text { x, y, text, .. } => Some(((*y * 10.0).round() as i64, *x, text.as_str())),
            _ => None,
        })
        .collect();
    texts.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut lines: Vec<(i64, String)> = Vec::new();
    for (y, _, t) in texts {
        match lines.last_mut() {
            Some((ly, l)) if *ly == y => {
                l.push(' ');
                l.push_str(t);
            }
            _ => lines.push((y, t.to_owned())),
        }
    }
    lines.into_iter().map(|(_, l)| l).collect()
}

/// « Facture F-2026-0001 — page 2/3 » and a rule, atop a continuation page.
fn running_head(text: &str, page: usize, count: usize) -> Vec<Item> {
    let font = Font::new(8.0, false, MUTED);
    let label = sanitize(
        &text
            .replace("{i}", &page.to_string())
            .replace("{n}", &count.to_string()),
    );
    vec![
        font.text(&label, MARGIN_X, MARGIN_TOP - 4.0),
        rule(
            MARGIN_X,
            PAGE_W - MARGIN_X,
            MARGIN_TOP + HEAD_BAND - 10.0,
            RULE,
            0.5,
        ),
    ]
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
    let label = sanitize(
        &doc.page_label
            .replace("{i}", &page.to_string())
            .replace("{n}", &count.to_string()),
    );
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
    out
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
                keep_with_next: true,
                header: None,
            });
        }
        Block::Paragraph { text, style } => {
            let font = Font::of(*style);
            let lines = font.wrap(&sanitize(text), CONTENT_W);
            let n = lines.len();
            for (i, line) in lines.into_iter().enumerate() {
                out.push(Unit {
                    height: font.line_height(),
                    items: vec![font.text(&line, x, 0.0)],
                    space_before: if i == 0 { 4.0 } else { 0.0 },
                    // No single orphan first line or widow last line.
                    keep_with_next: n > 1 && (i == 0 || i + 2 == n),
                    header: None,
                });
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
                    // The first item stays with the second, so a heading above
                    // always has two items under it.
                    keep_with_next: i == 0 && items.len() > 1,
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
                    keep_with_next: i == 0 && rows.len() > 1,
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
                    keep_with_next: i == 0 && items.len() > 1,
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
        Block::Keep(blocks) => {
            // Every unit but the last stays with the next: the group moves whole.
            let start = out.len();
            for b in blocks {
                block_units(b, out);
            }
            let end = out.len().saturating_sub(1);
            for unit in out.iter_mut().take(end).skip(start) {
                unit.keep_with_next = true;
            }
        }
        Block::Spacer(mm) => out.push(Unit {
            height: 0.0,
            space_before: mm * 72.0 / 25.4,
            ..Unit::default()
        }),
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
    header.keep_with_next = true;
    let header = Rc::new(header);
    out.push(Unit {
        height: header.height,
        items: header.items.clone(),
        space_before: 8.0,
        keep_with_next: !rows.is_empty(),
        header: None,
    });
    let body = Font::of(Style::Normal);
    for cells in rows {
        let mut unit = row(cells.clone(), &body, false);
        unit.header = Some(Rc::clone(&header));
        out.push(unit);
    }
}
