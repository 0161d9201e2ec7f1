//! Postal codes in the formats countries issue.

use std::sync::LazyLock;

use regex::Regex;

use super::error::{present, ValueError, OTHER_POSTAL_CODE_CHARS};

// Postal codes

/// How one country writes its postal codes.
struct PostalRule {
    /// ISO 3166-1 alpha-2.
    country: &'static str,
    /// A prefix the candidate may type before the code (`LT-`, `AZ `), without its separator.
    prefix: Option<&'static str>,
    /// Patterns over the code as typed without spaces, hyphens or the prefix, in upper case,
    /// each with how its groups are written (`${1}-${2}`).
    forms: &'static [(&'static str, &'static str)],
    /// A code the country issues and one it never does, as typed, for the tests.
    #[cfg_attr(not(test), allow(dead_code))]
    valid: &'static str,
    #[cfg_attr(not(test), allow(dead_code))]
    invalid: &'static str,
}

/// Digits only, written as they are.
const DIGITS: &str = "${0}";

/// Postal code formats of every country the portal offers, written from the postal
/// administrations' published formats and Google's address metadata (`zip` patterns),
/// narrowed where a country never issues some codes (Germany's 00, Spain's provinces above 52,
/// the letters Britain, the Netherlands, Canada and Ireland leave out).
#[rustfmt::skip]
const RULES: &[PostalRule] = &[
    PostalRule { country: "PL", prefix: None, forms: &[(r"^([0-9]{2})([0-9]{3})$", "${1}-${2}")], valid: "00-950", invalid: "0-950" },
    PostalRule { country: "UA", prefix: None, forms: &[(r"^(0[1-9]|[1-9][0-9])[0-9]{3}$", DIGITS)], valid: "01001", invalid: "00123" },
    PostalRule { country: "BY", prefix: None, forms: &[(r"^2[1-4][0-9]{4}$", DIGITS)], valid: "220030", invalid: "120030" },
    PostalRule { country: "AT", prefix: None, forms: &[(r"^[1-9][0-9]{3}$", DIGITS)], valid: "1010", invalid: "0123" },
    PostalRule { country: "AU", prefix: None, forms: &[(r"^[0-9]{4}$", DIGITS)], valid: "2000", invalid: "200" },
    PostalRule { country: "AZ", prefix: Some("AZ"), forms: &[(r"^([0-9]{4})$", "AZ ${1}")], valid: "AZ 1000", invalid: "AZ 100" },
    PostalRule { country: "BE", prefix: None, forms: &[(r"^[1-9][0-9]{3}$", DIGITS)], valid: "1000", invalid: "0999" },
    PostalRule { country: "BG", prefix: None, forms: &[(r"^[1-9][0-9]{3}$", DIGITS)], valid: "1000", invalid: "0100" },
    PostalRule { country: "BR", prefix: None, forms: &[(r"^([0-9]{5})([0-9]{3})$", "${1}-${2}")], valid: "01310-100", invalid: "0131-100" },
    PostalRule {
        country: "CA",
        prefix: None,
        forms: &[(r"^([ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z])([0-9][ABCEGHJ-NPRSTV-Z][0-9])$", "${1} ${2}")],
        valid: "K1A 0B1",
        invalid: "D1A 1A1",
    },
    PostalRule { country: "CH", prefix: None, forms: &[(r"^[1-9][0-9]{3}$", DIGITS)], valid: "8001", invalid: "0800" },
    PostalRule { country: "CN", prefix: None, forms: &[(r"^[0-9]{6}$", DIGITS)], valid: "100000", invalid: "10000" },
    PostalRule { country: "CY", prefix: None, forms: &[(r"^[1-9][0-9]{3}$", DIGITS)], valid: "1010", invalid: "0101" },
    PostalRule { country: "CZ", prefix: None, forms: &[(r"^([1-7][0-9]{2})([0-9]{2})$", "${1} ${2}")], valid: "110 00", invalid: "010 00" },
    PostalRule { country: "DE", prefix: None, forms: &[(r"^(0[1-9]|[1-9][0-9])[0-9]{3}$", DIGITS)], valid: "10115", invalid: "00115" },
    PostalRule { country: "DK", prefix: None, forms: &[(r"^(0[89]|[1-9][0-9])[0-9]{2}$", DIGITS)], valid: "1050", invalid: "0100" },
    PostalRule { country: "EE", prefix: None, forms: &[(r"^[1-9][0-9]{4}$", DIGITS)], valid: "10115", invalid: "01234" },
    PostalRule { country: "EG", prefix: None, forms: &[(r"^[0-9]{5}$", DIGITS)], valid: "11511", invalid: "1151" },
    PostalRule { country: "ES", prefix: None, forms: &[(r"^(0[1-9]|[1-4][0-9]|5[0-2])[0-9]{3}$", DIGITS)], valid: "28013", invalid: "53001" },
    PostalRule { country: "FI", prefix: None, forms: &[(r"^[0-9]{5}$", DIGITS)], valid: "00100", invalid: "0010" },
    PostalRule { country: "FR", prefix: None, forms: &[(r"^(0[1-9]|[1-8][0-9]|9[0-8])[0-9]{3}$", DIGITS)], valid: "75008", invalid: "00123" },
    PostalRule {
        country: "GB",
        prefix: None,
        forms: &[
            (
                r"^([A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]))([0-9][ABD-HJLNP-UW-Z]{2})$",
                "${1} ${2}",
            ),
            (r"^(GIR)(0AA)$", "${1} ${2}"),
        ],
        valid: "SW1A 1AA",
        invalid: "SW1A 1CI",
    },
    PostalRule { country: "GE", prefix: None, forms: &[(r"^[0-9]{4}$", DIGITS)], valid: "0108", invalid: "108" },
    PostalRule { country: "GR", prefix: None, forms: &[(r"^([1-8][0-9]{2})([0-9]{2})$", "${1} ${2}")], valid: "105 57", invalid: "005 57" },
    PostalRule { country: "HR", prefix: None, forms: &[(r"^[1-5][0-9]{4}$", DIGITS)], valid: "10000", invalid: "60000" },
    PostalRule { country: "HU", prefix: None, forms: &[(r"^[1-9][0-9]{3}$", DIGITS)], valid: "1051", invalid: "0105" },
    PostalRule {
        country: "IE",
        prefix: None,
        forms: &[(r"^([AC-FHKNPRTV-Y][0-9]{2}|D6W)([0-9AC-FHKNPRTV-Y]{4})$", "${1} ${2}")],
        valid: "D02 X285",
        invalid: "B02 X285",
    },
    PostalRule { country: "IL", prefix: None, forms: &[(r"^[0-9]{5}(?:[0-9]{2})?$", DIGITS)], valid: "9614303", invalid: "961430" },
    PostalRule { country: "IN", prefix: None, forms: &[(r"^[1-9][0-9]{5}$", DIGITS)], valid: "110001", invalid: "010001" },
    PostalRule { country: "IS", prefix: None, forms: &[(r"^[1-9][0-9]{2}$", DIGITS)], valid: "101", invalid: "1010" },
    PostalRule { country: "IT", prefix: None, forms: &[(r"^[0-9]{5}$", DIGITS)], valid: "00184", invalid: "0018" },
    PostalRule { country: "JP", prefix: None, forms: &[(r"^([0-9]{3})([0-9]{4})$", "${1}-${2}")], valid: "100-0001", invalid: "100-001" },
    PostalRule { country: "KR", prefix: None, forms: &[(r"^[0-9]{5}$", DIGITS)], valid: "03187", invalid: "0318" },
    // Six digits, and since 2023 also Kazpost's seven-character codes (A15E3C4).
    PostalRule { country: "KZ", prefix: None, forms: &[(r"^(?:[0-9]{6}|[A-Z][0-9]{2}[A-Z][0-9][A-Z][0-9])$", DIGITS)], valid: "050000", invalid: "05000" },
    PostalRule { country: "LI", prefix: None, forms: &[(r"^94(?:8[5-9]|9[0-8])$", DIGITS)], valid: "9490", invalid: "9500" },
    PostalRule { country: "LT", prefix: Some("LT"), forms: &[(r"^([0-9]{5})$", "LT-${1}")], valid: "LT-01100", invalid: "LT-0110" },
    PostalRule { country: "LU", prefix: Some("L"), forms: &[(r"^[0-9]{4}$", DIGITS)], valid: "L-1150", invalid: "115" },
    PostalRule { country: "LV", prefix: Some("LV"), forms: &[(r"^([0-9]{4})$", "LV-${1}")], valid: "LV-1050", invalid: "LV-105" },
    PostalRule { country: "MD", prefix: Some("MD"), forms: &[(r"^([0-9]{4})$", "MD-${1}")], valid: "MD-2001", invalid: "MD-200" },
    PostalRule { country: "MT", prefix: None, forms: &[(r"^([A-Z]{3})([0-9]{2,4})$", "${1} ${2}")], valid: "VLT 1117", invalid: "VL 1117" },
    PostalRule { country: "MX", prefix: None, forms: &[(r"^[0-9]{5}$", DIGITS)], valid: "06600", invalid: "0660" },
    PostalRule { country: "NG", prefix: None, forms: &[(r"^[1-9][0-9]{5}$", DIGITS)], valid: "100001", invalid: "10001" },
    PostalRule {
        country: "NL",
        prefix: None,
        forms: &[(r"^([1-9][0-9]{3})([A-RT-Z][A-Z]|S[BCE-RT-Z])$", "${1} ${2}")],
        valid: "1012 AB",
        invalid: "1234 SS",
    },
    PostalRule { country: "NO", prefix: None, forms: &[(r"^[0-9]{4}$", DIGITS)], valid: "0150", invalid: "015" },
    PostalRule { country: "NZ", prefix: None, forms: &[(r"^[0-9]{4}$", DIGITS)], valid: "6011", invalid: "601" },
    PostalRule { country: "PT", prefix: None, forms: &[(r"^([1-9][0-9]{3})([0-9]{3})$", "${1}-${2}")], valid: "1000-001", invalid: "0100-001" },
    PostalRule { country: "RO", prefix: None, forms: &[(r"^[0-9]{6}$", DIGITS)], valid: "010011", invalid: "01001" },
    PostalRule { country: "SE", prefix: None, forms: &[(r"^([1-9][0-9]{2})([0-9]{2})$", "${1} ${2}")], valid: "114 55", invalid: "014 55" },
    PostalRule { country: "SI", prefix: Some("SI"), forms: &[(r"^[1-9][0-9]{3}$", DIGITS)], valid: "SI-1000", invalid: "0100" },
    PostalRule { country: "SK", prefix: None, forms: &[(r"^([089][0-9]{2})([0-9]{2})$", "${1} ${2}")], valid: "811 01", invalid: "111 01" },
    PostalRule { country: "TR", prefix: None, forms: &[(r"^(0[1-9]|[1-7][0-9]|8[01])[0-9]{3}$", DIGITS)], valid: "06100", invalid: "82000" },
    PostalRule {
        country: "US",
        prefix: None,
        forms: &[(r"^([0-9]{5})$", "${1}"), (r"^([0-9]{5})([0-9]{4})$", "${1}-${2}")],
        valid: "90210-1234",
        invalid: "9021",
    },
    PostalRule { country: "UZ", prefix: None, forms: &[(r"^[0-9]{6}$", DIGITS)], valid: "100000", invalid: "10000" },
    // Five digits since 2018; the earlier six are still written on old documents.
    PostalRule { country: "VN", prefix: None, forms: &[(r"^[0-9]{5}(?:[0-9])?$", DIGITS)], valid: "70010", invalid: "7001" },
    PostalRule { country: "CL", prefix: None, forms: &[(r"^[0-9]{7}$", DIGITS)], valid: "8320000", invalid: "832000" },
    PostalRule { country: "CO", prefix: None, forms: &[(r"^[0-9]{6}$", DIGITS)], valid: "110111", invalid: "11011" },
    PostalRule { country: "KG", prefix: None, forms: &[(r"^[0-9]{6}$", DIGITS)], valid: "720001", invalid: "72000" },
];

/// A rule's patterns compiled, each with its layout.
type CompiledForms = Vec<(Regex, &'static str)>;

/// The rules with their patterns compiled, once. (The tests check every rule against its
/// codes, so a pattern that did not compile, and would refuse every code, cannot ship.)
static COMPILED: LazyLock<Vec<(&'static PostalRule, CompiledForms)>> = LazyLock::new(|| {
    RULES
        .iter()
        .map(|rule| {
            let forms = rule
                .forms
                .iter()
                .filter_map(|(pattern, layout)| Some((Regex::new(pattern).ok()?, *layout)))
                .collect();
            (rule, forms)
        })
        .collect()
});

/// Checks a postal code against the formats of `country` and returns it normalised: upper
/// case, with the country's separators (and prefix, where it writes one). Candidates may type
/// the code with or without them. For countries without a known format, 2 to 10 letters,
/// digits, spaces or hyphens are accepted as typed (upper-cased).
pub fn check_postal_code(country: &str, raw: &str) -> Result<String, ValueError> {
    let value = present(raw)?;
    let country = country.trim().to_ascii_uppercase();
    let Some((rule, forms)) = COMPILED.iter().find(|(rule, _)| rule.country == country) else {
        return other_postal_code(value);
    };
    let compact: String = value
        .chars()
        .filter(|&c| !c.is_whitespace() && c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let code = rule
        .prefix
        .and_then(|prefix| compact.strip_prefix(prefix))
        .unwrap_or(&compact);
    forms
        .iter()
        .find_map(|(pattern, layout)| {
            let groups = pattern.captures(code)?;
            let mut out = String::with_capacity(code.len() + 4);
            groups.expand(layout, &mut out);
            Some(out)
        })
        .ok_or(ValueError::PostalCodeFormat)
}

/// A postal code for a country without a known format.
fn other_postal_code(value: &str) -> Result<String, ValueError> {
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '-');
    let has_alphanumeric = value.chars().any(|c| c.is_ascii_alphanumeric());
    if allowed && has_alphanumeric && OTHER_POSTAL_CODE_CHARS.contains(&value.chars().count()) {
        Ok(value.to_ascii_uppercase())
    } else {
        Err(ValueError::PostalCodeFormat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cycle::model_countries::COUNTRIES;

    #[test]
    fn every_offered_country_has_a_format() {
        for (code, _, english) in COUNTRIES.iter().filter(|(code, _, _)| *code != "XX") {
            assert!(
                RULES.iter().any(|rule| rule.country == *code),
                "{code} ({english}) has no postal code format"
            );
        }
        assert_eq!(RULES.len(), COUNTRIES.len() - 1, "one rule per country");
        for (rule, forms) in COMPILED.iter() {
            assert_eq!(
                forms.len(),
                rule.forms.len(),
                "{} patterns compile",
                rule.country
            );
        }
    }

    #[test]
    fn each_country_accepts_a_code_it_issues_and_refuses_one_it_never_does() {
        for rule in RULES {
            let normalised = check_postal_code(rule.country, rule.valid)
                .unwrap_or_else(|e| panic!("{} {}: {e}", rule.country, rule.valid));
            assert_eq!(
                check_postal_code(rule.country, &normalised).as_deref(),
                Ok(normalised.as_str()),
                "{} normalised {normalised} is accepted as it is",
                rule.country
            );
            assert_eq!(
                check_postal_code(rule.country, rule.invalid),
                Err(ValueError::PostalCodeFormat),
                "{} {}",
                rule.country,
                rule.invalid
            );
        }
    }

    #[test]
    fn codes_a_country_never_issues_are_refused() {
        for (country, raw) in [
            ("GB", "SW1A 1CI"),
            ("GB", "QA1 1AA"),
            ("GB", "W1I 1AA"),
            ("NL", "1234 SS"),
            ("NL", "1234 SA"),
            ("NL", "0123 AB"),
            ("CA", "D1A 1A1"),
            ("CA", "K1A 0O1"),
            ("IE", "D02 B285"),
            ("DE", "00115"),
            ("ES", "60001"),
        ] {
            assert_eq!(
                check_postal_code(country, raw),
                Err(ValueError::PostalCodeFormat),
                "{country} {raw}"
            );
        }
        assert_eq!(check_postal_code("VN", "70010").as_deref(), Ok("70010"));
        assert_eq!(check_postal_code("VN", "700000").as_deref(), Ok("700000"));
        assert_eq!(check_postal_code("LU", "L-1150").as_deref(), Ok("1150"));
        assert_eq!(check_postal_code("MD", "2001").as_deref(), Ok("MD-2001"));
    }
}
