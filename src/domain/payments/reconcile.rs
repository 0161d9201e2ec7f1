//! Matching credits on a statement to fee orders: which credit is which (so none is counted
//! twice), what a credit pays (oldest fee first), and why a credit is left for staff.

use sha2::{Digest, Sha256};

use super::statement::{Entry, Statement};

/// Where a credit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CreditState {
    /// It paid fees, all of it.
    Matched,
    /// Its candidate is known and money is left over (an overpayment): refundable.
    Balance,
    /// In the staff queue; the reason says why.
    Unmatched,
}

impl CreditState {
    pub fn as_str(self) -> &'static str {
        match self {
            CreditState::Matched => "matched",
            CreditState::Balance => "balance",
            CreditState::Unmatched => "unmatched",
        }
    }

    pub fn parse(s: &str) -> Option<CreditState> {
        [
            CreditState::Matched,
            CreditState::Balance,
            CreditState::Unmatched,
        ]
        .into_iter()
        .find(|st| st.as_str() == s)
    }
}

/// Why a credit was not matched automatically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmatched {
    /// It names none of the candidates' account numbers.
    NoAccount,
    /// It names an account number whose check digits are wrong.
    CheckDigits,
    /// It names a candidate's account, but no unpaid fee of theirs fits the amount.
    AmountShort,
    /// It names a candidate's account, but no fee of theirs is in its currency (none is due
    /// yet, or their fees are in another currency).
    NothingDue,
}

impl Unmatched {
    pub fn as_str(self) -> &'static str {
        match self {
            Unmatched::NoAccount => "no-account",
            Unmatched::CheckDigits => "check-digits",
            Unmatched::AmountShort => "amount-short",
            Unmatched::NothingDue => "nothing-due",
        }
    }

    pub fn parse(s: &str) -> Option<Unmatched> {
        [
            Unmatched::NoAccount,
            Unmatched::CheckDigits,
            Unmatched::AmountShort,
            Unmatched::NothingDue,
        ]
        .into_iter()
        .find(|u| u.as_str() == s)
    }

    /// The Fluent message id that explains it to staff.
    pub fn message_id(self) -> String {
        format!("credit-unmatched-{}", self.as_str())
    }
}

/// What identifies a credit, however often it is imported: the bank's reference of the entry
/// when it gives one, else the statement's reference and the entry's place in it; with the
/// account, day, amount and currency.
pub fn fingerprint(statement: &Statement, entry: &Entry) -> String {
    let identity = if entry.bank_reference.is_empty() {
        format!("{}#{}", statement.reference, entry.position)
    } else {
        entry.bank_reference.clone()
    };
    let mut hash = Sha256::new();
    for part in [
        statement.account.as_str(),
        statement.currency.code(),
        &identity,
        &entry.value_date.to_string(),
        &entry.amount_minor.to_string(),
    ] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// What a credit of `amount` pays of the unpaid fees `due` (id and amount, oldest first):
/// each fee it covers whole, oldest first, skipping a fee larger than what is left; and what is
/// left over.
pub fn allocate<'a>(amount: i64, due: &[(&'a str, i64)]) -> (Vec<(&'a str, i64)>, i64) {
    let mut left = amount;
    let mut paid = Vec::new();
    for (id, fee) in due {
        if *fee > 0 && *fee <= left {
            paid.push((*id, *fee));
            left -= fee;
        }
    }
    (paid, left)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transfer_pays_whole_fees_oldest_first_and_the_rest_is_left_over() {
        let due = [("old", 8500), ("big", 20_000), ("new", 8500)];
        assert_eq!(allocate(8500, &due), (vec![("old", 8500)], 0));
        assert_eq!(
            allocate(17_000, &due),
            (vec![("old", 8500), ("new", 8500)], 0)
        );
        assert_eq!(
            allocate(30_000, &due),
            (vec![("old", 8500), ("big", 20_000)], 1500)
        );
        assert_eq!(allocate(8000, &due), (vec![], 8000), "short of every fee");
        assert_eq!(allocate(8500, &[]), (vec![], 8500));
    }

    #[test]
    fn states_and_reasons_survive_their_column_values() {
        for s in [
            CreditState::Matched,
            CreditState::Balance,
            CreditState::Unmatched,
        ] {
            assert_eq!(CreditState::parse(s.as_str()), Some(s));
        }
        for u in [
            Unmatched::NoAccount,
            Unmatched::CheckDigits,
            Unmatched::AmountShort,
            Unmatched::NothingDue,
        ] {
            assert_eq!(Unmatched::parse(u.as_str()), Some(u));
        }
    }
}
