use std::io::Write;
use std::path::Path;

use super::args::{AckArgs, IdeaArgs};
use super::output::{json, line};
use super::{Outcome, open};
use crate::domain::parse_when;

pub(crate) fn ack(journal: &Path, args: AckArgs, out: &mut dyn Write) -> Outcome {
    let mut store = open(journal)?;
    let given_at = parse_when(&args.when, store.local_now())?;
    let person = store.resolve_person(&args.name, false)?;
    let ack = store.add_acknowledgement(person.id, given_at, &args.text)?;
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

pub(crate) fn idea(journal: &Path, args: IdeaArgs, out: &mut dyn Write) -> Outcome {
    let mut store = open(journal)?;
    let person = store.resolve_person(&args.name, false)?;
    let idea = store.add_idea(person.id, &args.text, args.status, &args.answer)?;
    if args.json.json {
        return json(out, &idea);
    }
    write!(
        out,
        "Idea #{} from {} ({})",
        idea.id, person.name, idea.status
    )?;
    if idea.answer.is_empty() {
        writeln!(out, ": remember to answer it.")?;
    } else {
        writeln!(out, ", answered: \"{}\".", line(&idea.answer))?;
    }
    Ok(())
}
