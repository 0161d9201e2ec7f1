//! Application fees: the status machine of a fee order, the state of a checkout at a payment
//! provider, and the checks a provider's notification passes before it may credit anything
//! (a signature over the exact bytes received, a fresh timestamp, the order's amount and
//! currency). `as_str` / `parse` are the one mapping to the columns.

pub mod account;
pub mod camt;
pub mod mt940;
pub mod przelewy24;
pub mod reader;
pub mod reconcile;
pub mod refund;
pub mod statement;
pub mod stripe;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::money::Money;

/// The status of a fee order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeeStatus {
    /// Payable, nothing started.
    Due,
    /// A checkout is open at a provider.
    Pending,
    Paid,
    Refunded,
    PartiallyRefunded,
    /// Not payable, by the definition's waiver (e.g. Karta Polaka holders).
    Waived,
    Cancelled,
}

impl FeeStatus {
    pub const ALL: [FeeStatus; 7] = [
        FeeStatus::Due,
        FeeStatus::Pending,
        FeeStatus::Paid,
        FeeStatus::Refunded,
        FeeStatus::PartiallyRefunded,
        FeeStatus::Waived,
        FeeStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FeeStatus::Due => "due",
            FeeStatus::Pending => "pending",
            FeeStatus::Paid => "paid",
            FeeStatus::Refunded => "refunded",
            FeeStatus::PartiallyRefunded => "partially_refunded",
            FeeStatus::Waived => "waived",
            FeeStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<FeeStatus> {
        FeeStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether an order may move from `self` to `to`.
    pub fn may_move(self, to: FeeStatus) -> bool {
        use FeeStatus::*;
        matches!(
            (self, to),
            (Due, Pending | Paid | Waived | Cancelled)
                // A checkout failed or was abandoned: payable again.
                | (Pending, Due | Paid | Cancelled)
                | (Paid, Refunded | PartiallyRefunded)
                | (PartiallyRefunded, Refunded)
        )
    }

    /// The Fluent message id of the status's human name.
    pub fn message_id(self) -> String {
        format!("fee-status-{}", self.as_str().replace('_', "-"))
    }

    /// Still to be paid: a checkout may start.
    pub fn is_payable(self) -> bool {
        matches!(self, FeeStatus::Due | FeeStatus::Pending)
    }

    /// The statuses a credit moves an order from.
    pub const CREDITABLE: [FeeStatus; 2] = [FeeStatus::Due, FeeStatus::Pending];
}

/// A column value that names no fee status.
#[derive(Debug, thiserror::Error)]
#[error("unknown fee status {0:?}")]
pub struct UnknownFeeStatus(pub String);

impl TryFrom<String> for FeeStatus {
    type Error = UnknownFeeStatus;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        FeeStatus::parse(&value).ok_or(UnknownFeeStatus(value))
    }
}

/// The one fee kind so far: the application fee.
pub const APPLICATION_FEE: &str = "application";

/// Where a checkout is at its provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionState {
    Open,
    Paid,
    Failed,
}

impl SessionState {
    pub fn as_str(self) -> &'static str {
        match self {
            SessionState::Open => "open",
            SessionState::Paid => "paid",
            SessionState::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<SessionState> {
        [SessionState::Open, SessionState::Paid, SessionState::Failed]
            .into_iter()
            .find(|st| st.as_str() == s)
    }
}

/// How a fee was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// The demo's stand-in for a gateway (`serve --demo` only).
    Sandbox,
    /// A transfer to the candidate's own account number, read from a bank statement.
    BankTransfer,
    /// Online through Przelewy24 (BLIK, pay-by-link, cards).
    Przelewy24,
    /// Online through Stripe Checkout (cards, BLIK, Przelewy24).
    Stripe,
}

impl Channel {
    pub const ALL: [Channel; 4] = [
        Channel::Sandbox,
        Channel::BankTransfer,
        Channel::Przelewy24,
        Channel::Stripe,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Sandbox => "sandbox",
            Channel::BankTransfer => "bank_transfer",
            Channel::Przelewy24 => "przelewy24",
            Channel::Stripe => "stripe",
        }
    }

    pub fn parse(s: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What a provider's notification says happened to a checkout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The provider's id of this notification: a repeat carries the same.
    pub event_id: String,
    pub session_id: String,
    pub paid: bool,
    pub amount: Money,
    /// The gateway's own id of the payment, where a later call needs it.
    pub reference: Option<String>,
}

/// What a provider's notification says happened to a refund the portal asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundNotice {
    /// The provider's id of this notification: a repeat carries the same.
    pub event_id: String,
    /// Our id of the refund, as the refund request gave it.
    pub refund_id: String,
    /// Given back (true) or refused (false).
    pub completed: bool,
    pub amount: Money,
    /// The gateway's id of the refund.
    pub reference: Option<String>,
}

/// A verified notification: about a payment, or about a refund.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notified {
    Payment(Notice),
    Refund(RefundNotice),
}

/// Why a notification is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NoticeProblem {
    #[error("no signature, or not in the form the provider signs with")]
    SignatureMissing,
    #[error("the signature does not match the body")]
    SignatureMismatch,
    #[error("the signature's timestamp is outside the tolerance window")]
    Stale,
    #[error("the body is not a notification")]
    Malformed,
    #[error("no checkout has this id")]
    UnknownSession,
    #[error("no refund has this id")]
    UnknownRefund,
    #[error("the amount or currency differs from the checkout's")]
    WrongAmount,
    /// Genuine, but about nothing the portal acts on (another event type, a payment still
    /// under way): acknowledged, changes nothing.
    #[error("an event the portal does not act on")]
    Irrelevant,
}

/// How old a signed notification may be, in seconds, either way (clock drift).
pub const SIGNATURE_TOLERANCE_SECONDS: i64 = 300;

/// The signature header for `body` signed at `timestamp` (Unix seconds) with `secret`:
/// `t=<timestamp>,v1=<hex of HMAC-SHA-256 over "<timestamp>.<body>">`, as Stripe signs its
/// webhooks.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    format!("t={timestamp},v1={}", hex(&mac(secret, timestamp, body)))
}

fn mac(secret: &[u8], timestamp: i64, body: &[u8]) -> Vec<u8> {
    // HMAC accepts a key of any length.
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(mac) => mac,
        Err(_) => return Vec::new(),
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Checks a signature header against the exact bytes received, before anything parses them:
/// a `v1` value must be the HMAC of `t.body` (compared in constant time; several `v1` values
/// are allowed while a secret is rotated) and `t` within the tolerance of `now`.
pub fn verify_signature(
    secret: &[u8],
    header: Option<&str>,
    body: &[u8],
    now: i64,
) -> Result<(), NoticeProblem> {
    let header = header.ok_or(NoticeProblem::SignatureMissing)?;
    let mut timestamp = None;
    let mut candidates = Vec::new();
    for part in header.split(',') {
        match part.trim().split_once('=') {
            Some(("t", t)) => timestamp = t.parse::<i64>().ok(),
            Some(("v1", v)) => candidates.extend(unhex(v)),
            _ => {}
        }
    }
    let timestamp = timestamp.ok_or(NoticeProblem::SignatureMissing)?;
    if candidates.is_empty() {
        return Err(NoticeProblem::SignatureMissing);
    }
    let matches = candidates.iter().any(|candidate| {
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
            return false;
        };
        mac.update(timestamp.to_string().as_bytes());
        mac.update(b".");
        mac.update(body);
        mac.verify_slice(candidate).is_ok()
    });
    if !matches {
        return Err(NoticeProblem::SignatureMismatch);
    }
    if (now - timestamp).abs() > SIGNATURE_TOLERANCE_SECONDS {
        return Err(NoticeProblem::Stale);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_move_only_as_the_machine_allows() {
        use FeeStatus::*;
        assert!(Due.may_move(Pending));
        assert!(Pending.may_move(Paid));
        assert!(Pending.may_move(Due));
        assert!(Paid.may_move(Refunded));
        assert!(
            !Paid.may_move(Due),
            "a credit is never undone by a late failure"
        );
        assert!(!Paid.may_move(Pending));
        assert!(!Waived.may_move(Paid));
        assert!(!Refunded.may_move(Paid));
        for status in FeeStatus::ALL {
            assert_eq!(FeeStatus::parse(status.as_str()), Some(status));
            assert!(!status.may_move(status));
        }
    }

    #[test]
    fn a_signature_holds_only_for_the_exact_body_secret_and_time() {
        let secret = b"whsec_test";
        let body =
            br#"{"event":"evt_1","session":"s","status":"paid","amount":8500,"currency":"PLN"}"#;
        let header = sign(secret, 1_000_000, body);
        assert_eq!(
            verify_signature(secret, Some(&header), body, 1_000_010),
            Ok(())
        );
        let mut changed = body.to_vec();
        changed[40] ^= 1;
        assert_eq!(
            verify_signature(secret, Some(&header), &changed, 1_000_010),
            Err(NoticeProblem::SignatureMismatch)
        );
        assert_eq!(
            verify_signature(b"other", Some(&header), body, 1_000_010),
            Err(NoticeProblem::SignatureMismatch)
        );
        assert_eq!(
            verify_signature(secret, Some(&header), body, 1_000_000 + 301),
            Err(NoticeProblem::Stale)
        );
        assert_eq!(
            verify_signature(secret, None, body, 1_000_000),
            Err(NoticeProblem::SignatureMissing)
        );
        assert_eq!(
            verify_signature(secret, Some("t=1000000"), body, 1_000_000),
            Err(NoticeProblem::SignatureMissing)
        );
        // During a secret rotation the header carries a signature per secret.
        let old = sign(b"old", 1_000_000, body);
        let both = format!("{header},{}", old.split(',').nth(1).unwrap_or_default());
        assert_eq!(
            verify_signature(b"old", Some(&both), body, 1_000_000),
            Ok(())
        );
        assert_eq!(
            verify_signature(secret, Some(&both), body, 1_000_000),
            Ok(())
        );
    }
}
