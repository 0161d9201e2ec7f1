//! Identifiers as types, so a finder says what it takes: `find_owned(&ApplicationId, &UserId)`
//! cannot be called with the two swapped, and a document key is not a programme code.

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(value: impl Into<String>) -> $name {
                $name(value.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> $name {
                $name(value)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> $name {
                $name(value.to_owned())
            }
        }
    };
}

id_type!(
    /// An application (a UUID stored as text).
    ApplicationId
);
id_type!(
    /// One uploaded version of a document.
    DocumentId
);
id_type!(
    /// A version of the cycle definition (published or draft).
    CycleVersionId
);
id_type!(
    /// A programme's code in the cycle definition, e.g. `informatyka-s1`.
    ProgrammeCode
);
id_type!(
    /// A document requirement's key, e.g. `olympiad_certificate`.
    RequirementKey
);

/// Candidates are users: the owner of an application or a document is a `UserId`.
pub type CandidateId = super::UserId;
id_type!(
    /// A booking of an exam or interview session (also its calendar UID's first part).
    BookingId
);
id_type!(
    /// An exam's or interview's key in its programme, e.g. `drawing`.
    ExamKey
);
id_type!(
    /// A session's key in its exam, e.g. `2027-07-05-am`.
    SessionKey
);
