//! Paying the application fee through Przelewy24, against a local stand-in that speaks its REST
//! protocol: it registers transactions (checking their `sign` and the Basic credentials), sends
//! the status notification signed as Przelewy24 signs it, and answers the verify call. The
//! portal counts a payment only after verifying it, refuses anything forged or altered, and when
//! the gateway cannot be reached shows the fee as payable by transfer instead of an error. A
//! refund goes through the refund call and counts once the signed refund notification comes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::helpers::journey::{publish_open_cycle, submitted_application};
use crate::helpers::payments::{
    clicks_open_one, fee_order as order, fee_paid_entries, pay_at, serve, sweep_now,
};
use crate::helpers::{spawn_app_with, TestApp};
use actix_web::{web, HttpRequest, HttpResponse};
use admitto::domain::payments::przelewy24::{Notification, RefundNotification};
use admitto::domain::payments::FeeStatus;
use base64::Engine;
use reqwest::StatusCode;
use sha2::{Digest, Sha384};

const MERCHANT: i64 = 271_828;
const CRC: &str = "crc-0f1e2d3c";
const API_KEY: &str = "report-key-9a8b7c";

/// A transaction the stand-in registered.
#[derive(Debug, Clone)]
struct Registration {
    session_id: String,
    amount: i64,
    currency: String,
    url_status: String,
    url_return: String,
    description: String,
}

#[derive(Default)]
struct Gateway {
    /// By token.
    registered: HashMap<String, Registration>,
    /// (session id, order id) of each successful verify call.
    verified: Vec<(String, i64)>,
    verify_calls: usize,
    /// Register answers 503 (the gateway is down).
    down: bool,
    /// Verify answers 500.
    refuse_verify: bool,
    /// Every refund call's body.
    refunds: Vec<serde_json::Value>,
    /// Transactions the candidate paid, by session id: (order id, 1 paid / 2 verified).
    paid: HashMap<String, (i64, i64)>,
    lookups: usize,
    /// Refund calls are answered with `status: false`.
    refuse_refunds: bool,
    next_order: i64,
}

/// The stand-in, on its own port.
#[derive(Clone)]
struct StandIn {
    url: String,
    state: Arc<Mutex<Gateway>>,
}

/// SHA-384 in hex, as Przelewy24 makes its `sign` fields.
fn sha384(text: &str) -> String {
    Sha384::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A JSON string literal as PHP's `json_encode` writes it with unescaped slashes and Unicode
/// (enough for the ids and texts these tests use).
fn js(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The documented checksums, written out field by field.
fn register_sign(session: &str, merchant: i64, amount: i64, currency: &str, crc: &str) -> String {
    sha384(&format!(
        r#"{{"sessionId":{},"merchantId":{merchant},"amount":{amount},"currency":{},"crc":{}}}"#,
        js(session),
        js(currency),
        js(crc)
    ))
}

fn verify_sign(session: &str, order: i64, amount: i64, currency: &str, crc: &str) -> String {
    sha384(&format!(
        r#"{{"sessionId":{},"orderId":{order},"amount":{amount},"currency":{},"crc":{}}}"#,
        js(session),
        js(currency),
        js(crc)
    ))
}

fn notification_sign(n: &Notification, crc: &str) -> String {
    sha384(&format!(
        r#"{{"merchantId":{},"posId":{},"sessionId":{},"amount":{},"originAmount":{},"currency":{},"orderId":{},"methodId":{},"statement":{},"crc":{}}}"#,
        n.merchant_id,
        n.pos_id,
        js(&n.session_id),
        n.amount,
        n.origin_amount,
        js(&n.currency),
        n.order_id,
        n.method_id,
        js(&n.statement),
        js(crc)
    ))
}

fn refund_notification_sign(n: &RefundNotification, crc: &str) -> String {
    sha384(&format!(
        r#"{{"orderId":{},"sessionId":{},"refundsUuid":{},"merchantId":{},"amount":{},"currency":{},"status":{},"crc":{}}}"#,
        n.order_id,
        js(&n.session_id),
        js(&n.refunds_uuid),
        n.merchant_id,
        n.amount,
        js(&n.currency),
        n.status,
        js(crc)
    ))
}

fn authorised(req: &HttpRequest) -> bool {
    let expected =
        base64::engine::general_purpose::STANDARD.encode(format!("{MERCHANT}:{API_KEY}"));
    req.headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        == Some(format!("Basic {expected}").as_str())
}

async fn register(
    req: HttpRequest,
    state: web::Data<Arc<Mutex<Gateway>>>,
    body: web::Json<serde_json::Value>,
) -> HttpResponse {
    if !authorised(&req) {
        return HttpResponse::Unauthorized()
            .json(serde_json::json!({"error": "Incorrect authentication", "code": 401}));
    }
    let mut gateway = state.lock().unwrap();
    if gateway.down {
        return HttpResponse::ServiceUnavailable().finish();
    }
    let b = &body;
    let session_id = b["sessionId"].as_str().unwrap_or_default().to_owned();
    let amount = b["amount"].as_i64().unwrap_or_default();
    let currency = b["currency"].as_str().unwrap_or_default().to_owned();
    let sign = register_sign(
        &session_id,
        b["merchantId"].as_i64().unwrap_or_default(),
        amount,
        &currency,
        CRC,
    );
    if b["sign"].as_str() != Some(sign.as_str()) || b["posId"].as_i64() != Some(MERCHANT) {
        return HttpResponse::BadRequest()
            .json(serde_json::json!({"error": "Invalid input data", "code": 400}));
    }
    let token = format!("TOKEN-{}", gateway.registered.len() + 1);
    gateway.registered.insert(
        token.clone(),
        Registration {
            session_id,
            amount,
            currency,
            url_status: b["urlStatus"].as_str().unwrap_or_default().to_owned(),
            url_return: b["urlReturn"].as_str().unwrap_or_default().to_owned(),
            description: b["description"].as_str().unwrap_or_default().to_owned(),
        },
    );
    HttpResponse::Ok().json(serde_json::json!({"data": {"token": token}, "responseCode": 0}))
}

async fn verify(
    req: HttpRequest,
    state: web::Data<Arc<Mutex<Gateway>>>,
    body: web::Json<serde_json::Value>,
) -> HttpResponse {
    if !authorised(&req) {
        return HttpResponse::Unauthorized().finish();
    }
    let mut gateway = state.lock().unwrap();
    gateway.verify_calls += 1;
    if gateway.refuse_verify {
        return HttpResponse::InternalServerError().finish();
    }
    let b = &body;
    let session = b["sessionId"].as_str().unwrap_or_default().to_owned();
    let order = b["orderId"].as_i64().unwrap_or_default();
    let sign = verify_sign(
        &session,
        order,
        b["amount"].as_i64().unwrap_or_default(),
        b["currency"].as_str().unwrap_or_default(),
        CRC,
    );
    if b["sign"].as_str() != Some(sign.as_str()) {
        return HttpResponse::BadRequest()
            .json(serde_json::json!({"error": "Invalid input data", "code": 400}));
    }
    if let Some(paid) = gateway.paid.get_mut(&session) {
        paid.1 = 2;
    }
    gateway.verified.push((session, order));
    HttpResponse::Ok().json(serde_json::json!({"data": {"status": "success"}, "responseCode": 0}))
}

async fn refund(
    req: HttpRequest,
    state: web::Data<Arc<Mutex<Gateway>>>,
    body: web::Json<serde_json::Value>,
) -> HttpResponse {
    if !authorised(&req) {
        return HttpResponse::Unauthorized().finish();
    }
    let mut gateway = state.lock().unwrap();
    let item = body["refunds"][0].clone();
    let known = gateway.verified.iter().any(|(session, order)| {
        item["sessionId"].as_str() == Some(session) && item["orderId"].as_i64() == Some(*order)
    });
    if !known || body["requestId"].as_str().is_none() || body["refundsUuid"].as_str().is_none() {
        return HttpResponse::BadRequest()
            .json(serde_json::json!({"error": "Transaction not found", "code": 400}));
    }
    gateway.refunds.push(body.into_inner());
    let ok = !gateway.refuse_refunds;
    HttpResponse::Created().json(serde_json::json!({
        "data": [{
            "orderId": item["orderId"], "sessionId": item["sessionId"],
            "amount": item["amount"], "description": item["description"],
            "status": ok,
            "message": if ok { "success" } else { "Insufficient funds for the refund" },
        }],
        "responseCode": 0,
    }))
}

async fn by_session(
    req: HttpRequest,
    state: web::Data<Arc<Mutex<Gateway>>>,
    session: web::Path<String>,
) -> HttpResponse {
    if !authorised(&req) {
        return HttpResponse::Unauthorized().finish();
    }
    let mut gateway = state.lock().unwrap();
    gateway.lookups += 1;
    let Some(reg) = gateway
        .registered
        .values()
        .find(|r| r.session_id == *session)
        .cloned()
    else {
        return HttpResponse::NotFound()
            .json(serde_json::json!({"error": "Transaction not found", "code": 404}));
    };
    let (order, status) = gateway.paid.get(&reg.session_id).copied().unwrap_or((0, 0));
    HttpResponse::Ok().json(serde_json::json!({
        "data": {
            "statement": format!("p24-{order}"), "orderId": order, "sessionId": reg.session_id,
            "status": status, "amount": reg.amount, "currency": reg.currency,
            "date": "", "dateOfTransaction": "", "clientEmail": "", "accountMD5": "",
            "paymentMethod": 154, "description": reg.description, "clientName": "",
            "clientAddress": "", "clientCity": "", "clientPostcode": "", "batchId": 0, "fee": "0",
        },
        "responseCode": 0,
    }))
}

impl StandIn {
    async fn start() -> StandIn {
        let state = Arc::new(Mutex::new(Gateway {
            next_order: 3_000_000_000,
            ..Gateway::default()
        }));
        let data = web::Data::new(state.clone());
        let url = serve(move |cfg| {
            cfg.app_data(data.clone())
                .route("/api/v1/transaction/register", web::post().to(register))
                .route("/api/v1/transaction/verify", web::put().to(verify))
                .route("/api/v1/transaction/refund", web::post().to(refund))
                .route(
                    "/api/v1/transaction/by/sessionId/{session}",
                    web::get().to(by_session),
                );
        });
        StandIn { url, state }
    }

    fn registration(&self, token: &str) -> Registration {
        self.state.lock().unwrap().registered[token].clone()
    }

    /// The notification Przelewy24 sends once the candidate paid on `token`'s page.
    fn paid(&self, token: &str) -> Notification {
        let reg = self.registration(token);
        let order_id = {
            let mut gateway = self.state.lock().unwrap();
            gateway.next_order += 1;
            let order = gateway.next_order;
            gateway.paid.insert(reg.session_id.clone(), (order, 1));
            order
        };
        let mut n = Notification {
            merchant_id: MERCHANT,
            pos_id: MERCHANT,
            session_id: reg.session_id,
            amount: reg.amount,
            origin_amount: reg.amount,
            currency: reg.currency,
            order_id,
            method_id: 154,
            statement: format!("p24-{order_id}"),
            sign: String::new(),
        };
        n.sign = notification_sign(&n, CRC);
        n
    }

    /// Posts a notification body where the transaction said; the portal's answer.
    async fn deliver(&self, token: &str, body: Vec<u8>) -> StatusCode {
        reqwest::Client::new()
            .post(self.registration(token).url_status)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap()
            .status()
    }

    /// The notification Przelewy24 sends about the `index`th refund asked of it: done when
    /// `status` is 0, rejected otherwise.
    fn refund_notification(&self, index: usize, status: i64) -> RefundNotification {
        let body = self.state.lock().unwrap().refunds[index].clone();
        let item = &body["refunds"][0];
        let mut n = RefundNotification {
            order_id: item["orderId"].as_i64().unwrap(),
            session_id: item["sessionId"].as_str().unwrap().to_owned(),
            merchant_id: MERCHANT,
            request_id: body["requestId"].as_str().unwrap().to_owned(),
            refunds_uuid: body["refundsUuid"].as_str().unwrap().to_owned(),
            amount: item["amount"].as_i64().unwrap(),
            currency: "PLN".into(),
            timestamp: chrono::Utc::now().timestamp(),
            status,
            sign: String::new(),
        };
        n.sign = refund_notification_sign(&n, CRC);
        n
    }

    fn verified(&self) -> Vec<(String, i64)> {
        self.state.lock().unwrap().verified.clone()
    }

    fn verify_calls(&self) -> usize {
        self.state.lock().unwrap().verify_calls
    }
}

async fn app_with_przelewy24(gateway: &StandIn) -> TestApp {
    app_with_przelewy24_at(gateway.url.clone()).await
}

/// A portal whose Przelewy24 is at `url`, with the open demo cycle.
async fn app_with_przelewy24_at(url: String) -> TestApp {
    let app = spawn_app_with(move |settings| {
        settings.payments.provider = Some("przelewy24".into());
        settings.payments.przelewy24 = admitto::config::Przelewy24Settings {
            url,
            merchant_id: Some(MERCHANT),
            pos_id: None,
            crc: CRC.into(),
            api_key: API_KEY.into(),
        };
    })
    .await;
    publish_open_cycle(&app);
    app
}

/// "Pay": the token of the transaction the candidate is sent to pay.
async fn pay(app: &TestApp, gateway: &StandIn, client: &reqwest::Client, id: &str) -> String {
    pay_at(app, client, id, &format!("{}/trnRequest/", gateway.url)).await
}

#[tokio::test]
async fn a_fee_paid_through_przelewy24_counts_once_przelewy24_has_verified_it() {
    let gateway = StandIn::start().await;
    let app = app_with_przelewy24(&gateway).await;
    let (client, email, id) = submitted_application(&app).await;

    // Clicks at once register one transaction; a later click goes back to it.
    let token = clicks_open_one(&app, &client, &id, &format!("{}/trnRequest/", gateway.url)).await;
    assert_eq!(gateway.state.lock().unwrap().registered.len(), 1);
    let reg = gateway.registration(&token);
    assert_eq!((reg.amount, reg.currency.as_str()), (8500, "PLN"));
    assert_eq!(reg.url_status, app.url("/payments/notify/przelewy24"));
    assert_eq!(
        reg.url_return,
        app.url(&format!("/applications/{id}/fee/return"))
    );
    assert!(
        reg.description.starts_with("Application fee "),
        "{}",
        reg.description
    );
    assert_eq!(order(&app, &id).status, FeeStatus::Pending);

    // Back before the notification: still being confirmed.
    let back = app
        .get_with(&client, &format!("/applications/{id}/fee/return"))
        .await;
    let page = app
        .get_with(&client, back.location.as_deref().unwrap())
        .await;
    assert!(page.body.contains("being confirmed"), "{}", page.body);

    let paid = gateway.paid(&token);
    let body = serde_json::to_vec(&paid).unwrap();
    assert_eq!(gateway.deliver(&token, body.clone()).await, StatusCode::OK);
    assert_eq!(
        gateway.verified(),
        vec![(reg.session_id.clone(), paid.order_id)]
    );
    let fee = order(&app, &id);
    assert_eq!(fee.status, FeeStatus::Paid);
    assert_eq!(fee.channel.as_deref(), Some("przelewy24"));

    // Przelewy24 sends again (it retries for hours), twenty times at once: nothing changes
    // and it is not verified again.
    let repeats = (0..20).map(|_| gateway.deliver(&token, body.clone()));
    let answers = futures_util::future::join_all(repeats).await;
    assert!(answers.iter().all(|s| *s == StatusCode::OK), "{answers:?}");
    assert_eq!(gateway.verify_calls(), 1);
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(page.body.contains("(Przelewy24)"), "{}", page.body);
    let receipts = app
        .emails_to(&email)
        .await
        .into_iter()
        .filter(|m| m.subject.contains("payment") || m.subject.contains("Payment"))
        .count();
    assert_eq!(receipts, 1, "one payment confirmation");
}

#[tokio::test]
async fn forged_altered_unknown_or_wrong_amount_notifications_are_refused_before_any_verify() {
    let gateway = StandIn::start().await;
    let app = app_with_przelewy24(&gateway).await;
    let (client, _, id) = submitted_application(&app).await;
    let token = pay(&app, &gateway, &client, &id).await;
    let genuine = gateway.paid(&token);

    // Signed with another shop's CRC key.
    let mut forged = genuine.clone();
    forged.sign = notification_sign(&forged, "not-our-crc");
    // Altered after signing.
    let mut altered = genuine.clone();
    altered.amount = 100;
    altered.origin_amount = 100;
    // Signed properly, but for a checkout that does not exist, or for another amount (only the
    // gateway could sign these: a gateway-side mistake is refused all the same).
    let mut unknown = genuine.clone();
    unknown.session_id = "no-such-checkout".into();
    unknown.sign = notification_sign(&unknown, CRC);
    let mut cheaper = genuine.clone();
    cheaper.amount = 100;
    cheaper.origin_amount = 100;
    cheaper.sign = notification_sign(&cheaper, CRC);
    let mut unsigned = serde_json::to_value(&genuine).unwrap();
    unsigned.as_object_mut().unwrap().remove("sign");
    for (what, body) in [
        ("forged", serde_json::to_vec(&forged).unwrap()),
        ("altered", serde_json::to_vec(&altered).unwrap()),
        ("unknown", serde_json::to_vec(&unknown).unwrap()),
        ("cheaper", serde_json::to_vec(&cheaper).unwrap()),
        ("unsigned", serde_json::to_vec(&unsigned).unwrap()),
        ("not json", b"merchantId=1&sign=x".to_vec()),
    ] {
        assert_eq!(
            gateway.deliver(&token, body).await,
            StatusCode::BAD_REQUEST,
            "{what}"
        );
    }
    assert_eq!(gateway.verify_calls(), 0);
    assert_eq!(order(&app, &id).status, FeeStatus::Pending);

    // The genuine one still pays.
    let body = serde_json::to_vec(&genuine).unwrap();
    assert_eq!(gateway.deliver(&token, body).await, StatusCode::OK);
    assert_eq!(order(&app, &id).status, FeeStatus::Paid);
}

#[tokio::test]
async fn a_payment_przelewy24_will_not_verify_is_not_credited_until_a_retry_verifies() {
    let gateway = StandIn::start().await;
    let app = app_with_przelewy24(&gateway).await;
    let (client, _, id) = submitted_application(&app).await;
    let token = pay(&app, &gateway, &client, &id).await;
    let body = serde_json::to_vec(&gateway.paid(&token)).unwrap();
    gateway.state.lock().unwrap().refuse_verify = true;
    let answer = gateway.deliver(&token, body.clone()).await;
    assert!(
        answer.is_server_error(),
        "{answer}: Przelewy24 is to send it again"
    );
    assert_eq!(order(&app, &id).status, FeeStatus::Pending);
    gateway.state.lock().unwrap().refuse_verify = false;
    assert_eq!(gateway.deliver(&token, body).await, StatusCode::OK);
    assert_eq!(order(&app, &id).status, FeeStatus::Paid);
    assert_eq!(gateway.verify_calls(), 2);
}

#[tokio::test]
async fn when_przelewy24_is_down_the_candidate_is_shown_the_transfer_instead_of_an_error() {
    let gateway = StandIn::start().await;
    let app = app_with_przelewy24(&gateway).await;
    let (client, _, id) = submitted_application(&app).await;
    gateway.state.lock().unwrap().down = true;
    let page = app
        .post_with(&client, &format!("/applications/{id}/fee/pay"), &[])
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let back = page.location.unwrap();
    assert_eq!(back, format!("/applications/{id}"));
    let page = app.get_with(&client, &back).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("The payment service cannot be reached just now"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Pay by bank transfer"), "{}", page.body);
    assert_eq!(order(&app, &id).status, FeeStatus::Due);

    // Back up: the next click opens a new transaction.
    gateway.state.lock().unwrap().down = false;
    let token = pay(&app, &gateway, &client, &id).await;
    let body = serde_json::to_vec(&gateway.paid(&token)).unwrap();
    assert_eq!(gateway.deliver(&token, body).await, StatusCode::OK);
    assert_eq!(order(&app, &id).status, FeeStatus::Paid);

    // "Submit and pay" while the gateway is down: submitted at the click, and told so.
    gateway.state.lock().unwrap().down = true;
    let (client, _, id) = crate::helpers::journey::complete_application(&app).await;
    let page = app
        .post_with(
            &client,
            &format!("/applications/{id}/submit"),
            &[("then", "pay")],
        )
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/applications/{id}").as_str())
    );
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(page
        .body
        .contains("The payment service cannot be reached just now"));
    assert!(page.body.contains("submitted, receipt"), "{}", page.body);
    assert_eq!(order(&app, &id).status, FeeStatus::Due);

    // A shop whose gateway address is wrong altogether fails the same way.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let nowhere = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let app = app_with_przelewy24_at(nowhere).await;
    let (client, _, id) = submitted_application(&app).await;
    let page = app
        .post_with(&client, &format!("/applications/{id}/fee/pay"), &[])
        .await;
    assert_eq!(
        page.location.as_deref(),
        Some(format!("/applications/{id}").as_str())
    );
    assert_eq!(order(&app, &id).status, FeeStatus::Due);
}

#[tokio::test]
async fn a_refund_goes_through_przelewy24s_refund_call_and_counts_when_its_notification_comes() {
    let gateway = StandIn::start().await;
    let app = app_with_przelewy24(&gateway).await;
    let (client, email, id) = submitted_application(&app).await;
    let token = pay(&app, &gateway, &client, &id).await;
    let paid = gateway.paid(&token);
    let body = serde_json::to_vec(&paid).unwrap();
    assert_eq!(gateway.deliver(&token, body).await, StatusCode::OK);
    let session = gateway.registration(&token).session_id;
    let finance = app.signed_in_staff(admitto::domain::Role::Finance).await;
    let path = format!("/staff/applications/{id}/refund");
    let page = app.get_with(&finance, &path).await;
    assert!(
        page.body.contains("The money goes back through Przelewy24"),
        "{}",
        page.body
    );
    let fields = [
        ("amount", "85.00"),
        ("reason", "Withdrawn before the deadline"),
    ];

    // Przelewy24 refuses: nothing is given back, and staff read what it said.
    gateway.state.lock().unwrap().refuse_refunds = true;
    let asked = app.post_with(&finance, &path, &fields).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let page = app.get_with(&finance, &path).await;
    assert!(page.body.contains("The payment service refused the refund"));
    assert!(
        page.body.contains("Insufficient funds for the refund"),
        "{}",
        page.body
    );
    assert!(page.body.contains("not given back"));
    assert_eq!(order(&app, &id).status, FeeStatus::Paid);

    // Asked again: taken, and the fee counts as refunded only once Przelewy24 says so.
    gateway.state.lock().unwrap().refuse_refunds = false;
    let asked = app.post_with(&finance, &path, &fields).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    let page = app.get_with(&finance, &path).await;
    assert!(
        page.body.contains("The payment service took the refund"),
        "{}",
        page.body
    );
    assert!(page.body.contains("asked of the gateway"));
    assert_eq!(order(&app, &id).status, FeeStatus::Paid);
    let call = gateway.state.lock().unwrap().refunds[1].clone();
    assert_eq!(call["refunds"][0]["orderId"].as_i64(), Some(paid.order_id));
    assert_eq!(
        call["refunds"][0]["sessionId"].as_str(),
        Some(session.as_str())
    );
    assert_eq!(call["refunds"][0]["amount"].as_i64(), Some(8500));
    assert_eq!(
        call["urlStatus"].as_str(),
        Some(app.url("/payments/notify/przelewy24").as_str())
    );

    // Forged, altered, about another refund or for another amount: refused, nothing changes.
    let genuine = gateway.refund_notification(1, 0);
    let mut forged = genuine.clone();
    forged.sign = refund_notification_sign(&forged, "not-our-crc");
    let mut altered = genuine.clone();
    altered.amount = 100;
    let mut unknown = genuine.clone();
    unknown.refunds_uuid = "0000feedface".into();
    unknown.sign = refund_notification_sign(&unknown, CRC);
    let mut cheaper = genuine.clone();
    cheaper.amount = 100;
    cheaper.sign = refund_notification_sign(&cheaper, CRC);
    for (what, n) in [
        ("forged", forged),
        ("altered", altered),
        ("unknown", unknown),
        ("cheaper", cheaper),
    ] {
        let body = serde_json::to_vec(&n).unwrap();
        assert_eq!(
            gateway.deliver(&token, body).await,
            StatusCode::BAD_REQUEST,
            "{what}"
        );
    }
    assert_eq!(order(&app, &id).status, FeeStatus::Paid);

    // The genuine one, five times at once: refunded once, the candidate told once.
    let body = serde_json::to_vec(&genuine).unwrap();
    let repeats = (0..5).map(|_| gateway.deliver(&token, body.clone()));
    let answers = futures_util::future::join_all(repeats).await;
    assert!(answers.iter().all(|s| *s == StatusCode::OK), "{answers:?}");
    assert_eq!(order(&app, &id).status, FeeStatus::Refunded);
    let page = app.get_with(&finance, &path).await;
    assert!(page.body.contains("given back"));
    assert!(page.body.contains("Nothing is left to refund on this fee."));
    let told = app
        .emails_to(&email)
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Application fee refund"))
        .collect::<Vec<_>>();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0]
        .text
        .contains("It goes back to the card or account you paid from"));
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        page.body
            .contains("85.00 PLN of the application fee given back to you"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_payment_whose_notification_was_lost_is_found_by_the_sweep_and_credited_once() {
    let gateway = StandIn::start().await;
    let app = app_with_przelewy24(&gateway).await;
    let (client, _, id) = submitted_application(&app).await;
    let token = pay(&app, &gateway, &client, &id).await;
    let (other_client, _, other) = submitted_application(&app).await;
    pay(&app, &gateway, &other_client, &other).await;
    // The candidate pays at Przelewy24; its notification never arrives.
    let paid = gateway.paid(&token);

    // A checkout opened a moment ago is not asked about: its notification may still come.
    let report = sweep_now(&app).await;
    assert_eq!(report.asked, 0, "{report:?}");
    assert_eq!(gateway.state.lock().unwrap().lookups, 0);
    assert_eq!(order(&app, &id).status, FeeStatus::Pending);

    // Past `sweep_after_minutes`, the worker's periodic sweep asks: the paid one is verified
    // and credited, the unpaid one is left as it is.
    app.sql("UPDATE payment_sessions SET created_at = '2026-01-01 08:00:00'");
    app.worker.schedule_periodic().unwrap();
    app.dispatch_jobs().await;
    assert_eq!(gateway.state.lock().unwrap().lookups, 2);
    assert_eq!(order(&app, &id).status, FeeStatus::Paid);
    assert_eq!(order(&app, &other).status, FeeStatus::Pending);
    assert_eq!(
        gateway.verified(),
        vec![(paid.session_id.clone(), paid.order_id)]
    );

    // The notification turns up after all: recognised, nothing credited twice.
    let body = serde_json::to_vec(&paid).unwrap();
    assert_eq!(gateway.deliver(&token, body).await, StatusCode::OK);
    assert_eq!(gateway.verify_calls(), 1);
    assert_eq!(fee_paid_entries(&app, &id), 1);
    let report = sweep_now(&app).await;
    assert_eq!(
        (report.asked, report.credited, report.unchanged),
        (1, 0, 1),
        "{report:?}"
    );
}
