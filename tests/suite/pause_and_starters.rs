//! Leave silences promises, and nobody is a 1:1 before they start: a paused person's
//! follow-ups read "paused" and never slip, their concerns do not name the team's thinnest
//! need, and the calendar plans their first 1:1 back; someone starting later is not ranked
//! or logged as a 1:1 before their first day, and "never met" counts from the earliest sign
//! they were there.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use crate::common::{self, Journal};
use crate::tui::{press, press_mod, screen, status, type_text};
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
    assert!(line_of(&today, "offsite").contains("overdue 5d"), "{today}");
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
    assert!(!said.contains("A concern about Security is open"), "{said}");
    // Once she is back, her concern is the team's to answer again (an open concern is not
    // a missing need: it is said as what it is).
    let back = ok_at(&journal, "2026-12-07T09:00:00", &["today"]);
    assert!(back.contains("A concern about Security is open"), "{back}");
}

/// Ana, seen yesterday with every need met and acknowledged: nothing to rank her for. Nia
/// starts next Monday, 30 November.
fn nia_starting() -> Journal {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Ana Lima"]);
    journal.ok(&["person", "add", "Nia Okafor", "--started", "2026-11-30"]);
    journal.ok(&[
        "log",
        "Ana",
        "--when",
        "2026-11-22 10:00",
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
        "--ack",
        "the clean migration",
    ]);
    journal
}

const NIA_REFUSED: &str = "Nia Okafor starts on Mon 30 Nov 2026: a 1:1 cannot be logged before then, though an informal chat can";

#[test]
fn someone_starting_later_is_not_ranked_and_cannot_have_a_one_on_one_yet() {
    let journal = nia_starting();
    // Gaps: listed last, not ranked above anyone, reading when they start.
    let gaps = json(&journal.ok(&["gaps", "--json"]));
    let rows = gaps["rows"].as_array().expect("rows");
    let names: Vec<&str> = rows
        .iter()
        .filter_map(|r| r["person"]["name"].as_str())
        .collect();
    assert_eq!(names, ["Ana Lima", "Nia Okafor"], "{gaps}");
    assert_eq!(rows[1]["score"], 0, "{gaps}");
    let text = journal.ok(&["gaps"]);
    let nia = text.lines().find(|l| l.contains("Nia")).expect("Nia's row");
    assert!(nia.contains("from 30 Nov"), "{text}");

    // `rapport log`: a 1:1 is refused in one sentence; an informal chat is not.
    let said = journal.fails(&["log", "Nia", "--summary", "Welcome"], 2);
    assert_eq!(said.trim(), format!("rapport: {NIA_REFUSED}"));
    assert_eq!(journal.count("conversation"), 1);
    journal.ok(&[
        "log",
        "Nia",
        "--kind",
        "informal",
        "--summary",
        "Welcome coffee",
    ]);
    assert_eq!(journal.count("conversation"), 2);

    // Gaps in the TUI: Enter on her row says why and opens no form.
    let mut app = app_on(&journal);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(
        app.gaps.selected_row().map(|r| r.person.name.as_str()),
        Some("Nia Okafor")
    );
    let gaps = screen(&app, 120, 36);
    assert!(
        gaps.contains("Nia starts Mon 30 Nov: no 1:1 before then"),
        "{gaps}"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(status(&app), format!("{NIA_REFUSED}."));
    let still = screen(&app, 120, 36);
    assert!(
        still.contains("no 1:1 before then"),
        "still on Gaps: {still}"
    );

    // The Log form: saving a 1:1 with her says why under the date.
    press(&mut app, KeyCode::Char('3'));
    type_text(&mut app, "nia");
    press(&mut app, KeyCode::Enter);
    press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let form = screen(&app, 120, 36);
    assert!(
        form.contains("Nia Okafor starts on Mon 30 Nov 2026"),
        "{form}"
    );
    drop(app);
    assert_eq!(journal.count("conversation"), 2);
}

#[test]
fn a_first_prep_leads_with_getting_to_know_them() {
    let journal = nia_starting();
    let prep = journal.ok(&["prep", "Nia"]);
    let at = |what: &str| {
        prep.find(what)
            .unwrap_or_else(|| panic!("no {what} in {prep}"))
    };
    // The guide comes first, before what would you change and the needs.
    assert!(at("Getting to know") < at("Still unknown"), "{prep}");
    assert!(at("Getting to know") < at("Not addressed yet"), "{prep}");
    // The five needs are named once, without ten questions burying the guide.
    assert!(!prep.contains("Not addressed lately"), "{prep}");
    assert!(
        prep.contains(
            "Not addressed yet: Competence, Belonging, Autonomy, Fun, Security (ask about them once you know them)"
        ),
        "{prep}"
    );
    // Once met, prep is the usual one: the needs with their questions.
    let after = journal.ok(&["prep", "Ana"]);
    assert!(!after.contains("Getting to know"), "{after}");
}

#[test]
fn never_met_counts_from_the_first_conversation_in_a_back_filled_journal() {
    // Lee, added today, with two months of 1:1s written in afterwards, none about belonging.
    let journal = Journal::new();
    journal.ok(&["person", "add", "Lee Park"]);
    for when in ["2026-09-21 10:00", "2026-10-05 10:00", "2026-10-19 10:00"] {
        journal.ok(&["log", "Lee", "--when", when, "--need", "competence"]);
    }
    let gaps = json(&journal.ok(&["gaps", "--json"]));
    let lee = &gaps["rows"][0];
    let belonging = &lee["needs"]["belonging"];
    // Never met in the two months since 21 September: a gap, not "new, nothing yet".
    assert_eq!(belonging["is_gap"], true, "{lee}");
    assert!(lee["score"].as_u64().is_some_and(|s| s >= 8), "{lee}");
}
