//! What a rule would do now, for staff checking it: the applications it concerns whose
//! condition holds at this moment, and when its time trigger next falls. Nothing is written.

use super::fire::{facts_of, holds};
use super::tick::cycle_dates;
use crate::db::{self, DbConn};
use crate::domain::automation::schedule::next_after;
use crate::domain::automation::{Anchor, Rule, Trigger};
use crate::domain::cycle::expr::Expr;
use crate::domain::cycle::warsaw_time;
use crate::services::applications::{profile, with_scores, Application};
use crate::services::cycle_cache::CurrentCycle;
use chrono::NaiveDateTime;

/// How many applications a dry run checks at most; a larger cycle is reported as checked in
/// part.
pub const MAX_CHECKED: usize = 2_000;

pub struct DryRun {
    /// The applications it would act on now.
    pub would_act: Vec<Application>,
    /// How many applications are in the statuses it concerns.
    pub in_scope: usize,
    /// Fewer than `in_scope` were checked (see [`MAX_CHECKED`]).
    pub partial: bool,
    /// Conditions that could not be evaluated, with the application.
    pub errors: Vec<(String, String)>,
    /// When the time trigger next falls (UTC); None for an event trigger or no date ahead.
    pub next: Option<NaiveDateTime>,
}

pub fn dry_run(
    conn: &mut DbConn,
    current: &CurrentCycle,
    rule: &Rule,
    when: Option<&Expr>,
    now: NaiveDateTime,
) -> anyhow::Result<DryRun> {
    let def = &current.definition;
    let rows =
        db::automation::applications_in(conn, &current.cycle_code, &rule.possible_statuses())?;
    let in_scope = rows.len();
    let mut would_act = Vec::new();
    let mut errors = Vec::new();
    let mut next: Option<NaiveDateTime> = None;
    let mut earliest = |t: Option<NaiveDateTime>| {
        if let Some(t) = t {
            next = Some(next.map_or(t, |n: NaiveDateTime| n.min(t)));
        }
    };
    if let Trigger::Time { anchor, .. } = &rule.trigger {
        for (_, at) in cycle_dates(def, *anchor) {
            earliest(next_after(rule, at, now));
        }
    }
    if let Trigger::Daily { .. } = &rule.trigger {
        earliest(next_after(rule, now, now));
    }
    let mut apps = Vec::new();
    for concerned in rows.iter().take(MAX_CHECKED) {
        let id = crate::domain::ids::ApplicationId::new(concerned.id.clone());
        if let Some(row) = db::applications::find(conn, &id)? {
            apps.push(Application::from_row(row)?);
        }
    }
    // With their exam scores, which a condition may read.
    for app in with_scores(conn, apps)? {
        if let Trigger::Time { anchor, .. } = &rule.trigger {
            let own = match anchor {
                Anchor::ApplicationStarted => Some(app.row.created_at),
                Anchor::ApplicationSubmitted => app.row.submitted_at,
                _ => None,
            };
            earliest(own.and_then(|at| next_after(rule, at, now)));
        }
        let holds_now = match when {
            None => Ok(true),
            Some(when) => {
                let answers = profile(conn, app.row.candidate_id.as_str())?.answers;
                let facts = facts_of(conn, &app, app.row.status)?;
                holds(def, when, &app, &answers, &facts)
            }
        };
        match holds_now {
            Ok(true) => would_act.push(app),
            Ok(false) => {}
            Err(e) => errors.push((app.row.reference(), format!("{e:#}"))),
        }
    }
    if matches!(
        &rule.trigger,
        Trigger::Time {
            anchor: Anchor::ExamSession,
            ..
        }
    ) {
        for booked in
            db::automation::booked_sessions(conn, &current.cycle_code, &rule.possible_statuses())?
        {
            earliest(
                booked
                    .starts
                    .as_deref()
                    .and_then(warsaw_time)
                    .and_then(|at| next_after(rule, at, now)),
            );
        }
    }
    Ok(DryRun {
        would_act,
        in_scope,
        partial: in_scope > MAX_CHECKED,
        errors,
        next,
    })
}
