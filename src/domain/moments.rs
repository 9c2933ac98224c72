//! Moments to acknowledge (issue 31): a date the leader records for a person (back from
//! leave, a birthday they chose to share, anything with a label), once or every year, and the
//! calendar rules every moment follows, work anniversaries included.

use chrono::{Datelike, NaiveDate};
use uuid::Uuid;

/// A date the leader noted for someone: "back from leave" on 2026-12-10, or "birthday"
/// every year on 05-04.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    pub id: i64,
    pub uuid: Uuid,
    pub person_id: i64,
    pub person_uuid: Uuid,
    pub person_name: String,
    /// The day it falls on; for a yearly moment, the first year it fell on.
    pub falls_on: NaiveDate,
    pub label: String,
    /// Every year on the same day, or once.
    pub yearly: bool,
}

super::records::serialize_with_person!(Moment {
    [id, uuid]
    person(person_id, person_uuid, person_name),
    falls_on,
    label,
    yearly
});

/// The day `month`/`day` falls on in `year`: 29 February is kept on 28 February in a year
/// without it (the day before, in the same month, as most people mark it).
pub(crate) fn in_year(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
        (month == 2 && day == 29)
            .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .flatten()
    })
}

/// The first day on or after `today` a moment falls on: a one-off moment on its day if that
/// is still to come; a yearly one on this year's day, or next year's once it has passed.
pub(crate) fn next_on(falls_on: NaiveDate, yearly: bool, today: NaiveDate) -> Option<NaiveDate> {
    if !yearly || falls_on >= today {
        return (falls_on >= today).then_some(falls_on);
    }
    let (month, day) = (falls_on.month(), falls_on.day());
    let this_year = in_year(today.year(), month, day)?;
    if this_year >= today {
        Some(this_year)
    } else {
        in_year(today.year() + 1, month, day)
    }
}

/// The next work anniversary of someone who started on `started_on`, on or after `today`:
/// its day and the whole years it completes. `None` for someone not started yet (a starter
/// has no anniversary until a year after their first day).
pub(crate) fn next_anniversary(
    started_on: NaiveDate,
    today: NaiveDate,
) -> Option<(NaiveDate, u32)> {
    if started_on >= today {
        return None;
    }
    let day = next_on(started_on, true, today)?;
    let years = u32::try_from(day.year() - started_on.year()).ok()?;
    (years >= 1).then_some((day, years))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_yearly_moment_falls_this_year_until_it_passes() {
        let today = day("2026-12-07");
        assert_eq!(
            next_on(day("1990-12-10"), true, today),
            Some(day("2026-12-10"))
        );
        assert_eq!(
            next_on(day("1990-12-07"), true, today),
            Some(today),
            "today counts"
        );
        assert_eq!(
            next_on(day("1990-12-06"), true, today),
            Some(day("2027-12-06"))
        );
        assert_eq!(
            next_on(day("2026-12-06"), false, today),
            None,
            "once, passed"
        );
        assert_eq!(
            next_on(day("2027-01-02"), false, today),
            Some(day("2027-01-02"))
        );
        assert_eq!(
            next_on(day("2027-01-02"), true, today),
            Some(day("2027-01-02")),
            "a yearly moment first falls on its own day"
        );
    }

    #[test]
    fn the_twenty_ninth_of_february_is_kept_on_the_twenty_eighth_without_a_leap_year() {
        assert_eq!(
            next_on(day("2024-02-29"), true, day("2027-02-01")),
            Some(day("2027-02-28"))
        );
        assert_eq!(
            next_on(day("2024-02-29"), true, day("2027-12-01")),
            Some(day("2028-02-29")),
            "a leap year has its own day"
        );
        assert_eq!(
            next_anniversary(day("2024-02-29"), day("2028-02-20")),
            Some((day("2028-02-29"), 4))
        );
        assert_eq!(
            next_anniversary(day("2024-02-29"), day("2025-02-01")),
            Some((day("2025-02-28"), 1))
        );
    }

    #[test]
    fn a_starter_has_no_anniversary_until_a_year_has_passed() {
        let today = day("2026-12-07");
        assert_eq!(
            next_anniversary(day("2027-01-04"), today),
            None,
            "not started"
        );
        assert_eq!(next_anniversary(today, today), None, "first day");
        assert_eq!(
            next_anniversary(day("2026-12-01"), today),
            Some((day("2027-12-01"), 1))
        );
        assert_eq!(
            next_anniversary(day("2023-12-09"), today),
            Some((day("2026-12-09"), 3))
        );
    }
}
