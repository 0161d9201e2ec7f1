//! What a visitor sees before creating an account: the programme catalogue with its search and
//! filters, under the name and colours of the university that runs the portal.

use crate::helpers::{new_client, spawn_app_with_demo_cycle};
use reqwest::StatusCode;

#[tokio::test]
async fn a_visitor_finds_programmes_and_is_invited_to_create_an_account_to_apply() {
    let app = spawn_app_with_demo_cycle().await;
    let visitor = new_client();
    let home = app.get_with(&visitor, "/").await;
    assert_eq!(home.status, StatusCode::OK);
    let document = scraper::Html::parse_document(&home.body);
    let cards = scraper::Selector::parse(".cards .card h3").unwrap();
    let names: Vec<String> = document
        .select(&cards)
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(names.len(), 8, "{names:?}");
    assert!(home.body.contains("href=\"/register\""));
    assert!(
        !home.body.contains("action=\"/applications\""),
        "a visitor gets no apply button"
    );

    let law = app.get_with(&visitor, "/?q=PRAWO").await;
    let document = scraper::Html::parse_document(&law.body);
    let names: Vec<String> = document
        .select(&cards)
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(names, vec!["Prawo".to_owned()], "the search forgives case");

    let english = app.get_with(&visitor, "/?language=en").await;
    let document = scraper::Html::parse_document(&english.body);
    assert!(document.select(&cards).count() >= 1);
    assert!(document.select(&cards).count() < 8);
}

#[tokio::test]
async fn pages_and_emails_carry_the_universitys_name_and_colours_from_the_cycle() {
    let app = spawn_app_with_demo_cycle().await;
    let visitor = new_client();
    // The first page loads the newly applied cycle; from then on every page knows it.
    app.get_with(&visitor, "/").await;
    let english = app.get_text_in(&visitor, "/login", "en-GB,en;q=0.9").await;
    let document = scraper::Html::parse_document(&english);
    let brand = scraper::Selector::parse("header .brand").unwrap();
    let title = scraper::Selector::parse("title").unwrap();
    let header: String = document.select(&brand).next().unwrap().text().collect();
    assert_eq!(header, "Vistula Riverside University");
    let page_title: String = document.select(&title).next().unwrap().text().collect();
    assert!(
        page_title.ends_with("· Vistula Riverside University"),
        "{page_title}"
    );
    assert!(english.contains("href=\"/static/brand.css\""));
    let polish = app.get_text_in(&visitor, "/login", "pl").await;
    assert!(polish.contains(">Uniwersytet Nadwiślański</a>"), "{polish}");
    // The footer gives the admissions office's address from the definition.
    assert!(english.contains(
        "Questions? Write to the admissions office: <a href=\"mailto:rekrutacja@nadwislanski.example\">"
    ));
    assert!(polish.contains(
        "Napisz do biura rekrutacji: <a href=\"mailto:rekrutacja@nadwislanski.example\">"
    ));
    assert!(
        !english.contains("from your account"),
        "no promise of messaging that does not exist"
    );

    let css = app.get_with(&visitor, "/static/brand.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.body.contains("--accent: #1d4f91;"), "{}", css.body);

    app.register("kandydat@example.com").await;
    app.dispatch_jobs().await;
    let emails = app.emails_to("kandydat@example.com").await;
    let email = emails.first().expect("a verification email");
    assert!(
        email.subject.contains("Uniwersytet Nadwiślański")
            || email.subject.contains("Vistula Riverside University"),
        "{}",
        email.subject
    );
    assert!(!email.subject.contains("Admitto"), "{}", email.subject);
}

#[tokio::test]
async fn the_closing_time_is_written_in_the_pages_language() {
    let app = crate::helpers::journey::app_with_open_cycle().await;
    let visitor = new_client();
    for (language, before, after) in [
        ("en", "Registration is open until ", " (Warsaw time)"),
        ("pl", "Rejestracja trwa do ", " (czas warszawski)"),
    ] {
        let page = app.get_text_in(&visitor, "/", language).await;
        let closes = page
            .split(before)
            .nth(1)
            .and_then(|rest| rest.split(after).next())
            .unwrap_or_else(|| panic!("{language}: {page}"));
        let iso =
            closes.len() == 16 && closes.as_bytes()[4] == b'-' && closes.as_bytes()[10] == b' ';
        assert!(!iso, "{language}: {closes} is written for people");
        if language == "en" {
            assert!(closes.contains(", "), "{closes}");
        } else {
            assert!(closes.contains('.'), "{closes}");
        }
    }
}
