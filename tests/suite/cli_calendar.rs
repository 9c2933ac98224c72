//! `rapport calendar`: the iCalendar file parsed back with an iCalendar reader.

use crate::common;

use std::collections::BTreeMap;
use std::io::BufReader;

use common::Journal;

/// Each event of a calendar, by UID: its properties by name.
pub(crate) fn events(ics: &str) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut calendars = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("a valid calendar");
    assert!(calendars.next().is_none(), "only one calendar");
    calendar
        .events
        .into_iter()
        .map(|event| {
            let properties: BTreeMap<String, String> = event
                .properties
                .into_iter()
                .map(|p| (p.name, p.value.unwrap_or_default()))
                .collect();
            (properties["UID"].clone(), properties)
        })
        .collect()
}

fn day(days_from_today: i64) -> chrono::NaiveDate {
    common::today() + chrono::Duration::days(days_from_today)
}

fn ics_date(days_from_today: i64) -> String {
    day(days_from_today).format("%Y%m%d").to_string()
}

#[test]
fn the_calendar_holds_the_next_one_on_ones_and_the_follow_ups_i_owe() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima", "Bo Chen", "Cy Okafor", "Di Rossi"]);
    let five_days_ago = day(-5).to_string();
    let forty_days_ago = day(-40).to_string();
    journal.ok(&[
        "log",
        "Ana",
        "--when",
        &five_days_ago,
        "--summary",
        "Plans; budget, roadmap",
    ]);
    journal.ok(&["log", "Cy", "--when", &forty_days_ago, "--summary", "x"]);
    journal.ok(&["person", "pause", "Bo", "--until", &day(30).to_string()]);
    journal.ok(&["person", "archive", "Di"]);
    journal.ok(&[
        "followup",
        "add",
        "Ana",
        "Send the promotion criteria; all of it",
        "--due",
        &day(3).to_string(),
    ]);
    journal.ok(&[
        "followup",
        "add",
        "Ana",
        "Book the offsite",
        "--owner",
        "them",
        "--due",
        &day(3).to_string(),
    ]);
    journal.ok(&["followup", "add", "Cy", "Read the design doc"]);

    let ics = journal.ok(&["calendar"]);
    assert!(ics.contains("\r\n"), "content lines end in CRLF");
    let events = events(&ics);
    let uuid = |name: &str| {
        journal.rows(&format!("SELECT uuid FROM person WHERE name = '{name}'"))[0].clone()
    };
    let ana = &events[&format!("one-on-one-{}@rapport", uuid("Ana Lima"))];
    assert_eq!(
        ana["DTSTART"],
        ics_date(9),
        "a cadence of 14 days after the last 1:1"
    );
    assert_eq!(ana["SUMMARY"], "1:1 with Ana");
    let cy = &events[&format!("one-on-one-{}@rapport", uuid("Cy Okafor"))];
    assert_eq!(cy["DTSTART"], ics_date(0), "an overdue 1:1 shows today");
    assert_eq!(
        cy["SUMMARY"],
        format!("1:1 with Cy (due since {})", day(-26))
    );
    let follow_up_uuid =
        journal.rows("SELECT uuid FROM follow_up WHERE text LIKE 'Send%'")[0].clone();
    let promised = &events[&format!("follow-up-{follow_up_uuid}@rapport")];
    assert_eq!(promised["DTSTART"], ics_date(3));
    assert!(
        promised["SUMMARY"].starts_with("Follow-up for Ana (#"),
        "no text without --with-notes: {}",
        promised["SUMMARY"]
    );
    // Bo is paused: their first 1:1 back is planned on the day they return, worded like
    // any other 1:1 (leave is private).
    let bo = &events[&format!("one-on-one-{}@rapport", uuid("Bo Chen"))];
    assert_eq!(bo["DTSTART"], ics_date(30), "the first 1:1 back");
    assert_eq!(bo["SUMMARY"], "1:1 with Bo");
    assert_eq!(
        events.len(),
        4,
        "Di is archived; theirs and undated follow-ups stay out: {:?}",
        events.keys()
    );
    assert!(
        !ics.contains("promotion") && !ics.contains("Plans"),
        "{ics}"
    );

    let with_notes = events_of(&journal, &["calendar", "--with-notes"]);
    let promised = &with_notes[&format!("follow-up-{follow_up_uuid}@rapport")];
    assert_eq!(
        promised["SUMMARY"], "Follow-up for Ana: Send the promotion criteria\\; all of it",
        "a semicolon is escaped"
    );
    let ana = &with_notes[&format!("one-on-one-{}@rapport", uuid("Ana Lima"))];
    assert!(
        ana["DESCRIPTION"].contains("Plans\\; budget\\, roadmap"),
        "{:?}",
        ana
    );

    // Written again after a 1:1 with Cy: the same UIDs, so a calendar updates its events.
    journal.ok(&["log", "Cy", "--summary", "caught up"]);
    let again = events_of(&journal, &["calendar"]);
    assert_eq!(
        again.keys().collect::<Vec<_>>(),
        events.keys().collect::<Vec<_>>()
    );
    let cy_again = &again[&format!("one-on-one-{}@rapport", uuid("Cy Okafor"))];
    assert_eq!(cy_again["DTSTART"], ics_date(14));
}

fn events_of(journal: &Journal, args: &[&str]) -> BTreeMap<String, BTreeMap<String, String>> {
    events(&journal.ok(args))
}

#[test]
fn a_calendar_file_is_private() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let path = journal.dir().join("shared/rapport.ics");
    let said = journal.ok(&["calendar", "-o", path.to_str().unwrap()]);
    assert!(said.contains("Wrote the calendar to"), "{said}");
    assert_eq!(common::mode(&path) & 0o777, 0o600);
    assert_eq!(events(&std::fs::read_to_string(&path).unwrap()).len(), 1);
}

/// The calendar reads who is due the way the leader's settings say, as `rapport today` and
/// `person list` do: with only one-on-ones counting as the 1:1, a skip-level a week ago
/// leaves Tom overdue since his one-on-one 27 days ago, on every surface.
#[test]
fn the_calendar_agrees_with_today_on_who_is_due_under_the_cadence_kinds_setting() {
    let journal = Journal::new();
    journal.add_people(&["Tom Baker", "Ana Lima"]);
    let settings = journal.dir().join("config").join("rapport");
    std::fs::create_dir_all(&settings).expect("the settings folder");
    std::fs::write(
        settings.join("config.toml"),
        "cadence_kinds = [\"one-on-one\"]\n",
    )
    .expect("the settings file");
    journal.ok(&[
        "log",
        "Tom",
        "--when",
        &day(-27).to_string(),
        "--summary",
        "x",
    ]);
    journal.ok(&[
        "log",
        "Tom",
        "--kind",
        "skip-level",
        "--when",
        &day(-7).to_string(),
        "--summary",
        "y",
    ]);
    journal.ok(&[
        "log",
        "Ana",
        "--when",
        &day(-3).to_string(),
        "--summary",
        "z",
    ]);

    let today: serde_json::Value =
        serde_json::from_str(&journal.ok(&["today", "--json"])).expect("JSON");
    let due = today["due_for_one_on_one"]
        .as_array()
        .expect("a list of who is due");
    assert_eq!(due.len(), 1, "only Tom is due: {due:?}");
    assert_eq!(due[0]["person"]["name"], "Tom Baker");
    assert_eq!(due[0]["next_due"], day(-13).to_string(), "overdue 13 days");

    let listed: serde_json::Value =
        serde_json::from_str(&journal.ok(&["person", "list", "--json"])).expect("JSON");
    let next_due = |name: &str| {
        listed
            .as_array()
            .expect("a list of people")
            .iter()
            .find(|row| row["name"] == name)
            .map(|row| row["next_due"].clone())
            .expect("listed")
    };
    assert_eq!(next_due("Tom Baker"), day(-13).to_string());
    assert_eq!(next_due("Ana Lima"), day(11).to_string());

    let events = events_of(&journal, &["calendar"]);
    let uuid = |name: &str| {
        journal.rows(&format!("SELECT uuid FROM person WHERE name = '{name}'"))[0].clone()
    };
    let tom = &events[&format!("one-on-one-{}@rapport", uuid("Tom Baker"))];
    assert_eq!(
        (tom["DTSTART"].as_str(), tom["SUMMARY"].as_str()),
        (
            ics_date(0).as_str(),
            format!("1:1 with Tom (due since {})", day(-13)).as_str()
        ),
        "the skip-level is not the 1:1 the setting asks for"
    );
    let ana = &events[&format!("one-on-one-{}@rapport", uuid("Ana Lima"))];
    assert_eq!(ana["DTSTART"], ics_date(11));
}
