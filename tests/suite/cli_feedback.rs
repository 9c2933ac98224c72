//! Feedback to me (issue 31): what people told the leader about their leading, through the
//! real binary: recorded, listed, corrected, deleted, searched and carried by the export.

use crate::common;

use common::Journal;

fn feedback_json(journal: &Journal, args: &[&str]) -> serde_json::Value {
    let text = journal.ok(args);
    serde_json::from_str(&text).expect("valid JSON")
}

#[test]
fn feedback_is_recorded_listed_corrected_and_deleted() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Sam Okafor"]);
    let said = journal.ok(&[
        "feedback",
        "add",
        "pri",
        "You jump in to fix things before I ask",
        "--about",
        "directing",
        "--need",
        "autonomy",
        "--on",
        "yesterday",
    ]);
    assert!(
        said.starts_with(
            "Feedback #1 from Priya Raman: \"You jump in to fix things before I ask\" (about directing · autonomy)."
        ),
        "{said}"
    );
    assert!(
        said.contains("It shows on the week of Sun 22 Nov: rapport week --week 2026-W47"),
        "{said}"
    );
    let json = feedback_json(
        &journal,
        &[
            "feedback",
            "add",
            "sam",
            "Thanks for giving me room",
            "--about",
            "directing-serving",
            "--json",
        ],
    );
    assert_eq!(json["person"]["name"], "Sam Okafor");
    assert_eq!(json["pair"], "directing_serving");
    assert_eq!(json["lean"], serde_json::Value::Null);
    assert_eq!(json["heard_on"], "2026-11-23");

    let list = journal.ok(&["feedback", "list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 2, "{list}");
    assert!(
        lines[0].contains("#2") && lines[0].contains("Sam Okafor"),
        "newest first: {list}"
    );
    assert!(lines[1].contains("1d ago") && lines[1].contains("(about directing · autonomy)"));
    let sams = journal.ok(&["feedback", "list", "--person", "sam"]);
    assert!(!sams.contains("Priya"), "{sams}");
    let listed = feedback_json(&journal, &["feedback", "list", "--json"]);
    assert_eq!(listed[1]["lean"], "managing");
    assert_eq!(listed[1]["need"], "autonomy");

    let edited = journal.ok(&[
        "feedback",
        "edit",
        "#1",
        "--about",
        "none",
        "--need",
        "none",
        "--text",
        "You step in before I ask",
    ]);
    assert!(
        edited.starts_with(
            "Feedback #1 from Priya Raman now reads: \"You step in before I ask\", heard"
        ),
        "{edited}"
    );
    assert_eq!(
        journal.rows("SELECT coalesce(pair, '-') || coalesce(lean, '-') || coalesce(need, '-') FROM feedback WHERE id = 1"),
        ["---"]
    );
    let deleted = journal.ok(&["feedback", "delete", "2", "--yes"]);
    assert!(
        deleted.starts_with("Deleted feedback #2 from Sam Okafor on Mon 23 Nov 2026"),
        "{deleted}"
    );
    assert_eq!(journal.count("feedback"), 1);
}

#[test]
fn feedback_refusals_say_why_in_one_sentence() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let empty = journal.fails(&["feedback", "add", "priya", "   "], 2);
    assert!(empty.contains("the feedback cannot be empty"), "{empty}");
    let ahead = journal.fails(
        &["feedback", "add", "priya", "later", "--on", "2026-12-01"],
        2,
    );
    assert!(ahead.contains("2026-12-01 has not happened yet"), "{ahead}");
    let run = journal.run(&["feedback", "add", "priya", "x", "--about", "bossy"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("invalid value 'bossy' for '--about <POLE>'")
            && run.stderr.contains("directing, serving, directing-serving"),
        "{}",
        run.stderr
    );
    let missing = journal.fails(&["feedback", "edit", "7", "--text", "x"], 1);
    assert!(missing.contains("#7"), "{missing}");
    assert_eq!(journal.count("feedback"), 0);
}

#[test]
fn search_finds_feedback_and_forgets_it_when_changed_or_deleted() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    journal.ok(&["feedback", "add", "priya", "You interrupt in standups"]);
    let found = journal.ok(&["search", "interrupt"]);
    assert!(
        found.contains("feedback")
            && found.contains("Priya Raman")
            && found.contains("[interrupt]"),
        "{found}"
    );
    journal.ok(&["feedback", "edit", "1", "--text", "You listen well"]);
    assert_eq!(
        journal.ok(&["search", "interrupt"]).trim(),
        "Nothing matches interrupt."
    );
    assert!(journal.ok(&["search", "listen"]).contains("feedback"));
    journal.ok(&["feedback", "delete", "1", "--yes"]);
    assert_eq!(
        journal.ok(&["search", "listen"]).trim(),
        "Nothing matches listen."
    );
}

#[test]
fn feedback_travels_through_a_json_export_and_back() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    journal.ok(&[
        "feedback",
        "add",
        "priya",
        "More context, less control",
        "--about",
        "control",
        "--need",
        "autonomy",
    ]);
    let file = journal.dir().join("out.json");
    journal.ok(&[
        "export",
        "--format",
        "json",
        "--output",
        file.to_str().unwrap(),
    ]);
    let target = Journal::new();
    target.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        target.rows("SELECT p.name || '|' || f.text || '|' || f.pair || '|' || f.lean || '|' || f.need FROM feedback f JOIN person p ON p.id = f.person_id"),
        ["Priya Raman|More context, less control|control_commitment|managing|autonomy"]
    );
    assert_eq!(
        journal.rows("SELECT hex(uuid) FROM feedback"),
        target.rows("SELECT hex(uuid) FROM feedback")
    );
    // The imported words are searchable.
    assert!(target.ok(&["search", "context"]).contains("feedback"));
    // And a second import adds nothing.
    target.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(target.count("feedback"), 1);
}

#[test]
fn a_logged_one_on_one_records_what_they_said_about_the_leaders_leading() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let logged = journal.ok(&[
        "log",
        "priya",
        "--summary",
        "Weekly",
        "--feedback-to-me",
        "More room to decide, please",
        "--feedback-about",
        "directing",
    ]);
    assert!(logged.contains("· feedback to you noted."), "{logged}");
    assert_eq!(
        journal.rows(
            "SELECT f.text || '|' || f.pair || '|' || f.lean || '|' || f.heard_on || '|' || (f.conversation_id = c.id)
               FROM feedback f JOIN conversation c ON c.person_id = f.person_id"
        ),
        ["More room to decide, please|directing_serving|managing|2026-11-23|1"]
    );
    // A tag without the words is refused before anything is written.
    let run = journal.run(&["log", "priya", "--feedback-about", "serving"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("--feedback-to-me"), "{}", run.stderr);
    // Blank words would note nothing while the summary said they were noted.
    let refused = journal.fails(&["log", "priya", "--feedback-to-me", "  "], 2);
    assert_eq!(refused, "rapport: the feedback cannot be empty\n");
    assert_eq!(journal.count("conversation"), 1, "nothing was written");
    // Deleting the conversation keeps what was said, unlinked.
    journal.ok(&["conversation", "delete", "1", "--yes"]);
    assert_eq!(
        journal.rows("SELECT text || '|' || coalesce(conversation_id, 'none') FROM feedback"),
        ["More room to decide, please|none"]
    );
}

/// The Log form's "To me" field, typed in the real binary in a pseudo-terminal: saved with
/// the conversation, linked to it, tagged by its last `@word`.
#[test]
fn the_log_form_records_feedback_to_me_with_its_conversation() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let mut app = crate::pty::Session::start(&journal.path, journal.dir(), &[]);
    app.wait_for("due today");
    app.enter();
    app.wait_for("Log a conversation");
    app.focus_field("Summary");
    app.type_text("Weekly");
    app.focus_field("To me");
    app.wait_for("what they said about your leading");
    app.type_text("You decide before we talk @directing");
    app.ctrl('s');
    app.wait_for("Logged a conversation with Priya Raman");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(
        journal.rows(
            "SELECT f.text || '|' || f.pair || '|' || f.lean || '|' || (f.conversation_id = c.id) || '|' || c.summary
               FROM feedback f JOIN conversation c ON c.person_id = f.person_id"
        ),
        ["You decide before we talk|directing_serving|managing|1|Weekly"]
    );
}

#[test]
fn the_review_has_what_they_told_me_about_my_leading_in_markdown_and_html() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Sam Okafor"]);
    // Met since June: the review reaches back to the period's start.
    journal.ok(&[
        "log",
        "priya",
        "--when",
        "2026-06-10 10:00",
        "--summary",
        "first",
    ]);
    journal.ok(&[
        "feedback",
        "add",
        "priya",
        "You decide <b>before</b> we talk",
        "--about",
        "directing",
        "--on",
        "2026-11-02",
    ]);
    journal.ok(&[
        "feedback",
        "add",
        "priya",
        "Thanks for the room on the migration",
        "--about",
        "serving",
    ]);
    journal.ok(&["feedback", "add", "priya", "Long ago", "--on", "2025-01-10"]);
    journal.ok(&[
        "feedback",
        "add",
        "sam",
        "Sam's words stay out of Priya's review",
    ]);

    let markdown = journal.ok(&["review", "priya", "--since", "2026-06-01"]);
    let section = markdown
        .split("## What they told me about my leading")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_else(|| panic!("the section:\n{markdown}"));
    let items: Vec<&str> = section.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(
        items,
        [
            "- 2026-11-23: Thanks for the room on the migration (about serving)",
            "- 2026-11-02: You decide &lt;b&gt;before&lt;/b&gt; we talk (about directing)",
        ],
        "newest first, in the period, escaped: {section}"
    );
    assert!(
        section
            .contains("Where they placed me: directing ↔ serving: directing 1, serving 1, both 0."),
        "{section}"
    );
    assert!(!markdown.contains("Long ago") && !markdown.contains("Sam's words"));

    let html = journal.ok(&[
        "review",
        "priya",
        "--since",
        "2026-06-01",
        "--format",
        "html",
    ]);
    let section = html
        .split("<section id=\"feedback\"><h2>What they told me about my leading</h2>")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("the section:\n{html}"));
    assert!(
        section
            .contains("2026-11-02: You decide &lt;b&gt;before&lt;/b&gt; we talk (about directing)"),
        "{section}"
    );
    assert!(section.contains("Thanks for the room on the migration (about serving)"));
    assert!(
        html.contains("Where they placed me: directing ↔ serving: directing 1, serving 1, both 0.")
    );

    let nobody = journal.ok(&["review", "sam", "--since", "2026-12-01"]);
    assert!(
        nobody.contains("## What they told me about my leading\n\nNothing noted in this period"),
        "{nobody}"
    );
}

#[test]
fn prep_suggests_asking_how_to_improve_when_nothing_was_said_for_weeks() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let never = journal.ok(&["prep", "priya"]);
    assert!(
        never.contains(
            "Ask about your leading · they have never told you about your leading\n  ? How can I improve? What could I do better for you?"
        ),
        "{never}"
    );
    // Seven weeks ago is past the default six.
    journal.ok(&[
        "feedback",
        "add",
        "priya",
        "Fine for now",
        "--on",
        "2026-10-05",
    ]);
    let stale = journal.ok(&["prep", "priya"]);
    assert!(
        stale.contains(
            "Ask about your leading · nothing about your leading since 5 Oct 2026 (49d ago)"
        ),
        "{stale}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&journal.ok(&["prep", "priya", "--json"])).expect("JSON");
    assert_eq!(json["ask_about_leading"]["last_feedback"], "2026-10-05");
    assert_eq!(json["ask_about_leading"]["weeks"], 6);
    // A setting of eight weeks waits longer; 0 never asks.
    let settings = journal.dir().join("settings.toml");
    std::fs::write(&settings, "feedback_ask_weeks = 8\n").unwrap();
    let config = settings.to_str().unwrap();
    assert!(
        !journal
            .ok(&["--config", config, "prep", "priya"])
            .contains("Ask about your leading")
    );
    std::fs::write(&settings, "feedback_ask_weeks = 0\n").unwrap();
    journal.ok(&["feedback", "delete", "1", "--yes"]);
    assert!(
        !journal
            .ok(&["--config", config, "prep", "priya"])
            .contains("Ask about your leading")
    );
    std::fs::write(&settings, "feedback_ask_weeks = 53\n").unwrap();
    let refused = journal.fails(&["--config", config, "prep", "priya"], 1);
    assert!(
        refused.contains("feedback_ask_weeks must be from 0 (never suggest it) to 52"),
        "{refused}"
    );
    // Feedback heard today answers it.
    journal.ok(&["feedback", "add", "priya", "More context on priorities"]);
    assert!(
        !journal
            .ok(&["prep", "priya"])
            .contains("Ask about your leading")
    );
}
