//! Automation: rules that act on applications when something happens to them or when a date
//! comes (`automation.toml`), read into types (`rule`), their times (`schedule`) and the check
//! that no rule sets off itself through status changes (`loops`). Pure: the engine is
//! `services::automation`.

pub mod model;
pub mod rule;
pub mod schedule;

pub use model::{AutomationFile, AUTOMATION_FILE};
pub use rule::{Action, Anchor, Channel, Event, Rule, Trigger};

/// How deep a chain of rules may go (a rule's status change firing another rule…) before the
/// engine stops it: the check refuses loops, this stops one it could not see.
pub const MAX_CHAIN: u8 = 4;

/// One firing of a rule for one application: what its job carries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Firing {
    pub cycle: String,
    pub rule: String,
    pub application_id: String,
    /// Which time or happening it is for (`closes@202707142159#0`, `document:<id>#2`, …).
    pub occurrence: String,
    /// How many rules' status changes led to it (0 for a date or what people did).
    pub chain: u8,
}

impl Firing {
    /// The deduplication key, also the firing's id.
    pub fn key(&self) -> String {
        format!(
            "{}:{}:{}:{}",
            self.cycle, self.rule, self.application_id, self.occurrence
        )
    }
}

/// A definition's rules read and their conditions compiled, once per published version.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<(Rule, Option<crate::domain::cycle::expr::Expr>)>,
}

impl RuleSet {
    /// The rules of a validated definition (one that does not read is left out).
    pub fn of(def: &crate::domain::cycle::Definition) -> RuleSet {
        let rules = def
            .automation
            .rules
            .iter()
            .filter_map(|def| {
                let rule = Rule::parse(def).ok()?;
                let when = match &def.when {
                    Some(source) => {
                        Some(crate::domain::cycle::expr::Expr::compile(source.get_ref()).ok()?)
                    }
                    None => None,
                };
                Some((rule, when))
            })
            .collect();
        RuleSet { rules }
    }

    /// The enabled rule `id` and its condition.
    pub fn get(&self, id: &str) -> Option<&(Rule, Option<crate::domain::cycle::expr::Expr>)> {
        self.rules.iter().find(|(r, _)| r.id == id && r.enabled)
    }

    /// The enabled rules.
    pub fn enabled(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().map(|(r, _)| r).filter(|r| r.enabled)
    }
}

/// What a rule's condition reads about the application as `application`.
#[derive(Debug, Clone)]
pub struct ApplicationFacts {
    pub status: crate::domain::ApplicationStatus,
    /// UTC.
    pub started: chrono::NaiveDateTime,
    pub submitted: Option<chrono::NaiveDateTime>,
    /// An application fee is still owed (not paid, waived or exempt).
    pub fee_due: bool,
    /// Documents of the application (or its profile) rejected and not yet replaced.
    pub rejected_documents: i64,
    /// Exam and interview sessions booked now.
    pub booked_exams: i64,
}

impl ApplicationFacts {
    /// As CEL sees it: dates as Warsaw `YYYY-MM-DD HH:MM` texts (which compare in order), an
    /// empty text for a date not reached.
    pub fn vars(&self) -> serde_json::Value {
        use chrono::TimeZone;
        let warsaw = |t: &chrono::NaiveDateTime| {
            chrono_tz::Europe::Warsaw
                .from_utc_datetime(t)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        };
        serde_json::json!({
            "status": self.status.as_str(),
            "started": warsaw(&self.started),
            "submitted": self.submitted.as_ref().map(warsaw).unwrap_or_default(),
            "fee_due": self.fee_due,
            "rejected_documents": self.rejected_documents,
            "booked_exams": self.booked_exams,
        })
    }
}

/// Rule ids that set off a chain of status changes coming back to themselves, with the chain
/// (`a → b → a`). A rule whose action changes the status fires every rule triggered by a change
/// into that status.
pub fn loops(rules: &[Rule]) -> Vec<(String, String)> {
    let fires = |from: &Rule, to: &Rule| {
        from.sets_status().is_some_and(|set| {
            from.possible_statuses()
                .into_iter()
                .any(|before| before.may_move(set) && to.trigger.fires_on_status(before, set))
        })
    };
    let mut found = Vec::new();
    for (start, rule) in rules.iter().enumerate() {
        // Depth-first from each rule, looking for a way back to it.
        let mut stack = vec![(start, vec![start])];
        let mut seen = std::collections::BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for (next, other) in rules.iter().enumerate() {
                if !fires(&rules[at], other) {
                    continue;
                }
                if next == start {
                    let chain: Vec<&str> = path
                        .iter()
                        .chain(std::iter::once(&start))
                        .map(|i| rules[*i].id.as_str())
                        .collect();
                    found.push((rule.id.clone(), chain.join(" → ")));
                    stack.clear();
                    break;
                }
                if seen.insert(next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push((next, longer));
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::status::ApplicationStatus::*;

    fn rule(
        id: &str,
        from: Vec<crate::domain::ApplicationStatus>,
        to: Vec<crate::domain::ApplicationStatus>,
        set: crate::domain::ApplicationStatus,
    ) -> Rule {
        Rule {
            id: id.into(),
            name: Default::default(),
            enabled: true,
            trigger: Trigger::Event {
                event: Event::Status,
                from,
                to,
            },
            statuses: vec![],
            when: None,
            actions: vec![Action::Status(set)],
        }
    }

    #[test]
    fn two_rules_that_move_an_application_back_and_forth_are_a_loop() {
        let back = rule("back", vec![], vec![UnderReview], Submitted);
        let forth = rule("forth", vec![], vec![Submitted], UnderReview);
        let found = loops(&[back, forth]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0], ("back".into(), "back → forth → back".into()));
    }

    #[test]
    fn a_rule_that_moves_on_once_is_no_loop() {
        let review = rule("review", vec![], vec![Submitted], UnderReview);
        assert!(loops(&[review]).is_empty());
    }
}
