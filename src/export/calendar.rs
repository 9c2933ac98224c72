//! The journal's coming dates as an iCalendar file (RFC 5545) a calendar app can subscribe
//! to: each active person's next 1:1 (a paused person's first one back), and the follow-ups the leader owes with a
//! due date. Each event's UID is built from its person's or follow-up's UUID, so importing
//! the file again updates the events instead of adding copies.
//!
//! The moments to acknowledge go in too (a paused person's included): each work
//! anniversary as one event on its next day, titled with the years it completes (the title
//! changes each year, so a yearly event could not hold it); a noted moment on its day, a
//! yearly one as a yearly event from its next day (29 February as the last day of February,
//! which calendar apps repeat every year, where a repeated 29 February skips three years in
//! four).
//!
//! A calendar is often synced to a server, so by default no text the leader wrote goes in:
//! a follow-up reads "Follow-up for Priya (#12)", a noted moment "Moment for Priya (#3)".
//! `with_notes` adds the follow-up's text, the last conversation's summary, a moment's label
//! and what its person likes to be acknowledged for.

use std::io::Write;

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

use super::write_error;
use crate::domain::{Escape, Owner, Standing, first_name};
use crate::insights::moments::MomentKind;
use crate::store::{FollowUpFilter, Result, Store};

/// What goes into the calendar besides the dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CalendarOptions {
    /// The follow-ups' text and the last conversation's summary.
    pub(crate) with_notes: bool,
}

/// Writes the calendar of the journal's coming dates, as of `today`, stamped `now`.
pub(crate) fn write(
    store: &Store,
    options: CalendarOptions,
    now: DateTime<Utc>,
    out: &mut dyn Write,
) -> Result<()> {
    let today = store.today();
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//Rapport//Rapport journal//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "X-WR-CALNAME:Rapport".to_string(),
    ];
    let people = store.people_summaries(false)?;
    for summary in &people {
        let person = &summary.person;
        // Someone paused has their first 1:1 back on the day they return; someone starting
        // has their first on day one.
        let first_name = first_name(&person.name);
        let (day, title) = match summary.standing(today) {
            // Plain, like any 1:1: a calendar is often synced, and leave is private.
            Standing::Paused { until } => (until, format!("1:1 with {first_name}")),
            // An overdue 1:1 is shown today, where it can still be seen, and says since when.
            Standing::Due { on } if on < today => {
                (today, format!("1:1 with {first_name} (due since {on})"))
            }
            Standing::Due { on } | Standing::Starting { on } => {
                (on, format!("1:1 with {first_name}"))
            }
        };
        let mut description = format!("A 1:1 every {} days.", person.cadence_days);
        if options.with_notes
            && let Some(last) = store.recent_conversations(person.id, 1)?.first()
            && !last.summary.is_empty()
        {
            description.push_str(&format!(" Last time: {}", last.summary));
        }
        event(
            &mut lines,
            &format!("one-on-one-{}@rapport", person.uuid),
            &stamp,
            day,
            &title,
            &description,
            None,
        );
    }
    // Every moment's next day, however far: a one-off moment years ahead included.
    let ahead = (NaiveDate::from_ymd_opt(crate::domain::LAST_YEAR, 12, 31).unwrap_or(today)
        - today)
        .num_days();
    for moment in
        crate::views::moments::ahead(store, people.iter().map(|p| &p.person), today, ahead)?
    {
        let first = first_name(&moment.person_name);
        let ack = options
            .with_notes
            .then(|| crate::views::moments::acknowledge_for(&moment))
            .flatten()
            .map(|ack| format!("\n{ack}"))
            .unwrap_or_default();
        let (uid, title, description, yearly) = match &moment.what {
            MomentKind::Anniversary { years } => (
                format!("anniversary-{}@rapport", moment.person_uuid),
                crate::views::moments::title(&moment),
                format!("A work anniversary: {years} years since {first} started.{ack}"),
                false,
            ),
            MomentKind::Noted {
                id, uuid, yearly, ..
            } => (
                format!("moment-{uuid}@rapport"),
                if options.with_notes {
                    crate::views::moments::title(&moment)
                } else {
                    format!("Moment for {first} (#{id})")
                },
                format!("A moment to acknowledge: rapport moment list shows it.{ack}"),
                *yearly,
            ),
        };
        // A 29 February falls on the 29th or the 28th standing in for it: either way, the last
        // day of February.
        let every_year = yearly.then(|| {
            if is_leap_day_moment(&moment) {
                "RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"
            } else {
                "RRULE:FREQ=YEARLY"
            }
        });
        event(
            &mut lines,
            &uid,
            &stamp,
            moment.on,
            &title,
            &description,
            every_year,
        );
    }
    let owed = store.follow_ups(FollowUpFilter {
        person_id: None,
        open_only: true,
    })?;
    for item in owed.iter().filter(|f| f.owner == Owner::Me) {
        // One falling due while its person is away is planned for the day they are back.
        let Some(due) = item.due_counting_pause() else {
            continue;
        };
        let first_name = first_name(&item.person_name);
        let title = if options.with_notes {
            format!("Follow-up for {first_name}: {}", item.text)
        } else {
            format!("Follow-up for {first_name} (#{})", item.id)
        };
        event(
            &mut lines,
            &format!("follow-up-{}@rapport", item.uuid),
            &stamp,
            due,
            &title,
            "Promised in a 1:1: rapport followup done marks it kept.",
            None,
        );
    }
    lines.push("END:VCALENDAR".to_string());
    for line in lines {
        write!(out, "{}\r\n", fold(&line)).map_err(write_error)?;
    }
    Ok(())
}

/// True for a noted moment of 29 February: its next day is the 28th in a year without it.
fn is_leap_day_moment(moment: &crate::insights::moments::Upcoming) -> bool {
    matches!(&moment.what, MomentKind::Noted { falls_on, .. }
        if falls_on.month() == 2 && falls_on.day() == 29)
}

/// One all-day event; `rrule` repeats it.
fn event(
    lines: &mut Vec<String>,
    uid: &str,
    stamp: &str,
    day: NaiveDate,
    title: &str,
    description: &str,
    rrule: Option<&str>,
) {
    lines.extend([
        "BEGIN:VEVENT".to_string(),
        format!("UID:{uid}"),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")),
        format!(
            "DTEND;VALUE=DATE:{}",
            (day + Duration::days(1)).format("%Y%m%d")
        ),
        format!("SUMMARY:{}", Escape::IcsText.apply(title)),
        format!("DESCRIPTION:{}", Escape::IcsText.apply(description)),
        "TRANSP:TRANSPARENT".to_string(),
    ]);
    lines.extend(rrule.map(str::to_string));
    lines.push("END:VEVENT".to_string());
}

/// Folds a content line at 75 octets (§3.1), never inside a character.
fn fold(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            folded.push_str("\r\n ");
            width = 1;
        }
        folded.push(c);
        width += c.len_utf8();
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_between_characters() {
        let long = format!("SUMMARY:{}", "é".repeat(60));
        let folded = fold(&long);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), long);
    }
}
