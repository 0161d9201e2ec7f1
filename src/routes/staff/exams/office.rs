//! The admissions office's changes to a session: moving one candidate to another session on
//! their request, and cancelling the whole session after a confirmation (every booked candidate
//! is emailed to book another).

use super::{load, SheetPath};
use crate::domain::exams::{self as rules, BookingProblem};
use crate::i18n::format::pick;
use crate::routes::views::candidate_name;
use crate::routes::views::exams::{day_title, place, time_range};
use crate::services::exams::{office, sessions};
use crate::web::csrf::{CsrfForm, CsrfOnly};
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::ExamOffice;
use crate::web::{AppError, AppState, Page};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

/// "Monday, 5 July 2027, 09:00–12:00" of a session.
fn when(
    page: &Page,
    exam: &crate::domain::cycle::model_exams::ExamDef,
    session: &crate::domain::cycle::model_exams::SessionDef,
) -> String {
    rules::session_times(exam, session)
        .map(|(t, _)| {
            format!(
                "{}, {}",
                day_title(page, t),
                time_range(exam, session).unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

#[derive(Template)]
#[template(path = "staff/exams/cancel.html")]
struct CancelPage {
    page: Page,
    back: String,
    action: String,
    title: String,
    when: String,
    booked: usize,
    waiting: usize,
    errors: FormErrors,
}

/// Asks before a whole session is cancelled, saying how many candidates will be told.
pub async fn cancel_page(
    page: Page,
    _office: ExamOffice,
    state: web::Data<AppState>,
    path: web::Path<SheetPath>,
) -> Result<HttpResponse, AppError> {
    let (_, sheet) = load(&state, &path).await?;
    if sheet.session.cancelled {
        return Ok(redirect_with(&path.link(), None));
    }
    render(&CancelPage {
        back: path.link(),
        action: format!("{}/cancel", path.link()),
        title: pick(sheet.exam.name.get_ref(), page.lang()),
        when: when(&page, &sheet.exam, &sheet.session),
        booked: sheet.attendees.len(),
        waiting: sheet.waiting,
        errors: FormErrors::default(),
        page,
    })
}

/// Cancels the session: back to the list of sessions, with how many were told.
pub async fn cancel(
    page: Page,
    ExamOffice(user): ExamOffice,
    state: web::Data<AppState>,
    path: web::Path<SheetPath>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (cycle, sheet) = load(&state, &path).await?;
    let (services, staff, target) = (state.services.clone(), user.id.clone(), sheet.clone());
    let outcome = state
        .db(move |conn| {
            office::cancel_session(
                conn,
                &services,
                (&cycle.cycle_code, &target),
                Some(&staff),
                crate::db::now(),
            )
            .map_err(AppError::from)
        })
        .await?;
    match outcome {
        Ok(_) => Ok(redirect_with("/staff/exams", Some(Flash::SessionCancelled))),
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.add("cancel", page.t(problem.message_id()));
            render_status(
                StatusCode::CONFLICT,
                &CancelPage {
                    back: path.link(),
                    action: format!("{}/cancel", path.link()),
                    title: pick(sheet.exam.name.get_ref(), page.lang()),
                    when: when(&page, &sheet.exam, &sheet.session),
                    booked: sheet.attendees.len(),
                    waiting: sheet.waiting,
                    errors,
                    page,
                },
            )
        }
    }
}

/// A refusal of the office's move in the office's words (the candidate's own wording speaks to
/// the candidate).
fn office_message(problem: BookingProblem) -> &'static str {
    match problem {
        BookingProblem::SameSession => "exam-office-error-same-session",
        BookingProblem::SessionFull => "exam-office-error-full",
        BookingProblem::TooLate => "exam-office-error-started",
        other => other.message_id(),
    }
}

#[derive(Debug, Deserialize)]
pub struct MovePath {
    programme: String,
    exam: String,
    session: String,
    booking: String,
}

impl MovePath {
    fn sheet(&self) -> SheetPath {
        SheetPath {
            programme: self.programme.clone(),
            exam: self.exam.clone(),
            session: self.session.clone(),
        }
    }
}

/// A session the candidate can be moved to.
struct Target {
    key: String,
    when: String,
    place: String,
    seats: String,
    open: bool,
    checked: bool,
}

#[derive(Template)]
#[template(path = "staff/exams/move.html")]
struct MovePage {
    page: Page,
    back: String,
    action: String,
    title: String,
    name: String,
    when: String,
    targets: Vec<Target>,
    errors: FormErrors,
}

async fn move_page(
    page: Page,
    state: &AppState,
    path: &MovePath,
    chosen: &str,
    errors: FormErrors,
) -> Result<MovePage, AppError> {
    let sheet_path = path.sheet();
    let (cycle, sheet) = load(state, &sheet_path).await?;
    let row = sheet
        .attendees
        .iter()
        .find(|r| r.attendee.booking.id.as_str() == path.booking)
        .ok_or(AppError::NotFound)?;
    let (current, programme, exam) = (cycle.clone(), path.programme.clone(), path.exam.clone());
    let loads = state
        .db(move |conn| {
            sessions::schedules(conn, &current.cycle_code, &current.definition)
                .map_err(AppError::from)
        })
        .await?
        .into_iter()
        .find(|s| s.programme == programme && s.exam.key.get_ref() == &exam)
        .map(|s| s.sessions)
        .unwrap_or_default();
    let now = crate::db::now();
    let targets = loads
        .iter()
        .filter(|l| l.session.key.get_ref() != sheet.session.key.get_ref())
        .map(|l| {
            let left = i64::from(*l.session.capacity.get_ref()) - i64::from(l.booked);
            let ahead = rules::session_times(&sheet.exam, &l.session).is_some_and(|(s, _)| now < s);
            let seats = if l.session.cancelled {
                page.t("exam-session-cancelled")
            } else if !ahead {
                page.t("exam-session-closed")
            } else if left <= 0 {
                page.t("exam-session-full")
            } else {
                page.tn("exam-seats-left", "count", &left)
            };
            let open = !l.session.cancelled && ahead && left > 0;
            Target {
                key: l.session.key.get_ref().clone(),
                when: when(&page, &sheet.exam, &l.session),
                place: place(&page, &l.session),
                seats,
                checked: open && chosen == l.session.key.get_ref(),
                open,
            }
        })
        .collect();
    Ok(MovePage {
        back: sheet_path.link(),
        action: format!("{}/move/{}", sheet_path.link(), path.booking),
        title: pick(sheet.exam.name.get_ref(), page.lang()),
        name: candidate_name(&page, Some(row.attendee.full_name.clone())),
        when: when(&page, &sheet.exam, &sheet.session),
        targets,
        errors,
        page,
    })
}

/// The sessions one booked candidate can be moved to.
pub async fn move_form(
    page: Page,
    _office: ExamOffice,
    state: web::Data<AppState>,
    path: web::Path<MovePath>,
) -> Result<HttpResponse, AppError> {
    render(&move_page(page, &state, &path, "", FormErrors::default()).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    to: String,
}

/// Moves the candidate: back to the session's sheet, or the choice again with the reason.
pub async fn move_booking(
    page: Page,
    ExamOffice(user): ExamOffice,
    state: web::Data<AppState>,
    path: web::Path<MovePath>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (_, sheet) = load(&state, &path.sheet()).await?;
    let (services, staff, booking) = (
        state.services.clone(),
        user.id.clone(),
        path.booking.clone(),
    );
    let to = form.to.trim().to_owned();
    let target = to.clone();
    let outcome = state
        .db(move |conn| {
            office::move_booking(
                conn,
                &services,
                &sheet,
                &booking,
                &target,
                &staff,
                crate::db::now(),
            )
            .map_err(AppError::from)
        })
        .await?;
    match outcome {
        Ok(_) => Ok(redirect_with(
            &path.sheet().link(),
            Some(Flash::BookingMovedByOffice),
        )),
        Err(BookingProblem::NotBooked) => Err(AppError::NotFound),
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.add("to", page.t(office_message(problem)));
            let status = if problem == BookingProblem::SessionFull {
                StatusCode::CONFLICT
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            render_status(status, &move_page(page, &state, &path, &to, errors).await?)
        }
    }
}
