//! `rapport log` with every flag, every kind, every need word and every way of saying when.

use crate::common;

use chrono::{Duration, Weekday};
use serde_json::Value;

use common::{Journal, most_recent, today};

fn journal_with_priya() -> Journal {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Baker"]);
    journal
}

fn last_conversation(journal: &Journal, columns: &str) -> String {
    let rows = journal.rows(&format!(
        "SELECT {columns} FROM conversation ORDER BY id DESC LIMIT 1"
    ));
    rows.into_iter().next().expect("a conversation was saved")
}

#[test]
fn log_with_every_flag() {
    let journal = journal_with_priya();
    let logged = journal.ok(&[
        "log",
        "priya",
        "--when",
        "2026-11-20 14:30",
        "--kind",
        "check-in",
        "--mood",
        "4",
        "--stance",
        "leading",
        "--need",
        "autonomy:picked her own rollout plan",
        "--need",
        "mastery",
        "--summary",
        "Career chat",
        "--notes",
        "She wants to lead.\nAsk about the course.",
        "--tag",
        "Career",
        "--tag",
        "growth",
        "--tag",
        "career",
        "--followup",
        "Send the course link",
        "--followup",
        "Book the room",
        "--their-followup",
        "Draft the plan",
        "--ack",
        "the calm way she handled the outage",
        "--idea",
        "rotate on-call in pairs",
    ]);
    assert_eq!(
        logged,
        "Logged a check-in with Priya Raman on Fri 20 Nov 2026 14:30 · needs: Competence, Autonomy · 3 follow-ups.\n"
    );
    assert_eq!(
        journal.rows("SELECT p.name, happened_at, kind, mood, stance, summary, notes FROM conversation c JOIN person p ON p.id = c.person_id"),
        ["Priya Raman|2026-11-20 14:30|check-in|4|leading|Career chat|She wants to lead.\nAsk about the course."]
    );
    assert_eq!(
        journal
            .rows("SELECT need, how, person_id, happened_at FROM conversation_need ORDER BY need"),
        [
            "autonomy|picked her own rollout plan|1|2026-11-20 14:30",
            "competence||1|2026-11-20 14:30"
        ]
    );
    assert_eq!(
        journal.rows("SELECT tag FROM conversation_tag ORDER BY tag"),
        ["career", "growth"]
    );
    assert_eq!(
        journal.rows("SELECT owner, text, conversation_id, made_on, due_on, done_on FROM follow_up ORDER BY id"),
        [
            "me|Send the course link|1|2026-11-20|NULL|NULL",
            "me|Book the room|1|2026-11-20|NULL|NULL",
            "them|Draft the plan|1|2026-11-20|NULL|NULL"
        ]
    );
    assert_eq!(
        journal.rows("SELECT text, conversation_id, given_at FROM acknowledgement"),
        ["the calm way she handled the outage|1|2026-11-20 14:30"]
    );
    assert_eq!(
        journal.rows("SELECT text, conversation_id, heard_on, status FROM idea"),
        ["rotate on-call in pairs|1|2026-11-20|heard"]
    );
}

#[test]
fn log_json_prints_the_saved_conversation() {
    let journal = journal_with_priya();
    let out = journal.ok(&[
        "log",
        "tom",
        "--when",
        "2026-11-19 09:05",
        "--kind",
        "skip-level",
        "--mood",
        "2",
        "--stance",
        "both",
        "--need",
        "survival:asked about the reorg",
        "--tag",
        "Reorg",
        "--summary",
        "Worried about the reorg",
        "--json",
    ]);
    let saved: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(saved["person"]["name"], "Tom Baker");
    assert_eq!(
        [saved["person"]["uuid"].as_str().unwrap().to_string()],
        journal
            .rows("SELECT uuid FROM person WHERE name = 'Tom Baker'")
            .as_slice()
    );
    assert_eq!(saved["happened_at"], "2026-11-19T09:05:00");
    assert_eq!(saved["kind"], "skip-level");
    assert_eq!(saved["mood"], 2);
    assert_eq!(saved["stance"], "both");
    assert_eq!(saved["summary"], "Worried about the reorg");
    assert_eq!(
        saved["needs"],
        serde_json::json!([{"need": "security", "state": "met", "how": "asked about the reorg"}])
    );
    assert_eq!(saved["tags"], serde_json::json!(["reorg"]));
    assert_eq!(
        [saved["uuid"].as_str().unwrap().to_string()],
        journal.rows("SELECT uuid FROM conversation").as_slice()
    );
    assert_eq!(saved["id"], 1);
}

#[test]
fn the_defaults_are_a_one_on_one_now_with_nothing_else() {
    let journal = journal_with_priya();
    let out = journal.ok(&["log", "priya"]);
    assert!(
        out.starts_with("Logged a one-on-one with Priya Raman on "),
        "{out}"
    );
    assert!(
        out.ends_with(".\n") && !out.contains("needs") && !out.contains("follow-up"),
        "{out}"
    );
    let row = last_conversation(&journal, "happened_at, kind, mood, stance, summary, notes");
    let (when, rest) = row.split_once('|').unwrap();
    assert_eq!(rest, "one-on-one|NULL|NULL||");
    assert_eq!(when, common::now().format("%Y-%m-%d %H:%M").to_string());
    for table in [
        "conversation_need",
        "conversation_tag",
        "follow_up",
        "acknowledgement",
        "idea",
    ] {
        assert_eq!(journal.count(table), 0, "{table}");
    }
}

#[test]
fn every_kind_mood_and_stance() {
    let journal = journal_with_priya();
    for kind in ["one-on-one", "check-in", "skip-level", "informal"] {
        let out = journal.ok(&["log", "priya", "--when", "yesterday", "--kind", kind]);
        assert!(
            out.starts_with(&format!(
                "Logged {} {kind} with Priya Raman",
                if kind == "informal" { "an" } else { "a" }
            )),
            "{out}"
        );
        assert_eq!(last_conversation(&journal, "kind"), kind);
    }
    for mood in 1..=5 {
        journal.ok(&["log", "priya", "--mood", &mood.to_string()]);
        assert_eq!(last_conversation(&journal, "mood"), mood.to_string());
    }
    for stance in ["leading", "managing", "both", "MANAGING"] {
        journal.ok(&["log", "priya", "--stance", stance]);
        assert_eq!(last_conversation(&journal, "stance"), stance.to_lowercase());
    }
    assert_eq!(journal.count("conversation"), 13);
}

#[test]
fn needs_by_name_alias_and_with_how() {
    let journal = journal_with_priya();
    let out = journal.ok(&[
        "log",
        "priya",
        "--need",
        "mastery:feedback on the design",
        "--need",
        "affiliation",
        "--need",
        "FREEDOM",
        "--need",
        "enjoyment:team lunch",
        "--need",
        "survival",
    ]);
    assert!(
        out.contains("needs: Competence, Belonging, Autonomy, Fun, Security"),
        "{out}"
    );
    assert_eq!(
        journal.rows("SELECT need, how FROM conversation_need ORDER BY id"),
        [
            "competence|feedback on the design",
            "belonging|",
            "autonomy|",
            "fun|team lunch",
            "security|"
        ]
    );
    journal.ok(&[
        "log",
        "tom",
        "--need",
        "competence",
        "--need",
        "belonging: a welcome lunch ",
        "--need",
        "autonomy",
        "--need",
        "fun",
        "--need",
        "security:pay review",
        "--need",
        "autonomy:said twice",
    ]);
    assert_eq!(
        journal
            .rows("SELECT need, how FROM conversation_need WHERE conversation_id = 2 ORDER BY id"),
        [
            "competence|",
            "belonging|a welcome lunch",
            "autonomy|",
            "fun|",
            "security|pay review"
        ]
    );
}

#[test]
fn when_understands_words_dates_and_times() {
    let journal = journal_with_priya();
    let today = today();
    let noon = |date: chrono::NaiveDate| format!("{date} 12:00");
    let cases: Vec<(String, String)> = vec![
        ("yesterday".into(), noon(today - Duration::days(1))),
        (
            "Yesterday 18:45".into(),
            format!("{} 18:45", today - Duration::days(1)),
        ),
        ("2026-11-20".into(), "2026-11-20 12:00".into()),
        ("2026-11-20 14:30".into(), "2026-11-20 14:30".into()),
        ("2026-11-20T07:05".into(), "2026-11-20 07:05".into()),
        ("2025-02-28 9:00".into(), "2025-02-28 09:00".into()),
        ("today 08:00".into(), format!("{today} 08:00")),
    ];
    for (when, expected) in &cases {
        journal.ok(&["log", "priya", "--when", when]);
        assert_eq!(
            &last_conversation(&journal, "happened_at"),
            expected,
            "--when {when}"
        );
    }
    // Weekday names point at the latest such day, today included; abbreviations work.
    let weekdays = [
        ("monday", Weekday::Mon),
        ("tuesday", Weekday::Tue),
        ("wednesday", Weekday::Wed),
        ("thursday", Weekday::Thu),
        ("friday", Weekday::Fri),
        ("saturday", Weekday::Sat),
        ("sunday", Weekday::Sun),
    ];
    for (name, weekday) in weekdays {
        let day = most_recent(weekday, today);
        journal.ok(&["log", "priya", "--when", name]);
        assert_eq!(
            last_conversation(&journal, "happened_at"),
            noon(day),
            "--when {name}"
        );
        journal.ok(&["log", "priya", "--when", &format!("{} 09:15", &name[..3])]);
        assert_eq!(
            last_conversation(&journal, "happened_at"),
            format!("{day} 09:15"),
            "--when {name}"
        );
    }
    // "now" and "today" are the current minute.
    for word in ["now", "today"] {
        journal.ok(&["log", "priya", "--when", word]);
        assert_eq!(
            last_conversation(&journal, "happened_at"),
            common::now().format("%Y-%m-%d %H:%M").to_string(),
            "--when {word}"
        );
    }
}

#[test]
fn notes_from_a_file_or_standard_input() {
    let journal = journal_with_priya();
    let file = journal.dir().join("notes.md");
    std::fs::write(&file, "From a file.\n\n  - indented point\nÜnïcödé ✓\n\n\n").unwrap();
    journal.ok(&["log", "priya", "--notes-file", file.to_str().unwrap()]);
    assert_eq!(
        last_conversation(&journal, "notes"),
        "From a file.\n\n  - indented point\nÜnïcödé ✓",
        "kept as written, trailing blank lines trimmed"
    );

    let run = journal.run_with_stdin(
        &["log", "tom", "--notes-file", "-", "--summary", "Piped"],
        b"Typed into a pipe.\nSecond line.\n",
    );
    common::assert_ok(&run, &["log", "tom", "--notes-file", "-"]);
    assert!(
        run.stdout.starts_with("Logged a one-on-one with Tom Baker"),
        "{}",
        run.stdout
    );
    assert_eq!(
        last_conversation(&journal, "summary, notes"),
        "Piped|Typed into a pipe.\nSecond line."
    );
}

#[test]
fn notes_up_to_256_kib_are_kept() {
    let journal = journal_with_priya();
    let file = journal.dir().join("long.txt");
    let notes = "a".repeat(256 * 1024);
    std::fs::write(&file, &notes).unwrap();
    journal.ok(&["log", "priya", "--notes-file", file.to_str().unwrap()]);
    assert_eq!(
        last_conversation(&journal, "length(notes)"),
        (256 * 1024).to_string()
    );

    std::fs::write(&file, format!("{notes}b")).unwrap();
    let before = journal.dump();
    let refused = journal.fails(&["log", "priya", "--notes-file", file.to_str().unwrap()], 2);
    assert!(refused.contains("256 KiB"), "{refused}");
    assert_eq!(journal.dump(), before);
}

/// The follow-up grammar of the forms holds on the command line too: `them:` for theirs,
/// a last word `@fri` for the due date, and an address is only text.
#[test]
fn follow_ups_read_owner_and_due_date_like_the_forms() {
    let journal = journal_with_priya();
    let friday = common::next_after(chrono::Weekday::Fri, common::today());
    journal.ok(&[
        "log",
        "priya",
        "--followup",
        "send the course link @fri",
        "--followup",
        "them: draft the rollout plan @2026-12-04",
        "--followup",
        "email bob@example.com",
        "--their-followup",
        "book the room @tomorrow",
    ]);
    let mut rows = journal.rows("SELECT owner, text, coalesce(due_on, '-') FROM follow_up");
    rows.sort();
    let tomorrow = common::today() + chrono::Duration::days(1);
    let mut expected = vec![
        format!("me|send the course link|{friday}"),
        "them|draft the rollout plan|2026-12-04".to_string(),
        "me|email bob@example.com|-".to_string(),
        format!("them|book the room|{tomorrow}"),
    ];
    expected.sort();
    assert_eq!(rows, expected);
    journal.ok(&["followup", "add", "priya", "them: share the notes @mon"]);
    let monday = common::next_after(chrono::Weekday::Mon, common::today());
    assert_eq!(
        journal.rows("SELECT owner, text, due_on FROM follow_up ORDER BY id DESC LIMIT 1"),
        [format!("them|share the notes|{monday}")]
    );
    let refused = journal.fails(&["log", "priya", "--followup", "ping @someday"], 2);
    assert!(
        refused.contains("is not a date or time I understand"),
        "{refused}"
    );
    assert_eq!(
        journal.count("follow_up"),
        5,
        "the refused log wrote nothing"
    );
}

#[test]
fn a_concern_keeps_a_need_flagged_until_a_later_conversation_meets_it() {
    let journal = journal_with_priya();
    let gaps_cell = |journal: &Journal| -> Value {
        let gaps: Value = serde_json::from_str(&journal.ok(&["gaps", "--json"])).unwrap();
        let row = gaps["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["person"]["name"] == "Priya Raman")
            .cloned()
            .expect("Priya's row");
        row["needs"]["security"].clone()
    };
    let week_ago = (today() - Duration::days(7)).to_string();
    journal.ok(&["log", "priya", "--when", &week_ago, "--need", "security"]);
    assert_eq!(gaps_cell(&journal)["freshness"], "fresh");
    // Hearing a worry about pay is a concern, not a need met: the need stays flagged.
    let said = journal.ok(&[
        "log",
        "priya",
        "--when",
        "yesterday",
        "--concern",
        "security:worried about pay",
        "--need",
        "competence",
    ]);
    assert!(said.contains("Logged"), "{said}");
    assert_eq!(
        journal.rows("SELECT need, state, how FROM conversation_need ORDER BY id"),
        [
            "security|met|",
            "competence|met|",
            "security|concern|worried about pay"
        ]
    );
    let cell = gaps_cell(&journal);
    assert_eq!(cell["freshness"], "concern", "{cell}");
    assert_eq!(
        cell["concern_since"],
        format!("{}T12:00:00", today() - Duration::days(1)).as_str(),
        "{cell}"
    );
    let prep = journal.ok(&["prep", "priya"]);
    let raised = (today() - Duration::days(1)).format("%-d %b");
    assert!(
        prep.contains(&format!(
            "Security — concern open 1d ({raised}), not met since"
        )),
        "worded as Gaps words it: {prep}"
    );
    // Met again later: the concern is closed.
    journal.ok(&["log", "priya", "--need", "security"]);
    assert_eq!(gaps_cell(&journal)["freshness"], "fresh");
    assert_eq!(gaps_cell(&journal)["concern_since"], Value::Null);
}

#[test]
fn a_need_is_met_or_a_concern_once() {
    let journal = journal_with_priya();
    let refused = journal.fails(&["log", "priya", "--need", "fun", "--concern", "fun"], 2);
    assert!(
        refused.contains("fun is given as met and as a concern"),
        "{refused}"
    );
    let refused = journal.fails(&["log", "priya", "--concern", "money"], 2);
    assert!(refused.contains("money"), "{refused}");
    assert!(journal.rows("SELECT id FROM conversation").is_empty());
}
