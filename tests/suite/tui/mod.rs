//! Building the real `App` on a real journal for tests, typing into it, and drawing it.

#![allow(dead_code, unused_macros)] // each test file uses the part of the helpers it needs

use std::sync::Arc;

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone};
use rapport::demo::{self, DemoOptions};
use rapport::store::{Clock, Store};
use rapport::tui::app::App;
use rapport::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

pub struct Sizes;

impl Sizes {
    pub const BOTH: [(u16, u16); 2] = [(80, 24), (160, 48)];
}

/// Monday 23 November 2026, 09:30 local time: the clock every snapshot sees.
pub fn fixed_now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .expect("a valid date")
}

pub fn fixed_clock() -> Clock {
    let now = fixed_now();
    Arc::new(move || {
        Local
            .from_local_datetime(&now)
            .earliest()
            .expect("09:30 exists in every time zone")
    })
}

pub const LABEL: &str = "~/.local/share/rapport/demo.db";

pub fn open_store(dir: &TempDir) -> Store {
    Store::open_with_clock(&dir.path().join("journal.db"), fixed_clock())
        .expect("the journal opens")
}

/// The App on the default demo team (8 people, one year) at the fixed clock.
pub fn demo_app() -> (TempDir, App) {
    let dir = TempDir::new().expect("a temp dir");
    let mut store = open_store(&dir);
    demo::generate(&mut store, &DemoOptions::default(), fixed_now())
        .expect("the demo team is made");
    let app = App::new(store, Theme::new(true), LABEL.into()).expect("the app starts");
    (dir, app)
}

/// The App on the demo team in the given theme.
pub fn demo_app_in(theme: Theme) -> (TempDir, App) {
    let dir = TempDir::new().expect("a temp dir");
    let mut store = open_store(&dir);
    demo::generate(&mut store, &DemoOptions::default(), fixed_now())
        .expect("the demo team is made");
    let app = App::new(store, theme, LABEL.into()).expect("the app starts");
    (dir, app)
}

pub fn empty_app() -> (TempDir, App) {
    let dir = TempDir::new().expect("a temp dir");
    let store = open_store(&dir);
    let app = App::new(store, Theme::new(true), LABEL.into()).expect("the app starts");
    (dir, app)
}

pub fn press(app: &mut App, code: KeyCode) {
    press_mod(app, code, KeyModifiers::NONE);
}

pub fn press_mod(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let modifiers = match code {
        KeyCode::Char(c) if c.is_uppercase() => modifiers | KeyModifiers::SHIFT,
        _ => modifiers,
    };
    app.handle_key(KeyEvent::new(code, modifiers));
}

pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// Draws the app into a TestBackend of the given size and returns what a person would see.
pub fn screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| rapport::tui::render::render(app, frame))
        .expect("drawing never fails");
    terminal.backend().to_string()
}

/// Like [`screen`], followed by the styled stretches of each row (colour and emphasis),
/// so that a snapshot shows what only style tells: which pane has the focus, which row is
/// selected.
pub fn styled_screen(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| rapport::tui::render::render(app, frame))
        .expect("drawing never fails");
    let buffer = terminal.backend().buffer().clone();
    let mut text = terminal.backend().to_string();
    text.push_str("\nstyles:\n");
    for y in 0..height {
        let mut x = 0;
        while x < width {
            let style = buffer[(x, y)].style();
            let start = x;
            while x < width && buffer[(x, y)].style() == style {
                x += 1;
            }
            let unset = |c: Option<ratatui::style::Color>| {
                c.is_none_or(|c| c == ratatui::style::Color::Reset)
            };
            if !(unset(style.fg) && unset(style.bg) && style.add_modifier.is_empty()) {
                text.push_str(&format!(
                    "{y:>3} {start:>3}-{:<3} fg {:?} bg {:?} {:?}\n",
                    x - 1,
                    style.fg.unwrap_or_default(),
                    style.bg.unwrap_or_default(),
                    style.add_modifier
                ));
            }
        }
    }
    text
}

/// Lets time pass until the search worker has answered (the app takes answers on ticks).
pub fn settle(app: &mut App) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while app.searching() {
        assert!(
            std::time::Instant::now() < deadline,
            "the search never answered"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
        app.tick(std::time::Instant::now());
    }
}

/// Snapshots of the app at both sizes, named `{name}_{width}x{height}`. A macro, so that
/// the snapshots belong to the test file that takes them.
macro_rules! snapshot_both {
    ($name:expr, $app:expr) => {
        for (width, height) in tui::Sizes::BOTH {
            insta::assert_snapshot!(
                format!("{}_{width}x{height}", $name),
                tui::screen($app, width, height)
            );
        }
    };
}

/// Styled snapshots (see [`styled_screen`]) at both sizes.
macro_rules! styled_snapshot_both {
    ($name:expr, $app:expr) => {
        for (width, height) in tui::Sizes::BOTH {
            insta::assert_snapshot!(
                format!("{}_{width}x{height}", $name),
                tui::styled_screen($app, width, height)
            );
        }
    };
}

/// The status line's message, or "" when there is none.
pub fn status(app: &App) -> String {
    app.status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// On the Timeline: moves to the first loaded event that `wanted` picks, presses Enter, and
/// returns the event.
pub fn open_timeline_event(
    app: &mut App,
    wanted: impl Fn(&rapport::store::TimelineEvent) -> bool,
) -> rapport::store::TimelineEvent {
    let at = app
        .timeline
        .events
        .iter()
        .position(wanted)
        .expect("such an event on the loaded pages");
    let event = app.timeline.events[at].clone();
    for _ in 0..at {
        press(app, KeyCode::Char('j'));
    }
    press(app, KeyCode::Enter);
    event
}

/// Searches for `query`, moves to the first result of `kind`, presses Enter, and returns it.
pub fn open_search_hit(
    app: &mut App,
    query: &str,
    kind: rapport::store::HitKind,
) -> rapport::store::SearchHit {
    press(app, KeyCode::Char('/'));
    type_text(app, query);
    settle(app);
    let Some(rapport::tui::overlay::Overlay::Search(panel)) = &app.overlay else {
        panic!("search is open");
    };
    let at = panel
        .hits
        .iter()
        .position(|h| h.kind == kind)
        .unwrap_or_else(|| panic!("a {kind:?} result for {query:?}"));
    let hit = panel.hits[at].clone();
    for _ in 0..at {
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
    hit
}
