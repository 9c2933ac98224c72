//! Encryption at rest: a journal may be an SQLCipher database, every page encrypted with a
//! key SQLCipher derives from the leader's passphrase (PBKDF2-HMAC-SHA512, SQLCipher 4's
//! defaults). A plain journal is an ordinary SQLite file and opens exactly as before.
//!
//! Whether a file is encrypted is read from its first bytes without any key: a plain
//! SQLite file begins with "SQLite format 3", an encrypted one with a random salt. The
//! passphrase is applied to every connection to the journal or to one of its backups, so
//! the journal and its backups always share one key (see docs/security.md).

use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rusqlite::Connection;
use zeroize::Zeroizing;

use super::lock::JournalLock;
use super::temp::TempFile;
use super::{Error, Result};
use crate::domain::Invalid;

/// The shortest passphrase `rapport encrypt` and `rapport rekey` accept. Anyone holding the
/// file can try passphrases offline as long as they like; SQLCipher's key derivation makes
/// each try cost about a quarter of a second, and length does the rest.
pub(crate) const MIN_PASSPHRASE_CHARS: usize = 12;

/// A passphrase, wiped from memory when dropped and never printed.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    /// The passphrase as typed or read from a file, with what is not part of it taken off:
    /// a trailing line break (from `echo` or an editor), and a leading byte-order mark
    /// (which some editors write at the start of a file, invisibly; kept, it would make a
    /// passphrase no one can type). Everything else, spaces included, is kept.
    pub fn new(text: String) -> Passphrase {
        let mut text = Zeroizing::new(text);
        while text.ends_with(['\n', '\r']) {
            text.pop();
        }
        if text.starts_with(BYTE_ORDER_MARK) {
            // In place: no copy of the rest is left behind unwiped.
            text.remove(0);
        }
        Passphrase(text)
    }

    /// [`Passphrase::new`], refusing an empty passphrase and one that holds NUL or another
    /// control character: the terminal prompt and the passphrase screen cannot type those,
    /// so a journal keyed with one would open from one file only (a file saved as UTF-16 is
    /// full of NUL bytes). The refusal never quotes the passphrase.
    pub(crate) fn entered(text: String) -> std::result::Result<Passphrase, Invalid> {
        let passphrase = Passphrase::new(text);
        if passphrase.is_empty() {
            return Err(Invalid::NoPassphrase);
        }
        if passphrase.0.chars().any(char::is_control) {
            return Err(Invalid::PassphraseControl);
        }
        Ok(passphrase)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Its length in characters, as the minimum length counts it.
    pub fn chars(&self) -> usize {
        self.0.chars().count()
    }

    /// True when it begins or ends with a space (or another blank): part of the passphrase,
    /// but easily left out when it is typed.
    pub(crate) fn has_blank_edges(&self) -> bool {
        self.0.starts_with(char::is_whitespace) || self.0.ends_with(char::is_whitespace)
    }

    pub(crate) fn same_as(&self, other: &Passphrase) -> bool {
        *self.0 == *other.0
    }

    /// This passphrase behind a byte-order mark: how a passphrase file that began with one
    /// was read before the mark was dropped, for the journals keyed that way.
    pub(crate) fn behind_byte_order_mark(&self) -> Passphrase {
        let mut text = Zeroizing::new(String::with_capacity(self.0.len() + 3));
        text.push(BYTE_ORDER_MARK);
        text.push_str(&self.0);
        Passphrase(text)
    }
}

/// U+FEFF, the byte-order mark, as text.
const BYTE_ORDER_MARK: char = '\u{feff}';

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(hidden)")
    }
}

/// How a journal (and each of its backups) is opened: plain, or with its passphrase.
#[derive(Debug, Clone, Default)]
pub struct Key(Option<Arc<Passphrase>>);

impl Key {
    pub fn plain() -> Key {
        Key(None)
    }

    pub fn with(passphrase: Passphrase) -> Key {
        Key(Some(Arc::new(passphrase)))
    }

    pub(crate) fn is_encrypted(&self) -> bool {
        self.0.is_some()
    }

    /// The passphrase, for an encrypted key.
    pub(crate) fn passphrase(&self) -> Option<&Passphrase> {
        self.0.as_deref()
    }

    /// True when this key is `passphrase`.
    pub(crate) fn opens_with(&self, passphrase: &Passphrase) -> bool {
        self.0.as_deref().is_some_and(|own| own.same_as(passphrase))
    }

    /// Keys a connection that has read nothing yet. On a plain key nothing is done.
    ///
    /// The passphrase is handed to SQLCipher's `sqlite3_key_v2` as bytes, never inside SQL
    /// text: an SQL statement can be quoted by an error message (a `PRAGMA key='…'` that
    /// failed to parse once printed the whole passphrase). SQLCipher's `PRAGMA key` calls
    /// the same function with the same bytes, so journals keyed either way open alike.
    pub(super) fn apply(&self, conn: &Connection) -> rusqlite::Result<()> {
        let Some(passphrase) = &self.0 else {
            return Ok(());
        };
        // SQLCipher otherwise writes "error decrypting page 1" to stderr on a wrong
        // passphrase, under the one sentence Rapport says about it.
        conn.query_row("PRAGMA cipher_log_level = NONE", [], |_| Ok(()))
            .or_else(ignore_no_rows)?;
        let bytes = passphrase.0.as_bytes();
        let code = match std::ffi::c_int::try_from(bytes.len()) {
            // An empty key would leave the connection unkeyed: SQLCipher would read the
            // file as plain, and so refuse it as not a database, like a wrong passphrase.
            Ok(length) if length > 0 => {
                // SAFETY: the handle is this open connection's, the name a NUL-terminated
                // string, and the key `length` readable bytes that SQLCipher copies before
                // it returns.
                unsafe {
                    rusqlite::ffi::sqlite3_key_v2(
                        conn.handle(),
                        c"main".as_ptr(),
                        bytes.as_ptr().cast(),
                        length,
                    )
                }
            }
            Ok(_) => rusqlite::ffi::SQLITE_NOTADB,
            Err(_) => rusqlite::ffi::SQLITE_TOOBIG,
        };
        if code == rusqlite::ffi::SQLITE_OK {
            Ok(())
        } else {
            Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                None,
            ))
        }
    }
}

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

fn ignore_no_rows(error: rusqlite::Error) -> rusqlite::Result<()> {
    match error {
        rusqlite::Error::QueryReturnedNoRows => Ok(()),
        other => Err(other),
    }
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
    let read = super::open::read_up_to(&mut file, &mut header)?;
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

/// What a conversion does, as the leader asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Conversion {
    Encrypt,
    Decrypt,
    Rekey,
}

impl Conversion {
    fn between(from: &Key, to: &Key) -> Conversion {
        match (from.is_encrypted(), to.is_encrypted()) {
            (false, _) => Conversion::Encrypt,
            (true, false) => Conversion::Decrypt,
            (true, true) => Conversion::Rekey,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Conversion::Encrypt => "encrypt",
            Conversion::Decrypt => "decrypt",
            Conversion::Rekey => "rekey",
        }
    }

    /// What the files are once it is done.
    fn target(self) -> Sealing {
        match self {
            Conversion::Decrypt => Sealing::Plain,
            _ => Sealing::Encrypted,
        }
    }
}

/// Where a conversion stands, as its record says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
enum Phase {
    /// New copies are being written beside the files; the files are as they were. Undone
    /// by the next run.
    Preparing,
    /// Every copy is written, checked and synced; the copies are renamed over the files.
    /// Finished by the next run, which needs no key for it.
    Swapping,
}

/// `JOURNAL.converting`: what a conversion in progress is doing, written and synced before
/// anything changes, so that a crash leaves enough to finish or undo it. It names no key:
/// which files are done is told by which prepared copies are still there.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct Record {
    conversion: Conversion,
    phase: Phase,
    /// The backups taking part, by name in the backups folder (the journal always does).
    backups: Vec<String>,
}

/// The record of a conversion in progress beside `journal`.
pub(crate) fn record_path(journal: &Path) -> PathBuf {
    super::backup::side_file(journal, ".converting")
}

/// Where the new copy of `file` waits for its swap: `.NAME.converted` beside it (hidden,
/// not a `.db`, so no backup listing or temp sweep takes it for something else).
fn prepared_path(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.with_file_name(format!(".{name}.converted"))
}

impl Record {
    fn files(&self, journal: &Path) -> Vec<PathBuf> {
        let backups = super::backup::backups_dir(journal);
        std::iter::once(journal.to_path_buf())
            .chain(self.backups.iter().map(|name| backups.join(name)))
            .collect()
    }

    /// Writes the record over any earlier one, durably: a new private file, synced, then
    /// renamed into place.
    fn write(&self, journal: &Path) -> Result<()> {
        let path = record_path(journal);
        let text = serde_json::to_vec(self).map_err(|e| Error::Conversion(e.to_string()))?;
        let (temp, mut file) = TempFile::beside(&path, "convert")?;
        use std::io::Write;
        file.write_all(&text)
            .and_then(|()| file.sync_all())
            .map_err(|source| Error::Io {
                action: "write",
                path: path.clone(),
                source,
            })?;
        temp.persist(&path)
    }

    /// The record beside `journal`, if there is one.
    fn read(journal: &Path) -> Result<Option<Record>> {
        let path = record_path(journal);
        let text = match fs::read(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
            Err(source) => {
                return Err(Error::Io {
                    action: "read",
                    path,
                    source,
                });
            }
        };
        serde_json::from_slice(&text).map(Some).map_err(|_| {
            Error::Conversion(format!(
                "{} should say how to finish an interrupted conversion, but it cannot be read; the journal and its backups were left as they are",
                path.display()
            ))
        })
    }

    fn remove(journal: &Path) -> Result<()> {
        let path = record_path(journal);
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(source) => {
                return Err(Error::Io {
                    action: "remove",
                    path,
                    source,
                });
            }
        }
        sync_folder_of(&path);
        Ok(())
    }
}

fn sync_folder_of(path: &Path) {
    let folder = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let _ = File::open(folder).and_then(|d| d.sync_all());
}

/// SIGINT, SIGTERM and SIGHUP caught while a conversion runs: before the swap they stop it
/// (it is undone), during the swap they wait for it to end. Released (and no longer
/// caught) when dropped; the caller honours a signal that arrived.
struct Signals {
    arrived: Arc<AtomicUsize>,
    handlers: Vec<signal_hook::SigId>,
}

impl Signals {
    fn catch() -> Signals {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let arrived = Arc::new(AtomicUsize::new(0));
        let handlers = [SIGINT, SIGTERM, SIGHUP]
            .into_iter()
            .filter_map(|signal| {
                signal_hook::flag::register_usize(signal, Arc::clone(&arrived), signal as usize)
                    .ok()
            })
            .collect();
        Signals { arrived, handlers }
    }

    fn arrived(&self) -> Option<i32> {
        match self.arrived.load(Ordering::SeqCst) {
            0 => None,
            signal => i32::try_from(signal).ok(),
        }
    }

    /// No longer caught; the signal that arrived meanwhile, if any.
    fn release(self) -> Option<i32> {
        self.arrived()
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for handler in self.handlers.drain(..) {
            signal_hook::low_level::unregister(handler);
        }
    }
}

/// Ends the process the way `signal` would have, once what it interrupted is done (a
/// caught signal that is unregistered is otherwise ignored).
pub(crate) fn honour(signal: Option<i32>) {
    if let Some(signal) = signal {
        let _ = signal_hook::low_level::emulate_default_handler(signal);
    }
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
    let journal = super::targets::follow_links(journal);
    let _lock = JournalLock::exclusive_within(&journal, Duration::from_secs(1))?
        .ok_or_else(|| Error::InUse(journal.clone()))?;
    // An earlier conversion left unfinished is finished (or undone) before this one starts.
    let earlier = recover_locked(&journal)?;
    honour(earlier.and_then(|r| r.deferred_signal));
    let backups = super::backup::backups_dir(&journal);
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
    for (index, file) in record.files(&journal).into_iter().enumerate() {
        if signals.arrived().is_some() {
            return Err(undo(&record, Error::Interrupted(conversion.name())));
        }
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

/// What [`finish_interrupted`] found and did.
#[derive(Debug)]
pub(crate) struct Recovered {
    pub journal: PathBuf,
    pub conversion: Conversion,
    /// True when the conversion was finished, false when it was undone.
    pub finished: bool,
    /// How many backups took part.
    pub backups: usize,
    /// Files whose old bytes another name (a hard link) still holds.
    pub linked: Vec<PathBuf>,
    /// A signal that arrived during the swap, for the caller to honour once it has said so.
    pub deferred_signal: Option<i32>,
}

/// Finishes or undoes a conversion that a crash or a kill left unfinished beside `journal`
/// (see [`convert`]): undone when it was still writing its copies, finished when it was
/// swapping them in. Needs no key: the copies were checked before the swap began. `None`
/// when there was nothing to do. Every run does this before it opens the journal.
pub(crate) fn finish_interrupted(journal: &Path) -> Result<Option<Recovered>> {
    let journal = super::targets::follow_links(journal);
    if !record_path(&journal).exists() {
        return Ok(None);
    }
    let _lock = JournalLock::exclusive_within(&journal, Duration::from_secs(5))?
        .ok_or_else(|| Error::InUse(journal.clone()))?;
    recover_locked(&journal)
}

/// [`finish_interrupted`] where nobody is told (the library's own opens: the command line
/// has said it already); a signal held back during the swap is honoured at once.
pub(crate) fn finish_interrupted_quietly(journal: &Path) -> Result<()> {
    if let Some(recovered) = finish_interrupted(journal)? {
        honour(recovered.deferred_signal);
    }
    Ok(())
}

/// [`finish_interrupted`] under the journal's exclusive lock.
fn recover_locked(journal: &Path) -> Result<Option<Recovered>> {
    let Some(record) = Record::read(journal)? else {
        return Ok(None);
    };
    sweep_beside(journal);
    let signals = Signals::catch();
    let (finished, linked) = match record.phase {
        Phase::Preparing => {
            discard_prepared(&record, journal)?;
            (false, Vec::new())
        }
        Phase::Swapping => (true, swap_all(&record, journal)?),
    };
    Record::remove(journal)?;
    Ok(Some(Recovered {
        journal: journal.to_path_buf(),
        conversion: record.conversion,
        finished,
        backups: record.backups.len(),
        linked,
        deferred_signal: signals.release(),
    }))
}

/// Removes the temp files of killed copies beside the journal and in its backups folder.
fn sweep_beside(journal: &Path) {
    let folder = journal
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    for dir in [folder, super::backup::backups_dir(journal).as_path()] {
        super::temp::sweep(dir);
    }
}

/// Renames every prepared copy the record names over its file. A file whose copy is gone
/// was swapped already. Returns the files whose old bytes another name still holds.
fn swap_all(record: &Record, journal: &Path) -> Result<Vec<PathBuf>> {
    let mut linked = Vec::new();
    for file in record.files(journal) {
        let prepared = prepared_path(&file);
        match sealing(&prepared) {
            Ok(Sealing::New) => continue,
            Ok(found) if found == record.conversion.target() => {}
            // Not the copy this conversion wrote and checked: never put in place.
            _ => {
                return Err(Error::Conversion(format!(
                    "{} is not the checked copy an interrupted {} of {} left, so it was not put in place; move it out of the way and run Rapport again (`rapport check` then says which files do not open with the journal's key)",
                    prepared.display(),
                    record.conversion.name(),
                    journal.display()
                )));
            }
        }
        if !swap_file(&prepared, &file)? {
            linked.push(file);
        }
        #[cfg(feature = "fault-injection")]
        if super::fault::armed("convert-kill-swapping") {
            std::process::abort();
        }
        #[cfg(feature = "fault-injection")]
        if super::fault::armed("slow-swap") {
            std::thread::sleep(Duration::from_millis(300));
        }
    }
    Ok(linked)
}

/// Renames `prepared` over `file`, then overwrites the old file's bytes with zeros, unless
/// another name (a hard link: a snapshot made with `cp -al` or `rsync --link-dest`) still
/// holds them; false then.
fn swap_file(prepared: &Path, file: &Path) -> Result<bool> {
    let old = OpenOptions::new().write(true).open(file).ok();
    super::temp::rename_durably(prepared, file)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let _ = fs::remove_file(super::backup::side_file(file, suffix));
    }
    let Some(old) = old else {
        return Ok(true);
    };
    use std::os::unix::fs::MetadataExt;
    if old.metadata().is_ok_and(|meta| meta.nlink() > 0) {
        return Ok(false);
    }
    // The old bytes are no longer the file: best effort from here on.
    let _ = overwrite_with_zeros(&old);
    Ok(true)
}

/// Undoes the copies a conversion was preparing: each is overwritten (a plain copy of a
/// decrypt holds the notes in clear) and removed, then the record goes. The files were
/// never touched.
fn discard_prepared(record: &Record, journal: &Path) -> Result<()> {
    for file in record.files(journal) {
        let prepared = prepared_path(&file);
        if let Ok(copy) = OpenOptions::new().write(true).open(&prepared) {
            use std::os::unix::fs::MetadataExt;
            if copy.metadata().is_ok_and(|meta| meta.nlink() == 1) {
                let _ = overwrite_with_zeros(&copy);
            }
        }
        match fs::remove_file(&prepared) {
            Ok(()) => {}
            Err(e) if e.kind() == ErrorKind::NotFound => {}
            Err(source) => {
                return Err(Error::Io {
                    action: "remove",
                    path: prepared,
                    source,
                });
            }
        }
    }
    sweep_beside(journal);
    Record::remove(journal)
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
        .map_err(|e| match super::open::classify_open_error(e, path) {
            Error::NotADatabase(path) if from.is_encrypted() => Error::WrongPassphrase(path),
            other => other,
        })?;
    if application_id != super::open::APPLICATION_ID {
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
    let passphrase = to.0.as_deref().map_or("", |p| p.0.as_str());
    source.execute(
        "ATTACH DATABASE ?1 AS converted KEY ?2",
        rusqlite::params![temp.path().to_string_lossy(), passphrase],
    )?;
    let exported = source
        .query_row("SELECT sqlcipher_export('converted')", [], |_| Ok(()))
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

fn overwrite_with_zeros(file: &File) -> std::io::Result<()> {
    use std::io::{Seek, SeekFrom, Write};
    let mut file = file;
    let length = file.metadata()?.len();
    file.seek(SeekFrom::Start(0))?;
    let zeros = vec![0u8; 1 << 20];
    let mut left = length;
    while left > 0 {
        let chunk = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..chunk])?;
        left -= chunk as u64;
    }
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

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
