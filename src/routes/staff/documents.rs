//! Document verification by staff (officers and administrators): the queue of waiting uploads,
//! oldest first; a page to look at one beside the candidate's data and its earlier versions;
//! accept, or reject with a reason (picked from the configured ones or written) and an
//! optional date for the corrected version. Every decision is audited.

use crate::db;
use crate::db::documents::{DocumentRow, QueueFilter, QueueRow};
use crate::domain::cycle::model::{Definition, Text};
use crate::domain::documents::DocumentStatus;
use crate::domain::UserId;
use crate::i18n::format::{country_choices, country_name, pick};
use crate::routes::views::{candidate_name, citizenship_name};
use crate::services::documents::{self as verification, Decision, RejectionNotice, ReviewOutcome};
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::sandbox::{sandboxed, SANDBOX};
use crate::web::session::Verifier;
use crate::web::{AppError, AppState, Page};
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

const PAGE_SIZE: i64 = 50;

fn requirement_name(def: Option<&Definition>, key: &str, locale: &str) -> String {
    def.and_then(|d| d.requirement(key))
        .map(|(d, _)| pick(d.name.get_ref(), locale))
        .unwrap_or_else(|| key.to_owned())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    program: String,
    requirement: String,
    citizenship: String,
    page: String,
}

pub struct QueueLine {
    pub id: String,
    pub document: String,
    pub file_name: String,
    /// A photo or image scan, which has a preview.
    pub is_image: bool,
    pub version: i32,
    pub waiting_since: String,
    pub candidate: String,
    pub email: String,
    pub citizenship: String,
    pub programme: String,
}

#[derive(Template)]
#[template(path = "staff/documents/queue.html")]
struct QueuePage {
    page: Page,
    query: QueueQuery,
    lines: Vec<QueueLine>,
    total: i64,
    previous: Option<String>,
    next: Option<String>,
    programmes: Vec<(String, String)>,
    requirements: Vec<(String, String)>,
    countries: Vec<(String, String)>,
}

/// One waiting document in the queue, named as in `def` (its application's cycle version).
fn queue_line(page: &Page, r: QueueRow, def: Option<&Definition>) -> QueueLine {
    let locale = page.lang();
    QueueLine {
        document: requirement_name(def, &r.requirement, locale),
        programme: match &r.program_code {
            Some(code) => def
                .and_then(|d| d.program(code))
                .map_or_else(|| code.clone(), |p| pick(p.name.get_ref(), locale)),
            None => page.t("documents-review-profile-document"),
        },
        candidate: candidate_name(page, r.full_name),
        citizenship: citizenship_name(r.citizenship.as_deref(), locale),
        waiting_since: page.datetime(&r.created_at),
        file_name: r.file_name,
        is_image: r.content_type.starts_with("image/"),
        version: r.version,
        email: r.email,
        id: r.id,
    }
}

/// Every document requirement of the definition, once each (the queue's filter).
fn requirement_choices(def: Option<&Definition>, locale: &str) -> Vec<(String, String)> {
    let mut requirements: Vec<(String, String)> = Vec::new();
    let Some(d) = def else {
        return requirements;
    };
    let steps = d
        .profile
        .steps
        .iter()
        .chain(d.workflows.iter().flat_map(|(_, w)| &w.steps));
    for doc in steps.flat_map(|s| &s.documents) {
        if !requirements.iter().any(|(k, _)| k == doc.key.get_ref()) {
            requirements.push((doc.key.get_ref().clone(), pick(doc.name.get_ref(), locale)));
        }
    }
    requirements
}

pub async fn queue(
    page: Page,
    _verifier: Verifier,
    state: web::Data<AppState>,
    query: web::Query<QueueQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let locale = page.lang();
    let filter = QueueFilter {
        program: query.program.trim().to_owned(),
        requirement: query.requirement.trim().to_owned(),
        citizenship: query.citizenship.trim().to_ascii_uppercase(),
    };
    let page_number = query.page.parse::<i64>().unwrap_or(1).max(1);
    let offset = (page_number - 1) * PAGE_SIZE;
    let (rows, total): (Vec<QueueRow>, i64) = state
        .db(move |conn| {
            db::documents::queue(conn, &filter, offset, PAGE_SIZE).map_err(AppError::from)
        })
        .await?;
    // Each document is named as in the cycle version its application started on.
    let cycle = state.cycle().await?;
    let mut versions = std::collections::HashMap::new();
    for version_id in rows.iter().filter_map(|r| r.cycle_version_id.clone()) {
        if let std::collections::hash_map::Entry::Vacant(slot) = versions.entry(version_id) {
            let version = state.cycle_version(slot.key()).await?;
            slot.insert(version);
        }
    }
    let definition_of = |r: &QueueRow| {
        r.cycle_version_id
            .as_ref()
            .and_then(|v| versions.get(v))
            .or(cycle.as_ref())
            .map(|c| &c.definition)
    };
    let lines = rows
        .into_iter()
        .map(|r| {
            let def = definition_of(&r);
            queue_line(&page, r, def)
        })
        .collect::<Vec<_>>();
    let link = |n: i64| {
        crate::routes::views::page_link(
            "/staff/documents",
            &[
                ("program", &query.program),
                ("requirement", &query.requirement),
                ("citizenship", &query.citizenship),
            ],
            n,
        )
    };
    let programmes =
        crate::routes::views::programme_choices(cycle.as_ref().map(|c| &c.definition), locale);
    let requirements = requirement_choices(cycle.as_ref().map(|c| &c.definition), locale);
    let countries = country_choices(locale);
    render(&QueuePage {
        previous: (page_number > 1).then(|| link(page_number - 1)),
        next: (offset + (lines.len() as i64) < total).then(|| link(page_number + 1)),
        lines,
        total,
        programmes,
        requirements,
        countries,
        query,
        page,
    })
}

// ---- one document ----

pub struct VersionLine {
    pub id: String,
    pub version: i32,
    pub file_name: String,
    pub is_image: bool,
    pub uploaded: String,
    pub status: String,
    pub note: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RejectForm {
    reason: String,
    /// Index of a configured reason, or empty for the written one.
    preset: String,
    correction_due: String,
}

#[derive(Template)]
#[template(path = "staff/documents/review.html")]
struct ReviewPage {
    page: Page,
    id: String,
    document: String,
    description: String,
    file_name: String,
    is_image: bool,
    version: i32,
    uploaded: String,
    size: String,
    sha256: String,
    status: String,
    waiting: bool,
    candidate: Vec<(String, String)>,
    programme: String,
    versions: Vec<VersionLine>,
    presets: Vec<(usize, String)>,
    form: RejectForm,
    /// The requirement needs the paper original: whether (and when) it came.
    original_required: bool,
    original: String,
    original_day: String,
    errors: FormErrors,
}

struct Loaded {
    document: DocumentRow,
    versions: Vec<DocumentRow>,
    email: String,
    profile: crate::services::applications::Profile,
    /// The application this document belongs to, or the candidate's first (profile documents).
    application: Option<(String, String)>,
    /// The cycle version that application started on (names, steps and reasons of the
    /// requirement as the candidate saw them); the current one for a candidate without any.
    cycle: Option<std::sync::Arc<crate::web::state::CurrentCycle>>,
    /// Who recorded the paper original (email).
    original_by: Option<String>,
}

/// The document row alone (serving its file needs nothing else).
async fn find(state: &AppState, id: String) -> Result<db::documents::DocumentRow, AppError> {
    state
        .db(move |conn| db::documents::find(conn, &id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)
}

async fn load(state: &AppState, id: &str) -> Result<Loaded, AppError> {
    let id = id.to_owned();
    let (mut loaded, version_id) = state
        .db(move |conn| {
            let Some(document) = db::documents::find(conn, &id)? else {
                return Ok(None);
            };
            let versions = db::documents::versions(conn, &document)?;
            let email = db::users::find(conn, &document.candidate_id)?
                .map(|u| u.email)
                .unwrap_or_default();
            let profile = crate::services::applications::profile(conn, &document.candidate_id)?;
            let owner = UserId(document.candidate_id.clone());
            let applications = db::applications::for_candidate(conn, &owner)?;
            let application = applications
                .iter()
                .find(|a| Some(a.id.as_str()) == document.application_id.as_deref())
                .or_else(|| applications.first());
            let version_id = application.map(|a| a.cycle_version_id.clone());
            let application = application.map(|a| (a.id.to_string(), a.program_code.to_string()));
            let original_by = match &document.original_received_by {
                Some(id) => db::users::find(conn, id)?.map(|u| u.email),
                None => None,
            };
            Ok::<_, AppError>(Some((
                Loaded {
                    document,
                    versions,
                    email,
                    profile,
                    application,
                    cycle: None,
                    original_by,
                },
                version_id,
            )))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    loaded.cycle = match version_id {
        Some(version_id) => Some(state.cycle_version(version_id.as_str()).await?),
        None => state.cycle().await?,
    };
    Ok(loaded)
}

/// Who the candidate is, as the reviewer compares it with the document: name, email, date of
/// birth, citizenship, and the PESEL or passport number where given.
fn candidate_facts(page: &Page, loaded: &Loaded) -> Vec<(String, String)> {
    let text = |key: &str| {
        loaded
            .profile
            .answers
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_owned()
    };
    let name = [text("first_name"), text("last_name")].join(" ");
    let mut facts = vec![
        (
            page.t("documents-review-candidate-name"),
            name.trim().to_owned(),
        ),
        (page.t("staff-application-email"), loaded.email.clone()),
        (
            page.t("documents-review-candidate-birth"),
            page.day(&text("date_of_birth")),
        ),
        (
            page.t("staff-applications-citizenship"),
            country_name(&text("citizenship"), page.lang()),
        ),
    ];
    for (key, label) in [
        ("pesel", "documents-review-candidate-pesel"),
        ("passport_number", "documents-review-candidate-passport"),
    ] {
        let value = text(key);
        if !value.is_empty() {
            facts.push((page.t(label), value));
        }
    }
    facts
}

/// One earlier or current version in the list, with its review note and correction date.
fn version_line(page: &Page, v: &DocumentRow) -> VersionLine {
    let due = v
        .correction_due
        .as_ref()
        .map(|due| page.t1("documents-review-due", "date", &page.date(due)));
    VersionLine {
        id: v.id.clone(),
        version: v.version,
        file_name: v.file_name.clone(),
        is_image: v.content_type.starts_with("image/"),
        uploaded: page.datetime(&v.created_at),
        status: page.t(&v.status.message_id()),
        note: [v.review_note.clone(), due]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn review_page(
    page: Page,
    loaded: &Loaded,
    def: Option<&Definition>,
    form: RejectForm,
    errors: FormErrors,
) -> ReviewPage {
    let locale = page.lang();
    let d = &loaded.document;
    let config = def
        .and_then(|def| def.requirement(&d.requirement))
        .map(|(c, _)| c);
    let candidate = candidate_facts(&page, loaded);
    ReviewPage {
        id: d.id.clone(),
        document: config
            .map(|c| pick(c.name.get_ref(), locale))
            .unwrap_or_else(|| d.requirement.clone()),
        description: config
            .and_then(|c| c.description.as_ref())
            .map(|t| pick(t.get_ref(), locale))
            .unwrap_or_default(),
        file_name: d.file_name.clone(),
        is_image: d.content_type.starts_with("image/"),
        version: d.version,
        uploaded: page.datetime(&d.created_at),
        size: format!("{:.1} kB", d.size_bytes as f64 / 1024.0),
        sha256: d.sha256.clone(),
        status: page.t(&d.status.message_id()),
        waiting: d.status == DocumentStatus::Submitted,
        candidate,
        programme: match (&d.application_id, &loaded.application) {
            (Some(_), Some((_, code))) => def
                .and_then(|def| def.program(code))
                .map_or_else(|| code.clone(), |p| pick(p.name.get_ref(), locale)),
            _ => page.t("documents-review-profile-document"),
        },
        versions: loaded
            .versions
            .iter()
            .map(|v| version_line(&page, v))
            .collect(),
        presets: config
            .map(|c| {
                c.rejection_reasons
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (i, pick(r.get_ref(), locale)))
                    .collect()
            })
            .unwrap_or_default(),
        original_required: config.is_some_and(|c| c.original_required),
        original: match (&d.original_received_on, &loaded.original_by) {
            (Some(day), who) => page.t2(
                "documents-review-original-received",
                "date",
                page.date(day),
                "who",
                who.clone().unwrap_or_default(),
            ),
            (None, _) => page.t("documents-review-original-missing"),
        },
        original_day: chrono::Utc::now()
            .date_naive()
            .format("%d.%m.%Y")
            .to_string(),
        form,
        errors,
        page,
    }
}

pub async fn show(
    page: Page,
    _verifier: Verifier,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let loaded = load(&state, &id).await?;
    render(&review_page(
        page,
        &loaded,
        loaded.cycle.as_ref().map(|c| &c.definition),
        RejectForm::default(),
        FormErrors::default(),
    ))
}

/// The file itself, for staff: images and PDFs inline (sandboxed, never sniffed), so they can be
/// looked at beside the data.
pub async fn file(
    _verifier: Verifier,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let document = find(&state, id.into_inner()).await?;
    let bytes = state.storage.read(&document.storage_key).await?;
    Ok(sandboxed(
        &document.content_type,
        "sandbox; default-src 'none'; img-src 'self'",
    )
    .insert_header((header::CONTENT_DISPOSITION, "inline"))
    .body(bytes))
}

/// What the queue shows for an image that could not be decoded.
const NO_PREVIEW: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"160\" \
    viewBox=\"0 0 240 160\"><rect width=\"240\" height=\"160\" fill=\"#f3f2f1\"/>\
    <path d=\"M80 40h80v80H80zM80 120l80-80\" fill=\"none\" stroke=\"#505a5f\" \
    stroke-width=\"4\"/></svg>";

/// A JPEG preview of an image document, made on first request and kept beside the file
/// (`previews/<document id>.jpg`; a document's bytes never change). 404 for PDFs; a placeholder
/// for images that cannot be decoded.
pub async fn preview(
    _verifier: Verifier,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let document = find(&state, id.into_inner()).await?;
    if !document.content_type.starts_with("image/") {
        return Err(AppError::NotFound);
    }
    let made =
        crate::services::documents::previews::preview(&state.storage, &state.previews, &document)
            .await?;
    // An image that cannot be decoded shows as a crossed-out frame; the reviewer opens the file.
    let Some(jpeg) = made else {
        return Ok(sandboxed("image/svg+xml", SANDBOX).body(NO_PREVIEW));
    };
    // Not cached: like every personal response it gets `no-store` (candidates' photos must
    // not stay on shared office computers).
    Ok(sandboxed("image/jpeg", SANDBOX).body(jpeg))
}

async fn decide(
    state: &AppState,
    reviewer: String,
    id: String,
    decision: Decision,
) -> Result<HttpResponse, AppError> {
    let loaded = load(state, &id).await?;
    let def = loaded.cycle.as_ref().map(|c| &c.definition);
    let config = def.and_then(|d| d.requirement(&loaded.document.requirement));
    let link_path = match (&loaded.application, config) {
        (Some((app, _)), Some((_, step))) => format!("/applications/{app}/steps/{step}"),
        _ => "/".to_owned(),
    };
    let notice = RejectionNotice {
        document: config
            .map(|(c, _)| c.name.get_ref().clone())
            .unwrap_or_else(|| {
                Text::from([("en".to_owned(), loaded.document.requirement.clone())])
            }),
        link_path,
    };
    let services = state.services.clone();
    let accepted = decision == Decision::Accept;
    let outcome = state
        .db(move |conn| {
            verification::review(conn, &services, &id, &reviewer, &decision, &notice)
                .map_err(AppError::from)
        })
        .await?;
    Ok(match outcome {
        ReviewOutcome::Done => redirect_with(
            "/staff/documents",
            Some(if accepted {
                Flash::DocumentAccepted
            } else {
                Flash::DocumentRejected
            }),
        ),
        ReviewOutcome::AlreadyReviewed => {
            redirect_with("/staff/documents", Some(Flash::AlreadyReviewed))
        }
        ReviewOutcome::NotFound => return Err(AppError::NotFound),
    })
}

pub async fn accept(
    Verifier(user): Verifier,
    state: web::Data<AppState>,
    id: web::Path<String>,
    CsrfForm(_): CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    decide(&state, user.id.0, id.into_inner(), Decision::Accept).await
}

pub async fn reject(
    page: Page,
    Verifier(user): Verifier,
    state: web::Data<AppState>,
    id: web::Path<String>,
    CsrfForm(form): CsrfForm<RejectForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let loaded = load(&state, &id).await?;
    let def = loaded.cycle.as_ref().map(|c| &c.definition);
    let mut errors = FormErrors::default();
    // The reason is kept in the candidate's language when a configured one is picked.
    let candidate_locale = {
        let candidate = loaded.document.candidate_id.clone();
        state
            .db(move |conn| db::users::find(conn, &candidate).map_err(AppError::from))
            .await?
            .and_then(|u| u.locale)
            .unwrap_or_else(|| "pl".to_owned())
    };
    let preset = form.preset.trim().parse::<usize>().ok().and_then(|i| {
        def.and_then(|d| d.requirement(&loaded.document.requirement))
            .and_then(|(c, _)| c.rejection_reasons.get(i))
            .map(|r| pick(r.get_ref(), &candidate_locale))
    });
    let reason = match preset {
        Some(preset) if form.reason.trim().is_empty() => Ok(preset),
        Some(preset) => crate::domain::values::check_text(&form.reason, 1000)
            .map(|extra| format!("{preset} {extra}")),
        None => crate::domain::values::check_text(&form.reason, 1000),
    };
    let reason = match reason {
        Ok(reason) => Some(reason),
        Err(crate::domain::values::ValueError::Missing) => {
            errors.add("reason", page.t("documents-review-error-reason"));
            None
        }
        Err(e) => {
            errors.add("reason", page.t(e.message_id()));
            None
        }
    };
    let correction_due = match form.correction_due.trim() {
        "" => None,
        raw => match crate::domain::values::parse_date(raw) {
            Ok(date) if date >= chrono::Utc::now().date_naive() => Some(date),
            Ok(_) => {
                errors.add("correction_due", page.t("documents-review-error-past"));
                None
            }
            Err(e) => {
                errors.add("correction_due", page.t(e.message_id()));
                None
            }
        },
    };
    match reason {
        Some(reason) if errors.is_empty() => {
            decide(
                &state,
                user.id.0,
                id,
                Decision::Reject {
                    reason,
                    correction_due,
                },
            )
            .await
        }
        _ => render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &review_page(page, &loaded, def, form, errors),
        ),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OriginalForm {
    received_on: String,
}

/// Records that the paper original of a document arrived (audited).
pub async fn original(
    page: Page,
    Verifier(user): Verifier,
    state: web::Data<AppState>,
    id: web::Path<String>,
    CsrfForm(form): CsrfForm<OriginalForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let loaded = load(&state, &id).await?;
    let day = match crate::domain::values::parse_date(&form.received_on) {
        Ok(day) if day <= chrono::Utc::now().date_naive() => Ok(day),
        Ok(_) => Err(page.t("documents-review-error-future")),
        Err(e) => Err(page.t(e.message_id())),
    };
    let day = match day {
        Ok(day) => day,
        Err(message) => {
            let mut errors = FormErrors::default();
            errors.add("received_on", message);
            return render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &review_page(
                    page,
                    &loaded,
                    loaded.cycle.as_ref().map(|c| &c.definition),
                    RejectForm::default(),
                    errors,
                ),
            );
        }
    };
    let (document, reviewer) = (id.clone(), user.id.0.clone());
    let detail = format!(
        "{} v{} of {}: original received on {day}",
        loaded.document.requirement, loaded.document.version, loaded.email
    );
    state
        .db(move |conn| {
            crate::services::documents::record_original(conn, &document, day, &reviewer, &detail)
                .map_err(AppError::from)
        })
        .await?;
    Ok(redirect_with(
        &format!("/staff/documents/{id}"),
        Some(Flash::OriginalRecorded),
    ))
}
