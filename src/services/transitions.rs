//! The one way an application's status changes. `apply` checks the guard of
//! `domain::status`, runs the conditional update (of concurrent attempts exactly one moves the
//! row), writes the typed history entry and enqueues the notifications, all in the caller's
//! transaction. Anything that should react to a status change (automation rules, reminders)
//! hooks in here.

use crate::db::applications as rows;
use crate::db::{self, DbConn};
use crate::domain::automation::Event;
use crate::domain::history::HistoryEntry;
use crate::domain::ids::ApplicationId;
use crate::domain::status::ApplicationStatus;
use crate::notify::emails::{enqueue_email, EmailMessage, Recipient};
use crate::services::automation::{self, Happened};
use crate::services::ServiceConfig;
use chrono::NaiveDateTime;

/// An email a change causes, queued with it.
pub struct Notification<'a> {
    pub to: Recipient<'a>,
    pub message: EmailMessage,
    /// With a key already used, the email is not queued again.
    pub dedup_key: Option<String>,
}

/// One status change of one application.
pub struct Transition<'a> {
    pub application_id: &'a ApplicationId,
    /// The status the change starts from; the update matches only while it still holds.
    pub from: ApplicationStatus,
    pub to: ApplicationStatus,
    /// The user who caused it; `None` for the system.
    pub actor: Option<&'a str>,
    pub entry: HistoryEntry,
    /// The receipt number given with the first submission.
    pub receipt: Option<&'a str>,
    pub notifications: Vec<Notification<'a>>,
    /// How many automation rules' status changes led to this one (0 for what people do), so
    /// that a chain of rules stops before it loops.
    pub chain: u8,
}

/// Applies `change` inside the caller's transaction. Returns false, having written nothing,
/// when the application was no longer in `change.from` (another request moved it first). A
/// change to the same status records its history entry only.
pub fn apply(
    conn: &mut DbConn,
    config: &ServiceConfig,
    change: &Transition<'_>,
    now: NaiveDateTime,
) -> anyhow::Result<bool> {
    if change.from != change.to {
        anyhow::ensure!(
            change.from.may_move(change.to),
            "an application cannot move from {} to {}",
            change.from,
            change.to
        );
        let moved = rows::transition(
            conn,
            &rows::StatusChange {
                id: change.application_id,
                from: change.from,
                to: change.to,
                receipt: change.receipt,
                now,
            },
        )?;
        if moved == 0 {
            return Ok(false);
        }
    }
    record(
        conn,
        change.application_id,
        Some(change.from),
        change.to,
        change.actor,
        &change.entry,
        now,
    )?;
    let happened = match (&change.entry, change.from != change.to) {
        (_, true) => Some((
            Event::Status,
            Some(change.from),
            format!("status:{}", db::new_id()),
        )),
        (HistoryEntry::FeePaid { .. }, false) => Some((
            Event::PaymentReceived,
            None,
            format!("payment:{}", db::new_id()),
        )),
        _ => None,
    };
    if let Some((event, from, occurrence)) = happened {
        automation::on_event(
            conn,
            config,
            &Happened {
                application_id: change.application_id.as_str(),
                status: change.to,
                event,
                from,
                occurrence,
                chain: change.chain,
            },
            now,
        )?;
    }
    for notification in &change.notifications {
        let to = Recipient {
            email: notification.to.email,
            user_id: notification.to.user_id,
            locale: notification.to.locale,
            application_id: Some(change.application_id.as_str()),
        };
        enqueue_email(
            conn,
            &config.institution,
            config.mail_max_attempts,
            &to,
            &notification.message,
            notification.dedup_key.as_deref(),
        )?;
    }
    Ok(true)
}

/// Writes a history entry; `from` is `None` for the entry that creates the application.
pub fn record(
    conn: &mut DbConn,
    application_id: &ApplicationId,
    from: Option<ApplicationStatus>,
    to: ApplicationStatus,
    actor: Option<&str>,
    entry: &HistoryEntry,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    rows::record_event(
        conn,
        &rows::NewEvent {
            application_id,
            from,
            to,
            actor_id: actor,
            entry,
            now,
        },
    )?;
    Ok(())
}
