//! Opening a file of the sync folder (a segment or a snapshot), whatever state the sync
//! tool delivered it in: still arriving, cut short, from a newer Rapport, or keyed with
//! another passphrase.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::super::files::APPLICATION_ID;
use super::super::key::Key;
use super::super::{Error, Result, SCHEMA_VERSION};

/// A folder file opened: not whole yet, or whole with its `user_version`.
pub(super) enum Opened {
    Incomplete,
    Whole(Connection, i64),
}

/// Opens a segment or a snapshot for reading with this journal's key, when it is whole:
/// as long as its pages say. A file that this key does not open is refused.
pub(super) fn open_whole(path: &Path, key: &Key) -> Result<Opened> {
    let Ok(size) = fs::metadata(path).map(|m| m.len()) else {
        return Ok(Opened::Incomplete);
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    key.apply(&conn)?;
    let pages = conn.query_row(
        // SQLCipher answers some pragmas as text.
        "SELECT CAST((SELECT page_count FROM pragma_page_count) AS INTEGER),
                CAST((SELECT page_size FROM pragma_page_size) AS INTEGER),
                CAST((SELECT user_version FROM pragma_user_version) AS INTEGER)",
        [],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
            ))
        },
    );
    let (page_count, page_size, version) = match pages {
        Ok(read) => read,
        Err(e) if is_not_a_database(&e) => {
            // A file cut inside its first page reads as no database at all.
            if size < 4096 {
                return Ok(Opened::Incomplete);
            }
            return Err(Error::Sync(format!(
                "{} cannot be read with this journal's key: every device must use the same passphrase (nothing was applied)",
                path.display()
            )));
        }
        // A file cut short of the pages its header counts reads as damaged: it is still
        // arriving (or was cut), and is read again at the next sync.
        Err(rusqlite::Error::SqliteFailure(e, _))
            if e.code == rusqlite::ErrorCode::DatabaseCorrupt =>
        {
            return Ok(Opened::Incomplete);
        }
        Err(e) => return Err(e.into()),
    };
    // SQLCipher keeps a reserve at the end of each page but counts whole pages all the same.
    if u64::try_from(page_count * page_size).ok() != Some(size) {
        return Ok(Opened::Incomplete);
    }
    Ok(Opened::Whole(conn, version))
}

/// The refusal of a file a newer Rapport wrote.
pub(super) fn newer(path: &Path) -> Error {
    Error::Sync(format!(
        "{} was written by a newer Rapport; update Rapport on this device to sync (nothing was applied)",
        path.display()
    ))
}

fn is_not_a_database(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(e, _) if e.code == rusqlite::ErrorCode::NotADatabase
    )
}

/// What a snapshot file's name ends with.
pub(crate) const SNAPSHOT_EXTENSION: &str = "snapshot";

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
pub(crate) enum SnapshotRead {
    Incomplete,
    Whole(Box<SnapshotFile>),
}

/// Reads a snapshot's header: whose it is and how far it goes. A file from a newer Rapport,
/// or one this journal's key does not open, is refused like a segment.
pub(super) fn read_snapshot(path: &Path, key: &Key) -> Result<SnapshotRead> {
    let (conn, version) = match open_whole(path, key)? {
        Opened::Incomplete => return Ok(SnapshotRead::Incomplete),
        Opened::Whole(conn, version) => (conn, version),
    };
    if version > SCHEMA_VERSION {
        return Err(newer(path));
    }
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let state = conn.query_row("SELECT device, sent FROM sync_state", [], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    });
    match state {
        Ok((device, upto)) if application_id == APPLICATION_ID && upto > 0 => {
            Ok(SnapshotRead::Whole(Box::new(SnapshotFile {
                path: path.to_path_buf(),
                device,
                upto,
                version,
                conn,
            })))
        }
        // Not a snapshot Rapport wrote whole: left alone, like a file still arriving.
        _ => Ok(SnapshotRead::Incomplete),
    }
}
