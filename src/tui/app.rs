//! The shell: the application state, the tabs and overlays, and the dispatch. Keys become
//! actions in the keymap; `App::update` routes each to the screen or overlay that has the
//! focus, whose module (`screens/<screen>.rs`) says what it does; rendering reads the state
//! and nothing else.

use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};

use super::generation::{Generation, ReadAt};
use super::keymap::{self, Action, Context, Screen};
use super::overlay::{HelpScroll, Overlay};
use super::overlays::confirm::Question;
use super::request::{Request, shared_of};
use super::screens::gaps::GapsScreen;
use super::screens::log_form::LogForm;
use super::screens::people::PeopleScreen;
use super::screens::timeline::TimelineScreen;
use super::screens::today::TodayScreen;
use super::screens::week::WeekScreen;
use super::search_worker::SearchWorker;
use super::sync_worker::Syncing;
use super::theme::Theme;
use crate::config::Config;
use crate::store::{self, PersonSummary, Store, Which};

/// How long typing must pause before the form is written to the draft table.
pub const DRAFT_DEBOUNCE: Duration = Duration::from_millis(400);
/// How often the interface looks whether another Rapport changed the journal.
pub(super) const LOOK_FOR_CHANGES: Duration = Duration::from_secs(1);
/// How long `u` can take back a follow-up ticked with `x`.
pub(crate) const UNDO_WINDOW: Duration = Duration::from_secs(30);

/// What `u` can take back, for [`UNDO_WINDOW`] after it was done.
pub(crate) enum Undo {
    /// A follow-up ticked done.
    Tick(Which),
    /// A record deleted: its person's part of the journal as exported just before, which
    /// holds it and everything linked to it, and the ids of the rows the delete took (they
    /// come back under them); `what` names it.
    Delete {
        export: Vec<u8>,
        deleted: store::DeletedRows,
        what: String,
    },
}

/// Work the event loop does for the app outside the terminal (the app never touches it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Open the leader's editor on this text; the answer comes back through
    /// `App::editor_returned`.
    OpenEditor(String),
    /// Hand the terminal back to the shell and stop until continued (Ctrl-Z).
    Suspend,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub error: bool,
    pub since: Instant,
}

pub struct App {
    pub store: Store,
    pub theme: Theme,
    pub config: Config,
    pub screen: Screen,
    /// Where Esc and Ctrl-S in the Log form return to.
    pub previous_screen: Screen,
    pub people: Vec<PersonSummary>,
    pub today: TodayScreen,
    pub people_screen: PeopleScreen,
    pub log: LogForm,
    pub timeline: TimelineScreen,
    pub gaps: GapsScreen,
    pub week: WeekScreen,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub journal_label: String,
    pub quit: bool,
    /// Runs searches off the keyboard's path; started the first time search opens.
    pub(crate) search_worker: Option<SearchWorker>,
    /// Written to by the search worker when an answer is ready, so the event loop can sleep
    /// until then instead of polling.
    pub(crate) answer_wake: Option<UnixStream>,
    /// Whether the running worker got its copy of `answer_wake` (a copy can fail to open).
    pub(crate) worker_wakes: bool,
    /// The search or prep sheet the help was opened over, shown again when it closes.
    pub(crate) behind_help: Option<Overlay>,
    /// When the form last changed without being written as a draft yet.
    pub(crate) draft_pending: Option<Instant>,
    pub draft_saved_at: Option<Instant>,
    /// The journal's data version when the screens were last read, and when to look again:
    /// a change made elsewhere (the command line, a second window) is shown within a second.
    pub(super) seen_version: Option<i64>,
    pub(super) next_look: Instant,
    /// The journal's generation: moved on by every change the shell makes or notices; each
    /// screen reads again when the generation it last read differs.
    pub(super) journal: Generation,
    /// The generation [`App::prepare_unseen`] last brought every screen out of view up to.
    pub(super) unseen_read: ReadAt,
    /// The follow-up last ticked with `x`, and when: `u` reopens it for a while.
    pub(crate) undo: Option<(Undo, Instant)>,
    /// Why the form could not be kept as a draft, while it could not: said again after
    /// leaving, where the status line is gone.
    pub(crate) unkept: Option<String>,
    /// The file the form was last written to when the journal could not take it.
    pub(crate) rescued: Option<std::path::PathBuf>,
    /// A journal that syncs: its worker, when the next sync is due, the state it last found.
    pub(crate) syncing: Option<Syncing>,
}

impl App {
    /// The app with the default settings.
    pub fn new(store: Store, theme: Theme, journal_label: String) -> store::Result<App> {
        App::with_config(store, theme, journal_label, Config::default())
    }

    pub(crate) fn with_config(
        store: Store,
        theme: Theme,
        journal_label: String,
        config: Config,
    ) -> store::Result<App> {
        store.keep_pages_for_the_interface()?;
        let seen_version = Some(store.data_version()?);
        let week_start = config.week_start;
        // A journal that does not sync never looks at it again.
        let syncing = store
            .sync_folder()?
            .map(|_| Syncing::new(config.sync_every_minutes, Instant::now()));
        let mut app = App {
            store,
            theme,
            config,
            screen: Screen::Today,
            previous_screen: Screen::Today,
            people: Vec::new(),
            today: TodayScreen::default(),
            people_screen: PeopleScreen::default(),
            log: LogForm::default(),
            timeline: TimelineScreen::default(),
            gaps: GapsScreen::default(),
            week: WeekScreen {
                week_start,
                ..WeekScreen::default()
            },
            overlay: None,
            status: None,
            journal_label,
            quit: false,
            search_worker: None,
            answer_wake: None,
            worker_wakes: false,
            behind_help: None,
            draft_pending: None,
            draft_saved_at: None,
            seen_version,
            next_look: Instant::now() + LOOK_FOR_CHANGES,
            journal: Generation::default(),
            unseen_read: ReadAt::default(),
            undo: None,
            unkept: None,
            rescued: None,
            syncing,
        };
        app.reload()?;
        if let Some(draft) = app.load_draft() {
            let who = if draft.person_name.is_empty() {
                String::new()
            } else {
                format!(" with {}", draft.person_name)
            };
            app.overlay = Some(Overlay::Confirm(Question::ResumeDraft(who)));
        }
        Ok(app)
    }

    pub(crate) fn is_empty_journal(&self) -> bool {
        self.people.is_empty()
    }

    /// Where keys go right now.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help(..)) => Context::Help,
            Some(Overlay::Confirm(_)) => Context::Confirm,
            Some(Overlay::Form(_)) => Context::Form,
            Some(Overlay::Prep(sheet)) if sheet.answering.is_some() => Context::PrepAnswer,
            Some(Overlay::Prep(_)) => Context::Prep,
            Some(Overlay::Trends(_) | Overlay::TeamTrends(_)) => Context::Trends,
            Some(Overlay::Conversation(_)) => Context::Conversation,
            Some(Overlay::Search(_)) => Context::Search,
            Some(Overlay::Conflicts(_)) => Context::Conflicts,
            None => match self.screen {
                Screen::Today => Context::Today,
                Screen::People if self.people_screen.filtering => Context::PeopleFilter,
                Screen::People => Context::People,
                Screen::Log => Context::Log,
                Screen::Timeline if self.timeline.editing.is_some() => Context::TimelineFilter,
                Screen::Timeline => Context::Timeline,
                Screen::Gaps => Context::Gaps,
                Screen::Week if self.week.editing() => Context::WeekEdit,
                Screen::Week => Context::Week,
            },
        }
    }

    pub(crate) fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
            since: Instant::now(),
        });
    }

    /// An error on the status line. When the journal's file was replaced or is gone, that
    /// is the error, whatever failed: a read through the side files another journal now
    /// uses fails as "damaged", and the restore that sentence advises would lose the saves
    /// made since.
    pub(crate) fn complain(&mut self, text: impl Into<String>) {
        let text = match self.store.moved() {
            Some(moved) => {
                let kept = self.rescued.as_ref().map_or(String::new(), |file| {
                    format!("; the unsaved form was written to {}", file.display())
                });
                super::widgets::capitalised(&format!("{moved}{kept}"))
            }
            None => text.into(),
        };
        self.status = Some(Status {
            text,
            error: true,
            since: Instant::now(),
        });
    }

    /// Any terminal event.
    pub fn handle_event(&mut self, event: Event) -> Effect {
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.handle_key(key),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => self.update(Action::Down),
                MouseEventKind::ScrollUp => self.update(Action::Up),
                // Tabs change the screen only when nothing is open over it.
                MouseEventKind::Down(MouseButton::Left)
                    if mouse.row == 0 && self.overlay.is_none() =>
                {
                    if let Some(screen) = super::widgets::tab_at(mouse.column) {
                        return self.update(Action::GoTo(screen));
                    }
                    Effect::None
                }
                _ => Effect::None,
            },
            Event::Paste(text) if matches!(self.context(), Context::Log | Context::WeekEdit) => {
                for c in text.chars() {
                    let code = if c == '\n' {
                        ratatui::crossterm::event::KeyCode::Enter
                    } else {
                        ratatui::crossterm::event::KeyCode::Char(c)
                    };
                    self.handle_key(KeyEvent::from(code));
                }
                Effect::None
            }
            _ => Effect::None,
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> Effect {
        let context = self.context();
        if let Some(action) = keymap::action_for(&self.config.keys, context, key) {
            return self.update(action);
        }
        // Keys no binding claims are text for the field that has the focus.
        match context {
            Context::Log => {
                let mut shared = shared_of!(self);
                let requests = self.log.text_key(key, &mut shared);
                return self.carry_out(requests);
            }
            Context::Form => {
                if let Some(Overlay::Form(form)) = &mut self.overlay {
                    form.handle_key(key);
                }
            }
            Context::WeekEdit => {
                self.week.handle_key(key);
            }
            Context::PrepAnswer => {
                if let Some(Overlay::Prep(sheet)) = &mut self.overlay
                    && let Some((_, input)) = &mut sheet.answering
                {
                    input.handle(key);
                }
            }
            Context::PeopleFilter if self.people_screen.filter.handle(key) => {
                self.people_screen.refilter(&self.people);
                let mut shared = shared_of!(self);
                let requests = self.people_screen.refresh_detail(&mut shared);
                return self.carry_out(requests);
            }
            Context::Search => {
                if let Some(Overlay::Search(panel)) = &mut self.overlay
                    && panel.input.handle(key)
                {
                    let worker = self.search_worker.get_or_insert_with(|| {
                        let wake = self.answer_wake.as_ref().and_then(|w| w.try_clone().ok());
                        self.worker_wakes = wake.is_some();
                        SearchWorker::start_waking(self.store.reopener(), wake)
                    });
                    panel.refresh(worker);
                }
            }
            Context::TimelineFilter => {
                if let Some(input) = &mut self.timeline.editing {
                    input.handle(key);
                }
            }
            _ => {}
        }
        Effect::None
    }

    /// Leaving for good (Ctrl-C, a signal): keep the form as a draft first. When it could
    /// not be kept, [`App::unkept`] says why and where it went instead.
    pub fn shutdown(&mut self) {
        self.save_draft_now();
        let requests = self.week.save_on_leaving(&mut self.store, self.journal);
        self.carry_out(requests);
        self.quit = true;
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::ForceQuit => self.shutdown(),
            Action::Quit => self.quit = true,
            Action::Suspend => {
                // A form half written is kept as a draft first: a suspended Rapport may never
                // be brought back (the shell closed, the machine slept for good).
                self.save_draft_now();
                return Effect::Suspend;
            }
            Action::Help => {
                let context = self.context();
                if matches!(
                    self.overlay,
                    Some(
                        Overlay::Search(_)
                            | Overlay::Prep(_)
                            | Overlay::Trends(_)
                            | Overlay::TeamTrends(_)
                            | Overlay::Conversation(_)
                            | Overlay::Conflicts(_)
                    )
                ) {
                    self.behind_help = self.overlay.take();
                }
                self.overlay = Some(Overlay::Help(context, HelpScroll::default()));
            }
            Action::GoTo(screen) => self.go_to(screen),
            Action::Undo => self.undo_tick(),
            // On People u notes aspiration progress, except right after x.
            Action::UpdateAspiration if self.can_undo() => self.undo_tick(),
            Action::Search => self.overlay = Some(Overlay::Search(Box::default())),
            Action::Conflicts if self.overlay.is_none() => self.open_conflicts(),
            Action::NextScreen | Action::PrevScreen => {
                let all = Screen::ALL;
                let at = all.iter().position(|s| *s == self.screen).unwrap_or(0);
                let next = if action == Action::NextScreen {
                    (at + 1) % all.len()
                } else {
                    (at + all.len() - 1) % all.len()
                };
                self.go_to(all[next]);
            }
            _ => match self.context() {
                Context::Help => match (&mut self.overlay, action) {
                    (Some(Overlay::Help(_, scroll)), Action::Down) => scroll.down(),
                    (Some(Overlay::Help(_, scroll)), Action::Up) => scroll.up(),
                    _ => self.overlay = self.behind_help.take(),
                },
                // Only an answer answers: a scroll or a stray key leaves the question open.
                Context::Confirm => match action {
                    Action::Yes => self.answer(true),
                    Action::No => self.answer(false),
                    _ => {}
                },
                _ => {
                    let requests = self.screen_update(action);
                    return self.carry_out(requests);
                }
            },
        }
        Effect::None
    }

    /// Hands an action to the screen or overlay that has the focus.
    fn screen_update(&mut self, action: Action) -> Vec<Request> {
        let context = self.context();
        let mut shared = shared_of!(self);
        match (context, &mut self.overlay) {
            (Context::Form, Some(Overlay::Form(form))) => form.update(action, shared.store),
            (Context::Prep, Some(Overlay::Prep(sheet))) => sheet.update(action),
            (Context::Trends, Some(Overlay::Trends(view))) => view.update(action),
            (Context::Trends, Some(Overlay::TeamTrends(view))) => view.update(action),
            (Context::PrepAnswer, Some(Overlay::Prep(sheet))) => {
                sheet.update_answer(action, shared.store, shared.config)
            }
            (Context::Conversation, Some(Overlay::Conversation(sheet))) => sheet.update(action),
            (Context::Search, Some(Overlay::Search(panel))) => panel.update(action),
            (Context::Conflicts, Some(Overlay::Conflicts(sheet))) => sheet.update(action),
            (Context::Log, _) => self.log.update(action, &mut shared),
            (Context::Today, _) => self.today.update(action),
            (Context::People | Context::PeopleFilter, _) => {
                self.people_screen.update(action, &mut shared)
            }
            (Context::Timeline | Context::TimelineFilter, _) => {
                self.timeline.update(action, &mut shared)
            }
            (Context::Gaps, _) => self.gaps.update(action, &mut shared),
            (Context::Week, _) => self.week.update(action, shared.store, shared.journal),
            (Context::WeekEdit, _) => self.week.update_edit(action, shared.store, shared.journal),
            _ => vec![],
        }
    }

    pub(crate) fn go_to(&mut self, screen: Screen) {
        if self.screen == Screen::Week && screen != Screen::Week {
            let requests = self.week.save_on_leaving(&mut self.store, self.journal);
            self.carry_out(requests);
        }
        if screen == Screen::Log && self.screen != Screen::Log {
            self.previous_screen = self.screen;
            if self.log.person.is_none() && !self.log.changed {
                self.log = LogForm::default();
                self.log.refresh_matches(&self.people);
            }
        }
        self.screen = screen;
        if let Err(e) = self.load_screen(screen) {
            self.complain(format!("Could not read the journal: {e}"));
        }
    }

    pub(crate) fn reload_or_complain(&mut self) {
        if let Err(e) = self.reload() {
            self.complain(format!("Could not read the journal: {e}"));
        }
    }
}
