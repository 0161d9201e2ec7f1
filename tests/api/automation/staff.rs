//! The staff's view of the automation rules: each rule in words with its firings, and a dry run
//! saying which applications it would act on now and when its time next falls.

use crate::helpers::journey::{app_with_open_cycle, start};
use admitto::domain::Role;
use reqwest::StatusCode;

#[tokio::test]
async fn a_programme_administrator_reads_the_rules_in_words_and_dry_runs_one() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let draft = start(&app, &client, "ekonomia-s1").await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let rules = app.get_with(&admin, "/staff/automation").await;
    assert_eq!(rules.status, StatusCode::OK);
    for words in [
        "Reminder about an unsubmitted application 3 days before registration closes",
        "3 days before registration closes",
        "1 hour after registration closes",
        "3 days after a document is rejected, then every 3 days while it stands",
        "change the status to Expired",
        "send the message “draft-closing” by email",
        "when the status changes to: Needs correction",
        "<code>application.fee_due</code>",
    ] {
        assert!(rules.body.contains(words), "{words}: {}", rules.body);
    }
    let dry = app
        .get_with(&admin, "/staff/automation/expire-drafts")
        .await;
    assert_eq!(dry.status, StatusCode::OK);
    assert!(
        dry.body
            .contains("If it fired now it would act on 1 of the 1 applications"),
        "{}",
        dry.body
    );
    assert!(dry.body.contains(&format!("/staff/applications/{draft}")));
    let closes = chrono::Utc::now().date_naive() + chrono::Duration::days(30);
    assert!(
        dry.body.contains("Its time next falls on")
            && dry.body.contains(&closes.format("%Y").to_string()),
        "{}",
        dry.body
    );
    let event = app
        .get_with(&admin, "/staff/automation/status-changed")
        .await;
    assert!(event
        .body
        .contains("It fires when it happens, not at a time."));
    // The fee reminder concerns submitted applications only; the draft is not among them.
    let fee = app
        .get_with(&admin, "/staff/automation/unpaid-fee-reminder")
        .await;
    assert!(
        fee.body.contains("would act on 0 of the 0 applications"),
        "{}",
        fee.body
    );
    assert_eq!(
        app.get_with(&admin, "/staff/automation/no-such-rule")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_rules_are_for_the_staff_who_define_the_cycle() {
    let app = app_with_open_cycle().await;
    let finance = app.signed_in_staff(Role::Finance).await;
    assert_eq!(
        app.get_with(&finance, "/staff/automation").await.status,
        StatusCode::FORBIDDEN
    );
    let (candidate, _) = app.candidate_client().await;
    assert_eq!(
        app.get_with(&candidate, "/staff/automation").await.status,
        StatusCode::FORBIDDEN
    );
}
