//! Forgotten password (a single-use expiring link), resetting it, and changing it when signed in.

use super::{echo, notice, TokenQuery};
use crate::domain::{EmailAddress, NewPassword};
use crate::services::accounts::{self as svc, ChangePasswordOutcome, MailRequest, TokenCheck};
use crate::web::csrf::CsrfForm;
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::{add_password_problem, email_problem, FormErrors};
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
pub struct ForgotForm {
    email: String,
}

#[derive(Template)]
#[template(path = "accounts/password/forgot.html")]
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
    req: HttpRequest,
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
    let ip = client_ip(&req, &state.settings);
    let typed = echo(&form.email);
    let outcome = state
        .db(move |conn| {
            svc::request_password_reset(conn, &cfg, (&email, &ip), locale).map_err(AppError::from)
        })
        .await?;
    if outcome == MailRequest::Throttled {
        let mut errors = FormErrors::default();
        errors.add("email", page.t("mail-requests-throttled"));
        return render_status(
            StatusCode::TOO_MANY_REQUESTS,
            &ForgotPage {
                page,
                email: typed,
                errors,
            },
        );
    }
    render(&notice(
        page,
        "forgot-done-title",
        &["forgot-done-body"],
        Some(("/login", "nav-login")),
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    token: String,
    password: String,
    password_confirm: String,
}

#[derive(Template)]
#[template(path = "accounts/password/reset.html")]
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
    session: Session,
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
    let outcome =
        svc::reset_password(&state.database(), &state.hashes, form.token, &password).await?;
    if outcome != TokenCheck::Valid {
        return token_problem_page(page, &outcome);
    }
    // Every session of the account ended, this browser's too.
    session::end(&session);
    Ok(redirect_with("/login", Some(Flash::PasswordSet)))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ChangePasswordForm {
    current_password: String,
    password: String,
    password_confirm: String,
}

#[derive(Template)]
#[template(path = "accounts/password/change.html")]
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
    req: HttpRequest,
    session: Session,
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
    let ip = client_ip(&req, &state.settings);
    let outcome = svc::change_password(
        &state.database(),
        &state.hashes,
        &state.services,
        (&user.id, &ip),
        (form.current_password, &password),
    )
    .await?;
    match outcome {
        ChangePasswordOutcome::Changed => {
            // Every session of the account ended; this browser gets a new one.
            session::begin(&session, &user.id)?;
            Ok(redirect_with("/account", Some(Flash::PasswordChanged)))
        }
        ChangePasswordOutcome::WrongCurrentPassword => {
            errors.add("current_password", page.t("error-current-password-wrong"));
            render_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ChangePasswordPage { page, errors },
            )
        }
        ChangePasswordOutcome::Throttled => {
            errors.add("current_password", page.t("login-throttled"));
            render_status(
                StatusCode::TOO_MANY_REQUESTS,
                &ChangePasswordPage { page, errors },
            )
        }
    }
}
