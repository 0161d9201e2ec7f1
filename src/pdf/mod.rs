//! Small PDF renderer for the "application summary" document.
//!
//! Lays a flat list of [`Block`]s out on A4 pages using the embedded DejaVu
//! Sans fonts (full Latin Extended and Cyrillic coverage, so Polish and
//! Ukrainian text render and extract correctly). printpdf's `Op` API neither
//! wraps nor paginates, so both are done here from measured glyph advances.

use anyhow::{anyhow, bail, Result};
use printpdf::{
    Color, DateTime, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, RawImage, RawImageData,
    RawImageFormat, Rect, TextItem, XObjectId, XObjectTransform,
};

/// One piece of document content, laid out top to bottom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Large bold document heading, followed by a thin rule.
    Title(String),
    /// Bold section heading; never left alone at the bottom of a page.
    Heading(String),
    /// Wrapped body text; explicit `\n` line breaks are kept.
    Paragraph(String),
    /// A small grey label with its (wrapped, multi-line) value below it.
    Field { label: String, value: String },
    /// One empty body line of vertical space.
    Spacer,
    /// A person on a list: their photo (or an empty frame) beside their name in bold and the
    /// lines below it, then a thin rule. Kept whole on one page.
    Person {
        photo: Option<Picture>,
        name: String,
        lines: Vec<String>,
    },
}

/// A small picture: 8-bit RGB pixels, row by row from the top.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub width: usize,
    pub height: usize,
    pub rgb: Vec<u8>,
}

impl Picture {
    /// Decodes a JPEG or PNG; None when it cannot be read.
    pub fn decode(bytes: &[u8]) -> Option<Picture> {
        let image = image::load_from_memory(bytes).ok()?.to_rgb8();
        Some(Picture {
            width: image.width() as usize,
            height: image.height() as usize,
            rgb: image.into_raw(),
        })
    }
}

/// The frame a person's photo is fitted into (a 3:4 ID photo), and the gap before the text.
const PHOTO_W: f32 = 18.0 * MM;
const PHOTO_H: f32 = 24.0 * MM;
const PHOTO_GAP: f32 = 5.0 * MM;

/// A document to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// PDF metadata title.
    pub title: String,
    /// Printed at the bottom of every page, followed by `  ·  N / M`.
    pub footer: String,
    /// Content, in reading order.
    pub blocks: Vec<Block>,
}

/// Points per millimetre.
const MM: f32 = 72.0 / 25.4;
const PAGE_W_MM: f32 = 210.0;
const PAGE_H_MM: f32 = 297.0;
const MARGIN: f32 = 20.0 * MM;
const CONTENT_W: f32 = (PAGE_W_MM - 40.0) * MM;
/// Height of the text area between top and bottom margins.
const CONTENT_H: f32 = (PAGE_H_MM - 40.0) * MM;
/// Top edge of the text area, measured from the page bottom.
const CONTENT_TOP: f32 = (PAGE_H_MM - 20.0) * MM;
const FOOTER_RULE_Y: f32 = 15.5 * MM;
const FOOTER_BASELINE: f32 = 11.5 * MM;

/// DejaVu Sans vertical metrics in em (hhea ascender 1901, descender 483, of 2048).
const ASCENT: f32 = 0.928;
const DESCENT: f32 = 0.236;

/// Drawn in place of characters the font cannot show.
const REPLACEMENT: char = '\u{fffd}';

/// Slack for float rounding when comparing widths.
const EPSILON: f32 = 1e-3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weight {
    Regular,
    Bold,
}

/// Font, size, line height (all in pt) and grey level (0 = black) of a text run.
#[derive(Debug, Clone, Copy)]
struct Style {
    weight: Weight,
    size: f32,
    leading: f32,
    grey: f32,
}

const TITLE: Style = Style {
    weight: Weight::Bold,
    size: 18.0,
    leading: 23.0,
    grey: 0.0,
};
const HEADING: Style = Style {
    weight: Weight::Bold,
    size: 13.0,
    leading: 17.0,
    grey: 0.12,
};
const NAME: Style = Style {
    weight: Weight::Bold,
    size: 11.5,
    leading: 15.5,
    grey: 0.0,
};
const BODY: Style = Style {
    weight: Weight::Regular,
    size: 10.5,
    leading: 14.5,
    grey: 0.0,
};
const LABEL: Style = Style {
    weight: Weight::Regular,
    size: 8.5,
    leading: 11.0,
    grey: 0.42,
};
const FOOTER: Style = Style {
    weight: Weight::Regular,
    size: 8.0,
    leading: 10.0,
    grey: 0.4,
};

/// A font registered with the document, plus what is needed to measure it.
struct Face {
    id: FontId,
    font: ParsedFont,
    units_per_em: f32,
}

impl Face {
    fn load(doc: &mut PdfDocument, bytes: &[u8], name: &str) -> Result<Self> {
        let mut warnings = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| anyhow!("cannot parse font {name}: {warnings:?}"))?;
        let units_per_em = f32::from(font.pdf_font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            bail!("font {name} has no units-per-em");
        }
        let id = doc.add_font(&font);
        Ok(Self {
            id,
            font,
            units_per_em,
        })
    }

    /// Horizontal advance of `c` in em; unmapped characters measure as `.notdef`
    /// (glyph 0). `get_horizontal_advance` needs printpdf's default features.
    fn advance(&self, c: char) -> f32 {
        let gid = self.font.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        f32::from(self.font.get_horizontal_advance(gid)) / self.units_per_em
    }

    /// Replaces characters the font has no glyph for with U+FFFD, so they show
    /// (and extract) as a replacement mark instead of a silent `.notdef` box.
    fn displayable(&self, text: &str) -> String {
        let has = |c: char| self.font.lookup_glyph_index(u32::from(c)).is_some();
        let fallback = if has(REPLACEMENT) { REPLACEMENT } else { '?' };
        text.chars()
            .map(|c| {
                if c.is_control() || has(c) {
                    c
                } else {
                    fallback
                }
            })
            .collect()
    }

    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }
}

struct Fonts {
    regular: Face,
    bold: Face,
}

impl Fonts {
    fn load(doc: &mut PdfDocument) -> Result<Self> {
        Ok(Self {
            regular: Face::load(doc, dejavu::sans::regular(), "DejaVu Sans")?,
            bold: Face::load(doc, dejavu::sans::bold(), "DejaVu Sans Bold")?,
        })
    }

    fn face(&self, weight: Weight) -> &Face {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Wraps `text` for `style` across the full content width, keeping `\n` breaks.
    fn lines(&self, text: &str, style: Style) -> Vec<String> {
        self.lines_within(text, style, CONTENT_W)
    }

    /// Wraps `text` for `style` within `width` points, keeping `\n` breaks.
    fn lines_within(&self, text: &str, style: Style, width: f32) -> Vec<String> {
        let face = self.face(style.weight);
        let max_width = width / style.size;
        face.displayable(text)
            .split('\n')
            .flat_map(|segment| {
                let lines = wrap(segment, max_width, |c| face.advance(c));
                if lines.is_empty() {
                    vec![String::new()]
                } else {
                    lines
                }
            })
            .collect()
    }
}

/// Whether `c` separates words. No-break spaces (common in Polish typography,
/// e.g. after one-letter words) are kept inside the word.
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// Greedily breaks `text` into lines no wider than `max_width`.
///
/// `char_width` gives each character's advance in the same unit as `max_width`.
/// Runs of whitespace collapse to one space, control characters are dropped,
/// and a word wider than a whole line is split between characters. Returns no
/// lines for blank input.
pub fn wrap(text: &str, max_width: f32, char_width: impl Fn(char) -> f32) -> Vec<String> {
    let space = char_width(' ');
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;

    for word in text.split(is_break_space).filter(|w| !w.is_empty()) {
        let word: String = word.chars().filter(|c| !c.is_control()).collect();
        if word.is_empty() {
            continue;
        }
        let word_width: f32 = word.chars().map(&char_width).sum();
        let needed = if line.is_empty() {
            word_width
        } else {
            line_width + space + word_width
        };
        if needed <= max_width + EPSILON {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
            line_width = needed;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if word_width <= max_width + EPSILON {
            line = word;
            line_width = word_width;
            continue;
        }
        // Overlong word: fill lines character by character (at least one per line).
        line_width = 0.0;
        for c in word.chars() {
            let w = char_width(c);
            if !line.is_empty() && line_width + w > max_width + EPSILON {
                lines.push(std::mem::take(&mut line));
                line_width = 0.0;
            }
            line.push(c);
            line_width += w;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Shortens `text` with a trailing ellipsis so that it fits `max_width`.
fn truncate_to_width(text: &str, max_width: f32, char_width: impl Fn(char) -> f32) -> String {
    let total: f32 = text.chars().map(&char_width).sum();
    if total <= max_width + EPSILON {
        return text.to_owned();
    }
    let budget = max_width - char_width('…');
    let mut out = String::new();
    let mut width = 0.0;
    for c in text.chars() {
        width += char_width(c);
        if width > budget {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

fn grey(level: f32) -> Color {
    Color::Greyscale(Greyscale::new(level, None))
}

/// Ops drawing one line of text with its baseline starting at (`x`, `y`).
fn text_ops(ops: &mut Vec<Op>, face: &Face, style: Style, x: f32, y: f32, text: &str) {
    // One text object per line: `SetTextCursor` emits a *relative* `Td`, so
    // a fresh `BT` keeps the position absolute.
    ops.extend([
        Op::StartTextSection,
        Op::SetFont {
            font: PdfFontHandle::External(face.id.clone()),
            size: Pt(style.size),
        },
        Op::SetFillColor {
            col: grey(style.grey),
        },
        Op::SetTextCursor {
            pos: Point { x: Pt(x), y: Pt(y) },
        },
        Op::ShowText {
            items: vec![TextItem::Text(text.to_owned())],
        },
        Op::EndTextSection,
    ]);
}

/// Ops drawing a horizontal rule across the content width at height `y`.
fn rule_ops(ops: &mut Vec<Op>, y: f32, thickness: f32, level: f32) {
    let point = |x: f32| LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    };
    ops.extend([
        Op::SetOutlineColor { col: grey(level) },
        Op::SetOutlineThickness { pt: Pt(thickness) },
        Op::DrawLine {
            line: Line {
                points: vec![point(MARGIN), point(MARGIN + CONTENT_W)],
                is_closed: false,
            },
        },
    ]);
}

/// Page-filling state: finished pages plus the page being written.
struct Layout<'a> {
    fonts: &'a Fonts,
    /// The registered photos of `Block::Person`s, in the order the blocks come.
    photos: std::vec::IntoIter<Option<(XObjectId, usize, usize)>>,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    /// Height already used on the current page, measured down from the content top.
    used: f32,
}

impl<'a> Layout<'a> {
    fn new(fonts: &'a Fonts, photos: Vec<Option<(XObjectId, usize, usize)>>) -> Self {
        Self {
            fonts,
            photos: photos.into_iter(),
            pages: Vec::new(),
            ops: Vec::new(),
            used: 0.0,
        }
    }

    fn at_page_top(&self) -> bool {
        self.used <= 0.0
    }

    fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.ops));
        self.used = 0.0;
    }

    /// Starts a new page unless `height` still fits (or the page is empty anyway).
    fn reserve(&mut self, height: f32) {
        if self.used + height > CONTENT_H + EPSILON && !self.at_page_top() {
            self.new_page();
        }
    }

    /// Vertical space; swallowed at the top of a page.
    fn gap(&mut self, height: f32) {
        if !self.at_page_top() {
            self.used += height;
        }
    }

    fn line(&mut self, style: Style, text: &str) {
        self.reserve(style.leading);
        // Centre the glyph box (ascent + descent) vertically in the line box.
        let pad = (style.leading - (ASCENT + DESCENT) * style.size) / 2.0;
        let baseline = CONTENT_TOP - self.used - pad - ASCENT * style.size;
        if !text.is_empty() {
            text_ops(
                &mut self.ops,
                self.fonts.face(style.weight),
                style,
                MARGIN,
                baseline,
                text,
            );
        }
        self.used += style.leading;
    }

    fn lines(&mut self, style: Style, lines: &[String]) {
        for line in lines {
            self.line(style, line);
        }
    }

    fn block(&mut self, block: &Block) {
        let blank = |text: &str| text.trim().is_empty();
        match block {
            Block::Title(text) if !blank(text) => {
                let lines = self.fonts.lines(text, TITLE);
                self.reserve(lines.len() as f32 * TITLE.leading + 6.0);
                self.lines(TITLE, &lines);
                self.used += 4.0;
                rule_ops(&mut self.ops, CONTENT_TOP - self.used, 0.8, 0.3);
                self.used += 10.0;
            }
            Block::Heading(text) if !blank(text) => {
                let lines = self.fonts.lines(text, HEADING);
                self.gap(12.0);
                // Keep the heading together with at least two lines of what follows.
                self.reserve(lines.len() as f32 * HEADING.leading + 3.0 + 2.0 * BODY.leading);
                self.lines(HEADING, &lines);
                self.used += 3.0;
            }
            Block::Paragraph(text) if !blank(text) => {
                let lines = self.fonts.lines(text.trim_end(), BODY);
                self.lines(BODY, &lines);
                self.gap(6.0);
            }
            Block::Field { label, value } if !(blank(label) && blank(value)) => {
                let labels = if blank(label) {
                    Vec::new()
                } else {
                    self.fonts.lines(label, LABEL)
                };
                let values = self.fonts.lines(value.trim_end(), BODY);
                // Keep the label with the first line of its value.
                self.reserve(labels.len() as f32 * LABEL.leading + BODY.leading);
                self.lines(LABEL, &labels);
                self.lines(BODY, &values);
                self.gap(6.0);
            }
            Block::Spacer => self.gap(BODY.leading),
            Block::Person { name, lines, .. } => {
                let photo = self.photos.next().flatten();
                self.person(photo, name, lines);
            }
            // Blocks without visible text take no space.
            _ => {}
        }
    }

    /// A person's entry: the photo frame on the left, the name and lines beside it.
    fn person(&mut self, photo: Option<(XObjectId, usize, usize)>, name: &str, lines: &[String]) {
        let width = CONTENT_W - PHOTO_W - PHOTO_GAP;
        let x = MARGIN + PHOTO_W + PHOTO_GAP;
        let names = self.fonts.lines_within(name, NAME, width);
        let details: Vec<String> = lines
            .iter()
            .flat_map(|l| self.fonts.lines_within(l, BODY, width))
            .collect();
        let text_height = names.len() as f32 * NAME.leading + details.len() as f32 * BODY.leading;
        let height = PHOTO_H.max(text_height) + 8.0;
        self.reserve(height);
        let top = CONTENT_TOP - self.used;
        let frame_bottom = top - PHOTO_H;
        match photo {
            Some((id, w, h)) => {
                // Fitted into the frame, its proportions kept, at 1 px = 1 pt before scaling.
                let scale = (PHOTO_W / w as f32).min(PHOTO_H / h as f32);
                let (shown_w, shown_h) = (w as f32 * scale, h as f32 * scale);
                self.ops.extend([
                    Op::SaveGraphicsState,
                    Op::UseXobject {
                        id,
                        transform: XObjectTransform {
                            translate_x: Some(Pt(MARGIN + (PHOTO_W - shown_w) / 2.0)),
                            translate_y: Some(Pt(top - shown_h)),
                            scale_x: Some(scale),
                            scale_y: Some(scale),
                            dpi: Some(72.0),
                            ..XObjectTransform::default()
                        },
                    },
                    Op::RestoreGraphicsState,
                ]);
            }
            None => self.ops.extend([
                Op::SetOutlineColor { col: grey(0.6) },
                Op::SetOutlineThickness { pt: Pt(0.5) },
                Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(MARGIN),
                        y: Pt(frame_bottom),
                        width: Pt(PHOTO_W),
                        height: Pt(PHOTO_H),
                        mode: Some(PaintMode::Stroke),
                        winding_order: None,
                    },
                },
            ]),
        }
        let mut baseline = top - ASCENT * NAME.size;
        for line in &names {
            text_ops(
                &mut self.ops,
                self.fonts.face(NAME.weight),
                NAME,
                x,
                baseline,
                line,
            );
            baseline -= NAME.leading;
        }
        for line in &details {
            text_ops(
                &mut self.ops,
                self.fonts.face(BODY.weight),
                BODY,
                x,
                baseline,
                line,
            );
            baseline -= BODY.leading;
        }
        self.used += height - 4.0;
        rule_ops(&mut self.ops, CONTENT_TOP - self.used, 0.3, 0.75);
        self.used += 4.0;
    }

    /// Finishes layout and returns the pages' ops (at least one page).
    fn finish(mut self) -> Vec<Vec<Op>> {
        if !self.ops.is_empty() || self.pages.is_empty() {
            self.new_page();
        }
        self.pages
    }
}

/// Appends the rule and `footer  ·  N / M` line to a page.
fn add_footer(ops: &mut Vec<Op>, fonts: &Fonts, footer: &str, number: usize, total: usize) {
    let face = fonts.face(FOOTER.weight);
    let numbering = format!("{number} / {total}");
    let footer = face.displayable(footer);
    let footer = footer.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = if footer.is_empty() {
        numbering
    } else {
        let suffix = format!("  ·  {numbering}");
        let room = CONTENT_W / FOOTER.size - face.width(&suffix, 1.0);
        format!(
            "{}{suffix}",
            truncate_to_width(&footer, room, |c| face.advance(c))
        )
    };
    rule_ops(ops, FOOTER_RULE_Y, 0.5, 0.6);
    text_ops(ops, face, FOOTER, MARGIN, FOOTER_BASELINE, &text);
}

/// Renders `doc` as an A4 PDF with embedded (subset) DejaVu Sans fonts.
///
/// # Errors
///
/// Fails if the bundled fonts cannot be parsed or serialization produces no PDF.
pub fn render(doc: &Document) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.title);
    let now = DateTime::now_utc();
    let info = &mut pdf.metadata.info;
    info.creation_date = now;
    info.modification_date = now;
    info.metadata_date = now;
    info.producer = "admitto".to_owned();

    let fonts = Fonts::load(&mut pdf)?;
    let photos = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Person { photo, .. } => Some(photo.as_ref().map(|p| {
                let raw = RawImage {
                    pixels: RawImageData::U8(p.rgb.clone()),
                    width: p.width,
                    height: p.height,
                    data_format: RawImageFormat::RGB8,
                    tag: Vec::new(),
                };
                (pdf.add_image(&raw), p.width, p.height)
            })),
            _ => None,
        })
        .collect();
    let mut layout = Layout::new(&fonts, photos);
    for block in &doc.blocks {
        layout.block(block);
    }
    let mut pages = layout.finish();
    let total = pages.len();
    for (index, ops) in pages.iter_mut().enumerate() {
        add_footer(ops, &fonts, &doc.footer, index + 1, total);
    }

    pdf.with_pages(
        pages
            .into_iter()
            .map(|ops| PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), ops))
            .collect(),
    );
    let mut warnings = Vec::new();
    let bytes = pdf.save(&PdfSaveOptions::default(), &mut warnings);
    // `save` swallows I/O errors and returns whatever was written.
    if !bytes.starts_with(b"%PDF") {
        bail!("PDF serialization failed: {warnings:?}");
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests;
