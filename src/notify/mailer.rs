//! Email transports. `send` is blocking; the worker calls it off the async runtime.

use crate::config::{MailBackend, Settings};
use crate::db::outbox::OutboxRow;
use anyhow::Context;
use lettre::message::{header::ContentType, Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{FileTransport, Message, SmtpTransport, Transport};
use secrecy::ExposeSecret;
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub enum Mailer {
    Smtp(Arc<SmtpTransport>),
    File(Arc<FileTransport>),
    Memory(MemoryMailbox),
}

/// A message as the memory backend keeps it.
#[derive(Debug, Clone)]
pub struct SentEmail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The attached file's name, media type and text.
    pub attachment: Option<(String, String, String)>,
}

/// The memory backend's store, shared with tests that read what was sent.
#[derive(Debug, Clone, Default)]
pub struct MemoryMailbox(Arc<Mutex<Vec<SentEmail>>>);

impl MemoryMailbox {
    pub fn messages(&self) -> Vec<SentEmail> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    fn push(&self, email: SentEmail) {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).push(email);
    }
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Mailer> {
        Ok(match settings.mail.backend {
            MailBackend::Memory => Mailer::Memory(MemoryMailbox::default()),
            MailBackend::File => {
                let dir = settings.mail_file_dir();
                std::fs::create_dir_all(&dir)
                    .with_context(|| format!("creating the mail directory {}", dir.display()))?;
                Mailer::File(Arc::new(FileTransport::new(dir)))
            }
            MailBackend::Smtp => {
                let url = settings
                    .mail
                    .smtp_url
                    .as_ref()
                    .context("mail.backend is smtp but ADMITTO_MAIL__SMTP_URL is not set")?;
                let transport = SmtpTransport::from_url(url.expose_secret())
                    .context("parsing ADMITTO_MAIL__SMTP_URL")?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build();
                Mailer::Smtp(Arc::new(transport))
            }
        })
    }

    pub fn memory_mailbox(&self) -> Option<&MemoryMailbox> {
        match self {
            Mailer::Memory(m) => Some(m),
            _ => None,
        }
    }

    /// Delivers one outbox message.
    pub fn send(&self, from: &str, message: &OutboxRow) -> anyhow::Result<()> {
        if let Mailer::Memory(mailbox) = self {
            mailbox.push(SentEmail {
                to: message.recipient.clone(),
                subject: message.subject.clone(),
                text: message.body_text.clone(),
                html: message.body_html.clone(),
                attachment: attachment_of(message),
            });
            return Ok(());
        }
        let email = build(from, message)?;
        match self {
            Mailer::Smtp(t) => t.send(&email).map(|_| ()).context("sending by SMTP"),
            Mailer::File(t) => t.send(&email).map(|_| ()).context("writing the email file"),
            Mailer::Memory(_) => Ok(()),
        }
    }
}

fn attachment_of(message: &OutboxRow) -> Option<(String, String, String)> {
    match (
        &message.attachment_name,
        &message.attachment_type,
        &message.attachment_body,
    ) {
        (Some(name), Some(kind), Some(body)) => Some((name.clone(), kind.clone(), body.clone())),
        _ => None,
    }
}

fn build(from: &str, message: &OutboxRow) -> anyhow::Result<Message> {
    let from: Mailbox = from.parse().context("parsing mail.from")?;
    let to: Mailbox = message
        .recipient
        .parse()
        .with_context(|| format!("parsing the recipient of outbox message {}", message.id))?;
    let alternative = MultiPart::alternative()
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_PLAIN)
                .body(message.body_text.clone()),
        )
        .singlepart(
            SinglePart::builder()
                .header(ContentType::TEXT_HTML)
                .body(message.body_html.clone()),
        );
    let builder = Message::builder()
        .from(from)
        .to(to)
        .subject(message.subject.clone())
        .message_id(Some(format!("<{}@admitto>", message.id)));
    let email = match attachment_of(message) {
        None => builder.multipart(alternative),
        Some((name, kind, body)) => {
            let kind = ContentType::parse(&kind)
                .with_context(|| format!("the attachment type of outbox message {}", message.id))?;
            builder.multipart(
                MultiPart::mixed()
                    .multipart(alternative)
                    .singlepart(Attachment::new(name).body(body, kind)),
            )
        }
    };
    email.context("building the email")
}
