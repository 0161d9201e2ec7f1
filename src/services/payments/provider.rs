//! What the portal needs of a payment gateway, whichever it is.

use crate::db::payments::SessionRow;
use crate::domain::money::Money;
use crate::domain::payments::{Channel, Notice, NoticeProblem};
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

/// A payment gateway as the portal uses it: opening a checkout where the candidate pays, and
/// reading (and, where the gateway requires it, confirming) its notifications. Chosen by
/// settings, never by code.
pub trait PaymentProvider: std::fmt::Debug + Send + Sync {
    /// The name stored with checkouts and notifications, and in the notification URL.
    fn name(&self) -> &'static str;
    fn channel(&self) -> Channel;
    /// Opens the checkout at the gateway; the answer is where the candidate pays.
    fn open<'a>(&'a self, request: &'a CheckoutRequest) -> GatewayFuture<'a, String>;
    /// The request header a notification's signature comes in (None: it is in the body).
    fn signature_header(&self) -> Option<&'static str> {
        Some(SIGNATURE_HEADER)
    }
    /// Reads a notification from the exact bytes received: the signature first, then the
    /// content. `now` is Unix seconds.
    fn read_notice(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<Notice, NoticeProblem>;
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
