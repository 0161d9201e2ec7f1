//! Sessions: the browser holds a random token in an HttpOnly cookie; the row in `sessions`
//! (keyed by the token's hash) is the truth, so any instance can authenticate a request and a
//! revoked session is dead everywhere at once. The middleware puts the `CurrentUser` into the
//! request; extractors below demand one.

use super::error::AppError;
use super::state::AppState;
use crate::db;
use crate::domain::{Locale, Role, UserId};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::cookie::{Cookie, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use chrono::Duration;
use std::future::{ready, Ready};

pub const SESSION_COOKIE: &str = "admitto_session";

/// The signed-in user of this request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: UserId,
    pub email: String,
    pub role: Role,
    pub locale: Option<Locale>,
    pub email_verified: bool,
    /// Hash of this browser's session token (to revoke it at logout).
    pub session_id: String,
}

/// Builds the session cookie for a new token.
pub fn session_cookie(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, token.to_owned())
        .path("/")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .finish()
}

/// A cookie that makes the browser forget its session token.
pub fn session_removal(secure: bool) -> Cookie<'static> {
    let mut cookie = session_cookie("", secure);
    cookie.make_removal();
    cookie
}

/// Skips the session lookup for requests that never need it.
fn needs_session(path: &str) -> bool {
    !(path.starts_with("/static/") || path == "/healthz" || path == "/metrics")
}

pub async fn load_session(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let mut stale_cookie = false;
    if needs_session(req.path()) {
        if let (Some(state), Some(cookie)) = (
            req.app_data::<web::Data<AppState>>().cloned(),
            req.cookie(SESSION_COOKIE),
        ) {
            let token_hash = crate::auth::hash_token(cookie.value());
            let idle = Duration::minutes(state.settings.session_idle_minutes);
            let user = state
                .db(move |conn| lookup(conn, &token_hash, idle).map_err(AppError::from))
                .await;
            match user {
                Ok(Some(user)) => {
                    req.extensions_mut().insert(user);
                }
                Ok(None) => stale_cookie = true,
                // Answered here, not returned: an outer layer holding a clone of the request
                // while routing would make actix panic.
                Err(e) => return Ok(req.error_response(e)),
            }
        }
    }
    let secure = req
        .app_data::<web::Data<AppState>>()
        .is_some_and(|s| s.cookie_secure());
    let mut res = next.call(req).await?.map_into_boxed_body();
    if stale_cookie && !res.response().cookies().any(|c| c.name() == SESSION_COOKIE) {
        res.response_mut()
            .add_cookie(&session_removal(secure))
            .map_err(actix_web::error::ErrorInternalServerError)?;
    }
    Ok(res)
}

/// How stale the last-seen time may get before a request refreshes it. Writing on every request
/// would make every page view a write, so at most once a minute; and at most a quarter of the
/// idle limit, so that a session in use never reaches the limit however short it is set.
fn refresh_interval(idle: Duration) -> Duration {
    std::cmp::min(Duration::seconds(60), idle / 4)
}

/// Finds the live session for a token hash and its user. Ends sessions that were idle too long.
fn lookup(
    conn: &mut db::DbConn,
    token_hash: &str,
    idle: Duration,
) -> anyhow::Result<Option<CurrentUser>> {
    let now = db::now();
    let Some((session, user)) = db::sessions::find_with_user(conn, token_hash)? else {
        return Ok(None);
    };
    if session.revoked_at.is_some() || session.expires_at <= now {
        return Ok(None);
    }
    if now - session.last_seen_at > idle {
        db::sessions::revoke(conn, &session.id, now)?;
        return Ok(None);
    }
    if now - session.last_seen_at >= refresh_interval(idle) {
        db::sessions::touch(conn, &session.id, now)?;
    }
    let Some(role) = Role::parse(&user.role) else {
        anyhow::bail!("user {} has an unknown role {:?}", user.id, user.role);
    };
    Ok(Some(CurrentUser {
        id: UserId(user.id),
        email: user.email,
        role,
        locale: user.locale.as_deref().and_then(Locale::parse),
        email_verified: user.email_verified_at.is_some(),
        session_id: session.id,
    }))
}

fn current(req: &HttpRequest) -> Option<CurrentUser> {
    req.extensions().get::<CurrentUser>().cloned()
}

fn login_required(req: &HttpRequest) -> AppError {
    let next = match req.query_string() {
        "" => req.path().to_owned(),
        q => format!("{}?{}", req.path(), q),
    };
    AppError::LoginRequired { next }
}

/// Any signed-in user.
pub struct SignedIn(pub CurrentUser);

impl FromRequest for SignedIn {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(
            current(req)
                .map(SignedIn)
                .ok_or_else(|| login_required(req)),
        )
    }
}

/// The signed-in user if their role passes `allowed`: 403 for another role, the login page
/// for nobody signed in.
fn signed_in_as(req: &HttpRequest, allowed: fn(Role) -> bool) -> Result<CurrentUser, AppError> {
    match current(req) {
        Some(u) if allowed(u.role) => Ok(u),
        Some(_) => Err(AppError::Forbidden),
        None => Err(login_required(req)),
    }
}

/// An extractor for the signed-in user whose role passes a check.
macro_rules! role_extractor {
    ($(#[$doc:meta])* $name:ident, $allowed:expr) => {
        $(#[$doc])*
        pub struct $name(pub CurrentUser);

        impl FromRequest for $name {
            type Error = AppError;
            type Future = Ready<Result<Self, AppError>>;

            fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
                ready(signed_in_as(req, $allowed).map($name))
            }
        }
    };
}

role_extractor!(
    /// A signed-in candidate; staff are refused.
    Candidate,
    |role| role == Role::Candidate
);
role_extractor!(
    /// A signed-in member of staff (any staff role).
    Staff,
    Role::is_staff
);
role_extractor!(
    /// A programme administrator or administrator: the roles that may change the cycle
    /// definition.
    CycleEditor,
    Role::may_edit_cycle
);
role_extractor!(
    /// Staff who verify documents: admissions officers and administrators.
    Verifier,
    Role::may_verify_documents
);

/// Guards a whole scope (`/staff`): only staff roles get through, so a route added there later
/// cannot forget its check.
pub async fn require_staff(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let user = req.extensions().get::<CurrentUser>().cloned();
    match user {
        Some(u) if u.role.is_staff() => Ok(next.call(req).await?.map_into_boxed_body()),
        Some(_) => Ok(req.error_response(AppError::Forbidden)),
        None => {
            let error = login_required(req.request());
            Ok(req.error_response(error))
        }
    }
}
