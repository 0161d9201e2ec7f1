//! The automation rules of the current cycle for the staff who define it: each rule in words
//! (trigger, statuses, condition, actions) with how often it fired, and a dry run showing which
//! applications it would act on now and when its time trigger next falls.

use crate::domain::automation::{Action, Anchor, Event, Rule, Trigger};
use crate::i18n::format::pick;
use crate::routes::views::programme_name;
use crate::services::automation::dry_run::{dry_run, MAX_CHECKED};
use crate::web::page::render;
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;
use fluent_templates::fluent_bundle::FluentValue;

/// The routes under `/staff/automation`, relative to the staff scope.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/automation").route(web::get().to(rules)))
        .service(web::resource("/automation/{rule}").route(web::get().to(rule_page)));
}

/// A rule as staff read it.
struct RuleView {
    id: String,
    name: String,
    enabled: bool,
    trigger: String,
    statuses: String,
    when: String,
    actions: Vec<String>,
    /// Outcome in words → how many firings had it.
    fired: Vec<(String, i64)>,
    link: String,
}

fn status_names(page: &Page, statuses: &[crate::domain::ApplicationStatus]) -> String {
    statuses
        .iter()
        .map(|s| page.t(&s.message_id()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn anchor_id(anchor: Anchor) -> &'static str {
    match anchor {
        Anchor::CycleCloses => "automation-anchor-cycle-closes",
        Anchor::PaymentDeadline => "automation-anchor-payment-deadline",
        Anchor::RoundConfirmBy => "automation-anchor-round-confirm-by",
        Anchor::ApplicationStarted => "automation-anchor-application-started",
        Anchor::ApplicationSubmitted => "automation-anchor-application-submitted",
        Anchor::DocumentRejected => "automation-anchor-document-rejected",
        Anchor::ExamSession => "automation-anchor-exam-session",
    }
}

fn event_id(event: Event) -> String {
    format!("automation-event-{}", event.as_str().replace('_', "-"))
}

/// The trigger in words: "3 days before registration closes", "when the status changes to …".
fn trigger_words(page: &Page, rule: &Rule) -> String {
    match &rule.trigger {
        Trigger::Event {
            event: Event::Status,
            to,
            ..
        } => {
            let to = if to.is_empty() {
                page.t("automation-any-status")
            } else {
                status_names(page, to)
            };
            page.t1("automation-trigger-status", "to", &to)
        }
        Trigger::Event { event, .. } => page.t(&event_id(*event)),
        Trigger::Daily { at } => page.t1(
            "automation-trigger-daily",
            "time",
            &at.format("%H:%M").to_string(),
        ),
        Trigger::Time {
            anchor,
            offset,
            every,
        } => {
            let hours = offset.num_hours().abs();
            let offset_words = page.t_args(
                "automation-offset",
                &[
                    ("days", FluentValue::from(hours / 24)),
                    ("hours", FluentValue::from(hours % 24)),
                ],
            );
            let side = if offset.num_seconds() < 0 {
                "automation-trigger-before"
            } else {
                "automation-trigger-after"
            };
            let mut words = page.t_args(
                side,
                &[
                    ("offset", FluentValue::from(offset_words)),
                    ("anchor", FluentValue::from(page.t(anchor_id(*anchor)))),
                ],
            );
            if let Some(every) = every {
                words.push_str(&page.tn("automation-trigger-repeat", "days", &every.num_days()));
            }
            words
        }
    }
}

fn action_words(page: &Page, action: &Action) -> String {
    match action {
        Action::Send { message, channels } => page.t_args(
            "automation-action-send",
            &[
                ("message", FluentValue::from(message.clone())),
                (
                    "channels",
                    FluentValue::from(
                        channels
                            .iter()
                            .map(|c| page.t(&format!("automation-channel-{}", c.as_str())))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ),
            ],
        ),
        Action::Status(to) => page.t1(
            "automation-action-status",
            "status",
            &page.t(&to.message_id()),
        ),
        Action::History(note) => page.t1(
            "automation-action-history",
            "note",
            &pick(note, page.lang()),
        ),
    }
}

fn view(page: &Page, rule: &Rule, counts: &[(String, Option<String>, i64)]) -> RuleView {
    RuleView {
        id: rule.id.clone(),
        name: pick(&rule.name, page.lang()),
        enabled: rule.enabled,
        trigger: trigger_words(page, rule),
        statuses: if rule.statuses.is_empty() {
            page.t("automation-any-status")
        } else {
            status_names(page, &rule.statuses)
        },
        when: rule.when.clone().unwrap_or_default(),
        actions: rule.actions.iter().map(|a| action_words(page, a)).collect(),
        fired: counts
            .iter()
            .filter(|(id, _, _)| *id == rule.id)
            .map(|(_, outcome, n)| {
                let outcome = outcome.as_deref().unwrap_or("waiting");
                (page.t(&format!("automation-outcome-{outcome}")), *n)
            })
            .collect(),
        link: format!("/staff/automation/{}", rule.id),
    }
}

#[derive(Template)]
#[template(path = "staff/automation/rules.html")]
struct RulesPage {
    page: Page,
    rules: Vec<RuleView>,
}

/// Every rule of the current cycle.
pub async fn rules(
    page: Page,
    _staff: CycleEditor,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let cycle = state.cycle().await?.ok_or(AppError::NotFound)?;
    let code = cycle.cycle_code.clone();
    let counts = state
        .db(move |conn| crate::db::automation::counts(conn, &code).map_err(AppError::from))
        .await?;
    let rules = cycle
        .rules
        .rules
        .iter()
        .map(|(rule, _)| view(&page, rule, &counts))
        .collect();
    render(&RulesPage { page, rules })
}

/// An application the dry run found.
struct Concerned {
    link: String,
    reference: String,
    programme: String,
    status: String,
}

#[derive(Template)]
#[template(path = "staff/automation/rule.html")]
struct RulePage {
    page: Page,
    rule: RuleView,
    would_act: Vec<Concerned>,
    /// "Would act on 3 of the 120 applications it concerns."
    summary: String,
    /// Said when only part of the applications were checked.
    partial: String,
    errors: Vec<(String, String)>,
    next: String,
}

/// One rule and its dry run.
pub async fn rule_page(
    page: Page,
    _staff: CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let cycle = state.cycle().await?.ok_or(AppError::NotFound)?;
    let id = path.into_inner();
    let (rule, when) = cycle
        .rules
        .rules
        .iter()
        .find(|(r, _)| r.id == id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let current = cycle.clone();
    let (counts, run) = {
        let rule = rule.clone();
        state
            .db(move |conn| {
                let counts = crate::db::automation::counts(conn, &current.cycle_code)?;
                let run = dry_run(conn, &current, &rule, when.as_ref(), crate::db::now())?;
                Ok::<_, AppError>((counts, run))
            })
            .await?
    };
    let locale = page.lang();
    let would_act = run
        .would_act
        .iter()
        .map(|app| Concerned {
            link: format!("/staff/applications/{}", app.row.id),
            reference: app.row.reference(),
            programme: programme_name(&cycle.definition, app.row.program_code.as_str(), locale),
            status: page.t(&app.row.status.message_id()),
        })
        .collect();
    let next = match (&rule.trigger, run.next) {
        (Trigger::Event { .. }, _) => page.t("automation-next-event"),
        (_, Some(next)) => page.t1("automation-next", "time", &page.datetime(&next)),
        (_, None) => page.t("automation-next-none"),
    };
    let summary = page.t_args(
        "automation-would-act",
        &[
            ("count", FluentValue::from(run.would_act.len())),
            ("scope", FluentValue::from(run.in_scope)),
        ],
    );
    let partial = if run.partial {
        page.tn("automation-partial", "count", &(MAX_CHECKED as i64))
    } else {
        String::new()
    };
    render(&RulePage {
        rule: view(&page, &rule, &counts),
        would_act,
        summary,
        partial,
        errors: run.errors,
        next,
        page,
    })
}
