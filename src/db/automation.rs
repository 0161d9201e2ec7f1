//! What the automation engine keeps: how far each rule's time trigger was looked at (marks),
//! each firing (its id is the deduplication key), and the finders of the dates time triggers
//! count from. Functions open no transaction; `services::automation` owns it.

use super::schema::{
    applications, automation_firings, automation_marks, documents, exam_bookings, fee_orders,
};
use super::DbConn;
use crate::domain::documents::DocumentStatus;
use crate::domain::exams::BookingState;
use crate::domain::payments::FeeStatus;
use crate::domain::status::ApplicationStatus;
use chrono::NaiveDateTime;
use diesel::prelude::*;

/// Until when `rule` of `cycle` was looked at, if ever.
pub fn mark(conn: &mut DbConn, cycle: &str, rule: &str) -> QueryResult<Option<NaiveDateTime>> {
    automation_marks::table
        .filter(automation_marks::cycle_code.eq(cycle))
        .filter(automation_marks::rule_id.eq(rule))
        .select(automation_marks::checked_until)
        .first(conn)
        .optional()
}

/// Starts a rule's mark at `at`. Another worker starting it first is a unique violation.
pub fn start_mark(
    conn: &mut DbConn,
    cycle: &str,
    rule: &str,
    at: NaiveDateTime,
) -> QueryResult<()> {
    diesel::insert_into(automation_marks::table)
        .values((
            automation_marks::cycle_code.eq(cycle),
            automation_marks::rule_id.eq(rule),
            automation_marks::checked_until.eq(at),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Moves a rule's mark from `from` to `to`; of two workers looking at the same stretch only
/// one moves it (0 for the other).
pub fn advance_mark(
    conn: &mut DbConn,
    cycle: &str,
    rule: &str,
    from: NaiveDateTime,
    to: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        automation_marks::table
            .filter(automation_marks::cycle_code.eq(cycle))
            .filter(automation_marks::rule_id.eq(rule))
            .filter(automation_marks::checked_until.eq(from)),
    )
    .set(automation_marks::checked_until.eq(to))
    .execute(conn)
}

pub struct NewFiring<'a> {
    pub id: &'a str,
    pub cycle_code: &'a str,
    pub rule_id: &'a str,
    pub application_id: &'a str,
    pub occurrence: &'a str,
    pub due_at: NaiveDateTime,
}

pub fn firing_exists(conn: &mut DbConn, id: &str) -> QueryResult<bool> {
    let count: i64 = automation_firings::table
        .filter(automation_firings::id.eq(id))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Records a firing; the same one again is a unique violation.
pub fn insert_firing(conn: &mut DbConn, f: &NewFiring<'_>, now: NaiveDateTime) -> QueryResult<()> {
    diesel::insert_into(automation_firings::table)
        .values((
            automation_firings::id.eq(f.id),
            automation_firings::cycle_code.eq(f.cycle_code),
            automation_firings::rule_id.eq(f.rule_id),
            automation_firings::application_id.eq(f.application_id),
            automation_firings::occurrence.eq(f.occurrence),
            automation_firings::due_at.eq(f.due_at),
            automation_firings::created_at.eq(now),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Records what a firing's job did. Only the first outcome counts.
pub fn finish_firing(
    conn: &mut DbConn,
    id: &str,
    outcome: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        automation_firings::table
            .filter(automation_firings::id.eq(id))
            .filter(automation_firings::done_at.is_null()),
    )
    .set((
        automation_firings::done_at.eq(now),
        automation_firings::outcome.eq(outcome),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = automation_firings)]
pub struct FiringRow {
    pub id: String,
    pub cycle_code: String,
    pub rule_id: String,
    pub application_id: String,
    pub occurrence: String,
    pub due_at: NaiveDateTime,
    pub created_at: NaiveDateTime,
    pub done_at: Option<NaiveDateTime>,
    pub outcome: Option<String>,
}

/// The firings for one application, oldest first.
pub fn firings_of(conn: &mut DbConn, application_id: &str) -> QueryResult<Vec<FiringRow>> {
    automation_firings::table
        .filter(automation_firings::application_id.eq(application_id))
        .order(automation_firings::created_at.asc())
        .select(FiringRow::as_select())
        .load(conn)
}

/// How many times each rule of `cycle` fired, and how many of those acted.
pub fn counts(conn: &mut DbConn, cycle: &str) -> QueryResult<Vec<(String, Option<String>, i64)>> {
    automation_firings::table
        .filter(automation_firings::cycle_code.eq(cycle))
        .group_by((automation_firings::rule_id, automation_firings::outcome))
        .select((
            automation_firings::rule_id,
            automation_firings::outcome,
            diesel::dsl::count_star(),
        ))
        .load(conn)
}

/// An application a rule may concern, with its dates.
#[derive(Debug, Clone, Queryable)]
pub struct Concerned {
    pub id: String,
    pub created_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
}

fn status_names(statuses: &[ApplicationStatus]) -> Vec<&'static str> {
    statuses.iter().map(|s| s.as_str()).collect()
}

/// The applications of `cycle` in `statuses`.
pub fn applications_in(
    conn: &mut DbConn,
    cycle: &str,
    statuses: &[ApplicationStatus],
) -> QueryResult<Vec<Concerned>> {
    applications::table
        .filter(applications::cycle_code.eq(cycle))
        .filter(applications::status.eq_any(status_names(statuses)))
        .select((
            applications::id,
            applications::created_at,
            applications::submitted_at,
        ))
        .load(conn)
}

/// Documents rejected now (not replaced since) of the applications of `cycle` in `statuses`:
/// (application, document id, requirement, when it was rejected). A profile document counts
/// for each of its candidate's applications.
pub fn rejected_documents(
    conn: &mut DbConn,
    cycle: &str,
    statuses: &[ApplicationStatus],
) -> QueryResult<Vec<(String, String, String, NaiveDateTime)>> {
    let own: Vec<(String, String, String, Option<NaiveDateTime>)> = documents::table
        .inner_join(
            applications::table.on(documents::application_id.eq(applications::id.nullable())),
        )
        .filter(applications::cycle_code.eq(cycle))
        .filter(applications::status.eq_any(status_names(statuses)))
        .filter(documents::status.eq(DocumentStatus::Rejected.as_str()))
        .select((
            applications::id,
            documents::id,
            documents::requirement,
            documents::reviewed_at,
        ))
        .load(conn)?;
    let profile: Vec<(String, String, String, Option<NaiveDateTime>)> = documents::table
        .inner_join(applications::table.on(documents::candidate_id.eq(applications::candidate_id)))
        .filter(documents::application_id.is_null())
        .filter(applications::cycle_code.eq(cycle))
        .filter(applications::status.eq_any(status_names(statuses)))
        .filter(documents::status.eq(DocumentStatus::Rejected.as_str()))
        .select((
            applications::id,
            documents::id,
            documents::requirement,
            documents::reviewed_at,
        ))
        .load(conn)?;
    Ok(own
        .into_iter()
        .chain(profile)
        .filter_map(|(app, doc, requirement, at)| at.map(|at| (app, doc, requirement, at)))
        .collect())
}

/// A session booked now by an application.
#[derive(Debug, Clone, Queryable)]
pub struct BookedSession {
    pub application_id: String,
    pub booking_id: String,
    pub exam_key: String,
    /// As the last invitation gave it, Warsaw `YYYY-MM-DD HH:MM`.
    pub starts: Option<String>,
}

/// Sessions booked now by applications of `cycle` in `statuses`.
pub fn booked_sessions(
    conn: &mut DbConn,
    cycle: &str,
    statuses: &[ApplicationStatus],
) -> QueryResult<Vec<BookedSession>> {
    exam_bookings::table
        .inner_join(applications::table)
        .filter(applications::cycle_code.eq(cycle))
        .filter(applications::status.eq_any(status_names(statuses)))
        .filter(exam_bookings::state.eq(BookingState::Booked.as_str()))
        .select((
            applications::id,
            exam_bookings::id,
            exam_bookings::exam_key,
            exam_bookings::starts,
        ))
        .load(conn)
}

/// Whether an application fee of the application is still owed.
pub fn fee_due(conn: &mut DbConn, application_id: &str) -> QueryResult<bool> {
    let count: i64 = fee_orders::table
        .filter(fee_orders::application_id.eq(application_id))
        .filter(fee_orders::status.eq_any([FeeStatus::Due.as_str(), FeeStatus::Pending.as_str()]))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Documents of the application (and its candidate's profile) rejected now.
pub fn rejected_count(
    conn: &mut DbConn,
    application_id: &str,
    candidate_id: &str,
) -> QueryResult<i64> {
    documents::table
        .filter(documents::candidate_id.eq(candidate_id))
        .filter(
            documents::application_id
                .is_null()
                .or(documents::application_id.eq(application_id)),
        )
        .filter(documents::status.eq(DocumentStatus::Rejected.as_str()))
        .count()
        .get_result(conn)
}

/// Sessions the application has booked now.
pub fn booked_count(conn: &mut DbConn, application_id: &str) -> QueryResult<i64> {
    exam_bookings::table
        .filter(exam_bookings::application_id.eq(application_id))
        .filter(exam_bookings::state.eq(BookingState::Booked.as_str()))
        .count()
        .get_result(conn)
}
