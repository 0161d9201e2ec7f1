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

#[test]
fn config_apply_publishes_once_and_export_writes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("admin-config");
    let demo = demo.to_str().unwrap();
    let first = admitto(dir.path(), &["config", "apply", demo]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(
        String::from_utf8_lossy(&first.stdout).contains("published cycle 2027-winter version 1")
    );
    let again = admitto(dir.path(), &["config", "apply", demo]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("version 1 is already published"));

    let out = dir.path().join("exported");
    let export = admitto(dir.path(), &["config", "export", out.to_str().unwrap()]);
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    let check = Command::new(env!("CARGO_BIN_EXE_admitto"))
        .args(["config", "check"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    let reapplied = admitto(dir.path(), &["config", "apply", out.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&reapplied.stdout).contains("version 1 is already published"),
        "apply → export → apply is the same model"
    );
}

#[test]
fn config_apply_refuses_a_broken_definition_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("cycle.toml"), "[cycle]\ncode = 1\n").unwrap();
    let output = admitto(dir.path(), &["config", "apply", broken.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("cycle.toml:2:"), "{stdout}");
    let export = admitto(
        dir.path(),
        &["config", "export", dir.path().join("x").to_str().unwrap()],
    );
    assert!(!export.status.success(), "nothing was published");
}
