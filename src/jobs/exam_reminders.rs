//! The exam reminders: every hour, candidates booked into a session that starts tomorrow are
//! emailed (each once: the email's dedup key). Queued once per hour whatever the number of
//! workers (the hour is its dedup key).

use super::kind::{Job, JobContext};
use crate::db::DbConn;
use crate::services::exams::reminders::send_due;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct ExamReminders {
    /// The hour it is for, `YYYYMMDDHH`.
    #[serde(default)]
    pub hour: String,
}

impl ExamReminders {
    pub fn for_hour(now: NaiveDateTime) -> ExamReminders {
        ExamReminders {
            hour: now.format("%Y%m%d%H").to_string(),
        }
    }
}

impl Job for ExamReminders {
    const KIND: &'static str = "exam_reminders";
    const PRIORITY: i32 = 0;

    fn dedup_key(&self) -> Option<String> {
        Some(format!("exam_reminders:{}", self.hour))
    }

    fn run(&self, ctx: &JobContext<'_>, conn: &mut DbConn) -> anyhow::Result<()> {
        let Some(services) = ctx.services else {
            return Ok(());
        };
        let queued = send_due(conn, services, crate::db::now())?;
        if queued > 0 {
            tracing::info!(queued, "exam reminders queued");
        }
        Ok(())
    }
}
