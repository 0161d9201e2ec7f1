//! Checks a definition as a whole: every text translated, codes unique, references resolved,
//! every condition and formula compiled and tried against sample candidates built from the
//! declared fields. Each problem names the file and line it comes from and the part and value
//! it is about.

mod automation;
mod checker;
mod exams;
mod problem;
mod samples;

pub use problem::{line_at, Location, Part, Problem, PROFILE_OWNER, SUPPORTED_LOCALES};
pub use samples::{candidate_vars, empty_answers, exams_vars, program_vars, with_defaults};

use checker::{Checker, Located, Scope};
use samples::{sample_answers, sample_results, sample_vars, VARIANTS};

use super::expr::{Bound, Vars};
use super::model::*;
use crate::domain::money::{parse_amount, Currency};
use crate::domain::status::ApplicationStatus;
use chrono::{NaiveDate, NaiveDateTime};
use std::collections::{BTreeMap, BTreeSet};

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
    if let Some(days) = &cycle.cycle.payment_grace_days {
        if *days.get_ref() > super::MAX_PAYMENT_GRACE_DAYS {
            c.at(
                &at_cycle("payment_grace_days"),
                cf,
                days.span().start,
                format!(
                    "payment_grace_days must be at most {}",
                    super::MAX_PAYMENT_GRACE_DAYS
                ),
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
    let mut rooms = Vec::new();
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
            if Currency::parse(cur).is_none() {
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
        let mut own = exams::check_exams(&mut c, file, p, &program.exams, &mut rooms);
        c.condition(
            (at_programme("fee_exempt_when"), file),
            &p.fee_exempt_when,
            "fee_exempt_when".into(),
            Scope::Application,
            &mut own,
        );
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
            let vars = sample_vars(def, program, workflow.map(|(_, w)| w), variant);
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
    exams::check_rooms(&mut c, rooms);
    automation::check_automation(&mut c);
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
        c.condition(
            (at_step("visible_when"), file),
            &step.visible_when,
            format!("visible_when of step \"{step_key}\""),
            scope,
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
            c.condition(
                (at_field("visible_when"), file),
                &field.visible_when,
                format!("visible_when of field \"{key}\""),
                scope,
                located,
            );
            c.condition(
                (at_field("required_when"), file),
                &field.required_when,
                format!("required_when of field \"{key}\""),
                scope,
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
                (Some(country), FieldType::PostalCode | FieldType::Phone) => {
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
                    format!("field \"{key}\" has country_field but is not a postal code or a phone number"),
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
            c.condition(
                (at_document("required_when"), file),
                &document.required_when,
                format!("required_when of document \"{key}\""),
                scope,
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
