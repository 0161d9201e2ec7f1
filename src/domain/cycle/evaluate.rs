//! What a definition asks of one candidate for one programme: the visible steps and fields,
//! the documents, whether each is required and why, the fee and the points. The staff preview
//! and (later) the candidate's form and checklist both come from here.

use super::expr::{Bound, Expr, Vars};
use super::model::*;
use super::validate::{candidate_vars, exams_vars, program_vars, with_defaults};
use crate::domain::money::Money;
use crate::domain::points::Points;
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Every condition and formula of a definition, compiled once after validation.
#[derive(Debug, Default)]
pub struct Compiled {
    exprs: HashMap<String, Expr>,
    /// Each programme's application fee, parsed once (by programme code).
    pub fees: HashMap<String, Money>,
}

impl Compiled {
    /// Compiles every expression. Call on a validated definition: sources that do not compile
    /// are left out and evaluate as errors.
    pub fn new(def: &Definition) -> Compiled {
        let mut exprs = HashMap::new();
        let mut add = |source: &Option<toml::Spanned<String>>| {
            if let Some(source) = source {
                if let Ok(expr) = Expr::compile(source.get_ref()) {
                    exprs.insert(source.get_ref().clone(), expr);
                }
            }
        };
        let steps = def
            .profile
            .steps
            .iter()
            .chain(def.workflows.iter().flat_map(|(_, w)| &w.steps));
        for step in steps {
            add(&step.visible_when);
            for field in &step.fields {
                add(&field.visible_when);
                add(&field.required_when);
            }
            for document in &step.documents {
                add(&document.required_when);
            }
        }
        for (_, program) in &def.programs {
            add(&program.program.fee_exempt_when);
            add(&program.program.points);
            for exam in &program.exams {
                add(&exam.required_when);
            }
        }
        let fees = def
            .programs
            .iter()
            .filter_map(|(_, p)| {
                let program = &p.program;
                Some((program.code.get_ref().clone(), program.fee.money()?))
            })
            .collect();
        Compiled { exprs, fees }
    }

    fn get(&self, source: &str) -> Result<&Expr, String> {
        self.exprs
            .get(source)
            .ok_or_else(|| format!("expression not compiled: {source}"))
    }
}

/// A candidate's data as conditions see it.
#[derive(Debug, Clone, Default)]
pub struct Applicant {
    /// Profile answers by field key (`citizenship`, `karta_polaka`, …).
    pub profile: Map<String, Value>,
    /// This application's answers by field key.
    pub answers: Map<String, Value>,
    /// Subject code → percentage at the basic and extended level (missing ones count as 0).
    pub results: HashMap<String, (f64, f64)>,
    /// Exam key → the candidate's score, for the exams scored so far.
    pub exams: HashMap<String, f64>,
}

/// Why something applies: always, or because a condition held (its text).
#[derive(Debug, Clone, PartialEq)]
pub enum Because {
    Always,
    Condition(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Profile,
    Application,
}

#[derive(Debug, Clone)]
pub struct FieldView {
    pub key: String,
    pub kind: FieldType,
    pub label: Text,
    pub shown: Because,
    /// `Some(reason)` when the field must be filled in.
    pub required: Option<Because>,
}

#[derive(Debug, Clone)]
pub struct StepView {
    pub key: String,
    pub scope: Scope,
    pub title: Text,
    pub shown: Because,
    pub fields: Vec<FieldView>,
}

#[derive(Debug, Clone)]
pub struct DocumentView {
    pub key: String,
    pub step: String,
    pub name: Text,
    /// The configured explanation for candidates, if any.
    pub explanation: Option<Text>,
    pub required: Because,
    pub original_required: bool,
    /// Last day for the paper original (`YYYY-MM-DD`), if set.
    pub original_due: Option<String>,
}

/// An exam or interview the candidate must book.
#[derive(Debug, Clone)]
pub struct ExamView {
    pub key: String,
    pub name: Text,
    pub required: Because,
}

#[derive(Debug, Clone)]
pub struct FeeView {
    pub money: Money,
    /// Set when the fee is waived, with the condition that waived it.
    pub waived: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PointsView {
    pub points: Points,
    pub max: Option<Points>,
    pub threshold: Option<Points>,
    pub formula: String,
}

#[derive(Debug, Clone)]
pub struct Preview {
    pub program: String,
    pub steps: Vec<StepView>,
    pub documents: Vec<DocumentView>,
    pub fee: FeeView,
    pub exams: Vec<ExamView>,
    pub points: Option<PointsView>,
}

fn results_vars(def: &Definition, applicant: &Applicant) -> Value {
    let map: Map<String, Value> = def
        .cycle
        .subjects
        .iter()
        .map(|s| {
            let code = s.code.get_ref();
            let (basic, extended) = applicant.results.get(code).copied().unwrap_or((0.0, 0.0));
            (
                code.clone(),
                serde_json::json!({ "basic": basic, "extended": extended }),
            )
        })
        .collect();
    Value::Object(map)
}

/// What the expressions of `program` (followed through `workflow`) see for `applicant`.
pub fn vars_of(
    def: &Definition,
    program: &ProgramDef,
    workflow: &WorkflowFile,
    applicant: &Applicant,
) -> Vars {
    Vars {
        candidate: candidate_vars(&with_defaults(&def.profile.steps, &applicant.profile)),
        program: program_vars(program),
        answers: Value::Object(with_defaults(&workflow.steps, &applicant.answers)),
        results: results_vars(def, applicant),
        exams: exams_vars(def.exams_of(program.code.get_ref()), &applicant.exams),
        application: Value::Null,
    }
}

/// Evaluates `def` for `applicant` applying to the programme `program_code`.
pub fn evaluate(
    def: &Definition,
    compiled: &Compiled,
    program_code: &str,
    applicant: &Applicant,
) -> Result<Preview, String> {
    let program = def
        .programs
        .iter()
        .map(|(_, p)| &p.program)
        .find(|p| p.code.get_ref() == program_code)
        .ok_or_else(|| format!("no programme {program_code}"))?;
    let workflow = def
        .workflows
        .iter()
        .map(|(_, w)| w)
        .find(|w| w.workflow.code.get_ref() == program.workflow.get_ref())
        .ok_or_else(|| format!("no workflow {}", program.workflow.get_ref()))?;
    let vars = vars_of(def, program, workflow, applicant);
    let bound = Bound::new(&vars)?;
    let holds = |source: &Option<toml::Spanned<String>>| -> Result<Option<Because>, String> {
        match source {
            None => Ok(Some(Because::Always)),
            Some(source) => {
                let text = source.get_ref();
                let value = compiled
                    .get(text)?
                    .eval_bool_in(&bound)
                    .map_err(|e| format!("{text}: {e}"))?;
                Ok(value.then(|| Because::Condition(text.clone())))
            }
        }
    };
    let mut steps = Vec::new();
    let mut documents = Vec::new();
    let all_steps = def
        .profile
        .steps
        .iter()
        .map(|s| (Scope::Profile, s))
        .chain(workflow.steps.iter().map(|s| (Scope::Application, s)));
    for (scope, step) in all_steps {
        let Some(shown) = holds(&step.visible_when)? else {
            continue;
        };
        let mut fields = Vec::new();
        for field in &step.fields {
            let Some(field_shown) = holds(&field.visible_when)? else {
                continue;
            };
            let required = if field.required {
                Some(Because::Always)
            } else if field.required_when.is_some() {
                holds(&field.required_when)?
            } else {
                None
            };
            fields.push(FieldView {
                key: field.key.get_ref().clone(),
                kind: field.kind,
                label: field.label.get_ref().clone(),
                shown: field_shown,
                required,
            });
        }
        for document in &step.documents {
            let required = if document.required {
                Some(Because::Always)
            } else if document.required_when.is_some() {
                holds(&document.required_when)?
            } else {
                None
            };
            // Optional documents are not part of what a candidate is asked for here.
            if let Some(required) = required {
                documents.push(DocumentView {
                    key: document.key.get_ref().clone(),
                    step: step.key.get_ref().clone(),
                    name: document.name.get_ref().clone(),
                    explanation: document.reason.as_ref().map(|r| r.get_ref().clone()),
                    required,
                    original_required: document.original_required,
                    original_due: document.original_due.as_ref().map(|d| d.get_ref().clone()),
                });
            }
        }
        steps.push(StepView {
            key: step.key.get_ref().clone(),
            scope,
            title: step.title.get_ref().clone(),
            shown,
            fields,
        });
    }
    let waived = match &program.fee_exempt_when {
        Some(source) => match holds(&Some(source.clone()))? {
            Some(Because::Condition(text)) => Some(text),
            _ => None,
        },
        None => None,
    };
    let fee = FeeView {
        money: compiled
            .fees
            .get(program.code.get_ref())
            .cloned()
            .ok_or("fee amount")?,
        waived,
    };
    let mut exams = Vec::new();
    for exam in def.exams_of(program_code) {
        let required = if exam.required {
            Some(Because::Always)
        } else if exam.required_when.is_some() {
            holds(&exam.required_when)?
        } else {
            None
        };
        if let Some(required) = required {
            exams.push(ExamView {
                key: exam.key.get_ref().clone(),
                name: exam.name.get_ref().clone(),
                required,
            });
        }
    }
    let points = match &program.points {
        Some(formula) => {
            let text = formula.get_ref();
            let points = compiled
                .get(text)?
                .eval_number_in(&bound)
                .map_err(|e| format!("{text}: {e}"))?;
            Some(PointsView {
                points: Points::from_f64(points)
                    .ok_or_else(|| format!("{text}: {points} is not a number of points"))?,
                max: program.points_max.and_then(Points::from_f64),
                threshold: program.threshold.and_then(Points::from_f64),
                formula: text.clone(),
            })
        }
        None => None,
    };
    Ok(Preview {
        program: program_code.to_owned(),
        steps,
        documents,
        fee,
        exams,
        points,
    })
}
