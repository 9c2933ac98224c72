//! The checks on one field of a row, as its column's description says: a word spelled as
//! the journal stores it, a date or time written as Rapport writes one, text as its entry
//! form would store it, numbers within their range.

use std::str::FromStr;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};

use crate::domain::{
    AspirationStatus, ConversationKind, IdeaStatus, Need, NeedState, Owner, Stance, TextField,
    Topic, clean_line, clean_name, clean_text, parse_iso_week, parse_priorities, priority_words,
    require,
};
use crate::store::export_columns::{Cell, Check, Column, Words};

// The refusals here never quote the value they refuse: in a damaged file it can be any
// text, notes included, and notes never go into a message.

/// A field's check: `Err` holds the rest of the sentence after the row's name.
type FieldChecked = std::result::Result<(), String>;

/// One field of a row that refers to no other row, as its column's description says.
pub(super) fn check(column: &Column, cell: Cell<'_>) -> FieldChecked {
    let field = column.key;
    match (column.check, cell) {
        (Check::Name, Cell::Text(Some(text))) => as_entered(field, text, clean_name),
        (Check::Line(kind), Cell::Text(Some(text))) => {
            as_entered(field, text, |t| clean_line(t, kind))
        }
        (Check::Required(kind), Cell::Text(Some(text))) => {
            as_entered(field, text, |t| require(t, kind))
        }
        (Check::Text, Cell::Text(Some(text))) => as_entered(field, text, clean_text),
        (Check::Tag, Cell::Text(Some(text))) => {
            required(field, text)?;
            as_entered(field, text, |t| {
                clean_line(t, TextField::Tag).map(|tag| tag.to_lowercase())
            })
        }
        (Check::NonEmpty, Cell::Text(Some(text))) => required(field, text),
        (Check::Date, Cell::Text(Some(text))) => date(field, text),
        (Check::When, Cell::Text(Some(text))) => when(field, text),
        (Check::Stamp, Cell::Text(Some(text))) => stamp(field, text),
        (Check::Week, Cell::Text(Some(text))) => week(text),
        (Check::Priorities, Cell::Text(Some(text))) => as_entered(field, text, |t| {
            parse_priorities(t).map(|needs| priority_words(&needs))
        }),
        (Check::Word(words), Cell::Text(Some(text))) => match words {
            Words::ConversationKind => word::<ConversationKind>(field, text, |k| k.key()),
            Words::Stance => word::<Stance>(field, text, |s| s.key()),
            Words::Need => word::<Need>(field, text, |n| n.key()),
            Words::Owner => word::<Owner>(field, text, |o| o.key()),
            Words::AspirationStatus => word::<AspirationStatus>(field, text, |s| s.key()),
            Words::IdeaStatus => word::<IdeaStatus>(field, text, |s| s.key()),
            Words::NeedState => word::<NeedState>(field, text, |s| s.key()),
            Words::Topic => word::<Topic>(field, text, |t| t.key()),
            Words::Pair => word::<crate::domain::Pair>(field, text, |p| p.key()),
            Words::Outcome => word::<crate::domain::Outcome>(field, text, |o| o.key()),
        },
        (Check::Rating(noun), Cell::Int(Some(rating))) if !(1..=5).contains(&rating) => {
            Err(format!("has {noun} {rating} (it must be 1 to 5)"))
        }
        (Check::Cadence, Cell::Int(Some(days))) => {
            match u32::try_from(days).map(crate::domain::check_cadence) {
                Ok(Ok(_)) => Ok(()),
                _ => Err(format!(
                    "has a cadence of {days} days (it must be 1 to 365)"
                )),
            }
        }
        _ => Ok(()),
    }
}

/// A fixed word, spelled exactly as the journal stores it.
fn word<T>(field: &str, text: &str, key: impl Fn(T) -> &'static str) -> FieldChecked
where
    T: FromStr<Err = crate::domain::Invalid> + Copy,
{
    match T::from_str(text) {
        Ok(value) if key(value) == text => Ok(()),
        Ok(value) => Err(format!(
            "has its {field} spelled otherwise than Rapport writes it (\"{}\")",
            key(value)
        )),
        Err(crate::domain::Invalid::UnknownWord { allowed, .. }) => {
            Err(format!("has a {field} that is not one of {allowed}"))
        }
        Err(_) => Err(format!("has a {field} Rapport does not know")),
    }
}

/// A field holds exactly what its entry form would have stored: the form's own check
/// passes and changes nothing (no blank space at the ends, no control characters in a name
/// or a line, within the length limits, tags in lower case).
fn as_entered<E: std::fmt::Display>(
    field: &str,
    text: &str,
    check: impl Fn(&str) -> std::result::Result<String, E>,
) -> FieldChecked {
    match check(text) {
        Ok(clean) if clean == text => Ok(()),
        Ok(_) => Err(format!(
            "has a {field} that is not as the entry form would store it (blank space at its ends, or upper case in a tag)"
        )),
        // The checks' sentences never quote the text they refuse.
        Err(reason) => Err(format!("has a {field} the entry form refuses: {reason}")),
    }
}

fn required(field: &str, text: &str) -> FieldChecked {
    if text.trim().is_empty() {
        Err(format!("has an empty {field}"))
    } else {
        Ok(())
    }
}

fn date(field: &str, text: &str) -> FieldChecked {
    match written_date(text.as_bytes()) {
        Some(d) if in_years(d.year()) => Ok(()),
        _ => Err(format!(
            "has a {field} that is not a date like 2026-11-20 between 1970 and 2100"
        )),
    }
}

/// A day written exactly as Rapport writes one, `YYYY-MM-DD` (`%Y-%m-%d` for the years
/// accepted), read by hand: a million of them go by in a large import, and chrono's parser
/// reads its format string again for each, then the check wrote the day back out to
/// compare.
fn written_date(text: &[u8]) -> Option<NaiveDate> {
    if text.len() != 10 || text[4] != b'-' || text[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(&text[0..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(&text[5..7])?, digits(&text[8..10])?)
}

/// A time written exactly as Rapport writes one, `YYYY-MM-DD HH:MM` (`WHEN_FORMAT`).
fn written_when(text: &[u8]) -> Option<NaiveDateTime> {
    if text.len() != 16 || text[10] != b' ' || text[13] != b':' {
        return None;
    }
    written_date(&text[..10])?.and_hms_opt(digits(&text[11..13])?, digits(&text[14..16])?, 0)
}

/// The number ASCII digits spell; `None` for anything else.
fn digits(text: &[u8]) -> Option<u32> {
    text.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// The years every date field accepts, as the date grammar does.
fn in_years(year: i32) -> bool {
    (1970..=2100).contains(&year)
}

fn when(field: &str, text: &str) -> FieldChecked {
    match written_when(text.as_bytes()) {
        Some(t) if in_years(t.year()) => Ok(()),
        _ => Err(format!(
            "has a {field} that is not a time like 2026-11-20 14:30 between 1970 and 2100"
        )),
    }
}

fn stamp(field: &str, text: &str) -> FieldChecked {
    match DateTime::parse_from_rfc3339(text) {
        Ok(t) if in_years(t.naive_utc().year()) => Ok(()),
        _ => Err(format!(
            "has a {field} that is not a time like 2026-11-20T14:30:00Z between 1970 and 2100"
        )),
    }
}

fn week(text: &str) -> FieldChecked {
    match parse_iso_week(text) {
        Ok(monday) if crate::domain::iso_week_label(monday) == text => Ok(()),
        _ => Err("has a week not written like 2026-W47".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The check before: chrono's parser, then the value written back out must be the text.
    fn round_trip(text: &str, format: &str) -> Option<NaiveDateTime> {
        let parsed = NaiveDateTime::parse_from_str(text, format)
            .or_else(|_| {
                NaiveDate::parse_from_str(text, format).map(|d| d.and_time(Default::default()))
            })
            .ok()?;
        (parsed.format(format).to_string() == text).then_some(parsed)
    }

    #[test]
    fn dates_and_times_are_read_as_chrono_reads_and_writes_them() {
        let texts = [
            "2026-11-20",
            "1970-01-01",
            "2100-12-31",
            "2024-02-29",
            "2026-02-29",
            "2026-02-30",
            "2026-1-05",
            "2026-13-01",
            "2026-00-10",
            "2026-11-00",
            " 2026-11-20",
            "2026-11-20 ",
            "２０２６-11-20",
            "2026/11/20",
            "+2026-11-20",
            "20261-11-20",
            "2026-11-2x",
            "",
            "2026-11-20 14:30",
            "2026-11-20 00:00",
            "2026-11-20 23:59",
            "2026-11-20 24:00",
            "2026-11-20 14:60",
            "2026-11-20 4:30",
            "2026-11-20T14:30",
            "2026-11-20 14:30:00",
            "2026-11-20 14-30",
            "2026-11-20 1é:30",
        ];
        for text in texts {
            assert_eq!(
                written_date(text.as_bytes()),
                round_trip(text, "%Y-%m-%d").map(|t| t.date()),
                "{text:?} as a date"
            );
            assert_eq!(
                written_when(text.as_bytes()),
                round_trip(text, crate::domain::WHEN_FORMAT),
                "{text:?} as a time"
            );
        }
    }
}
