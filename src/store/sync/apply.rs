//! Reading this device's changes out of the journal, and applying other devices' changes
//! to it. A field takes the value with the latest clock (its hybrid logical clock, then its
//! device's id when two clocks are equal), whatever order the changes arrive in and however
//! often; a deletion is final; a reference travels as the UUID it names and becomes the
//! local id only here. A change that cannot be applied yet (its record's making, or the
//! record it names, has not arrived) waits in `sync_parked` and is tried at every sync.

use std::collections::BTreeMap;

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::super::Result;
use super::super::export_columns::{Column, Table};
use super::clash::{self, Settled, is_text};
use super::segment::{Change, Segment};
use super::settlement::{self, KEPT};
use super::{synced_tables, table_named};

/// The field of a change that makes a record, and of one that deletes it.
pub(super) const MADE: &str = "*";
pub(super) const DELETED: &str = "-";

/// What applying did.
#[derive(Debug, Default)]
pub(super) struct Applied {
    pub applied: usize,
    pub waiting: usize,
    /// Changes to records this journal had and lost with the record they belonged to.
    pub dropped: usize,
}

/// A column's value as it travels: references as the UUID they name.
fn travelling_expr(column: &Column) -> String {
    match column.refers {
        Some(target) => format!("(SELECT uuid FROM {target} WHERE id = t.{})", column.sql),
        None => format!("t.{}", column.sql),
    }
}

impl Applied {
    pub(super) fn add(&mut self, more: Applied) {
        self.applied += more.applied;
        self.waiting += more.waiting;
        self.dropped += more.dropped;
    }
}

/// The record's columns as they travel, or `None` when it is not in the journal.
pub(super) fn read_record(
    tx: &Connection,
    table: &Table,
    record: &[u8],
) -> Result<Option<Vec<SqlValue>>> {
    let exprs: Vec<String> = table
        .columns
        .iter()
        .filter(|c| c.sql != "uuid")
        .map(travelling_expr)
        .collect();
    let sql = format!(
        "SELECT {} FROM {} t WHERE t.uuid = ?1",
        exprs.join(", "),
        table.name
    );
    let count = exprs.len();
    Ok(tx
        .prepare_cached(&sql)?
        .query_row([record], |r| {
            (0..count).map(|i| r.get::<_, SqlValue>(i)).collect()
        })
        .optional()?)
}

pub(super) fn synced_columns(table: &Table) -> impl Iterator<Item = &'static Column> {
    table.columns.iter().filter(|c| c.sql != "uuid")
}

/// This device's clock rows stamped after the last segment it sent, oldest first.
const OWN_CLOCKS_SINCE: &str = "SELECT record, field, tbl, hlc, base FROM sync_clock
  WHERE device = ?1 AND hlc > ?2 ORDER BY hlc, record, field";

/// This device's changes stamped after `sent`: records made (with every field), fields
/// changed, records deleted, each with its clock.
pub(super) fn pending_changes(tx: &Connection, device: &str, sent: i64) -> Result<Vec<Change>> {
    // The clock rows, as changes still without their values.
    let clocks: Vec<Change> = {
        let mut stmt = tx.prepare(OWN_CLOCKS_SINCE)?;
        let rows: rusqlite::Result<Vec<_>> = stmt
            .query_map(params![device, sent], |r| {
                Ok(Change {
                    record: r.get(0)?,
                    field: r.get(1)?,
                    tbl: r.get(2)?,
                    value: SqlValue::Null,
                    hlc: r.get(3)?,
                    base: r.get(4)?,
                })
            })?
            .collect();
        rows?
    };
    let mut changes = Vec::new();
    let mut records: BTreeMap<Vec<u8>, Option<Vec<SqlValue>>> = BTreeMap::new();
    for Change {
        record,
        field,
        tbl,
        hlc,
        base,
        ..
    } in clocks
    {
        let Some(table) = table_named(&tbl) else {
            continue;
        };
        if !records.contains_key(&record) {
            let values = read_record(tx, table, &record)?;
            records.insert(record.clone(), values);
        }
        let Some(Some(values)) = records.get(&record) else {
            continue;
        };
        if field == MADE {
            changes.push(Change {
                record: record.clone(),
                field: MADE.to_string(),
                tbl: tbl.clone(),
                value: SqlValue::Null,
                hlc,
                base: None,
            });
            // Every field it has no later clock of was made with it.
            for (column, value) in synced_columns(table).zip(values) {
                let own_clock: bool = tx
                    .prepare_cached("SELECT 1 FROM sync_clock WHERE record = ?1 AND field = ?2")?
                    .query_row(params![record, column.sql], |_| Ok(()))
                    .optional()?
                    .is_some();
                if !own_clock {
                    changes.push(Change {
                        record: record.clone(),
                        field: column.sql.to_string(),
                        tbl: tbl.clone(),
                        value: value.clone(),
                        hlc,
                        base: None,
                    });
                }
            }
        } else if field.starts_with(KEPT) {
            // This device kept its own version over another: the others settle it too.
            changes.push(Change {
                record: record.clone(),
                field,
                tbl: tbl.clone(),
                value: SqlValue::Null,
                hlc,
                base,
            });
        } else if let Some((_, value)) = synced_columns(table)
            .zip(values)
            .find(|(c, _)| c.sql == field)
        {
            changes.push(Change {
                record: record.clone(),
                field,
                tbl: tbl.clone(),
                value: value.clone(),
                hlc,
                base,
            });
        }
    }
    let mut stmt = tx.prepare(
        "SELECT record, tbl, hlc FROM sync_tombstone WHERE device = ?1 AND hlc > ?2 ORDER BY hlc",
    )?;
    let deleted: rusqlite::Result<Vec<Change>> = stmt
        .query_map(params![device, sent], |r| {
            Ok(Change {
                record: r.get(0)?,
                field: DELETED.to_string(),
                tbl: r.get(1)?,
                value: SqlValue::Null,
                hlc: r.get(2)?,
                base: None,
            })
        })?
        .collect();
    changes.extend(deleted?);
    Ok(changes)
}

/// A record by its UUID and its table.
pub(super) type RecordKey = (Vec<u8>, String);

/// One change waiting to be applied, with the device that made it.
#[derive(Debug, Clone)]
pub(super) struct Staged {
    pub(super) field: String,
    pub(super) value: SqlValue,
    pub(super) hlc: i64,
    pub(super) device: String,
    pub(super) base: Option<i64>,
}

impl Staged {
    fn clock(&self) -> (i64, &str) {
        (self.hlc, self.device.as_str())
    }
}

/// Applies `segments` (and the changes still waiting from earlier syncs) inside `tx`.
pub(super) fn apply(tx: &Transaction<'_>, segments: &[Segment], now: &str) -> Result<Applied> {
    tx.execute("UPDATE sync_state SET applying = 1", [])?;
    // Every change to look at, by record: those waiting, then the new ones.
    let mut staged: BTreeMap<(Vec<u8>, String), Vec<Staged>> = BTreeMap::new();
    {
        let mut stmt =
            tx.prepare("SELECT record, tbl, field, value, hlc, device, base FROM sync_parked")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Vec<u8>>(0)?,
                r.get::<_, String>(1)?,
                Staged {
                    field: r.get(2)?,
                    value: r.get(3)?,
                    hlc: r.get(4)?,
                    device: r.get(5)?,
                    base: r.get(6)?,
                },
            ))
        })?;
        for row in rows {
            let (record, tbl, change) = row?;
            staged.entry((record, tbl)).or_default().push(change);
        }
    }
    tx.execute("DELETE FROM sync_parked", [])?;
    let mut latest = 0;
    for segment in segments {
        super::record_seen(tx, &segment.device, (segment.from_hlc, segment.to_hlc), now)?;
        for change in &segment.changes {
            latest = latest.max(change.hlc);
            let list = staged
                .entry((change.record.clone(), change.tbl.clone()))
                .or_default();
            let staged_change = Staged {
                field: change.field.clone(),
                value: change.value.clone(),
                hlc: change.hlc,
                device: segment.device.clone(),
                base: change.base,
            };
            // The same change read twice (a duplicated file) is one change.
            if !list
                .iter()
                .any(|s| s.field == staged_change.field && s.clock() == staged_change.clock())
            {
                list.push(staged_change);
            }
        }
    }
    // The clock never runs behind a stamp it has seen.
    tx.execute("UPDATE sync_state SET hlc = max(hlc, ?1)", [latest])?;
    let applied = apply_staged(tx, staged, now)?;
    tx.execute("UPDATE sync_state SET applying = 0", [])?;
    Ok(applied)
}

/// Applies changes staged by record: deletions first, then the rest, parents before
/// children; what cannot be applied yet waits in `sync_parked`.
pub(super) fn apply_staged(
    tx: &Transaction<'_>,
    mut staged: BTreeMap<RecordKey, Vec<Staged>>,
    now: &str,
) -> Result<Applied> {
    let tables = synced_tables();
    // Settlements (`sync keep` on another device) change no record: taken out here and
    // applied once every record of this pass is, so that a conflict this pass keeps is
    // settled as on the device that kept its own version.
    let mut settlements = Vec::new();
    for ((record, tbl), changes) in staged.iter_mut() {
        changes.retain(|c| {
            if c.field.starts_with(KEPT) {
                settlements.push((record.clone(), tbl.clone(), c.clone()));
                false
            } else {
                true
            }
        });
    }
    staged.retain(|_, changes| !changes.is_empty());
    // A change for a table this Rapport does not know is not applied.
    staged.retain(|(_, tbl), _| tables.iter().any(|t| t.name == tbl));

    // Deletions first: they are final.
    let mut applied = 0;
    for ((record, tbl), changes) in &staged {
        if let Some(deleted) = changes.iter().find(|c| c.field == DELETED) {
            let Some(table) = table_named(tbl) else {
                continue;
            };
            tx.execute(
                "INSERT OR IGNORE INTO sync_tombstone (record, tbl, hlc, device) VALUES (?1, ?2, ?3, ?4)",
                params![record, tbl, deleted.hlc, deleted.device],
            )?;
            applied += tx.execute(
                &format!("DELETE FROM {} WHERE uuid = ?1", table.name),
                [record],
            )?;
            tx.execute("DELETE FROM sync_clock WHERE record = ?1", [record])?;
            tx.execute("DELETE FROM sync_conflict WHERE record = ?1", [record])?;
        }
    }
    let mut waiting: Vec<(RecordKey, Vec<Staged>)> = Vec::new();
    for (key, changes) in staged {
        if !is_deleted(tx, &key.0)? {
            waiting.push((key, changes));
        }
    }
    // Parents before children (the tables' order), and again while anything moves: a
    // record can wait for another applied in this same sync.
    waiting.sort_by_key(|((record, tbl), _)| {
        (
            tables.iter().position(|t| t.name == tbl.as_str()),
            record.clone(),
        )
    });
    let mut dropped = 0;
    loop {
        let mut moved = false;
        let mut still = Vec::new();
        for ((record, tbl), changes) in waiting {
            let Some(table) = table_named(&tbl) else {
                continue;
            };
            match apply_record(tx, table, &record, changes, now)? {
                Outcome::Done(n) => {
                    applied += usize::from(n > 0);
                    moved = true;
                }
                Outcome::Dropped(n) => dropped += n,
                Outcome::Wait(changes, n) => {
                    applied += usize::from(n > 0);
                    if n > 0 {
                        moved = true;
                    }
                    still.push(((record, tbl), changes));
                }
            }
        }
        waiting = still;
        if !moved || waiting.is_empty() {
            break;
        }
    }
    let mut left = 0;
    for ((record, tbl), changes) in &waiting {
        for c in changes {
            left += tx.execute(
                "INSERT OR IGNORE INTO sync_parked (record, field, tbl, value, hlc, device, base)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![record, c.field, tbl, c.value, c.hlc, c.device, c.base],
            )?;
        }
    }
    for (record, tbl, c) in settlements {
        settlement::apply(tx, &record, &tbl, &c.field, (c.hlc, &c.device), c.base)?;
    }
    Ok(Applied {
        applied,
        waiting: left,
        dropped,
    })
}

/// What became of one record's changes.
enum Outcome {
    /// All applied (or superseded); how many took effect.
    Done(usize),
    /// These must wait; how many others took effect.
    Wait(Vec<Staged>, usize),
    /// The record was here and went with the record it belonged to (a deletion applied
    /// here, whose cascade leaves no tombstone): these many changes to it are dropped.
    Dropped(usize),
}

/// Whether `record` was in this journal once: its making is on its clock, though the row is
/// gone.
fn was_here(tx: &Transaction<'_>, record: &[u8]) -> Result<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM sync_clock WHERE record = ?1 AND field = '*'")?
        .query_row([record], |_| Ok(()))
        .optional()?
        .is_some())
}

fn is_deleted(tx: &Transaction<'_>, record: &[u8]) -> Result<bool> {
    Ok(tx
        .prepare_cached("SELECT 1 FROM sync_tombstone WHERE record = ?1")?
        .query_row([record], |_| Ok(()))
        .optional()?
        .is_some())
}

/// What a referenced UUID is here: its local id, gone (deleted), or not arrived yet.
enum Target {
    Id(i64),
    Deleted,
    Missing,
}

fn resolve(tx: &Transaction<'_>, target: &str, uuid: &[u8]) -> Result<Target> {
    let id: Option<i64> = tx
        .prepare_cached(&format!("SELECT id FROM {target} WHERE uuid = ?1"))?
        .query_row([uuid], |r| r.get(0))
        .optional()?;
    Ok(match id {
        Some(id) => Target::Id(id),
        None if is_deleted(tx, uuid)? => Target::Deleted,
        None => Target::Missing,
    })
}

/// True when deleting the referenced row deletes this one too (ON DELETE CASCADE).
fn cascades(tx: &Transaction<'_>, table: &Table, column: &Column) -> Result<bool> {
    let action: Option<String> = tx
        .prepare_cached(&format!(
            "SELECT on_delete FROM pragma_foreign_key_list('{}') WHERE \"from\" = ?1",
            table.name
        ))?
        .query_row([column.sql], |r| r.get(0))
        .optional()?;
    Ok(action.as_deref() == Some("CASCADE"))
}

/// A travelling value as the journal stores it: a reference becomes the local id.
enum Local {
    Value(SqlValue),
    /// The record it names was deleted, and this record goes with it.
    Gone,
    Wait,
}

fn local_value(
    tx: &Transaction<'_>,
    table: &Table,
    column: &Column,
    value: &SqlValue,
) -> Result<Local> {
    let (Some(target), SqlValue::Blob(uuid)) = (column.refers, value) else {
        return Ok(Local::Value(value.clone()));
    };
    Ok(match resolve(tx, target, uuid)? {
        Target::Id(id) => Local::Value(SqlValue::Integer(id)),
        Target::Missing => Local::Wait,
        Target::Deleted if cascades(tx, table, column)? => Local::Gone,
        Target::Deleted => Local::Value(SqlValue::Null),
    })
}

/// The local clock of a field: its own row, or the record's making.
fn local_clock(
    tx: &Transaction<'_>,
    record: &[u8],
    field: &str,
) -> Result<Option<(i64, String, Option<i64>)>> {
    Ok(tx
        .prepare_cached(
            "SELECT hlc, device, base FROM sync_clock WHERE record = ?1 AND field IN (?2, '*')
              ORDER BY field = '*' LIMIT 1",
        )?
        .query_row(params![record, field], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}

/// Applies one record's changes: makes it when it is new here and its making has arrived,
/// else sets each field whose incoming clock is later than the journal's.
fn apply_record(
    tx: &Transaction<'_>,
    table: &'static Table,
    record: &[u8],
    changes: Vec<Staged>,
    now: &str,
) -> Result<Outcome> {
    let current = read_record(tx, table, record)?;
    let made = changes.iter().find(|c| c.field == MADE).cloned();
    let Some(current) = current else {
        let Some(made) = made else {
            // Edits of a record removed here with the record it belonged to would wait
            // forever for a making that has already come.
            if was_here(tx, record)? {
                return Ok(Outcome::Dropped(changes.len()));
            }
            return Ok(Outcome::Wait(changes, 0));
        };
        return make_record(tx, table, record, &made, changes, now);
    };
    let mut by_field: BTreeMap<String, Vec<Staged>> = BTreeMap::new();
    for change in changes {
        if change.field != MADE {
            by_field
                .entry(change.field.clone())
                .or_default()
                .push(change);
        }
    }
    let mut applied = 0;
    let mut wait = Vec::new();
    for (column, value_here) in synced_columns(table).zip(current) {
        let Some(incoming) = by_field.remove(column.sql) else {
            continue;
        };
        let here = local_clock(tx, record, column.sql)?.map(|(hlc, device, base)| Staged {
            field: column.sql.to_string(),
            value: value_here,
            hlc,
            device,
            base,
        });
        let mut candidates: Vec<Staged> = incoming.clone();
        candidates.extend(here.clone());
        let Some(winner) = candidates
            .iter()
            .max_by(|a, b| a.clock().cmp(&b.clock()))
            .cloned()
        else {
            continue;
        };
        let local_wins = here.as_ref().is_some_and(|h| h.clock() == winner.clock());
        if !local_wins {
            match local_value(tx, table, column, &winner.value)? {
                Local::Wait => {
                    wait.extend(incoming);
                    continue;
                }
                Local::Gone => {
                    tx.execute(
                        &format!("DELETE FROM {} WHERE uuid = ?1", table.name),
                        [record],
                    )?;
                    tx.execute(
                        "INSERT OR IGNORE INTO sync_tombstone (record, tbl, hlc, device) VALUES (?1, ?2, ?3, ?4)",
                        params![record, table.name, winner.hlc, winner.device],
                    )?;
                    return Ok(Outcome::Done(applied + 1));
                }
                Local::Value(value) => {
                    let updated = tx.execute(
                        &format!(
                            "UPDATE {} SET {} = ?1 WHERE uuid = ?2",
                            table.name, column.sql
                        ),
                        params![value, record],
                    );
                    if updated.is_err() {
                        // A rule of the journal refuses it (a name another person has):
                        // it waits, and `sync status` counts it.
                        wait.extend(incoming);
                        continue;
                    }
                    set_clock(tx, record, column.sql, table.name, &winner)?;
                    applied += 1;
                }
            }
        }
        if is_text(column) {
            // A kept version the record now holds again (another device took it) is
            // settled here too.
            tx.prepare_cached(
                "DELETE FROM sync_conflict WHERE record = ?1 AND field = ?2 AND value IS ?3",
            )?
            .execute(params![record, column.sql, winner.value])?;
            keep_conflicts(
                tx,
                record,
                column.sql,
                table.name,
                &candidates,
                &winner,
                now,
            )?;
        }
    }
    // Fields this Rapport does not know are dropped; the rest waits.
    Ok(if wait.is_empty() {
        Outcome::Done(applied)
    } else {
        Outcome::Wait(wait, applied)
    })
}

fn set_clock(
    tx: &Transaction<'_>,
    record: &[u8],
    field: &str,
    tbl: &str,
    change: &Staged,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR REPLACE INTO sync_clock (record, field, tbl, hlc, device, base)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        record,
        field,
        tbl,
        change.hlc,
        change.device,
        change.base
    ])?;
    Ok(())
}

/// Keeps each losing version of a text field that nobody changed on top of: it was
/// overwritten by a device that had not seen it. A version kept before that a change was
/// made on top of (a device that had it edited it, or chose to keep its own over it) has
/// been seen, and is settled here too, as on the device that made the change.
fn keep_conflicts(
    tx: &Transaction<'_>,
    record: &[u8],
    field: &str,
    tbl: &str,
    candidates: &[Staged],
    winner: &Staged,
    now: &str,
) -> Result<()> {
    for seen in candidates.iter().filter_map(|c| c.base) {
        tx.prepare_cached(
            "DELETE FROM sync_conflict WHERE record = ?1 AND field = ?2 AND hlc = ?3",
        )?
        .execute(params![record, field, seen])?;
    }
    for loser in candidates {
        if loser.clock() == winner.clock() || loser.value == winner.value {
            continue;
        }
        let seen = candidates.iter().any(|c| c.base == Some(loser.hlc))
            || settlement::settled(tx, record, field, loser.hlc)?;
        if !seen {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO sync_conflict (record, field, tbl, value, hlc, device, found_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![record, field, tbl, loser.value, loser.hlc, loser.device, now])?;
        }
    }
    Ok(())
}

/// Makes a record new to this journal from its making and any later changes of its fields.
fn make_record(
    tx: &Transaction<'_>,
    table: &'static Table,
    record: &[u8],
    made: &Staged,
    changes: Vec<Staged>,
    now: &str,
) -> Result<Outcome> {
    let mut columns = Vec::new();
    let mut values = Vec::new();
    let mut winners = Vec::new();
    for column in synced_columns(table) {
        let candidates: Vec<Staged> = changes
            .iter()
            .filter(|c| c.field == column.sql)
            .cloned()
            .collect();
        let Some(winner) = candidates
            .iter()
            .max_by(|a, b| a.clock().cmp(&b.clock()))
            .cloned()
        else {
            // Its making has not fully arrived (a file cut short): wait for the rest.
            return Ok(Outcome::Wait(changes, 0));
        };
        match local_value(tx, table, column, &winner.value)? {
            Local::Wait => return Ok(Outcome::Wait(changes, 0)),
            Local::Gone => {
                tx.execute(
                    "INSERT OR IGNORE INTO sync_tombstone (record, tbl, hlc, device) VALUES (?1, ?2, ?3, ?4)",
                    params![record, table.name, made.hlc, made.device],
                )?;
                return Ok(Outcome::Done(0));
            }
            Local::Value(value) => {
                columns.push(column.sql.to_string());
                values.push(value);
            }
        }
        if is_text(column) {
            winners.push((column, candidates, winner));
        } else {
            winners.push((column, Vec::new(), winner));
        }
    }
    let mut sql_columns = vec!["uuid".to_string()];
    sql_columns.extend(columns.iter().cloned());
    let mut exprs: Vec<String> = (1..=sql_columns.len()).map(|i| format!("?{i}")).collect();
    // Columns the journal copies from a referenced row (a need's person and time).
    for copied in table.copied {
        let Some(at) = table
            .columns
            .iter()
            .filter(|c| c.sql != "uuid")
            .position(|c| c.key == copied.through)
        else {
            continue;
        };
        let Some(target) = table
            .columns
            .iter()
            .find(|c| c.key == copied.through)
            .and_then(|c| c.refers)
        else {
            continue;
        };
        sql_columns.push(copied.column.to_string());
        exprs.push(format!(
            "(SELECT {} FROM {target} WHERE id = ?{})",
            copied.take,
            at + 2
        ));
    }
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        table.name,
        sql_columns.join(", "),
        exprs.join(", ")
    );
    let mut params: Vec<SqlValue> = vec![SqlValue::Blob(record.to_vec())];
    params.extend(values.iter().cloned());
    if tx
        .execute(&sql, rusqlite::params_from_iter(params.iter()))
        .is_err()
    {
        // A rule of the journal refuses it: another device made the same person, week,
        // need… (settled alike everywhere), or something else, and it waits.
        let made_clock = (made.hlc, made.device.as_str());
        match clash::settle(tx, table, record, made_clock, &columns, &mut values, now)? {
            Settled::Folded => return Ok(Outcome::Done(1)),
            Settled::Unknown => return Ok(Outcome::Wait(changes, 0)),
            Settled::Insert => {
                params.truncate(1);
                params.extend(values);
                if tx
                    .execute(&sql, rusqlite::params_from_iter(params.iter()))
                    .is_err()
                {
                    return Ok(Outcome::Wait(changes, 0));
                }
            }
        }
    }
    set_clock(tx, record, MADE, table.name, made)?;
    for (column, candidates, winner) in &winners {
        if winner.clock() != made.clock() {
            set_clock(tx, record, column.sql, table.name, winner)?;
        }
        if !candidates.is_empty() {
            keep_conflicts(tx, record, column.sql, table.name, candidates, winner, now)?;
        }
    }
    Ok(Outcome::Done(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sync seeks its own changes by device and clock: by the clock alone it read every
    /// clock row the other devices wrote since (the whole journal after a first join, 0.47 s
    /// a sync on the ten-year journal) to find none of its own.
    #[test]
    fn a_sync_seeks_its_own_changes_by_device_and_clock() {
        let (_dir, store, _) = super::super::super::test_journal::with_priya();
        let mut plan = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {OWN_CLOCKS_SINCE}"))
            .expect("the plan");
        let steps: Vec<String> = plan
            .query_map(params!["a device", 0], |r| r.get(3))
            .expect("the plan's steps")
            .collect::<rusqlite::Result<_>>()
            .expect("read");
        assert!(
            steps
                .iter()
                .any(|step| step.contains("USING INDEX sync_clock_by_device (device=? AND hlc>?)")),
            "{steps:?}"
        );
    }
}
