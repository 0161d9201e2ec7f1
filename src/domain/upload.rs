//! What an uploaded file really is (by its first bytes, not its name or the browser's word) and
//! the name it is shown under.

use super::cycle::model::DocumentType;

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
