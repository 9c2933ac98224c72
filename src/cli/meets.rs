//! The leader's side on the command line: `rapport meets` (what meets a need for someone,
//! noted, listed and traced back through its history) and `rapport delegate` (trust handed
//! over, and whether it stuck) and `rapport direction` (the story of the future).

use std::io::Write;

use super::args::{DelegateArgs, DelegateCommand, DirectionCommand, MeetsArgs, MeetsCommand};
use super::output::{json, line, row_number};
use super::{Journal, Outcome};
use crate::domain::MeetsNeed;
use crate::store::Record;
use crate::views::leading::{delegation_state, direction_line, meets_lines, meets_text};

pub(super) fn run(journal: &Journal, args: MeetsArgs, out: &mut dyn Write) -> Outcome {
    match (args.action, args.name, args.need, args.text) {
        (Some(MeetsCommand::Delete { id, yes, json }), ..) => {
            super::delete::run(journal, Record::MeetsNeed, &id, yes, json.json, out)
        }
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

pub(super) fn delegate(journal: &Journal, args: DelegateArgs, out: &mut dyn Write) -> Outcome {
    match (args.action, args.name, args.text) {
        (Some(DelegateCommand::Delete { id, yes, json }), ..) => {
            super::delete::run(journal, Record::Delegation, &id, yes, json.json, out)
        }
        (
            Some(DelegateCommand::List {
                person,
                open,
                json: as_json,
            }),
            ..,
        ) => {
            let store = journal.open()?;
            let person_id = person
                .map(|name| store.resolve_person(&name, true).map(|p| p.id))
                .transpose()?;
            let delegations = store.delegations(person_id, open)?;
            if as_json.json {
                return json(out, &delegations);
            }
            if delegations.is_empty() {
                writeln!(out, "Nothing handed over to show.")?;
                return Ok(());
            }
            let today = store.today();
            for d in &delegations {
                writeln!(
                    out,
                    "  #{:<5} {}  ({}, {})",
                    d.id,
                    line(&d.text),
                    line(&d.person_name),
                    delegation_state(d, today)
                )?;
            }
            Ok(())
        }
        (
            Some(DelegateCommand::Check {
                id,
                outcome,
                json: as_json,
            }),
            ..,
        ) => {
            let id = row_number(&id, "a delegation")?;
            let mut store = journal.open()?;
            let delegation = store.check_delegation(id, outcome)?;
            if as_json.json {
                return json(out, &delegation);
            }
            writeln!(
                out,
                "#{} {} ({}): {}.",
                delegation.id,
                line(&delegation.text),
                line(&delegation.person_name),
                delegation_state(&delegation, store.today())
            )?;
            Ok(())
        }
        (None, Some(name), Some(text)) => {
            let mut store = journal.open()?;
            let person = store.resolve_person(&name, false)?;
            let delegation = store.delegate(person.id, &text)?;
            if args.json.json {
                return json(out, &delegation);
            }
            writeln!(
                out,
                "Handed over to {} (#{}): \"{}\". Check later: rapport delegate check {} stuck|came-back.",
                line(&person.name),
                delegation.id,
                line(&delegation.text),
                delegation.id
            )?;
            Ok(())
        }
        // clap requires a name and a text when no subcommand is given.
        (None, ..) => Err(super::Failure::Usage(
            "give a name and what you handed over, or delegate list / delegate check ID".into(),
        )),
    }
}

pub(super) fn direction(
    journal: &Journal,
    action: DirectionCommand,
    out: &mut dyn Write,
) -> Outcome {
    if let DirectionCommand::Delete { id, yes, json } = action {
        return super::delete::run(journal, Record::Direction, &id, yes, json.json, out);
    }
    let mut store = journal.open()?;
    let (said, direction, as_json) = match action {
        DirectionCommand::List { all, json: as_json } => {
            let directions = store.directions(all)?;
            if as_json.json {
                return json(out, &directions);
            }
            if directions.is_empty() {
                writeln!(
                    out,
                    "No direction stated yet (rapport direction add \"where we are going\")."
                )?;
                return Ok(());
            }
            let aspirations = store.aspirations(None)?;
            for d in &directions {
                writeln!(out, "{}", direction_line(d))?;
                for a in aspirations.iter().filter(|a| a.serves == Some(d.id)) {
                    writeln!(
                        out,
                        "        served by {}'s \"{}\"",
                        line(&a.person_name),
                        line(&a.title)
                    )?;
                }
            }
            return Ok(());
        }
        DirectionCommand::Add { text, json } => ("Stated", store.add_direction(&text)?, json),
        DirectionCommand::Edit { id, text, json } => {
            let id = row_number(&id, "a statement of the direction")?;
            ("Reworded", store.edit_direction(id, &text)?, json)
        }
        DirectionCommand::Retire { id, undo, json } => {
            let id = row_number(&id, "a statement of the direction")?;
            let said = if undo { "Brought back" } else { "Retired" };
            (said, store.retire_direction(id, !undo)?, json)
        }
        // Handled above, before the journal is opened for it.
        DirectionCommand::Delete { .. } => return Ok(()),
    };
    if as_json.json {
        return json(out, &direction);
    }
    writeln!(out, "{said}: {}", direction_line(&direction).trim_start())?;
    Ok(())
}
