//! The candidate's journey: choosing a programme, the guided steps with validation at the
//! boundary, the explainable checklist, submission (exactly once), the receipt, its email and
//! PDF, withdrawal; and that no candidate reaches another's application.

use crate::helpers::{spawn_app, TestApp};
use admitto::domain::history::HistoryEntry;
use admitto::domain::ids::ApplicationId;
use admitto::domain::ApplicationStatus;
use reqwest::StatusCode;
use std::path::Path;

/// A valid PESEL for 17 May 2006.
pub const PESEL: &str = "06251701231";

/// The demo cycle, with its registration window moved around today so that it is open.
pub async fn app_with_open_cycle() -> TestApp {
    let app = spawn_app().await;
    publish_open_cycle(&app);
    app
}

/// Publishes the demo cycle with its registration window moved around today.
pub fn publish_open_cycle(app: &TestApp) {
    publish_open_cycle_edited(app, str::to_owned);
}

/// Publishes the demo cycle, open today, with `edit` applied to each of its files.
pub fn publish_open_cycle_edited(app: &TestApp, edit: impl Fn(&str) -> String) {
    let mut files = admitto::config::admin::read_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("admin-config"),
    )
    .unwrap();
    let today = chrono::Utc::now().date_naive();
    let cycle = files.get_mut("cycle.toml").unwrap();
    let opens = format!("opens = \"{} 00:00\"", today - chrono::Duration::days(30));
    let closes = format!("closes = \"{} 23:59\"", today + chrono::Duration::days(30));
    *cycle = cycle
        .lines()
        .map(|l| {
            if l.starts_with("opens = ") {
                opens.clone()
            } else if l.starts_with("closes = ") {
                closes.clone()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    for text in files.values_mut() {
        *text = edit(text);
    }
    admitto::services::cycles::apply(&mut app.conn(), files, None).unwrap();
}

/// Starts an application to `program` and returns its id.
pub async fn start(app: &TestApp, client: &reqwest::Client, program: &str) -> String {
    let started = app
        .post_with(client, "/applications", &[("program", program)])
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let location = started.location.unwrap();
    location.trim_start_matches("/applications/").to_owned()
}

/// Saves a step with these fields (all of them listed as shown on the form).
pub async fn save(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
    fields: &[(&str, &str)],
) -> crate::helpers::Page {
    let mut all: Vec<(&str, &str)> = fields.to_vec();
    for (name, _) in fields {
        if !name.contains('.') && !name.starts_with('_') {
            all.push(("_shown", name));
        }
    }
    app.post_with(client, path, &all).await
}

/// Fills in a Polish matura candidate's profile through an application's step pages.
pub async fn polish_profile(app: &TestApp, client: &reqwest::Client, id: &str) {
    let steps = format!("/applications/{id}/steps");
    let personal = save(
        app,
        client,
        &format!("{steps}/personal"),
        &[
            ("first_name", "Zofia"),
            ("last_name", "Wójcik-Żak"),
            ("date_of_birth", "2006-05-17"),
            ("place_of_birth", "Łódź"),
            ("citizenship", "PL"),
            ("pesel", PESEL),
            ("phone", "+48 600 100 200"),
        ],
    )
    .await;
    assert_eq!(personal.status, StatusCode::SEE_OTHER, "{}", personal.body);
    let address = save(
        app,
        client,
        &format!("{steps}/address"),
        &[
            ("country_of_residence", "PL"),
            ("street", "ul. Piotrkowska 1/2"),
            ("postal_code", "90001"),
            ("city", "Łódź"),
            ("correspondence_same", "yes"),
        ],
    )
    .await;
    assert_eq!(address.status, StatusCode::SEE_OTHER, "{}", address.body);
    let education = save(
        app,
        client,
        &format!("{steps}/education"),
        &[
            ("school_certificate", "matura"),
            ("diploma_country", "PL"),
            ("school_name", "XXI LO im. H. Kołłątaja"),
            ("school_city", "Łódź"),
            ("graduation_year", "2025"),
        ],
    )
    .await;
    assert_eq!(
        education.status,
        StatusCode::SEE_OTHER,
        "{}",
        education.body
    );
    let results = save(
        app,
        client,
        &format!("{steps}/exam_results"),
        &[
            ("_shown", "matura_results"),
            ("matura_results.math.extended", "80"),
            ("matura_results.math.basic", "95"),
            ("matura_results.polish.basic", "70"),
            ("matura_results.english.extended", "90"),
        ],
    )
    .await;
    assert_eq!(results.status, StatusCode::SEE_OTHER, "{}", results.body);
    let support = save(
        app,
        client,
        &format!("{steps}/support"),
        &[("needs_support", "no")],
    )
    .await;
    assert_eq!(support.status, StatusCode::SEE_OTHER, "{}", support.body);
}

/// Records an uploaded document directly (when the upload itself is not what is tested).
pub fn document(app: &TestApp, email: &str, application: Option<&str>, requirement: &str) {
    let application = application.map_or("NULL".to_owned(), |a| format!("'{a}'"));
    app.sql(&format!(
        "INSERT INTO documents (id, candidate_id, application_id, requirement, version, file_name, \
         content_type, size_bytes, sha256, storage_key, status, created_at) \
         SELECT '{}', id, {application}, '{requirement}', 1, 'scan.pdf', 'application/pdf', 1000, \
         'x', 'k', 'submitted', CURRENT_TIMESTAMP FROM users WHERE email = '{email}'",
        uuid::Uuid::new_v4()
    ));
}

#[tokio::test]
async fn a_polish_bachelor_candidate_applies_is_told_what_is_missing_and_submits_once() {
    let app = app_with_open_cycle().await;
    let (client, email) = app.candidate_client().await;
    let home = app.get_with(&client, "/").await;
    assert!(home.body.contains("Computer Science"), "{}", home.body);
    // Search and filters narrow the list.
    let filtered = app
        .get_with(&client, "/?q=informatyka&level=bachelor&form=full_time")
        .await;
    assert!(filtered.body.contains("value=\"informatyka-s1\""));
    assert!(!filtered.body.contains("value=\"lekarski\""));

    let id = start(&app, &client, "informatyka-s1").await;
    // Applying again leads to the same application.
    assert_eq!(start(&app, &client, "informatyka-s1").await, id);

    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains("Personal data") || overview.body.contains("Dane osobowe"));
    polish_profile(&app, &client, &id).await;
    let questions = save(
        &app,
        &client,
        &format!("/applications/{id}/steps/questions"),
        &[
            ("olympiad_laureate", "no"),
            ("lectorate_language", "english"),
        ],
    )
    .await;
    assert_eq!(
        questions.status,
        StatusCode::SEE_OTHER,
        "{}",
        questions.body
    );
    let declarations = save(
        &app,
        &client,
        &format!("/applications/{id}/steps/declarations"),
        &[("rules_accepted", "yes"), ("data_true", "yes")],
    )
    .await;
    assert_eq!(declarations.status, StatusCode::SEE_OTHER);

    // Only the photo is missing, and the checklist says so; no apostille for a Polish matura.
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        overview.body.contains("You can submit once these are done"),
        "{}",
        overview.body
    );
    assert!(!overview.body.to_lowercase().contains("apostille"));
    let refused = app
        .post_with(&client, &format!("/applications/{id}/submit"), &[])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("cannot be submitted yet"));

    let uploaded = app
        .upload(&client, &id, "photo", "zdjęcie.png", png())
        .await;
    assert_eq!(uploaded.status, StatusCode::SEE_OTHER, "{}", uploaded.body);
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        overview.body.contains("action=\"/applications/"),
        "{}",
        overview.body
    );
    // The points follow the formula: max(math extended, math basic × 0.6) × 2 + … is shown.
    assert!(overview.body.contains("Your points"));

    let submitted = app
        .post_with(&client, &format!("/applications/{id}/submit"), &[])
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );
    assert_eq!(
        submitted.location.as_deref(),
        Some(format!("/applications/{id}/receipt").as_str())
    );
    let receipt = app
        .get_with(&client, &format!("/applications/{id}/receipt"))
        .await;
    let number = receipt
        .body
        .split("Receipt number: ")
        .nth(1)
        .and_then(|r| r.split('<').next())
        .unwrap()
        .to_owned();
    assert_eq!(number.len(), 15, "{number}");

    // A second click reports the same receipt; nothing is submitted twice.
    let again = app
        .post_with(&client, &format!("/applications/{id}/submit"), &[])
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let mails: Vec<_> = app
        .emails_to(&email)
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Application submitted"))
        .collect();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].text.contains(&number));

    // Answers of a submitted application are read-only; the history has both changes.
    let step = app
        .get_with(&client, &format!("/applications/{id}/steps/questions"))
        .await;
    assert!(step.body.contains("can no longer be changed"));
    let late = save(
        &app,
        &client,
        &format!("/applications/{id}/steps/questions"),
        &[("olympiad_laureate", "yes"), ("olympiad_name", "x")],
    )
    .await;
    assert_eq!(late.status, StatusCode::SEE_OTHER);
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(overview.body.contains("application started"));
    assert!(overview
        .body
        .contains(&format!("submitted, receipt {number}")));

    let pdf = client
        .get(app.url(&format!("/applications/{id}/summary.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(pdf.status(), StatusCode::OK);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    assert!(pdf.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    let bytes = pdf.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
}

#[tokio::test]
async fn the_same_submission_sent_twenty_times_at_once_is_submitted_once() {
    let app = app_with_open_cycle().await;
    let (client, email) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    polish_profile(&app, &client, &id).await;
    for (step, fields) in [
        ("questions", vec![("olympiad_laureate", "no")]),
        (
            "declarations",
            vec![("rules_accepted", "yes"), ("data_true", "yes")],
        ),
    ] {
        let saved = save(
            &app,
            &client,
            &format!("/applications/{id}/steps/{step}"),
            &fields,
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
    document(&app, &email, None, "photo");
    let token = app.csrf_token_for(&client).await;
    let path = format!("/applications/{id}/submit");
    let attempts = (0..20).map(|_| {
        let body = serde_urlencoded::to_string([("csrf_token", token.as_str())]).unwrap();
        app.post_body(&client, &path, body)
    });
    let results = futures_util::future::join_all(attempts).await;
    for result in &results {
        assert_eq!(result.status, StatusCode::SEE_OTHER, "{}", result.body);
        assert_eq!(
            result.location.as_deref(),
            Some(format!("/applications/{id}/receipt").as_str())
        );
    }
    let events =
        admitto::db::applications::events(&mut app.conn(), &ApplicationId::from(id.as_str()))
            .unwrap();
    assert_eq!(
        events
            .iter()
            .filter(|e| e.to == ApplicationStatus::Submitted)
            .count(),
        1,
        "{events:?}"
    );
    let receipts = app
        .emails_to(&email)
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Application submitted"))
        .count();
    assert_eq!(receipts, 1);
}

#[tokio::test]
async fn bad_input_gets_a_message_at_its_field_and_what_was_typed_is_kept() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    let path = format!("/applications/{id}/steps/personal");
    let hostile = "<script>alert(1)</script>' OR 1=1 --";
    let page = save(
        &app,
        &client,
        &path,
        &[
            ("first_name", hostile),
            ("last_name", "مرحبا 👨‍👩‍👧"),
            ("date_of_birth", "31.02.2006"),
            ("place_of_birth", "x\u{202E}fdp.exe"),
            ("citizenship", "PL"),
            ("pesel", "06251701232"),
            ("phone", "600 100 200"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &page.body;
    assert!(body.contains("error-summary"));
    for (field, message) in [
        ("date_of_birth", "This date does not exist"),
        (
            "place_of_birth",
            "Remove invisible or special control characters",
        ),
        ("pesel", "This PESEL number is not valid"),
        ("phone", "Start the phone number with +"),
    ] {
        assert!(
            body.contains(&format!("href=\"#{field}\"")),
            "{field} in the summary"
        );
        assert!(
            body.contains(&format!("id=\"{field}-error\"")),
            "{field} error at the field: {body}"
        );
        assert!(body.contains(message), "{message}");
    }
    // Hostile text is shown back escaped, never as markup; RTL text and emoji are kept.
    assert!(!body.contains("<script>alert(1)</script>"));
    assert!(body.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(body.contains("مرحبا 👨‍👩‍👧"));
    // The valid answers were saved; the invalid ones were not.
    let profile = admitto::services::applications::profile(
        &mut app.conn(),
        &admitto::db::users::find_by_email(&mut app.conn(), &app_email(&app, &client).await)
            .unwrap()
            .unwrap()
            .id,
    )
    .unwrap();
    assert_eq!(profile.answers["first_name"], hostile);
    assert!(profile.answers.get("pesel").is_none());
    assert!(!profile.saved_steps.contains(&"personal".to_owned()));

    // Overlong text, a malformed postal code for the chosen country, an unknown option.
    let long = "x".repeat(151);
    let page = save(
        &app,
        &client,
        &format!("/applications/{id}/steps/address"),
        &[
            ("country_of_residence", "DE"),
            ("street", &long),
            ("postal_code", "1234"),
            ("city", "Berlin"),
            ("correspondence_same", "maybe"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Use at most 150 characters"));
    assert!(page
        .body
        .contains("does not match the format used in the selected country"));
    assert!(page.body.contains("Choose one of the options shown"));

    // A required answer left empty.
    let page = save(
        &app,
        &client,
        &format!("/applications/{id}/steps/support"),
        &[("needs_support", "")],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Fill in this field"));

    // Exam results outside 0–100 and not whole numbers.
    save(
        &app,
        &client,
        &format!("/applications/{id}/steps/education"),
        &[
            ("school_certificate", "matura"),
            ("diploma_country", "PL"),
            ("school_name", "LO"),
            ("school_city", "Łódź"),
            ("graduation_year", "2025"),
        ],
    )
    .await;
    let page = save(
        &app,
        &client,
        &format!("/applications/{id}/steps/exam_results"),
        &[
            ("_shown", "matura_results"),
            ("matura_results.math.basic", "101"),
            ("matura_results.math.extended", "7.5"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Enter a percentage from 0 to 100"));
    assert!(page.body.contains("whole number of percent"));
    assert!(
        page.body.contains("value=\"7.5\""),
        "what was typed is kept"
    );
}

/// The email of the candidate signed in with `client`.
async fn app_email(app: &TestApp, client: &reqwest::Client) -> String {
    let account = app.get_with(client, "/account").await;
    account
        .body
        .split("candidate-")
        .nth(1)
        .and_then(|rest| rest.split("@example.com").next())
        .map(|local| format!("candidate-{local}@example.com"))
        .unwrap()
}

#[tokio::test]
async fn a_field_that_an_answer_makes_appear_is_asked_next_not_reported_as_an_error() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    // The form first showed passport fields (no citizenship yet); choosing Poland brings PESEL.
    let page = app
        .post_with(
            &client,
            &format!("/applications/{id}/steps/personal"),
            &[
                ("_shown", "first_name"),
                ("_shown", "last_name"),
                ("_shown", "date_of_birth"),
                ("_shown", "place_of_birth"),
                ("_shown", "citizenship"),
                ("_shown", "phone"),
                ("first_name", "Jan"),
                ("last_name", "Nowak"),
                ("date_of_birth", "17.05.2006"),
                ("place_of_birth", "Gdańsk"),
                ("citizenship", "PL"),
                ("phone", "0048 600 100 200"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("we need a few more details"));
    assert!(page.body.contains("id=\"pesel\""));
    assert!(!page.body.contains("id=\"pesel-error\""));
    assert!(!page.body.contains("id=\"passport_number\""));
}

#[tokio::test]
async fn a_ukrainian_masters_candidate_is_told_why_each_document_applies() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "data-science-s2").await;
    let steps = format!("/applications/{id}/steps");
    let personal = save(
        &app,
        &client,
        &format!("{steps}/personal"),
        &[
            ("first_name", "Олена"),
            ("last_name", "Шевченко"),
            ("date_of_birth", "2001-03-09"),
            ("place_of_birth", "Київ"),
            ("citizenship", "UA"),
            ("passport_number", "FA123456"),
            ("passport_valid_until", "2030-01-01"),
            ("karta_polaka", "no"),
            ("phone", "+380 50 123 4567"),
        ],
    )
    .await;
    assert_eq!(personal.status, StatusCode::SEE_OTHER, "{}", personal.body);
    let first_degree = save(
        &app,
        &client,
        &format!("{steps}/first_degree"),
        &[
            (
                "first_degree_university",
                "Taras Shevchenko National University of Kyiv",
            ),
            ("first_degree_country", "UA"),
            ("first_degree_field", "Computer Science"),
            ("first_degree_title", "foreign_bachelor"),
            ("diploma_pending", "no"),
            ("graduation_date", "2024-06-30"),
            ("diploma_grade", "4,5"),
        ],
    )
    .await;
    assert_eq!(
        first_degree.status,
        StatusCode::SEE_OTHER,
        "{}",
        first_degree.body
    );
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    let body = &overview.body;
    assert!(body.contains("Citizenship: Ukraine"), "{body}");
    assert!(body.to_lowercase().contains("recognition"), "{body}");
    assert!(body.contains("Passport"), "{body}");
    // The master's points come from the diploma grade.
    assert!(body.contains("Your points"));
}

#[tokio::test]
async fn a_candidate_cannot_see_or_change_another_candidates_application() {
    let app = app_with_open_cycle().await;
    let (owner, _) = app.candidate_client().await;
    let id = start(&app, &owner, "informatyka-s1").await;
    let (intruder, _) = app.candidate_client().await;
    for path in [
        format!("/applications/{id}"),
        format!("/applications/{id}/steps/personal"),
        format!("/applications/{id}/steps/questions"),
        format!("/applications/{id}/receipt"),
        format!("/applications/{id}/summary.pdf"),
        format!("/applications/{id}/withdraw"),
        format!("/applications/{id}/documents/photo"),
    ] {
        let page = app.get_with(&intruder, &path).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "GET {path}");
    }
    for path in [
        format!("/applications/{id}/steps/questions"),
        format!("/applications/{id}/submit"),
        format!("/applications/{id}/withdraw"),
        format!("/applications/{id}/documents/photo/remove"),
    ] {
        let page = app
            .post_with(&intruder, &path, &[("olympiad_laureate", "yes")])
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "POST {path}");
    }
    let untouched =
        admitto::db::applications::find(&mut app.conn(), &ApplicationId::from(id.as_str()))
            .unwrap()
            .unwrap();
    assert_eq!(untouched.status, ApplicationStatus::Draft);
    assert_eq!(untouched.answers, "{}");
    // Not signed in: to the login page; staff: refused.
    let anonymous = app
        .get_with(
            &crate::helpers::plain_client(),
            &format!("/applications/{id}"),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn withdrawing_asks_first_and_the_history_shows_it() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "ekonomia-s1").await;
    let confirm = app
        .get_with(&client, &format!("/applications/{id}/withdraw"))
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(confirm.body.contains("Yes, withdraw it"));
    let withdrawn = app
        .post_with(&client, &format!("/applications/{id}/withdraw"), &[])
        .await;
    assert_eq!(withdrawn.status, StatusCode::SEE_OTHER);
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        overview.body.contains("withdrawn by you"),
        "{}",
        overview.body
    );
    assert!(overview.body.contains("Withdrawn"));
    // A withdrawn application cannot be submitted or edited.
    let submit = app
        .post_with(&client, &format!("/applications/{id}/submit"), &[])
        .await;
    assert_eq!(submit.status, StatusCode::SEE_OTHER);
    assert_eq!(
        admitto::db::applications::find(&mut app.conn(), &ApplicationId::from(id.as_str()))
            .unwrap()
            .unwrap()
            .status,
        ApplicationStatus::Withdrawn
    );
}

#[tokio::test]
async fn registration_outside_the_cycle_dates_is_refused_with_a_reason() {
    let app = spawn_app().await;
    let mut files = admitto::config::admin::read_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("admin-config"),
    )
    .unwrap();
    let cycle = files.get_mut("cycle.toml").unwrap();
    *cycle = cycle
        .lines()
        .map(|l| {
            if l.starts_with("opens = ") {
                "opens = \"2020-01-01 09:00\"".to_owned()
            } else if l.starts_with("closes = ") {
                "closes = \"2020-02-01 23:59\"".to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    admitto::services::cycles::apply(&mut app.conn(), files, None).unwrap();
    let (client, _) = app.candidate_client().await;
    let home = app.get_with(&client, "/").await;
    assert!(home.body.contains("Registration is closed now"));
    let refused = app
        .post_with(&client, "/applications", &[("program", "informatyka-s1")])
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert_eq!(refused.location.as_deref(), Some("/"));
    let count = admitto::db::applications::for_candidate(
        &mut app.conn(),
        &admitto::domain::UserId(
            admitto::db::users::find_by_email(&mut app.conn(), &app_email(&app, &client).await)
                .unwrap()
                .unwrap()
                .id,
        ),
    )
    .unwrap()
    .len();
    assert_eq!(count, 0);
}

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

/// A tiny but real PNG image (2×2 pixels).
pub fn png() -> Vec<u8> {
    crate::files::png_of(2, 2)
}

#[tokio::test]
async fn uploads_are_checked_by_content_and_size_and_refusals_leave_nothing_stored() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    let step = format!("/applications/{id}/steps/identity_documents");
    let page = app.get_with(&client, &step).await;
    assert!(
        page.body.contains("enctype=\"multipart/form-data\""),
        "{}",
        page.body
    );
    assert!(page.body.contains("id=\"file-photo\""));

    // HTML renamed .png, an empty file, a PDF where only images are allowed.
    for (name, bytes, message) in [
        (
            "photo.png",
            b"<html><script>alert(1)</script></html>".to_vec(),
            "is not a PDF, JPEG or PNG",
        ),
        ("photo.png", Vec::new(), "The file is empty"),
        (
            "photo.pdf",
            b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n".to_vec(),
            "is not a PDF, JPEG or PNG",
        ),
    ] {
        let refused = app.upload(&client, &id, "photo", name, bytes).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{name}");
        assert!(
            refused.body.contains(message),
            "{message}: {}",
            refused.body
        );
        assert!(refused.body.contains("id=\"file-photo-error\""));
    }
    assert_eq!(
        app.stored_files(),
        0,
        "refused uploads leave nothing behind"
    );

    // Over the 5 MB limit of the photo: refused with 413, nothing stored.
    let big = vec![0x89u8; 6 * 1024 * 1024];
    let too_big = app.upload(&client, &id, "photo", "huge.png", big).await;
    assert_eq!(too_big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(too_big.body.contains("larger than 5 MB"));
    assert_eq!(app.stored_files(), 0);

    // Without the CSRF token: refused.
    let form = reqwest::multipart::Form::new().part(
        "file",
        reqwest::multipart::Part::bytes(png()).file_name("p.png"),
    );
    let forged = client
        .post(app.url(&format!("/applications/{id}/documents/photo")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    // A real PNG with a hostile name is kept under a clean name and listed on the step.
    let sent = app
        .upload(&client, &id, "photo", "../../etc/\u{202E}gnp.exe", png())
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(app.stored_files(), 1);
    let page = app.get_with(&client, &step).await;
    assert!(page.body.contains("gnp.png"), "{}", page.body);
    assert!(page.body.contains("Sent, waiting for verification"));
    let download = client
        .get(app.url(&format!("/applications/{id}/documents/photo")))
        .send()
        .await
        .unwrap();
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.headers()["x-content-type-options"], "nosniff");
    assert!(download.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment"));
    assert_eq!(download.bytes().await.unwrap().to_vec(), png());

    // Replacing keeps the earlier version for staff; another candidate finds nothing.
    let replaced = app.upload(&client, &id, "photo", "second.png", png()).await;
    assert_eq!(replaced.status, StatusCode::SEE_OTHER);
    assert_eq!(app.stored_files(), 2);
    let (intruder, _) = app.candidate_client().await;
    let theirs = app.upload(&intruder, &id, "photo", "x.png", png()).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND);
    let peek = app
        .get_with(&intruder, &format!("/applications/{id}/documents/photo"))
        .await;
    assert_eq!(peek.status, StatusCode::NOT_FOUND);
    assert_eq!(app.stored_files(), 2);

    // Removing it puts the photo back on the list of what is missing.
    let removed = app
        .post_with(
            &client,
            &format!("/applications/{id}/documents/photo/remove"),
            &[],
        )
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(overview.body.contains("Photo for the student ID card"));
    assert!(overview.body.contains("item-missing"));
}

#[tokio::test]
async fn where_the_workflow_allows_it_a_submitted_application_can_change_and_goes_back_for_review()
{
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    // English-taught programmes allow changes after submission; others do not.
    let english = start(&app, &client, "computer-science-en").await;
    let polish = start(&app, &client, "informatyka-s1").await;
    for id in [&english, &polish] {
        app.sql(&format!(
            "UPDATE applications SET status = 'under_review', receipt_number = 'R-{id}', \
             submitted_at = CURRENT_TIMESTAMP WHERE id = '{id}'"
        ));
    }
    let overview = app
        .get_with(&client, &format!("/applications/{english}"))
        .await;
    assert!(overview
        .body
        .contains("You can still change this application"));
    let changed = save(
        &app,
        &client,
        &format!("/applications/{english}/steps/motivation"),
        &[(
            "motivation_letter",
            "I would like to study computer science because…",
        )],
    )
    .await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER, "{}", changed.body);
    let row =
        admitto::db::applications::find(&mut app.conn(), &ApplicationId::from(english.as_str()))
            .unwrap()
            .unwrap();
    assert_eq!(row.status, ApplicationStatus::Submitted, "back for review");
    assert!(row.answers.contains("I would like to study"));
    let events =
        admitto::db::applications::events(&mut app.conn(), &ApplicationId::from(english.as_str()))
            .unwrap();
    let last = events.last().unwrap();
    assert_eq!(last.from, Some(ApplicationStatus::UnderReview));
    assert_eq!(last.to, ApplicationStatus::Submitted);
    assert_eq!(
        last.entry,
        Some(HistoryEntry::ChangedAfterSubmission {
            step: "motivation".into()
        })
    );

    // The Polish-taught programme's answers stay as they were.
    let refused = save(
        &app,
        &client,
        &format!("/applications/{polish}/steps/questions"),
        &[("olympiad_laureate", "yes"), ("olympiad_name", "x")],
    )
    .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    let row =
        admitto::db::applications::find(&mut app.conn(), &ApplicationId::from(polish.as_str()))
            .unwrap()
            .unwrap();
    assert_eq!(row.status, ApplicationStatus::UnderReview);
    assert_eq!(row.answers, "{}");
}

#[tokio::test]
async fn numbers_choices_and_countries_outside_what_is_offered_are_refused_at_their_fields() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    let page = save(
        &app,
        &client,
        &format!("/applications/{id}/steps/education"),
        &[
            ("school_certificate", "'; DROP TABLE applications; --"),
            ("diploma_country", "ZZ"),
            ("school_name", &"ł".repeat(5000)),
            ("school_city", "\u{0007}bell"),
            ("graduation_year", "two thousand"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in [
        "school_certificate",
        "diploma_country",
        "school_name",
        "school_city",
        "graduation_year",
    ] {
        assert!(
            page.body.contains(&format!("id=\"{field}-error\"")),
            "{field}: {}",
            page.body
        );
    }
    assert!(page.body.contains("Choose one of the options shown"));
    assert!(page.body.contains("Enter a number"));
    // Nothing of it was stored, and the table is still there.
    let year = save(
        &app,
        &client,
        &format!("/applications/{id}/steps/education"),
        &[
            ("school_certificate", "matura"),
            ("diploma_country", "PL"),
            ("school_name", "LO"),
            ("school_city", "Łódź"),
            ("graduation_year", "1850"),
        ],
    )
    .await;
    assert_eq!(year.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        year.body.contains("id=\"graduation_year-error\""),
        "{}",
        year.body
    );
    assert_eq!(
        admitto::db::applications::find(&mut app.conn(), &ApplicationId::from(id.as_str()))
            .unwrap()
            .unwrap()
            .status,
        ApplicationStatus::Draft
    );
}

#[tokio::test]
async fn staff_reject_a_document_with_a_reason_the_candidate_replaces_it_and_staff_accept_it() {
    let app = app_with_open_cycle().await;
    let (client, email) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    polish_profile(&app, &client, &id).await;
    let sent = app.upload(&client, &id, "photo", "me.png", png()).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);

    // Only officers and administrators verify.
    assert_eq!(
        app.get_with(&client, "/staff/documents").await.status,
        StatusCode::FORBIDDEN
    );
    let editor = app
        .signed_in_staff(admitto::domain::Role::ProgramAdmin)
        .await;
    assert_eq!(
        app.get_with(&editor, "/staff/documents").await.status,
        StatusCode::FORBIDDEN
    );
    let officer = app.signed_in_staff(admitto::domain::Role::Officer).await;
    let queue = app.get_with(&officer, "/staff/documents").await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(
        queue.body.contains("Photo for the student ID card"),
        "{}",
        queue.body
    );
    assert!(queue.body.contains(&email));
    let empty = app
        .get_with(&officer, "/staff/documents?citizenship=UA")
        .await;
    assert!(empty.body.contains("Nothing is waiting"));
    let filtered = app
        .get_with(
            &officer,
            "/staff/documents?program=informatyka-s1&requirement=photo",
        )
        .await;
    assert!(filtered.body.contains(&email));
    // A profile document belongs to the programmes its candidate applies to, and no others.
    let elsewhere = app
        .get_with(&officer, "/staff/documents?program=prawo")
        .await;
    assert!(elsewhere.body.contains("Nothing is waiting"));
    let polish = app
        .get_with(&officer, "/staff/documents?citizenship=pl")
        .await;
    assert!(polish.body.contains(&email));
    let document = filtered
        .body
        .split("href=\"/staff/documents/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();

    let review = app
        .get_with(&officer, &format!("/staff/documents/{document}"))
        .await;
    assert!(review.body.contains("Zofia"));
    assert!(review.body.contains(PESEL));
    assert!(review.body.contains("The photo is blurred or too dark."));
    let file = officer
        .get(app.url(&format!("/staff/documents/{document}/file")))
        .send()
        .await
        .unwrap();
    assert_eq!(file.headers()["content-type"], "image/png");
    assert_eq!(file.headers()["x-content-type-options"], "nosniff");
    assert!(file.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));

    // A rejection needs a reason, and a correction date cannot be in the past.
    let reject = format!("/staff/documents/{document}/reject");
    let no_reason = app
        .post_with(
            &officer,
            &reject,
            &[("reason", " "), ("correction_due", "")],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_reason.body.contains("id=\"reason-error\""));
    let past = app
        .post_with(
            &officer,
            &reject,
            &[("reason", "Too dark."), ("correction_due", "01.01.2020")],
        )
        .await;
    assert!(past.body.contains("id=\"correction_due-error\""));
    let due = (chrono::Utc::now().date_naive() + chrono::Duration::days(7))
        .format("%d.%m.%Y")
        .to_string();
    let rejected = app
        .post_with(
            &officer,
            &reject,
            &[
                ("preset", "0"),
                ("reason", "Please use daylight."),
                ("correction_due", &due),
            ],
        )
        .await;
    assert_eq!(rejected.status, StatusCode::SEE_OTHER, "{}", rejected.body);
    // A second decision on the same upload changes nothing.
    let again = app
        .post_with(
            &officer,
            &format!("/staff/documents/{document}/accept"),
            &[],
        )
        .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    let row = admitto::db::documents::find(&mut app.conn(), &document)
        .unwrap()
        .unwrap();
    assert_eq!(
        row.status,
        admitto::domain::documents::DocumentStatus::Rejected
    );

    // The candidate is told why, in their language, with a link to send a new file.
    let mails: Vec<_> = app
        .emails_to(&email)
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("A document needs correcting"))
        .collect();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].text.contains("Photo for the student ID card"));
    assert!(mails[0].text.contains("Please use daylight."));
    assert!(mails[0]
        .text
        .contains(&format!("/applications/{id}/steps/identity_documents")));
    let step = app
        .get_with(
            &client,
            &format!("/applications/{id}/steps/identity_documents"),
        )
        .await;
    assert!(
        step.body.contains("could not accept this file"),
        "{}",
        step.body
    );
    assert!(step.body.contains("Rejected: send a new one"));

    // The corrected upload goes back into the queue as version 2; accepting it is final.
    let corrected = app
        .upload(&client, &id, "photo", "daylight.png", png())
        .await;
    assert_eq!(corrected.status, StatusCode::SEE_OTHER);
    let queue = app.get_with(&officer, "/staff/documents").await;
    assert!(queue.body.contains("version 2"), "{}", queue.body);
    let second = queue
        .body
        .split("href=\"/staff/documents/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let accepted = app
        .post_with(&officer, &format!("/staff/documents/{second}/accept"), &[])
        .await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(overview.body.contains("item-accepted"));
    let replace = app.upload(&client, &id, "photo", "other.png", png()).await;
    assert_eq!(
        replace.status,
        StatusCode::CONFLICT,
        "accepted documents stay"
    );
    let actions: Vec<String> = admitto::db::audit::recent(&mut app.conn(), 50)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(actions.contains(&"document.reject".to_owned()));
    assert!(actions.contains(&"document.accept".to_owned()));
}

#[tokio::test]
async fn staff_record_a_paper_original_and_the_candidate_sees_it() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    let questions = format!("/applications/{id}/steps/questions");
    let saved = save(
        &app,
        &client,
        &questions,
        &[
            ("olympiad_laureate", "yes"),
            ("olympiad_name", "Olimpiada Matematyczna"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let sent = app
        .upload(
            &client,
            &id,
            "olympiad_certificate",
            "dyplom.pdf",
            crate::files::pdf(),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let step = app.get_with(&client, &questions).await;
    assert!(
        step.body.contains("paper original must be delivered")
            || step.body.contains("Deliver the paper original by"),
        "{}",
        step.body
    );

    let officer = app.signed_in_staff(admitto::domain::Role::Officer).await;
    let queue = app
        .get_with(
            &officer,
            "/staff/documents?program=informatyka-s1&requirement=olympiad_certificate",
        )
        .await;
    let document = queue
        .body
        .split("href=\"/staff/documents/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let review = app
        .get_with(&officer, &format!("/staff/documents/{document}"))
        .await;
    assert!(review.body.contains("Not received yet."));
    let path = format!("/staff/documents/{document}/original");
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Duration::days(1))
        .format("%d.%m.%Y")
        .to_string();
    let future = app
        .post_with(&officer, &path, &[("received_on", &tomorrow)])
        .await;
    assert_eq!(future.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(future.body.contains("id=\"received_on-error\""));
    let today = chrono::Utc::now().date_naive();
    let recorded = app
        .post_with(
            &officer,
            &path,
            &[("received_on", &today.format("%d.%m.%Y").to_string())],
        )
        .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER);
    let review = app
        .get_with(&officer, &format!("/staff/documents/{document}"))
        .await;
    assert!(review.body.contains("Received on"), "{}", review.body);
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        overview.body.contains(&format!(
            "Paper original received on {}",
            today.format("%-d %B %Y")
        )),
        "{}",
        overview.body
    );
    let actions: Vec<String> = admitto::db::audit::recent(&mut app.conn(), 20)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(actions.contains(&"document.original".to_owned()));
}

/// The post does not care which scan is current: an original recorded on a version the
/// candidate has since replaced still reaches the checklist.
#[tokio::test]
async fn a_paper_original_recorded_on_a_replaced_version_still_counts() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    let questions = format!("/applications/{id}/steps/questions");
    let answers = [
        ("olympiad_laureate", "yes"),
        ("olympiad_name", "Olimpiada Matematyczna"),
    ];
    let saved = save(&app, &client, &questions, &answers).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let pdf = crate::files::pdf();
    let first = app
        .upload(
            &client,
            &id,
            "olympiad_certificate",
            "dyplom.pdf",
            pdf.clone(),
        )
        .await;
    assert_eq!(first.status, StatusCode::SEE_OTHER, "{}", first.body);
    let officer = app.signed_in_staff(admitto::domain::Role::Officer).await;
    let queue = app
        .get_with(
            &officer,
            "/staff/documents?program=informatyka-s1&requirement=olympiad_certificate",
        )
        .await;
    let old_version = queue
        .body
        .split("href=\"/staff/documents/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let second = app
        .upload(&client, &id, "olympiad_certificate", "dyplom-2.pdf", pdf)
        .await;
    assert_eq!(second.status, StatusCode::SEE_OTHER, "{}", second.body);
    let today = chrono::Utc::now().date_naive();
    let recorded = app
        .post_with(
            &officer,
            &format!("/staff/documents/{old_version}/original"),
            &[("received_on", &today.format("%d.%m.%Y").to_string())],
        )
        .await;
    assert_eq!(recorded.status, StatusCode::SEE_OTHER, "{}", recorded.body);
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        overview.body.contains(&format!(
            "Paper original received on {}",
            today.format("%-d %B %Y")
        )),
        "{}",
        overview.body
    );
}

/// The verification queue and the review page name a document as the cycle version its
/// application started on did, like the staff application view, not as a later version does.
#[tokio::test]
async fn the_verification_queue_names_documents_from_the_applications_own_cycle_version() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    let questions = format!("/applications/{id}/steps/questions");
    let answers = [
        ("olympiad_laureate", "yes"),
        ("olympiad_name", "Olimpiada Matematyczna"),
    ];
    let saved = save(&app, &client, &questions, &answers).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let sent = app
        .upload(
            &client,
            &id,
            "olympiad_certificate",
            "dyplom.pdf",
            crate::files::pdf(),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);

    // A later version renames the requirement.
    publish_open_cycle_edited(&app, |text| {
        text.replace(
            "en = \"Olympiad winner or finalist certificate\"",
            "en = \"Renamed certificate\"",
        )
    });

    let officer = app.signed_in_staff(admitto::domain::Role::Officer).await;
    let queue = app
        .get_with(
            &officer,
            "/staff/documents?program=informatyka-s1&requirement=olympiad_certificate",
        )
        .await;
    // The filter offers the current names; the listed documents keep their own.
    let listed = queue.body.split("<tbody>").nth(1).unwrap();
    assert!(
        listed.contains("Olympiad winner or finalist certificate"),
        "{listed}"
    );
    assert!(!listed.contains("Renamed certificate"));
    let document = queue
        .body
        .split("href=\"/staff/documents/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let review = app
        .get_with(&officer, &format!("/staff/documents/{document}"))
        .await;
    assert!(review
        .body
        .contains("Olympiad winner or finalist certificate"));
    assert!(!review.body.contains("Renamed certificate"));
}
