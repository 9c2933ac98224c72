//! What the keys do on the Log form: moving between fields, the person picker, asking a
//! question from the bank, and saving the conversation.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::log_form::{DRAFT_FORM, Field, LogForm, NeedMark};
use crate::domain::{Invalid, Need, TextField};
use crate::insights::prep::Unknown;
use crate::store::{Alongside, AskedQuestion};
use crate::tui::keymap::Action;
use crate::tui::overlays::confirm::Question;
use crate::tui::request::{self, Request, Shared};

/// What the keys do on the Log form, and what saving it writes.
impl LogForm {
    /// Which field a refusal from the journal belongs to.
    pub(crate) fn field_of(&self, error: &Invalid) -> Field {
        match error {
            Invalid::When(_)
            | Invalid::NoSuchDate(_)
            | Invalid::NoSuchTime(_)
            | Invalid::OutOfRange(_)
            | Invalid::NotYet(_)
            | Invalid::BeforeStart { .. } => Field::When,
            Invalid::NotesTooLarge(_) | Invalid::NotesNotText => Field::Notes,
            Invalid::Empty(TextField::FollowUp) => Field::FollowUps,
            Invalid::TooLong {
                what: TextField::Tag,
                ..
            }
            | Invalid::NotOneLine(TextField::Tag) => Field::Tags,
            Invalid::TooLong {
                what: TextField::Acknowledgement,
                ..
            }
            | Invalid::NotOneLine(TextField::Acknowledgement) => Field::Ack,
            Invalid::TooLong {
                what: TextField::Idea,
                ..
            }
            | Invalid::NotOneLine(TextField::Idea) => Field::Idea,
            Invalid::TooLong {
                what: TextField::Feedback,
                ..
            }
            | Invalid::NotOneLine(TextField::Feedback) => Field::FeedbackToMe,
            Invalid::TooLong {
                what: TextField::Delegation,
                ..
            }
            | Invalid::NotOneLine(TextField::Delegation) => Field::HandedOver,
            // The line the journal refused: the first that breaks its rule.
            Invalid::TooLong {
                what: TextField::MeetsNeed,
                ..
            }
            | Invalid::NotOneLine(TextField::MeetsNeed) => self
                .meets_noted()
                .iter()
                .find(|(_, text)| crate::domain::require(text, TextField::MeetsNeed).is_err())
                .map_or(Field::Needs, |(need, _)| Field::Remember(*need)),
            Invalid::Empty(TextField::Answer)
            | Invalid::TooLong {
                what: TextField::Answer,
                ..
            }
            | Invalid::NotOneLine(TextField::Answer) => Field::Carried,
            _ => Field::Summary,
        }
    }

    pub(crate) fn update(&mut self, action: Action, shared: &mut Shared) -> Vec<Request> {
        match action {
            Action::Save => return self.save(shared),
            Action::NextField => self.move_focus(true),
            Action::PrevField => self.move_focus(false),
            Action::ToggleNeed(need) => {
                self.toggle_need(need);
                return vec![Request::FormChanged];
            }
            Action::OpenEditor => {
                self.focus = Field::Notes;
                return vec![Request::OpenEditor(self.notes_text())];
            }
            Action::AskQuestion => return self.ask_question(shared),
            Action::RememberNeed => return self.remember_need(),
            // Esc in the picker closes the picker, not the form; in a line typed for a
            // carried-over item, that line.
            Action::Close if self.picker_open() && !self.person_query.is_empty() => {
                self.person_query.clear();
                self.refresh_matches(shared.people);
            }
            Action::Close if self.focus == Field::Carried && self.carried.close_prompt() => {}
            Action::Close if matches!(self.focus, Field::Remember(_)) => {
                if let Field::Remember(need) = self.focus {
                    self.close_remember(need);
                }
            }
            Action::Close if self.changed => {
                return vec![Request::KeepDraft, Request::Ask(Question::DiscardLog)];
            }
            Action::Close => {
                // Nothing typed: leave no half-chosen person or opened conversation behind
                // for the next time Log opens.
                *self = LogForm::default();
                self.refresh_matches(shared.people);
                return vec![Request::GoBack];
            }
            _ => {}
        }
        self.sync_carried(shared.store)
    }

    /// Reads the chosen person's open loops when the person changed (or a resumed draft's
    /// actions wait for them).
    pub(crate) fn sync_carried(&mut self, store: &crate::store::Store) -> Vec<Request> {
        let person_id = self.person.as_ref().map(|(id, _)| *id);
        let editing = self.editing.map(|which| which.id);
        match self.carried.sync(person_id, editing, store) {
            Ok(()) => {
                if self.focus == Field::Carried && self.carried.is_empty() {
                    self.focus = Field::When;
                }
                vec![]
            }
            Err(e) => request::complain(format!("Could not read the journal: {e}")),
        }
    }

    /// A key no binding claims: text for the focused field, or Enter on "add NAME" in the
    /// person picker.
    pub(crate) fn text_key(&mut self, key: KeyEvent, shared: &mut Shared) -> Vec<Request> {
        let mut requests = if key.code == KeyCode::Enter && self.new_person_asked().is_some() {
            self.add_person_from_picker(shared.store)
        } else if self.focus == Field::Carried {
            let ticks = matches!(key.code, KeyCode::Char('x' | ' ') | KeyCode::Enter);
            if let Some(need) = self.carried.concern_at_cursor().filter(|_| ticks) {
                self.toggle_concern_met(need);
                vec![Request::FormChanged]
            } else if self.carried.handle_key(key, shared.store.today()) {
                self.changed = true;
                self.errors.retain(|(f, _)| *f != Field::Carried);
                vec![Request::FormChanged]
            } else {
                vec![]
            }
        } else if self.handle_key(key, shared.people) {
            vec![Request::FormChanged]
        } else {
            vec![]
        };
        requests.extend(self.sync_carried(shared.store));
        requests
    }

    /// Enter on "add NAME" in the picker: adds the person with the usual defaults and
    /// chooses them, so a first 1:1 can be logged without leaving the form.
    fn add_person_from_picker(&mut self, store: &mut crate::store::Store) -> Vec<Request> {
        let Some(name) = self.new_person_asked() else {
            return vec![];
        };
        let added = store.add_person(&crate::domain::NewPerson {
            name,
            ..crate::domain::NewPerson::default()
        });
        match added {
            Ok(person) => {
                let said = format!(
                    "Added {} (a 1:1 every {} days); e on People fills in the rest.",
                    crate::views::text::printable(&person.name),
                    person.cadence_days
                );
                self.person = Some((person.id, person.name));
                self.person_query.clear();
                self.focus = Field::When;
                vec![Request::Say(said), Request::Reload, Request::FormChanged]
            }
            Err(e) => request::complain(e.to_string()),
        }
    }

    /// Ctrl-T on a ticked need: a line for what meets it for this person, saved with the
    /// conversation as the note in force (`rapport meets`).
    fn remember_need(&mut self) -> Vec<Request> {
        match self.need_to_remember() {
            Some(need) if self.is_noted(need) => {
                self.open_remember(need);
                vec![]
            }
            _ => request::complain(
                "Tick a need first (1–5 on Needs): what meets it for them goes under it.",
            ),
        }
    }

    /// Puts the next question for this person into the notes, on a line of its own, and
    /// remembers it for the save: one not asked of them yet if the bank has one (see
    /// `insights::prep::next_question`), else the one asked longest ago.
    fn ask_question(&mut self, shared: &mut Shared) -> Vec<Request> {
        let Some((person_id, _)) = self.person.clone() else {
            self.focus = Field::Person;
            return request::complain("Choose who the conversation is with first.");
        };
        let Some(summary) = shared.people.iter().find(|p| p.person.id == person_id) else {
            return request::complain("That person is not in the journal any more.");
        };
        let asked = match shared.store.questions_asked(person_id) {
            Ok(asked) => asked,
            Err(e) => return request::complain(format!("Could not read the questions asked: {e}")),
        };
        let needs: Vec<Need> = Need::ALL
            .into_iter()
            .filter(|n| self.needs[n.index()] != NeedMark::Absent)
            .collect();
        let mut taken: Vec<String> = self.asked.iter().map(|q| q.text.clone()).collect();
        // What is already known about them is not asked again (seed 002's three questions).
        let has_aspiration = match shared.store.aspirations(Some(person_id)) {
            Ok(found) => !found.is_empty(),
            Err(e) => return request::complain(format!("Could not read their aspirations: {e}")),
        };
        let person = &summary.person;
        for (known, unknown) in [
            (
                !person.acknowledge_for.trim().is_empty(),
                Unknown::AcknowledgeFor,
            ),
            (has_aspiration, Unknown::Aspiration),
            (!person.would_change.trim().is_empty(), Unknown::WouldChange),
        ] {
            if known {
                taken.push(unknown.question().to_string());
            }
        }
        let met_before = summary.last_conversation.is_some();
        let Some(question) = crate::insights::prep::next_question(
            &summary.person,
            met_before,
            &needs,
            &asked,
            &taken,
        ) else {
            return request::say("Every question of the bank is in these notes already.");
        };
        let mut notes = self.notes_text();
        if !notes.is_empty() && !notes.ends_with('\n') {
            notes.push('\n');
        }
        notes.push_str(&format!("Q: {}\n", question.text));
        self.set_notes(&notes);
        self.notes.move_cursor(ratatui_textarea::CursorMove::Bottom);
        self.focus = Field::Notes;
        let when = match question.last_asked {
            Some(day) => format!(
                " (last asked {})",
                crate::views::text::relative(day, shared.store.today())
            ),
            None => " (not asked of them before)".to_string(),
        };
        let said = format!(
            "Asked {}: \"{}\"{when}; Ctrl-Q for another.",
            question.topic.name(),
            crate::views::text::printable(&question.text)
        );
        self.asked.push(AskedQuestion {
            topic: question.topic,
            text: question.text,
        });
        vec![Request::Say(said), Request::FormChanged]
    }

    /// The questions put in with Ctrl-Q that are still in the notes: a question deleted
    /// from the notes was not asked after all.
    fn asked_in_notes(&self) -> Vec<AskedQuestion> {
        let notes = self.notes_text();
        self.asked
            .iter()
            .filter(|q| notes.contains(&q.text))
            .cloned()
            .collect()
    }

    /// Saves the conversation and removes its draft in one transaction; the form then
    /// empties and the screen it was opened from comes back.
    fn save(&mut self, shared: &mut Shared) -> Vec<Request> {
        let store = &mut *shared.store;
        let input = match self.to_input(store.local_now()) {
            Ok(input) => input,
            Err(errors) => {
                if let Some((field, _)) = errors.first() {
                    self.focus = *field;
                }
                self.errors = errors;
                return request::complain("Not saved: see the marked fields.");
            }
        };
        let carried = self.carried.taken();
        let asked = self.asked_in_notes();
        let said = self.feedback_said();
        let meets = self.meets_noted();
        let along = Alongside {
            asked: &asked,
            said: said.as_ref(),
            meets: &meets,
            handed_over: self.handed_over_text(),
        };
        match store.save_conversation_from_form(self.editing, &input, &carried, along, DRAFT_FORM) {
            Ok(_) => {
                let name = self
                    .person
                    .as_ref()
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                let verb = if self.editing.is_some() {
                    "Updated the conversation with"
                } else {
                    "Logged a conversation with"
                };
                // A new conversation changes only its person's line of the people list; an
                // edit may have moved a conversation from one person to another.
                let reload = if self.editing.is_none() {
                    Request::ReloadAfterLogging(input.person_id)
                } else {
                    Request::Reload
                };
                *self = LogForm::default();
                self.refresh_matches(shared.people);
                vec![
                    // The save removed the draft with it.
                    Request::DraftGone,
                    Request::Say(format!("{verb} {name}.")),
                    reload,
                    Request::GoBack,
                ]
            }
            Err(crate::store::Error::Invalid(invalid)) => {
                let field = self.field_of(&invalid);
                self.focus = field;
                self.errors = vec![(field, invalid.to_string())];
                request::complain("Not saved: see the marked field.")
            }
            // The form stays as it is (and in the draft table) so nothing is lost.
            Err(e) => vec![
                Request::KeepDraft,
                Request::Complain(format!("Not saved, your text is kept: {e}")),
            ],
        }
    }
}
