//! The leader's side of the relationship (issue 31): what meets a need for each person,
//! through the command line, the interface, search and the exports.

use crate::common;
use crate::tui;

use chrono::Duration;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use serde_json::Value;

use common::{Journal, execute, today};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("valid JSON ({e}): {text}"))
}

/// Runs `args` on the journal with the clock standing `days_ago` days before the pinned day.
fn ok_days_ago(journal: &Journal, days_ago: i64, args: &[&str]) -> String {
    let at = today() - Duration::days(days_ago);
    let mut command = journal.command(args);
    command.env("RAPPORT_NOW", format!("{at}T10:00:00"));
    let run = execute(&mut command, None);
    common::assert_ok(&run, args);
    run.stdout
}

#[test]
fn a_new_note_on_what_meets_a_need_replaces_the_old_one_which_stays_in_the_history() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima", "Tom Baker"]);
    let said = ok_days_ago(
        &journal,
        20,
        &["meets", "ana", "belonging", "a lunch with the team"],
    );
    assert_eq!(
        said,
        "Noted what meets Belonging for Ana Lima: \"a lunch with the team\".\n"
    );
    journal.ok(&["meets", "ana", "b", "pairing, and being asked first"]);
    journal.ok(&["meets", "tom", "autonomy", "his own roadmap"]);

    let list = journal.ok(&["meets", "list"]);
    assert_eq!(
        list,
        "Ana Lima\n  Belonging   pairing, and being asked first (noted today)\n\
         Tom Baker\n  Autonomy    his own roadmap (noted today)\n"
    );
    let only_ana = json(&journal.ok(&["meets", "list", "--person", "ana", "--json"]));
    let only_ana = only_ana.as_array().expect("a list");
    assert_eq!(only_ana.len(), 1, "{only_ana:?}");
    assert_eq!(only_ana[0]["need"], "belonging");
    assert_eq!(only_ana[0]["text"], "pairing, and being asked first");
    assert_eq!(only_ana[0]["noted_on"], today().to_string());
    assert_eq!(only_ana[0]["uuid"].as_str().map(str::len), Some(36));

    let history = journal.ok(&["meets", "history", "ana"]);
    let earlier = today() - Duration::days(20);
    assert_eq!(
        history,
        format!(
            "Belonging\n  now  {}  pairing, and being asked first (noted today)\n  was  {}  a lunch with the team (noted 20d ago)\n",
            today().format("%a %d %b %Y"),
            earlier.format("%a %d %b %Y")
        )
    );
    let history = json(&journal.ok(&["meets", "history", "ana", "belonging", "--json"]));
    let texts: Vec<&str> = history
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|n| n["text"].as_str())
        .collect();
    assert_eq!(
        texts,
        ["pairing, and being asked first", "a lunch with the team"]
    );
    assert_eq!(
        journal.ok(&["meets", "history", "tom", "fun"]),
        "Nothing noted yet on what meets Tom Baker's needs.\n"
    );

    // Both versions are found by search, under the person's name; another's are not.
    let found = json(&journal.ok(&["search", "lunch", "--person", "ana", "--json"]));
    let hits = found.as_array().expect("hits");
    assert_eq!(hits.len(), 1, "{found}");
    assert_eq!(hits[0]["kind"], "meets_need");
    assert_eq!(hits[0]["person"]["name"], "Ana Lima");
    assert_eq!(
        journal.ok(&["search", "roadmap", "--person", "ana"]),
        "Nothing matches roadmap.\n"
    );
}

#[test]
fn a_note_on_what_meets_a_need_refuses_an_empty_text_and_an_unknown_need() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    let said = journal.fails(&["meets", "ana", "fun", "   "], 2);
    assert_eq!(
        said,
        "rapport: the note on what meets a need cannot be empty\n"
    );
    let run = journal.run(&["meets", "ana", "happiness", "cake"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("happiness"), "{}", run.stderr);
    let said = journal.fails(&["meets", "nobody", "fun", "cake"], 1);
    assert!(said.contains("nobody"), "{said}");
    assert_eq!(journal.count("meets_need"), 0);
}

#[test]
fn prep_and_the_markdown_export_show_what_meets_their_needs() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    ok_days_ago(
        &journal,
        9,
        &["meets", "ana", "security", "a plan in writing"],
    );
    journal.ok(&["meets", "ana", "security", "the plan, and a date"]);
    journal.ok(&["meets", "ana", "fun", "a puzzle at standup"]);

    let prep = journal.ok(&["prep", "ana"]);
    let section: Vec<&str> = prep
        .lines()
        .skip_while(|l| *l != "What meets their needs")
        .take(3)
        .collect();
    assert_eq!(
        section,
        [
            "What meets their needs",
            "  Fun         a puzzle at standup (noted today)",
            "  Security    the plan, and a date (noted today)",
        ],
        "{prep}"
    );
    let prep = json(&journal.ok(&["prep", "ana", "--json"]));
    let texts: Vec<&str> = prep["meets"]
        .as_array()
        .expect("meets")
        .iter()
        .filter_map(|n| n["text"].as_str())
        .collect();
    assert_eq!(texts, ["a puzzle at standup", "the plan, and a date"]);

    let markdown = journal.ok(&["export", "--format", "markdown"]);
    let earlier = today() - Duration::days(9);
    let expected = format!(
        "### What meets their needs\n\n- **Fun**\n  - {today}: a puzzle at standup\n- **Security**\n  - {today}: the plan, and a date\n  - {earlier}: a plan in writing (since replaced)\n",
        today = today()
    );
    assert!(markdown.contains(&expected), "{markdown}");
}

#[test]
fn people_gaps_and_prep_in_the_interface_show_what_meets_a_need() {
    let dir = tempfile::TempDir::new().expect("a temp dir");
    let mut store = tui::open_store(&dir);
    let ana = common::person(&mut store, "Ana Lima");
    let noted: rapport::domain::MeetsNeed = store
        .note_what_meets(
            ana,
            rapport::domain::Need::Competence,
            "a hard bug to own",
            None,
        )
        .expect("noted");
    assert_eq!(
        (noted.person_id, noted.text.as_str(), noted.noted_on),
        (ana, "a hard bug to own", tui::fixed_now().date())
    );
    let mut app = rapport::tui::app::App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        tui::LABEL.into(),
    )
    .expect("the app starts");

    tui::press(&mut app, KeyCode::Char('2'));
    let people = tui::screen(&app, 120, 36);
    assert!(people.contains("What meets their needs"), "{people}");
    assert!(
        people.contains("Competence  a hard bug to own (noted today)"),
        "{people}"
    );

    tui::press(&mut app, KeyCode::Char('p'));
    let prep = tui::screen(&app, 120, 36);
    assert!(prep.contains("What meets their needs"), "{prep}");
    assert!(
        prep.contains("Competence  a hard bug to own (noted today)"),
        "{prep}"
    );
    tui::press(&mut app, KeyCode::Esc);

    tui::press(&mut app, KeyCode::Char('5'));
    let gaps = tui::screen(&app, 120, 36);
    assert!(
        gaps.contains("What meets it: a hard bug to own (noted today)"),
        "{gaps}"
    );
}

#[test]
fn trust_handed_over_is_listed_checked_and_counted_the_same_in_week_and_its_json() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima", "Tom Baker"]);
    // Handed over before this week (the pinned day is a Monday): not counted as this week's.
    ok_days_ago(&journal, 10, &["delegate", "tom", "the on-call rota"]);
    let said = journal.ok(&["delegate", "ana", "runs the release notes"]);
    assert_eq!(
        said,
        "Handed over to Ana Lima (#2): \"runs the release notes\". Check later: rapport delegate check 2 stuck|came-back.\n"
    );
    journal.ok(&["delegate", "ana", "the hiring loop"]);
    journal.ok(&["delegate", "check", "#1", "came-back"]);
    let checked = json(&journal.ok(&["delegate", "check", "2", "stuck", "--json"]));
    assert_eq!(checked["outcome"], "stuck");
    assert_eq!(checked["checked_on"], today().to_string());
    assert_eq!(
        journal.fails(&["delegate", "check", "9", "stuck"], 1),
        "rapport: there is no delegation #9\n"
    );
    assert_eq!(
        journal.ok(&["delegate", "list", "--person", "ana"]),
        "  #3     the hiring loop  (Ana Lima, handed over today)\n  #2     runs the release notes  (Ana Lima, stuck (checked today))\n"
    );
    assert_eq!(
        journal.ok(&["delegate", "list", "--open"]),
        "  #3     the hiring loop  (Ana Lima, handed over today)\n"
    );

    // Three promises the leader carries, one the team does: the leader's share is 75%.
    for text in ["send the link", "book the room", "ask HR"] {
        journal.ok(&["followup", "add", "ana", text]);
    }
    journal.ok(&[
        "followup",
        "add",
        "tom",
        "draft the plan",
        "--owner",
        "them",
    ]);
    let week = journal.ok(&["week"]);
    let line = "Delegated   2 · stuck 1 · back 1 · mine 3/4 open (75%)";
    assert!(week.lines().any(|l| l == line), "{week}");
    let figures = json(&journal.ok(&["week", "--json"]));
    let handover = &figures["handover"];
    assert_eq!(
        (
            &handover["handed_over"],
            &handover["stuck"],
            &handover["came_back"],
            &handover["open_mine"],
            &handover["open_theirs"],
            &handover["mine_percent"],
        ),
        (
            &Value::from(2),
            &Value::from(1),
            &Value::from(1),
            &Value::from(3),
            &Value::from(1),
            &Value::from(75)
        )
    );

    let found = json(&journal.ok(&["search", "rota", "--json"]));
    assert_eq!(found[0]["kind"], "delegation", "{found}");
    assert_eq!(found[0]["person"]["name"], "Tom Baker", "{found}");
    let markdown = journal.ok(&["export", "--format", "markdown"]);
    assert!(
        markdown.contains(&format!(
            "### Handed over\n\n- {today}: runs the release notes, stuck on {today}\n- {today}: the hiring loop\n",
            today = today()
        )) || markdown.contains(&format!(
            "### Handed over\n\n- {today}: the hiring loop\n- {today}: runs the release notes, stuck on {today}\n",
            today = today()
        )),
        "{markdown}"
    );
}

#[test]
fn people_in_the_interface_lists_what_was_handed_over_and_how_it_turned_out() {
    let dir = tempfile::TempDir::new().expect("a temp dir");
    let mut store = tui::open_store(&dir);
    let ana = common::person(&mut store, "Ana Lima");
    let rota: rapport::domain::Delegation =
        store.delegate(ana, "the on-call rota").expect("handed");
    store.delegate(ana, "the hiring loop").expect("handed");
    store
        .check_delegation(rota.id, rapport::domain::Outcome::CameBack)
        .expect("checked");
    let mut app = rapport::tui::app::App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        tui::LABEL.into(),
    )
    .expect("the app starts");
    tui::press(&mut app, KeyCode::Char('2'));
    let people = tui::screen(&app, 120, 36);
    let section: Vec<&str> = people
        .lines()
        .skip_while(|l| !l.contains("Handed over"))
        .take(3)
        .collect();
    assert_eq!(section.len(), 3, "{people}");
    assert!(
        section[1].contains("the hiring loop · handed over today"),
        "{people}"
    );
    assert!(
        section[2].contains("the on-call rota · came back to me (checked today)"),
        "{people}"
    );
}

#[test]
fn trends_and_the_review_set_what_was_handed_over_against_what_came_back() {
    let journal = Journal::new();
    ok_days_ago(&journal, 60, &["person", "add", "Ana Lima"]);
    ok_days_ago(&journal, 40, &["delegate", "ana", "the release notes"]);
    ok_days_ago(&journal, 20, &["delegate", "ana", "the <b>hiring</b> loop"]);
    journal.ok(&["delegate", "ana", "the on-call rota"]);
    journal.ok(&["delegate", "check", "1", "stuck"]);
    journal.ok(&["delegate", "check", "2", "came-back"]);

    let trends = journal.ok(&["trends", "ana"]);
    assert!(
        trends
            .lines()
            .any(|l| l == "Delegated 3 · stuck 1 · back 1 · not checked 1"),
        "{trends}"
    );
    let figures = json(&journal.ok(&["trends", "ana", "--json"]));
    assert_eq!(
        figures["handed"],
        serde_json::json!({"handed_over": 3, "stuck": 1, "came_back": 1, "not_checked": 1})
    );
    // The trends view (T on People) shows the same figure in the same words.
    let store =
        rapport::store::Store::open_with_clock(&journal.path, common::clock_at(common::now()))
            .expect("the journal opens");
    let mut app = rapport::tui::app::App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        "journal.db".into(),
    )
    .expect("the app starts");
    tui::press(&mut app, KeyCode::Char('2'));
    tui::press(&mut app, KeyCode::Char('T'));
    for (width, height) in [(80, 24), (200, 50)] {
        let shown = tui::screen(&app, width, height);
        assert!(
            shown.contains("Delegated  3 · stuck 1 · back 1 · not checked 1"),
            "{width}x{height}:\n{shown}"
        );
    }

    let markdown = journal.ok(&["review", "ana"]);
    let day = |ago: i64| today() - Duration::days(ago);
    let expected = format!(
        "## Trust handed over\n\n- {}: the release notes — stuck (checked {today})\n- {}: the &lt;b&gt;hiring&lt;/b&gt; loop — came back to me (checked {today})\n- {today}: the on-call rota — not checked yet\n",
        day(40),
        day(20),
        today = today()
    );
    // Markdown keeps what a viewer would run from running: the tags arrive as text.
    let section: String = markdown
        .split_inclusive('\n')
        .skip_while(|l| !l.starts_with("## Trust handed over"))
        .take(5)
        .collect();
    assert_eq!(section, expected, "{markdown}");

    let path = journal.dir().join("ana.html");
    journal.ok(&[
        "review",
        "ana",
        "--format",
        "html",
        "-o",
        path.to_str().expect("a UTF-8 path"),
    ]);
    let page = std::fs::read_to_string(&path).expect("the review");
    assert!(page.contains("<h2>Trust handed over</h2>"), "{page}");
    assert!(
        page.contains("the &lt;b&gt;hiring&lt;/b&gt; loop — came back to me"),
        "{page}"
    );
}

/// The week's delegation figures and direction are one fact each: the Week screen shows the
/// very words `rapport week` prints for the same journal.
#[test]
fn the_week_screen_and_rapport_week_show_the_same_delegation_figures_and_direction() {
    let dir = tempfile::TempDir::new().expect("a temp dir");
    let path = dir.path().join("journal.db");
    let mut store = tui::open_store(&dir);
    let ana = common::person(&mut store, "Ana Lima");
    let rota = store.delegate(ana, "the on-call rota").expect("handed");
    store.delegate(ana, "the hiring loop").expect("handed");
    store
        .check_delegation(rota.id, rapport::domain::Outcome::CameBack)
        .expect("checked");
    store
        .add_direction("Ship every week, safely")
        .expect("stated");
    for (owner, text) in [
        (rapport::domain::Owner::Me, "send the link"),
        (rapport::domain::Owner::Me, "book the room"),
        (rapport::domain::Owner::Them, "draft the plan"),
    ] {
        store
            .add_follow_up(
                ana,
                &rapport::domain::NewFollowUp {
                    owner,
                    text: text.into(),
                    due_on: None,
                },
            )
            .expect("added");
    }
    let mut app = rapport::tui::app::App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        tui::LABEL.into(),
    )
    .expect("the app starts");
    tui::press(&mut app, KeyCode::Char('6'));
    let week = tui::screen(&app, 120, 36);
    let shown = week
        .lines()
        .find(|l| l.contains(" Delegated "))
        .unwrap_or_else(|| panic!("a Delegated row:\n{week}"))
        .trim_matches('"')
        .trim()
        .to_string();
    drop(app);

    let mut command = common::Journal::new().bare_command();
    command.arg("--db").arg(&path).arg("week");
    let run = execute(&mut command, None);
    common::assert_ok(&run, &["week"]);
    let printed = run
        .stdout
        .lines()
        .find(|l| l.starts_with("Delegated"))
        .unwrap_or_else(|| panic!("a Delegated line:\n{}", run.stdout));
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(words(&shown), words(printed));
    // The direction too, in the same words, on the row under the week's name.
    let direction = "Where we are going: Ship every week, safely";
    assert_eq!(
        week.lines().nth(2).map(|l| words(l.trim_matches('"'))),
        Some(direction.to_string()),
        "{week}"
    );
    assert!(run.stdout.lines().any(|l| l == direction), "{}", run.stdout);
    assert_eq!(
        words(printed),
        "Delegated 2 · stuck 0 · back 1 · mine 2/3 open (67%)"
    );
}

#[test]
fn the_direction_is_stated_reworded_retired_and_served_by_aspirations() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    ok_days_ago(
        &journal,
        30,
        &["direction", "add", "Ship every week, safely"],
    );
    let said = journal.ok(&["direction", "add", "Every engineer on call once a quarter"]);
    assert_eq!(
        said,
        "Stated: #2    Every engineer on call once a quarter  (since 23 Nov 2026)\n"
    );
    journal.ok(&[
        "aspiration",
        "add",
        "ana",
        "Become a staff engineer",
        "--serves",
        "1",
    ]);
    journal.ok(&["aspiration", "add", "ana", "Lead the migration"]);
    assert_eq!(
        journal.ok(&["aspiration", "update", "2", "--serves", "#2"]),
        "Aspiration #2 (Lead the migration) now serves direction #2.\n"
    );
    assert_eq!(
        journal.fails(&["aspiration", "update", "2", "--serves", "7"], 1),
        "rapport: there is no statement of the direction #7\n"
    );
    assert_eq!(
        journal.fails(&["direction", "add", "  "], 2),
        "rapport: the statement of the direction cannot be empty\n"
    );
    assert_eq!(
        journal.ok(&["direction", "list"]),
        "  #1    Ship every week, safely  (since 24 Oct 2026)\n        served by Ana Lima's \"Become a staff engineer\"\n  #2    Every engineer on call once a quarter  (since 23 Nov 2026)\n        served by Ana Lima's \"Lead the migration\"\n"
    );

    // Prep shows how their goals fit where the team is going.
    let prep = journal.ok(&["prep", "ana"]);
    let section: Vec<&str> = prep
        .lines()
        .skip_while(|l| *l != "Where we are going")
        .take(5)
        .collect();
    assert_eq!(
        section,
        [
            "Where we are going",
            "  #1    Ship every week, safely  (since 24 Oct 2026)",
            "         ← their \"Become a staff engineer\" serves it",
            "  #2    Every engineer on call once a quarter  (since 23 Nov 2026)",
            "         ← their \"Lead the migration\" serves it",
        ],
        "{prep}"
    );
    let week = journal.ok(&["week"]);
    assert!(
        week.lines().any(|l| l
            == "Where we are going: Ship every week, safely · Every engineer on call once a quarter"),
        "{week}"
    );

    journal.ok(&["direction", "edit", "2", "Everyone on call once a quarter"]);
    journal.ok(&["direction", "retire", "1"]);
    let listed = json(&journal.ok(&["direction", "list", "--json"]));
    let texts: Vec<&str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|d| d["text"].as_str())
        .collect();
    assert_eq!(
        texts,
        ["Everyone on call once a quarter"],
        "retired left out"
    );
    let all = json(&journal.ok(&["direction", "list", "--all", "--json"]));
    assert_eq!(all[1]["retired_on"], today().to_string(), "{all}");
    let week = journal.ok(&["week"]);
    assert!(
        week.lines()
            .any(|l| l == "Where we are going: Everyone on call once a quarter"),
        "a statement retired today no longer holds this week: {week}"
    );
    let prep = journal.ok(&["prep", "ana"]);
    assert!(!prep.contains("Ship every week"), "{prep}");
    assert_eq!(
        json(&journal.ok(&["aspiration", "show", "1", "--json"]))["serves"],
        1,
        "the link stays with the retired statement"
    );

    let found = json(&journal.ok(&["search", "quarter", "--json"]));
    assert_eq!(found[0]["kind"], "direction", "{found}");
    assert_eq!(
        journal.ok(&["aspiration", "update", "1", "--serves", "none"]),
        "Aspiration #1 (Become a staff engineer) serves no statement of the direction now.\n"
    );
}

/// Prep with what meets a need and the team's direction, at the smallest size a leader
/// uses and a large one.
#[test]
fn prep_with_a_need_note_and_the_direction_at_two_sizes() {
    let dir = tempfile::TempDir::new().expect("a temp dir");
    let mut store = tui::open_store(&dir);
    let ana = common::person(&mut store, "Ana Lima");
    store
        .note_what_meets(
            ana,
            rapport::domain::Need::Belonging,
            "pairing on Fridays",
            None,
        )
        .expect("noted");
    store
        .note_what_meets(
            ana,
            rapport::domain::Need::Security,
            "a plan in writing",
            None,
        )
        .expect("noted");
    let ship: rapport::domain::Direction = store
        .add_direction("Ship every week, safely")
        .expect("stated");
    assert_eq!(
        (ship.text.as_str(), ship.stated_on, ship.retired_on),
        ("Ship every week, safely", tui::fixed_now().date(), None)
    );
    store
        .add_direction("Every engineer on call once a quarter")
        .expect("stated");
    let staff = store
        .add_aspiration(
            ana,
            &rapport::store::NewAspiration {
                title: "Become a staff engineer".into(),
                detail: String::new(),
                horizon: "next year".into(),
                status: rapport::domain::AspirationStatus::Active,
            },
        )
        .expect("written down");
    store
        .aspiration_serves(staff.id, Some(ship.id))
        .expect("linked");
    let mut app = rapport::tui::app::App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        tui::LABEL.into(),
    )
    .expect("the app starts");
    tui::press(&mut app, KeyCode::Char('2'));
    tui::press(&mut app, KeyCode::Char('p'));
    insta::assert_snapshot!("prep_leaders_side_200x50", tui::screen(&app, 200, 50));
    insta::assert_snapshot!("prep_leaders_side_80x24", tui::screen(&app, 80, 24));
    // Further down at 80×24: the direction and how their aspiration serves it.
    for _ in 0..12 {
        tui::press(&mut app, KeyCode::Char('j'));
    }
    insta::assert_snapshot!(
        "prep_leaders_side_80x24_scrolled",
        tui::screen(&app, 80, 24)
    );
}

#[test]
fn each_new_record_written_in_error_can_be_deleted() {
    let journal = Journal::new();
    journal.add_people(&["Ana Lima"]);
    ok_days_ago(&journal, 5, &["meets", "ana", "fun", "a puzzle at standup"]);
    journal.ok(&["meets", "ana", "fun", "a typo"]);
    journal.ok(&["delegate", "ana", "the release notes"]);
    journal.ok(&["direction", "add", "Ship every week, safely"]);
    journal.ok(&[
        "aspiration",
        "add",
        "ana",
        "Become a staff engineer",
        "--serves",
        "1",
    ]);

    assert_eq!(
        journal.ok(&["meets", "delete", "2", "--yes"]),
        "Deleted the note #2 on what meets Ana Lima's Fun \"a typo\".\n"
    );
    assert_eq!(
        journal.ok(&["meets", "list"]),
        "Ana Lima\n  Fun         a puzzle at standup (noted 5d ago)\n",
        "the note before is in force again"
    );
    assert_eq!(
        journal.ok(&["delegate", "delete", "1", "--yes"]),
        "Deleted what you handed over to Ana Lima, #1 \"the release notes\".\n"
    );
    assert_eq!(journal.count("delegation"), 0);
    assert_eq!(
        journal.ok(&["direction", "delete", "#1", "--yes"]),
        "Deleted the statement of the direction #1 \"Ship every week, safely\".\n"
    );
    assert_eq!(journal.count("direction"), 0);
    assert_eq!(
        journal.rows("SELECT coalesce(serves, 'none') FROM aspiration"),
        ["none"],
        "the aspiration stays, serving no statement"
    );
    assert_eq!(
        journal.fails(&["direction", "delete", "1", "--yes"], 1),
        "rapport: there is no statement of the direction #1 any more: it was deleted\n"
    );
    // Nothing deleted is found by search any more.
    assert_eq!(journal.ok(&["search", "typo"]), "Nothing matches typo.\n");
}

/// The Log form's "remember this", typed in the real binary: on a ticked need the hint line
/// names Ctrl-T, which opens an empty line under the need; what is typed there is saved with
/// the conversation as the note in force for that need (the record `rapport meets` keeps),
/// linked to the conversation and dated on its day.
#[test]
fn the_log_form_remembers_what_meets_a_ticked_need_with_the_conversation() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    ok_days_ago(
        &journal,
        10,
        &["meets", "priya", "belonging", "Lunch with the team"],
    );
    let mut app = crate::pty::Session::start(&journal.path, journal.dir(), &[]);
    app.wait_for("due today");
    app.enter();
    app.wait_for("Log a conversation");
    app.type_text("yesterday");
    app.focus_field("Needs");
    app.wait_for("Ctrl-Q ask");
    // Belonging met: its "how" line appears and the hint line offers to remember.
    app.type_text("2");
    app.wait_for("Ctrl-T remember");
    app.ctrl('t');
    app.wait_for("remember what meets it: for Priya Raman, on People");
    app.type_text("Pairing on the hard bugs");
    app.focus_field("Summary");
    app.type_text("Weekly");
    app.ctrl('s');
    app.wait_for("Logged a conversation with Priya Raman");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);
    let yesterday = today() - Duration::days(1);
    assert_eq!(
        journal.rows(
            "SELECT m.need || '|' || m.text || '|' || m.noted_on || '|' || (m.conversation_id = c.id) || '|' || c.summary
               FROM meets_need m JOIN conversation c ON c.person_id = m.person_id
              WHERE m.conversation_id IS NOT NULL"
        ),
        [format!(
            "belonging|Pairing on the hard bugs|{yesterday}|1|Weekly"
        )]
    );
    // The same record as `rapport meets`: the new note is in force, the old one history.
    let meets = json(&journal.ok(&["meets", "list", "--person", "priya", "--json"]));
    assert_eq!(meets[0]["need"], "belonging", "{meets}");
    assert_eq!(meets[0]["text"], "Pairing on the hard bugs", "{meets}");
    let history = journal.ok(&["meets", "history", "priya"]);
    assert!(history.contains("Lunch with the team"), "{history}");
}

/// Esc drops the "remember" line, and a need untaken takes its line with it: only what is
/// still on the screen when saving is remembered.
#[test]
fn a_dropped_remember_line_saves_nothing() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let mut app = crate::pty::Session::start(&journal.path, journal.dir(), &[]);
    app.wait_for("due today");
    app.enter();
    app.wait_for("Log a conversation");
    app.focus_field("Needs");
    // Competence and fun met; fun's line is typed and then untaken with its need.
    app.type_text("14");
    app.ctrl('t');
    app.wait_for("remember what meets it");
    app.type_text("Dropped by Esc");
    app.send(b"\x1b");
    app.wait_for_gone("remember what meets it");
    // How (competence) → how (fun), whose line Ctrl-T opens.
    app.tab();
    app.ctrl('t');
    app.wait_for("remember what meets it");
    app.type_text("Untaken with its need");
    // Alt-4 twice: fun becomes a concern, then nothing.
    app.send(b"\x1b4");
    app.send(b"\x1b4");
    app.wait_for_gone("Untaken with its need");
    app.ctrl('s');
    app.wait_for("Logged a conversation with Priya Raman");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(journal.count("meets_need"), 0);
    assert_eq!(
        journal.rows("SELECT need FROM conversation_need"),
        ["competence"]
    );
}

/// Ctrl-T where no need is ticked says what to do and opens nothing.
#[test]
fn remember_without_a_ticked_need_says_to_tick_one() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let mut app = crate::pty::Session::start(&journal.path, journal.dir(), &[]);
    app.wait_for("due today");
    app.enter();
    app.wait_for("Log a conversation");
    app.ctrl('t');
    app.wait_for("Tick a need first");
    assert!(
        !app.screen().contains("↳ remember what meets it:"),
        "{}",
        app.screen()
    );
}

/// The Log form's "Delegated" field, typed in the real binary: what was handed over is
/// saved with the conversation, to this person, on its day, linked to it, open for a check.
#[test]
fn the_log_form_records_what_was_handed_over_with_its_conversation() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let mut app = crate::pty::Session::start(&journal.path, journal.dir(), &[]);
    app.wait_for("due today");
    app.enter();
    app.wait_for("Log a conversation");
    app.focus_field("Summary");
    app.type_text("Weekly");
    app.focus_field("Delegated");
    app.wait_for("what you handed over to them");
    app.type_text("Runs the release notes");
    app.ctrl('s');
    app.wait_for("Logged a conversation with Priya Raman");
    app.type_text("q");
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(
        journal.rows(
            "SELECT d.text || '|' || d.handed_on || '|' || coalesce(d.outcome, 'open') || '|' || (d.conversation_id = c.id) || '|' || c.summary
               FROM delegation d JOIN conversation c ON c.person_id = d.person_id"
        ),
        [format!("Runs the release notes|{}|open|1|Weekly", today())]
    );
}

/// `rapport log … --handed-over`: the delegation is saved with the conversation, on its
/// day, and counted as handed over; a blank one is refused before the journal is touched.
#[test]
fn rapport_log_handed_over_notes_a_delegation_with_the_conversation() {
    let journal = Journal::new();
    journal.add_people(&["Priya Raman"]);
    let said = journal.ok(&[
        "log",
        "priya",
        "--when",
        "yesterday",
        "--summary",
        "Weekly",
        "--handed-over",
        "the on-call rota",
    ]);
    assert!(said.ends_with(" · handed over noted.\n"), "{said}");
    let yesterday = today() - Duration::days(1);
    assert_eq!(
        journal.rows(
            "SELECT d.text || '|' || d.handed_on || '|' || (d.conversation_id = c.id)
               FROM delegation d JOIN conversation c ON c.person_id = d.person_id"
        ),
        [format!("the on-call rota|{yesterday}|1")]
    );
    let listed = journal.ok(&["delegate", "list", "--open"]);
    assert!(
        listed.contains("the on-call rota  (Priya Raman"),
        "{listed}"
    );
    let refused = journal.fails(&["log", "priya", "--handed-over", "  "], 2);
    assert_eq!(refused, "rapport: the delegation cannot be empty\n");
    assert_eq!(journal.count("conversation"), 1, "nothing was written");
}

/// People's rows for what meets a need and what was handed over are selectable like the
/// other detail rows: e notes a need anew (the note before stays in the history), Enter on a
/// handover checks it, D deletes a row written in error (asking first).
#[test]
fn people_edits_checks_and_deletes_what_meets_a_need_and_what_was_handed_over() {
    let dir = tempfile::TempDir::new().expect("a temp dir");
    let mut store = tui::open_store(&dir);
    let ana = common::person(&mut store, "Ana Lima");
    store
        .note_what_meets(
            ana,
            rapport::domain::Need::Belonging,
            "Lunch with the team",
            None,
        )
        .expect("noted");
    store.delegate(ana, "the on-call rota").expect("handed");
    store.delegate(ana, "the hiring loop").expect("handed");
    let mut app = rapport::tui::app::App::new(
        store,
        rapport::tui::theme::Theme::new(true),
        tui::LABEL.into(),
    )
    .expect("the app starts");
    tui::press(&mut app, KeyCode::Char('2'));
    tui::press(&mut app, KeyCode::Right);
    // The first detail row is the note on Belonging: e opens it, filled in, to note anew.
    tui::press(&mut app, KeyCode::Char('e'));
    let form = tui::screen(&app, 120, 36);
    assert!(
        form.contains("What meets Belonging for Ana Lima") && form.contains("Lunch with the team"),
        "{form}"
    );
    for _ in 0.."Lunch with the team".len() {
        tui::press(&mut app, KeyCode::Backspace);
    }
    tui::type_text(&mut app, "Pairing on the hard bugs");
    tui::press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let journal = dir.path().join("journal.db");
    assert_eq!(
        common::rows(&journal, "SELECT text FROM meets_need ORDER BY id"),
        ["Lunch with the team", "Pairing on the hard bugs"]
    );
    // Next row: the first handover; Enter checks it, → chooses "came back".
    tui::press(&mut app, KeyCode::Char('j'));
    tui::press(&mut app, KeyCode::Enter);
    let form = tui::screen(&app, 120, 36);
    assert!(
        form.contains("Handed over to Ana Lima: “the on-call rota”"),
        "{form}"
    );
    tui::press(&mut app, KeyCode::Right);
    tui::press_mod(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let people = tui::screen(&app, 120, 36);
    assert!(
        people.contains("the on-call rota · came back to me (checked today)"),
        "{people}"
    );
    // D on the other handover, written in error: asked, then gone.
    let rows = || {
        common::rows(
            &journal,
            "SELECT text || ':' || coalesce(outcome, 'open') FROM delegation ORDER BY id",
        )
    };
    assert_eq!(
        rows(),
        ["the on-call rota:came-back", "the hiring loop:open"]
    );
    let at = tui::screen(&app, 120, 36);
    // Not checked yet first: the hiring loop is now the first handover row, after the note.
    tui::press(&mut app, KeyCode::Char('g'));
    tui::press(&mut app, KeyCode::Char('j'));
    tui::press(&mut app, KeyCode::Char('D'));
    let asked = tui::screen(&app, 120, 36);
    assert!(
        asked
            .lines()
            .any(|l| l.contains("Delete") && l.contains("the hiring loop")),
        "{at}\n{asked}"
    );
    tui::press(&mut app, KeyCode::Char('y'));
    assert_eq!(rows(), ["the on-call rota:came-back"]);
}
