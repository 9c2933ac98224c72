//! Moments to acknowledge: dates the leader notes for a person, once or every year.

use chrono::NaiveDate;
use rusqlite::params;

use super::rows::{self, fmt_date};
use super::which::{self, Which};
use super::{Result, Store, new_uuid};
use crate::domain::{Moment, TextField, require};

const MOMENT_COLUMNS: &str =
    "m.id, m.uuid, m.person_id, p.name, m.falls_on, m.label, m.yearly, p.uuid";

fn moment_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Moment> {
    Ok(Moment {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        falls_on: rows::date(row, 4)?,
        label: row.get(5)?,
        yearly: row.get(6)?,
        person_uuid: rows::uuid(row, 7)?,
    })
}

/// What `moment edit` changes: each field given replaces the one stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct MomentPatch {
    pub falls_on: Option<NaiveDate>,
    pub label: Option<String>,
    pub yearly: Option<bool>,
}

impl Store {
    /// Notes a date to acknowledge for the person: once, or every year from `falls_on`.
    pub(crate) fn add_moment(
        &mut self,
        person_id: i64,
        falls_on: NaiveDate,
        label: &str,
        yearly: bool,
    ) -> Result<Moment> {
        let label = require(label, TextField::Moment)?;
        self.person(person_id)?;
        let stamp = self.stamp();
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO moment (uuid, person_id, falls_on, label, yearly, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                new_uuid(),
                person_id,
                fmt_date(falls_on),
                label,
                yearly,
                stamp
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.moment(id)
    }

    pub(crate) fn moment(&self, id: i64) -> Result<Moment> {
        which::one(
            &self.conn,
            ("moment", "moment"),
            &format!(
                "SELECT {MOMENT_COLUMNS} FROM moment m JOIN person p ON p.id = m.person_id
                 WHERE m.id = ?1"
            ),
            id,
            moment_from,
        )
    }

    /// Every moment noted, by day then person: one person's, or every active person's
    /// (paused ones included: a return from leave is a moment of its own).
    pub(crate) fn moments(&self, person_id: Option<i64>) -> Result<Vec<Moment>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MOMENT_COLUMNS} FROM moment m JOIN person p ON p.id = m.person_id
             WHERE (?1 IS NULL AND p.archived = 0) OR m.person_id = ?1
             ORDER BY m.falls_on, p.name, m.id"
        ))?;
        let found = stmt
            .query_map(params![person_id], moment_from)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }

    /// Changes a moment's day, label or whether it comes back every year.
    pub(crate) fn edit_moment(
        &mut self,
        which: impl Into<Which>,
        patch: &MomentPatch,
    ) -> Result<Moment> {
        let which = which.into();
        let id = which.id;
        let label = patch
            .label
            .as_deref()
            .map(|label| require(label, TextField::Moment))
            .transpose()?;
        let stamp = self.stamp();
        let tx = self.write()?;
        let changed = tx.execute(
            &format!(
                "UPDATE moment SET falls_on = coalesce(?2, falls_on), label = coalesce(?3, label),
                        yearly = coalesce(?4, yearly), updated_at = ?5
                  WHERE {}",
                which::matching("moment", 1, 6)
            ),
            params![
                id,
                patch.falls_on.map(fmt_date),
                label,
                patch.yearly,
                stamp,
                which.uuid_param()
            ],
        )?;
        if changed == 0 {
            return Err(which::missing(&tx, "moment", "moment", which));
        }
        tx.commit()?;
        self.moment(id)
    }
}
