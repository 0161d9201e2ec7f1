//! Free text: length and the characters no field may hold.

use super::error::{present, ValueError};

// Free text

/// Checks free text (one or more lines): trimmed, at most `max_chars` characters, and free of
/// characters that hide or reorder what is displayed. Markup is allowed: it is escaped on
/// output, not refused on input.
pub fn check_text(raw: &str, max_chars: usize) -> Result<String, ValueError> {
    let value = present(raw)?;
    if value.chars().any(is_forbidden_char) {
        return Err(ValueError::ForbiddenCharacters);
    }
    if value.chars().count() > max_chars {
        return Err(ValueError::TooLong { max: max_chars });
    }
    Ok(value.to_owned())
}

/// The one rule for characters no field may hold, whoever typed it (account or application):
/// control characters other than line breaks and tabs, bidirectional embeddings, overrides and
/// isolates (they make text display differently from what it is), the zero-width space, the
/// byte-order mark and the replacement character left behind by bytes that were not UTF-8.
/// Zero-width (non-)joiners stay: family and flag emoji and Persian script need them.
pub fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(
            c,
            '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200B}'
                | '\u{FEFF}'
                | '\u{FFFD}'
        )
}

/// The same rule for a single-line value, which also holds no line break or tab.
pub fn is_forbidden_on_one_line(c: char) -> bool {
    is_forbidden_char(c) || matches!(c, '\n' | '\r' | '\t')
}
