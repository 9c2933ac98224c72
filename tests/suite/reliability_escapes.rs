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

/// One change to an export.
type Edit<'a> = Box<dyn Fn(&mut Value) + 'a>;

/// Exports edited to break one entry-form rule each: every one is refused in one sentence
/// that quotes nothing, and the journal is unchanged.
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
    let original: Value =
        serde_json::from_str(&fs::read_to_string(&export).expect("reads")).expect("JSON");
    let tom = original["person"]
        .as_array()
        .and_then(|people| people.iter().find(|p| p["name"] == "Tom Baker"))
        .map(|p| p["uuid"].clone())
        .expect("Tom");
    let yans_talk = original["conversation"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["person"] != tom))
        .map(|c| c["uuid"].clone())
        .expect("Yan's conversation");
    let toms_talk = |file: &mut Value| -> usize {
        file["conversation"]
            .as_array()
            .and_then(|c| c.iter().position(|c| c["person"] == tom))
            .expect("Tom's conversation")
    };
    let breaks: Vec<(&str, Edit<'_>)> = vec![
        (
            "an escape sequence in a name",
            Box::new(|f| f["person"][0]["name"] = NASTY.into()),
        ),
        (
            "a name of 101 characters",
            Box::new(|f| f["person"][0]["name"] = "x".repeat(101).into()),
        ),
        (
            "blank space around a name",
            Box::new(|f| f["person"][0]["name"] = " Tom Baker ".into()),
        ),
        (
            "a bell in a role",
            Box::new(|f| f["person"][0]["role"] = "ops\u{7}".into()),
        ),
        (
            "notes over 256 KiB",
            Box::new(move |f| {
                let at = toms_talk(f);
                f["conversation"][at]["notes"] = "x".repeat(256 * 1024 + 1).into();
            }),
        ),
        (
            "a conversation in 1960",
            Box::new(move |f| {
                let at = toms_talk(f);
                f["conversation"][at]["happened_at"] = "1960-01-01 10:00".into();
            }),
        ),
        (
            "a conversation after today",
            Box::new(move |f| {
                let at = toms_talk(f);
                f["conversation"][at]["happened_at"] = "2099-01-01 10:00".into();
            }),
        ),
        (
            "a tag in upper case",
            Box::new(|f| f["conversation_tag"][0]["tag"] = "Ops".into()),
        ),
        (
            "a follow-up due in 2200",
            Box::new(|f| f["follow_up"][0]["due_on"] = "2200-01-01".into()),
        ),
        (
            "a follow-up on someone else's conversation",
            Box::new(move |f| {
                f["follow_up"][0]["conversation"] = yans_talk.clone();
            }),
        ),
    ];
    let target = Journal::new();
    target.add_people(&["Ana Souza"]);
    let before = target.dump();
    let broken = target.dir().join("broken.json");
    for (what, edit) in &breaks {
        let mut file = original.clone();
        edit(&mut file);
        fs::write(&broken, serde_json::to_string(&file).expect("JSON")).expect("written");
        let stderr = target.fails(&["import", broken.to_str().expect("UTF-8")], 1);
        assert!(stderr.contains("cannot be imported"), "{what}: {stderr}");
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
