//! The passphrase of an encrypted journal, on the command line: read from the file named by
//! `--passphrase-file` or `RAPPORT_PASSPHRASE_FILE`, else asked at the terminal without echo,
//! once per run, unless `rapport unlock` keeps it for a while. `rapport encrypt`, `decrypt`,
//! `rekey`, `unlock` and `lock` live here too.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::OnceLock;

use zeroize::Zeroizing;

use super::args::{NewPassphraseArgs, UnlockArgs};
use super::kept_passphrase;
use super::{Failure, Journal, Outcome};
use crate::store::cipher::{self, Conversion, Converted, MIN_PASSPHRASE_CHARS};
use crate::store::{self, Key, Passphrase, Sealing};

/// The passphrase asked at the terminal, kept for the rest of the run (a command that opens
/// the journal twice asks once).
static ASKED: OnceLock<Key> = OnceLock::new();

/// How the journal (or backup) at `path` is to be opened: plain, or with the passphrase
/// from the file or the terminal. A passphrase file given for a plain journal is used, so
/// that the store refuses it and says the journal is not encrypted; for a new journal, it
/// makes the new journal encrypted.
pub(crate) fn key_for(path: &Path) -> Result<Key, Failure> {
    let sealing = cipher::sealing(path).unwrap_or(Sealing::Other);
    if let Some(file) = passphrase_file() {
        let read = read_passphrase_file(file)?;
        // It will encrypt the new journal: it must be as strong as `rapport encrypt` asks.
        if sealing == Sealing::New {
            if read.passphrase.chars() < MIN_PASSPHRASE_CHARS {
                return Err(Failure::Usage(format!(
                    "{} (in {}); no journal was made",
                    crate::domain::Invalid::Passphrase(MIN_PASSPHRASE_CHARS),
                    file.display()
                )));
            }
            warn_of_blank_edges(&read.passphrase);
        }
        if read.had_byte_order_mark && sealing == Sealing::Encrypted {
            return Ok(key_of_marked_file(path, file, read.passphrase));
        }
        return Ok(Key::with(read.passphrase));
    }
    if sealing != Sealing::Encrypted {
        return Ok(Key::plain());
    }
    if let Some(key) = ASKED.get() {
        return Ok(key.clone());
    }
    if let Some(passphrase) = kept_passphrase::kept(path) {
        return Ok(ASKED.get_or_init(|| Key::with(passphrase)).clone());
    }
    let passphrase = ask(&format!("Passphrase for {}: ", path.display()), path)?;
    Ok(ASKED.get_or_init(|| Key::with(passphrase)).clone())
}

/// The key of a passphrase file that began with a byte-order mark. The mark is not part of
/// a passphrase, but Rapport 0.x kept it, and a journal encrypted from such a file opens
/// only with the mark: that key is used, with a word on how to leave it behind.
fn key_of_marked_file(journal: &Path, file: &Path, passphrase: Passphrase) -> Key {
    let without = Key::with(passphrase);
    if cipher::opens(journal, &without) {
        return without;
    }
    let Some(passphrase) = without.passphrase() else {
        return without;
    };
    let with = Key::with(passphrase.behind_byte_order_mark());
    if !cipher::opens(journal, &with) {
        // Neither opens it: the store says so, about the passphrase as it is meant.
        return without;
    }
    eprintln!(
        "rapport: warning: {} opens only with the invisible byte-order mark that begins {}, so it cannot be opened from the prompt: give it a passphrase without one with `rapport rekey --new-passphrase-file FILE`",
        journal.display(),
        file.display()
    );
    with
}

/// Said when a passphrase is set: spaces at its ends are kept, and easily forgotten.
fn warn_of_blank_edges(passphrase: &Passphrase) {
    if passphrase.has_blank_edges() {
        eprintln!(
            "rapport: warning: the new passphrase begins or ends with a space, which is part of it: type it that way every time"
        );
    }
}

/// True when the journal is encrypted and its passphrase must be asked for: the terminal
/// interface asks on a screen of its own instead.
pub(crate) fn must_ask(path: &Path) -> bool {
    passphrase_file().is_none()
        && cipher::sealing(path).ok() == Some(Sealing::Encrypted)
        && kept_passphrase::kept(path).is_none()
}

fn passphrase_file() -> Option<&'static Path> {
    super::settings_flags().passphrase_file.as_deref()
}

/// A passphrase as read from its file.
struct FromFile {
    passphrase: Passphrase,
    /// The file began with a byte-order mark, dropped from the passphrase.
    had_byte_order_mark: bool,
}

/// Reads a passphrase file, refusing one that others can read (it would give the journal
/// away to them), one that is not UTF-8 text, and one whose passphrase cannot be typed (see
/// [`Passphrase::entered`]). No refusal quotes the file's content.
fn read_passphrase_file(file: &Path) -> Result<FromFile, Failure> {
    let cannot = |e: std::io::Error| {
        Failure::Runtime(format!(
            "cannot read the passphrase file {}: {e}",
            file.display()
        ))
    };
    let meta = std::fs::metadata(file).map_err(cannot)?;
    if meta.permissions().mode() & 0o077 != 0 {
        return Err(Failure::Runtime(format!(
            "the passphrase file {} can be read by others (mode {:o}): make it private with `chmod 600`",
            file.display(),
            meta.permissions().mode() & 0o777
        )));
    }
    let bytes = Zeroizing::new(std::fs::read(file).map_err(cannot)?);
    let refused = |why: &dyn std::fmt::Display| {
        Failure::Usage(format!(
            "the passphrase file {} cannot be used: {why}",
            file.display()
        ))
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Err(refused(
            &"it is not UTF-8 text (a file saved as UTF-16 begins with the bytes FF FE or FE FF: save it as UTF-8)",
        ));
    };
    let had_byte_order_mark = text.starts_with('\u{feff}');
    let passphrase = Passphrase::entered(text.to_string()).map_err(|e| refused(&e))?;
    Ok(FromFile {
        passphrase,
        had_byte_order_mark,
    })
}

/// Asks at the terminal (not stdin: a pipe may be feeding the command), without echo.
fn ask(prompt: &str, journal: &Path) -> Result<Passphrase, Failure> {
    Ok(Passphrase::entered(typed(prompt, journal)?)?)
}

/// What was typed at the terminal after `prompt`, without echo.
fn typed(prompt: &str, journal: &Path) -> Result<String, Failure> {
    rpassword::prompt_password(prompt).map_err(|_| {
        Failure::Runtime(format!(
            "{} is encrypted and there is no terminal to ask for its passphrase: give it with --passphrase-file FILE or RAPPORT_PASSPHRASE_FILE",
            journal.display()
        ))
    })
}

/// A new passphrase: from `--new-passphrase-file`, or typed twice at the terminal; long
/// enough either way.
fn new_passphrase(args: &NewPassphraseArgs, journal: &Path) -> Result<Passphrase, Failure> {
    let unchanged =
        |invalid: crate::domain::Invalid| Failure::Usage(format!("{invalid}; nothing was changed"));
    let strong = |passphrase: Passphrase| {
        if passphrase.chars() < MIN_PASSPHRASE_CHARS {
            return Err(unchanged(crate::domain::Invalid::Passphrase(
                MIN_PASSPHRASE_CHARS,
            )));
        }
        warn_of_blank_edges(&passphrase);
        Ok(passphrase)
    };
    if let Some(file) = &args.new_passphrase_file {
        return strong(read_passphrase_file(file)?.passphrase);
    }
    let ask_new = |prompt: &str| Passphrase::entered(typed(prompt, journal)?).map_err(unchanged);
    let first = strong(ask_new(&format!(
        "New passphrase (at least {MIN_PASSPHRASE_CHARS} characters): "
    ))?)?;
    let again = ask_new("The same passphrase again: ")?;
    if !first.same_as(&again) {
        return Err(Failure::Usage(
            "the two passphrases differ; nothing was changed".into(),
        ));
    }
    Ok(first)
}

/// Opens the journal with `key` once, so that it is a Rapport journal, on this schema
/// (migrated if it was older), before anything is rewritten.
/// A journal that syncs keeps its key: the files it wrote to the folder, and the other
/// devices' files it reads, are encrypted with it (docs/two-devices.md, "Encrypted
/// journals"), so a `conversion` (encrypt, decrypt, rekey) is refused before anything is
/// asked; `unlock` only opens it.
fn open_first(journal: &Journal, key: Key, conversion: Option<&str>) -> Result<(), Failure> {
    if !journal.path().is_file() {
        return Err(Failure::Runtime(format!(
            "there is no journal at {}",
            journal.path().display()
        )));
    }
    let store = journal.open_keyed(key)?;
    if let Some(conversion) = conversion
        && let Some(folder) = store.sync_folder()?
    {
        return Err(Failure::Usage(format!(
            "this journal syncs through {}, whose files every device reads with the journal's one key: `rapport {conversion}` would cut it off from them, so it is refused and nothing was changed",
            folder.display()
        )));
    }
    Ok(())
}

/// The conversion of `journal` from `from` to `to`, its progress line drawn at a terminal
/// and cleared before anything is said.
fn converted(journal: &Path, from: &Key, to: &Key) -> Result<cipher::Converted, Failure> {
    match super::progress::Watch::drawing_only(false) {
        Some(watch) => super::progress::cleared(
            Some(&watch),
            cipher::convert_telling(journal, from, to, &*watch),
        ),
        None => cipher::convert(journal, from, to),
    }
    .map_err(Failure::from)
}

/// `rapport encrypt`.
pub(crate) fn encrypt(settings: &Journal, args: NewPassphraseArgs, out: &mut dyn Write) -> Outcome {
    let journal = settings.path();
    if cipher::sealing(journal).ok() == Some(Sealing::Encrypted) {
        return Err(store::Error::Encrypted(journal.to_path_buf()).into());
    }
    open_first(settings, Key::plain(), Some("encrypt"))?;
    // Said before the passphrase is chosen, where it will be read.
    eprintln!(
        "Encrypting {} and its backups. Without the passphrase they cannot be opened by anyone, \
         you included: there is no recovery. Keep it somewhere safe, such as a password manager.",
        journal.display()
    );
    let passphrase = new_passphrase(&args, journal)?;
    let converted = converted(journal, &Key::plain(), &Key::with(passphrase))?;
    report(&converted, Conversion::Encrypt, "Encrypted", out)?;
    writeln!(
        out,
        "From now on Rapport asks for the passphrase when it opens this journal. Exports stay plain text."
    )?;
    honour(converted.deferred_signal, out)
}

/// `rapport decrypt`.
pub(crate) fn decrypt(settings: &Journal, out: &mut dyn Write) -> Outcome {
    let journal = settings.path();
    if cipher::sealing(journal).ok() == Some(Sealing::Plain) {
        return Err(store::Error::NotEncrypted(journal.to_path_buf()).into());
    }
    let key = key_for(journal)?;
    open_first(settings, key.clone(), Some("decrypt"))?;
    let converted = converted(journal, &key, &Key::plain())?;
    report(&converted, Conversion::Decrypt, "Decrypted", out)?;
    kept_passphrase::forget(journal);
    honour(converted.deferred_signal, out)
}

/// `rapport rekey`.
pub(crate) fn rekey(settings: &Journal, args: NewPassphraseArgs, out: &mut dyn Write) -> Outcome {
    let journal = settings.path();
    if cipher::sealing(journal).ok() == Some(Sealing::Plain) {
        return Err(store::Error::NotEncrypted(journal.to_path_buf()).into());
    }
    let old = key_for(journal)?;
    open_first(settings, old.clone(), Some("rekey"))?;
    let passphrase = new_passphrase(&args, journal)?;
    if old.opens_with(&passphrase) {
        return Err(Failure::Usage(
            "the new passphrase is the one the journal has; nothing was changed".into(),
        ));
    }
    let converted = converted(journal, &old, &Key::with(passphrase))?;
    report(
        &converted,
        Conversion::Rekey,
        "Gave a new passphrase to",
        out,
    )?;
    if kept_passphrase::forget(journal) {
        writeln!(
            out,
            "The old passphrase that `rapport unlock` kept was forgotten: `rapport unlock` keeps the new one."
        )?;
    }
    honour(converted.deferred_signal, out)
}

/// `rapport unlock`: asks for the passphrase (or reads its file) even when one is kept,
/// proves it opens the journal, and keeps it for the time asked.
pub(crate) fn keep(settings: &Journal, args: &UnlockArgs, out: &mut dyn Write) -> Outcome {
    let journal = settings.path();
    if cipher::sealing(journal).ok() == Some(Sealing::Plain) {
        return Err(store::Error::NotEncrypted(journal.to_path_buf()).into());
    }
    let passphrase = match passphrase_file() {
        Some(file) => read_passphrase_file(file)?.passphrase,
        None => ask(&format!("Passphrase for {}: ", journal.display()), journal)?,
    };
    let key = Key::with(passphrase);
    open_first(settings, key.clone(), None)?;
    let Some(passphrase) = key.passphrase() else {
        return Err(store::Error::NotEncrypted(journal.to_path_buf()).into());
    };
    kept_passphrase::keep(journal, passphrase, args.keep_for).map_err(|unavailable| {
        Failure::Runtime(format!(
            "{}; nothing was kept, so commands go on asking for the passphrase",
            unavailable.0
        ))
    })?;
    let until = crate::clock::read()?
        + chrono::Duration::from_std(args.keep_for).unwrap_or(chrono::Duration::MAX);
    writeln!(
        out,
        "Unlocked {} until {}: commands and the interface do not ask for its passphrase until then, or until `rapport lock`.",
        journal.display(),
        until.format("%a %-d %b %H:%M")
    )?;
    Ok(())
}

/// `rapport lock`.
pub(crate) fn lock(journal: &Path, out: &mut dyn Write) -> Outcome {
    if kept_passphrase::forget(journal) {
        writeln!(
            out,
            "Locked {}: the next command asks for its passphrase.",
            journal.display()
        )?;
    } else {
        writeln!(
            out,
            "No passphrase was kept for {}; nothing to forget.",
            journal.display()
        )?;
    }
    Ok(())
}

/// A signal that arrived while the files were swapped ends the run now, the way it would
/// have, once the swap is done and said.
fn honour(signal: Option<i32>, out: &mut dyn Write) -> Outcome {
    out.flush()?;
    cipher::honour(signal);
    Ok(())
}

/// Finishes or undoes a conversion a crash or a kill left unfinished beside `journal`,
/// before the command looks at the journal (whether it is encrypted, its passphrase), and
/// says so in one sentence.
pub(crate) fn finish_interrupted(journal: &Path) -> Outcome {
    let Some(done) = cipher::finish_interrupted(journal)? else {
        return Ok(());
    };
    let files = match done.backups {
        0 => "the journal".to_string(),
        1 => "the journal and its backup".to_string(),
        n => format!("the journal and its {n} backups"),
    };
    let outcome = match (done.finished, done.conversion) {
        (false, _) => format!("was undone: {files} are as they were"),
        (true, Conversion::Encrypt) => format!("was finished: {files} are now encrypted"),
        (true, Conversion::Decrypt) => format!("was finished: {files} are now plain"),
        (true, Conversion::Rekey) => {
            format!("was finished: {files} now open with the new passphrase")
        }
    };
    eprintln!(
        "rapport: An interrupted {} of {} {outcome}.",
        done.conversion.name(),
        done.journal.display()
    );
    for file in &done.linked {
        eprintln!("rapport: {}", linked_sentence(file, done.conversion));
    }
    cipher::honour(done.deferred_signal);
    Ok(())
}

/// Said of a file whose old bytes were not overwritten because another name holds them.
fn linked_sentence(file: &Path, conversion: Conversion) -> String {
    let old = match conversion {
        Conversion::Encrypt => "its old, unencrypted bytes",
        Conversion::Decrypt => "its old, encrypted bytes",
        Conversion::Rekey => "its old bytes, which open with the old passphrase",
    };
    format!(
        "{} has another name (a hard link), which still holds {old}: they were not overwritten",
        file.display()
    )
}

fn report(
    converted: &Converted,
    conversion: Conversion,
    done: &str,
    out: &mut dyn Write,
) -> Outcome {
    let backups = match converted.backups.len() {
        0 => String::new(),
        1 => " and its backup".to_string(),
        n => format!(" and its {n} backups"),
    };
    // Only the files no other name holds were overwritten; the others are named below.
    let overwritten = if converted.linked.is_empty() {
        "whose bytes were overwritten"
    } else {
        "whose bytes were overwritten where no other name holds them"
    };
    writeln!(
        out,
        "{done} {}{backups}; each was checked before it replaced the old file, {overwritten}.",
        converted.journal.display()
    )?;
    for file in &converted.linked {
        writeln!(out, "{}.", linked_sentence(file, conversion))?;
    }
    for (backup, why) in &converted.left {
        writeln!(
            out,
            "Left as it was: {} ({})",
            backup.display(),
            super::output::line(why)
        )?;
    }
    Ok(())
}
