//! The admission-cycle definition: what `admin-config/` says (cycle, faculties, subjects,
//! profile steps, workflows, programmes), its validation, and the evaluation of its conditions
//! and points formulas for one candidate. Pure: files are read by `config::admin`.

pub mod diff;
pub mod edit;
pub mod edit_exams;
pub mod evaluate;
pub mod expr;
pub mod model;
pub mod model_countries;
pub mod model_exams;
pub mod validate;

pub use model::{Definition, FieldType, Level};
pub use validate::{validate, Problem};

/// A definition's `YYYY-MM-DD HH:MM` Warsaw time as UTC.
pub fn warsaw_time(text: &str) -> Option<chrono::NaiveDateTime> {
    use chrono::TimeZone;
    chrono::NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M")
        .ok()
        .and_then(|t| chrono_tz::Europe::Warsaw.from_local_datetime(&t).earliest())
        .map(|t| t.naive_utc())
}

/// The longest grace period a cycle may give for paying fees after registration closes.
pub const MAX_PAYMENT_GRACE_DAYS: u32 = 60;

/// Until when (UTC, inclusive to the minute) a submitted application's fee may be paid: the
/// registration's close plus the cycle's grace days.
pub fn payment_deadline(def: &Definition) -> Option<chrono::NaiveDateTime> {
    let closes = warsaw_time(def.cycle.cycle.closes.get_ref())?;
    let days = def
        .cycle
        .cycle
        .payment_grace_days
        .as_ref()
        .map_or(0, |d| *d.get_ref());
    Some(closes + chrono::Duration::days(i64::from(days)))
}

/// Whether registration is open at `now` (UTC) by the cycle's Warsaw-time dates.
pub fn registration_open(def: &Definition, now: chrono::NaiveDateTime) -> bool {
    let opens = warsaw_time(def.cycle.cycle.opens.get_ref());
    let closes = warsaw_time(def.cycle.cycle.closes.get_ref());
    opens.is_some_and(|o| now >= o)
        && closes.is_some_and(|c| now <= c + chrono::Duration::seconds(59))
}
