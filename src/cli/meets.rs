//! `rapport meets`: what meets a need for someone, noted, listed and traced back through
//! its history.

use std::io::Write;

use super::args::{MeetsArgs, MeetsCommand};
use super::output::{json, line};
use super::{Journal, Outcome};
use crate::domain::MeetsNeed;
use crate::views::leading::{meets_lines, meets_text};

pub(super) fn run(journal: &Journal, args: MeetsArgs, out: &mut dyn Write) -> Outcome {
    match (args.action, args.name, args.need, args.text) {
        (
            Some(MeetsCommand::List {
                person,
                json: as_json,
            }),
            ..,
        ) => {
            let store = journal.open()?;
            let person_id = person
                .map(|name| store.resolve_person(&name, true).map(|p| p.id))
                .transpose()?;
            let notes = store.what_meets(person_id)?;
            if as_json.json {
                return json(out, &notes);
            }
            if notes.is_empty() {
                writeln!(
                    out,
                    "Nothing noted yet on what meets anyone's needs (rapport meets NAME NEED \"…\")."
                )?;
                return Ok(());
            }
            let today = store.today();
            for person in notes.chunk_by(|a, b| a.person_id == b.person_id) {
                writeln!(out, "{}", line(&person[0].person_name))?;
                for text in meets_lines(person, today) {
                    writeln!(out, "{text}")?;
                }
            }
            Ok(())
        }
        (
            Some(MeetsCommand::History {
                name,
                need,
                json: as_json,
            }),
            ..,
        ) => {
            let store = journal.open()?;
            let person = store.resolve_person(&name, true)?;
            let notes = store.what_meets_history(Some(person.id), need)?;
            if as_json.json {
                return json(out, &notes);
            }
            if notes.is_empty() {
                writeln!(
                    out,
                    "Nothing noted yet on what meets {}'s needs.",
                    line(&person.name)
                )?;
                return Ok(());
            }
            history(&notes, store.today(), out)
        }
        (None, Some(name), Some(need), Some(text)) => {
            let mut store = journal.open()?;
            let person = store.resolve_person(&name, false)?;
            let note = store.note_what_meets(person.id, need, &text, None)?;
            if args.json.json {
                return json(out, &note);
            }
            writeln!(
                out,
                "Noted what meets {} for {}: \"{}\".",
                need.label(),
                line(&person.name),
                line(&note.text)
            )?;
            Ok(())
        }
        // clap requires a name, a need and a text when no subcommand is given.
        (None, ..) => Err(super::Failure::Usage(
            "give a name, a need and what meets it, or meets list / meets history NAME".into(),
        )),
    }
}

/// `meets history`: per need, the note in force first, then the ones it replaced.
fn history(notes: &[MeetsNeed], today: chrono::NaiveDate, out: &mut dyn Write) -> Outcome {
    for need in notes.chunk_by(|a, b| a.need == b.need) {
        writeln!(out, "{}", need[0].need.label())?;
        for (i, note) in need.iter().enumerate() {
            let state = if i == 0 { "now " } else { "was " };
            writeln!(
                out,
                "  {state} {}  {}",
                note.noted_on.format("%a %d %b %Y"),
                meets_text(note, today)
            )?;
        }
    }
    Ok(())
}
