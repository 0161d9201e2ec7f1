use crate::helpers::{spawn_app, PASSWORD};
use reqwest::StatusCode;

/// Every state-changing route in the portal.
const POST_ROUTES: [&str; 8] = [
    "/register",
    "/login",
    "/logout",
    "/password/forgot",
    "/password/reset",
    "/account/password",
    "/language",
    "/verify-email/resend",
];

#[tokio::test]
async fn a_post_without_a_csrf_token_is_refused_with_a_clear_403_page() {
    let app = spawn_app().await;
    app.signed_in_candidate().await;
    for route in POST_ROUTES {
        let page = app
            .post_raw(
                &app.client,
                route,
                &[("email", "x@example.com"), ("locale", "en")],
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{route}");
        assert!(
            page.body.contains("Formularz wygasł"),
            "{route}: {}",
            page.body
        );
    }
}

#[tokio::test]
async fn a_post_with_a_wrong_or_foreign_csrf_token_is_refused() {
    let app = spawn_app().await;
    let page = app
        .post_raw(
            &app.client,
            "/register",
            &[("csrf_token", "wrong"), ("email", "x@example.com")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    // A token from another visitor's page does not fit this visitor's cookie.
    let other = crate::helpers::new_client();
    let foreign = app.csrf_token_for(&other).await;
    app.csrf_token_for(&app.client).await;
    let page = app
        .post_raw(
            &app.client,
            "/register",
            &[("csrf_token", &foreign), ("email", "x@example.com")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_forged_unsigned_csrf_cookie_is_refused() {
    let app = spawn_app().await;
    let client = crate::helpers::plain_client();
    let response = client
        .post(app.url("/login"))
        .header("Cookie", "admitto_csrf=chosen-by-attacker")
        .form(&[
            ("csrf_token", "chosen-by-attacker"),
            ("email", "a@example.com"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_post_that_is_not_a_form_is_a_bad_request() {
    let app = spawn_app().await;
    let response = app
        .client
        .post(app.url("/login"))
        .header("Content-Type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.text().await.unwrap().contains("<html"));
}
