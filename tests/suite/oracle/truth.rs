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
                        (SELECT max(happened_at) FROM conversation c WHERE c.person_id = p.id)
                     FROM person p WHERE p.archived = 0 ORDER BY p.name COLLATE NOCASE"
                ))
                .expect("the person query");
            let mut rows = stmt.query([]).expect("people");
            while let Some(row) = rows.next().expect("a person row") {
                let text = |i: usize| row.get::<_, Option<String>>(i).expect("text");
                let pause = text(5).zip(text(6)).map(|(a, b)| (day(&a), day(&b)));
                people.push(PersonTruth {
                    name: row.get(0).expect("name"),
                    uuid: row.get::<_, String>(1).expect("uuid").to_lowercase(),
                    cadence_days: row.get(2).expect("cadence"),
                    started_on: text(3).map(|t| day(&t)),
                    added_on: stamp_day(row.get_ref(4).expect("created_at")),
                    pause,
                    last_one_on_one: text(7).map(|t| day(&t)),
                    last_talk: text(8).map(|t| day(&t)),
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
        Truth {
            today,
            people,
            follow_ups,
            week_one_on_ones: count(true),
            week_conversations: count(false),
        }
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

/// A date as every comparison writes it.
pub fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// A stored time (`2026-11-20T14:30:00` in JSON) as its day.
pub fn json_day(value: &serde_json::Value) -> Option<NaiveDate> {
    value.as_str().map(day)
}
