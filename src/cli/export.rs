//! `rapport export` and `rapport import`: the journal out to JSON, Markdown or CSV (written
//! beside the target and renamed, so an interrupted export leaves no half file), and a JSON
//! export back in, all or nothing.

use std::fs::OpenOptions;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::args::{ExportArgs, ExportFormat, ImportArgs, ImportFrom};
use super::backup::size;
use super::output::{json, line};
use super::{Failure, Journal, Outcome};
use crate::export;
use crate::export::arrive::{self, ArrivalReport};
use crate::export::import::ImportReport;
use crate::store::targets::Existing;
use crate::store::{self, Store};

pub(crate) fn export(journal: &Journal, args: ExportArgs, out: &mut dyn Write) -> Outcome {
    let mut store = journal.open()?;
    if store.is_encrypted() {
        // Said on stderr, so that it reaches the leader even when the export goes to a pipe.
        eprintln!(
            "rapport: the journal is encrypted but an export is plain text: anyone who can read it can read your notes (a file is written readable by you only)"
        );
    }
    let person = args
        .person
        .map(|name| store.resolve_person(&name, true))
        .transpose()?;
    let person_id = person.as_ref().map(|p| p.id);
    // `-o -` is standard output, as with most tools.
    let output = args.output.filter(|path| path.as_os_str() != "-");
    // The line goes to standard error when that is a terminal, but not over an export
    // that is itself written to the screen.
    let on_screen = output.is_none() && std::io::IsTerminal::is_terminal(&std::io::stdout());
    let watch = super::progress::watch(&mut store, on_screen);
    let Some(path) = output else {
        let mut buffered = BufWriter::with_capacity(1 << 16, out);
        let written = super::progress::cleared(
            watch.as_deref(),
            write(&store, args.format, person_id, &mut buffered),
        );
        return match written.and_then(|()| buffered.flush().map_err(export::write_error)) {
            // A reader that went away (`rapport export | head`) is not an error.
            Err(store::Error::Io { source, .. })
                if source.kind() == std::io::ErrorKind::BrokenPipe =>
            {
                Ok(())
            }
            other => Ok(other?),
        };
    };
    let bytes = super::progress::cleared(
        watch.as_deref(),
        write_file(journal.path(), &path, |file| {
            write(&store, args.format, person_id, file)
        }),
    )?;
    let what = match &person {
        Some(p) => format!("{}'s part of the journal", line(&p.name)),
        None => "the journal".to_string(),
    };
    writeln!(
        out,
        "Exported {what} as {} to {} ({}).",
        args.format.name(),
        path.display(),
        size(bytes)
    )?;
    Ok(())
}

fn write(
    store: &Store,
    format: ExportFormat,
    person_id: Option<i64>,
    out: &mut dyn Write,
) -> store::Result<()> {
    match format {
        // Gathered before the filter: rows are written a few bytes at a time.
        ExportFormat::Json => export::json::write(
            store,
            person_id,
            &mut BufWriter::with_capacity(1 << 16, super::output::ControlFilter::escape_c1(out)),
        ),
        ExportFormat::Markdown => export::markdown::write(store, person_id, out),
        ExportFormat::Csv => export::csv::write(store, person_id, out),
    }
}

/// Writes through a private temp file beside `path`, renamed into place when complete: the
/// export is created 0600, and a failed export leaves no half file (nor clobbers an old
/// one). A link at `path` is followed and the file it points to replaced; a device or a FIFO
/// (`/dev/stdout`, `/dev/null`) is written in place, never replaced; the journal, its side
/// files and other journals are refused. Returns the size written.
pub(super) fn write_file(
    journal: &Path,
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> store::Result<()>,
) -> Result<u64, Failure> {
    let path = &store::targets::follow_links(path);
    store::targets::refuse_journal_target(path, journal)?;
    match store::targets::existing(path)? {
        Existing::Directory => {
            return Err(Failure::Usage(format!(
                "{} is a folder: name the file to write, e.g. {}",
                path.display(),
                path.join("rapport.json").display()
            )));
        }
        Existing::Stream => return write_in_place(path, fill),
        Existing::Other => return Err(store::Error::NotAFile(path.to_path_buf()).into()),
        Existing::Nothing | Existing::File => {}
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    store::prepare_private_dir(&dir)?;
    store::temp::sweep(&dir);
    let cannot =
        |e: std::io::Error| Failure::Runtime(format!("cannot write {}: {e}", path.display()));
    // A Ctrl-C (or SIGTERM, SIGHUP) stops the export through its own error path, which
    // removes the temp file, instead of killing the process and leaving a full copy behind.
    let interrupted = Arc::new(AtomicBool::new(false));
    let handlers = [SIGINT, SIGTERM, SIGHUP]
        .into_iter()
        .filter_map(|signal| signal_hook::flag::register(signal, Arc::clone(&interrupted)).ok())
        .collect::<Vec<_>>();
    let result = (|| -> Result<u64, Failure> {
        let (temp, file) = store::temp::TempFile::beside(path, "export")?;
        let mut buffered = BufWriter::with_capacity(1 << 16, file);
        fill(&mut Interruptible {
            inner: &mut buffered,
            interrupted: &interrupted,
        })?;
        let file = buffered.into_inner().map_err(|e| cannot(e.into_error()))?;
        file.sync_all().map_err(cannot)?;
        temp.persist(path)?;
        Ok(file.metadata().map(|m| m.len()).unwrap_or(0))
    })();
    for handler in handlers {
        signal_hook::low_level::unregister(handler);
    }
    if interrupted.load(Ordering::SeqCst) {
        return Err(Failure::Runtime(
            "the export was interrupted; no file was written".into(),
        ));
    }
    result
}

/// A writer that fails once a signal asked the export to stop.
struct Interruptible<'a> {
    inner: &'a mut dyn Write,
    interrupted: &'a AtomicBool,
}

impl Write for Interruptible<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.interrupted.load(Ordering::Relaxed) {
            // Not `ErrorKind::Interrupted`: `write_all` retries those.
            return Err(std::io::Error::other("the export was interrupted"));
        }
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes an export straight into a device or a FIFO that is already there.
fn write_in_place(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> store::Result<()>,
) -> Result<u64, Failure> {
    let cannot =
        |e: std::io::Error| Failure::Runtime(format!("cannot write {}: {e}", path.display()));
    let file = OpenOptions::new().write(true).open(path).map_err(cannot)?;
    let mut counted = Counted {
        inner: BufWriter::with_capacity(1 << 16, file),
        bytes: 0,
    };
    fill(&mut counted)?;
    counted.inner.flush().map_err(cannot)?;
    Ok(counted.bytes)
}

/// A writer that counts what passes through it.
struct Counted<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf)?;
        self.bytes += written as u64;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

pub(crate) fn import(journal: &Journal, mut args: ImportArgs, out: &mut dyn Write) -> Outcome {
    // `-` is standard input, kept in a private temp file beside the journal for the passes
    // the import makes over it: removed when the command ends, swept if it is killed.
    let from_stdin = args.file.as_os_str() == "-";
    if args.from == ImportFrom::Markdown {
        return import_folder(journal, &args, out);
    }
    let _kept = if from_stdin {
        if let Some(dir) = journal
            .path()
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            store::prepare_private_dir(dir)?;
        }
        let (kept, mut file) = store::temp::TempFile::beside(journal.path(), "import")?;
        std::io::copy(&mut std::io::stdin().lock(), &mut file)
            .map_err(|e| Failure::Runtime(format!("could not read standard input: {e}")))?;
        args.file = kept.path().to_path_buf();
        Some(kept)
    } else {
        None
    };
    match store::targets::existing(&args.file)? {
        Existing::File => store::targets::refuse_journal_target(&args.file, journal.path())?,
        Existing::Nothing => {
            return Err(store::Error::NotImportable(
                args.file.clone(),
                "there is no such file".into(),
            )
            .into());
        }
        // A FIFO or a device would block or never end.
        _ => return Err(store::Error::NotAFile(args.file.clone()).into()),
    }
    let mut store = journal.open()?;
    let file = if from_stdin {
        "standard input".to_string()
    } else {
        args.file.display().to_string()
    };
    let watch = super::progress::watch(&mut store, args.json.json);
    // The line is cleared before the outcome (or the refusal) is said.
    use super::progress::cleared;
    let report = match args.from {
        ImportFrom::Rapport => cleared(
            watch.as_deref(),
            export::import::import(&mut store, &args.file, args.dry_run),
        )?,
        ImportFrom::Jrnl => {
            let notes = arrive::jrnl::notes(&args.file, args.person_by)?;
            let report = cleared(
                watch.as_deref(),
                arrive::arrive(&mut store, &args.file, &notes, choices(&args), args.dry_run),
            )?;
            if args.json.json {
                return json(out, &report);
            }
            say_arrival(&report, "jrnl entry", "jrnl entries", &file, out)?;
            report.import
        }
        ImportFrom::Markdown => return import_folder(journal, &args, out),
    };
    if args.json.json {
        return json(out, &report);
    }
    say_import(&report, &file, out)
}

/// The counts of an import, per kind of record, or that there was nothing to add.
fn say_import(report: &ImportReport, file: &str, out: &mut dyn Write) -> Outcome {
    if report.total_added() == 0 {
        writeln!(
            out,
            "Nothing to add: the journal already has everything in {file}."
        )?;
    } else {
        let verb = if report.dry_run { "Would add" } else { "Added" };
        writeln!(out, "{verb} from {file}:")?;
        for table in store::export_rows::TABLES {
            let added = report.added.get(table).copied().unwrap_or(0);
            if added > 0 {
                writeln!(out, "  {:<18} {added:>9}", table.replace('_', " "))?;
            }
        }
    }
    for (table, skipped) in &report.skipped {
        writeln!(
            out,
            "Kept the journal's own {} for {skipped} row(s) that exist under another id.",
            table.replace('_', " ")
        )?;
    }
    if report.dry_run {
        writeln!(out, "Nothing was changed (--dry-run).")?;
    }
    Ok(())
}

fn choices(args: &ImportArgs) -> arrive::Choices {
    arrive::Choices {
        add_people: args.add_people,
        kind: args.kind,
    }
}

/// `rapport import --from markdown FOLDER`.
fn import_folder(journal: &Journal, args: &ImportArgs, out: &mut dyn Write) -> Outcome {
    let folder = &args.file;
    match store::targets::existing(folder)? {
        Existing::Directory => {}
        Existing::Nothing => {
            return Err(store::Error::NotImportable(
                folder.clone(),
                "there is no such folder".into(),
            )
            .into());
        }
        _ => {
            return Err(store::Error::NotImportable(
                folder.clone(),
                "it is not a folder (--from markdown reads a folder of notes)".into(),
            )
            .into());
        }
    }
    let notes = arrive::markdown::notes(folder)?;
    let mut store = journal.open()?;
    let report = arrive::arrive(&mut store, folder, &notes, choices(args), args.dry_run)?;
    if args.json.json {
        return json(out, &report);
    }
    let named = folder.display().to_string();
    say_arrival(&report, "Markdown note", "Markdown notes", &named, out)?;
    say_import(&report.import, &named, out)
}

/// What an import from another tool found before the counts every import prints: the
/// notes read, the people it adds, and each note it leaves out with why.
fn say_arrival(
    report: &ArrivalReport,
    one: &str,
    many: &str,
    file: &str,
    out: &mut dyn Write,
) -> Outcome {
    let noun = if report.read == 1 { one } else { many };
    writeln!(out, "Read {} {noun} from {file}.", report.read)?;
    if !report.new_people.is_empty() {
        let verb = if report.import.dry_run {
            "Would add"
        } else {
            "Adds"
        };
        writeln!(
            out,
            "{verb} the people they name: {}.",
            report.new_people.join(", ")
        )?;
    }
    for skipped in &report.skipped {
        writeln!(out, "Skipped {}: {}.", skipped.note, skipped.why)?;
    }
    Ok(())
}
