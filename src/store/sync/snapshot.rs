//! The journal as the first device had it when it started the folder: a checked copy of
//! the journal itself (encrypted like it), with the clock of every field, in
//! `<folder>/<device>/<clock>.snapshot`. A device that joins with an empty journal takes
//! the copy as its journal, at the speed of a file copy; a device that joins with records
//! of its own, whose journal another Rapport has open, or whose copy was still arriving when
//! it joined, merges it record by record at a later sync, as it would a segment
//! (`batches`). The changes made
//! after it travel in segments, as always.
//!
//! A snapshot is known by what it holds, not by its name: the device that wrote it and the
//! clock up to which it holds that device's changes (its `sync_state`), which a journal
//! that has it records in `sync_seen` as the range `0..clock`, like a segment.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, Transaction, params};

use super::super::backup::{Adjust, copy_checked, copy_checked_then};
use super::super::export_columns::Table;
use super::super::key::Key;
use super::super::progress::Quiet;
use super::super::temp::TempFile;
use super::super::{Error, Result, SCHEMA_VERSION};
use super::apply::{
    Applied, DELETED, MADE, RecordKey, Staged, apply_staged, read_record, synced_columns,
};
use super::folder_file::{SNAPSHOT_EXTENSION, SnapshotFile};
use super::synced_tables;

/// A private copy of a journal beside this one, adjusted and checked, open: where a
/// snapshot is trimmed before it goes into the shared folder (so that nothing it leaves
/// out is ever written there, not even in a temp file), and where one taken from the
/// folder becomes this device's before it replaces anything. Removed when dropped.
pub(super) struct StagedCopy {
    pub conn: Connection,
    _file: TempFile,
}

pub(super) fn stage(
    source: &Connection,
    journal: &Path,
    key: &Key,
    adjust: &Adjust<'_>,
) -> Result<StagedCopy> {
    let (file, _) = TempFile::beside(journal, "sync")?;
    copy_checked_then(source, file.path(), key, &Quiet, Some(adjust))?;
    let conn = Connection::open(file.path())?;
    key.apply(&conn)?;
    Ok(StagedCopy { conn, _file: file })
}

/// What a snapshot leaves out: what belongs to the device alone (its unsaved forms, the
/// conflicts it keeps, the folder's files it has read). What is deleted is overwritten, not
/// left in free pages.
fn leave_out_what_is_local(copy: &Connection) -> Result<()> {
    copy.pragma_update(None, "secure_delete", "ON")?;
    copy.execute_batch("DELETE FROM draft; DELETE FROM sync_conflict; DELETE FROM sync_file;")?;
    Ok(())
}

/// Copies the journal behind `journal` (at `journal_path`) into the folder as `device`'s
/// snapshot of its changes up to `upto`, and returns its path.
pub(super) fn write(
    journal: &Connection,
    journal_path: &Path,
    folder: &Path,
    device: &str,
    upto: i64,
    key: &Key,
    now: &str,
) -> Result<PathBuf> {
    let dir = folder.join(device);
    super::super::prepare_private_dir(&dir)?;
    let path = dir.join(format!("{upto:016x}.{SNAPSHOT_EXTENSION}"));
    let trimmed = stage(journal, journal_path, key, &|copy| {
        leave_out_what_is_local(copy)?;
        // Not syncing until a device that takes it makes it its own; nor does it say
        // where this device keeps its folder.
        copy.execute(
            "UPDATE sync_state SET sent = ?1, enabled = 0, folder = ''",
            [upto],
        )?;
        super::record_seen(copy, device, (0, upto), now)?;
        Ok(())
    })?;
    copy_checked(&trimmed.conn, &path, key, &Quiet)?;
    Ok(path)
}

/// A staged copy of `snapshot` made this device's (`device`, syncing through `folder`,
/// nothing sent yet), migrated when an older Rapport copied it: ready to replace an empty
/// journal in one step, so that no moment exists when the journal holds the other
/// device's records under the other device's id.
pub(super) fn made_ours(
    snapshot: &SnapshotFile,
    journal: &Path,
    key: &Key,
    device: &str,
    folder: &Path,
) -> Result<StagedCopy> {
    let mut staged = stage_from_folder(snapshot, journal, key, &|copy| {
        leave_out_what_is_local(copy)?;
        copy.execute(
            &format!(
                "UPDATE sync_state SET enabled = 1, device = ?1, folder = ?2, sent = 0,
                        synced_at = '', hlc = {}",
                super::NEXT_CLOCK
            ),
            params![device, folder.to_string_lossy()],
        )?;
        // An older Rapport's copy gets them when it is migrated, in its new tables.
        if snapshot.version == SCHEMA_VERSION {
            super::triggers::make(copy)?;
        }
        Ok(())
    })?;
    migrated(&mut staged, snapshot.version, journal)?;
    Ok(staged)
}

/// A staged copy of `snapshot`, migrated when an older Rapport copied it: what a merge
/// reads, in this Rapport's tables and columns.
pub(super) fn for_merge(snapshot: &SnapshotFile, journal: &Path, key: &Key) -> Result<StagedCopy> {
    let mut staged = stage_from_folder(snapshot, journal, key, &|_| Ok(()))?;
    migrated(&mut staged, snapshot.version, journal)?;
    Ok(staged)
}

/// [`stage`] of a snapshot from the folder: one that fails its check is named as the
/// folder's file it is, not as a backup.
fn stage_from_folder(
    snapshot: &SnapshotFile,
    journal: &Path,
    key: &Key,
    adjust: &Adjust<'_>,
) -> Result<StagedCopy> {
    let unusable = |reason: &str| {
        Error::Sync(format!(
            "{} cannot be used ({reason}); nothing was applied",
            snapshot.path.display()
        ))
    };
    stage(&snapshot.conn, journal, key, adjust).map_err(|e| match e {
        Error::BackupFailed(_, reason) => unusable(&reason),
        Error::Damaged(reason) => unusable(&reason),
        other => other,
    })
}

fn migrated(staged: &mut StagedCopy, version: i64, journal: &Path) -> Result<()> {
    if version < SCHEMA_VERSION {
        super::super::open::migrate(&mut staged.conn, journal)?;
    }
    Ok(())
}

/// Records merged from a snapshot at a time: enough that each batch costs little more
/// than its records, few enough that memory stays small whatever the journal's size.
const SNAPSHOT_BATCH: usize = 2_000;

/// Another device's snapshot (`snapshot.rs`) as batches of changes, as if its every record
/// and deletion had arrived in a segment: its deletions, then its records table by table
/// (parents first), each field with its own clock. `merge` applies each batch (each in a
/// transaction of its own, so that a save made meanwhile waits for one batch, not for the
/// whole journal).
pub(super) fn batches(
    snapshot: &Connection,
    merge: &mut dyn FnMut(BTreeMap<RecordKey, Vec<Staged>>) -> Result<()>,
) -> Result<()> {
    let mut batch: BTreeMap<RecordKey, Vec<Staged>> = BTreeMap::new();
    {
        let mut stmt = snapshot.prepare("SELECT record, tbl, hlc, device FROM sync_tombstone")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            batch
                .entry((row.get(0)?, row.get(1)?))
                .or_default()
                .push(Staged {
                    field: DELETED.to_string(),
                    value: SqlValue::Null,
                    hlc: row.get(2)?,
                    device: row.get(3)?,
                    base: None,
                });
            if batch.len() >= SNAPSHOT_BATCH {
                merge(std::mem::take(&mut batch))?;
            }
        }
    }
    for table in synced_tables() {
        let mut stmt = snapshot.prepare(&format!("SELECT uuid FROM {}", table.name))?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let record: Vec<u8> = row.get(0)?;
            if let Some(changes) = snapshot_record(snapshot, table, &record)? {
                batch.insert((record, table.name.to_string()), changes);
            }
            if batch.len() >= SNAPSHOT_BATCH {
                merge(std::mem::take(&mut batch))?;
            }
        }
    }
    if !batch.is_empty() {
        merge(batch)?;
    }
    Ok(())
}

/// Applies one batch of a snapshot inside `tx`; what cannot be applied yet waits.
pub(super) fn apply_batch(
    tx: &Transaction<'_>,
    batch: BTreeMap<RecordKey, Vec<Staged>>,
    now: &str,
) -> Result<Applied> {
    tx.execute("UPDATE sync_state SET applying = 1", [])?;
    let applied = apply_staged(tx, batch, now)?;
    tx.execute("UPDATE sync_state SET applying = 0", [])?;
    Ok(applied)
}

/// The clock of a snapshot: this journal's never runs behind a stamp it is about to take.
pub(super) fn clock(snapshot: &Connection) -> Result<i64> {
    Ok(snapshot.query_row("SELECT hlc FROM sync_state", [], |r| r.get(0))?)
}

/// Once a snapshot is merged: it counts as applied (as `0..upto` of the device that wrote
/// it), and what it had applied (the segments it holds) and what it held waiting become
/// this journal's too.
pub(super) fn merged(
    tx: &Transaction<'_>,
    snapshot: &Connection,
    file: &SnapshotFile,
    now: &str,
) -> Result<()> {
    super::record_seen(tx, &file.device, (0, file.upto), now)?;
    let mut seen = snapshot.prepare("SELECT device, from_hlc, to_hlc FROM sync_seen")?;
    let mut rows = seen.query([])?;
    while let Some(row) = rows.next()? {
        let device: String = row.get(0)?;
        super::record_seen(tx, &device, (row.get(1)?, row.get(2)?), now)?;
    }
    let mut parked =
        snapshot.prepare("SELECT record, field, tbl, value, hlc, device, base FROM sync_parked")?;
    let mut rows = parked.query([])?;
    while let Some(row) = rows.next()? {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO sync_parked (record, field, tbl, value, hlc, device, base)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            row.get::<_, Vec<u8>>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, SqlValue>(3)?,
            row.get::<_, i64>(4)?,
            row.get::<_, String>(5)?,
            row.get::<_, Option<i64>>(6)?
        ])?;
    }
    Ok(())
}

/// A snapshot's record as the changes that would make it: its making, and each field with
/// its own clock (or its making's, when it was never changed since). `None` for a record
/// the snapshot holds no clock of.
fn snapshot_record(
    snapshot: &Connection,
    table: &Table,
    record: &[u8],
) -> Result<Option<Vec<Staged>>> {
    let Some(values) = read_record(snapshot, table, record)? else {
        return Ok(None);
    };
    let mut clocks: BTreeMap<String, (i64, String, Option<i64>)> = BTreeMap::new();
    {
        let mut stmt = snapshot
            .prepare_cached("SELECT field, hlc, device, base FROM sync_clock WHERE record = ?1")?;
        let mut rows = stmt.query([record])?;
        while let Some(row) = rows.next()? {
            clocks.insert(row.get(0)?, (row.get(1)?, row.get(2)?, row.get(3)?));
        }
    }
    let Some((hlc, device, _)) = clocks.get(MADE).cloned() else {
        return Ok(None);
    };
    let mut changes = vec![Staged {
        field: MADE.to_string(),
        value: SqlValue::Null,
        hlc,
        device: device.clone(),
        base: None,
    }];
    for (column, value) in synced_columns(table).zip(values) {
        let (hlc, device, base) = clocks
            .get(column.sql)
            .cloned()
            .unwrap_or_else(|| (hlc, device.clone(), None));
        changes.push(Staged {
            field: column.sql.to_string(),
            value,
            hlc,
            device,
            base,
        });
    }
    Ok(Some(changes))
}
