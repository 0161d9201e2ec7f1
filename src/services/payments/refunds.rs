//! Refunds: the finance office gives back part or all of a paid fee, with a reason. Money paid
//! online goes back through the gateway that took it (no database connection is held while it
//! is asked); money paid by transfer, or through a gateway no longer configured, becomes a bank
//! transfer the finance office makes and then marks sent. The gateway's answer or its later
//! notification settles a refund once; the fee then reads refunded or partially refunded.

use anyhow::Context;
use chrono::NaiveDateTime;

use super::orders::{fee_owner, move_order, FeeOwner, NoticeOutcome};
use super::provider::PaymentProvider;
use super::provider::{RefundAnswer, RefundRequest};
use crate::db::payments::{self as rows, FeeOrderRow, NewOrderEvent};
use crate::db::refunds::{self as refund_rows, NewRefund, RefundRow, Settle};
use crate::db::{self, write_tx, DbConn};
use crate::domain::history::HistoryEntry;
use crate::domain::ids::ApplicationId;
use crate::domain::money::Money;
use crate::domain::payments::refund::{
    read_account, read_amount, refundable, status_after, RefundProblem, RefundState,
};
use crate::domain::payments::{Channel, NoticeProblem, RefundNotice, APPLICATION_FEE};
use crate::domain::UserId;
use crate::notify::emails::{EmailMessage, Recipient};
use crate::services::transitions::{self, Notification, Transition};
use crate::services::ServiceConfig;

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
    pub receipt: Option<String>,
    pub candidate_email: String,
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
        .filter(|r| r.state.counts())
        .map(|r| r.amount_minor)
        .sum();
    let route = route(conn, config, &order)?.0;
    let app = db::applications::find(conn, application_id)?.context("the fee's application")?;
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
    }))
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
    let Some(order) = rows::find_order(conn, application_id, APPLICATION_FEE)? else {
        return Ok(None);
    };
    // Two refunds asked for at once are weighed one after the other.
    refund_rows::lock_order(conn, &order.id, now)?;
    let fee = fee_refunds(conn, config, application_id)?.context("the fee order")?;
    let (route, session) = route(conn, config, &order)?;
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
    let receipt = fee
        .receipt
        .clone()
        .unwrap_or_else(|| application_id.to_string());
    Ok(Some(Begun::Gateway(RefundRequest {
        refund_id: id,
        session_id: session.id.clone(),
        payment: session.reference.clone(),
        amount: money,
        description: format!("Zwrot opłaty rekrutacyjnej / Application fee refund {receipt}"),
        notify_url: config.link(&format!("/payments/notify/{gateway}")),
    })))
}

/// An event in the fee's history that leaves its status as it is.
fn record_event(
    conn: &mut DbConn,
    order: &FeeOrderRow,
    channel: Option<&str>,
    reason: &str,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    rows::record_order_event(
        conn,
        &NewOrderEvent {
            order_id: &order.id,
            from: Some(order.status),
            to: order.status,
            channel,
            reason,
            now,
        },
    )?;
    Ok(())
}

fn fail(
    conn: &mut DbConn,
    refund_id: &str,
    problem: &str,
    now: NaiveDateTime,
) -> anyhow::Result<bool> {
    let moved = refund_rows::settle(
        conn,
        &Settle {
            id: refund_id,
            from: &[RefundState::Requested, RefundState::ToSend],
            to: RefundState::Failed,
            reference: None,
            problem: Some(problem),
            now,
        },
    )? == 1;
    if moved {
        let refund = refund_rows::find(conn, refund_id)?.context("the refund")?;
        let order = rows::order(conn, &refund.order_id)?.context("a refund without its order")?;
        record_event(conn, &order, Some(&refund.method), "refund-failed", now)?;
    }
    Ok(moved)
}

/// Completes a refund once: the money is given back, the fee reads refunded (all of it) or
/// partially refunded, the application's history says so and the candidate is told. False when
/// it was settled before.
fn complete(
    conn: &mut DbConn,
    config: &ServiceConfig,
    refund_id: &str,
    reference: Option<&str>,
    now: NaiveDateTime,
) -> anyhow::Result<bool> {
    let moved = refund_rows::settle(
        conn,
        &Settle {
            id: refund_id,
            from: &[RefundState::Requested, RefundState::ToSend],
            to: RefundState::Completed,
            reference,
            problem: None,
            now,
        },
    )? == 1;
    if !moved {
        return Ok(false);
    }
    let refund = refund_rows::find(conn, refund_id)?.context("the refund")?;
    let order = rows::order(conn, &refund.order_id)?.context("a refund without its order")?;
    let given_back: i64 = refund_rows::of_order(conn, &order.id)?
        .iter()
        .filter(|r| r.state == RefundState::Completed)
        .map(|r| r.amount_minor)
        .sum();
    let to = status_after(order.amount_minor, given_back);
    if to == order.status {
        record_event(conn, &order, Some(&refund.method), "refunded", now)?;
    } else {
        move_order(conn, &order, to, None, "refunded", now)?;
    }
    let amount = Money {
        minor: refund.amount_minor,
        currency: order.amount().context("a fee order's currency")?.currency,
    };
    record_refunded(conn, config, &order, &refund, amount, now)?;
    Ok(true)
}

/// The refund in the application's history, and the email telling the candidate.
fn record_refunded(
    conn: &mut DbConn,
    config: &ServiceConfig,
    order: &FeeOrderRow,
    refund: &RefundRow,
    amount: Money,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    let FeeOwner {
        app,
        user,
        locale,
        programme,
    } = fee_owner(conn, config, order)?;
    transitions::apply(
        conn,
        config,
        &Transition {
            application_id: &app.id,
            from: app.status,
            to: app.status,
            actor: None,
            entry: HistoryEntry::FeeRefunded {
                amount: format!("{} {}", amount.decimal(), amount.currency.code()),
            },
            receipt: None,
            notifications: vec![Notification {
                to: Recipient {
                    email: &user.email,
                    user_id: Some(&user.id),
                    locale,
                },
                message: EmailMessage::RefundSent {
                    programme,
                    amount,
                    channel: refund.method.clone(),
                    account: refund.account.clone().unwrap_or_default(),
                    reason: refund.reason.clone(),
                    link: config.link(&format!("/applications/{}", app.id)),
                },
                dedup_key: Some(format!("refund:{}", refund.id)),
            }],
        },
        now,
    )?;
    Ok(())
}

/// The finance office has sent a bank-transfer refund: it is completed. False when it was not
/// waiting to be sent.
pub fn mark_sent(
    conn: &mut DbConn,
    config: &ServiceConfig,
    refund_id: &str,
    actor: &UserId,
) -> anyhow::Result<Option<ApplicationId>> {
    write_tx(conn, |conn| {
        let now = db::now();
        let Some(refund) = refund_rows::find(conn, refund_id)? else {
            return Ok(None);
        };
        if refund.state != RefundState::ToSend {
            return Ok(None);
        }
        let order = rows::order(conn, &refund.order_id)?.context("a refund without its order")?;
        if !complete(conn, config, refund_id, None, now)? {
            return Ok(None);
        }
        db::audit::record(
            conn,
            Some(actor.as_str()),
            "payments.refund.sent",
            order.application_id.as_str(),
            &format!(
                "{} {} to {}",
                Money {
                    minor: refund.amount_minor,
                    currency: order.amount().context("a fee order's currency")?.currency,
                }
                .decimal(),
                refund.currency,
                refund.account.as_deref().unwrap_or_default()
            ),
            now,
        )?;
        Ok(Some(order.application_id))
    })
}

/// Bank-transfer refunds still to be sent, for the finance office's queue.
pub fn transfers_to_send(
    conn: &mut DbConn,
    limit: i64,
) -> anyhow::Result<Vec<refund_rows::TransferToSend>> {
    Ok(refund_rows::transfers_to_send(conn, limit)?)
}

/// Applies a verified refund notification once: it must be about a refund asked of this
/// gateway, for its amount and currency; a repeat changes nothing.
pub(super) fn apply_refund_notice(
    conn: &mut DbConn,
    config: &ServiceConfig,
    provider: &dyn PaymentProvider,
    notice: &RefundNotice,
    now: NaiveDateTime,
) -> anyhow::Result<NoticeOutcome> {
    if rows::notification_seen(conn, provider.name(), &notice.event_id)? {
        return Ok(NoticeOutcome::AlreadyApplied);
    }
    let Some(refund) = refund_rows::find(conn, &notice.refund_id)?
        .filter(|r| r.method == provider.channel().as_str())
    else {
        return Ok(NoticeOutcome::Refused(NoticeProblem::UnknownRefund));
    };
    if notice.amount.minor != refund.amount_minor
        || notice.amount.currency.code() != refund.currency
    {
        return Ok(NoticeOutcome::Refused(NoticeProblem::WrongAmount));
    }
    let outcome = if notice.completed {
        if complete(conn, config, &refund.id, notice.reference.as_deref(), now)? {
            NoticeOutcome::Refunded
        } else {
            NoticeOutcome::AlreadyApplied
        }
    } else if fail(conn, &refund.id, "refused-by-gateway", now)? {
        NoticeOutcome::RefundFailed
    } else {
        NoticeOutcome::AlreadyApplied
    };
    let recorded = match outcome {
        NoticeOutcome::Refunded => "refunded",
        NoticeOutcome::RefundFailed => "refund-failed",
        _ => "ignored",
    };
    rows::record_notification(
        conn,
        provider.name(),
        &notice.event_id,
        refund.session_id.as_deref().unwrap_or(&refund.id),
        recorded,
        now,
    )?;
    Ok(outcome)
}
