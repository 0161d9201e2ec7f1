//! Przelewy24's REST protocol, the parts that need no network: the bodies the portal sends
//! (registering a transaction, verifying it) with their `sign`, and the status notification
//! Przelewy24 sends, whose `sign` is checked before anything in it is believed.
//!
//! Every `sign` is the SHA-384 (hex) of a small JSON object written compactly, keys in the
//! documented order, slashes and non-ASCII letters unescaped, ending with the shop's CRC key.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha384};

use super::{Notice, NoticeProblem};
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

/// Equal bytes, compared in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Reads a status notification from the exact bytes received: its `sign` must match its own
/// fields and the shop's CRC key (compared in constant time), and it must be for this shop.
/// Przelewy24 notifies only successful payments; its `orderId` identifies the payment, so a
/// repeat carries the same event id.
pub fn read_notification(shop: &Shop, crc: &str, body: &[u8]) -> Result<Notice, NoticeProblem> {
    let n: Notification = serde_json::from_slice(body).map_err(|_| {
        // Without a readable body there is no sign to check either.
        NoticeProblem::SignatureMissing
    })?;
    if n.sign.is_empty() {
        return Err(NoticeProblem::SignatureMissing);
    }
    let expected = notification_sign(&n, crc);
    if !same(expected.as_bytes(), n.sign.to_ascii_lowercase().as_bytes()) {
        return Err(NoticeProblem::SignatureMismatch);
    }
    if n.merchant_id != shop.merchant_id || n.pos_id != shop.pos_id {
        return Err(NoticeProblem::Malformed);
    }
    let currency = Currency::parse(&n.currency).ok_or(NoticeProblem::Malformed)?;
    Ok(Notice {
        event_id: n.order_id.to_string(),
        session_id: n.session_id,
        paid: true,
        amount: Money {
            minor: n.amount,
            currency,
        },
        reference: Some(n.order_id.to_string()),
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
        let notice = read_notification(&shop, "crc", &body).unwrap();
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
}
