//! The waiting list of a full session. A candidate joins it instead of booking; when a seat of
//! that session is given back (a cancellation, a move away, a withdrawal, an offer declined or
//! run out), [`free`] offers it to the first one waiting, by email, until the exam's
//! `offer_hours` later (never past the session's change deadline). The seat stays counted as
//! taken while it is offered, so nobody else takes it; taking it is a booking (or a move of the
//! candidate's booking) with no new seat to win.

use chrono::NaiveDateTime;

use super::{
    email, notice, reread, settle, tell, unique_as, Booked, ExamOfApplication, Refusal,
    ServiceConfig,
};
use crate::db::exams as rows;
use crate::db::exams::waits::{self as queue, WaitRow};
use crate::db::{self, write_tx, DbConn};
use crate::domain::exams::{self as rules, BookingProblem, WaitState};
use crate::domain::ids::{ApplicationId, BookingId};
use crate::domain::UserId;
use crate::notify::emails::EmailMessage;

/// Puts the application on the waiting list of `session`, which must be full and otherwise
/// bookable now.
pub fn join(
    conn: &mut DbConn,
    of: &ExamOfApplication,
    session: &str,
    candidate: &UserId,
    now: NaiveDateTime,
) -> anyhow::Result<Result<WaitRow, BookingProblem>> {
    let exam = &of.exam;
    let check = || -> Result<(), BookingProblem> {
        let wanted = of.takeable(session, now)?;
        if of.wait.is_some() {
            return Err(BookingProblem::AlreadyWaiting);
        }
        if let Some(booking) = &of.booking {
            if booking.session_key == session {
                return Err(BookingProblem::SameSession);
            }
            let current = exam
                .session(&booking.session_key)
                .ok_or(BookingProblem::UnknownSession)?;
            rules::may_move(exam, current, booking.moves, now)?;
        }
        if of.left(wanted) > 0 {
            return Err(BookingProblem::NotFull);
        }
        Ok(())
    };
    if let Err(problem) = check() {
        return Ok(Err(problem));
    }
    let seat = of.seat(session);
    rows::ensure_seat(conn, &seat)?;
    let app = of.application.row.id.clone();
    let id = db::new_id();
    let done = write_tx(conn, |conn| -> Result<WaitRow, Refusal> {
        queue::insert(conn, &of.hold(&id, (session, &seat), now))
            .map_err(unique_as(BookingProblem::AlreadyWaiting))?;
        db::audit::record(
            conn,
            Some(candidate.as_str()),
            "exam.waiting",
            app.as_str(),
            &format!("{} {session}", exam.key.get_ref()),
            now,
        )?;
        queue::active(conn, &app, exam.key.get_ref())?
            .ok_or_else(|| Refusal::Failed(anyhow::anyhow!("the wait {id} vanished")))
    });
    settle(done)
}

/// Takes the application off its waiting list; a seat offered to it passes to the next one.
pub fn leave(
    conn: &mut DbConn,
    config: &ServiceConfig,
    of: &ExamOfApplication,
    candidate: &UserId,
    now: NaiveDateTime,
) -> anyhow::Result<Result<(), BookingProblem>> {
    let app = of.application.row.id.clone();
    let exam = of.exam.key.get_ref();
    let done = write_tx(conn, |conn| -> Result<(), Refusal> {
        let wait =
            queue::active(conn, &app, exam)?.ok_or(Refusal::Problem(BookingProblem::NotWaiting))?;
        end(conn, config, &wait, WaitState::Left, now)?;
        db::audit::record(
            conn,
            Some(candidate.as_str()),
            "exam.left_waiting",
            app.as_str(),
            &format!("{exam} {}", wait.session_key),
            now,
        )?;
        Ok(())
    });
    settle(done)
}

/// Ends a wait as `to`; the seat it held, if offered, goes to the next one waiting.
fn end(
    conn: &mut DbConn,
    config: &ServiceConfig,
    wait: &WaitRow,
    to: WaitState,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    if queue::settle(conn, wait, to, now)? && wait.state == WaitState::Offered {
        free(conn, config, &wait.seat_id, now)?;
    }
    Ok(())
}

/// Takes the seat offered to the application: a booking of the session, or a move of the
/// booking it has there.
pub fn accept(
    conn: &mut DbConn,
    config: &ServiceConfig,
    of: &ExamOfApplication,
    candidate: &UserId,
    now: NaiveDateTime,
) -> anyhow::Result<Result<Booked, BookingProblem>> {
    let exam = &of.exam;
    let app = of.application.row.id.clone();
    let done = write_tx(conn, |conn| -> Result<Booked, Refusal> {
        let wait = queue::active(conn, &app, exam.key.get_ref())?
            .filter(|w| w.state == WaitState::Offered)
            .filter(|w| w.offered_until.is_some_and(|until| now <= until))
            .ok_or(Refusal::Problem(BookingProblem::NoOffer))?;
        let session = exam
            .session(&wait.session_key)
            .filter(|s| !s.cancelled)
            .ok_or(Refusal::Problem(BookingProblem::SessionCancelled))?;
        let outcome = match rows::active(conn, &app, exam.key.get_ref())? {
            Some(booking) => {
                let from = exam
                    .session(&booking.session_key)
                    .ok_or(Refusal::Problem(BookingProblem::UnknownSession))?;
                rules::may_move(exam, from, booking.moves, now).map_err(Refusal::Problem)?;
                if !rows::move_to(
                    conn,
                    &booking,
                    (&wait.session_key, &wait.seat_id),
                    true,
                    now,
                )? {
                    return Err(Refusal::Problem(BookingProblem::NotBooked));
                }
                free(conn, config, &booking.seat_id, now)?;
                Booked::Moved {
                    from: booking.session_key.clone(),
                    booking: reread(conn, &booking.id)?,
                }
            }
            None => {
                let id = BookingId::new(db::new_id());
                let hold = of.hold(id.as_str(), (&wait.session_key, &wait.seat_id), now);
                rows::insert(conn, &hold).map_err(unique_as(BookingProblem::AlreadyBooked))?;
                Booked::Booked(reread(conn, &id)?)
            }
        };
        if !queue::settle(conn, &wait, WaitState::Accepted, now)? {
            return Err(Refusal::Problem(BookingProblem::NoOffer));
        }
        let booking = match &outcome {
            Booked::Booked(b) | Booked::Moved { booking: b, .. } => b,
        };
        tell(conn, config, of, booking, session, candidate, now)?;
        db::audit::record(
            conn,
            Some(candidate.as_str()),
            "exam.booked",
            app.as_str(),
            &format!(
                "{} {} from the waiting list",
                exam.key.get_ref(),
                wait.session_key
            ),
            now,
        )?;
        Ok(outcome)
    });
    settle(done)
}

/// Gives one seat of a session back: it is offered to the first one waiting who can still
/// take it, or freed when nobody can. Runs in the transaction that gave it back.
pub(super) fn free(
    conn: &mut DbConn,
    config: &ServiceConfig,
    seat: &str,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    while let Some((wait, candidate)) = queue::next_waiting(conn, seat)? {
        let candidate = UserId::from(candidate);
        let of = super::exam_of(
            conn,
            config,
            &wait.application_id,
            &candidate,
            &wait.exam_key,
        )?;
        let Some(of) = of.filter(|of| of.required && of.status_allows()) else {
            // The application no longer needs (or may not book) the exam.
            queue::settle(conn, &wait, WaitState::Left, now)?;
            continue;
        };
        let session = of.exam.session(&wait.session_key).filter(|s| !s.cancelled);
        let Some((session, until)) =
            session.and_then(|s| rules::offer_deadline(&of.exam, s, now).map(|until| (s, until)))
        else {
            // Too late to hold the seat for anyone: it is simply free.
            break;
        };
        if !queue::offer(conn, &wait.id, until, now)? {
            continue;
        }
        let user = db::users::find(conn, candidate.as_str())?
            .ok_or_else(|| anyhow::anyhow!("the account of {candidate}"))?;
        let mut offered = notice(config, &of, session, false, now);
        offered.change_until = Some(until);
        email(
            conn,
            config,
            (&user, &of),
            &EmailMessage::ExamSeatOffered(offered),
            Some(&format!("exam-offer:{}", wait.id)),
            None,
        )?;
        db::audit::record(
            conn,
            None,
            "exam.offered",
            wait.application_id.as_str(),
            &format!("{} {} until {until}", wait.exam_key, wait.session_key),
            now,
        )?;
        return Ok(());
    }
    rows::release_seat(conn, seat)?;
    Ok(())
}

/// Passes on the offers whose time ran out by `now`; returns how many.
pub fn lapse_due(
    conn: &mut DbConn,
    config: &ServiceConfig,
    now: NaiveDateTime,
) -> anyhow::Result<usize> {
    let mut lapsed = 0;
    for wait in queue::lapsed_offers(conn, now)? {
        write_tx(conn, |conn| {
            end(conn, config, &wait, WaitState::Lapsed, now)
        })?;
        lapsed += 1;
    }
    Ok(lapsed)
}

/// Ends every wait of an application leaving the procedure.
pub(super) fn leave_all(
    conn: &mut DbConn,
    config: &ServiceConfig,
    id: &ApplicationId,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    for wait in queue::of_application(conn, id)? {
        end(conn, config, &wait, WaitState::Left, now)?;
    }
    Ok(())
}

/// Closes a cancelled session's waiting list.
pub(super) fn close(conn: &mut DbConn, seat: &str, now: NaiveDateTime) -> anyhow::Result<()> {
    for wait in queue::of_seat(conn, seat)? {
        queue::settle(conn, &wait, WaitState::Left, now)?;
    }
    Ok(())
}
