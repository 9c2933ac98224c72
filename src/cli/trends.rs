//! `rapport trends NAME`: one person over months, as text or JSON.

use std::io::Write;

use super::args::TrendsArgs;
use super::output::{json, line};
use super::{Journal, Outcome};
use crate::views::trends;

pub(crate) fn run(journal: &Journal, args: TrendsArgs, out: &mut dyn Write) -> Outcome {
    let config = journal.config().clone();
    let store = journal.open()?;
    let person = store.resolve_person(&args.name, true)?;
    let months = args.months.unwrap_or(config.trend_months);
    let trend = trends::read(&store, person.id, &config, months)?;
    if args.json.json {
        return json(out, &trend);
    }
    writeln!(
        out,
        "{} · {}",
        line(&trend.person.name),
        trends::span_words(&trend)
    )?;
    let moods: Vec<u8> = trend.moods.iter().map(|p| p.mood).collect();
    if moods.is_empty() {
        writeln!(out, "Mood   none noted")?;
    } else {
        let average = moods.iter().map(|&m| f64::from(m)).sum::<f64>() / moods.len() as f64;
        writeln!(
            out,
            "Mood   {}  {} noted, average {average:.1}, latest {}",
            trends::mood_bars(&moods),
            moods.len(),
            moods[moods.len() - 1]
        )?;
    }
    writeln!(
        out,
        "Delegated {}",
        crate::views::leading::handed_text(&trend.handed)
    )?;
    writeln!(out, "\n{}", trends::HEADER)?;
    for month in &trend.months {
        writeln!(out, "{}", trends::month_row(month))?;
    }
    writeln!(
        out,
        "\nNeeds: ● met · ! a concern still open at the month's end · · not addressed"
    )?;
    Ok(())
}
