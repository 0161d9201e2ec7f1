//! Checks a definition as a whole: every text translated, codes unique, references resolved,
//! every condition and formula compiled and tried against sample candidates built from the
//! declared fields. Each problem names the file and line it comes from.

use super::expr::{Bound, Expr, Vars};
use super::model::*;
use crate::domain::status::ApplicationStatus;
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

/// Languages the portal itself speaks; configured texts may only use these.
pub const SUPPORTED_LOCALES: [&str; 2] = ["pl", "en"];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
    /// What the problem is about, so an editor form can show it at its input without reading
    /// the message.
    pub at: Location,
}

/// The owner of the profile's steps, fields and documents (workflows are named by their code).
pub const PROFILE_OWNER: &str = "profile";

/// A part of the definition a problem can be about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// A whole file (it cannot be read or parsed).
    File,
    /// `cycle.toml`: the cycle, university, faculties, subjects and rounds.
    Cycle,
    Workflow(String),
    Programme(String),
    /// A step, field or document of the profile (`owner` = [`PROFILE_OWNER`]) or of the
    /// workflow `owner`.
    Step {
        owner: String,
        key: String,
    },
    Field {
        owner: String,
        key: String,
    },
    Document {
        owner: String,
        key: String,
    },
}

impl Part {
    pub fn at(self, field: &'static str) -> Location {
        Location { part: self, field }
    }
}

/// Which part, and which of its values (`points`, `fee.amount`, `required_when`, `label`, …).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub part: Part,
    pub field: &'static str,
}

impl Location {
    /// A problem with a file as a whole, e.g. a syntax error.
    pub fn file() -> Self {
        Part::File.at("")
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// 1-based line of a byte offset in a text.
pub fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Which variables an expression may read where it stands.
#[derive(Clone, Copy)]
enum Scope {
    /// Profile steps are shared by every programme: no `program`, no `answers`.
    Profile,
    Application,
}

struct Checker<'a> {
    def: &'a Definition,
    locales: Vec<String>,
    problems: Vec<Problem>,
    /// Expressions already reported, so one mistake is reported once.
    reported: BTreeSet<(String, usize)>,
}

impl<'a> Checker<'a> {
    fn at(&mut self, at: &Location, file: &str, offset: usize, message: String) {
        let line = self.def.sources.get(file).map_or(1, |t| line_at(t, offset));
        self.problems.push(Problem {
            file: file.to_owned(),
            line,
            message,
            at: at.clone(),
        });
    }

    fn text(&mut self, at: &Location, file: &str, text: &Spanned<Text>, what: &str) {
        let start = text.span().start;
        let missing: Vec<&str> = self
            .locales
            .iter()
            .filter(|l| text.get_ref().get(*l).is_none_or(|v| v.trim().is_empty()))
            .map(String::as_str)
            .collect();
        if !missing.is_empty() {
            self.at(
                at,
                file,
                start,
                format!("{what} has no text in {}", missing.join(", ")),
            );
        }
        let extra: Vec<String> = text
            .get_ref()
            .keys()
            .filter(|k| !self.locales.contains(k))
            .cloned()
            .collect();
        if !extra.is_empty() {
            self.at(
                at,
                file,
                start,
                format!(
                    "{what} has text in {}, which is not one of the cycle's languages ({})",
                    extra.join(", "),
                    self.locales.join(", ")
                ),
            );
        }
    }

    fn opt_text(&mut self, at: &Location, file: &str, text: &Option<Spanned<Text>>, what: &str) {
        if let Some(text) = text {
            self.text(at, file, text, what);
        }
    }

    fn unique(
        &mut self,
        at: &Location,
        file: &str,
        seen: &mut BTreeMap<String, String>,
        code: &Spanned<String>,
        what: &str,
    ) {
        let value = code.get_ref().trim().to_owned();
        if value.is_empty() {
            self.at(
                at,
                file,
                code.span().start,
                format!("{what} must not be empty"),
            );
            return;
        }
        if !value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            self.at(
                at,
                file,
                code.span().start,
                format!("{what} \"{value}\" may use only letters, digits, '-' and '_'"),
            );
        }
        if let Some(first) = seen.get(&value) {
            let first = first.clone();
            self.at(
                at,
                file,
                code.span().start,
                format!("{what} \"{value}\" is used twice (first in {first})"),
            );
        } else {
            seen.insert(value, file.to_owned());
        }
    }

    /// Compiles an expression and checks the names it reads. Returns it for the dry runs.
    fn expr(
        &mut self,
        at: &Location,
        file: &str,
        source: &Spanned<String>,
        what: &str,
        scope: Scope,
    ) -> Option<Expr> {
        let offset = source.span().start;
        let expr = match Expr::compile(source.get_ref()) {
            Ok(expr) => expr,
            Err(e) => {
                self.at(
                    at,
                    file,
                    offset,
                    format!("{what}: syntax error at column {}: {}", e.column, e.message),
                );
                return None;
            }
        };
        let allowed: &[&str] = match scope {
            Scope::Profile => &["candidate", "results"],
            Scope::Application => &super::expr::VARIABLES,
        };
        for name in expr.variables() {
            if !allowed.contains(&name.as_str()) {
                let hint = match (scope, name.as_str()) {
                    (Scope::Profile, "program" | "answers") => {
                        " (profile steps are shared by all programmes, so they can use only candidate and results)".to_owned()
                    }
                    _ => format!(" (use one of: {})", allowed.join(", ")),
                };
                self.at(
                    at,
                    file,
                    offset,
                    format!("{what}: unknown name `{name}`{hint}"),
                );
                return None;
            }
        }
        Some(expr)
    }
}

/// A condition or formula with where it was written, collected for the dry runs.
struct Located {
    at: Location,
    file: String,
    offset: usize,
    what: String,
    expr: Expr,
    formula: bool,
}

/// How many sample candidates each expression is tried against.
const VARIANTS: usize = 4;

/// Sample answers for every declared field: variants 0 (a Pole), 1 (a Ukrainian) and 3 (a
/// German) differ in every value, so a condition's branches are all tried; variant 2 is a
/// candidate who answered nothing yet.
fn sample_answers(steps: &[StepDef], variant: usize) -> Map<String, Value> {
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

fn sample_results(subjects: &[Subject], variant: usize) -> Value {
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

/// Parses `"85.00"` into minor units (8500).
pub fn parse_amount(text: &str) -> Option<i64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(fraction)
}

pub fn validate(def: &Definition) -> Vec<Problem> {
    let mut c = Checker {
        def,
        locales: def.cycle.cycle.locales.clone(),
        problems: Vec::new(),
        reported: BTreeSet::new(),
    };
    let cf = CYCLE_FILE;
    let cycle = &def.cycle;
    let at_cycle = |field| Part::Cycle.at(field);
    if c.locales.is_empty() {
        c.at(
            &at_cycle("locales"),
            cf,
            cycle.cycle.code.span().start,
            "locales must name at least one language".into(),
        );
    }
    for locale in c.locales.clone() {
        if !SUPPORTED_LOCALES.contains(&locale.as_str()) {
            c.at(
                &at_cycle("locales"),
                cf,
                cycle.cycle.code.span().start,
                format!("locale \"{locale}\" is not supported (use pl, en)"),
            );
        }
    }
    c.unique(
        &at_cycle("code"),
        cf,
        &mut BTreeMap::new(),
        &cycle.cycle.code,
        "cycle code",
    );
    c.text(&at_cycle("name"), cf, &cycle.cycle.name, "cycle name");
    c.text(
        &at_cycle("university.name"),
        cf,
        &cycle.university.name,
        "university name",
    );
    c.text(
        &at_cycle("university.privacy_notice"),
        cf,
        &cycle.university.privacy_notice,
        "privacy notice",
    );
    let color = cycle.university.accent_color.get_ref();
    if !(color.len() == 7
        && color.starts_with('#')
        && color[1..].chars().all(|ch| ch.is_ascii_hexdigit()))
    {
        c.at(
            &at_cycle("university.accent_color"),
            cf,
            cycle.university.accent_color.span().start,
            format!("accent_color \"{color}\" must look like #1d4f91"),
        );
    }
    let parse_time = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok();
    let opens = parse_time(cycle.cycle.opens.get_ref());
    let closes = parse_time(cycle.cycle.closes.get_ref());
    for (value, name) in [
        (&cycle.cycle.opens, "opens"),
        (&cycle.cycle.closes, "closes"),
    ] {
        if parse_time(value.get_ref()).is_none() {
            c.at(
                &at_cycle(name),
                cf,
                value.span().start,
                format!(
                    "{name} \"{}\" must be a date and time like 2027-06-01 09:00",
                    value.get_ref()
                ),
            );
        }
    }
    if let (Some(o), Some(cl)) = (opens, closes) {
        if o >= cl {
            c.at(
                &at_cycle("closes"),
                cf,
                cycle.cycle.closes.span().start,
                "closes must be after opens".into(),
            );
        }
    }
    for round in &cycle.cycle.rounds {
        for date in [&round.results_published, &round.confirm_by] {
            if NaiveDate::parse_from_str(date.get_ref(), "%Y-%m-%d").is_err() {
                c.at(
                    &at_cycle("rounds"),
                    cf,
                    date.span().start,
                    format!("\"{}\" must be a date like 2027-07-20", date.get_ref()),
                );
            }
        }
    }
    let mut faculties = BTreeMap::new();
    for faculty in &cycle.faculties {
        let at = at_cycle("faculties");
        c.unique(&at, cf, &mut faculties, &faculty.code, "faculty code");
        c.text(&at, cf, &faculty.name, "faculty name");
    }
    let mut subjects = BTreeMap::new();
    for subject in &cycle.subjects {
        let at = at_cycle("subjects");
        c.unique(&at, cf, &mut subjects, &subject.code, "subject code");
        c.text(&at, cf, &subject.name, "subject name");
    }

    // Steps: the profile, then each workflow.
    let mut located: Vec<Located> = Vec::new();
    let mut profile_steps = BTreeMap::new();
    let mut profile_fields = BTreeMap::new();
    check_steps(
        &mut c,
        (PROFILE_FILE, PROFILE_OWNER),
        &def.profile.steps,
        Scope::Profile,
        &mut profile_steps,
        &mut profile_fields,
        &mut located,
    );
    let profile_exprs = located.len();

    let mut workflows = BTreeMap::new();
    let mut workflow_exprs: BTreeMap<String, Vec<Located>> = BTreeMap::new();
    for (file, workflow) in &def.workflows {
        let code = workflow.workflow.code.get_ref();
        let at_workflow = |field| Part::Workflow(code.clone()).at(field);
        c.unique(
            &at_workflow("code"),
            file,
            &mut workflows,
            &workflow.workflow.code,
            "workflow code",
        );
        c.text(
            &at_workflow("name"),
            file,
            &workflow.workflow.name,
            "workflow name",
        );
        let mut steps = profile_steps.clone();
        let mut fields = BTreeMap::new();
        let mut exprs = Vec::new();
        check_steps(
            &mut c,
            (file, code),
            &workflow.steps,
            Scope::Application,
            &mut steps,
            &mut fields,
            &mut exprs,
        );
        workflow_exprs.insert(workflow.workflow.code.get_ref().clone(), exprs);
        let mut statuses = BTreeMap::new();
        for stage in &workflow.stages {
            let status = stage.status.get_ref();
            if ApplicationStatus::parse(status).is_none() {
                c.at(
                    &at_workflow("stages"),
                    file,
                    stage.status.span().start,
                    format!(
                        "stage status \"{status}\" is not an application status (one of: {})",
                        ApplicationStatus::ALL.map(|s| s.as_str()).join(", ")
                    ),
                );
            }
            let at = at_workflow("stages");
            c.unique(&at, file, &mut statuses, &stage.status, "stage status");
            c.text(
                &at,
                file,
                &stage.text,
                &format!("text of stage \"{status}\""),
            );
        }
    }

    let mut programs = BTreeMap::new();
    for (file, program) in &def.programs {
        let p = &program.program;
        let at_programme = |field| Part::Programme(p.code.get_ref().clone()).at(field);
        c.unique(
            &at_programme("code"),
            file,
            &mut programs,
            &p.code,
            "programme code",
        );
        c.text(&at_programme("name"), file, &p.name, "programme name");
        c.opt_text(
            &at_programme("description"),
            file,
            &p.description,
            "programme description",
        );
        if !faculties.contains_key(p.faculty.get_ref()) {
            c.at(
                &at_programme("faculty"),
                file,
                p.faculty.span().start,
                format!(
                    "faculty \"{}\" is not defined in {CYCLE_FILE}",
                    p.faculty.get_ref()
                ),
            );
        }
        if !workflows.contains_key(p.workflow.get_ref()) {
            c.at(
                &at_programme("workflow"),
                file,
                p.workflow.span().start,
                format!(
                    "workflow \"{}\" is not defined in workflows/",
                    p.workflow.get_ref()
                ),
            );
        }
        for (money, what, amount_at, currency_at) in [
            (Some(&p.fee), "fee", "fee.amount", "fee.currency"),
            (
                p.tuition.as_ref(),
                "tuition",
                "tuition.amount",
                "tuition.currency",
            ),
        ] {
            let Some(money) = money else { continue };
            if parse_amount(money.amount.get_ref()).is_none() {
                c.at(
                    &at_programme(amount_at),
                    file,
                    money.amount.span().start,
                    format!(
                        "{what} amount \"{}\" must be a number like 85.00",
                        money.amount.get_ref()
                    ),
                );
            }
            let cur = money.currency.get_ref();
            if !(cur.len() == 3 && cur.chars().all(|ch| ch.is_ascii_uppercase())) {
                c.at(
                    &at_programme(currency_at),
                    file,
                    money.currency.span().start,
                    format!("{what} currency \"{cur}\" must be a three-letter code like PLN"),
                );
            }
        }
        if let (Some(max), Some(threshold)) = (p.points_max, p.threshold) {
            if threshold > max {
                c.at(
                    &at_programme("threshold"),
                    file,
                    p.code.span().start,
                    format!("threshold {threshold} is above points_max {max}"),
                );
            }
        }
        if p.points.is_none() && (p.threshold.is_some() || p.points_max.is_some()) {
            c.at(
                &at_programme("threshold"),
                file,
                p.code.span().start,
                "threshold and points_max need a points formula".into(),
            );
        }
        let mut own = Vec::new();
        if let Some(source) = &p.fee_exempt_when {
            let at = at_programme("fee_exempt_when");
            if let Some(expr) = c.expr(&at, file, source, "fee_exempt_when", Scope::Application) {
                own.push(Located {
                    at,
                    file: file.clone(),
                    offset: source.span().start,
                    what: "fee_exempt_when".into(),
                    expr,
                    formula: false,
                });
            }
        }
        if let Some(source) = &p.points {
            let at = at_programme("points");
            if let Some(expr) = c.expr(&at, file, source, "points", Scope::Application) {
                own.push(Located {
                    at,
                    file: file.clone(),
                    offset: source.span().start,
                    what: "points".into(),
                    expr,
                    formula: true,
                });
            }
        }
        // Dry runs: this programme's own expressions, its workflow's and the profile's,
        // against sample candidates shaped by the declared fields.
        let workflow = def
            .workflows
            .iter()
            .find(|(_, w)| w.workflow.code.get_ref() == p.workflow.get_ref());
        for variant in 0..VARIANTS {
            let vars = Vars {
                candidate: candidate_vars(&sample_answers(&def.profile.steps, variant)),
                program: program_vars(p),
                answers: Value::Object(
                    workflow
                        .map(|(_, w)| sample_answers(&w.steps, variant))
                        .unwrap_or_default(),
                ),
                results: sample_results(&cycle.subjects, variant),
            };
            let exprs = located[..profile_exprs]
                .iter()
                .chain(
                    workflow_exprs
                        .get(p.workflow.get_ref())
                        .into_iter()
                        .flatten(),
                )
                .chain(own.iter());
            // Bound once for every expression of this sample candidate.
            let bound = Bound::new(&vars);
            for l in exprs {
                let outcome = bound.as_ref().map_err(Clone::clone).and_then(|bound| {
                    if l.formula {
                        l.expr.eval_number_in(bound).map(|_| ())
                    } else {
                        l.expr.eval_bool_in(bound).map(|_| ())
                    }
                });
                if let Err(message) = outcome {
                    if c.reported.insert((l.file.clone(), l.offset)) {
                        let program_note = if l.file == *file {
                            String::new()
                        } else {
                            format!(" (checked for programme {})", p.code.get_ref())
                        };
                        c.at(
                            &l.at,
                            &l.file,
                            l.offset,
                            format!("{}: {message}{program_note}", l.what),
                        );
                    }
                }
            }
        }
    }
    // Profile expressions are tried even when no programme exists yet.
    if def.programs.is_empty() {
        let vars = Vars {
            candidate: candidate_vars(&sample_answers(&def.profile.steps, 0)),
            results: sample_results(&cycle.subjects, 0),
            ..Vars::default()
        };
        let bound = Bound::new(&vars);
        for l in &located[..profile_exprs] {
            let outcome = bound
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|bound| l.expr.eval_bool_in(bound));
            if let Err(message) = outcome {
                c.at(&l.at, &l.file, l.offset, format!("{}: {message}", l.what));
            }
        }
    }
    let mut problems = c.problems;
    problems.sort();
    problems.dedup();
    problems
}

/// Checks the steps of the profile or of one workflow: `owner` names it in problem locations.
fn check_steps(
    c: &mut Checker<'_>,
    (file, owner): (&str, &str),
    steps: &[StepDef],
    scope: Scope,
    step_keys: &mut BTreeMap<String, String>,
    field_keys: &mut BTreeMap<String, String>,
    located: &mut Vec<Located>,
) {
    let mut document_keys = BTreeMap::new();
    let push = |c: &mut Checker<'_>,
                at: Location,
                source: &Option<Spanned<String>>,
                what: String,
                located: &mut Vec<Located>| {
        if let Some(source) = source {
            if let Some(expr) = c.expr(&at, file, source, &what, scope) {
                located.push(Located {
                    at,
                    file: file.to_owned(),
                    offset: source.span().start,
                    what,
                    expr,
                    formula: false,
                });
            }
        }
    };
    for step in steps {
        let step_key = step.key.get_ref().clone();
        let at_step = |field| {
            Part::Step {
                owner: owner.to_owned(),
                key: step_key.clone(),
            }
            .at(field)
        };
        c.unique(&at_step("key"), file, step_keys, &step.key, "step key");
        c.text(
            &at_step("title"),
            file,
            &step.title,
            &format!("title of step \"{step_key}\""),
        );
        c.opt_text(
            &at_step("intro"),
            file,
            &step.intro,
            &format!("intro of step \"{step_key}\""),
        );
        push(
            c,
            at_step("visible_when"),
            &step.visible_when,
            format!("visible_when of step \"{step_key}\""),
            located,
        );
        for field in &step.fields {
            let key = field.key.get_ref().clone();
            let at_field = |name| {
                Part::Field {
                    owner: owner.to_owned(),
                    key: key.clone(),
                }
                .at(name)
            };
            c.unique(&at_field("key"), file, field_keys, &field.key, "field key");
            if key.contains('-') || key.starts_with(|ch: char| ch.is_ascii_digit()) {
                c.at(
                    &at_field("key"),
                    file,
                    field.key.span().start,
                    format!("field key \"{key}\" must start with a letter and use '_' instead of '-' (conditions read it as answers.{key})"),
                );
            }
            c.text(
                &at_field("label"),
                file,
                &field.label,
                &format!("label of field \"{key}\""),
            );
            c.opt_text(
                &at_field("hint"),
                file,
                &field.hint,
                &format!("hint of field \"{key}\""),
            );
            push(
                c,
                at_field("visible_when"),
                &field.visible_when,
                format!("visible_when of field \"{key}\""),
                located,
            );
            push(
                c,
                at_field("required_when"),
                &field.required_when,
                format!("required_when of field \"{key}\""),
                located,
            );
            if field.required && field.required_when.is_some() {
                c.at(
                    &at_field("required_when"),
                    file,
                    field.key.span().start,
                    format!("field \"{key}\" has both required = true and required_when; keep one"),
                );
            }
            let choice = matches!(field.kind, FieldType::Choice | FieldType::MultiChoice);
            if choice && field.options.is_empty() {
                c.at(
                    &at_field("options"),
                    file,
                    field.key.span().start,
                    format!("field \"{key}\" is a choice but has no options"),
                );
            }
            if !choice && !field.options.is_empty() {
                c.at(
                    &at_field("options"),
                    file,
                    field.key.span().start,
                    format!("field \"{key}\" has options but is not a choice"),
                );
            }
            let mut values = BTreeMap::new();
            for option in &field.options {
                c.unique(
                    &at_field("options"),
                    file,
                    &mut values,
                    &option.value,
                    &format!("option of field \"{key}\""),
                );
                c.text(
                    &at_field("options"),
                    file,
                    &option.label,
                    &format!("label of option \"{}\"", option.value.get_ref()),
                );
            }
            if let (Some(min), Some(max)) = (field.min, field.max) {
                if min > max {
                    c.at(
                        &at_field("min"),
                        file,
                        field.key.span().start,
                        format!("field \"{key}\" has min {min} above max {max}"),
                    );
                }
            }
            if (field.min.is_some() || field.max.is_some()) && field.kind != FieldType::Number {
                c.at(
                    &at_field("min"),
                    file,
                    field.key.span().start,
                    format!("field \"{key}\" has min/max but is not a number"),
                );
            }
            let country_fields = || {
                steps
                    .iter()
                    .chain(&c.def.profile.steps)
                    .flat_map(|s| &s.fields)
                    .filter(|f| f.kind == FieldType::Country)
                    .map(|f| f.key.get_ref().clone())
                    .collect::<Vec<_>>()
            };
            match (&field.country_field, field.kind) {
                (None, FieldType::PostalCode) => c.at(
                    &at_field("country_field"),
                    file,
                    field.key.span().start,
                    format!("field \"{key}\" is a postal code: name its country field with country_field = \"…\""),
                ),
                (Some(country), FieldType::PostalCode) => {
                    let known = country_fields();
                    if !known.contains(country.get_ref()) {
                        c.at(
                            &at_field("country_field"),
                            file,
                            country.span().start,
                            format!(
                                "country_field \"{}\" of field \"{key}\" is not a country field (country fields: {})",
                                country.get_ref(),
                                known.join(", ")
                            ),
                        );
                    }
                }
                (Some(country), _) => c.at(
                    &at_field("country_field"),
                    file,
                    country.span().start,
                    format!("field \"{key}\" has country_field but is not a postal code"),
                ),
                (None, _) => {}
            }
            if field.kind == FieldType::ExamResults && matches!(scope, Scope::Application) {
                c.at(
                    &at_field("kind"),
                    file,
                    field.key.span().start,
                    format!(
                        "field \"{key}\": exam results belong in a profile step (profile.toml)"
                    ),
                );
            }
        }
        for document in &step.documents {
            let key = document.key.get_ref().clone();
            let at_document = |name| {
                Part::Document {
                    owner: owner.to_owned(),
                    key: key.clone(),
                }
                .at(name)
            };
            c.unique(
                &at_document("key"),
                file,
                &mut document_keys,
                &document.key,
                "document key",
            );
            c.text(
                &at_document("name"),
                file,
                &document.name,
                &format!("name of document \"{key}\""),
            );
            c.opt_text(
                &at_document("description"),
                file,
                &document.description,
                &format!("description of document \"{key}\""),
            );
            c.opt_text(
                &at_document("reason"),
                file,
                &document.reason,
                &format!("reason of document \"{key}\""),
            );
            push(
                c,
                at_document("required_when"),
                &document.required_when,
                format!("required_when of document \"{key}\""),
                located,
            );
            for reason in &document.rejection_reasons {
                c.text(
                    &at_document("rejection_reasons"),
                    file,
                    reason,
                    &format!("rejection reason of document \"{key}\""),
                );
            }
            if document.types.is_empty() {
                c.at(
                    &at_document("types"),
                    file,
                    document.key.span().start,
                    format!("document \"{key}\" allows no file types"),
                );
            }
            if document.max_size_mb == 0 || document.max_size_mb > 50 {
                c.at(
                    &at_document("max_size_mb"),
                    file,
                    document.key.span().start,
                    format!("document \"{key}\": max_size_mb must be between 1 and 50"),
                );
            }
            if let Some(due) = &document.original_due {
                if NaiveDate::parse_from_str(due.get_ref(), "%Y-%m-%d").is_err() {
                    c.at(
                        &at_document("original_due"),
                        file,
                        due.span().start,
                        format!(
                            "original_due \"{}\" must be a date like 2027-10-15",
                            due.get_ref()
                        ),
                    );
                }
            }
        }
    }
}
