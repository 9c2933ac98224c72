//! Every command's `--json`, walked from clap: each runs on a demo journal and prints JSON
//! that parses, where every record carries `id` and `uuid`, every person is referred to in
//! one shape, and no list is positional (lists in lists, numbers by position). docs/cli.md lists the same
//! commands clap knows, marked the same way.

use std::collections::BTreeSet;
use std::fs;

use clap::CommandFactory;
use rapport::cli::Cli;
use serde_json::Value;

use crate::common::Journal;

/// Commands that print no record, so have no `--json` (docs/cli.md, "Every command").
const NO_JSON: &[&str] = &[
    "demo",
    "encrypt",
    "decrypt",
    "rekey",
    "unlock",
    "lock",
    "export",
    "calendar",
    "review",
    "completions",
    "man",
    "config path",
    "config show",
    "config default",
];

/// Each command with `--json` and valid arguments for it on the demo journal, run in this
/// order on one journal. `{roster}`, `{export}` and `{backup}` are files the test makes,
/// `{folder}` a sync folder and `{second}` a second device's journal, which joins it.
const RUNS: &[(&str, &[&str])] = &[
    ("person add", &["Zed Quinn", "--role", "Engineer"]),
    ("person list", &["--all"]),
    ("person import", &["{roster}"]),
    ("person show", &["Zed Quinn"]),
    ("person edit", &["Zed Quinn", "--team", "Core"]),
    ("person pause", &["Zed Quinn", "--until", "+10"]),
    ("person resume", &["Zed Quinn"]),
    ("person archive", &["Zed Quinn"]),
    (
        "log",
        &[
            "Bilal",
            "--summary",
            "Planning",
            "--need",
            "fun:a game",
            "--followup",
            "send the notes",
            "--ack",
            "the release",
            "--idea",
            "shorter stand-ups",
        ],
    ),
    ("conversation show", &["1"]),
    ("followup add", &["Bilal", "book the room"]),
    ("followup list", &[]),
    ("followup edit", &["1", "--text", "Share the plan"]),
    ("followup done", &["1"]),
    ("aspiration add", &["Bilal", "Lead the migration"]),
    ("aspiration list", &[]),
    ("aspiration show", &["1"]),
    ("aspiration update", &["1", "--note", "a first step"]),
    ("ack", &["Bilal", "the careful review"]),
    ("idea", &["Bilal", "a demo day"]),
    ("idea list", &[]),
    (
        "idea answer",
        &["1", "--status", "adopted", "--answer", "Yes"],
    ),
    (
        "feedback add",
        &["Bilal", "More room to decide", "--about", "control"],
    ),
    ("feedback list", &[]),
    ("feedback edit", &["1", "--need", "autonomy"]),
    ("meets", &["Bilal", "belonging", "a lunch with the team"]),
    ("meets list", &[]),
    ("meets history", &["Bilal"]),
    ("delegate", &["Bilal", "the release notes"]),
    ("delegate list", &[]),
    ("delegate check", &["1", "stuck"]),
    ("direction add", &["Ship every week, safely"]),
    ("direction list", &[]),
    ("direction edit", &["1", "Ship every week, calmly"]),
    ("direction retire", &["1"]),
    ("moment add", &["Bilal", "2026-12-01", "back from leave"]),
    ("moment list", &[]),
    ("moment edit", &["1", "--yearly"]),
    ("raise", &["Bilal", "the offsite"]),
    ("raise list", &["--all"]),
    ("raise done", &["1"]),
    ("today", &[]),
    ("check", &[]),
    ("search", &["plan"]),
    ("timeline", &["--limit", "20"]),
    ("gaps", &[]),
    ("week", &[]),
    (
        "reflect",
        &["--went-well", "a calm week", "--systems-people", "3"],
    ),
    ("prep", &["Bilal"]),
    ("trends", &["Bilal"]),
    ("questions", &[]),
    ("import", &["{export}"]),
    ("backup", &["{backup}"]),
    ("restore", &["{backup}", "--yes"]),
    ("conversation delete", &["2", "--yes"]),
    ("followup delete", &["2", "--yes"]),
    ("aspiration delete-update", &["1", "--yes"]),
    ("aspiration delete", &["2", "--yes"]),
    ("ack delete", &["1", "--yes"]),
    ("idea delete", &["2", "--yes"]),
    ("raise delete", &["1", "--yes"]),
    ("feedback delete", &["1", "--yes"]),
    ("meets delete", &["1", "--yes"]),
    ("delegate delete", &["1", "--yes"]),
    ("direction delete", &["1", "--yes"]),
    ("moment delete", &["1", "--yes"]),
    ("sync init", &["{folder}"]),
    ("sync", &[]),
    ("sync join", &["{folder}", "--db", "{second}"]),
    ("sync status", &[]),
    // A text edited on both devices: the first's version wins, the second's is kept.
    (
        "person edit",
        &[
            "Bilal",
            "--motivations",
            "from the second",
            "--db",
            "{second}",
        ],
    ),
    ("sync", &["--db", "{second}"]),
    ("person edit", &["Bilal", "--motivations", "from the first"]),
    ("sync", &[]),
    ("sync", &["--db", "{second}"]),
    ("sync conflicts", &[]),
    ("sync keep", &["--db", "{second}", "{second's conflict}"]),
    ("sync take", &["{conflict}"]),
];

/// Every command path clap knows (`person add`, `ack`, `ack delete`…) and whether it takes
/// `--json`; a group that only holds subcommands (`person`) is not a command of its own.
fn commands(command: &clap::Command, path: &str, found: &mut Vec<(String, bool)>) {
    let has_json = command.get_arguments().any(|arg| arg.get_id() == "json");
    // A group runs itself when it takes arguments of its own (`ack NAME TEXT`) or needs no
    // subcommand (`sync` alone syncs now).
    let runs_itself = command.get_subcommands().next().is_none()
        || command.get_positionals().next().is_some()
        || !command.is_subcommand_required_set();
    if !path.is_empty() && runs_itself {
        found.push((path.to_string(), has_json));
    }
    for sub in command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help")
    {
        let sub_path = format!("{path} {}", sub.get_name());
        commands(sub, sub_path.trim(), found);
    }
}

fn every_command() -> Vec<(String, bool)> {
    let mut found = Vec::new();
    commands(&Cli::command(), "", &mut found);
    found
}

#[test]
fn every_command_has_json_or_is_a_listed_exemption() {
    let mut problems = Vec::new();
    let listed: BTreeSet<&str> = RUNS.iter().map(|(path, _)| *path).collect();
    let commands = every_command();
    for (path, has_json) in &commands {
        match (has_json, NO_JSON.contains(&path.as_str()), listed.contains(path.as_str())) {
            (true, _, false) => problems.push(format!(
                "`rapport {path}` has --json but no entry in cli_json.rs RUNS: add its arguments there"
            )),
            (false, false, _) => problems.push(format!(
                "`rapport {path}` has no --json and is not in NO_JSON: give it --json, or list it as printing no record"
            )),
            (true, true, _) => problems.push(format!("`rapport {path}` has --json but is listed in NO_JSON")),
            (false, true, _) | (true, false, true) => {}
        }
    }
    let known: BTreeSet<&str> = commands.iter().map(|(path, _)| path.as_str()).collect();
    for path in listed.iter().chain(NO_JSON) {
        if !known.contains(path) {
            problems.push(format!(
                "`rapport {path}` is listed here but clap has no such command"
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_json_output_parses_and_carries_ids_in_one_shape() {
    let journal = Journal::new();
    journal.ok(&["demo"]);
    let roster = journal.dir().join("team.csv");
    fs::write(&roster, "name,role\nAda Stone,Designer\n").expect("the roster");
    let export = journal.dir().join("export.json");
    journal.ok(&["export", "--output", export.to_str().expect("a path")]);
    let backup = journal.dir().join("backup.db");
    let folder = journal.dir().join("shared");
    fs::create_dir(&folder).expect("the sync folder");
    let second = journal.dir().join("second.db");
    let files = [
        ("{roster}", roster.to_str().expect("a path")),
        ("{export}", export.to_str().expect("a path")),
        ("{backup}", backup.to_str().expect("a path")),
        ("{folder}", folder.to_str().expect("a path")),
        ("{second}", second.to_str().expect("a path")),
    ];
    let mut problems = Vec::new();
    let mut records = 0;
    let mut people = 0;
    for (path, arguments) in RUNS {
        let mut args: Vec<&str> = path.split(' ').collect();
        // A conflict's id is known once the runs before made it.
        let mut conflict = String::new();
        for argument in *arguments {
            if argument.ends_with("conflict}") {
                let on_second = argument.starts_with("{second");
                let mut list = vec!["sync", "conflicts", "--json"];
                if on_second {
                    list.extend(["--db", files[4].1]);
                }
                let listed: Value = serde_json::from_str(&journal.ok(&list)).expect("JSON");
                conflict = listed[0]["id"].as_str().unwrap_or_default().to_string();
                continue;
            }
            let file = files.iter().find(|(name, _)| name == argument);
            args.push(file.map_or(*argument, |(_, real)| *real));
        }
        if !conflict.is_empty() {
            args.push(&conflict);
        }
        args.push("--json");
        let run = journal.run(&args);
        if run.code != 0 {
            problems.push(format!(
                "`rapport {path} --json` failed: {}",
                run.stderr.trim()
            ));
            continue;
        }
        let value: Value = match serde_json::from_str(&run.stdout) {
            Ok(value) => value,
            Err(error) => {
                problems.push(format!("`rapport {path} --json` is not JSON: {error}"));
                continue;
            }
        };
        let mut seen = Seen::default();
        inspect(&value, "", &mut seen);
        problems.extend(
            seen.problems
                .iter()
                .map(|p| format!("`rapport {path} --json`{p}")),
        );
        records += seen.records;
        people += seen.people;
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // The walk looked at what it had to: records and people were there to be checked.
    assert!(records > 300, "only {records} records were checked");
    assert!(people > 150, "only {people} person references were checked");
}

#[derive(Default)]
struct Seen {
    problems: Vec<String>,
    records: usize,
    people: usize,
}

/// Keys only a record has: the day it was written or happened.
const RECORD_DATES: &[&str] = &[
    "happened_at",
    "made_on",
    "given_at",
    "heard_on",
    "raised_on",
    "noted_on",
    "created_on",
    "added_on",
];

/// Keys of the shapes the one person reference replaced.
const OLD_PERSON_KEYS: &[&str] = &["person_id", "person_name", "person_uuid", "item_id"];

fn inspect(value: &Value, at: &str, seen: &mut Seen) {
    match value {
        Value::Array(items) => {
            // Numbers in a list, or a word repeated, are positions (a tuple, a row of
            // figures per need or per week), not a set of things: those are named objects.
            let words: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            if words.iter().collect::<BTreeSet<_>>().len() < words.len() {
                seen.problems
                    .push(format!(" {at}: a list that repeats a word"));
            }
            for (i, item) in items.iter().enumerate() {
                if item.is_array() {
                    seen.problems
                        .push(format!(" {at}[{i}]: a list inside a list"));
                }
                if item.is_number() {
                    seen.problems
                        .push(format!(" {at}[{i}]: a number in a list"));
                }
                inspect(item, &format!("{at}[{i}]"), seen);
            }
        }
        Value::Object(fields) => {
            let is_record = fields.contains_key("uuid")
                || RECORD_DATES.iter().any(|key| fields.contains_key(*key));
            if is_record {
                seen.records += 1;
                if !fields.get("id").is_some_and(Value::is_i64) {
                    seen.problems.push(format!(" {at}: a record with no id"));
                }
                if !fields.get("uuid").is_some_and(is_uuid) {
                    seen.problems.push(format!(" {at}: a record with no uuid"));
                }
            }
            for key in OLD_PERSON_KEYS {
                if fields.contains_key(*key) {
                    seen.problems
                        .push(format!(" {at}: `{key}`, a field `person` or `id` replaced"));
                }
            }
            for (key, field) in fields {
                let here = format!("{at}.{key}");
                match key.as_str() {
                    // A number under `person` is a count of the table (`check`, `import`).
                    "person" if !field.is_null() && !field.is_number() => {
                        check_person(field, &here, seen)
                    }
                    key if key.starts_with("people") && field.is_array() => {
                        for (i, item) in field.as_array().into_iter().flatten().enumerate() {
                            check_person(item, &format!("{here}[{i}]"), seen);
                        }
                    }
                    _ => {}
                }
                inspect(field, &here, seen);
            }
        }
        _ => {}
    }
}

/// A person reference: `{"id": 2, "uuid": "…", "name": "Bilal"}`, or the person's whole
/// record where that is what is shown (`person show`, `prep`), which starts the same way.
fn check_person(value: &Value, at: &str, seen: &mut Seen) {
    seen.people += 1;
    let shaped = value.get("id").is_some_and(Value::is_i64)
        && value.get("uuid").is_some_and(is_uuid)
        && value.get("name").is_some_and(Value::is_string);
    if !shaped {
        seen.problems.push(format!(
            " {at}: a person not as {{id, uuid, name}}: {value}"
        ));
    }
}

fn is_uuid(value: &Value) -> bool {
    value
        .as_str()
        .is_some_and(|text| uuid::Uuid::parse_str(text).is_ok())
}

/// The rows of docs/cli.md's "Every command" table: `| `rapport PATH` | yes |`.
fn documented() -> Vec<(String, bool)> {
    let text = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/cli.md"))
        .expect("docs/cli.md");
    let table = text
        .split("\n## Every command\n")
        .nth(1)
        .expect("docs/cli.md has an \"Every command\" section");
    table
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let path = cells.get(1)?.strip_prefix("`rapport ")?.strip_suffix('`')?;
            Some((path.to_string(), *cells.get(2)? == "yes"))
        })
        .collect()
}

#[test]
fn docs_list_every_command_and_which_have_json() {
    let clap: BTreeSet<(String, bool)> = every_command().into_iter().collect();
    let docs: BTreeSet<(String, bool)> = documented().into_iter().collect();
    let missing: Vec<_> = clap.difference(&docs).collect();
    let extra: Vec<_> = docs.difference(&clap).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "docs/cli.md's \"Every command\" table differs from clap (command, has --json):\nnot in the docs as clap has it: {missing:#?}\nin the docs, not in clap: {extra:#?}"
    );
}

#[test]
fn a_change_with_json_prints_the_record_as_it_now_is_and_a_delete_what_went() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Priya Raman"]);
    let edited: Value =
        serde_json::from_str(&journal.ok(&["person", "edit", "priya", "--team", "Core", "--json"]))
            .expect("JSON");
    assert_eq!(edited["team"], "Core");
    assert_eq!(
        [edited["uuid"].as_str().expect("a uuid").to_string()],
        journal.rows("SELECT uuid FROM person").as_slice()
    );
    let added: Value = serde_json::from_str(&journal.ok(&[
        "followup",
        "add",
        "priya",
        "Send the notes",
        "--json",
    ]))
    .expect("JSON");
    let done: Value =
        serde_json::from_str(&journal.ok(&["followup", "done", "1", "--json"])).expect("JSON");
    assert_eq!(done["uuid"], added["uuid"]);
    assert_eq!(done["done_on"], crate::common::today().to_string());
    assert_eq!(
        done["person"],
        serde_json::json!({"id": edited["id"], "uuid": edited["uuid"], "name": "Priya Raman"})
    );
    let deleted: Value =
        serde_json::from_str(&journal.ok(&["followup", "delete", "1", "--yes", "--json"]))
            .expect("JSON");
    assert_eq!(
        deleted,
        serde_json::json!({"kind": "follow_up", "id": 1, "uuid": added["uuid"]})
    );
    assert!(journal.rows("SELECT id FROM follow_up").is_empty());
}
