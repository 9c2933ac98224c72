//! `rapport demo`: a made-up team written into an empty journal, to look around in or to
//! benchmark against.

use std::io::Write;

use super::args::DemoArgs;
use super::{Journal, Outcome};
use crate::demo::{self, DemoOptions};

pub(crate) fn run(journal: &Journal, args: DemoArgs, out: &mut dyn Write) -> Outcome {
    let mut store = journal.open()?;
    let now = store.local_now();
    let options = DemoOptions {
        people: args.people,
        years: args.years,
        seed: args.seed,
    };
    let watch = super::progress::watch(&mut store, false);
    let report =
        super::progress::cleared(watch.as_deref(), demo::generate(&mut store, &options, now))?;
    writeln!(
        out,
        "Made up a team of {} with {} conversations, {} follow-ups, {} aspirations in {}.",
        report.people,
        report.conversations,
        report.follow_ups,
        report.aspirations,
        journal.path().display()
    )?;
    writeln!(
        out,
        "Look around with: rapport --db {} (or rapport --demo)",
        journal.path().display()
    )?;
    Ok(())
}
