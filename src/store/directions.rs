//! The story of the future: the team's direction, a few short dated statements.

use rusqlite::params;

use super::rows::{self, fmt_date};
use super::which::{self, Which};
use super::{Result, Store, new_uuid};
use crate::domain::{Direction, TextField, require};

const DIRECTION_COLUMNS: &str = "d.id, d.uuid, d.text, d.stated_on, d.retired_on";

fn direction_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Direction> {
    Ok(Direction {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        text: row.get(2)?,
        stated_on: rows::date(row, 3)?,
        retired_on: rows::opt_date(row, 4)?,
    })
}

impl Store {
    /// States, today, where the team is going.
    pub fn add_direction(&mut self, text: &str) -> Result<Direction> {
        let text = require(text, TextField::Direction)?;
        let stamp = self.stamp();
        let today = fmt_date(self.today());
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO direction (uuid, text, stated_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![new_uuid(), text, today, stamp],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.direction(id)
    }

    pub(crate) fn direction(&self, id: i64) -> Result<Direction> {
        which::one(
            &self.conn,
            ("direction", "statement of the direction"),
            &format!("SELECT {DIRECTION_COLUMNS} FROM direction d WHERE d.id = ?1"),
            id,
            direction_from,
        )
    }

    /// The statements in force, oldest first; retired ones after them with `all`.
    pub(crate) fn directions(&self, all: bool) -> Result<Vec<Direction>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DIRECTION_COLUMNS} FROM direction d
             WHERE ?1 OR d.retired_on IS NULL
             ORDER BY d.retired_on IS NOT NULL, d.stated_on, d.id"
        ))?;
        let found = stmt
            .query_map(params![all], direction_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }

    /// Rewords a statement; its date stays the day it was first stated.
    pub(crate) fn edit_direction(
        &mut self,
        which: impl Into<Which>,
        text: &str,
    ) -> Result<Direction> {
        let which = which.into();
        let id = which.id;
        let text = require(text, TextField::Direction)?;
        let stamp = self.stamp();
        let tx = self.write()?;
        let changed = tx.execute(
            &format!(
                "UPDATE direction SET text = ?2, updated_at = ?3 WHERE {}",
                which::matching("direction", 1, 4)
            ),
            params![id, text, stamp, which.uuid_param()],
        )?;
        if changed == 0 {
            return Err(which::missing(
                &tx,
                "direction",
                "statement of the direction",
                which,
            ));
        }
        tx.commit()?;
        self.direction(id)
    }

    /// Retires a statement today (it no longer holds), or brings it back with `retired =
    /// false`.
    pub(crate) fn retire_direction(
        &mut self,
        which: impl Into<Which>,
        retired: bool,
    ) -> Result<Direction> {
        let which = which.into();
        let id = which.id;
        let stamp = self.stamp();
        let today = fmt_date(self.today());
        let tx = self.write()?;
        let changed = tx.execute(
            &format!(
                "UPDATE direction
                    SET retired_on = CASE WHEN ?2 THEN coalesce(retired_on, max(?3, stated_on)) END,
                        updated_at = ?4
                  WHERE {}",
                which::matching("direction", 1, 5)
            ),
            params![id, retired, today, stamp, which.uuid_param()],
        )?;
        if changed == 0 {
            return Err(which::missing(
                &tx,
                "direction",
                "statement of the direction",
                which,
            ));
        }
        tx.commit()?;
        self.direction(id)
    }
}
