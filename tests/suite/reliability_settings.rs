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
