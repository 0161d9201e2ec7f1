//! Refunds for the finance office (and administrators): a fee's refunds with the form that asks
//! for another (amount, reason, and for a bank transfer the account to send it to), and marking
//! a bank-transfer refund as sent.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::db::refunds::RefundRow;
use crate::domain::ids::ApplicationId;
use crate::domain::money::{Currency, Money};
use crate::domain::payments::refund::RefundProblem;
use crate::services::payments::refunds::{
    self, FeeRefunds, RefundForm, RefundOutcome, RefundRoute,
};
use crate::web::csrf::{CsrfForm, CsrfOnly};
use crate::web::flash::{redirect_with, Flash};
use crate::web::form::FormErrors;
use crate::web::page::render_status;
use crate::web::session::FinanceStaff;
use crate::web::{AppError, AppState, Page};

#[derive(Template)]
#[template(path = "staff/payments/refund.html")]
struct RefundPage {
    page: Page,
    application_id: String,
    receipt: String,
    email: String,
    amount: String,
    status: String,
    channel: String,
    left: String,
    open: bool,
    /// The refund goes out as a bank transfer: the account field is asked for.
    transfer: bool,
    refunds: Vec<RefundLine>,
    form: RefundValues,
    errors: FormErrors,
}

#[derive(Default)]
struct RefundValues {
    amount: String,
    reason: String,
    account: String,
}

struct RefundLine {
    id: String,
    at: String,
    amount: String,
    method: String,
    state: String,
    state_value: &'static str,
    reason: String,
    account: String,
    problem: String,
    to_send: bool,
}

#[derive(Debug, Deserialize)]
pub struct RefundFields {
    #[serde(default)]
    amount: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    account: String,
}

fn money_text(page: &Page, minor: i64, currency: &str) -> String {
    Currency::parse(currency)
        .map(|currency| crate::i18n::format::money(&Money { minor, currency }, page.lang()))
        .unwrap_or_else(|| format!("{minor} {currency}"))
}

fn refund_line(page: &Page, r: RefundRow) -> RefundLine {
    RefundLine {
        at: page.datetime(&r.requested_at),
        amount: money_text(page, r.amount_minor, &r.currency),
        method: page.t1("payment-channel", "channel", &r.method),
        state: page.t(&r.state.message_id()),
        state_value: r.state.as_str(),
        reason: r.reason,
        account: r.account.unwrap_or_default(),
        problem: match r.problem.as_deref() {
            None => String::new(),
            Some("gateway-unreachable") => page.t("refund-problem-unreachable"),
            Some("refused-by-gateway") => page.t("refund-problem-refused"),
            Some(other) => other.to_owned(),
        },
        to_send: r.state == crate::domain::payments::refund::RefundState::ToSend,
        id: r.id,
    }
}

fn refund_page(
    page: Page,
    fee: FeeRefunds,
    form: RefundValues,
    errors: FormErrors,
    status: StatusCode,
) -> Result<HttpResponse, AppError> {
    let currency = fee.order.currency.clone();
    let form = if form.amount.is_empty() && errors.is_empty() {
        RefundValues {
            amount: Currency::parse(&currency)
                .map(|currency| {
                    Money {
                        minor: fee.left,
                        currency,
                    }
                    .decimal()
                })
                .unwrap_or_default(),
            ..form
        }
    } else {
        form
    };
    render_status(
        status,
        &RefundPage {
            application_id: fee.order.application_id.to_string(),
            receipt: fee.receipt.clone().unwrap_or_default(),
            email: fee.candidate_email.clone(),
            amount: money_text(&page, fee.order.amount_minor, &currency),
            status: page.t(&fee.order.status.message_id()),
            channel: fee
                .order
                .channel
                .as_deref()
                .map(|c| page.t1("payment-channel", "channel", c))
                .unwrap_or_default(),
            left: money_text(&page, fee.left, &currency),
            open: fee.open(),
            transfer: fee.route == RefundRoute::Transfer,
            refunds: fee
                .refunds
                .iter()
                .cloned()
                .map(|r| refund_line(&page, r))
                .collect(),
            form,
            errors,
            page,
        },
    )
}

async fn load(state: &AppState, id: &ApplicationId) -> Result<FeeRefunds, AppError> {
    let (services, id) = (state.services.clone(), id.clone());
    state
        .db(move |conn| refunds::fee_refunds(conn, &services, &id).map_err(AppError::from))
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn show(
    page: Page,
    _finance: FinanceStaff,
    state: web::Data<AppState>,
    id: web::Path<ApplicationId>,
) -> Result<HttpResponse, AppError> {
    let fee = load(&state, &id).await?;
    refund_page(
        page,
        fee,
        RefundValues::default(),
        FormErrors::default(),
        StatusCode::OK,
    )
}

pub async fn request(
    page: Page,
    FinanceStaff(user): FinanceStaff,
    state: web::Data<AppState>,
    id: web::Path<ApplicationId>,
    CsrfForm(fields): CsrfForm<RefundFields>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let form = RefundForm {
        amount: fields.amount.clone(),
        reason: fields.reason.clone(),
        account: fields.account.clone(),
    };
    let outcome = refunds::request_refund(&state.database(), &state.services, &id, &user.id, form)
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/staff/applications/{id}/refund");
    let flash = match outcome {
        RefundOutcome::Completed => Flash::RefundCompleted,
        RefundOutcome::Requested => Flash::RefundRequested,
        RefundOutcome::ToSend => Flash::RefundToSend,
        RefundOutcome::Refused { .. } => Flash::RefundRefused,
        RefundOutcome::GatewayDown => Flash::RefundGatewayDown,
        RefundOutcome::Invalid(problems) => {
            let mut errors = FormErrors::default();
            for problem in problems {
                errors.add(problem.field(), problem_text(&page, problem));
            }
            let fee = load(&state, &id).await?;
            let values = RefundValues {
                amount: fields.amount,
                reason: fields.reason,
                account: fields.account,
            };
            return refund_page(page, fee, values, errors, StatusCode::UNPROCESSABLE_ENTITY);
        }
    };
    Ok(redirect_with(&back, Some(flash)))
}

fn problem_text(page: &Page, problem: RefundProblem) -> String {
    page.t(problem.message_id())
}

/// A bank-transfer refund the finance office has sent.
pub async fn sent(
    FinanceStaff(user): FinanceStaff,
    state: web::Data<AppState>,
    id: web::Path<String>,
    CsrfForm(_): CsrfForm<CsrfOnly>,
) -> Result<HttpResponse, AppError> {
    let (services, refund, actor) = (state.services.clone(), id.into_inner(), user.id.clone());
    let done = state
        .db(move |conn| {
            refunds::mark_sent(conn, &services, &refund, &actor).map_err(AppError::from)
        })
        .await?;
    Ok(match done {
        Some(application) => redirect_with(
            &format!("/staff/applications/{application}/refund"),
            Some(Flash::RefundSent),
        ),
        None => redirect_with("/staff/payments", None),
    })
}
