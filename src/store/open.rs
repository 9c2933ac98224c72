//! Opening a journal file: refuse what is not ours before SQLite writes a byte, create new
//! files private, set the pragmas, migrate.

use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Local};
use rusqlite::{Connection, MAIN_DB, OpenFlags};
use rusqlite_migration::{M, Migrations};

use super::files::{
    self, APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Sealing, classify_open_error,
    prepare_private_dir, read_up_to, secure_file,
};
use super::key::Key;
use super::lock::JournalLock;
use super::{Error, Result};

pub(super) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// Which file a path names: its device and inode. A journal renamed over (a restore by
/// another program) or removed has another identity, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileIdentity {
    device: u64,
    inode: u64,
}

impl FileIdentity {
    pub(super) fn of(path: &Path) -> Option<FileIdentity> {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|meta| FileIdentity {
            device: meta.dev(),
            inode: meta.ino(),
        })
    }
}

/// An open journal: the connection, the shared lock held for as long as it is open, and the
/// file it opened.
pub(super) struct Opened {
    pub conn: Connection,
    pub lock: JournalLock,
    pub identity: FileIdentity,
}

/// How long opening waits for another Rapport to finish creating or migrating the journal.
const WAIT_FOR_SETUP: Duration = Duration::from_secs(30);

/// Opens the journal under its lock (see `lock.rs`), held from before the first byte is
/// written until the journal is closed, so no restore swaps the file underneath.
///
/// A journal that is ready (this Rapport's schema) is opened under the shared lock. One that
/// must be created or migrated is set up under the exclusive lock, which is then turned
/// into a shared one: a second Rapport never sees a journal half set up (its tables made but
/// not yet marked as Rapport's) nor runs the same migration at once. Whether a journal is
/// ready is read through SQLite, since a new journal's schema may still be in its WAL.
pub(super) fn open_connection(path: &Path, now: DateTime<Local>, key: &Key) -> Result<Opened> {
    // A conversion a crash left half done is finished or undone first (see cipher::convert).
    super::conversion::finish_interrupted_quietly(path)?;
    let started = Instant::now();
    loop {
        let found = refuse_foreign_file(path, key)?;
        if found.is_some_and(|size| size > 0) {
            let lock = JournalLock::shared(path)?;
            let mut conn = connect(path, key)?;
            let state = read_state(&conn, path, key)?;
            if state.version == SCHEMA_VERSION {
                configure(&conn).map_err(|e| classify_open_error(e, path))?;
                super::sync::triggers::mend_if_missing(&mut conn)?;
                let identity = FileIdentity::of(path).ok_or(Error::Replaced)?;
                return Ok(Opened {
                    conn,
                    lock,
                    identity,
                });
            }
        }
        if found.is_none()
            && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        {
            prepare_private_dir(dir)?;
        }
        if let Some(lock) = JournalLock::exclusive_now(path)? {
            return set_up(path, now, lock, key);
        }
        if started.elapsed() > WAIT_FOR_SETUP {
            return Err(Error::BeingReplaced(path.to_path_buf()));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Creates or migrates the journal while holding its exclusive `lock`; returns it open,
/// under the shared lock.
fn set_up(path: &Path, now: DateTime<Local>, lock: JournalLock, key: &Key) -> Result<Opened> {
    // Looked at again: another Rapport may have made or removed it meanwhile.
    match refuse_foreign_file(path, key)? {
        None => secure_file(path)?,
        // An empty file becomes the journal: private, like a journal Rapport creates.
        Some(0) => {
            fs::set_permissions(path, fs::Permissions::from_mode(0o600)).map_err(|source| {
                Error::Io {
                    action: "make private",
                    path: path.to_path_buf(),
                    source,
                }
            })?
        }
        Some(_) => {}
    }
    let mut conn = connect(path, key)?;
    let state = read_state(&conn, path, key)?;
    configure(&conn).map_err(|e| classify_open_error(e, path))?;
    if state.version > 0 && state.version < SCHEMA_VERSION {
        // A migration rewrites the journal: keep it as it was first, and migrate nothing if
        // that copy cannot be made.
        let name = format!(
            "before-migration-v{}-{}.db",
            state.version,
            super::backup::stamp(now)
        );
        super::backup::copy_checked(
            &conn,
            &files::backups_dir(path).join(name),
            key,
            &super::progress::Quiet,
        )?;
    }
    migrate(&mut conn, path)?;
    if state.version > 0 && state.version < SCHEMA_VERSION {
        give_back_free_pages(&conn);
    }
    let identity = FileIdentity::of(path).ok_or(Error::Replaced)?;
    let lock = lock.downgrade()?;
    // Nothing may have replaced the file while the lock changed hands.
    if FileIdentity::of(path) != Some(identity) {
        return Err(Error::Replaced);
    }
    Ok(Opened {
        conn,
        lock,
        identity,
    })
}

/// A connection to the journal at `path`, keyed, that has read nothing yet.
pub(super) fn connect(path: &Path, key: &Key) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify_open_error(e, path))?;
    key.apply(&conn)
        .map_err(|e| match classify_open_error(e, path) {
            Error::NotADatabase(path) if key.is_encrypted() => Error::WrongPassphrase(path),
            other => other,
        })?;
    if conn.is_readonly(MAIN_DB).unwrap_or(false) {
        return Err(Error::ReadOnly(format!("{} is read-only", path.display())));
    }
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// What the journal says of itself through SQLite.
struct State {
    version: i64,
}

/// The first read: surfaces "not a database" and damage now, before anything is written,
/// and refuses a journal from a newer Rapport or another program.
fn read_state(conn: &Connection, path: &Path, key: &Key) -> Result<State> {
    let (version, application_id, tables) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id),
                    (SELECT count(*) FROM sqlite_master)",
            [],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                ))
            },
        )
        .map_err(|e| match classify_open_error(e, path) {
            // With a key, pages that do not decrypt read as "not a database".
            Error::NotADatabase(path) if key.is_encrypted() => Error::WrongPassphrase(path),
            other => other,
        })?;
    if version > SCHEMA_VERSION {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let ours =
        application_id == APPLICATION_ID || (version == 0 && tables == 0 && application_id == 0);
    if !ours {
        return Err(Error::ForeignDatabase(path.to_path_buf()));
    }
    Ok(State { version })
}

/// The interface's page cache, in KiB (SQLite's default, which a command keeps, is 2 MiB).
/// A page read from an encrypted file costs its decryption and HMAC check as well; a
/// person's history spans a few hundred pages, so the default cache forgets the person just
/// left before the leader comes back to them. A plain journal's pages come from the
/// system's cache, but each is still a system call and a copy: Today alone touches more
/// than 2 MiB of pages, and with the default cache a fifth of its time went to copying them
/// again on every read. A command reads most pages once and leaves, and each page a cache
/// takes beyond what it already holds is a fresh page of memory for the system to fault in
/// and clear: with this cache, an eighth of `timeline --tag T --limit 10000` went to that
/// (0.13 s against 0.11 s with the default).
pub(super) const INTERFACE_CACHE_KIB: i64 = 16 * 1024;

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted notes are overwritten, not left behind in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    // Search ranks with it (see ranking.rs).
    super::ranking::register(conn)?;
    Ok(())
}

/// A migration that drops a large table (migration 9 dropped the search index's copy of
/// the texts: a sixth of the ten-year journal) or indexes (migration 13: a twentieth) leaves
/// their pages free inside the file, which only new writes would fill again. When more than
/// a twenty-fifth of the file is free, it is rewritten without them: once, right after
/// migrating, under the exclusive lock (about 20 s for the ten-year journal). `VACUUM`
/// is all-or-nothing: if it cannot finish (a full disk), the journal stays as migrated,
/// only larger than it needs to be, so a failure is not an error.
fn give_back_free_pages(conn: &Connection) {
    let pages = |pragma: &str| {
        conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get::<_, i64>(0))
            .unwrap_or(0)
    };
    if pages("freelist_count") * 25 > pages("page_count") && conn.execute_batch("VACUUM").is_ok() {
        // The rewritten file went through the WAL: fold it in and empty it.
        let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }
}

pub(super) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    // A migration that makes a table anew (SQLite cannot change a column's type in place)
    // drops the old one, which with foreign keys on would first delete every row referring
    // to it: they are off while migrations run, as SQLite's ALTER TABLE page asks. They are
    // not checked afterwards: such a migration copies every id as it was, and a journal
    // that already held a broken reference (written by another program) must still open,
    // for `rapport check` to report it.
    // A new journal is marked as Rapport's before its tables are made: marked after, a
    // Rapport killed in between would leave tables without the mark, a file every later
    // open refuses as another program's. Only a new journal needs it: opening a journal
    // must not write to it.
    let marked: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if marked != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    #[cfg(feature = "fault-injection")]
    if super::fault::armed("setup-kill") {
        std::process::abort();
    }
    let migrations = Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect());
    let version = |conn: &Connection| -> rusqlite::Result<i64> {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
    };
    let before = version(conn)?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let migrated = migrations.to_latest(conn);
    conn.pragma_update(None, "foreign_keys", "ON")?;
    migrated.map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => classify_open_error(err, path),
        other => Error::Corrupt(path.to_path_buf(), other.to_string()),
    })?;
    if version(conn)? != before {
        // A migration may have given a synced table a column its triggers must watch.
        super::sync::triggers::renew_if_syncing(conn)?;
    }
    Ok(())
}

/// Checks the file's first bytes so that a file which is not an SQLite database is never
/// handed to SQLite at all, and a journal from a newer Rapport or one cut short is refused
/// unread. Returns the file's size, `None` when there is no file yet.
///
/// An encrypted journal's header is encrypted too: with a key, only SQLCipher can tell (the
/// first read), and a plain journal is refused so that nobody believes it encrypted;
/// without one, whole pages of random-looking bytes are told apart as encrypted.
fn refuse_foreign_file(path: &Path, key: &Key) -> Result<Option<u64>> {
    let io = |action, source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    };
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io("read", e)),
    };
    if meta.is_dir() {
        return Err(Error::IsDirectory(path.to_path_buf()));
    }
    // A device or a FIFO is never handed to SQLite, which would chmod it and leave a
    // rollback journal beside it before failing.
    if !meta.is_file() {
        return Err(Error::NotAFile(path.to_path_buf()));
    }
    if meta.len() == 0 {
        return Ok(Some(0));
    }
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path).map_err(|e| io("read", e))?;
    let read = read_up_to(&mut file, &mut header).map_err(|e| io("read", e))?;
    match (
        files::sealing_of(&header[..read], meta.len()),
        key.is_encrypted(),
    ) {
        (Sealing::Plain, true) => return Err(Error::NotEncrypted(path.to_path_buf())),
        (Sealing::Encrypted, false) => return Err(Error::Encrypted(path.to_path_buf())),
        (_, true) => return Ok(Some(meta.len())),
        _ => {}
    }
    if read < header.len() || &header[..16] != files::SQLITE_MAGIC {
        return Err(Error::NotADatabase(path.to_path_buf()));
    }
    let field = |at: usize| {
        i64::from(i32::from_be_bytes([
            header[at],
            header[at + 1],
            header[at + 2],
            header[at + 3],
        ]))
    };
    let version = field(60);
    if version > SCHEMA_VERSION {
        return Err(Error::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    // The header says how many pages the file holds when its two change counters agree.
    // A file shorter than that, with no WAL or rollback journal that could still complete
    // it, was cut off: SQLite would only notice on the first page it misses, perhaps in the
    // middle of a save.
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        size => u64::from(size),
    };
    let pages = field(28) as u32 as u64;
    let counted = field(24) == field(92) && pages > 0;
    let pending = ["-wal", "-journal"].iter().any(|suffix| {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        fs::metadata(&side).is_ok_and(|m| m.len() > 0)
    });
    if counted && !pending && meta.len() < pages * page_size {
        return Err(Error::Corrupt(
            path.to_path_buf(),
            "the file is shorter than its header says: it was cut off".into(),
        ));
    }
    Ok(Some(meta.len()))
}

/// After a command was refused on a journal it had just created: removes that journal (and
/// its side files and lock file) when it holds nothing at all, so a mistyped `--db` path or
/// a refused first command leaves no empty journal behind. Never while another process has
/// it open (that process may have made it its own meanwhile): the removal holds the
/// journal's exclusive lock. Returns true when it was removed.
pub(crate) fn remove_if_blank(path: &Path) -> bool {
    let Ok(Some(lock)) = JournalLock::exclusive_now(path) else {
        return false;
    };
    let blank = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == 0 => true,
        Ok(meta) if meta.is_file() => holds_nothing(path).unwrap_or(false),
        Err(e) if e.kind() == ErrorKind::NotFound => true,
        _ => false,
    };
    if blank {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut file = path.as_os_str().to_owned();
            file.push(suffix);
            let _ = fs::remove_file(&file);
        }
        lock.remove_file();
    }
    blank
}

/// True when the database at `path` is a Rapport journal (or an untouched SQLite file) whose
/// own tables are all empty. The search index's internal tables are not counted.
fn holds_nothing(path: &Path) -> rusqlite::Result<bool> {
    // An encrypted journal cannot be read here: it is never taken for a blank one.
    if files::sealing(path).ok() != Some(Sealing::Plain) {
        return Ok(false);
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    holds_nothing_in(&conn)
}

/// [`holds_nothing`] for a journal already open.
pub(super) fn holds_nothing_in(conn: &Connection) -> rusqlite::Result<bool> {
    let application_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if application_id != APPLICATION_ID && application_id != 0 {
        return Ok(false);
    }
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master
              WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                AND sql NOT LIKE 'CREATE VIRTUAL%'
                AND name NOT IN (SELECT v.name || '_' || s.suffix
                                   FROM sqlite_master v,
                                        (SELECT 'data' AS suffix UNION SELECT 'idx'
                                         UNION SELECT 'content' UNION SELECT 'docsize'
                                         UNION SELECT 'config') s
                                  WHERE v.sql LIKE 'CREATE VIRTUAL%')",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables {
        let any: bool = conn.query_row(
            &format!(
                "SELECT EXISTS (SELECT 1 FROM \"{}\")",
                table.replace('"', "\"\"")
            ),
            [],
            |r| r.get(0),
        )?;
        if any {
            return Ok(false);
        }
    }
    Ok(true)
}
