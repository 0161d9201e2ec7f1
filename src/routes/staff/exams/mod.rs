//! Exam and interview sessions for the staff who run them: every exam's sessions with their
//! bookings, and a session's sheet on which attendance and scores are recorded; the office's
//! moves and cancellations are in `office`, the spreadsheet of scores in `scores`.

mod office;
mod scores;

use crate::domain::exams::scores::Attendance;
use crate::domain::points::Points;
use crate::i18n::format::pick;
use crate::pdf::{Block, Document, Picture};
use crate::routes::views::exams::{day_title, place, time_range};
use crate::routes::views::{candidate_name, programme_name};
use crate::services::exams::sessions::{self, Entry, Sheet};
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::ExamStaff;
use crate::web::{AppError, AppState, CurrentCycle, Page};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

/// The routes under `/staff/exams`, relative to the staff scope.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/exams").route(web::get().to(schedule)))
        .service(
            web::resource("/exams/{programme}/{exam}/scores")
                .route(web::get().to(scores::form))
                .route(web::post().to(scores::import)),
        )
        .service(
            web::resource("/exams/{programme}/{exam}/scores.csv")
                .route(web::get().to(scores::spreadsheet)),
        )
        .service(
            web::resource("/exams/{programme}/{exam}/{session}")
                .route(web::get().to(sheet))
                .route(web::post().to(record)),
        )
        .service(
            web::resource("/exams/{programme}/{exam}/{session}/attendance.pdf")
                .route(web::get().to(attendance_pdf)),
        )
        .service(
            web::resource("/exams/{programme}/{exam}/{session}/cancel")
                .route(web::get().to(office::cancel_page))
                .route(web::post().to(office::cancel)),
        )
        .service(
            web::resource("/exams/{programme}/{exam}/{session}/move/{booking}")
                .route(web::get().to(office::move_form))
                .route(web::post().to(office::move_booking)),
        );
}

struct SessionRow {
    link: String,
    day: String,
    time: String,
    place: String,
    booked: i32,
    capacity: u32,
    cancelled: bool,
}

struct ExamRow {
    title: String,
    programme: String,
    scored: bool,
    /// The page importing its scores from a spreadsheet.
    scores: String,
    sessions: Vec<SessionRow>,
}

#[derive(Template)]
#[template(path = "staff/exams/schedule.html")]
struct SchedulePage {
    page: Page,
    exams: Vec<ExamRow>,
}

/// Every exam of the current cycle with its sessions and how many are booked into each.
pub async fn schedule(
    page: Page,
    _staff: ExamStaff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let cycle = state.cycle().await?.ok_or(AppError::NotFound)?;
    let current = cycle.clone();
    let schedules = state
        .db(move |conn| {
            sessions::schedules(conn, &current.cycle_code, &current.definition)
                .map_err(AppError::from)
        })
        .await?;
    let locale = page.lang();
    let exams = schedules
        .into_iter()
        .map(|s| ExamRow {
            title: pick(s.exam.name.get_ref(), locale),
            programme: programme_name(&cycle.definition, &s.programme, locale),
            scored: s.exam.scale.is_some(),
            scores: format!(
                "/staff/exams/{}/{}/scores",
                s.programme,
                s.exam.key.get_ref()
            ),
            sessions: s
                .sessions
                .iter()
                .map(|load| SessionRow {
                    link: format!(
                        "/staff/exams/{}/{}/{}",
                        s.programme,
                        s.exam.key.get_ref(),
                        load.session.key.get_ref()
                    ),
                    day: crate::domain::exams::session_times(&s.exam, &load.session)
                        .map(|(t, _)| day_title(&page, t))
                        .unwrap_or_default(),
                    time: time_range(&s.exam, &load.session).unwrap_or_default(),
                    place: place(&page, &load.session),
                    booked: load.booked,
                    capacity: *load.session.capacity.get_ref(),
                    cancelled: load.session.cancelled,
                })
                .collect(),
        })
        .collect();
    render(&SchedulePage { page, exams })
}

#[derive(Debug, Deserialize)]
pub struct SheetPath {
    programme: String,
    exam: String,
    session: String,
}

impl SheetPath {
    fn link(&self) -> String {
        format!(
            "/staff/exams/{}/{}/{}",
            self.programme, self.exam, self.session
        )
    }
}

/// One attendee's line of the sheet: who they are and the inputs as shown.
struct AttendeeRow {
    id: String,
    application_id: String,
    receipt: String,
    name: String,
    document: String,
    attendance: String,
    first: String,
    second: String,
    /// The score that counts, once it can be worked out.
    counted: String,
}

#[derive(Template)]
#[template(path = "staff/exams/sheet.html")]
struct SheetPage {
    page: Page,
    action: String,
    title: String,
    programme: String,
    when: String,
    place: String,
    scale: String,
    scored: bool,
    second_examiner: bool,
    attendances: Vec<(String, String)>,
    rows: Vec<AttendeeRow>,
    cancelled: bool,
    waiting: usize,
    errors: FormErrors,
}

async fn load(
    state: &AppState,
    path: &SheetPath,
) -> Result<(std::sync::Arc<CurrentCycle>, Sheet), AppError> {
    let cycle = state.cycle().await?.ok_or(AppError::NotFound)?;
    let current = cycle.clone();
    let (programme, exam, session) = (
        path.programme.clone(),
        path.exam.clone(),
        path.session.clone(),
    );
    state
        .db(move |conn| {
            sessions::sheet(
                conn,
                &current.cycle_code,
                &current.definition,
                (&programme, &exam, &session),
            )
            .map_err(AppError::from)
        })
        .await?
        .ok_or(AppError::NotFound)
        .map(|sheet| (cycle, sheet))
}

/// The sheet page: `typed` holds what the form sent when it is shown again with `errors`.
fn sheet_page(
    page: Page,
    cycle: &CurrentCycle,
    path: &SheetPath,
    sheet: &Sheet,
    typed: Option<&[Entry]>,
    errors: FormErrors,
) -> SheetPage {
    let locale = page.lang();
    let rows = sheet
        .attendees
        .iter()
        .map(|r| {
            let id = r.attendee.booking.id.to_string();
            let entry = typed.and_then(|t| t.iter().find(|e| e.booking == id));
            AttendeeRow {
                application_id: r.attendee.booking.application_id.to_string(),
                receipt: r.attendee.receipt_number.clone().unwrap_or_default(),
                name: candidate_name(&page, Some(r.attendee.full_name.clone())),
                document: sessions::document_number(&r.attendee),
                attendance: entry.map_or_else(
                    || {
                        r.attendee
                            .booking
                            .attendance()
                            .map_or("", Attendance::as_str)
                            .to_owned()
                    },
                    |e| e.attendance.clone(),
                ),
                first: entry.map_or_else(
                    || sessions::score_text(r.score.first_score),
                    |e| e.first.clone(),
                ),
                second: entry.map_or_else(
                    || sessions::score_text(r.score.second_score),
                    |e| e.second.clone(),
                ),
                counted: sessions::score_text(r.score.score),
                id,
            }
        })
        .collect();
    let scale = sheet
        .exam
        .scale
        .as_ref()
        .map(|s| {
            let s = s.get_ref();
            let n = |v: f64| Points::from_f64(v).map(Points::decimal).unwrap_or_default();
            page.t2("exam-sheet-scale", "min", n(s.min), "max", n(s.max))
        })
        .unwrap_or_default();
    let when = crate::domain::exams::session_times(&sheet.exam, &sheet.session)
        .map(|(t, _)| {
            format!(
                "{}, {}",
                day_title(&page, t),
                time_range(&sheet.exam, &sheet.session).unwrap_or_default()
            )
        })
        .unwrap_or_default();
    SheetPage {
        action: path.link(),
        title: pick(sheet.exam.name.get_ref(), locale),
        programme: programme_name(&cycle.definition, &sheet.programme, locale),
        when,
        place: place(&page, &sheet.session),
        scale,
        scored: sheet.exam.scale.is_some(),
        second_examiner: sheet.exam.second_examiner,
        attendances: Attendance::ALL
            .iter()
            .map(|a| {
                (
                    a.as_str().to_owned(),
                    page.t(&format!("exam-attendance-{}", a.as_str())),
                )
            })
            .collect(),
        rows,
        cancelled: sheet.session.cancelled,
        waiting: sheet.waiting,
        errors,
        page,
    }
}

/// A session's sheet: its attendees with attendance and scores to record.
pub async fn sheet(
    page: Page,
    _staff: ExamStaff,
    state: web::Data<AppState>,
    path: web::Path<SheetPath>,
) -> Result<HttpResponse, AppError> {
    let (cycle, sheet) = load(&state, &path).await?;
    render(&sheet_page(
        page,
        &cycle,
        &path,
        &sheet,
        None,
        FormErrors::default(),
    ))
}

/// The sheet's entries as the form sends them: `attendance-<booking>`, `first-<booking>` and
/// `second-<booking>` for each attendee.
fn entries(sheet: &Sheet, pairs: &[(String, String)]) -> Vec<Entry> {
    let value = |name: String| {
        pairs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone())
    };
    sheet
        .attendees
        .iter()
        .filter_map(|r| {
            let id = r.attendee.booking.id.to_string();
            let attendance = value(format!("attendance-{id}"));
            let first = value(format!("first-{id}"));
            let second = value(format!("second-{id}"));
            if attendance.is_none() && first.is_none() && second.is_none() {
                return None;
            }
            Some(Entry {
                attendance: attendance.unwrap_or_default(),
                first: first.unwrap_or_default(),
                second: second.unwrap_or_default(),
                booking: id,
            })
        })
        .collect()
}

/// Saves the sheet: every mark and score, or none with each problem at its input.
pub async fn record(
    page: Page,
    ExamStaff(user): ExamStaff,
    state: web::Data<AppState>,
    path: web::Path<SheetPath>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let (cycle, sheet) = load(&state, &path).await?;
    let typed = entries(&sheet, &pairs);
    let (target, given, staff) = (sheet.clone(), typed.clone(), user.id.clone());
    let outcome = state
        .db(move |conn| {
            sessions::record(conn, &target, &given, &staff, crate::db::now())
                .map_err(AppError::from)
        })
        .await?;
    match outcome {
        Ok(_) => Ok(redirect_with(&path.link(), Some(Flash::SheetSaved))),
        Err(problems) => {
            let mut errors = FormErrors::default();
            for (booking, input, problem) in problems {
                errors.add(format!("{input}-{booking}"), page.t(problem.message_id()));
            }
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &sheet_page(page, &cycle, &path, &sheet, Some(&typed), errors),
            )
        }
    }
}

/// The printable attendance list: each booked candidate with their photo (where they sent one),
/// registration and document number, boxes to tick and a line to sign.
pub async fn attendance_pdf(
    page: Page,
    _staff: ExamStaff,
    state: web::Data<AppState>,
    path: web::Path<SheetPath>,
) -> Result<HttpResponse, AppError> {
    let (cycle, sheet) = load(&state, &path).await?;
    let (current, target) = (cycle.clone(), sheet.clone());
    let documents = state
        .db(move |conn| {
            sessions::photos(conn, &current.definition, &target).map_err(AppError::from)
        })
        .await?;
    let shown = sheet_page(page, &cycle, &path, &sheet, None, FormErrors::default());
    let page = &shown.page;
    let mut blocks = vec![
        Block::Title(shown.title.clone()),
        Block::Paragraph(format!("{} · {}", shown.programme, shown.when)),
    ];
    if !shown.place.is_empty() {
        blocks.push(Block::Paragraph(shown.place.clone()));
    }
    blocks.push(Block::Paragraph(page.tn(
        "exam-sheet-caption",
        "count",
        &(shown.rows.len() as i64),
    )));
    let boxes = Attendance::ALL
        .iter()
        .map(|a| format!("☐ {}", page.t(&format!("exam-attendance-{}", a.as_str()))))
        .collect::<Vec<_>>()
        .join("    ");
    for (row, attendee) in shown.rows.iter().zip(&sheet.attendees) {
        let photo = match documents.get(&attendee.attendee.candidate_id) {
            Some(document) => crate::services::documents::previews::preview(
                &state.storage,
                &state.previews,
                document,
            )
            .await?
            .and_then(|jpeg| Picture::decode(&jpeg)),
            None => None,
        };
        let mut lines = vec![page.t2(
            "exam-pdf-numbers",
            "receipt",
            &row.receipt,
            "document",
            &row.document,
        )];
        match (&sheet.exam.scale, sheet.exam.second_examiner) {
            (Some(_), true) => lines.push(page.t("exam-pdf-scores-line")),
            (Some(_), false) => lines.push(page.t("exam-pdf-score-line")),
            (None, _) => {}
        }
        lines.push(boxes.clone());
        lines.push(page.t("exam-pdf-signature"));
        blocks.push(Block::Person {
            photo,
            name: row.name.clone(),
            lines,
        });
    }
    let university = pick(
        &cycle.definition.cycle.university.name.get_ref().clone(),
        page.lang(),
    );
    let bytes = crate::pdf::render(&Document {
        title: format!("{} – {}", shown.title, shown.when),
        footer: format!(
            "{university} · {} · {}",
            page.t("exam-pdf-title"),
            page.datetime(&crate::db::now())
        ),
        blocks,
    })
    .map_err(AppError::from)?;
    Ok(crate::web::page::pdf_attachment(
        &format!(
            "attendance-{}-{}-{}.pdf",
            path.programme, path.exam, path.session
        ),
        bytes,
    ))
}
