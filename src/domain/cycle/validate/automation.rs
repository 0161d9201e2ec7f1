//! Checks `automation.toml` and `messages/`: each rule reads (trigger, statuses, actions), its
//! condition compiles and works for sample applications of every programme, the messages it
//! sends exist, the status changes it makes are allowed, no rules set each other off in a loop;
//! every message has every language and its templates parse and use only known variables.

use super::checker::{Checker, Scope};
use super::problem::{Location, Part};
use super::samples::{sample_vars, VARIANTS};
use crate::domain::automation::{loops, Action, ApplicationFacts, Rule, AUTOMATION_FILE};
use crate::domain::cycle::expr::{Bound, Expr, Vars};
use crate::domain::messages::{check_template, name_of};
use crate::domain::status::ApplicationStatus;
use std::collections::BTreeMap;

pub(super) fn check_automation(c: &mut Checker<'_>) {
    let def = c.def;
    let file = AUTOMATION_FILE;
    let mut ids = BTreeMap::new();
    let mut parsed = Vec::new();
    for rule in &def.automation.rules {
        let id = rule.id.get_ref().clone();
        let at = |field| Part::Rule(id.clone()).at(field);
        c.unique(&at("id"), file, &mut ids, &rule.id, "rule id");
        c.text(&at("name"), file, &rule.name, "rule name");
        let condition = rule.when.as_ref().and_then(|when| {
            c.expr(&at("when"), file, when, "when", Scope::Rule)
                .map(|e| (e, when.span().start))
        });
        for message in rule.actions.iter().filter_map(|a| a.send.as_ref()) {
            check_message_exists(c, &id, message);
        }
        let typed = Rule::parse(rule);
        let statuses = match &typed {
            Ok(typed) => typed.possible_statuses(),
            Err(_) => ApplicationStatus::ALL.to_vec(),
        };
        if let Some((expr, offset)) = condition {
            try_condition(c, &id, &statuses, &expr, offset);
        }
        match typed {
            Ok(typed) => {
                check_status_changes(c, &typed, rule.id.span().start);
                parsed.push((typed, rule.id.span().start));
            }
            Err(problems) => {
                for p in problems {
                    c.at(&at(p.field), file, p.offset, p.message);
                }
            }
        }
    }
    let rules: Vec<Rule> = parsed.iter().map(|(r, _)| r.clone()).collect();
    for (id, chain) in loops(&rules) {
        let offset = parsed
            .iter()
            .find(|(r, _)| r.id == id)
            .map_or(0, |(_, o)| *o);
        c.at(
            &Part::Rule(id.clone()).at("actions"),
            file,
            offset,
            format!("rule \"{id}\" sets itself off through status changes: {chain}"),
        );
    }
    check_messages(c);
}

fn check_message_exists(c: &mut Checker<'_>, rule: &str, message: &toml::Spanned<String>) {
    if c.def.message(message.get_ref()).is_some() {
        return;
    }
    let known: Vec<&str> = c
        .def
        .messages
        .iter()
        .filter_map(|(f, _)| name_of(f))
        .collect();
    c.at(
        &Part::Rule(rule.to_owned()).at("actions"),
        AUTOMATION_FILE,
        message.span().start,
        format!(
            "message \"{}\" is not in messages/ (there are: {})",
            message.get_ref(),
            known.join(", ")
        ),
    );
}

fn check_status_changes(c: &mut Checker<'_>, rule: &Rule, offset: usize) {
    let at = |field| Part::Rule(rule.id.clone()).at(field);
    for action in &rule.actions {
        match action {
            Action::Send { .. } => {}
            Action::Status(to) => {
                let from = rule.possible_statuses();
                if from.len() == ApplicationStatus::ALL.len() {
                    c.at(
                        &at("statuses"),
                        AUTOMATION_FILE,
                        offset,
                        format!(
                            "a rule that changes the status must say from which statuses (statuses = [...]) it moves applications to {to}"
                        ),
                    );
                    continue;
                }
                let refused: Vec<&str> = from
                    .iter()
                    .filter(|f| !f.may_move(*to))
                    .map(|f| f.as_str())
                    .collect();
                if !refused.is_empty() {
                    c.at(
                        &at("statuses"),
                        AUTOMATION_FILE,
                        offset,
                        format!(
                            "an application cannot move from {} to {to}",
                            refused.join(", ")
                        ),
                    );
                }
            }
            Action::History(text) => {
                let text = toml::Spanned::new(offset..offset, text.clone());
                c.text(&at("actions"), AUTOMATION_FILE, &text, "history note");
            }
        }
    }
}

/// Tries the condition on sample applications of every programme, in every status the rule
/// can meet.
fn try_condition(
    c: &mut Checker<'_>,
    rule: &str,
    statuses: &[ApplicationStatus],
    expr: &Expr,
    offset: usize,
) {
    let def = c.def;
    let started = chrono::NaiveDate::from_ymd_opt(2027, 6, 1)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default();
    for (_, program) in &def.programs {
        let p = &program.program;
        let workflow = def.workflow_of(p.code.get_ref());
        for variant in 0..VARIANTS {
            for status in statuses {
                let facts = ApplicationFacts {
                    status: *status,
                    started,
                    submitted: (variant % 2 == 0).then_some(started),
                    fee_due: variant != 0,
                    rejected_documents: variant as i64,
                    booked_exams: variant as i64,
                };
                let vars = Vars {
                    application: facts.vars(),
                    ..sample_vars(def, program, workflow, variant)
                };
                let outcome = Bound::new(&vars).and_then(|bound| expr.eval_bool_in(&bound));
                if let Err(message) = outcome {
                    if c.reported.insert((AUTOMATION_FILE.to_owned(), offset)) {
                        c.at(
                            &Part::Rule(rule.to_owned()).at("when"),
                            AUTOMATION_FILE,
                            offset,
                            format!(
                                "when: {message} (checked for programme {})",
                                p.code.get_ref()
                            ),
                        );
                    }
                    return;
                }
            }
        }
    }
}

fn check_messages(c: &mut Checker<'_>) {
    let def = c.def;
    for (file, message) in &def.messages {
        let name = name_of(file).unwrap_or(file).to_owned();
        let at = |field| Part::Message(name.clone()).at(field);
        let Some(first) = message.values().next() else {
            c.at(
                &Location::file(),
                file,
                0,
                format!("message \"{name}\" has no language: add [pl] and [en] tables"),
            );
            continue;
        };
        let start = first.subject.span().start;
        let missing: Vec<&str> = c
            .locales
            .iter()
            .filter(|l| !message.contains_key(*l))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            c.at(
                &at("text"),
                file,
                start,
                format!("message \"{name}\" has no text in {}", missing.join(", ")),
            );
        }
        for locale in message
            .keys()
            .filter(|l| !c.locales.contains(l))
            .cloned()
            .collect::<Vec<_>>()
        {
            c.at(
                &at("text"),
                file,
                start,
                format!(
                    "message \"{name}\" has text in {locale}, which is not one of the cycle's languages ({})",
                    c.locales.join(", ")
                ),
            );
        }
        for (locale, text) in message {
            let parts = [
                ("subject", Some(&text.subject)),
                ("text", Some(&text.text)),
                ("html", text.html.as_ref()),
            ];
            for (part, source) in parts {
                let Some(source) = source else { continue };
                if source.get_ref().trim().is_empty() {
                    c.at(
                        &at(part),
                        file,
                        source.span().start,
                        format!("the {part} of [{locale}] is empty"),
                    );
                } else if let Err(problem) = check_template(source.get_ref()) {
                    c.at(
                        &at(part),
                        file,
                        source.span().start,
                        format!("the {part} of [{locale}]: {problem}"),
                    );
                }
            }
        }
    }
}
