//! What happens at a session: whether each booked candidate came, and the score examiners give
//! on the exam's scale (a second examiner's too, where the exam has one, and their average).

use crate::domain::cycle::model_exams::{ExamDef, ScaleDef};
use crate::domain::points::Points;

/// Whether a booked candidate came to their session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attendance {
    Present,
    Absent,
    /// Absent with a reason the office accepted.
    Excused,
}

impl Attendance {
    pub const ALL: [Attendance; 3] = [Attendance::Present, Attendance::Absent, Attendance::Excused];

    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Absent => "absent",
            Attendance::Excused => "excused",
        }
    }

    pub fn parse(s: &str) -> Option<Attendance> {
        Attendance::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// A column value that names no attendance.
#[derive(Debug, thiserror::Error)]
#[error("unknown attendance {0:?}")]
pub struct UnknownAttendance(pub String);

impl TryFrom<String> for Attendance {
    type Error = UnknownAttendance;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Attendance::parse(&value).ok_or(UnknownAttendance(value))
    }
}

/// Why a score or a mark is refused; each is said at its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ScoreProblem {
    #[error("not a number")]
    NotANumber,
    #[error("outside the exam's scale")]
    OffScale,
    #[error("the exam is not scored")]
    NotScored,
    #[error("a score for a candidate not marked present")]
    NotPresent,
    #[error("the same examiner cannot give both scores")]
    SameExaminer,
    #[error("the exam has no second examiner")]
    NoSecondExaminer,
    #[error("no such attendance")]
    UnknownAttendance,
}

impl ScoreProblem {
    /// The Fluent id of its message.
    pub fn message_id(self) -> &'static str {
        match self {
            ScoreProblem::NotANumber => "exam-score-error-number",
            ScoreProblem::OffScale => "exam-score-error-scale",
            ScoreProblem::NotScored => "exam-score-error-not-scored",
            ScoreProblem::NotPresent => "exam-score-error-not-present",
            ScoreProblem::SameExaminer => "exam-score-error-same-examiner",
            ScoreProblem::NoSecondExaminer => "exam-score-error-no-second",
            ScoreProblem::UnknownAttendance => "exam-score-error-attendance",
        }
    }
}

/// A score as typed (`41`, `41.5`, `41,5`); `None` for an empty input.
pub fn read_score(raw: &str, scale: &ScaleDef) -> Result<Option<Points>, ScoreProblem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let value: f64 = raw
        .replace(',', ".")
        .parse()
        .map_err(|_| ScoreProblem::NotANumber)?;
    if !scale.allows(value) {
        return Err(ScoreProblem::OffScale);
    }
    Points::from_f64(value)
        .map(Some)
        .ok_or(ScoreProblem::NotANumber)
}

/// The score that counts: the first examiner's, or with a second examiner the average of
/// both once both are given (rounded to hundredths, half away from zero).
pub fn counted(exam: &ExamDef, first: Option<Points>, second: Option<Points>) -> Option<Points> {
    match (exam.second_examiner, first, second) {
        (false, first, _) => first,
        (true, Some(a), Some(b)) => {
            let sum = a.hundredths() + b.hundredths();
            Some(Points::from_hundredths(sum / 2 + sum % 2))
        }
        (true, _, _) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale() -> ScaleDef {
        ScaleDef {
            min: 0.0,
            max: 50.0,
            step: 0.5,
        }
    }

    #[test]
    fn a_score_is_read_on_the_scale_with_either_decimal_mark() {
        let s = scale();
        assert_eq!(
            read_score("41,5", &s),
            Ok(Some(Points::from_hundredths(4150)))
        );
        assert_eq!(
            read_score(" 50 ", &s),
            Ok(Some(Points::from_hundredths(5000)))
        );
        assert_eq!(read_score("0", &s), Ok(Some(Points::from_hundredths(0))));
        assert_eq!(read_score("", &s), Ok(None));
        assert_eq!(read_score("50.5", &s), Err(ScoreProblem::OffScale));
        assert_eq!(read_score("-1", &s), Err(ScoreProblem::OffScale));
        assert_eq!(read_score("41.25", &s), Err(ScoreProblem::OffScale));
        assert_eq!(read_score("forty", &s), Err(ScoreProblem::NotANumber));
        assert_eq!(read_score("NaN", &s), Err(ScoreProblem::OffScale));
    }

    #[test]
    fn attendance_survives_a_round_trip_through_its_column_value() {
        for a in Attendance::ALL {
            assert_eq!(Attendance::parse(a.as_str()), Some(a));
        }
        assert_eq!(Attendance::parse("late"), None);
    }
}
