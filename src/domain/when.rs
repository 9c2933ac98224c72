//! The date grammar shared by the command line and the forms.
//!
//! `now`, `today`, `yesterday`, `tomorrow`, weekday names (`mon`, `friday`), `YYYY-MM-DD`,
//! each optionally followed by a time `HH:MM`. A date without a time means noon, so it sorts
//! after the morning's entries and never lands on a daylight-saving gap.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::Invalid;

/// Which way a weekday name points: a conversation happened on the most recent one, a
/// follow-up is due on the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lean {
    Past,
    Future,
}

/// The years a journal keeps: every date written, read or taken from the clock lies in them.
pub(crate) const FIRST_YEAR: i32 = 1970;
pub(crate) const LAST_YEAR: i32 = 2100;

/// True for a day inside the years a journal keeps.
pub(crate) fn in_journal_years(day: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&day.year())
}

/// When something happened, relative to `now`. Weekdays lean to the past (today included).
pub fn parse_when(input: &str, now: NaiveDateTime) -> Result<NaiveDateTime, Invalid> {
    let text = input.trim().to_lowercase();
    let now = now.with_second(0).unwrap_or(now);
    if text == "now" || text.is_empty() {
        return Ok(now);
    }
    let mut words = text.split_whitespace();
    let day_word = words.next().unwrap_or_default();
    let time_word = words.next();
    if words.next().is_some() {
        return Err(Invalid::When(input.trim().to_string()));
    }
    // "2026-11-20T14:30" is the same as "2026-11-20 14:30".
    let (day_word, time_word) = match (day_word.split_once('t'), time_word) {
        (Some((day, time)), None) if day.len() == 10 => (day, Some(time)),
        _ => (day_word, time_word),
    };
    let date = parse_day(day_word, now.date(), Lean::Past)
        .ok_or_else(|| Invalid::When(input.trim().to_string()))??;
    let time = match time_word {
        Some(word) => parse_time(word)?,
        None if day_word == "today" => now.time(),
        None => NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
    };
    Ok(date.and_time(time))
}

/// A plain date (a due date, a start date), relative to `today`.
pub(crate) fn parse_date(input: &str, today: NaiveDate, lean: Lean) -> Result<NaiveDate, Invalid> {
    let text = input.trim().to_lowercase();
    parse_day(&text, today, lean).ok_or_else(|| Invalid::When(input.trim().to_string()))?
}

/// `Some(Ok)` for a recognised date, `Some(Err)` for a recognised shape that is no real
/// date (2026-02-30), `None` for words the grammar does not know.
fn parse_day(word: &str, today: NaiveDate, lean: Lean) -> Option<Result<NaiveDate, Invalid>> {
    // Relative days (`+30000`) must land inside the same years as a written date.
    let shifted = |days: i64| {
        today
            .checked_add_signed(chrono::Duration::days(days))
            .filter(|day| in_journal_years(*day))
            .ok_or_else(|| Invalid::OutOfRange(word.to_string()))
    };
    match word {
        "today" | "now" => return Some(Ok(today)),
        "yesterday" => return Some(shifted(-1)),
        "tomorrow" => return Some(shifted(1)),
        _ => {}
    }
    if let Some(weekday) = weekday(word) {
        let today_index = i64::from(today.weekday().num_days_from_monday());
        let target = i64::from(weekday.num_days_from_monday());
        let offset = match lean {
            Lean::Past => -((today_index - target).rem_euclid(7)),
            Lean::Future => (target - today_index - 1).rem_euclid(7) + 1,
        };
        return Some(shifted(offset));
    }
    if let Some(days) = word
        .strip_prefix('+')
        .map(|d| d.trim_end_matches('d'))
        .and_then(|d| d.parse::<u16>().ok())
    {
        return Some(shifted(i64::from(days)));
    }
    parse_iso_date(word)
}

fn parse_iso_date(word: &str) -> Option<Result<NaiveDate, Invalid>> {
    let parts: Vec<&str> = word.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return None;
    };
    let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return None;
    }
    let (year, month, day) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
        return Some(Err(Invalid::OutOfRange(word.to_string())));
    }
    Some(
        NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| Invalid::NoSuchDate(word.to_string())),
    )
}

fn parse_time(word: &str) -> Result<NaiveTime, Invalid> {
    let bad = || Invalid::NoSuchTime(word.to_string());
    let (hour, minute) = word.split_once(':').ok_or_else(bad)?;
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (hour, minute) = (
        number(hour).ok_or_else(bad)?,
        number(minute).ok_or_else(bad)?,
    );
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(bad)
}

fn weekday(word: &str) -> Option<Weekday> {
    const NAMES: [(Weekday, &str); 7] = [
        (Weekday::Mon, "monday"),
        (Weekday::Tue, "tuesday"),
        (Weekday::Wed, "wednesday"),
        (Weekday::Thu, "thursday"),
        (Weekday::Fri, "friday"),
        (Weekday::Sat, "saturday"),
        (Weekday::Sun, "sunday"),
    ];
    if word.len() < 3 {
        return None;
    }
    NAMES
        .iter()
        .find(|(_, name)| name.starts_with(word))
        .map(|(day, _)| *day)
}

/// The ISO week a date belongs to, as `2026-W47`.
pub(crate) fn iso_week_label(date: NaiveDate) -> String {
    let week = date.iso_week();
    format!("{}-W{:02}", week.year(), week.week())
}

/// The Monday that starts an ISO week written as `2026-W47` (also `2026w47`).
pub(crate) fn parse_iso_week(input: &str) -> Result<NaiveDate, Invalid> {
    let bad = || Invalid::Week(input.trim().to_string());
    let text = input.trim().to_lowercase();
    let (year, week) = text
        .split_once("-w")
        .or_else(|| text.split_once('w'))
        .ok_or_else(bad)?;
    let year: i32 = year.parse().map_err(|_| bad())?;
    let week: u32 = week.parse().map_err(|_| bad())?;
    NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    // Monday 23 November 2026, 14:37.
    fn now() -> NaiveDateTime {
        at("2026-11-23 14:37")
    }

    #[test]
    fn words_relative_to_now() {
        assert_eq!(parse_when("now", now()).unwrap(), now());
        assert_eq!(parse_when("today", now()).unwrap(), now());
        assert_eq!(
            parse_when("yesterday", now()).unwrap(),
            at("2026-11-22 12:00")
        );
        assert_eq!(
            parse_when("today 9:05", now()).unwrap(),
            at("2026-11-23 09:05")
        );
        assert_eq!(
            parse_when("Yesterday 18:00", now()).unwrap(),
            at("2026-11-22 18:00")
        );
    }

    #[test]
    fn weekdays_lean_back_for_when_and_forward_for_due() {
        // Today is a Monday: "monday" is today, "fri" the Friday before.
        assert_eq!(parse_when("monday", now()).unwrap().date(), now().date());
        assert_eq!(parse_when("fri", now()).unwrap(), at("2026-11-20 12:00"));
        assert_eq!(
            parse_when("sun 10:00", now()).unwrap(),
            at("2026-11-22 10:00")
        );
        let today = now().date();
        let due = |s| parse_date(s, today, Lean::Future).unwrap().to_string();
        assert_eq!(due("fri"), "2026-11-27");
        assert_eq!(due("monday"), "2026-11-30");
        assert_eq!(due("tomorrow"), "2026-11-24");
        assert_eq!(due("+3"), "2026-11-26");
        assert_eq!(due("+10d"), "2026-12-03");
    }

    #[test]
    fn iso_dates_and_times() {
        assert_eq!(
            parse_when("2026-11-20 14:30", now()).unwrap(),
            at("2026-11-20 14:30")
        );
        assert_eq!(
            parse_when("2026-11-20T14:30", now()).unwrap(),
            at("2026-11-20 14:30")
        );
        assert_eq!(
            parse_when("2026-11-20", now()).unwrap(),
            at("2026-11-20 12:00")
        );
    }

    #[test]
    fn impossible_dates_are_refused_with_a_reason() {
        assert_eq!(
            parse_when("2026-02-30", now()),
            Err(Invalid::NoSuchDate("2026-02-30".into()))
        );
        assert_eq!(
            parse_when("today 25:00", now()),
            Err(Invalid::NoSuchTime("25:00".into()))
        );
        assert!(matches!(
            parse_when("1066-10-14", now()),
            Err(Invalid::OutOfRange(_))
        ));
        assert!(matches!(
            parse_when("9999-01-01", now()),
            Err(Invalid::OutOfRange(_))
        ));
        assert!(matches!(
            parse_when("soonish", now()),
            Err(Invalid::When(_))
        ));
        assert!(matches!(
            parse_when("today 10:00 extra", now()),
            Err(Invalid::When(_))
        ));
        assert!(matches!(
            parse_when("2026-1-5", now()),
            Err(Invalid::When(_))
        ));
        assert!(matches!(parse_when("mo", now()), Err(Invalid::When(_))));
    }

    #[test]
    fn iso_weeks() {
        let monday = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap();
        assert_eq!(iso_week_label(monday), "2026-W47");
        assert_eq!(parse_iso_week("2026-W47").unwrap(), monday);
        // 2026 has 53 ISO weeks; 1 January 2027 still belongs to its week 53.
        let new_year = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(iso_week_label(new_year), "2026-W53");
        assert_eq!(
            parse_iso_week("2026-W53").unwrap().to_string(),
            "2026-12-28"
        );
        assert!(parse_iso_week("2025-W53").is_err());
        assert!(parse_iso_week("week 5").is_err());
    }
}
