//! Stored versions of the admission-cycle definition. Functions take `&mut DbConn` and open no
//! transaction; `services::cycles` owns it.

use super::schema::cycle_versions;
use super::DbConn;
use chrono::NaiveDateTime;
use diesel::prelude::*;

pub const STATE_PUBLISHED: &str = "published";
pub const STATE_SUPERSEDED: &str = "superseded";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = cycle_versions)]
pub struct CycleVersionRow {
    pub id: String,
    pub cycle_code: String,
    pub version: i32,
    pub state: String,
    pub files: String,
    pub created_at: NaiveDateTime,
    pub created_by: Option<String>,
    pub published_at: Option<NaiveDateTime>,
    pub published_by: Option<String>,
}

pub fn next_version(conn: &mut DbConn, cycle_code: &str) -> QueryResult<i32> {
    let max: Option<i32> = cycle_versions::table
        .filter(cycle_versions::cycle_code.eq(cycle_code))
        .select(diesel::dsl::max(cycle_versions::version))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

/// Marks the published versions of a cycle superseded (a newer one is about to be published).
pub fn supersede_published(conn: &mut DbConn, cycle_code: &str) -> QueryResult<usize> {
    diesel::update(
        cycle_versions::table
            .filter(cycle_versions::cycle_code.eq(cycle_code))
            .filter(cycle_versions::state.eq(STATE_PUBLISHED)),
    )
    .set(cycle_versions::state.eq(STATE_SUPERSEDED))
    .execute(conn)
}

pub struct NewVersion<'a> {
    pub id: &'a str,
    pub cycle_code: &'a str,
    pub version: i32,
    pub files: &'a str,
    pub by: Option<&'a str>,
    pub now: NaiveDateTime,
}

pub fn insert_published(conn: &mut DbConn, v: &NewVersion<'_>) -> QueryResult<()> {
    diesel::insert_into(cycle_versions::table)
        .values((
            cycle_versions::id.eq(v.id),
            cycle_versions::cycle_code.eq(v.cycle_code),
            cycle_versions::version.eq(v.version),
            cycle_versions::state.eq(STATE_PUBLISHED),
            cycle_versions::files.eq(v.files),
            cycle_versions::created_at.eq(v.now),
            cycle_versions::created_by.eq(v.by),
            cycle_versions::published_at.eq(v.now),
            cycle_versions::published_by.eq(v.by),
        ))
        .execute(conn)
        .map(|_| ())
}

/// The newest published version of any cycle (one install runs one current cycle).
pub fn current_published(conn: &mut DbConn) -> QueryResult<Option<CycleVersionRow>> {
    cycle_versions::table
        .filter(cycle_versions::state.eq(STATE_PUBLISHED))
        .order(cycle_versions::published_at.desc())
        .select(CycleVersionRow::as_select())
        .first(conn)
        .optional()
}

pub fn all(conn: &mut DbConn) -> QueryResult<Vec<CycleVersionRow>> {
    cycle_versions::table
        .order((
            cycle_versions::cycle_code.asc(),
            cycle_versions::version.asc(),
        ))
        .select(CycleVersionRow::as_select())
        .load(conn)
}

/// Id of the newest published version (checked on every preview request, so kept cheap).
pub fn current_published_id(conn: &mut DbConn) -> QueryResult<Option<String>> {
    cycle_versions::table
        .filter(cycle_versions::state.eq(STATE_PUBLISHED))
        .order(cycle_versions::published_at.desc())
        .select(cycle_versions::id)
        .first(conn)
        .optional()
}

pub const STATE_DRAFT: &str = "draft";
/// Drafts carry version 0 (one draft per cycle); they get a number when published.
pub const DRAFT_VERSION: i32 = 0;

/// The draft of a cycle being edited by staff, if any (at most one per cycle).
pub fn draft(conn: &mut DbConn, cycle_code: &str) -> QueryResult<Option<CycleVersionRow>> {
    cycle_versions::table
        .filter(cycle_versions::cycle_code.eq(cycle_code))
        .filter(cycle_versions::state.eq(STATE_DRAFT))
        .select(CycleVersionRow::as_select())
        .first(conn)
        .optional()
}

pub fn insert_draft(conn: &mut DbConn, v: &NewVersion<'_>) -> QueryResult<()> {
    diesel::insert_into(cycle_versions::table)
        .values((
            cycle_versions::id.eq(v.id),
            cycle_versions::cycle_code.eq(v.cycle_code),
            cycle_versions::version.eq(v.version),
            cycle_versions::state.eq(STATE_DRAFT),
            cycle_versions::files.eq(v.files),
            cycle_versions::created_at.eq(v.now),
            cycle_versions::created_by.eq(v.by),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Stores `files` in the draft `id` only if it still holds `expected` (a compare-and-swap: a
/// concurrent save makes this affect no row). Returns the number of rows updated.
pub fn update_draft_files_if(
    conn: &mut DbConn,
    id: &str,
    expected: &str,
    files: &str,
) -> QueryResult<usize> {
    diesel::update(
        cycle_versions::table
            .find(id)
            .filter(cycle_versions::state.eq(STATE_DRAFT))
            .filter(cycle_versions::files.eq(expected)),
    )
    .set(cycle_versions::files.eq(files))
    .execute(conn)
}

/// Deletes the draft `id` only if it still holds `expected` (a save made meanwhile keeps it).
pub fn delete_draft_if(conn: &mut DbConn, id: &str, expected: &str) -> QueryResult<usize> {
    diesel::delete(
        cycle_versions::table
            .find(id)
            .filter(cycle_versions::state.eq(STATE_DRAFT))
            .filter(cycle_versions::files.eq(expected)),
    )
    .execute(conn)
}

/// Turns the draft into the published version, only if it still holds `expected`. Returns
/// false if it was no longer a draft or was changed meanwhile.
pub fn publish_draft_if(
    conn: &mut DbConn,
    id: &str,
    expected: &str,
    version: i32,
    by: Option<&str>,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        cycle_versions::table
            .find(id)
            .filter(cycle_versions::state.eq(STATE_DRAFT))
            .filter(cycle_versions::files.eq(expected)),
    )
    .set((
        cycle_versions::state.eq(STATE_PUBLISHED),
        cycle_versions::version.eq(version),
        cycle_versions::published_at.eq(now),
        cycle_versions::published_by.eq(by),
    ))
    .execute(conn)
    .map(|n| n == 1)
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<CycleVersionRow>> {
    cycle_versions::table
        .find(id)
        .select(CycleVersionRow::as_select())
        .first(conn)
        .optional()
}
