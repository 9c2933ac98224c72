//! What a 1:1 records along with the conversation, from the Log form: what meets a ticked
//! need for the person (Ctrl-T), what was handed over to them, what they said about the
//! leader's leading. The journal saves them in the conversation's transaction.

use super::log_form::{Field, LogForm};
use crate::domain::{FeedbackTags, Need, Pair};
use crate::store::NewFeedback;
use crate::tui::widgets::line_input::LineInput;

impl LogForm {
    /// The ticked need Ctrl-T remembers something for: the one whose line has the focus,
    /// or on the needs line the first ticked one without a "remember" line yet.
    pub(crate) fn need_to_remember(&self) -> Option<Need> {
        match self.focus {
            Field::How(need) | Field::Remember(need) => Some(need),
            Field::Needs => Need::ALL
                .into_iter()
                .find(|n| self.is_noted(*n) && self.remember[n.index()].is_none())
                .or_else(|| Need::ALL.into_iter().find(|n| self.is_noted(*n))),
            _ => None,
        }
    }

    /// Opens the empty "remember" line under a ticked need and moves there (or there
    /// again, when it is open already).
    pub(crate) fn open_remember(&mut self, need: Need) {
        self.remember[need.index()].get_or_insert_with(LineInput::default);
        self.focus = Field::Remember(need);
    }

    /// Esc on a "remember" line: it is dropped, back to the need's "how" line.
    pub(crate) fn close_remember(&mut self, need: Need) {
        if self.remember[need.index()]
            .take()
            .is_some_and(|line| !line.is_empty())
        {
            self.changed = true;
        }
        self.focus = Field::How(need);
    }

    /// What meets each ticked need for them, as typed in its "remember" line: saved with
    /// the conversation as the note in force.
    pub(crate) fn meets_noted(&self) -> Vec<(Need, String)> {
        Need::ALL
            .into_iter()
            .filter(|n| self.is_noted(*n))
            .filter_map(|need| {
                let text = self.remember[need.index()].as_ref()?.text().trim();
                (!text.is_empty()).then(|| (need, text.to_string()))
            })
            .collect()
    }

    /// What the leader handed over in this conversation; nothing when the field is blank.
    pub(crate) fn handed_over_text(&self) -> Option<&str> {
        Some(self.handed_over.text().trim()).filter(|t| !t.is_empty())
    }

    /// What the person said about the leader's leading, tagged by a last word such as
    /// `@directing`; nothing when the field is blank.
    pub(crate) fn feedback_said(&self) -> Option<NewFeedback> {
        let (text, about) = Pair::split_about(self.feedback_to_me.text());
        (!text.is_empty()).then(|| NewFeedback {
            text,
            heard_on: None,
            tags: FeedbackTags::of(about, None),
        })
    }
}
