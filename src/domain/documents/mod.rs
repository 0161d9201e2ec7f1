//! Documents a candidate uploads for a requirement: the status of each version, the rule of who
//! may replace or remove one, and (in `inspect`) what an uploaded file really is.

pub mod inspect;
mod jpeg;

use crate::domain::ids::{ApplicationId, RequirementKey};
use crate::domain::UserId;

/// The place one document fills: a candidate's requirement on one application, or (with no
/// application) on the profile that every application of the candidate shares. Each upload is
/// a new version in its slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub candidate: UserId,
    pub application: Option<ApplicationId>,
    pub requirement: RequirementKey,
}

/// The status of one uploaded version. `as_str` / `parse` are the one mapping to the column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentStatus {
    /// Waiting for a reviewer.
    Submitted,
    Accepted,
    /// Rejected with a reason; the candidate sends a corrected version.
    Rejected,
    /// An earlier version, superseded by a newer upload.
    Replaced,
    /// Removed by the candidate.
    Deleted,
}

impl DocumentStatus {
    pub const ALL: [DocumentStatus; 5] = [
        DocumentStatus::Submitted,
        DocumentStatus::Accepted,
        DocumentStatus::Rejected,
        DocumentStatus::Replaced,
        DocumentStatus::Deleted,
    ];

    /// The statuses of the version that counts for its requirement (at most one at a time).
    pub const CURRENT: [DocumentStatus; 3] = [
        DocumentStatus::Submitted,
        DocumentStatus::Accepted,
        DocumentStatus::Rejected,
    ];

    /// The statuses a new upload replaces and a removal deletes: not yet accepted.
    pub const OPEN: [DocumentStatus; 2] = [DocumentStatus::Submitted, DocumentStatus::Rejected];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::Submitted => "submitted",
            DocumentStatus::Accepted => "accepted",
            DocumentStatus::Rejected => "rejected",
            DocumentStatus::Replaced => "replaced",
            DocumentStatus::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<DocumentStatus> {
        DocumentStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// The Fluent id of its name in the reviewers' version list.
    pub fn message_id(self) -> String {
        format!("documents-review-status-{}", self.as_str())
    }
}

/// A column value that names no document status.
#[derive(Debug, thiserror::Error)]
#[error("unknown document status {0:?}")]
pub struct UnknownDocumentStatus(pub String);

impl TryFrom<String> for DocumentStatus {
    type Error = UnknownDocumentStatus;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        DocumentStatus::parse(&value).ok_or(UnknownDocumentStatus(value))
    }
}

/// The latest upload for a document requirement, as the checklist and step pages need it.
#[derive(Debug, Clone)]
pub struct LatestDocument {
    pub requirement: String,
    /// One of `DocumentStatus::CURRENT`.
    pub status: DocumentStatus,
    /// The name it was uploaded under (for display).
    pub file_name: String,
    /// Why it was rejected (and by when a correction is due), for the candidate.
    pub review_note: Option<String>,
    pub correction_due: Option<chrono::NaiveDate>,
    /// The day the paper original was received.
    pub original_received_on: Option<chrono::NaiveDate>,
}

/// What a candidate wants to do with a requirement's document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Upload a new version (the first, or one replacing the current).
    Replace,
    Remove,
}

/// Why a candidate may not change a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// It was accepted: it stays as it is.
    Accepted,
    /// The answers can no longer change (submitted) and the document was not rejected.
    Locked,
}

/// Whether the candidate may make `change` to a document whose current version has `current`
/// status, when the answers of its step may change now (`answers_open`: a profile step, a
/// draft, or a workflow that allows changes after submission). A rejected document can always
/// be corrected by a new version; an accepted one never changes.
pub fn may_change(
    change: Change,
    current: Option<DocumentStatus>,
    answers_open: bool,
) -> Result<(), Refused> {
    match (change, current) {
        (_, Some(DocumentStatus::Accepted)) => Err(Refused::Accepted),
        (Change::Replace, Some(DocumentStatus::Rejected)) => Ok(()),
        _ if answers_open => Ok(()),
        _ => Err(Refused::Locked),
    }
}

/// Why an upload was refused; the candidate reads why at the document's upload field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    TooLarge {
        max_mb: u32,
    },
    Empty,
    WrongType,
    /// Also a web page or an archive, whatever its first bytes say.
    Polyglot,
    Damaged,
    TooManyPixels {
        megapixels: u64,
    },
    /// The malware scanner found `signature` (the file's SHA-256 is kept for the record).
    Infected {
        signature: String,
        sha256: String,
    },
    /// Scanning is configured but the scanner could not be used: nothing unscanned is stored.
    ScanUnavailable,
    /// The candidate's stored files would pass their quota.
    Quota,
    NoFile,
    /// The application was submitted: its documents can no longer be changed here.
    Locked,
    /// Accepted documents stay as they are.
    Accepted,
}

impl From<Refused> for Refusal {
    fn from(refused: Refused) -> Refusal {
        match refused {
            Refused::Accepted => Refusal::Accepted,
            Refused::Locked => Refusal::Locked,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_survives_a_round_trip_through_its_column_value() {
        for status in DocumentStatus::ALL {
            assert_eq!(DocumentStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(DocumentStatus::parse("lost"), None);
    }

    #[test]
    fn an_accepted_document_never_changes_and_a_rejected_one_is_corrected_after_submission() {
        use DocumentStatus::*;
        for open in [true, false] {
            assert_eq!(
                may_change(Change::Replace, Some(Accepted), open),
                Err(Refused::Accepted)
            );
            assert_eq!(
                may_change(Change::Remove, Some(Accepted), open),
                Err(Refused::Accepted)
            );
            assert_eq!(may_change(Change::Replace, Some(Rejected), open), Ok(()));
        }
        assert_eq!(may_change(Change::Replace, None, true), Ok(()));
        assert_eq!(may_change(Change::Replace, Some(Submitted), true), Ok(()));
        assert_eq!(
            may_change(Change::Replace, Some(Submitted), false),
            Err(Refused::Locked)
        );
        assert_eq!(
            may_change(Change::Remove, Some(Rejected), false),
            Err(Refused::Locked)
        );
    }
}
