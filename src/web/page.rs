//! What every rendered page knows about its request: language, signed-in user, CSRF token,
//! flash notice and request id. Templates receive it as `page`.

use super::csrf::CsrfToken;
use super::error::AppError;
use super::flash::{Flash, Pending};
use super::request::RequestId;
use super::session::CurrentUser;
use super::state::AppState;
use crate::domain::Locale;
use crate::i18n::I18n;
use actix_web::dev::Payload;
use actix_web::http::StatusCode;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest, HttpResponse};
use std::future::{ready, Ready};

pub const LANG_COOKIE: &str = "admitto_lang";

pub struct Page {
    pub i18n: I18n,
    pub user: Option<CurrentUser>,
    pub csrf_token: String,
    /// Path and query of this request, where the language switcher returns to.
    pub current_path: String,
    pub flash: Option<Flash>,
    pub request_id: String,
    /// The university's name in the page's language.
    pub institution: String,
    /// Whether the university's colours are known (then `/static/brand.css` carries them).
    pub brand_css: bool,
    /// The admissions office's email address, once a cycle is published.
    pub contact_email: String,
    pub demo: bool,
}

/// The language of a request: the account's preference, then the language cookie, then the
/// browser's `Accept-Language`, then the configured default.
pub fn negotiate_locale(req: &HttpRequest, default: Locale) -> Locale {
    let from_account = super::session::current_user(req).and_then(|u| u.locale);
    from_account
        .or_else(|| {
            req.cookie(LANG_COOKIE)
                .and_then(|c| Locale::parse(c.value()))
        })
        .or_else(|| {
            req.headers()
                .get(actix_web::http::header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or(default)
}

impl Page {
    pub fn from_request(req: &HttpRequest) -> Page {
        let state = req.app_data::<web::Data<AppState>>();
        let default_locale = state.map_or(Locale::Pl, |s| s.settings.default_locale);
        // Both may write to the request's extensions, so before they are borrowed below.
        let user = super::session::current_user(req);
        let locale = negotiate_locale(req, default_locale);
        let extensions = req.extensions();
        let current_path = match req.query_string() {
            "" => req.path().to_owned(),
            q => format!("{}?{}", req.path(), q),
        };
        Page {
            i18n: I18n::new(locale),
            user,
            csrf_token: extensions
                .get::<CsrfToken>()
                .map(|t| t.0.clone())
                .unwrap_or_default(),
            current_path,
            flash: extensions.get::<Pending>().map(|p| p.0),
            request_id: extensions
                .get::<RequestId>()
                .map(|r| r.0.clone())
                .unwrap_or_default(),
            institution: state.map_or_else(String::new, |s| s.services.institution.name(locale)),
            brand_css: state.is_some_and(|s| s.branding().is_some()),
            contact_email: state
                .and_then(|s| s.branding())
                .map(|b| b.contact_email.clone())
                .unwrap_or_default(),
            demo: state.is_some_and(|s| s.settings.demo),
        }
    }

    pub fn t(&self, key: &str) -> String {
        self.i18n.t(key)
    }

    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.i18n.t1(key, name, value)
    }

    pub fn tn(&self, key: &str, name: &'static str, value: &i64) -> String {
        self.i18n.tn(key, name, *value)
    }

    pub fn t_args(
        &self,
        key: &str,
        args: &[(
            &'static str,
            fluent_templates::fluent_bundle::FluentValue<'static>,
        )],
    ) -> String {
        self.i18n.t_args(key, args)
    }

    /// A message with two text arguments: `t2("key", "a", a_value, "b", b_value)`.
    pub fn t2(
        &self,
        key: &str,
        a: &'static str,
        av: impl std::fmt::Display,
        b: &'static str,
        bv: impl std::fmt::Display,
    ) -> String {
        self.i18n
            .t2(key, (a, &av.to_string()), (b, &bv.to_string()))
    }

    /// A calendar day in the page's language ("22.12.2026", "22 December 2026").
    pub fn date(&self, day: &chrono::NaiveDate) -> String {
        self.i18n.date(day)
    }

    pub fn datetime(&self, utc: &chrono::NaiveDateTime) -> String {
        self.i18n.datetime(utc)
    }

    /// A stored `YYYY-MM-DD` day in the page's format.
    pub fn day(&self, iso: &str) -> String {
        self.i18n.day(iso)
    }

    pub fn lang(&self) -> &'static str {
        self.i18n.locale.code()
    }

    pub fn locales(&self) -> [Locale; 2] {
        Locale::ALL
    }

    pub fn is_current_locale(&self, locale: &Locale) -> bool {
        self.i18n.locale == *locale
    }

    pub fn is_staff(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.is_staff())
    }

    pub fn can_edit_cycle(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.may_edit_cycle())
    }

    /// Whether the navigation offers the verification queue (other roles would get a 403).
    pub fn can_handle_money(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.may_handle_money())
    }

    /// Whether the navigation offers the exam sessions.
    pub fn can_run_exams(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.may_run_exams())
    }

    pub fn can_arrange_exams(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.may_arrange_exams())
    }

    pub fn can_verify_documents(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role.may_verify_documents())
    }

    pub fn flash_text(&self) -> Option<String> {
        self.flash.map(|f| self.t(&f.message_id()))
    }
}

impl FromRequest for Page {
    type Error = AppError;
    type Future = Ready<Result<Page, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Page::from_request(req)))
    }
}

/// Renders a template into an HTML response with the given status.
pub fn render_status<T: askama::Template>(
    status: StatusCode,
    template: &T,
) -> Result<HttpResponse, AppError> {
    let body = template
        .render()
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("rendering a page: {e}")))?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(body))
}

/// A PDF sent as a download named `file_name`.
pub fn pdf_attachment(file_name: &str, bytes: Vec<u8>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header((
            actix_web::http::header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{file_name}\""),
        ))
        .body(bytes)
}

pub fn render<T: askama::Template>(template: &T) -> Result<HttpResponse, AppError> {
    render_status(StatusCode::OK, template)
}

/// A UTC moment as ISO 8601 (`2027-07-14T21:59:00Z`), for `<time datetime>`.
pub fn iso_datetime(utc: &chrono::NaiveDateTime) -> String {
    utc.and_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
