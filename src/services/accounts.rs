//! Candidate accounts: registration, email verification, login with throttling, logout,
//! password reset and change. No outcome tells a visitor whether an email is registered.

use super::ServiceConfig;
use crate::auth::{hash_token, new_token, HashPool};
use crate::db::{self, write_tx, Db, DbConn};
use crate::domain::{EmailAddress, Locale, NewPassword, Role, UserId};
use crate::notify::emails::{enqueue_email, EmailMessage, Recipient};
use anyhow::Context;
use chrono::{Duration, NaiveDateTime};

pub const PURPOSE_VERIFY: &str = "verify_email";
pub const PURPOSE_RESET: &str = "reset_password";
pub const PURPOSE_SET_PASSWORD: &str = "set_password";

fn token_lifetime(purpose: &str) -> Duration {
    match purpose {
        PURPOSE_VERIFY => Duration::hours(48),
        PURPOSE_SET_PASSWORD => Duration::hours(72),
        _ => Duration::hours(1),
    }
}

/// Issues a single-use token (voiding older unused ones of the same purpose) and returns it.
pub(crate) fn issue_token(
    conn: &mut DbConn,
    user_id: &str,
    purpose: &str,
    now: NaiveDateTime,
) -> anyhow::Result<String> {
    db::tokens::void_unused(conn, user_id, purpose, now)?;
    let token = new_token();
    db::tokens::insert(
        conn,
        &hash_token(&token),
        user_id,
        purpose,
        now,
        now + token_lifetime(purpose),
    )?;
    Ok(token)
}

/// A time bucket for dedup keys, so a flood of requests sends one email per ten minutes.
fn ten_minute_bucket(now: NaiveDateTime) -> i64 {
    now.and_utc().timestamp() / 600
}

fn send_verification(
    conn: &mut DbConn,
    cfg: &ServiceConfig,
    user_id: &str,
    email: &str,
    locale: Locale,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    let dedup = format!("verify:{user_id}:{}", ten_minute_bucket(now));
    // Checked before issuing a token, so a rate-limited request does not void the emailed link.
    if db::jobs::dedup_key_used(conn, &dedup)? {
        return Ok(());
    }
    let token = issue_token(conn, user_id, PURPOSE_VERIFY, now)?;
    let link = cfg.link(&format!("/verify-email?token={token}"));
    enqueue_email(
        conn,
        &cfg.institution,
        cfg.mail_max_attempts,
        &Recipient {
            email,
            user_id: Some(user_id),
            locale,
            application_id: None,
        },
        &EmailMessage::VerifyEmail { link },
        Some(&dedup),
    )?;
    Ok(())
}

pub struct Registration {
    pub email: EmailAddress,
    pub password: NewPassword,
    pub locale: Locale,
    /// The client's address (registrations per IP are limited).
    pub ip: String,
}

/// Registers a candidate and emails a verification link. If the address is taken, the owner
/// gets an email saying so instead, and the caller cannot tell the difference. The password is
/// hashed on the hashing threads, between two short uses of the database.
#[tracing::instrument(skip_all)]
pub async fn register(
    database: &Db,
    hashes: &HashPool,
    cfg: &ServiceConfig,
    reg: Registration,
) -> anyhow::Result<MailRequest> {
    let allowed = {
        let (cfg, ip) = (cfg.clone(), reg.ip.clone());
        database
            .run(move |conn| mail_request_allowed(conn, &cfg, &ip))
            .await?
    };
    if !allowed {
        return Ok(MailRequest::Throttled);
    }
    let password_hash = hashes.hash(reg.password.expose().to_owned()).await?;
    let cfg = cfg.clone();
    let (email, locale) = (reg.email, reg.locale);
    database
        .run(move |conn| create_account(conn, &cfg, (&email, locale), &password_hash))
        .await?;
    Ok(MailRequest::Done)
}

/// The account of a registration, or the "account exists" email to the owner of the address.
fn create_account(
    conn: &mut DbConn,
    cfg: &ServiceConfig,
    (email, locale): (&EmailAddress, Locale),
    password_hash: &str,
) -> anyhow::Result<()> {
    let email = email.as_str();
    write_tx(conn, |conn| {
        let now = db::now();
        if let Some(existing) = db::users::find_by_email(conn, email)? {
            let dedup = format!("exists:{}:{}", existing.id, ten_minute_bucket(now));
            let locale = existing.locale_or(locale);
            enqueue_email(
                conn,
                &cfg.institution,
                cfg.mail_max_attempts,
                &Recipient {
                    email,
                    user_id: Some(&existing.id),
                    locale,
                    application_id: None,
                },
                &EmailMessage::AccountExists {
                    login_link: cfg.link("/login"),
                    reset_link: cfg.link("/password/forgot"),
                },
                Some(&dedup),
            )?;
            return Ok(());
        }
        let id = db::new_id();
        db::users::insert(
            conn,
            &db::users::NewUser {
                id: &id,
                email,
                password_hash,
                role: Role::Candidate.as_str(),
                locale: Some(locale.code()),
                email_verified_at: None,
                privacy_version: Some(&cfg.privacy_version),
                privacy_accepted_at: Some(now),
                created_at: now,
                updated_at: now,
            },
        )
        .context("creating the account")?;
        send_verification(conn, cfg, &id, email, locale, now)
    })
}

#[derive(Debug, PartialEq, Eq)]
pub enum TokenCheck {
    Valid,
    Invalid,
    Expired,
    AlreadyUsed,
}

/// Looks at a token without using it (to decide which page to show).
pub fn check_token(
    conn: &mut DbConn,
    token: &str,
    purposes: &[&str],
) -> anyhow::Result<TokenCheck> {
    let hash = hash_token(token);
    for purpose in purposes {
        if let Some(row) = db::tokens::find(conn, &hash, purpose)? {
            return Ok(if row.used_at.is_some() {
                TokenCheck::AlreadyUsed
            } else if row.expires_at <= db::now() {
                TokenCheck::Expired
            } else {
                TokenCheck::Valid
            });
        }
    }
    Ok(TokenCheck::Invalid)
}

#[derive(Debug, PartialEq, Eq)]
pub enum VerifyOutcome {
    Verified,
    AlreadyVerified,
    Expired,
    Invalid,
}

#[tracing::instrument(skip_all)]
pub fn verify_email(conn: &mut DbConn, token: &str) -> anyhow::Result<VerifyOutcome> {
    let hash = hash_token(token);
    write_tx(conn, |conn| {
        let now = db::now();
        let Some(row) = db::tokens::find(conn, &hash, PURPOSE_VERIFY)? else {
            return Ok(VerifyOutcome::Invalid);
        };
        let user = db::users::find(conn, &row.user_id)?.context("token without its user")?;
        if user.email_verified_at.is_some() {
            return Ok(VerifyOutcome::AlreadyVerified);
        }
        if row.used_at.is_some() {
            return Ok(VerifyOutcome::Invalid);
        }
        if row.expires_at <= now {
            return Ok(VerifyOutcome::Expired);
        }
        if !db::tokens::consume(conn, &hash, now)? {
            return Ok(VerifyOutcome::Invalid);
        }
        db::users::mark_verified(conn, &user.id, now)?;
        Ok(VerifyOutcome::Verified)
    })
}

/// Sends a fresh verification link to a signed-in, unverified user (rate-limited).
pub fn resend_verification(
    conn: &mut DbConn,
    cfg: &ServiceConfig,
    user_id: &str,
) -> anyhow::Result<()> {
    write_tx(conn, |conn| {
        let user = db::users::find(conn, user_id)?.context("user not found")?;
        if user.email_verified_at.is_some() {
            return Ok(());
        }
        let locale = user.locale_or(Locale::Pl);
        send_verification(conn, cfg, &user.id, &user.email, locale, db::now())
    })
}

#[derive(Debug)]
pub enum LoginOutcome {
    /// Signed in: the browser gets a new session for this user.
    Success { user_id: UserId, role: Role },
    /// Wrong email or password (indistinguishable).
    Invalid,
    /// Too many failures for this address or this IP recently.
    Throttled,
    /// Right password, but the address is not verified yet; a new link was sent.
    Unverified,
}

pub struct LoginAttempt {
    pub email: String,
    pub password: String,
    pub ip: String,
}

const SCOPE_ACCOUNT: &str = "account";
const SCOPE_IP: &str = "ip";
/// Registrations and reset requests, by IP: each sends an email to an address the visitor chose.
const SCOPE_MAIL_IP: &str = "mail-ip";

/// What became of a request that sends an email (registration, password reset).
#[derive(Debug, PartialEq, Eq)]
pub enum MailRequest {
    /// Done (whether an email went out is not said: that would tell who is registered).
    Done,
    /// Too many such requests from this IP address lately: nothing was done.
    Throttled,
}

/// Records one attempt under each `(scope, subject, limit)` and counts it with the others
/// within the window. The records are committed before they are counted, so every attempt
/// committed earlier is counted too and a burst cannot pass a limit. Returns the records' ids,
/// or None (and keeps none of them) when any count is over its limit.
fn record_and_count(
    conn: &mut DbConn,
    cfg: &ServiceConfig,
    counters: &[(&str, &str, i64)],
) -> anyhow::Result<Option<Vec<String>>> {
    let now = db::now();
    let ids = write_tx(conn, |conn| -> anyhow::Result<Vec<String>> {
        let mut ids = Vec::new();
        for (scope, subject, _) in counters {
            ids.push(db::throttle::record_failure(conn, scope, subject, now)?);
        }
        Ok(ids)
    })?;
    let since = now - Duration::minutes(cfg.throttle.window_minutes);
    for (scope, subject, limit) in counters {
        if db::throttle::failures_since(conn, scope, subject, since)? > *limit {
            write_tx(conn, |conn| db::throttle::forget(conn, &ids))?;
            return Ok(None);
        }
    }
    Ok(Some(ids))
}

/// Counts a request that sends an email from `ip` (see [`record_and_count`]). False when it
/// is over `mail_per_ip` in the window; then it is not kept either.
fn mail_request_allowed(conn: &mut DbConn, cfg: &ServiceConfig, ip: &str) -> anyhow::Result<bool> {
    let counters = [(SCOPE_MAIL_IP, ip, cfg.throttle.mail_per_ip)];
    Ok(record_and_count(conn, cfg, &counters)?.is_some())
}

/// Starts a password check under the login throttle, for the typed address `account_key` and
/// the client's `ip`: the attempt is recorded before the check and counted with the others (see
/// [`record_and_count`]), so simultaneous guesses get no more checks than the limit between
/// them. Returns the attempt's records, which a right password forgets and a wrong one leaves
/// as a failure; None when the limit is reached (then no check is made).
fn begin_check(
    conn: &mut DbConn,
    cfg: &ServiceConfig,
    (account_key, ip): (&str, &str),
) -> anyhow::Result<Option<Vec<String>>> {
    let counters = [
        (SCOPE_ACCOUNT, account_key, cfg.throttle.per_account),
        (SCOPE_IP, ip, cfg.throttle.per_ip),
    ];
    record_and_count(conn, cfg, &counters)
}

/// A login: the attempt is counted, the password checked on the hashing threads with no
/// database connection held, and the outcome recorded.
#[tracing::instrument(skip_all)]
pub async fn login(
    database: &Db,
    hashes: &HashPool,
    cfg: &ServiceConfig,
    attempt: LoginAttempt,
) -> anyhow::Result<LoginOutcome> {
    // Count failures against whatever was typed, registered or not, so the lock says nothing.
    let account_key = attempt.email.trim().to_lowercase();
    let started = {
        let (cfg, key, ip) = (cfg.clone(), account_key.clone(), attempt.ip.clone());
        let email = attempt.email.clone();
        database
            .run(move |conn| -> anyhow::Result<_> {
                let user = match EmailAddress::parse(&email) {
                    Ok(email) => db::users::find_by_email(conn, email.as_str())?,
                    Err(_) => None,
                };
                Ok(begin_check(conn, &cfg, (&key, &ip))?.map(|records| (user, records)))
            })
            .await?
    };
    let Some((user, records)) = started else {
        return Ok(LoginOutcome::Throttled);
    };
    // An unknown address spends the same time on a hash of the same cost.
    let stored = user
        .as_ref()
        .map_or(DUMMY_HASH, |u| u.password_hash.as_str())
        .to_owned();
    let matches = hashes.verify(attempt.password, stored).await?;
    let Some(user) = user.filter(|_| matches) else {
        return Ok(LoginOutcome::Invalid);
    };
    let cfg = cfg.clone();
    database
        .run(move |conn| signed_in(conn, &cfg, &user, (&account_key, &attempt.ip), &records))
        .await
}

/// The end of a login with the right password: the attempt is forgotten, and the account is
/// signed in (its failures cleared, a staff login audited) or, while its address is
/// unverified, sent a new verification link.
fn signed_in(
    conn: &mut DbConn,
    cfg: &ServiceConfig,
    user: &db::users::UserRow,
    (account_key, ip): (&str, &str),
    records: &[String],
) -> anyhow::Result<LoginOutcome> {
    let now = db::now();
    let role =
        Role::parse(&user.role).with_context(|| format!("user {} has an unknown role", user.id))?;
    if user.email_verified_at.is_none() {
        write_tx(conn, |conn| db::throttle::forget(conn, records))?;
        let locale = user.locale_or(Locale::Pl);
        send_verification(conn, cfg, &user.id, &user.email, locale, now)?;
        return Ok(LoginOutcome::Unverified);
    }
    write_tx(conn, |conn| -> anyhow::Result<()> {
        db::throttle::forget(conn, records)?;
        db::throttle::clear(conn, SCOPE_ACCOUNT, account_key)?;
        if role.is_staff() {
            db::audit::record(
                conn,
                Some(&user.id),
                "login",
                &user.email,
                &format!("ip {ip}"),
                now,
            )?;
        }
        Ok(())
    })?;
    Ok(LoginOutcome::Success {
        user_id: UserId(user.id.clone()),
        role,
    })
}

/// An argon2id hash of a random string, with the same cost as real ones.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Wn3mKk1GbOZbYlDAzQ6NqN3xR2cI4VxS9nq0bq1v3kE";

/// Ends one session (logout).
pub fn logout(
    conn: &mut DbConn,
    session_id: &str,
    user_id: &str,
    role: Role,
) -> anyhow::Result<()> {
    write_tx(conn, |conn| -> anyhow::Result<()> {
        let now = db::now();
        db::sessions::revoke(conn, session_id, now)?;
        if role.is_staff() {
            db::audit::record(conn, Some(user_id), "logout", user_id, "", now)?;
        }
        Ok(())
    })
}

/// Emails a reset link when the address has an account; does nothing visible otherwise.
#[tracing::instrument(skip_all)]
pub fn request_password_reset(
    conn: &mut DbConn,
    cfg: &ServiceConfig,
    (email, ip): (&EmailAddress, &str),
    locale: Locale,
) -> anyhow::Result<MailRequest> {
    if !mail_request_allowed(conn, cfg, ip)? {
        return Ok(MailRequest::Throttled);
    }
    write_tx(conn, |conn| -> anyhow::Result<()> {
        let Some(user) = db::users::find_by_email(conn, email.as_str())? else {
            return Ok(());
        };
        let now = db::now();
        let dedup = format!("reset:{}:{}", user.id, ten_minute_bucket(now));
        if db::jobs::dedup_key_used(conn, &dedup)? {
            return Ok(());
        }
        let token = issue_token(conn, &user.id, PURPOSE_RESET, now)?;
        let user_locale = user.locale_or(locale);
        enqueue_email(
            conn,
            &cfg.institution,
            cfg.mail_max_attempts,
            &Recipient {
                email: &user.email,
                user_id: Some(&user.id),
                locale: user_locale,
                application_id: None,
            },
            &EmailMessage::ResetPassword {
                link: cfg.link(&format!("/password/reset?token={token}")),
            },
            Some(&dedup),
        )?;
        Ok(())
    })?;
    Ok(MailRequest::Done)
}

/// Sets a new password through a reset or set-password link. Every session of the account
/// ends; the link also proves the address, so it counts as verified.
#[tracing::instrument(skip_all)]
pub async fn reset_password(
    database: &Db,
    hashes: &HashPool,
    token: String,
    password: &NewPassword,
) -> anyhow::Result<TokenCheck> {
    let password_hash = hashes.hash(password.expose().to_owned()).await?;
    database
        .run(move |conn| set_password_by_link(conn, &token, &password_hash))
        .await
}

fn set_password_by_link(
    conn: &mut DbConn,
    token: &str,
    password_hash: &str,
) -> anyhow::Result<TokenCheck> {
    let hash = hash_token(token);
    write_tx(conn, |conn| {
        let now = db::now();
        let row = match db::tokens::find(conn, &hash, PURPOSE_RESET)? {
            Some(row) => row,
            None => match db::tokens::find(conn, &hash, PURPOSE_SET_PASSWORD)? {
                Some(row) => row,
                None => return Ok(TokenCheck::Invalid),
            },
        };
        if row.used_at.is_some() {
            return Ok(TokenCheck::AlreadyUsed);
        }
        if row.expires_at <= now {
            return Ok(TokenCheck::Expired);
        }
        if !db::tokens::consume(conn, &hash, now)? {
            return Ok(TokenCheck::AlreadyUsed);
        }
        db::users::set_password_hash(conn, &row.user_id, password_hash, now)?;
        db::users::mark_verified(conn, &row.user_id, now)?;
        db::sessions::revoke_all_for_user(conn, &row.user_id, now)?;
        let email = user_email(conn, &row.user_id)?;
        db::throttle::clear(conn, SCOPE_ACCOUNT, &email)?;
        Ok(TokenCheck::Valid)
    })
}

fn user_email(conn: &mut DbConn, user_id: &str) -> anyhow::Result<String> {
    Ok(db::users::find(conn, user_id)?
        .context("user not found")?
        .email)
}

#[derive(Debug)]
pub enum ChangePasswordOutcome {
    /// Changed: every session of the account ended (this browser gets a new one).
    Changed,
    WrongCurrentPassword,
    /// Too many wrong passwords for this account lately (the login throttle): not checked.
    Throttled,
}

/// Changes the password of a signed-in user who typed the current one (under the login
/// throttle). Both passwords go through the hashing threads with no database connection held.
#[tracing::instrument(skip_all)]
pub async fn change_password(
    database: &Db,
    hashes: &HashPool,
    cfg: &ServiceConfig,
    (user_id, ip): (&UserId, &str),
    (current, new): (String, &NewPassword),
) -> anyhow::Result<ChangePasswordOutcome> {
    let started = {
        let (cfg, id, ip) = (cfg.clone(), user_id.0.clone(), ip.to_owned());
        database
            .run(move |conn| -> anyhow::Result<_> {
                let user = db::users::find(conn, &id)?.context("user not found")?;
                let account_key = user.email.to_lowercase();
                let records = begin_check(conn, &cfg, (&account_key, &ip))?;
                Ok(records.map(|records| (user.password_hash, records)))
            })
            .await?
    };
    let Some((stored, records)) = started else {
        return Ok(ChangePasswordOutcome::Throttled);
    };
    if !hashes.verify(current, stored).await? {
        return Ok(ChangePasswordOutcome::WrongCurrentPassword);
    }
    let password_hash = hashes.hash(new.expose().to_owned()).await?;
    let id = user_id.0.clone();
    database
        .run(move |conn| {
            write_tx(conn, |conn| -> anyhow::Result<()> {
                let now = db::now();
                db::throttle::forget(conn, &records)?;
                db::users::set_password_hash(conn, &id, &password_hash, now)?;
                db::sessions::revoke_all_for_user(conn, &id, now)?;
                Ok(())
            })
        })
        .await?;
    Ok(ChangePasswordOutcome::Changed)
}

pub fn set_locale(conn: &mut DbConn, user_id: &str, locale: Locale) -> anyhow::Result<()> {
    db::users::set_locale(conn, user_id, locale.code(), db::now()).context("saving the language")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dummy_hash_is_a_valid_hash_with_the_real_cost() -> anyhow::Result<()> {
        assert!(!crate::auth::password::verify("anything", DUMMY_HASH)?);
        Ok(())
    }
}
