//! Feedback to me and how I want to show up, on the Week screen (issue 31): a journal where
//! the leader's self-rating and what people said disagree shows the difference on the screen
//! and in `rapport week --json`; last week's intention is asked about at the top of this
//! week; snapshots at 80×24 and 200×50.

use crate::common;
use crate::tui;

use rapport::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use tempfile::TempDir;
use tui::{demo_app, press, press_mod, screen, type_text};

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
    // What the demo made up on the leader's side would blur the figures these tests set.
    common::connect(&dir.path().join("journal.db"))
        .execute_batch("DELETE FROM feedback; UPDATE reflection SET intention = '';")
        .expect("the demo's feedback and intentions are cleared");
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
            "reflect",
            "--week",
            "2026-W47",
            "--intention",
            "Ask before I decide",
        ],
    );
    // Twelve weeks back the two were further apart: "mostly serving" against "directing".
    rapport(
        &dir,
        &["reflect", "--week", "2026-W38", "--directing-serving", "5"],
    );
    rapport(
        &dir,
        &[
            "feedback",
            "add",
            first,
            "You set the plan alone",
            "--about",
            "directing",
            "--on",
            "2026-09-16",
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

#[test]
fn last_weeks_intention_is_asked_about_at_the_top_of_this_week() {
    let (dir, mut app) = disagreeing_week();
    press(&mut app, KeyCode::Char('6'));
    let drawn = screen(&app, 120, 36);
    // Under the header (and the team's direction), before the week's first figures.
    let top: Vec<&str> = drawn.lines().take_while(|l| !l.contains("1:1s")).collect();
    assert!(
        top.iter().any(
            |l| l.contains("Show up    You meant to show up: “Ask before I decide” — did you?")
        ),
        "at the top:\n{drawn}"
    );
    // The week before set none of its own: nothing to ask there.
    press(&mut app, KeyCode::Left);
    assert!(!screen(&app, 120, 36).contains("You meant to show up"));

    let text = rapport(&dir, &["week"]).stdout;
    assert_eq!(
        text.lines().nth(1),
        Some("You meant to show up: “Ask before I decide” — did you?"),
        "{text}"
    );
    let week: serde_json::Value =
        serde_json::from_str(&rapport(&dir, &["week", "--json"]).stdout).expect("JSON");
    assert_eq!(week["intention_to_ask"], "Ask before I decide");
    let before = rapport(&dir, &["week", "--week", "2026-W47"]).stdout;
    assert!(
        before.contains("Next week:   Ask before I decide"),
        "{before}"
    );
    assert!(!before.contains("You meant to show up"), "{before}");
    // The intention is searchable with the reflection it belongs to.
    let found = rapport(&dir, &["search", "decide", "--json"]).stdout;
    assert!(found.contains("\"kind\": \"reflection\""), "{found}");
}

#[test]
fn the_intention_is_written_in_the_reflection_form() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('e'));
    // Went well → differently, notes, next week.
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    type_text(&mut app, "Listen first");
    press_mod(
        &mut app,
        KeyCode::Char('s'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    );
    let stored = app
        .store
        .reflection("2026-W48")
        .unwrap()
        .expect("the reflection is in the journal");
    assert_eq!(stored.intention, "Listen first");
    assert_eq!(stored.notes, "", "typed into its own field");
    assert!(screen(&app, 120, 36).contains("Next week   Listen first"));
}

#[test]
fn twelve_weeks_show_whether_self_check_and_feedback_come_closer() {
    let (dir, mut app) = disagreeing_week();
    // Week 38: rated 5, placed at 1 (four steps); week 48: rated 4, placed at 1 (three).
    let run = rapport(&dir, &["week", "--weeks", "12", "--json"]);
    let trend: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(trend["verdict"], "closer");
    assert_eq!(trend["earlier_gap"], 4.0);
    assert_eq!(trend["later_gap"], 3.0);
    let weeks = trend["weeks"].as_array().expect("weeks");
    assert_eq!(weeks.len(), 12);
    assert_eq!(weeks[0]["week"], "2026-W37");
    assert_eq!(weeks[1]["gap"], 4.0);
    assert_eq!(weeks[11]["said"], 2);

    let text = rapport(&dir, &["week", "--weeks", "12"]).stdout;
    assert!(
        text.starts_with(
            "Your self-check and what people said, 2026-W37 to 2026-W48: coming closer (gap 4.0 in the earlier weeks, 3.0 in the later)"
        ),
        "{text}"
    );
    // The week's own summary carries the same twelve weeks, on the screen and in its JSON.
    let week: serde_json::Value =
        serde_json::from_str(&rapport(&dir, &["week", "--json"]).stdout).expect("JSON");
    assert_eq!(week["feedback_trend"], trend);
    press(&mut app, KeyCode::Char('6'));
    let drawn = screen(&app, 120, 36);
    assert!(
        drawn.lines().any(|l| l.contains("12 wk")
            && l.contains("coming closer (gap 4.0 in the earlier weeks, 3.0 in the later)")),
        "{drawn}"
    );
    // Fewer than two weeks is refused by the command line itself.
    let mut command = std::process::Command::new(common::BIN);
    common::isolate(&mut command)
        .arg("--db")
        .arg(dir.path().join("journal.db"))
        .args(["week", "--weeks", "1"]);
    assert_eq!(common::execute(&mut command, None).code, 2);
}
