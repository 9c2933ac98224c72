//! Today says only what is true, the same on the screen and in `rapport today` (text and
//! JSON): with nothing logged it does not claim that needs were met, and when nobody is due
//! soon it names who is next and when.

use crate::common;
use crate::tui::screen;

use common::Journal;
use rapport::store::Store;
use rapport::tui::app::App;
use rapport::tui::theme::Theme;
use serde_json::Value;

/// The TUI's Today on the journal the binary wrote, at the binary's clock.
fn today_screen(journal: &Journal) -> String {
    let store = Store::open_with_clock(&journal.path, common::clock_at(common::now()))
        .expect("the journal opens");
    let app = App::new(store, Theme::new(true), "journal.db".into()).expect("the app starts");
    // Wide enough that no sentence is cut: the wording is what is compared.
    screen(&app, 200, 50)
}

/// Rows of a screen joined into one line, so a wrapped sentence reads whole.
fn flat(shown: &str) -> String {
    shown
        .lines()
        .map(|row| row.replace('│', " "))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn nothing_logged_is_not_every_need_met() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Priya Raman"]);

    let text = journal.ok(&["today"]);
    let shown = screen_text(&journal);
    for surface in [&text, &shown] {
        assert!(!surface.contains("Every need has been met"), "{surface}");
        assert!(
            surface.contains("Nothing logged yet, so no need is known to be met."),
            "{surface}"
        );
        assert!(
            surface.contains("What do you want to be acknowledged for?"),
            "{surface}"
        );
    }
    let json: Value = serde_json::from_str(&journal.ok(&["today", "--json"])).unwrap();
    assert_eq!(json["needs"]["state"], "nothing_logged");
    assert_eq!(
        json["question"]["headline"],
        "Nothing logged yet, so no need is known to be met."
    );

    // One conversation that met no need: still not "met lately", and the needs are named.
    journal.ok(&["log", "Priya", "--summary", "first chat"]);
    let text = journal.ok(&["today"]);
    let shown = screen_text(&journal);
    for surface in [&text, &shown] {
        assert!(!surface.contains("Every need has been met"), "{surface}");
        assert!(
            surface.contains("No conversation has met any need yet (1 person)."),
            "{surface}"
        );
    }
}

#[test]
fn nobody_due_soon_names_who_is_next() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Priya Raman", "--cadence", "14"]);
    journal.ok(&["person", "add", "Tom Baker", "--cadence", "7"]);
    journal.ok(&["log", "Priya", "--summary", "caught up"]);
    journal.ok(&["log", "Tom", "--summary", "caught up"]);

    // 23 Nov 2026 is a Monday: Tom is due a week later, before Priya.
    let next = "Nobody is due for a 1:1 in the next 2 days. Next up: Tom Baker, next due Mon 30 Nov (in 7d).";
    let text = journal.ok(&["today"]);
    assert!(text.contains(next), "{text}");
    let shown = screen_text(&journal);
    assert!(shown.contains(next), "{shown}");

    let json: Value = serde_json::from_str(&journal.ok(&["today", "--json"])).unwrap();
    assert_eq!(json["due_for_one_on_one"], Value::Array(vec![]));
    assert_eq!(json["next_up"]["person"]["name"], "Tom Baker");
    assert_eq!(json["next_up"]["next_due"], "2026-11-30");
}

fn screen_text(journal: &Journal) -> String {
    flat(&today_screen(journal))
}
