//! Individual bank account numbers. Each candidate pays into a Polish account number (NRB) of
//! their own: the bank's sort code and the university's fixed virtual-account prefix (from the
//! settings), then the candidate's number, with the two check digits of the IBAN rule in front.
//! A credit on a statement names the account it was paid into, which names the candidate.

/// A Polish account number: 26 digits (2 check digits, an 8-digit sort code, 16 digits of
/// account) whose check digits hold as an IBAN `PL…`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Nrb(String);

/// Why text is not an account number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NrbProblem {
    #[error("an account number has 26 digits")]
    Length,
    #[error("the check digits do not match the account number")]
    CheckDigits,
}

impl Nrb {
    /// Reads an account number as people write it: with or without `PL`, spaces or dashes.
    pub fn parse(text: &str) -> Result<Nrb, NrbProblem> {
        let text = text.trim();
        let text = text
            .strip_prefix("PL")
            .or_else(|| text.strip_prefix("pl"))
            .unwrap_or(text);
        let digits: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{a0}'))
            .collect();
        if digits.len() != 26 || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(NrbProblem::Length);
        }
        // The IBAN crate is the check: structure, length for Poland and mod 97.
        format!("PL{digits}")
            .parse::<iban::Iban>()
            .map_err(|_| NrbProblem::CheckDigits)?;
        Ok(Nrb(digits))
    }

    /// The 26 digits.
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// As an IBAN without spaces: `PL61109010140000071219812874`.
    pub fn iban(&self) -> String {
        format!("PL{}", self.0)
    }

    /// As printed on Polish transfer forms: `61 1090 1014 0000 0712 1981 2874`.
    pub fn grouped(&self) -> String {
        let (check, rest) = self.0.split_at(2);
        let mut out = check.to_owned();
        for (i, c) in rest.chars().enumerate() {
            if i % 4 == 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    }
}

impl std::fmt::Display for Nrb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.grouped())
    }
}

/// The two check digits for the 24 digits after them: 98 minus the remainder by 97 of the
/// digits followed by `PL00` written as digits (P = 25, L = 21).
fn check_digits(bban: &str) -> u32 {
    let remainder = bban
        .chars()
        .chain("252100".chars())
        .filter_map(|c| c.to_digit(10))
        .fold(0u32, |acc, d| (acc * 10 + d) % 97);
    98 - remainder
}

/// How candidates' account numbers are made: the sort code and the fixed prefix the bank gave
/// the university, followed by the candidate's number padded with zeros.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountPlan {
    prefix: String,
}

/// Why a configured account prefix cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlanProblem {
    #[error(
        "the account prefix must be the 8-digit sort code and at most 10 more digits, \
         leaving at least 6 digits for candidate numbers"
    )]
    Length,
}

/// The shortest prefix (the sort code alone) and the longest (leaving six digits, a million
/// candidates).
const PREFIX_DIGITS: std::ops::RangeInclusive<usize> = 8..=18;

impl AccountPlan {
    pub fn parse(prefix: &str) -> Result<AccountPlan, PlanProblem> {
        let prefix: String = prefix.chars().filter(|c| *c != ' ').collect();
        if !PREFIX_DIGITS.contains(&prefix.len()) || !prefix.chars().all(|c| c.is_ascii_digit()) {
            return Err(PlanProblem::Length);
        }
        Ok(AccountPlan { prefix })
    }

    fn number_digits(&self) -> usize {
        24 - self.prefix.len()
    }

    /// Candidate number `number`'s account; None when the number does not fit.
    pub fn account(&self, number: i64) -> Option<Nrb> {
        let width = self.number_digits();
        let number = u64::try_from(number).ok()?;
        let text = format!("{number:0width$}");
        if text.len() != width {
            return None;
        }
        let bban = format!("{}{text}", self.prefix);
        Some(Nrb(format!("{:02}{bban}", check_digits(&bban))))
    }

    /// Whether 26 digits (their check digits right or not) carry this plan's prefix: a
    /// candidate's account, perhaps mistyped.
    pub fn has_prefix(&self, digits: &str) -> bool {
        digits.len() == 26
            && digits
                .get(2..)
                .is_some_and(|rest| rest.starts_with(&self.prefix))
    }

    /// The candidate number an account of this plan was made for; None for any other account.
    pub fn number_of(&self, account: &Nrb) -> Option<i64> {
        let rest = account.digits().get(2..)?.strip_prefix(&self.prefix)?;
        rest.parse().ok()
    }
}

/// Every account number written in `text`: 26 digits, together or in the printed groups,
/// with or without `PL`. Numbers whose check digits fail are returned as their problem, so a
/// mistyped account is told apart from none.
pub fn accounts_in(text: &str) -> Vec<Result<Nrb, String>> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit());
        if !starts {
            i += 1;
            continue;
        }
        // Digits, allowing a single space between groups.
        let mut digits = String::new();
        let mut end = i;
        while end < bytes.len() {
            let b = bytes[end];
            if b.is_ascii_digit() {
                digits.push(char::from(b));
                end += 1;
            } else if b == b' ' && end + 1 < bytes.len() && bytes[end + 1].is_ascii_digit() {
                end += 1;
            } else {
                break;
            }
        }
        if digits.len() == 26 {
            found.push(Nrb::parse(&digits).map_err(|_| digits.clone()));
        } else if digits.len() > 26 {
            // Grouped text running into other numbers: look for an unspaced run of 26.
            let run: String = text[i..end]
                .split(' ')
                .find(|part| part.len() == 26)
                .unwrap_or_default()
                .to_owned();
            if !run.is_empty() {
                found.push(Nrb::parse(&run).map_err(|_| run.clone()));
            }
        }
        i = end.max(i + 1);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_account_numbers_are_read_and_their_check_digits_held() {
        // The example account numbers Polish banks print in their documentation.
        let nrb = Nrb::parse("PL61 1090 1014 0000 0712 1981 2874").expect("valid");
        assert_eq!(nrb.digits(), "61109010140000071219812874");
        assert_eq!(nrb.grouped(), "61 1090 1014 0000 0712 1981 2874");
        assert_eq!(nrb.iban(), "PL61109010140000071219812874");
        assert_eq!(
            Nrb::parse("62109010140000071219812874"),
            Err(NrbProblem::CheckDigits)
        );
        assert_eq!(Nrb::parse("6110901014"), Err(NrbProblem::Length));
        assert_eq!(
            Nrb::parse("61-1090-1014-0000-0712-1981-2874").map(|n| n.iban()),
            Ok("PL61109010140000071219812874".to_owned())
        );
    }

    #[test]
    fn every_candidate_account_has_valid_check_digits_and_names_its_candidate() {
        let plan = AccountPlan::parse("1090 1014 2026").expect("plan");
        for number in [0, 1, 7, 42, 999, 123_456, 999_999_999_999] {
            let account = plan.account(number).expect("fits");
            assert_eq!(account.digits().len(), 26);
            // The IBAN crate agrees with the check digits made here.
            assert_eq!(Nrb::parse(&account.iban()).as_ref(), Ok(&account));
            assert_eq!(plan.number_of(&account), Some(number));
        }
        assert_eq!(plan.account(1_000_000_000_000), None, "too long");
        assert_eq!(plan.account(-1), None);
        let other = AccountPlan::parse("10901014").expect("plan");
        let foreign = other.account(5).expect("fits");
        assert_eq!(plan.number_of(&foreign), None, "another prefix is not ours");
        assert_eq!(AccountPlan::parse("1090"), Err(PlanProblem::Length));
        assert_eq!(
            AccountPlan::parse("1090101420262026202"),
            Err(PlanProblem::Length)
        );
    }

    #[test]
    fn accounts_are_found_in_free_text_however_written() {
        let text = "~31PL61109010140000071219812874~32Jan: 20:44:45 \
                    na 61 1090 1014 0000 0712 1981 2874, zle 62109010140000071219812874 tel 600700800";
        let found = accounts_in(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].is_ok() && found[1].is_ok());
        assert_eq!(found[2], Err("62109010140000071219812874".to_owned()));
    }
}
