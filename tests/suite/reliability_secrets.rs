//! Secrets that never print, and a journal moved under the interface: every command run with
//! a marker passphrase (wrong, right with bad arguments, unusable, for a plain journal) never
//! shows it, in text or in hex; passphrases that cannot be typed everywhere are refused; a
//! byte-order mark is not part of a passphrase; a journal renamed over or a folder removed
//! under the interface is said as such, never called damaged, and the form is kept.

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{self, BIN, Journal, Run};
use crate::pty::Session;
use rapport::store::{Sealing, cipher};

/// The journal's passphrase: letters and digits only, so that it can be looked for in
/// output with everything else taken out.
const MARKER: &str = "QuokkaMarker7731Zeta";
/// A wrong passphrase, as unmistakable.
const WRONG: &str = "WombatWrong5519Theta";
/// A passphrase a conversion would set.
const NEW: &str = "NumbatNew2048Kappa";

/// A private file holding `bytes`, as a script keeps a passphrase.
fn key_file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("the passphrase file is written");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).expect("private");
    path
}

fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs `rapport --db journal --passphrase-file key args…`.
fn run_keyed(journal: &Path, home: &Path, key: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(BIN);
    // A command given a bad argument as a file name (`backup 999999`) writes it here.
    command.current_dir(journal.parent().unwrap_or(home));
    common::isolate(&mut command)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .arg("--db")
        .arg(journal)
        .arg("--passphrase-file")
        .arg(key)
        .args(args);
    common::execute(&mut command, None)
}

/// Fails when `output` shows any of `secrets`: as text, as text with whatever was put
/// between its characters taken out (a NUL shown as U+FFFD), or as hex of its UTF-8 or
/// UTF-16 bytes, in either case.
fn assert_never_shown(output: &str, secrets: &[&str], what: &str) {
    let squeezed: String = output
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_lowercase();
    for secret in secrets {
        let forms = [
            secret.to_lowercase(),
            hex(secret.as_bytes()),
            hex(&utf16le(secret)),
        ];
        for form in forms {
            assert!(
                !squeezed.contains(&form),
                "{what} shows the passphrase {secret:?} (as {form:?}):\n{output}"
            );
        }
    }
}

/// Every command and subcommand path the binary's own help lists (`help` aside).
fn command_paths() -> Vec<Vec<String>> {
    fn listed(path: &[String]) -> Vec<String> {
        let output = Command::new(BIN)
            .args(path)
            .arg("--help")
            .output()
            .expect("the help runs");
        let text = String::from_utf8_lossy(&output.stdout).to_string();
        let Some(start) = text.find("Commands:") else {
            return Vec::new();
        };
        text[start..]
            .lines()
            .skip(1)
            .take_while(|line| !line.trim().is_empty())
            // A command's name is indented by two; a wrapped description by more.
            .filter(|line| line.starts_with("  ") && !line.starts_with("   "))
            .filter_map(|line| line.split_whitespace().next().map(str::to_string))
            .filter(|name| name != "help")
            .collect()
    }
    let mut paths = Vec::new();
    for top in listed(&[]) {
        let path = vec![top];
        let below = listed(&path);
        paths.push(path.clone());
        for sub in below {
            let mut deeper = path.clone();
            deeper.push(sub);
            paths.push(deeper);
        }
    }
    paths
}

/// The arguments each command is run with besides none at all: each makes some command
/// fail a different way (nobody by that name, no such record, an unknown flag, a file
/// that is not there).
const BAD_ARGUMENTS: &[&[&str]] = &[
    &["Nobody Zed"],
    &["999999"],
    &["--no-such-flag"],
    &["/nonexistent/folder/file.json"],
];

/// Every command, with arguments that make it fail in various ways, run with a marker
/// passphrase: wrong for the encrypted journal, right with bad arguments, unusable (UTF-16,
/// NUL), and given for a plain journal. No output shows a passphrase, in text or in hex.
#[test]
fn no_command_ever_shows_the_passphrase_it_was_given() {
    let paths = command_paths();
    assert!(
        paths.len() >= 40,
        "the help lists every command and its subcommands: {paths:?}"
    );
    assert!(paths.contains(&vec!["person".into(), "add".into()]));

    // One encrypted journal, copied for each run: a run that succeeds (a decrypt) must not
    // change what the next one finds.
    let template = Journal::new();
    template.add_people(&["Ana Lima"]);
    template.ok(&["log", "Ana Lima", "--summary", "Budget"]);
    template.ok(&["backup"]);
    let key = key_file(template.dir(), "key", format!("{MARKER}\n").as_bytes());
    let mut encrypt = template.command(&["encrypt", "--new-passphrase-file"]);
    encrypt.arg(&key);
    let encrypted = common::execute(&mut encrypt, None);
    assert_eq!(encrypted.code, 0, "{encrypted:#?}");
    let plain = Journal::new();
    plain.add_people(&["Ana Lima"]);

    let keys = template.dir().join("keys");
    fs::create_dir_all(&keys).expect("a folder for the keys");
    let wrong = key_file(&keys, "wrong", format!("{WRONG}\n").as_bytes());
    let right = key_file(&keys, "right", format!("{MARKER}\n").as_bytes());
    let utf16 = key_file(&keys, "utf16", &utf16le(MARKER));
    let mut nul = MARKER.as_bytes().to_vec();
    nul.insert(6, 0);
    let nul = key_file(&keys, "nul", &nul);
    let new = key_file(&keys, "new", &utf16le(NEW));

    let mut runs = Vec::new();
    for path in &paths {
        let mut with_args: Vec<Vec<String>> = vec![path.clone()];
        for bad in BAD_ARGUMENTS {
            let mut args = path.clone();
            args.extend(bad.iter().map(|a| a.to_string()));
            with_args.push(args);
        }
        if matches!(path[0].as_str(), "encrypt" | "rekey") {
            let mut args = path.clone();
            args.extend([
                "--new-passphrase-file".to_string(),
                new.display().to_string(),
            ]);
            with_args.push(args);
        }
        let variants = [
            (&utf16, &template.path),
            (&nul, &template.path),
            (&right, &plain.path),
            (&wrong, &template.path),
            (&right, &template.path),
        ];
        for (a, args) in with_args.into_iter().enumerate() {
            for (v, (key, journal)) in variants.iter().enumerate() {
                // By default each argument set meets one variant in turn, so every variant
                // and every bad argument is still run for every command; the soak runs all.
                if common::soak() || (a + v) % variants.len() == 0 {
                    runs.push((args.clone(), (*key).clone(), (*journal).clone()));
                }
            }
        }
    }

    let home = template.dir().join("home");
    let scratch = tempfile::tempdir().expect("a scratch folder");
    let outcomes = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for (worker, chunk) in runs.chunks(runs.len().div_ceil(2)).enumerate() {
            let (home, scratch, outcomes) = (&home, scratch.path(), &outcomes);
            scope.spawn(move || {
                for (n, (args, key, journal)) in chunk.iter().enumerate() {
                    // Each run on its own copy of the journal and its backups.
                    let dir = scratch.join(format!("{worker}-{n}"));
                    fs::create_dir_all(dir.join("backups")).expect("a copy's folder");
                    let copy = dir.join("journal.db");
                    fs::copy(journal, &copy).expect("the journal is copied");
                    let backups = journal.parent().expect("a folder").join("backups");
                    for entry in fs::read_dir(&backups).into_iter().flatten().flatten() {
                        let _ = fs::copy(entry.path(), dir.join("backups").join(entry.file_name()));
                    }
                    let args: Vec<&str> = args.iter().map(String::as_str).collect();
                    let run = run_keyed(&copy, home, key, &args);
                    outcomes
                        .lock()
                        .expect("outcomes")
                        .push((args.join(" "), run));
                    let _ = fs::remove_dir_all(&dir);
                }
            });
        }
    });
    let outcomes = outcomes.into_inner().expect("outcomes");
    assert_eq!(outcomes.len(), runs.len());
    let unusable_runs = runs
        .iter()
        .filter(|(_, key, _)| *key == utf16 || *key == nul)
        .count();
    let mut refused_as_unusable = 0;
    for (args, run) in &outcomes {
        let what = format!("`rapport {args}` (exit {})", run.code);
        assert_never_shown(&run.stdout, &[MARKER, WRONG, NEW], &what);
        assert_never_shown(&run.stderr, &[MARKER, WRONG, NEW], &what);
        common::assert_no_panic(run);
        if run
            .stderr
            .contains("cannot contain NUL or other control characters")
        {
            refused_as_unusable += 1;
        }
    }
    // The commands that open the journal read the unusable files and refused them (the
    // others stop at their arguments first): one in ten, as with every variant run.
    assert!(
        refused_as_unusable * 10 >= unusable_runs,
        "{refused_as_unusable} refusals of {unusable_runs} runs with an unusable passphrase"
    );
    println!(
        "{} runs of {} command paths: no passphrase shown",
        outcomes.len(),
        paths.len()
    );
}

/// A passphrase file saved as UTF-16 (NUL bytes between the letters) was once quoted whole
/// in an SQL error: now it is refused in one sentence, naming the rule, before the journal is
/// opened, and `encrypt` refuses it as a new passphrase.
#[test]
fn a_utf16_or_nul_passphrase_file_is_refused_in_one_sentence() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let home = journal.dir().join("home");
    let utf16 = key_file(journal.dir(), "utf16", &utf16le(MARKER));
    let mut with_bom = vec![0xff, 0xfe];
    with_bom.extend(utf16le(MARKER));
    let with_bom = key_file(journal.dir(), "utf16-bom", &with_bom);
    let control = key_file(
        journal.dir(),
        "control",
        format!("{MARKER}\x07\n").as_bytes(),
    );

    for file in [&utf16, &control] {
        let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
        encrypt.arg(file);
        let run = common::execute(&mut encrypt, None);
        assert_eq!(run.code, 2, "{run:#?}");
        assert!(
            run.stderr.contains(
                "cannot be used: a passphrase cannot contain NUL or other control characters"
            ),
            "{run:#?}"
        );
        assert_never_shown(&run.stderr, &[MARKER], "encrypt");
        assert_eq!(
            run.stderr.lines().count(),
            2,
            "the warning, then one sentence: {run:#?}"
        );
        assert_eq!(cipher::sealing(&journal.path).unwrap(), Sealing::Plain);
    }
    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt.arg(&with_bom);
    let run = common::execute(&mut encrypt, None);
    assert_eq!(run.code, 2, "{run:#?}");
    assert!(run.stderr.contains("it is not UTF-8 text"), "{run:#?}");
    assert_eq!(cipher::sealing(&journal.path).unwrap(), Sealing::Plain);

    let key = key_file(journal.dir(), "key", format!("{MARKER}\n").as_bytes());
    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt.arg(&key);
    assert_eq!(common::execute(&mut encrypt, None).code, 0);
    let before = fs::read(&journal.path).expect("the journal");
    let run = run_keyed(&journal.path, &home, &utf16, &["person", "list"]);
    assert_eq!(run.code, 2, "{run:#?}");
    assert_eq!(
        run.stderr.trim(),
        format!(
            "rapport: the passphrase file {} cannot be used: a passphrase cannot contain NUL or other control characters (a file saved as UTF-16 is full of NUL bytes: save it as UTF-8)",
            utf16.display()
        )
    );
    assert_eq!(fs::read(&journal.path).expect("the journal"), before);
}

/// Makes a Rapport journal with Ana Lima and encrypts it the way Rapport did before the key
/// was handed over as bytes: SQL text naming the key (`ATTACH … KEY '…'`, as `PRAGMA
/// key='…'` does). Returns the encrypted journal.
fn keyed_through_sql(journal: &Journal, passphrase: &str) {
    journal.add_people(&["Ana Lima"]);
    let encrypted = journal.dir().join("encrypted.db");
    let conn = rusqlite::Connection::open(&journal.path).expect("the plain journal opens");
    let (version, application): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT application_id FROM pragma_application_id)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the journal's marks");
    // Keyed at the cost the suite's commands derive keys with, so that they open it.
    conn.execute_batch(&format!(
        "ATTACH DATABASE '{}' AS sealed KEY '{}';
         PRAGMA sealed.kdf_iter = {};
         SELECT sqlcipher_export('sealed');
         PRAGMA sealed.user_version = {version};
         PRAGMA sealed.application_id = {application};
         DETACH DATABASE sealed;",
        encrypted.display(),
        passphrase.replace('\'', "''"),
        common::SUITE_KEY_ROUNDS
    ))
    .expect("the journal is exported encrypted");
    drop(conn);
    for suffix in ["-wal", "-shm"] {
        let _ = fs::remove_file(common::side_file(&journal.path, suffix));
    }
    fs::rename(&encrypted, &journal.path).expect("the encrypted journal takes its place");
    fs::set_permissions(&journal.path, fs::Permissions::from_mode(0o600)).expect("private");
}

/// A journal keyed through SQL text opens with its passphrase handed over as bytes; one
/// keyed with a byte-order mark in front (a passphrase file that began with one) still
/// opens from that file, with a warning that says how to leave the mark behind.
#[test]
fn journals_keyed_through_sql_text_still_open_and_a_marked_one_is_warned_about() {
    let journal = Journal::new();
    keyed_through_sql(&journal, MARKER);
    let home = journal.dir().join("home");
    let key = key_file(journal.dir(), "key", format!("{MARKER}\n").as_bytes());
    let run = run_keyed(&journal.path, &home, &key, &["person", "list"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stdout.contains("Ana Lima"), "{run:#?}");
    assert_eq!(run.stderr, "");

    let marked = Journal::new();
    keyed_through_sql(&marked, &format!("\u{feff}{MARKER}"));
    let home = marked.dir().join("home");
    let file = key_file(
        marked.dir(),
        "key",
        format!("\u{feff}{MARKER}\n").as_bytes(),
    );
    let run = run_keyed(&marked.path, &home, &file, &["person", "list"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stdout.contains("Ana Lima"), "{run:#?}");
    assert!(
        run.stderr
            .contains("opens only with the invisible byte-order mark")
            && run.stderr.contains("rapport rekey"),
        "{run:#?}"
    );
    assert_never_shown(&run.stderr, &[MARKER], "the warning");

    // Rekeyed from that file, it opens without the mark.
    let plain_key = key_file(marked.dir(), "plain-key", format!("{NEW}\n").as_bytes());
    let mut rekey = marked.command(&["--passphrase-file"]);
    rekey
        .arg(&file)
        .args(["rekey", "--new-passphrase-file"])
        .arg(&plain_key);
    let rekeyed = common::execute(&mut rekey, None);
    assert_eq!(rekeyed.code, 0, "{rekeyed:#?}");
    let run = run_keyed(&marked.path, &home, &plain_key, &["person", "list"]);
    assert!(run.stdout.contains("Ana Lima"), "{run:#?}");
}

/// A passphrase file that begins with a byte-order mark (as some editors save it) encrypts
/// the journal with the passphrase without the mark: it opens from a file without one and
/// from the terminal prompt.
#[test]
fn a_byte_order_mark_in_a_passphrase_file_is_not_part_of_the_passphrase() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let home = journal.dir().join("home");
    fs::create_dir_all(&home).expect("a home folder");
    let marked = key_file(
        journal.dir(),
        "marked",
        format!("\u{feff}{MARKER}\r\n").as_bytes(),
    );
    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt.arg(&marked);
    let run = common::execute(&mut encrypt, None);
    assert_eq!(run.code, 0, "{run:#?}");

    let unmarked = key_file(journal.dir(), "unmarked", MARKER.as_bytes());
    let run = run_keyed(&journal.path, &home, &unmarked, &["person", "list"]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stdout.contains("Ana Lima"));

    let mut people = Session::start_program(BIN, &["person", "list"], &journal.path, &home, &[]);
    people.wait_for("Passphrase for");
    people.type_text(MARKER);
    people.enter();
    assert_eq!(people.wait_exit(), 0, "{}", people.screen());
    assert!(people.screen().contains("Ana Lima"), "{}", people.screen());
}

/// Spaces at either end of a new passphrase are kept, and said when it is set: by
/// `encrypt`, by `rekey`, and by a passphrase file that makes a new journal. Opening with it
/// says nothing.
#[test]
fn spaces_at_the_ends_of_a_new_passphrase_are_kept_and_warned_about() {
    const WARNING: &str = "the new passphrase begins or ends with a space, which is part of it";
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let home = journal.dir().join("home");
    let spaced = key_file(journal.dir(), "spaced", format!(" {MARKER} \n").as_bytes());
    let mut encrypt = journal.command(&["encrypt", "--new-passphrase-file"]);
    encrypt.arg(&spaced);
    let run = common::execute(&mut encrypt, None);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains(WARNING), "{run:#?}");
    assert_never_shown(&run.stderr, &[MARKER], "encrypt");

    let opened = run_keyed(&journal.path, &home, &spaced, &["person", "list"]);
    assert_eq!(opened.code, 0, "{opened:#?}");
    assert!(!opened.stderr.contains(WARNING), "{opened:#?}");
    let trimmed = key_file(journal.dir(), "trimmed", MARKER.as_bytes());
    let refused = run_keyed(&journal.path, &home, &trimmed, &["person", "list"]);
    assert!(
        refused.stderr.contains("did not open with that passphrase"),
        "the spaces are part of it: {refused:#?}"
    );

    let again = key_file(journal.dir(), "again", format!("{NEW}\t\n").as_bytes());
    let mut rekey = journal.command(&["--passphrase-file"]);
    rekey
        .arg(&spaced)
        .args(["rekey", "--new-passphrase-file"])
        .arg(&again);
    let run = common::execute(&mut rekey, None);
    assert_eq!(run.code, 2, "a tab is a control character: {run:#?}");
    let again = key_file(journal.dir(), "again", format!("{NEW} \n").as_bytes());
    let mut rekey = journal.command(&["--passphrase-file"]);
    rekey
        .arg(&spaced)
        .args(["rekey", "--new-passphrase-file"])
        .arg(&again);
    let run = common::execute(&mut rekey, None);
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains(WARNING), "{run:#?}");

    let fresh = Journal::new();
    let run = run_keyed(
        &fresh.path,
        &home,
        &spaced,
        &["person", "add", "Tom Becker"],
    );
    assert_eq!(run.code, 0, "{run:#?}");
    assert!(run.stderr.contains(WARNING), "{run:#?}");
    assert_eq!(cipher::sealing(&fresh.path).unwrap(), Sealing::Encrypted);
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

/// Issue 32, item 6: a copy renamed over the journal with `mv` (its side files left where
/// they are) while the interface has a form typed, then a save from the command line. The
/// interface says the journal was replaced, never that it is damaged nor that a backup
/// should be restored (which would lose the command line's save), and keeps the form.
#[test]
fn a_journal_renamed_over_under_a_typed_form_is_said_replaced_never_damaged() {
    let journal = Journal::new();
    journal.add_people(&["Tom Becker"]);
    let copy = journal.dir().join("copy.db");
    let home = journal.dir().join("home");
    fs::create_dir_all(&home).expect("a home folder");
    let mut app = Session::start(&journal.path, &home, &[]);
    app.wait_for("Due for a 1:1");
    log_in_the_interface(&mut app, "Rota");
    // A copy of the file as it is on disk (its write-ahead log holds the draft), moved back
    // over it: a restore by hand.
    common::eventually("the draft is written", || {
        common::has_draft_with(&journal.path, "Rota")
    });
    fs::copy(&journal.path, &copy).expect("a copy of the journal file");

    let moved = Command::new("mv")
        .arg(&copy)
        .arg(&journal.path)
        .status()
        .expect("mv runs");
    assert!(moved.success());
    let saved = journal.run(&["log", "Tom Becker", "--summary", "Budget"]);
    assert_eq!(saved.code, 0, "{saved:#?}");
    assert!(summaries(&journal.path).contains("Budget"));

    // More typing: the draft written once it pauses goes through the side files the
    // command line just wrote for the new file. Once a second, too, the interface looks
    // whether its journal is still the file at the path, before it reads anything.
    app.type_text(" and hiring");
    app.wait_for("replaced by another program");
    app.ctrl('s');
    std::thread::sleep(std::time::Duration::from_millis(300));
    let screen = app.screen();
    assert!(screen.contains("replaced by another program"), "{screen}");
    for advice in ["damaged", "restore"] {
        assert!(!screen.contains(advice), "no {advice:?}: {screen}");
    }
    assert!(screen.contains("Rota"), "the form keeps its text: {screen}");
    assert!(!screen.contains("Logged"), "nothing acknowledged: {screen}");
    app.ctrl('c');
    app.wait_exit();
    let after = app.output_after_leaving();
    assert!(!after.contains("damaged"), "{after}");
    assert_eq!(
        summaries(&journal.path),
        BTreeSet::from(["Budget".to_string()]),
        "the journal at the path holds the command line's save, and nothing of the form"
    );
    let rescued = rescued_forms(&home);
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert!(
        fs::read_to_string(&rescued[0]).is_ok_and(|text| text.contains("Summary: Rota")),
        "the form is kept in a file of its own"
    );
}

/// The forms written to files when the journal could not take them, under `home`'s data
/// folder (as the pseudo-terminal sessions set it).
fn rescued_forms(home: &Path) -> Vec<PathBuf> {
    let folder = home.join(".local/share/rapport/rescued");
    let mut found: Vec<PathBuf> = fs::read_dir(&folder)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    found.sort();
    found
}

/// Issue 32, item 9: the journal's folder removed under the interface. A save says the
/// journal is no longer there and keeps the form; Ctrl-C then writes the form to a private
/// file and says where after leaving, instead of dropping it without a word.
#[test]
fn a_form_whose_journal_folder_was_removed_is_kept_in_a_file_and_named_on_leaving() {
    let base = Journal::new();
    let folder = base.dir().join("journal");
    fs::create_dir_all(&folder).expect("the journal's folder");
    let path = folder.join("journal.db");
    let mut add = base.bare_command();
    add.arg("--db")
        .arg(&path)
        .args(["person", "add", "Tom Becker"]);
    assert_eq!(common::execute(&mut add, None).code, 0);
    let home = base.dir().join("home");
    fs::create_dir_all(&home).expect("a home folder");
    let mut app = Session::start(&path, &home, &[]);
    app.wait_for("Due for a 1:1");
    log_in_the_interface(&mut app, "Quarterly plan");
    app.focus_field("Notes");
    app.type_text("Notes that must survive");
    app.wait_for("must survive");

    fs::remove_dir_all(&folder).expect("the folder is removed");
    app.ctrl('s');
    app.wait_for("is no longer there");
    let screen = app.screen();
    assert!(
        screen.contains("Quarterly plan"),
        "the form stays: {screen}"
    );
    for advice in ["damaged", "restore"] {
        assert!(!screen.contains(advice), "no {advice:?}: {screen}");
    }

    app.ctrl('c');
    let code = app.wait_exit();
    let after = app.output_after_leaving();
    assert_eq!(code, 1, "{after}");
    assert!(
        after.contains("the form could not be kept in the journal, so it was written to"),
        "{after}"
    );
    assert!(
        !after.contains("must survive"),
        "no notes on the terminal: {after}"
    );
    let rescued = rescued_forms(&home);
    assert_eq!(rescued.len(), 1, "{rescued:?}");
    assert!(
        after.replace(['\r', '\n'], "").contains(
            rescued[0]
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a name")
        ),
        "the file is named: {after}"
    );
    let text = fs::read_to_string(&rescued[0]).expect("the rescued form reads");
    assert!(text.contains("Summary: Quarterly plan"), "{text}");
    assert!(text.contains("Notes that must survive"), "{text}");
    assert!(text.contains("Person: Tom Becker"), "{text}");
    assert_eq!(common::mode(&rescued[0]), 0o600);
    assert_eq!(
        common::mode(rescued[0].parent().expect("its folder")),
        0o700
    );
}
