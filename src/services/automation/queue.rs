//! Queuing firings: each is recorded under its deduplication key (cycle, rule, application,
//! occurrence) with the job that carries it out, in a savepoint of the caller's transaction.
//! A key recorded already (another worker, an earlier run) queues nothing.

use crate::db::{self, automation::NewFiring, DbConn};
use crate::domain::automation::Firing;
use crate::domain::automation::{Event, Rule, Trigger, MAX_CHAIN};
use crate::domain::status::ApplicationStatus;
use crate::jobs::{self, rule_firing::RuleFiring};
use crate::services::ServiceConfig;
use chrono::NaiveDateTime;

/// Records the firing and queues its job. False when it was queued before.
pub fn fire_once(
    conn: &mut DbConn,
    firing: &Firing,
    due: NaiveDateTime,
    now: NaiveDateTime,
) -> anyhow::Result<bool> {
    let id = firing.key();
    if db::automation::firing_exists(conn, &id)? {
        return Ok(false);
    }
    // Another worker may win the race between the check and the insert.
    let queued = db::savepoint(conn, |conn| -> anyhow::Result<bool> {
        db::automation::insert_firing(
            conn,
            &NewFiring {
                id: &id,
                cycle_code: &firing.cycle,
                rule_id: &firing.rule,
                application_id: &firing.application_id,
                occurrence: &firing.occurrence,
                due_at: due,
            },
            now,
        )?;
        jobs::enqueue(conn, &RuleFiring(firing.clone()), 5, now)
    });
    jobs::once(queued)
}

/// Something that happened to one application, for the rules its event triggers.
pub struct Happened<'a> {
    pub application_id: &'a str,
    /// The application's status now.
    pub status: ApplicationStatus,
    pub event: Event,
    /// For a status change: the status before.
    pub from: Option<ApplicationStatus>,
    /// Names this happening among the application's (a document's id, a booking's…), so
    /// that a rule fires once for it.
    pub occurrence: String,
    /// How many rules' status changes led here (0 for what people do).
    pub chain: u8,
}

fn fires(rule: &Rule, happened: &Happened<'_>) -> bool {
    let statuses_ok = rule.statuses.is_empty() || rule.statuses.contains(&happened.status);
    let trigger_ok = match &rule.trigger {
        Trigger::Event {
            event: Event::Status,
            ..
        } => {
            happened.event == Event::Status
                && happened
                    .from
                    .is_some_and(|from| rule.trigger.fires_on_status(from, happened.status))
        }
        Trigger::Event { event, .. } => *event == happened.event,
        _ => false,
    };
    statuses_ok && trigger_ok
}

/// Queues the firings of the rules `happened` triggers, in the caller's transaction. Rules
/// are those of the current published version.
pub fn on_event(
    conn: &mut DbConn,
    config: &ServiceConfig,
    happened: &Happened<'_>,
    now: NaiveDateTime,
) -> anyhow::Result<usize> {
    let Some(current) = config.cycles.current(conn)? else {
        return Ok(0);
    };
    if happened.chain > MAX_CHAIN {
        tracing::warn!(
            application_id = happened.application_id,
            "a chain of automation rules went too deep; its next rules are not fired"
        );
        return Ok(0);
    }
    let mut queued = 0;
    for rule in current.rules.enabled().filter(|r| fires(r, happened)) {
        let firing = Firing {
            cycle: current.cycle_code.clone(),
            rule: rule.id.clone(),
            application_id: happened.application_id.to_owned(),
            occurrence: happened.occurrence.clone(),
            chain: happened.chain,
        };
        if fire_once(conn, &firing, now, now)? {
            queued += 1;
        }
    }
    Ok(queued)
}
