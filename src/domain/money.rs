//! Money: an amount in minor units (grosze, cents) and its currency, so amounts are added and
//! compared exactly. Amounts are written in the definition as decimal text (`"85.00"`) and
//! parsed once, by `Money::parse`; `i18n::format::money` is the one formatter per locale.

/// An ISO 4217 code: three capital letters, e.g. `PLN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Currency(String);

impl Currency {
    pub fn parse(code: &str) -> Option<Currency> {
        (code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()))
            .then(|| Currency(code.to_owned()))
    }

    pub fn code(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Money {
    /// In hundredths of the currency unit.
    pub minor: i64,
    pub currency: Currency,
}

/// What is wrong with an amount as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyProblem {
    /// Not a decimal with at most two places, like `85.00`.
    Amount,
    /// Not a three-letter code like `PLN`.
    Currency,
}

impl Money {
    pub fn parse(amount: &str, currency: &str) -> Result<Money, MoneyProblem> {
        let minor = parse_amount(amount).ok_or(MoneyProblem::Amount)?;
        let currency = Currency::parse(currency).ok_or(MoneyProblem::Currency)?;
        Ok(Money { minor, currency })
    }

    /// The amount as the definition writes it: `85.00`.
    pub fn decimal(&self) -> String {
        format!("{}.{:02}", self.minor / 100, self.minor % 100)
    }
}

/// Parses `"85.00"` (or `"85"`, `"85.5"`) into minor units (8500); None for anything else,
/// including negative amounts and more than two decimal places.
pub fn parse_amount(text: &str) -> Option<i64> {
    parse_minor(text, &['.'])
}

/// Reads a non-negative amount into minor units, with any of `separators` before at most two
/// decimal digits; nothing else is allowed (no sign, spaces or thousands separators).
pub fn parse_minor(text: &str, separators: &[char]) -> Option<i64> {
    let text = text.trim();
    let (whole, fraction) = text.split_once(separators).unwrap_or((text, ""));
    if whole.is_empty()
        || fraction.len() > 2
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !fraction.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
    whole.checked_mul(100)?.checked_add(fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_exactly_in_minor_units() {
        assert_eq!(parse_amount("85.00"), Some(8500));
        assert_eq!(parse_amount("85"), Some(8500));
        assert_eq!(parse_amount("0.5"), Some(50));
        assert_eq!(parse_amount(" 1200.99 "), Some(120099));
        for wrong in ["", "-5", "85,00", "85.001", "1e3", "abc", ".50"] {
            assert_eq!(parse_amount(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn money_needs_an_amount_and_a_three_letter_currency() {
        let fee = Money::parse("85.00", "PLN").unwrap();
        assert_eq!(fee.minor, 8500);
        assert_eq!(fee.currency.code(), "PLN");
        assert_eq!(fee.decimal(), "85.00");
        assert_eq!(Money::parse("85", "pln"), Err(MoneyProblem::Currency));
        assert_eq!(Money::parse("85", "ZŁ"), Err(MoneyProblem::Currency));
        assert_eq!(Money::parse("8 5", "PLN"), Err(MoneyProblem::Amount));
    }
}
