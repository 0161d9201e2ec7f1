//! How the editor's forms read and write the definition's values: texts in both languages,
//! optional conditions, the requirement choice, one-per-line lists (options, reasons), numbers
//! and checkboxes. A submitted value equal to the current one up to line breaks and outer
//! whitespace keeps the current value, so a save without edits changes nothing.

use crate::domain::cycle::model::{ChoiceOption, FieldType, Text};
use crate::web::form::FormErrors;
use crate::web::Page;
use serde::Deserialize;
use toml::Spanned;

/// A form that carries nothing but its CSRF token and the base it was rendered from (a remove
/// button).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BaseForm {
    pub base: String,
}

/// A move button: `up` or `down`, with the base of the page it is on.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    pub direction: String,
    pub base: String,
}

/// A text in the staff member's language, or in any language it has.
pub fn pick(text: &Text, locale: &str) -> String {
    text.get(locale)
        .or_else(|| text.values().next())
        .cloned()
        .unwrap_or_default()
}

/// A submitted value as it is stored: line breaks as `\n`, outer whitespace trimmed. When that
/// is the current value up to the same trimming, the current value is kept as it is, so a save
/// without edits changes nothing (a formula keeps its trailing line break, a text its spaces).
pub fn edited(current: Option<&str>, submitted: &str) -> String {
    let normalised = submitted.replace("\r\n", "\n").replace('\r', "\n");
    let normalised = normalised.trim();
    match current {
        Some(current) if current.trim() == normalised => current.to_owned(),
        _ => normalised.to_owned(),
    }
}

/// A text edited in both languages; `current` is the value before the edit, if any.
pub fn text_of(current: Option<&Text>, pl: &str, en: &str) -> Spanned<Text> {
    let mut text = Text::new();
    for (locale, value) in [("pl", pl), ("en", en)] {
        let before = current.and_then(|c| c.get(locale)).map(String::as_str);
        let value = edited(before, value);
        if !value.trim().is_empty() {
            text.insert(locale.to_owned(), value);
        }
    }
    Spanned::new(0..0, text)
}

/// A value that may be left out (a condition, a formula): None when the submission is empty.
pub fn optional(current: Option<&Spanned<String>>, value: &str) -> Option<Spanned<String>> {
    let value = edited(current.map(|c| c.get_ref().as_str()), value);
    (!value.trim().is_empty()).then(|| Spanned::new(0..0, value))
}

/// A text in both languages that may be left out: None when both are empty.
pub fn optional_text(current: Option<&Spanned<Text>>, pl: &str, en: &str) -> Option<Spanned<Text>> {
    (!pl.trim().is_empty() || !en.trim().is_empty())
        .then(|| text_of(current.map(Spanned::get_ref), pl, en))
}

/// A checkbox's form value.
pub fn yes_if(checked: bool) -> String {
    if checked { "yes" } else { "" }.to_owned()
}

/// Whether a checkbox was ticked.
pub fn checked(value: &str) -> bool {
    value == "yes"
}

pub fn text_in(text: Option<&Spanned<Text>>, locale: &str) -> String {
    text.and_then(|t| t.get_ref().get(locale).cloned())
        .unwrap_or_default()
}

pub fn condition_text(condition: &Option<Spanned<String>>) -> String {
    condition
        .as_ref()
        .map(|c| c.get_ref().clone())
        .unwrap_or_default()
}

/// The requirement choice a form shows: `always`, `when` (a condition) or `optional`.
pub fn requirement_of(required: bool, required_when: &Option<Spanned<String>>) -> &'static str {
    match (required, required_when) {
        (true, _) => "always",
        (false, Some(_)) => "when",
        (false, None) => "optional",
    }
}

/// Checks a submitted requirement choice and its condition, adding errors at their fields.
pub fn check_requirement(page: &Page, errors: &mut FormErrors, requirement: &str, condition: &str) {
    if !["always", "when", "optional"].contains(&requirement) {
        errors.add("requirement", page.t("editor-error-requirement"));
    }
    if requirement == "when" && condition.trim().is_empty() {
        errors.add("condition", page.t("editor-error-condition-missing"));
    }
}

/// `required` and `required_when` for a submitted requirement choice.
pub fn requirement_from(
    current: Option<&Spanned<String>>,
    requirement: &str,
    condition: &str,
) -> (bool, Option<Spanned<String>>) {
    let when = if requirement == "when" {
        optional(current, condition)
    } else {
        None
    };
    (requirement == "always", when)
}

/// Both texts of a `{name}_pl` / `{name}_en` pair must be given, each at most `max` characters
/// when there is a maximum.
pub fn check_texts(
    page: &Page,
    errors: &mut FormErrors,
    texts: [(&str, &str); 2],
    max: Option<usize>,
) {
    for (field, value) in texts {
        if value.trim().is_empty() {
            errors.add(field, page.t("error-field-missing"));
        } else if let Some(max) = max.filter(|max| value.chars().count() > *max) {
            errors.add(field, page.tn("error-field-too-long", "max", &(max as i64)));
        }
    }
}

/// A new key: lower-case letters, digits and `_`, starting with a letter (conditions read field
/// keys as `answers.key`, so the same rule serves steps and documents).
pub fn well_formed_key(key: &str) -> bool {
    key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Checks a new part's key and the two texts every new part needs.
pub fn check_new(page: &Page, errors: &mut FormErrors, key: &str, texts: [(&str, &str); 2]) {
    if !well_formed_key(key.trim()) {
        errors.add("key", page.t("editor-error-key"));
    }
    check_texts(page, errors, texts, Some(300));
}

/// `Polish | English`, as a text is typed on one line of an editor list.
fn pl_en(text: &Text) -> String {
    format!(
        "{} | {}",
        text.get("pl").map_or("", String::as_str),
        text.get("en").map_or("", String::as_str)
    )
}

/// The non-blank lines of `raw`, each split at `|` into trimmed parts and read by `read`; an
/// error names the first line (from 1) that `read` refuses.
fn parse_lines<T>(raw: &str, read: impl Fn(&[&str]) -> Option<T>) -> Result<Vec<T>, usize> {
    raw.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            read(&parts).ok_or(i + 1)
        })
        .collect()
}

/// Options as staff type them, one per line: `value | Polish label | English label`.
pub fn options_text(options: &[ChoiceOption]) -> String {
    options
        .iter()
        .map(|o| format!("{} | {}", o.value.get_ref(), pl_en(o.label.get_ref())))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parses [`options_text`]; an error names the first line (from 1) that is not three parts.
fn parse_options(raw: &str) -> Result<Vec<ChoiceOption>, usize> {
    parse_lines(raw, |parts| match parts {
        [value, pl, en] if !value.is_empty() && !pl.is_empty() && !en.is_empty() => {
            Some(ChoiceOption {
                value: Spanned::new(0..0, (*value).to_owned()),
                label: text_of(None, pl, en),
            })
        }
        _ => None,
    })
}

/// Texts as staff type them, one per line: `Polish | English` (e.g. rejection reasons).
pub fn texts_text(texts: &[Spanned<Text>]) -> String {
    texts
        .iter()
        .map(|t| pl_en(t.get_ref()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parses [`texts_text`]; an error names the first line (from 1) that is not two parts.
pub fn parse_texts(raw: &str) -> Result<Vec<Spanned<Text>>, usize> {
    parse_lines(raw, |parts| match parts {
        [pl, en] if !pl.is_empty() && !en.is_empty() => Some(text_of(None, pl, en)),
        _ => None,
    })
}

/// Checks the options of a choice field into `errors`; None when they are unusable.
pub fn checked_options(
    page: &Page,
    errors: &mut FormErrors,
    kind: FieldType,
    raw: &str,
) -> Option<Vec<ChoiceOption>> {
    if !kind.is_choice() {
        return Some(Vec::new());
    }
    match parse_options(raw) {
        Ok(options) if options.is_empty() => {
            errors.add("options", page.t("editor-error-options-missing"));
            None
        }
        Ok(options) => Some(options),
        Err(line) => {
            errors.add(
                "options",
                page.tn("editor-error-options-line", "line", &(line as i64)),
            );
            None
        }
    }
}

/// A number as a form shows it (empty when not set).
pub fn number_text(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// An optional non-negative number, with a decimal comma or point; Err when malformed.
pub fn parse_optional_number(raw: &str) -> Result<Option<f64>, ()> {
    let raw = raw.trim().replace(',', ".");
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(Some)
        .ok_or(())
}

/// A whole number in `range`, if the submission is one.
pub fn parse_count(raw: &str, range: std::ops::RangeInclusive<u32>) -> Option<u32> {
    raw.trim().parse::<u32>().ok().filter(|n| range.contains(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_survive_a_round_trip_through_their_text_form() {
        let parsed = parse_options("a | Tak | Yes\n\n b|Nie|No ");
        let Ok(options) = parsed else {
            panic!("options did not parse: {parsed:?}");
        };
        assert_eq!(options.len(), 2);
        assert_eq!(options_text(&options), "a | Tak | Yes\nb | Nie | No");
    }

    #[test]
    fn an_option_line_without_three_parts_is_reported_by_its_number() {
        assert!(matches!(parse_options("a | Tak | Yes\nb | Nie"), Err(2)));
        assert!(matches!(parse_options(" | Tak | Yes"), Err(1)));
    }

    #[test]
    fn new_keys_must_be_usable_in_conditions() {
        assert!(well_formed_key("visa_needed"));
        assert!(!well_formed_key("1st"));
        assert!(!well_formed_key("visa-needed"));
        assert!(!well_formed_key(""));
        assert!(!well_formed_key("Visa"));
    }

    #[test]
    fn a_submission_that_differs_only_in_line_breaks_and_outer_spaces_keeps_the_current_value() {
        assert_eq!(edited(Some("a &&\nb\n"), " a &&\r\nb "), "a &&\nb\n");
        assert_eq!(edited(Some("a"), "b"), "b");
        assert_eq!(edited(None, " b\r\n"), "b");
    }
}
