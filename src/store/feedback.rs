//! Feedback to me: what people told the leader about their leading, heard in a 1:1 or
//! elsewhere, optionally tagged with a pair of the self-check or a need.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Transaction, params};

use super::rows::{self, fmt_date};
use super::which::{self, Which};
use super::{Result, Store, new_uuid};
use crate::domain::{Feedback, FeedbackTags, Invalid, TextField, require};

pub(super) const FEEDBACK_COLUMNS: &str = "f.id, f.uuid, f.person_id, p.name, f.conversation_id, f.heard_on, f.text, f.pair, f.lean, f.need, p.uuid";

pub(super) fn feedback_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Feedback> {
    Ok(Feedback {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        conversation_id: row.get(4)?,
        heard_on: rows::date(row, 5)?,
        text: row.get(6)?,
        pair: rows::opt_word(row, 7)?,
        lean: rows::opt_word(row, 8)?,
        need: rows::opt_word(row, 9)?,
        person_uuid: rows::uuid(row, 10)?,
    })
}

/// What was said, when, and what it speaks to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NewFeedback {
    pub text: String,
    /// The day it was heard; today when `None`.
    pub heard_on: Option<NaiveDate>,
    pub tags: FeedbackTags,
}

/// Changes to a piece of feedback: `None` leaves a field as it is; a tag set to `Some(None)`
/// is cleared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FeedbackPatch {
    pub text: Option<String>,
    pub heard_on: Option<NaiveDate>,
    /// The pair and where they placed the leader, changed together.
    pub pair: Option<(Option<crate::domain::Pair>, Option<crate::domain::Stance>)>,
    pub need: Option<Option<crate::domain::Need>>,
}

/// Which feedback a list shows: one person's or everyone's, heard within `from..until`
/// (either end open), newest first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct FeedbackFilter {
    pub person_id: Option<i64>,
    pub from: Option<NaiveDate>,
    /// The first day not included.
    pub until: Option<NaiveDate>,
}

/// A lean needs a pair to lean on: the table refuses it too, this says why in words.
fn checked_tags(tags: FeedbackTags) -> Result<FeedbackTags> {
    if tags.lean.is_some() && tags.pair.is_none() {
        return Err(Invalid::LeanWithoutPair.into());
    }
    Ok(tags)
}

/// Writes one piece of feedback inside `tx`: the one INSERT for `feedback add` and a
/// conversation saved with what the person said about the leader's leading.
pub(super) fn insert_feedback(
    tx: &Transaction<'_>,
    person_id: i64,
    conversation_id: Option<i64>,
    heard_on: NaiveDate,
    text: &str,
    tags: FeedbackTags,
    (today, stamp): (NaiveDate, &rows::Stamp),
) -> Result<i64> {
    let text = require(text, TextField::Feedback)?;
    let tags = checked_tags(tags)?;
    if heard_on > today {
        return Err(Invalid::NotYet(heard_on).into());
    }
    tx.execute(
        "INSERT INTO feedback (uuid, person_id, conversation_id, heard_on, text, pair, lean, need,
                               created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            new_uuid(),
            person_id,
            conversation_id,
            fmt_date(heard_on),
            text,
            tags.pair.map(|p| p.key()),
            tags.lean.map(|l| l.key()),
            tags.need.map(|n| n.key()),
            stamp
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Records what someone told the leader about their leading, outside a conversation.
    pub(crate) fn add_feedback(&mut self, person_id: i64, item: &NewFeedback) -> Result<Feedback> {
        self.person(person_id)?;
        let stamp = self.stamp();
        let heard_on = item.heard_on.unwrap_or_else(|| self.today());
        let today = self.today();
        let tx = self.write()?;
        let id = insert_feedback(
            &tx,
            person_id,
            None,
            heard_on,
            &item.text,
            item.tags,
            (today, &stamp),
        )?;
        tx.commit()?;
        self.feedback(id)
    }

    pub(crate) fn feedback(&self, id: i64) -> Result<Feedback> {
        which::one(
            &self.conn,
            ("feedback", "feedback"),
            &format!(
                "SELECT {FEEDBACK_COLUMNS} FROM feedback f JOIN person p ON p.id = f.person_id
                 WHERE f.id = ?1"
            ),
            id,
            feedback_from,
        )
    }

    /// Newest heard first.
    pub(crate) fn feedback_list(&self, filter: FeedbackFilter) -> Result<Vec<Feedback>> {
        let person = rows::one_person_or_all(filter.person_id, "f.person_id = ?1");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FEEDBACK_COLUMNS} FROM feedback f JOIN person p ON p.id = f.person_id
             WHERE {person} AND (?2 IS NULL OR f.heard_on >= ?2) AND (?3 IS NULL OR f.heard_on < ?3)
             ORDER BY f.heard_on DESC, f.id DESC"
        ))?;
        let found = stmt
            .query_map(
                params![
                    filter.person_id,
                    filter.from.map(fmt_date),
                    filter.until.map(fmt_date)
                ],
                feedback_from,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }

    /// Corrects what was said, when, or what it speaks to.
    pub(crate) fn edit_feedback(
        &mut self,
        which: impl Into<Which>,
        patch: &FeedbackPatch,
    ) -> Result<Feedback> {
        let which = which.into();
        let id = which.id;
        let text = patch
            .text
            .as_deref()
            .map(|t| require(t, TextField::Feedback))
            .transpose()?;
        if let Some(day) = patch.heard_on.filter(|d| *d > self.today()) {
            return Err(Invalid::NotYet(day).into());
        }
        let stamp = self.stamp();
        let tx = self.write()?;
        let current = tx
            .prepare_cached(&format!(
                "SELECT {FEEDBACK_COLUMNS} FROM feedback f JOIN person p ON p.id = f.person_id
                 WHERE {}",
                which::matching("f", 1, 2)
            ))?
            .query_row(params![id, which.uuid_param()], feedback_from)
            .optional()?;
        let Some(current) = current else {
            return Err(which::missing(&tx, "feedback", "feedback", which));
        };
        let (pair, lean) = patch.pair.unwrap_or((current.pair, current.lean));
        let tags = checked_tags(FeedbackTags {
            pair,
            lean,
            need: patch.need.unwrap_or(current.need),
        })?;
        tx.execute(
            "UPDATE feedback SET text = ?2, heard_on = ?3, pair = ?4, lean = ?5, need = ?6,
                                 updated_at = ?7
              WHERE id = ?1",
            params![
                id,
                text.unwrap_or(current.text),
                fmt_date(patch.heard_on.unwrap_or(current.heard_on)),
                tags.pair.map(|p| p.key()),
                tags.lean.map(|l| l.key()),
                tags.need.map(|n| n.key()),
                stamp
            ],
        )?;
        tx.commit()?;
        if patch.text.is_some() {
            // The old words must not linger in WAL frames.
            self.forget_old_text();
        }
        self.feedback(id)
    }
}
