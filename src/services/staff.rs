//! Staff accounts (created by an operator) and the figures on the staff home page.

use super::accounts::{issue_token, PURPOSE_SET_PASSWORD};
use super::applications::{Application, Profile};
use super::ServiceConfig;
use crate::auth;
use crate::db::{self, write_tx, DbConn};
use crate::domain::documents::LatestDocument;
use crate::domain::ids::ApplicationId;
use crate::domain::{ApplicationStatus, EmailAddress, Locale, Role};
use crate::notify::emails::{enqueue_email, EmailMessage, Recipient};
use anyhow::Context;
use std::collections::HashMap;

#[derive(Debug)]
pub struct StaffInvitation {
    pub user_id: String,
    /// Single-use link (72 hours) where the new member of staff sets a password.
    pub set_password_link: String,
    pub created: bool,
}

/// Creates a staff account (or re-invites an existing one with the same role) and emails a
/// set-password link, which is also returned for the operator to hand over.
#[tracing::instrument(skip_all, fields(role = %role))]
pub fn create_staff_user(
    conn: &mut DbConn,
    cfg: &ServiceConfig,
    email: &EmailAddress,
    role: Role,
    locale: Locale,
) -> anyhow::Result<StaffInvitation> {
    anyhow::ensure!(role.is_staff(), "{role} is not a staff role");
    let unusable = auth::password::unusable_hash()?;
    write_tx(conn, |conn| {
        let now = db::now();
        let (user_id, created) = match db::users::find_by_email(conn, email.as_str())? {
            Some(existing) if existing.role == role.as_str() => (existing.id, false),
            Some(existing) => anyhow::bail!(
                "{email} already has an account with role {}; staff accounts need their own address",
                existing.role
            ),
            None => {
                let id = db::new_id();
                db::users::insert(
                    conn,
                    &db::users::NewUser {
                        id: &id,
                        email: email.as_str(),
                        password_hash: &unusable,
                        role: role.as_str(),
                        locale: Some(locale.code()),
                        email_verified_at: Some(now),
                        privacy_version: None,
                        privacy_accepted_at: None,
                        created_at: now,
                        updated_at: now,
                    },
                )
                .context("creating the staff account")?;
                (id, true)
            }
        };
        let token = issue_token(conn, &user_id, PURPOSE_SET_PASSWORD, now)?;
        let link = cfg.link(&format!("/password/reset?token={token}"));
        enqueue_email(
            conn,
            &cfg.institution,
            cfg.mail_max_attempts,
            &Recipient {
                email: email.as_str(),
                user_id: Some(&user_id),
                locale,
                application_id: None,
            },
            &EmailMessage::SetPassword {
                link: link.clone(),
                role: role.as_str().to_owned(),
            },
            None,
        )?;
        let action = if created {
            "staff.create"
        } else {
            "staff.reinvite"
        };
        db::audit::record(
            conn,
            None,
            action,
            email.as_str(),
            &format!("role {role}"),
            now,
        )?;
        Ok(StaffInvitation {
            user_id,
            set_password_link: link,
            created,
        })
    })
}

/// What the staff home page shows.
#[derive(Debug)]
pub struct Dashboard {
    pub candidates: i64,
    /// Every status in machine order, with its count (zeros included).
    pub applications: Vec<(ApplicationStatus, i64)>,
    pub emails_waiting: i64,
    pub jobs_dead: i64,
}

pub fn dashboard(conn: &mut DbConn) -> anyhow::Result<Dashboard> {
    let counts = db::stats::applications_by_status(conn)?;
    let applications = ApplicationStatus::ALL
        .into_iter()
        .map(|status| {
            let n = counts
                .iter()
                .find(|(s, _)| s == status.as_str())
                .map_or(0, |(_, n)| *n);
            (status, n)
        })
        .collect();
    Ok(Dashboard {
        candidates: db::users::count_by_role(conn, Role::Candidate.as_str())?,
        applications,
        emails_waiting: db::outbox::count_unsent(conn)?,
        jobs_dead: db::jobs::count_in_state(conn, db::jobs::STATE_DEAD)?,
    })
}

/// One application as the staff see it: with its candidate, the shared profile, the documents,
/// the status history and who made each change (by email).
pub struct StaffApplication {
    pub app: Application,
    pub candidate: db::users::UserRow,
    pub profile: Profile,
    pub documents: Vec<LatestDocument>,
    pub events: Vec<db::applications::Event>,
    pub actors: HashMap<String, String>,
    /// The messages sent about it, oldest first.
    pub messages: Vec<db::outbox::SentRow>,
}

pub fn application(
    conn: &mut DbConn,
    id: &ApplicationId,
) -> anyhow::Result<Option<StaffApplication>> {
    let Some(row) = db::applications::find(conn, id)? else {
        return Ok(None);
    };
    let app = super::applications::with_scores(conn, vec![Application::from_row(row)?])?
        .pop()
        .context("the application just read")?;
    let candidate =
        db::users::find(conn, app.row.candidate_id.as_str())?.context("candidate missing")?;
    let profile = super::applications::profile(conn, &candidate.id)?;
    let documents = db::documents::statuses(conn, &app.row.candidate_id, &app.row.id)?;
    let events = db::applications::events(conn, &app.row.id)?;
    // One lookup per person, however many changes they made.
    let mut actors = HashMap::new();
    for actor in events.iter().filter_map(|e| e.actor_id.as_ref()) {
        if actors.contains_key(actor) {
            continue;
        }
        if let Some(user) = db::users::find(conn, actor)? {
            actors.insert(actor.clone(), user.email);
        }
    }
    let messages = db::outbox::for_application(conn, app.row.id.as_str())?;
    Ok(Some(StaffApplication {
        app,
        candidate,
        profile,
        documents,
        events,
        actors,
        messages,
    }))
}
