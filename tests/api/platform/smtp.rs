//! Delivery through a real SMTP server. `.ci/run` starts one (aiosmtpd writing a Maildir) and
//! sets `TEST_SMTP_ADDR` and `TEST_SMTP_MAILDIR`; without them the test has nothing to talk to.

use crate::helpers::{services_required, spawn_app_with};
use admitto::config::MailBackend;
use secrecy::SecretString;

#[tokio::test]
async fn an_email_is_delivered_through_a_real_smtp_server() {
    let (Ok(addr), Ok(maildir)) = (
        std::env::var("TEST_SMTP_ADDR"),
        std::env::var("TEST_SMTP_MAILDIR"),
    ) else {
        assert!(
            !services_required(),
            "TEST_SMTP_ADDR and TEST_SMTP_MAILDIR must be set"
        );
        eprintln!(
            "skipped: set TEST_SMTP_ADDR and TEST_SMTP_MAILDIR to run against an SMTP server"
        );
        return;
    };
    let app = spawn_app_with(|s| {
        s.mail.backend = MailBackend::Smtp;
        s.mail.smtp_url = Some(SecretString::from(format!("smtp://{addr}")));
    })
    .await;
    let recipient = format!("smtp-{}@example.com", uuid::Uuid::new_v4().simple());
    app.register(&recipient).await;
    assert_eq!(app.dispatch_jobs().await, 1);
    let outbox = admitto::db::outbox::recent(&mut app.conn(), 1)
        .unwrap()
        .remove(0);
    assert!(
        outbox.sent_at.is_some(),
        "delivered: {:?}",
        outbox.last_error
    );

    let mut found = None;
    for _ in 0..50 {
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(std::path::Path::new(&maildir).join(sub)) else {
                continue;
            };
            for entry in entries.flatten() {
                let raw = std::fs::read(entry.path()).unwrap();
                if String::from_utf8_lossy(&raw).contains(&recipient) {
                    found = Some(raw);
                }
            }
        }
        if found.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let raw = found.expect("the message reached the SMTP server's mailbox");
    let parsed = mailparse::parse_mail(&raw).unwrap();
    use mailparse::MailHeaderMap;
    assert_eq!(
        parsed.headers.get_first_value("Subject").unwrap(),
        "Potwierdź adres e-mail – Uniwersytet Testowy"
    );
    assert_eq!(parsed.headers.get_first_value("To").unwrap(), recipient);
    let text = parsed
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/plain")
        .unwrap()
        .get_body()
        .unwrap();
    assert!(text.contains(&app.url("/verify-email?token=")), "{text}");
    let html = parsed
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/html")
        .unwrap()
        .get_body()
        .unwrap();
    assert!(html.contains("Potwierdzam adres e-mail"));
}
