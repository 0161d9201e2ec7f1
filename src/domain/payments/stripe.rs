//! Stripe Checkout's webhook events, read once their `Stripe-Signature` checks out: the events
//! of a Checkout Session that pay it or end it unpaid. Other events are acknowledged and left.

use serde::Deserialize;

use super::{verify_signature, Notice, NoticeProblem};
use crate::domain::money::{Currency, Money};

#[derive(Debug, Deserialize)]
struct Event {
    id: String,
    #[serde(rename = "type")]
    kind: String,
    data: EventData,
}

#[derive(Debug, Deserialize)]
struct EventData {
    object: serde_json::Value,
}

/// The parts of a Checkout Session the portal reads.
#[derive(Debug, Deserialize)]
struct Session {
    id: String,
    client_reference_id: Option<String>,
    amount_total: Option<i64>,
    currency: Option<String>,
    payment_status: Option<String>,
}

/// Reads a webhook event from the exact bytes received. The signature (HMAC-SHA-256 over
/// `t.body`, any of several `v1` values, five minutes' tolerance) is checked before anything is
/// parsed. A completed session that is paid, or whose delayed payment succeeded, pays; one whose
/// delayed payment failed, or that expired, fails. A session completed but not yet paid (a
/// delayed method) and every other event type are [`NoticeProblem::Irrelevant`].
pub fn read_event(
    secret: &[u8],
    signature: Option<&str>,
    body: &[u8],
    now: i64,
) -> Result<Notice, NoticeProblem> {
    verify_signature(secret, signature, body, now)?;
    let event: Event = serde_json::from_slice(body).map_err(|_| NoticeProblem::Malformed)?;
    if !event.kind.starts_with("checkout.session.") {
        return Err(NoticeProblem::Irrelevant);
    }
    let session: Session =
        serde_json::from_value(event.data.object).map_err(|_| NoticeProblem::Malformed)?;
    let paid = match (event.kind.as_str(), session.payment_status.as_deref()) {
        ("checkout.session.completed", Some("paid")) => true,
        ("checkout.session.async_payment_succeeded", _) => true,
        ("checkout.session.async_payment_failed" | "checkout.session.expired", _) => false,
        _ => return Err(NoticeProblem::Irrelevant),
    };
    let currency = session
        .currency
        .as_deref()
        .map(str::to_ascii_uppercase)
        .as_deref()
        .and_then(Currency::parse)
        .ok_or(NoticeProblem::Malformed)?;
    Ok(Notice {
        event_id: event.id,
        session_id: session
            .client_reference_id
            .ok_or(NoticeProblem::Malformed)?,
        paid,
        amount: Money {
            minor: session.amount_total.ok_or(NoticeProblem::Malformed)?,
            currency,
        },
        reference: Some(session.id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::payments::sign;

    fn event(kind: &str, status: &str) -> Vec<u8> {
        serde_json::json!({
            "id": "evt_1", "object": "event", "type": kind,
            "data": {"object": {
                "id": "cs_test_1", "object": "checkout.session",
                "client_reference_id": "ours", "amount_total": 8500,
                "currency": "pln", "payment_status": status,
            }},
        })
        .to_string()
        .into_bytes()
    }

    #[test]
    fn checkout_session_events_pay_fail_or_are_left_alone() {
        let secret = b"whsec_x";
        let read = |body: &[u8]| read_event(secret, Some(&sign(secret, 100, body)), body, 100);
        let paid = read(&event("checkout.session.completed", "paid")).unwrap();
        assert!(paid.paid);
        assert_eq!(paid.session_id, "ours");
        assert_eq!(paid.amount.minor, 8500);
        assert_eq!(paid.amount.currency.code(), "PLN");
        assert_eq!(paid.reference.as_deref(), Some("cs_test_1"));
        assert!(
            read(&event("checkout.session.async_payment_succeeded", "paid"))
                .unwrap()
                .paid
        );
        assert!(
            !read(&event("checkout.session.expired", "unpaid"))
                .unwrap()
                .paid
        );
        assert_eq!(
            read(&event("checkout.session.completed", "unpaid")),
            Err(NoticeProblem::Irrelevant)
        );
        assert_eq!(
            read(&event("customer.created", "paid")),
            Err(NoticeProblem::Irrelevant)
        );
        let body = event("checkout.session.completed", "paid");
        assert_eq!(
            read_event(b"other", Some(&sign(secret, 100, &body)), &body, 100),
            Err(NoticeProblem::SignatureMismatch)
        );
    }
}
