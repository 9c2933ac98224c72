//! How a timeline event reads in one line, for `rapport timeline` and the Timeline screen.

use crate::domain::{Need, NeedState, Owner, need_marks};
use crate::store::{EventKind, TimelineEvent};
use crate::views::text::printable as line;

/// A conversation's needs as the timeline lists them: met as letters, a concern marked
/// ("CA!S", see [`need_marks`]), at least five columns wide so most lines align.
pub(crate) fn need_letters(needs: &[Need], concerns: &[Need]) -> String {
    let marks = need_marks(
        needs
            .iter()
            .map(|n| (*n, NeedState::Met))
            .chain(concerns.iter().map(|n| (*n, NeedState::Concern))),
    );
    format!("{marks:<5}")
}

/// What happened, in one terminal-safe line: "1:1  C A    leading  mood 4  Career chat".
pub(crate) fn event_text(event: &TimelineEvent) -> String {
    let text = line(&event.text);
    match event.kind {
        EventKind::Conversation => {
            let mut parts = vec![
                event
                    .conversation_kind
                    .map_or("talk", |k| k.short())
                    .to_string(),
                need_letters(&event.needs, &event.concerns),
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
