//! The staff list of applications: filters, paging and the read-only application view.

use crate::helpers::journey::{app_with_open_cycle, polish_profile, save, start};
use reqwest::StatusCode;

#[tokio::test]
async fn staff_list_filter_page_through_and_open_applications_read_only() {
    let app = app_with_open_cycle().await;
    let (polish, polish_email) = app.candidate_client().await;
    let polish_id = start(&app, &polish, "informatyka-s1").await;
    polish_profile(&app, &polish, &polish_id).await;
    let (ukrainian, _) = app.candidate_client().await;
    let ukrainian_id = start(&app, &ukrainian, "data-science-s2").await;
    let personal = save(
        &app,
        &ukrainian,
        &format!("/applications/{ukrainian_id}/steps/personal"),
        &[
            ("first_name", "Олена"),
            ("last_name", "Шевченко"),
            ("date_of_birth", "2001-03-09"),
            ("place_of_birth", "Київ"),
            ("citizenship", "UA"),
            ("passport_number", "FA123456"),
            ("passport_valid_until", "2030-01-01"),
            ("karta_polaka", "no"),
            ("phone", "+380501234567"),
        ],
    )
    .await;
    assert_eq!(personal.status, StatusCode::SEE_OTHER);
    app.sql(&format!(
        "UPDATE applications SET status = 'submitted', receipt_number = '20261126-ABCDEF' WHERE id = '{polish_id}'"
    ));

    // Candidates are refused.
    assert_eq!(
        app.get_with(&polish, "/staff/applications").await.status,
        StatusCode::FORBIDDEN
    );
    let officer = app.signed_in_staff(admitto::domain::Role::Officer).await;
    let all = app.get_with(&officer, "/staff/applications").await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body.contains(&polish_email));
    assert!(all.body.contains("Шевченко"));
    let submitted = app
        .get_with(&officer, "/staff/applications?status=submitted")
        .await;
    assert!(submitted.body.contains("Zofia"));
    assert!(!submitted.body.contains("Шевченко"));
    let by_citizenship = app
        .get_with(&officer, "/staff/applications?citizenship=UA")
        .await;
    assert!(by_citizenship.body.contains("Шевченко"));
    assert!(!by_citizenship.body.contains("Zofia"));
    let by_programme = app
        .get_with(&officer, "/staff/applications?program=data-science-s2")
        .await;
    assert!(!by_programme.body.contains("Zofia"));
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Duration::days(1)).to_string();
    let none = app
        .get_with(&officer, &format!("/staff/applications?from={tomorrow}"))
        .await;
    assert!(
        none.body.contains("No application matches"),
        "{}",
        none.body
    );
    let bad_date = app
        .get_with(&officer, "/staff/applications?from=31.02.2026")
        .await;
    assert_eq!(bad_date.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_date.body.contains("id=\"from-error\""));

    // Paging: 60 more applications make two pages of 50.
    let version: String = admitto::db::cycles::current_published_id(&mut app.conn())
        .unwrap()
        .unwrap();
    for i in 0..60 {
        app.sql(&format!(
            "INSERT INTO applications (id, candidate_id, cycle_code, program_code, cycle_version_id, \
             status, answers, saved_steps, created_at, updated_at) \
             SELECT 'bulk-{i}', candidate_id, cycle_code, 'bulk-{i}', '{version}', 'draft', '{{}}', '[]', \
             created_at, created_at FROM applications WHERE id = '{polish_id}'"
        ));
    }
    let first = app.get_with(&officer, "/staff/applications").await;
    assert!(first.body.contains("Showing 1–50 of 62."), "{}", first.body);
    assert!(first.body.contains("rel=\"next\""));
    let second = app.get_with(&officer, "/staff/applications?page=2").await;
    assert!(second.body.contains("Showing 51–62 of 62."));
    assert!(second.body.contains("rel=\"prev\""));

    // The detail: answers, checklist with reasons, history; nothing to edit.
    let detail = app
        .get_with(&officer, &format!("/staff/applications/{ukrainian_id}"))
        .await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(detail.body.contains("FA123456"));
    assert!(detail.body.contains("Citizenship: Ukraine"));
    assert!(detail.body.contains("application started") || detail.body.contains("started"));
    assert!(!detail
        .body
        .contains("<form method=\"post\" action=\"/staff/applications"));
    assert_eq!(
        app.get_with(&officer, "/staff/applications/no-such-id")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
