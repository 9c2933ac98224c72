use std::fs::{self, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::args::{ExportArgs, ExportFormat, ImportArgs};
use super::backup::size;
use super::output::{json, line};
use super::{Failure, Outcome, open};
use crate::export;
use crate::store::{self, Store};

pub fn export(journal: &Path, args: ExportArgs, out: &mut dyn Write) -> Outcome {
    let store = open(journal)?;
    let person = args
        .person
        .map(|name| store.resolve_person(&name, true))
        .transpose()?;
    let person_id = person.as_ref().map(|p| p.id);
    let Some(path) = args.output else {
        let mut buffered = BufWriter::with_capacity(1 << 16, out);
        let written = write(&store, args.format, person_id, &mut buffered);
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
    let bytes = write_file(&path, |file| write(&store, args.format, person_id, file))?;
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
        ExportFormat::Json => {
            export::json::write(store, person_id, &mut super::output::EscapeC1::new(out))
        }
        ExportFormat::Markdown => export::markdown::write(store, person_id, out),
        ExportFormat::Csv => export::csv::write(store, person_id, out),
    }
}

/// Writes through a private temp file beside `path`, renamed into place when complete: the
/// export is created 0600, and a failed export leaves no half file (nor clobbers an old
/// one). Returns the size written.
fn write_file(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> store::Result<()>,
) -> Result<u64, Failure> {
    if path.is_dir() {
        return Err(Failure::Usage(format!(
            "{} is a folder: name the file to write, e.g. {}",
            path.display(),
            path.join("rapport.json").display()
        )));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    store::prepare_private_dir(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = fs::remove_file(&temp);
    let result = (|| -> Result<u64, Failure> {
        store::secure_file(&temp)?;
        let file = OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&temp)
            .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", temp.display())))?;
        let mut buffered = BufWriter::with_capacity(1 << 16, file);
        fill(&mut buffered)?;
        let file = buffered
            .into_inner()
            .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", path.display())))?;
        file.sync_all()?;
        fs::rename(&temp, path)
            .map_err(|e| Failure::Runtime(format!("cannot write {}: {e}", path.display())))?;
        Ok(file.metadata().map(|m| m.len()).unwrap_or(0))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

pub fn import(journal: &Path, args: ImportArgs, out: &mut dyn Write) -> Outcome {
    let mut store = open(journal)?;
    let report = export::import::import(&mut store, &args.file, args.dry_run)?;
    if args.json.json {
        return json(out, &report);
    }
    let file = args.file.display();
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
