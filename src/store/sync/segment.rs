//! The shared folder's files. Each device writes only its own:
//! `<folder>/<device>/<from>-<to>.rapport` (the clock range it covers, in hex), immutable
//! segments, each a small SQLite database (encrypted with the journal's key when
//! the journal is), written under a temp name and renamed whole. Beside them,
//! `rapport-sync.json` says which format the folder is in and whether it is encrypted.
//!
//! A reader trusts no file name: it reads every `*.rapport` file it finds (a sync tool's
//! "conflicted copy" of one is a duplicate, recognised by its header) and skips the names
//! sync tools give files still arriving (`.syncthing.*.tmp`, `~syncthing~*`, our own
//! `.…tmp`). A file shorter than its header says (still arriving, or cut) is left for later.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use rusqlite::types::Value as SqlValue;
use serde::{Deserialize, Serialize};

use super::super::key::Key;
use super::super::temp::TempFile;
use super::super::{Error, Result};
use super::folder_file::{
    Opened, SNAPSHOT_EXTENSION, SnapshotFile, SnapshotRead, newer, open_whole, read_snapshot,
};

/// The version of the segments' (and the applied files') format this Rapport writes and
/// reads.
pub(crate) const FORMAT: i64 = 1;

/// The version of the folder's format, in its marker. 2: the first device's records travel
/// as a snapshot of its journal (`snapshot.rs`), not as a segment; a Rapport that reads
/// only segments must not join such a folder. The segments themselves are unchanged, so
/// a device not yet updated keeps syncing through a folder it joined before.
pub(crate) const FOLDER_FORMAT: i64 = 2;

/// The file that marks a folder as a sync folder.
pub(crate) const MARKER: &str = "rapport-sync.json";

/// What a segment file's name ends with.
const EXTENSION: &str = "rapport";

#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Marker {
    pub format: i64,
    pub encrypted: bool,
}

/// One change as it travels: a field's new value (references as the UUID they name), a
/// record's making (`field` = `*`, no value) or its deletion (`field` = `-`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Change {
    pub record: Vec<u8>,
    pub field: String,
    pub tbl: String,
    pub value: SqlValue,
    pub hlc: i64,
    pub base: Option<i64>,
}

/// A segment read from the folder: whose it is, the clock range it covers, its changes.
#[derive(Debug)]
pub(crate) struct Segment {
    pub device: String,
    pub from_hlc: i64,
    pub to_hlc: i64,
    pub changes: Vec<Change>,
}

/// A segment file as last read whole: its size and time (which a sync tool keeps for a file
/// it has not changed) and the header it holds. A long-running Rapport (the interface)
/// keeps these, so that a sync does not open every file again (for an encrypted journal,
/// deriving the key anew for each) only to find it known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Header {
    len: u64,
    modified: Option<std::time::SystemTime>,
    device: String,
    from_hlc: i64,
    to_hlc: i64,
}

impl Header {
    /// The header as the journal keeps it between runs (`sync_file`): size, time in
    /// nanoseconds since 1970, device, clock range.
    pub(crate) fn row(&self) -> (i64, Option<i64>, &str, i64, i64) {
        let modified = self
            .modified
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .and_then(|d| i64::try_from(d.as_nanos()).ok());
        (
            i64::try_from(self.len).unwrap_or(i64::MAX),
            modified,
            &self.device,
            self.from_hlc,
            self.to_hlc,
        )
    }

    pub(crate) fn from_row(
        len: i64,
        modified: Option<i64>,
        device: String,
        from_hlc: i64,
        to_hlc: i64,
    ) -> Header {
        Header {
            len: u64::try_from(len).unwrap_or(0),
            modified: modified
                .and_then(|n| u64::try_from(n).ok())
                .map(|n| std::time::UNIX_EPOCH + std::time::Duration::from_nanos(n)),
            device,
            from_hlc,
            to_hlc,
        }
    }
}

/// Headers of the folder's files already read, by path.
pub(crate) type Headers = std::collections::HashMap<PathBuf, Header>;

/// What reading the folder found besides the segments to apply.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub segments: Vec<Segment>,
    /// Files still arriving or cut short: read again at the next sync.
    pub incomplete: usize,
    /// Segments this journal had already applied or written.
    pub known: usize,
    /// The header of every file read whole, to be kept once its changes are applied.
    pub headers: Headers,
    /// Snapshots of another device's journal not yet applied, open for reading.
    pub snapshots: Vec<SnapshotFile>,
}

pub(crate) fn marker_path(folder: &Path) -> PathBuf {
    folder.join(MARKER)
}

/// Reads the folder's marker: `None` when the folder has none.
pub(crate) fn read_marker(folder: &Path) -> Result<Option<Marker>> {
    let path = marker_path(folder);
    let text = match fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(Error::Io {
                action: "read",
                path,
                source,
            });
        }
    };
    let marker: Marker = serde_json::from_str(&text).map_err(|_| {
        Error::Sync(format!(
            "{} is not a Rapport sync folder's marker; nothing was synced",
            path.display()
        ))
    })?;
    if marker.format > FOLDER_FORMAT {
        return Err(newer(&path));
    }
    Ok(Some(marker))
}

pub(crate) fn write_marker(folder: &Path, marker: &Marker) -> Result<()> {
    write_json(&marker_path(folder), marker)
}

/// Writes `value` as JSON to `path`, whole or not at all (a private temp file renamed).
fn write_json(path: &Path, value: &impl Serialize) -> Result<()> {
    let (temp, _) = TempFile::beside(path, "sync")?;
    let text = serde_json::to_string_pretty(value).map_err(|e| Error::Sync(e.to_string()))?;
    fs::write(temp.path(), text).map_err(|source| Error::Io {
        action: "write",
        path: temp.path().to_path_buf(),
        source,
    })?;
    temp.persist(path)
}

/// The file each device keeps beside its segments saying how far it has applied each
/// device's segments (the clock up to which it holds them all), so that the others can
/// tell which devices are behind them. Rewritten whole by its one writer.
pub(crate) const APPLIED: &str = "applied.json";

#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct AppliedFile {
    pub format: i64,
    /// Device id → the clock up to which this device holds every one of its segments.
    pub applied: std::collections::BTreeMap<String, i64>,
}

/// Writes `device`'s applied file when it says something new.
pub(crate) fn write_applied(folder: &Path, device: &str, applied: &AppliedFile) -> Result<()> {
    let dir = folder.join(device);
    super::super::prepare_private_dir(&dir)?;
    let path = dir.join(APPLIED);
    if read_applied_file(&path).as_ref() == Some(applied) {
        return Ok(());
    }
    write_json(&path, applied)
}

/// Every other device's applied file that can be read, by device (a file still arriving,
/// or from a newer Rapport, is left out: that device counts as not having said).
pub(crate) fn read_applied(folder: &Path) -> std::collections::BTreeMap<String, AppliedFile> {
    let mut found = std::collections::BTreeMap::new();
    let Ok(entries) = fs::read_dir(folder) else {
        return found;
    };
    for entry in entries.flatten() {
        let Some(device) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        if let Some(file) = read_applied_file(&entry.path().join(APPLIED))
            && file.format <= FORMAT
        {
            found.insert(device, file);
        }
    }
    found
}

fn read_applied_file(path: &Path) -> Option<AppliedFile> {
    serde_json::from_str(&fs::read_to_string(path).ok()?).ok()
}

/// Writes a segment of `device`'s changes into its folder, whole or not at all, and returns
/// its path. It is named by the clock range it covers, so it never replaces another: a
/// segment left by a sync killed before the journal recorded it stays beside the one that
/// covers it again (applying both is applying it once), and a journal restored from a
/// backup writes new names.
pub(crate) fn write(
    folder: &Path,
    device: &str,
    key: &Key,
    range: (i64, i64),
    changes: &[Change],
) -> Result<PathBuf> {
    let dir = folder.join(device);
    super::super::prepare_private_dir(&dir)?;
    let path = dir.join(format!("{:016x}-{:016x}.{EXTENSION}", range.0, range.1));
    let (temp, _) = TempFile::beside(&path, "sync")?;
    {
        let conn = Connection::open(temp.path())?;
        key.apply(&conn)?;
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(&format!(
            "PRAGMA user_version = {FORMAT};
             CREATE TABLE segment (format INTEGER NOT NULL, device TEXT NOT NULL,
                                   from_hlc INTEGER NOT NULL, to_hlc INTEGER NOT NULL,
                                   changes INTEGER NOT NULL);
             CREATE TABLE change (record BLOB NOT NULL, field TEXT NOT NULL, tbl TEXT NOT NULL,
                                  value ANY, hlc INTEGER NOT NULL, base INTEGER);"
        ))?;
        tx.execute(
            "INSERT INTO segment VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![FORMAT, device, range.0, range.1, changes.len() as i64],
        )?;
        {
            let mut insert = tx.prepare("INSERT INTO change VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
            for c in changes {
                insert.execute(rusqlite::params![
                    c.record, c.field, c.tbl, c.value, c.hlc, c.base
                ])?;
            }
        }
        tx.commit()?;
        conn.close().map_err(|(_, e)| e)?;
    }
    fs::File::open(temp.path())
        .and_then(|f| f.sync_all())
        .map_err(|source| Error::Io {
            action: "write",
            path: temp.path().to_path_buf(),
            source,
        })?;
    temp.persist(&path)?;
    Ok(path)
}

/// Every segment and snapshot file in the folder, by path: in the folder itself and one level down.
fn segment_files(folder: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut dirs = vec![(folder.to_path_buf(), 0)];
    while let Some((dir, depth)) = dirs.pop() {
        let entries = fs::read_dir(&dir).map_err(|source| Error::Io {
            action: "read the folder",
            path: dir.clone(),
            source,
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            // Files still arriving: Syncthing's and Rapport's own temp names.
            if name.starts_with('.') || name.starts_with('~') || name.ends_with(".tmp") {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && depth == 0 {
                dirs.push((entry.path(), depth + 1));
            } else if kind.is_file()
                && (name.ends_with(&format!(".{EXTENSION}"))
                    || name.ends_with(&format!(".{}", SNAPSHOT_EXTENSION)))
            {
                files.push(entry.path());
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Every snapshot in the folder that is whole, open for reading.
pub(crate) fn snapshots(folder: &Path, key: &Key) -> Result<Vec<SnapshotFile>> {
    let mut found = Vec::new();
    for path in segment_files(folder)? {
        if path.extension().is_some_and(|e| e == SNAPSHOT_EXTENSION)
            && let SnapshotRead::Whole(snapshot) = read_snapshot(&path, key)?
        {
            found.push(*snapshot);
        }
    }
    Ok(found)
}

/// Reads the segments not yet applied (`seen` says which were). A segment
/// from a newer Rapport stops everything: nothing is applied. A segment this journal's key
/// does not open (another passphrase) stops everything too.
/// `headers` holds the files read before: one unchanged since, whose header `seen`
/// says was applied, is not opened again (a journal restored from a backup has not seen
/// it, and reads it whole).
pub(crate) fn read_all(
    folder: &Path,
    key: &Key,
    seen: &dyn Fn(&str, i64, i64) -> bool,
    headers: &Headers,
) -> Result<Found> {
    let mut found = Found::default();
    let mut taken = std::collections::HashSet::new();
    for path in segment_files(folder)? {
        let stamp = fs::metadata(&path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()));
        if let (Some(header), Some((len, modified))) = (headers.get(&path), stamp)
            && header.len == len
            && header.modified == modified
            && seen(&header.device, header.from_hlc, header.to_hlc)
        {
            found.known += 1;
            found.headers.insert(path, header.clone());
            continue;
        }
        // A segment already applied, or read from another copy, is known by its header:
        // its changes are not read again.
        let known = |device: &str, from: i64, to: i64| {
            seen(device, from, to) || taken.contains(&(device.to_string(), from, to))
        };
        let read = if path.extension().is_some_and(|e| e == SNAPSHOT_EXTENSION) {
            match read_snapshot(&path, key)? {
                SnapshotRead::Incomplete => Read::Incomplete,
                SnapshotRead::Whole(found) if known(&found.device, 0, found.upto) => {
                    Read::Known(found.device, 0, found.upto)
                }
                SnapshotRead::Whole(found) => Read::Snapshot(found),
            }
        } else {
            read_one(&path, key, &known)?
        };
        let header = |(device, from_hlc, to_hlc): (&str, i64, i64)| {
            stamp.map(|(len, modified)| Header {
                len,
                modified,
                device: device.to_string(),
                from_hlc,
                to_hlc,
            })
        };
        match read {
            Read::Incomplete => found.incomplete += 1,
            Read::Known(device, from, to) => {
                found.known += 1;
                if let Some(header) = header((&device, from, to)) {
                    found.headers.insert(path, header);
                }
            }
            Read::New(segment) => {
                taken.insert((segment.device.clone(), segment.from_hlc, segment.to_hlc));
                if let Some(header) = header((&segment.device, segment.from_hlc, segment.to_hlc)) {
                    found.headers.insert(path, header);
                }
                found.segments.push(segment);
            }
            Read::Snapshot(snapshot) => {
                taken.insert((snapshot.device.clone(), 0, snapshot.upto));
                if let Some(header) = header((&snapshot.device, 0, snapshot.upto)) {
                    found.headers.insert(path, header);
                }
                found.snapshots.push(*snapshot);
            }
        }
    }
    Ok(found)
}

/// What reading one file found.
enum Read {
    /// Not whole yet: shorter than its pages, or fewer changes than its header counts.
    Incomplete,
    /// A segment already applied or read: its device and clock range.
    Known(String, i64, i64),
    New(Segment),
    Snapshot(Box<SnapshotFile>),
}

/// Reads one segment, unless `known` says it was applied or read already.
fn read_one(path: &Path, key: &Key, known: &dyn Fn(&str, i64, i64) -> bool) -> Result<Read> {
    let (conn, version) = match open_whole(path, key)? {
        Opened::Incomplete => return Ok(Read::Incomplete),
        Opened::Whole(conn, version) => (conn, version),
    };
    if version > FORMAT {
        return Err(newer(path));
    }
    let header = conn.query_row(
        "SELECT format, device, from_hlc, to_hlc, changes FROM segment",
        [],
        |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        },
    );
    let Ok((format, device, from_hlc, to_hlc, count)) = header else {
        return Ok(Read::Incomplete);
    };
    if format > FORMAT {
        return Err(newer(path));
    }
    if known(&device, from_hlc, to_hlc) {
        return Ok(Read::Known(device, from_hlc, to_hlc));
    }
    let mut stmt = conn.prepare("SELECT record, field, tbl, value, hlc, base FROM change")?;
    let changes: rusqlite::Result<Vec<Change>> = stmt
        .query_map([], |r| {
            Ok(Change {
                record: r.get(0)?,
                field: r.get(1)?,
                tbl: r.get(2)?,
                value: r.get(3)?,
                hlc: r.get(4)?,
                base: r.get(5)?,
            })
        })?
        .collect();
    match changes {
        Ok(changes) if changes.len() as i64 == count => Ok(Read::New(Segment {
            device,
            from_hlc,
            to_hlc,
            changes,
        })),
        _ => Ok(Read::Incomplete),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads the folder, none of its segments applied (`seen` false) or all (true).
    fn read(folder: &Path, seen: bool, headers: &Headers) -> Result<Found> {
        read_all(folder, &Key::plain(), &|_, _, _| seen, headers)
    }

    #[test]
    fn a_file_read_before_and_unchanged_is_not_opened_again_once_applied() {
        let dir = tempfile::tempdir().expect("a temp folder");
        let change = Change {
            record: vec![7; 16],
            field: "*".into(),
            tbl: "person".into(),
            value: SqlValue::Null,
            hlc: 5,
            base: None,
        };
        let path = write(dir.path(), "device", &Key::plain(), (0, 5), &[change])
            .expect("the segment is written");
        let first = read(dir.path(), false, &Headers::new()).expect("read");
        assert_eq!(first.segments.len(), 1);
        assert_eq!(first.headers.len(), 1, "its header is kept");
        // The same size and time, other bytes: only a file opened again would notice.
        let modified = fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("a time");
        let len = fs::metadata(&path).expect("a size").len();
        fs::write(&path, vec![0xA5; usize::try_from(len).expect("small")]).expect("written");
        fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(modified))
            .expect("its time put back");
        let again = read(dir.path(), true, &first.headers).expect("not opened");
        assert_eq!((again.known, again.segments.len()), (1, 0));
        // Without the kept headers, or when the journal has not applied it (restored from
        // an older backup), the file is opened, and here found unreadable.
        assert!(read(dir.path(), true, &Headers::new()).is_err());
        assert!(read(dir.path(), false, &first.headers).is_err());
    }
}
