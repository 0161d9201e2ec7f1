//! How exam sessions read on a page: the day, the time range and the place, in Warsaw time
//! and the page's language.

use crate::domain::cycle::model_exams::{ExamDef, SessionDef};
use crate::domain::exams as rules;
use crate::i18n::format::pick;
use crate::web::Page;
use chrono::{Datelike, NaiveDateTime, TimeZone};

fn local(utc: NaiveDateTime) -> chrono::DateTime<chrono_tz::Tz> {
    chrono_tz::Europe::Warsaw.from_utc_datetime(&utc)
}

/// The day of a UTC time in Warsaw, with its weekday: "Monday, 5 July 2027".
pub fn day_title(page: &Page, utc: NaiveDateTime) -> String {
    let day = local(utc).date_naive();
    let weekday = page.t(&format!("weekday-{}", day.weekday().number_from_monday()));
    format!("{weekday}, {}", page.date(&day))
}

/// When a session runs, Warsaw time: "09:00–12:00".
pub fn time_range(exam: &ExamDef, session: &SessionDef) -> Option<String> {
    let (starts, ends) = rules::session_times(exam, session)?;
    Some(format!(
        "{}–{}",
        local(starts).format("%H:%M"),
        local(ends).format("%H:%M")
    ))
}

/// The session's place in the page's language.
pub fn place(page: &Page, session: &SessionDef) -> String {
    session
        .place
        .as_ref()
        .map(|p| pick(p.get_ref(), page.lang()))
        .unwrap_or_default()
}
