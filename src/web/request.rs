//! What a request carries through the layers for its log line: its id (also in the
//! `X-Request-Id` header and on error pages) and the text of the error behind an error page.

#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// The text of the error behind a rendered error page, for the request log.
#[derive(Debug, Clone)]
pub struct LoggedError(pub String);
