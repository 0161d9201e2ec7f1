//! The one problem a typed value can have, and the limits the parsers share.

use std::ops::RangeInclusive;

/// The youngest a candidate may be, in full years.
pub const MIN_CANDIDATE_AGE: i32 = 14;

/// The oldest a candidate may be, in full years.
pub const MAX_CANDIDATE_AGE: i32 = 100;

/// Years a date typed in a form may fall in.
pub(super) const YEARS: RangeInclusive<i32> = 1900..=2100;

/// The longest email address SMTP can carry.
pub(super) const EMAIL_MAX_CHARS: usize = 254;

/// The longest local part (before the `@`) of an email address.
pub(super) const EMAIL_LOCAL_MAX_CHARS: usize = 64;

/// The longest label (between dots) of a domain name.
pub(super) const DOMAIN_LABEL_MAX_CHARS: usize = 63;

/// The longest phone number read, in characters as typed (E.164 has at most 15 digits; the
/// rest is room for spaces and punctuation).
pub(super) const PHONE_MAX_CHARS: usize = 40;

/// Length of a postal code for a country without a known pattern.
pub(super) const OTHER_POSTAL_CODE_CHARS: RangeInclusive<usize> = 2..=10;

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
    #[error("the digits after + are not a country code")]
    PhoneCountryCodeUnknown,
    #[error("a number with country code +{code} has at least {min} digits after it")]
    PhoneTooShort { code: u16, min: u16 },
    #[error("a number with country code +{code} has at most {max} digits after it")]
    PhoneTooLong { code: u16, max: u16 },
    #[error("no number with country code +{code} looks like this")]
    PhoneNotInPlan { code: u16 },
    #[error(
        "a number typed without a country code is not a number of the country with code +{code}"
    )]
    PhoneNotInCountry { code: u16 },
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
    /// `value-too-long` takes `$max`; the phone messages take `$code` and `$min` or `$max`
    /// from the variant; `value-below-min` takes `$min` and `value-above-max`
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
            ValueError::PhoneCountryCodeUnknown => "value-phone-country-code-unknown",
            ValueError::PhoneTooShort { .. } => "value-phone-too-short",
            ValueError::PhoneTooLong { .. } => "value-phone-too-long",
            ValueError::PhoneNotInPlan { .. } => "value-phone-not-in-plan",
            ValueError::PhoneNotInCountry { .. } => "value-phone-not-in-country",
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
pub(super) fn present(raw: &str) -> Result<&str, ValueError> {
    let value = raw.trim();
    if value.is_empty() {
        Err(ValueError::Missing)
    } else {
        Ok(value)
    }
}
