//! Values typed by candidates, parsed at the boundary into domain types.
//!
//! Every function here takes raw form input, trims it, and returns either a valid value or a
//! [`ValueError`] naming the one problem to show the candidate. Empty or whitespace-only input
//! is always [`ValueError::Missing`]. One file per kind of value.

mod date;
mod email;
mod error;
mod number;
mod pesel;
mod phone;
mod postal;
pub mod text;

pub use date::{parse_birth_date, parse_date};
pub use email::parse_email;
pub use number::{parse_number, parse_percentage};
pub use pesel::{check_pesel_matches_birth_date, Pesel};
pub use phone::{Phone, PhoneKind};
pub use postal::check_postal_code;
pub use text::check_text;

pub use error::{ValueError, MAX_CANDIDATE_AGE, MIN_CANDIDATE_AGE};

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::error::Error;

    type TestResult = Result<(), Box<dyn Error>>;

    fn date(year: i32, month: u32, day: u32) -> Result<NaiveDate, Box<dyn Error>> {
        NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| "test date does not exist".into())
    }

    // PESEL ------------------------------------------------------------------------------------

    #[test]
    fn valid_pesels_decode_date_and_sex() -> TestResult {
        let cases = [
            ("90051700011", date(1990, 5, 17)?, false),
            ("90051700127", date(1990, 5, 17)?, true),
            ("05320100232", date(2005, 12, 1)?, false),
            ("05320100140", date(2005, 12, 1)?, true),
            ("99810100358", date(1899, 1, 1)?, false),
            ("99810100464", date(1899, 1, 1)?, true),
            ("44051401359", date(1944, 5, 14)?, false),
            ("02070803628", date(1902, 7, 8)?, true),
            ("00222900085", date(2000, 2, 29)?, true),
            ("00420100025", date(2100, 2, 1)?, true),
            ("00620100038", date(2200, 2, 1)?, false),
        ];
        for (digits, birth_date, female) in cases {
            let pesel = Pesel::parse(&format!(" {digits}\n"))?;
            assert_eq!(pesel.as_str(), digits);
            assert_eq!(pesel.birth_date(), birth_date, "{digits}");
            assert_eq!(pesel.is_female(), female, "{digits}");
        }
        Ok(())
    }

    #[test]
    fn pesel_with_wrong_check_digit_is_refused() {
        assert_eq!(Pesel::parse("90051700012"), Err(ValueError::PeselChecksum));
        // Two digits swapped.
        assert_eq!(Pesel::parse("90051700101"), Err(ValueError::PeselChecksum));
    }

    #[test]
    fn pesel_must_be_eleven_digits() {
        for raw in [
            "9005170001",
            "900517000111",
            "9005170001a",
            "900517-0001",
            "9005 170 0011",
            "٩٠٠٥١٧٠٠٠١١",
        ] {
            assert_eq!(Pesel::parse(raw), Err(ValueError::PeselFormat), "{raw}");
        }
        assert_eq!(Pesel::parse("  "), Err(ValueError::Missing));
    }

    #[test]
    fn pesel_with_impossible_date_is_refused() {
        // Check digits are right; the dates are not.
        for raw in [
            "90131700074", // month 13
            "90023100076", // 31 February 1990
            "01222900082", // 29 February 2001
            "00422900081", // 29 February 2100
            "92000000074", // month 0
            "90121700073", // valid, as a control
        ] {
            let expected = if raw == "90121700073" {
                Ok(())
            } else {
                Err(ValueError::PeselDate)
            };
            assert_eq!(Pesel::parse(raw).map(|_| ()), expected, "{raw}");
        }
    }

    #[test]
    fn pesel_is_compared_with_birth_date() -> TestResult {
        let pesel = Pesel::parse("90051700011")?;
        assert_eq!(
            check_pesel_matches_birth_date(&pesel, date(1990, 5, 17)?),
            Ok(())
        );
        assert_eq!(
            check_pesel_matches_birth_date(&pesel, date(1990, 5, 18)?),
            Err(ValueError::PeselBirthDateMismatch)
        );
        assert_eq!(
            check_pesel_matches_birth_date(&pesel, date(2090, 5, 17)?),
            Err(ValueError::PeselBirthDateMismatch)
        );
        Ok(())
    }

    #[test]
    fn pesel_debug_output_is_redacted() -> TestResult {
        let pesel = Pesel::parse("90051700011")?;
        assert!(!format!("{pesel:?}").contains("900517"));
        Ok(())
    }

    // Dates ------------------------------------------------------------------------------------

    #[test]
    fn dates_are_accepted_in_both_forms() -> TestResult {
        assert_eq!(parse_date("1990-05-17")?, date(1990, 5, 17)?);
        assert_eq!(parse_date(" 17.05.1990 ")?, date(1990, 5, 17)?);
        assert_eq!(parse_date("1.5.1990")?, date(1990, 5, 1)?);
        assert_eq!(parse_date("2000-02-29")?, date(2000, 2, 29)?);
        assert_eq!(parse_date("1900-01-01")?, date(1900, 1, 1)?);
        assert_eq!(parse_date("31.12.2100")?, date(2100, 12, 31)?);
        Ok(())
    }

    #[test]
    fn malformed_dates_are_refused() {
        for raw in [
            "17/05/1990",
            "1990.05.17",
            "17-05-1990",
            "90-05-17",
            "1990-05-17T00:00",
            "1990-05",
            "17.05.90",
            "1990-005-17",
            "yesterday",
            "1990-05-17-01",
        ] {
            assert_eq!(parse_date(raw), Err(ValueError::DateFormat), "{raw}");
        }
        assert_eq!(parse_date(" "), Err(ValueError::Missing));
    }

    #[test]
    fn impossible_and_distant_dates_are_refused() {
        assert_eq!(parse_date("1990-02-31"), Err(ValueError::DateInvalid));
        assert_eq!(parse_date("31.02.1990"), Err(ValueError::DateInvalid));
        assert_eq!(parse_date("1990-13-01"), Err(ValueError::DateInvalid));
        assert_eq!(parse_date("00.01.1990"), Err(ValueError::DateInvalid));
        assert_eq!(parse_date("29.02.1900"), Err(ValueError::DateInvalid));
        assert_eq!(parse_date("1899-12-31"), Err(ValueError::DateOutOfRange));
        assert_eq!(parse_date("01.01.2101"), Err(ValueError::DateOutOfRange));
        assert_eq!(parse_date("0990-05-17"), Err(ValueError::DateOutOfRange));
    }

    #[test]
    fn birth_date_must_give_a_plausible_age() -> TestResult {
        let today = date(2025, 6, 15)?;
        assert_eq!(parse_birth_date("2007-03-02", today)?, date(2007, 3, 2)?);
        // Fourteenth birthday today.
        assert_eq!(parse_birth_date("2011-06-15", today)?, date(2011, 6, 15)?);
        assert_eq!(
            parse_birth_date("2011-06-16", today),
            Err(ValueError::BirthDateTooYoung)
        );
        assert_eq!(
            parse_birth_date("15.06.2025", today),
            Err(ValueError::BirthDateTooYoung)
        );
        // A hundred and one tomorrow.
        assert_eq!(parse_birth_date("1924-06-16", today)?, date(1924, 6, 16)?);
        assert_eq!(
            parse_birth_date("1924-06-15", today),
            Err(ValueError::BirthDateTooOld)
        );
        assert_eq!(
            parse_birth_date("2025-06-16", today),
            Err(ValueError::BirthDateInFuture)
        );
        assert_eq!(
            parse_birth_date("1899-06-16", today),
            Err(ValueError::DateOutOfRange)
        );
        assert_eq!(parse_birth_date("", today), Err(ValueError::Missing));
        Ok(())
    }

    #[test]
    fn leap_day_birthdays_count_from_the_first_of_march() -> TestResult {
        assert_eq!(
            parse_birth_date("2008-02-29", date(2022, 2, 28)?),
            Err(ValueError::BirthDateTooYoung)
        );
        assert_eq!(
            parse_birth_date("2008-02-29", date(2022, 3, 1)?)?,
            date(2008, 2, 29)?
        );
        Ok(())
    }

    // Email ------------------------------------------------------------------------------------

    #[test]
    fn good_email_addresses_are_accepted() {
        let cases = [
            ("  Jan.Kowalski@Example.COM ", "Jan.Kowalski@example.com"),
            ("anna+rekrutacja@uni.edu.pl", "anna+rekrutacja@uni.edu.pl"),
            ("o'brien@mail-server.ie", "o'brien@mail-server.ie"),
            ("user@ŻÓŁW.PL", "user@żółw.pl"),
            ("zoë@例え.jp", "zoë@例え.jp"),
            ("x@a1.co", "x@a1.co"),
        ];
        for (raw, expected) in cases {
            assert_eq!(parse_email(raw).ok().as_deref(), Some(expected), "{raw}");
        }
    }

    #[test]
    fn bad_email_addresses_are_refused() {
        for raw in [
            "no-at.example.com",
            "@example.com",
            "user@",
            "a@@example.com",
            "a@b@example.com",
            "user@localhost",
            "us er@example.com",
            "user@exa mple.com",
            "user@-example.com",
            "user@example-.com",
            "user@example..com",
            "user@.example.com",
            "user@example.com.",
            "user@exam_ple.com",
            "user@192.168.0.1",
            ".user@example.com",
            "user.@example.com",
            "us..er@example.com",
            "\"user\"@example.com",
            "<user@example.com>",
            "user@example.com, other@example.com",
        ] {
            assert_eq!(parse_email(raw), Err(ValueError::EmailFormat), "{raw}");
        }
        assert_eq!(parse_email("   "), Err(ValueError::Missing));
        assert_eq!(
            parse_email("us\u{200B}er@example.com"),
            Err(ValueError::ForbiddenCharacters)
        );
    }

    #[test]
    fn email_length_limits_apply() {
        let local = "a".repeat(64);
        assert!(parse_email(&format!("{local}@example.com")).is_ok());
        assert_eq!(
            parse_email(&format!("a{local}@example.com")),
            Err(ValueError::EmailFormat)
        );
        let long_domain = format!(
            "{}.{}.{}.pl",
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(63)
        );
        let at_limit = format!("{}@{long_domain}", "a".repeat(254 - 1 - long_domain.len()));
        assert!(parse_email(&at_limit).is_ok());
        assert_eq!(
            parse_email(&format!("a{at_limit}")),
            Err(ValueError::TooLong { max: 254 })
        );
        assert_eq!(
            parse_email(&format!("user@{}.pl", "b".repeat(64))),
            Err(ValueError::EmailFormat)
        );
    }

    // Postal codes -----------------------------------------------------------------------------

    #[test]
    fn postal_codes_are_normalised_per_country() {
        let cases = [
            ("PL", "00-950", "00-950"),
            ("PL", "00950", "00-950"),
            ("PL", " 31 - 007 ", "31-007"),
            ("DE", "10115", "10115"),
            ("NL", "1012 ab", "1012 AB"),
            ("NL", "1012AB", "1012 AB"),
            ("CZ", "11000", "110 00"),
            ("CZ", "110 00", "110 00"),
            ("SK", "81101", "811 01"),
            ("SE", "114 55", "114 55"),
            ("PT", "1000-001", "1000-001"),
            ("GB", "sw1a 1aa", "SW1A 1AA"),
            ("GB", "M11AE", "M1 1AE"),
            ("GB", "B33 8TH", "B33 8TH"),
            ("GB", "CR2 6XH", "CR2 6XH"),
            ("GB", "DN55 1PT", "DN55 1PT"),
            ("GB", "W1A 0AX", "W1A 0AX"),
            ("US", "90210", "90210"),
            ("US", "90210-1234", "90210-1234"),
            ("US", "902101234", "90210-1234"),
            ("CA", "k1a 0b1", "K1A 0B1"),
            ("CA", "K1A0B1", "K1A 0B1"),
            ("UA", "01001", "01001"),
            ("LT", "01100", "LT-01100"),
            ("LT", "LT-01100", "LT-01100"),
            ("LV", "1050", "LV-1050"),
            ("LV", "lv-1050", "LV-1050"),
            ("AZ", "AZ1000", "AZ 1000"),
            ("AZ", "1000", "AZ 1000"),
            ("IE", "D02 X285", "D02 X285"),
            ("IE", "a65f4e2", "A65 F4E2"),
            ("IE", "D6W 1234", "D6W 1234"),
            ("JP", "100-0001", "100-0001"),
            ("BR", "01310100", "01310-100"),
            ("AT", "1010", "1010"),
            ("RO", "010011", "010011"),
            ("pl", "00950", "00-950"),
        ];
        for (country, raw, expected) in cases {
            assert_eq!(
                check_postal_code(country, raw).ok().as_deref(),
                Some(expected),
                "{country} {raw}"
            );
        }
    }

    #[test]
    fn wrong_postal_codes_are_refused() {
        let cases = [
            ("PL", "0-950"),
            ("PL", "009500"),
            ("PL", "OO-950"),
            ("DE", "1011"),
            ("DE", "101155"),
            ("NL", "1012 A"),
            ("NL", "AB 1012"),
            ("CZ", "1100"),
            ("GB", "SW1A"),
            ("GB", "12345"),
            ("GB", "SW1A 1A1"),
            ("US", "9021"),
            ("US", "90210-12"),
            ("CA", "K1A 0B"),
            ("CA", "111 111"),
            ("UA", "0100"),
            ("LT", "LV-01100"),
            ("LV", "LV-105"),
            ("IE", "D2 X285"),
            ("AT", "A-1010"),
            ("PL", "٠٠-٩٥٠"),
        ];
        for (country, raw) in cases {
            assert_eq!(
                check_postal_code(country, raw),
                Err(ValueError::PostalCodeFormat),
                "{country} {raw}"
            );
        }
        assert_eq!(check_postal_code("PL", " "), Err(ValueError::Missing));
    }

    #[test]
    fn other_countries_get_a_loose_check() {
        assert_eq!(
            check_postal_code("AR", "c1002aaa").ok().as_deref(),
            Some("C1002AAA")
        );
        assert_eq!(
            check_postal_code("KR", "03187").ok().as_deref(),
            Some("03187")
        );
        assert_eq!(
            check_postal_code("MT", "VLT 1117").ok().as_deref(),
            Some("VLT 1117")
        );
        for raw in ["1", "12345678901", "12#45", "--", "ü1234"] {
            assert_eq!(
                check_postal_code("AR", raw),
                Err(ValueError::PostalCodeFormat),
                "{raw}"
            );
        }
    }

    // Numbers ----------------------------------------------------------------------------------

    #[test]
    fn numbers_accept_comma_or_dot() {
        assert_eq!(parse_number("4,5", None, None), Ok(4.5));
        assert_eq!(parse_number(" 4.5 ", None, None), Ok(4.5));
        assert_eq!(parse_number("-12,75", None, None), Ok(-12.75));
        assert_eq!(parse_number("+3", None, None), Ok(3.0));
        assert_eq!(parse_number("0,5", None, None), Ok(0.5));
        assert_eq!(parse_number(",5", None, None), Ok(0.5));
        assert_eq!(parse_number("100", None, None), Ok(100.0));
    }

    #[test]
    fn non_numbers_are_refused() {
        for raw in [
            "NaN",
            "inf",
            "-infinity",
            "1e3",
            "1,000.5",
            "1 000",
            "4,5,6",
            "abc",
            "-",
            ",",
            "0x10",
        ] {
            assert_eq!(
                parse_number(raw, None, None),
                Err(ValueError::NumberFormat),
                "{raw}"
            );
        }
        assert_eq!(
            parse_number(&"9".repeat(400), None, None),
            Err(ValueError::NumberFormat)
        );
        assert_eq!(parse_number("", None, None), Err(ValueError::Missing));
    }

    #[test]
    fn number_limits_are_inclusive() {
        let (min, max) = (Some(2.0), Some(6.0));
        assert_eq!(parse_number("2", min, max), Ok(2.0));
        assert_eq!(parse_number("6,0", min, max), Ok(6.0));
        assert_eq!(parse_number("1,99", min, max), Err(ValueError::BelowMin));
        assert_eq!(parse_number("6.01", min, max), Err(ValueError::AboveMax));
        assert_eq!(
            parse_number("-1", Some(0.0), None),
            Err(ValueError::BelowMin)
        );
        assert_eq!(
            parse_number("1000000", None, max),
            Err(ValueError::AboveMax)
        );
    }

    #[test]
    fn percentages_are_whole_numbers_up_to_100() {
        assert_eq!(parse_percentage("85"), Ok(85));
        assert_eq!(parse_percentage(" 85% "), Ok(85));
        assert_eq!(parse_percentage("85 %"), Ok(85));
        assert_eq!(parse_percentage("0"), Ok(0));
        assert_eq!(parse_percentage("100"), Ok(100));
        assert_eq!(parse_percentage("007"), Ok(7));
        assert_eq!(
            parse_percentage("101"),
            Err(ValueError::PercentageOutOfRange)
        );
        assert_eq!(
            parse_percentage("256"),
            Err(ValueError::PercentageOutOfRange)
        );
        assert_eq!(
            parse_percentage("-5"),
            Err(ValueError::PercentageOutOfRange)
        );
        assert_eq!(
            parse_percentage(&"9".repeat(30)),
            Err(ValueError::PercentageOutOfRange)
        );
        assert_eq!(parse_percentage("85,5"), Err(ValueError::PercentageFormat));
        assert_eq!(parse_percentage("85.0"), Err(ValueError::PercentageFormat));
        assert_eq!(parse_percentage("%"), Err(ValueError::PercentageFormat));
        assert_eq!(parse_percentage("%85"), Err(ValueError::PercentageFormat));
        assert_eq!(
            parse_percentage("eighty"),
            Err(ValueError::PercentageFormat)
        );
        assert_eq!(parse_percentage(""), Err(ValueError::Missing));
    }

    // Text -------------------------------------------------------------------------------------

    #[test]
    fn ordinary_text_in_any_script_is_accepted() {
        let cases = [
            "Chcę studiować informatykę 🎓👍",
            "أريد أن أدرس الطب",
            "אני רוצה ללמוד משפטים",
            "Line one\nLine two\r\n\tindented",
            "<script>alert('x')</script>",
            "Robert'); DROP TABLE students;--",
        ];
        for raw in cases {
            assert_eq!(check_text(raw, 200).ok().as_deref(), Some(raw), "{raw}");
        }
        assert_eq!(
            check_text("  padded \n", 10).ok().as_deref(),
            Some("padded")
        );
    }

    #[test]
    fn hidden_and_reordering_characters_are_refused() {
        for raw in [
            "invoice\u{202E}fdp.exe",
            "a\u{202A}b",
            "a\u{2066}b\u{2069}",
            "zero\u{200B}width",
            "\u{FEFF}bom",
            "bell\u{7}",
            "nul\u{0}",
            "esc\u{1B}[31m",
            "c1\u{85}control",
            "broken \u{FFFD} bytes",
        ] {
            assert_eq!(
                check_text(raw, 200),
                Err(ValueError::ForbiddenCharacters),
                "{raw:?}"
            );
        }
    }

    #[test]
    fn text_length_is_counted_in_characters() {
        assert_eq!(check_text("żółw", 4).ok().as_deref(), Some("żółw"));
        assert_eq!(check_text("żółwie", 4), Err(ValueError::TooLong { max: 4 }));
        assert_eq!(
            check_text(&"x".repeat(5001), 5000),
            Err(ValueError::TooLong { max: 5000 })
        );
        assert_eq!(check_text(" \n\t ", 10), Err(ValueError::Missing));
    }

    #[test]
    fn every_error_has_a_distinct_message_id() {
        let all = [
            ValueError::Missing,
            ValueError::TooLong { max: 1 },
            ValueError::ForbiddenCharacters,
            ValueError::PeselFormat,
            ValueError::PeselChecksum,
            ValueError::PeselDate,
            ValueError::PeselBirthDateMismatch,
            ValueError::PhoneCharacters,
            ValueError::PhoneCountryCode,
            ValueError::PhoneCountryCodeUnknown,
            ValueError::PhoneTooShort { code: 48, min: 9 },
            ValueError::PhoneTooLong { code: 48, max: 9 },
            ValueError::PhoneNotInPlan { code: 48 },
            ValueError::PhoneNotInCountry { code: 48 },
            ValueError::DateFormat,
            ValueError::DateInvalid,
            ValueError::DateOutOfRange,
            ValueError::BirthDateInFuture,
            ValueError::BirthDateTooYoung,
            ValueError::BirthDateTooOld,
            ValueError::EmailFormat,
            ValueError::PostalCodeFormat,
            ValueError::NumberFormat,
            ValueError::BelowMin,
            ValueError::AboveMax,
            ValueError::PercentageFormat,
            ValueError::PercentageOutOfRange,
        ];
        let mut ids: Vec<&str> = all.iter().map(|e| e.message_id()).collect();
        assert!(ids.iter().all(|id| id.starts_with("value-")));
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), all.len());
        assert_eq!(
            ValueError::TooLong { max: 7 }.message_id(),
            ValueError::TooLong { max: 9 }.message_id()
        );
    }
}
