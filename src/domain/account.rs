//! Account credentials: an email address and a new password, each valid by construction.

use super::text::TextProblem;
use super::values::{parse_email, ValueError};

/// A syntactically valid email address, trimmed and lower-cased so that one address is one
/// account however it was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmailAddress(String);

/// The longest address SMTP can carry.
pub const EMAIL_MAX_LEN: usize = 254;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailProblem {
    Text(TextProblem),
    Malformed,
}

impl EmailAddress {
    /// Parses with the one email parser of `domain::values` (the one application fields use),
    /// then lower-cases the whole address.
    pub fn parse(raw: &str) -> Result<EmailAddress, EmailProblem> {
        match parse_email(raw) {
            Ok(address) => Ok(EmailAddress(address.to_lowercase())),
            Err(ValueError::Missing) => Err(EmailProblem::Text(TextProblem::Missing)),
            Err(ValueError::ForbiddenCharacters) => {
                Err(EmailProblem::Text(TextProblem::ForbiddenCharacters))
            }
            Err(ValueError::TooLong { max }) => {
                Err(EmailProblem::Text(TextProblem::TooLong { max }))
            }
            Err(_) => Err(EmailProblem::Malformed),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A password that meets the policy: 12 to 128 characters, no control characters, not the
/// account's own email address, and not easy to guess by the zxcvbn estimator (which knows
/// 30,000 common and breached passwords, dictionary words, names, keyboard patterns, repeats
/// and sequences, and is told the account's email). The upper bound keeps hashing cost bounded.
#[derive(Clone)]
pub struct NewPassword(String);

pub const PASSWORD_MIN_LEN: usize = 12;
pub const PASSWORD_MAX_LEN: usize = 128;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    Text(TextProblem),
    SameAsEmail,
    /// Long enough, but a common password, a word with digits, a keyboard row or a repeat.
    Guessable,
    Mismatch,
}

impl NewPassword {
    /// Parses a new password and its confirmation. `email` is the account's address, if known.
    pub fn parse(
        raw: &str,
        confirmation: &str,
        email: Option<&str>,
    ) -> Result<NewPassword, PasswordProblem> {
        if raw.is_empty() {
            return Err(PasswordProblem::Text(TextProblem::Missing));
        }
        // Passwords are not trimmed: spaces are characters like any other.
        if raw.chars().any(|c| c.is_control() || c == '\u{FFFD}') {
            return Err(PasswordProblem::Text(TextProblem::ForbiddenCharacters));
        }
        let len = raw.chars().count();
        if len < PASSWORD_MIN_LEN {
            return Err(PasswordProblem::Text(TextProblem::TooShort {
                min: PASSWORD_MIN_LEN,
            }));
        }
        if len > PASSWORD_MAX_LEN {
            return Err(PasswordProblem::Text(TextProblem::TooLong {
                max: PASSWORD_MAX_LEN,
            }));
        }
        if email.is_some_and(|e| raw.trim().eq_ignore_ascii_case(e.trim())) {
            return Err(PasswordProblem::SameAsEmail);
        }
        if guessable(raw, email) {
            return Err(PasswordProblem::Guessable);
        }
        if raw != confirmation {
            return Err(PasswordProblem::Mismatch);
        }
        Ok(NewPassword(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Whether an attacker's guessing would find `password` soon (zxcvbn score below 3 of 4: fewer
/// than about 10^10 guesses). The email and its parts count as known words.
fn guessable(password: &str, email: Option<&str>) -> bool {
    let mut known: Vec<&str> = Vec::new();
    if let Some(email) = email {
        known.push(email);
        known.extend(
            email
                .split(['@', '.', '-', '_', '+'])
                .filter(|p| p.len() > 2),
        );
    }
    zxcvbn::zxcvbn(password, &known).score() < zxcvbn::Score::Three
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_patterned_passwords_are_refused_and_passphrases_accepted() {
        for weak in [
            "password1234",
            "Password1234",
            "qwertyuiop12",
            "123456789012",
            "aaaaaaaaaaaa",
            "iloveyou1234",
            "kandydat2026@",
        ] {
            assert_eq!(
                NewPassword::parse(weak, weak, Some("kandydat2026@example.com")).err(),
                Some(PasswordProblem::Guessable),
                "{weak}"
            );
        }
        for strong in [
            "correct horse battery staple",
            "lampa rzeka cicho pomarańcza",
            "an entirely new passphrase",
        ] {
            assert!(NewPassword::parse(strong, strong, None).is_ok(), "{strong}");
        }
    }

    #[test]
    fn an_email_is_trimmed_and_lower_cased() {
        let email = EmailAddress::parse("  Ala.Kowalska@Example.PL ").map(|e| e.0);
        assert_eq!(email, Ok("ala.kowalska@example.pl".to_owned()));
    }

    #[test]
    fn an_account_and_an_application_field_agree_on_what_an_email_is() {
        let cases = [
            "ala@example.pl",
            "ala@bücher.de",
            "ala.kowalska+rekrutacja@uni.example.pl",
            "ala@example",
            "ala@127.0.0.1",
            "a b@example.com",
            "ala@@example.com",
            ".ala@example.com",
            "ala\u{202E}@example.com",
        ];
        for raw in cases {
            assert_eq!(
                EmailAddress::parse(raw).is_ok(),
                crate::domain::values::parse_email(raw).is_ok(),
                "{raw}"
            );
        }
    }

    #[test]
    fn malformed_and_overlong_emails_are_refused() {
        assert_eq!(
            EmailAddress::parse("not-an-email"),
            Err(EmailProblem::Malformed)
        );
        assert_eq!(EmailAddress::parse("a@b"), Err(EmailProblem::Malformed));
        let long = format!("{}@example.com", "a".repeat(300));
        assert_eq!(
            EmailAddress::parse(&long),
            Err(EmailProblem::Text(TextProblem::TooLong { max: 254 }))
        );
        assert_eq!(
            EmailAddress::parse("a\u{7}@example.com"),
            Err(EmailProblem::Text(TextProblem::ForbiddenCharacters))
        );
    }

    #[test]
    fn a_password_needs_twelve_characters_and_a_matching_confirmation() {
        assert!(NewPassword::parse("short", "short", None).is_err());
        assert_eq!(
            NewPassword::parse("long enough pw", "long enough pW", None).err(),
            Some(PasswordProblem::Mismatch)
        );
        assert!(NewPassword::parse("zażółć gęślą", "zażółć gęślą", None).is_ok());
    }

    #[test]
    fn a_password_may_not_be_the_email_address() {
        assert_eq!(
            NewPassword::parse(
                "ala@example.com",
                "ala@example.com",
                Some("ala@example.com")
            )
            .err(),
            Some(PasswordProblem::SameAsEmail)
        );
    }
}
