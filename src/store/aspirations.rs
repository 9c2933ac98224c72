//! Aspirations and their progress notes: what a person hopes to grow into, kept with its
//! history.

use rusqlite::{OptionalExtension, params};

use super::rows::{self, fmt_date};
use super::which::{self, Which};
use super::{Result, Store, new_uuid};
use crate::domain::TextField;
use crate::domain::{
    Aspiration, AspirationStatus, AspirationUpdate, clean_line, clean_text, require,
};

const ASPIRATION_COLUMNS: &str = "a.id, a.uuid, a.person_id, p.name, a.title, a.detail, a.horizon, a.status, a.created_at, p.uuid, a.serves";

fn aspiration_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Aspiration> {
    Ok(Aspiration {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        person_uuid: rows::uuid(row, 9)?,
        title: row.get(4)?,
        detail: row.get(5)?,
        horizon: row.get(6)?,
        status: rows::word(row, 7)?,
        created_on: rows::local_day_of_stamp(row, 8)?,
        updates: Vec::new(),
        serves: row.get(10)?,
    })
}

/// A new aspiration as the leader writes it down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAspiration {
    pub title: String,
    pub detail: String,
    pub horizon: String,
    pub status: AspirationStatus,
}

impl Store {
    pub fn add_aspiration(&mut self, person_id: i64, new: &NewAspiration) -> Result<Aspiration> {
        self.add_aspiration_serving(person_id, new, None)
    }

    /// Writes down an aspiration that serves a statement of the team's direction (or none).
    pub(crate) fn add_aspiration_serving(
        &mut self,
        person_id: i64,
        new: &NewAspiration,
        serves: Option<i64>,
    ) -> Result<Aspiration> {
        let title = require(&new.title, TextField::AspirationTitle)?;
        let detail = clean_text(&new.detail)?;
        let horizon = clean_line(&new.horizon, TextField::Horizon)?;
        self.person(person_id)?;
        if let Some(direction) = serves {
            self.direction(direction)?;
        }
        let stamp = self.stamp();
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO aspiration (uuid, person_id, title, detail, horizon, status, serves,
                                     created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                new_uuid(),
                person_id,
                title,
                detail,
                horizon,
                new.status.key(),
                serves,
                stamp
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.aspiration(id)
    }

    /// Records progress on an aspiration: a dated note, a new status, or both.
    pub fn update_aspiration(
        &mut self,
        which: impl Into<Which>,
        status: Option<AspirationStatus>,
        note: &str,
        conversation_id: Option<i64>,
    ) -> Result<Aspiration> {
        let which = which.into();
        let id = which.id;
        let note = clean_text(note)?;
        let stamp = self.stamp();
        let today = fmt_date(self.today());
        let tx = self.write()?;
        // Added only under the aspiration `which` names, read in the same statement.
        let added = tx.execute(
            &format!(
                "INSERT INTO aspiration_update (uuid, aspiration_id, conversation_id, noted_on, status, note,
                                                created_at, updated_at)
                 SELECT ?3, a.id, ?4, ?5, ?6, ?7, ?8, ?8 FROM aspiration a WHERE {}",
                which::matching("a", 1, 2)
            ),
            params![
                id,
                which.uuid_param(),
                new_uuid(),
                conversation_id,
                today,
                status.map(|s| s.key()),
                note,
                stamp
            ],
        )?;
        if added == 0 {
            return Err(which::missing(&tx, "aspiration", "aspiration", which));
        }
        if let Some(status) = status {
            tx.execute(
                "UPDATE aspiration SET status = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, status.key(), stamp],
            )?;
        }
        tx.commit()?;
        self.aspiration(id)
    }

    pub(crate) fn aspiration(&self, id: i64) -> Result<Aspiration> {
        let mut aspiration = which::one(
            &self.conn,
            ("aspiration", "aspiration"),
            &format!(
                "SELECT {ASPIRATION_COLUMNS} FROM aspiration a JOIN person p ON p.id = a.person_id WHERE a.id = ?1"
            ),
            id,
            aspiration_from,
        )?;
        self.attach_updates(std::slice::from_mut(&mut aspiration))?;
        Ok(aspiration)
    }

    /// The aspiration a progress note belongs to (with all its notes).
    pub(crate) fn aspiration_of_update(&self, update_id: i64) -> Result<Aspiration> {
        let aspiration_id: Option<i64> = self
            .conn
            .query_row(
                "SELECT aspiration_id FROM aspiration_update WHERE id = ?1",
                [update_id],
                |row| row.get(0),
            )
            .optional()?;
        match aspiration_id {
            Some(id) => self.aspiration(id),
            None => Err(which::missing(
                &self.conn,
                "aspiration_update",
                "progress note",
                update_id.into(),
            )),
        }
    }

    /// Aspirations of one person or of every active person, with their updates.
    pub(crate) fn aspirations(&self, person_id: Option<i64>) -> Result<Vec<Aspiration>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {ASPIRATION_COLUMNS} FROM aspiration a JOIN person p ON p.id = a.person_id
             WHERE (?1 IS NULL AND p.archived = 0) OR a.person_id = ?1
             ORDER BY p.name COLLATE NOCASE, a.status IN ('achieved', 'parked'), a.id"
        ))?;
        let mut found = stmt
            .query_map([person_id], aspiration_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        self.attach_updates(&mut found)?;
        Ok(found)
    }

    /// One indexed probe per aspiration: a person has a handful, never thousands.
    fn attach_updates(&self, aspirations: &mut [Aspiration]) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uuid, noted_on, status, note FROM aspiration_update
             WHERE aspiration_id = ?1 ORDER BY noted_on, id",
        )?;
        for aspiration in aspirations.iter_mut() {
            aspiration.updates = stmt
                .query_map([aspiration.id], |row| {
                    Ok(AspirationUpdate {
                        id: row.get(0)?,
                        uuid: rows::uuid(row, 1)?,
                        noted_on: rows::date(row, 2)?,
                        status: rows::opt_word(row, 3)?,
                        note: row.get(4)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
        }
        Ok(())
    }
}

impl Store {
    /// Links an aspiration to the statement of the direction it serves (`None` unlinks it).
    /// A retired statement can still be served: the aspiration's history keeps it.
    pub fn aspiration_serves(
        &mut self,
        which: impl Into<Which>,
        direction: Option<i64>,
    ) -> Result<Aspiration> {
        let which = which.into();
        let id = which.id;
        if let Some(direction) = direction {
            self.direction(direction)?;
        }
        let stamp = self.stamp();
        let tx = self.write()?;
        let changed = tx.execute(
            &format!(
                "UPDATE aspiration SET serves = ?2, updated_at = ?3 WHERE {}",
                which::matching("aspiration", 1, 4)
            ),
            params![id, direction, stamp, which.uuid_param()],
        )?;
        if changed == 0 {
            return Err(which::missing(&tx, "aspiration", "aspiration", which));
        }
        tx.commit()?;
        self.aspiration(id)
    }
}
