//! Paying the application fee through Stripe Checkout, against a local stand-in that speaks its
//! API: it creates Checkout Sessions (checking the secret key and what is asked for) and sends
//! webhook events signed as Stripe signs them (`Stripe-Signature: t=…,v1=…`, several `v1` while a
//! secret is rotated). Events are applied once, in whatever order and however often they come.
//! A refund is a Refund of the session's payment intent, settled by Stripe's refund event.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::helpers::journey::{publish_open_cycle, submitted_application};
use crate::helpers::payments::{
    clicks_open_one, fee_order, fee_paid_entries, pay_at, serve, sweep_now,
};
use crate::helpers::{spawn_app_with, TestApp};
use actix_web::{web, HttpRequest, HttpResponse};
use admitto::domain::payments::FeeStatus;
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use sha2::Sha256;

const SECRET_KEY: &str = "sk_test_51Admitto";
const WEBHOOK_SECRET: &str = "whsec_current";
const OLD_WEBHOOK_SECRET: &str = "whsec_before_rotation";

/// A Checkout Session the stand-in created: its form fields.
type Created = HashMap<String, String>;

#[derive(Default)]
struct Account {
    /// By session id.
    sessions: HashMap<String, Created>,
    /// Idempotency key → session id.
    keys: HashMap<String, String>,
    /// Creating sessions fails with 500.
    down: bool,
    /// Every Refund created: its form fields, by refund id.
    refunds: Vec<(String, Created)>,
    /// Where each session is at Stripe: (status, payment_status); open and unpaid if absent.
    states: HashMap<String, (String, String)>,
}

#[derive(Clone)]
struct StandIn {
    url: String,
    state: Arc<Mutex<Account>>,
}

/// The call carries the account's secret key.
fn authorised(req: &HttpRequest) -> bool {
    let bearer = format!("Bearer {SECRET_KEY}");
    req.headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        == Some(bearer.as_str())
}

async fn create_session(
    req: HttpRequest,
    state: web::Data<Arc<Mutex<Account>>>,
    form: web::Form<Vec<(String, String)>>,
) -> HttpResponse {
    if !authorised(&req) {
        return HttpResponse::Unauthorized()
            .json(serde_json::json!({"error": {"type": "invalid_request_error"}}));
    }
    let mut account = state.lock().unwrap();
    if account.down {
        return HttpResponse::InternalServerError()
            .json(serde_json::json!({"error": {"type": "api_error"}}));
    }
    let base = format!("http://{}", req.connection_info().host());
    let key = req
        .headers()
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let id = match account.keys.get(&key) {
        Some(id) => id.clone(),
        None => {
            let id = format!("cs_test_{}", account.sessions.len() + 1);
            let fields: Created = form.into_inner().into_iter().collect();
            account.sessions.insert(id.clone(), fields);
            account.keys.insert(key, id.clone());
            id
        }
    };
    HttpResponse::Ok().json(serde_json::json!({
        "id": id, "object": "checkout.session", "url": format!("{base}/c/pay/{id}"),
    }))
}

async fn create_refund(
    req: HttpRequest,
    state: web::Data<Arc<Mutex<Account>>>,
    form: web::Form<Vec<(String, String)>>,
) -> HttpResponse {
    if !authorised(&req) {
        return HttpResponse::Unauthorized()
            .json(serde_json::json!({"error": {"type": "invalid_request_error"}}));
    }
    let fields: Created = form.into_inner().into_iter().collect();
    let mut account = state.lock().unwrap();
    let intent = fields.get("payment_intent").cloned().unwrap_or_default();
    if !account
        .sessions
        .keys()
        .any(|cs| format!("pi_for_{cs}") == intent)
    {
        return HttpResponse::BadRequest().json(serde_json::json!({"error": {
            "type": "invalid_request_error", "message": format!("No such payment_intent: '{intent}'"),
        }}));
    }
    let id = format!("re_test_{}", account.refunds.len() + 1);
    account.refunds.push((id.clone(), fields.clone()));
    HttpResponse::Ok().json(serde_json::json!({
        "id": id, "object": "refund", "status": "pending", "payment_intent": intent,
        "amount": fields["amount"].parse::<i64>().unwrap_or_default(), "currency": "pln",
    }))
}

async fn retrieve_session(
    req: HttpRequest,
    state: web::Data<Arc<Mutex<Account>>>,
    id: web::Path<String>,
) -> HttpResponse {
    if !authorised(&req) {
        return HttpResponse::Unauthorized().finish();
    }
    let account = state.lock().unwrap();
    let Some(fields) = account.sessions.get(id.as_str()) else {
        return HttpResponse::NotFound().json(serde_json::json!({"error": {
            "type": "invalid_request_error", "message": format!("No such checkout.session: '{id}'"),
        }}));
    };
    let (status, paid) = account
        .states
        .get(id.as_str())
        .cloned()
        .unwrap_or(("open".into(), "unpaid".into()));
    HttpResponse::Ok().json(serde_json::json!({
        "id": *id, "object": "checkout.session", "status": status, "payment_status": paid,
        "client_reference_id": fields["client_reference_id"],
        "amount_total": fields["line_items[0][price_data][unit_amount]"].parse::<i64>().unwrap(),
        "currency": fields["line_items[0][price_data][currency]"],
        "payment_intent": format!("pi_for_{id}"),
    }))
}

fn hmac_hex(secret: &str, signed: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(signed.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The `Stripe-Signature` header for `body` at `t`, signed with each secret.
fn signature(body: &[u8], t: i64, secrets: &[&str]) -> String {
    let signed = format!("{t}.{}", String::from_utf8_lossy(body));
    let mut header = format!("t={t}");
    for secret in secrets {
        header.push_str(&format!(",v1={}", hmac_hex(secret, &signed)));
    }
    header
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl StandIn {
    async fn start() -> StandIn {
        let state = Arc::new(Mutex::new(Account::default()));
        let data = web::Data::new(state.clone());
        let url = serve(move |cfg| {
            cfg.app_data(data.clone())
                .route("/v1/checkout/sessions", web::post().to(create_session))
                .route("/v1/refunds", web::post().to(create_refund))
                .route(
                    "/v1/checkout/sessions/{id}",
                    web::get().to(retrieve_session),
                );
        });
        StandIn { url, state }
    }

    fn session(&self, id: &str) -> Created {
        self.state.lock().unwrap().sessions[id].clone()
    }

    /// An event about Checkout Session `id`, as Stripe writes it.
    fn event(&self, event_id: &str, kind: &str, id: &str, status: &str) -> Vec<u8> {
        let fields = self.session(id);
        serde_json::json!({
            "id": event_id, "object": "event", "type": kind, "api_version": "2024-06-20",
            "data": {"object": {
                "id": id, "object": "checkout.session",
                "client_reference_id": fields["client_reference_id"],
                "amount_total": fields["line_items[0][price_data][unit_amount]"].parse::<i64>().unwrap(),
                "currency": fields["line_items[0][price_data][currency]"],
                "payment_status": status,
                "payment_intent": format!("pi_for_{id}"),
            }},
        })
        .to_string()
        .into_bytes()
    }

    /// A `refund.updated` event about the `index`th Refund, now in `status`.
    fn refund_event(&self, event_id: &str, index: usize, status: &str) -> Vec<u8> {
        let (id, fields) = self.state.lock().unwrap().refunds[index].clone();
        serde_json::json!({
            "id": event_id, "object": "event", "type": "refund.updated",
            "data": {"object": {
                "id": id, "object": "refund", "status": status,
                "amount": fields["amount"].parse::<i64>().unwrap(), "currency": "pln",
                "payment_intent": fields["payment_intent"],
                "metadata": {"refund": fields["metadata[refund]"], "checkout": fields["metadata[checkout]"]},
            }},
        })
        .to_string()
        .into_bytes()
    }
}

/// Sends a webhook delivery to the portal; its answer.
async fn deliver(app: &TestApp, body: Vec<u8>, signature: Option<String>) -> StatusCode {
    let mut request = reqwest::Client::new()
        .post(app.url("/payments/notify/stripe"))
        .header("content-type", "application/json")
        .body(body);
    if let Some(signature) = signature {
        request = request.header("Stripe-Signature", signature);
    }
    request.send().await.unwrap().status()
}

async fn signed(app: &TestApp, body: Vec<u8>) -> StatusCode {
    let header = signature(&body, now(), &[WEBHOOK_SECRET]);
    deliver(app, body, Some(header)).await
}

async fn app_with_stripe(stripe: &StandIn) -> TestApp {
    let url = stripe.url.clone();
    let app = spawn_app_with(move |settings| {
        settings.payments.provider = Some("stripe".into());
        settings.payments.stripe = admitto::config::StripeSettings {
            url,
            secret_key: SECRET_KEY.into(),
            webhook_secret: WEBHOOK_SECRET.into(),
            ..Default::default()
        };
    })
    .await;
    publish_open_cycle(&app);
    app
}

/// "Pay": the Checkout Session the candidate is sent to.
async fn pay(app: &TestApp, stripe: &StandIn, client: &reqwest::Client, id: &str) -> String {
    pay_at(app, client, id, &format!("{}/c/pay/", stripe.url)).await
}

fn status(app: &TestApp, id: &str) -> FeeStatus {
    fee_order(app, id).status
}

#[tokio::test]
async fn a_fee_paid_by_stripe_checkout_is_credited_once_whatever_stripe_sends_after() {
    let stripe = StandIn::start().await;
    let app = app_with_stripe(&stripe).await;
    let (client, email, id) = submitted_application(&app).await;
    let cs = clicks_open_one(&app, &client, &id, &format!("{}/c/pay/", stripe.url)).await;
    assert_eq!(stripe.state.lock().unwrap().sessions.len(), 1);
    let fields = stripe.session(&cs);
    assert_eq!(fields["mode"], "payment");
    assert_eq!(fields["line_items[0][price_data][unit_amount]"], "8500");
    assert_eq!(fields["line_items[0][price_data][currency]"], "pln");
    let methods: Vec<&str> = (0..3)
        .map(|i| fields[&format!("payment_method_types[{i}]")].as_str())
        .collect();
    assert_eq!(methods, ["card", "blik", "p24"]);
    assert_eq!(
        fields["success_url"],
        app.url(&format!("/applications/{id}/fee/return"))
    );
    assert_eq!(fields["customer_email"], email);

    // Signed with the old and the new secret while the secret is rotated.
    let completed = stripe.event("evt_1", "checkout.session.completed", &cs, "paid");
    let header = signature(&completed, now(), &[OLD_WEBHOOK_SECRET, WEBHOOK_SECRET]);
    assert_eq!(
        deliver(&app, completed.clone(), Some(header)).await,
        StatusCode::OK
    );
    assert_eq!(status(&app, &id), FeeStatus::Paid);

    // The same event twenty times at once, a second "paid" event, and a late "expired".
    let repeats = (0..20).map(|_| signed(&app, completed.clone()));
    let answers = futures_util::future::join_all(repeats).await;
    assert!(answers.iter().all(|s| *s == StatusCode::OK), "{answers:?}");
    let succeeded = stripe.event(
        "evt_2",
        "checkout.session.async_payment_succeeded",
        &cs,
        "paid",
    );
    assert_eq!(signed(&app, succeeded).await, StatusCode::OK);
    let expired = stripe.event("evt_3", "checkout.session.expired", &cs, "unpaid");
    assert_eq!(signed(&app, expired).await, StatusCode::OK);
    assert_eq!(status(&app, &id), FeeStatus::Paid);
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(page.body.contains("(Stripe)"), "{}", page.body);
    assert_eq!(fee_paid_entries(&app, &id), 1);
}

#[tokio::test]
async fn forged_stale_altered_or_mismatched_events_are_refused_and_other_events_are_left_alone() {
    let stripe = StandIn::start().await;
    let app = app_with_stripe(&stripe).await;
    let (client, _, id) = submitted_application(&app).await;
    let cs = pay(&app, &stripe, &client, &id).await;
    let genuine = stripe.event("evt_ok", "checkout.session.completed", &cs, "paid");
    let text = String::from_utf8(genuine.clone()).unwrap();
    let other_amount = text.replace("8500", "100").into_bytes();
    let other_currency = text.replace("\"pln\"", "\"eur\"").into_bytes();
    let unknown = text
        .replace(
            &stripe.session(&cs)["client_reference_id"],
            "no-such-checkout",
        )
        .into_bytes();
    for (what, body, header) in [
        ("unsigned", genuine.clone(), None),
        (
            "forged",
            genuine.clone(),
            Some(signature(&genuine, now(), &["whsec_forger"])),
        ),
        (
            "stale",
            genuine.clone(),
            Some(signature(&genuine, now() - 600, &[WEBHOOK_SECRET])),
        ),
        (
            "altered after signing",
            other_amount.clone(),
            Some(signature(&genuine, now(), &[WEBHOOK_SECRET])),
        ),
        (
            "other amount",
            other_amount.clone(),
            Some(signature(&other_amount, now(), &[WEBHOOK_SECRET])),
        ),
        (
            "other currency",
            other_currency.clone(),
            Some(signature(&other_currency, now(), &[WEBHOOK_SECRET])),
        ),
        (
            "unknown checkout",
            unknown.clone(),
            Some(signature(&unknown, now(), &[WEBHOOK_SECRET])),
        ),
        (
            "garbled header",
            genuine.clone(),
            Some("v1=abc,t=zzz".into()),
        ),
    ] {
        assert_eq!(
            deliver(&app, body, header).await,
            StatusCode::BAD_REQUEST,
            "{what}"
        );
    }
    assert_eq!(status(&app, &id), FeeStatus::Pending);

    // Genuine events about nothing the portal acts on are acknowledged, changing nothing.
    let other = br#"{"id":"evt_c","object":"event","type":"customer.created","data":{"object":{"id":"cus_1"}}}"#.to_vec();
    assert_eq!(signed(&app, other).await, StatusCode::OK);
    let delayed = stripe.event("evt_d", "checkout.session.completed", &cs, "unpaid");
    assert_eq!(signed(&app, delayed).await, StatusCode::OK);
    assert_eq!(status(&app, &id), FeeStatus::Pending);

    // The delayed payment fails: the fee is payable again, and a new "Pay" opens a new session.
    let failed = stripe.event(
        "evt_f",
        "checkout.session.async_payment_failed",
        &cs,
        "unpaid",
    );
    assert_eq!(signed(&app, failed).await, StatusCode::OK);
    assert_eq!(status(&app, &id), FeeStatus::Due);
    let again = pay(&app, &stripe, &client, &id).await;
    assert_ne!(again, cs);
    // The genuine "paid" for the old session, arriving late, still credits (the money came in).
    assert_eq!(signed(&app, genuine).await, StatusCode::OK);
    assert_eq!(status(&app, &id), FeeStatus::Paid);
}

#[tokio::test]
async fn when_stripe_fails_to_open_a_checkout_the_fee_stays_payable_by_transfer() {
    let stripe = StandIn::start().await;
    let app = app_with_stripe(&stripe).await;
    let (client, _, id) = submitted_application(&app).await;
    stripe.state.lock().unwrap().down = true;
    let page = app
        .post_with(&client, &format!("/applications/{id}/fee/pay"), &[])
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/applications/{id}").as_str())
    );
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(page
        .body
        .contains("The payment service cannot be reached just now"));
    assert!(page.body.contains("Pay by bank transfer"));
    assert_eq!(status(&app, &id), FeeStatus::Due);
}

#[tokio::test]
async fn a_refund_is_a_stripe_refund_of_the_payment_and_counts_when_stripe_says_it_succeeded() {
    let stripe = StandIn::start().await;
    let app = app_with_stripe(&stripe).await;
    let (client, email, id) = submitted_application(&app).await;
    let cs = pay(&app, &stripe, &client, &id).await;
    let completed = stripe.event("evt_1", "checkout.session.completed", &cs, "paid");
    assert_eq!(signed(&app, completed).await, StatusCode::OK);
    let finance = app.signed_in_staff(admitto::domain::Role::Finance).await;
    let path = format!("/staff/applications/{id}/refund");
    let asked = app
        .post_with(
            &finance,
            &path,
            &[
                ("amount", "30"),
                ("reason", "Paid the foreign-candidate rate by mistake"),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let (_, fields) = stripe.state.lock().unwrap().refunds[0].clone();
    assert_eq!(fields["payment_intent"], format!("pi_for_{cs}"));
    assert_eq!(fields["amount"], "3000");
    // Pending at Stripe: the fee is still paid in full.
    assert_eq!(status(&app, &id), FeeStatus::Paid);

    // A pending update changes nothing; a forged one is refused; "succeeded" settles it once.
    let pending = stripe.refund_event("evt_r1", 0, "pending");
    assert_eq!(signed(&app, pending).await, StatusCode::OK);
    assert_eq!(status(&app, &id), FeeStatus::Paid);
    let succeeded = stripe.refund_event("evt_r2", 0, "succeeded");
    let forged = signature(&succeeded, now(), &["whsec_someone_else"]);
    assert_eq!(
        deliver(&app, succeeded.clone(), Some(forged)).await,
        StatusCode::BAD_REQUEST
    );
    let repeats = (0..5).map(|_| signed(&app, succeeded.clone()));
    let answers = futures_util::future::join_all(repeats).await;
    assert!(answers.iter().all(|s| *s == StatusCode::OK), "{answers:?}");
    assert_eq!(status(&app, &id), FeeStatus::PartiallyRefunded);
    let page = app.get_with(&finance, &path).await;
    assert!(
        page.body.contains("55.00 PLN"),
        "what is left: {}",
        page.body
    );
    let told = app
        .emails_to(&email)
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Application fee refund"))
        .count();
    assert_eq!(told, 1);

    // Another refund that Stripe later fails gives nothing back and frees the amount again.
    let asked = app
        .post_with(
            &finance,
            &path,
            &[("amount", "55"), ("reason", "Withdrawn")],
        )
        .await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER);
    let failed = stripe.refund_event("evt_r3", 1, "failed");
    assert_eq!(signed(&app, failed).await, StatusCode::OK);
    assert_eq!(status(&app, &id), FeeStatus::PartiallyRefunded);
    let page = app.get_with(&finance, &path).await;
    assert!(page.body.contains("not given back"));
    assert_eq!(
        crate::helpers::input_value(&page.body, "amount").as_deref(),
        Some("55.00")
    );
}

#[tokio::test]
async fn sessions_whose_events_were_lost_are_looked_up_by_the_sweep_paid_or_expired() {
    let stripe = StandIn::start().await;
    let app = app_with_stripe(&stripe).await;
    let (paying, _, paid_id) = submitted_application(&app).await;
    let paid_cs = pay(&app, &stripe, &paying, &paid_id).await;
    let (leaving, _, expired_id) = submitted_application(&app).await;
    let expired_cs = pay(&app, &stripe, &leaving, &expired_id).await;
    let (waiting, _, open_id) = submitted_application(&app).await;
    pay(&app, &stripe, &waiting, &open_id).await;
    {
        let mut account = stripe.state.lock().unwrap();
        account
            .states
            .insert(paid_cs.clone(), ("complete".into(), "paid".into()));
        account
            .states
            .insert(expired_cs.clone(), ("expired".into(), "unpaid".into()));
    }
    app.sql("UPDATE payment_sessions SET created_at = '2026-01-01 08:00:00'");
    let report = sweep_now(&app).await;
    assert_eq!(
        (
            report.asked,
            report.credited,
            report.failed,
            report.unchanged
        ),
        (3, 1, 1, 1),
        "{report:?}"
    );
    assert_eq!(status(&app, &paid_id), FeeStatus::Paid);
    assert_eq!(status(&app, &expired_id), FeeStatus::Due);
    assert_eq!(status(&app, &open_id), FeeStatus::Pending);

    // The lost event arrives late: nothing is credited twice.
    let completed = stripe.event("evt_late", "checkout.session.completed", &paid_cs, "paid");
    assert_eq!(signed(&app, completed).await, StatusCode::OK);
    assert_eq!(fee_paid_entries(&app, &paid_id), 1);
    // The fee paid by the sweep is refundable like any other: it knows the payment intent.
    let finance = app.signed_in_staff(admitto::domain::Role::Finance).await;
    let page = app
        .get_with(&finance, &format!("/staff/applications/{paid_id}/refund"))
        .await;
    assert!(
        page.body.contains("The money goes back through Stripe"),
        "{}",
        page.body
    );
}
