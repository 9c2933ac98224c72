//! The week view: what happened in one week compared with the week before, the stored
//! reflection, and the leading–managing balance over the last twelve weeks.
//!
//! Weeks start on a configurable day (Monday by default). A week is named by the ISO week
//! that holds most of its days (with a Monday start, exactly the ISO week), so reflections,
//! which are stored per ISO week, keep their names whatever the start day. Weeks are spans
//! of local calendar days, so a daylight-saving change never makes one shorter or longer.

use crate::domain::PersonRef;
use std::collections::{BTreeSet, HashSet};

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::Serialize;

use super::feedback::{Convergence, FeedbackWeek, converge, mirror};
use crate::domain::{
    Balance, CadenceKinds, Feedback, FollowUp, Invalid, Need, NeedState, Reflection, Stance,
    Standing, iso_week_label, parse_iso_week,
};
use crate::store::{PersonWeekCount, WeekRows};

/// How many weeks the trends (mood, balance) look back, this week included.
pub(crate) const TREND_WEEKS: u32 = 12;

/// One week: the days `start..end` (end exclusive) and its ISO name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct WeekSpan {
    /// `2026-W47`: the ISO week holding most of the span's days.
    pub label: String,
    pub start: NaiveDate,
    /// The first day of the next week.
    pub end: NaiveDate,
}

impl WeekSpan {
    /// The week holding `day`, for weeks beginning on `week_start`.
    pub fn containing(day: NaiveDate, week_start: Weekday) -> WeekSpan {
        let back =
            (7 + day.weekday().num_days_from_monday() - week_start.num_days_from_monday()) % 7;
        WeekSpan::starting(day - Duration::days(i64::from(back)))
    }

    /// The week named `label` (`2026-W47`, also `2026w47`), for weeks beginning on
    /// `week_start`: the span that starts within three days of that ISO week's Monday.
    pub(crate) fn from_label(label: &str, week_start: Weekday) -> Result<WeekSpan, Invalid> {
        let monday = parse_iso_week(label)?;
        let offset = i64::from(week_start.num_days_from_monday());
        // Thursday to Sunday starts belong to the days before the ISO Monday.
        let start = if offset <= 3 {
            monday + Duration::days(offset)
        } else {
            monday - Duration::days(7 - offset)
        };
        Ok(WeekSpan::starting(start))
    }

    fn starting(start: NaiveDate) -> WeekSpan {
        WeekSpan {
            // Day three of any seven-day span lies in the ISO week holding four of its days.
            label: iso_week_label(start + Duration::days(3)),
            start,
            end: start + Duration::days(7),
        }
    }

    pub(crate) fn previous(&self) -> WeekSpan {
        WeekSpan::starting(self.start - Duration::days(7))
    }

    pub(crate) fn next(&self) -> WeekSpan {
        WeekSpan::starting(self.end)
    }

    /// The last day of the week.
    pub(crate) fn last_day(&self) -> NaiveDate {
        self.end - Duration::days(1)
    }

    /// "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027".
    pub(crate) fn days_text(&self) -> String {
        let (first, last) = (self.start, self.last_day());
        if first.year() != last.year() {
            format!(
                "{} – {}",
                first.format("%-d %b %Y"),
                last.format("%-d %b %Y")
            )
        } else if first.month() != last.month() {
            format!("{} – {}", first.format("%-d %b"), last.format("%-d %b %Y"))
        } else {
            format!("{}–{}", first.format("%-d"), last.format("%-d %b %Y"))
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day < self.end
    }

    /// The ISO week number alone, e.g. 47.
    pub(crate) fn number(&self) -> u32 {
        (self.start + Duration::days(3)).iso_week().week()
    }
}

/// A count this week and the week before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Count {
    pub this_week: u32,
    pub previous_week: u32,
    /// `this_week - previous_week`.
    pub change: i64,
}

impl Count {
    pub(crate) fn new(this_week: usize, previous_week: usize) -> Count {
        let this_week = u32::try_from(this_week).unwrap_or(u32::MAX);
        let previous_week = u32::try_from(previous_week).unwrap_or(u32::MAX);
        Count {
            this_week,
            previous_week,
            change: i64::from(this_week) - i64::from(previous_week),
        }
    }
}

/// An average this week and the week before; `None` when nothing was noted.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct Average {
    pub this_week: Option<f64>,
    pub previous_week: Option<f64>,
    pub change: Option<f64>,
}

impl Average {
    fn new(this_week: Option<f64>, previous_week: Option<f64>) -> Average {
        Average {
            this_week,
            previous_week,
            change: this_week.zip(previous_week).map(|(a, b)| round1(a - b)),
        }
    }
}

/// One need's coverage: how many conversations addressed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct NeedCoverage {
    pub need: Need,
    pub conversations: Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct StanceCounts {
    pub leading: Count,
    pub managing: Count,
    pub both: Count,
    /// Conversations with no stance noted.
    pub unnoted: Count,
}

impl StanceCounts {
    /// Where this week's recorded stances sit on the self-check's scale (1 managing, 3 both,
    /// 5 leading): the mean over the conversations with a stance; none when none has one.
    /// It puts practice on the same axis as the leader's self-image.
    pub(crate) fn place(&self) -> Option<f64> {
        let (leading, managing, both) = (
            f64::from(self.leading.this_week),
            f64::from(self.managing.this_week),
            f64::from(self.both.this_week),
        );
        let noted = leading + managing + both;
        (noted > 0.0).then(|| (5.0 * leading + managing + 3.0 * both) / noted)
    }
}

/// One week of a trend, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint<T> {
    pub week: String,
    pub value: Option<T>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekSummary {
    pub week: WeekSpan,
    pub previous: WeekSpan,
    /// True while the week is not over yet: counts may still grow, and the week before is
    /// counted only up to the same weekday.
    pub in_progress: bool,
    /// The last day of the week before that the comparison counts: its last day, or the
    /// same weekday as today while this week is in progress.
    pub compared_to: NaiveDate,
    /// 1:1s held: conversations of a cadence kind, with anyone ("held" counts 1:1s only).
    pub one_on_ones: Count,
    /// Conversations of any kind (1:1s, check-ins, informal chats), with anyone.
    pub conversations: Count,
    /// Distinct people met.
    pub people_met: Count,
    /// Active people whose 1:1 fell due by the week's end (overdue ones included; see
    /// `domain::Rhythm`).
    pub due: Count,
    /// Of those, how many had a 1:1 in the week (a conversation of a cadence kind).
    pub due_met: Count,
    /// People due this week, not met by a 1:1, whose due day has passed, by name.
    pub people_not_seen: Vec<PersonRef>,
    /// C B A F S.
    pub(crate) needs: Vec<NeedCoverage>,
    pub(crate) stance: StanceCounts,
    pub(crate) mood: Average,
    pub acknowledgements: Count,
    /// Conversations with the people others already follow (seed 004's roving leaders).
    pub with_roving_leaders: Count,
    pub ideas_heard: Count,
    pub ideas_answered: Count,
    pub follow_ups_done: Count,
    pub follow_ups_slipped: Count,
    /// This week's slipped follow-ups, by due date.
    pub slipped: Vec<FollowUp>,
    /// The average mood per week over the last `TREND_WEEKS` weeks, oldest first.
    pub mood_trend: Vec<TrendPoint<f64>>,
    pub reflection: Option<Reflection>,
    /// How the leader meant to show up this week: the intention the week before's
    /// reflection set, when it set one. The week asks about it.
    pub intention_to_ask: Option<String>,
    /// The balance self-check per week over the last `TREND_WEEKS` weeks, oldest first.
    pub balance_trend: Vec<TrendPoint<Balance>>,
    /// What people told the leader about their leading this week, beside the self-check.
    pub(crate) feedback: FeedbackWeek,
    /// Over the last `TREND_WEEKS` weeks: whether the self-check and feedback converge.
    pub(crate) feedback_trend: Convergence,
    /// Trust handed over in the week, and the leader's share of the open follow-ups.
    pub(crate) handover: super::handover::Handover,
    /// The team's direction as it stood that week: statements made by its end and not
    /// retired before it began, oldest first.
    pub(crate) directions: Vec<crate::domain::Direction>,
}

/// What [`summarize`] reads: rows of the week and the week before, and the trend rows.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WeekInput<'a> {
    pub week: &'a WeekSpan,
    pub this: &'a WeekRows,
    pub previous: &'a WeekRows,
    /// [`crate::store::Store::conversations_by_week`] from [`trend_start`] for
    /// [`TREND_WEEKS`] weeks.
    pub weekly: &'a [PersonWeekCount],
    /// Reflections of the trend weeks (any order; others are ignored).
    pub reflections: &'a [Reflection],
    /// Feedback to the leader heard in the trend weeks (any order; others are ignored).
    pub feedback: &'a [Feedback],
    /// Which conversations count as a 1:1 for "met".
    pub cadence_kinds: CadenceKinds,
}

/// Each of `weeks` with its self-check (if rated) and the feedback heard in it: what
/// [`converge`] reads.
pub(crate) fn trend_rows<'a>(
    weeks: &[WeekSpan],
    reflections: &'a [Reflection],
    feedback: &[Feedback],
) -> Vec<(String, Option<&'a Balance>, Vec<Feedback>)> {
    weeks
        .iter()
        .map(|week| {
            (
                week.label.clone(),
                reflections
                    .iter()
                    .find(|r| r.week == week.label)
                    .map(|r| &r.balance),
                feedback
                    .iter()
                    .filter(|f| week.contains(f.heard_on))
                    .cloned()
                    .collect(),
            )
        })
        .collect()
}

/// The first day of the trend that ends with `week`.
pub(crate) fn trend_start(week: &WeekSpan) -> NaiveDate {
    week.start - Duration::weeks(i64::from(TREND_WEEKS - 1))
}

/// The weeks of the trend that ends with `week`, oldest first.
pub(crate) fn trend_weeks(week: &WeekSpan) -> Vec<WeekSpan> {
    weeks_ending(week, TREND_WEEKS)
}

/// `count` weeks (at least one) ending with `week`, oldest first.
pub(crate) fn weeks_ending(week: &WeekSpan, count: u32) -> Vec<WeekSpan> {
    let mut weeks = vec![week.clone()];
    for _ in 1..count {
        let earlier = weeks[weeks.len() - 1].previous();
        weeks.push(earlier);
    }
    weeks.reverse();
    weeks
}

struct Tally {
    one_on_ones: usize,
    conversations: usize,
    people_met: HashSet<i64>,
    due: Vec<PersonRef>,
    due_met: usize,
    /// Due, not met by a 1:1, and their due day already passed.
    not_seen: Vec<PersonRef>,
    needs: [usize; 5],
    stance: [usize; 4],
    mood: Option<f64>,
    acknowledgements: usize,
    ideas_heard: usize,
    ideas_answered: usize,
    follow_ups_done: usize,
    slipped: Vec<FollowUp>,
    /// Conversations with someone marked a roving leader.
    with_roving_leaders: usize,
}

/// Sums up `rows` as of `today`, counting only what happened before `cutoff` (the same
/// weekday of a week compared with one in progress; the week's end otherwise).
fn tally(rows: &WeekRows, today: NaiveDate, cutoff: NaiveDate, kinds: CadenceKinds) -> Tally {
    let before_cutoff = |day: NaiveDate| day < cutoff;
    let conversations: Vec<_> = rows
        .conversations
        .iter()
        .filter(|c| before_cutoff(c.happened_at.date()))
        .collect();
    let people_met: HashSet<i64> = conversations.iter().map(|c| c.person_id).collect();
    let one_on_ones: Vec<_> = conversations
        .iter()
        .filter(|c| kinds.counts(c.kind))
        .collect();
    let met_by_one_on_one: HashSet<i64> = one_on_ones.iter().map(|c| c.person_id).collect();
    // Who was due: the one rule (a cadence after the last 1:1 before the week, not before
    // they were there, not while paused), asked of each day of the week.
    let mut due = Vec::new();
    let mut not_seen = Vec::new();
    for p in &rows.people {
        let last = p.last_before.map(|at| at.date());
        let rhythm = p.person.rhythm();
        if rhythm.first_due_day(last, rows.start, rows.end).is_none() {
            continue;
        }
        let person = PersonRef::of(&p.person);
        // Where they stand by then (today, or the week's last day), as Today says it: someone
        // paused is shown as paused, not as someone the leader failed to see, and a pause that
        // has ended moved the due day to its end, however overdue they were before it.
        let as_of = today.min(rows.end - Duration::days(1));
        let standing = rhythm.standing(last, as_of);
        let paused = matches!(standing, Standing::Paused { .. });
        // The day it fell due, which for someone already overdue is before the week.
        let due_day = standing.due_on();
        if !paused && !met_by_one_on_one.contains(&p.person.id) && due_day < today.min(cutoff) {
            not_seen.push(person.clone());
        }
        due.push(person);
    }
    let due_met = due
        .iter()
        .filter(|p| met_by_one_on_one.contains(&p.id))
        .count();
    let roving_leaders: HashSet<i64> = rows
        .people
        .iter()
        .filter(|p| p.person.roving_leader)
        .map(|p| p.person.id)
        .collect();
    let with_roving_leaders = conversations
        .iter()
        .filter(|c| roving_leaders.contains(&c.person_id))
        .count();
    let mut needs = [0; 5];
    let mut stance = [0; 4];
    for conversation in &conversations {
        // Needs met: a concern raised is not a need met.
        let distinct: BTreeSet<Need> = conversation
            .needs_in(NeedState::Met)
            .map(|n| n.need)
            .collect();
        for need in distinct {
            needs[need.index()] += 1;
        }
        stance[match conversation.stance {
            Some(Stance::Leading) => 0,
            Some(Stance::Managing) => 1,
            Some(Stance::Both) => 2,
            None => 3,
        }] += 1;
    }
    let moods: Vec<f64> = conversations
        .iter()
        .filter_map(|c| c.mood.map(|m| f64::from(m.value())))
        .collect();
    let mood = (!moods.is_empty()).then(|| round1(moods.iter().sum::<f64>() / moods.len() as f64));
    // Slipped: due in the week, already past due, and not done by the week's end. In the
    // current week a follow-up due tomorrow has not slipped yet; one falling due while its
    // person is away is due the day they are back, so leave never makes a promise slip.
    let slipped = rows
        .follow_ups_due_undone
        .iter()
        .filter(|f| {
            f.due_counting_pause()
                .is_some_and(|due| due < today && before_cutoff(due))
        })
        .filter(|f| f.done_on.is_none_or(|done| !before_cutoff(done)))
        .cloned()
        .collect();
    let counted =
        |days: &mut dyn Iterator<Item = NaiveDate>| days.filter(|d| before_cutoff(*d)).count();
    Tally {
        with_roving_leaders,
        one_on_ones: one_on_ones.len(),
        conversations: conversations.len(),
        people_met,
        due,
        due_met,
        not_seen,
        needs,
        stance,
        mood,
        acknowledgements: counted(&mut rows.acknowledgements.iter().map(|a| a.given_at.date())),
        ideas_heard: counted(&mut rows.ideas_heard.iter().map(|i| i.heard_on)),
        ideas_answered: counted(&mut rows.ideas_answered.iter().filter_map(|i| i.answered_on)),
        follow_ups_done: counted(&mut rows.follow_ups_done.iter().filter_map(|f| f.done_on)),
        slipped,
    }
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// The week view for `input.week`, compared with the week before, as of `today`. A week in
/// progress is compared with the week before up to the same weekday.
pub(crate) fn summarize(input: &WeekInput<'_>, today: NaiveDate) -> WeekSummary {
    let in_progress = input.week.contains(today);
    let this = tally(input.this, today, input.week.end, input.cadence_kinds);
    let previous = input.week.previous();
    let compared_to = if in_progress {
        today - (input.week.start - previous.start)
    } else {
        previous.last_day()
    };
    let before = tally(
        input.previous,
        today,
        compared_to + Duration::days(1),
        input.cadence_kinds,
    );
    let weeks = trend_weeks(input.week);
    let mood_trend = weeks
        .iter()
        .enumerate()
        .map(|(index, week)| {
            let (total, count) = input
                .weekly
                .iter()
                .filter(|c| usize::try_from(c.week).is_ok_and(|w| w == index))
                .fold((0u32, 0u32), |(t, n), c| (t + c.mood_total, n + c.moods));
            TrendPoint {
                week: week.label.clone(),
                value: (count > 0).then(|| round1(f64::from(total) / f64::from(count))),
            }
        })
        .collect();
    let balance_trend = weeks
        .iter()
        .map(|week| TrendPoint {
            week: week.label.clone(),
            value: input
                .reflections
                .iter()
                .find(|r| r.week == week.label)
                .map(|r| r.balance)
                .filter(|b| *b != Balance::default()),
        })
        .collect();
    let reflection = input
        .reflections
        .iter()
        .find(|r| r.week == input.week.label)
        .cloned();
    let heard_this_week: Vec<Feedback> = input
        .feedback
        .iter()
        .filter(|f| input.week.contains(f.heard_on))
        .cloned()
        .collect();
    let feedback = mirror(reflection.as_ref().map(|r| &r.balance), &heard_this_week);
    let feedback_trend = converge(&trend_rows(&weeks, input.reflections, input.feedback));
    let intention_to_ask = input
        .reflections
        .iter()
        .find(|r| r.week == previous.label)
        .map(|r| r.intention.trim().to_string())
        .filter(|intention| !intention.is_empty());
    let stance = |i: usize| Count::new(this.stance[i], before.stance[i]);
    WeekSummary {
        week: input.week.clone(),
        previous,
        in_progress,
        compared_to,
        one_on_ones: Count::new(this.one_on_ones, before.one_on_ones),
        conversations: Count::new(this.conversations, before.conversations),
        people_met: Count::new(this.people_met.len(), before.people_met.len()),
        due: Count::new(this.due.len(), before.due.len()),
        due_met: Count::new(this.due_met, before.due_met),
        people_not_seen: this.not_seen,
        needs: Need::ALL
            .iter()
            .map(|&need| NeedCoverage {
                need,
                conversations: Count::new(this.needs[need.index()], before.needs[need.index()]),
            })
            .collect(),
        stance: StanceCounts {
            leading: stance(0),
            managing: stance(1),
            both: stance(2),
            unnoted: stance(3),
        },
        mood: Average::new(this.mood, before.mood),
        acknowledgements: Count::new(this.acknowledgements, before.acknowledgements),
        with_roving_leaders: Count::new(this.with_roving_leaders, before.with_roving_leaders),
        ideas_heard: Count::new(this.ideas_heard, before.ideas_heard),
        ideas_answered: Count::new(this.ideas_answered, before.ideas_answered),
        follow_ups_done: Count::new(this.follow_ups_done, before.follow_ups_done),
        follow_ups_slipped: Count::new(this.slipped.len(), before.slipped.len()),
        slipped: this.slipped,
        mood_trend,
        reflection,
        intention_to_ask,
        balance_trend,
        feedback,
        feedback_trend,
        // Read by `views::week::week_summary`, beside the week's rows.
        handover: super::handover::Handover::default(),
        directions: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_spans_read_naturally_across_months_and_years() {
        let week =
            WeekSpan::containing(NaiveDate::from_ymd_opt(2026, 11, 18).unwrap(), Weekday::Mon);
        assert_eq!(week.days_text(), "16–22 Nov 2026");
        let week =
            WeekSpan::containing(NaiveDate::from_ymd_opt(2026, 12, 30).unwrap(), Weekday::Mon);
        assert_eq!(week.days_text(), "28 Dec 2026 – 3 Jan 2027");
    }
    use crate::domain::{Conversation, ConversationKind, ConversationNeed, Mood, Owner, Person};
    use crate::store::PersonBefore;
    use chrono::NaiveDateTime;
    use uuid::Uuid;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn person(id: i64, name: &str, cadence: u32) -> Person {
        Person::unsaved(id, name, cadence)
    }

    fn talk(
        id: i64,
        person_id: i64,
        when: &str,
        needs: &[Need],
        mood: Option<i64>,
    ) -> Conversation {
        Conversation {
            id,
            uuid: Uuid::nil(),
            person_id,
            person_name: format!("P{person_id}"),
            person_uuid: uuid::Uuid::nil(),
            happened_at: at(when),
            kind: ConversationKind::OneOnOne,
            mood: mood.and_then(Mood::new),
            stance: Some(Stance::Leading),
            summary: String::new(),
            notes: String::new(),
            needs: needs
                .iter()
                .map(|&need| ConversationNeed {
                    need,
                    state: crate::domain::NeedState::Met,
                    how: String::new(),
                })
                .collect(),
            tags: Vec::new(),
        }
    }

    fn follow_up(id: i64, due: &str, done: Option<&str>) -> FollowUp {
        FollowUp {
            id,
            uuid: Uuid::nil(),
            person_id: 1,
            person_name: "P1".into(),
            person_uuid: uuid::Uuid::nil(),
            conversation_id: None,
            owner: Owner::Me,
            text: format!("promise {id}"),
            due_on: Some(day(due)),
            done_on: done.map(day),
            made_on: day(due) - Duration::days(7),
            pause: None,
        }
    }

    fn rows(week: &WeekSpan) -> WeekRows {
        WeekRows {
            start: week.start,
            end: week.end,
            conversations: Vec::new(),
            acknowledgements: Vec::new(),
            ideas_heard: Vec::new(),
            ideas_answered: Vec::new(),
            follow_ups_done: Vec::new(),
            follow_ups_due_undone: Vec::new(),
            people: Vec::new(),
        }
    }

    #[test]
    fn weeks_start_on_the_configured_day_and_keep_iso_names() {
        let thursday = day("2026-11-19");
        let monday = WeekSpan::containing(thursday, Weekday::Mon);
        assert_eq!(monday.start, day("2026-11-16"));
        assert_eq!(monday.end, day("2026-11-23"));
        assert_eq!(monday.label, "2026-W47");
        assert_eq!(monday.number(), 47);
        let sunday = WeekSpan::containing(thursday, Weekday::Sun);
        assert_eq!(sunday.start, day("2026-11-15"));
        assert_eq!(sunday.label, "2026-W47");
        // Every start day maps a label back to the span that holds the label's Thursday.
        for start in [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ] {
            let span = WeekSpan::from_label("2026-W47", start).unwrap();
            assert_eq!(span.start.weekday(), start);
            assert_eq!(span.label, "2026-W47", "{start:?}");
            assert!(span.contains(day("2026-11-19")), "{start:?}");
            assert_eq!(WeekSpan::containing(span.start, start), span);
        }
        assert!(WeekSpan::from_label("2026-W54", Weekday::Mon).is_err());
    }

    #[test]
    fn iso_week_53_and_the_year_boundary() {
        // 2026 has 53 ISO weeks: Mon 28 Dec 2026 to Sun 3 Jan 2027.
        let week = WeekSpan::containing(day("2027-01-01"), Weekday::Mon);
        assert_eq!(week.label, "2026-W53");
        assert_eq!(week.start, day("2026-12-28"));
        assert_eq!(week.end, day("2027-01-04"));
        assert_eq!(week.previous().label, "2026-W52");
        assert_eq!(week.next().label, "2027-W01");
        assert_eq!(
            WeekSpan::from_label("2026-W53", Weekday::Mon).unwrap(),
            week
        );
        // A week across new year counts the conversations on both sides of it.
        let mut this = rows(&week);
        this.conversations = vec![
            talk(1, 1, "2026-12-31 10:00", &[Need::Fun], Some(4)),
            talk(2, 2, "2027-01-02 10:00", &[Need::Fun], Some(2)),
        ];
        let previous = rows(&week.previous());
        let summary = summarize(
            &WeekInput {
                week: &week,
                this: &this,
                previous: &previous,
                weekly: &[],
                reflections: &[],
                feedback: &[],
                cadence_kinds: CadenceKinds::default(),
            },
            day("2027-01-10"),
        );
        assert_eq!(summary.conversations.this_week, 2);
        assert_eq!(summary.needs[Need::Fun.index()].conversations.change, 2);
        assert_eq!(summary.mood.this_week, Some(3.0));
        assert!(!summary.in_progress);
        // The trend of twelve weeks reaches back into 2026 in order.
        let trend = trend_weeks(&week);
        assert_eq!(trend.len(), 12);
        assert_eq!(trend[11].label, "2026-W53");
        assert_eq!(trend[0].label, "2026-W42");
    }

    #[test]
    fn someone_back_from_a_pause_today_is_due_today_not_unseen() {
        // Daily 1:1s; the last one on Sunday 22 Nov, so due Monday; away from Wednesday,
        // back on Saturday 28 Nov. Today calls them due today, not overdue: the week agrees.
        let today = day("2026-11-28");
        let week = WeekSpan::containing(today, Weekday::Mon);
        let mut this = rows(&week);
        let mut back_today = person(1, "Ana", 1);
        back_today.pause = Some(crate::domain::Pause::new(day("2026-11-25"), today).unwrap());
        this.people = vec![PersonBefore {
            person: back_today,
            last_before: Some(at("2026-11-22 10:00")),
        }];
        let summary = summarize(
            &WeekInput {
                week: &week,
                this: &this,
                previous: &rows(&week.previous()),
                weekly: &[],
                reflections: &[],
                feedback: &[],
                cadence_kinds: CadenceKinds::default(),
            },
            today,
        );
        assert_eq!(summary.due.this_week, 1);
        assert!(
            summary.people_not_seen.is_empty(),
            "{:?}",
            summary.people_not_seen
        );
    }

    #[test]
    fn a_week_in_progress_is_compared_up_to_the_same_weekday_and_not_seen_waits_for_the_due_day() {
        let today = day("2026-11-25"); // a Wednesday
        let week = WeekSpan::containing(today, Weekday::Mon); // 23–29 Nov
        let mut this = rows(&week);
        this.conversations = vec![talk(1, 1, "2026-11-24 10:00", &[Need::Fun], Some(4))];
        this.people = vec![
            // Overdue since 20 Nov: not seen.
            PersonBefore {
                person: person(1, "Ana", 7),
                last_before: Some(at("2026-11-13 10:00")),
            },
            PersonBefore {
                person: person(2, "Bo", 14),
                last_before: Some(at("2026-11-09 10:00")),
            },
            // Due Friday 27 Nov: due this week, but not "not seen" on Wednesday.
            PersonBefore {
                person: person(3, "Cy", 14),
                last_before: Some(at("2026-11-13 10:00")),
            },
        ];
        let mut previous = rows(&week.previous());
        previous.conversations = vec![
            talk(2, 1, "2026-11-16 10:00", &[Need::Fun], Some(3)), // Monday: counted
            talk(3, 2, "2026-11-18 23:59", &[], None),             // Wednesday: counted
            talk(4, 3, "2026-11-19 09:00", &[], None),             // Thursday: not yet
        ];
        let summary = summarize(
            &WeekInput {
                week: &week,
                this: &this,
                previous: &previous,
                weekly: &[],
                reflections: &[],
                feedback: &[],
                cadence_kinds: CadenceKinds::default(),
            },
            today,
        );
        assert!(summary.in_progress);
        assert_eq!(summary.compared_to, day("2026-11-18"));
        assert_eq!(summary.conversations.previous_week, 2);
        assert_eq!(summary.conversations.change, -1);
        assert_eq!(summary.due.this_week, 3);
        let not_seen: Vec<&str> = summary
            .people_not_seen
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(not_seen, ["Bo"]);
        // A week that is over is compared with the whole week before.
        let over = summarize(
            &WeekInput {
                week: &week,
                this: &this,
                previous: &previous,
                weekly: &[],
                reflections: &[],
                feedback: &[],
                cadence_kinds: CadenceKinds::default(),
            },
            day("2026-12-01"),
        );
        assert_eq!(over.conversations.previous_week, 3);
        let not_seen: Vec<&str> = over
            .people_not_seen
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(not_seen, ["Bo", "Cy"]);
    }

    #[test]
    fn a_week_with_the_dst_change_still_has_seven_days() {
        // Europe leaves summer time on Sunday 25 October 2026 (02:00 to 03:00 twice).
        let week = WeekSpan::containing(day("2026-10-25"), Weekday::Mon);
        assert_eq!(week.start, day("2026-10-19"));
        assert_eq!((week.end - week.start).num_days(), 7);
        // Spring forward (29 March 2026) likewise.
        let spring = WeekSpan::containing(day("2026-03-29"), Weekday::Mon);
        assert_eq!((spring.end - spring.start).num_days(), 7);
        let mut this = rows(&week);
        this.conversations = vec![
            talk(1, 1, "2026-10-19 00:00", &[], None),
            talk(2, 1, "2026-10-25 02:30", &[], None),
            talk(3, 1, "2026-10-25 23:59", &[], None),
        ];
        // A conversation at midnight of the next Monday belongs to the next week.
        let mut next = rows(&week.next());
        next.conversations = vec![talk(4, 1, "2026-10-26 00:00", &[], None)];
        let summary = summarize(
            &WeekInput {
                week: &week.next(),
                this: &next,
                previous: &this,
                weekly: &[],
                reflections: &[],
                feedback: &[],
                cadence_kinds: CadenceKinds::default(),
            },
            day("2026-11-23"),
        );
        assert_eq!(summary.conversations.this_week, 1);
        assert_eq!(summary.conversations.previous_week, 3);
        assert_eq!(summary.conversations.change, -2);
    }

    #[test]
    fn due_met_not_seen_slipped_and_changes() {
        let week = WeekSpan::containing(day("2026-11-19"), Weekday::Mon); // 16–22 Nov
        let today = day("2026-11-25");
        let mut this = rows(&week);
        this.people = vec![
            // Last met 2 Nov, every 14 days: due 16 Nov, met this week.
            PersonBefore {
                person: person(1, "Priya", 14),
                last_before: Some(at("2026-11-02 10:00")),
            },
            // Never met: due at once, not met.
            PersonBefore {
                person: person(2, "Jo", 14),
                last_before: None,
            },
            // Last met 12 Nov, every 14 days: due 26 Nov, after the week. Others follow
            // her: a roving leader.
            PersonBefore {
                person: Person {
                    roving_leader: true,
                    ..person(3, "Ana", 14)
                },
                last_before: Some(at("2026-11-12 10:00")),
            },
            // Every 7 days, last met 9 Nov: due 16 Nov, not met.
            PersonBefore {
                person: person(4, "Tom", 7),
                last_before: Some(at("2026-11-09 10:00")),
            },
        ];
        this.conversations = vec![
            talk(
                1,
                1,
                "2026-11-17 10:00",
                &[Need::Competence, Need::Autonomy],
                Some(4),
            ),
            talk(2, 3, "2026-11-18 10:00", &[Need::Competence], Some(3)),
        ];
        this.follow_ups_due_undone = vec![
            follow_up(1, "2026-11-18", None), // slipped: still open
            follow_up(2, "2026-11-20", Some("2026-11-24")), // slipped: done after the week
        ];
        let mut previous = rows(&week.previous());
        previous.conversations = vec![talk(3, 2, "2026-11-10 10:00", &[Need::Fun], Some(5))];
        let weekly = [
            PersonWeekCount {
                person_id: 2,
                week: 10,
                conversations: 1,
                one_on_ones: 1,
                mood_total: 5,
                moods: 1,
            },
            PersonWeekCount {
                person_id: 1,
                week: 11,
                conversations: 1,
                one_on_ones: 1,
                mood_total: 4,
                moods: 1,
            },
            PersonWeekCount {
                person_id: 3,
                week: 11,
                conversations: 1,
                one_on_ones: 1,
                mood_total: 3,
                moods: 1,
            },
        ];
        let reflection = Reflection {
            id: 1,
            uuid: Uuid::nil(),
            week: "2026-W47".into(),
            went_well: "Asked Tom what he'd change".into(),
            do_differently: String::new(),
            notes: String::new(),
            balance: Balance {
                directing_serving: Some(4),
                ..Balance::default()
            },
            intention: String::new(),
        };
        let summary = summarize(
            &WeekInput {
                week: &week,
                this: &this,
                previous: &previous,
                weekly: &weekly,
                reflections: std::slice::from_ref(&reflection),
                feedback: &[],
                cadence_kinds: CadenceKinds::default(),
            },
            today,
        );
        assert_eq!(summary.due.this_week, 3);
        assert_eq!(summary.due_met.this_week, 1);
        let not_seen: Vec<&str> = summary
            .people_not_seen
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(not_seen, ["Jo", "Tom"]);
        assert_eq!(summary.people_met, Count::new(2, 1));
        assert_eq!(
            summary.needs[Need::Competence.index()].conversations.change,
            2
        );
        assert_eq!(summary.needs[Need::Fun.index()].conversations.change, -1);
        assert_eq!(summary.stance.leading, Count::new(2, 1));
        assert_eq!(summary.with_roving_leaders, Count::new(1, 0));
        assert_eq!(summary.mood.this_week, Some(3.5));
        assert_eq!(summary.mood.change, Some(-1.5));
        assert_eq!(summary.follow_ups_slipped.this_week, 2);
        assert_eq!(summary.slipped[0].id, 1);
        assert_eq!(
            summary.reflection.as_ref().map(|r| r.week.as_str()),
            Some("2026-W47")
        );
        assert_eq!(summary.mood_trend.len(), 12);
        assert_eq!(summary.mood_trend[11].value, Some(3.5));
        assert_eq!(summary.mood_trend[10].value, Some(5.0));
        assert_eq!(summary.mood_trend[0].value, None);
        assert_eq!(
            summary.balance_trend[11]
                .value
                .and_then(|b| b.directing_serving),
            Some(4)
        );
        assert!(
            summary.balance_trend[..11]
                .iter()
                .all(|p| p.value.is_none())
        );
    }

    #[test]
    fn recorded_stances_sit_on_the_self_checks_scale() {
        let counts = |leading, managing, both| StanceCounts {
            leading: Count::new(leading, 0),
            managing: Count::new(managing, 0),
            both: Count::new(both, 0),
            unnoted: Count::new(4, 0),
        };
        assert_eq!(counts(0, 0, 0).place(), None, "unnoted ones do not count");
        assert_eq!(counts(3, 0, 0).place(), Some(5.0));
        assert_eq!(counts(0, 2, 0).place(), Some(1.0));
        assert_eq!(counts(1, 1, 0).place(), Some(3.0));
        assert_eq!(counts(0, 0, 5).place(), Some(3.0));
        assert_eq!(counts(2, 1, 1).place(), Some(3.5));
    }

    #[test]
    fn follow_ups_due_later_this_week_have_not_slipped_yet() {
        let week = WeekSpan::containing(day("2026-11-18"), Weekday::Mon);
        let mut this = rows(&week);
        this.follow_ups_due_undone = vec![
            follow_up(1, "2026-11-17", None), // past due on Wednesday: slipped
            follow_up(2, "2026-11-20", None), // due Friday: not yet
        ];
        let previous = rows(&week.previous());
        let summary = summarize(
            &WeekInput {
                week: &week,
                this: &this,
                previous: &previous,
                weekly: &[],
                reflections: &[],
                feedback: &[],
                cadence_kinds: CadenceKinds::default(),
            },
            day("2026-11-18"),
        );
        assert!(summary.in_progress);
        assert_eq!(summary.follow_ups_slipped.this_week, 1);
        assert_eq!(summary.mood.this_week, None);
        assert_eq!(summary.mood.change, None);
    }

    #[test]
    fn an_empty_journal_gives_an_empty_week() {
        let week = WeekSpan::containing(day("2026-11-18"), Weekday::Mon);
        let (this, previous) = (rows(&week), rows(&week.previous()));
        let summary = summarize(
            &WeekInput {
                week: &week,
                this: &this,
                previous: &previous,
                weekly: &[],
                reflections: &[],
                feedback: &[],
                cadence_kinds: CadenceKinds::default(),
            },
            day("2026-11-18"),
        );
        assert_eq!(summary.conversations, Count::new(0, 0));
        assert_eq!(summary.due.this_week, 0);
        assert!(summary.people_not_seen.is_empty());
        assert_eq!(summary.needs.len(), 5);
        assert!(summary.reflection.is_none());
    }
}
