//! The journal as the first device had it when it started the folder: a checked copy of
//! the journal itself (encrypted like it), with the clock of every field, in
//! `<folder>/<device>/<clock>.snapshot`. A device that joins with an empty journal takes
//! the copy as its journal, at the speed of a file copy; a device that joins with records
//! of its own, whose journal another Rapport has open, or whose copy was still arriving when
//! it joined, merges it record by record at a later sync, as it would a segment
//! (`apply::snapshot_batches`). The changes made
//! after it travel in segments, as always.
//!
//! A snapshot is known by what it holds, not by its name: the device that wrote it and the
//! clock up to which it holds that device's changes (its `sync_state`), which a journal
//! that has it records in `sync_seen` as the range `0..clock`, like a segment.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::super::backup::{Adjust, copy_checked, copy_checked_then};
use super::super::files::APPLICATION_ID;
use super::super::key::Key;
use super::super::progress::Quiet;
use super::super::temp::TempFile;
use super::super::{Error, Result, SCHEMA_VERSION};
use super::segment::{Opened, open_whole};

/// What a snapshot file's name ends with.
pub(crate) const EXTENSION: &str = "snapshot";

/// A snapshot found whole in the folder, open for reading.
#[derive(Debug)]
pub(crate) struct SnapshotFile {
    pub path: PathBuf,
    /// The device that wrote it.
    pub device: String,
    /// The clock up to which it holds that device's changes.
    pub upto: i64,
    /// The journal's version of the schema it was copied with.
    pub version: i64,
    pub conn: Connection,
}

/// What reading a snapshot file found.
pub(crate) enum Read {
    Incomplete,
    Whole(SnapshotFile),
}

/// A private copy of a journal beside this one, adjusted and checked, open: where a
/// snapshot is trimmed before it goes into the shared folder (so that nothing it leaves
/// out is ever written there, not even in a temp file), and where one taken from the
/// folder becomes this device's before it replaces anything. Removed when dropped.
pub(super) struct Staged {
    pub conn: Connection,
    _file: TempFile,
}

pub(super) fn stage(
    source: &Connection,
    journal: &Path,
    key: &Key,
    adjust: &Adjust<'_>,
) -> Result<Staged> {
    let (file, _) = TempFile::beside(journal, "sync")?;
    copy_checked_then(source, file.path(), key, &Quiet, Some(adjust))?;
    let conn = Connection::open(file.path())?;
    key.apply(&conn)?;
    Ok(Staged { conn, _file: file })
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
    let path = dir.join(format!("{upto:016x}.{EXTENSION}"));
    let trimmed = stage(journal, journal_path, key, &|copy| {
        leave_out_what_is_local(copy)?;
        // Not syncing until a device that takes it makes it its own; nor does it say
        // where this device keeps its folder.
        copy.execute(
            "UPDATE sync_state SET sent = ?1, enabled = 0, folder = ''",
            [upto],
        )?;
        copy.execute(
            "INSERT OR IGNORE INTO sync_seen (device, from_hlc, to_hlc, seen_at) VALUES (?1, 0, ?2, ?3)",
            params![device, upto, now],
        )?;
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
) -> Result<Staged> {
    let mut staged = stage_from_folder(snapshot, journal, key, &|copy| {
        leave_out_what_is_local(copy)?;
        copy.execute(
            "UPDATE sync_state SET enabled = 1, device = ?1, folder = ?2, sent = 0, synced_at = '',
                    hlc = max(hlc + 1, CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER) * 65536)",
            params![device, folder.to_string_lossy()],
        )?;
        Ok(())
    })?;
    migrated(&mut staged, snapshot.version, journal)?;
    Ok(staged)
}

/// A staged copy of `snapshot`, migrated when an older Rapport copied it: what a merge
/// reads, in this Rapport's tables and columns.
pub(super) fn for_merge(snapshot: &SnapshotFile, journal: &Path, key: &Key) -> Result<Staged> {
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
) -> Result<Staged> {
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

fn migrated(staged: &mut Staged, version: i64, journal: &Path) -> Result<()> {
    if version < SCHEMA_VERSION {
        super::super::open::migrate(&mut staged.conn, journal)?;
    }
    Ok(())
}

/// Reads a snapshot's header: whose it is and how far it goes. A file from a newer Rapport,
/// or one this journal's key does not open, is refused like a segment.
pub(super) fn read(path: &Path, key: &Key) -> Result<Read> {
    let (conn, version) = match open_whole(path, key)? {
        Opened::Incomplete => return Ok(Read::Incomplete),
        Opened::Whole(conn, version) => (conn, version),
    };
    if version > SCHEMA_VERSION {
        return Err(super::segment::newer(path));
    }
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let state = conn.query_row("SELECT device, sent FROM sync_state", [], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    });
    match state {
        Ok((device, upto)) if application_id == APPLICATION_ID && upto > 0 => {
            Ok(Read::Whole(SnapshotFile {
                path: path.to_path_buf(),
                device,
                upto,
                version,
                conn,
            }))
        }
        // Not a snapshot Rapport wrote whole: left alone, like a file still arriving.
        _ => Ok(Read::Incomplete),
    }
}
