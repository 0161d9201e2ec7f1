//! The front page: a welcome for visitors, the candidate's own home once signed in.

use crate::db;
use crate::web::flash::redirect_with;
use crate::web::page::render;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;

#[derive(Template)]
#[template(path = "home/welcome.html")]
struct WelcomePage {
    page: Page,
}

#[derive(Template)]
#[template(path = "home/candidate.html")]
struct CandidateHome {
    page: Page,
    email: String,
    verified: bool,
}

pub async fn home(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let Some(user) = page.user.clone() else {
        return render(&WelcomePage { page });
    };
    if user.role.is_staff() {
        return Ok(redirect_with("/staff", None));
    }
    let id = user.id.0.clone();
    let row = state
        .db(move |conn| db::users::find(conn, &id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    render(&CandidateHome {
        page,
        email: row.email,
        verified: row.email_verified_at.is_some(),
    })
}
