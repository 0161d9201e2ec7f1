//! Request observation: a request id for every request (in the log, the `X-Request-Id` header
//! and error pages), one log line per request, and the HTTP metrics.

use super::request::{LoggedError, RequestId};
use super::state::AppState;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{web, HttpMessage};
use rand::RngCore;
use std::time::Instant;
use tracing::Instrument;

fn new_request_id() -> String {
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    let request_id = new_request_id();
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let method = req.method().to_string();
    let span = tracing::info_span!("request", request_id = %request_id, method = %method, path = %req.path());
    let started = Instant::now();
    let mut res = next.call(req).instrument(span.clone()).await?;
    let elapsed = started.elapsed();
    let status = res.status().as_u16();
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_owned());
    if let Some(state) = state {
        state
            .metrics
            .observe_request(&route, &method, status, elapsed);
    }
    let _entered = span.enter();
    let error = res
        .response()
        .extensions()
        .get::<LoggedError>()
        .map(|e| e.0.clone());
    match (status, error) {
        (500.., Some(error)) => {
            tracing::error!(status, route = %route, elapsed_ms = elapsed.as_millis() as u64, %error, "request failed")
        }
        (_, error) => {
            tracing::info!(status, route = %route, elapsed_ms = elapsed.as_millis() as u64, error = error.unwrap_or_default(), "request")
        }
    }
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(res)
}
