//! Feedback to me on the Week screen (issue 31): a journal where the leader's self-rating and
//! what people said disagree shows the difference on the screen and in `rapport week --json`,
//! the same figure from the same summary; snapshots at 80×24 and 200×50.

use crate::common;
use crate::tui;

use rapport::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use tempfile::TempDir;
use tui::{demo_app, press, screen};

/// Runs the real binary on the app's journal at the snapshots' clock.
fn rapport(dir: &TempDir, args: &[&str]) -> common::Run {
    let mut command = std::process::Command::new(common::BIN);
    common::isolate(&mut command)
        .env(
            "RAPPORT_NOW",
            tui::fixed_now().format("%Y-%m-%dT%H:%M:%S").to_string(),
        )
        .env("HOME", dir.path().join("home"))
        .arg("--db")
        .arg(dir.path().join("journal.db"))
        .args(args);
    let run = common::execute(&mut command, None);
    assert_eq!(run.code, 0, "{args:?}: {run:?}");
    run
}

/// The demo journal where the leader rates this week "more leading" on directing ↔ serving,
/// and two people said the leader directs.
fn disagreeing_week() -> (TempDir, App) {
    let (dir, app) = demo_app();
    drop(app);
    let names = common::rows(
        &dir.path().join("journal.db"),
        "SELECT name FROM person WHERE NOT archived ORDER BY name LIMIT 2",
    );
    let (first, second) = (&names[0], &names[1]);
    rapport(
        &dir,
        &[
            "reflect",
            "--directing-serving",
            "4",
            "--went-well",
            "the offsite plan landed",
        ],
    );
    rapport(
        &dir,
        &[
            "feedback",
            "add",
            first,
            "You decide before we have spoken",
            "--about",
            "directing",
        ],
    );
    rapport(
        &dir,
        &[
            "feedback",
            "add",
            second,
            "I wait for your call on everything",
            "--about",
            "directing",
            "--need",
            "autonomy",
        ],
    );
    let store = tui::open_store(&dir);
    let app = App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        tui::LABEL.into(),
    )
    .expect("the app starts");
    (dir, app)
}

#[test]
fn a_self_rating_people_disagree_with_shows_on_week_and_in_week_json() {
    let (dir, mut app) = disagreeing_week();
    press(&mut app, KeyCode::Char('6'));
    let drawn = screen(&app, 120, 36);
    assert!(
        drawn.contains("2 this week · 1 pair seen differently"),
        "the headline:\n{drawn}"
    );
    let directing = drawn
        .lines()
        .find(|l| l.contains("directing") && l.contains("serving") && l.contains("they"))
        .unwrap_or_else(|| panic!("the pair's row:\n{drawn}"));
    assert!(
        directing.contains("──┼●─ 4") && directing.contains("they ●─┼── ≠"),
        "you 4, they placed you at 1, seen differently: {directing}"
    );
    assert!(
        drawn.contains("“I wait for your call on everything” — "),
        "{drawn}"
    );

    let run = rapport(&dir, &["week", "--json"]);
    let week: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let pair = &week["feedback"]["pairs"][5];
    assert_eq!(pair["pair"], "directing_serving");
    assert_eq!(pair["self_rating"], 4);
    assert_eq!(pair["said_managing"], 2);
    assert_eq!(pair["people_place"], 1.0);
    assert_eq!(pair["gap"], 3.0);
    assert_eq!(pair["differs"], true);
    assert_eq!(week["feedback"]["pairs_differing"], 1);
    assert_eq!(week["feedback"]["quotes"].as_array().map(Vec::len), Some(2));

    let text = rapport(&dir, &["week"]).stdout;
    assert!(
        text.contains("Feedback    2 this week · 1 pair seen differently"),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.contains("directing ↔ serving")
            && l.contains("you ──┼●─ 4 · they ●─┼── 1.0 · directing 2 · serving 0")
            && l.ends_with("≠ seen differently")),
        "{text}"
    );
}

#[test]
fn the_week_screen_with_feedback_at_two_sizes() {
    let (_dir, mut app) = disagreeing_week();
    press(&mut app, KeyCode::Char('6'));
    for (width, height) in [(80, 24), (200, 50)] {
        insta::assert_snapshot!(
            format!("week_feedback_{width}x{height}"),
            screen(&app, width, height)
        );
    }
}
