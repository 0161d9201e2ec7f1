//! Scores from a spreadsheet: the exam's booked candidates download as a CSV to fill in, and
//! the filled-in file is imported over every session of the exam at once, all of it or nothing
//! with each problem at its line.

use crate::i18n::format::pick;
use crate::routes::views::programme_name;
use crate::services::exams::sessions::{self, Sheet};
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::ExamStaff;
use crate::web::upload::receive_file;
use crate::web::{AppError, AppState, Page};
use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

/// A spreadsheet of scores is small: a few thousand lines.
const MAX_SCORES_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Deserialize)]
pub struct ExamPath {
    programme: String,
    exam: String,
}

impl ExamPath {
    fn link(&self) -> String {
        format!("/staff/exams/{}/{}/scores", self.programme, self.exam)
    }
}

async fn sheets(state: &AppState, path: &ExamPath) -> Result<Vec<Sheet>, AppError> {
    let cycle = state.cycle().await?.ok_or(AppError::NotFound)?;
    let (programme, exam) = (path.programme.clone(), path.exam.clone());
    state
        .db(move |conn| {
            sessions::sheets(
                conn,
                &cycle.cycle_code,
                &cycle.definition,
                (&programme, &exam),
            )
            .map_err(AppError::from)
        })
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "staff/exams/scores.html")]
struct ScoresPage {
    page: Page,
    action: String,
    title: String,
    programme: String,
    booked: usize,
    scored: bool,
    second_examiner: bool,
    errors: FormErrors,
}

async fn scores_page(
    page: Page,
    state: &AppState,
    path: &ExamPath,
    errors: FormErrors,
) -> Result<ScoresPage, AppError> {
    let found = sheets(state, path).await?;
    let cycle = state.cycle().await?.ok_or(AppError::NotFound)?;
    let exam = &found.first().ok_or(AppError::NotFound)?.exam;
    Ok(ScoresPage {
        action: path.link(),
        title: pick(exam.name.get_ref(), page.lang()),
        programme: programme_name(&cycle.definition, &path.programme, page.lang()),
        booked: found.iter().map(|s| s.attendees.len()).sum(),
        scored: exam.scale.is_some(),
        second_examiner: exam.second_examiner,
        errors,
        page,
    })
}

/// The import form, with how the file is read.
pub async fn form(
    page: Page,
    _staff: ExamStaff,
    state: web::Data<AppState>,
    path: web::Path<ExamPath>,
) -> Result<HttpResponse, AppError> {
    render(&scores_page(page, &state, &path, FormErrors::default()).await?)
}

/// The exam's booked candidates as a spreadsheet to fill in.
pub async fn spreadsheet(
    _staff: ExamStaff,
    state: web::Data<AppState>,
    path: web::Path<ExamPath>,
) -> Result<HttpResponse, AppError> {
    let found = sheets(&state, &path).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!(
                "attachment; filename=\"scores-{}-{}.csv\"",
                path.programme, path.exam
            ),
        ))
        .body(format!("\u{feff}{}", sessions::spreadsheet(&found))))
}

/// Imports the file: back to the form with what was done, or the form with each problem.
pub async fn import(
    req: HttpRequest,
    page: Page,
    ExamStaff(user): ExamStaff,
    state: web::Data<AppState>,
    path: web::Path<ExamPath>,
    mut payload: Multipart,
) -> Result<HttpResponse, AppError> {
    let file = receive_file(&req, &mut payload, "scores", MAX_SCORES_BYTES).await?;
    let Some((_, bytes)) = file else {
        let mut errors = FormErrors::default();
        errors.add("scores", page.t("exam-import-no-file"));
        let shown = scores_page(page, &state, &path, errors).await?;
        return render_status(StatusCode::UNPROCESSABLE_ENTITY, &shown);
    };
    let found = sheets(&state, &path).await?;
    let staff = user.id.clone();
    let outcome = state
        .db(move |conn| {
            sessions::import(conn, &found, &bytes, &staff, crate::db::now()).map_err(AppError::from)
        })
        .await?;
    match outcome {
        Ok(_) => Ok(redirect_with(&path.link(), Some(Flash::ScoresImported))),
        Err(problems) => {
            let mut errors = FormErrors::default();
            for (line, problem) in problems {
                let message = page.t1(problem.message_id(), "registration", problem.value());
                let message = if line == 0 {
                    message
                } else {
                    page.t2(
                        "exam-import-at-line",
                        "line",
                        line as i64,
                        "problem",
                        &message,
                    )
                };
                errors.add("scores", message);
            }
            let shown = scores_page(page, &state, &path, errors).await?;
            render_status(StatusCode::UNPROCESSABLE_ENTITY, &shown)
        }
    }
}
