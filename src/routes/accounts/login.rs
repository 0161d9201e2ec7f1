//! Logging in (throttled, with the session id rotated) and out.

use super::echo;
use crate::services::accounts::{self as svc, LoginOutcome};
use crate::web::csrf::{CsrfForm, CsrfOnly};
use crate::web::flash::{redirect_with, safe_next, Flash};
use crate::web::form::FormErrors;
use crate::web::page::{render, render_status};
use crate::web::session::{self, SignedIn};
use crate::web::{client_ip, AppError, AppState, Page};
use actix_session::Session;
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginQuery {
    next: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    password: String,
    next: String,
}

#[derive(Template)]
#[template(path = "accounts/login.html")]
struct LoginPage {
    page: Page,
    email: String,
    next: String,
    errors: FormErrors,
    session_expired: bool,
}

pub async fn login_form(
    page: Page,
    req: HttpRequest,
    query: web::Query<LoginQuery>,
) -> Result<HttpResponse, AppError> {
    let next = safe_next(query.next.as_deref()).unwrap_or_default();
    if page.user.is_some() {
        return Ok(redirect_with(
            if next.is_empty() { "/" } else { &next },
            None,
        ));
    }
    render(&LoginPage {
        page,
        email: String::new(),
        next,
        errors: FormErrors::default(),
        session_expired: session::take_ended(&req),
    })
}

pub async fn login(
    page: Page,
    req: HttpRequest,
    session: Session,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    if form.email.trim().is_empty() {
        errors.add("email", page.t("error-email-missing"));
    }
    if form.password.is_empty() {
        errors.add("password", page.t("error-password-missing"));
    }
    let next = safe_next(Some(&form.next)).unwrap_or_default();
    let typed_email = echo(&form.email);
    if !errors.is_empty() {
        return login_again(
            page,
            StatusCode::UNPROCESSABLE_ENTITY,
            typed_email,
            next,
            errors,
        );
    }
    let attempt = svc::LoginAttempt {
        email: form.email,
        password: form.password,
        ip: client_ip(&req, &state.settings),
    };
    let outcome = svc::login(&state.database(), &state.hashes, &state.services, attempt).await?;
    let (status, message) = match outcome {
        LoginOutcome::Success { user_id, role } => {
            let target = if !next.is_empty() {
                next
            } else if role.is_staff() {
                "/staff".to_owned()
            } else {
                "/".to_owned()
            };
            // A new session: the one this browser had (anyone's) ends, the CSRF token changes.
            session::begin(&session, &user_id)?;
            return Ok(redirect_with(&target, Some(Flash::LoggedIn)));
        }
        LoginOutcome::Invalid => (StatusCode::UNPROCESSABLE_ENTITY, "login-invalid"),
        LoginOutcome::Throttled => (StatusCode::TOO_MANY_REQUESTS, "login-throttled"),
        LoginOutcome::Unverified => (StatusCode::UNPROCESSABLE_ENTITY, "login-unverified"),
    };
    errors.add("email", page.t(message));
    login_again(page, status, typed_email, next, errors)
}

/// The login form again, with the typed address and what went wrong.
fn login_again(
    page: Page,
    status: StatusCode,
    email: String,
    next: String,
    errors: FormErrors,
) -> Result<HttpResponse, AppError> {
    let session_expired = false;
    render_status(
        status,
        &LoginPage {
            page,
            email,
            next,
            errors,
            session_expired,
        },
    )
}

pub async fn logout(
    SignedIn(user): SignedIn,
    session: Session,
    state: web::Data<AppState>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    state
        .db(move |conn| {
            svc::logout(conn, &user.session_id, &user.id.0, user.role).map_err(AppError::from)
        })
        .await?;
    session::end(&session);
    Ok(redirect_with("/login", Some(Flash::LoggedOut)))
}
