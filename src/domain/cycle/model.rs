//! The definition as written in TOML. Positions of the parts a later check may complain about
//! are kept (`Spanned`), so every problem can name its file and line.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

/// A text in every configured language: `{ pl = "…", en = "…" }`.
pub type Text = BTreeMap<String, String>;

/// The whole definition of one cycle, with the source text of each file it came from.
#[derive(Debug, Clone)]
pub struct Definition {
    pub cycle: CycleFile,
    pub profile: ProfileFile,
    /// Workflows by file name (relative to the configuration directory).
    pub workflows: Vec<(String, WorkflowFile)>,
    /// Programmes by file name.
    pub programs: Vec<(String, ProgramFile)>,
    /// The automation rules (`automation.toml`; none when the file is absent).
    pub automation: crate::domain::automation::AutomationFile,
    /// The messages rules send, by file name (`messages/<name>.toml`).
    pub messages: Vec<(String, crate::domain::messages::MessageFile)>,
    /// File name → its text, for turning byte offsets into line numbers.
    pub sources: BTreeMap<String, String>,
}

impl Definition {
    /// The programme `code`.
    pub fn program(&self, code: &str) -> Option<&ProgramDef> {
        self.programs
            .iter()
            .map(|(_, p)| &p.program)
            .find(|p| p.code.get_ref() == code)
    }

    /// The exams and interviews of programme `code`.
    pub fn exams_of(&self, code: &str) -> &[super::model_exams::ExamDef] {
        self.programs
            .iter()
            .find(|(_, p)| p.program.code.get_ref() == code)
            .map_or(&[], |(_, p)| p.exams.as_slice())
    }

    /// The message `name` (`messages/<name>.toml`).
    pub fn message(&self, name: &str) -> Option<&crate::domain::messages::MessageFile> {
        self.messages
            .iter()
            .find(|(file, _)| crate::domain::messages::name_of(file) == Some(name))
            .map(|(_, m)| m)
    }

    /// The document requirement `key` with the step it is on (the profile first, then the
    /// workflows).
    pub fn requirement(&self, key: &str) -> Option<(&DocumentDef, &str)> {
        self.profile
            .steps
            .iter()
            .chain(self.workflows.iter().flat_map(|(_, w)| &w.steps))
            .find_map(|s| {
                s.documents
                    .iter()
                    .find(|d| d.key.get_ref() == key)
                    .map(|d| (d, s.key.get_ref().as_str()))
            })
    }

    /// The workflow candidates for programme `code` follow.
    pub fn workflow_of(&self, code: &str) -> Option<&WorkflowFile> {
        let program = self.program(code)?;
        self.workflows
            .iter()
            .map(|(_, w)| w)
            .find(|w| w.workflow.code.get_ref() == program.workflow.get_ref())
    }
}

pub const CYCLE_FILE: &str = "cycle.toml";
pub const PROFILE_FILE: &str = "profile.toml";

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CycleFile {
    pub cycle: CycleDef,
    pub university: University,
    #[serde(default)]
    pub faculties: Vec<Faculty>,
    #[serde(default)]
    pub subjects: Vec<Subject>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CycleDef {
    pub code: Spanned<String>,
    pub name: Spanned<Text>,
    /// Languages every text must be given in, e.g. `["pl", "en"]`.
    pub locales: Vec<String>,
    /// `YYYY-MM-DD HH:MM`, Europe/Warsaw.
    pub opens: Spanned<String>,
    pub closes: Spanned<String>,
    /// How many programmes one candidate may apply to (none: no limit).
    pub max_applications: Option<u32>,
    /// Days after `closes` during which a submitted application's fee may still be paid (the
    /// submission counts at its click; the money may come later). None: until `closes`.
    pub payment_grace_days: Option<Spanned<u32>>,
    #[serde(default)]
    pub rounds: Vec<Round>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Round {
    pub number: u32,
    /// `YYYY-MM-DD`
    pub results_published: Spanned<String>,
    pub confirm_by: Spanned<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct University {
    pub name: Spanned<Text>,
    /// `#rrggbb`
    pub accent_color: Spanned<String>,
    pub contact_email: String,
    pub privacy_notice: Spanned<Text>,
    pub privacy_version: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Faculty {
    pub code: Spanned<String>,
    pub name: Spanned<Text>,
}

/// An exam subject; results are entered per subject as basic and extended level percentages.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    pub code: Spanned<String>,
    pub name: Spanned<Text>,
}

/// Steps filled once per candidate and shared by all their applications.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileFile {
    #[serde(default)]
    pub steps: Vec<StepDef>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowFile {
    pub workflow: WorkflowHeader,
    #[serde(default)]
    pub steps: Vec<StepDef>,
    /// What the candidate reads on their application at each status.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageText>,
}

/// The text a candidate reads on an application of this workflow while it has `status`
/// (e.g. what happens next after submission).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StageText {
    /// An application status, e.g. `submitted`.
    pub status: Spanned<String>,
    pub text: Spanned<Text>,
}

impl WorkflowFile {
    /// The stage text for `status`, if the workflow has one.
    pub fn stage_text(&self, status: &str) -> Option<&Text> {
        self.stages
            .iter()
            .find(|s| s.status.get_ref() == status)
            .map(|s| s.text.get_ref())
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct WorkflowHeader {
    pub code: Spanned<String>,
    pub name: Spanned<Text>,
    /// Candidates may still change a submitted application (until a decision); a change sends
    /// it back for review.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub changes_after_submission: bool,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StepDef {
    pub key: Spanned<String>,
    pub title: Spanned<Text>,
    pub intro: Option<Spanned<Text>>,
    pub visible_when: Option<Spanned<String>>,
    #[serde(default)]
    pub fields: Vec<FieldDef>,
    #[serde(default)]
    pub documents: Vec<DocumentDef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    Text,
    LongText,
    Number,
    Date,
    Choice,
    MultiChoice,
    YesNo,
    Country,
    Email,
    Phone,
    Pesel,
    ExamResults,
    PostalCode,
}

impl FieldType {
    pub const ALL: [FieldType; 13] = [
        FieldType::Text,
        FieldType::LongText,
        FieldType::Number,
        FieldType::Date,
        FieldType::Choice,
        FieldType::MultiChoice,
        FieldType::YesNo,
        FieldType::Country,
        FieldType::Email,
        FieldType::Phone,
        FieldType::Pesel,
        FieldType::ExamResults,
        FieldType::PostalCode,
    ];

    /// The name used in the TOML files, e.g. `long_text`.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::LongText => "long_text",
            FieldType::Number => "number",
            FieldType::Date => "date",
            FieldType::Choice => "choice",
            FieldType::MultiChoice => "multi_choice",
            FieldType::YesNo => "yes_no",
            FieldType::Country => "country",
            FieldType::Email => "email",
            FieldType::Phone => "phone",
            FieldType::Pesel => "pesel",
            FieldType::ExamResults => "exam_results",
            FieldType::PostalCode => "postal_code",
        }
    }

    pub fn parse(s: &str) -> Option<FieldType> {
        FieldType::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn is_choice(self) -> bool {
        matches!(self, FieldType::Choice | FieldType::MultiChoice)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldDef {
    pub key: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: FieldType,
    pub label: Spanned<Text>,
    pub hint: Option<Spanned<Text>>,
    #[serde(default)]
    pub required: bool,
    pub required_when: Option<Spanned<String>>,
    pub visible_when: Option<Spanned<String>>,
    pub max_length: Option<u32>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// Postal codes: the country field whose country decides the format. Phone numbers
    /// (optional): the country a number typed without a country code is read in.
    pub country_field: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: Spanned<String>,
    pub label: Spanned<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentType {
    Pdf,
    Jpeg,
    Png,
}

fn default_document_types() -> Vec<DocumentType> {
    vec![DocumentType::Pdf, DocumentType::Jpeg, DocumentType::Png]
}

fn default_max_size_mb() -> u32 {
    10
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentDef {
    pub key: Spanned<String>,
    pub name: Spanned<Text>,
    pub description: Option<Spanned<Text>>,
    /// Why the document is asked for, in words a candidate understands.
    pub reason: Option<Spanned<Text>>,
    #[serde(default = "default_document_types")]
    pub types: Vec<DocumentType>,
    #[serde(default = "default_max_size_mb")]
    pub max_size_mb: u32,
    #[serde(default)]
    pub required: bool,
    pub required_when: Option<Spanned<String>>,
    /// The paper original must be delivered (by `original_due`, `YYYY-MM-DD`).
    #[serde(default)]
    pub original_required: bool,
    pub original_due: Option<Spanned<String>>,
    /// Reasons a reviewer can pick when rejecting an upload (they may also write their own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejection_reasons: Vec<Spanned<Text>>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramFile {
    pub program: ProgramDef,
    /// The exams and interviews the programme requires.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exams: Vec<super::model_exams::ExamDef>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Bachelor,
    Master,
    LongCycle,
    Doctoral,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Bachelor => "bachelor",
            Level::Master => "master",
            Level::LongCycle => "long_cycle",
            Level::Doctoral => "doctoral",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StudyForm {
    FullTime,
    PartTime,
}

impl StudyForm {
    pub fn as_str(self) -> &'static str {
        match self {
            StudyForm::FullTime => "full_time",
            StudyForm::PartTime => "part_time",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MoneyDef {
    /// Decimal amount as text, e.g. `"85.00"`.
    pub amount: Spanned<String>,
    pub currency: Spanned<String>,
}

impl MoneyDef {
    /// The amount, or None when it is written wrongly (validation reports it at its place).
    pub fn money(&self) -> Option<crate::domain::money::Money> {
        crate::domain::money::Money::parse(self.amount.get_ref(), self.currency.get_ref()).ok()
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramDef {
    pub code: Spanned<String>,
    pub name: Spanned<Text>,
    pub description: Option<Spanned<Text>>,
    pub faculty: Spanned<String>,
    pub level: Level,
    pub form: StudyForm,
    /// Language of instruction, e.g. `pl` or `en`.
    pub language: String,
    pub capacity: u32,
    pub fee: MoneyDef,
    /// Yearly tuition; absent for tuition-free programmes.
    pub tuition: Option<MoneyDef>,
    /// Code of the workflow candidates follow.
    pub workflow: Spanned<String>,
    /// CEL: when the application fee is waived (e.g. Karta Polaka holders).
    pub fee_exempt_when: Option<Spanned<String>>,
    /// CEL returning a number: the candidate's points.
    pub points: Option<Spanned<String>>,
    pub points_max: Option<f64>,
    /// Minimum points to be ranked.
    pub threshold: Option<f64>,
    /// Required language certificate level (e.g. `B2`) for candidates who need one.
    pub language_certificate: Option<String>,
}
