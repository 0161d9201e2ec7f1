//! Checks of a programme's exams and interviews: keys, names, the booking window, each
//! session's time, place and capacity, and (across the whole definition) that no two sessions
//! share a room at the same time.

use super::checker::{Checker, Located, Scope};
use super::problem::Part;
use crate::domain::cycle::model::ProgramDef;
use crate::domain::cycle::model_exams::{ExamDef, ScaleDef};
use chrono::NaiveDateTime;
use std::collections::BTreeMap;

fn parse_time(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok()
}

/// A session held in a room, for the overlap check across programmes.
pub(super) struct Occupied {
    room: String,
    starts: NaiveDateTime,
    ends: NaiveDateTime,
    file: String,
    offset: usize,
    at: Part,
    what: String,
}

/// Checks the exams of one programme. Returns their conditions for the dry runs and records the
/// rooms their sessions occupy.
pub(super) fn check_exams(
    c: &mut Checker<'_>,
    file: &str,
    program: &ProgramDef,
    exams: &[ExamDef],
    rooms: &mut Vec<Occupied>,
) -> Vec<Located> {
    let mut located = Vec::new();
    let mut keys = BTreeMap::new();
    let programme = program.code.get_ref().clone();
    for exam in exams {
        let key = exam.key.get_ref().clone();
        let part = || Part::Exam {
            programme: programme.clone(),
            key: key.clone(),
        };
        c.unique(&part().at("key"), file, &mut keys, &exam.key, "exam key");
        c.text(&part().at("name"), file, &exam.name, "exam name");
        c.opt_text(&part().at("bring"), file, &exam.bring, "exam's bring");
        if *exam.duration_minutes.get_ref() == 0 {
            c.at(
                &part().at("duration_minutes"),
                file,
                exam.duration_minutes.span().start,
                format!("duration_minutes of exam \"{key}\" must be more than 0"),
            );
        }
        let mut window = [None, None];
        for (slot, (value, name)) in [
            (&exam.booking_opens, "booking_opens"),
            (&exam.booking_closes, "booking_closes"),
        ]
        .into_iter()
        .enumerate()
        {
            window[slot] = parse_time(value.get_ref());
            if window[slot].is_none() {
                c.at(
                    &part().at(name),
                    file,
                    value.span().start,
                    format!(
                        "{name} of exam \"{key}\" \"{}\" must be a date and time like 2027-06-01 09:00",
                        value.get_ref()
                    ),
                );
            }
        }
        if let [Some(opens), Some(closes)] = window {
            if opens >= closes {
                c.at(
                    &part().at("booking_closes"),
                    file,
                    exam.booking_closes.span().start,
                    format!("booking_closes of exam \"{key}\" must be after booking_opens"),
                );
            }
        }
        if exam.required && exam.required_when.is_some() {
            c.at(
                &part().at("required_when"),
                file,
                exam.key.span().start,
                format!("exam \"{key}\" has both required and required_when; keep one"),
            );
        }
        c.condition(
            (part().at("required_when"), file),
            &exam.required_when,
            format!("required_when of exam \"{key}\""),
            Scope::Application,
            &mut located,
        );
        match &exam.scale {
            Some(scale) => {
                let ScaleDef { min, max, step } = *scale.get_ref();
                let fine = min.is_finite() && max.is_finite() && step.is_finite();
                if !fine || min >= max || step <= 0.0 || step > max - min {
                    c.at(
                        &part().at("scale"),
                        file,
                        scale.span().start,
                        format!(
                            "scale of exam \"{key}\" must have min below max and a step above 0 and no larger than max - min"
                        ),
                    );
                }
            }
            None if exam.second_examiner => c.at(
                &part().at("second_examiner"),
                file,
                exam.key.span().start,
                format!("exam \"{key}\" has a second examiner but no scale to score on"),
            ),
            None => {}
        }
        if exam.sessions.is_empty() {
            c.at(
                &part().at("sessions"),
                file,
                exam.key.span().start,
                format!("exam \"{key}\" has no sessions to book"),
            );
        }
        let duration = chrono::Duration::minutes(i64::from(*exam.duration_minutes.get_ref()));
        let mut session_keys = BTreeMap::new();
        for session in &exam.sessions {
            let at = part().at("sessions");
            let name = session.key.get_ref();
            c.unique(&at, file, &mut session_keys, &session.key, "session key");
            let what = format!("session \"{name}\" of exam \"{key}\"");
            if *session.capacity.get_ref() == 0 {
                c.at(
                    &at,
                    file,
                    session.capacity.span().start,
                    format!("{what} has capacity 0; give it seats or mark it cancelled"),
                );
            }
            if session.place.is_none() && session.online_link.is_none() {
                c.at(
                    &at,
                    file,
                    session.key.span().start,
                    format!("{what} needs a place or an online_link"),
                );
            }
            c.opt_text(&at, file, &session.place, &format!("place of {what}"));
            if let Some(link) = &session.online_link {
                if !link.get_ref().starts_with("https://") {
                    c.at(
                        &at,
                        file,
                        link.span().start,
                        format!("online_link of {what} must start with https://"),
                    );
                }
            }
            let Some(starts) = parse_time(session.starts.get_ref()) else {
                c.at(
                    &at,
                    file,
                    session.starts.span().start,
                    format!(
                        "starts of {what} \"{}\" must be a date and time like 2027-07-05 09:00",
                        session.starts.get_ref()
                    ),
                );
                continue;
            };
            if let Some(opens) = window[0] {
                if starts <= opens {
                    c.at(
                        &at,
                        file,
                        session.starts.span().start,
                        format!(
                            "{what} starts before booking opens ({}), so it can never be booked",
                            exam.booking_opens.get_ref()
                        ),
                    );
                }
            }
            if let Some(room) = session
                .room
                .as_ref()
                .filter(|r| !session.cancelled && !r.get_ref().trim().is_empty())
            {
                rooms.push(Occupied {
                    room: room.get_ref().trim().to_owned(),
                    starts,
                    ends: starts + duration,
                    file: file.to_owned(),
                    offset: session.starts.span().start,
                    at: part(),
                    what: format!("{what} of programme {programme}"),
                });
            }
        }
    }
    located
}

/// Two sessions in one room whose times overlap: reported at the later one, naming the earlier
/// session still running when it starts.
pub(super) fn check_rooms(c: &mut Checker<'_>, mut rooms: Vec<Occupied>) {
    rooms.sort_by(|a, b| (&a.room, a.starts).cmp(&(&b.room, b.starts)));
    let mut running: Option<usize> = None;
    for i in 0..rooms.len() {
        let overlapped =
            running.filter(|&r| rooms[r].room == rooms[i].room && rooms[i].starts < rooms[r].ends);
        if let Some(r) = overlapped {
            let (first, second) = (&rooms[r], &rooms[i]);
            let message = format!(
                "{} overlaps {} in room {}",
                second.what, first.what, second.room
            );
            let (at, file, offset) = (
                second.at.clone().at("sessions"),
                second.file.clone(),
                second.offset,
            );
            c.at(&at, &file, offset, message);
        }
        let longer = overlapped.is_some_and(|r| rooms[r].ends >= rooms[i].ends);
        if !longer {
            running = Some(i);
        }
    }
}
