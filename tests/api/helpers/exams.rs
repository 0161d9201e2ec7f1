//! Booking exam sessions in tests: a submitted architecture candidate, the booking page's
//! address and the calendar invitations they are emailed.

use super::journey::start;
use super::TestApp;

/// An architecture application of a new candidate, submitted: (client, email, id).
pub async fn submitted_architecture(app: &TestApp) -> (reqwest::Client, String, String) {
    let (client, email) = app.candidate_client().await;
    let id = start(app, &client, "architektura-s1").await;
    app.sql(&format!(
        "UPDATE applications SET status = 'submitted' WHERE id = '{id}'"
    ));
    (client, email, id)
}

/// The iCalendar attachment of the last invitation emailed to `address`, parsed, with its raw
/// text.
pub async fn last_invitation(app: &TestApp, address: &str) -> (String, icalendar::Calendar) {
    app.dispatch_jobs().await;
    // The last email with an invitation (a notice of the new status may follow it).
    let email = app
        .emails_to(address)
        .await
        .into_iter()
        .rfind(|e| e.attachment.is_some())
        .expect("an email with an invitation");
    let (name, kind, body) = email.attachment.expect("an attachment");
    assert_eq!(name, "invitation.ics");
    assert!(kind.starts_with("text/calendar"), "{kind}");
    let parsed: icalendar::Calendar = body.parse().unwrap_or_else(|e| panic!("{e}\n{body}"));
    (body, parsed)
}

pub fn event_of(calendar: &icalendar::Calendar) -> (String, i64, String) {
    use icalendar::{CalendarComponent, Component};
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), 1);
    let event = events[0];
    (
        event.get_uid().expect("UID").to_owned(),
        event
            .property_value("SEQUENCE")
            .expect("SEQUENCE")
            .parse()
            .expect("a number"),
        event.property_value("DTSTART").expect("DTSTART").to_owned(),
    )
}

pub fn book_path(id: &str, exam: &str) -> String {
    format!("/applications/{id}/exams/{exam}")
}
