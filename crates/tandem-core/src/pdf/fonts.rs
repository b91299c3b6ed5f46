//! The embedded font (Inter, SIL OFL 1.1 — see assets/fonts/OFL.txt): its bytes,
//! its metrics for measuring text, and its glyph coverage.
//!
//! printpdf does not measure or wrap text, so widths come from the font's own
//! advance table through ttf-parser. A character the font lacks would print as a
//! box; [`sanitize`] replaces it before layout so what is measured is what is drawn.

use std::sync::OnceLock;

pub(crate) const REGULAR: &[u8] = include_bytes!("../../assets/fonts/Inter_400Regular.ttf");
pub(crate) const BOLD: &[u8] = include_bytes!("../../assets/fonts/Inter_700Bold.ttf");

struct Metrics {
    units_per_em: f32,
    face: ttf_parser::Face<'static>,
}

fn metrics(bold: bool) -> &'static Metrics {
    static R: OnceLock<Metrics> = OnceLock::new();
    static B: OnceLock<Metrics> = OnceLock::new();
    let (cell, bytes) = if bold { (&B, BOLD) } else { (&R, REGULAR) };
    cell.get_or_init(|| {
        // The bytes are compiled in and known good; a failure here is a build defect.
        #[allow(clippy::expect_used)]
        let face = ttf_parser::Face::parse(bytes, 0).expect("embedded Inter font parses");
        Metrics {
            units_per_em: f32::from(face.units_per_em()),
            face,
        }
    })
}

/// Width of `text` in points at `size` points.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let m = metrics(bold);
    let units: u32 = text
        .chars()
        .map(|c| {
            m.face
                .glyph_index(c)
                .and_then(|g| m.face.glyph_hor_advance(g))
                .map_or(0, u32::from)
        })
        .sum();
    units as f32 * size / m.units_per_em
}

/// `text` with every character the font cannot draw replaced: spaces of any kind
/// become a plain or no-break space, control characters vanish, and anything else
/// missing becomes `?` rather than an invisible box.
pub fn sanitize(text: &str) -> String {
    let m = metrics(false);
    text.chars()
        .filter_map(|c| match c {
            '\t' => Some(' '),
            '\n' => Some('\n'),
            c if c.is_control() => None,
            // Narrow no-break space (the French thousands separator) and friends
            // become one kind, so copied text and searches see a plain no-break space.
            '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{00A0}' => Some('\u{00A0}'),
            c if m.face.glyph_index(c).is_some() => Some(c),
            c if c.is_whitespace() => Some(' '),
            _ => Some('?'),
        })
        .collect()
}

/// The characters of `text` that [`sanitize`] would print as `?`: what an issued
/// document must not carry (issuing names the field instead of printing a box).
pub fn unprintable(text: &str) -> Vec<char> {
    let m = metrics(false);
    let mut out: Vec<char> = text
        .chars()
        .filter(|&c| {
            !c.is_control()
                && !c.is_whitespace()
                && !matches!(c, '\u{202F}' | '\u{2007}' | '\u{2009}' | '\u{00A0}')
                && m.face.glyph_index(c).is_none()
        })
        .collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_covers_french_and_money() {
        let s = "Échéance « à 30 jours » : 1 234,56 € — œuvre, Ça, ÿ, ’";
        assert_eq!(sanitize(s), s);
    }

    #[test]
    fn missing_glyphs_and_odd_spaces_are_replaced() {
        assert_eq!(sanitize("a\u{202F}b"), "a\u{00A0}b");
        assert_eq!(sanitize("x\u{1F600}y"), "x?y");
        assert_eq!(sanitize("a\u{0007}b\tc"), "ab c");
        assert_eq!(unprintable("Léa « 1 234 € »"), Vec::<char>::new());
        assert_eq!(unprintable("山田 🙂 مرحبا")[..2], ['山', '田']);
        assert!(unprintable("🙂").contains(&'🙂'));
    }

    #[test]
    fn widths_grow_with_text_and_bold_is_wider() {
        let a = text_width("Facture", 10.0, false);
        assert!(a > 20.0 && a < 60.0, "{a}");
        assert!(text_width("Facture", 10.0, true) > a);
        assert!((text_width("Facture", 20.0, false) - 2.0 * a).abs() < 0.01);
    }
}
