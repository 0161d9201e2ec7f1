//! A problem found in a definition: its file and line for people, its part and value for the
//! editor, which shows it at the form field it is about.

/// Languages the portal itself speaks; configured texts may only use these.
pub const SUPPORTED_LOCALES: [&str; 2] = ["pl", "en"];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
    /// What the problem is about, so an editor form can show it at its input without reading
    /// the message.
    pub at: Location,
}

/// The owner of the profile's steps, fields and documents (workflows are named by their code).
pub const PROFILE_OWNER: &str = "profile";

/// A part of the definition a problem can be about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// A whole file (it cannot be read or parsed).
    File,
    /// `cycle.toml`: the cycle, university, faculties, subjects and rounds.
    Cycle,
    Workflow(String),
    Programme(String),
    /// A step, field or document of the profile (`owner` = [`PROFILE_OWNER`]) or of the
    /// workflow `owner`.
    Step {
        owner: String,
        key: String,
    },
    Field {
        owner: String,
        key: String,
    },
    Document {
        owner: String,
        key: String,
    },
    /// An exam or interview of the programme `programme`, or one of its sessions.
    Exam {
        programme: String,
        key: String,
    },
    /// An automation rule of `automation.toml`, by its id.
    Rule(String),
    /// A message of `messages/`, by its name.
    Message(String),
}

impl Part {
    pub fn at(self, field: &'static str) -> Location {
        Location { part: self, field }
    }
}

/// Which part, and which of its values (`points`, `fee.amount`, `required_when`, `label`, …).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub part: Part,
    pub field: &'static str,
}

impl Location {
    /// A problem with a file as a whole, e.g. a syntax error.
    pub fn file() -> Self {
        Part::File.at("")
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// 1-based line of a byte offset in a text.
pub fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}
