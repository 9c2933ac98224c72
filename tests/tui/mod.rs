//! Building the real `App` on a real journal for tests, typing into it, and drawing it.

#![allow(dead_code)] // each test file uses the part of the helpers it needs

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
