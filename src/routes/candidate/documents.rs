//! Uploading, replacing, removing and downloading a candidate's documents. An upload is streamed
//! to storage part by part: the size limit is enforced while reading (a declared size over the
//! limit is refused before the body is read), the real type is sniffed from the first bytes,
//! the SHA-256 is computed on the way, and a refused upload leaves nothing in storage.

use super::{Loaded, OwnApplication};
use crate::db;
use crate::domain::cycle::evaluate::Scope;
use crate::domain::cycle::model::DocumentDef;
use crate::domain::documents::{inspect, may_change, Change, Refusal, Slot};
use crate::domain::ids::RequirementKey;
use crate::domain::UserId;
use crate::services::documents::intake::{self, Limits, Received};
use crate::services::documents::{self, NewDocument};
use crate::web::flash::{redirect_with, Flash};
use crate::web::sandbox::{sandboxed, SANDBOX};
use crate::web::{AppError, AppState, Page};
use actix_multipart::Multipart;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use std::sync::Arc;

/// What the candidate reads at the upload field about a refused upload.
pub fn refusal_message(refusal: &Refusal, page: &Page) -> String {
    match refusal {
        Refusal::TooLarge { max_mb } => {
            page.tn("documents-upload-too-large", "max", &i64::from(*max_mb))
        }
        Refusal::Empty => page.t("documents-upload-empty"),
        Refusal::WrongType => page.t("documents-upload-wrong-type"),
        Refusal::Polyglot => page.t("documents-upload-polyglot"),
        Refusal::Damaged => page.t("documents-upload-damaged"),
        Refusal::TooManyPixels { megapixels } => page.t2(
            "documents-upload-too-many-pixels",
            "megapixels",
            megapixels,
            "max",
            inspect::MAX_PIXELS / 1_000_000,
        ),
        Refusal::Infected { signature, .. } => {
            page.t1("documents-upload-infected", "signature", signature)
        }
        Refusal::ScanUnavailable => page.t("documents-upload-scan-unavailable"),
        Refusal::Quota => page.t("documents-upload-quota"),
        Refusal::NoFile => page.t("documents-upload-no-file"),
        Refusal::Locked => page.t("documents-upload-locked"),
        Refusal::Accepted => page.t("documents-upload-accepted"),
    }
}

/// The status code of the page that shows a refused upload.
fn refusal_status(refusal: &Refusal) -> StatusCode {
    match refusal {
        Refusal::TooLarge { .. } | Refusal::Quota => StatusCode::PAYLOAD_TOO_LARGE,
        Refusal::Locked | Refusal::Accepted => StatusCode::CONFLICT,
        Refusal::ScanUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

/// A document requirement as it applies to the candidate's application.
struct Requirement {
    def: DocumentDef,
    /// The step it is on.
    step: String,
    /// Whose document it is and where it belongs (the application, or the shared profile).
    slot: Slot,
    /// Whether the candidate may still change what it holds: profile documents always, the
    /// programme's while the application's answers are open.
    answers_open: bool,
}

/// The requirement `key` of the application `own` names; None when it does not apply.
fn requirement(own: &OwnApplication, key: &str) -> Option<Requirement> {
    let loaded = &own.loaded;
    let preview = &loaded.evaluated.preview;
    let view = preview.documents.iter().find(|d| d.key == key)?;
    let scope = preview.steps.iter().find(|s| s.key == view.step)?.scope;
    let step = crate::domain::answers::find_step(
        &loaded.version.definition,
        loaded.app.row.program_code.as_str(),
        scope,
        &view.step,
    )?;
    let def = step.documents.iter().find(|d| d.key.get_ref() == key)?;
    Some(Requirement {
        def: def.clone(),
        step: view.step.clone(),
        slot: Slot {
            candidate: own.candidate.id.clone(),
            application: (scope == Scope::Application).then(|| own.id.clone()),
            requirement: RequirementKey::new(key),
        },
        answers_open: scope == Scope::Profile || loaded.app.can_change(&loaded.version.definition),
    })
}

fn step_link(id: &str, step: &str) -> String {
    format!("/applications/{id}/steps/{step}")
}

/// The step page again, with the refusal at the document's upload field.
fn refused(
    page: Page,
    loaded: Loaded,
    document: &str,
    step: &str,
    refusal: Refusal,
) -> Result<HttpResponse, AppError> {
    let status = refusal_status(&refusal);
    let message = refusal_message(&refusal, &page);
    super::steps::render_step_with_upload_error(page, loaded, step, document, message, status)
}

pub async fn upload(
    req: HttpRequest,
    page: Page,
    state: web::Data<AppState>,
    own: OwnApplication,
    path: web::Path<(String, String)>,
    mut payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let (id, key) = path.into_inner();
    let Requirement {
        def,
        step,
        slot,
        answers_open,
    } = requirement(&own, &key).ok_or(AppError::NotFound)?;
    let OwnApplication {
        candidate, loaded, ..
    } = own;
    let slot = Arc::new(slot);
    let limits = Limits {
        types: def.types.clone(),
        max_mb: def.max_size_mb,
        quota_bytes: state.services.upload_quota_bytes,
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // After submission only a rejected document may be corrected (unless the workflow lets
    // candidates change submitted applications); an accepted one stays.
    let (for_db, limits_for_db) = (slot.clone(), limits.clone());
    let admitted = state
        .db(move |conn| {
            intake::admit(conn, &for_db, &limits_for_db, declared, answers_open)
                .map_err(AppError::from)
        })
        .await?;
    if let Err(refusal) = admitted {
        // Refused before the body is read: the client learns at once, nothing is stored.
        return refused(page, loaded, &key, &step, refusal);
    }
    let received = receive_form(&req, &state, &candidate.id, &limits, &mut payload).await?;
    let (stored, file_name) = match received {
        None => return refused(page, loaded, &key, &step, Refusal::NoFile),
        Some((Received::Interrupted, _)) => return Err(AppError::BadRequest),
        Some((Received::Refused(refusal), _)) => {
            if let Refusal::Infected { signature, sha256 } = &refusal {
                let (slot, signature, sha256) = (slot, signature.clone(), sha256.clone());
                state
                    .db(move |conn| {
                        documents::record_infected(conn, &slot, &signature, &sha256)
                            .map_err(AppError::from)
                    })
                    .await?;
            }
            return refused(page, loaded, &key, &step, refusal);
        }
        Some((Received::Stored(stored), file_name)) => (stored, file_name),
    };
    let (storage_key, quota) = (stored.storage_key.clone(), limits.quota_bytes);
    let recorded = state
        .db(move |conn| {
            let upload = NewDocument {
                slot: &slot,
                file_name: &inspect::display_name(&file_name, stored.kind),
                content_type: inspect::content_type(stored.kind),
                size_bytes: stored.size,
                sha256: &stored.sha256,
                storage_key: &stored.storage_key,
            };
            documents::record_upload(conn, &upload, quota).map_err(AppError::from)
        })
        .await;
    match recorded {
        Ok(Ok(())) => Ok(redirect_with(
            &step_link(&id, &step),
            Some(Flash::DocumentUploaded),
        )),
        Ok(Err(refusal)) => {
            // Over the quota once the uploads that finished first were counted: not kept.
            state.storage.delete(&storage_key).await?;
            refused(page, loaded, &key, &step, refusal)
        }
        Err(e) => {
            // Not recorded: do not leave the file behind.
            let _ = state.storage.delete(&storage_key).await;
            Err(e)
        }
    }
}

/// Reads the upload form: the CSRF token first (checked), then the file, streamed through
/// [`intake::receive`]. None when the form carried no file; the file name as the browser sent
/// it beside what became of the file.
async fn receive_form(
    req: &HttpRequest,
    state: &AppState,
    candidate: &UserId,
    limits: &Limits,
    payload: &mut Multipart,
) -> Result<Option<(Received, String)>, AppError> {
    let mut csrf_checked = false;
    let mut received = None;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| AppError::BadRequest)?;
        match field.name() {
            Some(crate::web::csrf::CSRF_FIELD) if !csrf_checked => {
                let mut token = Vec::new();
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(|_| AppError::BadRequest)?;
                    token.extend_from_slice(&chunk);
                    if token.len() > 512 {
                        return Err(AppError::Csrf);
                    }
                }
                let token = String::from_utf8(token).map_err(|_| AppError::Csrf)?;
                if !crate::web::csrf::token_matches(req, Some(&token)) {
                    return Err(AppError::Csrf);
                }
                csrf_checked = true;
            }
            Some("file") if csrf_checked && received.is_none() => {
                let file_name = field
                    .content_disposition()
                    .and_then(|cd| cd.get_filename())
                    .unwrap_or("")
                    .to_owned();
                let scanner = state.scanner.as_ref();
                let outcome =
                    intake::receive(&state.storage, scanner, candidate, limits, &mut field).await?;
                received = Some((outcome, file_name));
            }
            // The token must come before the file; anything else is not from our form.
            _ if !csrf_checked => return Err(AppError::Csrf),
            _ => {
                while let Some(chunk) = field.next().await {
                    chunk.map_err(|_| AppError::BadRequest)?;
                }
            }
        }
    }
    Ok(received)
}

pub async fn remove(
    page: Page,
    state: web::Data<AppState>,
    own: OwnApplication,
    path: web::Path<(String, String)>,
    crate::web::csrf::CsrfForm(_): crate::web::csrf::CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (id, key) = path.into_inner();
    let Requirement {
        step,
        slot,
        answers_open,
        ..
    } = requirement(&own, &key).ok_or(AppError::NotFound)?;
    let loaded = own.loaded;
    // Whether the current version is accepted is decided by the removal itself (it deletes
    // only an open version), so a review at the same moment cannot slip through.
    if let Err(refused_because) = may_change(Change::Remove, None, answers_open) {
        return refused(page, loaded, &key, &step, refused_because.into());
    }
    let removed = state
        .db(move |conn| documents::remove(conn, &slot).map_err(AppError::from))
        .await?;
    if !removed {
        return refused(page, loaded, &key, &step, Refusal::Accepted);
    }
    Ok(redirect_with(
        &step_link(&id, &step),
        Some(Flash::DocumentRemoved),
    ))
}

/// The candidate's own current upload, always as a download, never rendered by the browser.
pub async fn download(
    state: web::Data<AppState>,
    own: OwnApplication,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    let (_, key) = path.into_inner();
    let slot = requirement(&own, &key).ok_or(AppError::NotFound)?.slot;
    let file = state
        .db(move |conn| db::documents::current_file(conn, &slot).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    let (file_name, content_type, storage_key) = file;
    let bytes = state.storage.read(&storage_key).await?;
    let ascii: String = file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    Ok(sandboxed(&content_type, SANDBOX)
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{ascii}\""),
        ))
        .body(bytes))
}
