//! The demo's payment sandbox: a gateway played by the portal itself, with its hosted page
//! under `/dev/pay/` (`serve --demo` only).

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::provider::{
    CheckoutRequest, GatewayFuture, Opened, PaymentProvider, RefundAnswer, RefundRequest,
};
use crate::db::payments as rows;
use crate::domain::money::{Currency, Money};
use crate::domain::payments::{verify_signature, Channel, Notice, NoticeProblem, Notified};

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

    fn open<'a>(&'a self, request: &'a CheckoutRequest) -> GatewayFuture<'a, Opened> {
        Box::pin(async move {
            Ok(Opened {
                url: format!("/dev/pay/{}", request.session_id),
                gateway_id: None,
            })
        })
    }

    /// The sandbox gives money back at once.
    fn refund<'a>(&'a self, request: &'a RefundRequest) -> GatewayFuture<'a, RefundAnswer> {
        Box::pin(async move {
            Ok(RefundAnswer::Completed {
                reference: Some(format!("sandbox-refund-{}", request.refund_id)),
            })
        })
    }

    fn sandbox_notice(
        &self,
        event_id: &str,
        session: &rows::SessionRow,
        paid: bool,
        now: i64,
    ) -> Option<(Vec<u8>, String)> {
        Some(self.notice(event_id, session, paid, now))
    }

    fn read_notice(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<Notified, NoticeProblem> {
        verify_signature(&self.secret, signature, body, now)?;
        let notice: SandboxNotice =
            serde_json::from_slice(body).map_err(|_| NoticeProblem::Malformed)?;
        let paid = match notice.status.as_str() {
            "paid" => true,
            "failed" => false,
            _ => return Err(NoticeProblem::Malformed),
        };
        let currency = Currency::parse(&notice.currency).ok_or(NoticeProblem::Malformed)?;
        Ok(Notified::Payment(Notice {
            reference: Some(format!("sandbox-{}", notice.event)),
            event_id: notice.event,
            session_id: notice.session,
            paid,
            amount: Money {
                minor: notice.amount,
                currency,
            },
        }))
    }
}
