//! The yes/no questions the interface asks before it loses or changes something, and how
//! each is worded. A screen asks one with `Request::Ask`; what each answer does is the
//! shell's (`tui/answers.rs`).

use crate::store::{Record, Which};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Leave the Log form and lose its changes?
    DiscardLog,
    /// Stop writing the week's reflection and lose its changes?
    DiscardReflection,
    /// Resume the form left unsaved last time?
    ResumeDraft(String),
    /// Archive (true) or bring back (false) a person.
    Archive {
        person: Which,
        name: String,
        archive: bool,
    },
    /// Delete a record written in error; `what` names it as the leader will recognise it.
    Delete {
        record: Record,
        which: Which,
        what: String,
    },
}

impl Question {
    pub(crate) fn text(&self) -> String {
        match self {
            Question::DiscardLog => "Discard the changes to this conversation?".into(),
            Question::DiscardReflection => {
                "Discard the changes to this week's reflection? (n keeps writing)".into()
            }
            Question::ResumeDraft(who) => {
                format!("You left a conversation{who} unsaved. Resume it?")
            }
            Question::Archive {
                name,
                archive: true,
                ..
            } => {
                format!("Archive {name}? Their history stays; they leave the daily views.")
            }
            Question::Archive { name, .. } => format!("Bring {name} back into the daily views?"),
            Question::Delete { what, .. } => format!("Delete {what}?"),
        }
    }
}
