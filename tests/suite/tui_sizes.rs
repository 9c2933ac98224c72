//! Every screen at the three sizes a leader uses (80×24, 120×36, 200×50) on the demo
//! journal at the pinned clock, and the layout rules that make the larger ones worth it:
//! People's list as tall as its rows with the profile whole beside the detail, the selected
//! Gaps cell's history below the matrix, Today filled with who is next, Week's reflection
//! as tall as its words, and the key help that scrolls back at once from its end.

use crate::tui;

use rapport::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use tui::{demo_app, press, screen};

/// The sizes every screen is drawn at.
const SIZES: [(u16, u16); 3] = [(80, 24), (120, 36), (200, 50)];

/// Snapshots of `app` at the three sizes, named `{name}_{width}x{height}`.
fn snapshot_sizes(name: &str, app: &App) {
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            screen(app, width, height)
        );
    }
}

/// A drawn screen's rows without the quotes the test backend puts around each.
fn rows(drawn: &str) -> Vec<&str> {
    drawn
        .lines()
        .map(|l| l.strip_prefix('"').unwrap_or(l))
        .map(|l| l.strip_suffix('"').unwrap_or(l))
        .collect()
}

/// The first row of a screen that holds `text`.
fn row_with<'a>(drawn: &'a str, text: &str) -> &'a str {
    drawn
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text:?} on the screen:\n{drawn}"))
}

/// The share of pane rows with nothing inside their borders: each row of the screen is cut
/// at its │ borders, and every stretch between two borders is one pane row.
fn blank_share(drawn: &str) -> f64 {
    let (mut blank, mut all) = (0, 0);
    for line in drawn.lines() {
        let parts: Vec<&str> = line.split('│').collect();
        // Stretches between borders are the odd ones: │inside││inside│.
        for inside in parts.iter().skip(1).step_by(2) {
            all += 1;
            if inside.trim().is_empty() {
                blank += 1;
            }
        }
    }
    assert!(all > 0, "panes on the screen:\n{drawn}");
    f64::from(blank) / f64::from(all)
}

#[test]
fn every_screen_at_three_sizes() {
    let (_dir, mut app) = demo_app();
    snapshot_sizes("today", &app);
    press(&mut app, KeyCode::Char('p'));
    snapshot_sizes("prep", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('?'));
    snapshot_sizes("help_today", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('2'));
    snapshot_sizes("people", &app);
    press(&mut app, KeyCode::Char('3'));
    snapshot_sizes("log", &app);
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('4'));
    snapshot_sizes("timeline", &app);
    press(&mut app, KeyCode::Char('5'));
    snapshot_sizes("gaps", &app);
    press(&mut app, KeyCode::Char('6'));
    snapshot_sizes("week", &app);
    press(&mut app, KeyCode::Char('h'));
    snapshot_sizes("week_previous", &app);
}

/// At 80×24 the names and due phrases stay whole on every screen that lists people.
#[test]
fn names_and_due_phrases_read_whole_at_80x24() {
    let (_dir, mut app) = demo_app();
    let today = screen(&app, 80, 24);
    assert!(row_with(&today, "Bilal").contains("overdue 46d"), "{today}");
    assert!(row_with(&today, "Omar").contains("overdue 6d"), "{today}");
    // The prep sheet's title ends with when the 1:1 is due: it wraps rather than cut that.
    press(&mut app, KeyCode::Char('p'));
    let prep = screen(&app, 80, 24);
    assert!(
        prep.contains("next") && row_with(&prep, "overdue 46d").contains('│'),
        "{prep}"
    );
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('2'));
    let people = screen(&app, 80, 24);
    assert!(
        row_with(&people, "Bilal ").contains("overdue 46d"),
        "{people}"
    );
    assert!(row_with(&people, "Zainab").contains("in 18d"), "{people}");
    press(&mut app, KeyCode::Char('5'));
    let gaps = screen(&app, 80, 24);
    assert!(row_with(&gaps, " Bilal").contains("74d"), "{gaps}");
    // Even here the score is taken apart whole, its reasons wrapped rather than cut, and
    // the selected need's questions follow (its history needs the rows of a taller screen).
    assert!(
        row_with(&gaps, "Score 10:").contains("+3 1:1 overdue 46d"),
        "{gaps}"
    );
    assert!(
        row_with(&gaps, "+1 Security fading").contains("never acknowledged"),
        "{gaps}"
    );
    assert!(
        gaps.contains("Enter: log a 1:1 with Bilal, Competence ticked"),
        "{gaps}"
    );
    press(&mut app, KeyCode::Char('6'));
    let week = screen(&app, 80, 24);
    assert!(
        row_with(&week, "Not seen").contains("Bilal, Omar"),
        "{week}"
    );
}

/// Item 14: at 120×36 the list is as tall as its people, the room below it holds the
/// profile, and the detail, wider than the list, wraps what it cannot fit instead of
/// cutting it.
#[test]
fn people_at_120x36_uses_its_rows_and_wraps_instead_of_cutting() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('2'));
    let drawn = screen(&app, 120, 36);
    let lines = rows(&drawn);
    let list_bottom = lines
        .iter()
        .position(|l| l.starts_with('└'))
        .unwrap_or_else(|| panic!("the list's bottom border:\n{drawn}"));
    assert!(
        list_bottom <= 12,
        "the list of 7 is as tall as its rows (its bottom at row {list_bottom}):\n{drawn}"
    );
    assert!(
        lines[list_bottom + 1].contains(" Profile "),
        "the profile fills the room below the list:\n{drawn}"
    );
    // The profile's words, read across its wrapped rows.
    let profile: Vec<&str> = lines[list_bottom + 2..]
        .iter()
        .filter_map(|l| l.strip_prefix('│'))
        .filter_map(|l| l.split('│').next())
        .collect();
    let profile = profile
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for whole in [
        "1:1 every 7d · since Apr 2022",
        "next due Thu 26 Nov (in 3d)",
        "Motivations: Freedom to choose how to do the work",
        "Would change: Decisions written down where everyone can find them",
    ] {
        assert!(
            profile.contains(whole),
            "{whole:?} whole in {profile:?}:\n{drawn}"
        );
    }
    // The idea's answer, cut at 120 columns before, now wraps under the idea.
    assert!(
        drawn.contains("Make twenty-five minutes the default meeting length →")
            && drawn.contains("Everyone liked it; it stays."),
        "the idea and its answer whole:\n{drawn}"
    );
    assert!(!drawn.contains("…"), "nothing cut at 120×36:\n{drawn}");
    let list_width = lines[1]
        .chars()
        .position(|c| c == '┐')
        .expect("the list's top right corner");
    assert!(
        list_width < 60,
        "the list takes the width its columns need ({list_width}):\n{drawn}"
    );
    // Wide enough for roles, they read whole, each apart from the next column.
    let wide = screen(&app, 200, 50);
    assert!(
        row_with(&wide, "Leila ★").contains("Senior Software Engineer  3d ago"),
        "{wide}"
    );
}

/// Item 15: below the matrix the selected cell explains itself with more questions and
/// the conversations that met the need, not empty rows.
#[test]
fn gaps_shows_the_selected_cells_history_below_the_matrix() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('5'));
    let drawn = screen(&app, 120, 36);
    assert!(
        drawn.contains("Competence with Bilal, latest first"),
        "{drawn}"
    );
    let history = row_with(&drawn, "10 Sep 2026");
    assert!(
        history.contains("1:1")
            && history.contains("met")
            && history.contains("paired on the tricky query plan"),
        "{history}"
    );
    assert!(
        drawn.contains("Where would coaching or some support from me help you right now?"),
        "a tall box asks more than three questions:\n{drawn}"
    );
    // Before, rows 18 to 35 were empty; now no screen row is.
    let empty = rows(&drawn).iter().filter(|l| l.trim().is_empty()).count();
    assert_eq!(empty, 0, "empty rows on Gaps at 120×36:\n{drawn}");
    // The history follows the cursor to another need.
    press(&mut app, KeyCode::Char('l'));
    let drawn = screen(&app, 120, 36);
    assert!(
        drawn.contains("Belonging with Bilal, latest first"),
        "{drawn}"
    );
}

/// Item 15: Today on a large terminal names who is next after the agenda, and the panes
/// are mostly filled.
#[test]
fn today_at_200x50_names_who_is_next_and_is_mostly_filled() {
    let (_dir, app) = demo_app();
    let drawn = screen(&app, 200, 50);
    assert!(drawn.contains(" Next up "), "{drawn}");
    let next = row_with(&drawn, "Beatriz in 3d");
    assert!(next.contains("every 7d"), "{next}");
    assert!(
        row_with(&drawn, "Zainab  in 18d").contains("every 21d"),
        "{drawn}"
    );
    // Measured: 58% on the code before (the question box 29 rows of nothing), 36% now.
    let share = blank_share(&drawn);
    assert!(
        share < 0.40,
        "Today at 200×50 is {:.0}% blank:\n{drawn}",
        share * 100.0
    );
    let share = blank_share(&screen(&app, 160, 48));
    assert!(
        share < 0.40,
        "Today at 160×48 is {:.0}% blank",
        share * 100.0
    );
}

/// Week gives the rows its figures and reflection leave to what it would cut: the team's
/// direction reads whole at 120×36 (it wrapped nowhere and was cut), and shows below the
/// roomy height when rows are spare (at 120×30 it was hidden), as do the slipped follow-ups
/// by name; at 80×24, where the figures need every row, the direction gives way.
#[test]
fn week_gives_its_spare_rows_to_the_direction() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    let drawn = screen(&app, 120, 36);
    assert!(
        drawn.contains("Grow our own leads before we hire") && drawn.contains(" them "),
        "the direction whole:\n{drawn}"
    );
    assert!(
        !row_with(&drawn, "Where we are going").contains('…'),
        "{drawn}"
    );
    let drawn = screen(&app, 120, 30);
    assert!(
        drawn.contains("Where we are going: Ship every week, safely"),
        "{drawn}"
    );
    assert!(!screen(&app, 80, 24).contains("Where we are going"));
    // The week before slipped two follow-ups: listed by name where rows are left over.
    press(&mut app, KeyCode::Char('h'));
    let drawn = screen(&app, 120, 30);
    assert!(
        row_with(&drawn, "Slipped").contains("Write the one-page case for cleanup time"),
        "{drawn}"
    );
}

/// Item 15: a reflection read (not being written) takes the rows its words do; the box
/// no longer stretches over the empty rest of the screen.
#[test]
fn week_reflection_is_as_tall_as_its_words() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('6'));
    press(&mut app, KeyCode::Char('h'));
    let drawn = screen(&app, 200, 50);
    let lines = rows(&drawn);
    let top = lines
        .iter()
        .position(|l| l.contains("Reflection · week 47"))
        .unwrap_or_else(|| panic!("the reflection box:\n{drawn}"));
    let bottom = lines
        .iter()
        .position(|l| l.starts_with('└'))
        .unwrap_or_else(|| panic!("the reflection's bottom:\n{drawn}"));
    assert!(
        bottom - top <= 5,
        "the reflection of two short lines takes {} rows:\n{drawn}",
        bottom - top - 1
    );
    assert!(
        row_with(&drawn, "Went well").contains("Gave specific praise"),
        "{drawn}"
    );
    assert!(
        row_with(&drawn, "Differently").contains("Say no to one meeting"),
        "{drawn}"
    );
    // Being written, it gets the room to write in.
    press(&mut app, KeyCode::Char('e'));
    let drawn = screen(&app, 200, 50);
    let lines = rows(&drawn);
    let top = lines
        .iter()
        .position(|l| l.contains("Reflection · week 47"))
        .unwrap_or_else(|| panic!("the reflection box:\n{drawn}"));
    assert!(top + 15 < lines.len(), "room to write:\n{drawn}");
    assert!(lines[lines.len() - 2].starts_with('└'), "{drawn}");
}

/// The help's scroll stops at its end: after `j` pressed well past the last line, one `k`
/// moves the view up a line.
#[test]
fn one_k_moves_the_help_after_scrolling_past_its_end() {
    let (_dir, mut app) = demo_app();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::F(1));
    let _ = screen(&app, 80, 24);
    for _ in 0..60 {
        press(&mut app, KeyCode::Char('j'));
        let _ = screen(&app, 80, 24);
    }
    let at_end = screen(&app, 80, 24);
    assert!(
        at_end.contains("words separated by spaces or commas"),
        "the end of the help:\n{at_end}"
    );
    press(&mut app, KeyCode::Char('k'));
    let one_up = screen(&app, 80, 24);
    assert_ne!(at_end, one_up, "one k moves the help at once");
    let first_row = |drawn: &str| {
        rows(drawn)
            .into_iter()
            .find(|l| l.starts_with('│'))
            .map(str::to_owned)
    };
    let after_down = {
        press(&mut app, KeyCode::Char('j'));
        screen(&app, 80, 24)
    };
    assert_eq!(
        first_row(&after_down),
        first_row(&at_end),
        "j returns to the end"
    );
}
