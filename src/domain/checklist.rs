//! The checklist of what an application needs: one item per step, document and fee, each with
//! its state and the reason it applies (the facts of the candidate a condition read).

use super::answers::is_empty;
use super::cycle::evaluate::{Applicant, Because, Preview, Scope};
use super::cycle::model::{Definition, FieldDef, FieldType, Text};
use super::documents::{DocumentStatus, LatestDocument};
use super::money::Money;
use super::payments::FeeStatus;
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemState {
    Missing,
    Complete,
    /// A document uploaded and waiting for verification.
    Submitted,
    Accepted,
    Rejected,
    Waived,
    /// The fee, payable once the application is submitted.
    ToPay,
    /// The fee, due since submission and not paid yet.
    Due,
    /// The fee: a payment was started and its result is not known yet.
    PaymentPending,
    Paid,
    Refunded,
    /// An exam to book once the application allows it (e.g. after submission).
    BookLater,
    /// An exam to book now.
    ToBook,
    Booked,
}

impl ItemState {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemState::Missing => "missing",
            ItemState::Complete => "complete",
            ItemState::Submitted => "submitted",
            ItemState::Accepted => "accepted",
            ItemState::Rejected => "rejected",
            ItemState::Waived => "waived",
            ItemState::ToPay => "to-pay",
            ItemState::Due => "due",
            ItemState::PaymentPending => "payment-pending",
            ItemState::Paid => "paid",
            ItemState::Refunded => "refunded",
            ItemState::BookLater => "book-later",
            ItemState::ToBook => "to-book",
            ItemState::Booked => "booked",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ItemKind {
    Step { key: String, scope: Scope },
    Document { key: String, step: String },
    Fee(Money),
    Exam { key: String },
}

/// A fact about the candidate that made an item apply, for "because …" sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub label: FactLabel,
    pub value: FactValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FactLabel {
    Field(Text),
    /// `candidate.polish`
    PolishCitizen,
    /// `candidate.eu`
    EuCitizen,
    /// `program.…`
    Programme(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum FactValue {
    Text(String),
    Country(String),
    Choice(Text),
    Choices(Vec<Text>),
    YesNo(bool),
    NotGiven,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    pub title: Text,
    pub state: ItemState,
    /// Always, or the condition that made the item apply.
    pub because: Because,
    /// The configured explanation (documents), if any.
    pub explanation: Option<Text>,
    /// The answers the condition read, with their values.
    pub facts: Vec<Fact>,
    /// Whether the item must be satisfied before the application can be submitted.
    pub blocking: bool,
    /// Documents whose paper original must be delivered: when it is due and when it came.
    pub original: Option<Original>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Original {
    pub due: Option<String>,
    pub received_on: Option<chrono::NaiveDate>,
}

impl Item {
    /// Still stands in the way of submission.
    pub fn is_outstanding(&self) -> bool {
        self.blocking && matches!(self.state, ItemState::Missing | ItemState::Rejected)
    }
}

/// The names a condition reads: `candidate.x`, `answers.x`, `program.x`, in order, once each.
pub fn referenced(condition: &str) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = Vec::new();
    for root in ["candidate", "answers", "program"] {
        let pattern = format!("{root}.");
        let mut rest = condition;
        while let Some(at) = rest.find(&pattern) {
            let preceded_by_ident = rest[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
            let after = &rest[at + pattern.len()..];
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !preceded_by_ident && !name.is_empty() {
                let pair = (root.to_owned(), name.clone());
                if !found.contains(&pair) {
                    found.push(pair);
                }
            }
            rest = &after[name.len()..];
        }
    }
    let position = |(root, name): &(String, String)| condition.find(&format!("{root}.{name}"));
    found.sort_by_key(|pair| position(pair));
    found
}

fn fact_value(field: &FieldDef, value: Option<&Value>) -> FactValue {
    let Some(value) = value.filter(|v| !is_empty(v)) else {
        return match field.kind {
            FieldType::YesNo => FactValue::YesNo(false),
            _ => FactValue::NotGiven,
        };
    };
    let label_of = |v: &str| {
        field
            .options
            .iter()
            .find(|o| o.value.get_ref() == v)
            .map(|o| o.label.get_ref().clone())
    };
    match (field.kind, value) {
        (FieldType::YesNo, Value::Bool(b)) => FactValue::YesNo(*b),
        (FieldType::Country, Value::String(code)) => FactValue::Country(code.clone()),
        (FieldType::Choice, Value::String(v)) => {
            label_of(v).map_or_else(|| FactValue::Text(v.clone()), FactValue::Choice)
        }
        (FieldType::MultiChoice, Value::Array(items)) => FactValue::Choices(
            items
                .iter()
                .filter_map(Value::as_str)
                .filter_map(label_of)
                .collect(),
        ),
        (_, Value::String(s)) => FactValue::Text(s.clone()),
        (_, other) => FactValue::Text(other.to_string()),
    }
}

/// The facts behind a condition, read from the candidate's answers.
pub fn facts(def: &Definition, program: &str, condition: &str, applicant: &Applicant) -> Vec<Fact> {
    let workflow_fields: Vec<&FieldDef> = def
        .workflow_of(program)
        .map(|w| w.steps.iter().flat_map(|s| &s.fields).collect())
        .unwrap_or_default();
    let citizenship = applicant
        .profile
        .get("citizenship")
        .and_then(Value::as_str)
        .unwrap_or("");
    let mut facts = Vec::new();
    let mut citizenship_shown = false;
    for (root, name) in referenced(condition) {
        let fact = match (root.as_str(), name.as_str()) {
            ("candidate", "polish" | "eu" | "foreign") | ("candidate", "citizenship") => {
                // One sentence about citizenship, whichever way the condition asks.
                if citizenship_shown {
                    continue;
                }
                citizenship_shown = true;
                let field = def
                    .profile
                    .steps
                    .iter()
                    .flat_map(|s| &s.fields)
                    .find(|f| f.key.get_ref() == "citizenship");
                match (field, name.as_str()) {
                    (Some(field), _) if !citizenship.is_empty() => Fact {
                        label: FactLabel::Field(field.label.get_ref().clone()),
                        value: FactValue::Country(citizenship.to_owned()),
                    },
                    (_, "eu") => Fact {
                        label: FactLabel::EuCitizen,
                        value: FactValue::YesNo(false),
                    },
                    _ => Fact {
                        label: FactLabel::PolishCitizen,
                        value: FactValue::YesNo(false),
                    },
                }
            }
            ("candidate", _) => {
                let Some(field) = def
                    .profile
                    .steps
                    .iter()
                    .flat_map(|s| &s.fields)
                    .find(|f| f.key.get_ref() == &name)
                else {
                    continue;
                };
                Fact {
                    label: FactLabel::Field(field.label.get_ref().clone()),
                    value: fact_value(field, applicant.profile.get(&name)),
                }
            }
            ("answers", _) => {
                let Some(field) = workflow_fields.iter().find(|f| f.key.get_ref() == &name) else {
                    continue;
                };
                Fact {
                    label: FactLabel::Field(field.label.get_ref().clone()),
                    value: fact_value(field, applicant.answers.get(&name)),
                }
            }
            ("program", "language") => {
                let language = def
                    .program(program)
                    .map(|p| p.language.clone())
                    .unwrap_or_default();
                Fact {
                    label: FactLabel::Programme(name.clone()),
                    value: FactValue::Text(language),
                }
            }
            // Other programme properties (its code, faculty, level) say nothing about the
            // candidate.
            _ => continue,
        };
        facts.push(fact);
    }
    facts
}

/// The checklist of an application: every visible step with fields (complete when saved with
/// every required answer), every required document, and the fee.
pub fn checklist(
    def: &Definition,
    program: &str,
    preview: &Preview,
    applicant: &Applicant,
    saved_profile_steps: &[String],
    saved_application_steps: &[String],
    documents: &[LatestDocument],
) -> Vec<Item> {
    let mut items = Vec::new();
    let answer = |scope: Scope, key: &str| match scope {
        Scope::Profile => applicant.profile.get(key),
        Scope::Application => applicant.answers.get(key),
    };
    let results_given = !applicant.results.is_empty();
    for step in preview.steps.iter().filter(|s| !s.fields.is_empty()) {
        let saved = match step.scope {
            Scope::Profile => saved_profile_steps,
            Scope::Application => saved_application_steps,
        }
        .contains(&step.key);
        let answered = step
            .fields
            .iter()
            .filter(|f| f.required.is_some())
            .all(|f| {
                if f.kind == FieldType::ExamResults {
                    results_given
                } else {
                    answer(step.scope, &f.key).is_some_and(|v| !is_empty(v))
                }
            });
        let because = step.shown.clone();
        items.push(Item {
            kind: ItemKind::Step {
                key: step.key.clone(),
                scope: step.scope,
            },
            title: step.title.clone(),
            state: if saved && answered {
                ItemState::Complete
            } else {
                ItemState::Missing
            },
            facts: condition_facts(def, program, &because, applicant),
            because,
            explanation: None,
            blocking: true,
            original: None,
        });
    }
    for document in &preview.documents {
        let upload = documents.iter().find(|d| d.requirement == document.key);
        let state = match upload.map(|d| d.status) {
            Some(DocumentStatus::Accepted) => ItemState::Accepted,
            Some(DocumentStatus::Rejected) => ItemState::Rejected,
            Some(DocumentStatus::Submitted) => ItemState::Submitted,
            Some(DocumentStatus::Replaced | DocumentStatus::Deleted) | None => ItemState::Missing,
        };
        items.push(Item {
            kind: ItemKind::Document {
                key: document.key.clone(),
                step: document.step.clone(),
            },
            title: document.name.clone(),
            state,
            facts: condition_facts(def, program, &document.required, applicant),
            because: document.required.clone(),
            explanation: document.explanation.clone(),
            blocking: true,
            original: document.original_required.then(|| Original {
                due: document.original_due.clone(),
                received_on: upload.and_then(|d| d.original_received_on),
            }),
        });
    }
    for exam in &preview.exams {
        items.push(Item {
            kind: ItemKind::Exam {
                key: exam.key.clone(),
            },
            title: exam.name.clone(),
            state: ItemState::BookLater,
            facts: condition_facts(def, program, &exam.required, applicant),
            because: exam.required.clone(),
            explanation: None,
            blocking: false,
            original: None,
        });
    }
    let fee = &preview.fee;
    let because = match &fee.waived {
        Some(condition) => Because::Condition(condition.clone()),
        None => Because::Always,
    };
    items.push(Item {
        kind: ItemKind::Fee(fee.money.clone()),
        title: Text::new(),
        state: if fee.waived.is_some() {
            ItemState::Waived
        } else {
            ItemState::ToPay
        },
        facts: condition_facts(def, program, &because, applicant),
        because,
        explanation: None,
        blocking: false,
        original: None,
    });
    items
}

/// The fee item as its order stands (once the application is submitted, the order says
/// whether the fee is paid, being paid or waived).
pub fn apply_fee_status(items: &mut [Item], status: FeeStatus) {
    for item in items
        .iter_mut()
        .filter(|i| matches!(i.kind, ItemKind::Fee(_)))
    {
        item.state = match status {
            FeeStatus::Due => ItemState::Due,
            FeeStatus::Pending => ItemState::PaymentPending,
            FeeStatus::Paid => ItemState::Paid,
            FeeStatus::Refunded | FeeStatus::PartiallyRefunded => ItemState::Refunded,
            FeeStatus::Waived | FeeStatus::Cancelled => ItemState::Waived,
        };
    }
}

/// The exam items as the application stands: booked, bookable now, or later.
pub fn apply_exam_status(items: &mut [Item], bookable: impl Fn(&str) -> bool, booked: &[String]) {
    for item in items.iter_mut() {
        let ItemKind::Exam { key } = &item.kind else {
            continue;
        };
        item.state = if booked.contains(key) {
            ItemState::Booked
        } else if bookable(key) {
            ItemState::ToBook
        } else {
            ItemState::BookLater
        };
    }
}

fn condition_facts(
    def: &Definition,
    program: &str,
    because: &Because,
    applicant: &Applicant,
) -> Vec<Fact> {
    match because {
        Because::Always => Vec::new(),
        Because::Condition(text) => facts(def, program, text, applicant),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_a_condition_reads_are_found_once_in_order() {
        let found = referenced(
            "!candidate.polish && candidate.diploma_country != 'PL' && answers.x || candidate.polish && program.language == 'pl'",
        );
        let names: Vec<String> = found.iter().map(|(r, n)| format!("{r}.{n}")).collect();
        assert_eq!(
            names,
            [
                "candidate.polish",
                "candidate.diploma_country",
                "answers.x",
                "program.language"
            ]
        );
        assert!(referenced("my_candidate.x").is_empty());
    }
}
