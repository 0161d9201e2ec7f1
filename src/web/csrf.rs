//! CSRF protection by signed double-submit: every visitor gets a random, server-signed token in
//! an HttpOnly cookie; every state-changing form carries the same token in a hidden field. A
//! cross-site page can neither read the cookie nor forge a signed one, so it cannot send a
//! matching pair. `CsrfForm<T>` is the only way handlers read a form body.

use super::error::AppError;
use super::flash::FLASH_COOKIE;
use super::state::AppState;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

pub const CSRF_COOKIE: &str = "admitto_csrf";
pub const CSRF_FIELD: &str = "csrf_token";
/// Largest form body accepted (a form with a 10 kB name still fits; a flood does not).
pub const FORM_LIMIT: usize = 64 * 1024;

/// This request's CSRF token, as forms must echo it.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// Makes sure the visitor has a valid CSRF cookie (issuing one if not), and clears a flash
/// message once a page has shown it.
pub async fn ensure_token(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        let error = AppError::Unexpected(anyhow::anyhow!("application state missing"));
        return Ok(req.error_response(error));
    };
    let existing = req
        .cookie(CSRF_COOKIE)
        .map(|c| c.value().to_owned())
        .filter(|v| state.signing_key.verify(v).is_some());
    let fresh = existing.is_none();
    let token = existing.unwrap_or_else(|| state.signing_key.sign(&crate::auth::new_token()));
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let had_flash = req.cookie(FLASH_COOKIE).is_some();

    let mut res = next.call(req).await?.map_into_boxed_body();
    let secure = state.cookie_secure();
    if fresh {
        let cookie = Cookie::build(CSRF_COOKIE, token)
            .path("/")
            .http_only(true)
            .secure(secure)
            .same_site(SameSite::Lax)
            .finish();
        res.response_mut()
            .add_cookie(&cookie)
            .map_err(actix_web::error::ErrorInternalServerError)?;
    }
    let shown_page = res.status().is_success() || res.status().is_client_error();
    let flash: Option<Cookie<'static>> = res
        .response()
        .cookies()
        .find(|c| c.name() == FLASH_COOKIE)
        .map(Cookie::into_owned);
    let flash = match flash {
        // Handlers set the notice without knowing the scheme; over https it is Secure like
        // every other cookie of the portal.
        Some(mut cookie) if secure && cookie.secure() != Some(true) => {
            cookie.set_secure(true);
            res.response_mut().del_cookie(FLASH_COOKIE);
            Some(cookie)
        }
        Some(_) => None,
        None if had_flash && shown_page => {
            let mut removal = Cookie::build(FLASH_COOKIE, "")
                .path("/")
                .secure(secure)
                .finish();
            removal.make_removal();
            Some(removal)
        }
        None => None,
    };
    if let Some(cookie) = flash {
        res.response_mut()
            .add_cookie(&cookie)
            .map_err(actix_web::error::ErrorInternalServerError)?;
    }
    Ok(res)
}

/// A url-encoded form whose CSRF token was checked. Missing fields deserialize as their
/// defaults (forms use `#[serde(default)]`), so absent input becomes a field error, not a 400.
pub struct CsrfForm<T>(pub T);

/// A form that carries nothing but its CSRF token (a button: publish, withdraw, remove, …).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CsrfOnly {}

impl<T: DeserializeOwned + 'static> FromRequest for CsrfForm<T> {
    type Error = AppError;
    type Future = LocalBoxFuture<'static, Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let req = req.clone();
        let body = web::Bytes::from_request(&req, payload);
        Box::pin(async move {
            let is_form = req
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
            if !is_form {
                return Err(AppError::BadRequest);
            }
            let bytes = body.await.map_err(|e| {
                if e.as_response_error().status_code()
                    == actix_web::http::StatusCode::PAYLOAD_TOO_LARGE
                {
                    AppError::PayloadTooLarge
                } else {
                    AppError::BadRequest
                }
            })?;
            if bytes.len() > FORM_LIMIT {
                return Err(AppError::PayloadTooLarge);
            }
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_bytes(&bytes).map_err(|_| AppError::BadRequest)?;
            let submitted = pairs
                .iter()
                .find(|(k, _)| k == CSRF_FIELD)
                .map(|(_, v)| v.as_str());
            if !token_matches(&req, submitted)? {
                return Err(AppError::Csrf);
            }
            serde_urlencoded::from_bytes(&bytes)
                .map(CsrfForm)
                .map_err(|_| AppError::BadRequest)
        })
    }
}

/// Whether `submitted` is this browser's signed CSRF token (forms that are not url-encoded,
/// such as uploads, check it with this).
pub fn token_matches(req: &HttpRequest, submitted: Option<&str>) -> Result<bool, AppError> {
    let cookie = req.cookie(CSRF_COOKIE);
    let Some(state) = req.app_data::<web::Data<AppState>>() else {
        return Err(AppError::Unexpected(anyhow::anyhow!(
            "application state missing"
        )));
    };
    Ok(match (submitted, &cookie) {
        (Some(submitted), Some(cookie)) => {
            state.signing_key.verify(cookie.value()).is_some()
                && constant_time_eq(submitted.as_bytes(), cookie.value().as_bytes())
        }
        _ => false,
    })
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
