//! Journal paths that cannot be used: a damaged file, one the user may not write, one on a
//! full disk, a path that does not exist yet. Each command gets one clear sentence and exit
//! 1, and the file is byte for byte as it was; a refused command creates nothing.
//!
//! Permission checks do not apply to root, so when the tests run as root the commands that
//! need them run as the unprivileged `nobody` user.

use crate::common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{Journal, Run, SmallDisk, assert_one_line_failure, execute};

/// The commands tried on every bad journal: reading, checking, adding, logging.
const COMMANDS: &[&[&str]] = &[
    &["person", "list"],
    &["check"],
    &["person", "add", "Ana"],
    &[
        "log",
        "tom",
        "--summary",
        "zqxsecret summary",
        "--notes",
        "zqxsecret",
    ],
    &["timeline"],
];

/// Who runs the permission tests: `nobody` (with a copy of the binary it can reach) when
/// we are root, else ourselves.
struct Runner {
    nobody: Option<common::Nobody>,
}

impl Runner {
    /// None (with the reason printed) when permissions cannot be tested here.
    fn new() -> Option<Runner> {
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } != 0 {
            return Some(Runner { nobody: None });
        }
        common::Nobody::when_root().map(|nobody| Runner {
            nobody: Some(nobody),
        })
    }

    /// Makes `path` belong to whoever runs the commands.
    fn own(&self, path: &Path) {
        if let Some(nobody) = &self.nobody {
            nobody.own(path);
        }
    }

    fn run(&self, journal: &Journal, db: &Path, args: &[&str]) -> Run {
        match &self.nobody {
            Some(nobody) => execute(&mut nobody.command(journal, db, args), None),
            None => {
                let mut command = journal.bare_command();
                command.arg("--db").arg(db).args(args);
                execute(&mut command, None)
            }
        }
    }
}

/// A journal with Tom and one conversation, closed (no side files), in its own folder that
/// others may enter (so `nobody` can reach it).
fn healthy(journal: &Journal) -> PathBuf {
    journal.add_people(&["Tom Baker"]);
    journal.ok(&["log", "tom", "--summary", "first talk", "--notes", "fine"]);
    fs::set_permissions(journal.dir(), fs::Permissions::from_mode(0o755)).expect("chmod");
    journal.path.clone()
}

/// Every command fails with exit 1 and one sentence containing `says`, and leaves the file
/// (and its folder) exactly as it was. Returns how many commands were tried.
fn assert_refused(journal: &Journal, runner: &Runner, db: &Path, says: &[&str]) -> usize {
    let before = fs::read(db).expect("the journal reads");
    let folder_before = listing(db.parent().expect("a folder"));
    for args in COMMANDS {
        let run = runner.run(journal, db, args);
        assert_one_line_failure(&run, 1, args);
        assert!(
            says.iter().any(|s| run.stderr.contains(s)),
            "{args:?} on {}: expected one of {says:?}, got {}",
            db.display(),
            run.stderr
        );
        assert!(
            !run.stderr.contains("zqxsecret"),
            "no note text: {}",
            run.stderr
        );
        assert_eq!(
            fs::read(db).expect("reads"),
            before,
            "{args:?}: bytes unchanged"
        );
        assert_eq!(
            listing(db.parent().expect("a folder")),
            folder_before,
            "{args:?}: no file was added or removed beside the journal"
        );
    }
    COMMANDS.len()
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("lists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

#[test]
fn a_truncated_journal_is_refused_untouched() {
    let journal = Journal::new();
    let db = healthy(&journal);
    let bytes = fs::read(&db).expect("reads");
    for keep in [bytes.len() / 2, 4096 + 100, bytes.len() - 1] {
        fs::write(&db, &bytes[..keep]).expect("truncates");
        assert_refused(&journal, &Runner { nobody: None }, &db, &["was cut off"]);
    }
}

#[test]
fn a_journal_with_a_corrupted_page_is_refused_untouched() {
    let journal = Journal::new();
    let db = healthy(&journal);
    let (page_size, root): (i64, i64) = {
        let conn = common::connect(&db);
        conn.query_row(
            "SELECT (SELECT page_size FROM pragma_page_size),
                    (SELECT rootpage FROM sqlite_master WHERE name = 'person')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("reads")
    };
    let mut bytes = fs::read(&db).expect("reads");
    let start = ((root - 1) * page_size) as usize;
    bytes[start..start + 64].fill(0xA5);
    fs::write(&db, &bytes).expect("writes");
    assert_refused(
        &journal,
        &Runner { nobody: None },
        &db,
        &["is damaged", "failed its integrity check"],
    );
}

#[test]
fn a_read_only_journal_is_refused_untouched() {
    let Some(runner) = Runner::new() else { return };
    let journal = Journal::new();
    let db = healthy(&journal);
    runner.own(journal.dir());
    runner.own(&db);
    fs::set_permissions(&db, fs::Permissions::from_mode(0o400)).expect("chmod");
    assert_refused(&journal, &runner, &db, &["cannot be written", "read-only"]);
}

#[test]
fn a_journal_in_a_folder_without_write_permission_is_refused_untouched() {
    let Some(runner) = Runner::new() else { return };
    let journal = Journal::new();
    let db = healthy(&journal);
    runner.own(&db);
    // As root the folder stays root's (0755), which nobody cannot write; otherwise 0555.
    if runner.nobody.is_none() {
        fs::set_permissions(journal.dir(), fs::Permissions::from_mode(0o555)).expect("chmod");
    }
    assert_refused(&journal, &runner, &db, &["cannot be written"]);
    fs::set_permissions(journal.dir(), fs::Permissions::from_mode(0o755)).expect("chmod");
}

/// A command refused on a path where no journal exists yet leaves nothing behind: no empty
/// journal, no folders.
#[test]
fn a_refused_command_creates_no_journal() {
    let journal = Journal::new();
    let cases: &[&[&str]] = &[
        &["person", "show", "zed"],
        &["log", "zed", "--notes", "zqxsecret"],
        &["log", "zed", "--when", "2026-02-30"],
        &["followup", "done", "7"],
        &["demo", "--people", "0"],
        &["aspiration", "add", "zed", "Speak"],
        &["import", "/nonexistent/export.json"],
    ];
    for args in cases {
        let db = journal.dir().join("new").join("deeper").join("journal.db");
        let mut command = journal.bare_command();
        command.arg("--db").arg(&db).args(*args);
        let run = execute(&mut command, None);
        assert_ne!(run.code, 0, "{args:?} is refused");
        assert!(
            !journal.dir().join("new").exists(),
            "{args:?} left {:?}",
            fs::read_dir(journal.dir().join("new")).map(|d| d.count())
        );
    }
    // An existing empty journal is not removed by a refused command.
    drop(common::open(&journal.path).expect("a new journal"));
    journal.ok(&["person", "list"]);
    let said = journal.fails(&["person", "show", "zed"], 1);
    assert!(said.contains("nobody is called \"zed\""), "{said}");
    assert!(journal.path.exists(), "an existing journal stays");
}

#[test]
fn an_empty_file_adopted_as_a_journal_becomes_private() {
    let journal = Journal::new();
    fs::write(&journal.path, b"").expect("an empty file");
    fs::set_permissions(&journal.path, fs::Permissions::from_mode(0o644)).expect("chmod");
    journal.ok(&["person", "add", "Ana"]);
    assert_eq!(common::mode(&journal.path), 0o600);
}

/// The journal's folder on a 1 MiB tmpfs that is then filled: a write gets one sentence,
/// changes nothing, and after space is freed the same write succeeds. Mounting needs root;
/// without it the same promise is checked with SQLite's "disk full" injected into the save.
#[test]
fn a_full_disk_refuses_writes_untouched_then_recovers() {
    // Room for a new journal (its schema alone is about half a megabyte) and a 1:1 with
    // long notes once the filler is gone.
    let Some(disk) = SmallDisk::mount("2m") else {
        a_disk_full_error_refuses_the_save_untouched_then_recovers();
        return;
    };
    let journal = Journal::new();
    let db = disk.path.join("journal.db");
    let mut add = journal.bare_command();
    add.arg("--db")
        .arg(&db)
        .args(["person", "add", "Tom Baker"]);
    assert_eq!(execute(&mut add, None).code, 0);
    let filler = disk.fill();
    let before = fs::read(&db).expect("reads");
    let notes = journal.dir().join("notes.txt");
    fs::write(&notes, "zqxsecret ".repeat(20_000)).expect("the notes file");
    let notes = notes.to_str().expect("a UTF-8 path");
    for args in [
        &["person", "add", "Ana"][..],
        &["log", "tom", "--notes-file", notes][..],
    ] {
        let mut command = journal.bare_command();
        command.arg("--db").arg(&db).args(args);
        let run = execute(&mut command, None);
        assert_one_line_failure(&run, 1, &args[..2]);
        assert!(run.stderr.contains("the disk is full"), "{}", run.stderr);
        assert!(!run.stderr.contains("zqxsecret"));
        assert_eq!(fs::read(&db).expect("reads"), before, "{args:?}: unchanged");
    }
    // A new journal on the full disk: refused, and nothing is left behind.
    let fresh = disk.path.join("fresh").join("journal.db");
    let mut create = journal.bare_command();
    create
        .arg("--db")
        .arg(&fresh)
        .args(["person", "add", "Ana"]);
    let run = execute(&mut create, None);
    assert_one_line_failure(&run, 1, &["person", "add"]);
    assert!(!disk.path.join("fresh").exists(), "nothing left behind");

    fs::remove_file(filler).expect("space is freed");
    let mut again = journal.bare_command();
    again
        .arg("--db")
        .arg(&db)
        .args(["log", "tom", "--notes-file", notes]);
    let run = execute(&mut again, None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let check: String = common::connect(&db)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("check");
    assert_eq!(check, "ok");
    assert_eq!(common::count(&db, "conversation"), 1);
}

/// A panic in a command (the test-only `cli-panic` fault, whose message quotes note text)
/// prints one sentence naming where it happened, never the message.
#[test]
fn a_panic_in_a_command_prints_one_sentence_without_its_message() {
    let journal = Journal::new();
    let mut command = journal.command(&["person", "list"]);
    command.env("RAPPORT_FAULT", "cli-panic");
    let run = execute(&mut command, None);
    assert_eq!(run.code, 101, "{run:?}");
    assert!(
        run.stderr
            .starts_with("rapport: an internal error stopped the command (at src/"),
        "{:?}",
        run.stderr
    );
    assert_eq!(run.stderr.lines().count(), 1, "{:?}", run.stderr);
    for leak in ["zqxsecret", "panicked", "injected"] {
        assert!(!run.stderr.contains(leak), "{leak}: {:?}", run.stderr);
    }
}

/// The full-disk promise where no small disk can be mounted: the save fails with SQLite's
/// own "disk full" between its statements, one sentence, nothing written; without the fault
/// the same save succeeds. Runs on its own too, so the fallback is known to work.
#[test]
fn a_disk_full_error_refuses_the_save_untouched_then_recovers() {
    println!("no tmpfs could be mounted: checking with an injected SQLITE_FULL instead");
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    let before = journal.dump();
    let args = ["log", "tom", "--notes", "zqxsecret notes", "--need", "fun"];
    let mut command = journal.command(&args);
    command.env("RAPPORT_FAULT", "save-full");
    let run = execute(&mut command, None);
    assert_one_line_failure(&run, 1, &args);
    assert!(run.stderr.contains("the disk is full"), "{}", run.stderr);
    assert!(!run.stderr.contains("zqxsecret"));
    assert_eq!(journal.dump(), before, "nothing of the save is written");
    journal.ok(&args);
    assert_eq!(journal.count("conversation"), 1);
}
