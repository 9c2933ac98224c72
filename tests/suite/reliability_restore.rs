//! Restores against live Rapports: an open interface, command lines writing in a loop, a
//! journal file replaced behind the interface's back. No save Rapport acknowledged may end
//! up in no file at all.

use crate::common;
use crate::pty;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::Duration;

use common::{Journal, side_file};
use pty::Session;

const REFUSAL: &str = "close the other Rapport windows first";

/// A journal with Tom Becker (due for a 1:1, never met) and a backup of it, `b1.db`.
fn journal_with_a_backup() -> (Journal, PathBuf) {
    let journal = Journal::new();
    journal.add_people(&["Tom Becker"]);
    let backup = journal.dir().join("b1.db");
    journal.ok(&["backup", backup.to_str().expect("a UTF-8 path")]);
    (journal, backup)
}

fn interface(journal: &Journal) -> Session {
    let home = journal.dir().join("home");
    fs::create_dir_all(&home).expect("a home folder");
    let app = Session::start(&journal.path, &home, &[]);
    app.wait_for("Due for a 1:1");
    app
}

/// Opens the Log form for Tom and types `summary`.
fn log_in_the_interface(app: &mut Session, summary: &str) {
    app.type_text("n");
    app.wait_for("Log a conversation");
    app.type_text("tom");
    app.enter();
    app.focus_field("Summary");
    app.type_text(summary);
    app.wait_for(summary);
}

fn summaries(path: &Path) -> BTreeSet<String> {
    common::rows(path, "SELECT summary FROM conversation")
        .into_iter()
        .collect()
}

/// The safety copies restores made, `backups/before-restore-*.db`.
fn safety_copies(journal: &Journal) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(journal.dir().join("backups")) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("before-restore-") && n.ends_with(".db"))
        })
        .collect()
}

/// An idle interface has the journal open: the restore is refused with one sentence, and
/// what the interface logs afterwards is in the journal. Once the interface is closed the
/// same restore goes through and keeps that save in its safety copy.
#[test]
fn a_restore_is_refused_while_the_interface_has_the_journal_open() {
    let (journal, backup) = journal_with_a_backup();
    let mut app = interface(&journal);
    let refused = journal.fails(&["restore", backup.to_str().expect("UTF-8"), "--yes"], 1);
    assert!(refused.contains(REFUSAL), "{refused}");
    assert!(
        safety_copies(&journal).is_empty(),
        "a refusal copies nothing"
    );

    log_in_the_interface(&mut app, "Rota");
    app.ctrl('s');
    app.wait_for("Logged a conversation with Tom Becker");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);
    assert!(summaries(&journal.path).contains("Rota"));

    let restored = journal.ok(&["restore", backup.to_str().expect("UTF-8"), "--yes"]);
    assert!(restored.contains("Restored"), "{restored}");
    assert!(!summaries(&journal.path).contains("Rota"));
    let copies = safety_copies(&journal);
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(summaries(&copies[0]).contains("Rota"), "the save is kept");
}

/// Another program (an older Rapport, a sync tool) renames a file over the journal while
/// the interface is open. The interface's next save is refused with a sentence saying why,
/// the form keeps its text, and nothing is written into the deleted file.
#[test]
fn an_interface_whose_journal_was_replaced_stops_writing_and_says_why() {
    let (journal, backup) = journal_with_a_backup();
    let mut app = interface(&journal);
    log_in_the_interface(&mut app, "Rota");

    let incoming = journal.dir().join("incoming.db");
    fs::copy(&backup, &incoming).expect("a copy of the backup");
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(side_file(&journal.path, suffix));
    }
    fs::rename(&incoming, &journal.path).expect("the journal is replaced");

    app.ctrl('s');
    app.wait_for("was replaced");
    let screen = app.screen();
    assert!(
        !screen.contains("Logged"),
        "no save is acknowledged: {screen}"
    );
    assert!(screen.contains("Rota"), "the form keeps its text: {screen}");
    assert!(screen.contains("restart Rapport"), "{screen}");
    app.ctrl('c');
    app.wait_exit();
    assert!(
        summaries(&journal.path).is_empty(),
        "the new journal is as it came"
    );
}

/// `rapport log` run in a loop (120 times; 400 under RAPPORT_SOAK=1) while restores are
/// tried until six went through. Every save a `log` acknowledged is in the final journal or
/// in one of the safety copies the restores made; refused restores said so in one sentence.
#[test]
fn writes_racing_restores_lose_nothing() {
    let writes: usize = if common::soak() { 400 } else { 120 };
    const RESTORES: usize = 6;
    let (journal, backup) = journal_with_a_backup();
    let backup = backup.to_str().expect("UTF-8").to_string();
    let (acknowledged, restored, refused) = thread::scope(|scope| {
        let writer = scope.spawn(|| {
            (0..writes)
                .filter(|i| {
                    let run = journal.run(&["log", "tom", "--summary", &format!("race {i}")]);
                    assert!(
                        run.code == 0 || run.code == 1,
                        "log {i} ended with {}: {}",
                        run.code,
                        run.stderr
                    );
                    run.code == 0
                })
                .collect::<Vec<_>>()
        });
        let (mut restored, mut refused) = (0, 0);
        while restored < RESTORES && !writer.is_finished() {
            // Spread over the writes rather than all at their start.
            thread::sleep(Duration::from_millis(100));
            let run = journal.run(&["restore", &backup, "--yes"]);
            match run.code {
                0 => restored += 1,
                _ => {
                    common::assert_one_line_failure(&run, 1, &["restore"]);
                    assert!(run.stderr.contains(REFUSAL), "{}", run.stderr);
                    refused += 1;
                }
            }
        }
        let acknowledged = writer.join().expect("the writer ends");
        (acknowledged, restored, refused)
    });
    println!(
        "{} of {writes} saves acknowledged; {restored} restores went through, {refused} were refused",
        acknowledged.len()
    );
    assert!(restored >= 1, "at least one restore went through mid-way");

    let mut everywhere = summaries(&journal.path);
    let copies = safety_copies(&journal);
    assert_eq!(copies.len(), restored, "one safety copy per restore");
    for copy in &copies {
        everywhere.extend(summaries(copy));
    }
    let lost: Vec<_> = acknowledged
        .iter()
        .filter(|i| !everywhere.contains(&format!("race {i}")))
        .collect();
    let in_final = summaries(&journal.path)
        .iter()
        .filter(|s| s.starts_with("race "))
        .count();
    println!(
        "{in_final} in the final journal, {} only in safety copies, {} lost",
        acknowledged.len() - in_final - lost.len(),
        lost.len()
    );
    assert!(lost.is_empty(), "acknowledged saves in no file: {lost:?}");
    let check = common::rows(&journal.path, "PRAGMA integrity_check");
    assert_eq!(check, ["ok"]);
}

/// A first command creates a new journal and is refused (a damaged import) while the
/// interface has meanwhile opened that same new journal: the cleanup of the refused command
/// leaves the journal alone, and what the interface adds is kept.
#[test]
fn a_refused_first_command_never_removes_a_journal_another_rapport_opened() {
    let journal = Journal::new();
    let new = journal.dir().join("new").join("journal.db");
    let garbage = journal.dir().join("garbage.json");
    fs::write(&garbage, "{ not an export").expect("a damaged export");
    let mut import = journal.bare_command();
    import
        .arg("--db")
        .arg(&new)
        .args(["import", garbage.to_str().expect("UTF-8")])
        .env("RAPPORT_FAULT", "slow-open")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    let import = import.spawn().expect("the import starts");
    while !new.exists() {
        thread::sleep(Duration::from_millis(10));
    }
    let home = journal.dir().join("home");
    fs::create_dir_all(&home).expect("a home folder");
    let mut app = Session::start(&new, &home, &[]);
    app.wait_for("Welcome to Rapport");
    let refused = import.wait_with_output().expect("the import ends");
    assert_eq!(refused.status.code(), Some(1), "the import is refused");
    assert!(
        new.exists(),
        "the journal the interface uses is still there"
    );

    app.type_text("a");
    app.wait_for("Add a person");
    app.type_text("Ann Lee");
    app.ctrl('s');
    app.wait_for("Added Ann Lee");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(common::rows(&new, "SELECT name FROM person"), ["Ann Lee"]);
}

/// Eight commands creating the same new journal at once: one sets it up under the lock,
/// the others wait and open it; none is told it is "not a Rapport journal".
#[test]
fn rapports_creating_one_new_journal_at_once_all_succeed() {
    let journal = Journal::new();
    let runs: Vec<_> = thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let journal = &journal;
                scope.spawn(move || journal.run(&["person", "add", &format!("Person {i}")]))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a run"))
            .collect()
    });
    for run in &runs {
        common::assert_ok(run, &["person", "add"]);
    }
    assert_eq!(journal.count("person"), 8);
}
