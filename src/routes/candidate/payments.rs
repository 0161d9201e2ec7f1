//! Paying the application fee: starting (or going back to) a checkout at the payment provider,
//! coming back from it, and the PDF confirmation of a fee paid.

use super::{programme_name, Loaded, OwnApplication};
use crate::domain::ids::ApplicationId;
use crate::domain::payments::FeeStatus;
use crate::i18n::format::pick;
use crate::services::payments::{self, CheckoutOutcome};
use crate::web::csrf::{CsrfForm, CsrfOnly};
use crate::web::flash::{redirect_with, Flash};
use crate::web::session::Candidate;
use crate::web::{AppError, AppState, Page};
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

/// The payment confirmation (a confirmation that the fee was received, not an invoice), once
/// the fee is paid; 404 before.
pub async fn confirmation_pdf(page: Page, own: OwnApplication) -> Result<HttpResponse, AppError> {
    let OwnApplication {
        candidate, loaded, ..
    } = own;
    let order = loaded.fee.as_ref().ok_or(AppError::NotFound)?;
    let paid_at = order.paid_at.ok_or(AppError::NotFound)?;
    let bytes = confirmation_document(&page, &loaded, order, paid_at, &candidate.email)?;
    let name = loaded.app.row.reference();
    Ok(crate::web::page::pdf_attachment(
        &format!("payment-{name}.pdf"),
        bytes,
    ))
}

fn confirmation_document(
    page: &Page,
    loaded: &Loaded,
    order: &crate::db::payments::FeeOrderRow,
    paid_at: chrono::NaiveDateTime,
    email: &str,
) -> Result<Vec<u8>, AppError> {
    use crate::pdf::{Block, Document};
    let locale = page.lang();
    let def = &loaded.version.definition;
    let university = pick(def.cycle.university.name.get_ref(), locale);
    let programme = programme_name(def, loaded.app.row.program_code.as_str(), locale);
    let text = |key: &str| {
        loaded
            .profile
            .answers
            .get(key)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let name = [text("first_name"), text("last_name")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let amount = order
        .amount()
        .map(|amount| crate::i18n::format::money(&amount, locale))
        .unwrap_or_default();
    let channel = order.channel.as_deref().unwrap_or_default();
    let receipt = loaded.app.row.receipt_number.clone().unwrap_or_default();
    let field = |label: &str, value: String| Block::Field {
        label: page.t(label),
        value,
    };
    let blocks = vec![
        Block::Title(page.t("payment-pdf-title")),
        Block::Paragraph(format!(
            "{university} · {}",
            pick(def.cycle.cycle.name.get_ref(), locale)
        )),
        Block::Paragraph(page.t("payment-pdf-lead")),
        field(
            "payment-pdf-candidate",
            if name.is_empty() {
                email.to_owned()
            } else {
                format!("{name} ({email})")
            },
        ),
        field("payment-pdf-programme", programme),
        field("payment-pdf-application", receipt.clone()),
        field("payment-pdf-amount", amount),
        field(
            "payment-pdf-paid-on",
            super::applications::paid_on(page, paid_at, channel),
        ),
        field(
            "payment-pdf-channel",
            page.t1("payment-channel", "channel", channel),
        ),
        field("payment-pdf-reference", order.id.clone()),
        Block::Spacer,
        field("payment-pdf-issued", page.datetime(&crate::db::now())),
    ];
    crate::pdf::render(&Document {
        title: format!("{} – {receipt}", page.t("payment-pdf-title")),
        footer: format!("{university} · {receipt}"),
        blocks,
    })
    .map_err(AppError::from)
}
