//! Pure types and rules: no actix, no diesel. Values here can only be built through their
//! parsing constructors, so holding one means it is valid.

pub mod account;
pub mod answers;
pub mod automation;
pub mod branding;
pub mod catalogue;
pub mod checklist;
pub mod cycle;
pub mod documents;
pub mod exams;
pub mod history;
pub mod ids;
pub mod locale;
pub mod messages;
pub mod money;
pub mod payments;
pub mod points;
pub mod role;
pub mod sms;
pub mod status;
pub mod text;
pub mod values;

pub use account::{EmailAddress, NewPassword};
pub use locale::Locale;
pub use role::Role;
pub use status::ApplicationStatus;

/// A user's id (a UUID stored as text).
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct UserId(pub String);

impl UserId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for UserId {
    fn from(value: String) -> UserId {
        UserId(value)
    }
}

impl std::fmt::Display for UserId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
