//! One firing of an automation rule for one application, queued by the engine with its
//! deduplication key (cycle, rule, application, occurrence); running it carries out the rule's
//! actions (`services::automation::fire`).

use super::kind::{Job, JobContext};
use crate::db::DbConn;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RuleFiring {
    pub cycle: String,
    pub rule: String,
    pub application_id: String,
    /// Which time or happening it is for (`closes@202707142159#0`, `document:<id>#2`, …).
    pub occurrence: String,
    /// How many rules' status changes led to it (0 for a date or what people did).
    pub chain: u8,
}

impl RuleFiring {
    /// The deduplication key, also the firing's id.
    pub fn key(&self) -> String {
        format!(
            "{}:{}:{}:{}",
            self.cycle, self.rule, self.application_id, self.occurrence
        )
    }
}

impl Job for RuleFiring {
    const KIND: &'static str = "rule_firing";
    const PRIORITY: i32 = 5;

    fn dedup_key(&self) -> Option<String> {
        Some(format!("rule:{}", self.key()))
    }

    fn run(&self, ctx: &JobContext<'_>, conn: &mut DbConn) -> anyhow::Result<()> {
        let Some(services) = ctx.services else {
            anyhow::bail!("this worker runs no jobs that act through the services");
        };
        let outcome =
            crate::services::automation::fire::carry_out(conn, services, self, crate::db::now())?;
        tracing::info!(rule = %self.rule, application_id = %self.application_id, outcome = outcome.as_str(), "automation rule carried out");
        Ok(())
    }
}
