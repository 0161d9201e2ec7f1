//! Delivers one message of the outbox. The message was rendered and stored when it was queued,
//! so a retry sends exactly what the first attempt would have.

use super::kind::{Job, JobContext};
use crate::db::{self, DbConn};
use anyhow::Context;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct SendEmail {
    pub outbox_id: String,
    /// The key of the change that caused the email (one verification email per account per ten
    /// minutes, one receipt per submission).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dedup: Option<String>,
}

impl Job for SendEmail {
    const KIND: &'static str = "send_email";
    const PRIORITY: i32 = 10;

    fn dedup_key(&self) -> Option<String> {
        self.dedup.clone()
    }

    fn run(&self, ctx: &JobContext<'_>, conn: &mut DbConn) -> anyhow::Result<()> {
        let message = db::outbox::find(conn, &self.outbox_id)?
            .with_context(|| format!("outbox message {} is gone", self.outbox_id))?;
        // Already delivered by an earlier attempt whose completion was not recorded.
        if message.sent_at.is_some() {
            return Ok(());
        }
        ctx.mailer.send(ctx.mail_from, &message)?;
        db::outbox::mark_sent(conn, &message.id, db::now())?;
        Ok(())
    }

    fn failed(&self, conn: &mut DbConn, error: &str, dead: bool) -> anyhow::Result<()> {
        db::outbox::mark_attempt_failed(conn, &self.outbox_id, error, dead, db::now())?;
        Ok(())
    }
}
