//! Booking exam and interview sessions: the rules a booking, a move and a cancellation pass,
//! decided from the exam's definition, the session, the clock and the application's status.

pub mod ical;
pub mod import;
pub mod scores;

use super::cycle::model_exams::{BookAfter, ExamDef, SessionDef};
use super::cycle::warsaw_time;
use super::status::ApplicationStatus;
use chrono::NaiveDateTime;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BookingState {
    Booked,
    Cancelled,
}

impl BookingState {
    pub fn as_str(self) -> &'static str {
        match self {
            BookingState::Booked => "booked",
            BookingState::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<BookingState> {
        [BookingState::Booked, BookingState::Cancelled]
            .into_iter()
            .find(|st| st.as_str() == s)
    }
}

/// Where a candidate waiting for a seat in a full session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitState {
    /// In the queue.
    Waiting,
    /// A freed seat is held for them until the offer's deadline.
    Offered,
    /// They took the seat: it is a booking now.
    Accepted,
    /// The offer ran out or was declined; the seat went to the next one waiting.
    Lapsed,
    /// They left the queue, or the office closed it (the session cancelled, the application
    /// withdrawn).
    Left,
}

impl WaitState {
    pub const ACTIVE: [WaitState; 2] = [WaitState::Waiting, WaitState::Offered];

    pub fn as_str(self) -> &'static str {
        match self {
            WaitState::Waiting => "waiting",
            WaitState::Offered => "offered",
            WaitState::Accepted => "accepted",
            WaitState::Lapsed => "lapsed",
            WaitState::Left => "left",
        }
    }

    pub fn parse(s: &str) -> Option<WaitState> {
        [
            WaitState::Waiting,
            WaitState::Offered,
            WaitState::Accepted,
            WaitState::Lapsed,
            WaitState::Left,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

impl TryFrom<String> for WaitState {
    type Error = UnknownBookingState;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        WaitState::parse(&value).ok_or(UnknownBookingState(value))
    }
}

/// A column value that names no booking (or waiting) state.
#[derive(Debug, thiserror::Error)]
#[error("unknown booking state {0:?}")]
pub struct UnknownBookingState(pub String);

impl TryFrom<String> for BookingState {
    type Error = UnknownBookingState;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        BookingState::parse(&value).ok_or(UnknownBookingState(value))
    }
}

/// Why a booking, a move or a cancellation is refused. Each is said at the session choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum BookingProblem {
    #[error("no session chosen")]
    NoSessionChosen,
    #[error("no such session of this exam")]
    UnknownSession,
    #[error("the session is cancelled")]
    SessionCancelled,
    #[error("the session is full")]
    SessionFull,
    #[error("booking has not opened yet")]
    NotOpenYet,
    #[error("booking has closed")]
    Closed,
    #[error("the session has started or is too close to change")]
    TooLate,
    #[error("the application does not allow booking now")]
    NotBookable,
    #[error("the exam is not required of this application")]
    NotRequired,
    #[error("the exam is booked already")]
    AlreadyBooked,
    #[error("no booking to change")]
    NotBooked,
    #[error("the booking is already for this session")]
    SameSession,
    #[error("the booking has been moved as many times as allowed")]
    TooManyMoves,
    #[error("the session has seats left: book it")]
    NotFull,
    #[error("already waiting for a seat in this exam")]
    AlreadyWaiting,
    #[error("not waiting for a seat")]
    NotWaiting,
    #[error("no seat is offered, or the offer has run out")]
    NoOffer,
}

impl BookingProblem {
    /// The Fluent id of its message.
    pub fn message_id(self) -> &'static str {
        match self {
            BookingProblem::NoSessionChosen => "exam-error-no-session",
            BookingProblem::UnknownSession => "exam-error-unknown-session",
            BookingProblem::SessionCancelled => "exam-error-session-cancelled",
            BookingProblem::SessionFull => "exam-error-session-full",
            BookingProblem::NotOpenYet => "exam-error-not-open",
            BookingProblem::Closed => "exam-error-closed",
            BookingProblem::TooLate => "exam-error-too-late",
            BookingProblem::NotBookable => "exam-error-not-bookable",
            BookingProblem::NotRequired => "exam-error-not-required",
            BookingProblem::AlreadyBooked => "exam-error-already-booked",
            BookingProblem::NotBooked => "exam-error-not-booked",
            BookingProblem::SameSession => "exam-error-same-session",
            BookingProblem::TooManyMoves => "exam-error-too-many-moves",
            BookingProblem::NotFull => "exam-error-not-full",
            BookingProblem::AlreadyWaiting => "exam-error-already-waiting",
            BookingProblem::NotWaiting => "exam-error-not-waiting",
            BookingProblem::NoOffer => "exam-error-no-offer",
        }
    }
}

/// The counter of a session's seats: stable across versions of the cycle's definition.
pub fn seat_id(cycle: &str, programme: &str, exam: &str, session: &str) -> String {
    format!("{cycle}/{programme}/{exam}/{session}")
}

/// When a session starts and ends, UTC.
pub fn session_times(
    exam: &ExamDef,
    session: &SessionDef,
) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let starts = warsaw_time(session.starts.get_ref())?;
    let length = chrono::Duration::minutes(i64::from(*exam.duration_minutes.get_ref()));
    Some((starts, starts + length))
}

/// Whether an application in `status` may book (or change a booking of) this exam.
pub fn status_allows(exam: &ExamDef, status: ApplicationStatus) -> bool {
    use ApplicationStatus as S;
    match status {
        S::Submitted | S::UnderReview | S::NeedsCorrection | S::Complete => true,
        S::Draft => exam.book_after == BookAfter::Start,
        _ => false,
    }
}

/// The booking window, UTC (closing inclusive to the minute).
fn window(exam: &ExamDef) -> (Option<NaiveDateTime>, Option<NaiveDateTime>) {
    (
        warsaw_time(exam.booking_opens.get_ref()),
        warsaw_time(exam.booking_closes.get_ref()).map(|c| c + chrono::Duration::seconds(59)),
    )
}

/// Where the booking window stands at `now`.
pub fn window_problem(exam: &ExamDef, now: NaiveDateTime) -> Option<BookingProblem> {
    match window(exam) {
        (Some(opens), _) if now < opens => Some(BookingProblem::NotOpenYet),
        (_, Some(closes)) if now > closes => Some(BookingProblem::Closed),
        (None, _) | (_, None) => Some(BookingProblem::Closed),
        _ => None,
    }
}

/// Until when a booking of `session` may be cancelled or moved away from it.
pub fn change_deadline(exam: &ExamDef, session: &SessionDef) -> Option<NaiveDateTime> {
    let (starts, _) = session_times(exam, session)?;
    Some(starts - chrono::Duration::hours(i64::from(exam.change_until_hours)))
}

/// Whether a new seat in `session` may be taken at `now`: booking open, the session not
/// cancelled and not within the cut-off before it starts. (Seats left are the database's.)
pub fn may_take(
    exam: &ExamDef,
    session: &SessionDef,
    now: NaiveDateTime,
) -> Result<(), BookingProblem> {
    if session.cancelled {
        return Err(BookingProblem::SessionCancelled);
    }
    if let Some(problem) = window_problem(exam, now) {
        return Err(problem);
    }
    match change_deadline(exam, session) {
        Some(deadline) if now <= deadline => Ok(()),
        _ => Err(BookingProblem::TooLate),
    }
}

/// Until when a seat freed at `now` in `session` is held for the candidate offered it: the
/// exam's `offer_hours` later, but no later than the session's change deadline. None when it
/// is too late to offer it at all (the seat is simply free).
pub fn offer_deadline(
    exam: &ExamDef,
    session: &SessionDef,
    now: NaiveDateTime,
) -> Option<NaiveDateTime> {
    let deadline = change_deadline(exam, session)?;
    let until = (now + chrono::Duration::hours(i64::from(exam.offer_hours))).min(deadline);
    (until > now).then_some(until)
}

/// Whether the booking of `current` may be moved (at `now`, moved `moves` times so far).
pub fn may_move(
    exam: &ExamDef,
    current: &SessionDef,
    moves: i32,
    now: NaiveDateTime,
) -> Result<(), BookingProblem> {
    if moves >= i32::try_from(exam.max_moves).unwrap_or(i32::MAX) {
        return Err(BookingProblem::TooManyMoves);
    }
    may_cancel(exam, current, now)
}

/// Whether the booking of `current` may be cancelled at `now` (a cancelled session's booking
/// is cancelled by the office, not refused).
pub fn may_cancel(
    exam: &ExamDef,
    current: &SessionDef,
    now: NaiveDateTime,
) -> Result<(), BookingProblem> {
    if current.cancelled {
        return Ok(());
    }
    match change_deadline(exam, current) {
        Some(deadline) if now <= deadline => Ok(()),
        _ => Err(BookingProblem::TooLate),
    }
}

#[cfg(test)]
mod tests;
