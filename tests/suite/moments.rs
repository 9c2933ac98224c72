//! Moments to acknowledge (issue 31): work anniversaries from a start date and the dates the
//! leader notes for someone, through the command line, search, Today, prep and the calendar.

use crate::common;

use serde_json::Value;

use common::{Journal, execute};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("valid JSON ({e}): {text}"))
}

/// Runs `args` with the clock pinned at noon on `day` (YYYY-MM-DD).
fn ok_on(journal: &Journal, day: &str, args: &[&str]) -> String {
    let mut command = journal.command(args);
    command.env("RAPPORT_NOW", format!("{day}T12:00:00"));
    let run = execute(&mut command, None);
    common::assert_ok(&run, args);
    run.stdout
}

/// Ana started three years ago on Thursday 26 November (3 days after the pinned Monday
/// 23 November 2026) and likes to be acknowledged for her calm in incidents.
pub(crate) fn with_ana() -> Journal {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Ana Lima", "--started", "2023-11-26"]);
    journal.ok(&[
        "person",
        "edit",
        "ana",
        "--acknowledge-for",
        "calm in incidents",
    ]);
    journal
}

#[test]
fn a_moment_is_noted_listed_changed_and_deleted_by_its_number() {
    let journal = with_ana();
    journal.ok(&["person", "add", "Tom Baker"]);
    assert_eq!(
        journal.ok(&["moment", "add", "tom", "friday", "back from leave"]),
        "Noted for Tom Baker (#1): \"back from leave\" on Fri 27 Nov 2026.\n"
    );
    let noted = json(&journal.ok(&[
        "moment",
        "add",
        "ana",
        "1990-12-24",
        "birthday",
        "--yearly",
        "--json",
    ]));
    assert_eq!(noted["id"], 2);
    assert_eq!(noted["uuid"].as_str().map(str::len), Some(36));
    assert_eq!(noted["person"]["name"], "Ana Lima");
    assert_eq!(noted["falls_on"], "1990-12-24");
    assert_eq!(noted["yearly"], true);

    // The week ahead: Ana's anniversary, then Tom back; her birthday is a month away.
    assert_eq!(
        journal.ok(&["moment", "list", "--days", "7"]),
        "  Thu 26 Nov 2026  Ana Lima — 3 years here, in 3d\n\
         \x20                  acknowledge for: calm in incidents\n\
         \x20 Fri 27 Nov 2026  Tom Baker — back from leave, in 4d  #1\n"
    );
    let year = json(&journal.ok(&["moment", "list", "--json"]));
    let kinds: Vec<(&str, &str, i64)> = year
        .as_array()
        .expect("a list")
        .iter()
        .map(|m| {
            (
                m["person"]["name"].as_str().unwrap_or_default(),
                m["what"]["kind"].as_str().unwrap_or_default(),
                m["in_days"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("Ana Lima", "anniversary", 3),
            ("Tom Baker", "noted", 4),
            ("Ana Lima", "noted", 31)
        ]
    );
    assert_eq!(year[0]["what"]["years"], 3);
    assert_eq!(year[0]["acknowledge_for"], "calm in incidents");
    assert_eq!(year[2]["what"]["id"], 2);
    assert_eq!(year[2]["what"]["uuid"], noted["uuid"]);

    assert_eq!(
        journal.ok(&[
            "moment",
            "edit",
            "#1",
            "--date",
            "2026-11-30",
            "--label",
            "back"
        ]),
        "Changed Tom Baker's moment #1: \"back\" on Mon 30 Nov 2026.\n"
    );
    // A yearly moment's new date may be its month and day alone, without --yearly again.
    assert_eq!(
        journal.ok(&["moment", "edit", "2", "--date", "12-23"]),
        "Changed Ana Lima's moment #2: \"birthday\" every year on 23 December.\n"
    );
    // Made a one-off, it falls once, on its next day (not in the year it was noted by).
    assert_eq!(
        journal.ok(&["moment", "edit", "2", "--once"]),
        "Changed Ana Lima's moment #2: \"birthday\" on Wed 23 Dec 2026.\n"
    );
    journal.ok(&["moment", "edit", "2", "--date", "2026-11-01"]);
    assert_eq!(
        journal.ok(&["moment", "list", "--person", "ana"]),
        "  Thu 26 Nov 2026  Ana Lima — 3 years here, in 3d\n\
         \x20                  acknowledge for: calm in incidents\n",
        "a one-off moment that has passed is no longer ahead"
    );
    let gone = json(&journal.ok(&["moment", "delete", "2", "--yes", "--json"]));
    assert_eq!(gone["uuid"], noted["uuid"], "{gone}");
    assert_eq!(journal.count("moment"), 1);
}

#[test]
fn a_date_that_does_not_exist_an_unknown_person_and_an_empty_label_change_nothing() {
    let journal = with_ana();
    assert_eq!(
        journal.fails(&["moment", "add", "ana", "2026-02-30", "back"], 2),
        "rapport: 2026-02-30 is not a calendar date\n"
    );
    assert_eq!(
        journal.fails(&["moment", "add", "bob", "2026-12-01", "back"], 1),
        "rapport: nobody is called \"bob\"; people in the journal: Ana Lima\n"
    );
    assert_eq!(
        journal.fails(&["moment", "add", "ana", "2026-12-01", "  "], 2),
        "rapport: the moment's label cannot be empty\n"
    );
    assert_eq!(
        journal.fails(&["moment", "edit", "7", "--label", "x"], 1),
        "rapport: there is no moment #7\n"
    );
    assert_eq!(
        journal.fails(&["moment", "edit", "7"], 2),
        "rapport: say what to change: --date, --label, --yearly or --once\n"
    );
    assert_eq!(
        journal.fails(
            &["moment", "add", "ana", "02-30", "birthday", "--yearly"],
            2
        ),
        "rapport: 02-30 is not a calendar date\n"
    );
    assert_eq!(
        journal.fails(&["moment", "add", "ana", "05-04", "once"], 2),
        "rapport: \"05-04\" is not a date or time I understand: try now, today, yesterday, a weekday, 2026-11-20 or 2026-11-20 14:30\n",
        "a month and day alone is for a yearly moment"
    );
    assert_eq!(journal.count("moment"), 0);
    // A yearly moment needs no year: a birthday before 1970 is no refusal.
    let birthday = json(&journal.ok(&[
        "moment", "add", "ana", "02-29", "birthday", "--yearly", "--json",
    ]));
    assert_eq!(birthday["falls_on"], "2000-02-29");
}

#[test]
fn an_anniversary_falls_on_29_february_in_a_leap_year_and_on_the_28th_in_others() {
    let journal = Journal::new();
    journal.ok(&["person", "add", "Leap Day", "--started", "2024-02-29"]);
    // A starter has no anniversary: their first day is still to come.
    journal.ok(&["person", "add", "New Starter", "--started", "2026-11-25"]);
    let leap = json(&ok_on(
        &journal,
        "2028-02-25",
        &["moment", "list", "--json"],
    ));
    let leap = leap.as_array().expect("a list");
    assert_eq!(leap.len(), 2, "{leap:?}");
    assert_eq!(leap[0]["person"]["name"], "Leap Day");
    assert_eq!(leap[0]["on"], "2028-02-29");
    assert_eq!(leap[0]["what"]["years"], 4);
    assert_eq!(
        ok_on(&journal, "2027-02-25", &["moment", "list", "--days", "7"]),
        "  Sun 28 Feb 2027  Leap Day — 3 years here, in 3d\n"
    );
    assert_eq!(
        journal.ok(&["moment", "list", "--person", "new"]),
        "No moments in the next 365 days (rapport moment add NAME DATE \"what it is\"; anniversaries come from a start date: person edit NAME --started DATE).\n"
    );
}

#[test]
fn a_moment_is_found_by_search_under_its_person() {
    let journal = with_ana();
    let noted = json(&journal.ok(&[
        "moment",
        "add",
        "ana",
        "2026-12-14",
        "back from parental leave",
        "--json",
    ]));
    let found = json(&journal.ok(&["search", "parental", "--json"]));
    let hits = found.as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{found}");
    assert_eq!(hits[0]["kind"], "moment");
    assert_eq!(hits[0]["uuid"], noted["uuid"]);
    assert_eq!(hits[0]["person"]["name"], "Ana Lima");
    assert_eq!(hits[0]["date"], "2026-12-14");
    journal.ok(&["moment", "edit", "1", "--label", "back from sabbatical"]);
    assert_eq!(
        journal.ok(&["search", "parental"]),
        "Nothing matches parental.\n",
        "the old label left the index"
    );
    assert!(
        journal
            .ok(&["search", "sabbatical", "--person", "ana"])
            .contains("moment")
    );
    journal.ok(&["moment", "add", "ana", "1990-03-01", "birthday", "--yearly"]);
    let markdown = journal.ok(&["export", "--format", "markdown"]);
    assert!(
        markdown.contains(
            "### Moments to acknowledge\n\n- 1990-03-01: birthday, every year\n- 2026-12-14: back from sabbatical\n"
        ),
        "{markdown}"
    );
}

/// Ana's anniversary in 3 days, Tom (on leave until 1 December) back in 8 days and Tom's
/// birthday in 2: a paused person's moments still show.
fn team_with_moments() -> Journal {
    let journal = with_ana();
    journal.ok(&["person", "add", "Tom Baker", "--cadence", "7"]);
    journal.ok(&["person", "pause", "tom", "--until", "2026-12-01"]);
    journal.ok(&["moment", "add", "tom", "2026-12-01", "back from leave"]);
    journal.ok(&["moment", "add", "tom", "1988-11-25", "birthday", "--yearly"]);
    journal
}

#[test]
fn today_lists_the_moments_of_the_week_ahead_with_what_to_acknowledge_them_for() {
    let journal = team_with_moments();
    let today = journal.ok(&["today"]);
    assert!(
        today.contains(
            "\nMoments to acknowledge\n  Tom Baker — birthday, in 2d (on leave)\n  \
             Ana Lima — 3 years here, in 3d\n    acknowledge for: calm in incidents\n\n"
        ),
        "{today}"
    );
    assert!(
        !today.contains("back from leave"),
        "8 days ahead is past the week Today looks at: {today}"
    );
    let agenda = json(&journal.ok(&["today", "--json"]));
    let moments = agenda["moments"].as_array().expect("moments");
    assert_eq!(moments.len(), 2, "{agenda}");
    assert_eq!(moments[0]["person"]["name"], "Tom Baker");
    assert_eq!(moments[0]["paused"], true);
    assert_eq!(moments[0]["what"]["label"], "birthday");
    assert_eq!(moments[1]["on"], "2026-11-26");
    assert_eq!(moments[1]["in_days"], 3);
    assert_eq!(moments[1]["acknowledge_for"], "calm in incidents");
    // Archived, nobody's moments show.
    journal.ok(&["person", "archive", "tom"]);
    let agenda = json(&journal.ok(&["today", "--json"]));
    assert_eq!(
        agenda["moments"].as_array().map(Vec::len),
        Some(1),
        "{agenda}"
    );
}

/// Today at the smallest size a leader uses and a large one, with a moment three days
/// ahead and what its person likes to be acknowledged for.
#[test]
fn today_shows_a_moment_three_days_ahead_at_two_sizes() {
    let journal = team_with_moments();
    let store = common::fixed_store(&journal);
    let app = rapport::tui::app::App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        crate::tui::LABEL.into(),
    )
    .expect("the app starts");
    let large = crate::tui::screen(&app, 200, 50);
    assert!(
        large.contains("★ Ana Lima — 3 years here, in 3d")
            && large.contains("acknowledge for: calm in incidents"),
        "{large}"
    );
    insta::assert_snapshot!("today_moments_200x50", large);
    insta::assert_snapshot!("today_moments_80x24", crate::tui::screen(&app, 80, 24));
}

#[test]
fn prep_shows_the_next_moment_when_it_falls_before_the_one_on_one_after_this_one() {
    let journal = team_with_moments();
    let sheet = journal.ok(&["prep", "ana"]);
    assert!(
        sheet.contains(
            "\nTo acknowledge\n  ★ Ana Lima — 3 years here, in 3d\n    acknowledge for: calm in incidents\n"
        ),
        "{sheet}"
    );
    let prep = json(&journal.ok(&["prep", "tom", "--json"]));
    assert_eq!(prep["next_moment"]["what"]["label"], "birthday", "{prep}");
    assert_eq!(prep["next_moment"]["in_days"], 2);
    // Within the cadence: 15 days ahead is near for someone met every 21 days, not for
    // someone met every week (Today's week is the least prep looks ahead).
    journal.ok(&["person", "add", "Kim Ode", "--cadence", "21"]);
    journal.ok(&["person", "add", "Lee Park", "--cadence", "7"]);
    journal.ok(&["moment", "add", "kim", "2026-12-08", "back from leave"]);
    journal.ok(&["moment", "add", "lee", "2026-12-08", "back from leave"]);
    let kim = journal.ok(&["prep", "kim"]);
    assert!(
        kim.contains("  ★ Kim Ode — back from leave, in 15d\n"),
        "{kim}"
    );
    let lee = json(&journal.ok(&["prep", "lee", "--json"]));
    assert_eq!(lee["next_moment"], Value::Null, "{lee}");

    // The prep sheet in the interface, opened from Today on Ana (due today).
    let store = common::fixed_store(&journal);
    let mut app = rapport::tui::app::App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        crate::tui::LABEL.into(),
    )
    .expect("the app starts");
    crate::tui::press(&mut app, ratatui::crossterm::event::KeyCode::Char('p'));
    let screen = crate::tui::screen(&app, 120, 36);
    assert!(
        screen.contains("To acknowledge")
            && screen.contains("★ Ana Lima — 3 years here, in 3d")
            && screen.contains("acknowledge for: calm in incidents"),
        "{screen}"
    );
}

/// Each event of the calendar `args` print, by UID: its properties by name, read by an
/// iCalendar parser.
fn calendar_events(
    journal: &Journal,
    args: &[&str],
) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> {
    crate::cli_calendar::events(&journal.ok(args))
}

#[test]
fn the_calendar_carries_anniversaries_once_and_noted_moments_yearly_without_their_words() {
    let journal = team_with_moments();
    journal.ok(&[
        "moment",
        "add",
        "ana",
        "2000-02-29",
        "leap birthday",
        "--yearly",
    ]);
    let ana_uuid = json(&journal.ok(&["person", "show", "ana", "--json"]))["person"]["uuid"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_default();
    let listed = json(&journal.ok(&["moment", "list", "--json"]));
    let moment_uuid = |id: i64| {
        listed
            .as_array()
            .and_then(|all| {
                all.iter()
                    .find(|m| m["what"]["id"] == id)
                    .and_then(|m| m["what"]["uuid"].as_str().map(str::to_string))
            })
            .unwrap_or_else(|| panic!("moment #{id} is listed: {listed}"))
    };
    let events = calendar_events(&journal, &["calendar"]);
    let anniversary = &events[&format!("anniversary-{ana_uuid}@rapport")];
    assert_eq!(anniversary["DTSTART"], "20261126");
    assert_eq!(anniversary["SUMMARY"], "Ana Lima — 3 years here");
    assert!(
        !anniversary.contains_key("RRULE"),
        "the years change: one event"
    );
    let back = &events[&format!("moment-{}@rapport", moment_uuid(1))];
    assert_eq!(back["DTSTART"], "20261201");
    assert_eq!(
        back["SUMMARY"], "Moment for Tom (#1)",
        "no label by default"
    );
    assert!(!back.contains_key("RRULE"));
    let birthday = &events[&format!("moment-{}@rapport", moment_uuid(2))];
    assert_eq!(birthday["DTSTART"], "20261125");
    assert_eq!(birthday["RRULE"], "FREQ=YEARLY");
    let leap = &events[&format!("moment-{}@rapport", moment_uuid(3))];
    assert_eq!(leap["DTSTART"], "20270228");
    assert_eq!(leap["RRULE"], "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1");
    let plain = journal.ok(&["calendar"]);
    assert!(
        !plain.contains("back from leave") && !plain.contains("calm in incidents"),
        "{plain}"
    );

    let noted = calendar_events(&journal, &["calendar", "--with-notes"]);
    let back = &noted[&format!("moment-{}@rapport", moment_uuid(1))];
    assert_eq!(back["SUMMARY"], "Tom Baker — back from leave");
    let anniversary = &noted[&format!("anniversary-{ana_uuid}@rapport")];
    assert_eq!(
        anniversary["DESCRIPTION"],
        "A work anniversary: 3 years since Ana started.\\nacknowledge for: calm in incidents"
    );
    // Someone archived leaves the calendar, moments and all.
    journal.ok(&["person", "archive", "tom"]);
    let events = calendar_events(&journal, &["calendar"]);
    assert!(
        events.values().all(|e| !e["SUMMARY"].contains("Tom")),
        "{events:?}"
    );
    assert!(events.contains_key(&format!("moment-{}@rapport", moment_uuid(3))));
}

#[test]
fn today_on_a_small_terminal_says_how_many_moments_it_has_no_room_for() {
    let journal = Journal::new();
    for (name, day) in [
        ("Ana Lima", "2026-11-24"),
        ("Bo Berg", "2026-11-25"),
        ("Cy Dale", "2026-11-26"),
        ("Di Eames", "2026-11-27"),
        ("Ed Ford", "2026-11-28"),
        ("Flo Gray", "2026-11-29"),
    ] {
        journal.ok(&["person", "add", name]);
        journal.ok(&["person", "edit", name, "--acknowledge-for", "steady work"]);
        journal.ok(&["moment", "add", name, day, "back from leave"]);
    }
    let app = rapport::tui::app::App::new(
        common::fixed_store(&journal),
        rapport::tui::theme::Theme::new(true),
        crate::tui::LABEL.into(),
    )
    .expect("the app starts");
    let small = crate::tui::screen(&app, 80, 24);
    let shown = small.matches("★ ").count();
    let more = format!("and {} more: rapport moment list", 6 - shown);
    assert!(
        (1..6).contains(&shown) && small.contains(&more) && !small.contains("steady work"),
        "the moments first, without what to acknowledge them for, then how many more: {small}"
    );
    let large = crate::tui::screen(&app, 200, 50);
    assert_eq!(large.matches("★ ").count(), 6, "{large}");
    assert_eq!(
        large.matches("acknowledge for: steady work").count(),
        6,
        "{large}"
    );
}
