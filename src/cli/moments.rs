//! `rapport moment`: dates to acknowledge for someone (back from leave, a birthday they chose
//! to share), noted, listed with the work anniversaries ahead, changed and deleted.

use std::io::Write;

use super::args::MomentCommand;
use super::output::{json, line, row_number};
use super::{Journal, Outcome};
use chrono::NaiveDate;

use crate::domain::{Invalid, Lean, Moment, parse_date};
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
            let mut people = store.people(false)?;
            if let Some(name) = person {
                let person = store.resolve_person(&name, true)?;
                people.retain(|p| p.id == person.id);
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
            let falls_on = moment_day(&date, store.today(), yearly)?;
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
            if date.is_none() && label.is_none() && !yearly && !once {
                return Err(super::Failure::Usage(
                    "say what to change: --date, --label, --yearly or --once".into(),
                ));
            }
            let today = store.today();
            let stored = store.moment(id)?;
            // Yearly after the edit: as asked, else as it was (a yearly moment's new date may
            // be its month and day alone).
            let stays_yearly = yearly || (!once && stored.yearly);
            let falls_on = match date {
                Some(date) => Some(moment_day(&date, today, stays_yearly)?),
                // A yearly moment made a one-off falls once, on its next day (kept by its
                // month and day in 2000, it would otherwise never come again).
                None if once && stored.yearly => {
                    crate::domain::next_on(stored.falls_on, true, today)
                }
                None => None,
            };
            let patch = MomentPatch {
                falls_on,
                label,
                yearly: (yearly || once).then_some(yearly),
            };
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

/// The day a moment falls on: a date as everywhere (a weekday is the next one), or for a
/// yearly moment its month and day alone, `05-04`, so a birthday needs no year (and one
/// before 1970 is no refusal). The month and day are kept in 2000, a leap year, where 29
/// February exists.
fn moment_day(text: &str, today: NaiveDate, yearly: bool) -> Result<NaiveDate, Invalid> {
    let trimmed = text.trim();
    let month_day = trimmed.len() == 5
        && trimmed.as_bytes()[2] == b'-'
        && trimmed.bytes().filter(u8::is_ascii_digit).count() == 4;
    if !(yearly && month_day) {
        return parse_date(text, today, Lean::Future);
    }
    let (month, day) = (trimmed[..2].parse().ok(), trimmed[3..].parse().ok());
    month
        .zip(day)
        .and_then(|(month, day)| NaiveDate::from_ymd_opt(2000, month, day))
        .ok_or_else(|| Invalid::NoSuchDate(trimmed.to_string()))
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
