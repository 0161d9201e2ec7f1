//! The admissions office's changes: moving a candidate to another session on request (the
//! candidate's limits do not apply, a free seat does) and cancelling a whole session, which
//! cancels every booking in it with the candidates emailed to book another; a session the
//! definition marks cancelled after it was booked is cancelled the same way by the worker.

use crate::helpers::exams::{book_path, event_of, last_invitation, submitted_architecture};
use crate::helpers::journey::{app_with_open_cycle, publish_open_cycle_edited};
use crate::helpers::TestApp;
use admitto::domain::ids::ApplicationId;
use admitto::domain::Role;
use reqwest::StatusCode;

const SHEET: &str = "/staff/exams/architektura-s1/drawing/2027-07-05";

/// A submitted architecture candidate booked into the drawing exam's first session:
/// (client, email, application id, booking id).
async fn booked(app: &TestApp) -> (reqwest::Client, String, String, String) {
    let (client, email, id) = submitted_architecture(app).await;
    let done = app
        .post_with(
            &client,
            &book_path(&id, "drawing"),
            &[("session", "2027-07-05")],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let booking =
        admitto::db::exams::active(&mut app.conn(), &ApplicationId::new(id.clone()), "drawing")
            .unwrap()
            .expect("a booking");
    (client, email, id, booking.id.to_string())
}

#[tokio::test]
async fn the_office_moves_a_candidate_on_request_without_using_their_moves() {
    let app = app_with_open_cycle().await;
    let (client, email, id, booking) = booked(&app).await;
    let move_path = format!("{SHEET}/move/{booking}");

    let examiner = app.signed_in_staff(Role::Examiner).await;
    let sheet = app.get_with(&examiner, SHEET).await;
    assert!(
        !sheet.body.contains(&move_path),
        "examiners do not arrange sessions"
    );
    assert_eq!(
        app.get_with(&examiner, &move_path).await.status,
        StatusCode::FORBIDDEN
    );

    let officer = app.signed_in_staff(Role::Officer).await;
    let sheet = app.get_with(&officer, SHEET).await;
    assert!(
        sheet.body.contains(&format!("href=\"{move_path}\"")),
        "{}",
        sheet.body
    );
    let form = app.get_with(&officer, &move_path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("id=\"to-2027-07-07\""), "{}", form.body);
    assert!(form.body.contains("45 seats left"));

    let none = app.post_with(&officer, &move_path, &[("to", "")]).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("id=\"to-error\""), "{}", none.body);
    let unknown = app
        .post_with(&officer, &move_path, &[("to", "2027-08-01")])
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("not one of this exam"));

    let same = app
        .post_with(&officer, &move_path, &[("to", "2027-07-05")])
        .await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(same
        .body
        .contains("The candidate is already booked on this date."));
    let moved = app
        .post_with(&officer, &move_path, &[("to", "2027-07-07")])
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let (text, calendar) = last_invitation(&app, &email).await;
    assert!(text.contains("METHOD:REQUEST"));
    let (_, sequence, start) = event_of(&calendar);
    assert_eq!((sequence, start.as_str()), (1, "20270707T090000"));
    let row =
        admitto::db::exams::active(&mut app.conn(), &ApplicationId::new(id.clone()), "drawing")
            .unwrap()
            .unwrap();
    assert_eq!((row.session_key.as_str(), row.moves), ("2027-07-07", 0));
    let page = app.get_with(&client, &book_path(&id, "drawing")).await;
    assert!(page.body.contains("moves left: 2"), "{}", page.body);
    // The booking is no longer on the first session's sheet.
    assert_eq!(
        app.get_with(&officer, &move_path).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn cancelling_a_session_cancels_its_bookings_and_asks_each_candidate_to_rebook() {
    let app = app_with_open_cycle().await;
    let (client, email, id, _) = booked(&app).await;
    let (_, other_email, _, _) = booked(&app).await;

    let examiner = app.signed_in_staff(Role::Examiner).await;
    assert_eq!(
        app.get_with(&examiner, &format!("{SHEET}/cancel"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let officer = app.signed_in_staff(Role::Officer).await;
    let confirm = app.get_with(&officer, &format!("{SHEET}/cancel")).await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert!(
        confirm.body.contains("All 2 booked candidates"),
        "{}",
        confirm.body
    );
    let done = app
        .post_with(&officer, &format!("{SHEET}/cancel"), &[])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);

    for address in [&email, &other_email] {
        let (text, calendar) = last_invitation(&app, address).await;
        assert!(text.contains("METHOD:CANCEL"), "{text}");
        assert_eq!(event_of(&calendar).1, 1);
        let told = app.emails_to(address).await.into_iter().last().unwrap();
        assert!(
            told.subject
                .starts_with("Session cancelled: Freehand drawing exam"),
            "{}",
            told.subject
        );
        assert!(
            told.text.contains("Please book another session"),
            "{}",
            told.text
        );
    }
    let sheet = app.get_with(&officer, SHEET).await;
    assert!(sheet.body.contains("This session is cancelled"));
    let again = app
        .post_with(&officer, &format!("{SHEET}/cancel"), &[])
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    let page = app.get_with(&client, &book_path(&id, "drawing")).await;
    assert!(!page.body.contains("Your booking"), "{}", page.body);
    assert!(page.body.contains("Cancelled"));
    let refused = app
        .post_with(
            &client,
            &book_path(&id, "drawing"),
            &[("session", "2027-07-05")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("This date has been cancelled"));
    let rebooked = app
        .post_with(
            &client,
            &book_path(&id, "drawing"),
            &[("session", "2027-07-07")],
        )
        .await;
    assert_eq!(rebooked.status, StatusCode::SEE_OTHER, "{}", rebooked.body);
}

#[tokio::test]
async fn a_session_cancelled_in_the_definition_after_booking_is_cancelled_by_the_worker() {
    let app = app_with_open_cycle().await;
    let (_, email, _, _) = booked(&app).await;
    publish_open_cycle_edited(&app, |text| {
        text.replacen(
            "key = \"2027-07-05\"",
            "key = \"2027-07-05\"\ncancelled = true",
            1,
        )
    });
    let told = admitto::services::exams::office::cancel_defined(
        &mut app.conn(),
        &app.services,
        admitto::db::now(),
    )
    .unwrap();
    assert_eq!(told, 1);
    let (text, _) = last_invitation(&app, &email).await;
    assert!(text.contains("METHOD:CANCEL"), "{text}");
    let again = admitto::services::exams::office::cancel_defined(
        &mut app.conn(),
        &app.services,
        admitto::db::now(),
    )
    .unwrap();
    assert_eq!(again, 0);
}

#[tokio::test]
async fn a_session_whose_time_changes_in_a_published_definition_is_told_to_its_candidates() {
    let app = app_with_open_cycle().await;
    let (client, email, id, _) = booked(&app).await;
    publish_open_cycle_edited(&app, |text| {
        text.replacen(
            "starts = \"2027-07-05 09:00\"",
            "starts = \"2027-07-05 10:30\"",
            1,
        )
    });
    let retime = || {
        admitto::services::exams::office::retime_changed(
            &mut app.conn(),
            &app.services,
            admitto::db::now(),
        )
        .unwrap()
    };
    assert_eq!(retime(), 1);
    assert_eq!(retime(), 0, "told once");
    let (text, calendar) = last_invitation(&app, &email).await;
    assert!(text.contains("METHOD:REQUEST"), "{text}");
    let (_, sequence, start) = event_of(&calendar);
    assert_eq!((sequence, start.as_str()), (1, "20270705T103000"));
    let told = app.emails_to(&email).await.into_iter().last().unwrap();
    assert!(
        told.subject.starts_with("New time: Freehand drawing exam"),
        "{}",
        told.subject
    );
    let page = app.get_with(&client, &book_path(&id, "drawing")).await;
    assert!(page.body.contains("10:30–13:30"), "{}", page.body);
}
