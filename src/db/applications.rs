//! Candidate profiles, applications and their status history. Every read of a candidate-owned
//! row takes the owner's id too, so an id changed in a URL finds nothing. Functions open no
//! transaction; `services::applications` owns it.

use super::schema::{application_events, applications, profiles, users};
use super::DbConn;
use crate::domain::history::HistoryEntry;
use crate::domain::ids::{ApplicationId, CycleVersionId, ProgrammeCode};
use crate::domain::status::ApplicationStatus;
use crate::domain::UserId;
use chrono::NaiveDateTime;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = profiles)]
pub struct ProfileRow {
    pub candidate_id: String,
    pub answers: String,
    pub saved_steps: String,
    pub full_name: String,
    pub citizenship: String,
    pub updated_at: NaiveDateTime,
}

pub fn profile(conn: &mut DbConn, candidate_id: &str) -> QueryResult<Option<ProfileRow>> {
    profiles::table
        .find(candidate_id)
        .select(ProfileRow::as_select())
        .first(conn)
        .optional()
}

/// Creates an empty profile unless one exists. Run on its own, outside a transaction: a
/// concurrent creation makes this insert fail, which is fine (PostgreSQL would abort an
/// enclosing transaction).
pub fn ensure_profile(
    conn: &mut DbConn,
    candidate_id: &str,
    now: NaiveDateTime,
) -> QueryResult<()> {
    if profile(conn, candidate_id)?.is_some() {
        return Ok(());
    }
    let inserted = diesel::insert_into(profiles::table)
        .values((
            profiles::candidate_id.eq(candidate_id),
            profiles::answers.eq("{}"),
            profiles::saved_steps.eq("[]"),
            profiles::full_name.eq(""),
            profiles::citizenship.eq(""),
            profiles::updated_at.eq(now),
        ))
        .execute(conn);
    match inserted {
        Err(e) if super::is_unique_violation(&e) => Ok(()),
        other => other.map(|_| ()),
    }
}

pub struct ProfileUpdate<'a> {
    pub answers: &'a str,
    pub saved_steps: &'a str,
    pub full_name: &'a str,
    pub citizenship: &'a str,
    pub now: NaiveDateTime,
}

pub fn update_profile(
    conn: &mut DbConn,
    candidate_id: &str,
    update: &ProfileUpdate<'_>,
) -> QueryResult<usize> {
    diesel::update(profiles::table.find(candidate_id))
        .set((
            profiles::answers.eq(update.answers),
            profiles::saved_steps.eq(update.saved_steps),
            profiles::full_name.eq(update.full_name),
            profiles::citizenship.eq(update.citizenship),
            profiles::updated_at.eq(update.now),
        ))
        .execute(conn)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = applications)]
pub struct ApplicationRow {
    #[diesel(deserialize_as = String)]
    pub id: ApplicationId,
    #[diesel(deserialize_as = String)]
    pub candidate_id: UserId,
    pub cycle_code: String,
    #[diesel(deserialize_as = String)]
    pub program_code: ProgrammeCode,
    #[diesel(deserialize_as = String)]
    pub cycle_version_id: CycleVersionId,
    #[diesel(deserialize_as = String)]
    pub status: ApplicationStatus,
    pub answers: String,
    pub saved_steps: String,
    pub receipt_number: Option<String>,
    pub submitted_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    pub updated_at: NaiveDateTime,
}

impl ApplicationRow {
    /// How the candidate and the office name this application: its receipt number once
    /// submitted, its id before.
    pub fn reference(&self) -> String {
        self.receipt_number
            .clone()
            .unwrap_or_else(|| self.id.to_string())
    }
}

pub struct NewApplication<'a> {
    pub id: &'a ApplicationId,
    pub candidate_id: &'a str,
    pub cycle_code: &'a str,
    pub program_code: &'a str,
    pub cycle_version_id: &'a str,
    pub status: ApplicationStatus,
    pub now: NaiveDateTime,
}

/// Inserts an application; false when the candidate already has one for this programme in this
/// cycle (the unique constraint decides, so two clicks at once make one application).
pub fn insert_application(conn: &mut DbConn, a: &NewApplication<'_>) -> QueryResult<bool> {
    let inserted = diesel::insert_into(applications::table)
        .values((
            applications::id.eq(a.id.as_str()),
            applications::candidate_id.eq(a.candidate_id),
            applications::cycle_code.eq(a.cycle_code),
            applications::program_code.eq(a.program_code),
            applications::cycle_version_id.eq(a.cycle_version_id),
            applications::status.eq(a.status.as_str()),
            applications::answers.eq("{}"),
            applications::saved_steps.eq("[]"),
            applications::created_at.eq(a.now),
            applications::updated_at.eq(a.now),
        ))
        .execute(conn);
    match inserted {
        Ok(_) => Ok(true),
        Err(e) if super::is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

/// The candidate's application `id`, or None (also when it belongs to someone else).
pub fn find_owned(
    conn: &mut DbConn,
    id: &ApplicationId,
    owner: &UserId,
) -> QueryResult<Option<ApplicationRow>> {
    applications::table
        .find(id.as_str())
        .filter(applications::candidate_id.eq(owner.as_str()))
        .select(ApplicationRow::as_select())
        .first(conn)
        .optional()
}

/// Any candidate's application `id`: for staff, and for tests.
pub fn find(conn: &mut DbConn, id: &ApplicationId) -> QueryResult<Option<ApplicationRow>> {
    applications::table
        .find(id.as_str())
        .select(ApplicationRow::as_select())
        .first(conn)
        .optional()
}

pub fn find_by_program(
    conn: &mut DbConn,
    owner: &UserId,
    cycle_code: &str,
    program: &ProgrammeCode,
) -> QueryResult<Option<ApplicationRow>> {
    applications::table
        .filter(applications::candidate_id.eq(owner.as_str()))
        .filter(applications::cycle_code.eq(cycle_code))
        .filter(applications::program_code.eq(program.as_str()))
        .select(ApplicationRow::as_select())
        .first(conn)
        .optional()
}

pub fn for_candidate(conn: &mut DbConn, owner: &UserId) -> QueryResult<Vec<ApplicationRow>> {
    applications::table
        .filter(applications::candidate_id.eq(owner.as_str()))
        .order(applications::created_at.asc())
        .select(ApplicationRow::as_select())
        .load(conn)
}

/// Saves an application's answers while it is still in one of `editable` statuses.
pub fn update_answers(
    conn: &mut DbConn,
    id: &ApplicationId,
    owner: &UserId,
    editable: &[ApplicationStatus],
    answers: &str,
    saved_steps: &str,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        applications::table
            .find(id.as_str())
            .filter(applications::candidate_id.eq(owner.as_str()))
            .filter(applications::status.eq_any(names(editable))),
    )
    .set((
        applications::answers.eq(answers),
        applications::saved_steps.eq(saved_steps),
        applications::updated_at.eq(now),
    ))
    .execute(conn)
}

fn names(statuses: &[ApplicationStatus]) -> Vec<&'static str> {
    statuses.iter().map(|s| s.as_str()).collect()
}

/// A status change as one conditional statement.
pub struct StatusChange<'a> {
    pub id: &'a ApplicationId,
    pub from: ApplicationStatus,
    pub to: ApplicationStatus,
    /// Given with the first submission: the receipt, stored with the submission time (only
    /// while the application has none).
    pub receipt: Option<&'a str>,
    pub now: NaiveDateTime,
}

/// Moves an application from `from` to `to` in one conditional statement: of several
/// concurrent attempts exactly one changes the row (returns 1), the others get 0.
pub fn transition(conn: &mut DbConn, change: &StatusChange<'_>) -> QueryResult<usize> {
    let target = applications::table
        .find(change.id.as_str())
        .filter(applications::status.eq(change.from.as_str()));
    match change.receipt {
        None => diesel::update(target)
            .set((
                applications::status.eq(change.to.as_str()),
                applications::updated_at.eq(change.now),
            ))
            .execute(conn),
        Some(receipt) => diesel::update(target.filter(applications::receipt_number.is_null()))
            .set((
                applications::status.eq(change.to.as_str()),
                applications::receipt_number.eq(receipt),
                applications::submitted_at.eq(change.now),
                applications::updated_at.eq(change.now),
            ))
            .execute(conn),
    }
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = application_events)]
struct EventRow {
    at: NaiveDateTime,
    from_status: Option<String>,
    #[diesel(deserialize_as = String)]
    to_status: ApplicationStatus,
    actor_id: Option<String>,
    entry: String,
    args: String,
}

/// One line of an application's history.
#[derive(Debug, Clone)]
pub struct Event {
    pub at: NaiveDateTime,
    pub from: Option<ApplicationStatus>,
    pub to: ApplicationStatus,
    pub actor_id: Option<String>,
    /// `None` for an entry this version does not know.
    pub entry: Option<HistoryEntry>,
}

pub struct NewEvent<'a> {
    pub application_id: &'a ApplicationId,
    pub from: Option<ApplicationStatus>,
    pub to: ApplicationStatus,
    pub actor_id: Option<&'a str>,
    pub entry: &'a HistoryEntry,
    pub now: NaiveDateTime,
}

pub fn record_event(conn: &mut DbConn, event: &NewEvent<'_>) -> QueryResult<()> {
    diesel::insert_into(application_events::table)
        .values((
            application_events::id.eq(super::new_id()),
            application_events::application_id.eq(event.application_id.as_str()),
            application_events::at.eq(event.now),
            application_events::from_status.eq(event.from.map(|s| s.as_str())),
            application_events::to_status.eq(event.to.as_str()),
            application_events::actor_id.eq(event.actor_id),
            application_events::entry.eq(event.entry.key()),
            application_events::args.eq(event.entry.args_json()),
        ))
        .execute(conn)
        .map(|_| ())
}

pub fn events(conn: &mut DbConn, application_id: &ApplicationId) -> QueryResult<Vec<Event>> {
    let rows: Vec<EventRow> = application_events::table
        .filter(application_events::application_id.eq(application_id.as_str()))
        .order((application_events::at.asc(), application_events::id.asc()))
        .select(EventRow::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| Event {
            at: row.at,
            from: row
                .from_status
                .as_deref()
                .and_then(ApplicationStatus::parse),
            to: row.to_status,
            actor_id: row.actor_id,
            entry: HistoryEntry::from_stored(&row.entry, &row.args),
        })
        .collect())
}

/// Filters of the staff list; empty strings mean "any".
#[derive(Debug, Clone, Default)]
pub struct StaffFilter {
    pub program: String,
    pub status: Option<ApplicationStatus>,
    pub citizenship: String,
    /// Applications created on or after / before these days (inclusive / exclusive).
    pub from: Option<NaiveDateTime>,
    pub until: Option<NaiveDateTime>,
}

/// One line of the staff list.
#[derive(Debug, Clone, Queryable)]
pub struct StaffRow {
    pub id: String,
    pub program_code: String,
    #[diesel(deserialize_as = String)]
    pub status: ApplicationStatus,
    pub created_at: NaiveDateTime,
    pub submitted_at: Option<NaiveDateTime>,
    pub receipt_number: Option<String>,
    pub email: String,
    pub full_name: Option<String>,
    pub citizenship: Option<String>,
}

/// A page of applications matching `filter`, newest first, and the number of all matches.
pub fn staff_list(
    conn: &mut DbConn,
    filter: &StaffFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<StaffRow>, i64)> {
    let query = || {
        let mut query = applications::table
            .inner_join(users::table)
            .left_join(profiles::table.on(profiles::candidate_id.eq(applications::candidate_id)))
            .into_boxed();
        if !filter.program.is_empty() {
            query = query.filter(applications::program_code.eq(filter.program.clone()));
        }
        if let Some(status) = filter.status {
            query = query.filter(applications::status.eq(status.as_str()));
        }
        if !filter.citizenship.is_empty() {
            query = query.filter(profiles::citizenship.eq(filter.citizenship.clone()));
        }
        if let Some(from) = filter.from {
            query = query.filter(applications::created_at.ge(from));
        }
        if let Some(until) = filter.until {
            query = query.filter(applications::created_at.lt(until));
        }
        query
    };
    let total: i64 = query().count().get_result(conn)?;
    let rows = query()
        .order((applications::created_at.desc(), applications::id.asc()))
        .offset(offset)
        .limit(limit)
        .select((
            applications::id,
            applications::program_code,
            applications::status,
            applications::created_at,
            applications::submitted_at,
            applications::receipt_number,
            users::email,
            profiles::full_name.nullable(),
            profiles::citizenship.nullable(),
        ))
        .load(conn)?;
    Ok((rows, total))
}
