use crate::helpers::{spawn_app, spawn_app_with};
use admitto::config::MailBackend;
use admitto::db::{self, jobs::NewJob};
use admitto::domain::Locale;
use admitto::jobs::Worker;
use admitto::notify::emails::{enqueue_email, EmailMessage, Recipient};
use admitto::notify::Mailer;
use chrono::Duration;
use secrecy::SecretString;
use std::collections::BTreeSet;

fn job_row(app: &crate::helpers::TestApp) -> db::jobs::JobRow {
    use admitto::db::schema::jobs;
    use diesel::prelude::*;
    jobs::table
        .filter(jobs::kind.eq("send_email"))
        .select(db::jobs::JobRow::as_select())
        .first(&mut *app.conn())
        .unwrap()
}

#[tokio::test]
async fn a_failing_delivery_is_retried_with_backoff_then_dead_lettered() {
    // Nothing listens on port 1, so every delivery attempt fails.
    let app = spawn_app_with(|s| {
        s.mail.backend = MailBackend::Smtp;
        s.mail.smtp_url = Some(SecretString::from("smtp://127.0.0.1:1"));
        s.mail.max_attempts = 2;
    })
    .await;
    app.register("retry@example.com").await;

    assert_eq!(app.dispatch_jobs().await, 1);
    let job = job_row(&app);
    assert_eq!(job.state, "pending");
    assert_eq!(job.attempts, 1);
    assert!(job.last_error.is_some());
    assert!(
        job.run_after > db::now() + Duration::seconds(20),
        "backs off before retrying"
    );
    assert_eq!(app.dispatch_jobs().await, 0, "not retried before its time");

    app.sql("UPDATE jobs SET run_after = '2020-01-01 00:00:00'");
    assert_eq!(app.dispatch_jobs().await, 1);
    let job = job_row(&app);
    assert_eq!(job.state, "dead", "gives up after max_attempts");
    let message = db::outbox::recent(&mut app.conn(), 1).unwrap().remove(0);
    assert!(message.failed_at.is_some() && message.sent_at.is_none());
    assert!(message.last_error.unwrap().contains("SMTP"));

    let metrics = app.metrics().await;
    assert!(
        metrics
            .body
            .contains(r#"admitto_queue_depth{queue="jobs",state="dead"} 1"#),
        "{}",
        metrics.body
    );
}

#[tokio::test]
async fn each_job_runs_exactly_once_with_several_workers_at_the_same_time() {
    let app = spawn_app().await;
    {
        let mut conn = app.conn();
        for i in 0..40 {
            let email = format!("bulk{i}@example.com");
            enqueue_email(
                &mut conn,
                &admitto::services::Institution::named("Uniwersytet Testowy"),
                3,
                &Recipient {
                    email: &email,
                    user_id: None,
                    locale: Locale::En,
                    application_id: None,
                },
                &EmailMessage::VerifyEmail {
                    link: format!("http://x.test/{i}"),
                },
                None,
            )
            .unwrap();
        }
    }
    let mailer = Mailer::Memory(app.mailbox.clone());
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let worker = Worker::new(
                app.pool.clone(),
                mailer.clone(),
                "Admitto <no-reply@example.com>".into(),
            );
            tokio::task::spawn_blocking(move || worker.run_until_idle().unwrap())
        })
        .collect();
    let mut total = 0;
    for w in workers {
        total += w.await.unwrap();
    }
    let sent = app.mailbox.messages();
    assert_eq!(total, 40);
    assert_eq!(sent.len(), 40, "no email delivered twice or lost");
    let distinct: BTreeSet<_> = sent.iter().map(|m| m.to.clone()).collect();
    assert_eq!(distinct.len(), 40);
    let done = db::jobs::count_in_state(&mut app.conn(), db::jobs::STATE_DONE).unwrap();
    assert_eq!(done, 40);
}

#[tokio::test]
async fn a_dedup_key_queues_its_job_only_once() {
    let app = spawn_app().await;
    let mut conn = app.conn();
    let job = NewJob {
        kind: "maintenance",
        payload: "{}",
        dedup_key: Some("maintenance:test"),
        priority: 0,
        max_attempts: 3,
        run_after: db::now(),
    };
    assert!(db::jobs::enqueue(&mut conn, &job, db::now()).unwrap());
    assert!(!db::jobs::enqueue(&mut conn, &job, db::now()).unwrap());
    assert_eq!(
        db::jobs::count_in_state(&mut conn, db::jobs::STATE_PENDING).unwrap(),
        1
    );
}

#[tokio::test]
async fn a_job_abandoned_by_a_dead_worker_is_taken_over_after_its_lease() {
    let app = spawn_app().await;
    app.register("lease@example.com").await;
    let mut conn = app.conn();
    let lease = admitto::jobs::lease();
    let claimed = db::jobs::claim_next(&mut conn, "worker-a", db::now(), lease)
        .unwrap()
        .unwrap();
    assert!(
        db::jobs::claim_next(&mut conn, "worker-b", db::now(), lease)
            .unwrap()
            .is_none(),
        "held by worker-a"
    );
    let later = db::now() + lease + Duration::seconds(1);
    let taken = db::jobs::claim_next(&mut conn, "worker-b", later, lease)
        .unwrap()
        .unwrap();
    assert_eq!(taken.id, claimed.id);
    assert_eq!(taken.locked_by.as_deref(), Some("worker-b"));
    assert_eq!(taken.attempts, 2);
    // The late worker can no longer complete it.
    db::jobs::mark_done(&mut conn, &claimed.id, "worker-a", db::now()).unwrap();
    let row = db::jobs::find(&mut conn, &claimed.id).unwrap().unwrap();
    assert_eq!(row.state, "pending");
}

#[tokio::test]
async fn an_email_is_written_to_the_outbox_in_the_same_transaction_as_its_cause() {
    let app = spawn_app().await;
    app.register("atomic@example.com").await;
    let outbox = db::outbox::recent(&mut app.conn(), 10).unwrap();
    assert_eq!(outbox.len(), 1, "queued, not yet sent");
    assert!(outbox[0].sent_at.is_none());
    app.dispatch_jobs().await;
    let outbox = db::outbox::recent(&mut app.conn(), 10).unwrap();
    assert!(outbox[0].sent_at.is_some());
    let mailbox = app.get("/dev/mailbox").await;
    assert!(mailbox.body.contains("atomic@example.com"));
    // The page says what it gives away.
    assert!(
        mailbox.body.contains("linki do resetu hasła"),
        "{}",
        mailbox.body
    );
    let message = app.get(&format!("/dev/mailbox/{}", outbox[0].id)).await;
    assert!(
        message
            .body
            .contains(&format!("<a href=\"{}", app.url("/verify-email?token="))),
        "{}",
        message.body
    );
}

/// A timestamp literal both backends read, `ago` before now.
fn moment_ago(ago: Duration) -> String {
    (db::now() - ago)
        .format("%Y-%m-%d %H:%M:%S%.6f")
        .to_string()
}

#[tokio::test]
async fn an_email_claimed_by_a_worker_that_died_goes_out_within_a_minute() {
    let app = spawn_app().await;
    app.register("orphan@example.com").await;
    // A worker claims the verification email and dies before sending it.
    let claimed = db::jobs::claim_next(
        &mut app.conn(),
        "host-a-dead",
        db::now(),
        admitto::jobs::lease(),
    )
    .unwrap()
    .expect("a job to claim");
    assert_eq!(app.dispatch_jobs().await, 0, "a fresh claim is respected");
    // Forty seconds later, with no heartbeat, the claim has lapsed and another worker sends it.
    app.sql(&format!(
        "UPDATE jobs SET locked_at = '{}' WHERE id = '{}'",
        moment_ago(Duration::seconds(40)),
        claimed.id
    ));
    assert_eq!(app.dispatch_jobs().await, 1);
    let sent = app.emails_to("orphan@example.com").await;
    assert_eq!(sent.len(), 1, "sent once");
    assert_eq!(app.dispatch_jobs().await, 0);
}

#[tokio::test]
async fn a_running_job_keeps_its_claim_by_its_heartbeat() {
    let app = spawn_app().await;
    app.register("busy@example.com").await;
    let claimed = db::jobs::claim_next(
        &mut app.conn(),
        "host-b-busy",
        db::now(),
        admitto::jobs::lease(),
    )
    .unwrap()
    .expect("a job to claim");
    // The claim is 25 seconds old: five more and it would lapse.
    let old = moment_ago(Duration::seconds(25));
    app.sql(&format!(
        "UPDATE jobs SET locked_at = '{old}' WHERE id = '{}'",
        claimed.id
    ));
    let beat = admitto::jobs::Heartbeat::start(
        app.pool.clone(),
        claimed.id.clone(),
        "host-b-busy".into(),
        std::time::Duration::from_millis(50),
    );
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    drop(beat);
    let row = job_row(&app);
    assert_eq!(row.locked_by.as_deref(), Some("host-b-busy"));
    let renewed = row.locked_at.expect("still claimed");
    assert!(
        renewed > db::now() - Duration::seconds(5),
        "renewed: {renewed}"
    );
    // So no other worker takes it over.
    assert_eq!(app.dispatch_jobs().await, 0);
}
