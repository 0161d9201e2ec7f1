//! Application fees: the order made when a fee falls due, checkouts at a payment provider, and
//! the provider's notifications, each verified on the bytes received and applied once.

mod orders;
pub mod provider;
pub mod przelewy24;
pub mod refunds;
pub mod sandbox;
pub mod stripe;
pub mod sweep;
pub mod transfers;

pub use orders::NoticeOutcome;
pub use provider::{CheckoutRequest, GatewayFuture, Opened, PaymentProvider, SIGNATURE_HEADER};
pub use sandbox::Sandbox;

use orders::move_order;

use std::sync::Arc;

use anyhow::Context;
use chrono::NaiveDateTime;

use crate::db::payments::{self as rows, FeeOrderRow, NewOrder, NewOrderEvent};
use crate::db::{self, write_tx, DbConn};
use crate::domain::history::HistoryEntry;
use crate::domain::ids::ApplicationId;
use crate::domain::money::Money;
use crate::domain::payments::{
    Channel, FeeStatus, Notice, NoticeProblem, Notified, SessionState, APPLICATION_FEE,
};
use crate::domain::Locale;
use crate::domain::UserId;
use crate::notify::emails::{EmailMessage, Recipient};
use crate::services::transitions::{self, Notification, Transition};
use crate::services::ServiceConfig;

/// The provider the settings choose: the sandbox in demo mode; none otherwise (fees are then
/// shown as due, without online payment).
pub fn provider_for(
    settings: &crate::config::PaymentSettings,
    demo: bool,
    secret_key: &str,
) -> anyhow::Result<Option<Arc<dyn PaymentProvider>>> {
    Ok(match settings.provider.as_deref() {
        Some("przelewy24") => Some(Arc::new(przelewy24::Przelewy24::from_settings(
            &settings.przelewy24,
        )?)),
        Some("stripe") => Some(Arc::new(stripe::Stripe::from_settings(&settings.stripe)?)),
        Some(other) => anyhow::bail!(
            "payments.provider is {other:?}; the providers are \"przelewy24\" and \"stripe\" (or unset)"
        ),
        None if demo => Some(Arc::new(Sandbox::from_secret_key(secret_key))),
        None => None,
    })
}

/// Makes the application's fee order when it falls due (at submission), in the caller's
/// transaction: due, or waived when the definition waives it for this candidate. A free
/// programme has none. Nothing happens when the order exists already.
pub fn open_order(
    conn: &mut DbConn,
    application_id: &ApplicationId,
    fee: &Money,
    waived: bool,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    if fee.minor <= 0 {
        return Ok(());
    }
    let status = if waived {
        FeeStatus::Waived
    } else {
        FeeStatus::Due
    };
    let id = db::new_id();
    let made = rows::insert_order(
        conn,
        &NewOrder {
            id: &id,
            application_id,
            kind: APPLICATION_FEE,
            amount_minor: fee.minor,
            currency: fee.currency.code(),
            status,
            now,
        },
    )?;
    if made {
        rows::record_order_event(
            conn,
            &NewOrderEvent {
                order_id: &id,
                from: None,
                to: status,
                channel: None,
                reason: if waived { "waived" } else { "submitted" },
                now,
            },
        )?;
    }
    Ok(())
}

/// The application's fee order, if it has one.
pub fn fee_order(
    conn: &mut DbConn,
    application_id: &ApplicationId,
) -> anyhow::Result<Option<FeeOrderRow>> {
    Ok(rows::find_order(conn, application_id, APPLICATION_FEE)?)
}

/// The application's fee order with every change of it, oldest first.
pub fn fee_with_history(
    conn: &mut DbConn,
    application_id: &ApplicationId,
) -> anyhow::Result<Option<(FeeOrderRow, Vec<rows::OrderEventRow>)>> {
    let Some(order) = rows::find_order(conn, application_id, APPLICATION_FEE)? else {
        return Ok(None);
    };
    let events = rows::order_events(conn, &order.id)?;
    Ok(Some((order, events)))
}

#[derive(Debug, PartialEq, Eq)]
pub enum CheckoutOutcome {
    /// Pay there (a checkout opened now, or the one already open).
    Pay { url: String },
    /// Nothing to pay: paid, waived, refunded or cancelled.
    NotPayable(FeeStatus),
    /// No fee is due (not submitted yet, a free programme) or no provider is configured.
    NoOrder,
    /// The gateway cannot be reached: nothing was opened and the fee is payable as before
    /// (by bank transfer, or online later).
    GatewayDown,
}

/// How long a checkout being opened by another click is waited for, in polls of
/// [`OPENING_POLL`]; a checkout without its address after [`OPENING_ABANDONED`] seconds was
/// never finished and is given up.
const OPENING_POLLS: u32 = 50;
const OPENING_POLL: std::time::Duration = std::time::Duration::from_millis(200);
const OPENING_ABANDONED: i64 = 60;

/// Where a checkout stands before the gateway is called.
enum Begun {
    Done(CheckoutOutcome),
    /// Another click is opening this fee's checkout at the gateway right now.
    Opening,
    /// A checkout was made here: the gateway is to open it.
    Open(CheckoutRequest),
}

/// Opens a checkout for the candidate's fee, or goes back to the one already open, so one fee
/// is never charged twice. The gateway is called with no database connection held; when it
/// cannot be reached, the checkout is given up and the fee stays payable.
pub async fn checkout(
    database: &db::Db,
    config: &ServiceConfig,
    application_id: &ApplicationId,
    candidate: &UserId,
) -> anyhow::Result<Option<CheckoutOutcome>> {
    let Some(provider) = config.payments.clone() else {
        return Ok(Some(CheckoutOutcome::NoOrder));
    };
    for _ in 0..OPENING_POLLS {
        let (config_c, provider_c) = (config.clone(), provider.clone());
        let (app, who) = (application_id.clone(), candidate.clone());
        let begun = database
            .run(move |conn| {
                let attempt = |conn: &mut DbConn| {
                    begin_checkout(conn, &config_c, provider_c.as_ref(), &app, &who)
                };
                match attempt(conn) {
                    // Two clicks at once: the second hit the one-open-checkout index; the
                    // first one's checkout is the one to use.
                    Err(e) if is_unique_violation(&e) => attempt(conn),
                    other => other,
                }
            })
            .await?;
        let request = match begun {
            None => return Ok(None),
            Some(Begun::Done(outcome)) => return Ok(Some(outcome)),
            Some(Begun::Opening) => {
                tokio::time::sleep(OPENING_POLL).await;
                continue;
            }
            Some(Begun::Open(request)) => request,
        };
        let opened = provider.open(&request).await;
        let session = request.session_id.clone();
        return match opened {
            Ok(opened) => {
                let url = opened.url.clone();
                database
                    .run(move |conn| {
                        rows::set_checkout_url(
                            conn,
                            &session,
                            &opened.url,
                            opened.gateway_id.as_deref(),
                        )
                        .map_err(anyhow::Error::from)
                    })
                    .await?;
                Ok(Some(CheckoutOutcome::Pay { url }))
            }
            Err(e) => {
                tracing::warn!(provider = provider.name(), error = %format!("{e:#}"), "the payment gateway could not open a checkout");
                database
                    .run(move |conn| {
                        write_tx(conn, |conn| give_up(conn, &session, "gateway-unreachable"))
                    })
                    .await?;
                Ok(Some(CheckoutOutcome::GatewayDown))
            }
        };
    }
    // The other click's gateway call outlasted every poll.
    Ok(Some(CheckoutOutcome::GatewayDown))
}

fn begin_checkout(
    conn: &mut DbConn,
    config: &ServiceConfig,
    provider: &dyn PaymentProvider,
    application_id: &ApplicationId,
    candidate: &UserId,
) -> anyhow::Result<Option<Begun>> {
    let Some(app) = db::applications::find_owned(conn, application_id, candidate)? else {
        return Ok(None);
    };
    if app.status == crate::domain::status::ApplicationStatus::Withdrawn {
        return Ok(Some(Begun::Done(CheckoutOutcome::NoOrder)));
    }
    let user = db::users::find(conn, candidate.as_str())?.context("the candidate")?;
    write_tx(conn, |conn| {
        let now = db::now();
        let Some(mut order) = rows::find_order(conn, application_id, APPLICATION_FEE)? else {
            return Ok(Some(Begun::Done(CheckoutOutcome::NoOrder)));
        };
        if let Some(open) = rows::open_session(conn, &order.id)? {
            match open.checkout_url {
                Some(url) => return Ok(Some(Begun::Done(CheckoutOutcome::Pay { url }))),
                None if (now - open.created_at).num_seconds() < OPENING_ABANDONED => {
                    return Ok(Some(Begun::Opening))
                }
                None => {
                    give_up(conn, &open.id, "checkout-abandoned")?;
                    // Giving up moved the order back to due.
                    order = rows::order(conn, &order.id)?.context("the fee order")?;
                }
            }
        }
        if !order.status.is_payable() {
            return Ok(Some(Begun::Done(CheckoutOutcome::NotPayable(order.status))));
        }
        let session = db::new_id();
        rows::insert_session(
            conn,
            &rows::NewSession {
                id: &session,
                order_id: &order.id,
                provider: provider.name(),
                amount_minor: order.amount_minor,
                currency: &order.currency,
                now,
            },
        )?;
        if order.status != FeeStatus::Pending {
            move_order(conn, &order, FeeStatus::Pending, None, "checkout", now)?;
        }
        let locale = user.locale_or(Locale::Pl);
        let reference = app.reference();
        Ok::<_, anyhow::Error>(Some(Begun::Open(CheckoutRequest {
            session_id: session,
            amount: order.amount().context("a fee order's currency")?,
            description: match locale {
                Locale::Pl => format!("Opłata rekrutacyjna {reference}"),
                Locale::En => format!("Application fee {reference}"),
            },
            email: user.email.clone(),
            locale,
            return_url: config.link(&format!("/applications/{application_id}/fee/return")),
            notify_url: config.link(&format!("/payments/notify/{}", provider.name())),
        })))
    })
}

/// Gives up a checkout the gateway never opened: it fails, and its fee is payable again.
fn give_up(conn: &mut DbConn, session: &str, reason: &str) -> anyhow::Result<()> {
    let now = db::now();
    if rows::close_session(conn, session, SessionState::Failed, now)? == 0 {
        return Ok(());
    }
    let Some(row) = rows::find_session(conn, session)? else {
        return Ok(());
    };
    let order = rows::order(conn, &row.order_id)?.context("a checkout without its order")?;
    if order.status == FeeStatus::Pending {
        move_order(conn, &order, FeeStatus::Due, None, reason, now)?;
    }
    Ok(())
}

/// Applies a notification from the configured provider: verified on the raw body, recorded
/// once by its event id, checked against the checkout's amount and currency, confirmed with the
/// gateway where it requires that (no database connection is held meanwhile), and applied by
/// conditional updates, so repeated, concurrent or reordered notifications credit once and a
/// late failure never undoes a credit. An error (the gateway could not confirm) leaves
/// everything as it was, for the gateway to send again.
pub async fn apply_notice(
    database: &db::Db,
    config: &ServiceConfig,
    signature: Option<&str>,
    body: &[u8],
) -> anyhow::Result<NoticeOutcome> {
    let provider = config
        .payments
        .clone()
        .context("no payment provider is configured")?;
    let now = db::now();
    let notice = match provider.read_notice(signature, body, now.and_utc().timestamp()) {
        Ok(Notified::Payment(notice)) => notice,
        Ok(Notified::Refund(refund)) => {
            let config = config.clone();
            let outcome = database
                .run(move |conn| {
                    write_tx(conn, |conn| {
                        refunds::apply_refund_notice(conn, &config, provider.as_ref(), &refund, now)
                    })
                })
                .await;
            return match outcome {
                Ok(NoticeOutcome::Refused(problem)) => {
                    tracing::warn!(%problem, "refund notification refused");
                    Ok(NoticeOutcome::Refused(problem))
                }
                Ok(outcome) => Ok(outcome),
                Err(e) if is_unique_violation(&e) => Ok(NoticeOutcome::AlreadyApplied),
                Err(e) => Err(e),
            };
        }
        Err(NoticeProblem::Irrelevant) => {
            tracing::info!(
                provider = provider.name(),
                "payment notification acknowledged, nothing to do"
            );
            return Ok(NoticeOutcome::Refused(NoticeProblem::Irrelevant));
        }
        Err(problem) => {
            tracing::warn!(provider = provider.name(), %problem, "payment notification refused");
            return Ok(NoticeOutcome::Refused(problem));
        }
    };
    apply_payment_notice(database, config, provider, notice, now).await
}

/// Applies a payment notice that is genuine (read from a verified notification, or told by
/// the gateway when asked): checked against its checkout, confirmed with the gateway where it
/// requires that (no database connection is held meanwhile), and applied once.
pub(crate) async fn apply_payment_notice(
    database: &db::Db,
    config: &ServiceConfig,
    provider: Arc<dyn PaymentProvider>,
    notice: Notice,
    now: NaiveDateTime,
) -> anyhow::Result<NoticeOutcome> {
    if notice.paid {
        let (name, checked) = (provider.name(), notice.clone());
        let early = database
            .run(move |conn| check_notice(conn, name, &checked).map(Result::err))
            .await?;
        if let Some(outcome) = early {
            return Ok(logged(provider.as_ref(), &notice, outcome));
        }
        provider.confirm(&notice).await?;
    }
    let (config, applied) = (config.clone(), notice.clone());
    let outcome = database
        .run(move |conn| {
            write_tx(conn, |conn| {
                apply_verified(conn, &config, provider.as_ref(), &applied, now)
            })
            .map(|outcome| logged(provider.as_ref(), &applied, outcome))
        })
        .await;
    match outcome {
        Ok(outcome) => Ok(outcome),
        // The same notification, delivered at the same moment, was recorded by the other
        // delivery.
        Err(e) if is_unique_violation(&e) => Ok(NoticeOutcome::AlreadyApplied),
        Err(e) => Err(e),
    }
}

fn logged(
    provider: &dyn PaymentProvider,
    notice: &Notice,
    outcome: NoticeOutcome,
) -> NoticeOutcome {
    if let NoticeOutcome::Refused(problem) = &outcome {
        tracing::warn!(provider = provider.name(), event = %notice.event_id, %problem, "payment notification refused");
    }
    outcome
}

/// The checkout a verified notice is about, or what to answer without applying it: a repeat,
/// an unknown checkout, or another amount or currency than the checkout's.
fn check_notice(
    conn: &mut DbConn,
    provider: &str,
    notice: &Notice,
) -> anyhow::Result<Result<rows::SessionRow, NoticeOutcome>> {
    if rows::notification_seen(conn, provider, &notice.event_id)? {
        return Ok(Err(NoticeOutcome::AlreadyApplied));
    }
    let Some(session) =
        rows::find_session(conn, &notice.session_id)?.filter(|s| s.provider == provider)
    else {
        return Ok(Err(NoticeOutcome::Refused(NoticeProblem::UnknownSession)));
    };
    if notice.amount.minor != session.amount_minor
        || notice.amount.currency.code() != session.currency
    {
        return Ok(Err(NoticeOutcome::Refused(NoticeProblem::WrongAmount)));
    }
    Ok(Ok(session))
}

fn apply_verified(
    conn: &mut DbConn,
    config: &ServiceConfig,
    provider: &dyn PaymentProvider,
    notice: &Notice,
    now: NaiveDateTime,
) -> anyhow::Result<NoticeOutcome> {
    let session = match check_notice(conn, provider.name(), notice)? {
        Ok(session) => session,
        Err(outcome) => return Ok(outcome),
    };
    let order = rows::order(conn, &session.order_id)?.context("a checkout without its order")?;
    let outcome = if notice.paid {
        let was_open = rows::close_session(conn, &session.id, SessionState::Paid, now)? == 1;
        if let (true, Some(reference)) = (was_open, notice.reference.as_deref()) {
            rows::set_session_reference(conn, &session.id, reference)?;
        }
        let credited = FeeStatus::CREDITABLE.contains(&order.status)
            && move_order(
                conn,
                &order,
                FeeStatus::Paid,
                Some((provider.channel(), now)),
                "credited",
                now,
            )?;
        if credited {
            record_paid(conn, config, &order, provider.channel(), now)?;
            NoticeOutcome::Credited
        } else {
            if was_open {
                paid_twice(conn, provider, &order, &session, now)?;
            }
            NoticeOutcome::AlreadyApplied
        }
    } else {
        let closed = rows::close_session(conn, &session.id, SessionState::Failed, now)? == 1;
        if closed && order.status == FeeStatus::Pending {
            move_order(conn, &order, FeeStatus::Due, None, "checkout-failed", now)?;
            NoticeOutcome::Failed
        } else {
            NoticeOutcome::AlreadyApplied
        }
    };
    let recorded = match &outcome {
        NoticeOutcome::Credited => "credited",
        NoticeOutcome::Failed => "failed",
        _ => "ignored",
    };
    rows::record_notification(
        conn,
        provider.name(),
        &notice.event_id,
        &session.id,
        recorded,
        now,
    )?;
    Ok(outcome)
}

/// A checkout that was still open got paid after the fee had been paid another way (e.g. a
/// bank transfer booked meanwhile): the candidate paid twice. The fee's history says so, for
/// the finance office to refund the second payment; nothing is credited again.
fn paid_twice(
    conn: &mut DbConn,
    provider: &dyn PaymentProvider,
    order: &FeeOrderRow,
    session: &rows::SessionRow,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    tracing::warn!(
        order = %order.id,
        session = %session.id,
        provider = provider.name(),
        "a fee was paid twice: the second payment is to be refunded"
    );
    rows::record_order_event(
        conn,
        &NewOrderEvent {
            order_id: &order.id,
            from: Some(order.status),
            to: order.status,
            channel: Some(provider.channel().as_str()),
            reason: "paid-twice",
            now,
        },
    )?;
    Ok(())
}

/// The payment in the application's history, and the payment confirmation email.
fn record_paid(
    conn: &mut DbConn,
    config: &ServiceConfig,
    order: &FeeOrderRow,
    channel: Channel,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    let orders::FeeOwner {
        app,
        user,
        locale,
        programme,
    } = orders::fee_owner(conn, config, order)?;
    let amount = order.amount().context("a fee order's currency")?;
    transitions::apply(
        conn,
        config,
        &Transition {
            application_id: &app.id,
            from: app.status,
            to: app.status,
            actor: None,
            entry: HistoryEntry::FeePaid {
                channel: channel.as_str().to_owned(),
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
                message: EmailMessage::PaymentReceived {
                    programme,
                    amount,
                    paid_at: now,
                    channel: channel.as_str().to_owned(),
                    link: config.link(&format!("/applications/{}", app.id)),
                },
                dedup_key: Some(format!("paid:{}", order.id)),
            }],
        },
        now,
    )?;
    Ok(())
}

fn is_unique_violation(e: &anyhow::Error) -> bool {
    use diesel::result::{DatabaseErrorKind, Error};
    e.chain().any(|cause| {
        matches!(
            cause.downcast_ref::<Error>(),
            Some(Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _))
        )
    })
}

/// A checkout as the sandbox's hosted page shows it.
#[derive(Debug, Clone)]
pub struct SandboxCheckout {
    pub session: rows::SessionRow,
    pub application_id: ApplicationId,
}

pub fn sandbox_checkout(
    conn: &mut DbConn,
    session_id: &str,
) -> anyhow::Result<Option<SandboxCheckout>> {
    let Some(session) = rows::find_session(conn, session_id)? else {
        return Ok(None);
    };
    let order = rows::order(conn, &session.order_id)?.context("a checkout without its order")?;
    Ok(Some(SandboxCheckout {
        session,
        application_id: order.application_id,
    }))
}

/// Plays the gateway for the demo's sandbox: sends the portal a signed notification that
/// checkout `session` was paid (or failed), through the same verification as a real one. None
/// when the provider is not the sandbox.
pub async fn sandbox_notify(
    database: &db::Db,
    config: &ServiceConfig,
    session: &rows::SessionRow,
    event_id: &str,
    paid: bool,
) -> anyhow::Result<Option<NoticeOutcome>> {
    let Some(provider) = config.payments.clone() else {
        return Ok(None);
    };
    let Some((body, signature)) =
        provider.sandbox_notice(event_id, session, paid, db::now().and_utc().timestamp())
    else {
        return Ok(None);
    };
    apply_notice(database, config, Some(&signature), &body)
        .await
        .map(Some)
}

/// What one candidate has paid or owes: the fee of each of their applications, and transfers
/// with money left over (a balance to refund).
#[derive(Debug, Clone)]
pub struct CandidateMoney {
    pub fees: Vec<rows::FeeLine>,
    pub balance: Vec<crate::db::transfers::CreditRow>,
}

pub fn candidate_money(conn: &mut DbConn, candidate: &UserId) -> anyhow::Result<CandidateMoney> {
    Ok(CandidateMoney {
        fees: rows::fees_of(conn, candidate.as_str())?,
        balance: crate::db::transfers::balance_of(conn, candidate.as_str())?,
    })
}

/// Every fee the filter selects, for the finance office's export; the export is audited.
pub fn export_fees(
    conn: &mut DbConn,
    filter: &rows::FeeFilter,
    actor: &UserId,
) -> anyhow::Result<Vec<rows::FeeLine>> {
    let (lines, _) = rows::fee_list(conn, filter, 0, None)?;
    db::audit::record(
        conn,
        Some(actor.as_str()),
        "payments.fees.export",
        "fees.csv",
        &format!("{} rows", lines.len()),
        db::now(),
    )?;
    Ok(lines)
}
