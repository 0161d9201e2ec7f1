//! Confirming the email address from the emailed link, and sending the link again.

use super::{notice, TokenQuery};
use crate::services::accounts::{self as svc, VerifyOutcome};
use crate::web::csrf::{CsrfForm, CsrfOnly};
use crate::web::flash::{redirect_with, Flash};
use crate::web::page::render_status;
use crate::web::session::SignedIn;
use crate::web::{AppError, AppState, Page};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};

pub async fn verify_email(
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let outcome = state
        .db(move |conn| svc::verify_email(conn, &token).map_err(AppError::from))
        .await?;
    let signed_in = page.user.is_some();
    let onward = if signed_in {
        ("/", "nav-home")
    } else {
        ("/login", "nav-login")
    };
    let (status, title, body) = match outcome {
        VerifyOutcome::Verified => (StatusCode::OK, "verify-done-title", "verify-done-body"),
        VerifyOutcome::AlreadyVerified => (
            StatusCode::OK,
            "verify-already-title",
            "verify-already-body",
        ),
        VerifyOutcome::Expired => (
            StatusCode::BAD_REQUEST,
            "verify-expired-title",
            "verify-expired-body",
        ),
        VerifyOutcome::Invalid => (
            StatusCode::BAD_REQUEST,
            "verify-invalid-title",
            "verify-invalid-body",
        ),
    };
    render_status(status, &notice(page, title, &[body], Some(onward)))
}

pub async fn resend_verification(
    SignedIn(user): SignedIn,
    state: web::Data<AppState>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let cfg = state.services.clone();
    state
        .db(move |conn| svc::resend_verification(conn, &cfg, &user.id.0).map_err(AppError::from))
        .await?;
    Ok(redirect_with("/", Some(Flash::VerificationSent)))
}
