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
