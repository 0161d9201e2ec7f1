//! Staff pages. Every route under `/staff` is behind `require_staff` (see `routes::configure`).

use crate::domain::ApplicationStatus;
use crate::services::staff;
use crate::web::page::render;
use crate::web::session::Staff;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;

#[derive(Template)]
#[template(path = "staff/home.html")]
struct StaffHome {
    page: Page,
    role: String,
    candidates: i64,
    applications: Vec<(ApplicationStatus, i64)>,
    total_applications: i64,
    emails_waiting: i64,
    jobs_dead: i64,
}

pub async fn home(
    page: Page,
    Staff(user): Staff,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let dashboard = state
        .db(|conn| staff::dashboard(conn).map_err(AppError::from))
        .await?;
    render(&StaffHome {
        role: page.t(&format!("role-{}", user.role.as_str().replace('_', "-"))),
        candidates: dashboard.candidates,
        total_applications: dashboard.applications.iter().map(|(_, n)| n).sum(),
        applications: dashboard.applications,
        emails_waiting: dashboard.emails_waiting,
        jobs_dead: dashboard.jobs_dead,
        page,
    })
}
