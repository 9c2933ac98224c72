//! `rapport ack` and `rapport idea`: the small notes a leader keeps beside conversations
//! (an acknowledgement given, an idea heard), added, listed, answered and deleted.

use std::io::Write;

use super::args::{AckArgs, AckCommand, IdeaArgs, IdeaCommand};
use super::output::{json, line, relative};
use super::{Journal, Outcome};
use crate::domain::{Idea, parse_when};
use crate::store::Record;

pub(super) fn ack(journal: &Journal, args: AckArgs, out: &mut dyn Write) -> Outcome {
    let (name, text) = match (args.action, args.name, args.text) {
        (Some(AckCommand::Delete { id, yes, json }), _, _) => {
            return super::delete::run(journal, Record::Acknowledgement, &id, yes, json.json, out);
        }
        (None, Some(name), Some(text)) => (name, text),
        // clap requires a name and a text when no subcommand is given.
        (None, _, _) => {
            return Err(super::Failure::Usage(
                "give a name and what you acknowledged them for, or ack delete ID".into(),
            ));
        }
    };
    let mut store = journal.open()?;
    let given_at = parse_when(&args.when, store.local_now())?;
    let person = store.resolve_person(&name, false)?;
    let ack = store.add_acknowledgement(person.id, given_at, &text)?;
    if args.json.json {
        return json(out, &ack);
    }
    writeln!(
        out,
        "Acknowledged {} on {}: \"{}\".",
        person.name,
        ack.given_at.format("%a %d %b"),
        line(&ack.text)
    )?;
    Ok(())
}

pub(super) fn idea(journal: &Journal, args: IdeaArgs, out: &mut dyn Write) -> Outcome {
    if let Some(IdeaCommand::Delete { id, yes, json }) = &args.action {
        return super::delete::run(journal, Record::Idea, id, *yes, json.json, out);
    }
    let mut store = journal.open()?;
    match (args.action, args.name, args.text) {
        (
            Some(IdeaCommand::List {
                person,
                open,
                json: as_json,
            }),
            _,
            _,
        ) => {
            let person_id = person
                .map(|name| store.resolve_person(&name, true).map(|p| p.id))
                .transpose()?;
            let ideas: Vec<Idea> = store
                .ideas(person_id)?
                .into_iter()
                .filter(|idea| !open || idea.awaits_answer())
                .collect();
            if as_json.json {
                return json(out, &ideas);
            }
            list_ideas(&ideas, store.today(), out)
        }
        (
            Some(IdeaCommand::Answer {
                id,
                status,
                answer,
                json: as_json,
            }),
            _,
            _,
        ) => {
            let idea = store.answer_idea(id, status, &answer)?;
            if as_json.json {
                return json(out, &idea);
            }
            writeln!(
                out,
                "Answered {}'s idea #{} ({}): \"{}\".",
                line(&idea.person_name),
                idea.id,
                idea.status,
                line(&idea.answer)
            )?;
            Ok(())
        }
        (None, Some(name), Some(text)) => {
            let person = store.resolve_person(&name, false)?;
            let idea = store.add_idea(person.id, &text, args.status, &args.answer)?;
            if args.json.json {
                return json(out, &idea);
            }
            write!(
                out,
                "Idea #{} from {} ({})",
                idea.id, person.name, idea.status
            )?;
            if idea.answer.is_empty() {
                writeln!(
                    out,
                    ": remember to answer it (rapport idea answer {} --status STATUS --answer TEXT).",
                    idea.id
                )?;
            } else {
                writeln!(out, ", answered: \"{}\".", line(&idea.answer))?;
            }
            Ok(())
        }
        // Deleting was handled above; clap requires a name and a text without a subcommand.
        (Some(IdeaCommand::Delete { .. }) | None, _, _) => Err(super::Failure::Usage(
            "give a name and the idea, or idea list / idea answer".into(),
        )),
    }
}

/// `idea list`: one line per idea, newest first.
fn list_ideas(ideas: &[Idea], today: chrono::NaiveDate, out: &mut dyn Write) -> Outcome {
    if ideas.is_empty() {
        writeln!(out, "No ideas to show.")?;
        return Ok(());
    }
    for idea in ideas {
        let state = if idea.awaits_answer() {
            crate::views::text::waiting((today - idea.heard_on).num_days())
        } else {
            idea.status.to_string()
        };
        write!(
            out,
            "  #{:<5} {:<13} {}  ({}, {})",
            idea.id,
            state,
            line(&idea.text),
            line(&idea.person_name),
            relative(idea.heard_on, today)
        )?;
        if !idea.answer.is_empty() {
            write!(out, " → \"{}\"", line(&idea.answer))?;
        }
        writeln!(out)?;
    }
    Ok(())
}
