//! PESEL, the Polish personal number: eleven digits, a checksum and an encoded birth date.

use super::error::{present, ValueError};
use chrono::NaiveDate;
use std::fmt;

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
