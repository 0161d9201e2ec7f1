//! Staff preview: pick a programme and describe a candidate (citizenship, previous education,
//! answers, exam results) to see exactly which steps, fields and documents that candidate would
//! get, why each applies, the fee and the points. A GET form, so a preview can be bookmarked.

use crate::domain::cycle::evaluate::{evaluate, Applicant, Because, Preview};
use crate::domain::cycle::model::{Definition, FieldDef, FieldType, StepDef};
use crate::domain::cycle::model_countries::COUNTRIES;
use crate::domain::points::Points;
use crate::i18n::format::pick;
use crate::web::page::render;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// One input of the candidate description.
pub struct Input {
    pub name: String,
    pub label: String,
    pub kind: &'static str,
    pub value: String,
    /// (value, label, selected) for selects.
    pub options: Vec<(String, String, bool)>,
}

pub struct SubjectInput {
    pub code: String,
    pub name: String,
    pub basic: String,
    pub extended: String,
}

pub struct Line {
    pub label: String,
    pub detail: String,
    pub required: bool,
    pub because: String,
}

pub struct StepOut {
    pub title: String,
    pub profile: bool,
    pub because: String,
    pub fields: Vec<Line>,
}

#[derive(Template)]
#[template(path = "staff/preview.html")]
struct PreviewPage {
    page: Page,
    version: String,
    programs: Vec<(String, String, bool)>,
    program: String,
    inputs: Vec<Input>,
    subjects: Vec<SubjectInput>,
    result: Option<Outcome>,
    error: Option<String>,
}

struct Outcome {
    steps: Vec<StepOut>,
    documents: Vec<Line>,
    fee: String,
    fee_waived: Option<String>,
    points: Option<(String, String, String)>,
}

/// Fields that steer conditions: yes/no, choices, countries and numbers.
fn steering(fields: &[StepDef]) -> impl Iterator<Item = &FieldDef> {
    fields.iter().flat_map(|s| &s.fields).filter(|f| {
        matches!(
            f.kind,
            FieldType::YesNo | FieldType::Choice | FieldType::Country | FieldType::Number
        )
    })
}

fn input(field: &FieldDef, prefix: &str, query: &HashMap<String, String>, locale: &str) -> Input {
    let name = format!("{prefix}{}", field.key.get_ref());
    let value = query.get(&name).cloned().unwrap_or_default();
    let (kind, options) = match field.kind {
        FieldType::YesNo => ("checkbox", Vec::new()),
        FieldType::Number => ("number", Vec::new()),
        FieldType::Country => (
            "select",
            COUNTRIES
                .iter()
                .map(|(code, pl, en)| {
                    let label = if locale == "pl" { pl } else { en };
                    ((*code).to_owned(), (*label).to_owned(), value == *code)
                })
                .collect(),
        ),
        _ => (
            "select",
            field
                .options
                .iter()
                .map(|o| {
                    (
                        o.value.get_ref().clone(),
                        pick(o.label.get_ref(), locale),
                        value == *o.value.get_ref(),
                    )
                })
                .collect(),
        ),
    };
    Input {
        name,
        label: pick(field.label.get_ref(), locale),
        kind,
        value,
        options,
    }
}

fn answer(field: &FieldDef, raw: Option<&String>) -> Option<Value> {
    match field.kind {
        FieldType::YesNo => Some(json!(raw.is_some_and(|v| v == "yes"))),
        FieldType::Number => raw
            .and_then(|v| v.trim().replace(',', ".").parse::<f64>().ok())
            .map(|n| json!(n)),
        _ => raw.filter(|v| !v.is_empty()).map(|v| json!(v)),
    }
}

fn because(page: &Page, b: &Because) -> String {
    match b {
        Because::Always => page.t("preview-always"),
        Because::Condition(c) => page.t1("preview-because", "condition", c),
    }
}

pub async fn preview(
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<HashMap<String, String>>,
) -> Result<HttpResponse, AppError> {
    let cycle = state.cycle().await?;
    let locale = page.lang();
    let Some(cycle) = cycle else {
        return render(&PreviewPage {
            error: Some(page.t("preview-no-cycle")),
            page,
            version: String::new(),
            programs: Vec::new(),
            program: String::new(),
            inputs: Vec::new(),
            subjects: Vec::new(),
            result: None,
        });
    };
    let def = &cycle.definition;
    let query = query.into_inner();
    let program_code = query
        .get("program")
        .filter(|c| {
            def.programs
                .iter()
                .any(|(_, p)| p.program.code.get_ref() == *c)
        })
        .cloned();
    let programs = def
        .programs
        .iter()
        .map(|(_, p)| {
            let code = p.program.code.get_ref().clone();
            let selected = program_code.as_deref() == Some(code.as_str());
            (code, pick(p.program.name.get_ref(), locale), selected)
        })
        .collect();
    let workflow_steps = program_code
        .as_deref()
        .map_or(&[][..], |code| workflow_steps(def, code));
    let mut inputs: Vec<Input> = steering(&def.profile.steps)
        .map(|f| input(f, "c.", &query, locale))
        .collect();
    inputs.extend(steering(workflow_steps).map(|f| input(f, "a.", &query, locale)));
    let subjects = subject_inputs(def, &query, locale);
    let mut result = None;
    let mut error = None;
    if let Some(code) = &program_code {
        let applicant = applicant(def, workflow_steps, &subjects, &query);
        match evaluate(def, &cycle.compiled, code, &applicant) {
            Ok(preview) => result = Some(outcome(&page, &preview, locale)),
            Err(e) => error = Some(page.t1("preview-error", "error", &e)),
        }
    }
    render(&PreviewPage {
        version: page.t1(
            "preview-version",
            "version",
            &format!("{} v{}", cycle.cycle_code, cycle.version),
        ),
        page,
        programs,
        program: program_code.unwrap_or_default(),
        inputs,
        subjects,
        result,
        error,
    })
}

/// The steps of the workflow the programme `code` follows.
fn workflow_steps<'d>(def: &'d Definition, code: &str) -> &'d [StepDef] {
    def.programs
        .iter()
        .find(|(_, p)| p.program.code.get_ref() == code)
        .and_then(|(_, p)| {
            def.workflows
                .iter()
                .find(|(_, w)| w.workflow.code.get_ref() == p.program.workflow.get_ref())
        })
        .map_or(&[], |(_, w)| w.steps.as_slice())
}

/// The exam results inputs, one per subject of the cycle, as the query fills them.
fn subject_inputs(
    def: &Definition,
    query: &HashMap<String, String>,
    locale: &str,
) -> Vec<SubjectInput> {
    let typed = |name: String| query.get(&name).cloned().unwrap_or_default();
    def.cycle
        .subjects
        .iter()
        .map(|s| {
            let code = s.code.get_ref().clone();
            SubjectInput {
                basic: typed(format!("r.{code}.basic")),
                extended: typed(format!("r.{code}.extended")),
                name: pick(s.name.get_ref(), locale),
                code,
            }
        })
        .collect()
}

/// The imagined candidate the query describes: profile answers (`c.`), programme answers
/// (`a.`) and exam results in percent.
fn applicant(
    def: &Definition,
    workflow_steps: &[StepDef],
    subjects: &[SubjectInput],
    query: &HashMap<String, String>,
) -> Applicant {
    let answers_of = |steps: &[StepDef], prefix: &str| {
        let mut answers = Map::new();
        for field in steering(steps) {
            let typed = query.get(&format!("{prefix}{}", field.key.get_ref()));
            if let Some(v) = answer(field, typed) {
                answers.insert(field.key.get_ref().clone(), v);
            }
        }
        answers
    };
    let percent = |s: &str| {
        s.trim()
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .map(|v| v.clamp(0.0, 100.0))
            .unwrap_or(0.0)
    };
    Applicant {
        profile: answers_of(&def.profile.steps, "c."),
        answers: answers_of(workflow_steps, "a."),
        results: subjects
            .iter()
            .map(|s| (s.code.clone(), (percent(&s.basic), percent(&s.extended))))
            .collect(),
        exams: std::collections::HashMap::new(),
    }
}

fn outcome(page: &Page, preview: &Preview, locale: &str) -> Outcome {
    let steps = preview
        .steps
        .iter()
        .map(|s| StepOut {
            title: pick(&s.title, locale),
            profile: s.scope == crate::domain::cycle::evaluate::Scope::Profile,
            because: because(page, &s.shown),
            fields: s
                .fields
                .iter()
                .map(|f| Line {
                    label: pick(&f.label, locale),
                    detail: f.key.clone(),
                    required: f.required.is_some(),
                    because: match &f.required {
                        Some(r @ Because::Condition(_)) => because(page, r),
                        _ => because(page, &f.shown),
                    },
                })
                .collect(),
        })
        .collect();
    let documents = preview
        .documents
        .iter()
        .map(|d| Line {
            label: pick(&d.name, locale),
            detail: d
                .explanation
                .as_ref()
                .map(|e| pick(e, locale))
                .unwrap_or_default(),
            required: true,
            because: because(page, &d.required),
        })
        .collect();
    let fee = crate::i18n::format::money(&preview.fee.money, page.lang());
    Outcome {
        steps,
        documents,
        fee,
        fee_waived: preview.fee.waived.clone(),
        points: preview.points.as_ref().map(|p| {
            let number = |v: Points| crate::i18n::format::points(v, page.lang());
            let max = p.max.map(number).unwrap_or_else(|| "—".into());
            let threshold = p.threshold.map(number).unwrap_or_else(|| "—".into());
            (
                format!("{} / {max}", number(p.points)),
                threshold,
                p.formula.clone(),
            )
        }),
    }
}
