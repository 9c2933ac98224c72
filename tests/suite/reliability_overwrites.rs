//! Text that is overwritten (a person's name and profile, a rewritten reflection, a new
//! answer to an idea) leaves no trace in the journal or its WAL while the journal stays open,
//! as deleted notes do not.

use crate::common;

use common::{Journal, side_file};
use rapport::domain::{IdeaStatus, PersonPatch};
use rapport::store::ReflectionText;

#[test]
fn overwritten_names_profiles_reflections_and_answers_leave_no_trace() {
    let journal = Journal::new();
    let mut store = common::fixed_store(&journal);
    let ana = common::person(&mut store, "Zqxoldname Souza");
    store
        .edit_person(
            ana,
            &PersonPatch {
                strengths: Some("zqxoldstrength".into()),
                would_change: Some("zqxoldwish".into()),
                ..PersonPatch::default()
            },
        )
        .expect("a profile");
    store
        .edit_person(
            ana,
            &PersonPatch {
                name: Some("Ana Souza".into()),
                strengths: Some("patience".into()),
                would_change: Some("fewer meetings".into()),
                ..PersonPatch::default()
            },
        )
        .expect("edited");
    let first = ReflectionText {
        went_well: "zqxoldreflection".into(),
        ..ReflectionText::default()
    };
    store
        .save_reflection("2026-W48", &first)
        .expect("a reflection");
    let second = ReflectionText {
        went_well: "a calmer week".into(),
        ..ReflectionText::default()
    };
    store
        .save_reflection("2026-W48", &second)
        .expect("rewritten");
    let idea = store
        .add_idea(ana, "pair on the rota", IdeaStatus::Heard, "zqxoldanswer")
        .expect("an idea");
    store
        .answer_idea(idea.id, IdeaStatus::Heard, "we will try it")
        .expect("answered");

    // The store is still open, as in the interface.
    for marker in [
        "zqxoldname",
        "zqxoldstrength",
        "zqxoldwish",
        "zqxoldreflection",
        "zqxoldanswer",
    ] {
        for file in [journal.path.clone(), side_file(&journal.path, "-wal")] {
            assert!(
                !common::bytes_contain(&file, marker),
                "{marker} is still in {}",
                file.display()
            );
        }
    }
    assert_eq!(store.person(ana).expect("Ana").name, "Ana Souza");
}
