use super::*;
use crate::domain::cycle::model_exams::ExamDef;

fn exam() -> ExamDef {
    let text = r#"
key = "drawing"
kind = "exam"
name = { pl = "Rysunek", en = "Drawing" }
duration_minutes = 180
required = true
booking_opens = "2027-06-01 09:00"
booking_closes = "2027-07-03 23:59"
change_until_hours = 24
max_moves = 1

[[sessions]]
key = "first"
starts = "2027-07-05 09:00"
room = "A"
capacity = 40

[[sessions]]
key = "gone"
starts = "2027-07-06 09:00"
room = "A"
capacity = 40
cancelled = true
"#;
    toml::from_str(text).unwrap_or_else(|e| panic!("{e}"))
}

fn utc(s: &str) -> NaiveDateTime {
    warsaw_time(s).unwrap_or_default()
}

#[test]
fn a_seat_is_taken_only_inside_the_window_and_before_the_cut_off() {
    let exam = exam();
    let first = exam.session("first").unwrap_or_else(|| unreachable!());
    assert_eq!(
        may_take(&exam, first, utc("2027-05-31 23:59")),
        Err(BookingProblem::NotOpenYet)
    );
    assert_eq!(may_take(&exam, first, utc("2027-06-01 09:00")), Ok(()));
    // Closing is inclusive to the minute.
    assert_eq!(
        may_take(
            &exam,
            first,
            utc("2027-07-03 23:59") + chrono::Duration::seconds(30)
        ),
        Ok(())
    );
    assert_eq!(
        may_take(&exam, first, utc("2027-07-04 00:00")),
        Err(BookingProblem::Closed)
    );
    let gone = exam.session("gone").unwrap_or_else(|| unreachable!());
    assert_eq!(
        may_take(&exam, gone, utc("2027-06-02 10:00")),
        Err(BookingProblem::SessionCancelled)
    );
}

#[test]
fn changes_stop_the_configured_hours_before_the_session_and_after_the_moves_allowed() {
    let exam = exam();
    let first = exam.session("first").unwrap_or_else(|| unreachable!());
    assert_eq!(may_cancel(&exam, first, utc("2027-07-04 09:00")), Ok(()));
    assert_eq!(
        may_cancel(&exam, first, utc("2027-07-04 09:01")),
        Err(BookingProblem::TooLate)
    );
    assert_eq!(may_move(&exam, first, 0, utc("2027-06-10 09:00")), Ok(()));
    assert_eq!(
        may_move(&exam, first, 1, utc("2027-06-10 09:00")),
        Err(BookingProblem::TooManyMoves)
    );
}

#[test]
fn booking_follows_submission_unless_the_exam_says_from_the_start() {
    let mut exam = exam();
    assert!(!status_allows(&exam, ApplicationStatus::Draft));
    assert!(status_allows(&exam, ApplicationStatus::Submitted));
    assert!(!status_allows(&exam, ApplicationStatus::Withdrawn));
    exam.book_after = BookAfter::Start;
    assert!(status_allows(&exam, ApplicationStatus::Draft));
}

#[test]
fn a_session_ends_its_duration_after_it_starts_across_a_change_of_clocks() {
    let exam = exam();
    let first = exam.session("first").unwrap_or_else(|| unreachable!());
    let (starts, ends) = session_times(&exam, first).unwrap_or_default();
    assert_eq!(starts, utc("2027-07-05 09:00"));
    assert_eq!(ends - starts, chrono::Duration::minutes(180));
}

#[test]
fn with_a_second_examiner_the_score_counts_once_both_are_given_as_their_average() {
    use super::scores::counted;
    use crate::domain::points::Points;
    let p = Points::from_hundredths;
    let mut exam = exam();
    assert_eq!(counted(&exam, Some(p(4000)), None), Some(p(4000)));
    exam.second_examiner = true;
    assert_eq!(counted(&exam, Some(p(4000)), None), None);
    assert_eq!(counted(&exam, None, Some(p(4000))), None);
    assert_eq!(counted(&exam, Some(p(4000)), Some(p(4500))), Some(p(4250)));
    // 41.255 is rounded half away from zero.
    assert_eq!(counted(&exam, Some(p(4150)), Some(p(4101))), Some(p(4126)));
}
