//! Every threshold rule on the days either side of its edge, through the binary: a follow-up
//! due today, the 1:1 rhythm's grace days, a need fresh / fading / missing, and a concern
//! open exactly one cadence. The unit tests beside each rule check the same edges on the
//! rule alone; these check what the commands show.

use crate::common;

use std::fs;

use common::Journal;
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("JSON")
}

/// `gaps --json`'s row for `name`.
fn gaps_row(gaps: &Value, name: &str) -> Value {
    gaps["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["person"]["name"] == name))
        .cloned()
        .unwrap_or_else(|| panic!("{name} in {gaps}"))
}

/// A follow-up due today is due (listed by `today`, "due today"), and so is one due within
/// the agenda's two days; one due in three days is not yet; one due yesterday is a day
/// overdue.
#[test]
fn a_follow_up_is_due_from_its_due_day() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker"]);
    for day in [
        "2026-11-22",
        "2026-11-23",
        "2026-11-24",
        "2026-11-25",
        "2026-11-26",
    ] {
        journal.ok(&[
            "followup",
            "add",
            "tom",
            &format!("due {day}"),
            "--due",
            day,
        ]);
    }
    let due = json(&journal.ok(&["today", "--json"]));
    let texts: Vec<&str> = due["follow_ups_due"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|f| f["text"].as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "due 2026-11-22",
            "due 2026-11-23",
            "due 2026-11-24",
            "due 2026-11-25"
        ]
    );
    let list = journal.ok(&["followup", "list"]);
    for (id, state) in [("#1", "overdue 1d"), ("#2", "due today"), ("#3", "in 1d")] {
        assert!(
            list.lines()
                .any(|l| l.trim_start().starts_with(id) && l.contains(state)),
            "{id} {state}: {list}"
        );
    }
}

/// The 1:1 rhythm (cadence 14, grace 2 days by default): fresh the day before it is due,
/// fading on the due day and through the last grace day, missing the day after; with no
/// grace days, missing the day after the due day.
#[test]
fn the_one_on_one_turns_on_the_due_day_and_after_the_grace_days() {
    let journal = Journal::new();
    let people = [
        ("Fay Fresh", "2026-11-10"),   // due tomorrow
        ("Dee Today", "2026-11-09"),   // due today
        ("Gil Grace", "2026-11-07"),   // due two days ago: the last grace day
        ("Max Missing", "2026-11-06"), // due three days ago
    ];
    for (name, last) in people {
        journal.ok(&["person", "add", name]);
        journal.ok(&["log", name, "--when", last]);
    }
    let gaps = json(&journal.ok(&["gaps", "--json"]));
    assert_eq!(gaps["one_on_one_grace_days"], 2);
    let graded: Vec<(&str, Value)> = people
        .iter()
        .map(|(name, _)| (*name, gaps_row(&gaps, name)["one_on_one"].clone()))
        .collect();
    assert_eq!(
        graded,
        [
            ("Fay Fresh", "fresh".into()),
            ("Dee Today", "fading".into()),
            ("Gil Grace", "fading".into()),
            ("Max Missing", "missing".into()),
        ]
    );
    let today = journal.ok(&["today"]);
    for (name, state) in [
        ("Fay Fresh", "in 1d"),
        ("Dee Today", "due today"),
        ("Gil Grace", "overdue 2d"),
    ] {
        assert!(
            today.lines().any(|l| l.contains(name) && l.contains(state)),
            "{name} {state}: {today}"
        );
    }

    let config = journal.dir().join("config.toml");
    fs::write(&config, "one_on_one_grace_days = 0\n").expect("written");
    let strict = json(&journal.ok(&[
        "--config",
        config.to_str().expect("UTF-8"),
        "gaps",
        "--json",
    ]));
    assert_eq!(strict["one_on_one_grace_days"], 0);
    assert_eq!(gaps_row(&strict, "Dee Today")["one_on_one"], "fading");
    assert_eq!(gaps_row(&strict, "Gil Grace")["one_on_one"], "missing");
}

/// A need met with a weekly 1:1 (cadence 7): fresh up to 14 days (two cadences), fading
/// from 15 to 28 (four), missing from 29.
#[test]
fn a_need_turns_fading_and_missing_on_the_boundary_days() {
    let journal = Journal::new();
    let people = [
        ("Ann Fourteen", "2026-11-09", "fresh"),
        ("Bea Fifteen", "2026-11-08", "fading"),
        ("Cy Twentyeight", "2026-10-26", "fading"),
        ("Di Twentynine", "2026-10-25", "missing"),
    ];
    for (name, met, _) in people {
        journal.ok(&["person", "add", name, "--cadence", "7"]);
        journal.ok(&["log", name, "--when", met, "--need", "competence"]);
    }
    let gaps = json(&journal.ok(&["gaps", "--json"]));
    for (name, met, freshness) in people {
        let need = &gaps_row(&gaps, name)["needs"]["competence"];
        assert_eq!(need["freshness"], freshness, "{name}, met {met}: {need}");
    }
}

/// "Are you okay?" lists a concern open for longer than the person's cadence: open exactly
/// one cadence (14 days) it is not listed yet, one day more it is.
#[test]
fn a_concern_is_a_sign_only_after_one_whole_cadence() {
    let journal = Journal::new();
    journal.add_people(&["Ann Exactly", "Bo Longer"]);
    journal.ok(&[
        "log",
        "ann",
        "--when",
        "2026-11-09",
        "--concern",
        "security",
    ]);
    journal.ok(&["log", "bo", "--when", "2026-11-08", "--concern", "security"]);
    let today = json(&journal.ok(&["today", "--json"]));
    let asked: Vec<(&str, &str)> = today["are_you_okay"]
        .as_array()
        .expect("a list")
        .iter()
        .flat_map(|c| {
            let name = c["person"]["name"].as_str().unwrap_or_default();
            c["signs"]
                .as_array()
                .into_iter()
                .flatten()
                .map(move |s| (name, s["sign"].as_str().unwrap_or_default()))
        })
        .collect();
    assert_eq!(asked, [("Bo Longer", "concern_open")]);
    let text = journal.ok(&["today"]);
    assert!(text.contains("security concern open 15d"), "{text}");
    assert!(!text.contains("concern open 14d"), "{text}");
}
