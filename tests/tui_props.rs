//! Random key sequences on every screen, drawn at every size from 20×5 to 200×60, never
//! panic: whatever a person (or a cat on the keyboard) types, Rapport keeps running.

mod tui;

use std::sync::OnceLock;

use proptest::prelude::*;
use rapport::demo::{self, DemoOptions};
use rapport::store::Store;
use rapport::tui::app::App;
use rapport::tui::theme::Theme;
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

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
            let drawn = tui::screen(&app, width, height);
            prop_assert!(!drawn.is_empty());
        }
    }
}
