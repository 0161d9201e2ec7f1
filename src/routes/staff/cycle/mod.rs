//! The staff editor of the admission-cycle definition (programme administrators): edit
//! programmes and document requirements in forms, review the draft against the published
//! version, publish or discard it. Every change goes into a draft, validated whole before it is
//! saved; candidates see only the published version. Every action is audited.

pub mod structure;

/// The editor's routes under `/staff/cycle`, relative to the staff scope.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/cycle").route(web::get().to(overview)))
        .service(
            web::resource("/cycle/programs/{code}")
                .route(web::get().to(program_form))
                .route(web::post().to(program_save)),
        )
        .service(
            web::resource("/cycle/programs/{code}/copy")
                .route(web::get().to(copy_form))
                .route(web::post().to(copy_save)),
        )
        .service(
            web::resource("/cycle/programs/{code}/remove").route(web::post().to(program_remove)),
        )
        .service(
            web::resource("/cycle/documents/{owner}/{key}")
                .route(web::get().to(document_form))
                .route(web::post().to(document_save)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/new")
                .route(web::get().to(structure::new_step_form))
                .route(web::post().to(structure::new_step_save)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/{key}")
                .route(web::get().to(step_form))
                .route(web::post().to(step_save)),
        )
        .service(
            web::resource("/cycle/fields/{owner}/{key}")
                .route(web::get().to(field_form))
                .route(web::post().to(field_save)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/{key}/move")
                .route(web::post().to(structure::step_move)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/{key}/remove")
                .route(web::post().to(structure::step_remove)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/{key}/fields/new")
                .route(web::get().to(structure::new_field_form))
                .route(web::post().to(structure::new_field_save)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/{key}/documents/new")
                .route(web::get().to(structure::new_document_form))
                .route(web::post().to(structure::new_document_save)),
        )
        .service(
            web::resource("/cycle/fields/{owner}/{key}/move")
                .route(web::post().to(structure::field_move)),
        )
        .service(
            web::resource("/cycle/fields/{owner}/{key}/remove")
                .route(web::post().to(structure::field_remove)),
        )
        .service(
            web::resource("/cycle/documents/{owner}/{key}/remove")
                .route(web::post().to(structure::document_remove)),
        )
        .service(
            web::resource("/cycle/workflows/{code}")
                .route(web::get().to(structure::workflow_form))
                .route(web::post().to(structure::workflow_save)),
        )
        .service(web::resource("/cycle/changes").route(web::get().to(changes)))
        .service(web::resource("/cycle/publish").route(web::post().to(publish)))
        .service(web::resource("/cycle/discard").route(web::post().to(discard)));
}

use crate::domain::cycle::diff::{diff_files, DiffLine};
use crate::domain::cycle::model::{DocumentDef, DocumentType, Level, MoneyDef, StudyForm, Text};
use crate::domain::cycle::validate::parse_amount;
use crate::domain::cycle::validate::Part;
use crate::domain::cycle::{Definition, Problem};
use crate::services::cycles;
use crate::web::csrf::CsrfForm;
use crate::web::flash::redirect_with;
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use toml::Spanned;

pub(super) fn pick(text: &Text, locale: &str) -> String {
    text.get(locale)
        .or_else(|| text.values().next())
        .cloned()
        .unwrap_or_default()
}

/// A submitted value as it is stored: line breaks as `\n`, outer whitespace trimmed. When that
/// is the current value up to the same trimming, the current value is kept as it is, so a save
/// without edits changes nothing (a formula keeps its trailing line break, a text its spaces).
pub(super) fn edited(current: Option<&str>, submitted: &str) -> String {
    let normalised = submitted.replace("\r\n", "\n").replace('\r', "\n");
    let normalised = normalised.trim();
    match current {
        Some(current) if current.trim() == normalised => current.to_owned(),
        _ => normalised.to_owned(),
    }
}

/// A text edited in both languages; `current` is the value before the edit, if any.
pub(super) fn text_of(current: Option<&Text>, pl: &str, en: &str) -> Spanned<Text> {
    let mut text = Text::new();
    for (locale, value) in [("pl", pl), ("en", en)] {
        let before = current.and_then(|c| c.get(locale)).map(String::as_str);
        let value = edited(before, value);
        if !value.trim().is_empty() {
            text.insert(locale.to_owned(), value);
        }
    }
    Spanned::new(0..0, text)
}

/// A value that may be left out (a condition, a formula): None when the submission is empty.
pub(super) fn optional(current: Option<&Spanned<String>>, value: &str) -> Option<Spanned<String>> {
    let value = edited(current.map(|c| c.get_ref().as_str()), value);
    (!value.trim().is_empty()).then(|| Spanned::new(0..0, value))
}

/// A text in both languages that may be left out: None when both are empty.
pub(super) fn optional_text(
    current: Option<&Spanned<Text>>,
    pl: &str,
    en: &str,
) -> Option<Spanned<Text>> {
    (!pl.trim().is_empty() || !en.trim().is_empty())
        .then(|| text_of(current.map(Spanned::get_ref), pl, en))
}

/// A checkbox's form value.
fn yes_if(checked: bool) -> String {
    if checked { "yes" } else { "" }.to_owned()
}

pub(super) fn text_in(text: Option<&Spanned<Text>>, locale: &str) -> String {
    text.and_then(|t| t.get_ref().get(locale).cloned())
        .unwrap_or_default()
}

pub(super) fn condition_text(condition: &Option<Spanned<String>>) -> String {
    condition
        .as_ref()
        .map(|c| c.get_ref().clone())
        .unwrap_or_default()
}

/// The requirement choice a form shows: `always`, `when` (a condition) or `optional`.
pub(super) fn requirement_of(
    required: bool,
    required_when: &Option<Spanned<String>>,
) -> &'static str {
    match (required, required_when) {
        (true, _) => "always",
        (false, Some(_)) => "when",
        (false, None) => "optional",
    }
}

/// Checks a submitted requirement choice and its condition, adding errors at their fields.
pub(super) fn check_requirement(
    page: &Page,
    errors: &mut FormErrors,
    requirement: &str,
    condition: &str,
) {
    if !["always", "when", "optional"].contains(&requirement) {
        errors.add("requirement", page.t("editor-error-requirement"));
    }
    if requirement == "when" && condition.trim().is_empty() {
        errors.add("condition", page.t("editor-error-condition-missing"));
    }
}

/// `required` and `required_when` for a submitted requirement choice.
pub(super) fn requirement_from(
    current: Option<&Spanned<String>>,
    requirement: &str,
    condition: &str,
) -> (bool, Option<Spanned<String>>) {
    let when = if requirement == "when" {
        optional(current, condition)
    } else {
        None
    };
    (requirement == "always", when)
}

/// The definition to edit: the open draft, or the published version when none is open yet.
pub(super) async fn editable(state: &AppState) -> Result<(Option<String>, Definition), AppError> {
    let draft = state
        .db(|conn| cycles::draft(conn).map_err(AppError::from))
        .await?;
    if let Some(draft) = draft {
        return Ok((Some(draft.id), draft.definition));
    }
    let current = state
        .db(|conn| cycles::current(conn).map_err(AppError::from))
        .await?;
    let (_, definition) = current.ok_or(AppError::NotFound)?;
    Ok((None, definition))
}

/// Saves `edited` into the draft (opening one if needed). Problems come back unsaved.
pub(super) async fn save(
    state: &AppState,
    user_id: String,
    edited: Definition,
    what: String,
) -> Result<Result<(), Vec<Problem>>, AppError> {
    state
        .db(move |conn| cycles::save_edit(conn, &edited, &user_id, &what).map_err(AppError::from))
        .await
}

/// After a save: on to `then`, or the problems attached to the form's fields.
pub(super) async fn save_or_errors(
    state: &AppState,
    user_id: String,
    edited: Definition,
    what: String,
    (part, fields): (Part, FieldMap),
    then: &str,
) -> Result<Result<HttpResponse, FormErrors>, AppError> {
    Ok(match save(state, user_id, edited, what).await? {
        Ok(()) => Ok(redirect_with(
            then,
            Some(crate::web::flash::Flash::DraftSaved),
        )),
        Err(problems) => Err(problems_to_errors(&problems, Some(&part), fields)),
    })
}

/// (location field, form input) pairs: which input of a form shows a problem with which value
/// of the part it edits.
pub(super) type FieldMap = &'static [(&'static str, &'static str)];

/// Attaches the problems with `part` to the form inputs `fields` maps their value to; the rest
/// go to the summary under `general`, with their file and line.
pub(super) fn problems_to_errors(
    problems: &[Problem],
    part: Option<&Part>,
    fields: FieldMap,
) -> FormErrors {
    let mut errors = FormErrors::default();
    for problem in problems {
        let input = fields
            .iter()
            .find(|(at, _)| part == Some(&problem.at.part) && problem.at.field == *at)
            .map(|(_, input)| *input);
        match input {
            // At its field the message speaks for itself; file and line are for the summary of
            // problems elsewhere in the definition.
            Some(input) => errors.add(input, problem.message.clone()),
            None => errors.add("general", problem.to_string()),
        }
    }
    errors
}

// ---- overview ----

pub struct ProgramRow {
    pub code: String,
    pub name: String,
    pub capacity: u32,
}

pub struct StepRow {
    pub owner: String,
    pub key: String,
    pub title: String,
    /// (key, label) of each field.
    pub fields: Vec<(String, String)>,
}

pub struct DocumentRow {
    pub owner: String,
    pub key: String,
    pub name: String,
    pub requirement: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/overview.html")]
struct OverviewPage {
    page: Page,
    published: String,
    has_draft: bool,
    /// "Started from version N", and the warning when a newer version was published since.
    draft_base: String,
    outdated: Option<String>,
    changed_files: i64,
    programs: Vec<ProgramRow>,
    /// (code, name) of each workflow.
    workflows: Vec<(String, String)>,
    steps: Vec<StepRow>,
    documents: Vec<DocumentRow>,
}

pub async fn overview(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let current = state
        .db(|conn| cycles::current_files(conn).map_err(AppError::from))
        .await?;
    let Some((row, published_files)) = current else {
        return Err(AppError::NotFound);
    };
    let draft = state
        .db(|conn| cycles::draft(conn).map_err(AppError::from))
        .await?;
    let changed_files = draft
        .as_ref()
        .map_or(0, |d| diff_files(&published_files, &d.files).len() as i64);
    let definition = match &draft {
        Some(d) => d.definition.clone(),
        None => crate::config::admin::from_files(published_files).map_err(|_| {
            AppError::Unexpected(anyhow::anyhow!("the published version does not validate"))
        })?,
    };
    let locale = page.lang();
    let programs = definition
        .programs
        .iter()
        .map(|(_, p)| ProgramRow {
            code: p.program.code.get_ref().clone(),
            name: pick(p.program.name.get_ref(), locale),
            capacity: p.program.capacity,
        })
        .collect();
    let mut documents = Vec::new();
    let owners = std::iter::once(("profile".to_owned(), &definition.profile.steps)).chain(
        definition
            .workflows
            .iter()
            .map(|(_, w)| (w.workflow.code.get_ref().clone(), &w.steps)),
    );
    let mut step_rows = Vec::new();
    for (owner, steps) in owners {
        for step in steps.iter() {
            step_rows.push(StepRow {
                owner: owner.clone(),
                key: step.key.get_ref().clone(),
                title: pick(step.title.get_ref(), locale),
                fields: step
                    .fields
                    .iter()
                    .map(|f| (f.key.get_ref().clone(), pick(f.label.get_ref(), locale)))
                    .collect(),
            });
        }
        for document in steps.iter().flat_map(|s| &s.documents) {
            documents.push(DocumentRow {
                owner: owner.clone(),
                key: document.key.get_ref().clone(),
                name: pick(document.name.get_ref(), locale),
                requirement: requirement_text(&page, document),
            });
        }
    }
    render(&OverviewPage {
        published: page.t1(
            "editor-published",
            "version",
            &format!("{} v{}", row.cycle_code, row.version),
        ),
        has_draft: draft.is_some(),
        draft_base: draft.as_ref().map_or_else(String::new, |d| {
            page.tn("editor-draft-base", "version", &i64::from(d.base_version))
        }),
        outdated: draft
            .as_ref()
            .and_then(|d| d.outdated_by)
            .map(|current| page.t1("editor-draft-outdated", "current", &current.to_string())),
        changed_files,
        programs,
        workflows: definition
            .workflows
            .iter()
            .map(|(_, w)| {
                (
                    w.workflow.code.get_ref().clone(),
                    pick(w.workflow.name.get_ref(), locale),
                )
            })
            .collect(),
        steps: step_rows,
        documents,
        page,
    })
}

fn requirement_text(page: &Page, document: &DocumentDef) -> String {
    match (&document.required, &document.required_when) {
        (true, _) => page.t("editor-required-always"),
        (false, Some(when)) => page.t1("editor-required-when", "condition", when.get_ref()),
        (false, None) => page.t("editor-required-never"),
    }
}

// ---- programmes ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ProgramForm {
    name_pl: String,
    name_en: String,
    capacity: String,
    fee_amount: String,
    points: String,
    points_max: String,
    threshold: String,
    fee_exempt_when: String,
    description_pl: String,
    description_en: String,
    level: String,
    study_form: String,
    language: String,
    workflow: String,
    tuition_amount: String,
    tuition_currency: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/program.html")]
struct ProgramPage {
    page: Page,
    code: String,
    form: ProgramForm,
    currency: String,
    /// (value, label) of the choices offered.
    levels: Choices,
    study_forms: Choices,
    workflows: Choices,
    errors: FormErrors,
}

const LEVELS: [Level; 4] = [
    Level::Bachelor,
    Level::Master,
    Level::LongCycle,
    Level::Doctoral,
];
const STUDY_FORMS: [StudyForm; 2] = [StudyForm::FullTime, StudyForm::PartTime];

/// (value, label) pairs offered by a drop-down.
type Choices = Vec<(String, String)>;

/// The choices of the programme form (levels, forms, workflows), in the staff member's language.
fn program_choices(page: &Page, definition: &Definition) -> (Choices, Choices, Choices) {
    let levels = LEVELS
        .iter()
        .map(|l| {
            (
                l.as_str().to_owned(),
                page.t(&format!("level-{}", l.as_str().replace('_', "-"))),
            )
        })
        .collect();
    let forms = STUDY_FORMS
        .iter()
        .map(|f| {
            (
                f.as_str().to_owned(),
                page.t(&format!("study-form-{}", f.as_str().replace('_', "-"))),
            )
        })
        .collect();
    let workflows = definition
        .workflows
        .iter()
        .map(|(_, w)| {
            (
                w.workflow.code.get_ref().clone(),
                pick(w.workflow.name.get_ref(), page.lang()),
            )
        })
        .collect();
    (levels, forms, workflows)
}

fn number_text(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

pub async fn program_form(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (_, definition) = editable(&state).await?;
    let (_, program) = definition
        .programs
        .iter()
        .find(|(_, p)| p.program.code.get_ref() == code.as_str())
        .ok_or(AppError::NotFound)?;
    let p = &program.program;
    let (levels, study_forms, workflows) = program_choices(&page, &definition);
    render(&ProgramPage {
        code: code.into_inner(),
        currency: p.fee.currency.get_ref().clone(),
        levels,
        study_forms,
        workflows,
        form: ProgramForm {
            description_pl: text_in(p.description.as_ref(), "pl"),
            description_en: text_in(p.description.as_ref(), "en"),
            level: p.level.as_str().to_owned(),
            study_form: p.form.as_str().to_owned(),
            language: p.language.clone(),
            workflow: p.workflow.get_ref().clone(),
            tuition_amount: p
                .tuition
                .as_ref()
                .map(|t| t.amount.get_ref().clone())
                .unwrap_or_default(),
            tuition_currency: p.tuition.as_ref().map_or_else(
                || p.fee.currency.get_ref().clone(),
                |t| t.currency.get_ref().clone(),
            ),
            name_pl: text_in(Some(&p.name), "pl"),
            name_en: text_in(Some(&p.name), "en"),
            capacity: p.capacity.to_string(),
            fee_amount: p.fee.amount.get_ref().clone(),
            points: condition_text(&p.points),
            points_max: number_text(p.points_max),
            threshold: number_text(p.threshold),
            fee_exempt_when: condition_text(&p.fee_exempt_when),
        },
        errors: FormErrors::default(),
        page,
    })
}

fn parse_optional_number(raw: &str) -> Result<Option<f64>, ()> {
    let raw = raw.trim().replace(',', ".");
    if raw.is_empty() {
        return Ok(None);
    }
    raw.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite() && *v >= 0.0)
        .map(Some)
        .ok_or(())
}

pub async fn program_save(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    code: web::Path<String>,
    CsrfForm(form): CsrfForm<ProgramForm>,
) -> Result<HttpResponse, AppError> {
    let code = code.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let (levels, study_forms, workflows) = program_choices(&page, &definition);
    let (_, program) = definition
        .programs
        .iter_mut()
        .find(|(_, p)| p.program.code.get_ref() == code.as_str())
        .ok_or(AppError::NotFound)?;
    let currency = program.program.fee.currency.get_ref().clone();
    let mut errors = FormErrors::default();
    let level = LEVELS.into_iter().find(|l| l.as_str() == form.level);
    if level.is_none() {
        errors.add("level", page.t("editor-error-choice"));
    }
    let study_form = STUDY_FORMS
        .into_iter()
        .find(|f| f.as_str() == form.study_form);
    if study_form.is_none() {
        errors.add("study_form", page.t("editor-error-choice"));
    }
    let language = form.language.trim().to_ascii_lowercase();
    if language.len() != 2 || !language.chars().all(|c| c.is_ascii_lowercase()) {
        errors.add("language", page.t("editor-error-language"));
    }
    let tuition_amount = form.tuition_amount.trim();
    let tuition_currency = form.tuition_currency.trim().to_ascii_uppercase();
    if !tuition_amount.is_empty() && parse_amount(tuition_amount).is_none() {
        errors.add("tuition_amount", page.t("editor-error-amount"));
    }
    if !tuition_amount.is_empty()
        && (tuition_currency.len() != 3
            || !tuition_currency.chars().all(|c| c.is_ascii_uppercase()))
    {
        errors.add("tuition_currency", page.t("editor-error-currency"));
    }
    for (field, value) in [
        ("description_pl", &form.description_pl),
        ("description_en", &form.description_en),
    ] {
        if value.chars().count() > 2000 {
            errors.add(field, page.tn("error-field-too-long", "max", &2000));
        }
    }
    let capacity = form
        .capacity
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|c| *c > 0 && *c <= 100_000);
    if capacity.is_none() {
        errors.add("capacity", page.t("editor-error-capacity"));
    }
    if parse_amount(&form.fee_amount).is_none() {
        errors.add("fee_amount", page.t("editor-error-amount"));
    }
    let points_max = parse_optional_number(&form.points_max)
        .map_err(|_| errors.add("points_max", page.t("editor-error-number")))
        .ok()
        .flatten();
    let threshold = parse_optional_number(&form.threshold)
        .map_err(|_| errors.add("threshold", page.t("editor-error-number")))
        .ok()
        .flatten();
    for (field, value) in [("name_pl", &form.name_pl), ("name_en", &form.name_en)] {
        if value.trim().is_empty() {
            errors.add(field, page.t("error-field-missing"));
        } else if value.chars().count() > 200 {
            errors.add(field, page.tn("error-field-too-long", "max", &200));
        }
    }
    if let (true, Some(capacity), Some(level), Some(study_form)) =
        (errors.is_empty(), capacity, level, study_form)
    {
        let p = &mut program.program;
        p.description = optional_text(
            p.description.as_ref(),
            &form.description_pl,
            &form.description_en,
        );
        p.level = level;
        p.form = study_form;
        p.language = language;
        p.workflow = Spanned::new(0..0, form.workflow.trim().to_owned());
        p.tuition = (!tuition_amount.is_empty()).then(|| MoneyDef {
            amount: Spanned::new(0..0, tuition_amount.to_owned()),
            currency: Spanned::new(0..0, tuition_currency.clone()),
        });
        p.name = text_of(Some(p.name.get_ref()), &form.name_pl, &form.name_en);
        p.capacity = capacity;
        p.fee.amount = Spanned::new(0..0, form.fee_amount.trim().to_owned());
        p.points = optional(p.points.as_ref(), &form.points);
        p.points_max = points_max;
        p.threshold = threshold;
        p.fee_exempt_when = optional(p.fee_exempt_when.as_ref(), &form.fee_exempt_when);
        let what = format!("programme {code}");
        let fields = (Part::Programme(code.clone()), PROGRAMME_INPUTS);
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
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &ProgramPage {
            page,
            code,
            form,
            currency,
            levels,
            study_forms,
            workflows,
            errors,
        },
    )
}

// ---- document requirements ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DocumentForm {
    name_pl: String,
    name_en: String,
    reason_pl: String,
    reason_en: String,
    requirement: String,
    condition: String,
    max_size_mb: String,
    type_pdf: String,
    type_jpeg: String,
    type_png: String,
    original_required: String,
    original_due: String,
    rejection_reasons: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/document.html")]
struct DocumentPage {
    page: Page,
    owner: String,
    key: String,
    form: DocumentForm,
    errors: FormErrors,
}

/// The document `key` in the profile (`owner` = "profile") or in the workflow `owner`.
pub(super) fn find_document<'a>(
    definition: &'a mut Definition,
    owner: &str,
    key: &str,
) -> Option<&'a mut DocumentDef> {
    let steps = if owner == "profile" {
        &mut definition.profile.steps
    } else {
        &mut definition
            .workflows
            .iter_mut()
            .find(|(_, w)| w.workflow.code.get_ref() == owner)?
            .1
            .steps
    };
    steps
        .iter_mut()
        .flat_map(|s| s.documents.iter_mut())
        .find(|d| d.key.get_ref() == key)
}

pub async fn document_form(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let d = find_document(&mut definition, &owner, &key).ok_or(AppError::NotFound)?;
    let form = DocumentForm {
        name_pl: text_in(Some(&d.name), "pl"),
        name_en: text_in(Some(&d.name), "en"),
        reason_pl: text_in(d.reason.as_ref(), "pl"),
        reason_en: text_in(d.reason.as_ref(), "en"),
        requirement: requirement_of(d.required, &d.required_when).to_owned(),
        condition: condition_text(&d.required_when),
        max_size_mb: d.max_size_mb.to_string(),
        type_pdf: yes_if(d.types.contains(&DocumentType::Pdf)),
        type_jpeg: yes_if(d.types.contains(&DocumentType::Jpeg)),
        type_png: yes_if(d.types.contains(&DocumentType::Png)),
        original_required: yes_if(d.original_required),
        original_due: condition_text(&d.original_due),
        rejection_reasons: structure::texts_text(&d.rejection_reasons),
    };
    render(&DocumentPage {
        page,
        owner,
        key,
        form,
        errors: FormErrors::default(),
    })
}

pub async fn document_save(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<DocumentForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let mut errors = FormErrors::default();
    let max_size = form
        .max_size_mb
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|m| (1..=50).contains(m));
    if max_size.is_none() {
        errors.add("max_size_mb", page.t("editor-error-size"));
    }
    check_requirement(&page, &mut errors, &form.requirement, &form.condition);
    for (field, value) in [("name_pl", &form.name_pl), ("name_en", &form.name_en)] {
        if value.trim().is_empty() {
            errors.add(field, page.t("error-field-missing"));
        }
    }
    let types: Vec<DocumentType> = [
        (&form.type_pdf, DocumentType::Pdf),
        (&form.type_jpeg, DocumentType::Jpeg),
        (&form.type_png, DocumentType::Png),
    ]
    .into_iter()
    .filter(|(checked, _)| checked.as_str() == "yes")
    .map(|(_, kind)| kind)
    .collect();
    if types.is_empty() {
        errors.add("type_pdf", page.t("editor-error-types"));
    }
    let original_required = form.original_required == "yes";
    let original_due = match form.original_due.trim() {
        "" => None,
        _ if !original_required => None,
        raw => match crate::domain::values::parse_date(raw) {
            Ok(date) => Some(date.format("%Y-%m-%d").to_string()),
            Err(e) => {
                errors.add("original_due", page.t(e.message_id()));
                None
            }
        },
    };
    let reasons = match structure::parse_texts(&form.rejection_reasons) {
        Ok(reasons) => reasons,
        Err(line) => {
            errors.add(
                "rejection_reasons",
                page.tn("editor-error-reasons-line", "line", &(line as i64)),
            );
            Vec::new()
        }
    };
    if let (true, Some(max_size)) = (errors.is_empty(), max_size) {
        let d = find_document(&mut definition, &owner, &key).ok_or(AppError::NotFound)?;
        d.name = text_of(Some(d.name.get_ref()), &form.name_pl, &form.name_en);
        d.reason = optional_text(d.reason.as_ref(), &form.reason_pl, &form.reason_en);
        (d.required, d.required_when) =
            requirement_from(d.required_when.as_ref(), &form.requirement, &form.condition);
        d.max_size_mb = max_size;
        // The same set in another order is no edit.
        if types.len() != d.types.len() || !types.iter().all(|t| d.types.contains(t)) {
            d.types = types;
        }
        d.original_required = original_required;
        d.original_due = original_due.map(|due| Spanned::new(0..0, due));
        d.rejection_reasons = reasons;
        let what = format!("document {owner}/{key}");
        let fields = (
            Part::Document {
                owner: owner.clone(),
                key: key.clone(),
            },
            DOCUMENT_INPUTS,
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
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &DocumentPage {
            page,
            owner,
            key,
            form,
            errors,
        },
    )
}

// ---- review, publish, discard ----

pub struct ChangedFile {
    pub file: String,
    /// (marker, line): "+", "-" or " " (context), with runs of unchanged lines cut to 3 lines.
    pub lines: Vec<(&'static str, String)>,
}

#[derive(Template)]
#[template(path = "staff/cycle/changes.html")]
struct ChangesPage {
    page: Page,
    files: Vec<ChangedFile>,
}

pub async fn changes(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let published = state
        .db(|conn| cycles::current_files(conn).map_err(AppError::from))
        .await?;
    let draft = state
        .db(|conn| cycles::draft(conn).map_err(AppError::from))
        .await?;
    let (Some((_, published)), Some(draft)) = (published, draft) else {
        return Ok(redirect_with("/staff/cycle", None));
    };
    let files = diff_files(&published, &draft.files)
        .into_iter()
        .map(|f| {
            let changed: Vec<bool> = f
                .lines
                .iter()
                .map(|l| !matches!(l, DiffLine::Same(_)))
                .collect();
            let near =
                |i: usize| (i.saturating_sub(3)..(i + 4).min(changed.len())).any(|j| changed[j]);
            let lines = f
                .lines
                .iter()
                .enumerate()
                .filter(|(i, _)| near(*i))
                .map(|(_, l)| match l {
                    DiffLine::Same(t) => (" ", t.clone()),
                    DiffLine::Added(t) => ("+", t.clone()),
                    DiffLine::Removed(t) => ("-", t.clone()),
                })
                .collect();
            ChangedFile {
                file: f.file,
                lines,
            }
        })
        .collect();
    render(&ChangesPage { page, files })
}

pub async fn publish(
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    CsrfForm(_): CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let outcome = state
        .db(move |conn| {
            {
                let Some(draft) = cycles::draft(conn)? else {
                    return Ok(None);
                };
                cycles::publish_draft(conn, &draft.id, &user.id.0).map(Some)
            }
            .map_err(AppError::from)
        })
        .await?;
    match outcome {
        Some(cycles::PublishOutcome::Published(_)) => Ok(redirect_with(
            "/staff/cycle",
            Some(crate::web::flash::Flash::CyclePublished),
        )),
        // The overview explains why and offers to discard.
        Some(cycles::PublishOutcome::Outdated { .. }) => Ok(redirect_with("/staff/cycle", None)),
        // The draft was validated when saved; a failure here means the rules changed under it.
        Some(cycles::PublishOutcome::Invalid(problems)) => {
            Err(AppError::Unexpected(anyhow::anyhow!(
                "draft no longer validates: {}",
                problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; ")
            )))
        }
        None => Ok(redirect_with("/staff/cycle", None)),
    }
}

pub async fn discard(
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    CsrfForm(_): CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    state
        .db(move |conn| {
            if let Some(draft) = cycles::draft(conn)? {
                cycles::discard_draft(conn, &draft.id, &user.id.0)?;
            }
            Ok::<(), AppError>(())
        })
        .await?;
    Ok(redirect_with(
        "/staff/cycle",
        Some(crate::web::flash::Flash::DraftDiscarded),
    ))
}

// ---- steps and fields ----

/// The steps of the profile (`owner` = "profile") or of the workflow `owner`.
pub(super) fn steps_of<'a>(
    definition: &'a mut Definition,
    owner: &str,
) -> Option<&'a mut Vec<crate::domain::cycle::model::StepDef>> {
    if owner == "profile" {
        Some(&mut definition.profile.steps)
    } else {
        definition
            .workflows
            .iter_mut()
            .find(|(_, w)| w.workflow.code.get_ref() == owner)
            .map(|(_, w)| &mut w.steps)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StepForm {
    title_pl: String,
    title_en: String,
    intro_pl: String,
    intro_en: String,
    visible_when: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/step.html")]
struct StepPage {
    page: Page,
    owner: String,
    key: String,
    form: StepForm,
    errors: FormErrors,
}

pub async fn step_form(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let step = steps_of(&mut definition, &owner)
        .and_then(|steps| steps.iter().find(|s| s.key.get_ref() == &key))
        .ok_or(AppError::NotFound)?;
    let form = StepForm {
        title_pl: text_in(Some(&step.title), "pl"),
        title_en: text_in(Some(&step.title), "en"),
        intro_pl: text_in(step.intro.as_ref(), "pl"),
        intro_en: text_in(step.intro.as_ref(), "en"),
        visible_when: condition_text(&step.visible_when),
    };
    render(&StepPage {
        page,
        owner,
        key,
        form,
        errors: FormErrors::default(),
    })
}

pub async fn step_save(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<StepForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let mut errors = FormErrors::default();
    for (field, value) in [("title_pl", &form.title_pl), ("title_en", &form.title_en)] {
        if value.trim().is_empty() {
            errors.add(field, page.t("error-field-missing"));
        }
    }
    if errors.is_empty() {
        let step = steps_of(&mut definition, &owner)
            .and_then(|steps| steps.iter_mut().find(|s| s.key.get_ref() == &key))
            .ok_or(AppError::NotFound)?;
        step.title = text_of(Some(step.title.get_ref()), &form.title_pl, &form.title_en);
        step.intro = optional_text(step.intro.as_ref(), &form.intro_pl, &form.intro_en);
        step.visible_when = optional(step.visible_when.as_ref(), &form.visible_when);
        let fields = (
            Part::Step {
                owner: owner.clone(),
                key: key.clone(),
            },
            STEP_INPUTS,
        );
        let what = format!("step {owner}/{key}");
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
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &StepPage {
            page,
            owner,
            key,
            form,
            errors,
        },
    )
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FieldForm {
    label_pl: String,
    label_en: String,
    hint_pl: String,
    hint_en: String,
    requirement: String,
    condition: String,
    visible_when: String,
    max_length: String,
    /// Choice fields: one option per line, `value | Polish label | English label`.
    options: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/field.html")]
struct FieldPage {
    page: Page,
    owner: String,
    key: String,
    kind: String,
    is_choice: bool,
    form: FieldForm,
    errors: FormErrors,
}

pub(super) fn find_field<'a>(
    definition: &'a mut Definition,
    owner: &str,
    key: &str,
) -> Option<&'a mut crate::domain::cycle::model::FieldDef> {
    steps_of(definition, owner)?
        .iter_mut()
        .flat_map(|s| s.fields.iter_mut())
        .find(|f| f.key.get_ref() == key)
}

pub(super) fn kind_name(kind: crate::domain::cycle::FieldType) -> String {
    kind.as_str().to_owned()
}

pub async fn field_form(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let f = find_field(&mut definition, &owner, &key).ok_or(AppError::NotFound)?;
    let form = FieldForm {
        label_pl: text_in(Some(&f.label), "pl"),
        label_en: text_in(Some(&f.label), "en"),
        hint_pl: text_in(f.hint.as_ref(), "pl"),
        hint_en: text_in(f.hint.as_ref(), "en"),
        requirement: requirement_of(f.required, &f.required_when).to_owned(),
        condition: condition_text(&f.required_when),
        visible_when: condition_text(&f.visible_when),
        max_length: f.max_length.map(|m| m.to_string()).unwrap_or_default(),
        options: structure::options_text(&f.options),
    };
    let kind = kind_name(f.kind);
    render(&FieldPage {
        page,
        owner,
        key,
        kind,
        is_choice: f.kind.is_choice(),
        form,
        errors: FormErrors::default(),
    })
}

pub async fn field_save(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
    CsrfForm(form): CsrfForm<FieldForm>,
) -> Result<HttpResponse, AppError> {
    let (owner, key) = path.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let field_type = find_field(&mut definition, &owner, &key)
        .map(|f| f.kind)
        .ok_or(AppError::NotFound)?;
    let kind = kind_name(field_type);
    let mut errors = FormErrors::default();
    for (field, value) in [("label_pl", &form.label_pl), ("label_en", &form.label_en)] {
        if value.trim().is_empty() {
            errors.add(field, page.t("error-field-missing"));
        }
    }
    check_requirement(&page, &mut errors, &form.requirement, &form.condition);
    let max_length = match form.max_length.trim() {
        "" => Ok(None),
        raw => raw
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=100_000).contains(m))
            .map(Some)
            .ok_or(()),
    };
    if max_length.is_err() {
        errors.add("max_length", page.t("editor-error-max-length"));
    }
    let options = structure::checked_options(&page, &mut errors, field_type, &form.options);
    if let (true, Ok(max_length), Some(options)) = (errors.is_empty(), max_length, options) {
        let f = find_field(&mut definition, &owner, &key).ok_or(AppError::NotFound)?;
        f.label = text_of(Some(f.label.get_ref()), &form.label_pl, &form.label_en);
        f.hint = optional_text(f.hint.as_ref(), &form.hint_pl, &form.hint_en);
        (f.required, f.required_when) =
            requirement_from(f.required_when.as_ref(), &form.requirement, &form.condition);
        f.visible_when = optional(f.visible_when.as_ref(), &form.visible_when);
        f.max_length = max_length;
        f.options = options;
        let fields = (
            Part::Field {
                owner: owner.clone(),
                key: key.clone(),
            },
            FIELD_INPUTS,
        );
        let what = format!("field {owner}/{key}");
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
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &FieldPage {
            page,
            owner,
            key,
            kind,
            is_choice: field_type.is_choice(),
            form,
            errors,
        },
    )
}

// ---- adding (as a copy) and removing programmes ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CopyForm {
    new_code: String,
    name_pl: String,
    name_en: String,
}

#[derive(Template)]
#[template(path = "staff/cycle/copy.html")]
struct CopyPage {
    page: Page,
    code: String,
    form: CopyForm,
    errors: FormErrors,
}

pub async fn copy_form(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
    code: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (_, definition) = editable(&state).await?;
    let code = code.into_inner();
    if !definition
        .programs
        .iter()
        .any(|(_, p)| p.program.code.get_ref() == &code)
    {
        return Err(AppError::NotFound);
    }
    render(&CopyPage {
        page,
        code,
        form: CopyForm::default(),
        errors: FormErrors::default(),
    })
}

pub async fn copy_save(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    code: web::Path<String>,
    CsrfForm(form): CsrfForm<CopyForm>,
) -> Result<HttpResponse, AppError> {
    let code = code.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let source = definition
        .programs
        .iter()
        .find(|(_, p)| p.program.code.get_ref() == &code)
        .map(|(_, p)| p.clone())
        .ok_or(AppError::NotFound)?;
    let new_code = form.new_code.trim().to_owned();
    let file = format!("programs/{new_code}.toml");
    let mut errors = FormErrors::default();
    let well_formed = !new_code.is_empty()
        && new_code.len() <= 40
        && new_code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !well_formed {
        errors.add("new_code", page.t("editor-error-code"));
    } else if definition
        .programs
        .iter()
        .any(|(name, p)| p.program.code.get_ref() == &new_code || *name == file)
    {
        errors.add("new_code", page.t("editor-error-code-taken"));
    }
    for (field, value) in [("name_pl", &form.name_pl), ("name_en", &form.name_en)] {
        if value.trim().is_empty() {
            errors.add(field, page.t("error-field-missing"));
        }
    }
    if errors.is_empty() {
        let mut program = source;
        program.program.code = Spanned::new(0..0, new_code.clone());
        program.program.name = text_of(None, &form.name_pl, &form.name_en);
        definition.programs.push((file, program));
        let fields = (Part::Programme(new_code.clone()), COPY_INPUTS);
        let what = format!("programme {new_code} copied from {code}");
        match save_or_errors(
            &state,
            user.id.0.clone(),
            definition,
            what,
            fields,
            &format!("/staff/cycle/programs/{new_code}"),
        )
        .await?
        {
            Ok(redirect) => return Ok(redirect),
            Err(problems) => errors = problems,
        }
    }
    render_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        &CopyPage {
            page,
            code,
            form,
            errors,
        },
    )
}

pub async fn program_remove(
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    code: web::Path<String>,
    CsrfForm(_): CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let code = code.into_inner();
    let (_, mut definition) = editable(&state).await?;
    let before = definition.programs.len();
    definition
        .programs
        .retain(|(_, p)| p.program.code.get_ref() != &code);
    if definition.programs.len() == before {
        return Err(AppError::NotFound);
    }
    let what = format!("programme {code} removed");
    match save_or_errors(
        &state,
        user.id.0.clone(),
        definition,
        what,
        (Part::Programme(code.clone()), &[]),
        "/staff/cycle",
    )
    .await?
    {
        Ok(redirect) => Ok(redirect),
        // Removing a programme cannot break the rest: nothing refers to programmes.
        Err(problems) => Err(AppError::Unexpected(anyhow::anyhow!(
            "removing {code} broke the definition: {}",
            problems
                .all()
                .iter()
                .map(|e| e.message.clone())
                .collect::<Vec<_>>()
                .join("; ")
        ))),
    }
}

const PROGRAMME_INPUTS: FieldMap = &[
    ("name", "name_pl"),
    ("description", "description_pl"),
    ("points", "points"),
    ("fee_exempt_when", "fee_exempt_when"),
    ("threshold", "threshold"),
    ("points_max", "points_max"),
    ("fee.amount", "fee_amount"),
    ("workflow", "workflow"),
    ("tuition.amount", "tuition_amount"),
    ("tuition.currency", "tuition_currency"),
];
const COPY_INPUTS: FieldMap = &[("code", "new_code"), ("name", "name_pl")];
const DOCUMENT_INPUTS: FieldMap = &[
    ("required_when", "condition"),
    ("reason", "reason_pl"),
    ("name", "name_pl"),
    ("rejection_reasons", "rejection_reasons"),
];
const STEP_INPUTS: FieldMap = &[
    ("visible_when", "visible_when"),
    ("intro", "intro_pl"),
    ("title", "title_pl"),
];
const FIELD_INPUTS: FieldMap = &[
    ("required_when", "condition"),
    ("visible_when", "visible_when"),
    ("hint", "hint_pl"),
    ("label", "label_pl"),
    ("options", "options"),
];
