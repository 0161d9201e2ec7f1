//! Sessions through actix-session, with a store of our own ([`DbSessionStore`]).
//!
//! The cookie, its renewal and the state a request reads and changes are actix-session's. The
//! store decides where the state lives:
//! - a signed-in session is a row in `sessions`, keyed by the SHA-256 of the random token the
//!   cookie carries. The row is the truth, so any instance can authenticate a request, and a
//!   session revoked anywhere (logout, password change, reset) is dead on every instance at
//!   once. Its user is the row's `user_id` column, so "end every session of this user" stays
//!   one statement.
//! - a visitor who has not signed in has no row: the little state they have (the CSRF token, a
//!   notice to show) rides in the cookie itself, encrypted and authenticated by the middleware,
//!   so an anonymous page view never writes to the database.
//!
//! The session's user is read from the `users` row at load (never from the state written
//! before), and the extractors below demand one.

use super::error::AppError;
use super::state::AppState;
use crate::auth::{hash_token, new_token};
use crate::db;
use crate::domain::{Locale, Role, UserId};
use actix_session::config::{BrowserSession, CookieContentSecurity, TtlExtensionPolicy};
use actix_session::storage::{LoadError, SaveError, SessionKey, SessionStore, UpdateError};
use actix_session::{Session, SessionExt, SessionMiddleware};
use actix_web::body::{BoxBody, MessageBody};
use actix_web::cookie::{time, SameSite};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use chrono::Duration;
use std::collections::HashMap;
use std::future::{ready, Ready};

/// The session cookie's name over plain http (a laptop, tests).
pub const SESSION_COOKIE: &str = "admitto_session";
/// Its name over https: the `__Host-` prefix makes browsers refuse it unless it is `Secure`,
/// for the whole site and set by this host, so a sibling subdomain cannot plant one.
pub const SESSION_COOKIE_HTTPS: &str = "__Host-admitto_session";

/// Keys of the session state. `user_id` is the row's column; `user` is derived from the users
/// row at every load and never written.
const USER_ID: &str = "user_id";
const USER: &str = "user";
/// The CSRF token forms must echo (see `csrf`).
pub const CSRF: &str = "csrf";
/// A notice to show on the next page (see `flash`).
pub const FLASH: &str = "flash";
/// Set when the browser's signed-in session ended (expired or revoked), until the login page
/// has said so.
const ENDED: &str = "session_ended";
/// Set at load when the store could not be read; the request is answered with our error page
/// (an error from the store itself would reach the visitor as a bare 500).
const UNREADABLE: &str = "session_unreadable";

type State = HashMap<String, String>;

/// The signed-in user of this request.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub email: String,
    pub role: Role,
    pub locale: Option<Locale>,
    pub email_verified: bool,
    /// Hash of this browser's session token (to revoke it at logout).
    pub session_id: String,
}

/// The middleware with this portal's store and cookie: HttpOnly, SameSite=Lax, `Secure` and
/// `__Host-` over https, ended with the browser; the state expires after the idle limit.
pub fn middleware(state: &web::Data<AppState>) -> SessionMiddleware<DbSessionStore> {
    let secure = state.cookie_secure();
    let name = if secure {
        SESSION_COOKIE_HTTPS
    } else {
        SESSION_COOKIE
    };
    let idle = time::Duration::minutes(state.settings.session_idle_minutes);
    SessionMiddleware::builder(
        DbSessionStore {
            state: state.clone(),
        },
        state.cookie_key.clone(),
    )
    .cookie_name(name.to_owned())
    .cookie_secure(secure)
    .cookie_http_only(true)
    .cookie_same_site(SameSite::Lax)
    .cookie_path("/".to_owned())
    .cookie_content_security(CookieContentSecurity::Private)
    .session_lifecycle(
        BrowserSession::default()
            .state_ttl(idle)
            .state_ttl_extension_policy(TtlExtensionPolicy::OnStateChanges),
    )
    .build()
}

/// Signs `user` in on this browser: a new session (new token, new row, the previous one
/// revoked) with a new CSRF token. Used at login and whenever the account's privileges or
/// password change.
pub fn begin(session: &Session, user: &UserId) -> Result<(), AppError> {
    session.renew();
    session.clear();
    insert(session, USER_ID, &user.0)?;
    insert(session, CSRF, &new_token())
}

/// Signs this browser out: the row is revoked and the browser keeps only a new CSRF token.
pub fn end(session: &Session) {
    session.renew();
    session.clear();
    // Only a failure to encode a string could fail here; the middleware issues a token then.
    let _ = insert(session, CSRF, &new_token());
}

fn insert(session: &Session, key: &str, value: &str) -> Result<(), AppError> {
    session
        .insert(key, value)
        .map_err(|e| AppError::Unexpected(anyhow::anyhow!("writing the session: {e}")))
}

/// Whether this browser's signed-in session ended (expired or revoked) since it last signed
/// in. Said once: the marker is taken out.
pub fn take_ended(req: &HttpRequest) -> bool {
    req.get_session().remove(ENDED).is_some()
}

/// Where the state of a session lives; see the module comment.
#[derive(Clone)]
pub struct DbSessionStore {
    state: web::Data<AppState>,
}

/// A key that is the state itself (a visitor who has not signed in); tokens are base64url and
/// never start with a brace.
fn is_anonymous(key: &SessionKey) -> bool {
    key.as_ref().starts_with('{')
}

/// The state as it is written: without the derived user, and the user's id apart.
fn persisted(mut state: State) -> anyhow::Result<(Option<String>, String)> {
    state.remove(USER);
    let user_id = match state.remove(USER_ID) {
        Some(json) => Some(serde_json::from_str::<String>(&json)?),
        None => None,
    };
    Ok((user_id, serde_json::to_string(&state)?))
}

/// A key that carries `state` without a user: signed out.
fn anonymous_key(state: State) -> anyhow::Result<SessionKey> {
    let (_, json) = persisted(state)?;
    Ok(SessionKey::try_from(json)?)
}

fn store_error(e: AppError) -> anyhow::Error {
    match e {
        AppError::Unexpected(e) => e,
        other => anyhow::anyhow!("{other}"),
    }
}

impl DbSessionStore {
    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut db::DbConn) -> diesel::QueryResult<T> + Send + 'static,
    ) -> anyhow::Result<T> {
        self.state
            .db(move |conn| f(conn).map_err(AppError::from))
            .await
            .map_err(store_error)
    }

    async fn create(&self, state: State) -> anyhow::Result<SessionKey> {
        let (user_id, json) = persisted(state.clone())?;
        let Some(user_id) = user_id else {
            return anonymous_key(state);
        };
        let token = new_token();
        let id_hash = hash_token(&token);
        let max = self.state.services.session_max;
        self.run(move |conn| {
            let now = db::now();
            db::sessions::insert(
                conn,
                &db::sessions::NewSession {
                    id_hash: &id_hash,
                    user_id: &user_id,
                    state: &json,
                    now,
                    expires_at: now + max,
                },
            )
        })
        .await?;
        Ok(SessionKey::try_from(token)?)
    }

    async fn write(&self, key: SessionKey, state: State) -> anyhow::Result<SessionKey> {
        if is_anonymous(&key) {
            return self.create(state).await;
        }
        let (user_id, json) = persisted(state.clone())?;
        let id_hash = hash_token(key.as_ref());
        let Some(user_id) = user_id else {
            // The user was taken out of the state: the row ends, the rest rides in the cookie.
            self.run(move |conn| db::sessions::revoke(conn, &id_hash, db::now()))
                .await?;
            return anonymous_key(state);
        };
        let saved = self
            .run(move |conn| db::sessions::save_state(conn, &id_hash, &user_id, &json, db::now()))
            .await?;
        // Revoked since this request loaded it: the browser stays signed out.
        if saved {
            Ok(key)
        } else {
            anonymous_key(state)
        }
    }
}

impl SessionStore for DbSessionStore {
    async fn load(&self, key: &SessionKey) -> Result<Option<State>, LoadError> {
        if is_anonymous(key) {
            let mut state: State = serde_json::from_str(key.as_ref())
                .map_err(|e| LoadError::Deserialization(e.into()))?;
            state.remove(USER_ID);
            state.remove(USER);
            return Ok(Some(state));
        }
        let id_hash = hash_token(key.as_ref());
        let idle = Duration::minutes(self.state.settings.session_idle_minutes);
        let found = self
            .state
            .db(move |conn| lookup(conn, &id_hash, idle).map_err(AppError::from))
            .await;
        let found = match found {
            Ok(found) => found,
            Err(e) => {
                let why = serde_json::to_string(&format!("{:#}", store_error(e)))
                    .map_err(|e| LoadError::Other(e.into()))?;
                return Ok(Some(State::from([(UNREADABLE.to_owned(), why)])));
            }
        };
        let state = match found {
            Some((user, mut state)) => {
                let encoded = (
                    serde_json::to_string(&user.id.0),
                    serde_json::to_string(&user),
                );
                let (Ok(id), Ok(user)) = encoded else {
                    return Err(LoadError::Other(anyhow::anyhow!(
                        "encoding the session user"
                    )));
                };
                state.insert(USER_ID.to_owned(), id);
                state.insert(USER.to_owned(), user);
                state
            }
            None => State::from([(ENDED.to_owned(), "true".to_owned())]),
        };
        Ok(Some(state))
    }

    async fn save(&self, state: State, _ttl: &time::Duration) -> Result<SessionKey, SaveError> {
        self.create(state).await.map_err(SaveError::Other)
    }

    async fn update(
        &self,
        key: SessionKey,
        state: State,
        _ttl: &time::Duration,
    ) -> Result<SessionKey, UpdateError> {
        self.write(key, state).await.map_err(UpdateError::Other)
    }

    async fn update_ttl(&self, key: &SessionKey, _ttl: &time::Duration) -> anyhow::Result<()> {
        if is_anonymous(key) {
            return Ok(());
        }
        let id_hash = hash_token(key.as_ref());
        self.run(move |conn| db::sessions::touch(conn, &id_hash, db::now()))
            .await
    }

    async fn delete(&self, key: &SessionKey) -> anyhow::Result<()> {
        if is_anonymous(key) {
            return Ok(());
        }
        let id_hash = hash_token(key.as_ref());
        self.run(move |conn| db::sessions::revoke(conn, &id_hash, db::now()))
            .await
    }
}

/// How stale the last-seen time may get before a request refreshes it. Writing on every request
/// would make every page view a write, so at most once a minute; and at most a quarter of the
/// idle limit, so that a session in use never reaches the limit however short it is set.
fn refresh_interval(idle: Duration) -> Duration {
    std::cmp::min(Duration::seconds(60), idle / 4)
}

/// The live session for a token hash: its user and stored state. Ends sessions that were idle
/// too long or past their absolute limit.
fn lookup(
    conn: &mut db::DbConn,
    token_hash: &str,
    idle: Duration,
) -> anyhow::Result<Option<(CurrentUser, State)>> {
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
    // A state that does not parse (written by another version) is dropped, not fatal.
    let state = serde_json::from_str(&session.state).unwrap_or_default();
    let user = CurrentUser {
        id: UserId(user.id),
        email: user.email,
        role,
        locale: user.locale.as_deref().and_then(Locale::parse),
        email_verified: user.email_verified_at.is_some(),
        session_id: session.id,
    };
    Ok(Some((user, state)))
}

/// The signed-in user of a request, read from its session once and kept with the request (the
/// error pages, drawn after the session middleware has finished, still find it).
pub fn current_user(req: &HttpRequest) -> Option<CurrentUser> {
    let known = req.extensions().get::<CurrentUser>().cloned();
    if known.is_some() {
        return known;
    }
    let user = req.get_session().get::<CurrentUser>(USER).ok().flatten()?;
    req.extensions_mut().insert(user.clone());
    Some(user)
}

/// Reads the session's user at the start of every request (see [`current_user`]); answers
/// with the error page when the session could not be read.
pub async fn resolve_user(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let unreadable = req.get_session().get::<String>(UNREADABLE).ok().flatten();
    if let Some(why) = unreadable {
        let error = AppError::Unexpected(anyhow::anyhow!("loading the session: {why}"));
        return Ok(req.error_response(error));
    }
    current_user(req.request());
    Ok(next.call(req).await?.map_into_boxed_body())
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
            current_user(req)
                .map(SignedIn)
                .ok_or_else(|| login_required(req)),
        )
    }
}

/// The signed-in user if their role passes `allowed`: 403 for another role, the login page
/// for nobody signed in.
fn signed_in_as(req: &HttpRequest, allowed: fn(Role) -> bool) -> Result<CurrentUser, AppError> {
    match current_user(req) {
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

role_extractor!(
    /// Staff who handle money (statements, transfers, refunds): the finance office and
    /// administrators.
    FinanceStaff,
    Role::may_handle_money
);

role_extractor!(
    /// Staff who run exam sessions: examiners, admissions officers and administrators.
    ExamStaff,
    Role::may_run_exams
);

role_extractor!(
    /// Staff who arrange sessions (move candidates, cancel sessions): admissions officers and
    /// administrators.
    ExamOffice,
    Role::may_arrange_exams
);

/// Guards a whole scope (`/staff`): only staff roles get through, so a route added there later
/// cannot forget its check.
pub async fn require_staff(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    match current_user(req.request()) {
        Some(u) if u.role.is_staff() => Ok(next.call(req).await?.map_into_boxed_body()),
        Some(_) => Ok(req.error_response(AppError::Forbidden)),
        None => {
            let error = login_required(req.request());
            Ok(req.error_response(error))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_in_use_is_refreshed_well_before_a_short_idle_limit() {
        assert_eq!(
            refresh_interval(Duration::minutes(60)),
            Duration::seconds(60)
        );
        assert_eq!(
            refresh_interval(Duration::minutes(1)),
            Duration::seconds(15)
        );
    }

    #[test]
    fn only_the_state_is_written_never_the_user_read_at_load() {
        let state = State::from([
            (USER_ID.to_owned(), "\"u-1\"".to_owned()),
            (USER.to_owned(), "{\"role\":\"admin\"}".to_owned()),
            (CSRF.to_owned(), "\"t\"".to_owned()),
        ]);
        let (user_id, json) = persisted(state).unwrap();
        assert_eq!(user_id.as_deref(), Some("u-1"));
        assert_eq!(json, r#"{"csrf":"\"t\""}"#);
        let key = anonymous_key(State::from([(USER_ID.to_owned(), "\"u-1\"".to_owned())]));
        assert_eq!(key.unwrap().as_ref(), "{}");
    }
}
