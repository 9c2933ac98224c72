//! What meets a need for a person: short lasting notes, one per person and need in force,
//! each change a new row so the history stays.

use chrono::NaiveDate;
use rusqlite::{Transaction, params};

use super::rows::{self, Stamp, fmt_date};
use super::which;
use super::{Result, Store, new_uuid};
use crate::domain::{MeetsNeed, Need, TextField, require};

const MEETS_COLUMNS: &str =
    "m.id, m.uuid, m.person_id, p.name, m.need, m.text, m.noted_on, m.conversation_id, p.uuid";

fn meets_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<MeetsNeed> {
    Ok(MeetsNeed {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        need: rows::word(row, 4)?,
        text: row.get(5)?,
        noted_on: rows::date(row, 6)?,
        conversation_id: row.get(7)?,
        person_uuid: rows::uuid(row, 8)?,
    })
}

/// Notes what meets `need` for a person, as of a day and linked to the conversation it was
/// heard in, if any: it becomes the note in force for that need.
pub(super) fn insert_meets(
    tx: &Transaction<'_>,
    (person_id, conversation_id, noted_on): (i64, Option<i64>, NaiveDate),
    need: Need,
    text: &str,
    stamp: &Stamp,
) -> Result<i64> {
    let text = require(text, TextField::MeetsNeed)?;
    tx.execute(
        "INSERT INTO meets_need (uuid, person_id, need, text, noted_on, conversation_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![new_uuid(), person_id, need.key(), text, fmt_date(noted_on), conversation_id, stamp],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Store {
    /// Notes, as of today, what meets `need` for the person: it becomes the note in force,
    /// the one before it stays in the history.
    pub fn note_what_meets(
        &mut self,
        person_id: i64,
        need: Need,
        text: &str,
        conversation_id: Option<i64>,
    ) -> Result<MeetsNeed> {
        self.person(person_id)?;
        let stamp = self.stamp();
        let today = self.today();
        let tx = self.write()?;
        let id = insert_meets(&tx, (person_id, conversation_id, today), need, text, &stamp)?;
        tx.commit()?;
        self.meets_note(id)
    }

    pub(crate) fn meets_note(&self, id: i64) -> Result<MeetsNeed> {
        which::one(
            &self.conn,
            ("meets_need", "note on what meets a need"),
            &format!(
                "SELECT {MEETS_COLUMNS} FROM meets_need m JOIN person p ON p.id = m.person_id
                 WHERE m.id = ?1"
            ),
            id,
            meets_from,
        )
    }

    /// The note in force for each need of one person (or of every active person), C B A F S
    /// within a person: the newest of each person and need.
    pub(crate) fn what_meets(&self, person_id: Option<i64>) -> Result<Vec<MeetsNeed>> {
        let mut found = self.what_meets_history(person_id, None)?;
        // Newest first within a person and need: the first of each pair is in force.
        let mut seen = std::collections::HashSet::new();
        found.retain(|m| seen.insert((m.person_id, m.need)));
        Ok(found)
    }

    /// Every note, newest first within each person and need; people by name, needs C B A F
    /// S. One person's notes when `person_id` is given, every active person's otherwise.
    pub(crate) fn what_meets_history(
        &self,
        person_id: Option<i64>,
        need: Option<Need>,
    ) -> Result<Vec<MeetsNeed>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEETS_COLUMNS} FROM meets_need m JOIN person p ON p.id = m.person_id
             WHERE ((?1 IS NULL AND p.archived = 0) OR m.person_id = ?1)
               AND (?2 IS NULL OR m.need = ?2)
             ORDER BY p.name COLLATE NOCASE, p.id,
                      CASE m.need WHEN 'competence' THEN 0 WHEN 'belonging' THEN 1
                                  WHEN 'autonomy' THEN 2 WHEN 'fun' THEN 3 ELSE 4 END,
                      m.noted_on DESC, m.uuid DESC"
        ))?;
        let found = stmt
            .query_map(params![person_id, need.map(Need::key)], meets_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }
}
