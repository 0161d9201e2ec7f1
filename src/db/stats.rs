//! Counts for the staff home page and the metrics endpoint.

use super::schema::applications;
use super::DbConn;
use diesel::prelude::*;

/// Number of applications per status column value (statuses with none are absent).
pub fn applications_by_status(conn: &mut DbConn) -> QueryResult<Vec<(String, i64)>> {
    applications::table
        .group_by(applications::status)
        .select((applications::status, diesel::dsl::count_star()))
        .load(conn)
}
