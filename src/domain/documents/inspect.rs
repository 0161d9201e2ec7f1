//! What an uploaded file really is (by its first bytes, not its name or the browser's word) and
//! the name it is shown under.

use super::jpeg::{Ending, JpegWalk};
use crate::domain::cycle::model::DocumentType;

/// The type of a file from its first bytes: PDF, JPEG or PNG, or None for anything else
/// (HTML renamed `.pdf`, executables, archives, …).
pub fn sniff(head: &[u8]) -> Option<DocumentType> {
    if head.starts_with(b"%PDF-") {
        Some(DocumentType::Pdf)
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(DocumentType::Jpeg)
    } else if head.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some(DocumentType::Png)
    } else {
        None
    }
}

/// Largest image accepted, in pixels. A 600 dpi A4 scan has about 35 million and a 48-megapixel
/// phone photo 48 million; anything larger is a decompression bomb or far more than a reviewer
/// can use.
pub const MAX_PIXELS: u64 = 50_000_000;
/// Bytes at the start checked for web-page markup (browsers sniff the first 512).
const HEAD_BYTES: usize = 1024;
/// Bytes at the end kept for the end-of-file checks (a PDF's `%%EOF` must be in its last 1024).
const TAIL_BYTES: usize = 64 * 1024;

/// What is wrong with a file whose first bytes name an accepted type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// It is also something else: a web page, or an archive appended to it.
    Polyglot,
    /// Truncated or broken, so it could not be opened.
    Damaged,
    /// An image with more than [`MAX_PIXELS`] pixels.
    TooManyPixels { megapixels: u64 },
}

/// The result of reading a whole upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    pub kind: Option<DocumentType>,
    pub size: u64,
    pub problem: Option<Problem>,
    /// For a PDF: where its last cross-reference section starts, which the caller checks in
    /// the stored file (see [`is_xref_start`]).
    pub pdf_xref: Option<u64>,
}

/// Reads an upload part by part, keeping only its first kilobyte, its last 64 KiB, its size
/// and the state of the JPEG and PNG structure walks, and says at the end what the file is
/// and whether it is sound.
#[derive(Debug, Default)]
pub struct Inspector {
    head: Vec<u8>,
    tail: Vec<u8>,
    size: u64,
    jpeg: JpegWalk,
    png: PngChunks,
}

impl Inspector {
    pub fn new() -> Inspector {
        Inspector::default()
    }

    /// Bytes read so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn update(&mut self, chunk: &[u8]) {
        if self.head.len() < HEAD_BYTES {
            let take = (HEAD_BYTES - self.head.len()).min(chunk.len());
            self.head.extend_from_slice(&chunk[..take]);
        }
        if chunk.len() >= TAIL_BYTES {
            self.tail.clear();
            self.tail
                .extend_from_slice(&chunk[chunk.len() - TAIL_BYTES..]);
        } else {
            self.tail.extend_from_slice(chunk);
            if self.tail.len() > TAIL_BYTES {
                self.tail.drain(..self.tail.len() - TAIL_BYTES);
            }
        }
        self.jpeg.feed(chunk);
        self.png.feed(self.size, chunk);
        self.size += chunk.len() as u64;
    }

    pub fn finish(&self) -> Inspection {
        let kind = sniff(&self.head);
        let (problem, pdf_xref) = match kind {
            None => (None, None),
            Some(_) if has_markup(&self.head) || holds_zip(&self.tail, self.size) => {
                (Some(Problem::Polyglot), None)
            }
            Some(DocumentType::Pdf) => match pdf_trailer(&self.tail) {
                Ok(xref) if xref < self.size => (None, Some(xref)),
                Ok(_) => (Some(Problem::Damaged), None),
                Err(problem) => (Some(problem), None),
            },
            Some(DocumentType::Png) => (png_problem(&self.head, &self.png), None),
            Some(DocumentType::Jpeg) => (
                match self.jpeg.finish(&self.tail, self.size) {
                    Ending::Clean { width, height } => too_many_pixels((width, height)),
                    Ending::Damaged => Some(Problem::Damaged),
                    Ending::Foreign => Some(Problem::Polyglot),
                },
                None,
            ),
        };
        Inspection {
            kind,
            size: self.size,
            problem,
            pdf_xref,
        }
    }
}

/// Web-page markup a browser could act on. (Not `<?xml`: PDFs and JPEGs carry XMP metadata,
/// which may start with it.)
fn has_markup(head: &[u8]) -> bool {
    const TAGS: [&[u8]; 7] = [
        b"<!doctype",
        b"<html",
        b"<head",
        b"<body",
        b"<script",
        b"<iframe",
        b"<svg",
    ];
    let lower = head.to_ascii_lowercase();
    TAGS.iter()
        .any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

/// A ZIP archive's end record at the very end (a ZIP, JAR or Office file glued to the document).
/// Whether the last bytes of a file of `size` bytes hold a ZIP archive's end record: its
/// signature, a comment that fits in what follows (bytes after the comment do not hide it), and
/// a central directory that lies before the record in the file. An archive appended to an
/// image or a PDF is found wherever its end record is in the last 64 KiB.
fn holds_zip(tail: &[u8], size: u64) -> bool {
    let tail_start = size.saturating_sub(tail.len() as u64);
    tail.windows(4).enumerate().any(|(at, w)| {
        if w != b"PK\x05\x06" || tail.len() < at + 22 {
            return false;
        }
        let word = |i: usize| {
            u64::from(u32::from_le_bytes([
                tail[at + i],
                tail[at + i + 1],
                tail[at + i + 2],
                tail[at + i + 3],
            ]))
        };
        let comment = usize::from(u16::from_le_bytes([tail[at + 20], tail[at + 21]]));
        let (directory_size, directory_offset) = (word(12), word(16));
        let record = tail_start + at as u64;
        at + 22 + comment <= tail.len() && directory_size + directory_offset <= record
    })
}

/// The offset in `startxref` of a PDF whose last kilobyte ends with `%%EOF` (followed by
/// nothing but whitespace or padding).
fn pdf_trailer(tail: &[u8]) -> Result<u64, Problem> {
    let eof = find_last(tail, b"%%EOF").ok_or(Problem::Damaged)?;
    let after = &tail[eof + 5..];
    if !after.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
        return Err(Problem::Polyglot);
    }
    let start = find_last(&tail[..eof], b"startxref").ok_or(Problem::Damaged)?;
    std::str::from_utf8(&tail[start + 9..eof])
        .ok()
        .and_then(|n| n.trim().parse::<u64>().ok())
        .ok_or(Problem::Damaged)
}

/// Whether the bytes at a PDF's `startxref` offset begin a cross-reference table (`xref`) or a
/// cross-reference stream object (`12 0 obj`).
pub fn is_xref_start(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start();
    if text.starts_with("xref") {
        return true;
    }
    let mut words = text.split_ascii_whitespace();
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(n), Some(g), Some(obj))
            if n.bytes().all(|b| b.is_ascii_digit())
                && g.bytes().all(|b| b.is_ascii_digit())
                && obj.starts_with("obj")
    )
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Passes over up to `skip` bytes of `chunk`; true when there were any to pass over.
fn skip_within(skip: &mut u64, chunk: &mut &[u8]) -> bool {
    if *skip == 0 {
        return false;
    }
    let n = (*skip).min(chunk.len() as u64);
    *skip -= n;
    *chunk = &chunk[n as usize..];
    true
}

/// A PNG must start with its IHDR chunk (which gives the size), consist of whole chunks and end
/// exactly where its IEND chunk ends.
fn png_problem(head: &[u8], chunks: &PngChunks) -> Option<Problem> {
    if head.len() < 24 || &head[12..16] != b"IHDR" || !chunks.ended_cleanly() {
        return Some(Problem::Damaged);
    }
    let width = u32::from_be_bytes([head[16], head[17], head[18], head[19]]);
    let height = u32::from_be_bytes([head[20], head[21], head[22], head[23]]);
    if width == 0 || height == 0 {
        return Some(Problem::Damaged);
    }
    too_many_pixels((width, height))
}

/// Walks a PNG's chunks (length, type, data, CRC) as the bytes stream past, holding at most a
/// chunk header.
#[derive(Debug, Default)]
struct PngChunks {
    /// Bytes of the current chunk still to skip (its data and CRC).
    skip: u64,
    header: Vec<u8>,
    /// The last chunk was IEND, with nothing after it so far.
    after_end: bool,
    broken: bool,
}

impl PngChunks {
    fn feed(&mut self, offset: u64, mut chunk: &[u8]) {
        if offset == 0 {
            // Past the signature.
            self.skip = 8;
        }
        while !self.broken && !chunk.is_empty() {
            if skip_within(&mut self.skip, &mut chunk) {
                continue;
            }
            if self.after_end {
                // Bytes after IEND.
                self.broken = true;
                return;
            }
            let take = (8 - self.header.len()).min(chunk.len());
            self.header.extend_from_slice(&chunk[..take]);
            chunk = &chunk[take..];
            if self.header.len() == 8 {
                let h = &self.header;
                let length = u32::from_be_bytes([h[0], h[1], h[2], h[3]]);
                let kind = &h[4..8];
                if length > 0x7FFF_FFFF || !kind.iter().all(u8::is_ascii_alphabetic) {
                    self.broken = true;
                    return;
                }
                self.after_end = kind == b"IEND";
                self.skip = u64::from(length) + 4;
                self.header.clear();
            }
        }
    }

    fn ended_cleanly(&self) -> bool {
        !self.broken && self.after_end && self.skip == 0 && self.header.is_empty()
    }
}

fn too_many_pixels((width, height): (u32, u32)) -> Option<Problem> {
    let pixels = u64::from(width) * u64::from(height);
    (pixels > MAX_PIXELS).then_some(Problem::TooManyPixels {
        megapixels: pixels.div_ceil(1_000_000),
    })
}

pub fn content_type(kind: DocumentType) -> &'static str {
    match kind {
        DocumentType::Pdf => "application/pdf",
        DocumentType::Jpeg => "image/jpeg",
        DocumentType::Png => "image/png",
    }
}

pub fn extension(kind: DocumentType) -> &'static str {
    match kind {
        DocumentType::Pdf => "pdf",
        DocumentType::Jpeg => "jpg",
        DocumentType::Png => "png",
    }
}

/// Longest file name kept, in characters.
pub const NAME_MAX: usize = 120;

/// The name a file is listed under: the last path component of what the browser sent, without
/// control, direction-changing or invisible characters, at most [`NAME_MAX`] characters, and
/// with the extension of its real type. It is only ever shown, never used as a path.
pub fn display_name(raw: &str, kind: DocumentType) -> String {
    let last = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}' | '\u{FEFF}')
        })
        .collect();
    let stem = clean
        .rsplit_once('.')
        .map_or(clean.as_str(), |(stem, _)| stem)
        .trim()
        .trim_matches('.');
    let stem: String = stem
        .chars()
        .take(NAME_MAX - 1 - extension(kind).len())
        .collect();
    let stem = if stem.is_empty() {
        "document"
    } else {
        stem.as_str()
    };
    format!("{stem}.{}", extension(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_recognised_by_their_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some(DocumentType::Pdf));
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some(DocumentType::Jpeg)
        );
        assert_eq!(
            sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]),
            Some(DocumentType::Png)
        );
        assert_eq!(sniff(b"<!DOCTYPE html><script>"), None);
        assert_eq!(sniff(b"MZ\x90\x00"), None);
        assert_eq!(sniff(b""), None);
    }

    /// A small but well-formed PDF with a classic cross-reference table.
    fn pdf() -> Vec<u8> {
        let mut pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec();
        pdf.extend_from_slice(b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
        let xref = pdf.len();
        pdf.extend_from_slice(b"xref\n0 3\n0000000000 65535 f \n");
        pdf.extend_from_slice(
            format!("trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
        );
        pdf
    }

    fn png(width: u32, height: u32) -> Vec<u8> {
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&width.to_be_bytes());
        png.extend_from_slice(&height.to_be_bytes());
        png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
        png.extend_from_slice(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]);
        png
    }

    fn jpeg(width: u16, height: u16, exif_bytes: usize) -> Vec<u8> {
        let mut jpeg = vec![0xFF, 0xD8];
        // An APP1 segment as large as an EXIF block with a thumbnail.
        let mut left = exif_bytes;
        while left > 0 {
            let n = left.min(65_000);
            jpeg.extend_from_slice(&[0xFF, 0xE1]);
            jpeg.extend_from_slice(&((n + 2) as u16).to_be_bytes());
            jpeg.extend(std::iter::repeat_n(0xFFu8, n));
            left -= n;
        }
        jpeg.extend_from_slice(&[0xFF, 0xC0, 0, 17, 8]);
        jpeg.extend_from_slice(&height.to_be_bytes());
        jpeg.extend_from_slice(&width.to_be_bytes());
        jpeg.extend_from_slice(&[3; 10]);
        jpeg.extend_from_slice(&[0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        jpeg
    }

    /// Inspects `bytes` as it would arrive in parts of `part` bytes.
    fn inspect(bytes: &[u8], part: usize) -> Inspection {
        let mut inspector = Inspector::new();
        for chunk in bytes.chunks(part) {
            inspector.update(chunk);
        }
        inspector.finish()
    }

    #[test]
    fn sound_files_pass_whatever_the_part_sizes() {
        for part in [1, 3, 7, 100, 4096, 1 << 20] {
            let pdf = pdf();
            let inspection = inspect(&pdf, part);
            assert_eq!(inspection.problem, None, "part {part}");
            let xref = inspection.pdf_xref.unwrap() as usize;
            assert!(is_xref_start(&pdf[xref..]));
            assert_eq!(inspect(&png(600, 800), part).problem, None);
            let photo = inspect(&jpeg(4000, 3000, 150_000), part);
            assert_eq!(
                (photo.kind, photo.problem),
                (Some(DocumentType::Jpeg), None),
                "part {part}"
            );
        }
    }

    #[test]
    fn broken_and_truncated_files_are_damaged() {
        let pdf = pdf();
        assert_eq!(
            inspect(&pdf[..pdf.len() - 20], 64).problem,
            Some(Problem::Damaged)
        );
        let no_startxref = String::from_utf8(pdf.clone())
            .unwrap()
            .replace("startxref", "begin");
        assert_eq!(
            inspect(no_startxref.as_bytes(), 64).problem,
            Some(Problem::Damaged)
        );
        let beyond = String::from_utf8(pdf.clone())
            .unwrap()
            .replace("startxref\n", "startxref\n9");
        assert_eq!(
            inspect(beyond.as_bytes(), 64).problem,
            Some(Problem::Damaged)
        );
        assert!(!is_xref_start(b"garbage here"));
        assert!(is_xref_start(b"\n12 0 obj\n<< /Type /XRef >>"));
        let png = png(10, 10);
        assert_eq!(
            inspect(&png[..png.len() - 12], 64).problem,
            Some(Problem::Damaged)
        );
        assert_eq!(inspect(&png[..20], 64).problem, Some(Problem::Damaged));
        let mut misaligned = png.clone();
        misaligned[11] = 20; // IHDR claims more bytes than it has
        assert_eq!(inspect(&misaligned, 5).problem, Some(Problem::Damaged));
        let mut trailing = png.clone();
        trailing.extend_from_slice(b"junk");
        assert_eq!(inspect(&trailing, 5).problem, Some(Problem::Damaged));
        let jpeg = jpeg(10, 10, 0);
        assert_eq!(inspect(&jpeg[..6], 64).problem, Some(Problem::Damaged));
        assert_eq!(
            inspect(&[0xFF, 0xD8, 0xFF, 0xDA, 0, 2], 64).problem,
            Some(Problem::Damaged)
        );
    }

    #[test]
    fn metadata_near_the_start_is_not_markup() {
        let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Type /Metadata /Subtype /XML >>\nstream\n".to_vec();
        pdf.extend_from_slice(
            b"<?xpacket begin=\"\"?><?xml version=\"1.0\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\">",
        );
        pdf.extend_from_slice(b"</x:xmpmeta>\nendstream\nendobj\n");
        pdf.extend_from_slice(&self::pdf()[9..]);
        assert_ne!(inspect(&pdf, 64).problem, Some(Problem::Polyglot));
    }

    /// A one-file ZIP archive (stored, not compressed) with `comment`.
    fn zip_archive(comment: &[u8]) -> Vec<u8> {
        let (name, data) = (b"payload.html", b"<script>alert(1)</script>");
        let mut zip = b"PK\x03\x04\x14\x00\x00\x00\x00\x00".to_vec();
        zip.extend_from_slice(&[0; 16]);
        zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
        zip.extend_from_slice(&[0, 0]);
        zip.extend_from_slice(name);
        zip.extend_from_slice(data);
        let directory = zip.len() as u32;
        zip.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00");
        zip.extend_from_slice(&[0; 16]);
        zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
        zip.extend_from_slice(&[0; 14]);
        zip.extend_from_slice(name);
        let directory_size = zip.len() as u32 - directory;
        zip.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00\x01\x00\x01\x00");
        zip.extend_from_slice(&directory_size.to_le_bytes());
        zip.extend_from_slice(&directory.to_le_bytes());
        zip.extend_from_slice(&(comment.len() as u16).to_le_bytes());
        zip.extend_from_slice(comment);
        zip
    }

    #[test]
    fn an_end_record_signature_in_image_data_alone_is_not_an_archive() {
        // The four bytes of the signature turn up in compressed data now and then; without a
        // central directory before them they are not a ZIP.
        let mut photo = jpeg(10, 10, 0);
        let end = photo.len() - 2;
        let mut noise = b"PK\x05\x06".to_vec();
        noise.extend_from_slice(&[0xAB; 30]);
        photo.splice(end..end, noise);
        assert_ne!(inspect(&photo, 64).problem, Some(Problem::Polyglot));
    }

    #[test]
    fn files_that_are_two_things_at_once_are_polyglots() {
        let mut html = b"%PDF-1.4\n<html><script>alert(1)</script></html>\n".to_vec();
        html.extend_from_slice(&pdf()[9..]);
        assert_eq!(inspect(&html, 64).problem, Some(Problem::Polyglot));
        let mut zip = png(10, 10);
        zip.extend_from_slice(b"PK\x03\x04 payload PK\x05\x06");
        zip.extend_from_slice(&[0; 18]);
        assert_eq!(inspect(&zip, 64).problem, Some(Problem::Polyglot));
        // An archive with a comment, and one with a byte after it, are archives all the same.
        let mut commented = jpeg(10, 10, 0);
        commented.extend_from_slice(&zip_archive(&[b'c'; 2000]));
        assert_eq!(inspect(&commented, 64).problem, Some(Problem::Polyglot));
        let mut trailing = jpeg(10, 10, 0);
        trailing.extend_from_slice(&zip_archive(b""));
        trailing.push(0);
        assert_eq!(inspect(&trailing, 64).problem, Some(Problem::Polyglot));
        let mut appended = pdf();
        appended.extend_from_slice(b"<script>alert(1)</script>");
        assert_eq!(inspect(&appended, 64).problem, Some(Problem::Polyglot));
        let mut svg = jpeg(10, 10, 0);
        svg.splice(
            2..2,
            b"\xFF\xFE\x00\x1A<svg onload=alert(1)>   ".iter().copied(),
        );
        assert_eq!(inspect(&svg, 64).problem, Some(Problem::Polyglot));
    }

    /// Files with what cameras and phones append after a JPEG's end-of-image marker (made by
    /// `tests/fixtures/camera/make.py`).
    const CAMERA_FILES: [(&str, &[u8]); 5] = [
        (
            "stereo.mpo",
            include_bytes!("../../../tests/fixtures/camera/stereo.mpo"),
        ),
        (
            "progressive.jpg",
            include_bytes!("../../../tests/fixtures/camera/progressive.jpg"),
        ),
        (
            "motion.jpg",
            include_bytes!("../../../tests/fixtures/camera/motion.jpg"),
        ),
        (
            "samsung.jpg",
            include_bytes!("../../../tests/fixtures/camera/samsung.jpg"),
        ),
        (
            "padded.jpg",
            include_bytes!("../../../tests/fixtures/camera/padded.jpg"),
        ),
    ];

    #[test]
    fn what_cameras_append_to_a_photo_is_accepted() {
        for (name, bytes) in CAMERA_FILES {
            for part in [1, 5, 64, 1 << 20] {
                let inspection = inspect(bytes, part);
                assert_eq!(
                    (inspection.kind, inspection.problem),
                    (Some(DocumentType::Jpeg), None),
                    "{name} in parts of {part}"
                );
            }
        }
    }

    #[test]
    fn anything_else_after_a_photo_makes_it_a_polyglot() {
        for (name, bytes) in CAMERA_FILES {
            for extra in [&b"<?php system($_GET[1]); ?>"[..], b"x", b"\x00\x00junk"] {
                let mut appended = bytes.to_vec();
                appended.extend_from_slice(extra);
                assert_eq!(
                    inspect(&appended, 64).problem,
                    Some(Problem::Polyglot),
                    "{name} followed by {extra:?}"
                );
            }
        }
        // A second image whose start is real but whose rest is not.
        let mut fake = jpeg(10, 10, 0);
        fake.extend_from_slice(b"\xFF\xD8\xFF\xE0 this is not a segment");
        assert_eq!(inspect(&fake, 7).problem, Some(Problem::Polyglot));
        // A Samsung directory that does not account for the bytes before it.
        let samsung = CAMERA_FILES[3].1;
        let end = jpeg_end(samsung);
        let mut smuggled = samsung[..end].to_vec();
        smuggled.extend_from_slice(b"hidden payload");
        smuggled.extend_from_slice(&samsung[end..]);
        assert_eq!(inspect(&smuggled, 64).problem, Some(Problem::Polyglot));
    }

    /// Where the first image of a camera file ends (just after its first end-of-image marker
    /// outside its header segments; the test files have no thumbnails).
    fn jpeg_end(bytes: &[u8]) -> usize {
        bytes.windows(2).position(|w| w == [0xFF, 0xD9]).unwrap() + 2
    }

    #[test]
    fn a_photo_without_its_end_is_damaged() {
        for (name, bytes) in CAMERA_FILES {
            let end = jpeg_end(bytes);
            assert_eq!(
                inspect(&bytes[..end - 2], 64).problem,
                Some(Problem::Damaged),
                "{name} cut before its end"
            );
        }
        // A video cut short inside a box.
        let motion = CAMERA_FILES[2].1;
        assert_eq!(
            inspect(&motion[..motion.len() - 10], 64).problem,
            Some(Problem::Damaged)
        );
    }

    #[test]
    fn images_beyond_the_pixel_limit_are_refused() {
        assert_eq!(
            inspect(&png(100_000, 100_000), 64).problem,
            Some(Problem::TooManyPixels { megapixels: 10_000 })
        );
        assert_eq!(
            inspect(&jpeg(65_000, 65_000, 10), 7).problem,
            Some(Problem::TooManyPixels { megapixels: 4_225 })
        );
        // A 600 dpi A4 scan is fine.
        assert_eq!(inspect(&png(4_961, 7_016), 64).problem, None);
    }

    #[test]
    fn names_lose_paths_and_tricks_and_get_their_real_extension() {
        assert_eq!(
            display_name("../../etc/passwd", DocumentType::Pdf),
            "passwd.pdf"
        );
        assert_eq!(
            display_name("C:\\Users\\a\\świadectwo.PDF", DocumentType::Pdf),
            "świadectwo.pdf"
        );
        assert_eq!(
            display_name("invoice\u{202E}gpj.exe", DocumentType::Jpeg),
            "invoicegpj.jpg"
        );
        assert_eq!(display_name("", DocumentType::Png), "document.png");
        assert_eq!(display_name("...", DocumentType::Png), "document.png");
        let long = "a".repeat(300);
        assert_eq!(
            display_name(&long, DocumentType::Pdf).chars().count(),
            NAME_MAX
        );
    }
}
