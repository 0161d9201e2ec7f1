//! Exam and interview bookings and the seats they take. A seat is taken by one conditional
//! update on the session's count in the booking's own transaction, and the unique index on
//! (application, exam) among booked rows keeps one booking per exam.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::HashMap;

use super::schema::{exam_bookings, exam_seats};
use super::DbConn;
use crate::domain::exams::BookingState;
use crate::domain::ids::{ApplicationId, BookingId};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = exam_bookings)]
pub struct BookingRow {
    #[diesel(deserialize_as = String)]
    pub id: BookingId,
    #[diesel(deserialize_as = String)]
    pub application_id: ApplicationId,
    pub exam_key: String,
    pub session_key: String,
    pub seat_id: String,
    #[diesel(deserialize_as = String)]
    pub state: BookingState,
    pub sequence: i32,
    pub moves: i32,
    pub booked_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
    pub cancelled_at: Option<NaiveDateTime>,
}

/// Makes sure the seat counter of a session exists. Runs outside the booking's transaction: a
/// second instance creating the same counter at once is not an error.
pub fn ensure_seat(conn: &mut DbConn, seat: &str) -> QueryResult<()> {
    let exists = exam_seats::table
        .find(seat)
        .select(exam_seats::id)
        .first::<String>(conn)
        .optional()?
        .is_some();
    if exists {
        return Ok(());
    }
    match diesel::insert_into(exam_seats::table)
        .values((exam_seats::id.eq(seat), exam_seats::taken.eq(0)))
        .execute(conn)
    {
        Ok(_) => Ok(()),
        Err(e) if super::is_unique_violation(&e) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Takes one seat of a session with `capacity` seats; false when it is full.
pub fn take_seat(conn: &mut DbConn, seat: &str, capacity: u32) -> QueryResult<bool> {
    let capacity = i32::try_from(capacity).unwrap_or(i32::MAX);
    let updated = diesel::update(
        exam_seats::table
            .filter(exam_seats::id.eq(seat))
            .filter(exam_seats::taken.lt(capacity)),
    )
    .set(exam_seats::taken.eq(exam_seats::taken + 1))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Gives a seat back.
pub fn release_seat(conn: &mut DbConn, seat: &str) -> QueryResult<()> {
    diesel::update(
        exam_seats::table
            .filter(exam_seats::id.eq(seat))
            .filter(exam_seats::taken.gt(0)),
    )
    .set(exam_seats::taken.eq(exam_seats::taken - 1))
    .execute(conn)
    .map(|_| ())
}

/// Seats taken, by seat id (a session no one booked yet is absent).
pub fn taken(conn: &mut DbConn, seats: &[String]) -> QueryResult<HashMap<String, i32>> {
    exam_seats::table
        .filter(exam_seats::id.eq_any(seats))
        .select((exam_seats::id, exam_seats::taken))
        .load::<(String, i32)>(conn)
        .map(|rows| rows.into_iter().collect())
}

pub struct NewBooking<'a> {
    pub id: &'a BookingId,
    pub application_id: &'a ApplicationId,
    pub exam_key: &'a str,
    pub session_key: &'a str,
    pub seat_id: &'a str,
    pub now: NaiveDateTime,
}

/// Records a booking. A second active booking of the same exam is a unique violation.
pub fn insert(conn: &mut DbConn, b: &NewBooking<'_>) -> QueryResult<()> {
    diesel::insert_into(exam_bookings::table)
        .values((
            exam_bookings::id.eq(b.id.as_str()),
            exam_bookings::application_id.eq(b.application_id.as_str()),
            exam_bookings::exam_key.eq(b.exam_key),
            exam_bookings::session_key.eq(b.session_key),
            exam_bookings::seat_id.eq(b.seat_id),
            exam_bookings::state.eq(BookingState::Booked.as_str()),
            exam_bookings::sequence.eq(0),
            exam_bookings::moves.eq(0),
            exam_bookings::booked_at.eq(b.now),
            exam_bookings::updated_at.eq(b.now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The application's bookings, booked and cancelled, oldest first.
pub fn of_application(conn: &mut DbConn, id: &ApplicationId) -> QueryResult<Vec<BookingRow>> {
    exam_bookings::table
        .filter(exam_bookings::application_id.eq(id.as_str()))
        .order(exam_bookings::booked_at.asc())
        .select(BookingRow::as_select())
        .load(conn)
}

/// The application's booked session of one exam.
pub fn active(
    conn: &mut DbConn,
    id: &ApplicationId,
    exam: &str,
) -> QueryResult<Option<BookingRow>> {
    exam_bookings::table
        .filter(exam_bookings::application_id.eq(id.as_str()))
        .filter(exam_bookings::exam_key.eq(exam))
        .filter(exam_bookings::state.eq(BookingState::Booked.as_str()))
        .select(BookingRow::as_select())
        .first(conn)
        .optional()
}

/// Moves a booked row to another session: its sequence and its count of moves go up. False
/// when the row is no longer booked as `from` (someone else changed it first).
pub fn move_to(
    conn: &mut DbConn,
    booking: &BookingRow,
    session_key: &str,
    seat_id: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        exam_bookings::table
            .filter(exam_bookings::id.eq(booking.id.as_str()))
            .filter(exam_bookings::state.eq(BookingState::Booked.as_str()))
            .filter(exam_bookings::sequence.eq(booking.sequence)),
    )
    .set((
        exam_bookings::session_key.eq(session_key),
        exam_bookings::seat_id.eq(seat_id),
        exam_bookings::sequence.eq(booking.sequence + 1),
        exam_bookings::moves.eq(booking.moves + 1),
        exam_bookings::updated_at.eq(now),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Cancels a booked row; false when it was not booked any more.
pub fn cancel(conn: &mut DbConn, booking: &BookingRow, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        exam_bookings::table
            .filter(exam_bookings::id.eq(booking.id.as_str()))
            .filter(exam_bookings::state.eq(BookingState::Booked.as_str()))
            .filter(exam_bookings::sequence.eq(booking.sequence)),
    )
    .set((
        exam_bookings::state.eq(BookingState::Cancelled.as_str()),
        exam_bookings::sequence.eq(booking.sequence + 1),
        exam_bookings::updated_at.eq(now),
        exam_bookings::cancelled_at.eq(now),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

pub fn find(conn: &mut DbConn, id: &BookingId) -> QueryResult<Option<BookingRow>> {
    exam_bookings::table
        .find(id.as_str())
        .select(BookingRow::as_select())
        .first(conn)
        .optional()
}

/// Cancels every booked row of an application that leaves the procedure (withdrawn), giving
/// its seats back. Runs in the transaction of that change.
pub fn release_all(conn: &mut DbConn, id: &ApplicationId, now: NaiveDateTime) -> QueryResult<()> {
    for booking in of_application(conn, id)?
        .into_iter()
        .filter(|b| b.state == BookingState::Booked)
    {
        if cancel(conn, &booking, now)? {
            release_seat(conn, &booking.seat_id)?;
        }
    }
    Ok(())
}
