//! Encryption at rest: a journal may be an SQLCipher database, every page encrypted with a
//! key SQLCipher derives from the leader's passphrase (`key.rs`). A plain journal is an
//! ordinary SQLite file and opens exactly as before.
//!
//! Whether a file is encrypted is read from its first bytes without any key (`files.rs`): a
//! plain SQLite file begins with "SQLite format 3", an encrypted one with a random salt.
//! The passphrase is applied to every connection to the journal or to one of its backups,
//! so the journal and its backups always share one key (see docs/security.md). This module
//! stands above opening and backing up: it reports on a journal's encryption and converts
//! a journal and its backups from one key to another.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub(crate) use super::conversion::{Conversion, finish_interrupted, honour};
use super::conversion::{
    Phase, Record, Signals, discard_prepared, prepared_path, recover_locked, swap_all, sweep_beside,
};
pub use super::files::{Sealing, sealing};
pub(crate) use super::key::MIN_PASSPHRASE_CHARS;
pub use super::key::{Key, Passphrase};
use super::lock::JournalLock;
use super::temp::TempFile;
use super::{Error, Result};

/// True when `key` opens the journal or backup at `path`: its first page reads. Nothing is
/// written.
pub(crate) fn opens(path: &Path, key: &Key) -> bool {
    super::open::connect(path, key)
        .and_then(|conn| {
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
                .map_err(Error::from)
        })
        .is_ok()
}

/// What `rapport check` says about encryption: read through SQLCipher's own pragmas.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct CipherReport {
    pub encrypted: bool,
    /// SQLCipher's version, e.g. "4.14.0 community".
    pub cipher_version: String,
    /// The settings of an encrypted journal (none for a plain one).
    pub settings: Option<CipherSettings>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct CipherSettings {
    pub cipher: String,
    pub kdf_algorithm: String,
    pub kdf_iterations: i64,
    pub hmac_algorithm: String,
    pub page_size: i64,
}

impl super::Store {
    /// How this journal is encrypted, if it is.
    pub(crate) fn cipher_report(&self) -> Result<CipherReport> {
        let text = |pragma: &str| -> rusqlite::Result<String> {
            self.conn
                .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get::<_, String>(0))
        };
        let cipher_version = text("cipher_version")?;
        let settings = if self.key.is_encrypted() {
            Some(CipherSettings {
                cipher: "AES-256-CBC".to_string(),
                kdf_algorithm: text("cipher_kdf_algorithm")?,
                kdf_iterations: text("kdf_iter")?.parse().unwrap_or(0),
                hmac_algorithm: text("cipher_hmac_algorithm")?,
                page_size: text("cipher_page_size")?.parse().unwrap_or(0),
            })
        } else {
            None
        };
        Ok(CipherReport {
            encrypted: self.key.is_encrypted(),
            cipher_version,
            settings,
        })
    }
}

/// What [`convert`] did: the journal, and each backup beside it, rewritten under the new key.
#[derive(Debug)]
pub struct Converted {
    pub journal: PathBuf,
    /// Backups rewritten under the new key, like the journal.
    pub backups: Vec<PathBuf>,
    /// Backups left as they were, with the reason (one that did not open with the old key).
    pub left: Vec<(PathBuf, String)>,
    /// Files whose old bytes were not overwritten because another name (a hard link) still
    /// holds them.
    pub linked: Vec<PathBuf>,
    /// A signal (Ctrl-C, SIGTERM, SIGHUP) that arrived while the files were swapped: held
    /// back until the swap was done, for the caller to honour once it has said what was done.
    pub deferred_signal: Option<i32>,
}

/// Rewrites the journal at `journal` from `from` to `to`: encrypts a plain journal, decrypts
/// an encrypted one, or gives it a new passphrase, and does the same for each backup in its
/// backups folder, so that the journal and its backups always open with the same key.
///
/// In two phases, recorded in `JOURNAL.converting` (see [`Record`]) before anything
/// changes. First each file is exported by SQLCipher into a new private file beside it,
/// which must read back under the new key as the same journal (its integrity check, and
/// every table holding as many rows as before) and is synced; the files themselves are
/// untouched, and a crash, a failure or a signal here undoes the copies. Then, once every
/// copy is ready, the record says so (the commit point), and the copies are renamed over
/// the files, signals held back meanwhile; a crash here is finished by the next run. So a
/// run never ends with the journal converted and its backups not, or the other way round
/// (docs/security.md). Each old file's bytes are then overwritten with zeros through a
/// handle kept open across the rename, unless another name (a hard link) still holds them.
///
/// No other Rapport may have the journal open: this holds its exclusive lock throughout.
pub fn convert(journal: &Path, from: &Key, to: &Key) -> Result<Converted> {
    convert_telling(journal, from, to, &super::progress::Quiet)
}

/// [`convert`], telling `progress` of each file as it is copied, and of the swap.
pub(crate) fn convert_telling(
    journal: &Path,
    from: &Key,
    to: &Key,
    progress: &dyn super::progress::Progress,
) -> Result<Converted> {
    let journal = super::targets::follow_links(journal);
    let _lock = JournalLock::exclusive_within(&journal, Duration::from_secs(1))?
        .ok_or_else(|| Error::InUse(journal.clone()))?;
    // An earlier conversion left unfinished is finished (or undone) before this one starts.
    let earlier = recover_locked(&journal)?;
    honour(earlier.and_then(|r| r.deferred_signal));
    let backups = super::files::backups_dir(&journal);
    sweep_beside(&journal);
    let conversion = Conversion::between(from, to);
    let mut candidates = Vec::new();
    let mut left = Vec::new();
    for (backup, name) in super::backup::db_files(&backups)? {
        // A backup that is not in the journal's state is left, and said so; it takes no
        // part in the conversion.
        match expect_sealing(&backup, from) {
            Ok(()) => candidates.push(name),
            Err(e) => left.push((backup, e.to_string())),
        }
    }
    candidates.sort();
    let signals = Signals::catch();
    let mut record = Record {
        conversion,
        phase: Phase::Preparing,
        backups: candidates,
    };
    record.write(&journal)?;
    let undo = |record: &Record, error: Error| -> Error {
        match discard_prepared(record, &journal) {
            Ok(()) => error,
            Err(undo_failed) => undo_failed,
        }
    };
    let mut prepared = Vec::new();
    let files = record.files(&journal);
    // SQLCipher copies a file in one statement, which tells nothing while it runs: the line
    // counts the files (the journal, then each backup).
    progress.stage(
        &format!("{} the journal", conversion.doing()),
        Some(files.len() as u64 + 1),
        super::progress::Unit::Steps,
    );
    for (index, file) in files.into_iter().enumerate() {
        if signals.arrived().is_some() {
            return Err(undo(&record, Error::Interrupted(conversion.name())));
        }
        if index > 0 {
            progress.tell(&format!(
                "{} backup {index} of {}",
                conversion.doing(),
                record.backups.len()
            ));
        }
        progress.reach(index as u64);
        match prepare_file(&file, from, to) {
            Ok(()) => prepared.push(file),
            // Without the journal's copy there is nothing to convert.
            Err(e) if index == 0 => return Err(undo(&record, e)),
            Err(e) => left.push((file, e.to_string())),
        }
    }
    if signals.arrived().is_some() {
        return Err(undo(&record, Error::Interrupted(conversion.name())));
    }
    #[cfg(feature = "fault-injection")]
    if super::fault::armed("convert-kill") {
        std::process::abort();
    }
    // The commit point: from here on the next run finishes, never undoes.
    let names: Vec<String> = prepared
        .iter()
        .skip(1)
        .filter_map(|p| p.file_name()?.to_str().map(String::from))
        .collect();
    record.backups.retain(|name| names.contains(name));
    record.phase = Phase::Swapping;
    record.write(&journal)?;
    progress.tell("putting the new files in place");
    progress.reach(prepared.len() as u64);
    let linked = swap_all(&record, &journal)?;
    Record::remove(&journal)?;
    Ok(Converted {
        journal: journal.clone(),
        backups: prepared.into_iter().skip(1).collect(),
        left,
        linked,
        deferred_signal: signals.release(),
    })
}

/// Refuses a file that is not in the state `from` opens (plain, or encrypted).
fn expect_sealing(path: &Path, from: &Key) -> Result<()> {
    let expected = if from.is_encrypted() {
        Sealing::Encrypted
    } else {
        Sealing::Plain
    };
    let found = sealing(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    if found != expected {
        return Err(match found {
            Sealing::Plain => Error::NotEncrypted(path.to_path_buf()),
            Sealing::Encrypted => Error::Encrypted(path.to_path_buf()),
            _ => Error::NotADatabase(path.to_path_buf()),
        });
    }
    Ok(())
}

/// Writes the new copy of `path` under `to` to its prepared place (see [`prepared_path`]),
/// checked and synced; `path` itself is not touched.
fn prepare_file(path: &Path, from: &Key, to: &Key) -> Result<()> {
    expect_sealing(path, from)?;
    let source = super::open::connect(path, from)?;
    let (version, application_id): (i64, i64) = source
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| match super::files::classify_open_error(e, path) {
            Error::NotADatabase(path) if from.is_encrypted() => Error::WrongPassphrase(path),
            other => other,
        })?;
    if application_id != super::files::APPLICATION_ID {
        return Err(Error::ForeignDatabase(path.to_path_buf()));
    }
    // Everything in the WAL goes into the file first, so the export reads it all and the
    // WAL holds nothing once the file is replaced.
    match source.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(0) => {}
        Ok(_) => return Err(Error::InUse(path.to_path_buf())),
        Err(e) => return Err(e.into()),
    }
    let (temp, _) = TempFile::beside(path, "convert")?;
    let passphrase = to.passphrase().map_or("", Passphrase::text);
    source.execute(
        "ATTACH DATABASE ?1 AS converted KEY ?2",
        rusqlite::params![temp.path().to_string_lossy(), passphrase],
    )?;
    // The copy is a temp file, synced whole and checked before it replaces anything: a
    // rollback journal and a sync for each of its hundreds of tables, indexes and triggers
    // (each made in a transaction of its own) would only make it slow.
    let exported = source
        .execute_batch(
            "PRAGMA converted.journal_mode = OFF;
             PRAGMA converted.synchronous = OFF;",
        )
        .and_then(|()| source.query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(())))
        .and_then(|()| {
            source.execute_batch(&format!(
                "PRAGMA converted.user_version = {version};
                 PRAGMA converted.application_id = {application_id};"
            ))
        });
    source.execute_batch("DETACH DATABASE converted")?;
    exported?;
    let counts = row_counts(&source)?;
    drop(source);
    verify_converted(temp.path(), path, to, &counts)?;
    File::open(temp.path())
        .and_then(|f| f.sync_all())
        .map_err(|source| Error::Io {
            action: "write",
            path: temp.path().to_path_buf(),
            source,
        })?;
    temp.persist(&prepared_path(path))
}

/// Every table's row count (the search index's own tables too), by name.
fn row_counts(conn: &Connection) -> Result<Vec<(String, i64)>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master
              WHERE type = 'table' AND rootpage > 0 AND name NOT LIKE 'sqlite_%'
              ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts = Vec::with_capacity(names.len());
    for name in names {
        let count = conn.query_row(
            &format!("SELECT count(*) FROM \"{}\"", name.replace('"', "\"\"")),
            [],
            |r| r.get(0),
        )?;
        counts.push((name, count));
    }
    Ok(counts)
}

/// The new file must open with the new key alone, be whole, and hold what the old one held.
fn verify_converted(temp: &Path, path: &Path, to: &Key, expected: &[(String, i64)]) -> Result<()> {
    let problem = |reason: &str| {
        Error::Damaged(format!(
            "the rewritten copy of {} {reason}; the file was left as it was",
            path.display()
        ))
    };
    let wanted = if to.is_encrypted() {
        Sealing::Encrypted
    } else {
        Sealing::Plain
    };
    if sealing(temp).ok() != Some(wanted) {
        return Err(problem("is not what was asked for"));
    }
    let conn = super::open::connect(temp, to)?;
    let report =
        super::backup::check(&conn, "quick_check").map_err(|_| problem("cannot be read"))?;
    if report != ["ok"] {
        return Err(problem("failed its integrity check"));
    }
    if row_counts(&conn)? != expected {
        return Err(problem("does not hold the same rows"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_passphrase_drops_the_line_break_a_file_ends_with_and_never_prints() {
        let passphrase = Passphrase::new("maple lantern quietly\r\n".into());
        assert!(passphrase.same_as(&Passphrase::new("maple lantern quietly".into())));
        assert_eq!(passphrase.chars(), 21);
        assert!(!format!("{passphrase:?}").contains("maple"));
        // Spaces inside and at the start are part of it.
        assert!(!Passphrase::new(" a b".into()).same_as(&Passphrase::new("a b".into())));
    }

    #[test]
    fn the_first_bytes_tell_plain_encrypted_new_and_other_apart() {
        let dir = tempfile::TempDir::new().unwrap();
        let at = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            fs::write(&path, bytes).unwrap();
            sealing(&path).unwrap()
        };
        assert_eq!(sealing(&dir.path().join("none.db")).unwrap(), Sealing::New);
        assert_eq!(at("empty.db", b""), Sealing::New);
        let mut plain = b"SQLite format 3\0".to_vec();
        plain.resize(4096, 0);
        assert_eq!(at("plain.db", &plain), Sealing::Plain);
        let pages: Vec<u8> = (0..8192u32).map(|i| (i * 7919 % 251) as u8).collect();
        assert_eq!(at("pages.db", &pages), Sealing::Encrypted);
        assert_eq!(
            at("text.txt", b"Dear diary, today I had a 1:1."),
            Sealing::Other
        );
        assert_eq!(at("odd.db", &pages[..5000]), Sealing::Other);
    }
}
