//! Trust handed over: what the leader delegated to someone, and whether it stuck.

use chrono::NaiveDate;
use rusqlite::{Transaction, params};

use super::rows::{self, Stamp, fmt_date};
use super::which::{self, Which};
use super::{Result, Store, new_uuid};
use crate::domain::{Delegation, Outcome, TextField, require};

const DELEGATION_COLUMNS: &str = "d.id, d.uuid, d.person_id, p.name, d.text, d.handed_on, d.outcome, d.checked_on, d.conversation_id, p.uuid";

fn delegation_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Delegation> {
    Ok(Delegation {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        text: row.get(4)?,
        handed_on: rows::date(row, 5)?,
        outcome: rows::opt_word(row, 6)?,
        checked_on: rows::opt_date(row, 7)?,
        conversation_id: row.get(8)?,
        person_uuid: rows::uuid(row, 9)?,
    })
}

/// What the week's handing over counts, as read from the journal: see
/// `insights::handover::Handover`, which it becomes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct HandoverRows {
    pub handed_over: u32,
    pub stuck: u32,
    pub came_back: u32,
    pub open_mine: u32,
    pub open_theirs: u32,
}

/// Notes that the leader handed `text` over to a person on a day, linked to the conversation
/// it was handed over in, if any.
pub(super) fn insert_delegation(
    tx: &Transaction<'_>,
    (person_id, conversation_id, handed_on): (i64, Option<i64>, NaiveDate),
    text: &str,
    stamp: &Stamp,
) -> Result<i64> {
    let text = require(text, TextField::Delegation)?;
    tx.execute(
        "INSERT INTO delegation (uuid, person_id, text, handed_on, conversation_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![new_uuid(), person_id, text, fmt_date(handed_on), conversation_id, stamp],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Notes that the leader handed `text` over to the person today.
    pub fn delegate(&mut self, person_id: i64, text: &str) -> Result<Delegation> {
        self.person(person_id)?;
        let stamp = self.stamp();
        let today = self.today();
        let tx = self.write()?;
        let id = insert_delegation(&tx, (person_id, None, today), text, &stamp)?;
        tx.commit()?;
        self.delegation(id)
    }

    pub(crate) fn delegation(&self, id: i64) -> Result<Delegation> {
        which::one(
            &self.conn,
            ("delegation", "delegation"),
            &format!(
                "SELECT {DELEGATION_COLUMNS} FROM delegation d JOIN person p ON p.id = d.person_id
                 WHERE d.id = ?1"
            ),
            id,
            delegation_from,
        )
    }

    /// Not checked yet first, oldest handed over first; then checked ones, newest check
    /// first. One person's, or every active person's.
    pub(crate) fn delegations(
        &self,
        person_id: Option<i64>,
        open_only: bool,
    ) -> Result<Vec<Delegation>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DELEGATION_COLUMNS} FROM delegation d JOIN person p ON p.id = d.person_id
             WHERE ((?1 IS NULL AND p.archived = 0) OR d.person_id = ?1)
               AND (NOT ?2 OR d.outcome IS NULL)
             ORDER BY d.outcome IS NOT NULL, d.checked_on DESC, d.handed_on, d.id"
        ))?;
        let found = stmt
            .query_map(params![person_id, open_only], delegation_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }

    /// Records today how a delegation turned out: it stuck, or it came back to the leader.
    /// Checking again replaces the earlier outcome.
    pub fn check_delegation(
        &mut self,
        which: impl Into<Which>,
        outcome: Outcome,
    ) -> Result<Delegation> {
        let which = which.into();
        let id = which.id;
        let stamp = self.stamp();
        let today = fmt_date(self.today());
        let tx = self.write()?;
        let changed = tx.execute(
            &format!(
                "UPDATE delegation SET outcome = ?2, checked_on = max(?3, handed_on), updated_at = ?4
                  WHERE {}",
                which::matching("delegation", 1, 5)
            ),
            params![id, outcome.key(), today, stamp, which.uuid_param()],
        )?;
        if changed == 0 {
            return Err(which::missing(&tx, "delegation", "delegation", which));
        }
        tx.commit()?;
        self.delegation(id)
    }

    /// The handing over of the days `start`..=`end`: delegations made, and checks that
    /// found them stuck or come back; and the follow-ups open at the end of the last day,
    /// the leader's own and the team's.
    pub(crate) fn handover_rows(&self, start: NaiveDate, end: NaiveDate) -> Result<HandoverRows> {
        let (from, until) = (fmt_date(start), fmt_date(end));
        let rows = self
            .conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM delegation WHERE handed_on BETWEEN ?1 AND ?2),
                    (SELECT count(*) FROM delegation
                      WHERE outcome = 'stuck' AND checked_on BETWEEN ?1 AND ?2),
                    (SELECT count(*) FROM delegation
                      WHERE outcome = 'came-back' AND checked_on BETWEEN ?1 AND ?2),
                    (SELECT count(*) FROM follow_up f JOIN person p ON p.id = f.person_id
                      WHERE p.archived = 0 AND f.owner = 'me' AND f.made_on <= ?2
                        AND (f.done_on IS NULL OR f.done_on > ?2)),
                    (SELECT count(*) FROM follow_up f JOIN person p ON p.id = f.person_id
                      WHERE p.archived = 0 AND f.owner = 'them' AND f.made_on <= ?2
                        AND (f.done_on IS NULL OR f.done_on > ?2))",
            )?
            .query_row(params![from, until], |row| {
                Ok(HandoverRows {
                    handed_over: row.get(0)?,
                    stuck: row.get(1)?,
                    came_back: row.get(2)?,
                    open_mine: row.get(3)?,
                    open_theirs: row.get(4)?,
                })
            })?;
        Ok(rows)
    }
}
