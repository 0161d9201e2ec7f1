use crate::helpers::{spawn_app, PASSWORD};
use admitto::db;
use reqwest::StatusCode;

#[tokio::test]
async fn a_visitor_registers_and_receives_a_verification_link_in_their_language() {
    let app = spawn_app().await;
    app.post("/language", &[("locale", "en"), ("return_to", "/register")])
        .await;
    let page = app.register("Ala.Kowalska@Example.com").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Check your email"), "{}", page.body);

    let emails = app.emails_to("ala.kowalska@example.com").await;
    assert_eq!(emails.len(), 1);
    assert_eq!(
        emails[0].subject,
        "Confirm your email address – Uniwersytet Testowy"
    );
    assert!(emails[0].text.contains(&app.url("/verify-email?token=")));
    assert!(emails[0].html.contains("<html lang=\"en\">"));

    let user = db::users::find_by_email(&mut app.conn(), "ala.kowalska@example.com")
        .unwrap()
        .unwrap();
    assert_eq!(user.role, "candidate");
    assert_eq!(
        user.locale.as_deref(),
        Some("en"),
        "later emails use the same language"
    );
    assert_eq!(
        user.privacy_version.as_deref(),
        Some(app.services.privacy_version.as_str())
    );
    assert!(user.privacy_accepted_at.is_some());
    assert!(user.email_verified_at.is_none());
    assert!(user
        .password_hash
        .starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
}

#[tokio::test]
async fn registration_shows_every_field_error_and_keeps_the_typed_email() {
    let app = spawn_app().await;
    let page = app
        .post(
            "/register",
            &[
                ("email", "kandydat@example"),
                ("password", "short"),
                ("password_confirm", "other"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["email", "password", "accept_privacy"] {
        assert!(
            page.body.contains(&format!("href=\"#{field}\"")),
            "summary links to {field}"
        );
        assert!(
            page.body.contains(&format!("id=\"{field}-error\"")),
            "message at {field}"
        );
    }
    assert!(page
        .body
        .contains("aria-describedby=\"email-hint email-error\""));
    assert!(
        page.body.contains("value=\"kandydat@example\""),
        "typed email kept"
    );
    assert!(
        !page.body.contains("value=\"short\""),
        "passwords are never echoed"
    );
    assert!(app.emails().await.is_empty());
}

#[tokio::test]
async fn a_mismatched_confirmation_is_reported_at_the_confirmation_field() {
    let app = spawn_app().await;
    let page = app
        .post(
            "/register",
            &[
                ("email", "a@example.com"),
                ("password", PASSWORD),
                ("password_confirm", "correct horse battery stapl"),
                ("accept_privacy", "yes"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"password_confirm-error\""));
}

#[tokio::test]
async fn hostile_and_malformed_input_gets_field_errors_never_a_server_error() {
    let app = spawn_app().await;
    let long_name = "a".repeat(10_000);
    let long_email = format!("{long_name}@example.com");
    let cases: Vec<(String, &str)> = vec![
        (long_email, "email"),
        ("kandydat\u{7}@example.com".into(), "email"),
        ("<script>alert(1)</script>@example.com".into(), "email"),
        ("'; DROP TABLE users; --".into(), "email"),
        ("".into(), "email"),
    ];
    for (email, field) in cases {
        let page = app
            .post(
                "/register",
                &[
                    ("email", &email),
                    ("password", PASSWORD),
                    ("password_confirm", PASSWORD),
                    ("accept_privacy", "yes"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{email:.40}");
        assert!(
            page.body.contains(&format!("id=\"{field}-error\"")),
            "{email:.40}"
        );
        assert!(
            !page.body.contains("<script>alert"),
            "input is escaped when echoed"
        );
    }
    // Bytes that are not UTF-8 arrive as replacement characters and are refused at the field.
    let token = app.csrf_token_for(&app.client).await;
    let body = format!(
        "csrf_token={}&email=%FF%FEkandydat%40example.com&password=x&password_confirm=x",
        urlencode(&token)
    );
    let page = app.post_body(&app.client, "/register", body).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"email-error\""));
    // An overlong password is refused, not hashed.
    let huge = "p".repeat(5000);
    let page = app
        .post(
            "/register",
            &[
                ("email", "b@example.com"),
                ("password", &huge),
                ("password_confirm", &huge),
                ("accept_privacy", "yes"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"password-error\""));
    assert!(app.emails().await.is_empty(), "nothing was registered");
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).unwrap()[2..].to_owned()
}

#[tokio::test]
async fn a_form_body_over_the_limit_is_refused_with_413() {
    let app = spawn_app().await;
    let token = app.csrf_token_for(&app.client).await;
    let body = format!(
        "csrf_token={}&email={}",
        urlencode(&token),
        "a".repeat(200_000)
    );
    let page = app.post_body(&app.client, "/register", body).await;
    assert_eq!(page.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(page.body.contains("<html"), "a page, not a bare error");
}

#[tokio::test]
async fn registering_a_taken_address_looks_the_same_and_tells_the_owner() {
    let app = spawn_app().await;
    let first = app.register("taken@example.com").await;
    let second = app.register("TAKEN@example.com").await;
    assert_eq!(first.status, second.status);
    assert_eq!(
        first.body, second.body,
        "the two responses must not be distinguishable"
    );
    let emails = app.emails_to("taken@example.com").await;
    assert_eq!(emails.len(), 2);
    assert!(
        emails[1].subject.starts_with("W sprawie Twojego konta"),
        "{}",
        emails[1].subject
    );
    assert!(emails[1].text.contains(&app.url("/password/forgot")));
    let count = db::users::count_by_role(&mut app.conn(), "candidate").unwrap();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn a_verification_link_works_once_then_reports_the_address_already_confirmed() {
    let app = spawn_app().await;
    app.register("verify@example.com").await;
    let link = app
        .emailed_link("verify@example.com", "/verify-email?token=")
        .await;
    let path = &link[app.address.len()..];
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Adres e-mail został potwierdzony"),
        "{}",
        page.body
    );
    let again = app.get(path).await;
    assert_eq!(again.status, StatusCode::OK);
    assert!(again.body.contains("Adres e-mail był już potwierdzony"));
    let user = db::users::find_by_email(&mut app.conn(), "verify@example.com")
        .unwrap()
        .unwrap();
    assert!(user.email_verified_at.is_some());
}

#[tokio::test]
async fn an_expired_or_forged_verification_link_is_refused() {
    let app = spawn_app().await;
    app.register("late@example.com").await;
    let link = app
        .emailed_link("late@example.com", "/verify-email?token=")
        .await;
    app.sql("UPDATE tokens SET expires_at = '2020-01-01 00:00:00'");
    let page = app.get(&link[app.address.len()..]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("Ten link wygasł"));
    for forged in [
        "/verify-email?token=forged",
        "/verify-email",
        "/verify-email?token=%00%FF",
    ] {
        let page = app.get(forged).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{forged}");
        assert!(
            page.body.contains("Ten link jest nieprawidłowy"),
            "{forged}"
        );
    }
    let user = db::users::find_by_email(&mut app.conn(), "late@example.com")
        .unwrap()
        .unwrap();
    assert!(user.email_verified_at.is_none());
}

#[tokio::test]
async fn registrations_and_reset_requests_from_one_address_are_limited() {
    let app = crate::helpers::spawn_app_with(|s| s.login_throttle.mail_per_ip = 4).await;
    // A burst of registrations for made-up addresses: no more go through than the limit.
    let burst = (0..8).map(|i| {
        let app = &app;
        async move {
            let client = crate::helpers::new_client();
            let email = format!("flood{i}@example.com");
            let fields = [
                ("email", email.as_str()),
                ("password", crate::helpers::PASSWORD),
                ("password_confirm", crate::helpers::PASSWORD),
                ("accept_privacy", "yes"),
            ];
            app.post_with(&client, "/register", &fields).await
        }
    });
    let pages = futures_util::future::join_all(burst).await;
    let done = pages.iter().filter(|p| p.status == StatusCode::OK).count();
    let limited: Vec<_> = pages
        .iter()
        .filter(|p| p.status == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert_eq!(
        done,
        4,
        "{:?}",
        pages.iter().map(|p| p.status).collect::<Vec<_>>()
    );
    assert_eq!(limited.len(), 4);
    // Refused at the address field, with what was typed kept.
    assert!(limited[0].body.contains("id=\"email-error\""));
    assert!(limited[0].body.contains("Odczekaj 15 minut"));
    assert!(limited[0].body.contains("value=\"flood"));
    assert_eq!(
        app.emails().await.len(),
        4,
        "one email per registration let through"
    );
    // A reset request from the same address waits too.
    let reset = app
        .post("/password/forgot", &[("email", "flood0@example.com")])
        .await;
    assert_eq!(reset.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.emails().await.len(), 4);
    // After the window they go through again.
    app.sql("UPDATE login_failures SET failed_at = '2020-01-01 00:00:00'");
    let reset = app
        .post("/password/forgot", &[("email", "flood0@example.com")])
        .await;
    assert_eq!(reset.status, StatusCode::OK);
}

#[tokio::test]
async fn a_common_password_is_refused_at_its_field_with_what_would_work() {
    let app = spawn_app().await;
    let page = app
        .post(
            "/register",
            &[
                ("email", "weak@example.com"),
                ("password", "Password1234"),
                ("password_confirm", "Password1234"),
                ("accept_privacy", "yes"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"password-error\""), "{}", page.body);
    assert!(page.body.contains("łatwo odgadnąć"), "{}", page.body);
    assert!(page.body.contains("niepowiązanych słów"));
    // What was typed stays, the password does not.
    assert!(page.body.contains("value=\"weak@example.com\""));
    assert!(!page.body.contains("Password1234"));
    assert!(app.emails().await.is_empty());
}
