use std::collections::BTreeSet;
use std::path::Path;

fn migration_names(backend: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn both_backends_have_migrations_with_the_same_names() {
    let sqlite = migration_names("sqlite");
    let postgres = migration_names("postgres");
    assert!(!sqlite.is_empty());
    assert_eq!(
        sqlite, postgres,
        "migrations/sqlite and migrations/postgres have diverged"
    );
    for name in &sqlite {
        for backend in ["sqlite", "postgres"] {
            for file in ["up.sql", "down.sql"] {
                let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("migrations")
                    .join(backend)
                    .join(name)
                    .join(file);
                assert!(path.exists(), "{} is missing", path.display());
            }
        }
    }
}

/// History written as English notes before entries were typed becomes the same entries.
#[test]
fn history_notes_written_before_typed_entries_become_entries() {
    use admitto::domain::history::HistoryEntry;
    use diesel::connection::SimpleConnection;
    use diesel::prelude::*;
    use diesel_migrations::MigrationHarness;

    let mut conn = diesel::SqliteConnection::establish(":memory:").unwrap();
    let typed = "2026-12-02-000001_typed_history_and_dates";
    loop {
        let pending = conn
            .pending_migrations(admitto::db::SQLITE_MIGRATIONS)
            .unwrap();
        let next = pending.first().expect("the typed-history migration exists");
        if next.name().to_string() == typed {
            break;
        }
        conn.run_next_migration(admitto::db::SQLITE_MIGRATIONS)
            .unwrap();
    }
    // The rows stand alone (no cycle version or programme behind them).
    conn.batch_execute(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO users (id, email, password_hash, role, created_at, updated_at) \
             VALUES ('u', 'a@example.com', 'x', 'candidate', '2026-12-01 10:00:00', \
             '2026-12-01 10:00:00');
         INSERT INTO applications (id, candidate_id, cycle_code, program_code, cycle_version_id, \
             status, answers, saved_steps, created_at, updated_at) \
             VALUES ('a', 'u', 'c', 'p', 'v', 'submitted', '{}', '[]', \
             '2026-12-01 10:00:00', '2026-12-01 10:00:00');
         INSERT INTO application_events (id, application_id, at, from_status, to_status, actor_id, note) VALUES
             ('e1', 'a', '2026-12-01 10:00:00', NULL, 'draft', 'u', 'started'),
             ('e2', 'a', '2026-12-01 10:01:00', 'draft', 'submitted', 'u', 'submitted, receipt 20261201-7KQ3ZP'),
             ('e3', 'a', '2026-12-01 10:02:00', 'submitted', 'submitted', 'u', 'profile changed after submission'),
             ('e4', 'a', '2026-12-01 10:03:00', 'submitted', 'submitted', 'u', 'changed by the candidate after submission (step questions)'),
             ('e5', 'a', '2026-12-01 10:04:00', 'submitted', 'withdrawn', 'u', 'withdrawn by the candidate');",
    )
    .unwrap();
    conn.run_pending_migrations(admitto::db::SQLITE_MIGRATIONS)
        .unwrap();
    let mut db = admitto::db::DbConn::Sqlite(conn);
    let entries: Vec<_> = admitto::db::applications::events(&mut db, &"a".into())
        .unwrap()
        .into_iter()
        .map(|e| e.entry)
        .collect();
    assert_eq!(
        entries,
        [
            Some(HistoryEntry::Started),
            Some(HistoryEntry::Submitted {
                receipt: "20261201-7KQ3ZP".into()
            }),
            Some(HistoryEntry::ProfileChanged),
            Some(HistoryEntry::ChangedAfterSubmission {
                step: "questions".into()
            }),
            Some(HistoryEntry::Withdrawn),
        ]
    );
}

/// Phone numbers stored in the earlier, hand-checked form are rewritten to their plan's E.164;
/// a stored number its plan does not have is kept and its step asked again.
#[tokio::test]
async fn stored_phone_numbers_are_upgraded_once_to_e164_or_asked_again() {
    use crate::helpers::journey::{app_with_open_cycle, polish_profile, start};
    use admitto::services::applications::profile;

    let app = app_with_open_cycle().await;
    let mut candidates = Vec::new();
    for stored in ["+4402079460958", "+4851234567"] {
        let (client, _) = app.candidate_client().await;
        let id = start(&app, &client, "informatyka-s1").await;
        polish_profile(&app, &client, &id).await;
        let email = crate::helpers::journey::app_email(&app, &client).await;
        let user = admitto::db::users::find_by_email(&mut app.conn(), &email)
            .unwrap()
            .unwrap();
        let mut saved = profile(&mut app.conn(), &user.id).unwrap();
        assert!(saved.saved_steps.contains(&"personal".to_owned()));
        saved.answers.insert("phone".into(), stored.into());
        admitto::db::upgrades::set_profile_answers(
            &mut app.conn(),
            user.id.as_str(),
            &serde_json::to_string(&saved.answers).unwrap(),
            &serde_json::to_string(&saved.saved_steps).unwrap(),
        )
        .unwrap();
        candidates.push(user.id);
    }
    // The portal made the upgrade when it started; as on a portal that stored these numbers
    // before, it is still to do.
    app.sql("UPDATE data_upgrades SET done_at = NULL WHERE name = 'phones-e164'");
    admitto::services::upgrades::run(&mut app.conn()).unwrap();

    let fixed = profile(&mut app.conn(), &candidates[0]).unwrap();
    assert_eq!(fixed.answers["phone"], "+442079460958");
    assert!(fixed.saved_steps.contains(&"personal".to_owned()));
    let flagged = profile(&mut app.conn(), &candidates[1]).unwrap();
    assert_eq!(flagged.answers["phone"], "+4851234567", "nothing is lost");
    assert!(!flagged.saved_steps.contains(&"personal".to_owned()));
    assert!(flagged.saved_steps.contains(&"address".to_owned()));

    // Once done, a restart leaves the answers alone.
    let mut again = flagged.answers.clone();
    again.insert("phone".into(), "+4402079460958".into());
    admitto::db::upgrades::set_profile_answers(
        &mut app.conn(),
        candidates[1].as_str(),
        &serde_json::to_string(&again).unwrap(),
        "[]",
    )
    .unwrap();
    admitto::services::upgrades::run(&mut app.conn()).unwrap();
    let untouched = profile(&mut app.conn(), &candidates[1]).unwrap();
    assert_eq!(untouched.answers["phone"], "+4402079460958");
}
