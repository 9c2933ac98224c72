//! A conversion's record and its recovery: `JOURNAL.converting`, written before a
//! conversion changes anything, and what the next run does with it (undo a conversion that
//! was still writing its copies, finish one that was swapping them in). Below opening and
//! backing up, which both finish an interrupted conversion first; above the file plumbing
//! alone. The conversion itself, which needs to open and check journals, is `cipher.rs`.

use std::fs::{self, File, OpenOptions};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::files::{Sealing, sealing};
use super::key::Key;
use super::lock::JournalLock;
use super::temp::TempFile;
use super::{Error, Result};

/// What a conversion does, as the leader asked for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Conversion {
    Encrypt,
    Decrypt,
    Rekey,
}

impl Conversion {
    pub(super) fn between(from: &Key, to: &Key) -> Conversion {
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

    /// The conversion under way, in the progress line's words.
    pub(crate) fn doing(self) -> &'static str {
        match self {
            Conversion::Encrypt => "encrypting",
            Conversion::Decrypt => "decrypting",
            Conversion::Rekey => "re-keying",
        }
    }

    /// What the files are once it is done.
    pub(super) fn target(self) -> Sealing {
        match self {
            Conversion::Decrypt => Sealing::Plain,
            _ => Sealing::Encrypted,
        }
    }
}

/// Where a conversion stands, as its record says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(super) enum Phase {
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
pub(super) struct Record {
    pub(super) conversion: Conversion,
    pub(super) phase: Phase,
    /// The backups taking part, by name in the backups folder (the journal always does).
    pub(super) backups: Vec<String>,
}

/// The record of a conversion in progress beside `journal`.
pub(crate) fn record_path(journal: &Path) -> PathBuf {
    super::files::side_file(journal, ".converting")
}

/// Where the new copy of `file` waits for its swap: `.NAME.converted` beside it (hidden,
/// not a `.db`, so no backup listing or temp sweep takes it for something else).
pub(super) fn prepared_path(file: &Path) -> PathBuf {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    file.with_file_name(format!(".{name}.converted"))
}

impl Record {
    pub(super) fn files(&self, journal: &Path) -> Vec<PathBuf> {
        let backups = super::files::backups_dir(journal);
        std::iter::once(journal.to_path_buf())
            .chain(self.backups.iter().map(|name| backups.join(name)))
            .collect()
    }

    /// Writes the record over any earlier one, durably: a new private file, synced, then
    /// renamed into place.
    pub(super) fn write(&self, journal: &Path) -> Result<()> {
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
    pub(super) fn read(journal: &Path) -> Result<Option<Record>> {
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

    pub(super) fn remove(journal: &Path) -> Result<()> {
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

pub(super) fn sync_folder_of(path: &Path) {
    let folder = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let _ = File::open(folder).and_then(|d| d.sync_all());
}

/// SIGINT, SIGTERM and SIGHUP caught while a conversion runs: before the swap they stop it
/// (it is undone), during the swap they wait for it to end. Released (and no longer
/// caught) when dropped; the caller honours a signal that arrived.
pub(super) struct Signals {
    arrived: Arc<AtomicUsize>,
    handlers: Vec<signal_hook::SigId>,
}

impl Signals {
    pub(super) fn catch() -> Signals {
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

    pub(super) fn arrived(&self) -> Option<i32> {
        match self.arrived.load(Ordering::SeqCst) {
            0 => None,
            signal => i32::try_from(signal).ok(),
        }
    }

    /// No longer caught; the signal that arrived meanwhile, if any.
    pub(super) fn release(self) -> Option<i32> {
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
pub(super) fn recover_locked(journal: &Path) -> Result<Option<Recovered>> {
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
pub(super) fn sweep_beside(journal: &Path) {
    let folder = journal
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    for dir in [folder, super::files::backups_dir(journal).as_path()] {
        super::temp::sweep(dir);
    }
}

/// Renames every prepared copy the record names over its file. A file whose copy is gone
/// was swapped already. Returns the files whose old bytes another name still holds.
pub(super) fn swap_all(record: &Record, journal: &Path) -> Result<Vec<PathBuf>> {
    let mut linked = Vec::new();
    #[cfg(feature = "fault-injection")]
    let mut swapped = 0;
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
        {
            swapped += 1;
            // Signals are held back while files are swapped: nothing but the test ends this.
            if swapped == 1 && super::fault::armed("hold-swap") {
                super::fault::hold(journal, &|| false);
            }
        }
    }
    Ok(linked)
}

/// Renames `prepared` over `file`, then overwrites the old file's bytes with zeros, unless
/// another name (a hard link: a snapshot made with `cp -al` or `rsync --link-dest`) still
/// holds them; false then.
pub(super) fn swap_file(prepared: &Path, file: &Path) -> Result<bool> {
    let old = OpenOptions::new().write(true).open(file).ok();
    super::temp::rename_durably(prepared, file)?;
    for suffix in ["-wal", "-shm", "-journal"] {
        let _ = fs::remove_file(super::files::side_file(file, suffix));
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
pub(super) fn discard_prepared(record: &Record, journal: &Path) -> Result<()> {
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

pub(super) fn overwrite_with_zeros(file: &File) -> std::io::Result<()> {
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
