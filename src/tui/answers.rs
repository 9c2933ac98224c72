//! What each answer to a yes/no question does: discard the Log form or a reflection, resume
//! a draft, archive or bring back a person, delete a record.

use crate::domain::PersonPatch;
use crate::tui::app::App;
use crate::tui::keymap::Screen;
use crate::tui::overlay::Overlay;
use crate::tui::overlays::confirm::Question;
use crate::tui::screens::log_form::LogForm;

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
