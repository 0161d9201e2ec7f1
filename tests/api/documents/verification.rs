//! Document verification: reviewers reject with a reason and the candidate corrects, accept,
//! record paper originals; the queue and review page read the application's own cycle version.

use crate::helpers::journey::{
    app_with_open_cycle, png, polish_profile, publish_open_cycle_edited, save, start, PESEL,
};
use reqwest::StatusCode;

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
            crate::helpers::files::pdf(),
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
    let pdf = crate::helpers::files::pdf();
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
            crate::helpers::files::pdf(),
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
