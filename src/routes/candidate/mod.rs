//! The candidate's own pages under `/applications` and `/profile`: applications, their guided
//! steps, documents, submission and the fee. Every application is fetched by (id, owner).

pub mod applications;
pub mod documents;
pub mod exams;
pub mod home;
pub mod payments;
pub mod steps;
pub mod submission;

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/applications").route(web::post().to(applications::start)))
        .service(web::resource("/applications/{id}").route(web::get().to(applications::show)))
        .service(
            web::resource("/applications/{id}/steps/{key}")
                .route(web::get().to(steps::step_form))
                .route(web::post().to(steps::step_save)),
        )
        .service(
            web::resource("/applications/{id}/documents/{requirement}")
                .route(web::get().to(documents::download))
                .route(web::post().to(documents::upload)),
        )
        .service(
            web::resource("/applications/{id}/documents/{requirement}/remove")
                .route(web::post().to(documents::remove)),
        )
        .service(
            web::resource("/applications/{id}/submit").route(web::post().to(submission::submit)),
        )
        .service(
            web::resource("/applications/{id}/receipt").route(web::get().to(submission::receipt)),
        )
        .service(
            web::resource("/applications/{id}/summary.pdf")
                .route(web::get().to(submission::summary_pdf)),
        )
        .service(web::resource("/applications/{id}/fee/pay").route(web::post().to(payments::pay)))
        .service(
            web::resource("/applications/{id}/fee/confirmation.pdf")
                .route(web::get().to(payments::confirmation_pdf)),
        )
        .service(
            web::resource("/applications/{id}/fee/return").route(web::get().to(payments::returned)),
        )
        .service(
            web::resource("/applications/{id}/exams/{exam}")
                .route(web::get().to(exams::page))
                .route(web::post().to(exams::book)),
        )
        .service(
            web::resource("/applications/{id}/exams/{exam}/cancel")
                .route(web::get().to(exams::cancel_page))
                .route(web::post().to(exams::cancel)),
        )
        .service(
            web::resource("/applications/{id}/exams/{exam}/wait")
                .route(web::post().to(exams::wait)),
        )
        .service(
            web::resource("/applications/{id}/exams/{exam}/wait/{action}")
                .route(web::post().to(exams::waiting)),
        )
        .service(
            web::resource("/applications/{id}/exams/{exam}/invitation.ics")
                .route(web::get().to(exams::invitation)),
        )
        .service(
            web::resource("/applications/{id}/withdraw")
                .route(web::get().to(applications::withdraw_form))
                .route(web::post().to(applications::withdraw)),
        )
        .service(
            web::resource("/profile/{key}")
                .route(web::get().to(steps::profile_step_form))
                .route(web::post().to(steps::profile_step_save)),
        );
}

// ---- loading the candidate's application, shared by its pages ----

use crate::db;
use crate::domain::documents::LatestDocument;
use crate::domain::ids::ApplicationId;
use crate::domain::status::ApplicationStatus;
use crate::domain::UserId;
pub(super) use crate::routes::views::programme_name;
use crate::services::applications::{self as journey, Application, Evaluated, Profile};
use crate::web::session::{Candidate, CurrentUser};
use crate::web::{AppError, AppState, CurrentCycle};
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest};
use futures_util::future::LocalBoxFuture;
use std::sync::Arc;

pub(super) fn status_class(status: ApplicationStatus) -> &'static str {
    match status {
        ApplicationStatus::Draft => "status-draft",
        ApplicationStatus::Withdrawn | ApplicationStatus::Expired | ApplicationStatus::Rejected => {
            "status-closed"
        }
        ApplicationStatus::NeedsCorrection => "status-attention",
        _ => "status-active",
    }
}

pub(super) fn evaluate(
    version: &CurrentCycle,
    app: &Application,
    profile: &Profile,
    documents: &[LatestDocument],
) -> Result<Evaluated, AppError> {
    journey::evaluate_application(
        &version.definition,
        &version.compiled,
        app,
        profile,
        documents,
    )
    .map_err(AppError::from)
}

pub(super) struct Loaded {
    pub(super) version: Arc<CurrentCycle>,
    pub(super) app: Application,
    pub(super) profile: Profile,
    pub(super) documents: Vec<LatestDocument>,
    pub(super) events: Vec<db::applications::Event>,
    pub(super) evaluated: Evaluated,
    /// The fee order, once the fee fell due.
    pub(super) fee: Option<db::payments::FeeOrderRow>,
    /// Whether fees can be paid online (a payment provider is configured).
    pub(super) online: bool,
}

pub(super) async fn load(
    state: &AppState,
    candidate: &UserId,
    id: &ApplicationId,
) -> Result<Loaded, AppError> {
    let (candidate_id, id) = (candidate.clone(), id.clone());
    let (app, profile, documents, events, fee, booked) = state
        .db(move |conn| {
            let Some(app) = journey::owned(conn, &id, &candidate_id)? else {
                return Ok(None);
            };
            let profile = journey::profile(conn, candidate_id.as_str())?;
            let documents = db::documents::statuses(conn, &candidate_id, &id)?;
            let events = db::applications::events(conn, &id)?;
            let fee = crate::services::payments::fee_order(conn, &id)?;
            let booked = crate::services::exams::booked_exams(conn, &id)?;
            Ok::<_, AppError>(Some((app, profile, documents, events, fee, booked)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let version = state
        .cycle_version(app.row.cycle_version_id.as_str())
        .await?;
    let mut evaluated = evaluate(&version, &app, &profile, &documents)?;
    if let Some(order) = &fee {
        crate::domain::checklist::apply_fee_status(&mut evaluated.checklist, order.status);
    }
    let exams = version.definition.exams_of(app.row.program_code.as_str());
    crate::domain::checklist::apply_exam_status(
        &mut evaluated.checklist,
        |key| {
            exams
                .iter()
                .find(|e| e.key.get_ref() == key)
                .is_some_and(|e| crate::domain::exams::status_allows(e, app.row.status))
        },
        &booked,
    );
    Ok(Loaded {
        version,
        app,
        profile,
        documents,
        events,
        evaluated,
        fee,
        online: state.services.payments.is_some(),
    })
}

/// The signed-in candidate's own application that the URL's `{id}` names, loaded and
/// evaluated. An application of anyone else is 404, as one that does not exist.
pub struct OwnApplication {
    pub(super) candidate: CurrentUser,
    pub(super) id: ApplicationId,
    pub(super) loaded: Loaded,
}

impl FromRequest for OwnApplication {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let candidate = Candidate::from_request(req, payload).into_inner();
        let id = req.match_info().get("id").map(ApplicationId::from);
        let state = req.app_data::<web::Data<AppState>>().cloned();
        Box::pin(async move {
            let Candidate(candidate) = candidate?;
            let (Some(id), Some(state)) = (id, state) else {
                return Err(AppError::NotFound);
            };
            let loaded = load(&state, &candidate.id, &id).await?;
            Ok(OwnApplication {
                candidate,
                id,
                loaded,
            })
        })
    }
}
