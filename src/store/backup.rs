//! Backups and restore.
//!
//! A backup is a consistent copy made with SQLite's online backup API in one step (one read
//! transaction, so another Rapport may keep writing meanwhile), written to a temp file in the
//! target folder, opened read-only and checked with `PRAGMA quick_check` (see `verify`),
//! and only then renamed into place: a failed backup never replaces a good one. A restore
//! checks its candidate with the full `PRAGMA integrity_check`.
//!
//! The rolling backups live in `backups/` beside the journal, named by local time
//! (`rapport-2026-11-23T140501.db`). Retention keeps the newest backup of each of the last
//! `DEFAULT_KEEP_DAILY` days that have one and of each of the last `DEFAULT_KEEP_WEEKLY`
//! ISO weeks that have one; safety copies made before a restore or a migration
//! (`before-restore-…`, `before-migration-…`) are never pruned.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Datelike, Local, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::files::{
    self, APPLICATION_ID, Sealing, classify_open_error, prepare_private_dir, read_up_to, side_file,
};
// The backups folder is part of what backing up means to its callers.
pub(crate) use super::files::backups_dir;

mod copy;
use super::key::Key;
use super::lock::JournalLock;
use super::progress::{Progress, Quiet, Unit};
use super::targets::{Existing, existing, follow_links, refuse_journal_target};
use super::temp::{self, TempFile};
use super::{Error, Result, SCHEMA_VERSION, Store};
pub(super) use copy::copy_pages;
use copy::{BUSY_TIMEOUT, write_copy};

/// How many days (that have a backup) keep their newest backup.
pub(crate) const DEFAULT_KEEP_DAILY: usize = 7;
/// How many ISO weeks (that have a backup) keep their newest backup.
pub(crate) const DEFAULT_KEEP_WEEKLY: usize = 8;

const ROLLING_PREFIX: &str = "rapport-";
const STAMP_FORMAT: &str = "%Y-%m-%dT%H%M%S";
/// How long a restore waits for other Rapports to close the journal before it refuses.
const RESTORE_PATIENCE: Duration = Duration::from_secs(1);

/// Which rolling backups survive pruning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub daily: usize,
    pub weekly: usize,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            daily: DEFAULT_KEEP_DAILY,
            weekly: DEFAULT_KEEP_WEEKLY,
        }
    }
}

/// A backup file that was written and passed its check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupFile {
    pub path: PathBuf,
    pub bytes: u64,
}

/// What a file in the backups folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackupKind {
    /// Part of the rolling set (automatic, or `rapport backup` without a path).
    Rolling,
    /// The journal as it was before a restore replaced it.
    BeforeRestore,
    /// The journal as it was before a newer Rapport migrated it.
    BeforeMigration,
    /// Any other `.db` file someone put there.
    Other,
}

/// One file in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListedBackup {
    pub path: PathBuf,
    pub bytes: u64,
    pub kind: BackupKind,
    /// When it was taken, read from its name.
    pub taken_at: Option<NaiveDateTime>,
    /// True when encrypted, false when plain, read from its first bytes; `None` when it is
    /// neither (not an SQLite database).
    pub encrypted: Option<bool>,
    /// Whether it opens with the journal's key (a plain backup of a plain journal: whether
    /// it opens at all); `None` when that could not be tried (an encrypted backup, and no
    /// passphrase given).
    pub opens_with_journal_key: Option<bool>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Restored {
    pub journal: PathBuf,
    pub from: PathBuf,
    /// The journal as it was before, when there was one.
    pub safety_copy: Option<PathBuf>,
}

/// The local time as it appears in backup names: `2026-11-23T140501`.
pub(crate) fn stamp(now: DateTime<Local>) -> String {
    now.format(STAMP_FORMAT).to_string()
}

impl Store {
    /// Copies the journal to `dest` (replacing a file there only once the copy passed its
    /// check).
    pub fn backup_to(&self, dest: &Path) -> Result<BackupFile> {
        copy_checked(&self.conn, dest, &self.key, &*self.progress)
    }

    /// Adds a backup to the rolling set beside the journal, then applies `keep`.
    pub fn backup_rolling(&self, keep: Retention) -> Result<BackupFile> {
        let dir = backups_dir(&self.path);
        let file = copy_checked(
            &self.conn,
            &free_rolling_name(&dir, self.now()),
            &self.key,
            &*self.progress,
        )?;
        prune_at(&dir, keep, self.now().naive_local())?;
        Ok(file)
    }
}

/// The daily automatic backup: when the rolling set has no backup from earlier today, one
/// is made and `keep` applied. Backups dated later than `now` (made once with a wrong
/// clock) do not count: they would stop the daily backup until their date. Works on its own read-only connection, so it can run on
/// a background thread beside an open [`Store`]. A journal that does not exist yet is
/// nothing to back up. An encrypted journal's backup is encrypted with the same `key`.
pub fn auto_backup_if_due(
    journal: &Path,
    now: DateTime<Local>,
    keep: Retention,
    key: &Key,
) -> Result<Option<BackupFile>> {
    if !journal.is_file() {
        return Ok(None);
    }
    // Kept out of the way of a restore, like every process that opens the journal.
    let _lock = JournalLock::shared(journal)?;
    if let Some(folder) = journal.parent().filter(|d| !d.as_os_str().is_empty()) {
        temp::sweep(folder);
    }
    let dir = backups_dir(journal);
    let today = now.date_naive();
    let now_local = now.naive_local();
    if rolling_backups(&dir)?
        .iter()
        .any(|(_, taken)| taken.date() == today && *taken <= now_local)
    {
        return Ok(None);
    }
    let source = open_read_only(journal, key)?;
    let application_id: i64 = source
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|e| classify_open_error(e, journal))?;
    if application_id != APPLICATION_ID {
        return Err(Error::ForeignDatabase(journal.to_path_buf()));
    }
    let file = copy_checked(&source, &free_rolling_name(&dir, now), key, &Quiet)?;
    prune_at(&dir, keep, now_local)?;
    Ok(Some(file))
}

/// Deletes the rolling backups in `dir` that `keep` does not keep: of the backups newest
/// first, the newest of each of the last `keep.daily` days that have one, and the newest of
/// each of the last `keep.weekly` ISO weeks that have one, stay (a backup may count for
/// both). The newest backup always stays. Returns what was deleted.
pub fn prune(dir: &Path, keep: Retention) -> Result<Vec<PathBuf>> {
    prune_at(dir, keep, NaiveDateTime::MAX)
}

/// [`prune`] as of `now`: backups dated later (made once with a wrong clock) are left out,
/// neither kept in place of real ones nor removed, so they can never make retention remove
/// the backup just made. A backup already removed (by another Rapport pruning at the same
/// time) is not an error.
pub(crate) fn prune_at(dir: &Path, keep: Retention, now: NaiveDateTime) -> Result<Vec<PathBuf>> {
    let mut backups = rolling_backups(dir)?;
    backups.retain(|(_, taken)| *taken <= now);
    // Newest first; of two taken in the same second, the `-2` one is the later.
    backups.sort_by_key(|(path, taken)| std::cmp::Reverse((*taken, same_second_rank(path))));
    let mut days = HashSet::new();
    let mut weeks = HashSet::new();
    let mut removed = Vec::new();
    for (index, (path, taken)) in backups.into_iter().enumerate() {
        let day = taken.date();
        let week = (day.iso_week().year(), day.iso_week().week());
        let mut kept = index == 0;
        if !days.contains(&day) && days.len() < keep.daily {
            days.insert(day);
            kept = true;
        }
        if !weeks.contains(&week) && weeks.len() < keep.weekly {
            weeks.insert(week);
            kept = true;
        }
        if !kept {
            match fs::remove_file(&path) {
                Ok(()) => removed.push(path),
                Err(e) if e.kind() == ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(Error::Io {
                        action: "remove the old backup",
                        path,
                        source,
                    });
                }
            }
        }
    }
    Ok(removed)
}

/// Every `.db` file in the journal's backups folder, newest first, each tried with `key`,
/// the journal's (`None`: the journal is encrypted and its passphrase was not given).
pub fn list(journal: &Path, key: Option<&Key>) -> Result<Vec<ListedBackup>> {
    let dir = backups_dir(journal);
    let mut found = Vec::new();
    for (path, name) in db_files(&dir)? {
        let (kind, taken_at) = if let Some(taken) = rolling_time(&name) {
            (BackupKind::Rolling, Some(taken))
        } else if let Some(rest) = name.strip_prefix("before-restore-") {
            (BackupKind::BeforeRestore, leading_time(rest))
        } else if let Some(rest) = name.strip_prefix("before-migration-") {
            let rest = rest.split_once('-').map_or(rest, |(_, after)| after);
            (BackupKind::BeforeMigration, leading_time(rest))
        } else {
            (BackupKind::Other, None)
        };
        let bytes = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let sealing = super::files::sealing(&path).unwrap_or(Sealing::Other);
        let journal_encrypted = key.is_none_or(Key::is_encrypted);
        let opens_with_journal_key = match (sealing, key) {
            (Sealing::Plain | Sealing::Encrypted, Some(key))
                if (sealing == Sealing::Encrypted) == journal_encrypted =>
            {
                Some(opens_with(&path, key))
            }
            (Sealing::Encrypted, None) => None,
            _ => Some(false),
        };
        found.push(ListedBackup {
            path,
            bytes,
            kind,
            taken_at,
            encrypted: match sealing {
                Sealing::Plain => Some(false),
                Sealing::Encrypted => Some(true),
                Sealing::New | Sealing::Other => None,
            },
            opens_with_journal_key,
        });
    }
    found.sort_by_key(|b| std::cmp::Reverse((b.taken_at, same_second_rank(&b.path))));
    Ok(found)
}

/// True when the database at `path` opens with `key` as a Rapport journal: the key is
/// right (an encrypted file's first page decrypts and passes its check) and it is ours.
pub fn opens_with(path: &Path, key: &Key) -> bool {
    let Ok(conn) = open_read_only(path, key) else {
        return false;
    };
    conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i64>(0))
        .is_ok_and(|id| id == APPLICATION_ID)
}

/// Replaces the journal with the backup `candidate`.
///
/// The candidate is checked first (an SQLite file, a Rapport journal, not from a newer
/// Rapport, passing `integrity_check`); a refusal changes nothing. Then the journal's WAL
/// is checkpointed, the journal is copied to `backups/before-restore-<time>.db`, the
/// candidate is copied (with the backup API, so a candidate in WAL mode comes whole) to a
/// temp file beside the journal, the journal's `-wal` and `-shm` files are removed and the
/// temp file is renamed over the journal.
///
/// Other Rapports must be closed: the whole restore, from the safety copy to the swap,
/// holds the journal's exclusive lock (see `lock.rs`), which is refused at once while any
/// other Rapport has the journal open, and which keeps every other Rapport from opening it
/// until the swap is done. A save can therefore never land between the safety copy and the
/// swap, nor in the replaced file.
///
/// An encrypted journal takes only a backup encrypted with its own `key`, and a plain one
/// only a plain backup: a restore never changes whether the journal is encrypted.
pub fn restore(
    journal: &Path,
    candidate: &Path,
    now: DateTime<Local>,
    key: &Key,
) -> Result<Restored> {
    // A journal kept as a link is restored where the link points; the link stays.
    let journal = &follow_links(journal);
    // Never restored into the middle of a conversion: it is finished or undone first.
    super::conversion::finish_interrupted_quietly(journal)?;
    let refuse = |reason: &str| Error::NotRestorable(candidate.to_path_buf(), reason.to_string());
    if same_file(candidate, journal) {
        return Err(refuse("it is the journal itself"));
    }
    check_candidate(candidate, key)?;
    if journal.is_dir() {
        return Err(Error::IsDirectory(journal.to_path_buf()));
    }
    if let Some(dir) = journal.parent().filter(|d| !d.as_os_str().is_empty()) {
        prepare_private_dir(dir)?;
    }
    let _lock = JournalLock::exclusive_within(journal, RESTORE_PATIENCE)?
        .ok_or_else(|| Error::InUse(journal.to_path_buf()))?;
    let safety_copy = if journal.exists() {
        Some(safety_copy(journal, now, key)?)
    } else {
        None
    };
    if let Some(dir) = journal.parent().filter(|d| !d.as_os_str().is_empty()) {
        temp::sweep(dir);
    }
    let (temp, _) = TempFile::beside(journal, "restore")?;
    copy_into(candidate, temp.path(), key)?;
    for suffix in ["-wal", "-shm"] {
        remove_if_present(&side_file(journal, suffix))?;
    }
    temp.persist(journal)?;
    Ok(Restored {
        journal: journal.to_path_buf(),
        from: candidate.to_path_buf(),
        safety_copy,
    })
}

/// Copies the database behind `source` to `dest` through a checked temp file. A link at
/// `dest` is followed (the file it points to is replaced, the link stays); a journal, its
/// side files, a device or a FIFO there is refused.
pub(super) fn copy_checked(
    source: &Connection,
    dest: &Path,
    key: &Key,
    progress: &dyn Progress,
) -> Result<BackupFile> {
    copy_checked_then(source, dest, key, progress, None)
}

/// What [`copy_checked_then`] runs on a copy before it is checked.
pub(super) type Adjust<'a> = dyn Fn(&Connection) -> Result<()> + 'a;

/// [`copy_checked`], with `adjust` run on the copy (open, keyed) before it is checked and
/// put in place: what the copy must not carry, or must say, that the journal does not.
pub(super) fn copy_checked_then(
    source: &Connection,
    dest: &Path,
    key: &Key,
    progress: &dyn Progress,
    adjust: Option<&Adjust<'_>>,
) -> Result<BackupFile> {
    let dest = &follow_links(dest);
    let dir = match dest.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match existing(dest)? {
        Existing::Directory => return Err(Error::IsDirectory(dest.to_path_buf())),
        Existing::Stream | Existing::Other => {
            return Err(Error::BackupFailed(
                dest.to_path_buf(),
                "it is not a regular file (a device or a FIFO), so it was left untouched".into(),
            ));
        }
        Existing::Nothing | Existing::File => {}
    }
    if let Some(journal) = source.path().filter(|p| !p.is_empty()) {
        refuse_journal_target(dest, Path::new(journal))?;
    }
    prepare_private_dir(&dir)?;
    temp::sweep(&dir);
    let (temp, _) = TempFile::beside(dest, "backup")?;
    write_copy(source, temp.path(), key, progress)?;
    if let Some(adjust) = adjust {
        let copy = Connection::open_with_flags(
            temp.path(),
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        key.apply(&copy)?;
        adjust(&copy)?;
        copy.close().map_err(|(_, e)| Error::from(e))?;
    }
    progress.stage("checking the copy", None, Unit::Steps);
    sync_and_verify(temp.path(), dest, key)?;
    // Measured before the rename: another Rapport pruning at the same time may remove it.
    let bytes = fs::metadata(temp.path()).map(|m| m.len()).unwrap_or(0);
    temp.persist(dest)?;
    Ok(BackupFile {
        path: dest.to_path_buf(),
        bytes,
    })
}

/// Syncs the copy to disk while checking it: one waits on the disk, the other on the
/// processor, and both are done before the copy may replace anything.
fn sync_and_verify(temp: &Path, dest: &Path, key: &Key) -> Result<()> {
    std::thread::scope(|scope| {
        let synced = scope.spawn(|| sync_file(temp));
        let verified = verify(temp, dest, key);
        let synced = synced.join().unwrap_or_else(|_| {
            Err(Error::BackupFailed(
                dest.to_path_buf(),
                "the copy could not be written to disk".into(),
            ))
        });
        verified.and(synced)
    })
}

/// The check every backup passes before it counts: a Rapport journal whose every page
/// SQLite can account for.
///
/// `PRAGMA quick_check` walks every table and index of the copy (the search index's own
/// tables too): each page well-formed and used exactly once, no page lost, every row
/// readable and within its NOT NULL and CHECK rules. It leaves out what `integrity_check`
/// adds, which on the large journal took three times as long as the copy itself: matching
/// each index entry against its row, and FTS5 re-reading every text to rebuild and compare
/// the search index. Both compare data the copy carries over page for page from the
/// journal, so they can fail only where the journal itself is damaged; `rapport check` and
/// every restore still run the full check. docs/backup-and-export.md says the same.
fn verify(temp: &Path, dest: &Path, key: &Key) -> Result<()> {
    let problem = |reason: String| Error::BackupFailed(dest.to_path_buf(), reason);
    if key.is_encrypted() && files::sealing(temp).ok() != Some(Sealing::Encrypted) {
        return Err(problem("the copy was not encrypted".into()));
    }
    let conn = open_read_only(temp, key)?;
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if application_id != APPLICATION_ID {
        return Err(problem("the copy is not a Rapport journal".into()));
    }
    // Without the FTS5 module this connection cannot run FTS5's own rebuild-and-compare
    // (which quick_check otherwise asks for); the search index's pages are still walked.
    // SAFETY: the handle is this open connection's, used on this thread only, and a null
    // list is the documented "keep no module".
    let dropped =
        unsafe { rusqlite::ffi::sqlite3_drop_modules(conn.handle(), std::ptr::null_mut()) };
    if dropped != rusqlite::ffi::SQLITE_OK {
        return Err(problem("the copy could not be checked".into()));
    }
    // Damage bad enough that SQLite stops reading comes back as an error, not a report.
    let report = check(&conn, "quick_check").unwrap_or_else(|e| vec![e.to_string()]);
    if report != ["ok"] {
        return Err(problem(format!(
            "the copy failed its integrity check: {}",
            report.first().map(String::as_str).unwrap_or("no answer")
        )));
    }
    Ok(())
}

fn integrity(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    check(conn, "integrity_check")
}

/// The lines of `PRAGMA integrity_check` or `PRAGMA quick_check`: `["ok"]` when healthy.
pub(super) fn check(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare(&format!("PRAGMA {pragma}"))?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect()
}

/// Opens a database for reading only, never creating it.
fn open_read_only(path: &Path, key: &Key) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify_open_error(e, path))?;
    key.apply(&conn)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Refuses a restore candidate that is not a healthy Rapport journal this Rapport can read.
fn check_candidate(candidate: &Path, key: &Key) -> Result<()> {
    let refuse = |reason: String| Error::NotRestorable(candidate.to_path_buf(), reason);
    let meta = fs::metadata(candidate).map_err(|e| {
        if e.kind() == ErrorKind::NotFound {
            refuse("there is no such file".into())
        } else {
            Error::Io {
                action: "read",
                path: candidate.to_path_buf(),
                source: e,
            }
        }
    })?;
    if meta.is_dir() {
        return Err(refuse("it is a directory".into()));
    }
    // A FIFO or a device would block or never end; only a file can be a backup.
    if !meta.is_file() {
        return Err(refuse("it is not a regular file".into()));
    }
    let mut header = [0u8; 100];
    let read = File::open(candidate)
        .and_then(|mut f| read_up_to(&mut f, &mut header))
        .map_err(|source| Error::Io {
            action: "read",
            path: candidate.to_path_buf(),
            source,
        })?;
    let sealing = files::sealing_of(&header[..read], meta.len());
    match (sealing, key.is_encrypted()) {
        (Sealing::Encrypted, false) => {
            return Err(refuse(
                "it is encrypted, or not an SQLite database at all, and the journal is not encrypted (encrypt the journal first, with the backup's passphrase)"
                    .into(),
            ));
        }
        (Sealing::Plain, true) => {
            return Err(refuse(
                "it is not encrypted and the journal is (decrypt the journal first)".into(),
            ));
        }
        (Sealing::Encrypted, true) => return check_candidate_contents(candidate, key),
        _ => {}
    }
    if read < header.len() || &header[..16] != files::SQLITE_MAGIC {
        return Err(refuse("it is not an SQLite database".into()));
    }
    let newer = |found: i64| {
        refuse(format!(
            "it was written by a newer Rapport (journal version {found}, this one knows up to {SCHEMA_VERSION})"
        ))
    };
    let header_version = i64::from(i32::from_be_bytes([
        header[60], header[61], header[62], header[63],
    ]));
    if header_version > SCHEMA_VERSION {
        return Err(newer(header_version));
    }
    check_candidate_contents(candidate, key)
}

/// The candidate as SQLite reads it: a Rapport journal this Rapport knows, whole.
fn check_candidate_contents(candidate: &Path, key: &Key) -> Result<()> {
    let refuse = |reason: String| Error::NotRestorable(candidate.to_path_buf(), reason);
    let newer = |found: i64| {
        refuse(format!(
            "it was written by a newer Rapport (journal version {found}, this one knows up to {SCHEMA_VERSION})"
        ))
    };
    let unreadable = if key.is_encrypted() {
        "it does not open with the journal's passphrase, or it is damaged"
    } else {
        "it is damaged: SQLite cannot read it"
    };
    let damaged = |_| refuse(unreadable.into());
    let conn = open_read_only(candidate, key).map_err(|_| refuse("it cannot be opened".into()))?;
    let (version, application_id): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(damaged)?;
    if application_id != APPLICATION_ID || version == 0 {
        return Err(refuse(
            "it is an SQLite database but not a Rapport journal".into(),
        ));
    }
    if version > SCHEMA_VERSION {
        return Err(newer(version));
    }
    let report = integrity(&conn).map_err(damaged)?;
    if report != ["ok"] {
        return Err(refuse(format!(
            "it is damaged (its integrity check says: {})",
            report.first().map(String::as_str).unwrap_or("no answer")
        )));
    }
    Ok(())
}

/// Keeps the journal as it is now in `backups/before-restore-<time>.db`: a checked copy
/// when the journal is healthy, its raw bytes when it is not (a damaged journal is the
/// usual reason to restore, and it is still the leader's).
fn safety_copy(journal: &Path, now: DateTime<Local>, key: &Key) -> Result<PathBuf> {
    let dir = backups_dir(journal);
    let dest = free_name(&dir, &format!("before-restore-{}", stamp(now)));
    let conn = Connection::open_with_flags(
        journal,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify_open_error(e, journal))?;
    key.apply(&conn)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    let checkpoint = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    });
    match checkpoint {
        Ok(0) => {}
        Ok(_) => return Err(Error::InUse(journal.to_path_buf())),
        Err(e)
            if matches!(
                e.sqlite_error_code(),
                Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
            ) =>
        {
            return Err(Error::InUse(journal.to_path_buf()));
        }
        // A journal SQLite cannot checkpoint is copied as it is below.
        Err(_) => {}
    }
    let copied = copy_checked(&conn, &dest, key, &Quiet);
    drop(conn);
    match copied {
        Ok(file) => Ok(file.path),
        Err(Error::Busy) => Err(Error::InUse(journal.to_path_buf())),
        Err(_) => raw_copy(journal, &dest),
    }
}

/// Copies the journal file and its WAL byte for byte.
fn raw_copy(journal: &Path, dest: &Path) -> Result<PathBuf> {
    prepare_private_dir(dest.parent().unwrap_or(Path::new(".")))?;
    for suffix in ["", "-wal"] {
        let from = side_file(journal, suffix);
        if !from.exists() {
            continue;
        }
        let to = side_file(dest, suffix);
        let (temp, _) = TempFile::beside(&to, "copy")?;
        fs::copy(&from, temp.path()).map_err(|source| Error::Io {
            action: "copy",
            path: from.clone(),
            source,
        })?;
        sync_file(temp.path())?;
        temp.persist(&to)?;
    }
    Ok(dest.to_path_buf())
}

/// Copies a checked candidate into a new private file with the backup API.
fn copy_into(candidate: &Path, temp: &Path, key: &Key) -> Result<()> {
    let source = open_read_only(candidate, key)?;
    write_copy(&source, temp, key, &Quiet)?;
    sync_file(temp)
}

/// `(path, taken at)` of every rolling backup in `dir`.
fn rolling_backups(dir: &Path) -> Result<Vec<(PathBuf, NaiveDateTime)>> {
    Ok(db_files(dir)?
        .into_iter()
        .filter_map(|(path, name)| rolling_time(&name).map(|taken| (path, taken)))
        .collect())
}

/// `(path, file name)` of every `.db` file in `dir`; none when the folder does not exist.
pub(super) fn db_files(dir: &Path) -> Result<Vec<(PathBuf, String)>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(Error::Io {
                action: "read the folder",
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    let mut found = Vec::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()).map(String::from) else {
            continue;
        };
        if name.ends_with(".db") && !name.starts_with('.') && path.is_file() {
            found.push((path, name));
        }
    }
    Ok(found)
}

/// The time in a rolling backup's name: `rapport-2026-11-23T140501.db`, or with `-2`,
/// `-3`… when two were taken in the same second.
fn rolling_time(name: &str) -> Option<NaiveDateTime> {
    let rest = name.strip_prefix(ROLLING_PREFIX)?.strip_suffix(".db")?;
    let (stamp_text, extra) = rest.split_at_checked(17)?;
    let suffix_ok = extra.is_empty()
        || extra
            .strip_prefix('-')
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    if !suffix_ok {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp_text, STAMP_FORMAT).ok()
}

/// 1 for `rapport-<time>.db`, n for `rapport-<time>-n.db`.
fn same_second_rank(path: &Path) -> u32 {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .and_then(|stem| stem.get(ROLLING_PREFIX.len() + 17..))
        .and_then(|rest| rest.strip_prefix('-'))
        .and_then(|n| n.parse().ok())
        .unwrap_or(1)
}

fn leading_time(text: &str) -> Option<NaiveDateTime> {
    let stamp_text = text.get(..17)?;
    NaiveDateTime::parse_from_str(stamp_text, STAMP_FORMAT).ok()
}

fn free_rolling_name(dir: &Path, now: DateTime<Local>) -> PathBuf {
    free_name(dir, &format!("{ROLLING_PREFIX}{}", stamp(now)))
}

/// `dir/<base>.db`, or `dir/<base>-2.db`… when that exists.
fn free_name(dir: &Path, base: &str) -> PathBuf {
    let first = dir.join(format!("{base}.db"));
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| dir.join(format!("{base}-{n}.db")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn remove_if_present(path: &Path) -> Result<()> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
        Err(source) => Err(Error::Io {
            action: "remove",
            path: path.to_path_buf(),
            source,
        }),
    }
}

fn sync_file(path: &Path) -> Result<()> {
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|source| Error::Io {
            action: "write",
            path: path.to_path_buf(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use std::io::{Seek, SeekFrom, Write};

    use super::*;
    use crate::domain::NewPerson;

    /// quick_check still stands between a damaged journal and the backups folder.
    #[test]
    fn a_damaged_page_fails_the_backup_check() {
        let dir = tempfile::TempDir::new().unwrap();
        let journal = dir.path().join("journal.db");
        let mut store = Store::open_with_clock(&journal, crate::clock::test_clock()).unwrap();
        for name in ["Priya", "Tomás", "Aiko"] {
            store
                .add_person(&NewPerson {
                    name: name.into(),
                    ..NewPerson::default()
                })
                .unwrap();
        }
        drop(store);
        let conn = Connection::open(&journal).unwrap();
        conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .unwrap();
        let (root, page_size): (i64, i64) = conn
            .query_row(
                "SELECT rootpage, (SELECT page_size FROM pragma_page_size)
                   FROM sqlite_master WHERE name = 'person'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        drop(conn);
        // An invalid page type where the person table's first page starts.
        let mut file = fs::OpenOptions::new().write(true).open(&journal).unwrap();
        let at = u64::try_from((root - 1) * page_size).unwrap();
        file.seek(SeekFrom::Start(at)).unwrap();
        file.write_all(&[0x07]).unwrap();
        drop(file);

        let store = Store::open_with_clock(&journal, crate::clock::test_clock()).unwrap();
        let dest = dir.path().join("copy.db");
        let failed = store.backup_to(&dest);
        assert!(
            matches!(failed, Err(Error::BackupFailed(_, ref why)) if why.contains("integrity")),
            "{failed:?}"
        );
        assert!(!dest.exists());
    }

    #[test]
    fn rolling_names() {
        let t = rolling_time("rapport-2026-11-23T140501.db").unwrap();
        assert_eq!(t.to_string(), "2026-11-23 14:05:01");
        assert!(rolling_time("rapport-2026-11-23T140501-2.db").is_some());
        assert!(rolling_time("rapport-2026-11-23T140501-x.db").is_none());
        assert!(rolling_time("rapport-2026-11-23.db").is_none());
        assert!(rolling_time("before-restore-2026-11-23T140501.db").is_none());
        assert!(leading_time("2026-11-23T140501.db").is_some());
        let rank = |name: &str| same_second_rank(Path::new(name));
        assert_eq!(rank("rapport-2026-11-23T140501.db"), 1);
        assert_eq!(rank("rapport-2026-11-23T140501-3.db"), 3);
    }
}
