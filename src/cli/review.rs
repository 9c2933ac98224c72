//! `rapport review NAME`: the review dossier, in Markdown or HTML.

use std::io::{BufWriter, Write};

use chrono::Duration;

use super::args::{ReviewArgs, ReviewFormat};
use super::backup::size;
use super::export::write_file;
use super::output::line;
use super::{Journal, Outcome};
use crate::domain::{Lean, parse_date};
use crate::export::review::{self, Review};

pub(crate) fn run(journal: &Journal, args: ReviewArgs, out: &mut dyn Write) -> Outcome {
    let config = journal.config().clone();
    let store = journal.open()?;
    let today = store.today();
    let person = store.resolve_person(&args.name, true)?;
    let since = match args.since.as_deref() {
        Some(text) => parse_date(text, today, Lean::Past)?,
        None => today - Duration::days(365),
    };
    let dossier = Review::read(&store, person.id, since, &config)?;
    let write = |out: &mut dyn Write| match args.format {
        ReviewFormat::Markdown => review::write_markdown(&dossier, out),
        ReviewFormat::Html => review::write_html(&dossier, out),
    };
    match args.output.filter(|path| path.as_os_str() != "-") {
        None => {
            let mut buffered = BufWriter::new(out);
            write(&mut buffered)?;
            buffered.flush()?;
        }
        Some(path) => {
            let bytes = write_file(journal.path(), &path, write)?;
            writeln!(
                out,
                "Wrote {}'s review since {since} to {} ({}).",
                line(&person.name),
                path.display(),
                size(bytes)
            )?;
        }
    }
    Ok(())
}
