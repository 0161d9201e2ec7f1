//! A rule read into types: what triggers it, which applications it concerns, what it does.
//! `Rule::parse` is the one reading of a `RuleDef`; the definition's check reports its
//! problems and the engine uses what it gives.

use super::model::{ActionDef, RuleDef, TriggerDef};
use crate::domain::cycle::model::Text;
use crate::domain::status::ApplicationStatus;
use chrono::{Duration, NaiveTime};

/// Something that happens to one application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// The status changed (`from` → `to`).
    Status,
    DocumentRejected,
    DocumentAccepted,
    PaymentReceived,
    BookingMade,
    BookingCancelled,
}

impl Event {
    pub const ALL: [Event; 6] = [
        Event::Status,
        Event::DocumentRejected,
        Event::DocumentAccepted,
        Event::PaymentReceived,
        Event::BookingMade,
        Event::BookingCancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Event::Status => "status",
            Event::DocumentRejected => "document_rejected",
            Event::DocumentAccepted => "document_accepted",
            Event::PaymentReceived => "payment_received",
            Event::BookingMade => "booking_made",
            Event::BookingCancelled => "booking_cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// A date a time trigger counts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Registration closes (the cycle's `closes`).
    CycleCloses,
    /// The last moment a submitted application's fee may be paid (close plus grace days).
    PaymentDeadline,
    /// Each round's confirmation deadline (end of its `confirm_by` day).
    RoundConfirmBy,
    ApplicationStarted,
    ApplicationSubmitted,
    /// Each document of the application that is rejected now, from its decision.
    DocumentRejected,
    /// Each booked exam or interview session's start.
    ExamSession,
}

impl Anchor {
    pub const ALL: [Anchor; 7] = [
        Anchor::CycleCloses,
        Anchor::PaymentDeadline,
        Anchor::RoundConfirmBy,
        Anchor::ApplicationStarted,
        Anchor::ApplicationSubmitted,
        Anchor::DocumentRejected,
        Anchor::ExamSession,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Anchor::CycleCloses => "cycle.closes",
            Anchor::PaymentDeadline => "payment.deadline",
            Anchor::RoundConfirmBy => "round.confirm_by",
            Anchor::ApplicationStarted => "application.started",
            Anchor::ApplicationSubmitted => "application.submitted",
            Anchor::DocumentRejected => "document.rejected",
            Anchor::ExamSession => "exam.session",
        }
    }

    pub fn parse(s: &str) -> Option<Anchor> {
        Anchor::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// One date for the whole cycle (the same for every application), not one per
    /// application.
    pub fn is_cycle_wide(self) -> bool {
        matches!(
            self,
            Anchor::CycleCloses | Anchor::PaymentDeadline | Anchor::RoundConfirmBy
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    Event {
        event: Event,
        /// For status changes: from any of these (none: any).
        from: Vec<ApplicationStatus>,
        /// For status changes: to any of these (none: any).
        to: Vec<ApplicationStatus>,
    },
    Time {
        anchor: Anchor,
        /// Added to the anchor: negative for `before`.
        offset: Duration,
        /// Again every so long after the first time, while the anchor stands.
        every: Option<Duration>,
    },
    /// Every day at this Warsaw time.
    Daily { at: NaiveTime },
}

impl Trigger {
    /// Whether a status change `from` → `to` fires it.
    pub fn fires_on_status(&self, from: ApplicationStatus, to: ApplicationStatus) -> bool {
        match self {
            Trigger::Event {
                event: Event::Status,
                from: froms,
                to: tos,
            } => {
                from != to
                    && (froms.is_empty() || froms.contains(&from))
                    && (tos.is_empty() || tos.contains(&to))
            }
            _ => false,
        }
    }

    /// A `before` trigger is a warning: once its date has passed, a late run does not send it.
    pub fn lapses_at_anchor(&self) -> bool {
        matches!(self, Trigger::Time { offset, every: None, .. } if *offset < Duration::zero())
    }
}

/// Where a message goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
}

impl Channel {
    pub const ALL: [Channel; 1] = [Channel::Email];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Email => "email",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Send {
        message: String,
        channels: Vec<Channel>,
    },
    Status(ApplicationStatus),
    History(Text),
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub name: Text,
    pub enabled: bool,
    pub trigger: Trigger,
    pub statuses: Vec<ApplicationStatus>,
    pub when: Option<String>,
    pub actions: Vec<Action>,
}

/// What is wrong with a rule, at a byte offset of its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleProblem {
    pub offset: usize,
    /// The rule's value it is about (`trigger`, `statuses`, `actions`, …).
    pub field: &'static str,
    pub message: String,
}

fn status_list(
    values: &[toml::Spanned<String>],
    field: &'static str,
    problems: &mut Vec<RuleProblem>,
) -> Vec<ApplicationStatus> {
    let mut out = Vec::new();
    for value in values {
        match ApplicationStatus::parse(value.get_ref()) {
            Some(status) => out.push(status),
            None => problems.push(RuleProblem {
                offset: value.span().start,
                field,
                message: format!(
                    "\"{}\" is not an application status (one of: {})",
                    value.get_ref(),
                    ApplicationStatus::ALL.map(|s| s.as_str()).join(", ")
                ),
            }),
        }
    }
    out
}

fn one_of<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    all.iter().map(|x| name(*x)).collect::<Vec<_>>().join(", ")
}

impl Rule {
    /// Reads `def`; every problem is returned at once.
    pub fn parse(def: &RuleDef) -> Result<Rule, Vec<RuleProblem>> {
        let at = def.id.span().start;
        let mut problems = Vec::new();
        let trigger = parse_trigger(&def.trigger, at, &mut problems);
        let statuses = status_list(&def.statuses, "statuses", &mut problems);
        let mut actions = Vec::new();
        if def.actions.is_empty() {
            problems.push(RuleProblem {
                offset: at,
                field: "actions",
                message: "the rule does nothing: give it at least one action".into(),
            });
        }
        for action in &def.actions {
            if let Some(action) = parse_action(action, at, &mut problems) {
                actions.push(action);
            }
        }
        let status_actions = actions
            .iter()
            .filter(|a| matches!(a, Action::Status(_)))
            .count();
        if status_actions > 1 {
            problems.push(RuleProblem {
                offset: at,
                field: "actions",
                message: "a rule may change the status once".into(),
            });
        }
        match (trigger, problems.is_empty()) {
            (Some(trigger), true) => Ok(Rule {
                id: def.id.get_ref().clone(),
                name: def.name.get_ref().clone(),
                enabled: def.enabled,
                trigger,
                statuses,
                when: def.when.as_ref().map(|w| w.get_ref().clone()),
                actions,
            }),
            _ => Err(problems),
        }
    }

    /// The status its action moves to, if it has one.
    pub fn sets_status(&self) -> Option<ApplicationStatus> {
        self.actions.iter().find_map(|a| match a {
            Action::Status(s) => Some(*s),
            _ => None,
        })
    }

    /// The statuses an application it concerns can be in: its filter, else the status a
    /// status-change trigger moves to, else any.
    pub fn possible_statuses(&self) -> Vec<ApplicationStatus> {
        if !self.statuses.is_empty() {
            return self.statuses.clone();
        }
        match &self.trigger {
            Trigger::Event {
                event: Event::Status,
                to,
                ..
            } if !to.is_empty() => to.clone(),
            _ => ApplicationStatus::ALL.to_vec(),
        }
    }

    /// The history note it writes: its own, or its name.
    pub fn note(&self) -> Text {
        self.actions
            .iter()
            .find_map(|a| match a {
                Action::History(text) => Some(text.clone()),
                _ => None,
            })
            .unwrap_or_else(|| self.name.clone())
    }
}

fn parse_trigger(def: &TriggerDef, at: usize, problems: &mut Vec<RuleProblem>) -> Option<Trigger> {
    let problem = |problems: &mut Vec<RuleProblem>, offset: usize, message: String| {
        problems.push(RuleProblem {
            offset,
            field: "trigger",
            message,
        })
    };
    let kinds = [
        def.event.is_some(),
        def.before.is_some(),
        def.after.is_some(),
        def.daily.is_some(),
    ]
    .into_iter()
    .filter(|x| *x)
    .count();
    if kinds != 1 {
        problem(
            problems,
            at,
            "the trigger must be exactly one of: event, before, after, daily".into(),
        );
        return None;
    }
    let is_time = def.before.is_some() || def.after.is_some();
    if !is_time && (def.days.is_some() || def.hours.is_some() || def.every_days.is_some()) {
        problem(
            problems,
            at,
            "days, hours and every_days go with before or after".into(),
        );
    }
    if def.event.as_ref().is_none_or(|e| e.get_ref() != "status")
        && (!def.from.is_empty() || !def.to.is_empty())
    {
        problem(
            problems,
            at,
            "from and to go with event = \"status\"".into(),
        );
    }
    if let Some(event) = &def.event {
        let Some(parsed) = Event::parse(event.get_ref()) else {
            problem(
                problems,
                event.span().start,
                format!(
                    "event \"{}\" is not known (one of: {})",
                    event.get_ref(),
                    one_of(&Event::ALL, Event::as_str)
                ),
            );
            return None;
        };
        let from = status_list(&def.from, "trigger", problems);
        let to = status_list(&def.to, "trigger", problems);
        if parsed == Event::Status
            && !from.is_empty()
            && !to.is_empty()
            && !from.iter().any(|f| to.iter().any(|t| f.may_move(*t)))
        {
            problem(
                problems,
                event.span().start,
                "no application can move from any status in `from` to any in `to`".into(),
            );
        }
        return Some(Trigger::Event {
            event: parsed,
            from,
            to,
        });
    }
    if let Some(daily) = &def.daily {
        return match NaiveTime::parse_from_str(daily.get_ref(), "%H:%M") {
            Ok(at) => Some(Trigger::Daily { at }),
            Err(_) => {
                problem(
                    problems,
                    daily.span().start,
                    format!("daily \"{}\" must be a time like 09:00", daily.get_ref()),
                );
                None
            }
        };
    }
    let (anchor_text, sign) = match (&def.before, &def.after) {
        (Some(before), _) => (before, -1),
        (_, Some(after)) => (after, 1),
        _ => return None,
    };
    let Some(anchor) = Anchor::parse(anchor_text.get_ref()) else {
        problem(
            problems,
            anchor_text.span().start,
            format!(
                "\"{}\" is not a date a trigger can count from (one of: {})",
                anchor_text.get_ref(),
                one_of(&Anchor::ALL, Anchor::as_str)
            ),
        );
        return None;
    };
    let offset = Duration::days(i64::from(def.days.unwrap_or(0)))
        + Duration::hours(i64::from(def.hours.unwrap_or(0)));
    let every = match def.every_days {
        Some(0) => {
            problem(
                problems,
                anchor_text.span().start,
                "every_days must be at least 1".into(),
            );
            None
        }
        Some(days) => Some(Duration::days(i64::from(days))),
        None => None,
    };
    if every.is_some() && sign < 0 {
        problem(
            problems,
            anchor_text.span().start,
            "every_days goes with after (a repeat counts on from a date)".into(),
        );
    }
    Some(Trigger::Time {
        anchor,
        offset: offset * sign,
        every,
    })
}

fn parse_action(def: &ActionDef, at: usize, problems: &mut Vec<RuleProblem>) -> Option<Action> {
    let kinds = [
        def.send.is_some(),
        def.status.is_some(),
        def.history.is_some(),
    ]
    .into_iter()
    .filter(|x| *x)
    .count();
    if kinds != 1 {
        problems.push(RuleProblem {
            offset: at,
            field: "actions",
            message: "each action is exactly one of: send, status, history".into(),
        });
        return None;
    }
    if def.send.is_none() && !def.channels.is_empty() {
        problems.push(RuleProblem {
            offset: at,
            field: "actions",
            message: "channels go with send".into(),
        });
    }
    if let Some(message) = &def.send {
        let mut channels = Vec::new();
        for channel in &def.channels {
            match Channel::parse(channel.get_ref()) {
                Some(c) if !channels.contains(&c) => channels.push(c),
                Some(_) => {}
                None => problems.push(RuleProblem {
                    offset: channel.span().start,
                    field: "actions",
                    message: format!(
                        "channel \"{}\" is not known (one of: {})",
                        channel.get_ref(),
                        one_of(&Channel::ALL, Channel::as_str)
                    ),
                }),
            }
        }
        if channels.is_empty() {
            channels.push(Channel::Email);
        }
        return Some(Action::Send {
            message: message.get_ref().clone(),
            channels,
        });
    }
    if let Some(status) = &def.status {
        return match ApplicationStatus::parse(status.get_ref()) {
            Some(s) => Some(Action::Status(s)),
            None => {
                problems.push(RuleProblem {
                    offset: status.span().start,
                    field: "actions",
                    message: format!(
                        "status \"{}\" is not an application status (one of: {})",
                        status.get_ref(),
                        ApplicationStatus::ALL.map(|s| s.as_str()).join(", ")
                    ),
                });
                None
            }
        };
    }
    def.history
        .as_ref()
        .map(|text| Action::History(text.get_ref().clone()))
}
