//! Booking exam and interview sessions: book, move (the old seat is released and the new one
//! taken in one transaction, so a failed move keeps the old booking) and cancel. Every change
//! emails the candidate a calendar invitation with the booking's one UID and a higher SEQUENCE,
//! and is audited. Which exams an application needs comes from its own version of the
//! definition; the sessions from the current one, so a session the office adds or cancels
//! counts at once, and so does a session the office cancelled (`exam_seats.cancelled_at`).
//! Full sessions keep a waiting list (`waits`); every seat given back passes through
//! `waits::free`, which offers it to the first one waiting.

pub mod office;
pub mod reminders;
pub mod sessions;
pub mod waits;

use anyhow::Context;
use chrono::NaiveDateTime;

use super::applications::{self as journey, Application};
use super::cycle_cache::CurrentCycle;
use super::ServiceConfig;
use crate::db::exams::waits::WaitRow;
use crate::db::exams::{self as rows, BookingRow, NewHold};
use crate::db::{self, write_tx, DbConn};
use crate::domain::automation::Event;
use crate::domain::cycle::model::Text;
use crate::domain::cycle::model_exams::{ExamDef, SessionDef};
use crate::domain::exams::ical::{Invitation, Method};
use crate::domain::exams::{self as rules, BookingProblem, BookingState};
use crate::domain::ids::{ApplicationId, BookingId};
use crate::domain::{Locale, UserId};
use crate::i18n::format::pick;
use crate::notify::emails::{
    enqueue_email_with, EmailAttachment, EmailMessage, ExamNotice, Recipient,
};

/// One exam of an application with what it needs to be shown or booked.
#[derive(Debug, Clone)]
pub struct ExamOfApplication {
    pub application: Application,
    /// The schedule: the exam as the current definition has it.
    pub exam: ExamDef,
    pub programme_name: Text,
    pub cycle_code: String,
    /// The exam applies to this candidate (it is on the checklist).
    pub required: bool,
    pub booking: Option<BookingRow>,
    /// The application's place on a full session's waiting list, with its position (1 is
    /// next); or the seat offered to it.
    pub wait: Option<(WaitRow, i64)>,
    /// Seats taken per session key.
    pub taken: std::collections::HashMap<String, i32>,
    /// The university's contact address (the invitation's organiser) and name.
    pub contact_email: String,
    pub university: Text,
}

impl ExamOfApplication {
    pub fn seat(&self, session: &str) -> String {
        rules::seat_id(
            &self.cycle_code,
            self.application.row.program_code.as_str(),
            self.exam.key.get_ref(),
            session,
        )
    }

    /// Seats left in a session.
    pub fn left(&self, session: &SessionDef) -> u32 {
        let taken = self.taken.get(session.key.get_ref()).copied().unwrap_or(0);
        u32::try_from(i64::from(*session.capacity.get_ref()) - i64::from(taken)).unwrap_or(0)
    }

    /// The booked session, if any.
    pub fn booked_session(&self) -> Option<&SessionDef> {
        self.booking
            .as_ref()
            .and_then(|b| self.exam.session(&b.session_key))
    }

    /// The session `session` if the candidate may take a seat in it now (seats aside): the
    /// exam applies, the application allows booking, the session is the exam's, open and ahead.
    pub fn takeable(
        &self,
        session: &str,
        now: NaiveDateTime,
    ) -> Result<&SessionDef, BookingProblem> {
        if session.is_empty() {
            return Err(BookingProblem::NoSessionChosen);
        }
        if !self.required {
            return Err(BookingProblem::NotRequired);
        }
        if !self.status_allows() {
            return Err(BookingProblem::NotBookable);
        }
        let wanted = self
            .exam
            .session(session)
            .ok_or(BookingProblem::UnknownSession)?;
        rules::may_take(&self.exam, wanted, now)?;
        Ok(wanted)
    }

    /// What a new booking (or place on the waiting list) `id` of `session`, whose seat counter
    /// is `seat`, records.
    pub fn hold<'a>(
        &'a self,
        id: &'a str,
        (session, seat): (&'a str, &'a str),
        now: NaiveDateTime,
    ) -> NewHold<'a> {
        NewHold {
            id,
            application_id: &self.application.row.id,
            exam_key: self.exam.key.get_ref(),
            session_key: session,
            seat_id: seat,
            now,
        }
    }

    /// Whether the application's status lets the candidate book now.
    pub fn status_allows(&self) -> bool {
        rules::status_allows(&self.exam, self.application.row.status)
    }
}

/// The exam `exam` of the candidate's application `id`, with its booking and the seats taken;
/// None when the application is not theirs or the programme has no such exam.
pub fn exam_of(
    conn: &mut DbConn,
    config: &ServiceConfig,
    id: &ApplicationId,
    candidate: &UserId,
    exam: &str,
) -> anyhow::Result<Option<ExamOfApplication>> {
    let Some(application) = journey::owned(conn, id, candidate)? else {
        return Ok(None);
    };
    let Some(version) = config
        .cycles
        .version(conn, application.row.cycle_version_id.as_str())?
    else {
        return Ok(None);
    };
    let current = config.cycles.current(conn)?;
    let programme = application.row.program_code.as_str().to_owned();
    let schedule = |cycle: &CurrentCycle| {
        cycle
            .definition
            .exams_of(&programme)
            .iter()
            .find(|e| e.key.get_ref() == exam)
            .cloned()
    };
    let Some(mut def) = current
        .as_deref()
        .and_then(schedule)
        .or_else(|| schedule(&version))
    else {
        return Ok(None);
    };
    let profile = journey::profile(conn, candidate.as_str())?;
    let applicant = crate::domain::answers::applicant(
        &version.definition,
        &profile.answers,
        &application.answers,
    );
    let required = crate::domain::cycle::evaluate::evaluate(
        &version.definition,
        &version.compiled,
        &programme,
        &applicant,
    )
    .map_err(anyhow::Error::msg)?
    .exams
    .iter()
    .any(|e| e.key == exam);
    let booking = rows::active(conn, id, exam)?;
    let cycle = current.as_deref().unwrap_or(&version);
    let cycle_code = cycle.cycle_code.clone();
    let seats: Vec<String> = def
        .sessions
        .iter()
        .map(|s| rules::seat_id(&cycle_code, &programme, exam, s.key.get_ref()))
        .collect();
    let by_seat = rows::taken(conn, &seats)?;
    let cancelled = rows::cancelled_seats(conn, &seats)?;
    for (session, seat) in def.sessions.iter_mut().zip(&seats) {
        session.cancelled |= cancelled.contains(seat);
    }
    let wait = match rows::waits::active(conn, id, exam)? {
        Some(wait) => {
            let position = rows::waits::position(conn, &wait)?;
            Some((wait, position))
        }
        None => None,
    };
    let taken = def
        .sessions
        .iter()
        .zip(&seats)
        .filter_map(|(s, seat)| by_seat.get(seat).map(|n| (s.key.get_ref().clone(), *n)))
        .collect();
    let university = &cycle.definition.cycle.university;
    Ok(Some(ExamOfApplication {
        programme_name: cycle
            .definition
            .program(&programme)
            .map(|p| p.name.get_ref().clone())
            .unwrap_or_default(),
        cycle_code,
        required,
        booking,
        wait,
        taken,
        contact_email: university.contact_email.clone(),
        university: university.name.get_ref().clone(),
        exam: def,
        application,
    }))
}

/// What booking did.
#[derive(Debug, Clone)]
pub enum Booked {
    Booked(BookingRow),
    /// Moved from the session named.
    Moved {
        booking: BookingRow,
        from: String,
    },
}

/// A refusal inside the transaction rolls everything back.
enum Refusal {
    Problem(BookingProblem),
    Failed(anyhow::Error),
}

impl From<diesel::result::Error> for Refusal {
    fn from(e: diesel::result::Error) -> Self {
        Refusal::Failed(e.into())
    }
}

impl From<anyhow::Error> for Refusal {
    fn from(e: anyhow::Error) -> Self {
        Refusal::Failed(e)
    }
}

/// A unique violation (a second booking or wait of the exam) as the refusal `problem`.
fn unique_as(problem: BookingProblem) -> impl FnOnce(diesel::result::Error) -> Refusal {
    move |e| {
        if db::is_unique_violation(&e) {
            Refusal::Problem(problem)
        } else {
            e.into()
        }
    }
}

fn settle<T>(result: Result<T, Refusal>) -> anyhow::Result<Result<T, BookingProblem>> {
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(Refusal::Problem(problem)) => Ok(Err(problem)),
        Err(Refusal::Failed(e)) => Err(e),
    }
}

/// Books `session` for the candidate, or moves their booking there.
pub fn book(
    conn: &mut DbConn,
    config: &ServiceConfig,
    of: &ExamOfApplication,
    session: &str,
    candidate: &UserId,
    now: NaiveDateTime,
) -> anyhow::Result<Result<Booked, BookingProblem>> {
    let exam = &of.exam;
    let wanted = match of.takeable(session, now) {
        Ok(wanted) => wanted,
        Err(problem) => return Ok(Err(problem)),
    };
    let seat = of.seat(session);
    rows::ensure_seat(conn, &seat).context("creating a session's seat counter")?;
    let app_id = of.application.row.id.clone();
    let done = write_tx(conn, |conn| -> Result<Booked, Refusal> {
        let current = rows::active(conn, &app_id, exam.key.get_ref())?;
        let outcome = match current {
            Some(booking) if booking.session_key == session => {
                return Err(Refusal::Problem(BookingProblem::SameSession))
            }
            Some(booking) => {
                let from = exam
                    .session(&booking.session_key)
                    .ok_or(Refusal::Problem(BookingProblem::UnknownSession))?;
                rules::may_move(exam, from, booking.moves, now).map_err(Refusal::Problem)?;
                if !rows::take_seat(conn, &seat, *wanted.capacity.get_ref())? {
                    return Err(Refusal::Problem(BookingProblem::SessionFull));
                }
                if !rows::move_to(conn, &booking, (session, &seat), true, now)? {
                    return Err(Refusal::Problem(BookingProblem::NotBooked));
                }
                waits::free(conn, config, &booking.seat_id, now)?;
                let moved = reread(conn, &booking.id)?;
                Booked::Moved {
                    from: booking.session_key.clone(),
                    booking: moved,
                }
            }
            None => {
                if !rows::take_seat(conn, &seat, *wanted.capacity.get_ref())? {
                    return Err(Refusal::Problem(BookingProblem::SessionFull));
                }
                let id = BookingId::new(db::new_id());
                let hold = of.hold(id.as_str(), (session, &seat), now);
                rows::insert(conn, &hold).map_err(unique_as(BookingProblem::AlreadyBooked))?;
                Booked::Booked(reread(conn, &id)?)
            }
        };
        let (booking, action) = match &outcome {
            Booked::Booked(b) => (b, "exam.booked"),
            Booked::Moved { booking, .. } => (booking, "exam.moved"),
        };
        tell(conn, config, of, booking, wanted, candidate, now)?;
        let detail = match &outcome {
            Booked::Moved { from, .. } => {
                format!("{} from {from} to {session}", exam.key.get_ref())
            }
            Booked::Booked(_) => format!("{} {session}", exam.key.get_ref()),
        };
        db::audit::record(
            conn,
            Some(candidate.as_str()),
            action,
            app_id.as_str(),
            &detail,
            now,
        )?;
        Ok(outcome)
    });
    settle(done)
}

/// Cancels the candidate's booking of this exam.
pub fn cancel(
    conn: &mut DbConn,
    config: &ServiceConfig,
    of: &ExamOfApplication,
    candidate: &UserId,
    now: NaiveDateTime,
) -> anyhow::Result<Result<BookingRow, BookingProblem>> {
    let exam = &of.exam;
    let app_id = of.application.row.id.clone();
    let done = write_tx(conn, |conn| -> Result<BookingRow, Refusal> {
        let booking = rows::active(conn, &app_id, exam.key.get_ref())?
            .ok_or(Refusal::Problem(BookingProblem::NotBooked))?;
        let session = exam
            .session(&booking.session_key)
            .ok_or(Refusal::Problem(BookingProblem::UnknownSession))?;
        rules::may_cancel(exam, session, now).map_err(Refusal::Problem)?;
        if !rows::cancel(conn, &booking, now)? {
            return Err(Refusal::Problem(BookingProblem::NotBooked));
        }
        waits::free(conn, config, &booking.seat_id, now)?;
        let cancelled = reread(conn, &booking.id)?;
        tell(conn, config, of, &cancelled, session, candidate, now)?;
        db::audit::record(
            conn,
            Some(candidate.as_str()),
            "exam.cancelled",
            app_id.as_str(),
            &format!("{} {}", exam.key.get_ref(), booking.session_key),
            now,
        )?;
        Ok(cancelled)
    });
    settle(done)
}

fn reread(conn: &mut DbConn, id: &BookingId) -> Result<BookingRow, Refusal> {
    rows::find(conn, id)?.ok_or_else(|| Refusal::Failed(anyhow::anyhow!("booking {id} vanished")))
}

/// The booking page's address.
pub fn booking_link(config: &ServiceConfig, of: &ExamOfApplication) -> String {
    format!(
        "{}/applications/{}/exams/{}",
        config.public_url,
        of.application.row.id,
        of.exam.key.get_ref()
    )
}

/// The session's place in words, with its online link.
pub fn place_text(session: &SessionDef, locale: &str) -> String {
    let place = session
        .place
        .as_ref()
        .map(|p| pick(p.get_ref(), locale))
        .unwrap_or_default();
    match &session.online_link {
        Some(link) if place.is_empty() => link.get_ref().clone(),
        Some(link) => format!("{place}, {}", link.get_ref()),
        None => place,
    }
}

/// The booking as an iCalendar text in `locale`'s words.
#[allow(clippy::too_many_arguments)]
pub fn calendar(
    config: &ServiceConfig,
    of: &ExamOfApplication,
    booking: &BookingRow,
    session: &SessionDef,
    method: Method,
    attendee: (&str, &str),
    locale: &str,
    now: NaiveDateTime,
) -> String {
    let (starts, ends) = rules::session_times(&of.exam, session).unwrap_or((now, now));
    let host = config
        .public_url
        .split("://")
        .nth(1)
        .unwrap_or("admitto")
        .split(['/', ':'])
        .next()
        .unwrap_or("admitto");
    let uid = format!("{}@{host}", booking.id);
    let exam = pick(of.exam.name.get_ref(), locale);
    let summary = format!("{exam} – {}", pick(&of.programme_name, locale));
    let link = booking_link(config, of);
    let bring = of
        .exam
        .bring
        .as_ref()
        .map(|b| pick(b.get_ref(), locale))
        .unwrap_or_default();
    let description = [bring.as_str(), link.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    Invitation {
        method,
        uid: &uid,
        sequence: booking.sequence,
        stamp: now,
        starts,
        ends,
        summary: &summary,
        location: &place_text(session, locale),
        description: &description,
        url: &link,
        organizer_name: &pick(&of.university, locale),
        organizer_email: &of.contact_email,
        attendee_name: attendee.0,
        attendee_email: attendee.1,
    }
    .render()
}

/// What an email says of a booking of `session` (`cancelled`: one that is no more).
fn notice(
    config: &ServiceConfig,
    of: &ExamOfApplication,
    session: &SessionDef,
    cancelled: bool,
    now: NaiveDateTime,
) -> ExamNotice {
    let (starts, _) = rules::session_times(&of.exam, session).unwrap_or((now, now));
    ExamNotice {
        programme: of.programme_name.clone(),
        exam: of.exam.name.get_ref().clone(),
        starts,
        place: session
            .place
            .as_ref()
            .map(|p| p.get_ref().clone())
            .unwrap_or_default(),
        online_link: session.online_link.as_ref().map(|l| l.get_ref().clone()),
        bring: if cancelled {
            None
        } else {
            of.exam.bring.as_ref().map(|b| b.get_ref().clone())
        },
        change_until: if cancelled {
            crate::domain::cycle::warsaw_time(of.exam.booking_closes.get_ref())
        } else {
            rules::change_deadline(&of.exam, session)
        },
        link: booking_link(config, of),
    }
}

/// Reminds the candidate of their booked session the day before, once per booking and
/// session (the email's dedup key). False when it was sent already.
pub fn remind(
    conn: &mut DbConn,
    config: &ServiceConfig,
    of: &ExamOfApplication,
    now: NaiveDateTime,
) -> anyhow::Result<bool> {
    let (Some(booking), Some(session)) = (of.booking.as_ref(), of.booked_session()) else {
        return Ok(false);
    };
    let candidate = &of.application.row.candidate_id;
    let user = db::users::find(conn, candidate.as_str())?.context("the candidate's account")?;
    let dedup = format!(
        "exam-reminder:{}:{}:{}",
        booking.id,
        session.key.get_ref(),
        session.starts.get_ref()
    );
    let message = EmailMessage::ExamReminder(notice(config, of, session, false, now));
    email(conn, config, (&user, of), &message, Some(&dedup), None)
}

/// Queues `message` to the candidate `user` in their language.
fn email(
    conn: &mut DbConn,
    config: &ServiceConfig,
    (user, of): (&db::users::UserRow, &ExamOfApplication),
    message: &EmailMessage,
    dedup: Option<&str>,
    attachment: Option<EmailAttachment<'_>>,
) -> anyhow::Result<bool> {
    enqueue_email_with(
        conn,
        &config.institution,
        config.mail_max_attempts,
        &Recipient {
            email: &user.email,
            user_id: Some(&user.id),
            locale: user.locale_or(Locale::Pl),
            application_id: Some(of.application.row.id.as_str()),
        },
        message,
        dedup,
        attachment,
    )
}

/// Emails the candidate about a booking change with its calendar invitation attached: booked,
/// moved (a later sequence) or cancelled, by the booking's state.
fn tell(
    conn: &mut DbConn,
    config: &ServiceConfig,
    of: &ExamOfApplication,
    booking: &BookingRow,
    session: &SessionDef,
    candidate: &UserId,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    let cancelled = booking.state == BookingState::Cancelled;
    let wording = match (cancelled, booking.sequence) {
        (true, _) => EmailMessage::ExamCancelled,
        (false, 0) => EmailMessage::ExamBooked,
        (false, _) => EmailMessage::ExamMoved,
    };
    tell_as(
        conn,
        config,
        of,
        (booking, session),
        wording,
        candidate,
        now,
    )
}

/// [`tell`] in the words of `wording` (the office's cancellation of a whole session says so).
fn tell_as(
    conn: &mut DbConn,
    config: &ServiceConfig,
    of: &ExamOfApplication,
    (booking, session): (&BookingRow, &SessionDef),
    wording: fn(ExamNotice) -> EmailMessage,
    candidate: &UserId,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    let cancelled = booking.state == BookingState::Cancelled;
    let method = if cancelled {
        Method::Cancel
    } else {
        rows::note_starts(conn, &booking.id, session.starts.get_ref())?;
        Method::Request
    };
    let user = db::users::find(conn, candidate.as_str())?.context("the candidate's account")?;
    let locale = user.locale_or(Locale::Pl);
    let profile = journey::profile(conn, candidate.as_str())?;
    let name = ["first_name", "last_name"]
        .iter()
        .filter_map(|k| profile.answers.get(*k).and_then(serde_json::Value::as_str))
        .collect::<Vec<_>>()
        .join(" ");
    let ics = calendar(
        config,
        of,
        booking,
        session,
        method,
        (&name, &user.email),
        locale.code(),
        now,
    );
    let message = wording(notice(config, of, session, cancelled, now));
    let media_type = format!("text/calendar; charset=utf-8; method={}", method.as_str());
    let invitation = EmailAttachment {
        name: "invitation.ics",
        media_type: &media_type,
        body: &ics,
    };
    email(conn, config, (&user, of), &message, None, Some(invitation))?;
    crate::services::automation::on_event(
        conn,
        config,
        &crate::services::automation::Happened {
            application_id: of.application.row.id.as_str(),
            status: of.application.row.status,
            event: if cancelled {
                Event::BookingCancelled
            } else {
                Event::BookingMade
            },
            from: None,
            occurrence: format!("booking:{}@{}", booking.id, booking.sequence),
            chain: 0,
        },
        now,
    )?;
    Ok(())
}

/// The candidate's bookings on one application (for its checklist), by exam key.
pub fn booked_exams(conn: &mut DbConn, id: &ApplicationId) -> anyhow::Result<Vec<String>> {
    Ok(rows::of_application(conn, id)?
        .into_iter()
        .filter(|b| b.state == BookingState::Booked)
        .map(|b| b.exam_key)
        .collect())
}

/// Cancels every booking and wait of an application that leaves the procedure (withdrawn):
/// each candidate's calendar gets the cancellation, and each seat goes to the next one waiting.
/// Runs in the transaction of that change.
pub fn release_all(
    conn: &mut DbConn,
    config: &ServiceConfig,
    application: &Application,
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    let id = &application.row.id;
    let candidate = &application.row.candidate_id;
    for booking in rows::of_application(conn, id)?
        .into_iter()
        .filter(|b| b.state == BookingState::Booked)
    {
        if !rows::cancel(conn, &booking, now)? {
            continue;
        }
        waits::free(conn, config, &booking.seat_id, now)?;
        let Some(of) = exam_of(conn, config, id, candidate, &booking.exam_key)? else {
            continue;
        };
        let Some(session) = of.exam.session(&booking.session_key) else {
            continue;
        };
        let cancelled = rows::find(conn, &booking.id)?.context("the booking cancelled")?;
        tell(conn, config, &of, &cancelled, session, candidate, now)?;
    }
    waits::leave_all(conn, config, id, now)
}
