//! The weekly reflection: one per ISO week, its balance ratings and texts, written over when
//! the week is written again.

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
        balance: Balance::from_ratings([
            row.get(6)?,
            row.get(7)?,
            row.get(8)?,
            row.get(9)?,
            row.get(10)?,
            row.get(11)?,
            row.get(12)?,
            row.get(13)?,
        ]),
        intention: row.get(14)?,
    })
}

/// The balance columns follow the first six, in [`Balance::POLES`] order; the intention
/// comes last.
pub(super) const REFLECTION_COLUMNS: &str =
    "id, uuid, week, went_well, do_differently, notes, systems_people, goals_purpose,
     control_commitment, planning_opportunism, doing_being, directing_serving,
     reacting_initiating, improving_breakthrough, intention";

/// What the leader writes for a week.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReflectionText {
    pub went_well: String,
    pub do_differently: String,
    pub notes: String,
    pub balance: Balance,
    /// How the leader wants to show up the week after.
    pub intention: String,
}

impl Store {
    /// Writes (or rewrites) the reflection of an ISO week such as `2026-W47`.
    pub fn save_reflection(&mut self, week: &str, text: &ReflectionText) -> Result<Reflection> {
        parse_iso_week(week)?;
        let ratings = text.balance.ratings();
        if let Some(bad) = ratings.iter().flatten().find(|r| !(1..=5).contains(*r)) {
            return Err(Invalid::Rating(i64::from(*bad)).into());
        }
        let went_well = clean_text(&text.went_well)?;
        let do_differently = clean_text(&text.do_differently)?;
        let notes = clean_text(&text.notes)?;
        let intention = clean_text(&text.intention)?;
        let stamp = self.stamp();
        let tx = self.write()?;
        let keys: Vec<&str> = Balance::POLES.iter().map(|p| p.key).collect();
        let updates: Vec<String> = keys
            .iter()
            .map(|key| format!("{key} = excluded.{key}"))
            .collect();
        let mut insert = tx.prepare(&format!(
            "INSERT INTO reflection (uuid, week, went_well, do_differently, notes, {},
                                     created_at, updated_at, intention)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15)
             ON CONFLICT (week) DO UPDATE SET
                went_well = excluded.went_well, do_differently = excluded.do_differently,
                notes = excluded.notes, {}, intention = excluded.intention,
                updated_at = excluded.updated_at",
            keys.join(", "),
            updates.join(", ")
        ))?;
        insert.execute(params![
            new_uuid(),
            week,
            went_well,
            do_differently,
            notes,
            ratings[0],
            ratings[1],
            ratings[2],
            ratings[3],
            ratings[4],
            ratings[5],
            ratings[6],
            ratings[7],
            stamp,
            intention
        ])?;
        drop(insert);
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

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;
    use rusqlite_migration::{M, Migrations};

    /// A journal at schema 10 (before migration 12 added the other four pairs) with the
    /// self-check's old four pairs.
    fn journal_at_version_10(path: &std::path::Path) {
        let mut conn = Connection::open(path).unwrap();
        let before: Vec<M<'_>> = super::super::files::MIGRATIONS[..10]
            .iter()
            .map(|sql| M::up(sql))
            .collect();
        Migrations::new(before).to_latest(&mut conn).unwrap();
        conn.pragma_update(None, "application_id", super::super::files::APPLICATION_ID)
            .unwrap();
        conn.execute(
            "INSERT INTO reflection (uuid, week, went_well, directing_serving, reacting_initiating,
                                     control_commitment, improving_breakthrough, created_at,
                                     updated_at)
             VALUES ('0190a1a0-0000-7000-8000-000000000001', '2026-W40', 'kept', 1, 2, 4, 5,
                     '2026-10-02T16:00:00Z', '2026-10-02T16:00:00Z')",
            [],
        )
        .unwrap();
    }

    #[test]
    fn the_four_pair_ratings_migrate_to_their_matching_pairs_of_eight() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.db");
        journal_at_version_10(&path);
        let mut store = Store::open_with_clock(&path, crate::clock::test_clock()).unwrap();
        let reflection = store.reflection("2026-W40").unwrap().unwrap();
        assert_eq!(reflection.went_well, "kept");
        let by_key: Vec<(&str, Option<u8>)> = Balance::POLES
            .iter()
            .map(|p| p.key)
            .zip(reflection.balance.ratings())
            .collect();
        assert_eq!(
            by_key,
            [
                ("systems_people", None),
                ("goals_purpose", None),
                ("control_commitment", Some(4)),
                ("planning_opportunism", None),
                ("doing_being", None),
                ("directing_serving", Some(1)),
                ("reacting_initiating", Some(2)),
                ("improving_breakthrough", Some(5)),
            ]
        );
        // The new pairs can be rated at once, and the old ones are kept when they are.
        let mut ratings = reflection.balance.ratings();
        ratings[0] = Some(3);
        ratings[4] = Some(2);
        let text = ReflectionText {
            went_well: reflection.went_well.clone(),
            balance: Balance::from_ratings(ratings),
            ..ReflectionText::default()
        };
        let saved = store.save_reflection("2026-W40", &text).unwrap();
        assert_eq!(saved.balance.ratings(), ratings);
        assert_eq!(saved.balance.systems_people, Some(3));
        assert_eq!(saved.balance.doing_being, Some(2));
        let bad = ReflectionText {
            balance: Balance {
                goals_purpose: Some(6),
                ..Balance::default()
            },
            ..ReflectionText::default()
        };
        assert!(store.save_reflection("2026-W41", &bad).is_err());
    }
}
