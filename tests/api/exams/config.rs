//! A programme's exams and interviews in its file: a valid schedule loads, and each mistake a
//! schedule can have is reported at its line.

use crate::cycle::config::{assert_problem, check, PROGRAM};

const EXAMS: &str = r##"
[[exams]]
key = "drawing"
kind = "exam"
name = { pl = "Rysunek", en = "Drawing" }
duration_minutes = 180
required_when = "!candidate.karta_polaka"
booking_opens = "2027-06-01 09:00"
booking_closes = "2027-07-03 23:59"
bring = { pl = "Ołówki", en = "Pencils" }

[[exams.sessions]]
key = "first"
starts = "2027-07-05 09:00"
place = { pl = "Sala A", en = "Room A" }
room = "A"
capacity = 40

[[exams.sessions]]
key = "second"
starts = "2027-07-05 13:00"
place = { pl = "Sala A", en = "Room A" }
room = "A"
capacity = 40
"##;

fn program_with(exams: &str) -> String {
    format!("{PROGRAM}{exams}")
}

#[test]
fn a_programme_with_a_valid_schedule_has_no_problems() {
    let problems = check(&[("programs/inf.toml", &program_with(EXAMS))]);
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn two_sessions_in_one_room_at_the_same_time_are_reported_at_the_later() {
    let overlapping = EXAMS.replace("2027-07-05 13:00", "2027-07-05 11:30");
    let text = program_with(&overlapping);
    let line = text.lines().position(|l| l.contains("11:30")).unwrap() + 1;
    let problems = check(&[("programs/inf.toml", &text)]);
    assert_problem(
        &problems,
        &format!("programs/inf.toml:{line}:"),
        "session \"second\" of exam \"drawing\" of programme INF overlaps session \"first\"",
    );
    // A session in another programme's file in the same room counts too.
    let other = PROGRAM.replace("code = \"INF\"", "code = \"MAT\"")
        + &EXAMS
            .replace("2027-07-05 13:00", "2027-07-06 13:00")
            .replace("2027-07-05 09:00", "2027-07-05 10:00");
    let problems = check(&[
        ("programs/inf.toml", &program_with(EXAMS)),
        ("programs/mat.toml", &other),
    ]);
    assert!(
        problems.iter().any(|p| p.contains("in room A")),
        "{problems:#?}"
    );
}

#[test]
fn capacity_zero_a_session_before_booking_opens_and_a_bad_time_are_reported() {
    let text = program_with(
        &EXAMS
            .replacen("capacity = 40", "capacity = 0", 1)
            .replace("2027-07-05 13:00", "2027-05-30 13:00"),
    );
    let at = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let problems = check(&[("programs/inf.toml", &text)]);
    assert_problem(
        &problems,
        &format!("programs/inf.toml:{}:", at("capacity = 0")),
        "has capacity 0",
    );
    assert_problem(
        &problems,
        &format!("programs/inf.toml:{}:", at("2027-05-30 13:00")),
        "starts before booking opens (2027-06-01 09:00), so it can never be booked",
    );
    let text = program_with(&EXAMS.replace("2027-07-05 09:00", "5 July, 9 am"));
    let problems = check(&[("programs/inf.toml", &text)]);
    assert_problem(&problems, "programs/inf.toml:", "must be a date and time");
}

#[test]
fn the_booking_window_the_condition_and_the_keys_are_checked() {
    let text = program_with(
        &EXAMS
            .replace(
                "booking_closes = \"2027-07-03 23:59\"",
                "booking_closes = \"2027-05-01 00:00\"",
            )
            .replace("!candidate.karta_polaka", "candidate.nobody_knows")
            .replace("key = \"second\"", "key = \"first\""),
    );
    let problems = check(&[("programs/inf.toml", &text)]);
    assert_problem(
        &problems,
        "programs/inf.toml:",
        "booking_closes of exam \"drawing\" must be after booking_opens",
    );
    assert_problem(
        &problems,
        "programs/inf.toml:",
        "required_when of exam \"drawing\"",
    );
    assert_problem(
        &problems,
        "programs/inf.toml:",
        "session key \"first\" is used twice",
    );
    let text = program_with(&EXAMS.replace("place = { pl = \"Sala A\", en = \"Room A\" }\nroom = \"A\"\ncapacity = 40\n\n[[exams.sessions]]", "capacity = 40\n\n[[exams.sessions]]"));
    let problems = check(&[("programs/inf.toml", &text)]);
    assert_problem(
        &problems,
        "programs/inf.toml:",
        "needs a place or an online_link",
    );
}

#[test]
fn a_scored_exam_feeds_the_points_formula_and_a_bad_scale_is_reported() {
    let scored = EXAMS.replace(
        "bring = { pl = \"Ołówki\", en = \"Pencils\" }",
        "bring = { pl = \"Ołówki\", en = \"Pencils\" }\nscale = { min = 0.0, max = 50.0, step = 0.5 }\nsecond_examiner = true",
    );
    let with_formula = |exams: &str| {
        program_with(exams)
            .replace(
                "points = \"max(results.math.extended, results.math.basic * 0.6)\"",
                "points = \"results.math.extended + exams.drawing.score\"\npoints_max = 150.0",
            )
            .replacen("points_max = 100.0\n", "", 1)
    };
    let problems = check(&[("programs/inf.toml", &with_formula(&scored))]);
    assert!(problems.is_empty(), "{problems:#?}");

    let text = with_formula(&scored.replace("max = 50.0", "max = 0.0"));
    let line = text.lines().position(|l| l.starts_with("scale")).unwrap() + 1;
    let problems = check(&[("programs/inf.toml", &text)]);
    assert_problem(
        &problems,
        &format!("programs/inf.toml:{line}:"),
        "scale of exam \"drawing\" must have min below max",
    );

    let unscored = scored.replace("scale = { min = 0.0, max = 50.0, step = 0.5 }\n", "");
    let problems = check(&[("programs/inf.toml", &program_with(&unscored))]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("has a second examiner but no scale")),
        "{problems:#?}"
    );
    // A formula naming an exam without a scale has nothing to read.
    let problems = check(&[("programs/inf.toml", &with_formula(&unscored))]);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("there is no field `drawing`")),
        "{problems:#?}"
    );
}
