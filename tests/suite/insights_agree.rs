//! Every view answers "who is due?" the same way. Random journals (cadences from daily to
//! quarterly, start dates past and future, pauses, every kind of conversation) on random
//! days, in a real SQLite file: Today, People, Gaps, prep and the week (in process and
//! `rapport week --json` through the binary) must agree person by person.

use crate::common;

use std::collections::BTreeSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};
use proptest::prelude::*;
use rapport::config::Config;
use rapport::domain::{
    ConversationInput, ConversationKind, NewPerson, Pause, PersonPatch, Standing,
};
use rapport::insights::{agenda, gaps, prep, week::WeekSpan};
use rapport::store::Store;
use tempfile::TempDir;

const KINDS: [ConversationKind; 4] = [
    ConversationKind::OneOnOne,
    ConversationKind::CheckIn,
    ConversationKind::SkipLevel,
    ConversationKind::Informal,
];

#[derive(Debug, Clone)]
struct PersonPlan {
    cadence: u32,
    /// Days from today to the start date.
    started: Option<i64>,
    /// Days from today to the pause's first day, and its length.
    pause: Option<(i64, i64)>,
}

#[derive(Debug, Clone)]
struct TalkPlan {
    person: usize,
    days_ago: i64,
    kind: usize,
}

fn person_plan() -> impl Strategy<Value = PersonPlan> {
    (
        prop::sample::select(vec![1u32, 3, 7, 14, 28, 90]),
        prop::option::of(-400i64..40),
        prop::option::of((-60i64..=0, 1i64..60)),
    )
        .prop_map(|(cadence, started, pause)| PersonPlan {
            cadence,
            started,
            pause,
        })
}

fn talk_plan() -> impl Strategy<Value = TalkPlan> {
    (0usize..6, 0i64..120, 0usize..4).prop_map(|(person, days_ago, kind)| TalkPlan {
        person,
        days_ago,
        kind,
    })
}

/// The store on `today` at noon, with the people and conversations of the plans.
fn journal(dir: &TempDir, today: NaiveDate, people: &[PersonPlan], talks: &[TalkPlan]) -> Store {
    let noon = today.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap());
    let mut store = Store::open_with_clock(&dir.path().join("journal.db"), common::clock_at(noon))
        .expect("the journal opens");
    let mut ids = Vec::new();
    for (i, plan) in people.iter().enumerate() {
        let person = store
            .add_person(&NewPerson {
                name: format!("Person {i}"),
                cadence_days: Some(plan.cadence),
                started_on: plan.started.map(|d| today + Duration::days(d)),
                ..NewPerson::default()
            })
            .expect("added");
        if let Some((from, days)) = plan.pause {
            let from = today + Duration::days(from);
            let pause = Pause::new(from, from + Duration::days(days)).expect("a pause");
            store
                .edit_person(
                    person.id,
                    &PersonPatch {
                        pause: Some(Some(pause)),
                        ..PersonPatch::default()
                    },
                )
                .expect("paused");
        }
        ids.push(person.id);
    }
    for talk in talks {
        let Some(&person_id) = ids.get(talk.person) else {
            continue;
        };
        let day = today - Duration::days(talk.days_ago);
        // No 1:1 before someone starts (the store refuses it): a talk planned before then
        // is the informal chat the journal does allow.
        let starts = people[talk.person]
            .started
            .map(|d| today + Duration::days(d));
        let kind = if starts.is_some_and(|starts| day < starts) {
            ConversationKind::Informal
        } else {
            KINDS[talk.kind]
        };
        store
            .save_conversation(&ConversationInput {
                kind,
                ..common::one_on_one_at(
                    person_id,
                    day.and_time(NaiveTime::from_hms_opt(10, 0, 0).unwrap()),
                )
            })
            .expect("saved");
    }
    store
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn every_view_agrees_on_who_is_due(
        day in 0i64..700,
        people in prop::collection::vec(person_plan(), 1..6),
        talks in prop::collection::vec(talk_plan(), 0..24),
    ) {
        let today = NaiveDate::from_ymd_opt(2025, 6, 2).unwrap() + Duration::days(day);
        let dir = TempDir::new().expect("a temp dir");
        let store = journal(&dir, today, &people, &talks);
        let config = Config::default();
        let summaries = store.people_summaries(false).expect("people");
        let standing = |id: i64| {
            summaries.iter().find(|s| s.person.id == id).expect("listed").standing(today)
        };

        // Today's list: exactly the people due within the next two days, never a paused one.
        let due: BTreeSet<i64> = agenda::due_for_one_on_one(&summaries, today)
            .iter()
            .map(|entry| entry.person_id)
            .collect();
        for summary in &summaries {
            let expected = match summary.standing(today) {
                Standing::Due { on } | Standing::Starting { on } => {
                    (on - today).num_days() <= agenda::DUE_SOON_DAYS
                }
                Standing::Paused { .. } => false,
            };
            prop_assert_eq!(due.contains(&summary.person.id), expected, "{:?}", summary);
        }

        // Gaps and prep read the same standing as People.
        let matrix = gaps::matrix(&store.person_facts(false, today).expect("facts"), today, &config);
        for row in &matrix.rows {
            prop_assert_eq!(row.standing, standing(row.person.id));
            let sheet = prep::prepare(store.prep_rows(row.person.id, today).expect("prep"), today, &config);
            prop_assert_eq!(sheet.standing, row.standing);
        }

        // The week in progress: not seen are exactly the people Today calls overdue who had
        // no 1:1 this week.
        let week = WeekSpan::containing(today, Weekday::Mon);
        let summary = rapport::views::week::week_summary(&store, &week).expect("the week");
        let met_this_week: BTreeSet<i64> = talks
            .iter()
            .filter(|t| KINDS[t.kind] != ConversationKind::Informal)
            .filter(|t| KINDS[t.kind] != ConversationKind::CheckIn)
            .filter(|t| week.contains(today - Duration::days(t.days_ago)))
            .filter_map(|t| summaries.iter().map(|s| s.person.id).nth(t.person))
            .collect();
        let not_seen: BTreeSet<i64> = summary.people_not_seen.iter().map(|p| p.id).collect();
        let overdue_unmet: BTreeSet<i64> = summaries
            .iter()
            .filter(|s| matches!(s.standing(today), Standing::Due { on } if on < today))
            .map(|s| s.person.id)
            .filter(|id| !met_this_week.contains(id))
            .collect();
        prop_assert_eq!(&not_seen, &overdue_unmet, "on {} ({})", today, today.weekday());
        prop_assert!(summary.due_met.this_week as usize + not_seen.len() <= summary.due.this_week as usize);

        // The command line says the same of the week.
        drop(store);
        let mut command = std::process::Command::new(common::BIN);
        common::isolate(&mut command)
            .env("RAPPORT_NOW", format!("{today}T12:00:00"))
            .env("HOME", dir.path().join("home"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .arg("--db")
            .arg(dir.path().join("journal.db"))
            .args(["week", "--json"]);
        let run = common::execute(&mut command, None);
        prop_assert_eq!(run.code, 0, "{}", run.stderr);
        let cli: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
        prop_assert_eq!(&cli["due"]["this_week"], summary.due.this_week);
        prop_assert_eq!(&cli["due_met"]["this_week"], summary.due_met.this_week);
        let cli_not_seen: BTreeSet<i64> = cli["people_not_seen"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|p| p["id"].as_i64().expect("an id"))
            .collect();
        prop_assert_eq!(cli_not_seen, not_seen);
    }
}
