//! The journal's words complete in bash, zsh and fish: the hidden `rapport complete WORDS`
//! the scripts run, the hook in each script, each shell completing a name with a space in
//! it, and the needs, guides and tags. A test that needs zsh or fish says it is skipped when
//! the shell is not installed (`.ci/run` installs both).

use crate::common;
use crate::pty;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{BIN, Journal, Run, installed};
use pty::Session;

/// Four people with spaces (and an apostrophe, and a letter beyond ASCII) in their names,
/// and Tom, archived.
fn team() -> Journal {
    let journal = Journal::new();
    journal.add_people(&[
        "Priya Raman",
        "Priya Rao",
        "O'Brien Kate",
        "Zoë Kim",
        "Tom Baker",
    ]);
    journal.ok(&["person", "archive", "Tom Baker"]);
    journal
}

/// `rapport complete people ARGS…` as a shell runs it: no `--db` unless `args` has one.
fn complete(journal: &Journal, args: &[&str], env: &[(&str, &Path)]) -> Run {
    let mut command = journal.bare_command();
    command.args(["complete", "people"]).args(args);
    for (key, value) in env {
        command.env(key, value);
    }
    common::execute(&mut command, None)
}

/// The names a successful, quiet run printed.
fn names(run: &Run) -> Vec<&str> {
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stderr, "", "nothing reaches the terminal but names");
    run.stdout.lines().collect()
}

/// Every file under `dir` with its size, to prove a completion changed nothing.
fn listing(dir: &Path) -> Vec<(PathBuf, u64)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a readable folder") {
        let entry = entry.expect("an entry");
        let meta = entry.metadata().expect("metadata");
        if meta.is_dir() {
            found.extend(listing(&entry.path()));
        }
        found.push((entry.path(), if meta.is_dir() { 0 } else { meta.len() }));
    }
    found.sort();
    found
}

#[test]
fn the_hidden_command_prints_the_journals_names() {
    let journal = team();
    let db = journal.path.to_str().expect("a UTF-8 path");
    let everyone = [
        "O'Brien Kate",
        "Priya Raman",
        "Priya Rao",
        "Zoë Kim",
        "Tom Baker",
    ];
    // Active people by name, then the archived.
    assert_eq!(names(&complete(&journal, &["--db", db], &[])), everyone);
    assert_eq!(
        names(&complete(&journal, &["--db", db, "pri"], &[])),
        ["Priya Raman", "Priya Rao"],
        "a beginning in any letter case"
    );
    assert_eq!(
        names(&complete(&journal, &["--db", db, "--", "Tom B"], &[])),
        ["Tom Baker"]
    );
    assert_eq!(
        names(&complete(
            &journal,
            &["zo"],
            &[("RAPPORT_DB", &journal.path)]
        )),
        ["Zoë Kim"],
        "RAPPORT_DB names the journal"
    );
    // The command is hidden: neither the help nor the manual page mentions it.
    assert!(!journal.ok(&["--help"]).contains("complete people"));
    assert!(!journal.ok(&["man"]).contains("complete people"));
}

#[test]
fn the_default_journal_is_read_when_none_is_named() {
    let journal = Journal::new();
    let mut add = journal.bare_command();
    add.args(["person", "add", "Ana Lima"]);
    let run = common::execute(&mut add, None);
    common::assert_ok(&run, &["person", "add", "Ana Lima"]);
    assert!(journal.dir().join("data/rapport/rapport.db").is_file());
    assert_eq!(names(&complete(&journal, &[], &[])), ["Ana Lima"]);
    assert_eq!(
        names(&complete(&journal, &["--demo"], &[])),
        Vec::<&str>::new(),
        "--demo reads the demo journal, which is not there"
    );
}

/// A completion reads: it makes no journal, folder, lock, side file or backup, changes no
/// byte, and says nothing when there is nothing to offer.
#[test]
fn completing_changes_nothing_and_stays_quiet() {
    let journal = team();
    let before = listing(journal.dir());
    let bytes = std::fs::read(&journal.path).expect("the journal");
    let db = journal.path.to_str().expect("a UTF-8 path");
    assert_eq!(names(&complete(&journal, &["--db", db, "P"], &[])).len(), 2);
    assert_eq!(listing(journal.dir()), before);
    assert_eq!(std::fs::read(&journal.path).expect("the journal"), bytes);

    let missing = journal.dir().join("not/there.db");
    let missing = missing.to_str().expect("a UTF-8 path");
    let not_a_journal = journal.dir().join("notes.txt");
    std::fs::write(&not_a_journal, "Priya Raman\n").expect("a text file");
    let not_a_journal = not_a_journal.to_str().expect("a UTF-8 path");
    let blank = Path::new("  ");
    for run in [
        complete(&journal, &["--db", missing], &[]),
        complete(&journal, &["--db", not_a_journal], &[]),
        complete(
            &journal,
            &["--db", journal.dir().to_str().expect("utf-8")],
            &[],
        ),
        complete(&journal, &[], &[("RAPPORT_DB", Path::new(""))]),
        complete(&journal, &[], &[("RAPPORT_DB", blank)]),
        complete(&journal, &["--db", db, "one", "two"], &[]),
        complete(&journal, &["--no-such-flag"], &[]),
    ] {
        assert_eq!(names(&run), Vec::<&str>::new(), "{run:#?}");
    }
    assert!(!journal.dir().join("not").exists(), "no folder was made");
    assert!(
        !journal.dir().join("data").exists(),
        "the default journal was not made"
    );
}

/// What each script adds to clap_complete's: the hook, and the journal's names where a
/// person is asked for (never a new person's name).
#[test]
fn each_script_holds_the_hook() {
    let journal = Journal::new();
    let bash = journal.ok(&["completions", "bash"]);
    assert!(bash.contains("complete -F _rapport_with_words"), "{bash}");
    assert!(
        !bash.contains("complete -F _rapport "),
        "the wrapper is the entry point"
    );
    assert!(bash.contains("command rapport complete \"$1\""), "{bash}");
    assert!(
        bash.contains(
            "\"log \" | \"meets \" | \"meets history \" | \"moment add \" | \"person archive \""
        ),
        "{bash}"
    );

    let zsh = journal.ok(&["completions", "zsh"]);
    assert!(zsh.contains("command rapport complete $kind"), "{zsh}");
    assert!(
        zsh.contains(
            ":name -- Who you talked with\\: a name or the unique beginning of one:_rapport_words people person'"
        ),
        "log's NAME: {zsh}"
    );
    assert!(
        zsh.contains("'--person=[Only this person'\\''s]:NAME:_rapport_words people person'"),
        "--person: {zsh}"
    );
    assert!(!zsh.contains("_users"), "no system users for a person");
    assert!(
        zsh.contains(":name -- Their name, as you want to see it everywhere:'"),
        "no names for a new person: {zsh}"
    );
    let hook = zsh.find("_rapport_words() {").expect("the hook");
    let last = zsh
        .rfind("if [ \"$funcstack[1]\" = \"_rapport\" ]")
        .expect("the last lines");
    assert!(
        hook < last,
        "the hook is defined before the first completion runs"
    );

    let fish = journal.ok(&["completions", "fish"]);
    assert!(fish.contains("command rapport complete $argv[1]"), "{fish}");
    assert!(
        fish.contains("complete -c rapport -n \"__rapport_first_argument_of 'ack' 'aspiration add' 'delegate' 'feedback add' 'followup add' 'idea' 'log' 'meets' 'meets history' 'moment add' 'person archive' 'person edit' 'person pause' 'person resume' 'person show' 'prep' 'raise' 'review' 'trends'\" -f -a '(__rapport_words people)'"),
        "{fish}"
    );
    let person = fish
        .lines()
        .find(|line| line.contains("using_subcommand timeline\" -l person"))
        .expect("timeline --person");
    assert!(
        person.contains("-f -a \"(__rapport_words people)\""),
        "{person}"
    );
    assert!(!fish.contains("__fish_complete_users"), "no system users");

    for shell in ["bash", "zsh", "fish"] {
        let script = journal.ok(&["completions", shell]);
        assert!(
            !script.contains("\"complete\"") && !script.contains("'complete:"),
            "{shell} never offers the hidden command"
        );
    }
}

/// PATH with the folder of the binary under test first, as when Rapport is installed.
fn path_with_rapport() -> OsString {
    let folder = Path::new(BIN).parent().expect("the binary's folder");
    let mut path = OsString::from(folder);
    path.push(":");
    path.push(std::env::var_os("PATH").unwrap_or_default());
    path
}

/// Writes `rapport completions SHELL` into the journal's folder and returns its path.
fn script(journal: &Journal, shell: &str) -> PathBuf {
    let file = journal.dir().join(format!("rapport.{shell}"));
    std::fs::write(&file, journal.ok(&["completions", shell])).expect("the script is written");
    file
}

/// What bash's completion offers for `words` (the last is the word under the cursor), the
/// way bash calls it: COMP_WORDS and COMP_CWORD set, then the function `complete -F` names,
/// with the command, the current word and the previous one. Each offer is read back as the
/// shell would read it once inserted (`Zed\ \$HOME` is `Zed $HOME`). bash runs in the
/// journal's folder, where a test may put files a name could match as a pattern.
fn bash_offers(journal: &Journal, script: &Path, words: &[&str]) -> Vec<String> {
    const PROGRAM: &str = r#"
source "$1"
COMP_WORDS=("${@:2}")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="${COMP_WORDS[*]}"
COMP_POINT=${#COMP_LINE}
entry=$(complete -p rapport)
entry=${entry#*-F }
${entry%% *} rapport "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
for reply in "${COMPREPLY[@]}"; do
    eval "printf '%s\\n' $reply"
done
"#;
    let mut command = Command::new("bash");
    common::isolate(&mut command)
        .args(["--norc", "--noprofile", "-c", PROGRAM, "bash"])
        .arg(script)
        .args(words)
        .env("PATH", path_with_rapport())
        .env("HOME", journal.dir())
        .env("RAPPORT_DB", &journal.path)
        .current_dir(journal.dir())
        .stdin(Stdio::null());
    let run = common::execute(&mut command, None);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(run.stderr, "", "{run:#?}");
    run.stdout
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_names_with_spaces() {
    let journal = team();
    let script = script(&journal, "bash");
    let offers = |words: &[&str]| bash_offers(&journal, &script, words);
    assert_eq!(
        offers(&["rapport", "log", "Pr"]),
        ["Priya Raman", "Priya Rao"]
    );
    assert_eq!(
        offers(&["rapport", "log", "Priya Ra"]),
        ["Priya Raman", "Priya Rao"]
    );
    assert_eq!(
        offers(&["rapport", "log", "--kind", "check-in", "Priya\\ Ram"]),
        ["Priya Raman"],
        "after an option and its value, with the space escaped as typed"
    );
    assert_eq!(offers(&["rapport", "person", "show", "t"]), ["Tom Baker"]);
    assert_eq!(
        offers(&["rapport", "timeline", "--person", "o"]),
        ["O'Brien Kate"]
    );
    assert_eq!(
        offers(&["rapport", "followup", "list", "--person", "=", "Z"]),
        ["Zoë Kim"],
        "--person=Z, which bash splits at the ="
    );
    // `--db` on the line names the journal, over RAPPORT_DB.
    let other = Journal::new();
    other.add_people(&["Ana Lima"]);
    let db = other.path.to_str().expect("a UTF-8 path");
    assert_eq!(offers(&["rapport", "--db", db, "prep", ""]), ["Ana Lima"]);
    assert_eq!(
        offers(&["rapport", "prep", "--db", "=", db, ""]),
        ["Ana Lima"]
    );
    // Elsewhere clap_complete's script answers: the journal's words, options, no names.
    assert_eq!(
        offers(&["rapport", "log", "--kind", ""]),
        ["one-on-one", "check-in", "skip-level", "informal"]
    );
    assert!(offers(&["rapport", "log", "Priya Raman", "--j"]).contains(&"--json".to_string()));
    assert!(
        offers(&["rapport", "person", "add", "P"]).is_empty(),
        "a new name"
    );
    assert!(offers(&["rapport", "aspiration", "add", "Priya Raman", "P"]).is_empty());
}

/// Names that are also shell patterns or hold shell syntax, and files in the folder bash
/// runs in that the patterns match.
const PATTERN_NAMES: [&str; 6] = [
    "Zed *",
    "Zed ?",
    "Zed [ab]",
    "Zed $HOME",
    "Zed \"Q\" `id`",
    "Zed 'Q'",
];
const PATTERN_FILES: [&str; 3] = ["Zed a", "Zed b", "Zed bb"];

fn pattern_team() -> Journal {
    let journal = Journal::new();
    journal.add_people(&PATTERN_NAMES);
    for file in PATTERN_FILES {
        std::fs::write(journal.dir().join(file), "").expect("a file beside the journal");
    }
    journal
}

#[test]
fn bash_offers_names_as_written_never_the_files_they_match() {
    let journal = pattern_team();
    let script = script(&journal, "bash");
    let offers = |words: &[&str]| bash_offers(&journal, &script, words);
    let db = journal.path.to_str().expect("a UTF-8 path");
    let run = complete(&journal, &["--db", db, "Zed"], &[]);
    let printed = names(&run);
    let mut expected = PATTERN_NAMES.to_vec();
    expected.sort_unstable();
    let mut sorted = printed.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, expected, "the journal holds the names as written");
    let offered = offers(&["rapport", "prep", "Zed"]);
    assert_eq!(offered, printed, "bash offers exactly what the journal has");
    for file in PATTERN_FILES {
        assert!(!offered.iter().any(|o| o == file), "{file}: {offered:?}");
    }
    // A pattern typed (escaped, as readline leaves it) is a beginning, not a pattern.
    assert_eq!(offers(&["rapport", "log", "Zed\\ \\*"]), ["Zed *"]);
    assert_eq!(offers(&["rapport", "log", "Zed\\ \\["]), ["Zed [ab]"]);
    assert_eq!(
        offers(&["rapport", "timeline", "--person", "Zed\\ \\$"]),
        ["Zed $HOME"]
    );
}

/// The real thing: readline quotes a name as it quotes a file name.
#[test]
fn bash_inserts_a_quoted_name_at_a_terminal() {
    let journal = team();
    let script = script(&journal, "bash");
    let path = path_with_rapport();
    let mut shell = Session::start_program(
        "bash",
        &["--norc", "--noprofile", "-i"],
        &journal.path,
        journal.dir(),
        &[
            ("PS1", "$ "),
            ("PATH", path.to_str().expect("a UTF-8 PATH")),
            ("LANG", "C.UTF-8"),
        ],
    );
    shell.wait_for("$ ");
    shell.type_at_once(&format!("source {}\r", script.display()));
    shell.type_at_once("rapport prep Z");
    shell.tab();
    shell.wait_for("rapport prep Zoë\\ Kim ");
    shell.ctrl('u');
    shell.type_at_once("rapport log \"O");
    shell.tab();
    shell.wait_for("rapport log \"O'Brien Kate\" ");
    shell.ctrl('u');
    // A new person's name: neither names nor file names (HOME holds journal.db).
    shell.type_at_once("rapport person add ~/journ");
    shell.tab();
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(!shell.screen().contains("journal.db"), "{}", shell.screen());
    shell.ctrl('u');
    shell.type_at_once("exit\r");
    shell.wait_exit();
}

/// At a terminal, in a folder holding a file the name matches as a pattern: the name is
/// inserted, quoted, never the file's.
#[test]
fn bash_inserts_a_name_that_is_a_pattern_not_the_files_it_matches() {
    let journal = Journal::new();
    journal.add_people(&["Yan *", "Ola ?"]);
    for file in ["Yan a.txt", "Ola b"] {
        std::fs::write(journal.dir().join(file), "").expect("a file beside the journal");
    }
    let script = script(&journal, "bash");
    let path = path_with_rapport();
    let mut shell = Session::start_program(
        "bash",
        &["--norc", "--noprofile", "-i"],
        &journal.path,
        journal.dir(),
        &[
            ("PS1", "$ "),
            ("PATH", path.to_str().expect("a UTF-8 PATH")),
            ("LANG", "C.UTF-8"),
        ],
    );
    shell.wait_for("$ ");
    shell.type_at_once(&format!(
        "cd {} && source {} && echo ready\r",
        journal.dir().display(),
        script.display()
    ));
    shell.wait_for("ready");
    shell.type_at_once("rapport prep Y");
    shell.tab();
    shell.wait_for("rapport prep Yan\\ \\* ");
    shell.ctrl('u');
    shell.type_at_once("rapport log O");
    shell.tab();
    shell.wait_for("rapport log Ola\\ \\? ");
    assert!(!shell.screen().contains("a.txt"), "{}", shell.screen());
    shell.ctrl('u');
    shell.type_at_once("exit\r");
    shell.wait_exit();
}

#[test]
fn zsh_completes_names_with_spaces() {
    if !installed("zsh") {
        return;
    }
    let journal = team();
    let script = script(&journal, "zsh");
    let path = path_with_rapport();
    let mut shell = Session::start_program(
        "zsh",
        &["-f", "-i"],
        &journal.path,
        journal.dir(),
        &[
            ("PS1", "$ "),
            ("PATH", path.to_str().expect("a UTF-8 PATH")),
            ("LANG", "C.UTF-8"),
        ],
    );
    shell.wait_for("$ ");
    shell.type_at_once(&format!(
        "autoload -Uz compinit && compinit -u -D && source {} && echo ready\r",
        script.display()
    ));
    shell.wait_for("ready");
    shell.type_at_once("rapport prep Z");
    shell.tab();
    shell.wait_for("rapport prep Zoë\\ Kim ");
    shell.ctrl('u');
    shell.type_at_once("rapport timeline --person=O");
    shell.tab();
    shell.wait_for("rapport timeline --person=O\\'Brien\\ Kate ");
    shell.ctrl('u');
    shell.type_at_once("exit\r");
    shell.wait_exit();
}

#[test]
fn fish_completes_names_with_spaces() {
    if !installed("fish") {
        return;
    }
    let journal = team();
    let script = script(&journal, "fish");
    let other = Journal::new();
    other.add_people(&["Ana Lima"]);
    let program = format!(
        "source {}; complete -C 'rapport log Pr'; complete -C 'rapport timeline --person t'; \
         complete -C 'rapport --db {} prep '; complete -C 'rapport person add '",
        script.display(),
        other.path.display()
    );
    let mut command = Command::new("fish");
    common::isolate(&mut command)
        .args(["--no-config", "-c", &program])
        .env("PATH", path_with_rapport())
        .env("HOME", journal.dir())
        .env("RAPPORT_DB", &journal.path)
        .stdin(Stdio::null());
    let run = common::execute(&mut command, None);
    assert_eq!(run.stderr, "", "{run:#?}");
    let offered: Vec<&str> = run
        .stdout
        .lines()
        .map(|line| line.split('\t').next().unwrap_or_default())
        .collect();
    assert_eq!(
        offered,
        ["Priya Raman", "Priya Rao", "Tom Baker", "Ana Lima"],
        "and no file names for a new person: {run:#?}"
    );
}

/// zsh and fish quote and match names themselves: a name that is a pattern is offered as
/// written in a folder holding files it matches, never those files.
#[test]
fn zsh_and_fish_offer_names_that_are_patterns_as_written() {
    if !installed("zsh") || !installed("fish") {
        return;
    }
    let journal = pattern_team();
    let fish = script(&journal, "fish");
    let mut command = Command::new("fish");
    common::isolate(&mut command)
        .args([
            "--no-config",
            "-c",
            &format!("source {}; complete -C 'rapport log Zed'", fish.display()),
        ])
        .env("PATH", path_with_rapport())
        .env("HOME", journal.dir())
        .env("RAPPORT_DB", &journal.path)
        .current_dir(journal.dir())
        .stdin(Stdio::null());
    let run = common::execute(&mut command, None);
    assert_eq!(run.stderr, "", "{run:#?}");
    let mut offered: Vec<&str> = run
        .stdout
        .lines()
        .map(|line| line.split('\t').next().unwrap_or_default())
        .collect();
    offered.sort_unstable();
    let mut expected = PATTERN_NAMES.to_vec();
    expected.sort_unstable();
    assert_eq!(offered, expected, "fish: {run:#?}");

    let zsh = script(&journal, "zsh");
    let path = path_with_rapport();
    let mut shell = Session::start_program(
        "zsh",
        &["-f", "-i"],
        &journal.path,
        journal.dir(),
        &[
            ("PS1", "$ "),
            ("PATH", path.to_str().expect("a UTF-8 PATH")),
            ("LANG", "C.UTF-8"),
        ],
    );
    shell.wait_for("$ ");
    shell.type_at_once(&format!(
        "cd {} && autoload -Uz compinit && compinit -u -D && source {} && echo ready\r",
        journal.dir().display(),
        zsh.display()
    ));
    shell.wait_for("ready");
    shell.type_at_once("rapport prep Zed\\ \\*");
    shell.tab();
    shell.wait_for("rapport prep Zed\\ \\* ");
    assert!(!shell.screen().contains("Zed\\ a"), "{}", shell.screen());
    shell.ctrl('u');
    shell.type_at_once("exit\r");
    shell.wait_exit();
}

/// Ann Lee and Zed $HOME, and conversations carrying three tags; a file beside the journal
/// that a need or a tag would match as a file name.
fn tagged() -> Journal {
    let journal = Journal::new();
    journal.add_people(&["Ann Lee", "Zed $HOME"]);
    journal.ok(&[
        "log",
        "Ann Lee",
        "--tag",
        "platform",
        "--tag",
        "team offsite",
    ]);
    journal.ok(&["log", "Zed $HOME", "--tag", "pay"]);
    for file in ["autonomy-notes.txt", "platform.txt", "neck.txt"] {
        std::fs::write(journal.dir().join(file), "").expect("a file beside the journal");
    }
    journal
}

/// `rapport complete WORDS ARGS…` as a shell runs it.
fn complete_words(journal: &Journal, words: &str, args: &[&str]) -> Run {
    let mut command = journal.bare_command();
    command.args(["complete", words]).args(args);
    common::execute(&mut command, None)
}

const NEEDS: [&str; 5] = ["competence", "belonging", "autonomy", "fun", "security"];
const GUIDES: [&str; 5] = [
    "getting-to-know",
    "support",
    "future",
    "neck-up",
    "roving-leaders",
];

#[test]
fn the_hidden_command_prints_tags_needs_and_guides() {
    let journal = tagged();
    let db = journal.path.to_str().expect("a UTF-8 path");
    let words = |words: &str, typed: &str| -> Vec<String> {
        let run = complete_words(&journal, words, &["--db", db, "--", typed]);
        names(&run).into_iter().map(str::to_string).collect()
    };
    assert_eq!(words("tags", ""), ["pay", "platform", "team offsite"]);
    assert_eq!(words("tags", "P"), ["pay", "platform"]);
    assert_eq!(words("needs", ""), NEEDS);
    assert_eq!(words("needs", "S"), ["security"]);
    assert_eq!(
        words("needs", "security,c"),
        ["security,competence"],
        "--priorities takes needs joined by commas"
    );
    assert_eq!(
        words("needs", "competence,security,"),
        [
            "competence,security,belonging",
            "competence,security,autonomy",
            "competence,security,fun"
        ],
        "a need already listed is not offered again"
    );
    assert!(
        words("needs", "autonomy:").is_empty(),
        "after need: come the leader's own words"
    );
    assert_eq!(words("guides", ""), GUIDES);
    assert_eq!(words("guides", "r"), ["roving-leaders"]);
    assert!(words("people", "zed").contains(&"Zed $HOME".to_string()));
    let missing = journal.dir().join("not/there.db");
    let run = complete_words(
        &journal,
        "tags",
        &["--db", missing.to_str().expect("a UTF-8 path")],
    );
    assert_eq!(names(&run), Vec::<&str>::new());
}

#[test]
fn bash_completes_needs_guides_and_tags() {
    let journal = tagged();
    let script = script(&journal, "bash");
    let offers = |words: &[&str]| bash_offers(&journal, &script, words);
    assert_eq!(
        offers(&["rapport", "log", "Ann Lee", "--need", "aut"]),
        ["autonomy"]
    );
    assert_eq!(
        offers(&["rapport", "log", "Ann Lee", "--concern", "=", "s"]),
        ["security"],
        "--concern=s, which bash splits at the ="
    );
    // bash splits need:how at the colon; what follows is the leader's, and no file names.
    assert!(offers(&["rapport", "log", "Ann Lee", "--need", "autonomy", ":"]).is_empty());
    assert!(offers(&["rapport", "log", "Ann Lee", "--need", "autonomy", ":", "p"]).is_empty());
    assert_eq!(
        offers(&[
            "rapport", "log", "Ann Lee", "--need", "autonomy", ":", "picked", "--tag", "pl"
        ]),
        ["platform"],
        "and the line goes on after it"
    );
    assert_eq!(
        offers(&[
            "rapport",
            "person",
            "edit",
            "Ann Lee",
            "--priorities",
            "security,c"
        ]),
        ["security,competence"]
    );
    assert_eq!(offers(&["rapport", "timeline", "--need", ""]), NEEDS);
    assert_eq!(
        offers(&["rapport", "questions", "--need", "b"]),
        ["belonging"]
    );
    assert_eq!(offers(&["rapport", "questions", "--guide", ""]), GUIDES);
    assert_eq!(
        offers(&["rapport", "questions", "--guide", "ne"]),
        ["neck-up"]
    );
    assert_eq!(
        offers(&["rapport", "log", "Ann Lee", "--tag", "t"]),
        ["team offsite"]
    );
    assert_eq!(
        offers(&["rapport", "timeline", "--tag", "p"]),
        ["pay", "platform"]
    );
}

/// A `$` in a name is escaped as it is inserted, or the shell would expand it.
#[test]
fn bash_escapes_a_dollar_in_a_name() {
    let journal = tagged();
    let script = script(&journal, "bash");
    assert_eq!(
        bash_offers(&journal, &script, &["rapport", "log", "Ze"]),
        ["Zed $HOME"]
    );
    let path = path_with_rapport();
    let mut shell = Session::start_program(
        "bash",
        &["--norc", "--noprofile", "-i"],
        &journal.path,
        journal.dir(),
        &[
            ("PS1", "$ "),
            ("PATH", path.to_str().expect("a UTF-8 PATH")),
            ("LANG", "C.UTF-8"),
        ],
    );
    shell.wait_for("$ ");
    shell.type_at_once(&format!("source {} && echo ready\r", script.display()));
    shell.wait_for("ready");
    shell.type_at_once("rapport log Ze");
    shell.tab();
    shell.wait_for("rapport log Zed\\ \\$HOME ");
    shell.ctrl('u');
    // In double quotes readline escapes it itself.
    shell.type_at_once("rapport log \"Ze");
    shell.tab();
    shell.wait_for("rapport log \"Zed \\$HOME\" ");
    shell.ctrl('u');
    shell.type_at_once("rapport log Ann\\ Lee --tag te");
    shell.tab();
    shell.wait_for("--tag team\\ offsite ");
    shell.ctrl('u');
    shell.type_at_once("exit\r");
    shell.wait_exit();
}

#[test]
fn zsh_completes_needs_guides_and_tags() {
    if !installed("zsh") {
        return;
    }
    let journal = tagged();
    let script = script(&journal, "zsh");
    let path = path_with_rapport();
    let mut shell = Session::start_program(
        "zsh",
        &["-f", "-i"],
        &journal.path,
        journal.dir(),
        &[
            ("PS1", "$ "),
            ("PATH", path.to_str().expect("a UTF-8 PATH")),
            ("LANG", "C.UTF-8"),
        ],
    );
    shell.wait_for("$ ");
    shell.type_at_once(&format!(
        "cd {} && autoload -Uz compinit && compinit -u -D && source {} && echo ready\r",
        journal.dir().display(),
        script.display()
    ));
    shell.wait_for("ready");
    for (typed, completed) in [
        ("rapport log Ann\\ Lee --need aut", "--need autonomy "),
        ("rapport log Ann\\ Lee --concern=se", "--concern=security "),
        ("rapport log Ann\\ Lee --tag te", "--tag team\\ offsite "),
        ("rapport timeline --tag pl", "--tag platform "),
        ("rapport questions --guide ne", "--guide neck-up "),
        ("rapport questions --need b", "--need belonging "),
        (
            "rapport person edit Ann\\ Lee --priorities security,c",
            "--priorities security,competence ",
        ),
    ] {
        shell.type_at_once(typed);
        shell.tab();
        shell.wait_for(completed);
        shell.ctrl('u');
    }
    // Every need listed, where zsh used to stop at `_arguments: command not found: HOW]`.
    shell.type_at_once("rapport log Ann\\ Lee --need ");
    shell.tab();
    shell.wait_for("security");
    for need in NEEDS {
        assert!(shell.screen().contains(need), "{need}: {}", shell.screen());
    }
    assert!(
        !shell.screen().contains("command not found"),
        "{}",
        shell.screen()
    );
    assert!(!shell.screen().contains("autonomy-notes"), "no file names");
    shell.ctrl('u');
    shell.type_at_once("exit\r");
    shell.wait_exit();
}

#[test]
fn fish_completes_needs_guides_and_tags() {
    if !installed("fish") {
        return;
    }
    let journal = tagged();
    let script = script(&journal, "fish");
    let asked = [
        ("rapport log Ann --need aut", vec!["autonomy"]),
        ("rapport log Ann --concern=se", vec!["--concern=security"]),
        ("rapport log Ann --need autonomy:", vec![]),
        ("rapport log Ann --tag p", vec!["pay", "platform"]),
        ("rapport timeline --need f", vec!["fun"]),
        ("rapport questions --guide ne", vec!["neck-up"]),
        (
            "rapport person edit Ann --priorities security,c",
            vec!["security,competence"],
        ),
    ];
    for (typed, expected) in asked {
        let mut command = Command::new("fish");
        common::isolate(&mut command)
            .args([
                "--no-config",
                "-c",
                &format!("source {}; complete -C '{typed}'", script.display()),
            ])
            .env("PATH", path_with_rapport())
            .env("HOME", journal.dir())
            .env("RAPPORT_DB", &journal.path)
            .current_dir(journal.dir())
            .stdin(Stdio::null());
        let run = common::execute(&mut command, None);
        assert_eq!(run.stderr, "", "{run:#?}");
        let offered: Vec<&str> = run
            .stdout
            .lines()
            .map(|line| line.split('\t').next().unwrap_or_default())
            .collect();
        assert_eq!(offered, expected, "{typed}: {run:#?}");
    }
}
