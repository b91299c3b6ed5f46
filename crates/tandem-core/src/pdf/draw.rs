//! Positioned items → printpdf operations → bytes.
//!
//! Reproducibility is deliberate: the two fonts and the logo get fixed resource
//! ids (printpdf would draw random ones), the dates come from the document, and
//! the file identifier is a hash of the document itself. Same input, same bytes.

use super::fonts::{BOLD, REGULAR};
use super::layout::{Item, Page, Rgb, PAGE_H};
use super::Document;
use crate::Error;
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, RawImage, Rect, TextItem, XObjectId, XObjectTransform,
};
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

fn parsed(bold: bool) -> crate::Result<&'static ParsedFont> {
    static R: OnceLock<Option<ParsedFont>> = OnceLock::new();
    static B: OnceLock<Option<ParsedFont>> = OnceLock::new();
    let (cell, bytes) = if bold { (&B, BOLD) } else { (&R, REGULAR) };
    cell.get_or_init(|| ParsedFont::from_bytes(bytes, 0, &mut Vec::new()))
        .as_ref()
        .ok_or_else(|| Error::Pdf("the embedded font could not be parsed".into()))
}

fn decode(bytes: &[u8]) -> crate::Result<RawImage> {
    RawImage::decode_from_bytes(bytes, &mut Vec::new()).map_err(|_| {
        Error::field(
            "logo",
            "invalid_logo",
            "the logo is not a PNG or JPEG image",
        )
    })
}

/// Pixel size of a PNG or JPEG.
pub(crate) fn image_size(bytes: &[u8]) -> crate::Result<(f32, f32)> {
    let image = decode(bytes)?;
    Ok((image.width.max(1) as f32, image.height.max(1) as f32))
}

pub(crate) fn draw(doc: &Document, pages: &[Page]) -> crate::Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.title);
    let regular = FontId("TNDAAA".into());
    let bold = FontId("TNDAAB".into());
    pdf.resources.fonts.map.insert(
        regular.clone(),
        printpdf::PdfFont::new(parsed(false)?.clone()),
    );
    pdf.resources
        .fonts
        .map
        .insert(bold.clone(), printpdf::PdfFont::new(parsed(true)?.clone()));
    let logo = match &doc.logo {
        Some(bytes) => {
            let image = decode(bytes)?;
            let size = (image.width.max(1) as f32, image.height.max(1) as f32);
            let id = XObjectId("TandemLogo".into());
            pdf.resources
                .xobjects
                .map
                .insert(id.clone(), printpdf::XObject::Image(image));
            Some((id, size))
        }
        None => None,
    };
    let info = &mut pdf.metadata.info;
    let date = pdf_date(doc.date);
    info.creation_date = date;
    info.modification_date = date;
    info.metadata_date = date;
    info.producer = "Tandem".into();
    info.creator = "Tandem".into();

    let fonts = (&regular, &bold);
    let out: Vec<PdfPage> = pages
        .iter()
        .map(|page| PdfPage::new(Mm(210.0), Mm(297.0), ops(page, fonts, logo.as_ref())))
        .collect();
    pdf.with_pages(out);

    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&PdfSaveOptions::default(), &mut warnings);
    drop_pdfx_claim(&mut lo);
    let id = file_id(doc);
    lo.trailer.set(
        "ID",
        lopdf::Object::Array(vec![
            lopdf::Object::String(id.clone().into_bytes(), lopdf::StringFormat::Hexadecimal),
            lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Hexadecimal),
        ]),
    );
    if let Ok(root) = lo
        .trailer
        .get(b"Root")
        .and_then(lopdf::Object::as_reference)
    {
        if let Ok(catalog) = lo.get_object_mut(root).and_then(lopdf::Object::as_dict_mut) {
            catalog.set("Lang", lopdf::Object::string_literal(doc.lang));
        }
    }
    lo.compress();
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::Pdf(e.to_string()))?;
    Ok(bytes)
}

/// printpdf writes `/GTS_PDFXVersion ()` into the Info dictionary of every file,
/// whatever its conformance, and readers take the key's presence for a claim:
/// pdfinfo reports "PDF subtype: PDF/X". Our files are plain PDF (RGB, no output
/// intent), so the key goes. printpdf would also put the same pdfx keys in an
/// XMP packet for conformance levels that need one; none is asked for, but a
/// packet found is dropped too, so no claim survives a printpdf upgrade.
fn drop_pdfx_claim(lo: &mut lopdf::Document) {
    let reference = |key: &[u8]| {
        lo.trailer
            .get(key)
            .and_then(lopdf::Object::as_reference)
            .ok()
    };
    let (info, root) = (reference(b"Info"), reference(b"Root"));
    if let Some(info) = info {
        if let Ok(dict) = lo.get_object_mut(info).and_then(lopdf::Object::as_dict_mut) {
            dict.remove(b"GTS_PDFXVersion");
        }
    }
    let Some(root) = root else { return };
    let metadata = lo
        .get_object_mut(root)
        .and_then(lopdf::Object::as_dict_mut)
        .ok()
        .and_then(|catalog| catalog.remove(b"Metadata"));
    if let Some(Ok(id)) = metadata.as_ref().map(lopdf::Object::as_reference) {
        lo.objects.remove(&id);
    }
}

fn file_id(doc: &Document) -> String {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{doc:?}").hash(&mut h);
    format!("{:016x}{:016x}", h.finish(), doc.blocks.len())
}

fn pdf_date(d: chrono::NaiveDate) -> printpdf::OffsetDateTime {
    use chrono::Datelike;
    printpdf::OffsetDateTime::new_in_offset(
        printpdf::Date {
            year: d.year(),
            month: d.month() as u8,
            day: d.day() as u8,
        },
        printpdf::Time {
            hour: 12,
            minute: 0,
            second: 0,
            millisecond: 0,
        },
        printpdf::Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    )
}

fn color((r, g, b): Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

fn point(x: f32, y_from_top: f32) -> Point {
    Point {
        x: Pt(x),
        y: Pt(PAGE_H - y_from_top),
    }
}

fn ops(
    page: &Page,
    (regular, bold): (&FontId, &FontId),
    logo: Option<&(XObjectId, (f32, f32))>,
) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.items.len() * 6);
    for item in &page.items {
        match item {
            Item::Text {
                x,
                y,
                size,
                bold: b,
                color: c,
                text,
            } => {
                let font = if *b { bold } else { regular };
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFillColor { col: color(*c) });
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(font.clone()),
                    size: Pt(*size),
                });
                ops.push(Op::SetTextCursor { pos: point(*x, *y) });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text(text.clone())],
                });
                ops.push(Op::EndTextSection);
            }
            Item::Rect {
                x,
                y,
                w,
                h,
                fill,
                stroke,
            } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => printpdf::PaintMode::FillStroke,
                    (Some(_), None) => printpdf::PaintMode::Fill,
                    _ => printpdf::PaintMode::Stroke,
                };
                ops.push(Op::SaveGraphicsState);
                if let Some(f) = fill {
                    ops.push(Op::SetFillColor { col: color(*f) });
                }
                if let Some(s) = stroke {
                    ops.push(Op::SetOutlineColor { col: color(*s) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(*x),
                        y: Pt(PAGE_H - y - h),
                        width: Pt(*w),
                        height: Pt(*h),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                color: c,
                width,
            } => {
                ops.push(Op::SaveGraphicsState);
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: point(*x1, *y1),
                                bezier: false,
                            },
                            LinePoint {
                                p: point(*x2, *y2),
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
                ops.push(Op::RestoreGraphicsState);
            }
            Item::Logo { x, y, w, h } => {
                if let Some((id, (pw, ph))) = logo {
                    // Images are placed at 1 px = 1 pt at 72 dpi, then scaled to the box.
                    ops.push(Op::UseXobject {
                        id: id.clone(),
                        transform: XObjectTransform {
                            translate_x: Some(Pt(*x)),
                            translate_y: Some(Pt(PAGE_H - y - h)),
                            scale_x: Some(w / pw),
                            scale_y: Some(h / ph),
                            dpi: Some(72.0),
                            ..XObjectTransform::default()
                        },
                    });
                }
            }
        }
    }
    ops
}
