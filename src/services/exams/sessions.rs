//! The staff side of exams: the sessions of each exam with their bookings, a session's sheet of
//! attendees, and recording who came and the scores examiners give. A sheet is saved whole or
//! not at all: one wrong score keeps every mark and score of the sheet as it was. Every change
//! is audited.

use std::collections::HashMap;

use crate::db::exams::{self as rows, Attendee, ScoreRow};
use crate::db::{self, write_tx, DbConn};
use crate::domain::cycle::model_exams::{ExamDef, SessionDef};
use crate::domain::cycle::Definition;
use crate::domain::exams::import::{self, ImportProblem, LineProblem};
use crate::domain::exams::scores::{self, Attendance, ScoreProblem};
use crate::domain::exams::{self as rules};
use crate::domain::points::Points;
use crate::domain::UserId;

/// One session of an exam with how many are booked into it.
#[derive(Debug, Clone)]
pub struct SessionLoad {
    pub session: SessionDef,
    pub booked: i32,
}

/// An exam of a programme with its sessions, for the staff list.
#[derive(Debug, Clone)]
pub struct ExamSchedule {
    pub programme: String,
    pub exam: ExamDef,
    pub sessions: Vec<SessionLoad>,
}

/// Every exam of the current definition with its sessions, in time order, and the bookings of
/// each.
pub fn schedules(
    conn: &mut DbConn,
    cycle_code: &str,
    def: &Definition,
) -> anyhow::Result<Vec<ExamSchedule>> {
    let mut out = Vec::new();
    for (_, file) in &def.programs {
        let programme = file.program.code.get_ref();
        for exam in &file.exams {
            let mut sessions: Vec<&SessionDef> = exam.sessions.iter().collect();
            sessions.sort_by_key(|s| rules::session_times(exam, s).map(|(t, _)| t));
            let seats: Vec<String> = sessions
                .iter()
                .map(|s| seat(cycle_code, programme, exam, s))
                .collect();
            let taken = rows::taken(conn, &seats)?;
            let cancelled = rows::cancelled_seats(conn, &seats)?;
            out.push(ExamSchedule {
                programme: programme.clone(),
                exam: exam.clone(),
                sessions: sessions
                    .into_iter()
                    .zip(&seats)
                    .map(|(s, id)| {
                        let mut session = s.clone();
                        session.cancelled |= cancelled.contains(id);
                        SessionLoad {
                            session,
                            booked: taken.get(id).copied().unwrap_or(0),
                        }
                    })
                    .collect(),
            });
        }
    }
    Ok(out)
}

/// Every session of every exam of the definition, with its programme's code and its exam.
pub fn every_session(def: &Definition) -> impl Iterator<Item = (&str, &ExamDef, &SessionDef)> {
    def.programs.iter().flat_map(|(_, file)| {
        let programme = file.program.code.get_ref().as_str();
        file.exams
            .iter()
            .flat_map(move |exam| exam.sessions.iter().map(move |s| (programme, exam, s)))
    })
}

/// How many seats of the session whose counter is `seat` are booked (or held for a candidate
/// waiting).
pub fn booked_in(conn: &mut DbConn, seat: &str) -> anyhow::Result<i64> {
    let taken = rows::taken(conn, &[seat.to_owned()])?;
    Ok(taken.get(seat).copied().map_or(0, i64::from))
}

/// The seat counter of `session` of `exam` of `programme` in the cycle `cycle_code`.
pub(super) fn seat(
    cycle_code: &str,
    programme: &str,
    exam: &ExamDef,
    session: &SessionDef,
) -> String {
    rules::seat_id(
        cycle_code,
        programme,
        exam.key.get_ref(),
        session.key.get_ref(),
    )
}

/// One session's attendees with their marks and scores.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub programme: String,
    pub exam: ExamDef,
    pub session: SessionDef,
    pub attendees: Vec<SheetRow>,
    /// How many are on its waiting list (or offered a seat).
    pub waiting: usize,
}

#[derive(Debug, Clone)]
pub struct SheetRow {
    pub attendee: Attendee,
    pub score: ScoreRow,
}

/// The sheet of the session `session` of `exam` of `programme`; None when the definition has
/// no such session.
pub fn sheet(
    conn: &mut DbConn,
    cycle_code: &str,
    def: &Definition,
    (programme, exam, session): (&str, &str, &str),
) -> anyhow::Result<Option<Sheet>> {
    let Some(exam) = def
        .exams_of(programme)
        .iter()
        .find(|e| e.key.get_ref() == exam)
    else {
        return Ok(None);
    };
    let Some(session) = exam.session(session) else {
        return Ok(None);
    };
    let seat_id = seat(cycle_code, programme, exam, session);
    let mut session = session.clone();
    session.cancelled |= !rows::cancelled_seats(conn, std::slice::from_ref(&seat_id))?.is_empty();
    let waiting = rows::waits::of_seat(conn, &seat_id)?.len();
    let attendees = rows::attendees(conn, &seat_id)?;
    let ids: Vec<String> = attendees
        .iter()
        .map(|a| a.booking.application_id.to_string())
        .collect();
    let mut scores = rows::scores_in(conn, exam.key.get_ref(), &ids)?;
    let attendees = attendees
        .into_iter()
        .map(|attendee| {
            let id = attendee.booking.application_id.to_string();
            let score = scores.remove(&id).unwrap_or_else(|| ScoreRow {
                application_id: id,
                exam_key: exam.key.get_ref().clone(),
                ..ScoreRow::default()
            });
            SheetRow { attendee, score }
        })
        .collect();
    Ok(Some(Sheet {
        programme: programme.to_owned(),
        exam: exam.clone(),
        session,
        attendees,
        waiting,
    }))
}

/// What the sheet's form says of one booking: the attendance (empty for unmarked) and the
/// scores as typed.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub booking: String,
    pub attendance: String,
    pub first: String,
    pub second: String,
}

/// Which input of which booking a problem is at: `attendance`, `first` or `second`.
pub type EntryProblem = (String, &'static str, ScoreProblem);

/// One booking's marks after the sheet is read.
struct Change {
    row: SheetRow,
    attendance: Option<Attendance>,
    score: ScoreRow,
}

/// Reads the entries against the sheet; every problem at its input, or the changes.
fn read(
    sheet: &Sheet,
    entries: &[Entry],
    staff: &UserId,
    now: chrono::NaiveDateTime,
) -> Result<Vec<Change>, Vec<EntryProblem>> {
    let mut problems = Vec::new();
    let mut changes = Vec::new();
    for row in &sheet.attendees {
        let id = row.attendee.booking.id.to_string();
        let Some(entry) = entries.iter().find(|e| e.booking == id) else {
            continue;
        };
        let mut problem = |input: &'static str, p: ScoreProblem| {
            problems.push((id.clone(), input, p));
        };
        let attendance = match entry.attendance.trim() {
            "" => None,
            raw => match Attendance::parse(raw) {
                Some(a) => Some(a),
                None => {
                    problem("attendance", ScoreProblem::UnknownAttendance);
                    row.attendee.booking.attendance()
                }
            },
        };
        let mut read_one = |input: &'static str, raw: &str, was: Option<Points>| match (
            &sheet.exam.scale,
            raw.trim(),
        ) {
            (_, "") => None,
            (None, _) => {
                problem(input, ScoreProblem::NotScored);
                was
            }
            (Some(scale), raw) => match scores::read_score(raw, scale.get_ref()) {
                Ok(score) => score,
                Err(p) => {
                    problem(input, p);
                    was
                }
            },
        };
        let first = read_one("first", &entry.first, row.score.first());
        let second = if sheet.exam.second_examiner {
            read_one("second", &entry.second, row.score.second())
        } else {
            if !entry.second.trim().is_empty() {
                problem("second", ScoreProblem::NoSecondExaminer);
            }
            None
        };
        let mut score = row.score.clone();
        if first != row.score.first() {
            score.first_score = first.map(Points::hundredths);
            score.first_by = first.map(|_| staff.to_string());
        }
        if second != row.score.second() {
            score.second_score = second.map(Points::hundredths);
            score.second_by = second.map(|_| staff.to_string());
        }
        let scored = first.is_some() || second.is_some();
        if scored && attendance != Some(Attendance::Present) {
            let at = if first.is_some() { "first" } else { "second" };
            problem(at, ScoreProblem::NotPresent);
        }
        if score.first_by.is_some() && score.first_by == score.second_by {
            let at = if second != row.score.second() {
                "second"
            } else {
                "first"
            };
            problem(at, ScoreProblem::SameExaminer);
        }
        score.score = scores::counted(&sheet.exam, first, second).map(Points::hundredths);
        score.updated_at = now;
        changes.push(Change {
            row: row.clone(),
            attendance,
            score,
        });
    }
    if problems.is_empty() {
        Ok(changes)
    } else {
        Err(problems)
    }
}

/// Records a session's marks and scores as the sheet's form gives them: all of them, or none
/// with every problem at its input. Returns how many bookings changed.
pub fn record(
    conn: &mut DbConn,
    sheet: &Sheet,
    entries: &[Entry],
    staff: &UserId,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<Result<usize, Vec<EntryProblem>>> {
    let changes = match read(sheet, entries, staff, now) {
        Ok(changes) => changes,
        Err(problems) => return Ok(Err(problems)),
    };
    let changed = write_tx(conn, |conn| write(conn, sheet, &changes, staff, now))?;
    Ok(Ok(changed))
}

/// Writes the changes read from one sheet, auditing each; returns how many bookings changed.
fn write(
    conn: &mut DbConn,
    sheet: &Sheet,
    changes: &[Change],
    staff: &UserId,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<usize> {
    let exam = sheet.exam.key.get_ref();
    let session = sheet.session.key.get_ref();
    let mut changed = 0;
    for change in changes {
        let booking = &change.row.attendee.booking;
        let app = booking.application_id.as_str();
        let mut touched = false;
        if change.attendance != booking.attendance() {
            rows::mark(conn, &booking.id, change.attendance, staff.as_str(), now)?;
            let mark = change.attendance.map_or("unmarked", Attendance::as_str);
            db::audit::record(
                conn,
                Some(staff.as_str()),
                "exam.attendance",
                app,
                &format!("{exam} {session}: {mark}"),
                now,
            )?;
            touched = true;
        }
        let was = &change.row.score;
        let new = &change.score;
        let (first_changed, second_changed) = (
            new.first_score != was.first_score,
            new.second_score != was.second_score,
        );
        if first_changed || second_changed {
            rows::put_score(conn, new)?;
            for (changed, which, value) in [
                (first_changed, "first", new.first()),
                (second_changed, "second", new.second()),
            ] {
                if changed {
                    let value = value.map_or_else(|| "removed".to_owned(), Points::decimal);
                    db::audit::record(
                        conn,
                        Some(staff.as_str()),
                        "exam.score",
                        app,
                        &format!("{exam} {which} examiner: {value}"),
                        now,
                    )?;
                }
            }
            touched = true;
        }
        changed += usize::from(touched);
    }
    Ok(changed)
}

/// Every session's sheet of one exam, in time order; None when the definition has no such exam.
pub fn sheets(
    conn: &mut DbConn,
    cycle_code: &str,
    def: &Definition,
    (programme, exam): (&str, &str),
) -> anyhow::Result<Option<Vec<Sheet>>> {
    let Some(found) = def
        .exams_of(programme)
        .iter()
        .find(|e| e.key.get_ref() == exam)
    else {
        return Ok(None);
    };
    let mut sessions: Vec<&SessionDef> = found.sessions.iter().collect();
    sessions.sort_by_key(|s| rules::session_times(found, s).map(|(t, _)| t));
    let mut out = Vec::new();
    for session in sessions {
        if let Some(sheet) = sheet(
            conn,
            cycle_code,
            def,
            (programme, exam, session.key.get_ref()),
        )? {
            out.push(sheet);
        }
    }
    Ok(Some(out))
}

/// The score as the sheet's input shows it.
pub fn score_text(hundredths: Option<i64>) -> String {
    hundredths
        .map(|p| Points::from_hundredths(p).decimal())
        .unwrap_or_default()
}

/// Records the attendance and scores of a spreadsheet (see `domain::exams::import`) over every
/// session of the exam: all of them, or none with every problem at its line. A candidate given
/// a score and not marked yet is marked present. Returns how many bookings changed.
pub fn import(
    conn: &mut DbConn,
    sheets: &[Sheet],
    bytes: &[u8],
    staff: &UserId,
    now: chrono::NaiveDateTime,
) -> anyhow::Result<Result<usize, Vec<LineProblem>>> {
    let rows = match import::read(&import::decode(bytes)) {
        Ok(rows) => rows,
        Err(problems) => return Ok(Err(problems)),
    };
    let mut problems = Vec::new();
    let mut entries: Vec<Vec<Entry>> = vec![Vec::new(); sheets.len()];
    let mut lines = HashMap::new();
    for row in rows {
        let found = sheets.iter().enumerate().find_map(|(i, sheet)| {
            sheet
                .attendees
                .iter()
                .find(|r| {
                    r.attendee
                        .receipt_number
                        .as_deref()
                        .is_some_and(|n| n.eq_ignore_ascii_case(&row.registration))
                })
                .map(|r| (i, r))
        });
        let Some((i, booked)) = found else {
            problems.push((row.line, ImportProblem::UnknownCandidate(row.registration)));
            continue;
        };
        let was = booked.attendee.booking.attendance();
        let scored = row.first.is_some() || row.second.is_some();
        let attendance = row
            .attendance
            .or(was)
            .or(scored.then_some(Attendance::Present));
        let id = booked.attendee.booking.id.to_string();
        lines.insert(id.clone(), row.line);
        entries[i].push(Entry {
            attendance: attendance.map_or("", Attendance::as_str).to_owned(),
            first: row
                .first
                .unwrap_or_else(|| score_text(booked.score.first_score)),
            second: row
                .second
                .unwrap_or_else(|| score_text(booked.score.second_score)),
            booking: id,
        });
    }
    let mut changes = Vec::new();
    for (sheet, entries) in sheets.iter().zip(&entries) {
        match read(sheet, entries, staff, now) {
            Ok(read) => changes.push((sheet, read)),
            Err(found) => problems.extend(found.into_iter().map(|(booking, _, problem)| {
                (
                    lines.get(&booking).copied().unwrap_or(0),
                    ImportProblem::Score(problem),
                )
            })),
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|(line, _)| *line);
        return Ok(Err(problems));
    }
    let changed = write_tx(conn, |conn| -> anyhow::Result<usize> {
        let mut changed = 0;
        for (sheet, read) in &changes {
            changed += write(conn, sheet, read, staff, now)?;
        }
        Ok(changed)
    })?;
    Ok(Ok(changed))
}

/// The exam's booked candidates as a spreadsheet to fill in and import: registration, name,
/// session, and the attendance and scores recorded so far.
pub fn spreadsheet(sheets: &[Sheet]) -> String {
    let cell = |value: &str| {
        if value.contains([';', '"', '\n']) {
            format!("\"{}\"", value.replace('"', "\"\""))
        } else {
            value.to_owned()
        }
    };
    let second = sheets.first().is_some_and(|s| s.exam.second_examiner);
    let mut out = String::from(if second {
        "registration;name;session;attendance;score;second\r\n"
    } else {
        "registration;name;session;attendance;score\r\n"
    });
    for sheet in sheets {
        for row in &sheet.attendees {
            let a = &row.attendee;
            let mut cells = vec![
                cell(a.receipt_number.as_deref().unwrap_or_default()),
                cell(&a.full_name),
                cell(sheet.session.key.get_ref()),
                a.booking
                    .attendance()
                    .map_or("", Attendance::as_str)
                    .to_owned(),
                score_text(row.score.first_score),
            ];
            if second {
                cells.push(score_text(row.score.second_score));
            }
            out.push_str(&cells.join(";"));
            out.push_str("\r\n");
        }
    }
    out
}

/// The candidate's document number as the attendance list shows it: their PESEL, or their
/// passport number.
pub fn document_number(attendee: &Attendee) -> String {
    let answers: HashMap<String, serde_json::Value> =
        serde_json::from_str(&attendee.profile_answers).unwrap_or_default();
    ["pesel", "passport_number"]
        .iter()
        .find_map(|key| {
            answers
                .get(*key)
                .and_then(|v| v.as_str())
                .filter(|v| !v.trim().is_empty())
                .map(str::to_owned)
        })
        .unwrap_or_default()
}

/// The profile document that is the candidate's photo: the first one that takes images only.
pub fn photo_requirement(def: &Definition) -> Option<String> {
    use crate::domain::cycle::model::DocumentType;
    def.profile
        .steps
        .iter()
        .flat_map(|s| &s.documents)
        .find(|d| !d.types.is_empty() && !d.types.contains(&DocumentType::Pdf))
        .map(|d| d.key.get_ref().clone())
}

/// Each attendee's current photo document, by candidate, where they have one.
pub fn photos(
    conn: &mut DbConn,
    def: &Definition,
    sheet: &Sheet,
) -> anyhow::Result<HashMap<String, crate::db::documents::DocumentRow>> {
    let Some(requirement) = photo_requirement(def) else {
        return Ok(HashMap::new());
    };
    let candidates: Vec<String> = sheet
        .attendees
        .iter()
        .map(|r| r.attendee.candidate_id.clone())
        .collect();
    Ok(crate::db::documents::current_profile_documents(
        conn,
        &candidates,
        &requirement,
    )?)
}
