//! Inputs at the edges, beyond the refusals in `cli_errors.rs`: control characters and
//! escape sequences (kept in the journal, never sent raw to a terminal), wide characters
//! (drawn at their true width), the accepted range of years and the name limit at its
//! border. Every refusal changes nothing.

use crate::common;
use crate::pty;

use common::{Journal, assert_one_line_failure};
use tempfile::TempDir;

/// Notes carrying what a pasted terminal capture or a hostile file might: a title change
/// (OSC), a screen clear, colours, a C1 control, a backspace and a bell.
const HOSTILE: &str = "red \u{1b}[31malert\u{1b}[0m \u{1b}]0;zqxtitle\u{7} \u{1b}[2J \u{9b}31m c1 back\u{8}space bell\u{7} end";

fn control_chars(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        .collect()
}

#[test]
fn escape_sequences_in_notes_are_kept_but_never_printed_raw() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    journal.ok(&[
        "log",
        "tom",
        "--summary",
        "Rota",
        "--notes",
        HOSTILE,
        "--tag",
        "rota",
        "--ack",
        "fixed the build",
        "--followup",
        "check the alert",
    ]);
    assert_eq!(
        journal.rows("SELECT notes FROM conversation"),
        [HOSTILE],
        "the journal keeps the text exactly"
    );
    let commands: &[&[&str]] = &[
        &["person", "show", "tom"],
        &["person", "list"],
        &["timeline"],
        &["search", "alert"],
        &["search", "red"],
        &["prep", "tom"],
        &["today"],
        &["week"],
        &["gaps"],
        &["followup", "list"],
        &["export", "--format", "markdown"],
        &["export", "--format", "csv"],
        &["export", "--format", "json"],
        &["timeline", "--json"],
        &["person", "show", "tom", "--json"],
    ];
    for args in commands {
        let out = journal.ok(args);
        let found = control_chars(&out);
        assert!(found.is_empty(), "{args:?} printed raw {found:?}:\n{out}");
    }
    // The JSON export escapes them and brings them back exactly.
    let file = journal.dir().join("export.json");
    journal.ok(&["export", "--output", file.to_str().expect("UTF-8")]);
    let other = Journal::new();
    other.ok(&["import", file.to_str().expect("UTF-8")]);
    assert_eq!(other.rows("SELECT notes FROM conversation"), [HOSTILE]);
    // The notes do reach the commands that show them (else the check above proves nothing).
    for args in [
        &["person", "show", "tom"][..],
        &["export", "--format", "markdown"],
    ] {
        assert!(
            journal.ok(args).contains("alert"),
            "{args:?} shows the notes"
        );
    }
}

#[test]
fn escape_sequences_in_notes_never_reach_the_terminal_from_the_interface() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = dir.path().join("rapport.db");
    {
        let mut store = common::open(&journal).expect("opens");
        let tom = common::person(&mut store, "Tom Baker");
        store
            .save_conversation(&rapport::domain::ConversationInput {
                summary: "Rota".into(),
                notes: HOSTILE.into(),
                ..common::one_on_one_at(tom, common::today().and_hms_opt(9, 0, 0).expect("a time"))
            })
            .expect("saved");
    }
    let mut app = pty::Session::start(&journal, dir.path(), &[]);
    app.wait_for("Today");
    // The person's page, then the conversation opened for editing (its notes in the
    // editor widget).
    app.type_text("2");
    app.wait_for("Tom Baker");
    app.type_text("l");
    app.wait_for("Rota");
    app.enter();
    app.wait_for("alert");
    app.ctrl('c');
    app.wait_exit();
    let raw = app.raw_output();
    assert!(
        raw.windows(5).any(|w| w == b"alert"),
        "the notes were on a screen (else the test proves nothing)"
    );
    for payload in [
        &b"\x1b]0;zqxtitle"[..],
        b"\x1b[2J",
        b"\xc2\x9b",
        b"\x08",
        b"\x07",
    ] {
        assert!(
            !raw.windows(payload.len()).any(|w| w == payload),
            "{:?} reached the terminal",
            String::from_utf8_lossy(payload)
        );
    }
}

#[test]
fn wide_characters_take_their_true_width_in_the_interface() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = dir.path().join("rapport.db");
    let people = [
        ("Ana Souza", "Engineer"),
        ("李小龍 陳", "工程師"),
        ("Zoë 🚀 Kim", "Designer 🎨"),
        ("محمد علي", "مهندس"),
    ];
    {
        let mut store = common::open(&journal).expect("opens");
        for (name, role) in people {
            store
                .add_person(&rapport::domain::NewPerson {
                    name: name.into(),
                    role: role.into(),
                    ..Default::default()
                })
                .expect("added");
        }
    }
    let mut app = pty::Session::start(&journal, dir.path(), &[]);
    app.type_text("2");
    app.wait_for("Ana Souza");
    // On each person's row the column after the role ("never", the last 1:1) starts at the
    // same terminal column, whatever the width of the characters before it.
    // The frame may still be arriving: read the rows once all of them are there. A row of
    // the list holds the name (cut when long: found by its first word) and "never"; the
    // detail pane's title names the selected person too, without "never".
    let read_columns = || {
        people
            .iter()
            .map(|(name, _)| {
                let first = name.split_whitespace().next().unwrap_or(name);
                (0..pty::ROWS).find_map(|row| {
                    app.position_of_in_row(row, first)?;
                    let (_, never_col) = app.position_of_in_row(row, "never")?;
                    Some((*name, never_col))
                })
            })
            .collect::<Option<Vec<_>>>()
    };
    let mut columns = read_columns();
    common::eventually("every person's row is drawn", || {
        columns = read_columns();
        columns.is_some()
    });
    let columns = columns.expect("every row");
    let first = columns[0].1;
    assert!(
        columns.iter().all(|(_, col)| *col == first),
        "columns line up: {columns:?}\n{}",
        app.screen()
    );
}

#[test]
fn years_outside_1970_to_2100_are_refused_and_the_borders_accepted() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    for when in [
        "1969-12-31",
        "2101-01-01",
        "2150-06-01 10:00",
        "0001-01-01",
        "9999-12-31",
    ] {
        let before = journal.dump();
        let stderr = journal.fails(&["log", "tom", "--when", when], 2);
        assert!(stderr.contains("outside the years"), "{when}: {stderr}");
        let day = when.split(' ').next().expect("a date");
        let stderr = journal.fails(&["followup", "add", "tom", "x", "--due", day], 2);
        assert!(stderr.contains("outside the years"), "{when}: {stderr}");
        assert_eq!(journal.dump(), before, "{when}: nothing written");
    }
    // The borders themselves are accepted: the first day for a conversation, the last for
    // a follow-up (a conversation cannot be on a day still to come).
    journal.ok(&["log", "tom", "--when", "1970-01-01 00:00"]);
    journal.ok(&["followup", "add", "tom", "x", "--due", "2100-12-31"]);
    assert_eq!(journal.count("conversation"), 1);
    assert_eq!(journal.count("follow_up"), 1);
}

#[test]
fn a_conversation_or_acknowledgement_on_a_day_still_to_come_is_refused() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    for when in ["tomorrow", "+3", "2100-12-31 23:59"] {
        let before = journal.dump();
        let stderr = journal.fails(&["log", "tom", "--when", when], 2);
        assert!(stderr.contains("has not happened yet"), "{when}: {stderr}");
        assert_eq!(journal.dump(), before, "{when}: nothing written");
    }
    let stderr = journal.fails(&["ack", "tom", "for the demo", "--when", "tomorrow"], 2);
    assert!(stderr.contains("has not happened yet"), "{stderr}");
    journal.ok(&["log", "tom", "--when", "today 23:59"]);
    assert_eq!(journal.count("conversation"), 1);
    assert_eq!(journal.count("acknowledgement"), 0);
}

#[test]
fn names_are_limited_to_100_characters_however_wide() {
    let journal = Journal::new();
    for name in ["x".repeat(100), "龍".repeat(100), "🚀".repeat(100)] {
        journal.ok(&["person", "add", &name]);
    }
    assert_eq!(journal.count("person"), 3);
    for name in [
        "x".repeat(101),
        "龍".repeat(101),
        "🚀".repeat(101),
        "tab\there".into(),
        "esc \u{1b}[31m red".into(),
        "line\nbreak".into(),
        "\u{9b}c1".into(),
    ] {
        let before = journal.dump();
        let run = journal.run(&["person", "add", &name]);
        assert_one_line_failure(&run, 2, &["person", "add"]);
        assert!(
            control_chars(&run.stderr).is_empty(),
            "the refusal does not echo control characters: {:?}",
            run.stderr
        );
        assert_eq!(journal.dump(), before);
    }
}
