//! Przelewy24 over its REST API: a checkout is a registered transaction (the candidate pays on
//! `/trnRequest/{token}`), a notification is believed once its `sign` checks out, and a payment
//! counts only after the verify call that Przelewy24 requires. A refund is asked for with the
//! refund call and done when Przelewy24's refund notification says so.

use anyhow::Context;

use super::provider::{
    CheckoutRequest, GatewayFuture, Opened, PaymentProvider, RefundAnswer, RefundRequest,
};
use crate::config::Przelewy24Settings;
use crate::db::payments::SessionRow;
use crate::domain::payments::przelewy24::{
    read_notification, register_sign, verify_sign, Refund, RefundItem, Register, Registered, Shop,
    Transaction, Verify,
};
use crate::domain::payments::{Channel, Notice, NoticeProblem, Notified};

/// How long a call to Przelewy24 may take before the candidate is offered the transfer instead.
const CALL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Clone)]
pub struct Przelewy24 {
    /// `https://secure.przelewy24.pl` (or the sandbox's, or a test stand-in), no trailing slash.
    base: String,
    shop: Shop,
    crc: String,
    api_key: String,
    http: reqwest::Client,
}

impl std::fmt::Debug for Przelewy24 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The CRC and API keys stay out of logs.
        f.debug_struct("Przelewy24")
            .field("base", &self.base)
            .field("shop", &self.shop)
            .finish_non_exhaustive()
    }
}

impl Przelewy24 {
    pub fn from_settings(settings: &Przelewy24Settings) -> anyhow::Result<Przelewy24> {
        let merchant_id = settings
            .merchant_id
            .context("payments.przelewy24.merchant_id is not set")?;
        anyhow::ensure!(
            !settings.crc.is_empty(),
            "payments.przelewy24.crc is not set"
        );
        anyhow::ensure!(
            !settings.api_key.is_empty(),
            "payments.przelewy24.api_key is not set"
        );
        let http = reqwest::Client::builder()
            .timeout(CALL_TIMEOUT)
            .build()
            .context("building the HTTP client")?;
        Ok(Przelewy24 {
            base: settings.url.trim_end_matches('/').to_owned(),
            shop: Shop {
                merchant_id,
                pos_id: settings.pos_id.unwrap_or(merchant_id),
            },
            crc: settings.crc.clone(),
            api_key: settings.api_key.clone(),
            http,
        })
    }

    fn call(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.http
            .request(method, format!("{}{path}", self.base))
            .basic_auth(self.shop.pos_id, Some(&self.api_key))
    }

    async fn register(&self, request: &CheckoutRequest) -> anyhow::Result<Opened> {
        let body = Register {
            merchant_id: self.shop.merchant_id,
            pos_id: self.shop.pos_id,
            session_id: &request.session_id,
            amount: request.amount.minor,
            currency: request.amount.currency.code(),
            description: &request.description,
            email: &request.email,
            country: "PL",
            language: request.locale.code(),
            url_return: &request.return_url,
            url_status: &request.notify_url,
            sign: register_sign(
                &request.session_id,
                self.shop.merchant_id,
                &request.amount,
                &self.crc,
            ),
        };
        let response = self
            .call(reqwest::Method::POST, "/api/v1/transaction/register")
            .json(&body)
            .send()
            .await
            .context("Przelewy24 cannot be reached")?;
        let status = response.status();
        anyhow::ensure!(
            status.is_success(),
            "Przelewy24 refused the transaction: {status} {}",
            response.text().await.unwrap_or_default()
        );
        let registered: Registered = response
            .json()
            .await
            .context("Przelewy24's answer to register")?;
        Ok(Opened {
            url: format!("{}/trnRequest/{}", self.base, registered.data.token),
            gateway_id: Some(registered.data.token),
        })
    }

    /// `GET /api/v1/transaction/by/sessionId/{sessionId}`: paid (awaiting verification, or
    /// verified) is a notice like the notification would have been; anything else, or a
    /// transaction Przelewy24 does not know, is still open.
    async fn transaction(&self, session: &SessionRow) -> anyhow::Result<Option<Notice>> {
        let response = self
            .call(
                reqwest::Method::GET,
                &format!("/api/v1/transaction/by/sessionId/{}", session.id),
            )
            .send()
            .await
            .context("Przelewy24 cannot be reached to look up a transaction")?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        anyhow::ensure!(
            status.is_success(),
            "Przelewy24 did not look up the transaction: {status}"
        );
        let found: Transaction = response
            .json()
            .await
            .context("Przelewy24's answer to a transaction lookup")?;
        Ok(found.notice())
    }

    async fn verify(&self, notice: &Notice) -> anyhow::Result<()> {
        let order_id: i64 = notice
            .reference
            .as_deref()
            .and_then(|r| r.parse().ok())
            .context("a Przelewy24 notice without its order id")?;
        let body = Verify {
            merchant_id: self.shop.merchant_id,
            pos_id: self.shop.pos_id,
            session_id: &notice.session_id,
            amount: notice.amount.minor,
            currency: notice.amount.currency.code(),
            order_id,
            sign: verify_sign(&notice.session_id, order_id, &notice.amount, &self.crc),
        };
        let response = self
            .call(reqwest::Method::PUT, "/api/v1/transaction/verify")
            .json(&body)
            .send()
            .await
            .context("Przelewy24 cannot be reached to verify")?;
        let status = response.status();
        anyhow::ensure!(
            status.is_success(),
            "Przelewy24 did not verify order {order_id}: {status} {}",
            response.text().await.unwrap_or_default()
        );
        Ok(())
    }

    async fn refund_transaction(&self, request: &RefundRequest) -> anyhow::Result<RefundAnswer> {
        let order_id: i64 = request
            .payment
            .as_deref()
            .and_then(|r| r.parse().ok())
            .context("a Przelewy24 payment without its order id")?;
        let body = Refund {
            request_id: &request.refund_id,
            refunds: vec![RefundItem {
                order_id,
                session_id: &request.session_id,
                amount: request.amount.minor,
                description: &request.description,
            }],
            refunds_uuid: &request.refund_id,
            url_status: &request.notify_url,
        };
        let response = self
            .call(reqwest::Method::POST, "/api/v1/transaction/refund")
            .json(&body)
            .send()
            .await
            .context("Przelewy24 cannot be reached to refund")?;
        let status = response.status();
        if status.is_client_error() {
            return Ok(RefundAnswer::Refused {
                reason: format!("{status} {}", response.text().await.unwrap_or_default()),
            });
        }
        anyhow::ensure!(
            status.is_success(),
            "Przelewy24 could not take the refund: {status}"
        );
        let answer: crate::domain::payments::przelewy24::RefundAnswer = response
            .json()
            .await
            .context("Przelewy24's answer to a refund")?;
        Ok(match answer.data.into_iter().next() {
            Some(result) if result.status => RefundAnswer::Requested { reference: None },
            Some(result) => RefundAnswer::Refused {
                reason: result.message,
            },
            None => RefundAnswer::Refused {
                reason: "no result for the refund".to_owned(),
            },
        })
    }
}

impl PaymentProvider for Przelewy24 {
    fn name(&self) -> &'static str {
        "przelewy24"
    }

    fn channel(&self) -> Channel {
        Channel::Przelewy24
    }

    fn open<'a>(&'a self, request: &'a CheckoutRequest) -> GatewayFuture<'a, Opened> {
        Box::pin(self.register(request))
    }

    fn lookup<'a>(&'a self, session: &'a SessionRow) -> GatewayFuture<'a, Option<Notice>> {
        Box::pin(self.transaction(session))
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> GatewayFuture<'a, RefundAnswer> {
        Box::pin(self.refund_transaction(request))
    }

    fn signature_header(&self) -> Option<&'static str> {
        None
    }

    fn read_notice(
        &self,
        _signature: Option<&str>,
        body: &[u8],
        _now: i64,
    ) -> Result<Notified, NoticeProblem> {
        read_notification(&self.shop, &self.crc, body)
    }

    fn confirm<'a>(&'a self, notice: &'a Notice) -> GatewayFuture<'a, ()> {
        Box::pin(self.verify(notice))
    }
}
