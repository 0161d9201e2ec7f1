//! Booking exam and interview sessions: the architecture candidate books, moves and cancels,
//! each time emailed an invitation with one UID and a rising SEQUENCE; every refusal is said at
//! the session choice and changes nothing; and many candidates clicking at once never get more
//! seats than a session has, on SQLite and PostgreSQL, through two instances.

use crate::helpers::exams::{book_path, event_of, last_invitation, submitted_architecture};
use crate::helpers::journey::{app_with_open_cycle, publish_open_cycle_edited, start};
use crate::helpers::{spawn_app, TestApp};
use admitto::domain::ids::ApplicationId;
use admitto::domain::UserId;
use admitto::services::exams::{self, Booked};
use reqwest::StatusCode;

#[tokio::test]
async fn the_candidate_books_moves_and_cancels_with_one_uid_and_rising_sequence() {
    let app = app_with_open_cycle().await;
    let (client, email, id) = submitted_architecture(&app).await;
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(
        overview.body.contains("Book a date: Freehand drawing exam"),
        "{}",
        overview.body
    );
    assert!(overview
        .body
        .contains(&format!("href=\"/applications/{id}/exams/drawing\"")));
    let page = app.get_with(&client, &book_path(&id, "drawing")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Monday, 5 July 2027"), "{}", page.body);
    assert!(page.body.contains("09:00–12:00"));
    assert!(page.body.contains("45 seats left"));
    assert!(page.body.contains("Please bring: An identity document"));

    let booked = app
        .post_with(
            &client,
            &book_path(&id, "drawing"),
            &[("session", "2027-07-05")],
        )
        .await;
    assert_eq!(booked.status, StatusCode::SEE_OTHER, "{}", booked.body);
    let (text, first) = last_invitation(&app, &email).await;
    assert!(text.contains("METHOD:REQUEST\r\n"), "{text}");
    assert!(text.contains("DTSTART;TZID=Europe/Warsaw:20270705T090000"));
    assert!(text.contains("BEGIN:VTIMEZONE"));
    let (uid, sequence, start) = event_of(&first);
    assert_eq!((sequence, start.as_str()), (0, "20270705T090000"));
    let page = app.get_with(&client, &book_path(&id, "drawing")).await;
    assert!(page.body.contains("Your booking"));
    assert!(
        page.body
            .contains("<span class=\"seats\">Your booking</span>"),
        "{}",
        page.body
    );
    let overview = app.get_with(&client, &format!("/applications/{id}")).await;
    assert!(overview.body.contains("state-booked"), "{}", overview.body);

    // The downloaded copy is the same event.
    let download = client
        .get(app.url(&format!("/applications/{id}/exams/drawing/invitation.ics")))
        .send()
        .await
        .unwrap();
    assert!(download.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    let downloaded: icalendar::Calendar = download.text().await.unwrap().parse().unwrap();
    assert_eq!(event_of(&downloaded).0, uid);

    let moved = app
        .post_with(
            &client,
            &book_path(&id, "drawing"),
            &[("session", "2027-07-07")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    let (text, second) = last_invitation(&app, &email).await;
    assert!(text.contains("METHOD:REQUEST\r\n"));
    let (moved_uid, sequence, start) = event_of(&second);
    assert_eq!(moved_uid, uid);
    assert_eq!((sequence, start.as_str()), (1, "20270707T090000"));
    let page = app.get_with(&client, &book_path(&id, "drawing")).await;
    assert!(
        page.body.contains("45 seats left"),
        "the first seat is free again"
    );

    let confirm = app
        .get_with(&client, &format!("/applications/{id}/exams/drawing/cancel"))
        .await;
    assert!(confirm.body.contains("Cancel the booking?"));
    let cancelled = app
        .post_with(
            &client,
            &format!("/applications/{id}/exams/drawing/cancel"),
            &[],
        )
        .await;
    assert_eq!(
        cancelled.status,
        StatusCode::SEE_OTHER,
        "{}",
        cancelled.body
    );
    let (text, third) = last_invitation(&app, &email).await;
    assert!(text.contains("METHOD:CANCEL\r\n") && text.contains("STATUS:CANCELLED"));
    let (cancelled_uid, sequence, _) = event_of(&third);
    assert_eq!((cancelled_uid, sequence), (uid, 2));
    let page = app.get_with(&client, &book_path(&id, "drawing")).await;
    assert!(!page.body.contains("id=\"booking-heading\""));
    assert_eq!(page.body.matches("45 seats left").count(), 2);
}

#[tokio::test]
async fn each_refusal_is_said_at_the_session_choice_and_changes_nothing() {
    let app = app_with_open_cycle().await;
    let (client, email, id) = submitted_architecture(&app).await;
    let interview = book_path(&id, "interview");
    let at_choice = |body: &str, message: &str| {
        assert!(body.contains("href=\"#session\""), "{body}");
        assert!(body.contains("id=\"session-error\""), "{body}");
        assert!(body.contains(message), "expected {message:?} in {body}");
    };
    for (session, message, status) in [
        ("", "Choose a date.", StatusCode::UNPROCESSABLE_ENTITY),
        (
            "1999-01-01",
            "This date is not one of this exam",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ] {
        let refused = app
            .post_with(&client, &interview, &[("session", session)])
            .await;
        assert_eq!(refused.status, status, "{session}");
        at_choice(&refused.body, message);
    }
    // The last seat of a one-seat interview: a second candidate is refused, the first keeps it.
    let booked = app
        .post_with(&client, &interview, &[("session", "2027-07-06-0900")])
        .await;
    assert_eq!(booked.status, StatusCode::SEE_OTHER, "{}", booked.body);
    let (other, _, other_id) = submitted_architecture(&app).await;
    let full = app
        .post_with(
            &other,
            &book_path(&other_id, "interview"),
            &[("session", "2027-07-06-0900")],
        )
        .await;
    assert_eq!(full.status, StatusCode::CONFLICT);
    at_choice(&full.body, "Someone else took the last seat");
    // Someone else's application is not found; their booking is not touched.
    let foreign = app
        .post_with(&other, &interview, &[("session", "2027-07-06-0930")])
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND);
    let cancel_theirs = app
        .post_with(&other, &format!("{interview}/cancel"), &[])
        .await;
    assert_eq!(cancel_theirs.status, StatusCode::NOT_FOUND);
    // The same session again, then moves until none are left.
    let same = app
        .post_with(&client, &interview, &[("session", "2027-07-06-0900")])
        .await;
    at_choice(&same.body, "You are already booked on this date.");
    for session in ["2027-07-06-0930", "2027-07-06-1000"] {
        let moved = app
            .post_with(&client, &interview, &[("session", session)])
            .await;
        assert_eq!(moved.status, StatusCode::SEE_OTHER, "{}", moved.body);
    }
    let third_move = app
        .post_with(&client, &interview, &[("session", "2027-07-06-1030")])
        .await;
    at_choice(&third_move.body, "as many times as allowed");
    let page = app.get_with(&client, &interview).await;
    assert!(page.body.contains("You have used all the moves allowed"));
    app.dispatch_jobs().await;
    let emails = app.emails_to(&email).await;
    assert_eq!(
        emails.iter().filter(|e| e.attachment.is_some()).count(),
        3,
        "one booking and two moves"
    );
    // A draft application cannot book before submission; a session of another programme's
    // exam does not exist here.
    let (draft_client, _) = app.candidate_client().await;
    let draft = start(&app, &draft_client, "architektura-s1").await;
    let page = app
        .get_with(&draft_client, &book_path(&draft, "drawing"))
        .await;
    assert!(page
        .body
        .contains("once you have submitted the application"));
    let refused = app
        .post_with(
            &draft_client,
            &book_path(&draft, "drawing"),
            &[("session", "2027-07-05")],
        )
        .await;
    at_choice(&refused.body, "once you have submitted the application");
    let none = app
        .get_with(&draft_client, &book_path(&draft, "no-such-exam"))
        .await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn booking_closes_and_changes_stop_at_the_cut_off() {
    let app = spawn_app().await;
    // Booking of the drawing exam closed yesterday; the interview is changeable until a week
    // before, which has passed for a session tomorrow.
    let yesterday = (chrono::Utc::now() - chrono::Duration::days(1)).format("%Y-%m-%d");
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).format("%Y-%m-%d");
    publish_open_cycle_edited(&app, |text| {
        text.replace(
            "booking_closes = \"2027-07-03 23:59\"",
            &format!("booking_closes = \"{yesterday} 12:00\""),
        )
        .replace(
            "starts = \"2027-07-06 09:00\"",
            &format!("starts = \"{tomorrow} 09:00\""),
        )
        .replace("change_until_hours = 24", "change_until_hours = 72")
    });
    let (client, _, id) = submitted_architecture(&app).await;
    let page = app.get_with(&client, &book_path(&id, "drawing")).await;
    assert!(page.body.contains("Booking closed on"), "{}", page.body);
    let refused = app
        .post_with(
            &client,
            &book_path(&id, "drawing"),
            &[("session", "2027-07-05")],
        )
        .await;
    assert!(refused.body.contains("Booking has closed."));
    let late = app
        .post_with(
            &client,
            &book_path(&id, "interview"),
            &[("session", "2027-07-06-0900")],
        )
        .await;
    assert!(late.body.contains("too late"), "{}", late.body);
}

/// Inserts `n` candidates each with a submitted architecture application; returns them.
fn candidates(app: &TestApp, version: &str, n: usize) -> Vec<(UserId, ApplicationId)> {
    let now = chrono::Utc::now().naive_utc().format("%Y-%m-%d %H:%M:%S");
    (0..n)
        .map(|i| {
            let user = uuid::Uuid::new_v4().to_string();
            let application = uuid::Uuid::new_v4().to_string();
            app.sql(&format!(
                "INSERT INTO users (id, email, password_hash, role, locale, created_at, updated_at) \
                 VALUES ('{user}', 'crowd-{i}-{user}@example.com', 'x', 'candidate', 'en', '{now}', '{now}')"
            ));
            app.sql(&format!(
                "INSERT INTO applications (id, candidate_id, cycle_code, program_code, cycle_version_id, status, answers, saved_steps, created_at, updated_at) \
                 VALUES ('{application}', '{user}', '2027-winter', 'architektura-s1', '{version}', 'submitted', '{{}}', '[]', '{now}', '{now}')"
            ));
            (UserId(user), ApplicationId::new(application))
        })
        .collect()
}

#[tokio::test]
async fn two_hundred_candidates_clicking_at_once_get_exactly_the_fifty_seats() {
    let app = spawn_app().await;
    publish_open_cycle_edited(&app, |text| {
        text.replacen("capacity = 45", "capacity = 50", 1)
    });
    let (client, _) = app.candidate_client().await;
    let first = start(&app, &client, "architektura-s1").await;
    let version: String = {
        use admitto::db::schema::applications;
        use diesel::prelude::*;
        applications::table
            .find(&first)
            .select(applications::cycle_version_id)
            .first(&mut app.conn())
            .unwrap()
    };
    let crowd = candidates(&app, &version, 200);
    // Two instances: each half of the crowd goes through a pool of its own.
    let second = admitto::db::build_pool(&app.settings.database_url(), 8).unwrap();
    let pools = [app.pool.clone(), second];
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(crowd.len()));
    let threads: Vec<_> = crowd
        .into_iter()
        .enumerate()
        .map(|(i, (user, id))| {
            let pool = pools[i % 2].clone();
            let services = app.services.clone();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut conn = pool.get().unwrap();
                let of = exams::exam_of(&mut conn, &services, &id, &user, "drawing")
                    .unwrap()
                    .unwrap();
                drop(conn);
                barrier.wait();
                let mut conn = pool.get().unwrap();
                exams::book(
                    &mut conn,
                    &services,
                    &of,
                    "2027-07-05",
                    &user,
                    admitto::db::now(),
                )
                .unwrap()
            })
        })
        .collect();
    let outcomes: Vec<_> = threads.into_iter().map(|t| t.join().unwrap()).collect();
    let booked = outcomes
        .iter()
        .filter(|o| matches!(o, Ok(Booked::Booked(_))))
        .count();
    let refused = outcomes
        .iter()
        .filter(|o| matches!(o, Err(admitto::domain::exams::BookingProblem::SessionFull)))
        .count();
    assert_eq!((booked, refused), (50, 150));
    let rows: i64 = {
        use admitto::db::schema::exam_bookings;
        use diesel::prelude::*;
        exam_bookings::table
            .filter(exam_bookings::state.eq("booked"))
            .count()
            .get_result(&mut app.conn())
            .unwrap()
    };
    assert_eq!(rows, 50);
    let page = app.get_with(&client, &book_path(&first, "drawing")).await;
    assert!(page.body.contains("Full"), "{}", page.body);
}

#[tokio::test]
async fn a_withdrawn_application_gives_its_seat_back() {
    let app = app_with_open_cycle().await;
    let (client, email, id) = submitted_architecture(&app).await;
    let booked = app
        .post_with(
            &client,
            &book_path(&id, "interview"),
            &[("session", "2027-07-06-0900")],
        )
        .await;
    assert_eq!(booked.status, StatusCode::SEE_OTHER, "{}", booked.body);
    let withdrawn = app
        .post_with(&client, &format!("/applications/{id}/withdraw"), &[])
        .await;
    assert_eq!(
        withdrawn.status,
        StatusCode::SEE_OTHER,
        "{}",
        withdrawn.body
    );
    // The calendar loses the booking too.
    let (text, calendar) = last_invitation(&app, &email).await;
    assert!(text.contains("METHOD:CANCEL"), "{text}");
    assert_eq!(event_of(&calendar).1, 1);
    let (other, _, other_id) = submitted_architecture(&app).await;
    let taken = app
        .post_with(
            &other,
            &book_path(&other_id, "interview"),
            &[("session", "2027-07-06-0900")],
        )
        .await;
    assert_eq!(taken.status, StatusCode::SEE_OTHER, "{}", taken.body);
    let page = app.get_with(&client, &book_path(&id, "interview")).await;
    assert!(page
        .body
        .contains("cannot be booked for this application any more"));
}

#[tokio::test]
async fn the_day_before_the_session_the_candidate_is_reminded_once() {
    let app = app_with_open_cycle().await;
    let (client, email, id) = submitted_architecture(&app).await;
    let booked = app
        .post_with(
            &client,
            &book_path(&id, "drawing"),
            &[("session", "2027-07-05")],
        )
        .await;
    assert_eq!(booked.status, StatusCode::SEE_OTHER);
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let due = |now: chrono::NaiveDateTime| {
        admitto::services::exams::reminders::send_due(&mut app.conn(), &app.services, now).unwrap()
    };
    // Two days before (Warsaw): nothing yet.
    assert_eq!(due(at("2027-07-03 10:00")), 0);
    // The day before, by the hourly job on any number of workers: one email.
    assert_eq!(due(at("2027-07-04 08:00")), 1);
    assert_eq!(due(at("2027-07-04 09:00")), 0);
    assert_eq!(due(at("2027-07-04 21:00")), 0);
    let reminders: Vec<_> = app
        .emails_to(&email)
        .await
        .into_iter()
        .filter(|e| e.subject.starts_with("Tomorrow: Freehand drawing exam"))
        .collect();
    assert_eq!(reminders.len(), 1);
    let text = &reminders[0].text;
    assert!(text.contains("is tomorrow"), "{text}");
    assert!(
        text.contains("Please bring: An identity document"),
        "{text}"
    );
    assert!(
        text.contains(&format!("/applications/{id}/exams/drawing")),
        "{text}"
    );
    // A booking cancelled before the day is not reminded.
    let (client, email, id) = submitted_architecture(&app).await;
    app.post_with(
        &client,
        &book_path(&id, "drawing"),
        &[("session", "2027-07-07")],
    )
    .await;
    let cancelled = app
        .post_with(
            &client,
            &format!("{}/cancel", book_path(&id, "drawing")),
            &[],
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    assert_eq!(due(at("2027-07-06 08:00")), 0);
    assert!(!app
        .emails_to(&email)
        .await
        .iter()
        .any(|e| e.subject.starts_with("Tomorrow")));
}
