//! Responses that carry a stored file (or something made from one) so that it can never act as
//! a page of the portal, whoever uploaded it.

use actix_web::http::header;
use actix_web::{HttpResponse, HttpResponseBuilder};

/// The policy for a stored file: a sandbox that loads nothing.
pub const SANDBOX: &str = "sandbox; default-src 'none'";

/// The start of a response carrying a stored file (or something made from one): its own
/// content type, never sniffed by the browser, and the sandboxing `policy`, so it can never
/// act as a page of the portal.
pub fn sandboxed(content_type: &str, policy: &'static str) -> HttpResponseBuilder {
    let mut response = HttpResponse::Ok();
    response
        .content_type(content_type)
        .insert_header((header::CONTENT_SECURITY_POLICY, policy))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
    response
}
