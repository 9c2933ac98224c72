//! The change log's triggers: every insert, change and delete of a synced record moves the
//! journal's clock and writes down which record and field changed, when and on which device
//! (`sync_clock`, `sync_tombstone`). They are made from the export's column lists, so that
//! no trigger forgets a column, and only in a journal that syncs: SQLite parses every
//! trigger of the schema at every open, and these 51 were 2.5–3 ms of every command of a
//! journal that never fires them. A journal gets them when it starts syncing (`sync init`,
//! `sync join`, a snapshot taken as its own) and again, as they are now, after a migration
//! of a journal that syncs (a migration may have given a table a column).

use rusqlite::Connection;

use super::synced_tables;
use crate::store::Result;
use crate::store::export_columns::Table;

/// Makes this Rapport's change-log triggers, in place of any the journal had.
pub(in crate::store) fn make(conn: &Connection) -> Result<()> {
    drop_all(conn)?;
    let mut sql = String::new();
    for table in synced_tables() {
        sql.push_str(&triggers_of(table));
    }
    conn.execute_batch(&sql)?;
    Ok(())
}

/// After a migration: a journal that syncs gets the triggers as this Rapport makes them, all
/// or none (one transaction: a disk filling up halfway leaves the ones it had).
pub(in crate::store) fn renew_if_syncing(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    if syncing(&tx)? {
        make(&tx)?;
    } else {
        drop_all(&tx)?;
    }
    tx.commit()?;
    Ok(())
}

/// At every open of a journal that syncs: the triggers are all there, or they are made
/// again. A journal without them would sync without ever sending its own changes; a
/// migration whose triggers were not made (a Rapport stopped in between) is mended here.
/// One look at the schema SQLite has read anyway.
pub(in crate::store) fn mend_if_missing(conn: &mut Connection) -> Result<()> {
    if !syncing(conn)? {
        return Ok(());
    }
    let present: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master
          WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'",
        [],
        |r| r.get(0),
    )?;
    if usize::try_from(present).ok() != Some(3 * synced_tables().len()) {
        renew_if_syncing(conn)?;
    }
    Ok(())
}

fn syncing(conn: &Connection) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT coalesce(max(enabled), 0) FROM sync_state",
        [],
        |r| r.get(0),
    )?)
}

/// Removes every change-log trigger.
fn drop_all(conn: &Connection) -> Result<()> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master
              WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\'",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in names {
        conn.execute_batch(&format!("DROP TRIGGER \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(())
}

/// Moves the clock past both its last tick and the wall clock (a hybrid logical clock: the
/// milliseconds since 1970, times 65,536 for ticks within one millisecond).
const TICK: &str = "UPDATE sync_state SET hlc = max(hlc + 1, \
                    CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536);";

/// Only a journal that syncs writes its log, and never for what a sync applies.
const WHEN: &str = "WHEN (SELECT enabled AND NOT applying FROM sync_state)";

/// The insert, update and delete triggers of one table. A change records each field that
/// changed with the clock it was made on (`base`): the version it replaced, so that a
/// later sync tells an edit made on top of the other device's version from a clash.
fn triggers_of(table: &Table) -> String {
    let name = table.name;
    let changed = table
        .columns
        .iter()
        .map(|column| column.sql)
        .filter(|column| *column != "uuid")
        .enumerate()
        .map(|(i, column)| {
            let alias = if i == 0 { " AS field" } else { "" };
            format!("SELECT '{column}'{alias} WHERE NEW.{column} IS NOT OLD.{column}")
        })
        .collect::<Vec<_>>()
        .join("\n            UNION ALL ");
    format!(
        "CREATE TRIGGER sync_{name}_insert AFTER INSERT ON {name}
{WHEN}
BEGIN
    {TICK}
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, '*', '{name}', hlc, device, NULL FROM sync_state;
END;

CREATE TRIGGER sync_{name}_update AFTER UPDATE ON {name}
{WHEN}
BEGIN
    {TICK}
    INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
    SELECT NEW.uuid, f.field, '{name}', s.hlc, s.device,
           CASE WHEN coalesce(o.device, w.device) = s.device AND coalesce(o.hlc, w.hlc) > s.sent
                THEN coalesce(o.base, w.base) ELSE coalesce(o.hlc, w.hlc) END
      FROM sync_state s
      JOIN ({changed}) f
      LEFT JOIN sync_clock o ON o.record = NEW.uuid AND o.field = f.field
      LEFT JOIN sync_clock w ON w.record = NEW.uuid AND w.field = '*';
END;

CREATE TRIGGER sync_{name}_delete AFTER DELETE ON {name}
{WHEN}
BEGIN
    {TICK}
    INSERT OR REPLACE INTO sync_tombstone (record, tbl, hlc, device)
    SELECT OLD.uuid, '{name}', hlc, device FROM sync_state;
    DELETE FROM sync_clock WHERE record = OLD.uuid;
END;

"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every change-log trigger of `conn`, by name, with its SQL.
    fn sync_triggers(conn: &Connection) -> Vec<(String, String)> {
        conn.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync%'
              ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    /// Made here, the triggers are the ones migrations 18 to 20 wrote (by a script from the
    /// same column lists), word for word. When a synced table gains a column, the triggers
    /// made then watch it and these of migration 20 do not: this comparison is then to be
    /// narrowed to the tables that did not change (`sync::every_synced_column_is_watched_by_
    /// its_trigger` checks every column of the current schema).
    #[test]
    fn the_triggers_are_the_ones_the_migrations_wrote() {
        let through_20: String = crate::store::files::MIGRATIONS
            .iter()
            .take(20)
            .copied()
            .collect();
        let migrated = Connection::open_in_memory().unwrap();
        migrated.execute_batch(&through_20).unwrap();
        let written = sync_triggers(&migrated);
        assert_eq!(written.len(), 51);
        let ours = Connection::open_in_memory().unwrap();
        ours.execute_batch(&through_20).unwrap();
        make(&ours).unwrap();
        assert_eq!(sync_triggers(&ours), written);
    }
}
