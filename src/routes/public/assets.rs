//! The stylesheet and other static files, compiled into the binary so one file is the whole
//! deployment, and the stylesheet with the university's colours from the cycle definition.

use crate::web::{AppError, AppState};
use actix_web::http::header;
use actix_web::{web, HttpResponse};

const STYLE_CSS: &str = include_str!("../../../static/style.css");
const LIVE_JS: &str = include_str!("../../../static/live.js");

pub async fn asset(
    state: web::Data<AppState>,
    file: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (body, content_type) = match file.as_str() {
        "style.css" => (STYLE_CSS.to_owned(), "text/css; charset=utf-8"),
        "live.js" => (LIVE_JS.to_owned(), "text/javascript; charset=utf-8"),
        // The university's colours; a stylesheet rather than inline style, which the CSP
        // forbids. Short-lived in caches, as a new cycle version may change them.
        "brand.css" => {
            let branding = state.branding().ok_or(AppError::NotFound)?;
            return Ok(HttpResponse::Ok()
                .content_type("text/css; charset=utf-8")
                .insert_header((header::CACHE_CONTROL, "public, max-age=60"))
                .body(branding.stylesheet()));
        }
        _ => return Err(AppError::NotFound),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(body))
}
