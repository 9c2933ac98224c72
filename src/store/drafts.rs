//! Forms not yet saved, so that a crash or a closed terminal loses nothing.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoredUuid, new_uuid};

impl Store {
    /// Keeps the latest state of a form (as JSON) under its name, replacing the previous one.
    pub fn save_draft(&mut self, form: &str, body: &str) -> Result<()> {
        let stamp = self.stamp();
        let tx = self.write()?;
        tx.execute(
            "INSERT INTO draft (uuid, form, body, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)
             ON CONFLICT (form) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
            params![new_uuid(), form, body, stamp],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn draft(&self, form: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT body FROM draft WHERE form = ?1")?
            .query_row([form], |r| r.get(0))
            .optional()?)
    }

    pub fn discard_draft(&mut self, form: &str) -> Result<()> {
        let tx = self.write()?;
        tx.execute("DELETE FROM draft WHERE form = ?1", [form])?;
        tx.commit()?;
        self.forget_old_text();
        Ok(())
    }
}

/// The tables a draft refers to. A draft names their rows by UUID: row ids are local to one
/// journal (an export imported elsewhere gets new ones), so an id carried in a draft could
/// name another person's conversation there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DraftRow {
    Person,
    Conversation,
}

impl DraftRow {
    fn table(self) -> &'static str {
        match self {
            DraftRow::Person => "person",
            DraftRow::Conversation => "conversation",
        }
    }
}

impl Store {
    /// The UUID of a row a draft refers to; `None` when the row is gone.
    pub(crate) fn draft_row_uuid(&self, row: DraftRow, id: i64) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT uuid FROM {} WHERE id = ?1", row.table()))?
            .query_row([id], |r| r.get::<_, StoredUuid>(0))
            .optional()?
            .map(|stored| stored.0.to_string()))
    }

    /// The id, in this journal, of the row with `uuid`; `None` when this journal has no such
    /// row.
    pub(crate) fn draft_row_id(&self, row: DraftRow, uuid: &str) -> Result<Option<i64>> {
        // A draft written by hand (or damaged) may name no UUID at all: no such row.
        let Ok(uuid) = uuid::Uuid::parse_str(uuid) else {
            return Ok(None);
        };
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT id FROM {} WHERE uuid = ?1", row.table()))?
            .query_row([StoredUuid(uuid)], |r| r.get(0))
            .optional()?)
    }
}
