//! Names with escape sequences: import refuses them (it applies the entry forms' checks to
//! every field), and a name that is already in a journal (stored by an older Rapport)
//! never reaches the terminal raw from any command, errors included.

use crate::common;

use std::fs;

use common::Journal;
use serde_json::Value;

/// A title-setting OSC sequence, a bell, and a C1 CSI.
const NASTY: &str = "Ann\u{1b}]0;pwned\u{7}\u{9b}31m Lee";

fn assert_clean(text: &str, what: &str) {
    for bad in ['\u{1b}', '\u{7}', '\u{9b}'] {
        assert!(!text.contains(bad), "{what} carries {bad:?}: {text:?}");
    }
}

/// Commands that show names, and errors that echo the leader's argument: nothing raw.
#[test]
fn a_name_with_escape_sequences_never_reaches_the_terminal_raw() {
    let journal = Journal::new();
    journal.add_people(&["Ann Other"]);
    common::connect(&journal.path)
        .execute("UPDATE person SET name = ?1", [NASTY])
        .expect("a name from an older Rapport");
    journal.ok(&["followup", "add", "ann", "send the notes"]);
    journal.ok(&["aspiration", "add", "ann", "Speak at the summit"]);
    let runs: Vec<(Vec<&str>, common::Run)> = [
        vec!["person", "list"],
        vec!["person", "show", "ann"],
        vec!["today"],
        vec!["followup", "list"],
        vec!["aspiration", "list"],
        vec!["log", "ann", "--summary", "rota"],
        vec!["person", "show", "zed\u{1b}[2J"],
        vec!["person", "show", "\u{9b}31m"],
        vec!["log", "\u{1b}]0;x\u{7}", "--summary", "x"],
        vec!["log", "tom", "--when", "\u{1b}[2J"],
    ]
    .into_iter()
    .map(|args| {
        let run = journal.run(&args);
        (args, run)
    })
    .collect();
    for (args, run) in &runs {
        common::assert_no_panic(run);
        assert_clean(&run.stdout, &format!("{args:?} stdout"));
        assert_clean(&run.stderr, &format!("{args:?} stderr"));
    }
    assert!(runs[0].1.stdout.contains("Ann"), "{}", runs[0].1.stdout);
}

/// Exports edited in place (the tables keep Rapport's order) to break one entry-form rule
/// each: every one is refused for that rule, in one sentence that names the row and quotes
/// nothing, and the journal is unchanged.
#[test]
fn import_applies_the_entry_forms_checks_to_every_field() {
    let source = Journal::new();
    source.add_people(&["Tom Baker", "Yan Li"]);
    source.ok(&[
        "log",
        "tom",
        "--summary",
        "rota",
        "--tag",
        "ops",
        "--followup",
        "ask",
    ]);
    source.ok(&["log", "yan", "--summary", "plan"]);
    let export = source.dir().join("export.json");
    source.ok(&["export", "-o", export.to_str().expect("UTF-8")]);
    let original = fs::read_to_string(&export).expect("reads");
    let tom = common::export_row_uuid(&original, "person", |p| p["name"] == "Tom Baker");
    let toms = |row: &Value| row["person"] == tom;
    let yans_talk = common::export_row_uuid(&original, "conversation", |c| c["person"] != tom);
    let toms_talk = common::export_row_uuid(&original, "conversation", toms);
    let tag = common::export_row_uuid(&original, "conversation_tag", |_| true);
    let follow_up = common::export_row_uuid(&original, "follow_up", |_| true);
    let is_tom = |row: &Value| row["uuid"] == tom;
    let set = |table: &'static str, pick: &dyn Fn(&Value) -> bool, field: &str, value: Value| {
        common::edit_export_row(&original, table, pick, |row| row[field] = value)
    };
    let (tom, toms_talk, tag, follow_up) = (
        tom.as_str().expect("a UUID").to_string(),
        toms_talk.as_str().expect("a UUID").to_string(),
        tag.as_str().expect("a UUID").to_string(),
        follow_up.as_str().expect("a UUID").to_string(),
    );
    let breaks: Vec<(&str, String, String)> = vec![
        (
            "an escape sequence in a name",
            set("person", &is_tom, "name", NASTY.into()),
            format!(
                "person {tom} has a name the entry form refuses: a name cannot contain control characters or line breaks"
            ),
        ),
        (
            "a name of 101 characters",
            set("person", &is_tom, "name", "x".repeat(101).into()),
            format!(
                "person {tom} has a name the entry form refuses: a name can have at most 100 characters (this one has 101)"
            ),
        ),
        (
            "blank space around a name",
            set("person", &is_tom, "name", " Tom Baker ".into()),
            format!("person {tom} has a name that is not as the entry form would store it"),
        ),
        (
            "a bell in a role",
            set("person", &is_tom, "role", "ops\u{7}".into()),
            format!(
                "person {tom} has a role the entry form refuses: the role must be one line of text without control characters"
            ),
        ),
        (
            "notes over 256 KiB",
            set(
                "conversation",
                &toms,
                "notes",
                "x".repeat(256 * 1024 + 1).into(),
            ),
            format!(
                "conversation {toms_talk} has a notes the entry form refuses: the notes are 262145 bytes, more than the 256 KiB a conversation can hold"
            ),
        ),
        (
            "a conversation in 1960",
            set(
                "conversation",
                &toms,
                "happened_at",
                "1960-01-01 10:00".into(),
            ),
            format!(
                "conversation {toms_talk} has a happened_at that is not a time like 2026-11-20 14:30 between 1970 and 2100"
            ),
        ),
        (
            "a conversation after today",
            set(
                "conversation",
                &toms,
                "happened_at",
                "2099-01-01 10:00".into(),
            ),
            format!("conversation {toms_talk} has not happened yet (it is dated after today)"),
        ),
        (
            "a tag in upper case",
            set("conversation_tag", &|_| true, "tag", "Ops".into()),
            format!("tag {tag} has a tag that is not as the entry form would store it"),
        ),
        (
            "a follow-up due in 2200",
            set("follow_up", &|_| true, "due_on", "2200-01-01".into()),
            format!(
                "follow-up {follow_up} has a due_on that is not a date like 2026-11-20 between 1970 and 2100"
            ),
        ),
        (
            "a follow-up on someone else's conversation",
            set("follow_up", &|_| true, "conversation", yans_talk.clone()),
            format!(
                "follow-up {follow_up} belongs to person {tom} but refers to conversation {}, which is someone else's",
                yans_talk.as_str().expect("a UUID")
            ),
        ),
    ];
    let target = Journal::new();
    target.add_people(&["Ana Souza"]);
    let before = target.dump();
    let broken = target.dir().join("broken.json");
    for (what, file, says) in &breaks {
        fs::write(&broken, file).expect("written");
        let stderr = target.fails(&["import", broken.to_str().expect("UTF-8")], 1);
        assert!(stderr.contains("cannot be imported"), "{what}: {stderr}");
        assert!(stderr.contains(says.as_str()), "{what}: {says}\n{stderr}");
        assert_clean(&stderr, what);
        assert!(
            !stderr.contains("pwned") && stderr.len() < 400,
            "{what}: {stderr}"
        );
        assert_eq!(target.dump(), before, "{what}: the journal is unchanged");
    }
    // The export as it was imports.
    target.ok(&["import", export.to_str().expect("UTF-8")]);
}
