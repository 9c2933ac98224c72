//! The journal's lock file, `JOURNAL.lock` beside the journal: how Rapport processes keep
//! out of each other's way when one of them replaces or removes the journal file.
//!
//! SQLite's own locks protect transactions, not the file: a restore renames a new file over
//! the journal, and a process that still has the old one open goes on writing into a deleted
//! inode. So every process holds a shared `flock` on the lock file for as long as it has the
//! journal open, and whatever replaces, removes, creates or migrates the journal (restore,
//! the cleanup after a refused first command, the first open of a new or older journal)
//! holds an exclusive one from its first look at the journal to the end. An exclusive lock
//! waits little (a restore a second, a cleanup not at all): while another Rapport has the
//! journal open, a restore or a cleanup is refused. A shared lock waits a while for a
//! restore to finish.
//!
//! The lock file is created exclusively (0600) when absent. It is removed only by the
//! cleanup of a journal that was just created and refused, while holding the exclusive lock;
//! every taker checks after locking that the file it locked is still the one at the path,
//! and starts over when it is not, so a removed lock file never splits the processes.

use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rustix::fs::OFlags;
use rustix::io::Errno;

use super::{Error, Result};

/// Which lock a process takes on the lock file.
#[derive(Debug, Clone, Copy)]
enum Kind {
    Shared,
    Exclusive,
}

/// How long opening a journal waits for a restore, or another Rapport setting it up, to
/// finish.
const WAIT_FOR_RESTORE: Duration = Duration::from_secs(30);

/// A held lock on a journal; dropping it (closing the file) releases it.
#[derive(Debug)]
pub(crate) struct JournalLock {
    /// Held open for as long as the lock: closing it releases the lock.
    open_file: File,
    path: PathBuf,
}

/// `JOURNAL.lock` for `JOURNAL`.
pub(crate) fn lock_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

impl JournalLock {
    /// The shared lock every process holds while it has the journal open. Waits (up to
    /// [`WAIT_FOR_RESTORE`]) while a restore holds the journal.
    pub(crate) fn shared(journal: &Path) -> Result<JournalLock> {
        let started = Instant::now();
        loop {
            if let Some(lock) = JournalLock::try_take(journal, Kind::Shared)? {
                return Ok(lock);
            }
            if started.elapsed() > WAIT_FOR_RESTORE {
                return Err(Error::BeingReplaced(journal.to_path_buf()));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Turns this exclusive lock into a shared one, without letting go of the file.
    pub(crate) fn downgrade(self) -> Result<JournalLock> {
        self.share()?;
        Ok(self)
    }

    /// Makes this lock shared, in place: other Rapports may open the journal again. A lock
    /// that is shared already stays so.
    pub(crate) fn share(&self) -> Result<()> {
        // flock(2) under the hood: converting a held lock never lets go of it in between.
        self.open_file.lock_shared().map_err(|source| Error::Io {
            action: "lock",
            path: self.path.clone(),
            source,
        })
    }

    /// Makes this shared lock exclusive, in place, when no other process holds the journal;
    /// false, the lock still shared, otherwise. Never waits for the others.
    pub(crate) fn try_exclusive(&self) -> Result<bool> {
        match self.open_file.try_lock() {
            Ok(()) => Ok(true),
            Err(fs::TryLockError::WouldBlock) => {
                // flock(2) lets go of the shared lock before it tries for the exclusive one,
                // so a refusal leaves none: take it again. Should a restore have slipped in
                // meanwhile, this waits for it, and the store's next write finds the journal
                // replaced and writes nothing.
                self.share()?;
                Ok(false)
            }
            Err(fs::TryLockError::Error(source)) => {
                // Whatever failed, the shared lock is taken again before saying so.
                self.share()?;
                Err(Error::Io {
                    action: "lock",
                    path: self.path.clone(),
                    source,
                })
            }
        }
    }

    /// The exclusive lock for replacing or removing the journal; `None` at once while any
    /// other process has the journal open.
    pub(crate) fn exclusive_now(journal: &Path) -> Result<Option<JournalLock>> {
        JournalLock::try_take(journal, Kind::Exclusive)
    }

    /// The exclusive lock, waiting at most `patience` for other processes to let go: a
    /// command that is just finishing (or a process that has just forked and not yet run
    /// its new program, still holding a copy of the lock's descriptor) is not a reason to
    /// refuse. `None` when someone still holds the journal after that.
    pub(crate) fn exclusive_within(
        journal: &Path,
        patience: Duration,
    ) -> Result<Option<JournalLock>> {
        let started = Instant::now();
        loop {
            if let Some(lock) = JournalLock::exclusive_now(journal)? {
                return Ok(Some(lock));
            }
            if started.elapsed() > patience {
                return Ok(None);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Removes the lock file while this exclusive lock is still held (the journal it guards
    /// was removed), then releases it.
    pub(crate) fn remove_file(self) {
        let _ = fs::remove_file(&self.path);
    }

    fn try_take(journal: &Path, kind: Kind) -> Result<Option<JournalLock>> {
        let path = lock_path(journal);
        loop {
            let file = open_or_create(&path, journal)?;
            let locked = match kind {
                Kind::Shared => file.try_lock_shared(),
                Kind::Exclusive => file.try_lock(),
            };
            match locked {
                Ok(()) => {}
                Err(fs::TryLockError::WouldBlock) => return Ok(None),
                Err(fs::TryLockError::Error(source)) => {
                    return Err(Error::Io {
                        action: "lock",
                        path,
                        source,
                    });
                }
            }
            // The file may have been removed (and perhaps made anew) between our open and
            // our lock: a lock on a file no longer at the path guards nothing.
            let held = file.metadata().map_err(|source| Error::Io {
                action: "lock",
                path: path.clone(),
                source,
            })?;
            let still_there = fs::symlink_metadata(&path)
                .is_ok_and(|now| now.dev() == held.dev() && now.ino() == held.ino());
            if still_there {
                return Ok(Some(JournalLock {
                    open_file: file,
                    path,
                }));
            }
        }
    }
}

/// Open flags as `OpenOptions::custom_flags` takes them (the same bits, as a C int).
fn flags(flags: OFlags) -> i32 {
    flags.bits().cast_signed()
}

/// Opens the lock file, creating it private and exclusively when it does not exist. Never
/// follows a link and never blocks on a FIFO put there.
fn open_or_create(path: &Path, journal: &Path) -> Result<File> {
    let cannot = |source: std::io::Error| match source.raw_os_error() {
        Some(code)
            if [Errno::ACCESS, Errno::PERM, Errno::ROFS]
                .iter()
                .any(|errno| errno.raw_os_error() == code) =>
        {
            Error::ReadOnly(format!(
                "{} cannot be opened for writing, or its folder does not allow the journal's side files",
                journal.display()
            ))
        }
        _ => Error::Io {
            action: "open the lock file",
            path: path.to_path_buf(),
            source,
        },
    };
    loop {
        let created = OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(flags(OFlags::NOFOLLOW | OFlags::CLOEXEC))
            .open(path);
        let file = match created {
            Ok(file) => file,
            // The folder was removed meanwhile (the cleanup of a refused first command):
            // whoever opens the journal now makes it again.
            Err(e) if e.kind() == ErrorKind::NotFound => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    super::prepare_private_dir(dir)?;
                }
                continue;
            }
            Err(e) if e.kind() == ErrorKind::AlreadyExists => {
                match OpenOptions::new()
                    .read(true)
                    .custom_flags(flags(OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK))
                    .open(path)
                {
                    Ok(file) => file,
                    // Removed between the two opens: make it again.
                    Err(e) if e.kind() == ErrorKind::NotFound => continue,
                    Err(e) if e.raw_os_error() == Some(Errno::LOOP.raw_os_error()) => {
                        return Err(not_a_lock_file(path));
                    }
                    Err(e) => return Err(cannot(e)),
                }
            }
            Err(e) => return Err(cannot(e)),
        };
        let is_file = file.metadata().map(|m| m.is_file()).unwrap_or(false);
        if !is_file {
            return Err(not_a_lock_file(path));
        }
        return Ok(file);
    }
}

fn not_a_lock_file(path: &Path) -> Error {
    Error::Io {
        action: "lock",
        path: path.to_path_buf(),
        source: std::io::Error::other("it is not a regular file; remove it"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_locks_keep_out_an_exclusive_one_and_not_each_other() {
        let dir = tempfile::TempDir::new().unwrap();
        let journal = dir.path().join("j.db");
        let first = JournalLock::shared(&journal).unwrap();
        let second = JournalLock::shared(&journal).unwrap();
        assert!(JournalLock::exclusive_now(&journal).unwrap().is_none());
        drop(first);
        assert!(JournalLock::exclusive_now(&journal).unwrap().is_none());
        drop(second);
        let exclusive = JournalLock::exclusive_now(&journal).unwrap().unwrap();
        assert!(JournalLock::exclusive_now(&journal).unwrap().is_none());
        exclusive.remove_file();
        assert!(!lock_path(&journal).exists());
        assert!(JournalLock::exclusive_now(&journal).unwrap().is_some());
    }
}
