//! Scores from a spreadsheet: the exam's candidates download as a CSV, and the filled-in file
//! is imported over all the exam's sessions, all of it or nothing, with each problem at its
//! line; Polish spreadsheets (semicolons, decimal commas, Polish words) are read as they are.

use crate::helpers::exams::{book_path, submitted_architecture};
use crate::helpers::journey::app_with_open_cycle;
use crate::helpers::{Page, TestApp};
use admitto::domain::ids::ApplicationId;
use admitto::domain::Role;
use reqwest::StatusCode;

const IMPORT: &str = "/staff/exams/architektura-s1/drawing/scores";

/// A submitted architecture candidate with registration `receipt`, booked into `session` of
/// the drawing exam; returns the application id.
async fn booked(app: &TestApp, receipt: &str, session: &str) -> String {
    let (client, _, id) = submitted_architecture(app).await;
    app.sql(&format!(
        "UPDATE applications SET receipt_number = '{receipt}' WHERE id = '{id}'"
    ));
    let done = app
        .post_with(&client, &book_path(&id, "drawing"), &[("session", session)])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    id
}

async fn import(app: &TestApp, client: &reqwest::Client, text: &str) -> Page {
    let token = app.csrf_token_for(client).await;
    let form = reqwest::multipart::Form::new()
        .text("csrf_token", token)
        .part(
            "scores",
            reqwest::multipart::Part::bytes(text.as_bytes().to_vec()).file_name("scores.csv"),
        );
    let response = client
        .post(app.url(IMPORT))
        .multipart(form)
        .send()
        .await
        .expect("the import");
    crate::helpers::to_page(response).await
}

/// (attendance, first, second, counted) of an application in the drawing exam.
fn recorded(app: &TestApp, id: &str) -> (Option<String>, Option<i64>, Option<i64>, Option<i64>) {
    let id = ApplicationId::new(id.to_owned());
    let booking = admitto::db::exams::active(&mut app.conn(), &id, "drawing")
        .unwrap()
        .unwrap();
    let scores =
        admitto::db::exams::scores_in(&mut app.conn(), "drawing", &[id.to_string()]).unwrap();
    let score = scores.get(id.as_str()).cloned().unwrap_or_default();
    (
        booking.attendance_mark,
        score.first_score,
        score.second_score,
        score.score,
    )
}

#[tokio::test]
async fn a_filled_in_spreadsheet_records_every_session_or_nothing() {
    let app = app_with_open_cycle().await;
    let anna = booked(&app, "ARCH-0001", "2027-07-05").await;
    let jan = booked(&app, "ARCH-0002", "2027-07-07").await;

    let first = app.signed_in_staff(Role::Examiner).await;
    let schedule = app.get_with(&first, "/staff/exams").await;
    assert!(
        schedule.body.contains(&format!("href=\"{IMPORT}\"")),
        "{}",
        schedule.body
    );
    let form = app.get_with(&first, IMPORT).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("2 candidates are booked"),
        "{}",
        form.body
    );
    let sheet = first
        .get(app.url(&format!("{IMPORT}.csv")))
        .send()
        .await
        .unwrap();
    assert!(sheet.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    let text = sheet.text().await.unwrap();
    assert!(
        text.starts_with("\u{feff}registration;name;session;attendance;score;second\r\n"),
        "{text}"
    );
    assert!(text.contains("ARCH-0001;"), "{text}");
    assert!(text.contains(";2027-07-07;"), "{text}");

    // An off-scale score and an unknown registration: both said with their line, nothing saved.
    let refused = import(
        &app,
        &first,
        "registration,attendance,score\nARCH-0001,present,50.5\nARCH-9999,present,10\n",
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused
            .body
            .contains("Line 2: This score is not on the exam"),
        "{}",
        refused.body
    );
    assert!(refused
        .body
        .contains("Line 3: No candidate booked into this exam has registration ARCH-9999."));
    assert!(refused.body.contains("href=\"#scores\""));
    assert_eq!(recorded(&app, &anna), (None, None, None, None));
    let empty = import(&app, &first, "").await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Choose the CSV file"), "{}", empty.body);

    // A Polish spreadsheet: semicolons, a decimal comma, Polish words.
    let done = import(
        &app,
        &first,
        "Numer;Imię i nazwisko;Obecność;Wynik\r\nARCH-0001;\"Nowak; Anna\";obecna;41,5\r\narch-0002;Kowalski;nieobecny;\r\n",
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(
        recorded(&app, &anna),
        (Some("present".into()), Some(4150), None, None)
    );
    assert_eq!(recorded(&app, &jan).0.as_deref(), Some("absent"));

    // The second examiner's file gives the second score; the average counts.
    let second = app.signed_in_staff(Role::Officer).await;
    let done = import(&app, &second, "registration,second\nARCH-0001,40\n").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(
        recorded(&app, &anna),
        (Some("present".into()), Some(4150), Some(4000), Some(4075))
    );
    // The same examiner cannot import the second score over their own first.
    let same = import(&app, &first, "registration,second\nARCH-0001,39\n").await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        same.body
            .contains("Line 2: The second score must come from a different examiner"),
        "{}",
        same.body
    );
}
