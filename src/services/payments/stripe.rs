//! Stripe Checkout: a checkout is a Checkout Session (card, BLIK and Przelewy24 by default) on
//! Stripe's hosted page, and its webhook events are read once their `Stripe-Signature` checks out.
//! A refund is a Refund of the session's payment intent, done when Stripe says it succeeded.

use anyhow::Context;
use serde::Deserialize;

use super::provider::{
    CheckoutRequest, GatewayFuture, Opened, PaymentProvider, RefundAnswer, RefundRequest,
};
use crate::config::StripeSettings;
use crate::db::payments::SessionRow;
use crate::domain::payments::stripe::{read_event, session_notice, REFUND_METADATA};
use crate::domain::payments::{Channel, Notice, NoticeProblem, Notified};

/// How long a call to Stripe may take before the candidate is offered the transfer instead.
const CALL_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

#[derive(Clone)]
pub struct Stripe {
    /// `https://api.stripe.com` (or a test stand-in), no trailing slash.
    base: String,
    secret_key: String,
    webhook_secret: Vec<u8>,
    methods: Vec<String>,
    http: reqwest::Client,
}

impl std::fmt::Debug for Stripe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The keys stay out of logs.
        f.debug_struct("Stripe")
            .field("base", &self.base)
            .field("methods", &self.methods)
            .finish_non_exhaustive()
    }
}

/// The parts of Stripe's answer to creating a Checkout Session that the portal uses.
#[derive(Debug, Deserialize)]
struct Created {
    id: String,
    url: String,
}

/// The parts of Stripe's answer to creating a Refund that the portal uses.
#[derive(Debug, Deserialize)]
struct Refunded {
    id: String,
    status: String,
}

/// What Stripe says when it refuses a request.
#[derive(Debug, Deserialize)]
struct Refusal {
    error: RefusalError,
}

#[derive(Debug, Deserialize)]
struct RefusalError {
    #[serde(default)]
    message: String,
}

impl Stripe {
    pub fn from_settings(settings: &StripeSettings) -> anyhow::Result<Stripe> {
        anyhow::ensure!(
            !settings.secret_key.is_empty(),
            "payments.stripe.secret_key is not set"
        );
        anyhow::ensure!(
            !settings.webhook_secret.is_empty(),
            "payments.stripe.webhook_secret is not set"
        );
        anyhow::ensure!(
            !settings.methods.is_empty(),
            "payments.stripe.methods is empty"
        );
        let http = reqwest::Client::builder()
            .timeout(CALL_TIMEOUT)
            .build()
            .context("building the HTTP client")?;
        Ok(Stripe {
            base: settings.url.trim_end_matches('/').to_owned(),
            secret_key: settings.secret_key.clone(),
            webhook_secret: settings.webhook_secret.as_bytes().to_vec(),
            methods: settings.methods.clone(),
            http,
        })
    }

    async fn create_session(&self, request: &CheckoutRequest) -> anyhow::Result<Opened> {
        let mut form: Vec<(String, String)> = vec![
            ("mode".into(), "payment".into()),
            ("client_reference_id".into(), request.session_id.clone()),
            ("metadata[checkout]".into(), request.session_id.clone()),
            ("customer_email".into(), request.email.clone()),
            ("locale".into(), request.locale.code().into()),
            ("success_url".into(), request.return_url.clone()),
            ("cancel_url".into(), request.return_url.clone()),
            ("line_items[0][quantity]".into(), "1".into()),
            (
                "line_items[0][price_data][currency]".into(),
                request.amount.currency.code().to_ascii_lowercase(),
            ),
            (
                "line_items[0][price_data][unit_amount]".into(),
                request.amount.minor.to_string(),
            ),
            (
                "line_items[0][price_data][product_data][name]".into(),
                request.description.clone(),
            ),
        ];
        for (i, method) in self.methods.iter().enumerate() {
            form.push((format!("payment_method_types[{i}]"), method.clone()));
        }
        let response = self
            .http
            .post(format!("{}/v1/checkout/sessions", self.base))
            .bearer_auth(&self.secret_key)
            // A retried call makes no second session.
            .header("Idempotency-Key", &request.session_id)
            .form(&form)
            .send()
            .await
            .context("Stripe cannot be reached")?;
        let status = response.status();
        anyhow::ensure!(
            status.is_success(),
            "Stripe refused the Checkout Session: {status} {}",
            response.text().await.unwrap_or_default()
        );
        let created: Created = response
            .json()
            .await
            .context("Stripe's answer to creating a Checkout Session")?;
        Ok(Opened {
            url: created.url,
            gateway_id: Some(created.id),
        })
    }

    /// `GET /v1/checkout/sessions/{id}`: paid or expired is a notice like the event would have
    /// been; a session still open is left.
    async fn retrieve_session(&self, session: &SessionRow) -> anyhow::Result<Option<Notice>> {
        let Some(id) = session.gateway_id.as_deref() else {
            return Ok(None);
        };
        let response = self
            .http
            .get(format!("{}/v1/checkout/sessions/{id}", self.base))
            .bearer_auth(&self.secret_key)
            .send()
            .await
            .context("Stripe cannot be reached to look up a Checkout Session")?;
        let status = response.status();
        anyhow::ensure!(
            status.is_success(),
            "Stripe did not look up the Checkout Session: {status}"
        );
        let body = response
            .json::<serde_json::Value>()
            .await
            .context("Stripe's answer to a Checkout Session lookup")?;
        Ok(session_notice(body))
    }

    async fn create_refund(&self, request: &RefundRequest) -> anyhow::Result<RefundAnswer> {
        let payment = request
            .payment
            .clone()
            .context("a Stripe payment without its payment intent")?;
        let form = [
            ("payment_intent".to_owned(), payment),
            ("amount".to_owned(), request.amount.minor.to_string()),
            (
                format!("metadata[{REFUND_METADATA}]"),
                request.refund_id.clone(),
            ),
            ("metadata[checkout]".to_owned(), request.session_id.clone()),
        ];
        let response = self
            .http
            .post(format!("{}/v1/refunds", self.base))
            .bearer_auth(&self.secret_key)
            // A retried call gives back nothing twice.
            .header("Idempotency-Key", &request.refund_id)
            .form(&form)
            .send()
            .await
            .context("Stripe cannot be reached to refund")?;
        let status = response.status();
        if status.is_client_error() {
            let text = response.text().await.unwrap_or_default();
            let reason = serde_json::from_str::<Refusal>(&text)
                .map(|r| r.error.message)
                .unwrap_or(text);
            return Ok(RefundAnswer::Refused {
                reason: format!("{status} {reason}"),
            });
        }
        anyhow::ensure!(
            status.is_success(),
            "Stripe could not take the refund: {status}"
        );
        let refunded: Refunded = response
            .json()
            .await
            .context("Stripe's answer to creating a Refund")?;
        Ok(match refunded.status.as_str() {
            "succeeded" => RefundAnswer::Completed {
                reference: Some(refunded.id),
            },
            "failed" | "canceled" => RefundAnswer::Refused {
                reason: format!("Stripe: {}", refunded.status),
            },
            _ => RefundAnswer::Requested {
                reference: Some(refunded.id),
            },
        })
    }
}

impl PaymentProvider for Stripe {
    fn name(&self) -> &'static str {
        "stripe"
    }

    fn channel(&self) -> Channel {
        Channel::Stripe
    }

    fn open<'a>(&'a self, request: &'a CheckoutRequest) -> GatewayFuture<'a, Opened> {
        Box::pin(self.create_session(request))
    }

    fn lookup<'a>(&'a self, session: &'a SessionRow) -> GatewayFuture<'a, Option<Notice>> {
        Box::pin(self.retrieve_session(session))
    }

    fn refund<'a>(&'a self, request: &'a RefundRequest) -> GatewayFuture<'a, RefundAnswer> {
        Box::pin(self.create_refund(request))
    }

    fn signature_header(&self) -> Option<&'static str> {
        Some("Stripe-Signature")
    }

    fn read_notice(
        &self,
        signature: Option<&str>,
        body: &[u8],
        now: i64,
    ) -> Result<Notified, NoticeProblem> {
        read_event(&self.webhook_secret, signature, body, now)
    }
}
