//! What one 1:1 carries over to the next, and what a conversation closed: the open loops
//! the Log form lists for the chosen person, the actions on them saved with the
//! conversation in its transaction, and everything linked to a conversation once saved.

use rusqlite::{Transaction, params};
use serde::Serialize;

use super::follow_ups::{FOLLOW_UP_COLUMNS, follow_up_from};
use super::notes::{IDEA_COLUMNS, acknowledgement_from, idea_from};
use super::rows::{self, fmt_date};
use super::talking_points::{TALKING_POINT_COLUMNS, talking_point_from};
use super::{Error, Result, Stamp, Store, new_uuid};
use chrono::NaiveDateTime;

use crate::domain::{
    Acknowledgement, Aspiration, AspirationStatus, CarriedAction, FollowUp, Idea, Need,
    TalkingPoint, TextField, clean_text, require,
};

/// A person's open loops, as the Log form lists them before a conversation is saved.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct CarriedOver {
    /// Open both ways, by due date (undated last).
    pub follow_ups: Vec<FollowUp>,
    /// Open, oldest raised first.
    pub talking_points: Vec<TalkingPoint>,
    /// Heard and not answered, oldest first.
    pub ideas: Vec<Idea>,
    /// Exploring or active.
    pub aspirations: Vec<Aspiration>,
    /// Needs with a concern open (raised and not met since), in C B A F S order.
    pub concerns: Vec<CarriedConcern>,
}

/// A need with a concern open: raised in a conversation and not met in any since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct CarriedConcern {
    pub need: Need,
    /// When the first concern still open was raised.
    pub since: NaiveDateTime,
    /// What the latest of them says ("" when nothing was noted).
    pub words: String,
}

/// Progress on an aspiration noted in a conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressNoted {
    pub aspiration_id: i64,
    pub title: String,
    pub status: Option<AspirationStatus>,
    pub note: String,
}

/// Everything linked to one conversation: what was born in it and what it closed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Linked {
    pub follow_ups_made: Vec<FollowUp>,
    pub follow_ups_done: Vec<FollowUp>,
    pub acknowledgements: Vec<Acknowledgement>,
    pub ideas_heard: Vec<Idea>,
    pub ideas_answered: Vec<Idea>,
    pub talking_points_ticked: Vec<TalkingPoint>,
    pub progress: Vec<ProgressNoted>,
}

/// The actions with their text cleaned, checked before the transaction starts so that a
/// refusal writes nothing.
pub(super) fn cleaned_actions(actions: &[CarriedAction]) -> Result<Vec<CarriedAction>> {
    actions
        .iter()
        .map(|action| {
            Ok(match action {
                CarriedAction::IdeaAnswered { id, status, answer } => CarriedAction::IdeaAnswered {
                    id: *id,
                    status: *status,
                    answer: require(answer, TextField::Answer)?,
                },
                CarriedAction::AspirationProgress { id, status, note } => {
                    CarriedAction::AspirationProgress {
                        id: *id,
                        status: *status,
                        note: clean_text(note)?,
                    }
                }
                other => other.clone(),
            })
        })
        .collect()
}

/// Applies the actions taken in the conversation `conversation_id` with `person_id`,
/// dated `day`, inside its transaction. Each names a record of that person; one that is
/// gone or someone else's refuses the whole save.
pub(super) fn apply_actions(
    tx: &Transaction<'_>,
    conversation_id: i64,
    person_id: i64,
    day: chrono::NaiveDate,
    actions: &[CarriedAction],
    stamp: &Stamp,
) -> Result<()> {
    let day = fmt_date(day);
    for action in actions {
        let (changed, what, id) = match action {
            CarriedAction::FollowUpDone { id } => (
                tx.execute(
                    "UPDATE follow_up SET done_on = coalesce(done_on, ?3), done_in = ?4, updated_at = ?5
                     WHERE id = ?1 AND person_id = ?2",
                    params![id, person_id, day, conversation_id, stamp],
                )?,
                "follow-up",
                id,
            ),
            CarriedAction::FollowUpDue { id, due_on } => (
                tx.execute(
                    "UPDATE follow_up SET due_on = ?3, updated_at = ?4
                     WHERE id = ?1 AND person_id = ?2",
                    params![id, person_id, due_on.map(fmt_date), stamp],
                )?,
                "follow-up",
                id,
            ),
            CarriedAction::TalkingPointTicked { id } => (
                tx.execute(
                    "UPDATE talking_point SET ticked_on = ?3, conversation_id = ?4, updated_at = ?5
                     WHERE id = ?1 AND person_id = ?2",
                    params![id, person_id, day, conversation_id, stamp],
                )?,
                "talking point",
                id,
            ),
            CarriedAction::IdeaAnswered { id, status, answer } => (
                tx.execute(
                    "UPDATE idea SET status = ?3, answer = ?4, answered_on = ?5, answered_in = ?6,
                                     updated_at = ?7
                     WHERE id = ?1 AND person_id = ?2",
                    params![
                        id,
                        person_id,
                        status.key(),
                        answer,
                        day,
                        conversation_id,
                        stamp
                    ],
                )?,
                "idea",
                id,
            ),
            CarriedAction::AspirationProgress { id, status, note } => {
                let added = tx.execute(
                    "INSERT INTO aspiration_update (uuid, aspiration_id, conversation_id, noted_on,
                                                    status, note, created_at, updated_at)
                     SELECT ?1, a.id, ?3, ?4, ?5, ?6, ?7, ?7 FROM aspiration a
                      WHERE a.id = ?2 AND a.person_id = ?8",
                    params![
                        new_uuid(),
                        id,
                        conversation_id,
                        day,
                        status.map(|s| s.key()),
                        note,
                        stamp,
                        person_id
                    ],
                )?;
                if let Some(status) = status {
                    tx.execute(
                        "UPDATE aspiration SET status = ?2, updated_at = ?3 WHERE id = ?1",
                        params![id, status.key(), stamp],
                    )?;
                }
                (added, "aspiration", id)
            }
        };
        if changed == 0 {
            return Err(Error::NotFound {
                what,
                id: format!("#{id}"),
            });
        }
    }
    Ok(())
}

impl Store {
    /// The person's open loops, for the Log form's carried-over block; `editing` names the
    /// conversation being rewritten, whose own needs do not count (the form holds them).
    pub(crate) fn carried_over(&self, person_id: i64, editing: Option<i64>) -> Result<CarriedOver> {
        let follow_ups = self.follow_ups(super::FollowUpFilter {
            person_id: Some(person_id),
            open_only: true,
        })?;
        let talking_points = self.talking_points(super::TalkingPointFilter {
            person_id: Some(person_id),
            open_only: true,
        })?;
        let ideas = self
            .conn
            .prepare_cached(&format!(
                "SELECT {IDEA_COLUMNS} FROM idea i JOIN person p ON p.id = i.person_id
                 WHERE i.person_id = ?1 AND i.status = 'heard' AND i.answered_on IS NULL
                 ORDER BY i.heard_on, i.id"
            ))?
            .query_map([person_id], idea_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let aspirations = self
            .aspirations(Some(person_id))?
            .into_iter()
            .filter(|a| {
                matches!(
                    a.status,
                    AspirationStatus::Exploring | AspirationStatus::Active
                )
            })
            .collect();
        Ok(CarriedOver {
            follow_ups,
            talking_points,
            ideas,
            aspirations,
            concerns: self.open_concerns(person_id, editing)?,
        })
    }

    /// The person's needs with a concern open: concerns raised after the need was last met,
    /// the conversation `editing` left out. The same rule as "concern since" in Gaps and prep
    /// (`people::need_columns`).
    fn open_concerns(&self, person_id: i64, editing: Option<i64>) -> Result<Vec<CarriedConcern>> {
        let raised = self
            .conn
            .prepare_cached(
                "SELECT n.need, n.happened_at, n.how FROM conversation_need n
                  WHERE n.person_id = ?1 AND n.state = 'concern' AND n.conversation_id IS NOT ?2
                    AND n.happened_at > coalesce((
                        SELECT max(m.happened_at) FROM conversation_need m
                         WHERE m.person_id = ?1 AND m.need = n.need AND m.state = 'met'
                           AND m.conversation_id IS NOT ?2), '')
                  ORDER BY n.happened_at, n.id",
            )?
            .query_map(params![person_id, editing], |row| {
                Ok((
                    rows::word::<Need>(row, 0)?,
                    rows::when(row, 1)?,
                    row.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut open: Vec<CarriedConcern> = Vec::new();
        for (need, at, words) in raised {
            match open.iter_mut().find(|c| c.need == need) {
                Some(concern) if !words.trim().is_empty() => concern.words = words,
                Some(_) => {}
                None => open.push(CarriedConcern {
                    need,
                    since: at,
                    words,
                }),
            }
        }
        open.sort_by_key(|c| c.need);
        Ok(open)
    }

    /// Everything linked to a conversation: follow-ups made and ticked in it, its
    /// acknowledgements, ideas heard and answered in it, talking points ticked and
    /// aspiration progress noted.
    pub fn linked_to(&self, conversation_id: i64) -> Result<Linked> {
        let follow_ups = |column: &str| -> Result<Vec<FollowUp>> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up f JOIN person p ON p.id = f.person_id
                 WHERE f.{column} = ?1 ORDER BY f.id"
            ))?;
            let found = stmt
                .query_map([conversation_id], follow_up_from)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(found)
        };
        let ideas = |column: &str| -> Result<Vec<Idea>> {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {IDEA_COLUMNS} FROM idea i JOIN person p ON p.id = i.person_id
                 WHERE i.{column} = ?1 ORDER BY i.id"
            ))?;
            let found = stmt
                .query_map([conversation_id], idea_from)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(found)
        };
        let acknowledgements = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.uuid, a.person_id, p.name, a.given_at, a.text, p.uuid
                 FROM acknowledgement a JOIN person p ON p.id = a.person_id
                 WHERE a.conversation_id = ?1 ORDER BY a.id",
            )?
            .query_map([conversation_id], acknowledgement_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let talking_points_ticked = self
            .conn
            .prepare_cached(&format!(
                "SELECT {TALKING_POINT_COLUMNS} FROM talking_point t JOIN person p ON p.id = t.person_id
                 WHERE t.conversation_id = ?1 ORDER BY t.id"
            ))?
            .query_map([conversation_id], talking_point_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let progress = self
            .conn
            .prepare_cached(
                "SELECT u.aspiration_id, a.title, u.status, u.note
                 FROM aspiration_update u JOIN aspiration a ON a.id = u.aspiration_id
                 WHERE u.conversation_id = ?1 ORDER BY u.id",
            )?
            .query_map([conversation_id], |row| {
                Ok(ProgressNoted {
                    aspiration_id: row.get(0)?,
                    title: row.get(1)?,
                    status: rows::opt_word(row, 2)?,
                    note: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Linked {
            follow_ups_made: follow_ups("conversation_id")?,
            follow_ups_done: follow_ups("done_in")?,
            acknowledgements,
            ideas_heard: ideas("conversation_id")?,
            ideas_answered: ideas("answered_in")?,
            talking_points_ticked,
            progress,
        })
    }
}
