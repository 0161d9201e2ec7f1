//! Phone numbers, checked against the numbering plans of every country (Google's
//! libphonenumber metadata, through the `phonenumber` crate) and kept in E.164 form.

use std::str::FromStr;

use phonenumber::metadata::{Metadata, DATABASE};
use phonenumber::{country, Mode};

use super::error::{present, ValueError, PHONE_MAX_CHARS};

// Phone

/// What a number is for, as its numbering plan says. SMS go to mobile numbers only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneKind {
    Mobile,
    FixedLine,
    /// Plans such as North America's do not tell mobile and fixed numbers apart.
    FixedLineOrMobile,
    /// Freephone, premium-rate, VoIP, pager and other services.
    Other,
}

impl PhoneKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PhoneKind::Mobile => "mobile",
            PhoneKind::FixedLine => "fixed_line",
            PhoneKind::FixedLineOrMobile => "fixed_line_or_mobile",
            PhoneKind::Other => "other",
        }
    }

    /// Whether a text message can be sent to the number.
    pub fn takes_sms(self) -> bool {
        matches!(self, PhoneKind::Mobile | PhoneKind::FixedLineOrMobile)
    }
}

/// A phone number that exists in its country's numbering plan, in E.164 form (`+` and the
/// country code and national number, without a trunk prefix).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    e164: String,
    kind: PhoneKind,
}

impl Phone {
    /// Parses a number typed by a candidate. Spaces, dashes, dots and parentheses may be used;
    /// `00` may stand for `+`; a trunk prefix after the country code (`+44 020 …`,
    /// `+44 (0)20 …`) is dropped where the country's plan has one, and kept where it belongs
    /// to the number (Italy). Without a country code the number is read as a number of
    /// `country` (ISO 3166-1 alpha-2), when one is known.
    pub fn parse(raw: &str, country: Option<&str>) -> Result<Phone, ValueError> {
        let value = present(raw)?;
        if value.chars().count() > PHONE_MAX_CHARS {
            return Err(ValueError::PhoneCharacters);
        }
        let mut digits = String::with_capacity(value.len());
        let mut international = false;
        for (i, c) in value.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => international = true,
                '-' | '.' | '(' | ')' => {}
                c if c.is_whitespace() => {}
                _ => return Err(ValueError::PhoneCharacters),
            }
        }
        if !international {
            if let Some(rest) = digits.strip_prefix("00") {
                digits = rest.to_owned();
                international = true;
            }
        }
        let region = country
            .filter(|_| !international)
            .and_then(|c| country::Id::from_str(&c.trim().to_ascii_uppercase()).ok());
        if !international && region.is_none() {
            return Err(ValueError::PhoneCountryCode);
        }
        // The typed spelling goes to the parser (it knows where a `(0)` belongs); `00` is
        // written as `+`, which is what the parser reads without a country.
        let spelled = if international {
            let after = value.trim_start_matches('+').trim_start();
            let after = if value.starts_with('+') {
                after
            } else {
                after.strip_prefix("00").unwrap_or(after).trim_start()
            };
            format!("+{after}")
        } else {
            value.to_owned()
        };
        let parsed = phonenumber::parse(region, &spelled).ok();
        let code = match &parsed {
            Some(number) => number.code().value(),
            None if international => {
                country_code_of(&digits).ok_or(ValueError::PhoneCountryCodeUnknown)?
            }
            None => {
                let code = region
                    .and_then(|r| DATABASE.by_id(r.as_ref()))
                    .map(Metadata::country_code);
                return Err(code.map_or(ValueError::PhoneCountryCode, |code| {
                    ValueError::PhoneNotInCountry { code }
                }));
            }
        };
        let number = match parsed {
            Some(number) if number.is_valid() => number,
            // Typed without a country code: perhaps a number of another country.
            Some(_) if !international => return Err(ValueError::PhoneNotInCountry { code }),
            Some(number) => return Err(wrong_number(code, &number.national().to_string())),
            None => {
                let national = digits.get(code.to_string().len()..).unwrap_or("");
                return Err(wrong_number(code, national));
            }
        };
        let national = number.national().to_string();
        // Of the plans sharing the code, the one the number belongs to.
        let kind = plans(code)
            .into_iter()
            .filter(|meta| meta.descriptors().general().is_match(&national))
            .map(|meta| kind_in(meta, &national))
            .find(|kind| *kind != PhoneKind::Other)
            .unwrap_or(PhoneKind::Other);
        Ok(Phone {
            e164: number.format().mode(Mode::E164).to_string(),
            kind,
        })
    }

    /// A number as stored (E.164), read again.
    pub fn from_stored(e164: &str) -> Result<Phone, ValueError> {
        Phone::parse(e164, None)
    }

    /// The number as `+` followed by digits.
    pub fn as_str(&self) -> &str {
        &self.e164
    }

    pub fn kind(&self) -> PhoneKind {
        self.kind
    }
}

/// The numbering plans that share a country code (+1: the United States, Canada and others).
fn plans(code: u16) -> Vec<&'static Metadata> {
    DATABASE.by_code(&code).unwrap_or_default()
}

/// The country code at the start of `digits` (codes are prefix-free: at most one of the first
/// one, two or three digits is a code).
fn country_code_of(digits: &str) -> Option<u16> {
    (1..=3)
        .filter_map(|n| digits.get(..n)?.parse::<u16>().ok())
        .find(|code| DATABASE.region(code).is_some())
}

/// Why a number with a known country code is not one: fewer digits than its landline and
/// mobile numbers have (the next length they may have is given), more, or digits no number
/// of that country has.
fn wrong_number(code: u16, national: &str) -> ValueError {
    let mut lengths: Vec<u16> = plans(code).iter().flat_map(|m| usual_lengths(m)).collect();
    lengths.sort_unstable();
    lengths.dedup();
    let length = u16::try_from(national.len()).unwrap_or(u16::MAX);
    if lengths.is_empty() || lengths.contains(&length) {
        return ValueError::PhoneNotInPlan { code };
    }
    match lengths.iter().find(|&&l| l > length) {
        Some(&min) => ValueError::PhoneTooShort { code, min },
        None => ValueError::PhoneTooLong {
            code,
            max: lengths[lengths.len() - 1],
        },
    }
}

/// The lengths a plan's landline and mobile numbers may have (a kind without lengths of its
/// own has the plan's); the plan's lengths where it has neither kind (+800 freephone).
fn usual_lengths(meta: &Metadata) -> Vec<u16> {
    let d = meta.descriptors();
    let general = d.general().possible_length();
    let lengths: Vec<u16> = [d.fixed_line(), d.mobile()]
        .into_iter()
        .flatten()
        .flat_map(|desc| match desc.possible_length() {
            [] => general,
            own => own,
        })
        .copied()
        .collect();
    if lengths.is_empty() {
        general.to_vec()
    } else {
        lengths
    }
}

/// The kind of a valid national number in its plan.
fn kind_in(meta: &Metadata, national: &str) -> PhoneKind {
    let d = meta.descriptors();
    let matches = |desc: Option<&phonenumber::metadata::Descriptor>| {
        desc.is_some_and(|desc| desc.is_match(national))
    };
    match (matches(d.mobile()), matches(d.fixed_line())) {
        (true, true) => PhoneKind::FixedLineOrMobile,
        (true, false) => PhoneKind::Mobile,
        (false, true) => PhoneKind::FixedLine,
        (false, false) => PhoneKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::cycle::model_countries::COUNTRIES;

    /// The E.164 form the library itself gives a number.
    fn library_e164(raw: &str, country: Option<&str>) -> String {
        let region = country.map(|c| country::Id::from_str(c).unwrap());
        phonenumber::parse(region, raw)
            .unwrap()
            .format()
            .mode(Mode::E164)
            .to_string()
    }

    #[test]
    fn numbers_are_normalised_as_the_numbering_plans_say() {
        let cases = [
            // A trunk prefix typed after the country code is dropped...
            ("+44 020 7946 0958", "+442079460958"),
            ("+44 (0)20 7946 0958", "+442079460958"),
            ("+49 030 1234567", "+49301234567"),
            ("+33 06 12 34 56 78", "+33612345678"),
            ("+31 06 12345678", "+31612345678"),
            ("+380 044 123 4567", "+380441234567"),
            ("+7 8 495 123-45-67", "+74951234567"),
            // ...except in Italy, where the 0 belongs to the number.
            ("+39 (0)6 6982 0000", "+390669820000"),
            ("+39 06 6982 0000", "+390669820000"),
            // Short numbers that exist.
            ("+683 7012", "+6837012"),
            ("+690 7290", "+6907290"),
            ("+290 8999", "+2908999"),
            ("+43 1 4000", "+4314000"),
            // Spellings.
            ("0048 600-700-800", "+48600700800"),
            ("+48 (22) 123.45.67", "+48221234567"),
            ("  +380\u{a0}44 123 4567 ", "+380441234567"),
        ];
        for (raw, expected) in cases {
            let phone = Phone::parse(raw, None).unwrap_or_else(|e| panic!("{raw}: {e}"));
            assert_eq!(phone.as_str(), expected, "{raw}");
            if raw.starts_with('+') {
                assert_eq!(
                    library_e164(raw, None),
                    expected,
                    "{raw} as the library reads it"
                );
            }
        }
    }

    #[test]
    fn numbers_without_a_country_code_are_read_in_the_candidates_country() {
        let cases = [
            ("600 700 800", "PL", "+48600700800"),
            ("(22) 123 45 67", "PL", "+48221234567"),
            ("020 7946 0958", "GB", "+442079460958"),
            ("06 6982 0000", "IT", "+390669820000"),
            ("044 123 4567", "UA", "+380441234567"),
            // A number with its country code is that country's, whatever the candidate's.
            ("+44 20 7946 0958", "PL", "+442079460958"),
            ("0044 20 7946 0958", "PL", "+442079460958"),
        ];
        for (raw, country, expected) in cases {
            assert_eq!(
                Phone::parse(raw, Some(country)).map(|p| p.e164),
                Ok(expected.to_owned()),
                "{raw} in {country}"
            );
        }
        // No country to read it in.
        for (raw, country) in [
            ("600 700 800", None),
            ("600 700 800", Some("XX")),
            ("0 600 700 800", None),
        ] {
            assert_eq!(
                Phone::parse(raw, country),
                Err(ValueError::PhoneCountryCode),
                "{raw}"
            );
        }
        // A Polish number typed without +48 by a Ukrainian citizen.
        assert_eq!(
            Phone::parse("600 100 200", Some("UA")),
            Err(ValueError::PhoneNotInCountry { code: 380 })
        );
    }

    #[test]
    fn wrong_numbers_say_what_is_wrong() {
        let cases = [
            (
                "+48 512 345 67",
                ValueError::PhoneTooShort { code: 48, min: 9 },
            ),
            (
                "+48 512 345 6789",
                ValueError::PhoneTooLong { code: 48, max: 9 },
            ),
            ("+48 60070", ValueError::PhoneTooShort { code: 48, min: 7 }),
            ("+999 123 456 789", ValueError::PhoneCountryCodeUnknown),
            ("+0048 600 700 800", ValueError::PhoneCountryCodeUnknown),
            ("+48 000 000 000", ValueError::PhoneNotInPlan { code: 48 }),
            ("", ValueError::Missing),
            ("+48 600 ABC 800", ValueError::PhoneCharacters),
            ("+48 600 700 800 ext. 5", ValueError::PhoneCharacters),
            ("48+600700800", ValueError::PhoneCharacters),
            ("++48600700800", ValueError::PhoneCharacters),
        ];
        for (raw, expected) in cases {
            assert_eq!(Phone::parse(raw, None), Err(expected), "{raw}");
        }
        assert_eq!(
            Phone::parse(&"1".repeat(41), Some("PL")),
            Err(ValueError::PhoneCharacters)
        );
    }

    /// Each listed country's example mobile and fixed-line numbers from the metadata: accepted
    /// in international and national form with the library's E.164, with their kind; and the
    /// same number with a digit dropped or added refused wherever the plan has one length.
    #[test]
    fn every_listed_countrys_example_numbers_are_accepted_and_their_typos_refused() {
        let mut typos_refused = 0;
        for (id, _, _) in COUNTRIES.iter().filter(|(id, _, _)| *id != "XX") {
            let meta = DATABASE
                .by_id(*id)
                .unwrap_or_else(|| panic!("{id} in the metadata"));
            let code = meta.country_code();
            let d = meta.descriptors();
            for (desc, kinds) in [
                (
                    d.mobile(),
                    [PhoneKind::Mobile, PhoneKind::FixedLineOrMobile],
                ),
                (
                    d.fixed_line(),
                    [PhoneKind::FixedLine, PhoneKind::FixedLineOrMobile],
                ),
            ] {
                let Some(desc) = desc else { continue };
                let Some(example) = desc.example() else {
                    continue;
                };
                let international = format!("+{code} {example}");
                let phone = Phone::parse(&international, None)
                    .unwrap_or_else(|e| panic!("{id} {international}: {e}"));
                assert_eq!(phone.as_str(), library_e164(&international, None), "{id}");
                assert_eq!(phone.as_str(), format!("+{code}{example}"), "{id}");
                assert!(
                    kinds.contains(&phone.kind()),
                    "{id} {example}: {:?}",
                    phone.kind()
                );
                let national = phonenumber::parse(None, &international)
                    .unwrap()
                    .format()
                    .mode(Mode::National)
                    .to_string();
                assert_eq!(
                    Phone::parse(&national, Some(id)).map(|p| p.e164),
                    Ok(phone.e164.clone()),
                    "{id} national {national}"
                );
                let lengths = if desc.possible_length().is_empty() {
                    d.general().possible_length()
                } else {
                    desc.possible_length()
                };
                if lengths.len() == 1 {
                    let dropped = &international[..international.len() - 1];
                    let added = format!("{international}5");
                    for typo in [dropped, added.as_str()] {
                        // A typo may happen to be another valid number (a service number, say);
                        // whatever the plan does not have is refused.
                        let valid = phonenumber::parse(None, typo).is_ok_and(|n| n.is_valid());
                        assert_eq!(Phone::parse(typo, None).is_ok(), valid, "{id} typo {typo}");
                        typos_refused += usize::from(!valid);
                    }
                }
            }
        }
        assert!(typos_refused >= 60, "typos checked: {typos_refused}");
    }

    #[test]
    fn mobile_numbers_take_text_messages() {
        let mobile = Phone::parse("+48 600 700 800", None).unwrap();
        assert_eq!(mobile.kind(), PhoneKind::Mobile);
        assert!(mobile.kind().takes_sms());
        let landline = Phone::parse("+48 22 123 45 67", None).unwrap();
        assert_eq!(landline.kind(), PhoneKind::FixedLine);
        assert!(!landline.kind().takes_sms());
        let north_america = Phone::parse("+1 201 555 0123", None).unwrap();
        assert_eq!(north_america.kind(), PhoneKind::FixedLineOrMobile);
        assert_eq!(
            Phone::from_stored(mobile.as_str()).map(|p| p.kind()),
            Ok(PhoneKind::Mobile)
        );
    }
}
