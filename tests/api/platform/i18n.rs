use crate::helpers::{new_client, spawn_app};
use admitto::domain::{ApplicationStatus, Role};
use admitto::web::flash::Flash;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The message ids of each `.ftl` file of `locale`, by file name (one file per capability).
fn message_files(locale: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = root().join("locales").join(locale);
    std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let ids = text
                .lines()
                .filter(|l| l.starts_with(|c: char| c.is_ascii_lowercase()))
                .filter_map(|l| l.split_once(" =").map(|(k, _)| k.trim().to_owned()))
                .collect();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, ids)
        })
        .collect()
}

fn message_ids(locale: &str) -> BTreeSet<String> {
    message_files(locale).into_values().flatten().collect()
}

#[test]
fn polish_and_english_define_exactly_the_same_messages() {
    let en = message_files("en");
    let pl = message_files("pl");
    assert!(en.len() > 5, "one file per capability: {:?}", en.keys());
    assert_eq!(
        en.keys().collect::<Vec<_>>(),
        pl.keys().collect::<Vec<_>>(),
        "the same files in both languages"
    );
    assert!(message_ids("en").len() > 100);
    for (file, en_ids) in &en {
        let pl_ids = &pl[file];
        let only_en: Vec<_> = en_ids.difference(pl_ids).collect();
        let only_pl: Vec<_> = pl_ids.difference(en_ids).collect();
        assert!(
            only_en.is_empty() && only_pl.is_empty(),
            "untranslated in {file}: en only {only_en:?}, pl only {only_pl:?}"
        );
    }
}

#[test]
fn no_message_is_defined_in_two_files() {
    let mut seen = BTreeMap::new();
    for (file, ids) in message_files("en") {
        for id in ids {
            if let Some(other) = seen.insert(id.clone(), file.clone()) {
                panic!("{id} is in both {other} and {file}");
            }
        }
    }
}

/// Message ids written literally in templates and code: `.t("id"`, `.t1("id"`, `.tn("id"`.
fn literal_ids(dir: &Path, out: &mut BTreeSet<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            literal_ids(&path, out);
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // Rust and askama call `.t("id"`; email templates call `t("id"` after `{{ ` or `(`.
        for marker in [".t(\"", ".t1(\"", ".tn(\"", "{{ t(\"", "(t(\""] {
            for piece in text.split(marker).skip(1) {
                if let Some(id) = piece.split('"').next() {
                    if !id.is_empty()
                        && id
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        out.insert(id.to_owned());
                    }
                }
            }
        }
    }
}

#[test]
fn every_message_the_portal_uses_exists() {
    let defined = message_ids("en");
    let mut used = BTreeSet::new();
    literal_ids(&root().join("templates"), &mut used);
    literal_ids(&root().join("src"), &mut used);
    // Ids built at run time.
    used.extend(ApplicationStatus::ALL.iter().map(|s| s.message_id()));
    used.extend(Flash::ALL.iter().map(|f| f.message_id()));
    used.extend(
        Role::STAFF
            .iter()
            .map(|r| format!("role-{}", r.as_str().replace('_', "-"))),
    );
    // The exam booking emails share one body, which names its texts by the change.
    for change in ["booked", "moved", "cancelled"] {
        used.insert(format!("email-exam-{change}-body"));
        used.insert(format!("email-exam-{change}-note"));
    }
    for key in ["400", "403", "404", "413", "500", "csrf"] {
        used.insert(format!("error-{key}-title"));
        used.insert(format!("error-{key}-body"));
    }
    for status in ApplicationStatus::ALL {
        used.insert(format!("stage-{}", status.as_str().replace('_', "-")));
    }
    for state in [
        "missing",
        "complete",
        "submitted",
        "accepted",
        "rejected",
        "waived",
        "to-pay",
        "book-later",
        "to-book",
        "booked",
    ] {
        used.insert(format!("item-{state}"));
    }
    for kind in admitto::domain::cycle::FieldType::ALL {
        used.insert(format!("field-type-{}", kind.as_str().replace('_', "-")));
    }
    for level in ["bachelor", "master", "long-cycle", "doctoral"] {
        used.insert(format!("level-{level}"));
    }
    for form in ["full-time", "part-time"] {
        used.insert(format!("study-form-{form}"));
    }
    for language in ["pl", "en"] {
        used.insert(format!("language-{language}"));
    }
    for status in ["submitted", "accepted", "rejected", "replaced", "deleted"] {
        used.insert(format!("documents-review-status-{status}"));
    }
    for email in [
        "verify",
        "exists",
        "reset",
        "set-password",
        "submitted",
        "document-rejected",
    ] {
        used.insert(format!("email-{email}-subject"));
    }
    for key in admitto::domain::history::HistoryEntry::KEYS {
        used.insert(format!("history-{key}"));
        used.insert(format!("staff-history-{key}"));
    }
    for state in ["sent", "failed", "queued"] {
        used.insert(format!("mailbox-state-{state}"));
    }
    assert!(used.len() > 80, "the scan found the ids ({})", used.len());
    let missing: Vec<_> = used.difference(&defined).collect();
    assert!(missing.is_empty(), "used but not defined: {missing:?}");
}

#[tokio::test]
async fn the_language_comes_from_the_browser_then_the_switcher_then_the_account() {
    let app = spawn_app().await;
    let english = app
        .get_text_in(&app.client, "/login", "en-GB,en;q=0.9,pl;q=0.5")
        .await;
    assert!(english.contains("<html lang=\"en\">"));
    assert!(english.contains("Log in"));

    // The switcher sets a cookie that beats the browser's preference.
    let switched = app
        .post(
            "/language",
            &[("locale", "en"), ("return_to", "/password/forgot")],
        )
        .await;
    assert_eq!(switched.location.as_deref(), Some("/password/forgot"));
    let page = app.get_text_in(&app.client, "/login", "pl").await;
    assert!(page.contains("<html lang=\"en\">"));

    // A signed-in user's choice is stored in the account and follows them to a new browser.
    let email = app.signed_in_candidate().await;
    app.post("/language", &[("locale", "pl"), ("return_to", "/account")])
        .await;
    let other = new_client();
    app.login_with(&other, &email, crate::helpers::PASSWORD)
        .await;
    let account = app.get_text_in(&other, "/account", "en").await;
    assert!(
        account.contains("<html lang=\"pl\">"),
        "account preference wins"
    );
    assert!(account.contains("Moje konto"));
}

#[tokio::test]
async fn the_switcher_refuses_unknown_languages_and_foreign_return_paths() {
    let app = spawn_app().await;
    let unknown = app
        .post("/language", &[("locale", "de"), ("return_to", "/")])
        .await;
    assert_eq!(unknown.status, reqwest::StatusCode::BAD_REQUEST);
    let foreign = app
        .post(
            "/language",
            &[("locale", "en"), ("return_to", "https://evil.example/")],
        )
        .await;
    assert_eq!(foreign.location.as_deref(), Some("/"));
}

#[tokio::test]
async fn dates_are_shown_in_warsaw_time() {
    let app = spawn_app().await;
    app.signed_in_candidate().await;
    app.sql("UPDATE users SET created_at = '2027-07-03 21:30:00'");
    let account = app.get("/account").await;
    assert!(
        account.body.contains("03.07.2027, 23:30"),
        "{}",
        account.body
    );
}
