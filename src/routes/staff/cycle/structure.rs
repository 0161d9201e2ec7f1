//! Structure edits in the cycle editor: adding, moving and removing steps, fields and document
//! requirements, choice options, and a workflow's name and stage texts. Like every editor
//! change they go into the draft, and only when the whole definition still validates; a removal
//! that would break a condition elsewhere is refused with the problems it would cause.

use super::{
    check_requirement, editable, problems_to_errors, requirement_from, save, save_or_errors,
    steps_of, text_in, text_of,
};
use crate::domain::cycle::model::{
    ChoiceOption, DocumentDef, FieldDef, FieldType, StageText, StepDef, Text,
};
use crate::domain::cycle::validate::Part as ProblemPart;
use crate::domain::cycle::Definition;
use crate::domain::status::ApplicationStatus;
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use toml::Spanned;

/// A new key: lower-case letters, digits and `_`, starting with a letter (conditions read field
/// keys as `answers.key`, so the same rule serves steps and documents).
fn well_formed_key(key: &str) -> bool {
    key.len() <= 40
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// `Polish | English`, as a text is typed on one line of an editor list.
fn pl_en(text: &Text) -> String {
    format!(
        "{} | {}",
        text.get("pl").map_or("", String::as_str),
        text.get("en").map_or("", String::as_str)
    )
}

/// The non-blank lines of `raw`, each split at `|` into trimmed parts and read by `read`; an
/// error names the first line (from 1) that `read` refuses.
fn parse_lines<T>(raw: &str, read: impl Fn(&[&str]) -> Option<T>) -> Result<Vec<T>, usize> {
    raw.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            read(&parts).ok_or(i + 1)
        })
        .collect()
}

/// Options as staff type them, one per line: `value | Polish label | English label`.
pub(super) fn options_text(options: &[ChoiceOption]) -> String {
    options
        .iter()
        .map(|o| format!("{} | {}", o.value.get_ref(), pl_en(o.label.get_ref())))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parses [`options_text`]; an error names the first line (from 1) that is not three parts.
pub(super) fn parse_options(raw: &str) -> Result<Vec<ChoiceOption>, usize> {
    parse_lines(raw, |parts| match parts {
        [value, pl, en] if !value.is_empty() && !pl.is_empty() && !en.is_empty() => {
            Some(ChoiceOption {
                value: Spanned::new(0..0, (*value).to_owned()),
                label: text_of(None, pl, en),
            })
        }
        _ => None,
    })
}

/// Texts as staff type them, one per line: `Polish | English` (e.g. rejection reasons).
pub(super) fn texts_text(texts: &[Spanned<Text>]) -> String {
    texts
        .iter()
        .map(|t| pl_en(t.get_ref()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Parses [`texts_text`]; an error names the first line (from 1) that is not two parts.
pub(super) fn parse_texts(raw: &str) -> Result<Vec<Spanned<Text>>, usize> {
    parse_lines(raw, |parts| match parts {
        [pl, en] if !pl.is_empty() && !en.is_empty() => Some(text_of(None, pl, en)),
        _ => None,
    })
}

/// Checks the options of a choice field into `errors`; None when they are unusable.
pub(super) fn checked_options(
    page: &Page,
    errors: &mut FormErrors,
    kind: FieldType,
    raw: &str,
) -> Option<Vec<ChoiceOption>> {
    if !kind.is_choice() {
        return Some(Vec::new());
    }
    match parse_options(raw) {
        Ok(options) if options.is_empty() => {
            errors.add("options", page.t("editor-error-options-missing"));
            None
        }
        Ok(options) => Some(options),
        Err(line) => {
            errors.add(
                "options",
                page.tn("editor-error-options-line", "line", &(line as i64)),
            );
            None
        }
    }
}

/// Moves `items[index]` one place up or down; false when it is already at that end.
fn shift<T>(items: &mut [T], index: usize, direction: &str) -> bool {
    match direction {
        "up" if index > 0 => {
            items.swap(index, index - 1);
            true
        }
        "down" if index + 1 < items.len() => {
            items.swap(index, index + 1);
            true
        }
        _ => false,
    }
}

/// The page shown when a change would break the definition (e.g. removing a field a condition
/// reads): nothing was saved, and the problems say what depends on it.
#[derive(Template)]
#[template(path = "staff/cycle/refused.html")]
struct RefusedPage {
    page: Page,
    what: String,
    back: String,
    errors: FormErrors,
}

/// Saves a change that has no form of its own to return to; problems get the refusal page.
async fn save_or_refuse(
    page: Page,
    state: &AppState,
    user_id: String,
    edited: Definition,
    what: String,
    back: String,
    then: String,
) -> Result<HttpResponse, AppError> {
    match save(state, user_id, edited, what.clone()).await? {
        Ok(()) => Ok(redirect_with(&then, Some(Flash::DraftSaved))),
        Err(problems) => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &RefusedPage {
                page,
                what,
                back,
                errors: problems_to_errors(&problems, None, &[]),
            },
        ),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MoveForm {
    direction: String,
}

pub async fn step_move(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let steps = steps_of(&mut definition, &owner).ok_or(AppError::NotFound)?;
    let index = steps
        .iter()
        .position(|s| s.key.get_ref() == &key)
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/cycle#step-{owner}-{key}");
    if !shift(steps, index, &form.direction) {
        return Ok(redirect_with(&back, None));
    }
    let what = format!("step {owner}/{key} moved {}", form.direction);
    save_or_refuse(
        page,
        &state,
        user.id.0,
        definition,
        what,
        back.clone(),
        back,
    )
    .await
}

pub async fn field_move(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let steps = steps_of(&mut definition, &owner).ok_or(AppError::NotFound)?;
    let (step, index) = steps
        .iter_mut()
        .find_map(|s| {
            let i = s.fields.iter().position(|f| f.key.get_ref() == &key)?;
            Some((s, i))
        })
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/cycle#step-{owner}-{}", step.key.get_ref());
    if !shift(&mut step.fields, index, &form.direction) {
        return Ok(redirect_with(&back, None));
    }
    let what = format!("field {owner}/{key} moved {}", form.direction);
    save_or_refuse(
        page,
        &state,
        user.id.0,
        definition,
        what,
        back.clone(),
        back,
    )
    .await
}

/// The kinds of part a removal can take out of a step list.
#[derive(Clone, Copy)]
enum Part {
    Step,
    Field,
    Document,
}

/// Removes the `kind` keyed `key` from the profile or workflow `owner` and saves the draft.
async fn remove_part(
    page: Page,
    user_id: String,
    state: &AppState,
    (owner, key): (String, String),
    kind: Part,
) -> Result<HttpResponse, AppError> {
    let (_, mut definition) = editable(state).await?;
    let steps = steps_of(&mut definition, &owner).ok_or(AppError::NotFound)?;
    let is_key = |k: &Spanned<String>| k.get_ref() == &key;
    let (name, back, then) = match kind {
        Part::Step => {
            let before = steps.len();
            steps.retain(|s| !is_key(&s.key));
            if steps.len() == before {
                return Err(AppError::NotFound);
            }
            ("step", "steps", "/staff/cycle#steps".to_owned())
        }
        Part::Field => {
            let step = steps
                .iter_mut()
                .find(|s| s.fields.iter().any(|f| is_key(&f.key)))
                .ok_or(AppError::NotFound)?;
            step.fields.retain(|f| !is_key(&f.key));
            let then = format!("/staff/cycle#step-{owner}-{}", step.key.get_ref());
            ("field", "fields", then)
        }
        Part::Document => {
            let step = steps
                .iter_mut()
                .find(|s| s.documents.iter().any(|d| is_key(&d.key)))
                .ok_or(AppError::NotFound)?;
            step.documents.retain(|d| !is_key(&d.key));
            ("document", "documents", "/staff/cycle#documents".to_owned())
        }
    };
    let what = format!("{name} {owner}/{key} removed");
    let back = format!("/staff/cycle/{back}/{owner}/{key}");
    save_or_refuse(page, state, user_id, definition, what, back, then).await
}

pub async fn step_remove(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(_): CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    remove_part(page, user.id.0, &state, path.into_inner(), Part::Step).await
}

pub async fn field_remove(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(_): CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    remove_part(page, user.id.0, &state, path.into_inner(), Part::Field).await
}

pub async fn document_remove(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(_): CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    remove_part(page, user.id.0, &state, path.into_inner(), Part::Document).await
}

// ---- adding ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewStepForm {
    key: String,
    title_pl: String,
    title_en: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/new_step.html")]
struct NewStepPage {
    page: Page,
    owner: String,
    form: NewStepForm,
    errors: FormErrors,
}

fn owner_exists(definition: &mut Definition, owner: &str) -> bool {
    steps_of(definition, owner).is_some()
}

/// Checks a new key and the two texts every new part needs; the text fields are named
/// `{text}_pl` and `{text}_en`.
fn check_new(page: &Page, errors: &mut FormErrors, key: &str, texts: [(&'static str, &str); 2]) {
    if !well_formed_key(key.trim()) {
        errors.add("key", page.t("editor-error-key"));
    }
    for (field, value) in texts {
        if value.trim().is_empty() {
            errors.add(field, page.t("error-field-missing"));
        } else if value.chars().count() > 300 {
            errors.add(field, page.tn("error-field-too-long", "max", &300));
        }
    }
}

pub async fn new_step_form(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
    owner: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let owner = owner.into_inner();
    let (_, mut definition) = editable(&state).await?;
    if !owner_exists(&mut definition, &owner) {
        return Err(AppError::NotFound);
    }
    render(&NewStepPage {
        page,
        owner,
        form: NewStepForm::default(),
        errors: FormErrors::default(),
    })
}

pub async fn new_step_save(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    owner: web::Path<String>,
    CsrfForm(form): CsrfForm<NewStepForm>,
) -> Result<HttpResponse, AppError> {
    let owner = owner.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let mut errors = FormErrors::default();
    check_new(
        &page,
        &mut errors,
        &form.key,
        [("title_pl", &form.title_pl), ("title_en", &form.title_en)],
    );
    if errors.is_empty() {
        let key = form.key.trim().to_owned();
        let steps = steps_of(&mut definition, &owner).ok_or(AppError::NotFound)?;
        steps.push(StepDef {
            key: Spanned::new(0..0, key.clone()),
            title: text_of(None, &form.title_pl, &form.title_en),
            intro: None,
            visible_when: None,
            fields: Vec::new(),
            documents: Vec::new(),
        });
        let what = format!("step {owner}/{key} added");
        let fields = (
            ProblemPart::Step {
                owner: owner.clone(),
                key: key.clone(),
            },
            &[("key", "key"), ("title", "title_pl")][..],
        );
        match save_or_errors(
            &state,
            user.id.0.clone(),
            definition,
            what,
            fields,
            &format!("/staff/cycle/steps/{owner}/{key}"),
        )
        .await?
        {
            Ok(redirect) => return Ok(redirect),
            Err(problems) => errors = problems,
        }
    }
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &NewStepPage {
            page,
            owner,
            form,
            errors,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewFieldForm {
    key: String,
    kind: String,
    label_pl: String,
    label_en: String,
    required: String,
    options: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/new_field.html")]
struct NewFieldPage {
    page: Page,
    owner: String,
    step: String,
    kinds: Vec<(String, String)>,
    form: NewFieldForm,
    errors: FormErrors,
}

fn field_kinds(page: &Page) -> Vec<(String, String)> {
    FieldType::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_owned(),
                page.t(&format!("field-type-{}", k.as_str().replace('_', "-"))),
            )
        })
        .collect()
}

fn find_step<'a>(
    definition: &'a mut Definition,
    owner: &str,
    step: &str,
) -> Option<&'a mut StepDef> {
    steps_of(definition, owner)?
        .iter_mut()
        .find(|s| s.key.get_ref() == step)
}

pub async fn new_field_form(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (owner, step) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    find_step(&mut definition, &owner, &step).ok_or(AppError::NotFound)?;
    render(&NewFieldPage {
        kinds: field_kinds(&page),
        page,
        owner,
        step,
        form: NewFieldForm {
            kind: "text".into(),
            ..NewFieldForm::default()
        },
        errors: FormErrors::default(),
    })
}

pub async fn new_field_save(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<NewFieldForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, step) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    find_step(&mut definition, &owner, &step).ok_or(AppError::NotFound)?;
    let mut errors = FormErrors::default();
    check_new(
        &page,
        &mut errors,
        &form.key,
        [("label_pl", &form.label_pl), ("label_en", &form.label_en)],
    );
    let kind = FieldType::parse(&form.kind);
    if kind.is_none() {
        errors.add("kind", page.t("editor-error-kind"));
    }
    let options = kind.and_then(|kind| checked_options(&page, &mut errors, kind, &form.options));
    if let (true, Some(kind), Some(options)) = (errors.is_empty(), kind, options) {
        let key = form.key.trim().to_owned();
        let target = find_step(&mut definition, &owner, &step).ok_or(AppError::NotFound)?;
        target.fields.push(FieldDef {
            key: Spanned::new(0..0, key.clone()),
            kind,
            label: text_of(None, &form.label_pl, &form.label_en),
            hint: None,
            required: form.required == "yes",
            required_when: None,
            visible_when: None,
            max_length: matches!(kind, FieldType::Text).then_some(200),
            min: None,
            max: None,
            options,
            country_field: None,
        });
        let what = format!("field {owner}/{key} added to step {step}");
        let fields = (
            ProblemPart::Field {
                owner: owner.clone(),
                key: key.clone(),
            },
            &[
                ("key", "key"),
                ("label", "label_pl"),
                ("options", "options"),
            ][..],
        );
        match save_or_errors(
            &state,
            user.id.0.clone(),
            definition,
            what,
            fields,
            &format!("/staff/cycle/fields/{owner}/{key}"),
        )
        .await?
        {
            Ok(redirect) => return Ok(redirect),
            Err(problems) => errors = problems,
        }
    }
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &NewFieldPage {
            kinds: field_kinds(&page),
            page,
            owner,
            step,
            form,
            errors,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewDocumentForm {
    key: String,
    name_pl: String,
    name_en: String,
    requirement: String,
    condition: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/new_document.html")]
struct NewDocumentPage {
    page: Page,
    owner: String,
    step: String,
    form: NewDocumentForm,
    errors: FormErrors,
}

pub async fn new_document_form(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (owner, step) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    find_step(&mut definition, &owner, &step).ok_or(AppError::NotFound)?;
    render(&NewDocumentPage {
        page,
        owner,
        step,
        form: NewDocumentForm {
            requirement: "always".into(),
            ..NewDocumentForm::default()
        },
        errors: FormErrors::default(),
    })
}

pub async fn new_document_save(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<NewDocumentForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, step) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    find_step(&mut definition, &owner, &step).ok_or(AppError::NotFound)?;
    let mut errors = FormErrors::default();
    check_new(
        &page,
        &mut errors,
        &form.key,
        [("name_pl", &form.name_pl), ("name_en", &form.name_en)],
    );
    check_requirement(&page, &mut errors, &form.requirement, &form.condition);
    if errors.is_empty() {
        let key = form.key.trim().to_owned();
        let (required, required_when) = requirement_from(None, &form.requirement, &form.condition);
        let target = find_step(&mut definition, &owner, &step).ok_or(AppError::NotFound)?;
        target.documents.push(DocumentDef {
            key: Spanned::new(0..0, key.clone()),
            name: text_of(None, &form.name_pl, &form.name_en),
            description: None,
            reason: None,
            types: vec![
                crate::domain::cycle::model::DocumentType::Pdf,
                crate::domain::cycle::model::DocumentType::Jpeg,
                crate::domain::cycle::model::DocumentType::Png,
            ],
            max_size_mb: 10,
            required,
            required_when,
            original_required: false,
            original_due: None,
            rejection_reasons: Vec::new(),
        });
        let what = format!("document {owner}/{key} added to step {step}");
        let fields = (
            ProblemPart::Document {
                owner: owner.clone(),
                key: key.clone(),
            },
            &[
                ("key", "key"),
                ("name", "name_pl"),
                ("required_when", "condition"),
            ][..],
        );
        match save_or_errors(
            &state,
            user.id.0.clone(),
            definition,
            what,
            fields,
            &format!("/staff/cycle/documents/{owner}/{key}"),
        )
        .await?
        {
            Ok(redirect) => return Ok(redirect),
            Err(problems) => errors = problems,
        }
    }
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &NewDocumentPage {
            page,
            owner,
            step,
            form,
            errors,
        },
    )
}

// ---- workflows: name and stage texts ----

pub struct StageRow {
    pub status: &'static str,
    pub name: String,
    pub pl: String,
    pub en: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/workflow.html")]
struct WorkflowPage {
    page: Page,
    code: String,
    name_pl: String,
    name_en: String,
    stages: Vec<StageRow>,
    errors: FormErrors,
}

fn stage_rows(page: &Page, value: impl Fn(&'static str, &str) -> String) -> Vec<StageRow> {
    ApplicationStatus::ALL
        .iter()
        .map(|s| StageRow {
            status: s.as_str(),
            name: page.t(&s.message_id()),
            pl: value(s.as_str(), "pl"),
            en: value(s.as_str(), "en"),
        })
        .collect()
}

pub async fn workflow_form(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let code = code.into_inner();
    let (_, definition) = editable(&state).await?;
    let (_, workflow) = definition
        .workflows
        .iter()
        .find(|(_, w)| w.workflow.code.get_ref() == &code)
        .ok_or(AppError::NotFound)?;
    let stages = stage_rows(&page, |status, locale| {
        workflow
            .stage_text(status)
            .and_then(|t| t.get(locale).cloned())
            .unwrap_or_default()
    });
    render(&WorkflowPage {
        name_pl: text_in(Some(&workflow.workflow.name), "pl"),
        name_en: text_in(Some(&workflow.workflow.name), "en"),
        stages,
        page,
        code,
        errors: FormErrors::default(),
    })
}

/// The workflow form has a pair of texts per status (`stage_{status}_pl` / `_en`), so it is
/// read as name/value pairs.
pub async fn workflow_save(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    code: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let code = code.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
            .unwrap_or_default()
    };
    let (name_pl, name_en) = (value("name_pl"), value("name_en"));
    let mut errors = FormErrors::default();
    for (field, text) in [("name_pl", &name_pl), ("name_en", &name_en)] {
        if text.is_empty() {
            errors.add(field, page.t("error-field-missing"));
        } else if text.chars().count() > 200 {
            errors.add(field, page.tn("error-field-too-long", "max", &200));
        }
    }
    let current = definition
        .workflows
        .iter()
        .find(|(_, w)| w.workflow.code.get_ref() == &code)
        .map(|(_, w)| w.clone())
        .ok_or(AppError::NotFound)?;
    let current_stage = |status: &str| {
        current
            .stages
            .iter()
            .find(|t| t.status.get_ref() == status)
            .map(|t| t.text.get_ref())
    };
    let mut stages = Vec::new();
    for status in ApplicationStatus::ALL {
        let s = status.as_str();
        let (pl, en) = (
            value(&format!("stage_{s}_pl")),
            value(&format!("stage_{s}_en")),
        );
        for (field, text) in [
            (format!("stage_{s}_pl"), &pl),
            (format!("stage_{s}_en"), &en),
        ] {
            if text.chars().count() > 2000 {
                errors.add(field, page.tn("error-field-too-long", "max", &2000));
            }
        }
        match (pl.is_empty(), en.is_empty()) {
            (true, true) => {}
            (false, false) => stages.push(StageText {
                status: Spanned::new(0..0, s.to_owned()),
                text: text_of(current_stage(s), &pl, &en),
            }),
            (pl_missing, _) => {
                let missing = if pl_missing { "pl" } else { "en" };
                errors.add(
                    format!("stage_{s}_{missing}"),
                    page.t("editor-error-stage-both"),
                );
            }
        }
    }
    if errors.is_empty() {
        let (_, workflow) = definition
            .workflows
            .iter_mut()
            .find(|(_, w)| w.workflow.code.get_ref() == &code)
            .ok_or(AppError::NotFound)?;
        workflow.workflow.name = text_of(Some(current.workflow.name.get_ref()), &name_pl, &name_en);
        workflow.stages = stages;
        let what = format!("workflow {code}");
        let fields = (
            ProblemPart::Workflow(code.clone()),
            &[("name", "name_pl")][..],
        );
        match save_or_errors(
            &state,
            user.id.0.clone(),
            definition,
            what,
            fields,
            "/staff/cycle",
        )
        .await?
        {
            Ok(redirect) => return Ok(redirect),
            Err(problems) => errors = problems,
        }
    }
    let stages = stage_rows(&page, |status, locale| {
        value(&format!("stage_{status}_{locale}"))
    });
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &WorkflowPage {
            page,
            code,
            name_pl,
            name_en,
            stages,
            errors,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_survive_a_round_trip_through_their_text_form() {
        let parsed = parse_options("a | Tak | Yes\n\n b|Nie|No ");
        let Ok(options) = parsed else {
            panic!("options did not parse: {parsed:?}");
        };
        assert_eq!(options.len(), 2);
        assert_eq!(options_text(&options), "a | Tak | Yes\nb | Nie | No");
    }

    #[test]
    fn an_option_line_without_three_parts_is_reported_by_its_number() {
        assert!(matches!(parse_options("a | Tak | Yes\nb | Nie"), Err(2)));
        assert!(matches!(parse_options(" | Tak | Yes"), Err(1)));
    }

    #[test]
    fn moving_stops_at_either_end() {
        let mut items = vec![1, 2, 3];
        assert!(!shift(&mut items, 0, "up"));
        assert!(shift(&mut items, 0, "down"));
        assert_eq!(items, vec![2, 1, 3]);
        assert!(!shift(&mut items, 2, "down"));
        assert!(!shift(&mut items, 1, "sideways"));
    }

    #[test]
    fn new_keys_must_be_usable_in_conditions() {
        assert!(well_formed_key("visa_needed"));
        assert!(!well_formed_key("1st"));
        assert!(!well_formed_key("visa-needed"));
        assert!(!well_formed_key(""));
        assert!(!well_formed_key("Visa"));
    }
}
