//! What the leader sets around the journal: a settings file that cannot be read, a blank
//! `RAPPORT_DB`, names that hide or reorder text. Each gets one sentence; nothing is made.

use crate::common;

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;

use common::{Journal, assert_one_line_failure, execute};

/// Puts something that is not a settings file where the settings file goes.
type MakeFile<'a> = Box<dyn Fn() + 'a>;

/// A settings file that is a folder, a FIFO or a link to nothing: commands that use the
/// settings say so in one sentence instead of silently using the defaults.
#[test]
fn a_settings_file_that_cannot_be_read_is_named_not_ignored() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    let config = journal.dir().join("config");
    let file = config.join("rapport").join("config.toml");
    fs::create_dir_all(file.parent().expect("a folder")).expect("folders");
    let make: [(&str, MakeFile<'_>); 3] = [
        (
            "a folder",
            Box::new(|| fs::create_dir(&file).expect("a folder")),
        ),
        (
            "a FIFO",
            Box::new(|| {
                let name = CString::new(file.as_os_str().as_bytes()).expect("a C path");
                // SAFETY: a valid C string.
                assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
            }),
        ),
        (
            "a link to nothing",
            Box::new(|| symlink(config.join("missing.toml"), &file).expect("a link")),
        ),
    ];
    for (what, create) in &make {
        create();
        for args in [&["gaps"][..], &["week"], &["timeline"]] {
            let mut command = journal.command(args);
            command.env("XDG_CONFIG_HOME", &config);
            let run = execute(&mut command, None);
            assert_one_line_failure(&run, 1, args);
            assert!(
                run.stderr.contains("settings file"),
                "{what}, {args:?}: {}",
                run.stderr
            );
        }
        let _ = fs::remove_dir(&file);
        let _ = fs::remove_file(&file);
    }
}

/// `RAPPORT_DB` set to nothing or to spaces: one sentence naming the variable, and no
/// journal called " " appears.
#[test]
fn a_blank_rapport_db_is_named_and_creates_nothing() {
    let journal = Journal::new();
    for value in ["", " ", "  \t"] {
        let mut command = journal.bare_command();
        command
            .env("RAPPORT_DB", value)
            .current_dir(journal.dir())
            .args(["person", "add", "Ann Lee"]);
        let run = execute(&mut command, None);
        assert_one_line_failure(&run, 2, &["person", "add"]);
        assert!(
            run.stderr.contains("RAPPORT_DB"),
            "{value:?}: {}",
            run.stderr
        );
        assert!(!run.stderr.contains("--db <PATH>"), "{}", run.stderr);
        let made: Vec<_> = fs::read_dir(journal.dir())
            .expect("lists")
            .filter_map(|e| e.ok())
            .collect();
        assert!(made.is_empty(), "{value:?}: {made:?}");
    }
    let mut command = journal.bare_command();
    command
        .current_dir(journal.dir())
        .args(["--db", " ", "person", "add", "Ann Lee"]);
    let run = execute(&mut command, None);
    assert_one_line_failure(&run, 2, &["--db", " "]);
    assert!(run.stderr.contains("cannot be blank"), "{}", run.stderr);
    assert!(!journal.dir().join(" ").exists());
}

/// Names that show as nothing, or carry marks that reorder text, are refused; a name with
/// an emoji joined by U+200D is fine.
#[test]
fn invisible_names_and_direction_marks_are_refused() {
    let journal = Journal::new();
    for name in [
        "\u{200B}",
        "\u{202E}",
        "\u{FEFF} \u{200B}",
        "Ann \u{202E}eeL",
        "\u{2066}Ann",
    ] {
        let stderr = journal.fails(&["person", "add", name], 2);
        assert!(
            stderr.contains("visible") || stderr.contains("direction"),
            "{name:?}: {stderr}"
        );
    }
    journal.ok(&["person", "add", "Zoë 👩\u{200D}💻"]);
    assert_eq!(
        journal.rows("SELECT name FROM person"),
        ["Zoë 👩\u{200D}💻"]
    );
}

/// Every command line the parser knows that opens the journal, with its required arguments
/// filled, found from the command line's own definition so that a new command cannot be
/// missed; and the ones that never open it, which the settings file does not stop.
fn every_command_line() -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    use clap::CommandFactory;
    let mut lines = Vec::new();
    collect_command_lines(&rapport::cli::Cli::command(), Vec::new(), &mut lines);
    // They never open the journal: settings, help pages, completion scripts, the questions.
    let exempt = ["config", "completions", "man", "questions"];
    lines.into_iter().partition(|line| {
        line.first()
            .is_none_or(|word| !exempt.contains(&word.as_str()))
    })
}

fn collect_command_lines(command: &clap::Command, path: Vec<String>, lines: &mut Vec<Vec<String>>) {
    if let Some(line) = filled_in(command, &path) {
        lines.push(line);
    }
    for sub in command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
    {
        let mut deeper = path.clone();
        deeper.push(sub.get_name().to_string());
        collect_command_lines(sub, deeper, lines);
    }
}

/// `path` with a value for each required argument of `command` that the parser accepts,
/// or `None` when the command cannot run without a subcommand.
fn filled_in(command: &clap::Command, path: &[String]) -> Option<Vec<String>> {
    use clap::CommandFactory;
    const VALUES: [&str; 3] = ["Tom", "1", "2026-12-01"];
    let mut required: Vec<&clap::Arg> = command
        .get_arguments()
        .filter(|arg| arg.is_required_set() && !arg.is_global_set())
        .collect();
    required.sort_by_key(|arg| (arg.is_positional(), arg.get_index()));
    let choices: Vec<Vec<String>> = required
        .iter()
        .map(|arg| match arg.get_possible_values().first() {
            Some(value) => vec![value.get_name().to_string()],
            None => VALUES.map(String::from).to_vec(),
        })
        .collect();
    let combinations: usize = choices.iter().map(Vec::len).product();
    (0..combinations).find_map(|mut pick| {
        let mut line = path.to_vec();
        for (arg, values) in required.iter().zip(&choices) {
            let value = values[pick % values.len()].clone();
            pick /= values.len();
            match arg.get_long().filter(|_| !arg.is_positional()) {
                Some(long) => line.extend([format!("--{long}"), value]),
                None => line.push(value),
            }
        }
        let parsed = rapport::cli::Cli::command()
            .try_get_matches_from(std::iter::once("rapport".to_string()).chain(line.clone()));
        parsed.is_ok().then_some(line)
    })
}

/// A settings file with a mistake stops every command that opens the journal the same way:
/// exit 1 and the one sentence `rapport config show` says, naming the file, the line and
/// the key, before the journal is touched. Commands that never open the journal (settings,
/// help pages, completion scripts, the questions) are not stopped by it.
#[test]
fn every_journal_command_refuses_a_broken_settings_file_the_same_way() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    journal.ok(&["log", "Tom", "--summary", "first"]);
    let file = journal
        .dir()
        .join("config")
        .join("rapport")
        .join("config.toml");
    fs::create_dir_all(file.parent().expect("a folder")).expect("the settings folder");
    fs::write(&file, "# mine\nfresh_cadences = 3\nfading_cadences = 2\n").expect("written");
    let said = journal.fails(&["config", "show"], 1);
    assert!(
        said.contains(&file.display().to_string())
            && said.contains("line 3")
            && said.contains("fading_cadences"),
        "{said}"
    );
    let before = journal.dump();
    let (opening, exempt) = every_command_line();
    assert!(
        opening.len() > 40,
        "the parser's commands are all found: {opening:?}"
    );
    for line in &opening {
        let args: Vec<&str> = line.iter().map(String::as_str).collect();
        let run = journal.run(&args);
        assert_one_line_failure(&run, 1, &args);
        assert_eq!(run.stderr, said, "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
    assert_eq!(journal.dump(), before, "no command changed the journal");
    for line in exempt.iter().filter(|line| *line != &["config", "show"]) {
        let args: Vec<&str> = line.iter().map(String::as_str).collect();
        let run = journal.run(&args);
        assert_eq!(run.code, 0, "{args:?} never opens the journal: {run:#?}");
    }
}
