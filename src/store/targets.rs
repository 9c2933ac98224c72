//! The files Rapport is asked to write (exports, backups, safety copies) or read (imports,
//! restore candidates), and the journal path itself: links are followed to the real file,
//! and nothing that is a journal, one of its side files, a device or a FIFO is replaced.

use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use super::lock::lock_path;
use super::{Error, Result};

/// The side files SQLite and Rapport keep beside a journal.
const SIDE_SUFFIXES: [&str; 4] = ["-wal", "-shm", "-journal", ".lock"];

/// Links deeper than this are a loop (the kernel's own limit is 40).
const MAX_LINKS: usize = 40;

/// The real file a path names, following symbolic links (even one that points at a file not
/// made yet), so that a journal or a target kept as a link into a synced folder is written
/// where the link points instead of the link being replaced by a file.
pub(crate) fn follow_links(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let is_link = fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            return current;
        }
        let Ok(target) = fs::read_link(&current) else {
            return current;
        };
        let next = match current.parent() {
            Some(dir) if target.is_relative() => dir.join(target),
            _ => target,
        };
        // A link the kernel resolves although its text names no file (`/dev/stdout` to
        // `/proc/self/fd/1` to "pipe:[…]") is used as it is.
        if fs::symlink_metadata(&next).is_err() && fs::metadata(&current).is_ok() {
            return current;
        }
        current = next;
    }
    current
}

/// What exists at a path (after links): nothing, a regular file, or something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Existing {
    Nothing,
    File,
    Directory,
    /// A character device (`/dev/null`, a terminal) or a FIFO: written in place, never
    /// replaced.
    Stream,
    /// A block device, a socket: never written.
    Other,
}

pub(crate) fn existing(path: &Path) -> Result<Existing> {
    match fs::metadata(path) {
        Ok(meta) => {
            let kind = meta.file_type();
            Ok(if kind.is_file() {
                Existing::File
            } else if kind.is_dir() {
                Existing::Directory
            } else if kind.is_char_device() || kind.is_fifo() {
                Existing::Stream
            } else {
                Existing::Other
            })
        }
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(Existing::Nothing),
        Err(source) => Err(Error::Io {
            action: "look at",
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Refuses a file to write (or to read as an export or backup) that is `journal`, one of
/// its side files, or any other journal Rapport has opened (one with a lock file beside it)
/// or such a journal's side files: writing there would destroy a journal.
pub(crate) fn refuse_journal_target(target: &Path, journal: &Path) -> Result<()> {
    let target = follow_links(target);
    let refuse = || Err(Error::IsAJournal(target.clone()));
    if let Some(found) = identity(&target) {
        let journal = follow_links(journal);
        let ours = std::iter::once(journal.clone())
            .chain(SIDE_SUFFIXES.iter().map(|s| with_suffix(&journal, s)))
            .any(|file| identity(&file) == Some(found));
        if ours {
            return refuse();
        }
    }
    if lock_path(&target).exists() {
        return refuse();
    }
    let name = target.as_os_str().to_string_lossy();
    for suffix in SIDE_SUFFIXES {
        if let Some(base) = name.strip_suffix(suffix) {
            let base = Path::new(base);
            if lock_path(base).exists() || is_rapport_journal(base) {
                return refuse();
            }
        }
    }
    Ok(())
}

/// True when `path` is an SQLite file marked as a Rapport journal.
fn is_rapport_journal(path: &Path) -> bool {
    if !path.is_file() {
        return false;
    }
    let mut header = [0u8; 72];
    fs::File::open(path)
        .ok()
        .and_then(|mut file| super::files::read_up_to(&mut file, &mut header).ok())
        .is_some_and(|read| {
            read == header.len()
                && &header[..16] == b"SQLite format 3\0"
                && i64::from(i32::from_be_bytes([
                    header[68], header[69], header[70], header[71],
                ])) == super::files::APPLICATION_ID
        })
}

/// The device and inode of the file a path names.
fn identity(path: &Path) -> Option<(u64, u64)> {
    fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_followed_even_to_a_file_not_made_yet() {
        let dir = tempfile::TempDir::new().unwrap();
        let real = dir.path().join("real.db");
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink("real.db", &link).unwrap();
        assert_eq!(follow_links(&link), real);
        let looped = dir.path().join("loop");
        std::os::unix::fs::symlink("loop", &looped).unwrap();
        assert_eq!(follow_links(&looped), looped);
    }
}
