//! The messages sent about an application, for its timeline: when, by which channel, what
//! (the subject), and whether it was delivered. Staff also read which message and version it
//! was written from.

use crate::db::outbox::SentRow;
use crate::web::Page;

pub struct MessageRow {
    pub at: String,
    pub at_iso: String,
    pub channel: String,
    pub subject: String,
    /// Sent, waiting, or failed with the reason (staff only).
    pub delivery: String,
    /// `draft-closing` (version …), or the portal's own wording.
    pub source: String,
}

pub fn message_rows(page: &Page, rows: &[SentRow], staff: bool) -> Vec<MessageRow> {
    rows.iter()
        .map(|row| {
            let delivery = match (&row.sent_at, &row.failed_at) {
                (Some(sent), _) => page.t1("messages-sent", "time", &page.datetime(sent)),
                (None, Some(_)) if staff => page.t1(
                    "messages-failed",
                    "error",
                    row.last_error.as_deref().unwrap_or_default(),
                ),
                (None, Some(_)) => page.t("messages-not-delivered"),
                (None, None) if staff && row.last_error.is_some() => page.t1(
                    "messages-retrying",
                    "error",
                    row.last_error.as_deref().unwrap_or_default(),
                ),
                (None, None) => page.t("messages-waiting"),
            };
            let source = match &row.template_version {
                Some(version) => page.t2(
                    "messages-source-written",
                    "message",
                    &row.template,
                    "version",
                    version,
                ),
                None => page.t1("messages-source-builtin", "message", &row.template),
            };
            MessageRow {
                at: page.datetime(&row.created_at),
                at_iso: crate::web::page::iso_datetime(&row.created_at),
                channel: page.t(&format!("messages-channel-{}", row.channel)),
                subject: row.subject.clone(),
                delivery,
                source,
            }
        })
        .collect()
}
