//! `rapport backup` and `rapport restore`: a checked copy of the journal on demand or in the
//! rolling set, the list of what is kept, and a restore that replaces the journal only
//! with a backup that passes its check.

use std::io::Write;
use std::path::Path;

use super::args::{BackupArgs, RestoreArgs};
use super::output::json;
use super::{Failure, Journal, Outcome};
use crate::store::backup::{self, BackupKind, ListedBackup, Retention};
use crate::store::{Key, Sealing, cipher};

pub(crate) fn run(journal: &Journal, args: BackupArgs, out: &mut dyn Write) -> Outcome {
    if args.list {
        return list(journal.path(), args.json.json, out);
    }
    if !journal.path().is_file() {
        return Err(Failure::Runtime(format!(
            "there is no journal at {} yet: nothing to back up",
            journal.path().display()
        )));
    }
    let mut store = journal.open()?;
    // Asked before the line is drawn, and only for the rolling set (as before).
    let keep = match &args.path {
        None => retention()?,
        Some(_) => Retention::default(),
    };
    let watch = super::progress::watch(&mut store, args.json.json);
    let file = super::progress::cleared(
        watch.as_deref(),
        match args.path {
            Some(path) if path.is_dir() => {
                let name = format!("rapport-{}.db", backup::stamp(store.now()));
                store.backup_to(&path.join(name))
            }
            Some(path) => store.backup_to(&path),
            None => store.backup_rolling(keep),
        },
    )?;
    if args.json.json {
        return json(out, &file);
    }
    writeln!(
        out,
        "Backed up to {} ({}); its integrity check passed.",
        file.path.display(),
        size(file.bytes)
    )?;
    Ok(())
}

fn list(journal: &Path, as_json: bool, out: &mut dyn Write) -> Outcome {
    let key = journal_key(journal)?;
    let found = backup::list(journal, key.as_ref())?;
    if as_json {
        return json(out, &found);
    }
    let dir = backup::backups_dir(journal);
    if found.is_empty() {
        writeln!(out, "No backups yet in {}.", dir.display())?;
        return Ok(());
    }
    let keep = retention()?;
    writeln!(
        out,
        "Backups in {} (kept: the newest of each of the last {} days and {} weeks)",
        dir.display(),
        keep.daily,
        keep.weekly
    )?;
    for item in &found {
        let when = item
            .taken_at
            .map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_else(|| "                ".into());
        let kind = match item.kind {
            BackupKind::Rolling => "daily",
            BackupKind::BeforeRestore => "before restore",
            BackupKind::BeforeMigration => "before upgrade",
            BackupKind::Other => "other",
        };
        let name = item
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        writeln!(
            out,
            "{when}  {kind:<14}  {:>9}  {}  {}",
            size(item.bytes),
            super::output::line(&name),
            state(item, key.as_ref())
        )?;
    }
    Ok(())
}

/// The journal's key for trying its backups with: plain for a plain journal; for an
/// encrypted one the passphrase when it is given or can be asked at a terminal, `None`
/// otherwise (the listing then says the backups were not tried). A passphrase that does
/// not open the journal is refused rather than reported against every backup.
fn journal_key(journal: &Path) -> Result<Option<Key>, Failure> {
    use std::io::IsTerminal;
    if cipher::sealing(journal).ok() != Some(Sealing::Encrypted) {
        return Ok(Some(Key::plain()));
    }
    if super::unlock::must_ask(journal) && !std::io::stdin().is_terminal() {
        return Ok(None);
    }
    let key = super::unlock::key_for(journal)?;
    if !backup::opens_with(journal, &key) {
        return Err(crate::store::Error::WrongPassphrase(journal.to_path_buf()).into());
    }
    Ok(Some(key))
}

/// What a backup is beside its journal, opened with `key` (the journal's; `None`: the
/// journal is encrypted and its passphrase was not given): plain or encrypted, and whether
/// it opens with the journal's key.
pub(crate) fn state(item: &ListedBackup, key: Option<&Key>) -> &'static str {
    let journal_encrypted = key.is_none_or(Key::is_encrypted);
    match (item.encrypted, item.opens_with_journal_key) {
        (Some(true), Some(true)) => "encrypted, opens with the journal's passphrase",
        (Some(true), None) => {
            "encrypted, not tried: give the journal's passphrase with --passphrase-file to try it"
        }
        (Some(true), Some(false)) if journal_encrypted => {
            "encrypted, does not open with the journal's passphrase"
        }
        (Some(true), Some(false)) => "encrypted, while the journal is not",
        (Some(false), Some(true)) => "plain, like the journal",
        (Some(false), _) if journal_encrypted => {
            "plain, while the journal is encrypted: anyone with the file can read it"
        }
        (Some(false), _) => "plain, but it does not open as a Rapport journal",
        (None, _) => "not an SQLite database",
    }
}

pub(crate) fn restore(settings: &Journal, args: RestoreArgs, out: &mut dyn Write) -> Outcome {
    let journal = settings.path();
    // The journal's own key; a restore into a place where no journal is yet takes the
    // backup's.
    let keyed_by = if journal.is_file() {
        journal
    } else {
        &args.path
    };
    // Replacing a journal cannot be undone from the command line (the safety copy is a
    // file to find by hand), so it is asked like a delete; a first journal replaces nothing.
    if journal.is_file() {
        super::output::confirm_to(
            &format!(
                "Replace {} with the backup {}?",
                journal.display(),
                args.path.display()
            ),
            args.yes,
            "restore",
            "nothing was restored",
        )?;
    }
    let key = super::unlock::key_for(keyed_by)?;
    let restored = backup::restore(journal, &args.path, crate::clock::read()?, &key)?;
    // Opening brings an older backup up to date (backing it up first) and proves it opens.
    settings.open()?;
    if args.json.json {
        return json(out, &restored);
    }
    writeln!(
        out,
        "Restored {} from {}.",
        journal.display(),
        args.path.display()
    )?;
    if let Some(copy) = &restored.safety_copy {
        writeln!(out, "The journal as it was is kept in {}.", copy.display())?;
    }
    Ok(())
}

/// The retention of the rolling backups: the defaults, or `RAPPORT_KEEP_DAILY` and
/// `RAPPORT_KEEP_WEEKLY` when set.
pub(crate) fn retention() -> Result<Retention, Failure> {
    let mut keep = Retention::default();
    for (name, slot) in [
        ("RAPPORT_KEEP_DAILY", &mut keep.daily),
        ("RAPPORT_KEEP_WEEKLY", &mut keep.weekly),
    ] {
        if let Ok(text) = std::env::var(name) {
            *slot = text.trim().parse().map_err(|_| {
                Failure::Usage(format!(
                    "{name} must be a whole number of backups to keep, not \"{}\"",
                    super::output::line(&text)
                ))
            })?;
        }
    }
    Ok(keep)
}

/// Bytes for people: "812 KiB", "4.2 MiB".
pub(crate) fn size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} B")
    } else if b < KIB * KIB {
        format!("{:.0} KiB", b / KIB)
    } else if b < KIB * KIB * KIB {
        format!("{:.1} MiB", b / (KIB * KIB))
    } else {
        format!("{:.2} GiB", b / (KIB * KIB * KIB))
    }
}
