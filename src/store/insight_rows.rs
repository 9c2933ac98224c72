//! The rows behind the gaps, week and prep views: a few index probes per person or one
//! range per week, never a pass over the whole history.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rusqlite::params;
use serde::Serialize;

use super::follow_ups::{FOLLOW_UP_COLUMNS, follow_up_from};
use super::notes::{IDEA_COLUMNS, acknowledgement_from, idea_from};
use super::people::{PERSON_COLUMN_COUNT, PERSON_COLUMNS, need_columns, needs_from, person_from};
use super::reflections::{REFLECTION_COLUMNS, reflection_from};
use super::rows::{self, fmt_date};
use super::{FollowUpFilter, PersonSummary, Result, Store};
use crate::domain::{
    Acknowledgement, Aspiration, AspirationStatus, CadenceKinds, Conversation, FollowUp, Idea,
    Person, Reflection, TalkingPoint,
};

/// Everything the gaps matrix knows about one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonFacts {
    /// The person, their last conversation, open follow-ups and when each need was last met.
    pub summary: PersonSummary,
    /// How each need (C B A F S) was met the last time it was, as noted; empty when not
    /// noted or never met.
    pub needs_how: [String; 5],
    /// Open follow-ups the leader owes this person that are past their due date.
    pub overdue_mine: u32,
    /// The earliest due date among those.
    pub oldest_overdue_mine: Option<NaiveDate>,
    /// Exploring and active aspirations with their last sign of progress.
    pub(crate) aspirations: Vec<AspirationPulse>,
    pub last_acknowledgement: Option<NaiveDateTime>,
    /// Per need (C B A F S): every concern raised since it was last met, oldest first.
    pub(crate) open_concerns: [Vec<OpenConcern>; 5],
}

/// A concern raised about a need and not met since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct OpenConcern {
    pub(crate) raised: NaiveDateTime,
    /// What the worry is, as noted ("" when not noted).
    pub(crate) text: String,
}

/// An aspiration still in play, and when it last moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct AspirationPulse {
    pub id: i64,
    pub title: String,
    pub status: AspirationStatus,
    /// The newest update, or the day it was written down when it has none.
    pub last_progress_on: NaiveDate,
}

impl WeekRows {
    /// The same people with their last 1:1 before `end` instead of `start`: the latest 1:1
    /// of the span (its conversations are all of them), or the one before it.
    fn people_at_end(&self, kinds: CadenceKinds) -> Vec<PersonBefore> {
        let mut latest: HashMap<i64, NaiveDateTime> = HashMap::new();
        for conversation in self.conversations.iter().filter(|c| kinds.counts(c.kind)) {
            let at = latest
                .entry(conversation.person_id)
                .or_insert(conversation.happened_at);
            *at = (*at).max(conversation.happened_at);
        }
        self.people
            .iter()
            .map(|p| PersonBefore {
                person: p.person.clone(),
                last_before: latest.get(&p.person.id).copied().or(p.last_before),
            })
            .collect()
    }
}

/// An active person and their last conversation before some day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct PersonBefore {
    pub person: Person,
    /// Their last 1:1 (a conversation of a cadence kind) before the span.
    pub last_before: Option<NaiveDateTime>,
}

/// What happened in the days `start..end` (end exclusive), for the week view.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct WeekRows {
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Oldest first, with their needs: no texts, tags or names (the week counts them).
    pub conversations: Vec<Conversation>,
    pub acknowledgements: Vec<Acknowledgement>,
    pub ideas_heard: Vec<Idea>,
    pub ideas_answered: Vec<Idea>,
    pub follow_ups_done: Vec<FollowUp>,
    /// Follow-ups due in the range that were not done before it ended (done later or still
    /// open): the candidates for "slipped".
    pub follow_ups_due_undone: Vec<FollowUp>,
    /// Active people with their last conversation before `start`: who was due.
    pub people: Vec<PersonBefore>,
}

/// What a person's trend over months is counted from (`insights::trends::person_trend`):
/// read once for `rapport trends`, the trends view and the review dossier.
pub(crate) struct TrendRows {
    pub(crate) person: crate::domain::Person,
    /// From the day asked, oldest first, with their needs and tags.
    pub(crate) conversations: Vec<Conversation>,
    /// The day of their first conversation ever, however long ago.
    pub(crate) first_conversation: Option<NaiveDate>,
    /// All of theirs, done or not.
    pub(crate) follow_ups: Vec<FollowUp>,
}

impl Store {
    /// The rows of one person's trend from `since` on.
    pub(crate) fn trend_rows(&self, person_id: i64, since: NaiveDateTime) -> Result<TrendRows> {
        Ok(TrendRows {
            person: self.person(person_id)?,
            conversations: self.conversations_of_since(person_id, since)?,
            // One probe of the per-person time index.
            first_conversation: self
                .conn
                .prepare_cached("SELECT min(happened_at) FROM conversation WHERE person_id = ?1")?
                .query_row([person_id], |row| rows::opt_when(row, 0))?
                .map(|at| at.date()),
            follow_ups: self.follow_ups(FollowUpFilter {
                person_id: Some(person_id),
                open_only: false,
            })?,
        })
    }
}

/// Everything the prep view shows about one person.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrepRows {
    pub facts: PersonFacts,
    /// Newest first.
    pub recent_conversations: Vec<Conversation>,
    pub open_follow_ups: Vec<FollowUp>,
    /// All of the person's aspirations with their updates.
    pub aspirations: Vec<Aspiration>,
    /// Newest first.
    pub recent_acknowledgements: Vec<Acknowledgement>,
    /// Ideas still at "heard" with no answer given, oldest first.
    pub ideas_awaiting: Vec<Idea>,
    /// Talking points still to raise, oldest first.
    pub talking_points: Vec<TalkingPoint>,
    /// The questions asked of them so far, the longest ago first.
    pub(crate) asked: Vec<super::LastAsked>,
    /// The last day they told the leader something about their leading.
    pub(crate) last_feedback: Option<NaiveDate>,
    /// What meets each need for them, the note in force per need, C B A F S.
    pub(crate) meets: Vec<crate::domain::MeetsNeed>,
    /// The team's direction: the statements in force, oldest first.
    pub(crate) directions: Vec<crate::domain::Direction>,
    /// The dates noted for them (moments to acknowledge), by day.
    pub(crate) moments: Vec<crate::domain::Moment>,
}

/// How many recent conversations the prep view shows.
pub(crate) const PREP_CONVERSATIONS: usize = 3;
/// How many recent acknowledgements the prep view shows.
pub(crate) const PREP_ACKNOWLEDGEMENTS: usize = 3;

/// Per person: the last conversation, open follow-ups, the leader's overdue ones, the last
/// acknowledgement and, per need, the last time and how. Each subquery is one probe of a
/// per-person index.
fn facts_sql(one_on_one: &str) -> String {
    format!(
        "SELECT {PERSON_COLUMNS},
             (SELECT max(c.happened_at) FROM conversation c WHERE c.person_id = p.id),
             {one_on_one},
             (SELECT count(*) FROM follow_up f WHERE f.person_id = p.id AND f.done_on IS NULL),
             (SELECT count(*) FROM follow_up f WHERE f.person_id = p.id AND f.done_on IS NULL
                 AND f.owner = 'me' AND f.due_on < :today),
             (SELECT min(f.due_on) FROM follow_up f WHERE f.person_id = p.id AND f.done_on IS NULL
                 AND f.owner = 'me' AND f.due_on < :today),
             (SELECT max(k.given_at) FROM acknowledgement k WHERE k.person_id = p.id),
             (SELECT min(c.happened_at) FROM conversation c WHERE c.person_id = p.id)
             {needs}
         FROM person p
         WHERE (p.archived = 0 OR :all) AND (:person IS NULL OR p.id = :person)
         ORDER BY p.archived, p.name COLLATE NOCASE",
        needs = need_columns("p.id", true),
    )
}

fn facts_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<PersonFacts> {
    let person = person_from(row)?;
    let at = PERSON_COLUMN_COUNT;
    let needs = needs_from(row, at + 7, true)?;
    Ok(PersonFacts {
        summary: PersonSummary {
            person,
            last_conversation: rows::opt_when(row, at)?,
            first_conversation: rows::opt_when(row, at + 6)?,
            last_one_on_one: rows::opt_when(row, at + 1)?,
            open_follow_ups: row.get(at + 2)?,
            needs_last_met: needs.last_met,
            concerns_since: needs.concerns_since,
        },
        needs_how: needs.how,
        overdue_mine: row.get(at + 3)?,
        oldest_overdue_mine: rows::opt_date(row, at + 4)?,
        aspirations: Vec::new(),
        last_acknowledgement: rows::opt_when(row, at + 5)?,
        open_concerns: Default::default(),
    })
}

fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}

impl Store {
    /// The facts of the gaps matrix for every active person (and archived ones when asked),
    /// active first, by name. `today` decides which follow-ups are overdue.
    pub fn person_facts(
        &self,
        include_archived: bool,
        today: NaiveDate,
    ) -> Result<Vec<PersonFacts>> {
        self.facts(include_archived, None, today)
    }

    /// The facts of one person, archived or not.
    pub fn person_fact(&self, person_id: i64, today: NaiveDate) -> Result<PersonFacts> {
        self.person(person_id)?;
        let mut found = self.facts(true, Some(person_id), today)?;
        found.pop().ok_or_else(|| super::Error::NotFound {
            what: "person with id",
            id: person_id.to_string(),
        })
    }

    fn facts(
        &self,
        include_archived: bool,
        person_id: Option<i64>,
        today: NaiveDate,
    ) -> Result<Vec<PersonFacts>> {
        let mut stmt = self
            .conn
            .prepare_cached(&facts_sql(&self.last_one_on_one_sql("p.id", None)))?;
        let mut facts = stmt
            .query_map(
                rusqlite::named_params! {
                    ":today": fmt_date(today),
                    ":all": include_archived,
                    ":person": person_id,
                },
                facts_from,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        // Aspirations are a handful per person: read them all in one pass of their table.
        let mut aspirations = self.conn.prepare_cached(
            "SELECT a.person_id, a.id, a.title, a.status, a.created_at,
                    (SELECT max(u.noted_on) FROM aspiration_update u WHERE u.aspiration_id = a.id)
             FROM aspiration a
             WHERE a.status IN ('exploring', 'active') AND (?1 IS NULL OR a.person_id = ?1)
             ORDER BY a.person_id, a.id",
        )?;
        let position: std::collections::HashMap<i64, usize> = facts
            .iter()
            .enumerate()
            .map(|(i, f)| (f.summary.person.id, i))
            .collect();
        let mut found = aspirations.query([person_id])?;
        while let Some(row) = found.next()? {
            let Some(&i) = position.get(&row.get::<_, i64>(0)?) else {
                continue;
            };
            let created = rows::local_day_of_stamp(row, 4)?;
            let updated = rows::opt_date(row, 5)?;
            facts[i].aspirations.push(AspirationPulse {
                id: row.get(1)?,
                title: row.get(2)?,
                status: rows::word(row, 3)?,
                last_progress_on: updated.map_or(created, |u| u.max(created)),
            });
        }
        // Every open concern, not just the first: one range of the per-person need index for
        // each need that has one open, which is a handful on any team.
        let mut concerns = self.conn.prepare_cached(
            "SELECT n.happened_at, n.how FROM conversation_need n
             WHERE n.person_id = ?1 AND n.need = ?2 AND n.state = 'concern'
               AND n.happened_at >= ?3
             ORDER BY n.happened_at, n.id",
        )?;
        for fact in &mut facts {
            for need in crate::domain::Need::ALL {
                let Some(since) = fact.summary.concerns_since[need.index()] else {
                    continue;
                };
                fact.open_concerns[need.index()] = concerns
                    .query_map(
                        params![fact.summary.person.id, need.key(), rows::fmt_when(since)],
                        |row| {
                            Ok(OpenConcern {
                                raised: rows::when(row, 0)?,
                                text: row.get(1)?,
                            })
                        },
                    )?
                    .collect::<rusqlite::Result<Vec<_>>>()?;
            }
        }
        Ok(facts)
    }

    /// What happened in `week` and in the week before it, both from a week's first local day
    /// to the next one's: who was due in the later week follows from who was due in the
    /// earlier and the 1:1s held in it, so the people's last 1:1s are looked up once.
    pub(crate) fn weeks_rows(
        &self,
        previous: (NaiveDate, NaiveDate),
        week: (NaiveDate, NaiveDate),
    ) -> Result<(WeekRows, WeekRows)> {
        let earlier = self.week_rows(previous.0, previous.1, None)?;
        let people = (previous.1 == week.0).then(|| earlier.people_at_end(self.cadence_kinds()));
        let later = self.week_rows(week.0, week.1, people)?;
        Ok((earlier, later))
    }

    /// What happened from `start` (inclusive) to `end` (exclusive), both local days; the
    /// active people with their last 1:1 before `start` are `people` when the caller knows
    /// them.
    fn week_rows(
        &self,
        start: NaiveDate,
        end: NaiveDate,
        people: Option<Vec<PersonBefore>>,
    ) -> Result<WeekRows> {
        let (from, until) = (fmt_date(start), fmt_date(end));
        let conversations = self.conversations_counted_between(midnight(start), midnight(end))?;
        let acknowledgements = self
            .conn
            .prepare_cached(
                "SELECT k.id, k.uuid, k.person_id, p.name, k.given_at, k.text, p.uuid
                 FROM acknowledgement k JOIN person p ON p.id = k.person_id
                 WHERE k.given_at >= ?1 AND k.given_at < ?2 ORDER BY k.given_at, k.id",
            )?
            .query_map([&from, &until], acknowledgement_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let ideas = |column: &str| -> Result<Vec<Idea>> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {IDEA_COLUMNS} FROM idea i JOIN person p ON p.id = i.person_id
                 WHERE i.{column} >= ?1 AND i.{column} < ?2 ORDER BY i.{column}, i.id"
            ))?;
            let found = stmt
                .query_map([&from, &until], idea_from)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(found)
        };
        let ideas_heard = ideas("heard_on")?;
        let ideas_answered = ideas("answered_on")?;
        let follow_ups_done = self
            .conn
            .prepare_cached(&format!(
                "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up f JOIN person p ON p.id = f.person_id
                 WHERE f.done_on >= ?1 AND f.done_on < ?2 ORDER BY f.done_on, f.id"
            ))?
            .query_map([&from, &until], follow_up_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let follow_ups_due_undone = self
            .conn
            .prepare_cached(&format!(
                "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up f JOIN person p ON p.id = f.person_id
                 WHERE f.due_on >= ?1 AND f.due_on < ?2 AND (f.done_on IS NULL OR f.done_on >= ?2)
                 ORDER BY f.due_on, f.id"
            ))?
            .query_map([&from, &until], follow_up_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let people = match people {
            Some(people) => people,
            None => self.people_before(&from)?,
        };
        Ok(WeekRows {
            start,
            end,
            conversations,
            acknowledgements,
            ideas_heard,
            ideas_answered,
            follow_ups_done,
            follow_ups_due_undone,
            people,
        })
    }

    /// Active people by name with their last 1:1 before the day `day` (`YYYY-MM-DD`).
    fn people_before(&self, day: &str) -> Result<Vec<PersonBefore>> {
        let people = self
            .conn
            .prepare_cached(&format!(
                "SELECT {PERSON_COLUMNS},
                        {one_on_one}
                 FROM person p WHERE p.archived = 0 ORDER BY p.name COLLATE NOCASE",
                one_on_one = self.last_one_on_one_sql("p.id", Some("?1")),
            ))?
            .query_map([day], |row| {
                Ok(PersonBefore {
                    person: person_from(row)?,
                    last_before: rows::opt_when(row, PERSON_COLUMN_COUNT)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(people)
    }

    /// Reflections of the ISO weeks `first..=last` (labels such as `2026-W36`), oldest first.
    pub(crate) fn reflections_between(&self, first: &str, last: &str) -> Result<Vec<Reflection>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {REFLECTION_COLUMNS} FROM reflection WHERE week >= ?1 AND week <= ?2
             ORDER BY week"
        ))?;
        let found = stmt
            .query_map([first, last], reflection_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }

    /// Everything the prep view needs about one person before a 1:1.
    pub fn prep_rows(&self, person_id: i64, today: NaiveDate) -> Result<PrepRows> {
        let facts = self.person_fact(person_id, today)?;
        let recent_conversations = self.recent_conversations(person_id, PREP_CONVERSATIONS)?;
        let open_follow_ups = self.follow_ups(FollowUpFilter {
            person_id: Some(person_id),
            open_only: true,
        })?;
        let aspirations = self.aspirations(Some(person_id))?;
        let recent_acknowledgements = self.acknowledgements(person_id, PREP_ACKNOWLEDGEMENTS)?;
        let ideas_awaiting = self
            .conn
            .prepare_cached(&format!(
                "SELECT {IDEA_COLUMNS} FROM idea i JOIN person p ON p.id = i.person_id
                 WHERE i.person_id = ?1 AND i.status = 'heard' AND i.answered_on IS NULL
                 ORDER BY i.heard_on, i.id"
            ))?
            .query_map(params![person_id], idea_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let talking_points = self.talking_points(super::TalkingPointFilter {
            person_id: Some(person_id),
            open_only: true,
        })?;
        Ok(PrepRows {
            facts,
            recent_conversations,
            open_follow_ups,
            aspirations,
            recent_acknowledgements,
            ideas_awaiting,
            talking_points,
            asked: self.questions_asked(person_id)?,
            last_feedback: self
                .conn
                .prepare_cached("SELECT max(heard_on) FROM feedback WHERE person_id = ?1")?
                .query_row([person_id], |row| rows::opt_date(row, 0))?,
            meets: self.what_meets(Some(person_id))?,
            directions: self.directions(false)?,
            moments: self.moments(Some(person_id))?,
        })
    }
}
