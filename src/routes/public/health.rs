//! Liveness with the status of the database (and of the malware scanner, when one is
//! configured), and Prometheus metrics.

use crate::db;
use crate::web::{AppError, AppState};
use actix_web::{web, HttpResponse};
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

pub async fn metrics(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
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
