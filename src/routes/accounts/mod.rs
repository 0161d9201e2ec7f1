//! Account pages: register, verify the email address, log in and out, reset and change the
//! password, and the account overview. Shared here: the notice page and the echo of typed input.

pub mod account;
pub mod login;
pub mod password;
pub mod register;
pub mod verify;

pub fn configure(cfg: &mut actix_web::web::ServiceConfig) {
    use actix_web::web;
    cfg.service(
        web::resource("/register")
            .route(web::get().to(register::register_form))
            .route(web::post().to(register::register)),
    )
    .service(web::resource("/verify-email").route(web::get().to(verify::verify_email)))
    .service(
        web::resource("/verify-email/resend").route(web::post().to(verify::resend_verification)),
    )
    .service(
        web::resource("/login")
            .route(web::get().to(login::login_form))
            .route(web::post().to(login::login)),
    )
    .service(web::resource("/logout").route(web::post().to(login::logout)))
    .service(
        web::resource("/password/forgot")
            .route(web::get().to(password::forgot_form))
            .route(web::post().to(password::forgot)),
    )
    .service(
        web::resource("/password/reset")
            .route(web::get().to(password::reset_form))
            .route(web::post().to(password::reset)),
    )
    .service(web::resource("/account").route(web::get().to(account::account)))
    .service(
        web::resource("/account/password")
            .route(web::get().to(password::change_password_form))
            .route(web::post().to(password::change_password)),
    );
}

use crate::web::Page;
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
pub(super) fn echo(typed: &str) -> String {
    typed.chars().take(300).collect()
}

pub(super) fn notice(
    page: Page,
    title: &str,
    paragraphs: &[&str],
    link: Option<(&str, &str)>,
) -> NoticePage {
    NoticePage {
        title: page.t(title),
        paragraphs: paragraphs.iter().map(|k| page.t(k)).collect(),
        link: link.map(|(href, label)| (href.to_owned(), page.t(label))),
        page,
    }
}

/// The token of an emailed link (`?token=…`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenQuery {
    pub token: String,
}
