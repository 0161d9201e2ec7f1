//! Outgoing messages: composing emails into the outbox (inside the caller's transaction) and the
//! transports that deliver them (SMTP in production, files in development, memory in tests).

pub mod emails;
pub mod mailer;

pub use emails::{enqueue_email, EmailMessage};
pub use mailer::{Mailer, MemoryMailbox, SentEmail};
