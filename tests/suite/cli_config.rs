//! Settings from the command line: where they are read from, what is in force and why, a
//! file to start from, `--config` and `RAPPORT_CONFIG`, and errors that name the line.

use crate::common;

use common::{Journal, execute};

fn settings_folder(journal: &Journal) -> std::path::PathBuf {
    journal.dir().join("config").join("rapport")
}

#[test]
fn path_show_and_default_tell_where_settings_come_from() {
    let journal = Journal::new();
    journal.add_people(&["Ana Souza"]);
    let default_file = settings_folder(&journal).join("config.toml");
    // Only the path on stdout, even before the file exists, so `$EDITOR "$(rapport config
    // path)"` opens the right file on first use; the note goes to stderr.
    let run = execute(&mut journal.command(&["config", "path"]), None);
    assert_eq!(
        run.stdout,
        format!("{}\n", default_file.display()),
        "{run:?}"
    );
    assert_eq!(
        run.stderr, "rapport: note: that file is not there yet, so the defaults are in use\n",
        "{run:?}"
    );
    let shown = journal.ok(&["config", "show"]);
    assert_eq!(shown.lines().count(), 16, "{shown}");
    assert!(
        shown.contains("sync_every_minutes = 5   # default"),
        "{shown}"
    );
    assert!(shown.contains("theme = \"dark\"   # default"), "{shown}");
    assert!(shown.lines().all(|l| l.ends_with("# default")), "{shown}");
    assert!(
        shown.contains("week_start = \"monday\"   # default"),
        "{shown}"
    );

    // The file to start from, with one setting changed, is the one read.
    let start = journal.ok(&["config", "default"]);
    std::fs::create_dir_all(settings_folder(&journal)).expect("the folder");
    let line = start
        .lines()
        .position(|l| l.starts_with("week_start"))
        .expect("week_start is in the file")
        + 1;
    std::fs::write(&default_file, start.replace("\"monday\"", "\"sunday\"")).expect("the file");
    assert_eq!(
        journal.ok(&["config", "path"]),
        format!("{}\n", default_file.display())
    );
    let shown = journal.ok(&["config", "show"]);
    assert!(
        shown.contains(&format!(
            "week_start = \"sunday\"   # {}, line {line}",
            default_file.display()
        )),
        "{shown}"
    );
    // And the commands use it: weeks start on Sunday.
    let week: serde_json::Value =
        serde_json::from_str(&journal.ok(&["week", "--json"])).expect("JSON");
    assert_eq!(week["week"]["start"], "2026-11-22");
}

#[test]
fn a_file_named_by_flag_or_variable_is_read_instead() {
    let journal = Journal::new();
    journal.add_people(&["Ana Souza"]);
    let chosen = journal.dir().join("team.toml");
    std::fs::write(&chosen, "# shared settings\nweek_start = \"tuesday\"\n").expect("written");
    let chosen_arg = chosen.to_str().expect("UTF-8");
    let shown = journal.ok(&["--config", chosen_arg, "config", "show"]);
    assert!(
        shown.contains(&format!(
            "week_start = \"tuesday\"   # {chosen_arg}, line 2"
        )),
        "{shown}"
    );
    let mut command = journal.command(&["config", "path"]);
    command.env("RAPPORT_CONFIG", &chosen);
    let run = execute(&mut command, None);
    assert_eq!(run.stdout, format!("{chosen_arg}\n"), "{run:?}");
    // A named file must exist: a typo is not silently the defaults.
    let missing = journal.dir().join("typo.toml");
    let said = journal.fails(&["--config", missing.to_str().expect("UTF-8"), "week"], 1);
    assert!(said.contains("does not exist"), "{said}");
}

#[test]
fn a_mistake_in_the_settings_names_the_file_the_line_and_the_key() {
    let journal = Journal::new();
    journal.add_people(&["Ana Souza"]);
    std::fs::create_dir_all(settings_folder(&journal)).expect("the folder");
    let file = settings_folder(&journal).join("config.toml");
    std::fs::write(&file, "# mine\nfresh_cadences = 3\nfading_cadences = 2\n").expect("written");
    let said = journal.fails(&["week"], 1);
    assert!(
        said.contains(&file.display().to_string())
            && said.contains("line 3")
            && said.contains("fading_cadences"),
        "{said}"
    );
    std::fs::write(&file, "\n\ncolour = \"red\"\n").expect("written");
    let said = journal.fails(&["config", "show"], 1);
    assert!(said.contains("line 3") && said.contains("colour"), "{said}");
}

/// The `[keys]` table: `config show` lists the keys moved, with their lines, and two actions
/// on one key are refused by every command with one sentence naming the file, the line and
/// the key, before the journal is touched.
#[test]
fn the_keys_table_is_shown_and_a_clash_is_refused() {
    let journal = Journal::new();
    journal.add_people(&["Ana Souza"]);
    std::fs::create_dir_all(settings_folder(&journal)).expect("the folder");
    let file = settings_folder(&journal).join("config.toml");
    std::fs::write(
        &file,
        "mouse = true\n\n[keys]\nquit = \"Q\"\nsearch = \"ctrl-f\"\n",
    )
    .expect("written");
    let shown = journal.ok(&["config", "show"]);
    let path = file.display();
    assert!(
        shown.contains(&format!("keys.quit = \"Q\"   # {path}, line 4")),
        "{shown}"
    );
    assert!(
        shown.contains(&format!("keys.search = \"ctrl-f\"   # {path}, line 5")),
        "{shown}"
    );

    std::fs::write(&file, "[keys]\nquit = \"Q\"\nfilter = \"a\"\n").expect("written");
    let before = journal.dump();
    let run = journal.run(&["today"]);
    common::assert_one_line_failure(&run, 1, &["today"]);
    assert_eq!(
        run.stderr,
        format!(
            "rapport: the settings file {path} is not valid: line 3: [keys] filter takes a, which is already add_person on People; give one of them another key\n"
        ),
        "{run:?}"
    );
    assert_eq!(journal.dump(), before, "the journal is not touched");
    let said = journal.fails(&["config", "show"], 1);
    assert!(said.contains("line 3: [keys] filter takes a"), "{said}");
}
