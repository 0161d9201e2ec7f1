//! What the portal needs of a payment gateway, whichever it is.

use crate::db::payments::SessionRow;
use crate::domain::money::Money;
use crate::domain::payments::{Channel, Notice, NoticeProblem, Notified};
use crate::domain::Locale;

/// A call to a payment gateway over the network.
pub type GatewayFuture<'a, T> =
    std::pin::Pin<Box<dyn std::future::Future<Output = anyhow::Result<T>> + Send + 'a>>;

/// What a gateway is told when a checkout opens.
#[derive(Debug, Clone)]
pub struct CheckoutRequest {
    /// Our id of the checkout: the gateway's notifications name it.
    pub session_id: String,
    pub amount: Money,
    /// What the payment is for, as the candidate sees it at the gateway.
    pub description: String,
    pub email: String,
    pub locale: Locale,
    /// Where the candidate comes back to.
    pub return_url: String,
    /// Where the gateway posts its notifications.
    pub notify_url: String,
}

/// A checkout the gateway opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// Where the candidate pays.
    pub url: String,
    /// The gateway's id of the checkout, to ask about it later.
    pub gateway_id: Option<String>,
}

/// What a gateway is asked when money is given back.
#[derive(Debug, Clone)]
pub struct RefundRequest {
    /// Our id of the refund: the gateway's notification about it names it.
    pub refund_id: String,
    /// Our id of the paid checkout.
    pub session_id: String,
    /// The gateway's id of the payment (Przelewy24's order id, Stripe's payment intent).
    pub payment: Option<String>,
    pub amount: Money,
    /// What the payer sees on the refund.
    pub description: String,
    /// Where the gateway posts its notification about the refund.
    pub notify_url: String,
}

/// What a gateway answered to a refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefundAnswer {
    /// Given back at once.
    Completed { reference: Option<String> },
    /// Accepted; a notification will say when it is done.
    Requested { reference: Option<String> },
    /// Refused by the gateway, with what it said.
    Refused { reason: String },
}

/// A payment gateway as the portal uses it: opening a checkout where the candidate pays, and
/// reading (and, where the gateway requires it, confirming) its notifications. Chosen by
/// settings, never by code.
pub trait PaymentProvider: std::fmt::Debug + Send + Sync {
    /// The name stored with checkouts and notifications, and in the notification URL.
    fn name(&self) -> &'static str;
    fn channel(&self) -> Channel;
    /// Opens the checkout at the gateway; the answer says where the candidate pays.
    fn open<'a>(&'a self, request: &'a CheckoutRequest) -> GatewayFuture<'a, Opened>;
    /// Asks the gateway where a checkout stands, for one whose notification seems lost: a
    /// notice when it was paid or ended unpaid, None while it is still open (or when the
    /// gateway cannot be asked). An error: the gateway could not be reached.
    fn lookup<'a>(&'a self, _session: &'a SessionRow) -> GatewayFuture<'a, Option<Notice>> {
        Box::pin(async { Ok(None) })
    }
    /// Asks the gateway to give back part or all of a payment. An error: it could not be
    /// reached (nothing was refunded).
    fn refund<'a>(&'a self, request: &'a RefundRequest) -> GatewayFuture<'a, RefundAnswer>;
    /// The request header a notification's signature comes in (None: it is in the body).
    fn signature_header(&self) -> Option<&'static str> {
        Some(SIGNATURE_HEADER)
    }
    /// Reads a notification (about a payment or a refund) from the exact bytes received: the
    /// signature first, then the content. `now` is Unix seconds.
    fn read_notice(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<Notified, NoticeProblem>;
    /// Confirms a payment notice with the gateway before it counts (Przelewy24's mandatory
    /// verify call). Gateways that need no confirmation accept at once.
    fn confirm<'a>(&'a self, _notice: &'a Notice) -> GatewayFuture<'a, ()> {
        Box::pin(async { Ok(()) })
    }
    /// The demo's sandbox plays the gateway in the portal itself: the signed notification it
    /// sends about checkout `session` (its body and signature header). None for real gateways.
    fn sandbox_notice(
        &self,
        _event_id: &str,
        _session: &SessionRow,
        _paid: bool,
        _now: i64,
    ) -> Option<(Vec<u8>, String)> {
        None
    }
}

/// The header the sandbox signs its notifications in.
pub const SIGNATURE_HEADER: &str = "Admitto-Signature";
