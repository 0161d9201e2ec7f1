//! CSRF protection by a token bound to the session: every session holds a random token (made
//! at its first request, made anew at login and logout); every state-changing form carries it
//! in a hidden field. A cross-site page cannot read it, and a token from another session (even
//! the attacker's own, sent with a planted cookie) does not match this one. `CsrfForm<T>` is
//! the only way handlers read a form body.

use super::error::AppError;
use super::session::CSRF;
use actix_session::SessionExt;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;

pub const CSRF_FIELD: &str = "csrf_token";
/// Largest form body accepted (a form with a 10 kB name still fits; a flood does not).
pub const FORM_LIMIT: usize = 64 * 1024;

/// This request's CSRF token, as forms must echo it.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

/// Makes sure the session has a CSRF token (making one if not) and puts it in the request.
pub async fn ensure_token(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let session = req.get_session();
    let token = match session.get::<String>(CSRF) {
        Ok(Some(token)) => token,
        _ => {
            let token = crate::auth::new_token();
            if let Err(e) = session.insert(CSRF, &token) {
                let error = AppError::Unexpected(anyhow::anyhow!("writing the session: {e}"));
                return Ok(req.error_response(error));
            }
            token
        }
    };
    req.extensions_mut().insert(CsrfToken(token));
    Ok(next.call(req).await?.map_into_boxed_body())
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
            if !token_matches(&req, submitted) {
                return Err(AppError::Csrf);
            }
            serde_urlencoded::from_bytes(&bytes)
                .map(CsrfForm)
                .map_err(|_| AppError::BadRequest)
        })
    }
}

/// Whether `submitted` is this session's CSRF token (forms that are not url-encoded, such as
/// uploads, check it with this).
pub fn token_matches(req: &HttpRequest, submitted: Option<&str>) -> bool {
    let extensions = req.extensions();
    match (submitted, extensions.get::<CsrfToken>()) {
        (Some(submitted), Some(expected)) => {
            constant_time_eq(submitted.as_bytes(), expected.0.as_bytes())
        }
        _ => false,
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
