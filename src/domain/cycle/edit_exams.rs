//! Edits of a programme's exams and interviews as the staff editor makes them: an exam's
//! settings, one session's, adding and removing a session, and generating many sessions from
//! a pattern (days, first and last start, how often, rooms). Pure, like `edit`: whether the
//! result is valid (overlaps in a room, a session outside the booking window) is `validate`'s.

use super::edit::EditError;
use super::model::{Definition, Text};
use super::model_exams::{BookAfter, ExamDef, ScaleDef, SessionDef};
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use toml::Spanned;

fn unspanned<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

/// The exam `key` of the programme `programme`.
pub fn exam<'a>(definition: &'a Definition, programme: &str, key: &str) -> Option<&'a ExamDef> {
    definition
        .exams_of(programme)
        .iter()
        .find(|e| e.key.get_ref() == key)
}

fn exam_mut<'a>(
    definition: &'a mut Definition,
    programme: &str,
    key: &str,
) -> Result<&'a mut ExamDef, EditError> {
    definition
        .programs
        .iter_mut()
        .find(|(_, p)| p.program.code.get_ref() == programme)
        .and_then(|(_, p)| p.exams.iter_mut().find(|e| e.key.get_ref() == key))
        .ok_or(EditError::NotFound)
}

/// An exam's settings as its form sets them (its kind, key and sessions stay).
#[derive(Debug, Clone)]
pub struct ExamValues {
    pub name: Spanned<Text>,
    pub duration_minutes: u32,
    pub required: bool,
    pub required_when: Option<Spanned<String>>,
    pub book_after: BookAfter,
    pub booking_opens: String,
    pub booking_closes: String,
    pub change_until_hours: u32,
    pub max_moves: u32,
    pub offer_hours: u32,
    pub bring: Option<Spanned<Text>>,
    pub scale: Option<ScaleDef>,
    pub second_examiner: bool,
}

pub fn set_exam(
    definition: &mut Definition,
    programme: &str,
    key: &str,
    values: ExamValues,
) -> Result<(), EditError> {
    let exam = exam_mut(definition, programme, key)?;
    exam.name = values.name;
    exam.duration_minutes = unspanned(values.duration_minutes);
    exam.required = values.required;
    exam.required_when = values.required_when;
    exam.book_after = values.book_after;
    exam.booking_opens = unspanned(values.booking_opens);
    exam.booking_closes = unspanned(values.booking_closes);
    exam.change_until_hours = values.change_until_hours;
    exam.max_moves = values.max_moves;
    exam.offer_hours = values.offer_hours;
    exam.bring = values.bring;
    exam.scale = values.scale.map(unspanned);
    exam.second_examiner = values.second_examiner;
    Ok(())
}

/// One session's values as its form sets them.
#[derive(Debug, Clone)]
pub struct SessionValues {
    /// `YYYY-MM-DD HH:MM`, Europe/Warsaw.
    pub starts: String,
    pub place: Option<Spanned<Text>>,
    pub room: Option<String>,
    pub online_link: Option<String>,
    pub capacity: u32,
    pub cancelled: bool,
}

impl SessionValues {
    fn into_session(self, key: String) -> SessionDef {
        SessionDef {
            key: unspanned(key),
            starts: unspanned(self.starts),
            place: self.place,
            room: self.room.map(unspanned),
            online_link: self.online_link.map(unspanned),
            capacity: unspanned(self.capacity),
            cancelled: self.cancelled,
        }
    }
}

pub fn set_session(
    definition: &mut Definition,
    (programme, exam, key): (&str, &str, &str),
    values: SessionValues,
) -> Result<(), EditError> {
    let exam = exam_mut(definition, programme, exam)?;
    let session = exam
        .sessions
        .iter_mut()
        .find(|s| s.key.get_ref() == key)
        .ok_or(EditError::NotFound)?;
    *session = values.into_session(key.to_owned());
    Ok(())
}

/// Removes a session (the caller makes sure nobody is booked into it).
pub fn remove_session(
    definition: &mut Definition,
    (programme, exam, key): (&str, &str, &str),
) -> Result<(), EditError> {
    let exam = exam_mut(definition, programme, exam)?;
    let before = exam.sessions.len();
    exam.sessions.retain(|s| s.key.get_ref() != key);
    if exam.sessions.len() == before {
        return Err(EditError::NotFound);
    }
    Ok(())
}

/// Many sessions at once: on each of `weekdays` from `first_day` to `last_day`, one every
/// `every_minutes` from `first_start` to `last_start` (both included), in each of `rooms` (or
/// one with no room), each with `capacity` seats at `place` or online at `online_link`.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub weekdays: Vec<Weekday>,
    pub first_start: NaiveTime,
    pub last_start: NaiveTime,
    pub every_minutes: u32,
    pub rooms: Vec<String>,
    pub capacity: u32,
    pub place: Option<Spanned<Text>>,
    pub online_link: Option<String>,
}

/// The most sessions one pattern may make.
pub const MAX_GENERATED: usize = 500;

/// The sessions the pattern describes, keyed `YYYY-MM-DD-HHMM` (with `-<room>` when there are
/// several rooms), in time order; None when it describes more than [`MAX_GENERATED`].
pub fn generate(pattern: &Pattern) -> Option<Vec<SessionDef>> {
    let mut out = Vec::new();
    let rooms: Vec<Option<&String>> = if pattern.rooms.is_empty() {
        vec![None]
    } else {
        pattern.rooms.iter().map(Some).collect()
    };
    let step = Duration::minutes(i64::from(pattern.every_minutes.max(1)));
    let mut day = pattern.first_day;
    while day <= pattern.last_day {
        if pattern.weekdays.contains(&day.weekday()) {
            let mut time = day.and_time(pattern.first_start);
            let last = day.and_time(pattern.last_start);
            while time <= last {
                for room in &rooms {
                    if out.len() == MAX_GENERATED {
                        return None;
                    }
                    let mut key = time.format("%Y-%m-%d-%H%M").to_string();
                    if let (Some(room), true) = (room, rooms.len() > 1) {
                        key = format!("{key}-{}", room_key(room));
                    }
                    out.push(
                        SessionValues {
                            starts: time.format("%Y-%m-%d %H:%M").to_string(),
                            place: pattern.place.clone(),
                            room: room.cloned(),
                            online_link: pattern.online_link.clone(),
                            capacity: pattern.capacity,
                            cancelled: false,
                        }
                        .into_session(key),
                    );
                }
                time += step;
            }
        }
        day += Duration::days(1);
    }
    Some(out)
}

/// A room's name as part of a session key: lower-case letters and digits, the rest `-`.
fn room_key(room: &str) -> String {
    room.to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_owned()
}

/// Adds the sessions to the exam; those whose key it has already are left as they are.
/// Returns how many were added.
pub fn add_sessions(
    definition: &mut Definition,
    (programme, exam): (&str, &str),
    sessions: Vec<SessionDef>,
) -> Result<usize, EditError> {
    let exam = exam_mut(definition, programme, exam)?;
    let mut added = 0;
    for session in sessions {
        if exam.session(session.key.get_ref()).is_none() {
            exam.sessions.push(session);
            added += 1;
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern() -> Pattern {
        Pattern {
            first_day: NaiveDate::from_ymd_opt(2027, 7, 5).unwrap(),
            last_day: NaiveDate::from_ymd_opt(2027, 7, 11).unwrap(),
            weekdays: vec![Weekday::Mon, Weekday::Wed],
            first_start: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            last_start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            every_minutes: 30,
            rooms: vec!["A 101".into(), "A 102".into()],
            capacity: 1,
            place: None,
            online_link: None,
        }
    }

    #[test]
    fn a_pattern_makes_a_session_per_day_time_and_room() {
        let sessions = generate(&pattern()).unwrap();
        // Monday 5 and Wednesday 7 July, 09:00, 09:30 and 10:00, two rooms.
        assert_eq!(sessions.len(), 12);
        assert_eq!(sessions[0].key.get_ref(), "2027-07-05-0900-a-101");
        assert_eq!(sessions[0].starts.get_ref(), "2027-07-05 09:00");
        assert_eq!(
            sessions[1].room.as_ref().map(|r| r.get_ref().as_str()),
            Some("A 102")
        );
        assert_eq!(sessions[11].key.get_ref(), "2027-07-07-1000-a-102");
        let one_room = Pattern {
            rooms: vec!["A 101".into()],
            ..pattern()
        };
        assert_eq!(
            generate(&one_room).unwrap()[0].key.get_ref(),
            "2027-07-05-0900"
        );
    }

    #[test]
    fn a_pattern_of_too_many_sessions_makes_none() {
        let huge = Pattern {
            last_day: NaiveDate::from_ymd_opt(2027, 9, 30).unwrap(),
            weekdays: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            last_start: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            every_minutes: 15,
            ..pattern()
        };
        assert!(generate(&huge).is_none());
    }
}
