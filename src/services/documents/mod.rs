//! Verifying documents: a reviewer accepts a waiting document, or rejects it with a reason (and
//! perhaps a date for the corrected version). The decision, its audit entry and the email to
//! the candidate are written in one transaction; the checklist reads the new state at once.

pub mod intake;
pub mod previews;

pub use crate::db::documents::NewDocument;

use crate::db::{self, write_tx, DbConn};
use crate::domain::automation::Event;
use crate::domain::cycle::model::Text;
use crate::domain::documents::{DocumentStatus, Refusal, Slot};
use crate::domain::{Locale, UserId};
use crate::notify::emails::{enqueue_email, EmailMessage, Recipient};
use crate::services::automation::{self, Happened};
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
            Decision::Accept => (DocumentStatus::Accepted, None, None),
            Decision::Reject {
                reason,
                correction_due,
            } => (
                DocumentStatus::Rejected,
                Some(reason.as_str()),
                *correction_due,
            ),
        };
        let changed =
            db::documents::review(conn, document_id, status, note, due, reviewer_id, now)?;
        if changed == 0 {
            return Ok(ReviewOutcome::AlreadyReviewed);
        }
        db::audit::record(
            conn,
            Some(reviewer_id),
            &format!(
                "document.{}",
                if status == DocumentStatus::Accepted {
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
        let event = if status == DocumentStatus::Accepted {
            Event::DocumentAccepted
        } else {
            Event::DocumentRejected
        };
        // A profile document belongs to each of the candidate's applications.
        let concerned =
            db::applications::for_candidate(conn, &UserId::from(document.candidate_id.clone()))?
                .into_iter()
                .filter(|a| {
                    document
                        .application_id
                        .as_ref()
                        .is_none_or(|id| id == a.id.as_str())
                });
        for application in concerned.collect::<Vec<_>>() {
            automation::on_event(
                conn,
                config,
                &Happened {
                    application_id: application.id.as_str(),
                    status: application.status,
                    event,
                    from: None,
                    occurrence: format!("document:{document_id}@{}", event.as_str()),
                    chain: 0,
                },
                now,
            )?;
        }
        if let Decision::Reject {
            reason,
            correction_due,
        } = decision
        {
            let locale = candidate.locale_or(Locale::Pl);
            enqueue_email(
                conn,
                &config.institution,
                config.mail_max_attempts,
                &Recipient {
                    email: &candidate.email,
                    user_id: Some(&candidate.id),
                    locale,
                    application_id: document.application_id.as_deref(),
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

/// Records an upload as the requirement's new current version (the earlier one stays in the
/// version history). One transaction; the caller deletes the stored file when this fails.
/// Uploads of one requirement at the same moment all read the same latest version; the unique
/// index lets one win, and each other takes the next number on another try (on PostgreSQL two
/// of them may also deadlock over the rows they mark replaced, and one is aborted: tried again
/// too). Every round lets at least one through, so a burst of clicks needs as many rounds.
pub fn record_upload(
    conn: &mut DbConn,
    upload: &NewDocument<'_>,
    quota_bytes: i64,
) -> anyhow::Result<Result<(), Refusal>> {
    const ATTEMPTS: u32 = 10;
    let mut attempt = 0;
    loop {
        attempt += 1;
        match insert_upload(conn, upload, quota_bytes) {
            Err(e) if attempt < ATTEMPTS && lost_a_race(&e) => continue,
            other => return other,
        }
    }
}

/// Whether the transaction failed only because another one wrote the same rows first.
fn lost_a_race(error: &anyhow::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    match error.downcast_ref::<Error>() {
        Some(Error::DatabaseError(
            DatabaseErrorKind::UniqueViolation | DatabaseErrorKind::SerializationFailure,
            _,
        )) => true,
        Some(Error::DatabaseError(_, info)) => info.message().contains("deadlock"),
        _ => false,
    }
}

/// Inserts the version unless it would take the candidate over `quota_bytes`: counted in the
/// transaction that holds the candidate's row lock, so simultaneous uploads cannot each find
/// room that only one of them has.
fn insert_upload(
    conn: &mut DbConn,
    upload: &NewDocument<'_>,
    quota_bytes: i64,
) -> anyhow::Result<Result<(), Refusal>> {
    write_tx(conn, |conn| -> anyhow::Result<Result<(), Refusal>> {
        let candidate = upload.slot.candidate.as_str();
        db::users::lock(conn, candidate)?;
        let used = db::documents::stored_bytes(conn, candidate)?;
        if used.saturating_add(upload.size_bytes) > quota_bytes {
            return Ok(Err(Refusal::Quota));
        }
        db::documents::insert_version(conn, &db::new_id(), upload, db::now())?;
        Ok(Ok(()))
    })
}

/// Puts an infected upload on the audit record (the file itself was never stored).
pub fn record_infected(
    conn: &mut DbConn,
    slot: &Slot,
    signature: &str,
    sha256: &str,
) -> anyhow::Result<()> {
    tracing::warn!(
        candidate = %slot.candidate,
        requirement = %slot.requirement,
        signature,
        sha256,
        "infected upload refused"
    );
    let candidate_id = slot.candidate.as_str();
    let detail = serde_json::json!({
        "application": slot.application,
        "requirement": slot.requirement,
        "signature": signature,
        "sha256": sha256,
    })
    .to_string();
    write_tx(conn, |conn| -> anyhow::Result<()> {
        db::audit::record(
            conn,
            Some(candidate_id),
            "document.infected",
            candidate_id,
            &detail,
            db::now(),
        )?;
        Ok(())
    })
}

/// Removes the candidate's current upload of a requirement unless it was already accepted.
/// Returns whether one was removed.
pub fn remove(conn: &mut DbConn, slot: &Slot) -> anyhow::Result<bool> {
    let removed = write_tx(conn, |conn| -> anyhow::Result<usize> {
        Ok(db::documents::delete_current(conn, slot)?)
    })?;
    Ok(removed > 0)
}

/// Records the day a reviewer received the paper original of a document, audited.
pub fn record_original(
    conn: &mut DbConn,
    document_id: &str,
    received_on: NaiveDate,
    reviewer: &str,
    detail: &str,
) -> anyhow::Result<()> {
    write_tx(conn, |conn| -> anyhow::Result<()> {
        db::documents::record_original(conn, document_id, received_on, reviewer)?;
        db::audit::record(
            conn,
            Some(reviewer),
            "document.original",
            document_id,
            detail,
            db::now(),
        )?;
        Ok(())
    })
}
