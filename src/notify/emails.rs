//! The emails Admitto sends. Each message is a template folder, `templates/email/<message>/`
//! with `subject.txt`, `text.txt` and `html.html` (minijinja, sharing `layout.*` and
//! `parts.html`), whose words come from the Fluent files in the recipient's language. Enqueuing
//! writes the rendered message to the outbox and a delivery job, in the caller's transaction.

use crate::db::{self, outbox::NewOutboxMessage, DbConn};
use crate::domain::Locale;
use crate::i18n::I18n;
use crate::jobs::{self, send_email::SendEmail};
use anyhow::Context;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::value::{Kwargs, Value};
use minijinja::{
    context, escape_formatter, AutoEscape, Environment, Output, State, UndefinedBehavior,
};
use std::sync::OnceLock;

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
    /// A fee credited: a payment confirmation (not an invoice).
    PaymentReceived {
        programme: crate::domain::cycle::model::Text,
        amount: crate::domain::money::Money,
        /// UTC; shown in Warsaw time.
        paid_at: chrono::NaiveDateTime,
        /// `domain::payments::Channel` as stored.
        channel: String,
        link: String,
    },
    /// Money given back on a fee.
    RefundSent {
        programme: crate::domain::cycle::model::Text,
        amount: crate::domain::money::Money,
        /// `domain::payments::Channel` as stored: the gateway's, or `bank_transfer`.
        channel: String,
        /// For a bank transfer: the account it was sent to (an IBAN); empty otherwise.
        account: String,
        /// The finance office's reason.
        reason: String,
        link: String,
    },
    /// An exam or interview session booked; the invitation is attached.
    ExamBooked(ExamNotice),
    /// A booking moved to another session; the updated invitation is attached.
    ExamMoved(ExamNotice),
    /// A booking cancelled; the cancellation is attached.
    ExamCancelled(ExamNotice),
    /// The day before a booked session: where and when, and what to bring.
    ExamReminder(ExamNotice),
    /// A seat freed in the full session the candidate waits for is held for them until
    /// `change_until`.
    ExamSeatOffered(ExamNotice),
    /// The office cancelled the whole session: the booking is cancelled (the cancellation is
    /// attached) and the candidate is asked to book another.
    ExamSessionCancelled(ExamNotice),
    /// The office changed the session's time: the updated invitation is attached.
    ExamRescheduled(ExamNotice),
}

/// What an email about an exam booking says: the session it is (or was) for.
#[derive(Debug, Clone)]
pub struct ExamNotice {
    pub programme: crate::domain::cycle::model::Text,
    pub exam: crate::domain::cycle::model::Text,
    /// UTC; shown in Warsaw time.
    pub starts: chrono::NaiveDateTime,
    pub place: crate::domain::cycle::model::Text,
    pub online_link: Option<String>,
    pub bring: Option<crate::domain::cycle::model::Text>,
    /// Until when it may be cancelled or moved (UTC).
    pub change_until: Option<chrono::NaiveDateTime>,
    pub link: String,
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
            EmailMessage::PaymentReceived { .. } => "payment-received",
            EmailMessage::RefundSent { .. } => "refund-sent",
            EmailMessage::ExamBooked(_) => "exam-booked",
            EmailMessage::ExamMoved(_) => "exam-moved",
            EmailMessage::ExamCancelled(_) => "exam-cancelled",
            EmailMessage::ExamReminder(_) => "exam-reminder",
            EmailMessage::ExamSeatOffered(_) => "exam-offered",
            EmailMessage::ExamSessionCancelled(_) => "exam-session-cancelled",
            EmailMessage::ExamRescheduled(_) => "exam-rescheduled",
        }
    }
}

/// The templates of every message: `templates/email/<message>/{subject,text,html}` plus the
/// shared layouts, built into the binary.
macro_rules! email_templates {
    ($($name:literal),* $(,)?) => {
        &[
            ("layout.txt", include_str!("../../templates/email/layout.txt")),
            ("layout.html", include_str!("../../templates/email/layout.html")),
            ("parts.html", include_str!("../../templates/email/parts.html")),
            // The body of the exam booking messages, which differ only in their words.
            ("exam.txt", include_str!("../../templates/email/exam.txt")),
            ("exam.html", include_str!("../../templates/email/exam.html")),
            $(
                (concat!($name, "/subject.txt"), include_str!(concat!("../../templates/email/", $name, "/subject.txt"))),
                (concat!($name, "/text.txt"), include_str!(concat!("../../templates/email/", $name, "/text.txt"))),
                (concat!($name, "/html.html"), include_str!(concat!("../../templates/email/", $name, "/html.html"))),
            )*
        ]
    };
}

static TEMPLATES: &[(&str, &str)] = email_templates![
    "verify",
    "exists",
    "reset",
    "set-password",
    "submitted",
    "document-rejected",
    "payment-received",
    "refund-sent",
    "exam-booked",
    "exam-moved",
    "exam-cancelled",
    "exam-reminder",
    "exam-offered",
    "exam-session-cancelled",
    "exam-rescheduled",
];

/// The template environment: strict about unknown variables, HTML escaped in `.html` files, and
/// a `t(id, name=value, …)` function reading the Fluent texts in the message's `lang`.
fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .unwrap_or_else(|e| panic!("email template {name} does not parse: {e}"));
        }
        env.add_function("t", translate);
        env.set_formatter(html_formatter);
        env
    })
}

/// HTML-escapes like the default but leaves `/` alone, so links read as links in the source.
fn html_formatter(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if *state.auto_escape() != AutoEscape::Html || value.is_safe() || value.is_none() {
        return escape_formatter(out, state, value);
    }
    let text = value.to_string();
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    out.write_str(&escaped).map_err(minijinja::Error::from)
}

fn translate(state: &State, id: &str, args: Kwargs) -> Result<String, minijinja::Error> {
    let locale = state
        .lookup("lang")
        .and_then(|lang| lang.as_str().and_then(Locale::parse))
        .unwrap_or(Locale::Pl);
    let mut values = Vec::new();
    for name in args.args() {
        let value: Value = args.get(name)?;
        values.push((name.to_owned(), FluentValue::from(value.to_string())));
    }
    Ok(I18n::new(locale).t_named(id, values))
}

pub struct RenderedEmail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// In `locale`'s words, `text`: the text of `Text` in that language, or any.
fn in_language(text: &crate::domain::cycle::model::Text, locale: Locale) -> String {
    text.get(locale.code())
        .or_else(|| text.values().next())
        .cloned()
        .unwrap_or_default()
}

impl EmailMessage {
    /// The message's own template variables.
    fn variables(&self, i18n: &I18n) -> Value {
        let locale = i18n.locale;
        match self {
            EmailMessage::VerifyEmail { link } | EmailMessage::ResetPassword { link } => {
                context! { link }
            }
            EmailMessage::AccountExists {
                login_link,
                reset_link,
            } => context! { login_link, reset_link },
            EmailMessage::SetPassword { link, role } => {
                context! { link, role => format!("role-{}", role.replace('_', "-")) }
            }
            EmailMessage::DocumentRejected {
                document,
                reason,
                correction_due,
                link,
            } => context! {
                document => in_language(document, locale),
                reason,
                correction_due => correction_due.map(|due| i18n.date(&due)),
                link,
            },
            EmailMessage::ApplicationSubmitted {
                programme,
                receipt,
                submitted_at,
                link,
            } => context! {
                programme => in_language(programme, locale),
                receipt,
                submitted_at => i18n.datetime(submitted_at),
                link,
            },
            EmailMessage::PaymentReceived {
                programme,
                amount,
                paid_at,
                channel,
                link,
            } => context! {
                programme => in_language(programme, locale),
                amount => crate::i18n::format::money(amount, locale.code()),
                paid_at => i18n.datetime(paid_at),
                channel,
                link,
            },
            EmailMessage::RefundSent {
                programme,
                amount,
                channel,
                account,
                reason,
                link,
            } => context! {
                programme => in_language(programme, locale),
                amount => crate::i18n::format::money(amount, locale.code()),
                channel,
                account,
                reason,
                link,
            },
            EmailMessage::ExamBooked(notice)
            | EmailMessage::ExamMoved(notice)
            | EmailMessage::ExamCancelled(notice)
            | EmailMessage::ExamReminder(notice)
            | EmailMessage::ExamSeatOffered(notice)
            | EmailMessage::ExamSessionCancelled(notice)
            | EmailMessage::ExamRescheduled(notice) => context! {
                programme => in_language(&notice.programme, locale),
                exam => in_language(&notice.exam, locale),
                starts => i18n.datetime(&notice.starts),
                place => in_language(&notice.place, locale),
                online_link => notice.online_link.clone().unwrap_or_default(),
                bring => notice.bring.as_ref().map(|b| in_language(b, locale)).unwrap_or_default(),
                change_until => notice.change_until.map(|t| i18n.datetime(&t)).unwrap_or_default(),
                link => &notice.link,
            },
        }
    }
}

pub fn render(
    message: &EmailMessage,
    locale: Locale,
    institution: &str,
) -> anyhow::Result<RenderedEmail> {
    let env = environment();
    let i18n = I18n::new(locale);
    let name = message.template();
    let common = context! { lang => locale.code(), institution };
    let part = |file: &str, extra: Value| -> anyhow::Result<String> {
        env.get_template(&format!("{name}/{file}"))
            .and_then(|t| {
                t.render(context! { ..common.clone(), ..extra, ..message.variables(&i18n) })
            })
            .with_context(|| format!("rendering {name}/{file}"))
    };
    let subject = part("subject.txt", context! {})?.trim().to_owned();
    let text = part("text.txt", context! {})?;
    let html = part("html.html", context! { subject => &subject })?;
    Ok(RenderedEmail {
        subject,
        text,
        html,
    })
}

/// Who an email goes to.
pub struct Recipient<'a> {
    pub email: &'a str,
    pub user_id: Option<&'a str>,
    pub locale: Locale,
    /// The application it is about, whose timeline shows it.
    pub application_id: Option<&'a str>,
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
    enqueue_email_with(
        conn,
        institution,
        max_attempts,
        to,
        message,
        dedup_key,
        None,
    )
}

/// A file sent with an email.
#[derive(Debug, Clone, Copy)]
pub struct EmailAttachment<'a> {
    pub name: &'a str,
    /// With its parameters, e.g. `text/calendar; charset=utf-8; method=REQUEST`.
    pub media_type: &'a str,
    pub body: &'a str,
}

/// [`enqueue_email`] with a file attached.
pub fn enqueue_email_with(
    conn: &mut DbConn,
    institution: &crate::services::Institution,
    max_attempts: i32,
    to: &Recipient<'_>,
    message: &EmailMessage,
    dedup_key: Option<&str>,
    attachment: Option<EmailAttachment<'_>>,
) -> anyhow::Result<bool> {
    let rendered = render(message, to.locale, &institution.name(to.locale))?;
    store(
        conn,
        max_attempts,
        to,
        (message.template(), None),
        &rendered,
        dedup_key,
        attachment,
    )
}

/// Stores an email already put into words (a message staff wrote: its name and the cycle
/// version its text came from) and queues its delivery, like [`enqueue_email`].
pub fn enqueue_written(
    conn: &mut DbConn,
    max_attempts: i32,
    to: &Recipient<'_>,
    written: (&str, &str),
    email: &RenderedEmail,
    dedup_key: Option<&str>,
) -> anyhow::Result<bool> {
    let (template, version) = written;
    store(
        conn,
        max_attempts,
        to,
        (template, Some(version)),
        email,
        dedup_key,
        None,
    )
}

fn store(
    conn: &mut DbConn,
    max_attempts: i32,
    to: &Recipient<'_>,
    (template, template_version): (&str, Option<&str>),
    rendered: &RenderedEmail,
    dedup_key: Option<&str>,
    attachment: Option<EmailAttachment<'_>>,
) -> anyhow::Result<bool> {
    let now = db::now();
    let id = db::new_id();
    let job = SendEmail {
        outbox_id: id.clone(),
        dedup: dedup_key.map(str::to_owned),
    };
    let queued = jobs::enqueue(conn, &job, max_attempts, now)?;
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
            template,
            locale: to.locale.code(),
            subject: &rendered.subject,
            body_text: &rendered.text,
            body_html: &rendered.html,
            created_at: now,
            attachment_name: attachment.map(|a| a.name),
            attachment_type: attachment.map(|a| a.media_type),
            attachment_body: attachment.map(|a| a.body),
            application_id: to.application_id,
            template_version,
        },
    )
    .context("writing an email to the outbox")?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exam_notice() -> ExamNotice {
        let text = |pl: &str, en: &str| {
            crate::domain::cycle::model::Text::from([
                ("pl".to_owned(), pl.to_owned()),
                ("en".to_owned(), en.to_owned()),
            ])
        };
        let at = |d: u32, h: u32| {
            chrono::NaiveDate::from_ymd_opt(2027, 7, d)
                .and_then(|d| d.and_hms_opt(h, 0, 0))
                .unwrap_or_default()
        };
        ExamNotice {
            programme: text("Architektura", "Architecture"),
            exam: text("Egzamin z rysunku", "Drawing exam"),
            starts: at(5, 7),
            place: text("Sala A-101", "Room A-101"),
            online_link: None,
            bring: Some(text("Ołówki", "Pencils")),
            change_until: Some(at(3, 7)),
            link: "https://portal.example/applications/a/exams/drawing".into(),
        }
    }

    fn every_message() -> Vec<EmailMessage> {
        let text = |pl: &str, en: &str| {
            crate::domain::cycle::model::Text::from([
                ("pl".to_owned(), pl.to_owned()),
                ("en".to_owned(), en.to_owned()),
            ])
        };
        vec![
            EmailMessage::VerifyEmail {
                link: "https://portal.example/verify?t=1".into(),
            },
            EmailMessage::AccountExists {
                login_link: "https://portal.example/login".into(),
                reset_link: "https://portal.example/password/forgot".into(),
            },
            EmailMessage::ResetPassword {
                link: "https://portal.example/reset?t=2".into(),
            },
            EmailMessage::SetPassword {
                link: "https://portal.example/set?t=3".into(),
                role: "program_admin".into(),
            },
            EmailMessage::DocumentRejected {
                document: text("Świadectwo", "Certificate"),
                reason: "The scan is cut off <at the bottom>".into(),
                correction_due: chrono::NaiveDate::from_ymd_opt(2026, 12, 22),
                link: "https://portal.example/applications/a".into(),
            },
            EmailMessage::ApplicationSubmitted {
                programme: text("Informatyka", "Computer Science"),
                receipt: "20270712-7KQ3ZP".into(),
                submitted_at: chrono::NaiveDate::from_ymd_opt(2027, 7, 12)
                    .unwrap()
                    .and_hms_opt(21, 55, 0)
                    .unwrap(),
                link: "https://portal.example/applications/a".into(),
            },
            EmailMessage::PaymentReceived {
                programme: text("Informatyka", "Computer Science"),
                amount: crate::domain::money::Money::parse("85.00", "PLN").unwrap(),
                paid_at: chrono::NaiveDate::from_ymd_opt(2027, 7, 13)
                    .unwrap()
                    .and_hms_opt(8, 5, 0)
                    .unwrap(),
                channel: "sandbox".into(),
                link: "https://portal.example/applications/a".into(),
            },
            EmailMessage::RefundSent {
                programme: text("Informatyka", "Computer Science"),
                amount: crate::domain::money::Money::parse("40.00", "PLN").unwrap(),
                channel: "bank_transfer".into(),
                account: "PL61109010140000071219812874".into(),
                reason: "Zwolnienie z opłaty / fee waived after appeal".into(),
                link: "https://portal.example/applications/a".into(),
            },
            EmailMessage::ExamBooked(exam_notice()),
            EmailMessage::ExamMoved(exam_notice()),
            EmailMessage::ExamCancelled(exam_notice()),
            EmailMessage::ExamReminder(exam_notice()),
            EmailMessage::ExamSeatOffered(exam_notice()),
            EmailMessage::ExamSessionCancelled(exam_notice()),
            EmailMessage::ExamRescheduled(exam_notice()),
        ]
    }

    #[test]
    fn every_message_renders_in_both_languages_from_its_template_folder() {
        for locale in [Locale::Pl, Locale::En] {
            let i18n = I18n::new(locale);
            for message in every_message() {
                let email = render(&message, locale, "Uniwersytet Przykładowy").unwrap();
                let name = message.template();
                assert!(!email.subject.is_empty() && !email.subject.contains('\n'));
                assert!(email.subject.contains("Uniwersytet Przykładowy"), "{name}");
                assert!(email.text.starts_with(&i18n.t("email-greeting")), "{name}");
                assert!(email.text.trim_end().ends_with(&i18n.t1(
                    "email-signature",
                    "institution",
                    "Uniwersytet Przykładowy"
                )));
                assert!(email.text.contains("https://portal.example/"), "{name}");
                assert!(!email.text.contains("\n\n\n"), "{name}: {}", email.text);
                assert!(
                    !email.text.contains("email-"),
                    "{name}: an id left untranslated"
                );
                assert!(email
                    .html
                    .contains(&format!("<html lang=\"{}\">", locale.code())));
                assert!(
                    email.html.contains("href=\"https://portal.example/"),
                    "{name}: {}",
                    email.html
                );
            }
        }
    }

    #[test]
    fn the_variables_are_put_into_words_and_escaped_in_html() {
        let messages = every_message();
        let rejected = render(&messages[4], Locale::En, "U").unwrap();
        assert!(rejected.text.contains("“Certificate”"));
        assert!(rejected.text.contains("by 22 December 2026"));
        assert!(rejected.text.contains("<at the bottom>"));
        assert!(rejected.html.contains("&lt;at the bottom&gt;"));
        assert!(!rejected.html.contains("<at the bottom>"));
        let submitted = render(&messages[5], Locale::Pl, "U").unwrap();
        assert!(submitted.text.contains("Informatyka"));
        assert!(
            submitted.text.contains("12.07.2027, 23:55"),
            "{}",
            submitted.text
        );
        let staff = render(&messages[3], Locale::En, "U").unwrap();
        assert!(staff
            .text
            .contains(&I18n::new(Locale::En).t("role-program-admin")));
    }

    #[test]
    fn an_unknown_variable_in_a_template_is_an_error_not_an_empty_text() {
        let env = environment();
        let template = env
            .template_from_str("{{ t(\"email-greeting\") }} {{ nobody }}")
            .unwrap();
        assert!(template.render(context! { lang => "en" }).is_err());
    }
}
