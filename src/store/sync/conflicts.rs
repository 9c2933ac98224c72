//! Conflicts: the version of a text that lost to another device's, kept until the leader
//! takes it or keeps this one (`rapport sync conflicts`, `take`, `keep`; the interface's
//! conflicts sheet).

use rusqlite::{OptionalExtension, params};

use super::super::{Error, Result, Store};
use super::{clash, table_named};

/// A text field changed on two devices: the version that lost, kept.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct SyncConflict {
    /// What `rapport sync take` and `sync keep` name it by: 8 hex digits made from what
    /// the conflict is (the same on every listing).
    pub id: String,
    pub table: String,
    pub record: String,
    pub field: String,
    /// Whose record it is (a person's name), when it belongs to someone.
    pub whose: Option<String>,
    /// The other version, which the record no longer holds.
    pub other_version: String,
    pub found_at: String,
}

impl Store {
    /// The other versions kept, oldest found first.
    pub(crate) fn sync_conflicts(&self) -> Result<Vec<SyncConflict>> {
        Ok(self
            .kept_conflicts()?
            .into_iter()
            .map(|(conflict, _)| conflict)
            .collect())
    }

    /// Each conflict with the key of its row.
    fn kept_conflicts(&self) -> Result<Vec<(SyncConflict, ConflictKey)>> {
        let mut stmt = self.conn.prepare(
            "SELECT tbl, record, field, value, found_at, hlc, device FROM sync_conflict
              ORDER BY found_at, tbl, record, field, hlc",
        )?;
        let rows: rusqlite::Result<Vec<(SyncConflict, ConflictKey)>> = stmt
            .query_map([], |r| {
                let table: String = r.get(0)?;
                let record: Vec<u8> = r.get(1)?;
                let field: String = r.get(2)?;
                let value: rusqlite::types::Value = r.get(3)?;
                let key = ConflictKey {
                    record: record.clone(),
                    field: field.clone(),
                    hlc: r.get(5)?,
                    device: r.get(6)?,
                };
                Ok((
                    SyncConflict {
                        id: key.id(),
                        table,
                        record: uuid_text(&record),
                        field,
                        whose: None,
                        other_version: match value {
                            rusqlite::types::Value::Text(text) => text,
                            rusqlite::types::Value::Integer(n) => n.to_string(),
                            rusqlite::types::Value::Real(n) => n.to_string(),
                            rusqlite::types::Value::Null => String::new(),
                            rusqlite::types::Value::Blob(bytes) => uuid_text(&bytes),
                        },
                        found_at: r.get(4)?,
                    },
                    key,
                ))
            })?
            .collect();
        let mut rows = rows?;
        for (conflict, key) in &mut rows {
            conflict.whose = self.name_of_person_for(&conflict.table, &key.record)?;
        }
        Ok(rows)
    }

    /// The name of the person a record belongs to: the person itself, or the one it (or its
    /// conversation) names.
    fn name_of_person_for(&self, table: &str, record: &[u8]) -> Result<Option<String>> {
        let Some(table) = table_named(table) else {
            return Ok(None);
        };
        let sql = if table.name == "person" {
            "SELECT name FROM person WHERE uuid = ?1".to_string()
        } else if let Some(column) = table.columns.iter().find(|c| c.refers == Some("person")) {
            format!(
                "SELECT p.name FROM {} t JOIN person p ON p.id = t.{} WHERE t.uuid = ?1",
                table.name, column.sql
            )
        } else if let Some(column) = table
            .columns
            .iter()
            .find(|c| c.refers == Some("conversation"))
        {
            format!(
                "SELECT p.name FROM {} t JOIN conversation c ON c.id = t.{}
                   JOIN person p ON p.id = c.person_id WHERE t.uuid = ?1",
                table.name, column.sql
            )
        } else {
            return Ok(None);
        };
        // Prepared once per table, not once per conflict: the list is read at every sync.
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([record], |r| r.get(0))
            .optional()?)
    }

    /// `rapport sync take ID` (`take` true) and `sync keep ID`: the record takes the other
    /// version of conflict `id` (a change like any other, which syncs to the other devices),
    /// or keeps its own; either way the conflict is settled. Returns the conflict.
    pub(crate) fn sync_settle(&mut self, id: &str, take: bool) -> Result<SyncConflict> {
        let id = id.trim().to_lowercase();
        let (conflict, key) = self
            .kept_conflicts()?
            .into_iter()
            .find(|(conflict, _)| conflict.id == id)
            .ok_or_else(|| {
                Error::Sync(format!(
                    "there is no conflict {id}: `rapport sync conflicts` lists them with their ids"
                ))
            })?;
        let tx = self.write()?;
        if take {
            // Only a text field of a synced table is ever kept, so only one can be named here.
            let column = table_named(&conflict.table).and_then(|table| {
                table
                    .columns
                    .iter()
                    .find(|c| c.sql == key.field && clash::is_text(c))
                    .map(|c| (table.name, c.sql))
            });
            let Some((table, field)) = column else {
                return Err(Error::Sync(format!(
                    "conflict {id} names a field this Rapport does not know; nothing was changed"
                )));
            };
            let value: rusqlite::types::Value = tx.query_row(
                "SELECT value FROM sync_conflict WHERE record = ?1 AND field = ?2 AND hlc = ?3 AND device = ?4",
                params![key.record, key.field, key.hlc, key.device],
                |r| r.get(0),
            )?;
            let changed = tx
                .execute(
                    &format!("UPDATE {table} SET {field} = ?1 WHERE uuid = ?2"),
                    params![value, key.record],
                )
                .map_err(|error| match error.sqlite_error_code() {
                    Some(rusqlite::ErrorCode::ConstraintViolation) => Error::Sync(format!(
                        "the journal refuses the other version of conflict {id} (another record has it already); nothing was changed"
                    )),
                    _ => Error::from(error),
                })?;
            if changed == 0 {
                return Err(Error::Sync(format!(
                    "the record of conflict {id} is no longer in the journal; nothing was changed"
                )));
            }
            // Any other kept version equal to what the record now holds is settled too.
            tx.execute(
                "DELETE FROM sync_conflict WHERE record = ?1 AND field = ?2 AND value IS ?3",
                params![key.record, key.field, value],
            )?;
        } else if table_named(&conflict.table).is_some() {
            // Keeping this version is a choice the other devices hear of: a settlement of
            // the other version (its clock), which changes no record and leaves the field's
            // own clock as it is (a later edit still says which version it was made on).
            tx.execute(
                &format!("UPDATE sync_state SET hlc = {}", super::NEXT_CLOCK),
                [],
            )?;
            tx.execute(
                "INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
                 SELECT ?1, ?2, ?3, hlc, device, ?4 FROM sync_state
                  WHERE EXISTS (SELECT 1 FROM sync_clock WHERE record = ?1)",
                params![
                    key.record,
                    format!("{}{}", super::settlement::KEPT, key.field),
                    conflict.table,
                    key.hlc
                ],
            )?;
        }
        tx.execute(
            "DELETE FROM sync_conflict WHERE record = ?1 AND field = ?2 AND hlc = ?3 AND device = ?4",
            params![key.record, key.field, key.hlc, key.device],
        )?;
        tx.commit()?;
        Ok(conflict)
    }
}

/// What a kept conflict's row is keyed by.
struct ConflictKey {
    record: Vec<u8>,
    field: String,
    hlc: i64,
    device: String,
}

impl ConflictKey {
    /// A short id, the same wherever the conflict is listed: the first 8 hex digits of a
    /// name-based UUID of its key.
    fn id(&self) -> String {
        let mut name = self.record.clone();
        name.extend_from_slice(self.field.as_bytes());
        name.extend_from_slice(&self.hlc.to_be_bytes());
        name.extend_from_slice(self.device.as_bytes());
        let uuid = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, &name);
        uuid.simple().to_string()[..8].to_string()
    }
}

/// A record's UUID, hyphenated, from its 16 stored bytes.
fn uuid_text(bytes: &[u8]) -> String {
    <[u8; 16]>::try_from(bytes)
        .map(|b| uuid::Uuid::from_bytes(b).to_string())
        .unwrap_or_default()
}
