//! Numbers and exam percentages.

use super::error::{present, ValueError};

// Numbers

/// Parses a decimal number such as `4,5` or `-12.75`, with either a comma or a dot as the
/// decimal separator. Exponents, `inf` and `NaN` are refused. `min` and `max` are inclusive.
pub fn parse_number(raw: &str, min: Option<f64>, max: Option<f64>) -> Result<f64, ValueError> {
    let value = present(raw)?;
    if !is_plain_decimal(value) {
        return Err(ValueError::NumberFormat);
    }
    let number: f64 = value
        .replace(',', ".")
        .parse()
        .map_err(|_| ValueError::NumberFormat)?;
    // A long enough run of digits overflows to infinity.
    if !number.is_finite() {
        return Err(ValueError::NumberFormat);
    }
    if min.is_some_and(|min| number < min) {
        return Err(ValueError::BelowMin);
    }
    if max.is_some_and(|max| number > max) {
        return Err(ValueError::AboveMax);
    }
    Ok(number)
}

/// An optional sign, then digits with at most one `.` or `,`, and at least one digit.
fn is_plain_decimal(value: &str) -> bool {
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    let mut digits = 0;
    let mut separators = 0;
    for c in unsigned.chars() {
        match c {
            '0'..='9' => digits += 1,
            '.' | ',' => separators += 1,
            _ => return false,
        }
    }
    digits > 0 && separators <= 1
}

/// Parses an exam result as a whole percentage from 0 to 100; a trailing `%` is allowed.
pub fn parse_percentage(raw: &str) -> Result<u8, ValueError> {
    let value = present(raw)?;
    let number = value.strip_suffix('%').map_or(value, str::trim_end);
    let (negative, digits) = match number.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, number),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ValueError::PercentageFormat);
    }
    // Only digits are left, so parsing can fail only by overflowing.
    let percentage: u64 = digits
        .parse()
        .map_err(|_| ValueError::PercentageOutOfRange)?;
    if negative && percentage != 0 {
        return Err(ValueError::PercentageOutOfRange);
    }
    u8::try_from(percentage)
        .ok()
        .filter(|&p| p <= 100)
        .ok_or(ValueError::PercentageOutOfRange)
}
