//! Automation rules of the demo cycle driven by a controllable clock: the engine's look at
//! time triggers is run at chosen moments (`services::automation::tick`), the firings it queues
//! run in the workers. A rule fires once per application and occurrence, however many workers
//! look, and a look after a pause catches up what it missed, once.

use crate::helpers::journey::{
    app_with_open_cycle, publish_open_cycle_edited, start, submitted_application,
};
use crate::helpers::{spawn_app, TestApp};
use admitto::domain::ids::ApplicationId;
use admitto::domain::ApplicationStatus;
use chrono::{Duration, NaiveDateTime};

/// When the test cycle's registration closes (UTC): 23:59 Warsaw time, 30 days from today.
fn closes() -> NaiveDateTime {
    let day = chrono::Utc::now().date_naive() + Duration::days(30);
    admitto::domain::cycle::warsaw_time(&format!("{day} 23:59")).unwrap()
}

/// The engine's look at time triggers, at `now`.
fn look(app: &TestApp, now: NaiveDateTime) -> usize {
    admitto::services::automation::tick(&mut app.conn(), &app.services, now).unwrap()
}

fn status(app: &TestApp, id: &str) -> ApplicationStatus {
    admitto::db::applications::find(&mut app.conn(), &ApplicationId::from(id))
        .unwrap()
        .unwrap()
        .status
}

async fn subjects_to(app: &TestApp, email: &str) -> Vec<String> {
    app.emails_to(email)
        .await
        .into_iter()
        .map(|e| e.subject)
        .collect()
}

fn count(subjects: &[String], part: &str) -> usize {
    subjects.iter().filter(|s| s.contains(part)).count()
}

#[tokio::test]
async fn a_draft_is_warned_once_three_days_before_the_close_and_expires_an_hour_after_it() {
    let app = app_with_open_cycle().await;
    let (client, email) = app.candidate_client().await;
    let id = start(&app, &client, "ekonomia-s1").await;
    let closes = closes();
    // The first look starts the rules' marks: nothing in the past is acted on.
    assert_eq!(look(&app, admitto::db::now()), 0);

    let warning = closes - Duration::days(3);
    assert_eq!(look(&app, warning - Duration::minutes(1)), 0);
    assert_eq!(count(&subjects_to(&app, &email).await, "3 days left"), 0);
    assert_eq!(look(&app, warning + Duration::minutes(1)), 1);
    assert_eq!(look(&app, warning + Duration::minutes(2)), 0);
    let subjects = subjects_to(&app, &email).await;
    assert_eq!(
        count(&subjects, "3 days left to submit your application"),
        1,
        "{subjects:?}"
    );
    let warned = app.emails_to(&email).await;
    let warned = warned
        .iter()
        .find(|e| e.subject.contains("3 days left"))
        .unwrap();
    assert!(
        warned.text.contains(&format!("/applications/{id}")),
        "{}",
        warned.text
    );
    assert!(warned.html.contains("<a href="), "{}", warned.html);

    assert_eq!(look(&app, closes + Duration::minutes(59)), 0);
    app.dispatch_jobs().await;
    assert_eq!(status(&app, &id), ApplicationStatus::Draft);
    assert_eq!(look(&app, closes + Duration::minutes(61)), 1);
    app.dispatch_jobs().await;
    assert_eq!(status(&app, &id), ApplicationStatus::Expired);
    assert_eq!(look(&app, closes + Duration::hours(5)), 0);
    let subjects = subjects_to(&app, &email).await;
    assert_eq!(count(&subjects, "3 days left"), 1, "{subjects:?}");
    assert_eq!(count(&subjects, "has expired"), 1, "{subjects:?}");
    // The history says why, in the candidate's words.
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        page.body
            .contains("it was not submitted before registration closed"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_submitted_application_is_neither_warned_nor_expired() {
    let app = app_with_open_cycle().await;
    let (_, email, id) = submitted_application(&app).await;
    let closes = closes();
    look(&app, admitto::db::now());
    look(&app, closes - Duration::days(3) + Duration::minutes(1));
    look(&app, closes + Duration::hours(2));
    app.dispatch_jobs().await;
    assert_eq!(status(&app, &id), ApplicationStatus::Submitted);
    let subjects = subjects_to(&app, &email).await;
    assert_eq!(count(&subjects, "3 days left"), 0, "{subjects:?}");
    assert_eq!(count(&subjects, "expired"), 0, "{subjects:?}");
}

#[tokio::test]
async fn a_worker_stopped_across_the_warning_catches_it_up_once_but_not_after_the_close() {
    let app = app_with_open_cycle().await;
    let (client, email) = app.candidate_client().await;
    start(&app, &client, "ekonomia-s1").await;
    let (late_client, late_email) = app.candidate_client().await;
    start(&app, &late_client, "prawo").await;
    let closes = closes();
    look(&app, admitto::db::now());
    // No look between four days before the close and one day before: the warning comes then.
    look(&app, closes - Duration::days(4));
    assert_eq!(look(&app, closes - Duration::days(1)), 2);
    assert_eq!(look(&app, closes - Duration::hours(12)), 0);
    assert_eq!(count(&subjects_to(&app, &email).await, "3 days left"), 1);
    assert_eq!(
        count(&subjects_to(&app, &late_email).await, "3 days left"),
        1
    );

    // A worker stopped from before the warning until after the close gives no late warning.
    let other = spawn_app().await;
    publish_open_cycle_edited(&other, str::to_owned);
    let (client, email) = other.candidate_client().await;
    let id = start(&other, &client, "ekonomia-s1").await;
    look(&other, admitto::db::now());
    look(&other, closes - Duration::days(4));
    look(&other, closes + Duration::hours(2));
    other.dispatch_jobs().await;
    let subjects = subjects_to(&other, &email).await;
    assert_eq!(count(&subjects, "3 days left"), 0, "{subjects:?}");
    assert_eq!(count(&subjects, "has expired"), 1, "{subjects:?}");
    assert_eq!(status(&other, &id), ApplicationStatus::Expired);
}

/// Rejects one profile document of the application's candidate as the office would have at
/// `at`.
fn rejected_at(app: &TestApp, id: &str, at: NaiveDateTime) {
    app.sql(&format!(
        "UPDATE documents SET status = 'rejected', review_note = 'cut off', reviewed_at = '{}' \
         WHERE id = (SELECT MIN(id) FROM documents WHERE application_id IS NULL AND candidate_id = \
         (SELECT candidate_id FROM applications WHERE id = '{id}'))",
        at.format("%Y-%m-%d %H:%M:%S")
    ));
}

#[tokio::test]
async fn a_rejected_document_is_reminded_of_every_three_days_once_with_two_workers_looking() {
    let app = app_with_open_cycle().await;
    let (_, email, id) = submitted_application(&app).await;
    let rejected = admitto::db::now();
    rejected_at(&app, &id, rejected);
    look(&app, rejected);
    let second = admitto::jobs::Worker::new(
        app.pool.clone(),
        admitto::notify::Mailer::Memory(app.mailbox.clone()),
        "portal@example.com".into(),
    )
    .with_services(app.services.clone())
    .unwrap();
    let workers = [app.worker.clone(), second];
    for (days, expected) in [(3, 1), (4, 1), (6, 2), (7, 2)] {
        let at = rejected + Duration::days(days) + Duration::minutes(1);
        // Both workers look at the same moment and run what was queued.
        let runs: Vec<_> = workers
            .iter()
            .cloned()
            .map(|worker| {
                let pool = app.pool.clone();
                let services = app.services.clone();
                std::thread::spawn(move || {
                    let mut conn = pool.get().unwrap();
                    admitto::services::automation::tick(&mut conn, &services, at).unwrap();
                    worker.run_until_idle().unwrap()
                })
            })
            .collect();
        for run in runs {
            run.join().unwrap();
        }
        let subjects = subjects_to(&app, &email).await;
        assert_eq!(
            count(&subjects, "waiting for a corrected document"),
            expected,
            "day {days}: {subjects:?}"
        );
    }
    // Replaced: no more reminders.
    app.sql(&format!(
        "UPDATE documents SET status = 'replaced' WHERE candidate_id = \
         (SELECT candidate_id FROM applications WHERE id = '{id}')"
    ));
    look(&app, rejected + Duration::days(9) + Duration::minutes(1));
    let subjects = subjects_to(&app, &email).await;
    assert_eq!(count(&subjects, "waiting for a corrected document"), 2);
}

#[tokio::test]
async fn an_unpaid_fee_is_reminded_of_before_the_payment_deadline_and_a_paid_one_is_not() {
    let app = app_with_open_cycle().await;
    let (_, unpaid_email, _) = submitted_application(&app).await;
    let (_, paid_email, paid) = submitted_application(&app).await;
    app.sql(&format!(
        "UPDATE fee_orders SET status = 'paid' WHERE application_id = '{paid}'"
    ));
    // The demo cycle gives 7 days after the close to pay; the reminder comes 2 days before.
    let deadline = closes() + Duration::days(7);
    look(&app, admitto::db::now());
    assert_eq!(
        look(&app, deadline - Duration::days(2) + Duration::minutes(1)),
        2
    );
    assert_eq!(
        count(&subjects_to(&app, &unpaid_email).await, "fee is still due"),
        1
    );
    assert_eq!(
        count(&subjects_to(&app, &paid_email).await, "fee is still due"),
        0
    );
}

#[tokio::test]
async fn a_withdrawal_tells_the_candidate_the_new_status_and_a_rule_of_the_office_notes_it() {
    let app = spawn_app().await;
    publish_open_cycle_edited(&app, |text| {
        if text.contains("[[rules]]") {
            format!(
                "{text}\n[[rules]]\nid = \"note-withdrawal\"\nname = {{ pl = \"Notatka\", en = \"Note\" }}\n\
                 trigger = {{ event = \"status\", to = [\"withdrawn\"] }}\n\
                 actions = [{{ history = {{ pl = \"biuro powiadomione o rezygnacji\", en = \"the office was told of the withdrawal\" }} }}]\n"
            )
        } else {
            text.to_owned()
        }
    });
    let (client, email) = app.candidate_client().await;
    let id = start(&app, &client, "ekonomia-s1").await;
    let withdrawn = app
        .post_with(&client, &format!("/applications/{id}/withdraw"), &[])
        .await;
    assert_eq!(
        withdrawn.status,
        reqwest::StatusCode::SEE_OTHER,
        "{}",
        withdrawn.body
    );
    app.dispatch_jobs().await;
    let subjects = subjects_to(&app, &email).await;
    assert_eq!(
        count(
            &subjects,
            "New status of your application to Economics: Withdrawn"
        ),
        1,
        "{subjects:?}"
    );
    let page = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        page.body.contains("the office was told of the withdrawal"),
        "{}",
        page.body
    );
    // The timeline: the candidate reads what was sent to them, staff also from what it was
    // written and whether it went out.
    assert!(page.body.contains("Messages we sent you"), "{}", page.body);
    assert!(page
        .body
        .contains("email: New status of your application to Economics: Withdrawn"));
    let officer = app.signed_in_staff(admitto::domain::Role::Officer).await;
    let staff = app
        .get_with(&officer, &format!("/staff/applications/{id}"))
        .await;
    assert!(staff.body.contains("Messages sent"), "{}", staff.body);
    assert!(
        staff
            .body
            .contains("the message “status-changed” of 2027-winter v1"),
        "{}",
        staff.body
    );
    assert!(staff.body.contains("sent "), "{}", staff.body);
    // Each rule fired once and says so.
    let firings = admitto::db::automation::firings_of(&mut app.conn(), &id).unwrap();
    let mut fired: Vec<(&str, Option<&str>)> = firings
        .iter()
        .map(|f| (f.rule_id.as_str(), f.outcome.as_deref()))
        .collect();
    fired.sort();
    assert_eq!(
        fired,
        vec![
            ("note-withdrawal", Some("acted")),
            ("status-changed", Some("acted"))
        ]
    );
}
