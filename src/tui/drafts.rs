//! The Log form kept as a draft: written once typing pauses (and before anything that could
//! lose it), offered again at the next start, and found again by its rows' UUIDs.

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, Local};

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
            Ok(()) => {
                self.draft_saved_at = Some(Instant::now());
                self.unkept = None;
            }
            Err(e) => {
                let e = self.store.explain(e);
                let said = match rescue(&draft, self.rescued.as_deref(), self.store.now()) {
                    Ok(file) => {
                        let said = format!(
                            "the form could not be kept in the journal, so it was written to {}: {e}",
                            file.display()
                        );
                        self.rescued = Some(file);
                        said
                    }
                    Err(why) => format!(
                        "the form could not be kept in the journal nor written to a file ({why}), so copy its text before leaving: {e}"
                    ),
                };
                self.complain(crate::tui::widgets::capitalised(&said));
                self.unkept = Some(said);
            }
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
        self.unkept = None;
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

/// Writes the form, as text, to a private file of its own in Rapport's data folder: where a
/// form goes when the journal cannot take it (its file replaced, its folder removed). The
/// file's path, or why it could not be written (never the form's text).
///
/// `earlier`, the file this run wrote the form to before, is written again: one file per
/// run, holding the form as it last was.
fn rescue(
    draft: &LogDraft,
    earlier: Option<&Path>,
    now: DateTime<Local>,
) -> Result<PathBuf, String> {
    let dirs = directories::ProjectDirs::from("", "", "rapport")
        .ok_or_else(|| "there is no home folder".to_string())?;
    let folder = dirs.data_dir().join("rescued");
    crate::store::prepare_private_dir(&folder).map_err(|e| e.to_string())?;
    let file = earlier.map_or_else(
        || {
            folder.join(format!(
                "form-{}-{}.txt",
                now.format("%Y-%m-%d-%H%M%S"),
                std::process::id()
            ))
        },
        Path::to_path_buf,
    );
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&file)
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    out.write_all(form_as_text(draft).as_bytes())
        .and_then(|()| out.sync_all())
        .map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    Ok(file)
}

/// The form's text fields, one to a line and the notes last, for a person to copy back.
fn form_as_text(draft: &LogDraft) -> String {
    let person = if draft.person_name.is_empty() {
        &draft.person_query
    } else {
        &draft.person_name
    };
    let follow_ups: Vec<&str> = draft
        .follow_ups
        .iter()
        .map(|f| f.text.as_str())
        .chain((!draft.follow_up_input.is_empty()).then_some(draft.follow_up_input.as_str()))
        .collect();
    let follow_ups = follow_ups.join(" / ");
    let mut text = String::from("A Rapport form that could not be kept in the journal.\n\n");
    for (label, value) in [
        ("Person", person.as_str()),
        ("When", draft.when.as_str()),
        ("Summary", draft.summary.as_str()),
        ("Tags", draft.tags.as_str()),
        ("Follow-ups", follow_ups.as_str()),
        ("Acknowledgement", draft.ack.as_str()),
        ("Idea", draft.idea.as_str()),
        ("Delegated", draft.handed_over.as_str()),
        ("Feedback to me", draft.feedback_to_me.as_str()),
    ] {
        if !value.is_empty() {
            text.push_str(&format!("{label}: {value}\n"));
        }
    }
    for (need, meets) in draft.remember.iter().filter(|(_, t)| !t.is_empty()) {
        text.push_str(&format!("What meets {}: {meets}\n", need.label()));
    }
    text.push_str("\nNotes:\n");
    text.push_str(&draft.notes);
    text.push('\n');
    text
}
