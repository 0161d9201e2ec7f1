//! Field errors collected while parsing a form, shown at their fields and in the summary.

use crate::domain::account::{EmailProblem, PasswordProblem};
use crate::domain::text::TextProblem;
use crate::i18n::I18n;

#[derive(Debug, Clone)]
pub struct FieldError {
    /// The input's `id`/`name`, which the error summary links to.
    pub field: String,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct FormErrors(Vec<FieldError>);

impl FormErrors {
    pub fn add(&mut self, field: impl Into<String>, message: String) {
        self.0.push(FieldError {
            field: field.into(),
            message,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn all(&self) -> &[FieldError] {
        &self.0
    }

    /// The message for a field, or an empty string (templates test `is_empty`).
    pub fn get(&self, field: &str) -> String {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
            .unwrap_or_default()
    }
}

pub fn text_problem(i18n: &I18n, problem: TextProblem) -> String {
    match problem {
        TextProblem::Missing => i18n.t("error-field-missing"),
        TextProblem::TooLong { max } => i18n.tn("error-field-too-long", "max", max as i64),
        TextProblem::TooShort { min } => i18n.tn("error-field-too-short", "min", min as i64),
        TextProblem::ForbiddenCharacters => i18n.t("error-field-characters"),
    }
}

pub fn email_problem(i18n: &I18n, problem: EmailProblem) -> String {
    match problem {
        EmailProblem::Text(TextProblem::Missing) => i18n.t("error-email-missing"),
        EmailProblem::Text(p) => text_problem(i18n, p),
        EmailProblem::Malformed => i18n.t("error-email-malformed"),
    }
}

pub fn password_problem(i18n: &I18n, problem: PasswordProblem) -> String {
    match problem {
        PasswordProblem::Text(TextProblem::Missing) => i18n.t("error-password-missing"),
        PasswordProblem::Text(TextProblem::TooShort { min }) => {
            i18n.tn("error-password-too-short", "min", min as i64)
        }
        PasswordProblem::Text(p) => text_problem(i18n, p),
        PasswordProblem::SameAsEmail => i18n.t("error-password-same-as-email"),
        PasswordProblem::Guessable => i18n.t("error-password-guessable"),
        PasswordProblem::Mismatch => i18n.t("error-password-mismatch"),
    }
}

/// Adds a new-password problem at the field it concerns (`password` or `password_confirm`).
pub fn add_password_problem(errors: &mut FormErrors, i18n: &I18n, problem: PasswordProblem) {
    let field = match problem {
        PasswordProblem::Mismatch => "password_confirm",
        _ => "password",
    };
    errors.add(field, password_problem(i18n, problem));
}
