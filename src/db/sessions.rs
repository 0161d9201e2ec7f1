//! Server-side session rows. The browser holds a random token; the row is keyed by its SHA-256,
//! so a database leak does not leak usable cookies. Any app instance can read or revoke a row.

use super::schema::sessions;
use super::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: String,
    pub user_id: String,
    pub created_at: NaiveDateTime,
    pub last_seen_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub revoked_at: Option<NaiveDateTime>,
    /// What the session keeps besides its user: a JSON object of JSON-encoded values.
    pub state: String,
}

/// A new session row.
pub struct NewSession<'a> {
    pub id_hash: &'a str,
    pub user_id: &'a str,
    pub state: &'a str,
    pub now: NaiveDateTime,
    pub expires_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, new: &NewSession<'_>) -> QueryResult<()> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(new.id_hash),
            sessions::user_id.eq(new.user_id),
            sessions::created_at.eq(new.now),
            sessions::last_seen_at.eq(new.now),
            sessions::expires_at.eq(new.expires_at),
            sessions::state.eq(new.state),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Writes a live session's state (and counts the write as activity). False when the row is
/// gone, revoked or belongs to another user, so a revoked session is never brought back.
pub fn save_state(
    conn: &mut DbConn,
    id_hash: &str,
    user_id: &str,
    state: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        sessions::table
            .find(id_hash)
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null()),
    )
    .set((sessions::state.eq(state), sessions::last_seen_at.eq(now)))
    .execute(conn)
    .map(|n| n == 1)
}

pub fn find(conn: &mut DbConn, id_hash: &str) -> QueryResult<Option<SessionRow>> {
    sessions::table
        .find(id_hash)
        .select(SessionRow::as_select())
        .first(conn)
        .optional()
}

pub fn touch(conn: &mut DbConn, id_hash: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(sessions::table.find(id_hash))
        .set(sessions::last_seen_at.eq(now))
        .execute(conn)
        .map(|_| ())
}

pub fn revoke(conn: &mut DbConn, id_hash: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        sessions::table
            .find(id_hash)
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(now))
    .execute(conn)
    .map(|_| ())
}

/// Revokes every live session of a user; returns how many were revoked.
pub fn revoke_all_for_user(
    conn: &mut DbConn,
    user_id: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::revoked_at.is_null()),
    )
    .set(sessions::revoked_at.eq(now))
    .execute(conn)
}

/// Deletes rows that can no longer authenticate anyone.
pub fn delete_dead(conn: &mut DbConn, now: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(
        sessions::table.filter(
            sessions::expires_at
                .lt(now)
                .or(sessions::revoked_at.is_not_null()),
        ),
    )
    .execute(conn)
}

/// The session row and its user, in one query (run on every page request).
pub fn find_with_user(
    conn: &mut DbConn,
    id_hash: &str,
) -> QueryResult<Option<(SessionRow, super::users::UserRow)>> {
    sessions::table
        .inner_join(super::schema::users::table)
        .filter(sessions::id.eq(id_hash))
        .select((SessionRow::as_select(), super::users::UserRow::as_select()))
        .first(conn)
        .optional()
}
