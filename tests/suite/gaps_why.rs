//! Gaps says why, the same on the screen and in `rapport gaps` (text and JSON): each cell is
//! worded once ("● 4d (14)", "! 4d", "1 open"), a concern cell carries every open concern
//! with what it is, each score lists the signs that make it, and the team line's "missing"
//! counts needs not met within the threshold — not concerns, not paused people.

use crate::common;
use crate::tui::{press, screen};

use common::Journal;
use rapport::store::Store;
use rapport::tui::app::App;
use rapport::tui::keymap::Screen;
use rapport::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;

/// Today is Mon 23 Nov 2026.
/// - Tom Baker: every need met on 3 Nov; a concern about Security raised in a 1:1 on 19 Nov
///   ("worried about the reorg") and another in a chat on 21 Nov; a follow-up open, not due.
/// - Ana Lima: Security last met on 1 Aug (missing), the rest on 20 Nov; acknowledged.
/// - Lena Ortiz: Security last met on 1 Jun (missing), but on leave until January.
fn team() -> Journal {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker", "Ana Lima", "Lena Ortiz"]);
    let log = |args: &[&str]| {
        let mut all = vec!["log"];
        all.extend_from_slice(args);
        journal.ok(&all);
    };
    let every_need = [
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
    ];
    let mut tom = vec!["Tom", "--when", "2026-11-03"];
    tom.extend_from_slice(&every_need);
    log(&tom);
    log(&[
        "Tom",
        "--when",
        "2026-11-19",
        "--concern",
        "security:worried about the reorg",
    ]);
    log(&[
        "Tom",
        "--when",
        "2026-11-21",
        "--kind",
        "informal",
        "--concern",
        "security:pay is behind the market",
    ]);
    journal.ok(&[
        "followup",
        "add",
        "Tom",
        "send the reorg notes",
        "--due",
        "2026-11-30",
    ]);
    log(&["Ana", "--when", "2026-08-01", "--need", "security"]);
    log(&[
        "Ana",
        "--when",
        "2026-11-20",
        "--need",
        "competence",
        "--need",
        "belonging",
        "--need",
        "autonomy",
        "--need",
        "fun",
    ]);
    journal.ok(&["ack", "Ana", "calm in the outage"]);
    log(&["Lena", "--when", "2026-06-01", "--need", "security"]);
    journal.ok(&["person", "pause", "Lena", "--until", "2027-01-04"]);
    journal
}

fn gaps_app(journal: &Journal) -> App {
    let store = Store::open_with_clock(&journal.path, common::clock_at(common::now()))
        .expect("the journal opens");
    let mut app = App::new(store, Theme::new(true), "journal.db".into()).expect("the app starts");
    press(&mut app, KeyCode::Char('5'));
    assert_eq!(app.screen, Screen::Gaps);
    app
}

const TEAM_LINE: &str = "Team: thinnest need Security (1 of 2 missing) · a concern open for 1 person · sorted by gap score, worst first";

/// The cells of a `rapport gaps` row, cut at its columns: last 1:1, C B A F S, follow-ups,
/// aspirations, acknowledgement.
fn cli_cells(row: &str) -> Vec<String> {
    let chars: Vec<char> = row.chars().collect();
    let mut at = 18;
    let mut cells = Vec::new();
    for width in [14, 9, 9, 9, 9, 9, 9, 14, 10] {
        let end = (at + width).min(chars.len());
        cells.push(chars[at..end].iter().collect::<String>().trim().to_string());
        at = end;
    }
    cells
}

#[test]
fn gaps_cells_read_the_same_on_the_screen_and_the_command() {
    let journal = team();
    let text = journal.ok(&["gaps"]);
    let shown = screen(&gaps_app(&journal), 200, 50);
    assert!(text.starts_with(&format!("{TEAM_LINE}\n")), "{text}");
    assert!(shown.contains(TEAM_LINE), "{shown}");

    let tom = text
        .lines()
        .find(|l| l.starts_with("Tom Baker"))
        .unwrap_or_else(|| panic!("Tom's row: {text}"));
    let cells = cli_cells(tom);
    assert_eq!(cells[0], "● 4d (14)", "{tom}");
    assert_eq!(cells[5], "! 4d", "a concern reads its age: {tom}");
    assert_eq!(cells[6], "1 open", "{tom}");
    assert_eq!(cells[8], "· never", "{tom}");
    for name in ["Tom Baker", "Ana Lima", "Lena Ortiz"] {
        let row = text
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}: {text}"));
        let on_screen = shown
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name}: {shown}"));
        for cell in cli_cells(row) {
            assert!(
                on_screen.contains(&format!(" {cell} ")),
                "{name}: {cell:?} is worded the same on the screen\n{row}\n{on_screen}"
            );
        }
    }

    let json: Value = serde_json::from_str(&journal.ok(&["gaps", "--json"])).expect("JSON");
    assert_eq!(json["team"]["thinnest"]["need"], "security");
    assert_eq!(json["team"]["thinnest"]["people"], 1);
    assert_eq!(json["team"]["people"], 2, "Lena, paused, is not counted");
    assert_eq!(json["team"]["missing_per_need"]["security"], 1);
    assert_eq!(json["team"]["concerns_per_need"]["security"], 1);
    let tom = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["person"]["name"] == "Tom Baker")
        .expect("Tom");
    assert_eq!(tom["needs"]["security"]["concern_days"], 4);
}

#[test]
fn gaps_says_why_with_every_concern_and_every_reason() {
    let journal = team();
    let text = journal.ok(&["gaps"]);
    for line in [
        "  Tom Baker 3: +2 Security concern open 4d · +1 never acknowledged",
        "    ! Security open 4d (19 Nov): worried about the reorg",
        "    ! Security open 2d (21 Nov): pay is behind the market",
        "  Ana Lima 2: +2 Security missing (met 114d ago)",
        "  Lena Ortiz 0: paused until 4 Jan: nothing counts while they are away",
    ] {
        assert!(text.lines().any(|l| l == line), "{line:?}\n{text}");
    }

    let json: Value = serde_json::from_str(&journal.ok(&["gaps", "--json"])).expect("JSON");
    let tom = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["person"]["name"] == "Tom Baker")
        .expect("Tom");
    let concerns: Vec<&str> = tom["needs"]["security"]["concerns"]
        .as_array()
        .expect("concerns")
        .iter()
        .map(|c| c["text"].as_str().expect("a text"))
        .collect();
    assert_eq!(
        concerns,
        ["worried about the reorg", "pay is behind the market"]
    );
    assert_eq!(
        tom["reasons"],
        serde_json::json!([
            {"points": 2, "sign": "need", "need": "security", "freshness": "concern", "days": 4, "priority": false},
            {"points": 1, "sign": "acknowledgement", "days": null}
        ])
    );
    let points: u64 = tom["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .map(|r| r["points"].as_u64().expect("points"))
        .sum();
    assert_eq!(tom["score"], points, "the reasons add up to the score");

    // On the screen: Tom is first; his Security cell lists both concerns, and his score
    // its reasons, in the command's words.
    let mut app = gaps_app(&journal);
    for _ in 0..4 {
        press(&mut app, KeyCode::Right);
    }
    for (width, height) in [(80, 24), (200, 50)] {
        let shown = screen(&app, width, height);
        for line in [
            "! Security open 4d (19 Nov): worried about the reorg",
            "! Security open 2d (21 Nov): pay is behind the market",
            "Score 3: +2 Security concern open 4d · +1 never acknowledged",
        ] {
            assert!(shown.contains(line), "{width}×{height}: {line:?}\n{shown}");
        }
    }
}
