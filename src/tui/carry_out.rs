//! How the shell carries out what a screen asked for: it builds the forms, questions and
//! sheets requests name, moves between screens, and reads the journal again.

use std::time::Instant;

use crate::domain::{Conversation, Need};
use crate::store::{self, Which};
use crate::tui::app::{App, Effect, UNDO_WINDOW, Undo};
use crate::tui::forms::builders;
use crate::tui::keymap::Screen;
use crate::tui::overlay::Overlay;
use crate::tui::overlays::conflicts::ConflictsSheet;
use crate::tui::overlays::conversation_view::ConversationSheet;
use crate::tui::overlays::prep_sheet::PrepSheet;
use crate::tui::overlays::trends_view::{TeamTrendsView, TrendsView};
use crate::tui::request::{Request, shared_of};
use crate::tui::screens::log_form::LogForm;
use crate::tui::target::Target;

impl App {
    /// Carries out what a screen asked for, in order.
    pub(crate) fn carry_out(&mut self, requests: Vec<Request>) -> Effect {
        let mut effect = Effect::None;
        for request in requests {
            match request {
                Request::Say(text) => self.say(text),
                Request::Complain(text) => self.complain(text),
                Request::OpenForm(kind) => {
                    self.overlay = Some(Overlay::Form(builders::build(&kind)))
                }
                Request::Ask(question) => self.overlay = Some(Overlay::Confirm(question)),
                Request::CloseOverlay => self.overlay = None,
                Request::GoTo(screen) => self.go_to(screen),
                Request::GoBack => self.go_to(self.previous_screen),
                Request::StartLog { person, needs } => self.start_log(person, &needs),
                Request::EditConversation(conversation) => self.edit_conversation(&conversation),
                Request::OpenPrep(person) => self.open_prep(person),
                Request::OpenTrends(person) => self.open_trends(person),
                Request::OpenTeamTrends => match TeamTrendsView::read(&self.store, &self.config) {
                    Ok(view) => self.overlay = Some(Overlay::TeamTrends(Box::new(view))),
                    Err(e) => self.complain(format!("Could not read the journal: {e}")),
                },
                Request::ShowTimelineOf(person) => self.show_timeline_of(person),
                Request::Open(target) => self.open_target(target),
                Request::FollowUpDone(id) => self.follow_up_done(id),
                Request::Reload => self.reload_or_complain(),
                Request::ReloadAfterLogging(person_id) => {
                    if let Err(e) = self.reload_after_logging(person_id) {
                        self.complain(format!("Could not read the journal: {e}"));
                    }
                }
                Request::SelectAdded(name) => self.select_added(&name),
                Request::FormChanged => self.draft_pending = Some(Instant::now()),
                Request::KeepDraft => self.save_draft_now(),
                Request::DraftGone => self.draft_pending = None,
                Request::OpenEditor(text) => effect = Effect::OpenEditor(text),
                Request::SettleConflict { id, take } => self.settle_conflict(&id, take),
            }
        }
        effect
    }

    /// `C`: the texts edited on two devices, when the journal syncs.
    pub(crate) fn open_conflicts(&mut self) {
        if self.syncing.is_none() {
            self.say("This journal does not sync, so nothing was edited on two devices (`rapport sync init` starts it).");
            return;
        }
        match self.store.sync_conflicts() {
            Ok(conflicts) => {
                self.overlay = Some(Overlay::Conflicts(ConflictsSheet::new(conflicts)))
            }
            Err(e) => self.complain(format!("Could not read the journal: {e}")),
        }
    }

    /// Takes the other version of a conflict, or keeps this one; the sheet and the status
    /// line show what is left. A version taken is a save like any other: it syncs.
    fn settle_conflict(&mut self, id: &str, take: bool) {
        match self.store.sync_settle(id, take) {
            Ok(conflict) => {
                let whose = conflict.whose.as_deref().map_or(String::new(), |name| {
                    format!("{}'s ", crate::views::text::printable(name))
                });
                let field = conflict.field.replace('_', " ");
                self.say(if take {
                    format!("Took the other version of {whose}{field}.")
                } else {
                    format!("Kept this version of {whose}{field}.")
                });
                self.reload_or_complain();
            }
            Err(e) => self.complain(crate::tui::widgets::capitalised(&format!("{e}."))),
        }
        let left = self.store.sync_conflicts().unwrap_or_default();
        if let Some(status) = self.syncing.as_mut().and_then(|s| s.status.as_mut()) {
            status.conflicts = left.clone();
        }
        if let Some(Overlay::Conflicts(sheet)) = &mut self.overlay {
            sheet.refresh(left);
        }
    }

    /// Opens the Log form for a person, with needs already ticked.
    fn start_log(&mut self, person: Option<(i64, String)>, needs: &[Need]) {
        if self.log.changed {
            // Never overwrite unsaved work: go to it instead.
            self.go_to(Screen::Log);
            self.say("You have a conversation in progress; save it or press Esc first.");
            return;
        }
        self.log = LogForm::for_person(person, needs);
        self.log.refresh_matches(&self.people);
        let requests = self.log.sync_carried(&self.store);
        self.carry_out(requests);
        self.go_to(Screen::Log);
    }

    /// Opens a saved conversation in the Log form, unless another one is being written.
    fn edit_conversation(&mut self, conversation: &Conversation) {
        if self.log.changed {
            self.go_to(Screen::Log);
            self.say("You have a conversation in progress; save it or press Esc first.");
            return;
        }
        self.log = LogForm::for_conversation(conversation);
        match self.store.kept_with(conversation.id) {
            Ok(kept) => self.log.kept = kept,
            Err(e) => self.complain(e.to_string()),
        }
        self.log.refresh_matches(&self.people);
        let requests = self.log.sync_carried(&self.store);
        self.carry_out(requests);
        self.go_to(Screen::Log);
    }

    fn open_prep(&mut self, person_id: Option<i64>) {
        let Some(person_id) = person_id else {
            self.say("Choose a person first.");
            return;
        };
        match PrepSheet::read(&self.store, person_id, &self.config) {
            Ok(sheet) => self.overlay = Some(Overlay::Prep(Box::new(sheet))),
            Err(e) => self.complain(format!("Could not read the journal: {e}")),
        }
    }

    fn open_trends(&mut self, person_id: i64) {
        match TrendsView::read(&self.store, person_id, &self.config) {
            Ok(view) => self.overlay = Some(Overlay::Trends(Box::new(view))),
            Err(e) => self.complain(format!("Could not read the journal: {e}")),
        }
    }

    fn show_timeline_of(&mut self, person: Option<(i64, String)>) {
        if person.is_none() {
            self.say("Choose a person first.");
            return;
        }
        self.timeline.set_person(person);
        self.go_to(Screen::Timeline);
    }

    /// Shows an item where it lives.
    fn open_target(&mut self, target: Target) {
        match target {
            // Read first; `e` there edits it.
            Target::Conversation(id) => match ConversationSheet::read(&self.store, id) {
                Ok(sheet) => self.overlay = Some(Overlay::Conversation(Box::new(sheet))),
                Err(e) => self.complain(e.to_string()),
            },
            Target::Person { person_id, item } => {
                let mut shared = shared_of!(self);
                let requests = self.people_screen.show(person_id, item, &mut shared);
                self.carry_out(requests);
            }
            Target::Week(label) => {
                let shown =
                    crate::insights::week::WeekSpan::from_label(&label, self.config.week_start)
                        .map_err(store::Error::from)
                        .and_then(|week| self.week.load(&self.store, week, self.journal));
                match shown {
                    Ok(()) => self.go_to(Screen::Week),
                    Err(e) => self.complain(format!("Could not read the week: {e}")),
                }
            }
        }
    }

    fn follow_up_done(&mut self, which: Which) {
        match self.store.set_follow_up_done(which, true) {
            Ok(item) => {
                self.undo = Some((Undo::Tick(which), Instant::now()));
                self.say(format!(
                    "Done: {} · u undoes",
                    crate::views::text::printable(&item.text)
                ));
            }
            Err(e) => self.complain(e.to_string()),
        }
        self.reload_or_complain();
    }

    /// Whether `u` can still take back the last tick or delete.
    pub(crate) fn can_undo(&self) -> bool {
        self.undo
            .as_ref()
            .is_some_and(|(_, at)| at.elapsed() < UNDO_WINDOW)
    }

    /// `u` within [`UNDO_WINDOW`] of `x` or of a delete: the follow-up is open again, or the
    /// deleted record is back with everything that was linked to it.
    pub(crate) fn undo_tick(&mut self) {
        let last = self
            .undo
            .take()
            .filter(|(_, at)| at.elapsed() < UNDO_WINDOW);
        match last {
            None => self
                .say("Nothing to undo: u takes back a tick or a delete for 30 seconds after it."),
            Some((Undo::Tick(which), _)) => match self.store.set_follow_up_done(which, false) {
                Ok(item) => self.say(format!(
                    "Reopened: {}",
                    crate::views::text::printable(&item.text)
                )),
                Err(e) => self.complain(e.to_string()),
            },
            Some((
                Undo::Delete {
                    export,
                    deleted,
                    what,
                },
                _,
            )) => match crate::export::import::restore_from(&mut self.store, &export, &deleted) {
                Ok(_) => self.say(format!("Brought back {what}.")),
                Err(e) => self.complain(format!("Could not bring it back: {e}")),
            },
        }
        self.reload_or_complain();
    }

    /// Deletes a record after the leader said yes, keeping what `u` needs to bring it back:
    /// the person's part of the journal, exported just before, in memory only.
    pub(crate) fn delete_answered(
        &mut self,
        record: crate::store::Record,
        which: Which,
        what: String,
    ) {
        let mut export = Vec::new();
        let kept = self
            .store
            .person_of(record, which.id)
            .and_then(|person| crate::export::json::write(&self.store, Some(person), &mut export));
        match self.store.delete_record_for_undo(record, which) {
            Ok(deleted) => {
                if kept.is_ok() {
                    self.undo = Some((
                        Undo::Delete {
                            export,
                            deleted,
                            what: what.clone(),
                        },
                        Instant::now(),
                    ));
                    self.say(format!("Deleted {what} · u brings it back"));
                } else {
                    self.say(format!("Deleted {what}."));
                }
            }
            Err(e) => self.complain(e.to_string()),
        }
        self.reload_or_complain();
    }

    /// Selects the newcomer on People so that Enter logs a 1:1 with them.
    fn select_added(&mut self, name: &str) {
        let Some(index) = self
            .people
            .iter()
            .position(|p| p.person.name.eq_ignore_ascii_case(name.trim()))
        else {
            return;
        };
        let mut shared = shared_of!(self);
        let requests = self.people_screen.select_index(index, &mut shared);
        self.carry_out(requests);
    }
}
