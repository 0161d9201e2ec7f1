//! The `admitto` binary as an operator uses it.

use std::process::Command;

fn admitto(data_dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_admitto"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("ADMITTO_LOG_LEVEL", "warn");
    // Each run uses its own SQLite file; PostgreSQL is covered by the HTTP suite.
    command.env_remove("DATABASE_URL");
    command.output().expect("running admitto")
}

#[test]
fn migrate_then_user_create_prints_a_single_use_set_password_link() {
    let dir = tempfile::tempdir().unwrap();
    let migrate = admitto(dir.path(), &["migrate"]);
    assert!(
        migrate.status.success(),
        "{}",
        String::from_utf8_lossy(&migrate.stderr)
    );
    let migrations = std::fs::read_dir(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite"),
    )
    .unwrap()
    .count();
    let expected = format!("migrations applied: {migrations}");
    assert!(String::from_utf8_lossy(&migrate.stdout).contains(&expected));

    let create = admitto(
        dir.path(),
        &[
            "user",
            "create",
            "--role",
            "registrar",
            "--email",
            "Komisja@Uni.example",
        ],
    );
    assert!(
        create.status.success(),
        "{}",
        String::from_utf8_lossy(&create.stderr)
    );
    let out = String::from_utf8_lossy(&create.stdout);
    assert!(
        out.contains("Created komisja@uni.example (registrar)"),
        "{out}"
    );
    assert!(
        out.contains("http://127.0.0.1:8080/password/reset?token="),
        "{out}"
    );

    // The invitation email is queued; the worker delivers it (file backend, under the data dir).
    let worker = admitto(dir.path(), &["worker", "--once"]);
    assert!(
        worker.status.success(),
        "{}",
        String::from_utf8_lossy(&worker.stderr)
    );
    assert!(String::from_utf8_lossy(&worker.stdout).contains("jobs run: 1"));
    let mails: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
        .unwrap()
        .collect();
    assert_eq!(mails.len(), 1);
}

#[test]
fn user_create_refuses_an_unknown_role_or_a_bad_address() {
    let dir = tempfile::tempdir().unwrap();
    let role = admitto(
        dir.path(),
        &[
            "user",
            "create",
            "--role",
            "superuser",
            "--email",
            "a@uni.example",
        ],
    );
    assert!(!role.status.success());
    assert!(String::from_utf8_lossy(&role.stderr).contains("unknown staff role"));
    let candidate = admitto(
        dir.path(),
        &[
            "user",
            "create",
            "--role",
            "candidate",
            "--email",
            "a@uni.example",
        ],
    );
    assert!(!candidate.status.success());
    let email = admitto(
        dir.path(),
        &[
            "user",
            "create",
            "--role",
            "officer",
            "--email",
            "not-an-address",
        ],
    );
    assert!(!email.status.success());
    assert!(String::from_utf8_lossy(&email.stderr).contains("not a valid email address"));
}

#[test]
fn a_misspelt_setting_stops_the_program_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_admitto"))
        .arg("--data-dir")
        .arg(dir.path())
        .arg("migrate")
        .env("ADMITTO_LOG_LEVL", "debug")
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("log_levl"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
