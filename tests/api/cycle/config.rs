//! The admission-cycle definition checker: a valid definition loads, and each kind of mistake
//! is reported with its file and line in words a programme administrator understands.

use admitto::config::admin::load;
use std::path::Path;

const CYCLE: &str = r##"[cycle]
code = "2027-winter"
name = { pl = "Rekrutacja 2027", en = "Admissions 2027" }
locales = ["pl", "en"]
opens = "2027-06-01 09:00"
closes = "2027-07-10 23:59"

[university]
name = { pl = "Uniwersytet Testowy", en = "Test University" }
accent_color = "#1d4f91"
contact_email = "rekrutacja@uni.example"
privacy_notice = { pl = "Dane przetwarzamy…", en = "We process data…" }
privacy_version = "2027-1"

[[faculties]]
code = "WMI"
name = { pl = "Wydział Matematyki i Informatyki", en = "Faculty of Mathematics and Computer Science" }

[[subjects]]
code = "math"
name = { pl = "Matematyka", en = "Mathematics" }
"##;

const PROFILE: &str = r##"[[steps]]
key = "personal"
title = { pl = "Dane osobowe", en = "Personal data" }

[[steps.fields]]
key = "citizenship"
type = "country"
label = { pl = "Obywatelstwo", en = "Citizenship" }
required = true

[[steps.fields]]
key = "karta_polaka"
type = "yes_no"
label = { pl = "Karta Polaka", en = "Pole's Card" }
visible_when = "!candidate.polish"
"##;

const WORKFLOW: &str = r##"[workflow]
code = "bachelor"
name = { pl = "Studia I stopnia", en = "Bachelor's" }

[[steps]]
key = "documents"
title = { pl = "Dokumenty", en = "Documents" }

[[steps.documents]]
key = "apostille"
name = { pl = "Apostille", en = "Apostille" }
required_when = "!candidate.eu"
"##;

pub(crate) const PROGRAM: &str = r##"[program]
code = "INF"
name = { pl = "Informatyka", en = "Computer Science" }
faculty = "WMI"
level = "bachelor"
form = "full_time"
language = "pl"
capacity = 120
fee = { amount = "85.00", currency = "PLN" }
workflow = "bachelor"
fee_exempt_when = "candidate.karta_polaka"
points = "max(results.math.extended, results.math.basic * 0.6)"
points_max = 100.0
threshold = 30.0
"##;

/// Writes a definition with the given files replaced (or added), checks it, and returns the
/// problems as `file:line: message`.
pub(crate) fn check(changes: &[(&str, &str)]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut files = vec![
        ("cycle.toml", CYCLE.to_owned()),
        ("profile.toml", PROFILE.to_owned()),
        ("workflows/bachelor.toml", WORKFLOW.to_owned()),
        ("programs/inf.toml", PROGRAM.to_owned()),
    ];
    for (name, text) in changes {
        match files.iter_mut().find(|(n, _)| n == name) {
            Some(file) => file.1 = (*text).to_owned(),
            None => files.push((name, (*text).to_owned())),
        }
    }
    for (name, text) in &files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    match load(dir.path()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

pub(crate) fn assert_problem(problems: &[String], expected_start: &str, fragment: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with(expected_start) && p.contains(fragment)),
        "expected `{expected_start} …{fragment}…` in {problems:#?}"
    );
}

#[test]
fn a_valid_definition_has_no_problems() {
    assert_eq!(check(&[]), Vec::<String>::new());
}

#[test]
fn the_shipped_demo_cycle_has_no_problems() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("admin-config");
    let definition = load(&dir).unwrap_or_else(|problems| {
        panic!(
            "{}",
            problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        )
    });
    assert!(definition.programs.len() >= 6);
}

#[test]
fn a_toml_syntax_error_is_reported_at_its_line() {
    let broken = PROGRAM.replace("capacity = 120", "capacity = 120 120");
    assert_problem(
        &check(&[("programs/inf.toml", &broken)]),
        "programs/inf.toml:8:",
        "",
    );
}

#[test]
fn an_unknown_key_is_reported_with_the_keys_that_are_allowed() {
    let broken = PROGRAM.replace("capacity = 120", "capcity = 120");
    let problems = check(&[("programs/inf.toml", &broken)]);
    assert_problem(&problems, "programs/inf.toml:8:", "unknown field `capcity`");
}

#[test]
fn a_reference_to_an_undefined_workflow_or_faculty_is_reported() {
    let broken = PROGRAM
        .replace("workflow = \"bachelor\"", "workflow = \"bachelors\"")
        .replace("faculty = \"WMI\"", "faculty = \"WMX\"");
    let problems = check(&[("programs/inf.toml", &broken)]);
    assert_problem(
        &problems,
        "programs/inf.toml:4:",
        "faculty \"WMX\" is not defined in cycle.toml",
    );
    assert_problem(
        &problems,
        "programs/inf.toml:10:",
        "workflow \"bachelors\" is not defined",
    );
}

#[test]
fn a_duplicate_programme_code_is_reported_in_the_second_file() {
    let problems = check(&[("programs/inf2.toml", PROGRAM)]);
    assert_problem(
        &problems,
        "programs/inf2.toml:2:",
        "programme code \"INF\" is used twice (first in programs/inf.toml)",
    );
}

#[test]
fn a_cel_syntax_error_is_reported_with_its_column() {
    let broken = PROGRAM.replace("candidate.karta_polaka\"", "candidate.karta_polaka &&\"");
    assert_problem(
        &check(&[("programs/inf.toml", &broken)]),
        "programs/inf.toml:11:",
        "fee_exempt_when: syntax error at column",
    );
}

#[test]
fn a_condition_on_an_undeclared_field_is_reported() {
    let broken = WORKFLOW.replace("!candidate.eu", "candidate.shoe_size > 40.0");
    assert_problem(
        &check(&[("workflows/bachelor.toml", &broken)]),
        "workflows/bachelor.toml:12:",
        "required_when of document \"apostille\": there is no field `shoe_size`",
    );
}

#[test]
fn an_unknown_variable_is_reported() {
    let broken = WORKFLOW.replace("!candidate.eu", "applicant.eu");
    assert_problem(
        &check(&[("workflows/bachelor.toml", &broken)]),
        "workflows/bachelor.toml:12:",
        "unknown name `applicant`",
    );
}

#[test]
fn a_condition_that_is_not_true_or_false_and_a_formula_that_is_not_a_number_are_reported() {
    let broken = WORKFLOW.replace("!candidate.eu", "candidate.citizenship");
    assert_problem(
        &check(&[("workflows/bachelor.toml", &broken)]),
        "workflows/bachelor.toml:12:",
        "must be true or false",
    );
    let broken = PROGRAM.replace(
        "max(results.math.extended, results.math.basic * 0.6)",
        "results.math.extended > 50.0",
    );
    assert_problem(
        &check(&[("programs/inf.toml", &broken)]),
        "programs/inf.toml:12:",
        "points: a formula must give a number",
    );
}

#[test]
fn mixing_whole_numbers_and_percentages_is_explained() {
    let broken = PROGRAM.replace("results.math.basic * 0.6", "results.math.basic * 1");
    assert_problem(
        &check(&[("programs/inf.toml", &broken)]),
        "programs/inf.toml:12:",
        "whole numbers with a decimal point",
    );
}

#[test]
fn a_missing_translation_is_reported() {
    let broken = PROGRAM.replace(
        "name = { pl = \"Informatyka\", en = \"Computer Science\" }",
        "name = { pl = \"Informatyka\" }",
    );
    assert_problem(
        &check(&[("programs/inf.toml", &broken)]),
        "programs/inf.toml:3:",
        "programme name has no text in en",
    );
}

#[test]
fn profile_conditions_cannot_depend_on_the_programme() {
    let broken = PROFILE.replace("!candidate.polish", "program.level == 'master'");
    assert_problem(
        &check(&[("profile.toml", &broken)]),
        "profile.toml:15:",
        "profile steps are shared by all programmes",
    );
}

#[test]
fn a_choice_without_options_and_a_bad_amount_are_reported() {
    let broken = PROFILE.replace("type = \"yes_no\"", "type = \"choice\"");
    assert_problem(
        &check(&[("profile.toml", &broken)]),
        "profile.toml:12:",
        "is a choice but has no options",
    );
    let broken = PROGRAM.replace("\"85.00\"", "\"85,00\"");
    assert_problem(
        &check(&[("programs/inf.toml", &broken)]),
        "programs/inf.toml:9:",
        "fee amount \"85,00\" must be a number",
    );
}

#[test]
fn the_cli_prints_problems_as_file_and_line_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cycle.toml"),
        CYCLE.replace("accent_color = \"#1d4f91\"", "accent_color = \"blue\""),
    )
    .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_admitto"))
        .args(["config", "check"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let expected = format!(
        "{}:10: accent_color \"blue\" must look like #1d4f91",
        dir.path().join("cycle.toml").display()
    );
    assert!(stdout.contains(&expected), "{stdout}");
}

mod preview {
    use super::*;
    use admitto::domain::cycle::evaluate::{evaluate, Applicant, Because, Compiled};
    use serde_json::json;

    fn definition() -> (tempfile::TempDir, admitto::domain::cycle::Definition) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in [
            ("cycle.toml", CYCLE),
            ("profile.toml", PROFILE),
            ("workflows/bachelor.toml", WORKFLOW),
            ("programs/inf.toml", PROGRAM),
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let def = load(dir.path()).unwrap();
        (dir, def)
    }

    fn applicant(profile: serde_json::Value) -> Applicant {
        Applicant {
            profile: profile.as_object().unwrap().clone(),
            results: [("math".to_owned(), (80.0, 30.0))].into_iter().collect(),
            ..Applicant::default()
        }
    }

    #[test]
    fn a_polish_candidate_pays_the_fee_and_needs_no_apostille() {
        let (_dir, def) = definition();
        let compiled = Compiled::new(&def);
        let preview = evaluate(
            &def,
            &compiled,
            "INF",
            &applicant(json!({"citizenship": "PL"})),
        )
        .unwrap();
        let fields: Vec<&str> = preview
            .steps
            .iter()
            .flat_map(|s| &s.fields)
            .map(|f| f.key.as_str())
            .collect();
        assert_eq!(
            fields,
            ["citizenship"],
            "no Karta Polaka question for Poles"
        );
        assert!(preview.documents.is_empty());
        assert_eq!(preview.fee.money.minor, 8500);
        assert!(preview.fee.waived.is_none());
        // The better of extended (30) and basic × 0.6 (48).
        assert_eq!(
            preview.points.unwrap().points,
            admitto::domain::points::Points::from_hundredths(4800)
        );
    }

    #[test]
    fn a_ukrainian_karta_polaka_holder_gets_the_apostille_and_no_fee_with_reasons() {
        let (_dir, def) = definition();
        let compiled = Compiled::new(&def);
        let preview = evaluate(
            &def,
            &compiled,
            "INF",
            &applicant(json!({"citizenship": "UA", "karta_polaka": true})),
        )
        .unwrap();
        let karta = preview.steps[0]
            .fields
            .iter()
            .find(|f| f.key == "karta_polaka")
            .unwrap();
        assert_eq!(karta.shown, Because::Condition("!candidate.polish".into()));
        assert_eq!(preview.documents.len(), 1);
        assert_eq!(preview.documents[0].key, "apostille");
        assert_eq!(
            preview.documents[0].required,
            Because::Condition("!candidate.eu".into())
        );
        assert_eq!(
            preview.fee.waived.as_deref(),
            Some("candidate.karta_polaka")
        );
    }

    #[test]
    fn an_eu_candidate_needs_no_apostille() {
        let (_dir, def) = definition();
        let compiled = Compiled::new(&def);
        let preview = evaluate(
            &def,
            &compiled,
            "INF",
            &applicant(json!({"citizenship": "DE", "karta_polaka": false})),
        )
        .unwrap();
        assert!(preview.documents.is_empty());
        assert!(preview.fee.waived.is_none());
    }
}

mod versions {
    use super::*;
    use admitto::config::admin::{read_dir, to_files, write_dir, Files};
    use admitto::services::cycles::{apply, current, current_files, ApplyOutcome};

    fn files(changes: &[(&str, &str)]) -> Files {
        let mut files: Files = [
            ("cycle.toml", CYCLE),
            ("profile.toml", PROFILE),
            ("workflows/bachelor.toml", WORKFLOW),
            ("programs/inf.toml", PROGRAM),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_owned(), t.to_owned()))
        .collect();
        for (name, text) in changes {
            files.insert((*name).to_owned(), (*text).to_owned());
        }
        files
    }

    #[tokio::test]
    async fn apply_then_export_then_apply_gives_the_same_model_and_no_new_version() {
        let app = crate::helpers::spawn_app().await;
        let mut conn = app.conn();
        let first = apply(&mut conn, files(&[]), None).unwrap();
        assert!(
            matches!(first, ApplyOutcome::Applied { version: 1, .. }),
            "{first:?}"
        );
        let (_, model_1) = current(&mut conn).unwrap().unwrap();

        let exported = tempfile::tempdir().unwrap();
        let (_, stored) = current_files(&mut conn).unwrap().unwrap();
        write_dir(exported.path(), &stored).unwrap();
        let again = apply(&mut conn, read_dir(exported.path()).unwrap(), None).unwrap();
        assert!(
            matches!(again, ApplyOutcome::Unchanged { version: 1, .. }),
            "{again:?}"
        );
        let model_2 = load(exported.path()).unwrap();
        assert_eq!(to_files(&model_1).unwrap(), to_files(&model_2).unwrap());
    }

    #[tokio::test]
    async fn a_change_becomes_a_new_version_and_the_old_one_stays() {
        let app = crate::helpers::spawn_app().await;
        let mut conn = app.conn();
        apply(&mut conn, files(&[]), None).unwrap();
        let bigger = PROGRAM.replace("capacity = 120", "capacity = 150");
        let second = apply(&mut conn, files(&[("programs/inf.toml", &bigger)]), None).unwrap();
        assert!(
            matches!(second, ApplyOutcome::Applied { version: 2, .. }),
            "{second:?}"
        );
        let versions = admitto::db::cycles::all(&mut conn).unwrap();
        let states: Vec<(i32, &str)> = versions
            .iter()
            .map(|v| (v.version, v.state.as_str()))
            .collect();
        assert_eq!(states, [(1, "superseded"), (2, "published")]);
        let (_, def) = current(&mut conn).unwrap().unwrap();
        assert_eq!(def.programs[0].1.program.capacity, 150);
        let exported = tempfile::tempdir().unwrap();
        write_dir(
            exported.path(),
            &current_files(&mut conn).unwrap().unwrap().1,
        )
        .unwrap();
        let text = std::fs::read_to_string(exported.path().join("programs/inf.toml")).unwrap();
        assert!(text.contains("capacity = 150"), "{text}");
    }

    #[tokio::test]
    async fn an_invalid_definition_is_never_published() {
        let app = crate::helpers::spawn_app().await;
        let mut conn = app.conn();
        apply(&mut conn, files(&[]), None).unwrap();
        let broken = PROGRAM.replace("workflow = \"bachelor\"", "workflow = \"nope\"");
        let outcome = apply(&mut conn, files(&[("programs/inf.toml", &broken)]), None).unwrap();
        assert!(
            matches!(outcome, ApplyOutcome::Invalid(ref p) if p[0].to_string().starts_with("programs/inf.toml:10:")),
            "{outcome:?}"
        );
        assert_eq!(admitto::db::cycles::all(&mut conn).unwrap().len(), 1);
        let (row, _) = current(&mut conn).unwrap().unwrap();
        assert_eq!(row.version, 1);
    }
}

mod preview_page {
    use super::*;
    use admitto::domain::Role;
    use reqwest::StatusCode;

    async fn published_app() -> crate::helpers::TestApp {
        let app = crate::helpers::spawn_app().await;
        let files = [
            ("cycle.toml", CYCLE),
            ("profile.toml", PROFILE),
            ("workflows/bachelor.toml", WORKFLOW),
            ("programs/inf.toml", PROGRAM),
        ]
        .into_iter()
        .map(|(n, t)| (n.to_owned(), t.to_owned()))
        .collect();
        admitto::services::cycles::apply(&mut app.conn(), files, None).unwrap();
        app
    }

    #[tokio::test]
    async fn staff_see_what_a_ukrainian_karta_polaka_holder_gets_and_why() {
        let app = published_app().await;
        let staff = app.signed_in_staff(Role::ProgramAdmin).await;
        let page = app
            .get_with(&staff, "/staff/preview?program=INF&c.citizenship=UA&c.karta_polaka=yes&r.math.basic=80&r.math.extended=30")
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let body = page
            .body
            .replace("&#39;", "'")
            .replace("&#33;", "!")
            .replace("&#x21;", "!");
        assert!(body.contains("Apostille"), "{body}");
        assert!(body.contains("Applies because !candidate.eu"), "{body}");
        assert!(
            body.contains("waived because candidate.karta_polaka"),
            "{body}"
        );
        assert!(body.contains("48 / 100"), "{body}");
    }

    #[tokio::test]
    async fn a_polish_candidate_gets_no_apostille_and_pays_the_fee() {
        let app = published_app().await;
        let staff = app.signed_in_staff(Role::Officer).await;
        let page = app
            .get_with(&staff, "/staff/preview?program=INF&c.citizenship=PL")
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("Apostille"));
        assert!(page.body.contains("No documents are required"));
        assert!(page.body.contains("85.00 PLN"));
        assert!(!page.body.contains("waived"));
    }

    #[tokio::test]
    async fn candidates_cannot_open_the_preview_and_hostile_input_is_harmless() {
        let app = published_app().await;
        app.signed_in_candidate().await;
        assert_eq!(
            app.get("/staff/preview").await.status,
            StatusCode::FORBIDDEN
        );
        let staff = app.signed_in_staff(Role::Officer).await;
        let page = app
            .get_with(&staff, "/staff/preview?program=%3Cscript%3E&c.citizenship=%3Cscript%3Ealert(1)&r.math.basic=abc")
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.body.contains("<script>alert"));
    }

    #[tokio::test]
    async fn without_a_published_cycle_the_preview_says_how_to_publish_one() {
        let app = crate::helpers::spawn_app().await;
        let staff = app.signed_in_staff(Role::Officer).await;
        let page = app.get_with(&staff, "/staff/preview").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("admitto config apply"));
    }
}

#[test]
fn a_stage_text_for_an_unknown_status_or_without_a_translation_is_reported() {
    let broken = format!(
        "{WORKFLOW}\n[[stages]]\nstatus = \"sent\"\ntext = {{ pl = \"Wysłane\", en = \"Sent\" }}\n\n[[stages]]\nstatus = \"draft\"\ntext = {{ pl = \"Szkic\" }}\n"
    );
    let line_of = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let problems = check(&[("workflows/bachelor.toml", &broken)]);
    assert_problem(
        &problems,
        &format!("workflows/bachelor.toml:{}:", line_of("\"sent\"")),
        "stage status \"sent\" is not an application status",
    );
    assert_problem(
        &problems,
        &format!("workflows/bachelor.toml:{}:", line_of("Szkic")),
        "text of stage \"draft\" has no text in en",
    );
}
