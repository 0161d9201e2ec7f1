//! Rules for free text typed by people: what characters may appear and how long it may be.

use super::values::text::is_forbidden_on_one_line;

/// Why a piece of text was refused. Each maps to one localised message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextProblem {
    Missing,
    TooLong { max: usize },
    TooShort { min: usize },
    ForbiddenCharacters,
}

/// Checks a single-line value: trims it, then applies the length limits (in characters).
pub fn single_line(raw: &str, min: usize, max: usize) -> Result<String, TextProblem> {
    let value = raw.trim();
    if value.is_empty() {
        return Err(TextProblem::Missing);
    }
    if value.chars().any(is_forbidden_on_one_line) {
        return Err(TextProblem::ForbiddenCharacters);
    }
    let len = value.chars().count();
    if len > max {
        return Err(TextProblem::TooLong { max });
    }
    if len < min {
        return Err(TextProblem::TooShort { min });
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_and_bidi_overrides_are_refused() {
        assert_eq!(
            single_line("a\u{0}b", 1, 10),
            Err(TextProblem::ForbiddenCharacters)
        );
        assert_eq!(
            single_line("a\u{202E}b", 1, 10),
            Err(TextProblem::ForbiddenCharacters)
        );
        assert_eq!(
            single_line("a\u{FFFD}b", 1, 10),
            Err(TextProblem::ForbiddenCharacters)
        );
    }

    #[test]
    fn length_is_counted_in_characters_after_trimming() {
        assert_eq!(single_line("  żółw  ", 1, 4), Ok("żółw".to_owned()));
        assert_eq!(
            single_line("żółwie", 1, 4),
            Err(TextProblem::TooLong { max: 4 })
        );
        assert_eq!(single_line("   ", 1, 4), Err(TextProblem::Missing));
    }
}
