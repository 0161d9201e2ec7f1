//! How a refund ends: completed once (the fee reads refunded or partly refunded, unless the
//! refund is of a second payment or a balance; the history and an email say so) or failed
//! (nothing given back), whether the gateway answers at once, its notification says so, or the
//! finance office marks a bank-transfer refund sent.

use anyhow::Context;
use chrono::NaiveDateTime;

use crate::db::payments::{self as rows, FeeOrderRow, NewOrderEvent};
use crate::db::refunds::{self as refund_rows, RefundRow, Settle};
use crate::db::{self, write_tx, DbConn};
use crate::domain::history::HistoryEntry;
use crate::domain::ids::ApplicationId;
use crate::domain::money::Money;
use crate::domain::payments::refund::{status_after, RefundState};
use crate::domain::payments::{NoticeProblem, RefundNotice};
use crate::domain::UserId;
use crate::notify::emails::{EmailMessage, Recipient};
use crate::services::payments::orders::{fee_owner, move_order, FeeOwner, NoticeOutcome};
use crate::services::payments::provider::PaymentProvider;
use crate::services::transitions::{self, Notification, Transition};
use crate::services::ServiceConfig;

/// An event in the fee's history that leaves its status as it is.
pub(super) fn record_event(
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

pub(super) fn fail(
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
pub(super) fn complete(
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
        .filter(|r| r.state == RefundState::Completed && !r.extra)
        .map(|r| r.amount_minor)
        .sum();
    let to = status_after(order.amount_minor, given_back);
    if refund.credit_id.is_some() {
        record_event(conn, &order, Some(&refund.method), "refunded-balance", now)?;
    } else if refund.extra {
        record_event(conn, &order, Some(&refund.method), "refunded-extra", now)?;
    } else if to == order.status {
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
            chain: 0,
            receipt: None,
            notifications: vec![Notification {
                to: Recipient {
                    email: &user.email,
                    user_id: Some(&user.id),
                    locale,
                    // Filled in by the transition.
                    application_id: None,
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

/// Applies a verified refund notification once: it must be about a refund asked of this
/// gateway, for its amount and currency; a repeat changes nothing.
pub(crate) fn apply_refund_notice(
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
