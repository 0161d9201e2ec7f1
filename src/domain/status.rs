//! The application status machine. `as_str` / `parse` are the one mapping to the column value;
//! `may_move` is the guard every status change passes (`services::transitions`), and the sets
//! below say what a candidate may do in which status.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApplicationStatus {
    Draft,
    Submitted,
    UnderReview,
    NeedsCorrection,
    Complete,
    Ranked,
    Admitted,
    Waitlisted,
    Rejected,
    OfferAccepted,
    OfferDeclined,
    Enrolled,
    Expired,
    Withdrawn,
}

impl ApplicationStatus {
    pub const ALL: [ApplicationStatus; 14] = [
        ApplicationStatus::Draft,
        ApplicationStatus::Submitted,
        ApplicationStatus::UnderReview,
        ApplicationStatus::NeedsCorrection,
        ApplicationStatus::Complete,
        ApplicationStatus::Ranked,
        ApplicationStatus::Admitted,
        ApplicationStatus::Waitlisted,
        ApplicationStatus::Rejected,
        ApplicationStatus::OfferAccepted,
        ApplicationStatus::OfferDeclined,
        ApplicationStatus::Enrolled,
        ApplicationStatus::Expired,
        ApplicationStatus::Withdrawn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "draft",
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::UnderReview => "under_review",
            ApplicationStatus::NeedsCorrection => "needs_correction",
            ApplicationStatus::Complete => "complete",
            ApplicationStatus::Ranked => "ranked",
            ApplicationStatus::Admitted => "admitted",
            ApplicationStatus::Waitlisted => "waitlisted",
            ApplicationStatus::Rejected => "rejected",
            ApplicationStatus::OfferAccepted => "offer_accepted",
            ApplicationStatus::OfferDeclined => "offer_declined",
            ApplicationStatus::Enrolled => "enrolled",
            ApplicationStatus::Expired => "expired",
            ApplicationStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<ApplicationStatus> {
        ApplicationStatus::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
    }

    /// Whether an application may move from `self` to `to`. Staying in the same status is not a
    /// move (history notes without a change are written without one).
    pub fn may_move(self, to: ApplicationStatus) -> bool {
        use ApplicationStatus::*;
        match (self, to) {
            (Draft, Submitted | Withdrawn | Expired) => true,
            // A change after submission sends the application back for review.
            (UnderReview | NeedsCorrection | Complete, Submitted) => true,
            (Submitted, UnderReview) | (UnderReview, NeedsCorrection | Complete) => true,
            (NeedsCorrection, UnderReview | Complete) => true,
            (Complete, Ranked) => true,
            (Ranked, Admitted | Waitlisted | Rejected) => true,
            (Waitlisted, Admitted | Rejected) => true,
            (Admitted, OfferAccepted | OfferDeclined) => true,
            (OfferAccepted, Enrolled) => true,
            (from, Withdrawn) => WITHDRAWABLE.contains(&from),
            _ => false,
        }
    }

    /// Still a draft: answers change freely and it can be submitted.
    pub fn is_editable(self) -> bool {
        EDITABLE.contains(&self)
    }

    /// The Fluent message id of the status's human name.
    pub fn message_id(self) -> String {
        format!("status-{}", self.as_str().replace('_', "-"))
    }
}

/// A column value that names no status.
#[derive(Debug, thiserror::Error)]
#[error("unknown application status {0:?}")]
pub struct UnknownStatus(pub String);

impl TryFrom<String> for ApplicationStatus {
    type Error = UnknownStatus;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        ApplicationStatus::parse(&value).ok_or(UnknownStatus(value))
    }
}

impl std::fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Statuses in which the candidate may still change the application's answers.
pub const EDITABLE: [ApplicationStatus; 1] = [ApplicationStatus::Draft];
/// Also changeable when the workflow allows changes after submission.
pub const CHANGEABLE_AFTER_SUBMISSION: [ApplicationStatus; 4] = [
    ApplicationStatus::Submitted,
    ApplicationStatus::UnderReview,
    ApplicationStatus::NeedsCorrection,
    ApplicationStatus::Complete,
];
/// Statuses a candidate may withdraw from (any before a final decision).
pub const WITHDRAWABLE: [ApplicationStatus; 7] = [
    ApplicationStatus::Draft,
    ApplicationStatus::Submitted,
    ApplicationStatus::UnderReview,
    ApplicationStatus::NeedsCorrection,
    ApplicationStatus::Complete,
    ApplicationStatus::Ranked,
    ApplicationStatus::Waitlisted,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_journey_moves_are_allowed_and_nothing_leaves_a_final_status() {
        use ApplicationStatus::*;
        assert!(Draft.may_move(Submitted));
        assert!(Complete.may_move(Submitted));
        assert!(Waitlisted.may_move(Withdrawn));
        assert!(!Submitted.may_move(Draft));
        assert!(!Admitted.may_move(Withdrawn));
        for status in ApplicationStatus::ALL {
            assert!(!status.may_move(status), "{status} to itself");
            for final_status in [Withdrawn, Expired, Rejected, Enrolled, OfferDeclined] {
                assert!(!final_status.may_move(status), "{final_status} to {status}");
            }
        }
    }

    #[test]
    fn every_status_survives_a_round_trip_through_its_column_value() {
        for status in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::parse(status.as_str()), Some(status));
        }
    }
}
