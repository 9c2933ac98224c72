//! The journal as a whole from the command line: which file is used, the daily agenda, the
//! health check, the demo team, shell completions and every help text.

use crate::common;

use std::fs;

use chrono::Duration;
use serde_json::Value;

use common::{Journal, assert_ok, execute, today};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("valid JSON ({e}): {text}"))
}

fn counts(check: &Value) -> std::collections::BTreeMap<String, i64> {
    check["counts"]
        .as_object()
        .expect("counts, an object keyed by part")
        .iter()
        .map(|(part, rows)| (part.clone(), rows.as_i64().expect("a number of rows")))
        .collect()
}

#[test]
fn bare_rapport_on_an_empty_journal_welcomes() {
    let journal = Journal::new();
    let out = journal.ok(&[]);
    assert!(
        out.starts_with("Your journal is empty. Add the first person you lead:\n"),
        "{out}"
    );
    assert!(out.contains("rapport person add"), "{out}");
    assert!(out.contains("rapport demo"), "{out}");
    // The journal now exists, empty and current.
    assert_eq!(
        journal.rows("PRAGMA user_version"),
        [rapport::store::SCHEMA_VERSION.to_string()]
    );
    assert_eq!(journal.count("person"), 0);
}

#[test]
fn bare_rapport_lists_who_is_due() {
    let journal = Journal::new();
    let today = today();
    journal.ok(&["person", "add", "Priya Raman"]);
    journal.ok(&["person", "add", "Tom Baker", "--cadence", "7"]);
    journal.ok(&["person", "add", "Ana Lima", "--cadence", "30"]);
    journal.ok(&["person", "add", "Old Friend"]);
    journal.ok(&["person", "archive", "old"]);
    let ten_days_ago = today - Duration::days(10);
    journal.ok(&["log", "tom", "--when", &ten_days_ago.to_string()]);
    journal.ok(&["log", "ana", "--when", "yesterday"]);
    journal.ok(&[
        "followup",
        "add",
        "tom",
        "Send the RFC",
        "--due",
        "2020-03-02",
    ]);
    journal.ok(&["followup", "add", "ana", "Not due yet", "--due", "+5"]);

    let agenda = journal.ok(&[]);
    let lines: Vec<&str> = agenda.lines().collect();
    assert_eq!(
        lines[0],
        today.format("%A %d %B %Y").to_string(),
        "{agenda}"
    );
    assert_eq!(lines[1], "");
    assert_eq!(lines[2], "Due for a 1:1");
    // Never met first, then the most overdue.
    assert!(
        lines[3].starts_with("  Priya Raman")
            && lines[3].contains("due today")
            && lines[3].ends_with("never met"),
        "{agenda}"
    );
    assert!(
        lines[4].starts_with("  Tom Baker")
            && lines[4].contains("overdue 3d")
            && lines[4].ends_with("last 1:1 10d ago"),
        "{agenda}"
    );
    assert!(
        !agenda.contains("Ana Lima"),
        "Ana is not due for 29 days: {agenda}"
    );
    assert!(
        !agenda.contains("Old Friend"),
        "archived people leave the daily views: {agenda}"
    );
    assert!(agenda.contains("\nFollow-ups due\n"), "{agenda}");
    assert!(agenda.contains("Send the RFC  (Tom Baker)"), "{agenda}");
    assert!(!agenda.contains("Not due yet"), "{agenda}");
    assert!(
        agenda.ends_with(
            "After the 1:1: rapport log \"Priya Raman\" --need autonomy --summary \"…\"\n"
        ),
        "{agenda}"
    );

    // `rapport today` is the same agenda, and has JSON.
    assert_eq!(journal.ok(&["today"]), agenda);
    let data = json(&journal.ok(&["today", "--json"]));
    assert_eq!(data["today"], today.to_string());
    let due = data["due_for_one_on_one"].as_array().unwrap();
    assert_eq!(due.len(), 2);
    assert_eq!(due[0]["person"]["name"], "Priya Raman");
    assert_eq!(due[0]["last_one_on_one"], Value::Null);
    assert_eq!(due[0]["last_talk"], Value::Null);
    assert_eq!(due[1]["person"]["name"], "Tom Baker");
    assert_eq!(due[1]["last_one_on_one"], ten_days_ago.to_string());
    assert_eq!(due[1]["due_in_days"], -3);
    assert_eq!(
        due[1]["next_due"],
        (ten_days_ago + Duration::days(7)).to_string()
    );
    let follow_ups = data["follow_ups_due"].as_array().unwrap();
    assert_eq!(follow_ups.len(), 1);
    assert_eq!(follow_ups[0]["text"], "Send the RFC");
}

#[test]
fn nobody_due_says_so() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Priya Raman"]);
    journal.ok(&["log", "priya"]);
    let agenda = journal.ok(&["today"]);
    assert!(
        agenda.contains("Nobody is due for a 1:1 in the next 2 days."),
        "{agenda}"
    );
    assert!(!agenda.contains("After the 1:1"), "{agenda}");
}

#[test]
fn check_reports_version_integrity_and_counts() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Priya Raman"]);
    journal.ok(&[
        "log",
        "priya",
        "--need",
        "fun",
        "--tag",
        "x",
        "--followup",
        "y",
    ]);
    let report = journal.ok(&["check"]);
    let version = rapport::store::SCHEMA_VERSION;
    assert!(
        report.starts_with(&format!("Journal     {}\n", journal.path.display())),
        "{report}"
    );
    assert!(
        report.contains(&format!(
            "Schema      version {version} (this Rapport knows up to {version})\n"
        )),
        "{report}"
    );
    assert!(report.contains("Integrity   ok\n"), "{report}");
    assert!(
        report.contains("  person                     1\n"),
        "{report}"
    );
    assert!(
        report.contains("  conversation need          1\n"),
        "{report}"
    );
    assert!(
        report.contains("  follow up                  1\n"),
        "{report}"
    );

    let data = json(&journal.ok(&["check", "--json"]));
    assert_eq!(data["ok"], true);
    assert_eq!(data["integrity"], serde_json::json!(["ok"]));
    assert_eq!(data["foreign_key_problems"], 0);
    assert_eq!(data["schema_version"], version);
    assert_eq!(data["supported_version"], version);
    let counts = counts(&data);
    assert_eq!(counts["person"], 1);
    assert_eq!(counts["conversation"], 1);
    assert_eq!(counts["conversation_tag"], 1);
    assert_eq!(counts["idea"], 0);
    assert_eq!(counts["talking_point"], 0);
    assert_eq!(counts["question_asked"], 0);
    assert_eq!(counts["feedback"], 0);
    assert_eq!(counts["meets_need"], 0);
    assert_eq!(counts["delegation"], 0);
    assert_eq!(counts["direction"], 0);
    assert_eq!(counts["moment"], 0);
    assert_eq!(counts.len(), 18, "{counts:?}");
}

#[test]
fn check_fails_on_a_damaged_journal() {
    let journal = Journal::new();
    damage(&journal);
    assert!(
        fs::metadata(&journal.path).unwrap().len() >= 8 * 4096,
        "a multi-page journal"
    );
    for args in [&["check"][..], &["check", "--json"][..]] {
        let run = journal.run(args);
        common::assert_one_line_failure(&run, 1, args);
        // SQLite may stop the integrity check itself with "malformed"; see
        // `a_damaged_journal_is_called_damaged` for the wording.
        assert!(
            ["damaged", "integrity", "malformed"]
                .iter()
                .any(|w| run.stderr.contains(w)),
            "{args:?}: {}",
            run.stderr
        );
        if args.len() == 2 && !run.stdout.is_empty() {
            assert_eq!(json(&run.stdout)["ok"], false);
        }
    }
}

/// Two whole pages of noise in the middle of a journal.
fn damage(journal: &Journal) {
    journal.add_people(&["Priya Raman"]);
    let notes = "A long note that fills pages. ".repeat(400);
    for _ in 0..8 {
        journal.ok(&["log", "priya", "--notes", &notes]);
    }
    let mut bytes = fs::read(&journal.path).unwrap();
    let middle = (bytes.len() / 4096 / 2) * 4096;
    bytes[middle..middle + 2 * 4096].fill(0xA5);
    fs::write(&journal.path, &bytes).unwrap();
}

#[test]

fn a_damaged_journal_is_called_damaged() {
    let journal = Journal::new();
    damage(&journal);
    let run = journal.run(&["check"]);
    common::assert_one_line_failure(&run, 1, &["check"]);
    assert!(
        run.stderr.contains("damaged") || run.stderr.contains("failed its integrity check"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("restore"),
        "says what to do: {}",
        run.stderr
    );
}

#[test]
fn check_fails_when_an_index_disagrees_with_its_table() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Baker"]);
    journal.ok(&[
        "log",
        "priya",
        "--when",
        "2026-11-20 10:00",
        "--summary",
        "b",
    ]);
    journal.ok(&["log", "tom", "--when", "2026-11-21 10:00", "--summary", "a"]);
    // Point an index at another column without rebuilding it: the file stays readable but
    // the index no longer matches its table, which only the integrity check notices.
    let raw = common::connect(&journal.path);
    raw.execute_batch(
        "PRAGMA writable_schema = ON;
         UPDATE sqlite_master SET sql = 'CREATE INDEX conversation_by_time ON conversation (summary)'
          WHERE name = 'conversation_by_time';
         PRAGMA writable_schema = OFF;",
    )
    .unwrap();
    drop(raw);

    let run = journal.run(&["check"]);
    common::assert_one_line_failure(&run, 1, &["check"]);
    assert!(
        run.stderr.contains("failed its integrity check"),
        "{}",
        run.stderr
    );
    assert!(
        run.stdout.contains("conversation_by_time"),
        "the report names the problem: {}",
        run.stdout
    );
    let run = journal.run(&["check", "--json"]);
    common::assert_one_line_failure(&run, 1, &["check", "--json"]);
    let data = json(&run.stdout);
    assert_eq!(data["ok"], false);
    assert_ne!(data["integrity"], serde_json::json!(["ok"]));
}

#[test]
fn check_fails_on_broken_links() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let raw = common::connect(&journal.path);
    // Another program, without foreign keys, leaves a follow-up of nobody behind.
    raw.pragma_update(None, "foreign_keys", false).unwrap();
    raw.execute(
        "INSERT INTO follow_up (uuid, person_id, owner, text, made_on, created_at, updated_at)
         VALUES (X'0192f0a0000070008000000000000001', 42, 'me', 'orphan', '2026-11-20', 0, 0)",
        [],
    )
    .unwrap();
    drop(raw);
    let run = journal.run(&["check"]);
    common::assert_one_line_failure(&run, 1, &["check"]);
    assert!(run.stdout.contains("Integrity   ok\n"), "{}", run.stdout);
    assert!(
        run.stdout.contains("Links       1 broken references"),
        "{}",
        run.stdout
    );
    let run = journal.run(&["check", "--json"]);
    assert_eq!(run.code, 1);
    let data = json(&run.stdout);
    assert_eq!(data["ok"], false);
    assert_eq!(data["foreign_key_problems"], 1);
}

#[test]
fn shell_completions() {
    let journal = Journal::new();
    let bash = journal.ok(&["completions", "bash"]);
    assert!(bash.contains("_rapport()"), "a bash function");
    assert!(
        bash.contains("complete -F _rapport"),
        "registered for rapport"
    );
    for word in [
        "person",
        "log",
        "followup",
        "aspiration",
        "--notes-file",
        "--roving-leader",
    ] {
        assert!(bash.contains(word), "{word} completes");
    }
    assert!(
        journal
            .ok(&["completions", "zsh"])
            .starts_with("#compdef rapport")
    );
    assert!(
        journal
            .ok(&["completions", "fish"])
            .contains("complete -c rapport")
    );
    assert!(
        !journal.path.exists(),
        "completions do not touch the journal"
    );
}

/// The command names in a help text's "Commands:" section, without `help` itself.
fn listed_commands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(String::from)
        .collect()
}

#[test]
fn every_command_has_help() {
    let journal = Journal::new();
    let commands: &[&[&str]] = &[
        &[],
        &["person"],
        &["person", "add"],
        &["person", "list"],
        &["person", "show"],
        &["person", "edit"],
        &["person", "archive"],
        &["log"],
        &["followup"],
        &["followup", "add"],
        &["followup", "list"],
        &["followup", "done"],
        &["aspiration"],
        &["aspiration", "add"],
        &["aspiration", "update"],
        &["aspiration", "list"],
        &["ack"],
        &["idea"],
        &["today"],
        &["check"],
        &["demo"],
        &["completions"],
    ];
    for command in commands {
        let mut args = command.to_vec();
        args.push("--help");
        let out = journal.ok(&args);
        let usage = format!(
            "Usage: rapport{}",
            command.iter().map(|c| format!(" {c}")).collect::<String>()
        );
        assert!(out.contains(&usage), "{args:?}: {out}");
        assert!(out.contains("--db <PATH>"), "{args:?} mentions --db");
    }
    let top = journal.ok(&["--help"]);
    assert!(top.contains("Exit codes: 0 ok, 1"), "{top}");
    // Whatever commands the help lists (newer ones included) have their own help, and
    // groups list their subcommands, which have help too.
    let listed = listed_commands(&top);
    assert!(listed.len() >= 11, "{listed:?}");
    for command in &listed {
        let help = journal.ok(&[command, "--help"]);
        assert!(
            help.contains(&format!("Usage: rapport {command}")),
            "{command}: {help}"
        );
        for sub in listed_commands(&help) {
            let help = journal.ok(&[command, &sub, "--help"]);
            assert!(
                help.contains(&format!("Usage: rapport {command} {sub}")),
                "{command} {sub}: {help}"
            );
        }
    }
    assert!(
        journal
            .ok(&["log", "--help"])
            .contains("--their-followup <TEXT>")
    );
    assert!(!journal.path.exists(), "help does not touch the journal");
}

#[test]
fn the_journal_comes_from_rapport_db_or_db() {
    let journal = Journal::new();
    let from_env = journal.dir().join("env").join("from-env.db");
    let mut command = journal.bare_command();
    command
        .env("RAPPORT_DB", &from_env)
        .args(["person", "add", "Priya Raman"]);
    let run = execute(&mut command, None);
    assert_ok(&run, &["RAPPORT_DB=…", "person", "add"]);
    assert_eq!(
        common::rows(&from_env, "SELECT name FROM person"),
        ["Priya Raman"]
    );
    assert_eq!(common::mode(&from_env), 0o600);
    assert_eq!(common::mode(from_env.parent().unwrap()), 0o700);

    // --db wins over RAPPORT_DB.
    let mut command = journal.bare_command();
    command
        .env("RAPPORT_DB", &from_env)
        .arg("--db")
        .arg(&journal.path)
        .args(["person", "add", "Tom Baker"]);
    assert_ok(&execute(&mut command, None), &["--db", "person", "add"]);
    assert_eq!(journal.rows("SELECT name FROM person"), ["Tom Baker"]);
    assert_eq!(
        common::rows(&from_env, "SELECT name FROM person"),
        ["Priya Raman"]
    );

    // --db may also come after the command.
    let mut command = journal.bare_command();
    command.args(["person", "list", "--db"]).arg(&from_env);
    let run = execute(&mut command, None);
    assert_ok(&run, &["person", "list", "--db"]);
    assert!(run.stdout.contains("Priya Raman") && !run.stdout.contains("Tom Baker"));
}

/// Without --db or RAPPORT_DB the journal lives in the platform data folder; on Linux that
/// follows XDG_DATA_HOME, which the tests point into a temp folder.
#[cfg(target_os = "linux")]
#[test]
fn the_default_journal_is_in_the_data_folder() {
    let journal = Journal::new();
    let data = journal.dir().join("data").join("rapport");
    let mut command = journal.bare_command();
    command.args(["person", "add", "Priya Raman"]);
    assert_ok(&execute(&mut command, None), &["person", "add"]);
    let default = data.join("rapport.db");
    assert_eq!(
        common::rows(&default, "SELECT name FROM person"),
        ["Priya Raman"]
    );
    assert_eq!(common::mode(&data), 0o700);
    assert_eq!(common::mode(&default), 0o600);

    // --demo uses demo.db beside it, never the leader's own journal.
    let mut command = journal.bare_command();
    command.args(["--demo", "person", "list"]);
    let run = execute(&mut command, None);
    assert_ok(&run, &["--demo", "person", "list"]);
    assert!(run.stdout.starts_with("Nobody yet."), "{}", run.stdout);
    assert!(data.join("demo.db").exists());
    assert_eq!(
        common::rows(&default, "SELECT name FROM person"),
        ["Priya Raman"]
    );
}

#[test]
fn demo_fills_an_empty_journal_once() {
    let journal = Journal::new();
    let out = journal.ok(&["demo"]);
    let numbers: Vec<i64> = out
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(4)
        .map(|s| s.parse().unwrap())
        .collect();
    assert!(out.starts_with("Made up a team of 8 with "), "{out}");
    assert!(out.contains(&journal.path.display().to_string()), "{out}");
    let [people, conversations, follow_ups, aspirations] = numbers[..] else {
        panic!("four numbers in {out}");
    };
    assert_eq!(people, 8);
    assert!(conversations > 8, "a year of 1:1s: {out}");

    let data = json(&journal.ok(&["check", "--json"]));
    assert_eq!(data["ok"], true);
    let counts = counts(&data);
    assert_eq!(counts["person"], people);
    assert_eq!(counts["conversation"], conversations);
    assert_eq!(counts["follow_up"], follow_ups);
    assert_eq!(counts["aspiration"], aspirations);
    assert!(counts["conversation_need"] > 0, "{counts:?}");

    // A second demo into the same journal is refused and changes nothing.
    let before = journal.dump();
    let said = journal.fails(&["demo"], 1);
    assert!(
        said.contains("the demo only fills an empty journal"),
        "{said}"
    );
    assert_eq!(journal.dump(), before);
}

#[test]
fn demo_takes_size_and_seed() {
    let journal = Journal::new();
    let out = journal.ok(&["demo", "--people", "3", "--years", "1", "--seed", "7"]);
    assert!(out.starts_with("Made up a team of 3 with "), "{out}");
    assert_eq!(journal.count("person"), 3);
    let other = Journal::new();
    other.ok(&["demo", "--people", "3", "--years", "1", "--seed", "7"]);
    assert_eq!(
        journal.rows("SELECT name, role, cadence_days FROM person ORDER BY id"),
        other.rows("SELECT name, role, cadence_days FROM person ORDER BY id"),
        "the same seed makes the same team"
    );
}

/// `rapport … | head` must not turn into an error or a panic when `head` stops reading.
fn into_a_closed_pipe(journal: &Journal, args: &[&str]) -> (i32, String) {
    let output = journal
        .command(args)
        .stdout(common::closed_pipe())
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    (output.status.code().expect("an exit code"), stderr)
}

#[test]
fn a_reader_that_goes_away_is_not_an_error() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Baker"]);
    for args in [
        &["person", "list"][..],
        &["person", "list", "--json"][..],
        &["check", "--json"][..],
        &["today"][..],
    ] {
        assert_eq!(
            into_a_closed_pipe(&journal, args),
            (0, String::new()),
            "{args:?}"
        );
    }
}

#[test]

fn completions_into_a_closed_pipe_do_not_panic() {
    let journal = Journal::new();
    assert_eq!(
        into_a_closed_pipe(&journal, &["completions", "bash"]),
        (0, String::new())
    );
}
