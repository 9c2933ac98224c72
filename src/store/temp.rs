//! Temp files: every copy Rapport writes (backups, safety copies, restores, exports) goes to
//! a temp file beside its destination and is renamed into place when complete; an import
//! from standard input is kept in one beside the journal while it is read.
//!
//! A temp file is created exclusively (`O_CREAT|O_EXCL`, by the `tempfile` crate) under a
//! random name, 0600, so a name someone else made first in a shared folder is never opened
//! and never receives the journal. Its name still says which process made it
//! (`.<dest name>.<what>-<pid>-<random>.tmp`): a Rapport killed part-way leaves one behind,
//! holding a full copy of private text, and [`sweep`] removes those whose process has ended
//! wherever Rapport writes.

use std::fs::{self, File};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use super::{Error, Result};

/// What the temp files are for, as their names say; [`sweep`] knows only these.
const KINDS: [&str; 7] = [
    "backup", "copy", "restore", "export", "import", "convert", "sync",
];

/// A temp file beside a destination, removed (with any SQLite side files) unless persisted.
#[derive(Debug)]
pub(crate) struct TempFile {
    path: PathBuf,
    persisted: bool,
}

impl TempFile {
    /// Creates a new private temp file in `dest`'s folder for a copy of kind `what`.
    pub(crate) fn beside(dest: &Path, what: &'static str) -> Result<(TempFile, File)> {
        let dir = folder_of(dest);
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "rapport".into());
        let created = tempfile::Builder::new()
            .prefix(&format!(".{name}.{what}-{}-", std::process::id()))
            .suffix(".tmp")
            .rand_bytes(12)
            .permissions(fs::Permissions::from_mode(0o600))
            .tempfile_in(&dir)
            .map_err(|source| Error::Io {
                action: "create a temporary file in",
                path: dir.clone(),
                source,
            })?;
        // Removal is ours from here on, so that SQLite's side files go too.
        let (file, path) = created.keep().map_err(|e| Error::Io {
            action: "create a temporary file in",
            path: dir,
            source: e.error,
        })?;
        Ok((
            TempFile {
                path,
                persisted: false,
            },
            file,
        ))
    }

    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Renames the temp file over `dest` and makes the rename durable.
    pub(crate) fn persist(mut self, dest: &Path) -> Result<()> {
        rename_durably(&self.path, dest)?;
        self.persisted = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if self.persisted {
            return;
        }
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let mut name = self.path.as_os_str().to_owned();
            name.push(suffix);
            let _ = fs::remove_file(PathBuf::from(name));
        }
    }
}

/// Renames `from` over `to` and syncs the folder, so the rename survives a crash.
pub(crate) fn rename_durably(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).map_err(|source| Error::Io {
        action: "write",
        path: to.to_path_buf(),
        source,
    })?;
    // Best effort: some file systems cannot sync a directory.
    let _ = File::open(folder_of(to)).and_then(|d| d.sync_all());
    Ok(())
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Removes the temp files (and their SQLite side files) that a Rapport killed part-way
/// through a copy left in `dir`. Only files whose process has ended are touched, so a copy
/// running elsewhere is left alone; files that cannot be removed (another user's, in a
/// shared folder) are left too.
pub(crate) fn sweep(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue;
        };
        if owner(name).is_some_and(|pid| !process_alive(pid)) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// The process id in a temp file's name (`.<name>.<what>-<pid>-<random>.tmp`, perhaps with
/// `-journal`, `-wal` or `-shm` after it).
fn owner(name: &str) -> Option<i32> {
    let base = ["-journal", "-wal", "-shm"]
        .iter()
        .find_map(|suffix| name.strip_suffix(suffix))
        .unwrap_or(name);
    let base = base.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = base.rsplitn(3, '-');
    let (random, pid, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let ours = !random.is_empty()
        && random.bytes().all(|b| b.is_ascii_alphanumeric())
        && KINDS
            .iter()
            .any(|what| rest.strip_suffix(what).is_some_and(|r| r.ends_with('.')));
    ours.then(|| pid.parse().ok()).flatten()
}

fn process_alive(pid: i32) -> bool {
    if pid <= 0 || pid == std::process::id() as i32 {
        return true;
    }
    // Signal 0 only asks whether the process exists; one we may not signal exists too.
    let Some(pid) = rustix::process::Pid::from_raw(pid) else {
        return true;
    };
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_names_give_their_process_and_are_private_and_unpredictable() {
        let dir = tempfile::TempDir::new().unwrap();
        let dest = dir.path().join("backup.db");
        let (first, _) = TempFile::beside(&dest, "backup").unwrap();
        let (second, _) = TempFile::beside(&dest, "backup").unwrap();
        assert_ne!(first.path(), second.path());
        let name = first.path().file_name().unwrap().to_str().unwrap();
        assert_eq!(owner(name), Some(std::process::id() as i32));
        let mode = fs::metadata(first.path()).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let path = first.path().to_path_buf();
        drop(first);
        assert!(!path.exists(), "removed unless persisted");
        assert_eq!(owner(".my-file.db.backup-123-4aZ.tmp-wal"), Some(123));
        assert_eq!(owner(".j.db.restore-9-0.tmp-journal"), Some(9));
        assert_eq!(owner(".out.json.export-77-Qx3.tmp"), Some(77));
        assert_eq!(owner("backup.db"), None);
        assert_eq!(owner(".notes.tmp"), None);
        assert_eq!(owner(".j.db.other-9-0.tmp"), None);
        assert_eq!(owner(".j.dbexport-9-0.tmp"), None);
    }
}
