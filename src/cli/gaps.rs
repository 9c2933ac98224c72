//! `rapport gaps`: people × the five needs, worst first.

use crate::domain::Standing;
use std::io::Write;

use super::output::{cell, json, line};
use super::{Journal, Outcome};
use crate::domain::Need;
use crate::insights::freshness::Freshness;
use crate::insights::gaps::{self, GapRow, Gaps};

pub(crate) fn run(journal: &Journal, as_json: bool, out: &mut dyn Write) -> Outcome {
    let config = journal.config().clone();
    let store = journal.open()?;
    let today = store.today();
    let facts = store.person_facts(false, today)?;
    let gaps = gaps::matrix(&facts, today, &config);
    if as_json {
        return json(out, &gaps);
    }
    print(&gaps, out)
}

/// "● 20d", "· never": a grade that reads without colour, and how long ago.
fn graded(freshness: Freshness, days: Option<i64>) -> String {
    match days {
        Some(days) => format!("{} {days}d", freshness.symbol()),
        None => format!("{} never", freshness.symbol()),
    }
}

fn print(gaps: &Gaps, out: &mut dyn Write) -> Outcome {
    if gaps.rows.is_empty() {
        writeln!(
            out,
            "Nobody to show: add the people you lead with `rapport person add NAME`."
        )?;
        return Ok(());
    }
    match gaps.team.thinnest {
        Some(thin) => writeln!(
            out,
            "Team: thinnest need {} ({} of {} missing) · sorted by gap score",
            thin.need.label(),
            thin.people,
            gaps.team.people
        )?,
        None => writeln!(
            out,
            "Team: no need is missing for anyone · sorted by gap score"
        )?,
    }
    let mut header = format!("{}{}", cell("person", 18), cell("last 1:1", 14));
    for need in Need::ALL {
        header.push_str(&cell(&need.letter().to_string(), 9));
    }
    header.push_str(&format!(
        "{}{}{}score",
        cell("f-ups", 9),
        cell("aspir.", 14),
        cell("ack", 10)
    ));
    writeln!(out, "{}", header.trim_end_matches(' '))?;
    for row in &gaps.rows {
        print_row(row, out)?;
    }
    writeln!(
        out,
        "● fresh  ◐ fading  ○ missing  · never  ! concern since — against each person's cadence (docs/insights.md)"
    )?;
    Ok(())
}

fn print_row(row: &GapRow, out: &mut dyn Write) -> Outcome {
    let last = match row.standing {
        Standing::Paused { .. } => "paused".to_string(),
        _ => format!(
            "{} ({})",
            graded(row.one_on_one, row.days_since_one_on_one),
            row.cadence_days
        ),
    };
    let mut text = format!("{}{}", cell(&line(&row.name), 18), cell(&last, 14));
    for need in &row.needs {
        let shown = match need.concern_since {
            Some(at) => format!("! {}", at.format("%-d %b")),
            None => graded(need.freshness, need.days),
        };
        text.push_str(&cell(&shown, 9));
    }
    let follow_ups = match row.overdue_follow_ups {
        0 => "—".to_string(),
        n => format!("{n} late"),
    };
    let aspirations = match (row.worst_stalled_days(), row.open_aspirations) {
        (Some(days), _) => format!("stalled {days}d"),
        (None, 0) => "—".to_string(),
        (None, _) => "ok".to_string(),
    };
    text.push_str(&format!(
        "{}{}{}{}",
        cell(&follow_ups, 9),
        cell(&aspirations, 14),
        cell(
            &graded(row.acknowledgement, row.days_since_acknowledgement),
            10
        ),
        row.score
    ));
    writeln!(out, "{text}")?;
    Ok(())
}
