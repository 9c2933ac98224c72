//! The one place Rapport reads the time. Everything else is handed a [`Clock`], so the
//! store, the insights and both front ends see the same "now" — and tests see a fixed one.
//!
//! A clock outside the years a journal keeps (before 1970, after 2100) is refused at the
//! start of every command: a wrong clock would write dates no later run could make sense
//! of ("last 1:1 in 2912114d"), and chrono's own reading panics before 1970.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Local, Utc};

use crate::domain::{FIRST_YEAR, LAST_YEAR, in_journal_years};

/// Where the journal reads the time from: the wall clock in use, a fixed instant in tests.
pub type Clock = Arc<dyn Fn() -> DateTime<Local> + Send + Sync>;

/// Why the time could not be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ClockError {
    #[error(
        "the system clock reads {0}, outside the years {FIRST_YEAR} to {LAST_YEAR} a journal keeps; set the clock right and try again"
    )]
    OutOfRange(String),
    #[cfg(feature = "fault-injection")]
    #[error("RAPPORT_NOW is not a local time (YYYY-MM-DDTHH:MM:SS) or @SECONDS")]
    BadOverride,
}

/// The leader's local time now, refused when it lies outside the journal's years.
pub(crate) fn read() -> Result<DateTime<Local>, ClockError> {
    #[cfg(feature = "fault-injection")]
    if let Some(pinned) = pinned_by_environment()? {
        return Ok(pinned);
    }
    from_system_time(SystemTime::now())
}

/// The clock a run uses once [`read`] has accepted the time. Should the wall clock later
/// jump outside the journal's years, it stands at the last time it read well instead of
/// panicking mid-command.
pub(crate) fn system_clock(start: DateTime<Local>) -> Clock {
    let last_good = std::sync::Mutex::new(start);
    Arc::new(move || {
        let mut last = last_good
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Ok(now) = read() {
            *last = now;
        }
        *last
    })
}

/// A clock that always reads `now` (tests, and the fixed clock a benchmark runs at).
pub fn fixed(now: DateTime<Local>) -> Clock {
    Arc::new(move || now)
}

/// The local time of a system time, when it lies inside the journal's years.
pub(crate) fn from_system_time(time: SystemTime) -> Result<DateTime<Local>, ClockError> {
    let utc = match time.duration_since(UNIX_EPOCH) {
        Ok(since) => utc_after_epoch(since),
        Err(before) => utc_before_epoch(before.duration()),
    };
    let Some(utc) = utc else {
        return Err(ClockError::OutOfRange(describe_unreadable(time)));
    };
    let local = utc.with_timezone(&Local);
    if in_journal_years(local.date_naive()) {
        Ok(local)
    } else {
        Err(ClockError::OutOfRange(
            local.format("%Y-%m-%d %H:%M").to_string(),
        ))
    }
}

fn utc_after_epoch(since: Duration) -> Option<DateTime<Utc>> {
    let seconds = i64::try_from(since.as_secs()).ok()?;
    DateTime::from_timestamp(seconds, since.subsec_nanos())
}

fn utc_before_epoch(before: Duration) -> Option<DateTime<Utc>> {
    let seconds = i64::try_from(before.as_secs()).ok()?;
    DateTime::from_timestamp(-seconds, 0)
}

/// A time so far off that chrono cannot even name it.
fn describe_unreadable(time: SystemTime) -> String {
    if time < UNIX_EPOCH {
        "a time long before 1970".into()
    } else {
        "a time long after 2100".into()
    }
}

/// The test build's way to pin the clock of the real binary: `RAPPORT_NOW` holds a local
/// time (`2026-11-23T14:37:00`) or seconds since 1970 (`@-86400`, like `date -d @…`),
/// which goes through the same checks as the wall clock.
#[cfg(feature = "fault-injection")]
fn pinned_by_environment() -> Result<Option<DateTime<Local>>, ClockError> {
    use chrono::{NaiveDateTime, TimeZone};
    let Ok(text) = std::env::var("RAPPORT_NOW") else {
        return Ok(None);
    };
    if let Some(seconds) = text.strip_prefix('@') {
        let seconds: i64 = seconds.parse().map_err(|_| ClockError::BadOverride)?;
        let offset = Duration::from_secs(seconds.unsigned_abs());
        let time = if seconds < 0 {
            UNIX_EPOCH.checked_sub(offset)
        } else {
            UNIX_EPOCH.checked_add(offset)
        };
        return time
            .ok_or(ClockError::BadOverride)
            .and_then(from_system_time)
            .map(Some);
    }
    let local = NaiveDateTime::parse_from_str(&text, "%Y-%m-%dT%H:%M:%S")
        .map_err(|_| ClockError::BadOverride)?;
    let now = Local
        .from_local_datetime(&local)
        .earliest()
        .ok_or(ClockError::BadOverride)?;
    if in_journal_years(now.date_naive()) {
        Ok(Some(now))
    } else {
        Err(ClockError::OutOfRange(
            local.format("%Y-%m-%d %H:%M").to_string(),
        ))
    }
}

/// Monday 23 November 2026, 09:30 local time: the fixed clock the unit tests open their
/// journals on, so that no test depends on the day it runs.
#[cfg(test)]
pub(crate) fn test_clock() -> Clock {
    use chrono::{NaiveDate, TimeZone};
    let now = NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|day| day.and_hms_opt(9, 30, 0))
        .and_then(|time| Local.from_local_datetime(&time).earliest())
        .expect("09:30 exists in every time zone");
    fixed(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: u64 = 86_400;

    #[test]
    fn a_clock_before_1970_is_refused_without_panicking() {
        let before = UNIX_EPOCH - Duration::from_secs(400 * DAY);
        assert!(matches!(
            from_system_time(before),
            Err(ClockError::OutOfRange(_))
        ));
        let far_before = UNIX_EPOCH - Duration::from_secs(u64::MAX / 4);
        assert_eq!(
            from_system_time(far_before),
            Err(ClockError::OutOfRange("a time long before 1970".into()))
        );
    }

    #[test]
    fn a_clock_after_2100_is_refused() {
        // 2101-06-01, and the year 9999.
        for seconds in [4_147_200_000_u64, 253_370_764_800] {
            let after = UNIX_EPOCH + Duration::from_secs(seconds);
            let error = from_system_time(after).expect_err("refused");
            assert!(error.to_string().contains("outside the years 1970 to 2100"));
        }
    }

    #[test]
    fn a_clock_inside_the_years_reads_as_local_time() {
        let at = UNIX_EPOCH + Duration::from_secs(20_415 * DAY + 3_600);
        let local = from_system_time(at).expect("inside the years");
        assert_eq!(
            local.with_timezone(&Utc).to_rfc3339(),
            "2025-11-23T01:00:00+00:00"
        );
    }
}
