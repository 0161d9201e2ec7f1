//! Running a session: staff see each exam's sessions with their bookings, mark attendance and
//! enter scores on the session's sheet; a second examiner's score makes the average count, and
//! the average becomes part of the candidate's points. A wrong entry is said at its input and
//! nothing of the sheet changes.

use crate::helpers::journey::{app_with_open_cycle, start};
use crate::helpers::TestApp;
use admitto::domain::ids::{ApplicationId, BookingId};
use admitto::domain::Role;
use reqwest::StatusCode;

const SHEET: &str = "/staff/exams/architektura-s1/drawing/2027-07-05";

/// A submitted architecture application booked into the drawing exam's first session:
/// (candidate's client, application id, booking id).
async fn booked_candidate(app: &TestApp) -> (reqwest::Client, String, String) {
    let (client, _) = app.candidate_client().await;
    let id = start(app, &client, "architektura-s1").await;
    app.sql(&format!(
        "UPDATE applications SET status = 'submitted', receipt_number = 'ARCH-{}' WHERE id = '{id}'",
        &id[..6]
    ));
    let booked = app
        .post_with(
            &client,
            &format!("/applications/{id}/exams/drawing"),
            &[("session", "2027-07-05")],
        )
        .await;
    assert_eq!(booked.status, StatusCode::SEE_OTHER, "{}", booked.body);
    let booking = admitto::db::exams::active(&mut app.conn(), &app_id(&id), "drawing")
        .expect("reading the booking")
        .expect("a booking");
    (client, id, booking.id.to_string())
}

fn app_id(id: &str) -> ApplicationId {
    ApplicationId::new(id.to_owned())
}

/// Whether the booking's candidate is marked, as its column says.
fn attendance_of(app: &TestApp, booking: &str) -> Option<String> {
    admitto::db::exams::find(&mut app.conn(), &BookingId::new(booking.to_owned()))
        .expect("reading the booking")
        .expect("the booking")
        .attendance_mark
}

fn points_of(body: &str) -> String {
    let start = body.find("<p class=\"points\">").expect("points") + "<p class=\"points\">".len();
    body[start..]
        .split("</p>")
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn examiners_mark_attendance_and_two_scores_whose_average_joins_the_points() {
    let app = app_with_open_cycle().await;
    let (candidate, id, booking) = booked_candidate(&app).await;
    let before = app
        .get_with(&candidate, &format!("/applications/{id}"))
        .await;
    let points_before = points_of(&before.body);
    assert!(points_before.ends_with("/ 200"), "{points_before}");

    let first = app.signed_in_staff(Role::Examiner).await;
    let schedule = app.get_with(&first, "/staff/exams").await;
    assert_eq!(schedule.status, StatusCode::OK);
    assert!(schedule.body.contains("Freehand drawing exam"));
    assert!(schedule.body.contains(&format!("href=\"{SHEET}\"")));
    assert!(schedule.body.contains("1 / 45"), "{}", schedule.body);

    let sheet = app.get_with(&first, SHEET).await;
    assert_eq!(sheet.status, StatusCode::OK);
    assert!(sheet.body.contains("1 candidate booked"));
    let list = first
        .get(app.url(&format!("{SHEET}/attendance.pdf")))
        .send()
        .await
        .unwrap();
    assert_eq!(list.status(), StatusCode::OK);
    assert_eq!(list.headers()["content-type"], "application/pdf");
    assert!(list.bytes().await.unwrap().starts_with(b"%PDF"));
    assert!(sheet
        .body
        .contains(&format!("name=\"attendance-{booking}\"")));
    assert!(sheet.body.contains("Scores from 0 to 50."));

    // A score for someone not marked present, and one off the scale: both said, nothing saved.
    let attendance = format!("attendance-{booking}");
    let first_score = format!("first-{booking}");
    let second_score = format!("second-{booking}");
    let refused = app
        .post_with(&first, SHEET, &[(first_score.as_str(), "41.5")])
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .body
        .contains("A score can be given only to a candidate marked present."));
    let refused = app
        .post_with(
            &first,
            SHEET,
            &[
                (attendance.as_str(), "present"),
                (first_score.as_str(), "50.5"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("This score is not on the exam"));
    assert!(refused.body.contains("value=\"50.5\""), "typed value kept");
    assert_eq!(attendance_of(&app, &booking), None);

    let saved = app
        .post_with(
            &first,
            SHEET,
            &[
                (attendance.as_str(), "present"),
                (first_score.as_str(), "41,5"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let sheet = app.get_with(&first, SHEET).await;
    assert!(sheet.body.contains("Attendance and scores saved."));
    assert!(sheet.body.contains("value=\"41.5\""));
    // With a second examiner, one score does not count yet.
    let still = app
        .get_with(&candidate, &format!("/applications/{id}"))
        .await;
    assert_eq!(points_of(&still.body), points_before);

    // The same examiner cannot give the second score.
    let refused = app
        .post_with(
            &first,
            SHEET,
            &[
                (attendance.as_str(), "present"),
                (first_score.as_str(), "41.5"),
                (second_score.as_str(), "44"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused
        .body
        .contains("The second score must come from a different examiner than the first."));

    let second = app.signed_in_staff(Role::Examiner).await;
    let saved = app
        .post_with(
            &second,
            SHEET,
            &[
                (attendance.as_str(), "present"),
                (first_score.as_str(), "41.5"),
                (second_score.as_str(), "44"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(attendance_of(&app, &booking).as_deref(), Some("present"));
    let scores =
        admitto::db::exams::scores_in(&mut app.conn(), "drawing", std::slice::from_ref(&id))
            .expect("reading the scores");
    let score = &scores[&id];
    assert_eq!(
        (score.first_score, score.second_score, score.score),
        (Some(4150), Some(4400), Some(4275))
    );
    assert_ne!(score.first_by, score.second_by);
    let after = app
        .get_with(&candidate, &format!("/applications/{id}"))
        .await;
    let points_after = points_of(&after.body);
    assert_ne!(points_after, points_before);
    let number = |text: &str| -> f64 {
        text.split(" / ")
            .next()
            .unwrap_or_default()
            .replace(',', ".")
            .parse()
            .unwrap_or_else(|_| panic!("{text}"))
    };
    assert!(
        (number(&points_after) - number(&points_before) - 42.75).abs() < 0.001,
        "{points_before} → {points_after}"
    );
    let staff_view = app
        .get_with(&second, &format!("/staff/applications/{id}"))
        .await;
    assert!(
        staff_view.body.contains(&points_after),
        "{}",
        staff_view.body
    );

    let audit: Vec<String> = admitto::db::audit::recent(&mut app.conn(), 50)
        .expect("reading the audit log")
        .into_iter()
        .filter(|a| a.subject == id && a.action.starts_with("exam."))
        .map(|a| format!("{} {}", a.action, a.detail))
        .collect();
    for expected in [
        "exam.attendance drawing 2027-07-05: present",
        "exam.score drawing first examiner: 41.5",
        "exam.score drawing second examiner: 44",
    ] {
        assert!(audit.iter().any(|a| a == expected), "{expected}: {audit:?}");
    }
}

#[tokio::test]
async fn only_staff_who_run_exams_open_the_sheets_and_an_unknown_session_is_not_found() {
    let app = app_with_open_cycle().await;
    let finance = app.signed_in_staff(Role::Finance).await;
    assert_eq!(
        app.get_with(&finance, "/staff/exams").await.status,
        StatusCode::FORBIDDEN
    );
    let (candidate, _) = app.candidate_client().await;
    assert_ne!(app.get_with(&candidate, SHEET).await.status, StatusCode::OK);
    let officer = app.signed_in_staff(Role::Officer).await;
    assert_eq!(app.get_with(&officer, SHEET).await.status, StatusCode::OK);
    assert_eq!(
        app.get_with(&officer, "/staff/exams/architektura-s1/drawing/2031-01-01")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // An interview is attended, not scored: a score is refused at its input.
    let (candidate, id, _) = booked_candidate(&app).await;
    let booked = app
        .post_with(
            &candidate,
            &format!("/applications/{id}/exams/interview"),
            &[("session", "2027-07-06-0900")],
        )
        .await;
    assert_eq!(booked.status, StatusCode::SEE_OTHER, "{}", booked.body);
    let booking = admitto::db::exams::active(&mut app.conn(), &app_id(&id), "interview")
        .expect("reading the booking")
        .expect("a booking")
        .id
        .to_string();
    let interview = "/staff/exams/architektura-s1/interview/2027-07-06-0900";
    let page = app.get_with(&officer, interview).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("1 candidate booked"));
    assert!(!page.body.contains("First examiner"));
    let attendance = format!("attendance-{booking}");
    let score = format!("first-{booking}");
    let refused = app
        .post_with(
            &officer,
            interview,
            &[(attendance.as_str(), "present"), (score.as_str(), "5")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("This exam has no scores"));
    assert_eq!(attendance_of(&app, &booking), None);
    let marked = app
        .post_with(&officer, interview, &[(attendance.as_str(), "excused")])
        .await;
    assert_eq!(marked.status, StatusCode::SEE_OTHER);
    assert_eq!(attendance_of(&app, &booking).as_deref(), Some("excused"));
}
