//! Fluent translations (`locales/<lang>/*.ftl`) and locale-aware formatting of dates, money
//! and texts given per locale. Pages, emails, PDFs and SMS all speak through it.

pub mod format;

use crate::domain::Locale;
use chrono::{NaiveDateTime, TimeZone};
use chrono_tz::Europe::Warsaw;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Without this every argument is wrapped in invisible bidi isolation marks.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static PL: LazyLock<LanguageIdentifier> = LazyLock::new(|| fluent_templates::langid!("pl"));
static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| fluent_templates::langid!("en"));

/// Translations for one locale. Cheap to copy into every page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct I18n {
    pub locale: Locale,
}

impl I18n {
    pub fn new(locale: Locale) -> Self {
        I18n { locale }
    }

    fn langid(&self) -> &'static LanguageIdentifier {
        match self.locale {
            Locale::Pl => &PL,
            Locale::En => &EN,
        }
    }

    /// The message for `key`. A missing key shows as the key itself, which the locale tests
    /// catch before release.
    pub fn t(&self, key: &str) -> String {
        LOCALES
            .try_lookup(self.langid(), key)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message for `key` with named arguments.
    pub fn t_args(&self, key: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES
            .try_lookup_with_args(self.langid(), key, &map)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message for `key` with arguments whose names are only known at run time (templates).
    pub fn t_named(&self, key: &str, args: Vec<(String, FluentValue<'static>)>) -> String {
        let map: HashMap<Cow<'static, str>, FluentValue<'static>> =
            args.into_iter().map(|(k, v)| (Cow::Owned(k), v)).collect();
        LOCALES
            .try_lookup_with_args(self.langid(), key, &map)
            .unwrap_or_else(|| key.to_owned())
    }

    /// Shorthand for a message with one text argument.
    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.t_args(key, &[(name, FluentValue::from(value.to_owned()))])
    }

    /// Shorthand for a message with two text arguments.
    pub fn t2(&self, key: &str, a: (&'static str, &str), b: (&'static str, &str)) -> String {
        self.t_args(
            key,
            &[
                (a.0, FluentValue::from(a.1.to_owned())),
                (b.0, FluentValue::from(b.1.to_owned())),
            ],
        )
    }

    /// Shorthand for a message with one number argument (plural rules apply).
    pub fn tn(&self, key: &str, name: &'static str, value: i64) -> String {
        self.t_args(key, &[(name, FluentValue::from(value))])
    }

    /// A UTC time from the database shown in Europe/Warsaw, in the locale's format.
    pub fn datetime(&self, utc: &NaiveDateTime) -> String {
        let local = Warsaw.from_utc_datetime(utc);
        match self.locale {
            Locale::Pl => local.format("%d.%m.%Y, %H:%M").to_string(),
            Locale::En => local.format("%-d %b %Y, %H:%M").to_string(),
        }
    }

    /// A calendar day in the locale's format ("22.12.2026", "22 December 2026").
    pub fn date(&self, day: &chrono::NaiveDate) -> String {
        match self.locale {
            Locale::Pl => day.format("%d.%m.%Y").to_string(),
            Locale::En => day.format("%-d %B %Y").to_string(),
        }
    }

    /// A stored `YYYY-MM-DD` day in the locale's format (anything else is shown as it is).
    pub fn day(&self, iso: &str) -> String {
        chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d")
            .map(|d| self.date(&d))
            .unwrap_or_else(|_| iso.to_owned())
    }

    pub fn is(&self, code: &str) -> bool {
        self.locale.code() == code
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn times_are_shown_in_warsaw_time_in_the_locale_format() {
        let summer = NaiveDate::from_ymd_opt(2027, 7, 3)
            .and_then(|d| d.and_hms_opt(21, 30, 0))
            .unwrap_or_default();
        assert_eq!(I18n::new(Locale::Pl).datetime(&summer), "03.07.2027, 23:30");
        assert_eq!(I18n::new(Locale::En).datetime(&summer), "3 Jul 2027, 23:30");
        let winter = NaiveDate::from_ymd_opt(2027, 1, 3)
            .and_then(|d| d.and_hms_opt(21, 30, 0))
            .unwrap_or_default();
        assert_eq!(I18n::new(Locale::Pl).datetime(&winter), "03.01.2027, 22:30");
    }

    #[test]
    fn messages_come_in_both_languages() {
        assert_eq!(I18n::new(Locale::En).t("nav-login"), "Log in");
        assert_eq!(I18n::new(Locale::Pl).t("nav-login"), "Zaloguj się");
    }
}
