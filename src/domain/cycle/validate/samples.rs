//! The sample candidates every condition and formula is tried against, and the variables an
//! expression sees, built from the declared fields.

use super::super::model::*;
use super::super::model_exams::ExamDef;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// What sample candidate `variant` applying to `program` (through `workflow`) has for its
/// expressions; `application` is left null.
pub(super) fn sample_vars(
    def: &Definition,
    program: &ProgramFile,
    workflow: Option<&WorkflowFile>,
    variant: usize,
) -> super::super::expr::Vars {
    super::super::expr::Vars {
        candidate: candidate_vars(&sample_answers(&def.profile.steps, variant)),
        program: program_vars(&program.program),
        answers: Value::Object(
            workflow
                .map(|w| sample_answers(&w.steps, variant))
                .unwrap_or_default(),
        ),
        results: sample_results(&def.cycle.subjects, variant),
        exams: sample_exams(&program.exams, variant),
        application: Value::Null,
    }
}

/// How many sample candidates each expression is tried against.
pub(super) const VARIANTS: usize = 4;

/// Sample answers for every declared field: variants 0 (a Pole), 1 (a Ukrainian) and 3 (a
/// German) differ in every value, so a condition's branches are all tried; variant 2 is a
/// candidate who answered nothing yet.
pub(super) fn sample_answers(steps: &[StepDef], variant: usize) -> Map<String, Value> {
    if variant == 2 {
        return empty_answers(steps);
    }
    let first = variant != 1;
    let mut map = Map::new();
    for field in steps.iter().flat_map(|s| &s.fields) {
        let value = match field.kind {
            FieldType::Number => json!(variant as f64 * 50.0),
            FieldType::YesNo => json!(first),
            FieldType::Country => json!(["PL", "UA", "", "DE"][variant.min(3)]),
            FieldType::Choice => {
                let options = &field.options;
                let pick = if first {
                    options.first()
                } else {
                    options.last()
                };
                json!(pick.map_or(String::new(), |o| o.value.get_ref().clone()))
            }
            FieldType::MultiChoice => {
                let values: Vec<&String> = if first {
                    field.options.iter().map(|o| o.value.get_ref()).collect()
                } else {
                    vec![]
                };
                json!(values)
            }
            FieldType::ExamResults => continue,
            _ => json!(if first { "" } else { "x" }),
        };
        map.insert(field.key.get_ref().clone(), value);
    }
    map
}

/// The value an unanswered field has in conditions: empty text, 0, false, no choices.
pub fn empty_answers(steps: &[StepDef]) -> Map<String, Value> {
    let mut map = Map::new();
    for field in steps.iter().flat_map(|s| &s.fields) {
        let value = match field.kind {
            FieldType::Number => json!(0.0),
            FieldType::YesNo => json!(false),
            FieldType::MultiChoice => json!([]),
            FieldType::ExamResults => continue,
            _ => json!(""),
        };
        map.insert(field.key.get_ref().clone(), value);
    }
    map
}

/// `given` answers over the empty value of every declared field.
pub fn with_defaults(steps: &[StepDef], given: &Map<String, Value>) -> Map<String, Value> {
    let mut map = empty_answers(steps);
    for (key, value) in given {
        map.insert(key.clone(), value.clone());
    }
    map
}

/// The candidate as conditions see it: profile answers plus what Admitto derives from them.
pub fn candidate_vars(profile_answers: &Map<String, Value>) -> Value {
    let mut candidate = profile_answers.clone();
    let citizenship = profile_answers
        .get("citizenship")
        .and_then(Value::as_str)
        .unwrap_or("");
    candidate.insert("polish".into(), json!(citizenship == "PL"));
    // Citizenship chosen, and not Polish: before it is chosen, neither Polish nor foreign
    // questions apply.
    candidate.insert(
        "foreign".into(),
        json!(!citizenship.is_empty() && citizenship != "PL"),
    );
    candidate.insert(
        "eu".into(),
        json!(crate::domain::cycle::model_countries::is_eea(citizenship)),
    );
    Value::Object(candidate)
}

pub fn program_vars(program: &ProgramDef) -> Value {
    json!({
        "code": program.code.get_ref(),
        "faculty": program.faculty.get_ref(),
        "level": program.level.as_str(),
        "form": program.form.as_str(),
        "language": program.language,
        "capacity": program.capacity,
    })
}

/// The `exams` variable: for each exam of `exams` with a scale, its `score` (0 until scored)
/// and whether it is `scored`, from the scores given so far (exam key → score).
pub fn exams_vars(exams: &[ExamDef], scores: &HashMap<String, f64>) -> Value {
    let map: Map<String, Value> = exams
        .iter()
        .filter(|e| e.scale.is_some())
        .map(|e| {
            let key = e.key.get_ref();
            let score = scores.get(key).copied();
            (
                key.clone(),
                json!({"score": score.unwrap_or(0.0), "scored": score.is_some()}),
            )
        })
        .collect();
    Value::Object(map)
}

/// Sample scores: none yet, then each exam's lowest, middle and highest score.
pub(super) fn sample_exams(exams: &[ExamDef], variant: usize) -> Value {
    let scores = exams
        .iter()
        .filter_map(|e| {
            let scale = e.scale.as_ref()?.get_ref();
            let score = match variant {
                0 => return None,
                1 => scale.min,
                2 => (scale.min + scale.max) / 2.0,
                _ => scale.max,
            };
            Some((e.key.get_ref().clone(), score))
        })
        .collect();
    exams_vars(exams, &scores)
}

pub(super) fn sample_results(subjects: &[Subject], variant: usize) -> Value {
    let score = [80.0, 30.0, 0.0, 100.0][variant.min(3)];
    let map: Map<String, Value> = subjects
        .iter()
        .map(|s| {
            (
                s.code.get_ref().clone(),
                json!({"basic": score, "extended": score / 2.0}),
            )
        })
        .collect();
    Value::Object(map)
}
