//! The exam seats' upkeep, every five minutes: seats offered from a waiting list whose offer
//! ran out pass to the next one waiting, bookings of sessions the definition now marks
//! cancelled are cancelled with their candidates told, and candidates of a session whose time
//! the definition changed get the new time. Queued once per five minutes whatever
//! the number of workers (the slot is its dedup key).

use super::kind::{Job, JobContext};
use crate::db::{self, DbConn};
use crate::services::exams::{office, waits};
use chrono::{NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct ExamSeats {
    /// The five minutes it is for, `YYYYMMDDHH` and the slot in the hour.
    #[serde(default)]
    pub slot: String,
}

impl ExamSeats {
    pub fn for_time(now: NaiveDateTime) -> ExamSeats {
        ExamSeats {
            slot: format!("{}-{:02}", now.format("%Y%m%d%H"), now.minute() / 5),
        }
    }
}

impl Job for ExamSeats {
    const KIND: &'static str = "exam_seats";
    const PRIORITY: i32 = 0;

    fn dedup_key(&self) -> Option<String> {
        Some(format!("exam_seats:{}", self.slot))
    }

    fn run(&self, ctx: &JobContext<'_>, conn: &mut DbConn) -> anyhow::Result<()> {
        let Some(services) = ctx.services else {
            return Ok(());
        };
        let now = db::now();
        let lapsed = waits::lapse_due(conn, services, now)?;
        let told = office::cancel_defined(conn, services, now)?;
        let retimed = office::retime_changed(conn, services, now)?;
        if lapsed + told + retimed > 0 {
            tracing::info!(lapsed, told, retimed, "exam seats looked after");
        }
        Ok(())
    }
}
