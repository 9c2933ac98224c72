//! `rapport prep NAME`: what to pick up with someone before a 1:1.

use std::io::Write;

use super::args::PrepArgs;
use super::output::json;
use super::{Journal, Outcome};
use crate::insights::prep::{self, Prep};

pub(crate) fn run(journal: &Journal, args: PrepArgs, out: &mut dyn Write) -> Outcome {
    let config = journal.config().clone();
    let store = journal.open()?;
    let today = store.today();
    let person = store.resolve_person(&args.name, true)?;
    let rows = store.prep_rows(person.id, today)?;
    let prep = prep::prepare(rows, today, &config);
    if args.json.json {
        return json(out, &prep);
    }
    print(&prep, out)
}

fn print(prep: &Prep, out: &mut dyn Write) -> Outcome {
    for (_, text) in crate::views::prep::sheet(prep) {
        writeln!(out, "{text}")?;
    }
    Ok(())
}
