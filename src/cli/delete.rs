//! `… delete ID` for every kind of record: one question that names what goes, one answer
//! (or `--yes`), one transaction.

use std::io::Write;
use std::path::Path;

use super::output::{confirm, line, row_number};
use super::{Failure, Outcome, open};
use crate::store::{Record, Store};

/// Names the record, asks before deleting it (see [`confirm`]), deletes it and says so.
pub(super) fn run(
    journal: &Path,
    record: Record,
    id: &str,
    yes: bool,
    out: &mut dyn Write,
) -> Outcome {
    let id = row_number(id, &format!("a {}", record.what()))?;
    let mut store = open(journal)?;
    let description = describe(&store, record, id)?;
    confirm(&format!("Delete {description}?"), yes)?;
    store.delete_record(record, id)?;
    writeln!(out, "Deleted {description}.")?;
    Ok(())
}

/// "the one-on-one with Priya Raman on Fri 20 Nov 2026 14:30", "follow-up #4 \"Review her
/// RFC\" (Priya Raman)": enough to know it is the right one.
fn describe(store: &Store, record: Record, id: i64) -> Result<String, Failure> {
    Ok(match record {
        Record::Conversation => {
            let c = store.conversation(id)?;
            format!(
                "the {} with {} on {}",
                c.kind,
                line(&c.person_name),
                c.happened_at.format("%a %d %b %Y %H:%M")
            )
        }
        Record::FollowUp => {
            let f = store.follow_up(id)?;
            format!(
                "follow-up #{id} \"{}\" ({})",
                line(&f.text),
                line(&f.person_name)
            )
        }
        Record::Acknowledgement => {
            let a = store.acknowledgement(id)?;
            format!(
                "the acknowledgement of {} on {}: \"{}\"",
                line(&a.person_name),
                a.given_at.format("%a %d %b %Y"),
                line(&a.text)
            )
        }
        Record::Idea => {
            let i = store.idea(id)?;
            format!(
                "{}'s idea #{id} \"{}\"",
                line(&i.person_name),
                line(&i.text)
            )
        }
        Record::Aspiration => {
            let a = store.aspiration(id)?;
            format!(
                "{}'s aspiration #{id} \"{}\" and its progress notes",
                line(&a.person_name),
                line(&a.title)
            )
        }
    })
}
