use crate::helpers::spawn_app;
use reqwest::StatusCode;

#[tokio::test]
async fn healthz_reports_the_database_backend_and_its_status() {
    let app = spawn_app().await;
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"]["status"], "ok");
    let expected = if std::env::var("TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty()) {
        "postgres"
    } else {
        "sqlite"
    };
    assert_eq!(body["database"]["backend"], expected);
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_show_queue_depth() {
    let app = spawn_app().await;
    app.get("/login").await;
    app.register("metrics@example.com").await;
    let metrics = app.metrics().await;
    assert_eq!(metrics.status, StatusCode::OK);
    assert!(
        metrics
            .body
            .contains(r#"admitto_http_requests_total{method="GET",route="/login",status="200"} 1"#),
        "{}",
        metrics.body
    );
    assert!(metrics
        .body
        .contains("admitto_http_request_duration_seconds_bucket"));
    // The verification email waits in the queue until a worker runs.
    assert!(
        metrics
            .body
            .contains(r#"admitto_queue_depth{queue="jobs",state="pending"} 1"#),
        "{}",
        metrics.body
    );
    app.dispatch_jobs().await;
    let metrics = app.metrics().await;
    assert!(
        metrics
            .body
            .contains(r#"admitto_queue_depth{queue="jobs",state="pending"} 0"#),
        "{}",
        metrics.body
    );
}

#[tokio::test]
async fn an_unknown_page_gets_a_localised_404_page_with_a_request_id() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/no/such/page"))
        .header("Accept-Language", "pl-PL,pl;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = response.text().await.unwrap();
    assert!(body.contains("Nie znaleziono strony"), "{body}");
    assert!(body.contains(&request_id), "the page shows the request id");
}

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/", "/login", "/no-such-page", "/static/style.css"] {
        let response = app.client.get(app.url(path)).send().await.unwrap();
        let headers = response.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(headers["referrer-policy"], "same-origin", "{path}");
        assert!(
            headers.get("strict-transport-security").is_none(),
            "no HSTS over plain HTTP"
        );
    }
}

#[tokio::test]
async fn hsts_is_sent_when_the_portal_is_served_over_https() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.public_url = Some("https://rekrutacja.example.edu".into())
    })
    .await;
    let response = app.client.get(app.url("/")).send().await.unwrap();
    assert!(response.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .contains("max-age="));
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.starts_with("__Host-admitto_session=")
            && cookie.contains("Secure")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && cookie.contains("Path=/")
            && !cookie.contains("Domain"),
        "{cookie}"
    );
}

#[tokio::test]
async fn the_stylesheet_is_served_and_cached() {
    let app = spawn_app().await;
    let response = app
        .client
        .get(app.url("/static/style.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age"));
    assert!(response.text().await.unwrap().contains(":focus-visible"));
    assert_eq!(
        app.get("/static/../Cargo.toml").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_failure_on_our_side_shows_a_500_page_with_a_request_id_and_no_details() {
    let app = spawn_app().await;
    app.signed_in_candidate().await;
    app.sql("ALTER TABLE sessions RENAME TO sessions_gone");
    let response = app.client.get(app.url("/account")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let body = response.text().await.unwrap();
    assert!(
        body.contains("Przepraszamy, wystąpił błąd po naszej stronie"),
        "{body}"
    );
    assert!(body.contains(&request_id));
    assert!(
        !body.contains("sessions"),
        "no database details reach the visitor"
    );
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(
        health.status(),
        StatusCode::OK,
        "the database itself is still reachable"
    );
}

#[tokio::test]
async fn the_dev_mailbox_exists_only_in_demo_mode() {
    let app = crate::helpers::spawn_app_with(|s| s.demo = false).await;
    assert_eq!(app.get("/dev/mailbox").await.status, StatusCode::NOT_FOUND);
    let demo = spawn_app().await;
    assert_eq!(demo.get("/dev/mailbox").await.status, StatusCode::OK);
}

/// Cookies a plain client was sent, as one `Cookie` header (a cookie jar would not send
/// `Secure` cookies back over the test server's plain HTTP).
fn cookies_of(response: &reqwest::Response, jar: &mut Vec<String>) {
    for cookie in response.headers().get_all("set-cookie") {
        let pair = cookie
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned();
        let name = pair.split('=').next().unwrap().to_owned();
        jar.retain(|c| !c.starts_with(&format!("{name}=")));
        jar.push(pair);
    }
}

#[tokio::test]
async fn over_https_the_only_cookie_is_the_host_prefixed_secure_session_and_notices_ride_in_it() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.public_url = Some("https://rekrutacja.example.edu".into())
    })
    .await;
    let client = crate::helpers::plain_client();
    let mut jar = Vec::new();
    let form = client.get(app.url("/register")).send().await.unwrap();
    cookies_of(&form, &mut jar);
    let token = crate::helpers::input_value(&form.text().await.unwrap(), "csrf_token").unwrap();
    let post = |path: &'static str, fields: Vec<(&'static str, String)>, jar: &Vec<String>| {
        let mut all = vec![("csrf_token", token.clone())];
        all.extend(fields);
        client
            .post(app.url(path))
            .header("Cookie", jar.join("; "))
            .form(&all)
            .send()
    };
    let email = "secure.flash@example.com";
    let password = crate::helpers::PASSWORD.to_owned();
    let registered = post(
        "/register",
        vec![
            ("email", email.into()),
            ("password", password.clone()),
            ("password_confirm", password.clone()),
            ("accept_privacy", "yes".into()),
        ],
        &jar,
    )
    .await
    .unwrap();
    // Registered: the page asks to confirm the address, which the emailed link does.
    assert_eq!(registered.status(), StatusCode::OK);
    // The link names the public https address; the test server answers the same path.
    let public = "https://rekrutacja.example.edu/verify-email?token=";
    let emails = app.emails_to(email).await;
    let link = emails
        .iter()
        .find_map(|e| crate::helpers::find_link(&e.text, public))
        .expect("a confirmation email");
    let path = &link["https://rekrutacja.example.edu".len()..];
    let verified = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(verified.status(), StatusCode::OK);
    let login = post(
        "/login",
        vec![("email", email.into()), ("password", password)],
        &jar,
    )
    .await
    .unwrap();
    assert_eq!(login.status(), StatusCode::SEE_OTHER);
    let set: Vec<String> = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(str::to_owned))
        .collect();
    assert_eq!(set.len(), 1, "{set:?}");
    assert!(
        set[0].starts_with("__Host-admitto_session=") && set[0].contains("Secure"),
        "{set:?}"
    );
    cookies_of(&login, &mut jar);
    let home = client
        .get(app.url("/"))
        .header("Cookie", jar.join("; "))
        .send()
        .await
        .unwrap();
    assert!(home.text().await.unwrap().contains("Zalogowano."));
}

#[tokio::test]
async fn metrics_need_the_configured_token_and_are_off_without_one() {
    let app = spawn_app().await;
    let anonymous = app.get("/metrics").await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(!anonymous.body.contains("admitto_http_requests_total"));
    let wrong = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("a guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.metrics().await.status, StatusCode::OK);

    let without = crate::helpers::spawn_app_with(|s| s.metrics_token = None).await;
    assert_eq!(without.get("/metrics").await.status, StatusCode::NOT_FOUND);
}
