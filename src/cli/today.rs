//! The daily agenda in text: `rapport today`, and bare `rapport` outside a terminal.

use std::io::Write;

use serde::Serialize;

use super::Outcome;
use super::output::{self, json, line};
use crate::domain::FollowUp;
use crate::insights::agenda::{self, DueEntry, RovingNudge};
use crate::insights::freshness::{self, NeedsOutlook};
use crate::insights::wellbeing::CheckIn;
use crate::store::Store;
use crate::views::today::{self as wording, TodayQuestion};
use crate::views::wellbeing;

#[derive(Debug, Serialize)]
struct Agenda {
    today: chrono::NaiveDate,
    due_for_one_on_one: Vec<DueEntry>,
    follow_ups_due: Vec<FollowUp>,
    /// The people to ask "are you okay?", and why.
    are_you_okay: Vec<CheckIn>,
    /// Set when no roving leader was noticed in the weeks the settings say.
    roving_leaders: Option<RovingNudge>,
    /// Who is due soonest after those in `due_for_one_on_one`.
    next_up: Option<DueEntry>,
    /// What is true about the team's needs, and the question for today from it.
    needs: NeedsOutlook,
    question: Option<TodayQuestion>,
}

pub(crate) fn print(
    store: &Store,
    config: &crate::config::Config,
    as_json: bool,
    out: &mut dyn Write,
) -> Outcome {
    let today = store.today();
    let people = store.people_summaries(false)?;
    let needs = freshness::needs_outlook(&people, today, config.thresholds());
    let agenda = Agenda {
        today,
        due_for_one_on_one: agenda::due_for_one_on_one(&people, today),
        follow_ups_due: agenda::order_follow_ups(store.open_follow_ups_due(today)?),
        are_you_okay: wellbeing::check_ins(store, &people, today)?,
        roving_leaders: agenda::roving_nudge(
            &people,
            store.roving_leaders_last_noticed()?,
            today,
            config.roving_leader_weeks,
        ),
        next_up: agenda::next_after_agenda(&people, today),
        question: wording::question(&needs, today),
        needs,
    };
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
            let last = entry
                .days_since_last
                .map(|d| format!("last {d}d ago"))
                .unwrap_or_else(|| "never met".into());
            writeln!(
                out,
                "  {}  {:<12}  every {:>2}d  {last}",
                output::cell(&entry.name, 24),
                output::due(entry.next_due, today),
                entry.cadence_days
            )?;
        }
    }
    if !agenda.follow_ups_due.is_empty() {
        writeln!(out, "\nFollow-ups due")?;
        for item in &agenda.follow_ups_due {
            super::follow_ups::print_line(item, today, true, out)?;
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
