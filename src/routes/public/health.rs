//! Liveness with the status of the database (and of the malware scanner, when one is
//! configured), and Prometheus metrics.

use crate::db;
use crate::web::{AppError, AppState};
use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use diesel::connection::SimpleConnection;

pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let database = state
        .db(|conn| conn.batch_execute("SELECT 1").map_err(AppError::from))
        .await;
    let ok = database.is_ok();
    // Without the scanner (when one is configured) uploads are refused but everything else
    // works, so it degrades the status without taking the instance out of service.
    let scanner = match &state.scanner {
        None => None,
        Some(scanner) => Some(scanner.ping().await.is_ok()),
    };
    let mut body = serde_json::json!({
        "status": if ok && scanner != Some(false) { "ok" } else { "degraded" },
        "database": { "backend": state.backend.name(), "status": if ok { "ok" } else { "unavailable" } },
        "version": env!("CARGO_PKG_VERSION"),
    });
    if let Some(scanning) = scanner {
        body["scanner"] =
            serde_json::json!({ "status": if scanning { "ok" } else { "unavailable" } });
    }
    let mut response = if ok {
        HttpResponse::Ok()
    } else {
        HttpResponse::ServiceUnavailable()
    };
    response.json(body)
}

/// Whether the request carries the configured metrics token (`Authorization: Bearer …`),
/// compared by digest so that the time taken says nothing about the token.
fn carries_token(req: &HttpRequest, token: &str) -> bool {
    use sha2::{Digest, Sha256};
    let sent = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    Sha256::digest(sent.as_bytes()) == Sha256::digest(token.as_bytes())
}

pub async fn metrics(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    use secrecy::ExposeSecret;
    let Some(token) = state.settings.metrics_token.as_ref() else {
        return Err(AppError::NotFound);
    };
    if !carries_token(&req, token.expose_secret()) {
        return Ok(HttpResponse::Unauthorized()
            .insert_header((header::WWW_AUTHENTICATE, "Bearer"))
            .finish());
    }
    let counts = state
        .db(|conn| {
            Ok((
                db::jobs::count_in_state(conn, db::jobs::STATE_PENDING)?,
                db::jobs::count_in_state(conn, db::jobs::STATE_DEAD)?,
                db::outbox::count_unsent(conn)?,
            ))
        })
        .await?;
    let (pending, dead, unsent) = counts;
    state
        .metrics
        .queue
        .with_label_values(&["jobs", "pending"])
        .set(pending);
    state
        .metrics
        .queue
        .with_label_values(&["jobs", "dead"])
        .set(dead);
    state
        .metrics
        .queue
        .with_label_values(&["outbox", "unsent"])
        .set(unsent);
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(state.metrics.render()?))
}
