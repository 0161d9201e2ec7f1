//! The middleware that turns every error response (ours, actix's extractor errors, unknown
//! routes) into a localised page with a request id. Users see what happened and what to do;
//! details of our own failures go to the log only.

use super::error::AppError;
use super::page::Page;
use super::request::LoggedError;
use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, StatusCode};
use actix_web::middleware::Next;
use actix_web::HttpResponse;
use askama::Template;

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    page: Page,
    status: u16,
    title: String,
    explanation: String,
}

/// Which message set explains a response.
fn message_key(status: StatusCode, error: Option<&AppError>) -> &'static str {
    if matches!(error, Some(AppError::Csrf)) {
        return "csrf";
    }
    match status.as_u16() {
        403 => "403",
        404 | 405 => "404",
        413 => "413",
        s if s >= 500 => "500",
        _ => "400",
    }
}

/// Replaces the body of every error response that is not already a page of ours.
pub async fn error_pages(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    // Inner layers answer errors with responses (`ServiceRequest::error_response`), so every
    // error arrives here as a response this layer can dress.
    let res = next.call(req).await?.map_into_boxed_body();
    let status = res.status();
    let is_html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if status.as_u16() < 400 || is_html || res.request().path() == "/healthz" {
        return Ok(res);
    }
    let key = message_key(status, res.response().error().and_then(|e| e.as_error()));
    let page = Page::from_request(res.request());
    let template = ErrorPage {
        title: page.t(&format!("error-{key}-title")),
        explanation: page.t(&format!("error-{key}-body")),
        status: status.as_u16(),
        page,
    };
    let body = template
        .render()
        .unwrap_or_else(|_| status.canonical_reason().unwrap_or("Error").to_owned());
    let (req, old) = res.into_parts();
    let mut new = HttpResponse::build(status);
    for (name, value) in old.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            new.append_header((name.clone(), value.clone()));
        }
    }
    let mut new = new.content_type("text/html; charset=utf-8").body(body);
    // Keep the original error attached so the request log still records it.
    if let Some(err) = old.error() {
        let message = format!("{err}");
        new.extensions_mut().insert(LoggedError(message));
    }
    Ok(ServiceResponse::new(req, new))
}
