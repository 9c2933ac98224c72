//! Everything that happened, newest first, one page at a time.
//!
//! Each kind of event (conversations, follow-ups made and done, aspiration updates,
//! acknowledgements, ideas heard and answered, reflections) is read by its own query that
//! walks an index from the cursor backwards and stops after a page; the pages are merged
//! here. The cost of a page is the page size times the number of kinds, never the history.

use crate::domain::{NeedState, PersonRef};
use uuid::Uuid;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use rusqlite::{Statement, ToSql, params};
use serde::Serialize;

use super::rows::{self, fmt_date};
use super::{Result, Store};
use crate::domain::{
    AspirationStatus, ConversationKind, FilterWords, IdeaStatus, Mood, Need, Owner, Person, Stance,
    iso_week_label, parse_iso_week,
};

/// What an event is. The order here is also the order of events that share a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Conversation,
    FollowUpMade,
    FollowUpDone,
    AspirationUpdate,
    Acknowledgement,
    IdeaHeard,
    IdeaAnswered,
    Reflection,
}

/// One line of the timeline. Fields that do not apply to the kind are `None` or empty (and
/// left out of JSON).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelineEvent {
    pub kind: EventKind,
    /// The row's id in its own table (conversation, follow-up, idea…).
    pub id: i64,
    /// Local wall time; midnight for events the journal keeps as a date only.
    pub at: NaiveDateTime,
    /// True when only the day is known (follow-ups, aspiration updates, ideas, reflections).
    pub all_day: bool,
    /// The row's UUID, the same on every device.
    pub uuid: Uuid,
    /// Whose it is; `None` for reflections.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<PersonRef>,
    /// The conversation this event belongs to (a conversation's own id for conversations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<i64>,
    /// The summary, the follow-up, the note, the acknowledgement, the idea or the first
    /// non-empty part of a reflection.
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conversation_kind: Option<ConversationKind>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mood: Option<Mood>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stance: Option<Stance>,
    /// Needs met.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<Need>,
    /// Needs raised as a concern.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub concerns: Vec<Need>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
    /// The aspiration's title, for aspiration updates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aspiration: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aspiration_status: Option<AspirationStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub idea_status: Option<IdeaStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// The ISO week a reflection is about, e.g. `2026-W47`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub week: Option<String>,
    /// The stored time text the page order is built on ("YYYY-MM-DD[ HH:MM]").
    #[serde(skip)]
    key: String,
}

impl TimelineEvent {
    /// Where the next page starts: strictly after this event.
    pub fn cursor(&self) -> TimelineCursor {
        TimelineCursor {
            at: self.key.clone(),
            kind: self.kind,
            id: self.id,
        }
    }

    /// An event of `kind` with nothing but where it stands (`key` its place in the order):
    /// what each kind fills in starts from here.
    fn bare(kind: EventKind, id: i64, at: NaiveDateTime, all_day: bool, key: String) -> Self {
        TimelineEvent {
            kind,
            id,
            at,
            all_day,
            uuid: Uuid::nil(),
            person: None,
            conversation_id: None,
            text: String::new(),
            conversation_kind: None,
            mood: None,
            stance: None,
            needs: Vec::new(),
            concerns: Vec::new(),
            tags: Vec::new(),
            owner: None,
            due_on: None,
            aspiration: None,
            aspiration_status: None,
            idea_status: None,
            answer: None,
            week: None,
            key,
        }
    }

    /// A bare conversation event, for the tests of the insights built on pages.
    #[cfg(test)]
    pub(crate) fn for_tests(id: i64, at: NaiveDateTime) -> TimelineEvent {
        TimelineEvent {
            person: Some(PersonRef {
                id: 1,
                uuid: Uuid::nil(),
                name: "Priya".into(),
            }),
            conversation_id: Some(id),
            conversation_kind: Some(ConversationKind::OneOnOne),
            ..TimelineEvent::bare(
                EventKind::Conversation,
                id,
                at,
                false,
                at.format(crate::domain::WHEN_FORMAT).to_string(),
            )
        }
    }

    fn order(a: &TimelineEvent, b: &TimelineEvent) -> std::cmp::Ordering {
        b.key
            .cmp(&a.key)
            .then(a.kind.cmp(&b.kind))
            .then(b.id.cmp(&a.id))
    }
}

/// A position in the timeline, taken from the last event of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineCursor {
    at: String,
    kind: EventKind,
    id: i64,
}

/// Which events a timeline shows. A need, a tag or a conversation kind shows conversations
/// only; a person leaves out reflections (they belong to no one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineFilter {
    pub person_id: Option<i64>,
    pub need: Option<Need>,
    pub tag: Option<String>,
    pub kind: Option<ConversationKind>,
    /// First day shown (inclusive).
    pub since: Option<NaiveDate>,
    /// Last day shown (inclusive).
    pub until: Option<NaiveDate>,
}

impl TimelineFilter {
    pub(crate) fn conversations_only(&self) -> bool {
        self.need.is_some() || self.tag.is_some() || self.kind.is_some()
    }

    fn shows(&self, kind: EventKind) -> bool {
        match kind {
            EventKind::Conversation => true,
            EventKind::Reflection => !self.conversations_only() && self.person_id.is_none(),
            _ => !self.conversations_only(),
        }
    }
}

/// One page of the timeline, newest first, and where the next one starts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimelinePage {
    pub events: Vec<TimelineEvent>,
    /// `None` when this page reaches the beginning of the journal.
    #[serde(skip)]
    pub next: Option<TimelineCursor>,
}

impl TimelinePage {
    pub fn has_more(&self) -> bool {
        self.next.is_some()
    }
}

/// How many conversations a person had in one week of a range, with their moods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) struct PersonWeekCount {
    pub person_id: i64,
    /// 0 for the week starting on the range's first day, 1 for the next…
    pub week: u32,
    pub conversations: u32,
    /// Of those, conversations of a kind that keeps the 1:1 rhythm.
    pub one_on_ones: u32,
    /// The sum and number of the moods noted, for averages.
    pub mood_total: u32,
    pub moods: u32,
}

/// The table-specific parts of one kind's query; the shape of the result is shared.
struct Arm {
    kind: EventKind,
    /// Exactly the columns of [`event_from`], in its order.
    columns: &'static str,
    from: &'static str,
    /// The indexed time column the page walks backwards along.
    at: &'static str,
    id: &'static str,
    person: &'static str,
    /// Always-true conditions that let SQLite use a partial index.
    extra: &'static str,
}

const ARMS: [Arm; 7] = [
    Arm {
        kind: EventKind::Conversation,
        columns:
            "c.id, c.happened_at, c.person_id, p.name, c.id, c.summary, c.kind, c.mood, c.stance,
                  NULL, NULL, NULL, NULL, NULL, NULL, c.uuid, p.uuid,
                  (SELECT group_concat(n.need || ' ' || n.state) FROM conversation_need n
                    WHERE n.conversation_id = c.id),
                  (SELECT json_group_array(tt.tag) FROM conversation_tag tt
                    WHERE tt.conversation_id = c.id)",
        from: "conversation c JOIN person p ON p.id = c.person_id",
        at: "c.happened_at",
        id: "c.id",
        person: "c.person_id",
        extra: "",
    },
    Arm {
        kind: EventKind::FollowUpMade,
        columns:
            "f.id, f.made_on, f.person_id, p.name, f.conversation_id, f.text, NULL, NULL, NULL,
                  f.owner, f.due_on, NULL, NULL, NULL, NULL, f.uuid, p.uuid, NULL, NULL",
        from: "follow_up f JOIN person p ON p.id = f.person_id",
        at: "f.made_on",
        id: "f.id",
        person: "f.person_id",
        extra: "",
    },
    Arm {
        kind: EventKind::FollowUpDone,
        columns:
            "f.id, f.done_on, f.person_id, p.name, f.conversation_id, f.text, NULL, NULL, NULL,
                  f.owner, f.due_on, NULL, NULL, NULL, NULL, f.uuid, p.uuid, NULL, NULL",
        from: "follow_up f JOIN person p ON p.id = f.person_id",
        at: "f.done_on",
        id: "f.id",
        person: "f.person_id",
        extra: "AND f.done_on IS NOT NULL",
    },
    Arm {
        kind: EventKind::AspirationUpdate,
        columns:
            "u.id, u.noted_on, a.person_id, p.name, u.conversation_id, u.note, NULL, NULL, NULL,
                  NULL, NULL, a.title, u.status, NULL, NULL, u.uuid, p.uuid, NULL, NULL",
        from: "aspiration_update u JOIN aspiration a ON a.id = u.aspiration_id
               JOIN person p ON p.id = a.person_id",
        at: "u.noted_on",
        id: "u.id",
        person: "a.person_id",
        extra: "",
    },
    Arm {
        kind: EventKind::Acknowledgement,
        columns:
            "k.id, k.given_at, k.person_id, p.name, k.conversation_id, k.text, NULL, NULL, NULL,
                  NULL, NULL, NULL, NULL, NULL, NULL, k.uuid, p.uuid, NULL, NULL",
        from: "acknowledgement k JOIN person p ON p.id = k.person_id",
        at: "k.given_at",
        id: "k.id",
        person: "k.person_id",
        extra: "",
    },
    Arm {
        kind: EventKind::IdeaHeard,
        columns:
            "i.id, i.heard_on, i.person_id, p.name, i.conversation_id, i.text, NULL, NULL, NULL,
                  NULL, NULL, NULL, NULL, i.status, NULL, i.uuid, p.uuid, NULL, NULL",
        from: "idea i JOIN person p ON p.id = i.person_id",
        at: "i.heard_on",
        id: "i.id",
        person: "i.person_id",
        extra: "",
    },
    Arm {
        kind: EventKind::IdeaAnswered,
        columns:
            "i.id, i.answered_on, i.person_id, p.name, i.conversation_id, i.text, NULL, NULL, NULL,
                  NULL, NULL, NULL, NULL, i.status, i.answer, i.uuid, p.uuid, NULL, NULL",
        from: "idea i JOIN person p ON p.id = i.person_id",
        at: "i.answered_on",
        id: "i.id",
        person: "i.person_id",
        extra: "AND i.answered_on IS NOT NULL",
    },
];

/// The SQL of one arm for a filter. Filters are written into the text only when set, so
/// that SQLite picks the index that fits (a `?x IS NULL OR …` term would defeat it).
/// `by_tag` walks the tag's conversations rather than everyone's back in time (see
/// [`Store::walk_by_tag`]).
fn arm_sql(arm: &Arm, filter: &TimelineFilter, by_tag: bool) -> String {
    let Arm {
        columns,
        from,
        at,
        id,
        person,
        extra,
        ..
    } = arm;
    let by_tag = by_tag && arm.kind == EventKind::Conversation && filter.tag.is_some();
    // CROSS JOIN keeps the tag's rows outermost (from `conversation_by_tag`): each
    // finds its conversation by id.
    let from = if by_tag {
        "conversation_tag t CROSS JOIN conversation c JOIN person p ON p.id = c.person_id"
    } else {
        from
    };
    let mut sql = format!(
        "SELECT {columns} FROM {from}
         WHERE {at} <= :at AND ({at} < :at OR {id} < :bound) {extra}"
    );
    if by_tag {
        sql.push_str(" AND t.tag = :tag AND c.id = t.conversation_id");
    }
    if filter.person_id.is_some() {
        sql.push_str(&format!(" AND {person} = :person"));
    }
    if filter.since.is_some() {
        sql.push_str(&format!(" AND {at} >= :since"));
    }
    if arm.kind == EventKind::Conversation {
        if filter.kind.is_some() {
            sql.push_str(" AND c.kind = :kind");
        }
        if filter.need.is_some() {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM conversation_need n
                              WHERE n.conversation_id = c.id AND n.need = :need)",
            );
        }
        if filter.tag.is_some() && !by_tag {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM conversation_tag t
                              WHERE t.conversation_id = c.id AND t.tag = :tag)",
            );
        }
    }
    sql.push_str(&format!(" ORDER BY {at} DESC, {id} DESC LIMIT :limit"));
    sql
}

/// Reflections are kept by ISO week label; their place in time is the Sunday that ends the
/// week. Since labels sort like the weeks they name, the unique index on `week` serves as
/// the time index: a reflection's Sunday is before day D exactly when its week is before D's.
const REFLECTION_SQL: &str =
    "SELECT id, week, went_well, do_differently, notes, uuid FROM reflection
     WHERE week <= :week AND (week < :week OR id < :bound)
       AND week >= :since_week AND week <= :until_week
     ORDER BY week DESC LIMIT :limit";

/// Binds `value` to `name` if the statement uses that parameter.
fn bind(stmt: &mut Statement<'_>, name: &str, value: &dyn ToSql) -> Result<()> {
    if let Some(index) = stmt.parameter_index(name)? {
        stmt.raw_bind_parameter(index, value)?;
    }
    Ok(())
}

/// The id bound for one kind: the events at exactly the cursor's time that come after it.
/// Kinds ordered before the cursor's have none left at that time, kinds after it all.
fn id_bound(kind: EventKind, cursor: Option<&TimelineCursor>) -> i64 {
    match cursor {
        None => i64::MAX,
        Some(c) if kind == c.kind => c.id,
        Some(c) if kind > c.kind => i64::MAX,
        Some(_) => 0,
    }
}

/// "2026-11-19" or "2026-11-19 14:30" as a time; dates stand at midnight.
fn parse_key(text: &str) -> rusqlite::Result<(NaiveDateTime, bool)> {
    let bad = |e: chrono::ParseError| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
    };
    // Read digit by digit, as every stored time is (10,000 of them for a large page).
    if text.len() == 10 {
        let day = rows::parse_date(text).map_err(bad)?;
        Ok((day.and_time(NaiveTime::MIN), true))
    } else {
        Ok((rows::parse_when(text).map_err(bad)?, false))
    }
}

/// A word of the fixed vocabulary that the journal holds wrongly, as rusqlite reports it.
fn bad_word(column: usize, word: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("not a word Rapport knows: {word:?}").into(),
    )
}

fn event_from(kind: EventKind, row: &rusqlite::Row<'_>) -> rusqlite::Result<TimelineEvent> {
    let key: String = row.get(1)?;
    let (mut needs, mut concerns) = (Vec::new(), Vec::new());
    if let Some(list) = row.get_ref(17)?.as_str_or_null()? {
        for pair in list.split(',') {
            let (need, state) = pair.split_once(' ').unwrap_or((pair, ""));
            let need = need.parse().map_err(|_| bad_word(17, need))?;
            match state.parse().map_err(|_| bad_word(17, state))? {
                NeedState::Met => needs.push(need),
                NeedState::Concern => concerns.push(need),
            }
        }
        needs.sort();
        concerns.sort();
    }
    let mut tags: Vec<String> = match row.get_ref(18)?.as_str_or_null()? {
        Some(list) => serde_json::from_str(list).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(18, rusqlite::types::Type::Text, e.into())
        })?,
        None => Vec::new(),
    };
    tags.sort();
    let (at, all_day) = parse_key(&key)?;
    let (aspiration_status, idea_status) = match kind {
        EventKind::AspirationUpdate => (rows::opt_word(row, 12)?, None),
        EventKind::IdeaHeard | EventKind::IdeaAnswered => (None, rows::opt_word(row, 13)?),
        _ => (None, None),
    };
    Ok(TimelineEvent {
        kind,
        id: row.get(0)?,
        at,
        all_day,
        uuid: rows::uuid(row, 15)?,
        person: Some(PersonRef {
            id: row.get(2)?,
            uuid: rows::uuid(row, 16)?,
            name: row.get(3)?,
        }),
        conversation_id: row.get(4)?,
        text: row.get(5)?,
        conversation_kind: rows::opt_word(row, 6)?,
        mood: row.get::<_, Option<i64>>(7)?.and_then(Mood::new),
        stance: rows::opt_word(row, 8)?,
        needs,
        concerns,
        tags,
        owner: rows::opt_word(row, 9)?,
        due_on: rows::opt_date(row, 10)?,
        aspiration: row.get(11)?,
        aspiration_status,
        idea_status,
        answer: row.get(14)?,
        week: None,
        key,
    })
}

impl Store {
    /// The filter `words` ask for, with the person they name found among everyone
    /// (archived people too: their history stays readable).
    pub(crate) fn timeline_filter(
        &self,
        words: &FilterWords,
    ) -> Result<(TimelineFilter, Option<Person>)> {
        let person = words
            .person
            .as_deref()
            .map(|name| self.resolve_person(name, true))
            .transpose()?;
        let filter = TimelineFilter {
            person_id: person.as_ref().map(|p| p.id),
            need: words.need,
            tag: words.tag.clone(),
            kind: words.kind,
            since: words.since,
            until: words.until,
        };
        Ok((filter, person))
    }

    /// A page of the timeline: at most `limit` events strictly after `before` (from the
    /// newest when `None`), newest first; events at the same minute by kind, then newest id.
    pub fn timeline(
        &self,
        filter: &TimelineFilter,
        before: Option<&TimelineCursor>,
        limit: usize,
    ) -> Result<TimelinePage> {
        let limit = limit.max(1);
        // One more than asked tells whether another page exists.
        let fetch = i64::try_from(limit).unwrap_or(i64::MAX).saturating_add(1);
        // The last day shown is folded into the cursor, so each index walk has one upper
        // bound and starts at the right place (two bounds leave SQLite to pick one, and the
        // wrong one walks years of rows). Everything before the next day's start is kept.
        let until = filter
            .until
            .map(|d| fmt_date(d.checked_add_signed(Duration::days(1)).unwrap_or(d)));
        let (at, before) = match (until, before) {
            (Some(until), Some(c)) if until > c.at => (c.at.clone(), Some(c)),
            (Some(until), _) => (until, None::<&TimelineCursor>),
            (None, Some(c)) => (c.at.clone(), Some(c)),
            (None, None) => ("9999".to_string(), None),
        };
        let folded = filter.until.is_some() && before.is_none();
        let since = filter.since.map(fmt_date);
        let need = filter.need.map(|n| n.key());
        let kind = filter.kind.map(|k| k.key());
        let by_tag = self.walk_by_tag(filter, fetch)?;
        let mut events = Vec::new();
        for arm in ARMS.iter().filter(|arm| filter.shows(arm.kind)) {
            let mut stmt = self.conn.prepare_cached(&arm_sql(arm, filter, by_tag))?;
            bind(&mut stmt, ":at", &at)?;
            let bound = if folded {
                0
            } else {
                id_bound(arm.kind, before)
            };
            bind(&mut stmt, ":bound", &bound)?;
            bind(&mut stmt, ":person", &filter.person_id)?;
            bind(&mut stmt, ":since", &since)?;
            bind(&mut stmt, ":kind", &kind)?;
            bind(&mut stmt, ":need", &need)?;
            bind(&mut stmt, ":tag", &filter.tag)?;
            bind(&mut stmt, ":limit", &fetch)?;
            let mut found = stmt.raw_query();
            while let Some(row) = found.next()? {
                events.push(event_from(arm.kind, row)?);
            }
        }
        if filter.shows(EventKind::Reflection) {
            self.reflection_events(filter, before, fetch, &mut events)?;
        }
        events.sort_by(TimelineEvent::order);
        let more = events.len() > limit;
        events.truncate(limit);
        let next = if more {
            events.last().map(TimelineEvent::cursor)
        } else {
            None
        };
        Ok(TimelinePage { events, next })
    }

    /// Whether a page filtered by a tag is cheaper found through the tag's own rows (each
    /// conversation looked up by id, then all sorted by time) than by walking everyone's
    /// conversations back in time until `fetch` of them carry it. The walk visits about
    /// `fetch × all / tagged` conversations, mostly neighbours in the file; the tag's rows
    /// are `tagged` lookups scattered over it, about four times the cost each (measured on
    /// the ten-year journal: a tag on a fifth of the conversations, 10,000 of them, 35 ms
    /// walked and 130 ms looked up). So the tag's rows win when `4 × tagged² ≤ fetch × all`:
    /// a rare tag walked by time read the whole history for a handful of rows (0.17 s).
    /// The tag's uses are counted only up to where the answer is known. Someone's own
    /// timeline walks their conversations alone, which are few enough either way.
    fn walk_by_tag(&self, filter: &TimelineFilter, fetch: i64) -> Result<bool> {
        let Some(tag) = filter.tag.as_deref() else {
            return Ok(false);
        };
        if filter.person_id.is_some() {
            return Ok(false);
        }
        // Ids are never reused, so the highest is close to how many there are, and free.
        let all: i64 = self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM conversation")?
            .query_row([], |row| row.get(0))?;
        let most = (fetch.saturating_mul(all) / 4).isqrt();
        let tagged: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM
                   (SELECT 1 FROM conversation_tag WHERE tag = ?1 LIMIT ?2 + 1)",
            )?
            .query_row(rusqlite::params![tag, most], |row| row.get(0))?;
        Ok(tagged <= most)
    }

    fn reflection_events(
        &self,
        filter: &TimelineFilter,
        before: Option<&TimelineCursor>,
        fetch: i64,
        events: &mut Vec<TimelineEvent>,
    ) -> Result<()> {
        // The week of the cursor's day, and whether that week's own reflection (placed on
        // its Sunday) still comes after the cursor.
        let (week, bound) = match before.and_then(|c| {
            let day = NaiveDate::parse_from_str(c.at.get(..10)?, "%Y-%m-%d").ok()?;
            Some((c, day))
        }) {
            None if before.is_none() => ("9999".to_string(), 0),
            None => ("0000".to_string(), 0),
            Some((cursor, day)) => {
                let has_time = cursor.at.len() > 10;
                let bound = if day.weekday() != Weekday::Sun {
                    0
                } else if has_time || cursor.kind < EventKind::Reflection {
                    i64::MAX
                } else {
                    cursor.id
                };
                (iso_week_label(day), bound)
            }
        };
        let since_week = filter
            .since
            .map_or_else(|| "0000".to_string(), iso_week_label);
        // A reflection is on or before the last day when its Monday is six days before it.
        let until_week = filter.until.map_or_else(
            || "9999".to_string(),
            |d| iso_week_label(d - Duration::days(6)),
        );
        let mut stmt = self.conn.prepare_cached(REFLECTION_SQL)?;
        bind(&mut stmt, ":week", &week)?;
        bind(&mut stmt, ":bound", &bound)?;
        bind(&mut stmt, ":since_week", &since_week)?;
        bind(&mut stmt, ":until_week", &until_week)?;
        bind(&mut stmt, ":limit", &fetch)?;
        let mut found = stmt.raw_query();
        while let Some(row) = found.next()? {
            let label: String = row.get(1)?;
            // Labels are checked when written; a foreign one is skipped rather than fatal.
            let Ok(monday) = parse_iso_week(&label) else {
                continue;
            };
            let sunday = monday + Duration::days(6);
            let text = [row.get::<_, String>(2)?, row.get(3)?, row.get(4)?]
                .into_iter()
                .find(|t| !t.trim().is_empty())
                .unwrap_or_default();
            events.push(TimelineEvent {
                text,
                week: Some(label),
                uuid: rows::uuid(row, 5)?,
                ..TimelineEvent::bare(
                    EventKind::Reflection,
                    row.get(0)?,
                    sunday.and_time(NaiveTime::MIN),
                    true,
                    fmt_date(sunday),
                )
            });
        }
        Ok(())
    }

    /// Conversations per person per week for `weeks` weeks from `from` (a week's first day):
    /// one range walk over the conversation time index, tallied here. Grouped in SQL, the
    /// date arithmetic and the sort of every row cost three times the walk itself.
    pub(crate) fn conversations_by_week(
        &self,
        from: NaiveDate,
        weeks: u32,
    ) -> Result<Vec<PersonWeekCount>> {
        let until = from
            .checked_add_signed(Duration::weeks(i64::from(weeks)))
            .unwrap_or(from);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT person_id, happened_at, mood, {one_on_one} FROM conversation
             WHERE happened_at >= ?1 AND happened_at < ?2",
            one_on_one = self.cadence_kind_test("kind"),
        ))?;
        let mut counts: std::collections::BTreeMap<(i64, u32), PersonWeekCount> =
            std::collections::BTreeMap::new();
        let mut found = stmt.query([fmt_date(from), fmt_date(until)])?;
        while let Some(row) = found.next()? {
            let person_id: i64 = row.get(0)?;
            // Whole-day differences of plain dates: daylight saving never shifts a week.
            let days = (rows::when(row, 1)?.date() - from).num_days();
            let week = u32::try_from(days / 7).unwrap_or(0);
            let count = counts.entry((person_id, week)).or_insert(PersonWeekCount {
                person_id,
                week,
                conversations: 0,
                one_on_ones: 0,
                mood_total: 0,
                moods: 0,
            });
            count.conversations += 1;
            count.one_on_ones += row.get::<_, u32>(3)?;
            if let Some(mood) = row.get::<_, Option<u32>>(2)? {
                count.mood_total += mood;
                count.moods += 1;
            }
        }
        Ok(counts.into_values().collect())
    }

    /// Conversations per week for `weeks` weeks from `from`, of one person or of everyone:
    /// the timeline's heading strip. Reads only the time indexes (no row of the table), so
    /// it stays cheap beside a page of the timeline; tallied here, like
    /// [`Store::conversations_by_week`]: grouped in SQL, the date arithmetic and the sort
    /// of some 6,000 rows were a tenth of a short `rapport timeline`.
    pub(crate) fn conversation_counts(
        &self,
        from: NaiveDate,
        weeks: u32,
        person_id: Option<i64>,
    ) -> Result<Vec<u32>> {
        let until = from
            .checked_add_signed(Duration::weeks(i64::from(weeks)))
            .unwrap_or(from);
        let person = if person_id.is_some() {
            "AND person_id = ?3"
        } else {
            "AND ?3 IS NULL"
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT happened_at FROM conversation
             WHERE happened_at >= ?1 AND happened_at < ?2 {person}"
        ))?;
        let mut counts = vec![0; weeks as usize];
        let mut found = stmt.query(params![fmt_date(from), fmt_date(until), person_id])?;
        while let Some(row) = found.next()? {
            // Whole-day differences of plain dates: daylight saving never shifts a week.
            let days = (rows::when(row, 0)?.date() - from).num_days();
            if let Some(slot) = usize::try_from(days / 7)
                .ok()
                .and_then(|week| counts.get_mut(week))
            {
                *slot += 1;
            }
        }
        Ok(counts)
    }

    /// The plan SQLite chooses for each query of a first timeline page of `limit` events,
    /// for checks and benchmarks.
    pub fn explain_timeline(
        &self,
        filter: &TimelineFilter,
        limit: usize,
    ) -> Result<Vec<(String, Vec<String>)>> {
        let mut plans = Vec::new();
        let fetch = i64::try_from(limit).unwrap_or(i64::MAX).saturating_add(1);
        let by_tag = self.walk_by_tag(filter, fetch)?;
        let mut queries: Vec<(String, String)> = ARMS
            .iter()
            .filter(|arm| filter.shows(arm.kind))
            .map(|arm| (format!("{:?}", arm.kind), arm_sql(arm, filter, by_tag)))
            .collect();
        if filter.shows(EventKind::Reflection) {
            queries.push(("Reflection".into(), REFLECTION_SQL.into()));
        }
        for (name, sql) in queries {
            let mut stmt = self.conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            // Unbound parameters are NULL: the plan does not depend on their values.
            let mut steps = Vec::new();
            let mut found = stmt.raw_query();
            while let Some(row) = found.next()? {
                steps.push(row.get::<_, String>(3)?);
            }
            plans.push((name, steps));
        }
        Ok(plans)
    }
}
