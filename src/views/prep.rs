//! The preparation sheet before a 1:1, as lines with a tone: `rapport prep` prints them,
//! the interface's prep overlay styles them.

use crate::domain::{Guide, Owner, Standing};
use crate::insights::freshness::Freshness;
use crate::insights::prep::{Prep, PrepFollowUp, PrepQuestion};
use crate::views::text::{LastMet, days_ago, due, follow_up_state, printable as line, relative};

/// What a line of the preparation sheet is, so the TUI can style it; the CLI prints the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tone {
    /// The first line: who, how often, when last.
    Title,
    Heading,
    Plain,
    /// A question to ask.
    Question,
    /// Something late or stalled.
    Warning,
}

/// The preparation sheet as lines of terminal-safe text, blank lines included.
pub(crate) fn sheet(prep: &Prep) -> Vec<(Tone, String)> {
    let mut lines = Vec::new();
    let mut push = |tone: Tone, text: String| lines.push((tone, text));
    let today = prep.today;
    let person = &prep.person;
    let about: Vec<String> = [&person.role, &person.team]
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| line(t))
        .collect();
    let next = match prep.standing {
        Standing::Due { on } => format!("next {}", due(on, today)),
        Standing::Paused { until } => format!("paused until {}", until.format("%a %-d %b")),
        Standing::Starting { on } => format!("starts {}", on.format("%a %-d %b")),
    };
    let met = LastMet {
        one_on_one: prep.last_one_on_one.map(|at| at.date()),
        talk: prep.last_talk.map(|at| at.date()),
    };
    let last = format!("{}, {next}", met.phrase(today));
    let archived = if person.archived { " · archived" } else { "" };
    push(
        Tone::Title,
        format!(
            "Prep · {}{} · every {}d · {last}{archived}",
            line(&person.name),
            if about.is_empty() {
                String::new()
            } else {
                format!(" ({})", about.join(", "))
            },
            person.cadence_days
        ),
    );
    let strip: Vec<String> = prep
        .needs
        .iter()
        .map(|n| format!("{}{}", n.need.letter(), n.freshness.symbol()))
        .collect();
    push(Tone::Plain, format!("Needs  {}", strip.join(" ")));
    // A moment near is worth a word at the start of the 1:1: it comes first.
    if let Some(moment) = &prep.next_moment {
        push(Tone::Plain, String::new());
        push(Tone::Heading, "To acknowledge".into());
        push(
            Tone::Question,
            format!("  ★ {}", crate::views::moments::line(moment, today)),
        );
        if let Some(ack) = crate::views::moments::acknowledge_for(moment) {
            push(Tone::Plain, format!("    {ack}"));
        }
    }

    // A first conversation is for getting to know them: that guide leads, and the needs,
    // all never addressed yet, are named without their questions so they do not bury it.
    let first_meeting = prep
        .guides
        .first()
        .is_some_and(|g| g.guide == Guide::GettingToKnow);
    let guide_block = |push: &mut dyn FnMut(Tone, String),
                       guide: &crate::insights::prep::GuidePrep| {
        push(Tone::Plain, String::new());
        push(
            Tone::Heading,
            format!("{} · {}", guide.guide.info().name, guide.why),
        );
        for (i, question) in guide.questions.iter().enumerate() {
            push(Tone::Question, ask_line(i, question, today));
        }
    };
    let mut guides = prep.guides.iter();
    if first_meeting && let Some(guide) = guides.next() {
        guide_block(&mut push, guide);
    }

    // What a leader should know about everyone (seed 002), early: it is the heart of a
    // first 1:1 and easy to never get to later.
    if !prep.still_unknown.is_empty() {
        push(Tone::Plain, String::new());
        push(Tone::Heading, "Still unknown".into());
        for unknown in &prep.still_unknown {
            push(
                Tone::Question,
                format!(
                    "  {} — ask \"{}\"",
                    unknown.what(),
                    line(unknown.question())
                ),
            );
        }
    }

    if !prep.talking_points.is_empty() {
        push(Tone::Plain, String::new());
        push(Tone::Heading, "To raise".into());
        for point in &prep.talking_points {
            let whose = match point.owner {
                Owner::Me => "yours ",
                Owner::Them => "theirs",
            };
            push(
                Tone::Plain,
                format!(
                    "  #{:<4} {whose}  {}  (raised {})",
                    point.id,
                    line(&point.text),
                    relative(point.raised_on, today)
                ),
            );
        }
    }

    if first_meeting && !prep.to_address.is_empty() {
        push(Tone::Plain, String::new());
        let needs: Vec<&str> = prep.to_address.iter().map(|n| n.label()).collect();
        push(
            Tone::Heading,
            format!(
                "Not addressed yet: {} (ask about them once you know them)",
                needs.join(", ")
            ),
        );
    } else if !prep.to_address.is_empty() {
        push(Tone::Plain, String::new());
        push(Tone::Heading, "Not addressed lately".into());
        for need in &prep.to_address {
            let Some(n) = prep.needs.iter().find(|n| n.need == *need) else {
                continue;
            };
            let when = match (n.freshness, n.days) {
                // Worded as Gaps words an open concern: its age, then the day raised.
                (Freshness::Concern, _) => match n.concern_since {
                    Some(at) => format!(
                        "concern open {}d ({}), not met since",
                        (today - at.date()).num_days(),
                        at.format("%-d %b")
                    ),
                    None => "concern open, not met since".to_string(),
                },
                (Freshness::Never, _) | (_, None) => "never addressed".to_string(),
                (_, Some(days)) if n.how.trim().is_empty() => {
                    format!("last met {}", days_ago(days))
                }
                (_, Some(days)) => format!("last met {} (\"{}\")", days_ago(days), line(&n.how)),
            };
            push(
                Tone::Plain,
                format!("  {} {} — {when}", n.freshness.symbol(), n.need.label()),
            );
            for (i, question) in n.questions.iter().enumerate() {
                push(Tone::Question, ask_line(i, question, today));
            }
        }
    }

    // Beside the needs to address: what the leader knows meets each one for them.
    if !prep.meets.is_empty() {
        push(Tone::Plain, String::new());
        push(Tone::Heading, "What meets their needs".into());
        for text in crate::views::leading::meets_lines(&prep.meets, today) {
            push(Tone::Plain, text);
        }
    }

    for guide in guides {
        guide_block(&mut push, guide);
    }

    // The periodic question about the leader's own leading, after what this person needs.
    if let Some(ask) = &prep.ask_about_leading {
        push(Tone::Plain, String::new());
        let why = match ask.last_feedback {
            Some(day) => format!(
                "nothing about your leading since {} ({})",
                day.format("%-d %b %Y"),
                relative(day, today)
            ),
            None => "they have never told you about your leading".into(),
        };
        push(Tone::Heading, format!("Ask about your leading · {why}"));
        push(Tone::Question, format!("  ? {}", ask.question));
    }

    push(Tone::Plain, String::new());
    push(Tone::Heading, "Last conversations".into());
    if prep.recent_conversations.is_empty() {
        push(Tone::Plain, "  none yet".into());
    }
    for c in &prep.recent_conversations {
        let mut parts = vec![
            c.happened_at.format("%a %d %b %Y %H:%M").to_string(),
            c.kind.short().to_string(),
            format!("{:<5}", c.need_marks()),
        ];
        parts.extend(c.stance.map(|s| s.key().to_string()));
        parts.extend(c.mood.map(|m| format!("mood {}", m.value())));
        parts.push(line(&c.summary));
        push(Tone::Plain, format!("  {}", parts.join("  ")));
    }

    for (title, items) in [
        ("You owe", &prep.follow_ups_mine),
        ("They owe", &prep.follow_ups_theirs),
    ] {
        if !items.is_empty() {
            push(Tone::Plain, String::new());
            push(Tone::Heading, title.into());
            for item in items {
                let (tone, text) = follow_up_line(item, today);
                push(tone, text);
            }
        }
    }

    if !prep.aspirations.is_empty() {
        push(Tone::Plain, String::new());
        push(Tone::Heading, "Aspirations".into());
        for a in &prep.aspirations {
            let mut text = format!(
                "  #{:<4} {:<9} {} — last progress {}",
                a.id,
                a.status.key(),
                line(&a.title),
                relative(a.last_progress_on, today)
            );
            if let Some(note) = &a.last_note {
                text.push_str(&format!(": \"{}\"", line(note)));
            }
            if a.stalled {
                text.push_str(" (stalled)");
            }
            push(
                if a.stalled {
                    Tone::Warning
                } else {
                    Tone::Plain
                },
                text,
            );
        }
    }

    // How their aspirations fit where the team is going.
    if !prep.directions.is_empty() {
        push(Tone::Plain, String::new());
        push(Tone::Heading, "Where we are going".into());
        for d in &prep.directions {
            push(Tone::Plain, crate::views::leading::direction_line(d));
            for a in prep.aspirations.iter().filter(|a| a.serves == Some(d.id)) {
                push(
                    Tone::Plain,
                    format!("         ← their \"{}\" serves it", line(&a.title)),
                );
            }
        }
    }

    push(Tone::Plain, String::new());
    if !person.acknowledge_for.trim().is_empty() {
        push(
            Tone::Plain,
            format!("Acknowledge them for: {}", line(&person.acknowledge_for)),
        );
    }
    // Under "Acknowledge them for" when that is known; a line of its own otherwise.
    let indent = if person.acknowledge_for.trim().is_empty() {
        ""
    } else {
        "  "
    };
    match (
        prep.days_since_acknowledgement,
        prep.recent_acknowledgements.first(),
    ) {
        (Some(days), Some(ack)) => push(
            Tone::Plain,
            format!(
                "{indent}{} {}: \"{}\"",
                if indent.is_empty() {
                    "Last acknowledged"
                } else {
                    "last acknowledged"
                },
                days_ago(days),
                line(&ack.text)
            ),
        ),
        _ if indent.is_empty() => push(Tone::Warning, "Never acknowledged yet".into()),
        _ => push(Tone::Warning, "  never acknowledged yet".into()),
    }
    if !person.would_change.trim().is_empty() {
        push(
            Tone::Plain,
            format!("Would change: {}", line(&person.would_change)),
        );
    }
    if !prep.ideas_awaiting.is_empty() {
        push(Tone::Plain, String::new());
        push(Tone::Heading, "Ideas awaiting an answer".into());
        for waiting in &prep.ideas_awaiting {
            push(
                Tone::Plain,
                format!(
                    "  #{:<4} heard {}  {}",
                    waiting.idea.id,
                    days_ago(waiting.days_waiting),
                    line(&waiting.idea.text)
                ),
            );
        }
    }
    lines
}

/// `Ask: "…"` for the first question of a list, indented for the others, with when it was
/// last asked of this person when it was.
fn ask_line(index: usize, question: &PrepQuestion, today: chrono::NaiveDate) -> String {
    let lead = if index == 0 { "Ask:" } else { "    " };
    let asked = question.last_asked.map_or(String::new(), |day| {
        format!(" (asked {})", relative(day, today))
    });
    format!("      {lead} \"{}\"{asked}", line(&question.text))
}

fn follow_up_line(item: &PrepFollowUp, today: chrono::NaiveDate) -> (Tone, String) {
    let f = &item.follow_up;
    let state = follow_up_state(f, today);
    let tone = if item.days_overdue.is_some() {
        Tone::Warning
    } else {
        Tone::Plain
    };
    (
        tone,
        format!("  #{:<5} {:<12} {}", f.id, state, line(&f.text)),
    )
}
