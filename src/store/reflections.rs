use rusqlite::{OptionalExtension, params};

use super::rows;
use super::{Result, Store, new_uuid};
use crate::domain::{Balance, Invalid, Reflection, clean_text, parse_iso_week};

pub(super) fn reflection_from(row: &rusqlite::Row<'_>) -> rusqlite::Result<Reflection> {
    Ok(Reflection {
        id: row.get(0)?,
        uuid: rows::uuid(row, 1)?,
        week: row.get(2)?,
        went_well: row.get(3)?,
        do_differently: row.get(4)?,
        notes: row.get(5)?,
        balance: Balance {
            directing_serving: row.get(6)?,
            reacting_initiating: row.get(7)?,
            control_commitment: row.get(8)?,
            improving_breakthrough: row.get(9)?,
        },
    })
}

pub(super) const REFLECTION_COLUMNS: &str =
    "id, uuid, week, went_well, do_differently, notes, directing_serving,
     reacting_initiating, control_commitment, improving_breakthrough";

/// What the leader writes for a week.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReflectionText {
    pub went_well: String,
    pub do_differently: String,
    pub notes: String,
    pub balance: Balance,
}

impl Store {
    /// Writes (or rewrites) the reflection of an ISO week such as `2026-W47`.
    pub fn save_reflection(&mut self, week: &str, text: &ReflectionText) -> Result<Reflection> {
        parse_iso_week(week)?;
        let ratings = [
            text.balance.directing_serving,
            text.balance.reacting_initiating,
            text.balance.control_commitment,
            text.balance.improving_breakthrough,
        ];
        if let Some(bad) = ratings.iter().flatten().find(|r| !(1..=5).contains(*r)) {
            return Err(Invalid::Rating(i64::from(*bad)).into());
        }
        let went_well = clean_text(&text.went_well)?;
        let do_differently = clean_text(&text.do_differently)?;
        let notes = clean_text(&text.notes)?;
        let stamp = self.stamp();
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO reflection (uuid, week, went_well, do_differently, notes, directing_serving,
                                     reacting_initiating, control_commitment, improving_breakthrough,
                                     created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
             ON CONFLICT (week) DO UPDATE SET
                went_well = excluded.went_well, do_differently = excluded.do_differently,
                notes = excluded.notes, directing_serving = excluded.directing_serving,
                reacting_initiating = excluded.reacting_initiating,
                control_commitment = excluded.control_commitment,
                improving_breakthrough = excluded.improving_breakthrough,
                updated_at = excluded.updated_at",
            params![
                new_uuid().to_string(),
                week,
                went_well,
                do_differently,
                notes,
                ratings[0],
                ratings[1],
                ratings[2],
                ratings[3],
                stamp
            ],
        )?;
        tx.commit()?;
        // A rewritten reflection's old text must not linger in WAL frames.
        self.forget_old_text();
        Ok(self
            .reflection(week)?
            .expect("the reflection was written in the transaction just committed"))
    }

    pub fn reflection(&self, week: &str) -> Result<Option<Reflection>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {REFLECTION_COLUMNS} FROM reflection WHERE week = ?1"
            ))?
            .query_row([week], reflection_from)
            .optional()?)
    }
}
