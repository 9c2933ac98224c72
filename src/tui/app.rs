//! The shell: the application state, the tabs and overlays, and the dispatch. Keys become
//! actions in the keymap; `App::update` routes each to the screen or overlay that has the
//! focus, whose module (`screens/<screen>.rs`) says what it does; rendering reads the state
//! and nothing else.

use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};

use super::keymap::{self, Action, Context, Screen};
pub(crate) use super::question::Question;
use super::screens::gaps::GapsScreen;
use super::screens::log_form::LogForm;
use super::screens::people::PeopleScreen;
use super::screens::prep_sheet::PrepSheet;
use super::screens::search::SearchPanel;
use super::screens::small_form::SmallForm;
use super::screens::timeline::TimelineScreen;
use super::screens::today::TodayScreen;
use super::screens::week::WeekScreen;
use super::search_worker::SearchWorker;
pub(crate) use super::target::Target;
use super::theme::Theme;
use crate::config::Config;
use crate::store::{self, PersonSummary, Store};

/// How long typing must pause before the form is written to the draft table.
pub const DRAFT_DEBOUNCE: Duration = Duration::from_millis(400);
/// How long a status message stays.
const STATUS_FOR: Duration = Duration::from_secs(5);
/// How often the interface looks whether another Rapport changed the journal.
const LOOK_FOR_CHANGES: Duration = Duration::from_secs(1);
/// How often an outstanding search is looked for when its worker cannot wake the event loop
/// (an app driven without one, as the tests drive it).
const SEARCH_POLL: Duration = Duration::from_millis(5);
pub(crate) const PAGE: isize = 10;

pub enum Overlay {
    /// The keys of a context, scrolled down by this many lines.
    Help(Context, u16),
    Confirm(Question),
    Form(SmallForm),
    Prep(Box<PrepSheet>),
    Search(Box<SearchPanel>),
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
    seen_version: Option<i64>,
    next_look: Instant,
    /// Screens out of view may be out of date: [`App::prepare_unseen`] has work to do.
    unseen_stale: bool,
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
        let seen_version = Some(store.data_version()?);
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
                week_start: config.week_start,
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
            unseen_stale: false,
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

    /// Re-reads what the screens show; called after every change to the journal.
    pub fn reload(&mut self) -> store::Result<()> {
        self.people = self.store.people_summaries(true)?;
        self.people_read()
    }

    /// [`App::reload`] after a new conversation with `person_id` was saved: only that
    /// person's line of the people list can have changed, so only it is read again.
    pub(crate) fn reload_after_logging(&mut self, person_id: i64) -> store::Result<()> {
        let summary = self.store.person_summary(person_id)?;
        match (
            summary,
            self.people.iter_mut().find(|p| p.person.id == person_id),
        ) {
            (Some(summary), Some(line)) => {
                *line = summary;
                self.people_read()
            }
            _ => self.reload(),
        }
    }

    /// Everything after the people list was read: see [`App::reload`].
    fn people_read(&mut self) -> store::Result<()> {
        let today = self.store.today();
        self.people_screen.today = Some(today);
        self.people_screen.thresholds = self.config.thresholds();
        self.people_screen.refilter(&self.people);
        self.people_screen
            .load_detail(&self.store, &self.people, true)?;
        self.log.refresh_matches(&self.people);
        // Today and the insight screens read more of the journal: only the one in view is
        // read now, the others while the interface waits for keys (`prepare_unseen`) or
        // when next shown, whichever comes first.
        self.today.stale = true;
        self.timeline.journal_changed();
        self.gaps.gaps = None;
        self.week.stale = true;
        self.unseen_stale = true;
        self.load_screen(self.screen)
    }

    /// Whether `screen` must be read before it is shown.
    fn out_of_date(&self, screen: Screen) -> bool {
        match screen {
            Screen::Today => self.today.stale,
            Screen::Timeline => !self.timeline.current,
            Screen::Gaps => self.gaps.gaps.is_none(),
            Screen::Week => self.week.summary.is_none() || self.week.stale,
            Screen::People | Screen::Log => false,
        }
    }

    /// Reads one out-of-date screen that is not in view, so that showing it later reads
    /// nothing: the event loop calls it when no key is waiting. True when it read one (more
    /// may be left); false when none is left. A screen that cannot be read is left for its
    /// visit, which says why.
    pub fn prepare_unseen(&mut self) -> bool {
        if !self.unseen_stale {
            return false;
        }
        let next = [Screen::Today, Screen::Timeline, Screen::Gaps, Screen::Week]
            .into_iter()
            .find(|&screen| screen != self.screen && self.out_of_date(screen));
        let Some(screen) = next else {
            self.unseen_stale = false;
            return false;
        };
        if self.load_screen(screen).is_err() {
            self.unseen_stale = false;
        }
        true
    }

    /// Reads what Today, or an insight screen, shows, if it is out of date.
    pub(crate) fn load_screen(&mut self, screen: Screen) -> store::Result<()> {
        let today = self.store.today();
        match screen {
            Screen::Today if self.today.stale => {
                let week = TodayScreen::week_to_read(&self.store, today, self.config.week_start)?;
                self.today.load(
                    &self.store,
                    &self.people,
                    today,
                    &week,
                    self.config.thresholds(),
                )?;
                self.week.offer_current(today, &week);
                Ok(())
            }
            Screen::Timeline if !self.timeline.current => {
                self.timeline
                    .load(&self.store, today, self.config.week_start)?;
                self.timeline.read_ahead(&self.store)
            }
            Screen::Gaps if self.gaps.gaps.is_none() => {
                self.gaps.load(&self.store, today, &self.config)
            }
            Screen::Week if self.week.summary.is_none() || self.week.stale => {
                self.week.reload(&self.store)
            }
            _ => Ok(()),
        }
    }

    /// Weeks on the Week screen begin on this day (the config's `week_start`).
    pub fn set_week_start(&mut self, day: chrono::Weekday) {
        self.config.week_start = day;
        self.week.week_start = day;
        self.week.summary = None;
        self.timeline.journal_changed();
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
            Some(Overlay::Prep(_)) => Context::Prep,
            Some(Overlay::Search(_)) => Context::Search,
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

    pub(crate) fn complain(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
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
                    if let Some(screen) = super::render::tab_at(mouse.column) {
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
        if let Some(action) = keymap::action_for(context, key) {
            return self.update(action);
        }
        // Keys no binding claims are text for the field that has the focus.
        match context {
            Context::Log => self.log_text_key(key),
            Context::Form => {
                if let Some(Overlay::Form(form)) = &mut self.overlay {
                    form.handle_key(key);
                }
            }
            Context::WeekEdit => {
                self.week.handle_key(key);
            }
            Context::PeopleFilter if self.people_screen.filter.handle(key) => {
                self.people_screen.refilter(&self.people);
                self.refresh_detail();
            }
            Context::Search => {
                if let Some(Overlay::Search(panel)) = &mut self.overlay
                    && panel.input.handle(key)
                {
                    let worker = self.search_worker.get_or_insert_with(|| {
                        let wake = self.answer_wake.as_ref().and_then(|w| w.try_clone().ok());
                        self.worker_wakes = wake.is_some();
                        SearchWorker::start_waking(self.store.path(), self.store.clock(), wake)
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

    pub(crate) fn form_changed(&mut self) {
        self.draft_pending = Some(Instant::now());
    }

    /// Whether a search answer is awaited.
    pub fn searching(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::Search(panel)) if panel.waiting_for.is_some())
    }

    /// Has the search worker (started later) write a byte to `wake` whenever an answer is
    /// ready.
    pub fn wake_on_answers(&mut self, wake: UnixStream) {
        self.answer_wake = Some(wake);
    }

    /// When time alone next changes something [`App::tick`] does: a draft to write, a message
    /// to clear, or (only without a wake-up from the worker) a search answer to look for.
    /// `None` when only input can change anything.
    pub fn next_timed_work(&self, now: Instant) -> Option<Instant> {
        let draft = self.draft_pending.map(|since| since + DRAFT_DEBOUNCE);
        let status = self.status.as_ref().map(|s| s.since + STATUS_FOR);
        let search = (self.searching() && !self.worker_wakes).then(|| now + SEARCH_POLL);
        [draft, status, search].into_iter().flatten().min()
    }

    /// Time passing: takes search answers, writes a pending draft once typing pauses, and
    /// clears old messages.
    pub fn tick(&mut self, now: Instant) -> bool {
        let mut redraw = self.look_for_changes(now);
        if let (Some(Overlay::Search(panel)), Some(worker)) =
            (&mut self.overlay, &self.search_worker)
            && let Some(answer) = worker.newest_answer()
        {
            redraw |= panel.receive(answer);
        }
        if self
            .draft_pending
            .is_some_and(|since| now.duration_since(since) >= DRAFT_DEBOUNCE)
        {
            self.save_draft_now();
            redraw = true;
        }
        if self
            .status
            .as_ref()
            .is_some_and(|s| now.duration_since(s.since) >= STATUS_FOR)
        {
            self.status = None;
            redraw = true;
        }
        redraw
    }

    /// When the journal is next looked at for changes made by another Rapport.
    pub fn next_look(&self) -> Instant {
        self.next_look
    }

    /// Once a second: when another Rapport committed to the journal since the screens were
    /// read, reads them again (cursors and open forms stay as they are). Nothing is read when
    /// nothing changed.
    fn look_for_changes(&mut self, now: Instant) -> bool {
        if now < self.next_look {
            return false;
        }
        self.next_look = now + LOOK_FOR_CHANGES;
        let Ok(version) = self.store.data_version() else {
            return false;
        };
        let changed = self.seen_version != Some(version);
        self.seen_version = Some(version);
        if changed {
            self.reload_or_complain();
        }
        changed
    }

    /// Leaving for good (Ctrl-C, a signal): keep the form as a draft first.
    pub fn shutdown(&mut self) {
        self.save_draft_now();
        self.save_reflection_on_leaving();
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
                if matches!(self.overlay, Some(Overlay::Search(_) | Overlay::Prep(_))) {
                    self.behind_help = self.overlay.take();
                }
                self.overlay = Some(Overlay::Help(context, 0));
            }
            Action::GoTo(screen) => self.go_to(screen),
            Action::Search => self.overlay = Some(Overlay::Search(Box::default())),
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
                    (Some(Overlay::Help(_, scroll)), Action::Down) => {
                        *scroll = scroll.saturating_add(1);
                    }
                    (Some(Overlay::Help(_, scroll)), Action::Up) => {
                        *scroll = scroll.saturating_sub(1);
                    }
                    _ => self.overlay = self.behind_help.take(),
                },
                // Only an answer answers: a scroll or a stray key leaves the question open.
                Context::Confirm => match action {
                    Action::Yes => self.answer(true),
                    Action::No => self.answer(false),
                    _ => {}
                },
                Context::Form => return self.update_small_form(action),
                Context::Log => return self.update_log(action),
                Context::Today => self.update_today(action),
                Context::People | Context::PeopleFilter => self.update_people(action),
                Context::Timeline | Context::TimelineFilter => self.update_timeline(action),
                Context::Gaps => self.update_gaps(action),
                Context::Prep => self.update_prep(action),
                Context::Search => self.update_search(action),
                Context::Week => self.update_week(action),
                Context::WeekEdit => self.update_week_edit(action),
            },
        }
        Effect::None
    }

    pub(crate) fn go_to(&mut self, screen: Screen) {
        if self.screen == Screen::Week && screen != Screen::Week {
            self.save_reflection_on_leaving();
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
