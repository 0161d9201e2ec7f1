//! Fixtures of the candidate's journey: an open cycle, starting an application, saving steps,
//! a filled-in Polish profile, documents recorded directly.

use super::{spawn_app, TestApp};
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

/// The email of the candidate signed in with `client`.
pub async fn app_email(app: &TestApp, client: &reqwest::Client) -> String {
    let account = app.get_with(client, "/account").await;
    account
        .body
        .split("candidate-")
        .nth(1)
        .and_then(|rest| rest.split("@example.com").next())
        .map(|local| format!("candidate-{local}@example.com"))
        .unwrap()
}

/// A tiny but real PNG image (2×2 pixels).
pub fn png() -> Vec<u8> {
    crate::helpers::files::png_of(2, 2)
}

/// A candidate whose bachelor's application asks for an olympiad diploma (PDF, JPEG or PNG).
pub async fn olympiad_candidate(app: &TestApp) -> (reqwest::Client, String) {
    let (client, _) = app.candidate_client().await;
    let id = start(app, &client, "informatyka-s1").await;
    let saved = save(
        app,
        &client,
        &format!("/applications/{id}/steps/questions"),
        &[
            ("olympiad_laureate", "yes"),
            ("olympiad_name", "Olimpiada Informatyczna"),
        ],
    )
    .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    (client, id)
}

/// A Polish candidate's submitted bachelor's application, its fee due: the client, the email
/// and the application id.
pub async fn submitted_application(app: &TestApp) -> (reqwest::Client, String, String) {
    let (client, email, id) = complete_application(app).await;
    let submitted = app
        .post_with(&client, &format!("/applications/{id}/submit"), &[])
        .await;
    assert_eq!(
        submitted.status,
        StatusCode::SEE_OTHER,
        "{}",
        submitted.body
    );
    (client, email, id)
}

/// A Polish candidate's bachelor's application with nothing missing, ready to submit: the
/// client, the email and the application id.
pub async fn complete_application(app: &TestApp) -> (reqwest::Client, String, String) {
    let (client, email) = app.candidate_client().await;
    let id = start(app, &client, "informatyka-s1").await;
    polish_profile(app, &client, &id).await;
    for (step, fields) in [
        ("questions", vec![("olympiad_laureate", "no")]),
        (
            "declarations",
            vec![("rules_accepted", "yes"), ("data_true", "yes")],
        ),
    ] {
        let saved = save(
            app,
            &client,
            &format!("/applications/{id}/steps/{step}"),
            &fields,
        )
        .await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    }
    document(app, &email, None, "photo");
    (client, email, id)
}
