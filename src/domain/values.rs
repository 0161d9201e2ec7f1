//! Values typed by candidates, parsed at the boundary into domain types.
//!
//! Every function here takes raw form input, trims it, and returns either a valid value or a
//! [`ValueError`] naming the one problem to show the candidate. Empty or whitespace-only input
//! is always [`ValueError::Missing`].

use chrono::{Datelike, NaiveDate};
use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

/// The youngest a candidate may be, in full years.
pub const MIN_CANDIDATE_AGE: i32 = 14;
/// The oldest a candidate may be, in full years.
pub const MAX_CANDIDATE_AGE: i32 = 100;

/// Years a date typed in a form may fall in.
const YEARS: RangeInclusive<i32> = 1900..=2100;
/// The longest email address SMTP can carry.
const EMAIL_MAX_CHARS: usize = 254;
/// The longest local part (before the `@`) of an email address.
const EMAIL_LOCAL_MAX_CHARS: usize = 64;
/// The longest label (between dots) of a domain name.
const DOMAIN_LABEL_MAX_CHARS: usize = 63;
/// Digits in an E.164 number, country code included.
const PHONE_DIGITS: RangeInclusive<usize> = 8..=15;
/// Length of a postal code for a country without a known pattern.
const OTHER_POSTAL_CODE_CHARS: RangeInclusive<usize> = 2..=10;

/// Why a value was refused. Each variant is one problem with one localised message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("the value is missing")]
    Missing,
    #[error("the value is longer than {max} characters")]
    TooLong { max: usize },
    #[error("the value contains control, invisible or direction-changing characters")]
    ForbiddenCharacters,
    #[error("a PESEL number is exactly 11 digits")]
    PeselFormat,
    #[error("the PESEL check digit does not match the other digits")]
    PeselChecksum,
    #[error("the PESEL number does not encode a real date")]
    PeselDate,
    #[error("the PESEL number does not match the birth date")]
    PeselBirthDateMismatch,
    #[error(
        "a phone number may hold only digits, spaces, dashes, dots, parentheses and a leading +"
    )]
    PhoneCharacters,
    #[error("the phone number does not start with + or 00 and a country code")]
    PhoneCountryCode,
    #[error("a phone number has 8 to 15 digits, country code included")]
    PhoneLength,
    #[error("the date is not written as YYYY-MM-DD or DD.MM.YYYY")]
    DateFormat,
    #[error("the date does not exist in the calendar")]
    DateInvalid,
    #[error("the year is outside 1900 to 2100")]
    DateOutOfRange,
    #[error("the birth date is in the future")]
    BirthDateInFuture,
    #[error("the candidate is younger than 14")]
    BirthDateTooYoung,
    #[error("the candidate is older than 100")]
    BirthDateTooOld,
    #[error("the email address is malformed")]
    EmailFormat,
    #[error("the postal code does not fit the country's format")]
    PostalCodeFormat,
    #[error("the value is not a number")]
    NumberFormat,
    #[error("the number is below the minimum")]
    BelowMin,
    #[error("the number is above the maximum")]
    AboveMax,
    #[error("a percentage is a whole number")]
    PercentageFormat,
    #[error("a percentage is between 0 and 100")]
    PercentageOutOfRange,
    #[error("the value is not one of the options offered")]
    NotAnOption,
}

impl ValueError {
    /// The Fluent message id that explains this problem to the candidate.
    ///
    /// `value-too-long` takes `$max`; `value-below-min` takes `$min` and `value-above-max`
    /// takes `$max`, which the caller supplies from the bounds it passed in.
    pub fn message_id(self) -> &'static str {
        match self {
            ValueError::Missing => "value-missing",
            ValueError::TooLong { .. } => "value-too-long",
            ValueError::ForbiddenCharacters => "value-forbidden-characters",
            ValueError::PeselFormat => "value-pesel-format",
            ValueError::PeselChecksum => "value-pesel-checksum",
            ValueError::PeselDate => "value-pesel-date",
            ValueError::PeselBirthDateMismatch => "value-pesel-birth-date-mismatch",
            ValueError::PhoneCharacters => "value-phone-characters",
            ValueError::PhoneCountryCode => "value-phone-country-code",
            ValueError::PhoneLength => "value-phone-length",
            ValueError::DateFormat => "value-date-format",
            ValueError::DateInvalid => "value-date-invalid",
            ValueError::DateOutOfRange => "value-date-out-of-range",
            ValueError::BirthDateInFuture => "value-birth-date-in-future",
            ValueError::BirthDateTooYoung => "value-birth-date-too-young",
            ValueError::BirthDateTooOld => "value-birth-date-too-old",
            ValueError::EmailFormat => "value-email-format",
            ValueError::PostalCodeFormat => "value-postal-code-format",
            ValueError::NumberFormat => "value-number-format",
            ValueError::BelowMin => "value-below-min",
            ValueError::AboveMax => "value-above-max",
            ValueError::PercentageFormat => "value-percentage-format",
            ValueError::PercentageOutOfRange => "value-percentage-out-of-range",
            ValueError::NotAnOption => "value-not-an-option",
        }
    }
}

/// Trims the input; empty input is [`ValueError::Missing`].
fn present(raw: &str) -> Result<&str, ValueError> {
    let value = raw.trim();
    if value.is_empty() {
        Err(ValueError::Missing)
    } else {
        Ok(value)
    }
}

// ---------------------------------------------------------------------------------------------
// PESEL

/// Weights of the first ten PESEL digits in the check-digit sum.
const PESEL_WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

/// A Polish personal identification number: 11 digits, a valid check digit and a real birth
/// date. Its `Debug` output is redacted so that it does not end up in logs.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Pesel {
    digits: String,
    birth_date: NaiveDate,
}

impl Pesel {
    /// Parses a PESEL number typed by a candidate.
    pub fn parse(raw: &str) -> Result<Pesel, ValueError> {
        let value = present(raw)?;
        let digits: [u32; 11] = value
            .chars()
            .map(|c| c.to_digit(10))
            .collect::<Option<Vec<u32>>>()
            .and_then(|digits| digits.try_into().ok())
            .ok_or(ValueError::PeselFormat)?;
        let sum: u32 = PESEL_WEIGHTS
            .iter()
            .zip(&digits)
            .map(|(weight, digit)| weight * digit)
            .sum();
        if (10 - sum % 10) % 10 != digits[10] {
            return Err(ValueError::PeselChecksum);
        }
        let birth_date = pesel_birth_date(&digits).ok_or(ValueError::PeselDate)?;
        Ok(Pesel {
            digits: value.to_owned(),
            birth_date,
        })
    }

    /// The 11 digits.
    pub fn as_str(&self) -> &str {
        &self.digits
    }

    /// The birth date encoded in the first six digits.
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// True when the sex digit (the tenth) is even.
    pub fn is_female(&self) -> bool {
        self.digits
            .as_bytes()
            .get(9)
            .is_some_and(|digit| digit % 2 == 0)
    }
}

impl fmt::Debug for Pesel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pesel(<redacted>)")
    }
}

/// Decodes YYMMDD, where 80, 0, 20, 40 or 60 added to the month gives the century.
fn pesel_birth_date(digits: &[u32; 11]) -> Option<NaiveDate> {
    let year_in_century = i32::try_from(digits[0] * 10 + digits[1]).ok()?;
    let coded_month = digits[2] * 10 + digits[3];
    let day = digits[4] * 10 + digits[5];
    let (century, month) = match coded_month {
        81..=92 => (1800, coded_month - 80),
        1..=12 => (1900, coded_month),
        21..=32 => (2000, coded_month - 20),
        41..=52 => (2100, coded_month - 40),
        61..=72 => (2200, coded_month - 60),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(century + year_in_century, month, day)
}

/// Checks that the birth date a candidate typed is the one their PESEL encodes.
pub fn check_pesel_matches_birth_date(
    pesel: &Pesel,
    birth_date: NaiveDate,
) -> Result<(), ValueError> {
    if pesel.birth_date() == birth_date {
        Ok(())
    } else {
        Err(ValueError::PeselBirthDateMismatch)
    }
}

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// Dates

/// Parses a date written as `YYYY-MM-DD` (what `<input type=date>` sends) or `DD.MM.YYYY`.
/// The year must be between 1900 and 2100.
pub fn parse_date(raw: &str) -> Result<NaiveDate, ValueError> {
    let value = present(raw)?;
    let (year, month, day) = date_parts(value).ok_or(ValueError::DateFormat)?;
    if !YEARS.contains(&year) {
        return Err(ValueError::DateOutOfRange);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(ValueError::DateInvalid)
}

/// Splits a date into year, month and day, in either accepted order.
fn date_parts(value: &str) -> Option<(i32, u32, u32)> {
    if let Some([year, month, day]) = three_parts(value, '-') {
        return Some((
            digits_of(year, 4..=4)?,
            digits_of(month, 1..=2)?,
            digits_of(day, 1..=2)?,
        ));
    }
    let [day, month, year] = three_parts(value, '.')?;
    Some((
        digits_of(year, 4..=4)?,
        digits_of(month, 1..=2)?,
        digits_of(day, 1..=2)?,
    ))
}

/// Exactly three parts separated by `separator`.
fn three_parts(value: &str, separator: char) -> Option<[&str; 3]> {
    let mut parts = value.split(separator);
    let result = [parts.next()?, parts.next()?, parts.next()?];
    parts.next().is_none().then_some(result)
}

/// A number written only with ASCII digits, `len` of them.
fn digits_of<T: FromStr>(part: &str, len: RangeInclusive<usize>) -> Option<T> {
    if len.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

/// Parses a candidate's birth date: not after `today`, and an age between
/// [`MIN_CANDIDATE_AGE`] and [`MAX_CANDIDATE_AGE`] full years.
pub fn parse_birth_date(raw: &str, today: NaiveDate) -> Result<NaiveDate, ValueError> {
    let date = parse_date(raw)?;
    if date > today {
        return Err(ValueError::BirthDateInFuture);
    }
    let age = full_years_between(date, today);
    if age < MIN_CANDIDATE_AGE {
        return Err(ValueError::BirthDateTooYoung);
    }
    if age > MAX_CANDIDATE_AGE {
        return Err(ValueError::BirthDateTooOld);
    }
    Ok(date)
}

/// Whole years from `from` to `to`: birthdays that have not come yet this year do not count.
fn full_years_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let years = to.year() - from.year();
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years - 1
    } else {
        years
    }
}

// ---------------------------------------------------------------------------------------------
// Email

/// Parses an email address pragmatically: one `@`, a local part of at most 64 characters
/// without spaces or characters that need quoting, and a domain of at least two dot-separated
/// labels made of letters (any script), digits and inner hyphens. Returns the address with its
/// domain lower-cased; the local part keeps its case.
pub fn parse_email(raw: &str) -> Result<String, ValueError> {
    let value = present(raw)?;
    if value.chars().any(is_forbidden_char) {
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

// ---------------------------------------------------------------------------------------------
// Postal codes

/// Postal code layouts per country (ISO 3166-1 alpha-2). In a layout `9` is a digit, `a` a
/// letter and `*` a letter or digit; spaces and hyphens are where the normalised code puts
/// its separators; anything else must appear as written. A layout that begins with the
/// country code (`LV-9999`) lets the candidate leave that prefix out.
fn postal_layouts(country: &str) -> Option<&'static [&'static str]> {
    let layouts: &'static [&'static str] = match country {
        "PL" => &["99-999"],
        "DE" | "FR" | "IT" | "ES" | "UA" | "FI" | "EE" | "TR" => &["99999"],
        "LT" => &["LT-99999"],
        "LV" => &["LV-9999"],
        "AZ" => &["AZ 9999"],
        "CZ" | "SK" | "SE" => &["999 99"],
        "AT" | "BE" | "DK" | "HU" | "NO" | "CH" | "LU" | "SI" | "BG" | "CY" | "GE" | "AM" => {
            &["9999"]
        }
        "NL" => &["9999 aa"],
        "PT" => &["9999-999"],
        "IE" => &["a99 ****", "D6W ****"],
        "GB" => &[
            "a9 9aa", "a99 9aa", "aa9 9aa", "aa99 9aa", "a9a 9aa", "aa9a 9aa", "GIR 0AA",
        ],
        "US" => &["99999", "99999-9999"],
        "CA" => &["a9a 9a9"],
        "RO" | "BY" | "KZ" | "IN" | "CN" | "VN" | "NG" => &["999999"],
        "JP" => &["999-9999"],
        "BR" => &["99999-999"],
        _ => return None,
    };
    Some(layouts)
}

/// Checks a postal code against the layout of `country` and returns it normalised: upper
/// case, with the country's separators. Candidates may type the code with or without them.
/// For countries without a known layout, 2 to 10 letters, digits, spaces or hyphens are
/// accepted as typed (upper-cased).
pub fn check_postal_code(country: &str, raw: &str) -> Result<String, ValueError> {
    let value = present(raw)?;
    let country = country.trim().to_ascii_uppercase();
    let Some(layouts) = postal_layouts(&country) else {
        return other_postal_code(value);
    };
    let compact: String = value
        .chars()
        .filter(|&c| !c.is_whitespace() && c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    layouts
        .iter()
        .find_map(|layout| fit_postal_layout(&compact, layout, &country))
        .ok_or(ValueError::PostalCodeFormat)
}

/// Lays `compact` (no separators, upper case) out as `layout`, if it fits.
fn fit_postal_layout(compact: &str, layout: &str, country: &str) -> Option<String> {
    let prefixed;
    let compact = if layout.starts_with(country) && !compact.starts_with(country) {
        prefixed = format!("{country}{compact}");
        prefixed.as_str()
    } else {
        compact
    };
    let mut input = compact.chars();
    let mut code = String::with_capacity(layout.len());
    for slot in layout.chars() {
        if slot == ' ' || slot == '-' {
            code.push(slot);
            continue;
        }
        let c = input.next()?;
        let fits = match slot {
            '9' => c.is_ascii_digit(),
            'a' => c.is_ascii_uppercase(),
            '*' => c.is_ascii_uppercase() || c.is_ascii_digit(),
            literal => c == literal,
        };
        if !fits {
            return None;
        }
        code.push(c);
    }
    input.next().is_none().then_some(code)
}

/// A postal code for a country without a known layout.
fn other_postal_code(value: &str) -> Result<String, ValueError> {
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
    let has_alphanumeric = value.chars().any(|c| c.is_ascii_alphanumeric());
    if allowed && has_alphanumeric && OTHER_POSTAL_CODE_CHARS.contains(&value.chars().count()) {
        Ok(value.to_ascii_uppercase())
    } else {
        Err(ValueError::PostalCodeFormat)
    }
}

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
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

/// Control characters other than line breaks and tabs, bidirectional embeddings, overrides
/// and isolates, the zero-width space and the byte-order mark. Zero-width (non-)joiners stay:
/// family and flag emoji and Persian script need them.
fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(
            c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}' | '\u{FEFF}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    type TestResult = Result<(), Box<dyn Error>>;

    fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate, Box<dyn Error>> {
        NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| "test date does not exist".into())
    }

    // PESEL ------------------------------------------------------------------------------------

    #[test]
    fn valid_pesels_decode_date_and_sex() -> TestResult {
        let cases = [
            ("90051700011", date(1990, 5, 17)?, false),
            ("90051700127", date(1990, 5, 17)?, true),
            ("05320100232", date(2005, 12, 1)?, false),
            ("05320100140", date(2005, 12, 1)?, true),
            ("99810100358", date(1899, 1, 1)?, false),
            ("99810100464", date(1899, 1, 1)?, true),
            ("44051401359", date(1944, 5, 14)?, false),
            ("02070803628", date(1902, 7, 8)?, true),
            ("00222900085", date(2000, 2, 29)?, true),
            ("00420100025", date(2100, 2, 1)?, true),
            ("00620100038", date(2200, 2, 1)?, false),
        ];
        for (digits, birth_date, female) in cases {
            let pesel = Pesel::parse(&format!(" {digits}\n"))?;
            assert_eq!(pesel.as_str(), digits);
            assert_eq!(pesel.birth_date(), birth_date, "{digits}");
            assert_eq!(pesel.is_female(), female, "{digits}");
        }
        Ok(())
    }

    #[test]
    fn pesel_with_wrong_check_digit_is_refused() {
        assert_eq!(Pesel::parse("90051700012"), Err(ValueError::PeselChecksum));
        // Two digits swapped.
        assert_eq!(Pesel::parse("90051700101"), Err(ValueError::PeselChecksum));
    }

    #[test]
    fn pesel_must_be_eleven_digits() {
        for raw in [
            "9005170001",
            "900517000111",
            "9005170001a",
            "900517-0001",
            "9005 170 0011",
            "٩٠٠٥١٧٠٠٠١١",
        ] {
            assert_eq!(Pesel::parse(raw), Err(ValueError::PeselFormat), "{raw}");
        }
        assert_eq!(Pesel::parse("  "), Err(ValueError::Missing));
    }

    #[test]
    fn pesel_with_impossible_date_is_refused() {
        // Check digits are right; the dates are not.
        for raw in [
            "90131700074", // month 13
            "90023100076", // 31 February 1990
            "01222900082", // 29 February 2001
            "00422900081", // 29 February 2100
            "92000000074", // month 0
            "90121700073", // valid, as a control
        ] {
            let expected = if raw == "90121700073" {
                Ok(())
            } else {
                Err(ValueError::PeselDate)
            };
            assert_eq!(Pesel::parse(raw).map(|_| ()), expected, "{raw}");
        }
    }

    #[test]
    fn pesel_is_compared_with_birth_date() -> TestResult {
        let pesel = Pesel::parse("90051700011")?;
        assert_eq!(
            check_pesel_matches_birth_date(&pesel, date(1990, 5, 17)?),
            Ok(())
        );
        assert_eq!(
            check_pesel_matches_birth_date(&pesel, date(1990, 5, 18)?),
            Err(ValueError::PeselBirthDateMismatch)
        );
        assert_eq!(
            check_pesel_matches_birth_date(&pesel, date(2090, 5, 17)?),
            Err(ValueError::PeselBirthDateMismatch)
        );
        Ok(())
    }

    #[test]
    fn pesel_debug_output_is_redacted() -> TestResult {
        let pesel = Pesel::parse("90051700011")?;
        assert!(!format!("{pesel:?}").contains("900517"));
        Ok(())
    }

    // Phone ------------------------------------------------------------------------------------

    #[test]
    fn phone_numbers_are_normalised_to_e164() -> TestResult {
        let cases = [
            ("+48 600 700 800", "+48600700800"),
            ("0048 600-700-800", "+48600700800"),
            ("+48 (22) 123.45.67", "+48221234567"),
            ("+1 (555) 123-4567", "+15551234567"),
            ("+44 (0)20 7946 0958", "+442079460958"),
            ("  +380\u{a0}44 123 4567 ", "+380441234567"),
            ("+49 1234567", "+491234567"),
        ];
        for (raw, expected) in cases {
            assert_eq!(Phone::parse(raw)?.as_str(), expected, "{raw}");
        }
        Ok(())
    }

    #[test]
    fn phone_numbers_without_country_code_are_refused() {
        for raw in [
            "600 700 800",
            "(22) 123 45 67",
            "0 600 700 800",
            "+0048 600 700 800",
        ] {
            assert_eq!(
                Phone::parse(raw),
                Err(ValueError::PhoneCountryCode),
                "{raw}"
            );
        }
    }

    #[test]
    fn malformed_phone_numbers_are_refused() {
        assert_eq!(Phone::parse(""), Err(ValueError::Missing));
        assert_eq!(
            Phone::parse("+48 600 ABC 800"),
            Err(ValueError::PhoneCharacters)
        );
        assert_eq!(
            Phone::parse("+48 600 700 800 ext. 5"),
            Err(ValueError::PhoneCharacters)
        );
        assert_eq!(
            Phone::parse("48+600700800"),
            Err(ValueError::PhoneCharacters)
        );
        assert_eq!(
            Phone::parse("++48600700800"),
            Err(ValueError::PhoneCharacters)
        );
        assert_eq!(Phone::parse("+48 60070"), Err(ValueError::PhoneLength));
        assert_eq!(
            Phone::parse("+48 6007 0080 0900 11"),
            Err(ValueError::PhoneLength)
        );
        assert_eq!(Phone::parse("+"), Err(ValueError::PhoneLength));
    }

    // Dates ------------------------------------------------------------------------------------

    #[test]
    fn dates_are_accepted_in_both_forms() -> TestResult {
        assert_eq!(parse_date("1990-05-17")?, date(1990, 5, 17)?);
        assert_eq!(parse_date(" 17.05.1990 ")?, date(1990, 5, 17)?);
        assert_eq!(parse_date("1.5.1990")?, date(1990, 5, 1)?);
        assert_eq!(parse_date("2000-02-29")?, date(2000, 2, 29)?);
        assert_eq!(parse_date("1900-01-01")?, date(1900, 1, 1)?);
        assert_eq!(parse_date("31.12.2100")?, date(2100, 12, 31)?);
        Ok(())
    }

    #[test]
    fn malformed_dates_are_refused() {
        for raw in [
            "17/05/1990",
            "1990.05.17",
            "17-05-1990",
            "90-05-17",
            "1990-05-17T00:00",
            "1990-05",
            "17.05.90",
            "1990-005-17",
            "yesterday",
            "1990-05-17-01",
        ] {
            assert_eq!(parse_date(raw), Err(ValueError::DateFormat), "{raw}");
        }
        assert_eq!(parse_date(" "), Err(ValueError::Missing));
    }

    #[test]
    fn impossible_and_distant_dates_are_refused() {
        assert_eq!(parse_date("1990-02-31"), Err(ValueError::DateInvalid));
        assert_eq!(parse_date("31.02.1990"), Err(ValueError::DateInvalid));
        assert_eq!(parse_date("1990-13-01"), Err(ValueError::DateInvalid));
        assert_eq!(parse_date("00.01.1990"), Err(ValueError::DateInvalid));
        assert_eq!(parse_date("29.02.1900"), Err(ValueError::DateInvalid));
        assert_eq!(parse_date("1899-12-31"), Err(ValueError::DateOutOfRange));
        assert_eq!(parse_date("01.01.2101"), Err(ValueError::DateOutOfRange));
        assert_eq!(parse_date("0990-05-17"), Err(ValueError::DateOutOfRange));
    }

    #[test]
    fn birth_date_must_give_a_plausible_age() -> TestResult {
        let today = date(2025, 6, 15)?;
        assert_eq!(parse_birth_date("2007-03-02", today)?, date(2007, 3, 2)?);
        // Fourteenth birthday today.
        assert_eq!(parse_birth_date("2011-06-15", today)?, date(2011, 6, 15)?);
        assert_eq!(
            parse_birth_date("2011-06-16", today),
            Err(ValueError::BirthDateTooYoung)
        );
        assert_eq!(
            parse_birth_date("15.06.2025", today),
            Err(ValueError::BirthDateTooYoung)
        );
        // A hundred and one tomorrow.
        assert_eq!(parse_birth_date("1924-06-16", today)?, date(1924, 6, 16)?);
        assert_eq!(
            parse_birth_date("1924-06-15", today),
            Err(ValueError::BirthDateTooOld)
        );
        assert_eq!(
            parse_birth_date("2025-06-16", today),
            Err(ValueError::BirthDateInFuture)
        );
        assert_eq!(
            parse_birth_date("1899-06-16", today),
            Err(ValueError::DateOutOfRange)
        );
        assert_eq!(parse_birth_date("", today), Err(ValueError::Missing));
        Ok(())
    }

    #[test]
    fn leap_day_birthdays_count_from_the_first_of_march() -> TestResult {
        assert_eq!(
            parse_birth_date("2008-02-29", date(2022, 2, 28)?),
            Err(ValueError::BirthDateTooYoung)
        );
        assert_eq!(
            parse_birth_date("2008-02-29", date(2022, 3, 1)?)?,
            date(2008, 2, 29)?
        );
        Ok(())
    }

    // Email ------------------------------------------------------------------------------------

    #[test]
    fn good_email_addresses_are_accepted() {
        let cases = [
            ("  Jan.Kowalski@Example.COM ", "Jan.Kowalski@example.com"),
            ("anna+rekrutacja@uni.edu.pl", "anna+rekrutacja@uni.edu.pl"),
            ("o'brien@mail-server.ie", "o'brien@mail-server.ie"),
            ("user@ŻÓŁW.PL", "user@żółw.pl"),
            ("zoë@例え.jp", "zoë@例え.jp"),
            ("x@a1.co", "x@a1.co"),
        ];
        for (raw, expected) in cases {
            assert_eq!(parse_email(raw).ok().as_deref(), Some(expected), "{raw}");
        }
    }

    #[test]
    fn bad_email_addresses_are_refused() {
        for raw in [
            "no-at.example.com",
            "@example.com",
            "user@",
            "a@@example.com",
            "a@b@example.com",
            "user@localhost",
            "us er@example.com",
            "user@exa mple.com",
            "user@-example.com",
            "user@example-.com",
            "user@example..com",
            "user@.example.com",
            "user@example.com.",
            "user@exam_ple.com",
            "user@192.168.0.1",
            ".user@example.com",
            "user.@example.com",
            "us..er@example.com",
            "\"user\"@example.com",
            "<user@example.com>",
            "user@example.com, other@example.com",
        ] {
            assert_eq!(parse_email(raw), Err(ValueError::EmailFormat), "{raw}");
        }
        assert_eq!(parse_email("   "), Err(ValueError::Missing));
        assert_eq!(
            parse_email("us\u{200B}er@example.com"),
            Err(ValueError::ForbiddenCharacters)
        );
    }

    #[test]
    fn email_length_limits_apply() {
        let local = "a".repeat(64);
        assert!(parse_email(&format!("{local}@example.com")).is_ok());
        assert_eq!(
            parse_email(&format!("a{local}@example.com")),
            Err(ValueError::EmailFormat)
        );
        let long_domain = format!(
            "{}.{}.{}.pl",
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(63)
        );
        let at_limit = format!("{}@{long_domain}", "a".repeat(254 - 1 - long_domain.len()));
        assert!(parse_email(&at_limit).is_ok());
        assert_eq!(
            parse_email(&format!("a{at_limit}")),
            Err(ValueError::TooLong { max: 254 })
        );
        assert_eq!(
            parse_email(&format!("user@{}.pl", "b".repeat(64))),
            Err(ValueError::EmailFormat)
        );
    }

    // Postal codes -----------------------------------------------------------------------------

    #[test]
    fn postal_codes_are_normalised_per_country() {
        let cases = [
            ("PL", "00-950", "00-950"),
            ("PL", "00950", "00-950"),
            ("PL", " 31 - 007 ", "31-007"),
            ("DE", "10115", "10115"),
            ("NL", "1012 ab", "1012 AB"),
            ("NL", "1012AB", "1012 AB"),
            ("CZ", "11000", "110 00"),
            ("CZ", "110 00", "110 00"),
            ("SK", "81101", "811 01"),
            ("SE", "114 55", "114 55"),
            ("PT", "1000-001", "1000-001"),
            ("GB", "sw1a 1aa", "SW1A 1AA"),
            ("GB", "M11AE", "M1 1AE"),
            ("GB", "B33 8TH", "B33 8TH"),
            ("GB", "CR2 6XH", "CR2 6XH"),
            ("GB", "DN55 1PT", "DN55 1PT"),
            ("GB", "W1A 0AX", "W1A 0AX"),
            ("US", "90210", "90210"),
            ("US", "90210-1234", "90210-1234"),
            ("US", "902101234", "90210-1234"),
            ("CA", "k1a 0b1", "K1A 0B1"),
            ("CA", "K1A0B1", "K1A 0B1"),
            ("UA", "01001", "01001"),
            ("LT", "01100", "LT-01100"),
            ("LT", "LT-01100", "LT-01100"),
            ("LV", "1050", "LV-1050"),
            ("LV", "lv-1050", "LV-1050"),
            ("AZ", "AZ1000", "AZ 1000"),
            ("AZ", "1000", "AZ 1000"),
            ("IE", "D02 X285", "D02 X285"),
            ("IE", "a65f4e2", "A65 F4E2"),
            ("IE", "D6W 1234", "D6W 1234"),
            ("JP", "100-0001", "100-0001"),
            ("BR", "01310100", "01310-100"),
            ("AT", "1010", "1010"),
            ("RO", "010011", "010011"),
            ("pl", "00950", "00-950"),
        ];
        for (country, raw, expected) in cases {
            assert_eq!(
                check_postal_code(country, raw).ok().as_deref(),
                Some(expected),
                "{country} {raw}"
            );
        }
    }

    #[test]
    fn wrong_postal_codes_are_refused() {
        let cases = [
            ("PL", "0-950"),
            ("PL", "009500"),
            ("PL", "OO-950"),
            ("DE", "1011"),
            ("DE", "101155"),
            ("NL", "1012 A"),
            ("NL", "AB 1012"),
            ("CZ", "1100"),
            ("GB", "SW1A"),
            ("GB", "12345"),
            ("GB", "SW1A 1A1"),
            ("US", "9021"),
            ("US", "90210-12"),
            ("CA", "K1A 0B"),
            ("CA", "111 111"),
            ("UA", "0100"),
            ("LT", "LV-01100"),
            ("LV", "LV-105"),
            ("IE", "D2 X285"),
            ("AT", "A-1010"),
            ("PL", "٠٠-٩٥٠"),
        ];
        for (country, raw) in cases {
            assert_eq!(
                check_postal_code(country, raw),
                Err(ValueError::PostalCodeFormat),
                "{country} {raw}"
            );
        }
        assert_eq!(check_postal_code("PL", " "), Err(ValueError::Missing));
    }

    #[test]
    fn other_countries_get_a_loose_check() {
        assert_eq!(
            check_postal_code("AR", "c1002aaa").ok().as_deref(),
            Some("C1002AAA")
        );
        assert_eq!(
            check_postal_code("KR", "03187").ok().as_deref(),
            Some("03187")
        );
        assert_eq!(
            check_postal_code("MT", "VLT 1117").ok().as_deref(),
            Some("VLT 1117")
        );
        for raw in ["1", "12345678901", "12#45", "--", "ü1234"] {
            assert_eq!(
                check_postal_code("AR", raw),
                Err(ValueError::PostalCodeFormat),
                "{raw}"
            );
        }
    }

    // Numbers ----------------------------------------------------------------------------------

    #[test]
    fn numbers_accept_comma_or_dot() {
        assert_eq!(parse_number("4,5", None, None), Ok(4.5));
        assert_eq!(parse_number(" 4.5 ", None, None), Ok(4.5));
        assert_eq!(parse_number("-12,75", None, None), Ok(-12.75));
        assert_eq!(parse_number("+3", None, None), Ok(3.0));
        assert_eq!(parse_number("0,5", None, None), Ok(0.5));
        assert_eq!(parse_number(",5", None, None), Ok(0.5));
        assert_eq!(parse_number("100", None, None), Ok(100.0));
    }

    #[test]
    fn non_numbers_are_refused() {
        for raw in [
            "NaN",
            "inf",
            "-infinity",
            "1e3",
            "1,000.5",
            "1 000",
            "4,5,6",
            "abc",
            "-",
            ",",
            "0x10",
        ] {
            assert_eq!(
                parse_number(raw, None, None),
                Err(ValueError::NumberFormat),
                "{raw}"
            );
        }
        assert_eq!(
            parse_number(&"9".repeat(400), None, None),
            Err(ValueError::NumberFormat)
        );
        assert_eq!(parse_number("", None, None), Err(ValueError::Missing));
    }

    #[test]
    fn number_limits_are_inclusive() {
        let (min, max) = (Some(2.0), Some(6.0));
        assert_eq!(parse_number("2", min, max), Ok(2.0));
        assert_eq!(parse_number("6,0", min, max), Ok(6.0));
        assert_eq!(parse_number("1,99", min, max), Err(ValueError::BelowMin));
        assert_eq!(parse_number("6.01", min, max), Err(ValueError::AboveMax));
        assert_eq!(
            parse_number("-1", Some(0.0), None),
            Err(ValueError::BelowMin)
        );
        assert_eq!(
            parse_number("1000000", None, max),
            Err(ValueError::AboveMax)
        );
    }

    #[test]
    fn percentages_are_whole_numbers_up_to_100() {
        assert_eq!(parse_percentage("85"), Ok(85));
        assert_eq!(parse_percentage(" 85% "), Ok(85));
        assert_eq!(parse_percentage("85 %"), Ok(85));
        assert_eq!(parse_percentage("0"), Ok(0));
        assert_eq!(parse_percentage("100"), Ok(100));
        assert_eq!(parse_percentage("007"), Ok(7));
        assert_eq!(
            parse_percentage("101"),
            Err(ValueError::PercentageOutOfRange)
        );
        assert_eq!(
            parse_percentage("256"),
            Err(ValueError::PercentageOutOfRange)
        );
        assert_eq!(
            parse_percentage("-5"),
            Err(ValueError::PercentageOutOfRange)
        );
        assert_eq!(
            parse_percentage(&"9".repeat(30)),
            Err(ValueError::PercentageOutOfRange)
        );
        assert_eq!(parse_percentage("85,5"), Err(ValueError::PercentageFormat));
        assert_eq!(parse_percentage("85.0"), Err(ValueError::PercentageFormat));
        assert_eq!(parse_percentage("%"), Err(ValueError::PercentageFormat));
        assert_eq!(parse_percentage("%85"), Err(ValueError::PercentageFormat));
        assert_eq!(
            parse_percentage("eighty"),
            Err(ValueError::PercentageFormat)
        );
        assert_eq!(parse_percentage(""), Err(ValueError::Missing));
    }

    // Text -------------------------------------------------------------------------------------

    #[test]
    fn ordinary_text_in_any_script_is_accepted() {
        let cases = [
            "Chcę studiować informatykę 🎓👍",
            "أريد أن أدرس الطب",
            "אני רוצה ללמוד משפטים",
            "Line one\nLine two\r\n\tindented",
            "<script>alert('x')</script>",
            "Robert'); DROP TABLE students;--",
        ];
        for raw in cases {
            assert_eq!(check_text(raw, 200).ok().as_deref(), Some(raw), "{raw}");
        }
        assert_eq!(
            check_text("  padded \n", 10).ok().as_deref(),
            Some("padded")
        );
    }

    #[test]
    fn hidden_and_reordering_characters_are_refused() {
        for raw in [
            "invoice\u{202E}fdp.exe",
            "a\u{202A}b",
            "a\u{2066}b\u{2069}",
            "zero\u{200B}width",
            "\u{FEFF}bom",
            "bell\u{7}",
            "nul\u{0}",
            "esc\u{1B}[31m",
            "c1\u{85}control",
        ] {
            assert_eq!(
                check_text(raw, 200),
                Err(ValueError::ForbiddenCharacters),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn text_length_is_counted_in_characters() {
        assert_eq!(check_text("żółw", 4).ok().as_deref(), Some("żółw"));
        assert_eq!(check_text("żółwie", 4), Err(ValueError::TooLong { max: 4 }));
        assert_eq!(
            check_text(&"x".repeat(5001), 5000),
            Err(ValueError::TooLong { max: 5000 })
        );
        assert_eq!(check_text(" \n\t ", 10), Err(ValueError::Missing));
    }

    #[test]
    fn every_error_has_a_distinct_message_id() {
        let all = [
            ValueError::Missing,
            ValueError::TooLong { max: 1 },
            ValueError::ForbiddenCharacters,
            ValueError::PeselFormat,
            ValueError::PeselChecksum,
            ValueError::PeselDate,
            ValueError::PeselBirthDateMismatch,
            ValueError::PhoneCharacters,
            ValueError::PhoneCountryCode,
            ValueError::PhoneLength,
            ValueError::DateFormat,
            ValueError::DateInvalid,
            ValueError::DateOutOfRange,
            ValueError::BirthDateInFuture,
            ValueError::BirthDateTooYoung,
            ValueError::BirthDateTooOld,
            ValueError::EmailFormat,
            ValueError::PostalCodeFormat,
            ValueError::NumberFormat,
            ValueError::BelowMin,
            ValueError::AboveMax,
            ValueError::PercentageFormat,
            ValueError::PercentageOutOfRange,
        ];
        let mut ids: Vec<&str> = all.iter().map(|e| e.message_id()).collect();
        assert!(ids.iter().all(|id| id.starts_with("value-")));
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        assert_eq!(
            ValueError::TooLong { max: 7 }.message_id(),
            ValueError::TooLong { max: 9 }.message_id()
        );
    }
}
