//! The time triggers' look, every minute: each rule is looked at over (its mark, now], the
//! firings that fall in it queued under their keys, and the mark moved by one conditional
//! update. A worker that was stopped catches up at its next look,
//! once: the stretch since the mark holds every time it missed.

use super::queue::fire_once;
use crate::db::{self, write_tx, DbConn};
use crate::domain::automation::schedule::{daily_due, time_due, Due, Window};
use crate::domain::automation::Firing;
use crate::domain::automation::{Anchor, Rule, Trigger};
use crate::domain::cycle::{payment_deadline, warsaw_time, Definition};
use crate::services::cycle_cache::CurrentCycle;
use crate::services::ServiceConfig;
use chrono::NaiveDateTime;

/// Looks at every time-triggered rule of the current version up to `now`; returns how many
/// firings were queued.
pub fn tick(
    conn: &mut DbConn,
    config: &ServiceConfig,
    now: NaiveDateTime,
) -> anyhow::Result<usize> {
    let Some(current) = config.cycles.current(conn)? else {
        return Ok(0);
    };
    let mut queued = 0;
    for rule in current.rules.enabled() {
        if !matches!(rule.trigger, Trigger::Event { .. }) {
            queued += look(conn, &current, rule, now)?;
        }
    }
    Ok(queued)
}

fn look(
    conn: &mut DbConn,
    current: &CurrentCycle,
    rule: &Rule,
    now: NaiveDateTime,
) -> anyhow::Result<usize> {
    let cycle = current.cycle_code.as_str();
    let Some(from) = db::automation::mark(conn, cycle, &rule.id)? else {
        // A rule looked at for the first time acts from now on, not on times already past.
        if let Err(e) = db::automation::start_mark(conn, cycle, &rule.id, now) {
            if !db::is_unique_violation(&e) {
                return Err(e.into());
            }
        }
        return Ok(0);
    };
    if now <= from {
        return Ok(0);
    }
    let window = Window { from, until: now };
    let due = falling(conn, &current.definition, rule, window)?;
    // Queued in batches, each its own short transaction, so that 10,000 reminders due at one
    // minute do not hold the write lock against candidates' saves; the mark moves only after
    // the last batch, so a look cut short is done again whole by the next (the keys skip what
    // was queued already).
    let mut queued = 0;
    for batch in due.chunks(BATCH) {
        queued += write_tx(conn, |conn| -> anyhow::Result<usize> {
            let mut queued = 0;
            for (application_id, occurrence, due) in batch {
                let firing = Firing {
                    cycle: cycle.to_owned(),
                    rule: rule.id.clone(),
                    application_id: application_id.clone(),
                    occurrence: occurrence.clone(),
                    chain: 0,
                };
                // Queued to run at once, whatever moment the look was for.
                if fire_once(conn, &firing, *due, db::now())? {
                    queued += 1;
                }
            }
            Ok(queued)
        })?;
    }
    // Of two workers looking at the same stretch, one moves the mark; the other's firings were
    // the same keys, queued once.
    db::automation::advance_mark(conn, cycle, &rule.id, from, now)?;
    if queued > 0 {
        tracing::info!(rule = %rule.id, queued, "automation rule fired");
    }
    Ok(queued)
}

/// How many firings one transaction queues.
const BATCH: usize = 500;

/// The (application, occurrence, due time) of `rule` falling in `window`.
fn falling(
    conn: &mut DbConn,
    def: &Definition,
    rule: &Rule,
    window: Window,
) -> anyhow::Result<Vec<(String, String, NaiveDateTime)>> {
    let cycle = def.cycle.cycle.code.get_ref();
    let statuses = rule.possible_statuses();
    let every_application = |conn: &mut DbConn, label: String, due: Due| {
        db::automation::applications_in(conn, cycle, &statuses).map(|apps| {
            apps.into_iter()
                .map(|a| (a.id, format!("{label}#{}", due.index), due.at))
                .collect::<Vec<_>>()
        })
    };
    let anchor = match &rule.trigger {
        Trigger::Event { .. } => return Ok(vec![]),
        Trigger::Daily { at } => {
            return Ok(match daily_due(*at, window) {
                Some(due) => every_application(conn, "daily".into(), due)?,
                None => vec![],
            })
        }
        Trigger::Time { anchor, .. } => *anchor,
    };
    let stamp = |t: &NaiveDateTime| t.format("%Y%m%d%H%M").to_string();
    let mut out = Vec::new();
    if anchor.is_cycle_wide() {
        for (label, at) in cycle_dates(def, anchor) {
            if let Some(due) = time_due(rule, at, window) {
                out.extend(every_application(
                    conn,
                    format!("{label}@{}", stamp(&at)),
                    due,
                )?);
            }
        }
        return Ok(out);
    }
    match anchor {
        Anchor::ApplicationStarted | Anchor::ApplicationSubmitted => {
            for app in db::automation::applications_in(conn, cycle, &statuses)? {
                let (label, at) = if anchor == Anchor::ApplicationStarted {
                    ("started", Some(app.created_at))
                } else {
                    ("submitted", app.submitted_at)
                };
                if let Some(due) = at.and_then(|at| time_due(rule, at, window)) {
                    out.push((app.id, format!("{label}#{}", due.index), due.at));
                }
            }
        }
        Anchor::DocumentRejected => {
            for (app, document, _, at) in
                db::automation::rejected_documents(conn, cycle, &statuses)?
            {
                if let Some(due) = time_due(rule, at, window) {
                    out.push((app, format!("document:{document}#{}", due.index), due.at));
                }
            }
        }
        Anchor::ExamSession => {
            for booked in db::automation::booked_sessions(conn, cycle, &statuses)? {
                let Some(at) = booked.starts.as_deref().and_then(warsaw_time) else {
                    continue;
                };
                if let Some(due) = time_due(rule, at, window) {
                    let occurrence =
                        format!("booking:{}@{}#{}", booked.booking_id, stamp(&at), due.index);
                    out.push((booked.application_id, occurrence, due.at));
                }
            }
        }
        _ => {}
    }
    Ok(out)
}

/// The cycle-wide dates of `anchor`, each with a label naming it in occurrences.
pub fn cycle_dates(def: &Definition, anchor: Anchor) -> Vec<(String, NaiveDateTime)> {
    match anchor {
        Anchor::CycleCloses => warsaw_time(def.cycle.cycle.closes.get_ref())
            .map(|t| ("closes".to_owned(), t))
            .into_iter()
            .collect(),
        Anchor::PaymentDeadline => payment_deadline(def)
            .map(|t| ("payment".to_owned(), t))
            .into_iter()
            .collect(),
        Anchor::RoundConfirmBy => def
            .cycle
            .cycle
            .rounds
            .iter()
            .filter_map(|r| {
                warsaw_time(&format!("{} 23:59", r.confirm_by.get_ref()))
                    .map(|t| (format!("round{}", r.number), t))
            })
            .collect(),
        _ => vec![],
    }
}
