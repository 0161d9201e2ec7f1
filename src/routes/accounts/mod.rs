//! Candidate account pages: register, verify email, log in and out, reset and change password.

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    use actix_web::web;
    cfg.service(
        web::resource("/register")
            .route(web::get().to(register_form))
            .route(web::post().to(register)),
    )
    .service(web::resource("/verify-email").route(web::get().to(verify_email)))
    .service(web::resource("/verify-email/resend").route(web::post().to(resend_verification)))
    .service(
        web::resource("/login")
            .route(web::get().to(login_form))
            .route(web::post().to(login)),
    )
    .service(web::resource("/logout").route(web::post().to(logout)))
    .service(
        web::resource("/password/forgot")
            .route(web::get().to(forgot_form))
            .route(web::post().to(forgot)),
    )
    .service(
        web::resource("/password/reset")
            .route(web::get().to(reset_form))
            .route(web::post().to(reset)),
    )
    .service(web::resource("/account").route(web::get().to(account)))
    .service(
        web::resource("/account/password")
            .route(web::get().to(change_password_form))
            .route(web::post().to(change_password)),
    );
}

use crate::db;
use crate::domain::{EmailAddress, NewPassword};
use crate::services::accounts::{
    self as svc, ChangePasswordOutcome, LoginOutcome, TokenCheck, VerifyOutcome,
};
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, safe_next, Flash};
use crate::web::form::{add_password_problem, email_problem, FormErrors};
use crate::web::page::{render, render_status};
use crate::web::session::{session_cookie, session_removal, SignedIn};
use crate::web::{client_ip, AppError, AppState, Page};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

/// A page that only says something: a title, paragraphs and an optional link onwards.
#[derive(Template)]
#[template(path = "accounts/notice.html")]
pub struct NoticePage {
    pub page: Page,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub link: Option<(String, String)>,
}

/// What a visitor typed, to show again in the form: capped, so a flood is not echoed back.
fn echo(typed: &str) -> String {
    typed.chars().take(300).collect()
}

fn notice(page: Page, title: &str, paragraphs: &[&str], link: Option<(&str, &str)>) -> NoticePage {
    NoticePage {
        title: page.t(title),
        paragraphs: paragraphs.iter().map(|k| page.t(k)).collect(),
        link: link.map(|(href, label)| (href.to_owned(), page.t(label))),
        page,
    }
}

// ---- registration ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    email: String,
    password: String,
    password_confirm: String,
    accept_privacy: String,
}

#[derive(Template)]
#[template(path = "accounts/register.html")]
struct RegisterPage {
    page: Page,
    email: String,
    accepted: bool,
    privacy_version: String,
    errors: FormErrors,
}

pub async fn register_form(
    page: Page,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    if page.user.is_some() {
        return Ok(redirect_with("/", None));
    }
    render(&RegisterPage {
        page,
        email: String::new(),
        accepted: false,
        privacy_version: state.services.privacy_version.clone(),
        errors: FormErrors::default(),
    })
}

pub async fn register(
    page: Page,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    let email = EmailAddress::parse(&form.email)
        .map_err(|p| errors.add("email", email_problem(&page.i18n, p)))
        .ok();
    let password = NewPassword::parse(
        &form.password,
        &form.password_confirm,
        Some(form.email.as_str()),
    )
    .map_err(|p| add_password_problem(&mut errors, &page.i18n, p))
    .ok();
    let accepted = form.accept_privacy == "yes";
    if !accepted {
        errors.add("accept_privacy", page.t("error-privacy-not-accepted"));
    }
    let (Some(email), Some(password), true) = (email, password, accepted) else {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &RegisterPage {
                // Keep what was typed, minus passwords, and cap what is echoed back.
                email: echo(&form.email),
                accepted,
                privacy_version: state.services.privacy_version.clone(),
                errors,
                page,
            },
        );
    };
    let locale = page.i18n.locale;
    let cfg = state.services.clone();
    state
        .db(move |conn| {
            svc::register(
                conn,
                &cfg,
                &svc::Registration {
                    email: &email,
                    password: &password,
                    locale,
                },
            )
            .map_err(AppError::from)
        })
        .await?;
    render(&notice(
        page,
        "register-done-title",
        &["register-done-body", "register-done-spam"],
        Some(("/login", "nav-login")),
    ))
}

// ---- email verification ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenQuery {
    token: String,
}

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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmptyForm {}

pub async fn resend_verification(
    SignedIn(user): SignedIn,
    state: web::Data<AppState>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<HttpResponse, AppError> {
    let cfg = state.services.clone();
    state
        .db(move |conn| svc::resend_verification(conn, &cfg, &user.id.0).map_err(AppError::from))
        .await?;
    Ok(redirect_with("/", Some(Flash::VerificationSent)))
}

// ---- login and logout ----

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
        session_expired: Page::session_expired(&req),
    })
}

pub async fn login(
    page: Page,
    req: HttpRequest,
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
    let ip = client_ip(&req, state.settings.trust_proxy);
    let previous = page.user.as_ref().map(|u| u.session_id.clone());
    let cfg = state.services.clone();
    let outcome = state
        .db(move |conn| {
            svc::login(
                conn,
                &cfg,
                &svc::LoginAttempt {
                    email: &form.email,
                    password: &form.password,
                    ip: &ip,
                    previous_session: previous.as_deref(),
                },
            )
            .map_err(AppError::from)
        })
        .await?;
    let (status, message) = match outcome {
        LoginOutcome::Success {
            session_token,
            role,
        } => {
            let target = if !next.is_empty() {
                next
            } else if role.is_staff() {
                "/staff".to_owned()
            } else {
                "/".to_owned()
            };
            let mut response = redirect_with(&target, Some(Flash::LoggedIn));
            response
                .add_cookie(&session_cookie(&session_token, state.cookie_secure()))
                .map_err(|e| {
                    AppError::Unexpected(anyhow::anyhow!("setting the session cookie: {e}"))
                })?;
            return Ok(response);
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
    state: web::Data<AppState>,
    CsrfForm(_): CsrfForm<EmptyForm>,
) -> Result<HttpResponse, AppError> {
    let secure = state.cookie_secure();
    state
        .db(move |conn| {
            svc::logout(conn, &user.session_id, &user.id.0, user.role).map_err(AppError::from)
        })
        .await?;
    let mut response = redirect_with("/login", Some(Flash::LoggedOut));
    response
        .add_cookie(&session_removal(secure))
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("clearing the session cookie: {e}")))?;
    Ok(response)
}

// ---- forgotten password ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

#[derive(Template)]
#[template(path = "accounts/forgot.html")]
struct ForgotPage {
    page: Page,
    email: String,
    errors: FormErrors,
}

pub async fn forgot_form(page: Page) -> Result<HttpResponse, AppError> {
    render(&ForgotPage {
        page,
        email: String::new(),
        errors: FormErrors::default(),
    })
}

pub async fn forgot(
    page: Page,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<ForgotForm>,
) -> Result<HttpResponse, AppError> {
    let email = match EmailAddress::parse(&form.email) {
        Ok(email) => email,
        Err(problem) => {
            let mut errors = FormErrors::default();
            errors.add("email", email_problem(&page.i18n, problem));
            return render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ForgotPage {
                    page,
                    email: echo(&form.email),
                    errors,
                },
            );
        }
    };
    let locale = page.i18n.locale;
    let cfg = state.services.clone();
    state
        .db(move |conn| {
            svc::request_password_reset(conn, &cfg, &email, locale).map_err(AppError::from)
        })
        .await?;
    render(&notice(
        page,
        "forgot-done-title",
        &["forgot-done-body"],
        Some(("/login", "nav-login")),
    ))
}

// ---- reset (and first set) of a password through an emailed link ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    token: String,
    password: String,
    password_confirm: String,
}

#[derive(Template)]
#[template(path = "accounts/reset.html")]
struct ResetPage {
    page: Page,
    token: String,
    errors: FormErrors,
}

fn token_problem_page(page: Page, check: &TokenCheck) -> Result<HttpResponse, AppError> {
    let (title, body) = match check {
        TokenCheck::Expired => ("reset-expired-title", "reset-expired-body"),
        _ => ("reset-invalid-title", "reset-invalid-body"),
    };
    render_status(
        StatusCode::BAD_REQUEST,
        &notice(
            page,
            title,
            &[body],
            Some(("/password/forgot", "forgot-title")),
        ),
    )
}

pub async fn reset_form(
    page: Page,
    state: web::Data<AppState>,
    query: web::Query<TokenQuery>,
) -> Result<HttpResponse, AppError> {
    let token = query.into_inner().token;
    let probe = token.clone();
    let check = state
        .db(move |conn| {
            svc::check_token(
                conn,
                &probe,
                &[svc::PURPOSE_RESET, svc::PURPOSE_SET_PASSWORD],
            )
            .map_err(AppError::from)
        })
        .await?;
    if check != TokenCheck::Valid {
        return token_problem_page(page, &check);
    }
    render(&ResetPage {
        page,
        token,
        errors: FormErrors::default(),
    })
}

pub async fn reset(
    page: Page,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> Result<HttpResponse, AppError> {
    let password = match NewPassword::parse(&form.password, &form.password_confirm, None) {
        Ok(p) => p,
        Err(problem) => {
            let mut errors = FormErrors::default();
            add_password_problem(&mut errors, &page.i18n, problem);
            return render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ResetPage {
                    page,
                    token: form.token,
                    errors,
                },
            );
        }
    };
    let token = form.token;
    let outcome = state
        .db(move |conn| svc::reset_password(conn, &token, &password).map_err(AppError::from))
        .await?;
    if outcome != TokenCheck::Valid {
        return token_problem_page(page, &outcome);
    }
    let mut response = redirect_with("/login", Some(Flash::PasswordSet));
    response
        .add_cookie(&session_removal(state.cookie_secure()))
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("clearing the session cookie: {e}")))?;
    Ok(response)
}

// ---- the account page and password change ----

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

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangePasswordForm {
    current_password: String,
    password: String,
    password_confirm: String,
}

#[derive(Template)]
#[template(path = "accounts/change_password.html")]
struct ChangePasswordPage {
    page: Page,
    errors: FormErrors,
}

pub async fn change_password_form(page: Page, _user: SignedIn) -> Result<HttpResponse, AppError> {
    render(&ChangePasswordPage {
        page,
        errors: FormErrors::default(),
    })
}

pub async fn change_password(
    page: Page,
    SignedIn(user): SignedIn,
    state: web::Data<AppState>,
    CsrfForm(form): CsrfForm<ChangePasswordForm>,
) -> Result<HttpResponse, AppError> {
    let mut errors = FormErrors::default();
    if form.current_password.is_empty() {
        errors.add("current_password", page.t("error-password-missing"));
    }
    let password = NewPassword::parse(&form.password, &form.password_confirm, Some(&user.email))
        .map_err(|p| add_password_problem(&mut errors, &page.i18n, p))
        .ok();
    let Some(password) = password.filter(|_| errors.is_empty()) else {
        return render_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ChangePasswordPage { page, errors },
        );
    };
    let cfg = state.services.clone();
    let user_id = user.id.0.clone();
    let outcome = state
        .db(move |conn| {
            svc::change_password(conn, &cfg, &user_id, &form.current_password, &password)
                .map_err(AppError::from)
        })
        .await?;
    match outcome {
        ChangePasswordOutcome::Changed { session_token } => {
            let mut response = redirect_with("/account", Some(Flash::PasswordChanged));
            response
                .add_cookie(&session_cookie(&session_token, state.cookie_secure()))
                .map_err(|e| {
                    AppError::Unexpected(anyhow::anyhow!("setting the session cookie: {e}"))
                })?;
            Ok(response)
        }
        ChangePasswordOutcome::WrongCurrentPassword => {
            errors.add("current_password", page.t("error-current-password-wrong"));
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ChangePasswordPage { page, errors },
            )
        }
    }
}
