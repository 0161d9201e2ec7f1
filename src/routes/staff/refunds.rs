//! Refunds for the finance office (and administrators): a fee's refunds with the form that asks
//! for another (amount, reason, and for a bank transfer the account to send it to), and marking
//! a bank-transfer refund as sent.

use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use crate::db::refunds::RefundRow;
use crate::db::transfers::CreditRow;
use crate::domain::ids::ApplicationId;
use crate::domain::money::{Currency, Money};
use crate::domain::payments::refund::RefundProblem;
use crate::services::payments::refunds::{
    self, ExtraPayment, FeeRefunds, RefundForm, RefundOutcome, RefundRoute,
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
    extra: Vec<ExtraLine>,
    balance: Vec<BalanceLine>,
    form: RefundValues,
    errors: FormErrors,
}

/// A transfer's money left over, to send back; its fields are `balance-<credit>-amount`, …
struct BalanceLine {
    id: String,
    text: String,
    left: String,
    amount_field: String,
    reason_field: String,
    account_field: String,
}

/// A second payment of the fee, to give back whole.
struct ExtraLine {
    id: String,
    /// The reason field's id, `extra-<payment>`.
    field: String,
    at: String,
    amount: String,
    channel: String,
    refunded: bool,
}

#[derive(Default)]
struct RefundValues {
    amount: String,
    reason: String,
    account: String,
    extra_reason: String,
    /// What was typed in a balance form.
    balance_amount: String,
    balance_reason: String,
    balance_account: String,
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

use crate::routes::views::money_text;

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
            amount: decimal(fee.left, &currency),
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
            extra: fee.extra.iter().map(|e| extra_line(&page, e)).collect(),
            balance: fee.balance.iter().map(|c| balance_line(&page, c)).collect(),
            form,
            errors,
            page,
        },
    )
}

/// An amount as typed in the form: `85.00`.
fn decimal(minor: i64, currency: &str) -> String {
    Currency::parse(currency)
        .map(|currency| Money { minor, currency }.decimal())
        .unwrap_or_default()
}

fn extra_line(page: &Page, e: &ExtraPayment) -> ExtraLine {
    ExtraLine {
        id: e.session.id.clone(),
        field: format!("extra-{}", e.session.id),
        at: page.datetime(&e.session.updated_at),
        amount: money_text(page, e.session.amount_minor, &e.session.currency),
        channel: page.t1("payment-channel", "channel", &e.session.provider),
        refunded: e.refunded,
    }
}

fn balance_line(page: &Page, c: &CreditRow) -> BalanceLine {
    BalanceLine {
        text: page.t2(
            "staff-money-balance",
            "amount",
            money_text(page, c.left_minor, &c.currency),
            "date",
            c.value_date.format("%d.%m.%Y"),
        ),
        left: decimal(c.left_minor, &c.currency),
        amount_field: format!("balance-{}-amount", c.id),
        reason_field: format!("balance-{}-reason", c.id),
        account_field: format!("balance-{}-account", c.id),
        id: c.id.clone(),
    }
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
    let values = RefundValues {
        amount: fields.amount,
        reason: fields.reason,
        account: fields.account,
        ..RefundValues::default()
    };
    answer(page, &state, &id, outcome, |p| p.field().to_owned(), values).await
}

#[derive(Debug, Deserialize)]
pub struct BalanceFields {
    #[serde(default)]
    credit: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    account: String,
}

/// Sends back a transfer's money left over, by transfer.
pub async fn refund_balance(
    page: Page,
    FinanceStaff(user): FinanceStaff,
    state: web::Data<AppState>,
    id: web::Path<ApplicationId>,
    CsrfForm(fields): CsrfForm<BalanceFields>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (services, app, actor) = (state.services.clone(), id.clone(), user.id.clone());
    let form = RefundForm {
        amount: fields.amount.clone(),
        reason: fields.reason.clone(),
        account: fields.account.clone(),
    };
    let credit = fields.credit.clone();
    let outcome = state
        .db(move |conn| {
            refunds::refund_balance(conn, &services, &app, &actor, &credit, &form)
                .map_err(AppError::from)
        })
        .await?
        .ok_or(AppError::NotFound)?;
    let credit = fields.credit.clone();
    let field_of = move |problem: RefundProblem| {
        let field = match problem.field() {
            "reason" => "reason",
            "account" => "account",
            _ => "amount",
        };
        format!("balance-{credit}-{field}")
    };
    let values = RefundValues {
        balance_amount: fields.amount,
        balance_reason: fields.reason,
        balance_account: fields.account,
        ..RefundValues::default()
    };
    answer(page, &state, &id, outcome, field_of, values).await
}

#[derive(Debug, Deserialize)]
pub struct ExtraFields {
    #[serde(default)]
    payment: String,
    #[serde(default)]
    extra_reason: String,
}

/// Gives back a second payment of the fee, whole.
pub async fn refund_extra(
    page: Page,
    FinanceStaff(user): FinanceStaff,
    state: web::Data<AppState>,
    id: web::Path<ApplicationId>,
    CsrfForm(fields): CsrfForm<ExtraFields>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let outcome = refunds::refund_extra(
        &state.database(),
        &state.services,
        &id,
        &user.id,
        fields.payment.clone(),
        fields.extra_reason.clone(),
    )
    .await?
    .ok_or(AppError::NotFound)?;
    // Both of its problems are about the one field of this payment's form.
    let field = format!("extra-{}", fields.payment);
    let values = RefundValues {
        extra_reason: fields.extra_reason,
        ..RefundValues::default()
    };
    answer(page, &state, &id, outcome, move |_| field.clone(), values).await
}

/// Back to the refund page with the outcome's notice; or the page again, each problem at the
/// field `field_of` names and what was typed kept.
async fn answer(
    page: Page,
    state: &AppState,
    id: &ApplicationId,
    outcome: RefundOutcome,
    field_of: impl Fn(RefundProblem) -> String,
    values: RefundValues,
) -> Result<HttpResponse, AppError> {
    match outcome_flash(outcome) {
        Ok(flash) => Ok(redirect_with(
            &format!("/staff/applications/{id}/refund"),
            Some(flash),
        )),
        Err(problems) => {
            let mut errors = FormErrors::default();
            for problem in problems {
                errors.add(field_of(problem), problem_text(&page, problem));
            }
            let fee = load(state, id).await?;
            refund_page(page, fee, values, errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
    }
}

/// The notice a refund's outcome shows, or the problems to show at the form.
fn outcome_flash(outcome: RefundOutcome) -> Result<Flash, Vec<RefundProblem>> {
    Ok(match outcome {
        RefundOutcome::Completed => Flash::RefundCompleted,
        RefundOutcome::Requested => Flash::RefundRequested,
        RefundOutcome::ToSend => Flash::RefundToSend,
        RefundOutcome::Refused { .. } => Flash::RefundRefused,
        RefundOutcome::GatewayDown => Flash::RefundGatewayDown,
        RefundOutcome::Invalid(problems) => return Err(problems),
    })
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
