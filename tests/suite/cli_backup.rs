//! `rapport search`, `backup`, `restore`, `export` and `import` through the real binary.

use crate::common;

use std::fs;

use common::{Journal, assert_one_line_failure, assert_parse_error, dump, mode};

fn with_history() -> Journal {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman", "Tom Baker"]);
    journal.ok(&[
        "log",
        "Priya",
        "--summary",
        "Roadmap for the quokka platform",
        "--notes",
        "She wants to lead it.\nTalked about the offsite.",
        "--need",
        "autonomy:picked the plan herself",
        "--tag",
        "career",
    ]);
    journal.ok(&["log", "Tom", "--summary", "Quokka budget worries"]);
    journal
}

#[test]
fn search_prints_ranked_hits_and_json() {
    let journal = with_history();
    let out = journal.ok(&["search", "quokka"]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        out.contains("[Quokka]") || out.contains("[quokka]"),
        "{out}"
    );
    assert!(
        out.contains("Priya Raman") && out.contains("Tom Baker"),
        "{out}"
    );
    assert!(out.contains("conversation"));

    let only_tom = journal.ok(&["search", "quokka", "--person", "Tom"]);
    assert_eq!(only_tom.lines().count(), 1);
    assert!(only_tom.contains("Tom Baker"));

    let json: serde_json::Value =
        serde_json::from_str(&journal.ok(&["search", "plan", "--json"])).unwrap();
    let hit = &json[0];
    assert_eq!(hit["kind"], "need");
    assert_eq!(hit["person"]["name"], "Priya Raman");
    let snippet = hit["snippet"].as_str().unwrap();
    let [start, end] = [
        hit["highlights"][0]["start"].as_u64().unwrap() as usize,
        hit["highlights"][0]["end"].as_u64().unwrap() as usize,
    ];
    let matched: String = snippet.chars().skip(start).take(end - start).collect();
    assert_eq!(matched, "plan");
    assert!(!snippet.contains('\u{1}'));

    assert!(
        journal
            .ok(&["search", "\"the offsite\""])
            .contains("[the offsite]")
    );
    assert!(journal.ok(&["search", "offs*"]).contains("[offsite]"));
    assert!(
        journal
            .ok(&["search", "nothing-here"])
            .starts_with("Nothing matches")
    );
    for bad in ["\"", "AND"] {
        let stderr = journal.fails(&["search", bad], 2);
        assert!(stderr.contains("is not a search I understand"), "{stderr}");
    }
    assert_parse_error(&journal.run(&["search"]), &["search"]);
}

/// `rapport search` finds follow-ups and talking points, says which they are (text and
/// JSON), follows an edit, and forgets a deleted one, in the file and its write-ahead log.
#[test]
fn search_finds_follow_ups_and_talking_points() {
    let journal = with_history();
    journal.ok(&["followup", "add", "Priya", "Send the pomegranate deck"]);
    journal.ok(&["raise", "Tom", "The tamarind migration plan"]);

    let out = journal.ok(&["search", "pomegranate"]);
    assert!(out.contains("Priya Raman"), "{out}");
    assert!(out.contains("follow-up"), "{out}");
    let out = journal.ok(&["search", "tamarind"]);
    assert!(out.contains("Tom Baker"), "{out}");
    assert!(out.contains("talking pt"), "{out}");
    let hits: serde_json::Value =
        serde_json::from_str(&journal.ok(&["search", "pomegranate OR tamarind", "--json"]))
            .unwrap();
    let mut kinds: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|hit| hit["kind"].as_str().unwrap())
        .collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["follow_up", "talking_point"]);

    journal.ok(&["followup", "edit", "1", "--text", "Send the persimmon deck"]);
    assert_eq!(
        journal.ok(&["search", "pomegranate"]),
        "Nothing matches pomegranate.\n"
    );
    assert!(journal.ok(&["search", "persimmon"]).contains("follow-up"));

    journal.ok(&["followup", "delete", "1", "--yes"]);
    journal.ok(&["raise", "delete", "1", "--yes"]);
    for word in ["persimmon", "tamarind"] {
        assert_eq!(
            journal.ok(&["search", word]),
            format!("Nothing matches {word}.\n")
        );
        for file in [journal.path.clone(), journal.path.with_extension("db-wal")] {
            assert!(
                !common::bytes_contain(&file, word),
                "{word} in {}",
                file.display()
            );
        }
    }
}

#[test]
fn backup_list_and_restore() {
    let journal = with_history();
    let out = journal.ok(&["backup"]);
    assert!(out.starts_with("Backed up to "), "{out}");
    assert!(out.contains("KiB") || out.contains("MiB"), "{out}");
    let dir = journal.dir().join("backups");
    assert_eq!(mode(&dir), 0o700);
    let listed = journal.ok(&["backup", "--list"]);
    assert!(
        listed.contains("daily") && listed.contains("rapport-"),
        "{listed}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&journal.ok(&["backup", "--list", "--json"])).unwrap();
    assert_eq!(json[0]["kind"], "rolling");

    let saved = journal.dir().join("saved.db");
    let out = journal.ok(&["backup", saved.to_str().unwrap()]);
    assert!(out.contains("saved.db"), "{out}");
    assert_eq!(mode(&saved), 0o600);
    let before = dump(&journal.path);
    journal.ok(&["log", "Tom", "--summary", "after the backup"]);

    let out = journal.ok(&["restore", saved.to_str().unwrap(), "--yes"]);
    assert!(out.contains("The journal as it was is kept in"), "{out}");
    assert_eq!(dump(&journal.path), before);
    assert!(
        journal
            .ok(&["search", "after"])
            .starts_with("Nothing matches")
    );

    let noise = journal.dir().join("noise.db");
    fs::write(&noise, b"not a database at all, just words").unwrap();
    let before = dump(&journal.path);
    let run = journal.run(&["restore", noise.to_str().unwrap(), "--yes"]);
    assert_one_line_failure(&run, 1, &["restore"]);
    assert!(
        run.stderr.contains("not an SQLite database"),
        "{}",
        run.stderr
    );
    assert_eq!(dump(&journal.path), before);

    let run = journal
        .command(&["backup"])
        .env("RAPPORT_KEEP_DAILY", "lots")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("RAPPORT_KEEP_DAILY"));

    let empty = Journal::new();
    let stderr = empty.fails(&["backup"], 1);
    assert!(stderr.contains("nothing to back up"), "{stderr}");
    assert!(!empty.path.exists());
}

/// Restoring replaces the journal, so it is asked like a delete: with nobody at a terminal
/// to answer it is refused and the journal is left as it was; `--yes` answers for a script.
#[test]
fn restore_asks_first_and_yes_answers() {
    let journal = with_history();
    let saved = journal.dir().join("saved.db");
    journal.ok(&["backup", saved.to_str().unwrap()]);
    journal.ok(&["log", "Tom", "--summary", "after the backup"]);
    let before = dump(&journal.path);

    let refused = journal.fails(&["restore", saved.to_str().unwrap()], 2);
    assert!(
        refused.contains("Replace") && refused.contains("add --yes to restore"),
        "{refused}"
    );
    assert_eq!(dump(&journal.path), before, "nothing was restored");

    let out = journal.ok(&["restore", saved.to_str().unwrap(), "--yes"]);
    assert!(out.contains("Restored"), "{out}");
    assert_ne!(dump(&journal.path), before);
}

#[test]
fn export_to_a_file_and_import_it_twice() {
    let journal = with_history();
    let file = journal.dir().join("out").join("journal.json");
    let out = journal.ok(&["export", "--format", "json", "-o", file.to_str().unwrap()]);
    assert!(out.starts_with("Exported the journal as JSON to "), "{out}");
    assert_eq!(mode(&file), 0o600);
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        journal.ok(&["export"]),
        "the same bytes on stdout"
    );
    let csv = journal.ok(&["export", "--format", "csv", "--person", "Priya"]);
    assert_eq!(
        csv.lines().count(),
        1 + 2,
        "the header and a two-line note: {csv}"
    );
    let md = journal.ok(&["export", "--format", "markdown"]);
    assert!(md.contains("## Priya Raman") && md.contains("## Tom Baker"));

    let other = Journal::new();
    let dry = other.ok(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(dry.starts_with("Would add from"), "{dry}");
    assert!(dry.contains("Nothing was changed"));
    assert_eq!(other.count("person"), 0);
    let added = other.ok(&["import", file.to_str().unwrap()]);
    let conversations = added
        .lines()
        .find_map(|line| line.trim().strip_prefix("conversation "))
        .map(str::trim);
    assert_eq!(conversations, Some("2"), "{added}");
    let again = other.ok(&["import", file.to_str().unwrap()]);
    assert!(again.starts_with("Nothing to add"), "{again}");
    assert_eq!(other.ok(&["export"]), fs::read_to_string(&file).unwrap());

    let broken = journal.dir().join("broken.json");
    fs::write(
        &broken,
        b"{\"format\": \"rapport-journal\", \"version\": 1, \"person\": [",
    )
    .unwrap();
    let before = dump(&other.path);
    let stderr = other.fails(&["import", broken.to_str().unwrap()], 1);
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert_eq!(dump(&other.path), before);
}

/// `import -` reads the export from standard input, the same as from a file, and leaves no
/// copy of it behind.
#[test]
fn import_reads_standard_input() {
    let source = Journal::new();
    source.add_people(&["Priya Raman"]);
    source.ok(&["log", "priya", "--notes", "zqxfromstdin"]);
    let export = source.ok(&["export"]);
    let target = Journal::new();
    let run = target.run_with_stdin(&["import", "-"], export.as_bytes());
    common::assert_ok(&run, &["import", "-"]);
    assert!(
        run.stdout.starts_with("Added from standard input:"),
        "{}",
        run.stdout
    );
    assert_eq!(target.count("conversation"), 1);
    assert_eq!(target.ok(&["export"]), export);
    let left: Vec<_> = fs::read_dir(target.dir())
        .expect("the folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_csv_export_never_hands_a_spreadsheet_a_formula() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    journal.ok(&[
        "log",
        "Priya",
        "--summary",
        "=HYPERLINK(\"https://example.invalid\",\"open\")",
        "--notes",
        "+1 for the plan",
    ]);
    let csv = journal.ok(&["export", "--format", "csv"]);
    let row = csv.lines().nth(1).expect("one conversation row");
    assert!(
        row.contains(",\"'=HYPERLINK(\"\"https://example.invalid\"\",\"\"open\"\")\","),
        "the summary is text, not a formula: {row}"
    );
    assert!(row.contains(",'+1 for the plan,"), "{row}");
}
