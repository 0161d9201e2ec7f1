//! The durable job queue. A job is a row; a worker claims one with a conditional UPDATE that
//! only one claimant can win (checked by the affected-row count), which is correct with any
//! number of workers on PostgreSQL and under SQLite's single writer alike. A claim that is not
//! finished within the lease (the worker died) becomes claimable again.

use super::schema::jobs;
use super::DbConn;
use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

pub const STATE_PENDING: &str = "pending";
pub const STATE_DONE: &str = "done";
pub const STATE_DEAD: &str = "dead";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = jobs)]
pub struct JobRow {
    pub id: String,
    pub kind: String,
    pub payload: String,
    pub dedup_key: Option<String>,
    pub priority: i32,
    pub state: String,
    pub attempts: i32,
    pub max_attempts: i32,
    pub run_after: NaiveDateTime,
    pub locked_at: Option<NaiveDateTime>,
    pub locked_by: Option<String>,
    pub last_error: Option<String>,
    pub created_at: NaiveDateTime,
    pub finished_at: Option<NaiveDateTime>,
}

pub struct NewJob<'a> {
    pub kind: &'a str,
    pub payload: &'a str,
    pub dedup_key: Option<&'a str>,
    pub priority: i32,
    pub max_attempts: i32,
    pub run_after: NaiveDateTime,
}

/// Inserts a job. With a dedup key that is already queued, nothing is inserted and `false` is
/// returned. Runs inside the caller's transaction; on PostgreSQL a unique violation would
/// abort that transaction, so the key is checked first and the constraint only guards the race.
pub fn enqueue(conn: &mut DbConn, job: &NewJob<'_>, now: NaiveDateTime) -> QueryResult<bool> {
    if let Some(key) = job.dedup_key {
        if dedup_key_used(conn, key)? {
            return Ok(false);
        }
    }
    diesel::insert_into(jobs::table)
        .values((
            jobs::id.eq(super::new_id()),
            jobs::kind.eq(job.kind),
            jobs::payload.eq(job.payload),
            jobs::dedup_key.eq(job.dedup_key),
            jobs::priority.eq(job.priority),
            jobs::state.eq(STATE_PENDING),
            jobs::attempts.eq(0),
            jobs::max_attempts.eq(job.max_attempts),
            jobs::run_after.eq(job.run_after),
            jobs::created_at.eq(now),
        ))
        .execute(conn)
        .map(|n| n == 1)
}

/// True when a job with this dedup key was ever queued.
pub fn dedup_key_used(conn: &mut DbConn, key: &str) -> QueryResult<bool> {
    let count: i64 = jobs::table
        .filter(jobs::dedup_key.eq(key))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}

/// Claims the next ready job for `worker`, or returns None when nothing is ready. Runs without
/// a transaction: each conditional UPDATE is atomic on its own.
pub fn claim_next(
    conn: &mut DbConn,
    worker: &str,
    now: NaiveDateTime,
    lease: Duration,
) -> QueryResult<Option<JobRow>> {
    let stale = now - lease;
    for _round in 0..5 {
        let ready: Vec<String> = jobs::table
            .filter(jobs::state.eq(STATE_PENDING))
            .filter(jobs::run_after.le(now))
            .filter(jobs::locked_at.is_null().or(jobs::locked_at.lt(stale)))
            .order((jobs::priority.desc(), jobs::run_after.asc()))
            .select(jobs::id)
            .limit(8)
            .load(conn)?;
        if ready.is_empty() {
            return Ok(None);
        }
        for id in ready {
            let won = diesel::update(
                jobs::table
                    .find(&id)
                    .filter(jobs::state.eq(STATE_PENDING))
                    .filter(jobs::locked_at.is_null().or(jobs::locked_at.lt(stale))),
            )
            .set((
                jobs::locked_at.eq(now),
                jobs::locked_by.eq(worker),
                jobs::attempts.eq(jobs::attempts + 1),
            ))
            .execute(conn)?;
            if won == 1 {
                return jobs::table
                    .find(&id)
                    .select(JobRow::as_select())
                    .first(conn)
                    .optional();
            }
        }
        // Every candidate was taken by another worker in between: look again.
    }
    Ok(None)
}

/// Renews `worker`'s claim on job `id` (its heartbeat while the job runs). False when the
/// claim is no longer this worker's.
pub fn renew(conn: &mut DbConn, id: &str, worker: &str, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        jobs::table
            .find(id)
            .filter(jobs::locked_by.eq(worker))
            .filter(jobs::locked_at.is_not_null()),
    )
    .set(jobs::locked_at.eq(now))
    .execute(conn)
    .map(|n| n == 1)
}

pub fn mark_done(conn: &mut DbConn, id: &str, worker: &str, now: NaiveDateTime) -> QueryResult<()> {
    diesel::update(jobs::table.find(id).filter(jobs::locked_by.eq(worker)))
        .set((
            jobs::state.eq(STATE_DONE),
            jobs::finished_at.eq(now),
            jobs::locked_at.eq(None::<NaiveDateTime>),
            jobs::last_error.eq(None::<String>),
        ))
        .execute(conn)
        .map(|_| ())
}

/// Releases a failed job for a later retry, or moves it to the dead letter state once it has
/// used all its attempts. Returns true when the job is now dead.
pub fn mark_failed(
    conn: &mut DbConn,
    job: &JobRow,
    worker: &str,
    error: &str,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    let dead = job.attempts >= job.max_attempts;
    let error: String = error.chars().take(2000).collect();
    let target = jobs::table.find(&job.id).filter(jobs::locked_by.eq(worker));
    if dead {
        diesel::update(target)
            .set((
                jobs::state.eq(STATE_DEAD),
                jobs::finished_at.eq(now),
                jobs::locked_at.eq(None::<NaiveDateTime>),
                jobs::last_error.eq(error),
            ))
            .execute(conn)?;
    } else {
        diesel::update(target)
            .set((
                jobs::run_after.eq(now + backoff(job.attempts)),
                jobs::locked_at.eq(None::<NaiveDateTime>),
                jobs::last_error.eq(error),
            ))
            .execute(conn)?;
    }
    Ok(dead)
}

/// Exponential backoff after the n-th failed attempt: 30 s, 1 min, 2 min, … capped at 6 hours.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = attempts.clamp(1, 20) - 1;
    let seconds = 30i64.saturating_mul(1i64 << exponent);
    Duration::seconds(seconds.min(6 * 3600))
}

pub fn count_in_state(conn: &mut DbConn, state: &str) -> QueryResult<i64> {
    jobs::table
        .filter(jobs::state.eq(state))
        .count()
        .get_result(conn)
}

pub fn find(conn: &mut DbConn, id: &str) -> QueryResult<Option<JobRow>> {
    jobs::table
        .find(id)
        .select(JobRow::as_select())
        .first(conn)
        .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_thirty_seconds_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(5), Duration::seconds(480));
        assert_eq!(backoff(30), Duration::hours(6));
    }
}
