//! Where Enter on a timeline event or a search result leads.

use crate::store;
use crate::store::Record;
use crate::tui::app::App;
use crate::tui::keymap::Screen;

/// Something written in the journal that a screen can show: where Enter on a timeline event
/// or a search result goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Opens the conversation in the Log form.
    Conversation(i64),
    /// Selects the person on People, and the item of their detail when given.
    Person {
        person_id: i64,
        item: Option<(Record, i64)>,
    },
    /// The reflection of an ISO week (`2026-W47`).
    Week(String),
}

impl App {
    /// Shows an item where it lives.
    pub(crate) fn open_target(&mut self, target: Target) {
        match target {
            Target::Conversation(id) => match self.store.conversation(id) {
                Ok(conversation) => self.edit_conversation(&conversation),
                Err(e) => self.complain(e.to_string()),
            },
            Target::Person { person_id, item } => self.show_person(person_id, item),
            Target::Week(label) => {
                let shown =
                    crate::insights::week::WeekSpan::from_label(&label, self.config.week_start)
                        .map_err(store::Error::from)
                        .and_then(|week| self.week.load(&self.store, week));
                match shown {
                    Ok(()) => self.go_to(Screen::Week),
                    Err(e) => self.complain(format!("Could not read the week: {e}")),
                }
            }
        }
    }
}
