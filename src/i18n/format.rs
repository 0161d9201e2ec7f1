//! Formatting shared by pages, emails and PDFs: a text given per locale, country names and
//! amounts of money in the reader's language.

use crate::domain::cycle::model::Text;
use crate::domain::cycle::model_countries::COUNTRIES;

/// The text in `locale`, or in any language it was given in.
pub fn pick(text: &Text, locale: &str) -> String {
    text.get(locale)
        .or_else(|| text.values().next())
        .cloned()
        .unwrap_or_default()
}

pub fn country_name(code: &str, locale: &str) -> String {
    COUNTRIES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, pl, en)| if locale == "pl" { *pl } else { *en })
        .unwrap_or(code)
        .to_owned()
}

/// Every country, as (code, name) pairs for a drop-down in the page's language.
pub fn country_choices(locale: &str) -> Vec<(String, String)> {
    COUNTRIES
        .iter()
        .map(|(code, _, _)| ((*code).to_owned(), country_name(code, locale)))
        .collect()
}

pub fn money(minor: i64, currency: &str, locale: &str) -> String {
    let amount = format!("{}.{:02}", minor / 100, minor % 100);
    if locale == "pl" {
        format!("{} {currency}", amount.replace('.', ","))
    } else {
        format!("{amount} {currency}")
    }
}
