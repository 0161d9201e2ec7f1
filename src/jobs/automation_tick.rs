//! The automation rules' look at their time triggers, once a minute whatever the number of
//! workers (the minute is its dedup key); a look covers everything since the last, so a missed
//! minute is caught up by the next.

use super::kind::{Job, JobContext};
use crate::db::DbConn;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct AutomationTick {
    /// The minute it is for, `YYYYMMDDHHMM`.
    pub minute: String,
}

impl AutomationTick {
    pub fn for_time(now: NaiveDateTime) -> AutomationTick {
        AutomationTick {
            minute: now.format("%Y%m%d%H%M").to_string(),
        }
    }
}

impl Job for AutomationTick {
    const KIND: &'static str = "automation_tick";
    const PRIORITY: i32 = 1;

    fn dedup_key(&self) -> Option<String> {
        Some(format!("automation_tick:{}", self.minute))
    }

    fn run(&self, ctx: &JobContext<'_>, conn: &mut DbConn) -> anyhow::Result<()> {
        let Some(services) = ctx.services else {
            return Ok(());
        };
        crate::services::automation::tick(conn, services, crate::db::now())?;
        Ok(())
    }
}
