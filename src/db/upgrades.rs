//! Data upgrades: changes to stored data that a migration lists and the portal makes.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::{applications, data_upgrades, profiles};
use super::DbConn;

/// Marks upgrade `name` done if it is still to do; true if this call did (so the caller makes
/// it, in the same transaction). A second instance starting at the same moment waits for the
/// row and finds it done.
pub fn claim(conn: &mut DbConn, name: &str, now: NaiveDateTime) -> QueryResult<bool> {
    diesel::update(
        data_upgrades::table
            .find(name)
            .filter(data_upgrades::done_at.is_null()),
    )
    .set(data_upgrades::done_at.eq(now))
    .execute(conn)
    .map(|n| n == 1)
}

/// Every profile's candidate, answers and saved steps.
pub fn profile_answers(conn: &mut DbConn) -> QueryResult<Vec<(String, String, String)>> {
    profiles::table
        .select((
            profiles::candidate_id,
            profiles::answers,
            profiles::saved_steps,
        ))
        .load(conn)
}

pub fn set_profile_answers(
    conn: &mut DbConn,
    candidate_id: &str,
    answers: &str,
    saved_steps: &str,
) -> QueryResult<usize> {
    diesel::update(profiles::table.find(candidate_id))
        .set((
            profiles::answers.eq(answers),
            profiles::saved_steps.eq(saved_steps),
        ))
        .execute(conn)
}

/// Every application's id, answers and saved steps.
pub fn application_answers(conn: &mut DbConn) -> QueryResult<Vec<(String, String, String)>> {
    applications::table
        .select((
            applications::id,
            applications::answers,
            applications::saved_steps,
        ))
        .load(conn)
}

pub fn set_application_answers(
    conn: &mut DbConn,
    id: &str,
    answers: &str,
    saved_steps: &str,
) -> QueryResult<usize> {
    diesel::update(applications::table.find(id))
        .set((
            applications::answers.eq(answers),
            applications::saved_steps.eq(saved_steps),
        ))
        .execute(conn)
}
