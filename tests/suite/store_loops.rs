//! Closing loops inside a conversation: talking points carried until ticked, and the
//! follow-ups, ideas and aspirations a 1:1 closes saved with it in one transaction and
//! linked to it.

use crate::common;

use chrono::NaiveDate;
use common::{Journal, fixed_store, person, today};
use rapport::domain::{
    AspirationStatus, CarriedAction, ConversationInput, IdeaStatus, NewFollowUp, Owner,
};
use rapport::store::{
    Error, FollowUpFilter, Linked, NewAspiration, ProgressNoted, Record, SCHEMA_VERSION, Store,
    TalkingPointFilter,
};

fn one_on_one(person_id: i64, when: &str) -> ConversationInput {
    ConversationInput {
        summary: "Career chat".into(),
        ..common::one_on_one(person_id, when)
    }
}

/// Priya with one open loop of each kind, and Tom with a follow-up of his own.
struct Loops {
    priya: i64,
    tom: i64,
    mine: i64,
    theirs: i64,
    toms: i64,
    point: i64,
    idea: i64,
    aspiration: i64,
}

fn loops(store: &mut Store) -> Loops {
    let priya = person(store, "Priya Raman");
    let tom = person(store, "Tom Baker");
    let follow_up = |store: &mut Store, who, owner, text: &str| {
        store
            .add_follow_up(
                who,
                &NewFollowUp {
                    owner,
                    text: text.into(),
                    due_on: None,
                },
            )
            .unwrap()
            .id
    };
    let mine = follow_up(store, priya, Owner::Me, "send the course link");
    let theirs = follow_up(store, priya, Owner::Them, "draft the migration plan");
    let toms = follow_up(store, tom, Owner::Me, "ask finance about the bonus");
    let point = store
        .raise_talking_point(priya, Owner::Them, "on-call load in December")
        .unwrap()
        .id;
    let idea = store
        .add_idea(priya, "rotate on-call in pairs", IdeaStatus::Heard, "")
        .unwrap()
        .id;
    let aspiration = store
        .add_aspiration(
            priya,
            &NewAspiration {
                title: "Lead the migration".into(),
                detail: String::new(),
                horizon: String::new(),
                status: AspirationStatus::Exploring,
            },
        )
        .unwrap()
        .id;
    Loops {
        priya,
        tom,
        mine,
        theirs,
        toms,
        point,
        idea,
        aspiration,
    }
}

#[test]
fn a_talking_point_is_carried_until_ticked_in_a_conversation_that_names_it() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let l = loops(&mut store);
    let open = |store: &Store| {
        store
            .talking_points(TalkingPointFilter {
                person_id: Some(l.priya),
                open_only: true,
            })
            .unwrap()
    };
    // A conversation that does not tick it carries it over.
    store
        .save_conversation(&one_on_one(l.priya, "2026-11-16 10:00"))
        .unwrap();
    assert_eq!(open(&store).len(), 1);
    let prep = store.prep_rows(l.priya, today()).unwrap();
    assert_eq!(prep.talking_points[0].text, "on-call load in December");

    let saved = store
        .save_conversation_closing(
            &one_on_one(l.priya, "2026-11-20 10:00"),
            &[CarriedAction::TalkingPointTicked { id: l.point }],
        )
        .unwrap();
    assert!(open(&store).is_empty());
    let point = store.talking_point(l.point).unwrap();
    assert_eq!(point.ticked_on, NaiveDate::from_ymd_opt(2026, 11, 20));
    assert_eq!(point.conversation_id, Some(saved.conversation_id));
    assert_eq!(point.owner, Owner::Them);
    let linked = store.linked_to(saved.conversation_id).unwrap();
    assert_eq!(linked.talking_points_ticked, [point]);

    // Reopened outside a conversation, it is carried again and no longer linked.
    let reopened = store.tick_talking_point(l.point, false).unwrap();
    assert_eq!((reopened.ticked_on, reopened.conversation_id), (None, None));
    assert_eq!(open(&store).len(), 1);
}

#[test]
fn every_loop_closed_in_a_conversation_is_saved_with_it_and_linked_to_it() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let l = loops(&mut store);
    let new_due = NaiveDate::from_ymd_opt(2026, 12, 4);
    let saved = store
        .save_conversation_closing(
            &one_on_one(l.priya, "2026-11-23 10:00"),
            &[
                CarriedAction::FollowUpDone { id: l.mine },
                CarriedAction::FollowUpDue {
                    id: l.theirs,
                    due_on: new_due,
                },
                CarriedAction::TalkingPointTicked { id: l.point },
                CarriedAction::IdeaAnswered {
                    id: l.idea,
                    status: IdeaStatus::Trying,
                    answer: "  Let's try it in December ".into(),
                },
                CarriedAction::AspirationProgress {
                    id: l.aspiration,
                    status: Some(AspirationStatus::Active),
                    note: "shadowing the lead".into(),
                },
            ],
        )
        .unwrap();
    let id = saved.conversation_id;
    let mine = store.follow_up(l.mine).unwrap();
    assert_eq!(mine.done_on, Some(today()));
    let theirs = store.follow_up(l.theirs).unwrap();
    assert_eq!((theirs.due_on, theirs.done_on), (new_due, None));
    let idea = store
        .ideas(Some(l.priya))
        .unwrap()
        .into_iter()
        .find(|i| i.id == l.idea)
        .unwrap();
    assert_eq!(idea.status, IdeaStatus::Trying);
    assert_eq!(idea.answer, "Let's try it in December");
    assert_eq!(idea.answered_on, Some(today()));
    assert_eq!(
        journal.rows(&format!(
            "SELECT status FROM aspiration WHERE id = {}",
            l.aspiration
        )),
        ["active"]
    );

    let linked: Linked = store.linked_to(id).unwrap();
    let ids = |items: &[rapport::domain::FollowUp]| items.iter().map(|f| f.id).collect::<Vec<_>>();
    assert_eq!(ids(&linked.follow_ups_done), [l.mine]);
    assert!(linked.follow_ups_made.is_empty());
    assert_eq!(linked.ideas_answered.len(), 1);
    assert_eq!(linked.ideas_answered[0].id, l.idea);
    assert_eq!(linked.talking_points_ticked.len(), 1);
    let progress: &[ProgressNoted] = &linked.progress;
    assert_eq!(progress.len(), 1);
    assert_eq!(progress[0].aspiration_id, l.aspiration);
    assert_eq!(progress[0].title, "Lead the migration");
    assert_eq!(progress[0].note, "shadowing the lead");
    assert_eq!(progress[0].status, Some(AspirationStatus::Active));
    assert_eq!(
        common::rows(
            &journal.path,
            &format!("SELECT done_in FROM follow_up WHERE id = {}", l.mine)
        ),
        [id.to_string()]
    );
    assert_eq!(
        common::rows(
            &journal.path,
            &format!("SELECT answered_in FROM idea WHERE id = {}", l.idea)
        ),
        [id.to_string()]
    );
    assert_eq!(
        common::rows(
            &journal.path,
            "SELECT conversation_id FROM aspiration_update"
        ),
        [id.to_string()]
    );

    // Deleting the conversation keeps what it closed, no longer linked to it.
    store.delete_record(Record::Conversation, id).unwrap();
    assert_eq!(store.follow_up(l.mine).unwrap().done_on, Some(today()));
    assert_eq!(
        common::rows(
            &journal.path,
            "SELECT count(*) FROM follow_up WHERE done_in IS NOT NULL
             UNION ALL SELECT count(*) FROM idea WHERE answered_in IS NOT NULL
             UNION ALL SELECT count(*) FROM talking_point WHERE conversation_id IS NOT NULL
             UNION ALL SELECT count(*) FROM aspiration_update WHERE conversation_id IS NOT NULL"
        ),
        ["0", "0", "0", "0"]
    );
}

#[test]
fn a_loop_of_someone_else_or_an_empty_answer_refuses_the_whole_save() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let l = loops(&mut store);
    let before = journal.dump();
    let refusals = [
        (
            vec![
                CarriedAction::FollowUpDone { id: l.mine },
                // Tom's, not Priya's: the conversation is with Priya.
                CarriedAction::FollowUpDone { id: l.toms },
            ],
            "there is no follow-up #",
        ),
        (
            vec![
                CarriedAction::TalkingPointTicked { id: l.point },
                CarriedAction::IdeaAnswered {
                    id: l.idea,
                    status: IdeaStatus::Declined,
                    answer: "  ".into(),
                },
            ],
            "the answer cannot be empty",
        ),
        (
            vec![CarriedAction::AspirationProgress {
                id: 999,
                status: None,
                note: "moved".into(),
            }],
            "there is no aspiration #999",
        ),
    ];
    for (actions, says) in refusals {
        let error = store
            .save_conversation_closing(&one_on_one(l.priya, "2026-11-23 10:00"), &actions)
            .unwrap_err();
        assert!(error.to_string().contains(says), "{error}");
        assert_eq!(journal.dump(), before, "nothing written for {actions:?}");
    }
    // Tom's own conversation closes his follow-up.
    store
        .save_conversation_closing(
            &one_on_one(l.tom, "2026-11-23 11:00"),
            &[CarriedAction::FollowUpDone { id: l.toms }],
        )
        .unwrap();
    let open = store
        .follow_ups(FollowUpFilter {
            person_id: Some(l.tom),
            open_only: true,
        })
        .unwrap();
    assert!(open.is_empty());
}

#[test]
fn a_talking_point_is_refused_empty_and_deleted_with_its_text() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let priya = person(&mut store, "Priya Raman");
    let error = store
        .raise_talking_point(priya, Owner::Me, " \t ")
        .unwrap_err();
    assert_eq!(error.to_string(), "the talking point cannot be empty");
    assert!(matches!(
        store.raise_talking_point(999, Owner::Me, "hello"),
        Err(Error::NotFound { .. })
    ));
    let point = store
        .raise_talking_point(priya, Owner::Me, "zqxmarker bring up the offsite")
        .unwrap();
    store.delete_record(Record::TalkingPoint, point.id).unwrap();
    assert_eq!(journal.count("talking_point"), 0);
    drop(store);
    assert!(!common::bytes_contain(&journal.path, "zqxmarker"));
    assert!(!common::bytes_contain(
        &common::side_file(&journal.path, "-wal"),
        "zqxmarker"
    ));
}

/// A journal of schema version 10, made by the migrations of that time, with a follow-up
/// and an idea in it.
fn version_ten_journal(journal: &Journal) {
    let conn = rusqlite::Connection::open(&journal.path).unwrap();
    for sql in [
        include_str!("../../src/store/migrations/0001_journal.sql"),
        include_str!("../../src/store/migrations/0002_search.sql"),
        include_str!("../../src/store/migrations/0003_insight_indexes.sql"),
        include_str!("../../src/store/migrations/0004_search_secure_delete.sql"),
        include_str!("../../src/store/migrations/0005_search_prefix.sql"),
        include_str!("../../src/store/migrations/0006_pause.sql"),
        include_str!("../../src/store/migrations/0007_need_state.sql"),
        include_str!("../../src/store/migrations/0008_priority_needs.sql"),
        include_str!("../../src/store/migrations/0009_search_external_content.sql"),
        include_str!("../../src/store/migrations/0010_need_index_by_state.sql"),
    ] {
        conn.execute_batch(sql).unwrap();
    }
    conn.execute_batch(
        "INSERT INTO person (uuid, name, created_at, updated_at)
             VALUES ('0193d7a0-0000-7000-8000-000000000001', 'Priya Raman',
                     '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z');
         INSERT INTO follow_up (uuid, person_id, owner, text, made_on, done_on, created_at, updated_at)
             VALUES ('0193d7a0-0000-7000-8000-000000000002', 1, 'me', 'send the link',
                     '2026-11-01', '2026-11-02', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z');
         INSERT INTO idea (uuid, person_id, heard_on, text, created_at, updated_at)
             VALUES ('0193d7a0-0000-7000-8000-000000000003', 1, '2026-11-01', 'pairs',
                     '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z');",
    )
    .unwrap();
    conn.pragma_update(None, "application_id", 0x5241_5050_i64)
        .unwrap();
    conn.pragma_update(None, "user_version", 10).unwrap();
}

#[test]
fn a_version_10_journal_gains_talking_points_and_keeps_its_loops_unlinked() {
    let journal = Journal::new();
    version_ten_journal(&journal);
    let mut store = fixed_store(&journal);
    assert_eq!(
        common::rows(&journal.path, "PRAGMA user_version"),
        [SCHEMA_VERSION.to_string()]
    );
    assert_eq!(
        common::rows(
            &journal.path,
            "SELECT done_on, done_in IS NULL FROM follow_up
             UNION ALL SELECT heard_on, answered_in IS NULL FROM idea"
        ),
        ["2026-11-02|1", "2026-11-01|1"]
    );
    let point = store
        .raise_talking_point(1, Owner::Me, "the offsite")
        .unwrap();
    assert_eq!(point.raised_on, today());
}
