//! Durable login-failure counters, shared by every app instance through the database.

use super::schema::login_failures;
use super::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Records an attempt that counts as failed until it is forgotten; returns its id.
pub fn record_failure(
    conn: &mut DbConn,
    scope: &str,
    subject: &str,
    now: NaiveDateTime,
) -> QueryResult<String> {
    let id = super::new_id();
    diesel::insert_into(login_failures::table)
        .values((
            login_failures::id.eq(&id),
            login_failures::scope.eq(scope),
            login_failures::subject.eq(subject),
            login_failures::failed_at.eq(now),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Forgets the attempts `ids` (they turned out right, or were refused without a check).
pub fn forget(conn: &mut DbConn, ids: &[String]) -> QueryResult<usize> {
    diesel::delete(login_failures::table.filter(login_failures::id.eq_any(ids))).execute(conn)
}

pub fn failures_since(
    conn: &mut DbConn,
    scope: &str,
    subject: &str,
    since: NaiveDateTime,
) -> QueryResult<i64> {
    login_failures::table
        .filter(login_failures::scope.eq(scope))
        .filter(login_failures::subject.eq(subject))
        .filter(login_failures::failed_at.gt(since))
        .count()
        .get_result(conn)
}

pub fn clear(conn: &mut DbConn, scope: &str, subject: &str) -> QueryResult<usize> {
    diesel::delete(
        login_failures::table
            .filter(login_failures::scope.eq(scope))
            .filter(login_failures::subject.eq(subject)),
    )
    .execute(conn)
}

pub fn delete_older_than(conn: &mut DbConn, before: NaiveDateTime) -> QueryResult<usize> {
    diesel::delete(login_failures::table.filter(login_failures::failed_at.lt(before))).execute(conn)
}
