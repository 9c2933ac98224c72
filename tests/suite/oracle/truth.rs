//! What each fact must be, read straight from the journal's tables with plain SQL and the
//! rules of docs/insights.md, never through the code under test: the oracle's side of every
//! comparison.

use std::path::Path;

use chrono::{Datelike, Duration, Local, NaiveDate, TimeZone};
use rusqlite::types::ValueRef;

use crate::common;

/// The kinds a 1:1 is made of by default (the `cadence_kinds` setting).
pub const CADENCE_KINDS: [&str; 2] = ["one-on-one", "skip-level"];

/// How many days ahead Today's agenda looks, for 1:1s and follow-ups alike.
pub const AGENDA_DAYS: i64 = 2;

/// How many days ahead Today looks for moments to acknowledge (docs/insights.md).
pub const MOMENT_DAYS: i64 = 7;

/// A moment to acknowledge on the next day it falls, on or after today: a work
/// anniversary or a date noted for the person.
#[derive(Debug, Clone)]
pub struct MomentTruth {
    pub person: String,
    pub day: NaiveDate,
    /// "3 years here", "1 year here" or the noted label.
    pub what: String,
    anniversary: bool,
    /// A noted moment's day as stored and its id, which order two on the same day.
    noted: Option<(NaiveDate, i64)>,
}

impl MomentTruth {
    /// As the oracle compares it: "2026-11-26 3 years here".
    pub fn shown(&self) -> String {
        format!("{} {}", iso(self.day), self.what)
    }
}

/// The day `month`-`day` falls on in `year`; 29 February on the 28th without a leap year.
fn in_year(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day)
        .or_else(|| NaiveDate::from_ymd_opt(year, month, day - 1))
        .expect("a day of the year")
}

/// The first day on or after `today` a yearly date of `first` falls on.
fn next_yearly(first: NaiveDate, today: NaiveDate) -> NaiveDate {
    if first >= today {
        return first;
    }
    let this_year = in_year(today.year(), first.month(), first.day());
    if this_year >= today {
        this_year
    } else {
        in_year(today.year() + 1, first.month(), first.day())
    }
}

#[derive(Debug, Clone)]
pub struct PersonTruth {
    pub name: String,
    pub uuid: String,
    cadence_days: i64,
    started_on: Option<NaiveDate>,
    added_on: NaiveDate,
    pub pause: Option<(NaiveDate, NaiveDate)>,
    pub last_one_on_one: Option<NaiveDate>,
    pub last_talk: Option<NaiveDate>,
    first_talk: Option<NaiveDate>,
    /// The needs in C B A F S order.
    pub needs: [NeedTruth; 5],
    /// Their priority needs, by key.
    priorities: Vec<String>,
    /// Open follow-ups the leader owes, past due (before today).
    overdue_mine: u32,
    /// Exploring or active aspirations with no progress for more than 60 days.
    stalled_aspirations: u32,
    last_acknowledgement: Option<NaiveDate>,
    /// The days of their 1:1s (conversations of a cadence kind), oldest first.
    one_on_ones: Vec<NaiveDate>,
}

/// The needs in the order every surface lists them.
pub const NEEDS: [&str; 5] = ["competence", "belonging", "autonomy", "fun", "security"];

/// Defaults of config.toml the rules below read (docs/config.md).
const FRESH_CADENCES: i64 = 2;
const FADING_CADENCES: i64 = 4;
const FRESH_DAYS: (i64, i64) = (7, 60);
const FADING_DAYS: (i64, i64) = (21, 120);
const ONE_ON_ONE_GRACE_DAYS: i64 = 2;
const STALLED_ASPIRATION_DAYS: i64 = 60;

/// One need of one person, as stored.
#[derive(Debug, Clone, Default)]
pub struct NeedTruth {
    pub last_met: Option<NaiveDate>,
    /// Every concern raised after it was last met, oldest first: the day and what was said.
    pub open_concerns: Vec<(NaiveDate, String)>,
}

/// How fresh a need is (docs/insights.md, "How fresh a need is").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grade {
    Fresh,
    Fading,
    Missing,
    Never,
    Concern,
}

impl Grade {
    pub fn symbol(self) -> char {
        match self {
            Grade::Fresh => '●',
            Grade::Fading => '◐',
            Grade::Missing => '○',
            Grade::Never => '·',
            Grade::Concern => '!',
        }
    }

    /// The grade a need was last met at `last`, `cadence` days apart.
    fn of(last: Option<NaiveDate>, today: NaiveDate, cadence: i64) -> Grade {
        let Some(last) = last else {
            return Grade::Never;
        };
        let cadence = cadence.max(1);
        let fresh = (cadence * FRESH_CADENCES).clamp(FRESH_DAYS.0, FRESH_DAYS.1);
        let fading = (cadence * FADING_CADENCES)
            .clamp(FADING_DAYS.0, FADING_DAYS.1)
            .max(fresh + 1);
        let days = (today - last).num_days();
        if days <= fresh {
            Grade::Fresh
        } else if days <= fading {
            Grade::Fading
        } else {
            Grade::Missing
        }
    }

    /// What a need counts in the gap score: never met counts as `since_there` does.
    fn weight(self, since_there: Grade) -> u32 {
        match self {
            Grade::Fresh => 0,
            Grade::Fading => 1,
            Grade::Missing | Grade::Concern => 2,
            Grade::Never => since_there.weight(Grade::Missing),
        }
    }
}

/// One sign of a gap score, in the order a tie keeps (the needs C B A F S, the 1:1, the
/// follow-ups, the aspirations, the acknowledgement).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sign {
    Need(usize),
    OneOnOne,
    FollowUps,
    Aspirations,
    Acknowledgement,
}

impl Sign {
    /// The sign's name in the oracle's words.
    pub fn word(self) -> &'static str {
        match self {
            Sign::Need(i) => NEEDS[i],
            Sign::OneOnOne => "1:1",
            Sign::FollowUps => "follow-ups",
            Sign::Aspirations => "aspirations",
            Sign::Acknowledgement => "acknowledgement",
        }
    }
}

/// When someone's next 1:1 is due, in the rule's words (docs/insights.md, "Who is due").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    On(NaiveDate),
    Paused,
}

impl PersonTruth {
    pub fn next(&self, today: NaiveDate) -> Next {
        if let Some((from, until)) = self.pause
            && from <= today
            && today < until
        {
            return Next::Paused;
        }
        let mut due = match self.last_one_on_one {
            Some(last) => {
                let after = last + Duration::days(self.cadence_days);
                after.max(self.started_on.unwrap_or(after))
            }
            None => self
                .started_on
                .map_or(self.added_on, |s| s.max(self.added_on)),
        };
        if let Some((from, until)) = self.pause
            && from <= today
        {
            due = due.max(until);
        }
        Next::On(due)
    }

    /// Each need's grade: a concern open, else how long since it was met.
    pub fn grades(&self, today: NaiveDate) -> [Grade; 5] {
        std::array::from_fn(|i| {
            let need = &self.needs[i];
            if need.open_concerns.is_empty() {
                Grade::of(need.last_met, today, self.cadence_days)
            } else {
                Grade::Concern
            }
        })
    }

    /// The first day they were there: the later of added and started, or their first
    /// conversation when that came earlier.
    pub fn there_from(&self) -> NaiveDate {
        let there = self
            .started_on
            .map_or(self.added_on, |s| s.max(self.added_on));
        self.first_talk.map_or(there, |talk| talk.min(there))
    }

    /// Ranked in Gaps: neither away nor yet to start.
    fn ranked(&self, today: NaiveDate) -> bool {
        let away = self
            .pause
            .is_some_and(|(from, until)| from <= today && today < until);
        let not_started = self.started_on.is_some_and(|s| s > today);
        !away && !not_started
    }

    /// The gap score's signs with their points, most points first (ties in [`Sign`] order),
    /// only those that add something (docs/insights.md, "Gap score").
    pub fn score_reasons(&self, today: NaiveDate) -> Vec<(u32, Sign)> {
        if !self.ranked(today) {
            return Vec::new();
        }
        let since_there = Grade::of(Some(self.there_from()), today, self.cadence_days);
        let mut reasons = Vec::new();
        for (i, grade) in self.grades(today).into_iter().enumerate() {
            let factor = if self.priorities.iter().any(|p| p == NEEDS[i]) {
                2
            } else {
                1
            };
            reasons.push((factor * grade.weight(since_there), Sign::Need(i)));
        }
        if let Next::On(due) = self.next(today) {
            let late = (today - due).num_days();
            let points = match late {
                ..0 => 0,
                0..=ONE_ON_ONE_GRACE_DAYS => 1,
                _ => 3,
            };
            reasons.push((points, Sign::OneOnOne));
        }
        reasons.push((2 * self.overdue_mine.min(3), Sign::FollowUps));
        reasons.push((2 * self.stalled_aspirations.min(2), Sign::Aspirations));
        let acknowledged = Grade::of(self.last_acknowledgement, today, self.cadence_days);
        reasons.push((
            u32::from(matches!(acknowledged, Grade::Missing | Grade::Never)),
            Sign::Acknowledgement,
        ));
        reasons.retain(|(points, _)| *points > 0);
        reasons.sort_by_key(|(points, sign)| (std::cmp::Reverse(*points), *sign));
        reasons
    }

    /// The months of a trend or review asked from `since`, up to today's: from the month
    /// they were first there when that is later, each with its 1:1s held and the whole
    /// number expected (half up) over the days of the month they were there and not paused.
    pub fn held_of_expected(
        &self,
        since: NaiveDate,
        today: NaiveDate,
    ) -> Vec<(NaiveDate, usize, i64)> {
        let this_month = first_of_month(today);
        let since = self.there_from().max(since).min(today);
        let mut month = first_of_month(since);
        let mut months = Vec::new();
        while month <= this_month {
            let next = add_months(month, 1);
            let held = self
                .one_on_ones
                .iter()
                .filter(|d| **d >= month && **d < next)
                .count();
            months.push((month, held, self.expected(month, next, today)));
            month = next;
        }
        months
    }

    /// The 1:1s held in `start..end` and the whole number expected over it (half up).
    pub fn held_between(&self, start: NaiveDate, end: NaiveDate, today: NaiveDate) -> (usize, i64) {
        let held = self
            .one_on_ones
            .iter()
            .filter(|d| **d >= start && **d < end)
            .count();
        (held, self.expected(start, end, today))
    }

    fn expected(&self, start: NaiveDate, end: NaiveDate, today: NaiveDate) -> i64 {
        let end = end.min(today + Duration::days(1));
        let from = self.there_from().max(start);
        let mut days = (end - from).num_days().max(0);
        if let Some((a, b)) = self.pause {
            days -= (b.min(end) - a.max(from)).num_days().max(0);
        }
        let cadence = self.cadence_days.max(1);
        (2 * days + cadence) / (2 * cadence)
    }
}

pub fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("every month has a first")
}

/// The first of the month `count` months after (or before) `month`'s.
pub fn add_months(month: NaiveDate, count: i32) -> NaiveDate {
    let index = month.year() * 12 + month.month0() as i32 + count;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1)
        .expect("a month in range")
}

#[derive(Debug, Clone)]
pub struct FollowUpTruth {
    pub id: i64,
    pub person: String,
    pub text: String,
    pub due_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    /// Its person's pause (from, until), if they have one.
    pub pause: Option<(NaiveDate, NaiveDate)>,
}

impl FollowUpTruth {
    /// The due day counting the pause: one falling due while its person is away is due the
    /// day they are back (docs/insights.md, leave).
    pub fn due_counting_pause(&self) -> Option<NaiveDate> {
        let due = self.due_on?;
        Some(match self.pause {
            Some((from, until)) if from <= due && due < until => until,
            _ => due,
        })
    }

    /// True when it reads "paused": open, its person away today, and due (if at all) before
    /// they are back.
    pub fn paused_on(&self, today: NaiveDate) -> bool {
        self.done_on.is_none()
            && self.pause.is_some_and(|(from, until)| {
                from <= today && today < until && self.due_on.is_none_or(|due| due < until)
            })
    }

    /// Its state in the oracle's words: "done D", "paused", "due D" or "open".
    pub fn state(&self, today: NaiveDate) -> String {
        match (self.done_on, self.due_counting_pause()) {
            (Some(done), _) => format!("done {}", iso(done)),
            (None, _) if self.paused_on(today) => "paused".into(),
            (None, Some(due)) => format!("due {}", iso(due)),
            (None, None) => "open".into(),
        }
    }

    pub fn first_name(&self) -> &str {
        self.person
            .split_whitespace()
            .next()
            .unwrap_or(&self.person)
    }
}

/// A delegation as stored: whose, when handed over, and how a check found it.
#[derive(Debug, Clone)]
pub struct DelegationTruth {
    pub person: String,
    pub handed_on: NaiveDate,
    /// `stuck` or `came-back`, as stored.
    pub outcome: Option<String>,
    pub checked_on: Option<NaiveDate>,
}

/// Feedback to the leader as stored: whose, when, and the pair and pole it placed them on.
#[derive(Debug, Clone)]
pub struct FeedbackTruth {
    pub person: String,
    pub heard_on: NaiveDate,
    /// The pair's key (`directing_serving`) and `managing`, `leading` or `both`.
    pub pair: Option<String>,
    pub lean: Option<String>,
}

/// The self-check's eight pairs in the order every surface lists them: the key (the
/// reflection's column and the feedback's `pair`), the managing and the leading pole's word.
pub const PAIRS: [(&str, &str, &str); 8] = [
    ("systems_people", "systems", "people"),
    ("goals_purpose", "goals", "purpose"),
    ("control_commitment", "control", "commitment"),
    ("planning_opportunism", "planning", "opportunism"),
    ("doing_being", "doing", "being"),
    ("directing_serving", "directing", "serving"),
    ("reacting_initiating", "reacting", "initiating"),
    ("improving_breakthrough", "improving", "breakthroughs"),
];

/// The journal as the oracle knows it.
#[derive(Debug)]
pub struct Truth {
    pub today: NaiveDate,
    /// Active people, by name.
    pub people: Vec<PersonTruth>,
    /// Follow-ups of active people.
    pub follow_ups: Vec<FollowUpTruth>,
    /// This week (Monday on): 1:1s held and conversations of any kind.
    pub week_one_on_ones: usize,
    pub week_conversations: usize,
    /// This week's Monday.
    pub monday: NaiveDate,
    /// Every delegation, of active and archived people, oldest first.
    pub delegations: Vec<DelegationTruth>,
    /// Everything said about the leader's leading, of active and archived people.
    pub feedback: Vec<FeedbackTruth>,
    /// This week's self-check, by pair key: the ratings the week's reflection holds.
    pub week_ratings: Vec<(String, u8)>,
    /// Follow-ups of active people open at the end of this week: the leader's, the team's.
    pub open_at_week_end: (u32, u32),
    /// Every active person's moments on their next day, however far ahead.
    pub moments: Vec<MomentTruth>,
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(&text[..10], "%Y-%m-%d").expect("a stored day")
}

/// The local day of a stored stamp: seconds since the epoch, or RFC 3339 text.
fn stamp_day(value: ValueRef<'_>) -> NaiveDate {
    match value {
        ValueRef::Integer(seconds) => Local
            .timestamp_opt(seconds, 0)
            .single()
            .expect("a stamp in range")
            .date_naive(),
        ValueRef::Text(text) => {
            let text = std::str::from_utf8(text).expect("utf-8 stamp");
            chrono::DateTime::parse_from_rfc3339(text)
                .expect("an RFC 3339 stamp")
                .with_timezone(&Local)
                .date_naive()
        }
        other => panic!("a stamp is an integer or text, not {other:?}"),
    }
}

impl Truth {
    pub fn read(path: &Path, today: NaiveDate) -> Truth {
        let conn = common::connect(path);
        let kinds = CADENCE_KINDS.map(|k| format!("'{k}'")).join(", ");
        let mut people = Vec::new();
        {
            let mut stmt = conn
                .prepare(&format!(
                    "SELECT p.name, hex(p.uuid), p.cadence_days, p.started_on, p.created_at,
                        p.paused_from, p.paused_until,
                        (SELECT max(happened_at) FROM conversation c
                            WHERE c.person_id = p.id AND c.kind IN ({kinds})),
                        (SELECT max(happened_at) FROM conversation c WHERE c.person_id = p.id),
                        (SELECT min(happened_at) FROM conversation c WHERE c.person_id = p.id),
                        p.priority_needs, p.id,
                        (SELECT count(*) FROM follow_up f WHERE f.person_id = p.id
                            AND f.owner = 'me' AND f.done_on IS NULL AND f.due_on < ?1),
                        (SELECT max(given_at) FROM acknowledgement a WHERE a.person_id = p.id)
                     FROM person p WHERE p.archived = 0 ORDER BY p.name COLLATE NOCASE"
                ))
                .expect("the person query");
            let mut rows = stmt.query([iso(today)]).expect("people");
            while let Some(row) = rows.next().expect("a person row") {
                let text = |i: usize| row.get::<_, Option<String>>(i).expect("text");
                let pause = text(5).zip(text(6)).map(|(a, b)| (day(&a), day(&b)));
                let id: i64 = row.get(11).expect("id");
                people.push(PersonTruth {
                    name: row.get(0).expect("name"),
                    uuid: row.get::<_, String>(1).expect("uuid").to_lowercase(),
                    cadence_days: row.get(2).expect("cadence"),
                    started_on: text(3).map(|t| day(&t)),
                    added_on: stamp_day(row.get_ref(4).expect("created_at")),
                    pause,
                    last_one_on_one: text(7).map(|t| day(&t)),
                    last_talk: text(8).map(|t| day(&t)),
                    first_talk: text(9).map(|t| day(&t)),
                    needs: needs_of(&conn, id),
                    priorities: text(10)
                        .unwrap_or_default()
                        .split(',')
                        .map(|w| w.trim().to_string())
                        .filter(|w| !w.is_empty())
                        .collect(),
                    overdue_mine: row.get(12).expect("overdue"),
                    stalled_aspirations: stalled_aspirations(&conn, id, today),
                    last_acknowledgement: text(13).map(|t| day(&t)),
                    one_on_ones: days_of(
                        &conn,
                        &format!(
                            "SELECT happened_at FROM conversation
                             WHERE person_id = {id} AND kind IN ({kinds}) ORDER BY happened_at"
                        ),
                    ),
                });
            }
        }
        let mut follow_ups = Vec::new();
        {
            let mut stmt = conn
                .prepare(
                    "SELECT f.id, p.name, f.text, f.due_on, f.done_on, p.paused_from, p.paused_until
                     FROM follow_up f JOIN person p ON p.id = f.person_id
                     WHERE p.archived = 0 ORDER BY f.id",
                )
                .expect("the follow-up query");
            let mut rows = stmt.query([]).expect("follow-ups");
            while let Some(row) = rows.next().expect("a follow-up row") {
                let text = |i: usize| row.get::<_, Option<String>>(i).expect("text");
                follow_ups.push(FollowUpTruth {
                    id: row.get(0).expect("id"),
                    person: row.get(1).expect("name"),
                    text: row.get(2).expect("text"),
                    due_on: text(3).map(|t| day(&t)),
                    done_on: text(4).map(|t| day(&t)),
                    pause: text(5).zip(text(6)).map(|(a, b)| (day(&a), day(&b))),
                });
            }
        }
        let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let (start, end) = (monday, monday + Duration::days(7));
        let count = |only_one_on_ones: bool| -> usize {
            let kind = if only_one_on_ones {
                format!("AND c.kind IN ({kinds})")
            } else {
                String::new()
            };
            let n: i64 = conn
                .query_row(
                    &format!(
                        "SELECT count(*) FROM conversation c JOIN person p ON p.id = c.person_id
                         WHERE c.happened_at >= ?1 AND c.happened_at < ?2 {kind}"
                    ),
                    [start.to_string(), end.to_string()],
                    |row| row.get(0),
                )
                .expect("a count");
            usize::try_from(n).unwrap_or(0)
        };
        let mut delegations = Vec::new();
        {
            let mut stmt = conn
                .prepare(
                    "SELECT p.name, d.handed_on, d.outcome, d.checked_on
                     FROM delegation d JOIN person p ON p.id = d.person_id
                     ORDER BY d.handed_on, d.id",
                )
                .expect("the delegation query");
            let mut rows = stmt.query([]).expect("delegations");
            while let Some(row) = rows.next().expect("a delegation row") {
                let text = |i: usize| row.get::<_, Option<String>>(i).expect("text");
                delegations.push(DelegationTruth {
                    person: row.get(0).expect("name"),
                    handed_on: day(&row.get::<_, String>(1).expect("a day")),
                    outcome: text(2),
                    checked_on: text(3).map(|t| day(&t)),
                });
            }
        }
        let mut feedback = Vec::new();
        {
            let mut stmt = conn
                .prepare(
                    "SELECT p.name, f.heard_on, f.pair, f.lean
                     FROM feedback f JOIN person p ON p.id = f.person_id ORDER BY f.id",
                )
                .expect("the feedback query");
            let mut rows = stmt.query([]).expect("feedback");
            while let Some(row) = rows.next().expect("a feedback row") {
                let text = |i: usize| row.get::<_, Option<String>>(i).expect("text");
                feedback.push(FeedbackTruth {
                    person: row.get(0).expect("name"),
                    heard_on: day(&row.get::<_, String>(1).expect("a day")),
                    pair: text(2),
                    lean: text(3),
                });
            }
        }
        let week_label = monday.format("%G-W%V").to_string();
        let week_ratings = PAIRS
            .iter()
            .filter_map(|(key, ..)| {
                let rating: Option<i64> = conn
                    .query_row(
                        &format!("SELECT {key} FROM reflection WHERE week = ?1"),
                        [&week_label],
                        |row| row.get(0),
                    )
                    .ok()
                    .flatten();
                Some((key.to_string(), u8::try_from(rating?).ok()?))
            })
            .collect();
        let last_day = iso(end - Duration::days(1));
        let open = |owner: &str| -> u32 {
            conn.query_row(
                "SELECT count(*) FROM follow_up f JOIN person p ON p.id = f.person_id
                 WHERE p.archived = 0 AND f.owner = ?1 AND f.made_on <= ?2
                   AND (f.done_on IS NULL OR f.done_on > ?2)",
                [owner, last_day.as_str()],
                |row| row.get(0),
            )
            .expect("an open count")
        };
        let mut moments = Vec::new();
        for p in &people {
            // A work anniversary: whole years since a start date before today, from one.
            if let Some(started) = p.started_on.filter(|s| *s < today) {
                let day = next_yearly(started, today);
                let years = day.year() - started.year();
                if years >= 1 {
                    moments.push(MomentTruth {
                        person: p.name.clone(),
                        day,
                        what: if years == 1 {
                            "1 year here".into()
                        } else {
                            format!("{years} years here")
                        },
                        anniversary: true,
                        noted: None,
                    });
                }
            }
        }
        {
            let mut stmt = conn
                .prepare(
                    "SELECT p.name, m.falls_on, m.label, m.yearly, m.id
                     FROM moment m JOIN person p ON p.id = m.person_id WHERE p.archived = 0",
                )
                .expect("the moment query");
            let mut rows = stmt.query([]).expect("moments");
            while let Some(row) = rows.next().expect("a moment row") {
                let falls_on = day(&row.get::<_, String>(1).expect("falls_on"));
                let yearly: bool = row.get(3).expect("yearly");
                let next = if yearly {
                    Some(next_yearly(falls_on, today))
                } else {
                    (falls_on >= today).then_some(falls_on)
                };
                if let Some(next) = next {
                    moments.push(MomentTruth {
                        person: row.get(0).expect("name"),
                        day: next,
                        what: row.get(2).expect("label"),
                        anniversary: false,
                        noted: Some((falls_on, row.get(4).expect("id"))),
                    });
                }
            }
        }
        moments.sort_by_key(|m| (m.day, !m.anniversary, m.noted));
        Truth {
            today,
            people,
            follow_ups,
            week_one_on_ones: count(true),
            week_conversations: count(false),
            monday,
            delegations,
            feedback,
            week_ratings,
            open_at_week_end: (open("me"), open("them")),
            moments,
        }
    }

    /// A person's moments within `days` of today, soonest first (an anniversary before a
    /// noted moment of the same day).
    pub fn moments_within<'a>(
        &'a self,
        person: &'a PersonTruth,
        days: i64,
    ) -> Vec<&'a MomentTruth> {
        let until = self.today + Duration::days(days);
        self.moments
            .iter()
            .filter(|m| m.person == person.name && m.day <= until)
            .collect()
    }

    /// The moment prep shows: the person's first within their cadence, and never fewer
    /// days than Today looks ahead.
    pub fn prep_moment<'a>(&'a self, person: &'a PersonTruth) -> Option<&'a MomentTruth> {
        self.moments_within(person, person.cadence_days.max(MOMENT_DAYS))
            .into_iter()
            .next()
    }

    /// Who Today lists as due for a 1:1: not paused, due within the agenda's days.
    pub fn due_on_agenda(&self) -> Vec<&PersonTruth> {
        let until = self.today + Duration::days(AGENDA_DAYS);
        self.people
            .iter()
            .filter(|p| matches!(p.next(self.today), Next::On(on) if on <= until))
            .collect()
    }

    /// The follow-ups Today lists: open, dated, due within the agenda's days (counting a
    /// pause), and those that read "paused".
    pub fn follow_ups_on_agenda(&self) -> Vec<&FollowUpTruth> {
        let until = self.today + Duration::days(AGENDA_DAYS);
        self.follow_ups
            .iter()
            .filter(|f| {
                f.done_on.is_none()
                    && (f.paused_on(self.today)
                        || f.due_counting_pause().is_some_and(|due| due <= until))
            })
            .collect()
    }
}

/// The days a query's first column holds, in its order.
fn days_of(conn: &rusqlite::Connection, sql: &str) -> Vec<NaiveDate> {
    let mut stmt = conn.prepare(sql).expect("a query of days");
    stmt.query_map([], |row| row.get::<_, String>(0))
        .expect("days")
        .map(|text| day(&text.expect("a day")))
        .collect()
}

/// Each need of a person: when a conversation last met it, and the concerns raised since.
fn needs_of(conn: &rusqlite::Connection, person: i64) -> [NeedTruth; 5] {
    NEEDS.map(|need| {
        let last_met = conn
            .query_row(
                "SELECT max(c.happened_at) FROM conversation_need n
                 JOIN conversation c ON c.id = n.conversation_id
                 WHERE c.person_id = ?1 AND n.need = ?2 AND n.state = 'met'",
                rusqlite::params![person, need],
                |row| row.get::<_, Option<String>>(0),
            )
            .expect("last met");
        let mut stmt = conn
            .prepare(
                "SELECT c.happened_at, n.how FROM conversation_need n
                 JOIN conversation c ON c.id = n.conversation_id
                 WHERE c.person_id = ?1 AND n.need = ?2 AND n.state = 'concern'
                   AND c.happened_at > coalesce(?3, '')
                 ORDER BY c.happened_at",
            )
            .expect("the concern query");
        let open_concerns = stmt
            .query_map(rusqlite::params![person, need, last_met], |row| {
                Ok((day(&row.get::<_, String>(0)?), row.get::<_, String>(1)?))
            })
            .expect("concerns")
            .map(|c| c.expect("a concern"))
            .collect();
        NeedTruth {
            last_met: last_met.map(|t| day(&t)),
            open_concerns,
        }
    })
}

/// Exploring or active aspirations whose last progress (added, or the last update) is more
/// than the stalled days ago.
fn stalled_aspirations(conn: &rusqlite::Connection, person: i64, today: NaiveDate) -> u32 {
    let mut stmt = conn
        .prepare(
            "SELECT a.created_at, (SELECT max(u.noted_on) FROM aspiration_update u
                                   WHERE u.aspiration_id = a.id)
             FROM aspiration a WHERE a.person_id = ?1 AND a.status IN ('exploring', 'active')",
        )
        .expect("the aspiration query");
    let mut rows = stmt.query([person]).expect("aspirations");
    let mut stalled = 0;
    while let Some(row) = rows.next().expect("an aspiration") {
        let added = stamp_day(row.get_ref(0).expect("created_at"));
        let progress = row
            .get::<_, Option<String>>(1)
            .expect("noted_on")
            .map_or(added, |t| day(&t).max(added));
        if (today - progress).num_days() > STALLED_ASPIRATION_DAYS {
            stalled += 1;
        }
    }
    stalled
}

/// A date as every comparison writes it.
pub fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A stored time (`2026-11-20T14:30:00` in JSON) as its day.
pub fn json_day(value: &serde_json::Value) -> Option<NaiveDate> {
    value.as_str().map(day)
}
