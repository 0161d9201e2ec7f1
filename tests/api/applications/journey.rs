//! The candidate's journey: choosing a programme, the guided steps with validation at the
//! boundary, the explainable checklist, submission (exactly once), the receipt, its email and
//! PDF, withdrawal; and that no candidate reaches another's application.

use crate::helpers::journey::{app_email, app_with_open_cycle, png, polish_profile, save, start};
use crate::helpers::spawn_app;
use admitto::domain::history::HistoryEntry;
use admitto::domain::ids::ApplicationId;
use admitto::domain::ApplicationStatus;
use reqwest::StatusCode;
use std::path::Path;

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
    let (client, email, id) = crate::helpers::journey::complete_application(&app).await;
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
            ("phone", "600 100 20"),
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
        (
            "phone",
            "Without a country code we read this as a number from the country with code +48",
        ),
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

/// The personal step with these date of birth, PESEL and phone (the rest valid).
async fn save_personal(
    app: &crate::helpers::TestApp,
    client: &reqwest::Client,
    id: &str,
    (date_of_birth, pesel, phone): (&str, &str, &str),
) -> crate::helpers::Page {
    save(
        app,
        client,
        &format!("/applications/{id}/steps/personal"),
        &[
            ("first_name", "Jan"),
            ("last_name", "Nowak"),
            ("date_of_birth", date_of_birth),
            ("place_of_birth", "Gdańsk"),
            ("citizenship", "PL"),
            ("pesel", pesel),
            ("phone", phone),
        ],
    )
    .await
}

#[tokio::test]
async fn a_pesel_is_checked_against_the_date_of_birth_typed_on_the_same_form() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    let saved = save_personal(
        &app,
        &client,
        &id,
        ("17.05.2006", "06251701231", "+48 600 100 200"),
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    // A PESEL that does not match the saved date is refused...
    let page = save_personal(
        &app,
        &client,
        &id,
        ("17.05.2006", "99030812343", "+48 600 100 200"),
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("does not match the date of birth"));
    // ...and a new date with its matching PESEL, typed together, is saved.
    let page = save_personal(
        &app,
        &client,
        &id,
        ("08.03.1999", "99030812343", "+48 600 100 200"),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    let profile = profile_of(&app, &client).await;
    assert_eq!(profile["date_of_birth"], "1999-03-08");
    assert_eq!(profile["pesel"], "99030812343");
    // A date typed wrong is reported at the date; the PESEL is not compared with the date
    // saved before.
    let page = save_personal(
        &app,
        &client,
        &id,
        ("31.02.2006", "06251701231", "+48 600 100 200"),
    )
    .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("id=\"date_of_birth-error\""));
    assert!(!page.body.contains("id=\"pesel-error\""), "{}", page.body);
}

/// The candidate's saved profile answers.
async fn profile_of(
    app: &crate::helpers::TestApp,
    client: &reqwest::Client,
) -> serde_json::Map<String, serde_json::Value> {
    let email = app_email(app, client).await;
    let user = admitto::db::users::find_by_email(&mut app.conn(), &email)
        .unwrap()
        .unwrap();
    admitto::services::applications::profile(&mut app.conn(), &user.id)
        .unwrap()
        .answers
}

#[tokio::test]
async fn phone_numbers_are_read_in_the_candidates_country_and_stored_as_e164() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    for (typed, stored) in [
        // Without a country code: a number of the country of citizenship.
        ("600 100 200", "+48600100200"),
        ("0048 600-100-200", "+48600100200"),
        // The trunk prefix after the country code goes; Italy's leading 0 stays.
        ("+44 020 7946 0958", "+442079460958"),
        ("+39 (0)6 6982 0000", "+390669820000"),
        ("+683 7012", "+6837012"),
    ] {
        let page = save_personal(&app, &client, &id, ("17.05.2006", "06251701231", typed)).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{typed}: {}", page.body);
        assert_eq!(profile_of(&app, &client).await["phone"], stored, "{typed}");
    }
    for (typed, message) in [
        (
            "+48 512 345 67",
            "after the country code +48 a number has at least 9 digits",
        ),
        (
            "+48 512 345 6789",
            "after the country code +48 a number has at most 9 digits",
        ),
        (
            "+999 123 456 789",
            "The digits after + are not a country code",
        ),
    ] {
        let page = save_personal(&app, &client, &id, ("17.05.2006", "06251701231", typed)).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}");
        assert!(page.body.contains("id=\"phone-error\""), "{typed}");
        assert!(
            page.body.contains(message),
            "{typed}: {message}: {}",
            page.body
        );
        assert_eq!(
            profile_of(&app, &client).await["phone"],
            "+6837012",
            "nothing lost"
        );
    }
}

#[tokio::test]
async fn the_fields_are_shown_again_for_typed_answers_without_saving_or_errors() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    let path = format!("/applications/{id}/steps/personal");
    let page = save(
        &app,
        &client,
        &path,
        &[
            ("first_name", "Jan"),
            ("date_of_birth", "31.02.2006"),
            ("citizenship", "PL"),
            ("_action", "refresh"),
        ],
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("id=\"pesel\""),
        "PESEL applies to a Polish citizen"
    );
    assert!(!page.body.contains("id=\"passport_number\""));
    assert!(
        page.body.contains("value=\"Jan\""),
        "what was typed is shown"
    );
    assert!(
        !page.body.contains("error-summary"),
        "no errors while the form is filled in"
    );
    assert!(!page.body.contains("id=\"date_of_birth-error\""));
    let step = app.get_with(&client, &path).await;
    assert!(!step.body.contains("value=\"Jan\""), "nothing was saved");
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
        format!("/applications/{id}/fee/confirmation.pdf"),
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
async fn simultaneous_clicks_on_eight_programmes_make_no_more_applications_than_the_limit() {
    // The demo cycle allows three applications per candidate.
    let app = app_with_open_cycle().await;
    let (client, email) = app.candidate_client().await;
    let programmes = [
        "architektura-s1",
        "computer-science-en",
        "informatyka-s1",
        "data-science-s2",
        "ekonomia-s1-niestacjonarne",
        "ekonomia-s1",
        "prawo",
        "lekarski",
    ];
    let token = app.csrf_token_for(&client).await;
    let clicks = programmes.iter().map(|program| {
        let (app, client, token) = (&app, client.clone(), token.clone());
        async move {
            let fields = [("csrf_token", token.as_str()), ("program", program)];
            app.post_raw(&client, "/applications", &fields).await
        }
    });
    let answers = futures_util::future::join_all(clicks).await;
    assert!(
        answers.iter().all(|a| a.status == StatusCode::SEE_OTHER),
        "{:?}",
        answers.iter().map(|a| a.status).collect::<Vec<_>>()
    );
    let mut conn = app.conn();
    let candidate = admitto::db::users::find_by_email(&mut conn, &email)
        .unwrap()
        .unwrap();
    let made =
        admitto::db::applications::for_candidate(&mut conn, &admitto::domain::UserId(candidate.id))
            .unwrap();
    assert_eq!(made.len(), 3, "{made:?}");
}

#[tokio::test]
async fn bytes_that_are_not_utf8_are_refused_at_the_field_not_saved_as_replacement_marks() {
    let app = app_with_open_cycle().await;
    let (client, _) = app.candidate_client().await;
    let id = start(&app, &client, "informatyka-s1").await;
    let token = app.csrf_token_for(&client).await;
    // What a browser sends for a name typed in another encoding: `Zo\xFF\xFEfia`.
    let body = format!(
        "csrf_token={token}&first_name=Zo%FF%FEfia&_shown=first_name\
         &last_name=W%C3%B3jcik&_shown=last_name"
    );
    let path = format!("/applications/{id}/steps/personal");
    let page = app.post_body(&client, &path, body).await;
    assert_eq!(
        page.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        page.body
    );
    assert!(
        page.body.contains("id=\"first_name-error\""),
        "{}",
        page.body
    );
    let error = page
        .body
        .split("id=\"first_name-error\"")
        .nth(1)
        .unwrap_or("");
    let message = &error[..error.find("</").unwrap_or(error.len())];
    assert!(
        message.contains("characters") || message.contains("znak"),
        "{message}"
    );
    // The broken name is not stored (the valid answers beside it are kept, as on any save).
    let step = app.get_with(&client, &path).await;
    assert!(!step.body.contains("Zo\u{FFFD}"), "{}", step.body);
    assert!(step.body.contains("value=\"Wójcik\""), "{}", step.body);
}
