//! Bank statements as the portal reads them, whatever the bank's format: the account, the
//! balances and every entry, each credit with the account it was paid into, and the check
//! that a statement adds up, so a truncated file or the wrong file is never half-imported.

use chrono::NaiveDate;

use super::account::Nrb;
use crate::domain::money::Currency;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// SWIFT MT940, as Polish banks send it (often in Windows-1250).
    Mt940,
    /// ISO 20022 `camt.053` XML.
    Camt053,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Mt940 => "mt940",
            Format::Camt053 => "camt053",
        }
    }
}

/// One statement: a bank account over a period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub format: Format,
    /// The statement's own reference (MT940 `:20:` with `:28C:`, camt `Stmt/Id`).
    pub reference: String,
    /// The university's account the statement is of, as written.
    pub account: String,
    pub currency: Currency,
    /// In minor units, signed (a debit balance is negative).
    pub opening: i64,
    pub closing: i64,
    pub entries: Vec<Entry>,
}

/// One booked entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Money in (a credit, or the reversal of a debit); false for money out.
    pub credit: bool,
    /// Positive, in minor units.
    pub amount_minor: i64,
    /// The day the payer's transfer counts from (the value date).
    pub value_date: NaiveDate,
    /// The bank's reference of the entry, when it gives one.
    pub bank_reference: String,
    /// Who paid, as the bank writes it.
    pub payer: String,
    /// The transfer title.
    pub title: String,
    /// Account numbers the entry names (the account paid into among them); a number with wrong
    /// check digits is kept as its digits.
    pub accounts: Vec<Result<Nrb, String>>,
    /// The entry's position in the statement, from 1.
    pub position: usize,
}

/// Why a statement file is refused; nothing of it is imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatementProblem {
    #[error("the file is neither UTF-8 nor Windows-1250 text (is it UTF-16 or a binary file?)")]
    Encoding,
    #[error("line {line}: {what}")]
    Malformed { line: usize, what: String },
    #[error("the file ends before the statement's closing balance (truncated?)")]
    Truncated,
    #[error(
        "the entries do not add up: opening {opening} plus entries {entries} is not the closing \
         balance {closing} (minor units)"
    )]
    Unbalanced {
        opening: i64,
        entries: i64,
        closing: i64,
    },
    #[error("the statement's account {0} has wrong check digits")]
    AccountCheckDigits(String),
    #[error("the file holds no statement")]
    Empty,
}

impl Statement {
    /// The statement adds up (opening balance and entries make the closing balance) and its
    /// account, when it is an IBAN or NRB, has valid check digits.
    pub fn check(&self) -> Result<(), StatementProblem> {
        let entries: i64 = self
            .entries
            .iter()
            .map(|e| {
                if e.credit {
                    e.amount_minor
                } else {
                    -e.amount_minor
                }
            })
            .sum();
        if self.opening + entries != self.closing {
            return Err(StatementProblem::Unbalanced {
                opening: self.opening,
                entries,
                closing: self.closing,
            });
        }
        let compact: String = self
            .account
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let digits = compact.strip_prefix("PL").unwrap_or(&compact);
        if digits.len() == 26 && digits.chars().all(|c| c.is_ascii_digit()) {
            Nrb::parse(digits)
                .map_err(|_| StatementProblem::AccountCheckDigits(self.account.clone()))?;
        } else if compact.len() > 4 && compact[..2].chars().all(|c| c.is_ascii_uppercase()) {
            compact
                .parse::<iban::Iban>()
                .map_err(|_| StatementProblem::AccountCheckDigits(self.account.clone()))?;
        }
        Ok(())
    }
}

/// Reads an amount written with a comma or a dot before the grosze (`1234,56`, `85.00`, `85,`)
/// into minor units.
pub fn amount(text: &str) -> Option<i64> {
    crate::domain::money::parse_minor(text, &[',', '.'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_take_a_comma_or_a_dot() {
        assert_eq!(amount("1234,56"), Some(123_456));
        assert_eq!(amount("85,"), Some(8500));
        assert_eq!(amount("85.5"), Some(8550));
        assert_eq!(amount("85"), Some(8500));
        for wrong in ["", ",50", "8,555", "-5,00", "1 000,00"] {
            assert_eq!(amount(wrong), None, "{wrong}");
        }
    }
}
