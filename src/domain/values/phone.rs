//! Phone numbers in international form.

use super::error::{present, ValueError, PHONE_DIGITS};

// Phone

/// A phone number in E.164 form: `+` and 8 to 15 digits, the first not 0.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone(String);

impl Phone {
    /// Parses an international number. Spaces, dashes, dots and parentheses are dropped, a
    /// leading `00` becomes `+`, and a `(0)` trunk prefix (as in `+44 (0)20 …`) is removed.
    /// A number without a country code is refused rather than guessed.
    pub fn parse(raw: &str) -> Result<Phone, ValueError> {
        let value = present(raw)?.replace("(0)", "");
        let mut has_plus = false;
        let mut digits = String::with_capacity(value.len());
        for (i, c) in value.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => has_plus = true,
                '-' | '.' | '(' | ')' => {}
                c if c.is_whitespace() => {}
                _ => return Err(ValueError::PhoneCharacters),
            }
        }
        let international = if has_plus {
            digits.as_str()
        } else {
            digits
                .strip_prefix("00")
                .ok_or(ValueError::PhoneCountryCode)?
        };
        if international.starts_with('0') {
            return Err(ValueError::PhoneCountryCode);
        }
        if !PHONE_DIGITS.contains(&international.len()) {
            return Err(ValueError::PhoneLength);
        }
        Ok(Phone(format!("+{international}")))
    }

    /// The number as `+` followed by digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}
