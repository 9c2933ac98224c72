//! What the store's own tests start from: a journal in a temporary folder with one person,
//! and a plain 1:1 to save in it.

use chrono::NaiveDateTime;
use tempfile::TempDir;

use super::Store;
use crate::domain::{ConversationInput, ConversationKind, NewPerson};

/// A new journal in a temporary folder (there while the `TempDir` lives) with Priya in
/// it, and her id.
pub(super) fn with_priya() -> (TempDir, Store, i64) {
    let dir = TempDir::new().expect("a temp dir");
    let mut store =
        Store::open_with_clock(&dir.path().join("journal.db"), crate::clock::test_clock())
            .expect("opens");
    let priya = store
        .add_person(&NewPerson {
            name: "Priya".into(),
            ..Default::default()
        })
        .expect("a person");
    (dir, store, priya.id)
}

/// A 1:1 with `person_id` at `at` that holds nothing but `summary`.
pub(super) fn one_on_one(person_id: i64, summary: &str, at: NaiveDateTime) -> ConversationInput {
    ConversationInput {
        person_id,
        happened_at: at,
        kind: ConversationKind::OneOnOne,
        mood: None,
        stance: None,
        summary: summary.into(),
        notes: String::new(),
        needs: Vec::new(),
        tags: Vec::new(),
        follow_ups: Vec::new(),
        acknowledgement: None,
        idea: None,
    }
}
