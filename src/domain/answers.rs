//! Reading a submitted step into typed answers, through `domain::values` at the boundary:
//! every field's problem collected at once, what was typed kept for the form. Pure: the caller
//! loads and stores.

use super::cycle::evaluate::{evaluate, Applicant, Compiled, Scope};
use super::cycle::model::{Definition, FieldDef, FieldType, StepDef};
use super::cycle::model_countries::COUNTRIES;
use super::values::{self, Pesel, Phone, ValueError};
use chrono::NaiveDate;
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// Longest answer of a `text` / `long_text` field without a configured `max_length`.
pub const TEXT_MAX: usize = 200;

pub const LONG_TEXT_MAX: usize = 4000;

/// The key of the date field checked as a date of birth (and against a PESEL number).
pub const BIRTH_DATE_KEY: &str = "date_of_birth";

/// Submitted form input as name/value pairs, in the order the browser sent them.
#[derive(Debug, Clone, Copy)]
pub struct FormInput<'a>(pub &'a [(String, String)]);

impl<'a> FormInput<'a> {
    pub fn first(&self, name: &str) -> &'a str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<&'a str> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

/// The input name of one exam result: `{field}.{subject}.{level}` (`basic` or `extended`).
pub fn result_input(field: &str, subject: &str, level: &str) -> String {
    format!("{field}.{subject}.{level}")
}

/// A problem with one input of the form.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    /// The input's name (and id), which the error summary links to.
    pub input: String,
    /// The field it belongs to.
    pub field: String,
    pub error: ValueError,
}

fn present(raw: &str) -> Option<&str> {
    let raw = raw.trim();
    (!raw.is_empty()).then_some(raw)
}

/// Reads one field's input: `Ok(None)` when left empty. Postal codes need the country, so they
/// are read by [`read_postal_code`] once the rest of the step is known.
fn read_field(
    field: &FieldDef,
    subjects: &[String],
    input: FormInput<'_>,
    today: NaiveDate,
) -> Result<Option<Value>, Vec<(String, ValueError)>> {
    let key = field.key.get_ref().as_str();
    let one = |e: ValueError| vec![(key.to_owned(), e)];
    let raw = input.first(key);
    let text =
        |max: usize, single_line: bool| -> Result<Option<Value>, Vec<(String, ValueError)>> {
            let Some(raw) = present(raw) else {
                return Ok(None);
            };
            if single_line && raw.contains(['\n', '\r']) {
                return Err(one(ValueError::ForbiddenCharacters));
            }
            values::check_text(raw, max)
                .map(|t| Some(json!(t)))
                .map_err(one)
        };
    let option_values = || field.options.iter().map(|o| o.value.get_ref().as_str());
    match field.kind {
        FieldType::Text => text(field.max_length.map_or(TEXT_MAX, |m| m as usize), true),
        FieldType::LongText => text(
            field.max_length.map_or(LONG_TEXT_MAX, |m| m as usize),
            false,
        ),
        FieldType::Number => match present(raw) {
            None => Ok(None),
            Some(raw) => values::parse_number(raw, field.min, field.max)
                .map(|n| Some(json!(n)))
                .map_err(one),
        },
        FieldType::Date => match present(raw) {
            None => Ok(None),
            Some(raw) if key == BIRTH_DATE_KEY => values::parse_birth_date(raw, today)
                .map(|d| Some(json!(d.format("%Y-%m-%d").to_string())))
                .map_err(one),
            Some(raw) => values::parse_date(raw)
                .map(|d| Some(json!(d.format("%Y-%m-%d").to_string())))
                .map_err(one),
        },
        FieldType::Choice => match present(raw) {
            None => Ok(None),
            Some(raw) if option_values().any(|v| v == raw) => Ok(Some(json!(raw))),
            Some(_) => Err(one(ValueError::NotAnOption)),
        },
        FieldType::MultiChoice => {
            let mut chosen: Vec<&str> = Vec::new();
            for value in input.all(key).into_iter().filter_map(present) {
                if !option_values().any(|v| v == value) {
                    return Err(one(ValueError::NotAnOption));
                }
                if !chosen.contains(&value) {
                    chosen.push(value);
                }
            }
            Ok((!chosen.is_empty()).then(|| json!(chosen)))
        }
        FieldType::YesNo => match present(raw) {
            None => Ok(None),
            Some("yes") => Ok(Some(json!(true))),
            Some("no") => Ok(Some(json!(false))),
            Some(_) => Err(one(ValueError::NotAnOption)),
        },
        FieldType::Country => match present(raw) {
            None => Ok(None),
            Some(raw) if COUNTRIES.iter().any(|(code, _, _)| *code == raw) => Ok(Some(json!(raw))),
            Some(_) => Err(one(ValueError::NotAnOption)),
        },
        FieldType::Email => match present(raw) {
            None => Ok(None),
            Some(raw) => values::parse_email(raw)
                .map(|e| Some(json!(e)))
                .map_err(one),
        },
        FieldType::Pesel => match present(raw) {
            None => Ok(None),
            Some(raw) => Pesel::parse(raw)
                .map(|p| Some(json!(p.as_str())))
                .map_err(one),
        },
        FieldType::PostalCode | FieldType::Phone => Ok(None),
        FieldType::ExamResults => {
            let mut results = Map::new();
            let mut errors = Vec::new();
            for subject in subjects {
                let mut levels = Map::new();
                for level in ["basic", "extended"] {
                    let name = result_input(key, subject, level);
                    if let Some(raw) = present(input.first(&name)) {
                        match values::parse_percentage(raw) {
                            Ok(p) => {
                                levels.insert(level.to_owned(), json!(p));
                            }
                            Err(e) => errors.push((name, e)),
                        }
                    }
                }
                if !levels.is_empty() {
                    results.insert(subject.clone(), Value::Object(levels));
                }
            }
            if !errors.is_empty() {
                return Err(errors);
            }
            Ok((!results.is_empty()).then_some(Value::Object(results)))
        }
    }
}

/// Whether a field is read against a country answered elsewhere (a postal code in the
/// country's format, a phone number typed without a country code).
fn needs_country(field: &FieldDef) -> bool {
    matches!(field.kind, FieldType::PostalCode | FieldType::Phone)
}

/// Reads a postal code or phone number with the country its `country_field` has in
/// `answers`: a postal code in that country's format, a phone number without a country code
/// as a number of that country.
fn read_with_country(
    field: &FieldDef,
    input: FormInput<'_>,
    answers: &Map<String, Value>,
) -> Result<Option<Value>, ValueError> {
    let Some(raw) = present(input.first(field.key.get_ref())) else {
        return Ok(None);
    };
    let country = field
        .country_field
        .as_ref()
        .and_then(|c| answers.get(c.get_ref()))
        .and_then(Value::as_str);
    match field.kind {
        FieldType::Phone => Phone::parse(raw, country).map(|p| Some(json!(p.as_str()))),
        _ => values::check_postal_code(country.unwrap_or(""), raw).map(|c| Some(json!(c))),
    }
}

/// What reading a step gave.
#[derive(Debug, Clone, Default)]
pub struct StepOutcome {
    /// The answers (profile or application, by the step's scope) with this step's valid input
    /// applied and the answers of the step's now hidden fields removed. Invalid input leaves
    /// the previous answer in place.
    pub answers: Map<String, Value>,
    pub errors: Vec<InputError>,
    /// Required fields that this input made appear (they were not on the form the candidate
    /// saw): asked next, not errors.
    pub new_questions: Vec<String>,
    /// The step as it applies after this input (which fields show, which are required).
    pub view: Option<super::cycle::evaluate::StepView>,
}

impl StepOutcome {
    pub fn is_complete(&self) -> bool {
        self.errors.is_empty() && self.new_questions.is_empty()
    }
}

/// The answers conditions see for a candidate: profile answers (exam results are read into
/// `results`), and this application's answers.
pub fn applicant(
    def: &Definition,
    profile: &Map<String, Value>,
    answers: &Map<String, Value>,
) -> Applicant {
    let results_fields: Vec<&str> = def
        .profile
        .steps
        .iter()
        .flat_map(|s| &s.fields)
        .filter(|f| f.kind == FieldType::ExamResults)
        .map(|f| f.key.get_ref().as_str())
        .collect();
    let mut results: HashMap<String, (f64, f64)> = HashMap::new();
    let mut plain = profile.clone();
    for key in &results_fields {
        if let Some(Value::Object(subjects)) = plain.remove(*key) {
            for (subject, levels) in subjects {
                let level = |l: &str| levels.get(l).and_then(Value::as_f64).unwrap_or(0.0);
                let entry = results.entry(subject).or_insert((0.0, 0.0));
                entry.0 = entry.0.max(level("basic"));
                entry.1 = entry.1.max(level("extended"));
            }
        }
    }
    Applicant {
        profile: plain,
        answers: answers.clone(),
        results,
        exams: HashMap::new(),
    }
}

/// The step `key` of the profile or of the programme's workflow.
pub fn find_step<'a>(
    def: &'a Definition,
    program: &str,
    scope: Scope,
    key: &str,
) -> Option<&'a StepDef> {
    match scope {
        Scope::Profile => def.profile.steps.iter().find(|s| s.key.get_ref() == key),
        Scope::Application => def
            .workflow_of(program)?
            .steps
            .iter()
            .find(|s| s.key.get_ref() == key),
    }
}

/// Reads the submitted input of step `step_key` (in `scope`) for `program`. `shown` are the
/// fields the form displayed; visibility and requirement are decided on the answers as they
/// are after this input, so a field that only now applies is asked next instead of failing.
#[allow(clippy::too_many_arguments)]
pub fn read_step(
    def: &Definition,
    compiled: &Compiled,
    program: &str,
    profile: &Map<String, Value>,
    answers: &Map<String, Value>,
    scope: Scope,
    step_key: &str,
    input: FormInput<'_>,
    shown: &[String],
    today: NaiveDate,
) -> Result<StepOutcome, String> {
    let step = find_step(def, program, scope, step_key).ok_or("no such step")?;
    let subjects: Vec<String> = def
        .cycle
        .subjects
        .iter()
        .map(|s| s.code.get_ref().clone())
        .collect();
    let mut outcome = StepOutcome {
        answers: match scope {
            Scope::Profile => profile.clone(),
            Scope::Application => answers.clone(),
        },
        ..StepOutcome::default()
    };
    let mut errors: Vec<(String, String, ValueError)> = Vec::new();
    // 1. Everything but postal codes and phone numbers, which need the country.
    for field in &step.fields {
        let key = field.key.get_ref();
        if needs_country(field) {
            continue;
        }
        match read_field(field, &subjects, input, today) {
            Ok(Some(value)) => {
                outcome.answers.insert(key.clone(), value);
            }
            Ok(None) => {
                outcome.answers.remove(key);
            }
            Err(problems) => {
                errors.extend(problems.into_iter().map(|(inp, e)| (inp, key.clone(), e)))
            }
        }
    }
    // 2. Postal codes and phone numbers, with the country just answered (or answered
    //    before).
    let context = match scope {
        Scope::Profile => outcome.answers.clone(),
        Scope::Application => {
            let mut all = profile.clone();
            all.extend(outcome.answers.clone());
            all
        }
    };
    for field in step.fields.iter().filter(|f| needs_country(f)) {
        let key = field.key.get_ref();
        match read_with_country(field, input, &context) {
            Ok(Some(value)) => {
                outcome.answers.insert(key.clone(), value);
            }
            Ok(None) => {
                outcome.answers.remove(key);
            }
            Err(e) => errors.push((key.clone(), key.clone(), e)),
        }
    }
    // 3. A PESEL number must match the date of birth.
    if let Some(pesel_field) = step.fields.iter().find(|f| f.kind == FieldType::Pesel) {
        let key = pesel_field.key.get_ref();
        let pesel = outcome
            .answers
            .get(key)
            .and_then(Value::as_str)
            .map(Pesel::parse);
        // The date on this form when the step asks for it (none if it was typed wrong: its
        // own error says so), else the one saved before.
        let on_this_step = step
            .fields
            .iter()
            .any(|f| f.key.get_ref() == BIRTH_DATE_KEY);
        let typed_wrong = errors.iter().any(|(_, field, _)| field == BIRTH_DATE_KEY);
        let birth = if on_this_step && typed_wrong {
            None
        } else {
            context.get(BIRTH_DATE_KEY)
        };
        let birth = birth
            .and_then(Value::as_str)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        if let (Some(Ok(pesel)), Some(birth)) = (pesel, birth) {
            if let Err(e) = values::check_pesel_matches_birth_date(&pesel, birth) {
                errors.push((key.clone(), key.clone(), e));
            }
        }
    }
    // 4. Which fields apply now: hidden ones lose their answers, required ones must be given.
    let (profile_now, answers_now) = match scope {
        Scope::Profile => (outcome.answers.clone(), answers.clone()),
        Scope::Application => (profile.clone(), outcome.answers.clone()),
    };
    let preview = evaluate(
        def,
        compiled,
        program,
        &applicant(def, &profile_now, &answers_now),
    )?;
    let view = preview.steps.iter().find(|s| s.key == *step_key);
    outcome.view = view.cloned();
    let had_error = |errors: &[(String, String, ValueError)], key: &str| {
        errors.iter().any(|(_, field, _)| field == key)
    };
    for field in &step.fields {
        let key = field.key.get_ref();
        let field_view = view.and_then(|v| v.fields.iter().find(|f| &f.key == key));
        match field_view {
            None => {
                outcome.answers.remove(key);
                errors.retain(|(_, f, _)| f != key);
            }
            Some(view) if view.required.is_some() && !had_error(&errors, key) => {
                let empty = outcome.answers.get(key).is_none_or(is_empty);
                if empty && shown.iter().any(|s| s == key) {
                    errors.push((key.clone(), key.clone(), ValueError::Missing));
                } else if empty {
                    outcome.new_questions.push(key.clone());
                }
            }
            Some(_) => {}
        }
    }
    // Keep the step's field order in the error summary.
    let order = |field: &str| step.fields.iter().position(|f| f.key.get_ref() == field);
    errors.sort_by_key(|(_, field, _)| order(field));
    outcome.errors = errors
        .into_iter()
        .map(|(input, field, error)| InputError {
            input,
            field,
            error,
        })
        .collect();
    Ok(outcome)
}

/// An answer that counts as not given.
pub fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_answers_are_recognised() {
        assert!(is_empty(&json!("  ")));
        assert!(is_empty(&json!([])));
        assert!(is_empty(&Value::Null));
        assert!(!is_empty(&json!(false)));
        assert!(!is_empty(&json!(0)));
    }

    #[test]
    fn form_input_reads_first_and_repeated_values() {
        let pairs = vec![
            ("a".to_owned(), "1".to_owned()),
            ("b".to_owned(), "x".to_owned()),
            ("b".to_owned(), "y".to_owned()),
        ];
        let input = FormInput(&pairs);
        assert_eq!(input.first("a"), "1");
        assert_eq!(input.first("missing"), "");
        assert_eq!(input.all("b"), ["x", "y"]);
    }
}
