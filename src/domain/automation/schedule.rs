//! When time triggers fall. The engine checks each rule over a window (the last time it
//! looked, now]: an occurrence in the window fires; of a repeating trigger's occurrences in one
//! window (a worker that was stopped for a week) only the latest fires, once.

use super::rule::{Rule, Trigger};
use chrono::{Datelike, Duration, NaiveDateTime, TimeZone};

/// One time a trigger falls: `index` counts repeats (0 for the first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub index: i64,
    pub at: NaiveDateTime,
}

/// A half-open stretch of time (UTC): after `from`, up to and including `until`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: NaiveDateTime,
    pub until: NaiveDateTime,
}

impl Window {
    pub fn holds(&self, t: NaiveDateTime) -> bool {
        t > self.from && t <= self.until
    }
}

/// The latest time `first + k·every` (k ≥ 0) in `window`, for a trigger whose first time is
/// `first`.
pub fn latest_in(first: NaiveDateTime, every: Option<Duration>, window: Window) -> Option<Due> {
    if first > window.until {
        return None;
    }
    let index = match every {
        Some(step) if step > Duration::zero() => {
            (window.until - first).num_seconds() / step.num_seconds()
        }
        _ => 0,
    };
    let at = first + every.unwrap_or_else(Duration::zero) * index as i32;
    window.holds(at).then_some(Due { index, at })
}

/// The latest occurrence of a time trigger counted from `anchor` in `window`, or None. A
/// warning (`before` a date) whose date has passed by the window's end is not given late.
pub fn time_due(rule: &Rule, anchor: NaiveDateTime, window: Window) -> Option<Due> {
    match &rule.trigger {
        Trigger::Time { offset, every, .. } => {
            if rule.trigger.lapses_at_anchor() && window.until >= anchor {
                return None;
            }
            latest_in(anchor + *offset, *every, window)
        }
        _ => None,
    }
}

/// The latest daily time (`at`, Warsaw) in `window`, with the day it falls on as its index.
pub fn daily_due(at: chrono::NaiveTime, window: Window) -> Option<Due> {
    let warsaw = chrono_tz::Europe::Warsaw;
    let local_day = warsaw.from_utc_datetime(&window.until).date_naive();
    [local_day, local_day - Duration::days(1)]
        .into_iter()
        .filter_map(|day| {
            warsaw
                .from_local_datetime(&day.and_time(at))
                .earliest()
                .map(|t| (day, t.naive_utc()))
        })
        .find(|(_, t)| *t <= window.until)
        .filter(|(_, t)| window.holds(*t))
        .map(|(day, t)| Due {
            index: i64::from(day.num_days_from_ce()),
            at: t,
        })
}

/// The next time after `now` a time trigger counted from `anchor` falls, for the dry run.
pub fn next_after(rule: &Rule, anchor: NaiveDateTime, now: NaiveDateTime) -> Option<NaiveDateTime> {
    match &rule.trigger {
        Trigger::Time { offset, every, .. } => {
            let first = anchor + *offset;
            if first > now {
                return Some(first);
            }
            let step = (*every)?;
            let index = (now - first).num_seconds() / step.num_seconds() + 1;
            Some(first + step * index as i32)
        }
        Trigger::Daily { at } => {
            let warsaw = chrono_tz::Europe::Warsaw;
            let today = warsaw.from_utc_datetime(&now).date_naive();
            [today, today + Duration::days(1)]
                .into_iter()
                .filter_map(|day| warsaw.from_local_datetime(&day.and_time(*at)).earliest())
                .map(|t| t.naive_utc())
                .find(|t| *t > now)
        }
        Trigger::Event { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::automation::rule::{Action, Anchor};

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn window(from: &str, until: &str) -> Window {
        Window {
            from: at(from),
            until: at(until),
        }
    }

    fn rule(trigger: Trigger) -> Rule {
        Rule {
            id: "r".into(),
            name: Default::default(),
            enabled: true,
            trigger,
            statuses: vec![],
            when: None,
            actions: vec![Action::History(Default::default())],
        }
    }

    #[test]
    fn a_time_falls_in_the_window_that_reaches_it_and_in_no_other() {
        let first = at("2027-07-10 12:00");
        assert_eq!(
            latest_in(first, None, window("2027-07-10 11:59", "2027-07-10 12:00")),
            Some(Due {
                index: 0,
                at: first
            })
        );
        assert_eq!(
            latest_in(first, None, window("2027-07-10 12:00", "2027-07-10 12:01")),
            None
        );
        assert_eq!(
            latest_in(first, None, window("2027-07-10 11:00", "2027-07-10 11:59")),
            None
        );
    }

    #[test]
    fn a_repeat_missed_for_a_week_fires_its_latest_time_once() {
        let every = Some(Duration::days(3));
        let first = at("2027-07-01 09:00");
        let due = latest_in(first, every, window("2027-07-02 00:00", "2027-07-09 00:00"));
        assert_eq!(
            due,
            Some(Due {
                index: 2,
                at: at("2027-07-07 09:00")
            })
        );
        assert_eq!(
            latest_in(first, every, window("2027-07-09 00:00", "2027-07-10 08:59")),
            None
        );
    }

    #[test]
    fn a_warning_is_not_given_after_its_date() {
        let warn = rule(Trigger::Time {
            anchor: Anchor::CycleCloses,
            offset: -Duration::days(3),
            every: None,
        });
        let closes = at("2027-07-14 21:59");
        assert!(time_due(
            &warn,
            closes,
            window("2027-07-11 21:00", "2027-07-11 22:00")
        )
        .is_some());
        assert!(time_due(
            &warn,
            closes,
            window("2027-07-11 21:00", "2027-07-15 08:00")
        )
        .is_none());
        assert_eq!(
            next_after(&warn, closes, at("2027-07-01 00:00")),
            Some(at("2027-07-11 21:59"))
        );
    }

    #[test]
    fn a_daily_time_is_warsaw_time() {
        let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        // 09:00 in Warsaw in July is 07:00 UTC.
        let due = daily_due(nine, window("2027-07-10 06:00", "2027-07-10 08:00")).unwrap();
        assert_eq!(due.at, at("2027-07-10 07:00"));
        assert!(daily_due(nine, window("2027-07-10 07:00", "2027-07-11 06:59")).is_none());
        let daily = rule(Trigger::Daily { at: nine });
        assert_eq!(
            next_after(&daily, at("2000-01-01 00:00"), at("2027-07-10 07:00")),
            Some(at("2027-07-11 07:00"))
        );
    }
}
