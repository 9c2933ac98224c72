//! The Log form kept as a draft: written once typing pauses (and before anything that could
//! lose it), offered again at the next start, and found again by its rows' UUIDs.

use std::time::Instant;

use crate::store::DraftRow;
use crate::tui::app::App;
use crate::tui::screens::log_form::{DRAFT_FORM, LogDraft, LogForm};

impl App {
    /// Writes the Log form to the draft table now, if it holds anything unsaved.
    pub fn save_draft_now(&mut self) {
        self.draft_pending = None;
        if !self.log.changed {
            return;
        }
        let mut draft = self.log.to_draft();
        // The conversation's UUID is the form's own (see `LogForm::to_draft`).
        draft.person_uuid = draft.person_id.and_then(|id| {
            self.store
                .draft_row_uuid(DraftRow::Person, id)
                .ok()
                .flatten()
        });
        let body = match serde_json::to_string(&draft) {
            Ok(body) => body,
            Err(_) => return,
        };
        match self.store.save_draft(DRAFT_FORM, &body) {
            Ok(()) => self.draft_saved_at = Some(Instant::now()),
            Err(e) => self.complain(format!("The draft could not be kept: {e}")),
        }
    }

    pub(crate) fn editor_returned(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                if text != self.log.notes_text() {
                    self.log.set_notes(&text);
                    self.draft_pending = Some(Instant::now());
                }
            }
            Err(message) => self.complain(message),
        }
    }

    pub(crate) fn load_draft(&self) -> Option<LogDraft> {
        let body = self.store.draft(DRAFT_FORM).ok().flatten()?;
        serde_json::from_str(&body).ok()
    }

    /// Finds the rows a draft refers to in this journal by their UUIDs. A draft whose
    /// conversation is gone (or that carries no UUIDs: written before drafts had them, or
    /// imported from another journal where the ids meant other rows) resumes as a new
    /// conversation, and one whose person is gone asks for the person again: a draft never
    /// lands on another row.
    pub(crate) fn with_local_rows(&mut self, mut draft: LogDraft) -> LogDraft {
        let find = |row, uuid: &Option<String>| {
            uuid.as_deref()
                .and_then(|uuid| self.store.draft_row_id(row, uuid).ok().flatten())
        };
        let was_editing = draft.editing.is_some() || draft.editing_uuid.is_some();
        draft.editing = find(DraftRow::Conversation, &draft.editing_uuid);
        draft.person_id = find(DraftRow::Person, &draft.person_uuid);
        if draft.person_id.is_none() && !draft.person_name.is_empty() {
            draft.person_query = std::mem::take(&mut draft.person_name);
        }
        if was_editing && draft.editing.is_none() {
            self.say("The conversation this draft edited is not in this journal: it resumes as a new one.");
        }
        draft
    }

    /// An empty Log form, nothing pending.
    pub(crate) fn reset_log(&mut self) {
        self.log = LogForm::default();
        self.log.refresh_matches(&self.people);
        self.draft_pending = None;
    }

    pub(crate) fn discard_log(&mut self) {
        self.reset_log();
        if let Err(e) = self.store.discard_draft(DRAFT_FORM) {
            self.complain(e.to_string());
        }
    }
}
