//! The Week screen through the real `App` on the demo journal: moving between weeks loads
//! the right one, and a reflection written in place reaches the journal (and is never lost
//! without being asked).

use crate::common;
use crate::tui;

use chrono::{NaiveDate, Weekday};
use rapport::tui::app::App;
use rapport::tui::keymap::{Context, Screen};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use tui::{demo_app, press, press_mod, type_text};

fn shown(app: &App) -> String {
    app.week
        .summary
        .as_ref()
        .map(|s| s.week.label.clone())
        .expect("the Week screen has read its week")
}

fn save(app: &mut App) {
    press_mod(app, KeyCode::Char('s'), KeyModifiers::CONTROL);
}

#[test]
fn arrows_move_between_weeks_but_not_past_this_one() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    assert_eq!(app.screen, Screen::Week);
    assert_eq!(shown(&app), "2026-W48");
    press(&mut app, KeyCode::Left);
    assert_eq!(shown(&app), "2026-W47");
    let summary = app.week.summary.as_ref().unwrap();
    assert_eq!(
        summary.week.start,
        NaiveDate::from_ymd_opt(2026, 11, 16).unwrap()
    );
    assert_eq!(summary.previous.label, "2026-W46");
    assert!(
        summary.conversations.this_week > 0,
        "the demo team met in week 47"
    );
    assert!(
        summary.reflection.is_some(),
        "the demo journal holds a reflection for week 47"
    );
    press(&mut app, KeyCode::Char('h'));
    press(&mut app, KeyCode::Char('h'));
    assert_eq!(shown(&app), "2026-W45");
    press(&mut app, KeyCode::Char('l'));
    assert_eq!(shown(&app), "2026-W46");
    press(&mut app, KeyCode::Char('t'));
    assert_eq!(shown(&app), "2026-W48");
    press(&mut app, KeyCode::Right);
    assert_eq!(shown(&app), "2026-W48", "no week after the current one");
    assert!(
        app.status
            .as_ref()
            .is_some_and(|s| s.text.contains("current week"))
    );
}

#[test]
fn weeks_follow_the_configured_start_day() {
    let (_dir, mut app) = demo_app();
    app.set_week_start(Weekday::Sun);
    press(&mut app, KeyCode::Char('6'));
    let week = &app.week.summary.as_ref().unwrap().week;
    assert_eq!(week.start, NaiveDate::from_ymd_opt(2026, 11, 22).unwrap());
    assert_eq!(week.label, "2026-W48");
}

#[test]
fn a_reflection_written_in_place_is_stored_for_its_week() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    assert!(app.store.reflection("2026-W48").unwrap().is_none());
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(app.context(), Context::WeekEdit);
    type_text(&mut app, "Asked Tom what he would change.");
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "He wants pairs on call.");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Ask the questions first.");
    // Notes, next week's intention, then round to the balance rows.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('4'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Right);
    save(&mut app);
    assert_eq!(app.context(), Context::Week, "saving ends the editing");
    let stored = app
        .store
        .reflection("2026-W48")
        .unwrap()
        .expect("the reflection is in the journal");
    assert_eq!(
        stored.went_well,
        "Asked Tom what he would change.\nHe wants pairs on call."
    );
    assert_eq!(stored.do_differently, "Ask the questions first.");
    assert_eq!(stored.notes, "");
    // The first two of seed 003's eight pairs, in its order.
    assert_eq!(stored.balance.systems_people, Some(4));
    assert_eq!(
        stored.balance.goals_purpose,
        Some(3),
        "Right from unrated is both"
    );
    assert_eq!(stored.balance.control_commitment, None);
    assert_eq!(stored.balance.directing_serving, None);
    // The screen shows what was stored, the week's trend included.
    let summary = app.week.summary.as_ref().unwrap();
    assert_eq!(summary.reflection.as_ref(), Some(&stored));
    let last = summary.balance_trend.last().unwrap();
    assert_eq!(last.value.and_then(|b| b.systems_people), Some(4));
}

#[test]
fn editing_an_earlier_week_keeps_what_it_said() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Left);
    let before = app.store.reflection("2026-W47").unwrap().unwrap();
    press(&mut app, KeyCode::Char('b'));
    press(&mut app, KeyCode::Char('5'));
    save(&mut app);
    let after = app.store.reflection("2026-W47").unwrap().unwrap();
    assert_eq!(after.balance.systems_people, Some(5));
    assert_eq!(after.went_well, before.went_well);
    assert_eq!(after.do_differently, before.do_differently);
    let untouched = |b: &rapport::domain::Balance| {
        (
            b.goals_purpose,
            b.directing_serving,
            b.reacting_initiating,
            b.improving_breakthrough,
        )
    };
    assert_eq!(untouched(&after.balance), untouched(&before.balance));
    assert!(app.store.reflection("2026-W48").unwrap().is_none());
}

#[test]
fn escape_asks_before_dropping_changes() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "Half a thought");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Confirm);
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.context(), Context::WeekEdit, "no keeps writing");
    type_text(&mut app, ", finished.");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.context(), Context::Week);
    assert!(app.store.reflection("2026-W48").unwrap().is_none());
    // Nothing changed: Esc simply stops editing.
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.context(), Context::Week);
}

#[test]
fn leaving_the_screen_or_rapport_saves_the_reflection() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('e'));
    type_text(&mut app, "Clicked away");
    // A click on the Today tab while writing.
    let drawn = tui::screen(&app, 100, 30);
    let top = drawn.lines().next().unwrap();
    let at = top.find("1 Today").unwrap();
    let column = u16::try_from(top[..at].chars().count()).unwrap();
    app.handle_event(Event::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column,
        row: 0,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.screen, Screen::Today);
    let stored = app.store.reflection("2026-W48").unwrap().unwrap();
    assert_eq!(stored.went_well, "Clicked away");

    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Quit mid-sentence");
    press_mod(&mut app, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(app.quit);
    let stored = app.store.reflection("2026-W48").unwrap().unwrap();
    assert_eq!(stored.went_well, "Clicked away");
    assert_eq!(stored.do_differently, "Quit mid-sentence");
}

#[test]
fn without_colour_the_week_still_reads() {
    use ratatui::style::Color;
    let (dir, _app) = demo_app();
    let store =
        rapport::store::Store::open_with_clock(&dir.path().join("journal.db"), tui::fixed_clock())
            .unwrap();
    let mut plain = App::new(
        store,
        rapport::tui::theme::Theme::new(false),
        tui::LABEL.into(),
    )
    .unwrap();
    press(&mut plain, KeyCode::Char('6'));
    press(&mut plain, KeyCode::Left);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|f| rapport::tui::render::render(&plain, f))
        .unwrap();
    let coloured = terminal
        .backend()
        .buffer()
        .content()
        .iter()
        .filter(|cell| cell.fg != Color::Reset || cell.bg != Color::Reset)
        .count();
    assert_eq!(coloured, 0);
    let drawn = tui::screen(&plain, 100, 30);
    for sign in ["▲", "▼", "──●──", "Not seen   Bilal, Omar", "slipped 2 ▲2"] {
        assert!(
            drawn.contains(sign),
            "{sign} is drawn without colour:\n{drawn}"
        );
    }
}

/// Today's "this week" glance, the Week screen and `rapport week --json` give the same
/// figures for the same journal and clock: they read one summary.
#[test]
fn todays_glance_the_week_screen_and_the_week_command_agree() {
    let (_dir, mut app) = demo_app();
    let glance = app.today.week.clone();
    press(&mut app, KeyCode::Char('6'));
    let screen = app
        .week
        .summary
        .clone()
        .expect("the Week screen has read its week");
    assert_eq!(
        glance.figures[1],
        format!(
            "met {} of {} due",
            screen.due_met.this_week, screen.due.this_week
        )
    );
    assert!(
        screen.due.this_week > 0,
        "the demo team has people due this week"
    );
    let mut command = std::process::Command::new(common::BIN);
    common::isolate(&mut command)
        .env(
            "RAPPORT_NOW",
            tui::fixed_now().format("%Y-%m-%dT%H:%M:%S").to_string(),
        )
        .env("HOME", app.store.path().with_file_name("home"))
        .arg("--db")
        .arg(app.store.path())
        .args(["week", "--json"]);
    let run = common::execute(&mut command, None);
    assert_eq!(run.code, 0, "{run:?}");
    let week: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(
        glance.figures,
        [
            format!("{} held", week["one_on_ones"]["this_week"]),
            format!(
                "met {} of {} due",
                week["due_met"]["this_week"], week["due"]["this_week"]
            ),
            format!("{} conversations", week["conversations"]["this_week"]),
        ]
    );
    for (i, need) in week["needs"].as_array().expect("needs").iter().enumerate() {
        assert_eq!(
            need["conversations"]["this_week"], glance.needs[i],
            "{need}"
        );
    }
    assert_eq!(week["stance"]["leading"]["this_week"], glance.leading);
}

/// The needs bars are on a fixed scale (one cell a conversation, full at a dozen), so a
/// week with a single conversation draws a short bar, on the screen and in `rapport week`
/// alike, not a full one.
#[test]
fn one_conversation_draws_a_short_need_bar_on_both_surfaces() {
    let journal = common::Journal::new();
    journal.add_people(&["Priya"]);
    journal.ok(&["log", "priya", "--when", "today", "--need", "competence"]);
    let store =
        rapport::store::Store::open_with_clock(&journal.path, common::clock_at(common::now()))
            .expect("the journal opens");
    let mut app = App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        tui::LABEL.into(),
    )
    .expect("the app starts");
    press(&mut app, KeyCode::Char('6'));
    for (width, height) in [(80, 24), (120, 36)] {
        let drawn = tui::screen(&app, width, height);
        let cells: usize = drawn.lines().map(|l| l.matches('█').count()).sum();
        assert_eq!(
            cells, 1,
            "one conversation, one cell at {width}×{height}:\n{drawn}"
        );
    }
    let week = journal.ok(&["week"]);
    assert!(week.contains("C █ 1 "), "{week}");
}
