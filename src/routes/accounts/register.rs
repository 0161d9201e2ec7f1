//! Registration: the form, every field parsed into its domain type with all errors collected,
//! one service call, and the same answer whether or not the address already has an account.

use super::{echo, notice};
use crate::domain::{EmailAddress, NewPassword};
use crate::services::accounts::{self as svc, MailRequest};
use crate::web::csrf::CsrfForm;
use crate::web::flash::redirect_with;
use crate::web::form::{add_password_problem, email_problem, FormErrors};
use crate::web::page::{render, render_status};
use crate::web::{client_ip, AppError, AppState, Page};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

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
    req: HttpRequest,
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
    let registration = svc::Registration {
        email,
        password,
        locale: page.i18n.locale,
        ip: client_ip(&req, &state.settings),
    };
    let typed = echo(&form.email);
    let outcome = svc::register(
        &state.database(),
        &state.hashes,
        &state.services,
        registration,
    )
    .await?;
    if outcome == MailRequest::Throttled {
        let mut errors = FormErrors::default();
        errors.add("email", page.t("mail-requests-throttled"));
        return render_status(
            StatusCode::TOO_MANY_REQUESTS,
            &RegisterPage {
                email: typed,
                accepted,
                privacy_version: state.services.privacy_version.clone(),
                errors,
                page,
            },
        );
    }
    render(&notice(
        page,
        "register-done-title",
        &["register-done-body", "register-done-spam"],
        Some(("/login", "nav-login")),
    ))
}
