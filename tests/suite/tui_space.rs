//! The screens use the space they have: at 80×24 names and due phrases stay readable, long
//! names end in … before the next column, repeated first names are told apart, the key
//! help wraps under its descriptions and scrolls to its last line.

use crate::common::{self, Journal};
use crate::tui;

use rapport::tui::app::App;
use ratatui::crossterm::event::KeyCode;
use tui::{press, screen};

/// The sizes these screens are drawn at in their snapshots.
const SIZES: [(u16, u16); 2] = [(80, 24), (120, 36)];

/// The App on a journal the CLI wrote, at the same pinned clock.
fn app_on(journal: &Journal) -> App {
    let store =
        rapport::store::Store::open_with_clock(&journal.path, common::clock_at(common::now()))
            .expect("the journal opens");
    App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        tui::LABEL.into(),
    )
    .expect("the app starts")
}

/// A small team with long names and two people called Bilal, each last met two months
/// ago, so all are due and none seen this week.
fn team_with_long_names() -> Journal {
    let journal = Journal::new();
    for name in ["Lucia Virtanen", "Bilal Ahmed", "Bilal Khan", "Omar Haddad"] {
        journal.ok(&["person", "add", name]);
        journal.ok(&[
            "log",
            name,
            "--when",
            "2026-09-21 10:00",
            "--summary",
            "Migration plan for the billing service",
        ]);
    }
    journal
}

#[test]
fn today_at_80x24_keeps_names_due_phrases_and_summaries_readable() {
    let journal = team_with_long_names();
    let app = app_on(&journal);
    let drawn = screen(&app, 80, 24);
    for name in ["Lucia Virtanen", "Bilal Ahmed", "Omar Haddad"] {
        let row = drawn
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} in full on Today:\n{drawn}"));
        assert!(row.contains("overdue 49d"), "{row}");
    }
    // Two words of it still, beside a name told apart from the other Bilal's.
    assert!(
        drawn.contains("Bilal Khan  Migration plan"),
        "Recent keeps the summary readable:\n{drawn}"
    );
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("today_long_names_{width}x{height}"),
            screen(&app, width, height)
        );
    }
}

/// Today's Recent and follow-ups name people as the week's "not seen" does: the first name,
/// or the full name where two people share it.
#[test]
fn today_tells_apart_people_who_share_a_first_name() {
    let journal = team_with_long_names();
    for name in ["Bilal Ahmed", "Bilal Khan", "Lucia Virtanen"] {
        journal.ok(&[
            "followup",
            "add",
            name,
            "Send the quarterly notes",
            "--due",
            "2026-11-25",
        ]);
    }
    let app = app_on(&journal);
    for (width, height) in SIZES {
        let drawn = screen(&app, width, height);
        // The left column of the rows that hold a summary: Recent's.
        let recent: Vec<&str> = drawn
            .lines()
            .filter(|l| l.contains("Migration"))
            .map(|l| l.split("││").next().unwrap_or(l))
            .collect();
        let follow_ups: Vec<&str> = drawn
            .lines()
            .filter(|l| l.contains("Send the"))
            .map(|l| l.rsplit("││").next().unwrap_or(l))
            .collect();
        for (panel, rows) in [("Recent", &recent), ("follow-ups", &follow_ups)] {
            let said = rows.join("\n");
            assert!(
                said.contains("Bilal Ahmed") && said.contains("Bilal Khan"),
                "{panel} at {width}x{height}:\n{drawn}"
            );
            assert!(
                said.contains("Lucia") && !said.contains("Virtanen"),
                "{panel} keeps a first name nobody shares at {width}x{height}:\n{drawn}"
            );
        }
    }
}

#[test]
fn gaps_ends_a_long_name_before_the_next_column() {
    let journal = team_with_long_names();
    let mut app = app_on(&journal);
    press(&mut app, KeyCode::Char('5'));
    let drawn = screen(&app, 80, 24);
    let row = drawn
        .lines()
        .find(|l| l.contains("Lucia"))
        .unwrap_or_else(|| panic!("Lucia on Gaps:\n{drawn}"));
    // Thirteen columns: the rest of 80 goes to the cells, worded whole as `rapport gaps` does.
    assert!(row.contains(" Lucia Virta… ○ 63d (14) "), "{row}");
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("gaps_long_names_{width}x{height}"),
            screen(&app, width, height)
        );
    }
}

#[test]
fn week_tells_apart_people_who_share_a_first_name() {
    let journal = team_with_long_names();
    let mut app = app_on(&journal);
    press(&mut app, KeyCode::Char('6'));
    let drawn = screen(&app, 120, 36);
    let row = drawn
        .lines()
        .find(|l| l.contains("Not seen"))
        .unwrap_or_else(|| panic!("Not seen on Week:\n{drawn}"));
    assert!(
        row.contains("Lucia, Bilal Ahmed, Bilal Khan, Omar")
            || row.contains("Bilal Ahmed, Bilal Khan"),
        "{row}"
    );
    assert!(!row.contains("Bilal, Bilal"), "{row}");
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("week_long_names_{width}x{height}"),
            screen(&app, width, height)
        );
    }
}

/// The Log form's key help is longer than 80×24: its long descriptions wrap under
/// themselves, never to the frame's edge, and j scrolls until the very last line shows.
#[test]
fn key_help_wraps_under_its_descriptions_and_scrolls_to_the_end() {
    let (_dir, mut app) = tui::demo_app();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::F(1));
    for _ in 0..60 {
        press(&mut app, KeyCode::Char('j'));
    }
    let drawn = screen(&app, 80, 24);
    assert!(
        drawn.contains("Tags") && drawn.contains("words separated by spaces or commas"),
        "the last line of the help scrolls into view:\n{drawn}"
    );
    let inside: Vec<&str> = drawn.lines().filter(|l| l.starts_with("\"│")).collect();
    assert!(
        inside
            .iter()
            .all(|l| l.starts_with("\"│ ") || l.starts_with("\"│\"")),
        "no row of the help starts at the frame's edge:\n{drawn}"
    );
    for (width, height) in SIZES {
        insta::assert_snapshot!(
            format!("help_log_scrolled_{width}x{height}"),
            screen(&app, width, height)
        );
    }
}
