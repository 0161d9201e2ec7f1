//! User rows. Functions take `&mut DbConn` and open no transaction: the caller's service owns it.

use super::schema::users;
use super::DbConn;
use crate::domain::Locale;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub locale: Option<String>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub privacy_version: Option<String>,
    pub privacy_accepted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl UserRow {
    /// The language the user chose, or `fallback` when they chose none.
    pub fn locale_or(&self, fallback: Locale) -> Locale {
        self.locale
            .as_deref()
            .and_then(Locale::parse)
            .unwrap_or(fallback)
    }
}

#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub locale: Option<&'a str>,
    pub email_verified_at: Option<NaiveDateTime>,
    pub privacy_version: Option<&'a str>,
    pub privacy_accepted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

pub fn insert(conn: &mut DbConn, user: &NewUser<'_>) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(user)
        .execute(conn)
        .map(|_| ())
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .find(id)
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

pub fn set_password_hash(
    conn: &mut DbConn,
    id: &str,
    hash: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((users::password_hash.eq(hash), users::updated_at.eq(now)))
        .execute(conn)
        .map(|_| ())
}

/// Marks the address verified unless it already was (keeps the first verification time).
pub fn mark_verified(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(
        users::table
            .find(id)
            .filter(users::email_verified_at.is_null()),
    )
    .set((users::email_verified_at.eq(now), users::updated_at.eq(now)))
    .execute(conn)
    .map(|_| ())
}

pub fn set_locale(
    conn: &mut DbConn,
    id: &str,
    locale: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((users::locale.eq(locale), users::updated_at.eq(now)))
        .execute(conn)
        .map(|_| ())
}

pub fn set_role(conn: &mut DbConn, id: &str, role: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((users::role.eq(role), users::updated_at.eq(now)))
        .execute(conn)
        .map(|_| ())
}

/// Takes the user's row lock until the transaction ends (a write that changes nothing): on
/// PostgreSQL, transactions of one user that call this run one after another. SQLite's write
/// transactions already do.
pub fn lock(conn: &mut DbConn, id: &str) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::id.eq(users::id))
        .execute(conn)
        .map(|_| ())
}

pub fn count_by_role(conn: &mut DbConn, role: &str) -> QueryResult<i64> {
    users::table
        .filter(users::role.eq(role))
        .count()
        .get_result(conn)
}
