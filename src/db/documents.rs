//! Uploaded documents: every version of every upload, and the latest one per requirement for
//! the checklist. Functions open no transaction; `services::documents` owns it.

use super::schema::documents;
use super::DbConn;
use crate::domain::documents::{DocumentStatus, LatestDocument, Slot};
use crate::domain::ids::ApplicationId;
use crate::domain::UserId;
use chrono::NaiveDate;
use diesel::prelude::*;

fn names(statuses: &[DocumentStatus]) -> Vec<&'static str> {
    statuses.iter().map(|s| s.as_str()).collect()
}

#[derive(Queryable, Selectable)]
#[diesel(table_name = documents)]
struct LatestRow {
    requirement: String,
    #[diesel(deserialize_as = String)]
    status: DocumentStatus,
    file_name: String,
    review_note: Option<String>,
    correction_due: Option<NaiveDate>,
    original_received_on: Option<NaiveDate>,
}

/// The latest current upload for each requirement: the candidate's profile documents and those
/// of `application_id`. A paper original counts for its requirement whichever version it was
/// recorded on (a newer scan does not undo the post).
pub fn statuses(
    conn: &mut DbConn,
    owner: &UserId,
    application_id: &ApplicationId,
) -> QueryResult<Vec<LatestDocument>> {
    let rows: Vec<LatestRow> = documents::table
        .filter(documents::candidate_id.eq(owner.as_str()))
        .filter(
            documents::application_id
                .is_null()
                .or(documents::application_id.eq(application_id.as_str())),
        )
        .order((documents::requirement.asc(), documents::version.desc()))
        .select(LatestRow::as_select())
        .load(conn)?;
    let mut latest: Vec<LatestDocument> = Vec::new();
    for (requirement, versions) in rows
        .chunk_by(|a, b| a.requirement == b.requirement)
        .map(|versions| (&versions[0].requirement, versions))
    {
        let Some(current) = versions
            .iter()
            .find(|v| DocumentStatus::CURRENT.contains(&v.status))
        else {
            continue;
        };
        latest.push(LatestDocument {
            requirement: requirement.clone(),
            status: current.status,
            file_name: current.file_name.clone(),
            review_note: current.review_note.clone(),
            correction_due: current.correction_due,
            original_received_on: versions.iter().find_map(|v| v.original_received_on),
        });
    }
    Ok(latest)
}

/// A file in storage, to be recorded as a new version of its requirement.
pub struct NewDocument<'a> {
    pub slot: &'a Slot,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub storage_key: &'a str,
}

/// The versions in one slot.
fn in_slot(slot: &Slot) -> documents::BoxedQuery<'_, super::MultiBackend> {
    of_requirement(
        slot.candidate.as_str(),
        slot.application.as_ref().map(ApplicationId::as_str),
        slot.requirement.as_str(),
    )
}

/// Rows of one requirement: the candidate's profile document (`application_id` None) or that
/// application's.
fn of_requirement<'a>(
    owner: &'a str,
    application_id: Option<&'a str>,
    requirement: &'a str,
) -> documents::BoxedQuery<'a, super::MultiBackend> {
    let query = documents::table
        .filter(documents::candidate_id.eq(owner))
        .filter(documents::requirement.eq(requirement))
        .into_boxed();
    match application_id {
        Some(id) => query.filter(documents::application_id.eq(id)),
        None => query.filter(documents::application_id.is_null()),
    }
}

/// The status of the current upload for a requirement, if any.
pub fn current_status(conn: &mut DbConn, slot: &Slot) -> QueryResult<Option<DocumentStatus>> {
    let status: Option<String> = in_slot(slot)
        .filter(documents::status.eq_any(names(&DocumentStatus::CURRENT)))
        .order(documents::version.desc())
        .select(documents::status)
        .first(conn)
        .optional()?;
    Ok(status.as_deref().and_then(DocumentStatus::parse))
}

/// Stores a new version, marking earlier current ones `replaced`. Returns its version number.
pub fn insert_version(
    conn: &mut DbConn,
    id: &str,
    d: &NewDocument<'_>,
    now: chrono::NaiveDateTime,
) -> QueryResult<i32> {
    let latest: Option<i32> = in_slot(d.slot)
        .select(diesel::dsl::max(documents::version))
        .first(conn)?;
    let version = latest.unwrap_or(0) + 1;
    let ids: Vec<String> = in_slot(d.slot)
        .filter(documents::status.eq_any(names(&DocumentStatus::OPEN)))
        .select(documents::id)
        .load(conn)?;
    diesel::update(documents::table.filter(documents::id.eq_any(ids)))
        .set(documents::status.eq(DocumentStatus::Replaced.as_str()))
        .execute(conn)?;
    diesel::insert_into(documents::table)
        .values((
            documents::id.eq(id),
            documents::candidate_id.eq(d.slot.candidate.as_str()),
            documents::application_id.eq(d.slot.application.as_ref().map(ApplicationId::as_str)),
            documents::requirement.eq(d.slot.requirement.as_str()),
            documents::version.eq(version),
            documents::file_name.eq(d.file_name),
            documents::content_type.eq(d.content_type),
            documents::size_bytes.eq(d.size_bytes),
            documents::sha256.eq(d.sha256),
            documents::storage_key.eq(d.storage_key),
            documents::status.eq(DocumentStatus::Submitted.as_str()),
            documents::created_at.eq(now),
        ))
        .execute(conn)?;
    Ok(version)
}

/// Marks the current upload of a requirement deleted, unless it was accepted. Returns how many
/// rows changed (0 or 1).
pub fn delete_current(conn: &mut DbConn, slot: &Slot) -> QueryResult<usize> {
    let ids: Vec<String> = in_slot(slot)
        .filter(documents::status.eq_any(names(&DocumentStatus::OPEN)))
        .select(documents::id)
        .load(conn)?;
    diesel::update(documents::table.filter(documents::id.eq_any(ids)))
        .set(documents::status.eq(DocumentStatus::Deleted.as_str()))
        .execute(conn)
}

/// Bytes the candidate has stored (every version that is kept).
pub fn stored_bytes(conn: &mut DbConn, candidate_id: &str) -> QueryResult<i64> {
    // Summed by the database; the cast keeps one result type on both backends (PostgreSQL
    // sums BIGINT into NUMERIC).
    documents::table
        .filter(documents::candidate_id.eq(candidate_id))
        .select(diesel::dsl::sql::<diesel::sql_types::BigInt>(
            "CAST(COALESCE(SUM(size_bytes), 0) AS BIGINT)",
        ))
        .get_result(conn)
}

/// The current upload of a requirement: (file name, content type, storage key).
pub fn current_file(
    conn: &mut DbConn,
    slot: &Slot,
) -> QueryResult<Option<(String, String, String)>> {
    in_slot(slot)
        .filter(documents::status.eq_any(names(&DocumentStatus::CURRENT)))
        .order(documents::version.desc())
        .select((
            documents::file_name,
            documents::content_type,
            documents::storage_key,
        ))
        .first(conn)
        .optional()
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = documents)]
pub struct DocumentRow {
    pub id: String,
    pub candidate_id: String,
    pub application_id: Option<String>,
    pub requirement: String,
    pub version: i32,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    #[diesel(deserialize_as = String)]
    pub status: DocumentStatus,
    pub review_note: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<chrono::NaiveDateTime>,
    pub created_at: chrono::NaiveDateTime,
    pub correction_due: Option<NaiveDate>,
    pub original_received_on: Option<NaiveDate>,
    pub original_received_by: Option<String>,
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<DocumentRow>> {
    documents::table
        .find(id)
        .select(DocumentRow::as_select())
        .first(conn)
        .optional()
}

/// The current profile document `requirement` of each of `candidates` (waiting or accepted,
/// the newest version), by candidate.
pub fn current_profile_documents(
    conn: &mut DbConn,
    candidates: &[String],
    requirement: &str,
) -> QueryResult<std::collections::HashMap<String, DocumentRow>> {
    let rows: Vec<DocumentRow> = documents::table
        .filter(documents::candidate_id.eq_any(candidates))
        .filter(documents::application_id.is_null())
        .filter(documents::requirement.eq(requirement))
        .filter(documents::status.eq_any([
            DocumentStatus::Submitted.as_str(),
            DocumentStatus::Accepted.as_str(),
        ]))
        .order(documents::version.asc())
        .select(DocumentRow::as_select())
        .load(conn)?;
    // Ordered by version, so the newest of each candidate is kept.
    Ok(rows
        .into_iter()
        .map(|row| (row.candidate_id.clone(), row))
        .collect())
}

/// Every version of one requirement of a candidate (newest first), for the reviewer.
pub fn versions(conn: &mut DbConn, document: &DocumentRow) -> QueryResult<Vec<DocumentRow>> {
    of_requirement(
        &document.candidate_id,
        document.application_id.as_deref(),
        &document.requirement,
    )
    .order(documents::version.desc())
    .select(DocumentRow::as_select())
    .load(conn)
}

/// Filters of the verification queue; empty strings mean "any".
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub program: String,
    pub requirement: String,
    pub citizenship: String,
}

/// One document waiting for verification.
#[derive(Debug, Clone, Queryable)]
pub struct QueueRow {
    pub id: String,
    pub requirement: String,
    pub file_name: String,
    pub content_type: String,
    pub version: i32,
    pub created_at: chrono::NaiveDateTime,
    pub email: String,
    pub full_name: Option<String>,
    pub citizenship: Option<String>,
    pub program_code: Option<String>,
    /// The cycle version the document's application started on (None for profile documents).
    pub cycle_version_id: Option<String>,
}

/// Applies the queue's filters to a query over `documents` (alone or joined). Every condition
/// reads only `documents` columns and subqueries, so counting needs no joins.
macro_rules! waiting {
    ($query:expr, $filter:expr) => {{
        use super::schema::{applications, profiles};
        let filter: &QueueFilter = $filter;
        let mut query = $query
            .filter(documents::status.eq(DocumentStatus::Submitted.as_str()))
            .into_boxed();
        if !filter.requirement.is_empty() {
            query = query.filter(documents::requirement.eq(filter.requirement.clone()));
        }
        // Aliases: the subqueries stand apart from tables the list query joins.
        let (p, a) = diesel::alias!(profiles as p, applications as a);
        if !filter.citizenship.is_empty() {
            query = query.filter(
                documents::candidate_id.eq_any(
                    p.filter(
                        p.field(profiles::citizenship)
                            .eq(filter.citizenship.clone()),
                    )
                    .select(p.field(profiles::candidate_id)),
                ),
            );
        }
        if !filter.program.is_empty() {
            // The programme's own documents, and the profile documents of its candidates.
            let programme = || {
                a.filter(
                    a.field(applications::program_code)
                        .eq(filter.program.clone()),
                )
            };
            query = query.filter(
                documents::application_id
                    .eq_any(programme().select(a.field(applications::id).nullable()))
                    .or(documents::application_id.is_null().and(
                        documents::candidate_id
                            .eq_any(programme().select(a.field(applications::candidate_id))),
                    )),
            );
        }
        query
    }};
}

/// Documents waiting for verification, oldest first, and how many there are in all.
pub fn queue(
    conn: &mut DbConn,
    filter: &QueueFilter,
    offset: i64,
    limit: i64,
) -> QueryResult<(Vec<QueueRow>, i64)> {
    use super::schema::{applications, profiles, users};
    let total: i64 = waiting!(documents::table, filter)
        .count()
        .get_result(conn)?;
    let rows = waiting!(
        documents::table
            .inner_join(users::table.on(users::id.eq(documents::candidate_id)))
            .left_join(profiles::table.on(profiles::candidate_id.eq(documents::candidate_id)))
            .left_join(
                applications::table.on(applications::id.nullable().eq(documents::application_id)),
            ),
        filter
    )
    .order((documents::created_at.asc(), documents::id.asc()))
    .offset(offset)
    .limit(limit)
    .select((
        documents::id,
        documents::requirement,
        documents::file_name,
        documents::content_type,
        documents::version,
        documents::created_at,
        users::email,
        profiles::full_name.nullable(),
        profiles::citizenship.nullable(),
        applications::program_code.nullable(),
        applications::cycle_version_id.nullable(),
    ))
    .load(conn)?;
    Ok((rows, total))
}

/// Records a verifier's decision on a waiting document: one conditional statement, so two
/// reviewers cannot both decide (the second gets 0).
pub fn review(
    conn: &mut DbConn,
    id: &str,
    status: DocumentStatus,
    note: Option<&str>,
    correction_due: Option<NaiveDate>,
    reviewer: &str,
    now: chrono::NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        documents::table
            .find(id)
            .filter(documents::status.eq(DocumentStatus::Submitted.as_str())),
    )
    .set((
        documents::status.eq(status.as_str()),
        documents::review_note.eq(note),
        documents::correction_due.eq(correction_due),
        documents::reviewed_by.eq(reviewer),
        documents::reviewed_at.eq(now),
    ))
    .execute(conn)
}

/// Records that the paper original of a document arrived on `day`.
pub fn record_original(
    conn: &mut DbConn,
    id: &str,
    day: NaiveDate,
    by: &str,
) -> QueryResult<usize> {
    diesel::update(documents::table.find(id))
        .set((
            documents::original_received_on.eq(day),
            documents::original_received_by.eq(by),
        ))
        .execute(conn)
}
