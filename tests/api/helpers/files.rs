//! Files to upload, built byte by byte: sound ones, and the bad inputs a portal meets (a
//! polyglot, a damaged PDF, a decompression bomb, the EICAR test file).

use std::io::Write;

/// A one-page A4 PDF that shows `text`, with a correct cross-reference table. `extra` is put in
/// a comment before the page content (to carry test signatures).
pub fn pdf_with(text: &str, extra: &str) -> Vec<u8> {
    let content = format!("% {extra}\nBT /F1 24 Tf 72 760 Td ({text}) Tj ET\n");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
    ];
    let mut pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        writeln!(pdf, "{} 0 obj\n{body}\nendobj", i + 1).unwrap();
    }
    let xref = pdf.len();
    writeln!(pdf, "xref\n0 {}\n0000000000 65535 f ", objects.len() + 1).unwrap();
    for offset in offsets {
        writeln!(pdf, "{offset:010} 00000 n ").unwrap();
    }
    writeln!(
        pdf,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF",
        objects.len() + 1
    )
    .unwrap();
    pdf
}

pub fn pdf() -> Vec<u8> {
    pdf_with("Scan", "")
}

/// A PDF whose last line (`startxref`) points into its header instead of at its
/// cross-reference section: damaged, though it starts and ends like a PDF.
pub fn pdf_pointing_elsewhere() -> Vec<u8> {
    let mut pdf = pdf();
    let at = pdf.windows(10).rposition(|w| w == b"startxref\n").unwrap() + 10;
    let end = at + pdf[at..].iter().position(|&b| b == b'\n').unwrap();
    pdf.splice(at..end, *b"1");
    pdf
}

/// A real greyscale PNG of `width` × `height` pixels, all black, compressed: at 8000 × 8000 it
/// is a few kilobytes that decode to 64 million pixels.
pub fn png_of(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
    }
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    // 1-bit greyscale, deflate, no filter, no interlace.
    ihdr.extend_from_slice(&[1, 0, 0, 0, 0]);
    let row = vec![0u8; 1 + (width as usize).div_ceil(8)];
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    for _ in 0..height {
        encoder.write_all(&row).unwrap();
    }
    let idat = encoder.finish().unwrap();
    let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    chunk(&mut png, b"IHDR", &ihdr);
    chunk(&mut png, b"IDAT", &idat);
    chunk(&mut png, b"IEND", &[]);
    png
}

/// The EICAR anti-virus test string, put together here so the source file itself is not one.
pub fn eicar() -> String {
    let halves = [
        "X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR",
        "-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*",
    ];
    halves.concat()
}
