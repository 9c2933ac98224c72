//! The daily agenda in text: `rapport today`, and bare `rapport` outside a terminal.

use std::io::Write;

use super::Outcome;
use super::output::{self, json, line};
use crate::store::Store;
use crate::views::text::LastMet;
use crate::views::today::{self as wording, Agenda};
use crate::views::{moments, wellbeing};

pub(crate) fn print(
    store: &Store,
    config: &crate::config::Config,
    as_json: bool,
    out: &mut dyn Write,
) -> Outcome {
    let today = store.today();
    let people = store.people_summaries(false)?;
    let agenda = Agenda::assemble(
        store,
        &people,
        today,
        config.thresholds(),
        config.roving_leader_weeks,
    )?;
    if as_json {
        return json(out, &agenda);
    }
    if people.is_empty() {
        writeln!(out, "Your journal is empty. Add the first person you lead:")?;
        writeln!(
            out,
            "  rapport person add \"Priya Raman\" --role \"Engineer\" --cadence 14"
        )?;
        writeln!(
            out,
            "or try Rapport on a made-up team: rapport demo, then rapport --demo"
        )?;
        return Ok(());
    }
    writeln!(out, "{}", today.format("%A %d %B %Y"))?;
    if agenda.due_for_one_on_one.is_empty() {
        writeln!(
            out,
            "{}",
            wording::nobody_due(agenda.next_up.as_ref(), today)
        )?;
    } else {
        writeln!(out, "\nDue for a 1:1")?;
        for entry in &agenda.due_for_one_on_one {
            let last = LastMet {
                one_on_one: entry.last_one_on_one,
                talk: entry.last_talk,
            };
            writeln!(
                out,
                "  {}  {:<12}  every {:>2}d  {}",
                output::cell(&entry.name, 24),
                output::standing(entry.standing, today),
                entry.cadence_days,
                last.phrase(today)
            )?;
        }
    }
    if !agenda.follow_ups_due.is_empty() {
        writeln!(out, "\nFollow-ups due")?;
        for item in &agenda.follow_ups_due {
            super::follow_ups::print_line(item, today, true, out)?;
        }
    }
    if !agenda.moments.is_empty() {
        writeln!(out, "\nMoments to acknowledge")?;
        for moment in &agenda.moments {
            writeln!(out, "  {}", moments::line(moment, today))?;
            if let Some(ack) = moments::acknowledge_for(moment) {
                writeln!(out, "    {ack}")?;
            }
        }
    }
    if !agenda.are_you_okay.is_empty() {
        writeln!(out, "\nAre you okay?")?;
        for check in &agenda.are_you_okay {
            writeln!(
                out,
                "  {}  {}",
                output::cell(&check.name, 24),
                wellbeing::reasons(check)
            )?;
        }
        writeln!(out, "  Ask: {}", wellbeing::questions())?;
    }
    if let Some(question) = &agenda.question {
        writeln!(out, "\nA question for today")?;
        writeln!(out, "  {}", question.headline)?;
        writeln!(out, "  Ask: {}", question.question)?;
    }
    if let Some(nudge) = &agenda.roving_leaders {
        writeln!(out, "\n{}", crate::views::text::roving_nudge(nudge))?;
    }
    if let Some(first) = agenda.due_for_one_on_one.first() {
        writeln!(
            out,
            "\nAfter the 1:1: rapport log \"{}\" --need autonomy --summary \"…\"",
            line(&first.name)
        )?;
    }
    Ok(())
}
