//! The account overview: who is signed in, their consent and a way to change the password.

use crate::db;
use crate::web::page::render;
use crate::web::session::SignedIn;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    page: Page,
    email: String,
    created: String,
    verified: Option<String>,
    privacy: Option<(String, String)>,
}

pub async fn account(
    page: Page,
    SignedIn(user): SignedIn,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let id = user.id.0.clone();
    let row = state
        .db(move |conn| db::users::find(conn, &id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    let i18n = page.i18n;
    render(&AccountPage {
        email: row.email,
        created: i18n.datetime(&row.created_at),
        verified: row.email_verified_at.as_ref().map(|t| i18n.datetime(t)),
        privacy: match (row.privacy_version, row.privacy_accepted_at) {
            (Some(v), Some(at)) => Some((v, i18n.datetime(&at))),
            _ => None,
        },
        page,
    })
}
