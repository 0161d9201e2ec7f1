//! The waiting list of a full session: a candidate joins it instead of booking, sees their
//! place, and when a seat frees the first one waiting is emailed and the seat is held for them
//! (nobody else can take it) until they take it, decline it or the offer runs out, when it
//! passes to the next one.

use crate::helpers::exams::{book_path, event_of, last_invitation, submitted_architecture};
use crate::helpers::journey::app_with_open_cycle;
use crate::helpers::TestApp;
use admitto::domain::ids::ApplicationId;
use admitto::domain::UserId;
use reqwest::StatusCode;

/// The interview's first session: one seat.
const FIRST: &str = "2027-07-06-0900";

async fn join(
    app: &TestApp,
    client: &reqwest::Client,
    id: &str,
    session: &str,
) -> crate::helpers::Page {
    app.post_with(
        client,
        &format!("{}/wait", book_path(id, "interview")),
        &[("wait_session", session)],
    )
    .await
}

async fn book(
    app: &TestApp,
    client: &reqwest::Client,
    id: &str,
    session: &str,
) -> crate::helpers::Page {
    app.post_with(client, &book_path(id, "interview"), &[("session", session)])
        .await
}

#[tokio::test]
async fn a_freed_seat_is_held_for_the_first_one_waiting_then_passes_to_the_next() {
    let app = app_with_open_cycle().await;
    let (first, _, first_id) = submitted_architecture(&app).await;
    assert_eq!(
        book(&app, &first, &first_id, FIRST).await.status,
        StatusCode::SEE_OTHER
    );

    // The full session is offered as a waiting list; the free ones are not.
    let (second, second_email, second_id) = submitted_architecture(&app).await;
    let page = app
        .get_with(&second, &book_path(&second_id, "interview"))
        .await;
    assert!(page.body.contains("Full dates"), "{}", page.body);
    assert!(page.body.contains(&format!("id=\"wait-{FIRST}\"")));
    assert!(!page.body.contains("id=\"wait-2027-07-06-0930\""));
    let refused = join(&app, &second, &second_id, "2027-07-06-0930").await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("still has free seats"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("id=\"wait_session-error\""));

    let joined = join(&app, &second, &second_id, FIRST).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    let page = app
        .get_with(&second, &book_path(&second_id, "interview"))
        .await;
    assert!(page.body.contains("You are on the waiting list"));
    assert!(
        page.body.contains("You are number 1 on the waiting list"),
        "{}",
        page.body
    );
    let again = join(&app, &second, &second_id, FIRST).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("already on a waiting list"));

    let (third, third_email, third_id) = submitted_architecture(&app).await;
    assert_eq!(
        join(&app, &third, &third_id, FIRST).await.status,
        StatusCode::SEE_OTHER
    );
    let page = app
        .get_with(&third, &book_path(&third_id, "interview"))
        .await;
    assert!(page.body.contains("You are number 2"), "{}", page.body);

    // The booked candidate cancels: the seat is held for the first one waiting, who is told.
    let cancelled = app
        .post_with(
            &first,
            &format!("{}/cancel", book_path(&first_id, "interview")),
            &[],
        )
        .await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    app.dispatch_jobs().await;
    let offer = app
        .emails_to(&second_email)
        .await
        .into_iter()
        .find(|e| e.subject.starts_with("A seat is free: Portfolio interview"))
        .expect("the offer");
    assert!(offer.text.contains("held for you until"), "{}", offer.text);
    assert!(offer.text.contains(&book_path(&second_id, "interview")));
    let page = app
        .get_with(&second, &book_path(&second_id, "interview"))
        .await;
    assert!(
        page.body.contains("A seat is held for you"),
        "{}",
        page.body
    );
    assert!(page.body.contains("Take the seat"));
    // Held: nobody else can book it meanwhile.
    let (other, _, other_id) = submitted_architecture(&app).await;
    let taken = book(&app, &other, &other_id, FIRST).await;
    assert_eq!(taken.status, StatusCode::CONFLICT, "{}", taken.body);

    // Declined: it passes to the next one, who takes it.
    let declined = app
        .post_with(
            &second,
            &format!("{}/wait/leave", book_path(&second_id, "interview")),
            &[],
        )
        .await;
    assert_eq!(declined.status, StatusCode::SEE_OTHER);
    app.dispatch_jobs().await;
    assert!(app
        .emails_to(&third_email)
        .await
        .iter()
        .any(|e| e.subject.starts_with("A seat is free")));
    let late_take = app
        .post_with(
            &second,
            &format!("{}/wait/take", book_path(&second_id, "interview")),
            &[],
        )
        .await;
    assert_eq!(late_take.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(late_take.body.contains("No seat is held for you now"));
    let took = app
        .post_with(
            &third,
            &format!("{}/wait/take", book_path(&third_id, "interview")),
            &[],
        )
        .await;
    assert_eq!(took.status, StatusCode::SEE_OTHER, "{}", took.body);
    let (text, invitation) = last_invitation(&app, &third_email).await;
    assert!(text.contains("METHOD:REQUEST"), "{text}");
    assert_eq!(event_of(&invitation).1, 0);
    let page = app
        .get_with(&third, &book_path(&third_id, "interview"))
        .await;
    assert!(
        page.body
            .contains("<span class=\"seats\">Your booking</span>"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("waiting list for"));
    let seats: i32 = {
        use admitto::db::schema::exam_seats;
        use diesel::prelude::*;
        exam_seats::table
            .filter(exam_seats::id.like(format!("%/interview/{FIRST}")))
            .select(exam_seats::taken)
            .first(&mut app.conn())
            .unwrap()
    };
    assert_eq!(seats, 1, "one seat, taken once");
}

#[tokio::test]
async fn an_offer_not_taken_in_time_lapses_and_the_seat_is_free_again() {
    let app = app_with_open_cycle().await;
    let (first, _, first_id) = submitted_architecture(&app).await;
    assert_eq!(
        book(&app, &first, &first_id, FIRST).await.status,
        StatusCode::SEE_OTHER
    );
    let (waiter, _, waiter_id) = submitted_architecture(&app).await;
    assert_eq!(
        join(&app, &waiter, &waiter_id, FIRST).await.status,
        StatusCode::SEE_OTHER
    );
    app.post_with(
        &first,
        &format!("{}/cancel", book_path(&first_id, "interview")),
        &[],
    )
    .await;
    let services = &app.services;
    let lapse = |hours: i64| {
        let at = admitto::db::now() + chrono::Duration::hours(hours);
        admitto::services::exams::waits::lapse_due(&mut app.conn(), services, at).unwrap()
    };
    // Within the 24 hours nothing lapses; after them the offer does, and with nobody else
    // waiting the seat is free for anyone.
    assert_eq!(lapse(23), 0);
    assert_eq!(lapse(25), 1);
    assert_eq!(lapse(26), 0);
    let page = app
        .get_with(&waiter, &book_path(&waiter_id, "interview"))
        .await;
    assert!(!page.body.contains("A seat is held for you"));
    assert!(page.body.contains("1 seat left"), "{}", page.body);
    let of = admitto::services::exams::exam_of(
        &mut app.conn(),
        services,
        &ApplicationId::new(waiter_id.clone()),
        &UserId::from(user_of(&app, &waiter_id)),
        "interview",
    )
    .unwrap()
    .unwrap();
    assert!(of.wait.is_none());
}

fn user_of(app: &TestApp, application: &str) -> String {
    use admitto::db::schema::applications;
    use diesel::prelude::*;
    applications::table
        .find(application)
        .select(applications::candidate_id)
        .first(&mut app.conn())
        .unwrap()
}
