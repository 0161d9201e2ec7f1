use crate::helpers::{new_client, session_token_set_by, spawn_app, PASSWORD};
use reqwest::StatusCode;

#[tokio::test]
async fn an_unverified_account_cannot_log_in_and_is_sent_a_new_link() {
    let app = spawn_app().await;
    app.register("unverified@example.com").await;
    app.dispatch_jobs().await;
    // Outside the ten-minute dedup window of the first email.
    app.sql("UPDATE jobs SET dedup_key = NULL");
    let page = app.login("unverified@example.com", PASSWORD).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.body.contains("nie jest jeszcze potwierdzony"),
        "{}",
        page.body
    );
    assert_eq!(app.emails_to("unverified@example.com").await.len(), 2);
    assert_eq!(app.get("/account").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_verified_candidate_logs_in_and_sees_their_home() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    let home = app.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Moje zgłoszenia"));
    assert!(home.body.contains(&email));
    assert!(
        home.body.contains("Zalogowano."),
        "flash notice after login"
    );
    let again = app.get("/").await;
    assert!(!again.body.contains("Zalogowano."), "the notice shows once");
    let account = app.get("/account").await;
    assert_eq!(account.status, StatusCode::OK);
    assert!(account.body.contains(&email));
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    let client = new_client();
    let wrong_password = app
        .login_with(&client, &email, "not the password at all")
        .await;
    let unknown = app
        .login_with(&client, "nobody@example.com", "not the password at all")
        .await;
    assert_eq!(wrong_password.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.status, wrong_password.status);
    let message = "Adres e-mail lub hasło jest nieprawidłowe.";
    assert!(wrong_password.body.contains(message) && unknown.body.contains(message));
    assert_eq!(
        wrong_password.body.replace(&email, "EMAIL"),
        unknown.body.replace("nobody@example.com", "EMAIL")
    );
}

/// The status of `/account` for a browser that sends just this session cookie.
async fn account_status_with(address: &str, cookie: &str) -> StatusCode {
    crate::helpers::plain_client()
        .get(format!("{address}/account"))
        .header("Cookie", format!("admitto_session={cookie}"))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn logging_in_issues_a_new_session_and_revokes_the_previous_one() {
    let app = spawn_app().await;
    // Another device holds its own session.
    let email = app.signed_in_candidate().await;
    let browser = new_client();
    let first = app.login_response(&browser, &email, PASSWORD).await;
    let old_cookie = session_token_set_by(&first).expect("a session cookie");
    // Log in again from the same browser: the old session must stop working.
    let response = app.login_response(&browser, &email, PASSWORD).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let new_cookie = session_token_set_by(&response).expect("a new session cookie");
    assert_ne!(new_cookie, old_cookie);
    let sessions: Vec<(String, Option<chrono::NaiveDateTime>)> = {
        use admitto::db::schema::sessions;
        use diesel::prelude::*;
        sessions::table
            .select((sessions::id, sessions::revoked_at))
            .load(&mut *app.conn())
            .unwrap()
    };
    let live: Vec<_> = sessions
        .iter()
        .filter(|(_, revoked)| revoked.is_none())
        .collect();
    // One from the other device, one new here; the one this browser had before is revoked.
    assert_eq!(live.len(), 2, "{sessions:?}");
    assert_eq!(sessions.len(), 3);
    assert_eq!(
        account_status_with(&app.address, &new_cookie).await,
        StatusCode::OK
    );
    assert_eq!(
        account_status_with(&app.address, &old_cookie).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get("/account").await.status,
        StatusCode::OK,
        "the other device"
    );
}

#[tokio::test]
async fn a_session_revoked_on_one_instance_is_refused_by_another() {
    let app = spawn_app().await;
    let other = app.second_instance().await;
    let email = app.signed_in_candidate().await;
    let browser = new_client();
    let login = app.login_response(&browser, &email, PASSWORD).await;
    let cookie = session_token_set_by(&login).expect("a session cookie");
    // The second instance reads the first one's cookie: same key, same database.
    assert_eq!(account_status_with(&other, &cookie).await, StatusCode::OK);
    app.post_with(&browser, "/logout", &[]).await;
    assert_eq!(
        account_status_with(&other, &cookie).await,
        StatusCode::SEE_OTHER,
        "logged out on one instance, refused by the other"
    );
    // A password changed on the second instance ends the sessions the first one issued.
    let login = app.login_response(&browser, &email, PASSWORD).await;
    let cookie = session_token_set_by(&login).expect("a session cookie");
    let phone = new_client();
    let token = {
        let page = phone
            .get(format!("{other}/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        crate::helpers::input_value(&page, "csrf_token").unwrap()
    };
    let signed_in = phone
        .post(format!("{other}/login"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", &email),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), StatusCode::SEE_OTHER);
    let form = phone
        .get(format!("{other}/account/password"))
        .send()
        .await
        .unwrap();
    let token = crate::helpers::input_value(&form.text().await.unwrap(), "csrf_token").unwrap();
    let changed = phone
        .post(format!("{other}/account/password"))
        .form(&[
            ("csrf_token", token.as_str()),
            ("current_password", PASSWORD),
            ("password", "another long passphrase for this test"),
            ("password_confirm", "another long passphrase for this test"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        account_status_with(&app.address, &cookie).await,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn logout_revokes_the_session_on_the_server() {
    let app = spawn_app().await;
    app.signed_in_candidate().await;
    let token = {
        use admitto::db::schema::sessions;
        use diesel::prelude::*;
        sessions::table
            .select(sessions::id)
            .first::<String>(&mut *app.conn())
            .unwrap()
    };
    assert!(!token.is_empty());
    let page = app.post("/logout", &[]).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login"));
    let revoked: Option<chrono::NaiveDateTime> = {
        use admitto::db::schema::sessions;
        use diesel::prelude::*;
        sessions::table
            .find(&token)
            .select(sessions::revoked_at)
            .first(&mut *app.conn())
            .unwrap()
    };
    assert!(
        revoked.is_some(),
        "the session row is revoked, so no instance accepts it"
    );
    let account = app.get("/account").await;
    assert_eq!(account.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_stolen_cookie_stops_working_after_logout() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    // Log in on a client whose cookie we can read and replay by hand.
    let client = new_client();
    let response = app.login_response(&client, &email, PASSWORD).await;
    let cookie = format!(
        "admitto_session={}",
        session_token_set_by(&response).unwrap()
    );
    let replay = crate::helpers::plain_client();
    let before = replay
        .get(app.url("/account"))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(before.status(), StatusCode::OK);
    app.post_with(&client, "/logout", &[]).await;
    let after = replay
        .get(app.url("/account"))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        after.status(),
        StatusCode::SEE_OTHER,
        "the replayed cookie is dead everywhere"
    );
}

#[tokio::test]
async fn repeated_failures_lock_an_address_without_revealing_whether_it_exists() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    let client = new_client();
    for _ in 0..5 {
        let page = app.login_with(&client, &email, "wrong password here").await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let locked = app.login_with(&client, &email, PASSWORD).await;
    assert_eq!(
        locked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert!(locked.body.contains("Zbyt wiele nieudanych prób"));
    for _ in 0..5 {
        app.login_with(&client, "ghost@example.com", "wrong password here")
            .await;
    }
    let ghost = app
        .login_with(&client, "ghost@example.com", "wrong password here")
        .await;
    assert_eq!(
        ghost.status,
        StatusCode::TOO_MANY_REQUESTS,
        "unknown addresses lock the same way"
    );
    // After the window the account works again.
    app.sql("UPDATE login_failures SET failed_at = '2020-01-01 00:00:00'");
    assert_eq!(
        app.login_with(&client, &email, PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn many_failures_from_one_ip_lock_that_ip() {
    let app = crate::helpers::spawn_app_with(|s| s.login_throttle.per_ip = 3).await;
    let client = new_client();
    for i in 0..3 {
        app.login_with(
            &client,
            &format!("user{i}@example.com"),
            "wrong password here",
        )
        .await;
    }
    let page = app
        .login_with(&client, "someone-else@example.com", "wrong password here")
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn an_idle_session_ends_and_the_login_page_says_so() {
    let app = spawn_app().await;
    app.signed_in_candidate().await;
    assert_eq!(app.get("/account").await.status, StatusCode::OK);
    app.sql("UPDATE sessions SET last_seen_at = '2020-01-01 00:00:00'");
    let page = app.get("/account").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/login?next=%2Faccount"));
    // The login page says why, once.
    let login = app.get("/login?next=%2Faccount").await;
    assert!(login.body.contains("Twoja sesja wygasła"), "{}", login.body);
    let again = app.get("/login").await;
    assert!(!again.body.contains("Twoja sesja wygasła"));
}

#[tokio::test]
async fn a_tampered_session_cookie_counts_as_logged_out() {
    let app = spawn_app().await;
    let client = crate::helpers::plain_client();
    let response = client
        .get(app.url("/account"))
        .header("Cookie", "admitto_session=forged-token-value")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // The forged cookie is replaced by one of a signed-out visitor.
    let replaced = session_token_set_by(&response).expect("a new cookie");
    assert_ne!(replaced, "forged-token-value");
    assert_eq!(
        account_status_with(&app.address, &replaced).await,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn after_login_only_local_paths_are_followed() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    let client = new_client();
    let page = app
        .post_with(
            &client,
            "/login",
            &[
                ("email", &email),
                ("password", PASSWORD),
                ("next", "//evil.example/x"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location.as_deref(), Some("/"));
    let client = new_client();
    let page = app
        .post_with(
            &client,
            "/login",
            &[
                ("email", &email),
                ("password", PASSWORD),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(page.location.as_deref(), Some("/account"));
}

/// Moves the last-seen time of every session `seconds` into the past, as if that much time
/// had gone by since the last request.
fn time_passes(app: &crate::helpers::TestApp, seconds: u32) {
    let postgres = std::env::var("TEST_POSTGRES_URL").is_ok_and(|u| !u.is_empty());
    app.sql(&if postgres {
        format!("UPDATE sessions SET last_seen_at = last_seen_at - interval '{seconds} seconds'")
    } else {
        format!(
            "UPDATE sessions SET last_seen_at = \
             strftime('%Y-%m-%d %H:%M:%f', last_seen_at, '-{seconds} seconds')"
        )
    });
}

#[tokio::test]
async fn with_a_short_idle_limit_a_session_in_use_stays_alive() {
    let app = crate::helpers::spawn_app_with(|s| s.session_idle_minutes = 1).await;
    app.signed_in_candidate().await;
    // Used every 20 seconds for 100 seconds: never idle for the minute the limit allows.
    for _ in 0..5 {
        time_passes(&app, 20);
        let page = app.get("/account").await;
        assert_eq!(page.status, StatusCode::OK, "{:?}", page.location);
    }
    // Left alone for longer than the limit, it ends.
    time_passes(&app, 61);
    assert_eq!(app.get("/account").await.status, StatusCode::SEE_OTHER);
}

/// A browser behind the portal's proxy whose `X-Forwarded-For` says `forwarded`.
fn client_forwarded_as(forwarded: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-forwarded-for", forwarded.parse().unwrap());
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .unwrap()
}

#[tokio::test]
async fn behind_a_proxy_the_ip_limit_reads_the_address_the_proxy_added() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.trust_proxy = true;
        s.login_throttle.per_ip = 3;
    })
    .await;
    // The client writes whatever it likes on the left; the proxy appends what it saw.
    for i in 0..3 {
        let client = client_forwarded_as(&format!("10.0.0.{i}, 203.0.113.7"));
        let page = app
            .login_with(&client, &format!("user{i}@example.com"), "wrong password")
            .await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let rotated = client_forwarded_as("10.9.9.9, 203.0.113.7");
    let page = app
        .login_with(&rotated, "someone@example.com", "wrong password")
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    // Another client of the same proxy is not locked out.
    let other = client_forwarded_as("203.0.113.8");
    let page = app
        .login_with(&other, "someone@example.com", "wrong password")
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn with_two_proxies_the_client_is_the_second_entry_from_the_right() {
    let app = crate::helpers::spawn_app_with(|s| {
        s.trust_proxy = true;
        s.proxy_hops = 2;
        s.login_throttle.per_ip = 2;
    })
    .await;
    for forged in ["1.1.1.1", "2.2.2.2"] {
        let client = client_forwarded_as(&format!("{forged}, 198.51.100.4, 10.0.0.1"));
        app.login_with(&client, "a@example.com", "wrong password")
            .await;
    }
    let client = client_forwarded_as("3.3.3.3, 198.51.100.4, 10.0.0.1");
    let page = app
        .login_with(&client, "b@example.com", "wrong password")
        .await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn simultaneous_wrong_passwords_get_no_more_checks_than_the_limit() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    let attempts = (0..30).map(|_| {
        let (app, email) = (&app, email.clone());
        async move {
            let client = new_client();
            app.login_with(&client, &email, "wrong password here")
                .await
                .status
        }
    });
    let statuses = futures_util::future::join_all(attempts).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let throttled = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(checked + throttled, 30, "{statuses:?}");
    assert!(
        checked <= 5,
        "{checked} passwords were checked: {statuses:?}"
    );
    // And the right one still waits.
    let right = app.login_with(&new_client(), &email, PASSWORD).await;
    assert_eq!(right.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn browsing_without_signing_in_writes_no_session_to_the_database() {
    let app = spawn_app().await;
    let count = |app: &crate::helpers::TestApp| -> i64 {
        use admitto::db::schema::sessions;
        use diesel::prelude::*;
        sessions::table
            .count()
            .get_result(&mut *app.conn())
            .unwrap()
    };
    for path in ["/", "/login", "/register", "/password/forgot"] {
        assert_eq!(app.get(path).await.status, StatusCode::OK, "{path}");
    }
    let switched = app.post("/language", &[("locale", "en")]).await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    assert_eq!(count(&app), 0, "the visitor's token rides in the cookie");
    app.signed_in_candidate().await;
    assert_eq!(count(&app), 1);
}

#[tokio::test]
async fn a_login_waiting_for_its_password_check_holds_no_database_connection() {
    // One connection and one hashing thread. A login that held its connection while its
    // password was checked would leave every other request waiting for it.
    let app = crate::helpers::spawn_app_with(|s| {
        s.database_pool_size = 1;
        s.password_hash_threads = 1;
    })
    .await;
    let email = app.signed_in_candidate().await;
    let browser = new_client();
    let token = app.csrf_token_for(&browser).await;
    // Keep the hashing thread busy until released.
    let (release, held) = std::sync::mpsc::channel::<()>();
    let (busy, is_busy) = tokio::sync::oneshot::channel::<()>();
    let blocker = app.hashes.clone();
    let blocker = tokio::spawn(async move {
        blocker
            .run(move || {
                let _ = busy.send(());
                let _ = held.recv();
            })
            .await
    });
    is_busy.await.unwrap();
    let login = {
        let (browser, url) = (browser.clone(), app.url("/login"));
        let email = email.clone();
        tokio::spawn(async move {
            browser
                .post(url)
                .form(&[
                    ("csrf_token", token.as_str()),
                    ("email", email.as_str()),
                    ("password", PASSWORD),
                ])
                .send()
                .await
                .unwrap()
                .status()
        })
    };
    // The login has counted its attempt (so it is past its first query and at the check).
    let probe = admitto::db::build_pool(&app.settings.database_url(), 1).unwrap();
    let mut counted = false;
    for _ in 0..200 {
        use admitto::db::schema::login_failures;
        use diesel::prelude::*;
        let n: i64 = login_failures::table
            .filter(login_failures::scope.eq("account"))
            .count()
            .get_result(&mut *probe.get().unwrap())
            .unwrap();
        if n > 0 {
            counted = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(counted, "the login reached its password check");
    // Meanwhile another candidate's page is served from the one connection.
    let page = tokio::time::timeout(std::time::Duration::from_secs(5), app.get("/account")).await;
    assert_eq!(
        page.expect("served while the check waits").status,
        StatusCode::OK
    );
    release.send(()).unwrap();
    blocker.await.unwrap().unwrap();
    assert_eq!(login.await.unwrap(), StatusCode::SEE_OTHER);
}
