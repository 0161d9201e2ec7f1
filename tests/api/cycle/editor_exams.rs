//! Exams and interviews in the staff editor: an exam's settings with each problem at its input,
//! sessions generated from a pattern (overlaps in a room refused), one session edited, removal
//! refused while candidates are booked into it, and the new sessions bookable once published.

use super::editor::{base_of, post_editor};
use crate::helpers::exams::{book_path, submitted_architecture};
use crate::helpers::journey::app_with_open_cycle;
use admitto::domain::Role;
use reqwest::StatusCode;

const INTERVIEW: &str = "/staff/cycle/exams/architektura-s1/interview";
const DRAWING: &str = "/staff/cycle/exams/architektura-s1/drawing";

fn draft_sessions(app: &crate::helpers::TestApp, exam: &str) -> Vec<(String, String, u32)> {
    let editable = admitto::services::cycles::editable(&mut app.conn())
        .unwrap()
        .unwrap();
    editable
        .definition
        .exams_of("architektura-s1")
        .iter()
        .find(|e| e.key.get_ref() == exam)
        .unwrap()
        .sessions
        .iter()
        .map(|s| {
            (
                s.key.get_ref().clone(),
                s.starts.get_ref().clone(),
                *s.capacity.get_ref(),
            )
        })
        .collect()
}

#[tokio::test]
async fn exams_and_sessions_are_edited_generated_and_removed_in_the_draft() {
    let app = app_with_open_cycle().await;
    let admin = app.signed_in_staff(Role::ProgramAdmin).await;
    let overview = app.get_with(&admin, "/staff/cycle").await;
    assert!(
        overview.body.contains(&format!("href=\"{INTERVIEW}\"")),
        "{}",
        overview.body
    );
    assert!(overview.body.contains("5 sessions"));

    // The exam's settings: each problem at its input, nothing saved.
    let form = app.get_with(&admin, DRAWING).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.body.contains("value=\"2026-11-02T09:00\""),
        "{}",
        form.body
    );
    let mut fields = crate::helpers::form_submission(&form.body, DRAWING);
    let set = |fields: &mut Vec<(String, String)>, name: &str, value: &str| {
        fields.iter_mut().find(|(n, _)| n == name).unwrap().1 = value.to_owned();
    };
    set(&mut fields, "duration_minutes", "0");
    set(&mut fields, "scale_min", "x");
    let posted: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let refused = app.post_raw(&admin, DRAWING, &posted).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("href=\"#duration_minutes\""),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("href=\"#scale_min\""));
    set(&mut fields, "duration_minutes", "180");
    set(&mut fields, "scale_min", "60");
    let posted: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let invalid = app.post_raw(&admin, DRAWING, &posted).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        invalid.body.contains("must have min below max"),
        "{}",
        invalid.body
    );
    set(&mut fields, "scale_min", "0");
    set(&mut fields, "offer_hours", "12");
    set(
        &mut fields,
        "bring_en",
        "An identity document and soft pencils.",
    );
    let posted: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let saved = app.post_raw(&admin, DRAWING, &posted).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);

    // Sessions from a pattern: Mondays and Wednesdays, three times a morning, two rooms.
    let generate = format!("{INTERVIEW}/sessions/new");
    let pattern = [
        ("first_day", "2027-07-12"),
        ("last_day", "2027-07-18"),
        ("monday", "yes"),
        ("wednesday", "yes"),
        ("first_start", "09:00"),
        ("last_start", "10:00"),
        ("every_minutes", "30"),
        ("rooms", "A-101, A-102"),
        ("capacity", "1"),
        ("place_pl", "Wydział Architektury, ul. Prosta 1"),
        ("place_en", "Faculty of Architecture, 1 Prosta Street"),
    ];
    let no_place: Vec<_> = pattern
        .iter()
        .copied()
        .filter(|(n, _)| !n.starts_with("place"))
        .collect();
    let refused = post_editor(&app, &admin, &generate, &no_place).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("href=\"#place_pl\""),
        "{}",
        refused.body
    );
    let added = post_editor(&app, &admin, &generate, &pattern).await;
    assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
    let sessions = draft_sessions(&app, "interview");
    assert_eq!(sessions.len(), 5 + 12);
    assert!(sessions.contains(&("2027-07-14-1000-a-102".into(), "2027-07-14 10:00".into(), 1)));
    // Three-hour drawing sessions every hour in one room overlap: refused at the pattern.
    let overlapping = post_editor(
        &app,
        &admin,
        &format!("{DRAWING}/sessions/new"),
        &[
            ("first_day", "2027-07-12"),
            ("first_start", "09:00"),
            ("last_start", "10:00"),
            ("every_minutes", "60"),
            ("rooms", "B-1"),
            ("capacity", "30"),
            ("place_pl", "Sala B-1"),
            ("place_en", "Room B-1"),
        ],
    )
    .await;
    assert_eq!(overlapping.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(overlapping.body.contains("overlap"), "{}", overlapping.body);
    assert_eq!(draft_sessions(&app, "drawing").len(), 2);

    // One session edited.
    let one = format!("{INTERVIEW}/sessions/2027-07-12-0900-a-101");
    let form = app.get_with(&admin, &one).await;
    assert_eq!(form.status, StatusCode::OK);
    let mut fields = crate::helpers::form_submission(&form.body, &one);
    set(&mut fields, "capacity", "3");
    let posted: Vec<(&str, &str)> = fields
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        app.post_raw(&admin, &one, &posted).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(draft_sessions(&app, "interview").contains(&(
        "2027-07-12-0900-a-101".into(),
        "2027-07-12 09:00".into(),
        3
    )));

    // A session with a booking cannot be removed; an empty one can.
    let (candidate, _, id) = submitted_architecture(&app).await;
    let booked = app
        .post_with(
            &candidate,
            &book_path(&id, "interview"),
            &[("session", "2027-07-06-0900")],
        )
        .await;
    assert_eq!(booked.status, StatusCode::SEE_OTHER);
    let refused = post_editor(
        &app,
        &admin,
        &format!("{INTERVIEW}/sessions/2027-07-06-0900/remove"),
        &[],
    )
    .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(
        refused
            .body
            .contains("One candidate is booked into this session"),
        "{}",
        refused.body
    );
    let removed = post_editor(
        &app,
        &admin,
        &format!("{INTERVIEW}/sessions/2027-07-06-0930/remove"),
        &[],
    )
    .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER, "{}", removed.body);
    assert_eq!(draft_sessions(&app, "interview").len(), 16);

    // Published, the new sessions are bookable.
    let base = base_of(&app, &admin, "/staff/cycle").await;
    let published = app
        .post_with(&admin, "/staff/cycle/publish", &[("base", &base)])
        .await;
    assert_eq!(
        published.status,
        StatusCode::SEE_OTHER,
        "{}",
        published.body
    );
    let page = app.get_with(&candidate, &book_path(&id, "interview")).await;
    assert!(page.body.contains("Monday, 12 July 2027"), "{}", page.body);
    assert!(!page.body.contains("value=\"2027-07-06-0930\""));
    let (_, current) = admitto::services::cycles::current(&mut app.conn())
        .unwrap()
        .unwrap();
    let drawing = current
        .exams_of("architektura-s1")
        .iter()
        .find(|e| e.key.get_ref() == "drawing")
        .unwrap()
        .clone();
    assert_eq!(drawing.offer_hours, 12);
    let bring = drawing.bring.unwrap();
    assert!(bring.get_ref().get("en").unwrap().contains("soft pencils"));
}
