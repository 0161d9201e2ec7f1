//! Refunds by the finance office, on a fee paid in the demo's sandbox (which gives money back
//! at once): errors at their fields with nothing recorded, part then the rest, never more than
//! was paid even when asked for several times at once, and the candidate told each time.

use crate::helpers::journey::submitted_application;
use crate::helpers::payments::fee_order;
use crate::helpers::TestApp;
use admitto::domain::history::HistoryEntry;
use admitto::domain::ids::ApplicationId;
use admitto::domain::payments::FeeStatus;
use admitto::domain::Role;
use reqwest::StatusCode;

use super::sandbox::pay;

/// A candidate whose 85.00 PLN fee is paid in the sandbox: (their email, the application).
async fn paid_fee(app: &TestApp) -> (String, String) {
    let (client, email, id) = submitted_application(app).await;
    let session = pay(app, &client, &id).await;
    let paid = app
        .post_with(
            &client,
            &format!("/dev/pay/{session}"),
            &[("outcome", "paid")],
        )
        .await;
    assert_eq!(paid.status, StatusCode::SEE_OTHER, "{}", paid.body);
    assert_eq!(fee_order(app, &id).status, FeeStatus::Paid);
    (email, id)
}

fn refunded_entries(app: &TestApp, id: &str) -> Vec<String> {
    admitto::db::applications::events(&mut app.conn(), &ApplicationId::from(id))
        .unwrap()
        .into_iter()
        .filter_map(|e| match e.entry {
            Some(HistoryEntry::FeeRefunded { amount }) => Some(amount),
            _ => None,
        })
        .collect()
}

async fn ask(
    app: &TestApp,
    finance: &reqwest::Client,
    id: &str,
    amount: &str,
    reason: &str,
) -> crate::helpers::Page {
    app.post_with(
        finance,
        &format!("/staff/applications/{id}/refund"),
        &[("amount", amount), ("reason", reason)],
    )
    .await
}

#[tokio::test]
async fn the_finance_office_refunds_part_then_the_rest_and_never_more_than_was_paid() {
    let app = crate::helpers::journey::app_with_open_cycle().await;
    let (email, id) = paid_fee(&app).await;
    let path = format!("/staff/applications/{id}/refund");

    // Money is the finance office's: an admissions officer neither sees the link nor the page.
    let officer = app.signed_in_staff(Role::Officer).await;
    assert_eq!(
        app.get_with(&officer, &path).await.status,
        StatusCode::FORBIDDEN
    );
    let detail = app
        .get_with(&officer, &format!("/staff/applications/{id}"))
        .await;
    assert!(!detail.body.contains(&path));
    let refused = ask(&app, &officer, &id, "85", "no").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let finance = app.signed_in_staff(Role::Finance).await;
    let detail = app
        .get_with(&finance, &format!("/staff/applications/{id}"))
        .await;
    assert!(detail.body.contains(&path), "{}", detail.body);
    let page = app.get_with(&finance, &path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Left to refund"));
    assert!(page.body.contains("85.00 PLN"));
    assert!(page
        .body
        .contains("The money goes back through demo payment"));
    assert_eq!(
        crate::helpers::input_value(&page.body, "amount").as_deref(),
        Some("85.00")
    );
    // A paid-online fee goes back the way it came: no account is asked for.
    assert!(crate::helpers::input_value(&page.body, "account").is_none());

    // Bad input: each error at its field, what was typed kept, nothing recorded.
    for (amount, reason, expected) in [
        ("", "", "Enter the amount as a sum like 85.00."),
        ("", "", "Say why the money is given back."),
        ("ten", "Duplicate", "Enter the amount as a sum like 85.00."),
        ("0", "Duplicate", "Enter an amount above zero."),
        ("85.01", "Duplicate", "That is more than is left to refund."),
        ("40", "   ", "Say why the money is given back."),
    ] {
        let page = ask(&app, &finance, &id, amount, reason).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{amount:?}");
        assert!(page.body.contains(expected), "{expected}: {}", page.body);
        assert!(
            page.body.contains("href=\"#"),
            "an error summary linking to the field"
        );
        assert_eq!(
            crate::helpers::input_value(&page.body, "amount").as_deref(),
            Some(amount)
        );
    }
    assert_eq!(fee_order(&app, &id).status, FeeStatus::Paid);
    assert!(refunded_entries(&app, &id).is_empty());

    // Part of it, written the Polish way.
    let part = ask(
        &app,
        &finance,
        &id,
        "40,00",
        "Fee lowered by the dean's decision",
    )
    .await;
    assert_eq!(part.status, StatusCode::SEE_OTHER, "{}", part.body);
    assert_eq!(part.location.as_deref(), Some(path.as_str()));
    let page = app.get_with(&finance, &path).await;
    assert!(
        page.body.contains("The money was given back."),
        "{}",
        page.body
    );
    assert!(page.body.contains("given back"));
    assert!(page.body.contains("Fee lowered by the dean"));
    assert_eq!(fee_order(&app, &id).status, FeeStatus::PartiallyRefunded);
    assert_eq!(refunded_entries(&app, &id), ["40.00 PLN"]);

    // The rest, asked for five times at once: once is given back, the others are refused.
    let asks = (0..5).map(|_| ask(&app, &finance, &id, "45", "Withdrawn before the exam"));
    let pages = futures_util::future::join_all(asks).await;
    let given: Vec<_> = pages
        .iter()
        .filter(|p| p.status == StatusCode::SEE_OTHER)
        .collect();
    assert_eq!(
        given.len(),
        1,
        "{:?}",
        pages.iter().map(|p| p.status).collect::<Vec<_>>()
    );
    assert!(pages
        .iter()
        .filter(|p| p.status != StatusCode::SEE_OTHER)
        .all(|p| p.status == StatusCode::UNPROCESSABLE_ENTITY));
    assert_eq!(fee_order(&app, &id).status, FeeStatus::Refunded);
    assert_eq!(refunded_entries(&app, &id), ["40.00 PLN", "45.00 PLN"]);
    let page = app.get_with(&finance, &path).await;
    assert!(page.body.contains("Nothing is left to refund on this fee."));
    let more = ask(&app, &finance, &id, "1", "Again").await;
    assert_eq!(more.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(more
        .body
        .contains("This fee is not paid, or is refunded already."));

    // The candidate is told each time, in their language, with the reason.
    let mails: Vec<_> = app
        .emails_to(&email)
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Application fee refund"))
        .collect();
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(mails[0]
        .text
        .contains("We have given back 40.00 PLN of your application fee for Computer Science."));
    assert!(mails[0]
        .text
        .contains("Reason: Fee lowered by the dean's decision"));
    // Every refund is audited with who asked for it.
    let audit = admitto::db::audit::recent(&mut app.conn(), 50).unwrap();
    assert_eq!(
        audit
            .iter()
            .filter(|a| a.action == "payments.refund.request")
            .count(),
        2
    );
}

#[tokio::test]
async fn an_unpaid_fee_has_nothing_to_refund() {
    let app = crate::helpers::journey::app_with_open_cycle().await;
    let (_, _, id) = submitted_application(&app).await;
    let finance = app.signed_in_staff(Role::Finance).await;
    let page = app
        .get_with(&finance, &format!("/staff/applications/{id}/refund"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Nothing is left to refund on this fee."));
    let asked = ask(&app, &finance, &id, "85", "Mistake").await;
    assert_eq!(asked.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(asked
        .body
        .contains("This fee is not paid, or is refunded already."));
    assert_eq!(fee_order(&app, &id).status, FeeStatus::Due);
    let unknown = app
        .get_with(&finance, "/staff/applications/no-such-application/refund")
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}
