//! The reminder the day before a session: every candidate booked into a session that starts
//! tomorrow (Warsaw time) is emailed once. Run hourly by a job; the email's dedup key makes a
//! second run, another worker or a run after a restart send nothing twice, and a run missed
//! while no worker was up is caught up by the next one the same day.

use chrono::{Duration, NaiveDateTime, TimeZone};

use super::sessions::{schedules, seat};
use super::ServiceConfig;
use crate::db::exams as rows;
use crate::db::DbConn;
use crate::domain::exams as rules;
use crate::domain::UserId;

/// Whether a session starting at `starts` (UTC) is tomorrow at `now` (UTC), in Warsaw.
pub fn is_tomorrow(starts: NaiveDateTime, now: NaiveDateTime) -> bool {
    let day = |t: NaiveDateTime| chrono_tz::Europe::Warsaw.from_utc_datetime(&t).date_naive();
    day(starts) == day(now) + Duration::days(1)
}

/// Queues the reminders due at `now`; returns how many were queued (not sent before).
pub fn send_due(
    conn: &mut DbConn,
    config: &ServiceConfig,
    now: NaiveDateTime,
) -> anyhow::Result<usize> {
    let Some(cycle) = config.cycles.current(conn)? else {
        return Ok(0);
    };
    let mut queued = 0;
    for schedule in schedules(conn, &cycle.cycle_code, &cycle.definition)? {
        for load in &schedule.sessions {
            let session = &load.session;
            let due = rules::session_times(&schedule.exam, session)
                .is_some_and(|(starts, _)| is_tomorrow(starts, now));
            if session.cancelled || load.booked == 0 || !due {
                continue;
            }
            let seat = seat(
                &cycle.cycle_code,
                &schedule.programme,
                &schedule.exam,
                session,
            );
            for attendee in rows::attendees(conn, &seat)? {
                let app = attendee.booking.application_id.clone();
                let candidate = UserId::from(attendee.candidate_id.clone());
                let exam = schedule.exam.key.get_ref();
                let Some(of) = super::exam_of(conn, config, &app, &candidate, exam)? else {
                    continue;
                };
                if super::remind(conn, config, &of, now)? {
                    queued += 1;
                }
            }
        }
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tomorrow_is_the_next_day_in_warsaw() {
        let utc = |s: &str| {
            NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap_or_else(|e| panic!("{e}"))
        };
        // 07:00 UTC on 5 July is 09:00 in Warsaw (summer time).
        let starts = utc("2027-07-05 07:00");
        assert!(is_tomorrow(starts, utc("2027-07-04 06:00")));
        // 22:30 UTC on 3 July is already 4 July in Warsaw.
        assert!(is_tomorrow(starts, utc("2027-07-03 22:30")));
        assert!(!is_tomorrow(starts, utc("2027-07-03 21:30")));
        assert!(!is_tomorrow(starts, utc("2027-07-05 06:00")));
    }
}
