//! The application state and the one function that changes it. Keys become actions in the
//! keymap; `App::update` applies them (and is the only place that writes to the journal);
//! rendering reads the state and nothing else.

use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{Event, KeyEvent, KeyEventKind, MouseButton, MouseEventKind};

use super::keymap::{self, Action, Context, Screen};
use super::screens::gaps::GapsScreen;
use super::screens::log_form::{DRAFT_FORM, Field, LogDraft, LogForm};
use super::screens::people::{DetailItem, Focus, PeopleScreen};
use super::screens::prep_sheet::PrepSheet;
use super::screens::search::SearchPanel;
use super::screens::small_form::{FormField, Purpose, SmallForm};
use super::screens::timeline::TimelineScreen;
use super::screens::today::{Panel, TodayScreen};
use super::screens::week::{WeekField, WeekScreen};
use super::search_worker::SearchWorker;
use super::theme::Theme;
use crate::config::Config;
use crate::domain::{
    AspirationStatus, Conversation, Invalid, Lean, Need, NewPerson, PersonPatch, parse_date,
};
use crate::insights::prep;
use crate::store::{self, EventKind, HitKind, NewAspiration, PersonSummary, Store};

/// How long typing must pause before the form is written to the draft table.
pub const DRAFT_DEBOUNCE: Duration = Duration::from_millis(400);
/// How long a status message stays.
const STATUS_FOR: Duration = Duration::from_secs(5);
/// How often an outstanding search is looked for when its worker cannot wake the event loop
/// (an app driven without one, as the tests drive it).
const SEARCH_POLL: Duration = Duration::from_millis(5);
const PAGE: isize = 10;

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
        person_id: i64,
        name: String,
        archive: bool,
    },
}

impl Question {
    pub fn text(&self) -> String {
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
        }
    }
}

pub enum Overlay {
    /// The keys of a context, scrolled down by this many lines.
    Help(Context, u16),
    Confirm(Question),
    Form(SmallForm),
    Prep(Box<PrepSheet>),
    Search(Box<SearchPanel>),
}

/// Something written in the journal that a screen can show: where Enter on a timeline event
/// or a search result goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Opens the conversation in the Log form.
    Conversation(i64),
    /// Selects the person on People, and the aspiration or open follow-up when given.
    Person {
        person_id: i64,
        aspiration: Option<i64>,
        follow_up: Option<i64>,
    },
    /// The reflection of an ISO week (`2026-W47`).
    Week(String),
}

/// Work the event loop does for the app outside the terminal (the app never touches it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// Open the leader's editor on this text; the answer comes back through
    /// [`App::editor_returned`].
    OpenEditor(String),
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
    search_worker: Option<SearchWorker>,
    /// Written to by the search worker when an answer is ready, so the event loop can sleep
    /// until then instead of polling.
    answer_wake: Option<UnixStream>,
    /// Whether the running worker got its copy of `answer_wake` (a copy can fail to open).
    worker_wakes: bool,
    /// The search or prep sheet the help was opened over, shown again when it closes.
    behind_help: Option<Overlay>,
    /// When the form last changed without being written as a draft yet.
    draft_pending: Option<Instant>,
    pub draft_saved_at: Option<Instant>,
}

impl App {
    /// The app with the default settings.
    pub fn new(store: Store, theme: Theme, journal_label: String) -> store::Result<App> {
        App::with_config(store, theme, journal_label, Config::default())
    }

    pub fn with_config(
        store: Store,
        theme: Theme,
        journal_label: String,
        config: Config,
    ) -> store::Result<App> {
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

    fn load_draft(&self) -> Option<LogDraft> {
        let body = self.store.draft(DRAFT_FORM).ok().flatten()?;
        serde_json::from_str(&body).ok()
    }

    /// Re-reads what the screens show; called after every change to the journal.
    pub fn reload(&mut self) -> store::Result<()> {
        let today = self.store.today();
        self.people = self.store.people_summaries(true)?;
        self.today.load(&self.store, &self.people, today)?;
        self.people_screen.today = Some(today);
        self.people_screen.refilter(&self.people);
        self.people_screen
            .load_detail(&self.store, &self.people, true)?;
        self.log.refresh_matches(&self.people);
        // The insight screens read more of the journal: only the one in view is read now,
        // the other when it is next shown.
        self.timeline.journal_changed();
        self.gaps.gaps = None;
        self.week.stale = true;
        self.load_screen(self.screen)
    }

    /// Reads what an insight screen shows, if it is out of date.
    fn load_screen(&mut self, screen: Screen) -> store::Result<()> {
        let today = self.store.today();
        match screen {
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

    pub fn is_empty_journal(&self) -> bool {
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

    pub fn say(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            error: false,
            since: Instant::now(),
        });
    }

    fn complain(&mut self, text: impl Into<String>) {
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
            Context::Log if self.log.handle_key(key, &self.people) => self.form_changed(),
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

    fn form_changed(&mut self) {
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
        let mut redraw = false;
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

    /// Writes the Log form to the draft table now, if it holds anything unsaved.
    pub fn save_draft_now(&mut self) {
        self.draft_pending = None;
        if !self.log.changed {
            return;
        }
        let body = match serde_json::to_string(&self.log.to_draft()) {
            Ok(body) => body,
            Err(_) => return,
        };
        match self.store.save_draft(DRAFT_FORM, &body) {
            Ok(()) => self.draft_saved_at = Some(Instant::now()),
            Err(e) => self.complain(format!("The draft could not be kept: {e}")),
        }
    }

    /// Leaving for good (Ctrl-C, a signal): keep the form as a draft first.
    pub fn shutdown(&mut self) {
        self.save_draft_now();
        self.save_reflection_on_leaving();
        self.quit = true;
    }

    pub fn editor_returned(&mut self, result: Result<String, String>) {
        match result {
            Ok(text) => {
                if text != self.log.notes_text() {
                    self.log.set_notes(&text);
                    self.form_changed();
                }
            }
            Err(message) => self.complain(message),
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> Effect {
        match action {
            Action::ForceQuit => self.shutdown(),
            Action::Quit => self.quit = true,
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

    fn go_to(&mut self, screen: Screen) {
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

    fn answer(&mut self, yes: bool) {
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
                    self.log = LogForm::from_draft(&draft);
                    self.log.refresh_matches(&self.people);
                    self.previous_screen = Screen::Today;
                    self.screen = Screen::Log;
                }
                _ => self.discard_log(),
            },
            Question::Archive {
                person_id,
                name,
                archive,
            } if yes => {
                let patch = PersonPatch {
                    archived: Some(archive),
                    ..PersonPatch::default()
                };
                match self.store.edit_person(person_id, &patch) {
                    Ok(_) if archive => self.say(format!("Archived {name}.")),
                    Ok(_) => self.say(format!("{name} is back.")),
                    Err(e) => self.complain(e.to_string()),
                }
                self.reload_or_complain();
            }
            Question::Archive { .. } => {}
        }
    }

    fn discard_log(&mut self) {
        self.log = LogForm::default();
        self.log.refresh_matches(&self.people);
        self.draft_pending = None;
        if let Err(e) = self.store.discard_draft(DRAFT_FORM) {
            self.complain(e.to_string());
        }
    }

    fn reload_or_complain(&mut self) {
        if let Err(e) = self.reload() {
            self.complain(format!("Could not read the journal: {e}"));
        }
    }

    fn refresh_detail(&mut self) {
        if let Err(e) = self
            .people_screen
            .load_detail(&self.store, &self.people, false)
        {
            self.complain(e.to_string());
        }
    }

    /// Opens the Log form for a person, with needs already ticked.
    pub fn start_log(&mut self, person: Option<(i64, String)>, needs: &[Need]) {
        if self.log.changed {
            // Never overwrite unsaved work: go to it instead.
            self.go_to(Screen::Log);
            self.say("You have a conversation in progress; save it or press Esc first.");
            return;
        }
        self.log = LogForm::for_person(person, needs);
        self.log.refresh_matches(&self.people);
        self.go_to(Screen::Log);
    }

    fn update_today(&mut self, action: Action) {
        match action {
            Action::Down => self.today.move_selection(1),
            Action::Up => self.today.move_selection(-1),
            Action::Left => self.today.panel = Panel::Due,
            Action::Right => self.today.panel = Panel::FollowUps,
            Action::Activate => match (self.today.panel, self.today.selected_person()) {
                (Panel::Due, Some(entry)) => {
                    let person = (entry.person_id, entry.name.clone());
                    self.start_log(Some(person), &[]);
                }
                (Panel::FollowUps, _) => {
                    self.follow_up_done(self.today.selected_follow_up().map(|f| f.id))
                }
                _ => {}
            },
            Action::FollowUpDone => {
                if self.today.panel != Panel::FollowUps {
                    self.today.panel = Panel::FollowUps;
                    self.say("Choose a follow-up with j/k, then press x.");
                } else {
                    self.follow_up_done(self.today.selected_follow_up().map(|f| f.id));
                }
            }
            Action::LogConversation => self.start_log(None, &[]),
            Action::AddPerson => self.open_person_form(None),
            Action::Prep => {
                let person = match self.today.panel {
                    Panel::Due => self.today.selected_person().map(|e| e.person_id),
                    Panel::FollowUps => self.today.selected_follow_up().map(|f| f.person_id),
                };
                self.open_prep(person);
            }
            _ => {}
        }
    }

    fn follow_up_done(&mut self, id: Option<i64>) {
        let Some(id) = id else {
            return;
        };
        match self.store.set_follow_up_done(id, true) {
            Ok(item) => self.say(format!("Done: {}", crate::cli::safe_line(&item.text))),
            Err(e) => self.complain(e.to_string()),
        }
        self.reload_or_complain();
    }

    fn selected_person(&self) -> Option<&PersonSummary> {
        self.people_screen
            .selected_index()
            .and_then(|i| self.people.get(i))
    }

    fn update_people(&mut self, action: Action) {
        let screen = &mut self.people_screen;
        match action {
            Action::Down => screen.move_selection(1),
            Action::Up => screen.move_selection(-1),
            Action::PageDown => screen.move_selection(PAGE),
            Action::PageUp => screen.move_selection(-PAGE),
            Action::Top => screen.move_selection(-isize::MAX),
            Action::Bottom => screen.move_selection(isize::MAX),
            Action::Right
                if screen
                    .detail
                    .as_ref()
                    .is_some_and(|d| !d.items().is_empty()) =>
            {
                screen.focus = Focus::Detail;
            }
            Action::Left => screen.focus = Focus::List,
            Action::Filter => screen.filtering = true,
            Action::Close => screen.filtering = false,
            Action::No => {
                screen.filtering = false;
                screen.filter.clear();
                screen.refilter(&self.people);
            }
            Action::ToggleArchived => {
                screen.show_archived = !screen.show_archived;
                screen.refilter(&self.people);
            }
            Action::AddPerson => self.open_person_form(None),
            Action::EditPerson => {
                if let Some(id) = self.selected_person().map(|p| p.person.id) {
                    self.open_person_form(Some(id));
                }
            }
            Action::ArchivePerson => {
                if let Some(p) = self.selected_person() {
                    self.overlay = Some(Overlay::Confirm(Question::Archive {
                        person_id: p.person.id,
                        name: p.person.name.clone(),
                        archive: !p.person.archived,
                    }));
                }
            }
            Action::AddAspiration => {
                if let Some(p) = self.selected_person() {
                    let form = SmallForm::new(
                        format!("New aspiration for {}", p.person.name),
                        Purpose::AddAspiration(p.person.id),
                        vec![
                            FormField::text("title", "Title", ""),
                            FormField::text("detail", "Detail", ""),
                            FormField::text("horizon", "Horizon", ""),
                            FormField::choice("status", "Status", status_words(), "exploring"),
                        ],
                    );
                    self.overlay = Some(Overlay::Form(form));
                }
            }
            Action::UpdateAspiration => self.open_aspiration_update(),
            Action::FollowUpDone => {
                let id = match (
                    self.people_screen.selected_item(),
                    &self.people_screen.detail,
                ) {
                    (Some(DetailItem::FollowUp(i)), Some(detail)) => {
                        detail.follow_ups.get(i).map(|f| f.id)
                    }
                    _ => None,
                };
                match id {
                    Some(id) => self.follow_up_done(Some(id)),
                    None => self.say("Move into the detail (→) and choose a follow-up first."),
                }
            }
            Action::Activate => self.activate_person(),
            Action::Prep => self.open_prep(self.selected_person().map(|p| p.person.id)),
            Action::PersonTimeline => {
                let person = self
                    .selected_person()
                    .map(|p| (p.person.id, p.person.name.clone()));
                self.show_timeline_of(person);
            }
            _ => {}
        }
        if self.people_screen.focus == Focus::List {
            self.refresh_detail();
        }
    }

    fn activate_person(&mut self) {
        let item = self.people_screen.selected_item();
        let detail = self.people_screen.detail.as_ref();
        match (item, detail) {
            (Some(DetailItem::Conversation(i)), Some(detail)) => {
                if let Some(conversation) = detail.conversations.get(i).cloned() {
                    self.edit_conversation(&conversation);
                }
            }
            (Some(DetailItem::Aspiration(_)), _) => self.open_aspiration_update(),
            (Some(DetailItem::FollowUp(i)), Some(detail)) => {
                let id = detail.follow_ups.get(i).map(|f| f.id);
                self.follow_up_done(id);
            }
            _ => {
                if let Some(p) = self.selected_person().filter(|p| !p.person.archived) {
                    let person = (p.person.id, p.person.name.clone());
                    self.start_log(Some(person), &[]);
                }
            }
        }
    }

    /// Opens a saved conversation in the Log form, unless another one is being written.
    fn edit_conversation(&mut self, conversation: &Conversation) {
        if self.log.changed {
            self.go_to(Screen::Log);
            self.say("You have a conversation in progress; save it or press Esc first.");
            return;
        }
        self.log = LogForm::for_conversation(conversation);
        self.log.refresh_matches(&self.people);
        self.go_to(Screen::Log);
    }

    fn open_prep(&mut self, person_id: Option<i64>) {
        let Some(person_id) = person_id else {
            self.say("Choose a person first.");
            return;
        };
        let today = self.store.today();
        match self.store.prep_rows(person_id, today) {
            Ok(rows) => {
                let sheet = PrepSheet::new(&prep::prepare(rows, today, &self.config));
                self.overlay = Some(Overlay::Prep(Box::new(sheet)));
            }
            Err(e) => self.complain(format!("Could not read the journal: {e}")),
        }
    }

    fn update_prep(&mut self, action: Action) {
        let Some(Overlay::Prep(sheet)) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Down => sheet.scroll_by(1),
            Action::Up => sheet.scroll_by(-1),
            Action::Close => self.overlay = None,
            Action::Activate => {
                let person = (sheet.person_id, sheet.name.clone());
                let needs = sheet.to_address.clone();
                self.overlay = None;
                self.start_log(Some(person), &needs);
            }
            _ => {}
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

    fn update_timeline(&mut self, action: Action) {
        let screen = &mut self.timeline;
        if screen.editing.is_some() {
            match action {
                Action::Save => {
                    let today = self.store.today();
                    if let Err(reason) = screen.apply_edit(&self.store, today) {
                        self.complain(reason);
                        return;
                    }
                }
                Action::Close => screen.editing = None,
                _ => {}
            }
        } else {
            match action {
                Action::Down => screen.move_selection(1),
                Action::Up => screen.move_selection(-1),
                Action::PageDown => screen.move_selection(PAGE),
                Action::PageUp => screen.move_selection(-PAGE),
                Action::Top => screen.move_selection(-isize::MAX),
                Action::Bottom => screen.move_selection(isize::MAX),
                Action::Filter => screen.start_editing(),
                Action::CycleNeed => screen.cycle_need(),
                Action::ClearFilter => screen.clear_filter(),
                Action::ToggleStrips => screen.strips_flipped = !screen.strips_flipped,
                Action::Activate => {
                    if let Some(target) = screen.selected_event().and_then(target_of_event) {
                        self.open_target(target);
                    }
                    return;
                }
                _ => {}
            }
        }
        let loaded = self
            .load_screen(Screen::Timeline)
            .and_then(|()| self.timeline.read_ahead(&self.store));
        if let Err(e) = loaded {
            self.complain(format!("Could not read the journal: {e}"));
        }
    }

    fn update_gaps(&mut self, action: Action) {
        if let Err(e) = self.load_screen(Screen::Gaps) {
            self.complain(format!("Could not read the journal: {e}"));
        }
        let screen = &mut self.gaps;
        match action {
            Action::Down => screen.move_row(1),
            Action::Up => screen.move_row(-1),
            Action::PageDown => screen.move_row(PAGE),
            Action::PageUp => screen.move_row(-PAGE),
            Action::Top => screen.move_row(-isize::MAX),
            Action::Bottom => screen.move_row(isize::MAX),
            Action::Left => screen.move_need(-1),
            Action::Right => screen.move_need(1),
            Action::Activate => {
                if let Some(row) = screen.selected_row() {
                    let person = (row.person_id, row.name.clone());
                    let need = screen.selected_need();
                    self.start_log(Some(person), &[need]);
                }
            }
            Action::Prep => {
                let person = screen.selected_row().map(|r| r.person_id);
                self.open_prep(person);
            }
            Action::PersonTimeline => {
                let person = screen.selected_row().map(|r| (r.person_id, r.name.clone()));
                self.show_timeline_of(person);
            }
            _ => {}
        }
    }

    fn update_search(&mut self, action: Action) {
        let Some(Overlay::Search(panel)) = &mut self.overlay else {
            return;
        };
        match action {
            Action::Down => panel.move_selection(1),
            Action::Up => panel.move_selection(-1),
            Action::Close => self.overlay = None,
            Action::Activate if panel.waiting_for.is_some() => {
                // The results shown belong to an earlier query: not what Enter means.
                self.say("Still searching: Enter again in a moment.");
            }
            Action::Activate => {
                if let Some(target) = panel.selected_hit().and_then(target_of_hit) {
                    self.overlay = None;
                    self.open_target(target);
                }
            }
            _ => {}
        }
    }

    /// Shows an item where it lives.
    pub fn open_target(&mut self, target: Target) {
        match target {
            Target::Conversation(id) => match self.store.conversation(id) {
                Ok(conversation) => self.edit_conversation(&conversation),
                Err(e) => self.complain(e.to_string()),
            },
            Target::Person {
                person_id,
                aspiration,
                follow_up,
            } => self.show_person(person_id, aspiration, follow_up),
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

    /// Selects a person on People (bringing archived people into view when needed), and
    /// one of their aspirations or open follow-ups.
    fn show_person(&mut self, person_id: i64, aspiration: Option<i64>, follow_up: Option<i64>) {
        let Some(index) = self.people.iter().position(|p| p.person.id == person_id) else {
            self.complain("That person is no longer in the journal.");
            return;
        };
        let screen = &mut self.people_screen;
        if self.people[index].person.archived {
            screen.show_archived = true;
        }
        screen.filtering = false;
        screen.filter.clear();
        screen.refilter(&self.people);
        screen.selected = screen.visible.iter().position(|&i| i == index).unwrap_or(0);
        screen.focus = Focus::List;
        self.refresh_detail();
        let screen = &mut self.people_screen;
        if let Some(detail) = &screen.detail {
            let item = detail.items().into_iter().position(|item| match item {
                DetailItem::Aspiration(i) => {
                    aspiration.is_some() && detail.aspirations.get(i).map(|a| a.id) == aspiration
                }
                DetailItem::FollowUp(i) => {
                    follow_up.is_some() && detail.follow_ups.get(i).map(|f| f.id) == follow_up
                }
                DetailItem::Conversation(_) => false,
            });
            if let Some(item) = item {
                screen.focus = Focus::Detail;
                screen.detail_selected = item;
            }
        }
        self.go_to(Screen::People);
    }

    fn open_aspiration_update(&mut self) {
        let aspiration = match (
            self.people_screen.selected_item(),
            &self.people_screen.detail,
        ) {
            (Some(DetailItem::Aspiration(i)), Some(detail)) => detail.aspirations.get(i),
            _ => None,
        };
        let Some(aspiration) = aspiration else {
            self.say("Move into the detail (→) and choose an aspiration first.");
            return;
        };
        let form = SmallForm::new(
            format!(
                "Progress on \u{201c}{}\u{201d}",
                crate::cli::safe_line(&aspiration.title)
            ),
            Purpose::UpdateAspiration(aspiration.id),
            vec![
                FormField::choice("status", "Status", status_words(), aspiration.status.key()),
                FormField::text("note", "Note", ""),
            ],
        );
        self.overlay = Some(Overlay::Form(form));
    }

    fn open_person_form(&mut self, id: Option<i64>) {
        let person = id
            .and_then(|id| self.people.iter().find(|p| p.person.id == id))
            .map(|s| s.person.clone());
        let (title, purpose) = match &person {
            Some(p) => (format!("Edit {}", p.name), Purpose::EditPerson(p.id)),
            None => ("Add a person".to_string(), Purpose::AddPerson),
        };
        let p = person.unwrap_or_else(|| {
            crate::domain::Person::unsaved(0, "", crate::domain::DEFAULT_CADENCE_DAYS)
        });
        let started = p.started_on.map(|d| d.to_string()).unwrap_or_default();
        let form = SmallForm::new(
            title,
            purpose,
            vec![
                FormField::text("name", "Name", &p.name),
                FormField::text("role", "Role", &p.role),
                FormField::text("team", "Team", &p.team),
                FormField::text("cadence", "Every (days)", &p.cadence_days.to_string()),
                FormField::text("started", "Started on", &started),
                FormField::text("strengths", "Strengths", &p.strengths),
                FormField::text("motivations", "Motivations", &p.motivations),
                FormField::text("acknowledge_for", "Acknowledge for", &p.acknowledge_for),
                FormField::text("would_change", "Would change", &p.would_change),
                FormField::choice(
                    "roving",
                    "Roving leader",
                    vec!["no", "yes"],
                    if p.roving_leader { "yes" } else { "no" },
                ),
            ],
        );
        self.overlay = Some(Overlay::Form(form));
    }

    fn update_small_form(&mut self, action: Action) -> Effect {
        let Some(Overlay::Form(form)) = &mut self.overlay else {
            return Effect::None;
        };
        match action {
            Action::Close => self.overlay = None,
            Action::NextField if !form.is_last_field() => form.move_focus(true),
            Action::NextField | Action::Save => self.submit_small_form(),
            Action::PrevField => form.move_focus(false),
            _ => {}
        }
        Effect::None
    }

    fn submit_small_form(&mut self) {
        let Some(Overlay::Form(mut form)) = self.overlay.take() else {
            return;
        };
        let today = self.store.today();
        let result: Result<String, (&'static str, String)> = (|| match form.purpose {
            Purpose::AddPerson | Purpose::EditPerson(_) => {
                let cadence: u32 = form
                    .get("cadence")
                    .trim()
                    .parse()
                    .map_err(|_| ("cadence", "a whole number of days, 1 to 365".to_string()))?;
                let started = match form.get("started").trim() {
                    "" => None,
                    text => Some(
                        parse_date(text, today, Lean::Past)
                            .map_err(|e| ("started", e.to_string()))?,
                    ),
                };
                let outcome = if let Purpose::EditPerson(id) = form.purpose {
                    let patch = PersonPatch {
                        name: Some(form.get("name").to_string()),
                        role: Some(form.get("role").to_string()),
                        team: Some(form.get("team").to_string()),
                        started_on: Some(started),
                        cadence_days: Some(cadence),
                        strengths: Some(form.get("strengths").to_string()),
                        motivations: Some(form.get("motivations").to_string()),
                        acknowledge_for: Some(form.get("acknowledge_for").to_string()),
                        would_change: Some(form.get("would_change").to_string()),
                        roving_leader: Some(form.get("roving") == "yes"),
                        archived: None,
                    };
                    self.store
                        .edit_person(id, &patch)
                        .map(|p| format!("Saved {}.", p.name))
                } else {
                    let new = NewPerson {
                        name: form.get("name").to_string(),
                        role: form.get("role").to_string(),
                        team: form.get("team").to_string(),
                        started_on: started,
                        cadence_days: Some(cadence),
                    };
                    self.store.add_person(&new).and_then(|p| {
                        let patch = PersonPatch {
                            strengths: Some(form.get("strengths").to_string()),
                            motivations: Some(form.get("motivations").to_string()),
                            acknowledge_for: Some(form.get("acknowledge_for").to_string()),
                            would_change: Some(form.get("would_change").to_string()),
                            roving_leader: Some(form.get("roving") == "yes"),
                            ..PersonPatch::default()
                        };
                        self.store
                            .edit_person(p.id, &patch)
                            .map(|p| format!("Added {}. Press Enter on them to log a 1:1.", p.name))
                    })
                };
                outcome.map_err(|e| (person_field_of(&e), e.to_string()))
            }
            Purpose::AddAspiration(person_id) => {
                let new = NewAspiration {
                    title: form.get("title").to_string(),
                    detail: form.get("detail").to_string(),
                    horizon: form.get("horizon").to_string(),
                    status: form
                        .get("status")
                        .parse()
                        .unwrap_or(AspirationStatus::Exploring),
                };
                self.store
                    .add_aspiration(person_id, &new)
                    .map(|a| format!("Aspiration added: {}", crate::cli::safe_line(&a.title)))
                    .map_err(|e| ("title", e.to_string()))
            }
            Purpose::UpdateAspiration(id) => {
                let status: Option<AspirationStatus> = form.get("status").parse().ok();
                self.store
                    .update_aspiration(id, status, form.get("note"), None)
                    .map(|a| format!("Progress noted on {}.", crate::cli::safe_line(&a.title)))
                    .map_err(|e| ("note", e.to_string()))
            }
        })();
        match result {
            Ok(message) => {
                self.say(message);
                self.reload_or_complain();
                if let Purpose::AddPerson = form.purpose {
                    // Select the newcomer so Enter logs a 1:1 with them.
                    if let Some(at) = self.people_screen.visible.iter().position(|&i| {
                        self.people.get(i).is_some_and(|p| {
                            p.person.name.eq_ignore_ascii_case(form.get("name").trim())
                        })
                    }) {
                        self.people_screen.selected = at;
                        self.refresh_detail();
                    }
                }
            }
            Err((field, message)) => {
                form.refuse(field, message);
                self.overlay = Some(Overlay::Form(form));
            }
        }
    }

    fn update_log(&mut self, action: Action) -> Effect {
        match action {
            Action::Save => self.save_log(),
            Action::NextField => self.log.move_focus(true),
            Action::PrevField => self.log.move_focus(false),
            Action::ToggleNeed(need) => {
                self.log.toggle_need(need);
                self.form_changed();
            }
            Action::OpenEditor => {
                self.log.focus = Field::Notes;
                return Effect::OpenEditor(self.log.notes_text());
            }
            Action::Close if self.log.changed => {
                self.save_draft_now();
                self.overlay = Some(Overlay::Confirm(Question::DiscardLog));
            }
            Action::Close => {
                // Nothing typed: leave no half-chosen person or opened conversation behind
                // for the next time Log opens.
                self.log = LogForm::default();
                self.log.refresh_matches(&self.people);
                self.go_to(self.previous_screen);
            }
            _ => {}
        }
        Effect::None
    }

    fn save_log(&mut self) {
        let now = self.store.local_now();
        let input = match self.log.to_input(now) {
            Ok(input) => input,
            Err(errors) => {
                if let Some((field, _)) = errors.first() {
                    self.log.focus = *field;
                }
                self.log.errors = errors;
                self.complain("Not saved: see the marked fields.");
                return;
            }
        };
        let saved = match self.log.editing {
            Some(id) => self.store.update_conversation(id, &input),
            None => self.store.save_conversation(&input),
        };
        match saved {
            Ok(_) => {
                let name = self
                    .log
                    .person
                    .as_ref()
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                let verb = if self.log.editing.is_some() {
                    "Updated the conversation with"
                } else {
                    "Logged a conversation with"
                };
                self.discard_log();
                self.say(format!("{verb} {name}."));
                self.reload_or_complain();
                self.go_to(self.previous_screen);
            }
            Err(store::Error::Invalid(invalid)) => {
                let field = LogForm::field_of(&invalid);
                self.log.focus = field;
                self.log.errors = vec![(field, invalid.to_string())];
                self.complain("Not saved: see the marked field.");
            }
            Err(e) => {
                // The form stays as it is (and in the draft table) so nothing is lost.
                self.save_draft_now();
                self.complain(format!("Not saved, your text is kept: {e}"));
            }
        }
    }
}

/// Where a timeline event opens: its conversation when it came from one, else its person
/// (or its week, for a reflection).
fn target_of_event(event: &store::TimelineEvent) -> Option<Target> {
    let person = |follow_up: Option<i64>| {
        event.person_id.map(|person_id| Target::Person {
            person_id,
            aspiration: None,
            follow_up,
        })
    };
    match event.kind {
        EventKind::Conversation => Some(Target::Conversation(event.id)),
        EventKind::Reflection => event.week.clone().map(Target::Week),
        EventKind::FollowUpMade | EventKind::FollowUpDone => person(Some(event.id)),
        _ => event
            .conversation_id
            .map(Target::Conversation)
            .or_else(|| person(None)),
    }
}

/// Where a search result opens.
fn target_of_hit(hit: &store::SearchHit) -> Option<Target> {
    let person = |aspiration: Option<i64>| {
        hit.person_id.map(|person_id| Target::Person {
            person_id,
            aspiration,
            follow_up: None,
        })
    };
    match hit.kind {
        HitKind::Conversation | HitKind::Need | HitKind::Tag => {
            Some(Target::Conversation(hit.item_id))
        }
        HitKind::Aspiration | HitKind::AspirationUpdate => person(Some(hit.item_id)),
        HitKind::Acknowledgement | HitKind::Idea => person(None),
        HitKind::Reflection => Some(Target::Week(crate::domain::iso_week_label(hit.date))),
    }
}

impl App {
    fn update_week(&mut self, action: Action) {
        if let Err(e) = self.load_screen(Screen::Week) {
            self.complain(format!("Could not read the week: {e}"));
            return;
        }
        let shown = self.week.shown();
        let target = match action {
            Action::Left => Some(shown.previous()),
            Action::Right if self.week.is_current() => {
                self.say("This is the current week; later ones have not happened yet.");
                None
            }
            Action::Right => Some(shown.next()),
            Action::ThisWeek => Some(self.week.current()),
            Action::Activate => {
                self.week.start_editing(WeekField::WentWell);
                None
            }
            Action::EditBalance => {
                self.week.start_editing(WeekField::Pole(0));
                None
            }
            _ => None,
        };
        if let Some(week) = target
            && let Err(e) = self.week.load(&self.store, week)
        {
            self.complain(format!("Could not read the week: {e}"));
        }
    }

    fn update_week_edit(&mut self, action: Action) {
        match action {
            Action::Save => self.save_reflection(),
            Action::NextField => self.week.move_focus(true),
            Action::PrevField => self.week.move_focus(false),
            Action::Close if self.week.edit.as_ref().is_some_and(|e| e.changed) => {
                self.overlay = Some(Overlay::Confirm(Question::DiscardReflection));
            }
            Action::Close => self.week.edit = None,
            _ => {}
        }
    }

    /// Writes the reflection being edited; on success editing ends, on failure it stays
    /// open with every word kept.
    fn save_reflection(&mut self) {
        let Some(edit) = &self.week.edit else {
            return;
        };
        if !edit.changed {
            self.week.edit = None;
            return;
        }
        let week = edit.week.clone();
        match self.store.save_reflection(&week.label, &edit.to_text()) {
            Ok(_) => {
                self.week.edit = None;
                self.say(format!("Saved your reflection on week {}.", week.number()));
                if let Err(e) = self.week.load(&self.store, week) {
                    self.complain(format!("Could not read the week: {e}"));
                }
            }
            Err(e) => self.complain(format!("Not saved, your text is kept: {e}")),
        }
    }

    /// Leaving the Week screen (or Rapport) while writing keeps what was written.
    fn save_reflection_on_leaving(&mut self) {
        if self.week.editing() {
            self.save_reflection();
        }
    }
}

fn status_words() -> Vec<&'static str> {
    AspirationStatus::ALL.iter().map(|s| s.key()).collect()
}

/// Which profile field a refusal belongs to.
fn person_field_of(error: &store::Error) -> &'static str {
    match error {
        store::Error::Invalid(Invalid::Cadence(_)) => "cadence",
        store::Error::Invalid(
            Invalid::TooLong { what: "role", .. } | Invalid::NotOneLine("role"),
        ) => "role",
        store::Error::Invalid(
            Invalid::TooLong { what: "team", .. } | Invalid::NotOneLine("team"),
        ) => "team",
        _ => "name",
    }
}
