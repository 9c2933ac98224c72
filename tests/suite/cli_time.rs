//! Time: every day shown or stored is the leader's local day, whatever the UTC date, and a
//! clock outside the years a journal keeps is refused before anything is touched.

use crate::common;

use std::path::{Path, PathBuf};

use common::{Journal, assert_one_line_failure, execute};

/// The aspiration's created_at, kept as seconds since 1970 (UTC), in the text an export
/// writes.
const STAMP_OF_ASPIRATION: &str = "SELECT typeof(created_at),
        strftime('%Y-%m-%dT%H:%M:%SZ', created_at, 'unixepoch') FROM aspiration";

/// A command run at `now` (local time, or `@seconds` since 1970) in the zone `zone`.
fn at(journal: &Journal, zone: &str, now: &str, args: &[&str]) -> common::Run {
    let mut command = journal.command(args);
    command.env("TZ", zone).env("RAPPORT_NOW", now);
    execute(&mut command, None)
}

fn ok_at(journal: &Journal, zone: &str, now: &str, args: &[&str]) -> String {
    let run = at(journal, zone, now, args);
    common::assert_ok(&run, args);
    run.stdout
}

/// Every file under `dir` with its bytes, to prove a refused command changed nothing.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder)
            .expect("a readable folder")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("a readable file");
                found.push((path, bytes));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn an_evening_in_new_york_keeps_todays_date() {
    let journal = Journal::new();
    let zone = "America/New_York";
    // 20:00 in New York is already 01:00 tomorrow in UTC.
    let evening = "2026-11-23T20:00:00";
    ok_at(&journal, zone, evening, &["person", "add", "Ann Lee"]);
    ok_at(
        &journal,
        zone,
        evening,
        &["aspiration", "add", "ann", "Lead a team"],
    );
    assert_eq!(
        journal.rows(STAMP_OF_ASPIRATION),
        ["integer|2026-11-24T01:00:00Z"],
        "the stamp is UTC"
    );
    let listed = ok_at(&journal, zone, evening, &["aspiration", "list", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("JSON");
    assert_eq!(listed[0]["created_on"], "2026-11-23");
    let text = ok_at(&journal, zone, evening, &["aspiration", "list"]);
    assert!(text.contains("(last progress today)"), "{text}");
    let shown = ok_at(&journal, zone, evening, &["person", "show", "ann"]);
    assert!(!shown.contains("in 1d"), "{shown}");
    ok_at(
        &journal,
        zone,
        evening,
        &["log", "ann", "--followup", "send the notes"],
    );
    assert_eq!(
        journal.rows(
            "SELECT substr(happened_at, 1, 10), (SELECT made_on FROM follow_up) FROM conversation"
        ),
        ["2026-11-23|2026-11-23"]
    );
    let export = ok_at(&journal, zone, evening, &["export", "--format", "markdown"]);
    assert!(export.contains("2026-11-23"), "{export}");
    assert!(!export.contains("2026-11-24"), "{export}");
}

#[test]
fn a_morning_in_kiritimati_keeps_todays_date() {
    let journal = Journal::new();
    let zone = "Pacific/Kiritimati";
    // 09:00 in Kiritimati (UTC+14) is still 19:00 yesterday in UTC.
    let morning = "2026-11-24T09:00:00";
    ok_at(&journal, zone, morning, &["person", "add", "Ann Lee"]);
    ok_at(
        &journal,
        zone,
        morning,
        &["aspiration", "add", "ann", "Lead a team"],
    );
    assert_eq!(
        journal.rows(STAMP_OF_ASPIRATION),
        ["integer|2026-11-23T19:00:00Z"]
    );
    let listed = ok_at(&journal, zone, morning, &["aspiration", "list", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).expect("JSON");
    assert_eq!(listed[0]["created_on"], "2026-11-24");
    let shown = ok_at(
        &journal,
        zone,
        morning,
        &["person", "show", "ann", "--json"],
    );
    assert!(shown.contains("2026-11-24"), "{shown}");
    assert!(!shown.contains("2026-11-23"), "{shown}");
}

#[test]
fn a_clock_outside_1970_to_2100_is_one_sentence_and_touches_nothing() {
    let journal = Journal::new();
    journal.add_people(&["Ann Lee"]);
    journal.ok(&["log", "ann", "--notes", "a first talk"]);
    let backup = journal.dir().join("copy.db");
    journal.ok(&["backup", backup.to_str().expect("UTF-8")]);
    let commands: [&[&str]; 8] = [
        &["today"],
        &["person", "list"],
        &["person", "add", "Bo Chen"],
        &["log", "ann", "--notes", "written with a wrong clock"],
        &["aspiration", "add", "ann", "Lead"],
        &["backup"],
        &["restore", backup.to_str().expect("UTF-8"), "--yes"],
        &[],
    ];
    // A day before 1970, the last second of 1969 in UTC, 2101, and the year 9999.
    let clocks = ["@-86400", "@-1", "2101-01-01T00:00:00", "@253370764800"];
    let before = snapshot(journal.dir());
    for clock in clocks {
        for args in commands {
            let run = at(&journal, "UTC", clock, args);
            assert_one_line_failure(&run, 1, args);
            assert!(
                run.stderr.contains("the system clock reads")
                    && run.stderr.contains("1970 to 2100"),
                "{clock} {args:?}: {}",
                run.stderr
            );
            assert_eq!(run.stdout, "", "{clock} {args:?}");
            assert!(
                snapshot(journal.dir()) == before,
                "{clock} {args:?} changed a file"
            );
        }
    }
    // The borders themselves are accepted.
    ok_at(&journal, "UTC", "1970-01-01T00:00:00", &["person", "list"]);
    ok_at(&journal, "UTC", "2100-12-31T23:59:59", &["person", "list"]);
}
