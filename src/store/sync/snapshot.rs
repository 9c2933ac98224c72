//! The journal as the first device had it when it started the folder: a checked copy of
//! the journal itself (encrypted like it), with the clock of every field, in
//! `<folder>/<device>/<clock>.snapshot`. A device that joins with an empty journal takes
//! the copy as its journal, at the speed of a file copy; a device that joins with records
//! of its own, or whose copy was still arriving when it joined, merges it record by record
//! at a later sync, as it would a segment (`apply::apply_snapshot`). The changes made
//! after it travel in segments, as always.
//!
//! A snapshot is known by what it holds, not by its name: the device that wrote it and the
//! clock up to which it holds that device's changes (its `sync_state`), which a journal
//! that has it records in `sync_seen` as the range `0..clock`, like a segment.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::super::backup::copy_checked_then;
use super::super::files::APPLICATION_ID;
use super::super::key::Key;
use super::super::progress::Quiet;
use super::super::{Result, SCHEMA_VERSION};
use super::segment::{Opened, open_whole};

/// What a snapshot file's name ends with.
pub(crate) const EXTENSION: &str = "snapshot";

/// A snapshot found whole in the folder, open for reading.
#[derive(Debug)]
pub(crate) struct SnapshotFile {
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

/// Copies the journal behind `journal` into the folder as `device`'s snapshot of its
/// changes up to `upto`, and returns its path. The copy leaves out what belongs to this
/// device alone: its unsaved forms, the conflicts it keeps, the folder's files it has read.
pub(super) fn write(
    journal: &Connection,
    folder: &Path,
    device: &str,
    upto: i64,
    key: &Key,
    now: &str,
) -> Result<PathBuf> {
    let dir = folder.join(device);
    super::super::prepare_private_dir(&dir)?;
    let path = dir.join(format!("{upto:016x}.{EXTENSION}"));
    let adjust = |copy: &Connection| -> Result<()> {
        // What is deleted is overwritten, not left in free pages of a file that travels.
        copy.pragma_update(None, "secure_delete", "ON")?;
        copy.execute_batch("DELETE FROM draft; DELETE FROM sync_conflict; DELETE FROM sync_file;")?;
        // Not syncing until a device that takes it makes it its own (`sync_start`): a
        // join killed between the two leaves a journal that does not sync, never a second
        // device with this one's id.
        copy.execute("UPDATE sync_state SET sent = ?1, enabled = 0", [upto])?;
        copy.execute(
            "INSERT OR IGNORE INTO sync_seen (device, from_hlc, to_hlc, seen_at) VALUES (?1, 0, ?2, ?3)",
            params![device, upto, now],
        )?;
        Ok(())
    };
    copy_checked_then(journal, &path, key, &Quiet, Some(&adjust))?;
    Ok(path)
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
