//! `… delete ID` for every kind of record: one question that names what goes, one answer
//! (or `--yes`), one transaction.

use std::io::Write;

use super::output::{confirm, row_number};
use super::{Journal, Outcome};
use crate::store::Record;

/// Names the record, asks before deleting it (see [`confirm`]), deletes it and says so.
pub(super) fn run(
    journal: &Journal,
    record: Record,
    id: &str,
    yes: bool,
    out: &mut dyn Write,
) -> Outcome {
    let id = row_number(id, &format!("a {}", record.what()))?;
    let mut store = journal.open()?;
    let description = crate::views::records::describe(&store, record, id)?;
    confirm(&format!("Delete {description}?"), yes)?;
    store.delete_record(record, id)?;
    writeln!(out, "Deleted {description}.")?;
    Ok(())
}
