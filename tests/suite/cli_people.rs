//! `rapport person add|list|show|edit|archive` through the real binary, checking both what it
//! prints and what the journal holds afterwards.

use crate::common;

use serde_json::Value;

use common::{Journal, today};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("valid JSON ({e}): {text}"))
}

#[test]
fn add_and_list_people() {
    let journal = Journal::new();
    let added = journal.ok(&[
        "person",
        "add",
        "Priya Raman",
        "--role",
        "Backend engineer",
        "--team",
        "Platform",
        "--cadence",
        "7",
        "--started",
        "2024-03-01",
    ]);
    assert_eq!(added, "Added Priya Raman (a 1:1 every 7 days).\n");
    assert_eq!(
        journal.ok(&["person", "add", "  Tom Baker "]),
        "Added Tom Baker (a 1:1 every 14 days).\n"
    );
    assert_eq!(
        journal.rows(
            "SELECT name, role, team, started_on, cadence_days, roving_leader, archived FROM person ORDER BY id"
        ),
        [
            "Priya Raman|Backend engineer|Platform|2024-03-01|7|0|0",
            "Tom Baker|||NULL|14|0|0"
        ]
    );

    let list = journal.ok(&["person", "list"]);
    let lines: Vec<&str> = list.lines().collect();
    assert_eq!(lines.len(), 3, "{list}");
    assert!(
        lines[0].starts_with("NAME") && lines[0].contains("LAST 1:1"),
        "{list}"
    );
    assert!(
        lines[1].starts_with("Priya Raman  Backend engineer"),
        "{list}"
    );
    assert!(
        lines[1].contains("7d") && lines[1].contains("never") && lines[1].contains("due today")
    );
    assert!(
        lines[2].starts_with("Tom Baker") && lines[2].contains("14d"),
        "{list}"
    );

    let rows = json(&journal.ok(&["person", "list", "--json"]));
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), 2);
    let priya = &rows[0];
    assert_eq!(priya["name"], "Priya Raman");
    assert_eq!(priya["role"], "Backend engineer");
    assert_eq!(priya["team"], "Platform");
    assert_eq!(priya["cadence_days"], 7);
    assert_eq!(priya["started_on"], "2024-03-01");
    assert_eq!(priya["last_conversation"], Value::Null);
    assert_eq!(priya["next_due"], today().to_string());
    assert_eq!(priya["open_follow_ups"], 0);
    assert_eq!(priya["roving_leader"], false);
    assert_eq!(priya["archived"], false);
    assert_eq!(
        [priya["uuid"].as_str().unwrap().to_string()],
        journal
            .rows("SELECT uuid FROM person WHERE name = 'Priya Raman'")
            .as_slice()
    );
    assert_eq!(rows[1]["started_on"], Value::Null);
}

#[test]
fn an_empty_list_says_how_to_begin() {
    let journal = Journal::new();
    // An empty journal; `person list` alone never creates one.
    drop(common::open(&journal.path).expect("a new journal"));
    let list = journal.ok(&["person", "list"]);
    assert!(list.starts_with("Nobody yet."), "{list}");
    assert!(list.contains("rapport person add"), "{list}");
    assert_eq!(
        json(&journal.ok(&["person", "list", "--json"])),
        Value::Array(Vec::new())
    );
}

#[test]
fn the_list_shows_the_last_conversation_and_the_next_due_date() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Priya Raman", "--cadence", "7"]);
    let three_days_ago = today() - chrono::Duration::days(3);
    journal.ok(&["log", "priya", "--when", &three_days_ago.to_string()]);
    journal.ok(&["followup", "add", "priya", "Send the link"]);
    let list = journal.ok(&["person", "list"]);
    let row = list.lines().nth(1).expect("a row");
    assert!(row.contains("3d ago") && row.contains("in 4d"), "{list}");
    assert!(row.trim_end().ends_with('1'), "one open follow-up: {list}");
    let rows = json(&journal.ok(&["person", "list", "--json"]));
    assert_eq!(rows[0]["last_one_on_one"], three_days_ago.to_string());
    assert_eq!(rows[0]["last_talk"], three_days_ago.to_string());
    assert_eq!(
        rows[0]["next_due"],
        (three_days_ago + chrono::Duration::days(7)).to_string()
    );
    assert_eq!(rows[0]["open_follow_ups"], 1);
}

#[test]
fn archive_hides_people_and_undo_brings_them_back() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Baker"]);
    let archived = journal.ok(&["person", "archive", "tom"]);
    assert_eq!(
        archived,
        "Archived Tom Baker: their history stays, they leave the daily views.\n"
    );
    assert_eq!(
        journal.rows("SELECT name, archived FROM person ORDER BY id"),
        ["Priya Raman|0", "Tom Baker|1"]
    );

    let list = journal.ok(&["person", "list"]);
    assert!(!list.contains("Tom Baker"), "{list}");
    let all = journal.ok(&["person", "list", "--all"]);
    let tom = all
        .lines()
        .find(|l| l.starts_with("Tom Baker"))
        .expect("listed with --all");
    assert!(tom.contains("archived"), "{all}");
    let rows = json(&journal.ok(&["person", "list", "--all", "--json"]));
    assert_eq!(rows.as_array().unwrap().len(), 2);
    assert_eq!(rows[1]["name"], "Tom Baker");
    assert_eq!(rows[1]["archived"], true);
    assert_eq!(
        json(&journal.ok(&["person", "list", "--json"]))
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // An archived person is found by exact name only.
    let before = journal.dump();
    let refused = journal.fails(&["person", "archive", "--undo", "tom"], 1);
    assert!(refused.contains("nobody is called \"tom\""), "{refused}");
    assert_eq!(journal.dump(), before);
    let back = journal.ok(&["person", "archive", "--undo", "tom baker"]);
    assert_eq!(back, "Tom Baker is back in the daily views.\n");
    assert_eq!(
        journal.rows("SELECT archived FROM person WHERE name = 'Tom Baker'"),
        ["0"]
    );
    assert!(journal.ok(&["person", "list"]).contains("Tom Baker"));
}

/// Everything `person edit` can set, `person add` takes at once (one set of flags): the
/// whole profile is written with the person, and a refused flag adds nobody.
#[test]
fn add_takes_every_profile_flag() {
    let journal = Journal::new();
    let added = journal.ok(&[
        "person",
        "add",
        "Priya Raman",
        "--role",
        "Staff engineer",
        "--team",
        "Payments",
        "--cadence",
        "21",
        "--started",
        "2023-01-15",
        "--strengths",
        "Calm under pressure",
        "--motivations",
        "Hard problems",
        "--acknowledge-for",
        "Mentoring",
        "--would-change",
        "Fewer meetings",
        "--roving-leader",
        "true",
        "--priorities",
        "security,competence",
    ]);
    assert_eq!(added, "Added Priya Raman (a 1:1 every 21 days).\n");
    assert_eq!(
        journal.rows(
            "SELECT name, role, team, cadence_days, started_on, strengths, motivations, acknowledge_for,
                    would_change, roving_leader, archived FROM person"
        ),
        ["Priya Raman|Staff engineer|Payments|21|2023-01-15|Calm under pressure|Hard problems|Mentoring|Fewer meetings|1|0"]
    );
    assert_eq!(
        journal.rows("SELECT priority_needs FROM person"),
        ["competence,security"]
    );

    let refused = journal.fails(&["person", "add", "Tom Baker", "--priorities", "pay"], 2);
    assert!(refused.contains("pay"), "{refused}");
    assert_eq!(journal.rows("SELECT count(*) FROM person"), ["1"]);
}

#[test]
fn edit_changes_each_field() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let updated = journal.ok(&[
        "person",
        "edit",
        "priya",
        "--name",
        "Priya R. Raman",
        "--role",
        "Staff engineer",
        "--team",
        "Payments",
        "--cadence",
        "21",
        "--started",
        "2023-01-15",
        "--strengths",
        "Calm under pressure",
        "--motivations",
        "Hard problems",
        "--acknowledge-for",
        "Mentoring",
        "--would-change",
        "Fewer meetings",
        "--roving-leader",
        "true",
    ]);
    assert_eq!(updated, "Updated Priya R. Raman.\n");
    assert_eq!(
        journal.rows(
            "SELECT name, role, team, cadence_days, started_on, strengths, motivations, acknowledge_for,
                    would_change, roving_leader, archived FROM person"
        ),
        ["Priya R. Raman|Staff engineer|Payments|21|2023-01-15|Calm under pressure|Hard problems|Mentoring|Fewer meetings|1|0"]
    );
    let show = journal.ok(&["person", "show", "priya"]);
    for expected in [
        "Priya R. Raman · Staff engineer · Payments",
        "1:1 every 21 days",
        "started 2023-01-15",
        "a roving leader",
        "Strengths: Calm under pressure",
        "Motivations: Hard problems",
        "Acknowledge for: Mentoring",
        "Would change: Fewer meetings",
    ] {
        assert!(show.contains(expected), "{expected:?} in {show}");
    }

    journal.ok(&["person", "edit", "priya", "--roving-leader", "false"]);
    assert_eq!(journal.rows("SELECT roving_leader FROM person"), ["0"]);
    assert!(
        !journal
            .ok(&["person", "show", "priya"])
            .contains("roving leader")
    );
    journal.ok(&["person", "edit", "priya", "--started", "none"]);
    assert_eq!(journal.rows("SELECT started_on FROM person"), ["NULL"]);
    // Only the fields given change.
    journal.ok(&[
        "person",
        "edit",
        "priya r. raman",
        "--role",
        "Principal engineer",
    ]);
    assert_eq!(
        journal.rows("SELECT name, role, team, cadence_days, strengths FROM person"),
        ["Priya R. Raman|Principal engineer|Payments|21|Calm under pressure"]
    );
}

#[test]
fn show_gives_the_whole_picture() {
    let journal = Journal::new();
    journal.ok(&[
        "person",
        "add",
        "Priya Raman",
        "--role",
        "Engineer",
        "--cadence",
        "10",
    ]);
    journal.ok(&[
        "log",
        "priya",
        "--when",
        "yesterday",
        "--need",
        "autonomy",
        "--need",
        "fun",
        "--summary",
        "Career chat",
        "--their-followup",
        "Draft the plan",
    ]);
    journal.ok(&[
        "aspiration",
        "add",
        "priya",
        "Lead the migration",
        "--status",
        "active",
    ]);
    journal.ok(&["followup", "add", "priya", "Send the course link"]);

    let show = journal.ok(&["person", "show", "PRI"]);
    let yesterday = today() - chrono::Duration::days(1);
    let next = yesterday + chrono::Duration::days(10);
    for expected in [
        "Priya Raman · Engineer\n".to_string(),
        format!(
            "1:1 every 10 days · last {} (1d ago)",
            yesterday.format("%a %d %b %Y")
        ),
        format!("next due {} (in 9d)", next.format("%a %-d %b")),
        "\nAspirations\n".into(),
        "#1    active".into(),
        "Lead the migration  (last progress today)".into(),
        "\nOpen follow-ups\n".into(),
        "them  open         Draft the plan".into(),
        "me    open         Send the course link".into(),
        "\nRecent conversations\n".into(),
        format!("{yesterday}  1:1      AF    Career chat"),
    ] {
        assert!(show.contains(&expected), "{expected:?} in\n{show}");
    }

    let dossier = json(&journal.ok(&["person", "show", "priya", "--json"]));
    assert_eq!(dossier["person"]["name"], "Priya Raman");
    assert_eq!(dossier["person"]["cadence_days"], 10);
    assert_eq!(dossier["last_talk"], format!("{yesterday}T12:00:00"));
    assert_eq!(dossier["next_due"], next.to_string());
    assert_eq!(dossier["aspirations"][0]["title"], "Lead the migration");
    assert_eq!(dossier["aspirations"][0]["status"], "active");
    assert_eq!(dossier["open_follow_ups"].as_array().unwrap().len(), 2);
    let conversation = &dossier["recent_conversations"][0];
    assert_eq!(conversation["summary"], "Career chat");
    assert_eq!(conversation["needs"][0]["need"], "autonomy");
    assert_eq!(conversation["needs"][1]["need"], "fun");

    // Archived people can still be shown, by their exact name.
    journal.ok(&["person", "archive", "priya"]);
    let show = journal.ok(&["person", "show", "priya raman"]);
    assert!(
        show.starts_with("Priya Raman · Engineer · archived\n"),
        "{show}"
    );
    assert!(!show.contains("next due"), "{show}");
    let dossier = json(&journal.ok(&["person", "show", "Priya Raman", "--json"]));
    assert_eq!(dossier["person"]["archived"], true);
    assert_eq!(dossier["next_due"], Value::Null);
}

/// The list's columns line up whatever the script of a name: cells are padded by display
/// width (a CJK character or an emoji takes two columns), not by characters.
#[test]
fn list_columns_line_up_with_wide_names() {
    use unicode_width::UnicodeWidthStr;
    let journal = Journal::new();
    journal.add_people(&["Ana Souza", "李小龍 陳", "Zoë 🚀 Kim"]);
    let list = journal.ok(&["person", "list"]);
    let columns: Vec<usize> = list
        .lines()
        .skip(1)
        .map(|line| {
            let at = line.find("14d").expect("the cadence column");
            line[..at].width()
        })
        .collect();
    assert_eq!(columns.len(), 3, "{list}");
    assert!(
        columns.iter().all(|c| *c == columns[0]),
        "{columns:?}\n{list}"
    );
}

/// Who `rapport today --json` lists as due, by name.
fn due_names(journal: &Journal) -> Vec<String> {
    json(&journal.ok(&["today", "--json"]))["due_for_one_on_one"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|entry| {
            entry["person"]["name"]
                .as_str()
                .expect("a name")
                .to_string()
        })
        .collect()
}

#[test]
fn a_paused_person_is_shown_as_paused_never_overdue_and_due_the_day_back() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Priya Raman", "--cadence", "14"]);
    let three_weeks_ago = (today() - chrono::Duration::days(21)).to_string();
    journal.ok(&["log", "priya", "--when", &three_weeks_ago]);
    assert_eq!(due_names(&journal), ["Priya Raman"]);

    // Paused ten days ago, for thirty days.
    let mut pause = journal.command(&["person", "pause", "priya", "--until", "+30"]);
    pause.env("RAPPORT_NOW", "2026-11-13T10:00:00");
    let said = common::execute(&mut pause, None).stdout;
    let back = chrono::NaiveDate::from_ymd_opt(2026, 12, 13).unwrap();
    assert!(
        said.starts_with("Paused Priya Raman until")
            && said.contains(&back.format("%-d %b").to_string()),
        "{said}"
    );
    assert!(due_names(&journal).is_empty());
    let listed = journal.ok(&["person", "list"]);
    assert!(
        listed.contains("paused") && !listed.contains("overdue"),
        "{listed}"
    );
    let row = &json(&journal.ok(&["person", "list", "--json"]))[0];
    assert_eq!(row["standing"]["state"], "paused");
    assert_eq!(row["standing"]["until"], back.to_string());
    let shown = journal.ok(&["person", "show", "priya"]);
    assert!(shown.contains("paused until"), "{shown}");
    let week = json(&journal.ok(&["week", "--json"]));
    assert_eq!(week["due"]["this_week"], 0, "{week}");
    assert!(week["people_not_seen"].as_array().unwrap().is_empty());
    let gaps = json(&journal.ok(&["gaps", "--json"]));
    assert_eq!(gaps["rows"][0]["standing"]["state"], "paused");
    assert_eq!(gaps["rows"][0]["score"], 0);

    // Back early: due today, not overdue for the weeks away.
    let said = journal.ok(&["person", "resume", "priya"]);
    assert!(said.contains("is back"), "{said}");
    let agenda = json(&journal.ok(&["today", "--json"]));
    assert_eq!(
        agenda["due_for_one_on_one"][0]["due_in_days"], 0,
        "{agenda}"
    );
}

#[test]
fn pausing_refuses_what_cannot_be_and_changes_nothing() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Priya Raman"]);
    let before = journal.ok(&["person", "list", "--json"]);
    let refused = journal.fails(&["person", "pause", "priya", "--until", "2020-01-01"], 2);
    assert!(refused.contains("must end after it begins"), "{refused}");
    let refused = journal.fails(&["person", "pause", "priya", "--until", "someday"], 2);
    assert!(refused.contains("someday"), "{refused}");
    let refused = journal.fails(&["person", "resume", "priya"], 2);
    assert!(refused.contains("is not paused"), "{refused}");
    let said = journal.fails(&["person", "pause", "Nobody", "--until", "+3"], 1);
    assert!(said.contains("nobody is called \"Nobody\""), "{said}");
    assert_eq!(journal.ok(&["person", "list", "--json"]), before);
}

#[test]
fn only_the_cadence_kinds_keep_the_rhythm() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Priya Raman", "--cadence", "7"]);
    let long_ago = (today() - chrono::Duration::days(20)).to_string();
    journal.ok(&["log", "priya", "--when", &long_ago]);
    // A hallway chat is recorded and shown, but Priya is still due for a 1:1.
    journal.ok(&["log", "priya", "--kind", "informal", "--summary", "Coffee"]);
    assert_eq!(due_names(&journal), ["Priya Raman"]);
    let shown = journal.ok(&["person", "show", "priya"]);
    assert!(shown.contains("last talk"), "{shown}");
    let week = json(&journal.ok(&["week", "--json"]));
    assert_eq!(week["people_met"]["this_week"], 1, "{week}");
    assert_eq!(week["due_met"]["this_week"], 0, "{week}");
    // A skip-level keeps it by default…
    journal.ok(&["log", "priya", "--kind", "skip-level"]);
    assert!(due_names(&journal).is_empty());
    // …and the setting decides which kinds do.
    let settings = journal.dir().join("config").join("rapport");
    std::fs::create_dir_all(&settings).unwrap();
    std::fs::write(
        settings.join("config.toml"),
        "cadence_kinds = [\"one-on-one\"]\n",
    )
    .unwrap();
    assert_eq!(due_names(&journal), ["Priya Raman"]);
    std::fs::write(settings.join("config.toml"), "cadence_kinds = [\"chat\"]\n").unwrap();
    let refused = journal.fails(&["today"], 1);
    assert!(
        refused.contains("line 1") && refused.contains("cadence_kinds"),
        "{refused}"
    );
}

#[test]
fn priority_needs_are_chosen_shown_and_limited_to_two() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Priya Raman"]);
    journal.ok(&[
        "person",
        "edit",
        "priya",
        "--priorities",
        "security, mastery",
    ]);
    let person = &json(&journal.ok(&["person", "show", "priya", "--json"]))["person"];
    assert_eq!(
        person["priorities"],
        serde_json::json!(["competence", "security"])
    );
    let shown = journal.ok(&["person", "show", "priya"]);
    assert!(
        shown.contains("priorities now: Competence, Security"),
        "{shown}"
    );
    let prep = json(&journal.ok(&["prep", "priya", "--json"]));
    assert_eq!(prep["to_address"][0], "competence");
    assert_eq!(prep["to_address"][1], "security");

    let before = journal.ok(&["person", "list", "--json"]);
    let refused = journal.fails(
        &[
            "person",
            "edit",
            "priya",
            "--priorities",
            "fun,autonomy,belonging",
        ],
        2,
    );
    assert!(refused.contains("at most two"), "{refused}");
    let refused = journal.fails(&["person", "edit", "priya", "--priorities", "money"], 2);
    assert!(refused.contains("money"), "{refused}");
    assert_eq!(journal.ok(&["person", "list", "--json"]), before);
    journal.ok(&["person", "edit", "priya", "--priorities", "none"]);
    let person = &json(&journal.ok(&["person", "show", "priya", "--json"]))["person"];
    assert_eq!(person["priorities"], serde_json::json!([]));
}
