//! Refunds: money given back on a paid fee. What a refund request must satisfy (a reason, an
//! amount no larger than what is left, an account to send a transfer to), the states a refund
//! goes through, and the fee's status once refunds are completed.

use super::account::Nrb;
use super::FeeStatus;
use crate::domain::money::parse_minor;

/// Where a refund stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefundState {
    /// Asked of the gateway; its confirmation has not come yet.
    Requested,
    /// A bank transfer the finance office is to make.
    ToSend,
    Completed,
    /// The gateway refused it or could not be reached: nothing was given back.
    Failed,
}

impl RefundState {
    pub const ALL: [RefundState; 4] = [
        RefundState::Requested,
        RefundState::ToSend,
        RefundState::Completed,
        RefundState::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RefundState::Requested => "requested",
            RefundState::ToSend => "to_send",
            RefundState::Completed => "completed",
            RefundState::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<RefundState> {
        RefundState::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Whether the refund's amount is spoken for: everything but a failed one.
    pub fn counts(self) -> bool {
        self != RefundState::Failed
    }

    /// Not finished yet: it may still complete or fail.
    pub fn is_open(self) -> bool {
        matches!(self, RefundState::Requested | RefundState::ToSend)
    }

    /// The Fluent message id of the state's human name.
    pub fn message_id(self) -> String {
        format!("refund-state-{}", self.as_str().replace('_', "-"))
    }
}

/// A column value that names no refund state.
#[derive(Debug, thiserror::Error)]
#[error("unknown refund state {0:?}")]
pub struct UnknownRefundState(pub String);

impl TryFrom<String> for RefundState {
    type Error = UnknownRefundState;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        RefundState::parse(&value).ok_or(UnknownRefundState(value))
    }
}

/// What is wrong with a refund request, each at the field it is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RefundProblem {
    #[error("the amount is not a sum like 85.00")]
    AmountUnreadable,
    #[error("the amount is zero")]
    AmountZero,
    #[error("the amount is more than is left to refund")]
    MoreThanLeft,
    #[error("no reason was given")]
    ReasonMissing,
    #[error("the account number is missing or its check digits do not match")]
    AccountInvalid,
    #[error("the fee is not paid, or is refunded already")]
    NotRefundable,
    #[error("the payment is not a second payment of the fee, or is given back already")]
    NotExtra,
    #[error("nothing is left over on this transfer")]
    NoBalance,
}

impl RefundProblem {
    /// The form field the problem is shown at.
    pub fn field(self) -> &'static str {
        match self {
            RefundProblem::AmountUnreadable
            | RefundProblem::AmountZero
            | RefundProblem::MoreThanLeft
            | RefundProblem::NotRefundable => "amount",
            RefundProblem::ReasonMissing => "reason",
            RefundProblem::AccountInvalid => "account",
            RefundProblem::NotExtra => "payment",
            RefundProblem::NoBalance => "credit",
        }
    }

    /// The Fluent message id of its explanation.
    pub fn message_id(self) -> &'static str {
        match self {
            RefundProblem::AmountUnreadable => "refund-error-amount",
            RefundProblem::AmountZero => "refund-error-zero",
            RefundProblem::MoreThanLeft => "refund-error-more-than-left",
            RefundProblem::ReasonMissing => "refund-error-reason",
            RefundProblem::AccountInvalid => "refund-error-account",
            RefundProblem::NotRefundable => "refund-error-not-refundable",
            RefundProblem::NotExtra => "refund-error-not-extra",
            RefundProblem::NoBalance => "refund-error-no-balance",
        }
    }
}

/// Whether a fee in `status` may have money given back.
pub fn refundable(status: FeeStatus) -> bool {
    matches!(status, FeeStatus::Paid | FeeStatus::PartiallyRefunded)
}

/// Reads the amount as the finance office types it (`85`, `85.00` or `85,00`) and checks it
/// against what is `left` to refund (minor units).
pub fn read_amount(text: &str, left: i64) -> Result<i64, RefundProblem> {
    let minor = parse_minor(text, &['.', ',']).ok_or(RefundProblem::AmountUnreadable)?;
    if minor == 0 {
        return Err(RefundProblem::AmountZero);
    }
    if minor > left {
        return Err(RefundProblem::MoreThanLeft);
    }
    Ok(minor)
}

/// Reads the account a refund transfer goes to: a Polish account number (26 digits, with or
/// without `PL`) or any IBAN, whose check digits must hold. The answer is the IBAN, unspaced.
pub fn read_account(text: &str) -> Result<String, RefundProblem> {
    let compact: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
        .collect::<String>()
        .to_ascii_uppercase();
    if compact.chars().next().is_some_and(|c| c.is_ascii_digit()) || compact.starts_with("PL") {
        return Nrb::parse(&compact)
            .map(|nrb| nrb.iban())
            .map_err(|_| RefundProblem::AccountInvalid);
    }
    use iban::IbanLike;
    compact
        .parse::<iban::Iban>()
        .map(|iban| iban.electronic_str().to_owned())
        .map_err(|_| RefundProblem::AccountInvalid)
}

/// The fee's status once `completed` (minor units) of the `paid` amount has been given back.
pub fn status_after(paid: i64, completed: i64) -> FeeStatus {
    if completed >= paid {
        FeeStatus::Refunded
    } else {
        FeeStatus::PartiallyRefunded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_is_read_in_either_decimal_mark_and_never_above_what_is_left() {
        assert_eq!(read_amount("85", 8500), Ok(8500));
        assert_eq!(read_amount("42,50", 8500), Ok(4250));
        assert_eq!(read_amount(" 42.5 ", 8500), Ok(4250));
        assert_eq!(read_amount("85.01", 8500), Err(RefundProblem::MoreThanLeft));
        assert_eq!(read_amount("0", 8500), Err(RefundProblem::AmountZero));
        for bad in ["", "-5", "ten", "1.234", "1 000"] {
            assert_eq!(
                read_amount(bad, 8500),
                Err(RefundProblem::AmountUnreadable),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn an_account_is_an_nrb_or_an_iban_with_check_digits_that_hold() {
        assert_eq!(
            read_account("61 1090 1014 0000 0712 1981 2874"),
            Ok("PL61109010140000071219812874".to_owned())
        );
        assert_eq!(
            read_account("pl61109010140000071219812874"),
            Ok("PL61109010140000071219812874".to_owned())
        );
        assert_eq!(
            read_account("DE89 3704 0044 0532 0130 00"),
            Ok("DE89370400440532013000".to_owned())
        );
        for bad in [
            "",
            "62 1090 1014 0000 0712 1981 2874",
            "DE88 3704 0044 0532 0130 00",
            "123",
        ] {
            assert_eq!(
                read_account(bad),
                Err(RefundProblem::AccountInvalid),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn a_fee_is_refunded_when_all_of_it_is_given_back() {
        assert_eq!(status_after(8500, 8500), FeeStatus::Refunded);
        assert_eq!(status_after(8500, 4000), FeeStatus::PartiallyRefunded);
        assert!(refundable(FeeStatus::Paid));
        assert!(refundable(FeeStatus::PartiallyRefunded));
        assert!(!refundable(FeeStatus::Refunded));
        assert!(!refundable(FeeStatus::Due));
        for state in RefundState::ALL {
            assert_eq!(RefundState::parse(state.as_str()), Some(state));
        }
        assert!(!RefundState::Failed.counts());
    }
}
