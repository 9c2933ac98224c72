//! `rapport moment`: dates to acknowledge for someone (back from leave, a birthday they chose
//! to share), noted, listed with the work anniversaries ahead, changed and deleted.

use std::io::Write;

use super::args::MomentCommand;
use super::output::{json, line, row_number};
use super::{Journal, Outcome};
use crate::domain::{Lean, Moment, parse_date};
use crate::store::{MomentPatch, Record};
use crate::views::moments as wording;

pub(super) fn run(journal: &Journal, action: MomentCommand, out: &mut dyn Write) -> Outcome {
    match action {
        MomentCommand::Delete { id, yes, json } => {
            super::delete::run(journal, Record::Moment, &id, yes, json.json, out)
        }
        MomentCommand::List {
            days,
            person,
            json: as_json,
        } => {
            let store = journal.open()?;
            let today = store.today();
            let mut people = store.people_summaries(false)?;
            if let Some(name) = person {
                let person = store.resolve_person(&name, true)?;
                people.retain(|p| p.person.id == person.id);
            }
            let ahead = wording::ahead(&store, &people, today, i64::from(days))?;
            if as_json.json {
                return json(out, &ahead);
            }
            if ahead.is_empty() {
                writeln!(
                    out,
                    "No moments in the next {days} days (rapport moment add NAME DATE \"what it is\"; anniversaries come from a start date: person edit NAME --started DATE)."
                )?;
                return Ok(());
            }
            for moment in &ahead {
                let noted = match &moment.what {
                    crate::insights::moments::MomentKind::Noted { id, yearly, .. } => {
                        format!("  #{id}{}", if *yearly { ", yearly" } else { "" })
                    }
                    crate::insights::moments::MomentKind::Anniversary { .. } => String::new(),
                };
                writeln!(
                    out,
                    "  {}  {}{noted}",
                    moment.on.format("%a %d %b %Y"),
                    wording::line(moment, today)
                )?;
                if let Some(ack) = wording::acknowledge_for(moment) {
                    writeln!(out, "                   {ack}")?;
                }
            }
            Ok(())
        }
        MomentCommand::Add {
            name,
            date,
            label,
            yearly,
            json: as_json,
        } => {
            let mut store = journal.open()?;
            let person = store.resolve_person(&name, false)?;
            let falls_on = parse_date(&date, store.today(), Lean::Future)?;
            let moment = store.add_moment(person.id, falls_on, &label, yearly)?;
            if as_json.json {
                return json(out, &moment);
            }
            writeln!(
                out,
                "Noted for {} (#{}): {}.",
                line(&person.name),
                moment.id,
                said(&moment)
            )?;
            Ok(())
        }
        MomentCommand::Edit {
            id,
            date,
            label,
            yearly,
            once,
            json: as_json,
        } => {
            let id = row_number(&id, "a moment")?;
            let mut store = journal.open()?;
            let today = store.today();
            let patch = MomentPatch {
                falls_on: date
                    .map(|d| parse_date(&d, today, Lean::Future))
                    .transpose()?,
                label,
                yearly: (yearly || once).then_some(yearly),
            };
            if patch == MomentPatch::default() {
                return Err(super::Failure::Usage(
                    "say what to change: --date, --label, --yearly or --once".into(),
                ));
            }
            let moment = store.edit_moment(id, &patch)?;
            if as_json.json {
                return json(out, &moment);
            }
            writeln!(
                out,
                "Changed {}'s moment #{}: {}.",
                line(&moment.person_name),
                moment.id,
                said(&moment)
            )?;
            Ok(())
        }
    }
}

/// "\"back from leave\" on Thu 10 Dec 2026", "\"birthday\" every year on 4 May".
fn said(moment: &Moment) -> String {
    if moment.yearly {
        format!(
            "\"{}\" every year on {}",
            line(&moment.label),
            moment.falls_on.format("%-d %B")
        )
    } else {
        format!(
            "\"{}\" on {}",
            line(&moment.label),
            moment.falls_on.format("%a %d %b %Y")
        )
    }
}
