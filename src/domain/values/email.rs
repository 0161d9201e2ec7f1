//! Email addresses: one address, a plausible local part and a domain with a dot.

use super::error::{
    present, ValueError, DOMAIN_LABEL_MAX_CHARS, EMAIL_LOCAL_MAX_CHARS, EMAIL_MAX_CHARS,
};
use super::text::is_forbidden_on_one_line;

// Email

/// Parses an email address pragmatically: one `@`, a local part of at most 64 characters
/// without spaces or characters that need quoting, and a domain of at least two dot-separated
/// labels made of letters (any script), digits and inner hyphens. Returns the address with its
/// domain lower-cased; the local part keeps its case.
pub fn parse_email(raw: &str) -> Result<String, ValueError> {
    let value = present(raw)?;
    if value.chars().any(is_forbidden_on_one_line) {
        return Err(ValueError::ForbiddenCharacters);
    }
    if value.chars().count() > EMAIL_MAX_CHARS {
        return Err(ValueError::TooLong {
            max: EMAIL_MAX_CHARS,
        });
    }
    let (local, domain) = value.split_once('@').ok_or(ValueError::EmailFormat)?;
    if !is_email_local_part(local) || !is_domain(domain) {
        return Err(ValueError::EmailFormat);
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

fn is_email_local_part(local: &str) -> bool {
    !local.is_empty()
        && local.chars().count() <= EMAIL_LOCAL_MAX_CHARS
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"\"(),:;<>@[\\]".contains(c))
}

/// At least two labels, and a last label that is not all digits (so not an IP address).
fn is_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|label| is_domain_label(label))
        && labels
            .last()
            .is_some_and(|tld| tld.chars().any(char::is_alphabetic))
}

fn is_domain_label(label: &str) -> bool {
    !label.is_empty()
        && label.chars().count() <= DOMAIN_LABEL_MAX_CHARS
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| c.is_alphanumeric() || c == '-')
}
