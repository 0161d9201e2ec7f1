//! Uploaded documents, as far as the checklist needs them: the latest upload per requirement.

use super::schema::documents;
use super::DbConn;
use crate::domain::application::DocumentStatus;
use diesel::prelude::*;

/// Statuses of uploads that count (earlier versions are `replaced`, removed ones `deleted`).
const CURRENT: [&str; 3] = ["submitted", "accepted", "rejected"];

/// The latest current upload for each requirement: the candidate's profile documents and those
/// of `application_id`.
pub fn statuses(
    conn: &mut DbConn,
    candidate_id: &str,
    application_id: &str,
) -> QueryResult<Vec<DocumentStatus>> {
    let rows: Vec<(String, String, i32)> = documents::table
        .filter(documents::candidate_id.eq(candidate_id))
        .filter(
            documents::application_id
                .is_null()
                .or(documents::application_id.eq(application_id)),
        )
        .filter(documents::status.eq_any(CURRENT))
        .order((documents::requirement.asc(), documents::version.desc()))
        .select((
            documents::requirement,
            documents::status,
            documents::version,
        ))
        .load(conn)?;
    let mut latest: Vec<DocumentStatus> = Vec::new();
    for (requirement, status, _) in rows {
        if latest.last().is_none_or(|d| d.requirement != requirement) {
            latest.push(DocumentStatus {
                requirement,
                status,
            });
        }
    }
    Ok(latest)
}
