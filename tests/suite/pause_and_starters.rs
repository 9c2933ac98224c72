//! Leave silences promises, and nobody is a 1:1 before they start: a paused person's
//! follow-ups read "paused" and never slip, their concerns do not name the team's thinnest
//! need, and the calendar plans their first 1:1 back; someone starting later is not ranked
//! or logged as a 1:1 before their first day, and "never met" counts from the earliest sign
//! they were there.

use ratatui::crossterm::event::KeyCode;

use crate::common::{self, Journal};
use crate::tui::{press, screen};
use rapport::store::Store;
use rapport::tui::app::App;
use rapport::tui::theme::Theme;

fn app_on(journal: &Journal) -> App {
    let store = Store::open_with_clock(&journal.path, common::clock_at(common::now()))
        .expect("the journal opens");
    App::new(store, Theme::new(true), "journal.db".into()).expect("the app starts")
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).expect("valid JSON")
}

/// Runs `args` as if it were `now` (a local time such as "2026-11-16T10:00:00").
fn ok_at(journal: &Journal, now: &str, args: &[&str]) -> String {
    let mut command = journal.command(args);
    command.env("RAPPORT_NOW", now);
    let run = common::execute(&mut command, None);
    common::assert_ok(&run, args);
    run.stdout
}

/// Today is Monday 23 November. Priya went on leave on Monday 16 November until Monday 7
/// December; the course link promised her was due on Wednesday 18 November, during her
/// leave, and in her last 1:1 she raised a concern about security. Tom is here: his
/// promise, due the same day, slipped, and his last 1:1 met every need.
fn priya_on_leave() -> Journal {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Priya Raman"]);
    journal.ok(&["person", "add", "Tom Baker"]);
    journal.ok(&[
        "log",
        "Priya",
        "--when",
        "2026-11-13 10:00",
        "--summary",
        "Before the leave",
        "--need",
        "competence",
        "--need",
        "belonging",
        "--need",
        "autonomy",
        "--need",
        "fun",
        "--concern",
        "security:worried about the reorg",
    ]);
    journal.ok(&[
        "log",
        "Tom",
        "--when",
        "2026-11-20 10:00",
        "--summary",
        "All good",
        "--need",
        "competence",
        "--need",
        "belonging",
        "--need",
        "autonomy",
        "--need",
        "fun",
        "--need",
        "security",
    ]);
    journal.ok(&[
        "followup",
        "add",
        "Priya",
        "Send the course link",
        "--due",
        "2026-11-18",
    ]);
    journal.ok(&[
        "followup",
        "add",
        "Tom",
        "Book the offsite",
        "--due",
        "2026-11-18",
    ]);
    ok_at(
        &journal,
        "2026-11-16T10:00:00",
        &["person", "pause", "Priya", "--until", "2026-12-07"],
    );
    journal
}

#[test]
fn a_paused_persons_follow_ups_read_paused_and_never_slip() {
    let journal = priya_on_leave();
    let line_of = |text: &str, what: &str| {
        text.lines()
            .find(|l| l.contains(what))
            .unwrap_or_else(|| panic!("no line with {what} in {text}"))
            .to_string()
    };
    // `followup list` and `rapport today`: hers waits for her, his is late.
    for listed in [journal.ok(&["followup", "list"]), journal.ok(&["today"])] {
        let hers = line_of(&listed, "course link");
        assert!(
            hers.contains("paused") && !hers.contains("overdue"),
            "{hers}"
        );
        assert!(
            line_of(&listed, "offsite").contains("overdue 5d"),
            "{listed}"
        );
    }
    // Last week's slipped promises: Tom's only.
    let week = json(&journal.ok(&["week", "--week", "2026-W47", "--json"]));
    let slipped: Vec<&str> = week["slipped"]
        .as_array()
        .expect("slipped is a list")
        .iter()
        .filter_map(|f| f["text"].as_str())
        .collect();
    assert_eq!(slipped, ["Book the offsite"], "{week}");
    assert_eq!(week["follow_ups_slipped"]["this_week"], 1, "{week}");
    // The review counts her promise as open, due the day she is back, not late.
    let review = journal.ok(&["review", "Priya"]);
    assert!(
        review.contains("1 fell due: 0 kept on time, 0 late, 1 still open"),
        "{review}"
    );
    let review = journal.ok(&["review", "Tom"]);
    assert!(review.contains("0 kept on time, 1 late"), "{review}");

    // The TUI: Today's follow-ups and her People detail say "paused", never "due -5d".
    let mut app = app_on(&journal);
    let today = screen(&app, 120, 36);
    let hers = line_of(&today, "course link");
    assert!(hers.contains("paused") && !hers.contains("due -"), "{hers}");
    assert!(line_of(&today, "offsite").contains("due -5d"), "{today}");
    // People opens on the first name, hers.
    press(&mut app, KeyCode::Char('2'));
    let people = screen(&app, 120, 36);
    let hers = line_of(&people, "course link");
    assert!(
        hers.contains("· paused") && !hers.contains("! "),
        "{people}"
    );
}

#[test]
fn a_paused_persons_concern_does_not_name_the_teams_thinnest_need() {
    let journal = priya_on_leave();
    let today = json(&journal.ok(&["today", "--json"]));
    assert_ne!(today["needs"]["need"], "security", "{today}");
    let said = journal.ok(&["today"]);
    assert!(!said.contains("Security is the thinnest need"), "{said}");
    // Once she is back, her concern counts again.
    let back = ok_at(&journal, "2026-12-07T09:00:00", &["today"]);
    assert!(back.contains("Security is the thinnest need"), "{back}");
}
