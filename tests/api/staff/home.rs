use crate::helpers::{new_client, spawn_app, PASSWORD};
use admitto::domain::{EmailAddress, Locale, Role};
use admitto::services::staff::create_staff_user;
use reqwest::StatusCode;

#[tokio::test]
async fn staff_pages_send_visitors_to_login_and_refuse_candidates() {
    let app = spawn_app().await;
    let anonymous = app.get("/staff").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(anonymous.location.as_deref(), Some("/login?next=%2Fstaff"));
    app.signed_in_candidate().await;
    let candidate = app.get("/staff").await;
    assert_eq!(candidate.status, StatusCode::FORBIDDEN);
    assert!(candidate.body.contains("Nie masz dostępu do tej strony"));
    assert_eq!(
        app.get("/staff/anything-added-later").await.status,
        StatusCode::FORBIDDEN
    );
}

async fn invite(app: &crate::helpers::TestApp, email: &str, role: Role) -> String {
    let email = EmailAddress::parse(email).unwrap();
    let services = app.services.clone();
    let pool = app.pool.clone();
    let invitation = tokio::task::spawn_blocking(move || {
        create_staff_user(
            &mut pool.get().unwrap(),
            &services,
            &email,
            role,
            Locale::En,
        )
    })
    .await
    .unwrap()
    .unwrap();
    invitation.set_password_link
}

#[tokio::test]
async fn a_new_staff_member_sets_a_password_and_sees_real_counts() {
    let app = crate::helpers::journey::app_with_open_cycle().await;
    let (candidate, _) = app.candidate_client().await;
    let id = crate::helpers::journey::start(&app, &candidate, "informatyka-s1").await;
    app.sql(&format!(
        "UPDATE applications SET status = 'submitted' WHERE id = '{id}'"
    ));
    let link = invite(&app, "officer@uni.example", Role::Officer).await;
    let emails = app.emails_to("officer@uni.example").await;
    assert_eq!(emails.len(), 1);
    assert!(
        emails[0].text.contains(&link),
        "the invitation carries the same link"
    );
    assert!(emails[0].text.contains("admissions officer"));

    let staff = new_client();
    let path = &link[app.address.len()..];
    let token = path.split("token=").nth(1).unwrap();
    assert_eq!(app.get_with(&staff, path).await.status, StatusCode::OK);
    let set = app
        .post_with(
            &staff,
            "/password/reset",
            &[
                ("token", token),
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
            ],
        )
        .await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    let login = app
        .login_with(&staff, "officer@uni.example", PASSWORD)
        .await;
    assert_eq!(login.location.as_deref(), Some("/staff"));
    let home = app.get_with(&staff, "/staff").await;
    assert_eq!(home.status, StatusCode::OK);
    let compact: String = home.body.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        compact.contains(
            r#"<span class="stat-number">1</span> <span class="stat-label">candidate accounts"#
        ),
        "{compact}"
    );
    assert!(
        compact.contains(r#"Submitted</span></th><td class="num">1</td>"#),
        "{compact}"
    );
    assert!(compact.contains(r#"Draft</span></th><td class="num">0</td>"#));
}

#[tokio::test]
async fn staff_logins_and_account_creation_are_audited() {
    let app = spawn_app().await;
    let link = invite(&app, "registrar@uni.example", Role::Registrar).await;
    let staff = new_client();
    let token = link.split("token=").nth(1).unwrap().to_owned();
    app.post_with(
        &staff,
        "/password/reset",
        &[
            ("token", &token),
            ("password", PASSWORD),
            ("password_confirm", PASSWORD),
        ],
    )
    .await;
    app.login_with(&staff, "registrar@uni.example", PASSWORD)
        .await;
    let actions: Vec<String> = admitto::db::audit::recent(&mut app.conn(), 10)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(actions.contains(&"staff.create".to_owned()), "{actions:?}");
    assert!(actions.contains(&"login".to_owned()), "{actions:?}");
}

#[tokio::test]
async fn a_candidate_address_cannot_be_turned_into_a_staff_account() {
    let app = spawn_app().await;
    let email = app.signed_in_candidate().await;
    let services = app.services.clone();
    let pool = app.pool.clone();
    let result = tokio::task::spawn_blocking(move || {
        create_staff_user(
            &mut pool.get().unwrap(),
            &services,
            &EmailAddress::parse(&email).unwrap(),
            Role::Admin,
            Locale::En,
        )
    })
    .await
    .unwrap();
    assert!(result.is_err());
}
