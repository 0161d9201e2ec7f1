//! Postal codes in the layouts countries use.

use super::error::{present, ValueError, OTHER_POSTAL_CODE_CHARS};

// Postal codes

/// Postal code layouts per country (ISO 3166-1 alpha-2). In a layout `9` is a digit, `a` a
/// letter and `*` a letter or digit; spaces and hyphens are where the normalised code puts
/// its separators; anything else must appear as written. A layout that begins with the
/// country code (`LV-9999`) lets the candidate leave that prefix out.
fn postal_layouts(country: &str) -> Option<&'static [&'static str]> {
    let layouts: &'static [&'static str] = match country {
        "PL" => &["99-999"],
        "DE" | "FR" | "IT" | "ES" | "UA" | "FI" | "EE" | "TR" => &["99999"],
        "LT" => &["LT-99999"],
        "LV" => &["LV-9999"],
        "AZ" => &["AZ 9999"],
        "CZ" | "SK" | "SE" => &["999 99"],
        "AT" | "BE" | "DK" | "HU" | "NO" | "CH" | "LU" | "SI" | "BG" | "CY" | "GE" | "AM" => {
            &["9999"]
        }
        "NL" => &["9999 aa"],
        "PT" => &["9999-999"],
        "IE" => &["a99 ****", "D6W ****"],
        "GB" => &[
            "a9 9aa", "a99 9aa", "aa9 9aa", "aa99 9aa", "a9a 9aa", "aa9a 9aa", "GIR 0AA",
        ],
        "US" => &["99999", "99999-9999"],
        "CA" => &["a9a 9a9"],
        "RO" | "BY" | "KZ" | "IN" | "CN" | "VN" | "NG" => &["999999"],
        "JP" => &["999-9999"],
        "BR" => &["99999-999"],
        _ => return None,
    };
    Some(layouts)
}

/// Checks a postal code against the layout of `country` and returns it normalised: upper
/// case, with the country's separators. Candidates may type the code with or without them.
/// For countries without a known layout, 2 to 10 letters, digits, spaces or hyphens are
/// accepted as typed (upper-cased).
pub fn check_postal_code(country: &str, raw: &str) -> Result<String, ValueError> {
    let value = present(raw)?;
    let country = country.trim().to_ascii_uppercase();
    let Some(layouts) = postal_layouts(&country) else {
        return other_postal_code(value);
    };
    let compact: String = value
        .chars()
        .filter(|&c| !c.is_whitespace() && c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    layouts
        .iter()
        .find_map(|layout| fit_postal_layout(&compact, layout, &country))
        .ok_or(ValueError::PostalCodeFormat)
}

/// Lays `compact` (no separators, upper case) out as `layout`, if it fits.
fn fit_postal_layout(compact: &str, layout: &str, country: &str) -> Option<String> {
    let prefixed;
    let compact = if layout.starts_with(country) && !compact.starts_with(country) {
        prefixed = format!("{country}{compact}");
        prefixed.as_str()
    } else {
        compact
    };
    let mut input = compact.chars();
    let mut code = String::with_capacity(layout.len());
    for slot in layout.chars() {
        if slot == ' ' || slot == '-' {
            code.push(slot);
            continue;
        }
        let c = input.next()?;
        let fits = match slot {
            '9' => c.is_ascii_digit(),
            'a' => c.is_ascii_uppercase(),
            '*' => c.is_ascii_uppercase() || c.is_ascii_digit(),
            literal => c == literal,
        };
        if !fits {
            return None;
        }
        code.push(c);
    }
    input.next().is_none().then_some(code)
}

/// A postal code for a country without a known layout.
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
