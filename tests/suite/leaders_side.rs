//! The leader's side of the relationship (issue 31): what meets a need for each person,
//! through the command line, the interface, search and the exports.

use crate::common;
use crate::tui;

use chrono::Duration;
use ratatui::crossterm::event::KeyCode;
use serde_json::Value;

use common::{Journal, execute, today};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("valid JSON ({e}): {text}"))
}

/// Runs `args` on the journal with the clock standing `days_ago` days before the pinned day.
fn ok_days_ago(journal: &Journal, days_ago: i64, args: &[&str]) -> String {
    let at = today() - Duration::days(days_ago);
    let mut command = journal.command(args);
    command.env("RAPPORT_NOW", format!("{at}T10:00:00"));
    let run = execute(&mut command, None);
    common::assert_ok(&run, args);
    run.stdout
}

#[test]
fn a_new_note_on_what_meets_a_need_replaces_the_old_one_which_stays_in_the_history() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima", "Tom Baker"]);
    let said = ok_days_ago(
        &journal,
        20,
        &["meets", "ana", "belonging", "a lunch with the team"],
    );
    assert_eq!(
        said,
        "Noted what meets Belonging for Ana Lima: \"a lunch with the team\".\n"
    );
    journal.ok(&["meets", "ana", "b", "pairing, and being asked first"]);
    journal.ok(&["meets", "tom", "autonomy", "his own roadmap"]);

    let list = journal.ok(&["meets", "list"]);
    assert_eq!(
        list,
        "Ana Lima\n  Belonging   pairing, and being asked first (noted today)\n\
         Tom Baker\n  Autonomy    his own roadmap (noted today)\n"
    );
    let only_ana = json(&journal.ok(&["meets", "list", "--person", "ana", "--json"]));
    let only_ana = only_ana.as_array().expect("a list");
    assert_eq!(only_ana.len(), 1, "{only_ana:?}");
    assert_eq!(only_ana[0]["need"], "belonging");
    assert_eq!(only_ana[0]["text"], "pairing, and being asked first");
    assert_eq!(only_ana[0]["noted_on"], today().to_string());
    assert_eq!(only_ana[0]["uuid"].as_str().map(str::len), Some(36));

    let history = journal.ok(&["meets", "history", "ana"]);
    let earlier = today() - Duration::days(20);
    assert_eq!(
        history,
        format!(
            "Belonging\n  now  {}  pairing, and being asked first (noted today)\n  was  {}  a lunch with the team (noted 20d ago)\n",
            today().format("%a %d %b %Y"),
            earlier.format("%a %d %b %Y")
        )
    );
    let history = json(&journal.ok(&["meets", "history", "ana", "belonging", "--json"]));
    let texts: Vec<&str> = history
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|n| n["text"].as_str())
        .collect();
    assert_eq!(
        texts,
        ["pairing, and being asked first", "a lunch with the team"]
    );
    assert_eq!(
        journal.ok(&["meets", "history", "tom", "fun"]),
        "Nothing noted yet on what meets Tom Baker's needs.\n"
    );

    // Both versions are found by search, under the person's name; another's are not.
    let found = json(&journal.ok(&["search", "lunch", "--person", "ana", "--json"]));
    let hits = found.as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{found}");
    assert_eq!(hits[0]["kind"], "meets_need");
    assert_eq!(hits[0]["person"], "Ana Lima");
    assert_eq!(
        journal.ok(&["search", "roadmap", "--person", "ana"]),
        "Nothing matches roadmap.\n"
    );
}

#[test]
fn a_note_on_what_meets_a_need_refuses_an_empty_text_and_an_unknown_need() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let said = journal.fails(&["meets", "ana", "fun", "   "], 2);
    assert_eq!(
        said,
        "rapport: the note on what meets a need cannot be empty\n"
    );
    let run = journal.run(&["meets", "ana", "happiness", "cake"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("happiness"), "{}", run.stderr);
    let said = journal.fails(&["meets", "nobody", "fun", "cake"], 1);
    assert!(said.contains("nobody"), "{said}");
    assert_eq!(journal.count("meets_need"), 0);
}

#[test]
fn prep_and_the_markdown_export_show_what_meets_their_needs() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    ok_days_ago(
        &journal,
        9,
        &["meets", "ana", "security", "a plan in writing"],
    );
    journal.ok(&["meets", "ana", "security", "the plan, and a date"]);
    journal.ok(&["meets", "ana", "fun", "a puzzle at standup"]);

    let prep = journal.ok(&["prep", "ana"]);
    let section: Vec<&str> = prep
        .lines()
        .skip_while(|l| *l != "What meets their needs")
        .take(3)
        .collect();
    assert_eq!(
        section,
        [
            "What meets their needs",
            "  Fun         a puzzle at standup (noted today)",
            "  Security    the plan, and a date (noted today)",
        ],
        "{prep}"
    );
    let prep = json(&journal.ok(&["prep", "ana", "--json"]));
    let texts: Vec<&str> = prep["meets"]
        .as_array()
        .expect("meets")
        .iter()
        .filter_map(|n| n["text"].as_str())
        .collect();
    assert_eq!(texts, ["a puzzle at standup", "the plan, and a date"]);

    let markdown = journal.ok(&["export", "--format", "markdown"]);
    let earlier = today() - Duration::days(9);
    let expected = format!(
        "### What meets their needs\n\n- **Fun**\n  - {today}: a puzzle at standup\n- **Security**\n  - {today}: the plan, and a date\n  - {earlier}: a plan in writing (since replaced)\n",
        today = today()
    );
    assert!(markdown.contains(&expected), "{markdown}");
}

#[test]
fn people_gaps_and_prep_in_the_interface_show_what_meets_a_need() {
    let dir = tempfile::TempDir::new().expect("a temp dir");
    let mut store = tui::open_store(&dir);
    let ana = common::person(&mut store, "Ana Lima");
    let noted: rapport::domain::MeetsNeed = store
        .note_what_meets(
            ana,
            rapport::domain::Need::Competence,
            "a hard bug to own",
            None,
        )
        .expect("noted");
    assert_eq!(
        (noted.person_id, noted.text.as_str(), noted.noted_on),
        (ana, "a hard bug to own", tui::fixed_now().date())
    );
    let mut app = rapport::tui::app::App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        tui::LABEL.into(),
    )
    .expect("the app starts");

    tui::press(&mut app, KeyCode::Char('2'));
    let people = tui::screen(&app, 120, 36);
    assert!(people.contains("What meets their needs"), "{people}");
    assert!(
        people.contains("Competence  a hard bug to own (noted today)"),
        "{people}"
    );

    tui::press(&mut app, KeyCode::Char('p'));
    let prep = tui::screen(&app, 120, 36);
    assert!(prep.contains("What meets their needs"), "{prep}");
    assert!(
        prep.contains("Competence  a hard bug to own (noted today)"),
        "{prep}"
    );
    tui::press(&mut app, KeyCode::Esc);

    tui::press(&mut app, KeyCode::Char('5'));
    let gaps = tui::screen(&app, 120, 36);
    assert!(
        gaps.contains("What meets it: a hard bug to own (noted today)"),
        "{gaps}"
    );
}
