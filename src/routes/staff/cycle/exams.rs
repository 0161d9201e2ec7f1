//! Exams and interviews in the editor: an exam's settings (names, duration, when required, the
//! booking window and its rules, what to bring, the scale), each session's date, place, room,
//! link, capacity and cancellation, many sessions generated at once from a pattern, and removing
//! a session nobody is booked into (one with bookings is cancelled instead, so its candidates
//! are told).

use super::form::{
    check_requirement, check_texts, checked, condition_text, optional_text, parse_count,
    parse_optional_number, requirement_from, requirement_of, text_in, text_of, yes_if, BaseForm,
};
use super::{act, EditorForm, FieldMap, Save};
use crate::domain::cycle::edit_exams::{self as edit, ExamValues, Pattern, SessionValues};
use crate::domain::cycle::model_exams::{BookAfter, ExamDef, ScaleDef, SessionDef};
use crate::domain::cycle::validate::Part;
use crate::domain::cycle::Definition;
use crate::web::csrf::CsrfForm;
use crate::web::form::FormErrors;
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::Deserialize;

/// Which input of the exam form shows a problem with which value of the exam.
const EXAM_INPUTS: FieldMap = &[
    ("name", "name_pl"),
    ("bring", "bring_pl"),
    ("duration_minutes", "duration_minutes"),
    ("booking_opens", "booking_opens"),
    ("booking_closes", "booking_closes"),
    ("required_when", "condition"),
    ("scale", "scale_min"),
    ("second_examiner", "second_examiner"),
];

/// The session forms show the exam's session problems (overlaps, the window) at the start time.
const SESSION_INPUTS: FieldMap = &[("sessions", "starts")];

fn exam_part(programme: &str, key: &str) -> Part {
    Part::Exam {
        programme: programme.to_owned(),
        key: key.to_owned(),
    }
}

fn exam_link(programme: &str, exam: &str) -> String {
    format!("/staff/cycle/exams/{programme}/{exam}")
}

/// `YYYY-MM-DD HH:MM` as the form's date and time inputs send it (`T` or a space between).
fn read_time(raw: &str) -> Option<String> {
    let raw = raw.trim().replace('T', " ");
    NaiveDateTime::parse_from_str(&raw, "%Y-%m-%d %H:%M")
        .ok()
        .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
}

/// A stored time as a `datetime-local` input shows it.
fn time_input(stored: &str) -> String {
    stored.replacen(' ', "T", 1)
}

// ---- the exam ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ExamForm {
    name_pl: String,
    name_en: String,
    duration_minutes: String,
    requirement: String,
    condition: String,
    book_after: String,
    booking_opens: String,
    booking_closes: String,
    change_until_hours: String,
    max_moves: String,
    offer_hours: String,
    bring_pl: String,
    bring_en: String,
    scale_min: String,
    scale_max: String,
    scale_step: String,
    second_examiner: String,
}

impl ExamForm {
    fn of(exam: &ExamDef) -> ExamForm {
        let scale = exam.scale.as_ref().map(|s| *s.get_ref());
        let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        ExamForm {
            name_pl: text_in(Some(&exam.name), "pl"),
            name_en: text_in(Some(&exam.name), "en"),
            duration_minutes: exam.duration_minutes.get_ref().to_string(),
            requirement: requirement_of(exam.required, &exam.required_when).to_owned(),
            condition: condition_text(&exam.required_when),
            book_after: match exam.book_after {
                BookAfter::Start => "start",
                BookAfter::Submission => "submission",
            }
            .to_owned(),
            booking_opens: time_input(exam.booking_opens.get_ref()),
            booking_closes: time_input(exam.booking_closes.get_ref()),
            change_until_hours: exam.change_until_hours.to_string(),
            max_moves: exam.max_moves.to_string(),
            offer_hours: exam.offer_hours.to_string(),
            bring_pl: text_in(exam.bring.as_ref(), "pl"),
            bring_en: text_in(exam.bring.as_ref(), "en"),
            scale_min: number(scale.map(|s| s.min)),
            scale_max: number(scale.map(|s| s.max)),
            scale_step: number(scale.map(|s| s.step)),
            second_examiner: yes_if(exam.second_examiner),
        }
    }

    /// The exam's new settings, or every error at its input.
    fn values(&self, page: &Page, exam: &ExamDef) -> Result<ExamValues, FormErrors> {
        let mut errors = FormErrors::default();
        check_texts(
            page,
            &mut errors,
            [("name_pl", &self.name_pl), ("name_en", &self.name_en)],
            Some(200),
        );
        check_requirement(page, &mut errors, &self.requirement, &self.condition);
        let mut count = |name: &'static str, raw: &str, range| {
            let value = parse_count(raw, range);
            if value.is_none() {
                errors.add(name, page.t("editor-error-count"));
            }
            value.unwrap_or_default()
        };
        let duration_minutes = count("duration_minutes", &self.duration_minutes, 1..=1440);
        let change_until_hours = count("change_until_hours", &self.change_until_hours, 0..=720);
        let max_moves = count("max_moves", &self.max_moves, 0..=20);
        let offer_hours = count("offer_hours", &self.offer_hours, 0..=336);
        let mut time = |name: &'static str, raw: &str| {
            let value = read_time(raw);
            if value.is_none() {
                errors.add(name, page.t("editor-error-time"));
            }
            value.unwrap_or_default()
        };
        let booking_opens = time("booking_opens", &self.booking_opens);
        let booking_closes = time("booking_closes", &self.booking_closes);
        let book_after = match self.book_after.as_str() {
            "start" => BookAfter::Start,
            _ => BookAfter::Submission,
        };
        let numbers = [&self.scale_min, &self.scale_max, &self.scale_step]
            .map(|raw| parse_optional_number(raw));
        let scale = match numbers {
            [Ok(None), Ok(None), Ok(None)] => None,
            [Ok(Some(min)), Ok(Some(max)), Ok(step)] => Some(ScaleDef {
                min,
                max,
                step: step.unwrap_or(1.0),
            }),
            _ => {
                errors.add("scale_min", page.t("editor-error-scale"));
                None
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let (required, required_when) = requirement_from(
            exam.required_when.as_ref(),
            &self.requirement,
            &self.condition,
        );
        Ok(ExamValues {
            name: text_of(Some(exam.name.get_ref()), &self.name_pl, &self.name_en),
            duration_minutes,
            required,
            required_when,
            book_after,
            booking_opens,
            booking_closes,
            change_until_hours,
            max_moves,
            offer_hours,
            bring: optional_text(exam.bring.as_ref(), &self.bring_pl, &self.bring_en),
            scale,
            second_examiner: checked(&self.second_examiner),
        })
    }
}

/// A session as the exam page lists it.
struct SessionLine {
    key: String,
    starts: String,
    place: String,
    capacity: u32,
    cancelled: bool,
}

#[derive(Template)]
#[template(path = "staff/cycle/exams/edit.html")]
pub(super) struct ExamPage {
    page: Page,
    base: String,
    programme: String,
    key: String,
    /// "exam" or "interview", in words.
    kind: String,
    sessions: Vec<SessionLine>,
    form: ExamForm,
    errors: FormErrors,
}

impl EditorForm for ExamForm {
    type At = (String, String);
    type Page = ExamPage;

    fn fill(definition: &Definition, (programme, key): &Self::At) -> Option<Self> {
        edit::exam(definition, programme, key).map(ExamForm::of)
    }

    fn edit(
        &self,
        page: &Page,
        definition: &Definition,
        (programme, key): &Self::At,
    ) -> Option<Result<Save, FormErrors>> {
        let exam = edit::exam(definition, programme, key)?;
        Some(self.values(page, exam).map(|values| {
            let (p, k) = (programme.clone(), key.clone());
            Save {
                what: format!("exam {programme}/{key}"),
                then: exam_link(programme, key),
                part: exam_part(programme, key),
                inputs: EXAM_INPUTS,
                edit: Box::new(move |d| edit::set_exam(d, &p, &k, values)),
            }
        }))
    }

    fn page(
        page: Page,
        definition: &Definition,
        (programme, key): Self::At,
        form: Self,
        (base, errors): (String, FormErrors),
    ) -> ExamPage {
        let exam = edit::exam(definition, &programme, &key);
        let mut sessions: Vec<SessionLine> = exam
            .map(|e| {
                e.sessions
                    .iter()
                    .map(|s| SessionLine {
                        key: s.key.get_ref().clone(),
                        starts: s.starts.get_ref().clone(),
                        place: s
                            .room
                            .as_ref()
                            .map(|r| r.get_ref().clone())
                            .or_else(|| {
                                s.place
                                    .as_ref()
                                    .map(|p| super::form::pick(p.get_ref(), page.lang()))
                            })
                            .or_else(|| s.online_link.as_ref().map(|l| l.get_ref().clone()))
                            .unwrap_or_default(),
                        capacity: *s.capacity.get_ref(),
                        cancelled: s.cancelled,
                    })
                    .collect()
            })
            .unwrap_or_default();
        sessions.sort_by(|a, b| a.starts.cmp(&b.starts).then(a.key.cmp(&b.key)));
        ExamPage {
            kind: page.t(&format!(
                "editor-exam-kind-{}",
                exam.map_or("exam", |e| e.kind.as_str())
            )),
            page,
            base,
            programme,
            key,
            sessions,
            form,
            errors,
        }
    }
}

// ---- one session ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SessionForm {
    starts: String,
    place_pl: String,
    place_en: String,
    room: String,
    online_link: String,
    capacity: String,
    cancelled: String,
}

impl SessionForm {
    fn of(session: &SessionDef) -> SessionForm {
        let opt = |v: &Option<toml::Spanned<String>>| {
            v.as_ref().map(|v| v.get_ref().clone()).unwrap_or_default()
        };
        SessionForm {
            starts: time_input(session.starts.get_ref()),
            place_pl: text_in(session.place.as_ref(), "pl"),
            place_en: text_in(session.place.as_ref(), "en"),
            room: opt(&session.room),
            online_link: opt(&session.online_link),
            capacity: session.capacity.get_ref().to_string(),
            cancelled: yes_if(session.cancelled),
        }
    }

    fn values(&self, page: &Page, session: &SessionDef) -> Result<SessionValues, FormErrors> {
        let mut errors = FormErrors::default();
        let starts = read_time(&self.starts);
        if starts.is_none() {
            errors.add("starts", page.t("editor-error-time"));
        }
        let capacity = parse_count(&self.capacity, 1..=100_000);
        if capacity.is_none() {
            errors.add("capacity", page.t("editor-error-capacity"));
        }
        let link = self.online_link.trim();
        if !link.is_empty() && !link.starts_with("https://") {
            errors.add("online_link", page.t("editor-error-link"));
        }
        let place = optional_text(session.place.as_ref(), &self.place_pl, &self.place_en);
        if place.is_none() && link.is_empty() {
            errors.add("place_pl", page.t("editor-error-place"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(SessionValues {
            starts: starts.unwrap_or_default(),
            place,
            room: Some(self.room.trim().to_owned()).filter(|r| !r.is_empty()),
            online_link: Some(link.to_owned()).filter(|l| !l.is_empty()),
            capacity: capacity.unwrap_or(1),
            cancelled: checked(&self.cancelled),
        })
    }
}

#[derive(Template)]
#[template(path = "staff/cycle/exams/session.html")]
pub(super) struct SessionPage {
    page: Page,
    base: String,
    programme: String,
    exam: String,
    key: String,
    form: SessionForm,
    errors: FormErrors,
}

impl EditorForm for SessionForm {
    type At = (String, String, String);
    type Page = SessionPage;

    fn fill(definition: &Definition, (programme, exam, key): &Self::At) -> Option<Self> {
        edit::exam(definition, programme, exam)?
            .session(key)
            .map(SessionForm::of)
    }

    fn edit(
        &self,
        page: &Page,
        definition: &Definition,
        (programme, exam, key): &Self::At,
    ) -> Option<Result<Save, FormErrors>> {
        let session = edit::exam(definition, programme, exam)?.session(key)?;
        Some(self.values(page, session).map(|values| {
            let (p, e, k) = (programme.clone(), exam.clone(), key.clone());
            Save {
                what: format!("session {programme}/{exam}/{key}"),
                then: exam_link(programme, exam),
                part: exam_part(programme, exam),
                inputs: SESSION_INPUTS,
                edit: Box::new(move |d| edit::set_session(d, (&p, &e, &k), values)),
            }
        }))
    }

    fn page(
        page: Page,
        _: &Definition,
        (programme, exam, key): Self::At,
        form: Self,
        (base, errors): (String, FormErrors),
    ) -> SessionPage {
        SessionPage {
            page,
            base,
            programme,
            exam,
            key,
            form,
            errors,
        }
    }
}

// ---- many sessions from a pattern ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PatternForm {
    first_day: String,
    last_day: String,
    monday: String,
    tuesday: String,
    wednesday: String,
    thursday: String,
    friday: String,
    saturday: String,
    sunday: String,
    first_start: String,
    last_start: String,
    every_minutes: String,
    rooms: String,
    capacity: String,
    place_pl: String,
    place_en: String,
    online_link: String,
}

impl PatternForm {
    fn days(&self) -> [(&'static str, Weekday, &String); 7] {
        [
            ("monday", Weekday::Mon, &self.monday),
            ("tuesday", Weekday::Tue, &self.tuesday),
            ("wednesday", Weekday::Wed, &self.wednesday),
            ("thursday", Weekday::Thu, &self.thursday),
            ("friday", Weekday::Fri, &self.friday),
            ("saturday", Weekday::Sat, &self.saturday),
            ("sunday", Weekday::Sun, &self.sunday),
        ]
    }

    /// The sessions the pattern makes, or every error at its input.
    fn sessions(&self, page: &Page) -> Result<Vec<SessionDef>, FormErrors> {
        let mut errors = FormErrors::default();
        let day = |raw: &str| NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok();
        let time = |raw: &str| NaiveTime::parse_from_str(raw.trim(), "%H:%M").ok();
        let days = [("first_day", &self.first_day), ("last_day", &self.last_day)];
        let (first_day, last_day) = read_range(
            page,
            &mut errors,
            days,
            day,
            ("editor-error-date", "editor-error-last-day"),
        );
        let starts = [
            ("first_start", &self.first_start),
            ("last_start", &self.last_start),
        ];
        let words = ("editor-error-clock", "editor-error-last-start");
        let (first_start, last_start) = read_range(page, &mut errors, starts, time, words);
        let every_minutes = if self.every_minutes.trim().is_empty() {
            Some(60)
        } else {
            parse_count(&self.every_minutes, 5..=1440)
        };
        if every_minutes.is_none() {
            errors.add("every_minutes", page.t("editor-error-count"));
        }
        let capacity = parse_count(&self.capacity, 1..=100_000);
        if capacity.is_none() {
            errors.add("capacity", page.t("editor-error-capacity"));
        }
        let mut weekdays: Vec<Weekday> = self
            .days()
            .iter()
            .filter(|(_, _, v)| checked(v))
            .map(|(_, d, _)| *d)
            .collect();
        if weekdays.is_empty() {
            // A single day needs no ticked weekday.
            weekdays = first_day
                .map(|d| vec![chrono::Datelike::weekday(&d)])
                .unwrap_or_default();
            if first_day != last_day {
                errors.add("weekdays", page.t("editor-error-weekdays"));
            }
        }
        let link = self.online_link.trim();
        if !link.is_empty() && !link.starts_with("https://") {
            errors.add("online_link", page.t("editor-error-link"));
        }
        let place = optional_text(None, &self.place_pl, &self.place_en);
        if place.is_none() && link.is_empty() {
            errors.add("place_pl", page.t("editor-error-place"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let pattern = Pattern {
            first_day: first_day.unwrap_or_default(),
            last_day: last_day.unwrap_or_default(),
            weekdays,
            first_start: first_start.unwrap_or_default(),
            last_start: last_start.unwrap_or_default(),
            every_minutes: every_minutes.unwrap_or(60),
            rooms: self
                .rooms
                .split([',', '\n'])
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_owned)
                .collect(),
            capacity: capacity.unwrap_or(1),
            place,
            online_link: Some(link.to_owned()).filter(|l| !l.is_empty()),
        };
        match edit::generate(&pattern) {
            Some(sessions) if !sessions.is_empty() => Ok(sessions),
            Some(_) => {
                errors.add("weekdays", page.t("editor-error-no-sessions"));
                Err(errors)
            }
            None => {
                errors.add(
                    "first_day",
                    page.tn(
                        "editor-error-too-many-sessions",
                        "max",
                        &(edit::MAX_GENERATED as i64),
                    ),
                );
                Err(errors)
            }
        }
    }
}

/// A first and a last value (a day, a start time) as the pattern's inputs give them: an empty
/// last is the first, an unreadable one is `unreadable` at its input, and a last before the
/// first is `backwards` at the last.
fn read_range<T: PartialOrd + Copy>(
    page: &Page,
    errors: &mut FormErrors,
    [(first_input, first_raw), (last_input, last_raw)]: [(&'static str, &String); 2],
    parse: impl Fn(&str) -> Option<T>,
    (unreadable, backwards): (&str, &str),
) -> (Option<T>, Option<T>) {
    let first = parse(first_raw);
    if first.is_none() {
        errors.add(first_input, page.t(unreadable));
    }
    let last = if last_raw.trim().is_empty() {
        first
    } else {
        parse(last_raw)
    };
    match (first, last) {
        (_, None) => errors.add(last_input, page.t(unreadable)),
        (Some(first), Some(last)) if last < first => errors.add(last_input, page.t(backwards)),
        _ => {}
    }
    (first, last)
}

#[derive(Template)]
#[template(path = "staff/cycle/exams/generate.html")]
pub(super) struct PatternPage {
    page: Page,
    base: String,
    programme: String,
    exam: String,
    /// (input name, weekday in words, ticked) of each weekday.
    weekdays: Vec<(&'static str, String, bool)>,
    form: PatternForm,
    errors: FormErrors,
}

impl EditorForm for PatternForm {
    type At = (String, String);
    type Page = PatternPage;

    fn fill(definition: &Definition, (programme, exam): &Self::At) -> Option<Self> {
        let exam = edit::exam(definition, programme, exam)?;
        Some(PatternForm {
            every_minutes: exam.duration_minutes.get_ref().to_string(),
            capacity: "1".into(),
            ..PatternForm::default()
        })
    }

    fn edit(
        &self,
        page: &Page,
        definition: &Definition,
        (programme, exam): &Self::At,
    ) -> Option<Result<Save, FormErrors>> {
        edit::exam(definition, programme, exam)?;
        Some(self.sessions(page).map(|sessions| {
            let (p, e) = (programme.clone(), exam.clone());
            Save {
                what: format!(
                    "{} sessions of {programme}/{exam} generated",
                    sessions.len()
                ),
                then: exam_link(programme, exam),
                part: exam_part(programme, exam),
                inputs: &[("sessions", "first_day")],
                edit: Box::new(move |d| edit::add_sessions(d, (&p, &e), sessions).map(|_| ())),
            }
        }))
    }

    fn page(
        page: Page,
        _: &Definition,
        (programme, exam): Self::At,
        form: Self,
        (base, errors): (String, FormErrors),
    ) -> PatternPage {
        let weekdays = form
            .days()
            .iter()
            .map(|(name, day, value)| {
                let words = page.t(&format!("weekday-{}", day.number_from_monday()));
                (*name, words, checked(value))
            })
            .collect();
        PatternPage {
            page,
            base,
            programme,
            exam,
            weekdays,
            form,
            errors,
        }
    }
}

// ---- removing ----

/// Removes a session nobody is booked into; one with bookings is refused (cancel it instead).
pub async fn session_remove(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String, String)>,
    CsrfForm(form): CsrfForm<BaseForm>,
) -> Result<HttpResponse, AppError> {
    let (programme, exam, key) = path.into_inner();
    let back = format!("{}/sessions/{key}", exam_link(&programme, &exam));
    let cycle = state.cycle().await?.ok_or(AppError::NotFound)?;
    let seat = crate::domain::exams::seat_id(&cycle.cycle_code, &programme, &exam, &key);
    let booked = state
        .db(move |conn| {
            crate::services::exams::sessions::booked_in(conn, &seat).map_err(AppError::from)
        })
        .await?;
    if booked > 0 {
        let mut errors = FormErrors::default();
        errors.add(
            "general",
            page.tn("editor-error-session-booked", "count", &booked),
        );
        return super::refused(page, back, errors);
    }
    let what = format!("session {programme}/{exam}/{key} removed");
    let then = exam_link(&programme, &exam);
    let edit = move |d: &mut Definition| edit::remove_session(d, (&programme, &exam, &key));
    act(
        &state,
        page,
        user.id.0,
        &form.base,
        (what, back, then),
        edit,
    )
    .await
}
