//! What the admissions office does to bookings: move a candidate to another session on their
//! request (the booking window, the cut-off and the limit of moves are the candidate's rules,
//! not the office's; the seat must still be free and the session ahead), and cancel a whole
//! session, telling every booked candidate and asking them to book another. Each candidate's
//! calendar gets the change, and everything is audited.

use chrono::NaiveDateTime;

use super::sessions::{every_session, seat, Sheet};
use super::{exam_of, reread, settle, tell, tell_as, waits, Refusal, ServiceConfig};
use crate::db::exams::{self as rows, BookingRow};
use crate::db::{self, write_tx, DbConn};
use crate::domain::cycle::model_exams::{ExamDef, SessionDef};
use crate::domain::cycle::Definition;
use crate::domain::exams::{self as rules, BookingProblem};
use crate::domain::UserId;
use crate::notify::emails::EmailMessage;

/// Moves the booking `booking` of the sheet's session to the session `to` of the same exam.
pub fn move_booking(
    conn: &mut DbConn,
    config: &ServiceConfig,
    sheet: &Sheet,
    booking: &str,
    to: &str,
    staff: &UserId,
    now: NaiveDateTime,
) -> anyhow::Result<Result<BookingRow, BookingProblem>> {
    let Some(row) = sheet
        .attendees
        .iter()
        .find(|r| r.attendee.booking.id.as_str() == booking)
    else {
        return Ok(Err(BookingProblem::NotBooked));
    };
    let attendee = &row.attendee;
    let candidate = UserId::from(attendee.candidate_id.clone());
    let app = attendee.booking.application_id.clone();
    let exam = sheet.exam.key.get_ref();
    let Some(of) = exam_of(conn, config, &app, &candidate, exam)? else {
        return Ok(Err(BookingProblem::NotBooked));
    };
    let check = || -> Result<&SessionDef, BookingProblem> {
        if to.is_empty() {
            return Err(BookingProblem::NoSessionChosen);
        }
        if to == sheet.session.key.get_ref() {
            return Err(BookingProblem::SameSession);
        }
        let target = of.exam.session(to).ok_or(BookingProblem::UnknownSession)?;
        if target.cancelled {
            return Err(BookingProblem::SessionCancelled);
        }
        match rules::session_times(&of.exam, target) {
            Some((starts, _)) if now < starts => Ok(target),
            _ => Err(BookingProblem::TooLate),
        }
    };
    let target = match check() {
        Ok(target) => target,
        Err(problem) => return Ok(Err(problem)),
    };
    let seat_to = of.seat(to);
    rows::ensure_seat(conn, &seat_to)?;
    let done = write_tx(conn, |conn| -> Result<BookingRow, Refusal> {
        let current = rows::find(conn, &attendee.booking.id)?
            .filter(|b| b.sequence == attendee.booking.sequence)
            .ok_or(Refusal::Problem(BookingProblem::NotBooked))?;
        if !rows::take_seat(conn, &seat_to, *target.capacity.get_ref())? {
            return Err(Refusal::Problem(BookingProblem::SessionFull));
        }
        if !rows::move_to(conn, &current, (to, &seat_to), false, now)? {
            return Err(Refusal::Problem(BookingProblem::NotBooked));
        }
        waits::free(conn, config, &current.seat_id, now)?;
        let moved = reread(conn, &current.id)?;
        tell(conn, config, &of, &moved, target, &candidate, now)?;
        db::audit::record(
            conn,
            Some(staff.as_str()),
            "exam.moved",
            app.as_str(),
            &format!("{exam} from {} to {to} by the office", current.session_key),
            now,
        )?;
        Ok(moved)
    });
    settle(done)
}

/// Cancels the sheet's session (by `staff`, or because the definition marks it cancelled when
/// None): it takes no more bookings, each booked candidate's booking is cancelled and they are
/// emailed to book another, and its waiting list is closed. Returns how many were told.
pub fn cancel_session(
    conn: &mut DbConn,
    config: &ServiceConfig,
    (cycle_code, sheet): (&str, &Sheet),
    staff: Option<&UserId>,
    now: NaiveDateTime,
) -> anyhow::Result<Result<usize, BookingProblem>> {
    let seat = seat(cycle_code, &sheet.programme, &sheet.exam, &sheet.session);
    rows::ensure_seat(conn, &seat)?;
    let exam = sheet.exam.key.get_ref();
    let session = sheet.session.key.get_ref();
    let by = staff.map(UserId::as_str);
    let done = write_tx(conn, |conn| -> Result<usize, Refusal> {
        if !rows::cancel_seat(conn, &seat, by, now)? {
            return Err(Refusal::Problem(BookingProblem::SessionCancelled));
        }
        let mut told = 0;
        for attendee in rows::attendees(conn, &seat)? {
            let booking = &attendee.booking;
            if !rows::cancel(conn, booking, now)? {
                continue;
            }
            let app = &booking.application_id;
            let candidate = UserId::from(attendee.candidate_id.clone());
            if let Some(of) = exam_of(conn, config, app, &candidate, exam)? {
                let cancelled = reread(conn, &booking.id)?;
                let def = of.exam.session(session).unwrap_or(&sheet.session);
                tell_as(
                    conn,
                    config,
                    &of,
                    (&cancelled, def),
                    EmailMessage::ExamSessionCancelled,
                    &candidate,
                    now,
                )?;
                told += 1;
            }
            db::audit::record(
                conn,
                by,
                "exam.session_cancelled",
                app.as_str(),
                &format!("{exam} {session}"),
                now,
            )?;
        }
        waits::close(conn, &seat, now)?;
        Ok(told)
    });
    settle(done)
}

/// Tells the candidates booked into a session whose start the definition changed since they
/// were told (a new version published): each gets an invitation with the new time, the same
/// UID and a higher SEQUENCE. Returns how many were told.
pub fn retime_changed(
    conn: &mut DbConn,
    config: &ServiceConfig,
    now: NaiveDateTime,
) -> anyhow::Result<usize> {
    let Some(cycle) = config.cycles.current(conn)? else {
        return Ok(0);
    };
    let mut told = 0;
    for (programme, exam, session) in every_session(&cycle.definition) {
        if session.cancelled {
            continue;
        }
        let id = seat(&cycle.cycle_code, programme, exam, session);
        for booking in rows::told_otherwise(conn, &id, session.starts.get_ref())? {
            told += usize::from(retime(conn, config, (exam, session), &booking, now)?);
        }
    }
    Ok(told)
}

/// Sends one booking of `session` its new time; false when it changed meanwhile.
fn retime(
    conn: &mut DbConn,
    config: &ServiceConfig,
    (exam, session): (&ExamDef, &SessionDef),
    booking: &BookingRow,
    now: NaiveDateTime,
) -> anyhow::Result<bool> {
    let app = &booking.application_id;
    let Some(candidate) = crate::db::applications::find(conn, app)?.map(|a| a.candidate_id) else {
        return Ok(false);
    };
    let Some(of) = exam_of(conn, config, app, &candidate, exam.key.get_ref())? else {
        return Ok(false);
    };
    write_tx(conn, |conn| -> anyhow::Result<bool> {
        if !rows::raise_sequence(conn, booking, now)? {
            return Ok(false);
        }
        let raised = rows::find(conn, &booking.id)?
            .ok_or_else(|| anyhow::anyhow!("booking {} vanished", booking.id))?;
        let wording = EmailMessage::ExamRescheduled;
        tell_as(
            conn,
            config,
            &of,
            (&raised, session),
            wording,
            &candidate,
            now,
        )?;
        let detail = format!(
            "{} {}: {} instead of {}",
            exam.key.get_ref(),
            session.key.get_ref(),
            session.starts.get_ref(),
            booking.starts.as_deref().unwrap_or_default()
        );
        db::audit::record(conn, None, "exam.rescheduled", app.as_str(), &detail, now)?;
        Ok(true)
    })
}

/// Cancels the bookings of sessions the current definition marks cancelled (a change published
/// after candidates booked them); returns how many candidates were told.
pub fn cancel_defined(
    conn: &mut DbConn,
    config: &ServiceConfig,
    now: NaiveDateTime,
) -> anyhow::Result<usize> {
    let Some(cycle) = config.cycles.current(conn)? else {
        return Ok(0);
    };
    let def: &Definition = &cycle.definition;
    let mut told = 0;
    for (programme, exam, session) in every_session(def) {
        if !session.cancelled {
            continue;
        }
        let id = seat(&cycle.cycle_code, programme, exam, session);
        let booked = rows::taken(conn, std::slice::from_ref(&id))?;
        let cancelled = rows::cancelled_seats(conn, std::slice::from_ref(&id))?;
        if booked.get(&id).copied().unwrap_or(0) == 0 || cancelled.contains(&id) {
            continue;
        }
        let at = (
            programme,
            exam.key.get_ref().as_str(),
            session.key.get_ref().as_str(),
        );
        let Some(sheet) = super::sessions::sheet(conn, &cycle.cycle_code, def, at)? else {
            continue;
        };
        if let Ok(n) = cancel_session(conn, config, (&cycle.cycle_code, &sheet), None, now)? {
            told += n;
        }
    }
    Ok(told)
}
