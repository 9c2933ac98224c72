//! The journal's files on disk, below opening, backing up and converting them: what marks
//! a database as a journal, reading a file's header without a key, what a failed open
//! means, private folders and files, the side files beside a journal and its backups
//! folder. Every store module that touches files takes these from here, so none of them
//! needs another for its plumbing.

use std::fs::{DirBuilder, File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use super::{Error, Result};

/// Marks a database as a Rapport journal ("RAPP" in the SQLite header's application id).
pub(super) const APPLICATION_ID: i64 = 0x5241_5050;

/// The ordered, append-only schema history: every `migrations/NNNN_*.sql`, listed in order by
/// `build.rs`. A journal's `PRAGMA user_version` says how many of these it has applied.
pub(super) const MIGRATIONS: &[&str] = include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Reads until `buf` is full or the file ends; how many bytes were read.
pub(super) fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// What a file's first bytes say about it, read without any key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealing {
    /// Nothing there yet, or an empty file: it becomes whatever it is first opened as.
    New,
    /// An ordinary SQLite file.
    Plain,
    /// Whole pages of what reads as random bytes: an encrypted journal (or something else
    /// altogether, which only a passphrase can tell).
    Encrypted,
    /// Neither: not an SQLite database, encrypted or not.
    Other,
}

pub(super) const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The smallest page SQLite (and so SQLCipher) writes: an encrypted file is whole pages.
const SMALLEST_PAGE: u64 = 512;

/// Reads the first bytes of `path` (never creating or changing it).
pub fn sealing(path: &Path) -> std::io::Result<Sealing> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Sealing::New),
        Err(e) => return Err(e),
    };
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Ok(Sealing::Other);
    }
    if meta.len() == 0 {
        return Ok(Sealing::New);
    }
    let mut header = [0u8; 16];
    let read = read_up_to(&mut file, &mut header)?;
    Ok(sealing_of(&header[..read], meta.len()))
}

/// What a file of `length` bytes is, from its `first` bytes (at least its first 16, when it
/// has them), for the callers that read its header anyway.
pub(super) fn sealing_of(first: &[u8], length: u64) -> Sealing {
    if length == 0 {
        Sealing::New
    } else if first.starts_with(SQLITE_MAGIC) {
        Sealing::Plain
    } else if length >= SMALLEST_PAGE * 2 && length.is_multiple_of(SMALLEST_PAGE) {
        Sealing::Encrypted
    } else {
        Sealing::Other
    }
}

pub(super) fn classify_open_error(error: rusqlite::Error, path: &Path) -> Error {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotADatabase(path.to_path_buf()),
        Some(ErrorCode::DatabaseCorrupt) => {
            Error::Corrupt(path.to_path_buf(), "its pages do not add up".into())
        }
        // SQLite reports a full disk as an I/O error when it cannot grow the shared-memory
        // file it needs before the first read.
        Some(ErrorCode::SystemIoFailure | ErrorCode::DiskFull) if no_space_left(path) => {
            Error::DiskFull
        }
        Some(ErrorCode::CannotOpen) => Error::ReadOnly(format!(
            "{} cannot be opened for writing, or its folder does not allow the journal's side files",
            path.display()
        )),
        _ => Error::from(error),
    }
}

/// True when the file system holding `path` has no space left for us.
fn no_space_left(path: &Path) -> bool {
    let place = if path.exists() {
        path
    } else {
        match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir,
            _ => Path::new("."),
        }
    };
    rustix::fs::statvfs(place).is_ok_and(|stats| stats.f_bavail == 0)
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
pub(crate) fn secure_file(path: &Path) -> Result<()> {
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

/// `<journal folder>/backups`.
pub(crate) fn backups_dir(journal: &Path) -> PathBuf {
    match journal.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join("backups"),
        _ => PathBuf::from("backups"),
    }
}

pub(super) fn side_file(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
