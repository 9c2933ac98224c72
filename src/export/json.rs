//! The complete, deterministic JSON export: every table, rows ordered by UUID, no field that
//! depends on when the export ran, so the same journal always gives the same bytes. Rows
//! are streamed as they are read. `docs/export-format.md` is the format's reference.

use std::io::Write;

use super::write_error;
use crate::store::export_rows::{EachTable, TableRow, each_table};
use crate::store::progress::{Progress, Unit};
use crate::store::{Error, Result, Store};

/// The value of the top-level `"format"` field.
pub(crate) const FORMAT: &str = "rapport-journal";
/// The value of the top-level `"version"` field this Rapport writes and reads.
pub(crate) const VERSION: u64 = 4;

/// Writes the journal (or everything about one person, without reflections and drafts) as
/// JSON: one object, one array per table, one row per line.
pub fn write(store: &Store, person_id: Option<i64>, out: &mut dyn Write) -> Result<()> {
    write!(
        out,
        "{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {VERSION}"
    )
    .map_err(write_error)?;
    let progress = store.progress();
    if progress.shown() {
        let total = store.rows_to_export(person_id)?;
        progress.stage("writing the export", Some(total), Unit::Rows);
    }
    each_table(&mut Writer {
        store,
        person_id,
        out: &mut *out,
        progress: &*progress,
        written: 0,
    })?;
    out.write_all(b"\n}\n").map_err(write_error)?;
    out.flush().map_err(write_error)
}

/// Writes each table in turn.
struct Writer<'a> {
    store: &'a Store,
    person_id: Option<i64>,
    out: &'a mut dyn Write,
    progress: &'a dyn Progress,
    /// Rows written so far, every table together.
    written: u64,
}

impl EachTable for Writer<'_> {
    type Error = Error;

    fn table<T: TableRow>(&mut self) -> Result<()> {
        let Writer {
            store,
            person_id,
            out,
            progress,
            written,
        } = self;
        progress.tell(&format!(
            "writing {}",
            crate::store::progress::records_of(T::TABLE.name)
        ));
        write!(out, ",\n  \"{}\": [", T::TABLE.name).map_err(write_error)?;
        let mut first = true;
        store.each_row::<T>(*person_id, |row| {
            out.write_all(if first { b"\n    " } else { b",\n    " })
                .map_err(write_error)?;
            first = false;
            *written += 1;
            // Told every few hundred rows: the line is drawn ten times a second at most
            // anyway, and a Ctrl-C is heard as soon.
            if *written % 256 == 0 {
                if progress.stop_asked() {
                    return Err(Error::Interrupted("export"));
                }
                progress.reach(*written);
            }
            #[cfg(feature = "fault-injection")]
            if crate::store::fault::armed("slow-export") {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
            serde_json::to_writer(&mut **out, &row).map_err(|e| write_error(e.into()))
        })?;
        progress.reach(*written);
        out.write_all(if first { b"]" } else { b"\n  ]" })
            .map_err(write_error)
    }
}
