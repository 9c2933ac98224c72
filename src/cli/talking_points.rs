//! `rapport raise`: talking points, what to bring up at the next 1:1 with someone.

use std::io::Write;

use chrono::NaiveDate;

use super::args::{RaiseArgs, RaiseCommand};
use super::output::{json, line, relative, row_number};
use super::{Failure, Journal, Outcome};
use crate::domain::{Owner, TalkingPoint};
use crate::store::{Record, TalkingPointFilter};

pub(super) fn run(journal: &Journal, args: RaiseArgs, out: &mut dyn Write) -> Outcome {
    match (args.action, args.name, args.text) {
        (Some(RaiseCommand::Delete { id, yes, json }), _, _) => {
            super::delete::run(journal, Record::TalkingPoint, &id, yes, json.json, out)
        }
        (
            Some(RaiseCommand::List {
                person,
                all,
                json: as_json,
            }),
            _,
            _,
        ) => {
            let store = journal.open()?;
            let person_id = person
                .map(|name| store.resolve_person(&name, true).map(|p| p.id))
                .transpose()?;
            let points = store.talking_points(TalkingPointFilter {
                person_id,
                open_only: !all,
            })?;
            if as_json.json {
                return json(out, &points);
            }
            if points.is_empty() {
                writeln!(out, "No talking points to raise.")?;
            }
            let today = store.today();
            for point in &points {
                print_line(point, today, out)?;
            }
            Ok(())
        }
        (
            Some(RaiseCommand::Done {
                id,
                undo,
                json: as_json,
            }),
            _,
            _,
        ) => {
            let id = row_number(&id, "a talking point")?;
            let mut store = journal.open()?;
            let point = store.tick_talking_point(id, !undo)?;
            if as_json.json {
                return json(out, &point);
            }
            let verb = if undo {
                "Carried over again"
            } else {
                "Discussed"
            };
            writeln!(
                out,
                "{verb}: #{} {} ({}).",
                point.id,
                line(&point.text),
                line(&point.person_name)
            )?;
            Ok(())
        }
        (None, Some(name), Some(text)) => {
            let mut store = journal.open()?;
            let person = store.resolve_person(&name, false)?;
            let owner = if args.theirs { Owner::Them } else { Owner::Me };
            let point = store.raise_talking_point(person.id, owner, &text)?;
            if args.json.json {
                return json(out, &point);
            }
            let whose = match owner {
                Owner::Me => "yours to bring up",
                Owner::Them => "they want to talk about it",
            };
            writeln!(
                out,
                "Talking point #{} for your next 1:1 with {} ({whose}): \"{}\".",
                point.id,
                line(&person.name),
                line(&point.text)
            )?;
            Ok(())
        }
        // clap requires a name and a text when no subcommand is given.
        (None, _, _) => Err(Failure::Usage(
            "give a name and what to bring up, or raise list / raise done ID".into(),
        )),
    }
}

/// One talking point as a list line: `#3     them  raised 2d ago  on-call load  (Priya)`.
fn print_line(point: &TalkingPoint, today: NaiveDate, out: &mut dyn Write) -> Outcome {
    let state = match point.ticked_on {
        Some(day) => format!("discussed {}", relative(day, today)),
        None => format!("raised {}", relative(point.raised_on, today)),
    };
    writeln!(
        out,
        "  #{:<5} {:<5} {:<18} {}  ({})",
        point.id,
        point.owner.key(),
        state,
        line(&point.text),
        line(&point.person_name)
    )?;
    Ok(())
}
