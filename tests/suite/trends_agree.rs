//! A month's 1:1s held against expected read one value, worded one way, on every surface
//! that shows them: `rapport trends` (text and JSON), the trends view, `rapport review`
//! (Markdown and HTML) and the timeline's strips. A trend of someone tracked since August
//! starts in August, and the week's mood trend has one scale on the screen and the command.

use crate::common;
use crate::tui::{press, screen};

use chrono::NaiveDate;
use common::Journal;
use rapport::store::Store;
use rapport::tui::app::App;
use rapport::tui::overlay::Overlay;
use rapport::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;

fn day(text: &str) -> NaiveDate {
    text.parse().expect("a date")
}

/// Ana Lima, added on 14 August 2026 with a 1:1 every 12 days (so 6.5 1:1s fall in the
/// timeline's twelve weeks and 2.5 in September: the halves show the rounding rule), and
/// 1:1s with a mood of 3 in each month since.
fn ana_since_august() -> Journal {
    let journal = Journal::new();
    {
        let added = day("2026-08-14").and_hms_opt(9, 0, 0).expect("a time");
        let mut store = Store::open_with_clock(&journal.path, common::clock_at(added))
            .expect("the journal opens");
        let id = common::person(&mut store, "Ana Lima");
        assert!(id > 0);
    }
    journal.ok(&["person", "edit", "Ana", "--cadence", "12"]);
    for on in [
        "2026-08-20",
        "2026-09-03",
        "2026-09-15",
        "2026-09-27",
        "2026-10-09",
        "2026-10-21",
        "2026-11-02",
        "2026-11-14",
    ] {
        journal.ok(&["log", "Ana", "--when", on, "--mood", "3", "--need", "fun"]);
    }
    journal
}

/// The app on the journal the binary wrote, at the binary's clock.
fn app(journal: &Journal) -> App {
    let store = Store::open_with_clock(&journal.path, common::clock_at(common::now()))
        .expect("the journal opens");
    App::new(store, Theme::new(true), "journal.db".into()).expect("the app starts")
}

/// Each month since August: its name, the 1:1s held and what the cadence asked for,
/// rounded half up (August's 18 days at 12 are 1.5: two; September's 30 are 2.5: three).
const MONTHS: [(&str, &str); 4] = [
    ("Aug 2026", "1/2"),
    ("Sep 2026", "3/3"),
    ("Oct 2026", "2/3"),
    ("Nov 2026", "2/2"),
];

#[test]
fn held_against_expected_is_one_whole_figure_on_every_surface() {
    let journal = ana_since_august();

    let json: Value =
        serde_json::from_str(&journal.ok(&["trends", "Ana", "--json"])).expect("trends JSON");
    let months = json["months"].as_array().expect("months");
    let named: Vec<&str> = months
        .iter()
        .map(|m| m["month"].as_str().expect("a month"))
        .collect();
    assert_eq!(
        named,
        ["2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"],
        "tracked since August: no empty months before"
    );
    let figures: Vec<String> = months
        .iter()
        .map(|m| {
            let expected = m["expected"].as_u64().expect("a whole number expected");
            format!("{}/{expected}", m["one_on_ones"])
        })
        .collect();
    let wanted: Vec<&str> = MONTHS.iter().map(|(_, figure)| *figure).collect();
    assert_eq!(figures, wanted);
    assert_eq!(json["since"], "2026-08-14");
    assert_eq!(json["moods"][0]["mood"], 3, "named fields, not tuples");
    assert!(
        json["moods"][0]["at"]
            .as_str()
            .is_some_and(|at| at.starts_with("2026-08-20")),
        "{}",
        json["moods"]
    );

    let text = journal.ok(&["trends", "Ana"]);
    assert!(text.contains("Ana Lima · the last 4 months"), "{text}");
    assert!(!text.contains("Dec 2025"), "{text}");
    for (month, figure) in MONTHS {
        let row = text
            .lines()
            .find(|l| l.starts_with(month))
            .unwrap_or_else(|| panic!("{month}: {text}"));
        assert!(row.contains(&format!("  {figure}  ")), "{row}");
    }
    assert!(!text.contains(".5") && !text.contains(" of "), "{text}");

    let markdown = journal.ok(&["review", "Ana"]);
    let table: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" 2026 |"))
        .collect();
    assert_eq!(table.len(), 4, "{markdown}");
    for ((month, figure), row) in MONTHS.iter().zip(&table) {
        assert!(row.starts_with(&format!("| {month} |")), "{row}");
        assert!(row.ends_with(&format!("| {figure} |")), "{row}");
    }
    assert!(
        markdown.contains("\n2026-08-14 to 2026-11-23 ·"),
        "the period starts when she was first there: {markdown}"
    );

    let page = journal.dir().join("ana.html");
    journal.ok(&[
        "review",
        "Ana",
        "--format",
        "html",
        "--output",
        page.to_str().expect("a UTF-8 path"),
    ]);
    let html = std::fs::read_to_string(&page).expect("the page");
    for (month, figure) in MONTHS {
        assert!(
            html.contains(&format!(
                "<tr><td>{month}</td><td>3.0</td><td>{figure}</td></tr>"
            )),
            "{month}: {html}"
        );
    }
    assert!(!html.contains("Dec 2025"), "{html}");

    let mut tui = app(&journal);
    press(&mut tui, KeyCode::Char('2'));
    press(&mut tui, KeyCode::Char('T'));
    assert!(matches!(tui.overlay, Some(Overlay::Trends(_))));
    let shown = screen(&tui, 160, 48);
    assert!(shown.contains("Ana Lima · the last 4 months"), "{shown}");
    let row = shown
        .lines()
        .find(|l| l.contains("1:1s  "))
        .unwrap_or_else(|| panic!("a 1:1s row: {shown}"));
    let row = row.replace(['│', '"'], " ");
    let cells: Vec<&str> = row
        .split_whitespace()
        .skip_while(|w| *w != "1:1s")
        .collect();
    assert_eq!(cells[1..], wanted[..], "{row}");
}

/// The strips count the twelve weeks from Mon 7 Sep to today: 78 days at 12 are 6.5 1:1s
/// expected, which reads 7 — the rule the trends use — and the six held fall short of it.
#[test]
fn the_timeline_strip_words_held_against_expected_as_the_trends_do() {
    let journal = ana_since_august();
    let mut tui = app(&journal);
    press(&mut tui, KeyCode::Char('4'));
    let shown = screen(&tui, 200, 50);
    let strip = shown
        .lines()
        .find(|l| l.contains("Ana Lima") && l.contains('/'))
        .unwrap_or_else(|| panic!("Ana's strip: {shown}"));
    let strip = strip.replace(['│', '"'], " ");
    assert_eq!(strip.split_whitespace().last(), Some("6/7"), "{strip}");
}

/// The week's mood trend is drawn on the fixed 1–5 scale on the screen and by `rapport
/// week`: weeks of 3s read a middling bar on both, never a full one.
#[test]
fn the_weeks_mood_trend_has_one_absolute_scale() {
    let journal = ana_since_august();
    let text = journal.ok(&["week"]);
    let trend = text
        .lines()
        .find_map(|l| l.strip_prefix("Mood        12-week trend "))
        .unwrap_or_else(|| panic!("a mood trend: {text}"))
        .to_string();
    assert_eq!(trend.chars().count(), 12, "{trend:?}");
    assert_eq!(
        trend.chars().filter(|c| *c == '▅').count(),
        6,
        "six weeks with a mood of 3: {trend:?}"
    );
    assert!(!trend.contains('█'), "{trend:?}");
    let mut tui = app(&journal);
    press(&mut tui, KeyCode::Char('6'));
    let shown = screen(&tui, 160, 48);
    assert!(
        shown.contains(&format!("{trend} 12 wk")),
        "{trend:?}\n{shown}"
    );
}
