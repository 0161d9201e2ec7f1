//! Stripe Checkout's webhook events, read once their `Stripe-Signature` checks out: the events
//! of a Checkout Session that pay it or end it unpaid, and those of a refund the portal asked
//! for that settle it. Other events are acknowledged and left.

use serde::Deserialize;

use super::{verify_signature, Notice, NoticeProblem, Notified, RefundNotice};
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
    payment_intent: Option<String>,
}

/// The parts of a Refund the portal reads.
#[derive(Debug, Deserialize)]
struct Refund {
    id: String,
    amount: i64,
    currency: String,
    status: String,
    #[serde(default)]
    metadata: std::collections::HashMap<String, String>,
}

/// The metadata key a refund the portal asks for carries its own id in.
pub const REFUND_METADATA: &str = "refund";

fn currency(code: &str) -> Result<Currency, NoticeProblem> {
    Currency::parse(&code.to_ascii_uppercase()).ok_or(NoticeProblem::Malformed)
}

/// Reads a webhook event from the exact bytes received. The signature (HMAC-SHA-256 over
/// `t.body`, any of several `v1` values, five minutes' tolerance) is checked before anything is
/// parsed. A completed session that is paid, or whose delayed payment succeeded, pays; one whose
/// delayed payment failed, or that expired, fails. A session completed but not yet paid (a
/// delayed method) and every other event type are [`NoticeProblem::Irrelevant`]. A refund event
/// about one of the portal's refunds (its id in the metadata) settles it once its status is
/// `succeeded`, `failed` or `canceled`.
pub fn read_event(
    secret: &[u8],
    signature: Option<&str>,
    body: &[u8],
    now: i64,
) -> Result<Notified, NoticeProblem> {
    verify_signature(secret, signature, body, now)?;
    let event: Event = serde_json::from_slice(body).map_err(|_| NoticeProblem::Malformed)?;
    if event.kind.starts_with("refund.") {
        return read_refund(event).map(Notified::Refund);
    }
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
    let currency = currency(session.currency.as_deref().unwrap_or_default())?;
    Ok(Notified::Payment(Notice {
        event_id: event.id,
        session_id: session
            .client_reference_id
            .ok_or(NoticeProblem::Malformed)?,
        paid,
        amount: Money {
            minor: session.amount_total.ok_or(NoticeProblem::Malformed)?,
            currency,
        },
        // A refund names the payment, not the session.
        reference: session.payment_intent.or(Some(session.id)),
    }))
}

/// A Checkout Session as Stripe answers a lookup of it: paid, or expired unpaid, is a notice
/// (its event id made from the session's id and outcome, so a second lookup repeats it); a
/// session still open, or unreadable, is None.
pub fn session_notice(object: serde_json::Value) -> Option<Notice> {
    let status = object.get("status").and_then(|s| s.as_str())?.to_owned();
    let session: Session = serde_json::from_value(object).ok()?;
    let paid = match (status.as_str(), session.payment_status.as_deref()) {
        (_, Some("paid")) => true,
        ("expired", _) => false,
        _ => return None,
    };
    Some(Notice {
        event_id: format!(
            "lookup:{}:{}",
            session.id,
            if paid { "paid" } else { "expired" }
        ),
        session_id: session.client_reference_id?,
        paid,
        amount: Money {
            minor: session.amount_total?,
            currency: currency(session.currency.as_deref()?).ok()?,
        },
        reference: session.payment_intent.or(Some(session.id)),
    })
}

fn read_refund(event: Event) -> Result<RefundNotice, NoticeProblem> {
    let refund: Refund =
        serde_json::from_value(event.data.object).map_err(|_| NoticeProblem::Malformed)?;
    let completed = match refund.status.as_str() {
        "succeeded" => true,
        "failed" | "canceled" => false,
        _ => return Err(NoticeProblem::Irrelevant),
    };
    let Some(ours) = refund.metadata.get(REFUND_METADATA) else {
        // Made at Stripe itself, not asked for here.
        return Err(NoticeProblem::Irrelevant);
    };
    Ok(RefundNotice {
        event_id: event.id,
        refund_id: ours.clone(),
        completed,
        amount: Money {
            minor: refund.amount,
            currency: currency(&refund.currency)?,
        },
        reference: Some(refund.id),
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
                "payment_intent": "pi_test_1",
            }},
        })
        .to_string()
        .into_bytes()
    }

    #[test]
    fn checkout_session_events_pay_fail_or_are_left_alone() {
        let secret = b"whsec_x";
        let read = |body: &[u8]| {
            read_event(secret, Some(&sign(secret, 100, body)), body, 100).map(|n| match n {
                Notified::Payment(notice) => notice,
                Notified::Refund(r) => panic!("not a refund: {r:?}"),
            })
        };
        let paid = read(&event("checkout.session.completed", "paid")).unwrap();
        assert!(paid.paid);
        assert_eq!(paid.session_id, "ours");
        assert_eq!(paid.amount.minor, 8500);
        assert_eq!(paid.amount.currency.code(), "PLN");
        assert_eq!(paid.reference.as_deref(), Some("pi_test_1"));
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

    fn refund_event(status: &str, metadata: serde_json::Value) -> Vec<u8> {
        serde_json::json!({
            "id": "evt_r1", "object": "event", "type": "refund.updated",
            "data": {"object": {
                "id": "re_1", "object": "refund", "amount": 4000, "currency": "pln",
                "payment_intent": "pi_test_1", "status": status, "metadata": metadata,
            }},
        })
        .to_string()
        .into_bytes()
    }

    #[test]
    fn refund_events_settle_the_portals_refunds_and_leave_others_alone() {
        let secret = b"whsec_x";
        let read = |body: &[u8]| read_event(secret, Some(&sign(secret, 100, body)), body, 100);
        let ours = serde_json::json!({"refund": "r-1"});
        let Ok(Notified::Refund(done)) = read(&refund_event("succeeded", ours.clone())) else {
            panic!("a refund");
        };
        assert!(done.completed);
        assert_eq!(done.refund_id, "r-1");
        assert_eq!(done.amount.minor, 4000);
        assert_eq!(done.reference.as_deref(), Some("re_1"));
        let Ok(Notified::Refund(failed)) = read(&refund_event("failed", ours.clone())) else {
            panic!("a refund");
        };
        assert!(!failed.completed);
        assert_eq!(
            read(&refund_event("pending", ours)),
            Err(NoticeProblem::Irrelevant)
        );
        assert_eq!(
            read(&refund_event("succeeded", serde_json::json!({}))),
            Err(NoticeProblem::Irrelevant)
        );
    }

    #[test]
    fn a_looked_up_session_is_a_notice_once_paid_or_expired() {
        let session = |status: &str, paid: &str| {
            serde_json::json!({
                "id": "cs_1", "object": "checkout.session", "status": status,
                "payment_status": paid, "client_reference_id": "ours",
                "amount_total": 8500, "currency": "pln", "payment_intent": "pi_1",
            })
        };
        let paid = session_notice(session("complete", "paid")).unwrap();
        assert!(paid.paid);
        assert_eq!(paid.event_id, "lookup:cs_1:paid");
        assert_eq!(paid.reference.as_deref(), Some("pi_1"));
        let expired = session_notice(session("expired", "unpaid")).unwrap();
        assert!(!expired.paid);
        assert_eq!(session_notice(session("open", "unpaid")), None);
        assert_eq!(
            session_notice(serde_json::json!({"status": "complete"})),
            None
        );
    }
}
