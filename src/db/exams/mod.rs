//! Exam and interview bookings and the seats they take. A seat is taken by one conditional
//! update on the session's count in the booking's own transaction, and the unique index on
//! (application, exam) among booked rows keeps one booking per exam.

pub mod waits;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use std::collections::{HashMap, HashSet};

use super::schema::{applications, exam_bookings, exam_scores, exam_seats, profiles};
use super::DbConn;
use crate::domain::exams::scores::Attendance;
use crate::domain::exams::BookingState;
use crate::domain::ids::{ApplicationId, BookingId};
use crate::domain::points::Points;

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
    /// `present`, `absent` or `excused` once marked: see [`BookingRow::attendance`].
    #[diesel(column_name = attendance)]
    pub attendance_mark: Option<String>,
    pub attendance_by: Option<String>,
    pub attendance_at: Option<NaiveDateTime>,
    /// When its session starts as the candidate was last told (`YYYY-MM-DD HH:MM`, Warsaw).
    pub starts: Option<String>,
}

impl BookingRow {
    /// Whether the candidate came, once marked.
    pub fn attendance(&self) -> Option<Attendance> {
        self.attendance_mark.as_deref().and_then(Attendance::parse)
    }
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

/// Takes one seat of a session with `capacity` seats; false when it is full or the office
/// cancelled it.
pub fn take_seat(conn: &mut DbConn, seat: &str, capacity: u32) -> QueryResult<bool> {
    let capacity = i32::try_from(capacity).unwrap_or(i32::MAX);
    let updated = diesel::update(
        exam_seats::table
            .filter(exam_seats::id.eq(seat))
            .filter(exam_seats::taken.lt(capacity))
            .filter(exam_seats::cancelled_at.is_null()),
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

/// Marks a session cancelled by the office (`by`, or the definition when None); it takes no
/// seat from now on, and the seats its bookings held are gone with them. False when it was
/// cancelled already.
pub fn cancel_seat(
    conn: &mut DbConn,
    seat: &str,
    by: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        exam_seats::table
            .filter(exam_seats::id.eq(seat))
            .filter(exam_seats::cancelled_at.is_null()),
    )
    .set((
        exam_seats::cancelled_at.eq(now),
        exam_seats::cancelled_by.eq(by),
        exam_seats::taken.eq(0),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Which of `seats` the office cancelled.
pub fn cancelled_seats(conn: &mut DbConn, seats: &[String]) -> QueryResult<HashSet<String>> {
    exam_seats::table
        .filter(exam_seats::id.eq_any(seats))
        .filter(exam_seats::cancelled_at.is_not_null())
        .select(exam_seats::id)
        .load::<String>(conn)
        .map(|ids| ids.into_iter().collect())
}

/// A new booking of a session, or a new place on its waiting list: whose, of which exam and
/// session.
pub struct NewHold<'a> {
    pub id: &'a str,
    pub application_id: &'a ApplicationId,
    pub exam_key: &'a str,
    pub session_key: &'a str,
    pub seat_id: &'a str,
    pub now: NaiveDateTime,
}

/// Records a booking. A second active booking of the same exam is a unique violation.
pub fn insert(conn: &mut DbConn, b: &NewHold<'_>) -> QueryResult<()> {
    diesel::insert_into(exam_bookings::table)
        .values((
            exam_bookings::id.eq(b.id),
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

/// Moves a booked row to another session: its sequence goes up, and its count of moves when
/// the candidate moved it (`counted`; the office's moves on request do not count). False when
/// the row is no longer booked as it was read (someone else changed it first).
pub fn move_to(
    conn: &mut DbConn,
    booking: &BookingRow,
    (session_key, seat_id): (&str, &str),
    counted: bool,
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
        exam_bookings::moves.eq(booking.moves + i32::from(counted)),
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

/// Notes the start time the candidate was just told of the booking's session.
pub fn note_starts(conn: &mut DbConn, id: &BookingId, starts: &str) -> QueryResult<()> {
    diesel::update(exam_bookings::table.find(id.as_str()))
        .set(exam_bookings::starts.eq(starts))
        .execute(conn)
        .map(|_| ())
}

/// The bookings of a session whose candidates were told another start than `starts` (those
/// made before start times were noted are noted now, with nothing to tell).
pub fn told_otherwise(conn: &mut DbConn, seat: &str, starts: &str) -> QueryResult<Vec<BookingRow>> {
    diesel::update(
        exam_bookings::table
            .filter(exam_bookings::seat_id.eq(seat))
            .filter(exam_bookings::state.eq(BookingState::Booked.as_str()))
            .filter(exam_bookings::starts.is_null()),
    )
    .set(exam_bookings::starts.eq(starts))
    .execute(conn)?;
    exam_bookings::table
        .filter(exam_bookings::seat_id.eq(seat))
        .filter(exam_bookings::state.eq(BookingState::Booked.as_str()))
        .filter(exam_bookings::starts.ne(starts))
        .select(BookingRow::as_select())
        .load(conn)
}

/// Raises a booked row's sequence for an invitation that changes it in place (a new time);
/// false when it changed meanwhile.
pub fn raise_sequence(
    conn: &mut DbConn,
    booking: &BookingRow,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        exam_bookings::table
            .filter(exam_bookings::id.eq(booking.id.as_str()))
            .filter(exam_bookings::state.eq(BookingState::Booked.as_str()))
            .filter(exam_bookings::sequence.eq(booking.sequence)),
    )
    .set((
        exam_bookings::sequence.eq(booking.sequence + 1),
        exam_bookings::updated_at.eq(now),
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

// ---- at the session: attendance and scores ----

/// A booked candidate of a session, with what the attendance list shows of them.
#[derive(Debug, Clone)]
pub struct Attendee {
    pub booking: BookingRow,
    pub receipt_number: Option<String>,
    pub full_name: String,
    pub candidate_id: String,
    /// The candidate's profile answers (JSON), for their document number.
    pub profile_answers: String,
}

/// The candidates booked into the session whose seat counter is `seat_id`, by name.
pub fn attendees(conn: &mut DbConn, seat_id: &str) -> QueryResult<Vec<Attendee>> {
    type Row = (
        BookingRow,
        Option<String>,
        String,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = exam_bookings::table
        .inner_join(applications::table)
        .left_join(profiles::table.on(profiles::candidate_id.eq(applications::candidate_id)))
        .filter(exam_bookings::seat_id.eq(seat_id))
        .filter(exam_bookings::state.eq(BookingState::Booked.as_str()))
        .select((
            BookingRow::as_select(),
            applications::receipt_number,
            applications::candidate_id,
            profiles::full_name.nullable(),
            profiles::answers.nullable(),
        ))
        .load(conn)?;
    let mut attendees: Vec<Attendee> = rows
        .into_iter()
        .map(
            |(booking, receipt_number, candidate_id, full_name, answers)| Attendee {
                booking,
                receipt_number,
                full_name: full_name.unwrap_or_default(),
                candidate_id,
                profile_answers: answers.unwrap_or_default(),
            },
        )
        .collect();
    attendees.sort_by_cached_key(|a| (a.full_name.to_lowercase(), a.receipt_number.clone()));
    Ok(attendees)
}

/// Marks whether the candidate of a booked row came (`None` unmarks it).
pub fn mark(
    conn: &mut DbConn,
    booking: &BookingId,
    attendance: Option<Attendance>,
    by: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        exam_bookings::table
            .filter(exam_bookings::id.eq(booking.as_str()))
            .filter(exam_bookings::state.eq(BookingState::Booked.as_str())),
    )
    .set((
        exam_bookings::attendance.eq(attendance.map(Attendance::as_str)),
        exam_bookings::attendance_by.eq(by),
        exam_bookings::attendance_at.eq(now),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// One application's scores in one exam.
#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable)]
#[diesel(table_name = exam_scores)]
pub struct ScoreRow {
    pub application_id: String,
    pub exam_key: String,
    pub first_score: Option<i64>,
    pub first_by: Option<String>,
    pub second_score: Option<i64>,
    pub second_by: Option<String>,
    pub score: Option<i64>,
    pub updated_at: NaiveDateTime,
}

impl ScoreRow {
    pub fn first(&self) -> Option<Points> {
        self.first_score.map(Points::from_hundredths)
    }

    pub fn second(&self) -> Option<Points> {
        self.second_score.map(Points::from_hundredths)
    }
}

/// The scores given in `exam` to the applications `ids`, by application.
pub fn scores_in(
    conn: &mut DbConn,
    exam: &str,
    ids: &[String],
) -> QueryResult<HashMap<String, ScoreRow>> {
    let rows: Vec<ScoreRow> = exam_scores::table
        .filter(exam_scores::exam_key.eq(exam))
        .filter(exam_scores::application_id.eq_any(ids))
        .select(ScoreRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|r| (r.application_id.clone(), r))
        .collect())
}

/// Writes one application's scores in one exam (all three, as the service worked them out).
pub fn put_score(conn: &mut DbConn, row: &ScoreRow) -> QueryResult<()> {
    let values = (
        exam_scores::first_score.eq(row.first_score),
        exam_scores::first_by.eq(&row.first_by),
        exam_scores::second_score.eq(row.second_score),
        exam_scores::second_by.eq(&row.second_by),
        exam_scores::score.eq(row.score),
        exam_scores::updated_at.eq(row.updated_at),
    );
    let updated = diesel::update(
        exam_scores::table
            .filter(exam_scores::application_id.eq(&row.application_id))
            .filter(exam_scores::exam_key.eq(&row.exam_key)),
    )
    .set(values)
    .execute(conn)?;
    if updated == 0 {
        diesel::insert_into(exam_scores::table)
            .values((
                exam_scores::application_id.eq(&row.application_id),
                exam_scores::exam_key.eq(&row.exam_key),
                values,
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The scores that count, by application and exam, for the applications `ids` (what the
/// points formulas read as `exams`).
pub fn counted_scores(
    conn: &mut DbConn,
    ids: &[&str],
) -> QueryResult<HashMap<String, HashMap<String, f64>>> {
    let rows: Vec<(String, String, Option<i64>)> = exam_scores::table
        .filter(exam_scores::application_id.eq_any(ids))
        .filter(exam_scores::score.is_not_null())
        .select((
            exam_scores::application_id,
            exam_scores::exam_key,
            exam_scores::score,
        ))
        .load(conn)?;
    let mut by_app: HashMap<String, HashMap<String, f64>> = HashMap::new();
    for (app, exam, score) in rows {
        if let Some(score) = score {
            by_app
                .entry(app)
                .or_default()
                .insert(exam, score as f64 / 100.0);
        }
    }
    Ok(by_app)
}
