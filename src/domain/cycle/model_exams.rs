//! The exams and interviews a programme requires, as written in its file: `[[exams]]` with
//! their `[[exams.sessions]]`. Times are `YYYY-MM-DD HH:MM`, Europe/Warsaw.

use super::model::Text;
use serde::{Deserialize, Serialize};
use toml::Spanned;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExamKind {
    Exam,
    Interview,
}

impl ExamKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ExamKind::Exam => "exam",
            ExamKind::Interview => "interview",
        }
    }
}

/// From which point of the application a session may be booked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BookAfter {
    /// As soon as the application is started.
    Start,
    /// Once the application is submitted (the default).
    #[default]
    Submission,
}

fn default_change_until_hours() -> u32 {
    24
}

fn default_max_moves() -> u32 {
    2
}

fn default_offer_hours() -> u32 {
    24
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ExamDef {
    pub key: Spanned<String>,
    pub kind: ExamKind,
    pub name: Spanned<Text>,
    /// How long one session lasts.
    pub duration_minutes: Spanned<u32>,
    /// Required of every candidate of the programme, unless `required_when` says when.
    #[serde(default)]
    pub required: bool,
    pub required_when: Option<Spanned<String>>,
    #[serde(default)]
    pub book_after: BookAfter,
    /// When booking opens and closes.
    pub booking_opens: Spanned<String>,
    pub booking_closes: Spanned<String>,
    /// Until how many hours before a session its booking may be cancelled or moved.
    #[serde(default = "default_change_until_hours")]
    pub change_until_hours: u32,
    /// How many times one booking may be moved to another session.
    #[serde(default = "default_max_moves")]
    pub max_moves: u32,
    /// How long a seat freed in a full session is held for the first candidate waiting for
    /// it before it passes to the next.
    #[serde(default = "default_offer_hours")]
    pub offer_hours: u32,
    /// What to bring, said in the invitation and on the booking page.
    pub bring: Option<Spanned<Text>>,
    /// The scores examiners give; an exam without one is only attended (no score).
    pub scale: Option<Spanned<ScaleDef>>,
    /// Two examiners score each candidate and the score is their average.
    #[serde(default)]
    pub second_examiner: bool,
    #[serde(default)]
    pub sessions: Vec<SessionDef>,
}

/// The range of an exam's scores (both ends allowed), in steps of `step`.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScaleDef {
    pub min: f64,
    pub max: f64,
    #[serde(default = "default_step")]
    pub step: f64,
}

fn default_step() -> f64 {
    1.0
}

impl ScaleDef {
    /// Whether `score` is on the scale: within its ends and on one of its steps.
    pub fn allows(&self, score: f64) -> bool {
        if !score.is_finite() || score < self.min || score > self.max {
            return false;
        }
        let steps = (score - self.min) / self.step;
        (steps - steps.round()).abs() < 1e-6
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SessionDef {
    /// Stable within its exam: bookings name it.
    pub key: Spanned<String>,
    /// `YYYY-MM-DD HH:MM`, Europe/Warsaw.
    pub starts: Spanned<String>,
    /// Where, in words (building and address).
    pub place: Option<Spanned<Text>>,
    /// The room; two sessions in one room may not overlap.
    pub room: Option<Spanned<String>>,
    /// For a session held online: the `https://` link.
    pub online_link: Option<Spanned<String>>,
    pub capacity: Spanned<u32>,
    /// A cancelled session takes no bookings; those it had are cancelled.
    #[serde(default)]
    pub cancelled: bool,
}

impl ExamDef {
    pub fn session(&self, key: &str) -> Option<&SessionDef> {
        self.sessions.iter().find(|s| s.key.get_ref() == key)
    }
}
