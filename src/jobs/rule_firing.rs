//! One firing of an automation rule for one application, queued by the engine with its
//! deduplication key (cycle, rule, application, occurrence); running it carries out the rule's
//! actions (`services::automation::fire`).

use super::kind::{Job, JobContext};
use crate::db::DbConn;
use crate::domain::automation::Firing;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RuleFiring(pub Firing);

impl Job for RuleFiring {
    const KIND: &'static str = "rule_firing";
    const PRIORITY: i32 = 5;

    fn dedup_key(&self) -> Option<String> {
        Some(format!("rule:{}", self.0.key()))
    }

    fn run(&self, ctx: &JobContext<'_>, conn: &mut DbConn) -> anyhow::Result<()> {
        let Some(services) = ctx.services else {
            anyhow::bail!("this worker runs no jobs that act through the services");
        };
        let firing = &self.0;
        let outcome =
            crate::services::automation::fire::carry_out(conn, services, firing, crate::db::now())?;
        tracing::info!(
            rule = %firing.rule,
            application_id = %firing.application_id,
            outcome = outcome.as_str(),
            "automation rule carried out"
        );
        Ok(())
    }
}
