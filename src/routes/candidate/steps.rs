//! The guided steps of the profile and of an application: each field as an input with its
//! hint and error, the documents of the step, the points preview, and saving with every error
//! shown at its field and what was typed kept.

use super::applications::{step_links, StepLink};
use super::{load, programme_name, Loaded, OwnApplication};
use crate::domain::answers::{FormInput, InputError, StepOutcome};
use crate::domain::cycle::evaluate::{Scope, StepView};
use crate::domain::cycle::model::StepDef;
use crate::domain::documents::{self, Change, DocumentStatus};
use crate::domain::UserId;
use crate::i18n::format::pick;
use crate::routes::views::{display_value, field_inputs, item_views, FieldInput, ItemView, Source};
use crate::services::applications::{self as journey, Profile};
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::Candidate;
use crate::web::{AppError, AppState, CurrentCycle, Page};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use std::sync::Arc;

#[derive(Template)]
#[template(path = "candidate/steps/step.html")]
struct StepPage {
    page: Page,
    /// Where the form posts and where "back" goes.
    action: String,
    back: String,
    back_label: String,
    programme: String,
    title: String,
    intro: String,
    number: usize,
    count: usize,
    steps: Vec<StepLink>,
    step_base: String,
    fields: Vec<FieldInput>,
    shown: Vec<String>,
    read_only: bool,
    read_only_values: Vec<(String, String)>,
    documents: Vec<DocumentUpload>,
    upload_base: String,
    /// Where "continue" goes from a step without questions: the next step, or the summary.
    next_link: String,
    new_questions: bool,
    is_last: bool,
    points_check: bool,
    points_preview: Vec<(String, String)>,
    errors: FormErrors,
}

/// The step pages work for an application (`/applications/{id}/steps/{key}`, profile and
/// application steps in order) and for the profile alone (`/profile/{key}`).
struct StepContext {
    loaded: Option<Loaded>,
    version: Arc<CurrentCycle>,
    profile: Profile,
    program: String,
    views: Vec<StepView>,
}

impl StepContext {
    fn base(&self) -> String {
        match &self.loaded {
            Some(l) => format!("/applications/{}/steps", l.app.row.id),
            None => "/profile".into(),
        }
    }

    fn back(&self) -> String {
        match &self.loaded {
            Some(l) => format!("/applications/{}", l.app.row.id),
            None => "/".into(),
        }
    }
}

impl StepContext {
    /// The steps of the candidate's application.
    fn of_application(loaded: Loaded) -> StepContext {
        StepContext {
            version: loaded.version.clone(),
            profile: loaded.profile.clone(),
            program: loaded.app.row.program_code.to_string(),
            views: loaded.evaluated.preview.steps.clone(),
            loaded: Some(loaded),
        }
    }

    /// The answers the step `key` shows: the application's or the shared profile's.
    fn answers(&self, scope: Option<Scope>) -> serde_json::Map<String, serde_json::Value> {
        match (scope, &self.loaded) {
            (Some(Scope::Application), Some(l)) => l.app.answers.clone(),
            (Some(Scope::Application), None) => serde_json::Map::new(),
            _ => self.profile.answers.clone(),
        }
    }
}

/// The steps of the candidate's profile, which every application shares.
async fn profile_context(state: &AppState, candidate: &UserId) -> Result<StepContext, AppError> {
    let version = state.cycle().await?.ok_or(AppError::NotFound)?;
    let owned = candidate.clone();
    let profile = state
        .db(move |conn| journey::profile(conn, owned.as_str()).map_err(AppError::from))
        .await?;
    let program = journey::any_program(&version.definition).ok_or(AppError::NotFound)?;
    let applicant = crate::domain::answers::applicant(
        &version.definition,
        &profile.answers,
        &serde_json::Map::new(),
    );
    let preview = crate::domain::cycle::evaluate::evaluate(
        &version.definition,
        &version.compiled,
        &program,
        &applicant,
    )
    .map_err(|e| AppError::Unexpected(anyhow::anyhow!(e)))?;
    let views = preview
        .steps
        .into_iter()
        .filter(|s| s.scope == Scope::Profile)
        .collect();
    Ok(StepContext {
        loaded: None,
        version,
        profile,
        program,
        views,
    })
}

/// The context again after a save (what applies may have changed with the answers).
async fn reloaded(
    state: &AppState,
    candidate: &UserId,
    ctx: &StepContext,
) -> Result<StepContext, AppError> {
    match &ctx.loaded {
        Some(l) => Ok(StepContext::of_application(
            load(state, candidate, &l.app.row.id).await?,
        )),
        None => profile_context(state, candidate).await,
    }
}

struct StepRender<'a> {
    /// The step as the typed input makes it (when re-shown with errors); else as stored.
    view: Option<&'a StepView>,
    source: Source<'a>,
    errors: &'a [InputError],
    new_questions: bool,
    points_preview: Vec<(String, String)>,
    /// A refused upload: (document key, message).
    upload_error: Option<(String, String)>,
}

impl<'a> StepRender<'a> {
    /// The step as stored, with nothing to report.
    fn saved(answers: &'a serde_json::Map<String, serde_json::Value>) -> StepRender<'a> {
        StepRender {
            view: None,
            source: Source::Saved(answers),
            errors: &[],
            new_questions: false,
            points_preview: Vec::new(),
            upload_error: None,
        }
    }

    /// The step as the typed input makes it, with its errors.
    fn typed(
        outcome: &'a StepOutcome,
        input: FormInput<'a>,
        errors: &'a [InputError],
    ) -> StepRender<'a> {
        StepRender {
            view: outcome.view.as_ref(),
            source: Source::Typed(input),
            errors,
            new_questions: false,
            points_preview: Vec::new(),
            upload_error: None,
        }
    }
}

/// A document requirement on its step page, with its upload form.
pub struct DocumentUpload {
    pub key: String,
    pub item: ItemView,
    pub file_name: String,
    /// Why the current upload was rejected, and by when to correct it.
    pub rejection: String,
    pub accept: String,
    pub types: String,
    pub max_mb: u32,
    pub can_change: bool,
    pub error: String,
}

fn step_page(
    page: Page,
    ctx: &StepContext,
    key: &str,
    how: StepRender<'_>,
) -> Result<StepPage, AppError> {
    let locale = page.lang();
    let def = &ctx.version.definition;
    let position = ctx
        .views
        .iter()
        .position(|s| s.key == key)
        .ok_or(AppError::NotFound)?;
    let view = how.view.unwrap_or(&ctx.views[position]);
    let step = crate::domain::answers::find_step(def, &ctx.program, view.scope, key)
        .ok_or(AppError::NotFound)?;
    let read_only = match (&ctx.loaded, view.scope) {
        (Some(l), Scope::Application) => !l.app.can_change(def),
        _ => false,
    };
    let fields = field_inputs(&page, def, step, view, &how.source, how.errors);
    let mut errors = field_errors(&page, step, how.errors);
    let answers = match (view.scope, &ctx.loaded) {
        (Scope::Profile, _) => ctx.profile.answers.clone(),
        (Scope::Application, Some(l)) => l.app.answers.clone(),
        (Scope::Application, None) => serde_json::Map::new(),
    };
    let read_only_values = if read_only {
        view.fields
            .iter()
            .filter_map(|fv| step.fields.iter().find(|f| f.key.get_ref() == &fv.key))
            .map(|f| {
                (
                    pick(f.label.get_ref(), locale),
                    display_value(&page, def, f, answers.get(f.key.get_ref())),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let documents = match &ctx.loaded {
        Some(l) => document_uploads(&page, l, step, key, how.upload_error.as_ref()),
        None => Vec::new(),
    };
    if let Some((doc_key, message)) = &how.upload_error {
        errors.add(format!("file-{doc_key}"), message.clone());
    }
    let programme = match &ctx.loaded {
        Some(l) => programme_name(def, l.app.row.program_code.as_str(), locale),
        None => page.t("profile-title"),
    };
    let back_label = match &ctx.loaded {
        Some(_) => page.t("step-back-application"),
        None => page.t("step-back-home"),
    };
    let steps = match &ctx.loaded {
        Some(l) => step_links(l, locale, key),
        None => ctx
            .views
            .iter()
            .map(|s| StepLink {
                key: s.key.clone(),
                title: pick(&s.title, locale),
                complete: ctx.profile.saved_steps.contains(&s.key),
                current: s.key == key,
            })
            .collect(),
    };
    Ok(StepPage {
        action: format!("{}/{key}", ctx.base()),
        back: ctx.back(),
        back_label,
        programme,
        title: pick(&view.title, locale),
        intro: step
            .intro
            .as_ref()
            .map(|t| pick(t.get_ref(), locale))
            .unwrap_or_default(),
        number: position + 1,
        count: ctx.views.len(),
        steps,
        step_base: ctx.base(),
        shown: fields.iter().map(|f| f.key.clone()).collect(),
        points_check: fields.iter().any(|f| f.kind == "exam_results") && ctx.loaded.is_some(),
        fields,
        read_only,
        read_only_values,
        documents,
        upload_base: ctx
            .loaded
            .as_ref()
            .map(|l| format!("/applications/{}/documents", l.app.row.id))
            .unwrap_or_default(),
        new_questions: how.new_questions,
        is_last: position + 1 == ctx.views.len(),
        next_link: ctx
            .views
            .get(position + 1)
            .map(|s| format!("{}/{}", ctx.base(), s.key))
            .unwrap_or_else(|| ctx.back()),
        points_preview: how.points_preview,
        errors,
        page,
    })
}

/// Each input's error, after the label of its field ("Date of birth: …").
fn field_errors(page: &Page, step: &StepDef, input_errors: &[InputError]) -> FormErrors {
    let mut errors = FormErrors::default();
    for error in input_errors {
        let field = step.fields.iter().find(|f| f.key.get_ref() == &error.field);
        let label = field
            .map(|f| pick(f.label.get_ref(), page.lang()))
            .unwrap_or_default();
        errors.add(
            error.input.clone(),
            format!(
                "{label}: {}",
                crate::routes::views::error_message(page, field, error)
            ),
        );
    }
    errors
}

/// The upload box of each document the step asks for: its checklist item, accepted types, the
/// current file, whether it may be replaced, why it was rejected and a refused upload's message.
fn document_uploads(
    page: &Page,
    l: &Loaded,
    step: &StepDef,
    key: &str,
    upload_error: Option<&(String, String)>,
) -> Vec<DocumentUpload> {
    let step_items: Vec<_> = l
        .evaluated
        .checklist
        .iter()
        .filter(|i| {
            matches!(&i.kind, crate::domain::checklist::ItemKind::Document { step, .. } if step == key)
        })
        .cloned()
        .collect();
    let views = item_views(
        page,
        &step_items,
        &format!("/applications/{}", l.app.row.id),
    );
    step_items
        .iter()
        .zip(views)
        .filter_map(|(item, view)| {
            let crate::domain::checklist::ItemKind::Document { key: doc_key, .. } = &item.kind
            else {
                return None;
            };
            let def = step.documents.iter().find(|d| d.key.get_ref() == doc_key)?;
            let current = l.documents.iter().find(|d| &d.requirement == doc_key);
            let types: Vec<&str> = def
                .types
                .iter()
                .map(|t| crate::domain::documents::inspect::extension(*t))
                .collect();
            Some(DocumentUpload {
                key: doc_key.clone(),
                file_name: current.map(|d| d.file_name.clone()).unwrap_or_default(),
                accept: types
                    .iter()
                    .map(|t| format!(".{t}"))
                    .chain(
                        def.types.iter().map(|t| {
                            crate::domain::documents::inspect::content_type(*t).to_owned()
                        }),
                    )
                    .collect::<Vec<_>>()
                    .join(","),
                types: types.join(", ").to_uppercase().replace("JPG", "JPEG"),
                max_mb: def.max_size_mb,
                can_change: documents::may_change(
                    Change::Replace,
                    current.map(|d| d.status),
                    view_scope_editable(l, key),
                )
                .is_ok(),
                rejection: current
                    .filter(|d| d.status == DocumentStatus::Rejected)
                    .map(|d| {
                        let mut text = page.t1(
                            "documents-upload-rejected-because",
                            "reason",
                            d.review_note.as_deref().unwrap_or(""),
                        );
                        if let Some(due) = &d.correction_due {
                            text.push(' ');
                            text.push_str(&page.t1(
                                "documents-upload-correct-by",
                                "date",
                                &page.date(due),
                            ));
                        }
                        text
                    })
                    .unwrap_or_default(),
                error: upload_error
                    .filter(|(k, _)| k == doc_key)
                    .map(|(_, m)| m.clone())
                    .unwrap_or_default(),
                item: view,
            })
        })
        .collect()
}

pub async fn step_form(
    page: Page,
    own: OwnApplication,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, key) = path.into_inner();
    show_step(page, &StepContext::of_application(own.loaded), &key)
}

pub async fn profile_step_form(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ctx = profile_context(&state, &user.id).await?;
    show_step(page, &ctx, &key)
}

fn show_step(page: Page, ctx: &StepContext, key: &str) -> Result<HttpResponse, AppError> {
    let answers = ctx.answers(ctx.views.iter().find(|s| s.key == key).map(|s| s.scope));
    render(&step_page(page, ctx, key, StepRender::saved(&answers))?)
}

pub async fn step_save(
    page: Page,
    state: web::Data<AppState>,
    own: OwnApplication,
    path: web::Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (_, key) = path.into_inner();
    let ctx = StepContext::of_application(own.loaded);
    save_step(page, &state, &own.candidate.id, ctx, &key, pairs).await
}

pub async fn profile_step_save(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    key: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let ctx = profile_context(&state, &user.id).await?;
    save_step(page, &state, &user.id, ctx, &key, pairs).await
}

/// The points each of the candidate's applications would get with the results just typed.
async fn points_preview(
    state: &AppState,
    page: &Page,
    candidate: &UserId,
    profile_now: &serde_json::Map<String, serde_json::Value>,
) -> Result<Vec<(String, String)>, AppError> {
    let owned = candidate.clone();
    let applications = state
        .db(move |conn| journey::for_candidate(conn, &owned).map_err(AppError::from))
        .await?;
    let mut out = Vec::new();
    for app in applications {
        let version = state
            .cycle_version(app.row.cycle_version_id.as_str())
            .await?;
        let def = &version.definition;
        let mut applicant = crate::domain::answers::applicant(def, profile_now, &app.answers);
        applicant.exams = app.scores.clone();
        let Ok(preview) = crate::domain::cycle::evaluate::evaluate(
            def,
            &version.compiled,
            app.row.program_code.as_str(),
            &applicant,
        ) else {
            continue;
        };
        if let Some(points) = preview.points {
            let value = crate::i18n::format::points_out_of(points.points, points.max, page.lang());
            out.push((
                programme_name(def, app.row.program_code.as_str(), page.lang()),
                value,
            ));
        }
    }
    Ok(out)
}

async fn save_step(
    page: Page,
    state: &AppState,
    candidate: &UserId,
    ctx: StepContext,
    key: &str,
    pairs: Vec<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let view = ctx
        .views
        .iter()
        .find(|s| s.key == key)
        .ok_or(AppError::NotFound)?
        .clone();
    let input = FormInput(&pairs);
    let shown: Vec<String> = input.all("_shown").into_iter().map(str::to_owned).collect();
    let action = input.first("_action").to_owned();
    let today = chrono::Utc::now().date_naive();
    if action == "points" {
        return what_if(page, state, candidate, &ctx, (&view, input, &shown), today).await;
    }
    if action == "refresh" {
        return refreshed(page, &ctx, (&view, input, &shown), today);
    }
    let version = ctx.version.clone();
    let application = ctx.loaded.as_ref().map(|l| l.app.clone());
    let owned_pairs = pairs.clone();
    let owned_key = key.to_owned();
    let owned_candidate = candidate.clone();
    let scope = view.scope;
    let services = state.services.clone();
    let outcome: Option<StepOutcome> = state
        .db(move |conn| {
            let outcome = journey::save_step(
                conn,
                &services,
                &version.definition,
                &version.compiled,
                &owned_candidate,
                application.as_ref(),
                scope,
                &owned_key,
                FormInput(&owned_pairs),
                &shown,
                today,
            )?;
            if scope == Scope::Profile && outcome.is_some() {
                journey::note_profile_change(conn, &owned_candidate)?;
            }
            Ok::<_, AppError>(outcome)
        })
        .await?;
    let Some(outcome) = outcome else {
        // The application was submitted or withdrawn in the meantime.
        return Ok(redirect_with(&ctx.back(), Some(Flash::NotEditable)));
    };
    if !outcome.errors.is_empty() {
        let body = step_page(
            page,
            &ctx,
            key,
            StepRender::typed(&outcome, input, &outcome.errors),
        )?;
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &body);
    }
    let fresh = reloaded(state, candidate, &ctx).await?;
    if !outcome.new_questions.is_empty() {
        // The answers opened new questions on this step: it is shown again with them.
        let answers = fresh.answers(Some(scope));
        return render(&step_page(
            page,
            &fresh,
            key,
            StepRender {
                new_questions: true,
                ..StepRender::saved(&answers)
            },
        )?);
    }
    Ok(redirect_with(
        &next_page(&fresh, key, action == "stay"),
        Some(Flash::StepSaved),
    ))
}

/// Where a saved step goes on to: the same step (`stay`), the next step, or after the last
/// one the application (or the home page, for the profile).
fn next_page(ctx: &StepContext, key: &str, stay: bool) -> String {
    if stay {
        return format!("{}/{key}", ctx.base());
    }
    let position = ctx.views.iter().position(|s| s.key == key);
    position
        .and_then(|p| ctx.views.get(p + 1))
        .map(|s| format!("{}/{}", ctx.base(), s.key))
        .unwrap_or_else(|| ctx.back())
}

/// Reads the typed input of the step the way saving would, without saving it.
fn read_unsaved(
    ctx: &StepContext,
    view: &StepView,
    input: FormInput<'_>,
    shown: &[String],
    today: chrono::NaiveDate,
) -> Result<StepOutcome, AppError> {
    crate::domain::answers::read_step(
        &ctx.version.definition,
        &ctx.version.compiled,
        &ctx.program,
        &ctx.profile.answers,
        &ctx.answers(Some(Scope::Application)),
        view.scope,
        &view.key,
        input,
        shown,
        today,
    )
    .map_err(|e| AppError::Unexpected(anyhow::anyhow!(e)))
}

/// The step's fields as the typed, unsaved answers make them (a field another answer brings
/// in appears, one it rules out goes), without errors; nothing is saved. The page's script
/// asks for this when an answer others depend on changes.
fn refreshed(
    page: Page,
    ctx: &StepContext,
    (view, input, shown): (&StepView, FormInput<'_>, &[String]),
    today: chrono::NaiveDate,
) -> Result<HttpResponse, AppError> {
    let outcome = read_unsaved(ctx, view, input, shown, today)?;
    render(&step_page(
        page,
        ctx,
        &view.key,
        StepRender::typed(&outcome, input, &[]),
    )?)
}

/// What-if: the step again with the points the typed results would give each application of
/// the candidate; nothing is saved.
async fn what_if(
    page: Page,
    state: &AppState,
    candidate: &UserId,
    ctx: &StepContext,
    (view, input, shown): (&StepView, FormInput<'_>, &[String]),
    today: chrono::NaiveDate,
) -> Result<HttpResponse, AppError> {
    let outcome = read_unsaved(ctx, view, input, shown, today)?;
    let preview = points_preview(state, &page, candidate, &outcome.answers).await?;
    render(&step_page(
        page,
        ctx,
        &view.key,
        StepRender {
            points_preview: preview,
            ..StepRender::typed(&outcome, input, &outcome.errors)
        },
    )?)
}

/// Whether the candidate may change the documents of step `key` (profile documents always; the
/// programme's only while the application is a draft).
fn view_scope_editable(loaded: &Loaded, key: &str) -> bool {
    loaded
        .evaluated
        .preview
        .steps
        .iter()
        .find(|s| s.key == key)
        .is_some_and(|s| {
            s.scope == Scope::Profile || loaded.app.can_change(&loaded.version.definition)
        })
}

/// The step page with a refused upload's message at its document.
pub(super) fn render_step_with_upload_error(
    page: Page,
    loaded: Loaded,
    step: &str,
    document: &str,
    message: String,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let ctx = StepContext {
        version: loaded.version.clone(),
        profile: loaded.profile.clone(),
        program: loaded.app.row.program_code.to_string(),
        views: loaded.evaluated.preview.steps.clone(),
        loaded: Some(loaded),
    };
    let answers = match ctx.views.iter().find(|s| s.key == step).map(|s| s.scope) {
        Some(Scope::Application) => ctx
            .loaded
            .as_ref()
            .map(|l| l.app.answers.clone())
            .unwrap_or_default(),
        _ => ctx.profile.answers.clone(),
    };
    let body = step_page(
        page,
        &ctx,
        step,
        StepRender {
            upload_error: Some((document.to_owned(), message)),
            ..StepRender::saved(&answers)
        },
    )?;
    render_status(status, &body)
}
