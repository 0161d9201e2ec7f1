//! The hourly clean-up: expired sessions and old login failures. Queued once per hour whatever
//! the number of workers (the hour is its dedup key).

use super::kind::{Job, JobContext};
use crate::db::{self, DbConn};
use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct Maintenance {
    /// The hour it is for, `YYYYMMDDHH`.
    #[serde(default)]
    pub hour: String,
}

impl Maintenance {
    pub fn for_hour(now: NaiveDateTime) -> Maintenance {
        Maintenance {
            hour: now.format("%Y%m%d%H").to_string(),
        }
    }
}

impl Job for Maintenance {
    const KIND: &'static str = "maintenance";
    const PRIORITY: i32 = 0;

    fn dedup_key(&self) -> Option<String> {
        Some(format!("maintenance:{}", self.hour))
    }

    fn run(&self, _ctx: &JobContext<'_>, conn: &mut DbConn) -> anyhow::Result<()> {
        let now = db::now();
        let sessions = db::sessions::delete_dead(conn, now)?;
        let failures = db::throttle::delete_older_than(conn, now - Duration::days(1))?;
        tracing::info!(sessions, failures, "maintenance done");
        Ok(())
    }
}
