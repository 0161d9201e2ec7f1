//! Reviewing the draft against the published version, publishing it as the next version, or
//! discarding it.

use super::form::BaseForm;
use crate::domain::cycle::diff::{diff_files, DiffLine};
use crate::services::cycles;
use crate::services::cycles::Base;
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, Flash};
use crate::web::page::render;
use crate::web::session::CycleEditor;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;

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
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<BaseForm>,
) -> Result<HttpResponse, AppError> {
    let base = Base::from_form(&form.base);
    let outcome = state
        .db(move |conn| {
            {
                let Some(draft) = cycles::draft(conn)? else {
                    return Ok(None);
                };
                cycles::publish_draft(conn, &draft.id, &base, &user.id.0).map(Some)
            }
            .map_err(AppError::from)
        })
        .await?;
    match outcome {
        Some(cycles::PublishOutcome::Changed) => changed_meanwhile(page),
        Some(cycles::PublishOutcome::Published(_)) => {
            Ok(redirect_with("/staff/cycle", Some(Flash::CyclePublished)))
        }
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
    page: Page,
    CycleEditor(user): CycleEditor,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<BaseForm>,
) -> Result<HttpResponse, AppError> {
    let base = Base::from_form(&form.base);
    let outcome = state
        .db(move |conn| match cycles::draft(conn)? {
            Some(draft) => {
                Ok::<_, AppError>(cycles::discard_draft(conn, &draft.id, &base, &user.id.0)?)
            }
            None => Ok(cycles::DiscardOutcome::Discarded),
        })
        .await?;
    match outcome {
        cycles::DiscardOutcome::Discarded => {
            Ok(redirect_with("/staff/cycle", Some(Flash::DraftDiscarded)))
        }
        cycles::DiscardOutcome::Changed => changed_meanwhile(page),
    }
}

/// Someone saved into the draft after this administrator reviewed it: nothing happened; the
/// page says so and leads back to the overview, where the draft's changes are shown again.
fn changed_meanwhile(page: Page) -> Result<HttpResponse, AppError> {
    super::refused_by_conflict(page, "/staff/cycle".to_owned())
}
