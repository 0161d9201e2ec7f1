//! The message outbox: every email (and later SMS) the system sends, written in the same
//! transaction as the change that caused it and delivered by the job queue.

use super::schema::outbox;
use super::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct OutboxRow {
    pub id: String,
    pub channel: String,
    pub recipient: String,
    pub user_id: Option<String>,
    pub template: String,
    pub locale: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub failed_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
    /// A file sent with the message (a calendar invitation): its name, media type and text.
    pub attachment_name: Option<String>,
    pub attachment_type: Option<String>,
    pub attachment_body: Option<String>,
}

#[derive(Debug, Insertable)]
#[diesel(table_name = outbox)]
pub struct NewOutboxMessage<'a> {
    pub id: &'a str,
    pub channel: &'a str,
    pub recipient: &'a str,
    pub user_id: Option<&'a str>,
    pub template: &'a str,
    pub locale: &'a str,
    pub subject: &'a str,
    pub body_text: &'a str,
    pub body_html: &'a str,
    pub created_at: NaiveDateTime,
    pub attachment_name: Option<&'a str>,
    pub attachment_type: Option<&'a str>,
    pub attachment_body: Option<&'a str>,
    pub application_id: Option<&'a str>,
    pub template_version: Option<&'a str>,
}

pub fn insert(conn: &mut DbConn, message: &NewOutboxMessage<'_>) -> QueryResult<()> {
    diesel::insert_into(outbox::table)
        .values(message)
        .execute(conn)
        .map(|_| ())
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<OutboxRow>> {
    outbox::table
        .find(id)
        .select(OutboxRow::as_select())
        .first(conn)
        .optional()
}

pub fn mark_sent(conn: &mut DbConn, id: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(outbox::table.find(id))
        .set((
            outbox::sent_at.eq(now),
            outbox::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn mark_attempt_failed(
    conn: &mut DbConn,
    id: &str,
    error: &str,
    dead: bool,
    now: NaiveDateTime,
) -> QueryResult<()> {
    let failed_at = dead.then_some(now);
    diesel::update(outbox::table.find(id))
        .set((
            outbox::last_error.eq(error),
            outbox::failed_at.eq(failed_at),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn recent(conn: &mut DbConn, limit: i64) -> QueryResult<Vec<OutboxRow>> {
    outbox::table
        .order(outbox::created_at.desc())
        .limit(limit)
        .select(OutboxRow::as_select())
        .load(conn)
}

pub fn count_unsent(conn: &mut DbConn) -> QueryResult<i64> {
    outbox::table
        .filter(outbox::sent_at.is_null())
        .filter(outbox::failed_at.is_null())
        .count()
        .get_result(conn)
}

/// One message as the application's timeline shows it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = outbox)]
pub struct SentRow {
    pub channel: String,
    pub template: String,
    pub template_version: Option<String>,
    pub locale: String,
    pub subject: String,
    pub created_at: NaiveDateTime,
    pub sent_at: Option<NaiveDateTime>,
    pub failed_at: Option<NaiveDateTime>,
    pub last_error: Option<String>,
}

/// The messages about one application, oldest first.
pub fn for_application(conn: &mut DbConn, application_id: &str) -> QueryResult<Vec<SentRow>> {
    outbox::table
        .filter(outbox::application_id.eq(application_id))
        .order(outbox::created_at.asc())
        .select(SentRow::as_select())
        .load(conn)
}
