//! Refunds: the finance office gives back part or all of a paid fee, with a reason. Money paid
//! online goes back through the gateway that took it (no database connection is held while it
//! is asked); money paid by transfer, or through a gateway no longer configured, becomes a bank
//! transfer the finance office makes and then marks sent. The gateway's answer or its later
//! notification settles a refund once; the fee then reads refunded or partially refunded.

use anyhow::Context;

mod settle;

pub(crate) use settle::apply_refund_notice;
pub use settle::mark_sent;

use super::provider::{RefundAnswer, RefundRequest};
use crate::db::payments::{self as rows, FeeOrderRow};
use crate::db::refunds::{self as refund_rows, NewRefund, RefundRow, Settle};
use crate::db::{self, write_tx, DbConn};
use crate::domain::ids::ApplicationId;
use crate::domain::money::Money;
use crate::domain::payments::refund::{
    read_account, read_amount, refundable, RefundProblem, RefundState,
};
use crate::domain::payments::{Channel, APPLICATION_FEE};
use crate::domain::UserId;
use crate::services::ServiceConfig;
use settle::{complete, fail, record_event};

/// What the finance office typed.
#[derive(Debug, Clone, Default)]
pub struct RefundForm {
    pub amount: String,
    pub reason: String,
    /// Only for a refund by bank transfer: where to send it.
    pub account: String,
}

/// How a refund of this fee would go back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundRoute {
    /// Through the gateway that took the payment (its name).
    Gateway(&'static str),
    /// As a bank transfer the finance office makes.
    Transfer,
}

/// A fee as the refund page shows it.
#[derive(Debug, Clone)]
pub struct FeeRefunds {
    pub order: FeeOrderRow,
    pub refunds: Vec<RefundRow>,
    /// What may still be given back, in minor units.
    pub left: i64,
    pub route: RefundRoute,
    /// The paid checkout a gateway refund of the fee names (with `RefundRoute::Gateway`).
    pub credited: Option<rows::SessionRow>,
    pub receipt: Option<String>,
    pub candidate_email: String,
    /// Payments made after the fee was paid (the candidate paid twice), each to be given back
    /// whole.
    pub extra: Vec<ExtraPayment>,
    /// Transfers that paid this fee with money left over (the candidate's balance).
    pub balance: Vec<crate::db::transfers::CreditRow>,
}

impl FeeRefunds {
    /// What to ask the gateway `gateway` for: `amount` of the checkout `session` back, under our
    /// refund id, with `what` and the receipt number as the payer's text.
    fn gateway_request(
        &self,
        config: &ServiceConfig,
        gateway: &str,
        (refund_id, session, amount): (String, &rows::SessionRow, Money),
        what: &str,
    ) -> RefundRequest {
        let receipt = self
            .receipt
            .clone()
            .unwrap_or_else(|| self.order.application_id.to_string());
        RefundRequest {
            refund_id,
            session_id: session.id.clone(),
            payment: session.reference.clone(),
            amount,
            description: format!("{what} {receipt}"),
            notify_url: config.link(&format!("/payments/notify/{gateway}")),
        }
    }
}

/// A second payment of a fee already paid.
#[derive(Debug, Clone)]
pub struct ExtraPayment {
    pub session: rows::SessionRow,
    /// A refund of it is asked for or done.
    pub refunded: bool,
}

impl FeeRefunds {
    /// Whether a refund may be asked for now.
    pub fn open(&self) -> bool {
        refundable(self.order.status) && self.left > 0
    }
}

/// The application's fee with its refunds; None when it has no fee order.
pub fn fee_refunds(
    conn: &mut DbConn,
    config: &ServiceConfig,
    application_id: &ApplicationId,
) -> anyhow::Result<Option<FeeRefunds>> {
    let Some(order) = rows::find_order(conn, application_id, APPLICATION_FEE)? else {
        return Ok(None);
    };
    let refunds = refund_rows::of_order(conn, &order.id)?;
    let spoken_for: i64 = refunds
        .iter()
        .filter(|r| r.state.counts() && !r.extra)
        .map(|r| r.amount_minor)
        .sum();
    let (route, credited) = route(conn, config, &order)?;
    let extra = extra_payments(conn, config, &order, credited.as_ref(), &refunds)?;
    let app = db::applications::find(conn, application_id)?.context("the fee's application")?;
    let mut balance = Vec::new();
    for credit in crate::db::transfers::balance_of(conn, app.candidate_id.as_str())? {
        if crate::db::transfers::orders_paid_by(conn, &credit.id)?.contains(&order.id) {
            balance.push(credit);
        }
    }
    let candidate_email = db::users::find(conn, app.candidate_id.as_str())?
        .map(|u| u.email)
        .unwrap_or_default();
    Ok(Some(FeeRefunds {
        receipt: app.receipt_number,
        candidate_email,
        left: if refundable(order.status) {
            (order.amount_minor - spoken_for).max(0)
        } else {
            0
        },
        order,
        refunds,
        route,
        credited,
        extra,
        balance,
    }))
}

/// The fee with its refunds, read after taking its order row for this transaction, so that
/// refunds asked for at once are weighed one after the other. None without a fee order.
fn locked_fee(
    conn: &mut DbConn,
    config: &ServiceConfig,
    application_id: &ApplicationId,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<Option<FeeRefunds>> {
    let Some(order) = rows::find_order(conn, application_id, APPLICATION_FEE)? else {
        return Ok(None);
    };
    refund_rows::lock_order(conn, &order.id, now)?;
    fee_refunds(conn, config, application_id)
}

/// Sends back money left over on a transfer that paid this fee (a balance), as a bank
/// transfer the finance office makes, as `actor`, audited. The amount is taken off the balance
/// at once, so it is never sent back twice. None when the application has no fee order.
pub fn refund_balance(
    conn: &mut DbConn,
    config: &ServiceConfig,
    application_id: &ApplicationId,
    actor: &UserId,
    credit_id: &str,
    form: &RefundForm,
) -> anyhow::Result<Option<RefundOutcome>> {
    write_tx(conn, |conn| {
        let now = db::now();
        let Some(fee) = locked_fee(conn, config, application_id, now)? else {
            return Ok(None);
        };
        let order = fee.order.clone();
        let mut problems = Vec::new();
        let credit = fee.balance.iter().find(|c| c.id == credit_id);
        let amount = match credit {
            Some(credit) => read_amount(&form.amount, credit.left_minor)
                .map_err(|p| problems.push(p))
                .ok(),
            None => {
                problems.push(RefundProblem::NoBalance);
                None
            }
        };
        let reason = form.reason.trim();
        if reason.is_empty() {
            problems.push(RefundProblem::ReasonMissing);
        }
        let account = read_account(&form.account)
            .map_err(|p| problems.push(p))
            .ok();
        let (Some(credit), Some(amount), Some(account), true) =
            (credit, amount, account, problems.is_empty())
        else {
            return Ok(Some(RefundOutcome::Invalid(problems)));
        };
        if crate::db::transfers::take_from_balance(conn, &credit.id, amount)? != 1 {
            return Ok(Some(RefundOutcome::Invalid(vec![
                RefundProblem::MoreThanLeft,
            ])));
        }
        refund_rows::insert(
            conn,
            &NewRefund {
                id: &uuid::Uuid::new_v4().simple().to_string(),
                order_id: &order.id,
                session_id: None,
                method: Channel::BankTransfer.as_str(),
                amount_minor: amount,
                currency: &credit.currency,
                state: RefundState::ToSend,
                reason,
                account: Some(&account),
                requested_by: actor.as_str(),
                extra: true,
                credit_id: Some(&credit.id),
                now,
            },
        )?;
        db::audit::record(
            conn,
            Some(actor.as_str()),
            "payments.refund.request",
            application_id.as_str(),
            &format!(
                "balance {}.{:02} {} to {account}: {reason}",
                amount / 100,
                amount % 100,
                credit.currency
            ),
            now,
        )?;
        record_event(
            conn,
            &order,
            Some(Channel::BankTransfer.as_str()),
            "refund-asked",
            now,
        )?;
        Ok(Some(RefundOutcome::ToSend))
    })
}

/// The order's paid checkouts at the configured gateway other than the one that paid the fee.
fn extra_payments(
    conn: &mut DbConn,
    config: &ServiceConfig,
    order: &FeeOrderRow,
    credited: Option<&rows::SessionRow>,
    refunds: &[RefundRow],
) -> anyhow::Result<Vec<ExtraPayment>> {
    let Some(provider) = config.payments.as_ref() else {
        return Ok(Vec::new());
    };
    Ok(rows::paid_sessions(conn, &order.id)?
        .into_iter()
        .filter(|s| s.provider == provider.name() && s.reference.is_some())
        .filter(|s| credited.is_none_or(|c| c.id != s.id))
        .map(|session| ExtraPayment {
            refunded: refunds.iter().any(|r| {
                r.extra && r.state.counts() && r.session_id.as_deref() == Some(session.id.as_str())
            }),
            session,
        })
        .collect())
}

/// The way back for the order's money, with the paid checkout a gateway refund names.
fn route(
    conn: &mut DbConn,
    config: &ServiceConfig,
    order: &FeeOrderRow,
) -> anyhow::Result<(RefundRoute, Option<rows::SessionRow>)> {
    let Some(provider) = config.payments.as_ref() else {
        return Ok((RefundRoute::Transfer, None));
    };
    if order.channel.as_deref() != Some(provider.channel().as_str()) {
        return Ok((RefundRoute::Transfer, None));
    }
    // A refund at the gateway names the payment: without its id it goes by transfer.
    let paid = rows::paid_sessions(conn, &order.id)?
        .into_iter()
        .find(|s| s.provider == provider.name() && s.reference.is_some());
    Ok(match paid {
        Some(session) => (RefundRoute::Gateway(provider.name()), Some(session)),
        None => (RefundRoute::Transfer, None),
    })
}

/// What became of a refund request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundOutcome {
    /// Given back now.
    Completed,
    /// Accepted by the gateway; its notification will complete it.
    Requested,
    /// A bank transfer for the finance office to send.
    ToSend,
    /// The gateway refused it: nothing was given back.
    Refused { reason: String },
    /// The gateway could not be reached: nothing was given back.
    GatewayDown,
    /// The form is wrong, each problem at its field; nothing was recorded.
    Invalid(Vec<RefundProblem>),
}

enum Begun {
    Done(RefundOutcome),
    Gateway(RefundRequest),
}

/// Asks for a refund of the application's fee, as `actor` (finance), audited. None when the
/// application has no fee order.
pub async fn request_refund(
    database: &db::Db,
    config: &ServiceConfig,
    application_id: &ApplicationId,
    actor: &UserId,
    form: RefundForm,
) -> anyhow::Result<Option<RefundOutcome>> {
    let (config_c, app, who) = (config.clone(), application_id.clone(), actor.clone());
    let begun = database
        .run(move |conn| write_tx(conn, |conn| begin(conn, &config_c, &app, &who, &form)))
        .await?;
    finish(database, config, begun).await
}

/// Asks for a second payment of the fee to be given back whole, as `actor` (finance), audited.
/// None when the application has no fee order.
pub async fn refund_extra(
    database: &db::Db,
    config: &ServiceConfig,
    application_id: &ApplicationId,
    actor: &UserId,
    payment: String,
    reason: String,
) -> anyhow::Result<Option<RefundOutcome>> {
    let (config_c, app, who) = (config.clone(), application_id.clone(), actor.clone());
    let begun = database
        .run(move |conn| {
            write_tx(conn, |conn| {
                begin_extra(conn, &config_c, &app, &who, &payment, &reason)
            })
        })
        .await?;
    finish(database, config, begun).await
}

/// Asks the gateway for a refund recorded by `begin`, with no database connection held, and
/// records its answer.
async fn finish(
    database: &db::Db,
    config: &ServiceConfig,
    begun: Option<Begun>,
) -> anyhow::Result<Option<RefundOutcome>> {
    let request = match begun {
        None => return Ok(None),
        Some(Begun::Done(outcome)) => return Ok(Some(outcome)),
        Some(Begun::Gateway(request)) => request,
    };
    let provider = config
        .payments
        .clone()
        .context("a gateway refund without a gateway")?;
    let answer = provider.refund(&request).await;
    let (config, refund_id) = (config.clone(), request.refund_id.clone());
    let outcome = database
        .run(move |conn| {
            write_tx(conn, |conn| {
                let now = db::now();
                Ok::<_, anyhow::Error>(match answer {
                    Ok(RefundAnswer::Completed { reference }) => {
                        complete(conn, &config, &refund_id, reference.as_deref(), now)?;
                        RefundOutcome::Completed
                    }
                    Ok(RefundAnswer::Requested { reference }) => {
                        if let Some(reference) = reference {
                            refund_rows::settle(
                                conn,
                                &Settle {
                                    id: &refund_id,
                                    from: &[RefundState::Requested],
                                    to: RefundState::Requested,
                                    reference: Some(&reference),
                                    problem: None,
                                    now,
                                },
                            )?;
                        }
                        RefundOutcome::Requested
                    }
                    Ok(RefundAnswer::Refused { reason }) => {
                        fail(conn, &refund_id, &reason, now)?;
                        RefundOutcome::Refused { reason }
                    }
                    Err(e) => {
                        tracing::warn!(refund = %refund_id, error = %format!("{e:#}"), "the payment gateway could not take a refund");
                        fail(conn, &refund_id, "gateway-unreachable", now)?;
                        RefundOutcome::GatewayDown
                    }
                })
            })
        })
        .await?;
    Ok(Some(outcome))
}

fn begin(
    conn: &mut DbConn,
    config: &ServiceConfig,
    application_id: &ApplicationId,
    actor: &UserId,
    form: &RefundForm,
) -> anyhow::Result<Option<Begun>> {
    let now = db::now();
    let Some(fee) = locked_fee(conn, config, application_id, now)? else {
        return Ok(None);
    };
    let (order, route, session) = (fee.order.clone(), fee.route.clone(), fee.credited.clone());
    let mut problems = Vec::new();
    let amount = if fee.open() {
        read_amount(&form.amount, fee.left)
            .map_err(|p| problems.push(p))
            .ok()
    } else {
        problems.push(RefundProblem::NotRefundable);
        None
    };
    let reason = form.reason.trim();
    if reason.is_empty() {
        problems.push(RefundProblem::ReasonMissing);
    }
    let account = match route {
        RefundRoute::Transfer => read_account(&form.account)
            .map_err(|p| problems.push(p))
            .ok(),
        RefundRoute::Gateway(_) => None,
    };
    let Some(amount) = amount.filter(|_| problems.is_empty()) else {
        return Ok(Some(Begun::Done(RefundOutcome::Invalid(problems))));
    };
    let id = uuid::Uuid::new_v4().simple().to_string();
    let (method, state) = match route {
        RefundRoute::Gateway(_) => (
            order.channel.clone().unwrap_or_default(),
            RefundState::Requested,
        ),
        RefundRoute::Transfer => (
            Channel::BankTransfer.as_str().to_owned(),
            RefundState::ToSend,
        ),
    };
    refund_rows::insert(
        conn,
        &NewRefund {
            id: &id,
            order_id: &order.id,
            session_id: session.as_ref().map(|s| s.id.as_str()),
            method: &method,
            amount_minor: amount,
            currency: &order.currency,
            state,
            reason,
            account: account.as_deref(),
            requested_by: actor.as_str(),
            extra: false,
            credit_id: None,
            now,
        },
    )?;
    let money = Money {
        minor: amount,
        currency: order.amount().context("a fee order's currency")?.currency,
    };
    db::audit::record(
        conn,
        Some(actor.as_str()),
        "payments.refund.request",
        application_id.as_str(),
        &format!(
            "{} {} via {method}: {reason}",
            money.decimal(),
            order.currency
        ),
        now,
    )?;
    record_event(conn, &order, None, "refund-asked", now)?;
    let Some(session) = session.filter(|_| state == RefundState::Requested) else {
        return Ok(Some(Begun::Done(RefundOutcome::ToSend)));
    };
    let gateway = config
        .payments
        .as_ref()
        .map(|p| p.name())
        .unwrap_or_default();
    Ok(Some(Begun::Gateway(fee.gateway_request(
        config,
        gateway,
        (id, &session, money),
        "Zwrot opłaty rekrutacyjnej / Application fee refund",
    ))))
}

fn begin_extra(
    conn: &mut DbConn,
    config: &ServiceConfig,
    application_id: &ApplicationId,
    actor: &UserId,
    payment: &str,
    reason: &str,
) -> anyhow::Result<Option<Begun>> {
    let now = db::now();
    let Some(fee) = locked_fee(conn, config, application_id, now)? else {
        return Ok(None);
    };
    let order = fee.order.clone();
    let mut problems = Vec::new();
    let extra = fee
        .extra
        .iter()
        .find(|e| e.session.id == payment && !e.refunded);
    if extra.is_none() {
        problems.push(RefundProblem::NotExtra);
    }
    let reason = reason.trim();
    if reason.is_empty() {
        problems.push(RefundProblem::ReasonMissing);
    }
    let (Some(extra), true) = (extra, problems.is_empty()) else {
        return Ok(Some(Begun::Done(RefundOutcome::Invalid(problems))));
    };
    let session = extra.session.clone();
    let provider = config
        .payments
        .as_ref()
        .context("a second payment without a gateway")?;
    let id = uuid::Uuid::new_v4().simple().to_string();
    refund_rows::insert(
        conn,
        &NewRefund {
            id: &id,
            order_id: &order.id,
            session_id: Some(&session.id),
            method: provider.channel().as_str(),
            amount_minor: session.amount_minor,
            currency: &session.currency,
            state: RefundState::Requested,
            reason,
            account: None,
            requested_by: actor.as_str(),
            extra: true,
            credit_id: None,
            now,
        },
    )?;
    let amount = session.amount().context("a checkout's currency")?;
    db::audit::record(
        conn,
        Some(actor.as_str()),
        "payments.refund.request",
        application_id.as_str(),
        &format!(
            "second payment {} {} via {}: {reason}",
            amount.decimal(),
            session.currency,
            provider.name()
        ),
        now,
    )?;
    record_event(
        conn,
        &order,
        Some(provider.channel().as_str()),
        "refund-asked",
        now,
    )?;
    Ok(Some(Begun::Gateway(fee.gateway_request(
        config,
        provider.name(),
        (id, &session, amount),
        "Zwrot nadpłaty / Refund of a second payment",
    ))))
}

/// Bank-transfer refunds still to be sent, for the finance office's queue.
pub fn transfers_to_send(
    conn: &mut DbConn,
    limit: i64,
) -> anyhow::Result<Vec<refund_rows::TransferToSend>> {
    Ok(refund_rows::transfers_to_send(conn, limit)?)
}
