//! The progress line of long work at a terminal (docs/cli.md, "Progress"): drawn on
//! standard error only when it is a terminal and the output is not `--json`, cleared before
//! the outcome is said, and Ctrl-C under it undoes the work and leaves a clean terminal.

use std::path::{Path, PathBuf};

use crate::common::{self, BIN, Journal};
use crate::pty::Session;

/// The import holds before its first part of conversations (4096 rows a part) until the
/// test lets it go: its line is up, and can be read or interrupted, before the import ends.
const HOLD_IMPORT: (&str, &str) = ("RAPPORT_FAULT", "hold-import");

/// Waits until the import into `journal` holds: it has named what it reads and counted the
/// parts before, which a line at a terminal draws at once.
fn wait_until_held(journal: &Journal) {
    common::wait_until_held(&journal.path);
}

fn let_go(journal: &Journal) {
    common::let_go(&journal.path);
}

/// What the line draws besides its words: the spinner's braille dots.
fn has_spinner(text: &str) -> bool {
    text.chars().any(|c| ('\u{2800}'..='\u{28ff}').contains(&c))
}

/// A JSON export of a demo journal large enough to come in several parts, and how many
/// conversations it holds.
fn demo_export() -> (Journal, PathBuf, i64) {
    let source = Journal::new();
    source.ok(&["demo", "--people", "6", "--years", "3"]);
    let export = source.dir().join("export.json");
    source.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        export.to_str().expect("a UTF-8 path"),
    ]);
    let conversations = source.count("conversation");
    assert!(conversations > 0, "the demo journal has conversations");
    (source, export, conversations)
}

fn home_of(journal: &Journal) -> PathBuf {
    let home = journal.dir().join("home");
    std::fs::create_dir_all(&home).expect("a home folder");
    home
}

fn path_arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// The last line of the screen with anything on it.
fn last_line(screen: &str) -> String {
    screen
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

#[test]
fn an_import_shows_its_progress_at_a_terminal_and_nothing_when_piped_or_json() {
    let (_source, export, conversations) = demo_export();

    // At a terminal: the line names what is read, counts the file's bytes, and is gone
    // once the outcome is said.
    let journal = Journal::new();
    let home = home_of(&journal);
    let mut import = Session::start_program(
        BIN,
        &["import", path_arg(&export)],
        &journal.path,
        &home,
        &[HOLD_IMPORT],
    );
    wait_until_held(&journal);
    let size_kib = std::fs::metadata(&export).expect("the export").len() / 1024;
    import.wait_for(&format!("KiB/{size_kib}."));
    import.wait_for("reading conversations");
    let_go(&journal);
    assert_eq!(import.wait_exit(), 0);
    let drawn = String::from_utf8_lossy(&import.raw_output()).into_owned();
    assert!(
        drawn.contains(&format!("KiB/{size_kib}.")),
        "the line counts the file's bytes, of its {size_kib} KiB: {drawn}"
    );
    assert!(
        drawn.contains("left"),
        "the line says how long is left: {drawn}"
    );
    assert!(has_spinner(&drawn), "{drawn}");
    let screen = import.screen();
    assert!(
        !screen.contains("reading"),
        "the line was cleared:\n{screen}"
    );
    assert!(screen.contains("Added from"), "{screen}");
    assert_eq!(journal.count("conversation"), conversations);

    // Piped: standard error stays empty, and standard output holds the outcome alone.
    let piped = Journal::new();
    let child = piped
        .command(&["import", path_arg(&export)])
        .env(HOLD_IMPORT.0, HOLD_IMPORT.1)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the import starts");
    wait_until_held(&piped);
    let_go(&piped);
    let run = child.wait_with_output().expect("the import ends");
    assert!(run.status.success(), "{run:?}");
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "",
        "nothing but the outcome when piped"
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.starts_with("Added from"), "{stdout}");
    assert_eq!(piped.count("conversation"), conversations);

    // `--json` at a terminal: the JSON alone, no line drawn.
    let json = Journal::new();
    let mut import = Session::start_program(
        BIN,
        &["import", "--json", path_arg(&export)],
        &json.path,
        &home_of(&json),
        &[HOLD_IMPORT],
    );
    wait_until_held(&json);
    let_go(&json);
    assert_eq!(import.wait_exit(), 0);
    let drawn = String::from_utf8_lossy(&import.raw_output()).into_owned();
    assert!(
        !drawn.contains("reading") && !has_spinner(&drawn),
        "no progress line with --json: {drawn}"
    );
    assert!(drawn.trim_start().starts_with('{'), "{drawn}");
    assert_eq!(json.count("conversation"), conversations);
}

/// Ctrl-C while the line is up: the import stops at its next part and is undone, the line
/// is cleared, and the terminal's last line is the one sentence that says so.
#[test]
fn ctrl_c_under_the_progress_line_leaves_the_journal_empty_and_the_terminal_clean() {
    let (_source, export, conversations) = demo_export();
    let journal = Journal::new();
    // Made first, so the import loads into an empty journal (written once, see bulk.rs).
    drop(common::open(&journal.path).expect("a new journal"));
    let home = home_of(&journal);
    let mut import = Session::start_program(
        BIN,
        &["import", path_arg(&export)],
        &journal.path,
        &home,
        &[HOLD_IMPORT],
    );
    wait_until_held(&journal);
    import.wait_for("reading conversations");
    import.signal(libc::SIGINT);
    assert_eq!(import.wait_exit(), 1);
    let screen = import.screen();
    assert_eq!(
        last_line(&screen),
        "rapport: the import was interrupted; nothing was changed",
        "{screen}"
    );
    assert!(
        !screen.contains("reading"),
        "the line was cleared:\n{screen}"
    );
    assert_eq!(
        journal.count("conversation"),
        0,
        "nothing of the import kept"
    );
    assert_eq!(journal.count("person"), 0, "nothing of the import kept");
    assert_eq!(
        common::rows(&journal.path, "PRAGMA integrity_check"),
        ["ok"]
    );
    assert_eq!(common::rows(&journal.path, "PRAGMA journal_mode"), ["wal"]);

    // The same import, left alone, then brings everything.
    journal.ok(&["import", path_arg(&export)]);
    assert_eq!(journal.count("conversation"), conversations);
}

/// Demo, export, backup, check and encrypt each draw their line at a terminal (its own
/// words), clear it before the outcome, and draw nothing when standard error is piped.
#[test]
fn each_long_command_draws_its_line_at_a_terminal_and_nothing_when_piped() {
    use std::os::unix::fs::PermissionsExt;
    let journal = Journal::new();
    let home = home_of(&journal);
    let dir = journal.dir().to_path_buf();
    let key = dir.join("key");
    std::fs::write(&key, "correct horse battery staple\n").expect("the passphrase file");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("private");
    let export = dir.join("export.json");
    let copy = dir.join("copy.db");
    let commands: [(Vec<&str>, &str, &str); 5] = [
        (
            vec!["demo", "--people", "6", "--years", "2"],
            "making up conversations",
            "Made up a team",
        ),
        (
            vec!["export", "--format", "json", "-o", path_arg(&export)],
            "writing conversations",
            "Exported the journal",
        ),
        (
            vec!["backup", path_arg(&copy)],
            "copying the journal",
            "Backed up to",
        ),
        (vec!["check"], "checking every page", "Integrity"),
        (
            vec!["encrypt", "--new-passphrase-file", path_arg(&key)],
            "encrypting the journal",
            "Encrypted",
        ),
    ];
    for (args, words, outcome) in &commands {
        let mut run = Session::start_program(BIN, args, &journal.path, &home, &[]);
        assert_eq!(run.wait_exit(), 0, "{args:?}: {}", run.screen());
        let drawn = String::from_utf8_lossy(&run.raw_output()).into_owned();
        assert!(drawn.contains(words), "{args:?} draws {words:?}: {drawn}");
        let screen = run.screen();
        assert!(
            !screen.contains(words),
            "{args:?} clears its line:\n{screen}"
        );
        assert!(screen.contains(outcome), "{args:?}:\n{screen}");
    }

    // Piped: the same work says its outcome and nothing more.
    let piped = Journal::new();
    let export = piped.dir().join("export.json");
    let copy = piped.dir().join("copy.db");
    for args in [
        vec!["demo", "--people", "6", "--years", "2"],
        vec!["export", "--format", "json", "-o", path_arg(&export)],
        vec!["backup", path_arg(&copy)],
        vec!["check"],
    ] {
        let run = piped.run(&args);
        assert_eq!(run.code, 0, "{args:?}: {run:#?}");
        assert_eq!(run.stderr, "", "{args:?} adds nothing to standard error");
    }
}

/// Ctrl-C while an encrypt at a terminal swaps its files: the swap ends first (the
/// conversion holds the signal back), the line is cleared, what was done is said, and
/// only then does the signal end the run, every file encrypted and nothing left to finish.
#[test]
fn ctrl_c_during_the_swap_of_an_encrypt_at_a_terminal_ends_it_whole_and_clean() {
    use rapport::store::{Sealing, cipher};
    use std::os::unix::fs::PermissionsExt;
    let journal = Journal::new();
    journal.ok(&["demo", "--people", "6", "--years", "1"]);
    let backups = journal.dir().join("backups");
    for n in 1..=3 {
        journal.ok(&["backup", path_arg(&backups.join(format!("copy-{n}.db")))]);
    }
    let key = journal.dir().join("key");
    std::fs::write(&key, "correct horse battery staple\n").expect("the passphrase file");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("private");
    let mut encrypt = Session::start_program(
        BIN,
        &["encrypt", "--new-passphrase-file", path_arg(&key)],
        &journal.path,
        &home_of(&journal),
        &[("RAPPORT_FAULT", "hold-swap")],
    );
    // Held with its first file swapped: the signal comes mid-swap.
    wait_until_held(&journal);
    encrypt.wait_for("putting the new files in place");
    encrypt.signal(libc::SIGINT);
    let_go(&journal);
    encrypt.wait_exit();
    let screen = encrypt.screen();
    assert!(
        screen.contains("Encrypted"),
        "what was done is said:\n{screen}"
    );
    assert!(
        !screen.contains("putting"),
        "the line was cleared:\n{screen}"
    );
    assert!(!has_spinner(&last_line(&screen)), "{screen}");
    assert!(
        !common::side_file(&journal.path, ".converting").exists(),
        "nothing left to finish"
    );
    let mut files = vec![journal.path.clone()];
    for entry in std::fs::read_dir(&backups).expect("the backups") {
        files.push(entry.expect("an entry").path());
    }
    assert!(files.len() >= 4, "the journal and its backups: {files:?}");
    for file in &files {
        assert_eq!(
            cipher::sealing(file).expect("readable"),
            Sealing::Encrypted,
            "{}",
            file.display()
        );
    }
}
