//! Follow-ups, aspirations, acknowledgements and ideas from the command line.

use crate::common;

use chrono::{Duration, Weekday};
use serde_json::Value;

use common::{Journal, next_after, today};

fn team() -> Journal {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Baker"]);
    journal
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("valid JSON ({e}): {text}"))
}

#[test]
fn follow_ups_with_every_way_of_saying_due() {
    let journal = team();
    let today = today();
    let friday = next_after(Weekday::Fri, today);
    let cases: Vec<(Vec<&str>, String, Option<chrono::NaiveDate>)> = vec![
        (
            vec!["--due", "2026-12-01"],
            "me".into(),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
        ),
        (
            vec!["--due", "tomorrow", "--owner", "them"],
            "them".into(),
            Some(today + Duration::days(1)),
        ),
        (vec!["--due", "friday"], "me".into(), Some(friday)),
        (
            vec!["--due", "+3"],
            "me".into(),
            Some(today + Duration::days(3)),
        ),
        (
            vec!["--due", "+10d", "--owner", "me"],
            "me".into(),
            Some(today + Duration::days(10)),
        ),
        (vec!["--due", "today"], "me".into(), Some(today)),
        (vec![], "me".into(), None),
    ];
    for (number, (flags, owner, due)) in cases.iter().enumerate() {
        let id = number + 1;
        let text = format!("Promise {id}");
        let mut args = vec!["followup", "add", "tom", text.as_str()];
        args.extend(flags.iter().copied());
        let out = journal.ok(&args);
        let expected = match due {
            Some(date) => format!(
                "Follow-up #{id} for Tom Baker, due {}.\n",
                date.format("%a %d %b")
            ),
            None => format!("Follow-up #{id} for Tom Baker.\n"),
        };
        assert_eq!(out, expected, "{flags:?}");
        let due = due.map(|d| d.to_string()).unwrap_or_else(|| "NULL".into());
        assert_eq!(
            journal.rows(&format!(
                "SELECT person_id, owner, text, made_on, due_on, done_on, conversation_id FROM follow_up WHERE id = {id}"
            )),
            [format!("2|{owner}|{text}|{today}|{due}|NULL|NULL")],
            "{flags:?}"
        );
    }
    // A weekday for a due date is the next one, never today.
    assert!(friday > today && friday <= today + Duration::days(7));
}

#[test]
fn list_done_and_undo() {
    let journal = team();
    let today = today();
    journal.ok(&[
        "followup",
        "add",
        "priya",
        "Send the course link",
        "--due",
        "2020-01-06",
    ]);
    journal.ok(&[
        "followup",
        "add",
        "tom",
        "Share the RFC",
        "--owner",
        "them",
        "--due",
        "tomorrow",
    ]);
    journal.ok(&["followup", "add", "priya", "Book a room"]);

    let list = journal.ok(&["followup", "list"]);
    let lines: Vec<&str> = list.lines().collect();
    let overdue = (today - chrono::NaiveDate::from_ymd_opt(2020, 1, 6).unwrap()).num_days();
    assert_eq!(
        lines,
        [
            format!(
                "  #1     me    overdue {overdue}d {}Send the course link  (Priya Raman)",
                " ".repeat(12usize.saturating_sub(format!("overdue {overdue}d").len()))
            ),
            "  #2     them  in 1d        Share the RFC  (Tom Baker)".to_string(),
            "  #3     me    open         Book a room  (Priya Raman)".to_string(),
        ]
    );

    assert_eq!(
        journal.ok(&["followup", "done", "1"]),
        "Done: #1 Send the course link (Priya Raman).\n"
    );
    assert_eq!(
        journal.rows("SELECT done_on FROM follow_up WHERE id = 1"),
        [today.to_string()]
    );
    assert_eq!(
        journal.ok(&["followup", "done", "#2"]),
        "Done: #2 Share the RFC (Tom Baker).\n"
    );

    let open = journal.ok(&["followup", "list", "--open"]);
    assert_eq!(
        open,
        "  #3     me    open         Book a room  (Priya Raman)\n"
    );
    let all = journal.ok(&["followup", "list"]);
    assert!(
        all.contains("done today") && all.lines().count() == 3,
        "{all}"
    );
    let priya = journal.ok(&["followup", "list", "--person", "priya"]);
    assert!(
        priya.contains("#1") && priya.contains("#3") && !priya.contains("#2"),
        "{priya}"
    );

    let items = json(&journal.ok(&["followup", "list", "--json", "--person", "tom"]));
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["id"], 2);
    assert_eq!(items[0]["text"], "Share the RFC");
    assert_eq!(items[0]["owner"], "them");
    assert_eq!(items[0]["person"]["name"], "Tom Baker");
    assert_eq!(items[0]["due_on"], (today + Duration::days(1)).to_string());
    assert_eq!(items[0]["done_on"], today.to_string());
    assert_eq!(items[0]["conversation_id"], Value::Null);
    let open = json(&journal.ok(&["followup", "list", "--open", "--json"]));
    assert_eq!(open.as_array().unwrap().len(), 1);
    assert_eq!(open[0]["id"], 3);

    assert_eq!(
        journal.ok(&["followup", "done", "--undo", "1"]),
        "Reopened: #1 Send the course link (Priya Raman).\n"
    );
    assert_eq!(
        journal.rows("SELECT id, done_on FROM follow_up ORDER BY id"),
        [
            "1|NULL".to_string(),
            format!("2|{today}"),
            "3|NULL".to_string()
        ]
    );
    assert_eq!(
        journal.ok(&["followup", "list", "--open"]).lines().count(),
        2
    );
}

#[test]
fn an_empty_follow_up_list_says_so() {
    let journal = team();
    assert_eq!(journal.ok(&["followup", "list"]), "No follow-ups.\n");
    assert_eq!(
        json(&journal.ok(&["followup", "list", "--json"])),
        Value::Array(Vec::new())
    );
}

#[test]
fn aspirations_add_update_list() {
    let journal = team();
    let today = today();
    assert!(
        journal
            .ok(&["aspiration", "list"])
            .starts_with("No aspirations yet.")
    );
    let added = journal.ok(&[
        "aspiration",
        "add",
        "priya",
        "Lead the platform migration",
        "--detail",
        "Own the plan end to end",
        "--horizon",
        "next year",
        "--status",
        "active",
    ]);
    assert_eq!(
        added,
        "Aspiration #1 for Priya Raman: Lead the platform migration (active).\n"
    );
    assert_eq!(
        journal.ok(&["aspiration", "add", "tom", "Speak at a conference"]),
        "Aspiration #2 for Tom Baker: Speak at a conference (exploring).\n"
    );
    assert_eq!(
        journal
            .rows("SELECT person_id, title, detail, horizon, status FROM aspiration ORDER BY id"),
        [
            "1|Lead the platform migration|Own the plan end to end|next year|active",
            "2|Speak at a conference|||exploring"
        ]
    );

    let updated = journal.ok(&[
        "aspiration",
        "update",
        "1",
        "--status",
        "achieved",
        "--note",
        "Shipped in November",
    ]);
    assert_eq!(
        updated,
        "Aspiration #1 (Lead the platform migration) is achieved; progress noted.\n"
    );
    let noted = journal.ok(&["aspiration", "update", "#2", "--note", "Sent a proposal"]);
    assert_eq!(
        noted,
        "Aspiration #2 (Speak at a conference) is exploring; progress noted.\n"
    );
    journal.ok(&["aspiration", "update", "2", "--status", "parked"]);
    assert_eq!(
        journal.rows("SELECT status FROM aspiration ORDER BY id"),
        ["achieved", "parked"]
    );
    assert_eq!(
        journal.rows("SELECT aspiration_id, noted_on, status, note, conversation_id FROM aspiration_update ORDER BY id"),
        [
            format!("1|{today}|achieved|Shipped in November|NULL"),
            format!("2|{today}|NULL|Sent a proposal|NULL"),
            format!("2|{today}|parked||NULL"),
        ]
    );

    let list = journal.ok(&["aspiration", "list"]);
    // Column widths are checked in `aspiration_status_column_lines_up`.
    let words: Vec<String> = list
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        words,
        [
            "#1 Priya Raman achieved Lead the platform migration (last progress today)",
            "#2 Tom Baker parked Speak at a conference (last progress today)"
        ]
    );
    let tom = journal.ok(&["aspiration", "list", "--person", "tom"]);
    assert!(tom.contains("#2") && !tom.contains("#1"), "{tom}");
    let items = json(&journal.ok(&["aspiration", "list", "--json"]));
    assert_eq!(items.as_array().unwrap().len(), 2);
    assert_eq!(items[0]["title"], "Lead the platform migration");
    assert_eq!(items[0]["detail"], "Own the plan end to end");
    assert_eq!(items[0]["horizon"], "next year");
    assert_eq!(items[0]["status"], "achieved");
    assert_eq!(items[0]["person"]["name"], "Priya Raman");
    assert_eq!(items[0]["updates"][0]["note"], "Shipped in November");
    assert_eq!(items[1]["updates"].as_array().unwrap().len(), 2);
    assert_eq!(items[1]["updates"][1]["status"], "parked");
    let only_tom = json(&journal.ok(&["aspiration", "list", "--person", "tom", "--json"]));
    assert_eq!(only_tom.as_array().unwrap().len(), 1);
}

#[test]
fn acknowledgements_are_dated() {
    let journal = team();
    let today = today();
    let out = journal.ok(&["ack", "priya", "the calm way she handled the outage"]);
    assert_eq!(
        out,
        format!(
            "Acknowledged Priya Raman on {}: \"the calm way she handled the outage\".\n",
            today.format("%a %d %b")
        )
    );
    let yesterday = today - Duration::days(1);
    journal.ok(&[
        "ack",
        "tom",
        "mentoring the new hire",
        "--when",
        "yesterday",
    ]);
    journal.ok(&["ack", "tom", "the demo", "--when", "2026-11-02 16:00"]);
    let rows = journal
        .rows("SELECT person_id, given_at, text, conversation_id FROM acknowledgement ORDER BY id");
    assert_eq!(rows.len(), 3);
    assert!(rows[0].starts_with(&format!("1|{today} ")), "{rows:?}");
    assert!(
        rows[0].ends_with("|the calm way she handled the outage|NULL"),
        "{rows:?}"
    );
    assert_eq!(
        rows[1],
        format!("2|{yesterday} 12:00|mentoring the new hire|NULL")
    );
    assert_eq!(rows[2], "2|2026-11-02 16:00|the demo|NULL");
}

#[test]
fn ideas_with_each_status_and_an_answer() {
    let journal = team();
    let today = today();
    assert_eq!(
        journal.ok(&["idea", "priya", "rotate on-call in pairs"]),
        "Idea #1 from Priya Raman (heard): remember to answer it (rapport idea answer 1 --status STATUS --answer TEXT).\n"
    );
    assert_eq!(
        journal.ok(&[
            "idea",
            "priya",
            "a demo day",
            "--status",
            "trying",
            "--answer",
            "let's try it in December"
        ]),
        "Idea #2 from Priya Raman (trying), answered: \"let's try it in December\".\n"
    );
    journal.ok(&[
        "idea",
        "tom",
        "monorepo",
        "--status",
        "declined",
        "--answer",
        "not this year",
    ]);
    journal.ok(&["idea", "tom", "pairing fridays", "--status", "adopted"]);
    journal.ok(&["idea", "tom", "a team wiki", "--answer", "yes, start it"]);
    assert_eq!(
        journal.rows("SELECT person_id, text, status, answer, heard_on, answered_on, conversation_id FROM idea ORDER BY id"),
        [
            format!("1|rotate on-call in pairs|heard||{today}|NULL|NULL"),
            format!("1|a demo day|trying|let's try it in December|{today}|{today}|NULL"),
            format!("2|monorepo|declined|not this year|{today}|{today}|NULL"),
            format!("2|pairing fridays|adopted||{today}|{today}|NULL"),
            format!("2|a team wiki|heard|yes, start it|{today}|{today}|NULL"),
        ]
    );
}

/// The status column is padded to 10 characters (`{:<10}` in src/cli/aspirations.rs and
/// src/cli/people.rs), so titles start in one column whatever the status.
#[test]

fn aspiration_status_column_lines_up() {
    let journal = team();
    journal.ok(&[
        "aspiration",
        "add",
        "priya",
        "Lead the migration",
        "--status",
        "active",
    ]);
    journal.ok(&[
        "aspiration",
        "add",
        "priya",
        "Write a book",
        "--status",
        "exploring",
    ]);
    let list = journal.ok(&["aspiration", "list"]);
    let columns: Vec<usize> = ["Lead the migration", "Write a book"]
        .iter()
        .map(|title| {
            let line = list.lines().find(|l| l.contains(title)).expect("listed");
            line.find(title).unwrap()
        })
        .collect();
    assert_eq!(columns[0], columns[1], "{list}");
    assert!(list.contains("active     Lead the migration"), "{list}");
    let show = journal.ok(&["person", "show", "priya"]);
    assert!(
        show.contains("#1    active     Lead the migration"),
        "{show}"
    );
}

/// Every command that creates a record can print it as JSON with its new id, so a script
/// can go on from there.
#[test]
fn creating_commands_print_the_new_record_as_json() {
    let journal = Journal::new();
    let json = |args: &[&str]| -> serde_json::Value {
        let mut args = args.to_vec();
        args.push("--json");
        serde_json::from_str(&journal.ok(&args)).expect("JSON")
    };
    let person = json(&["person", "add", "Priya Raman", "--cadence", "7"]);
    assert_eq!(person["name"], "Priya Raman");
    assert_eq!(person["cadence_days"], 7);
    let id = person["id"].as_i64().expect("an id");
    assert_eq!(
        journal.rows("SELECT id FROM person WHERE name = 'Priya Raman'"),
        [id.to_string()]
    );
    let follow_up = json(&["followup", "add", "priya", "send the link @fri"]);
    assert_eq!(follow_up["text"], "send the link");
    assert!(follow_up["id"].as_i64().is_some() && follow_up["due_on"].is_string());
    let aspiration = json(&["aspiration", "add", "priya", "Lead the migration"]);
    assert_eq!(aspiration["title"], "Lead the migration");
    assert_eq!(aspiration["status"], "exploring");
    let ack = json(&["ack", "priya", "the calm review"]);
    assert_eq!(ack["text"], "the calm review");
    let idea = json(&["idea", "priya", "pairs on call"]);
    assert_eq!(idea["text"], "pairs on call");
    assert_eq!(idea["status"], "heard");
    for (record, table) in [
        (&follow_up, "follow_up"),
        (&aspiration, "aspiration"),
        (&ack, "acknowledgement"),
        (&idea, "idea"),
    ] {
        let id = record["id"].as_i64().expect("an id");
        assert_eq!(journal.count(table), 1, "{table}");
        assert_eq!(
            journal.rows(&format!("SELECT id FROM {table}")),
            [id.to_string()],
            "{table}"
        );
    }
}

#[test]
fn an_idea_is_answered_later_and_leaves_the_open_list() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Baker"]);
    journal.ok(&["idea", "tom", "rotate on-call in pairs"]);
    journal.ok(&[
        "idea",
        "priya",
        "a monthly demo day",
        "--status",
        "trying",
        "--answer",
        "December",
    ]);
    let open = journal.ok(&["idea", "list", "--open"]);
    assert!(
        open.contains("#1") && open.contains("waiting today") && !open.contains("#2"),
        "{open}"
    );
    let prep: serde_json::Value =
        serde_json::from_str(&journal.ok(&["prep", "tom", "--json"])).unwrap();
    assert_eq!(prep["ideas_awaiting"].as_array().unwrap().len(), 1);

    let said = journal.ok(&[
        "idea",
        "answer",
        "1",
        "--status",
        "adopted",
        "--answer",
        "Starting in January",
    ]);
    assert_eq!(
        said,
        "Answered Tom Baker's idea #1 (adopted): \"Starting in January\".\n"
    );
    assert!(journal.ok(&["idea", "list", "--open"]).contains("No ideas"));
    let prep: serde_json::Value =
        serde_json::from_str(&journal.ok(&["prep", "tom", "--json"])).unwrap();
    assert!(prep["ideas_awaiting"].as_array().unwrap().is_empty());
    let ideas: serde_json::Value =
        serde_json::from_str(&journal.ok(&["idea", "list", "--person", "tom", "--json"])).unwrap();
    assert_eq!(ideas[0]["status"], "adopted");
    assert_eq!(ideas[0]["answered_on"], today().to_string());
    let week: serde_json::Value = serde_json::from_str(&journal.ok(&["week", "--json"])).unwrap();
    assert_eq!(week["ideas_answered"]["this_week"], 2, "{week}");

    // Refused with one sentence, nothing changed.
    let before = journal.ok(&["idea", "list", "--json"]);
    let refused = journal.fails(
        &[
            "idea", "answer", "1", "--status", "declined", "--answer", " ",
        ],
        2,
    );
    assert!(refused.contains("answer cannot be empty"), "{refused}");
    let said = journal.fails(
        &[
            "idea", "answer", "99", "--status", "declined", "--answer", "no",
        ],
        1,
    );
    assert!(said.contains("there is no idea #99"), "{said}");
    let said = journal.fails(
        &["idea", "answer", "1", "--status", "maybe", "--answer", "no"],
        2,
    );
    assert!(
        said.contains("invalid value 'maybe' for '--status"),
        "{said}"
    );
    assert_eq!(journal.ok(&["idea", "list", "--json"]), before);
}

#[test]
fn a_follow_up_is_corrected_reopened_and_deleted() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    journal.ok(&["followup", "add", "priya", "Send the lnk", "--due", "+2"]);
    let edited: Value = serde_json::from_str(&journal.ok(&[
        "followup",
        "edit",
        "1",
        "--text",
        "Send the link",
        "--due",
        "none",
        "--owner",
        "them",
        "--json",
    ]))
    .unwrap();
    assert_eq!(edited["text"], "Send the link");
    assert_eq!(edited["due_on"], Value::Null);
    assert_eq!(edited["owner"], "them");
    journal.ok(&["followup", "done", "1"]);
    journal.ok(&["followup", "done", "1", "--undo"]);
    assert_eq!(journal.rows("SELECT done_on IS NULL FROM follow_up"), ["1"]);

    // Bad input: one sentence, nothing changed.
    let before = journal.ok(&["followup", "list", "--json"]);
    let refused = journal.fails(&["followup", "edit", "1"], 2);
    assert!(refused.contains("say what to change"), "{refused}");
    let said = journal.fails(&["followup", "edit", "1", "--text", "  "], 2);
    assert!(said.contains("follow-up cannot be empty"), "{said}");
    let said = journal.fails(&["followup", "edit", "1", "--due", "someday"], 2);
    assert!(
        said.contains("\"someday\" is not a date or time I understand"),
        "{said}"
    );
    let said = journal.fails(&["followup", "edit", "x7", "--text", "a"], 2);
    assert!(
        said.contains("\"x7\" is not the number of a follow-up"),
        "{said}"
    );
    let said = journal.fails(&["followup", "edit", "9", "--text", "a"], 1);
    assert!(said.contains("there is no follow-up #9"), "{said}");
    // Nobody at the terminal to ask: refused unless --yes.
    let refused = journal.fails(&["followup", "delete", "1"], 2);
    assert!(
        refused.contains("Delete follow-up #1 \"Send the link\" (Priya Raman)?"),
        "{refused}"
    );
    assert!(refused.contains("--yes"), "{refused}");
    assert_eq!(journal.ok(&["followup", "list", "--json"]), before);

    assert_eq!(
        journal.ok(&["followup", "delete", "1", "--yes"]),
        "Deleted follow-up #1 \"Send the link\" (Priya Raman).\n"
    );
    assert_eq!(journal.count("follow_up"), 0);
    let said = journal.fails(&["followup", "delete", "1", "--yes"], 1);
    assert!(said.contains("there is no follow-up #1"), "{said}");
}

#[test]
fn a_conversation_logged_twice_is_deleted_with_its_needs_and_tags_and_its_text_is_gone() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    journal.ok(&[
        "log",
        "priya",
        "--summary",
        "Career chat",
        "--need",
        "autonomy",
        "--tag",
        "growth",
    ]);
    journal.ok(&[
        "log",
        "priya",
        "--summary",
        "Career chat",
        "--need",
        "autonomy",
        "--tag",
        "growth",
        "--followup",
        "Send the course link",
        "--notes",
        "zebracorn-marker",
    ]);
    let refused = journal.fails(&["conversation", "delete", "2"], 2);
    assert!(
        refused.contains("Delete the one-on-one with Priya Raman on"),
        "{refused}"
    );
    assert_eq!(journal.count("conversation"), 2);
    let said = journal.ok(&["conversation", "delete", "#2", "--yes"]);
    assert!(
        said.starts_with("Deleted the one-on-one with Priya Raman on"),
        "{said}"
    );
    assert_eq!(journal.count("conversation"), 1);
    assert_eq!(journal.count("conversation_need"), 1);
    assert_eq!(journal.count("conversation_tag"), 1);
    // The follow-up made in it stays, no longer linked.
    assert_eq!(
        journal.rows("SELECT conversation_id IS NULL, text FROM follow_up"),
        ["1|Send the course link"]
    );
    assert_eq!(
        journal.ok(&["search", "zebracorn"]),
        "Nothing matches zebracorn.\n"
    );
    // Forgotten from the file and its write-ahead log, as docs/reliability.md promises.
    for file in [journal.path.clone(), journal.path.with_extension("db-wal")] {
        assert!(
            !common::bytes_contain(&file, "zebracorn"),
            "{}",
            file.display()
        );
    }
    let said = journal.fails(&["conversation", "delete", "2", "--yes"], 1);
    assert!(
        said.contains("there is no conversation #2 any more: it was deleted"),
        "{said}"
    );
    let said = journal.fails(&["conversation", "delete", "two", "--yes"], 2);
    assert!(
        said.contains("\"two\" is not the number of a conversation"),
        "{said}"
    );
}

#[test]
fn acknowledgements_ideas_and_aspirations_written_in_error_are_deleted() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    journal.ok(&["ack", "priya", "the wrong person's work"]);
    journal.ok(&["idea", "priya", "an idea from someone else"]);
    journal.ok(&["aspiration", "add", "priya", "Not hers"]);
    journal.ok(&["aspiration", "update", "1", "--note", "a note on it"]);

    let refused = journal.fails(&["ack", "delete", "1"], 2);
    assert!(
        refused.contains("Delete the acknowledgement of Priya Raman on"),
        "{refused}"
    );
    let said = journal.ok(&["ack", "delete", "1", "--yes"]);
    assert!(
        said.starts_with("Deleted the acknowledgement of Priya Raman"),
        "{said}"
    );
    assert_eq!(
        journal.ok(&["idea", "delete", "1", "--yes"]),
        "Deleted Priya Raman's idea #1 \"an idea from someone else\".\n"
    );
    assert_eq!(
        journal.ok(&["aspiration", "delete", "#1", "--yes"]),
        "Deleted Priya Raman's aspiration #1 \"Not hers\" and its progress notes.\n"
    );
    for table in ["acknowledgement", "idea", "aspiration", "aspiration_update"] {
        assert_eq!(journal.count(table), 0, "{table}");
    }
    let said = journal.fails(&["idea", "delete", "1", "--yes"], 1);
    assert!(said.contains("there is no idea #1"), "{said}");
    let said = journal.fails(&["ack", "delete", "x", "--yes"], 2);
    assert!(said.contains("\"x\" is not the number of a"), "{said}");
    // The commands that write still work as before.
    journal.ok(&["ack", "priya", "mentoring Ana"]);
    assert_eq!(journal.count("acknowledgement"), 1);
}

/// `aspiration show` numbers each progress note; `aspiration delete-update` removes that one
/// note, its text forgotten, and refuses a number that is not a note.
#[test]
fn one_progress_note_is_shown_and_deleted() {
    let journal = team();
    journal.ok(&["aspiration", "add", "priya", "Lead the platform migration"]);
    journal.ok(&["aspiration", "update", "1", "--note", "drafted the plan"]);
    journal.ok(&[
        "aspiration",
        "update",
        "1",
        "--status",
        "active",
        "--note",
        "typo-marker-xq",
    ]);
    let shown = journal.ok(&["aspiration", "show", "1"]);
    assert!(
        shown.contains("#1 Lead the platform migration · Priya Raman · active"),
        "{shown}"
    );
    assert!(
        shown.contains("#1     ") && shown.contains("drafted the plan"),
        "{shown}"
    );
    assert!(
        shown.contains("#2     ") && shown.contains("→ active  typo-marker-xq"),
        "{shown}"
    );
    let listed = json(&journal.ok(&["aspiration", "show", "1", "--json"]));
    assert_eq!(listed["updates"].as_array().unwrap().len(), 2);

    let refused = journal.fails(&["aspiration", "delete-update", "2"], 2);
    assert!(refused.contains("--yes"), "{refused}");
    assert_eq!(
        journal.count("aspiration_update"),
        2,
        "nothing deleted without an answer"
    );
    let deleted = journal.ok(&["aspiration", "delete-update", "#2", "--yes"]);
    assert!(
        deleted.contains("the progress note #2 of")
            && deleted.contains(
                "Priya Raman's aspiration \"Lead the platform migration\": \"typo-marker-xq\""
            ),
        "{deleted}"
    );
    assert_eq!(
        journal.rows("SELECT note FROM aspiration_update"),
        ["drafted the plan"]
    );
    assert_eq!(journal.count("aspiration"), 1, "the aspiration stays");
    assert!(!common::bytes_contain(&journal.path, "typo-marker-xq"));
    let missing = journal.fails(&["aspiration", "delete-update", "9", "--yes"], 1);
    assert!(missing.contains("#9"), "{missing}");
    assert_eq!(missing.lines().count(), 1, "{missing}");
}
