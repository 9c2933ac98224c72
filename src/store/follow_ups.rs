//! Follow-ups: the promises made in conversations, who owes them and by when, added, edited,
//! ticked and read for Today, a person and the week.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::rows::{self, fmt_date};
use super::which::{self, Which};
use super::{Result, Store, new_uuid};
use crate::domain::TextField;
use crate::domain::{FollowUp, NewFollowUp, Pause, require};

impl super::Store {
    /// Every follow-up due from `from` (inclusive) to `until` (exclusive), done or not.
    pub(crate) fn follow_ups_due_between(
        &self,
        from: chrono::NaiveDate,
        until: chrono::NaiveDate,
    ) -> super::Result<Vec<crate::domain::FollowUp>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up f JOIN person p ON p.id = f.person_id
             WHERE f.due_on >= ?1 AND f.due_on < ?2"
        ))?;
        let found = stmt
            .query_map(
                rusqlite::params![super::rows::fmt_date(from), super::rows::fmt_date(until)],
                follow_up_from,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }
}

pub(super) const FOLLOW_UP_COLUMNS: &str = "f.id, f.uuid, f.person_id, p.name, f.conversation_id, f.owner, f.text, f.due_on, f.done_on, f.made_on, p.paused_from, p.paused_until, p.uuid";

pub(super) fn follow_up_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<FollowUp> {
    Ok(FollowUp {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        person_uuid: rows::uuid(row, 12)?,
        conversation_id: row.get(4)?,
        owner: rows::word(row, 5)?,
        text: row.get(6)?,
        due_on: rows::opt_date(row, 7)?,
        done_on: rows::opt_date(row, 8)?,
        made_on: rows::date(row, 9)?,
        pause: match (rows::opt_date(row, 10)?, rows::opt_date(row, 11)?) {
            (Some(from), Some(until)) => Some(Pause { from, until }),
            _ => None,
        },
    })
}

/// Changes to a follow-up: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FollowUpPatch {
    pub text: Option<String>,
    /// `Some(None)` clears the due date.
    pub due_on: Option<Option<NaiveDate>>,
    pub owner: Option<crate::domain::Owner>,
}

/// Which follow-ups a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FollowUpFilter {
    pub person_id: Option<i64>,
    pub open_only: bool,
}

impl Store {
    pub fn add_follow_up(&mut self, person_id: i64, item: &NewFollowUp) -> Result<FollowUp> {
        let text = require(&item.text, TextField::FollowUp)?;
        self.person(person_id)?;
        let stamp = self.stamp();
        let today = fmt_date(self.today());
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO follow_up (uuid, person_id, owner, text, made_on, due_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![
                new_uuid(),
                person_id,
                item.owner.key(),
                text,
                today,
                item.due_on.map(fmt_date),
                stamp
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.follow_up(id)
    }

    pub fn follow_up(&self, id: i64) -> Result<FollowUp> {
        which::one(
            &self.conn,
            ("follow_up", "follow-up"),
            &format!(
                "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up f JOIN person p ON p.id = f.person_id WHERE f.id = ?1"
            ),
            id,
            follow_up_from,
        )
    }

    /// Open ones first by due date (undated last), then done ones newest first.
    pub fn follow_ups(&self, filter: FollowUpFilter) -> Result<Vec<FollowUp>> {
        let person = rows::one_person_or_all(filter.person_id, "f.person_id = ?1");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up f JOIN person p ON p.id = f.person_id
             WHERE {person} AND (NOT ?2 OR f.done_on IS NULL)
             ORDER BY f.done_on IS NOT NULL, f.done_on DESC, f.due_on IS NULL, f.due_on, f.id"
        ))?;
        let found = stmt
            .query_map(params![filter.person_id, filter.open_only], follow_up_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }

    /// Open follow-ups of active people due on or before `until` (or undated when
    /// `include_undated`), by due date: the Today list.
    pub(crate) fn open_follow_ups_due(&self, until: NaiveDate) -> Result<Vec<FollowUp>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            // Without the hint SQLite walks every dated follow-up of the journal's history
            // (follow_up_by_due) instead of the open ones only.
            "SELECT {FOLLOW_UP_COLUMNS}
             FROM follow_up f INDEXED BY follow_up_open_by_due JOIN person p ON p.id = f.person_id
             WHERE f.done_on IS NULL AND f.due_on IS NOT NULL AND f.due_on <= ?1 AND p.archived = 0
             ORDER BY f.due_on, f.id"
        ))?;
        let found = stmt
            .query_map([fmt_date(until)], follow_up_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }

    /// Corrects a follow-up's text, due date or owner, read and written in one transaction.
    pub(crate) fn edit_follow_up(
        &mut self,
        which: impl Into<Which>,
        patch: &FollowUpPatch,
    ) -> Result<FollowUp> {
        let which = which.into();
        let id = which.id;
        let text = patch
            .text
            .as_deref()
            .map(|t| require(t, TextField::FollowUp))
            .transpose()?;
        let stamp = self.stamp();
        let tx = self.write()?;
        let current = tx
            .prepare_cached(&format!(
                "SELECT {FOLLOW_UP_COLUMNS} FROM follow_up f JOIN person p ON p.id = f.person_id
                 WHERE {}",
                which::matching("f", 1, 2)
            ))?
            .query_row(params![id, which.uuid_param()], follow_up_from)
            .optional()?;
        let Some(current) = current else {
            return Err(which::missing(&tx, "follow_up", "follow-up", which));
        };
        tx.execute(
            "UPDATE follow_up SET text = ?2, due_on = ?3, owner = ?4, updated_at = ?5 WHERE id = ?1",
            params![
                id,
                text.unwrap_or(current.text),
                patch.due_on.unwrap_or(current.due_on).map(fmt_date),
                patch.owner.unwrap_or(current.owner).key(),
                stamp
            ],
        )?;
        tx.commit()?;
        if patch.text.is_some() {
            self.forget_old_text();
        }
        self.follow_up(id)
    }

    /// Marks a follow-up done today (or reopens it with `done = false`).
    pub fn set_follow_up_done(&mut self, which: impl Into<Which>, done: bool) -> Result<FollowUp> {
        let which = which.into();
        let id = which.id;
        let stamp = self.stamp();
        let today = fmt_date(self.today());
        let tx = self.write()?;
        let changed = tx.execute(
            &format!(
                "UPDATE follow_up SET done_on = CASE WHEN ?2 THEN coalesce(done_on, max(?3, made_on)) END, updated_at = ?4
                 WHERE {}",
                which::matching("follow_up", 1, 5)
            ),
            params![id, done, today, stamp, which.uuid_param()],
        )?;
        if changed == 0 {
            return Err(which::missing(&tx, "follow_up", "follow-up", which));
        }
        tx.commit()?;
        self.follow_up(id)
    }
}
