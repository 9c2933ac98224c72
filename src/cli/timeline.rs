//! `rapport timeline`: everything that happened, newest first, grouped by week.

use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;
use serde::Serialize;

use super::args::TimelineArgs;
use super::output::{cell, json, line};
use super::{Failure, Outcome, load_config, open};
use crate::domain::{Lean, Need, Owner, parse_date};
use crate::insights::timeline::{self, STRIP_WEEKS, WeekGroup};
use crate::insights::week::WeekSpan;
use crate::store::{EventKind, TimelineEvent, TimelineFilter};

/// What `--json` prints.
#[derive(Debug, Serialize)]
struct TimelineJson<'a> {
    person: Option<&'a str>,
    need: Option<Need>,
    tag: Option<&'a str>,
    kind: Option<crate::domain::ConversationKind>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    limit: u32,
    /// Conversations per week over the last twelve weeks (the person's, or everyone's).
    frequency: Frequency,
    weeks: Vec<WeekGroup>,
    /// Whether older events exist beyond the limit.
    more: bool,
}

#[derive(Debug, Serialize)]
struct Frequency {
    weeks: Vec<String>,
    counts: Vec<u32>,
}

pub fn run(journal: &Path, args: TimelineArgs, out: &mut dyn Write) -> Outcome {
    let config = load_config()?;
    let store = open(journal)?;
    let today = store.today();
    let person = args
        .person
        .as_deref()
        .map(|name| store.resolve_person(name, true))
        .transpose()?;
    let day = |text: &Option<String>| {
        text.as_deref()
            .map(|d| parse_date(d, today, Lean::Past))
            .transpose()
    };
    let (since, until) = (day(&args.since)?, day(&args.until)?);
    if let (Some(since), Some(until)) = (since, until)
        && since > until
    {
        return Err(Failure::Usage(format!(
            "--since {since} is after --until {until}: nothing can be in between"
        )));
    }
    let filter = TimelineFilter {
        person_id: person.as_ref().map(|p| p.id),
        need: args.need,
        tag: args.tag.as_deref().map(|t| t.trim().to_lowercase()),
        kind: args.kind,
        since,
        until,
    };
    let page = store.timeline(&filter, None, args.limit as usize)?;
    let more = page.has_more();
    let first = timeline::strip_start(today, config.week_start);
    let frequency = Frequency {
        weeks: (0..STRIP_WEEKS)
            .map(|w| {
                let start = first + chrono::Duration::weeks(i64::from(w));
                WeekSpan::containing(start, config.week_start).label
            })
            .collect(),
        counts: store.conversation_counts(first, STRIP_WEEKS, filter.person_id)?,
    };
    let weeks = timeline::group_by_week(page.events, config.week_start);
    if args.json.json {
        return json(
            out,
            &TimelineJson {
                person: person.as_ref().map(|p| p.name.as_str()),
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
        timeline::sparkline(&frequency.counts)
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

/// The five needs as letters in their fixed places: "C A  " for competence and autonomy.
pub(super) fn need_letters(needs: &[Need]) -> String {
    Need::ALL
        .iter()
        .map(|n| if needs.contains(n) { n.letter() } else { ' ' })
        .collect()
}

fn print_event(event: &TimelineEvent, out: &mut dyn Write) -> Outcome {
    let when = if event.all_day {
        format!("{}      ", event.at.format("%a %d"))
    } else {
        event.at.format("%a %d %H:%M").to_string()
    };
    let who = cell(&line(event.person_name.as_deref().unwrap_or("")), 16);
    writeln!(out, " {when}  {who} {}", event_text(event))?;
    Ok(())
}

/// What happened, in one terminal-safe line: "1:1  C A    leading  mood 4  Career chat".
pub fn event_text(event: &TimelineEvent) -> String {
    let text = line(&event.text);
    match event.kind {
        EventKind::Conversation => {
            let mut parts = vec![
                event
                    .conversation_kind
                    .map_or("talk", |k| k.short())
                    .to_string(),
                need_letters(&event.needs),
            ];
            parts.extend(event.stance.map(|s| s.key().to_string()));
            parts.extend(event.mood.map(|m| format!("mood {}", m.value())));
            if !event.tags.is_empty() {
                parts.push(
                    event
                        .tags
                        .iter()
                        .map(|t| format!("#{}", line(t)))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            parts.push(text);
            parts.join("  ")
        }
        EventKind::FollowUpMade | EventKind::FollowUpDone => {
            let owner = match event.owner {
                Some(Owner::Them) => "them",
                _ => "me",
            };
            let verb = if event.kind == EventKind::FollowUpDone {
                "done"
            } else {
                "follow-up"
            };
            let due = match (event.kind, event.due_on) {
                (EventKind::FollowUpMade, Some(due)) => {
                    format!(" · due {}", due.format("%a %d %b"))
                }
                _ => String::new(),
            };
            format!("{verb} ({owner}) {text}{due}")
        }
        EventKind::AspirationUpdate => {
            let mut shown = format!(
                "aspiration \"{}\"",
                line(event.aspiration.as_deref().unwrap_or(""))
            );
            if let Some(status) = event.aspiration_status {
                shown.push_str(&format!(" → {status}"));
            }
            if !text.is_empty() {
                shown.push_str(&format!(": {text}"));
            }
            shown
        }
        EventKind::Acknowledgement => format!("ack \"{text}\""),
        EventKind::IdeaHeard => format!("idea \"{text}\""),
        EventKind::IdeaAnswered => {
            let status = event.idea_status.map_or("answered", |s| s.key());
            let answer = event.answer.as_deref().map(line).unwrap_or_default();
            if answer.is_empty() {
                format!("idea \"{text}\" → {status}")
            } else {
                format!("idea \"{text}\" → {status}: {answer}")
            }
        }
        EventKind::Reflection => format!(
            "reflection on week {}: {text}",
            event.week.as_deref().unwrap_or("")
        ),
    }
}
