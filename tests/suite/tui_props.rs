//! Random key sequences on every screen, drawn at every size from 20×5 to 200×60, never
//! panic: whatever a person (or a cat on the keyboard) types, Rapport keeps running.

use crate::tui;

use std::sync::OnceLock;

use proptest::prelude::*;
use rapport::demo::{self, DemoOptions};
use rapport::store::Store;
use rapport::tui::app::App;
use rapport::tui::render::{MIN_HEIGHT, MIN_WIDTH};
use rapport::tui::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tempfile::TempDir;

/// One demo journal made once and kept in memory (so no folder outlives the run); each
/// case works on its own copy.
fn template() -> &'static [u8] {
    static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = TempDir::new().expect("a temp dir");
        let path = dir.path().join("template.db");
        let mut store =
            Store::open_with_clock(&path, tui::fixed_clock()).expect("the journal opens");
        demo::generate(&mut store, &DemoOptions::default(), tui::fixed_now()).expect("demo");
        // Closing the last connection folds the WAL into the file.
        drop(store);
        std::fs::read(&path).expect("the demo journal")
    })
}

fn key() -> impl Strategy<Value = KeyEvent> {
    let codes = prop_oneof![
        4 => any::<char>().prop_filter("printable", |c| !c.is_control()).prop_map(KeyCode::Char),
        3 => prop::sample::select(vec!['1', '2', '3', '4', '5', '6', '/', '?', 'q', 'j', 'k', 'h', 'l', 'x', 'a', 'e', 'A', 's', 'u', 'f', '.', 'n', 'y', 'G', 'g', 'p', 't', 'c', 'b', '0']).prop_map(KeyCode::Char),
        3 => prop::sample::select(vec![
            KeyCode::Enter, KeyCode::Tab, KeyCode::BackTab, KeyCode::Esc, KeyCode::Backspace,
            KeyCode::Delete, KeyCode::Left, KeyCode::Right, KeyCode::Up, KeyCode::Down,
            KeyCode::Home, KeyCode::End, KeyCode::PageUp, KeyCode::PageDown, KeyCode::F(1),
        ]),
    ];
    let modifiers = prop::sample::select(vec![
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::NONE,
        KeyModifiers::SHIFT,
        KeyModifiers::ALT,
        KeyModifiers::CONTROL,
    ]);
    (codes, modifiers)
        // Ctrl-E would open a real editor and Ctrl-C quits: both are tested elsewhere.
        .prop_filter("no editor, no quit", |(code, m)| {
            !(m.contains(KeyModifiers::CONTROL) && matches!(code, KeyCode::Char('e' | 'c')))
        })
        .prop_map(|(code, modifiers)| KeyEvent::new(code, modifiers))
}

/// The rows a person would see, each exactly as wide as the terminal.
fn drawn_rows(app: &App, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|frame| rapport::tui::render::render(app, frame))
        .expect("drawing never fails");
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let row: String = (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            row
        })
        .collect()
}

proptest! {
    // Each case drives the whole interface through up to 60 keys at up to three sizes:
    // a few dozen by default, many more under RAPPORT_SOAK=1.
    #![proptest_config(ProptestConfig {
        cases: if crate::common::soak() { 192 } else { 24 },
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_keys_never_panic(
        start in prop::sample::select(vec!['1', '2', '3', '4', '5', '6', '/']),
        keys in prop::collection::vec(key(), 1..60),
        sizes in prop::collection::vec((20u16..=200, 5u16..=60), 1..4),
    ) {
        let dir = TempDir::new().expect("a temp dir");
        let path = dir.path().join("journal.db");
        std::fs::write(&path, template()).expect("a copy of the demo journal");
        let store = Store::open_with_clock(&path, tui::fixed_clock()).expect("the journal opens");
        let mut app = App::new(store, Theme::new(true), tui::LABEL.into()).expect("the app starts");
        tui::press(&mut app, KeyCode::Char(start));
        for (i, key) in keys.into_iter().enumerate() {
            if app.quit {
                break;
            }
            app.handle_key(key);
            let (width, height) = sizes[i % sizes.len()];
            let rows = drawn_rows(&app, width, height);
            prop_assert_eq!(rows.len(), usize::from(height));
            let whole = rows.concat();
            if width < MIN_WIDTH || height < MIN_HEIGHT {
                // Too small to be useful: it says so and draws nothing else.
                prop_assert!(whole.contains("Rapport"), "{rows:#?}");
                prop_assert!(!whole.contains("1 Today"), "{rows:#?}");
            } else {
                // Whatever is open, the tabs stay on top and the status line at the bottom.
                prop_assert!(
                    rows[0].starts_with(" 1 Today   2 People   3 Log   4 Timeline   5 Gaps   6 Week"),
                    "{rows:#?}"
                );
                let status = &rows[rows.len() - 1];
                prop_assert!(!status.trim().is_empty(), "an empty status line: {rows:#?}");
            }
        }
    }
}
