//! Where each person stands on each need (`need_standing`, migration 23) is derived from the
//! needs and read by every list of people: it must follow every way a need is written.

use crate::common;

use chrono::NaiveDateTime;
use rapport::domain::{ConversationInput, ConversationNeed, Need, NeedState, PersonPatch};
use rapport::store::{Record, Store};

use common::{Journal, assert_need_standing_in_step, fixed_store, person};

fn at(text: &str) -> NaiveDateTime {
    common::local_time(text)
}

fn talk(person_id: i64, when: &str, needs: &[(Need, NeedState)]) -> ConversationInput {
    ConversationInput {
        needs: needs
            .iter()
            .map(|&(need, state)| ConversationNeed {
                need,
                state,
                how: format!("{need:?} on {when}"),
            })
            .collect(),
        ..common::one_on_one(person_id, when)
    }
}

/// What the people list says of one person's need: last met and concern since.
fn standing(store: &Store, person_id: i64, need: Need) -> (Option<String>, Option<String>) {
    let summary = store
        .people_summaries(true)
        .expect("people")
        .into_iter()
        .find(|s| s.person.id == person_id)
        .expect("the person is listed");
    let day = |at: Option<NaiveDateTime>| at.map(|at| at.format("%Y-%m-%d %H:%M").to_string());
    (
        day(summary.needs_last_met[need.index()]),
        day(summary.concerns_since[need.index()]),
    )
}

#[test]
fn every_change_to_a_need_moves_where_the_person_stands() {
    use NeedState::{Concern, Met};
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let priya = person(&mut store, "Priya Raman");
    let tom = person(&mut store, "Tom Baker");
    let first = store
        .save_conversation(&talk(
            priya,
            "2026-11-02 10:00",
            &[(Need::Fun, Met), (Need::Security, Concern)],
        ))
        .unwrap()
        .conversation_id;
    let second = store
        .save_conversation(&talk(
            priya,
            "2026-11-09 10:00",
            &[(Need::Fun, Concern), (Need::Autonomy, Met)],
        ))
        .unwrap()
        .conversation_id;
    store
        .save_conversation(&talk(tom, "2026-11-05 09:00", &[(Need::Fun, Met)]))
        .unwrap();
    assert_need_standing_in_step(&journal.path);
    assert_eq!(
        standing(&store, priya, Need::Fun),
        (
            Some("2026-11-02 10:00".into()),
            Some("2026-11-09 10:00".into())
        )
    );
    assert_eq!(
        standing(&store, priya, Need::Security),
        (None, Some("2026-11-02 10:00".into()))
    );

    // A later conversation meets the concern: it is no longer open.
    let third = store
        .save_conversation(&talk(priya, "2026-11-16 10:00", &[(Need::Fun, Met)]))
        .unwrap()
        .conversation_id;
    assert_eq!(
        standing(&store, priya, Need::Fun),
        (Some("2026-11-16 10:00".into()), None)
    );
    assert_need_standing_in_step(&journal.path);

    // Moved before the concern, to another person, its needs changed, then deleted: each
    // time both people's standing follows.
    let mut moved = talk(priya, "2026-11-01 08:00", &[(Need::Fun, Met)]);
    store.update_conversation(third, &moved).unwrap();
    assert_eq!(
        standing(&store, priya, Need::Fun),
        (
            Some("2026-11-02 10:00".into()),
            Some("2026-11-09 10:00".into())
        )
    );
    moved.person_id = tom;
    moved.happened_at = at("2026-11-20 08:00");
    store.update_conversation(third, &moved).unwrap();
    assert_eq!(
        standing(&store, tom, Need::Fun),
        (Some("2026-11-20 08:00".into()), None)
    );
    assert_need_standing_in_step(&journal.path);
    store
        .update_conversation(
            second,
            &talk(priya, "2026-11-09 10:00", &[(Need::Autonomy, Concern)]),
        )
        .unwrap();
    assert_eq!(standing(&store, priya, Need::Fun).1, None);
    assert_eq!(
        standing(&store, priya, Need::Autonomy),
        (None, Some("2026-11-09 10:00".into()))
    );
    assert_need_standing_in_step(&journal.path);
    store.delete_record(Record::Conversation, first).unwrap();
    assert_eq!(standing(&store, priya, Need::Fun), (None, None));
    assert_eq!(standing(&store, priya, Need::Security), (None, None));
    assert_need_standing_in_step(&journal.path);

    // Written behind Rapport's back, straight into the needs: the same.
    let raw = common::connect(&journal.path);
    raw.execute_batch(
        "UPDATE conversation_need SET state = 'met' WHERE need = 'autonomy';
         UPDATE conversation SET happened_at = '2026-10-01 07:00' WHERE person_id = 2",
    )
    .unwrap();
    drop(raw);
    assert_eq!(
        standing(&store, priya, Need::Autonomy),
        (Some("2026-11-09 10:00".into()), None)
    );
    assert_need_standing_in_step(&journal.path);

    // Archived people keep their standing; nothing is left of a need no row holds.
    store
        .edit_person(
            tom,
            &PersonPatch {
                archived: Some(true),
                ..PersonPatch::default()
            },
        )
        .unwrap();
    assert_need_standing_in_step(&journal.path);
    assert_eq!(
        journal.rows(
            "SELECT count(*) FROM need_standing WHERE last_met IS NULL AND concern_since IS NULL"
        ),
        ["0"]
    );
}

#[test]
fn an_import_and_an_older_journal_bring_where_people_stand_with_them() {
    let journal = Journal::new();
    journal.ok(&["demo", "--people", "12", "--years", "1"]);
    let raw = common::connect(&journal.path);
    raw.execute_batch("UPDATE conversation_need SET state = 'concern' WHERE id % 7 = 0")
        .unwrap();
    drop(raw);
    assert_need_standing_in_step(&journal.path);
    let by_name = |path: &std::path::Path| {
        common::rows(
            path,
            "SELECT p.name, s.need, s.last_met, s.concern_since FROM need_standing s
               JOIN person p ON p.id = s.person_id ORDER BY p.name, s.need",
        )
    };
    let kept = by_name(&journal.path);
    assert!(kept.iter().any(|row| !row.ends_with("|NULL")), "{kept:?}");

    // Into a new journal (loaded once, the triggers set aside) and into one that has
    // records of its own (row by row).
    let export = journal.dir().join("export.json");
    let export_arg = export.display().to_string();
    journal.ok(&["export", "--format", "json", "--output", &export_arg]);
    let fresh = Journal::new();
    fresh.ok(&["import", &export_arg]);
    assert_need_standing_in_step(&fresh.path);
    assert_eq!(by_name(&fresh.path), kept);
    let triggers = |path: &std::path::Path| {
        common::rows(
            path,
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'need_standing%'
              ORDER BY name",
        )
    };
    assert_eq!(triggers(&fresh.path), triggers(&journal.path));
    assert_eq!(triggers(&fresh.path).len(), 3);
    let busy = Journal::new();
    busy.add_people(&["Someone Else"]);
    busy.ok(&[
        "log",
        "Someone Else",
        "--need",
        "fun",
        "--concern",
        "security",
    ]);
    busy.ok(&["import", &export_arg]);
    assert_need_standing_in_step(&busy.path);

    // A journal from before migration 23 gets it filled from its needs.
    let older = Journal::new();
    std::fs::copy(&journal.path, &older.path).unwrap();
    let raw = common::connect(&older.path);
    raw.execute_batch(
        "DROP TABLE need_standing;
         DROP TRIGGER need_standing_insert;
         DROP TRIGGER need_standing_delete;
         DROP TRIGGER need_standing_update;
         DROP INDEX conversation_by_tag;
         PRAGMA user_version = 22",
    )
    .unwrap();
    drop(raw);
    older.ok(&["check"]);
    assert_need_standing_in_step(&older.path);
    assert_eq!(by_name(&older.path), kept);
}
