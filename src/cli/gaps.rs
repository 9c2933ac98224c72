//! `rapport gaps`: people × the five needs, worst first, then why each score is what it is.

use std::io::Write;

use super::output::{cell, json, line};
use super::{Journal, Outcome};
use crate::domain::Need;
use crate::insights::gaps::{self, GapRow, Gaps};
use crate::views::gaps as words;

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

fn print(gaps: &Gaps, out: &mut dyn Write) -> Outcome {
    if gaps.rows.is_empty() {
        writeln!(
            out,
            "Nobody to show: add the people you lead with `rapport person add NAME`."
        )?;
        return Ok(());
    }
    writeln!(out, "{}", words::team_line(gaps))?;
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
        print_row(row, gaps.today, out)?;
    }
    writeln!(
        out,
        "● fresh  ◐ fading  ○ missing  · never  ! concern open — days since met (a concern: since raised) · (n) cadence (docs/insights.md)"
    )?;
    writeln!(out, "\nWhy")?;
    for row in &gaps.rows {
        print_why(row, gaps.today, out)?;
    }
    Ok(())
}

fn print_row(row: &GapRow, today: chrono::NaiveDate, out: &mut dyn Write) -> Outcome {
    let mut text = format!(
        "{}{}",
        cell(&line(&row.person.name), 18),
        cell(&words::last_one_on_one(row, today), 14)
    );
    for need in &row.needs {
        text.push_str(&cell(&words::need_cell(need), 9));
    }
    text.push_str(&format!(
        "{}{}{}{}",
        cell(&words::follow_ups(row), 9),
        cell(&words::aspirations(row), 14),
        cell(&words::acknowledged(row), 10),
        row.score
    ));
    writeln!(out, "{text}")?;
    Ok(())
}

/// A person's score and what makes it, then every open concern with what it is.
fn print_why(row: &GapRow, today: chrono::NaiveDate, out: &mut dyn Write) -> Outcome {
    let reasons: Vec<String> = row.reasons.iter().map(words::reason_line).collect();
    let reasons = if reasons.is_empty() {
        words::no_reasons(row)
    } else {
        reasons.join(" · ")
    };
    writeln!(out, "  {} {}: {reasons}", line(&row.person.name), row.score)?;
    for need in &row.needs {
        for concern in &need.concerns {
            writeln!(
                out,
                "    {}",
                line(&words::concern_line(need, concern, today))
            )?;
        }
    }
    Ok(())
}
