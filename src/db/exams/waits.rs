//! The waiting lists of full sessions. A candidate joins one session's list per exam; when a
//! seat of that session frees, the first one waiting is offered it, and the seat stays counted
//! as taken until they take it, decline it or the offer runs out.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::super::schema::{applications, exam_waits};
use super::super::DbConn;
use crate::domain::exams::WaitState;
use crate::domain::ids::ApplicationId;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = exam_waits)]
pub struct WaitRow {
    pub id: String,
    #[diesel(deserialize_as = String)]
    pub application_id: ApplicationId,
    pub exam_key: String,
    pub session_key: String,
    pub seat_id: String,
    #[diesel(deserialize_as = String)]
    pub state: WaitState,
    pub joined_at: NaiveDateTime,
    pub offered_until: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

fn active_states() -> [&'static str; 2] {
    WaitState::ACTIVE.map(WaitState::as_str)
}

/// Puts an application on a session's list. A second active wait for the same exam is a
/// unique violation.
pub fn insert(conn: &mut DbConn, w: &super::NewHold<'_>) -> QueryResult<()> {
    diesel::insert_into(exam_waits::table)
        .values((
            exam_waits::id.eq(w.id),
            exam_waits::application_id.eq(w.application_id.as_str()),
            exam_waits::exam_key.eq(w.exam_key),
            exam_waits::session_key.eq(w.session_key),
            exam_waits::seat_id.eq(w.seat_id),
            exam_waits::state.eq(WaitState::Waiting.as_str()),
            exam_waits::joined_at.eq(w.now),
            exam_waits::updated_at.eq(w.now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The application's wait (waiting or offered) for one exam.
pub fn active(conn: &mut DbConn, id: &ApplicationId, exam: &str) -> QueryResult<Option<WaitRow>> {
    exam_waits::table
        .filter(exam_waits::application_id.eq(id.as_str()))
        .filter(exam_waits::exam_key.eq(exam))
        .filter(exam_waits::state.eq_any(active_states()))
        .select(WaitRow::as_select())
        .first(conn)
        .optional()
}

/// The application's active waits, every exam.
pub fn of_application(conn: &mut DbConn, id: &ApplicationId) -> QueryResult<Vec<WaitRow>> {
    exam_waits::table
        .filter(exam_waits::application_id.eq(id.as_str()))
        .filter(exam_waits::state.eq_any(active_states()))
        .select(WaitRow::as_select())
        .load(conn)
}

/// The active waits of a session, first come first.
pub fn of_seat(conn: &mut DbConn, seat: &str) -> QueryResult<Vec<WaitRow>> {
    exam_waits::table
        .filter(exam_waits::seat_id.eq(seat))
        .filter(exam_waits::state.eq_any(active_states()))
        .order((exam_waits::joined_at.asc(), exam_waits::id.asc()))
        .select(WaitRow::as_select())
        .load(conn)
}

/// The first one still waiting for a seat of the session, with their candidate's id.
pub fn next_waiting(conn: &mut DbConn, seat: &str) -> QueryResult<Option<(WaitRow, String)>> {
    exam_waits::table
        .inner_join(applications::table)
        .filter(exam_waits::seat_id.eq(seat))
        .filter(exam_waits::state.eq(WaitState::Waiting.as_str()))
        .order((exam_waits::joined_at.asc(), exam_waits::id.asc()))
        .select((WaitRow::as_select(), applications::candidate_id))
        .first(conn)
        .optional()
}

/// How many wait for the session ahead of `wait`, plus one: its place in the queue.
pub fn position(conn: &mut DbConn, wait: &WaitRow) -> QueryResult<i64> {
    exam_waits::table
        .filter(exam_waits::seat_id.eq(&wait.seat_id))
        .filter(exam_waits::state.eq(WaitState::Waiting.as_str()))
        .filter(
            exam_waits::joined_at
                .lt(wait.joined_at)
                .or(exam_waits::joined_at
                    .eq(wait.joined_at)
                    .and(exam_waits::id.lt(&wait.id))),
        )
        .count()
        .get_result::<i64>(conn)
        .map(|ahead| ahead + 1)
}

/// Offers the held seat to a waiting row until `until`; false when it was not waiting any more.
pub fn offer(
    conn: &mut DbConn,
    id: &str,
    until: NaiveDateTime,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        exam_waits::table
            .filter(exam_waits::id.eq(id))
            .filter(exam_waits::state.eq(WaitState::Waiting.as_str())),
    )
    .set((
        exam_waits::state.eq(WaitState::Offered.as_str()),
        exam_waits::offered_until.eq(until),
        exam_waits::updated_at.eq(now),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Moves a row from the state it was read in to `to`; false when someone changed it first.
pub fn settle(
    conn: &mut DbConn,
    wait: &WaitRow,
    to: WaitState,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        exam_waits::table
            .filter(exam_waits::id.eq(&wait.id))
            .filter(exam_waits::state.eq(wait.state.as_str())),
    )
    .set((
        exam_waits::state.eq(to.as_str()),
        exam_waits::updated_at.eq(now),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

/// Offers whose deadline passed before `now`.
pub fn lapsed_offers(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<Vec<WaitRow>> {
    exam_waits::table
        .filter(exam_waits::state.eq(WaitState::Offered.as_str()))
        .filter(exam_waits::offered_until.lt(now))
        .order(exam_waits::offered_until.asc())
        .select(WaitRow::as_select())
        .load(conn)
}
