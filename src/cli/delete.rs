//! `… delete ID` for every kind of record: one question that names what goes, one answer
//! (or `--yes`), one transaction.

use std::io::Write;

use serde::Serialize;

use super::output::{confirm, json, row_number};
use super::{Failure, Journal, Outcome};
use crate::store::Record;

/// What `… delete --json` prints: the record that went, by kind (its table), number and UUID.
#[derive(Serialize)]
struct Deleted {
    kind: &'static str,
    id: i64,
    uuid: uuid::Uuid,
}

/// Names the record, asks before deleting it (see [`confirm`]), deletes it and says so.
pub(super) fn run(
    journal: &Journal,
    record: Record,
    id: &str,
    yes: bool,
    as_json: bool,
    out: &mut dyn Write,
) -> Outcome {
    let id = row_number(id, &format!("a {}", record.what()))?;
    let mut store = journal.open()?;
    let description = crate::views::records::describe(&store, record, id)?;
    confirm(&format!("Delete {description}?"), yes)?;
    if as_json {
        // The delete that notes every row it took says the record's UUID too.
        let rows = store.delete_record_for_undo(record, id.into())?;
        let uuid = rows
            .uuid_of(record.table(), id)
            .ok_or_else(|| Failure::Runtime(format!("the {} was not deleted", record.what())))?;
        return json(
            out,
            &Deleted {
                kind: record.table(),
                id,
                uuid,
            },
        );
    }
    store.delete_record(record, id)?;
    writeln!(out, "Deleted {description}.")?;
    Ok(())
}
