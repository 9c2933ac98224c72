//! The timeline: pages of events grouped by week, and per person how many 1:1s they had in
//! each of the last twelve weeks.

use chrono::{Duration, NaiveDate, Weekday};
use serde::Serialize;

use super::week::WeekSpan;
use crate::domain::Person;
use crate::store::{PersonWeekCount, TimelineEvent};

/// How many weeks the frequency strips show, this week included.
pub(crate) const STRIP_WEEKS: u32 = 12;

/// The events of one week, newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct WeekGroup {
    pub week: WeekSpan,
    pub events: Vec<TimelineEvent>,
}

/// Splits a newest-first list of events into weeks, newest week first. Weeks without events
/// are left out. A page boundary may cut a week in two; a renderer that appends pages
/// merges a group into the previous one when the labels match (see [`append`]).
pub(crate) fn group_by_week(events: Vec<TimelineEvent>, week_start: Weekday) -> Vec<WeekGroup> {
    let mut groups: Vec<WeekGroup> = Vec::new();
    append(&mut groups, events, week_start);
    groups
}

/// Adds the next page of newest-first events to already grouped ones.
pub(crate) fn append(groups: &mut Vec<WeekGroup>, events: Vec<TimelineEvent>, week_start: Weekday) {
    for event in events {
        let day = event.at.date();
        match groups.last_mut() {
            Some(group) if group.week.contains(day) => group.events.push(event),
            _ => groups.push(WeekGroup {
                week: WeekSpan::containing(day, week_start),
                events: vec![event],
            }),
        }
    }
}

/// One person's 1:1s (conversations of a cadence kind) per week, oldest week first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct FrequencyStrip {
    pub person_id: i64,
    pub name: String,
    pub cadence_days: u32,
    pub counts: Vec<u32>,
    /// How many 1:1s their cadence asked for over the strip, counting only the days they were
    /// there and not paused ([`super::trends::expected_one_on_ones`]): a strip at or above it
    /// is on rhythm.
    pub expected: u32,
}

/// The strips of all people, and of the whole team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FrequencyStrips {
    /// The weeks of the strip, oldest first.
    pub weeks: Vec<WeekSpan>,
    /// Conversations of everyone (including people since archived) per week.
    pub team: Vec<u32>,
    pub(crate) people: Vec<FrequencyStrip>,
}

/// The first day of the strip that ends with the week holding `today`, for
/// [`crate::store::Store::conversations_by_week`].
pub(crate) fn strip_start(today: NaiveDate, week_start: Weekday) -> NaiveDate {
    WeekSpan::containing(today, week_start).start - Duration::weeks(i64::from(STRIP_WEEKS - 1))
}

/// Builds the strips of `people` (in their order) from the grouped counts that start at
/// [`strip_start`].
pub(crate) fn frequency_strips(
    people: &[Person],
    counts: &[PersonWeekCount],
    today: NaiveDate,
    week_start: Weekday,
) -> FrequencyStrips {
    let weeks = STRIP_WEEKS as usize;
    let mut span = WeekSpan::containing(strip_start(today, week_start), week_start);
    let mut spans = Vec::with_capacity(weeks);
    for _ in 0..weeks {
        let next = span.next();
        spans.push(span);
        span = next;
    }
    let mut team = vec![0; weeks];
    for count in counts {
        if let Some(slot) = usize::try_from(count.week)
            .ok()
            .and_then(|w| team.get_mut(w))
        {
            *slot += count.conversations;
        }
    }
    let people = people
        .iter()
        .map(|person| {
            let mut strip = vec![0; weeks];
            for count in counts.iter().filter(|c| c.person_id == person.id) {
                if let Some(slot) = usize::try_from(count.week)
                    .ok()
                    .and_then(|w| strip.get_mut(w))
                {
                    *slot += count.one_on_ones;
                }
            }
            // A conversation in the strip shows they were there that week, added or not.
            let first_talk = counts
                .iter()
                .filter(|c| c.person_id == person.id && c.conversations > 0)
                .filter_map(|c| usize::try_from(c.week).ok())
                .min()
                .and_then(|week| spans.get(week))
                .map(|span| span.start);
            let expected = spans.first().map_or(0, |first| {
                super::trends::expected_one_on_ones(
                    person,
                    first_talk,
                    first.start,
                    spans[spans.len() - 1].end.min(today + Duration::days(1)),
                )
            });
            FrequencyStrip {
                person_id: person.id,
                name: person.name.clone(),
                cadence_days: person.cadence_days,
                counts: strip,
                expected,
            }
        })
        .collect();
    FrequencyStrips {
        weeks: spans,
        team,
        people,
    }
}

/// A strip as block characters, ▁ for none up to █ for the strip's busiest week; a week with
/// nothing is a space so silence stands out.
pub(crate) fn sparkline(counts: &[u32]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = counts.iter().copied().max().unwrap_or(0);
    counts
        .iter()
        .map(|&c| {
            if c == 0 || max == 0 {
                ' '
            } else {
                // Eight heights for 1..=max: the busiest week is a full block.
                let level = (u64::from(c) * 8)
                    .div_ceil(u64::from(max))
                    .saturating_sub(1);
                BARS[usize::try_from(level).unwrap_or(7).min(7)]
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::gaps::tests::facts;
    use chrono::NaiveDateTime;

    fn event(id: i64, at: &str) -> TimelineEvent {
        let at = NaiveDateTime::parse_from_str(at, "%Y-%m-%d %H:%M").unwrap();
        TimelineEvent::for_tests(id, at)
    }

    #[test]
    fn events_group_by_week_newest_first_across_the_year_boundary() {
        let events = vec![
            event(5, "2027-01-04 09:00"), // 2027-W01
            event(4, "2027-01-03 23:59"), // 2026-W53 (Sunday)
            event(3, "2026-12-28 00:00"), // 2026-W53 (Monday)
            event(2, "2026-10-25 02:30"), // 2026-W43, the DST Sunday
            event(1, "2026-10-19 08:00"), // 2026-W43
        ];
        let groups = group_by_week(events, Weekday::Mon);
        let labels: Vec<&str> = groups.iter().map(|g| g.week.label.as_str()).collect();
        assert_eq!(labels, ["2027-W01", "2026-W53", "2026-W43"]);
        let sizes: Vec<usize> = groups.iter().map(|g| g.events.len()).collect();
        assert_eq!(sizes, [1, 2, 2]);
    }

    #[test]
    fn a_second_page_continues_the_last_week() {
        let mut groups = group_by_week(vec![event(3, "2026-11-19 10:00")], Weekday::Mon);
        append(
            &mut groups,
            vec![event(2, "2026-11-16 10:00"), event(1, "2026-11-15 10:00")],
            Weekday::Mon,
        );
        let sizes: Vec<usize> = groups.iter().map(|g| g.events.len()).collect();
        assert_eq!(sizes, [2, 1]);
        // With Sunday starts the 15th opens the same week as the 16th.
        let sunday = group_by_week(
            vec![event(2, "2026-11-16 10:00"), event(1, "2026-11-15 10:00")],
            Weekday::Sun,
        );
        assert_eq!(sunday.len(), 1);
        assert_eq!(sunday[0].week.label, "2026-W47");
    }

    #[test]
    fn no_events_no_groups() {
        assert!(group_by_week(Vec::new(), Weekday::Mon).is_empty());
    }

    #[test]
    fn strips_count_per_person_per_week_and_for_the_team() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(); // Monday, 2026-W48
        assert_eq!(
            strip_start(today, Weekday::Mon),
            NaiveDate::from_ymd_opt(2026, 9, 7).unwrap()
        );
        let people = [
            facts(1, "Priya", 14).summary.person,
            facts(2, "Jo", 7).summary.person,
        ];
        let count = |person_id, week, conversations| PersonWeekCount {
            person_id,
            week,
            conversations,
            one_on_ones: conversations,
            mood_total: 0,
            moods: 0,
        };
        let counts = [
            count(1, 0, 1),
            count(1, 11, 2),
            count(2, 11, 1),
            count(9, 5, 1),  // someone since archived: team only
            count(1, 40, 1), // outside the strip: ignored, never a panic
        ];
        let strips = frequency_strips(&people, &counts, today, Weekday::Mon);
        assert_eq!(strips.weeks.len(), 12);
        assert_eq!(strips.weeks[11].label, "2026-W48");
        assert_eq!(strips.people[0].counts[0], 1);
        assert_eq!(strips.people[0].counts[11], 2);
        assert_eq!(strips.people[1].counts.iter().sum::<u32>(), 1);
        assert_eq!(strips.team[11], 3);
        assert_eq!(strips.team[5], 1);
        // Every seven days of the strip so far (7 Sep to today, 78 days) asks for a 1:1.
        assert_eq!(
            strips.people[1].expected, 11,
            "78 days at 7 is 11.1: eleven"
        );
        assert_eq!(sparkline(&strips.team), "▃    ▃     █");
        assert_eq!(sparkline(&[]), "");
    }
}
