//! Booking an exam or interview session: the page listing free sessions by day, booking or
//! moving (one form, the service decides), cancelling after a confirmation, joining a full
//! session's waiting list and taking (or declining) the seat it offers, and the booking's
//! calendar file.

use crate::domain::cycle::model_exams::SessionDef;
use crate::domain::exams::ical::Method;
use crate::domain::exams::{self as rules, BookingProblem, WaitState};
use crate::domain::ids::ApplicationId;
use crate::i18n::format::pick;
use crate::routes::views::exams::{day_title, place, time_range};
use crate::services::exams::{self as booking, waits, Booked, ExamOfApplication};
use crate::web::csrf::{CsrfForm, CsrfOnly};
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::{Candidate, CurrentUser};
use crate::web::{AppError, AppState, Page};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use chrono::NaiveDateTime;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
pub struct ExamPath {
    id: ApplicationId,
    exam: String,
}

async fn load(
    state: &AppState,
    user: &CurrentUser,
    path: &ExamPath,
) -> Result<ExamOfApplication, AppError> {
    let (services, id, candidate, exam) = (
        state.services.clone(),
        path.id.clone(),
        user.id.clone(),
        path.exam.clone(),
    );
    state
        .db(move |conn| {
            booking::exam_of(conn, &services, &id, &candidate, &exam).map_err(AppError::from)
        })
        .await?
        .ok_or(AppError::NotFound)
}

/// One session as the page lists it.
struct SessionView {
    key: String,
    time: String,
    place: String,
    seats: String,
    /// It can be chosen now.
    open: bool,
    checked: bool,
}

/// The sessions of one day.
struct DayView {
    title: String,
    sessions: Vec<SessionView>,
}

/// The application's place on a waiting list, or the seat offered to it.
struct WaitView {
    text: String,
    offered: bool,
}

/// The current booking.
struct BookedView {
    when: String,
    place: String,
    online_link: String,
    /// "You can cancel or move it until …", or that it is too late.
    change: String,
    can_cancel: bool,
    can_move: bool,
}

#[derive(Template)]
#[template(path = "candidate/exams/booking.html")]
struct BookingPage {
    page: Page,
    id: String,
    exam_key: String,
    title: String,
    programme: String,
    bring: String,
    /// Why nothing can be booked now, if so.
    notice: String,
    booked: Option<BookedView>,
    days: Vec<DayView>,
    /// Radios and the button are offered.
    bookable: bool,
    wait: Option<WaitView>,
    /// Full sessions whose waiting list can be joined.
    full: Vec<SessionView>,
    offer_hours: i64,
    errors: FormErrors,
}

/// Why the candidate cannot book now (empty when they can).
fn notice(page: &Page, of: &ExamOfApplication, now: NaiveDateTime) -> String {
    if !of.required {
        return page.t("exam-not-required");
    }
    if !of.status_allows() {
        return if of.application.row.status == crate::domain::status::ApplicationStatus::Draft {
            page.t("exam-after-submission")
        } else {
            page.t("exam-not-bookable")
        };
    }
    let when = |text: &str| {
        crate::domain::cycle::warsaw_time(text)
            .map(|t| page.datetime(&t))
            .unwrap_or_default()
    };
    match rules::window_problem(&of.exam, now) {
        Some(BookingProblem::NotOpenYet) => page.t1(
            "exam-opens-on",
            "time",
            &when(of.exam.booking_opens.get_ref()),
        ),
        Some(_) => page.t1(
            "exam-closed-on",
            "time",
            &when(of.exam.booking_closes.get_ref()),
        ),
        None => String::new(),
    }
}

fn booked_view(page: &Page, of: &ExamOfApplication, now: NaiveDateTime) -> Option<BookedView> {
    let booking = of.booking.as_ref()?;
    let session = of.booked_session()?;
    let (starts, _) = rules::session_times(&of.exam, session)?;
    let can_cancel = rules::may_cancel(&of.exam, session, now).is_ok();
    let can_move = rules::may_move(&of.exam, session, booking.moves, now).is_ok();
    let deadline = rules::change_deadline(&of.exam, session)
        .map(|t| page.datetime(&t))
        .unwrap_or_default();
    let moves_left = i64::from(of.exam.max_moves) - i64::from(booking.moves);
    let change = if !can_cancel {
        page.t("exam-change-too-late")
    } else if can_move {
        page.t2(
            "exam-change-until",
            "time",
            &deadline,
            "moves",
            moves_left.max(0),
        )
    } else {
        page.t1("exam-cancel-until-no-moves", "time", &deadline)
    };
    Some(BookedView {
        when: format!(
            "{} {}",
            day_title(page, starts),
            time_range(&of.exam, session).unwrap_or_default()
        ),
        place: place(page, session),
        online_link: session
            .online_link
            .as_ref()
            .map(|l| l.get_ref().clone())
            .unwrap_or_default(),
        change,
        can_cancel,
        can_move,
    })
}

fn wait_view(page: &Page, of: &ExamOfApplication) -> Option<WaitView> {
    let (wait, position) = of.wait.as_ref()?;
    let session = of.exam.session(&wait.session_key)?;
    let (starts, _) = rules::session_times(&of.exam, session)?;
    let when = format!(
        "{} {}",
        day_title(page, starts),
        time_range(&of.exam, session).unwrap_or_default()
    );
    let offered = wait.state == WaitState::Offered;
    let text = match wait.offered_until {
        Some(until) if offered => page.t2(
            "exam-offer-held",
            "session",
            &when,
            "time",
            page.datetime(&until),
        ),
        _ => page.t2(
            "exam-waiting-place",
            "session",
            &when,
            "position",
            *position,
        ),
    };
    Some(WaitView { text, offered })
}

fn booking_page(
    page: Page,
    of: &ExamOfApplication,
    chosen: &str,
    errors: FormErrors,
) -> BookingPage {
    let now = crate::db::now();
    let notice = notice(&page, of, now);
    let booked = booked_view(&page, of, now);
    let may_change = booked.as_ref().is_none_or(|b| b.can_move);
    let bookable = notice.is_empty() && may_change;
    let current = of.booking.as_ref().map(|b| b.session_key.as_str());
    let mut sessions: Vec<&SessionDef> = of.exam.sessions.iter().collect();
    sessions.sort_by_key(|s| rules::session_times(&of.exam, s).map(|(t, _)| t));
    let mut days: Vec<DayView> = Vec::new();
    let mut full = Vec::new();
    for session in sessions {
        let Some((starts, _)) = rules::session_times(&of.exam, session) else {
            continue;
        };
        let left = of.left(session);
        let is_current = current == Some(session.key.get_ref().as_str());
        let seats = if session.cancelled {
            page.t("exam-session-cancelled")
        } else if is_current {
            page.t("exam-session-yours")
        } else if rules::may_take(&of.exam, session, now).is_err() {
            page.t("exam-session-closed")
        } else if left == 0 {
            page.t("exam-session-full")
        } else {
            page.tn("exam-seats-left", "count", &i64::from(left))
        };
        let open =
            bookable && !is_current && left > 0 && rules::may_take(&of.exam, session, now).is_ok();
        let view = SessionView {
            key: session.key.get_ref().clone(),
            time: time_range(&of.exam, session).unwrap_or_default(),
            place: place(&page, session),
            seats,
            open,
            checked: open && chosen == session.key.get_ref(),
        };
        let title = day_title(&page, starts);
        let waitable = bookable
            && of.wait.is_none()
            && !is_current
            && left == 0
            && rules::may_take(&of.exam, session, now).is_ok();
        if waitable {
            full.push(SessionView {
                key: view.key.clone(),
                time: format!("{title}, {}", view.time),
                place: view.place.clone(),
                seats: String::new(),
                open: true,
                checked: chosen == session.key.get_ref(),
            });
        }
        match days.last_mut() {
            Some(day) if day.title == title => day.sessions.push(view),
            _ => days.push(DayView {
                title,
                sessions: vec![view],
            }),
        }
    }
    let locale = page.lang();
    BookingPage {
        id: of.application.row.id.to_string(),
        exam_key: of.exam.key.get_ref().clone(),
        title: pick(of.exam.name.get_ref(), locale),
        programme: pick(&of.programme_name, locale),
        bring: of
            .exam
            .bring
            .as_ref()
            .map(|b| pick(b.get_ref(), locale))
            .unwrap_or_default(),
        notice,
        booked,
        bookable,
        wait: wait_view(&page, of),
        full,
        offer_hours: i64::from(of.exam.offer_hours),
        days,
        errors,
        page,
    }
}

pub async fn page(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    path: web::Path<ExamPath>,
) -> Result<HttpResponse, AppError> {
    let of = load(&state, &user, &path).await?;
    render(&booking_page(page, &of, "", FormErrors::default()))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BookForm {
    session: String,
}

/// Books the chosen session, or moves the booking there.
pub async fn book(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    path: web::Path<ExamPath>,
    CsrfForm(form): CsrfForm<BookForm>,
) -> Result<HttpResponse, AppError> {
    let session = form.session.trim().to_owned();
    change(page, &state, &user, &path, Ask::Book(session)).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WaitForm {
    wait_session: String,
}

/// Joins the waiting list of the chosen full session.
pub async fn wait(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    path: web::Path<ExamPath>,
    CsrfForm(form): CsrfForm<WaitForm>,
) -> Result<HttpResponse, AppError> {
    let session = form.wait_session.trim().to_owned();
    change(page, &state, &user, &path, Ask::Wait(session)).await
}

#[derive(Debug, Deserialize)]
pub struct WaitPath {
    id: ApplicationId,
    exam: String,
    /// `take` the seat offered, or `leave` the list (declining a seat offered from it).
    action: String,
}

/// Takes the seat offered from the waiting list, or leaves the list.
pub async fn waiting(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    path: web::Path<WaitPath>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let WaitPath { id, exam, action } = path.into_inner();
    let ask = match action.as_str() {
        "take" => Ask::TakeOffer,
        "leave" => Ask::Leave,
        _ => return Err(AppError::NotFound),
    };
    change(page, &state, &user, &ExamPath { id, exam }, ask).await
}

/// What the candidate asked for.
enum Ask {
    /// Book the session, or move the booking there.
    Book(String),
    Cancel,
    /// Join the session's waiting list.
    Wait(String),
    TakeOffer,
    Leave,
}

impl Ask {
    /// The input a refusal is shown at.
    fn input(&self) -> &'static str {
        match self {
            Ask::Wait(_) => "wait_session",
            Ask::TakeOffer | Ask::Leave => "waiting",
            Ask::Book(_) | Ask::Cancel => "session",
        }
    }

    /// The session it names, for the page shown again.
    fn chosen(&self) -> &str {
        match self {
            Ask::Book(s) | Ask::Wait(s) => s,
            _ => "",
        }
    }
}

/// Makes the change the candidate asked for: back to the booking page with what was done, or
/// the page again with the seats as they are now and the reason at the input it concerns.
async fn change(
    page: Page,
    state: &AppState,
    user: &CurrentUser,
    path: &ExamPath,
    ask: Ask,
) -> Result<HttpResponse, AppError> {
    let of = load(state, user, path).await?;
    let (services, candidate) = (state.services.clone(), user.id.clone());
    let (input, chosen) = (ask.input(), ask.chosen().to_owned());
    let outcome = state
        .db(move |conn| {
            let now = crate::db::now();
            let booked = |booked: Booked| match booked {
                Booked::Booked(_) => Flash::ExamBooked,
                Booked::Moved { .. } => Flash::ExamMoved,
            };
            let done = match ask {
                Ask::Book(chosen) => {
                    booking::book(conn, &services, &of, &chosen, &candidate, now)?.map(booked)
                }
                Ask::Cancel => booking::cancel(conn, &services, &of, &candidate, now)?
                    .map(|_| Flash::ExamCancelled),
                Ask::Wait(chosen) => {
                    waits::join(conn, &of, &chosen, &candidate, now)?.map(|_| Flash::ExamWaiting)
                }
                Ask::TakeOffer => waits::accept(conn, &services, &of, &candidate, now)?.map(booked),
                Ask::Leave => waits::leave(conn, &services, &of, &candidate, now)?
                    .map(|_| Flash::ExamLeftWaiting),
            };
            Ok::<_, AppError>(done)
        })
        .await?;
    match outcome {
        Ok(flash) => Ok(redirect_with(&booking_path(path), Some(flash))),
        Err(problem) => {
            let of = load(state, user, path).await?;
            let mut errors = FormErrors::default();
            errors.add(input, page.t(problem.message_id()));
            let status = match problem {
                BookingProblem::SessionFull
                | BookingProblem::AlreadyBooked
                | BookingProblem::AlreadyWaiting => StatusCode::CONFLICT,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            render_status(status, &booking_page(page, &of, &chosen, errors))
        }
    }
}

fn booking_path(path: &ExamPath) -> String {
    format!("/applications/{}/exams/{}", path.id, path.exam)
}

#[derive(Template)]
#[template(path = "candidate/exams/cancel.html")]
struct CancelPage {
    page: Page,
    id: String,
    exam_key: String,
    title: String,
    when: String,
}

pub async fn cancel_page(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    path: web::Path<ExamPath>,
) -> Result<HttpResponse, AppError> {
    let of = load(&state, &user, &path).await?;
    let back = booking_path(&path);
    let Some(booked) = booked_view(&page, &of, crate::db::now()).filter(|b| b.can_cancel) else {
        return Ok(redirect_with(&back, None));
    };
    render(&CancelPage {
        id: path.id.to_string(),
        exam_key: path.exam.clone(),
        title: pick(of.exam.name.get_ref(), page.lang()),
        when: booked.when,
        page,
    })
}

pub async fn cancel(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    path: web::Path<ExamPath>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    change(page, &state, &user, &path, Ask::Cancel).await
}

/// The booking as a calendar file to import.
pub async fn invitation(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    path: web::Path<ExamPath>,
) -> Result<HttpResponse, AppError> {
    let of = load(&state, &user, &path).await?;
    let booked = of.booking.as_ref().ok_or(AppError::NotFound)?;
    let session = of.booked_session().ok_or(AppError::NotFound)?;
    let ics = booking::calendar(
        &state.services,
        &of,
        booked,
        session,
        Method::Publish,
        ("", &user.email),
        page.lang(),
        crate::db::now(),
    );
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{}.ics\"", of.exam.key.get_ref()),
        ))
        .body(ics))
}
