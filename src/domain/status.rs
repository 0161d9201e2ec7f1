//! The application status machine. `as_str` / `parse` are the one mapping to the column value;
//! transitions are added with the application journey.

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

    /// The Fluent message id of the status's human name.
    pub fn message_id(self) -> String {
        format!("status-{}", self.as_str().replace('_', "-"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_survives_a_round_trip_through_its_column_value() {
        for status in ApplicationStatus::ALL {
            assert_eq!(ApplicationStatus::parse(status.as_str()), Some(status));
        }
    }
}
