//! Verifying documents: a reviewer accepts a waiting document, or rejects it with a reason (and
//! perhaps a date for the corrected version). The decision, its audit entry and the email to
//! the candidate are written in one transaction; the checklist reads the new state at once.

use crate::db::{self, write_tx, DbConn};
use crate::domain::cycle::model::Text;
use crate::domain::Locale;
use crate::notify::emails::{enqueue_email, EmailMessage, Recipient};
use crate::services::ServiceConfig;
use anyhow::Context;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Reject {
        reason: String,
        correction_due: Option<NaiveDate>,
    },
}

#[derive(Debug, PartialEq, Eq)]
pub enum ReviewOutcome {
    Done,
    /// Someone decided first (or the candidate replaced it): nothing changed.
    AlreadyReviewed,
    NotFound,
}

/// What the email about a rejected document names and links to.
pub struct RejectionNotice {
    pub document: Text,
    /// Path of the step where the candidate sends a corrected file.
    pub link_path: String,
}

pub fn review(
    conn: &mut DbConn,
    config: &ServiceConfig,
    document_id: &str,
    reviewer_id: &str,
    decision: &Decision,
    notice: &RejectionNotice,
) -> anyhow::Result<ReviewOutcome> {
    let Some(document) = db::documents::find(conn, document_id)? else {
        return Ok(ReviewOutcome::NotFound);
    };
    let candidate = db::users::find(conn, &document.candidate_id)?.context("candidate missing")?;
    let now = db::now();
    write_tx(conn, |conn| -> anyhow::Result<ReviewOutcome> {
        let (status, note, due) = match decision {
            Decision::Accept => ("accepted", None, None),
            Decision::Reject {
                reason,
                correction_due,
            } => (
                "rejected",
                Some(reason.as_str()),
                correction_due.map(|d| d.format("%Y-%m-%d").to_string()),
            ),
        };
        let changed = db::documents::review(
            conn,
            document_id,
            status,
            note,
            due.as_deref(),
            reviewer_id,
            now,
        )?;
        if changed == 0 {
            return Ok(ReviewOutcome::AlreadyReviewed);
        }
        db::audit::record(
            conn,
            Some(reviewer_id),
            &format!(
                "document.{}",
                if status == "accepted" {
                    "accept"
                } else {
                    "reject"
                }
            ),
            document_id,
            &format!(
                "{} v{} of {}{}",
                document.requirement,
                document.version,
                candidate.email,
                note.map(|n| format!(": {n}")).unwrap_or_default()
            ),
            now,
        )?;
        if let Decision::Reject {
            reason,
            correction_due,
        } = decision
        {
            let locale = candidate
                .locale
                .as_deref()
                .and_then(Locale::parse)
                .unwrap_or(Locale::Pl);
            enqueue_email(
                conn,
                &config.institution,
                config.mail_max_attempts,
                &Recipient {
                    email: &candidate.email,
                    user_id: Some(&candidate.id),
                    locale,
                },
                &EmailMessage::DocumentRejected {
                    document: notice.document.clone(),
                    reason: reason.clone(),
                    correction_due: *correction_due,
                    link: config.link(&notice.link_path),
                },
                Some(&format!("document-rejected:{document_id}")),
            )?;
        }
        Ok(ReviewOutcome::Done)
    })
}
