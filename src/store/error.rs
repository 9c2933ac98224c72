//! Everything that can go wrong with the journal, each a sentence for the leader that never
//! quotes a note; and which of them are the leader's input rather than the file's fault.

use std::path::PathBuf;

use rusqlite::ErrorCode;
use thiserror::Error;

use crate::domain::Invalid;

/// Everything that can go wrong with the journal, each a sentence for the leader. None of
/// them quotes note text: errors end up on screens and in terminals others can see.
#[derive(Debug, Error)]
pub enum Error {
    #[error("{0} is a directory, not a journal file")]
    IsDirectory(PathBuf),
    #[error("{0} is not a regular file (a device, a FIFO or a socket); it was left untouched")]
    NotAFile(PathBuf),
    #[error(
        "{0} is a Rapport journal or one of its side files; nothing was written to it, choose another file"
    )]
    IsAJournal(PathBuf),
    #[error("{0} is not a Rapport journal (it is not an SQLite database); it was left untouched")]
    NotADatabase(PathBuf),
    #[error(
        "{0} is encrypted, or is not a Rapport journal at all: it opens only with its passphrase (nothing was read or changed)"
    )]
    Encrypted(PathBuf),
    #[error(
        "{0} did not open with that passphrase: it is wrong, or the file is not a Rapport journal (nothing was changed)"
    )]
    WrongPassphrase(PathBuf),
    #[error(
        "{0} is not encrypted: it opens without a passphrase, so none was used (encrypt it with `rapport encrypt`)"
    )]
    NotEncrypted(PathBuf),
    #[error("{0} is an SQLite database but not a Rapport journal; it was left untouched")]
    ForeignDatabase(PathBuf),
    #[error(
        "{path} was written by a newer Rapport (journal version {found}, this one knows up to {supported}); it was left untouched — please upgrade Rapport"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("the journal {0} is damaged ({1}); restore a backup with `rapport restore`")]
    Corrupt(PathBuf, String),
    #[error("the journal is damaged ({0}); restore a backup with `rapport restore`")]
    Damaged(String),
    #[error("the journal cannot be written: {0} (check the file and folder permissions)")]
    ReadOnly(String),
    #[error("cannot {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the disk is full: nothing was saved; free some space and try again")]
    DiskFull,
    #[error("another program kept the journal locked for too long; nothing was saved, try again")]
    Busy,
    #[error("{0}")]
    Invalid(#[from] Invalid),
    #[error("{0}")]
    Clock(#[from] crate::clock::ClockError),
    #[error("nobody is called \"{query}\"{}", candidates_hint(.candidates))]
    PersonNotFound {
        query: String,
        candidates: Vec<String>,
    },
    #[error("\"{query}\" could be {}: type more of the name", .candidates.join(" or "))]
    AmbiguousPerson {
        query: String,
        candidates: Vec<String>,
    },
    #[error("there is already someone called \"{0}\" (archive them or choose another name)")]
    DuplicateName(String),
    #[error("there is no {what} {id}")]
    NotFound { what: &'static str, id: String },
    /// A number given once and deleted: numbers are never given again.
    #[error("there is no {what} {id} any more: it was deleted")]
    Deleted { what: &'static str, id: String },
    /// The record a form (or a list on screen) showed was deleted, or replaced by a restore,
    /// after it was shown: the change is refused, never written over another record. Short,
    /// for the line under a form's field.
    #[error("{what} {id} was deleted elsewhere in the meantime")]
    DeletedMeanwhile { what: &'static str, id: String },
    #[error(
        "this journal already has people in it; the demo only fills an empty journal (use --db to choose another file)"
    )]
    NotEmpty,
    #[error("the backup {0} was not made: {1}; any earlier backup was kept")]
    BackupFailed(PathBuf, String),
    #[error("{0} cannot be restored: {1}; the journal was left as it was")]
    NotRestorable(PathBuf, String),
    #[error(
        "another Rapport has the journal {0} open: close the other Rapport windows first, then try again"
    )]
    InUse(PathBuf),
    #[error(
        "another Rapport is restoring or setting up the journal {0}; try again once it has finished"
    )]
    BeingReplaced(PathBuf),
    /// Said in the interface's status line, so short; nothing is written to the old file.
    #[error("the journal was replaced by another program; restart Rapport")]
    Replaced,
    /// Said in the interface's status line, like [`Error::Replaced`].
    #[error(
        "the journal {0} is no longer there (it or its folder was moved or removed); restart Rapport"
    )]
    JournalGone(PathBuf),
    #[error("the {0} was interrupted; nothing was changed")]
    Interrupted(&'static str),
    /// About the record of an interrupted conversion (`JOURNAL.converting`).
    #[error("{0}")]
    Conversion(String),
    #[error("{0} cannot be imported: {1}; nothing was imported")]
    NotImportable(PathBuf, String),
    #[error("the journal could not be read or written: {0}")]
    Sqlite(rusqlite::Error),
    /// A sync refused, in one sentence that says what was (not) done.
    #[error("{0}")]
    Sync(String),
}

fn candidates_hint(candidates: &[String]) -> String {
    if candidates.is_empty() {
        " (the journal has nobody yet: add someone with `rapport person add NAME`)".to_string()
    } else {
        format!("; people in the journal: {}", candidates.join(", "))
    }
}

impl From<rusqlite::Error> for Error {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => Error::DiskFull,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Busy,
            Some(ErrorCode::ReadOnly) => Error::ReadOnly("it is read-only".into()),
            Some(ErrorCode::CannotOpen) => Error::ReadOnly("it cannot be opened".into()),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                Error::Damaged("its pages do not add up".into())
            }
            _ => Error::Sqlite(error),
        }
    }
}

impl Error {
    /// True when the input, not the journal, was at fault.
    pub fn is_input(&self) -> bool {
        matches!(
            self,
            Error::Invalid(_)
                | Error::PersonNotFound { .. }
                | Error::AmbiguousPerson { .. }
                | Error::DuplicateName(_)
                | Error::NotFound { .. }
                | Error::Deleted { .. }
                | Error::DeletedMeanwhile { .. }
                | Error::NotEmpty
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn input_faults_are_told_apart_from_journal_faults() {
        assert!(Error::NotEmpty.is_input(), "a demo into a full journal");
        assert!(Error::DuplicateName("Ana".into()).is_input());
        assert!(!Error::DiskFull.is_input());
        assert!(!Error::Busy.is_input());
    }
}
