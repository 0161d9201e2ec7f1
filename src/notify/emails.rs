//! The emails Admitto sends. Each is a subject, paragraphs and at most one action link, in the
//! recipient's language (texts in the Fluent files, layout in `templates/email/`). Enqueuing
//! writes the rendered message to the outbox and a delivery job, in the caller's transaction.

use crate::db::{self, jobs::NewJob, outbox::NewOutboxMessage, DbConn};
use crate::domain::Locale;
use crate::i18n::I18n;
use anyhow::Context;
use askama::Template;

/// What an email says, before it is put into words.
#[derive(Debug, Clone)]
pub enum EmailMessage {
    VerifyEmail {
        link: String,
    },
    AccountExists {
        login_link: String,
        reset_link: String,
    },
    ResetPassword {
        link: String,
    },
    SetPassword {
        link: String,
        role: String,
    },
    DocumentRejected {
        document: crate::domain::cycle::model::Text,
        reason: String,
        correction_due: Option<chrono::NaiveDate>,
        link: String,
    },
    ApplicationSubmitted {
        /// The programme's name in every language.
        programme: crate::domain::cycle::model::Text,
        receipt: String,
        /// UTC; shown in Warsaw time.
        submitted_at: chrono::NaiveDateTime,
        link: String,
    },
}

impl EmailMessage {
    /// Also the Fluent prefix of its texts: `email-<template>-subject`, …
    pub fn template(&self) -> &'static str {
        match self {
            EmailMessage::VerifyEmail { .. } => "verify",
            EmailMessage::AccountExists { .. } => "exists",
            EmailMessage::ResetPassword { .. } => "reset",
            EmailMessage::SetPassword { .. } => "set-password",
            EmailMessage::ApplicationSubmitted { .. } => "submitted",
            EmailMessage::DocumentRejected { .. } => "document-rejected",
        }
    }
}

struct Action {
    label: String,
    url: String,
}

#[derive(Template)]
#[template(path = "email/message.txt")]
struct TextBody<'a> {
    greeting: &'a str,
    paragraphs: &'a [String],
    action: Option<&'a Action>,
    signature: &'a str,
}

#[derive(Template)]
#[template(path = "email/message.html")]
struct HtmlBody<'a> {
    lang: &'a str,
    subject: &'a str,
    greeting: &'a str,
    paragraphs: &'a [String],
    action: Option<&'a Action>,
    signature: &'a str,
}

pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

pub fn render(
    message: &EmailMessage,
    locale: Locale,
    institution: &str,
) -> anyhow::Result<RenderedEmail> {
    let i18n = I18n::new(locale);
    let key = message.template();
    let subject = i18n.t1(&format!("email-{key}-subject"), "institution", institution);
    let (paragraphs, action) = match message {
        EmailMessage::VerifyEmail { link } => (
            vec![i18n.t("email-verify-body"), i18n.t("email-verify-ignore")],
            Action {
                label: i18n.t("email-verify-action"),
                url: link.clone(),
            },
        ),
        EmailMessage::AccountExists {
            login_link,
            reset_link,
        } => (
            vec![
                i18n.t("email-exists-body"),
                i18n.t1("email-exists-reset", "link", reset_link),
                i18n.t("email-exists-ignore"),
            ],
            Action {
                label: i18n.t("email-exists-action"),
                url: login_link.clone(),
            },
        ),
        EmailMessage::ResetPassword { link } => (
            vec![i18n.t("email-reset-body"), i18n.t("email-reset-ignore")],
            Action {
                label: i18n.t("email-reset-action"),
                url: link.clone(),
            },
        ),
        EmailMessage::SetPassword { link, role } => (
            vec![
                i18n.t1(
                    "email-set-password-body",
                    "role",
                    &i18n.t(&format!("role-{}", role.replace('_', "-"))),
                ),
                i18n.t("email-set-password-expiry"),
            ],
            Action {
                label: i18n.t("email-set-password-action"),
                url: link.clone(),
            },
        ),
        EmailMessage::DocumentRejected {
            document,
            reason,
            correction_due,
            link,
        } => {
            let name = document
                .get(locale.code())
                .or_else(|| document.values().next())
                .cloned()
                .unwrap_or_default();
            let mut paragraphs = vec![
                i18n.t1("email-document-rejected-body", "document", &name),
                i18n.t1("email-document-rejected-reason", "reason", reason),
            ];
            if let Some(due) = correction_due {
                let due = match locale {
                    Locale::Pl => due.format("%d.%m.%Y").to_string(),
                    Locale::En => due.format("%-d %B %Y").to_string(),
                };
                paragraphs.push(i18n.t1("email-document-rejected-due", "date", &due));
            }
            paragraphs.push(i18n.t("email-document-rejected-next"));
            (
                paragraphs,
                Action {
                    label: i18n.t("email-document-rejected-action"),
                    url: link.clone(),
                },
            )
        }
        EmailMessage::ApplicationSubmitted {
            programme,
            receipt,
            submitted_at,
            link,
        } => {
            let name = programme
                .get(locale.code())
                .or_else(|| programme.values().next())
                .cloned()
                .unwrap_or_default();
            (
                vec![
                    i18n.t1("email-submitted-body", "programme", &name),
                    i18n.t2(
                        "email-submitted-receipt",
                        ("receipt", receipt),
                        ("time", &i18n.datetime(submitted_at)),
                    ),
                    i18n.t("email-submitted-next"),
                ],
                Action {
                    label: i18n.t("email-submitted-action"),
                    url: link.clone(),
                },
            )
        }
    };
    let greeting = i18n.t("email-greeting");
    let signature = i18n.t1("email-signature", "institution", institution);
    let text = TextBody {
        greeting: &greeting,
        paragraphs: &paragraphs,
        action: Some(&action),
        signature: &signature,
    }
    .render()
    .context("rendering the text body")?;
    let html = HtmlBody {
        lang: locale.code(),
        subject: &subject,
        greeting: &greeting,
        paragraphs: &paragraphs,
        action: Some(&action),
        signature: &signature,
    }
    .render()
    .context("rendering the HTML body")?;
    Ok(RenderedEmail {
        subject,
        text,
        html,
    })
}

pub const SEND_EMAIL_JOB: &str = "send_email";

#[derive(serde::Serialize, serde::Deserialize)]
pub struct SendEmailPayload {
    pub outbox_id: String,
}

/// Who an email goes to.
pub struct Recipient<'a> {
    pub email: &'a str,
    pub user_id: Option<&'a str>,
    pub locale: Locale,
}

/// Renders `message`, stores it in the outbox and queues its delivery. Call inside the
/// transaction of the change that caused it. With a `dedup_key` already used, nothing is sent
/// again (e.g. one verification email per account per ten minutes).
pub fn enqueue_email(
    conn: &mut DbConn,
    institution: &crate::services::Institution,
    max_attempts: i32,
    to: &Recipient<'_>,
    message: &EmailMessage,
    dedup_key: Option<&str>,
) -> anyhow::Result<bool> {
    let rendered = render(message, to.locale, &institution.name(to.locale))?;
    let now = db::now();
    let id = db::new_id();
    let payload = serde_json::to_string(&SendEmailPayload {
        outbox_id: id.clone(),
    })?;
    let queued = db::jobs::enqueue(
        conn,
        &NewJob {
            kind: SEND_EMAIL_JOB,
            payload: &payload,
            dedup_key,
            priority: 10,
            max_attempts,
            run_after: now,
        },
        now,
    )
    .context("queueing an email")?;
    if !queued {
        return Ok(false);
    }
    db::outbox::insert(
        conn,
        &NewOutboxMessage {
            id: &id,
            channel: "email",
            recipient: to.email,
            user_id: to.user_id,
            template: message.template(),
            locale: to.locale.code(),
            subject: &rendered.subject,
            body_text: &rendered.text,
            body_html: &rendered.html,
            created_at: now,
        },
    )
    .context("writing an email to the outbox")?;
    Ok(true)
}
