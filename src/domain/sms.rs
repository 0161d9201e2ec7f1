//! What an SMS needs before any gateway: a phone number in E.164 form, the length of a text in
//! segments (GSM-7 when every character is in its alphabet, UCS-2 otherwise, where Polish
//! letters halve what fits), and the quiet hours in which no SMS is sent.

use chrono::{Duration, NaiveDateTime, NaiveTime, TimeZone};

/// A phone number as `+` and 8 to 15 digits, the first not 0 (E.164).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PhoneProblem {
    #[error("the number must start with + and the country code, e.g. +48 600 100 200")]
    NoCountryCode,
    #[error("the number may hold only digits, spaces and hyphens after the +")]
    NotDigits,
    #[error("the number must have 8 to 15 digits with the country code")]
    Length,
}

impl PhoneNumber {
    /// Reads a number as people write it (`+48 600-100-200`).
    pub fn parse(text: &str) -> Result<PhoneNumber, PhoneProblem> {
        let text = text.trim();
        let rest = text.strip_prefix('+').ok_or(PhoneProblem::NoCountryCode)?;
        let mut digits = String::with_capacity(15);
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '\u{a0}' => {}
                _ => return Err(PhoneProblem::NotDigits),
            }
        }
        if !(8..=15).contains(&digits.len()) {
            return Err(PhoneProblem::Length);
        }
        if digits.starts_with('0') {
            return Err(PhoneProblem::NoCountryCode);
        }
        Ok(PhoneNumber(format!("+{digits}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The characters GSM-7 holds in one unit.
const GSM_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?\
¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The characters GSM-7 holds in two units (an escape and the character).
const GSM_EXTENDED: &str = "^{}\\[~]|€\u{c}";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Gsm7,
    Ucs2,
}

/// How long a text is as an SMS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsLength {
    pub encoding: Encoding,
    /// GSM-7 units or UTF-16 code units.
    pub units: usize,
    pub segments: usize,
    /// How many units one segment holds at this length (fewer once it is split).
    pub per_segment: usize,
}

impl SmsLength {
    pub fn of(text: &str) -> SmsLength {
        let gsm: Option<usize> = text
            .chars()
            .map(|c| {
                if GSM_BASIC.contains(c) {
                    Some(1)
                } else if GSM_EXTENDED.contains(c) {
                    Some(2)
                } else {
                    None
                }
            })
            .sum();
        let (encoding, units, single, part) = match gsm {
            Some(units) => (Encoding::Gsm7, units, 160, 153),
            None => (Encoding::Ucs2, text.encode_utf16().count(), 70, 67),
        };
        let (segments, per_segment) = if units <= single {
            (usize::from(units > 0), single)
        } else {
            (units.div_ceil(part), part)
        };
        SmsLength {
            encoding,
            units,
            segments,
            per_segment,
        }
    }
}

/// The hours (Warsaw time) in which no SMS goes out: from `from` in the evening until
/// `until` in the morning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub from: NaiveTime,
    pub until: NaiveTime,
}

impl QuietHours {
    /// When an SMS due at `now` (UTC) may go: `now`, or the end of the quiet hours it falls
    /// in.
    pub fn next_allowed(&self, now: NaiveDateTime) -> NaiveDateTime {
        let warsaw = chrono_tz::Europe::Warsaw;
        let local = warsaw.from_utc_datetime(&now).naive_local();
        let time = local.time();
        let quiet = if self.from > self.until {
            time >= self.from || time < self.until
        } else {
            time >= self.from && time < self.until
        };
        if !quiet {
            return now;
        }
        let day = if time >= self.from && self.from > self.until {
            local.date() + Duration::days(1)
        } else {
            local.date()
        };
        warsaw
            .from_local_datetime(&day.and_time(self.until))
            .earliest()
            .map_or(now, |t| t.naive_utc())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_read_as_people_write_them_and_refused_with_the_reason() {
        assert_eq!(
            PhoneNumber::parse(" +48 600-100-200 ").unwrap().as_str(),
            "+48600100200"
        );
        assert_eq!(
            PhoneNumber::parse("600100200"),
            Err(PhoneProblem::NoCountryCode)
        );
        assert_eq!(
            PhoneNumber::parse("+48 600 1OO 200"),
            Err(PhoneProblem::NotDigits)
        );
        assert_eq!(PhoneNumber::parse("+4860"), Err(PhoneProblem::Length));
        assert_eq!(
            PhoneNumber::parse("+0048600100200"),
            Err(PhoneProblem::NoCountryCode)
        );
    }

    #[test]
    fn polish_letters_halve_what_one_sms_holds() {
        let plain = SmsLength::of(&"a".repeat(160));
        assert_eq!((plain.encoding, plain.segments), (Encoding::Gsm7, 1));
        assert_eq!(SmsLength::of(&"a".repeat(161)).segments, 2);
        let polish = SmsLength::of("Zgłoszenie");
        assert_eq!(
            (polish.encoding, polish.units, polish.per_segment),
            (Encoding::Ucs2, 10, 70)
        );
        assert_eq!(SmsLength::of(&"ą".repeat(71)).segments, 2);
        // The euro sign takes two units of GSM-7.
        assert_eq!(SmsLength::of("100 €").units, 6);
        assert_eq!(SmsLength::of("").segments, 0);
    }

    #[test]
    fn an_sms_due_at_night_waits_for_the_morning_in_warsaw() {
        let quiet = QuietHours {
            from: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            until: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
        };
        let at = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        // 12:00 UTC in July is 14:00 in Warsaw: sent at once.
        assert_eq!(
            quiet.next_allowed(at("2027-07-10 12:00")),
            at("2027-07-10 12:00")
        );
        // 21:30 UTC is 23:30 in Warsaw: 08:00 the next day is 06:00 UTC.
        assert_eq!(
            quiet.next_allowed(at("2027-07-10 21:30")),
            at("2027-07-11 06:00")
        );
        // 03:00 UTC is 05:00 in Warsaw: 08:00 the same day.
        assert_eq!(
            quiet.next_allowed(at("2027-07-11 03:00")),
            at("2027-07-11 06:00")
        );
    }
}
