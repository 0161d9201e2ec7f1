//! The payment sweep: every five minutes, checkouts open for longer than
//! `payments.sweep_after_minutes` are asked about at their gateway, in case their notification
//! was lost. Queued once per five minutes whatever the number of workers (the slot is its
//! dedup key).

use super::kind::{Job, JobContext};
use crate::db::{self, DbConn};
use crate::services::payments::sweep::sweep;
use chrono::{NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
pub struct SweepPayments {
    /// The five minutes it is for, `YYYYMMDDHH` and the slot in the hour.
    #[serde(default)]
    pub slot: String,
}

impl SweepPayments {
    pub fn for_time(now: NaiveDateTime) -> SweepPayments {
        SweepPayments {
            slot: format!("{}-{:02}", now.format("%Y%m%d%H"), now.minute() / 5),
        }
    }
}

impl Job for SweepPayments {
    const KIND: &'static str = "sweep_payments";
    const PRIORITY: i32 = 0;

    fn dedup_key(&self) -> Option<String> {
        Some(format!("sweep_payments:{}", self.slot))
    }

    fn run(&self, ctx: &JobContext<'_>, _conn: &mut DbConn) -> anyhow::Result<()> {
        let Some(services) = ctx.services else {
            return Ok(());
        };
        let database = db::Db(ctx.pool.clone());
        let report = ctx.block_on(sweep(&database, services, services.payment_sweep_after))??;
        if report.asked > 0 {
            tracing::info!(
                asked = report.asked,
                credited = report.credited,
                failed = report.failed,
                unchanged = report.unchanged,
                errors = report.errors,
                "payment sweep done"
            );
        }
        Ok(())
    }
}
