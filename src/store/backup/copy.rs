//! The copy of a journal's pages into a new file, through SQLite's backup.

use std::path::Path;
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use crate::store::progress::{Progress, Unit};
use crate::store::{Error, Key, Result};

pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Writes a self-contained copy (rollback journal mode, no side files) of `source` to a
/// new private file at `temp`, keyed like the source (SQLite's backup copies pages as the
/// source reads them, and the target's key encrypts them again); the caller syncs it.
pub(super) fn write_copy(
    source: &Connection,
    temp: &Path,
    key: &Key,
    progress: &dyn Progress,
) -> Result<()> {
    let mut target = Connection::open_with_flags(
        temp,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    key.apply(&target)?;
    // The copy is synced once as a whole when it is complete; journaling it page by page
    // buys nothing.
    target.pragma_update(None, "synchronous", "OFF")?;
    // The copy is one consistent moment even while another connection writes: SQLite's
    // backup keeps a read transaction the source already holds across its steps (one it
    // opens itself ends with each step, and a write meanwhile restarts the copy). So the
    // source holds one for the whole copy, and the pages go over a few at a time, counted
    // for the progress line. A source inside a transaction of its own copies in one step.
    let holds_snapshot = source.is_autocommit();
    if holds_snapshot {
        source.execute_batch("BEGIN")?;
        let read = source.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()));
        if let Err(e) = read {
            let _ = source.execute_batch("ROLLBACK");
            return Err(e.into());
        }
    }
    let copied = copy_pages(source, &mut target, progress, holds_snapshot);
    if holds_snapshot {
        // Only read: ending it cannot lose anything.
        let _ = source.execute_batch("ROLLBACK");
    }
    copied?;
    target.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
    target.close().map_err(|(_, e)| Error::from(e))
}

/// Pages copied per step when the source holds its snapshot: 1 MiB of 4 KiB pages, few
/// enough calls to cost nothing, often enough for the progress line.
const PAGES_PER_STEP: i32 = 256;

/// Copies every page of `source` into `target`, telling `progress` how many are over.
pub(in crate::store) fn copy_pages(
    source: &Connection,
    target: &mut Connection,
    progress: &dyn Progress,
    holds_snapshot: bool,
) -> Result<()> {
    let backup = Backup::new(source, target)?;
    let per_step = if holds_snapshot { PAGES_PER_STEP } else { -1 };
    let mut waited = Duration::ZERO;
    let mut staged = false;
    loop {
        let step = backup.step(per_step)?;
        let counts = backup.progress();
        let total = u64::try_from(counts.pagecount).unwrap_or(0);
        if !staged {
            progress.stage("copying the journal", Some(total), Unit::Pages);
            staged = true;
        }
        progress.reach(total.saturating_sub(u64::try_from(counts.remaining).unwrap_or(0)));
        if progress.stop_asked() {
            // The temp file goes with its handle; nothing else was touched.
            return Err(Error::Interrupted("backup"));
        }
        match step {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if waited < BUSY_TIMEOUT => {
                std::thread::sleep(Duration::from_millis(50));
                waited += Duration::from_millis(50);
            }
            StepResult::Busy | StepResult::Locked => return Err(Error::Busy),
            _ => {}
        }
    }
}
