//! Full-text search on a real journal: every kind of text is found, the index follows edits
//! and deletes inside the same transactions, queries people type work, and malformed ones
//! are a sentence rather than an SQL message.

use crate::common;

use chrono::{NaiveDate, NaiveDateTime};
use rapport::domain::{
    AspirationStatus, ConversationInput, ConversationNeed, IdeaStatus, Invalid, Need,
};
use rapport::store::{
    Error, HitKind, MATCH_END, MATCH_START, NewAspiration, ReflectionText, SearchHit, Store,
};

use common::{Journal, fixed_store, person};

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("a test time")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a test date")
}

fn conversation(person_id: i64, when: &str, summary: &str, notes: &str) -> ConversationInput {
    ConversationInput {
        summary: summary.into(),
        notes: notes.into(),
        ..common::one_on_one_at(person_id, at(when))
    }
}

fn search(store: &Store, query: &str) -> Vec<SearchHit> {
    store
        .search(query, None, 50)
        .unwrap_or_else(|e| panic!("{query}: {e}"))
}

fn only(store: &Store, query: &str) -> SearchHit {
    let hits = search(store, query);
    assert_eq!(hits.len(), 1, "{query}: {hits:#?}");
    hits.into_iter().next().expect("one hit")
}

fn matched_words(hit: &SearchHit) -> Vec<String> {
    hit.segments()
        .into_iter()
        .filter(|(_, matched)| *matched)
        .map(|(text, _)| text.to_lowercase())
        .collect()
}

/// A journal with one of every searchable kind, each holding a word found nowhere else.
struct Fixture {
    journal: Journal,
    store: Store,
    priya: i64,
    tom: i64,
    conversation: i64,
    aspiration: i64,
}

fn fixture() -> Fixture {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let priya = person(&mut store, "Priya Raman");
    let tom = person(&mut store, "Tom Baker");
    let mut input = conversation(
        priya,
        "2026-11-20 14:30",
        "Quarterly roadmap chat",
        "We talked about the xylophone offsite.\nShe wants more ownership.",
    );
    input.needs = vec![
        ConversationNeed {
            need: Need::Autonomy,
            state: rapport::domain::NeedState::Met,
            how: "chose the zeppelin approach herself".into(),
        },
        ConversationNeed {
            need: Need::Fun,
            state: rapport::domain::NeedState::Met,
            how: String::new(),
        },
    ];
    input.tags = vec!["kumquat".into()];
    input.acknowledgement = Some("A marvellous migration demo".into());
    input.idea = Some("Walrus-themed standups".into());
    let conversation = store
        .save_conversation(&input)
        .expect("saved")
        .conversation_id;
    let aspiration = store
        .add_aspiration(
            priya,
            &NewAspiration {
                title: "Become a staff engineer".into(),
                detail: "Lead the quokka platform work".into(),
                horizon: "two years".into(),
                status: AspirationStatus::Exploring,
            },
        )
        .expect("aspiration")
        .id;
    store
        .update_aspiration(
            aspiration,
            Some(AspirationStatus::Active),
            "Narwhal design doc shared",
            None,
        )
        .expect("progress");
    store
        .save_reflection(
            "2026-W47",
            &ReflectionText {
                went_well: "Obsidian clarity in the 1:1s".into(),
                ..ReflectionText::default()
            },
        )
        .expect("reflection");
    Fixture {
        journal,
        store,
        priya,
        tom,
        conversation,
        aspiration,
    }
}

#[test]
fn every_indexed_kind_is_found_with_its_person_date_and_target() {
    let f = fixture();
    let store = &f.store;
    let cases = [
        (
            "roadmap",
            HitKind::Conversation,
            f.conversation,
            "2026-11-20",
        ),
        (
            "xylophone",
            HitKind::Conversation,
            f.conversation,
            "2026-11-20",
        ),
        ("zeppelin", HitKind::Need, f.conversation, "2026-11-20"),
        ("kumquat", HitKind::Tag, f.conversation, "2026-11-20"),
        ("quokka", HitKind::Aspiration, f.aspiration, "2026-11-23"),
        (
            "narwhal",
            HitKind::AspirationUpdate,
            f.aspiration,
            "2026-11-23",
        ),
    ];
    for (word, kind, item, day) in cases {
        let hit = only(store, word);
        assert_eq!(hit.kind, kind, "{word}");
        assert_eq!(hit.item_id, item, "{word}");
        assert_eq!(hit.person_id, Some(f.priya), "{word}");
        assert_eq!(hit.person_name.as_deref(), Some("Priya Raman"), "{word}");
        assert_eq!(hit.date, date(day), "{word}");
        assert_eq!(matched_words(&hit), [word], "{word}: {:?}", hit.snippet);
        assert!(hit.rank.is_finite());
    }
    let ack = only(store, "marvellous");
    assert_eq!(ack.kind, HitKind::Acknowledgement);
    assert_eq!(ack.date, date("2026-11-20"));
    assert_eq!(
        f.journal.rows(&format!(
            "SELECT text FROM acknowledgement WHERE id = {}",
            ack.item_id
        )),
        ["A marvellous migration demo"]
    );
    let idea = only(store, "walrus");
    assert_eq!(idea.kind, HitKind::Idea);
    assert_eq!(
        f.journal.rows(&format!(
            "SELECT text FROM idea WHERE id = {}",
            idea.item_id
        )),
        ["Walrus-themed standups"]
    );
    let reflection = only(store, "obsidian");
    assert_eq!(reflection.kind, HitKind::Reflection);
    assert_eq!(reflection.person_id, None);
    assert_eq!(reflection.person_name, None);
    assert_eq!(
        reflection.date,
        date("2026-11-16"),
        "the Monday of 2026-W47"
    );
    // A need without a note on how is not indexed, so its name alone finds nothing.
    assert!(search(store, "fun").is_empty());
    // Accents are ignored both ways.
    assert_eq!(only(store, "marvéllous").kind, HitKind::Acknowledgement);
}

#[test]
fn results_follow_edits_and_deletes() {
    let mut f = fixture();
    let mut changed = conversation(
        f.tom,
        "2026-11-21 09:00",
        "Budget review",
        "The gazebo budget is tight.",
    );
    changed.tags = vec!["persimmon".into()];
    changed.needs = vec![ConversationNeed {
        need: Need::Security,
        state: rapport::domain::NeedState::Met,
        how: "explained the trellis of pay bands".into(),
    }];
    f.store
        .update_conversation(f.conversation, &changed)
        .expect("updated");
    for gone in ["roadmap", "xylophone", "zeppelin", "kumquat"] {
        assert!(search(&f.store, gone).is_empty(), "{gone} is gone");
    }
    for (word, kind) in [
        ("gazebo", HitKind::Conversation),
        ("trellis", HitKind::Need),
        ("persimmon", HitKind::Tag),
    ] {
        let hit = only(&f.store, word);
        assert_eq!(hit.kind, kind, "{word}");
        assert_eq!(hit.person_name.as_deref(), Some("Tom Baker"), "{word}");
        assert_eq!(hit.date, date("2026-11-21"), "{word}");
    }
    // Moving a conversation to another person and day carries its tags along.
    let mut moved = changed.clone();
    moved.person_id = f.priya;
    moved.happened_at = at("2026-11-22 10:00");
    f.store
        .update_conversation(f.conversation, &moved)
        .expect("moved");
    for word in ["gazebo", "trellis", "persimmon"] {
        let hit = only(&f.store, word);
        assert_eq!(hit.person_id, Some(f.priya), "{word}");
        assert_eq!(hit.date, date("2026-11-22"), "{word}");
    }

    // An idea's answer, and a rewritten reflection (an upsert), are searchable at once.
    let idea = only(&f.store, "walrus").item_id;
    f.store
        .answer_idea(idea, IdeaStatus::Trying, "Try it with the pelican squad")
        .expect("answered");
    assert_eq!(only(&f.store, "pelican").kind, HitKind::Idea);
    f.store
        .save_reflection(
            "2026-W47",
            &ReflectionText {
                notes: "Tangerine focus next week".into(),
                ..ReflectionText::default()
            },
        )
        .expect("rewritten");
    assert!(search(&f.store, "obsidian").is_empty());
    assert_eq!(only(&f.store, "tangerine").kind, HitKind::Reflection);

    // Deleting the conversation takes its text, needs and tags out of the index.
    f.store
        .delete_record(rapport::store::Record::Conversation, f.conversation)
        .expect("deleted");
    for word in ["gazebo", "trellis", "persimmon"] {
        assert!(search(&f.store, word).is_empty(), "{word} is gone");
    }
    // What outlives the conversation (its acknowledgement, its idea) is still found.
    assert_eq!(only(&f.store, "marvellous").kind, HitKind::Acknowledgement);
    assert_eq!(
        f.journal.rows("SELECT count(*) FROM search_entry"),
        f.journal.rows("SELECT count(*) FROM search_index"),
        "every index entry is mapped to its source row"
    );
}

/// Follow-ups and talking points are found by a word of their text, as what they are, with
/// their person and day (also through the person filter); a changed text is found by its new
/// words only, and a deleted one not at all.
#[test]
fn follow_ups_and_talking_points_are_found_and_forgotten() {
    let mut f = fixture();
    let follow_up = f
        .store
        .add_follow_up(
            f.priya,
            &rapport::domain::NewFollowUp {
                owner: rapport::domain::Owner::Me,
                text: "Book the marmalade workshop".into(),
                due_on: None,
            },
        )
        .expect("a follow-up");
    let point = f
        .store
        .raise_talking_point(f.tom, rapport::domain::Owner::Them, "The lighthouse rota")
        .expect("a talking point");
    let today = f.store.today();
    for (word, kind, item, person, name) in [
        (
            "marmalade",
            HitKind::FollowUp,
            follow_up.id,
            f.priya,
            "Priya Raman",
        ),
        (
            "lighthouse",
            HitKind::TalkingPoint,
            point.id,
            f.tom,
            "Tom Baker",
        ),
    ] {
        let hit = only(&f.store, word);
        assert_eq!(hit.kind, kind, "{word}");
        assert_eq!(hit.item_id, item, "{word}");
        assert_eq!(hit.person_id, Some(person), "{word}");
        assert_eq!(hit.person_name.as_deref(), Some(name), "{word}");
        assert_eq!(hit.date, today, "{word}");
        assert_eq!(matched_words(&hit), [word], "{word}: {:?}", hit.snippet);
        let theirs = f.store.search(word, Some(person), 10).expect("searched");
        assert_eq!(theirs.len(), 1, "{word} is among {name}'s texts");
        let other = if person == f.priya { f.tom } else { f.priya };
        assert!(
            f.store
                .search(word, Some(other), 10)
                .expect("searched")
                .is_empty()
        );
    }

    f.store
        .delete_record(rapport::store::Record::FollowUp, follow_up.id)
        .expect("deleted");
    f.store
        .delete_record(rapport::store::Record::TalkingPoint, point.id)
        .expect("deleted");
    for word in ["marmalade", "lighthouse"] {
        assert!(search(&f.store, word).is_empty(), "{word} is gone");
    }
    assert_eq!(
        f.journal.rows("SELECT count(*) FROM search_entry"),
        f.journal.rows("SELECT count(*) FROM search_index"),
        "every index entry is mapped to its source row"
    );
}

#[test]
fn phrases_prefixes_operators_and_the_person_filter() {
    let mut f = fixture();
    let input = conversation(
        f.tom,
        "2026-11-19 11:00",
        "Ownership talk",
        "He wants the offsite planning. Xylophone lessons are his hobby.",
    );
    f.store.save_conversation(&input).expect("saved");

    let phrase = search(&f.store, "\"xylophone offsite\"");
    assert_eq!(phrase.len(), 1, "{phrase:#?}");
    assert_eq!(phrase[0].person_name.as_deref(), Some("Priya Raman"));
    assert_eq!(
        matched_words(&phrase[0]),
        ["xylophone offsite"],
        "a phrase is one match"
    );
    assert!(search(&f.store, "\"offsite xylophone\"").is_empty());

    let prefix = search(&f.store, "xylo*");
    assert_eq!(prefix.len(), 2);
    let prefix_words: Vec<String> = prefix.iter().flat_map(matched_words).collect();
    assert!(
        prefix_words.iter().all(|w| w == "xylophone"),
        "{prefix_words:?}"
    );

    assert_eq!(search(&f.store, "xylophone AND hobby").len(), 1);
    assert_eq!(search(&f.store, "kumquat OR hobby").len(), 2);
    assert_eq!(search(&f.store, "xylophone NOT hobby").len(), 1);
    // Punctuation inside a word is searched as a phrase, not read as syntax.
    assert_eq!(only(&f.store, "walrus-themed").kind, HitKind::Idea);
    assert_eq!(search(&f.store, "one-on-one").len(), 0);

    let toms = f
        .store
        .search("xylophone", Some(f.tom), 10)
        .expect("searched");
    assert_eq!(toms.len(), 1);
    assert_eq!(toms[0].person_id, Some(f.tom));
    assert_eq!(
        f.store.search("xylophone", None, 1).expect("limit").len(),
        1
    );
}

#[test]
fn malformed_queries_are_a_sentence_not_sql() {
    let f = fixture();
    for query in [
        "\"",
        "AND",
        "xylophone AND",
        "(xylophone",
        "OR OR",
        "\"open phrase",
    ] {
        let error = f.store.search(query, None, 10).expect_err(query);
        assert!(
            matches!(error, Error::Invalid(Invalid::SearchQuery(_))),
            "{query}: {error:?}"
        );
        assert!(error.is_input(), "{query}");
        let sentence = error.to_string();
        assert!(
            sentence.contains("is not a search I understand"),
            "{sentence}"
        );
        for sql_word in ["fts5", "syntax error", "SQL", "MATCH"] {
            assert!(!sentence.contains(sql_word), "{query}: {sentence}");
        }
    }
    assert!(matches!(
        f.store.search("   ", None, 10),
        Err(Error::Invalid(Invalid::Empty(_)))
    ));
}

#[test]
fn marker_characters_in_notes_cannot_fake_a_match() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let priya = person(&mut store, "Priya Raman");
    let notes = format!("odd {MATCH_START}fake{MATCH_END} markers around pomegranate");
    store
        .save_conversation(&conversation(priya, "2026-11-20 14:30", "", &notes))
        .expect("saved");
    let hit = only(&store, "pomegranate");
    assert_eq!(matched_words(&hit), ["pomegranate"], "{:?}", hit.snippet);
    assert_eq!(hit.snippet.matches(MATCH_START).count(), 1);
    assert_eq!(hit.snippet.matches(MATCH_END).count(), 1);
    // The markers still separate words, as spaces would.
    assert_eq!(only(&store, "fake").kind, HitKind::Conversation);
}

/// The page of hits is read in one statement after the ranking: each hit must still carry its
/// own snippet and person, and the page must stay in rank order (best first).
#[test]
fn a_page_of_prefix_hits_keeps_rank_order_and_each_hit_its_own_snippet() {
    let journal = Journal::new();
    let mut store = fixed_store(&journal);
    let priya = person(&mut store, "Priya Raman");
    let tom = person(&mut store, "Tom Baker");
    // Fewer planning words in longer texts rank lower; alternate people so a mix-up shows.
    let texts = [
        "planning planned planner",
        "planning and the roadmap, with a long aside about lunch and the weather today",
        "planned: the offsite, the budget, the hiring loop, the on-call rota and the party",
        "planner planning",
        "planning",
    ];
    for (n, text) in texts.iter().enumerate() {
        let who = if n % 2 == 0 { priya } else { tom };
        let when = format!("2026-11-{:02} 10:00", 10 + n);
        store
            .save_conversation(&conversation(who, &when, &format!("Talk {n}"), text))
            .expect("saved");
    }
    let hits = store.search("plan*", None, 50).expect("searched");
    assert_eq!(hits.len(), texts.len(), "{hits:#?}");
    assert!(
        hits.windows(2).all(|pair| pair[0].rank <= pair[1].rank),
        "best first: {hits:#?}"
    );
    for hit in &hits {
        let n: usize = hit
            .snippet
            .split_whitespace()
            .skip_while(|w| *w != "Talk")
            .nth(1)
            .and_then(|w| w.trim_matches(|c: char| !c.is_ascii_digit()).parse().ok())
            .unwrap_or_else(|| panic!("the snippet names its talk: {}", hit.snippet));
        let expected = if n.is_multiple_of(2) {
            "Priya Raman"
        } else {
            "Tom Baker"
        };
        assert_eq!(hit.person_name.as_deref(), Some(expected), "{hit:#?}");
        assert_eq!(
            hit.date,
            date(&format!("2026-11-{:02}", 10 + n)),
            "{hit:#?}"
        );
        assert!(matched_words(hit).iter().all(|w| w.starts_with("plan")));
    }
}
