//! Paying the application fee: starting (or going back to) a checkout at the payment provider,
//! and coming back from it.

use crate::domain::ids::ApplicationId;
use crate::domain::payments::FeeStatus;
use crate::services::payments::{self, CheckoutOutcome};
use crate::web::csrf::{CsrfForm, CsrfOnly};
use crate::web::flash::{redirect_with, Flash};
use crate::web::session::Candidate;
use crate::web::{AppError, AppState};
use actix_web::{web, HttpResponse};

/// "Pay": to the provider's page for this fee's checkout (the open one, if there is one).
pub async fn pay(
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    id: web::Path<ApplicationId>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let back = format!("/applications/{id}");
    if state.services.payments.is_none() {
        return Ok(redirect_with(&back, Some(Flash::PaymentUnavailable)));
    }
    let outcome = payments::checkout(&state.database(), &state.services, &id, &user.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(match outcome {
        CheckoutOutcome::Pay { url } => redirect_with(&url, None),
        CheckoutOutcome::NotPayable(FeeStatus::Paid) => {
            redirect_with(&back, Some(Flash::PaymentReceived))
        }
        CheckoutOutcome::NotPayable(_) | CheckoutOutcome::NoOrder => redirect_with(&back, None),
        CheckoutOutcome::GatewayDown => redirect_with(&back, Some(Flash::PaymentGatewayDown)),
    })
}

/// Back from the provider: the application, saying whether the payment is in or still being
/// confirmed (the provider's notification, not this visit, credits the fee).
pub async fn returned(
    state: web::Data<AppState>,
    Candidate(user): Candidate,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let (app_id, candidate) = (id.into_inner(), user.id.clone());
    let back = format!("/applications/{app_id}");
    let order = state
        .db(move |conn| {
            if crate::services::applications::owned(conn, &app_id, &candidate)?.is_none() {
                return Ok(None);
            }
            Ok::<_, AppError>(Some(payments::fee_order(conn, &app_id)?))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let flash = match order.map(|o| o.status) {
        Some(FeeStatus::Paid) => Flash::PaymentReceived,
        Some(FeeStatus::Due) => Flash::PaymentFailed,
        _ => Flash::PaymentProcessing,
    };
    Ok(redirect_with(&back, Some(flash)))
}
