//! The candidate's journey: the home with programmes to choose from and their applications,
//! the guided steps, the checklist, submission with its receipt and PDF, withdrawal and history.
//! Every application is fetched by (id, owner): another candidate's id finds nothing (404).

use crate::db;
use crate::domain::application::{DocumentStatus, FormInput, InputError, ItemState, StepOutcome};
use crate::domain::catalogue::ProgrammeFilter;
use crate::domain::cycle::evaluate::{Scope, StepView};
use crate::domain::cycle::model::{Definition, FieldType};
use crate::domain::status::ApplicationStatus;
use crate::i18n::format::pick;
use crate::routes::views::catalogue::Catalogue;
use crate::routes::views::{
    display_value, field_inputs, item_views, progress, FieldInput, ItemView, Source,
};
use crate::services::applications::{
    self as journey, Application, Evaluated, Profile, StartOutcome, SubmitContext, SubmitOutcome,
    WithdrawOutcome,
};
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::Candidate;
use crate::web::{AppError, AppState, CurrentCycle, Page};
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;
use std::sync::Arc;

// ---- the candidate's home ----

pub struct ApplicationCard {
    pub id: String,
    pub programme: String,
    pub status: String,
    pub status_class: &'static str,
    pub done: usize,
    pub total: usize,
    pub next: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "candidate/home.html")]
struct HomePage {
    page: Page,
    email: String,
    verified: bool,
    applications: Vec<ApplicationCard>,
    catalogue: Option<Catalogue>,
}

fn status_class(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Draft => "status-draft",
        ApplicationStatus::Withdrawn | ApplicationStatus::Expired | ApplicationStatus::Rejected => {
            "status-closed"
        }
        ApplicationStatus::NeedsCorrection => "status-attention",
        _ => "status-active",
    }
}

fn programme_name(def: &Definition, code: &str, locale: &str) -> String {
    def.programs
        .iter()
        .find(|(_, p)| p.program.code.get_ref() == code)
        .map_or_else(
            || code.to_owned(),
            |(_, p)| pick(p.program.name.get_ref(), locale),
        )
}

/// The signed-in candidate's home (the front page routes here).
pub async fn home(
    page: Page,
    state: &AppState,
    user: crate::web::session::CurrentUser,
    filter: ProgrammeFilter,
) -> Result<HttpResponse, AppError> {
    let cycle = state.cycle().await?;
    let locale = page.lang();
    let user_id = user.id.0.clone();
    let (applications, profile) = state
        .db(move |conn| {
            let applications = journey::for_candidate(conn, &user_id)?;
            let profile = journey::profile(conn, &user_id)?;
            let mut with_documents = Vec::new();
            for app in applications {
                let documents = db::documents::statuses(conn, &user_id, &app.row.id)?;
                with_documents.push((app, documents));
            }
            Ok::<_, AppError>((with_documents, profile))
        })
        .await?;
    let mut cards = Vec::new();
    for (app, documents) in &applications {
        let version = state.cycle_version(&app.row.cycle_version_id).await?;
        let evaluated = evaluate(&version, app, &profile, documents)?;
        let (done, total) = progress(&evaluated.checklist);
        let items = item_views(
            &page,
            &evaluated.checklist,
            &format!("/applications/{}", app.row.id),
        );
        let next = if app.is_editable() {
            items
                .iter()
                .find(|i| i.outstanding)
                .map(|i| (i.title.clone(), i.link.clone()))
        } else {
            None
        };
        cards.push(ApplicationCard {
            id: app.row.id.clone(),
            programme: programme_name(&version.definition, &app.row.program_code, locale),
            status: page.t(&app.status.message_id()),
            status_class: status_class(app.status),
            done,
            total,
            next,
        });
    }
    let applied: Vec<(&str, &str)> = applications
        .iter()
        .map(|(a, _)| (a.row.program_code.as_str(), a.row.id.as_str()))
        .collect();
    let catalogue = cycle
        .as_ref()
        .map(|c| Catalogue::build(&page, &c.definition, filter, &applied));
    render(&HomePage {
        email: user.email,
        verified: user.email_verified,
        applications: cards,
        catalogue,
        page,
    })
}

fn evaluate(
    version: &CurrentCycle,
    app: &Application,
    profile: &Profile,
    documents: &[DocumentStatus],
) -> Result<Evaluated, AppError> {
    journey::evaluate_application(
        &version.definition,
        &version.compiled,
        &app.row.program_code,
        profile,
        &app.answers,
        &app.saved_steps,
        documents,
    )
    .map_err(AppError::from)
}

// ---- starting an application ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StartForm {
    program: String,
}

pub async fn start(
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    CsrfForm(form): CsrfForm<StartForm>,
) -> Result<HttpResponse, AppError> {
    let cycle = state.cycle().await?.ok_or(AppError::NotFound)?;
    let user_id = user.id.0.clone();
    let version = cycle.clone();
    let outcome = state
        .db(move |conn| {
            journey::start(
                conn,
                &version.definition,
                &version.version_id,
                &user_id,
                form.program.trim(),
            )
            .map_err(AppError::from)
        })
        .await?;
    Ok(match outcome {
        StartOutcome::Started(id) => redirect_with(
            &format!("/applications/{id}"),
            Some(Flash::ApplicationStarted),
        ),
        StartOutcome::Exists(id) => redirect_with(&format!("/applications/{id}"), None),
        StartOutcome::UnknownProgramme => return Err(AppError::NotFound),
        StartOutcome::Closed => redirect_with("/", Some(Flash::RegistrationClosed)),
        StartOutcome::Limit(_) => redirect_with("/", Some(Flash::ApplicationLimit)),
    })
}

// ---- loading one application ----

pub(super) struct Loaded {
    pub(super) version: Arc<CurrentCycle>,
    pub(super) app: Application,
    pub(super) profile: Profile,
    pub(super) documents: Vec<DocumentStatus>,
    pub(super) events: Vec<db::applications::EventRow>,
    pub(super) evaluated: Evaluated,
}

pub(super) async fn load(
    state: &AppState,
    candidate_id: &str,
    id: &str,
) -> Result<Loaded, AppError> {
    let (candidate_id, id) = (candidate_id.to_owned(), id.to_owned());
    let (app, profile, documents, events) = state
        .db(move |conn| {
            let Some(app) = journey::owned(conn, &id, &candidate_id)? else {
                return Ok(None);
            };
            let profile = journey::profile(conn, &candidate_id)?;
            let documents = db::documents::statuses(conn, &candidate_id, &id)?;
            let events = db::applications::events(conn, &id)?;
            Ok::<_, AppError>(Some((app, profile, documents, events)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let version = state.cycle_version(&app.row.cycle_version_id).await?;
    let evaluated = evaluate(&version, &app, &profile, &documents)?;
    Ok(Loaded {
        version,
        app,
        profile,
        documents,
        events,
        evaluated,
    })
}

// ---- the application's overview ----

pub struct StepLink {
    pub key: String,
    pub title: String,
    pub complete: bool,
    pub current: bool,
}

pub struct EventView {
    pub at: String,
    /// The same moment for machines (`<time datetime>`), ISO 8601 in UTC.
    pub at_iso: String,
    pub status: String,
    pub note: String,
}

pub struct PointsInfo {
    pub points: String,
    pub max: String,
    pub threshold: String,
    pub formula: String,
    pub results: String,
}

#[derive(Template)]
#[template(path = "candidate/application.html")]
struct ApplicationPage {
    page: Page,
    id: String,
    programme: String,
    status: String,
    status_class: &'static str,
    stage_text: String,
    receipt: Option<(String, String)>,
    editable: bool,
    /// Submitted, but the workflow still lets the candidate change it.
    changeable: bool,
    can_withdraw: bool,
    steps: Vec<StepLink>,
    items: Vec<ItemView>,
    outstanding: Vec<ItemView>,
    done: usize,
    total: usize,
    points: Option<PointsInfo>,
    events: Vec<EventView>,
    errors: FormErrors,
}

fn step_links(loaded: &Loaded, locale: &str, current: &str) -> Vec<StepLink> {
    loaded
        .evaluated
        .preview
        .steps
        .iter()
        .map(|s| {
            let complete = loaded.evaluated.checklist.iter().any(|i| {
                matches!(&i.kind, crate::domain::application::ItemKind::Step { key, .. } if key == &s.key)
                    && i.state == ItemState::Complete
            }) || (s.fields.is_empty() && !step_has_missing_document(loaded, &s.key));
            StepLink {
                key: s.key.clone(),
                title: pick(&s.title, locale),
                complete,
                current: s.key == current,
            }
        })
        .collect()
}

fn step_has_missing_document(loaded: &Loaded, step: &str) -> bool {
    loaded.evaluated.checklist.iter().any(|i| {
        matches!(&i.kind, crate::domain::application::ItemKind::Document { step: s, .. } if s == step)
            && i.is_outstanding()
    })
}

fn points_info(page: &Page, loaded: &Loaded) -> Option<PointsInfo> {
    let points = loaded.evaluated.preview.points.as_ref()?;
    let number = |v: f64| {
        let text = format!("{}", (v * 100.0).round() / 100.0);
        if page.lang() == "pl" {
            text.replace('.', ",")
        } else {
            text
        }
    };
    let def = &loaded.version.definition;
    let results_field = def
        .profile
        .steps
        .iter()
        .flat_map(|s| &s.fields)
        .find(|f| f.kind == FieldType::ExamResults);
    let results = results_field
        .filter(|_| points.formula.contains("results."))
        .map(|f| display_value(page, def, f, loaded.profile.answers.get(f.key.get_ref())))
        .unwrap_or_default();
    Some(PointsInfo {
        points: number(points.points),
        max: points.max.map(number).unwrap_or_default(),
        threshold: points.threshold.map(number).unwrap_or_default(),
        formula: points.formula.clone(),
        results,
    })
}

fn stage_text(page: &Page, loaded: &Loaded) -> String {
    let def = &loaded.version.definition;
    let workflow = def.workflow_of(&loaded.app.row.program_code);
    workflow
        .and_then(|w| w.stage_text(loaded.app.status.as_str()))
        .map(|t| pick(t, page.lang()))
        .unwrap_or_else(|| {
            page.t(&format!(
                "stage-{}",
                loaded.app.status.as_str().replace('_', "-")
            ))
        })
}

fn application_page(page: Page, loaded: &Loaded, errors: FormErrors) -> ApplicationPage {
    let locale = page.lang();
    let id = loaded.app.row.id.clone();
    let items = item_views(
        &page,
        &loaded.evaluated.checklist,
        &format!("/applications/{id}"),
    );
    let (done, total) = progress(&loaded.evaluated.checklist);
    let events = loaded
        .events
        .iter()
        .map(|e| EventView {
            at: page.datetime(&e.at),
            at_iso: crate::web::page::iso_datetime(&e.at),
            status: ApplicationStatus::parse(&e.to_status)
                .map(|s| page.t(&s.message_id()))
                .unwrap_or_else(|| e.to_status.clone()),
            note: event_note(&page, &e.note),
        })
        .collect();
    let receipt = loaded
        .app
        .row
        .receipt_number
        .clone()
        .zip(loaded.app.row.submitted_at.map(|t| page.datetime(&t)));
    ApplicationPage {
        programme: programme_name(
            &loaded.version.definition,
            &loaded.app.row.program_code,
            locale,
        ),
        status: page.t(&loaded.app.status.message_id()),
        status_class: status_class(loaded.app.status),
        stage_text: stage_text(&page, loaded),
        receipt,
        editable: loaded.app.is_editable(),
        changeable: !loaded.app.is_editable() && loaded.app.can_change(&loaded.version.definition),
        can_withdraw: loaded.app.can_withdraw(),
        steps: step_links(loaded, locale, ""),
        outstanding: items
            .iter()
            .filter(|i| i.outstanding)
            .map(clone_item)
            .collect(),
        items,
        done,
        total,
        points: points_info(&page, loaded),
        events,
        errors,
        id,
        page,
    }
}

fn clone_item(i: &ItemView) -> ItemView {
    ItemView {
        title: i.title.clone(),
        state: i.state,
        state_label: i.state_label.clone(),
        reason: i.reason.clone(),
        link: i.link.clone(),
        outstanding: i.outstanding,
        original: i.original.clone(),
    }
}

/// History notes are stored in English for staff; the candidate reads them in their language.
fn event_note(page: &Page, note: &str) -> String {
    if note == "started" {
        page.t("history-started")
    } else if let Some(receipt) = note.strip_prefix("submitted, receipt ") {
        page.t1("history-submitted", "receipt", receipt)
    } else if note == "withdrawn by the candidate" {
        page.t("history-withdrawn")
    } else if note == "profile changed after submission" {
        page.t("history-profile-changed")
    } else if note.starts_with("changed by the candidate after submission") {
        page.t("history-changed-after-submission")
    } else {
        note.to_owned()
    }
}

pub async fn show(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let loaded = load(&state, &user.id.0, &id).await?;
    render(&application_page(page, &loaded, FormErrors::default()))
}

// ---- steps ----

#[derive(Template)]
#[template(path = "candidate/step.html")]
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

async fn step_context(
    state: &AppState,
    candidate_id: &str,
    application: Option<&str>,
) -> Result<StepContext, AppError> {
    match application {
        Some(id) => {
            let loaded = load(state, candidate_id, id).await?;
            Ok(StepContext {
                version: loaded.version.clone(),
                profile: loaded.profile.clone(),
                program: loaded.app.row.program_code.clone(),
                views: loaded.evaluated.preview.steps.clone(),
                loaded: Some(loaded),
            })
        }
        None => {
            let version = state.cycle().await?.ok_or(AppError::NotFound)?;
            let owned = candidate_id.to_owned();
            let profile = state
                .db(move |conn| journey::profile(conn, &owned).map_err(AppError::from))
                .await?;
            let program = journey::any_program(&version.definition).ok_or(AppError::NotFound)?;
            let applicant = crate::domain::application::applicant(
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
    let step = crate::domain::application::find_step(def, &ctx.program, view.scope, key)
        .ok_or(AppError::NotFound)?;
    let read_only = match (&ctx.loaded, view.scope) {
        (Some(l), Scope::Application) => !l.app.can_change(def),
        _ => false,
    };
    let fields = field_inputs(&page, def, step, view, &how.source, how.errors);
    let mut errors = FormErrors::default();
    for error in how.errors {
        let field = step.fields.iter().find(|f| f.key.get_ref() == &error.field);
        let label = field
            .map(|f| pick(f.label.get_ref(), locale))
            .unwrap_or_default();
        errors.add(
            error.input.clone(),
            format!(
                "{label}: {}",
                crate::routes::views::error_message(&page, field, error)
            ),
        );
    }
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
        Some(l) => {
            let step_items: Vec<_> = l
                .evaluated
                .checklist
                .iter()
                .filter(|i| {
                    matches!(&i.kind, crate::domain::application::ItemKind::Document { step, .. } if step == key)
                })
                .cloned()
                .collect();
            let views = item_views(
                &page,
                &step_items,
                &format!("/applications/{}", l.app.row.id),
            );
            step_items
                .iter()
                .zip(views)
                .filter_map(|(item, view)| {
                    let crate::domain::application::ItemKind::Document { key: doc_key, .. } =
                        &item.kind
                    else {
                        return None;
                    };
                    let def = step.documents.iter().find(|d| d.key.get_ref() == doc_key)?;
                    let current = l.documents.iter().find(|d| &d.requirement == doc_key);
                    let types: Vec<&str> = def
                        .types
                        .iter()
                        .map(|t| crate::domain::upload::extension(*t))
                        .collect();
                    Some(DocumentUpload {
                        key: doc_key.clone(),
                        file_name: current.map(|d| d.file_name.clone()).unwrap_or_default(),
                        accept: types
                            .iter()
                            .map(|t| format!(".{t}"))
                            .chain(
                                def.types
                                    .iter()
                                    .map(|t| crate::domain::upload::content_type(*t).to_owned()),
                            )
                            .collect::<Vec<_>>()
                            .join(","),
                        types: types.join(", ").to_uppercase().replace("JPG", "JPEG"),
                        max_mb: def.max_size_mb,
                        can_change: current.is_none_or(|d| d.status != "accepted")
                            && (view_scope_editable(l, key)
                                || current.is_some_and(|d| d.status == "rejected")),
                        rejection: current
                            .filter(|d| d.status == "rejected")
                            .map(|d| {
                                let mut text = page.t1(
                                    "upload-rejected-because",
                                    "reason",
                                    d.review_note.as_deref().unwrap_or(""),
                                );
                                if let Some(due) = &d.correction_due {
                                    text.push(' ');
                                    text.push_str(&page.t1("upload-correct-by", "date", due));
                                }
                                text
                            })
                            .unwrap_or_default(),
                        error: how
                            .upload_error
                            .as_ref()
                            .filter(|(k, _)| k == doc_key)
                            .map(|(_, m)| m.clone())
                            .unwrap_or_default(),
                        item: view,
                    })
                })
                .collect()
        }
        None => Vec::new(),
    };
    if let Some((doc_key, message)) = &how.upload_error {
        errors.add(format!("file-{doc_key}"), message.clone());
    }
    let programme = match &ctx.loaded {
        Some(l) => programme_name(def, &l.app.row.program_code, locale),
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

pub async fn step_form(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, key) = path.into_inner();
    let ctx = step_context(&state, &user.id.0, Some(&id)).await?;
    show_step(page, &ctx, &key)
}

pub async fn profile_step_form(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    key: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let ctx = step_context(&state, &user.id.0, None).await?;
    show_step(page, &ctx, &key)
}

fn show_step(page: Page, ctx: &StepContext, key: &str) -> Result<HttpResponse, AppError> {
    let answers = match ctx.views.iter().find(|s| s.key == key).map(|s| s.scope) {
        Some(Scope::Application) => ctx
            .loaded
            .as_ref()
            .map(|l| l.app.answers.clone())
            .unwrap_or_default(),
        _ => ctx.profile.answers.clone(),
    };
    render(&step_page(
        page,
        ctx,
        key,
        StepRender {
            view: None,
            source: Source::Saved(&answers),
            errors: &[],
            new_questions: false,
            points_preview: Vec::new(),
            upload_error: None,
        },
    )?)
}

pub async fn step_save(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    path: web::Path<(String, String)>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (id, key) = path.into_inner();
    let ctx = step_context(&state, &user.id.0, Some(&id)).await?;
    save_step(page, &state, &user.id.0, ctx, &key, pairs).await
}

pub async fn profile_step_save(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    key: web::Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let ctx = step_context(&state, &user.id.0, None).await?;
    save_step(page, &state, &user.id.0, ctx, &key, pairs).await
}

/// The points each of the candidate's applications would get with the results just typed.
async fn points_preview(
    state: &AppState,
    page: &Page,
    candidate_id: &str,
    profile_now: &serde_json::Map<String, serde_json::Value>,
) -> Result<Vec<(String, String)>, AppError> {
    let owned = candidate_id.to_owned();
    let applications = state
        .db(move |conn| journey::for_candidate(conn, &owned).map_err(AppError::from))
        .await?;
    let mut out = Vec::new();
    for app in applications {
        let version = state.cycle_version(&app.row.cycle_version_id).await?;
        let def = &version.definition;
        let applicant = crate::domain::application::applicant(def, profile_now, &app.answers);
        let Ok(preview) = crate::domain::cycle::evaluate::evaluate(
            def,
            &version.compiled,
            &app.row.program_code,
            &applicant,
        ) else {
            continue;
        };
        if let Some(points) = preview.points {
            let value = format!("{}", (points.points * 100.0).round() / 100.0);
            let value = match points.max {
                Some(max) => format!("{value} / {max}"),
                None => value,
            };
            out.push((
                programme_name(def, &app.row.program_code, page.lang()),
                value,
            ));
        }
    }
    Ok(out)
}

async fn save_step(
    page: Page,
    state: &AppState,
    candidate_id: &str,
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
        // What-if: the points these results would give, nothing saved.
        let outcome = crate::domain::application::read_step(
            &ctx.version.definition,
            &ctx.version.compiled,
            &ctx.program,
            &ctx.profile.answers,
            &ctx.loaded
                .as_ref()
                .map(|l| l.app.answers.clone())
                .unwrap_or_default(),
            view.scope,
            key,
            input,
            &shown,
            today,
        )
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!(e)))?;
        let preview = points_preview(state, &page, candidate_id, &outcome.answers).await?;
        return render(&step_page(
            page,
            &ctx,
            key,
            StepRender {
                view: outcome.view.as_ref(),
                source: Source::Typed(input),
                errors: &outcome.errors,
                new_questions: false,
                points_preview: preview,
                upload_error: None,
            },
        )?);
    }
    let version = ctx.version.clone();
    let application = ctx.loaded.as_ref().map(|l| l.app.clone());
    let owned_pairs = pairs.clone();
    let owned_key = key.to_owned();
    let owned_candidate = candidate_id.to_owned();
    let scope = view.scope;
    let outcome: Option<StepOutcome> = state
        .db(move |conn| {
            let outcome = journey::save_step(
                conn,
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
            StepRender {
                view: outcome.view.as_ref(),
                source: Source::Typed(input),
                errors: &outcome.errors,
                new_questions: false,
                points_preview: Vec::new(),
                upload_error: None,
            },
        )?;
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &body);
    }
    // Reload: what applies may have changed with these answers.
    let application_id = ctx.loaded.as_ref().map(|l| l.app.row.id.clone());
    let fresh = step_context(state, candidate_id, application_id.as_deref()).await?;
    if !outcome.new_questions.is_empty() {
        let answers = match scope {
            Scope::Profile => fresh.profile.answers.clone(),
            Scope::Application => fresh
                .loaded
                .as_ref()
                .map(|l| l.app.answers.clone())
                .unwrap_or_default(),
        };
        return render(&step_page(
            page,
            &fresh,
            key,
            StepRender {
                view: None,
                source: Source::Saved(&answers),
                errors: &[],
                new_questions: true,
                points_preview: Vec::new(),
                upload_error: None,
            },
        )?);
    }
    if action == "stay" {
        return Ok(redirect_with(
            &format!("{}/{key}", fresh.base()),
            Some(Flash::StepSaved),
        ));
    }
    let position = fresh.views.iter().position(|s| s.key == key);
    let next = position
        .and_then(|p| fresh.views.get(p + 1))
        .map(|s| format!("{}/{}", fresh.base(), s.key))
        .unwrap_or_else(|| fresh.back());
    Ok(redirect_with(&next, Some(Flash::StepSaved)))
}

// ---- submission, receipt, PDF ----

pub async fn submit(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    id: web::Path<String>,
    CsrfForm(_): CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let loaded = load(&state, &user.id.0, &id).await?;
    let version = loaded.version.clone();
    let services = state.services.clone();
    let documents = loaded.documents.clone();
    let (id, candidate) = (id.into_inner(), user.id.0.clone());
    let app_id = id.clone();
    let outcome = state
        .db(move |conn| {
            journey::submit(
                conn,
                &SubmitContext {
                    def: &version.definition,
                    compiled: &version.compiled,
                    config: &services,
                    documents: &documents,
                },
                &app_id,
                &candidate,
            )
            .map_err(AppError::from)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let receipt_page = format!("/applications/{id}/receipt");
    match outcome {
        SubmitOutcome::Submitted { .. } => Ok(redirect_with(&receipt_page, Some(Flash::Submitted))),
        SubmitOutcome::AlreadySubmitted { .. } => Ok(redirect_with(&receipt_page, None)),
        SubmitOutcome::Incomplete(_) => {
            let mut errors = FormErrors::default();
            errors.add("missing", page.t("submit-error-incomplete"));
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &application_page(page, &loaded, errors),
            )
        }
        SubmitOutcome::Closed => {
            let mut errors = FormErrors::default();
            errors.add("submit", page.t("submit-error-closed"));
            render_status(
                StatusCode::CONFLICT,
                &application_page(page, &loaded, errors),
            )
        }
        SubmitOutcome::NotSubmittable => Ok(redirect_with(
            &format!("/applications/{id}"),
            Some(Flash::NotEditable),
        )),
    }
}

#[derive(Template)]
#[template(path = "candidate/receipt.html")]
struct ReceiptPage {
    page: Page,
    id: String,
    programme: String,
    receipt: String,
    submitted_at: String,
    email: String,
}

pub async fn receipt(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let loaded = load(&state, &user.id.0, &id).await?;
    let (Some(receipt), Some(at)) = (
        loaded.app.row.receipt_number.clone(),
        loaded.app.row.submitted_at,
    ) else {
        return Ok(redirect_with(&format!("/applications/{id}"), None));
    };
    render(&ReceiptPage {
        id: id.into_inner(),
        programme: programme_name(
            &loaded.version.definition,
            &loaded.app.row.program_code,
            page.lang(),
        ),
        receipt,
        submitted_at: page.datetime(&at),
        email: user.email,
        page,
    })
}

/// The application as a PDF: programme, status, receipt, every answer of every step that
/// applies, and the checklist.
pub async fn summary_pdf(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let loaded = load(&state, &user.id.0, &id).await?;
    let bytes = summary_document(&page, &loaded, &user.email)?;
    let name = loaded
        .app
        .row
        .receipt_number
        .clone()
        .unwrap_or_else(|| loaded.app.row.id.clone());
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"application-{name}.pdf\""),
        ))
        .body(bytes))
}

fn summary_document(page: &Page, loaded: &Loaded, email: &str) -> Result<Vec<u8>, AppError> {
    use crate::pdf::{Block, Document};
    let locale = page.lang();
    let def = &loaded.version.definition;
    let university = pick(def.cycle.university.name.get_ref(), locale);
    let programme = programme_name(def, &loaded.app.row.program_code, locale);
    let mut blocks = vec![
        Block::Title(page.t("pdf-title")),
        Block::Paragraph(format!(
            "{university} · {}",
            pick(def.cycle.cycle.name.get_ref(), locale)
        )),
        Block::Field {
            label: page.t("pdf-programme"),
            value: programme.clone(),
        },
        Block::Field {
            label: page.t("pdf-status"),
            value: page.t(&loaded.app.status.message_id()),
        },
    ];
    if let (Some(receipt), Some(at)) = (&loaded.app.row.receipt_number, loaded.app.row.submitted_at)
    {
        blocks.push(Block::Field {
            label: page.t("pdf-receipt"),
            value: page.t2(
                "pdf-receipt-value",
                "receipt",
                receipt,
                "time",
                page.datetime(&at),
            ),
        });
    }
    blocks.push(Block::Field {
        label: page.t("pdf-account"),
        value: email.to_owned(),
    });
    for view in &loaded.evaluated.preview.steps {
        let Some(step) = crate::domain::application::find_step(
            def,
            &loaded.app.row.program_code,
            view.scope,
            &view.key,
        ) else {
            continue;
        };
        if view.fields.is_empty() {
            continue;
        }
        blocks.push(Block::Heading(pick(&view.title, locale)));
        let answers = match view.scope {
            Scope::Profile => &loaded.profile.answers,
            Scope::Application => &loaded.app.answers,
        };
        for field_view in &view.fields {
            if let Some(field) = step
                .fields
                .iter()
                .find(|f| f.key.get_ref() == &field_view.key)
            {
                blocks.push(Block::Field {
                    label: pick(field.label.get_ref(), locale),
                    value: display_value(page, def, field, answers.get(field.key.get_ref())),
                });
            }
        }
    }
    blocks.push(Block::Heading(page.t("pdf-checklist")));
    for item in item_views(page, &loaded.evaluated.checklist, "") {
        blocks.push(Block::Field {
            label: item.title,
            value: format!("{} — {}", item.state_label, item.reason),
        });
    }
    if let Some(points) = points_info(page, loaded) {
        blocks.push(Block::Heading(page.t("pdf-points")));
        blocks.push(Block::Paragraph(if points.max.is_empty() {
            points.points
        } else {
            format!("{} / {}", points.points, points.max)
        }));
    }
    let footer = match &loaded.app.row.receipt_number {
        Some(receipt) => format!("{university} · {receipt}"),
        None => format!("{university} · {}", page.t("pdf-draft")),
    };
    crate::pdf::render(&Document {
        title: format!("{} – {programme}", page.t("pdf-title")),
        footer,
        blocks,
    })
    .map_err(AppError::from)
}

// ---- withdrawal ----

#[derive(Template)]
#[template(path = "candidate/withdraw.html")]
struct WithdrawPage {
    page: Page,
    id: String,
    programme: String,
}

pub async fn withdraw_form(
    page: Page,
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let loaded = load(&state, &user.id.0, &id).await?;
    if !loaded.app.can_withdraw() {
        return Ok(redirect_with(&format!("/applications/{id}"), None));
    }
    render(&WithdrawPage {
        programme: programme_name(
            &loaded.version.definition,
            &loaded.app.row.program_code,
            page.lang(),
        ),
        id: id.into_inner(),
        page,
    })
}

pub async fn withdraw(
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    id: web::Path<String>,
    CsrfForm(_): CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (app_id, candidate) = (id.to_string(), user.id.0.clone());
    let outcome = state
        .db(move |conn| journey::withdraw(conn, &app_id, &candidate).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    let flash = match outcome {
        WithdrawOutcome::Withdrawn => Some(Flash::Withdrawn),
        WithdrawOutcome::AlreadyWithdrawn | WithdrawOutcome::NotWithdrawable => None,
    };
    Ok(redirect_with(&format!("/applications/{id}"), flash))
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
        program: loaded.app.row.program_code.clone(),
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
            view: None,
            source: Source::Saved(&answers),
            errors: &[],
            new_questions: false,
            points_preview: Vec::new(),
            upload_error: Some((document.to_owned(), message)),
        },
    )?;
    render_status(status, &body)
}
