//! The staff editor of the admission-cycle definition (programme administrators): edit
//! programmes, steps, fields, document requirements, workflows, exams and their sessions in forms, review the draft
//! against the published version, publish or discard it. Every change is a pure edit from
//! `domain::cycle::edit`, saved by `services::cycles::edit` into a draft only when the whole
//! definition still validates and nobody saved since the form was rendered. This kernel loads
//! the editable definition, runs every save and maps problems to form inputs; the page files
//! never import each other.

mod documents;
mod exams;
mod fields;
mod form;
mod overview;
mod programmes;
mod publish;
mod steps;
mod workflows;

use crate::domain::cycle::edit::EditError;
use crate::domain::cycle::validate::Part;
use crate::domain::cycle::{Definition, Problem};
use crate::services::cycles::{self, Base, EditOutcome, Editable};
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::de::DeserializeOwned;

/// The editor's routes under `/staff/cycle`, relative to the staff scope.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/cycle").route(web::get().to(overview::overview)))
        .service(
            web::resource("/cycle/programs/{code}")
                .route(web::get().to(show::<programmes::ProgramForm>))
                .route(web::post().to(submit::<programmes::ProgramForm>)),
        )
        .service(
            web::resource("/cycle/programs/{code}/copy")
                .route(web::get().to(show::<programmes::CopyForm>))
                .route(web::post().to(submit::<programmes::CopyForm>)),
        )
        .service(
            web::resource("/cycle/programs/{code}/remove")
                .route(web::post().to(programmes::program_remove)),
        )
        .service(
            web::resource("/cycle/documents/{owner}/{key}")
                .route(web::get().to(show::<documents::DocumentForm>))
                .route(web::post().to(submit::<documents::DocumentForm>)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/new")
                .route(web::get().to(show::<steps::NewStepForm>))
                .route(web::post().to(submit::<steps::NewStepForm>)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/{key}")
                .route(web::get().to(show::<steps::StepForm>))
                .route(web::post().to(submit::<steps::StepForm>)),
        )
        .service(
            web::resource("/cycle/fields/{owner}/{key}")
                .route(web::get().to(show::<fields::FieldForm>))
                .route(web::post().to(submit::<fields::FieldForm>)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/{key}/move")
                .route(web::post().to(steps::step_move)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/{key}/remove")
                .route(web::post().to(steps::step_remove)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/{key}/fields/new")
                .route(web::get().to(show::<fields::NewFieldForm>))
                .route(web::post().to(submit::<fields::NewFieldForm>)),
        )
        .service(
            web::resource("/cycle/steps/{owner}/{key}/documents/new")
                .route(web::get().to(show::<documents::NewDocumentForm>))
                .route(web::post().to(submit::<documents::NewDocumentForm>)),
        )
        .service(
            web::resource("/cycle/fields/{owner}/{key}/move")
                .route(web::post().to(fields::field_move)),
        )
        .service(
            web::resource("/cycle/fields/{owner}/{key}/remove")
                .route(web::post().to(fields::field_remove)),
        )
        .service(
            web::resource("/cycle/documents/{owner}/{key}/remove")
                .route(web::post().to(documents::document_remove)),
        )
        .service(
            web::resource("/cycle/workflows/{code}")
                .route(web::get().to(show::<workflows::WorkflowForm>))
                .route(web::post().to(submit::<workflows::WorkflowForm>)),
        )
        .service(
            web::resource("/cycle/exams/{programme}/{exam}/sessions/new")
                .route(web::get().to(show::<exams::PatternForm>))
                .route(web::post().to(submit::<exams::PatternForm>)),
        )
        .service(
            web::resource("/cycle/exams/{programme}/{exam}/sessions/{key}")
                .route(web::get().to(show::<exams::SessionForm>))
                .route(web::post().to(submit::<exams::SessionForm>)),
        )
        .service(
            web::resource("/cycle/exams/{programme}/{exam}/sessions/{key}/remove")
                .route(web::post().to(exams::session_remove)),
        )
        .service(
            web::resource("/cycle/exams/{programme}/{key}")
                .route(web::get().to(show::<exams::ExamForm>))
                .route(web::post().to(submit::<exams::ExamForm>)),
        )
        .service(web::resource("/cycle/changes").route(web::get().to(publish::changes)))
        .service(web::resource("/cycle/publish").route(web::post().to(publish::publish)))
        .service(web::resource("/cycle/discard").route(web::post().to(publish::discard)));
}

/// The definition to edit (the open draft, or the published version when none is open yet)
/// and the base its forms carry.
async fn editable(state: &AppState) -> Result<Editable, AppError> {
    state
        .db(|conn| cycles::editable(conn).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)
}

/// (location field, form input) pairs: which input of a form shows a problem with which value
/// of the part it edits.
type FieldMap = &'static [(&'static str, &'static str)];

/// Attaches the problems with `part` to the form inputs `inputs` maps their value to; the rest
/// go to the summary under `general`, with their file and line.
fn problems_to_errors(problems: &[Problem], part: Option<&Part>, inputs: FieldMap) -> FormErrors {
    let mut errors = FormErrors::default();
    for problem in problems {
        let input = inputs
            .iter()
            .find(|(at, _)| part == Some(&problem.at.part) && problem.at.field == *at)
            .map(|(_, input)| *input);
        match input {
            // At its input the message speaks for itself; file and line are for the summary of
            // problems elsewhere in the definition.
            Some(input) => errors.add(input, problem.message.clone()),
            None => errors.add("general", problem.to_string()),
        }
    }
    errors
}

/// An editor save: what it is (for the audit log), where to go after it, and which problems
/// its form shows at its inputs (those with `part`, mapped by `inputs`).
struct Save {
    what: String,
    then: String,
    part: Part,
    inputs: FieldMap,
    edit: Edit,
}

/// Runs `edit` on the definition the form started from (`base`) and saves it.
async fn run_edit(
    state: &AppState,
    user_id: String,
    base: &str,
    what: String,
    edit: impl FnOnce(&mut Definition) -> Result<(), EditError> + Send + 'static,
) -> Result<EditOutcome, AppError> {
    let base = Base::from_form(base);
    state
        .db(move |conn| cycles::edit(conn, &base, &user_id, &what, edit).map_err(AppError::from))
        .await
}

/// Not saved: the errors to show, with a status, and the base after a conflict (the state now).
struct NotSaved {
    status: StatusCode,
    errors: FormErrors,
    current: Option<Base>,
}

/// What an edit's outcome means for the page: on to `then`, or why nothing was saved. Problems
/// with `part` go to the inputs `inputs` maps them to; `conflict` is the message id for a save
/// that lost a race.
fn answer(
    page: &Page,
    outcome: EditOutcome,
    then: &str,
    (part, inputs): (Option<&Part>, FieldMap),
    conflict: &str,
) -> Result<Result<HttpResponse, NotSaved>, AppError> {
    let mut errors = FormErrors::default();
    let (status, current) = match outcome {
        EditOutcome::Saved => return Ok(Ok(redirect_with(then, Some(Flash::DraftSaved)))),
        EditOutcome::Refused(EditError::AtEnd) => return Ok(Ok(redirect_with(then, None))),
        EditOutcome::Refused(EditError::NotFound) => return Err(AppError::NotFound),
        EditOutcome::Refused(EditError::Taken) => {
            errors.add("general", page.t("editor-error-code-taken"));
            (StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        EditOutcome::Invalid(problems) => {
            errors = problems_to_errors(&problems, part, inputs);
            (StatusCode::UNPROCESSABLE_ENTITY, None)
        }
        EditOutcome::Conflict { current } => {
            errors.add("general", page.t(conflict));
            (StatusCode::CONFLICT, Some(current))
        }
    };
    Ok(Err(NotSaved {
        status,
        errors,
        current,
    }))
}

/// An edit of the definition, as a form submission asks for it.
type Edit = Box<dyn FnOnce(&mut Definition) -> Result<(), EditError> + Send>;

/// One form page of the editor: its inputs, how the definition fills them, what a submission
/// changes and the page around the form. [`show`] and [`submit`] serve every form page.
trait EditorForm: DeserializeOwned + Sized + 'static {
    /// What the URL names: a code, or an owner and a key.
    type At: DeserializeOwned + 'static;
    type Page: Template;

    /// The form showing what `at` names as it is; `None` when it names nothing.
    fn fill(definition: &Definition, at: &Self::At) -> Option<Self>;

    /// The form as submitted (`None` when it cannot be read as this form).
    fn read(pairs: &[(String, String)]) -> Option<Self> {
        serde_urlencoded::from_str(&serde_urlencoded::to_string(pairs).ok()?).ok()
    }

    /// What saving this submission is and the edit it makes, or every error at its input;
    /// `None` when `at` names nothing.
    fn edit(
        &self,
        page: &Page,
        definition: &Definition,
        at: &Self::At,
    ) -> Option<Result<Save, FormErrors>>;

    /// The page showing `form` with `base` and `errors`.
    fn page(
        page: Page,
        definition: &Definition,
        at: Self::At,
        form: Self,
        shown: (String, FormErrors),
    ) -> Self::Page;
}

/// GET of an editor form page: the form filled from the editable definition.
async fn show<F: EditorForm>(
    page: Page,
    _editor: CycleEditor,
    state: web::Data<AppState>,
    at: web::Path<F::At>,
) -> Result<HttpResponse, AppError> {
    let at = at.into_inner();
    let editable = editable(&state).await?;
    let form = F::fill(&editable.definition, &at).ok_or(AppError::NotFound)?;
    let shown = (editable.base.as_str().to_owned(), FormErrors::default());
    render(&F::page(page, &editable.definition, at, form, shown))
}

/// POST of an editor form page, the one save of every form: on to the save's page, or the
/// form again with what the user typed and why nothing was saved (its own errors, the problems
/// at their inputs, or that someone else saved meanwhile, with the new base so that saving
/// again after a look at the changes goes through).
async fn submit<F: EditorForm>(
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    at: web::Path<F::At>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let at = at.into_inner();
    // Every form carries the base it was rendered from; the kernel, not the form, reads it.
    let base = pairs
        .iter()
        .find(|(name, _)| name == "base")
        .map(|(_, value)| value.clone())
        .unwrap_or_default();
    let form = F::read(&pairs).ok_or(AppError::BadRequest)?;
    let editable = editable(&state).await?;
    let edit = form
        .edit(&page, &editable.definition, &at)
        .ok_or(AppError::NotFound)?;
    let (status, shown) = match edit {
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, (base, errors)),
        Ok(save) => {
            let outcome = run_edit(&state, user.id.0, &base, save.what, save.edit).await?;
            let problems_at = (Some(&save.part), save.inputs);
            match answer(&page, outcome, &save.then, problems_at, "editor-conflict")? {
                Ok(redirect) => return Ok(redirect),
                Err(not) => {
                    let base = not.current.map_or(base, |c| c.as_str().to_owned());
                    (not.status, (base, not.errors))
                }
            }
        }
    };
    render_status(
        status,
        &F::page(page, &editable.definition, at, form, shown),
    )
}

/// The page shown when a change without a form of its own (move, remove) is not made: it would
/// break the definition (e.g. removing a field a condition reads), or someone else saved since
/// the page it came from was shown. Nothing was saved; the problems say why.
#[derive(Template)]
#[template(path = "staff/cycle/refused.html")]
struct RefusedPage {
    page: Page,
    /// Why nothing was saved: the change would leave problems, or someone else saved first.
    lead: String,
    back: String,
    errors: FormErrors,
}

/// The refusal page after someone else saved into the draft first (409), with a link `back`.
fn refused_by_conflict(page: Page, back: String) -> Result<HttpResponse, AppError> {
    render_status(
        StatusCode::CONFLICT,
        &RefusedPage {
            lead: page.t("editor-conflict-action"),
            page,
            back,
            errors: FormErrors::default(),
        },
    )
}

/// The refusal page for a change refused before it was tried (`errors` say why), with a link
/// `back`.
fn refused(page: Page, back: String, errors: FormErrors) -> Result<HttpResponse, AppError> {
    render_status(
        StatusCode::CONFLICT,
        &RefusedPage {
            lead: page.t("editor-refused-booked"),
            page,
            back,
            errors,
        },
    )
}

/// Saves a change that has no form to return to (a move or a removal): on to `then`, or the
/// refusal page with a link `back`.
async fn act(
    state: &AppState,
    page: Page,
    user_id: String,
    base: &str,
    (what, back, then): (String, String, String),
    edit: impl FnOnce(&mut Definition) -> Result<(), EditError> + Send + 'static,
) -> Result<HttpResponse, AppError> {
    let outcome = run_edit(state, user_id, base, what.clone(), edit).await?;
    match answer(&page, outcome, &then, (None, &[]), "editor-conflict-action")? {
        Ok(redirect) => Ok(redirect),
        // After a conflict the message is the whole story: no problem depends on the change.
        Err(not) if not.current.is_some() => refused_by_conflict(page, back),
        Err(not) => render_status(
            not.status,
            &RefusedPage {
                lead: page.t1("editor-refused-lead", "what", &what),
                page,
                back,
                errors: not.errors,
            },
        ),
    }
}
