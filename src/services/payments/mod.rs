//! Application fees: the order made when a fee falls due, checkouts at a payment provider, and
//! the provider's notifications, each verified on the bytes received and applied once.

pub mod transfers;

use std::sync::Arc;

use anyhow::Context;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::db::payments::{self as rows, FeeOrderRow, NewOrder, NewOrderEvent, OrderMove};
use crate::db::{self, write_tx, DbConn};
use crate::domain::history::HistoryEntry;
use crate::domain::ids::ApplicationId;
use crate::domain::money::{Currency, Money};
use crate::domain::payments::{
    verify_signature, Channel, FeeStatus, Notice, NoticeProblem, SessionState, APPLICATION_FEE,
};
use crate::domain::Locale;
use crate::domain::UserId;
use crate::notify::emails::{EmailMessage, Recipient};
use crate::services::transitions::{self, Notification, Transition};
use crate::services::ServiceConfig;

/// A payment gateway as the portal uses it: where a candidate pays for a checkout, and how
/// the gateway's notifications are read. Chosen by settings, never by code.
pub trait PaymentProvider: std::fmt::Debug + Send + Sync {
    /// The name stored with checkouts and notifications, and in the notification URL.
    fn name(&self) -> &'static str;
    fn channel(&self) -> Channel;
    /// Where the candidate is sent to pay checkout `session_id`.
    fn checkout_url(&self, session_id: &str) -> String;
    /// Reads a notification from the exact bytes received: the signature first, then the
    /// content. `now` is Unix seconds.
    fn read_notice(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<Notice, NoticeProblem>;
    /// The demo's sandbox, which plays the gateway in the portal itself.
    fn as_sandbox(&self) -> Option<&Sandbox> {
        None
    }
}

/// The demo's stand-in for a gateway (`serve --demo` only): its hosted page is under `/dev/pay/`,
/// and its notifications are signed as Stripe signs webhooks, with a secret derived from the
/// portal's secret key.
#[derive(Debug, Clone)]
pub struct Sandbox {
    secret: Vec<u8>,
}

/// A sandbox notification as sent.
#[derive(Debug, Serialize, Deserialize)]
struct SandboxNotice {
    event: String,
    session: String,
    /// `paid` or `failed`.
    status: String,
    amount: i64,
    currency: String,
}

impl Sandbox {
    pub fn from_secret_key(secret_key: &str) -> Sandbox {
        let mut hash = Sha256::new();
        hash.update(b"admitto payment sandbox\0");
        hash.update(secret_key.as_bytes());
        Sandbox {
            secret: hash.finalize().to_vec(),
        }
    }

    /// A signed notification about `session`, as the gateway would send it: the body and its
    /// signature header.
    pub fn notice(
        &self,
        event_id: &str,
        session: &rows::SessionRow,
        paid: bool,
        now: i64,
    ) -> (Vec<u8>, String) {
        let notice = SandboxNotice {
            event: event_id.to_owned(),
            session: session.id.clone(),
            status: if paid { "paid" } else { "failed" }.to_owned(),
            amount: session.amount_minor,
            currency: session.currency.clone(),
        };
        let body = serde_json::to_vec(&notice).unwrap_or_default();
        let signature = crate::domain::payments::sign(&self.secret, now, &body);
        (body, signature)
    }

    /// Signs any body, as the gateway signs (for replaying or forging in tests).
    pub fn sign(&self, body: &[u8], now: i64) -> String {
        crate::domain::payments::sign(&self.secret, now, body)
    }
}

impl PaymentProvider for Sandbox {
    fn name(&self) -> &'static str {
        "sandbox"
    }

    fn channel(&self) -> Channel {
        Channel::Sandbox
    }

    fn checkout_url(&self, session_id: &str) -> String {
        format!("/dev/pay/{session_id}")
    }

    fn as_sandbox(&self) -> Option<&Sandbox> {
        Some(self)
    }

    fn read_notice(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<Notice, NoticeProblem> {
        verify_signature(&self.secret, signature, body, now)?;
        let notice: SandboxNotice =
            serde_json::from_slice(body).map_err(|_| NoticeProblem::Malformed)?;
        let paid = match notice.status.as_str() {
            "paid" => true,
            "failed" => false,
            _ => return Err(NoticeProblem::Malformed),
        };
        let currency = Currency::parse(&notice.currency).ok_or(NoticeProblem::Malformed)?;
        Ok(Notice {
            event_id: notice.event,
            session_id: notice.session,
            paid,
            amount: Money {
                minor: notice.amount,
                currency,
            },
        })
    }
}

/// The provider the settings choose: the sandbox in demo mode; none otherwise (fees are then
/// shown as due, without online payment).
pub fn provider_for(demo: bool, secret_key: &str) -> Option<Arc<dyn PaymentProvider>> {
    demo.then(|| Arc::new(Sandbox::from_secret_key(secret_key)) as Arc<dyn PaymentProvider>)
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
}

/// Opens a checkout for the candidate's fee, or goes back to the one already open, so one fee
/// is never charged twice.
pub fn checkout(
    conn: &mut DbConn,
    provider: &dyn PaymentProvider,
    application_id: &ApplicationId,
    candidate: &UserId,
) -> anyhow::Result<Option<CheckoutOutcome>> {
    let Some(app) = db::applications::find_owned(conn, application_id, candidate)? else {
        return Ok(None);
    };
    if app.status == crate::domain::status::ApplicationStatus::Withdrawn {
        return Ok(Some(CheckoutOutcome::NoOrder));
    }
    let attempt = |conn: &mut DbConn| {
        write_tx(conn, |conn| {
            let Some(order) = rows::find_order(conn, application_id, APPLICATION_FEE)? else {
                return Ok(CheckoutOutcome::NoOrder);
            };
            if !order.status.is_payable() {
                return Ok(CheckoutOutcome::NotPayable(order.status));
            }
            if let Some(open) = rows::open_session(conn, &order.id)? {
                return Ok(CheckoutOutcome::Pay {
                    url: provider.checkout_url(&open.id),
                });
            }
            let now = db::now();
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
            move_order(conn, &order, FeeStatus::Pending, None, "checkout", now)?;
            Ok::<_, anyhow::Error>(CheckoutOutcome::Pay {
                url: provider.checkout_url(&session),
            })
        })
    };
    match attempt(conn) {
        Ok(outcome) => Ok(Some(outcome)),
        // Two clicks at once: the second checkout hit the one-open-checkout index; the
        // first one's checkout is the one to use.
        Err(e) if is_unique_violation(&e) => attempt(conn).map(Some),
        Err(e) => Err(e),
    }
}

/// Moves an order from its current status with a history row; false when another request
/// moved it first.
fn move_order(
    conn: &mut DbConn,
    order: &FeeOrderRow,
    to: FeeStatus,
    paid: Option<(Channel, NaiveDateTime)>,
    reason: &str,
    now: NaiveDateTime,
) -> anyhow::Result<bool> {
    anyhow::ensure!(
        order.status.may_move(to),
        "a fee order cannot move from {} to {}",
        order.status.as_str(),
        to.as_str()
    );
    let moved = rows::move_order(
        conn,
        &OrderMove {
            id: &order.id,
            from: &[order.status],
            to,
            channel: paid.map(|(c, _)| c.as_str()),
            paid_at: paid.map(|(_, at)| at),
            now,
        },
    )?;
    if moved == 0 {
        return Ok(false);
    }
    rows::record_order_event(
        conn,
        &NewOrderEvent {
            order_id: &order.id,
            from: Some(order.status),
            to,
            channel: paid.map(|(c, _)| c.as_str()),
            reason,
            now,
        },
    )?;
    Ok(true)
}

/// What a notification did.
#[derive(Debug, PartialEq, Eq)]
pub enum NoticeOutcome {
    /// The fee is paid now.
    Credited,
    /// The checkout failed; the fee is payable again.
    Failed,
    /// This notification was applied before (a repeat), or the order was settled already.
    AlreadyApplied,
    /// Refused, with why; nothing changed.
    Refused(NoticeProblem),
}

/// Applies a provider's notification: verified on the raw body, recorded once by its event id,
/// checked against the checkout's amount and currency, and applied by conditional updates, so
/// repeated, concurrent or reordered notifications credit once and a late failure never undoes
/// a credit.
pub fn apply_notice(
    conn: &mut DbConn,
    config: &ServiceConfig,
    provider: &dyn PaymentProvider,
    signature: Option<&str>,
    body: &[u8],
) -> anyhow::Result<NoticeOutcome> {
    let now = db::now();
    let notice = match provider.read_notice(signature, body, now.and_utc().timestamp()) {
        Ok(notice) => notice,
        Err(problem) => {
            tracing::warn!(provider = provider.name(), %problem, "payment notification refused");
            return Ok(NoticeOutcome::Refused(problem));
        }
    };
    let outcome = write_tx(conn, |conn| {
        apply_verified(conn, config, provider, &notice, now)
    });
    match outcome {
        Ok(outcome) => {
            if let NoticeOutcome::Refused(problem) = &outcome {
                tracing::warn!(provider = provider.name(), event = %notice.event_id, %problem, "payment notification refused");
            }
            Ok(outcome)
        }
        // The same notification, delivered at the same moment, was recorded by the other
        // delivery.
        Err(e) if is_unique_violation(&e) => Ok(NoticeOutcome::AlreadyApplied),
        Err(e) => Err(e),
    }
}

fn apply_verified(
    conn: &mut DbConn,
    config: &ServiceConfig,
    provider: &dyn PaymentProvider,
    notice: &Notice,
    now: NaiveDateTime,
) -> anyhow::Result<NoticeOutcome> {
    if rows::notification_seen(conn, provider.name(), &notice.event_id)? {
        return Ok(NoticeOutcome::AlreadyApplied);
    }
    let Some(session) =
        rows::find_session(conn, &notice.session_id)?.filter(|s| s.provider == provider.name())
    else {
        return Ok(NoticeOutcome::Refused(NoticeProblem::UnknownSession));
    };
    if notice.amount.minor != session.amount_minor
        || notice.amount.currency.code() != session.currency
    {
        return Ok(NoticeOutcome::Refused(NoticeProblem::WrongAmount));
    }
    let order = rows::order(conn, &session.order_id)?.context("a checkout without its order")?;
    let outcome = if notice.paid {
        let was_open = rows::close_session(conn, &session.id, SessionState::Paid, now)? == 1;
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
    let app = db::applications::find(conn, &order.application_id)?
        .context("a fee order without its application")?;
    let user = db::users::find(conn, app.candidate_id.as_str())?
        .context("an application without its candidate")?;
    let locale = user
        .locale
        .as_deref()
        .and_then(Locale::parse)
        .unwrap_or(Locale::Pl);
    let programme = super::cycles::version(conn, app.cycle_version_id.as_str())?
        .and_then(|(_, def)| {
            def.program(app.program_code.as_str())
                .map(|p| p.name.get_ref().clone())
        })
        .unwrap_or_default();
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
            receipt: None,
            notifications: vec![Notification {
                to: Recipient {
                    email: &user.email,
                    user_id: Some(&user.id),
                    locale,
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
pub fn sandbox_notify(
    conn: &mut DbConn,
    config: &ServiceConfig,
    provider: &dyn PaymentProvider,
    session: &rows::SessionRow,
    event_id: &str,
    paid: bool,
) -> anyhow::Result<Option<NoticeOutcome>> {
    let Some(sandbox) = provider.as_sandbox() else {
        return Ok(None);
    };
    let (body, signature) =
        sandbox.notice(event_id, session, paid, db::now().and_utc().timestamp());
    apply_notice(conn, config, provider, Some(&signature), &body).map(Some)
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
