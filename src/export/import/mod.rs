//! Importing a JSON export: read as a stream, every row checked, then added if the journal
//! does not have it yet (by UUID), all in one transaction. A file that fails any check
//! changes nothing. This front door runs the load; `read` reads the file as a stream of
//! parts, `check` checks each row's fields and references, `rules` the rules that look
//! across rows, and `fields` the words, dates and text of one field.

mod check;
mod fields;
mod read;
mod rules;

use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::store::export_rows::{
    EachTable, ImportCounts, Lookup, TABLES, TableCounts, TableRow, Tables, each_table,
};
use crate::store::progress::{Progress, Unit, records_of};
use crate::store::{Error, Result, Store};
use check::Validator;
use read::{read_header, stream_parts};

/// The largest export `import` reads. The journal Rapport is designed for (500 people over
/// ten years) exports to about 340 MB.
pub(crate) const MAX_IMPORT_BYTES: u64 = 4 << 30;

/// What an import did, or with `dry_run` would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub file: PathBuf,
    pub dry_run: bool,
    /// Rows per table in the file.
    pub in_file: TableCounts,
    /// Rows per table added (with `dry_run`: rows whose UUID the journal does not have).
    pub added: TableCounts,
    /// Rows left out because the journal already had the same thing under another UUID.
    pub skipped: TableCounts,
}

impl ImportReport {
    pub fn total_added(&self) -> u64 {
        self.added.values().sum()
    }
}

/// Imports the JSON export at `path` into the journal (or only reports what it would add).
pub fn import(store: &mut Store, path: &Path, dry_run: bool) -> Result<ImportReport> {
    let refuse = |reason: String| Error::NotImportable(path.to_path_buf(), reason);
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })?;
    // A FIFO or a device (`/dev/zero`) would block or never end.
    if !meta.is_file() {
        return Err(refuse("it is not a regular file".into()));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(refuse(format!(
            "it is larger than {} GiB, the most Rapport imports",
            MAX_IMPORT_BYTES >> 30
        )));
    }
    // Read as a stream, never whole: the header first, then the rows a part at a time, each
    // part checked and staged before the next is read. Tables come parents first, so a
    // reference always names a row already read (or one in the journal). Only the UUIDs are
    // kept from one part to the next, so memory stays small however large the export; the
    // staged rows wait in a temporary file until the whole file has passed.
    let open_file = || -> std::result::Result<std::fs::File, Problem> {
        std::fs::File::open(path).map_err(|e| Problem::Bad(format!("it could not be read ({e})")))
    };
    let open = || open_file().map(|file| BufReader::with_capacity(1 << 16, file));
    let as_error = |problem: Problem| match problem {
        Problem::Bad(reason) => Error::NotImportable(path.to_path_buf(), reason),
        Problem::Store(e) => e,
    };
    read_header(open().map_err(as_error)?).map_err(refuse)?;
    let unchanged = || {
        // What was checked is what was added: a file changed meanwhile is refused and
        // nothing is kept.
        if std::fs::metadata(path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()))
            == Some((meta.len(), meta.modified().ok()))
        {
            Ok(())
        } else {
            Err(Problem::Bad(
                "it changed while it was being imported".into(),
            ))
        }
    };
    let progress = store.progress();
    load(
        store,
        path,
        dry_run,
        &|each: &mut dyn FnMut(&Tables) -> Checked| {
            progress.stage("reading the export", Some(meta.len()), Unit::Bytes);
            // Counted beneath the buffer: the JSON reader takes the file a byte at a time.
            let counted = Counted {
                inner: open_file()?,
                read: 0,
                progress: &*progress,
            };
            stream_parts(BufReader::with_capacity(1 << 16, counted), &mut |part| {
                each(&part)
            })
        },
        &unchanged,
    )
    .map_err(as_error)
}

/// The export as it is read, telling `progress` how many of its bytes are behind.
struct Counted<'p, R> {
    inner: R,
    read: u64,
    progress: &'p dyn Progress,
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        self.progress.reach(self.read);
        Ok(n)
    }
}

/// Imports rows already in memory (what another tool wrote, turned into Rapport's rows):
/// checked and added exactly as the rows of an export are, and reported as from `source`.
pub(crate) fn import_tables(
    store: &mut Store,
    tables: &Tables,
    source: &Path,
    dry_run: bool,
) -> Result<ImportReport> {
    load(
        store,
        source,
        dry_run,
        &|each: &mut dyn FnMut(&Tables) -> Checked| each(tables),
        &|| Ok(()),
    )
    .map_err(|problem| match problem {
        Problem::Bad(reason) => Error::NotImportable(source.to_path_buf(), reason),
        Problem::Store(e) => e,
    })
}

/// Hands each part of the rows to `each`, in order.
type Feed<'a> = dyn Fn(&mut dyn FnMut(&Tables) -> Checked) -> Checked + 'a;

/// The load behind every import: each part checked, then counted (a dry run) or added, all
/// in one transaction; `unchanged` is asked last, before anything is kept.
fn load(
    store: &mut Store,
    source: &Path,
    dry_run: bool,
    feed: &Feed<'_>,
    unchanged: &dyn Fn() -> Checked,
) -> std::result::Result<ImportReport, Problem> {
    let now = store.local_now();
    let progress = store.progress();
    // A Ctrl-C stops the import between two parts of the file; nothing is kept.
    // The line names the table being read; a part holds rows of one table.
    let told = std::cell::Cell::new("");
    #[cfg(feature = "fault-injection")]
    let held = std::cell::Cell::new(false);
    #[cfg(feature = "fault-injection")]
    let journal = store.path().to_path_buf();
    let go_on = |part: &Tables| {
        if let Some(table) = table_of(part).filter(|table| *table != told.get()) {
            told.set(table);
            progress.tell(&format!("reading {}", records_of(table)));
        }
        #[cfg(feature = "fault-injection")]
        if told.get() == "conversation"
            && !held.replace(true)
            && crate::store::fault::armed("hold-import")
        {
            crate::store::fault::hold(&journal, &|| progress.stop_asked());
        }
        if progress.stop_asked() {
            Err(Problem::Store(Error::Interrupted("import")))
        } else {
            Ok(())
        }
    };
    let (in_file, added, skipped) = if dry_run {
        let mut added = TableCounts::new();
        let lookup = store.lookup();
        let mut validator = Validator::new(lookup, now);
        feed(&mut |part| {
            go_on(part)?;
            validator.check(part)?;
            for (table, n) in new_rows(lookup, part)? {
                *added.entry(table).or_default() += n;
            }
            Ok(())
        })?;
        (validator.finish()?, added, TableCounts::new())
    } else {
        let (in_file, ImportCounts { added, skipped }) = store.bulk_load(|load| {
            let mut validator = Validator::new(load.lookup(), now);
            feed(&mut |part| {
                go_on(part)?;
                validator.check(part)?;
                load.add_part(part)?;
                Ok(())
            })?;
            unchanged()?;
            validator.finish()
        })?;
        (in_file, added, skipped)
    };
    Ok(ImportReport {
        file: source.to_path_buf(),
        dry_run,
        in_file: with_every_table(in_file),
        added: with_every_table(added),
        skipped,
    })
}

/// Adds back what an export held in memory and the journal no longer has: how the interface
/// undoes a delete (the person's part was exported just before). The rows the delete took
/// (`deleted`) come back under their own ids. All or nothing, like [`import`].
pub(crate) fn restore_from(
    store: &mut Store,
    export: &[u8],
    deleted: &crate::store::DeletedRows,
) -> Result<u64> {
    let as_error = |problem: Problem| match problem {
        Problem::Bad(reason) => Error::NotImportable(PathBuf::from("the deleted item"), reason),
        Problem::Store(e) => e,
    };
    let now = store.local_now();
    let (_, ImportCounts { added, .. }) = store
        .bulk_load(|load| {
            let mut validator = Validator::new(load.lookup(), now);
            load.keep_ids(deleted)?;
            stream_parts(export, &mut |part| {
                validator.check(&part)?;
                load.add_part(&part)?;
                Ok(())
            })?;
            validator.finish()
        })
        .map_err(as_error)?;
    Ok(added.values().sum())
}

/// Why an import stops: the file is refused (the reason, a sentence after the file's name),
/// or the journal could not be read or written.
enum Problem {
    Bad(String),
    Store(Error),
}

impl From<Error> for Problem {
    fn from(error: Error) -> Self {
        Problem::Store(error)
    }
}

type Checked = std::result::Result<(), Problem>;

/// The table whose rows `part` holds (the first with any).
fn table_of(part: &Tables) -> Option<&'static str> {
    struct First<'a> {
        part: &'a Tables,
        found: Option<&'static str>,
    }
    impl EachTable for First<'_> {
        type Error = Error;
        fn table<T: TableRow>(&mut self) -> Result<()> {
            if self.found.is_none() && !T::rows(self.part).is_empty() {
                self.found = Some(T::TABLE.name);
            }
            Ok(())
        }
    }
    let mut first = First { part, found: None };
    each_table(&mut first).ok()?;
    first.found
}

/// Rows of each table whose UUID the journal does not have.
fn new_rows(lookup: Lookup<'_>, part: &Tables) -> Result<TableCounts> {
    struct Count<'a> {
        lookup: Lookup<'a>,
        part: &'a Tables,
        counts: TableCounts,
    }
    impl EachTable for Count<'_> {
        type Error = Error;
        fn table<T: TableRow>(&mut self) -> Result<()> {
            let mut n = 0;
            for row in T::rows(self.part) {
                if !self.lookup.has_uuid(T::TABLE.name, &row.uuid())? {
                    n += 1;
                }
            }
            if n > 0 {
                *self.counts.entry(T::TABLE.name).or_default() += n;
            }
            Ok(())
        }
    }
    let mut count = Count {
        lookup,
        part,
        counts: TableCounts::new(),
    };
    each_table(&mut count)?;
    Ok(count.counts)
}

fn with_every_table(mut counts: TableCounts) -> TableCounts {
    for table in TABLES {
        counts.entry(table).or_default();
    }
    counts
}
