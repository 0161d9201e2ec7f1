//! The stylesheet and other static files, compiled into the binary so one file is the whole
//! deployment.

use crate::web::AppError;
use actix_web::http::header;
use actix_web::{web, HttpResponse};

const STYLE_CSS: &str = include_str!("../../../static/style.css");

pub async fn asset(file: web::Path<String>) -> Result<HttpResponse, AppError> {
    let (body, content_type) = match file.as_str() {
        "style.css" => (STYLE_CSS, "text/css; charset=utf-8"),
        _ => return Err(AppError::NotFound),
    };
    Ok(HttpResponse::Ok()
        .content_type(content_type)
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(body))
}
