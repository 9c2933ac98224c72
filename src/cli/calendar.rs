//! `rapport calendar`: the coming 1:1s and the follow-ups the leader owes, as iCalendar.

use std::io::{BufWriter, Write};

use super::args::CalendarArgs;
use super::backup::size;
use super::export::write_file;
use super::{Journal, Outcome};
use crate::export::calendar::{self, CalendarOptions};

pub(crate) fn run(journal: &Journal, args: CalendarArgs, out: &mut dyn Write) -> Outcome {
    let store = journal.open()?;
    let options = CalendarOptions {
        with_notes: args.with_notes,
    };
    let now = store.now().to_utc();
    match args.output.filter(|path| path.as_os_str() != "-") {
        None => {
            let mut buffered = BufWriter::new(out);
            calendar::write(&store, options, now, &mut buffered)?;
            buffered.flush()?;
        }
        Some(path) => {
            let bytes = write_file(journal.path(), &path, |file| {
                calendar::write(&store, options, now, file)
            })?;
            writeln!(
                out,
                "Wrote the calendar to {} ({}). Import it, or subscribe to it from a synced folder.",
                path.display(),
                size(bytes)
            )?;
        }
    }
    Ok(())
}
