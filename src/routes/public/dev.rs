//! The development mailbox (demo mode only): every email the system wrote to its outbox, so a
//! person trying the portal can follow verification and reset links without a mail server.

use crate::db::{self, outbox::OutboxRow};
use crate::web::page::render;
use crate::web::{AppError, AppState, Page};
use actix_web::{web, HttpResponse};
use askama::Template;

pub struct MessageSummary {
    pub id: String,
    pub recipient: String,
    pub subject: String,
    pub created: String,
    pub state: &'static str,
}

fn state_of(row: &OutboxRow) -> &'static str {
    if row.sent_at.is_some() {
        "mailbox-state-sent"
    } else if row.failed_at.is_some() {
        "mailbox-state-failed"
    } else {
        "mailbox-state-queued"
    }
}

#[derive(Template)]
#[template(path = "public/dev/mailbox.html")]
struct MailboxPage {
    page: Page,
    messages: Vec<MessageSummary>,
}

pub async fn mailbox(page: Page, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = state
        .db(|conn| db::outbox::recent(conn, 200).map_err(AppError::from))
        .await?;
    let messages = rows
        .iter()
        .map(|row| MessageSummary {
            id: row.id.clone(),
            recipient: row.recipient.clone(),
            subject: row.subject.clone(),
            created: page.i18n.datetime(&row.created_at),
            state: state_of(row),
        })
        .collect();
    render(&MailboxPage { page, messages })
}

/// A piece of an email's text: plain words, or a link to make clickable.
pub enum Segment {
    Text(String),
    Link(String),
}

/// Splits text into plain parts and http(s) links, so the template can link them without
/// building HTML by hand.
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = [rest.find("http://"), rest.find("https://")]
        .into_iter()
        .flatten()
        .min()
    {
        if start > 0 {
            out.push(Segment::Text(rest[..start].to_owned()));
        }
        let end = rest[start..]
            .find(|c: char| c.is_whitespace())
            .map_or(rest.len(), |e| start + e);
        out.push(Segment::Link(rest[start..end].to_owned()));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest.to_owned()));
    }
    out
}

#[derive(Template)]
#[template(path = "public/dev/message.html")]
struct MessagePage {
    page: Page,
    message: OutboxRow,
    created: String,
    state: &'static str,
    body: Vec<Segment>,
}

pub async fn message(
    page: Page,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let row = state
        .db(move |conn| db::outbox::find(conn, &id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)?;
    render(&MessagePage {
        created: page.i18n.datetime(&row.created_at),
        state: state_of(&row),
        body: segments(&row.body_text),
        message: row,
        page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_in_email_text_are_found() {
        let parts = segments("Open http://x.test/a?b=1 now.\nOr https://y.test");
        let links: Vec<_> = parts
            .iter()
            .filter_map(|s| match s {
                Segment::Link(l) => Some(l.as_str()),
                Segment::Text(_) => None,
            })
            .collect();
        assert_eq!(links, ["http://x.test/a?b=1", "https://y.test"]);
    }
}
