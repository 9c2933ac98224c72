//! The journal's rules on a real SQLite file: names, cadences, finding people, saving and
//! changing conversations with everything attached, and refusals that write nothing.

use crate::common;

use chrono::{Local, NaiveDate, NaiveDateTime, TimeZone};
use rapport::domain::{
    ConversationInput, ConversationKind, ConversationNeed, Invalid, Mood, Need, NewFollowUp,
    NewPerson, Owner, PersonPatch, Stance,
};
use rapport::store::{Error, NewAspiration, Store};

use common::{Journal, dump, fixed_store, person};

fn archive(store: &mut Store, id: i64, archived: bool) -> Result<(), Error> {
    store
        .edit_person(
            id,
            &PersonPatch {
                archived: Some(archived),
                ..PersonPatch::default()
            },
        )
        .map(|_| ())
}

fn at(text: &str) -> NaiveDateTime {
    common::local_time(text)
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

fn conversation(person_id: i64, when: &str) -> ConversationInput {
    common::one_on_one(person_id, when)
}

fn need(need: Need, how: &str) -> ConversationNeed {
    ConversationNeed {
        need,
        state: rapport::domain::NeedState::Met,
        how: how.into(),
    }
}

#[test]
fn two_active_people_cannot_share_a_name_in_any_case() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let priya = person(&mut store, "Priya Raman");
    person(&mut store, "Élodie Martin");
    for twin in [
        "Priya Raman",
        "PRIYA RAMAN",
        "  priya raman  ",
        "ÉLODIE MARTIN",
    ] {
        let error = store
            .add_person(&NewPerson {
                name: twin.into(),
                ..NewPerson::default()
            })
            .expect_err(twin);
        assert!(
            matches!(error, Error::DuplicateName(_)),
            "{twin}: {error:?}"
        );
        assert!(
            error.to_string().contains("already someone called"),
            "{error}"
        );
    }
    assert_eq!(journal.count("person"), 2);

    // Renaming someone else to a taken name is refused as well.
    let tom = person(&mut store, "Tom Baker");
    let rename = PersonPatch {
        name: Some("priya raman".into()),
        ..PersonPatch::default()
    };
    assert!(matches!(
        store.edit_person(tom, &rename),
        Err(Error::DuplicateName(_))
    ));
    assert_eq!(
        journal.rows("SELECT name FROM person WHERE id = 3"),
        ["Tom Baker"]
    );

    // Once Priya is archived, the name is free for someone new.
    archive(&mut store, priya, true).unwrap();
    let second = person(&mut store, "priya raman");
    assert_ne!(second, priya);
    assert_eq!(
        journal.rows("SELECT name, archived FROM person WHERE name LIKE 'priya raman' ORDER BY id"),
        ["Priya Raman|1", "priya raman|0"]
    );
    // …and the archived one cannot come back while the name is taken.
    let error = archive(&mut store, priya, false).expect_err("un-archiving a namesake");
    assert!(matches!(error, Error::DuplicateName(_)), "{error:?}");
    assert_eq!(
        journal.rows(&format!("SELECT archived FROM person WHERE id = {priya}")),
        ["1"]
    );
}

#[test]
fn cadence_is_one_to_365_days() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    for bad in [0, 366, 1000] {
        let error = store
            .add_person(&NewPerson {
                name: format!("Cadence {bad}"),
                cadence_days: Some(bad),
                ..NewPerson::default()
            })
            .expect_err("a cadence out of range");
        assert!(
            matches!(error, Error::Invalid(Invalid::Cadence(n)) if n == i64::from(bad)),
            "{error:?}"
        );
    }
    assert_eq!(journal.count("person"), 0);
    for good in [1, 365] {
        let added = store
            .add_person(&NewPerson {
                name: format!("Cadence {good}"),
                cadence_days: Some(good),
                ..NewPerson::default()
            })
            .unwrap();
        assert_eq!(added.cadence_days, good);
    }
    let id = person(&mut store, "Default");
    assert_eq!(
        journal.rows(&format!("SELECT cadence_days FROM person WHERE id = {id}")),
        ["14"]
    );
    let patch = PersonPatch {
        cadence_days: Some(0),
        ..PersonPatch::default()
    };
    assert!(matches!(
        store.edit_person(id, &patch),
        Err(Error::Invalid(Invalid::Cadence(0)))
    ));
    assert_eq!(
        journal.rows(&format!("SELECT cadence_days FROM person WHERE id = {id}")),
        ["14"]
    );
}

#[test]
fn names_are_one_to_100_characters_of_one_line() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let long = "x".repeat(100);
    let accented = "é".repeat(100);
    person(&mut store, &long);
    person(&mut store, &accented);
    let refused = [
        ("x".repeat(101), Invalid::NameTooLong(101)),
        ("é".repeat(101), Invalid::NameTooLong(101)),
        (String::new(), Invalid::EmptyName),
        ("   ".into(), Invalid::EmptyName),
        ("Tom\nBaker".into(), Invalid::NameControl),
        ("Tom\u{1b}[31m".into(), Invalid::NameControl),
    ];
    for (name, expected) in refused {
        let error = store
            .add_person(&NewPerson {
                name: name.clone(),
                ..NewPerson::default()
            })
            .expect_err("refused");
        assert!(
            matches!(&error, Error::Invalid(found) if *found == expected),
            "{name:?}: {error:?}"
        );
    }
    assert_eq!(
        journal.rows("SELECT length(name) FROM person ORDER BY id"),
        ["100", "100"]
    );
}

#[test]
fn people_are_found_by_exact_name_or_unique_prefix() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);

    let error = store
        .resolve_person("anyone", false)
        .expect_err("empty journal");
    assert!(matches!(&error, Error::PersonNotFound { candidates, .. } if candidates.is_empty()));
    assert!(error.to_string().contains("rapport person add"), "{error}");

    let priya = person(&mut store, "Priya Raman");
    let priyanka = person(&mut store, "Priyanka Shah");
    let tom = person(&mut store, "Tom Baker");
    let sam = person(&mut store, "Sam");
    let samantha = person(&mut store, "Samantha Lee");
    let old = person(&mut store, "Old Friend");
    archive(&mut store, old, true).unwrap();

    let found = |store: &Store, query: &str, archived: bool| {
        store.resolve_person(query, archived).map(|p| p.id)
    };
    assert_eq!(found(&store, "Priya Raman", false).unwrap(), priya);
    assert_eq!(found(&store, "  priya RAMAN ", false).unwrap(), priya);
    assert_eq!(found(&store, "priya r", false).unwrap(), priya);
    assert_eq!(found(&store, "priyanka", false).unwrap(), priyanka);
    assert_eq!(found(&store, "t", false).unwrap(), tom);
    // An exact name wins over the longer names it begins.
    assert_eq!(found(&store, "sam", false).unwrap(), sam);
    assert_eq!(found(&store, "sama", false).unwrap(), samantha);

    match store.resolve_person("pri", false) {
        Err(Error::AmbiguousPerson { query, candidates }) => {
            assert_eq!(query, "pri");
            assert_eq!(candidates, ["Priya Raman", "Priyanka Shah"]);
        }
        other => panic!(
            "expected an ambiguous prefix, got {:?}",
            other.map(|p| p.name)
        ),
    }
    let error = store.resolve_person("pri", false).expect_err("ambiguous");
    assert!(
        error.to_string().contains("Priya Raman or Priyanka Shah"),
        "{error}"
    );

    match store.resolve_person("Zed", false) {
        Err(Error::PersonNotFound { query, candidates }) => {
            assert_eq!(query, "Zed");
            assert!(
                candidates.contains(&"Tom Baker".to_string()),
                "{candidates:?}"
            );
            assert!(
                !candidates.contains(&"Old Friend".to_string()),
                "archived people are not offered"
            );
        }
        other => panic!("expected not found, got {:?}", other.map(|p| p.name)),
    }
    assert!(matches!(
        store.resolve_person("", false),
        Err(Error::PersonNotFound { .. })
    ));

    // Archived people: only by their exact name, and only where archived people count.
    assert!(matches!(
        store.resolve_person("Old Friend", false),
        Err(Error::PersonNotFound { .. })
    ));
    assert_eq!(found(&store, "old friend", true).unwrap(), old);
    assert!(matches!(
        store.resolve_person("old", true),
        Err(Error::PersonNotFound { .. })
    ));
    // An active person wins over an archived namesake.
    let new_old = person(&mut store, "OLD FRIEND");
    assert_eq!(found(&store, "Old Friend", true).unwrap(), new_old);
}

#[test]
fn a_saved_conversation_writes_everything_linked() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let tom = person(&mut store, "Tom Baker");
    let priya = person(&mut store, "Priya Raman");
    let mut input = conversation(priya, "2026-11-20 14:30");
    input.kind = ConversationKind::SkipLevel;
    input.mood = Mood::new(4);
    input.stance = Some(Stance::Leading);
    input.summary = "  Career chat  ".into();
    input.notes = "First line\n\tsecond line\n\n".into();
    input.needs = vec![
        need(Need::Autonomy, " picked her own plan "),
        need(Need::Competence, ""),
        need(Need::Autonomy, "a second time"),
    ];
    input.tags = vec![
        "Career".into(),
        "career".into(),
        " Growth ".into(),
        "  ".into(),
    ];
    input.follow_ups = vec![
        NewFollowUp {
            owner: Owner::Me,
            text: "Send the course link".into(),
            due_on: Some(date("2026-11-27")),
        },
        NewFollowUp {
            owner: Owner::Them,
            text: "Draft the plan".into(),
            due_on: None,
        },
    ];
    input.acknowledgement = Some("the calm outage handling".into());
    input.idea = Some("rotate on-call in pairs".into());

    let saved = store.save_conversation(&input).expect("saved");
    assert_eq!(saved.follow_ups, 2);
    let id = saved.conversation_id;

    assert_eq!(
        journal.rows(
            "SELECT person_id, happened_at, kind, mood, stance, summary, notes FROM conversation"
        ),
        [format!(
            "{priya}|2026-11-20 14:30|skip-level|4|leading|Career chat|First line\n\tsecond line"
        )]
    );
    assert_eq!(
        journal.rows("SELECT conversation_id, need, how, person_id, happened_at FROM conversation_need ORDER BY id"),
        [
            format!("{id}|autonomy|picked her own plan|{priya}|2026-11-20 14:30"),
            format!("{id}|competence||{priya}|2026-11-20 14:30"),
        ]
    );
    assert_eq!(
        journal.rows("SELECT conversation_id, tag FROM conversation_tag ORDER BY id"),
        [format!("{id}|career"), format!("{id}|growth")]
    );
    assert_eq!(
        journal.rows(
            "SELECT person_id, conversation_id, owner, text, made_on, due_on, done_on FROM follow_up ORDER BY id"
        ),
        [
            format!("{priya}|{id}|me|Send the course link|2026-11-20|2026-11-27|NULL"),
            format!("{priya}|{id}|them|Draft the plan|2026-11-20|NULL|NULL"),
        ]
    );
    assert_eq!(
        journal.rows("SELECT person_id, conversation_id, given_at, text FROM acknowledgement"),
        [format!(
            "{priya}|{id}|2026-11-20 14:30|the calm outage handling"
        )]
    );
    assert_eq!(
        journal.rows(
            "SELECT person_id, conversation_id, heard_on, text, status, answered_on FROM idea"
        ),
        [format!(
            "{priya}|{id}|2026-11-20|rotate on-call in pairs|heard|NULL"
        )]
    );
    // Every row has its own stable id, and the bookkeeping stamps come from the clock (UTC).
    let uuids = journal.rows(
        "SELECT uuid FROM conversation UNION ALL SELECT uuid FROM conversation_need
         UNION ALL SELECT uuid FROM conversation_tag UNION ALL SELECT uuid FROM follow_up
         UNION ALL SELECT uuid FROM acknowledgement UNION ALL SELECT uuid FROM idea",
    );
    assert_eq!(uuids.len(), 9);
    let distinct: std::collections::BTreeSet<_> = uuids.iter().collect();
    assert_eq!(distinct.len(), 9);
    assert!(
        uuids.iter().all(|u| uuid::Uuid::parse_str(u).is_ok()),
        "{uuids:?}"
    );
    let stamp = Local
        .with_ymd_and_hms(2026, 11, 23, 14, 37, 0)
        .unwrap()
        .with_timezone(&chrono::Utc)
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    assert_eq!(
        journal.rows(
            "SELECT typeof(created_at), strftime('%Y-%m-%dT%H:%M:%SZ', created_at, 'unixepoch')
               FROM conversation"
        ),
        [format!("integer|{stamp}")]
    );

    // Read back through the store: needs in C B A F S order, tags sorted.
    let back = store.conversation(id).unwrap();
    assert_eq!(back.person_name, "Priya Raman");
    assert_eq!(
        back.needs,
        [
            need(Need::Competence, ""),
            need(Need::Autonomy, "picked her own plan")
        ]
    );
    assert_eq!(back.tags, ["career", "growth"]);
    assert_eq!(back.mood.map(|m| m.value()), Some(4));
    assert_eq!(store.recent_conversations(tom, 5).unwrap().len(), 0);
}

#[test]
fn changing_a_conversation_moves_its_needs_with_it() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let priya = person(&mut store, "Priya Raman");
    let tom = person(&mut store, "Tom Baker");
    let mut input = conversation(priya, "2026-11-20 14:30");
    input.needs = vec![need(Need::Fun, "team lunch"), need(Need::Security, "")];
    input.follow_ups = vec![NewFollowUp {
        owner: Owner::Me,
        text: "Book the room".into(),
        due_on: None,
    }];
    let id = store.save_conversation(&input).unwrap().conversation_id;

    let mut changed = input.clone();
    changed.happened_at = at("2026-11-18 09:15");
    changed.person_id = tom;
    changed.follow_ups = Vec::new();
    store.update_conversation(id, &changed).expect("updated");
    assert_eq!(
        journal.rows("SELECT need, person_id, happened_at FROM conversation_need ORDER BY need"),
        [
            format!("fun|{tom}|2026-11-18 09:15"),
            format!("security|{tom}|2026-11-18 09:15")
        ]
    );
    assert_eq!(
        journal.count("follow_up"),
        1,
        "follow-ups are not duplicated by an update"
    );

    // The trigger keeps the copies equal even when the conversation row is changed directly.
    let raw = common::connect(&journal.path);
    raw.execute(
        "UPDATE conversation SET happened_at = '2026-01-02 08:00', person_id = ?1 WHERE id = ?2",
        [priya, id],
    )
    .unwrap();
    drop(raw);
    assert_eq!(
        journal.rows("SELECT need, person_id, happened_at FROM conversation_need ORDER BY need"),
        [
            format!("fun|{priya}|2026-01-02 08:00"),
            format!("security|{priya}|2026-01-02 08:00")
        ]
    );

    // Updating a conversation that does not exist changes nothing.
    let before = dump(&journal.path);
    assert!(matches!(
        store.update_conversation(999, &changed),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(dump(&journal.path), before);
}

#[test]
fn foreign_keys_are_enforced() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let priya = person(&mut store, "Priya Raman");
    let mut input = conversation(priya, "2026-11-20 14:30");
    input.needs = vec![need(Need::Belonging, "")];
    input.tags = vec!["team".into()];
    input.follow_ups = vec![NewFollowUp {
        owner: Owner::Them,
        text: "Share the doc".into(),
        due_on: None,
    }];
    input.acknowledgement = Some("mentoring Tom".into());
    input.idea = Some("a demo day".into());
    let id = store.save_conversation(&input).unwrap().conversation_id;
    store
        .delete_record(rapport::store::Record::Conversation, id)
        .unwrap();
    // Deleting the conversation cascades to its needs and tags and unlinks what it produced:
    // only true when the journal's connection has foreign keys on.
    assert_eq!(journal.count("conversation_need"), 0);
    assert_eq!(journal.count("conversation_tag"), 0);
    assert_eq!(
        journal.rows("SELECT text, conversation_id FROM follow_up"),
        ["Share the doc|NULL"]
    );
    assert_eq!(
        journal.rows("SELECT conversation_id FROM acknowledgement"),
        ["NULL"]
    );
    assert_eq!(journal.rows("SELECT conversation_id FROM idea"), ["NULL"]);
    assert!(store.check().unwrap().ok);
}

#[test]
fn follow_ups_are_done_today_and_can_be_reopened() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let priya = person(&mut store, "Priya Raman");
    let item = store
        .add_follow_up(
            priya,
            &NewFollowUp {
                owner: Owner::Me,
                text: " Send the link ".into(),
                due_on: Some(date("2026-11-25")),
            },
        )
        .unwrap();
    assert_eq!(item.text, "Send the link");
    assert_eq!(item.made_on, date("2026-11-23"));
    assert!(item.conversation_id.is_none());
    store.set_follow_up_done(item.id, true).unwrap();
    assert_eq!(
        journal.rows("SELECT done_on FROM follow_up"),
        ["2026-11-23"]
    );
    store.set_follow_up_done(item.id, false).unwrap();
    assert_eq!(journal.rows("SELECT done_on FROM follow_up"), ["NULL"]);
}

#[test]
fn refusals_write_nothing() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let priya = person(&mut store, "Priya Raman");
    let mut ok = conversation(priya, "2026-11-20 14:30");
    ok.needs = vec![need(Need::Fun, "")];
    store.save_conversation(&ok).unwrap();
    let before = dump(&journal.path);

    let with = |change: &dyn Fn(&mut ConversationInput)| {
        let mut input = ok.clone();
        input.needs = vec![need(Need::Autonomy, "x")];
        input.tags = vec!["kept-if-saved".into()];
        change(&mut input);
        input
    };
    // Each refused for its own rule: the sentence names it.
    let mut wrong = Vec::new();
    let mut refused = |what: &str, result: Result<(), Error>, words: &str| match result {
        Ok(()) => wrong.push(format!("{what}: accepted, expected \"{words}\"")),
        Err(e) if !e.to_string().contains(words) => {
            wrong.push(format!("{what}: \"{e}\", expected \"{words}\""))
        }
        Err(_) => {}
    };
    let refused_conversations = [
        (
            with(&|c| c.person_id = 999),
            "there is no person with id 999",
        ),
        (
            with(&|c| c.summary = "two\nlines".into()),
            "the summary must be one line of text without control characters",
        ),
        (
            with(&|c| c.notes = "binary\0notes".into()),
            "the notes are not readable text",
        ),
        (
            with(&|c| c.notes = "x".repeat(256 * 1024 + 1)),
            "more than the 256 KiB a conversation can hold",
        ),
        (
            with(&|c| c.tags.push("bad\u{7}tag".into())),
            "the tag must be one line of text without control characters",
        ),
        (
            with(&|c| c.needs.push(need(Need::Fun, "line\nbreak"))),
            "must be one line of text without control characters",
        ),
        (
            with(&|c| {
                c.follow_ups = vec![
                    NewFollowUp {
                        owner: Owner::Me,
                        text: "a fine one".into(),
                        due_on: None,
                    },
                    NewFollowUp {
                        owner: Owner::Them,
                        text: "   ".into(),
                        due_on: None,
                    },
                ]
            }),
            "the follow-up cannot be empty",
        ),
        (
            with(&|c| c.acknowledgement = Some("x".repeat(1001))),
            "the acknowledgement can have at most 1000 characters",
        ),
    ];
    for (input, words) in &refused_conversations {
        let what = format!("{input:?}");
        let what = &what[..what.len().min(120)];
        refused(what, store.save_conversation(input).map(|_| ()), words);
        refused(
            &format!("as an update: {what}"),
            store.update_conversation(1, input).map(|_| ()),
            words,
        );
    }
    refused(
        "a namesake in capitals",
        store
            .add_person(&NewPerson {
                name: "PRIYA RAMAN".into(),
                ..NewPerson::default()
            })
            .map(|_| ()),
        "already",
    );
    refused(
        "a name of 101 characters",
        store
            .add_person(&NewPerson {
                name: "y".repeat(101),
                ..NewPerson::default()
            })
            .map(|_| ()),
        "a name can have at most 100 characters (this one has 101)",
    );
    let bad_cadence = NewPerson {
        name: "Tom".into(),
        cadence_days: Some(366),
        ..NewPerson::default()
    };
    refused(
        "a cadence of 366",
        store.add_person(&bad_cadence).map(|_| ()),
        "cadence must be a whole number of days from 1 to 365, not 366",
    );
    let bad_edit = PersonPatch {
        role: Some("Engineer".into()),
        cadence_days: Some(0),
        ..PersonPatch::default()
    };
    refused(
        "a cadence of 0",
        store.edit_person(priya, &bad_edit).map(|_| ()),
        "cadence must be a whole number of days from 1 to 365, not 0",
    );
    refused(
        "an edit of nobody",
        store.edit_person(999, &PersonPatch::default()).map(|_| ()),
        "there is no person with id 999",
    );
    let empty_follow_up = NewFollowUp {
        owner: Owner::Me,
        text: " ".into(),
        due_on: None,
    };
    refused(
        "an empty follow-up",
        store.add_follow_up(priya, &empty_follow_up).map(|_| ()),
        "the follow-up cannot be empty",
    );
    let follow_up = NewFollowUp {
        owner: Owner::Me,
        text: "fine".into(),
        due_on: None,
    };
    refused(
        "a follow-up for nobody",
        store.add_follow_up(999, &follow_up).map(|_| ()),
        "there is no person with id 999",
    );
    refused(
        "ticking no follow-up",
        store.set_follow_up_done(999, true).map(|_| ()),
        "there is no follow-up #999",
    );
    let untitled = NewAspiration {
        title: "  ".into(),
        detail: String::new(),
        horizon: String::new(),
        status: rapport::domain::AspirationStatus::Exploring,
    };
    refused(
        "an untitled aspiration",
        store.add_aspiration(priya, &untitled).map(|_| ()),
        "cannot be empty",
    );
    refused(
        "progress on no aspiration",
        store.update_aspiration(999, None, "note", None).map(|_| ()),
        "there is no aspiration #999",
    );
    refused(
        "an empty acknowledgement",
        store
            .add_acknowledgement(priya, at("2026-11-20 10:00"), "")
            .map(|_| ()),
        "the acknowledgement cannot be empty",
    );
    refused(
        "an acknowledgement of nobody",
        store
            .add_acknowledgement(999, at("2026-11-20 10:00"), "fine")
            .map(|_| ()),
        "there is no person with id 999",
    );
    refused(
        "an empty idea",
        store
            .add_idea(priya, "", rapport::domain::IdeaStatus::Heard, "")
            .map(|_| ()),
        "the idea cannot be empty",
    );
    refused(
        "deleting no conversation",
        store
            .delete_record(rapport::store::Record::Conversation, 999)
            .map(|_| ()),
        "there is no conversation #999",
    );
    assert!(
        wrong.is_empty(),
        "refused for another reason:\n{}",
        wrong.join("\n")
    );

    assert_eq!(dump(&journal.path), before, "no refusal wrote anything");
}
