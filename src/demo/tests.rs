//! The demo's own tests: the same seed and `now` give the same journal, its size and
//! shape are believable, and everything it writes can be read back and searched.

use std::fmt::Write as _;

use chrono::NaiveDateTime;
use rusqlite::types::Value;
use tempfile::TempDir;

use super::*;
use crate::domain::{Balance, NewPerson};
use crate::store::{HitKind, ReflectionText};

/// Monday 23 November 2026, 14:37.
fn now() -> NaiveDateTime {
    NaiveDateTime::parse_from_str("2026-11-23 14:37", "%Y-%m-%d %H:%M").unwrap()
}

fn journal() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store =
        Store::open_with_clock(&dir.path().join("journal.db"), crate::clock::test_clock()).unwrap();
    (dir, store)
}

fn demo() -> (TempDir, Store, DemoReport) {
    let (dir, mut store) = journal();
    let report = generate(&mut store, &DemoOptions::default(), now()).unwrap();
    (dir, store, report)
}

const TABLES: &[&str] = &[
    "person",
    "conversation",
    "conversation_need",
    "conversation_tag",
    "follow_up",
    "aspiration",
    "aspiration_update",
    "acknowledgement",
    "idea",
    "reflection",
    "feedback",
    "meets_need",
    "delegation",
    "direction",
];

/// Every row of every table, as text.
fn dump(store: &mut Store) -> String {
    let conn = store.connection();
    let mut out = String::new();
    for table in TABLES {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY id"))
            .unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            out.push_str(table);
            for i in 0..columns {
                let value: Value = row.get(i).unwrap();
                write!(out, "|{value:?}").unwrap();
            }
            out.push('\n');
        }
    }
    out
}

fn count(store: &mut Store, sql: &str) -> i64 {
    store
        .connection()
        .query_row(sql, [], |row| row.get(0))
        .unwrap()
}

#[test]
fn same_seed_and_now_give_the_same_journal() {
    let (_a, mut first, first_report) = demo();
    let (_b, mut second, second_report) = demo();
    assert_eq!(first_report, second_report);
    let dumped = dump(&mut first);
    assert!(dumped.len() > 10_000);
    assert_eq!(dumped, dump(&mut second));

    let (_c, mut other) = journal();
    let options = DemoOptions {
        seed: 2,
        ..DemoOptions::default()
    };
    generate(&mut other, &options, now()).unwrap();
    assert_ne!(dumped, dump(&mut other));
}

#[test]
fn refuses_a_journal_with_people_and_leaves_it_alone() {
    let (_dir, mut store, _) = demo();
    let before = dump(&mut store);
    let error = generate(&mut store, &DemoOptions::default(), now()).unwrap_err();
    assert!(matches!(error, Error::NotEmpty), "{error}");
    assert!(error.to_string().contains("--db"));
    assert_eq!(before, dump(&mut store));

    let (_dir, mut store) = journal();
    store
        .add_person(&NewPerson {
            name: "Real Person".into(),
            ..NewPerson::default()
        })
        .unwrap();
    assert!(matches!(
        generate(&mut store, &DemoOptions::default(), now()),
        Err(Error::NotEmpty)
    ));
    assert_eq!(count(&mut store, "SELECT count(*) FROM conversation"), 0);
}

#[test]
fn default_demo_has_a_believable_size_and_the_report_matches_the_rows() {
    let (_dir, mut store, report) = demo();
    let health = store.check().unwrap();
    assert!(health.ok, "{health:?}");
    assert_eq!(health.foreign_key_problems, 0);
    let rows = |table: &str| {
        health
            .counts
            .iter()
            .find(|(t, _)| t == table)
            .map(|(_, n)| *n as u64)
            .unwrap()
    };
    assert_eq!(report.people, 8);
    assert_eq!(rows("person"), report.people);
    assert_eq!(rows("conversation"), report.conversations);
    assert_eq!(rows("conversation_need"), report.need_tags);
    assert_eq!(rows("follow_up"), report.follow_ups);
    assert_eq!(rows("aspiration"), report.aspirations);
    assert_eq!(rows("acknowledgement"), report.acknowledgements);
    assert_eq!(rows("idea"), report.ideas);
    assert_eq!(rows("reflection"), report.reflections);
    assert!((150..=450).contains(&report.conversations), "{report:?}");
    assert!(report.need_tags > report.conversations && report.need_tags < 3 * report.conversations);
    assert!(report.follow_ups > 40, "{report:?}");
    assert!((8..=24).contains(&report.aspirations), "{report:?}");
    assert!((40..=52).contains(&report.reflections), "{report:?}");
    assert!(
        report.ideas > 0 && report.acknowledgements > 0,
        "{report:?}"
    );
    assert!(rows("aspiration_update") > report.aspirations);
    assert!(rows("conversation_tag") > 0);

    // The shape of the team: archived, roving leaders, several teams and rhythms.
    assert_eq!(
        count(&mut store, "SELECT count(*) FROM person WHERE archived = 1"),
        1
    );
    assert_eq!(
        count(
            &mut store,
            "SELECT count(*) FROM person WHERE roving_leader = 1"
        ),
        2
    );
    assert!(count(&mut store, "SELECT count(DISTINCT team) FROM person") >= 2);
    assert!(
        count(
            &mut store,
            "SELECT count(DISTINCT cadence_days) FROM person"
        ) >= 3
    );
    assert!(count(&mut store, "SELECT count(DISTINCT kind) FROM conversation") >= 3);
    assert_eq!(
        count(&mut store, "SELECT count(DISTINCT idea.status) FROM idea"),
        4.min(report.ideas as i64)
    );
}

#[test]
fn the_today_screen_has_something_to_say() {
    let (_dir, mut store, _) = demo();
    let today = "2026-11-23";
    let due_dates = "SELECT date(max(c.happened_at), '+' || p.cadence_days || ' days') AS due
                       FROM person p JOIN conversation c ON c.person_id = p.id
                      WHERE p.archived = 0 GROUP BY p.id";
    let overdue = count(
        &mut store,
        &format!("SELECT count(*) FROM ({due_dates}) WHERE due < '{today}'"),
    );
    let due_soon = count(
        &mut store,
        &format!(
            "SELECT count(*) FROM ({due_dates}) WHERE due BETWEEN '{today}' AND date('{today}', '+4 days')"
        ),
    );
    assert!(
        overdue >= 1 && due_soon >= 1,
        "overdue {overdue}, due soon {due_soon}"
    );

    let overdue_follow_ups = count(
        &mut store,
        &format!("SELECT count(*) FROM follow_up WHERE done_on IS NULL AND due_on < '{today}'"),
    );
    assert!(overdue_follow_ups >= 1);
    let done_ones = count(
        &mut store,
        "SELECT count(*) FROM follow_up WHERE done_on IS NOT NULL",
    );
    assert!(done_ones > overdue_follow_ups);

    // Some aspiration is stalled: open, and nothing noted for over sixty days.
    let stalled = count(
        &mut store,
        &format!(
            "SELECT count(*) FROM aspiration a
              WHERE a.status IN ('exploring', 'active')
                AND (SELECT max(noted_on) FROM aspiration_update u WHERE u.aspiration_id = a.id)
                    < date('{today}', '-60 days')"
        ),
    );
    assert!(stalled >= 1);
    // Some idea still waits for an answer.
    assert!(
        count(
            &mut store,
            "SELECT count(*) FROM idea WHERE status = 'heard' AND answer = ''"
        ) >= 1
    );
}

#[test]
fn needs_are_met_unevenly_with_real_gaps() {
    let (_dir, mut store, _) = demo();
    // Someone has a need that never came up in a whole year of conversations.
    let never_met = count(
        &mut store,
        "SELECT count(*) FROM person p, (SELECT 'competence' AS need UNION SELECT 'belonging' UNION SELECT 'autonomy'
                                         UNION SELECT 'fun' UNION SELECT 'security') n
          WHERE EXISTS (SELECT 1 FROM conversation c WHERE c.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM conversation_need cn WHERE cn.person_id = p.id AND cn.need = n.need)",
    );
    assert!(never_met >= 1);
    // The copied person and time always agree with the conversation.
    let mismatched = count(
        &mut store,
        "SELECT count(*) FROM conversation_need cn JOIN conversation c ON c.id = cn.conversation_id
          WHERE cn.person_id <> c.person_id OR cn.happened_at <> c.happened_at",
    );
    assert_eq!(mismatched, 0);
    assert!(
        count(
            &mut store,
            "SELECT count(*) FROM conversation_need WHERE how <> ''"
        ) > 0
    );
}

#[test]
fn nothing_happens_after_now_except_due_dates() {
    let (_dir, mut store, _) = demo();
    let checks = [
        "SELECT count(*) FROM conversation WHERE happened_at > '2026-11-23 14:37' OR created_at > unixepoch('2026-11-23T14:37:00Z')",
        "SELECT count(*) FROM follow_up WHERE made_on > '2026-11-23' OR done_on > '2026-11-23' OR done_on < made_on",
        "SELECT count(*) FROM acknowledgement WHERE given_at > '2026-11-23 14:37'",
        "SELECT count(*) FROM idea WHERE heard_on > '2026-11-23' OR answered_on > '2026-11-23'",
        "SELECT count(*) FROM aspiration_update WHERE noted_on > '2026-11-23'",
        "SELECT count(*) FROM reflection WHERE week >= '2026-W48' OR updated_at > unixepoch('2026-11-23T14:37:00Z')",
        "SELECT count(*) FROM person WHERE started_on > '2026-11-23' OR updated_at < created_at",
        "SELECT count(*) FROM conversation WHERE happened_at < '2025-11-23'",
        "SELECT count(*) FROM conversation WHERE happened_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]'",
    ];
    for sql in checks {
        assert_eq!(count(&mut store, sql), 0, "{sql}");
    }
    // The stamps compared above are numbers (seconds), not text that would sort after them.
    assert_eq!(
        count(
            &mut store,
            "SELECT (SELECT count(*) FROM conversation WHERE typeof(created_at) <> 'integer')
                  + (SELECT count(*) FROM reflection WHERE typeof(updated_at) <> 'integer')"
        ),
        0
    );
}

#[test]
fn search_finds_what_the_demo_wrote() {
    let (_dir, store, _) = demo();
    let hits = store.search("rollback", None, 500).unwrap();
    assert!(
        hits.iter().any(|hit| hit.kind == HitKind::Conversation),
        "{hits:?}"
    );
    let tagged = store.search("wellbeing", None, 5).unwrap();
    assert!(!tagged.is_empty());
    let reflections = store.search("focus", None, 500).unwrap();
    assert!(
        reflections
            .iter()
            .any(|hit| hit.kind == HitKind::Reflection),
        "{reflections:?}"
    );
}

#[test]
fn a_reflection_already_written_is_kept() {
    let (_dir, mut store) = journal();
    let mine = ReflectionText {
        went_well: "My own words".into(),
        balance: Balance {
            directing_serving: Some(2),
            ..Balance::default()
        },
        ..ReflectionText::default()
    };
    store.save_reflection("2026-W40", &mine).unwrap();
    let report = generate(&mut store, &DemoOptions::default(), now()).unwrap();
    let kept = store.reflection("2026-W40").unwrap().unwrap();
    assert_eq!(kept.went_well, "My own words");
    assert_eq!(
        count(&mut store, "SELECT count(*) FROM reflection") as u64,
        report.reflections + 1
    );
    assert!(store.check().unwrap().ok);
}

#[test]
fn the_journal_is_usable_through_the_store() {
    let (_dir, store, _) = demo();
    let people = store.people(false).unwrap();
    assert_eq!(people.len(), 7, "the archived person is not listed");
}

/// The load test: `cargo test --release --lib demo::tests::large -- --ignored --nocapture`.
#[cfg(unix)]
#[test]
#[ignore = "a load test; run it in release"]
fn large_journal_is_fast() {
    let (_dir, mut store) = journal();
    let options = DemoOptions {
        people: 500,
        years: 10,
        seed: 1,
    };
    let started = std::time::Instant::now();
    let cpu_before = thread_cpu_seconds();
    let report = generate(&mut store, &options, now()).unwrap();
    let elapsed = started.elapsed();
    let cpu = thread_cpu_seconds() - cpu_before;
    println!("{report:?} in {elapsed:?} ({cpu:.1} s of CPU)");
    assert!(store.check().unwrap().ok);
    assert!(
        (195_000..=325_000).contains(&report.conversations),
        "{report:?}"
    );
    assert!(
        (450_000..=750_000).contains(&report.need_tags),
        "{report:?}"
    );
    assert!(
        (75_000..=125_000).contains(&report.follow_ups),
        "{report:?}"
    );
    // CPU time, not wall time: the machine may be busy with other work. Measured: about
    // 15 s of CPU for this size.
    assert!(cpu < 30.0, "{cpu:.1} s of CPU");
}

/// CPU time of this thread: what the demo costs even on a machine busy with other work.
#[cfg(unix)]
fn thread_cpu_seconds() -> f64 {
    let time = rustix::time::clock_gettime(rustix::time::ClockId::ThreadCPUTime);
    time.tv_sec as f64 + time.tv_nsec as f64 / 1e9
}

/// Search ranks the most recently indexed texts first: the demo indexes its aspirations
/// before its conversations, as it always has, so a seed keeps its search results.
#[test]
fn aspirations_are_indexed_before_conversations() {
    let (_dir, mut store, _) = demo();
    let mut kinds = |sql: &str| count(&mut store, sql);
    let last_aspiration = kinds("SELECT max(rowid) FROM search_index WHERE kind = 'aspiration'");
    let first_conversation =
        kinds("SELECT min(rowid) FROM search_index WHERE kind = 'conversation'");
    assert!(
        last_aspiration < first_conversation,
        "{last_aspiration} {first_conversation}"
    );
}

/// The leader's side is alive on a newcomer's screens: people said things about the
/// leader's leading (some placing them on a pair), needs have notes on what meets them, things
/// were handed over and checked both ways, the direction has statements in force and a
/// retired one with aspirations serving it, and last week's reflection set an intention for
/// this week to ask about. Each record hangs from a 1:1 of its own person, on its day.
#[test]
fn the_leaders_side_is_alive_and_hangs_together() {
    let (_dir, mut store, report) = demo();
    for (table, day, reported) in [
        ("feedback", "heard_on", report.feedback),
        ("meets_need", "noted_on", report.meets_notes),
        ("delegation", "handed_on", report.delegations),
    ] {
        let rows = count(&mut store, &format!("SELECT count(*) FROM {table}"));
        assert!(rows >= 3, "{table}: {rows}");
        assert_eq!(rows, reported as i64, "{table}");
        let astray = count(
            &mut store,
            &format!(
                "SELECT count(*) FROM {table} t LEFT JOIN conversation c ON c.id = t.conversation_id
                  WHERE c.id IS NULL OR c.person_id != t.person_id
                     OR substr(c.happened_at, 1, 10) != t.{day}
                     OR c.kind NOT IN ('one-on-one', 'skip-level')"
            ),
        );
        assert_eq!(
            astray, 0,
            "{table} rows not on a 1:1 of their person's, on its day"
        );
    }
    assert!(
        count(
            &mut store,
            "SELECT count(*) FROM feedback WHERE lean IS NOT NULL"
        ) > 0
    );
    for outcome in ["stuck", "came-back"] {
        assert!(
            count(
                &mut store,
                &format!("SELECT count(*) FROM delegation WHERE outcome = '{outcome}'")
            ) > 0,
            "{outcome}"
        );
    }
    assert_eq!(
        count(
            &mut store,
            "SELECT count(*) FROM delegation WHERE checked_on < handed_on OR checked_on > '2026-11-23'"
        ),
        0
    );
    assert_eq!(
        count(
            &mut store,
            "SELECT count(*) FROM direction WHERE retired_on IS NULL"
        ),
        3
    );
    assert_eq!(
        count(
            &mut store,
            "SELECT count(*) FROM direction WHERE retired_on IS NOT NULL"
        ),
        1
    );
    assert!(
        count(
            &mut store,
            "SELECT count(*) FROM aspiration a JOIN direction d ON d.id = a.serves
              WHERE d.retired_on IS NULL"
        ) > 0
    );
    let last_week = store
        .reflection("2026-W47")
        .unwrap()
        .expect("last week's reflection");
    assert!(!last_week.intention.is_empty(), "{last_week:?}");
}
