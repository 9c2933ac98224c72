//! Opening a journal file: refuse what is not ours before SQLite writes a byte, create new
//! files private, set the pragmas, migrate.

use std::fs::{self, DirBuilder, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;

use chrono::{DateTime, Local};
use rusqlite::{Connection, ErrorCode, MAIN_DB, OpenFlags};
use rusqlite_migration::{M, Migrations};

use super::{Error, Result};

/// Marks a database as a Rapport journal ("RAPP" in the SQLite header's application id).
pub(super) const APPLICATION_ID: i64 = 0x5241_5050;

/// The ordered, append-only schema history. A journal's `PRAGMA user_version` says how many
/// of these it has applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_journal.sql"),
    include_str!("migrations/0002_search.sql"),
    include_str!("migrations/0003_insight_indexes.sql"),
];

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub(super) fn open_connection(path: &Path, now: DateTime<Local>) -> Result<Connection> {
    refuse_foreign_file(path)?;
    if !path.exists() {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            prepare_private_dir(dir)?;
        }
        secure_file(path)?;
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| classify_open_error(e, path))?;
    if conn.is_readonly(MAIN_DB).unwrap_or(false) {
        return Err(Error::ReadOnly(format!("{} is read-only", path.display())));
    }
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // The first read surfaces "not a database" and damage now, before anything is written.
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
        .map_err(|e| classify_open_error(e, path))?;
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
    configure(&conn).map_err(|e| classify_open_error(e, path))?;
    if version > 0 && version < SCHEMA_VERSION {
        // A migration rewrites the journal: keep it as it was first, and migrate nothing if
        // that copy cannot be made.
        let name = format!(
            "before-migration-v{version}-{}.db",
            super::backup::stamp(now)
        );
        super::backup::copy_checked(&conn, &super::backup::backups_dir(path).join(name))?;
    }
    migrate(&mut conn, path)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Deleted notes are overwritten, not left behind in free pages.
    conn.pragma_update(None, "secure_delete", "ON")?;
    Ok(())
}

fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let migrations = Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect());
    migrations.to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => classify_open_error(err, path),
        other => Error::Corrupt(path.to_path_buf(), other.to_string()),
    })?;
    // Only a new journal needs its mark: opening a journal must not write to it.
    let marked: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if marked != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(())
}

/// Checks the file's first bytes so that a file which is not an SQLite database is never
/// handed to SQLite at all, and a journal from a newer Rapport is refused unread.
fn refuse_foreign_file(path: &Path) -> Result<()> {
    let io = |action, source| Error::Io {
        action,
        path: path.to_path_buf(),
        source,
    };
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io("read", e)),
    };
    if meta.is_dir() {
        return Err(Error::IsDirectory(path.to_path_buf()));
    }
    if meta.len() == 0 {
        return Ok(());
    }
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path).map_err(|e| io("read", e))?;
    let read = read_up_to(&mut file, &mut header).map_err(|e| io("read", e))?;
    if read < header.len() || &header[..16] != SQLITE_MAGIC {
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
    Ok(())
}

fn read_up_to(file: &mut fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

pub(super) fn classify_open_error(error: rusqlite::Error, path: &Path) -> Error {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotADatabase(path.to_path_buf()),
        Some(ErrorCode::DatabaseCorrupt) => {
            Error::Corrupt(path.to_path_buf(), "its pages do not add up".into())
        }
        Some(ErrorCode::CannotOpen) => Error::ReadOnly(format!(
            "{} cannot be opened for writing, or its folder does not allow the journal's side files",
            path.display()
        )),
        _ => Error::from(error),
    }
}

/// Creates `dir` (and any missing parents) readable by the owner only. Folders that already
/// exist keep their permissions: they may be shared places the leader chose.
pub fn prepare_private_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(|source| Error::Io {
            action: "create the folder",
            path: dir.to_path_buf(),
            source,
        })
}

/// Creates an empty file readable and writable by the owner only, before anything (SQLite,
/// an exporter) writes private text into it. An existing file is left as it is.
pub fn secure_file(path: &Path) -> Result<()> {
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(Error::Io {
            action: "create",
            path: path.to_path_buf(),
            source,
        }),
    }
}
