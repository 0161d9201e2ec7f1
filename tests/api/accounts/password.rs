use crate::helpers::{new_client, spawn_app, PASSWORD};
use reqwest::StatusCode;

const NEW_PASSWORD: &str = "an entirely new passphrase";

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    let other_device = new_client();
    app.login_with(&other_device, &email, PASSWORD).await;

    let page = app
        .post_with(&new_client(), "/password/forgot", &[("email", &email)])
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let link = app.emailed_link(&email, "/password/reset?token=").await;
    let path = &link[app.address.len()..];
    let token = path.split("token=").nth(1).unwrap().to_owned();

    let browser = new_client();
    let form = app.get_with(&browser, path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("name=\"token\""));
    let done = app
        .post_with(
            &browser,
            "/password/reset",
            &[
                ("token", &token),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location.as_deref(), Some("/login"));

    assert_eq!(
        app.get_with(&other_device, "/account").await.status,
        StatusCode::SEE_OTHER,
        "other sessions ended"
    );
    assert_eq!(
        app.login_with(&new_client(), &email, PASSWORD).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.login_with(&new_client(), &email, NEW_PASSWORD)
            .await
            .status,
        StatusCode::SEE_OTHER
    );

    let reuse = app
        .post_with(
            &browser,
            "/password/reset",
            &[
                ("token", &token),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        reuse.status,
        StatusCode::BAD_REQUEST,
        "a reset link works once"
    );
    assert_eq!(
        app.get_with(&browser, path).await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn asking_to_reset_an_unknown_address_looks_the_same_and_sends_nothing() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    let known = app
        .post_with(&new_client(), "/password/forgot", &[("email", &email)])
        .await;
    let unknown = app
        .post_with(
            &new_client(),
            "/password/forgot",
            &[("email", "ghost@example.com")],
        )
        .await;
    assert_eq!(known.status, unknown.status);
    assert!(unknown.body.contains("Sprawdź skrzynkę e-mail"));
    assert!(app.emails_to("ghost@example.com").await.is_empty());
    let malformed = app
        .post_with(
            &new_client(),
            "/password/forgot",
            &[("email", "not an email")],
        )
        .await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(malformed.body.contains("id=\"email-error\""));
}

#[tokio::test]
async fn an_expired_reset_link_is_refused() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    app.post_with(&new_client(), "/password/forgot", &[("email", &email)])
        .await;
    let link = app.emailed_link(&email, "/password/reset?token=").await;
    app.sql(
        "UPDATE tokens SET expires_at = '2020-01-01 00:00:00' WHERE purpose = 'reset_password'",
    );
    let page = app.get(&link[app.address.len()..]).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("Ten link wygasł"));
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_logs_out_other_devices() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    let other_device = new_client();
    app.login_with(&other_device, &email, PASSWORD).await;

    let wrong = app
        .post(
            "/account/password",
            &[
                ("current_password", "not my password"),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("id=\"current_password-error\""));

    let weak = app
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", "short"),
                ("password_confirm", "short"),
            ],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(weak.body.contains("id=\"password-error\""));

    let done = app
        .post(
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", NEW_PASSWORD),
                ("password_confirm", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let account = app.get("/account").await;
    assert_eq!(
        account.status,
        StatusCode::OK,
        "this browser stays logged in with a new session"
    );
    assert!(account.body.contains("Hasło zostało zmienione"));
    assert_eq!(
        app.get_with(&other_device, "/account").await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled_like_a_login() {
    let app = spawn_app().await;
    app.signed_in_candidate().await;
    let app = &app;
    let change = |current: &'static str| async move {
        let fields = [
            ("current_password", current),
            ("password", NEW_PASSWORD),
            ("password_confirm", NEW_PASSWORD),
        ];
        app.post("/account/password", &fields).await
    };
    for _ in 0..5 {
        assert_eq!(
            change("a wrong guess").await.status,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    // After five wrong guesses even the right password waits, as at the login.
    let locked = change(PASSWORD).await;
    assert_eq!(locked.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(locked.body.contains("id=\"current_password-error\""));
    assert!(locked.body.contains("Zbyt wiele nieudanych prób"));
    // After the window it works.
    app.sql("UPDATE login_failures SET failed_at = '2020-01-01 00:00:00'");
    assert_eq!(change(PASSWORD).await.status, StatusCode::SEE_OTHER);
}
