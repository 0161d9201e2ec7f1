//! Scores and attendance from a spreadsheet: a CSV file with a header row naming its columns
//! (`registration`, `attendance`, `score` or `first`, `second`; in Polish `numer`, `obecność`,
//! `wynik`, `drugi`). Comma or semicolon separated (the header decides), quotes as in RFC 4180,
//! UTF-8 with or without a byte-order mark or Windows-1250 (what Polish spreadsheets save). Other
//! columns (a name, the session) are ignored, and an empty cell leaves that value as it is.

use super::scores::Attendance;

/// One data line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// Its line number in the file (the header is line 1).
    pub line: usize,
    pub registration: String,
    pub attendance: Option<Attendance>,
    pub first: Option<String>,
    pub second: Option<String>,
}

/// Why a file or one of its lines is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportProblem {
    #[error("the file is empty")]
    Empty,
    #[error("no registration column")]
    NoRegistrationColumn,
    #[error("neither a score nor an attendance column")]
    NothingToImport,
    #[error("a quote is not closed")]
    UnclosedQuote,
    #[error("no registration number")]
    NoRegistration,
    #[error("registration {0} given twice")]
    Twice(String),
    #[error("no candidate booked into this exam has registration {0}")]
    UnknownCandidate(String),
    #[error("unknown attendance {0:?}")]
    UnknownAttendance(String),
    /// A score or mark the sheet refuses (off the scale, for someone absent, …).
    #[error("{0}")]
    Score(super::scores::ScoreProblem),
}

impl ImportProblem {
    /// The Fluent id of its message (the registration, where it has one, is `$registration`).
    pub fn message_id(&self) -> &'static str {
        match self {
            ImportProblem::Empty => "exam-import-error-empty",
            ImportProblem::NoRegistrationColumn => "exam-import-error-no-registration-column",
            ImportProblem::NothingToImport => "exam-import-error-nothing",
            ImportProblem::UnclosedQuote => "exam-import-error-quote",
            ImportProblem::NoRegistration => "exam-import-error-no-registration",
            ImportProblem::Twice(_) => "exam-import-error-twice",
            ImportProblem::UnknownCandidate(_) => "exam-import-error-unknown",
            ImportProblem::UnknownAttendance(_) => "exam-import-error-attendance",
            ImportProblem::Score(problem) => problem.message_id(),
        }
    }

    /// The value the message names, if any.
    pub fn value(&self) -> &str {
        match self {
            ImportProblem::Twice(v)
            | ImportProblem::UnknownCandidate(v)
            | ImportProblem::UnknownAttendance(v) => v,
            _ => "",
        }
    }
}

/// A problem at a line of the file (0: the file as a whole).
pub type LineProblem = (usize, ImportProblem);

/// The file's text: UTF-8 (a byte-order mark dropped), else Windows-1250.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::WINDOWS_1250.decode(bytes).0.into_owned(),
    }
}

/// Splits CSV text into records of cells, each with the line it starts on. Quoted cells may
/// hold separators, doubled quotes and line breaks.
fn records(text: &str, separator: char) -> Result<Vec<(usize, Vec<String>)>, LineProblem> {
    let mut out = Vec::new();
    let mut cells = Vec::new();
    let mut cell = String::new();
    let (mut line, mut start) = (1, 1);
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if cell.trim().is_empty() => {
                cell.clear();
                quoted = true;
            }
            '\n' if quoted => {
                line += 1;
                cell.push('\n');
            }
            c if c == separator && !quoted => cells.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            '\n' => {
                cells.push(std::mem::take(&mut cell));
                out.push((start, std::mem::take(&mut cells)));
                line += 1;
                start = line;
            }
            c => cell.push(c),
        }
    }
    if quoted {
        return Err((start, ImportProblem::UnclosedQuote));
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        out.push((start, cells));
    }
    out.retain(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    Ok(out)
}

/// The column a header names, by its words in either language.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Column {
    Registration,
    Attendance,
    First,
    Second,
}

fn column(header: &str) -> Option<Column> {
    let name = header.trim().to_lowercase();
    let is = |names: &[&str]| names.contains(&name.as_str());
    if is(&[
        "registration",
        "registration number",
        "receipt",
        "numer",
        "numer zgłoszenia",
        "nr",
    ]) {
        Some(Column::Registration)
    } else if is(&["attendance", "obecność", "obecnosc"]) {
        Some(Column::Attendance)
    } else if is(&[
        "score",
        "first",
        "first score",
        "wynik",
        "pierwszy",
        "ocena",
    ]) {
        Some(Column::First)
    } else if is(&["second", "second score", "drugi", "drugi wynik"]) {
        Some(Column::Second)
    } else {
        None
    }
}

/// An attendance as written in a spreadsheet: `present`, `absent`, `excused` or their Polish
/// words (`obecny`, `nieobecna`, `usprawiedliwiony`, …).
fn attendance(raw: &str) -> Option<Attendance> {
    let word = raw.trim().to_lowercase();
    if let Some(a) = Attendance::parse(&word) {
        return Some(a);
    }
    if word.starts_with("nieobecn") {
        Some(Attendance::Absent)
    } else if word.starts_with("obecn") {
        Some(Attendance::Present)
    } else if word.starts_with("usprawiedliw") {
        Some(Attendance::Excused)
    } else {
        None
    }
}

/// Reads the file into its rows, or every problem with its line.
pub fn read(text: &str) -> Result<Vec<ImportRow>, Vec<LineProblem>> {
    let first_line = text.lines().next().unwrap_or_default();
    let separator = if first_line.matches(';').count() > first_line.matches(',').count() {
        ';'
    } else {
        ','
    };
    let mut records = records(text, separator).map_err(|p| vec![p])?.into_iter();
    let Some((_, header)) = records.next() else {
        return Err(vec![(0, ImportProblem::Empty)]);
    };
    let columns: Vec<Option<Column>> = header.iter().map(|h| column(h)).collect();
    let at = |wanted: Column| columns.iter().position(|c| *c == Some(wanted));
    let Some(registration) = at(Column::Registration) else {
        return Err(vec![(1, ImportProblem::NoRegistrationColumn)]);
    };
    let (attendance_at, first_at, second_at) = (
        at(Column::Attendance),
        at(Column::First),
        at(Column::Second),
    );
    if attendance_at.is_none() && first_at.is_none() && second_at.is_none() {
        return Err(vec![(1, ImportProblem::NothingToImport)]);
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (line, cells) in records {
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
        };
        let Some(number) = cell(Some(registration)) else {
            problems.push((line, ImportProblem::NoRegistration));
            continue;
        };
        if !seen.insert(number.to_uppercase()) {
            problems.push((line, ImportProblem::Twice(number)));
            continue;
        }
        let attendance = match cell(attendance_at) {
            None => None,
            Some(raw) => match attendance(&raw) {
                Some(a) => Some(a),
                None => {
                    problems.push((line, ImportProblem::UnknownAttendance(raw)));
                    continue;
                }
            },
        };
        rows.push(ImportRow {
            line,
            registration: number,
            attendance,
            first: cell(first_at),
            second: cell(second_at),
        });
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_semicolon_file_from_a_polish_spreadsheet_is_read() {
        let text = "Numer;Imię i nazwisko;Obecność;Wynik;Drugi\r\n\
                    ARCH-1;\"Nowak; Anna\";obecna;41,5;40\r\n\
                    ARCH-2;Kowalski;nieobecny;;\r\n\r\n";
        let rows = read(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].registration, "ARCH-1");
        assert_eq!(rows[0].attendance, Some(Attendance::Present));
        assert_eq!(rows[0].first.as_deref(), Some("41,5"));
        assert_eq!(rows[0].second.as_deref(), Some("40"));
        assert_eq!(
            (rows[1].line, rows[1].attendance),
            (3, Some(Attendance::Absent))
        );
        assert_eq!(rows[1].first, None);
    }

    #[test]
    fn a_comma_file_with_quotes_and_a_line_break_keeps_its_line_numbers() {
        let text = "registration,name,score\nA-1,\"Smith, \"\"Jo\"\"\nJr\",12\nA-2,Lee,13\n";
        let rows = read(text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].first.as_deref()), (2, Some("12")));
        assert_eq!((rows[1].line, rows[1].registration.as_str()), (4, "A-2"));
    }

    #[test]
    fn each_bad_line_is_said_with_its_number() {
        let problems =
            read("registration;attendance\nA-1;maybe\n;present\nA-3;present\na-3;absent\n")
                .unwrap_err();
        assert_eq!(
            problems,
            vec![
                (2, ImportProblem::UnknownAttendance("maybe".into())),
                (3, ImportProblem::NoRegistration),
                (5, ImportProblem::Twice("a-3".into())),
            ]
        );
        assert_eq!(read("").unwrap_err(), vec![(0, ImportProblem::Empty)]);
        assert_eq!(
            read("name,score\nJo,1\n").unwrap_err(),
            vec![(1, ImportProblem::NoRegistrationColumn)]
        );
        assert_eq!(
            read("registration,name\nA-1,Jo\n").unwrap_err(),
            vec![(1, ImportProblem::NothingToImport)]
        );
        assert_eq!(
            read("registration,score\nA-1,\"12\n").unwrap_err(),
            vec![(2, ImportProblem::UnclosedQuote)]
        );
    }

    #[test]
    fn windows_1250_and_a_byte_order_mark_are_decoded() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1250.encode("Numer;Obecność\n");
        assert_eq!(decode(&bytes), "Numer;Obecność\n");
        assert_eq!(decode(b"\xEF\xBB\xBFnumer"), "numer");
    }
}
