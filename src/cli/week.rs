//! `rapport week` shows a week against the one before; `rapport reflect` writes the week's
//! reflection and balance self-check.

use std::io::Write;

use super::args::{ReflectArgs, WeekArgs};
use super::output::{block, json, line};
use super::{Failure, Journal, Outcome};
use crate::config::Config;
use crate::domain::Balance;
use crate::insights::feedback::Convergence;
use crate::insights::week::{Average, Count, WeekSpan, WeekSummary};
use crate::store::{ReflectionText, Store};

/// The week named on the command line, or the one holding today.
fn chosen_week(label: Option<&str>, store: &Store, config: &Config) -> Result<WeekSpan, Failure> {
    match label {
        Some(label) => Ok(WeekSpan::from_label(label, config.week_start)?),
        None => Ok(WeekSpan::containing(store.today(), config.week_start)),
    }
}

pub(crate) fn run(journal: &Journal, args: WeekArgs, out: &mut dyn Write) -> Outcome {
    let config = journal.config().clone();
    let store = journal.open()?;
    let week = chosen_week(args.week.as_deref(), &store, &config)?;
    if let Some(count) = args.weeks {
        let trend = crate::views::week::feedback_over(&store, &week, count)?;
        if args.json.json {
            return json(out, &trend);
        }
        return print_convergence(&trend, out);
    }
    let summary = crate::views::week::week_summary(&store, &week)?;
    if args.json.json {
        return json(out, &summary);
    }
    print(&summary, out)
}

/// "(▲2)", "(▼1)", "(=)".
fn change(delta: i64) -> String {
    match delta {
        0 => "(=)".into(),
        d if d > 0 => format!("(▲{d})"),
        d => format!("(▼{})", -d),
    }
}

fn count(label: &str, value: Count) -> String {
    format!("{label} {} {}", value.this_week, change(value.change))
}

fn average(value: Average) -> String {
    match (value.this_week, value.change) {
        (None, _) => "not noted".into(),
        (Some(now), None) => format!("{now:.1}"),
        (Some(now), Some(delta)) if delta.abs() < 0.05 => format!("{now:.1} (=)"),
        (Some(now), Some(delta)) if delta > 0.0 => format!("{now:.1} (▲{delta:.1})"),
        (Some(now), Some(delta)) => format!("{now:.1} (▼{:.1})", -delta),
    }
}

fn print(summary: &WeekSummary, out: &mut dyn Write) -> Outcome {
    let week = &summary.week;
    let progress = if summary.in_progress { " (so far)" } else { "" };
    writeln!(
        out,
        "Week {} · {}{progress}   vs {}",
        week.number(),
        week.days_text(),
        crate::views::week::compared_with(summary)
    )?;
    if let Some(line) = crate::views::week::intention_question(summary) {
        writeln!(out, "{line}")?;
    }
    if !summary.directions.is_empty() {
        writeln!(
            out,
            "{}",
            crate::views::leading::direction_summary(&summary.directions)
        )?;
    }
    let not_seen = if summary.people_not_seen.is_empty() {
        String::new()
    } else {
        let names: Vec<String> = summary
            .people_not_seen
            .iter()
            .map(|p| line(&p.name))
            .collect();
        format!("   people due, not seen: {}", names.join(", "))
    };
    let figures: Vec<String> = crate::views::week::one_on_one_figures(summary)
        .into_iter()
        .map(|(figure, delta)| format!("{figure} {}", change(delta)))
        .collect();
    writeln!(out, "1:1s        {}{not_seen}", figures.join(" · "))?;
    let needs: Vec<String> = summary
        .needs
        .iter()
        .map(|n| {
            let bars = crate::views::week::need_bar(
                n.conversations.this_week,
                crate::views::week::NEED_BAR_FULL,
            );
            format!(
                "{} {bars} {} {}",
                n.need.letter(),
                n.conversations.this_week,
                change(n.conversations.change)
            )
        })
        .collect();
    writeln!(out, "Needs       {}", needs.join("   "))?;
    let s = &summary.stance;
    writeln!(
        out,
        "Stance      {} · {} · {}   mood avg {}",
        count("leading", s.leading),
        count("managing", s.managing),
        count("both", s.both),
        average(summary.mood)
    )?;
    writeln!(
        out,
        "Roving leaders: {} conversations {}",
        summary.with_roving_leaders.this_week,
        change(summary.with_roving_leaders.change)
    )?;
    writeln!(
        out,
        "Acks {} {} · Ideas heard {} {}, answered {} {} · Follow-ups done {} {}, slipped {} {}",
        summary.acknowledgements.this_week,
        change(summary.acknowledgements.change),
        summary.ideas_heard.this_week,
        change(summary.ideas_heard.change),
        summary.ideas_answered.this_week,
        change(summary.ideas_answered.change),
        summary.follow_ups_done.this_week,
        change(summary.follow_ups_done.change),
        summary.follow_ups_slipped.this_week,
        change(summary.follow_ups_slipped.change)
    )?;
    for item in &summary.slipped {
        let due = item
            .due_on
            .map(|d| d.format(" · was due %a %d %b").to_string());
        writeln!(
            out,
            "  slipped #{} {} ({}){}",
            item.id,
            line(&item.text),
            line(&item.person_name),
            due.unwrap_or_default()
        )?;
    }
    writeln!(
        out,
        "Delegated   {}",
        crate::views::leading::handover_text(&summary.handover)
    )?;
    writeln!(
        out,
        "Mood        12-week trend {}",
        crate::views::week::mood_trend(summary)
    )?;
    for row in crate::views::week::balance_rows(summary) {
        writeln!(out, "{row}")?;
    }
    writeln!(
        out,
        "Feedback    {}",
        crate::views::week::feedback_headline(summary)
    )?;
    writeln!(
        out,
        "  12 weeks  {} {}",
        crate::views::week::gap_trend(&summary.feedback_trend),
        crate::views::week::convergence_words(&summary.feedback_trend)
    )?;
    for row in crate::views::week::feedback_pair_rows(summary) {
        writeln!(out, "{row}")?;
    }
    for quote in &summary.feedback.quotes {
        writeln!(out, "  {}", crate::views::week::quote_line(quote))?;
    }
    match &summary.reflection {
        Some(r) => {
            writeln!(out, "Reflection")?;
            for (label, text) in [
                ("Went well:  ", &r.went_well),
                ("Differently:", &r.do_differently),
                ("Notes:      ", &r.notes),
                ("Next week:  ", &r.intention),
            ] {
                if !text.trim().is_empty() {
                    writeln!(out, "  {label} {}", block(text, "               "))?;
                }
            }
        }
        None => writeln!(
            out,
            "No reflection yet: rapport reflect --week {} --went-well \"…\" --differently \"…\"",
            week.label
        )?,
    }
    Ok(())
}

/// `rapport week --weeks N`: the verdict, then a row a week.
fn print_convergence(trend: &Convergence, out: &mut dyn Write) -> Outcome {
    let (first, last) = (
        trend.weeks.first().map_or("", |w| w.week.as_str()),
        trend.weeks.last().map_or("", |w| w.week.as_str()),
    );
    writeln!(
        out,
        "Your self-check and what people said, {first} to {last}: {}",
        crate::views::week::convergence_words(trend)
    )?;
    writeln!(out, "  week      said  gap  seen differently")?;
    for w in &trend.weeks {
        let gap = w.gap.map_or("  ·".to_string(), |g| format!("{g:.1}"));
        writeln!(
            out,
            "  {:<9} {:>4}  {gap}  {}",
            w.week,
            w.said,
            if w.pairs_differing > 0 {
                w.pairs_differing.to_string()
            } else {
                String::new()
            }
        )?;
    }
    Ok(())
}

pub(crate) fn reflect(journal: &Journal, args: ReflectArgs, out: &mut dyn Write) -> Outcome {
    let config = journal.config().clone();
    let mut store = journal.open()?;
    let week = chosen_week(args.week.as_deref(), &store, &config)?;
    let rated = args.ratings();
    let given = [
        &args.went_well,
        &args.differently,
        &args.notes,
        &args.intention,
    ]
    .iter()
    .any(|t| t.is_some())
        || rated.iter().any(Option::is_some);
    if !given {
        return Err(Failure::Usage(
            "nothing to write: give --went-well, --differently, --notes, --intention or a balance rating such as --directing-serving 4 (see --help)".into(),
        ));
    }
    // Options not given keep what the week's reflection already says.
    let current = store.reflection(&week.label)?;
    let keep = |new: Option<String>, old: Option<&String>| {
        new.unwrap_or_else(|| old.cloned().unwrap_or_default())
    };
    let old_ratings = current
        .as_ref()
        .map(|r| r.balance.ratings())
        .unwrap_or_default();
    let mut ratings = rated;
    for (rating, old) in ratings.iter_mut().zip(old_ratings) {
        *rating = rating.or(old);
    }
    let text = ReflectionText {
        went_well: keep(args.went_well, current.as_ref().map(|r| &r.went_well)),
        do_differently: keep(
            args.differently,
            current.as_ref().map(|r| &r.do_differently),
        ),
        notes: keep(args.notes, current.as_ref().map(|r| &r.notes)),
        balance: Balance::from_ratings(ratings),
        intention: keep(args.intention, current.as_ref().map(|r| &r.intention)),
    };
    let saved = store.save_reflection(&week.label, &text)?;
    if args.json.json {
        return super::output::json(out, &saved);
    }
    let verb = if current.is_some() {
        "Updated"
    } else {
        "Saved"
    };
    writeln!(
        out,
        "{verb} your reflection on week {} ({}). See it with: rapport week --week {}",
        week.number(),
        week.days_text(),
        week.label
    )?;
    Ok(())
}
