//! A readable dossier per person: profile, aspirations with their progress, conversations
//! newest first, follow-ups, acknowledgements, ideas and what they told the leader about
//! their leading. For reading and printing; the JSON export is the one that re-imports.

use std::io::Write;

use super::{Page, when_written};
use crate::domain::{Balance, Escape, Person, ProfileText};
use crate::store::{FeedbackFilter, FollowUpFilter, Result, Store};
use crate::views::dossier::{self, Block};

/// Enough for any real history; keeps the query's LIMIT an ordinary number.
const ALL_CONVERSATIONS: usize = 10_000_000;

/// Writes the dossiers of everyone (archived people last) or of one person.
pub fn write(store: &Store, person_id: Option<i64>, out: &mut dyn Write) -> Result<()> {
    let people = match person_id {
        Some(id) => vec![store.person(id)?],
        None => {
            let mut people = store.people(true)?;
            people.sort_by_key(|p| p.archived);
            people
        }
    };
    let mut page = Page::new(out);
    page.line("# Rapport journal")?;
    for person in &people {
        dossier(store, person, &mut page)?;
    }
    // The reflections are the leader's own: in the whole journal, not in a person's dossier.
    if person_id.is_none() {
        reflections(store, &mut page)?;
    }
    page.finish()
}

/// The weekly reflections, newest first, with the balance self-check.
fn reflections(store: &Store, page: &mut Page) -> Result<()> {
    let mut weeks = store.reflections_between("0000", "9999~")?;
    if weeks.is_empty() {
        return Ok(());
    }
    weeks.reverse();
    let mut w = |text: String| page.line(text);
    w("\n## Weekly reflections\n".into())?;
    for reflection in &weeks {
        w(format!("### {}\n", reflection.week))?;
        for (label, text) in [
            ("Went well", &reflection.went_well),
            ("Do differently", &reflection.do_differently),
            ("Notes", &reflection.notes),
            ("Next week I want to show up", &reflection.intention),
        ] {
            if !text.trim().is_empty() {
                w(format!("- {label}: {}", inline(text)))?;
            }
        }
        let ratings: Vec<String> = Balance::POLES
            .iter()
            .zip(reflection.balance.ratings())
            .filter_map(|(poles, rating)| {
                rating.map(|r| {
                    format!(
                        "{}–{} {r}/5 ({})",
                        poles.managing_short,
                        poles.leading_short,
                        crate::domain::balance_word(r)
                    )
                })
            })
            .collect();
        if !ratings.is_empty() {
            w(format!("- Balance: {}", ratings.join(", ")))?;
        }
        w(String::new())?;
    }
    Ok(())
}

fn dossier(store: &Store, person: &Person, page: &mut Page) -> Result<()> {
    let mut w = |text: String| page.line(text);
    w(format!("\n## {}\n", inline(&person.name)))?;
    let mut facts = Vec::new();
    for part in [&person.role, &person.team] {
        if !part.is_empty() {
            facts.push(inline(part));
        }
    }
    if let Some(started) = person.started_on {
        facts.push(format!("started {started}"));
    }
    facts.push(format!("a 1:1 every {} days", person.cadence_days));
    if person.roving_leader {
        facts.push("roving leader".into());
    }
    if person.archived {
        facts.push("archived".into());
    }
    w(facts.join(" · "))?;
    if ProfileText::all_of(person).any(|(_, text)| !text.is_empty()) {
        w(String::new())?;
        for (part, text) in ProfileText::all_of(person) {
            if !text.is_empty() {
                w(format!("- **{}:** {}", part.label(), inline(text)))?;
            }
        }
    }

    let aspirations = store.aspirations(Some(person.id))?;
    if !aspirations.is_empty() {
        w("\n### Aspirations\n".into())?;
        for a in &aspirations {
            let horizon = when_written(", ", &a.horizon, Escape::MarkdownLine);
            w(format!(
                "- **{}** ({}{horizon})",
                inline(&a.title),
                a.status
            ))?;
            if !a.detail.is_empty() {
                w(format!("  {}", inline(&a.detail)))?;
            }
            for u in &a.updates {
                let status = u.status.map(|s| format!(" ({s})")).unwrap_or_default();
                w(format!("  - {}{status}: {}", u.noted_on, inline(&u.note)))?;
            }
        }
    }

    // The note in force first under each need, then the ones it replaced.
    let meets = store.what_meets_history(Some(person.id), None)?;
    if !meets.is_empty() {
        w("\n### What meets their needs\n".into())?;
        for need in meets.chunk_by(|a, b| a.need == b.need) {
            w(format!("- **{}**", need[0].need.label()))?;
            for (i, note) in need.iter().enumerate() {
                let was = if i == 0 { "" } else { " (since replaced)" };
                w(format!(
                    "  - {}: {}{was}",
                    note.noted_on,
                    inline(&note.text)
                ))?;
            }
        }
    }

    let delegations = store.delegations(Some(person.id), false)?;
    if !delegations.is_empty() {
        w("\n### Handed over\n".into())?;
        for d in &delegations {
            let checked = match (d.outcome, d.checked_on) {
                (Some(outcome), Some(on)) => format!(", {} on {on}", outcome.key()),
                _ => String::new(),
            };
            w(format!("- {}: {}{checked}", d.handed_on, inline(&d.text)))?;
        }
    }

    let moments = store.moments(Some(person.id))?;
    if !moments.is_empty() {
        w("\n### Moments to acknowledge\n".into())?;
        for m in &moments {
            let yearly = if m.yearly { ", every year" } else { "" };
            w(format!("- {}: {}{yearly}", m.falls_on, inline(&m.label)))?;
        }
    }

    let conversations = store.recent_conversations(person.id, ALL_CONVERSATIONS)?;
    if !conversations.is_empty() {
        w("\n### Conversations\n".into())?;
        for c in &conversations {
            conversation(&dossier::conversation(c, None), 4, page)?;
        }
    }

    let follow_ups = store.follow_ups(FollowUpFilter {
        person_id: Some(person.id),
        open_only: false,
    })?;
    let mut w = |text: String| page.line(text);
    if !follow_ups.is_empty() {
        w("\n### Follow-ups\n".into())?;
        for f in &follow_ups {
            let mark = if f.is_open() { " " } else { "x" };
            let mut when = format!("made {}", f.made_on);
            if let Some(due) = f.due_on {
                when.push_str(&format!(", due {due}"));
            }
            if let Some(done) = f.done_on {
                when.push_str(&format!(", done {done}"));
            }
            w(format!(
                "- [{mark}] {}: {} ({when})",
                f.owner,
                inline(&f.text)
            ))?;
        }
    }

    let acknowledgements = store.acknowledgements(person.id, ALL_CONVERSATIONS)?;
    if !acknowledgements.is_empty() {
        w("\n### Acknowledgements\n".into())?;
        for a in &acknowledgements {
            w(format!("- {}: {}", a.given_at.date(), inline(&a.text)))?;
        }
    }

    let ideas = store.ideas(Some(person.id))?;
    if !ideas.is_empty() {
        w("\n### Ideas\n".into())?;
        for i in &ideas {
            let answer = when_written(" — answer: ", &i.answer, Escape::MarkdownLine);
            w(format!(
                "- {} ({}): {}{answer}",
                i.heard_on,
                i.status,
                inline(&i.text)
            ))?;
        }
    }

    let feedback = store.feedback_list(FeedbackFilter {
        person_id: Some(person.id),
        ..FeedbackFilter::default()
    })?;
    if !feedback.is_empty() {
        w("\n### What they told me about my leading\n".into())?;
        for f in &feedback {
            w(format!(
                "- {}: {}{}",
                f.heard_on,
                inline(&f.text),
                f.about()
            ))?;
        }
    }
    Ok(())
}

/// A conversation's blocks in Markdown, under a heading of `level` `#`s: the heading, the
/// summary in bold, its needs, concerns and tags as a list, and the notes quoted.
pub(super) fn conversation(blocks: &[Block], level: usize, page: &mut Page) -> Result<()> {
    page.line(format!(
        "{} {}\n",
        "#".repeat(level),
        dossier::document_heading(blocks)
    ))?;
    let tags = dossier::tags(blocks);
    for block in blocks {
        match block {
            Block::Summary(summary) => page.line(format!("**{}**\n", inline(summary)))?,
            Block::Needs(needs) => {
                for (label, needs) in dossier::document_needs(needs, Escape::MarkdownLine) {
                    page.line(format!("- {label}: {needs}"))?;
                }
                if let Some(tags) = tags {
                    let tags: Vec<String> = tags.iter().map(|t| inline(t)).collect();
                    page.line(format!("- Tags: {}", tags.join(", ")))?;
                }
            }
            Block::Notes(notes) => {
                page.line("")?;
                for line in Escape::Markdown.apply(notes).lines() {
                    page.line(format!("> {line}").trim_end())?;
                }
            }
            Block::Heading { .. } | Block::Facts { .. } | Block::FollowUps(_) => {}
        }
    }
    page.line("")
}

/// Journal text inside a list item or heading ([`Escape::MarkdownLine`]).
pub(super) fn inline(text: &str) -> String {
    Escape::MarkdownLine.apply(text)
}
