//! Links and dates an import refuses, and `check` on a journal that already has them: every
//! link from a record to a conversation stays within one person, nothing is closed before
//! it was opened, and stamps stay within 1970–2100.

use crate::common;

use std::fs;
use std::path::PathBuf;

use common::Journal;
use serde_json::Value;

/// Tom with one of everything that links to a conversation, and Yan with a conversation of
/// her own; the export's text.
fn two_people() -> (Journal, String) {
    let source = Journal::new();
    source.add_people(&["Tom Baker", "Yan Li"]);
    source.ok(&[
        "log",
        "tom",
        "--when",
        "2026-11-20 10:00",
        "--summary",
        "rota",
        "--followup",
        "send the rota",
        "--ack",
        "ran the incident review",
        "--idea",
        "rotate the on-call",
        "--asked",
        "support:1",
    ]);
    source.ok(&["log", "yan", "--summary", "plan"]);
    source.ok(&["aspiration", "add", "tom", "Lead the migration"]);
    source.ok(&["aspiration", "update", "1", "--note", "drafted the plan"]);
    source.ok(&["raise", "tom", "the offsite"]);
    let export = source.dir().join("export.json");
    source.ok(&["export", "-o", export.to_str().expect("UTF-8")]);
    let text = fs::read_to_string(&export).expect("reads");
    (source, text)
}

/// Tom's UUID and his conversation's (dated 2026-11-20), as JSON.
fn toms_conversation(export: &str) -> (Value, Value) {
    let tom = common::export_row_uuid(export, "person", |p| p["name"] == "Tom Baker");
    let talk = common::export_row_uuid(export, "conversation", |c| c["person"] == tom);
    (tom, talk)
}

/// Imports `text` into a journal of its own and returns the sentence it was refused with,
/// after checking that it is one sentence and the journal is unchanged.
fn refusal(text: &str) -> String {
    let target = Journal::new();
    target.add_people(&["Ana Souza"]);
    let before = target.dump();
    let file = write(&target, text);
    let stderr = target.fails(&["import", file.to_str().expect("UTF-8")], 1);
    assert!(stderr.contains("cannot be imported"), "{stderr}");
    assert_eq!(target.dump(), before, "the journal is unchanged: {stderr}");
    stderr
}

fn imports(text: &str) -> Journal {
    let target = Journal::new();
    let file = write(&target, text);
    target.ok(&["import", file.to_str().expect("UTF-8")]);
    target
}

fn write(journal: &Journal, text: &str) -> PathBuf {
    let file = journal.dir().join("edited.json");
    fs::write(&file, text).expect("written");
    file
}

/// One crossed-person case per link from a record to a conversation: each is refused for
/// the same-person rule, naming the record, and the export as it was imports.
#[test]
fn import_refuses_every_link_to_someone_elses_conversation() {
    let (_source, export) = two_people();
    let tom = common::export_row_uuid(&export, "person", |p| p["name"] == "Tom Baker");
    let yans_talk = common::export_row_uuid(&export, "conversation", |c| c["person"] != tom);
    let links: [(&str, &str, &str); 8] = [
        ("follow_up", "conversation", "follow-up"),
        ("follow_up", "done_in", "follow-up"),
        ("acknowledgement", "conversation", "acknowledgement"),
        ("idea", "conversation", "idea"),
        ("idea", "answered_in", "idea"),
        ("talking_point", "conversation", "talking point"),
        ("question_asked", "conversation", "asked question"),
        ("aspiration_update", "conversation", "aspiration update"),
    ];
    for (table, link, noun) in links {
        let uuid = common::export_row_uuid(&export, table, |_| true);
        let crossed = common::edit_export_row(
            &export,
            table,
            |_| true,
            |row| row[link] = yans_talk.clone(),
        );
        let stderr = refusal(&crossed);
        let uuid = uuid.as_str().expect("a UUID");
        assert!(
            stderr.contains(&format!("{noun} {uuid} belongs to person "))
                && stderr.contains(&format!(
                    "refers to conversation {}, which is someone else's",
                    yans_talk.as_str().expect("a UUID")
                )),
            "{table}.{link}: {stderr}"
        );
    }
    imports(&export);
}

/// A follow-up done, a talking point ticked or an idea answered on its own before it was
/// made, raised or heard is refused; on the same day, or in a conversation (which dates the
/// close by its own day), it imports. A follow-up due before it was made imports:
/// `followup edit --due` may set any day.
#[test]
fn import_refuses_a_record_closed_before_it_was_opened() {
    let (_source, export) = two_people();
    let (tom, toms_talk) = toms_conversation(&export);
    let closing: [(&str, &str, &str, &str, &str); 3] = [
        (
            "follow_up",
            "made_on",
            "done_on",
            "done_in",
            "is done before it was made",
        ),
        (
            "talking_point",
            "raised_on",
            "ticked_on",
            "conversation",
            "is ticked before it was raised",
        ),
        (
            "idea",
            "heard_on",
            "answered_on",
            "answered_in",
            "is answered before it was heard",
        ),
    ];
    for (table, opened, closed, closed_in, says) in closing {
        let uuid = common::export_row_uuid(&export, table, |_| true);
        let early = common::edit_export_row(
            &export,
            table,
            |_| true,
            |row| {
                row[opened] = "2026-11-20".into();
                row[closed] = "2026-11-19".into();
            },
        );
        let stderr = refusal(&early);
        assert!(
            stderr.contains(&format!("{} {says}", uuid.as_str().expect("a UUID"))),
            "{table}: {stderr}"
        );
        let same_day = common::edit_export_row(
            &export,
            table,
            |_| true,
            |row| {
                row[opened] = "2026-11-20".into();
                row[closed] = "2026-11-20".into();
            },
        );
        imports(&same_day);
        // Closed in a conversation: dated by it, which may come before the row was
        // written down (a 1:1 logged days later).
        let in_a_conversation = common::edit_export_row(
            &export,
            table,
            |row| row["person"] == tom,
            |row| {
                row[opened] = "2026-11-21".into();
                row[closed] = "2026-11-20".into();
                row[closed_in] = toms_talk.clone();
            },
        );
        imports(&in_a_conversation);
    }
    let due_before_made = common::edit_export_row(
        &export,
        "follow_up",
        |_| true,
        |row| row["due_on"] = "2026-11-01".into(),
    );
    let target = imports(&due_before_made);
    assert_eq!(
        target.rows("SELECT due_on FROM follow_up"),
        ["2026-11-01"],
        "kept as written"
    );
}

/// Stamps (`created_at`, `updated_at`) outside 1970–2100 are refused; the first and the
/// last second of those years import.
#[test]
fn import_refuses_stamps_outside_1970_to_2100() {
    let (_source, export) = two_people();
    for (field, stamp) in [
        ("created_at", "9999-01-01T00:00:00Z"),
        ("updated_at", "9999-12-31T23:59:59Z"),
        ("created_at", "1969-12-31T23:59:59Z"),
        ("updated_at", "2101-01-01T00:00:00Z"),
    ] {
        let uuid = common::export_row_uuid(&export, "idea", |_| true);
        let far =
            common::edit_export_row(&export, "idea", |_| true, |row| row[field] = stamp.into());
        let stderr = refusal(&far);
        assert!(
            stderr.contains(&format!(
                "idea {} has a {field} that is not a time like 2026-11-20T14:30:00Z between 1970 and 2100",
                uuid.as_str().expect("a UUID")
            )),
            "{stamp}: {stderr}"
        );
    }
    let edges = common::edit_export_row(
        &export,
        "idea",
        |_| true,
        |row| {
            row["created_at"] = "1970-01-01T00:00:00Z".into();
            row["updated_at"] = "2100-12-31T23:59:59Z".into();
        },
    );
    let target = imports(&edges);
    let again = target.dir().join("again.json");
    target.ok(&["export", "-o", again.to_str().expect("UTF-8")]);
    let text = fs::read_to_string(&again).expect("reads");
    assert!(
        text.contains(
            "\"created_at\":\"1970-01-01T00:00:00Z\",\"updated_at\":\"2100-12-31T23:59:59Z\""
        ),
        "the edges are kept: {text}"
    );
}

/// A journal that already holds links across people (an import by an older Rapport, a hand
/// edit) fails `check`, which names each record, in text and in JSON.
#[test]
fn check_reports_links_to_someone_elses_conversation() {
    let (source, _) = two_people();
    let healthy = source.ok(&["check"]);
    assert!(!healthy.contains("someone else's"), "{healthy}");
    let db = common::connect(&source.path);
    let yans_talk = "(SELECT c.id FROM conversation c JOIN person p ON p.id = c.person_id
                      WHERE p.name = 'Yan Li')";
    db.execute(
        &format!("UPDATE aspiration_update SET conversation_id = {yans_talk}"),
        [],
    )
    .expect("crossed by hand");
    db.execute(&format!("UPDATE follow_up SET done_in = {yans_talk}"), [])
        .expect("crossed by hand");
    drop(db);
    let update = source.rows("SELECT uuid FROM aspiration_update");
    let update = &update[0];
    let follow_up = &source.rows("SELECT uuid FROM follow_up")[0];
    let conversation = &source.rows(
        "SELECT c.uuid FROM conversation c JOIN person p ON p.id = c.person_id WHERE p.name = 'Yan Li'",
    )[0];

    let run = source.run(&["check"]);
    common::assert_one_line_failure(&run, 1, &["check"]);
    assert!(
        run.stderr
            .contains("has 2 records linked to someone else's conversation (listed above)"),
        "{}",
        run.stderr
    );
    for line in [
        format!(
            "Links       follow-up {follow_up} refers (done_in) to conversation {conversation}, which is someone else's"
        ),
        format!(
            "Links       aspiration update {update} refers (conversation) to conversation {conversation}, which is someone else's"
        ),
    ] {
        assert!(run.stdout.contains(&line), "{line}\n{}", run.stdout);
    }
    assert!(run.stdout.contains("Integrity   ok"), "{}", run.stdout);

    let run = source.run(&["check", "--json"]);
    common::assert_one_line_failure(&run, 1, &["check", "--json"]);
    let health: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(health["ok"], false);
    let links = health["cross_person_links"].as_array().expect("a list");
    let named: Vec<(&str, &str, &str)> = links
        .iter()
        .map(|l| {
            (
                l["record"].as_str().unwrap_or_default(),
                l["link"].as_str().unwrap_or_default(),
                l["uuid"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        named,
        [
            ("follow-up", "done_in", follow_up.as_str()),
            ("aspiration update", "conversation", update.as_str()),
        ]
    );
    assert!(
        links
            .iter()
            .all(|l| l["conversation"] == conversation.as_str()),
        "{links:?}"
    );
}

/// A follow-up ticked, a talking point ticked or an idea answered on a day before it was
/// made (the clock went back, a flight west) is closed on the day it was opened, so the
/// journal's own export always imports.
#[test]
fn a_record_closed_while_the_clock_is_behind_still_exports_and_imports() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    journal.ok(&["followup", "add", "tom", "send the rota"]);
    journal.ok(&["raise", "tom", "the offsite"]);
    journal.ok(&["idea", "tom", "rotate the on-call"]);
    let yesterday = "2026-11-22T23:30:00";
    for args in [
        &["followup", "done", "1"][..],
        &["raise", "done", "1"][..],
        &[
            "idea", "answer", "1", "--status", "adopted", "--answer", "yes",
        ][..],
    ] {
        let mut command = journal.command(args);
        command.env("RAPPORT_NOW", yesterday);
        let run = common::execute(&mut command, None);
        common::assert_ok(&run, args);
    }
    assert_eq!(
        journal.rows(
            "SELECT f.done_on || ' ' || t.ticked_on || ' ' || i.answered_on
               FROM follow_up f, talking_point t, idea i"
        ),
        ["2026-11-23 2026-11-23 2026-11-23"]
    );
    let export = journal.dir().join("export.json");
    journal.ok(&["export", "-o", export.to_str().expect("UTF-8")]);
    imports(&fs::read_to_string(&export).expect("reads"));
}

/// `export` with a copy of the first row of `table` written just before it, changed by
/// `change` (the rows stay on their own lines, the tables in Rapport's order).
fn with_copy(export: &str, table: &str, change: impl FnOnce(&mut Value)) -> String {
    let opening = format!("  \"{table}\": [");
    let mut lines: Vec<String> = Vec::new();
    let mut change = Some(change);
    let mut in_table = false;
    for line in export.lines() {
        if line.starts_with("  \"") {
            in_table = line == opening;
        }
        if let Some(row) = line.strip_prefix("    ").filter(|_| in_table)
            && let Some(change) = change.take()
        {
            let mut copy: Value = serde_json::from_str(row.trim_end_matches(',')).expect("a row");
            change(&mut copy);
            lines.push(format!("    {copy},"));
        }
        lines.push(line.to_string());
    }
    assert!(change.is_none(), "the export has no {table} row");
    lines.join("\n") + "\n"
}

/// The rules that compare a row with another row of the file or of the journal: a UUID
/// once per table, one reflection a week, no two active people of one name (in the file,
/// or a new one named like someone active in the journal), a pause that ends after it
/// begins, moods and cadences in range. Each refused in its own words; the edge that is
/// allowed imports.
#[test]
fn import_refuses_rows_that_clash_or_fall_out_of_range() {
    let source = Journal::new();
    source.add_people(&["Tom Baker", "Yan Li"]);
    source.ok(&["log", "tom", "--summary", "rota", "--mood", "3"]);
    source.ok(&["reflect", "--went-well", "the offsite"]);
    let file = source.dir().join("export.json");
    source.ok(&["export", "-o", file.to_str().expect("UTF-8")]);
    let export = fs::read_to_string(&file).expect("reads");
    let tom = common::export_row_uuid(&export, "person", |p| p["name"] == "Tom Baker");
    let is_tom = |p: &Value| p["uuid"] == tom;
    let tom = tom.as_str().expect("a UUID").to_string();
    let talk = common::export_row_uuid(&export, "conversation", |_| true);
    let talk = talk.as_str().expect("a UUID").to_string();
    let set = |table: &str, pick: &dyn Fn(&Value) -> bool, fields: &[(&str, Value)]| {
        common::edit_export_row(&export, table, pick, |row| {
            for (field, value) in fields {
                row[*field] = value.clone();
            }
        })
    };
    let refused = [
        (
            with_copy(&export, "conversation", |_| {}),
            format!("the conversation {talk} appears twice"),
        ),
        (
            with_copy(&export, "reflection", |r| {
                r["uuid"] = "0193d7a0-63a0-7d4c-9f3b-2c1e5a7b8d90".into();
            }),
            "the file has two reflections for 2026-W48".to_string(),
        ),
        (
            set(
                "person",
                &|p| p["name"] == "Yan Li",
                &[("name", "Tom Baker".into())],
            ),
            "the file has two people with the same name".to_string(),
        ),
        (
            set(
                "person",
                &is_tom,
                &[
                    ("paused_from", "2026-11-20".into()),
                    ("paused_until", "2026-11-20".into()),
                ],
            ),
            format!(
                "person {tom} has a pause that does not end after it begins (paused_from and paused_until go together)"
            ),
        ),
        (
            set("person", &is_tom, &[("paused_from", "2026-11-20".into())]),
            format!("person {tom} has a pause that does not end after it begins"),
        ),
        (
            set("conversation", &|_| true, &[("mood", 6.into())]),
            format!("conversation {talk} has a mood of 6 (it must be 1 to 5)"),
        ),
        (
            set("conversation", &|_| true, &[("mood", 0.into())]),
            format!("conversation {talk} has a mood of 0 (it must be 1 to 5)"),
        ),
        (
            set("person", &is_tom, &[("cadence_days", 366.into())]),
            format!("person {tom} has a cadence of 366 days (it must be 1 to 365)"),
        ),
        (
            set("person", &is_tom, &[("cadence_days", 0.into())]),
            format!("person {tom} has a cadence of 0 days (it must be 1 to 365)"),
        ),
    ];
    for (file, says) in &refused {
        let stderr = refusal(file);
        assert!(stderr.contains(says.as_str()), "{says}\n{stderr}");
    }
    let allowed = set(
        "person",
        &is_tom,
        &[
            ("paused_from", "2026-11-20".into()),
            ("paused_until", "2026-11-21".into()),
            ("cadence_days", 365.into()),
        ],
    );
    imports(&allowed);
    imports(&set("conversation", &|_| true, &[("mood", 5.into())]));
    imports(&set("conversation", &|_| true, &[("mood", 1.into())]));

    // Someone new named like someone active in the journal: refused; once the journal's
    // namesake is archived, the file imports.
    let target = Journal::new();
    target.add_people(&["Tom Baker"]);
    let before = target.dump();
    let run = target.run(&["import", file.to_str().expect("UTF-8")]);
    common::assert_one_line_failure(&run, 1, &["import"]);
    assert!(
        run.stderr.contains(&format!(
            "the journal already has someone else with the name of person {tom}; rename or archive one of them first"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(target.dump(), before);
    target.ok(&["person", "archive", "tom"]);
    target.ok(&["import", file.to_str().expect("UTF-8")]);
}
