//! The signed-in candidate's home: their applications with progress and the next thing to
//! do, and the programme catalogue to apply from.

use super::{evaluate, programme_name, status_class};
use crate::db;
use crate::domain::catalogue::ProgrammeFilter;
use crate::routes::views::catalogue::Catalogue;
use crate::routes::views::{item_views, progress};
use crate::services::applications::{self as journey};
use crate::web::page::render;
use crate::web::{AppError, AppState, Page};
use actix_web::HttpResponse;
use askama::Template;

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

/// The signed-in candidate's home (the front page routes here).
pub async fn home(
    page: Page,
    state: &AppState,
    user: crate::web::session::CurrentUser,
    filter: ProgrammeFilter,
) -> Result<HttpResponse, AppError> {
    let cycle = state.cycle().await?;
    let locale = page.lang();
    let user_id = user.id.clone();
    let (applications, profile) = state
        .db(move |conn| {
            let applications = journey::for_candidate(conn, &user_id)?;
            let profile = journey::profile(conn, user_id.as_str())?;
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
        let version = state
            .cycle_version(app.row.cycle_version_id.as_str())
            .await?;
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
            id: app.row.id.to_string(),
            programme: programme_name(&version.definition, app.row.program_code.as_str(), locale),
            status: page.t(&app.row.status.message_id()),
            status_class: status_class(app.row.status),
            done,
            total,
            next,
        });
    }
    let applied: Vec<(&str, &str)> = applications
        .iter()
        .map(|(a, _)| (a.row.program_code.as_str(), a.row.id.as_str()))
        .collect();
    let now = chrono::Utc::now().naive_utc();
    let catalogue = cycle
        .as_ref()
        .map(|c| Catalogue::build(&page, &c.definition, (filter, now), &applied));
    render(&HomePage {
        email: user.email,
        verified: user.email_verified,
        applications: cards,
        catalogue,
        page,
    })
}
