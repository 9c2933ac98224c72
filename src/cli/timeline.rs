//! `rapport timeline`: everything that happened, newest first, grouped by week.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use super::args::TimelineArgs;
use super::output::{cell, json, line};
use super::{Journal, Outcome};
use crate::domain::{FilterWords, Need};
use crate::insights::timeline::{self, STRIP_WEEKS, WeekGroup};
use crate::insights::week::WeekSpan;
use crate::store::TimelineEvent;
use crate::views::timeline::event_text;

/// What `--json` prints.
#[derive(Debug, Serialize)]
struct TimelineJson<'a> {
    person: Option<crate::domain::PersonRef>,
    need: Option<Need>,
    tag: Option<&'a str>,
    kind: Option<crate::domain::ConversationKind>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    limit: u32,
    /// Conversations per week over the last twelve weeks (the person's, or everyone's).
    frequency: Vec<WeekCount>,
    weeks: Vec<WeekGroup>,
    /// Whether older events exist beyond the limit.
    more: bool,
}

/// One week of the frequency strip.
#[derive(Debug, Serialize)]
struct WeekCount {
    week: String,
    conversations: u32,
}

pub(crate) fn run(journal: &Journal, args: TimelineArgs, out: &mut dyn Write) -> Outcome {
    let config = journal.config().clone();
    let store = journal.open()?;
    let today = store.today();
    let words = FilterWords::from_parts(
        &[
            ("person", args.person.as_deref()),
            ("tag", args.tag.as_deref()),
            ("since", args.since.as_deref()),
            ("until", args.until.as_deref()),
        ],
        today,
    )?;
    let words = FilterWords {
        need: args.need,
        kind: args.kind,
        ..words
    };
    let (filter, person) = store.timeline_filter(&words)?;
    let (since, until) = (filter.since, filter.until);
    let page = store.timeline(&filter, None, args.limit as usize)?;
    let more = page.has_more();
    let first = timeline::strip_start(today, config.week_start);
    let counts = store.conversation_counts(first, STRIP_WEEKS, filter.person_id)?;
    let frequency: Vec<WeekCount> = (0..STRIP_WEEKS)
        .zip(counts)
        .map(|(w, conversations)| {
            let start = first + chrono::Duration::weeks(i64::from(w));
            WeekCount {
                week: WeekSpan::containing(start, config.week_start).label,
                conversations,
            }
        })
        .collect();
    let weeks = timeline::group_by_week(page.events, config.week_start);
    if args.json.json {
        return json(
            out,
            &TimelineJson {
                person: person.as_ref().map(crate::domain::PersonRef::of),
                need: filter.need,
                tag: filter.tag.as_deref(),
                kind: filter.kind,
                since,
                until,
                limit: args.limit,
                frequency,
                weeks,
                more,
            },
        );
    }
    let mut heading = vec![
        "Timeline".to_string(),
        person
            .as_ref()
            .map_or_else(|| "all people".into(), |p| line(&p.name)),
    ];
    heading.extend(filter.need.map(|n| n.label().to_string()));
    heading.extend(filter.tag.as_deref().map(|t| format!("#{}", line(t))));
    heading.extend(filter.kind.map(|k| k.short().to_string()));
    if since.is_some() || until.is_some() {
        heading.push(format!(
            "{} to {}",
            since.map_or_else(|| "the start".into(), |d| d.to_string()),
            until.map_or_else(|| "now".into(), |d| d.to_string())
        ));
    }
    writeln!(
        out,
        "{} · last 12 weeks {}",
        heading.join(" · "),
        timeline::sparkline(
            &frequency
                .iter()
                .map(|w| w.conversations)
                .collect::<Vec<_>>()
        )
    )?;
    if weeks.is_empty() {
        writeln!(out, "Nothing happened that matches.")?;
        return Ok(());
    }
    for group in &weeks {
        let rule = format!(
            "── Week {} · {} ",
            group.week.number(),
            group.week.days_text()
        );
        writeln!(
            out,
            "{rule}{}",
            "─".repeat(78usize.saturating_sub(rule.chars().count()))
        )?;
        for event in &group.events {
            print_event(event, out)?;
        }
    }
    if more {
        writeln!(
            out,
            "… older events: raise --limit (now {}) or narrow with --until",
            args.limit
        )?;
    }
    Ok(())
}

fn print_event(event: &TimelineEvent, out: &mut dyn Write) -> Outcome {
    let when = if event.all_day {
        format!("{}      ", event.at.format("%a %d"))
    } else {
        event.at.format("%a %d %H:%M").to_string()
    };
    let who = cell(
        &line(event.person.as_ref().map_or("", |p| p.name.as_str())),
        16,
    );
    writeln!(out, " {when}  {who} {}", event_text(event))?;
    Ok(())
}
