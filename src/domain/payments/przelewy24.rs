//! Przelewy24's REST protocol, the parts that need no network: the bodies the portal sends
//! (registering a transaction, verifying it, refunding it) with their `sign`, and the status
//! and refund notifications Przelewy24 sends, whose `sign` is checked before anything in them
//! is believed.
//!
//! Every `sign` is the SHA-384 (hex) of a small JSON object written compactly, keys in the
//! documented order, slashes and non-ASCII letters unescaped, ending with the shop's CRC key.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha384};

use super::{Notice, NoticeProblem, Notified, RefundNotice};
use crate::domain::money::{Currency, Money};

/// The shop's identity at Przelewy24.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shop {
    pub merchant_id: i64,
    pub pos_id: i64,
}

/// `POST /api/v1/transaction/register`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Register<'a> {
    pub merchant_id: i64,
    pub pos_id: i64,
    pub session_id: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub description: &'a str,
    pub email: &'a str,
    pub country: &'a str,
    pub language: &'a str,
    pub url_return: &'a str,
    pub url_status: &'a str,
    pub sign: String,
}

/// What the register call answers: `{"data":{"token":"…"},"responseCode":0}`.
#[derive(Debug, Deserialize)]
pub struct Registered {
    pub data: RegisteredData,
}

#[derive(Debug, Deserialize)]
pub struct RegisteredData {
    pub token: String,
}

/// `PUT /api/v1/transaction/verify`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Verify<'a> {
    pub merchant_id: i64,
    pub pos_id: i64,
    pub session_id: &'a str,
    pub amount: i64,
    pub currency: &'a str,
    pub order_id: i64,
    pub sign: String,
}

/// The status notification, as Przelewy24 posts it to `urlStatus`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub merchant_id: i64,
    pub pos_id: i64,
    pub session_id: String,
    pub amount: i64,
    pub origin_amount: i64,
    pub currency: String,
    pub order_id: i64,
    pub method_id: i64,
    pub statement: String,
    pub sign: String,
}

/// What a transaction lookup by session id answers: `{"data":{…},"responseCode":0}`.
#[derive(Debug, Deserialize)]
pub struct Transaction {
    pub data: TransactionData,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransactionData {
    pub order_id: i64,
    pub session_id: String,
    /// 0: no payment, 1: paid and awaiting verification, 2: paid, 3: returned.
    pub status: i64,
    pub amount: i64,
    pub currency: String,
}

impl Transaction {
    /// The notice the lost notification would have given: a paid transaction (status 1 or
    /// 2), identified by its `orderId` as the notification is. None otherwise.
    pub fn notice(&self) -> Option<Notice> {
        let d = &self.data;
        if !matches!(d.status, 1 | 2) {
            return None;
        }
        Some(Notice {
            event_id: d.order_id.to_string(),
            session_id: d.session_id.clone(),
            paid: true,
            amount: Money {
                minor: d.amount,
                currency: Currency::parse(&d.currency)?,
            },
            reference: Some(d.order_id.to_string()),
        })
    }
}

/// `POST /api/v1/transaction/refund`, here always one refund of one transaction.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Refund<'a> {
    pub request_id: &'a str,
    pub refunds: Vec<RefundItem<'a>>,
    pub refunds_uuid: &'a str,
    pub url_status: &'a str,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefundItem<'a> {
    pub order_id: i64,
    pub session_id: &'a str,
    pub amount: i64,
    pub description: &'a str,
}

/// What the refund call answers: a result per refund asked for.
#[derive(Debug, Deserialize)]
pub struct RefundAnswer {
    pub data: Vec<RefundResult>,
}

#[derive(Debug, Deserialize)]
pub struct RefundResult {
    pub status: bool,
    #[serde(default)]
    pub message: String,
}

/// The refund notification, posted to the refund's `urlStatus` once the money is sent back
/// (`status` 0) or the refund is rejected (any other).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct RefundNotification {
    pub order_id: i64,
    pub session_id: String,
    pub merchant_id: i64,
    pub request_id: String,
    pub refunds_uuid: String,
    pub amount: i64,
    pub currency: String,
    pub timestamp: i64,
    pub status: i64,
    pub sign: String,
}

fn sha384_hex(json: &str) -> String {
    Sha384::digest(json.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn signed<T: Serialize>(fields: &T) -> String {
    // Serialising these plain structs cannot fail.
    sha384_hex(&serde_json::to_string(fields).unwrap_or_default())
}

/// The `sign` of a register call.
pub fn register_sign(session_id: &str, merchant_id: i64, amount: &Money, crc: &str) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Fields<'a> {
        session_id: &'a str,
        merchant_id: i64,
        amount: i64,
        currency: &'a str,
        crc: &'a str,
    }
    signed(&Fields {
        session_id,
        merchant_id,
        amount: amount.minor,
        currency: amount.currency.code(),
        crc,
    })
}

/// The `sign` of a verify call.
pub fn verify_sign(session_id: &str, order_id: i64, amount: &Money, crc: &str) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Fields<'a> {
        session_id: &'a str,
        order_id: i64,
        amount: i64,
        currency: &'a str,
        crc: &'a str,
    }
    signed(&Fields {
        session_id,
        order_id,
        amount: amount.minor,
        currency: amount.currency.code(),
        crc,
    })
}

/// The `sign` Przelewy24 puts on a status notification.
pub fn notification_sign(n: &Notification, crc: &str) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Fields<'a> {
        merchant_id: i64,
        pos_id: i64,
        session_id: &'a str,
        amount: i64,
        origin_amount: i64,
        currency: &'a str,
        order_id: i64,
        method_id: i64,
        statement: &'a str,
        crc: &'a str,
    }
    signed(&Fields {
        merchant_id: n.merchant_id,
        pos_id: n.pos_id,
        session_id: &n.session_id,
        amount: n.amount,
        origin_amount: n.origin_amount,
        currency: &n.currency,
        order_id: n.order_id,
        method_id: n.method_id,
        statement: &n.statement,
        crc,
    })
}

/// The `sign` Przelewy24 puts on a refund notification.
pub fn refund_notification_sign(n: &RefundNotification, crc: &str) -> String {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Fields<'a> {
        order_id: i64,
        session_id: &'a str,
        refunds_uuid: &'a str,
        merchant_id: i64,
        amount: i64,
        currency: &'a str,
        status: i64,
        crc: &'a str,
    }
    signed(&Fields {
        order_id: n.order_id,
        session_id: &n.session_id,
        refunds_uuid: &n.refunds_uuid,
        merchant_id: n.merchant_id,
        amount: n.amount,
        currency: &n.currency,
        status: n.status,
        crc,
    })
}

/// Equal bytes, compared in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Reads a notification from the exact bytes received: a payment's status notification, or
/// a refund notification (it names a `refundsUuid`). Its `sign` must match its own fields and
/// the shop's CRC key (compared in constant time), and it must be for this shop. Przelewy24
/// notifies only successful payments; its `orderId` identifies the payment, so a repeat
/// carries the same event id, and a refund's repeat the same `refundsUuid`.
pub fn read_notification(shop: &Shop, crc: &str, body: &[u8]) -> Result<Notified, NoticeProblem> {
    // Without a readable body there is no sign to check either.
    let value: serde_json::Value =
        serde_json::from_slice(body).map_err(|_| NoticeProblem::SignatureMissing)?;
    if value.get("refundsUuid").is_some() {
        return read_refund(shop, crc, value).map(Notified::Refund);
    }
    let n: Notification =
        serde_json::from_value(value).map_err(|_| NoticeProblem::SignatureMissing)?;
    check_sign(&n.sign, &notification_sign(&n, crc))?;
    if n.merchant_id != shop.merchant_id || n.pos_id != shop.pos_id {
        return Err(NoticeProblem::Malformed);
    }
    let currency = Currency::parse(&n.currency).ok_or(NoticeProblem::Malformed)?;
    Ok(Notified::Payment(Notice {
        event_id: n.order_id.to_string(),
        session_id: n.session_id,
        paid: true,
        amount: Money {
            minor: n.amount,
            currency,
        },
        reference: Some(n.order_id.to_string()),
    }))
}

fn check_sign(given: &str, expected: &str) -> Result<(), NoticeProblem> {
    if given.is_empty() {
        return Err(NoticeProblem::SignatureMissing);
    }
    if !same(expected.as_bytes(), given.to_ascii_lowercase().as_bytes()) {
        return Err(NoticeProblem::SignatureMismatch);
    }
    Ok(())
}

fn read_refund(
    shop: &Shop,
    crc: &str,
    value: serde_json::Value,
) -> Result<RefundNotice, NoticeProblem> {
    let n: RefundNotification =
        serde_json::from_value(value).map_err(|_| NoticeProblem::SignatureMissing)?;
    check_sign(&n.sign, &refund_notification_sign(&n, crc))?;
    if n.merchant_id != shop.merchant_id {
        return Err(NoticeProblem::Malformed);
    }
    let currency = Currency::parse(&n.currency).ok_or(NoticeProblem::Malformed)?;
    Ok(RefundNotice {
        event_id: format!("refund:{}:{}", n.refunds_uuid, n.status),
        refund_id: n.refunds_uuid,
        completed: n.status == 0,
        amount: Money {
            minor: n.amount,
            currency,
        },
        reference: Some(n.request_id),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pln(minor: i64) -> Money {
        Money {
            minor,
            currency: Currency::parse("PLN").unwrap(),
        }
    }

    #[test]
    fn signs_are_sha384_over_the_documented_json() {
        // The register sign, worked by hand: sha384 of this exact text.
        let text =
            r#"{"sessionId":"s/1","merchantId":11,"amount":8500,"currency":"PLN","crc":"ąb"}"#;
        assert_eq!(register_sign("s/1", 11, &pln(8500), "ąb"), sha384_hex(text));
        assert_eq!(register_sign("s/1", 11, &pln(8500), "ąb").len(), 96);
        let text = r#"{"sessionId":"s","orderId":7,"amount":8500,"currency":"PLN","crc":"k"}"#;
        assert_eq!(verify_sign("s", 7, &pln(8500), "k"), sha384_hex(text));
    }

    #[test]
    fn a_notification_is_believed_only_with_its_own_sign() {
        let shop = Shop {
            merchant_id: 11,
            pos_id: 11,
        };
        let mut n = Notification {
            merchant_id: 11,
            pos_id: 11,
            session_id: "sess".into(),
            amount: 8500,
            origin_amount: 8500,
            currency: "PLN".into(),
            order_id: 3_000_000_001,
            method_id: 154,
            statement: "p24-A1-B2-C3".into(),
            sign: String::new(),
        };
        n.sign = notification_sign(&n, "crc");
        let body = serde_json::to_vec(&n).unwrap();
        let Ok(Notified::Payment(notice)) = read_notification(&shop, "crc", &body) else {
            panic!("a payment notification");
        };
        assert_eq!(notice.event_id, "3000000001");
        assert_eq!(notice.amount, pln(8500));
        assert_eq!(
            read_notification(&shop, "other", &body),
            Err(NoticeProblem::SignatureMismatch)
        );
        let mut changed = n.clone();
        changed.amount = 1;
        let body = serde_json::to_vec(&changed).unwrap();
        assert_eq!(
            read_notification(&shop, "crc", &body),
            Err(NoticeProblem::SignatureMismatch)
        );
        assert_eq!(
            read_notification(&shop, "crc", b"{}"),
            Err(NoticeProblem::SignatureMissing)
        );
        let other_shop = Shop {
            merchant_id: 12,
            pos_id: 12,
        };
        let body = serde_json::to_vec(&n).unwrap();
        assert_eq!(
            read_notification(&other_shop, "crc", &body),
            Err(NoticeProblem::Malformed)
        );
    }

    #[test]
    fn a_refund_notification_is_read_once_its_sign_holds() {
        let shop = Shop {
            merchant_id: 11,
            pos_id: 11,
        };
        let mut n = RefundNotification {
            order_id: 3_000_000_001,
            session_id: "sess".into(),
            merchant_id: 11,
            request_id: "r1".into(),
            refunds_uuid: "0f3a".into(),
            amount: 4000,
            currency: "PLN".into(),
            timestamp: 1_700_000_000,
            status: 0,
            sign: String::new(),
        };
        let text = r#"{"orderId":3000000001,"sessionId":"sess","refundsUuid":"0f3a","merchantId":11,"amount":4000,"currency":"PLN","status":0,"crc":"k"}"#;
        assert_eq!(refund_notification_sign(&n, "k"), sha384_hex(text));
        n.sign = refund_notification_sign(&n, "k");
        let body = serde_json::to_vec(&n).unwrap();
        let Ok(Notified::Refund(refund)) = read_notification(&shop, "k", &body) else {
            panic!("a refund notification");
        };
        assert_eq!(refund.refund_id, "0f3a");
        assert!(refund.completed);
        assert_eq!(refund.amount, pln(4000));
        let mut rejected = n.clone();
        rejected.status = 1;
        rejected.sign = refund_notification_sign(&rejected, "k");
        let body = serde_json::to_vec(&rejected).unwrap();
        let Ok(Notified::Refund(refund)) = read_notification(&shop, "k", &body) else {
            panic!("a refund notification");
        };
        assert!(!refund.completed);
        let mut forged = n.clone();
        forged.amount = 8500;
        let body = serde_json::to_vec(&forged).unwrap();
        assert_eq!(
            read_notification(&shop, "k", &body),
            Err(NoticeProblem::SignatureMismatch)
        );
    }

    #[test]
    fn a_looked_up_transaction_is_a_notice_only_once_paid() {
        let found = |status: i64| -> Transaction {
            serde_json::from_value(serde_json::json!({"data": {
                "orderId": 3_000_000_007_i64, "sessionId": "sess", "status": status,
                "amount": 8500, "currency": "PLN", "statement": "p24",
            }, "responseCode": 0}))
            .unwrap()
        };
        let notice = found(1).notice().unwrap();
        assert_eq!(
            notice.event_id, "3000000007",
            "the notification's own event id"
        );
        assert_eq!(notice.amount, pln(8500));
        assert!(found(2).notice().is_some());
        assert!(found(0).notice().is_none());
        assert!(found(3).notice().is_none());
    }
}
