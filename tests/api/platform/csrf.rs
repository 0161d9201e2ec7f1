use crate::helpers::{session_token_set_by, spawn_app, PASSWORD};
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
async fn a_token_from_another_session_does_not_work_with_the_victims_session() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    let victim = crate::helpers::new_client();
    let login = app.login_response(&victim, &email, PASSWORD).await;
    let cookie = session_token_set_by(&login).expect("a session cookie");
    // The attacker's own session and its token, sent with the victim's session cookie.
    let attacker = crate::helpers::new_client();
    let attackers_token = app.csrf_token_for(&attacker).await;
    let response = crate::helpers::plain_client()
        .post(app.url("/logout"))
        .header("Cookie", format!("admitto_session={cookie}"))
        .form(&[("csrf_token", attackers_token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        app.get_with(&victim, "/account").await.status,
        StatusCode::OK,
        "the victim is still signed in"
    );
}

#[tokio::test]
async fn the_csrf_token_changes_at_login_and_logout() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    let browser = crate::helpers::new_client();
    let before_login = app.csrf_token_for(&browser).await;
    app.login_with(&browser, &email, PASSWORD).await;
    let signed_in = app.csrf_token_for(&browser).await;
    assert_ne!(before_login, signed_in);
    let stale = app
        .post_raw(
            &browser,
            "/logout",
            &[("csrf_token", before_login.as_str())],
        )
        .await;
    assert_eq!(
        stale.status,
        StatusCode::FORBIDDEN,
        "the token from before login"
    );
    let logout = app
        .post_raw(&browser, "/logout", &[("csrf_token", signed_in.as_str())])
        .await;
    assert_eq!(logout.status, StatusCode::SEE_OTHER);
    let after_logout = app.csrf_token_for(&browser).await;
    assert_ne!(after_logout, signed_in);
    let stale = app
        .post_raw(
            &browser,
            "/language",
            &[("csrf_token", signed_in.as_str()), ("locale", "en")],
        )
        .await;
    assert_eq!(
        stale.status,
        StatusCode::FORBIDDEN,
        "the signed-in token after logout"
    );
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
