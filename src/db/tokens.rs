//! Single-use, expiring tokens (email verification, password reset, staff set-password).
//! The row is keyed by the SHA-256 of the token that was emailed.

use super::schema::tokens;
use super::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = tokens)]
pub struct TokenRow {
    pub id: String,
    pub user_id: String,
    pub purpose: String,
    pub created_at: NaiveDateTime,
    pub expires_at: NaiveDateTime,
    pub used_at: Option<NaiveDateTime>,
}

pub fn insert(
    conn: &mut DbConn,
    id_hash: &str,
    user_id: &str,
    purpose: &str,
    now: NaiveDateTime,
    expires_at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(tokens::table)
        .values((
            tokens::id.eq(id_hash),
            tokens::user_id.eq(user_id),
            tokens::purpose.eq(purpose),
            tokens::created_at.eq(now),
            tokens::expires_at.eq(expires_at),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConn, id_hash: &str, purpose: &str) -> QueryResult<Option<TokenRow>> {
    tokens::table
        .find(id_hash)
        .filter(tokens::purpose.eq(purpose))
        .select(TokenRow::as_select())
        .first(conn)
        .optional()
}

/// Marks the token used if it still was unused. Returns false when another request used it
/// first: the conditional update is what makes the token single-use under concurrency.
pub fn consume(conn: &mut DbConn, id_hash: &str, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        tokens::table
            .find(id_hash)
            .filter(tokens::used_at.is_null()),
    )
    .set(tokens::used_at.eq(now))
    .execute(conn)
    .map(|n| n == 1)
}

/// Voids the unused tokens of one purpose for a user (a newer link replaces older ones).
pub fn void_unused(
    conn: &mut DbConn,
    user_id: &str,
    purpose: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        tokens::table
            .filter(tokens::user_id.eq(user_id))
            .filter(tokens::purpose.eq(purpose))
            .filter(tokens::used_at.is_null()),
    )
    .set(tokens::used_at.eq(now))
    .execute(conn)
}
