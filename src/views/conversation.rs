//! One past conversation as it reads on a terminal, with everything linked to it: `rapport
//! conversation show` prints these lines, the interface's conversation view styles them by
//! their tone. What is shown, and in which order, is the conversation's `views::dossier`
//! blocks; this module lays them out as lines.

use chrono::NaiveDate;

use crate::domain::{Conversation, ConversationNeed, NeedState, Owner};
use crate::store::Linked;
use crate::views::dossier::{self, Block, Surface};
use crate::views::prep::Tone;
use crate::views::text::printable as line;

/// The conversation and what is linked to it, as lines of terminal-safe text: its
/// [`dossier`] blocks laid out for a terminal. Notes keep their line breaks (each line its
/// own), everything else is one line each.
pub(crate) fn sheet(c: &Conversation, linked: &Linked, today: NaiveDate) -> Vec<(Tone, String)> {
    let mut lines = Vec::new();
    for block in dossier::conversation(c, Some(linked)) {
        match block {
            Block::Heading {
                id,
                kind,
                person,
                at,
            } => lines.push((
                Tone::Title,
                format!(
                    "#{id} · the {kind} with {} on {}",
                    line(person),
                    dossier::when(at, Surface::Terminal)
                ),
            )),
            Block::Facts { mood, stance, tags } => {
                let mut about = Vec::new();
                about.extend(mood.map(|m| format!("mood {}", m.value())));
                about.extend(stance.map(|s| s.key().to_string()));
                if !tags.is_empty() {
                    about.push(format!("tags {}", line(&tags.join(", "))));
                }
                lines.push((Tone::Plain, about.join(" · ")));
            }
            Block::Summary(summary) => {
                lines.push((Tone::Plain, format!("Summary  {}", line(summary))));
            }
            Block::Needs(needs) => need_lines(needs, &mut lines),
            Block::Notes(notes) => {
                lines.push((Tone::Plain, String::new()));
                lines.push((Tone::Heading, "Notes".into()));
                for text in notes.lines() {
                    lines.push((Tone::Plain, format!("  {}", line(text))));
                }
            }
            Block::FollowUps(linked) => linked_lines(linked, today, &mut lines),
        }
    }
    lines
}

/// "Needs    ✓ C Competence — "how"", one need a line, a concern in the warning tone.
fn need_lines(needs: &[ConversationNeed], lines: &mut Vec<(Tone, String)>) {
    if needs.is_empty() {
        lines.push((Tone::Plain, "Needs    none noted".into()));
    }
    for (i, need) in needs.iter().enumerate() {
        let lead = if i == 0 { "Needs   " } else { "        " };
        let (mark, tone) = match need.state {
            NeedState::Met => ('✓', Tone::Plain),
            NeedState::Concern => ('!', Tone::Warning),
        };
        let how = if need.how.is_empty() {
            String::new()
        } else {
            format!(" — \"{}\"", line(&need.how))
        };
        lines.push((
            tone,
            format!(
                "{lead} {mark} {} {}{how}",
                need.need.letter(),
                need.need.label()
            ),
        ));
    }
}

/// What the conversation did, a titled section for each kind of thing that has any.
fn linked_lines(linked: &Linked, today: NaiveDate, lines: &mut Vec<(Tone, String)>) {
    let mut section = |title: &str, items: Vec<String>| {
        if !items.is_empty() {
            lines.push((Tone::Plain, String::new()));
            lines.push((Tone::Heading, title.to_string()));
            lines.extend(items.into_iter().map(|text| (Tone::Plain, text)));
        }
    };
    let owner = |owner: Owner| match owner {
        Owner::Me => "me  ",
        Owner::Them => "them",
    };
    section(
        "Follow-ups made",
        linked
            .follow_ups_made
            .iter()
            .map(|f| {
                let state = match (f.done_on, f.due_on) {
                    (Some(done), _) => format!("done {}", done.format("%-d %b")),
                    (None, _) => {
                        super::text::follow_up_due(f, today).unwrap_or_else(|| "open".into())
                    }
                };
                format!(
                    "  #{:<4} {}  {:<12} {}",
                    f.id,
                    owner(f.owner),
                    state,
                    line(&f.text)
                )
            })
            .collect(),
    );
    section(
        "Follow-ups kept",
        linked
            .follow_ups_done
            .iter()
            .map(|f| format!("  #{:<4} {}  {}", f.id, owner(f.owner), line(&f.text)))
            .collect(),
    );
    section(
        "Talking points discussed",
        linked
            .talking_points_ticked
            .iter()
            .map(|t| format!("  #{:<4} {}  {}", t.id, owner(t.owner), line(&t.text)))
            .collect(),
    );
    section(
        "Acknowledged",
        linked
            .acknowledgements
            .iter()
            .map(|a| format!("  \"{}\"", line(&a.text)))
            .collect(),
    );
    section(
        "Ideas heard",
        linked
            .ideas_heard
            .iter()
            .map(|i| format!("  #{:<4} {} · {}", i.id, line(&i.text), i.status))
            .collect(),
    );
    section(
        "Ideas answered",
        linked
            .ideas_answered
            .iter()
            .map(|i| {
                format!(
                    "  #{:<4} {} → {}: \"{}\"",
                    i.id,
                    line(&i.text),
                    i.status,
                    line(&i.answer)
                )
            })
            .collect(),
    );
    section(
        "Aspiration progress",
        linked
            .progress
            .iter()
            .map(|p| {
                let mut text = format!("  #{:<4} {}", p.aspiration_id, line(&p.title));
                if let Some(status) = p.status {
                    text.push_str(&format!(" → {status}"));
                }
                if !p.note.trim().is_empty() {
                    text.push_str(&format!(": \"{}\"", line(p.note.trim())));
                }
                text
            })
            .collect(),
    );
}
