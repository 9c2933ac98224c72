//! A conversation as blocks, built once for every place that writes one out: the
//! conversation sheet (`rapport conversation show`, the interface's conversation view), the
//! Markdown export and the review (Markdown and HTML). The blocks decide what is shown and in
//! which order; each surface only lays them out and escapes them (`domain::Escape`). The
//! text in a block is the journal's own, not yet escaped.

use chrono::NaiveDateTime;

use crate::domain::{
    CONCERN_MARK, Conversation, ConversationKind, ConversationNeed, Escape, Mood, NeedState, Stance,
};
use crate::store::Linked;

/// The two kinds of surface a conversation is written on, each with its one date wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Surface {
    /// The sheet on a terminal, read at a glance: "Mon 23 Nov 2026 14:30".
    Terminal,
    /// A document (Markdown, HTML), where every date is written as the export and the
    /// review's period are and sorts as text: "2026-11-23 14:30".
    Document,
}

/// When a conversation happened, worded for the surface.
pub(crate) fn when(at: NaiveDateTime, surface: Surface) -> String {
    let format = match surface {
        Surface::Terminal => "%a %d %b %Y %H:%M",
        Surface::Document => "%Y-%m-%d %H:%M",
    };
    at.format(format).to_string()
}

/// One part of a conversation as it is written out, in the order it is shown.
#[derive(Debug)]
pub(crate) enum Block<'a> {
    /// What it was, with whom and when.
    Heading {
        id: i64,
        kind: ConversationKind,
        person: &'a str,
        at: NaiveDateTime,
    },
    /// Mood, stance and tags: only those noted, and only when one was.
    Facts {
        mood: Option<Mood>,
        stance: Option<Stance>,
        tags: &'a [String],
    },
    /// The one-line summary, when written.
    Summary(&'a str),
    /// The needs it addressed, each met or a concern, with how; empty when none was noted.
    Needs(&'a [ConversationNeed]),
    /// The notes, line breaks kept, when any were written.
    Notes(&'a str),
    /// What the conversation did: follow-ups made and kept, points discussed,
    /// acknowledgements, ideas, aspiration progress. Only the sheet reads these.
    FollowUps(&'a Linked),
}

/// The blocks of a conversation, with what is linked to it when given.
pub(crate) fn conversation<'a>(c: &'a Conversation, linked: Option<&'a Linked>) -> Vec<Block<'a>> {
    let mut blocks = vec![Block::Heading {
        id: c.id,
        kind: c.kind,
        person: &c.person_name,
        at: c.happened_at,
    }];
    if c.mood.is_some() || c.stance.is_some() || !c.tags.is_empty() {
        blocks.push(Block::Facts {
            mood: c.mood,
            stance: c.stance,
            tags: &c.tags,
        });
    }
    if !c.summary.is_empty() {
        blocks.push(Block::Summary(&c.summary));
    }
    blocks.push(Block::Needs(&c.needs));
    if !c.notes.trim().is_empty() {
        blocks.push(Block::Notes(&c.notes));
    }
    blocks.extend(linked.map(Block::FollowUps));
    blocks
}

/// A conversation's heading as a document words it, from its heading and facts blocks:
/// "2026-11-23 14:30 · 1:1 · mood 4 · leading". Names and tags are left to the document.
pub(crate) fn document_heading(blocks: &[Block]) -> String {
    let mut words = Vec::new();
    for block in blocks {
        match block {
            Block::Heading { kind, at, .. } => {
                words.push(when(*at, Surface::Document));
                words.push(kind.to_string());
            }
            Block::Facts { mood, stance, .. } => {
                words.extend(mood.map(|m| format!("mood {}", m.value())));
                words.extend(stance.map(|s| s.to_string()));
            }
            _ => {}
        }
    }
    words.join(" · ")
}

/// The tags of a conversation's facts block, when it has any: a document lists them after
/// its needs.
pub(crate) fn tags<'a>(blocks: &[Block<'a>]) -> Option<&'a [String]> {
    blocks.iter().find_map(|block| match block {
        Block::Facts { tags, .. } if !tags.is_empty() => Some(*tags),
        _ => None,
    })
}

/// The needs as a document words them, each part only when it has one: ("Needs",
/// "Competence (how), Fun") and ("Concerns", "! Security"), how escaped by `escape`.
pub(crate) fn document_needs(
    needs: &[ConversationNeed],
    escape: Escape,
) -> Vec<(&'static str, String)> {
    [(NeedState::Met, "Needs"), (NeedState::Concern, "Concerns")]
        .into_iter()
        .filter_map(|(state, label)| {
            let words: Vec<String> = needs
                .iter()
                .filter(|n| n.state == state)
                .map(|n| {
                    // A concern carries its mark here too, not only its own label.
                    let need = match state {
                        NeedState::Met => n.need.label().to_string(),
                        NeedState::Concern => format!("{CONCERN_MARK} {}", n.need.label()),
                    };
                    if n.how.is_empty() {
                        need
                    } else {
                        format!("{need} ({})", escape.apply(&n.how))
                    }
                })
                .collect();
            (!words.is_empty()).then(|| (label, words.join(", ")))
        })
        .collect()
}
