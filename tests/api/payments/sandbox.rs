//! Paying the application fee through the demo's payment sandbox, and the notifications a
//! gateway sends: verified on the exact bytes, refused with a reason when anything is off,
//! applied exactly once however often and in whatever order they come.

use crate::helpers::journey::submitted_application;
use crate::helpers::payments::{fee_order, fee_paid_entries, pay_at};
use crate::helpers::{spawn_app_with, TestApp};
use admitto::domain::ids::ApplicationId;
use admitto::domain::payments::FeeStatus;
use admitto::services::payments::Sandbox;
use reqwest::StatusCode;

/// The secret key the test settings give the portal; the sandbox's secret derives from it.
const SECRET_KEY: &str = "test-secret-key-that-is-long-enough-0123456789";

pub(super) fn sandbox() -> Sandbox {
    Sandbox::from_secret_key(SECRET_KEY)
}

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// "Pay": the checkout's id, from where the portal sends the candidate.
pub(super) async fn pay(app: &TestApp, client: &reqwest::Client, id: &str) -> String {
    pay_at(app, client, id, "/dev/pay/").await
}

pub(super) fn notice_body(
    event: &str,
    session: &str,
    status: &str,
    amount: i64,
    currency: &str,
) -> Vec<u8> {
    serde_json::json!({
        "event": event, "session": session, "status": status,
        "amount": amount, "currency": currency,
    })
    .to_string()
    .into_bytes()
}

/// Sends a notification as the gateway would; the response status.
pub(super) async fn notify(app: &TestApp, body: Vec<u8>, signature: Option<String>) -> StatusCode {
    let mut request = reqwest::Client::new()
        .post(app.url("/payments/notify/sandbox"))
        .header("content-type", "application/json")
        .body(body);
    if let Some(signature) = signature {
        request = request.header("Admitto-Signature", signature);
    }
    request.send().await.unwrap().status()
}

fn order_status(app: &TestApp, id: &str) -> FeeStatus {
    fee_order(app, id).status
}

#[tokio::test]
async fn a_candidate_pays_in_the_sandbox_and_the_application_says_paid() {
    let app = crate::helpers::journey::app_with_open_cycle().await;
    let (client, email, id) = submitted_application(&app).await;
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(page.body.contains("Awaiting payment"), "{}", page.body);
    assert!(page
        .body
        .contains("The application fee of 85.00 PLN is due"));
    assert!(page.body.contains("Pay 85.00 PLN"));
    assert_eq!(order_status(&app, &id), FeeStatus::Due);
    // No confirmation of a payment not made.
    let early = app
        .get_with(&client, &format!("/applications/{id}/fee/confirmation.pdf"))
        .await;
    assert_eq!(early.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("Payment confirmation (PDF)"));

    // Ten clicks at once open one checkout.
    let clicks = (0..10).map(|_| pay(&app, &client, &id));
    let sessions = futures_util::future::join_all(clicks).await;
    let session = sessions[0].clone();
    assert!(sessions.iter().all(|s| *s == session), "{sessions:?}");
    // A second "Pay" while the checkout is open goes back to it.
    assert_eq!(pay(&app, &client, &id).await, session);
    assert_eq!(order_status(&app, &id), FeeStatus::Pending);
    let hosted = app.get_with(&client, &format!("/dev/pay/{session}")).await;
    assert_eq!(hosted.status, StatusCode::OK);
    assert!(hosted.body.contains("85.00 PLN"));
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(page.body.contains("Payment being confirmed"));

    let paid = app
        .post_with(
            &client,
            &format!("/dev/pay/{session}"),
            &[("outcome", "twice")],
        )
        .await;
    assert_eq!(paid.status, StatusCode::SEE_OTHER, "{}", paid.body);
    let back = paid.location.unwrap();
    assert_eq!(back, format!("/applications/{id}/fee/return"));
    let returned = app.get_with(&client, &back).await;
    assert_eq!(
        returned.location.as_deref(),
        Some(format!("/applications/{id}").as_str())
    );
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        page.body.contains("your payment is in and the fee is paid"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Paid on"));
    assert!(page.body.contains("(demo payment)"));
    assert!(page.body.contains("application fee paid (demo payment)"));
    assert!(!page.body.contains("Pay 85.00 PLN"));
    assert_eq!(order_status(&app, &id), FeeStatus::Paid);
    assert_eq!(
        fee_paid_entries(&app, &id),
        1,
        "the notification sent twice credits once"
    );
    // One payment confirmation, in the candidate's language, not an invoice.
    let mails = app.emails_to(&email).await;
    let confirmations: Vec<_> = mails
        .iter()
        .filter(|m| m.subject.starts_with("Payment received"))
        .collect();
    assert_eq!(confirmations.len(), 1, "{mails:?}");
    assert!(confirmations[0]
        .text
        .contains("We have received your payment of 85.00 PLN"));
    assert!(confirmations[0].text.contains("Computer Science"));
    assert!(confirmations[0].text.contains("it is not an invoice"));
    // Staff see the fee and every change of it.
    let officer = app.signed_in_staff(admitto::domain::Role::Officer).await;
    let detail = app
        .get_with(&officer, &format!("/staff/applications/{id}"))
        .await;
    assert_eq!(detail.status, StatusCode::OK);
    for expected in [
        "85.00 PLN: paid.",
        "due since the application was submitted",
        "due → being paid",
        "the candidate started a payment",
        "being paid → paid",
        "the payment provider confirmed the payment",
        "demo payment",
    ] {
        assert!(
            detail.body.contains(expected),
            "{expected}: {}",
            detail.body
        );
    }
    // The payment confirmation, as a PDF beside the fee.
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(page.body.contains("Payment confirmation (PDF)"));
    let pdf = client
        .get(app.url(&format!("/applications/{id}/fee/confirmation.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.bytes().await.unwrap().starts_with(b"%PDF"));
    // Nothing more to pay.
    let again = app
        .post_with(&client, &format!("/applications/{id}/fee/pay"), &[])
        .await;
    assert_eq!(
        again.location.as_deref(),
        Some(format!("/applications/{id}").as_str())
    );
}

#[tokio::test]
async fn notifications_are_checked_on_their_exact_bytes_and_twenty_at_once_credit_once() {
    let app = crate::helpers::journey::app_with_open_cycle().await;
    let (client, _, id) = submitted_application(&app).await;
    let session = pay(&app, &client, &id).await;
    let sandbox = sandbox();
    let good = notice_body("evt_1", &session, "paid", 8500, "PLN");
    let forger = Sandbox::from_secret_key("another-portal's-secret-key-0123456789");
    let other_body = notice_body("evt_1", &session, "paid", 100, "PLN");
    let refused: Vec<(&str, Vec<u8>, Option<String>)> = vec![
        ("no signature", good.clone(), None),
        (
            "a forged signature",
            good.clone(),
            Some(forger.sign(&good, now())),
        ),
        (
            "a signature over another body",
            good.clone(),
            Some(sandbox.sign(&other_body, now())),
        ),
        (
            "an old timestamp",
            good.clone(),
            Some(sandbox.sign(&good, now() - 3600)),
        ),
        (
            "garbage",
            b"not json".to_vec(),
            Some(sandbox.sign(b"not json", now())),
        ),
        (
            "a wrong amount",
            other_body.clone(),
            Some(sandbox.sign(&other_body, now())),
        ),
        (
            "a wrong currency",
            notice_body("evt_2", &session, "paid", 8500, "EUR"),
            Some(sandbox.sign(&notice_body("evt_2", &session, "paid", 8500, "EUR"), now())),
        ),
        (
            "an unknown checkout",
            notice_body("evt_3", "no-such-session", "paid", 8500, "PLN"),
            Some(sandbox.sign(
                &notice_body("evt_3", "no-such-session", "paid", 8500, "PLN"),
                now(),
            )),
        ),
    ];
    for (what, body, signature) in refused {
        assert_eq!(
            notify(&app, body, signature).await,
            StatusCode::BAD_REQUEST,
            "{what}"
        );
        assert_eq!(
            order_status(&app, &id),
            FeeStatus::Pending,
            "{what} credits nothing"
        );
    }

    let signature = sandbox.sign(&good, now());
    let deliveries = (0..20).map(|_| notify(&app, good.clone(), Some(signature.clone())));
    for status in futures_util::future::join_all(deliveries).await {
        assert_eq!(status, StatusCode::OK);
    }
    assert_eq!(order_status(&app, &id), FeeStatus::Paid);
    assert_eq!(fee_paid_entries(&app, &id), 1);
    let order =
        admitto::services::payments::fee_order(&mut app.conn(), &ApplicationId::from(id.as_str()))
            .unwrap()
            .unwrap();
    let credits = admitto::db::payments::order_events(&mut app.conn(), &order.id)
        .unwrap()
        .into_iter()
        .filter(|e| e.reason == "credited")
        .count();
    assert_eq!(credits, 1);
    // A failure reported after the credit (out of order) changes nothing.
    let late = notice_body("evt_9", &session, "failed", 8500, "PLN");
    assert_eq!(
        notify(&app, late.clone(), Some(sandbox.sign(&late, now()))).await,
        StatusCode::OK
    );
    assert_eq!(order_status(&app, &id), FeeStatus::Paid);
}

#[tokio::test]
async fn a_failed_payment_leaves_the_fee_payable_with_a_new_checkout() {
    let app = crate::helpers::journey::app_with_open_cycle().await;
    let (client, _, id) = submitted_application(&app).await;
    let first = pay(&app, &client, &id).await;
    let failed = app
        .post_with(
            &client,
            &format!("/dev/pay/{first}"),
            &[("outcome", "failed")],
        )
        .await;
    assert_eq!(failed.status, StatusCode::SEE_OTHER);
    assert_eq!(order_status(&app, &id), FeeStatus::Due);
    let returned = app
        .get_with(&client, &format!("/applications/{id}/fee/return"))
        .await;
    assert_eq!(returned.status, StatusCode::SEE_OTHER);
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        page.body.contains("The payment did not go through"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Pay 85.00 PLN"));
    let second = pay(&app, &client, &id).await;
    assert_ne!(second, first, "a finished checkout is not reused");
    // The finished checkout's page says so and offers no buttons.
    let hosted = app.get_with(&client, &format!("/dev/pay/{first}")).await;
    assert!(hosted.body.contains("This payment is finished"));
}

#[tokio::test]
async fn another_candidate_cannot_pay_or_see_the_fee_and_outside_demo_there_is_no_sandbox() {
    let app = crate::helpers::journey::app_with_open_cycle().await;
    let (_, _, id) = submitted_application(&app).await;
    let (stranger, _) = app.candidate_client().await;
    let page = app
        .post_with(&stranger, &format!("/applications/{id}/fee/pay"), &[])
        .await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(order_status(&app, &id), FeeStatus::Due);

    let production = spawn_app_with(|s| s.demo = false).await;
    assert_eq!(
        notify(&production, notice_body("e", "s", "paid", 1, "PLN"), None).await,
        StatusCode::NOT_FOUND
    );
    let page = production.get("/dev/pay/anything").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn submit_and_pay_records_the_submission_then_opens_the_checkout() {
    let app = crate::helpers::journey::app_with_open_cycle().await;
    let (client, _, id) = crate::helpers::journey::complete_application(&app).await;
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        page.body.contains("Submit and pay 85.00 PLN"),
        "{}",
        page.body
    );
    let submitted = app
        .post_with(
            &client,
            &format!("/applications/{id}/submit"),
            &[("then", "pay")],
        )
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );
    let location = submitted.location.unwrap();
    assert!(location.starts_with("/dev/pay/"), "{location}");
    let row = admitto::db::applications::find(&mut app.conn(), &ApplicationId::from(id.as_str()))
        .unwrap()
        .unwrap();
    assert!(
        row.submitted_at.is_some() && row.receipt_number.is_some(),
        "submitted at the click"
    );
    assert_eq!(order_status(&app, &id), FeeStatus::Pending);
    // Until the payment comes, the application says until when it may be paid: the
    // registration's close plus the cycle's grace days.
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        page.body.contains("The fee may be paid until"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("Submit and pay"));
}
