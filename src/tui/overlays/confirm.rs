//! The yes/no questions the interface asks before it loses or changes something, and what
//! each answer does.

use crate::domain::PersonPatch;
use crate::store::{Record, Which};
use crate::tui::app::{App, Overlay};
use crate::tui::keymap::Screen;
use crate::tui::screens::log_form::LogForm;

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

impl App {
    pub(crate) fn answer(&mut self, yes: bool) {
        let Some(Overlay::Confirm(question)) = self.overlay.take() else {
            return;
        };
        match question {
            Question::DiscardLog if yes => {
                self.discard_log();
                self.go_to(self.previous_screen);
            }
            Question::DiscardLog => {}
            Question::DiscardReflection if yes => self.week.edit = None,
            Question::DiscardReflection => {}
            Question::ResumeDraft(_) => match self.load_draft() {
                Some(draft) if yes => {
                    let draft = self.with_local_rows(draft);
                    self.log = LogForm::from_draft(&draft);
                    self.log.refresh_matches(&self.people);
                    let requests = self.log.sync_carried(&self.store);
                    self.carry_out(requests);
                    self.previous_screen = Screen::Today;
                    self.screen = Screen::Log;
                }
                _ => self.discard_log(),
            },
            Question::Archive {
                person,
                name,
                archive,
            } if yes => {
                let patch = PersonPatch {
                    archived: Some(archive),
                    ..PersonPatch::default()
                };
                match self.store.edit_person(person, &patch) {
                    Ok(_) if archive => self.say(format!("Archived {name}.")),
                    Ok(_) => self.say(format!("{name} is back.")),
                    Err(e) => self.complain(e.to_string()),
                }
                self.reload_or_complain();
            }
            Question::Archive { .. } => {}
            Question::Delete {
                record,
                which,
                what,
            } if yes => {
                self.delete_answered(record, which, what);
            }
            Question::Delete { .. } => {}
        }
    }
}
