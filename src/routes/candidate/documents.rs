//! Uploading, replacing, removing and downloading a candidate's documents. An upload is streamed
//! to storage part by part: the size limit is enforced while reading (a declared size over the
//! limit is refused before the body is read), the real type is sniffed from the first bytes,
//! the SHA-256 is computed on the way, and a refused upload leaves nothing in storage.

use super::{Loaded, OwnApplication};
use crate::db;
use crate::domain::cycle::evaluate::Scope;
use crate::domain::cycle::model::{DocumentDef, DocumentType};
use crate::domain::documents::{inspect, may_change, Change, Refused};
use crate::domain::ids::{ApplicationId, RequirementKey};
use crate::scan::Verdict;
use crate::services::documents;
use crate::web::flash::{redirect_with, Flash};
use crate::web::sandbox::{sandboxed, SANDBOX};
use crate::web::{AppError, AppState, Page};
use actix_multipart::Multipart;
use actix_web::http::{header, StatusCode};
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use sha2::{Digest, Sha256};

/// Stored bytes a candidate may have in all (every kept version counts).
pub const QUOTA_BYTES: i64 = 200 * 1024 * 1024;
/// Room for the multipart envelope and the CSRF field around the file.
const ENVELOPE_BYTES: u64 = 64 * 1024;

/// Why an upload was refused, each with its message for the candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    TooLarge {
        max_mb: u32,
    },
    Empty,
    WrongType,
    /// Also a web page or an archive, whatever its first bytes say.
    Polyglot,
    Damaged,
    TooManyPixels {
        megapixels: u64,
    },
    /// The malware scanner found `signature` (the file's SHA-256 is kept for the record).
    Infected {
        signature: String,
        sha256: String,
    },
    /// Scanning is configured but the scanner could not be used: nothing unscanned is stored.
    ScanUnavailable,
    Quota,
    NoFile,
    /// The application was submitted: its documents can no longer be changed here.
    Locked,
    /// Accepted documents stay as they are.
    Accepted,
}

impl From<Refused> for Refusal {
    fn from(refused: Refused) -> Refusal {
        match refused {
            Refused::Accepted => Refusal::Accepted,
            Refused::Locked => Refusal::Locked,
        }
    }
}

impl Refusal {
    pub fn message(&self, page: &Page) -> String {
        match self {
            Refusal::TooLarge { max_mb } => page.tn("upload-too-large", "max", &i64::from(*max_mb)),
            Refusal::Empty => page.t("upload-empty"),
            Refusal::WrongType => page.t("upload-wrong-type"),
            Refusal::Polyglot => page.t("upload-polyglot"),
            Refusal::Damaged => page.t("upload-damaged"),
            Refusal::TooManyPixels { megapixels } => page.t2(
                "upload-too-many-pixels",
                "megapixels",
                megapixels,
                "max",
                inspect::MAX_PIXELS / 1_000_000,
            ),
            Refusal::Infected { signature, .. } => {
                page.t1("upload-infected", "signature", signature)
            }
            Refusal::ScanUnavailable => page.t("upload-scan-unavailable"),
            Refusal::Quota => page.t("upload-quota"),
            Refusal::NoFile => page.t("upload-no-file"),
            Refusal::Locked => page.t("upload-locked"),
            Refusal::Accepted => page.t("upload-accepted"),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            Refusal::TooLarge { .. } | Refusal::Quota => StatusCode::PAYLOAD_TOO_LARGE,
            Refusal::Locked | Refusal::Accepted => StatusCode::CONFLICT,
            Refusal::ScanUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }
}

/// The requirement `key` as it applies to this application: its definition, the step it is
/// on and whether it belongs to the shared profile.
fn requirement(loaded: &Loaded, key: &str) -> Option<(DocumentDef, String, Scope)> {
    let view = loaded
        .evaluated
        .preview
        .documents
        .iter()
        .find(|d| d.key == key)?;
    let scope = loaded
        .evaluated
        .preview
        .steps
        .iter()
        .find(|s| s.key == view.step)?
        .scope;
    let step = crate::domain::answers::find_step(
        &loaded.version.definition,
        &loaded.app.row.program_code,
        scope,
        &view.step,
    )?;
    let def = step.documents.iter().find(|d| d.key.get_ref() == key)?;
    Some((def.clone(), view.step.clone(), scope))
}

struct Stored {
    key: String,
    kind: DocumentType,
    size: i64,
    sha256: String,
}

/// Streams the file part into storage (and to the malware scanner, when one is configured),
/// checking size, type and soundness on the way. Storage sees the upload completed only when
/// every check passed; otherwise it is aborted and nothing is kept.
async fn store_file(
    state: &AppState,
    field: &mut actix_multipart::Field,
    candidate_id: &str,
    allowed: &[DocumentType],
    max_bytes: u64,
    max_mb: u32,
) -> Result<Result<Stored, Refusal>, AppError> {
    let key = format!("documents/{candidate_id}/{}", db::new_id());
    let mut upload = state.storage.begin(&key).await?;
    let mut scan = match &state.scanner {
        None => None,
        Some(scanner) => match scanner.begin().await {
            Ok(scan) => Some(scan),
            Err(e) => {
                tracing::error!(error = %format!("{e:#}"), "malware scanner unavailable");
                upload.abort().await;
                return Ok(Err(Refusal::ScanUnavailable));
            }
        },
    };
    let mut hasher = Sha256::new();
    let mut inspector = inspect::Inspector::new();
    let mut refusal = None;
    while let Some(chunk) = field.next().await {
        let chunk = match chunk {
            Ok(chunk) => chunk,
            Err(e) => {
                upload.abort().await;
                tracing::info!(error = %e, "upload interrupted");
                return Err(AppError::BadRequest);
            }
        };
        if inspector.size() + chunk.len() as u64 > max_bytes {
            refusal = Some(Refusal::TooLarge { max_mb });
            break;
        }
        inspector.update(&chunk);
        hasher.update(&chunk);
        if let Some(s) = scan.as_mut() {
            if let Err(e) = s.write(&chunk).await {
                tracing::error!(error = %format!("{e:#}"), "sending an upload to the malware scanner");
                refusal = Some(Refusal::ScanUnavailable);
                break;
            }
        }
        if let Err(e) = upload.write(&chunk).await {
            upload.abort().await;
            return Err(e.into());
        }
    }
    let sha256 = format!("{:x}", hasher.finalize());
    if refusal.is_none() {
        if let Some(scan) = scan {
            refusal = match scan.finish().await {
                Ok(Verdict::Clean) => None,
                Ok(Verdict::Infected(signature)) => Some(Refusal::Infected {
                    signature,
                    sha256: sha256.clone(),
                }),
                Err(e) => {
                    tracing::error!(error = %format!("{e:#}"), "scanning an upload");
                    Some(Refusal::ScanUnavailable)
                }
            };
        }
    }
    let inspection = inspector.finish();
    let size = inspection.size;
    let refusal = refusal.or(match (inspection.kind, inspection.problem) {
        _ if size == 0 => Some(Refusal::Empty),
        (Some(kind), _) if !allowed.contains(&kind) => Some(Refusal::WrongType),
        (None, _) => Some(Refusal::WrongType),
        (Some(_), Some(problem)) => Some(match problem {
            inspect::Problem::Polyglot => Refusal::Polyglot,
            inspect::Problem::Damaged => Refusal::Damaged,
            inspect::Problem::TooManyPixels { megapixels } => Refusal::TooManyPixels { megapixels },
        }),
        (Some(_), None) => None,
    });
    let kind = match (refusal, inspection.kind) {
        (None, Some(kind)) => kind,
        (refusal, _) => {
            upload.abort().await;
            return Ok(Err(refusal.unwrap_or(Refusal::WrongType)));
        }
    };
    upload.finish().await?;
    if let Some(xref) = inspection.pdf_xref {
        // A PDF's last line points at its cross-reference section; a damaged file points
        // anywhere else.
        let at = state
            .storage
            .read_range(&key, xref..(xref + 64).min(size))
            .await;
        if !at.as_deref().is_ok_and(inspect::is_xref_start) {
            state.storage.delete(&key).await?;
            return Ok(Err(Refusal::Damaged));
        }
    }
    Ok(Ok(Stored {
        key,
        kind,
        size: size as i64,
        sha256,
    }))
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
    let status = refusal.status();
    let message = refusal.message(&page);
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
    let OwnApplication {
        candidate: user,
        loaded,
        ..
    } = own;
    let (id, key) = path.into_inner();
    let (def, step, scope) = requirement(&loaded, &key).ok_or(AppError::NotFound)?;
    let application_id = (scope == Scope::Application).then_some(id.as_str());
    let max_bytes = u64::from(def.max_size_mb) * 1024 * 1024;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|d| d > max_bytes + ENVELOPE_BYTES) {
        // Refused before the body is read: the client learns at once, nothing is stored.
        return refused(
            page,
            loaded,
            &key,
            &step,
            Refusal::TooLarge {
                max_mb: def.max_size_mb,
            },
        );
    }
    let (candidate, requirement_key) = (user.id.clone(), RequirementKey::new(key.clone()));
    let app_for_db = application_id.map(ApplicationId::from);
    let (current, used) = state
        .db(move |conn| {
            let current = db::documents::current_status(
                conn,
                &candidate,
                app_for_db.as_ref(),
                &requirement_key,
            )?;
            let used = db::documents::stored_bytes(conn, candidate.as_str())?;
            Ok::<_, AppError>((current, used))
        })
        .await?;
    // After submission only a rejected document may be corrected (unless the workflow lets
    // candidates change submitted applications); an accepted one stays.
    let answers_open = scope == Scope::Profile || loaded.app.can_change(&loaded.version.definition);
    if let Err(refused_because) = may_change(Change::Replace, current, answers_open) {
        return refused(page, loaded, &key, &step, refused_because.into());
    }
    if used + declared.unwrap_or(0) as i64 > QUOTA_BYTES + ENVELOPE_BYTES as i64 {
        return refused(page, loaded, &key, &step, Refusal::Quota);
    }
    let mut csrf_checked = false;
    let mut stored: Option<Result<(Stored, String), Refusal>> = None;
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
                if !crate::web::csrf::token_matches(&req, Some(&token))? {
                    return Err(AppError::Csrf);
                }
                csrf_checked = true;
            }
            Some("file") if csrf_checked && stored.is_none() => {
                let file_name = field
                    .content_disposition()
                    .and_then(|cd| cd.get_filename())
                    .unwrap_or("")
                    .to_owned();
                let result = store_file(
                    &state,
                    &mut field,
                    &user.id.0,
                    &def.types,
                    max_bytes,
                    def.max_size_mb,
                )
                .await?;
                stored = Some(result.map(|s| {
                    let display = inspect::display_name(&file_name, s.kind);
                    (s, display)
                }));
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
    let (stored, display) = match stored {
        None => return refused(page, loaded, &key, &step, Refusal::NoFile),
        Some(Err(refusal)) => {
            if let Refusal::Infected { signature, sha256 } = &refusal {
                record_infected(&state, &user.id.0, &id, &key, signature, sha256).await?;
            }
            return refused(page, loaded, &key, &step, refusal);
        }
        Some(Ok(stored)) => stored,
    };
    let storage_key = stored.key.clone();
    let (candidate, requirement_key, app_for_db) = (
        user.id.0.clone(),
        key.clone(),
        application_id.map(str::to_owned),
    );
    let key_for_db = storage_key.clone();
    let recorded = state
        .db(move |conn| {
            documents::record_upload(
                conn,
                &documents::StoredUpload {
                    candidate_id: &candidate,
                    application_id: app_for_db.as_deref(),
                    requirement: &requirement_key,
                    file_name: &display,
                    content_type: inspect::content_type(stored.kind),
                    size_bytes: stored.size,
                    sha256: &stored.sha256,
                    storage_key: &key_for_db,
                },
            )
            .map_err(AppError::from)
        })
        .await;
    if let Err(e) = recorded {
        // Not recorded: do not leave the file behind.
        let _ = state.storage.delete(&storage_key).await;
        return Err(e);
    }
    Ok(redirect_with(
        &step_link(&id, &step),
        Some(Flash::DocumentUploaded),
    ))
}

/// Puts an infected upload on the audit record (the file itself was never stored).
async fn record_infected(
    state: &AppState,
    candidate: &str,
    application: &str,
    requirement: &str,
    signature: &str,
    sha256: &str,
) -> Result<(), AppError> {
    tracing::warn!(
        candidate,
        application,
        requirement,
        signature,
        sha256,
        "infected upload refused"
    );
    let (candidate, application, requirement, signature, sha256) = (
        candidate.to_owned(),
        application.to_owned(),
        requirement.to_owned(),
        signature.to_owned(),
        sha256.to_owned(),
    );
    state
        .db(move |conn| {
            documents::record_infected(
                conn,
                &candidate,
                &application,
                &requirement,
                &signature,
                &sha256,
            )
            .map_err(AppError::from)
        })
        .await
}

pub async fn remove(
    page: Page,
    state: web::Data<AppState>,
    own: OwnApplication,
    path: web::Path<(String, String)>,
    crate::web::csrf::CsrfForm(_): crate::web::csrf::CsrfForm<crate::web::csrf::CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let OwnApplication {
        candidate: user,
        loaded,
        ..
    } = own;
    let (id, key) = path.into_inner();
    let (_, step, scope) = requirement(&loaded, &key).ok_or(AppError::NotFound)?;
    let answers_open = scope == Scope::Profile || loaded.app.can_change(&loaded.version.definition);
    // Whether the current version is accepted is decided by the removal itself (it deletes
    // only an open version), so a review at the same moment cannot slip through.
    if let Err(refused_because) = may_change(Change::Remove, None, answers_open) {
        return refused(page, loaded, &key, &step, refused_because.into());
    }
    let application_id = (scope == Scope::Application).then(|| ApplicationId::new(id.clone()));
    let (candidate, requirement_key) = (user.id.clone(), RequirementKey::new(key.clone()));
    let removed = state
        .db(move |conn| {
            documents::remove(conn, &candidate, application_id.as_ref(), &requirement_key)
                .map_err(AppError::from)
        })
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
    let OwnApplication {
        candidate: user,
        loaded,
        ..
    } = own;
    let (id, key) = path.into_inner();
    let (_, _, scope) = requirement(&loaded, &key).ok_or(AppError::NotFound)?;
    let application_id = (scope == Scope::Application).then(|| ApplicationId::new(id.clone()));
    let (candidate, key) = (user.id.clone(), RequirementKey::new(key));
    let file = state
        .db(move |conn| {
            db::documents::current_file(conn, &candidate, application_id.as_ref(), &key)
                .map_err(AppError::from)
        })
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
