//! Talking points: what to bring up at the next 1:1 with someone, carried until ticked.

use rusqlite::params;

use super::rows::{self, fmt_date};
use super::which::{self, Which};
use super::{Result, Store, new_uuid};
use crate::domain::{Owner, TalkingPoint, TextField, require};

pub(super) const TALKING_POINT_COLUMNS: &str = "t.id, t.uuid, t.person_id, p.name, t.owner, t.text, t.raised_on, t.ticked_on, t.conversation_id, p.uuid";

pub(super) fn talking_point_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<TalkingPoint> {
    Ok(TalkingPoint {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        person_id: row.get(2)?,
        person_name: row.get(3)?,
        person_uuid: rows::uuid(row, 9)?,
        owner: rows::word(row, 4)?,
        text: row.get(5)?,
        raised_on: rows::date(row, 6)?,
        ticked_on: rows::opt_date(row, 7)?,
        conversation_id: row.get(8)?,
    })
}

/// Which talking points a list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TalkingPointFilter {
    pub person_id: Option<i64>,
    pub open_only: bool,
}

impl Store {
    /// Notes something to bring up at the next 1:1 with the person, raised today.
    pub fn raise_talking_point(
        &mut self,
        person_id: i64,
        owner: Owner,
        text: &str,
    ) -> Result<TalkingPoint> {
        let text = require(text, TextField::TalkingPoint)?;
        self.person(person_id)?;
        let stamp = self.stamp();
        let today = fmt_date(self.today());
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO talking_point (uuid, person_id, owner, text, raised_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![new_uuid(), person_id, owner.key(), text, today, stamp],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.talking_point(id)
    }

    pub fn talking_point(&self, id: i64) -> Result<TalkingPoint> {
        which::one(
            &self.conn,
            ("talking_point", "talking point"),
            &format!(
                "SELECT {TALKING_POINT_COLUMNS} FROM talking_point t JOIN person p ON p.id = t.person_id
                 WHERE t.id = ?1"
            ),
            id,
            talking_point_from,
        )
    }

    /// Open ones first, oldest raised first; then ticked ones, newest ticked first.
    pub fn talking_points(&self, filter: TalkingPointFilter) -> Result<Vec<TalkingPoint>> {
        let person = rows::one_person_or_all(filter.person_id, "t.person_id = ?1");
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {TALKING_POINT_COLUMNS} FROM talking_point t JOIN person p ON p.id = t.person_id
             WHERE {person} AND (NOT ?2 OR t.ticked_on IS NULL)
             ORDER BY t.ticked_on IS NOT NULL, t.ticked_on DESC, t.raised_on, t.id"
        ))?;
        let found = stmt
            .query_map(
                params![filter.person_id, filter.open_only],
                talking_point_from,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(found)
    }

    /// Ticks a talking point as discussed today, outside any conversation (or reopens it
    /// with `ticked = false`, which also unlinks it from the conversation it was ticked in).
    pub fn tick_talking_point(
        &mut self,
        which: impl Into<Which>,
        ticked: bool,
    ) -> Result<TalkingPoint> {
        let which = which.into();
        let id = which.id;
        let stamp = self.stamp();
        let today = fmt_date(self.today());
        let tx = self.write()?;
        let changed = tx.execute(
            &format!(
                "UPDATE talking_point
                    SET ticked_on = CASE WHEN ?2 THEN coalesce(ticked_on, max(?3, raised_on)) END,
                        conversation_id = CASE WHEN ?2 THEN conversation_id END,
                        updated_at = ?4
                  WHERE {}",
                which::matching("talking_point", 1, 5)
            ),
            params![id, ticked, today, stamp, which.uuid_param()],
        )?;
        if changed == 0 {
            return Err(which::missing(&tx, "talking_point", "talking point", which));
        }
        tx.commit()?;
        self.talking_point(id)
    }
}
