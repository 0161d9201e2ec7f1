//! Formatting shared by pages, emails and PDFs: a text given per locale, country names and
//! amounts of money in the reader's language.

use crate::domain::cycle::model::Text;
use crate::domain::cycle::model_countries::COUNTRIES;
use crate::domain::money::Money;
use crate::domain::points::Points;

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

/// An amount in the reader's language: `85,00 PLN` in Polish, `85.00 PLN` in English. The one
/// formatter of money, for pages, emails and PDFs alike.
pub fn money(money: &Money, locale: &str) -> String {
    let amount = money.decimal();
    let currency = money.currency.code();
    if locale == "pl" {
        format!("{} {currency}", amount.replace('.', ","))
    } else {
        format!("{amount} {currency}")
    }
}

/// Points in the reader's language: `48,5` in Polish, `48.5` in English.
pub fn points(points: Points, locale: &str) -> String {
    let text = points.decimal();
    if locale == "pl" {
        text.replace('.', ",")
    } else {
        text
    }
}

/// Points out of the most there are, when the programme says: `48,5 / 100`, or `48,5`.
pub fn points_out_of(points: Points, max: Option<Points>, locale: &str) -> String {
    match max {
        Some(max) => format!(
            "{} / {}",
            self::points(points, locale),
            self::points(max, locale)
        ),
        None => self::points(points, locale),
    }
}
