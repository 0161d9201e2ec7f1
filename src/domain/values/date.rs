//! Calendar days as candidates type them, and birth dates within a plausible age.

use super::error::{present, ValueError, MAX_CANDIDATE_AGE, MIN_CANDIDATE_AGE, YEARS};
use chrono::{Datelike, NaiveDate};
use std::ops::RangeInclusive;
use std::str::FromStr;

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
