//! iCalendar (RFC 5545) invitations for booked sessions, as RFC 5546 methods: `REQUEST` when a
//! session is booked or changed (the same UID, a higher SEQUENCE), `CANCEL` when the booking
//! ends, `PUBLISH` for the copy a candidate downloads. Times carry the Europe/Warsaw zone.

use chrono::{NaiveDateTime, TimeZone};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Request,
    Cancel,
    Publish,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
            Method::Publish => "PUBLISH",
        }
    }
}

/// One booked session as a calendar event.
#[derive(Debug, Clone)]
pub struct Invitation<'a> {
    pub method: Method,
    /// Stable per booking, e.g. `<booking id>@portal.example`.
    pub uid: &'a str,
    pub sequence: i32,
    /// When this version was made, UTC.
    pub stamp: NaiveDateTime,
    /// UTC.
    pub starts: NaiveDateTime,
    pub ends: NaiveDateTime,
    pub summary: &'a str,
    pub location: &'a str,
    pub description: &'a str,
    /// The booking page.
    pub url: &'a str,
    pub organizer_name: &'a str,
    pub organizer_email: &'a str,
    pub attendee_name: &'a str,
    pub attendee_email: &'a str,
}

/// Europe/Warsaw's rules since 1996: summer time from the last Sunday of March to the last
/// Sunday of October.
const WARSAW: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Warsaw\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19700329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19701025T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// A TEXT value: backslash, semicolon, comma and line breaks escaped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (a name in `CN=`): quoted, without the characters it may not hold.
fn param(value: &str) -> String {
    let clean: String = value
        .chars()
        .filter(|c| !matches!(c, '"' | '\r' | '\n') && !c.is_control())
        .collect();
    format!("\"{clean}\"")
}

/// One content line folded at 75 octets (continuations start with a space), ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn utc(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn warsaw(t: NaiveDateTime) -> String {
    chrono_tz::Europe::Warsaw
        .from_utc_datetime(&t)
        .format("%Y%m%dT%H%M%S")
        .to_string()
}

impl Invitation<'_> {
    pub fn render(&self) -> String {
        let mut out = String::new();
        for l in [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Admitto//Exam bookings//EN",
            "CALSCALE:GREGORIAN",
        ] {
            line(&mut out, l);
        }
        line(&mut out, &format!("METHOD:{}", self.method.as_str()));
        out.push_str(WARSAW);
        let status = match self.method {
            Method::Cancel => "CANCELLED",
            _ => "CONFIRMED",
        };
        let lines = [
            "BEGIN:VEVENT".to_owned(),
            format!("UID:{}", self.uid),
            format!("SEQUENCE:{}", self.sequence),
            format!("DTSTAMP:{}", utc(self.stamp)),
            format!("DTSTART;TZID=Europe/Warsaw:{}", warsaw(self.starts)),
            format!("DTEND;TZID=Europe/Warsaw:{}", warsaw(self.ends)),
            format!("SUMMARY:{}", text(self.summary)),
            format!("LOCATION:{}", text(self.location)),
            format!("DESCRIPTION:{}", text(self.description)),
            format!("URL:{}", self.url),
            format!("STATUS:{status}"),
            "TRANSP:OPAQUE".to_owned(),
            format!(
                "ORGANIZER;CN={}:mailto:{}",
                param(self.organizer_name),
                self.organizer_email
            ),
            format!(
                "ATTENDEE;CN={};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=FALSE:mailto:{}",
                param(self.attendee_name),
                self.attendee_email
            ),
            "END:VEVENT".to_owned(),
            "END:VCALENDAR".to_owned(),
        ];
        for l in &lines {
            line(&mut out, l);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap_or_default()
    }

    fn invitation(method: Method) -> Invitation<'static> {
        Invitation {
            method,
            uid: "b1@portal.example",
            sequence: 2,
            stamp: at("2026-12-04 10:00"),
            starts: at("2027-07-05 07:00"),
            ends: at("2027-07-05 10:00"),
            summary: "Egzamin z rysunku; Architektura, część 1",
            location: "Wydział Architektury, ul. Wiślana 12, sala A-101 – wejście od dziedzińca, drugie piętro, po lewej",
            description: "Przynieś:\nołówki",
            url: "https://portal.example/applications/a/exams/drawing",
            organizer_name: "Uniwersytet \"Nadwiślański\"",
            organizer_email: "rekrutacja@uni.example",
            attendee_name: "Zofia Nowak",
            attendee_email: "zofia@example.com",
        }
    }

    #[test]
    fn times_are_in_warsaw_time_with_the_zone_and_texts_are_escaped() {
        let ics = invitation(Method::Request).render();
        assert!(ics.contains("DTSTART;TZID=Europe/Warsaw:20270705T090000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/Warsaw:20270705T120000\r\n"));
        assert!(ics.contains("TZID:Europe/Warsaw\r\n"));
        assert!(ics.contains("SUMMARY:Egzamin z rysunku\\; Architektura\\, część 1\r\n"));
        assert!(ics.contains("DESCRIPTION:Przynieś:\\nołówki\r\n"));
        assert!(ics.contains("ORGANIZER;CN=\"Uniwersytet Nadwiślański\":mailto:"));
        assert!(ics.contains("METHOD:REQUEST\r\n") && ics.contains("STATUS:CONFIRMED"));
        let cancel = invitation(Method::Cancel).render();
        assert!(cancel.contains("METHOD:CANCEL\r\n") && cancel.contains("STATUS:CANCELLED"));
    }

    #[test]
    fn long_lines_are_folded_at_75_octets_between_characters() {
        let ics = invitation(Method::Request).render();
        for l in ics.split("\r\n") {
            assert!(l.len() <= 75, "{l:?}");
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("po lewej\r\n"));
        assert!(unfolded.contains("LOCATION:Wydział Architektury\\, ul. Wiślana 12"));
    }
}
