//! Where payment providers send their notifications. Outside the session layers: a provider
//! has no session and no CSRF token; what it sends is trusted only once its signature over the
//! exact bytes received checks out.

use crate::domain::payments::NoticeProblem;
use crate::services::payments::{self, NoticeOutcome};
use crate::web::{AppError, AppState};
use actix_web::{web, HttpRequest, HttpResponse};

/// `POST /payments/notify/{provider}`: 200 when the notification was applied or had been
/// (a provider retries anything else); 400 with the reason when it is refused.
pub async fn notify(
    state: web::Data<AppState>,
    req: HttpRequest,
    provider_name: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let provider = state
        .services
        .payments
        .clone()
        .filter(|p| p.name() == provider_name.as_str())
        .ok_or(AppError::NotFound)?;
    let signature = provider
        .signature_header()
        .and_then(|name| req.headers().get(name))
        .and_then(|v| v.to_str().ok());
    let outcome =
        payments::apply_notice(&state.database(), &state.services, signature, &body).await?;
    Ok(match outcome {
        NoticeOutcome::Refused(NoticeProblem::Irrelevant) => HttpResponse::Ok()
            .content_type("text/plain")
            .body("ignored"),
        NoticeOutcome::Refused(problem) => HttpResponse::BadRequest()
            .content_type("text/plain; charset=utf-8")
            .body(problem.to_string()),
        NoticeOutcome::Credited
        | NoticeOutcome::Failed
        | NoticeOutcome::AlreadyApplied
        | NoticeOutcome::Refunded
        | NoticeOutcome::RefundFailed => HttpResponse::Ok().content_type("text/plain").body("ok"),
    })
}

// ---- the demo's payment sandbox ----

use crate::i18n::format::money;
use crate::services::payments::SandboxCheckout;
use crate::web::csrf::CsrfForm;
use crate::web::flash::redirect_with;
use crate::web::page::render;
use crate::web::Page;
use askama::Template;
use serde::Deserialize;

/// Seconds the sandbox's "late notification" waits.
const LATE_NOTIFICATION_SECONDS: u64 = 10;

#[derive(Template)]
#[template(path = "public/dev/pay.html")]
struct SandboxPage {
    page: Page,
    session: String,
    amount: String,
    open: bool,
    back: String,
}

async fn sandbox_checkout(state: &AppState, session: String) -> Result<SandboxCheckout, AppError> {
    state
        .db(move |conn| payments::sandbox_checkout(conn, &session).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)
}

/// The sandbox's hosted payment page: the amount, and a button for each thing a real gateway
/// may do.
pub async fn sandbox_page(
    page: Page,
    state: web::Data<AppState>,
    session: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let checkout = sandbox_checkout(&state, session.into_inner()).await?;
    let amount = checkout
        .session
        .amount()
        .map(|amount| money(&amount, page.lang()))
        .unwrap_or_default();
    render(&SandboxPage {
        session: checkout.session.id.clone(),
        amount,
        open: checkout.session.state == crate::domain::payments::SessionState::Open.as_str(),
        back: format!("/applications/{}/fee/return", checkout.application_id),
        page,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SandboxForm {
    /// `paid`, `failed`, `late` or `twice`.
    outcome: String,
}

/// Plays the gateway: sends the portal the signed notification the chosen outcome makes (late,
/// or twice, when asked), through the same verification as a real one, and returns the
/// candidate to the portal.
pub async fn sandbox_pay(
    state: web::Data<AppState>,
    session: web::Path<String>,
    CsrfForm(form): CsrfForm<SandboxForm>,
) -> Result<HttpResponse, AppError> {
    let checkout = sandbox_checkout(&state, session.into_inner()).await?;
    let back = format!("/applications/{}/fee/return", checkout.application_id);
    let (paid, times, delay) = match form.outcome.as_str() {
        "paid" => (true, 1, 0),
        "failed" => (false, 1, 0),
        "late" => (true, 1, LATE_NOTIFICATION_SECONDS),
        "twice" => (true, 2, 0),
        _ => return Err(AppError::BadRequest),
    };
    if state.services.payments.is_none() {
        return Err(AppError::NotFound);
    }
    let event = crate::db::new_id();
    let deliver = {
        let state = state.clone();
        move || async move {
            for _ in 0..times {
                let result = payments::sandbox_notify(
                    &state.database(),
                    &state.services,
                    &checkout.session,
                    &event,
                    paid,
                )
                .await;
                if let Err(e) = result {
                    tracing::error!("sandbox notification failed: {e}");
                }
            }
        }
    };
    if delay > 0 {
        actix_web::rt::spawn(async move {
            actix_web::rt::time::sleep(std::time::Duration::from_secs(delay)).await;
            deliver().await;
        });
    } else {
        deliver().await;
    }
    Ok(redirect_with(&back, None))
}
