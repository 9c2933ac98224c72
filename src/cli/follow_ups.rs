//! `rapport followup`: the promises made in 1:1s, added, listed, edited, ticked and deleted
//! from the command line.

use std::io::Write;

use chrono::NaiveDate;

use super::args::FollowupCommand;
use super::output::{json, line, row_number};
use super::{Failure, Journal, Outcome};
use crate::domain::{FollowUp, Lean, Owner, parse_date, parse_follow_up};
use crate::store::{FollowUpFilter, FollowUpPatch, Record};

pub(crate) fn run(journal: &Journal, action: FollowupCommand, out: &mut dyn Write) -> Outcome {
    match action {
        FollowupCommand::Add {
            name,
            text,
            owner,
            due,
            json: as_json,
        } => {
            let mut store = journal.open()?;
            let today = store.today();
            // The forms' grammar (`them:`, a last word `@fri`); --due, when given, wins.
            let mut follow_up = parse_follow_up(&text, today, owner)?;
            if let Some(due) = due {
                follow_up.due_on = Some(parse_date(&due, today, Lean::Future)?);
            }
            let person = store.resolve_person(&name, false)?;
            let item = store.add_follow_up(person.id, &follow_up)?;
            if as_json.json {
                return json(out, &item);
            }
            write!(out, "Follow-up #{} for {}", item.id, person.name)?;
            if let Some(due) = item.due_on {
                write!(out, ", due {}", due.format("%a %d %b"))?;
            }
            writeln!(out, ".")?;
        }
        FollowupCommand::List {
            person,
            open: open_only,
            json: as_json,
        } => {
            let store = journal.open()?;
            let person_id = person
                .map(|name| store.resolve_person(&name, true).map(|p| p.id))
                .transpose()?;
            let items = store.follow_ups(FollowUpFilter {
                person_id,
                open_only,
            })?;
            if as_json.json {
                return json(out, &items);
            }
            if items.is_empty() {
                writeln!(out, "No follow-ups.")?;
            }
            let today = store.today();
            for item in &items {
                print_line(item, today, true, out)?;
            }
        }
        FollowupCommand::Edit {
            id,
            text,
            due,
            owner,
            json: as_json,
        } => {
            let id = row_number(&id, "a follow-up")?;
            if text.is_none() && due.is_none() && owner.is_none() {
                return Err(Failure::Usage(
                    "say what to change: --text, --due or --owner".into(),
                ));
            }
            let mut store = journal.open()?;
            let today = store.today();
            let due_on = match due.as_deref().map(str::trim) {
                None => None,
                Some("none") => Some(None),
                Some(day) => Some(Some(parse_date(day, today, Lean::Future)?)),
            };
            let item = store.edit_follow_up(
                id,
                &FollowUpPatch {
                    text,
                    due_on,
                    owner,
                },
            )?;
            if as_json.json {
                return json(out, &item);
            }
            write!(out, "Changed:")?;
            print_line(&item, today, true, out)?;
        }
        FollowupCommand::Delete { id, yes, json } => {
            super::delete::run(journal, Record::FollowUp, &id, yes, json.json, out)?
        }
        FollowupCommand::Done {
            id,
            undo,
            json: as_json,
        } => {
            let id = row_number(&id, "a follow-up")?;
            let mut store = journal.open()?;
            let item = store.set_follow_up_done(id, !undo)?;
            if as_json.json {
                return json(out, &item);
            }
            let verb = if undo { "Reopened" } else { "Done" };
            writeln!(
                out,
                "{verb}: #{} {} ({}).",
                item.id,
                line(&item.text),
                item.person_name
            )?;
        }
    }
    Ok(())
}

/// One follow-up as a list line: `#12  me    overdue 2d   Send the course link (Priya)`.
pub(crate) fn print_line(
    item: &FollowUp,
    today: NaiveDate,
    with_person: bool,
    out: &mut dyn Write,
) -> Outcome {
    let state = crate::views::text::follow_up_state(item, today);
    let owner = match item.owner {
        Owner::Me => "me",
        Owner::Them => "them",
    };
    write!(
        out,
        "  #{:<5} {:<5} {:<12} {}",
        item.id,
        owner,
        state,
        line(&item.text)
    )?;
    if with_person {
        write!(out, "  ({})", item.person_name)?;
    }
    writeln!(out)?;
    Ok(())
}
