//! The interface under stress, driven as the real binary in a pseudo-terminal: signals, a
//! panic and failures in the middle of a save. Each test checks the terminal was handed
//! back in a usable state, what reached the screen, and what the journal holds.

use crate::common;
use crate::pty;

use std::path::Path;
use std::thread;
use std::time::Duration;

use pty::Session;
use tempfile::TempDir;

/// A word that appears only in the notes typed by these tests.
const MARKER: &str = "zqxmarker";

/// A journal with Tom in it, due for a 1:1.
fn journal_with_tom(dir: &Path) -> std::path::PathBuf {
    let journal = dir.join("rapport.db");
    let mut store = common::open(&journal).expect("the journal opens");
    store
        .add_person(&rapport::domain::NewPerson {
            name: "Tom Becker".into(),
            cadence_days: Some(7),
            ..Default::default()
        })
        .expect("Tom is added");
    journal
}

/// Opens the Log form for Tom and types a summary and notes holding the marker.
fn fill_log_form(app: &mut Session) {
    app.wait_for("Due for a 1:1");
    app.type_text("n");
    app.wait_for("Log a conversation");
    app.type_text("tom");
    app.enter();
    app.focus_field("Summary");
    app.type_text("Rota");
    app.focus_field("Notes");
    app.type_text(&format!("notes {MARKER}"));
    app.wait_for(MARKER);
}

fn draft(journal: &Path) -> Option<String> {
    common::open(journal)
        .expect("the journal opens")
        .draft("log")
        .expect("drafts read")
}

fn conversations(journal: &Path) -> i64 {
    rusqlite::Connection::open(journal)
        .expect("the journal opens")
        .query_row("SELECT count(*) FROM conversation", [], |r| r.get(0))
        .expect("count")
}

fn assert_terminal_handed_back(app: &Session) {
    assert!(!app.alternate_screen(), "the alternate screen was left");
    assert!(
        app.cooked_with_echo(),
        "the terminal is back in cooked mode with echo"
    );
}

#[test]
fn sigterm_mid_edit_restores_the_terminal_and_keeps_the_draft() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = journal_with_tom(dir.path());
    let mut app = Session::start(&journal, dir.path(), &[]);
    fill_log_form(&mut app);
    assert!(!app.cooked_with_echo(), "the interface runs in raw mode");
    // No pause for the draft's debounce: the signal itself must keep the form, so no
    // draft may exist yet (else the test would pass on the autosave alone).
    assert_eq!(draft(&journal), None, "no draft before the signal");
    app.signal(libc::SIGTERM);
    assert_eq!(app.wait_exit(), 0, "SIGTERM is a normal way to leave");
    assert_terminal_handed_back(&app);
    let kept = draft(&journal).expect("a draft is kept");
    assert!(kept.contains(MARKER), "the draft holds the notes: {kept}");
    assert!(
        !app.output_after_leaving().contains(MARKER),
        "no note text is left in the shell"
    );
}

#[test]
fn a_panic_restores_the_terminal_keeps_the_draft_and_says_little() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = journal_with_tom(dir.path());
    let mut app = Session::start(&journal, dir.path(), &[("RAPPORT_FAULT", "tui-panic")]);
    fill_log_form(&mut app);
    app.send(b"\x1b[24~"); // F12: the test-only panic trigger
    assert_eq!(app.wait_exit(), 1, "a panic ends with exit 1");
    assert_terminal_handed_back(&app);
    let said = app.output_after_leaving();
    let said = said.trim();
    assert!(
        said.starts_with("rapport: an internal error stopped the interface")
            && said.contains("your unsaved form was kept as a draft"),
        "one short sentence: {said:?}"
    );
    assert!(said.lines().count() == 1 && said.len() < 200, "{said:?}");
    for leak in [MARKER, "panicked", "injected", "backtrace"] {
        assert!(!said.contains(leak), "{leak:?} is not shown: {said:?}");
    }
    let kept = draft(&journal).expect("a draft is kept");
    assert!(kept.contains(MARKER), "the draft holds the notes: {kept}");
    assert_eq!(conversations(&journal), 0);

    // The next start offers the draft back.
    let mut again = Session::start(&journal, dir.path(), &[]);
    again.wait_for("Resume it?");
    again.type_text("y");
    again.wait_for(MARKER);
}

#[test]
fn a_failure_between_the_statements_of_a_save_keeps_the_form_and_writes_nothing() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = journal_with_tom(dir.path());
    let before = conversations(&journal);
    let mut app = Session::start(&journal, dir.path(), &[("RAPPORT_FAULT", "save-io")]);
    fill_log_form(&mut app);
    app.focus_field("Tags");
    app.type_text("rota");
    app.focus_field("Follow-ups");
    app.type_text("ask ops");
    app.enter();
    app.ctrl('s');
    app.wait_for("Not saved, your text is kept");
    // The form is still open with everything typed.
    for text in ["Log a conversation", "Rota", MARKER, "ask ops"] {
        assert!(app.screen().contains(text), "{text:?} is still on the form");
    }
    let raw = rusqlite::Connection::open(&journal).expect("the journal opens");
    for table in [
        "conversation",
        "conversation_need",
        "conversation_tag",
        "follow_up",
    ] {
        let rows: i64 = raw
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("count");
        let expected = if table == "conversation" { before } else { 0 };
        assert_eq!(rows, expected, "no row of the failed save is in {table}");
    }
    let marker_hits: i64 = raw
        .query_row(
            "SELECT count(*) FROM search_index WHERE search_index MATCH ?1",
            [MARKER],
            |r| r.get(0),
        )
        .expect("search");
    assert_eq!(marker_hits, 0, "nothing of the failed save was indexed");
    drop(raw);
    assert!(draft(&journal).expect("a draft").contains(MARKER));
    app.ctrl('c');
    app.wait_exit();
    assert_terminal_handed_back(&app);
}

/// The interface and the command line write at the same time: the command line keeps
/// saving from before the interface's first draft until after its save is acknowledged, all
/// of it lands, the saves interleave, and nobody is told the journal is locked.
#[test]
fn the_interface_and_the_command_line_write_at_once() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    let dir = TempDir::new().expect("a temp dir");
    let journal = journal_with_tom(dir.path());
    let mut app = Session::start(&journal, dir.path(), &[]);
    app.wait_for("Due for a 1:1");
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (journal, home, stop) = (journal.clone(), dir.path().join("home"), stop.clone());
        thread::spawn(move || {
            let mut runs = Vec::new();
            while !stop.load(Ordering::SeqCst) {
                let i = runs.len();
                let run = common::isolate(&mut std::process::Command::new(common::BIN))
                    .env("HOME", &home)
                    .arg("--db")
                    .arg(&journal)
                    .args(["log", "tom", "--summary", &format!("cli {i}")])
                    .args(["--need", "fun", "--tag", "cli"])
                    .output()
                    .expect("rapport runs");
                runs.push(run);
            }
            runs
        })
    };
    let cli_saves = || {
        rusqlite::Connection::open(&journal)
            .expect("the journal opens")
            .query_row(
                "SELECT count(*) FROM conversation WHERE summary LIKE 'cli %'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .expect("count")
    };
    let wait_for_cli_saves = |at_least: i64| {
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while cli_saves() < at_least {
            assert!(
                std::time::Instant::now() < deadline,
                "the CLI stopped saving"
            );
            thread::sleep(Duration::from_millis(5));
        }
    };
    wait_for_cli_saves(2);
    // Typing writes a draft after each pause; the CLI writes in between.
    fill_log_form(&mut app);
    wait_for_draft(&journal, MARKER);
    app.type_text(" more");
    wait_for_draft(&journal, "more");
    app.ctrl('s');
    app.wait_for("Logged a conversation with Tom Becker");
    // The CLI goes on after the interface's save, then stops.
    wait_for_cli_saves(cli_saves() + 2);
    stop.store(true, Ordering::SeqCst);
    let runs = writer.join().expect("the CLI writer ends");
    for run in &runs {
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(run.status.success(), "the CLI save succeeded: {stderr}");
        assert!(!stderr.contains("locked"), "{stderr}");
    }
    let screen = app.screen();
    assert!(
        !screen.contains("locked") && !screen.contains("Not saved"),
        "{screen}"
    );
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);
    let raw = rusqlite::Connection::open(&journal).expect("the journal opens");
    let summaries: Vec<String> = raw
        .prepare("SELECT summary FROM conversation ORDER BY id")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(summaries.len(), runs.len() + 1, "{summaries:?}");
    for i in 0..runs.len() {
        assert!(summaries.contains(&format!("cli {i}")), "cli {i} is there");
    }
    // The interface's save landed between command-line saves.
    let interface = summaries
        .iter()
        .position(|s| s == "Rota")
        .expect("the interface's save");
    assert!(
        interface >= 2 && interface + 2 < summaries.len(),
        "CLI saves before and after the interface's: {summaries:?}"
    );
    let check: String = raw
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
}

/// Waits until the interface has kept a draft holding `text`.
fn wait_for_draft(journal: &Path, text: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while !draft(journal).is_some_and(|d| d.contains(text)) {
        assert!(
            std::time::Instant::now() < deadline,
            "no draft with {text:?} was kept"
        );
        thread::sleep(Duration::from_millis(20));
    }
}

/// One user action is one transaction: the process dies (abort, as a kill would leave it)
/// between the statements of a save, and the journal holds all of the action or none of it.
/// A conversation saved with its draft still kept would be resumed and saved twice; a person
/// added without the profile typed with them would be half added.
#[test]
fn a_process_killed_inside_a_user_action_leaves_all_of_it_or_none() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = journal_with_tom(dir.path());
    let mut app = Session::start(&journal, dir.path(), &[("RAPPORT_FAULT", "save-kill")]);
    fill_log_form(&mut app);
    common::eventually("the draft is written", || {
        common::has_draft_with(&journal, MARKER)
    });
    app.ctrl('s');
    assert_ne!(app.wait_exit(), 0, "the process died inside the save");
    let saved = conversations(&journal) == 1;
    let drafted = draft(&journal).is_some();
    assert!(
        saved != drafted,
        "all or nothing: conversation saved {saved}, draft kept {drafted}"
    );
    assert!(!saved, "the save was rolled back with its draft removal");

    let mut again = Session::start(&journal, dir.path(), &[("RAPPORT_FAULT", "save-kill")]);
    again.wait_for("Resume it?");
    again.type_text("n");
    again.type_text("2");
    again.wait_for("Tom Becker");
    again.type_text("a");
    again.wait_for("Add a person");
    again.type_text("Ana Souza");
    for _ in 0..5 {
        again.tab(); // role → team → cadence → started → strengths
    }
    again.type_text("calm under pressure");
    again.ctrl('s');
    assert_ne!(again.wait_exit(), 0, "the process died inside the addition");
    let people = rusqlite::Connection::open(&journal)
        .expect("the journal opens")
        .prepare("SELECT name, strengths FROM person WHERE name = 'Ana Souza'")
        .expect("prepare")
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .expect("query")
        .collect::<Result<Vec<_>, _>>()
        .expect("rows");
    assert!(
        people.is_empty() || people[0].1 == "calm under pressure",
        "a person is added whole or not at all: {people:?}"
    );
    assert!(people.is_empty(), "the addition was rolled back");
}

/// Ctrl-Z hands the terminal back to the shell (the alternate screen left, the shell's own
/// "Stopped"), keeps a half-written form as a draft, and `fg` brings the
/// interface back as it was.
#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_brings_it_back() {
    let dir = TempDir::new().expect("a temp dir");
    let journal = journal_with_tom(dir.path());
    let mut shell = Session::start_shell(&journal, dir.path());
    shell.wait_for("$ ");
    shell.type_text(&format!("{} \r", common::BIN));
    fill_log_form(&mut shell);
    shell.ctrl('z');
    shell.wait_for("Stopped");
    // (Whether the line discipline is cooked here is bash's choice: readline edits its
    // prompt in a mode of its own.)
    assert!(!shell.alternate_screen(), "the alternate screen was left");
    let kept = draft(&journal).expect("the form is kept as a draft");
    assert!(kept.contains(MARKER), "{kept}");
    shell.type_text("fg\r");
    shell.wait_for("Log a conversation");
    shell.wait_for(MARKER);
    assert!(shell.alternate_screen(), "the interface is back");
    shell.ctrl('c');
    shell.wait_for("$ ");
    shell.type_text("exit\r");
    shell.wait_exit();
}
